"""Registered documents of converted formats: read through their converter, their tables as facts,
their converted text in the document store, bad files as named rejections, conversions cached."""

import textwrap
from pathlib import Path

import pytest

from pipelines.converters import cache as conversion_cache
from pipelines.document_store import DocumentStore
from pipelines.fingerprint import document_fingerprint
from pipelines.entities import load_gazetteer
from pipelines.extraction.corpus import extract_converted_document
from pipelines.registry import Document, load_registry, read_document
from tests.test_converters import ENCRYPTED_PDF, PRESS_HTML, REPORT_MD, REPORT_PDF

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = load_gazetteer(ROOT / "raw" / "reference" / "entities.yaml")

ANNEX_CSV = "Pays;Investissements (M€);Part du PIB (%)\nFrance;1 250;0,04\nItalie;430;0,02\n"

FILES = {
    "strategie.md": REPORT_MD.encode(),
    "annexe.csv": ANNEX_CSV.encode(),
    "eurohpc.html": PRESS_HTML.encode(),
    "rapport-annuel.pdf": REPORT_PDF,
    "protege.pdf": ENCRYPTED_PDF,
    "quote-cassee.csv": b'Pays,Montant\nFrance,"1 250\nItalie,430\n',
    "pas-un-pdf.txt": "Ceci est un texte, pas un PDF : 12 milliards d'euros.".encode(),
    "rapport.md": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\n\x00",
}
ENTRIES = [("strategie", "strategie.md", ""), ("annexe", "annexe.csv", ""), ("eurohpc", "eurohpc.html", ""),
           ("rapport-annuel", "rapport-annuel.pdf", ""), ("protege", "protege.pdf", ""), ("quote-cassee", "quote-cassee.csv", ""),
           ("pas-un-pdf", "pas-un-pdf.txt", "  format: pdf\n"), ("rapport", "rapport.md", "")]


@pytest.fixture
def raw(tmp_path):
    raw = tmp_path / "raw"
    (raw / "documents").mkdir(parents=True)
    for name, data in FILES.items():
        (raw / "documents" / name).write_bytes(data)
    (raw / "sources.yaml").write_text("".join(textwrap.dedent(f"""\
        - id: {sid}
          file: documents/{name}
          title: null
          author: null
          publisher: null
          published: 2025-04
          language: fr
          url: null
          license: null
        """) + extra for sid, name, extra in ENTRIES), encoding="utf-8")
    return raw


def extract(raw, tmp_path, source_id):
    entry = next(e for e in load_registry(raw) if e.source_id == source_id)
    record, figures, text = extract_converted_document(raw, entry, GAZETTEER, None)
    return record, figures, text


def test_a_markdown_report_gives_its_text_figures_and_its_table_facts_once(raw, tmp_path):
    record, figures, text = extract(raw, tmp_path, "strategie")
    assert record.status == "extracted" and text == REPORT_MD
    assert figures.select("figure_text", "value", "unit", "location", "period_start").rows() == [
        ("1,5 milliard d'euros", 1.5e9, "EUR", "body", None),
        ("1 100", 1.1e9, "EUR", "table", 2023),
        ("1 250", 1.25e9, "EUR", "table", 2024),
        ("980", 9.8e8, "EUR", "table", 2023),
        ("1 020", 1.02e9, "EUR", "table", 2024),
        ("2 080", 2.08e9, "EUR", "table", 2023),
        ("2 270", 2.27e9, "EUR", "table", 2024),
    ]
    for row in figures.iter_rows(named=True):
        assert text[row["char_start"]:row["char_end"]] == row["figure_text"]


def test_a_csv_annex_gives_one_fact_per_numeric_cell_and_its_converted_text_is_stored(raw, tmp_path):
    record, figures, text = extract(raw, tmp_path, "annexe")
    assert record.status == "extracted" and record.n_chars == len(text)
    assert figures.select("quote", "value", "unit", "geo").rows() == [
        ("Table 1 | France | Investissements (M€): 1 250", 1.25e9, "EUR", "FR"),
        ("Table 1 | France | Part du PIB (%): 0,04", 0.04, "percent", "FR"),
        ("Table 1 | Italie | Investissements (M€): 430", 4.3e8, "EUR", "IT"),
        ("Table 1 | Italie | Part du PIB (%): 0,02", 0.02, "percent", "IT"),
    ]
    store = DocumentStore(tmp_path / "store")
    store.write(record, figures, text)
    stored = store.converted_text("annexe")
    assert stored == text
    for row in figures.iter_rows(named=True):
        assert stored[row["char_start"]:row["char_end"]] == row["figure_text"]


def test_an_html_page_gives_its_text_figures_and_its_table_facts_with_offsets_in_the_converted_text(raw, tmp_path):
    record, figures, text = extract(raw, tmp_path, "eurohpc")
    assert record.status == "extracted" and record.n_chars == len(text)
    assert figures.select("figure_text", "value", "unit", "location", "period_start", "geo").rows() == [
        ("sept nouveaux sites", 7.0, "count", "heading", None, None),
        ("sept usines d'IA", 7.0, "count", "body", None, "EU"),
        ("1,5\u00a0milliard d'euros", 1.5e9, "EUR", "body", None, "EU"),
        ("125", 1.25e8, "EUR", "table", 2024, "FI"),
        ("250", 2.5e8, "EUR", "table", 2025, "FI"),
        ("215,5", 2.155e8, "EUR", "table", 2024, "IT"),
    ]
    for row in figures.iter_rows(named=True):
        assert text[row["char_start"]:row["char_end"]] == row["figure_text"]


def test_a_pdf_report_gives_its_text_figures_and_its_table_facts(raw, tmp_path):
    record, figures, text = extract(raw, tmp_path, "rapport-annuel")
    assert record.status == "extracted"
    assert figures.select("figure_text", "quote", "value", "unit", "location", "period_start", "page").rows() == [
        ("7 milliards d'euros", "Le budget total atteint 7 milliards d'euros.", 7e9, "EUR", "body", None, 1),
        ("125", "Tableau 1 : Contributions par pays (En millions d'euros), p. 2 | Finlande | 2024: 125", 1.25e8, "EUR", "table", 2024, 2),
        ("250", "Tableau 1 : Contributions par pays (En millions d'euros), p. 2 | Finlande | 2025: 250", 2.5e8, "EUR", "table", 2025, 2),
        ("215,5", "Tableau 1 : Contributions par pays (En millions d'euros), p. 2 | Italie | 2024: 215,5", 2.155e8, "EUR", "table", 2024, 2),
    ]
    for row in figures.iter_rows(named=True):
        assert text[row["char_start"]:row["char_end"]] == row["figure_text"]


def test_a_workbook_gives_one_fact_per_numeric_cell(raw, tmp_path):
    from tests.test_converters import workbook_bytes

    (raw / "documents" / "budgets.xlsx").write_bytes(workbook_bytes())
    with (raw / "sources.yaml").open("a", encoding="utf-8") as registry:
        registry.write("- id: budgets\n  file: documents/budgets.xlsx\n  title: null\n  author: null\n  publisher: null\n"
                       "  published: 2025\n  language: fr\n  url: null\n  license: null\n")
    record, figures, text = extract(raw, tmp_path, "budgets")
    assert record.status == "extracted"
    assert figures.select("figure_text", "value", "unit", "period_start", "geo").rows() == [
        ("1250", 1.25e9, "EUR", 2024, "FI"), ("215.5", 2.155e8, "EUR", 2025, "FI"), ("45 %", 45.0, "percent", 2025, "FI"),
    ]


@pytest.mark.parametrize(
    ("source_id", "reason", "detail"),
    [
        ("quote-cassee", "malformed_csv", "raw/documents/quote-cassee.csv: cannot be read as CSV: could not parse"),
        ("pas-un-pdf", "format_mismatch", "raw/documents/pas-un-pdf.txt: declared PDF but does not start as a PDF file"),
        ("protege", "encrypted_pdf", "raw/documents/protege.pdf: the PDF is encrypted or password-protected"),
        ("rapport", "format_mismatch", "raw/documents/rapport.md: declared Markdown but is a PDF file"),
    ],
)
def test_a_bad_file_is_a_named_rejection_and_the_others_are_still_read(raw, tmp_path, source_id, reason, detail):
    record, figures, text = extract(raw, tmp_path, source_id)
    assert (record.status, record.reason) == ("rejected", reason)
    assert record.detail.startswith(detail)
    assert figures.height == 0 and text is None


def test_a_conversion_is_kept_by_bytes_and_converter_version(raw, tmp_path, monkeypatch):
    entry = next(e for e in load_registry(raw) if e.source_id == "annexe")
    conversions = tmp_path / "conversions"
    conversion_cache._MEMORY.clear()
    first = read_document(raw, entry, conversions=conversions)
    assert isinstance(first, Document) and len(list(conversions.glob("*.json"))) == 1
    conversion_cache._MEMORY.clear()
    calls = []
    monkeypatch.setattr(conversion_cache, "convert_document", lambda *a: calls.append(a))
    again = read_document(raw, entry, conversions=conversions)
    assert calls == [] and again == first  # read back from the folder, tables included


def test_a_changed_converter_changes_the_fingerprints_of_its_format_only(raw, monkeypatch):
    import pipelines.converters as converters

    entries = {e.source_id: e for e in load_registry(raw)}
    before = {s: document_fingerprint(e, "0" * 64, None) for s, e in entries.items()}
    real = converters.converter_version
    monkeypatch.setattr(converters, "converter_version", lambda f: real(f) + ("-changed" if f == "csv" else ""))
    after = {s: document_fingerprint(e, "0" * 64, None) for s, e in entries.items()}
    assert sorted(s for s in entries if before[s] != after[s]) == ["annexe", "quote-cassee"]
    assert before["strategie"] == after["strategie"] and before["rapport-annuel"] == after["rapport-annuel"]


def test_a_figure_in_the_text_of_a_later_pdf_page_has_that_page_and_other_formats_have_none(raw, tmp_path):
    from tests.fixtures.pdf import pdf_document

    (raw / "documents" / "trois-pages.pdf").write_bytes(pdf_document([
        [("text", 72, 780, 12, "Introduction sans chiffre.")],
        [("text", 72, 780, 12, "Le programme compte 12 usines d'IA.")],
        [("text", 72, 780, 12, "Il a reçu 3 milliards d'euros en 2025.")],
    ]))
    with (raw / "sources.yaml").open("a", encoding="utf-8") as registry:
        registry.write("- id: trois-pages\n  file: documents/trois-pages.pdf\n  title: null\n  author: null\n  publisher: null\n"
                       "  published: 2025\n  language: fr\n  url: null\n  license: null\n")
    _, figures, text = extract(raw, tmp_path, "trois-pages")
    assert figures.select("figure_text", "page").rows() == [("12 usines d'IA", 2), ("3 milliards d'euros", 3)]
    assert text.split("\n")[1] == "Le programme compte 12 usines d'IA."
    _, markdown, _ = extract(raw, tmp_path, "strategie")
    assert markdown.height > 0 and markdown.get_column("page").null_count() == markdown.height


def table_cells(markdown: str, language: str = "en"):
    from pipelines.converters import convert_document
    from pipelines.extraction.tables import table_facts

    converted = convert_document("md", markdown.encode(), "raw/documents/t.md")
    return table_facts(converted, language).select("figure_text", "value", "unit", "counted", "period_start", "period_end")


def test_a_physical_unit_in_the_caption_reads_the_cells_and_a_dated_row_header_gives_the_period():
    got = table_cells("Table 1: HPL performance of EuroHPC supercomputers (petaflop/s)\n\n"
                      "| System | June 2024 | June 2025 |\n|---|---|---|\n| LUMI | 379.7 | 379.7 |\n")
    assert got.rows() == [("379.7", pytest.approx(3.797e17), "FLOPS", None, 2024, 2024),
                          ("379.7", pytest.approx(3.797e17), "FLOPS", None, 2025, 2025)]
    # A physical unit outside parentheses in a long caption is a word of the title, not the cells' unit.
    got = table_cells("Table 2: Sites planned above 100 MW of power in Europe, by country\n\n"
                      "| Country | Sites |\n|---|---|\n| France | 3 |\n")
    assert got.select("value", "unit").rows() == [(3.0, "count")]


def test_a_bare_count_under_a_header_naming_a_counted_thing_counts_it_and_a_column_unit_wins_over_the_caption():
    got = table_cells("Tableau 1 : Usines d'IA par vague (en millions d'euros)\n\n"
                      "| Vague | Usines d'IA | Investissement |\n|---|---|---|\n| Décembre 2024 | 7 | 1 500 |\n", "fr")
    assert got.rows() == [("7", 7.0, "count", "ai_factory", 2024, 2024), ("1 500", 1.5e9, "EUR", None, 2024, 2024)]
