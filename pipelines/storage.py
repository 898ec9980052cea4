"""Where the pipeline reads its inputs, keeps its per-document work and writes its outputs.

All three are configurable so that the same code runs on a laptop, in CI or on a cluster (where
they may be mounted object storage): EAC_RAW_DIR, EAC_WORK_DIR and EAC_WAREHOUSE_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The Dagster instance settings, linked into $DAGSTER_HOME (not at the root: see the file).
INSTANCE_CONFIG = PROJECT_ROOT / "deploy" / "dagster.yaml"


def raw_dir() -> Path:
    return Path(os.environ.get("EAC_RAW_DIR", PROJECT_ROOT / "raw")).resolve()


def warehouse_dir() -> Path:
    return Path(os.environ.get("EAC_WAREHOUSE_DIR", PROJECT_ROOT / "warehouse")).resolve()


def work_dir() -> Path:
    """Per-document extraction results kept between runs (not published)."""
    return Path(os.environ.get("EAC_WORK_DIR", PROJECT_ROOT / ".dagster" / "work")).resolve()
