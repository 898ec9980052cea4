"""XLSX: each visible worksheet is one table, read by openpyxl (cell values, not formulas).

A worksheet as published has a few lines of title above the table (one filled cell each), the
table (the first row with two or more filled cells is its header), and notes below (a source,
a unit line). The converted text is written here: the title lines, the table as a pipe table
(each cell's span recorded as it is written), the note lines; a sheet without a title line is
captioned by its name. Numbers are written as Python writes them ("1250", "215.5": no
thousands separator, a decimal point), which the number rules of every language read alike; a
cell formatted as a percentage is written as its percent ("45 %" for 0.45). A formula's cached
value is read (``data_only``); a formula never computed by a spreadsheet program has none and
its cell is empty.

Refused: a file that is not a ZIP archive (``format_mismatch``; an OLE file is a password-protected
workbook or a legacy .xls, said so) and a ZIP that openpyxl cannot read as a workbook
(``corrupt_xlsx``).
"""

from __future__ import annotations

import datetime as dt
import io
import re

from pipelines.converters import Cell, ConversionError, Converted, Table, split_header_rows

VERSION = "xlsx-1"

_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def _value_text(cell) -> str | None:
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        if "%" in (cell.number_format or ""):
            value = round(value * 100, 10)
            return f"{int(value) if float(value).is_integer() else value} %"
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    text = _SPACE.sub(" ", str(value)).strip()
    return text or None


def _open(raw_bytes: bytes, path: str):
    from openpyxl import load_workbook

    if raw_bytes.startswith(b"\xd0\xcf\x11\xe0"):
        raise ConversionError("format_mismatch", f"{path}: declared XLSX but is an OLE file: a password-protected "
                              "workbook or a legacy .xls; save an unprotected .xlsx")
    if not raw_bytes.startswith(b"PK\x03\x04"):
        raise ConversionError("format_mismatch", f"{path}: declared XLSX but is not a ZIP archive")
    try:
        return load_workbook(io.BytesIO(raw_bytes), data_only=True, read_only=False)
    except Exception as exc:  # zipfile.BadZipFile, KeyError (missing part), InvalidFileException, XML errors
        problem = " ".join(str(exc).split())[:160]
        raise ConversionError("corrupt_xlsx", f"{path}: cannot be read as a workbook ({type(exc).__name__}: {problem})") from None


def convert(raw_bytes: bytes, path: str) -> Converted:
    workbook = _open(raw_bytes, path)
    parts: list[str] = []
    length = 0
    tables: list[Table] = []

    def write(piece: str) -> None:
        nonlocal length
        parts.append(piece)
        length += len(piece)

    def line(text: str) -> Cell:
        cell = Cell(text, length, length + len(text))
        write(text + "\n")
        return cell

    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        rows = [[_value_text(c) for c in row] for row in sheet.iter_rows()]
        rows = [r for r in rows if any(v is not None for v in r)]
        if not rows:
            continue
        width = max(max((i for i, v in enumerate(r) if v is not None), default=0) for r in rows) + 1
        first = next((i for i, r in enumerate(rows) if sum(v is not None for v in r) >= 2), None)
        if first is None:  # a sheet of text lines only
            for r in rows:
                line(" ".join(v for v in r if v is not None))
            continue
        last = max(i for i, r in enumerate(rows) if sum(v is not None for v in r) >= 2)
        titles = [line(" ".join(v for v in r if v is not None)) for r in rows[:first]]
        if not titles:
            titles = [line(sheet.title)]
        written: list[tuple[Cell | None, ...]] = []
        for r in rows[first:last + 1]:
            out: list[Cell | None] = []
            write("|")
            for value in (r + [None] * width)[:width]:
                text = (value or "").replace("|", "/")
                write(" ")
                out.append(Cell(text, length, length + len(text)) if text else None)
                write(text + " |")
            write("\n")
            written.append(tuple(out))
        notes = [line(" ".join(v for v in r if v is not None)) for r in rows[last + 1:]]
        header_rows, body = split_header_rows(written, 1)
        tables.append(Table(header_rows, body, titles[0], (*titles[1:], *notes)))
    text = "".join(parts)
    if not text.strip():
        raise ConversionError("no_text", f"{path}: the workbook has no filled cell in a visible sheet")
    return Converted(text, tuple(tables))
