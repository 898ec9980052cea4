"""The sensor watching raw/ and the nightly schedule, evaluated against a real published project."""

import dagster as dg
import pytest

from tests.project import register

RANGE_START = "dagster/asset_partition_range_start"
RANGE_END = "dagster/asset_partition_range_end"


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
    assert (request.tags[RANGE_START], request.tags[RANGE_END]) == ("reboot-2025-france-bataille-ia",) * 2
    assert dg.AssetKey("release") in request.asset_selection
    assert tick.dynamic_partitions_requests == []
    # The same state of raw/ is requested once: the run key is its signature.
    assert evaluate_sensor(published).run_requests[0].run_key == request.run_key


def test_the_sensor_adds_and_removes_document_partitions(published):
    (published.raw / "documents" / "new.txt").write_text("La France investit 2 milliards d'euros en 2026.\n", encoding="utf-8")
    register(published.raw, "new-doc", "documents/new.txt")
    registry = published.raw / "sources.yaml"
    text = registry.read_text(encoding="utf-8")
    start = text.index("- id: future-society-2025")
    registry.write_text(text[:start] + text[text.index("\n\n", start) + 2:], encoding="utf-8")  # that entry only
    tick = evaluate_sensor(published)
    adds = [r for r in tick.dynamic_partitions_requests if isinstance(r, dg.AddDynamicPartitionsRequest)]
    deletes = [r for r in tick.dynamic_partitions_requests if isinstance(r, dg.DeleteDynamicPartitionsRequest)]
    assert [list(r.partition_keys) for r in adds] == [["new-doc"]]
    assert [list(r.partition_keys) for r in deletes] == [["future-society-2025-modeles-ouverts-frontiere"]]
    (request,) = tick.run_requests
    assert (request.tags[RANGE_START], request.tags[RANGE_END]) == ("new-doc", "new-doc")


def test_the_sensor_skips_an_invalid_registry_with_its_error(published):
    registry = published.raw / "sources.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("language: fr", "language: xx", 1), encoding="utf-8")
    tick = evaluate_sensor(published)
    assert tick.run_requests == []
    assert "field 'language'" in tick.skip_message


def test_the_nightly_schedule_refreshes_every_partition_in_one_run(published):
    schedule = published.defs.get_schedule_def("nightly_full_refresh")
    context = dg.build_schedule_context(instance=published.instance)
    (request,) = schedule.evaluate_tick(context).run_requests
    assert (request.tags[RANGE_START], request.tags[RANGE_END]) == (
        "ifri-2025-startups-ia-generative", "ec-2025-usines-ia-note")  # the first and last registered


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
