"""Asset metadata shown in the Dagster UI: row count, a Markdown preview (HTML escaped), and the contract's
column schema."""

import dagster as dg
import polars as pl

from pipelines.codebook import type_name
from pipelines.contract import TABLES, Table


def markdown_cell(text: str) -> str:
    """A value shown in a Markdown table cell as text: quotes are the sources' own characters and
    may hold markup (``<script>``, ``onerror=``), so HTML is escaped, never rendered."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("|", "\\|").replace("\n", " ")


def table_metadata(frame: pl.DataFrame, preview_rows: int = 10) -> dict:
    preview = frame.head(preview_rows).with_columns(
        pl.col(c).cast(pl.String).str.slice(0, 60) for c, t in frame.schema.items() if not isinstance(t, pl.List)
    )
    rows = [" | ".join("" if v is None else markdown_cell(str(v)) for v in r) for r in preview.iter_rows()]
    table = "\n".join([" | ".join(frame.columns), " | ".join("---" for _ in frame.columns), *rows])
    return {"dagster/row_count": frame.height, "preview": dg.MetadataValue.md(table)}


def column_schema(table: Table) -> dg.TableSchema:
    """The contract's columns as a Dagster table schema: type, description with unit and allowed
    values, and constraints (nullable, unique, the other checks as Frictionless would say them)."""
    def other(column) -> list[str]:
        return [f"{key}: {value}" for key, value in column.constraints().items() if key not in ("required", "unique", "enum")]

    return dg.TableSchema(columns=[
        dg.TableColumn(c.name, type_name(c.dtype), description=c.summary,
                       constraints=dg.TableColumnConstraints(nullable=c.nullable, unique=c.unique, other=other(c)))
        for c in table.columns
    ])


def with_contract_metadata(spec: dg.AssetSpec) -> dg.AssetSpec:
    """A published table's asset, with its column schema (and the contract's description when it has none)."""
    table = TABLES.get(spec.key.path[-1])
    if table is None:
        return spec
    spec = spec.merge_attributes(metadata={"dagster/column_schema": column_schema(table), "contract/primary_key": ", ".join(table.primary_key)})
    if not spec.description:
        spec = spec.replace_attributes(description=f"Published table `{table.name}`: {table.description}")
    return spec
