"""The refresh plan (one pure function), the per-document fingerprint, the store's index and the
parallel extraction: what a refresh reads and extracts grows with what changed."""

import dataclasses
import os
import shutil
from pathlib import Path

import polars as pl
import pytest

from pipelines import fingerprint
from pipelines.document_extraction import BYTES_PER_WORKER, extract_documents, worker_count, workers_from_environment
from pipelines.document_record import DocumentRecord
from pipelines.document_store import INDEX_FILE, DocumentStore
from pipelines.entities import GAZETTEER_FILE, load_gazetteer
from pipelines.fingerprint import PACKAGE, files_hash, per_document_files
from pipelines.refresh_plan import StoredFile, current_fingerprints, plan_refresh
from pipelines.registry import load_registry
from pipelines.storage import StorageError
from tests.conftest import RAW

# --- plan_refresh: a pure function ---------------------------------------------------------------


def test_the_plan_sorts_documents_into_added_changed_removed_and_unchanged_in_registry_order():
    current = {"c": "3", "a": "1*", "d": "4", "b": "2"}
    stored = {"a": "1", "b": "2", "x": "9", "e": "5"}
    plan = plan_refresh(current, stored)
    assert (plan.added, plan.changed, plan.removed, plan.unchanged) == (("c", "d"), ("a",), ("e", "x"), ("b",))
    assert plan.to_extract == ("c", "a", "d")  # registry order
    assert plan.rebuild_tables and not plan.nothing_to_do


def test_the_plan_rebuilds_the_tables_only_when_a_document_or_the_inputs_signature_changed():
    same = {"a": "1", "b": "2"}
    published = {"registry": "r", "pipeline_version": "p1"}
    assert plan_refresh(same, same, published, published).nothing_to_do
    code_changed = plan_refresh(same, same, {"registry": "r", "pipeline_version": "p2"}, published)
    assert code_changed.to_extract == () and code_changed.rebuild_tables and not code_changed.nothing_to_do
    assert plan_refresh(same, same, published, None).rebuild_tables  # nothing published yet
    assert plan_refresh(same, same).rebuild_tables  # no signature given: rebuild


def test_a_full_plan_extracts_every_registered_document():
    plan = plan_refresh({"b": "2", "a": "1"}, {"a": "1", "b": "2"}, {"s": 1}, {"s": 1}, full=True)
    assert plan.to_extract == ("b", "a") and plan.unchanged == ("b", "a") and plan.rebuild_tables


# --- the per-document fingerprint: exactly the code per-document extraction runs -----------------


def _package_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "pipelines"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_table_builders_are_not_part_of_the_extractor_version():
    files = {p.relative_to(PACKAGE).as_posix() for p in per_document_files()}
    assert {"extraction/corpus.py", "extraction/document.py", "entities.py", "registry.py", "document_record.py",
            "fingerprint.py"} <= files
    assert not files & {"entities_table.py", "source_tables.py", "topic_tables.py", "claims.py", "facts.py",
                        "contract.py", "document_store.py", "refresh_plan.py", "defs/extract.py"}
    assert not any(f.startswith("converters/") and f not in ("converters/__init__.py", "converters/cache.py") for f in files)


def test_changing_a_table_builder_re_extracts_nothing_and_rebuilds_the_tables(tmp_path):
    package = _package_copy(tmp_path)
    before = files_hash(per_document_files(package), package)
    tables_before = files_hash(list(package.glob("**/*.py")), package)
    for builder in ("entities_table.py", "source_tables.py", "topic_tables.py"):
        path = package / builder
        path.write_text(path.read_text(encoding="utf-8") + "\n# a change to a table builder\n", encoding="utf-8")
    after = files_hash(per_document_files(package), package)
    assert after == before
    assert files_hash(list(package.glob("**/*.py")), package) != tables_before
    # The plan the command line and the sensor act on: no document to extract, the tables rebuilt.
    fingerprints = {"doc-a": "f1", "doc-b": "f2"}
    plan = plan_refresh(fingerprints, fingerprints, {"pipeline_version": "after"}, {"pipeline_version": "before"})
    assert plan.to_extract == () and plan.rebuild_tables


def test_changing_what_a_document_is_read_with_changes_the_extractor_version(tmp_path):
    package = _package_copy(tmp_path)
    before = files_hash(per_document_files(package), package)
    entities = package / "entities.py"  # entities are matched per document
    entities.write_text(entities.read_text(encoding="utf-8") + "\n# a change to entity matching\n", encoding="utf-8")
    assert files_hash(per_document_files(package), package) != before
    entities.write_text(entities.read_text(encoding="utf-8").removesuffix("\n# a change to entity matching\n"), encoding="utf-8")
    assert files_hash(per_document_files(package), package) == before
    (package / "extraction" / "rules.yaml").write_text("a: 1\n", encoding="utf-8")  # reference data of the rules
    assert files_hash(per_document_files(package), package) != before


def test_a_module_imported_by_per_document_code_joins_the_fingerprint(tmp_path):
    package = _package_copy(tmp_path)
    assert package / "topic_tables.py" not in per_document_files(package)
    corpus = package / "extraction" / "corpus.py"
    corpus.write_text(corpus.read_text(encoding="utf-8") + "\n\ndef _late():\n    from pipelines import topic_tables\n",
                      encoding="utf-8")
    assert package / "topic_tables.py" in per_document_files(package)


def test_imports_nested_in_any_statement_join_the_fingerprint(tmp_path):
    # the import walk visits statements only: imports under a class, a try, an if or a with count
    package = _package_copy(tmp_path)
    corpus = package / "extraction" / "corpus.py"
    nested = (
        "\n\nclass _Late:\n    def load(self):\n        try:\n            if True:\n"
        "                with open(__file__):\n                    from pipelines import topic_tables\n"
        "        except ImportError:\n            import pipelines.report\n"
    )
    corpus.write_text(corpus.read_text(encoding="utf-8") + nested, encoding="utf-8")
    files = per_document_files(package)
    assert package / "topic_tables.py" in files and package / "report.py" in files


# --- current fingerprints: an unchanged file is not read again ----------------------------------


def test_a_file_whose_size_and_time_are_recorded_is_not_read_again(raw_copy, monkeypatch):
    entries = load_registry(raw_copy)
    first = current_fingerprints(raw_copy, entries)
    stored = {}
    for entry in entries:
        info = os.stat(raw_copy / entry.file)
        stored[entry.source_id] = StoredFile(first[entry.source_id], fingerprint.file_sha256(raw_copy / entry.file),
                                             info.st_size, info.st_mtime_ns)
    read = []
    real = fingerprint.file_sha256
    monkeypatch.setattr("pipelines.refresh_plan.file_sha256", lambda path: read.append(path.name) or real(path))
    assert current_fingerprints(raw_copy, entries, stored) == first
    assert read == ["entities.yaml"]  # the gazetteer only
    # A document edited in place (same size, new time) is read again, and its change seen.
    doc = raw_copy / entries[2].file
    doc.write_bytes(doc.read_bytes().replace(b"milliards", b"milliones", 1))
    again = current_fingerprints(raw_copy, entries, stored)
    assert read[1:] == ["entities.yaml", doc.name]
    assert again[entries[2].source_id] != first[entries[2].source_id]
    assert {s: f for s, f in again.items() if s != entries[2].source_id} == {s: f for s, f in first.items() if s != entries[2].source_id}
    # --full reads every file.
    read.clear()
    current_fingerprints(raw_copy, entries, stored, rehash=True)
    assert len(read) == len(entries) + 1


# --- the document store's index -------------------------------------------------------------------


def _record(source_id: str, n: int, entities=(), unknown=()) -> DocumentRecord:
    return DocumentRecord(source_id, "f" * 24, "0" * 64, 10, "extracted", n_figures=n, entities=entities,
                          unknown_names=unknown, size=10, mtime_ns=1)


def _figures(source_id: str, n: int) -> pl.DataFrame:
    return pl.DataFrame({"source_id": [source_id] * n, "char_start": list(range(n))}, schema={"source_id": pl.String, "char_start": pl.Int64})


def test_the_index_is_updated_per_document_and_read_with_the_figures(tmp_path):
    store = DocumentStore(tmp_path / "store")
    for sid, n in (("b", 2), ("a", 1)):
        store.write(_record(sid, n, entities=("x", "y") if sid == "a" else ()), _figures(sid, n))
    store.update_index([store.record("a"), store.record("b")])
    store.write(_record("c", 3, unknown=(("Acme", 2, "Acme dit"),)), _figures("c", 3))
    store.update_index([store.record("c")], removed=["b"])
    store.delete("b")
    assert store.index().get_column("source_id").to_list() == ["a", "c"]
    results = store.read_results(["c", "a"])
    assert results.records.select("source_id", "n_figures").rows() == [("a", 1), ("c", 3)]
    assert results.mentions.rows() == [("a", "x"), ("a", "y")]
    assert results.unknown_names.rows() == [("Acme", "c", 2, "Acme dit")]
    assert results.figures.get_column("source_id").to_list() == ["a", "c", "c", "c"]
    # A lost index is rebuilt from the record files.
    (store.root / INDEX_FILE).unlink()
    assert store.index().equals(store.update_index([]))
    with pytest.raises(FileNotFoundError, match="document 'b' has no extraction"):
        store.read_results(["a", "b"])


def test_figures_missing_from_the_store_are_an_error_not_fewer_facts(tmp_path):
    store = DocumentStore(tmp_path / "store")
    store.write(_record("a", 2), _figures("a", 2))
    store.update_index([store.record("a")])
    store.write(_record("a", 2), _figures("a", 1))  # a folder changed behind the index's back
    with pytest.raises(StorageError, match="inconsistent .1 figures stored, 2 recorded."):
        store.read_results(["a"])


def test_a_source_id_that_is_not_a_slug_cannot_name_a_folder(tmp_path):
    with pytest.raises(ValueError, match="invalid source id"):
        DocumentStore(tmp_path).record("../outside")


# --- parallel extraction ---------------------------------------------------------------------------


def test_two_workers_extract_the_same_results_as_one(tmp_path):
    entries = load_registry(RAW)
    gazetteer = load_gazetteer(RAW / GAZETTEER_FILE)
    sha = fingerprint.file_sha256(RAW / GAZETTEER_FILE)
    one, two = DocumentStore(tmp_path / "one"), DocumentStore(tmp_path / "two")
    alone = extract_documents(RAW, entries, gazetteer, sha, one, workers=1)
    pooled = extract_documents(RAW, entries, gazetteer, sha, two, workers=2)
    assert (alone.workers, pooled.workers) == (1, 2)
    assert alone.failures == pooled.failures == []
    assert sorted(alone.records, key=lambda r: r.source_id) == pooled.records
    for entry in entries:
        assert one.figures(entry.source_id).equals(two.figures(entry.source_id))


def test_a_document_that_fails_does_not_stop_the_others(tmp_path, monkeypatch):
    entries = load_registry(RAW)[:2]
    from pipelines.extraction import corpus

    real = corpus.extract_document

    def fail_on_one(text, *args, **kwargs):
        if "Atomico" in text[:2000]:
            raise RuntimeError("a bug in a rule")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(corpus, "extract_document", fail_on_one)
    done = extract_documents(RAW, entries, load_gazetteer(RAW / GAZETTEER_FILE), None, DocumentStore(tmp_path), workers=1)
    assert [r.source_id for r in done.records] == [entries[0].source_id]
    assert [(s, e.split(" (")[0]) for s, e in done.failures] == [(entries[1].source_id, "RuntimeError: a bug in a rule")]


def test_the_number_of_workers_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("EAC_WORKERS", "3")
    assert workers_from_environment() == 3
    monkeypatch.delenv("EAC_WORKERS")
    assert workers_from_environment() == len(os.sched_getaffinity(0))
    monkeypatch.setenv("EAC_WORKERS", "0")
    with pytest.raises(ValueError, match="EAC_WORKERS='0': expected a number of worker processes"):
        workers_from_environment()


def test_the_workers_follow_the_bytes_to_extract():
    # a worker's start (imports, patterns) pays for itself only on enough text: one per
    # BYTES_PER_WORKER beyond the first, at most the cores given and one per document
    assert BYTES_PER_WORKER == 1_000_000
    assert worker_count([40_000] * 10, available=2) == 1  # the seeds: the calling process alone
    assert worker_count([600_000, 500_000], available=2) == 2
    assert worker_count([20_000] * 10_000, available=2) == 2  # the benchmark's 10,000 documents
    assert worker_count([5_000_000], available=4) == 1  # one document, one process
    assert worker_count([], available=2) == 1


def test_the_seed_documents_are_extracted_in_the_calling_process(tmp_path, monkeypatch):
    monkeypatch.setenv("EAC_WORKERS", "2")
    done = extract_documents(RAW, load_registry(RAW), load_gazetteer(RAW / GAZETTEER_FILE), None, DocumentStore(tmp_path))
    assert done.workers == 1 and done.failures == []


def test_the_combined_figures_file_is_read_only_while_it_matches_every_figure_file(tmp_path, monkeypatch):
    from pipelines.document_store import FIGURES_FILE

    store = DocumentStore(tmp_path / "store")
    for sid, n in (("b", 2), ("a", 1), ("c", 3)):
        store.write(_record(sid, n), _figures(sid, n).with_columns(pl.col("char_start") * 10 + n))
    store.update_index([store.record(s) for s in ("a", "b", "c")])
    assert (store.root / FIGURES_FILE).exists()
    files = pl.read_parquet([str(store.root / s / "figures.parquet") for s in ("a", "b", "c")])
    assert store.read_results(["c", "a", "b"]).figures.equals(files)
    assert store.read_results(["c", "a"]).figures.equals(files.filter(pl.col("source_id") != "b"))
    # One document extracted again: the combined file takes it, the others come from the file.
    store.write(dataclasses.replace(_record("b", 1), fingerprint="b" * 24), _figures("b", 1).with_columns(pl.lit(99, dtype=pl.Int64).alias("char_start")))
    reads = []
    original = pl.read_parquet
    monkeypatch.setattr(pl, "read_parquet", lambda source, *a, **k: reads.append(source) or original(source, *a, **k))
    store.update_index([store.record("b")])
    assert [r for r in reads if isinstance(r, list)] == [[str(store.root / "b" / "figures.parquet")]]
    monkeypatch.undo()
    assert store.read_results(["a", "b", "c"]).figures.get_column("char_start").to_list() == [1, 99, 3, 13, 23]
    # A figure file changed behind the index's back: the combined file is not trusted, the files are read.
    store.write(_record("c", 3), _figures("c", 2))
    with pytest.raises(StorageError, match="inconsistent .4 figures stored, 5 recorded."):
        store.read_results(["a", "b", "c"])
