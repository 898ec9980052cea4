"""Ranges of figures: one figure from two numbers (``5 à 10 milliards``, ``$60 billion to $65 billion``).

Decisions:

* Ranges: ``5-6 millions``, ``5 à 10 milliards``, ``$20-30 billion``, ``10 to 20``, ``3 ou 4``
  and, after ``entre``/``between``, ``X et Y`` / ``X and Y`` (``entre 3,5 et 4,5 milliards``).
  The scale and the currency written once apply to both ends. ``value`` is the midpoint. When
  the first number carries its own unit and no ``entre``/``between`` precedes (``passée de
  10 % à 70 %``), they are two figures (a change, not a range). A change opened by its verb
  ("rose from $220 to $943 million", "passée de 1,5 à 3 GW") or written with a "to" that is no
  range word ("von 2,7 auf 4,8 Gigawatt") is two figures too, the first taking the second's
  scale and unit (:func:`change_separator`). Two years are never a range.
* The words of a range are the language's (``ranges`` in its resources, :func:`range_words`).
  A range of digits is read by :func:`figures_in_digits.read_digits` (its second end shares the
  first's scale and currency, read in the same pass); a range written in words here
  (:func:`read_word_range`); two figures that each carry their unit are joined here after the
  sentence is read (:func:`join_written_ranges`).
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import NamedTuple

from pipelines.extraction import languages as language_rules
from pipelines.extraction.bounded import bounded_figure
from pipelines.extraction.currencies import UNSTATED, is_money
from pipelines.extraction.model import Figure
from pipelines.extraction.number_words import read_number_words, word_number_pattern
from pipelines.extraction.numbers import DIGITS, parse_digits
from pipelines.extraction.qualifiers import read_bound
from pipelines.extraction.scale_after import scale_after_words
from pipelines.extraction.tails import read_tail, unstated_unit

__all__ = ["ChangeWords", "RangeWords", "change_separator", "change_words", "join_written_ranges", "range_words", "read_word_range"]

_SP = "[ \u00a0\u202f]"
#: a dash between a range's two ends; two hyphens stand for one in plain text and Markdown
#: converted by pandoc ("EUR 25.000 -- EUR 150.000")
_DASH = "(?:--|[-–—])"
_DASHES = frozenset(("-", "–", "—", "--"))


class RangeWords(NamedTuple):
    sep: re.Pattern[str]      # "5 à 10", "5-10", "5 to 10", "5 bis 10"
    and_sep: re.Pattern[str]  # "entre 3 et 5", "between 3 and 5", "zwischen 3 und 5"
    between: re.Pattern[str]


@cache
def range_words(language: str) -> RangeWords:
    """Range words of a document in ``language`` (``ranges`` in its resources)."""
    to = language_rules.alternation(language_rules.words(language, "ranges", "to"))
    and_ = language_rules.alternation(language_rules.words(language, "ranges", "and"))
    between = language_rules.alternation(language_rules.words(language, "ranges", "between"))
    return RangeWords(
        sep=re.compile(rf"{_SP}?{_DASH}{_SP}?|{_SP}+(?i:{to}){_SP}+"),
        and_sep=re.compile(rf"{_SP}+(?i:{and_}){_SP}+"),
        between=re.compile(rf"(?i:(?<![\w'’]){between}[ \u00a0\u202f]+)\Z"),
    )


class ChangeWords(NamedTuple):
    after_verb: re.Pattern[str]  # a change verb, at most two words, then "from" right before the number
    after_from: re.Pattern[str]  # "from" right before the number ("von 2,7 auf 4,8 GW")
    to: re.Pattern[str] | None   # a change's "to" that is no range word ("auf"): None when every one is


@cache
def change_words(language: str) -> ChangeWords:
    """The words of a change between two values (``periods.change_*`` in the resources)."""
    # a verb of change, or of a change by a factor, whose values follow ("a presque quintuplé, de
    # 72 à 358": the factor is stated, the two numbers are its ends, no range)
    verbs = language_rules.alternation([
        *language_rules.words(language, "periods", "change_verbs"),
        *(f for fs in language_rules.table(language, "number_words", "multiplier_verbs").values() for f in fs)])
    from_ = language_rules.alternation(language_rules.words(language, "periods", "change_from"))
    range_to = {w.lower() for w in language_rules.words(language, "ranges", "to")}
    only_change = [w for w in language_rules.words(language, "periods", "change_to") if w.lower() not in range_to]
    return ChangeWords(
        # a few words may stand between: "moved only from", "passé entre 2015 et 2016 de"
        after_verb=re.compile(rf"(?i:\b{verbs}(?:{_SP}+[^\s,;:.()]+){{0,4}}?,?{_SP}+{from_}{_SP}*)\Z"),
        after_from=re.compile(rf"(?i:(?<![\w'’]){from_}{_SP}*)\Z"),
        to=re.compile(rf"{_SP}+(?i:{language_rules.alternation(only_change)}){_SP}+") if only_change else None,
    )


def change_separator(s: str, start: int, pos: int, range_sep: re.Match[str] | None, language: str) -> re.Match[str] | None:
    """The separator of a change "from X to Y" whose first number starts at ``start`` and ends at
    ``pos``, or None when it is no change. A change is two figures, not a range: "PUE moved from
    1.58 to 1.56", "passée de 1,5 à 3 GW", "stieg von 220 auf 943 Millionen Euro" (the second
    end's scale and unit are the first's too). Where "to" is also a range word ("costs range from
    3 to 5 billion", "de 30 à 50 milliards"), a change verb must open it; a "to" that is no range
    word ("auf") needs only "from" before the first number."""
    words = change_words(language)
    lo = max(0, start - 60)
    if range_sep is not None:
        return range_sep if words.after_verb.search(s, lo, start) and range_sep.group().strip() not in _DASHES else None
    if words.to is not None and words.after_from.search(s, lo, start):
        return words.to.match(s, pos)
    return None


def opens_with_from(s: str, start: int, sep: re.Match[str], language: str) -> bool:
    """A "from" word stands before the first number of "X to Y" (not a dash): where Y is lower than
    X, no range can be read ("de 2,5 à 1,3 kilomètres"), so it is a change whose second end's
    scale and unit are the first's too."""
    words = change_words(language)
    return (words.after_from is not None and sep.group().strip() not in _DASHES
            and words.after_from.search(s, max(0, start - 60), start) is not None)


def read_word_range(s: str, start: int, pos: int, low: float, doc_language: str, carried: str | None) -> Figure | None:
    """A range written in words whose second end carries the scale and the unit for both ("drei bis
    vier Billionen Dollar", "five to seven years", "trois à quatre milliards d'euros")."""
    ranges = range_words(doc_language)
    sep = ranges.sep.match(s, pos)
    if sep is None and ranges.between.search(s, max(0, start - 24), start) is not None:
        sep = ranges.and_sep.match(s, pos)  # "zwischen drei und fünf Milliarden Euro"
    if sep is None:
        return None
    second = _word_run(doc_language).match(s, sep.end())
    in_words = second is not None
    if second is not None:
        read = read_number_words(second.group(), doc_language)
    elif (second := _DIGITS_END.match(s, sep.end())) is not None:
        # "fünf bis 15 Kilowatt", "between ten and 50 million euros": the second end in digits
        value = parse_digits(second.group(), doc_language)
        read = (value, len(second.group())) if value is not None else None
    else:
        return None
    if read is None or read[0] <= low:
        return None
    high, length = read
    if in_words and len(second.group().split()) > 1 and high >= 100 * low:
        # "two and three thousand GPUs", "zwei bis drei Hundert": the multiplier of the second end
        # is the first's too (2,000 to 3,000, not 2 to 3,000)
        low *= 10 ** (math.floor(math.log10(high)) - math.floor(math.log10(low)))
    scale, scale_language, pos2 = scale_after_words(s, sep.end() + length, start, doc_language)
    scaled = scale_language is not None
    tail = read_tail(s, pos2, scaled=scaled, currency=None, language=doc_language, doc_language=doc_language)
    unit = tail.unit
    if unit is None:
        if not scaled:
            return None
        unit = unstated_unit(s, pos2, carried)
    return bounded_figure(doc_language, s, start, tail.end, (low + tail.add) * scale * tail.multiplier,
                          (high + tail.add) * scale * tail.multiplier, unit, counted=tail.counted,
                          hardware=tail.hardware, scale_language=scale_language)


_DIGITS_END = re.compile(DIGITS + r"(?!\d)")  # a number in digits, as the figure readers read one


@cache
def _word_run(language: str) -> re.Pattern[str]:
    return re.compile(word_number_pattern(language))


# "$60 billion to $65 billion", "22% to 24%", "€30bn–€50bn", "entre 30 milliards d'euros et 50
# milliards d'euros": a range whose two ends each carry their unit. After "de"/"from" ("passée de
# 10 % à 70 %", "from $75bn to $85bn") the two are a change: two figures.
@cache
def _written_range_words(language: str) -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str]]:
    """(what may join two figures into one range: a dash or the language's range words, the
    "and" words, which join only after "between", and a change's "from" right before a figure)."""
    joins = [*language_rules.words(language, "ranges", "to"), *language_rules.words(language, "ranges", "to_written"),
             *language_rules.words(language, "ranges", "and")]
    ands = frozenset(w.lower() for w in language_rules.words(language, "ranges", "and"))
    from_ = language_rules.words(language, "periods", "change_from")
    return (re.compile(rf"{_SP}*(?:{_DASH}|(?i:{language_rules.alternation(joins)})(?![\w'’])){_SP}*\Z"), ands,
            re.compile(rf"(?i:(?<![\w'’])(?:{language_rules.alternation(from_)}))[ \u00a0\u202f]*\Z"))
#: a bound word that opens with the elided "from" ("d'environ 92 milliards")
_ELIDED_FROM = re.compile(r"(?i:d['’])(?=\w)")


def join_written_ranges(s: str, figures: list[Figure], doc_language: str) -> list[Figure]:
    """``figures`` (of ``s``, in order) with each two that are the ends of one range joined into one."""
    range_join, ands, change_before = _written_range_words(doc_language)
    out: list[Figure] = []
    for f in figures:
        prev = out[-1] if out else None
        if (
            prev is not None
            # "2 trillion to 2.5 trillion won": the currency written at the second end is the first's
            and (prev.unit == f.unit or (prev.unit == UNSTATED and is_money(f.unit)))
            and f.unit not in ("years", "rank")
            and prev.counted == f.counted and prev.hardware == f.hardware
            and f.bound == "exact"  # a qualifier before the first end bounds the range ("some 20% to 25%")
            and prev.value_low == prev.value_high and f.value_low == f.value_high
            and 0 <= prev.value_high < f.value_low
            and range_join.match(s[prev.end:f.start]) is not None
        ):
            joiner = s[prev.end:f.start].strip().lower()
            between = range_words(doc_language).between.search(s, max(0, prev.start - 24), prev.start) is not None
            if joiner in ands and not between:
                out.append(f)
                continue
            # "passant d'environ 92 milliards de dollars à 215 milliards": the first end's bound
            # word may stand between "de" and it
            _, opening = read_bound(s, prev.start, prev.unit, doc_language)
            # a dash is no change's "to": "range from $2m-$5m" is one range
            if joiner not in ands and joiner not in _DASHES and (change_before.search(s, max(0, opening - 12), opening)
                                                 or _ELIDED_FROM.match(s, opening, prev.start)):
                out.append(f)
                continue
            out[-1] = Figure(prev.start, f.end, (prev.value_low + f.value_high) / 2, prev.value_low, f.value_high,
                             prev.bound, f.unit, counted=prev.counted, hardware=prev.hardware,
                             scale_language=prev.scale_language or f.scale_language)
            continue
        out.append(f)
    return out
