"""The topic tables derived from `facts` and `entities`: capex, compute, ai_factories, startups.

Today (foundation): `capex` and `compute` are the facts of their topic with the columns the
contract names; every capex statement is its own claim until claims are matched across sources.
`entities`, `ai_factories` and `startups` need the gazetteer and reviewed annotations of a
later stage and are published empty with their full schema.
"""

from __future__ import annotations

import polars as pl

from pipelines.contract import AI_FACTORIES, CAPEX, COMPUTE, STARTUPS

MONEY_UNIT = r"^[A-Z]{3}$"


def _with_entity_names(facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    names = entities.select("entity_id", pl.col("name").alias("entity"))
    return facts.join(names, on="entity_id", how="left")


def capex_table(facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    rows = _with_entity_names(
        facts.filter((pl.col("topic") == "capex") & pl.col("unit").str.contains(MONEY_UNIT)), entities
    ).with_columns(
        pl.format("c{}", pl.col("fact_id")).alias("claim_id"),
        pl.lit(False).alias("conflicting"),
        pl.col("value").alias("amount"),
        pl.col("unit").alias("currency"),
        pl.col("value_eur").alias("amount_eur"),
        pl.col("value_usd").alias("amount_usd"),
    )
    return CAPEX.conform(rows)


def compute_table(facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    return COMPUTE.conform(_with_entity_names(facts.filter(pl.col("topic") == "compute"), entities))


def ai_factories_table() -> pl.DataFrame:
    return AI_FACTORIES.empty()


def startups_table() -> pl.DataFrame:
    return STARTUPS.empty()
