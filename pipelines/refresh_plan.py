"""What a refresh has to do: which documents to extract, which to forget, whether to rebuild the tables.

``plan_refresh`` is a pure function of fingerprints and signatures; the command line
(``pipelines.refresh``), the sensor (``pipelines.defs.automation``) and the extraction asset
itself (``pipelines.defs.extract``, at run time) all call it. ``look_at_raw`` gathers its inputs:
the registry, the fingerprint of every registered document, the store's fingerprints and the
published release's signature.

Cost: what ``look_at_raw`` reads grows with the documents that changed, not with the corpus.
A document whose file has the size and modification time recorded when it was last read keeps
its recorded SHA-256 without being read again (``current_fingerprints``); the store's records
come from one index file; the registry is parsed once per content of the file, its validated
entries kept in the store's folder (``registry_cache``), and read once per process and state of
the file.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from pipelines.document_store import DocumentStore
from pipelines.entities import GAZETTEER_FILE
from pipelines.fingerprint import document_fingerprint, file_sha256, settled_file_state
from pipelines.release_link import DATAPACKAGE_FILE, current_release_dir
from pipelines.registry import REGISTRY_FILE, RegistryEntry
from pipelines.registry_cache import cached_registry
from pipelines.release import inputs_signature


@dataclass(frozen=True)
class RefreshPlan:
    """What a refresh has to do, document by document, in registry order."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]
    to_extract: tuple[str, ...]  # added and changed, or with `full` every registered document
    full: bool = False
    rebuild_tables: bool = True  # the tables and the release must be rebuilt

    @property
    def is_empty(self) -> bool:
        """No document added, changed or removed (the tables may still need rebuilding)."""
        return not (self.added or self.changed or self.removed)

    @property
    def nothing_to_do(self) -> bool:
        return not (self.to_extract or self.removed or self.rebuild_tables)

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "changed": len(self.changed), "removed": len(self.removed),
                "unchanged": len(self.unchanged), "to_extract": len(self.to_extract)}


def plan_refresh(current: dict[str, str], stored: dict[str, str], signature: dict | None = None,
                 published: dict | None = None, full: bool = False) -> RefreshPlan:
    """Compare the fingerprints of raw/ now (``current``, registry order) with the stored ones.

    The tables are rebuilt when a document is extracted or removed, when ``full``, or when the
    inputs' ``signature`` (registry, reference data, code, packages: ``release.inputs_signature``)
    differs from the ``published`` release's; without signatures, whenever anything changed.
    """
    added = tuple(s for s in current if s not in stored)
    changed = tuple(s for s in current if s in stored and stored[s] != current[s])
    unchanged = tuple(s for s in current if s in stored and stored[s] == current[s])
    removed = tuple(sorted(s for s in stored if s not in current))
    to_extract = tuple(current) if full else tuple(s for s in current if stored.get(s) != current[s])
    documents_changed = bool(added or changed or removed)
    inputs_changed = signature is None or signature != published
    return RefreshPlan(added, changed, removed, unchanged, to_extract, full=full,
                       rebuild_tables=full or documents_changed or inputs_changed)


@dataclass(frozen=True)
class StoredFile:
    """What the store recorded of a document's file when it was last read."""

    fingerprint: str
    sha256: str | None
    size: int | None
    mtime_ns: int | None


def stored_files(store: DocumentStore, index: pl.DataFrame | None = None) -> dict[str, StoredFile]:
    index = store.index() if index is None else index
    return {sid: StoredFile(fp, sha, size, mtime) for sid, fp, sha, size, mtime
            in index.select("source_id", "fingerprint", "sha256", "size", "mtime_ns").iter_rows()}


def current_fingerprints(raw_dir: Path, entries: list[RegistryEntry], stored: dict[str, StoredFile] | None = None,
                         rehash: bool = False) -> dict[str, str]:
    """The fingerprint of every registered document now, in registry order.

    A file whose size and modification time (ns) equal those recorded when it was last read
    keeps its recorded SHA-256 unread. Safe enough: an edit that keeps the size and sets the
    modification time back to the nanosecond takes a deliberate `touch -d`; editors, copies,
    `git checkout` and rsync all leave a new time (as `make` and `git status` also assume).
    ``rehash`` (``--full``, the nightly refresh) reads every file.
    """
    stored = stored or {}
    gazetteer = file_sha256(raw_dir / GAZETTEER_FILE)
    fingerprints = {}
    for entry in entries:
        path = raw_dir / entry.file
        known = None if rehash else stored.get(entry.source_id)
        sha256 = None
        if known is not None and known.sha256 is not None and known.size is not None:
            try:
                info = os.stat(path)
            except OSError:
                info = None
            if (info is not None and stat.S_ISREG(info.st_mode) and info.st_size == known.size
                    and info.st_mtime_ns == known.mtime_ns):
                sha256 = known.sha256
        fingerprints[entry.source_id] = document_fingerprint(entry, sha256 or file_sha256(path), gazetteer)
    return fingerprints


def published_signature(warehouse: Path) -> dict | None:
    folder = current_release_dir(warehouse)
    if folder is None:
        return None
    try:
        return json.loads((folder / DATAPACKAGE_FILE).read_text(encoding="utf-8"))["release"]["inputs"].get("signature")
    except (OSError, ValueError, KeyError):
        return None


@lru_cache(maxsize=4)
def _registry(raw_dir: Path, size: int, mtime_ns: int, cache_dir: Path) -> tuple[RegistryEntry, ...]:
    return tuple(cached_registry(raw_dir, cache_dir))


def registry_entries(raw_dir: Path, cache_dir: Path) -> list[RegistryEntry]:
    """``load_registry``, read once per state of the file in this process (the command line
    plans with it, then the run's `source_registry` asset reads it again in the same process),
    and parsed once per content of the file (``registry_cache``, kept in ``cache_dir``)."""
    size, mtime_ns = settled_file_state(Path(raw_dir) / REGISTRY_FILE)
    if size is None:
        return cached_registry(Path(raw_dir), Path(cache_dir))  # missing, unreadable (its own error), or just written
    return list(_registry(Path(raw_dir), size, mtime_ns, Path(cache_dir)))


@dataclass(frozen=True)
class RawState:
    """raw/ now, against the store and the published release."""

    entries: list[RegistryEntry]
    current: dict[str, str]
    signature: dict
    plan: RefreshPlan


def look_at_raw(raw_dir: Path, store: DocumentStore, warehouse: Path, full: bool = False) -> RawState:
    """Read raw/ and the store, and plan the refresh (``RegistryError`` for a malformed registry)."""
    entries = registry_entries(raw_dir, store.root)
    stored = stored_files(store)
    current = current_fingerprints(raw_dir, entries, stored, rehash=full)
    signature = inputs_signature(raw_dir, current)
    plan = plan_refresh(current, {s: f.fingerprint for s, f in stored.items()}, signature,
                        published_signature(warehouse), full=full)
    return RawState(entries, current, signature, plan)
