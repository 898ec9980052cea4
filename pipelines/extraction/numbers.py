"""Numbers written with digits, and the scale words that multiply them.

Rules (each one lives here, and only here):

* **Digit formats.** Thousands may be grouped with a space, a no-break space (U+00A0) or a
  narrow no-break space (U+202F): ``4 000``, ``200 000``; or with an apostrophe, straight or
  typographic, as Swiss texts write them: ``219'000``, ``114’700``. A group of three digits after a
  space is always a thousands group. With no space grouping:

  - both ``,`` and ``.`` present: the last one is the decimal mark (``1,234.5``, ``1.234,5``);
  - the same mark repeated: thousands (``1,000,000``, ``1.000.000``), every group of 3 digits;
  - a single ``,`` followed by exactly three digits is a thousands mark in English
    (``1,500`` = 1500) and a decimal comma in French (``1,500`` = 1.5);
  - a single ``.`` followed by exactly three digits is a thousands mark in French
    (``1.000`` = 1000) and a decimal point in English;
  - otherwise the single mark is the decimal mark (``1,5`` and ``1.5`` are both 1.5).

  The language used is the *phrase* language (see :func:`phrase_language`).
  A number with more than 15 significant digits (``MAX_SIGNIFICANT_DIGITS``: what a 64-bit
  float always holds exactly) or more than 18 integer digits is not read: a value would be
  rounded, or be an identifier. :func:`find_unreadable_numbers` reports it, with numbers in a
  notation these rules do not read (``1e309``, ``10^400``, ``2 × 10**9``), so that the
  extractor rejects them with their text instead of publishing a smaller number or nothing. Ten
  to a power of one or two digits (``10^18``, ``10**12``, ``10¹⁸``, ``10⁻³``) is read exactly
  (:func:`power_of_ten_after`, and the words of ``numbers.power_words``: "10 hoch 18").

* **Scale words.** ``mille``/``thousand`` = 10^3, ``million(s)`` = 10^6, ``milliard(s)`` = 10^9;
  ``billion(s)`` is 10^12 in French and 10^9 in English; ``trillion(s)`` is 10^18 in French
  and 10^12 in English. Abbreviations: ``k``/``K`` 10^3; ``M``/``m``/``mn``/``mln`` 10^6;
  ``Md``/``Mds``/``Mrd``/``Mrds``/``B``/``bn`` 10^9; ``T``/``tn`` 10^12. A one-letter
  abbreviation counts only when glued to the number (``10K``, ``$84B``, ``€20m``) or glued to
  a currency symbol (``20 M€``); ``m`` alone after a number is a metre, so it only counts
  when a currency is stated.

* **Phrase language** decides ``billion``: a French report may cite an English title. The
  cues, strongest first: ``billion(s) de``/``d'`` is French; ``bn``, ``tn``, ``B`` and a
  capitalised ``Billion`` are English; a decimal comma is French and a decimal point is
  English; a ``$`` written before the number is English; then a vote of function words
  around the number (``de, des, le, la, en``... against ``to, in, the, of, for``...); a tie
  gives the document's language.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from functools import cache

from pipelines.extraction import languages as language_rules

SPACE_CHARS = " \u00a0\u202f"
_SP = "[ \u00a0\u202f]"

#: Marks that group thousands like a space: the apostrophe of Swiss usage ("219'000", "114’700"),
#: written too as an opening quote or a modifier apostrophe by some fonts and editors ("13‘305").
GROUP_MARKS = "'’‘ʼ"
#: A number written with digits (no sign, no scale): grouped by spaces or apostrophes, or plain
#: with , and . marks.
DIGITS = rf"(?:\d{{1,3}}(?:(?:{_SP}|[{GROUP_MARKS}])\d{{3}}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"

def _by_length(words: Iterable[str]) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


#: Scale words of every language: lower-case word -> {language: multiplier}. A scale word is
#: found in any language; its value is the phrase language's (``billion``: see module doc).
SCALE_WORDS: dict[str, dict[str, float]] = {
    w.lower(): v for w, v in language_rules.all_values("numbers", "scale_words").items()
}
#: Abbreviations (case-sensitive) of every language -> {language: multiplier}.
SCALE_ABBREVIATIONS: dict[str, dict[str, float]] = language_rules.all_values("numbers", "scale_abbreviations")
#: One-letter scales read only before a currency sign ("1,65 G$"): "5G" is a name.
SCALE_LETTERS_BEFORE_SYMBOL: dict[str, dict[str, float]] = language_rules.all_values(
    "numbers", "scale_letters_before_symbol")
_SYMBOL_ONLY = "".join(sorted(SCALE_LETTERS_BEFORE_SYMBOL))

SCALE_WORD_PATTERN = "(?i:" + "|".join(map(re.escape, _by_length(SCALE_WORDS))) + r")(?![^\W_])"
#: Abbreviations of more than one letter may stand after a space ("200 bn", "1,5 Md€", "5 Mio.").
SCALE_ABBREVIATION_SPACED_PATTERN = (
    "(?:" + "|".join(map(re.escape, _by_length(a for a in SCALE_ABBREVIATIONS if len(a) > 1))) + r")(?![^\W\d_])"
)
#: One-letter abbreviations may stand after a space only when glued to a currency symbol.
SCALE_LETTER_BEFORE_SYMBOL_PATTERN = (
    "(?:[" + "".join(sorted({a for a in SCALE_ABBREVIATIONS if len(a) == 1} | set(SCALE_LETTERS_BEFORE_SYMBOL)))
    + "])(?=[€$£])"
)
#: One-letter abbreviations after a space, where a currency stands before the number ("$316 M",
#: "€50 m"): an amount of money has a scale, not a unit of length (``figures_in_digits``).
SCALE_LETTER_AFTER_CURRENCY = re.compile(
    "[ \u00a0\u202f](?P<abbr>[" + "".join(sorted(a for a in SCALE_ABBREVIATIONS if len(a) == 1)) + r"])(?![^\W_]|[²³])"
)
#: Abbreviations glued to the number ("10K", "84B", "200bn", "20m").
SCALE_ATTACHED_PATTERN = "(?:" + "|".join(map(re.escape, _by_length(SCALE_ABBREVIATIONS))) + (
    f"|[{_SYMBOL_ONLY}](?=[€$£])" if _SYMBOL_ONLY else "") + ")"

# An abbreviation may carry its full stop ("1,5 Mrd. Euro", "500 Mio. US-Dollar"): the stop is
# part of the figure when a word or a currency follows, not when it ends the sentence.
_ABBREVIATION_STOP = r"(?:\.(?=[ \u00a0\u202f]+[^\W\d_]|[ \u00a0\u202f]*[€$£]|-[^\W\d_€$£]|-[€$£]))?"
# a hyphen may join the scale to the number in a compound ("17-Milliarden-Euro-Förderung",
# "1-Mrd.-€-Projekt", "a $500-billion loss")
_SCALE_AFTER = re.compile(
    rf"(?:{_SP}*|-)(?:(?P<word>{SCALE_WORD_PATTERN})|(?P<abbr>{SCALE_ABBREVIATION_SPACED_PATTERN}"
    rf"|{SCALE_LETTER_BEFORE_SYMBOL_PATTERN}){_ABBREVIATION_STOP})"
)

_READ_NUMBER = re.compile(
    rf"\s*(?P<sign>[-−+])?\s*(?P<digits>{DIGITS})(?:(?P<attached>{SCALE_ATTACHED_PATTERN})"
    rf"(?![^\W\d_])|{_SP}*(?P<word>{SCALE_WORD_PATTERN})|{_SP}*(?P<abbr>"
    rf"{SCALE_ABBREVIATION_SPACED_PATTERN}))?\s*"
)

MAX_INTEGER_DIGITS = 18
#: Significant decimal digits a float64 always represents exactly (C's DBL_DIG).
MAX_SIGNIFICANT_DIGITS = 15

_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: Scientific and power notations: "1e309", "2,5E-3", "10^400", "10**9", "3 × 10^5", "10⁶".
_POWER_NOTATION = re.compile(
    rf"(?<![\w.,])(?:\d+(?:[.,]\d+)?{_SP}?[×x·*]{_SP}?)?"
    rf"(?:\d+(?:[.,]\d+)?(?:[eE][+\-−]?\d+|{_SP}?(?:\^|\*\*){_SP}?[+\-−]?\d+)"
    rf"|10[⁺⁻]?[{_SUPERSCRIPT_DIGITS}]+)(?![\w])"
)
#: Ten to a power of one or two digits ("10^18", "10 ^ 15", "10**9", "10¹⁸", "10⁻³"): read exactly
#: (:func:`power_of_ten_after`), so not unreadable; a mantissa before it ("3 × 10^5") or a longer
#: exponent ("10^400") stays unreadable.
_POWER_OF_TEN_AFTER = re.compile(
    rf"{_SP}?(?:\^|\*\*){_SP}?(?P<exp>[+\-−]?\d{{1,2}})(?![\d.,]\d|\d)"
    rf"|(?P<sup>[⁺⁻]?[{_SUPERSCRIPT_DIGITS}]{{1,2}})(?![{_SUPERSCRIPT_DIGITS}])"
)
_SUPERSCRIPT_VALUES = str.maketrans(_SUPERSCRIPT_DIGITS + "⁺⁻", "0123456789+-")


def power_of_ten_after(sentence: str, pos: int, language: str | None = None) -> tuple[int, int] | None:
    """(exponent, end) of a power written right after a ten that ends at ``pos``: in symbols ("^18",
    "**9", "¹⁸") or, with ``language``, in its words (``numbers.power_words``: "hoch 18",
    "puissance 17", "to the power of 18"); None when there is none."""
    m = _POWER_OF_TEN_AFTER.match(sentence, pos)
    if m is None and language is not None:
        words = language_rules.word_pattern(
            language, "numbers", "power_words", rf"{_SP}+(?i:{{words}}){_SP}+(?P<exp>[-−]?\d{{1,2}})(?![\d.,]\d|\d)")
        m = words.match(sentence, pos) if words is not None else None
    if m is None:
        return None
    if m.group("exp") is not None:
        return int(m.group("exp").replace("−", "-")), m.end()
    exponent = int(m.group("sup").translate(_SUPERSCRIPT_VALUES))
    # a superscript one or two after a ten is as likely a note call ("10¹", "10²"): not read as a
    # power (it stays an unreadable row); the powers texts write are 10³ and up, or negative
    return (exponent, m.end()) if abs(exponent) >= 3 else None


# Where a power notation can be (a cheap superset of _POWER_NOTATION, searched first).
_POWER_GATE = re.compile(rf"\d(?:[eE][+\-−]?\d|{_SP}?(?:\^|\*\*|[×x·*]{_SP}?\d)|[⁺⁻{_SUPERSCRIPT_DIGITS}])")
_LONG_GATE = re.compile(r"\d(?:[\d.,]|[ \u00a0\u202f]\d){15}")
_NUMBER_AT_WORD_START = re.compile(rf"(?<![\w.,]){DIGITS}(?![\w])")

def ascii_or_non_ascii(letters: str) -> str:
    """A character class of ``letters`` and every character outside ASCII: a superset of what
    ``(?i)`` may fold onto those letters (``ſ`` ~ ``s``, ``K`` ~ ``k``, ``İ``/``ı`` ~ ``i``), for gates.

    Written as the complement of the other ASCII characters (``[^...]``), which matches the same
    characters as ``[fF\x80-\U0010ffff]``: ``re`` compiles a set holding that range in about 4 ms
    (it fills a table of the 65,536 BMP characters one by one), the complement in 0.03 ms, and each
    language's gates hold dozens of them. Used outside ``(?i)`` only (a negated set folds there).
    """
    keep = {ord(c) for c in letters}  # letters outside ASCII are in the class anyway
    excluded, start = [], None
    for code in range(0x81):
        inside = code < 0x80 and code not in keep
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            excluded.append(f"\\x{start:02x}" if start == code - 1 else f"\\x{start:02x}-\\x{code - 1:02x}")
            start = None
    return f"[^{''.join(excluded)}]"


def first_letter_alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (lower-case literals) grouped by first letter.

    Used in *gates* (see :func:`finditer_at`): each group opens with an explicit character
    class (a superset of the ``(?i)`` variants of the letter), which ``re`` can reject without
    entering the group, instead of trying every word at every position.
    """
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(
        f"{ascii_or_non_ascii(c + c.upper())}(?i:{'|'.join(rest)})"
        for c, rest in sorted(groups.items())
    )


def finditer_at(pattern: re.Pattern[str], gate: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying ``pattern`` only where ``gate`` matches.

    Speed: a big alternation tried at every character is the extractor's main cost; ``gate``
    is a cheap zero-width pattern matching (at least) every position where ``pattern`` can
    start. ``pattern`` must not match the empty string. Same matches as ``finditer``:
    ``pattern.match(text, pos)`` sees the whole text (look-behinds, ``\\b``, ``^``).
    """
    end = 0
    for g in gate.finditer(text):
        pos = g.start()
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m is not None:
            end = m.end()
            yield m


def parse_digits(text: str, language: str) -> float | None:
    """Read a number written with digits (``"1 500,5"``, ``"1,000,000"``); None if malformed."""
    s = text.strip()
    negative = False
    if s and s[0] in "-−+":
        negative = s[0] != "+"
        s = s[1:].strip()
    grouped_by_space = any(c in s for c in SPACE_CHARS + GROUP_MARKS)
    if grouped_by_space:
        s = "".join(c for c in s if c not in SPACE_CHARS + GROUP_MARKS)
    if not s or not s[0].isdigit():
        return None
    commas, dots = s.count(","), s.count(".")
    if grouped_by_space:
        if commas + dots > 1:
            return None
        s = s.replace(",", ".")
    elif commas and dots:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        integer, _, fraction = s.rpartition(decimal)
        if fraction.count(thousands) or integer.count(decimal):
            return None
        if not _valid_groups(integer.split(thousands)):
            return None
        s = integer.replace(thousands, "") + "." + fraction
    elif commas > 1 or dots > 1:
        if commas and dots:
            return None
        mark = "," if commas else "."
        if not _valid_groups(s.split(mark)):
            return None
        s = s.replace(mark, "")
    elif commas == 1:
        integer, fraction = s.split(",")
        if _decimal_mark(language) == "." and len(fraction) == 3 and 1 <= len(integer) <= 3 and integer != "0":
            s = integer + fraction
        else:
            s = integer + "." + fraction
    elif dots == 1:
        integer, fraction = s.split(".")
        if _decimal_mark(language) == "," and len(fraction) == 3 and 1 <= len(integer) <= 3 and integer != "0":
            s = integer + fraction
    integer_part = s.split(".")[0]
    if len(integer_part) > MAX_INTEGER_DIGITS or len(s.replace(".", "").strip("0")) > MAX_SIGNIFICANT_DIGITS:
        return None
    try:
        value = float(s)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    return -value if negative else value


def _valid_groups(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _decimal_mark(language: str) -> str:
    return language_rules.text(language, "numbers", "decimal_mark", ".")


def scale_value(word: str, language: str, reading: tuple[str, ...] = ()) -> tuple[float, str] | None:
    """Value of a scale word or abbreviation, and the language whose meaning was applied.

    The phrase ``language``'s meaning first, then that of the other languages the document is
    read in (``reading``), then any language's: a word that exists in one language only is
    read in that language (``milliard`` in an English phrase).
    """
    meanings = SCALE_ABBREVIATIONS.get(word) or SCALE_LETTERS_BEFORE_SYMBOL.get(word) or SCALE_WORDS.get(word.lower())
    if not meanings:
        return None
    for lang in (language, *reading, *sorted(meanings)):
        if lang in meanings:
            return meanings[lang], lang
    return None  # pragma: no cover - meanings is not empty


def match_scale_after(text: str, pos: int) -> re.Match[str] | None:
    """A scale word or abbreviation starting at ``pos`` (spaces allowed before it)."""
    return _SCALE_AFTER.match(text, pos)


def read_number(text: str, language: str = "fr") -> float:
    """Read a whole string such as ``"1,5 milliard"``, ``"200 000"``, ``"10K"``, ``"3 bn"``.

    The phrase language is taken from the string itself when it gives cues, else ``language``.
    Raises ValueError when the string is not exactly one number (with an optional scale).
    """
    m = _READ_NUMBER.fullmatch(text)
    if m is None:
        raise ValueError(f"not a number: {text!r}")
    phrase = phrase_language(text, m.start("digits"), m.end(), language)
    value = parse_digits(m.group("digits"), phrase)
    if value is None:
        raise ValueError(f"malformed number: {text!r}")
    word = m.group("attached") or m.group("word") or m.group("abbr")
    if word:
        scale = scale_value(word, phrase)
        if scale is None:  # pragma: no cover - the pattern only admits known words
            raise ValueError(f"unknown scale: {word!r}")
        value *= scale[0]
    if m.group("sign") in ("-", "−"):
        value = -value
    return value


_DECIMAL_COMMA = re.compile(r"\d,(?:\d{1,2}|\d{4,})(?!\d)")
_DECIMAL_POINT = re.compile(r"\d\.(?:\d{1,2}|\d{4,})(?!\d)")


@cache
def _phrase_rules(language: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str]]:
    """One language's phrase cues (case-sensitive), symbol cues and function words, compiled."""
    cues = language_rules.words(language, "numbers", "phrase_cues", reading=False)
    symbols = language_rules.words(language, "numbers", "symbol_cues", reading=False)
    function_words = language_rules.words(language, "numbers", "function_words", reading=False)
    return (
        re.compile("|".join(language_rules.fragment_pattern(c) for c in cues)) if cues else None,
        re.compile(language_rules.alternation(symbols) + r"[ \u00a0]?\Z") if symbols else None,
        # a letter of an abbreviation is no word ("u.a.", "z.B.": the "a" of "u.a." is no English article)
        re.compile(r"(?i)(?<![\w'’.])" + language_rules.alternation(function_words) + r"(?![\w'’]|\.\w)"),
    )


def phrase_language(sentence: str, start: int, end: int, default: str) -> str:
    """The language of the phrase around ``sentence[start:end]``, one of those a document in
    ``default`` is read in (see module doc)."""
    candidates = language_rules.reading_languages(default)
    if len(candidates) == 1:
        return default
    rules = {lang: _phrase_rules(lang) for lang in candidates}
    here = sentence[start : end + 16]
    for lang in candidates:
        cues = rules[lang][0]
        if cues is not None and cues.search(here):
            return lang
    number = sentence[start:end]
    for pattern, mark in ((_DECIMAL_COMMA, ","), (_DECIMAL_POINT, ".")):
        if pattern.search(number):
            marked = [lang for lang in candidates if _decimal_mark(lang) == mark]
            if marked:
                return marked[0]
    before = sentence[max(0, start - 4) : start]
    for lang in candidates:
        symbols = rules[lang][1]
        if symbols is not None and symbols.search(before):
            return lang
    window = sentence[max(0, start - 40) : start] + " " + sentence[end : end + 24]
    votes = {lang: len(rules[lang][2].findall(window)) for lang in candidates}
    best = max(votes.values())
    winners = [lang for lang in candidates if votes[lang] == best]
    return default if default in winners or len(winners) > 1 else winners[0]


def find_unreadable_numbers(sentence: str) -> list[tuple[int, int, str]]:
    """``(start, end, why)`` of every number in ``sentence`` that these rules cannot read exactly
    (module doc), sorted and non-overlapping; ``why`` is ``unreadable_notation`` (a power or
    scientific notation) or ``too_many_digits``."""
    found: list[tuple[int, int, str]] = []
    if _POWER_GATE.search(sentence):
        for m in _POWER_NOTATION.finditer(sentence):
            if m.group().startswith("10") and (power := power_of_ten_after(sentence, m.start() + 2)) is not None \
                    and power[1] == m.end():
                continue  # ten to a short power: read exactly (figures_in_digits)
            found.append((m.start(), m.end(), "unreadable_notation"))
    if _LONG_GATE.search(sentence):
        for m in _NUMBER_AT_WORD_START.finditer(sentence):
            text = m.group()
            if sum(c.isdigit() for c in text) > MAX_SIGNIFICANT_DIGITS and all(
                parse_digits(text, lang) is None for lang in language_rules.languages()
            ):
                if not any(a < m.end() and m.start() < b for a, b, _ in found):
                    found.append((m.start(), m.end(), "too_many_digits"))
    return sorted(found)


#: What :func:`find_unreadable_numbers` looks for (the document prefilter reads what they require).
UNREADABLE_PATTERNS = (_POWER_NOTATION, _NUMBER_AT_WORD_START)
