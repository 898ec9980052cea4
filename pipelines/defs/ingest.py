"""Ingest: the source registry, and one partition per document it lists."""

import dagster as dg
import polars as pl

from pipelines.defs.previews import table_metadata
from pipelines.defs.resources import ProjectStorage
from pipelines.registry import load_registry, registry_frame, sources_frame

# One partition per registered document, kept in sync with raw/sources.yaml by the refresh
# (pipelines.refresh) and by the `raw_documents_sensor`.
documents_partitions = dg.DynamicPartitionsDefinition(name="documents")


@dg.asset(
    group_name="ingest",
    description=(
        "The entries of raw/sources.yaml, validated. A malformed registry fails the run with the file, "
        "line, entry and field, before anything is extracted or published."
    ),
    kinds={"python", "polars"},
)
def source_registry(context: dg.AssetExecutionContext, project_storage: ProjectStorage) -> pl.DataFrame:
    frame = registry_frame(load_registry(project_storage.raw))
    context.add_output_metadata(table_metadata(frame.select("source_id", "file", "language", "published")))
    return frame


@dg.asset(
    group_name="ingest",
    description="Published table `sources`: one row per ingested document, with registry metadata, SHA-256 and length.",
    kinds={"polars"},
)
def sources(context: dg.AssetExecutionContext, source_registry: pl.DataFrame, extracted_figures: dict) -> pl.DataFrame:
    frame = sources_frame(source_registry, extracted_figures["records"])
    context.add_output_metadata(table_metadata(frame))
    return frame

