"""Which sentences of a document can hold a figure: one pass over the whole document.

Most sentences state no figure, yet reading one for figures tries the figure patterns at many
of its characters. Every figure starts from an atom (``figures.atom_pattern``: digits, number
words, multiplier, fraction and collective words) and every unreadable number holds a digit;
each of these patterns requires one of a few strings (a digit, ``milliard``, ``dizaine``...:
``prefilter.required``, read from the patterns themselves). One pass over the document finds
them; a sentence that overlaps none of them cannot hold a figure, and the sentence-level rules
are not run on it.

Exact: a match inside a sentence contains one of the strings inside the sentence, the same
characters of the document, which the pass finds or covers by an overlapping string.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

from pipelines.extraction.figures import atom_pattern
from pipelines.extraction.numbers import UNREADABLE_PATTERNS
from pipelines.extraction.prefilter import Gate, gate

__all__ = ["FigureCandidates"]


@cache
def _gate(language: str) -> Gate | None:
    return gate([atom_pattern(language), *UNREADABLE_PATTERNS])


class FigureCandidates:
    """Where, in a document in ``language`` (a resource code), a figure can be. When that cannot
    be told (``prefilter.Gate.spans``) every sentence may hold one."""

    def __init__(self, text: str, language: str) -> None:
        found = _gate(language)
        spans = None if found is None else found.spans(text)
        self._spans = spans
        self._ends = None if spans is None else [e for _, e in spans]

    def within(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` (a sentence) may hold a figure: a string overlaps it."""
        if self._spans is None:
            return True
        i = bisect_right(self._ends, start)  # the first span ending after ``start``
        return i < len(self._spans) and self._spans[i][0] < end
