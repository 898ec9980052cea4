"""A figure written with digits: its scale, currency, range, unit, rank or factor.

Decisions:

* Counts: digits with a counted noun give unit ``count`` and ``counted``; digits alone
  (``Les États-Unis ? 161.``) are a count with ``counted`` None. Things are counted in whole
  numbers: ``4.0 campus``, ``2,5 GPU`` are not counts (a version, a name).
* Years: a bare integer 1900-2100 is a year, not a figure, unless a currency, a scale, a unit
  or a counted noun from the table follows (``2000 GPU``). ``FY2025`` is a name.
* Ranks (``8ème``, ``1er``) and factors (``x10``, ``10x``) are read from the suffix glued to the
  digits; ``25x GPU`` is a count (a quantity sign of inventories), not a factor. A ratio written
  with a colon and one digit after it (``10:1``, ``3:2``) is one factor, the first term over the
  second (two digits after a colon are a clock time). A plus glued after a number ("10K+ GPUs",
  "100.000+ Nutzer") is "or more": the bound is ``at_least`` and the unit is read after it.
* A range of digits (``5-6 millions``, ``entre 3,5 et 4,5 milliards``) is read here in one pass
  with its first end, whose scale and currency it shares; the range words are :mod:`ranges`'.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.atoms import GLUED_UNIT
from pipelines.extraction.halves import half_after
from pipelines.extraction.bounded import bounded_figure
from pipelines.extraction.counted import read_counted, unknown_noun
from pipelines.extraction.currencies import currency_after, currency_before
from pipelines.extraction.model import Figure
from pipelines.extraction.not_figures import (
    YEAR_PREPOSITION_BEFORE,
    is_ordinal_after_article,
    is_part_of_a_name,
    is_rank_position_after,
    is_year_with_note,
    looks_like_year,
    ordinal_numbers_a_thing,
)
from pipelines.extraction.numbers import (
    DIGITS,
    SCALE_ATTACHED_PATTERN,
    SCALE_LETTER_AFTER_CURRENCY,
    match_scale_after,
    parse_digits,
    phrase_language,
    power_of_ten_after,
    scale_value,
)
from pipelines.extraction.ranges import change_separator, opens_with_from, range_words
from pipelines.extraction.scale_after import compound_scale
from pipelines.extraction.tails import read_tail, unstated_unit
from pipelines.extraction.units import DURATION_UNITS, MEASURE, NOT_RANK_AFTER, comparative_after, unit_words

__all__ = ["read_digits"]

_SP = "[ \u00a0\u202f]"

@cache
def _spaced_minus(language: str) -> re.Pattern[str]:
    """A minus and a space right before a number, after "(" or a word of ``numbers.sign_before``."""
    words = language_rules.words(language, "numbers", "sign_before")
    opener = rf"\(|(?<![\w'’])(?i:{language_rules.alternation(words)})" if words else r"\("
    return re.compile(rf"(?:{opener})[ \u00a0]*(?P<minus>[-−–])[ \u00a0\u202f]\Z")


#: one thousands-or-decimal mark before exactly three digits ("4,608", "4.608")
_THOUSANDS_ONLY = re.compile(r"\d{1,3}[.,]\d{3}")
_DECIMAL_END = re.compile(r"[.,]\d{1,2}$|[.,]\d{4,}$")
_ORDINALS = frozenset(("ème", "eme", "ère", "ere", "er", "re", "e", "è", "nd", "rd", "st", "th"))
_NEEDS_CURRENCY = frozenset(("m", "T"))
# A plus glued after a number ("10K+ GPUs", "500+"), before a word or the clause's end: "or more".
_PLUS_AFTER = re.compile(r"\+(?=[ \u00a0\u202f]+[^\W\d_]|[ \u00a0\u202f]*(?:[,.;:)]|$))")
# A ratio written with a colon: "10:1", "3:2" (a clock time has two digits after it: "10:30").
_COLON_RATIO = re.compile(r":([1-9])(?![\d:.,]\d|\d)")
# The second end of a range of digits ("5-10kW", "$20-$30 billion"): a currency, digits, a glued scale.
_Q2 = re.compile(
    rf"(?P<cur>(?:US)?\\?\$|€|£)?{_SP}?(?P<digits>{DIGITS})"
    rf"(?:(?P<attached>{SCALE_ATTACHED_PATTERN}))?(?!(?!{GLUED_UNIT})[^\W_])"  # "5-10kW"
)


#: units a half may be added to after the unit ("deux fois et demie", "deux ans et demi")
_HALVED_UNITS = frozenset(("factor", *DURATION_UNITS))


def _scale_after(s: str, pos: int, language: str, doc_language: str) -> tuple[float, str, int, bool] | None:
    """The scale word or abbreviation after a number ending at ``pos``: (multiplier, the language
    whose meaning was read, where it ends, whether it is a word), or None."""
    sm = match_scale_after(s, pos)
    if sm is None:
        return None
    read = scale_value(sm.group("word") or sm.group("abbr"), language, language_rules.reading_languages(doc_language))
    if read is None:
        return None
    return read[0], read[1], sm.end(), bool(sm.group("word"))


@cache
def _rate_per(language: str) -> re.Pattern[str] | None:
    return language_rules.word_pattern(language, "units", "rate_per", r"[ \u00a0\u202f]+(?i:{words})[ \u00a0\u202f]+\d")


@cache
def _averages(language: str) -> re.Pattern[str] | None:
    return language_rules.word_pattern(language, "counted", "averages", r"(?<![^\W_])(?i:{words})(?![^\W_])")


_AVERAGE_REACH = 80  # characters: about a dozen words


def _average_before(s: str, start: int, language: str) -> bool:
    """The number at ``start`` is the first after an average word of its sentence, a few words
    before it (``counted.averages``): "im Schnitt beschäftigen die Startups 14,3 Mitarbeiter"."""
    pattern = _averages(language)
    if pattern is None:
        return False
    last = None
    for last in pattern.finditer(s, max(0, start - _AVERAGE_REACH), start):
        pass
    return last is not None and not any(c.isdigit() for c in s[last.end():start])


def _measured_decimals(digits: str, language: str) -> bool:
    """Decimals written with a decimal comma where the language writes one ("4,1 Start-ups je
    100.000 Einwohner", "2,3 salariés"): a measured average or rate. A version is written with a
    stop in every language ("Industrie 4.0", "Web 2.0"), so a comma there is no version's."""
    return "," in digits and language_rules.text(language, "numbers", "decimal_mark", ".") == ","


def _rate_after(s: str, end: int, language: str) -> bool:
    """A rate's "per" and a number follow the counted noun ending at ``end`` (``units.rate_per``)."""
    pattern = _rate_per(language)
    return pattern is not None and pattern.match(s, end) is not None


@cache
def _rate_opening(language: str) -> re.Pattern[str] | None:
    return language_rules.word_pattern(
        language, "units", "rate_per", r"(?:\A|(?<=[,;:(]))[ \u00a0\u202f]*(?i:{words})[ \u00a0\u202f]+\d")


def _rate_before(s: str, start: int, language: str) -> bool:
    """The sentence or clause opens with a rate's "per" and its base before the number at ``start``
    ("Per 100,000 inhabitants, Berlin has 13.6 start-ups")."""
    pattern = _rate_opening(language)
    return pattern is not None and pattern.search(s, 0, start) is not None


def _decimals_measured(s: str, start: int, end: int, digits: str, language: str, doc_language: str) -> bool:
    """A count with decimals is a measure, not a version or a name ("4.0 campus", "Web 2.0
    companies": things are counted in whole numbers): a rate's ("12,8 Gründungen je 10.000
    Studierende", "Per 100,000 inhabitants, ... 13.6 start-ups"), an average's ("on average 14.3
    employees"), or one written with the language's decimal comma ("4,1 Start-ups")."""
    return (_rate_after(s, end, doc_language) or _rate_before(s, start, doc_language)
            or _average_before(s, start, doc_language) or _measured_decimals(digits, language))


def read_digits(
    s: str, m: re.Match[str], doc_language: str, carried: str | None, floor: int
) -> Figure | None:
    """The figure of an atom of digits ``m`` (see :mod:`atoms`), or None. ``carried``: the currency
    stated earlier in the sentence; ``floor``: where the previous figure ended (a currency symbol
    before the digits is not taken from it)."""
    digits = m.group("digits")
    attached = m.group("attached")
    start = m.start()
    pos = m.end()
    language = phrase_language(s, m.start("digits"), pos, doc_language)
    value = parse_digits(digits, language)
    if value is None:
        return None
    if m.group("sign") in ("-", "−"):
        value = -value
    elif m.group("sign") is None and (minus := _spaced_minus(doc_language).search(s, max(0, start - 12), start)) is not None:
        # "(- 38 %)", "soit - 5,2 %": a minus set apart by a space after an opening parenthesis or a
        # restating word (numbers.sign_before) is the number's sign, French typography's, not a dash
        value, start = -value, minus.start("minus")
    if digits == "10" and not attached and (power := power_of_ten_after(s, pos, doc_language)) is not None:
        # "10^18", "10¹⁸", "10 hoch 18", "10 puissance 17", "10 to the power of 18": ten to that
        # power, one figure whose unit follows the exponent (read apart, "10" and "18
        # Rechenoperationen pro Sekunde" were two wrong figures)
        value, pos = 10.0 ** power[0], power[1]
    powered = digits == "10" and not attached and value != 10.0

    # Ranks (8ème, 1er, "auf den 3. Platz") and factors (x10, 10x).
    if not attached and m.group("sign") is None and is_year_with_note(s, m.start("digits"), pos):
        return None  # "d'ici 20301, ...": 2030 and its note call
    if not attached and is_part_of_a_name(s, m.start("digits"), pos, m.group("xpre") is not None):
        return None  # "Next40/120", "x86-based"
    if not attached and is_ordinal_after_article(s, start, pos):
        if is_rank_position_after(s, pos + 1, doc_language):
            return bounded_figure(doc_language, s, start, pos + 1, value, value, "rank")
        return None  # "im 21. Bezirk", "zum 3. Mal": an ordinal numbering a thing
    if attached in _ORDINALS or m.group("supord"):
        if NOT_RANK_AFTER.match(s, pos) or looks_like_year(digits):
            return None  # "XXIe siècle", "1er trimestre"; a decade: "in den frühen 2030er Jahren"
        if ordinal_numbers_a_thing(s, pos, doc_language):
            return None  # "son 6e data center": an ordinal adjective, not a rank
        return bounded_figure(doc_language, s, start, pos, value, value, "rank")
    if m.group("xpre") or attached in ("x", "×"):
        # "25x GPU", "867x switches": an x glued after a count before what it counts is a
        # quantity sign (inventories and spec sheets), not a factor ("3x faster", "x10")
        if not m.group("xpre") and value == int(value) and value > 1 and not comparative_after(s, pos, doc_language):
            # "10x fewer GPUs" compares (a comparative first), "25x GPU" counts
            noun = read_counted(s, pos, allow_de=False, language=doc_language)
            if noun is None:
                noun = unknown_noun(s, pos, doc_language)
                # a noun outside the table counts only in the plural ("867x switches", not "a
                # 10x jump": a singular noun after a factor is what grows)
                if noun is not None and s[pos:noun[1]].strip().lower().endswith(noun[0].split("_")[-1]):
                    noun = None
            if noun is not None:
                what, end = (noun[0], noun[2]) if len(noun) == 3 else noun
                hardware = noun[1] if len(noun) == 3 else None
                return bounded_figure(doc_language, s, start, end, value, value, "count", counted=what, hardware=hardware)
        return bounded_figure(doc_language, s, start, pos, value, value, "factor")

    if not attached and m.group("sign") is None and (ratio := _COLON_RATIO.match(s, pos)) is not None:
        # "a funding ratio of more than 10:1": one factor, the first term over the second
        factor = value / int(ratio.group(1))
        return bounded_figure(doc_language, s, start, ratio.end(), factor, factor, "factor")

    currency: str | None = None
    before = currency_before(s, start)
    if before is not None and before[1] >= floor:
        currency, start = before

    if (attached in _NEEDS_CURRENCY and currency is None and carried is None
            and MEASURE.match(s, m.start("attached")) is not None
            and currency_after(s, pos, after_scale=True, language=doc_language) is None):
        # a glued letter that a distance word follows, in a sentence with no currency, is a metre
        # ("800m from the border", units.measures), not the scale it is of an amount ("€800m")
        attached, pos = None, m.start("attached")
    scale = 1.0
    scale_language: str | None = None
    if attached:
        # the letter is the amount's scale, so a connector may stand before the currency ("100m d'euros")
        if attached in _NEEDS_CURRENCY and currency is None and currency_after(s, pos, after_scale=True, language=doc_language) is None \
                and read_counted(s, pos, allow_de=True, language=doc_language) is None:
            # "5m" is millions of money, not metres nor a name, unless a noun of the table follows:
            # "3.76m GPUs" are millions of GPUs
            return None
        read = scale_value(attached, language, language_rules.reading_languages(doc_language))
        if read is None:
            return None
        scale, scale_language = read
    else:
        after = _scale_after(s, pos, language, doc_language)
        if after is None and (letter := SCALE_LETTER_AFTER_CURRENCY.match(s, pos)) is not None and (
                currency is not None or currency_after(s, letter.end(), after_scale=True, language=doc_language) is not None):
            # "$316 M", "€50 m", "100 M d'euros", "20 m dollars": beside a currency, a letter set
            # apart is the amount's scale
            read = scale_value(letter.group("abbr"), language, language_rules.reading_languages(doc_language))
            if read is not None:
                after = read[0], read[1], letter.end(), False
        if after is not None:
            scale, scale_language, pos, word = after
            if word:
                second, pos = compound_scale(s, pos, start, doc_language)
                scale *= second
                if (h := half_after(s, pos, doc_language)) is not None:
                    value, pos = value + 0.5, h  # "2 milliards et demi d'euros"
    scaled = scale_language is not None

    # Ranges.
    low_value = high_value = value
    is_range = False
    ranges = range_words(doc_language)
    between = ranges.between.search(s, max(0, start - 24), start) is not None
    first_unit_end = pos
    sep = None
    if between:
        pct = unit_words(doc_language).percent.match(s, pos)
        cur = currency_after(s, pos, after_scale=scaled, language=doc_language) if pct is None else None
        first_unit_end = pct.end() if pct else (cur[1] if cur else pos)
        if cur is not None:
            currency = currency or cur[0]
        sep = ranges.and_sep.match(s, first_unit_end) or (ranges.sep.match(s, pos) if not scaled else None)
    elif not scaled and not (looks_like_year(digits) and YEAR_PREPOSITION_BEFORE.search(s, max(0, start - 12), start)):
        # "from 70TWh in 2024 to 115TWh": a year after "in" starts no range
        sep = ranges.sep.match(s, pos)
    change = None if between or scaled or looks_like_year(digits) else change_separator(s, start, pos, sep, doc_language)
    if change is not None:
        sep = change
    first_end = pos
    if sep is not None:
        q2 = _Q2.match(s, sep.end())
        if q2 is not None and not (looks_like_year(q2.group("digits")) and not looks_like_year(digits)):
            value2 = parse_digits(q2.group("digits"), language)
            if value2 is not None and change is None and value2 < value and not scaled and \
                    opens_with_from(s, start, sep, doc_language):
                change = sep  # "de 2,5 à 1,3 kilomètres": down from "from", a change, never a range
            if value2 is not None and change is None and value2 <= value:
                value2 = None  # a range goes up: "769 or 22% of startups" are two figures
            if value2 is not None:
                pos2 = q2.end()
                scale2, lang2 = 1.0, None
                if q2.group("attached"):
                    a2 = q2.group("attached")
                    if a2 not in _NEEDS_CURRENCY or currency or q2.group("cur"):
                        read2 = scale_value(a2, language, language_rules.reading_languages(doc_language))
                        if read2 is not None:
                            scale2, lang2 = read2
                    else:
                        value2 = None
                else:
                    after2 = _scale_after(s, pos2, language, doc_language)
                    if after2 is not None:
                        scale2, lang2, pos2, _ = after2
                if value2 is not None:
                    if currency is None and q2.group("cur"):
                        second = currency_before(s, q2.start("digits"))
                        currency = second[0] if second is not None else None
                    if not scaled and lang2 is not None:
                        scale, scale_language = scale2, lang2
                        scaled = True
                    if change is not None:
                        # a change's first end: its own words, the second end's scale and unit
                        return _change_start(s, start, first_end, pos2, value, scale2 if lang2 is not None else scale,
                                             lang2 or scale_language, currency, carried, language, doc_language)
                    low_value = value * scale
                    high_value = value2 * (scale2 if lang2 is not None else scale)
                    is_range = True
                    pos = pos2
    if not is_range:
        low_value = high_value = value * scale

    default_bound = "exact"
    if not is_range and (plus := _PLUS_AFTER.match(s, pos)) is not None:
        # "10K+ GPUs", "100.000+ Nutzer": a plus glued after the number is "or more"
        pos, default_bound = plus.end(), "at_least"
    tail = read_tail(s, pos, scaled=scaled, currency=currency, language=language, doc_language=doc_language)
    if tail.unit is None and currency is not None:
        tail.unit = currency
    end = tail.end
    unit = tail.unit
    if unit == "count" and scaled and currency is None and unstated_unit(s, pos, None) == "FLOPS":
        # "30 millions de milliards d'opérations par seconde": a speed, not a count of operations
        unit, end, tail.counted, tail.hardware = "FLOPS", pos, None, None
    if unit is None:
        if scaled:
            unit = unstated_unit(s, pos, carried)
        elif powered and unstated_unit(s, pos, None) == "FLOPS":
            # "10¹⁸ (un milliard de milliards) d'opérations ... par seconde": a power of ten is an
            # amount like a scale word's, and its clause says what it counts, as for one
            unit = "FLOPS"
        else:
            unit = "count"
    if unit == "count" and not scaled and looks_like_year(digits) and (
        # a year-like number counts only a known noun right after it ("2023 Finanzierungsrunden");
        # "die 2023 verkündete Finanzierungsrunde" is dated, not counted; after a preposition of
        # time or a year's noun it is the year, whatever noun follows ("In 2024 deals worth $5
        # billion", "im Jahr 2024 Investitionen in Höhe von")
        not tail.from_table or len(s[pos:end].split()) > 1
        or YEAR_PREPOSITION_BEFORE.search(s, max(0, start - 16), start)
    ):
        return None
    if unit == "count" and tail.counted and not scaled and not is_range and low_value != int(low_value) and \
            _THOUSANDS_ONLY.fullmatch(digits) and not _rate_after(s, end, doc_language):
        # "4,608 serveurs" in French, "4.608 servers" in English: a count of things is whole, so one
        # mark before three digits groups thousands whatever the language's decimal mark
        low_value = high_value = float(re.sub(r"[.,]", "", digits))
    if unit == "count" and tail.counted and not scaled and _DECIMAL_END.search(digits) and \
            not _decimals_measured(s, start, end, digits, language, doc_language):
        return None  # "4.0 campus": a version or a name
    if unit in _HALVED_UNITS and tail.add:
        low_value += tail.add
        high_value += tail.add
    low_value *= tail.multiplier
    high_value *= tail.multiplier
    return bounded_figure(
        doc_language,
        s,
        start,
        end,
        low_value,
        high_value,
        unit,
        counted=tail.counted,
        hardware=tail.hardware,
        scale_language=scale_language,
        default_bound=default_bound,
    )


def _change_start(s: str, start: int, end: int, pos2: int, value: float, scale: float, scale_language: str | None,
                  currency: str | None, carried: str | None, language: str, doc_language: str) -> Figure:
    """The first value of a change "from X to Y unit": the span of X, read with the scale and the
    unit written after Y (``ranges.change_separator``); Y is then read as a figure of its own."""
    scaled = scale_language is not None
    tail = read_tail(s, pos2, scaled=scaled, currency=currency, language=language, doc_language=doc_language)
    unit = tail.unit or currency or (unstated_unit(s, pos2, carried) if scaled else "count")
    low = value * scale * tail.multiplier + (tail.add if unit == "factor" and tail.add else 0)
    return bounded_figure(doc_language, s, start, end, low, low, unit, counted=tail.counted,
                          hardware=tail.hardware, scale_language=scale_language)
