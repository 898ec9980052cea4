"""Digits and number words that are not figures, in French and English."""

from __future__ import annotations

import pytest

from pipelines.extraction.figures import find_figures
from pipelines.extraction.not_figures import blocked_spans, is_blocked, looks_like_year

NOT_FIGURES_FR = [
    "L'intelligence artificielle générative<sup>1</sup> pourrait représenter un levier.",
    "Cette technologie disruptive<sup>12, 13</sup> a déjà bouleversé certains secteurs.",
    "ISBN : 979-10-373-1030-9",
    "Tél. : +33 (0)1 40 61 60 00 – Fax : +33 (0)1 40 61 60 60",
    "Appelez le 01 40 61 60 00 demain.",
    "27 rue de la Procession 75740 Paris Cedex 15 – FRANCE",
    "Donald Trump a annoncé, le 21 janvier 2025, un investissement.",
    "Le plan a été présenté en 2025 à Paris.",
    "Publié en avril 2025.",
    "Les coûts dès 2025-2026 selon le PDG.",
    "Le sommet du 11 février a réuni les dirigeants.",
    "Le 1<sup>er</sup> novembre 2024 et le 1er novembre 2024.",
    "GPT-4 d'OpenAI et GPT-4o ou Claude en sont des exemples.",
    "Les GPU H100, H200, A100 et B200 de Nvidia.",
    "Alibaba a démontré sa capacité avec son modèle Qwen 2.5, confirmant sa montée.",
    "Le supercalculateur MareNostrum 5 et le modèle Llama 3 sont européens.",
    "Image générée à l’aide de FLUX PRO 1.1, développé par Black Forest Labs.",
    "« DeepSeek-V3 Technical Report », DeepSeek-AI.",
    "L’annonce de la sortie du modèle R1 de DeepSeek et de Math-V2.",
    "Google Workspace et Microsoft 365 dominent.",
    "Le modèle Mistral 7B est ouvert.",
    "Voir [ifri.org](http://ifri.org/2025/12) ou www.example.com/2024/3 ou accueil2@ifri.org.",
    "La pandémie de Covid-19, le G7, la 5G, la 3D et le Web3.",
    "Voir l’article 5 du règlement, la page 12 et le n° 262.",
    "Investments 6(b) Study, Federal Trade Commission.",
    "**Graphique 1 : Nombre d'utilisateurs actifs mensuels des réseaux sociaux**",
    "1. Informatique à grande échelle (GPU, TPU, supercalculateurs privés et régionaux)",
    "28. B. Jin et M. Bobrowsky, « Elon Musk's xAI », *The Wall Street Journal*.",
    "La croissance économique du XXI<sup>e</sup> siècle et le 21e siècle.",
    "Au 1er trimestre 2024, les ventes ont repris.",
    "Une usine sera construite en France.",
    "L’une des sociétés et l’un des pays.",
    "Le premier acteur et le deuxième acteur du marché.",
    "Les deux continents et des deux côtés de l’Atlantique.",
    "Une fois les usines déployées, les capacités seront renforcées.",
    "Des dizaines de millions d'utilisateurs et des milliers de chercheurs.",
    "Depuis 2019, la capitalisation a explosé ; dans les années 1990 aussi.",
    "Entre 2022 et 2025, la stratégie a été déployée.",
    "Le rapport State of European Tech 2025 d’Atomico.",
    "<b>INTRODUCTION .....</b>\t<b>6</b>",
    "Rendez-vous à 14h30 ou à 10:30, 24/7.",
    "Le code postal 75007 Paris.",
]
NOT_FIGURES_EN = [
    "In FY2025 the firm restructured.",
    "Call +1 (212) 555-0100 or visit https://example.com/2025/report-12.",
    "On January 21, 2025, the plan was announced.",
    "The summit of 21 January 2025 and the 2025-01-21 release.",
    "The 2025-2026 budget and the 2024/25 season.",
    "Q3 2024 results were strong.",
    "GPT-4o, Llama 3 and Mistral 7B are models; H100 and A100 are chips.",
    "Covid-19 hit the G7; 5G, 3D and Web3 are buzzwords.",
    "One of the largest firms; a company; the two companies.",
    "Visit 10 Downing Street.",
    "See page 12 and chapter 3.",
    "It was founded in 1998 and listed in 2021.",
]


@pytest.mark.parametrize("sentence", NOT_FIGURES_FR)
def test_french_non_figures(sentence: str) -> None:
    assert find_figures(sentence, "fr") == []


@pytest.mark.parametrize("sentence", NOT_FIGURES_EN)
def test_english_non_figures(sentence: str) -> None:
    assert find_figures(sentence, "en") == []


def test_footnote_marker_next_to_a_figure_is_not_read() -> None:
    sentence = "capacité pour atteindre 200 000 GPU<sup>28</sup>."
    (figure,) = find_figures(sentence, "fr")
    assert sentence[figure.start : figure.end] == "200 000 GPU"


def test_year_followed_by_a_counted_noun_is_a_count() -> None:
    (figure,) = find_figures("Le centre abrite 2000 GPU.", "fr")
    assert (figure.value, figure.unit, figure.counted) == (2000, "count", "gpu")


def test_a_model_size_alone_is_a_figure_but_not_in_a_name() -> None:
    assert find_figures("Mistral 7B est ouvert.", "fr") == []
    (figure,) = find_figures("un modèle de 7B paramètres", "fr")
    assert figure.value == pytest.approx(7e9, rel=1e-9)


def test_blocked_spans_are_sorted_and_merged() -> None:
    spans = blocked_spans("Tél. : +33 (0)1 40 61 60 00, ISBN 979-10-373-1030-9, le 2 mai 2025")
    assert spans == sorted(spans)
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))
    assert is_blocked(spans, spans[0][0])
    assert not is_blocked(spans, 0)


@pytest.mark.parametrize(("text", "expected"), [("2025", True), ("1900", True), ("2100", True), ("1899", False), ("2101", False), ("20 25", False), ("202", False)])
def test_looks_like_year(text: str, expected: bool) -> None:
    assert looks_like_year(text) is expected


@pytest.mark.parametrize(("sentence", "language", "kept"), [
    ("CDP will invest 1 billion euros. ($1 = 0.9229 euros)", "en", ["1 billion euros"]),
    ("Le fonds lève 100 millions d'euros (1 euro = 1,08 dollar).", "fr", ["100 millions d'euros"]),
    ("Der Umsatz stieg auf 5 Mrd. Franken (1 Franken = 1,04 Euro).", "de", ["5 Mrd. Franken"]),
    ("They paid (1 USD = 0.92 EUR) 5 million euros.", "en", ["5 million euros"]),
    # a price per thing is a figure, not an exchange rate
    ("A GPU costs $30,000 (1 GPU = $30,000).", "en", ["$30,000", "1 GPU", "$30,000"]),
])
def test_an_exchange_rate_note_is_no_figure(sentence: str, language: str, kept: list[str]) -> None:
    assert [sentence[f.start:f.end] for f in find_figures(sentence, language)] == kept


@pytest.mark.parametrize(("sentence", "language"), [
    ("Bei Anschlüssen mit mehr als 100 Mbits/s und 1 Gbps liegt die Schweiz vorn.", "de"),
    ("Plus de 100 Mb/s et 10 Gbit/s dans les zones denses.", "fr"),
    ("Speeds of 500 Mbps and 2 Kbit/s were measured.", "en"),
])
def test_a_data_rate_in_any_abbreviation_is_no_figure(sentence: str, language: str) -> None:
    """Data rates are a dimension the dataset does not publish (units.unpublished), however written."""
    assert find_figures(sentence, language) == []
