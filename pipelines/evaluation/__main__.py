"""``python -m pipelines.evaluation`` (``make eval``): measure the extractor on the corpus.

Prints the scores of both halves, then the tuning half's misses, false positives and wrong
readings (never the test half's), then the run time; ``--write PATH`` also writes the
date-free Markdown report (``docs/evaluation.md``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pipelines.evaluation.agreement import corpus_agreement
from pipelines.evaluation.report import evaluation_document, evidence_table, score_table, tuning_errors
from pipelines.evaluation.run import evaluate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the extractor on the annotated corpus.")
    parser.add_argument("--corpus", type=Path, default=Path("tests/corpus"))
    parser.add_argument("--write", type=Path, default=None, help="write the Markdown report there")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    evaluation = evaluate(args.corpus)
    out = sys.stdout
    out.write("## Scores\n\n")
    out.write(score_table(evaluation.scores))
    out.write("\n## Topic by its evidence (facts.topic_evidence)\n\n")
    out.write(evidence_table(evaluation.judged))
    out.write("\n")
    out.write(tuning_errors(evaluation.judged))
    if args.write is not None:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        agreement = corpus_agreement(args.corpus, evaluation)
        args.write.write_text(
            evaluation_document(evaluation.scores, evaluation.passages_frame, evaluation.judged, agreement),
            encoding="utf-8",
        )
        out.write(f"\nReport written to {args.write}\n")
    chars = sum(len(p.text) for p in evaluation.passages)
    total = time.perf_counter() - started
    out.write(
        f"\nEvaluation run time: {total:.2f} s ({evaluation.extraction_seconds:.2f} s in the extractor for "
        f"{len(evaluation.passages)} passages, {chars:,} characters)\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
