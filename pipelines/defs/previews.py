"""Asset metadata shown in the Dagster UI: row count and a Markdown preview."""

import dagster as dg
import polars as pl


def table_metadata(frame: pl.DataFrame, preview_rows: int = 10) -> dict:
    preview = frame.head(preview_rows).with_columns(
        pl.col(c).cast(pl.String).str.slice(0, 60) for c, t in frame.schema.items() if not isinstance(t, pl.List)
    )
    rows = [" | ".join("" if v is None else str(v).replace("|", "\\|").replace("\n", " ") for v in r) for r in preview.iter_rows()]
    table = "\n".join([" | ".join(frame.columns), " | ".join("---" for _ in frame.columns), *rows])
    return {"dagster/row_count": frame.height, "preview": dg.MetadataValue.md(table)}
