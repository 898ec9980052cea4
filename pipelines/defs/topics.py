"""Topics: the entity register and the four topic tables derived from facts."""

import dagster as dg
import polars as pl

from pipelines.defs.previews import table_metadata
from pipelines.entities import Gazetteer, entities_table
from pipelines.topic_tables import ai_factories_table, capex_table, compute_table, startups_table


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
