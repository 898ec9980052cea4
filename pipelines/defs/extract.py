"""Extract: every figure stated in every document, with its span, quote and reading."""

import dagster as dg
import polars as pl

from pipelines.defs.ingest import documents_partitions
from pipelines.defs.previews import table_metadata
from pipelines.defs.resources import ProjectStorage
from pipelines.document_store import StoredDocuments, file_sha256, mentions_frame, records_frame, unknown_names_frame
from pipelines.entities import GAZETTEER_FILE, Gazetteer
from pipelines.extraction.corpus import empty_figures, extract_converted_document, set_aside_refused
from pipelines.registry import entries_from_frame


@dg.asset(
    group_name="extract",
    partitions_def=documents_partitions,
    # A full refresh extracts every document in one run, not one run per document.
    backfill_policy=dg.BackfillPolicy.single_run(),
    io_manager_key="document_store_io",
    description=(
        "Per document: its checksum and status, the entities its text names, and the figures found in it (span, "
        "exact quote, value, range, bound, unit, what is counted, period, topic, metric, entity), kept in the "
        "document store so that a "
        "refresh re-extracts only the documents that changed. A document that cannot be read is recorded "
        "with its reason, for `rejections`."
    ),
    kinds={"python", "polars"},
)
def document_figures(
    context: dg.AssetExecutionContext, project_storage: ProjectStorage, source_registry: pl.DataFrame,
    entity_gazetteer: Gazetteer,
) -> dict:
    entries = {e.source_id: e for e in entries_from_frame(source_registry)}
    gazetteer_sha256 = file_sha256(project_storage.raw / GAZETTEER_FILE)
    results = {}
    for key in context.partition_keys:
        if key not in entries:
            raise KeyError(f"document partition {key!r} is not in raw/sources.yaml any more: run a refresh to remove it")
        record, figures, converted_text = extract_converted_document(
            project_storage.raw, entries[key], entity_gazetteer, gazetteer_sha256)
        if record.status == "rejected":
            context.log.warning(record.detail)
        results[key] = (record, figures, converted_text)
    context.add_output_metadata({
        "documents": len(results),
        "figures": sum(r.n_figures for r, *_ in results.values()),
        "rejected": sum(r.status == "rejected" for r, *_ in results.values()),
    })
    return results


@dg.asset(
    group_name="extract",
    description=(
        "The per-document results of every registered document, read once from the document store: `figures` "
        "(one frame, source_id first), `records` (status, checksum, reason per document), `mentions` "
        "(entities each document names) and `rejections` (figures the extractor refused, e.g. counts of the parts of "
        "an argument)."
    ),
    kinds={"polars"},
    ins={"document_figures": dg.AssetIn("document_figures")},
)
def extracted_figures(
    context: dg.AssetExecutionContext, source_registry: pl.DataFrame, document_figures: StoredDocuments
) -> dict[str, pl.DataFrame]:
    registered = source_registry.get_column("source_id")
    records = [r for r in document_figures.records if r.source_id in set(registered.to_list())]
    frame = document_figures.figures if document_figures.figures is not None else empty_figures()
    frame = frame.filter(pl.col("source_id").is_in(registered.implode())).sort(
        "source_id", "char_start", "char_end", maintain_order=True)
    frame, refused = set_aside_refused(frame)
    context.add_output_metadata({
        **table_metadata(frame.drop("quote")),
        "documents": len(records),
        "refused": refused.height,
        "figures_per_source": dg.MetadataValue.md(
            "\n".join(f"- {sid}: {n}" for sid, n in frame.group_by("source_id").len().sort("source_id").iter_rows())
        ),
    })
    return {"figures": frame, "records": records_frame(records), "mentions": mentions_frame(records),
            "unknown_names": unknown_names_frame(records), "rejections": refused}
