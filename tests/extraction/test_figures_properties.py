"""Properties of find_figures: it never raises, and numbers written in either format read back."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extraction.figures import find_figures
from pipelines.extraction.model import BOUNDS


def _check_invariants(sentence: str, language: str) -> None:
    figures = find_figures(sentence, language)
    previous_end = 0
    for f in figures:
        assert 0 <= f.start < f.end <= len(sentence)
        assert f.start >= previous_end
        previous_end = f.end
        assert f.bound in BOUNDS
        assert all(math.isfinite(v) for v in (f.value, f.value_low, f.value_high))
        assert f.value_low <= f.value <= f.value_high
        assert isinstance(f.unit, str) and f.unit


@settings(max_examples=400, deadline=None)
@given(st.text(), st.sampled_from(["fr", "en"]))
def test_never_raises_on_arbitrary_text(sentence: str, language: str) -> None:
    _check_invariants(sentence, language)


_PIECES = st.sampled_from(
    [
        "1", "22", "200", "2025", " ", "\u00a0", "\u202f", ",", ".", "-", "–", "%", "$", "€", "\\$",
        "milliards", "billion", "bn", "K", "M", "B", "m", "x", "×", "fois", "et demie", "de", "d'",
        "euros", "dollars", "entre", "et", "à", "to", "plus de", "moins de", "environ", "~", "GPU",
        "H100", "usines", "sept", "une", "soixantaine", "ème", "<sup>", "</sup>", "+33", "(0)",
        "janvier", "GPT-", "Qwen", "rue", "ans", "years", "threefold", "le double", "twice", "\n",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=14), st.sampled_from(["fr", "en"]))
def test_never_raises_on_figure_like_text(pieces: list[str], language: str) -> None:
    _check_invariants("".join(pieces), language)


def _french(value: int, decimals: str, sep: str) -> str:
    groups = f"{value:,}".replace(",", sep)
    return groups + ("," + decimals if decimals else "")


def _english(value: int, decimals: str) -> str:
    return f"{value:,}" + ("." + decimals if decimals else "")


_DECIMALS = st.one_of(st.just(""), st.from_regex(r"\A[0-9]{1,2}[1-9]\Z"))
# At most 12 integer + 3 decimal digits: 15 significant digits, what a float holds exactly (a
# 16th makes the number unreadable: numbers.MAX_SIGNIFICANT_DIGITS, tests/extraction/test_bad_input.py).
_INTEGERS = st.integers(min_value=0, max_value=10**12 - 1)


@settings(max_examples=300, deadline=None)
@given(_INTEGERS, _DECIMALS, st.sampled_from([" ", "\u00a0", "\u202f"]), st.sampled_from(["", "millions", "milliards"]))
def test_french_format_reads_back(integer: int, decimals: str, sep: str, scale: str) -> None:
    written = _french(integer, decimals, sep)
    expected = float(f"{integer}.{decimals}" if decimals else integer)
    expected *= {"": 1, "millions": 1e6, "milliards": 1e9}[scale]
    sentence = f"Le montant atteint {written} {scale + ' ' if scale else ''}d'euros selon le rapport."
    if not scale:
        sentence = f"Le montant atteint {written} euros selon le rapport."
    (figure,) = find_figures(sentence, "fr")
    assert figure.value == pytest.approx(expected, rel=1e-9)
    assert figure.unit == "EUR"


@settings(max_examples=300, deadline=None)
@given(_INTEGERS, _DECIMALS, st.sampled_from(["", "million", "billion", "bn"]), st.sampled_from(["fr", "en"]))
def test_english_format_reads_back(integer: int, decimals: str, scale: str, language: str) -> None:
    written = _english(integer, decimals)
    expected = float(f"{integer}.{decimals}" if decimals else integer)
    expected *= {"": 1, "million": 1e6, "billion": 1e9, "bn": 1e9}[scale]
    joiner = "" if scale == "bn" else " "
    sentence = f"The firm will spend ${written}{joiner + scale if scale else ''} on the plan."
    (figure,) = find_figures(sentence, language)
    assert figure.value == pytest.approx(expected, rel=1e-9)
    assert figure.unit == "USD"
