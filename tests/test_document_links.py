"""The links inside each document kept from one refresh to the next (pipelines.document_links):
the same frames as computing them on the whole corpus, computed again only for the documents
whose facts, text or link code changed."""

from pathlib import Path

import polars as pl
import pytest

from pipelines import document_links as links_module
from pipelines.citations import NOTE_LOCATIONS, note_links
from pipelines.claim_parts import part_links
from pipelines.document_links import document_links
from pipelines.facts import with_entity_scope
from pipelines.source_tables import iter_document_texts
from pipelines.step_parts import read_output


@pytest.fixture(scope="module")
def seed_inputs(built_project):
    storage = Path(built_project.instance.storage_directory())
    facts = read_output(storage / "normalised_facts", ["facts"])["facts"]
    facts = with_entity_scope(facts, read_output(storage / "entities"))
    return facts, read_output(storage / "sources"), read_output(storage / "source_registry"), built_project.raw


def _direct(facts, sources, registry, raw):
    published = set(sources.get_column("source_id").to_list())
    with_notes = facts.filter(pl.col("location").is_in(NOTE_LOCATIONS)).get_column("source_id").unique().to_list()
    numbers, cited = note_links(facts, iter_document_texts(raw, registry, sorted(set(with_notes) & published)))
    return part_links(facts), numbers, cited


def _same(links, direct) -> bool:
    parts, numbers, cited = direct
    return links.parts.equals(parts) and links.note_numbers.equals(numbers) and links.cited_notes.equals(cited)


def test_kept_links_equal_the_links_of_the_whole_corpus(seed_inputs, tmp_path) -> None:
    facts, sources, registry, raw = seed_inputs
    read = lambda ids: iter_document_texts(raw, registry, ids)  # noqa: E731
    store = tmp_path / "claims" / "links.parquet"
    direct = _direct(facts, sources, registry, raw)
    # the seeds hold parts ("dont") and figures in cited notes: the test compares real links
    assert direct[0].height > 0 and direct[1].height > 0 and direct[2].height > 0
    documents = facts.get_column("source_id").n_unique()

    cold = document_links(facts, sources, read, store)
    assert (cold.computed, cold.reused) == (documents, 0) and _same(cold, direct)
    warm = document_links(facts, sources, lambda ids: iter(()) if not ids else read(ids), store)
    assert (warm.computed, warm.reused) == (0, documents) and _same(warm, direct)

    # One document's facts change (a value): only it is read again, and the links follow it.
    changed_source = direct[0].join(facts.select(pl.col("fact_id").alias("part"), "source_id"), on="part")["source_id"][0]
    changed = facts.with_columns(
        pl.when(pl.col("source_id") == changed_source).then(pl.col("value_low") * 1000).otherwise(pl.col("value_low"))
        .alias("value_low"))
    again = document_links(changed, sources, read, store)
    assert (again.computed, again.reused) == (1, documents - 1)
    assert _same(again, _direct(changed, sources, registry, raw))

    # A document gone from the facts leaves the store.
    fewer = facts.filter(pl.col("source_id") != changed_source)
    after = document_links(fewer, sources, read, store)
    assert _same(after, _direct(fewer, sources, registry, raw))
    assert changed_source not in pl.read_parquet(store).get_column("source_id").to_list()


def test_a_change_of_the_link_code_or_of_the_text_computes_again(seed_inputs, tmp_path, monkeypatch) -> None:
    facts, sources, registry, raw = seed_inputs
    read = lambda ids: iter_document_texts(raw, registry, ids)  # noqa: E731
    store = tmp_path / "links.parquet"
    documents = facts.get_column("source_id").n_unique()
    document_links(facts, sources, read, store)
    retexted = sources.with_columns(pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("0" * 64))
                                    .otherwise(pl.col("sha256")).alias("sha256"))
    assert document_links(facts, retexted, read, store).computed == 1
    monkeypatch.setattr(links_module, "links_version", lambda: "another version of claim_parts")
    assert document_links(facts, retexted, read, store).computed == documents


def test_a_full_refresh_reuses_nothing_and_writes_the_store_anew(seed_inputs, tmp_path) -> None:
    facts, sources, registry, raw = seed_inputs
    read = lambda ids: iter_document_texts(raw, registry, ids)  # noqa: E731
    store = tmp_path / "links.parquet"
    documents = facts.get_column("source_id").n_unique()
    document_links(facts, sources, read, store)
    full = document_links(facts, sources, read, store, reuse=False)
    assert (full.computed, full.reused) == (documents, 0) and _same(full, _direct(facts, sources, registry, raw))
    assert document_links(facts, sources, read, store).reused == documents


def test_an_unreadable_store_is_a_cold_start(seed_inputs, tmp_path) -> None:
    facts, sources, registry, raw = seed_inputs
    store = tmp_path / "links.parquet"
    store.write_text("not parquet", encoding="utf-8")
    links = document_links(facts, sources, lambda ids: iter_document_texts(raw, registry, ids), store)
    assert links.reused == 0 and _same(links, _direct(facts, sources, registry, raw))


def _claims_metadata(project) -> dict:
    import dagster as dg

    event = project.instance.get_latest_materialization_event(dg.AssetKey("statement_claims"))
    return {k: v.value for k, v in event.asset_materialization.metadata.items()}


def test_a_refresh_keeps_the_links_a_full_one_finds_them_all(published, monkeypatch) -> None:
    documents = published.table("sources").height
    full = _claims_metadata(published)  # the build of the seeds: a full refresh
    assert (full["documents_linked_again"], full["documents_links_kept"]) == (documents, 0)
    assert full["components_kept"] == 0 and full["components_computed"] > 0
    # the table code changes: the tables are rebuilt, the links inside each document are kept
    monkeypatch.setattr("pipelines.release.pipeline_version", lambda: "a-new-version-of-the-table-code")
    outcome = published.refresh()
    assert outcome.ran and outcome.success and outcome.extracted == []
    again = _claims_metadata(published)
    assert (again["documents_linked_again"], again["documents_links_kept"]) == (0, documents)
    # and so are the claims' constrained components (pipelines.claim_components), with the same claims
    assert (again["components_computed"], again["components_kept"]) == (0, full["components_computed"])
    assert again["claims"] == full["claims"]
