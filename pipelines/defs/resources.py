import os
from pathlib import Path

import dagster as dg

from pipelines import storage
from pipelines.document_store import DocumentStore


class ProjectStorage(dg.ConfigurableResource):
    """The input (`raw/`), work and output (`warehouse/`) folders of the pipeline."""

    raw_dir: str
    warehouse_dir: str
    work_dir: str

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir)

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_dir)

    @property
    def documents(self) -> DocumentStore:
        return DocumentStore.in_work_dir(Path(self.work_dir))

    @classmethod
    def from_environment(cls) -> "ProjectStorage":
        return cls(raw_dir=str(storage.raw_dir()), warehouse_dir=str(storage.warehouse_dir()), work_dir=str(storage.work_dir()))


EXECUTORS = {
    # One process for the whole run: ~4x faster than a process per step on 2 cores (measured);
    # documents are extracted in parallel inside the run (pipelines.document_extraction).
    "in_process": dg.in_process_executor,
    # A process per step, for machines with many cores; k8s/celery executors plug in the same way.
    "multiprocess": dg.multiprocess_executor,
}


def executor_from_environment() -> dg.ExecutorDefinition:
    name = os.environ.get("EAC_EXECUTOR", "in_process")
    if name not in EXECUTORS:
        raise ValueError(f"EAC_EXECUTOR={name!r} is not one of {', '.join(EXECUTORS)}")
    return EXECUTORS[name]


def resources_for(project_storage: ProjectStorage) -> dict:
    return {"project_storage": project_storage}


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources=resources_for(ProjectStorage.from_environment()),
        executor=executor_from_environment(),
    )
