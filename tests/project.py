"""A private project (raw/, work, warehouse, Dagster instance) for tests that run refreshes."""

import hashlib
import shutil
import textwrap
from pathlib import Path

import dagster as dg
import polars as pl

from pipelines.definitions import build_definitions
from pipelines.defs.resources import ProjectStorage
from pipelines.publication import DATABASE_FILE
from pipelines.refresh import run_refresh


class Project:
    def __init__(self, raw: Path, root: Path):
        self.root = root
        self.raw = raw
        self.warehouse = root / "warehouse"
        self.storage = ProjectStorage(raw_dir=str(raw), warehouse_dir=str(self.warehouse), work_dir=str(root / "work"))
        self.defs = build_definitions(self.storage)
        (root / "dagster_home").mkdir(exist_ok=True)
        # A real SQLite instance, as under $DAGSTER_HOME (dynamic partitions, run history).
        self.instance = dg.DagsterInstance.local_temp(str(root / "dagster_home"))

    def copy_to(self, root: Path) -> "Project":
        """The same project, copied under `root` (which may exist: a mount point, tmp_path).

        Everything a refresh reads or writes is under its root, and the release links are
        relative, so the copy is independent of this project and in the same state."""
        shutil.copytree(self.root, root, symlinks=True, dirs_exist_ok=True)
        return Project(root / self.raw.relative_to(self.root), root)

    def refresh(self, full: bool = False):
        return run_refresh(self.storage, self.instance, full=full)

    def table(self, name: str) -> pl.DataFrame:
        return pl.read_parquet(self.warehouse / "parquet" / f"{name}.parquet")

    def published(self) -> dict[str, str]:
        w = self.warehouse
        files = [w / DATABASE_FILE, w / "datapackage.json", *sorted((w / "parquet").glob("*.parquet"))]
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def register(raw: Path, source_id: str, file: str, published: str = "2025") -> None:
    with (raw / "sources.yaml").open("a", encoding="utf-8") as registry:
        registry.write(textwrap.dedent(f"""
            - id: {source_id}
              file: {file}
              title: null
              author: null
              publisher: null
              published: {published}
              language: fr
              url: null
              license: null
            """))


