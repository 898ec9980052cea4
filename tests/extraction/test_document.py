"""Tests of pipelines.extraction.document: the composition, with a tiny fake figures stage, then
with the real one when it is present."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import polars as pl
import pytest

from pipelines.extraction.document import SCHEMA, extract_document
from pipelines.extraction.model import Figure

DOCS = sorted((Path(__file__).resolve().parents[2] / "raw" / "documents").glob("*.txt"))

_FAKE_RE = re.compile(
    r"(?P<n>\d+(?:,\d+)?)\s?(?:(?P<pct>%)|milliards? d['’]euros|(?P<gpu>GPU))"
)


def fake_find_figures(sentence: str, language: str) -> list[Figure]:
    """Reads "12 %", "3 milliards d'euros" and "100 GPU" only."""
    out = []
    for m in _FAKE_RE.finditer(sentence):
        n = float(m.group("n").replace(",", "."))
        if m.group("pct"):
            out.append(Figure(m.start(), m.end(), n, n, n, "exact", "percent"))
        elif m.group("gpu"):
            out.append(Figure(m.start(), m.end(), n, n, n, "exact", "count", counted="gpu"))
        else:
            v = n * 1e9
            out.append(Figure(m.start(), m.end(), v, v, v, "exact", "EUR", scale_language="fr"))
    return out


TEXT = (
    "# Titre\n\n"
    "En 2024, la Commission européenne a apporté 20 milliards d'euros de financements publics "
    "aux usines d'IA<sup>1</sup>. Nvidia détient 90 % du marché mondial des puces.\n\n"
    "La France a livré 120 000 GPU et 500 GPU d'ici 2030.\n\n---\n\n"
    "1. A. Auteur, « La France investit 5 milliards d'euros », *Revue*, 2 mars 2025.\n"
)


def test_rows_columns_and_offsets() -> None:
    df = extract_document(TEXT, "fr", 2025, find_figures=fake_find_figures)
    assert list(df.columns) == list(SCHEMA)
    assert df.schema == pl.Schema(SCHEMA)
    assert df["char_start"].to_list() == sorted(df["char_start"].to_list())
    for row in df.iter_rows(named=True):
        assert TEXT[row["char_start"] : row["char_end"]] == row["figure_text"]
        assert TEXT[row["quote_start"] : row["quote_end"]] == row["quote"]
        assert row["quote_start"] <= row["char_start"] < row["char_end"] <= row["quote_end"]
    rows = {r["figure_text"]: r for r in df.iter_rows(named=True)}
    eu = rows["20 milliards d'euros"]
    assert (eu["value"], eu["unit"], eu["location"]) == (20e9, "EUR", "body")
    assert (eu["period_start"], eu["period_end"], eu["period_text"]) == (2024, 2024, "En 2024")
    assert (eu["topic"], eu["metric"], eu["geo"]) == ("ai_factories", "programme_funding", "EU")
    share = rows["90 %"]
    assert (share["topic"], share["metric"], share["geo"]) == ("compute", "market_share", "WORLD")
    assert share["period_start"] is None
    gpu = rows["500 GPU"]
    assert (gpu["topic"], gpu["metric"], gpu["counted"]) == ("compute", "gpu_count", "gpu")
    assert (gpu["period_start"], gpu["period_end"], gpu["period_text"]) == (2025, 2030, "d'ici 2030")
    cite = rows["5 milliards d'euros"]
    assert cite["location"] == "citation"
    assert cite["geo"] == "FR"


def test_footnote_markers_are_not_figures() -> None:
    text = "Le marché atteint 12 %<sup>3</sup>. Puis 4<sup>5</sup> et le 1<sup>er</sup> mars."

    def every_digit(sentence: str, language: str) -> list[Figure]:
        return [
            Figure(m.start(), m.end(), float(m.group()), float(m.group()), float(m.group()), "exact", "count")
            for m in re.finditer(r"\d+", sentence)
        ]

    df = extract_document(text, "fr", 2025, find_figures=every_digit)
    assert df["figure_text"].to_list() == ["12", "4"]


def test_empty_document_has_the_schema() -> None:
    for text in ("", "\n\n", "# Sommaire\n\nIntro ..... 3\n"):
        df = extract_document(text, "fr", 2025, find_figures=fake_find_figures)
        assert df.height == 0
        assert df.schema == pl.Schema(SCHEMA)
    # no figures stage needed at all for an empty document
    assert extract_document("", "fr", 2025).schema == pl.Schema(SCHEMA)


def test_bad_spans_from_the_figures_stage_are_dropped() -> None:
    def broken(sentence: str, language: str) -> list[Figure]:
        return [Figure(0, 0, 1.0, 1.0, 1.0, "exact", "count"), Figure(0, 10_000, 1.0, 1.0, 1.0, "exact", "count")]

    assert extract_document("Un texte.", "fr", 2025, find_figures=broken).height == 0


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name[:3])
def test_real_documents_with_fake_figures(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    df = extract_document(text, "fr", 2025, find_figures=fake_find_figures)
    assert df.schema == pl.Schema(SCHEMA)
    for row in df.iter_rows(named=True):
        assert text[row["char_start"] : row["char_end"]] == row["figure_text"]
        assert len(row["quote"]) <= 400


_REAL = importlib.util.find_spec("pipelines.extraction.figures") is not None


@pytest.mark.skipif(not _REAL, reason="pipelines/extraction/figures.py not written yet")
@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name[:3])
def test_real_documents_with_real_figures(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    df = extract_document(text, "fr", 2025)
    assert df.schema == pl.Schema(SCHEMA)
    assert df.height > 0
    assert df["char_start"].is_sorted()
    for row in df.iter_rows(named=True):
        assert text[row["char_start"] : row["char_end"]] == row["figure_text"]
        assert text[row["quote_start"] : row["quote_end"]] == row["quote"]
        assert "<sup>" not in row["figure_text"]


@pytest.mark.skipif(not _REAL, reason="pipelines/extraction/figures.py not written yet")
def test_real_figures_key_facts() -> None:
    text = next(p for p in DOCS if p.name.startswith("004_")).read_text(encoding="utf-8")
    df = extract_document(text, "fr", 2025)
    row = df.filter(pl.col("figure_text").str.contains("1,2 milliard")).row(0, named=True)
    assert (row["period_start"], row["period_end"]) == (2022, 2025)
    assert row["unit"] == "EUR" and row["topic"] == "capex" and row["metric"] == "public_funding"
