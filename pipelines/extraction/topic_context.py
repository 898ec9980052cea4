"""Decide a figure's topic from its context when its sentence gives only a weak reading.

``topics.classify`` reads a figure's topic from its own sentence. Often the sentence says only
*what kind* of figure it is — an amount, a count of sites, a percentage, a duration — and not
what it is about ("Ceux-ci viennent compléter les quatre instituts...", "Equinix operating 83
sites", "The Commission will contribute 263 M€"). The writer relies on the paragraph, the heading
and the document to say it. This module reads those.

The rule, in one sentence: **the weaker the sentence's own evidence, the further the context may
reach, and the context may only choose among the topics such a figure can have.**

Evidence, strongest first (``reach`` is the farthest level a reading may consult):

* *specific* — a keyword of the sentence names the measure (``valorisation``, ``GPU``,
  ``dépenses d'investissement``...) or the counted noun has one topic (``licornes``, ``nœuds``,
  ``tours de table``): kept as read.
* *an amount of money* reads its context as :mod:`topic_money` says: a generic investment
  amount, an amount with no keyword, who pays, a market's size, a company's worth, debt raised
  for infrastructure.
* *a percentage or a factor without a subject* (``share``, ``growth_rate``, ``decline_rate``,
  ``market_share`` from a bare market word, ``ratio``) is the part or change of something else: of
  the nearest figure of its sentence that has a topic ("reached $5.2 billion, up 30%"); else a
  change (``growth_rate``, ``decline_rate``, a percentage or a factor) is the change of what its
  sentence, else its paragraph, else its document, is about, compute included ("devrait doubler sa
  capacité pour atteindre 200 000 GPU"); a bare share reads its context up to the document, compute
  included (a data centre's "100 % renewable energy"); a bare ratio
  ("ten times more", "x3") compares what its sentence is about (not its paragraph: "valued at
  $3 billion. Its models were downloaded 400 million times" counts downloads); a sentence that
  names nothing compares the last amount of its paragraph ("the sum is four times 2012's"). A share is no
  capacity but may be about one (codebook: a percentage takes the topic of what it describes).
* *a duration* takes its sentence's topic when the sentence clearly has one (two topic words):
  "it took 19 days to bring the supercomputer online"; "deux ans après la sortie de ChatGPT"
  only dates its sentence; else the topic of the rest of its paragraph ("the seven-year-old
  company" after a start-up's round); else its document's, where one topic holds most of the
  document's topic words, twice at least (a supercomputer's "Betriebszeit ist auf sechs Jahre
  angelegt" in an article on that machine: TOPICS rule 5; not a long report on many subjects).
* *a count of a domain noun* (:data:`COUNTED_TOPICS`: sites, buildings, generators, projects...)
  names things that belong to several topics: the context chooses among them (reach: the
  document; for nouns every text uses, such as countries, the sentence; companies are startups'
  in a paragraph about startups, "52 companies became unicorns", else where the document's
  subject is startups, and then count start-ups, as do their shares, "31pc of all capital
  invested in European companies"). A *bare count* ("sur les
  13 qui...", "27 annoncés, 11 en cours, 8 en construction") takes the reading of the nearest
  earlier count of its sentence that names a known noun; else its context decides (reach:
  document). A count of a noun no table knows ("three stories", "80 Büros", "deux autres
  dossiers") is of what its paragraph is about, else ``other`` (the sentence or its neighbours
  name the building, the start-ups, the fund; the document is too broad for a noun that may be
  anything). People employed or trained (jobs, experts, professors) are in ``topics.COUNTED`` as
  ``other`` (codebook), unless their own sentence is about start-ups, whose staff they are ("les
  start-up de l'IA emploient 36 000 personnes").
* *a count or a percentage used as a comparison* (after ``topics.comparison_before``: "equivalent
  to the power use of three cities", "la consommation d'une ville de 200 000 habitants", "so groß
  wie 29 Fußballfelder", "de quoi alimenter 70 % des ménages") restates the quantity it is
  compared with: the topic of the nearest quantity of its sentence that has one (never an amount
  of money), else of its paragraph (people included: the inhabitants stand for a power use).
* *an area* is a data centre's (``compute``) when its sentence, paragraph or document is about
  one (the plot of a data-centre project is named as "the parcel", "the site").
When the context changes the topic, the metric stays the sentence's, except where the noun names
one (``site_count``), for the programme (``programme_funding``) and for a startup's generic
investment (``funding``). A counted noun of :data:`COUNTED_TOPICS` gives its metric even where the
sentence's keywords read another and the topic stays ("das vierstöckige Rechenzentrum" counts
storeys, "three data center buildings" buildings, "16 Member States" countries).

Levels, nearest first: the sentence, its paragraph (the line it is on: sentences on one line are
one paragraph; a list's items read the line ending in a colon that introduces them with them, and
that line keeps its own), the heading above it, the document (with the registry's ``subject`` — title and
description — when the pipeline gives it). At each level a *profile* counts the topic words of
:data:`TOPIC_WORDS` (one table per language, plus language-neutral names; ``topic_profiles``); a
level decides when one of the figure's possible topics has strictly the highest score. The names the pipeline passes
(``TopicNames``: the gazetteer's start-ups, ``entities.Gazetteer.topic_names``) count as topic
words where they are written as listed: a text that keeps naming Mistral AI is about a start-up,
so its revenue, offices and customers, which no keyword places, are the start-up's. A name counts
once per level however often it is written, and not for a count of companies, whose names are
what it counts ("SoftBank, OpenAI et Oracle, trois leaders du secteur"). A named programme (AI
factories, gigafactories) weighs :data:`WEIGHTS` times a common word: it is what the text is
about, where "chips" or "data centres" are what the programme is made of. InvestAI counts for
capex: most of its €200 billion is not the gigafactories' (tried as an AI-factories word on
2026-12-03: two figures of one tuning passage gained, no general gain). A telecom network's words
(``topics.words.network``: fibre, broadband, 5G, Glasfaser) count for ``other`` — a network's
connections, coverage and households are no topic of the dataset — except for money, which they
give to ``capex`` as compute's words do: a telecom's investment in fibre is capex, the share of
homes it connects is not. Investment words (``topics.words.investment``: invest, financement,
Finanzierung) are capex's and start-ups' alike: they count for capex, but a level whose only topic
words they are does not decide, the next one does (an amount beside "investments fell" in a
venture-capital report is the start-ups'), and capex where none does; a tie between
capex and start-ups is the start-ups' only where investment words make capex's side ("investment
in startups fell 7%").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, cached_property

from pipelines.extraction import languages as language_rules
from pipelines.extraction.counted import COUNTABLE_THINGS
from pipelines.extraction.topic_profiles import (
    INVESTMENT,
    NETWORK,
    TOPIC_WORDS,
    WEIGHTS,
    TopicNames,
    decide,
    investment_only,
    names_topic,
    profile,
    supports,
)
from pipelines.extraction.model import TOPIC_EVIDENCE, Figure, Sentence
from pipelines.extraction.topic_levels import (
    ALL_TOPICS,
    CLAUSE_BREAK,
    DOCUMENT,
    HEADING,
    MONEY_TOPICS,
    PARAGRAPH,
    SENTENCE,
    clause_after,
    clause_before,
    topic_word_pattern,
)
from pipelines.extraction.topic_money import GENERIC_MONEY_METRIC, PROGRAMME_MONEY, MoneyReadings
from pipelines.extraction.topics import unit_kind
from pipelines.extraction.units import DURATION_UNITS, is_age, span_start_before

__all__ = [
    "COUNTED_TOPICS",
    "TOPIC_WORDS",
    "WEIGHTS",
    "TopicContext",
    "profile",
]

#: A counted noun that belongs to several topics -> (metric, topics it can have, the first when the
#: context decides nothing; reach). Nouns with one topic are in ``topics.COUNTED``. Nouns that every
#: kind of text uses (countries) reach their sentence only; the domain's nouns, the document.
COUNTED_TOPICS: dict[str, tuple[str, tuple[str, ...], int]] = {
    "site": ("site_count", ("other", "compute", "ai_factories"), DOCUMENT),
    "location": ("site_count", ("other", "compute", "ai_factories"), DOCUMENT),
    "facility": ("facility_count", ("other", "compute", "ai_factories"), DOCUMENT),
    "centre": ("centre_count", ("other", "compute", "ai_factories"), DOCUMENT),
    "computing_centre": ("computing_centre_count", ("compute", "ai_factories"), DOCUMENT),
    "campus": ("campus_count", ("other", "compute"), DOCUMENT),
    "building": ("building_count", ("other", "compute"), DOCUMENT),
    "storey": ("storey_count", ("other", "compute"), DOCUMENT),  # a building's storeys (compound_counts)
    "generator": ("generator_count", ("other", "compute"), DOCUMENT),
    "turbine": ("generator_count", ("other", "compute"), DOCUMENT),
    # a project is of what its sentence says ("35 projets de data centers", "22 projets en lien
    # avec l'IA" on a supercomputer are its users' projects, not its capacity)
    "machine": ("machine_count", ("other", "compute"), PARAGRAPH),
    "module": ("module_count", ("other", "compute"), DOCUMENT),  # a data centre's modules
    "phase": ("phase_count", ("other", "compute", "capex", "ai_factories"), DOCUMENT),  # a build's phases
    # a deal is a funding round where the text is about start-ups ("822 opérations ... les
    # start-ups", a venture-capital report), else a transaction of any kind; never capex: a
    # venture-capital report's many generic investment words ("Un investissement de 1,65 G$ a été
    # réparti sur 182 transactions") made its deals capex's
    "deal": ("deal_count", ("other", "startups"), DOCUMENT),
    "project": ("project_count", ("other", "compute", "ai_factories", "capex", "startups"), SENTENCE),
    "country": ("country_count", ("other", "ai_factories"), SENTENCE),
    "member_state": ("country_count", ("other", "ai_factories"), SENTENCE),
    # companies are startups' in a paragraph about startups (unicorns, funded companies), else other
    "company": ("company_count", ("other", "startups"), PARAGRAPH),
    # a start-up's customers are its figures (like its revenue), an established group's other
    "customer": ("customer_count", ("other", "startups"), PARAGRAPH),
    "subscriber": ("subscriber_count", ("other", "startups"), PARAGRAPH),
    "institute": ("institute_count", ("other", "capex", "compute"), DOCUMENT),
    "university": ("university_count", ("other", "capex", "compute"), DOCUMENT),
    "cluster": ("cluster_count", ("other", "capex", "compute"), DOCUMENT),
    # what a public plan funds is of what its paragraph is about (the plan's money: capex; the AI
    # factories programme; a start-up scheme)
    "programme": ("programme_count", ("other", "capex", "ai_factories", "startups"), PARAGRAPH),
    "initiative": ("programme_count", ("other", "capex", "ai_factories", "startups"), PARAGRAPH),
    "scheme": ("programme_count", ("other", "capex", "ai_factories", "startups"), PARAGRAPH),
    "selection_round": ("selection_round_count", ("other", "ai_factories", "capex"), DOCUMENT),
    "expression_of_interest": ("expression_of_interest_count", ("other", "ai_factories", "capex"), DOCUMENT),
}

_DURATION_UNITS = frozenset(DURATION_UNITS)
#: people counted: other (codebook), but a start-up's where their sentence is about start-ups
_PEOPLE = frozenset(("person", "job", "developer", "expert", "technician"))
#: homes as consumers of energy: what a data centre's heat or power is compared with (people are
#: its staff as often: "130.000 Menschen arbeiten in Rechenzentren")
_CONSUMERS = frozenset(("household",))
#: counted things the rules name without a noun of the resources, whose topic is their own
#: (``units.occurrences``: "downloaded 400 million times" counts events, whatever the paragraph)
_OWN_TOPIC_COUNTS = frozenset(("occurrence",))
#: counted nouns whose things are named companies: names near such a count are what it counts
_NAMED_THINGS = frozenset(("company",))
#: counted nouns whose topic, when their paragraph says none, is the document's subject (a text
#: on start-ups counts start-ups as "companies" and "firms"); countries or sites are not
_SUBJECT_NOUNS = frozenset(("company",))
#: (counted noun, topic decided) -> its metric there: companies that are start-ups count start-ups
_NOUN_METRIC_IN_TOPIC = {("company", "startups"): "startup_count"}
#: percentage and factor readings that do not say what they are a part or change of -> reach
#: (the fallback "share"/"ratio" named nothing: the document; a change or market word: the paragraph)
_WEAK_SHARE_METRICS: dict[str, int] = {
    "share": DOCUMENT, "ratio": DOCUMENT, "growth_rate": PARAGRAPH, "decline_rate": PARAGRAPH, "market_share": PARAGRAPH,
    "percentage_point": PARAGRAPH,  # the change of a percentage: of the figure beside it, else its paragraph's
}
#: percentage readings whose word several topics share -> the topics its context chooses among
#: (sentence, then paragraph; the reading stays when no level decides)
_SHARED_PERCENT_READINGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("capex", "capex_growth"): ("capex", "startups"),
    ("capex", "decline_rate"): ("capex", "startups"),  # "les investissements chuter de 14 %"
    ("other", "company_share"): ("other", "startups"),
    ("other", "revenue_share"): ("other", "startups"),  # a start-up's revenue is its figure, as its revenue is
    ("capex", "share"): ("capex", "startups"),  # "12 % des investissements" in a text on start-up rounds
}
#: counted nouns that, in a paragraph on the AI factories programme, are its parts -> metric (the
#: applications to its call are its expressions of interest)
_PROGRAMME_PARTS = {"site": "site_count", "member_state": "country_count", "antenna": "ai_factory_antenna_count",
                    "application": "expression_of_interest_count"}
#: hardware counts that, in a paragraph or a document on the AI gigafactories, are the programme's
#: (TOPICS: "the chips per gigafactory"); the word is alike in every language (gigafactory,
#: Gigafabrik, giga-usine)
_PROGRAMME_HARDWARE = frozenset(("chip_count", "gpu_count", "accelerator_count"))
_GIGAFACTORY_RE = re.compile(r"giga-?(?:factor|fabri|usine)", re.I)
#: changes (growth, decline) of something the context names, whatever its topic (compute included)
_CHANGE_METRICS = frozenset(("growth_rate", "decline_rate"))
#: the metric of a length said to be a height
HEIGHT_METRIC = "building_height"
#: how far from a length its height word may be ("rund 23 Meter hoch", "eine Höhe von bis zu")
_HEIGHT_REACH = 24
#: the figures a comparison may restate: quantities, not amounts of money
_QUANTITY_KINDS = frozenset(("count", "power", "compute"))
#: compute readings (unit kind, metric; None: any metric) that a sentence on a telecom network
#: naming no compute makes the network's quantity -> its reading there
_NETWORK_QUANTITIES: dict[tuple[str, str | None], tuple[str, str]] = {
    ("storage", None): ("other", "value"),
    ("factor", "compute_ratio"): ("other", "ratio"),
}
#: the order a sentence's figures are resolved in: amounts, then counts and quantities, then
#: percentages and factors (each reads the figures resolved before it)
_RESOLVE_ORDER = {"money": 0, "percent": 2, "factor": 2}
_MONEY_KIND = frozenset(("money",))
#: how far from a factor its object may be read (a noun phrase: "its data capacity in Frankfurt")
_OBJECT_REACH = 40


#: how far before a count its comparison word may stand ("la consommation d'une ville de plus de")
_COMPARISON_REACH = 40


#: what stands on a line before a list item's sentence (the segmenter's list markers)
_LIST_MARK = re.compile(r"[ \t]*(?:[•·▪◦‣●\-–—+]|\*(?!\*)|\d{1,2}[.)]|[a-z][.)])\s+")


@cache
def _comparison_pattern(language: str) -> re.Pattern[str] | None:
    # a cue may end with an elided article ("la consommation d'une ville")
    return language_rules.word_pattern(language, "topics", "comparison_before", r"(?<![\w])(?i:{words})(?:(?<=['’])|(?![\w]))")


@cache
def _supercomputer_words(language: str) -> re.Pattern[str] | None:
    """The words that name a supercomputer (``topics.keywords`` ``compute.supercomputer_count``)."""
    words = language_rules.table(language, "topics", "keywords").get("compute.supercomputer_count", ())
    return re.compile("|".join(language_rules.fragment_pattern(w) for w in words), re.I) if words else None


def _without_later_counts(sentence: str, f: Figure, readings: list[tuple[Figure, str, str]]) -> str:
    """``sentence`` with the counts written after ``f`` blanked out (their words are what they
    count, not what ``f`` belongs to)."""
    chars = list(sentence)
    for g, _, _ in readings:
        if g.start >= f.end and g.unit == "count":
            chars[g.start:g.end] = " " * (g.end - g.start)
    return "".join(chars)


class TopicContext(MoneyReadings):
    """The context levels of one document's sentences (see module doc). ``resolve`` is called for
    each sentence in order: the series of amounts (the last amount of a paragraph) is read as it
    goes."""

    def __init__(self, text: str, sentences: Sequence[Sentence], language: str, subject: str | None = None,
                 names: TopicNames = ()) -> None:
        self.text = text
        self.sentences = sentences
        self.language = language
        self.subject = subject
        self.names = names
        self._cache: dict[tuple[int, int, bool], dict[str, int]] = {}
        self._votes: dict[tuple[tuple[int, int, bool], str, bool], bool] = {}  # (level key, topic, money) -> named (evidence)
        self._last_money: tuple[int, str] | None = None  # (paragraph, topic) of the last amount resolved
        # paragraph of each sentence (a paragraph is a line: sentences with no line break between
        # them), the span of each paragraph, and the heading above each sentence
        self._paragraph: list[int] = []
        self._paragraph_span: list[tuple[int, int]] = []
        self._heading: list[int] = []  # -1: none
        heading, previous_end, in_list = -1, None, False
        for i, s in enumerate(sentences):
            gap = text[previous_end : s.start] if previous_end is not None else "\n"
            item = "\n" in gap and _LIST_MARK.fullmatch(gap.rsplit("\n", 1)[-1]) is not None
            # a list's items read the line that introduces them ("résultats :") as their paragraph;
            # that line keeps its own (the items do not say what it counts)
            opens = item and not in_list and sentences[i - 1].text.rstrip().endswith(":")
            if opens:
                self._paragraph_span.append((self._paragraph_span[-1][0], s.end))
                in_list = True
            elif "\n" in gap and not (item and in_list):
                self._paragraph_span.append((s.start, s.end))
                in_list = False
            else:
                self._paragraph_span[-1] = (self._paragraph_span[-1][0], s.end)
            self._paragraph.append(len(self._paragraph_span) - 1)
            self._heading.append(heading)
            if s.location == "heading":
                heading = i
            previous_end = s.end

    def paragraph_of(self, index: int) -> int:
        """The paragraph (numbered from 0 in the document) of sentence ``index``."""
        return self._paragraph[index]

    def _level_key(self, index: int, level: int, named: bool) -> tuple[int, int, bool]:
        return (level, index if level == SENTENCE else self._paragraph[index] if level == PARAGRAPH
                else self._heading[index] if level == HEADING else 0, named)

    def _level_text(self, index: int, level: int) -> str:
        """The text of sentence ``index``'s context at ``level`` (the document with its subject)."""
        if level == SENTENCE:
            return self.sentences[index].text
        if level == PARAGRAPH:
            a, b = self._paragraph_span[self._paragraph[index]]
            return self.text[a:b]
        if level == HEADING:
            h = self._heading[index]
            return self.sentences[h].text if h >= 0 else ""
        return self.text + "\n" + (self.subject or "")

    def _level(self, index: int, level: int, named: bool = True) -> dict[str, int]:
        """The profile of sentence ``index``'s context at ``level`` (cached per sentence, paragraph,
        heading and document: a sentence's is read by most readings of its figures); ``named``: the
        names count (``TopicNames``)."""
        key = self._level_key(index, level, named)
        scores = self._cache.get(key)
        if scores is None:
            text = self._level_text(index, level)
            scores = self._cache[key] = profile(text, self.language, self.names if named else ()) if text else {}
        return scores

    def topic(
        self,
        index: int,
        candidates: Sequence[str],
        reach: int,
        *,
        money: bool = False,
        start: int = SENTENCE,
        min_score: int = 1,
        discount: str | None = None,
        named: bool = True,
        shared_fallback: bool = True,
    ) -> str | None:
        """The topic the context of sentence ``index`` gives among ``candidates``, nearest level
        first (from ``start``), up to ``reach``; None when no level decides. ``named``: the
        names count as topic words. A level whose only words are investment words (``INVESTMENT``)
        passes to the next; if none decides, they make it capex's where ``shared_fallback``."""
        shared = None
        for level in range(start, reach + 1):
            scores = self._level(index, level, named)
            # the sentence's own word is in its paragraph and document, not in the heading above it
            own = None if level == HEADING else discount
            if investment_only(scores, candidates, own):
                # investment words alone: capex's unless a farther level says whose money it is
                shared = shared or decide(scores, candidates, money, min_score, own)
                continue
            decided = decide(scores, candidates, money, min_score, own)
            if decided is not None:
                return decided
        return shared if shared_fallback else None

    def evidence(self, index: int, topic: str, money: bool) -> str:
        """How far from a figure of sentence ``index`` the words of its ``topic`` stand: the nearest
        level holding a word or a name that votes for it as ``decide`` counts votes (``supports``),
        else ``none`` (the residual ``other``, or a topic read from the unit alone). Whatever rule
        decided the topic, its evidence is this: the farther it stands, the more often the topic is
        wrong (measured on the evaluation corpus, docs/evaluation.md)."""
        for level, name in zip((SENTENCE, PARAGRAPH, HEADING, DOCUMENT), TOPIC_EVIDENCE, strict=False):
            if self._names_topic_at(index, level, topic, money):
                return name
        return "none"

    def _names_topic_at(self, index: int, level: int, topic: str, money: bool) -> bool:
        """Whether sentence ``index``'s context at ``level`` holds a word that votes for ``topic``:
        from the level's profile when a rule has read it, else read only up to the topic's first
        word (``names_topic``: whole profiles computed for evidence alone cost 5 % of extraction)."""
        key = self._level_key(index, level, True)
        scores = self._cache.get(key)
        if scores is not None:
            return supports(scores, topic, money)
        found = self._votes.get((key, topic, money))
        if found is None:
            found = self._votes[(key, topic, money)] = names_topic(
                self._level_text(index, level), self.language, topic, money, self.names)
        return found

    # -- readings ----------------------------------------------------------------------------
    def resolve(self, index: int, readings: list[tuple[Figure, str, str]]) -> list[tuple[str, str]]:
        """(topic, metric) of each figure of sentence ``index``, given the sentence's own
        readings ``(figure, topic, metric)`` in order (see module doc)."""
        sentence = self.sentences[index].text
        # amounts first, counts next (what an amount funds reads it); percentages, factors and
        # durations then read the figures
        order = sorted(range(len(readings)), key=lambda i: _RESOLVE_ORDER.get(unit_kind(readings[i][0].unit), 1))
        resolved: dict[int, tuple[str, str]] = {}
        for i in order:
            f, topic, metric = readings[i]
            resolved[i] = self._resolve_one(index, sentence, i, f, topic, metric, readings, resolved)
            if unit_kind(f.unit) == "money":
                self._last_money = (self._paragraph[index], resolved[i][0])
        return [resolved[i] for i in range(len(readings))]

    def _resolve_one(
        self,
        index: int,
        sentence: str,
        i: int,
        f: Figure,
        topic: str,
        metric: str,
        readings: list[tuple[Figure, str, str]],
        resolved: dict[int, tuple[str, str]],
    ) -> tuple[str, str]:
        kind = unit_kind(f.unit)
        if kind == "money" and topic == "capex" and metric in PROGRAMME_MONEY:
            # who pays, read from a payer's word ("vom Bund (133 Millionen Euro)"), says whose part
            # of a venture fund stated before it in the sentence is, not what it pays for: start-up
            # money (TOPICS rule 6); a payer's own amount reads as before. (The AI factories' parts
            # have their own rule below: the nearest amount before a part may be a sibling part.)
            earlier = [resolved[j][0] for j in range(i) if j in resolved and unit_kind(readings[j][0].unit) == "money"]
            if earlier and earlier[-1] == "startups":
                return "startups", metric
        if kind == "money":
            return self._money(index, sentence, topic, metric, f)
        if kind in ("count", "percent") and self._compared(sentence, f):
            # "equivalent to the power use of three cities", "la consommation d'une ville de 200 000
            # habitants": the count restates the quantity it is compared with (TOPICS rule 8)
            # an amount of money is not what a town's or a household's use restates ("a coûté plus d'un
            # milliard d'euros et devrait consommer autant que 60 000 habitants")
            near = self._nearest_figure_topic(f, readings, resolved, i, kinds=_QUANTITY_KINDS)
            decided = near or self.topic(index, ALL_TOPICS, PARAGRAPH)
            return (decided, metric) if decided else (topic, metric)
        if kind == "count" and f.counted == "ai_factory" and topic == "ai_factories" and \
                self._level(index, DOCUMENT).get("ai_factories", 0) == 0:
            # a bare "usines", "factories" counts the programme's AI factories in a text about them
            # (their name elided); in a text that never names them, factories of any kind (other)
            return "other", "count"
        if kind == "count" and f.counted in _PROGRAMME_PARTS and topic in ("other", "compute") and (
                self._level(index, PARAGRAPH).get("ai_factories", 0) > 0 or self._document_subject == "ai_factories"):
            # sites and member states in a paragraph, or a text, on the AI factories programme are its host sites
            # and countries ("planned at around 60 sites", "cinq des sites d'accueil sélectionnés",
            # "Bewerbungen aus rund 20 Mitgliedstaaten"; TOPICS rules 2 and 7); other countries are not
            # ("Le sommet a réuni 60 pays")
            return "ai_factories", _PROGRAMME_PARTS[f.counted]
        if kind == "count" and topic == "compute" and metric in _PROGRAMME_HARDWARE and self._about_gigafactories(index):
            # no gigafactory runs yet: the chips a paragraph on them counts are the programme's
            # specification ("Die Anlagen sollen mit insgesamt 100.000 KI-Chips ausgestattet werden")
            return "ai_factories", metric
        if kind == "count" and topic == "other" and f.counted in _CONSUMERS:
            own = self._level(index, SENTENCE)
            if own.get("compute", 0) and not own.get(NETWORK, 0):
                # households beside a data centre's energy, heat or power stand for that energy
                # ("die Abwärme ... sollen bald 7000 Haushalte beheizt werden", "den Wärmebedarf von
                # etwa 20.000 Haushalte abdecken"): TOPICS rule 8, a comparison restates the
                # quantity; a network's households stay other (rule 10)
                return "compute", metric
        if kind == "count" and topic == "other" and f.counted in _PEOPLE and (
                decide(profile(_without_later_counts(sentence, f, readings), self.language, self.names),
                       ("other", "startups"), False) == "startups"
                or (not self._level(index, SENTENCE) and self.topic(index, ALL_TOPICS, PARAGRAPH, min_score=2) == "startups")):
            # people and jobs are other, but those of start-ups are theirs ("les start-up de l'IA
            # emploient 36 000 personnes", "750 startups qui ont généré 35 000 emplois"); start-ups
            # counted after them are a quantity beside them ("France with 20,398 job vacancies and
            # 453 start-up AI companies"). A sentence that names no topic ("Près de 18 400 nouveaux
            # postes ont été créés") counts the jobs of its paragraph's subject when the paragraph is
            # clearly about start-ups (two of their words at least, more than any other topic's)
            return "startups", metric
        if kind == "count" and (topic, metric) == ("startups", "headcount"):
            # staff are a start-up's where the text is about start-ups; a data centre's or a
            # plant's jobs are other (codebook)
            if self.topic(index, ("other", "startups"), DOCUMENT) == "startups":
                return topic, metric
            return "other", metric
        if kind == "count" and topic != "other" and f.counted in COUNTED_TOPICS and \
                COUNTED_TOPICS[f.counted][0] != "count" and metric != COUNTED_TOPICS[f.counted][0]:
            # a noun that names what is counted says the measure, whatever keyword the sentence
            # holds ("das vierstöckige Rechenzentrum" counts storeys, not data centres)
            noun_metric, candidates, _ = COUNTED_TOPICS[f.counted]
            if topic in candidates:
                return topic, noun_metric
        if kind == "count" and topic == "other":
            if f.counted is None:
                earlier = [
                    resolved[j] for j in range(i)
                    if j in resolved and readings[j][0].unit == "count" and readings[j][0].counted in COUNTABLE_THINGS
                ]
                if earlier:
                    return earlier[-1]
                decided = self.topic(index, ALL_TOPICS, DOCUMENT)
                return (decided, metric) if decided else (topic, metric)
            table = COUNTED_TOPICS.get(f.counted)
            if table is not None:
                noun_metric, candidates, reach = table
                # companies counted near names are those names ("SoftBank, OpenAI et Oracle, trois
                # leaders du secteur"): the names do not say what the count is about
                decided = self.topic(index, candidates, reach, named=f.counted not in _NAMED_THINGS)
                if decided is None and "capex" in candidates:
                    # projects, institutes, clusters counted beside an amount are what it funds:
                    # the amount's topic ("36 Projekte mit einer Gesamtfördersumme von 46 Millionen
                    # Euro", TOPICS rule 9)
                    near = self._nearest_figure_topic(f, readings, resolved, i, kinds=_MONEY_KIND)
                    decided = near if near in candidates else None
                if decided is None and f.counted in _SUBJECT_NOUNS and self._document_subject in candidates:
                    # companies counted in a text on start-ups are start-ups ("968 software firms
                    # versus 74 hardware companies" in an index of AI start-ups)
                    decided = self._document_subject
                decided = decided or candidates[0]
                return decided, _NOUN_METRIC_IN_TOPIC.get((f.counted, decided), noun_metric)
            if f.counted not in COUNTABLE_THINGS and f.counted not in _OWN_TOPIC_COUNTS:
                decided = self.topic(index, ALL_TOPICS, PARAGRAPH)
                return (decided, metric) if decided else (topic, metric)
            return topic, metric
        if kind == "percent" and topic == "capex" and metric in ("cost_share", "share") and self.topic(
                index, MONEY_TOPICS, DOCUMENT, money=True, discount="capex") == "ai_factories":
            # the EU's share of a gigafactory's cost, in a text on the programme (see "who pays")
            return "ai_factories", metric
        if kind == "percent" and (topic, metric) == ("other", "revenue_share"):
            own = self._level(index, SENTENCE)
            if own.get(INVESTMENT, 0) or own.get("capex", 0):
                # a share of revenue its sentence says is invested or spent ("24,7 % du chiffre
                # d'affaires ... a été investi", "capital expenditure ... 14% of revenue") is a
                # capital-intensity ratio: capex's (TOPICS rule 1: the topic of what it measures)
                return "capex", "share"
        if kind == "percent" and (topic, metric) in _SHARED_PERCENT_READINGS:
            # "investissements", "spending", "companies" are startups' words too: a change of
            # the money invested in start-ups, a share of start-up companies are theirs
            # a change or a share of investment reads up to the document (a venture-capital report's
            # "les investissements chuter de 14 %", "mit über 70 % der weltweiten Investitionen"); a
            # share of companies or of revenue its paragraph only ("75 % des entreprises
            # européennes" in a text on AI factories that names start-ups elsewhere; Big Tech's
            # "part de leur chiffre d'affaires" in a report on start-ups)
            reach = PARAGRAPH if metric in ("company_share", "revenue_share") else DOCUMENT
            decided = self.topic(index, _SHARED_PERCENT_READINGS[(topic, metric)], reach, money=True,
                                 discount=topic)
            if decided is None and metric == "company_share" and self._document_subject == "startups":
                decided = "startups"  # a share of companies in a text on start-ups, as their count
            if decided is not None and decided != topic:
                return decided, "growth_rate" if metric == "capex_growth" else metric
            return topic, metric
        network = _NETWORK_QUANTITIES.get((kind, metric)) or _NETWORK_QUANTITIES.get((kind, None))
        if topic == "compute" and network is not None:
            own = self._level(index, SENTENCE)
            if own.get(NETWORK, 0) and not own.get("compute", 0):
                # gigabytes, "faster" or "more capacity" in a sentence on a telecom network and no
                # data centre are the network's: its users' traffic ("Im Festnetz beträgt das
                # Datenvolumen pro Anschluss 230,7 Gigabyte"), its speed ("broadband speeds of up to
                # 1 Gigabit per second, five times faster"), no compute (TOPICS rule 10)
                return network
        if kind == "factor" and (topic, metric) == ("capex", "investment_ratio"):
            # "deux fois plus de capital investi", "doppelt so hohes Investitionsvolumen": like a
            # generic investment amount, the paragraph says whose investment it is
            decided = self.topic(index, ("capex", "startups"), PARAGRAPH, money=True, start=PARAGRAPH)
            return ("startups", "funding_ratio") if decided == "startups" else (topic, metric)
        if kind == "factor" and metric in _WEAK_SHARE_METRICS and (what := self._object_topic(sentence, f)) is not None:
            # a factor is of what it multiplies, whatever else its sentence names: "invest €60
            # billion and triple the computing capacity", "ces usines d'IA vont plus que doubler la
            # capacité de calcul" are the capacity's (TOPICS rule 1)
            return what, metric
        if kind == "percent" and topic == "other" and metric in _CHANGE_METRICS and self._of_revenue(sentence, f):
            # a change of revenue is the revenue's: an established group's (other) unless its
            # paragraph is about start-ups ("ses revenus cloud ont bondi de 34 %", "Umsatzanstieg im
            # Cloud Computing um 31%": no compute's, whatever the document names elsewhere)
            return self.topic(index, ("other", "startups"), PARAGRAPH, discount="other") or topic, metric
        if (kind in ("percent", "factor") or f.unit == "percentage_point") and topic == "other" and \
                metric in _WEAK_SHARE_METRICS:
            near = self._nearest_figure_topic(f, readings, resolved, i)
            if near is not None:
                return near, metric
            if metric in _CHANGE_METRICS:
                # a change is the change of what its sentence (else paragraph, else document) is
                # about: "tripler la capacité des centres de données" is compute's, "das Volumen hat
                # sich verdoppelt" in a paragraph on start-ups is theirs, "cette baisse de 44 %" in a
                # venture-capital report is the start-ups'
                own = self._level(index, SENTENCE)
                if investment_only(own, ALL_TOPICS, None) or (
                        own.get(INVESTMENT, 0) and decide(own, ALL_TOPICS, True) == "capex"):
                    # a change its sentence says is of investment is of money, whose its paragraph,
                    # heading or document says; compute's words count for capex, as money spent on
                    # compute is ("a 30% increase in data center investments")
                    decided = "capex"
                else:
                    decided = self.topic(index, ALL_TOPICS, DOCUMENT)
                if decided == "capex":
                    # a change of money read from a word several topics share ("des financements",
                    # "Investitionen") is whose its paragraph, heading or document says, like a
                    # generic investment amount
                    decided = self.topic(index, tuple(GENERIC_MONEY_METRIC), DOCUMENT, money=True, start=PARAGRAPH,
                                         discount="capex") or decided
                return (decided, metric) if decided else (topic, metric)
            if kind == "factor":
                # a comparison ("ten times more", "x3") is of what its sentence is about; the
                # paragraph is too far ("a startup valued at $3 billion. Its models were downloaded
                # 400 million times" counts downloads)
                decided = self.topic(index, ALL_TOPICS, SENTENCE)
                if decided is None and self._last_money is not None and self._last_money[0] == self._paragraph[index]:
                    # a sentence that names nothing compares the amount just stated ("Die Summe
                    # entspricht dem Vierfachen des Betrags von 2012"): the series of amounts
                    decided = self._last_money[1]
                return (decided, metric) if decided else (topic, metric)
            decided = self.topic(index, ALL_TOPICS, _WEAK_SHARE_METRICS[metric])
            return (decided, metric) if decided else (topic, metric)
        if kind == "distance" and topic == "other" and self._dimension(sentence, f, "height_words"):
            # a length said to be a height ("rund 23 Meter hoch", "a height of up to 35 metres") is
            # a building's, whose topic is the building's: a data centre's in a text about one (an
            # area's rule); a distance to a town or a border stays other (TOPICS rule 4)
            return self.topic(index, ("other", "compute"), DOCUMENT) or topic, HEIGHT_METRIC
        if kind == "distance" and topic == "other" and self._dimension(sentence, f, "dimension_words"):
            # so is a length or a width ("168 Meter langen und 79 Meter breiten", "a cube of 35 metres
            # edge length"): the building's topic; its measure stays a length
            return self.topic(index, ("other", "compute"), DOCUMENT) or topic, metric
        if kind in ("area", "temperature") and topic == "other":
            # a data centre's floor space or plot is its capacity, and the temperatures of its
            # servers and cooling its physical quantities (TOPICS rule 4); a text about one
            # data-centre project gives the plot's surface in a sentence that names only the parcel
            return self.topic(index, ("other", "compute"), DOCUMENT) or topic, metric
        if f.unit in _DURATION_UNITS and topic == "other" and is_age(
                sentence, f.end, self.language):
            # an age ("the firm is just over a year old", "the seven-year-old company") is the age of
            # a start-up where the text is about start-ups, else of whatever it is (other)
            return self.topic(index, ("other", "startups"), DOCUMENT) or topic, metric
        if f.unit in _DURATION_UNITS and topic == "other" and metric in ("duration", f.unit):
            # a duration is about its sentence's subject when the sentence clearly has one (one
            # word is not enough: "deux ans après la sortie de ChatGPT, les coûts baissent" dates
            # its sentence), else about its paragraph's ("the seven-year-old company" in a
            # paragraph on a start-up's round)
            decided = self.topic(index, ALL_TOPICS, SENTENCE, min_score=2)
            if decided is None:  # the rest of the paragraph, the sentence's own words set aside
                own = self._level(index, SENTENCE)
                rest = {t: n - own.get(t, 0) for t, n in self._level(index, PARAGRAPH).items()}
                decided = decide(rest, ALL_TOPICS, False)
            if decided is None and span_start_before(sentence, f.start, self.language) is None:
                # else the document's subject, when one topic holds most of its words (twice at
                # least): the operating life or the construction time of the machine or the site a
                # text is about; a long report on many subjects says nothing of one duration, nor
                # does the document of a time to come ("dans 5 ans, il sera trop tard")
                decided = self._document_subject
            return (decided, metric) if decided else (topic, metric)
        return topic, metric

    def _of_revenue(self, sentence: str, f: Figure) -> bool:
        """A revenue word (``topics.revenue_words``) in the figure's clause, before it or just after."""
        pattern = topic_word_pattern(self.language, "revenue_words")
        return pattern is not None and (pattern.search(clause_before(sentence, f.start, 80)) is not None
                                        or pattern.search(clause_after(sentence, f.end, 40)) is not None)

    @cached_property
    def _document_subject(self) -> str | None:
        """The topic that holds a strict majority of the document's topic words, twice at least."""
        scores = dict(self._level(0, DOCUMENT)) if self.sentences else {}
        if NETWORK in scores:
            scores["other"] = scores.get("other", 0) + scores.pop(NETWORK)
        if INVESTMENT in scores:
            scores["capex"] = scores.get("capex", 0) + scores.pop(INVESTMENT)
        total = sum(scores.values())
        top = max(scores.items(), key=lambda kv: kv[1], default=None)
        if top is None or top[1] < 2 or 2 * top[1] <= total:
            return None
        return top[0]

    def _object_topic(self, sentence: str, f: Figure) -> str | None:
        """The topic a factor's object names: the words right after it, or before it where the
        language puts the object first (``topics.verb_object``); None when they name none, or
        only investment words, whose owner the context says ("das Volumen der investierten
        Franken hat sich verdreifacht" in a venture-capital report)."""
        if language_rules.text(self.language, "topics", "verb_object", "after") == "before":
            words = clause_before(sentence, f.start, _OBJECT_REACH)
        else:
            words = clause_after(sentence, f.end, _OBJECT_REACH)
        scores = profile(words, self.language)
        return None if investment_only(scores, ALL_TOPICS, None) else decide(scores, ALL_TOPICS, False)

    def _dimension(self, sentence: str, f: Figure, key: str) -> bool:
        """A height word (``topics.height_words``) or a length or width word (``dimension_words``)
        in the figure's clause: right after it ("23 Meter hoch", "35 metres high", "30 mètres de
        haut", "79 Meter breiten") or, for a height, a few words before it ("eine Höhe von bis zu 35
        Metern", "a height of 35 metres")."""
        pattern = topic_word_pattern(self.language, key)
        if pattern is None:
            return False
        if pattern.search(clause_after(sentence, f.end, _HEIGHT_REACH)) is not None:
            return True
        # a length word before the figure is as often a superlative's ("le câble le plus long du
        # monde avec ses 45 000 km") as a building's: heights only
        return key == "height_words" and pattern.search(clause_before(sentence, f.start, _HEIGHT_REACH)) is not None

    def _compared(self, sentence: str, f: Figure) -> bool:
        """A comparison word (``topics.comparison_before``) stands before the count or percentage,
        at most a few words before it and with no clause break between them ("consumption of three
        cities", "la consommation d'une ville de plus de 200 000 habitants", "de quoi alimenter 70 %
        des ménages"); the cue itself may hold a comma ("genug, um etwa 1.000 Haushalte")."""
        pattern = _comparison_pattern(self.language)
        if pattern is None:
            return False
        a = max(0, f.start - _COMPARISON_REACH)
        last = None
        for last in pattern.finditer(sentence, a, f.start):
            pass
        return last is not None and CLAUSE_BREAK.search(sentence, last.end(), f.start) is None

    def _about_gigafactories(self, index: int) -> bool:
        """The paragraph of sentence ``index`` names the AI gigafactories, or its document is about
        them (:attr:`_document_on_gigafactories`) and the paragraph names no supercomputer (whose
        chips are that machine's: "der Supercomputer Jupiter ... 24.000 KI-Grafikprozessoren" in an
        article on the gigafactories)."""
        a, b = self._paragraph_span[self._paragraph[index]]
        if _GIGAFACTORY_RE.search(self.text, a, b) is not None:
            return True
        machines = _supercomputer_words(self.language)
        return self._document_on_gigafactories and (machines is None or machines.search(self.text, a, b) is None)

    @cached_property
    def _document_on_gigafactories(self) -> bool:
        """The document is about the gigafactories: its subject or its opening paragraph names
        them, or they are its first topic ("Ces installations ... plus de 100 000 puces" under a
        text on them); a long report that names them further on is not."""
        if self.subject is not None and _GIGAFACTORY_RE.search(self.subject) is not None:
            return True
        if _GIGAFACTORY_RE.search(self.text) is None:
            return False
        first_a, first_b = self._paragraph_span[0] if self._paragraph_span else (0, 0)
        return (_GIGAFACTORY_RE.search(self.text, first_a, first_b) is not None
                or decide(self._level(0, DOCUMENT), ALL_TOPICS, False) == "ai_factories")

    @staticmethod
    def _nearest_figure_topic(
        f: Figure, readings: list[tuple[Figure, str, str]], resolved: dict[int, tuple[str, str]], i: int,
        kinds: frozenset[str] = frozenset(("money", "count", "power", "compute")),
    ) -> str | None:
        best = None
        for j, (g, _, _) in enumerate(readings):
            if j == i or j not in resolved or unit_kind(g.unit) not in kinds:
                continue
            t, m = resolved[j]
            # an amount that says what it is ("contributed €7 billion to the economy") gives its
            # part ("two-thirds of that") its topic, "other" included; a bare amount or count does not,
            # nor a count of countries, which says where the sentence's figures are, not what they are
            # parts of ("In den fünf Ländern wurden nur 10 Prozent der ... Start-ups ... gegründet")
            if t not in ALL_TOPICS or (t == "other" and m in ("amount", "count", "value", "country_count")):
                continue
            dist = f.start - g.end if g.end <= f.start else g.start - f.end
            if best is None or dist < best[0]:
                best = (dist, t)
        return best[1] if best else None
