"""Extract: every figure stated in every document, with its span, quote and reading."""

import dagster as dg
import polars as pl

from pipelines.defs.previews import table_metadata
from pipelines.extraction.corpus import extract_corpus


@dg.asset(
    group_name="extract",
    description=(
        "One row per figure found in a document: span, exact quote, value, range, bound, unit, what is "
        "counted, period, topic and metric, as read by the rule-based extractor (pipelines.extraction)."
    ),
    kinds={"python", "polars"},
)
def extracted_figures(context: dg.AssetExecutionContext, raw_documents: dict[str, pl.DataFrame]) -> pl.DataFrame:
    figures = extract_corpus(raw_documents["documents"])
    context.add_output_metadata({
        **table_metadata(figures.drop("quote")),
        "figures_per_source": dg.MetadataValue.md(
            "\n".join(f"- {sid}: {n}" for sid, n in figures.group_by("source_id").len().sort("source_id").iter_rows())
        ),
    })
    return figures
