"""The validated registry, kept between processes: a refresh with nothing to do reads it back.

Parsing and validating `raw/sources.yaml` takes seconds at 10,000 entries (the YAML parser
builds a node per scalar); reading the file and hashing it, milliseconds. So the entries of the
last registry validated are kept in one JSON file, under a key that hashes the registry's bytes
and everything else its validation reads (the code of ``registry`` and ``safe_yaml``, the
supported languages, PyYAML's version). The same key means the same entries; only what depends
on the file system as well as on the text, that each file stays under raw/ once its links are
resolved, is checked again on every read. Any other registry, or a cache that cannot be read,
is parsed and validated in full, and a malformed registry raises the same ``RegistryError``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from functools import cache
from pathlib import Path

import yaml

from pipelines import registry as registry_module
from pipelines import safe_yaml
from pipelines.registry import REGISTRY_FILE, SUPPORTED_LANGUAGES, RegistryEntry, load_registry
from pipelines.storage import StorageError, write_atomically

CACHE_FILE = "registry.json"
_FIELDS = tuple(f.name for f in dataclasses.fields(RegistryEntry))


@cache
def validation_version() -> str:
    """Changes when what validates a registry's text changes."""
    digest = hashlib.sha256()
    for module in (registry_module.__file__, safe_yaml.__file__, __file__):
        digest.update(Path(module).read_bytes())
    digest.update("\x1f".join((*SUPPORTED_LANGUAGES, yaml.__version__, ",".join(_FIELDS))).encode())
    return digest.hexdigest()


def _registry_key(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None  # load_registry says why
    return hashlib.sha256(validation_version().encode() + b"\x00" + data).hexdigest()


def cached_registry(raw_dir: Path, cache_dir: Path) -> list[RegistryEntry]:
    """``load_registry(raw_dir)``, read from ``cache_dir`` when it validated the same registry."""
    path = raw_dir / REGISTRY_FILE
    key = _registry_key(path)
    entries = _read(cache_dir / CACHE_FILE, key) if key is not None else None
    if entries is not None and all_inside_raw(entries, raw_dir):
        return entries
    entries = load_registry(raw_dir)  # the full validation, and its error (a link leaving raw/ included)
    # Kept only when the file did not change while it was parsed: the entries are those of `key`.
    if key is not None and _registry_key(path) == key:
        try:
            _write(cache_dir / CACHE_FILE, key, entries)
        except (OSError, StorageError):
            pass  # a cache that cannot be written costs the next refresh a parse, nothing else
    return entries


class InsideRaw:
    """Whether a registered path, links resolved, stays under raw/: what ``load_registry`` checks
    with ``Path.resolve`` per file, here with each folder resolved once for all the files it holds
    (a registry of thousands of files in one folder costs one ``lstat`` per file, not one per
    component of its path)."""

    def __init__(self, raw_dir: Path):
        self.raw_dir = str(raw_dir)
        self.root = os.path.realpath(raw_dir)
        self._under_root = self.root if self.root.endswith("/") else self.root + "/"
        self._folders: dict[str, str] = {}

    def __call__(self, relative: str) -> bool:
        """``relative``: a registry entry's file (``Path.as_posix`` of the path written)."""
        if os.path.isabs(relative):
            return False
        folder, name = os.path.split(relative)
        path = os.path.join(self.raw_dir, relative)
        if name in ("", ".", "..") or os.path.islink(path):
            resolved = os.path.realpath(path)  # the name itself moves the path
        else:
            parent = self._folders.get(folder)
            if parent is None:
                parent = self._folders[folder] = os.path.realpath(os.path.join(self.raw_dir, folder))
            resolved = os.path.join(parent, name)
        return resolved == self.root or resolved.startswith(self._under_root)


def all_inside_raw(entries: list[RegistryEntry], raw_dir: Path) -> bool:
    """Whether every entry's file, links resolved, is still under raw/ (a link may have changed
    since the entries were validated)."""
    inside_raw = InsideRaw(raw_dir)
    return all(inside_raw(entry.file) for entry in entries)


def _read(path: Path, key: str) -> list[RegistryEntry] | None:
    try:
        kept = json.loads(path.read_bytes())
        if kept.get("key") != key or kept.get("fields") != list(_FIELDS):
            return None
        entries = []
        for row in kept["entries"]:
            entry = dict(zip(_FIELDS, row, strict=True))
            entry["published"] = dt.date.fromisoformat(entry["published"])
            entries.append(RegistryEntry(**entry))
        return entries
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _write(path: Path, key: str, entries: list[RegistryEntry]) -> None:
    rows = [[e.published.isoformat() if f == "published" else getattr(e, f) for f in _FIELDS] for e in entries]
    text = json.dumps({"key": key, "fields": list(_FIELDS), "entries": rows}, ensure_ascii=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
