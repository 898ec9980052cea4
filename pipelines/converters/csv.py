"""CSV: Polars reads the file (every cell as text); the converted text is the table as a pipe table.

A CSV has no sentences, and its cells' positions in the file are not what a reader quotes, so
the text the extractor and the reader see is built from the cells: one line per row, cells
joined by `` | `` (a Markdown pipe table, with a delimiter line under the header), and each
cell's span is recorded while the line is written. The separator is the one of ``,``, ``;`` or
tab that the first line uses most (French exports use ``;``). The first row is the header; rows
right under it with an empty first cell are further header levels (``split_header_rows``).

Refused: a broken quote or ragged rows (``malformed_csv``, with Polars' words), a header with
no row under it (``empty_csv``), and a file that is not delimiter-separated (one column:
``format_mismatch``).
"""

from __future__ import annotations

import io

import polars as pl

from pipelines.converters import Cell, ConversionError, Converted, Table, decode_utf8, split_header_rows

VERSION = "csv-1"

_SEPARATORS = (",", ";", "\t")


def convert(raw_bytes: bytes, path: str) -> Converted:
    text = decode_utf8(raw_bytes, path, "CSV")
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    separator = max(_SEPARATORS, key=first_line.count)
    if not first_line.count(separator):
        raise ConversionError("format_mismatch", f"{path}: declared CSV but its first line has no ',', ';' or tab separator")
    try:
        frame = pl.read_csv(io.BytesIO(raw_bytes.removeprefix(b"\xef\xbb\xbf")), separator=separator, has_header=False,
                            infer_schema=False)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        problem = " ".join(str(exc).split("You might want to try")[0].split())
        raise ConversionError("malformed_csv", f"{path}: cannot be read as CSV: {problem}") from None
    if frame.height < 2:
        raise ConversionError("empty_csv", f"{path}: has no row under its header line")
    pieces: list[str] = []
    offset = 0
    rows: list[tuple[Cell | None, ...]] = []
    for index, values in enumerate(frame.iter_rows()):
        cells: list[Cell | None] = []
        line = "|"
        for value in values:
            value = (value or "").strip().replace("\n", " ")
            line += " "
            cells.append(Cell(value, offset + len(line), offset + len(line) + len(value)) if value else None)
            line += value + " |"
        pieces.append(line + "\n")
        offset += len(line) + 1
        rows.append(tuple(cells))
        if index == 0:
            delimiter = "|" + "---|" * len(values) + "\n"
            pieces.append(delimiter)
            offset += len(delimiter)
    header_rows, body = split_header_rows(rows, 1)
    return Converted("".join(pieces), (Table(header_rows, body),))
