"""The rule links of a block, found bucket by bucket and filtered as each join is made (streamed,
pipelines.claims._near_pairs with `keep`), are exactly those of the block's full self-join under
the same exact test: the memory fix changes how the pairs are found, not which."""

import random

import polars as pl
import pytest

from pipelines import claims as cl


def _rows(seed: int, n: int = 400) -> pl.DataFrame:
    rng = random.Random(seed)
    units = ["EUR", "USD", "XXX", "count"]
    rows = []
    for i in range(n):
        unit = rng.choice(units)
        value = rng.choice([1e9, 1.04e9, 1.1e9, 2e9, 0.0, 5e8, 1000.0]) * rng.uniform(0.95, 1.05)
        start = rng.choice([None, 2024, 2025])
        rows.append({
            "fact_id": f"f{i:04d}", "source_id": f"s{rng.randrange(8)}", "quote_start": rng.choice([0, 100, 200]),
            "block": rng.choice(["e:a", "e:b", "e:c"]), "metric": rng.choice(["investment", "capex", "gpu_count", "amount"]),
            "unit": unit, "counted": rng.choice([None, "gpu"]), "hardware": rng.choice([None, "H100", "H800"]),
            "period_start": start, "period_end": None if start is None else start + rng.choice([0, 1]),
            "value": value, "value_eur": None if unit in ("XXX", "count") else value * (0.9 if unit == "USD" else 1.0),
        })
    frame = pl.DataFrame(rows, schema={
        "fact_id": pl.String, "source_id": pl.String, "quote_start": pl.Int64, "block": pl.String, "metric": pl.String,
        "unit": pl.String, "counted": pl.String, "hardware": pl.String, "period_start": pl.Int64, "period_end": pl.Int64,
        "value": pl.Float64, "value_eur": pl.Float64})
    return frame.with_columns(cl._unit_family().alias("family"))


def _full_self_join_links(keyed: pl.DataFrame) -> set[tuple[str, str, float]]:
    """The reference: every pair of representatives of a block, then the exact test."""
    signature = ["block", "metric", "unit", "counted", "hardware", "period_start", "period_end", "value"]
    keyed = keyed.with_columns(pl.col("fact_id").min().over(signature).alias("representative"))
    identical = keyed.filter(pl.col("fact_id") != pl.col("representative")).select(
        pl.col("representative").alias("a"), pl.col("fact_id").alias("b"), pl.lit(0.0).alias("distance"))
    reps = keyed.filter(pl.col("fact_id") == pl.col("representative")).select(cl._PAIR_COLUMNS)
    pairs = reps.join(reps, on="block", suffix="_b").filter(pl.col("fact_id") < pl.col("fact_id_b"))
    a, b = cl._comparable_values()
    same_sentence = ((pl.col("source_id") == pl.col("source_id_b")) & (pl.col("quote_start") == pl.col("quote_start_b"))
                     & (pl.col("unit") == pl.col("unit_b")))
    near = pairs.with_columns(((a - b).abs() / pl.max_horizontal(a.abs(), b.abs())).fill_nan(0.0).alias("distance")).filter(
        cl._compatible() & ~same_sentence & (pl.col("distance") <= cl.MATCH_TOLERANCE))
    found = pl.concat([identical, near.select(pl.col("fact_id").alias("a"), pl.col("fact_id_b").alias("b"), "distance")])
    return set(found.iter_rows())


@pytest.mark.parametrize("seed", range(3))
def test_streamed_block_links_equal_the_full_self_join(seed):
    keyed = _rows(seed)
    links = cl._block_links(keyed)
    assert links.select("a", "b").is_unique().all()
    assert set(links.iter_rows()) == _full_self_join_links(keyed)
    assert links.height > 100


def test_streamed_block_links_are_deterministic():
    keyed = _rows(7)
    first, second = cl._block_links(keyed), cl._block_links(keyed)
    assert first.equals(second)
