import hashlib
import textwrap
from pathlib import Path

import polars as pl
import pytest

from pipelines.registry import Document, RegistryError, UnreadableDocument, load_registry, read_document
from pipelines.source_tables import registry_frame, sources_frame

ROOT = Path(__file__).resolve().parent.parent
# SHA-256 of the five seed documents as they were received: raw/documents must keep them byte for byte.
SEED_SHA256 = {
    "000_e75a69d31c231dfe.txt": "e5bc0b7d859b38fc50c971b858570db987825158eae89e6e8c33ce0c07869db7",
    "001_1202a09a09b366ca.txt": "d95d6eb38bc01429c449c6ddc33c6b2486dee5a4726d8908c34155cdd825e28f",
    "002_a0d7e348b7e69b14.txt": "abd13420a548f45d5f3e3ce1aa9b0bd8c3ee8265c7cbc23526f1ce71914deb0e",
    "003_096cb091cceb2b93.txt": "d548ee0ad890e47a3b7b7b6e3ac1f5b3469886259dc7bf3e83dd8ce54cd454e8",
    "004_2092384b85dd452f.txt": "8e48c35409f68c518fe59327b7420caf8c057d01bd3ed82485dbc5de68d4bb6c",
}

ENTRY = """\
- id: doc-a
  file: documents/a.txt
  title: A
  author: null
  publisher: null
  published: 2025-04
  language: fr
  url: null
  license: null
"""


def documents_frame(raw: Path, entries) -> pl.DataFrame:
    """What the document store records for each readable document."""
    docs = [read_document(raw, e) for e in entries]
    return pl.DataFrame([{"source_id": d.source_id, "status": "extracted", "sha256": d.sha256, "n_chars": len(d.text)} for d in docs])


def write_registry(raw: Path, text: str) -> None:
    raw.mkdir(parents=True, exist_ok=True)
    (raw / "sources.yaml").write_text(textwrap.dedent(text), encoding="utf-8")


def test_the_registry_lists_the_seeds_and_one_document_of_each_converted_format_with_their_checksums():
    raw = ROOT / "raw"
    entries = load_registry(raw)
    assert [(e.source_id, e.format) for e in entries] == [
        ("ifri-2025-startups-ia-generative", "txt"),
        ("atomico-2025-state-of-european-tech-article", "txt"),
        ("reboot-2025-france-bataille-ia", "txt"),
        ("inas-2025-investai-usines-ia", "txt"),
        ("future-society-2025-modeles-ouverts-frontiere", "txt"),
        ("eurohpc-2025-ai-factories-rounds", "md"),
        ("eurohpc-2025-top500-systems", "html"),
        ("eurohpc-2021-ju-budget", "csv"),
        ("eurostat-2025-ai-use-enterprises", "xlsx"),
        ("ec-2025-usines-ia-note", "pdf"),
    ]
    assert all(e.license == "CC-BY-4.0" for e in entries[5:])
    assert all((raw / e.file).stat().st_size < 1_000_000 for e in entries)
    frame = sources_frame(registry_frame(entries), documents_frame(raw, entries))
    ifri = frame.row(by_predicate=pl.col("source_id") == "ifri-2025-startups-ia-generative", named=True)
    assert ifri["sha256"] == "e5bc0b7d859b38fc50c971b858570db987825158eae89e6e8c33ce0c07869db7"
    assert ifri["n_chars"] == 78188
    assert str(ifri["published"]) == "2025-04-01" and ifri["published_precision"] == "month"
    inas = frame.row(by_predicate=pl.col("source_id") == "inas-2025-investai-usines-ia", named=True)
    assert inas["published_precision"] == "estimated"


def test_documents_are_the_seeds_byte_for_byte():
    for name, sha256 in SEED_SHA256.items():
        assert hashlib.sha256((ROOT / "raw" / "documents" / name).read_bytes()).hexdigest() == sha256, name


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda t: t.replace("  language: fr\n", ""), r"line 1: entry #1 \(doc-a\), field 'language': required field is missing"),
        (lambda t: t.replace("documents/a.txt", "../secrets.txt"), r"field 'file': '../secrets.txt' is outside raw/"),
        (lambda t: t.replace("documents/a.txt", "/etc/passwd"), r"field 'file': '/etc/passwd' is outside raw/"),
        (lambda t: t.replace("language: fr", "language: xx"), r"field 'language': unknown or unsupported language code 'xx'"),
        (lambda t: t.replace("published: 2025-04", "published: 2025-13"), r"field 'published': '2025-13' is not a date"),
        (lambda t: t.replace("published: 2025-04", "published: last spring"), r"field 'published': 'last spring' is not a date"),
        (lambda t: t.replace("id: doc-a", "id: Doc A"), r"field 'id': 'Doc A' is not a slug"),
        (lambda t: t.replace("  url: null\n", "  url: null\n  colour: blue\n"), r"field 'colour': unknown field"),
        (lambda t: t.replace("  title: A\n", "  title: [1, 2]\n"), r"field 'title': must be text"),
        (lambda t: t.replace("documents/a.txt", "documents/a.docx"),
         r"line 1: entry #1 \(doc-a\), field 'format': cannot tell the format of 'documents/a.docx' from its extension '.docx'"),
        (lambda t: t.replace("documents/a.txt", "documents/a"), r"field 'format': cannot tell the format .* extension '\(none\)'"),
        (lambda t: t + "  format: docx\n", r"field 'format': unknown format 'docx' \(one of txt, md, html, pdf, csv, xlsx\)"),
        (lambda t: t.replace("documents/a.txt", "documents/a.docx") + "  format: [pdf]\n", r"field 'format': unknown format \['pdf'\]"),
        (lambda t: t + t.replace("documents/a.txt", "documents/b.txt"),
         r"line 10: entry #2 \(doc-a\), field 'id': duplicate id 'doc-a' \(first used by the entry at line 1\)"),
    ],
)
def test_a_malformed_entry_names_the_file_the_line_the_entry_and_the_field(tmp_path, change, expected):
    raw = tmp_path / "raw"
    write_registry(raw, change(ENTRY))
    with pytest.raises(RegistryError, match=expected) as info:
        load_registry(raw)
    assert str(raw / "sources.yaml") in str(info.value)


def test_the_format_is_the_registry_s_else_the_one_the_extension_implies(tmp_path):
    raw = tmp_path / "raw"
    entries = "".join(
        ENTRY.replace("doc-a", f"doc-{i}").replace("documents/a.txt", f"documents/{name}") + extra
        for i, (name, extra) in enumerate([("a.txt", ""), ("b.MD", ""), ("c.htm", ""), ("d.pdf", ""), ("e.csv", ""),
                                           ("f.xlsx", ""), ("g.data", "  format: csv\n"), ("h.txt", "  format: md\n")])
    )
    write_registry(raw, entries)
    assert [e.format for e in load_registry(raw)] == ["txt", "md", "html", "pdf", "csv", "xlsx", "csv", "md"]


def test_the_seed_documents_are_read_as_text_and_the_sources_table_says_so():
    entries = load_registry(ROOT / "raw")
    frame = sources_frame(registry_frame(entries), documents_frame(ROOT / "raw", entries))
    formats = dict(frame.select("source_id", "format").iter_rows())
    assert [formats[e.source_id] for e in entries] == ["txt"] * 5 + ["md", "html", "csv", "xlsx", "pdf"]


def test_a_yaml_syntax_error_gives_its_line(tmp_path):
    raw = tmp_path / "raw"
    write_registry(raw, ENTRY + "- id: doc-b\n  title: \"unclosed\n  file: x\n")
    with pytest.raises(RegistryError, match=r"sources.yaml: line \d+, column \d+: YAML syntax error"):
        load_registry(raw)


def test_yaml_tags_that_build_python_objects_are_refused(tmp_path):
    raw = tmp_path / "raw"
    write_registry(raw, ENTRY.replace("title: A", "title: !!python/object/apply:os.system ['true']"))
    with pytest.raises(RegistryError, match="YAML syntax error"):
        load_registry(raw)


@pytest.mark.parametrize(
    ("content", "reason", "detail"),
    [
        (None, "missing_file", "raw/documents/a.txt: file not found"),
        (b"", "empty", "raw/documents/a.txt: the file is empty"),
        (b"  \n\r\n", "empty", "the file is empty"),
        ("Données : 12 £".encode("latin-1"), "not_utf8", "raw/documents/a.txt: not valid UTF-8 at byte 4 (line 1)"),
        ("\ufeffPrix".encode("utf-16"), "not_utf8", "UTF-16 text (byte-order mark)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary", "binary content (NUL byte at offset 8)"),
    ],
)
def test_an_unreadable_document_is_set_aside_with_its_reason(tmp_path, content, reason, detail):
    raw = tmp_path / "raw"
    write_registry(raw, ENTRY)
    if content is not None:
        (raw / "documents").mkdir()
        (raw / "documents" / "a.txt").write_bytes(content)
    result = read_document(raw, load_registry(raw)[0])
    assert isinstance(result, UnreadableDocument)
    assert result.reason == reason
    assert detail in result.detail


def test_a_document_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    raw = tmp_path / "raw"
    write_registry(raw, ENTRY)
    (raw / "documents").mkdir()
    (raw / "documents" / "a.txt").write_bytes(b"x" * 2048)
    result = read_document(raw, load_registry(raw)[0], max_bytes=1024)
    assert isinstance(result, UnreadableDocument) and result.reason == "too_large"
    assert "2,048 bytes is over the limit of 1,024 bytes" in result.detail


def test_windows_line_endings_are_kept_so_offsets_index_the_file_as_stored(tmp_path):
    raw = tmp_path / "raw"
    write_registry(raw, ENTRY)
    (raw / "documents").mkdir()
    (raw / "documents" / "a.txt").write_bytes("Ligne un\r\n200 milliards d'euros\r\n".encode())
    result = read_document(raw, load_registry(raw)[0])
    assert isinstance(result, Document)
    assert result.text == "Ligne un\r\n200 milliards d'euros\r\n"


def test_a_repeated_field_in_an_entry_is_an_error_not_a_silent_override(tmp_path):
    raw = tmp_path / "raw"
    write_registry(raw, ENTRY.replace("  published: 2025-04\n", "  published: 2025-04\n  published: 2024\n"))
    with pytest.raises(RegistryError, match=r"sources.yaml: line 7, column 3: YAML syntax error: duplicate key 'published' in one mapping"):
        load_registry(raw)


def _special_file(path: Path, kind: str) -> None:
    import os

    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    else:  # a character device like /dev/zero (reading it never ends); making one needs CAP_MKNOD
        import stat

        try:
            os.mknod(path, 0o644 | stat.S_IFCHR, os.makedev(1, 5))
        except PermissionError:
            pytest.skip("creating a device file needs CAP_MKNOD")


@pytest.mark.parametrize(
    ("kind", "what"), [("fifo", "a named pipe"), ("device", "a character device"), ("directory", "a directory")]
)
def test_a_document_that_is_not_a_regular_file_is_refused_without_being_opened(tmp_path, kind, what):
    from pipelines.fingerprint import file_sha256

    raw = tmp_path / "raw"
    write_registry(raw, ENTRY)
    (raw / "documents").mkdir()
    _special_file(raw / "documents" / "a.txt", kind)
    entry = load_registry(raw)[0]
    result = read_document(raw, entry)  # a blocking open or an endless read would hang the test
    assert isinstance(result, UnreadableDocument)
    assert (result.reason, result.detail) == (
        "not_a_regular_file", f"raw/documents/a.txt: is not a regular file ({what}); only regular files are read")
    assert file_sha256(raw / "documents" / "a.txt").startswith("unread:mode=")


def test_yaml_aliases_in_the_registry_are_refused_at_once(tmp_path):
    import time

    raw = tmp_path / "raw"
    levels = ['bomb0: &b0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"bomb{i}: &b{i} [{', '.join([f'*b{i - 1}'] * 9)}]" for i in range(1, 10)]
    raw.mkdir()
    (raw / "sources.yaml").write_text("- " + "\n  ".join(levels) + "\n" + ENTRY.replace("license: null", "license: null\n  notes: *b9"),
                                      encoding="utf-8")
    started = time.process_time()
    with pytest.raises(RegistryError, match=r"sources.yaml: line 1, column 1: YAML syntax error: YAML aliases \(\*name\) "
                                            r"expand these 51 values to 8,335,593,988: refused"):
        load_registry(raw)
    assert time.process_time() - started < 1


def test_the_format_is_part_of_a_document_s_fingerprint(tmp_path):
    """Reading the same bytes as another format gives other figures: the stored result is stale."""
    import dataclasses

    from pipelines.fingerprint import document_fingerprint

    raw = tmp_path / "raw"
    write_registry(raw, ENTRY)
    entry = load_registry(raw)[0]
    as_md = dataclasses.replace(entry, format="md")
    assert document_fingerprint(entry, "0" * 64, None) != document_fingerprint(as_md, "0" * 64, None)
    assert document_fingerprint(entry, "0" * 64, None) == document_fingerprint(dataclasses.replace(entry), "0" * 64, None)
