"""Charts kept on disk between releases (pipelines.report.chart_cache): a chart drawn from the
same spec is read back, not drawn again, and equals a fresh drawing; charts no longer drawn go."""

from pipelines import report


def _spec(values: list[int]) -> dict:
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "mark": "bar",
            "data": {"values": [{"x": str(i), "y": v} for i, v in enumerate(values)]},
            "encoding": {"x": {"field": "x", "type": "nominal"}, "y": {"field": "y", "type": "quantitative"}}}


def test_a_chart_drawn_before_is_read_back_and_unused_ones_are_removed(tmp_path, monkeypatch):
    folder = tmp_path / "charts"
    fresh = report.render_svg(_spec([1, 2]))
    with report.chart_cache(folder):
        assert report.render_svg(_spec([1, 2])) == fresh
        report.render_svg(_spec([3]))
    assert len(list(folder.glob("*.svg"))) == 2
    drawn = []
    monkeypatch.setattr(report, "_svg", lambda spec_json: drawn.append(spec_json) or "<svg/>")
    with report.chart_cache(folder):
        assert report.render_svg(_spec([1, 2])) == fresh
        assert report.render_svg(_spec([4])) == "<svg/>"
    assert len(drawn) == 1
    assert len(list(folder.glob("*.svg"))) == 2  # [3]'s chart was not drawn this time: removed
