"""Which sentences of a document can hold a figure, read from the whole document at once.

Most sentences state no figure, yet reading one for figures tries the figure patterns at many
of its characters. Every figure starts from an atom (``figures.atom_pattern``: digits, number
words, multiplier, fraction and collective words) and every unreadable number holds a digit;
each of these patterns requires one of a few strings (a digit, ``milliard``, ``dizaine``...:
``prefilter.required``, read from the patterns themselves). The document is lower-cased once
and each sentence's span searched for one of them (one compiled pattern; the search stops at the
first); a sentence holding none cannot hold a figure, and the sentence-level rules are not run
on it.

Exact: a match inside a sentence contains one of the strings, inside the sentence.
"""

from __future__ import annotations

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
    be told (``prefilter.Gate.lowered``) every sentence may hold one."""

    def __init__(self, text: str, language: str) -> None:
        found = _gate(language)
        self._search = None if found is None else found.pattern.search
        self._lowered = None if found is None else found.lowered(text)

    def within(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` (a sentence) may hold a figure."""
        if self._search is None or self._lowered is None:
            return True
        return self._search(self._lowered, start, end) is not None
