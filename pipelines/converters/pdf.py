"""PDF: the text layer page by page, and the ruled tables, by pdfplumber.

pdfplumber (on pdfminer.six) gives each page's characters with their positions and finds tables
from the page's rules (``find_tables``). The converted text is written here, page after page:
the page's text lines outside its tables (pdfplumber's line grouping), and each table, at its
place in the page's reading order (top to bottom), as a pipe table whose cells' spans are
recorded as they are written. ``Converted.page_starts`` gives where each page starts in the text;
each table carries its page number. The caption of a table is the text line right above it, its
notes the line above the caption (often the unit line) and the line right below the table.

Refused: a file that does not start as a PDF (``format_mismatch``), a password-protected or
encrypted PDF that cannot be opened without a password (``encrypted_pdf``), a file pdfminer
cannot parse (``corrupt_pdf``) and a PDF with no text layer at all — scanned pages; no OCR is
done (``no_text_layer``).
"""

from __future__ import annotations

import io
import re

from pipelines.converters import Cell, ConversionError, Converted, Table, split_header_rows

VERSION = "pdf-1"

_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def _open(raw_bytes: bytes, path: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if b"%PDF-" not in raw_bytes[:1024]:
        raise ConversionError("format_mismatch", f"{path}: declared PDF but does not start as a PDF file (no %PDF- header)")
    try:
        pdf = pdfplumber.open(io.BytesIO(raw_bytes))
        pdf.pages  # noqa: B018 - parses the page tree now, so a broken file fails here
        return pdf
    except Exception as exc:  # pdfplumber wraps pdfminer's errors (PdfminerException)
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc.__cause__ or exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(exc).lower() \
                or "encrypt" in str(exc).lower():
            raise ConversionError("encrypted_pdf", f"{path}: the PDF is encrypted or password-protected; "
                                  "publish an unprotected copy") from None
        problem = " ".join(str(cause).split())[:160] or type(cause).__name__
        raise ConversionError("corrupt_pdf", f"{path}: cannot be read as PDF ({type(cause).__name__}: {problem})") from None


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.lines: list[Cell] = []

    def write(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def line(self, text: str) -> Cell | None:
        text = _SPACE.sub(" ", text).strip()
        if not text:
            return None
        cell = Cell(text, self.length, self.length + len(text))
        self.lines.append(cell)
        self.write(text + "\n")
        return cell

    def row(self, values: list[str | None]) -> tuple[Cell | None, ...]:
        out: list[Cell | None] = []
        self.write("|")
        for value in values:
            text = _SPACE.sub(" ", value or "").strip().replace("|", "/")
            self.write(" ")
            out.append(Cell(text, self.length, self.length + len(text)) if text else None)
            self.write(text + " |")
        self.write("\n")
        return tuple(out)


def convert(raw_bytes: bytes, path: str) -> Converted:
    pdf = _open(raw_bytes, path)
    writer = _Writer()
    page_starts: list[int] = []
    tables: list[Table] = []
    n_chars = 0
    try:
        for page in pdf.pages:
            page_starts.append(writer.length)
            n_chars += len(page.chars)
            found = page.find_tables()
            boxes = [t.bbox for t in found]

            def outside(obj, boxes=boxes) -> bool:
                return obj.get("object_type") != "char" or not any(
                    x0 <= (obj["x0"] + obj["x1"]) / 2 <= x1 and top <= (obj["top"] + obj["bottom"]) / 2 <= bottom
                    for x0, top, x1, bottom in boxes)

            lines = page.filter(outside).extract_text_lines() if boxes else page.extract_text_lines()
            blocks = [(line["top"], "line", line["text"]) for line in lines]
            blocks += [(table.bbox[1], "table", table) for table in found]
            blocks.sort(key=lambda b: (b[0], b[1]))
            pending: list[Table] = []  # tables waiting for the line below them (a note)
            for _, kind, block in blocks:
                if kind == "line":
                    cell = writer.line(block)
                    if cell is not None and pending:
                        tables.extend(Table(t.header_rows, t.rows, t.caption, (*t.notes, cell), page=t.page) for t in pending)
                        pending = []
                    continue
                tables.extend(pending)
                pending = []
                before = [c for c in writer.lines if c.start >= page_starts[-1]]
                rows = [writer.row(list(r)) for r in block.extract() if any(v for v in r)]
                if not rows:
                    continue
                header_rows, body = split_header_rows(rows, 1)
                caption = before[-1] if before else None
                notes = (before[-2],) if len(before) > 1 else ()
                pending.append(Table(header_rows, body, caption, notes, page=page.page_number))
            tables.extend(pending)
    finally:
        pdf.close()
    if n_chars == 0:
        raise ConversionError("no_text_layer", f"{path}: the PDF has no text layer (scanned pages?); no OCR is done")
    return Converted("".join(writer.parts), tuple(tables), tuple(page_starts))
