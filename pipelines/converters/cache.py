"""Conversions kept by the file's bytes and the converter's version.

A conversion depends on nothing else: the same bytes converted by the same converter give the
same text and tables. The key is ``sha256(bytes)``, the format and ``converter_version(format)``
(which changes when that format's converter code changes, and only then), so re-extracting a
document after a rule change, or reading its text again to check quotes, does not convert it
again; changing the PDF converter re-converts PDFs only.

Kept in memory for the process and, when a folder is given, as one JSON file per key (written
atomically; a cache file that cannot be read or written is ignored: the file is converted again).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipelines.converters import Cell, Converted, Table, convert_document, converter_version

__all__ = ["cached_conversion", "conversion_key", "from_json", "to_json"]

_MEMORY: dict[str, Converted] = {}
_MEMORY_LIMIT = 64


def conversion_key(document_format: str, raw_bytes: bytes) -> str:
    return f"{hashlib.sha256(raw_bytes).hexdigest()}-{document_format}-{converter_version(document_format)}"


def _cell(data) -> Cell | None:
    return Cell(*data) if data is not None else None


def from_json(data: dict) -> Converted:
    tables = tuple(
        Table(
            header_rows=tuple(tuple(_cell(c) for c in row) for row in t["header_rows"]),
            rows=tuple(tuple(_cell(c) for c in row) for row in t["rows"]),
            caption=_cell(t["caption"]), notes=tuple(_cell(c) for c in t["notes"]),
            n_row_headers=t["n_row_headers"], page=t["page"],
        )
        for t in data["tables"]
    )
    starts = data["page_starts"]
    return Converted(data["text"], tables, tuple(starts) if starts is not None else None)


def to_json(converted: Converted) -> str:
    def cell(c: Cell | None):
        return None if c is None else [c.text, c.start, c.end]

    tables = [
        {"header_rows": [[cell(c) for c in row] for row in t.header_rows], "rows": [[cell(c) for c in row] for row in t.rows],
         "caption": cell(t.caption), "notes": [cell(c) for c in t.notes], "n_row_headers": t.n_row_headers, "page": t.page}
        for t in converted.tables
    ]
    return json.dumps({"text": converted.text, "tables": tables, "page_starts": converted.page_starts}, ensure_ascii=False)


def cached_conversion(document_format: str, raw_bytes: bytes, path: str, folder: Path | None = None) -> Converted:
    """``convert_document``, unless these bytes were converted by this converter version before."""
    key = conversion_key(document_format, raw_bytes)
    if key in _MEMORY:
        return _MEMORY[key]
    stored = folder / f"{key}.json" if folder is not None else None
    converted = None
    if stored is not None:
        try:
            converted = from_json(json.loads(stored.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            converted = None
    if converted is None:
        converted = convert_document(document_format, raw_bytes, path)  # ConversionError propagates
        if stored is not None:
            from pipelines.storage import StorageError, write_atomically

            try:
                folder.mkdir(parents=True, exist_ok=True)
                write_atomically(stored, lambda tmp: tmp.write_text(to_json(converted), encoding="utf-8"))
            except (OSError, StorageError):
                pass  # a cache only: the next run converts again
    if len(_MEMORY) >= _MEMORY_LIMIT:
        _MEMORY.pop(next(iter(_MEMORY)))
    _MEMORY[key] = converted
    return converted
