"""Markdown: the text is the file as is; the tables are found by markdown-it-py (GFM tables).

The extractor reads the Markdown source itself, so every offset is an offset in the file.
markdown-it-py says which lines are a table (``table_open.map``) and how many cells each row has;
the cells' spans are read from the row's line: the text between unescaped pipes, trimmed of
spaces. The caption is the paragraph line right before the table (a heading or a line such as
"Tableau 3 : ..."), the notes the other lines of that paragraph and of the one right after the
table (a unit line "en millions d'euros", a source line).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from pipelines.converters import Cell, Converted, Table, decode_utf8, split_header_rows

VERSION = "md-1"

# Only the block structure is needed (which lines are a table, its rows): inline parsing is skipped.
_PARSER = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_PIPE = re.compile(r"(?<!\\)\|")
# Markdown markers around a caption or a note line: heading hashes, emphasis, a list bullet.
_MARKERS = re.compile(r"(?:#{1,6}\s+|[*_]+|>\s*|[-+*]\s+)*(.*?)[*_\s]*$")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its line break (markdown-it's line numbering)."""
    spans, start = [], 0
    for m in _LINE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _trimmed(text: str, start: int, end: int) -> Cell | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Cell(text[start:end], start, end) if end > start else None


def _row_cells(text: str, start: int, end: int) -> tuple[Cell | None, ...]:
    line = text[start:end]
    bars = [m.start() for m in _PIPE.finditer(line)]
    stripped = line.strip()
    bounds = [-1, *bars, len(line)]
    pieces = list(zip(bounds[:-1], bounds[1:]))
    if stripped.startswith("|"):
        pieces = pieces[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        pieces = pieces[:-1]
    return tuple(_trimmed(text, start + a + 1, start + b) for a, b in pieces)


def _note(text: str, span: tuple[int, int]) -> Cell | None:
    m = _MARKERS.match(text, span[0], span[1])
    return _trimmed(text, m.start(1), m.end(1)) if m else None


def convert(raw_bytes: bytes, path: str) -> Converted:
    text = decode_utf8(raw_bytes, path, "Markdown")
    lines = _lines(text)
    tokens = _PARSER.parse(text)
    tables = []
    spans_and_rows: list[tuple[list[int], list]] = []  # one pass over the tokens
    for token in tokens:
        if token.type == "table_open" and token.map is not None:
            spans_and_rows.append((token.map, []))
        elif token.type == "tr_open" and token.map is not None and spans_and_rows:
            spans_and_rows[-1][1].append(_row_cells(text, *lines[token.map[0]]))
    for (first, last), rows in spans_and_rows:
        header_rows, body = split_header_rows(rows, 1)
        before = []
        line = first - 1
        if line >= 0 and not text[lines[line][0]:lines[line][1]].strip():
            line -= 1  # one blank line between the caption and the table
        while line >= 0 and text[lines[line][0]:lines[line][1]].strip():
            before.insert(0, line)
            line -= 1
        after = []
        line = last
        while line < len(lines) and not text[lines[line][0]:lines[line][1]].strip():
            line += 1
            if line - last > 1:
                break
        while line < len(lines) and text[lines[line][0]:lines[line][1]].strip() and "|" not in text[lines[line][0]:lines[line][1]]:
            after.append(line)
            line += 1
        around = [n for n in (_note(text, lines[i]) for i in before + after) if n is not None]
        caption = _note(text, lines[before[0]]) if before else None
        notes = tuple(n for n in around if n != caption)
        tables.append(Table(header_rows, body, caption, notes))
    return Converted(text, tuple(tables))
