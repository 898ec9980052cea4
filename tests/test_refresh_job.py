"""The job a refresh runs (`refresh.refresh_job`): Dagster rebuilds it from the storage folders for
`execute_job`, which, unlike `execute_in_process`, does not keep every step's output in memory."""

from pipelines.definitions import build_definitions
from pipelines.defs.resources import ProjectStorage
from pipelines.refresh import REFRESH_JOB, refresh_job


def test_the_refresh_job_runs_every_asset_and_check_of_the_definitions(tmp_path):
    storage = ProjectStorage(raw_dir=str(tmp_path / "raw"), warehouse_dir=str(tmp_path / "warehouse"),
                             work_dir=str(tmp_path / "work"))
    implicit = build_definitions(storage).resolve_implicit_global_asset_job_def()
    job = refresh_job(storage.raw_dir, storage.warehouse_dir, storage.work_dir)
    assert job.name == REFRESH_JOB
    assert job.asset_layer.selected_asset_keys == implicit.asset_layer.selected_asset_keys
    steps = sorted(node.name for node in job.nodes_in_topological_order)
    assert steps == sorted(node.name for node in implicit.nodes_in_topological_order)
    # every check is evaluated in the step of the asset it checks: one step per asset
    assert len(steps) == 21 and "facts" in steps and "release" in steps
    checks = {key.name for key in job.asset_layer.asset_graph.asset_check_keys}
    assert len(checks) == 19 and {"facts_are_traceable", "facts_matches_contract", "curation_is_current"} <= checks
    assert job.executor_def.name == implicit.executor_def.name == "in_process"
