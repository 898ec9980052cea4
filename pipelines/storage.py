"""Where the pipeline reads its inputs, keeps its per-document work and writes its outputs.

All three are configurable so that the same code runs on a laptop, in CI or on a cluster (where
they may be mounted object storage): EAC_RAW_DIR, EAC_WORK_DIR and EAC_WAREHOUSE_DIR.
"""

from __future__ import annotations

import errno
import os
import uuid
from collections.abc import Callable
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The Dagster instance settings (telemetry off, one run at a time), linked into $DAGSTER_HOME.
INSTANCE_CONFIG = PROJECT_ROOT / "dagster.yaml"


def raw_dir() -> Path:
    return Path(os.environ.get("EAC_RAW_DIR", PROJECT_ROOT / "raw")).resolve()


def warehouse_dir() -> Path:
    return Path(os.environ.get("EAC_WAREHOUSE_DIR", PROJECT_ROOT / "warehouse")).resolve()


def work_dir() -> Path:
    """Per-document extraction results kept between runs (not published)."""
    return Path(os.environ.get("EAC_WORK_DIR", PROJECT_ROOT / ".dagster" / "work")).resolve()


class StorageError(OSError):
    """A write into one of the three folders failed; the message is the one-line cause."""


_CAUSES = (
    (errno.ENOSPC, ("no space left on device", "os error 28"), "no space left on the device: free some space and run again"),
    (errno.EDQUOT, ("disk quota exceeded", "os error 122"), "the disk quota is exhausted: free some space and run again"),
    (errno.EROFS, ("read-only file system", "os error 30"), "the file system is read-only"),
    (errno.EACCES, ("permission denied", "os error 13"), "permission denied: the folder is not writable by this user"),
    (errno.EPERM, ("operation not permitted", "os error 1)"), "operation not permitted: the folder is not writable by this user"),
    (errno.EFBIG, ("file too large", "os error 27"), "file too large for this file system or process limit"),
)


def write_failure_cause(exc: BaseException) -> str | None:
    """The plain cause of a failed write (disk full, read-only, no permission), from an OSError's
    errno or, for libraries that wrap it in their own error (Polars, PyArrow, DuckDB), from its
    message; None when it is not one of these."""
    seen: set[int] = set()
    error: BaseException | None = exc
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        number = getattr(error, "errno", None)
        text = str(error).lower()
        for code, words, cause in _CAUSES:
            if number == code or any(w in text for w in words):
                return cause
        error = error.__cause__ or error.__context__
    return None


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """``write(tmp)`` to a temporary name beside ``path``, then rename it over ``path``.

    A failed write leaves nothing behind (no partial or 0-byte file under either name; ``path``
    keeps its previous content) and raises ``StorageError`` naming the folder and the cause.
    """
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        cause = write_failure_cause(exc)
        if cause is None:
            raise
        raise StorageError(f"cannot write {path.name} in {path.parent}: {cause}") from exc
