"""Step outputs on disk, part by part: a dict output is stored one pickle per key, so that a step
that needs one part of it (the documents' `records` of `extracted_figures`) reads that part
only, not the frame of every figure beside it.

Pickled as Dagster's default I/O manager does (``pipelines.defs.resources.PartsIOManager`` calls
these functions). A dict with string keys is written as a small index at ``path`` naming a file
per key in the folder ``<path>.parts``; anything else is one pickle at ``path``. Reading an
index with ``wanted`` keys returns a dict of those keys only (a key not stored is an error, not
an empty part); without ``wanted``, every key.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROTOCOL = pickle.HIGHEST_PROTOCOL


@dataclass(frozen=True)
class PartsIndex:
    """What ``path`` holds for a dict output: its keys, in order, and the file of each."""

    files: dict[str, str]


def parts_folder(path: Path) -> Path:
    return path.with_name(f"{path.name}.parts")


def _write(value: Any, path: Path) -> None:
    # Written beside, then renamed: a reader never sees half a file.
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as file:
        pickle.dump(value, file, PROTOCOL)
    os.replace(tmp, path)


def write_output(value: Any, path: Path) -> None:
    """Store ``value`` at ``path`` (a dict with string keys: one file per key, see the module doc)."""
    if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
        folder = parts_folder(path)
        folder.mkdir(parents=True, exist_ok=True)
        files = {key: f"{index}.pickle" for index, key in enumerate(value)}
        for key, name in files.items():
            _write(value[key], folder / name)
        _write(PartsIndex(files), path)
    else:
        _write(value, path)


def read_output(path: Path, wanted: list[str] | tuple[str, ...] | None = None) -> Any:
    """What ``write_output`` stored at ``path``; of a dict, only the ``wanted`` keys when given."""
    with path.open("rb") as file:
        value = pickle.load(file)
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
        with (folder / value.files[key]).open("rb") as file:
            parts[key] = pickle.load(file)
    return parts
