"""Extract: every figure stated in every document, with its span, quote and reading.

One asset extracts what changed, inside the run: `document_figures` plans at run time
(``refresh_plan.plan_refresh``: added and changed documents, or every one with ``full``),
extracts them on a pool of worker processes (``document_extraction``), forgets removed ones and
lists in its metadata which documents changed, were extracted, rejected or failed. Documents are
not Dagster partitions: a partition per document cost two events per document in the run's
storage (about 30 % of a full refresh of 1,000 documents, docs/benchmarks.md).
"""

import dagster as dg
import polars as pl

from pipelines.defs.previews import markdown_cell, table_metadata
from pipelines.defs.resources import ProjectStorage
from pipelines.document_extraction import extract_documents
from pipelines.entities import GAZETTEER_FILE, Gazetteer
from pipelines.extraction.corpus import empty_figures, set_aside_refused
from pipelines.fingerprint import file_sha256
from pipelines.refresh_plan import current_fingerprints, plan_refresh, stored_files
from pipelines.source_tables import entries_from_frame

# Documents listed by name in the UI's metadata, per list (the counts are always complete).
LISTED = 200


class ExtractionConfig(dg.Config):
    """`full`: read and re-extract every registered document, changed or not (`make dataset`, nightly)."""

    full: bool = False


def _listed(lines: list[str]) -> dg.MetadataValue:
    shown = lines[:LISTED] + ([f"- ... and {len(lines) - LISTED} more"] if len(lines) > LISTED else [])
    return dg.MetadataValue.md("\n".join(shown) or "none")


@dg.asset(
    group_name="extract",
    description=(
        "Per document: its checksum and status, the entities its text names, and the figures found in it (span, "
        "exact quote, value, range, bound, unit, what is counted, period, topic, metric, entity), kept in the "
        "document store so that a refresh re-extracts only the documents that changed (config `full`: all). "
        "Documents are extracted in parallel (EAC_WORKERS processes, default one per core); the metadata lists "
        "the documents added, changed, removed, rejected (with the reason, for `rejections`) and failed."
    ),
    kinds={"python", "polars"},
)
def document_figures(
    context: dg.AssetExecutionContext, config: ExtractionConfig, project_storage: ProjectStorage,
    source_registry: pl.DataFrame, entity_gazetteer: Gazetteer,
) -> dg.MaterializeResult:
    raw, store = project_storage.raw, project_storage.documents
    entries = {e.source_id: e for e in entries_from_frame(source_registry)}
    stored = stored_files(store)
    current = current_fingerprints(raw, list(entries.values()), stored, rehash=config.full)
    plan = plan_refresh(current, {s: f.fingerprint for s, f in stored.items()}, full=config.full)
    for source_id in plan.removed:
        store.delete(source_id)
    todo = [entries[s] for s in plan.to_extract]
    context.log.info(f"documents: {plan.counts()}; extracting {len(todo)}")
    # as many worker processes as the documents to extract pay for (document_extraction.worker_count)
    done = extract_documents(raw, todo, entity_gazetteer, file_sha256(raw / GAZETTEER_FILE), store)
    store.update_index(done.records, list(plan.removed))
    rejected = [r for r in done.records if r.status == "rejected"]
    for record in rejected:
        context.log.warning(record.detail)
    if done.failures:
        raise dg.Failure(
            description=f"{len(done.failures)} document(s) failed to extract (the others are stored): "
                        + "; ".join(f"{s}: {e}" for s, e in done.failures[:20]),
            metadata={"failed": _listed([f"- {s}: {markdown_cell(e)}" for s, e in done.failures])})
    added = set(plan.added)
    return dg.MaterializeResult(metadata={
        **plan.counts(),
        "extracted": len(done.records),
        "rejected": len(rejected),
        "figures": sum(r.n_figures for r in done.records),
        "workers": done.workers,
        "documents_extracted": _listed([
            f"- {r.source_id} ({'added' if r.source_id in added else 'changed' if r.source_id in plan.changed else 'again'}): "
            + (f"{r.n_figures} figures" if r.status == "extracted" else f"rejected, {r.reason}")
            for r in done.records]),
        "documents_rejected": _listed([f"- {r.source_id}: {r.reason}: {markdown_cell(r.detail or '')}" for r in rejected]),
        "documents_removed": _listed([f"- {s}" for s in plan.removed]),
    })


@dg.asset(
    group_name="extract",
    description=(
        "The per-document results of every registered document, read once from the document store (its index and "
        "one read of the figure files): `figures` (one frame, source_id first), `records` (status, checksum, reason "
        "per document), `mentions` (entities each document names) and `rejections` (figures the extractor refused, "
        "e.g. counts of the parts of an argument)."
    ),
    kinds={"polars"},
    deps=[document_figures],
)
def extracted_figures(
    context: dg.AssetExecutionContext, project_storage: ProjectStorage, source_registry: pl.DataFrame,
) -> dict[str, pl.DataFrame]:
    registered = source_registry.get_column("source_id")
    stored = project_storage.documents.read_results(registered.to_list())
    frame = stored.figures if stored.figures is not None else empty_figures()
    frame = frame.sort("source_id", "char_start", "char_end", maintain_order=True)
    frame, refused = set_aside_refused(frame)
    context.add_output_metadata({
        **table_metadata(frame.drop("quote")),
        "documents": stored.records.height,
        "refused": refused.height,
        "figures_per_source": dg.MetadataValue.md(
            "\n".join(f"- {sid}: {n}" for sid, n in frame.group_by("source_id").len().sort("source_id").iter_rows())
        ),
    })
    return {"figures": frame, "records": stored.records, "mentions": stored.mentions,
            "unknown_names": stored.unknown_names, "rejections": refused}
