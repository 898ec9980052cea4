"""Extraction of registered documents: the bridge between the registry and the extractor."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pipelines.document_store import DocumentRecord, document_fingerprint, file_sha256
from pipelines.extraction.document import SCHEMA, extract_document
from pipelines.registry import Document, RegistryEntry, read_document


def empty_figures() -> pl.DataFrame:
    return pl.DataFrame(schema={"source_id": pl.String, **SCHEMA})


def extract_registered_document(raw_dir: Path, entry: RegistryEntry) -> tuple[DocumentRecord, pl.DataFrame]:
    """Read one registered document and extract its figures; an unreadable one gets a rejected record."""
    document = read_document(raw_dir, entry)
    fingerprint = document_fingerprint(entry, file_sha256(raw_dir / entry.file))
    if not isinstance(document, Document):
        record = DocumentRecord(entry.source_id, fingerprint, None, None, "rejected", document.reason, document.detail)
        return record, empty_figures()
    figures = extract_document(document.text, entry.language, entry.published.year).select(
        pl.lit(entry.source_id).alias("source_id"), pl.all()
    )
    record = DocumentRecord(entry.source_id, fingerprint, document.sha256, len(document.text), "extracted",
                            n_figures=figures.height)
    return record, figures
