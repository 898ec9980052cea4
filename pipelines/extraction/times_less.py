"""A factor followed by a comparative of decrease is its inverse: "deux fois moins", "ten times
smaller", "dreimal weniger" are 0.5, 0.1 and a third.

A factor is new over old (the codebook's ``factor``: "dix fois" is 10, "divisé par dix" 0.1), so
"N times less" is 1/N; read as N, a fall reads as a rise to anyone who compares or sums factors.
The comparatives are each language's ``units.factor_less_after``; the span takes the comparative
("deux fois moins"), and a bound flips with the value ("plus de deux fois moins" is at most a
half).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.model import Figure

__all__ = ["FLIPPED_BOUND", "read_times_less"]

#: a factor's bound once the factor is inverted ("plus de deux fois moins" is at most a half)
FLIPPED_BOUND = {"at_least": "at_most", "at_most": "at_least"}


@cache
def _less_after(language: str) -> re.Pattern[str] | None:
    return language_rules.word_pattern(language, "units", "factor_less_after",
                                       r"[ \u00a0\u202f]+(?i:{words})(?![^\W_])")


def read_times_less(sentence: str, figures: list[Figure], language: str) -> list[Figure]:
    """``figures`` with each factor above one that a comparative of decrease follows read as its
    inverse."""
    pattern = _less_after(language)
    if pattern is None or not any(f.unit == "factor" for f in figures):
        return figures
    out = []
    for f in figures:
        if f.unit == "factor" and f.value_low > 1 and (m := pattern.match(sentence, f.end)) is not None:
            f = replace(f, end=m.end(), value=1 / f.value, value_low=1 / f.value_high, value_high=1 / f.value_low,
                        bound=FLIPPED_BOUND.get(f.bound, f.bound))
        out.append(f)
    return out
