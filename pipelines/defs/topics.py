"""Topics: the entity register and the four topic tables derived from facts."""

import dagster as dg
import polars as pl

from pipelines.defs.previews import table_metadata
from pipelines.defs.resources import ProjectStorage
from pipelines.entities import Gazetteer, entities_table
from pipelines.registry import document_texts
from pipelines.topic_tables import ai_factories_from_sources, capex_table, compute_table, startups_table


@dg.asset(group_name="topics", kinds={"polars"},
          description=("Published table `entities`: organisations, companies and programmes of the reviewed gazetteer, "
                       "with their aliases as written and the sources naming them."))
def entities(context: dg.AssetExecutionContext, entity_gazetteer: Gazetteer, extracted_figures: dict) -> pl.DataFrame:
    frame = entities_table(entity_gazetteer, extracted_figures["mentions"])
    context.add_output_metadata(table_metadata(frame))
    return frame


@dg.asset_check(asset=entities, description=(
    "Capitalised organisation-like names found in the sources but not in the gazetteer: a list to help the "
    "gazetteer grow (a warning, never an error)."),
    additional_ins={"extracted_figures": dg.AssetIn("extracted_figures")})
def unknown_organisation_names(entities: pl.DataFrame, extracted_figures: dict) -> dg.AssetCheckResult:
    # Found per document when it is extracted (pipelines.extraction.corpus), so a refresh reads no text here.
    unknown = extracted_figures["unknown_names"].sort(["source_id", "count", "name"], descending=[False, True, False])
    return dg.AssetCheckResult(
        passed=unknown.height == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"unknown_names": unknown.height,
                  "names": dg.MetadataValue.md("\n".join(f"- {r['name']} ({r['source_id']}, {r['count']}x)" for r in unknown.head(50).iter_rows(named=True)) or "none")},
    )


def _text_reader(project_storage: ProjectStorage, source_registry: pl.DataFrame, sources: pl.DataFrame):
    """Reads only the documents a reviewed reference file quotes (and only published ones)."""
    published = set(sources.get_column("source_id").to_list())
    return lambda wanted: document_texts(project_storage.raw, source_registry, sorted(set(wanted) & published))


@dg.asset(group_name="topics", kinds={"polars"},
          description=("Published table `capex`: money figures about investment and spending (and the AI factories "
                       "programme's funding), with their range, bound, EUR and USD amounts, and the claim each states "
                       "(`claim_id`; `conflicting` when the claim's statements cannot all be true). Sum by claim."))
def capex(context: dg.AssetExecutionContext, facts: pl.DataFrame, entities: pl.DataFrame, claims: pl.DataFrame) -> pl.DataFrame:
    frame = capex_table(facts, entities, claims)
    context.add_output_metadata({
        **table_metadata(frame.drop("quote")),
        "claims": frame.get_column("claim_id").n_unique(),
        "conflicting_claims": frame.filter(pl.col("conflicting")).get_column("claim_id").n_unique(),
    })
    return frame


@dg.asset(group_name="topics", kinds={"polars"},
          description="Published table `compute`: accelerator and chip counts, supercomputers, data-centre capacity, hardware shares.")
def compute(context: dg.AssetExecutionContext, facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    frame = compute_table(facts, entities)
    context.add_output_metadata(table_metadata(frame.drop("quote")))
    return frame


@dg.asset(group_name="topics", kinds={"polars"},
          description=("Published table `ai_factories`: one row per announced EU AI factory or gigafactory site, from the "
                       "reviewed raw/reference/ai_factories.yaml (every quote checked in its source; a stale one fails the "
                       "run); wave funding and factory counts are the facts stated in those quotes."))
def ai_factories(
    context: dg.AssetExecutionContext, project_storage: ProjectStorage, facts: pl.DataFrame,
    source_registry: pl.DataFrame, sources: pl.DataFrame,
) -> pl.DataFrame:
    frame = ai_factories_from_sources(facts, project_storage.raw, _text_reader(project_storage, source_registry, sources),
                                      registered=set(source_registry.get_column("source_id").to_list()))
    context.add_output_metadata(table_metadata(frame))
    return frame


@dg.asset(group_name="topics", kinds={"polars"},
          description=("Published table `startups`: startups and scale-ups named in the sources (gazetteer), with their "
                       "aliases as written and the latest stated valuation and funding in EUR."))
def startups(
    context: dg.AssetExecutionContext, facts: pl.DataFrame, entities: pl.DataFrame, entity_gazetteer: Gazetteer,
) -> pl.DataFrame:
    gazetteer = entity_gazetteer.entities
    frame = startups_table(facts, entities, {k: e.segment for k, e in gazetteer.items()}, {k: e.kind for k, e in gazetteer.items()})
    context.add_output_metadata(table_metadata(frame))
    return frame


# Where the money is spent or the capacity sits is the question most analyses group by: the share
# of rows without it is watched, per topic table. Above half, the check warns.
UNLOCATED_WARNING_SHARE = 0.5


def _located_check(table: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=table, name=f"{table}_geo_is_stated", description=(
        f"Share of `{table}` rows whose place (`geo`: where the money is spent or the capacity sits) is unknown; "
        f"a warning above {UNLOCATED_WARNING_SHARE:.0%}."))
    def _check(frame: pl.DataFrame) -> dg.AssetCheckResult:
        share = frame.get_column("geo").null_count() / frame.height if frame.height else 0.0
        return dg.AssetCheckResult(
            passed=share <= UNLOCATED_WARNING_SHARE, severity=dg.AssetCheckSeverity.WARN,
            metadata={"rows": frame.height, "geo_null": frame.get_column("geo").null_count(),
                      "geo_null_share": round(share, 4)})
    return _check


located_checks = [_located_check(t) for t in ("capex", "compute")]
