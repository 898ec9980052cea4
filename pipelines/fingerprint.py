"""What a document's stored extraction depends on, as hashes: a changed hash means a stale result.

A document's *fingerprint* hashes everything its per-document extraction reads: the file's bytes,
the registry fields the extractor reads (file, format, language, publication year, title and
description), the gazetteer (entities are matched per document), the converter of its format,
and the *extractor version*.

The extractor version hashes exactly the code per-document extraction runs: the modules of the
``pipelines`` package that ``PER_DOCUMENT_ENTRY`` imports, directly or through other modules
(found by reading their ``import`` statements, so a module joins or leaves the fingerprint when an
import is added or removed), and the data files under ``pipelines/extraction/`` that rules read.
Table builders (``entities_table``, ``source_tables``, ``topic_tables``, ``claims``, ``facts``...)
are not imported by per-document extraction: changing one rebuilds the tables
(``pipeline_version``) and re-extracts no document. Each format's converter module is versioned
on its own (``converters.converter_version``), so changing one re-extracts that format only.
"""

from __future__ import annotations

import ast
import hashlib
import os
import stat
import time
from functools import cache
from pathlib import Path

from pipelines.registry import MAX_DOCUMENT_BYTES, RegistryEntry, read_regular_file

PACKAGE = Path(__file__).resolve().parent
# The module whose functions extract one registered document (reading, converting, extracting,
# matching entities, and the record that describes the result).
PER_DOCUMENT_ENTRY = "pipelines.extraction.corpus"
# Folders whose every non-Python file is reference data read by per-document rules.
PER_DOCUMENT_DATA = ("extraction",)


def _module_file(package_root: Path, module: str) -> Path | None:
    parts = module.split(".")
    if parts[0] != "pipelines":
        return None
    base = package_root.joinpath(*parts[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


def _statements(tree: ast.AST):
    """Every statement of ``tree``, nested ones included (an import is a statement: the
    expressions, most of a module's nodes, need not be visited; ``ast.walk`` visited them all and
    was most of a no-op refresh's time)."""
    pending = [tree]
    while pending:
        node = pending.pop()
        yield node
        for field in _BODIES:
            pending.extend(getattr(node, field, ()))


def _imported_modules(path: Path, module: str) -> set[str]:
    """Every ``pipelines`` module named by an import anywhere in ``path`` (lazy imports included)."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in _statements(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            # `from pipelines.x import y`: y may be a submodule or a name of x; both are tried.
            names = [origin, *(f"{origin}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            parts = name.split(".")
            found.update(".".join(parts[:i]) for i in range(1, len(parts) + 1) if parts[0] == "pipelines")
    return found


def per_document_files(package_root: Path = PACKAGE) -> list[Path]:
    """The files the extractor version hashes, sorted: the modules per-document extraction imports
    (from ``PER_DOCUMENT_ENTRY``, transitively) and the data files of ``PER_DOCUMENT_DATA``."""
    return code_files([PER_DOCUMENT_ENTRY], package_root)


def code_files(entries: list[str], package_root: Path = PACKAGE) -> list[Path]:
    """The modules ``entries`` import (themselves included, transitively, within the package) and
    the data files of ``PER_DOCUMENT_DATA`` (the rules' resources), sorted."""
    seen: dict[str, Path] = {}
    pending = list(entries)
    while pending:
        module = pending.pop()
        if module in seen:
            continue
        path = _module_file(package_root, module)
        if path is None:
            continue  # a name imported from a module, not a module
        seen[module] = path
        pending.extend(_imported_modules(path, module) - seen.keys())
    data = [p for folder in PER_DOCUMENT_DATA for p in (package_root / folder).rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    return sorted(set(seen.values()) | set(data))


def files_hash(paths: list[Path], package_root: Path = PACKAGE) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(package_root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def extractor_version() -> str:
    """Hash of the per-document code and rule data: changing it re-extracts every document."""
    return files_hash(per_document_files())


@cache
def pipeline_version() -> str:
    """Hash of all the pipeline's code: any change rebuilds the tables (without re-extracting)."""
    return files_hash([p for p in PACKAGE.glob("**/*.py")])


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


# A file modified this recently may be modified again within the same tick of the file system's
# clock, keeping its size and time: its state is not trusted (as git does with "racy" files).
SETTLED_NS = 2_000_000_000


def settled_file_state(path: Path) -> tuple[int | None, int | None]:
    """(size, modification time in ns) of a regular file, taken before it is read, for a later
    refresh to skip reading it again when both are unchanged (``refresh_plan``); (None, None)
    when it is not a regular file or was modified less than ``SETTLED_NS`` ago."""
    try:
        info = os.stat(path)
    except OSError:
        return None, None
    if not stat.S_ISREG(info.st_mode) or time.time_ns() - info.st_mtime_ns < SETTLED_NS:
        return None, None
    return info.st_size, info.st_mtime_ns
