import polars as pl

from pipelines.changelog import diff_facts, render_changelog, summarise
from pipelines.contract import FACTS


def facts(rows: list[dict]) -> pl.DataFrame:
    base = {c: None for c in FACTS.polars_schema.names()}
    return pl.DataFrame([base | r for r in rows], schema=FACTS.polars_schema)


OLD = facts([
    {"fact_id": "a", "source_id": "s1", "figure_text": "200 milliards d'euros", "value": 2e11, "unit": "EUR"},
    {"fact_id": "b", "source_id": "s1", "figure_text": "sept usines", "value": 7.0, "unit": "count"},
    {"fact_id": "c", "source_id": "s2", "figure_text": "70 %", "value": 70.0, "unit": "percent", "topic": "other"},
])
NEW = facts([
    {"fact_id": "a", "source_id": "s1", "figure_text": "200 milliards d'euros", "value": 2e11, "unit": "EUR"},
    {"fact_id": "c", "source_id": "s2", "figure_text": "70 %", "value": 70.0, "unit": "percent", "topic": "compute",
     "metric": "market_share"},
    {"fact_id": "d", "source_id": "s2", "figure_text": "six", "value": 6.0, "unit": "count"},
])


def test_facts_are_added_removed_or_changed_by_id_and_meaning():
    diff = diff_facts(OLD, NEW)
    assert diff.rows() == [
        ("added", "d", "s2", "six", None),
        ("changed", "c", "s2", "70 %", "topic, metric"),
        ("removed", "b", "s1", "sept usines", None),
    ]
    assert summarise(diff) == {"added": 1, "removed": 1, "changed": 1,
                               "by_source": {"s1": {"removed": 1}, "s2": {"added": 1, "changed": 1}}}


def test_the_first_release_adds_everything_and_the_changelog_keeps_history():
    first = render_changelog(diff_facts(None, OLD), "r1", "2026-01-01", None, None)
    assert "Facts first release: 3 added, 0 removed, 0 changed." in first
    second = render_changelog(diff_facts(OLD, NEW), "r2", "2026-01-02", "r1", first)
    assert second.startswith("# Changelog of the published dataset\n\n## Release r2 (2026-01-02)")
    assert "Facts since release r1: 1 added, 1 removed, 1 changed." in second
    assert second.index("## Release r2") < second.index("## Release r1")
    assert second.count("# Changelog of the published dataset") == 1
