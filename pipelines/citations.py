"""Which body text cites which note: the bridge from a figure in a bibliographic reference to
the body statement it restates.

A report's notes are lines ``N. Author, « Title », Publisher, date`` and its body cites them by
markers (``<sup>81</sup>``, ``<sup>12, 13</sup>``, Markdown ``[^81]``, ``[81]``). A headline
figure inside note ``N`` ("Tech Megacaps Plan to Spend more than $300 Billion in 2025") can only
restate a figure of a paragraph that cites ``N``; the paragraph is the text line holding the
markers (documents keep one paragraph per line).

``note_numbers(facts, texts)`` gives each fact of a note its number; ``cited_notes(facts, texts)``
gives each body fact the note numbers cited by its paragraph. Both are plain functions of the
document texts (``texts``: source_id -> text) and the facts' offsets.
"""

from __future__ import annotations

import re

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


def note_numbers(facts: pl.DataFrame, texts: dict[str, str]) -> pl.DataFrame:
    """(fact_id, note) for the facts of location citation/footnote whose line opens with a note
    number."""
    rows = []
    notes = facts.filter(pl.col("location").is_in(["citation", "footnote"]) & pl.col("source_id").is_in(list(texts)))
    for fact_id, source_id, start in notes.select("fact_id", "source_id", "char_start").iter_rows():
        text = texts[source_id]
        line_start, _ = _line(text, start)
        m = _NOTE_LINE.match(text, line_start)
        if m:
            rows.append((fact_id, int(m.group(1))))
    return pl.DataFrame(rows, schema={"fact_id": pl.String, "note": pl.Int64}, orient="row")


def cited_notes(facts: pl.DataFrame, texts: dict[str, str]) -> pl.DataFrame:
    """(fact_id, note) for every note cited by the paragraph (line) of each body fact."""
    rows = []
    body = facts.filter(~pl.col("location").is_in(["citation", "footnote"]) & pl.col("source_id").is_in(list(texts)))
    lines: dict[tuple[str, int], list[int]] = {}
    for fact_id, source_id, start in body.select("fact_id", "source_id", "char_start").iter_rows():
        text = texts[source_id]
        line = _line(text, start)
        if (source_id, line[0]) not in lines:
            found = set()
            for rx, needed in zip(_MARKERS, _MARKER_HOLDS):
                if text.find(needed, *line) < 0:
                    continue
                for m in rx.finditer(text, *line):
                    found.update(_numbers(m.group(1)))
            lines[(source_id, line[0])] = sorted(found)
        rows += [(fact_id, n) for n in lines[(source_id, line[0])]]
    return pl.DataFrame(rows, schema={"fact_id": pl.String, "note": pl.Int64}, orient="row")
