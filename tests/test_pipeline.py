"""The whole pipeline, run as a refresh (one in-process Dagster run) on private copies of raw/."""

import re
import textwrap

import duckdb
import polars as pl
import pytest

from pipelines.contract import TABLES
from pipelines.publication import DATABASE_FILE, current_release_dir
from pipelines.registry import RegistryError
from tests.project import register


def test_the_definitions_have_a_blocking_contract_check_per_table_and_automation(project):
    graph = project.defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert set(TABLES) | {"source_registry", "document_figures", "extracted_figures", "release"} <= keys
    checks = {(k.asset_key.to_user_string(), k.name) for k in graph.asset_check_keys}
    assert {(name, f"{name}_matches_contract") for name in TABLES} <= checks
    assert ("ai_factory_reference", "ai_factory_figures_are_reviewed") in checks  # a warning: reviewers' to-do list
    assert {s.name for s in project.defs.sensors} == {"raw_documents_sensor"}
    assert {s.name for s in project.defs.schedules} == {"nightly_full_refresh"}


@pytest.mark.slow  # two full refreshes from nothing (the shared build is checked by every fast test that reads it)
def test_a_full_refresh_publishes_every_table_and_a_rerun_gives_identical_parquet(project):
    outcome = project.refresh(full=True)
    assert outcome.success, outcome.errors
    assert outcome.extracted == [
        "ifri-2025-startups-ia-generative", "atomico-2025-state-of-european-tech-article", "reboot-2025-france-bataille-ia",
        "inas-2025-investai-usines-ia", "future-society-2025-modeles-ouverts-frontiere",
        "eurohpc-2025-ai-factories-rounds", "eurohpc-2025-top500-systems", "eurohpc-2021-ju-budget",
        "eurostat-2025-ai-use-enterprises", "ec-2025-usines-ia-note"]
    con = duckdb.connect(str(project.warehouse / DATABASE_FILE), read_only=True)
    try:
        assert con.execute("select count(*) from sources").fetchall() == [(10,)]
        # Nothing is dropped in silence: every figure extracted is a fact or a rejection with its reason.
        extracted = project.storage.documents.read_results(outcome.extracted).records.get_column("n_figures").sum()
        (n_facts,) = con.execute("select count(*) from facts").fetchall()[0]
        (n_refused,) = con.execute("select count(*) from rejections where stage in ('extract', 'normalise', 'curation') "
                                   "and reason != 'annotation_not_applied'").fetchall()[0]
        assert n_facts > 100 and n_facts + n_refused == extracted
        # Counts that number the parts of an argument are rejections, not facts.
        (n_discourse,) = con.execute("select count(*) from rejections where stage = 'extract' "
                                     "and reason = 'discourse_count'").fetchall()[0]
        assert n_discourse == 10  # the heading "three selection rounds" is a count of rounds
        assert con.execute("select count(*) from facts where figure_text in ('trois axes', 'Deux modèles', 'Deux dynamiques')"
                           ).fetchall() == [(0,)]
        assert con.execute("select count(*) from facts where position(figure_text in quote) = 0").fetchall() == [(0,)]
        (usd_2024,) = con.execute("select units_per_eur from fx_rates where currency = 'USD' and year = 2024").fetchall()[0]
        assert round(usd_2024, 4) == 1.0824
    finally:
        con.close()
    def files():
        return {path: (project.warehouse / path).read_bytes()
                for name in TABLES for path in (f"parquet/{name}.parquet", f"csv/{name}.csv")}

    first = files()
    again = project.refresh(full=True)
    assert again.success
    second = files()
    assert first == second
    # The nightly full refresh of unchanged inputs publishes nothing and adds no changelog entry.
    assert again.release == outcome.release and [p.name for p in (project.warehouse / "releases").iterdir()] == [outcome.release.name]
    assert (project.warehouse / "CHANGELOG.md").read_text().count("## Release") == 1
    assert f"release {outcome.release.name} stays current, nothing was published" in again.summary()


def test_an_incremental_refresh_extracts_only_what_changed(published):
    facts_before = published.table("facts")

    unchanged = published.refresh()
    assert not unchanged.ran and unchanged.plan.unchanged and not unchanged.plan.to_extract

    doc = published.raw / "documents" / "004_2092384b85dd452f.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "\nLe budget atteint 12 millions d'euros en 2025.\n", encoding="utf-8")
    changed = published.refresh()
    assert changed.success, changed.errors
    assert changed.extracted == ["future-society-2025-modeles-ouverts-frontiere"]
    facts = published.table("facts")
    new = facts.join(facts_before, on="fact_id", how="anti")
    assert new.select("source_id", "figure_text", "value", "unit").rows() == [
        ("future-society-2025-modeles-ouverts-frontiere", "12 millions d'euros", 12_000_000.0, "EUR")]
    others = pl.col("source_id") != "future-society-2025-modeles-ouverts-frontiere"
    assert facts.filter(others).equals(facts_before.filter(others))


def test_a_document_removed_from_the_registry_is_removed_from_the_dataset(published):
    registry = published.raw / "sources.yaml"
    text = registry.read_text(encoding="utf-8")
    start = text.index("- id: future-society-2025")
    registry.write_text(text[:start] + text[text.index("\n\n", start) + 2:], encoding="utf-8")  # that entry only
    # Its reviewed annotations and reference statements go with it (naming an unregistered
    # source is an error: a typo cannot be told from a removal).
    (published.raw / "curation" / "future-society-2025-modeles-ouverts-frontiere.yaml").unlink()
    claims = published.raw / "reference" / "claims.yaml"
    claims.write_text(re.sub(r"\n\s+- source: future-society-2025-modeles-ouverts-frontiere\n\s+quote: [^\n]*", "",
                             claims.read_text(encoding="utf-8")), encoding="utf-8")
    factories = published.raw / "reference" / "ai_factories.yaml"
    factories.write_text(re.sub(r"\n\s+- source: future-society-2025-modeles-ouverts-frontiere\n(?:\s+(?:quote|funding): [^\n]*\n)*", "\n",
                                factories.read_text(encoding="utf-8")), encoding="utf-8")
    outcome = published.refresh()
    assert outcome.success and outcome.plan.removed == ("future-society-2025-modeles-ouverts-frontiere",)
    assert "future-society-2025-modeles-ouverts-frontiere" not in published.table("sources")["source_id"].to_list()
    assert "future-society-2025-modeles-ouverts-frontiere" not in published.table("facts")["source_id"].to_list()
    # ... and from the document store (its folder and its row of the index).
    assert published.storage.documents.source_ids() == sorted([
        "ifri-2025-startups-ia-generative", "atomico-2025-state-of-european-tech-article", "reboot-2025-france-bataille-ia",
        "inas-2025-investai-usines-ia", "eurohpc-2025-ai-factories-rounds", "eurohpc-2025-top500-systems",
        "eurohpc-2021-ju-budget", "eurostat-2025-ai-use-enterprises", "ec-2025-usines-ia-note"])
    assert published.storage.documents.index().get_column("source_id").to_list() == published.storage.documents.source_ids()


def test_an_unreadable_document_is_rejected_and_the_others_published(project):
    (project.raw / "documents" / "broken.txt").write_bytes("Budget : 12 millions d'€".encode("utf-16"))
    register(project.raw, "broken-utf16", "documents/broken.txt")
    assert project.refresh(full=True).success
    row = project.table("rejections").filter(pl.col("source_id") == "broken-utf16").row(0, named=True)
    assert (row["stage"], row["reason"]) == ("ingest", "not_utf8")
    assert "raw/documents/broken.txt: UTF-16 text" in row["detail"]
    assert project.table("sources").height == 10


def test_a_run_whose_validation_fails_publishes_nothing(published, monkeypatch):
    before = published.published()

    from pipelines import topic_tables

    real = topic_tables.compute_table
    monkeypatch.setattr("pipelines.defs.topics.compute_table",
                        lambda facts, entities: real(facts, entities).with_columns(pl.lit("nowhere").alias("geo")))
    outcome = published.refresh(full=True)
    assert not outcome.success
    assert any("compute.compute_matches_contract failed" in e for e in outcome.errors)
    assert published.published() == before


def test_a_malformed_registry_stops_the_refresh_before_anything_is_published(project):
    registry = project.raw / "sources.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("language: fr", "language: klingon", 1), encoding="utf-8")
    with pytest.raises(RegistryError, match=r"sources.yaml: line 8: entry #1 \(ifri-2025-startups-ia-generative\), field 'language'"):
        project.refresh(full=True)
    assert current_release_dir(project.warehouse) is None


def test_a_stale_curation_entry_fails_the_run_naming_file_and_entry(published):
    before = published.published()
    curation = published.raw / "curation" / "inas-2025-investai-usines-ia.yaml"
    curation.write_text(curation.read_text(encoding="utf-8") + textwrap.dedent("""
        - quote: "300 milliards de dollars"
          entity: stargate
          note: a figure the source does not state
        """), encoding="utf-8")
    outcome = published.refresh()
    assert not outcome.success
    assert any("curated_figures.curation_is_current failed" in e
               and 'raw/curation/inas-2025-investai-usines-ia.yaml: entry 5 (quote "300 milliards de dollars"): matches no figure' in e
               for e in outcome.errors), outcome.errors
    assert published.published() == before


def test_entities_and_curation_reach_the_facts(built_project):
    facts = built_project.table("facts")
    stargate = facts.filter(pl.col("figure_text") == "500 milliards de dollars").filter(
        pl.col("source_id") == "inas-2025-investai-usines-ia").row(0, named=True)
    # No period stated: converted at the publication year's rate (2025: 1.1300 USD per EUR).
    assert (stargate["entity_id"], stargate["extraction"], stargate["fx_year"]) == ("stargate", "curated", 2025)
    assert stargate["value_eur"] == pytest.approx(5e11 / 1.129983, rel=1e-6)
    entities = built_project.table("entities")
    eleven = entities.filter(pl.col("entity_id") == "elevenlabs").row(0, named=True)
    assert "OnzeLabs" in eleven["aliases"] and eleven["source_ids"] == ["atomico-2025-state-of-european-tech-article"]
