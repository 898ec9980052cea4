"""One evaluation of the extractor on the corpus: load, split, extract, align, judge, score."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import polars as pl

from pipelines.entities import load_gazetteer
from pipelines.evaluation.corpus import Passage, load_corpus
from pipelines.evaluation.matching import align
from pipelines.evaluation.scoring import Extract, annotation_frame, judge, passage_frame, prediction_frame, scores
from pipelines.evaluation.split import SplitError, check_split, load_split
from pipelines.extraction.document import extract_document

__all__ = ["Evaluation", "evaluate"]


@dataclass(frozen=True)
class Evaluation:
    passages: list[Passage]
    passages_frame: pl.DataFrame  # passage_id, language, half
    judged: pl.DataFrame  # one row per match, miss and false positive (scoring.judge)
    scores: pl.DataFrame  # scoring.scores
    extraction_seconds: float  # time spent in the extractor alone


#: The gazetteer the pipeline reads: its start-ups' names are topic words of the extraction.
GAZETTEER = Path(__file__).resolve().parents[2] / "raw" / "reference" / "entities.yaml"


def pipeline_extract(gazetteer: Path = GAZETTEER) -> Extract:
    """The extractor as the pipeline runs it on a registered document: with the gazetteer's topic
    names (``Gazetteer.topic_names``). Passages have no registry entry, hence no subject."""
    return partial(extract_document, names=load_gazetteer(gazetteer).topic_names)


def evaluate(corpus_root: Path, extract: Extract | None = None) -> Evaluation:
    """Evaluate ``extract`` on the corpus under ``corpus_root`` (``passages/`` and ``split.yaml``).

    A split that does not cover the corpus, or puts a publisher in both halves, is refused
    (``SplitError`` listing every problem) before anything is measured.
    """
    extract = extract if extract is not None else pipeline_extract()
    passages = load_corpus(corpus_root)
    split = load_split(corpus_root / "split.yaml")
    problems = check_split(split, passages)
    if problems:
        raise SplitError(f"{corpus_root / 'split.yaml'}: " + "; ".join(problems))
    halves = split.publisher_halves()
    started = time.perf_counter()
    predictions = prediction_frame(passages, extract)
    elapsed = time.perf_counter() - started
    annotations = annotation_frame(passages)
    info = passage_frame(passages, halves)
    judged = judge(align(annotations, predictions), info, annotations, predictions)
    return Evaluation(passages, info, judged, scores(judged), elapsed)
