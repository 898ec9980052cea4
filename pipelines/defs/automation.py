"""Automation: a sensor that refreshes what changed in raw/, and a nightly full refresh.

Both are on by default whenever the Dagster daemon runs (`make ui` starts one). Runs they
request go through the run queue, one at a time (deploy/dagster.yaml). The command-line refresh for
cron users is `make refresh` (pipelines.refresh), guarded by a file lock.
"""

import hashlib
import json

import dagster as dg

from pipelines.defs.extract import document_figures
from pipelines.defs.ingest import documents_partitions
from pipelines.defs.resources import ProjectStorage
from pipelines.document_store import plan_refresh
from pipelines.publication import current_release_dir
from pipelines.refresh import (
    current_fingerprints, partition_range, published_signature, refresh_lock_is_held, stored_fingerprints,
)
from pipelines.registry import RegistryError, load_registry
from pipelines.release import inputs_signature

ALL_ASSETS = dg.AssetSelection.all()
DOWNSTREAM = dg.AssetSelection.all() - dg.AssetSelection.assets(document_figures)


def _range_tags(first: str, last: str) -> dict[str, str]:
    return {"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last}


@dg.sensor(
    target=ALL_ASSETS,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description=(
        "Watches raw/ (registry and documents): adds a partition for each new document, removes deleted "
        "ones, and requests one run that re-extracts new and changed documents (by checksum) and rebuilds "
        "the tables. Each distinct state of raw/ is requested once (run key = its signature)."
    ),
)
def raw_documents_sensor(context: dg.SensorEvaluationContext, project_storage: ProjectStorage):
    if refresh_lock_is_held(project_storage.warehouse):
        return dg.SkipReason("a command-line refresh is running; the next tick will look again")
    try:
        entries = load_registry(project_storage.raw)
    except RegistryError as exc:
        return dg.SkipReason(f"raw/sources.yaml is invalid, nothing requested: {exc}")
    current = current_fingerprints(project_storage.raw, entries)
    signature = inputs_signature(project_storage.raw, current)
    if signature == published_signature(project_storage.warehouse):
        return dg.SkipReason("the published release is up to date with raw/")
    plan = plan_refresh(current, stored_fingerprints(project_storage))
    existing = context.instance.get_dynamic_partitions(documents_partitions.name)
    added = [k for k in current if k not in existing]
    deleted = [k for k in existing if k not in current]
    ordered = [k for k in existing if k in current] + added
    # One request per state of raw/ *and* published release: after a revert to an earlier state,
    # or a failed run followed by another release, the state is requested again.
    published = current_release_dir(project_storage.warehouse)
    run_key = hashlib.sha256(json.dumps([signature, published.name if published else None], sort_keys=True).encode()).hexdigest()[:20]
    span = partition_range(ordered, plan.to_extract)
    request = (
        dg.RunRequest(run_key=run_key, asset_selection=list(ALL_ASSETS.resolve(context.repository_def.asset_graph)),
                      tags=_range_tags(*span) | {"eac/refresh": "sensor"})
        if span
        else dg.RunRequest(run_key=run_key, asset_selection=list(DOWNSTREAM.resolve(context.repository_def.asset_graph)),
                           tags={"eac/refresh": "sensor"})
    )
    partition_requests = []
    if added:
        partition_requests.append(documents_partitions.build_add_request(added))
    if deleted:
        partition_requests.append(documents_partitions.build_delete_request(deleted))
    return dg.SensorResult(run_requests=[request], dynamic_partitions_requests=partition_requests)


@dg.schedule(
    target=ALL_ASSETS,
    cron_schedule="0 3 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Nightly safety net: a full refresh, every document re-extracted in one run.",
)
def nightly_full_refresh(context: dg.ScheduleEvaluationContext):
    keys = context.instance.get_dynamic_partitions(documents_partitions.name)
    if not keys:
        return dg.SkipReason("no document partitions yet: the sensor or `make dataset` adds them")
    return dg.RunRequest(tags=_range_tags(keys[0], keys[-1]) | {"eac/refresh": "nightly"})
