"""Give each figure a topic and a metric by transparent keyword rules.

``classify(sentence, figure) -> (topic, metric)``; topics are those of ``model.TOPICS`` as defined
in the codebook docs/dataset.md (compute, capex, ai_factories, startups, other); metrics are snake_case,
and each must be explained in ``pipelines/vocabulary.METRIC`` (a test checks every rule's metric). This
reads the sentence alone; ``topic_context`` then decides the readings the sentence leaves weak (an
amount with no keyword, a count of sites, a bare percentage) from the paragraph, the heading and
the document.

The rules are data, read top to bottom:

* ``AI_FACTORY_CONTEXT`` — words that put a figure in the EU AI factories / gigafactories
  programme ("usines d'IA", "giga-usines", "AI factories", "Gigafactories", "EuroHPC"), and
  ``AI_FACTORY_SENTENCE_CONTEXT`` for a sentence that says "usines"/"factories" with the
  Commission, AI or EuroHPC nearby; ``AI_FACTORY_METRICS`` then names the metric from the unit /
  what is counted. Beyond the phrase (steps 2 and 4), the programme must be named:
  ``AI_FACTORY_PROGRAMME`` leaves out EuroHPC, which also runs the supercomputers.
* ``COUNTED`` — for a count, what the figures stage says is counted (``gpu``, ``unicorn``,
  ``node``, ``funding_round``...) decides directly. Nouns that belong to several topics (sites,
  buildings, generators, projects) are ``topic_context.COUNTED_TOPICS``'s.
* ``RULES`` — rows ``(topic, metric, unit kinds, strength, regex)``; ``strength`` is
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
5. ``generic`` rules in the phrase; 6. ``specific`` then ``generic`` rules in the sentence;
7. ``FALLBACK``;
8. ``REFINEMENTS`` (a loss of market value is ``market_cap_loss``, see the table).

For a count, only a keyword in the figure or within 25 characters after it counts (what is
counted is the noun that follows the number: "50 000 GPU", "sept usines", "700 salariés").
Within a step, the rule whose keyword is nearest to the figure wins (the earlier row on a tie):
a sentence with several figures ("50 milliards d'euros de financements publics, ... le secteur
privé ... 150 milliards") classifies each by its own words.

Topic ``compute`` holds capacities (chip and GPU counts, supercomputers, data centres, power and
compute capacity) and hardware market shares. A ``factor`` ("consomme dix fois plus
d'électricité", "quatre fois plus de puissance de calcul") compares two things and is no
capacity: its energy, cost and compute ratios are ``other``.

Unit kinds: ``money`` (ISO 4217 code), ``percent``, ``count``, ``factor``, ``years``,
``power`` (W, kW, MW, GW, TW and their hours), ``compute`` (FLOP/FLOPS), ``storage`` (B ... EB:
storage capacity, compute's), ``area`` (m2, km2, ha), ``distance`` (m, km), ``temperature``
(degC), ``other``. An area is ``other`` unless its context is a data centre's
(``topic_context``).
"""

from __future__ import annotations

import re

from pipelines.extraction.model import Figure

__all__ = [
    "AI_FACTORY_CONTEXT",
    "AI_FACTORY_METRICS",
    "COUNTED",
    "FALLBACK",
    "RULES",
    "classify",
    "unit_kind",
]

_I = re.I

AI_FACTORY_CONTEXT = re.compile(
    r"usines?\s+(?:d['’])?(?:IA|intelligence\s+artificielle)\b|giga-?\s?usines?|"
    r"\bAI\s+(?:giga)?factor(?:y|ies)|gigafactor(?:y|ies)|\bEuroHPC\b|fabriques?\s+d['’]IA|"
    # the gigafactories' own description: "grands data centers spécialisés dans l'IA"
    r"data\s?cent(?:er|re)s?\*?\s+spécialisés\s+dans\s+l['’]\s?IA|AI[- ]speciali[sz]ed\s+data\s?cent(?:er|re)s?",
    _I,
)
AI_FACTORY_SENTENCE_CONTEXT = re.compile(
    r"\b(?:usines?|factor(?:y|ies))\b(?=.*\b(?:Commission|IA|AI|EuroHPC|superordinateurs?|supercalculateurs?|supercomputers?)\b)|"
    r"\b(?:Commission|IA|EuroHPC|superordinateurs?|supercalculateurs?|supercomputers?)\b.*\b(?:usines?|factor(?:y|ies))\b",
    _I,
)
#: The programme named, for a count anywhere in its sentence: EuroHPC alone (it also runs the
#: supercomputers) does not make "22 projets" of a sentence a count of the programme's.
AI_FACTORY_PROGRAMME = re.compile(AI_FACTORY_CONTEXT.pattern.replace(r"|\bEuroHPC\b", ""), _I)
_GIGA_RE = re.compile(r"giga", _I)

#: (unit kind, counted values or None, metric) for a figure in the AI-factories programme.
AI_FACTORY_METRICS: tuple[tuple[str, frozenset[str] | None, str], ...] = (
    ("money", None, "programme_funding"),
    ("count", frozenset({"ai_gigafactory", "gigafactory"}), "ai_gigafactory_count"),
    ("count", frozenset({"gpu", "chip", "microprocessor", "processor", "accelerator", "superchip"}), "chip_count"),
    ("count", frozenset({"ai_factory", "factory"}), "ai_factory_count"),
    ("count", frozenset({"country", "member_state", "site", "host_country"}), "site_count"),
    ("count", frozenset({"supercomputer"}), "supercomputer_count"),
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
    "data_hall": ("compute", "data_hall_count"),
    "tpu": ("compute", "tpu_count"),
    "cpu": ("compute", "cpu_count"),
    "ai_factory": ("ai_factories", "ai_factory_count"),
    "ai_gigafactory": ("ai_factories", "ai_gigafactory_count"),
    "gigafactory": ("ai_factories", "ai_gigafactory_count"),
    "unicorn": ("startups", "unicorn_count"),
    "startup": ("startups", "startup_count"),
    "scaleup": ("startups", "scaleup_count"),
    "decacorn": ("startups", "decacorn_count"),
    "funding_round": ("startups", "funding_round_count"),
    "founder": ("startups", "founder_count"),
    "employee": ("startups", "headcount"),
    "engineer": ("startups", "headcount"),
    "researcher": ("other", "researcher_count"),
    "model": ("other", "model_count"),
    "user": ("other", "user_count"),
    "consumer": ("other", "consumer_count"),
    "company": ("other", "company_count"),
    "patent": ("other", "patent_count"),
    "parameter": ("other", "model_parameters"),
    "country": ("other", "country_count"),
    "executive": ("other", "executive_count"),
    "person": ("other", "person_count"),
}


def _r(p: str) -> re.Pattern[str]:
    return re.compile(p, _I)


_GPU = r"\bGPU|processeurs?\s+graphiques?|cartes?\s+graphiques?|\bH100|\bH800|\bH20\b|\bA100|\bB200|\bGB200|Hopper|Blackwell|accélérateurs?|accelerators?"
_MARKET_OF = r"(?:march[ée]s?|markets?|parts?\s+de\s+march[ée]|share)\b[^.;]{0,60}?"
_OF_MARKET = r"[^.;]{0,60}?\b(?:march[ée]s?|markets?|share)\b"
_STARTUP_MONEY = r"venture\s+(?:capital|funding|investment)|capital[- ]risque|\bVCs?\b|start-?ups?|jeunes\s+pousses|scale-?ups?"
_CHIP = r"puces?|micro-?puces?|\b(?:micro)?chips?\b|microprocesseurs?|processeurs?|semi-?conducteurs?|semiconductors?"

#: (topic, metric, unit kinds, strength, keyword regex) — see module doc.
RULES: tuple[tuple[str, str, frozenset[str], str, re.Pattern[str]], ...] = tuple(
    (t, m, frozenset(u.split()), s, _r(p))
    for t, m, u, s, p in (
        # compute
        ("compute", "gpu_count", "count", "specific", _GPU),
        ("compute", "chip_count", "count", "specific", _CHIP),
        ("compute", "supercomputer_count", "count", "specific", r"supercalculateurs?|superordinateurs?|supercomputers?"),
        ("compute", "data_centre_count", "count", "specific", r"data\s?cent(?:er|re)s?|datacent(?:er|re)s?|centres?\s+de\s+données"),
        ("compute", "market_share", "percent", "specific", _MARKET_OF + r"(?:" + _GPU + "|" + _CHIP + r"|\bcloud\b)|(?:" + _GPU + "|" + _CHIP + r"|\bcloud\b)" + _OF_MARKET),
        ("compute", "power_capacity", "power", "specific", r"."),
        ("compute", "compute_capacity", "compute", "specific", r"."),
        # a factor compares, it is not a capacity: energy (like cost and compute) ratios are "other"
        ("other", "energy_ratio", "factor", "specific", r"électricité|énergie|electricity|energy|power"),
        # other: stock market
        ("other", "market_cap", "money", "specific", r"capitalisation|valorisation\s+boursière|valeur\s+boursière|market\s+(?:cap|value)|\bvaut\b|\bworth\b|valorisation\s+des\s+(?:géants|grands|Big\s+Tech)"),
        ("other", "market_cap_change", "percent", "specific", r"valeur\s+boursière|valorisation\s+boursière|\bcours\b|indice|NASDAQ|\bstock|share\s+price|capitalisation"),
        ("other", "patent_share", "percent count", "specific", r"brevets?|patents?"),
        # capex
        ("capex", "public_funding", "money", "specific", r"financements?\s+publics?|fonds\s+publics|investissements?\s+publics?|argent\s+public|public\s+(?:funding|investment|money|spending)|subventions?|grants?|\baides\b"),
        ("capex", "private_investment", "money", "specific", r"investissements?\s+privés?|capitaux\s+privés|secteur\s+privé|private\s+(?:investment|capital|sector|funding)"),
        ("capex", "training_cost", "money", "specific", r"(?:coûts?|budget|costs?)\s+(?:\w+\s+){0,3}(?:de\s+|d['’])?(?:formation|entraînement|pré-entraînement|training)|(?:entraînement|training)\s+(?:\w+\s+){0,3}(?:dont\s+|whose\s+)?(?:le\s+|the\s+)?(?:coûts?|costs?)\b|to\s+train|pour\s+entraîner|développé\s+un\s+modèle"),
        ("capex", "operating_cost", "money", "specific", r"coûts?\s+opérationnels?|coûts?\s+d['’]exploitation|operating\s+costs?|coûts?\s+d['’]utilisation|coûts?\s+d['’]inférence|inference\s+costs?"),
        ("other", "consumer_spending", "money", "specific", r"dépensés\s+sur|consumer\s+spending"),
        ("capex", "capex", "money", "specific", r"dépenses?\s+en\s+(?:capital|infrastructures?)|dépenses?\s+d['’]investissement|\bcapex\b|capital\s+expenditures?|dépenses|spending|\bspend|\bexpenses\b|\bexpenditures?\b|dépens(?:é|er|ent|era|eront|ait|aient)\b"),
        ("capex", "capex_growth", "percent", "specific", r"dépenses|investissements?|spending|capex"),
        # startups
        ("startups", "valuation", "money", "specific", r"valoris|valuation|valued|valuing|valorisée|\bvalues\b"),
        ("startups", "funding_raised", "money", "specific", r"\blevée?s?\s+(?:de\s+fonds\s+)?(?:à\s+ce\s+jour|au\s+total|cumulée?s?)|\blevé\w*\s+(?:à\s+ce\s+jour|au\s+total|jusqu['’]ici)|\braised\s+(?:to\s+date|so\s+far|in\s+total)|total\s+funding|funding\s+to\s+date"),
        ("startups", "funding_round", "money", "specific", r"levées?\s+de\s+fonds|\blevée|\blever\b|\blève|\blevé|\braised?\b|raising|funding\s+round|\brounds?\b|tours?\s+de\s+(?:table|financement)|\bseed\b|amorçage|série\s+[A-F]\b|series\s+[A-F]\b"),
        # money put into startups, whatever the verb: venture capital, "invested in Europe's startups"
        ("startups", "vc_investment", "money", "specific", _STARTUP_MONEY),
        ("startups", "unicorn_count", "count", "specific", r"licornes?|unicorns?"),
        ("startups", "startup_count", "count", "specific", r"start-?ups?|jeunes\s+pousses"),
        ("startups", "headcount", "count", "specific", r"salariés|employés|employees|staff|effectifs?|ingénieurs|engineers"),
        ("startups", "unicorn_ratio", "factor", "specific", r"licornes?|unicorns?"),
        ("startups", "headcount_ratio", "factor", "specific", r"salariés|employés|employees"),
        ("startups", "funding_ratio", "factor", "specific", _STARTUP_MONEY + r"|\brounds?\b|\braised\b|\blev(?:é|ée|ées|és)\b|levées?\s+de\s+fonds|tours?\s+de\s+(?:table|financement)"),
        # other
        ("other", "gdp_ratio", "factor percent", "specific", r"\bPIB\b|\bGDP\b|produit\s+intérieur\s+brut"),
        ("other", "revenue_share", "percent", "specific", r"chiffre\s+d['’]affaires|revenus?|revenues?"),
        ("other", "revenue", "money", "specific", r"chiffre\s+d['’]affaires|revenus?|revenues?|\bventes?\b|\bsales\b|recettes|générer"),
        ("other", "salary", "money", "specific", r"payés|salaires?|\bpaid\b|salary|rémunér"),
        ("other", "advertising_market", "money", "specific", r"publicité|publicitaire|advertising"),
        ("other", "value_loss", "money", "specific", r"\bpertes?\b|perdu|effaçant|évaporés?|\blost\b|wiped"),
        ("other", "user_count", "count", "specific", r"utilisateurs|users|consommateurs|consumers|membres"),
        ("other", "model_count", "count", "specific", r"modèles?|models?"),
        ("other", "reading_time", "years", "specific", r"lecture|reading"),
        ("other", "market_share", "percent", "generic", r"marché|market|contrôlent|détient|captent|\bparts?\b|\bshare\b"),
        ("other", "company_share", "percent", "specific", r"entreprises|companies|firms"),
        ("other", "cost_ratio", "factor", "specific", r"coûts?|costs?|\bcher\b|coûteux|divisés"),
        ("other", "cost_share", "percent", "specific", r"coûts?|costs?|coûteux"),
        ("other", "growth_rate", "percent factor", "generic", r"hausse|croissance|bondi|augment|growth|increase|\brose\b|\b(?:doubl|tripl|quadrupl)(?:ée?s?|er|ent|era|erait|eront|ait|aient|ant|ed)\b"),
        ("other", "decline_rate", "percent", "generic", r"baisse|chute|recul|decline|\bdrop|\bfell\b|\bdown\b|shr[iau]nk"),
        ("other", "market_size", "money", "generic", r"marché|market"),
        # generic
        ("capex", "investment", "money", "generic", r"invest|mobilis|financ|\bplan\b|programme|fonds|funding|budget|engag|apporter|contribuer|coût|cost"),
        ("capex", "investment_ratio", "factor", "generic", r"invest"),
        ("compute", "compute_capacity", "count", "generic", r"puissance\s+de\s+calcul|computing\s+power|compute"),
        ("other", "compute_ratio", "factor", "generic", r"puissance\s+de\s+calcul|computing\s+power|compute"),
        ("other", "lead_time", "years", "generic", r"implanter|construire|build|délai"),
    )
)

# rule indexes by (unit kind, strength), in table order
_BY_KIND_STRENGTH: dict[tuple[str, str], tuple[int, ...]] = {}
for _i, (_t, _m, _kinds, _s, _rx) in enumerate(RULES):
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
_PHRASE_BOUND_RE = re.compile(r"[,;:()\[\]–—]|[.!?…](?:\s|$)")
_PHRASE_MAX = 120
_COUNT_NOUN_REACH = 25


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


def _nearest(
    sentence: str, lo: int, hi: int, start: int, end: int, kind: str, strength: str
) -> tuple[str, str] | None:
    best = None
    for i in _BY_KIND_STRENGTH.get((kind, strength), ()):
        topic, metric, _, _, rx = RULES[i]
        for m in rx.finditer(sentence, lo, hi):
            if m.start() < end and m.end() > start:
                dist = 0  # in the figure itself: "700 salariés", "3 supercalculateurs"
            else:
                dist = m.start() - end if m.start() >= end else start - m.end()
                if kind == "count" and (m.start() < end or dist > _COUNT_NOUN_REACH):
                    continue  # a count is of the noun that follows it, not of the context
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
_LOSS = r"\bpertes?\b|\bperd\w*|\bperdu|effaç\w*|évapor\w*|\blost\b|\blose\b|wiped|erased"
_MARKET_VALUE = (
    r"capitalisation|capitalization|valorisation|valeur\s+boursière|\bcours\b|\bbourse|NASDAQ|"
    r"market\s+(?:cap|value)|\bstock|share\s+price"
)
REFINEMENTS: tuple[tuple[frozenset[str], re.Pattern[str], str], ...] = (
    (frozenset({"value_loss"}), re.compile(_MARKET_VALUE, _I), "market_cap_loss"),
    (frozenset({"market_cap", "valuation"}), re.compile(_LOSS, _I), "market_cap_loss"),
)


def classify(sentence: str, figure: Figure) -> tuple[str, str]:
    """``(topic, metric)`` of ``figure`` (offsets relative to ``sentence``); see module doc."""
    topic, metric = _classify(sentence, figure)
    for metrics, rx, refined in REFINEMENTS:
        if metric in metrics and rx.search(sentence):
            return "other", refined
    return topic, metric


def _classify(sentence: str, figure: Figure) -> tuple[str, str]:
    kind = unit_kind(figure.unit)
    start, end = figure.start, figure.end
    lo, hi = _phrase(sentence, start, end)
    phrase = sentence[lo:hi]
    # 1. AI factories named in the phrase
    if AI_FACTORY_CONTEXT.search(phrase):
        return "ai_factories", _ai_factory_metric(figure, kind, phrase)
    # 2. what is counted, the hardware named (in a sentence about AI factories, a count is the
    # programme's: "quatre giga-usines, chacune équipée de 100 000 microprocesseurs")
    if kind == "count" and (
        AI_FACTORY_PROGRAMME.search(sentence) or AI_FACTORY_SENTENCE_CONTEXT.search(sentence)
    ):
        return "ai_factories", _ai_factory_metric(figure, kind, phrase)
    if kind == "count" and figure.counted:
        hit = COUNTED.get(figure.counted.lower())
        if hit:
            return hit
    if figure.hardware and kind in ("count", "percent", "factor"):
        return "compute", "gpu_count" if kind == "count" else f"gpu_{FALLBACK[kind][1]}"
    # 3. specific words of the phrase
    hit = _nearest(sentence, lo, hi, start, end, kind, "specific")
    if hit:
        return hit
    # 4. AI factories named in the sentence
    if AI_FACTORY_PROGRAMME.search(sentence) or AI_FACTORY_SENTENCE_CONTEXT.search(sentence):
        return "ai_factories", _ai_factory_metric(figure, kind, sentence)
    # 5-6. generic words of the phrase, then the sentence
    for a, b, strength in (
        (lo, hi, "generic"),
        (0, len(sentence), "specific"),
        (0, len(sentence), "generic"),
    ):
        hit = _nearest(sentence, a, b, start, end, kind, strength)
        if hit:
            return hit
    if kind == "other" and figure.unit and re.fullmatch(r"[a-z][a-z0-9_]*", figure.unit):
        return "other", figure.unit  # e.g. "rank"
    return FALLBACK[kind]
