"""Shares written as one number out of another: "three out of four companies", "7 in 10",
"trois entreprises sur quatre", "sechs von hundert KI-Modellen".

"N out of M" states a share, N/M (75 % for three out of four), not two counts: read alone, "four
companies" was a count of four and "sechs von hundert KI-Modellen" a count of a hundred models.
The words joining the two numbers are each language's (``number_words.out_of``: "out of", "in",
"sur", "von"); French may write what is counted between them, with an adjective or a complement
("trois entreprises sur quatre", "deux start-up de l'IA sur trois": up to three words).
Both numbers are plain (digits or number words, no unit of their own), N is below M and M is no
year; the share's words run from N to M. "one in five" is a fraction of its own
(``number_words.fractions``), read before this pass.

A fraction written with a slash ("2/3 der Energie", "about 1/3 of all startups") is such a share
where a word that says of what follows it (``number_words.fraction_after``: "of", "der", "des");
alone, "1/3" may be a date or a reference, which :mod:`not_figures` blocks.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.bounded import bounded_figure
from pipelines.extraction.model import Figure
from pipelines.extraction.not_figures import looks_like_year
from pipelines.extraction.number_words import read_whole_number_words, word_number_pattern
from pipelines.extraction.numbers import parse_digits

__all__ = ["may_hold_shares", "read_shares_out_of", "read_slashed_fractions"]

_SP = "[ \u00a0\u202f]"
_DIGITS = r"\d+(?:[.,]\d+)?"


@cache
def _patterns(language: str) -> tuple[re.Pattern[str], ...]:
    """The shares' patterns: joining words a counted noun may stand before (``out_of``: "trois
    entreprises sur quatre"), then those that join two adjacent numbers only (``out_of_adjacent``:
    "7 in 10"; "5 GPUs in 10 racks" is no share)."""
    number = rf"{_DIGITS}|{word_number_pattern(language)}"
    tail = rf"{_SP}+(?P<m>{number})(?![\w.,]\w|[\w'’-])"
    out = []
    # what is counted may have an adjective or a complement ("deux start-up de l'IA sur trois"):
    # up to three words, none a number
    noun = rf"(?:{_SP}+[^\W\d_][\w-]*(?:['’][^\W\d_][\w-]*)?){{0,3}}"
    for key, noun in (("out_of", noun), ("out_of_adjacent", "")):
        words = language_rules.words(language, "number_words", key)
        if words:
            out.append(re.compile(rf"(?<![\w.,'’-])(?P<n>{number}){noun}{_SP}+(?i:{language_rules.alternation(words)}){tail}"))
    return tuple(out)


def may_hold_shares(sentence: str, language: str) -> bool:
    """The sentence holds a word that may join a share's two numbers (a cheap test)."""
    gate = language_rules.word_pattern(language, "number_words", ("out_of", "out_of_adjacent"),
                                       rf"(?i:(?<![\w])(?:{{words}}){_SP})")
    return gate is not None and gate.search(sentence) is not None


def _value(text: str, language: str) -> float | None:
    if text[0].isdigit():
        return parse_digits(text, language)
    return read_whole_number_words(text, language)


def read_shares_out_of(s: str, figures: list[Figure], language: str) -> list[Figure]:
    """``figures`` with each "N out of M" read as the share N/M in percent (module doc)."""
    out = list(figures)
    found = {m.span(): m for pattern in _patterns(language) for m in pattern.finditer(s)}
    for _, m in sorted(found.items()):
        n, total = _value(m.group("n"), language), _value(m.group("m"), language)
        if n is None or total is None or not 0 < n < total or looks_like_year(m.group("m")):
            continue
        start, end = m.start("n"), m.end("m")
        # N and M must be plain numbers: no figure of another unit starts at N ("2 milliards sur
        # 5 ans"), and what overlaps the share is its parts read as counts
        inside = [f for f in out if f.start < end and f.end > start]
        if any(f.unit != "count" or f.start < start or (f.end > end and f.start != m.start("m")) for f in inside):
            continue
        out = [f for f in out if f not in inside]
        value = 100.0 * n / total
        out.append(bounded_figure(language, s, start, end, value, value, "percent"))
    out.sort(key=lambda f: f.start)
    return out


@cache
def _slashed(language: str) -> re.Pattern[str] | None:
    return language_rules.word_pattern(
        language, "number_words", "fraction_after",
        rf"(?<![\w.,/])(?P<n>[1-9])/(?P<m>[2-9]|1[0-2])(?=(?:{_SP}|\)|%)*{_SP}(?i:{{words}})(?![\w]))")


def read_slashed_fractions(s: str, figures: list[Figure], language: str) -> list[Figure]:
    """``figures`` with each fraction written with a slash and followed by what it is a share of
    read as that share in percent ("2/3 der Energie": 66.7 %); see module doc."""
    pattern = _slashed(language)
    if pattern is None or "/" not in s:
        return figures
    added = []
    for m in pattern.finditer(s):
        n, total = int(m.group("n")), int(m.group("m"))
        if n >= total or any(f.start < m.end() and f.end > m.start() for f in figures):
            continue
        value = 100.0 * n / total
        added.append(bounded_figure(language, s, m.start(), m.end(), value, value, "percent"))
    return sorted([*figures, *added], key=lambda f: f.start) if added else figures
