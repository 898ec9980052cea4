"""The benchmark corpus generator and a smoke test of ``python -m pipelines.benchmark``."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.benchmark.corpus import (
    MB,
    THOUSANDS_SEPARATORS,
    generate_corpus,
    generate_document,
    iter_corpus,
    load_seeds,
    vary_text,
)

REPO = Path(__file__).resolve().parents[1]
DIGIT_RUN = re.compile(r"\d+")
# A French grouped number (4 000, 200 000) with any of the three spaces used as separator.
GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)")
DECIMAL_COMMA = re.compile(r"(?<![\d,])\d+,\d+(?![\d,])")
SPACES = str.maketrans({s: " " for s in THOUSANDS_SEPARATORS})


def digit_shape(text: str) -> str:
    """The text with every digit replaced by 9 (the written shape of its numbers)."""
    return re.sub(r"\d", "9", text)


def number_shapes(text: str) -> list[str]:
    return [digit_shape(m.group()).translate(SPACES) for m in GROUPED.finditer(text)] + [
        digit_shape(m.group()) for m in DECIMAL_COMMA.finditer(text)
    ]


def test_deterministic():
    first = generate_corpus(n_documents=12, seed=7)
    second = generate_corpus(n_documents=12, seed=7)
    assert [d.text for d in first] == [d.text for d in second]
    assert [(d.doc_id, d.published_year, d.language) for d in first] == [
        (d.doc_id, d.published_year, d.language) for d in second
    ]
    other = generate_corpus(n_documents=12, seed=8)
    assert [d.text for d in first] != [d.text for d in other]


def test_document_depends_only_on_seed_and_index():
    # The corpus of N documents is a prefix of the corpus of M > N documents.
    small = generate_corpus(n_documents=6, seed=3)
    large = generate_corpus(n_documents=11, seed=3)
    assert [d.text for d in small] == [d.text for d in large[:6]]
    assert generate_document(9, seed=3).text == large[9].text


@pytest.mark.parametrize("target_mb", [0.05, 1.0])
def test_reaches_requested_size(target_mb):
    target = int(target_mb * MB)
    docs = generate_corpus(target_bytes=target)
    total = sum(d.n_bytes for d in docs)
    assert total >= target
    # It stops as soon as the size is reached: without the last document it is below target.
    assert total - docs[-1].n_bytes < target


def test_n_documents_and_all_seeds_used():
    seeds = load_seeds()
    docs = generate_corpus(n_documents=2 * len(seeds) + 1)
    assert len(docs) == 2 * len(seeds) + 1
    assert {d.seed_file for d in docs} == {s.file for s in seeds}
    assert len({d.doc_id for d in docs}) == len(docs)
    assert all(d.language == "fr" for d in docs)


def test_exactly_one_size_argument():
    with pytest.raises(ValueError):
        generate_corpus()
    with pytest.raises(ValueError):
        generate_corpus(target_bytes=10, n_documents=1)
    assert generate_corpus(n_documents=0) == []


def test_iter_corpus_streams():
    stream = iter_corpus(n_documents=10**9)
    assert next(stream).doc_id.startswith("gen-000000-")
    assert next(stream).doc_id.startswith("gen-000001-")


def test_numbers_are_varied_digit_runs_preserved():
    seeds = {s.file: s for s in load_seeds()}
    for doc in generate_corpus(n_documents=10):
        seed = seeds[doc.seed_file]
        assert doc.text != seed.text
        assert len(DIGIT_RUN.findall(doc.text)) == len(DIGIT_RUN.findall(seed.text))
        # Same digit-run lengths, in the same order.
        assert [len(r) for r in DIGIT_RUN.findall(doc.text)] == [
            len(r) for r in DIGIT_RUN.findall(seed.text)
        ]
        changed = sum(
            a != b for a, b in zip(DIGIT_RUN.findall(doc.text), DIGIT_RUN.findall(seed.text))
        )
        assert changed >= len(DIGIT_RUN.findall(seed.text)) // 2


def test_only_digits_change_without_separator_and_name_variation():
    seed = load_seeds()[0].text
    varied = vary_text(
        seed, random.Random(1), year_shift=2, vary_separators=False, vary_names=False
    )
    assert varied != seed
    assert digit_shape(varied) == digit_shape(seed)


def test_valid_utf8_and_same_french_number_formats():
    seeds = {s.file: s for s in load_seeds()}
    for doc in generate_corpus(n_documents=10):
        seed = seeds[doc.seed_file]
        assert doc.text.encode("utf-8").decode("utf-8") == doc.text
        assert "\ufffd" not in doc.text
        # 1,5 stays d,d; 4 000 stays d ddd (the space may become U+00A0 or U+202F).
        assert number_shapes(doc.text) == number_shapes(seed.text)


def test_thousands_separators_vary_among_french_spaces():
    used = set()
    for doc in generate_corpus(n_documents=40):
        for m in GROUPED.finditer(doc.text):
            used.update(ch for ch in m.group() if not ch.isdigit())
    assert used == set(THOUSANDS_SEPARATORS)


def test_context_rules():
    text = (
        "En 2024, 10 000 H100 et 5-6 millions ; le 27 novembre 2025 ; le 1er janvier ; "
        "1<sup>er</sup> ; DeepSeek-V3 ; 1,5 milliard ; 200 000 GPU ; 0,5 %."
    )
    for k in range(30):
        out = vary_text(text, random.Random(k), year_shift=-2, vary_separators=False)
        assert "En 2022," in out and "novembre 2023" in out  # years shifted together
        assert "H100" in out and "DeepSeek-V3" in out and "1er janvier" in out
        assert "1<sup>er</sup>" in out
        low, high = re.search(r"(\d)-(\d) millions", out).groups()
        assert low <= high  # a range stays increasing
        day = int(re.search(r"le (\d+) novembre", out).group(1))
        assert 10 <= day <= 28
        assert re.search(r"\d00 000 GPU", out)  # round numbers stay round
        assert re.search(r"0,\d %", out)  # below one stays below one


def test_published_year_follows_year_shift():
    for doc in generate_corpus(n_documents=10):
        assert 2022 <= doc.published_year <= 2028
        assert doc.published_year != 2025  # the seeds' year, always shifted


@pytest.mark.slow  # the benchmark command, with quantulum3 as the baseline
def test_benchmark_cli_smoke(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [
            sys.executable, "-m", "pipelines.benchmark", "extraction",
            "--mb", "0.2", "--baseline-mb", "0.05", "--json", str(out),
        ],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr
    stdout = result.stdout
    for column in ("extractor", "MB", "seconds", "MB/s", "figures", "figures/s", "peak RSS MB"):
        assert column in stdout
    assert "Python:" in stdout and "Corpus:" in stdout
    assert "Ratio ours/quantulum3" in stdout
    assert "quantulum3" in stdout and "en_US" in stdout
    rows = [line for line in stdout.splitlines() if line.startswith(("ours", "quantulum3"))]
    assert len(rows) == 3  # ours corpus, ours sample, quantulum3 sample
    data = json.loads(out.read_text(encoding="utf-8"))
    corpus_run, sample_run, baseline_run = data["runs"]
    assert corpus_run["n_bytes"] >= 0.2 * MB
    assert sample_run["n_bytes"] == baseline_run["n_bytes"] >= 0.05 * MB
    assert corpus_run["figures"] > 0 and baseline_run["figures"] > 0
    assert data["ratios"]["mb_per_s_same_sample"] > 0
