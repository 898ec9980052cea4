"""The evaluation as Markdown: the score table, the topic by its evidence, the corpus per half, the tuning half's errors.

``evaluation_document`` is the content of ``docs/evaluation.md``: scores of both halves and
how they are computed, no date and no timing, so the same corpus and extractor give the same
bytes. ``tuning_errors`` lists, for the *tuning half only*, every miss, false positive and
wrong reading, with summaries by unit as written, unit pair and topic pair: rule work reads
these. Nothing here lists an individual figure of the test half.
"""

from __future__ import annotations

import polars as pl

from pipelines.evaluation.agreement import agreement_markdown
from pipelines.evaluation.scoring import METRICS, topic_by_evidence

__all__ = ["evaluation_document", "evidence_table", "score_table", "tuning_errors"]

_RATIOS = ("recall", "precision", "recall_value", "value", "bound", "topic", "period")
_HEADERS = {
    "half": "half",
    "language": "language",
    "kind": "kind",
    "annotated": "annotated",
    "predicted": "predicted",
    "found": "found",
    "recall": "recall",
    "precision": "precision",
    "recall_value": "recall (right value)",
    "value": "value",
    "bound": "bound",
    "topic": "topic",
    "period": "period",
    "unit_mismatches": "unit mismatches",
}


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    text = str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(frame: pl.DataFrame, headers: dict[str, str] | None = None) -> str:
    headers = headers or {}
    names = [headers.get(c, c) for c in frame.columns]
    lines = ["| " + " | ".join(names) + " |", "|" + "|".join("---" for _ in names) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join(lines) + "\n"


def score_table(scores: pl.DataFrame, half: str | None = None) -> str:
    """The scores as a Markdown table (one half, or both)."""
    frame = scores if half is None else scores.filter(pl.col("half") == half)
    return markdown_table(frame.select("half", "language", "kind", *METRICS), _HEADERS)


def evidence_table(judged: pl.DataFrame) -> str:
    """Topic accuracy by ``topic_evidence``, both halves, all languages then each."""
    return markdown_table(topic_by_evidence(judged), {"evidence": "topic_evidence", "share": "share of found", "topic": "topic right"})


_EVIDENCE_INTRO = (
    "Each published fact says how far from the figure the words of its topic stand (`facts.topic_evidence`: "
    "its sentence, its paragraph, the heading above it, the document, or none). Whatever rule decided the topic, "
    "the farther its evidence, the more often it is wrong; on the test half this says how much a user gains by "
    "keeping only the facts whose topic their own sentence or paragraph names.\n"
)


def corpus_table(passages: pl.DataFrame, judged: pl.DataFrame) -> str:
    """Passages and annotated figures per half and language."""
    figures = judged.filter(pl.col("ann_idx").is_not_null()).group_by("half", "language").agg(
        figures=pl.len().cast(pl.Int64)
    )
    frame = (
        passages.group_by("half", "language")
        .agg(passages=pl.len().cast(pl.Int64))
        .join(figures, on=["half", "language"], how="left")
        .with_columns(pl.col("figures").fill_null(0))
        .with_columns(_h=pl.col("half").replace_strict({"tuning": 0, "test": 1}, return_dtype=pl.Int64))
        .sort("_h", "language")
        .drop("_h")
    )
    return markdown_table(frame)


def _num(v: float | None) -> str:
    return "–" if v is None else format(v, ".6g")


def _reading(prefix: str, row: dict) -> str:
    value = row[f"{prefix}_value"]
    low, high = row[f"{prefix}_low"], row[f"{prefix}_high"]
    unit = row["pred_unit_as_named"] if prefix == "pred" else row["ann_unit"]
    text = f"{_num(value)} {unit}"
    if low is not None and high is not None and low != high:
        text += f" ({_num(low)}–{_num(high)})"
    if row[f"{prefix}_bound"] != "exact":
        text += f", {row[f'{prefix}_bound']}"
    if row[f"{prefix}_counted"]:
        text += f", counted {row[f'{prefix}_counted']}"
    text += f", {row[f'{prefix}_topic']}/{row[f'{prefix}_metric']}"
    start, end = row[f"{prefix}_period_start"], row[f"{prefix}_period_end"]
    if start is not None:
        text += f", {start}" if start == end else f", {start}–{end}"
    return text


def _wrong_fields(row: dict) -> str:
    wrong = []
    if not row["unit_ok"]:
        wrong.append("unit")
    elif not row["value_ok"]:
        wrong.append("value")
    if not row["bound_ok"]:
        wrong.append("bound")
    if not row["topic_ok"]:
        wrong.append("topic")
    if not row["period_ok"]:
        wrong.append("period")
    return ", ".join(wrong)


def tuning_errors(judged: pl.DataFrame) -> str:
    """Misses, false positives and wrong readings of the tuning half, with summaries."""
    tuning = judged.filter(pl.col("half") == "tuning")
    out: list[str] = []

    misses = tuning.filter(pl.col("status") == "miss")
    out.append(f"### Tuning half: misses ({misses.height})\n")
    out.append(markdown_table(pl.DataFrame(
        [(r["passage_id"], r["ann_text"], r["ann_kind"], _reading("ann", r)) for r in misses.iter_rows(named=True)],
        schema=["passage", "figure", "kind", "expected"], orient="row",
    )))
    by_unit = (
        misses.group_by("ann_kind", pl.col("ann_unit_text").fill_null("(none)"))
        .agg(misses=pl.len().cast(pl.Int64))
        .sort("misses", "ann_kind", "ann_unit_text", descending=[True, False, False])
        .rename({"ann_kind": "kind", "ann_unit_text": "unit as written"})
    )
    out.append("\nMisses by kind and unit as written:\n\n" + markdown_table(by_unit))

    fps = tuning.filter(pl.col("status") == "false_positive")
    out.append(f"\n### Tuning half: false positives ({fps.height})\n")
    out.append(markdown_table(pl.DataFrame(
        [(r["passage_id"], r["pred_text"], r["pred_kind"], _reading("pred", r)) for r in fps.iter_rows(named=True)],
        schema=["passage", "figure", "kind", "found"], orient="row",
    )))

    found = tuning.filter(pl.col("status") == "match")
    wrong = found.filter(~(pl.col("value_ok") & pl.col("bound_ok") & pl.col("topic_ok") & pl.col("period_ok")))
    out.append(f"\n### Tuning half: found but read wrong ({wrong.height} of {found.height})\n")
    out.append(markdown_table(pl.DataFrame(
        [
            (r["passage_id"], r["ann_text"], r["pred_text"], _wrong_fields(r), _reading("ann", r), _reading("pred", r))
            for r in wrong.iter_rows(named=True)
        ],
        schema=["passage", "figure", "found text", "wrong", "expected", "found"], orient="row",
    )))
    units = (
        found.filter(~pl.col("unit_ok"))
        .group_by("ann_unit", "pred_unit_as_named")
        .agg(figures=pl.len().cast(pl.Int64))
        .sort("figures", "ann_unit", "pred_unit_as_named", descending=[True, False, False])
        .rename({"ann_unit": "expected unit", "pred_unit_as_named": "found unit"})
    )
    out.append("\nUnit mismatches (expected → found, as the extractor names it):\n\n" + markdown_table(units))
    topics = (
        found.filter(~pl.col("topic_ok"))
        .group_by("ann_topic", "pred_topic")
        .agg(figures=pl.len().cast(pl.Int64))
        .sort("figures", "ann_topic", "pred_topic", descending=[True, False, False])
        .rename({"ann_topic": "expected topic", "pred_topic": "found topic"})
    )
    out.append("\nTopic errors (expected → found):\n\n" + markdown_table(topics))
    return "\n".join(out)


_METHOD = """\
How it is measured (`pipelines/evaluation/`):

- The corpus (`tests/corpus/passages/<language>/*.yaml`) is split once, by publisher group,
  into a tuning half and a test half (`tests/corpus/split.yaml`). Rules are tuned on the tuning
  half's errors only (`make eval` lists them); the test half is only ever measured here.
- An annotated figure is *found* when a figure the extractor returns overlaps its span (the
  occurrence of its `text` in the passage, in annotation order); the alignment is one-to-one,
  largest overlap first. An extracted figure matching no annotated figure is a false positive.
- The extractor's figures are those the pipeline publishes as facts: a figure it refuses (the
  parts of an argument, recorded in `rejections`) is no prediction.
- Every passage's `topic` follows one written convention, `tests/corpus/TOPICS.md` (from the
  codebook's meanings; its review of the labels is `tests/corpus/TOPIC_REVIEW.md`).
- New passages come in batches from new publishers; `python -m pipelines.evaluation.split
  --extend` places each new publisher group in a half and never moves an existing one.
- recall = found / annotated; precision = found / predicted; recall (right value) = found with
  the right value and unit / annotated. value, bound, topic and period are accuracies over the
  found figures: value within 0.5 % (the midpoint for a range) with the same canonical unit
  (the extractor's `FLOPS` is the corpus's `flops`; other units share their names), bound,
  topic and first/last years equal; a decline compares signed (a `decline_rate` of 7 is a
  `growth_rate` of -7). unit mismatches counts found figures read in another unit.
- kind comes from the unit: money (a currency), count, percent, factor, physical (power,
  energy, compute, storage, area, distance, temperature), duration, other (e.g. `rank`). A
  false positive counts under the kind the extractor gave it.
- language `all` and kind `all` are the totals over languages and kinds; – is a ratio with
  nothing to divide.
"""


def evaluation_document(scores: pl.DataFrame, passages: pl.DataFrame, judged: pl.DataFrame,
                        agreement: pl.DataFrame | None = None) -> str:
    """The content of ``docs/evaluation.md`` (module doc); ``agreement``: the topic agreement of
    two annotators on a sample (``agreement.corpus_agreement``), when the corpus has one."""
    parts = [
        "<!-- Generated by `make eval` (python -m pipelines.evaluation --write docs/evaluation.md). "
        "Do not edit: rerun. -->\n",
        "# Evaluation of the extractor on the annotated corpus\n",
        "Generated by `make eval` from `tests/corpus/` and the extractor of this commit; the same "
        "inputs give the same file.\n",
        _METHOD,
        "## Corpus\n",
        corpus_table(passages, judged),
    ]
    for half, title in (("test", "Test half (never tuned on)"), ("tuning", "Tuning half")):
        parts.append(f"\n## {title}\n")
        parts.append(score_table(scores, half))
    parts.append("\n## Topic by its evidence\n")
    parts.append(_EVIDENCE_INTRO)
    parts.append(evidence_table(judged))
    if agreement is not None:
        parts.append("\n## Topic: how far two annotators agree\n")
        parts.append("A second annotator labelled the topic of every figure of a random sample of passages "
                     "(`tests/corpus/agreement/`, method in `tests/corpus/TOPIC_AGREEMENT.md`), reading only "
                     "the convention: what careful readers reach is the ceiling of the topic score.\n")
        parts.append(agreement_markdown(agreement))
    return "\n".join(parts)
