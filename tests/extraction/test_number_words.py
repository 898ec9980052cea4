"""Numbers written in words (pipelines.extraction.number_words)."""

from __future__ import annotations

import re

import pytest

from pipelines.extraction.number_words import (
    read_collective,
    read_multiplier_word,
    read_number_words,
    word_figures,
    word_number_pattern,
)


def _collective(language: str) -> str:
    return word_figures(language).collective


def _multiplier(language: str) -> str:
    return word_figures(language).multiplier


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
        assert re.fullmatch(word_number_pattern("fr"), word) is None
        assert read_number_words(word, "fr") is None


def test_sept_is_not_a_number_in_english() -> None:
    assert read_number_words("sept", "en") is None


def test_the_word_pattern_finds_compound_numbers() -> None:
    m = re.search(word_number_pattern("fr"), "la création de quatre-vingt-dix usines")
    assert m is not None and m.group() == "quatre-vingt-dix"
    assert re.search(word_number_pattern("fr"), "les giga-usines et la voiture électrique") is None


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
    language = "en" if text.startswith("a ") else "fr"
    m = re.fullmatch(_collective(language), text)
    assert m is not None
    assert read_collective(m, language) == (expected, text == "a dozen")


def test_plural_collectives_are_vague() -> None:
    assert re.search(_collective("fr"), "des dizaines de millions") is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("threefold", "en", 3),
        ("ten-fold", "en", 10),
        ("twice", "en", 2),
        ("une fois et demie", "fr", 1.5),
        ("une fois et demi", "fr", 1.5),
        ("one and a half times", "en", 1.5),
        ("dreifach", "de", 3),
        ("viermal", "de", 4),
    ],
)
def test_multiplier_words(text: str, language: str, expected: float) -> None:
    m = re.fullmatch(_multiplier(language), text)
    assert m is not None
    assert read_multiplier_word(m, language) == expected


def test_double_is_a_factor_only_as_a_noun() -> None:
    m = re.search(_multiplier("fr"), "plus du double de celui de la Chine")
    assert m is not None and read_multiplier_word(m, "fr") == 2
    assert re.search(_multiplier("fr"), "ont doublé leurs dépenses") is None
    assert re.search(_multiplier("fr"), "une double dépendance") is None


# --- multiplier verbs, division, fractions (read by the figure reader) -----------------------
from pipelines.extraction.figures import find_figures as _ff  # noqa: E402


def _figs(sentence: str, language: str = "fr") -> list[tuple]:
    return [(sentence[f.start : f.end], f.value, f.bound, f.unit) for f in _ff(sentence, language)]


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        # real sentences (doc 000 and 004)
        ("Depuis 2019, la capitalisation des grands groupes numériques (Microsoft, Apple, Amazon, Alphabet, Meta) a plus que triplé, atteignant 11,8 billions de dollars.",
         "fr", [("triplé", 3.0, "at_least", "factor"), ("11,8 billions de dollars", 1.18e13, "exact", "USD")]),
        ("Depuis 2015, la part de leur chiffre d'affaires provenant de marchés où ils se concurrencent directement a doublé, passant de 20 % à 40 %.",
         "fr", [("doublé", 2.0, "exact", "factor"), ("20 %", 20.0, "exact", "percent"), ("40 %", 40.0, "exact", "percent")]),
        ("Les coûts de l'IA sont divisés par dix en moyenne chaque année", "fr", [("divisés par dix", 0.1, "exact", "factor")]),
        ("avec l’objectif d’en doubler le rythme des découvertes sur dix ans.", "fr",
         [("doubler", 2.0, "exact", "factor"), ("dix ans", 10.0, "exact", "years")]),
        # small sentences
        ("Les ventes ont quadruplé.", "fr", [("quadruplé", 4.0, "exact", "factor")]),
        ("Le budget doublera.", "fr", [("doublera", 2.0, "exact", "factor")]),
        ("Revenue more than doubled.", "en", [("doubled", 2.0, "at_least", "factor")]),
        ("Costs were divided by 4.", "en", [("divided by 4", 0.25, "exact", "factor")]),
        ("Un double défi.", "fr", []),  # adjective, not a verb
        # a noun of change states the factor too
        ("Le triplement des levées de fonds en 2017.", "fr", [("triplement", 3.0, "exact", "factor")]),
        ("Die Zahl der Rechenzentren soll sich verdreifachen.", "de", [("verdreifachen", 3.0, "exact", "factor")]),
        ("Das Volumen hat sich mehr als verdoppelt.", "de", [("verdoppelt", 2.0, "at_least", "factor")]),
        ("Die Kosten wurden halbiert.", "de", [("halbiert", 0.5, "exact", "factor")]),
    ],
)
def test_multiplier_verbs_and_division(sentence: str, language: str, expected: list[tuple]) -> None:
    assert _figs(sentence, language) == expected


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        # real citation of doc 000
        ("N. Lefebvre, « L'App Store d'Apple domine le marché avec 91,6 milliards en 2024 (la moitié en abonnement) », *iPhonesoft*, 18 décembre 2024.",
         "fr", [("91,6 milliards", 9.16e10, "exact", "XXX"), ("la moitié", 50.0, "exact", "percent")]),
        ("Un tiers des entreprises utilise l'IA.", "fr", [("Un tiers", 100 / 3, "exact", "percent")]),
        ("Les trois quarts des investissements.", "fr", [("trois quarts", 75.0, "exact", "percent")]),
        ("Un quart d'heure suffit.", "fr", []),
        ("Un tiers de confiance.", "fr", []),
        ("Half of the firms and a third of the funds.", "en",
         [("Half", 50.0, "exact", "percent"), ("a third", 100 / 3, "exact", "percent")]),
        ("In the first half of 2024.", "en", []),
    ],
)
def test_fractions_are_percentages(sentence: str, language: str, expected: list[tuple]) -> None:
    got = _figs(sentence, language)
    assert [g[0] for g in got] == [e[0] for e in expected]
    for g, e in zip(got, expected):
        assert g[1] == pytest.approx(e[1]) and g[2:] == e[2:]
