"""Scores of the extractor against the annotated corpus: per half, language and kind of figure.

Frames:

* ``passage_frame(passages, halves)``: one row per passage with its language and half;
* ``annotation_frame(passages)``: one row per annotated figure (``ann_*`` columns);
* ``prediction_frame(passages)``: one row per figure the extractor returns (``extract_document``
  on the passage text, its language and publication year; ``pred_*`` columns);
* ``judge(alignment, passages, annotations, predictions)``: one row per match, miss and false positive
  (``matching.align``) with both readings side by side and what is right in the match;
* ``scores(judged)``: the table of ``METRICS`` per (half, language, kind), with ``all`` rows.

Decisions:

* Units are compared in the corpus's canonical names. The extractor names compute ``FLOPS``
  where the corpus writes ``flops`` (both FLOP/s): ``EXTRACTOR_UNITS`` maps it; every other unit
  the extractor emits (ISO 4217 codes, ``MW``, ``MWh``, ``count``, ``percent``, ``factor``,
  ``years``, ``months``, ``weeks``, ``days``, ``hours``) is already the corpus's name. An
  unknown currency (``XXX``) or a unit with no annotated counterpart (``rank``,
  ``percentage_point`` against ``percent``) is a unit mismatch, counted in
  ``unit_mismatches`` and listed for the tuning half.
* *Kind* of a figure, from its unit (``unit_kind``): ``money`` (ISO 4217 code), ``count``,
  ``percent`` (``percent``, ``percentage_point``), ``factor``, ``physical`` (power, energy,
  compute, storage, area, distance, temperature), ``duration`` (years ... hours), else
  ``other`` (``rank``). A row's kind is the annotated figure's when there is one (matches and
  misses), the predicted figure's for a false positive; so per kind, recall = found / annotated
  and precision = found / (found + false positives of that kind).
* A matched reading is right on *value* when the canonical units are equal and the value
  (the midpoint for a range) is within 0.5 % of the annotated one; on *bound*, *topic* when they
  are equal; on *period* when first and last years are equal (both null counts as equal). These
  accuracies are over the found figures. ``recall_value`` is the stricter recall: annotated
  figures found *and* read with the right value and unit, over all annotated figures. A fall
  has two spellings that mean the same: a ``decline_rate`` of 7 (the extractor's, codebook) and a
  ``growth_rate`` of -7 (some annotations); a decline's value is compared signed (-7 both).
* An undated passage (``published: null``) is read with ``UNDATED_PUBLISHED_YEAR`` as its
  publication year; its annotations resolve no relative period ("this year") from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import polars as pl

from pipelines.evaluation.corpus import ANNOTATION_UNITS, Passage
from pipelines.extraction.document import extract_document
from pipelines.extraction.model import TOPIC_EVIDENCE

__all__ = [
    "EXTRACTOR_UNITS",
    "KINDS",
    "METRICS",
    "UNDATED_PUBLISHED_YEAR",
    "annotation_frame",
    "judge",
    "passage_frame",
    "prediction_frame",
    "scores",
    "topic_by_evidence",
    "unit_kind",
]

# The publication year given to an undated passage: the year most dated passages were published.
# Their annotations state no relative period ("this year"), so the choice only matters if the
# extractor resolves one there (it would then be wrong whatever the year).
UNDATED_PUBLISHED_YEAR = 2025
VALUE_TOLERANCE = 0.005  # relative
EXTRACTOR_UNITS = {"FLOPS": "flops"}  # extractor's unit name -> the corpus's canonical name
KINDS = ("money", "count", "percent", "factor", "physical", "duration", "other")
_PERCENT_UNITS = ("percent", "percentage_point")
_DURATION_UNITS = ("years", "months", "weeks", "days", "hours")
# Physical quantities: every canonical unit of the corpus that is not one of the other kinds.
_PHYSICAL_UNITS = tuple(sorted(ANNOTATION_UNITS - {"count", "factor", *_PERCENT_UNITS, *_DURATION_UNITS}))
LANGUAGE_ORDER = ("all", "en", "fr", "de")
HALF_ORDER = ("tuning", "test")
METRICS = (
    "annotated", "predicted", "found", "recall", "precision", "recall_value",
    "value", "bound", "topic", "period", "unit_mismatches",
)


def unit_kind(unit: pl.Expr) -> pl.Expr:
    """The kind of figure a canonical unit belongs to (module doc)."""
    return (
        pl.when(unit.str.contains(r"^[A-Z]{3}$")).then(pl.lit("money"))
        .when(unit == "count").then(pl.lit("count"))
        .when(unit.is_in(_PERCENT_UNITS)).then(pl.lit("percent"))
        .when(unit == "factor").then(pl.lit("factor"))
        .when(unit.is_in(_PHYSICAL_UNITS)).then(pl.lit("physical"))
        .when(unit.is_in(_DURATION_UNITS)).then(pl.lit("duration"))
        .otherwise(pl.lit("other"))
    )


def annotation_frame(passages: Iterable[Passage]) -> pl.DataFrame:
    """One row per annotated figure, with ``ann_*`` columns."""
    rows = [
        {
            "passage_id": p.id, "ann_idx": f.index, "ann_start": f.start, "ann_end": f.end,
            "ann_text": f.text, "ann_value": f.value, "ann_low": f.low, "ann_high": f.high,
            "ann_unit": f.unit, "ann_unit_text": f.unit_text, "ann_bound": f.bound,
            "ann_counted": f.counted, "ann_period_start": f.period_start,
            "ann_period_end": f.period_end, "ann_topic": f.topic, "ann_metric": f.metric,
            "ann_geo": f.geo,
        }
        for p in passages
        for f in p.figures
    ]
    schema = {
        "passage_id": pl.String, "ann_idx": pl.Int64, "ann_start": pl.Int64, "ann_end": pl.Int64,
        "ann_text": pl.String, "ann_value": pl.Float64, "ann_low": pl.Float64, "ann_high": pl.Float64,
        "ann_unit": pl.String, "ann_unit_text": pl.String, "ann_bound": pl.String,
        "ann_counted": pl.String, "ann_period_start": pl.Int64, "ann_period_end": pl.Int64,
        "ann_topic": pl.String, "ann_metric": pl.String, "ann_geo": pl.String,
    }
    return pl.DataFrame(rows, schema=schema).with_columns(ann_kind=unit_kind(pl.col("ann_unit")))


Extract = Callable[[str, str, int], pl.DataFrame]


def prediction_frame(passages: Iterable[Passage], extract: Extract = extract_document) -> pl.DataFrame:
    """The extractor's figures for every passage, one row each, with ``pred_*`` columns: the
    figures the pipeline publishes as facts (those it refuses go to ``rejections``, not scored)."""
    frames = []
    for p in passages:
        year = p.published_year if p.published_year is not None else UNDATED_PUBLISHED_YEAR
        frame = extract(p.text, p.language, year)
        if "refused_because" in frame.columns:
            # what the pipeline publishes: a refused figure (an argument's parts) is a rejection
            frame = frame.filter(pl.col("refused_because").is_null())
        frames.append(
            frame.with_row_index("pred_idx").select(
                pl.lit(p.id).alias("passage_id"),
                pl.col("pred_idx").cast(pl.Int64),
                "char_start", "char_end",
                pl.col("figure_text").alias("pred_text"),
                pl.col("value").alias("pred_value"),
                pl.col("value_low").alias("pred_low"),
                pl.col("value_high").alias("pred_high"),
                pl.col("unit").alias("pred_unit_as_named"),
                pl.col("unit").replace(EXTRACTOR_UNITS).alias("pred_unit"),
                pl.col("bound").alias("pred_bound"),
                pl.col("counted").alias("pred_counted"),
                pl.col("period_start").alias("pred_period_start"),
                pl.col("period_end").alias("pred_period_end"),
                pl.col("topic").alias("pred_topic"),
                pl.col("metric").alias("pred_metric"),
                pl.col("geo").alias("pred_geo"),
                (pl.col("topic_evidence") if "topic_evidence" in frame.columns
                 else pl.lit(None, dtype=pl.String)).alias("pred_topic_evidence"),
            )
        )
    return pl.concat(frames).with_columns(pred_kind=unit_kind(pl.col("pred_unit")))


def passage_frame(passages: Iterable[Passage], halves: dict[str, str]) -> pl.DataFrame:
    """One row per passage: its id, language and half (``halves`` maps a publisher to its half)."""
    return pl.DataFrame(
        [(p.id, p.language, halves[p.publisher]) for p in passages],
        schema={"passage_id": pl.String, "language": pl.String, "half": pl.String},
        orient="row",
    )


def judge(
    alignment: pl.DataFrame, passages: pl.DataFrame, annotations: pl.DataFrame, predictions: pl.DataFrame
) -> pl.DataFrame:
    """Alignment rows with the passage's language and half, both readings, and the verdicts
    ``*_ok`` on matches (module doc)."""
    joined = (
        alignment.join(passages, on="passage_id", how="left")
        .join(annotations, on=["passage_id", "ann_idx"], how="left")
        .join(predictions, on=["passage_id", "pred_idx"], how="left")
    )
    found = pl.col("status") == "match"
    unit_ok = pl.col("ann_unit") == pl.col("pred_unit")
    def signed(side: str) -> pl.Expr:
        value = pl.col(f"{side}_value")
        return pl.when(pl.col(f"{side}_metric").str.contains("decline")).then(-value.abs()).otherwise(value)

    close = (signed("pred") - signed("ann")).abs() <= VALUE_TOLERANCE * pl.col("ann_value").abs()
    return joined.with_columns(
        kind=pl.coalesce("ann_kind", "pred_kind"),
        unit_ok=pl.when(found).then(unit_ok),
        value_ok=pl.when(found).then(unit_ok & close),
        bound_ok=pl.when(found).then(pl.col("ann_bound") == pl.col("pred_bound")),
        topic_ok=pl.when(found).then(pl.col("ann_topic") == pl.col("pred_topic")),
        period_ok=pl.when(found).then(
            pl.col("ann_period_start").eq_missing(pl.col("pred_period_start"))
            & pl.col("ann_period_end").eq_missing(pl.col("pred_period_end"))
        ),
    ).sort(
        pl.col("passage_id"), pl.coalesce("ann_start", "char_start"), pl.col("ann_idx"), pl.col("pred_idx"),
        nulls_last=True,
    )


def scores(judged: pl.DataFrame) -> pl.DataFrame:
    """``METRICS`` per (half, language, kind), plus ``all`` over languages and over kinds.

    Rows are ordered tuning then test, languages ``all, en, fr, de``, kinds ``all`` then
    ``KINDS``; a ratio whose denominator is zero is null.
    """
    found = pl.col("status") == "match"

    def ratio(num: pl.Expr, den: pl.Expr) -> pl.Expr:
        return pl.when(den > 0).then(num / den)

    aggregates = [
        pl.col("ann_idx").is_not_null().sum().alias("annotated"),
        pl.col("pred_idx").is_not_null().sum().alias("predicted"),
        found.sum().alias("found"),
        pl.col("value_ok").sum().alias("_value"),
        pl.col("bound_ok").sum().alias("_bound"),
        pl.col("topic_ok").sum().alias("_topic"),
        pl.col("period_ok").sum().alias("_period"),
        (found & ~pl.col("unit_ok")).sum().alias("unit_mismatches"),
    ]
    frame = judged.with_columns(language_all=pl.lit("all"), kind_all=pl.lit("all"))
    parts = []
    for language in ("language", "language_all"):
        for kind in ("kind", "kind_all"):
            parts.append(
                frame.group_by("half", language, kind)
                .agg(aggregates)
                .rename({language: "language_", kind: "kind_"})
            )
    table = pl.concat(parts).rename({"language_": "language", "kind_": "kind"})
    table = table.with_columns(
        recall=ratio(pl.col("found"), pl.col("annotated")),
        recall_value=ratio(pl.col("_value"), pl.col("annotated")),
        precision=ratio(pl.col("found"), pl.col("predicted")),
        value=ratio(pl.col("_value"), pl.col("found")),
        bound=ratio(pl.col("_bound"), pl.col("found")),
        topic=ratio(pl.col("_topic"), pl.col("found")),
        period=ratio(pl.col("_period"), pl.col("found")),
    )
    order = {
        "half": list(HALF_ORDER),
        "language": list(LANGUAGE_ORDER),
        "kind": ["all", *KINDS],
    }
    return (
        table.with_columns(
            [pl.col(c).replace_strict(v, list(range(len(v))), return_dtype=pl.Int64).alias(f"_{c}_rank")
             for c, v in order.items()]
        )
        .sort("_half_rank", "_language_rank", "_kind_rank")
        .select("half", "language", "kind", *[pl.col(m) for m in METRICS])
        .cast({"annotated": pl.Int64, "predicted": pl.Int64, "found": pl.Int64, "unit_mismatches": pl.Int64})
    )


def topic_by_evidence(judged: pl.DataFrame) -> pl.DataFrame:
    """Topic accuracy of the found figures by ``topic_evidence`` (how far from the figure the words
    of its topic stand), per half and language (``all`` too): does the column published with each
    fact sort the right topics from the doubtful ones on text the rules were not written for?

    Columns: half, language, evidence, found, share (of the half's and language's found figures),
    topic. Levels in their vocabulary's order (nearest first); a level with no figure has no row."""
    found = judged.filter(pl.col("status") == "match").with_columns(
        pl.col("pred_topic_evidence").fill_null("none").alias("evidence"), language_all=pl.lit("all"))
    parts = []
    for language in ("language", "language_all"):
        parts.append(found.group_by("half", language, "evidence").agg(
            pl.len().alias("found"), pl.col("topic_ok").mean().alias("topic")).rename({language: "language"}))
    table = pl.concat(parts)
    table = table.with_columns((pl.col("found") / pl.col("found").sum().over("half", "language")).alias("share"))
    ranks = {"half": list(HALF_ORDER), "language": list(LANGUAGE_ORDER), "evidence": list(TOPIC_EVIDENCE)}
    return (
        table.with_columns([pl.col(c).replace_strict(v, list(range(len(v))), return_dtype=pl.Int64).alias(f"_{c}_rank")
                            for c, v in ranks.items()])
        .sort("_half_rank", "_language_rank", "_evidence_rank")
        .select("half", "language", "evidence", pl.col("found").cast(pl.Int64), "share", "topic")
    )
