"""The release's visual report: `report/index.html`, one self-contained page of charts and the rows behind them.

Built from the published frames only (the same frames as the Parquet files), into the release's
staging folder before the switch, so `warehouse/report/index.html` always shows the current
release. Five sections, each a chart followed by the table of the rows it shows, with the
sentence each figure comes from (`facts.quote`) and its `fact_id` / `claim_id`:

- committed capital by public programme: top-level claims (`part_of` null) only, one bar per
  claim, so nothing is counted twice (README, "Totals without double counting");
- AI factories by host country and selection wave (`ai_factories`, `ai_factory_waves`);
- the GPU counts the sources state, each with its `scope` (a site, a fleet, per unit,
  deliveries): counts of different scopes are not comparable and are never added;
- startups by valuation;
- coverage: facts per source, facts per topic, rejections per reason.

Every bar links to its rows (an in-page anchor), and every chart to its table.

Self-contained and offline: the charts are Vega-Lite specifications rendered to SVG at
build time by `vl-convert` (no data requests allowed) and inlined; the page has no script and
loads no stylesheet, image or font; every link is an in-page anchor (`#...`); every value from
the data is HTML-escaped. Deterministic: same frames, same bytes (the release id is the only
release-specific text, no timestamp).

    python -m pipelines.report [--warehouse warehouse] [--out DIR]   # rebuild from a published release
"""

from __future__ import annotations

import argparse
import html
import json
import re
import hashlib
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polars as pl

REPORT_DIR = "report"
REPORT_FILE = "index.html"
SCREENSHOT_FILE = "screenshot.png"
# vl-convert resolves a mark's `href` against Vega's default base URL; the report's links are
# in-page anchors, so the base is removed again (and checked to be gone).
_VEGA_BASE_URL = "https://vega.github.io/vega-datasets/"
_WIDTH = 560
_NOT_NAMED = "not named"
COUNTED_PROCESSORS = ("gpu_count", "chip_count")  # `compute.metric` values that count GPUs or AI chips


@dataclass(frozen=True)
class Chart:
    """One chart: its Vega-Lite specification and the anchor of the table it shows."""

    anchor: str
    title: str
    spec: dict


@dataclass(frozen=True)
class Table:
    anchor: str
    title: str
    frame: pl.DataFrame
    row_key: str | None = None  # the column whose value names a row's anchor: `#<row_prefix>-<value>`
    row_prefix: str | None = None  # the same prefix as the `href` of the chart's bars


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    text: str
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def _row_link(prefix: str, key: pl.Expr) -> pl.Expr:
    return pl.concat_str(pl.lit(f"#{prefix}-"), key.str.to_lowercase().str.replace_all(r"[^a-z0-9_-]+", "-"))


def _statements(frames: dict[str, pl.DataFrame], ids: pl.DataFrame, fact_ids: str = "fact_ids") -> pl.DataFrame:
    """`ids` with one row per fact of its `fact_ids` list, and that fact's source and quote."""
    facts = frames["facts"].select("fact_id", "source_id", "figure_text", "quote")
    return ids.explode(fact_ids).rename({fact_ids: "fact_id"}).join(facts, on="fact_id", how="left", maintain_order="left")


#: Vega-Lite's schema and view defaults, as the specifications have always been written (they were
#: Altair's output until 2026-12-05: written directly since, the same specifications without
#: Altair's 0.3 s import and its schema validation at each release; the SVGs are identical).
_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"
_VIEW = {"continuousWidth": 300, "continuousHeight": 300}


def _field(data: pl.DataFrame, name: str) -> dict:
    """A field and its Vega-Lite type, read from the column's dtype as Altair did."""
    dtype = data.schema[name]
    kind = "quantitative" if dtype.is_numeric() else "temporal" if dtype.is_temporal() else "nominal"
    return {"field": name, "type": kind}


def _values(data: pl.DataFrame) -> list[dict]:
    """The rows as JSON values; dates and times as ISO date-times, as Altair serialised them."""
    temporal = [c for c, t in data.schema.items() if t.is_temporal()]
    if temporal:
        data = data.with_columns(pl.col(c).cast(pl.Datetime("us")).dt.strftime("%Y-%m-%dT%H:%M:%S") for c in temporal)
    return data.to_dicts()


def _bar_chart(data: pl.DataFrame, encoding: dict) -> dict:
    return {"$schema": _SCHEMA, "config": {"view": _VIEW}, "data": {"values": _values(data)}, "mark": {"type": "bar"},
            "encoding": encoding, "width": _WIDTH}


def _bar(data: pl.DataFrame, y: str, x: str, color: str, x_title: str, y_title: str | None, href: str | None,
         tooltip: Sequence[str]) -> dict:
    encoding = {
        "y": {"field": y, "type": "nominal", "sort": "-x", "title": y_title, "axis": {"labelLimit": 320}},
        "x": {"field": x, "type": "quantitative", "title": x_title},
        "color": {"field": color, "type": "nominal", "legend": {"orient": "bottom", "columns": 3}},
        "tooltip": [_field(data, t) for t in tooltip],
    }
    if href:
        encoding["href"] = {"field": href, "type": "nominal"}
    return _bar_chart(data, encoding)


def _stacked(data: pl.DataFrame, y: str, color: str, x_title: str, y_title: str | None, href: str | None) -> dict:
    encoding = {
        "y": {"field": y, "type": "nominal", "sort": "-x", "title": y_title},
        "x": {"aggregate": "count", "type": "quantitative", "title": x_title, "axis": {"tickMinStep": 1}},
        "color": {"field": color, "type": "nominal", "legend": {"orient": "bottom"}},
        "order": {"field": color, "type": "nominal"},
    }
    if href:
        encoding["href"] = {"field": href, "type": "nominal"}
    return _bar_chart(data, encoding)


#: A chart draws at most this many bars (the largest first); its table below lists every row. A bar
#: per source or per claim made the report the largest cost of an incremental refresh of 1,000
#: documents (62 of 114 s, profiled): rendering grows with the bars, not with what a reader can see.
TOP_BARS = 30


def _top(data: pl.DataFrame) -> pl.DataFrame:
    return data.head(TOP_BARS)


def _shown(n: int) -> str:
    return f" The chart shows the {TOP_BARS} largest; the table lists all {n}." if n > TOP_BARS else ""


def programmes_section(frames: dict[str, pl.DataFrame]) -> Section:
    programmes = frames["entities"].filter(pl.col("kind") == "public_programme").select("entity_id", pl.col("name").alias("programme"))
    claims = (
        frames["claims"]
        .filter(pl.col("part_of").is_null() & pl.col("amount_eur").is_not_null())
        .join(programmes, on="entity_id", how="inner")
        .sort(["amount_eur", "claim_id"], descending=[True, False])
        .with_columns((pl.col("amount_eur") / 1e9).round(6).alias("amount_bn_eur"), _row_link("programmes", pl.col("claim_id")).alias("href"))
    )
    chart = _bar(_top(claims.select("claim_id", "label", "programme", "amount_bn_eur", "conflicting", "href")),
                 y="label", x="amount_bn_eur", color="programme", x_title="committed, bn EUR (top-level claims)",
                 y_title=None, href="href", tooltip=["claim_id", "programme", "amount_bn_eur", "conflicting"])
    rows = _statements(frames, claims.select("claim_id", "programme", "label", "amount_bn_eur", "conflicting", "fact_ids"))
    total = claims.get_column("amount_eur").sum() / 1e9
    return Section(
        "programmes", "Committed capital by public programme",
        f"{claims.height} top-level commitments (claims with no `part_of`), {total:,.3f} bn EUR in all: each commitment "
        "once, however many sources state it; parts (such as a private share of a total) are not added to their whole."
        + _shown(claims.height),
        [Chart("programmes", "Committed capital, top-level claims", chart)],
        [Table("rows-programmes", "Claims and the statements behind them", rows, row_key="claim_id", row_prefix="programmes")],
    )


def ai_factories_section(frames: dict[str, pl.DataFrame]) -> Section:
    factories = (
        frames["ai_factories"]
        .with_columns(pl.col("country").fill_null(_NOT_NAMED).alias("host"),
                      _row_link("factories", pl.col("factory_id")).alias("href"))
        .sort("wave_id", "factory_id")
    )
    chart = _stacked(factories.select("host", "wave_id", "href"), y="host", color="wave_id",
                     x_title="AI factories", y_title="host country", href="href")
    waves = frames["ai_factory_waves"].select(
        "wave_id", "programme", "announced", "factory_count", (pl.col("funding_eur") / 1e9).round(6).alias("funding_bn_eur"), "claim_id",
        "fact_ids").sort("wave_id")
    rows = _statements(frames, factories.select("factory_id", "wave_id", "host", "site_name", "site_type", "fact_ids"))
    wave_rows = _statements(frames, waves)
    return Section(
        "ai-factories", "AI factories by host country and wave",
        f"{factories.height} factories in {waves.height} waves; a host no source names is '{_NOT_NAMED}'. "
        "Funding is a wave's total (one row per wave), never a factory's.",
        [Chart("ai-factories", "AI factories per host country, by wave", chart)],
        [Table("rows-factories", "Factories and the statements naming them", rows, row_key="factory_id", row_prefix="factories"),
         Table("rows-waves", "Waves, their funding and statements", wave_rows)],
    )


def compute_section(frames: dict[str, pl.DataFrame]) -> Section:
    gpus = (
        frames["compute"]
        .filter(pl.col("metric").is_in(COUNTED_PROCESSORS))
        .with_columns(pl.col("scope").fill_null("not stated"),
                      pl.concat_str(pl.col("entity").fill_null("(no entity)"), pl.lit(" · "),
                                    pl.col("hardware").fill_null(pl.col("metric")), pl.lit(" · "), pl.col("fact_id")).alias("count_of"),
                      _row_link("compute", pl.col("fact_id")).alias("href"))
        .sort(["value", "fact_id"], descending=[True, False])
    )
    chart = _bar(_top(gpus.select("count_of", "value", "scope", "href", "fact_id")), y="count_of", x="value", color="scope",
                 x_title="GPUs or AI chips stated", y_title=None, href="href", tooltip=["fact_id", "value", "scope"])
    rows = gpus.select("fact_id", "entity", "geo", "metric", "value", "hardware", "scope", "source_id", "quote")
    return Section(
        "compute", "The largest GPU and AI-chip counts stated",
        f"{gpus.height} counts of GPUs or AI chips, each with its scope (one site, a fleet, per unit, deliveries): "
        "counts of different scopes measure different things and are not added." + _shown(gpus.height),
        [Chart("compute", "GPU and AI-chip counts, by what they count", chart)],
        [Table("rows-compute", "Counts and their sentences", rows, row_key="fact_id", row_prefix="compute")],
    )


def startups_section(frames: dict[str, pl.DataFrame]) -> Section:
    facts = frames["facts"].select(pl.col("fact_id").alias("valuation_fact_id"), "source_id", "quote")
    valued = (
        frames["startups"]
        .filter(pl.col("valuation_eur").is_not_null())
        .with_columns((pl.col("valuation_eur") / 1e9).round(6).alias("valuation_bn_eur"),
                      pl.when(pl.col("european")).then(pl.lit("European")).otherwise(pl.lit("not European")).alias("origin"),
                      _row_link("startups", pl.col("entity_id")).alias("href"))
        .sort(["valuation_eur", "entity_id"], descending=[True, False])
    )
    chart = _bar(_top(valued.select("name", "valuation_bn_eur", "origin", "href")), y="name", x="valuation_bn_eur", color="origin",
                 x_title="valuation, bn EUR", y_title=None, href="href", tooltip=["name", "valuation_bn_eur"])
    rows = valued.select("entity_id", "name", "country", "european", "valuation_bn_eur", "valuation_fact_id").join(
        facts, on="valuation_fact_id", how="left", maintain_order="left")
    named = frames["startups"].height
    return Section(
        "startups", "Startups by valuation",
        f"{valued.height} of the {named} startups named have a valuation stated in the sources." + _shown(valued.height),
        [Chart("startups", "Valuation stated", chart)],
        [Table("rows-startups", "Valuations and their sentences", rows, row_key="entity_id", row_prefix="startups")],
    )


def coverage_section(frames: dict[str, pl.DataFrame]) -> Section:
    facts = frames["facts"]
    per_source = (facts.group_by("source_id").agg(pl.len().alias("facts"), pl.col("fact_id").min().alias("first_fact_id"))
                  .join(frames["sources"].select("source_id", "title"), on="source_id", how="right")
                  .select("source_id", "title", pl.col("facts").fill_null(0), "first_fact_id").sort("source_id")
                  .with_columns(pl.lit("facts").alias("kind"), _row_link("source", pl.col("source_id")).alias("href")))
    per_topic = (facts.group_by("topic").agg(pl.len().alias("facts")).sort("topic")
                 .with_columns(pl.lit("facts").alias("kind"), _row_link("topic", pl.col("topic")).alias("href")))
    rejections = frames["rejections"]
    per_reason = (rejections.group_by("stage", "reason").agg(pl.len().alias("rejections")).sort("stage", "reason")
                  .with_columns(_row_link("reason", pl.col("reason")).alias("href")))
    charts = [
        Chart("coverage-sources", "Facts per source",
              _bar(_top(per_source.sort(["facts", "source_id"], descending=[True, False])), y="source_id", x="facts", color="kind",
                   x_title="facts (the sources with the most)" if per_source.height > TOP_BARS else "facts", y_title=None, href="href",
                   tooltip=["source_id", "facts"])),
        Chart("coverage-topics", "Facts per topic",
              _bar(per_topic, y="topic", x="facts", color="kind", x_title="facts", y_title=None, href="href",
                   tooltip=["topic", "facts"])),
        Chart("coverage-rejections", "Rejections per reason",
              _bar(per_reason, y="reason", x="rejections", color="stage", x_title="rejections", y_title=None, href="href",
                   tooltip=["stage", "reason", "rejections"])),
    ]
    listed = rejections.select("rejection_id", "source_id", "stage", "reason", "detail").sort("stage", "reason", "rejection_id")
    return Section(
        "coverage", "Coverage",
        f"{facts.height} facts from {frames['sources'].height} sources; {rejections.height} figures or documents refused, "
        "each with its reason (nothing is dropped silently).",
        charts,
        [Table("rows-coverage-sources", "Facts per source", per_source.drop("kind", "href"), row_key="source_id", row_prefix="source"),
         Table("rows-coverage-topics", "Facts per topic", per_topic.drop("kind", "href"), row_key="topic", row_prefix="topic"),
         Table("rows-coverage-rejections", "Rejections", listed.join(per_reason.select("reason"), on="reason"),
               row_key="reason", row_prefix="reason")],
    )


def report_sections(frames: dict[str, pl.DataFrame]) -> list[Section]:
    return [programmes_section(frames), ai_factories_section(frames), compute_section(frames),
            startups_section(frames), coverage_section(frames)]


def render_svg(spec: dict) -> str:
    """The chart as inline SVG, with no external reference left in it."""
    spec_json = json.dumps(spec, sort_keys=True, default=str)
    cache = _CHART_CACHE.get()
    if cache is None:
        return _svg(spec_json)
    folder, used = cache
    path = folder / f"{_chart_key(spec_json)}.svg"
    used.add(path.name)
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    svg = _svg(spec_json)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(svg, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:  # a cache that cannot be written is only slower
        tmp.unlink(missing_ok=True)
    return svg


# Charts rendered by earlier releases, on disk (``chart_cache``): (folder, names used this time).
_CHART_CACHE: ContextVar[tuple[Path, set[str]] | None] = ContextVar("chart_cache", default=None)


def _chart_key(spec_json: str) -> str:
    import vl_convert

    return hashlib.sha256(f"{getattr(vl_convert, '__version__', '')}\n{spec_json}".encode("utf-8")).hexdigest()


@contextmanager
def chart_cache(folder: Path) -> Iterator[None]:
    """Within this block, charts are read from ``folder`` when an earlier report drew the same
    chart (same Vega-Lite spec, data included, and renderer version), else rendered and kept
    there: an incremental refresh redraws the charts its change moved, not all seven (about
    2 s of vl-convert per release). Charts the block did not draw are removed at its end."""
    folder.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    token = _CHART_CACHE.set((folder, used))
    try:
        yield
    finally:
        _CHART_CACHE.reset(token)
    for path in folder.glob("*.svg"):
        if path.name not in used:
            path.unlink(missing_ok=True)


@lru_cache(maxsize=64)
def _svg(spec_json: str) -> str:
    # Cached: rendering costs ~0.15 s a chart, and successive releases mostly draw the same charts.
    import vl_convert

    svg = vl_convert.vegalite_to_svg(json.loads(spec_json), allowed_base_urls=[])
    svg = svg.replace(_VEGA_BASE_URL + "#", "#")
    if _VEGA_BASE_URL in svg:
        raise ValueError("a chart references an external resource: " + _VEGA_BASE_URL)
    return svg


def _cell(value: object) -> str:
    """One cell's HTML (the rule :func:`_cells` applies to whole columns)."""
    if value is None:
        return _NULL_CELL
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:,.0f}"
    if isinstance(value, list):
        return html.escape(", ".join(str(v) for v in value))
    return html.escape(str(value))


_NULL_CELL = '<span class="null">–</span>'
# html.escape(quote=True), as one pass of Polars over a column
_ESCAPED = (["&", "<", ">", '"', "'"], ["&amp;", "&lt;", "&gt;", "&quot;", "&#x27;"])


def _escaped(text: pl.Expr) -> pl.Expr:
    return text.str.replace_many(*_ESCAPED)


def _cells(name: str, dtype: pl.DataType) -> pl.Expr:
    """The HTML of every cell of column ``name``, as :func:`_cell` writes each: strings and
    integers escaped as Polars casts them, booleans as Python writes them, lists of strings joined;
    floats (thousands separators) and any other type through :func:`_cell`, one call per value."""
    column = pl.col(name)
    if dtype == pl.String:
        text = _escaped(column)
    elif dtype.is_integer():
        text = column.cast(pl.String)
    elif dtype == pl.Boolean:
        text = pl.when(column).then(pl.lit("True")).otherwise(pl.lit("False"))
    elif isinstance(dtype, pl.List) and dtype.inner == pl.String:
        text = _escaped(column.list.join(", "))
    else:
        text = column.map_batches(lambda s: pl.Series([_cell(v) for v in s.to_list()], dtype=pl.String),
                                  return_dtype=pl.String)
    return pl.when(column.is_null()).then(pl.lit(_NULL_CELL)).otherwise(text)


def _table_html(table: Table) -> str:
    frame = table.frame
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    row = pl.concat_str([pl.concat_str(pl.lit(f'<td class="{html.escape(c)}">'), _cells(c, dtype), pl.lit("</td>"))
                         for c, dtype in frame.schema.items()])
    attr = pl.lit("")
    if table.row_key and table.row_prefix:
        # the first row of a key carries its anchor: the key lower-cased, runs of other characters as "-"
        text = pl.col(table.row_key).cast(pl.String).fill_null("None")
        anchor = pl.concat_str(pl.lit(f"{table.row_prefix}-"),
                               text.str.to_lowercase().str.replace_all(r"[^a-z0-9_-]+", "-").str.strip_chars("-"))
        attr = pl.when(anchor.is_first_distinct()).then(pl.concat_str(pl.lit(' id="'), _escaped(anchor), pl.lit('"')))\
            .otherwise(pl.lit(""))
    body = frame.select(pl.concat_str(pl.lit("<tr"), attr, pl.lit(">"), row, pl.lit("</tr>"))).to_series().to_list() \
        if frame.width else []
    return (f'<h3 id="{html.escape(table.anchor)}">{html.escape(table.title)} ({frame.height} rows)</h3>\n'
            f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(body) + "\n</tbody></table>")


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:2.2em;border-bottom:1px solid #ccc}h3{font-size:1.05em;margin-top:1.5em}
nav a{margin-right:1em}figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}
table{border-collapse:collapse;font-size:.82em;width:100%}th,td{border:1px solid #ddd;padding:3px 5px;vertical-align:top;text-align:left}
th{background:#f4f4f4}td.quote{max-width:460px}tr:target{background:#fff4c2}.null{color:#999}code{background:#f4f4f4}
"""


def render_report(frames: dict[str, pl.DataFrame], release_id: str) -> str:
    """The report's HTML: a deterministic function of the frames and the release id."""
    sections = report_sections(frames)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>European AI capacity — release {html.escape(release_id)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>European AI capacity: what the sources state</h1>",
        f"<p>Release <code>{html.escape(release_id)}</code>. Every figure below is traced to the sentence it comes from "
        "(<code>quote</code>) and to its row in the published tables (<code>fact_id</code>, <code>claim_id</code>). "
        "Click a bar to reach its rows.</p>",
        "<nav>" + "".join(f'<a href="#{s.anchor}">{html.escape(s.title)}</a>' for s in sections) + "</nav>",
    ]
    for section in sections:
        parts.append(f'<section id="{section.anchor}"><h2>{html.escape(section.title)}</h2>')
        parts.append(f"<p>{_inline_code(section.text)}</p>")
        for chart, table in zip(section.charts, section.tables, strict=False):
            parts.append(f'<figure id="chart-{chart.anchor}" class="chart"><figcaption>{html.escape(chart.title)}</figcaption>')
            parts.append(render_svg(chart.spec))
            parts.append(f'<p><a href="#{html.escape(table.anchor)}">The rows this chart shows ({table.frame.height})</a></p></figure>')
        for table in section.tables:
            parts.append(_table_html(table))
        parts.append("</section>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _inline_code(text: str) -> str:
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text))


def write_report(frames: dict[str, pl.DataFrame], release_id: str, folder: Path) -> Path:
    """Write `folder/index.html` (the folder is created); return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / REPORT_FILE
    path.write_text(render_report(frames, release_id), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    from pipelines.contract import TABLES
    from pipelines.publication import CURRENT_LINK, PARQUET_DIR

    parser = argparse.ArgumentParser(prog="python -m pipelines.report", description=__doc__.split("\n")[0])
    parser.add_argument("--warehouse", type=Path, default=Path("warehouse"))
    parser.add_argument("--out", type=Path, required=True, help="folder to write index.html into")
    args = parser.parse_args(argv)
    release = (args.warehouse / CURRENT_LINK).resolve()
    frames = {name: pl.read_parquet(release / PARQUET_DIR / f"{name}.parquet") for name in TABLES}
    print(write_report(frames, release.name, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
