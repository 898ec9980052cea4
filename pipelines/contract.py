"""The published tables: one definition per table, the single source of truth.

Everything users see about a table is derived from here: the Polars dtypes the pipeline
produces, the `pandera.polars` schema that validates it before publication, the DuckDB
table, and the Frictionless table schema in `datapackage.json` (types, descriptions,
primary and foreign keys). `../shared/DATASET.md` is the human-readable contract; the
columns below are its minimum plus the extensions listed in `docs/contract.md`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandera.polars as pa
import polars as pl

from pipelines.extraction.model import BOUNDS, LOCATIONS, SCOPES, TOPICS

# Frictionless field type for each Polars dtype we publish.
_FRICTIONLESS_TYPES = {
    pl.String: "string",
    pl.Int64: "integer",
    pl.Int32: "integer",
    pl.Float64: "number",
    pl.Boolean: "boolean",
    pl.Date: "date",
    pl.Datetime: "datetime",
}

PLACE_CODE = r"^([A-Z]{2}|EU|EUROPE|WORLD)$"
CURRENCY_CODE = r"^[A-Z]{3}$"


@dataclass(frozen=True)
class Column:
    name: str
    dtype: pl.DataType
    description: str
    nullable: bool = True
    checks: tuple[pa.Check, ...] = ()
    unique: bool = False

    @property
    def frictionless_type(self) -> str:
        if isinstance(self.dtype, pl.List):
            # Parquet lists reach Frictionless's Parquet reader as arrays it cannot type as
            # "array" (it wants JSON lists): declared "any", with the item type in `x-items`.
            return "any"
        return _FRICTIONLESS_TYPES[self.dtype.base_type()]


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    table_column: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    sort_by: tuple[str, ...] = field(default=())

    @property
    def polars_schema(self) -> pl.Schema:
        return pl.Schema({c.name: c.dtype for c in self.columns})

    def empty(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema)

    def conform(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Columns in contract order with contract dtypes, rows in the stable published order."""
        missing = [c.name for c in self.columns if c.name not in frame.columns]
        if missing:
            raise ValueError(f"table {self.name}: missing columns {missing}")
        out = frame.select([pl.col(c.name).cast(c.dtype) for c in self.columns])
        return out.sort(list(self.sort_by or self.primary_key), nulls_last=True, maintain_order=True)

    def pandera_schema(self) -> pa.DataFrameSchema:
        return pa.DataFrameSchema(
            {
                c.name: pa.Column(c.dtype, checks=list(c.checks), nullable=c.nullable, unique=c.unique)
                for c in self.columns
            },
            name=self.name,
            strict=True,
            ordered=True,
            unique=list(self.primary_key) if len(self.primary_key) > 1 else None,
        )

    def frictionless_schema(self) -> dict:
        schema: dict = {
            "fields": [
                {
                    "name": c.name,
                    "type": c.frictionless_type,
                    "description": c.description,
                    **({"x-items": "string", "x-parquet-type": "list<string>"} if isinstance(c.dtype, pl.List) else {}),
                    **({"constraints": {"required": True}} if not c.nullable else {}),
                }
                for c in self.columns
            ],
            "primaryKey": list(self.primary_key),
            # Frictionless reads Parquet through pandas, where a null integer becomes NaN.
            "missingValues": ["", "nan"],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": fk.column, "reference": {"resource": fk.table, "fields": fk.table_column}}
                for fk in self.foreign_keys
            ]
        return schema


def _in(values) -> pa.Check:
    return pa.Check.isin(list(values))


NON_NEGATIVE = pa.Check.ge(0)

SOURCES = Table(
    name="sources",
    title="Sources",
    description="One row per ingested document, with its registry metadata and checksum.",
    columns=(
        Column("source_id", pl.String(), "Stable slug of the document, from raw/sources.yaml.", nullable=False, unique=True,
               checks=(pa.Check.str_matches(r"^[a-z0-9][a-z0-9-]*$"),)),
        Column("title", pl.String(), "Title as the document gives it."),
        Column("author", pl.String(), "Author(s) as the document gives them; null when unknown."),
        Column("publisher", pl.String(), "Publisher; null when unknown."),
        Column("published", pl.Date(), "Publication date (first day of the month or year when only those are known).", nullable=False),
        Column("published_precision", pl.String(), "Precision of `published`: day, month, year or estimated.", nullable=False,
               checks=(_in(("day", "month", "year", "estimated")),)),
        Column("language", pl.String(), "ISO 639-1 language code of the document.", nullable=False,
               checks=(pa.Check.str_matches(r"^[a-z]{2}$"),)),
        Column("url", pl.String(), "Where the document comes from; null when unknown."),
        Column("license", pl.String(), "Terms of the document; null when unknown."),
        Column("file", pl.String(), "Path of the document under raw/.", nullable=False),
        Column("format", pl.String(), "Format the document was read as (txt, md, html, pdf, csv, xlsx): the registry's "
               "`format`, else implied by the file's extension.", nullable=False,
               checks=(_in(("txt", "md", "html", "pdf", "csv", "xlsx")),)),
        Column("sha256", pl.String(), "SHA-256 of the file's bytes.", nullable=False, checks=(pa.Check.str_matches(r"^[0-9a-f]{64}$"),)),
        Column("n_chars", pl.Int64(), "Length of the text in characters (Unicode code points).", nullable=False, checks=(NON_NEGATIVE,)),
        Column("description", pl.String(), "What the document is, from the registry."),
        Column("notes", pl.String(), "Curators' notes: how the date was estimated, translation caveats."),
    ),
    primary_key=("source_id",),
)

ENTITIES = Table(
    name="entities",
    title="Entities",
    description="One row per organisation, company or programme named in the sources (from the reviewed gazetteer).",
    columns=(
        Column("entity_id", pl.String(), "Stable slug of the entity.", nullable=False, unique=True),
        Column("name", pl.String(), "Canonical name, e.g. ElevenLabs.", nullable=False),
        Column("kind", pl.String(), "startup, big_tech, company, public_programme, public_body, research_org, investor, group or other.",
               nullable=False, checks=(_in(("startup", "big_tech", "company", "public_programme", "public_body",
                                            "research_org", "investor", "group", "other")),)),
        Column("country", pl.String(), "ISO 3166-1 alpha-2 code (or EU, EUROPE, WORLD) of the entity's home.", checks=(pa.Check.str_matches(PLACE_CODE),)),
        Column("scope", pl.String(), ("Where the entity's money is spent or its capacity sits when that is one place (a public "
                                      "programme's or body's country; set in the gazetteer for others); facts about it with no "
                                      "place stated take it as `geo`."), checks=(pa.Check.str_matches(PLACE_CODE),)),
        Column("aliases", pl.List(pl.String()), "Names as written in the sources, machine-translated ones included."),
        Column("members", pl.List(pl.String()), "For a group entity, the entity_ids of its members."),
        Column("source_ids", pl.List(pl.String()), "Sources naming the entity."),
    ),
    primary_key=("entity_id",),
)

FACTS = Table(
    name="facts",
    title="Facts",
    description="One row per quantitative figure stated in a source, with its exact quote and span.",
    columns=(
        Column("fact_id", pl.String(), "Stable id: hash of source, span and figure text.", nullable=False, unique=True),
        Column("source_id", pl.String(), "Source stating the figure.", nullable=False),
        Column("char_start", pl.Int64(), "Start of the figure in the source text (code points).", nullable=False, checks=(NON_NEGATIVE,)),
        Column("char_end", pl.Int64(), "End (exclusive) of the figure in the source text.", nullable=False, checks=(NON_NEGATIVE,)),
        Column("figure_text", pl.String(), "The figure exactly as written (source_text[char_start:char_end]).", nullable=False),
        Column("quote", pl.String(), "The sentence (at most 400 characters) containing the figure, exactly as in the source.", nullable=False,
               checks=(pa.Check.str_length(1, 400),)),
        Column("quote_start", pl.Int64(), "Start of the quote in the source text.", nullable=False, checks=(NON_NEGATIVE,)),
        Column("location", pl.String(), "body, heading, footnote, citation or abstract.", nullable=False, checks=(_in(LOCATIONS),)),
        Column("topic", pl.String(), "compute, capex, ai_factories, startups or other.", nullable=False, checks=(_in(TOPICS),)),
        Column("metric", pl.String(), "snake_case name of what is measured.", nullable=False,
               checks=(pa.Check.str_matches(r"^[a-z][a-z0-9_]*$"),)),
        Column("entity_id", pl.String(), "Entity the figure is about; null when none is named."),
        Column("geo", pl.String(), "Place the figure is about (ISO 3166-1 alpha-2, EU, EUROPE, WORLD).", checks=(pa.Check.str_matches(PLACE_CODE),)),
        Column("value", pl.Float64(), "The figure in base units; the midpoint for a range.", nullable=False),
        Column("value_low", pl.Float64(), "Low end of the range; equals value for a single figure.", nullable=False),
        Column("value_high", pl.Float64(), "High end of the range; equals value for a single figure.", nullable=False),
        Column("bound", pl.String(), "exact, approx, at_least or at_most.", nullable=False, checks=(_in(BOUNDS),)),
        Column("unit", pl.String(), "ISO 4217 code for money, else percent, factor, count, years, MW...", nullable=False),
        Column("counted", pl.String(), "For counts: what is counted, singular English."),
        Column("hardware", pl.String(), "Chip model or family when stated (H100, Hopper...)."),
        Column("value_eur", pl.Float64(), "Money only: value in EUR at the ECB annual average rate of fx_year."),
        Column("value_usd", pl.Float64(), "Money only: value in USD at the ECB annual average rate of fx_year."),
        Column("fx_year", pl.Int64(), "Year whose rate was used (the figure's year, never after the publication year)."),
        Column("period_start", pl.Int64(), "First year the figure refers to."),
        Column("period_end", pl.Int64(), "Last year the figure refers to."),
        Column("period_text", pl.String(), "Words the period was read from."),
        Column("period_quarter", pl.Int64(), "Quarter (1-4) when the text names one.", checks=(pa.Check.in_range(1, 4),)),
        Column("as_of", pl.Date(), "Publication date of the source.", nullable=False),
        Column("extraction", pl.String(), "rule or curated.", nullable=False, checks=(_in(("rule", "curated")),)),
        Column("claim_id", pl.String(), "The claim (real-world quantity) this statement states; every fact has exactly one (FK claims).",
               nullable=False),
    ),
    primary_key=("fact_id",),
    foreign_keys=(ForeignKey("source_id", "sources", "source_id"), ForeignKey("entity_id", "entities", "entity_id"),
                  ForeignKey("claim_id", "claims", "claim_id")),
    sort_by=("source_id", "char_start", "char_end"),
)

CAPEX = Table(
    name="capex",
    title="Capital expenditure and investment",
    description="Money figures about investment and spending, one row per statement, linked across sources by claim_id.",
    columns=(
        Column("fact_id", pl.String(), "The fact this row is derived from.", nullable=False, unique=True),
        Column("source_id", pl.String(), "Source stating it.", nullable=False),
        Column("claim_id", pl.String(), "The claim this statement states (FK claims): sum by claim, never by row.", nullable=False),
        Column("conflicting", pl.Boolean(), "True when the statements of its claim cannot all be true.", nullable=False),
        Column("entity_id", pl.String(), "Entity (FK entities)."),
        Column("entity", pl.String(), "Canonical name of the entity."),
        Column("geo", pl.String(), "Place the money is about.", checks=(pa.Check.str_matches(PLACE_CODE),)),
        Column("metric", pl.String(), "capex, public_funding, private_investment, ...", nullable=False),
        Column("period_start", pl.Int64(), "First year."),
        Column("period_end", pl.Int64(), "Last year."),
        Column("amount", pl.Float64(), "Amount in the original currency, base units; the midpoint for a range.", nullable=False),
        Column("amount_low", pl.Float64(), "Low end of a stated range (\"5 à 10 milliards\"); equals amount otherwise.", nullable=False),
        Column("amount_high", pl.Float64(), "High end of a stated range; equals amount otherwise.", nullable=False),
        Column("currency", pl.String(), "ISO 4217 code of the original amount.", nullable=False, checks=(pa.Check.str_matches(CURRENCY_CODE),)),
        Column("amount_eur", pl.Float64(), "Amount in EUR (ECB annual average of fx_year)."),
        Column("amount_usd", pl.Float64(), "Amount in USD (ECB annual average of fx_year)."),
        Column("bound", pl.String(), "exact, approx, at_least or at_most.", nullable=False, checks=(_in(BOUNDS),)),
        Column("as_of", pl.Date(), "Publication date of the source.", nullable=False),
        Column("quote", pl.String(), "Sentence stating it.", nullable=False),
        Column("figure_text", pl.String(), "The figure exactly as written in the source.", nullable=False),
        Column("topic", pl.String(), "Topic of the fact: capex, or ai_factories for the programme's funding.", nullable=False,
               checks=(_in(("capex", "ai_factories")),)),
    ),
    primary_key=("fact_id",),
    foreign_keys=(ForeignKey("fact_id", "facts", "fact_id"), ForeignKey("source_id", "sources", "source_id"),
                  ForeignKey("entity_id", "entities", "entity_id"), ForeignKey("claim_id", "claims", "claim_id")),
    sort_by=("claim_id", "source_id", "fact_id"),
)

CLAIMS = Table(
    name="claims",
    title="Claims",
    description=("One row per real-world quantity (InvestAI's total, DeepSeek's GPU fleet), stated by one or more facts "
                 "in one or more sources; every fact belongs to exactly one. A claim that is a component of another "
                 "names it in `part_of`: summing claims with `part_of is null` never double counts."),
    columns=(
        Column("claim_id", pl.String(), "Claim id: the reviewed key of raw/reference/claims.yaml, else c-<smallest fact_id>.",
               nullable=False, unique=True),
        Column("label", pl.String(), "Short human description (reviewed, else entity or place: metric, counted thing, period).",
               nullable=False),
        Column("topic", pl.String(), "compute, capex, ai_factories, startups or other (the statements' most frequent).",
               nullable=False, checks=(_in(TOPICS),)),
        Column("metric", pl.String(), "What is measured (the statements' most frequent specific metric).", nullable=False),
        Column("entity_id", pl.String(), "Entity the claim is about (FK entities)."),
        Column("geo", pl.String(), "Where the money is spent or the capacity sits.", checks=(pa.Check.str_matches(PLACE_CODE),)),
        Column("period_start", pl.Int64(), "First year (the period most statements give)."),
        Column("period_end", pl.Int64(), "Last year."),
        Column("unit", pl.String(), "The claim's unit: for money the currency most statements use (XXX: none stated).", nullable=False),
        Column("counted", pl.String(), "For counts: what is counted."),
        Column("hardware", pl.String(), "Chip model or family when the statements state one."),
        Column("bound", pl.String(), "exact, approx, at_least or at_most: how the consensus value is bounded.", nullable=False,
               checks=(_in(BOUNDS),)),
        Column("value", pl.Float64(), "Consensus of the statements in `unit` (median; see value_low/high).", nullable=False),
        Column("value_low", pl.Float64(), "Low end of the consensus (agreeing statements: their common range; conflicting: the lowest).",
               nullable=False),
        Column("value_high", pl.Float64(), "High end of the consensus (conflicting: the highest statement).", nullable=False),
        Column("amount_eur", pl.Float64(), "Money only: value in EUR at the statements' ECB rates."),
        Column("amount_eur_low", pl.Float64(), "Money only: value_low in EUR."),
        Column("amount_eur_high", pl.Float64(), "Money only: value_high in EUR."),
        Column("part_of", pl.String(), "The claim this one is a component of (\"dont\", \"of which\"); null for a top-level claim."),
        Column("n_statements", pl.Int64(), "Number of statements (facts).", nullable=False, checks=(pa.Check.ge(1),)),
        Column("n_sources", pl.Int64(), "Number of sources stating it.", nullable=False, checks=(pa.Check.ge(1),)),
        Column("conflicting", pl.Boolean(), "True only when the statements cannot all be true (bounds and rounding considered).",
               nullable=False),
        Column("currencies", pl.List(pl.String()), "Currencies the statements use (money only)."),
        Column("fact_ids", pl.List(pl.String()), "The statements (FK facts)."),
        Column("source_ids", pl.List(pl.String()), "The sources stating it."),
    ),
    primary_key=("claim_id",),
    foreign_keys=(ForeignKey("entity_id", "entities", "entity_id"), ForeignKey("part_of", "claims", "claim_id")),
)

COMPUTE = Table(
    name="compute",
    title="Compute",
    description="Accelerator and chip counts, supercomputers, data-centre capacity and hardware market shares.",
    columns=(
        Column("fact_id", pl.String(), "The fact this row is derived from.", nullable=False, unique=True),
        Column("source_id", pl.String(), "Source stating it.", nullable=False),
        Column("entity_id", pl.String(), "Entity (FK entities)."),
        Column("entity", pl.String(), "Canonical name of the entity."),
        Column("geo", pl.String(), "Place.", checks=(pa.Check.str_matches(PLACE_CODE),)),
        Column("metric", pl.String(), "gpu_count, market_share, power_capacity, ...", nullable=False),
        Column("value", pl.Float64(), "Value in base units.", nullable=False),
        Column("unit", pl.String(), "count, percent, MW, ...", nullable=False),
        Column("counted", pl.String(), "What is counted."),
        Column("hardware", pl.String(), "Chip model or family when stated."),
        Column("scope", pl.String(),
               "What the capacity is of, read from the sentence: site (one cluster, machine, data centre or AI factory), "
               "fleet (a company's or country's total, or a number of sites), per_unit (what each unit holds: "
               "'chacune équipée de', 'per rack'), deliveries (chips shipped, delivered, ordered or sold); null when the "
               "metric is no capacity (market_share) or the sentence does not say. Sum only rows of one scope.",
               checks=(_in(SCOPES),)),
        Column("bound", pl.String(), "exact, approx, at_least or at_most.", nullable=False, checks=(_in(BOUNDS),)),
        Column("period_start", pl.Int64(), "First year."),
        Column("period_end", pl.Int64(), "Last year."),
        Column("as_of", pl.Date(), "Publication date of the source.", nullable=False),
        Column("quote", pl.String(), "Sentence stating it.", nullable=False),
        Column("topic", pl.String(), "Topic of the fact: compute, or ai_factories for the programme's chip counts.", nullable=False,
               checks=(_in(("compute", "ai_factories")),)),
    ),
    primary_key=("fact_id",),
    foreign_keys=(ForeignKey("fact_id", "facts", "fact_id"), ForeignKey("source_id", "sources", "source_id"),
                  ForeignKey("entity_id", "entities", "entity_id")),
    sort_by=("source_id", "fact_id"),
)

AI_FACTORIES = Table(
    name="ai_factories",
    title="EU AI factories and gigafactories",
    description=("One row per AI factory or planned AI gigafactory the sources state, including those whose host is not "
                 "named (country null). No funding here: it is a wave's total, in ai_factory_waves."),
    columns=(
        Column("factory_id", pl.String(), ("Stable id: <programme>-w<wave>-<country> (-<site name> when named), or "
                                           "<programme>-w<wave>-unnamed-<i> for a factory whose host no source names."),
               nullable=False, unique=True),
        Column("programme", pl.String(), "ai_factory or ai_gigafactory.", nullable=False, checks=(_in(("ai_factory", "ai_gigafactory")),)),
        Column("wave_id", pl.String(), "The selection or call (FK ai_factory_waves).", nullable=False),
        Column("wave", pl.Int64(), "Wave number within the programme (ai_factory 1 = December 2024).", nullable=False, checks=(pa.Check.ge(1),)),
        Column("announced", pl.Date(), "Announcement date of the wave (first of the month); null when the source states no month."),
        Column("country", pl.String(), "Host country (ISO 3166-1 alpha-2); null when no source names it.",
               checks=(pa.Check.str_matches(PLACE_CODE),)),
        Column("site_name", pl.String(), "Site or system name; null when not stated."),
        Column("site_type", pl.String(), "new or upgrade; null when not stated.", checks=(_in(("new", "upgrade")),)),
        Column("chips", pl.Float64(), "Chips (accelerators) per factory, as a stated fact gives it; null when not stated.",
               checks=(NON_NEGATIVE,)),
        Column("chips_bound", pl.String(), "exact, approx, at_least or at_most: the bound of the chips figure.", checks=(_in(BOUNDS),)),
        Column("operational_from", pl.Int64(), "Year the factory is stated to start operating."),
        Column("source_ids", pl.List(pl.String()), "Sources stating the factory (its wave's count, its chips, its site)."),
        Column("fact_ids", pl.List(pl.String()), "Facts the row is built from (count, chips, and the facts of its site's quote)."),
    ),
    primary_key=("factory_id",),
    foreign_keys=(ForeignKey("wave_id", "ai_factory_waves", "wave_id"),),
    sort_by=("programme", "wave", "country", "factory_id"),
)

AI_FACTORY_WAVES = Table(
    name="ai_factory_waves",
    title="EU AI factory selections and gigafactory calls",
    description=("One row per selection wave or call of the AI factories programme, with its factory count and its "
                 "funding: funding lives here only, so sum(funding_eur) is a true total."),
    columns=(
        Column("wave_id", pl.String(), "Stable id: <programme>-w<wave>.", nullable=False, unique=True),
        Column("programme", pl.String(), "ai_factory or ai_gigafactory.", nullable=False, checks=(_in(("ai_factory", "ai_gigafactory")),)),
        Column("wave", pl.Int64(), "Wave number within the programme (ai_factory 1 = December 2024).", nullable=False, checks=(pa.Check.ge(1),)),
        Column("announced", pl.Date(), "Announcement date (first of the month); null when the source states no month."),
        Column("factory_count", pl.Int64(), "Number of factories of the wave, as a stated fact gives it.", nullable=False,
               checks=(NON_NEGATIVE,)),
        Column("funding_eur", pl.Float64(), "The wave's total funding in EUR (the funding fact's value); null when not stated.",
               checks=(NON_NEGATIVE,)),
        Column("funding_eur_low", pl.Float64(), ("Low end of the funding in EUR: the fact's value_low, less 10 % when approximate; "
                                                 "null when the text states no low bound (jusqu'à, up to)."), checks=(NON_NEGATIVE,)),
        Column("funding_eur_high", pl.Float64(), ("High end of the funding in EUR: the fact's value_high, plus 10 % when approximate; "
                                                  "null when the text states no high bound (plus de, more than)."), checks=(NON_NEGATIVE,)),
        Column("claim_id", pl.String(), "Claim of the funding fact (FK claims); null when no funding is stated."),
        Column("source_ids", pl.List(pl.String()), "Sources stating the wave or restating its figures."),
        Column("fact_ids", pl.List(pl.String()), "Facts of its count and funding, in every source stating them."),
    ),
    primary_key=("wave_id",),
    foreign_keys=(ForeignKey("claim_id", "claims", "claim_id"),),
    sort_by=("programme", "wave"),
)

STARTUPS = Table(
    name="startups",
    title="Startups and scale-ups",
    description="One row per European AI startup or scale-up named in a source.",
    columns=(
        Column("entity_id", pl.String(), "Entity (FK entities).", nullable=False, unique=True),
        Column("name", pl.String(), "Canonical name.", nullable=False),
        Column("country", pl.String(), "Home country.", checks=(pa.Check.str_matches(PLACE_CODE),)),
        Column("segment", pl.String(), "foundation_models, dev_tools, vertical_app, infrastructure, ..."),
        Column("aliases", pl.List(pl.String()), "Names as written in the sources."),
        Column("valuation_eur", pl.Float64(), "Latest stated valuation in EUR; null when none.", checks=(NON_NEGATIVE,)),
        Column("valuation_fact_id", pl.String(), "Fact stating the valuation."),
        Column("funding_raised_eur", pl.Float64(), "Latest stated funding raised in EUR; null when none.", checks=(NON_NEGATIVE,)),
        Column("funding_fact_id", pl.String(), "Fact stating the funding."),
        Column("source_ids", pl.List(pl.String()), "Sources naming the startup."),
        Column("european", pl.Boolean(), "True when the home country is in Europe (EU 27, EEA, Switzerland, United Kingdom).",
               nullable=False),
    ),
    primary_key=("entity_id",),
    foreign_keys=(ForeignKey("entity_id", "entities", "entity_id"),),
)

FX_RATES = Table(
    name="fx_rates",
    title="Exchange rates used",
    description="ECB euro reference rates, annual average of the daily rates, per currency and year.",
    columns=(
        Column("currency", pl.String(), "ISO 4217 code.", nullable=False, checks=(pa.Check.str_matches(CURRENCY_CODE),)),
        Column("year", pl.Int64(), "Calendar year.", nullable=False, checks=(pa.Check.ge(1999),)),
        Column("eur_per_unit", pl.Float64(), "Euros for one unit of the currency (1 / annual average of the ECB rate).", nullable=False,
               checks=(pa.Check.gt(0),)),
        Column("usd_per_unit", pl.Float64(), "US dollars for one unit of the currency (cross rate through the euro).", nullable=False,
               checks=(pa.Check.gt(0),)),
        Column("units_per_eur", pl.Float64(), "The ECB annual average itself: units of the currency for one euro.", nullable=False,
               checks=(pa.Check.gt(0),)),
        Column("n_days", pl.Int64(), "Number of daily reference rates averaged.", nullable=False, checks=(pa.Check.ge(1),)),
        Column("last_date", pl.Date(), "Last daily rate included.", nullable=False),
        Column("is_partial_year", pl.Boolean(), "True when the year is not complete in the source data.", nullable=False),
        Column("source", pl.String(), "Provenance of the daily rates.", nullable=False),
    ),
    primary_key=("currency", "year"),
)

REJECTIONS = Table(
    name="rejections",
    title="Rejections",
    description="What the pipeline refused, and why: nothing is dropped silently.",
    columns=(
        Column("rejection_id", pl.String(), "Stable id: hash of source, stage, reason and detail.", nullable=False, unique=True),
        Column("source_id", pl.String(), "Source concerned; null when unknown."),
        Column("stage", pl.String(), "Pipeline stage that refused it (registry, ingest, extract, normalise, curation).", nullable=False),
        Column("reason", pl.String(), "Short machine-readable reason.", nullable=False),
        Column("detail", pl.String(), "Human-readable detail: file, line, field, quote.", nullable=False),
        Column("seen_at", pl.Datetime("us", "UTC"), "When the rejection was first seen (carried over from earlier releases).", nullable=False),
    ),
    primary_key=("rejection_id",),
    sort_by=("source_id", "stage", "reason", "rejection_id"),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (SOURCES, ENTITIES, FACTS, CAPEX, CLAIMS, COMPUTE, AI_FACTORIES, AI_FACTORY_WAVES, STARTUPS, FX_RATES,
                   REJECTIONS)
}
