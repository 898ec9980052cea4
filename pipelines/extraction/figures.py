"""Every quantitative figure of one sentence, read exactly.

``find_figures(sentence, language)`` composes the rule modules:

* :mod:`numbers` reads digits and scale words, and decides the phrase language;
* :mod:`number_words` reads numbers written in words and multiplier words;
* :mod:`currencies` reads currencies (before or after the number);
* :mod:`qualifiers` reads the bound (exact, approx, at_least, at_most);
* :mod:`units` reads percentages, factors, power, durations, ranks;
* :mod:`counted` reads what a count counts and the chip model;
* :mod:`not_figures` says where digits are not figures (footnotes, dates, names...).

Composition decisions (the rest is in the rule modules):

* A figure's span is the number as written with its scale, its currency (before or after) and
  its unit or counted noun (``200 000 GPU H100``, ``200 milliards d'euros``, ``$200 billion``);
  the bound qualifier is outside the span. Spans are sorted and never overlap.
* Ranges: ``5-6 millions``, ``5 à 10 milliards``, ``$20-30 billion``, ``10 to 20``, ``3 ou 4``
  and, after ``entre``/``between``, ``X et Y`` / ``X and Y`` (``entre 3,5 et 4,5 milliards``).
  The scale and the currency written once apply to both ends. ``value`` is the midpoint. When
  the first number carries its own unit and no ``entre``/``between`` precedes (``passée de
  10 % à 70 %``), they are two figures (a change, not a range). Two years are never a range.
* Money: base units (``200 milliards d'euros`` = 2e11 EUR). An amount with a scale word and no
  currency takes the currency stated earlier in the same sentence (``50 milliards d'euros ...
  dont 20 milliards``); with none stated it is ``XXX`` (ISO 4217 "no currency"), unless a
  counted noun follows (``450 millions de consommateurs`` is a count).
* Counts: digits with a counted noun give unit ``count`` and ``counted``; digits alone
  (``Les États-Unis ? 161.``) are a count with ``counted`` None. Numbers in words are figures
  only when they quantify something (a noun, ``fois``, a unit, a scale word): ``Deux ans
  après`` is 2 years, ``les deux continents`` is not a figure (a determiner before the word
  marks a reference, not a quantity).
* Years: a bare integer 1900-2100 is a year, not a figure, unless a currency, a scale, a unit
  or a counted noun from the table follows (``2000 GPU``). ``FY2025`` is a name.
* ``find_figures`` never raises: every reader returns None on what it cannot read.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import NamedTuple

from pipelines.extraction import languages as language_rules
from pipelines.extraction.counted import read_counted, unknown_noun
from pipelines.extraction.currencies import UNSTATED, currency_after, currency_before
from pipelines.extraction.model import Figure
from pipelines.extraction.not_figures import blocked_spans, is_blocked, looks_like_year, ranked_spans
from pipelines.extraction.number_words import (
    first_prefixes,
    first_words,
    word_number_pattern,
    read_collective,
    read_divisor,
    read_fraction,
    read_multiplier_verb,
    read_multiplier_word,
    read_number_words,
    word_figures,
    more_than_before,
)
from pipelines.extraction.numbers import (
    DIGITS,
    SCALE_ATTACHED_PATTERN,
    SCALE_WORD_PATTERN,
    finditer_at,
    first_letter_alternation,
    match_scale_after,
    parse_digits,
    phrase_language,
    scale_value,
)
from pipelines.extraction.prefilter import Gate
from pipelines.extraction.prefilter import gate as prefilter_gate
from pipelines.extraction.qualifiers import read_bound
from pipelines.extraction.units import (
    NOT_RANK_AFTER,
    OPERATIONS_AHEAD,
    ORDINAL_SUFFIX_PATTERN,
    PHYSICAL,
    PHYSICAL_WORD_PATTERN,
    comparative_after,
    duration_unit,
    unit_words,
    physical_unit,
    MEASURE,
    measure_unit,
)

__all__ = ["find_figures", "atom_pattern"]

_SP = "[ \u00a0\u202f]"

class _Atoms(NamedTuple):
    pattern: re.Pattern[str]  # every atom (digits, number words, fraction, multiplier words...)
    gate: re.Pattern[str]  # where an atom may start (a superset, see numbers.finditer_at)
    number_gate: re.Pattern[str]  # where an atom of digits may start
    words: Gate | None  # the strings an atom of words requires (prefilter.required)


@cache
def _atoms(language: str) -> _Atoms:
    """The atom pattern of a document in ``language`` (its number words and articles of one) and
    its gates: where an atom may start (a superset, see numbers.finditer_at): a digit, a sign or
    ``x``/``×`` at a word start, or a word that opens a word atom; and where an atom of digits
    may start, for a sentence holding none of the strings an atom of words requires."""
    words = word_figures(language)
    ones = language_rules.words(language, "number_words", "ones") + language_rules.words(
        language, "number_words", "articles_before_scale")
    one = "|".join(re.escape(o) for o in sorted(ones, key=lambda o: -len(o)))
    word_atoms = (
        rf"(?P<frac>{words.fraction})"
        rf"|(?P<mverb>{words.multiplier_verb})"
        rf"|(?P<div>{words.division})"
        rf"|(?P<mult>{words.multiplier})"
        rf"|(?P<coll>{words.collective})"
        rf"|(?P<one>(?<![\w])(?i:{one}){_SP}+)"
        rf"(?={SCALE_WORD_PATTERN}|{PHYSICAL_WORD_PATTERN}|(?:kW|MW|GW|TW)h?(?![^\W_]))"  # "un GW", "one MW"
    )
    number_words = rf"(?P<words>{word_number_pattern(language)})"
    atom = re.compile(
        rf"{word_atoms}"
        rf"|(?P<num>(?:(?P<xpre>(?<!\w)[x×]{_SP}?)|(?P<sign>(?<![\w.,])[-−+])|(?<![\w.,]))"
        rf"(?<![^\W\d_]-)(?P<digits>{DIGITS})"
        rf"(?:(?P<attached>{SCALE_ATTACHED_PATTERN}|x|×|{ORDINAL_SUFFIX_PATTERN})"
        rf"|(?P<supord><sup>(?:er|re|e|ème)</sup>))?(?!(?!{_GLUED_UNIT})[^\W_]))"
        rf"|{number_words}"
    )
    gate = re.compile(
        rf"(?<!\w)(?=[\d+\-−x×]|(?:{first_letter_alternation(first_words(language) | {o.lower() for o in ones})})(?!\w)"
        rf"|(?:{first_letter_alternation(first_prefixes(language))}))"
    )
    number_gate = re.compile(r"(?<!\w)(?=[\d+\-−x×])")
    return _Atoms(atom, gate, number_gate, prefilter_gate([re.compile(f"{word_atoms}|{number_words}")]))


def atom_pattern(language: str) -> re.Pattern[str]:
    """What every figure of :func:`find_figures` starts from (digits, number words, multiplier,
    fraction and collective words), for a document in ``language`` (a resource code)."""
    return _atoms(language).pattern


_DECIMAL_END = re.compile(r"[.,]\d{1,2}$|[.,]\d{4,}$")
_ORDINALS = frozenset(("ème", "eme", "ère", "ere", "er", "re", "e", "è", "nd", "rd", "st", "th"))
_NEEDS_CURRENCY = frozenset(("m", "T"))


class _RangeWords(NamedTuple):
    sep: re.Pattern[str]      # "5 à 10", "5-10", "5 to 10", "5 bis 10"
    and_sep: re.Pattern[str]  # "entre 3 et 5", "between 3 and 5", "zwischen 3 und 5"
    between: re.Pattern[str]


@cache
def _range_words(language: str) -> _RangeWords:
    """Range words of a document in ``language`` (``ranges`` in its resources)."""
    to = language_rules.alternation(language_rules.words(language, "ranges", "to"))
    and_ = language_rules.alternation(language_rules.words(language, "ranges", "and"))
    between = language_rules.alternation(language_rules.words(language, "ranges", "between"))
    return _RangeWords(
        sep=re.compile(rf"{_SP}?[-–—]{_SP}?|{_SP}+(?i:{to}){_SP}+"),
        and_sep=re.compile(rf"{_SP}+(?i:{and_}){_SP}+"),
        between=re.compile(rf"(?i:(?<![\w'’]){between}[ \u00a0\u202f]+)\Z"),
    )

# Unit symbols written glued to the digits ("100MW", "64GB", "40ha"): a letter after a number
# is allowed only where one of them starts (units.py reads them).
_GLUED_UNIT = r"(?:[kMGT]Wh?|[kMGTPE]B|[TPE](?:FLOP|flop)|m2|m²|km2?|km²|ha)(?![^\W_])"

_Q2 = re.compile(
    rf"(?P<cur>(?:US)?\\?\$|€|£)?{_SP}?(?P<digits>{DIGITS})"
    rf"(?:(?P<attached>{SCALE_ATTACHED_PATTERN}))?(?!(?!{_GLUED_UNIT})[^\W_])"  # "5-10kW"
)
# "les deux continents", "des deux côtés", "the two companies": "both", a reference, not a count.
_DETERMINER_BEFORE = re.compile(
    r"(?i:(?<![\w'’])(?:les|des|ces|leurs|nos|vos|ses|mes|tes|aux|the|these|those|its|their|"
    r"our|your|my|his|her)[ \u00a0\u202f]+)\Z"
)
_BOTH = frozenset(("deux", "two"))
# After "5 billion" in English, these nouns make an amount of money, others a count.
_ENGLISH_MONEY_NOUN = re.compile(
    r"(?:investment|funding|revenue|spending|capex|sale|valuation|capital|budget|profit|loss|"
    r"debt|deal|fund|cost|subsid|grant|loan|market|worth|cash|asset|expenditure|boost|round|plan)"
)
_MONEY_NOUN = re.compile(
    rf"{_SP}*(?:de{_SP}+|d['’]{_SP}?)(?i:capitalisation|capitalization|investissements?|"
    rf"financements?|capitaux|dépenses|revenus|chiffre|valorisation|fonds|budgets?|recettes|"
    rf"crédits|subventions|levées?|pertes?|bénéfices|profits?|ventes|actifs|dettes?)(?![^\W_])"
)


def find_figures(sentence: str, language: str) -> list[Figure]:
    """Every quantitative figure stated in ``sentence``, sorted by start, non-overlapping.

    ``language`` is the document's language (``"fr"`` or ``"en"``); the phrase around each
    number decides its scale words (see :mod:`numbers`).
    """
    if not isinstance(sentence, str) or not sentence:
        return []
    try:
        doc_language = language_rules.normalise(language)
    except ValueError:
        doc_language = "fr"  # find_figures never raises
    figures: list[Figure] = []
    blocked: list[tuple[int, int]] | None = None
    ranked: list[tuple[int, int]] | None = None
    consumed = 0
    carried: str | None = None
    atoms = _atoms(doc_language)
    gate = atoms.gate
    if atoms.words is not None:
        lowered = atoms.words.lowered(sentence)
        if lowered is not None and atoms.words.pattern.search(lowered) is None:
            gate = atoms.number_gate  # no atom of words can match: try digits only
    for m in finditer_at(atoms.pattern, gate, sentence):
        if m.start() < consumed:
            continue
        if m.group("num"):  # only digits can be footnotes, dates, identifiers or names
            if blocked is None:
                blocked = blocked_spans(sentence)
            if blocked and is_blocked(blocked, m.start("digits")):
                continue
        else:  # a number word may be a rank ("auf Platz zwei")
            if ranked is None:
                ranked = ranked_spans(sentence)
            if ranked and is_blocked(ranked, m.start()):
                continue
        figure = _read(sentence, m, doc_language, carried, consumed)
        if figure is None:
            continue
        figures.append(figure)
        consumed = figure.end
        if figure.unit not in (UNSTATED,) and _is_currency(figure.unit) and not figure.counted:
            carried = figure.unit
    if figures and ("dont" in sentence or "includ" in sentence or "of which" in sentence):
        figures = _part_counts(sentence, figures, doc_language)
    if len(figures) > 1:
        figures = _join_written_ranges(sentence, figures, doc_language)
    return figures


# "$60 billion to $65 billion", "22% to 24%", "€30bn–€50bn", "entre 30 milliards d'euros et 50
# milliards d'euros": a range whose two ends each carry their unit. After "de"/"from" ("passée de
# 10 % à 70 %", "from $75bn to $85bn") the two are a change: two figures.
_RANGE_JOIN = re.compile(rf"{_SP}*(?:[-–—]|(?i:to|à|au|jusqu['’]à|et|and)(?![\w'’])){_SP}*\Z")
_CHANGE_BEFORE = re.compile(r"(?i:(?<![\w'’])(?:de|d['’]|du|from))[ \u00a0\u202f]+\Z")


def _join_written_ranges(s: str, figures: list[Figure], doc_language: str) -> list[Figure]:
    out: list[Figure] = []
    for f in figures:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.unit == f.unit and prev.unit not in ("years", "rank")
            and prev.counted == f.counted and prev.hardware == f.hardware
            and prev.bound == "exact" and f.bound == "exact"
            and prev.value_low == prev.value_high and f.value_low == f.value_high
            and 0 <= prev.value_high < f.value_low
            and _RANGE_JOIN.match(s[prev.end:f.start]) is not None
        ):
            joiner = s[prev.end:f.start].strip().lower()
            between = _range_words(doc_language).between.search(s, max(0, prev.start - 24), prev.start) is not None
            if joiner in ("et", "and") and not between:
                out.append(f)
                continue
            if joiner not in ("et", "and") and _CHANGE_BEFORE.search(s, max(0, prev.start - 12), prev.start):
                out.append(f)
                continue
            out[-1] = Figure(prev.start, f.end, (prev.value_low + f.value_high) / 2, prev.value_low, f.value_high,
                             prev.bound, prev.unit, counted=prev.counted, hardware=prev.hardware,
                             scale_language=prev.scale_language or f.scale_language)
            continue
        out.append(f)
    return out


# "six usines supplémentaires, ..., dont une implantée en France": "dont un/une" (", including
# one", "of which one") after a count names one of the things counted.
_PART_OF = re.compile(
    r"(?i:(?<![\w'’])(?:dont|including|of[ \u00a0]+which)[ \u00a0]+)(?:(?P<one>une?|one)(?![\w'’-]))?"
)


def _part_counts(s: str, figures: list[Figure], doc_language: str) -> list[Figure]:
    """Counts after ``dont``/``including`` take what the previous count of the sentence counts.

    ``dont un``/``dont une``/``including one`` is a count of 1 (the article is read as a number
    only there); a count already read right after ``dont`` with nothing counted (``dont 3 en
    France``) takes the counted noun of the count before it. A noun written after the number
    (``dont une usine``) is read as usual and wins.
    """
    out = list(figures)
    for m in _PART_OF.finditer(s):
        previous = [f for f in out if f.end <= m.start() and f.unit == "count" and f.counted]
        if not previous:
            continue
        what = previous[-1].counted
        if m.group("one"):
            start, end = m.start("one"), m.end("one")
            if any(f.start < end and f.end > start for f in out):
                continue
            noun = read_counted(s, end, allow_de=False, language=doc_language)
            if noun is not None:
                what, _, end = noun
            out.append(_figure(doc_language, s, start, end, 1.0, 1.0, "count", counted=what))
            continue
        for i, f in enumerate(out):
            if f.start == m.end() and f.unit == "count" and f.counted is None:
                out[i] = Figure(f.start, f.end, f.value, f.value_low, f.value_high, f.bound, f.unit,
                                what, f.hardware, f.scale_language)
    out.sort(key=lambda f: f.start)
    return out


def _is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper()


def _read(s: str, m: re.Match[str], doc_language: str, carried: str | None, floor: int) -> Figure | None:
    if m.group("num"):
        return _read_digits(s, m, doc_language, carried, floor)
    if m.group("words"):
        return _read_words(s, m, doc_language, carried)
    if m.group("one"):
        return _read_one(s, m, doc_language, carried)
    if m.group("coll"):
        return _read_collective(s, m, doc_language)
    if m.group("frac"):
        value = read_fraction(m, doc_language)
        return _figure(doc_language, s, m.start(), m.end(), value, value, "percent")
    if m.group("mverb"):
        value = read_multiplier_verb(m, doc_language)
        bound = "at_least" if more_than_before(doc_language).search(s, max(0, m.start() - 16), m.start()) else "exact"
        return _figure(doc_language, s, m.start(), m.end(), value, value, "factor", default_bound=bound)
    if m.group("div"):
        value = read_divisor(m, doc_language)
        if value is None:
            return None
        return _figure(doc_language, s, m.start(), m.end(), value, value, "factor")
    return _read_multiplier(s, m, doc_language)


def _figure(
    language: str,
    s: str,
    start: int,
    end: int,
    low: float,
    high: float,
    unit: str,
    *,
    counted: str | None = None,
    hardware: str | None = None,
    scale_language: str | None = None,
    default_bound: str = "exact",
) -> Figure:
    if low > high:
        low, high = high, low
    bound, _ = read_bound(s, start, unit, language)
    if bound == "exact":
        bound = default_bound
    value = low if low == high else (low + high) / 2
    return Figure(
        start=start,
        end=end,
        value=value,
        value_low=low,
        value_high=high,
        bound=bound,
        unit=unit,
        counted=counted,
        hardware=hardware,
        scale_language=scale_language,
    )


class _Tail:
    """What follows a number: its unit, counted noun, and where it ends."""

    __slots__ = ("unit", "multiplier", "add", "counted", "hardware", "end", "from_table")

    def __init__(self, end: int) -> None:
        self.unit: str | None = None
        self.multiplier = 1.0
        self.add = 0.0
        self.counted: str | None = None
        self.hardware: str | None = None
        self.end = end
        self.from_table = False


def _read_tail(s: str, pos: int, *, scaled: bool, currency: str | None, language: str, doc_language: str) -> _Tail:
    """``language``: the phrase's; ``doc_language``: the document's (whose resources are read)."""
    tail = _Tail(pos)
    cur = currency_after(s, pos, after_scale=scaled, language=doc_language)
    if cur is not None:
        tail.unit, tail.end = cur
        return tail
    if currency is not None:
        tail.unit = currency
        return tail
    words = unit_words(doc_language)
    m = words.percentage_point.match(s, pos)
    if m is not None:
        tail.unit, tail.end = "percentage_point", m.end()
        return tail
    m = words.percent.match(s, pos)
    if m is not None:
        tail.unit, tail.end = "percent", m.end()
        return tail
    m = words.factor.match(s, pos)
    if m is not None:
        tail.unit, tail.end = "factor", m.end()
        if m.group("half"):
            tail.add = 0.5
        return tail
    m = PHYSICAL.match(s, pos)
    if m is not None:
        try:
            tail.unit, tail.multiplier = physical_unit(m.group("unit"))
            tail.end = m.end()
            return tail
        except KeyError:
            pass
    m = MEASURE.match(s, pos)
    if m is not None:
        try:
            tail.unit, tail.multiplier = measure_unit(m.group("unit"))
            tail.end = m.end()
            return tail
        except KeyError:
            pass
    m = words.duration.match(s, pos)
    if m is not None:
        tail.unit, tail.end = duration_unit(m.group("unit"), doc_language), m.end()
        return tail
    counted = read_counted(s, pos, allow_de=scaled, language=doc_language)
    if counted is not None:
        tail.unit = "count"
        tail.counted, tail.hardware, tail.end = counted
        tail.from_table = True
        return tail
    if scaled and language != "en":
        return tail  # money with the carried currency, or XXX (decided by the caller)
    noun = unknown_noun(s, pos, language)
    if noun is not None and scaled and _ENGLISH_MONEY_NOUN.match(noun[0]):
        return tail
    if noun is not None:
        tail.unit = "count"
        tail.counted, tail.end = noun
    return tail


def _read_digits(
    s: str, m: re.Match[str], doc_language: str, carried: str | None, floor: int
) -> Figure | None:
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

    # Ranks (8ème, 1er) and factors (x10, 10x).
    if attached in _ORDINALS or m.group("supord"):
        if NOT_RANK_AFTER.match(s, pos) or looks_like_year(digits):
            return None  # "XXIe siècle", "1er trimestre"; a decade: "in den frühen 2030er Jahren"
        return _figure(doc_language, s, start, pos, value, value, "rank")
    if m.group("xpre") or attached in ("x", "×"):
        # "25x GPU", "867x switches": an x glued after a count before what it counts is a
        # quantity sign (inventories and spec sheets), not a factor ("3x faster", "x10")
        if not m.group("xpre") and value == int(value) and value > 1:
            noun = read_counted(s, pos, allow_de=False, language=doc_language)
            if noun is None and not comparative_after(s, pos, doc_language):
                noun = unknown_noun(s, pos, doc_language)
                # a noun outside the table counts only in the plural ("867x switches", not "a
                # 10x jump": a singular noun after a factor is what grows)
                if noun is not None and s[pos:noun[1]].strip().lower().endswith(noun[0].split("_")[-1]):
                    noun = None
            if noun is not None:
                what, end = (noun[0], noun[2]) if len(noun) == 3 else noun
                hardware = noun[1] if len(noun) == 3 else None
                return _figure(doc_language, s, start, end, value, value, "count", counted=what, hardware=hardware)
        return _figure(doc_language, s, start, pos, value, value, "factor")

    currency: str | None = None
    before = currency_before(s, start)
    if before is not None and before[1] >= floor:
        currency, start = before

    scale = 1.0
    scale_language: str | None = None
    if attached:
        if attached in _NEEDS_CURRENCY and currency is None and currency_after(s, pos, after_scale=False, language=doc_language) is None:
            return None
        read = scale_value(attached, language, language_rules.reading_languages(doc_language))
        if read is None:
            return None
        scale, scale_language = read
    else:
        sm = match_scale_after(s, pos)
        if sm is not None:
            read = scale_value(sm.group("word") or sm.group("abbr"), language, language_rules.reading_languages(doc_language))
            if read is not None:
                scale, scale_language = read
                pos = sm.end()
                if sm.group("word"):
                    second, pos = _compound_scale(s, pos, start, doc_language)
                    scale *= second
    scaled = scale_language is not None

    # Ranges.
    low_value = high_value = value
    is_range = False
    ranges = _range_words(doc_language)
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
    elif not scaled:
        sep = ranges.sep.match(s, pos)
    if sep is not None:
        q2 = _Q2.match(s, sep.end())
        if q2 is not None and not (looks_like_year(q2.group("digits")) and not looks_like_year(digits)):
            value2 = parse_digits(q2.group("digits"), language)
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
                    sm2 = match_scale_after(s, pos2)
                    if sm2 is not None:
                        read2 = scale_value(sm2.group("word") or sm2.group("abbr"), language, language_rules.reading_languages(doc_language))
                        if read2 is not None:
                            scale2, lang2 = read2
                            pos2 = sm2.end()
                if value2 is not None:
                    if currency is None and q2.group("cur"):
                        second = currency_before(s, q2.start("digits"))
                        currency = second[0] if second is not None else None
                    if not scaled and lang2 is not None:
                        scale, scale_language = scale2, lang2
                        scaled = True
                    low_value = value * scale
                    high_value = value2 * (scale2 if lang2 is not None else scale)
                    is_range = True
                    pos = pos2
    if not is_range:
        low_value = high_value = value * scale

    tail = _read_tail(s, pos, scaled=scaled, currency=currency, language=language, doc_language=doc_language)
    if tail.unit is None and currency is not None:
        tail.unit = currency
    end = tail.end
    unit = tail.unit
    if unit == "count" and scaled and currency is None and _unstated_unit(s, pos, None) == "FLOPS":
        # "30 millions de milliards d'opérations par seconde": a speed, not a count of operations
        unit, end, tail.counted, tail.hardware = "FLOPS", pos, None, None
    if unit is None:
        if scaled:
            unit = _unstated_unit(s, pos, carried)
        else:
            unit = "count"
    if unit == "count" and not scaled and looks_like_year(digits) and (
        # a year-like number counts only a known noun right after it ("2023 Finanzierungsrunden");
        # "die 2023 verkündete Finanzierungsrunde" is dated, not counted
        not tail.from_table or len(s[pos:end].split()) > 1
    ):
        return None
    if unit == "count" and tail.counted and not scaled and _DECIMAL_END.search(digits):
        return None  # "4.0 campus", "2,5 GPU": things are counted in whole numbers (a version, a name)
    if unit == "factor" and tail.add:
        low_value += tail.add
        high_value += tail.add
    low_value *= tail.multiplier
    high_value *= tail.multiplier
    return _figure(
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
    )


def _read_words(s: str, m: re.Match[str], doc_language: str, carried: str | None) -> Figure | None:
    start = m.start()
    first_word = re.split(r"[\s-]+", m.group("words"), maxsplit=1)[0].lower()
    if first_word in _BOTH and _DETERMINER_BEFORE.search(s, max(0, start - 8), start):
        return None
    if _vague_before(doc_language).search(s, max(0, start - 16), start):
        return None  # "mehrere Tausend", "several hundred": no figure
    read = read_number_words(m.group("words"), doc_language)
    if read is None:
        return None
    value, length = read
    scale, scale_language, pos = _scale_after_words(s, start + length, start, doc_language)
    scaled = scale_language is not None
    if not scaled:
        ranged = _read_word_range(s, start, pos, value, doc_language, carried)
        if ranged is not None:
            return ranged
    tail = _read_tail(s, pos, scaled=scaled, currency=None, language=doc_language, doc_language=doc_language)
    if scaled and tail.unit == "count" and _unstated_unit(s, pos, None) == "FLOPS":
        tail.unit, tail.end, tail.counted, tail.hardware = None, pos, None, None  # operations per second
    unit = tail.unit
    if unit is None:
        if not scaled:
            return None
        unit = _unstated_unit(s, pos, carried)
    value = (value + tail.add) * scale * tail.multiplier
    return _single_figure(doc_language, s, start, tail, value, unit, scale_language)


def _read_word_range(s: str, start: int, pos: int, low: float, doc_language: str, carried: str | None) -> Figure | None:
    """A range written in words whose second end carries the scale and the unit for both ("drei bis
    vier Billionen Dollar", "five to seven years", "trois à quatre milliards d'euros")."""
    ranges = _range_words(doc_language)
    sep = ranges.sep.match(s, pos)
    if sep is None and ranges.between.search(s, max(0, start - 24), start) is not None:
        sep = ranges.and_sep.match(s, pos)  # "zwischen drei und fünf Milliarden Euro"
    if sep is None:
        return None
    second = _word_run(doc_language).match(s, sep.end())
    if second is None:
        return None
    read = read_number_words(second.group(), doc_language)
    if read is None or read[0] <= low:
        return None
    high, length = read
    if len(second.group().split()) > 1 and high >= 100 * low:
        # "two and three thousand GPUs", "zwei bis drei Hundert": the multiplier of the second end
        # is the first's too (2,000 to 3,000, not 2 to 3,000)
        low *= 10 ** (math.floor(math.log10(high)) - math.floor(math.log10(low)))
    scale, scale_language, pos2 = _scale_after_words(s, sep.end() + length, start, doc_language)
    scaled = scale_language is not None
    tail = _read_tail(s, pos2, scaled=scaled, currency=None, language=doc_language, doc_language=doc_language)
    unit = tail.unit
    if unit is None:
        if not scaled:
            return None
        unit = _unstated_unit(s, pos2, carried)
    return _figure(doc_language, s, start, tail.end, (low + tail.add) * scale * tail.multiplier,
                   (high + tail.add) * scale * tail.multiplier, unit, counted=tail.counted,
                   hardware=tail.hardware, scale_language=scale_language)


def _scale_after_words(s: str, pos: int, start: int, doc_language: str) -> tuple[float, str | None, int]:
    """The scale written after a run of number words ending at ``pos`` ("drei Milliarden", "un
    milliard de milliards"): (multiplier, the language whose meaning was read or None, end)."""
    sm = match_scale_after(s, pos)
    if sm is None:
        return 1.0, None, pos
    r = scale_value(sm.group("word") or sm.group("abbr"), phrase_language(s, start, pos, doc_language),
                    language_rules.reading_languages(doc_language))
    if r is None:
        return 1.0, None, pos
    second, end = _compound_scale(s, sm.end(), start, doc_language)
    return r[0] * second, r[1], end


_SCALE_CONNECTOR = re.compile(r"[ \u00a0]+(?:de|d['’])[ \u00a0]*|(?=[ \u00a0]+[^\W\d_])")


def _compound_scale(s: str, pos: int, start: int, doc_language: str) -> tuple[float, int]:
    """A second scale word right after a first ("un milliard de milliards", "einer Milliarde
    Milliarden": 10^18): (its multiplier, the end of the words); (1, pos) when there is none."""
    c = _SCALE_CONNECTOR.match(s, pos)
    if c is None:
        return 1.0, pos
    sm = match_scale_after(s, c.end())
    if sm is None or not sm.group("word"):
        return 1.0, pos
    r = scale_value(sm.group("word"), phrase_language(s, start, pos, doc_language),
                    language_rules.reading_languages(doc_language))
    return (r[0], sm.end()) if r is not None else (1.0, pos)


def _unstated_unit(s: str, pos: int, carried: str | None) -> str:
    """The unit of an amount of a scale word with no unit of its own: FLOPS when its clause goes
    on to operations per second (units.OPERATIONS_AHEAD), else the carried currency or none."""
    if OPERATIONS_AHEAD is not None and OPERATIONS_AHEAD.match(s, pos):
        return "FLOPS"
    return carried or UNSTATED


@cache
def _vague_before(language: str) -> re.Pattern[str]:
    words = language_rules.words(language, "number_words", "vague_before")
    return re.compile(rf"(?i:(?<![\w'’]){language_rules.alternation(words)}){_SP}+\Z" if words else r"(?!x)x")


@cache
def _word_run(language: str) -> re.Pattern[str]:
    return re.compile(word_number_pattern(language))


def _single_figure(doc_language: str, s: str, start: int, tail, value: float, unit: str, scale_language: str | None) -> Figure | None:
    """A single figure ending where its tail (currency, unit, counted noun) ends."""
    return _figure(doc_language, s, start, tail.end, value, value, unit, counted=tail.counted, hardware=tail.hardware,
                   scale_language=scale_language)


def _read_one(s: str, m: re.Match[str], doc_language: str, carried: str | None) -> Figure | None:
    article = m.group("one").strip().lower()
    # "un milliard", "a billion", "eine Milliarde": the numeral is part of the figure; "le
    # milliard", "the billion": the article is not
    ones = {o.lower() for o in language_rules.words(doc_language, "number_words", "ones")}
    start = m.start() if article in ones else m.end()
    sm = match_scale_after(s, m.end())
    if sm is None:
        # "un gigawatt", "one megawatt", "ein Gigawatt": the numeral before a physical unit word
        pm = PHYSICAL.match(s, m.end())
        if pm is None or article not in ones:
            return None
        try:
            unit, multiplier = physical_unit(pm.group("unit"))
        except KeyError:
            return None
        tail = _Tail(pm.end())
        return _single_figure(doc_language, s, start, tail, multiplier, unit, None)
    r = scale_value(sm.group("word") or sm.group("abbr"), phrase_language(s, m.start(), sm.end(), doc_language),
                    language_rules.reading_languages(doc_language))
    if r is None:
        return None
    scale, scale_language = r
    second, end = _compound_scale(s, sm.end(), start, doc_language)
    scale *= second
    tail = _read_tail(s, end, scaled=True, currency=None, language=doc_language, doc_language=doc_language)
    if tail.unit == "count" and _unstated_unit(s, end, None) == "FLOPS":
        tail.unit, tail.end, tail.counted, tail.hardware = None, end, None, None  # operations per second
    unit = tail.unit or _unstated_unit(s, end, carried)
    value = scale * tail.multiplier
    return _single_figure(doc_language, s, start, tail, value, unit, scale_language)


def _read_collective(s: str, m: re.Match[str], doc_language: str) -> Figure | None:
    value, exact = read_collective(m, doc_language)
    counted = read_counted(s, m.end(), allow_de=True, language=doc_language)
    end = m.end()
    what = None
    if counted is not None:
        what, _, end = counted
    else:
        de = re.match(r"[ \u00a0\u202f]*(?:de[ \u00a0\u202f]+|d['’])", s[end : end + 6])
        if de is not None:
            noun = unknown_noun(s, end + de.end() - 1) if s[end + de.end() - 1] in " \u00a0" else None
            if noun is not None:
                what, end = noun
    bound = "exact" if exact else "approx"
    return _figure(doc_language, s, m.start(), end, value, value, "count", counted=what, default_bound=bound)


def _read_multiplier(s: str, m: re.Match[str], doc_language: str) -> Figure | None:
    value = read_multiplier_word(m, doc_language)
    return _figure(doc_language, s, m.start(), m.end(), value, value, "factor")
