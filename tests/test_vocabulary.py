"""The vocabularies: every value the code can publish is explained, and nothing else is published."""

import re

import pandera.errors
import pandera.polars as pa
import polars as pl
import pytest

from pipelines.contract import TABLES
from pipelines.curation import CurationError, load_curation
from pipelines.extraction import change_direction, topic_context, topics
from pipelines.extraction.currencies import CURRENCY_CODES
from pipelines.extraction.languages import languages
from pipelines.extraction.units import UNITS
from pipelines.vocabulary import (
    BOUND, CURRENCY, METRIC, TOPIC, UNIT, VOCABULARIES, VocabularyError, vocabulary,
)
from tests.conftest import RAW


def metrics_the_rules_can_give() -> set[str]:
    """Every metric `topics.classify` and `topic_context` can give, read from their rule tables."""
    metrics = {metric for _, _, metric in topics.AI_FACTORY_METRICS}
    metrics |= {metric for _, metric in topics.COUNTED.values()}
    metrics |= {rule[1] for rule in topics.RULES}
    metrics |= {metric for _, metric in topics.FALLBACK.values()}
    metrics |= {refined for code in languages() for _, _, refined in topics._refinements(code)}
    # a hardware model on a count, share or factor: gpu_count, gpu_share, gpu_ratio
    metrics |= {f"gpu_{topics.FALLBACK[kind][1]}" for kind in ("count", "percent", "factor")}
    # a unit of kind "other" written in snake_case is its own metric ("rank")
    metrics |= {u for u in UNIT.values if topics.unit_kind(u) == "other" and re.fullmatch(r"[a-z][a-z0-9_]*", u)}
    # a counted noun of several topics, decided by the context
    metrics |= {metric for metric, _, _ in topic_context.COUNTED_TOPICS.values()}
    metrics.add(topic_context.HEIGHT_METRIC)  # a length said to be a height
    metrics.add(change_direction.MARKET_VALUE_DECLINE)  # a market value's fall
    return metrics


def metrics_of_reviewed_annotations() -> set[str]:
    return {a.changes["metric"] for a in load_curation(RAW / "curation") if "metric" in a.changes}


def test_every_metric_the_rules_can_give_is_explained():
    missing = metrics_the_rules_can_give() - set(METRIC.values)
    assert not missing, f"add these metrics with their meaning to METRIC in pipelines/vocabulary.py: {sorted(missing)}"


def test_the_metric_vocabulary_has_no_value_nothing_can_give():
    stale = set(METRIC.values) - metrics_the_rules_can_give() - metrics_of_reviewed_annotations()
    assert not stale, f"metrics no rule or annotation gives: {sorted(stale)}"
    assert len(METRIC.values) == 135


def test_the_unit_vocabulary_is_the_currencies_and_the_units_the_extractor_reads():
    assert set(UNIT.values) == {*CURRENCY_CODES, "XXX", *UNITS}
    assert CURRENCY.values == ("AUD", "BGN", "BRL", "CAD", "CHF", "CNY", "CZK", "DEM", "DKK", "DZD", "EUR", "GBP", "HKD", "HUF",
                               "IDR", "ILS", "INR", "ISK", "JPY", "KRW", "MAD", "MXN", "MYR", "NOK", "NZD", "PLN", "RON", "RSD",
                               "SEK", "SGD", "THB", "TND", "TRY", "USD", "XOF", "ZAR", "XXX")
    assert UNITS == ("count", "percent", "percentage_point", "factor", "rank", "MW", "MWh", "FLOPS", "m2", "km", "TB",
                     "degC", "years", "months", "days", "weeks", "hours")


def test_a_vocabulary_must_explain_exactly_the_values_of_its_definition():
    with pytest.raises(VocabularyError, match=r"vocabulary 'colour' \(pipelines/vocabulary.py\): no meaning for \['blue'\]; "
                                              r"meanings for values the code never gives: \['green'\]"):
        vocabulary("colour", "Colours.", {"red": "Red.", "green": "Green."}, ("red", "blue"))
    assert vocabulary("colour", "Colours.", {"b": "B.", "a": "A."}, ("a", "b")).values == ("a", "b")


def test_vocabularies_follow_the_extractor_order():
    assert TOPIC.values == ("compute", "capex", "ai_factories", "startups", "other")
    assert BOUND.values == ("exact", "approx", "at_least", "at_most")
    assert TOPIC.meaning("ai_factories") == "The EU AI factories and AI gigafactories programme: counts, funding, sites, chips."


def test_every_column_with_allowed_values_has_them_explained():
    unexplained = []
    for table in TABLES.values():
        for column in table.columns:
            if column.allowed_values is None:
                continue
            vocabulary_ = column.explained_by
            if vocabulary_ is None or not set(column.allowed_values) <= set(vocabulary_.values):
                unexplained.append(f"{table.name}.{column.name}")
    assert unexplained == []


def test_columns_find_their_vocabulary():
    facts = {c.name: c for c in TABLES["facts"].columns}
    assert {n: facts[n].explained_by.name for n in ("topic", "metric", "unit", "bound", "location", "extraction")} == {
        "topic": "topic", "metric": "metric", "unit": "unit", "bound": "bound", "location": "location", "extraction": "extraction"}
    capex = {c.name: c for c in TABLES["capex"].columns}
    assert capex["topic"].allowed_values == ("capex", "ai_factories")
    assert capex["topic"].explained_by is TOPIC
    assert capex["currency"].explained_by is CURRENCY
    assert {c.name: c for c in TABLES["entities"].columns}["kind"].explained_by is VOCABULARIES["kind"]
    assert {c.name: c for c in TABLES["sources"].columns}["published_precision"].explained_by is VOCABULARIES["published_precision"]


def test_a_metric_outside_the_vocabulary_is_refused_before_publication():
    column = {c.name: c for c in TABLES["facts"].columns}["metric"]
    schema = pa.DataFrameSchema({"metric": pa.Column(pl.String, checks=list(column.all_checks), nullable=False)})
    schema.validate(pl.DataFrame({"metric": ["gpu_count", "rank"]}))
    with pytest.raises(pandera.errors.SchemaError, match="made_up_metric"):
        schema.validate(pl.DataFrame({"metric": ["gpu_count", "made_up_metric"]}))


def test_a_reviewed_annotation_with_an_unknown_metric_names_the_file_and_the_entry(tmp_path):
    folder = tmp_path / "curation"
    folder.mkdir()
    (folder / "doc.yaml").write_text("- quote: '2024'\n  metric: wishful_thinking\n  note: x\n", encoding="utf-8")
    with pytest.raises(CurationError) as info:
        load_curation(folder)
    assert info.value.problems == [
        "raw/curation/doc.yaml:1: entry 1 (quote \"2024\"): field metric: 'wishful_thinking' is not in the metric "
        "vocabulary (add it with its meaning to pipelines/vocabulary.py)"]
