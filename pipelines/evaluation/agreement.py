"""How far two people agree on a figure's topic: the ceiling of the topic score.

``tests/corpus/agreement/topics_second_annotation.yaml`` holds a second annotation of the
``topic`` of every figure of a sample of passages, made by annotators who read only the topic
convention (``tests/corpus/TOPICS.md``) and the codebook, never the first annotation nor the
extractor's output. Comparing the two says how much of the extractor's topic error could be the
convention's own ambiguity: where careful people disagree, no rule can be right for both.

Measures, per scope (all, each half, each language), over the sampled figures:

* ``agreement``: the share of figures both annotations give the same topic;
* ``kappa``: Cohen's kappa, the agreement beyond what the two annotations' topic frequencies
  would give by chance, ``(p_o - p_e) / (1 - p_e)``;
* ``extractor_first``, ``extractor_second``: the extractor's topic accuracy on the sampled
  figures it found, against each annotation; ``extractor_agreed``: on those both annotations
  label alike.

A second annotation that names a passage, an index or a figure text the corpus does not have is
refused (``AgreementError`` naming the file and the entry): a shifted index would compare two
different figures in silence.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from pipelines.evaluation.corpus import Passage
from pipelines.extraction.model import TOPICS
from pipelines.safe_yaml import safe_load

__all__ = [
    "AgreementError", "SECOND_ANNOTATION", "agreement_markdown", "agreement_table", "cohen_kappa", "corpus_agreement",
    "load_second_annotation",
]

SECOND_ANNOTATION = Path("tests/corpus/agreement/topics_second_annotation.yaml")


class AgreementError(ValueError):
    """An entry of the second annotation that does not name a figure of the corpus."""


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> tuple[float, float]:
    """``(observed agreement, Cohen's kappa)`` of two labellings of the same items."""
    if len(first) != len(second) or not first:
        raise ValueError("two labellings of the same, non-empty, list of items are needed")
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    count_first, count_second = Counter(first), Counter(second)
    expected = sum(count_first[label] * count_second[label] for label in count_first) / (n * n)
    kappa = 1.0 if expected == 1 else (observed - expected) / (1 - expected)
    return observed, kappa


def load_second_annotation(path: Path, passages: Sequence[Passage]) -> pl.DataFrame:
    """One row per figure of the second annotation: ``passage_id, ann_idx, second_topic``."""
    data = safe_load(path.read_text(encoding="utf-8"))
    by_id = {p.id: p for p in passages}
    rows: list[tuple[str, int, str]] = []
    if not isinstance(data, list):
        raise AgreementError(f"{path}: must be a list of passages")
    for i, entry in enumerate(data):
        where = f"{path}: [{i}]"
        passage = by_id.get(entry.get("passage")) if isinstance(entry, dict) else None
        if passage is None:
            raise AgreementError(f"{where}: passage {entry.get('passage') if isinstance(entry, dict) else entry!r} is not in the corpus")
        figures = entry.get("figures") or []
        if [f.get("n") for f in figures] != list(range(len(passage.figures))):
            raise AgreementError(f"{where} ({passage.id}): figures must be n = 0 .. {len(passage.figures) - 1}, every figure once, in order")
        for f in figures:
            n = f["n"]
            if f.get("text") != passage.figures[n].text:
                raise AgreementError(
                    f"{where} ({passage.id}): figures[{n}].text {f.get('text')!r} is not the corpus's {passage.figures[n].text!r}")
            if f.get("topic") not in TOPICS:
                raise AgreementError(f"{where} ({passage.id}): figures[{n}].topic {f.get('topic')!r} is not one of {', '.join(TOPICS)}")
            rows.append((passage.id, n, f["topic"]))
    return pl.DataFrame(rows, schema={"passage_id": pl.String, "ann_idx": pl.Int64, "second_topic": pl.String}, orient="row")


def agreement_table(second: pl.DataFrame, judged: pl.DataFrame, passages_frame: pl.DataFrame) -> pl.DataFrame:
    """The measures of the module doc, one row per scope. ``judged`` and ``passages_frame`` are an
    evaluation's (``run.Evaluation``): the first annotation's topic and the extractor's."""
    merged = second.join(
        judged.filter(pl.col("ann_idx").is_not_null()).select("passage_id", "ann_idx", "ann_topic", "pred_topic", "status"),
        on=["passage_id", "ann_idx"], how="left",
    ).join(passages_frame.select("passage_id", "language", "half"), on="passage_id", how="left")
    scopes = [("all", merged)]
    scopes += [(half, merged.filter(pl.col("half") == half)) for half in ("tuning", "test")]
    scopes += [(lang, merged.filter(pl.col("language") == lang)) for lang in ("en", "fr", "de")]
    rows = []
    for name, frame in scopes:
        if frame.is_empty():
            continue
        observed, kappa = cohen_kappa(frame["ann_topic"].to_list(), frame["second_topic"].to_list())
        found = frame.filter(pl.col("status") == "match")
        agreed = found.filter(pl.col("ann_topic") == pl.col("second_topic"))
        rows.append({
            "scope": name, "figures": frame.height, "agreement": observed, "kappa": kappa, "found": found.height,
            "extractor_first": (found["pred_topic"] == found["ann_topic"]).mean(),
            "extractor_second": (found["pred_topic"] == found["second_topic"]).mean(),
            "extractor_agreed": (agreed["pred_topic"] == agreed["ann_topic"]).mean(),
        })
    return pl.DataFrame(rows)


def agreement_markdown(table: pl.DataFrame) -> str:
    """The measures as a Markdown table (one row per scope)."""
    lines = ["| scope | figures | agreement | kappa | found | extractor vs first | vs second | on agreed figures |",
             "|---|---|---|---|---|---|---|---|"]
    for r in table.iter_rows(named=True):
        lines.append(f"| {r['scope']} | {r['figures']} | {r['agreement']:.3f} | {r['kappa']:.3f} | {r['found']} | "
                     f"{r['extractor_first']:.3f} | {r['extractor_second']:.3f} | {r['extractor_agreed']:.3f} |")
    return "\n".join(lines) + "\n"


def corpus_agreement(corpus_root: Path, evaluation, second: Path | None = None) -> pl.DataFrame | None:
    """The measures for an evaluation (``run.Evaluation``) of the corpus under ``corpus_root``, with
    the second annotation ``second`` (default: the corpus's own); None when there is none."""
    path = second or corpus_root / SECOND_ANNOTATION.relative_to("tests/corpus")
    if not path.is_file():
        return None
    second = load_second_annotation(path, evaluation.passages)
    return agreement_table(second, evaluation.judged, evaluation.passages_frame)


def main(argv: list[str] | None = None) -> int:
    from pipelines.evaluation.run import evaluate

    parser = argparse.ArgumentParser(description="Agreement of two annotations of the figures' topics.")
    parser.add_argument("--corpus", type=Path, default=Path("tests/corpus"))
    parser.add_argument("--second", type=Path, default=None, help=f"default: <corpus>/{SECOND_ANNOTATION.relative_to('tests/corpus')}")
    args = parser.parse_args(argv)
    table = corpus_agreement(args.corpus, evaluate(args.corpus), args.second)
    if table is None:
        sys.stderr.write(f"no second annotation: {args.second or args.corpus / SECOND_ANNOTATION.relative_to('tests/corpus')}\n")
        return 1
    sys.stdout.write(agreement_markdown(table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
