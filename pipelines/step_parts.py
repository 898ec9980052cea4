"""Step outputs on disk, part by part: a dict output is stored one pickle per key, so that a step
that needs one part of it (the documents' `records` of `extracted_figures`) reads that part
only, not the frame of every figure beside it.

``pipelines.defs.resources.PartsIOManager`` calls these functions. A dict with string keys is
written as a small index at ``path`` naming a file per key in the folder ``<path>.parts``;
anything else is one file at ``path``. Reading an index with ``wanted`` keys returns a dict of
those keys only (a key not stored is an error, not an empty part); without ``wanted``, every key.

A Polars frame is stored as an Arrow IPC file compressed with zstd, anything else pickled as
Dagster's default I/O manager does. Pickling a frame serialises it in one thread: at 10,000
documents the steps' frames took about 8 s of a 29 s incremental refresh to write and read back;
IPC with zstd writes and reads them two to three times faster, in files a tenth of the size
(docs/benchmarks.md). A reader tells the two by the file's first bytes (Arrow's magic), so step
outputs written before read on.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from pipelines.storage import write_atomically

PROTOCOL = pickle.HIGHEST_PROTOCOL
_ARROW_MAGIC = b"ARROW1"  # an Arrow IPC file starts with it; a pickle never does (b"\x80")


@dataclass(frozen=True)
class PartsIndex:
    """What ``path`` holds for a dict output: its keys, in order, and the file of each."""

    files: dict[str, str]


def parts_folder(path: Path) -> Path:
    return path.with_name(f"{path.name}.parts")


def _suffix(value: Any) -> str:
    return "arrow" if isinstance(value, pl.DataFrame) else "pickle"


def _write(value: Any, path: Path) -> None:
    # Written beside, then renamed (storage.write_atomically): a reader never sees half a file.
    def write(tmp: Path) -> None:
        if isinstance(value, pl.DataFrame):
            value.write_ipc(tmp, compression="zstd")
        else:
            with tmp.open("wb") as file:
                pickle.dump(value, file, PROTOCOL)

    write_atomically(path, write)


def _read(path: Path) -> Any:
    with path.open("rb") as file:
        if file.read(len(_ARROW_MAGIC)) != _ARROW_MAGIC:
            file.seek(0)
            return pickle.load(file)
    return pl.read_ipc(path)


def write_output(value: Any, path: Path) -> None:
    """Store ``value`` at ``path`` (a dict with string keys: one file per key, see the module doc)."""
    if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
        folder = parts_folder(path)
        folder.mkdir(parents=True, exist_ok=True)
        files = {key: f"{index}.{_suffix(part)}" for index, (key, part) in enumerate(value.items())}
        for key, name in files.items():
            _write(value[key], folder / name)
        _write(PartsIndex(files), path)
        for stale in folder.iterdir():  # a part of an earlier write that this index does not name
            if stale.name not in files.values() and stale.suffix in (".arrow", ".pickle"):
                stale.unlink()
    else:
        _write(value, path)


def read_output(path: Path, wanted: list[str] | tuple[str, ...] | None = None) -> Any:
    """What ``write_output`` stored at ``path``; of a dict, only the ``wanted`` keys when given."""
    value = _read(path)
    if not isinstance(value, PartsIndex):
        if wanted is not None and isinstance(value, dict):
            return {key: value[key] for key in wanted}
        return value
    missing = [key for key in (wanted or ()) if key not in value.files]
    if missing:
        raise KeyError(f"{path.name} has no part {', '.join(missing)} (it has {', '.join(value.files)})")
    folder = parts_folder(path)
    parts = {}
    for key in (wanted if wanted is not None else value.files):
        parts[key] = _read(folder / value.files[key])
    return parts
