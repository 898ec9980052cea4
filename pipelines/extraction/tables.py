"""Tables become facts: one row per numeric cell, with the same columns as ``extract_document``.

A cell's number says nothing alone; the table says what it is: the row header(s) name what the
row is about ("France"), the column header(s) what is measured and when ("Investissements",
"2024"), the caption what the table is ("Tableau 3 : ...") and a unit line how to read the
numbers ("en millions d'euros", "in € bn", "(%)"). Each numeric body cell becomes a row with
``location = 'table'`` and:

* ``char_start``/``char_end``: the number's span in the converted text (inside the cell), and
  ``figure_text`` the cell's characters there;
* ``quote``: the table read as a sentence, ``caption (unit line) | row headers | column headers:
  cell`` (when the line right above the table is the unit line, the title above it is the caption;
  a PDF table's page follows the caption: "Tableau 1 : ... (En millions d'euros), p. 2 | ...") — "Tableau 3 : Investissements (en millions d'euros) | France | 2024: 1 250" — and
  ``quote_start``/``quote_end`` the row's span in the converted text (the quote is composed from
  cells of that row and of the header, so it is not a substring of the text; every part of it is);
* the value: the cell read by the text's own number rules (``figures.find_figures``); when the
  cell states no unit of its own (a bare number, read as a count), the table's unit line gives
  the scale and the currency or the percent: the nearest one wins — the cell's column headers
  (lowest first), then the caption, then the notes around the table. "1 250" under "en millions
  d'euros" is 1 250 000 000 EUR;
* the period: a header that is a year ("2024") or a span of years ("2021-2027"), row headers
  then column headers, else a single year in the caption;
* topic and metric by ``topics.classify`` on the quote, geo the place a row header names, else a
  column header, else the quote's nearest (``places``); the topic's evidence is the quote (``sentence``)
  when it holds a word of the topic, else ``none`` (the text around the table is not read).

A cell with no number (a dash, "n.d.", text) gives nothing; a header is never a fact. A bare
four-digit integer, which the text rules may read as a year, is a value in a column that has a unit line
("1 950" written "1950" under "en millions d'euros"), and a year label otherwise.
"""

from __future__ import annotations

import re
from dataclasses import replace

import polars as pl

from pipelines.converters import Cell, Converted, Table
from pipelines.extraction.budget import UNLIMITED, DocumentBudget
from pipelines.extraction.document import SCHEMA
from pipelines.extraction.model import Figure
from pipelines.extraction.places import find_places, read_geo
from pipelines.extraction.currencies import is_money
from pipelines.extraction.topic_profiles import names_topic
from pipelines.extraction.topics import classify

__all__ = ["UnitLine", "read_unit_line", "table_facts"]

_SCALES = (
    (re.compile(r"\b(?:milliers|thousands?|k€|k\$|k)\b", re.I), 1e3),
    (re.compile(r"\b(?:millions?|mio|mn|m€|m\$|m)\b|M€", re.I), 1e6),
    (re.compile(r"\b(?:milliards?|billions?|bn|mds?|mrd|md€|g€)\b", re.I), 1e9),
)
_CURRENCIES = (
    (re.compile(r"€|\beur\b|\beuros?\b", re.I), "EUR"),
    (re.compile(r"\$|\busd\b|\bdollars?\b", re.I), "USD"),
    (re.compile(r"£|\bgbp\b|\blivres? sterling\b|\bpounds?\b", re.I), "GBP"),
)
_PERCENT = re.compile(r"\(\s*%\s*\)|\b(?:en|in)\s+%|\bpercent\b|\bpourcentage\b|%\s*$")
# A whole header cell that is a year or a span of years (the years a column or a row is about).
_YEAR_HEADER = re.compile(r"((?:19|20)\d{2})(?:\s*[-–/]\s*((?:19|20)\d{2}))?\s*[a-z*]?")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_YEAR_SHAPED = re.compile(r"[1-9]\d{3}")  # a bare four-digit integer, which the text rules may take for a year
_DATED_HEADER_MAX = 20  # a header this short naming one year is dated by it ("December 2024")


class UnitLine:
    """How a table's unit line reads its numbers: a scale, and a currency, percent or physical unit (or
    neither); ``scale_words`` says the scale comes from words of a language ("millions"), not from a
    unit's multiplier ("petaflop/s")."""

    __slots__ = ("scale", "unit", "text", "scale_words")

    def __init__(self, scale: float, unit: str | None, text: str, scale_words: bool = True):
        self.scale, self.unit, self.text, self.scale_words = scale, unit, text, scale_words


def read_unit_line(text: str) -> UnitLine | None:
    """The scale and currency (or percent, or a physical unit) a caption, header or note states, if any.

    A physical unit of the text rules (``units.PHYSICAL``: "petaflop/s", "MW", "GWh") is a unit
    line when it stands in parentheses ("HPL performance (petaflop/s)") or in a short line ("En
    MW"): the cells are read in it (793.4 under "petaflop/s" is 7.934e17 FLOPS)."""
    if _PERCENT.search(text):
        return UnitLine(1.0, "percent", text)
    physical = _physical_unit(text)
    if physical is not None:
        return physical
    unit = next((code for rx, code in _CURRENCIES if rx.search(text)), None)
    scale = next((factor for rx, factor in _SCALES if rx.search(text)), None)
    if unit is None and scale is None:
        return None
    # A scale word alone is a unit line only in a short line ("En milliers"), not in a caption
    # that happens to say "million".
    if unit is None and len(text) > 40:
        return None
    return UnitLine(scale or 1.0, unit, text)


def _physical_unit(text: str) -> UnitLine | None:
    from pipelines.extraction.units import PHYSICAL, physical_unit

    for m in PHYSICAL.finditer(text):
        start = m.start("unit")
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue  # inside a word
        in_parentheses = text.rfind("(", 0, start) > text.rfind(")", 0, start) and ")" in text[m.end("unit"):]
        if in_parentheses or len(text) <= 40:
            unit, multiplier = physical_unit(m.group("unit"))
            return UnitLine(multiplier, unit, text, scale_words=False)
    return None


def _year_period(cells: list[Cell]) -> tuple[int | None, int | None, str | None]:
    """The period of the first header that is a year or a span of years ("2024", "2021-2027"),
    else of the first short header naming one year and nothing else countable ("December 2024",
    "T1 2025")."""
    for cell in cells:
        m = _YEAR_HEADER.fullmatch(cell.text.strip())
        if m:
            start = int(m.group(1))
            return start, int(m.group(2) or start), cell.text
    for cell in cells:
        years = _YEAR.findall(cell.text)
        if len(years) == 1 and len(cell.text) <= _DATED_HEADER_MAX and len(re.findall(r"\d+", cell.text)) <= 2:
            return int(years[0]), int(years[0]), cell.text
    return None, None, None


def _place(cells: list[Cell], language: str) -> str | None:
    for cell in cells:
        places = find_places(cell.text, language)
        if places:
            return places[0][2]
    return None


def _find_figures(text: str, language: str):
    from pipelines.extraction.figures import find_figures

    return find_figures(text, language)


def _counted_by_header(cell: str, header: str, language: str) -> list[Figure] | None:
    """A bare count under a header naming what is counted ("AI Factories", "Usines d'IA"): the
    cell read with its header after it, as a sentence would write it ("7 AI Factories"), when
    the text rules then find the thing counted; the figure keeps the cell's own span."""
    figures = _find_figures(f"{cell} {header}", language)
    if figures and figures[0].start == 0 and figures[0].counted is not None and figures[0].end > len(cell):
        f = figures[0]
        return [replace(f, end=len(cell))]
    return None


def _table_facts(table: Table, number: int, language: str, budget: DocumentBudget) -> list[tuple]:
    out = []
    label = table.caption.text if table.caption is not None else f"Table {number}"
    unit_notes = [n for n in table.notes if read_unit_line(n.text)]
    titles_above = [n for n in table.notes if table.caption is not None and n.end <= table.caption.start
                    and read_unit_line(n.text) is None]
    if unit_notes and table.caption is not None and read_unit_line(table.caption.text) is None:
        label = f"{label} ({unit_notes[0].text})"
    elif titles_above and read_unit_line(table.caption.text) is not None:
        label = f"{titles_above[-1].text} ({table.caption.text})"  # the line above is the unit line
    if table.page is not None:
        label = f"{label}, p. {table.page}"
    caption_years = {m.group(1) for m in _YEAR.finditer(table.caption.text)} if table.caption is not None else set()
    for row in table.rows:
        budget.check()
        present = [c for c in row if c is not None]
        if not present:
            continue
        row_start, row_end = present[0].start, present[-1].end
        row_headers = [c for c in row[: table.n_row_headers] if c is not None]
        for column, cell in enumerate(row):
            if cell is None or column < table.n_row_headers:
                continue
            column_headers: list[Cell] = []
            for header in table.header_rows:
                h = header[column] if column < len(header) else None
                if h is not None and (not column_headers or column_headers[-1].text != h.text):
                    column_headers.append(h)
            unit_line = next((line for source in reversed(column_headers)
                              if (line := read_unit_line(source.text)) is not None), None)
            figures = _find_figures(cell.text, language)
            if unit_line is None and column_headers and figures and figures[0].unit == "count" \
                    and figures[0].counted is None:
                figures = _counted_by_header(cell.text, column_headers[-1].text, language) or figures
            if unit_line is None:
                unit_line = next((line for source in [table.caption, *table.notes]
                                  if source is not None and (line := read_unit_line(source.text)) is not None), None)
            if not figures and unit_line is not None and _YEAR_SHAPED.fullmatch(cell.text):
                # The text rules may take a bare four-digit integer for a year; in a column of amounts it is one.
                value = float(cell.text)
                figures = [Figure(0, len(cell.text), value, value, value, "exact", "count")]
            if not figures:
                continue
            figure = figures[0]
            scale, unit, scale_language = 1.0, figure.unit, figure.scale_language
            if figure.unit == "count" and figure.counted is None and unit_line is not None:
                scale, unit = unit_line.scale, unit_line.unit or "count"
                scale_language = language if unit_line.scale != 1.0 and unit_line.scale_words else None
            quote = " | ".join([label, *(c.text for c in row_headers), *(c.text for c in column_headers)]) + ": "
            quote_figure_start = len(quote) + figure.start
            quote += cell.text
            scaled = replace(figure, start=quote_figure_start, end=len(quote) - len(cell.text) + figure.end,
                             value=figure.value * scale, value_low=figure.value_low * scale,
                             value_high=figure.value_high * scale, unit=unit, scale_language=scale_language)
            period = _year_period(row_headers) if _year_period(row_headers)[0] else _year_period(column_headers)
            if period[0] is None and len(caption_years) == 1:
                year = int(next(iter(caption_years)))
                period = (year, year, next(iter(caption_years)))
            topic, metric = classify(quote, scaled, language)
            geo = _place(row_headers, language) or _place(column_headers, language) or read_geo(quote, scaled.start, scaled.end, language)
            out.append((
                cell.start + figure.start, cell.start + figure.end, cell.text[figure.start:figure.end], quote,
                row_start, row_end, "table", float(scaled.value), float(scaled.value_low), float(scaled.value_high),
                figure.bound, unit, figure.counted, figure.hardware, scale_language, period[0], period[1], period[2],
                None, topic, metric, _evidence(quote, topic, unit, language), geo, None, None,
            ))
    return out


def _evidence(quote: str, topic: str, unit: str, language: str) -> str:
    """``topic_evidence`` of a cell: its composed quote is its sentence (module doc)."""
    return "sentence" if names_topic(quote, language, topic, is_money(unit)) else "none"


def table_facts(tables: Converted | tuple[Table, ...], language: str, budget: DocumentBudget = UNLIMITED) -> pl.DataFrame:
    """One row per numeric body cell of every table (of a conversion, or given), ``SCHEMA``'s columns;
    ``budget`` is checked at every row (``BudgetExceeded``)."""
    tables = tables.tables if isinstance(tables, Converted) else tables
    rows = [r for number, table in enumerate(tables, 1) for r in _table_facts(table, number, language, budget)]
    frame = pl.DataFrame(rows, schema=SCHEMA, orient="row")
    return frame.sort(["char_start", "char_end"], maintain_order=True)
