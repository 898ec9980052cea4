import datetime as dt
import hashlib
import json
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.contract import TABLES
from pipelines.fx_rates import annual_average_rates, load_ecb_daily_rates
from pipelines.publication import (
    DATABASE_FILE, PublicationError, ReleaseInfo, current_release_dir, publish_release, validate_tables,
)
from pipelines.registry import load_registry
from pipelines.source_tables import registry_frame, sources_frame
from tests.test_registry import documents_frame

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def frames() -> dict[str, pl.DataFrame]:
    raw = ROOT / "raw"
    entries = load_registry(raw)
    tables = {name: table.empty() for name, table in TABLES.items()}
    tables["sources"] = sources_frame(registry_frame(entries), documents_frame(raw, entries))
    tables["fx_rates"] = annual_average_rates(load_ecb_daily_rates())
    return tables


def release(n: int) -> ReleaseInfo:
    return ReleaseInfo(f"2026010{n}T000000Z-test{n}", dt.datetime(2026, 1, n, tzinfo=dt.timezone.utc), {"n": n})


def snapshot(warehouse: Path) -> dict[str, str]:
    """Checksum of every published file, reached through the public paths."""
    files = [warehouse / DATABASE_FILE, warehouse / "datapackage.json", *sorted((warehouse / "parquet").glob("*.parquet"))]
    return {str(p.relative_to(warehouse)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_a_release_has_every_table_in_three_forms(tmp_path, frames):
    folder = publish_release(frames, release(1), tmp_path)
    assert current_release_dir(tmp_path) == folder
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert [r["name"] for r in package["resources"] if r["format"] == "parquet"] == list(TABLES)
    facts = next(r for r in package["resources"] if r["name"] == "facts")
    assert facts["schema"]["primaryKey"] == ["fact_id"]
    assert {"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}} in facts["schema"]["foreignKeys"]
    for name in TABLES:
        parquet = pl.read_parquet(tmp_path / "parquet" / f"{name}.parquet")
        assert parquet.schema == TABLES[name].polars_schema
    con = duckdb.connect(str(tmp_path / DATABASE_FILE), read_only=True)
    try:
        assert con.execute("select count(*) from sources").fetchall() == [(10,)]
        assert con.execute("select release_id from meta_release").fetchall() == [("20260101T000000Z-test1",)]
        tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
        assert set(TABLES) <= tables
    finally:
        con.close()
    assert not list(folder.glob("*.wal"))


def test_parquet_files_are_byte_identical_across_runs(tmp_path, frames):
    a = publish_release(frames, release(1), tmp_path / "a")
    b = publish_release(frames, release(2), tmp_path / "b")
    for name in TABLES:
        assert (a / "parquet" / f"{name}.parquet").read_bytes() == (b / "parquet" / f"{name}.parquet").read_bytes(), name


def test_a_release_that_fails_validation_leaves_the_previous_one_byte_identical(tmp_path, frames):
    publish_release(frames, release(1), tmp_path)
    before = snapshot(tmp_path)
    broken = dict(frames)
    broken["sources"] = frames["sources"].with_columns(pl.lit("xx-bad").alias("language"))
    with pytest.raises(PublicationError, match=r"sources: column 'language' fails str_matches"):
        publish_release(broken, release(2), tmp_path)
    assert snapshot(tmp_path) == before
    assert current_release_dir(tmp_path).name == "20260101T000000Z-test1"
    assert [p.name for p in (tmp_path / "releases").iterdir()] == ["20260101T000000Z-test1"]


def test_a_release_that_fails_while_writing_leaves_the_previous_one_in_place(tmp_path, frames, monkeypatch):
    publish_release(frames, release(1), tmp_path)
    before = snapshot(tmp_path)

    def crash(*args, **kwargs):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr("pipelines.publication.write_duckdb", crash)
    with pytest.raises(OSError, match="simulated"):
        publish_release(frames, release(2), tmp_path)
    assert snapshot(tmp_path) == before
    assert [p.name for p in (tmp_path / "releases").iterdir()] == ["20260101T000000Z-test1"]


def test_foreign_keys_are_checked_across_tables(frames):
    assert validate_tables(frames) == []
    compute = TABLES["compute"]
    values = {"fact_id": "f1", "source_id": "no-such-source", "topic": "compute", "metric": "gpu_count", "value": 1.0,
              "unit": "count", "bound": "exact", "as_of": dt.date(2025, 1, 1), "quote": "1 GPU"}
    row = {c: values.get(c) for c in compute.polars_schema.names()}
    broken = dict(frames) | {"compute": pl.DataFrame([row], schema=compute.polars_schema)}
    problems = validate_tables(broken)
    assert "compute.fact_id: 1 value(s) not in facts.fact_id, e.g. ['f1']" in problems
    assert "compute.source_id: 1 value(s) not in sources.source_id, e.g. ['no-such-source']" in problems


def test_an_analyst_holding_the_database_open_does_not_block_a_refresh(tmp_path, frames):
    publish_release(frames, release(1), tmp_path)
    analyst = duckdb.connect(str(tmp_path / DATABASE_FILE), read_only=True)
    try:
        publish_release(frames, release(2), tmp_path)
        # The analyst keeps a consistent snapshot of the release they opened...
        assert analyst.execute("select release_id from meta_release").fetchall() == [("20260101T000000Z-test1",)]
    finally:
        analyst.close()
    # ...and a new connection sees the new release.
    fresh = duckdb.connect(str(tmp_path / DATABASE_FILE), read_only=True)
    try:
        assert fresh.execute("select release_id from meta_release").fetchall() == [("20260102T000000Z-test2",)]
    finally:
        fresh.close()


def test_old_releases_are_pruned(tmp_path, frames):
    for n in range(1, 6):
        publish_release(frames, release(n), tmp_path)
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == [
        "20260103T000000Z-test3", "20260104T000000Z-test4", "20260105T000000Z-test5"]


def built_from(n: int, inputs: dict) -> ReleaseInfo:
    return ReleaseInfo(f"2026010{n}T000000Z-test{n}", dt.datetime(2026, 1, n, tzinfo=dt.timezone.utc), inputs)


SAME = {"signature": {"documents": {"a": "1"}}, "row_counts": {"sources": 5}}


def test_a_refresh_with_unchanged_inputs_and_tables_publishes_nothing(tmp_path, frames):
    first = publish_release(frames, built_from(1, SAME | {"code": {"git_commit": "aaa"}}), tmp_path)
    before = snapshot(tmp_path)
    changelog = (tmp_path / "CHANGELOG.md").read_text()
    # Another commit of the code (a README edit) builds the same tables from the same inputs.
    again = publish_release(frames, built_from(2, SAME | {"code": {"git_commit": "bbb"}}), tmp_path)
    assert again == first == current_release_dir(tmp_path)
    assert [p.name for p in (tmp_path / "releases").iterdir()] == ["20260101T000000Z-test1"]
    assert snapshot(tmp_path) == before
    assert (tmp_path / "CHANGELOG.md").read_text() == changelog and changelog.count("## Release") == 1


def test_a_release_is_published_when_its_inputs_or_its_tables_changed(tmp_path, frames):
    publish_release(frames, built_from(1, SAME), tmp_path)
    other_inputs = publish_release(frames, built_from(2, SAME | {"fx_rates_source": "eurofxref-hist, newer"}), tmp_path)
    assert other_inputs.name == "20260102T000000Z-test2"
    rates = frames["fx_rates"].with_columns(
        pl.when(pl.int_range(pl.len()) == 0).then(pl.col("units_per_eur") * 1.01).otherwise(pl.col("units_per_eur")).alias("units_per_eur"))
    other_tables = publish_release(frames | {"fx_rates": rates}, built_from(3, SAME | {"fx_rates_source": "eurofxref-hist, newer"}), tmp_path)
    assert other_tables.name == "20260103T000000Z-test3" == current_release_dir(tmp_path).name
    assert (tmp_path / "CHANGELOG.md").read_text().count("## Release") == 3


def test_the_releases_kept_are_the_last_ones_that_changed(tmp_path, frames):
    for n in (1, 2, 3):
        publish_release(frames, built_from(n, {"n": n}), tmp_path)
    for n in range(4, 9):  # five nightly refreshes with nothing new
        assert publish_release(frames, built_from(n, {"n": 3}), tmp_path).name == "20260103T000000Z-test3"
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == [
        "20260101T000000Z-test1", "20260102T000000Z-test2", "20260103T000000Z-test3"]
    assert (tmp_path / "CHANGELOG.md").read_text().count("## Release") == 3


def test_the_release_carries_the_texts_of_the_sources_whose_licence_allows_it(tmp_path, frames):
    from pipelines.source_tables import document_texts, registry_frame
    from pipelines.source_texts import redistributable, redistributable_sources

    assert redistributable("CC-BY-4.0") and redistributable("cc by 4.0") and redistributable("Licence Ouverte 2.0")
    assert not redistributable("© Ifri 2025, all rights reserved") and not redistributable(None)
    allowed = redistributable_sources(frames["sources"])
    assert allowed == ["ec-2025-usines-ia-note", "eurohpc-2021-ju-budget", "eurohpc-2025-ai-factories-rounds",
                       "eurohpc-2025-top500-systems", "eurostat-2025-ai-use-enterprises"]
    texts = document_texts(ROOT / "raw", registry_frame(load_registry(ROOT / "raw")), allowed)
    publish_release(frames, release(1), tmp_path, texts)
    assert sorted(p.name for p in (tmp_path / "texts").iterdir()) == [f"{s}.txt" for s in allowed]
    # The converted text, byte for byte: the PDF's pages as the converter wrote them.
    pdf_text = (tmp_path / "texts" / "ec-2025-usines-ia-note.txt").read_text(encoding="utf-8")
    assert pdf_text.startswith("Note : l'Union européenne et le calcul pour l'IA\n")
    assert "| Décembre 2024 | 7 | 1 500 |\n" in pdf_text
    package = json.loads((tmp_path / "datapackage.json").read_text())
    resource = next(r for r in package["resources"] if r["name"] == "text-ec-2025-usines-ia-note")
    assert resource["path"] == "texts/ec-2025-usines-ia-note.txt" and resource["licenses"] == [{"name": "CC-BY-4.0"}]
    assert resource["hash"] == "sha256:" + hashlib.sha256(pdf_text.encode("utf-8")).hexdigest()
    assert not any(r["name"] == "text-ifri-2025-startups-ia-generative" for r in package["resources"])


def test_a_text_whose_licence_does_not_allow_redistribution_stops_the_release(tmp_path, frames):
    publish_release(frames, release(1), tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(PublicationError, match="licence does not allow redistribution: ifri-2025-startups-ia-generative"):
        publish_release(frames, release(2), tmp_path, {"ifri-2025-startups-ia-generative": "Le texte."})
    assert snapshot(tmp_path) == before
