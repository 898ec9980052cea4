"""What per-document extraction says of one document: its fingerprint, checksum, status and findings.

Written with the document's figures in the document store (``pipelines.document_store``). Part
of per-document extraction (``pipelines.fingerprint``): changing it re-extracts every document.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentRecord:
    source_id: str
    fingerprint: str
    sha256: str | None
    n_chars: int | None
    status: str  # "extracted" or "rejected"
    reason: str | None = None
    detail: str | None = None
    n_figures: int = 0
    entities: tuple[str, ...] = ()  # ids of the gazetteer entities the text names
    # Organisation-like names the gazetteer lacks: (name, count, example), for the audit list.
    unknown_names: tuple[tuple[str, int, str], ...] = ()
    # The file's size and modification time (ns) when it was read: a later refresh that finds
    # both unchanged reuses `sha256` instead of reading the file again (pipelines.refresh_plan).
    size: int | None = None
    mtime_ns: int | None = None
