"""The scale words written after a number, a compound of two included (``un milliard de milliards``).

The scale word itself is read by :mod:`numbers` (its value in the phrase's language); here, the
scale after a run of number words, and the second scale word that multiplies a first one.
"""

from __future__ import annotations

import re

from pipelines.extraction import languages as language_rules
from pipelines.extraction.numbers import match_scale_after, phrase_language, scale_value

__all__ = ["compound_scale", "scale_after_words"]


def scale_after_words(s: str, pos: int, start: int, doc_language: str) -> tuple[float, str | None, int]:
    """The scale written after a run of number words ending at ``pos`` ("drei Milliarden", "un
    milliard de milliards"): (multiplier, the language whose meaning was read or None, end)."""
    sm = match_scale_after(s, pos)
    if sm is None:
        return 1.0, None, pos
    r = scale_value(sm.group("word") or sm.group("abbr"), phrase_language(s, start, pos, doc_language),
                    language_rules.reading_languages(doc_language))
    if r is None:
        return 1.0, None, pos
    second, end = compound_scale(s, sm.end(), start, doc_language)
    return r[0] * second, r[1], end


_SCALE_CONNECTOR = re.compile(r"[ \u00a0]+(?:de|d['’])[ \u00a0]*|(?=[ \u00a0]+[^\W\d_])")


def compound_scale(s: str, pos: int, start: int, doc_language: str) -> tuple[float, int]:
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
