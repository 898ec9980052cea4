"""Give each figure a topic and a metric by transparent keyword rules.

``classify(sentence, figure) -> (topic, metric)``; topics are those of ``model.TOPICS`` as defined
in the codebook docs/dataset.md (compute, capex, ai_factories, startups, other); metrics are snake_case,
and each must be explained in ``pipelines/vocabulary.METRIC`` (a test checks every rule's metric). This
reads the sentence alone; ``topic_context`` then decides the readings the sentence leaves weak (an
amount with no keyword, a count of sites, a bare percentage) from the paragraph, the heading and
the document.

The rules are data, read top to bottom; their words are each language's
(``languages/<code>/rules.yaml``, ``topics.keywords``; the examples below are French and English):

* AI-factory context — words that put a figure in the EU AI factories / gigafactories
  programme ("usines d'IA", "giga-usines", "AI factories", "KI-Fabriken", and the name
  "EuroHPC"; ``ai_factory_phrase``), and a sentence that says "usines"/"factories" with the
  Commission, AI or EuroHPC nearby (``ai_factory_sites``, ``ai_factory_actors``);
  ``AI_FACTORY_METRICS`` then names the metric from the unit / what is counted. Beyond the
  phrase (steps 2 and 4), the programme must be named: EuroHPC alone does not, as it also runs
  the supercomputers.
* ``COUNTED`` — for a count, what the figures stage says is counted (``gpu``, ``unicorn``,
  ``node``, ``funding_round``...) decides directly. Nouns that belong to several topics (sites,
  buildings, generators, projects) are ``topic_context.COUNTED_TOPICS``'s.
* ``RULES`` — rows ``(topic, metric, unit kinds, strength, keyword id)``; ``strength`` is
  ``specific`` (a keyword that names the measure: "financements publics", "valorisation",
  "part de marché des puces"...) or ``generic`` ("investir", "plan", "financement"). Money next
  to a startup's funding vocabulary (levée, tour de table, série B, round, seed, raised, venture
  capital, "invested in startups") is the startup's (``funding_round``, ``valuation``,
  ``vc_investment``), never capex: those rows are specific, "invest" is generic. A hardware
  market share needs both a chip word and a market word ("20 % du marché des puces"; not "5 %
  of the Chips Act's funding").
* ``FALLBACK`` — by unit kind, when no rule matches (for a unit of kind ``other`` written in
  snake_case, such as ``rank``, the metric is the unit itself).

Order of decision, each step on the figure's *phrase* (the text between the nearest
``, ; : ( ) – —`` or sentence ends around the figure, at most 120 characters each side) before
the whole sentence:

1. AI-factory context in the phrase;
2. for a count: AI-factory context in the sentence, then ``COUNTED``; a ``hardware`` model on
   the figure makes it ``compute``;
3. ``specific`` rules in the phrase;
4. AI-factory context in the sentence;
5. ``generic`` rules in the phrase, then, for money, infrastructure named in the phrase (capex);
6. ``specific`` then ``generic`` rules in the sentence;
7. ``FALLBACK``;
8. refinements (a loss of market value is ``market_cap_loss``: ``loss_words`` and
   ``market_value_words``);
9. a percentage's direction (:mod:`change_direction`): the change word nearest it in its phrase says
   whether a change rose or fell, whatever word named its topic, and a comparative right after
   it (``decline_after``, ``growth_after``: "39 Prozent weniger") makes it a change.

For a count, only a keyword in the figure or within 25 characters after it counts (what is
counted is the noun that follows the number: "50 000 GPU", "sept usines", "700 salariés").
Within a step, the rule whose keyword is nearest to the figure wins (the earlier row on a tie):
a sentence with several figures ("50 milliards d'euros de financements publics, ... le secteur
privé ... 150 milliards") classifies each by its own words.

Topic ``compute`` holds capacities (chip and GPU counts, supercomputers, data centres, power and
compute capacity) and hardware market shares. A ``factor`` ("consomme dix fois plus
d'électricité", "quatre fois plus de puissance de calcul") compares two things: it is about what
it compares, so energy and compute ratios are ``compute``'s (power and capacity, the codebook's
compute) and cost ratios ``capex``'s; a bare factor takes its sentence's topic
(``topic_context``).

Unit kinds: ``money`` (ISO 4217 code), ``percent``, ``count``, ``factor``, ``years``,
``power`` (W, kW, MW, GW, TW and their hours), ``compute`` (FLOP/FLOPS), ``storage`` (B ... EB:
storage capacity, compute's), ``area`` (m2, km2, ha), ``distance`` (m, km), ``temperature``
(degC), ``other``. An area is ``other`` unless its context is a data centre's
(``topic_context``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from pipelines.extraction import languages as language_rules
from pipelines.extraction.change_direction import change_direction
from pipelines.extraction.model import Figure
from pipelines.extraction.prefilter import Possible

__all__ = [
    "AI_FACTORY_METRICS",
    "COUNTED",
    "FALLBACK",
    "RULES",
    "classify",
    "unit_kind",
]

_I = re.I

class _AiFactoryWords(NamedTuple):
    context: re.Pattern[str]    # the programme or EuroHPC named in a phrase
    sentence: re.Pattern[str]   # "usines"/"factories" with the Commission, AI or EuroHPC nearby
    programme: re.Pattern[str]  # the programme named (EuroHPC alone is not: it also runs supercomputers)


@cache
def _ai_factory_words(language: str) -> _AiFactoryWords:
    """The AI-factory programme's words of a document in ``language`` (``topics.keywords``:
    ``ai_factory_phrase``, ``ai_factory_sites``, ``ai_factory_actors``); EuroHPC is a name."""
    keywords = language_rules.table(language, "topics", "keywords")

    def alt(key: str) -> str:
        return "|".join(language_rules.fragment_pattern(f) for f in keywords.get(key, ())) or r"(?!x)x"

    phrase, sites = alt("ai_factory_phrase"), alt("ai_factory_sites")
    actors, actors_before = alt("ai_factory_actors"), alt("ai_factory_actors_before")
    return _AiFactoryWords(
        context=re.compile(rf"{phrase}|\bEuroHPC\b", _I),
        sentence=re.compile(
            rf"\b(?:{sites})\b(?=.*\b(?:{actors}|EuroHPC)\b)|\b(?:{actors_before}|EuroHPC)\b.*\b(?:{sites})\b", _I
        ),
        programme=re.compile(phrase, _I),
    )


_GIGA_RE = re.compile(r"giga", _I)

#: (unit kind, counted values or None, metric) for a figure in the AI-factories programme.
AI_FACTORY_METRICS: tuple[tuple[str, frozenset[str] | None, str], ...] = (
    ("money", None, "programme_funding"),
    ("count", frozenset({"ai_gigafactory", "gigafactory"}), "ai_gigafactory_count"),
    ("count", frozenset({"gpu", "chip", "microprocessor", "processor", "accelerator", "superchip"}), "chip_count"),
    ("count", frozenset({"ai_factory", "factory"}), "ai_factory_count"),
    ("count", frozenset({"ai_factory_antenna", "antenna"}), "ai_factory_antenna_count"),
    ("count", frozenset({"country", "member_state", "site", "host_country"}), "site_count"),
    ("count", frozenset({"supercomputer"}), "supercomputer_count"),
    ("count", frozenset({"selection_round"}), "selection_round_count"),
    ("count", None, "count"),
    ("factor", None, "ratio"),
    ("percent", None, "share"),
    ("power", None, "power_capacity"),
    ("compute", None, "compute_capacity"),
)

#: counted (singular English, from the figures stage) -> (topic, metric).
COUNTED: dict[str, tuple[str, str]] = {
    "gpu": ("compute", "gpu_count"),
    "accelerator": ("compute", "gpu_count"),
    "chip": ("compute", "chip_count"),
    "microprocessor": ("compute", "chip_count"),
    "processor": ("compute", "chip_count"),
    "superchip": ("compute", "chip_count"),
    "supercomputer": ("compute", "supercomputer_count"),
    "data_centre": ("compute", "data_centre_count"),
    "data_center": ("compute", "data_centre_count"),
    "server": ("compute", "server_count"),
    "node": ("compute", "node_count"),
    "core": ("compute", "core_count"),
    "rack": ("compute", "rack_count"),
    "chip_plant": ("compute", "chip_plant_count"),
    "cabinet": ("compute", "cabinet_count"),
    "switch": ("compute", "switch_count"),
    "blade": ("compute", "blade_count"),
    "qubit": ("compute", "qubit_count"),
    "drive": ("compute", "drive_count"),
    "transistor": ("compute", "transistor_count"),
    "data_hall": ("compute", "data_hall_count"),
    "tpu": ("compute", "tpu_count"),
    "cpu": ("compute", "cpu_count"),
    "ai_factory": ("ai_factories", "ai_factory_count"),
    "ai_factory_antenna": ("ai_factories", "ai_factory_antenna_count"),
    "ai_gigafactory": ("ai_factories", "ai_gigafactory_count"),
    "gigafactory": ("ai_factories", "ai_gigafactory_count"),
    "unicorn": ("startups", "unicorn_count"),
    "startup": ("startups", "startup_count"),
    "scaleup": ("startups", "scaleup_count"),
    "decacorn": ("startups", "decacorn_count"),
    "funding_round": ("startups", "funding_round_count"),
    "employee": ("startups", "headcount"),  # topic_context: other where the text is not about start-ups
    "engineer": ("startups", "headcount"),
    "founder": ("startups", "founder_count"),
    "investor": ("startups", "investor_count"),
    "researcher": ("other", "researcher_count"),
    "model": ("other", "model_count"),
    "user": ("other", "user_count"),
    "household": ("other", "household_count"),
    "antenna": ("other", "count"),  # a network's; the AI factories programme's in a paragraph on it
    "occurrence": ("other", "count"),  # "downloaded 400 million times": events, not a factor (units.occurrences)
    "consumer": ("other", "consumer_count"),
    "patent": ("other", "patent_count"),
    "parameter": ("other", "model_parameters"),
    "country": ("other", "country_count"),
    "member_state": ("other", "country_count"),
    "executive": ("other", "executive_count"),
    "operator": ("other", "operator_count"),  # companies (codebook: counts of companies are other)
    "person": ("other", "person_count"),
    # people and partners outside start-ups (codebook: people trained or employed, companies)
    "job": ("other", "job_count"),
    "student": ("other", "student_count"),
    "developer": ("other", "developer_count"),
    "professor": ("other", "professor_count"),
    "expert": ("other", "expert_count"),
    "technician": ("other", "technician_count"),
    "partner": ("other", "partner_count"),
    "page": ("other", "page_count"),  # a document's length ("an 80-page strategy", "80-seitigen")
}


#: (topic, metric, unit kinds, strength, keyword id) — see module doc. The keywords of a row are
#: its id's in ``topics.keywords`` of the document's reading languages; ``compute.market_share``
#: pairs ``market_words`` with ``hardware_words``; a capacity (power, compute) needs no keyword.
RULES: tuple[tuple[str, str, frozenset[str], str, str], ...] = tuple(
    (t, m, frozenset(u.split()), st, key) for t, m, u, st, key in (
    ("compute", "gpu_count", "count", "specific", "compute.gpu_count"),
    ("compute", "chip_count", "count", "specific", "compute.chip_count"),
    ("compute", "supercomputer_count", "count", "specific", "compute.supercomputer_count"),
    ("compute", "data_centre_count", "count", "specific", "compute.data_centre_count"),
    ("compute", "market_share", "percent", "specific", "compute.market_share"),
    ("compute", "power_capacity", "power", "specific", "compute.power_capacity"),
    ("compute", "compute_capacity", "compute", "specific", "compute.compute_capacity"),
    ("compute", "pue", "factor", "specific", "compute.pue"),
    ("compute", "energy_ratio", "factor", "specific", "other.energy_ratio"),
    ("other", "market_cap", "money", "specific", "other.market_cap"),
    ("other", "market_cap_change", "percent", "specific", "other.market_cap_change"),
    ("other", "patent_share", "count percent", "specific", "other.patent_share"),
    ("capex", "public_funding", "money", "specific", "capex.public_funding"),
    ("capex", "private_investment", "money", "specific", "capex.private_investment"),
    ("capex", "training_cost", "money", "specific", "capex.training_cost"),
    ("capex", "operating_cost", "money", "specific", "capex.operating_cost"),
    ("other", "consumer_spending", "money", "specific", "other.consumer_spending"),
    ("capex", "capex", "money", "specific", "capex.capex"),
    ("capex", "capex_growth", "percent", "specific", "capex.capex_growth"),
    ("startups", "valuation", "money", "specific", "startups.valuation"),
    ("startups", "funding_raised", "money", "specific", "startups.funding_raised"),
    ("startups", "funding_round", "money", "specific", "startups.funding_round"),
    ("startups", "vc_investment", "money", "specific", "startups.vc_investment"),
    ("startups", "unicorn_count", "count", "specific", "startups.unicorn_count"),
    ("startups", "startup_count", "count", "specific", "startups.startup_count"),
    ("startups", "headcount", "count", "specific", "startups.headcount"),
    ("startups", "unicorn_ratio", "factor", "specific", "startups.unicorn_ratio"),
    ("startups", "headcount_ratio", "factor", "specific", "startups.headcount_ratio"),
    ("startups", "funding_ratio", "factor", "specific", "startups.funding_ratio"),
    ("other", "gdp_ratio", "factor percent", "specific", "other.gdp_ratio"),
    ("other", "revenue_share", "percent", "specific", "other.revenue_share"),
    ("other", "revenue", "money", "specific", "other.revenue"),
    ("other", "profit", "money", "specific", "other.profit"),
    ("other", "dividend", "money", "specific", "other.dividend"),
    ("other", "gdp_contribution", "money", "specific", "other.gdp_contribution"),
    ("other", "salary", "money", "specific", "other.salary"),
    ("other", "advertising_market", "money", "specific", "other.advertising_market"),
    ("other", "value_loss", "money", "specific", "other.value_loss"),
    ("other", "user_count", "count", "specific", "other.user_count"),
    ("other", "model_count", "count", "specific", "other.model_count"),
    ("other", "reading_time", "years", "specific", "other.reading_time"),
    ("other", "market_share", "percent", "generic", "other.market_share"),
    ("other", "population_share", "percent", "specific", "other.population_share"),
    ("other", "company_share", "percent", "specific", "other.company_share"),
    ("capex", "cost_ratio", "factor", "specific", "other.cost_ratio"),
    ("capex", "cost_share", "percent", "specific", "other.cost_share"),  # costs are capex's (codebook)
    ("other", "growth_rate", "factor percent", "generic", "other.growth_rate"),
    ("other", "decline_rate", "percent", "generic", "other.decline_rate"),
    ("other", "market_size", "money", "generic", "other.market_size"),
    ("capex", "investment", "money", "generic", "capex.investment"),
    ("capex", "investment_ratio", "factor", "generic", "capex.investment_ratio"),
    ("compute", "compute_capacity", "count", "generic", "compute.compute_capacity.generic"),
    ("compute", "compute_ratio", "factor", "generic", "other.compute_ratio"),
    ("other", "lead_time", "years", "generic", "other.lead_time"),
    )
)
_ANY = frozenset(("compute.power_capacity", "compute.compute_capacity"))


@cache
def _compiled_rules(language: str) -> tuple[re.Pattern[str] | None, ...]:
    """Each row's keyword pattern for a document in ``language`` (None: no keyword in its languages)."""
    keywords = language_rules.table(language, "topics", "keywords")

    def alt(key: str) -> str | None:
        fragments = keywords.get(key, ())
        return "|".join(language_rules.fragment_pattern(f) for f in fragments) if fragments else None

    out: list[re.Pattern[str] | None] = []
    for _t, _m, _kinds, _s, key in RULES:
        if key in _ANY:
            out.append(re.compile(".", _I))
        elif key == "compute.market_share":
            market, hardware = alt("market_words"), alt("hardware_words")
            out.append(re.compile(
                rf"(?:{market})\b[^.;]{{0,60}}?(?:{hardware})|(?:{hardware})[^.;]{{0,60}}?\b(?:{market})\b", _I
            ) if market and hardware else None)
        else:
            pattern = alt(key)
            out.append(re.compile(pattern, _I) if pattern else None)
    return tuple(out)


# rule indexes by (unit kind, strength), in table order
_BY_KIND_STRENGTH: dict[tuple[str, str], tuple[int, ...]] = {}
for _i, (_t, _m, _kinds, _s, _key) in enumerate(RULES):
    for _k in _kinds:
        _BY_KIND_STRENGTH[(_k, _s)] = _BY_KIND_STRENGTH.get((_k, _s), ()) + (_i,)

#: unit kind -> (topic, metric) when no rule matched.
FALLBACK: dict[str, tuple[str, str]] = {
    "money": ("other", "amount"),
    "percent": ("other", "share"),
    "count": ("other", "count"),
    "factor": ("other", "ratio"),
    "years": ("other", "duration"),
    "power": ("compute", "power_capacity"),
    "compute": ("compute", "compute_capacity"),
    "storage": ("compute", "storage_capacity"),
    "area": ("other", "area"),
    "distance": ("other", "distance"),
    "temperature": ("other", "temperature"),
    "other": ("other", "value"),
}

_MONEY_RE = re.compile(r"^[A-Z]{3}$")
_POWER_UNITS = frozenset({"W", "kW", "MW", "GW", "TW", "Wh", "kWh", "MWh", "GWh", "TWh"})
#: other physical quantities, by the canonical unit the units stage gives them
_PHYSICAL_KINDS: dict[str, str] = {
    **dict.fromkeys(("B", "kB", "MB", "GB", "TB", "PB", "EB"), "storage"),
    **dict.fromkeys(("m2", "km2", "ha"), "area"),
    **dict.fromkeys(("m", "km"), "distance"),
    **dict.fromkeys(("degC",), "temperature"),
}
# a comma between digits is a decimal or thousands separator ("um 6,3 Prozent auf 1,63 Milliarden
# Euro zurückgegangen"), not a clause's end
_PHRASE_BOUND_RE = re.compile(r"[;:()\[\]–—]|,(?!(?<=\d,)\d)|[.!?…](?:\s|$)")
_PHRASE_MAX = 120
_COUNT_NOUN_REACH = 25
_COUNTED_NOUN_REACH = 3


def unit_kind(unit: str | None) -> str:
    if not unit:
        return "other"
    if _MONEY_RE.match(unit):
        return "money"
    if unit in ("percent", "count", "factor", "years"):
        return unit
    if unit in _POWER_UNITS:
        return "power"
    if "flop" in unit.lower():
        return "compute"
    return _PHYSICAL_KINDS.get(unit, "other")


def _phrase(sentence: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - _PHRASE_MAX)
    for m in _PHRASE_BOUND_RE.finditer(sentence, lo, start):
        lo = m.end()
    hi = min(len(sentence), end + _PHRASE_MAX)
    m = _PHRASE_BOUND_RE.search(sentence, end, hi)
    if m:
        hi = m.start()
    return lo, hi


@lru_cache(maxsize=256)
def _rule_spans(sentence: str, language: str, kind: str, strength: str) -> tuple[tuple[int, tuple[tuple[int, int], ...]], ...]:
    """Where each keyword rule of (kind, strength) matches in ``sentence``: found once per
    sentence, then read for each figure's phrase and for the sentence (several figures, several
    steps: the same sentence was scanned again for each)."""
    compiled = _compiled_rules(language)
    indexes, possible = _rule_gate(language, kind, strength)
    destination = _market_destination(language)
    out = []
    for i, can_match in zip(indexes, possible(sentence), strict=True):
        if can_match:  # a rule whose required strings the sentence lacks is not searched
            spans = tuple((m.start(), m.end()) for m in compiled[i].finditer(sentence))
            if destination is not None and i in _MARKET_SIZE_RULES:
                spans = tuple((a, b) for a, b in spans if not destination.search(sentence[max(0, a - 60): a]))
            out.append((i, spans))
    return tuple(out)


#: The rules that read money as a market's size from a market word.
_MARKET_SIZE_RULES = frozenset(i for i, rule in enumerate(RULES) if rule[1] == "market_size")


@cache
def _market_destination(language: str) -> re.Pattern[str] | None:
    """Words before a market word that make the market where money goes ("2,5 Milliarden Euro in
    den Telekommunikationsmarkt investiert", "invested in the telecom market"): the amount is an
    investment, not the market's size, so that market word is no evidence of a market size."""
    return language_rules.word_pattern(language, "topics", "market_destination_before",
                                       r"(?<![\w])(?i:{words})[\w-]*\Z")


@cache
def _rule_gate(language: str, kind: str, strength: str) -> tuple[tuple[int, ...], Possible]:
    """The rules of (kind, strength) that have keywords, and which of them can match a text."""
    compiled = _compiled_rules(language)
    indexes = tuple(i for i in _BY_KIND_STRENGTH.get((kind, strength), ()) if compiled[i] is not None)
    return indexes, Possible(compiled[i] for i in indexes)


def _nearest(
    sentence: str, lo: int, hi: int, start: int, end: int, kind: str, strength: str, language: str,
    counted_read: bool = False,
) -> tuple[str, str] | None:
    best = None
    spans_by_rule = _rule_spans(sentence, language, kind, strength)
    for i, spans in spans_by_rule:
        topic, metric, _, _, _ = RULES[i]
        for m_start, m_end in spans:
            if m_start < lo or m_end > hi:
                continue  # outside the phrase (the sentence's matches are found once)
            if m_start < end and m_end > start:
                dist = 0  # in the figure itself: "700 salariés", "3 supercalculateurs"
            else:
                dist = m_start - end if m_start >= end else start - m_end
                # a count is of the noun that follows it, not of the context; when a noun was read
                # after the number, only a word right after it may still say what is counted ("five
                # further supercomputers"), not one further on ("drei Partnern im Norden von
                # Dresden Chips")
                reach = _COUNTED_NOUN_REACH if counted_read else _COUNT_NOUN_REACH
                if kind == "count" and (m_start < end or dist > reach):
                    continue
            key = (dist, i)
            if best is None or key < best[0]:
                best = (key, (topic, metric))
    return best[1] if best else None


def _ai_factory_metric(figure: Figure, kind: str, phrase: str) -> str:
    counted = (figure.counted or "").lower()
    for k, counted_set, metric in AI_FACTORY_METRICS:
        if k != kind:
            continue
        if counted_set is None:
            if metric == "count" and _GIGA_RE.search(phrase):
                return "ai_gigafactory_count"
            return metric
        if counted in counted_set:
            if metric == "ai_factory_count" and _GIGA_RE.search(phrase):
                return "ai_gigafactory_count"
            return metric
    return FALLBACK[kind][1]


#: Refinements applied to the result of the steps above: (metric read, sentence regex, metric
#: given). A loss of market value is one metric, whichever of its words the rules met first:
#: "perte de 593 milliards" after "baisse de 17 % du cours de NVIDIA", "600 milliards de
#: capitalisation" that a story "a fait perdre", "effaçant 1 000 milliards de valorisation",
#: "14,5 milliards de dollars évaporés" of a "valeur boursière" -> ``market_cap_loss``.
@cache
def _refinements(language: str) -> tuple[tuple[frozenset[str], re.Pattern[str], str], ...]:
    keywords = language_rules.table(language, "topics", "keywords")
    loss = "|".join(language_rules.fragment_pattern(f) for f in keywords.get("loss_words", ())) or r"(?!x)x"
    value = "|".join(language_rules.fragment_pattern(f) for f in keywords.get("market_value_words", ())) or r"(?!x)x"
    return (
        (frozenset({"value_loss"}), re.compile(value, _I), "market_cap_loss"),
        (frozenset({"market_cap", "valuation"}), re.compile(loss, _I), "market_cap_loss"),
    )


#: a plus sign written right before a percentage (inside the figure or just before it)
_PLUS_BEFORE = re.compile(r"\+[ \u00a0\u202f]?(?=\d)")
#: rises that name what rises (kept when a plus sign says the direction)
_GROWTH_METRICS = frozenset(("growth_rate", "capex_growth", "market_cap_change"))


def classify(sentence: str, figure: Figure, language: str = "fr") -> tuple[str, str]:
    """``(topic, metric)`` of ``figure`` (offsets relative to ``sentence``); see module doc.
    ``language``: the document's (its resources' keywords)."""
    topic, metric = _classify(sentence, figure, language)
    for metrics, rx, refined in _refinements(language):
        if metric in metrics and rx.search(sentence):
            return "other", refined
    if unit_kind(figure.unit) == "percent":
        metric = change_direction(sentence, figure, metric, _phrase(sentence, figure.start, figure.end), language)
        if _PLUS_BEFORE.search(sentence, max(0, figure.start - 3), figure.start + 2) and metric not in _GROWTH_METRICS:
            # "+12%", "(+ 13,7 %)": the sign says a rise, whatever a word of the sentence says
            # ("Abwärtstrend ... lediglich Südafrika (+ 13,7%)")
            metric = "growth_rate"
    if metric == "capex_growth" and not _change_words(language).search(sentence):
        # a spending word makes a percentage capex's; only a change word makes it a growth ("bis
        # zu 35 Prozent der Investitionen" is a share)
        return topic, "share"
    return topic, metric


@cache
def _infrastructure_words(language: str) -> re.Pattern[str]:
    """What money buys when it is capex: the compute words of the topic profiles (``topics.words``)."""
    words = language_rules.table(language, "topics", "words").get("compute", ())
    body = "|".join(language_rules.fragment_pattern(f) for f in words) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", _I)


@cache
def _change_words(language: str) -> re.Pattern[str]:
    """Words of a change (``other.growth_rate`` and ``other.decline_rate`` keywords)."""
    keywords = language_rules.table(language, "topics", "keywords")
    fragments = [*keywords.get("other.growth_rate", ()), *keywords.get("other.decline_rate", ())]
    return re.compile("|".join(language_rules.fragment_pattern(f) for f in fragments) or r"(?!x)x", _I)


def _classify(sentence: str, figure: Figure, language: str) -> tuple[str, str]:
    ai = _ai_factory_words(language)
    kind = unit_kind(figure.unit)
    start, end = figure.start, figure.end
    lo, hi = _phrase(sentence, start, end)
    phrase = sentence[lo:hi]
    # 1. AI factories named in the phrase (EuroHPC alone also runs the supercomputers: its
    # hardware counts, "the EuroHPC systems' 57,000 accelerators", are compute's)
    hardware = kind in ("compute", "power", "storage") or (
        kind == "count" and COUNTED.get((figure.counted or "").lower(), ("",))[0] == "compute")
    if ai.context.search(phrase) and (not hardware or ai.programme.search(phrase)):
        return "ai_factories", _ai_factory_metric(figure, kind, phrase)
    # 2. what is counted, the hardware named (in a sentence about AI factories, a count is the
    # programme's: "quatre giga-usines, chacune équipée de 100 000 microprocesseurs")
    if kind == "count" and (
        ai.programme.search(sentence) or ai.sentence.search(sentence)
    ):
        return "ai_factories", _ai_factory_metric(figure, kind, phrase)
    if kind == "count" and figure.counted:
        hit = COUNTED.get(figure.counted.lower())
        if hit:
            return hit
    if figure.hardware and kind in ("count", "percent", "factor"):
        return "compute", "gpu_count" if kind == "count" else f"gpu_{FALLBACK[kind][1]}"
    # 3. specific words of the phrase
    counted_read = kind == "count" and figure.counted is not None
    hit = _nearest(sentence, lo, hi, start, end, kind, "specific", language, counted_read)
    if hit:
        return hit
    # 4. AI factories named in the sentence
    if ai.programme.search(sentence) or ai.sentence.search(sentence):
        return "ai_factories", _ai_factory_metric(figure, kind, sentence)
    # 5. generic words of the phrase; money whose phrase names what it buys (supercomputers, data
    # centres, chips) is spent on infrastructure ("deux milliards d'euros destinés aux
    # superordinateurs"), whatever another clause of the sentence is about
    hit = _nearest(sentence, lo, hi, start, end, kind, "generic", language, counted_read)
    if hit:
        return hit
    if kind == "money" and _infrastructure_words(language).search(phrase):
        # a capex keyword of the sentence names it better ("coûts opérationnels ..., dont 4
        # milliards pour la puissance de calcul": an operating cost)
        hit = _nearest(sentence, 0, len(sentence), start, end, kind, "specific", language, counted_read)
        return hit if hit is not None and hit[0] == "capex" else ("capex", "investment")
    # 6. specific, then generic words of the sentence
    for a, b, strength in (
        (0, len(sentence), "specific"),
        (0, len(sentence), "generic"),
    ):
        hit = _nearest(sentence, a, b, start, end, kind, strength, language, counted_read)
        if hit:
            return hit
    if kind == "other" and figure.unit and re.fullmatch(r"[a-z][a-z0-9_]*", figure.unit):
        return "other", figure.unit  # e.g. "rank"
    return FALLBACK[kind]
