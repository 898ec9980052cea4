"""The `compute` table: capacities with their scope, and no ratios."""

import datetime as dt

import polars as pl

from pipelines.contract import COMPUTE, FACTS
from pipelines.topic_tables import compute_table

ENTITIES = pl.DataFrame({"entity_id": ["nvidia"], "name": ["Nvidia"], "kind": ["big_tech"], "country": ["US"],
                         "aliases": [[]], "members": [[]], "source_ids": [["s1"]]})


def fact(fact_id: str, quote: str, figure: str, metric: str, unit: str = "count", topic: str = "compute") -> dict:
    start = quote.index(figure)
    return {
        "fact_id": fact_id, "source_id": "s1", "char_start": 100 + start, "char_end": 100 + start + len(figure),
        "figure_text": figure, "quote": quote, "quote_start": 100, "location": "body", "topic": topic, "metric": metric,
        "entity_id": None, "geo": None, "value": 1.0, "value_low": 1.0, "value_high": 1.0, "bound": "exact", "unit": unit,
        "counted": None, "hardware": None, "value_eur": None, "value_usd": None, "fx_year": None, "period_start": None,
        "period_end": None, "period_text": None, "period_quarter": None, "as_of": dt.date(2025, 1, 1), "extraction": "rule",
    }


def test_compute_rows_carry_the_scope_of_their_capacity():
    facts = pl.DataFrame([
        fact("a", "DeepSeek dispose de 50 000 GPU Hopper.", "50 000 GPU Hopper", "gpu_count"),
        fact("b", "Quatre giga-usines, chacune équipée de 100 000 microprocesseurs.", "100 000 microprocesseurs",
             "chip_count", topic="ai_factories"),
        fact("c", "Nvidia détient 90 % du marché des GPU.", "90 %", "market_share", unit="percent"),
        fact("d", "Le data center de Memphis atteindra 200 000 GPU.", "200 000 GPU", "gpu_count"),
        fact("e", "La livraison de 120 000 GPU par Nvidia.", "120 000 GPU", "gpu_count"),
        fact("f", "Une requête consomme dix fois plus d'électricité.", "dix fois", "energy_ratio", unit="factor", topic="other"),
    ], schema=FACTS.polars_schema)
    table = compute_table(facts, ENTITIES)
    assert table.columns == [c.name for c in COMPUTE.columns]
    assert dict(table.select("fact_id", "scope").iter_rows()) == {
        "a": "fleet", "b": "per_unit", "c": None, "d": "site", "e": "deliveries"}
    COMPUTE.pandera_schema().validate(table)
