"""Counts written as the first part of a compound adjective: "a two-storey building", "a
three-tier infrastructure", "das fünfstöckige Bürogebäude".

A number glued or hyphenated to a noun that describes the structure of a thing (its storeys,
tiers, fibres, cores: ``counted.compound_nouns``, one table per language, slug -> fragments: storeys, pages) counts
that noun: "two-storey" is two storeys, "single-storey" one. The noun is written in its singular
and is an adjective's part, so the count readers (a number, then a noun) never see it. Only
nouns of the table: a compound's number is as often a name's or a measure's ("one-stop shop",
"three-dimensional", "double-digit growth", "27-country bloc"). Durations ("five-year") and
factors ("tenfold") have their own readers and are not in the table. A count whose number stands
right before the compound ("four two-storey data centre buildings", "drei fünfstöckige
Rechenzentren") keeps its noun and ends with its number: the compound is a figure of its own.

The number is a cardinal word (``number_words.cardinals``), a "single" word
(``counted.compound_one``) or digits ("4-storey"); German glues it ("fünfstöckige",
"dreigeschossig"), English and French hyphenate it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.bounded import bounded_figure
from pipelines.extraction.model import Figure
from pipelines.extraction.number_words import read_whole_number_words

__all__ = ["compound_counts"]

_SPACES_ONLY = re.compile(r"[ \u00a0\u202f]+")
_NUMBER_TOKEN = re.compile(r"[\d.,\u00a0\u202f]*\d|[^\W\d_]+")


def _number_length(sentence: str, start: int) -> int:
    """The length of the one token (digits, or a word) opening at ``start``."""
    m = _NUMBER_TOKEN.match(sentence, start)
    return len(m.group()) if m is not None else 0


@cache
def _pattern(language: str) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], frozenset[str]] | None:
    """(gate on the noun parts, the compound, noun group -> slug, the words for one) of ``language``."""
    table = language_rules.table(language, "counted", "compound_nouns")
    if not table:
        return None
    cardinals = language_rules.words(language, "number_words", "cardinals")
    ones = language_rules.words(language, "counted", "compound_one")
    numbers = "|".join(sorted((*cardinals, *ones), key=len, reverse=True))
    glued = language_rules.text(language, "counted", "compound_join", "-")
    join = "-" if glued == "-" else "-?"
    slugs, groups = {}, []
    for i, (slug, fragments) in enumerate(sorted(table.items())):
        slugs[f"n{i}"] = slug
        groups.append(f"(?P<n{i}>{'|'.join(language_rules.fragment_pattern(f) for f in fragments)})")
    nouns = "|".join(groups)
    compound = re.compile(
        rf"(?i:(?<![\w-])(?P<number>\d{{1,3}}|{numbers}){join}(?:{nouns})(?![\w-]))"
    )
    # the noun parts alone, as the compound reads them: a cheap test before the compound's
    gate = re.compile(rf"(?i:{join if join == '-' else ''}(?:{'|'.join(language_rules.fragment_pattern(f) for fs in table.values() for f in fs)}))")
    return gate, compound, slugs, frozenset(w.lower() for w in ones)


def compound_counts(sentence: str, figures: list[Figure], language: str) -> list[Figure]:
    """``figures`` with the counts written as a compound adjective's number (module doc), where no
    figure already covers them."""
    rules = _pattern(language)
    if rules is None:
        return figures
    gate, compound, slugs, ones = rules
    if gate.search(sentence) is None:
        return figures
    figures = list(figures)  # a count before a compound is shortened in place below
    added = []
    replaced: set[int] = set()
    for m in compound.finditer(sentence):
        start, end = m.start(), m.end()
        # digits the count readers read alone ("4-storey": a bare 4) give way to the compound
        bare = [i for i, f in enumerate(figures) if f.start == start and f.end <= m.end("number")
                and f.unit == "count" and not f.counted]
        # a count whose number stands right before the compound ("four two-storey data centre
        # buildings") counts its noun; the compound is a figure of its own, the count's span ends
        # with its number
        for i, f in enumerate(figures):
            if f.start < start and f.end >= end and f.unit == "count" and f.counted:
                number_end = f.start + _number_length(sentence, f.start)
                if _SPACES_ONLY.fullmatch(sentence, number_end, start):
                    figures[i] = replace(f, end=number_end)
        if any(f.start < end and f.end > start for i, f in enumerate(figures) if i not in bare):
            continue
        raw = m.group("number")
        if raw.isdigit():
            value: float | None = float(raw)
        elif raw.lower() in ones:
            value = 1.0
        else:
            value = read_whole_number_words(raw, language)
        if value is None or value < 1:
            continue  # the bare figure stays
        replaced.update(bare)
        slug = slugs[m.lastgroup]  # the noun's group closes last
        added.append(bounded_figure(language, sentence, start, end, value, value, "count", counted=slug))
    if not added:
        return figures
    kept = [f for i, f in enumerate(figures) if i not in replaced]
    return sorted([*kept, *added], key=lambda f: f.start)
