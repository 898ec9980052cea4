"""The context levels a topic reading may consult, and the words of a figure's own clause.

Shared by the readings of :mod:`topic_context` (counts, percentages, factors, quantities,
durations) and :mod:`topic_money` (amounts): a reading's *reach* is the farthest level it may
consult, nearest first; the words of the figure's clause before or after it say what the figure
is of, for, or compared with.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extraction import languages as language_rules

__all__ = [
    "ALL_TOPICS",
    "CLAUSE_BREAK",
    "DOCUMENT",
    "HEADING",
    "MONEY_TOPICS",
    "PARAGRAPH",
    "SENTENCE",
    "clause_after",
    "clause_before",
    "says",
    "topic_word_pattern",
]

# context levels, nearest first (a reading's reach is the farthest it may consult)
SENTENCE, PARAGRAPH, HEADING, DOCUMENT = range(4)

ALL_TOPICS = ("compute", "capex", "ai_factories", "startups", "other")
#: the topics an amount of money may have (money is never compute: money spent on it is capex)
MONEY_TOPICS = ("capex", "startups", "ai_factories", "other")

CLAUSE_BREAK = re.compile(r"[,;:()]")


def clause_before(sentence: str, start: int, reach: int) -> str:
    """The words of ``start``'s clause before it, at most ``reach`` characters back."""
    return CLAUSE_BREAK.split(sentence[max(0, start - reach): start])[-1]


def clause_after(sentence: str, end: int, reach: int) -> str:
    """The words of ``end``'s clause after it, at most ``reach`` characters on."""
    return CLAUSE_BREAK.split(sentence[end: end + reach])[0]


@cache
def topic_word_pattern(language: str, key: str) -> re.Pattern[str] | None:
    """A word list of the ``topics`` section of ``language`` (``worth_words``, ``stock_words``,
    ``height_words``, ``debt_words``...), as whole words."""
    return language_rules.word_pattern(language, "topics", key, r"(?<![\w])(?i:{words})(?![\w])")


def says(sentence: str, language: str, key: str) -> bool:
    """A word of ``topics.<key>`` of ``language`` is in ``sentence``."""
    pattern = topic_word_pattern(language, key)
    return pattern is not None and pattern.search(sentence) is not None
