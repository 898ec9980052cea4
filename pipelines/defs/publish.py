"""Publish: rejections, then the release (DuckDB, Parquet, datapackage.json), switched in atomically."""

import datetime as dt

import dagster as dg
import polars as pl

from pipelines.contract import TABLES
from pipelines.defs.previews import table_metadata
from pipelines.defs.resources import ProjectStorage, parts
from pipelines.defs.validation import checked, contract_spec
from pipelines.facts import rejections_frame
from pipelines.publication import publish_release, read_published_table
from pipelines.source_tables import document_texts
from pipelines.release import make_release_info, release_inputs
from pipelines.report import chart_cache
from pipelines.source_texts import redistributable_sources
from pipelines.storage import PROJECT_ROOT


@dg.asset(
    group_name="publish",
    description=(
        "Published table `rejections`: every document or figure the pipeline refused, with its stage, "
        "reason and detail; `seen_at` is when it was first seen (carried over between releases)."
    ),
    kinds={"polars"},
    ins={"extracted_figures": parts("records", "rejections"), "normalised_facts": parts("rejections")},
    check_specs=[contract_spec("rejections")],
)
def rejections(
    context: dg.AssetExecutionContext, project_storage: ProjectStorage,
    extracted_figures: dict, normalised_facts: dict[str, pl.DataFrame],
):
    unreadable = (
        extracted_figures["records"]
        .filter(pl.col("status") == "rejected")
        # Read but over its extraction budget: refused at the extract stage; else unreadable.
        .select("source_id", pl.when(pl.col("reason").is_in(["too_slow", "too_large_in_memory"]))
                .then(pl.lit("extract")).otherwise(pl.lit("ingest")).alias("stage"), "reason", "detail")
    )
    previous = read_published_table(project_storage.warehouse, "rejections")
    frame = rejections_frame([unreadable, extracted_figures["rejections"], normalised_facts["rejections"]], previous, dt.datetime.now(dt.timezone.utc))
    yield from checked("rejections", frame, metadata=table_metadata(frame))


@dg.asset(
    group_name="publish",
    description=(
        "The published release: every contract table as a DuckDB table (with column comments), a zstd "
        "Parquet file, a UTF-8 CSV file and Frictionless resources, with Croissant metadata, built in a "
        "staging folder and switched in atomically, with the texts of the sources whose licence allows "
        "redistribution (texts/<source_id>.txt). Runs only when every blocking validation check upstream passed."
    ),
    kinds={"duckdb", "parquet", "csv"},
    ins={"extracted_figures": parts("records")},
)
def release(
    context: dg.AssetExecutionContext, project_storage: ProjectStorage,
    sources: pl.DataFrame, entities: pl.DataFrame, facts: pl.DataFrame, capex: pl.DataFrame, claims: pl.DataFrame,
    compute: pl.DataFrame,
    ai_factories: pl.DataFrame, ai_factory_waves: pl.DataFrame, startups: pl.DataFrame, fx_rates: pl.DataFrame, rejections: pl.DataFrame,
    extracted_figures: dict, source_registry: pl.DataFrame,
) -> dg.MaterializeResult:
    frames = {
        "sources": sources, "entities": entities, "facts": facts, "capex": capex, "claims": claims, "compute": compute,
        "ai_factories": ai_factories, "ai_factory_waves": ai_factory_waves, "startups": startups, "fx_rates": fx_rates, "rejections": rejections,
    }
    if set(frames) != set(TABLES):
        raise ValueError(f"the release must publish exactly the contract's tables, got {sorted(frames)}")
    records = extracted_figures["records"]
    inputs = release_inputs(
        project_storage.raw,
        documents=dict(sources.select("source_id", "sha256").iter_rows()),
        fingerprints=dict(records.select("source_id", "fingerprint").iter_rows()),
        fx_source=fx_rates.get_column("source")[0] if fx_rates.height else None,
        code_root=PROJECT_ROOT,
    )
    info = make_release_info(inputs, {name: frame.height for name, frame in frames.items()})
    texts = document_texts(project_storage.raw, source_registry, redistributable_sources(sources))
    # Charts an earlier release drew from the same data are not drawn again.
    with chart_cache(project_storage.work / "charts"):
        folder = publish_release(frames, info, project_storage.warehouse, texts)
    published = folder.name == info.release_id
    if published:
        context.log.info(f"published release {info.release_id} in {folder}")
    else:
        context.log.info(f"nothing changed since release {folder.name}: it stays current, nothing was published")
    return dg.MaterializeResult(metadata={
        "release_id": folder.name,
        "new_release": published,
        "path": dg.MetadataValue.path(str(folder)),
        **{f"rows/{name}": frame.height for name, frame in frames.items()},
        "texts": len(texts),
    })
