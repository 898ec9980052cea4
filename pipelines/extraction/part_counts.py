"""Counts whose noun is left out, read from a count before them: parts of a total, ellipses.

A part of a total counts what the total counts: "seven supercomputers, two of which have been
inaugurated", "sept supercalculateurs, dont deux inaugurés", "78 Anfragen, davon 40 in Sachsen".
The words that mark a part are each language's (``counted.part_before``: "dont", "including",
"davon"; ``counted.part_after``: "of which", "of them"). The part is a number written in digits
(read as a bare count), a run of number words, or the language's word for one
(``counted.part_one``: "une", "one", "eine"), which is read as a number only there. It takes the
counted noun of the last count before it in its sentence; a noun written after the number
("dont une usine") is read as usual and wins. Read once the sentence's figures are known, since
it needs the count before it. A part marker that opens a sentence ("Davon waren acht ...") refers
to the last count of the sentence before (``antecedent``, passed by the document reader).

An ellipsis counts what the count before it counts: a run of number words (two or more) that
closes its clause, or that a word of more of the same or of the total stands beside
(``counted.more_of_the_same``, ``more_of_the_same_before``, ``total_after``: "six more on
Wednesday", "les cinq autres sont", "für weitere fünf", "seven in total"), with no noun after it
("London has 14 unicorns, Sweden is home to seven.", "mindestens fünf KI-Fabriken ... Es werden
mindestens sieben."), takes the noun of the last count
before it in its sentence, or of the sentence before's last count. Not after a determiner ("the
two.", a reference) nor a position in a ranking ("Platz vier", blocked before this runs), and
digits are left alone (a bare number is read as a count of nothing anyway).

Two coordinated counts of one noun written once (``numbers.coordinators``): a bare count and its
adjective before a count of a noun of the table take that noun ("500 direct and 2,000 indirect
jobs", "500 direkte und 2.000 indirekte Arbeitsplätze"); a count of a word no table knows after a
count of a noun of the table and its adjective ("500 emplois directs et 2 000 indirects"), or of a
pro-form (``counted.pro_forms``: "2,000 indirect ones"), counts that noun.

The items of a ranked list ("the UK had the most AI roles in Europe (60,000), followed by the
Netherlands (50,600)", "They are followed by Ireland (4,792), Romania (4,532)"): bare numbers in
parentheses right after a name count the noun of the table written last before the first of
them in their sentence; else, of the sentence before's counts, the one nearest in size (a ranking
goes on from its last item, and a list's numbers are of one size).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction import prefilter
from pipelines.extraction.bounded import bounded_figure
from pipelines.extraction.counted import COUNTED_NOUNS, last_noun_before, read_counted
from pipelines.extraction.model import Figure
from pipelines.extraction.not_figures import blocked_spans, is_blocked
from pipelines.extraction.places import find_places
from pipelines.extraction.number_words import read_whole_number_words, word_number_pattern

__all__ = ["part_counts", "may_hold_parts", "elliptic_counts"]

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


def part_counts(s: str, figures: list[Figure], doc_language: str, antecedent: str | None = None
                ) -> list[Figure]:
    """``figures`` with the parts of a total counted as the total (module doc); ``antecedent``: what
    the last count of the sentence before counts, for a part marker opening the sentence."""
    out = list(figures)
    for k, pattern in enumerate(_patterns(doc_language)):
        if pattern is None:
            continue
        for m in pattern.finditer(s):
            start, end = m.start("n"), m.end("n")
            previous = max((f for f in out if f.end <= start and f.unit == "count" and f.counted),
                           key=lambda f: f.end, default=None)
            if previous is not None:
                what = previous.counted
            elif antecedent is not None and k == 0 and _OPENING.match(s[:m.start()]):
                what = antecedent  # "861 Deals. Davon waren acht ...": the part of the last total
            else:
                continue
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


_OPENING = re.compile(r"[\s«“\"'(*-]*\Z")


@cache
def _elliptic_pattern(language: str) -> re.Pattern[str]:
    """A run of number words closing its clause, or followed by a word of more of the same ("six
    more on Wednesday", "zwei weitere in Bayern") and no noun; group ``det``: a determiner right
    before it."""
    determiners = language_rules.words(language, "counted", "reference_determiners")
    det = rf"(?P<det>(?i:(?<![\w'’]){language_rules.alternation(determiners)}){_SP}+)?" if determiners else ""
    before_words = language_rules.words(language, "counted", "more_of_the_same_before")
    before = rf"(?P<before>(?i:(?<![\w'’]){language_rules.alternation(before_words)}){_SP}+)?" if before_words else ""
    close = r"(?=[.,;:!?)]|\Z)"
    more_words = [*language_rules.words(language, "counted", "more_of_the_same"),
                  *language_rules.words(language, "counted", "total_after")]
    # after the word of more of the same: the clause closes, a function word or a verb follows
    # ("six more on Wednesday", "les cinq autres sont"); a noun there would be what is counted
    followers = [*language_rules.words(language, "numbers", "function_words"),
                 *language_rules.words(language, "number_words", "pronoun_verbs")]
    more = (rf"|{_SP}+(?P<more>(?i:{language_rules.alternation(more_words)}))(?![\w'’-])"
            rf"(?:{_SP}*{close}|{_SP}+(?i:{language_rules.alternation(followers)})(?![\w'’-]))"
            if more_words and followers else "")
    # before a place: a part of the count before it ("vingt-six pays, huit en Europe"), the place
    # checked by the caller (places.find_places)
    place_words = language_rules.words(language, "counted", "place_before")
    place = (rf"|{_SP}+(?P<place>(?i:{language_rules.alternation(place_words)}){_SP}+)(?=[A-ZÀ-ÖØ-Þ])"
             if place_words else "")
    # after a word of more of the same before it, whatever follows ("für weitere fünf arbeiten wir")
    after = rf"(?(before)|(?:{_SP}*{close}{more}{place}))" if before else rf"(?:{_SP}*{close}{more}{place})"
    return re.compile(rf"{det}{before}(?P<n>{word_number_pattern(language)})(?![\w'’-]){after}")


@cache
def _elliptic_gate(language: str) -> prefilter.Gate | None:
    return prefilter.gate([_elliptic_pattern(language)])


def elliptic_counts(s: str, figures: list[Figure], doc_language: str, antecedent: str | None,
                    earlier: Sequence[tuple[str, float]] = ()) -> list[Figure]:
    """``figures`` with the counts whose noun is left out (module doc); ``antecedent``: what the last
    count of the sentence before counts; ``earlier``: (counted, value) of that sentence's counts."""
    if "(" in s:
        figures = _list_items(s, figures, doc_language, earlier)
    figures = _coordinated_counts(s, figures, doc_language)
    added: list[Figure] = []
    blocked: list[tuple[int, int]] | None = None  # read only when a candidate is found
    words_gate = _elliptic_gate(doc_language)
    lowered = words_gate.lowered(s) if words_gate is not None else None
    if lowered is not None and words_gate.pattern.search(lowered) is None:
        return figures  # no number word: nothing left out (the gate is exact, see prefilter)
    for m in _elliptic_pattern(doc_language).finditer(s):
        start, end = m.start("n"), m.end("n")
        # a determiner makes a number closing its clause a reference ("the two."), not when a word
        # of more of the same stands beside it ("les cinq autres sont", "die weiteren fünf")
        marked = m.groupdict().get("more") or m.groupdict().get("before")
        if (m.groupdict().get("det") and not marked) or any(f.start < end and f.end > start for f in figures):
            continue
        if blocked is None:
            blocked = blocked_spans(s)
        if is_blocked(blocked, start):
            continue
        if m.groupdict().get("place") and not _names_a_place(s, m.end("place"), doc_language):
            continue  # "deux en 2024", "trois à terme": no place, no part of a count
        value = read_whole_number_words(m.group("n"), doc_language)
        if value is None or value < 2 or value != int(value):
            continue
        previous = max((f for f in figures if f.end <= start and f.unit == "count" and f.counted),
                       key=lambda f: f.end, default=None)
        what = previous.counted if previous is not None else antecedent
        if what is None:
            continue
        added.append(bounded_figure(doc_language, s, start, end, value, value, "count", counted=what))
    if not added:
        return figures
    return sorted([*figures, *added], key=lambda f: f.start)


def _names_a_place(s: str, at: int, language: str) -> bool:
    """A place the places module knows starts at ``at`` ("Europe", "Deutschland", "Germany"): the
    sentence's places, found once per sentence (``find_places`` is cached)."""
    return any(start == at for start, _, _ in find_places(s, language))


@cache
def _adjective_then_coordinator(language: str) -> re.Pattern[str] | None:
    """One lower-case word, then a coordinator ("direct and", "direkte und", "directs et")."""
    coordinators = language_rules.words(language, "numbers", "coordinators")
    if not coordinators:
        return None
    return re.compile(_SP + r"+(?P<adj>[^\W\d_A-ZÀ-ÖØ-Þ][^\W\d_]*)" + _SP + r"+(?:"
                      + language_rules.alternation(coordinators) + r")" + _SP + r"+")


_TABLE_NOUNS = frozenset(slug for _, slug in COUNTED_NOUNS)


@cache
def _coordinator(language: str) -> re.Pattern[str] | None:
    coordinators = language_rules.words(language, "numbers", "coordinators")
    return re.compile(_SP + r"+(?:" + language_rules.alternation(coordinators) + r")" + _SP + r"+\Z") if coordinators else None


@cache
def _pro_forms(language: str) -> frozenset[str]:
    """``counted.pro_forms`` as the slugs an unknown noun is read as ("ones" -> "one")."""
    return frozenset(w.rstrip("s") for w in language_rules.words(language, "counted", "pro_forms"))


def _coordinated_counts(s: str, figures: list[Figure], language: str) -> list[Figure]:
    """Two coordinated counts of one noun written once (module doc): a bare count and its
    adjective before a count of a noun of the table take that noun ("500 direct and 2,000 indirect
    jobs"; the first figure's span takes its adjective); a count of a word no table knows after a
    count of a noun of the table and its adjective ("500 emplois directs et 2 000 indirects"), or
    of a pro-form (``counted.pro_forms``: "2,000 indirect ones"), takes the first count's noun."""
    pattern = None
    out = list(figures)
    for i, f in enumerate(figures[:-1]):
        nxt = figures[i + 1]
        if f.unit != "count" or nxt.unit != "count":
            continue
        if pattern is None:
            pattern = _adjective_then_coordinator(language)
            if pattern is None:
                return figures
        if not f.counted and nxt.counted:
            m = pattern.match(s, f.end)
            if m is not None and m.end() == nxt.start:
                out[i] = replace(f, end=m.end("adj"), counted=nxt.counted, hardware=nxt.hardware)
        elif f.counted in _TABLE_NOUNS and nxt.counted and nxt.counted not in _TABLE_NOUNS:
            between = s[f.end:nxt.start]
            adjective = pattern.match(s, f.end)
            pro_form = nxt.counted in _pro_forms(language)
            coordinated = _coordinator(language)
            if (adjective is not None and adjective.end() == nxt.start
                    and s[nxt.start:nxt.end].split()[-1][:1].islower()) or (
                    pro_form and coordinated is not None and coordinated.match(between) is not None):
                out[i + 1] = replace(nxt, counted=f.counted, hardware=f.hardware)
    return out


# "Ireland (4,792)": a bare number alone in parentheses right after a capitalised name
_NAME_THEN_PARENTHESIS = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’.-]*" + _SP + r"*\(\Z")


def _list_items(s: str, figures: list[Figure], doc_language: str, earlier: Sequence[tuple[str, float]]) -> list[Figure]:
    items = [i for i, f in enumerate(figures)
             if f.unit == "count" and not f.counted and s.startswith(")", f.end) and f.value > 0
             and _NAME_THEN_PARENTHESIS.search(s, max(0, f.start - 40), f.start)]
    if not items:
        return figures
    first = figures[items[0]]
    what = last_noun_before(s, first.start, doc_language)
    if what is None and earlier:
        size = math.log10(first.value)
        what = min(((abs(math.log10(v) - size), c) for c, v in earlier if v > 0), default=(0.0, None))[1]
    if what is None:
        return figures
    out = list(figures)
    for i in items:
        out[i] = replace(out[i], counted=what)
    return out
