"""Same inputs, same outputs: two clean builds in different folders, with different hash seeds,
publish identical Parquet and CSV files (rejections aside from `seen_at`, the time of the first build)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from pipelines.contract import TABLES
from pipelines.storage import INSTANCE_CONFIG
from tests.conftest import RAW, ROOT


def build(root: Path, hash_seed: str) -> Path:
    shutil.copytree(RAW, root / "raw")
    (root / "dagster_home").mkdir()
    (root / "dagster_home" / "dagster.yaml").symlink_to(INSTANCE_CONFIG)
    env = os.environ | {
        "EAC_RAW_DIR": str(root / "raw"), "EAC_WAREHOUSE_DIR": str(root / "warehouse"), "EAC_WORK_DIR": str(root / "work"),
        "DAGSTER_HOME": str(root / "dagster_home"), "PYTHONHASHSEED": hash_seed, "EAC_LOG_LEVEL": "WARNING",
    }
    done = subprocess.run([sys.executable, "-m", "pipelines.refresh", "--full"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "warehouse" / "parquet"


@pytest.mark.slow  # two clean builds by the command line, one after the other
def test_two_clean_builds_publish_identical_tables(tmp_path):
    first = build(tmp_path / "a", "1")
    second = build(tmp_path / "b", "2")
    for name in TABLES:
        if name == "rejections":
            a, b = (pl.read_parquet(p / "rejections.parquet").drop("seen_at") for p in (first, second))
            assert a.equals(b)
        else:
            assert (first / f"{name}.parquet").read_bytes() == (second / f"{name}.parquet").read_bytes(), name
            assert (first.parent / "csv" / f"{name}.csv").read_bytes() == (second.parent / "csv" / f"{name}.csv").read_bytes(), name
