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
        (lambda t: t.replace("language: fr", "language: it", 1), r"field 'language': unknown or unsupported language code 'it'"),
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
    line = (published.raw / "sources.yaml").read_text(encoding="utf-8").splitlines().index("- id: ghost") + 1
    assert published.refresh().success
    row = published.table("rejections").filter(pl.col("source_id") == "ghost").row(0, named=True)
    assert (row["reason"], row["detail"]) == ("missing_file", f"raw/documents/ghost.txt: file not found (registry line {line})")


def test_figures_that_cannot_be_published_go_to_rejections_with_their_reason():
    sources = pl.DataFrame({"source_id": ["s"], "published": [__import__("datetime").date(2025, 4, 1)]})
    fx = pl.DataFrame({"currency": ["EUR"], "year": [2025], "eur_per_unit": [1.0], "usd_per_unit": [1.13]})
    base = {"source_id": "s", "quote": "q", "quote_start": 0, "location": "body", "counted": None, "hardware": None,
            "period_start": None, "period_end": None, "period_text": None, "period_quarter": None, "geo": None,
            "topic": "other", "topic_evidence": "none", "char_end": 1}
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


def test_an_amount_in_a_currency_without_ecb_rates_is_a_rejection_not_a_count():
    # "dirhams" were read as a count of 1e11 things; read as MAD, which has no ECB rate, the amount
    # is refused with its reason, while the rupees (INR, an ECB currency) are converted
    from pipelines.extraction.document import extract_document
    from pipelines.fx_rates import annual_average_rates, load_ecb_daily_rates

    text = "Le Maroc vise 100 milliards de dirhams d'ici 2030 et l'Inde 50 milliards de roupies."
    extracted = extract_document(text, "fr", 2024).with_columns(pl.lit("s").alias("source_id"))
    assert extracted.select("figure_text", "unit").rows() == [("100 milliards de dirhams", "MAD"), ("50 milliards de roupies", "INR")]
    sources = pl.DataFrame({"source_id": ["s"], "published": [__import__("datetime").date(2024, 6, 1)]})
    facts, rejected = normalise_facts(extracted, sources, annual_average_rates(load_ecb_daily_rates()))
    assert rejected.select("reason", pl.col("detail").str.slice(0, 36)).rows() == [
        ("unknown_currency", "100 milliards de dirhams MAD (unknow")]
    assert facts.select("figure_text", "unit").rows() == [("50 milliards de roupies", "INR")]
    assert facts["value_eur"][0] == pytest.approx(50e9 / 89.97, rel=0.05)  # about 90 rupees per euro in 2024


def test_dinars_are_money_of_the_country_the_text_names_not_a_count():
    # "dinars" were read as a count of 5.44e10 things; a plain dinar is the dinar of the country the
    # text names (Tunisia here), a named one stays its own, and none has an ECB rate: both refused
    from pipelines.extraction.document import extract_document
    from pipelines.fx_rates import annual_average_rates, load_ecb_daily_rates

    text = ("En Tunisie, les start-up ont levé 23,2 millions de dinars en 2020, selon la Banque centrale de Tunisie. "
            "Le revenu de l'opérateur atteint 54,4 milliards de dinars algériens.")
    extracted = extract_document(text, "fr", 2024).with_columns(pl.lit("s").alias("source_id"))
    assert extracted.select("figure_text", "unit", "value").rows() == [
        ("23,2 millions de dinars", "TND", 23_200_000.0), ("54,4 milliards de dinars algériens", "DZD", 54_400_000_000.0)]
    sources = pl.DataFrame({"source_id": ["s"], "published": [__import__("datetime").date(2024, 6, 1)]})
    facts, rejected = normalise_facts(extracted, sources, annual_average_rates(load_ecb_daily_rates()))
    assert rejected["reason"].to_list() == ["unknown_currency", "unknown_currency"]
    assert facts.height == 0


@pytest.mark.slow  # a full refresh in a separate process, killed, then a full refresh
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
        # The release's forms are written side by side (publication.build_release): while the
        # database stalls, the Parquet files are written; the run is killed once they are.
        facts_file = None
        for _ in range(600):
            staging = list((published.warehouse / "releases").glob(".staging-*"))
            if staging and (staging[0] / "parquet" / "facts.parquet").exists():
                facts_file = staging[0] / "parquet" / "facts.parquet"
                break
            time.sleep(0.1)
        assert facts_file is not None, "the release's Parquet files were never written"
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
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


def _mount_tmpfs(path: Path, options: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {done.stderr.strip()}")


def _unmount(path: Path) -> None:
    # a file still open in it (a lock, a log) makes umount fail: detach it then, or each run of the
    # suite leaves one more mount behind
    if subprocess.run(["umount", str(path)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


BAD_DOCUMENTS = {
    # invisible characters inside numbers, and a byte-order mark before the first sentence
    "zero-width": "\ufeffLa France investira 5\u200d000 milliards d'euros. Le plan prévoit 1\u200f2 milliards d'euros.\n",
    # markup: figures inside tags, comments and scripts are not facts; the text between tags is
    "markup": ('<p>Voir <img src=x onerror=alert(1)> et <a href="javascript:f(3)">le lien</a>.</p>\n'
               "<script>var n = 500;</script><p>L'État a mis <b>12 milliards d'euros</b> sur la table.</p>\n"),
    # numbers the rules cannot read exactly
    "huge-numbers": ("Un total de 10^400 euros est annoncé. Un autre de 1e309 euros.\n"
                     "Enfin 123456789012345678901234 euros et " + "9" * 401 + " euros.\n"),
    # a sentence over the 400-character cap with its figure where the cap falls
    "long-sentence": "Un long texte " + "x" * 360 + " bla bla avec 20 milliards d'euros ensuite " + "fin " * 40 + ".\n",
}


def test_bad_documents_are_read_right_or_rejected_and_a_fifo_never_hangs_the_refresh(published):
    facts_before = published.table("facts")
    for source_id, text in BAD_DOCUMENTS.items():
        add_document(published, source_id, text.encode("utf-8"))
    os.mkfifo(published.raw / "documents" / "pipe.txt")  # opening it for reading would block forever
    register(published.raw, "pipe", "documents/pipe.txt")
    outcome = published.refresh()
    assert outcome.success, outcome.errors

    facts = published.table("facts")
    new = facts.filter(pl.col("source_id").is_in(list(BAD_DOCUMENTS))).sort("source_id", "char_start")
    assert new.select("source_id", "figure_text", "value", "unit").rows() == [
        ("long-sentence", "20 milliards d'euros", 2e10, "EUR"),
        ("markup", "12 milliards d'euros", 1.2e10, "EUR"),
        ("zero-width", "5\u200d000 milliards d'euros", 5e12, "EUR"),
        ("zero-width", "1\u200f2 milliards d'euros", 1.2e10, "EUR"),
    ]
    for row in new.iter_rows(named=True):  # spans index the file as stored; no BOM in a quote
        text = BAD_DOCUMENTS[row["source_id"]]
        assert text[row["char_start"]:row["char_end"]] == row["figure_text"]
        assert text[row["quote_start"]:row["quote_start"] + len(row["quote"])] == row["quote"]
        assert not row["quote"].startswith("\ufeff")
    assert facts.filter(~pl.col("source_id").is_in(list(BAD_DOCUMENTS))).equals(facts_before)

    rejected = published.table("rejections").filter(pl.col("source_id").is_in([*BAD_DOCUMENTS, "pipe"]))
    assert sorted(rejected.select("source_id", "stage", "reason").rows()) == [
        ("huge-numbers", "normalise", "too_many_digits"),
        ("huge-numbers", "normalise", "too_many_digits"),
        ("huge-numbers", "normalise", "unreadable_notation"),
        ("huge-numbers", "normalise", "unreadable_notation"),
        ("pipe", "ingest", "not_a_regular_file"),
    ]
    details = sorted(rejected["detail"].to_list())
    assert "10^400 unreadable (unreadable_notation) at characters 12-18: Un total de 10^400 euros est annoncé." in details
    assert "raw/documents/pipe.txt: is not a regular file (a named pipe); only regular files are read" in details
    assert "pipe" not in published.table("sources")["source_id"].to_list()


def test_a_document_over_its_budget_is_rejected_and_the_others_publish(published, monkeypatch):
    facts_before = published.table("facts")
    add_document(published, "slow", ("Le plan prévoit 12 milliards d'euros. " * 200).encode("utf-8"))
    monkeypatch.setenv("EAC_DOCUMENT_SECONDS", "0.000001")  # only the new document is extracted
    outcome = published.refresh()
    assert outcome.success, outcome.errors
    row = published.table("rejections").filter(pl.col("source_id") == "slow").row(0, named=True)
    assert (row["stage"], row["reason"]) == ("extract", "too_slow")
    assert row["detail"].startswith("raw/documents/slow.txt: extraction stopped after ")
    assert row["detail"].endswith(" s, over the budget of 1e-06 s per document (EAC_DOCUMENT_SECONDS)")
    assert published.table("facts").equals(facts_before)


def test_staging_of_a_dead_run_is_removed_by_the_next_and_release_files_are_read_only(published):
    import stat as stat_module

    abandoned = published.warehouse / "releases" / ".staging-dead-run"
    (abandoned / "parquet").mkdir(parents=True)
    (abandoned / "parquet" / "facts.parquet").write_bytes(b"half written")
    assert published.refresh(full=True).success
    assert not abandoned.exists()
    release = current_release_dir(published.warehouse)
    files = [p for p in release.rglob("*") if p.is_file()]
    assert files and {stat_module.S_IMODE(p.stat().st_mode) for p in files} == {0o444}


def test_a_full_work_folder_is_a_one_line_cause_and_leaves_no_partial_file(tmp_path):
    from pipelines.document_store import DocumentRecord, DocumentStore
    from pipelines.storage import StorageError

    work = tmp_path / "work"
    _mount_tmpfs(work, "size=64k")
    try:
        store = DocumentStore(work)
        figures = pl.DataFrame({"quote": [str(i) * 50 for i in range(100_000)]})
        record = DocumentRecord("doc", "f" * 24, "0" * 64, 1, "extracted")
        with pytest.raises(StorageError) as failure:
            store.write(record, figures)
        assert str(failure.value) == (f"cannot write figures.parquet in {work / 'doc'}: "
                                      "no space left on the device: free some space and run again")
        assert list((work / "doc").iterdir()) == []  # no partial, no 0-byte file
    finally:
        _unmount(work)


def test_a_read_only_warehouse_is_a_one_line_error_from_the_command(published):
    readonly = published.warehouse.parent / "readonly-warehouse"
    _mount_tmpfs(readonly, "ro,size=64k")
    try:
        env = os.environ | {"EAC_RAW_DIR": str(published.raw), "EAC_WAREHOUSE_DIR": str(readonly),
                            "EAC_WORK_DIR": str(published.warehouse.parent / "work"),
                            "DAGSTER_HOME": str(published.warehouse.parent / "dagster_home")}
        done = subprocess.run([sys.executable, "-m", "pipelines.refresh"], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=300)
    finally:
        _unmount(readonly)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f"refresh FAILED, nothing was published: cannot write {readonly / '.refresh.lock'}: the file system is read-only")
    assert "Traceback" not in done.stderr


def test_the_refresh_command_refuses_before_importing_dagster(published):
    env = os.environ | {"EAC_WAREHOUSE_DIR": str(published.warehouse)}
    probe = textwrap.dedent("""
        import runpy, sys
        try:
            runpy.run_module("pipelines.refresh", run_name="__main__")
        except SystemExit as exit:
            print(exit.code, "dagster" in sys.modules, "polars" in sys.modules)
    """)
    from pipelines.refresh import refresh_lock

    with refresh_lock(published.warehouse):
        done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["75", "False", "False"]
    assert done.stderr.startswith("refresh refused: another refresh is running (pid ")


def test_the_ui_preview_escapes_markup_in_quotes():
    from pipelines.defs.previews import table_metadata

    frame = pl.DataFrame({"quote": ['<img src=x onerror="alert(1)"> 12 | 13 & <a href="javascript:f()">']})
    preview = table_metadata(frame)["preview"].value
    # cut at 60 characters, then escaped: no tag can open
    assert preview.splitlines()[2] == '&lt;img src=x onerror="alert(1)"&gt; 12 \\| 13 &amp; &lt;a href="javascript'


def test_a_full_warehouse_fails_with_one_line_and_the_previous_release_stays_byte_identical(built_project, tmp_path):
    warehouse = tmp_path / "warehouse"
    _mount_tmpfs(warehouse, "size=8m")
    try:
        project = built_project.copy_to(tmp_path)  # the published release, on the small file system
        before = project.published()
        release = current_release_dir(project.warehouse)
        free = os.statvfs(warehouse).f_bavail * os.statvfs(warehouse).f_frsize
        (warehouse / "filler").write_bytes(b"\0" * (free - 32 * 1024))  # leave 32 KB: less than a release
        doc = project.raw / "documents" / "004_2092384b85dd452f.txt"
        doc.write_text(doc.read_text(encoding="utf-8") + "\nIl faudra 3 milliards d'euros.\n", encoding="utf-8")
        outcome = project.refresh()
        assert not outcome.success
        assert outcome.errors == [f"release: pipelines.storage.StorageError: cannot build the release in {warehouse / 'releases'}: "
                                  "no space left on the device: free some space and run again; the previous release stays published"]
        assert project.published() == before
        assert current_release_dir(project.warehouse) == release
        assert list((warehouse / "releases").glob(".staging-*")) == []
    finally:
        _unmount(warehouse)
