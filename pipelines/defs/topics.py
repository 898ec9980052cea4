"""Topics: the entity register and the four topic tables derived from facts."""

import dagster as dg
import polars as pl

from pipelines.defs.previews import table_metadata
from pipelines.topic_tables import ai_factories_table, capex_table, compute_table, entities_table, startups_table


@dg.asset(group_name="topics", kinds={"polars"},
          description="Published table `entities`: organisations, companies and programmes named in the sources.")
def entities(context: dg.AssetExecutionContext) -> pl.DataFrame:
    frame = entities_table()
    context.add_output_metadata(table_metadata(frame))
    return frame


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
