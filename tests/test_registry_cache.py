"""The validated registry kept between processes (`pipelines.registry_cache`): the same entries as
`load_registry`, read back only for the same registry, and every error of the full validation."""

import os
from pathlib import Path

import pytest

from pipelines import registry_cache
from pipelines.registry import REGISTRY_FILE, RegistryError, load_registry
from pipelines.registry_cache import CACHE_FILE, InsideRaw, cached_registry


@pytest.fixture
def parses(monkeypatch):
    """The number of full parses, counted."""
    calls = []
    monkeypatch.setattr(registry_cache, "load_registry", lambda raw: calls.append(raw) or load_registry(raw))
    return calls


def test_the_entries_read_back_are_those_validated_and_the_registry_is_parsed_once(raw_copy, tmp_path, parses):
    cache = tmp_path / "cache"
    first = cached_registry(raw_copy, cache)
    assert first == load_registry(raw_copy)
    assert (cache / CACHE_FILE).is_file() and len(parses) == 1
    again = cached_registry(raw_copy, cache)
    assert again == first and len(parses) == 1
    assert [(e.published, e.published_precision, e.line) for e in again] == [(e.published, e.published_precision, e.line) for e in first]


def test_a_changed_registry_is_parsed_again(raw_copy, tmp_path, parses):
    cache = tmp_path / "cache"
    cached_registry(raw_copy, cache)
    path = raw_copy / REGISTRY_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("published: 2025-04", "published: 2024-04", 1), encoding="utf-8")
    changed = cached_registry(raw_copy, cache)
    assert len(parses) == 2 and changed == load_registry(raw_copy)
    assert changed[0].published.year == 2024


def test_a_malformed_registry_raises_the_same_error_with_a_cache_in_place(raw_copy, tmp_path):
    cache = tmp_path / "cache"
    cached_registry(raw_copy, cache)
    path = raw_copy / REGISTRY_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("  language: fr\n", "  language: xx\n", 1), encoding="utf-8")
    with pytest.raises(RegistryError) as full:
        load_registry(raw_copy)
    with pytest.raises(RegistryError) as cached:
        cached_registry(raw_copy, cache)
    assert str(cached.value) == str(full.value) and "unsupported language code 'xx'" in str(full.value)


def test_a_link_that_now_leaves_raw_is_refused_although_the_registry_is_unchanged(raw_copy, tmp_path, parses):
    cache = tmp_path / "cache"
    entries = cached_registry(raw_copy, cache)
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    document = raw_copy / entries[1].file
    document.unlink()
    document.symlink_to(outside)
    with pytest.raises(RegistryError, match=rf"entry #2 \({entries[1].source_id}\), field 'file': .* is outside raw/"):
        cached_registry(raw_copy, cache)
    assert len(parses) == 2  # the cached entries were not trusted: the full validation said why


def test_a_cache_from_other_validation_code_or_unreadable_is_not_used(raw_copy, tmp_path, parses, monkeypatch):
    cache = tmp_path / "cache"
    expected = cached_registry(raw_copy, cache)
    (cache / CACHE_FILE).write_text('{"key": "', encoding="utf-8")
    assert cached_registry(raw_copy, cache) == expected and len(parses) == 2
    assert cached_registry(raw_copy, cache) == expected and len(parses) == 2  # rewritten by the parse
    monkeypatch.setattr(registry_cache, "validation_version", lambda: "other code")
    assert cached_registry(raw_copy, cache) == expected and len(parses) == 3


def test_a_cache_that_cannot_be_written_is_not_an_error(raw_copy, tmp_path, parses):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert cached_registry(raw_copy, blocked / "cache") == load_registry(raw_copy)


def test_inside_raw_agrees_with_resolving_each_path(tmp_path):
    raw = tmp_path / "raw"
    (raw / "documents" / "deep").mkdir(parents=True)
    (raw / "documents" / "a.txt").write_text("a", encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "b.txt").write_text("b", encoding="utf-8")
    os.symlink(outside / "b.txt", raw / "documents" / "out.txt")  # a file linked outside
    os.symlink(raw / "documents" / "a.txt", raw / "documents" / "in.txt")  # a file linked inside
    os.symlink(outside, raw / "linked")  # a folder linked outside
    os.symlink(raw / "documents", raw / "alias")  # a folder linked inside
    paths = ["documents/a.txt", "documents/deep/none.txt", "documents/out.txt", "documents/in.txt", "linked/b.txt",
             "alias/a.txt", "../x.txt", "documents/../a.txt", "documents/../../x.txt", "documents/..", ".", "a.txt",
             "/etc/passwd", "linked/../raw/documents/a.txt"]
    inside_raw = InsideRaw(raw)
    for written in paths:
        relative = Path(written)
        expected = not relative.is_absolute() and (raw / relative).resolve().is_relative_to(raw.resolve())
        assert inside_raw(relative.as_posix()) == expected, written
    assert [inside_raw(p) for p in ("documents/a.txt", "documents/out.txt", "linked/b.txt", "alias/a.txt")] == [
        True, False, False, True]
