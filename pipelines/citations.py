"""Which body text cites which note: the bridge from a figure in a bibliographic reference to
the body statement it restates.

A report's notes are lines ``N. Author, « Title », Publisher, date`` and its body cites them by
markers (``<sup>81</sup>``, ``<sup>12, 13</sup>``, Markdown ``[^81]``, ``[81]``). A headline
figure inside note ``N`` ("Tech Megacaps Plan to Spend more than $300 Billion in 2025") can only
restate a figure of a paragraph that cites ``N``; the paragraph is the text line holding the
markers (documents keep one paragraph per line).

``note_numbers(facts, texts)`` gives each fact of a note its number; ``cited_notes(facts, texts)``
gives each body fact the note numbers cited by its paragraph. Both are plain functions of the
document texts (``texts``: source_id -> text) and the facts' offsets. ``note_links`` gives both
from (source_id, text) pairs read one at a time: the texts of the documents with notes are
hundreds of MB at 10,000 documents, and no more than one need be held.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl

_NOTE_LINE = re.compile(r"[ \t]*(?:\[\^?)?(\d{1,4})(?:\]:?|[.)])[ \t]")
_MARKERS = (
    re.compile(r"<sup>([^<]{1,60})</sup>"),
    re.compile(r"\[\^(\d{1,4})\]"),
    re.compile(r"(?<=[\w.,;:»”)])\[(\d{1,4}(?:\s*[,–-]\s*\d{1,4})*)\]"),
)
# The string every match of each marker holds: a line without it is not searched (most lines).
_MARKER_HOLDS = ("<sup>", "[^", "[")
_NUMBER_RANGE = re.compile(r"(\d{1,4})(?:\s*[–-]\s*(\d{1,4}))?")


def _line(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def _numbers(marker: str) -> list[int]:
    out = []
    for m in _NUMBER_RANGE.finditer(marker):
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        out += list(range(first, min(last, first + 50) + 1))
    return out


NOTE_LOCATIONS = ("citation", "footnote")
#: Every column of the facts ``note_links`` reads (with the documents' texts).
READ_COLUMNS = ("fact_id", "source_id", "char_start", "location")
_PAIRS = {"fact_id": pl.String, "note": pl.Int64}


def note_numbers(facts: pl.DataFrame, texts: dict[str, str]) -> pl.DataFrame:
    """(fact_id, note) for the facts of location citation/footnote whose line opens with a note
    number."""
    return note_links(facts, texts.items())[0]


def cited_notes(facts: pl.DataFrame, texts: dict[str, str]) -> pl.DataFrame:
    """(fact_id, note) for every note cited by the paragraph (line) of each body fact."""
    return note_links(facts, texts.items())[1]


def note_links(facts: pl.DataFrame, texts: Iterable[tuple[str, str]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(``note_numbers``, ``cited_notes``) of the documents of ``texts``, (source_id, text) pairs
    read one at a time, each text dropped once its facts are read; rows in the order of
    ``facts`` (a fact's cited notes in increasing order)."""
    located = (facts.select("fact_id", "source_id", "char_start", pl.col("location").is_in(NOTE_LOCATIONS).alias("in_note"))
               .with_row_index("row").sort("source_id", maintain_order=True))
    # Each document's facts are one slice of `located`.
    slices = {source_id: (offset, length) for source_id, offset, length in
              located.with_row_index("at").group_by("source_id").agg(pl.col("at").first(), pl.len()).iter_rows()}
    numbers, cited = [], []
    for source_id, text in texts:
        if source_id not in slices:
            continue
        own = located.slice(*slices[source_id])
        rows = zip(own.get_column("row").to_list(), own.get_column("fact_id").to_list(),
                   own.get_column("char_start").to_list(), own.get_column("in_note").to_list())
        lines: dict[int, list[int]] = {}  # a paragraph's cited notes, by the offset of its line
        for row, fact_id, start, in_note in rows:
            line = _line(text, start)
            if in_note:
                m = _NOTE_LINE.match(text, line[0])
                if m:
                    numbers.append((row, fact_id, int(m.group(1))))
                continue
            if line[0] not in lines:
                found = set()
                for rx, needed in zip(_MARKERS, _MARKER_HOLDS):
                    if text.find(needed, *line) < 0:
                        continue
                    for m in rx.finditer(text, *line):
                        found.update(_numbers(m.group(1)))
                lines[line[0]] = sorted(found)
            cited += [(row, fact_id, n) for n in lines[line[0]]]
    return _in_order(numbers), _in_order(cited)


def _in_order(rows: list[tuple[int, str, int]]) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema={"row": pl.UInt32, **_PAIRS}, orient="row")
    return frame.sort("row", maintain_order=True).drop("row")
