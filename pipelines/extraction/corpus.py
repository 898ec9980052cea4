"""Extraction over a set of documents: one frame with a `source_id` column."""

from __future__ import annotations

import polars as pl

from pipelines.extraction.document import extract_document


def extract_corpus(documents: pl.DataFrame) -> pl.DataFrame:
    """Figures of every document (columns: source_id, then extract_document's), in a stable order.

    `documents` has source_id, language, published (date) and text.
    """
    parts = [
        extract_document(row["text"], row["language"], row["published"].year).select(
            pl.lit(row["source_id"]).alias("source_id"), pl.all()
        )
        for row in documents.sort("source_id").iter_rows(named=True)
    ]
    if not parts:
        empty = extract_document("", "fr", 2000)
        return empty.select(pl.lit(None, dtype=pl.String).alias("source_id"), pl.all())
    return pl.concat(parts).sort("source_id", "char_start", "char_end", maintain_order=True)
