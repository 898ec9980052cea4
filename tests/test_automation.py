"""The sensor watching raw/ and the nightly schedule, evaluated against a real published project."""

import dagster as dg
import pytest

from pipelines.defs.automation import FULL_REFRESH_CONFIG
from tests.project import register


def evaluate_sensor(project):
    sensor = project.defs.get_sensor_def("raw_documents_sensor")
    context = dg.build_sensor_context(instance=project.instance, definitions=project.defs,
                                      resources={"project_storage": project.storage})
    return sensor.evaluate_tick(context)


def test_automation_is_on_by_default(project):
    assert project.defs.get_sensor_def("raw_documents_sensor").default_status == dg.DefaultSensorStatus.RUNNING
    assert project.defs.get_schedule_def("nightly_full_refresh").default_status == dg.DefaultScheduleStatus.RUNNING
    assert project.defs.get_schedule_def("nightly_full_refresh").cron_schedule == "0 3 * * *"


def test_the_sensor_requests_nothing_when_the_release_is_up_to_date(published):
    tick = evaluate_sensor(published)
    assert tick.run_requests == []
    assert "up to date" in tick.skip_message


def test_the_sensor_re_extracts_a_changed_document_only(published):
    doc = published.raw / "documents" / "002_a0d7e348b7e69b14.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "\nEncore 3 millions d'euros.\n", encoding="utf-8")
    tick = evaluate_sensor(published)
    (request,) = tick.run_requests
    assert {k: v for k, v in request.tags.items() if k.startswith("eac/")} == {
        "eac/refresh": "sensor", "eac/added": "0", "eac/changed": "1", "eac/removed": "0", "eac/unchanged": "9",
        "eac/to_extract": "1"}
    assert dg.AssetKey("release") in request.asset_selection
    assert request.run_config == {}  # incremental: the run extracts what changed when it starts
    # The same state of raw/ is requested once: the run key is its signature.
    assert evaluate_sensor(published).run_requests[0].run_key == request.run_key


def test_the_sensor_sees_added_and_removed_documents(published):
    (published.raw / "documents" / "new.txt").write_text("La France investit 2 milliards d'euros en 2026.\n", encoding="utf-8")
    register(published.raw, "new-doc", "documents/new.txt")
    registry = published.raw / "sources.yaml"
    text = registry.read_text(encoding="utf-8")
    start = text.index("- id: future-society-2025")
    registry.write_text(text[:start] + text[text.index("\n\n", start) + 2:], encoding="utf-8")  # that entry only
    (request,) = evaluate_sensor(published).run_requests
    assert (request.tags["eac/added"], request.tags["eac/removed"], request.tags["eac/to_extract"]) == ("1", "1", "1")


def test_the_sensor_skips_an_invalid_registry_with_its_error(published):
    registry = published.raw / "sources.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("language: fr", "language: xx", 1), encoding="utf-8")
    tick = evaluate_sensor(published)
    assert tick.run_requests == []
    assert "field 'language'" in tick.skip_message


def test_the_nightly_schedule_requests_a_full_refresh(published):
    schedule = published.defs.get_schedule_def("nightly_full_refresh")
    context = dg.build_schedule_context(instance=published.instance)
    (request,) = schedule.evaluate_tick(context).run_requests
    assert request.run_config == FULL_REFRESH_CONFIG
    assert request.tags["eac/refresh"] == "nightly"


def test_the_sensor_waits_while_a_command_line_refresh_holds_the_lock(published):
    from pipelines.refresh import refresh_lock

    with refresh_lock(published.warehouse):
        tick = evaluate_sensor(published)
    assert tick.run_requests == []
    assert "a command-line refresh is running" in tick.skip_message


@pytest.mark.slow  # three refreshes in a row
def test_a_code_or_package_change_rebuilds_the_tables_without_re_extracting(published, monkeypatch):
    assert not published.refresh().ran
    monkeypatch.setattr("pipelines.release.pipeline_version", lambda: "a-new-version-of-the-table-code")
    outcome = published.refresh()
    assert outcome.ran and outcome.success and outcome.extracted == []
    monkeypatch.setattr("pipelines.release.package_versions", lambda: {"CurrencyConverter": "99.0"})
    assert published.refresh().ran


def test_a_refresh_with_nothing_to_do_stops_before_importing_dagster(published):
    import os
    import subprocess
    import sys
    import textwrap

    from tests.conftest import ROOT

    env = os.environ | {"EAC_RAW_DIR": str(published.raw), "EAC_WAREHOUSE_DIR": str(published.warehouse),
                        "EAC_WORK_DIR": str(published.warehouse.parent / "work")}
    probe = textwrap.dedent("""
        import runpy, sys
        try:
            runpy.run_module("pipelines.refresh", run_name="__main__")
        except SystemExit as exit:
            print(exit.code, "dagster" in sys.modules)
    """)
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.stdout.splitlines()[:2] == ["documents: 0 added, 0 changed, 0 removed, 10 unchanged; extracted 0",
                                            "nothing changed since the published release: nothing to do"]
    assert done.stdout.split()[-2:] == ["0", "False"]
