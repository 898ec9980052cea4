"""The direction of a change a percentage states: growth or decline, or a level reached.

A change's direction is read apart from what changes (``topics`` names the topic and the metric
from its keywords): the word that named the metric may be a topic's ("investissements" ->
``capex_growth``) while the verb beside the figure says it fell ("les investissements chuter de
14 %"). The change word nearest the figure in its phrase decides; a comparative right after the
figure makes it a change ("39 Prozent weniger", "40 % de moins"); a change verb followed by a
level preposition gives the level reached, not the change ("rose to 25%", "stieg auf 40
Prozent"), and the two ends of "from X% to Y%" are the levels before and after ("fell from 32% in
2023 to just 18% in 2025", "passée de 10 % à 70 %"; ``periods.change_from``, ``change_to``), unless
the "from" is the change's own preposition ("en hausse de 30 % à 40 %": ``change_before``); a
percentage right after the preposition of a change ("by 30%", "um 6,3 Prozent") is a change even
where a share's word named it, its verb anywhere in the phrase ("die Umsätze ... um 6,3 Prozent ...
zurückgegangen"). The words are each language's (``topics.keywords``:
``other.growth_rate``, ``other.decline_rate``, ``growth_after``, ``decline_after``,
``level_before``, ``change_before``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from pipelines.extraction import languages as language_rules
from pipelines.extraction.model import Figure
from pipelines.extraction.units import states_its_whole

__all__ = ["MARKET_VALUE_DECLINE", "change_direction"]

_I = re.IGNORECASE

#: a market value's or a share price's fall (a ``market_cap_change`` whose change word is a decline):
#: it keeps saying what fell, and its topic (other), where ``decline_rate`` would let the context re-read it
MARKET_VALUE_DECLINE = "market_cap_decline"
#: percentage readings that are a change, or may be one (the fallback share), whose direction
#: the change word nearest the figure decides
_DIRECTED_METRICS = frozenset(("growth_rate", "decline_rate", "capex_growth", "market_cap_change"))
#: how far (characters) a change verb may stand from a share to make it a change ("dipped 0.3
#: percent", "en baisse de 7 %", "stieg um 15 Prozent")
_ADJACENT_CHANGE = 12


def change_direction(sentence: str, figure: Figure, metric: str, phrase: tuple[int, int], language: str) -> str:
    """A change's direction is read apart from what changes: the rule that named the metric may
    be a topic's word ("investissements" -> ``capex_growth``) while the verb beside the figure
    says it fell ("les investissements chuter de 14 %"), and a percentage followed by a
    comparative is a change ("39 Prozent weniger als 2022", "40 % de moins"). Growth keeps its
    metric (``capex_growth`` stays); a decline is ``decline_rate`` (its value stays positive,
    the metric carries the sign), whatever the topic."""
    words = _direction_words(language)
    if metric in ("growth_rate", "decline_rate") and _end_of_a_change(sentence, figure, words):
        # "fell from 32% of total capital in 2023 to just 18% in 2025", "passée de 10 % à 70 %":
        # the two ends of a change are the levels before and after it, not rates of change
        return "share"
    after = sentence[figure.end:figure.end + 40]
    if metric in ("growth_rate", "decline_rate") and figure.value >= 0 and sentence[figure.start] != "+" \
            and states_its_whole(sentence, figure.end, language) and not (
            words.change_before.search(sentence, max(0, figure.start - 24), figure.start)
            or words.decline_after.match(after) or words.growth_after.match(after)):
        # "falls sharply in large rounds, accounting for just 26% of deals": a percentage that
        # names its whole is a part of it, whatever change its sentence tells; a signed one
        # ("-60 % d'opérations") or one after a change's preposition ("une augmentation de 57 %
        # des financements") is that whole's change
        return "share"
    if metric in _DIRECTED_METRICS or metric.endswith("share"):
        # a comparative right after a percentage makes it a change, whatever part a word of its
        # sentence named ("60 Prozent mehr als im ersten Halbjahr, wie das Marktforschungsunternehmen")
        if words.decline_after.match(after):
            return MARKET_VALUE_DECLINE if metric == "market_cap_change" else "decline_rate"
        if words.growth_after.match(after):
            return "growth_rate" if metric.endswith("share") or metric == "decline_rate" else metric
    by = metric.endswith("share") and words.change_before.search(sentence, max(0, figure.start - 24), figure.start)
    # "um 6,3 Prozent ... zurückgegangen", "fell by 30%": a percentage after "by" is a change,
    # whose verb may stand anywhere in its phrase (after its object, in German)
    adjacent_only = metric not in _DIRECTED_METRICS and not by
    if adjacent_only and not metric.endswith("share"):
        return metric
    lo, hi = phrase
    if adjacent_only:
        # a share's word named it ("revenue" -> revenue_share), but a change verb right beside
        # the figure makes it that quantity's change: "revenue dipped 0.3 percent"
        lo, hi = max(lo, figure.start - _ADJACENT_CHANGE), min(hi, figure.end + _ADJACENT_CHANGE)
    nearest: tuple[int, str, int] | None = None  # (distance, direction, end of the word)
    for direction, rx in (("growth", words.growth), ("decline", words.decline)):
        for m in rx.finditer(sentence, lo, hi):
            dist = m.start() - figure.end if m.start() >= figure.end else figure.start - m.end()
            if nearest is None or dist < nearest[0]:
                nearest = (max(dist, 0), direction, m.end())
    if nearest is None:
        return metric
    if nearest[2] <= figure.start and words.level_before.match(sentence, nearest[2], figure.start):
        # "rose to 25%", "stieg auf 40 Prozent": the percentage is the level reached, not the change
        return "share" if metric in _DIRECTED_METRICS else metric
    if nearest[2] > figure.end and words.verb_last and words.level_right_before.search(
            sentence, max(0, figure.start - 16), figure.start):
        # where the verb follows its object, the level comes before it: "soll auf 70 Prozent steigen"
        return "share" if metric in _DIRECTED_METRICS else metric
    if adjacent_only:
        return "decline_rate" if nearest[1] == "decline" else "growth_rate"
    if nearest[1] == "decline":
        return MARKET_VALUE_DECLINE if metric == "market_cap_change" else "decline_rate"
    return "growth_rate" if metric == "decline_rate" or by else metric


def _end_of_a_change(sentence: str, figure: Figure, words: "_DirectionWords") -> bool:
    """``figure`` is one end of "from X% ... to Y%" (``periods.change_from``, ``change_to``): its
    "from" right before it and a "to" and a percentage later in its clause, or its "to" right
    before it and a "from" and a number earlier in its clause."""
    if words.change_before.search(sentence, max(0, figure.start - 24), figure.start):
        return False  # "en hausse de 30 % à 40 %": "de" is the change's "by" here, a range of changes
    if words.from_right_before.search(sentence, max(0, figure.start - 12), figure.start):
        clause = _CLAUSE_END.split(sentence[figure.end:figure.end + 80])[0]
        return words.to_then_percent.search(clause) is not None
    if words.to_right_before.search(sentence, max(0, figure.start - 20), figure.start):
        clause = _CLAUSE_END.split(sentence[max(0, figure.start - 80):figure.start])[-1]
        start = None
        for start in words.from_then_number.finditer(clause):
            pass
        return start is not None and words.change_before.search(clause, 0, start.end() - 1) is None
    return False


_CLAUSE_END = re.compile(r"[;:()]|[.!?](?:\s|$)")


class _DirectionWords(NamedTuple):
    growth: re.Pattern[str]
    decline: re.Pattern[str]
    growth_after: re.Pattern[str]
    decline_after: re.Pattern[str]
    level_before: re.Pattern[str]  # the words between a change verb and the level it reached
    level_right_before: re.Pattern[str]  # the level's preposition right before the figure
    change_before: re.Pattern[str]  # the preposition of a change right before the figure ("um", "by")
    verb_last: bool  # the language puts a verb after its object (topics.verb_object)
    from_right_before: re.Pattern[str]  # "from", "de", "von" right before the figure
    to_right_before: re.Pattern[str]  # "to", "à", "auf" right before the figure (a word may stand between: "to just")
    to_then_percent: re.Pattern[str]  # "to" and a percentage after it
    from_then_number: re.Pattern[str]  # "from" and a number after it


@cache
def _direction_words(language: str) -> _DirectionWords:
    keywords = language_rules.table(language, "topics", "keywords")

    def alt(key: str, after: bool = False) -> re.Pattern[str]:
        body = "|".join(language_rules.fragment_pattern(f) for f in keywords.get(key, ())) or r"(?!x)x"
        # after the figure: only its next word ("40 % de moins", not "… qui emploie moins")
        return re.compile(rf"[\s\u00a0\u202f]*(?:{body})(?![^\W_])" if after else body, _I)

    level = "|".join(language_rules.fragment_pattern(f) for f in keywords.get("level_before", ())) or r"(?!x)x"
    from_ = language_rules.alternation(language_rules.words(language, "periods", "change_from"))
    to = language_rules.alternation(language_rules.words(language, "periods", "change_to"))
    percent = language_rules.alternation(language_rules.words(language, "units", "percent"))
    change = "|".join(language_rules.fragment_pattern(f) for f in keywords.get("change_before", ())) or r"(?!x)x"
    # a qualifier may stand between ("um rund 6 Prozent", "by about 30%")
    about = "|".join(language_rules.fragment_pattern(f) for f in language_rules.words(language, "bounds", "approx")) or r"(?!x)x"
    return _DirectionWords(alt("other.growth_rate"), alt("other.decline_rate"),
                           alt("growth_after", True), alt("decline_after", True),
                           re.compile(rf"[^\s\d]*[\s\u00a0\u202f]+(?i:{level})[\s\u00a0\u202f]+\Z"),
                           re.compile(rf"(?<![\w])(?i:{level})[\s\u00a0\u202f]+\Z"),
                           re.compile(rf"(?<![\w])(?i:{change})(?:[\s\u00a0\u202f]+(?i:{about}))?[\s\u00a0\u202f]+\Z"),
                           language_rules.text(language, "topics", "verb_object", "after") == "before",
                           re.compile(rf"(?<![\w'’])(?i:{from_})[\s\u00a0\u202f]*\Z"),
                           re.compile(rf"(?<![\w'’])(?i:{to})(?:[\s\u00a0\u202f]+[^\W\d_]+)?[\s\u00a0\u202f]+\Z"),
                           re.compile(rf"(?<![\w'’])(?i:{to})(?:[\s\u00a0\u202f]+[^\W\d_]+)?[\s\u00a0\u202f]+\d[\d.,]*[\s\u00a0\u202f]?(?:%|(?i:{percent}))"),
                           re.compile(rf"(?<![\w'’])(?i:{from_})[\s\u00a0\u202f]*\d"))
