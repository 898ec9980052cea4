"""Per-document extraction results, kept between runs so a refresh re-extracts only what changed.

One folder per document under the store's root:

    <root>/<source_id>/record.json      what was extracted from what (fingerprint, checksum, status)
    <root>/<source_id>/figures.parquet  the figures extracted from it (empty when rejected)
    <root>/<source_id>/text.txt         for a converted format (md, csv...): the converted text,
                                        which char_start/char_end and quote_start/quote_end index

A document's *fingerprint* is a hash of everything its extraction depends on: the file's bytes,
the registry fields the extractor reads (file, format, language, publication year) and the extractor's
own code. A document whose fingerprint equals the stored one needs no new extraction. Writes
are atomic per file (temporary name, then os.replace) and the record is written last, so a
killed run leaves either the old result or the new one, never a record pointing at the wrong
figures.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import polars as pl

from pipelines.registry import MAX_DOCUMENT_BYTES, RegistryEntry, read_regular_file
from pipelines.storage import StorageError, write_atomically, write_failure_cause

PACKAGE = Path(__file__).resolve().parent
# The code a document's stored result depends on: the extractor, and what per-document
# extraction calls (reading the document, matching entities, the store itself).
PER_DOCUMENT_CODE = ("extraction/**/*.py", "registry.py", "entities.py", "document_store.py", "safe_yaml.py")


def source_hash(patterns: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in sorted({p for pattern in patterns for p in PACKAGE.glob(pattern)}):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def extractor_version() -> str:
    """Hash of the per-document code: any change to a rule re-extracts every document."""
    return source_hash(PER_DOCUMENT_CODE)


@cache
def pipeline_version() -> str:
    """Hash of all the pipeline's code: any change rebuilds the tables (without re-extracting)."""
    return source_hash(("**/*.py",))


def file_sha256(path: Path) -> str | None:
    """The file's SHA-256, read through the same guarded path as documents (regular files only,
    size checked first); for a file that is not read as a document (too large, not a regular
    file), a token of what ``stat`` says instead: it is rejected unread, and must not be read
    (nor opened: a FIFO would block) here either."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return f"unread:mode={stat.S_IFMT(info.st_mode)}:mtime={info.st_mtime_ns}"
    if info.st_size > MAX_DOCUMENT_BYTES:
        return f"unread:size={info.st_size}:mtime={info.st_mtime_ns}"
    data = read_regular_file(path, MAX_DOCUMENT_BYTES)
    return hashlib.sha256(data).hexdigest() if isinstance(data, bytes) else None


def document_fingerprint(entry: RegistryEntry, sha256: str | None, gazetteer_sha256: str | None) -> str:
    """Changes when the document, the registry fields the extractor reads, the gazetteer (entities
    are matched per document), the extractor's code or the document's converter change."""
    from pipelines.converters import CONVERTED_FORMATS, converter_version

    # A converted format's converter version: changing one converter re-extracts that format only.
    reader = converter_version(entry.format) if entry.format in CONVERTED_FORMATS else entry.format
    parts = [entry.file, reader, entry.language, str(entry.published.year), entry.title or "", entry.description or "",
             sha256 or "unreadable", gazetteer_sha256 or "no-gazetteer", extractor_version()]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


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


def records_frame(records: list[DocumentRecord]) -> pl.DataFrame:
    schema = {"source_id": pl.String, "fingerprint": pl.String, "sha256": pl.String, "n_chars": pl.Int64,
              "status": pl.String, "reason": pl.String, "detail": pl.String, "n_figures": pl.Int64}
    return pl.DataFrame([{k: getattr(r, k) for k in schema} for r in records], schema=schema)


def unknown_names_frame(records: list[DocumentRecord]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"name": n, "source_id": r.source_id, "count": c, "example": e} for r in records for n, c, e in r.unknown_names],
        schema={"name": pl.String, "source_id": pl.String, "count": pl.Int64, "example": pl.String},
    )


def mentions_frame(records: list[DocumentRecord]) -> pl.DataFrame:
    """One row per (source_id, entity_id) a document names."""
    return pl.DataFrame([{"source_id": r.source_id, "entity_id": e} for r in records for e in r.entities],
                        schema={"source_id": pl.String, "entity_id": pl.String})


@dataclass(frozen=True)
class StoredDocuments:
    """The stored results of many documents: their records, and all their figures in one frame."""

    records: list[DocumentRecord]
    figures: pl.DataFrame | None  # None when no document has been read


class DocumentStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def _folder(self, source_id: str) -> Path:
        folder = (self.root / source_id).resolve()
        if folder.parent != self.root.resolve():
            raise ValueError(f"invalid source id for the document store: {source_id!r}")
        return folder

    def write(self, record: DocumentRecord, figures: pl.DataFrame, converted_text: str | None = None) -> None:
        folder = self._folder(record.source_id)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create {folder}: {write_failure_cause(exc) or exc}") from exc
        write_atomically(folder / "figures.parquet", lambda tmp: figures.write_parquet(tmp, compression="zstd"))
        if converted_text is not None:
            write_atomically(folder / "text.txt", lambda tmp: tmp.write_bytes(converted_text.encode("utf-8")))
        else:
            (folder / "text.txt").unlink(missing_ok=True)
        text = json.dumps(asdict(record), sort_keys=True, ensure_ascii=False)
        write_atomically(folder / "record.json", lambda tmp: tmp.write_text(text, encoding="utf-8"))

    def record(self, source_id: str) -> DocumentRecord | None:
        path = self._folder(source_id) / "record.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return DocumentRecord(**(data | {"entities": tuple(data.get("entities", ())),
                                             "unknown_names": tuple(tuple(n) for n in data.get("unknown_names", ()))}))
        except (OSError, ValueError, TypeError):
            return None

    def converted_text(self, source_id: str) -> str | None:
        """The converted text a converted document's offsets index (None for a text file)."""
        try:
            return (self._folder(source_id) / "text.txt").read_bytes().decode("utf-8")
        except OSError:
            return None

    def figures(self, source_id: str) -> pl.DataFrame:
        return pl.read_parquet(self._folder(source_id) / "figures.parquet")

    def read_many(self, source_ids: list[str]) -> StoredDocuments:
        """Records and figures of the documents named (one Parquet scan for all the figures)."""
        records = []
        for source_id in source_ids:
            record = self.record(source_id)
            if record is None:
                raise FileNotFoundError(f"document {source_id!r} has no extraction in {self.root}: run a refresh to extract it")
            records.append(record)
        paths = [self._folder(s) / "figures.parquet" for s in source_ids]
        figures = pl.read_parquet(paths) if paths else None
        return StoredDocuments(records, figures)

    def source_ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and (p / "record.json").exists())

    def delete(self, source_id: str) -> None:
        shutil.rmtree(self._folder(source_id), ignore_errors=True)


@dataclass(frozen=True)
class RefreshPlan:
    """What a refresh has to do, document by document, in registry order."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]

    @property
    def to_extract(self) -> tuple[str, ...]:
        return self.added + self.changed

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def plan_refresh(current: dict[str, str], stored: dict[str, str]) -> RefreshPlan:
    """Compare the fingerprints of raw/ now (`current`, registry order) with the stored ones."""
    added = tuple(s for s in current if s not in stored)
    changed = tuple(s for s in current if s in stored and stored[s] != current[s])
    unchanged = tuple(s for s in current if s in stored and stored[s] == current[s])
    removed = tuple(sorted(s for s in stored if s not in current))
    return RefreshPlan(added, changed, removed, unchanged)
