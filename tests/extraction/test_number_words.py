"""Numbers written in words (pipelines.extraction.number_words)."""

from __future__ import annotations

import re

import pytest

from pipelines.extraction.number_words import (
    COLLECTIVE_PATTERN,
    MULTIPLIER_WORD_PATTERN,
    WORD_NUMBER_PATTERN,
    read_collective,
    read_multiplier_word,
    read_number_words,
)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("sept", "fr", 7),
        ("quatre", "fr", 4),
        ("dix", "fr", 10),
        ("vingt et un", "fr", 21),
        ("quatre-vingt-dix", "fr", 90),
        ("deux mille", "fr", 2000),
        ("twelve", "en", 12),
        ("twenty-one", "en", 21),
        ("two hundred", "en", 200),
        ("twelve", "fr", 12),
        ("deux et trois", "fr", 2),
    ],
)
def test_read_number_words(text: str, language: str, expected: float) -> None:
    read = read_number_words(text, language)
    assert read is not None
    assert read[0] == expected


def test_un_une_one_alone_are_not_numbers() -> None:
    for word in ("un", "une", "one", "Une"):
        assert re.fullmatch(WORD_NUMBER_PATTERN, word) is None
        assert read_number_words(word, "fr") is None


def test_sept_is_not_a_number_in_english() -> None:
    assert read_number_words("sept", "en") is None


def test_the_word_pattern_finds_compound_numbers() -> None:
    m = re.search(WORD_NUMBER_PATTERN, "la création de quatre-vingt-dix usines")
    assert m is not None and m.group() == "quatre-vingt-dix"
    assert re.search(WORD_NUMBER_PATTERN, "les giga-usines et la voiture électrique") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("une soixantaine", 60),
        ("une dizaine", 10),
        ("une centaine", 100),
        ("un millier", 1000),
        ("a dozen", 12),
    ],
)
def test_collectives(text: str, expected: float) -> None:
    m = re.fullmatch(COLLECTIVE_PATTERN, text)
    assert m is not None
    assert read_collective(m) == expected


def test_plural_collectives_are_vague() -> None:
    assert re.search(COLLECTIVE_PATTERN, "des dizaines de millions") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("threefold", 3),
        ("ten-fold", 10),
        ("twice", 2),
        ("une fois et demie", 1.5),
        ("une fois et demi", 1.5),
        ("one and a half times", 1.5),
    ],
)
def test_multiplier_words(text: str, expected: float) -> None:
    m = re.fullmatch(MULTIPLIER_WORD_PATTERN, text)
    assert m is not None
    assert read_multiplier_word(m) == expected


def test_double_is_a_factor_only_as_a_noun() -> None:
    m = re.search(MULTIPLIER_WORD_PATTERN, "plus du double de celui de la Chine")
    assert m is not None and read_multiplier_word(m) == 2
    assert re.search(MULTIPLIER_WORD_PATTERN, "ont doublé leurs dépenses") is None
    assert re.search(MULTIPLIER_WORD_PATTERN, "une double dépendance") is None
