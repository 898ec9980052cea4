"""The topic tables derived from `facts` and `entities`: capex, compute, startups.

Plain Polars, no Dagster. Every rule is general and written down here; the only hand-typed
inputs are reviewed reference files under `raw/reference/` whose entries quote the sources,
and every quote is checked against its source at run time (a stale quote fails the run).

capex — money figures about investment and spending
    Rows: the facts of topic `capex` whose unit is a currency, plus the money figures of topic
    `ai_factories` (the programme's funding is a public commitment: "how much has each public
    programme committed" needs it); `topic` says which. `XXX` is the ISO 4217 code for "no
    currency stated" (a restatement such as "335 milliards"): kept, with null EUR/USD amounts.
    Each row keeps its range (`amount_low`, `amount_high`) and `bound`, its `claim_id` (see
    ``pipelines.claims``) and the claim's `conflicting` flag: sum capex by claim, never by row.

ai_factories and ai_factory_waves — in `pipelines/ai_factories.py`, which uses the quote
    checking of this module (`locate_quotes`, `facts_within`).

startups — one row per startup or scale-up named in a source (gazetteer kind `startup`, or an
    entity with a startup `segment`), with the latest stated valuation and funding in EUR: the
    fact of the most recently published source (then the latest period, then the later position
    in the text).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import yaml

from pipelines.contract import CAPEX, COMPUTE, STARTUPS
from pipelines.curation import TYPOGRAPHY
from pipelines.facts import MONEY_UNIT
from pipelines.safe_yaml import safe_load

TextReader = Callable[[Iterable[str]], dict[str, str]]
VALUATION_METRICS = ("valuation",)
FUNDING_METRICS = ("funding_round", "funding_raised", "funding")
# Europe for `startups.european`: the EU 27, the EEA, Switzerland and the United Kingdom.
EUROPEAN_COUNTRIES = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH", "GB", "EU", "EUROPE",
)


class ReferenceDataError(ValueError):
    """A reviewed reference file is malformed or stale; ``problems`` names file and entry."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid or stale reference data:\n" + "\n".join(problems))


def _with_entity_names(facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    names = entities.select("entity_id", pl.col("name").alias("entity"))
    return facts.join(names, on="entity_id", how="left")


# --------------------------------------------------------------------------------------------
# Quotes of reviewed reference files → spans in the sources → facts
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QuoteRef:
    label: str  # "raw/reference/x.yaml: entry 3 (…)": names file and entry in errors
    key: str  # what the quote is for (joined back by the caller)
    source_id: str
    quote: str


def locate_quotes(refs: list[QuoteRef], texts: dict[str, str]) -> tuple[pl.DataFrame, list[str]]:
    """Every occurrence of each quote in its source: (key, label, source_id, start, end).

    Comparison is exact after a length-preserving typographic normalisation (’ → ', no-break
    spaces → space), so offsets are those of the source. A quote found nowhere is a problem."""
    rows, problems = [], []
    normalised = {sid: text.translate(TYPOGRAPHY) for sid, text in texts.items()}
    for ref in refs:
        text = normalised.get(ref.source_id)
        if text is None:
            problems.append(f"{ref.label}: unknown or unreadable source {ref.source_id!r}")
            continue
        needle = ref.quote.translate(TYPOGRAPHY)
        found = [m.start() for m in re.finditer(re.escape(needle), text)] if needle else []
        if not found:
            problems.append(f'{ref.label}: quote "{ref.quote}" does not occur in source {ref.source_id} (stale reference)')
        rows += [(ref.key, ref.label, ref.source_id, s, s + len(needle)) for s in found]
    frame = pl.DataFrame(rows, schema={"key": pl.String, "label": pl.String, "source_id": pl.String,
                                       "start": pl.Int64, "end": pl.Int64}, orient="row")
    return frame, problems


def facts_within(spans: pl.DataFrame, facts: pl.DataFrame) -> pl.DataFrame:
    """The facts whose figure lies inside a span: spans' columns + fact_id, figure_text, ..."""
    return spans.join(facts, on="source_id", how="inner").filter(
        (pl.col("char_start") >= pl.col("start")) & (pl.col("char_end") <= pl.col("end"))
    )


def _read_yaml(path: Path) -> object:
    try:
        return safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except yaml.YAMLError as exc:
        raise ReferenceDataError([f"{_shown(path)}: not valid YAML: {exc}"]) from exc


def _shown(path: Path) -> str:
    """Reference files are named relative to raw/ in messages, whatever the checkout path."""
    return f"raw/{path.parent.name}/{path.name}"


# --------------------------------------------------------------------------------------------
# capex
# --------------------------------------------------------------------------------------------

CAPEX_TOPICS = ("capex", "ai_factories")


def capex_table(facts: pl.DataFrame, entities: pl.DataFrame, claims: pl.DataFrame) -> pl.DataFrame:
    """capex from the facts with their `claim_id` and the claims (for `conflicting`)."""
    rows = _with_entity_names(capex_rows(facts), entities).join(claims.select("claim_id", "conflicting"), on="claim_id", how="left")
    return CAPEX.conform(rows.with_columns(pl.col("conflicting").fill_null(False)))


def capex_rows(facts: pl.DataFrame) -> pl.DataFrame:
    """The money figures capex publishes (before claims): topic capex, and ai_factories funding."""
    return money_rows(facts).filter(pl.col("topic").is_in(CAPEX_TOPICS))


def money_rows(facts: pl.DataFrame) -> pl.DataFrame:
    """Every money figure, with the capex column names."""
    return facts.filter(pl.col("unit").str.contains(MONEY_UNIT)).with_columns(
        pl.col("value").alias("amount"),
        pl.col("value_low").alias("amount_low"),
        pl.col("value_high").alias("amount_high"),
        pl.col("unit").alias("currency"),
        pl.col("value_eur").alias("amount_eur"),
        pl.col("value_usd").alias("amount_usd"),
    )


def _check_registered(entries: list[tuple[str, str]], registered: set[str] | None) -> None:
    """A reference entry (label naming file and entry, source id) quoting a source the registry
    does not know is a typo, not a removed document: an error, not a silent skip."""
    if registered is None:
        return
    unknown = [f"{label}: source {source!r} is not in raw/sources.yaml" for label, source in entries if source not in registered]
    if unknown:
        raise ReferenceDataError(unknown)


# --------------------------------------------------------------------------------------------
# compute
# --------------------------------------------------------------------------------------------

def compute_table(facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    """Facts of topic compute, plus the chip counts of the AI factories programme (`topic` says which),
    each with the `scope` of its capacity read from its sentence (`extraction.scope`). A comparison
    (metric `ratio` or `*_ratio`: "ten times more electricity") is compute's topic but no capacity: it stays
    in `facts` only."""
    from pipelines.extraction.scope import capacity_scope

    chips = (pl.col("topic") == "ai_factories") & (pl.col("unit") == "count") & pl.col("metric").is_in(["chip_count", "gpu_count"])
    ratio = (pl.col("metric") == "ratio") | pl.col("metric").str.ends_with("_ratio")
    capacity = (pl.col("topic") == "compute") & ~ratio
    rows = facts.filter(capacity | chips).with_columns(capacity_scope().alias("scope"))
    return COMPUTE.conform(_with_entity_names(rows, entities))


# --------------------------------------------------------------------------------------------
# startups
# --------------------------------------------------------------------------------------------

def _latest(facts: pl.DataFrame, metrics: tuple[str, ...], name: str) -> pl.DataFrame:
    """Per entity, the latest stated money figure of these metrics: the most recently published
    source, then the latest period, then the later statement in the text."""
    return (
        facts.filter(pl.col("metric").is_in(metrics) & pl.col("value_eur").is_not_null() & pl.col("entity_id").is_not_null())
        .sort(["as_of", "period_end", "source_id", "char_start", "fact_id"], descending=True, nulls_last=True,
              maintain_order=True)
        .group_by("entity_id", maintain_order=True).first()
        .select("entity_id", pl.col("value_eur").alias(f"{name}_eur"), pl.col("fact_id").alias(f"{name}_fact_id"))
    )


def startups_table(facts: pl.DataFrame, entities: pl.DataFrame, segments: dict[str, str | None], kinds: dict[str, str]) -> pl.DataFrame:
    """`segments`/`kinds` from the gazetteer: entity_id → segment / kind. A startup is an entity of
    kind `startup`, or of another non-group kind with a startup segment (Nebius: `company`,
    `infrastructure`), named in at least one source."""
    info = pl.DataFrame({"entity_id": list(kinds), "kind_g": list(kinds.values()),
                         "segment": [segments.get(k) for k in kinds]}, schema={"entity_id": pl.String, "kind_g": pl.String, "segment": pl.String})
    named = entities.join(info, on="entity_id", how="left").filter(
        ((pl.col("kind") == "startup") | (pl.col("segment").is_not_null() & (pl.col("kind") != "group")))
        & (pl.col("source_ids").list.len() > 0)
    )
    rows = (
        named.join(_latest(facts, VALUATION_METRICS, "valuation"), on="entity_id", how="left")
        .join(_latest(facts, FUNDING_METRICS, "funding_raised"), on="entity_id", how="left")
        .rename({"funding_raised_fact_id": "funding_fact_id"})
        .with_columns(pl.col("country").is_in(EUROPEAN_COUNTRIES).fill_null(False).alias("european"))
    )
    return STARTUPS.conform(rows)
