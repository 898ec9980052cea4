"""Converters: each format's text and tables, every span checked against the converted text, and
each bad file refused with a named reason."""

import pytest

from pipelines.converters import ConversionError, convert_document, converter_version

# Figures in the style of a ministry's budget annex (invented country split, real layout).
REPORT_MD = """\
# Stratégie nationale pour l'IA

La deuxième phase mobilise 1,5 milliard d'euros.

Tableau 3 : Investissements publics dans l'IA par pays
En millions d'euros

| Pays | 2023 | 2024 |
|---|---:|---:|
| France | 1 100 | 1 250 |
| Allemagne | 980 | 1 020 |
| Total | 2 080 | 2 270 |

*Source : lois de finances.*
"""


def texts(row):
    return [c.text if c is not None else None for c in row]


def assert_spans_index_the_text(converted):
    for table in converted.tables:
        cells = [c for row in (*table.header_rows, *table.rows) for c in row if c is not None]
        cells += [c for c in (table.caption, *table.notes) if c is not None]
        for cell in cells:
            assert converted.text[cell.start:cell.end] == cell.text


def test_markdown_text_is_the_file_and_its_table_has_caption_unit_line_headers_and_cells():
    converted = convert_document("md", REPORT_MD.encode(), "raw/documents/strategie.md")
    assert converted.text == REPORT_MD
    (table,) = converted.tables
    assert table.caption.text == "Tableau 3 : Investissements publics dans l'IA par pays"
    assert [n.text for n in table.notes] == ["En millions d'euros", "Source : lois de finances."]
    assert [texts(r) for r in table.header_rows] == [["Pays", "2023", "2024"]]
    assert [texts(r) for r in table.rows] == [
        ["France", "1 100", "1 250"], ["Allemagne", "980", "1 020"], ["Total", "2 080", "2 270"],
    ]
    assert_spans_index_the_text(converted)


def test_markdown_with_windows_line_endings_keeps_the_file_s_offsets():
    raw = REPORT_MD.replace("\n", "\r\n")
    converted = convert_document("md", raw.encode(), "raw/x.md")
    assert converted.text == raw
    assert texts(converted.tables[0].rows[0]) == ["France", "1 100", "1 250"]
    assert_spans_index_the_text(converted)


def test_a_markdown_table_with_a_second_header_level_and_merged_headings():
    raw = (
        "| Pays | Investissements (M€) | | Emplois |\n|---|---|---|---|\n"
        "| | 2023 | 2024 | 2024 |\n| France | 1 100 | 1 250 | 3 400 |\n"
    )
    (table,) = convert_document("md", raw.encode(), "raw/x.md").tables
    assert [texts(r) for r in table.header_rows] == [
        ["Pays", "Investissements (M€)", "Investissements (M€)", "Emplois"], [None, "2023", "2024", "2024"],
    ]
    assert [texts(r) for r in table.rows] == [["France", "1 100", "1 250", "3 400"]]


def test_csv_becomes_a_pipe_table_whose_spans_are_the_cells():
    raw = 'Pays;Investissements (M€)\nFrance;1 250\n"Allemagne; RFA";1 020\n'.encode()
    converted = convert_document("csv", raw, "raw/annexe.csv")
    assert converted.text == (
        "| Pays | Investissements (M€) |\n|---|---|\n| France | 1 250 |\n| Allemagne; RFA | 1 020 |\n"
    )
    (table,) = converted.tables
    assert [texts(r) for r in table.header_rows] == [["Pays", "Investissements (M€)"]]
    assert [texts(r) for r in table.rows] == [["France", "1 250"], ["Allemagne; RFA", "1 020"]]
    assert_spans_index_the_text(converted)


def test_csv_with_a_byte_order_mark_and_commas():
    raw = "\ufeffcountry,gpus\nFinland,1 200\n".encode()
    (table,) = convert_document("csv", raw, "raw/x.csv").tables
    assert [texts(r) for r in table.header_rows] == [["country", "gpus"]]
    assert [texts(r) for r in table.rows] == [["Finland", "1 200"]]


@pytest.mark.parametrize(
    ("document_format", "raw", "reason", "detail"),
    [
        ("csv", b'pays,montant\nFrance,"1 250\nItalie,900\n', "malformed_csv", "raw/x: cannot be read as CSV: could not parse"),
        ("csv", b"pays,montant\nFrance,1 250,12\n", "malformed_csv", "raw/x: cannot be read as CSV: found more fields"),
        ("csv", b"Un rapport en texte, sans colonnes.\n", "empty_csv", "raw/x: has no row under its header line"),
        ("csv", b"Un rapport en texte sans colonnes.\n", "format_mismatch", "raw/x: declared CSV but its first line has no"),
        ("csv", b"%PDF-1.7\n\x00\x01binary", "format_mismatch", "raw/x: declared CSV but has binary content (NUL byte at offset 9)"),
        ("md", b"\x89PNG\r\n\x1a\n\x00\x00", "format_mismatch", "raw/x: declared Markdown but has binary content (NUL byte at offset 8)"),
        ("md", b"caf\xe9 1 250", "format_mismatch", "raw/x: declared Markdown but is not UTF-8 text (byte 3)"),
    ],
)
def test_a_file_that_is_not_its_declared_format_is_refused_with_a_named_reason(document_format, raw, reason, detail):
    with pytest.raises(ConversionError) as info:
        convert_document(document_format, raw, "raw/x")
    assert info.value.reason == reason
    assert info.value.detail.startswith(detail)


def test_each_format_has_its_own_converter_version():
    assert converter_version("md") == "md-1" and converter_version("csv") == "csv-1"
    with pytest.raises(ValueError, match="no converter for format 'docx'"):
        converter_version("docx")
