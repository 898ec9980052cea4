"""Bad input and faults: a clear error, and nothing already published is lost."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.facts import normalise_facts
from pipelines.publication import DATABASE_FILE, current_release_dir
from pipelines.refresh import RefreshBusy
from pipelines.registry import RegistryError
from tests.project import register

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def published(project):
    outcome = project.refresh(full=True)
    assert outcome.success, outcome.errors
    return project


def add_document(project, source_id: str, content: bytes) -> None:
    (project.raw / "documents" / f"{source_id}.txt").write_bytes(content)
    register(project.raw, source_id, f"documents/{source_id}.txt")


@pytest.mark.parametrize(
    ("content", "reason", "detail"),
    [
        (b"", "empty", "raw/documents/bad-doc.txt: the file is empty"),
        ("Le budget est de 12 millions d'euros, déjà dépensé.".encode("latin-1", "replace"), "not_utf8",
         "raw/documents/bad-doc.txt: not valid UTF-8 at byte 39 (line 1)"),
        ("Le budget est de 12 millions d'euros.".encode("utf-16"), "not_utf8", "UTF-16 text (byte-order mark)"),
        (bytes(range(256)) * 4, "binary", "binary content (NUL byte at offset 0)"),
    ],
)
def test_a_document_that_cannot_be_read_is_rejected_and_the_rest_published(published, content, reason, detail):
    facts_before = published.table("facts")
    add_document(published, "bad-doc", content)
    outcome = published.refresh()
    assert outcome.success, outcome.errors
    rejected = published.table("rejections").filter(pl.col("source_id") == "bad-doc").select("stage", "reason", "detail").rows()
    assert len(rejected) == 1 and rejected[0][:2] == ("ingest", reason) and detail in rejected[0][2]
    assert published.table("facts").equals(facts_before)
    assert "bad-doc" not in published.table("sources")["source_id"].to_list()


def test_an_enormous_document_is_rejected_without_being_read(published):
    path = published.raw / "documents" / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing written
    register(published.raw, "huge", "documents/huge.txt")
    outcome = published.refresh()
    assert outcome.success, outcome.errors
    detail = published.table("rejections").filter(pl.col("source_id") == "huge")["detail"].to_list()
    assert detail == ["raw/documents/huge.txt: 209,715,200 bytes is over the limit of 52,428,800 bytes"]


def test_windows_line_endings_are_read_and_spans_index_the_file_as_stored(published):
    text = "Titre\r\n\r\nEn 2025, la France a investi 109 milliards d'euros.\r\nLe reste suit.\r\n"
    add_document(published, "crlf-doc", text.encode("utf-8"))
    assert published.refresh().success
    fact = published.table("facts").filter(pl.col("source_id") == "crlf-doc").row(0, named=True)
    assert (fact["figure_text"], fact["value"], fact["unit"], fact["period_start"]) == ("109 milliards d'euros", 1.09e11, "EUR", 2025)
    assert text[fact["char_start"]:fact["char_end"]] == "109 milliards d'euros"


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda t: t.replace("documents/004_2092384b85dd452f.txt", "../../etc/passwd"),
         r"entry #5 \(future-society-2025-modeles-ouverts-frontiere\), field 'file': '../../etc/passwd' is outside raw/"),
        (lambda t: t.replace("id: reboot-2025-france-bataille-ia", "id: ifri-2025-startups-ia-generative"),
         r"field 'id': duplicate id 'ifri-2025-startups-ia-generative' \(first used by the entry at line 8\)"),
        (lambda t: t.replace("published: 2025-12", "published: 2025-31-12"),
         r"sources.yaml: line 63: '2025-31-12' is not a valid date \(month must be in 1..12\)"),
        (lambda t: t.replace("published: 2025-12", "published: Christmas 2025"),
         r"field 'published': 'Christmas 2025' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
        (lambda t: t.replace("language: fr", "language: de", 1), r"field 'language': unknown or unsupported language code 'de'"),
        (lambda t: t.replace("  title: null\n", "  title: [unclosed\n", 1), r"sources.yaml: line \d+, column \d+: YAML syntax error"),
    ],
)
def test_a_broken_registry_fails_with_a_clear_error_and_keeps_the_release(published, breakage, message):
    before = published.published()
    release = current_release_dir(published.warehouse)
    registry = published.raw / "sources.yaml"
    registry.write_text(breakage(registry.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(RegistryError, match=message):
        published.refresh()
    assert published.published() == before
    assert current_release_dir(published.warehouse) == release


def test_a_registered_file_that_is_missing_is_rejected(published):
    register(published.raw, "ghost", "documents/ghost.txt")
    assert published.refresh().success
    row = published.table("rejections").filter(pl.col("source_id") == "ghost").row(0, named=True)
    assert (row["reason"], row["detail"]) == ("missing_file", "raw/documents/ghost.txt: file not found (registry line 71)")


def test_figures_that_cannot_be_published_go_to_rejections_with_their_reason():
    sources = pl.DataFrame({"source_id": ["s"], "published": [__import__("datetime").date(2025, 4, 1)]})
    fx = pl.DataFrame({"currency": ["EUR"], "year": [2025], "eur_per_unit": [1.0], "usd_per_unit": [1.13]})
    base = {"source_id": "s", "quote": "q", "quote_start": 0, "location": "body", "counted": None, "hardware": None,
            "period_start": None, "period_end": None, "period_text": None, "period_quarter": None, "geo": None,
            "topic": "other", "char_end": 1}
    rows = [
        base | {"char_start": 0, "figure_text": "12 roubles", "value": 12.0, "value_low": 12.0, "value_high": 12.0,
                "bound": "exact", "unit": "RUB", "metric": "amount"},
        base | {"char_start": 1, "figure_text": "-3 GPU", "value": -3.0, "value_low": -3.0, "value_high": -3.0,
                "bound": "exact", "unit": "count", "metric": "gpu_count"},
        base | {"char_start": 2, "figure_text": "120 %", "value": 120.0, "value_low": 120.0, "value_high": 120.0,
                "bound": "exact", "unit": "percent", "metric": "market_share"},
        base | {"char_start": 3, "figure_text": "5 €", "value": 5.0, "value_low": 5.0, "value_high": 5.0,
                "bound": "exact", "unit": "EUR", "metric": "amount"},
        base | {"char_start": 4, "figure_text": "7 milliards", "value": 7e9, "value_low": 7e9, "value_high": 7e9,
                "bound": "exact", "unit": "XXX", "metric": "amount"},
    ]
    facts, rejected = normalise_facts(pl.DataFrame(rows), sources, fx)
    assert rejected.select("reason").to_series().to_list() == ["unknown_currency", "negative_count", "share_over_100_percent"]
    assert rejected["detail"][0] == "12 roubles RUB (unknown_currency) at characters 0-1: q"
    assert facts.select("figure_text", "value_eur", "value_usd", "fx_year").rows() == [
        ("5 €", 5.0, pytest.approx(5.65), 2025), ("7 milliards", None, None, None)]


def test_a_process_killed_during_publication_leaves_the_previous_release_complete(published, tmp_path):
    before = published.published()
    release = current_release_dir(published.warehouse)
    # Something to publish (an unchanged refresh publishes nothing): a document gains a figure.
    doc = published.raw / "documents" / "004_2092384b85dd452f.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "\nIl faudra 3 milliards d'euros.\n", encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        import pipelines.publication as publication
        def stall(*args, **kwargs):
            print("building", flush=True)
            time.sleep(600)
        publication.write_duckdb = stall  # the run dies while the new release is half written
        from tests.project import Project
        from pathlib import Path
        project = Project(Path({str(published.raw)!r}), Path({str(published.warehouse.parent)!r}))
        project.refresh(full=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert proc.stdout.readline().strip() == "building"
        staging = list((published.warehouse / "releases").glob(".staging-*"))
        assert staging and (staging[0] / "parquet" / "facts.parquet").exists()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert current_release_dir(published.warehouse) == release
    assert published.published() == before
    con = duckdb.connect(str(published.warehouse / DATABASE_FILE), read_only=True)
    try:
        assert con.execute("select count(*) from facts").fetchall()[0][0] == published.table("facts").height
    finally:
        con.close()
    # The next refresh publishes normally.
    assert published.refresh(full=True).success
    assert current_release_dir(published.warehouse) != release


def test_two_refreshes_at_once_the_second_refuses_and_nothing_is_corrupted(published):
    before = published.published()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            sys.path.insert(0, {str(ROOT)!r})
            from pathlib import Path
            from pipelines.refresh import refresh_lock
            with refresh_lock(Path({str(published.warehouse)!r})):
                print("locked", flush=True)
                time.sleep(600)
        """)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(RefreshBusy, match=r"another refresh is running \(pid \d+ since .*\); nothing was changed"):
            published.refresh(full=True)
    finally:
        holder.kill()
        holder.wait(timeout=60)
    assert published.published() == before
    assert published.refresh(full=True).success


def test_the_refresh_command_refuses_with_exit_code_75_when_another_runs(published):
    env = os.environ | {"EAC_RAW_DIR": str(published.raw), "EAC_WAREHOUSE_DIR": str(published.warehouse),
                        "EAC_WORK_DIR": str(published.warehouse.parent / "work"),
                        "DAGSTER_HOME": str(published.warehouse.parent / "dagster_home")}
    from pipelines.refresh import refresh_lock

    with refresh_lock(published.warehouse):
        done = subprocess.run([sys.executable, "-m", "pipelines.refresh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 75
    assert "refresh refused: another refresh is running" in done.stderr


def test_an_analyst_holding_the_database_open_does_not_block_a_refresh(published):
    analyst = duckdb.connect(str(published.warehouse / DATABASE_FILE), read_only=True)
    try:
        (old_release,) = analyst.execute("select release_id from meta_release").fetchall()[0]
        doc = published.raw / "documents" / "004_2092384b85dd452f.txt"
        doc.write_text(doc.read_text(encoding="utf-8") + "\nIl faudra 3 milliards d'euros.\n", encoding="utf-8")
        started = time.perf_counter()
        outcome = published.refresh()
        assert outcome.success, outcome.errors
        assert time.perf_counter() - started < 100  # a lock wait would take ~110 s before failing
        assert analyst.execute("select release_id from meta_release").fetchall() == [(old_release,)]
    finally:
        analyst.close()
    fresh = duckdb.connect(str(published.warehouse / DATABASE_FILE), read_only=True)
    try:
        assert fresh.execute("select count(*) from facts where figure_text = '3 milliards d''euros'").fetchall() == [(1,)]
    finally:
        fresh.close()
