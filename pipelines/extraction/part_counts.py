"""Counts of the parts of a total: ``dont une en France``, ``two of which``, ``davon zwei``.

A part of a total counts what the total counts: "seven supercomputers, two of which have been
inaugurated", "sept supercalculateurs, dont deux inaugurés", "78 Anfragen, davon 40 in Sachsen".
The words that mark a part are each language's (``counted.part_before``: "dont", "including",
"davon"; ``counted.part_after``: "of which", "of them"). The part is a number written in digits
(read as a bare count), a run of number words, or the language's word for one
(``counted.part_one``: "une", "one", "eine"), which is read as a number only there. It takes the
counted noun of the last count before it in its sentence; a noun written after the number
("dont une usine") is read as usual and wins. Read once the sentence's figures are known, since
it needs the count before it.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.bounded import bounded_figure
from pipelines.extraction.counted import read_counted
from pipelines.extraction.model import Figure
from pipelines.extraction.number_words import read_whole_number_words, word_number_pattern

__all__ = ["part_counts", "may_hold_parts"]

_SP = "[ \u00a0\u202f]"


@cache
def _patterns(language: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """(a part after its marker, a part before its marker); group ``n``: the number."""
    before = language_rules.words(language, "counted", "part_before")
    after = language_rules.words(language, "counted", "part_after")
    ones = language_rules.words(language, "counted", "part_one")
    number = rf"\d+(?:[.,]\d+)*|{word_number_pattern(language)}"
    if ones:
        number += rf"|(?i:{language_rules.alternation(ones)})(?![\w'’-])"
    return (
        re.compile(rf"(?i:(?<![\w'’]){language_rules.alternation(before)}){_SP}+(?:\w+{_SP}+)?(?P<n>{number})")
        if before else None,
        re.compile(rf"(?<![\w'’.,])(?P<n>{number}){_SP}+(?i:{language_rules.alternation(after)})(?![\w'’])")
        if after else None,
    )


def may_hold_parts(sentence: str, language: str) -> bool:
    """The sentence holds a word that marks a part (a cheap test before :func:`part_counts`)."""
    gate = language_rules.word_pattern(language, "counted", ("part_before", "part_after"))
    return gate is not None and gate.search(sentence) is not None


def _number(text: str, language: str) -> float | None:
    if text[0].isdigit():
        return None  # digits are read by the figure readers (a bare count, or a percentage...)
    if text.lower() in {w.lower() for w in language_rules.words(language, "counted", "part_one")}:
        return 1.0
    return read_whole_number_words(text, language)


def part_counts(s: str, figures: list[Figure], doc_language: str) -> list[Figure]:
    """``figures`` with the parts of a total counted as the total (module doc)."""
    out = list(figures)
    for pattern in _patterns(doc_language):
        if pattern is None:
            continue
        for m in pattern.finditer(s):
            start, end = m.start("n"), m.end("n")
            previous = max((f for f in out if f.end <= start and f.unit == "count" and f.counted),
                           key=lambda f: f.end, default=None)
            if previous is None:
                continue
            what = previous.counted
            read = [i for i, f in enumerate(out) if f.start < end and f.end > start]
            if read:
                i = read[0]
                f = out[i]
                if f.start == start and f.unit == "count" and f.counted is None:  # "dont 3 en France"
                    out[i] = Figure(f.start, f.end, f.value, f.value_low, f.value_high, f.bound, f.unit,
                                    what, f.hardware, f.scale_language)
                continue
            value = _number(m.group("n"), doc_language)
            if value is None:
                continue
            noun = read_counted(s, end, allow_de=False, language=doc_language)
            if noun is not None:
                what, _, end = noun
            out.append(bounded_figure(doc_language, s, start, end, value, value, "count", counted=what))
    out.sort(key=lambda f: f.start)
    return out
