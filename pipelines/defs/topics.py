"""Topics: the entity register and the four topic tables derived from facts."""

import dagster as dg
import polars as pl

from pipelines.defs.previews import table_metadata
from pipelines.defs.resources import ProjectStorage
from pipelines.entities import Gazetteer, entities_table, unknown_organisations
from pipelines.registry import document_texts
from pipelines.topic_tables import ai_factories_table, capex_table, compute_table, startups_table


@dg.asset(group_name="topics", kinds={"polars"},
          description=("Published table `entities`: organisations, companies and programmes of the reviewed gazetteer, "
                       "with their aliases as written and the sources naming them."))
def entities(
    context: dg.AssetExecutionContext, project_storage: ProjectStorage, entity_gazetteer: Gazetteer,
    source_registry: pl.DataFrame, sources: pl.DataFrame,
) -> pl.DataFrame:
    texts = document_texts(project_storage.raw, source_registry, sources.get_column("source_id").to_list())
    documents = pl.DataFrame({"source_id": list(texts), "text": list(texts.values())}, schema={"source_id": pl.String, "text": pl.String})
    frame = entities_table(entity_gazetteer, documents)
    context.add_output_metadata(table_metadata(frame))
    return frame


@dg.asset_check(asset=entities, description=(
    "Capitalised organisation-like names found in the sources but not in the gazetteer: a list to help the "
    "gazetteer grow (a warning, never an error)."),
    additional_ins={"source_registry": dg.AssetIn("source_registry"), "sources": dg.AssetIn("sources"),
                    "entity_gazetteer": dg.AssetIn("entity_gazetteer")})
def unknown_organisation_names(
    project_storage: ProjectStorage, entities: pl.DataFrame, source_registry: pl.DataFrame, sources: pl.DataFrame,
    entity_gazetteer: Gazetteer,
) -> dg.AssetCheckResult:
    texts = document_texts(project_storage.raw, source_registry, sources.get_column("source_id").to_list())
    documents = pl.DataFrame({"source_id": list(texts), "text": list(texts.values())}, schema={"source_id": pl.String, "text": pl.String})
    unknown = unknown_organisations(documents, entity_gazetteer)
    return dg.AssetCheckResult(
        passed=unknown.height == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"unknown_names": unknown.height,
                  "names": dg.MetadataValue.md("\n".join(f"- {r['name']} ({r['source_id']}, {r['count']}x)" for r in unknown.head(50).iter_rows(named=True)) or "none")},
    )


@dg.asset(group_name="topics", kinds={"polars"},
          description="Published table `capex`: money figures about investment and spending, with EUR and USD amounts and claim ids.")
def capex(context: dg.AssetExecutionContext, facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    frame = capex_table(facts, entities)
    context.add_output_metadata(table_metadata(frame.drop("quote")))
    return frame


@dg.asset(group_name="topics", kinds={"polars"},
          description="Published table `compute`: accelerator and chip counts, supercomputers, data-centre capacity, hardware shares.")
def compute(context: dg.AssetExecutionContext, facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    frame = compute_table(facts, entities)
    context.add_output_metadata(table_metadata(frame.drop("quote")))
    return frame


@dg.asset(group_name="topics", kinds={"polars"},
          description="Published table `ai_factories`: one row per announced EU AI factory or gigafactory site.")
def ai_factories(context: dg.AssetExecutionContext, facts: pl.DataFrame) -> pl.DataFrame:
    frame = ai_factories_table()
    context.add_output_metadata(table_metadata(frame))
    return frame


@dg.asset(group_name="topics", kinds={"polars"},
          description="Published table `startups`: European AI startups and scale-ups named in the sources.")
def startups(context: dg.AssetExecutionContext, facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    frame = startups_table()
    context.add_output_metadata(table_metadata(frame))
    return frame
