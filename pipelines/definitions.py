"""The Dagster code location: everything in `pipelines/defs/`, autoloaded."""

from functools import cache
from pathlib import Path

import dagster as dg

from pipelines.defs.previews import with_contract_metadata
from pipelines.defs.resources import ProjectStorage, resources_for


@cache
def _loaded() -> dg.Definitions:
    """The `defs/` folder's objects, loaded once per process: the code location and each refresh's
    job share them (only the resources differ between them)."""
    loaded = dg.load_from_defs_folder(path_within_project=Path(__file__).resolve().parent)
    # An asset imported by two modules is listed twice (the same object): kept once before the
    # published tables' assets get the contract's column schema (which makes new objects).
    assets = dg.map_asset_specs(with_contract_metadata, list({id(a): a for a in loaded.assets}.values()))
    return dg.Definitions(
        assets=assets, asset_checks=loaded.asset_checks, sensors=loaded.sensors, schedules=loaded.schedules,
        jobs=loaded.jobs, resources=loaded.resources, executor=loaded.executor,
    )


def build_definitions(project_storage: ProjectStorage | None = None) -> dg.Definitions:
    """The definitions, with storage from the environment or the one given (tests, other deployments)."""
    loaded = _loaded()
    resources = loaded.resources if project_storage is None else {**loaded.resources, **resources_for(project_storage)}
    return dg.Definitions(
        assets=loaded.assets, asset_checks=loaded.asset_checks, sensors=loaded.sensors, schedules=loaded.schedules,
        jobs=loaded.jobs, resources=resources, executor=loaded.executor,
    )


defs = build_definitions()
