"""Currency symbols and words, read as ISO 4217 codes.

Decisions:

* A currency may stand before the number (``$200 billion``, ``€20m``, ``US$5``, ``EUR 3 bn``,
  also the Markdown-escaped ``\\$`` found in the reports) or after it, directly or after
  ``de``/``d'`` (``200 milliards d'euros``, ``11,8 billions de dollars``, ``20 Md€``,
  ``50 Billion Euro``).
* A bare ``$`` is the US dollar (``C$``, ``A$``, ``HK$`` are read as CAD, AUD, HKD); ``¥`` is
  ambiguous (yen or yuan) and is not read.
* ``won`` (KRW) is read only after a number, where it cannot be the verb.
* ``livre(s)`` is a pound sterling only with ``sterling`` or after a scale word
  (``3 millions de livres``), since ``3 livres`` are three books.
* A sentence that states a currency once carries it to later amounts of the same sentence that
  have a scale word but no currency (``50 milliards d'euros ..., dont 20 milliards``): that is
  the figure reader's job (``figures.py``); here only the reading of the words.
* :data:`UNSTATED` (``XXX``, the ISO 4217 code for "no currency") marks an amount with a scale
  word whose currency is stated nowhere in the sentence (``Les États-Unis investissent 119
  milliards``).
"""

from __future__ import annotations

import re

UNSTATED = "XXX"

_SP = "[ \u00a0\u202f]"

_SYMBOLS_BEFORE = {
    "US$": "USD",
    "US\\$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "HK$": "HKD",
    "$": "USD",
    "\\$": "USD",
    "€": "EUR",
    "£": "GBP",
    "USD": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
    "CHF": "CHF",
    "CNY": "CNY",
    "JPY": "JPY",
    "RMB": "CNY",
}

#: A currency written just before a number ("$", "€", "US$", "EUR "), anchored at the end.
CURRENCY_BEFORE = re.compile(
    rf"(?:(?<![\w$])(?P<code>USD|EUR|GBP|CHF|CNY|JPY|RMB){_SP}?|(?P<sym>(?:(?<![A-Za-z])(?:US|CA|C|AU|A|HK))?"
    rf"\\?\$|€|£){_SP}?)\Z"
)

_WORDS_AFTER = [
    (r"euros?|euro", "EUR"),
    (r"dollars?{_SP}+(?:américains|americains|US|des{_SP}+États-Unis)", "USD"),
    (r"dollars?{_SP}+(?:canadiens)", "CAD"),
    (r"dollars?{_SP}+(?:australiens)", "AUD"),
    (r"US{_SP}?dollars?|dollars?", "USD"),
    (r"livres?{_SP}+sterling|pounds?{_SP}+sterling|pounds?|sterling", "GBP"),
    (r"francs?{_SP}+suisses|swiss{_SP}+francs?", "CHF"),
    (r"yuans?|renminbis?", "CNY"),
    (r"yens?", "JPY"),
    (r"wons?", "KRW"),
]
#: Every ISO 4217 code the extractor can give a figure (XXX aside): fx_rates must cover them all.
CURRENCY_CODES = tuple(sorted(set(_SYMBOLS_BEFORE.values()) | {code for _, code in _WORDS_AFTER}))

_CODES_AFTER = r"US\$|USD|EUR|GBP|CHF|CNY|JPY|RMB|€|\\?\$|£"
_WORD_CODES = [(re.compile(rf"(?i:{p.format(_SP=_SP)})\Z"), c) for p, c in _WORDS_AFTER]

#: A currency written after a number (or after its scale word).
CURRENCY_AFTER = re.compile(
    rf"{_SP}*(?:(?P<de>(?i:de|d['’])){_SP}*)?(?:(?P<word>(?i:"
    + "|".join(p.format(_SP=_SP) for p, _ in _WORDS_AFTER)
    + rf"))(?![^\W_])|(?P<code>{_CODES_AFTER})(?![A-Za-z]))"
)
#: "livres" alone, read as GBP only after a scale word.
POUNDS_AFTER_SCALE = re.compile(rf"{_SP}*(?:(?i:de|d['’]){_SP}*)?(?P<word>(?i:livres?))(?![^\W_])")


def currency_code(token: str) -> str | None:
    """ISO 4217 code of a currency symbol, code or word (``"d'euros"`` -> ``"EUR"``)."""
    t = token.strip(" \u00a0\u202f")
    t = re.sub(r"(?i)^(?:de|d['’])[ \u00a0\u202f]*", "", t)
    if t in _SYMBOLS_BEFORE:
        return _SYMBOLS_BEFORE[t]
    for pattern, code in _WORD_CODES:
        if pattern.match(t):
            return code
    if t.lower() in ("livre", "livres"):
        return "GBP"
    return None


def currency_before(text: str, start: int) -> tuple[str, int] | None:
    """The currency written just before ``text[start]``: (code, start of the symbol) or None."""
    m = CURRENCY_BEFORE.search(text, max(0, start - 6), start)
    if m is None:
        return None
    token = m.group("code") or m.group("sym")
    code = currency_code(token)
    if code is None:
        return None
    return code, m.start()


def currency_after(text: str, pos: int, *, after_scale: bool) -> tuple[str, int] | None:
    """The currency written at ``text[pos:]``: (code, end) or None.

    ``de``/``d'`` before the currency word is admitted only after a scale word
    (``200 milliards d'euros``, not ``200 d'euros``).
    """
    m = CURRENCY_AFTER.match(text, pos)
    if m is not None and (after_scale or not m.group("de")):
        token = m.group("word") or m.group("code")
        code = currency_code(token)
        if code is not None:
            return code, m.end()
    if after_scale:
        m = POUNDS_AFTER_SCALE.match(text, pos)
        if m is not None:
            return "GBP", m.end()
    return None
