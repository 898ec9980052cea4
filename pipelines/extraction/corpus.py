"""Extraction of registered documents: the bridge between the registry and the extractor."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl

from pipelines.entities import Gazetteer, assign_entities, entities_named, unknown_organisations
from pipelines.document_record import DocumentRecord
from pipelines.extraction.budget import BudgetExceeded, DocumentBudget
from pipelines.extraction.document import SCHEMA, extract_document
from pipelines.extraction.tables import table_facts
from pipelines.fingerprint import document_fingerprint, file_sha256, settled_file_state
from pipelines.registry import Document, RegistryEntry, read_document


def empty_figures() -> pl.DataFrame:
    return pl.DataFrame(schema={"source_id": pl.String, **SCHEMA, "page": pl.Int64, "entity_id": pl.String})


def with_pages(figures: pl.DataFrame, page_starts: tuple[int, ...] | None) -> pl.DataFrame:
    """Adds `page`: the 1-based page of a paged document (PDF) each figure starts on, read from
    where each page starts in the converted text; null for a document without pages."""
    if not page_starts:
        return figures.with_columns(pl.lit(None, dtype=pl.Int64).alias("page"))
    starts = pl.Series(page_starts, dtype=pl.Int64)
    pages = starts.search_sorted(figures.get_column("char_start"), side="right").cast(pl.Int64)
    return figures.with_columns(pages.alias("page"))


def set_aside_refused(figures: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(figures to publish, their refused rows as `rejections` at stage ``extract``).

    The extractor marks the figures it reads but refuses (``refused_because``, see
    ``extraction.document``); they leave here with the words and the quote, so that every figure
    extracted is a fact or a rejection.
    """
    refused = pl.col("refused_because").is_not_null()
    rejections = figures.filter(refused).select(
        "source_id",
        pl.lit("extract").alias("stage"),
        pl.col("refused_because").alias("reason"),
        pl.format(
            "{} ({}) at characters {}-{}: counts the parts of an argument, not things ({}): {}",
            "figure_text", pl.col("counted").fill_null(""), "char_start", "char_end", "refusal_cue", "quote",
        ).alias("detail"),
    )
    return figures.filter(~refused).drop("refused_because", "refusal_cue"), rejections


def document_subject(entry: RegistryEntry) -> str | None:
    """What the registry says the document is about (title and description), for the topic
    context of its figures (``extraction.topic_context``); None when it says nothing."""
    parts = [p for p in (entry.title, entry.description) if p]
    return "\n".join(parts) or None


def extract_registered_document(
    raw_dir: Path, entry: RegistryEntry, gazetteer: Gazetteer, gazetteer_sha256: str | None,
    budget: DocumentBudget | None = None,
) -> tuple[DocumentRecord, pl.DataFrame]:
    """``extract_converted_document`` without the converted text."""
    record, figures, _ = extract_converted_document(raw_dir, entry, gazetteer, gazetteer_sha256, budget)
    return record, figures


def _outside_tables(figures: pl.DataFrame, tables: tuple) -> pl.DataFrame:
    """Text figures outside the tables' spans: a table's cells are read as table facts, not as text."""
    spans = [(min(c.start for c in cells), max(c.end for c in cells))
             for t in tables if (cells := [c for row in (*t.header_rows, *t.rows) for c in row if c is not None])]
    inside = pl.lit(False)
    for start, end in spans:
        inside = inside | ((pl.col("char_start") < end) & (pl.col("char_end") > start))
    return figures.filter(~inside)


def extract_converted_document(
    raw_dir: Path, entry: RegistryEntry, gazetteer: Gazetteer, gazetteer_sha256: str | None,
    budget: DocumentBudget | None = None,
) -> tuple[DocumentRecord, pl.DataFrame, str | None]:
    """Read one registered document, extract its figures and the entity each is about, and list
    the entities its text names; an unreadable document gets a rejected record, and so does one
    that used more than its ``budget`` of time or memory (``too_slow``, ``too_large_in_memory``;
    by default the budget set in the environment, see ``extraction.budget``).

    A converted document (md, csv...) is read by the text rules outside its tables and by
    ``extraction.tables`` inside them; its converted text is returned for the document store
    (None for a text file, whose text is the file). Every figure has its `page` (``with_pages``):
    the PDF page it is on, null for formats without pages."""
    file_state = settled_file_state(raw_dir / entry.file)
    record, figures, text = _extract(raw_dir, entry, gazetteer, gazetteer_sha256, budget)
    return (replace(record, size=file_state[0], mtime_ns=file_state[1]) if record.sha256 is not None else record), figures, text


def _extract(
    raw_dir: Path, entry: RegistryEntry, gazetteer: Gazetteer, gazetteer_sha256: str | None,
    budget: DocumentBudget | None = None,
) -> tuple[DocumentRecord, pl.DataFrame, str | None]:
    document = read_document(raw_dir, entry)
    # The checksum of the bytes actually read, so the fingerprint always describes these figures.
    sha256 = document.sha256 if isinstance(document, Document) else file_sha256(raw_dir / entry.file)
    fingerprint = document_fingerprint(entry, sha256, gazetteer_sha256)
    if not isinstance(document, Document):
        record = DocumentRecord(entry.source_id, fingerprint, None, None, "rejected", document.reason, document.detail)
        return record, empty_figures(), None
    budget = budget if budget is not None else DocumentBudget.from_environment()
    try:
        figures = extract_document(document.text, entry.language, entry.published.year, budget=budget,
                                   subject=document_subject(entry), names=gazetteer.topic_names)
        if document.tables:
            figures = pl.concat([_outside_tables(figures, document.tables), table_facts(document.tables, entry.language, budget)])
            figures = figures.sort("char_start", "char_end", maintain_order=True)
        figures = with_pages(figures, document.page_starts)
        figures = figures.select(pl.lit(entry.source_id).alias("source_id"), pl.all())
        budget.check()
        figures = assign_entities(figures, gazetteer)
        budget.check()
        unknown = unknown_organisations(pl.DataFrame({"source_id": [entry.source_id], "text": [document.text]}), gazetteer)
        budget.check()
        named = tuple(entities_named(document.text, gazetteer))
        budget.check()
    except BudgetExceeded as exceeded:
        detail = f"raw/{entry.file}: {exceeded.detail}"
        return DocumentRecord(entry.source_id, fingerprint, None, None, "rejected", exceeded.reason, detail), empty_figures(), None
    record = DocumentRecord(entry.source_id, fingerprint, document.sha256, len(document.text), "extracted",
                            n_figures=figures.height, entities=named,
                            unknown_names=tuple(unknown.select("name", "count", "example").iter_rows()))
    return record, figures, document.text if entry.format != "txt" else None
