"""The Dagster code location: everything in `pipelines/defs/`, autoloaded."""

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import ProjectStorage, resources_for


def build_definitions(project_storage: ProjectStorage | None = None) -> dg.Definitions:
    """The definitions, with storage from the environment or the one given (tests, other deployments)."""
    loaded = dg.load_from_defs_folder(path_within_project=Path(__file__).resolve().parent)
    if project_storage is None:
        return loaded
    return dg.Definitions(
        assets=loaded.assets, asset_checks=loaded.asset_checks, sensors=loaded.sensors, schedules=loaded.schedules,
        jobs=loaded.jobs, resources={**loaded.resources, **resources_for(project_storage)}, executor=loaded.executor,
    )


defs = build_definitions()
