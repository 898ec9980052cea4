"""The source registry, `raw/sources.yaml`: what documents exist and what they are.

A malformed registry is an error of the whole run (it names the file, the line, the entry and
the field): the refresh stops before anything is published. A document the registry lists but
that cannot be read (missing, not UTF-8, binary, empty, too large) is not an error of the run:
it becomes a row of `rejections` and the other documents are still published (see
`read_documents`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipelines.extraction.languages import languages as extraction_languages
from pipelines.safe_yaml import safe_load_with_nodes

REGISTRY_FILE = "sources.yaml"
REQUIRED_FIELDS = ("id", "file", "title", "author", "publisher", "published", "language", "url", "license")
NULLABLE_FIELDS = frozenset({"title", "author", "publisher", "url", "license"})
OPTIONAL_FIELDS = frozenset({"published_estimated", "description", "notes", "format"})
# The formats a document may have, and the one its file extension implies when the entry names none.
FORMATS = ("txt", "md", "html", "pdf", "csv", "xlsx")
FORMAT_OF_EXTENSION = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                       ".pdf": "pdf", ".csv": "csv", ".xlsx": "xlsx"}
# The languages the extractor reads: one rule resource each (pipelines/extraction/languages/<code>/).
SUPPORTED_LANGUAGES = extraction_languages()
# A registry entry's document above this size is rejected rather than read into memory.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class RegistryError(ValueError):
    """The registry cannot be used; the message names file, line, entry and field."""


@dataclass(frozen=True)
class RegistryEntry:
    source_id: str
    file: str
    title: str | None
    author: str | None
    publisher: str | None
    published: dt.date
    published_precision: str
    language: str
    format: str
    url: str | None
    license: str | None
    description: str | None
    notes: str | None
    line: int


def _fail(path: Path, line: int, entry: str, field: str | None, problem: str) -> RegistryError:
    where = f"{path}: line {line}: entry {entry}"
    if field:
        where += f", field '{field}'"
    return RegistryError(f"{where}: {problem}")


def _unconstructible_scalar(text: str) -> tuple[int, str]:
    """Line and text of the first scalar that safe_load cannot build (yaml.compose builds nothing)."""
    constructor = yaml.SafeLoader("")
    stack = [yaml.compose(text, Loader=yaml.SafeLoader)]
    while stack:
        node = stack.pop(0)
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node, deep=True)
            except ValueError:
                return node.start_mark.line + 1, node.value
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in node.value for v in pair)
    return 0, "?"


def _parse_published(raw: object) -> tuple[dt.date, str] | None:
    if isinstance(raw, dt.datetime):
        return None
    if isinstance(raw, dt.date):
        return raw, "day"
    match = _PUBLISHED.match(str(raw).strip()) if isinstance(raw, (str, int)) else None
    if not match:
        return None
    year, month, day = match.groups()
    try:
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return date, "day" if day else "month" if month else "year"


def load_registry(raw_dir: Path) -> list[RegistryEntry]:
    """Read and validate `raw/sources.yaml`; raise RegistryError naming the first problem."""
    path = raw_dir / REGISTRY_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegistryError(f"{path}: the source registry is missing") from None
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{path}: not valid UTF-8 at byte {exc.start}") from None
    try:
        data, root = safe_load_with_nodes(text)
        lines = [item.start_mark.line + 1 for item in root.value] if isinstance(root, yaml.SequenceNode) else []
    except ValueError as exc:  # a scalar YAML reads as a date but is not one, e.g. 2025-31-12
        line, value = _unconstructible_scalar(text)
        raise RegistryError(f"{path}: line {line}: {value!r} is not a valid date ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RegistryError(f"{path}: {where}YAML syntax error: {problem}") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise RegistryError(f"{path}: line 1: the registry must be a YAML list of entries, got {type(data).__name__}")

    raw_root = raw_dir.resolve()
    entries: list[RegistryEntry] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data):
        line = lines[index] if index < len(lines) else 0
        label = f"#{index + 1}"
        if not isinstance(item, dict):
            raise _fail(path, line, label, None, f"an entry must be a mapping, got {type(item).__name__}")
        if isinstance(item.get("id"), str):
            label = f"#{index + 1} ({item['id']})"
        for field in REQUIRED_FIELDS:
            if field not in item:
                raise _fail(path, line, label, field, "required field is missing")
            if item[field] is None and field not in NULLABLE_FIELDS:
                raise _fail(path, line, label, field, "must not be null")
        unknown = sorted(set(item) - set(REQUIRED_FIELDS) - OPTIONAL_FIELDS)
        if unknown:
            raise _fail(path, line, label, unknown[0], f"unknown field (allowed: {', '.join(REQUIRED_FIELDS + tuple(sorted(OPTIONAL_FIELDS)))})")
        for field in ("title", "author", "publisher", "url", "license", "description", "notes"):
            if item.get(field) is not None and not isinstance(item[field], str):
                raise _fail(path, line, label, field, f"must be text, got {type(item[field]).__name__}")

        source_id = item["id"]
        if not isinstance(source_id, str) or not _ID.match(source_id):
            raise _fail(path, line, label, "id", f"{source_id!r} is not a slug (lowercase letters, digits and '-')")
        if source_id in seen:
            raise _fail(path, line, label, "id", f"duplicate id {source_id!r} (first used by the entry at line {seen[source_id]})")
        seen[source_id] = line

        file = item["file"]
        if not isinstance(file, str) or not file.strip():
            raise _fail(path, line, label, "file", "must be a path relative to raw/")
        relative = Path(file)
        resolved = (raw_dir / relative).resolve()
        if relative.is_absolute() or not resolved.is_relative_to(raw_root):
            raise _fail(path, line, label, "file", f"{file!r} is outside raw/: only files under raw/ are read")

        published = _parse_published(item["published"])
        if published is None:
            raise _fail(path, line, label, "published", f"{item['published']!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        date, precision = published
        estimated = item.get("published_estimated", False)
        if not isinstance(estimated, bool):
            raise _fail(path, line, label, "published_estimated", "must be true or false")
        if estimated:
            precision = "estimated"

        language = item["language"]
        if language not in SUPPORTED_LANGUAGES:
            raise _fail(path, line, label, "language",
                        f"unknown or unsupported language code {language!r} (ISO 639-1 codes the extractor reads: {', '.join(SUPPORTED_LANGUAGES)})")

        document_format = item.get("format")
        if document_format is None:
            document_format = FORMAT_OF_EXTENSION.get(relative.suffix.lower())
            if document_format is None:
                raise _fail(path, line, label, "format",
                            f"cannot tell the format of {file!r} from its extension {relative.suffix or '(none)'!r}: "
                            f"name it (one of {', '.join(FORMATS)})")
        elif document_format not in FORMATS:
            raise _fail(path, line, label, "format", f"unknown format {document_format!r} (one of {', '.join(FORMATS)})")

        entries.append(RegistryEntry(
            source_id=source_id, file=relative.as_posix(), title=item["title"], author=item["author"],
            publisher=item["publisher"], published=date, published_precision=precision, language=language,
            format=document_format,
            url=item["url"], license=item["license"], description=item.get("description"),
            notes=item.get("notes"), line=line,
        ))
    return entries


@dataclass(frozen=True)
class Document:
    source_id: str
    text: str  # the file's text, or for a converted format the converted text (all offsets index it)
    sha256: str  # of the file's bytes
    tables: tuple = ()  # converters.Table, for converted formats
    page_starts: tuple[int, ...] | None = None  # for paged formats (PDF): where each page starts in `text`


@dataclass(frozen=True)
class UnreadableDocument:
    source_id: str
    file: str
    reason: str  # machine-readable
    detail: str  # names the file and the problem


def regular_file_size(path: Path) -> int | str:
    """The size of ``path`` if it is a regular file (links followed), else why it cannot be read.

    ``stat`` only: nothing is opened, so a FIFO, a device or a socket cannot block the caller.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return f"cannot be examined ({exc.strerror or exc})"
    if not stat.S_ISREG(info.st_mode):
        return f"is not a regular file ({_file_kind(info.st_mode)}); only regular files are read"
    return info.st_size


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "a special file"


def read_regular_file(path: Path, max_bytes: int) -> bytes | str:
    """The bytes of a regular file of at most ``max_bytes``, else why not (one guarded read path).

    The file is checked with ``stat`` before it is opened, opened non-blocking, and checked again
    on the open descriptor (a file swapped for a pipe in between is still refused); at most
    ``max_bytes + 1`` bytes are ever read.
    """
    size = regular_file_size(path)
    if isinstance(size, str):
        return size
    if size > max_bytes:
        return f"{size:,} bytes is over the limit of {max_bytes:,} bytes"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        return f"cannot be opened ({exc.strerror or exc})"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return f"is not a regular file ({_file_kind(info.st_mode)}); only regular files are read"
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    finally:
        os.close(fd)
    if total > max_bytes:  # it grew after stat
        return f"over the limit of {max_bytes:,} bytes"
    return b"".join(chunks)


def read_document(
    raw_dir: Path, entry: RegistryEntry, max_bytes: int = MAX_DOCUMENT_BYTES, conversions: Path | None = None,
) -> Document | UnreadableDocument:
    """Read one registered document: a text file as UTF-8, byte for byte (no newline translation);
    a file of a converted format (``converters.CONVERTED_FORMATS``) through its converter, the
    conversion kept in ``conversions`` (default: ``conversions/`` in the work folder).

    Through ``read_regular_file`` only: a registry entry naming a FIFO, a device, a socket or a
    directory is a rejection (``not_a_regular_file``), never a blocked read. A file its converter
    refuses is a rejection with the converter's reason (``format_mismatch``, ``malformed_csv``...);
    a format with no converter yet is ``unsupported_format``.
    """
    path = raw_dir / entry.file
    shown = f"raw/{entry.file}"

    def unreadable(reason: str, problem: str) -> UnreadableDocument:
        return UnreadableDocument(entry.source_id, entry.file, reason, f"{shown}: {problem}")

    if path.is_symlink() and not path.resolve().is_relative_to(raw_dir.resolve()):
        return unreadable("outside_raw", "is a link to a file outside raw/")
    data = read_regular_file(path, max_bytes)
    if isinstance(data, str):
        if data == "missing":
            return unreadable("missing_file", "file not found (registry line %d)" % entry.line)
        if data.startswith("is not a regular file"):
            return unreadable("not_a_regular_file", data)
        if "over the limit" in data:
            return unreadable("too_large", data)
        return unreadable("unreadable_file", data)
    if not data.strip():
        return unreadable("empty", "the file is empty")
    if entry.format != "txt":
        return _converted_document(entry, data, shown, conversions)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return unreadable("not_utf8", "UTF-16 text (byte-order mark); convert it to UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        return unreadable("binary", f"binary content (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return unreadable("not_utf8", f"not valid UTF-8 at byte {exc.start} (line {line}); convert it to UTF-8")
    return Document(entry.source_id, text, hashlib.sha256(data).hexdigest())


def _converted_document(entry: RegistryEntry, data: bytes, shown: str, conversions: Path | None) -> Document | UnreadableDocument:
    from pipelines.converters import CONVERTED_FORMATS, ConversionError
    from pipelines.converters.cache import cached_conversion
    from pipelines.storage import work_dir

    if entry.format not in CONVERTED_FORMATS:
        return UnreadableDocument(entry.source_id, entry.file, "unsupported_format",
                                  f"{shown}: {entry.format} documents are not read yet (read: txt, {', '.join(CONVERTED_FORMATS)})")
    try:
        converted = cached_conversion(entry.format, data, shown, conversions if conversions is not None else work_dir() / "conversions")
    except ConversionError as exc:
        return UnreadableDocument(entry.source_id, entry.file, exc.reason, exc.detail)
    return Document(entry.source_id, converted.text, hashlib.sha256(data).hexdigest(), converted.tables,
                    converted.page_starts)
