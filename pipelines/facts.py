"""From the figures extracted per document to the published `facts` table.

Pure functions of their inputs (Polars expressions, no loops over rows):

- `fact_id`: a hash of the source id, the span and the figure as written, so the same source
  text gives the same id on every run.
- money in EUR and USD at the ECB annual average of `fx_year`. `fx_year` is the figure's own
  year (the end of its period: the last year of a cumulated amount, the year of a single-year
  figure) but never later than the source's publication year (a plan for 2025-2028 announced in
  2025 is stated in 2025 money), and the publication year when the text gives no year.
- an amount whose currency is not stated (`XXX`) is published without EUR/USD values.
- figures that cannot be published as they are (a number the extractor could not read exactly,
  a currency without ECB rates, a negative count, a share above 100 %) go to `rejections` with their reason and quote; the rest of the document
  is published.
"""

from __future__ import annotations

import hashlib

import polars as pl

from pipelines.contract import FACTS, REJECTIONS

MONEY_UNIT = r"^[A-Z]{3}$"
UNSTATED_CURRENCY = "XXX"
UNREADABLE = "unreadable"  # pipelines.extraction.document.UNREADABLE (not imported: the extractor is heavier)

# Columns the extractor produces for each figure (pipelines.extraction.document).
EXTRACTED_COLUMNS = (
    "char_start", "char_end", "figure_text", "quote", "quote_start", "location", "page", "value", "value_low",
    "value_high", "bound", "unit", "counted", "hardware", "period_start", "period_end", "period_text",
    "period_quarter", "topic", "metric", "topic_evidence", "geo",
)


def stable_id(*parts: object, length: int = 16) -> str:
    """A short stable hash of the parts (unit-separator joined)."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:length]


def _hash_expr(*cols: str, prefix: str = "") -> pl.Expr:
    # Polars' own hash is not stable across versions; ids must be, so sha256 in Python.
    return pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in cols], separator="\x1f").map_elements(
        lambda s: prefix + stable_id(s), return_dtype=pl.String
    )


def _impossible_reason(known_currencies: list[str]) -> pl.Expr:
    money = pl.col("unit").str.contains(MONEY_UNIT)
    return (
        # A number the extractor could not read exactly (10^400, 1e309, 24 digits): its reason is
        # the extractor's (pipelines.extraction.document, unit "unreadable", reason in metric).
        pl.when(pl.col("unit") == UNREADABLE)
        .then(pl.col("metric"))
        # XXX (ISO 4217 "no currency"): an amount whose currency the sentence does not state is
        # published as such, without EUR/USD values, for a reviewed annotation to complete; so is
        # a known currency in a year without ECB rates (before 1999).
        .when(money & ~pl.col("unit").is_in(known_currencies) & (pl.col("unit") != UNSTATED_CURRENCY))
        .then(pl.lit("unknown_currency"))
        .when((pl.col("unit") == "count") & (pl.col("value_low") < 0))
        .then(pl.lit("negative_count"))
        .when(money & (pl.col("value_low") < 0))
        .then(pl.lit("negative_amount"))
        .when((pl.col("unit") == "percent") & pl.col("metric").str.ends_with("_share") & (pl.col("value_high") > 100))
        .then(pl.lit("share_over_100_percent"))
        .when(~pl.col("value").is_finite() | (pl.col("value_low") > pl.col("value_high")))
        .then(pl.lit("inconsistent_value"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )


def normalise_facts(extracted: pl.DataFrame, sources: pl.DataFrame, fx_rates: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(facts, rejections) from the extractor's rows (one per figure, with `source_id`)."""
    pub = sources.select("source_id", pl.col("published").alias("as_of"), pl.col("published").dt.year().cast(pl.Int64).alias("pub_year"))
    rates = fx_rates.select(
        pl.col("currency").alias("unit"), pl.col("year").alias("fx_year"), "eur_per_unit", "usd_per_unit", pl.lit(True).alias("has_rate")
    )
    money = pl.col("unit").str.contains(MONEY_UNIT)
    frame = (
        extracted.join(pub, on="source_id", how="inner")
        .with_columns(
            pl.when(money)
            .then(pl.min_horizontal(pl.coalesce("period_end", "period_start", "pub_year"), "pub_year"))
            .otherwise(None)
            .cast(pl.Int64)
            .alias("fx_year")
        )
        .join(rates, on=["unit", "fx_year"], how="left")
        .with_columns(
            pl.col("has_rate").fill_null(False),
            pl.when(pl.col("has_rate")).then(pl.col("fx_year")).alias("fx_year"),
            (pl.col("value") * pl.col("eur_per_unit")).alias("value_eur"),
            (pl.col("value") * pl.col("usd_per_unit")).alias("value_usd"),
            _hash_expr("source_id", "char_start", "char_end", "figure_text").alias("fact_id"),
            # Entities and reviewed annotations are applied upstream (pipelines.entities, pipelines.curation).
            (pl.col("extraction") if "extraction" in extracted.columns else pl.lit("rule")).alias("extraction"),
            (pl.col("entity_id") if "entity_id" in extracted.columns else pl.lit(None, dtype=pl.String)).alias("entity_id"),
            # The PDF page (pipelines.extraction.corpus.with_pages); null for formats without pages.
            (pl.col("page") if "page" in extracted.columns else pl.lit(None, dtype=pl.Int64)).alias("page"),
            # Claims are assigned downstream, across documents (pipelines.claims).
            pl.lit(None, dtype=pl.String).alias("claim_id"),
        )
        .with_columns(_impossible_reason(fx_rates.get_column("currency").unique().to_list()).alias("rejected_because"))
    )
    facts = FACTS.conform(frame.filter(pl.col("rejected_because").is_null()))
    rejected = frame.filter(pl.col("rejected_because").is_not_null()).select(
        "source_id",
        pl.lit("normalise").alias("stage"),
        pl.col("rejected_because").alias("reason"),
        pl.format(
            "{} {} ({}) at characters {}-{}: {}",
            pl.col("figure_text"), pl.col("unit"), pl.col("rejected_because"), pl.col("char_start"), pl.col("char_end"), pl.col("quote"),
        ).alias("detail"),
    )
    return facts, rejected


def rejections_frame(parts: list[pl.DataFrame], previous: pl.DataFrame | None, now) -> pl.DataFrame:
    """The `rejections` table: every refusal of the run, with the time it was first seen.

    `seen_at` is carried over from the previous release for a rejection already there, so that a
    re-run with the same inputs publishes identical files.
    """
    columns = {"source_id": pl.String, "stage": pl.String, "reason": pl.String, "detail": pl.String}
    frames = [p.select([pl.col(c).cast(t) for c, t in columns.items()]) for p in parts if p.height]
    rows = pl.concat(frames) if frames else pl.DataFrame(schema=columns)
    rows = rows.with_columns(_hash_expr("source_id", "stage", "reason", "detail", prefix="r").alias("rejection_id")).unique(
        "rejection_id", keep="first", maintain_order=True
    )
    seen = (
        previous.select("rejection_id", pl.col("seen_at").alias("previously_seen"))
        if previous is not None and previous.height
        else pl.DataFrame(schema={"rejection_id": pl.String, "previously_seen": REJECTIONS.polars_schema["seen_at"]})
    )
    rows = rows.join(seen, on="rejection_id", how="left").with_columns(
        pl.coalesce("previously_seen", pl.lit(now).cast(REJECTIONS.polars_schema["seen_at"])).alias("seen_at")
    )
    return REJECTIONS.conform(rows)


def with_entity_scope(facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    """`geo` where the sentence names no place: the scope of the entity the figure is about, when
    that entity spends or holds capacity in one place only (`entities.scope`); else left null."""
    scopes = entities.select("entity_id", pl.col("scope").alias("_scope")).filter(pl.col("_scope").is_not_null())
    return facts.join(scopes, on="entity_id", how="left").with_columns(
        pl.coalesce("geo", "_scope").alias("geo")).drop("_scope")
