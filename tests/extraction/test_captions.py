"""A chart's values take its caption's unit, scale and year (pipelines.extraction.captions)."""

from __future__ import annotations

import pytest

from pipelines.extraction.captions import read_caption
from pipelines.extraction.document import extract_document

FR = """Texte d'introduction.

**Graphique 1 : Nombre d'utilisateurs actifs mensuels des réseaux sociaux dans le monde en milliards (2024)**

Facebook 3,07

YouTube 2,5

Source : Blog2Social, 2024.

Ensuite 3 usines.
"""
EN = """Figure 2: AI investment by country, in € bn, 2023

France 12.5

Germany 9.8
"""
DE = """Abbildung 4: KI-Investitionen nach Land in Mio. Euro (2022)

Bayern 450

Quelle: Landesamt.

Berlin 120
"""


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (FR, "fr", [("3,07", 3.07e9, "count", 2024), ("2,5", 2.5e9, "count", 2024), ("3 usines", 3.0, "count", None)]),
        (EN, "en", [("12.5", 1.25e10, "EUR", 2023), ("9.8", 9.8e9, "EUR", 2023)]),
        # the source line closes the chart: "Berlin 120" after it is no value of the chart
        (DE, "de", [("450", 4.5e8, "EUR", 2022), ("120", 120.0, "count", None)]),
    ],
)
def test_a_chart_line_takes_its_caption_unit_scale_and_year(text: str, language: str, expected: list[tuple]) -> None:
    rows = extract_document(text, language, 2025).select("figure_text", "value", "unit", "period_start").rows()
    assert [(t, pytest.approx(v), u, p) for t, v, u, p in rows] == expected


def test_a_caption_needs_its_word_and_number() -> None:
    assert read_caption("Graphique 3 : La chaîne de valeur de l'IA générative", "fr") is None  # no unit, no year
    assert read_caption("Les investissements en milliards (2024)", "fr") is None  # no caption word
    caption = read_caption("Table 1: Funding in $ m, 2021", "en")
    assert caption is not None and caption.unit_line.unit == "USD" and caption.unit_line.scale == 1e6
    assert caption.year == 2021


def test_a_figure_with_its_own_unit_keeps_it() -> None:
    text = "Figure 1: Capacity in MW (2024)\n\nLe site compte 3 000 GPU.\n"
    rows = extract_document(text, "fr", 2025).select("figure_text", "value", "unit", "counted", "period_start").rows()
    assert rows == [("3 000 GPU", 3000.0, "count", "gpu", 2024)]
