"""The visual report of a release (pipelines/report.py), built from the seeds; opened in headless Chromium."""

import html
import os
import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest

from pipelines import headless
from pipelines.contract import TABLES
from pipelines.report import REPORT_DIR, REPORT_FILE, render_report, report_sections
from tests.project import Project

N_CHARTS = 7  # programmes, AI factories, compute, startups, and three coverage charts


@pytest.fixture(scope="module")
def frames(built_project: Project) -> dict[str, pl.DataFrame]:
    return {name: built_project.table(name) for name in TABLES}


@pytest.fixture(scope="module")
def page(built_project: Project) -> Path:
    """The published report, reached as users reach it: warehouse/report/index.html."""
    return built_project.warehouse / REPORT_DIR / REPORT_FILE


def section(frames, anchor):
    return next(s for s in report_sections(frames) if s.anchor == anchor)


def chart_rows(chart) -> list[dict]:
    return chart.spec["data"]["values"]


def test_committed_capital_counts_top_level_programme_claims_once(frames):
    programmes = section(frames, "programmes")
    rows = chart_rows(programmes.charts[0])
    # InvestAI's parts (150 bn private, 50 bn public, 20 bn gigafactories) are not beside their whole.
    assert [(r["claim_id"], r["programme"], r["amount_bn_eur"]) for r in rows] == [
        ("investai-200bn", "InvestAI", 200.0),
        ("ai-factories-wave-1-funding", "EU AI Factories", 1.5),
        ("ai-factories-wave-2-funding", "EU AI Factories", 0.485)]
    assert "3 top-level commitments" in programmes.text and "201.985 bn EUR" in programmes.text
    (table,) = programmes.tables
    # One row per statement, each with its fact and quote: InvestAI is stated five times, each wave's
    # funding four times (doc 003's sentence, doc 005's sentence and table row, doc 009's table row).
    assert table.frame.group_by("claim_id").len().sort("claim_id").rows() == [
        ("ai-factories-wave-1-funding", 4), ("ai-factories-wave-2-funding", 4), ("investai-200bn", 5)]
    assert table.frame.get_column("quote").null_count() == 0


def test_ai_factories_are_counted_by_host_and_wave(frames):
    factories = section(frames, "ai-factories")
    counts = pl.DataFrame(chart_rows(factories.charts[0])).group_by("host", "wave_id").len().sort("host", "wave_id")
    assert counts.rows() == [
        ("AT", "ai_factory-w2", 1), ("BG", "ai_factory-w2", 1), ("CZ", "ai_factory-w3", 1), ("DE", "ai_factory-w1", 1),
        ("DE", "ai_factory-w2", 1), ("ES", "ai_factory-w1", 1), ("ES", "ai_factory-w3", 1), ("FI", "ai_factory-w1", 1),
        ("FR", "ai_factory-w2", 1), ("GR", "ai_factory-w1", 1), ("IT", "ai_factory-w1", 1), ("LT", "ai_factory-w3", 1),
        ("LU", "ai_factory-w1", 1), ("NL", "ai_factory-w3", 1), ("PL", "ai_factory-w2", 1), ("PL", "ai_factory-w3", 1),
        ("RO", "ai_factory-w3", 1), ("SE", "ai_factory-w1", 1), ("SI", "ai_factory-w2", 1), ("not named", "ai_gigafactory-w1", 4)]
    rows, waves = factories.tables
    assert rows.frame.get_column("factory_id").n_unique() == 23
    assert waves.frame.get_column("wave_id").unique().sort().to_list() == [
        "ai_factory-w1", "ai_factory-w2", "ai_factory-w3", "ai_gigafactory-w1"]


def test_compute_shows_every_gpu_and_chip_count_with_its_scope(frames):
    compute = section(frames, "compute")
    rows = chart_rows(compute.charts[0])
    assert [(r["value"], r["scope"]) for r in rows] == [
        (200000.0, "site"), (120000.0, "deliveries"), (100000.0, "per_unit"), (50000.0, "fleet"),
        (25000.0, "site"), (24000.0, "site"), (10000.0, "fleet"), (10000.0, "fleet")]
    assert compute.tables[0].frame.get_column("quote").null_count() == 0


def test_startups_are_ranked_by_stated_valuation(frames):
    startups = section(frames, "startups")
    assert [(r["name"], r["origin"]) for r in chart_rows(startups.charts[0])] == [("xAI", "not European"), ("Photoroom", "European")]
    table = startups.tables[0].frame
    assert table.get_column("valuation_fact_id").to_list() == frames["startups"].filter(
        pl.col("valuation_eur").is_not_null()).sort("valuation_eur", descending=True).get_column("valuation_fact_id").to_list()
    assert table.get_column("quote").null_count() == 0


def test_coverage_counts_facts_per_source_and_topic_and_rejections_per_reason(frames):
    coverage = section(frames, "coverage")
    sources, topics, reasons = (chart_rows(c) for c in coverage.charts)
    assert {r["source_id"]: r["facts"] for r in sources} == {
        "atomico-2025-state-of-european-tech-article": 6, "future-society-2025-modeles-ouverts-frontiere": 6,
        "ifri-2025-startups-ia-generative": 87, "inas-2025-investai-usines-ia": 23, "reboot-2025-france-bataille-ia": 24,
        "eurohpc-2025-ai-factories-rounds": 17, "eurohpc-2025-top500-systems": 10, "eurohpc-2021-ju-budget": 4,
        "eurostat-2025-ai-use-enterprises": 13, "ec-2025-usines-ia-note": 11}
    assert sum(r["facts"] for r in topics) == frames["facts"].height == 201
    assert {(r["stage"], r["reason"]): r["rejections"] for r in reasons} == {
        ("curation", "excluded_by_curation"): 1, ("extract", "discourse_count"): 10}
    assert coverage.tables[2].frame.height == 11  # every rejection listed with its detail


class _Page(HTMLParser):
    """Every element's tag and attributes, and the ids on the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


# Attributes through which a page can make the browser fetch something.
RESOURCE_ATTRIBUTES = {"src", "href", "xlink:href", "srcset", "poster", "data", "action", "formaction", "background",
                       "ping", "manifest", "codebase", "cite", "longdesc", "usemap"}


def external_references(text: str) -> list[str]:
    """What in the page could load something from outside it: elements that load, resource
    attributes that are not in-page anchors, CSS url()/@import that are not fragment references."""
    parsed = _Page()
    parsed.feed(text)
    found = [f"<{tag}>" for tag, _ in parsed.elements if tag in {"script", "link", "iframe", "object", "embed", "img",
                                                                   "image", "video", "audio", "source", "base", "use"}]
    found += [f"<meta http-equiv={a['http-equiv']}>" for tag, a in parsed.elements if tag == "meta" and "http-equiv" in a]
    for tag, attrs in parsed.elements:
        found += [f"<{tag} {k}={v!r}>" for k, v in attrs.items() if k in RESOURCE_ATTRIBUTES and not (v or "").startswith("#")]
        found += [f"<{tag} style={attrs['style']!r}>" for _ in [0] if "url(" in (attrs.get("style") or "")]
    css = " ".join(parsed.styles) + " " + " ".join(a.get("clip-path", "") + a.get("fill", "") for _, a in parsed.elements)
    found += [u for u in re.findall(r"url\(([^)]*)\)", css) if not u.strip("'\" ").startswith("#")]
    found += re.findall(r"@import[^;]*", css)
    return found


def test_the_report_is_self_contained_and_every_bar_links_to_its_rows(page):
    text = page.read_text(encoding="utf-8")
    assert text.count("<svg") == N_CHARTS
    assert external_references(text) == []
    ids = set(re.findall(r' id="([^"]+)"', text))
    links = re.findall(r' (?:xlink:)?href="#([^"]+)"', text)
    assert len(links) > 40 and set(links) <= ids
    # A bar of each chart links to a row of its table: the InvestAI claim, an unnamed host, xAI's site.
    assert {"programmes-investai-200bn", "factories-ai_gigafactory-w1-unnamed-1", "compute-3d2229c5f1c3b503",
            "startups-photoroom", "source-ifri-2025-startups-ia-generative", "topic-capex", "reason-discourse_count"} <= set(links)


def test_external_references_are_found():
    page = ('<html><head><link rel="stylesheet" href="https://cdn.example/x.css"><style>@import "x.css"; '
            'body{background:url(http://e.example/b.png)}</style></head><body><a href="https://e.example/">x</a>'
            '<svg><rect clip-path="url(#c1)"/></svg><a href="#ok">ok</a></body></html>')
    assert external_references(page) == [
        "<link>", "<link href='https://cdn.example/x.css'>", "<a href='https://e.example/'>",
        "http://e.example/b.png", '@import "x.css"']


def test_data_is_escaped_and_the_page_is_deterministic(frames):
    hostile = '<script>alert("x")</script> & <img src=http://e.example/p.png>'
    quoted = frames["claims"].filter(pl.col("claim_id") == "investai-200bn").get_column("fact_ids")[0][0]
    changed = {**frames, "facts": frames["facts"].with_columns(
        pl.when(pl.col("fact_id") == quoted).then(pl.lit(hostile)).otherwise(pl.col("quote")).alias("quote"))}
    text = render_report(changed, "20260101T000000Z-test")
    assert hostile not in text and html.escape(hostile) in text
    assert external_references(text) == []
    assert render_report(frames, "20260101T000000Z-test") == render_report(frames, "20260101T000000Z-test")
    # The release id is the only release-specific text.
    assert (render_report(frames, "RELEASE-ONE").replace("RELEASE-ONE", "ID")
            == render_report(frames, "RELEASE-TWO").replace("RELEASE-TWO", "ID"))


# --- headless Chromium -----------------------------------------------------------------------

def _chromium():
    if headless.find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")


# Evaluated once the page has loaded: each chart's rendered size in CSS pixels.
CHART_SIZES = ("Array.from(document.querySelectorAll('figure.chart svg'))"
               ".map(svg => { const box = svg.getBoundingClientRect(); return [Math.round(box.width), Math.round(box.height)]; })")


def test_chromium_renders_every_chart_and_no_request_leaves_the_page(page):
    _chromium()
    loaded = headless.load_page(page, CHART_SIZES)
    assert loaded.requests == []
    assert len(loaded.value) == N_CHARTS
    assert all(width > 100 and height > 30 for width, height in loaded.value), loaded.value


def test_the_request_check_sees_what_a_page_fetches(tmp_path):
    _chromium()
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<html><body><img src="http://report-test.invalid/pixel.png"><svg width="10" height="10"></svg>'
                     '<link rel="stylesheet" href="style.css"></body></html>', encoding="utf-8")
    loaded = headless.load_page(leaky, "document.querySelectorAll('svg').length")
    assert loaded.requests == ["http://report-test.invalid/pixel.png", (tmp_path / "style.css").as_uri()]
    assert loaded.value == 1


def test_a_screenshot_of_the_report_is_kept_with_the_release(published: Project):
    _chromium()
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "pipelines.headless", "screenshot", "--warehouse", str(published.warehouse)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    png = (published.warehouse / "current").resolve() / REPORT_DIR / "screenshot.png"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == headless.SCREENSHOT_SIZE


def test_a_chart_draws_the_largest_bars_and_its_table_lists_every_row():
    # 40 GPU counts: the chart draws the 30 largest (rendering grows with the bars), the table all 40
    import polars as pl

    from pipelines.report import TOP_BARS, compute_section

    compute = pl.DataFrame({
        "fact_id": [f"f-{i:02d}" for i in range(40)], "metric": ["gpu_count"] * 40, "value": [float(1000 + i) for i in range(40)],
        "scope": ["site"] * 40, "entity": ["e"] * 40, "hardware": [None] * 40, "geo": [None] * 40,
        "source_id": ["s"] * 40, "quote": ["q"] * 40,
    })
    section = compute_section({"compute": compute})
    spec = section.charts[0].spec
    values = spec["data"]["values"]
    assert TOP_BARS == 30 and len(values) == 30
    assert min(v["value"] for v in values) == 1010.0  # the largest 30
    assert section.tables[0].frame.height == 40
    assert "shows the 30 largest; the table lists all 40" in section.text


def test_a_table_is_written_cell_by_cell_as_each_value_reads():
    # the table is written column by column (Polars); each cell must read as the one-value rule writes it
    from pipelines.report import Table, _cell, _table_html

    frame = pl.DataFrame({
        "key": ["Mistral AI", "mistral ai", None, "ÉtÉ #1"],
        "text": ['a "quoted" <b>&\'', None, "plain", ""],
        "amount": [1234567.0, 2.5, None, 0.125],
        "count": [1, None, 30000, -2],
        "flag": [True, False, None, True],
        "names": [["a", "b<"], None, [], ["x"]],
        "day": [None, None, None, None],
    }, schema_overrides={"day": pl.Date})
    got = _table_html(Table("rows-x", "Rows & more", frame, row_key="key", row_prefix="p"))
    rows = got.split("<tbody>\n")[1].split("\n</tbody>")[0].split("\n")
    assert [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in rows] == [[_cell(v) for v in row] for row in frame.iter_rows()]
    # the first row of a key carries its anchor, the key lower-cased with other characters as "-"
    assert [re.search(r'<tr(?: id="([^"]*)")?>', r).group(1) for r in rows] == ["p-mistral-ai", None, "p-none", "p-t-1"]
    assert _cell(1234567.0) == "1,234,567" and _cell(0.125) == "0.125" and _cell(None) == '<span class="null">–</span>'


def test_a_bar_chart_spec_types_its_fields_from_their_dtypes():
    import datetime as dt

    from pipelines.report import _bar

    data = pl.DataFrame({"name": ["a", "b"], "value": [1.5, None], "kind": ["x", None], "announced": [dt.date(2024, 1, 31), None],
                         "conflicting": [True, False]})
    spec = _bar(data, y="name", x="value", color="kind", x_title="EUR bn", y_title=None, href=None,
                tooltip=["name", "value", "announced", "conflicting"])
    assert [t["type"] for t in spec["encoding"]["tooltip"]] == ["nominal", "quantitative", "temporal", "nominal"]
    assert spec["encoding"]["y"]["title"] is None and "href" not in spec["encoding"]
    # dates as ISO date-times, nulls as nulls: the rows Vega-Lite reads
    assert spec["data"]["values"] == [
        {"name": "a", "value": 1.5, "kind": "x", "announced": "2024-01-31T00:00:00", "conflicting": True},
        {"name": "b", "value": None, "kind": None, "announced": None, "conflicting": False},
    ]
