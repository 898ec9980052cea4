from pathlib import Path

import dagster as dg

from pipelines import storage


class ProjectStorage(dg.ConfigurableResource):
    """The input (`raw/`) and output (`warehouse/`) folders of the pipeline."""

    raw_dir: str
    warehouse_dir: str

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir)

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_dir)


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={"project_storage": ProjectStorage(raw_dir=str(storage.raw_dir()), warehouse_dir=str(storage.warehouse_dir()))},
        # One process for the whole run: ~4x faster than a process per step on 2 cores (ENGINEERING.md).
        executor=dg.in_process_executor,
    )
