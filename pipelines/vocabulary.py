"""The controlled vocabularies of the published tables: every allowed value, and what it means.

Data, in one place. `pipelines.contract` attaches a vocabulary to the columns that hold its
values; from there it becomes the pandera check that refuses any other value before
publication, the `enum` of the data package, the column comments of the DuckDB file and the
codebook `docs/dataset.md` (`python -m pipelines.codebook`).

Where the extractor already defines the allowed values (`extraction.model.TOPICS`, `BOUNDS`,
`LOCATIONS`, `SCOPES`, `extraction.currencies.CURRENCY_CODES`, `extraction.units.UNITS`), the vocabulary
is built from that definition and must explain each of its values, no more and no less: a value
added to the extractor without a meaning here fails at import, naming the vocabulary and the value.

`METRIC` lists every metric the topic rules (`extraction.topics`) can give, and the names
reviewed annotations use; `tests/test_vocabulary.py` checks that the rules can give no metric
missing here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pipelines.extraction.currencies import CURRENCY_CODES, UNSTATED
from pipelines.extraction.model import BOUNDS, LOCATIONS, SCOPES, TOPIC_EVIDENCE, TOPICS
from pipelines.extraction.units import UNITS


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of values, each with a one-line meaning, in the order the codebook shows them."""

    name: str
    description: str
    terms: tuple[tuple[str, str], ...]  # (value, meaning)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(v for v, _ in self.terms)

    def meaning(self, value: str) -> str:
        return dict(self.terms)[value]


class VocabularyError(ValueError):
    """A vocabulary does not explain exactly the values its definition allows."""


def vocabulary(name: str, description: str, meanings: Mapping[str, str], values: Iterable[str] | None = None) -> Vocabulary:
    """A vocabulary of `meanings`; with `values`, exactly those values (in their order) must be explained."""
    if values is None:
        return Vocabulary(name, description, tuple(meanings.items()))
    values = tuple(values)
    unexplained = [v for v in values if v not in meanings]
    unknown = [v for v in meanings if v not in values]
    if unexplained or unknown:
        raise VocabularyError(f"vocabulary {name!r} (pipelines/vocabulary.py): "
                              + "; ".join(filter(None, (unexplained and f"no meaning for {unexplained}",
                                                        unknown and f"meanings for values the code never gives: {unknown}"))))
    return Vocabulary(name, description, tuple((v, meanings[v]) for v in values))


TOPIC = vocabulary("topic", "What a figure is about: the four topics the dataset covers, and the rest.", {
    "compute": "Accelerators, chips, supercomputers, data-centre capacity and power, and hardware market shares.",
    "capex": "Investment and spending: public programmes, private investment, capital expenditure, training and operating costs.",
    "ai_factories": "The EU AI factories and AI gigafactories programme: counts, funding, sites, chips.",
    "startups": "Startups and scale-ups: valuations, funding rounds, counts of unicorns, headcounts.",
    "other": "Everything else the sources quantify: patents, users, market capitalisations, advertising, ratios to GDP...",
}, TOPICS)

TOPIC_EVIDENCE_VOCABULARY = vocabulary("topic_evidence", (
    "How far from the figure the words of its topic stand: the nearest text holding a word or a name that the topic "
    "rules count for that topic. The nearer, the more often the topic is right: the evaluation corpus measures it "
    "(docs/evaluation.md, `Topic by its evidence`)."), {
    "sentence": "The figure's own sentence names its topic (\"GPU\", \"levée de fonds\", a start-up's name...).",
    "paragraph": "Only the rest of its paragraph does: the topic was read from the sentences around it.",
    "heading": "Only the heading above it does.",
    "document": "Only the document does (its text, and the registry's title and description of it).",
    "none": "No word of its topic anywhere: the residual topic `other`, or a topic read from the kind of unit alone.",
    "reviewed": "A reviewed annotation in raw/curation/ set the topic.",
}, TOPIC_EVIDENCE)

BOUND = vocabulary("bound", "How the written figure bounds the real value.", {
    "exact": "The figure as stated, with no qualifier (it still stands for ± half a unit of its last written digit).",
    "approx": "Approximate: \"environ\", \"près de\", \"about\", \"around\" (± 10 % when statements are compared).",
    "at_least": "A lower bound: \"plus de\", \"more than\", \"over\"; the real value is the figure or more.",
    "at_most": "An upper bound: \"moins de\", \"jusqu'à\", \"up to\"; the real value is the figure or less.",
}, BOUNDS)

LOCATION = vocabulary("location", "Where in the document the sentence stating a figure sits.", {
    "body": "The running text.",
    "heading": "A title or section heading.",
    "footnote": "A footnote or endnote.",
    "citation": "Inside a bibliographic reference (often a cited headline restating a figure of the body).",
    "abstract": "The abstract or summary at the head of the document.",
    "table": "A cell of a table (the quote names its row and column headers; for a PDF, its page).",
}, LOCATIONS)

EXTRACTION = vocabulary("extraction", "How a fact was obtained.", {
    "rule": "Found and read by the extractor's rules alone.",
    "curated": "Confirmed or corrected by a reviewed annotation in raw/curation/ (topic, metric, entity, place or period).",
})

_CURRENCY_NAMES = {
    "AUD": "Australian dollar.",
    "BGN": "Bulgarian lev.",
    "BRL": "Brazilian real.",
    "CAD": "Canadian dollar.",
    "CHF": "Swiss franc.",
    "CNY": "Chinese yuan renminbi (\"yuan\", \"RMB\").",
    "CZK": "Czech koruna.",
    "DEM": "Deutsche Mark, Germany's currency until 2002 (no ECB rate: refused at normalisation like MAD).",
    "DKK": "Danish krone.",
    "DZD": "Algerian dinar; a plain \"dinar\" in a text that names Tunisia or Serbia is theirs (no ECB rate: refused at normalisation like MAD).",
    "EUR": "Euro.",
    "GBP": "Pound sterling.",
    "HKD": "Hong Kong dollar.",
    "HUF": "Hungarian forint.",
    "IDR": "Indonesian rupiah.",
    "ILS": "Israeli new shekel.",
    "INR": "Indian rupee.",
    "ISK": "Icelandic króna.",
    "JPY": "Japanese yen.",
    "KRW": "South Korean won.",
    "MAD": "Moroccan dirham (no ECB rate: an amount in it is refused at normalisation, reason unknown_currency, and listed in rejections).",
    "MXN": "Mexican peso.",
    "MYR": "Malaysian ringgit.",
    "NOK": "Norwegian krone.",
    "NZD": "New Zealand dollar (\"NZ$\").",
    "PLN": "Polish zloty.",
    "RON": "Romanian leu.",
    "RSD": "Serbian dinar (no ECB rate: refused at normalisation like MAD).",
    "SEK": "Swedish krona.",
    "SGD": "Singapore dollar (\"S$\").",
    "THB": "Thai baht.",
    "TND": "Tunisian dinar (no ECB rate: refused at normalisation like MAD).",
    "TRY": "Turkish lira.",
    "USD": "US dollar (a bare \"$\" is read as USD).",
    "XOF": "West African CFA franc (no ECB rate: refused at normalisation like MAD).",
    "ZAR": "South African rand.",
    UNSTATED: "No currency (ISO 4217 \"XXX\"): an amount whose currency the sentence does not state; it has no EUR or USD value.",
}
CURRENCY = vocabulary(
    "currency", "ISO 4217 codes of the currencies the extractor reads, and XXX for an amount in no stated currency.",
    _CURRENCY_NAMES, (*CURRENCY_CODES, UNSTATED))

_UNIT_MEANINGS = {
    "count": "A number of things; `counted` says what (gpu, ai_factory, unicorn...).",
    "percent": "Percent, as written (70 % is 70, not 0.7).",
    "percentage_point": "Percentage points (a difference of two percentages).",
    "factor": "A multiple, new over old (\"dix fois\", \"3x\", \"-fold\"): 10 means ten times, 0.1 a tenth (\"divisé par dix\", \"ten times smaller\"; \"halbiert\" is 0.5).",
    "rank": "A rank (\"8e\", \"10th\"): 1 is first.",
    "MW": "Power in megawatts (GW x 1,000, kW / 1,000).",
    "MWh": "Energy in megawatt-hours (TWh x 1,000,000, GWh x 1,000).",
    "FLOPS": "Computing power in floating-point operations per second (petaflops x 10^15, exaflops x 10^18).",
    "m2": "Area in square metres (hectares x 10,000, km² x 1,000,000, acres, square feet).",
    "km": "Distance in kilometres (metres / 1,000, miles x 1.609344).",
    "TB": "Storage in terabytes (PB x 1,000, EB x 1,000,000, GB / 1,000).",
    "degC": "Temperature in degrees Celsius.",
    "years": "A duration in years.",
    "months": "A duration in months.",
    "days": "A duration in days.",
    "weeks": "A duration in weeks.",
    "hours": "A duration in hours.",
}
UNIT = vocabulary(
    "unit", "What a figure's value counts: an ISO 4217 currency code for money (values in base units, not millions), else one of the units below.",
    {**_CURRENCY_NAMES, **_UNIT_MEANINGS}, (*CURRENCY_CODES, UNSTATED, *UNITS))

METRIC = vocabulary("metric", "What a figure measures (snake_case); the topic rules of pipelines/extraction/topics.py give them.", {
    # compute
    "gpu_count": "Number of GPUs or other AI accelerators (H100, Hopper...).",
    "chip_count": "Number of chips, processors or microprocessors.",
    "supercomputer_count": "Number of supercomputers.",
    "data_centre_count": "Number of data centres.",
    "power_capacity": "Electrical power or energy of data centres or sites (MW, MWh).",
    "compute_capacity": "Computing power (FLOPS, or a multiple of it).",
    "storage_capacity": "Storage capacity (TB).",
    "server_count": "Number of servers.",
    "node_count": "Number of compute nodes.",
    "core_count": "Number of processor cores.",
    "rack_count": "Number of racks.",
    "module_count": "Number of modules (of a data centre or a machine).",
    "phase_count": "Number of phases (of a build-out or a programme).",
    "chip_plant_count": "Number of chip plants (semiconductor fabs).",
    "machine_count": "Number of machines (computers, supercomputers) where the text is about computing.",
    "cabinet_count": "Number of cabinets (racks of a supercomputer or data hall).",
    "switch_count": "Number of network switches.",
    "blade_count": "Number of blades (server boards of a chassis).",
    "qubit_count": "Number of qubits of a quantum computer.",
    "drive_count": "Number of storage drives (disks, SSDs).",
    "transistor_count": "Number of transistors (of a chip).",
    "data_hall_count": "Number of data halls.",
    "tpu_count": "Number of TPUs (tensor processing units).",
    "cpu_count": "Number of CPUs.",
    "computing_centre_count": "Number of computing centres.",
    "campus_count": "Number of campuses (data-centre or research).",
    "building_count": "Number of buildings.",
    "page_count": "Number of pages of a document (a report's or a strategy's length; other).",
    "storey_count": "Number of storeys (floors) of a building (\"a four-storey data centre\"; a data centre's is compute).",
    "generator_count": "Number of power generators or turbines.",
    "gpu_share": "A share (percent) of a hardware model or family.",
    "gpu_ratio": "A multiple of a number of accelerators of a hardware model or family.",
    # capex
    "capex": "Capital expenditure or spending (on infrastructure, data centres, AI).",
    "capex_growth": "Growth of spending or investment, in percent.",
    "public_funding": "Public money: grants, public investment or funding of a programme.",
    "private_investment": "Private investment or capital.",
    "investment": "An investment, plan, fund or commitment with no more specific kind stated.",
    "investment_ratio": "A multiple of investment (one party invests x times another).",
    "training_cost": "Cost of training an AI model.",
    "operating_cost": "Operating or inference cost.",
    # ai_factories
    "programme_funding": "Funding of the EU AI factories or gigafactories programme.",
    "ai_factory_count": "Number of EU AI factories.",
    "ai_gigafactory_count": "Number of EU AI gigafactories.",
    "ai_factory_antenna_count": "Number of AI factory antennas (national sites linked to an EU AI factory).",
    "site_count": "Number of sites or locations (of AI factories, data centres...).",
    "facility_count": "Number of facilities.",
    "centre_count": "Number of centres (of data, computing, research...).",
    "expression_of_interest_count": "Number of expressions of interest received by a call (AI gigafactories).",
    # startups
    "valuation": "A company's valuation.",
    "funding_raised": "Total funding a company has raised to date.",
    "funding_round": "The amount of one funding round.",
    "funding_round_count": "Number of funding rounds.",
    "funding_ratio": "A multiple of funding or venture investment (x times more raised).",
    "vc_investment": "Venture capital or other money invested in startups and scale-ups.",
    "scaleup_count": "Number of scale-ups.",
    "decacorn_count": "Number of decacorns (startups valued at 10 billion dollars or more).",
    "founder_count": "Number of founders.",
    "investor_count": "Number of investors (in a round, a fund, an ecosystem).",
    "deal_count": "Number of funding deals (venture-capital rounds, investments).",
    "unicorn_count": "Number of unicorns (startups valued at 1 billion dollars or more).",
    "unicorn_ratio": "A multiple of a number of unicorns.",
    "startup_count": "Number of startups.",
    "headcount": "Number of employees or engineers.",
    "headcount_ratio": "A multiple of a headcount.",
    # other: markets and money
    "market_cap": "Stock-market capitalisation (market value) of a company or group.",
    "market_cap_change": "Change of a market value or share price, in percent.",
    "market_cap_loss": "A loss of stock-market value (\"593 milliards de dollars\" of capitalisation erased).",
    "market_cap_decline": "A fall of a market value or share price, in percent (\"die Aktie verlor 17 Prozent\"); the value is positive, the metric carries the sign, as decline_rate's.",
    "value_loss": "A loss of money or value that is not a market capitalisation.",
    "market_share": "Share of a market held by a company, country or product (percent).",
    "market_size": "Size of a market, in money.",
    "revenue": "Revenue, turnover or sales.",
    "profit": "A company's profit or loss: net income, operating profit, EBITDA, free cash flow.",
    "dividend": "A dividend paid to shareholders, per share or in total.",
    "gdp_contribution": "What an activity adds to an economy (GDP, gross value added, economic impact).",
    "revenue_share": "Share of revenue, in percent.",
    "salary": "Pay or salary.",
    "advertising_market": "Advertising spending or market.",
    "consumer_spending": "What consumers spend (on apps, services).",
    "gdp_ratio": "A ratio or share of gross domestic product.",
    "cost_ratio": "A multiple of a cost (x times cheaper or dearer).",
    "pue": "Power usage effectiveness of a data centre: the energy the site draws over the energy its IT equipment uses (a ratio, at least 1; topic compute).",
    "energy_ratio": "A multiple of electricity or energy use, or of power density (a comparison, not a capacity; topic compute).",
    "compute_ratio": "A multiple of computing power (\"quatre fois plus de puissance de calcul\"): a comparison, not a capacity (topic compute).",
    "cost_share": "Share of a cost, in percent.",
    "company_share": "Share of companies, in percent.",
    "population_share": "Share of people or households a network covers, or who adopt or use something (coverage, adoption, penetration), in percent.",
    "patent_share": "Share of patents, in percent.",
    "growth_rate": "A growth or increase (percent, or a multiple such as doubling).",
    "decline_rate": "A decline or drop, in percent.",
    # other: counts
    "company_count": "Number of companies.",
    "model_count": "Number of AI models.",
    "model_parameters": "Number of parameters of an AI model.",
    "user_count": "Number of users or members.",
    "household_count": "Number of households (connected, supplied, covered).",
    "programme_count": "Number of programmes, initiatives or schemes a plan funds.",
    "selection_round_count": "Number of selection rounds (calls) of a programme.",
    "consumer_count": "Number of consumers.",
    "researcher_count": "Number of researchers.",
    "patent_count": "Number of patents.",
    "country_count": "Number of countries.",
    "person_count": "Number of people.",
    "executive_count": "Number of executives.",
    "job_count": "Number of jobs (created, planned or lost).",
    "student_count": "Number of students.",
    "developer_count": "Number of software developers.",
    "professor_count": "Number of professors or professorships (chairs).",
    "expert_count": "Number of experts or specialists.",
    "technician_count": "Number of technicians.",
    "partner_count": "Number of partners (companies or bodies in a partnership).",
    "customer_count": "Number of customers (a start-up's where the text is about start-ups).",
    "subscriber_count": "Number of subscribers.",
    "operator_count": "Number of operators (of data centres, networks...).",
    "project_count": "Number of projects.",
    "institute_count": "Number of institutes.",
    "university_count": "Number of universities.",
    "cluster_count": "Number of clusters (AI or compute clusters, industrial clusters).",
    # other: physical measures
    "area": "An area (m2): a site's plot or floor space.",
    "distance": "A distance (km).",
    "building_height": "The height of a building or a structure (km; a data centre's is compute).",
    "temperature": "A temperature (degC).",
    # other: time
    "reading_time": "A reading time, in years (how long it would take to read a corpus).",
    "lead_time": "Time needed to build or set up something, in years.",
    "duration": "A duration in years with no more specific metric.",
    "months": "A duration in months with no more specific metric.",
    "weeks": "A duration in weeks with no more specific metric.",
    "days": "A duration in days with no more specific metric.",
    "hours": "A duration in hours with no more specific metric.",
    "rank": "A rank in a ranking (1 is first).",
    "percentage_point": "A difference in percentage points with no more specific metric.",
    # generic fallbacks
    "amount": "An amount of money with no more specific metric.",
    "count": "A number of things with no more specific metric (`counted` says what).",
    "share": "A share in percent with no more specific metric.",
    "ratio": "A multiple with no more specific metric.",
    "value": "A figure in another unit, with no more specific metric.",
})

SCOPE = vocabulary("scope", "What a compute capacity is of.", {
    "site": "One cluster, machine, data centre or AI factory.",
    "fleet": "A company's or a country's total, or a number of sites together.",
    "per_unit": "What each unit holds (\"chacune équipée de\", \"per rack\").",
    "deliveries": "Chips shipped, delivered, ordered or sold.",
}, SCOPES)

KIND = vocabulary("kind", "What sort of organisation an entity is.", {
    "startup": "A startup or scale-up.",
    "big_tech": "One of the large US or Chinese technology groups (Microsoft, Alphabet, Amazon, Meta...).",
    "company": "Any other company.",
    "public_programme": "A public programme or plan (InvestAI, the AI factories, France 2030...).",
    "public_body": "A government, public agency or institution (European Commission, EuroHPC...).",
    "research_org": "A research organisation or university.",
    "investor": "An investment fund or investor.",
    "group": "A group of entities the sources name together (\"the five Big Tech and Nvidia\"); `members` lists them.",
    "other": "Anything else.",
})

PROGRAMME = vocabulary("programme", "The EU programme an AI-factory site belongs to.", {
    "ai_factory": "EU AI factories (EuroHPC supercomputers for AI, selected in waves since December 2024).",
    "ai_gigafactory": "EU AI gigafactories (very large AI data centres planned under InvestAI).",
})

SITE_TYPE = vocabulary("site_type", "Whether an AI-factory site is built or upgraded.", {
    "new": "A new supercomputer or site.",
    "upgrade": "An upgrade of an existing supercomputer.",
})

PUBLISHED_PRECISION = vocabulary("published_precision", "How precisely a publication date is known.", {
    "day": "The day is stated.",
    "month": "Only the month is stated; the date is its first day.",
    "year": "Only the year is stated; the date is 1 January.",
    "estimated": "Inferred from the text (events it mentions as past); see the source's notes.",
})

FORMAT = vocabulary("format", "The format a document was read as (the registry's `format`, else its file extension).", {
    "txt": "Plain UTF-8 text.",
    "md": "Markdown, read as text; its tables are read cell by cell.",
    "html": "HTML, converted to text; its tables are read cell by cell.",
    "pdf": "PDF, converted to text page by page; its tables are read cell by cell.",
    "csv": "A CSV table, read cell by cell.",
    "xlsx": "An Excel workbook, each sheet read as a table.",
})

VOCABULARIES: dict[str, Vocabulary] = {
    v.name: v for v in (TOPIC, TOPIC_EVIDENCE_VOCABULARY, METRIC, UNIT, CURRENCY, BOUND, LOCATION, EXTRACTION, SCOPE, KIND, PROGRAMME, SITE_TYPE,
                        PUBLISHED_PRECISION, FORMAT)
}
