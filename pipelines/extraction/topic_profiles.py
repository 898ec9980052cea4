"""Profiles of topic words, and the decision a profile makes among a figure's possible topics.

A *profile* counts, in a text (a sentence, a paragraph, a heading, a document), the topic words of
each topic: each language's ``topics.words`` (``languages/<code>/rules.yaml``) and the names read in
every language (:data:`TOPIC_WORDS`), weighted (:data:`WEIGHTS`: a named programme is what a text is
about), plus the names the pipeline passes (``TopicNames``: the gazetteer's start-ups), each name
once. Two keys are no topic: a telecom network's words (:data:`NETWORK`: other, but money spent on a
network is capex) and the investment words capex and start-ups share (:data:`INVESTMENT`).

:func:`decide` reads a profile: the candidate with strictly the highest score wins; for money,
compute's and a network's words count for capex; investment words count for capex, and a tie
between capex and start-ups is the start-ups' only where investment words make capex's side.
:func:`investment_only` says whether a level's only words are investment words, which
``topic_context`` then passes to the next level. The levels themselves and the readings they
decide are ``topic_context``'s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from pipelines.extraction import languages as language_rules

__all__ = [
    "INVESTMENT",
    "NETWORK",
    "TOPICS_WITH_WORDS",
    "TOPIC_WORDS",
    "TopicNames",
    "WEIGHTS",
    "decide",
    "investment_only",
    "names_topic",
    "profile",
    "supports",
]

TOPICS_WITH_WORDS = ("compute", "capex", "ai_factories", "startups", "other")
#: the profile key of telecom networks' words (``topics.words.network``: fibre, broadband, 5G): no
#: topic of the dataset (``other``), but the money spent on them is capex, as on compute
NETWORK = "network"
#: the profile key of the investment words capex and start-ups share (``topics.words.investment``:
#: invest, financement, Finanzierung): capex's, but alone at a level they do not say whose money
#: it is, and the next level decides (a venture-capital report's "in Asia investments fell")
INVESTMENT = "investment"

#: Names read in every language ("common"); each language's topic words are in its resource
#: (``languages/<code>/rules.yaml``, ``topics.words``). Each entry is a regex alternation,
#: matched case-insensitively on word boundaries.
TOPIC_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "common": {
        "ai_factories": (
            r"AI\s+(?:giga-?)?factor(?:y|ies)(?:\s+antennas?)?", r"giga-?factor(?:y|ies)",
            r"artificial\s+intelligence\s+(?:\(AI\)\s+)?(?:giga-?)?factor(?:y|ies)",
        ),
        "compute": (
            r"EuroHPC", r"GPUs?", r"HPC", r"exa-?scale", r"exaflops?", r"petaflops?", r"MW", r"GW",
            r"Nvidia", r"H100s?", r"GB200", r"hyperscale", r"cloud",
        ),
        "capex": (r"capex", r"InvestAI", r"InvestEU", r"France\s+2030", r"Chips\s+Act", r"Horizon\s+Europe", r"Stargate"),
        "startups": (r"start-?ups?", r"scale-?ups?", r"VCs?", r"series\s+[A-F](?!['’])", r"série\s+[A-F](?!['’])", r"French\s+Tech"),
        "other": (r"NASDAQ", r"S&P\s+500"),
    },
}

#: A named programme is what a text is about; its topic words weigh more than common vocabulary.
WEIGHTS: dict[str, int] = {"ai_factories": 3}


def _compile(language: str) -> re.Pattern[str]:
    # the document's own language only: a topic word of another language is rare in a text and
    # short words collide across languages
    own = {topic: tuple(language_rules.fragment_pattern(w) for w in ws)
           for topic, ws in language_rules.table(language, "topics", "words", reading=False).items()}
    tables = [TOPIC_WORDS["common"], own]
    groups = []
    for topic in (*TOPICS_WITH_WORDS, NETWORK, INVESTMENT):
        words = [w for table in tables for w in table.get(topic, ())]
        if words:
            groups.append(f"(?P<{topic}>" + "|".join(words) + ")")
    # matched on the lower-cased text with its literals lower-cased: the same matches as with
    # re.IGNORECASE (checked on the corpus and the generated documents), 2.5 times faster
    # a topic word may open a hyphenated compound, whose subject it names ("VC-Investments",
    # "GPU-Cluster", "start-up-friendly"); not end one (tried on tuning: -1, "KI-Fabriken" sites)
    return re.compile(_lower_literals(r"(?<![\w-])(?:" + "|".join(groups) + r")(?!\w)"))


def _lower_literals(pattern: str) -> str:
    """``pattern`` with its letters lower-cased, escapes (``\\W``, ``\\S``) and group names kept."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(pattern[i:i + 2])
            i += 2
        elif pattern.startswith("(?P<", i):
            j = pattern.index(">", i) + 1
            out.append(pattern[i:j])
            i = j
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out)


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _pattern(language: str) -> re.Pattern[str]:
    p = _PATTERNS.get(language)
    if p is None:
        p = _PATTERNS[language] = _compile(language)
    return p


#: Names that say a text's topic, as ``(topic, name)`` pairs: the gazetteer's start-ups
#: (``entities.topic_names``). Matched as written (case and accents), on word boundaries: "Mistral"
#: the company, not "mistral" the wind.
TopicNames = tuple[tuple[str, str], ...]


@cache
def _names_pattern(names: TopicNames) -> re.Pattern[str] | None:
    by_topic: dict[str, list[str]] = {}
    for topic, name in names:
        by_topic.setdefault(topic, []).append(re.escape(name))
    groups = [f"(?P<{topic}>" + "|".join(sorted(ns, key=len, reverse=True)) + ")"
              for topic, ns in sorted(by_topic.items()) if topic in TOPICS_WITH_WORDS]
    return re.compile(r"(?<![\w-])(?:" + "|".join(groups) + r")(?![\w-])") if groups else None


def profile(text: str, language: str, names: TopicNames = ()) -> dict[str, int]:
    """Weighted count of each topic's words and names in ``text`` (topics with none are absent)."""
    return dict(_profile(text, language, names))


@lru_cache(maxsize=512)
def _profile(text: str, language: str, names: TopicNames = ()) -> tuple[tuple[str, int], ...]:
    # a sentence's profile is read for each of its figures and each reading: counted once
    scores: dict[str, int] = {}
    for m in _pattern(language).finditer(text.lower()):  # the pattern's literals are lower case
        topic = m.lastgroup
        scores[topic] = scores.get(topic, 0) + WEIGHTS.get(topic, 1)  # type: ignore[arg-type]
    named = _names_pattern(names) if names else None
    if named is not None:
        # each name once: a text that names one start-up twenty times is not twenty times about
        # start-ups (its other topics' words would never weigh against it)
        for topic, _ in {(m.lastgroup, m.group()) for m in named.finditer(text)}:
            scores[topic] = scores.get(topic, 0) + 1  # type: ignore[arg-type]
    return tuple(scores.items())


def decide(
    scores: dict[str, int], candidates: Sequence[str], money: bool, min_score: int = 1,
    discount: str | None = None,
) -> str | None:
    """The candidate with strictly the highest score, if it scores at least ``min_score``.
    ``discount``: the topic of the word that made the sentence's own reading; that word does
    not vote a second time."""
    votes = {t: sum(scores.get(key, 0) for key in _voters(t, money)) for t in candidates}
    investment = scores.get(INVESTMENT, 0)
    if discount == "capex" and investment > 0:  # the word that made a generic reading is a shared one
        investment -= 1
    if discount in votes and votes[discount] > 0:
        votes[discount] -= 1
    ranked = sorted(((score, t) for t, score in votes.items()), reverse=True)
    if not ranked or ranked[0][0] < min_score:
        return None
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        # investment words are capex's and start-ups' alike; start-up words are start-ups' only:
        # "investment in startups fell 7%" is the start-ups'
        tied = {t for score, t in ranked if score == ranked[0][0]}
        return "startups" if tied == {"capex", "startups"} and investment else None
    return ranked[0][1]


@cache
def _voters(topic: str, money: bool) -> frozenset[str]:
    """The profile keys whose words vote for ``topic``, for :func:`decide` and :func:`supports` alike:
    investment words are capex's; for money, compute's and a network's words are capex's too (money
    spent on compute or on a telecom network is capex; money is never compute's); else a network's
    words are other's (a network's connections, coverage, households)."""
    if topic == "capex":
        return frozenset({"capex", INVESTMENT, *(("compute", NETWORK) if money else ())})
    if topic == "compute":
        return frozenset() if money else frozenset({"compute"})
    if topic == "other":
        return frozenset({"other"} if money else {"other", NETWORK})
    return frozenset({topic})


def supports(scores: dict[str, int], topic: str, money: bool) -> bool:
    """Whether a level's profile holds a word that votes for ``topic`` (``_voters``)."""
    return any(scores.get(key, 0) > 0 for key in _voters(topic, money))


def names_topic(text: str, language: str, topic: str, money: bool, names: TopicNames = ()) -> bool:
    """``supports(profile(text, language, names), topic, money)``, reading ``text`` only up to the
    first word or name that votes for ``topic``: the same matches as the profile's, found in the
    same order, without counting the rest of a long text."""
    voters = _voters(topic, money)
    if not voters:
        return False
    if any(m.lastgroup in voters for m in _pattern(language).finditer(text.lower())):
        return True
    named = _names_pattern(names) if names else None
    return named is not None and any(m.lastgroup in voters for m in named.finditer(text))


def investment_only(scores: dict[str, int], candidates: Sequence[str], discount: str | None) -> bool:
    """Whether the level's only topic words among ``candidates`` (and compute's, which count for
    money) are the shared investment words, the discounted one set aside."""
    investment = scores.get(INVESTMENT, 0) - (1 if discount == "capex" else 0)
    if investment <= 0:
        return False
    return not any(scores.get(t, 0) for t in (*candidates, "compute", NETWORK) if t != INVESTMENT)
