"""The second annotation of topics (pipelines/evaluation/agreement.py) and its agreement measure."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from pipelines.evaluation.agreement import AgreementError, cohen_kappa, load_second_annotation
from pipelines.evaluation.corpus import load_corpus

CORPUS = Path(__file__).parent / "corpus"
SECOND = CORPUS / "agreement" / "topics_second_annotation.yaml"


@pytest.fixture(scope="module")
def passages():
    return load_corpus(CORPUS)


def test_kappa_discounts_the_agreement_chance_alone_would_give() -> None:
    # 3 of 4 alike; by chance (1/2, 1/2) against (1/4, 3/4): 1/2 -> kappa (3/4 - 1/2) / (1 - 1/2)
    assert cohen_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"]) == (0.75, 0.5)
    assert cohen_kappa(["a", "b"], ["a", "b"]) == (1.0, 1.0)
    assert cohen_kappa(["a", "a"], ["a", "a"]) == (1.0, 1.0)  # one label only: no chance to beat


def test_the_second_annotation_names_every_figure_of_its_passages(passages) -> None:
    second = load_second_annotation(SECOND, passages)
    by_id = {p.id: p for p in passages}
    ids = second["passage_id"].unique().to_list()
    assert len(ids) == 60
    assert {lang: sum(by_id[i].language == lang for i in ids) for lang in ("en", "fr", "de")} == {"en": 20, "fr": 20, "de": 20}
    assert second.height == sum(len(by_id[i].figures) for i in ids) == 395


def test_a_second_annotation_out_of_step_with_the_corpus_is_refused(passages, tmp_path: Path) -> None:
    text = SECOND.read_text(encoding="utf-8")
    first_text = next(line for line in text.splitlines() if line.startswith("    text: "))
    bad = tmp_path / "second.yaml"
    bad.write_text(text.replace(first_text, "    text: something else", 1), encoding="utf-8")
    with pytest.raises(AgreementError, match=r"second\.yaml: \[0\] \(.+\): figures\[0\]\.text 'something else' is not the corpus's"):
        load_second_annotation(bad, passages)
    bad.write_text(text.replace("  - n: 1\n", "  - n: 2\n", 1), encoding="utf-8")
    with pytest.raises(AgreementError, match=r"figures must be n = 0 \.\. \d+, every figure once, in order"):
        load_second_annotation(bad, passages)
    assert isinstance(load_second_annotation(SECOND, passages), pl.DataFrame)
