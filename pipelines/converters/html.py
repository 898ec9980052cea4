"""HTML: the page's main text, written out block by block; its tables as pipe tables.

selectolax (the Lexbor HTML5 parser) reads the page as a browser would (unclosed tags, entities).
The main text is ``<main>``, else ``<article>``, else ``<body>``, without ``script``, ``style``,
``noscript``, ``template``, ``nav``, ``header``, ``footer``, ``aside``, ``form`` and hidden
elements: navigation and code state nothing. The converted text is written here, so its offsets
are exact by construction: each block (paragraph, heading, list item, caption...) is one line,
whitespace inside it collapsed to single spaces; a table is written as a pipe table (one line
per row, `` | `` between cells) with each cell's span recorded as it is written. The caption is
the table's ``<caption>``, else the block right before it (a heading or a "Tableau 3 : ..."
paragraph); the notes are the block before that caption line (when the caption is a
``<caption>``: the block right before the table) and the block right after the table (a unit or
source line). Header rows: those in ``<thead>``, else the leading rows made only of ``<th>``.
``colspan`` repeats a header over the columns it covers (a body cell is written once, then empty
cells); a cell with ``rowspan`` leaves the cells under it empty, so every column stays in place.

Refused: a file with no HTML tag (``format_mismatch``) and a page with no text outside scripts
and styles (``no_text``).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipelines.converters import Cell, ConversionError, Converted, Table, decode_utf8, split_header_rows

VERSION = "html-1"

_SKIPPED = frozenset({"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "head",
                      "svg", "iframe", "button", "select"})
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "figcaption", "pre",
                     "address", "summary", "caption", "div", "section", "article", "main", "ul", "ol", "dl", "figure",
                     "br", "hr", "body", "html", "details"})
_TAG = re.compile(r"<\s*[a-zA-Z!]")
_SPACE = re.compile(r"[ \t\n\r\f\v]+")  # HTML white space; a no-break space is kept (French numbers)


def _hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    return "hidden" in attrs or (attrs.get("aria-hidden") or "") == "true" or "display:none" in (attrs.get("style") or "").replace(" ", "")


class _Writer:
    """Writes the converted text line by line and keeps the spans of what it wrote."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.line: list[str] = []  # inline text of the current block
        self.blocks: list[Cell] = []  # every block line written, in order
        self.tables: list[tuple[int, Table]] = []  # (index in blocks of the first block after it, table)

    def text(self, words: str) -> None:
        self.line.append(words)

    def end_block(self) -> None:
        content = _SPACE.sub(" ", "".join(self.line)).strip()
        self.line = []
        if content:
            self.blocks.append(Cell(content, self.length, self.length + len(content)))
            self._write(content + "\n")

    def _write(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def row(self, cells: list[str | None]) -> tuple[Cell | None, ...]:
        """Write one table row ("| a | b |"), one entry per column (None: a cell covered from above)."""
        out: list[Cell | None] = []
        self._write("|")
        for text in cells:
            text = _SPACE.sub(" ", text or "").strip().replace("|", "/")
            self._write(" ")
            out.append(Cell(text, self.length, self.length + len(text)) if text else None)
            self._write(text + " |")
        self._write("\n")
        return tuple(out)


def _inline_text(node: LexborNode) -> str:
    pieces = []
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            pieces.append(child.text(deep=False) or "")
        elif child.tag not in _SKIPPED and not _hidden(child):
            pieces.append(" " if child.tag in ("br", "p", "div", "li") else "")
            pieces.append(_inline_text(child))
    return "".join(pieces)


def _span(cell: LexborNode, attribute: str) -> int:
    try:
        return max(1, min(int(cell.attributes.get(attribute) or 1), 50))
    except ValueError:
        return 1


def _table(node: LexborNode, writer: _Writer) -> None:
    writer.end_block()
    blocks_before = len(writer.blocks)
    caption_node = node.css_first("caption")
    caption = None
    if caption_node is not None:
        writer.text(_inline_text(caption_node))
        writer.end_block()
        caption = writer.blocks[-1] if len(writer.blocks) > blocks_before else None
    rows: list[tuple[Cell | None, ...]] = []
    covered: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    n_head = 0
    for tr in node.css("tr"):
        if tr.parent is not None and tr.parent.tag in ("thead", "tbody", "tfoot", "table"):
            table_of_row = tr.parent if tr.parent.tag == "table" else tr.parent.parent
            if table_of_row is not None and table_of_row.mem_id != node.mem_id:
                continue  # a row of a nested table
        cells = [c for c in tr.iter() if c.tag in ("td", "th")]
        if not cells:
            continue
        all_th = all(c.tag == "th" for c in cells)
        if (tr.parent is not None and tr.parent.tag == "thead") or (all_th and n_head == len(rows)):
            n_head = len(rows) + 1
        header = len(rows) < n_head
        columns: list[str | None] = []
        for c in cells:
            while covered.get(len(columns), 0) > 0:  # a cell of a row above spans down here
                covered[len(columns)] -= 1
                columns.append(None)
            text = _inline_text(c)
            colspan, rowspan = _span(c, "colspan"), _span(c, "rowspan")
            for i in range(colspan):  # a header spans its columns; a body cell states its value once
                if rowspan > 1:
                    covered[len(columns)] = rowspan - 1
                columns.append(text if header or i == 0 else None)
        while covered.get(len(columns), 0) > 0:
            covered[len(columns)] -= 1
            columns.append(None)
        rows.append(writer.row(columns))
    if not rows:
        return
    header_rows, body = split_header_rows(rows, max(n_head, 1))
    notes: list[Cell] = []
    if caption is None and blocks_before > 0:
        caption = writer.blocks[blocks_before - 1]
        if blocks_before > 1:
            notes.append(writer.blocks[blocks_before - 2])
    elif caption is not None and blocks_before > 0:
        notes.append(writer.blocks[blocks_before - 1])
    writer.tables.append((len(writer.blocks), Table(header_rows, body, caption, tuple(notes))))


def _walk(node: LexborNode, writer: _Writer) -> None:
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            writer.text(child.text(deep=False) or "")
            continue
        if tag in _SKIPPED or _hidden(child) or tag.startswith("#"):
            continue
        if tag == "table":
            _table(child, writer)
            continue
        block = tag in _BLOCKS
        if block:
            writer.end_block()
        _walk(child, writer)
        if block:
            writer.end_block()


def convert(raw_bytes: bytes, path: str) -> Converted:
    source = decode_utf8(raw_bytes, path, "HTML")
    if not _TAG.search(source):
        raise ConversionError("format_mismatch", f"{path}: declared HTML but has no HTML tag")
    tree = LexborHTMLParser(source)
    root = tree.css_first("main") or tree.css_first("article") or tree.body
    writer = _Writer()
    if root is not None:
        _walk(root, writer)
        writer.end_block()
    text = "".join(writer.parts)
    if not text.strip():
        raise ConversionError("no_text", f"{path}: the page has no text outside scripts, styles and navigation")
    tables = []
    for next_block, table in writer.tables:
        after = writer.blocks[next_block] if next_block < len(writer.blocks) else None
        if after is not None and after.start > max(c.end for r in table.rows for c in r if c is not None):
            table = Table(table.header_rows, table.rows, table.caption, (*table.notes, after))
        tables.append(table)
    return Converted(text, tuple(tables))
