"""Asset metadata shown in the Dagster UI: row count and a Markdown preview (HTML escaped)."""

import dagster as dg
import polars as pl


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
