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


# A EuroHPC-style press page: navigation, script and footer around the main text, a table with a
# caption stating the unit, a two-level header (colspan, rowspan) and a dash for "no figure".
PRESS_HTML = """\
<!DOCTYPE html>
<html lang="fr"><head><title>EuroHPC</title><script>var budget = 7000;</script><style>p{}</style></head>
<body>
<nav><a href="/">Accueil</a> 2025</nav>
<main>
<h1>Usines d'IA : <em>sept</em> nouveaux sites</h1>
<p>L'entreprise commune EuroHPC a sélectionné sept usines d'IA,
   pour un investissement de 1,5&nbsp;milliard d'euros.</p>
<h2>Tableau 2 : Contributions par pays</h2>
<table>
<caption>Investissements (en millions d'euros)</caption>
<thead><tr><th rowspan="2">Pays</th><th colspan="2">Contribution</th></tr>
<tr><th>2024</th><th>2025</th></tr></thead>
<tbody>
<tr><td>Finlande</td><td>125</td><td>250</td></tr>
<tr><td>Italie</td><td>215,5</td><td>–</td></tr>
</tbody></table>
<p>Source : EuroHPC JU, communiqué de presse.</p>
</main>
<footer>© 2025 12 rue</footer>
</body></html>
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


def test_html_main_text_is_written_block_by_block_and_its_table_keeps_caption_headers_and_cells():
    converted = convert_document("html", PRESS_HTML.encode(), "raw/documents/eurohpc.html")
    assert converted.text == (
        "Usines d'IA : sept nouveaux sites\n"
        "L'entreprise commune EuroHPC a sélectionné sept usines d'IA, pour un investissement de 1,5\u00a0milliard d'euros.\n"
        "Tableau 2 : Contributions par pays\n"
        "Investissements (en millions d'euros)\n"
        "| Pays | Contribution | Contribution |\n"
        "|  | 2024 | 2025 |\n"
        "| Finlande | 125 | 250 |\n"
        "| Italie | 215,5 | – |\n"
        "Source : EuroHPC JU, communiqué de presse.\n"
    )
    (table,) = converted.tables
    assert table.caption.text == "Investissements (en millions d'euros)"
    assert [n.text for n in table.notes] == ["Tableau 2 : Contributions par pays", "Source : EuroHPC JU, communiqué de presse."]
    assert [texts(r) for r in table.header_rows] == [["Pays", "Contribution", "Contribution"], [None, "2024", "2025"]]
    assert [texts(r) for r in table.rows] == [["Finlande", "125", "250"], ["Italie", "215,5", "–"]]
    assert_spans_index_the_text(converted)


def test_html_without_a_caption_takes_the_heading_before_the_table_and_reads_th_rows_as_header():
    raw = "<body><h3>Table 1: AI factories (number)</h3><table><tr><th>Country</th><th>2025</th></tr>" \
          "<tr><td>Spain</td><td>2</td></tr></table></body>"
    (table,) = convert_document("html", raw.encode(), "raw/x.html").tables
    assert table.caption.text == "Table 1: AI factories (number)"
    assert [texts(r) for r in table.header_rows] == [["Country", "2025"]]
    assert [texts(r) for r in table.rows] == [["Spain", "2"]]


@pytest.mark.parametrize(
    ("document_format", "raw", "reason", "detail"),
    [
        ("csv", b'pays,montant\nFrance,"1 250\nItalie,900\n', "malformed_csv", "raw/x: cannot be read as CSV: could not parse"),
        ("csv", b"pays,montant\nFrance,1 250,12\n", "malformed_csv", "raw/x: cannot be read as CSV: found more fields"),
        ("csv", b"Un rapport en texte, sans colonnes.\n", "empty_csv", "raw/x: has no row under its header line"),
        ("csv", b"Un rapport en texte sans colonnes.\n", "format_mismatch", "raw/x: declared CSV but its first line has no"),
        ("csv", b"%PDF-1.7\n\x00\x01binary", "format_mismatch", "raw/x: declared CSV but is a PDF file"),
        ("md", b"\x89PNG\r\n\x1a\n\x00\x00", "format_mismatch", "raw/x: declared Markdown but is a PNG image"),
        ("md", b"# Titre\n\x00\x00", "format_mismatch", "raw/x: declared Markdown but has binary content (NUL byte at offset 8)"),
        ("html", b"<html><head><script>document.write('7 milliards')</script></head><body><script>x=1</script>"
                 b"<nav>Menu</nav></body></html>", "no_text", "raw/x: the page has no text outside scripts, styles and navigation"),
        ("html", "Un texte sans balise : 7 milliards d'euros.".encode(), "format_mismatch", "raw/x: declared HTML but has no HTML tag"),
        ("md", b"caf\xe9 1 250", "format_mismatch", "raw/x: declared Markdown but is not UTF-8 text (byte 3)"),
    ],
)
def test_a_file_that_is_not_its_declared_format_is_refused_with_a_named_reason(document_format, raw, reason, detail):
    with pytest.raises(ConversionError) as info:
        convert_document(document_format, raw, "raw/x")
    assert info.value.reason == reason
    assert info.value.detail.startswith(detail)


def test_each_format_has_its_own_converter_version():
    assert converter_version("md").startswith("md-1-") and converter_version("csv").startswith("csv-1-")
    assert converter_version("html").startswith("html-1-")
    assert converter_version("md") != converter_version("csv")
    with pytest.raises(ValueError, match="no converter for format 'docx'"):
        converter_version("docx")


# A two-page report laid out like a EuroHPC annex: text on page 1, a ruled table on page 2 with
# its title and unit line above it and its source below.
from tests.fixtures.pdf import pdf_document, ruled_table  # noqa: E402

REPORT_PDF = pdf_document([
    [("text", 72, 780, 14, "Rapport annuel 2025"), ("text", 72, 750, 10, "Le budget total atteint 7 milliards d'euros.")],
    [("text", 72, 780, 11, "Tableau 1 : Contributions par pays"), ("text", 72, 765, 9, "En millions d'euros"),
     *ruled_table(72, 750, [120, 80, 80], [["Pays", "2024", "2025"], ["Finlande", "125", "250"], ["Italie", "215,5", "-"]]),
     ("text", 72, 660, 8, "Source : EuroHPC JU.")],
])
# The standard security handler with an owner and a user key that the empty password does not open.
ENCRYPTED_PDF = pdf_document(
    [[("text", 72, 780, 12, "Confidentiel : 3 milliards")]],
    trailer_extra=b"/Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ",
    extra_objects=(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -44 >>",),
)


def test_pdf_text_is_written_page_by_page_and_its_ruled_table_keeps_title_unit_line_and_cells():
    converted = convert_document("pdf", REPORT_PDF, "raw/documents/rapport.pdf")
    assert converted.text == (
        "Rapport annuel 2025\nLe budget total atteint 7 milliards d'euros.\n"
        "Tableau 1 : Contributions par pays\nEn millions d'euros\n"
        "| Pays | 2024 | 2025 |\n| Finlande | 125 | 250 |\n| Italie | 215,5 | - |\nSource : EuroHPC JU.\n"
    )
    assert converted.page_starts == (0, 65)
    (table,) = converted.tables
    assert table.page == 2
    assert table.caption.text == "En millions d'euros"
    assert [n.text for n in table.notes] == ["Tableau 1 : Contributions par pays", "Source : EuroHPC JU."]
    assert [texts(r) for r in table.header_rows] == [["Pays", "2024", "2025"]]
    assert [texts(r) for r in table.rows] == [["Finlande", "125", "250"], ["Italie", "215,5", "-"]]
    assert_spans_index_the_text(converted)


@pytest.mark.parametrize(
    ("raw", "reason", "detail"),
    [
        (ENCRYPTED_PDF, "encrypted_pdf", "raw/x: the PDF is encrypted or password-protected"),
        (pdf_document([[("line", 72, 700, 500, 700)]]), "no_text_layer",
         "raw/x: the PDF has no text layer (scanned pages?); no OCR is done"),
        (REPORT_PDF[:400], "corrupt_pdf", "raw/x: cannot be read as PDF"),
        ("Un rapport en texte : 7 milliards d'euros.".encode(), "format_mismatch",
         "raw/x: declared PDF but does not start as a PDF file"),
    ],
)
def test_a_bad_pdf_is_refused_with_a_named_reason(raw, reason, detail):
    with pytest.raises(ConversionError) as info:
        convert_document("pdf", raw, "raw/x")
    assert info.value.reason == reason
    assert info.value.detail.startswith(detail)


def workbook_bytes() -> bytes:
    """A workbook as a statistics office publishes one: title and unit lines, a two-level header
    with a merged heading, a percentage cell, a source line, and a hidden sheet."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tableau 4"
    sheet.append(["Tableau 4 : Budgets des usines d'IA"])
    sheet.append(["En millions d'euros"])
    sheet.append([])
    sheet.append(["Pays", "Budget", None, "Part UE"])
    sheet.append([None, 2024, 2025, 2025])
    sheet.append(["Finlande", 1250, 215.5, 0.45])
    sheet["D6"].number_format = "0%"
    sheet.append(["Source : EuroHPC JU"])
    sheet.merge_cells("B4:C4")
    hidden = workbook.create_sheet("brouillon")
    hidden.append(["x", 1, 2])
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_sheet_is_a_table_with_its_title_lines_merged_heading_and_percent_cell():
    converted = convert_document("xlsx", workbook_bytes(), "raw/documents/budgets.xlsx")
    assert converted.text == (
        "Tableau 4 : Budgets des usines d'IA\nEn millions d'euros\n"
        "| Pays | Budget |  | Part UE |\n|  | 2024 | 2025 | 2025 |\n| Finlande | 1250 | 215.5 | 45 % |\n"
        "Source : EuroHPC JU\n"
    )
    (table,) = converted.tables
    assert table.caption.text == "Tableau 4 : Budgets des usines d'IA"
    assert [n.text for n in table.notes] == ["En millions d'euros", "Source : EuroHPC JU"]
    assert [texts(r) for r in table.header_rows] == [["Pays", "Budget", "Budget", "Part UE"], [None, "2024", "2025", "2025"]]
    assert [texts(r) for r in table.rows] == [["Finlande", "1250", "215.5", "45 %"]]
    assert_spans_index_the_text(converted)


@pytest.mark.parametrize(
    ("raw", "reason", "detail"),
    [
        (b"Pays;Budget\nFinlande;1250\n", "format_mismatch", "raw/x: declared XLSX but is not a ZIP archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "format_mismatch",
         "raw/x: declared XLSX but is an OLE file: a password-protected workbook or a legacy .xls"),
        (b"PK\x03\x04" + b"\x00" * 64, "corrupt_xlsx", "raw/x: cannot be read as a workbook"),
    ],
)
def test_a_bad_workbook_is_refused_with_a_named_reason(raw, reason, detail):
    with pytest.raises(ConversionError) as info:
        convert_document("xlsx", raw, "raw/x")
    assert info.value.reason == reason
    assert info.value.detail.startswith(detail)
