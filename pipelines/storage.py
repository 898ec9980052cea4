"""Where the pipeline reads its inputs and writes its outputs.

Both are configurable so that the same code runs on a laptop, in CI or on a cluster (where
`raw/` and `warehouse/` may be mounted object storage): set EAC_RAW_DIR and EAC_WAREHOUSE_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def raw_dir() -> Path:
    return Path(os.environ.get("EAC_RAW_DIR", PROJECT_ROOT / "raw")).resolve()


def warehouse_dir() -> Path:
    return Path(os.environ.get("EAC_WAREHOUSE_DIR", PROJECT_ROOT / "warehouse")).resolve()
