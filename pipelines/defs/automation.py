"""Automation: a sensor that refreshes what changed in raw/, and a nightly full refresh.

Both are on by default whenever the Dagster daemon runs (`make ui` starts one). Runs they
request go through the run queue, one at a time (dagster.yaml). The command-line refresh for
cron users is `make refresh` (pipelines.refresh), guarded by a file lock. The sensor plans with
the same function as the command line (``refresh_plan.plan_refresh``); the run plans again when
it starts (`document_figures`), so a run that waited in the queue extracts what changed by then.
"""

import hashlib
import json

import dagster as dg

from pipelines.defs.resources import ProjectStorage
from pipelines.release_link import current_release_dir
from pipelines.refresh_lock import refresh_lock_is_held
from pipelines.refresh_plan import look_at_raw
from pipelines.registry import RegistryError

ALL_ASSETS = dg.AssetSelection.all()
FULL_REFRESH_CONFIG = {"ops": {"document_figures": {"config": {"full": True}}}}


@dg.sensor(
    target=ALL_ASSETS,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description=(
        "Watches raw/ (registry, documents, reference data) and requests one run that extracts new and changed "
        "documents, forgets removed ones and rebuilds the tables, when raw/ or the code differ from the published "
        "release. Each distinct state of raw/ is requested once (run key = its signature)."
    ),
)
def raw_documents_sensor(context: dg.SensorEvaluationContext, project_storage: ProjectStorage):
    if refresh_lock_is_held(project_storage.warehouse):
        return dg.SkipReason("a command-line refresh is running; the next tick will look again")
    try:
        state = look_at_raw(project_storage.raw, project_storage.documents, project_storage.warehouse)
    except RegistryError as exc:
        return dg.SkipReason(f"raw/sources.yaml is invalid, nothing requested: {exc}")
    plan = state.plan
    if plan.nothing_to_do:
        return dg.SkipReason("the published release is up to date with raw/")
    # One request per state of raw/ *and* published release: after a revert to an earlier state,
    # or a failed run followed by another release, the state is requested again.
    published = current_release_dir(project_storage.warehouse)
    run_key = hashlib.sha256(json.dumps([state.signature, published.name if published else None], sort_keys=True).encode()).hexdigest()[:20]
    tags = {"eac/refresh": "sensor"} | {f"eac/{name}": str(n) for name, n in plan.counts().items()}
    return dg.RunRequest(run_key=run_key, asset_selection=list(ALL_ASSETS.resolve(context.repository_def.asset_graph)), tags=tags)


@dg.schedule(
    target=ALL_ASSETS,
    cron_schedule="0 3 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Nightly safety net: a full refresh, every document read and re-extracted in one run.",
)
def nightly_full_refresh(context: dg.ScheduleEvaluationContext):
    return dg.RunRequest(run_config=FULL_REFRESH_CONFIG, tags={"eac/refresh": "nightly"})
