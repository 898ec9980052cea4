"""What a release records about its inputs: enough to say exactly what it was built from."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from importlib import metadata
from pathlib import Path

import polars as pl

from pipelines.publication import ReleaseInfo
from pipelines.registry import REGISTRY_FILE

REFERENCE_DIRS = ("reference", "curation")
_PACKAGES = ("european-ai-capacity", "dagster", "polars", "duckdb", "pandera", "pyarrow", "CurrencyConverter", "text2num")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _git_commit(root: Path) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def release_inputs(raw_dir: Path, sources: pl.DataFrame, fx_rates: pl.DataFrame, code_root: Path) -> dict:
    reference = {
        path.relative_to(raw_dir).as_posix(): _sha256(path)
        for folder in REFERENCE_DIRS
        for path in sorted((raw_dir / folder).rglob("*"))
        if path.is_file()
    }
    return {
        "registry": {REGISTRY_FILE: _sha256(raw_dir / REGISTRY_FILE)},
        "documents": dict(sources.select("source_id", "sha256").sort("source_id").iter_rows()),
        "reference": reference,
        "fx_rates_source": fx_rates.get_column("source")[0] if fx_rates.height else None,
        "code": {"git_commit": _git_commit(code_root),
                 "packages": {p: metadata.version(p) for p in _PACKAGES}},
    }


def make_release_info(inputs: dict, row_counts: dict[str, int], now: dt.datetime | None = None) -> ReleaseInfo:
    now = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    digest = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:10]
    return ReleaseInfo(
        release_id=f"{now:%Y%m%dT%H%M%SZ}-{digest}",
        created_at=now,
        inputs={**inputs, "inputs_digest": digest, "row_counts": row_counts},
    )
