"""Refreshing the dataset from the command line: `make dataset` (full) and `make refresh` (incremental).

    python -m pipelines.refresh            # incremental: re-extract new and changed documents only
    python -m pipelines.refresh --full     # every document, in one run

One refresh = one Dagster run, in-process, recorded in the instance at $DAGSTER_HOME (so it shows
in `make ui`):

1. read and validate raw/sources.yaml (a malformed registry stops here, naming file, line, field);
2. fingerprint every document (bytes, registry fields the extractor reads, extractor code) and
   compare with the document store: added, changed, removed, unchanged;
3. sync the `documents` dynamic partitions with the registry, forget removed documents;
4. run the partitions to extract (a single-run backfill over their range) and every table
   downstream, then publish a release, atomically.

Two refreshes at once: the second refuses at once (exit code 75) rather than wait; the lock is
an OS file lock, released when the process ends, even when killed (``pipelines.refresh_lock``:
the command line checks it before importing anything heavy). A folder that is full, read-only
or not writable ends the command with one line naming the folder and the cause (exit code 1). The nightly schedule and
the sensor go through the Dagster run queue (one run at a time, dagster.yaml) instead.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

if __name__ == "__main__":  # the command line refuses a concurrent refresh before any heavy import
    from pipelines.refresh_lock import EXIT_BUSY as _BUSY, lock_holder as _holder
    from pipelines.storage import warehouse_dir as _warehouse_dir

    if (_who := _holder(_warehouse_dir())) is not None:
        print(f"refresh refused: another refresh is running ({_who}); nothing was changed, try again later", file=sys.stderr)
        sys.exit(_BUSY)

import dagster as dg

from pipelines.defs.ingest import documents_partitions
from pipelines.defs.resources import ProjectStorage
from pipelines.entities import GAZETTEER_FILE
from pipelines.document_store import RefreshPlan, document_fingerprint, file_sha256, plan_refresh
from pipelines.publication import DATAPACKAGE_FILE, current_release_dir
from pipelines.registry import RegistryEntry, RegistryError, load_registry
from pipelines.release import inputs_signature
from pipelines.refresh_lock import EXIT_BUSY, LOCK_FILE, RefreshBusy, refresh_lock, refresh_lock_is_held  # noqa: F401 (re-exported)
from pipelines.storage import INSTANCE_CONFIG, PROJECT_ROOT, StorageError, write_failure_cause

LAUNCHED_BY_TAG = "eac/launched_by"


def _refuse_while_a_dagster_run_is_in_progress(instance: dg.DagsterInstance) -> None:
    """A run launched by the daemon (sensor, schedule, UI) writes the same store and warehouse.

    Called with the command-line lock held, so a command-line run still marked in progress is
    one whose process died (killed, power cut): it is marked failed, not waited for.
    """
    in_progress = instance.get_run_records(
        filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING,
                                        dg.DagsterRunStatus.CANCELING]))
    for record in in_progress:
        run = record.dagster_run
        if run.tags.get(LAUNCHED_BY_TAG) == "cli":
            instance.report_run_failed(run, "the command-line refresh running it died (found by the next refresh)")
        else:
            raise RefreshBusy(f"a Dagster run is in progress (run {run.run_id}); nothing was changed, "
                              "try again when it has finished")


def current_fingerprints(raw_dir: Path, entries: list[RegistryEntry]) -> dict[str, str]:
    gazetteer = file_sha256(raw_dir / GAZETTEER_FILE)
    return {e.source_id: document_fingerprint(e, file_sha256(raw_dir / e.file), gazetteer) for e in entries}


def stored_fingerprints(project_storage: ProjectStorage) -> dict[str, str]:
    store = project_storage.documents
    return {sid: record.fingerprint for sid in store.source_ids() if (record := store.record(sid))}


def published_signature(warehouse: Path) -> dict | None:
    folder = current_release_dir(warehouse)
    if folder is None:
        return None
    try:
        return json.loads((folder / DATAPACKAGE_FILE).read_text(encoding="utf-8"))["release"]["inputs"].get("signature")
    except (OSError, ValueError, KeyError):
        return None


def sync_partitions(instance: dg.DagsterInstance, wanted: list[str]) -> list[str]:
    """Make the `documents` partitions exactly the registered documents; return them in order."""
    name = documents_partitions.name
    existing = instance.get_dynamic_partitions(name)
    for key in existing:
        if key not in wanted:
            instance.delete_dynamic_partition(name, key)
    missing = [key for key in wanted if key not in existing]
    if missing:
        instance.add_dynamic_partitions(name, missing)
    return instance.get_dynamic_partitions(name)


def partition_range(ordered: list[str], keys: list[str] | tuple[str, ...]) -> tuple[str, str] | None:
    """The smallest range of partitions covering `keys` (a run covers a range, not a set)."""
    positions = sorted(ordered.index(k) for k in keys)
    return (ordered[positions[0]], ordered[positions[-1]]) if positions else None


@dataclass
class RefreshOutcome:
    plan: RefreshPlan
    extracted: list[str] = field(default_factory=list)
    ran: bool = False
    success: bool = True
    run_id: str | None = None
    release: Path | None = None
    previous_release: Path | None = None  # the release that was current before the run
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"documents: {len(self.plan.added)} added, {len(self.plan.changed)} changed, "
            f"{len(self.plan.removed)} removed, {len(self.plan.unchanged)} unchanged; extracted {len(self.extracted)}",
        ]
        if not self.ran:
            lines.append("nothing changed since the published release: nothing to do")
        elif self.success and self.release is not None and self.release == self.previous_release:
            lines.append(f"inputs and tables unchanged: release {self.release.name} stays current, nothing was published")
        elif self.success:
            lines.append(f"published release: {self.release}")
        else:
            lines.append("refresh FAILED; the previous release is still published")
            lines.extend(f"  {e}" for e in self.errors)
        return "\n".join(lines)


def _failures(result: dg.ExecuteInProcessResult) -> list[str]:
    errors = []
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data and event.step_failure_data.error:
            error = event.step_failure_data.error
            while error.cause is not None and "dagster" in (error.cls_name or "").lower():
                error = error.cause
            errors.append(f"{event.step_key}: {error.message.strip()}")
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
            errors.append(f"check {evaluation.asset_key.to_user_string()}.{evaluation.check_name} failed: "
                          f"{ {k: getattr(v, 'value', v) for k, v in evaluation.metadata.items()} }")
    return errors


def run_refresh(defs: dg.Definitions, project_storage: ProjectStorage, instance: dg.DagsterInstance, full: bool = False) -> RefreshOutcome:
    raw, warehouse = project_storage.raw, project_storage.warehouse
    with refresh_lock(warehouse):
        _refuse_while_a_dagster_run_is_in_progress(instance)
        entries = load_registry(raw)
        current = current_fingerprints(raw, entries)
        plan = plan_refresh(current, stored_fingerprints(project_storage))
        outcome = RefreshOutcome(plan)
        signature = inputs_signature(raw, current)
        if not full and plan.is_empty and published_signature(warehouse) == signature:
            return outcome
        ordered = sync_partitions(instance, list(current))
        for source_id in plan.removed:
            project_storage.documents.delete(source_id)

        outcome.previous_release = current_release_dir(warehouse)
        outcome.extracted = list(current) if full else list(plan.to_extract)
        job = defs.resolve_implicit_global_asset_job_def()
        all_keys = [k for k in defs.resolve_asset_graph().get_all_asset_keys()]
        tags = {"eac/refresh": "full" if full else "incremental", LAUNCHED_BY_TAG: "cli"}
        span = partition_range(ordered, outcome.extracted)
        if span:
            selection = all_keys
            tags |= {"dagster/asset_partition_range_start": span[0], "dagster/asset_partition_range_end": span[1]}
            outcome.extracted = ordered[ordered.index(span[0]) : ordered.index(span[1]) + 1]
        else:
            selection = [k for k in all_keys if k != dg.AssetKey("document_figures")]
        log_level = os.environ.get("EAC_LOG_LEVEL", "INFO")
        result = job.execute_in_process(
            instance=instance, asset_selection=selection, tags=tags, raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
        )
        outcome.ran = True
        outcome.run_id = result.run_id
        outcome.success = result.success
        outcome.errors = _failures(result)
        outcome.release = current_release_dir(warehouse)
        return outcome


def _instance() -> dg.DagsterInstance:
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(PROJECT_ROOT / ".dagster")))
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if config.is_symlink() and not config.exists():
        config.unlink()  # a link to where the settings used to be
    if not config.exists():
        config.symlink_to(INSTANCE_CONFIG)
    return dg.DagsterInstance.get()


def _os_error_line(exc: OSError) -> str:
    where = exc.filename if exc.filename is not None else "a project folder"
    return f"cannot write {where}: {write_failure_cause(exc) or exc.strerror or exc}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.refresh", description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true", help="re-extract every document (one run over all partitions)")
    args = parser.parse_args(argv)
    from pipelines.definitions import defs

    storage = ProjectStorage.from_environment()
    started = time.perf_counter()
    try:
        with _instance() as instance:
            outcome = run_refresh(defs, storage, instance, full=args.full)
    except RegistryError as exc:
        print(f"refresh FAILED, nothing was published: {exc}", file=sys.stderr)
        return 1
    except RefreshBusy as exc:
        print(f"refresh refused: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except OSError as exc:  # a folder full, read-only or not writable: one line, no traceback
        cause = str(exc) if isinstance(exc, StorageError) else _os_error_line(exc)
        print(f"refresh FAILED, nothing was published: {cause}", file=sys.stderr)
        return 1
    print(outcome.summary())
    print(f"took {time.perf_counter() - started:.1f} s")
    return 0 if outcome.success else 1


if __name__ == "__main__":
    sys.exit(main())
