"""Ingest: the source registry and the documents it lists."""

import dagster as dg
import polars as pl

from pipelines.defs.previews import table_metadata
from pipelines.defs.resources import ProjectStorage
from pipelines.registry import Document, load_registry, read_document, sources_frame

DOCUMENT_COLUMNS = {
    "source_id": pl.String, "language": pl.String, "published": pl.Date, "sha256": pl.String, "text": pl.String,
}


@dg.asset(
    group_name="ingest",
    description=(
        "Every document listed in raw/sources.yaml, read byte for byte as UTF-8. A malformed registry "
        "fails the run with the file, line, entry and field; a document that cannot be read is kept "
        "aside with its reason for `rejections`."
    ),
    kinds={"python", "polars"},
)
def raw_documents(context: dg.AssetExecutionContext, project_storage: ProjectStorage) -> dict[str, pl.DataFrame]:
    entries = load_registry(project_storage.raw)
    readable: list[tuple] = []
    unreadable: list[dict] = []
    for entry in entries:
        result = read_document(project_storage.raw, entry)
        if isinstance(result, Document):
            readable.append((entry, result))
        else:
            context.log.warning(result.detail)
            unreadable.append({"source_id": result.source_id, "stage": "ingest", "reason": result.reason, "detail": result.detail})
    documents = pl.DataFrame(
        [{"source_id": e.source_id, "language": e.language, "published": e.published, "sha256": d.sha256, "text": d.text}
         for e, d in readable],
        schema=DOCUMENT_COLUMNS,
    )
    rejected = pl.DataFrame(unreadable, schema={"source_id": pl.String, "stage": pl.String, "reason": pl.String, "detail": pl.String})
    sources = sources_frame(entries, {d.source_id: d for _, d in readable})
    context.add_output_metadata({
        "registry_entries": len(entries),
        "documents_read": documents.height,
        "documents_rejected": rejected.height,
        "total_characters": int(documents.get_column("text").str.len_chars().sum() or 0),
    })
    return {"documents": documents, "rejections": rejected, "sources": sources}


@dg.asset(
    group_name="ingest",
    description="Published table `sources`: one row per ingested document, with registry metadata, SHA-256 and length.",
    kinds={"polars"},
)
def sources(context: dg.AssetExecutionContext, raw_documents: dict[str, pl.DataFrame]) -> pl.DataFrame:
    frame = raw_documents["sources"]
    context.add_output_metadata(table_metadata(frame))
    return frame
