"""Compose the extraction stages into one Polars frame per document.

``extract_document(text, language, published_year)`` runs
``segments.split_document`` → ``figures.find_figures`` (per sentence) → ``periods.read_period``
→ ``topics.classify`` → ``places.read_geo`` and returns one row per figure, sorted by
``char_start``, with the columns and dtypes of ``SCHEMA`` (an empty document gives an empty frame
with the same schema).

Offsets: ``char_start``/``char_end`` are the figure's span in the *document*
(``text[char_start:char_end] == figure_text``); ``quote``/``quote_start``/``quote_end`` are the
sentence (at most 400 characters, see ``segments``) with its span in the document.

Decisions:

* A figure whose span overlaps a ``<sup>…</sup>`` marker (the footnote call ``<sup>12</sup>``)
  is dropped, and so is a number followed by an ordinal marker (``1<sup>er</sup> novembre``,
  ``XXI<sup>e</sup>``): footnote numbers and ordinals are not statements. A number just before
  a footnote call (``12 %<sup>3</sup>``) is kept.
* A figure whose span is not inside its sentence, or is empty, is dropped (defensive: the
  figures stage works on one sentence at a time).
* ``find_figures`` can be injected (``extract_document(..., find_figures=fake)``) so the
  composition is testable on its own; by default it is ``pipelines.extraction.figures``'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import polars as pl

from pipelines.extraction.model import Figure
from pipelines.extraction.periods import read_period
from pipelines.extraction.places import read_geo
from pipelines.extraction.segments import split_document
from pipelines.extraction.topics import classify

__all__ = ["SCHEMA", "extract_document"]

SCHEMA: dict[str, pl.DataType] = {
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "figure_text": pl.String(),
    "quote": pl.String(),
    "quote_start": pl.Int64(),
    "quote_end": pl.Int64(),
    "location": pl.String(),
    "value": pl.Float64(),
    "value_low": pl.Float64(),
    "value_high": pl.Float64(),
    "bound": pl.String(),
    "unit": pl.String(),
    "counted": pl.String(),
    "hardware": pl.String(),
    "scale_language": pl.String(),
    "period_start": pl.Int64(),
    "period_end": pl.Int64(),
    "period_text": pl.String(),
    "period_quarter": pl.Int64(),
    "topic": pl.String(),
    "metric": pl.String(),
    "geo": pl.String(),
}

_SUP_RE = re.compile(r"<sup>[^<>]{0,12}</sup>")
_ORDINAL_SUP_RE = re.compile(r"<sup>(?:er|re|e|ème|eme|nd|st|rd|th)</sup>", re.I)

FindFigures = Callable[[str, str], list[Figure]]


def _default_find_figures() -> FindFigures:
    from pipelines.extraction.figures import find_figures

    return find_figures


def extract_document(
    text: str,
    language: str,
    published_year: int,
    *,
    find_figures: FindFigures | None = None,
) -> pl.DataFrame:
    """One row per figure of ``text`` (see module doc and ``SCHEMA``)."""
    find = find_figures
    columns: dict[str, list] = {name: [] for name in SCHEMA}
    for sentence in split_document(text):
        if find is None:  # imported on first use: an empty document needs no figures stage
            find = _default_find_figures()
        s = sentence.text
        figures = find(s, language)
        if not figures:
            continue
        sups = [(m.start(), m.end()) for m in _SUP_RE.finditer(s)] if "<sup>" in s else []
        for f in figures:
            if not (0 <= f.start < f.end <= len(s)):
                continue
            if any(f.start < e and f.end > b for b, e in sups):
                continue
            if sups and _ORDINAL_SUP_RE.match(s, f.end):
                continue
            period = read_period(s, f.start, f.end, published_year)
            topic, metric = classify(s, f)
            row = (
                sentence.start + f.start,
                sentence.start + f.end,
                s[f.start : f.end],
                s,
                sentence.start,
                sentence.end,
                sentence.location,
                float(f.value),
                float(f.value_low),
                float(f.value_high),
                f.bound,
                f.unit,
                f.counted,
                f.hardware,
                f.scale_language,
                period.start,
                period.end,
                period.text,
                period.quarter,
                topic,
                metric,
                read_geo(s, f.start, f.end),
            )
            for name, value in zip(SCHEMA, row, strict=True):
                columns[name].append(value)
    frame = pl.DataFrame(columns, schema=SCHEMA)
    return frame.sort(["char_start", "char_end"], maintain_order=True)
