"""Ingest: the source registry and the published `sources` table."""

import dagster as dg
import polars as pl

from pipelines.defs.previews import table_metadata
from pipelines.defs.resources import ProjectStorage, parts
from pipelines.defs.validation import checked, contract_spec
from pipelines.refresh_plan import registry_entries
from pipelines.source_tables import registry_frame, sources_frame

@dg.asset(
    group_name="ingest",
    description=(
        "The entries of raw/sources.yaml, validated. A malformed registry fails the run with the file, "
        "line, entry and field, before anything is extracted or published."
    ),
    kinds={"python", "polars"},
)
def source_registry(context: dg.AssetExecutionContext, project_storage: ProjectStorage) -> pl.DataFrame:
    frame = registry_frame(registry_entries(project_storage.raw, project_storage.documents.root))
    context.add_output_metadata(table_metadata(frame.select("source_id", "file", "language", "published")))
    return frame


@dg.asset(
    group_name="ingest",
    description="Published table `sources`: one row per ingested document, with registry metadata, SHA-256 and length.",
    kinds={"polars"},
    ins={"extracted_figures": parts("records")},
    check_specs=[contract_spec("sources")],
)
def sources(context: dg.AssetExecutionContext, source_registry: pl.DataFrame, extracted_figures: dict):
    frame = sources_frame(source_registry, extracted_figures["records"])
    yield from checked("sources", frame, metadata=table_metadata(frame))

