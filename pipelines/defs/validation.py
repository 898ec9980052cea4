"""Validation: a blocking `pandera.polars` check per published table, evaluated in its asset's step.

Each published table's asset declares the checks of its table (``check_specs``) and yields their
results right after its output (``checked``): a check in a step of its own loaded the table again
and cost the run three more events (start, input, success) for about 0.05 s of work, 17 steps in
all (issue 10, measured in docs/benchmarks.md). A failing blocking check stops the run before
`release`, so nothing invalid is ever published and the previous release stays in place (pandera
on collected frames with lazy=True: every failure).
"""

from collections.abc import Iterator

import dagster as dg
import pandera.errors
import polars as pl

from pipelines.contract import TABLES


def contract_spec(table: str) -> dg.AssetCheckSpec:
    """The contract check of published table ``table``, on its asset."""
    return dg.AssetCheckSpec(
        f"{table}_matches_contract", asset=table, blocking=True,
        description=f"`{table}` has the contract's columns, dtypes, keys and allowed values (pandera.polars).")


def contract_result(table: str, frame: pl.DataFrame) -> dg.AssetCheckResult:
    """The contract check of ``frame``, published as ``table`` (see :func:`contract_spec`)."""
    name = f"{table}_matches_contract"
    try:
        TABLES[table].pandera_schema().validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        return dg.AssetCheckResult(
            check_name=name,
            passed=False,
            metadata={
                "failure_cases": cases.height,
                "first_failures": dg.MetadataValue.md(
                    "\n".join(f"- {r.get('column')}: {r.get('check')}: {r.get('failure_case')!r}" for r in cases.head(20).iter_rows(named=True))
                ),
            },
        )
    return dg.AssetCheckResult(check_name=name, passed=True, metadata={"rows": frame.height})


def checked(table: str, frame: pl.DataFrame, *others: dg.AssetCheckResult,
            metadata: dict | None = None) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """What a published table's asset yields: its frame with its ``metadata``, its contract check's
    result, then its other checks' results."""
    yield dg.Output(frame, metadata=metadata or {})
    yield contract_result(table, frame)
    yield from others


FACTS_ARE_TRACEABLE = dg.AssetCheckSpec(
    "facts_are_traceable", asset="facts", blocking=True,
    description="Every fact's quote contains its figure text, and its source exists.")


def facts_are_traceable(facts: pl.DataFrame, sources: pl.DataFrame) -> dg.AssetCheckResult:
    untraceable = facts.filter(
        ~pl.col("quote").str.contains(pl.col("figure_text"), literal=True)
        | ~pl.col("source_id").is_in(sources.get_column("source_id").implode())
        | (pl.col("char_start") < pl.col("quote_start"))
    )
    return dg.AssetCheckResult(
        check_name=FACTS_ARE_TRACEABLE.name,
        passed=untraceable.height == 0,
        metadata={"untraceable": untraceable.height, "examples": dg.MetadataValue.md(str(untraceable.head(5).select("fact_id", "figure_text")))},
    )
