"""The registry as frames, the published `sources` table, and document texts for table builders.

Apart from ``pipelines.registry`` (reading the registry and documents, which per-document
extraction runs): changing a table builder here rebuilds the tables and re-extracts no document
(``pipelines.fingerprint``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from pipelines.contract import SOURCES
from pipelines.registry import Document, RegistryEntry, read_document


_REGISTRY_SCHEMA = {
    "source_id": pl.String, "file": pl.String, "title": pl.String, "author": pl.String, "publisher": pl.String,
    "published": pl.Date, "published_precision": pl.String, "language": pl.String, "format": pl.String, "url": pl.String,
    "license": pl.String, "description": pl.String, "notes": pl.String, "line": pl.Int64,
}


def registry_frame(entries: list[RegistryEntry]) -> pl.DataFrame:
    """The registry as a frame, in registry order."""
    return pl.DataFrame([{k: getattr(e, k) for k in _REGISTRY_SCHEMA} for e in entries], schema=_REGISTRY_SCHEMA)


def entries_from_frame(frame: pl.DataFrame) -> list[RegistryEntry]:
    return [RegistryEntry(**row) for row in frame.iter_rows(named=True)]


def sources_frame(registry: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """The `sources` table: registry metadata plus checksum and length of every readable document.

    `documents` has source_id, status, sha256 and n_chars (one row per document read or rejected).
    """
    readable = documents.filter(pl.col("status") == "extracted").select("source_id", "sha256", "n_chars")
    return SOURCES.conform(registry.join(readable, on="source_id", how="inner"))


def document_texts(raw_dir: Path, registry: pl.DataFrame, source_ids: list[str] | None = None) -> dict[str, str]:
    """The text of each readable registered document (all, or those named)."""
    return dict(iter_document_texts(raw_dir, registry, source_ids))


def iter_document_texts(raw_dir: Path, registry: pl.DataFrame, source_ids: list[str] | None = None) -> Iterator[tuple[str, str]]:
    """(source_id, text) of each readable registered document (all, or those named), in registry
    order, read as they are asked for: a caller that keeps none holds one text at a time."""
    wanted = None if source_ids is None else set(source_ids)
    for entry in entries_from_frame(registry):
        if wanted is not None and entry.source_id not in wanted:
            continue
        document = read_document(raw_dir, entry)
        if isinstance(document, Document):
            yield entry.source_id, document.text
