"""Aligning the extractor's figures with the annotated ones, by span.

An annotated figure is located by its occurrence in the passage (``corpus.find_occurrence``:
``[start, end)``); a predicted figure by its ``[char_start, char_end)``. They *match* when the
two spans overlap. The alignment is one-to-one:

* candidate pairs (same passage, overlapping spans) are taken greedily by decreasing overlap
  length, then by the distance between their starts, then in text order; a pair is kept when
  neither its annotation nor its prediction is already matched;
* a prediction left unmatched is a *false positive* (it overlaps no annotated figure, or one
  already matched by a better prediction: a range read as two figures gives one match and one
  false positive);
* an annotation left unmatched is a *miss* (no prediction overlaps it, or the only one that does
  matched a neighbour better: two annotated figures read as one give one match and one miss).

Whether the matched reading is right (value, unit, bound, topic...) is ``scoring``'s job.
"""

from __future__ import annotations

import polars as pl

__all__ = ["ALIGNMENT_SCHEMA", "align"]

ALIGNMENT_SCHEMA = {
    "passage_id": pl.String(),
    "ann_idx": pl.Int64(),
    "pred_idx": pl.Int64(),
    "status": pl.String(),  # match | miss | false_positive
}


def align(annotations: pl.DataFrame, predictions: pl.DataFrame) -> pl.DataFrame:
    """One row per match, miss and false positive.

    ``annotations`` needs ``passage_id, ann_idx, ann_start, ann_end``; ``predictions`` needs
    ``passage_id, pred_idx, char_start, char_end``. Rows are sorted by passage, then by the
    start of the annotated (else predicted) span.
    """
    ann = annotations.select("passage_id", "ann_idx", "ann_start", "ann_end")
    pred = predictions.select("passage_id", "pred_idx", "char_start", "char_end")
    candidates = (
        ann.join(pred, on="passage_id", how="inner")
        .with_columns(
            overlap=pl.min_horizontal("ann_end", "char_end") - pl.max_horizontal("ann_start", "char_start"),
            distance=(pl.col("ann_start") - pl.col("char_start")).abs(),
        )
        .filter(pl.col("overlap") > 0)
        .sort(
            ["passage_id", "overlap", "distance", "ann_start", "char_start", "ann_idx", "pred_idx"],
            descending=[False, True, False, False, False, False, False],
        )
    )
    # Greedy one-to-one assignment: inherently sequential, over the few overlapping pairs only.
    used_ann: set[tuple[str, int]] = set()
    used_pred: set[tuple[str, int]] = set()
    matches: list[tuple[str, int, int]] = []
    for pid, a, p in candidates.select("passage_id", "ann_idx", "pred_idx").iter_rows():
        if (pid, a) in used_ann or (pid, p) in used_pred:
            continue
        used_ann.add((pid, a))
        used_pred.add((pid, p))
        matches.append((pid, a, p))

    matched = pl.DataFrame(
        matches, schema={"passage_id": pl.String, "ann_idx": pl.Int64, "pred_idx": pl.Int64}, orient="row"
    )
    misses = ann.join(matched, on=["passage_id", "ann_idx"], how="anti").select(
        "passage_id", "ann_idx", pl.lit(None, pl.Int64).alias("pred_idx")
    )
    false_positives = pred.join(matched, on=["passage_id", "pred_idx"], how="anti").select(
        "passage_id", pl.lit(None, pl.Int64).alias("ann_idx"), "pred_idx"
    )
    rows = pl.concat(
        [
            matched.with_columns(status=pl.lit("match")),
            misses.with_columns(status=pl.lit("miss")),
            false_positives.with_columns(status=pl.lit("false_positive")),
        ]
    )
    starts = (
        rows.join(ann.select("passage_id", "ann_idx", "ann_start"), on=["passage_id", "ann_idx"], how="left")
        .join(pred.select("passage_id", "pred_idx", "char_start"), on=["passage_id", "pred_idx"], how="left")
        .with_columns(_start=pl.coalesce("ann_start", "char_start"))
    )
    return (
        starts.sort(["passage_id", "_start", "ann_idx", "pred_idx"], nulls_last=True)
        .select(list(ALIGNMENT_SCHEMA))
        .cast(ALIGNMENT_SCHEMA)
    )
