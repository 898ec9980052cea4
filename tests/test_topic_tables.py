"""Unit tests of the topic tables on small frames: claims, conflicts, reviewed references, startups."""

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from pipelines.claims import assign_claims, claims_table, statements
from pipelines.contract import CAPEX, FACTS, STARTUPS
from pipelines.reviewed_claims import load_claims, reviewed_statements
from pipelines.topic_tables import ReferenceDataError, capex_table, startups_table

USD_EUR = 0.9  # a made-up rate: the tables only use value_eur as given


def fact(fact_id, value, unit="EUR", *, entity=None, geo=None, metric="investment", bound="exact", figure=None,
         period=(None, None), source="s1", topic="capex", start=0, as_of=dt.date(2025, 1, 1), low=None, high=None):
    figure = figure or f"{value / 1e9:g} milliards"
    value_eur = value if unit == "EUR" else value * USD_EUR if unit == "USD" else None
    return {
        "fact_id": fact_id, "source_id": source, "char_start": start, "char_end": start + len(figure), "figure_text": figure,
        "quote": f"... {figure} ...", "quote_start": max(start - 4, 0), "location": "body", "topic": topic, "metric": metric,
        "entity_id": entity, "geo": geo, "value": float(value), "value_low": float(low if low is not None else value),
        "value_high": float(high if high is not None else value), "bound": bound, "unit": unit, "counted": None,
        "hardware": None, "value_eur": value_eur, "value_usd": None, "fx_year": 2025, "period_start": period[0],
        "period_end": period[1], "period_text": None, "period_quarter": None, "as_of": as_of, "extraction": "rule",
    }


def facts(*rows) -> pl.DataFrame:
    """Rows left at offset 0 are spread out: each fact its own sentence, as in a real document."""
    spread = []
    for i, row in enumerate(rows):
        if row["char_start"] == 0 and i:
            shift = 1000 * i
            row = {**row, "char_start": shift, "char_end": row["char_end"] + shift, "quote_start": shift}
        spread.append(row)
    return pl.DataFrame(spread, schema=FACTS.polars_schema)


ENTITIES = pl.DataFrame({"entity_id": ["investai", "nvidia", "stargate", "photoroom", "elevenlabs", "big-tech"],
                         "name": ["InvestAI", "Nvidia", "Stargate", "Photoroom", "ElevenLabs", "Big Tech"],
                         "kind": ["public_programme", "big_tech", "company", "startup", "startup", "group"],
                         "country": ["EU", "US", "US", "FR", "GB", "US"],
                         "aliases": [[], [], [], ["PhotoRoom"], ["OnzeLabs"], []],
                         "members": [[], [], [], [], [], []],
                         "source_ids": [["s1"], ["s1"], ["s1"], ["s1", "s2"], ["s2"], ["s1"]]})


def claimed(rows: pl.DataFrame, reviewed: pl.DataFrame | None = None) -> pl.DataFrame:
    return assign_claims(statements(rows, ENTITIES), reviewed)


def claims_of(frame: pl.DataFrame, reviewed: pl.DataFrame | None = None) -> dict[str, tuple[str, bool]]:
    if "claim_id" not in frame.columns or frame.get_column("claim_id").is_null().all():
        frame = claimed(frame, reviewed)
    return {f: (c, k) for f, c, k in frame.select("fact_id", "claim_id", "conflicting").iter_rows()}


def capex_of(rows: pl.DataFrame, reviewed: pl.DataFrame | None = None) -> pl.DataFrame:
    stated = claimed(rows, reviewed)
    with_claims = rows.drop("claim_id").join(stated.select("fact_id", "claim_id"), on="fact_id")
    return capex_table(with_claims, ENTITIES, claims_table(stated))


def test_same_entity_and_amount_is_one_claim_across_sources_and_currencies():
    out = facts(
        fact("a", 200e9, entity="investai", source="s1", figure="200 milliards d'euros"),
        fact("b", 200e9, entity="investai", source="s2", figure="200 milliards d’euros"),
        fact("c", 205e9 / USD_EUR * 1.0, "USD", entity="investai", source="s3", figure="227,8 milliards de dollars"),
        fact("d", 150e9, entity="investai", metric="private_investment", figure="150 milliards"),
        fact("e", 200e9, entity="stargate", figure="200 milliards"),
    )
    claims = claims_of(out)
    assert claims["a"][0] == claims["b"][0] == claims["c"][0] == "c-a"  # 205 bn EUR is within 5 % of 200
    assert claims["d"][0] == "c-d" and claims["e"][0] == "c-e"  # other amount; other entity
    assert capex_of(out).columns == [c.name for c in CAPEX.columns]
    CAPEX.pandera_schema().validate(capex_of(out))


def test_periods_and_metrics_must_be_compatible():
    out = facts(
        fact("a", 10e9, entity="stargate", period=(2023, 2023)),
        fact("b", 10e9, entity="stargate", period=(2024, 2024)),  # another year: another claim
        fact("c", 10e9, entity="stargate", metric="private_investment"),  # generic `investment` matches, no period matches all
        fact("d", 10e9, entity="stargate", metric="public_funding", period=(2023, 2023)),
    )
    claims = claims_of(out)
    assert claims["a"][0] == claims["b"][0] == claims["c"][0] == "c-a"  # linked through c (unknown period, generic metric)
    out = facts(
        fact("a", 10e9, entity="stargate", metric="public_funding"),
        fact("d", 10e9, entity="stargate", metric="private_investment"),
    )
    assert claims_of(out)["a"][0] != claims_of(out)["d"][0]


def test_without_entity_same_metric_and_place():
    out = facts(
        fact("a", 335e9, "USD", geo="US", figure="335 milliards de dollars"),
        fact("b", 335e9, "USD", geo="US", figure="335 milliards", start=500),
        fact("c", 335e9, "USD", geo="FR"),
        fact("d", 335e9, "USD", source="s2"),  # neither entity nor place, in other documents: their own claims
        fact("e", 335e9, "USD", source="s3"),
    )
    claims = claims_of(out)
    assert claims["a"][0] == claims["b"][0] and len({claims[k][0] for k in "cde"} | {claims["a"][0]}) == 4


def test_conflicting_statements_of_one_claim_are_kept_and_flagged():
    # Nvidia's one-day loss: "plus de 593 milliards de dollars" vs "600 milliards": one claim by the
    # rule (same entity, within 5 %), and they agree: "plus de 593" allows 600.
    out = facts(
        fact("n1", 593e9, "USD", entity="nvidia", bound="at_least", figure="593 milliards de dollars", source="inas"),
        fact("n2", 600e9, "USD", entity="nvidia", figure="600 milliards", source="ifri"),
    )
    assert claims_of(out) == {"n1": ("c-n1", False), "n2": ("c-n1", False)}
    # "jusqu'à 500" and "500"; "près de 20" and "20"; "1,5 milliard" and "1,52 milliard" (rounding)
    for a, b in [(fact("a", 500e9, entity="stargate", bound="at_most", figure="500 milliards"), fact("b", 500e9, entity="stargate")),
                 (fact("a", 20e9, entity="investai", bound="approx", figure="20 milliards"), fact("b", 20.9e9, entity="investai", figure="20,9 milliards")),
                 (fact("a", 1.5e9, entity="investai", figure="1,5 milliard"), fact("b", 1.52e9, entity="investai", figure="1,52 milliard"))]:
        claims = claims_of(facts(a, b))
        assert claims["a"] == claims["b"] == ("c-a", False)
    # "600" written to the unit of milliards (599.5-600.5): 602 disagrees with it.
    claims = claims_of(facts(fact("a", 600e9, entity="nvidia", figure="600 milliards"),
                             fact("b", 602e9, entity="nvidia", figure="602 milliards", start=100)))
    assert claims["a"] == claims["b"] == ("c-a", True)


def test_reviewed_claims_link_and_separate(tmp_path: Path):
    texts = {"s1": "Le plan de 200 milliards d’euros. EU mobilizes $200 billion. Autre: 20 milliards d’euros pour les usines.",
             "s2": "Le plan « Gigafactories », doté de 20 milliards d’euros."}
    rows = facts(
        fact("a", 200e9, entity="investai", source="s1", figure="200 milliards d’euros", start=texts["s1"].index("200 milliards")),
        fact("b", 200e9, "USD", entity="investai", source="s1", figure="$200 billion", start=texts["s1"].index("$200")),
        fact("c", 20e9, entity="investai", source="s1", figure="20 milliards d’euros", start=texts["s1"].index("20 milliards")),
        fact("d", 20e9, entity="big-tech", source="s2", figure="20 milliards d’euros", start=texts["s2"].index("20 milliards"),
             topic="ai_factories", metric="programme_funding"),
    )
    path = tmp_path / "claims.yaml"
    path.write_text("""
claims:
  - claim: investai-200bn
    note: the Verge gives the plan in dollars
    statements:
      - {source: s1, quote: "plan de 200 milliards d'euros"}
      - {source: s1, quote: "mobilizes $200 billion"}
  - claim: gigafactories-20bn
    note: same 20 bn
    statements:
      - {source: s1, quote: "20 milliards d’euros pour les usines"}
      - {source: s2, quote: "doté de 20 milliards d'euros"}
""", encoding="utf-8")
    reviewed = reviewed_statements(load_claims(path), texts, rows)
    out = capex_of(rows, reviewed)
    assert claims_of(out) == {"a": ("investai-200bn", True), "b": ("investai-200bn", True),
                              "c": ("gigafactories-20bn", False), "d": ("gigafactories-20bn", False)}
    assert dict(out.select("fact_id", "topic").iter_rows()) == {"a": "capex", "b": "capex", "c": "capex", "d": "ai_factories"}
    # A quote that no longer occurs in its source is a stale reference: the error names file and entry.
    path.write_text(path.read_text(encoding="utf-8").replace("doté de 20", "dotée de 20"), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"claims.yaml: entry 2 \(claim 'gigafactories-20bn'\): statement 2: quote .* does not occur"):
        reviewed_statements(load_claims(path), texts, rows)


def test_reviewed_claims_beat_the_rule():
    rows = facts(fact("a", 10e9, entity="investai"), fact("b", 10e9, entity="investai", start=100))
    reviewed = pl.DataFrame({"fact_id": ["a", "b"], "reviewed_claim": ["x", "y"]})
    assert claims_of(rows, reviewed) == {"a": ("x", False), "b": ("y", False)}


def test_an_unreviewed_statement_never_chains_two_reviewed_claims_it_joins_the_closer():
    # c is within 5 % of both a and b: the rule alone would make one claim of the three.
    rows = facts(fact("a", 10e9, entity="investai"), fact("b", 10.8e9, entity="investai", start=100),
                 fact("c", 10.4e9, entity="investai", start=200))
    reviewed = pl.DataFrame({"fact_id": ["a", "b"], "reviewed_claim": ["x", "y"]})
    assert claims_of(rows, reviewed) == {"a": ("x", False), "b": ("y", True), "c": ("y", True)}  # 10.4 and 10.8 disagree


def test_the_rule_extends_a_reviewed_claim_with_unreviewed_statements():
    rows = facts(fact("a", 10e9, entity="investai"), fact("c", 10e9, entity="investai", start=100))
    reviewed = pl.DataFrame({"fact_id": ["a"], "reviewed_claim": ["x"]})
    assert claims_of(rows, reviewed) == {"a": ("x", False), "c": ("x", False)}


def test_startups_latest_valuation_and_funding():
    rows = facts(
        fact("v1", 300e6, entity="photoroom", metric="valuation", source="s1", as_of=dt.date(2024, 1, 1), topic="startups"),
        fact("v2", 500e6, entity="photoroom", metric="valuation", source="s2", as_of=dt.date(2025, 4, 1), topic="startups"),
        fact("v3", 100e6, entity="photoroom", metric="funding_round", source="s1", as_of=dt.date(2024, 1, 1), topic="startups"),
        fact("x", 1e9, entity="big-tech", metric="valuation", topic="startups"),
    )
    kinds = dict(ENTITIES.select("entity_id", "kind").iter_rows())
    out = startups_table(rows, ENTITIES, {"photoroom": "vertical_app", "elevenlabs": "foundation_models"}, kinds)
    STARTUPS.pandera_schema().validate(out)
    got = {r["entity_id"]: r for r in out.iter_rows(named=True)}
    assert sorted(got) == ["elevenlabs", "photoroom"]  # startups only (not the group, not the programme)
    assert (got["photoroom"]["valuation_eur"], got["photoroom"]["valuation_fact_id"]) == (500e6, "v2")
    assert (got["photoroom"]["funding_raised_eur"], got["photoroom"]["funding_fact_id"]) == (100e6, "v3")
    assert got["elevenlabs"]["aliases"] == ["OnzeLabs"] and got["elevenlabs"]["valuation_eur"] is None
    assert got["elevenlabs"]["european"] and got["photoroom"]["european"]


def test_a_reference_entry_quoting_an_unknown_source_is_an_error_not_a_skip(tmp_path):
    from pipelines.reviewed_claims import reviewed_claims_from_sources

    raw = tmp_path / "raw"
    (raw / "reference").mkdir(parents=True)
    (raw / "reference" / "claims.yaml").write_text(
        "claims:\n  - claim: typo-claim\n    note: test\n    statements:\n      - source: no-such-source\n        quote: \"200 milliards\"\n",
        encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"entry 1 \(claim 'typo-claim'\): source 'no-such-source' is not in raw/sources.yaml"):
        reviewed_claims_from_sources(pl.DataFrame(), raw, lambda wanted: {}, registered={"ifri-2025-startups-ia-generative"})


@pytest.mark.parametrize("seed", range(3))
def test_bucketed_pairs_find_every_close_pair_of_the_full_self_join(seed):
    import random

    from pipelines import claims as tt

    rng, n = random.Random(seed), 300
    rows = pl.DataFrame({
        "fact_id": [f"f{i:04d}" for i in range(n)],
        "block": [rng.choice(["e:a", "e:b"]) for _ in range(n)],
        "value": [rng.choice([1e9, 1.04e9, 1.1e9, 2e9, 0.0, 5e8]) * rng.uniform(0.95, 1.05) for _ in range(n)],
        "unit": [rng.choice(["EUR", "USD", "XXX"]) for _ in range(n)],
    }).with_columns(
        pl.when(pl.col("unit") == "XXX").then(None)
        .otherwise(pl.col("value") * pl.when(pl.col("unit") == "USD").then(0.9).otherwise(1.0)).alias("value_eur"))

    def close(pairs: pl.DataFrame) -> list[tuple[str, str]]:
        a, b = tt._comparable_values()
        ok = ((a - b).abs() <= tt.MATCH_TOLERANCE * pl.max_horizontal(a.abs(), b.abs())).fill_null(False)
        return sorted(pairs.filter(ok).select("fact_id", "fact_id_b").iter_rows())

    full = rows.join(rows, on="block", suffix="_b").filter(pl.col("fact_id") < pl.col("fact_id_b"))
    assert close(tt._near_pairs(rows)) == close(full)
    assert len(close(full)) > 1000
