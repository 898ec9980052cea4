import os
from pathlib import Path

import dagster as dg

from pipelines import storage
from pipelines.document_store import DocumentStore
from pipelines.step_parts import read_output, write_output

# Metadata of an input (`dg.AssetIn`): the keys of a dict output the step reads (`parts`).
PARTS = "parts"


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
    def work(self) -> Path:
        return Path(self.work_dir)

    @property
    def documents(self) -> DocumentStore:
        return DocumentStore.in_work_dir(Path(self.work_dir))

    @classmethod
    def from_environment(cls) -> "ProjectStorage":
        return cls(raw_dir=str(storage.raw_dir()), warehouse_dir=str(storage.warehouse_dir()), work_dir=str(storage.work_dir()))


class _PartsIOManager(dg.UPathIOManager):
    extension = ""  # the same paths as Dagster's default I/O manager: <storage>/<asset>

    def __init__(self, base_dir: str):
        from upath import UPath

        super().__init__(base_path=UPath(base_dir))

    def dump_to_path(self, context: dg.OutputContext, obj, path) -> None:
        write_output(obj, Path(str(path)))

    def load_from_path(self, context: dg.InputContext, path):
        wanted = (context.definition_metadata or {}).get(PARTS)
        return read_output(Path(str(path)), wanted)


class PartsIOManager(dg.ConfigurableIOManagerFactory):
    """Dagster's default I/O manager (pickles in the instance's storage folder), but a dict output
    is stored one pickle per key and an input reads only the keys it names (`parts`): five steps
    read the documents' records beside the frame of every figure (`pipelines.step_parts`)."""

    base_dir: str | None = None

    def create_io_manager(self, context: dg.InitResourceContext) -> _PartsIOManager:
        return _PartsIOManager(self.base_dir or context.instance.storage_directory())


def parts(*keys: str) -> dg.AssetIn:
    """An input that reads only `keys` of its upstream dict output."""
    return dg.AssetIn(metadata={PARTS: list(keys)})


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
    return {"project_storage": project_storage, "io_manager": PartsIOManager()}


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources=resources_for(ProjectStorage.from_environment()),
        executor=executor_from_environment(),
    )
