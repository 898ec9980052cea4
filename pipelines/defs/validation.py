"""Validation: a blocking `pandera.polars` check per published table, before the release.

A failing check stops the run before `release`, so nothing invalid is ever published and the
previous release stays in place (pandera on collected frames with lazy=True: every failure).
"""

import dagster as dg
import pandera.errors
import polars as pl

from pipelines.contract import TABLES, Table


def _contract_check(table: Table) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=table.name,
        name=f"{table.name}_matches_contract",
        blocking=True,
        description=f"`{table.name}` has the contract's columns, dtypes, keys and allowed values (pandera.polars).",
    )
    def _check(frame: pl.DataFrame) -> dg.AssetCheckResult:
        try:
            table.pandera_schema().validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as exc:
            cases = exc.failure_cases
            return dg.AssetCheckResult(
                passed=False,
                metadata={
                    "failure_cases": cases.height,
                    "first_failures": dg.MetadataValue.md(
                        "\n".join(f"- {r.get('column')}: {r.get('check')}: {r.get('failure_case')!r}" for r in cases.head(20).iter_rows(named=True))
                    ),
                },
            )
        return dg.AssetCheckResult(passed=True, metadata={"rows": frame.height})

    return _check


contract_checks = [_contract_check(table) for table in TABLES.values()]


@dg.asset_check(asset="facts", blocking=True, description="Every fact's quote contains its figure text, and its source exists.",
                additional_ins={"sources": dg.AssetIn("sources")})
def facts_are_traceable(facts: pl.DataFrame, sources: pl.DataFrame) -> dg.AssetCheckResult:
    untraceable = facts.filter(
        ~pl.col("quote").str.contains(pl.col("figure_text"), literal=True)
        | ~pl.col("source_id").is_in(sources.get_column("source_id").implode())
        | (pl.col("char_start") < pl.col("quote_start"))
    )
    return dg.AssetCheckResult(
        passed=untraceable.height == 0,
        metadata={"untraceable": untraceable.height, "examples": dg.MetadataValue.md(str(untraceable.head(5).select("fact_id", "figure_text")))},
    )
