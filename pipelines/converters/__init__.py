"""Converters: a document's bytes, in its registered format, to the text the extractor reads and its tables.

One plain module per format (``md``, ``csv``...), each with ``convert(raw_bytes, path) -> Converted``
and a ``VERSION`` string; nothing here knows of Dagster. ``convert_document(format, raw_bytes, path)``
picks the module.

The converted text is *the* text of the document for the rest of the pipeline: every span
(``Cell.start``/``Cell.end``, and later ``char_start``/``char_end`` of a fact) indexes it, so it is
kept with the document's results and anyone holding the file can convert it again and check a
quote. A converter that can keep the file's own characters does (Markdown: the text is the file
as is); one that cannot (CSV: the rows rendered as a pipe table) builds the text and the spans
together, so they agree by construction.

A file the converter cannot read raises ``ConversionError(reason, detail)``: ``reason`` is a
machine-readable name for `rejections` (``format_mismatch``, ``malformed_csv``...), ``detail``
names the file and the problem. Nothing else is raised for bad content.
"""

from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass, field
import functools
from pathlib import Path

__all__ = ["Cell", "ConversionError", "Converted", "Table", "convert_document", "converter_version", "split_header_rows"]

#: Formats with a converter module of the same name.
CONVERTED_FORMATS = ("md", "csv", "html", "pdf", "xlsx")


@dataclass(frozen=True, slots=True)
class Cell:
    """A piece of the converted text: ``text == converted_text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the document, every piece of it a span of the converted text.

    ``header_rows`` are the column headers, top level first (a multi-level header has several);
    a header cell left empty under a merged heading is filled by the converter with the cell to
    its left (``spans_left``), so each column has its full heading. ``rows`` are the body rows;
    their first ``n_row_headers`` cells are row headers. ``caption`` is the line naming the
    table ("Tableau 3 : ..."), ``notes`` the other lines around it (a unit line, a source
    line); ``page`` the page number for paged formats.
    """

    header_rows: tuple[tuple[Cell | None, ...], ...]
    rows: tuple[tuple[Cell | None, ...], ...]
    caption: Cell | None = None
    notes: tuple[Cell, ...] = ()
    n_row_headers: int = 1
    page: int | None = None


@dataclass(frozen=True)
class Converted:
    text: str
    tables: tuple[Table, ...] = ()
    # For paged formats: the offset in ``text`` where each page starts (page n at index n - 1).
    page_starts: tuple[int, ...] | None = field(default=None)


class ConversionError(ValueError):
    """The file cannot be read as its format; ``reason`` names the problem for `rejections`."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def _module(document_format: str):
    if document_format not in CONVERTED_FORMATS:
        raise ValueError(f"no converter for format {document_format!r} (converted formats: {', '.join(CONVERTED_FORMATS)})")
    return importlib.import_module(f"pipelines.converters.{document_format}")


def convert_document(document_format: str, raw_bytes: bytes, path: str) -> Converted:
    """The converted text and tables of a file of ``document_format`` (``path`` names it in errors)."""
    return _module(document_format).convert(raw_bytes, path)


@functools.cache
def converter_version(document_format: str) -> str:
    """The version of one format's converter: its ``VERSION`` and a hash of its code (its module and
    this one), so that changing one converter makes stale the conversions of that format only."""
    module = _module(document_format)
    digest = hashlib.sha256()
    for source in (Path(__file__), Path(module.__file__)):
        digest.update(source.read_bytes())
    return f"{module.VERSION}-{digest.hexdigest()[:12]}"


# The first bytes of the file formats a text format is most often confused with.
_MAGIC = ((b"%PDF-", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (XLSX, DOCX...)"), (b"\x89PNG", "a PNG image"),
          (b"\xff\xd8\xff", "a JPEG image"))


def decode_utf8(raw_bytes: bytes, path: str, what: str) -> str:
    """The bytes as UTF-8 text, else a ``format_mismatch`` naming what they are or where they stop being text."""
    for magic, kind in _MAGIC:
        if raw_bytes.startswith(magic):
            raise ConversionError("format_mismatch", f"{path}: declared {what} but is {kind}")
    nul = raw_bytes.find(b"\x00")
    if nul >= 0:
        raise ConversionError("format_mismatch", f"{path}: declared {what} but has binary content (NUL byte at offset {nul})")
    try:
        return raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConversionError("format_mismatch", f"{path}: declared {what} but is not UTF-8 text (byte {exc.start})") from None


def split_header_rows(
    rows: list[tuple[Cell | None, ...]], n_header_rows: int
) -> tuple[tuple[tuple[Cell | None, ...], ...], tuple[tuple[Cell | None, ...], ...]]:
    """(header rows, body rows) of a table whose first ``n_header_rows`` rows are headers.

    A multi-level header shows as more rows under the declared header whose row-header cell
    (the first) is empty: a body row always names what it is about, a header row for the
    columns does not. Those rows join the header, and every header row but the lowest has its
    merged headings spread right (``spans_left``).
    """
    header, body = list(rows[:n_header_rows]), list(rows[n_header_rows:])
    while len(body) > 1 and body[0] and body[0][0] is None and any(c is not None for c in body[0][1:]):
        header.append(body.pop(0))
    header = [spans_left(row, 1) for row in header[:-1]] + header[-1:]
    return tuple(header), tuple(body)


def spans_left(row: tuple[Cell | None, ...], first_column: int) -> tuple[Cell | None, ...]:
    """An upper header row with merged headings: an empty cell takes the heading to its left."""
    filled: list[Cell | None] = list(row[:first_column])
    last: Cell | None = None
    for cell in row[first_column:]:
        last = cell if cell is not None else last
        filled.append(last)
    return tuple(filled)
