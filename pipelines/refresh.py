"""Refreshing the dataset from the command line: `make dataset` (full) and `make refresh` (incremental).

    python -m pipelines.refresh            # incremental: re-extract new and changed documents only
    python -m pipelines.refresh --full     # every document, in one run

One refresh = one Dagster run of the job ``refresh`` (every asset and check), with the executor
of ``EAC_EXECUTOR`` (default: in the refresh's own process), recorded in the instance at
$DAGSTER_HOME (so it shows in `make ui`):

1. read and validate raw/sources.yaml (a malformed registry stops here, naming file, line, field);
2. plan (``refresh_plan``): fingerprint every document (bytes, registry fields the extractor
   reads, gazetteer, extractor code; a file whose size and modification time are those recorded
   is not read again) and compare with the document store: added, changed, removed, unchanged;
   when nothing changed since the published release, stop here, before importing Dagster;
3. run `document_figures` (which extracts the added and changed documents on every core and
   forgets removed ones) and every table downstream, then publish a release, atomically.

Two refreshes at once: the second refuses at once (exit code 75) rather than wait; the lock is
an OS file lock, released when the process ends, even when killed (``pipelines.refresh_lock``:
the command line checks it before importing anything heavy). A folder that is full, read-only
or not writable ends the command with one line naming the folder and the cause (exit code 1). The nightly schedule and
the sensor go through the Dagster run queue (one run at a time, dagster.yaml) instead.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if __name__ == "__main__":  # the command line refuses a concurrent refresh before any heavy import
    from pipelines.refresh_lock import EXIT_BUSY as _BUSY, lock_holder as _holder
    from pipelines.storage import warehouse_dir as _warehouse_dir

    if (_who := _holder(_warehouse_dir())) is not None:
        print(f"refresh refused: another refresh is running ({_who}); nothing was changed, try again later", file=sys.stderr)
        sys.exit(_BUSY)

from pipelines.refresh_lock import EXIT_BUSY, LOCK_FILE, RefreshBusy, refresh_lock, refresh_lock_is_held  # noqa: F401 (re-exported)
from pipelines.document_store import DocumentStore
from pipelines.refresh_plan import RawState, RefreshPlan, look_at_raw
from pipelines.registry import RegistryError
from pipelines.release_link import current_release_dir
from pipelines.storage import INSTANCE_CONFIG, PROJECT_ROOT, StorageError, raw_dir, warehouse_dir, work_dir, write_failure_cause

if TYPE_CHECKING:
    import dagster as dg

    from pipelines.defs.resources import ProjectStorage

LAUNCHED_BY_TAG = "eac/launched_by"
REFRESH_JOB = "refresh"


def _refuse_while_a_dagster_run_is_in_progress(instance: dg.DagsterInstance) -> None:
    """A run launched by the daemon (sensor, schedule, UI) writes the same store and warehouse.

    Called with the command-line lock held, so a command-line run still marked in progress is
    one whose process died (killed, power cut): it is marked failed, not waited for.
    """
    import dagster as dg

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
    import dagster as dg

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


def plan(raw: Path, store: DocumentStore, warehouse: Path, full: bool = False) -> RawState:
    """raw/ against the store and the published release (call it with the refresh lock held)."""
    return look_at_raw(raw, store, warehouse, full=full)


def run_refresh(project_storage: ProjectStorage, instance: dg.DagsterInstance, full: bool = False) -> RefreshOutcome:
    with refresh_lock(project_storage.warehouse):
        state = plan(project_storage.raw, project_storage.documents, project_storage.warehouse, full)
        if not full and state.plan.nothing_to_do:
            return RefreshOutcome(state.plan)
        return run_planned(project_storage, instance, state, full)


def run_planned(project_storage: ProjectStorage, instance: dg.DagsterInstance, state: RawState,
                full: bool) -> RefreshOutcome:
    """One Dagster run of every asset; `document_figures` extracts what ``state.plan`` says (it
    plans again at run time, under the same lock, so it finds the same)."""
    import dagster as dg

    _refuse_while_a_dagster_run_is_in_progress(instance)
    warehouse = project_storage.warehouse
    outcome = RefreshOutcome(state.plan, extracted=list(state.plan.to_extract))
    outcome.previous_release = current_release_dir(warehouse)
    tags = {"eac/refresh": "full" if full else "incremental", LAUNCHED_BY_TAG: "cli"}
    log_level = os.environ.get("EAC_LOG_LEVEL", "INFO")
    # `execute_job`, not `execute_in_process`: the latter keeps every step's output in memory
    # until the run ends (for `output_for_node`), 600 MB of frames at 10,000 documents, all held
    # when the release is written. The job is every asset's, rebuilt from the storage folders.
    job = dg.build_reconstructable_job(__name__, refresh_job.__name__, reconstructable_kwargs={
        "raw_dir": project_storage.raw_dir, "warehouse_dir": project_storage.warehouse_dir,
        "work_dir": project_storage.work_dir})
    with dg.execute_job(
        job, instance=instance, tags=tags, raise_on_error=False,
        run_config={"ops": {"document_figures": {"config": {"full": full}}},
                    "loggers": {"console": {"config": {"log_level": log_level}}}},
    ) as result:
        outcome.ran = True
        outcome.run_id = result.run_id
        outcome.success = result.success
        outcome.errors = _failures(result)
    outcome.release = current_release_dir(warehouse)
    return outcome


@cache
def refresh_job(raw_dir: str, warehouse_dir: str, work_dir: str) -> dg.JobDefinition:
    """The job of every asset over these folders, as Dagster rebuilds it for ``execute_job``.

    Cached: ``execute_job`` rebuilds a reconstructable job four times in the run's process (the
    plan, the run's record, the executor, the steps); each build loaded the ``defs/`` folder again
    (about 0.1 s each once imported). The folders' names are the whole key: the definitions hold
    no state of a run."""
    import dagster as dg

    from pipelines.definitions import build_definitions
    from pipelines.defs.resources import ProjectStorage

    storage = ProjectStorage(raw_dir=raw_dir, warehouse_dir=warehouse_dir, work_dir=work_dir)
    defs = build_definitions(storage)
    # Every asset and check, as the implicit asset job (whose reserved name a rebuilt job cannot take).
    every_asset = dg.Definitions(assets=defs.assets, asset_checks=defs.asset_checks, resources=defs.resources,
                                 executor=defs.executor, jobs=[dg.define_asset_job(REFRESH_JOB)])
    return every_asset.resolve_job_def(REFRESH_JOB)


def _instance() -> dg.DagsterInstance:
    import dagster as dg

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
    parser.add_argument("--full", action="store_true", help="read and re-extract every document, in one run")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    try:
        warehouse = warehouse_dir()
        with refresh_lock(warehouse):
            state = plan(raw_dir(), DocumentStore.in_work_dir(work_dir()), warehouse, args.full)
            if not args.full and state.plan.nothing_to_do:
                outcome = RefreshOutcome(state.plan)  # Dagster not even imported
            else:
                from pipelines.defs.resources import ProjectStorage

                with _instance() as instance:
                    outcome = run_planned(ProjectStorage.from_environment(), instance, state, args.full)
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
