"""Counts that number the parts of an argument (pipelines.extraction.discourse), read by the real
extractor on small documents written for one cue each, French and English, then on the seeds."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import yaml

from pipelines.extraction.corpus import set_aside_refused
from pipelines.extraction.document import extract_document

ROOT = Path(__file__).resolve().parents[2]


def counts(text: str, language: str) -> dict[str, str | None]:
    """figure_text -> refusal_cue (None when the count is published), for every count of ``text``."""
    df = extract_document(text, language, 2025).filter(pl.col("unit") == "count")
    return dict(zip(df["figure_text"], df["refusal_cue"], strict=True))


REFUSED = [
    # colon: the parts are listed after the noun phrase
    ("fr", "Le plan tient sur trois piliers : le calcul, les données et les talents.", "trois piliers",
     "colon; structure: tient sur"),
    ("fr", "L'étude distingue quatre pans essentiels où s'exerce cette domination : les modèles et le cloud.",
     "quatre pans", "colon"),
    ("en", "Growth rests on two levers: better algorithms and more computing power.", "two levers",
     "colon; structure: rests on"),
    # heading
    ("fr", "# Deux voies pour l'IA : échelle ou efficacité\n\nLa suite du texte.", "Deux voies",
     "heading; colon; opens_sentence"),
    ("en", "## Three challenges for Europe\n\nThe rest of the text.", "Three challenges", "heading; opens_sentence"),
    # enumeration, in the sentence or at the start of the next one
    ("fr", "Deux scénarios sont possibles. D'un côté, l'Europe rattrape son retard.", "Deux scénarios",
     "enumeration: D'un côté; opens_sentence"),
    ("fr", "Cette note s'intéresse à trois questions. Elle examine d'abord le marché.", "trois questions",
     "enumeration: d'abord"),
    ("en", "Europe has two key assets. The first is its industrial expertise.", "two key assets",
     "enumeration: The first is"),
    ("en", "The plan answers three concerns. First, it secures the supply of chips.", "three concerns",
     "enumeration: First,"),
    # emergence and existence
    ("fr", "Deux tendances se dégagent nettement du rapport.", "Deux tendances",
     "emergence: se dégagent; opens_sentence"),
    ("en", "Two opportunities clearly emerge in this context.", "Two opportunities",
     "emergence: clearly emerge; opens_sentence"),
    ("fr", "Si l'IA est une infrastructure, il existe deux façons de la bâtir.", "deux façons", "existence: il existe"),
    ("en", "If AI is infrastructure, there are two ways to build it.", "two ways", "existence: there are"),
    # structure
    ("fr", "Cette note s'articule autour de trois axes complémentaires.", "trois axes",
     "structure: articule autour de"),
    ("en", "This note is structured around three axes.", "three axes", "structure: structured around"),
    # ... or to be made of them
    ("de", "Die Finanzierung besteht dabei aus drei Komponenten, die wir hier erklären.", "drei Komponenten",
     "structure: besteht dabei aus"),
    ("en", "The package consists of three elements that we describe below.", "three elements",
     "structure: consists of"),
    ("fr", "Le plan se compose de trois volets que nous détaillons ici.", "trois volets",
     "structure: se compose de"),
    # kinds: a countable thing qualified as different kinds, in a sentence that announces them
    ("fr", "Le résultat ? Deux modèles différents avancent en parallèle.", "Deux modèles",
     "kinds: différents; opens_sentence"),
    ("en", "The result? Two different models moving in parallel.", "Two different models",
     "kinds: different; opens_sentence"),
]


@pytest.mark.parametrize(("language", "text", "figure", "cue"), REFUSED)
def test_a_count_announcing_the_parts_of_an_argument_is_refused_with_its_cue(language, text, figure, cue):
    assert counts(text, language)[figure] == cue


KEPT = [
    # countable things, even when listed after a colon or opening the sentence
    ("fr", "La Commission a retenu sept usines d'IA : en Allemagne, en Suède et en Italie.", "sept usines d'IA"),
    ("en", "Seven AI factories were selected: in Germany, Sweden and Italy.", "Seven AI factories"),
    ("fr", "Le projet est financé par SoftBank, OpenAI et Oracle, trois leaders du secteur.", "trois leaders"),
    ("fr", "La Commission a annoncé six usines supplémentaires.", "six usines"),
    ("fr", "Il s'agit de quatre « giga-usines » d'IA.", "quatre « giga-usines » d'IA"),
    ("fr", "Deux nouvelles usines d'IA émergent en France.", "Deux nouvelles usines d'IA"),
    ("en", "Two new AI factories emerge in France.", "Two new AI factories"),
    ("fr", "Le réseau repose sur trois supercalculateurs.", "trois supercalculateurs"),
    ("en", "The network rests on three supercomputers.", "three supercomputers"),
    # different kinds of a countable thing, with nothing announcing them
    ("fr", "Mistral a publié deux modèles différents en 2024.", "deux modèles"),
    ("en", "Mistral released two different models in 2024.", "two different models"),
    # an abstract noun with no cue
    ("fr", "La réforme a connu trois étapes depuis 2020.", "trois étapes"),
    ("en", "The reform went through three steps since 2020.", "three steps"),
    # what follows the colon names the things counted
    ("fr", "Deux banques : BNP Paribas et la Société Générale.", "Deux banques"),
    ("en", "Two banks: BNP Paribas and Société Générale.", "Two banks"),
    # digits and large numbers are never argument parts
    ("fr", "Les États-Unis ont publié 161 modèles : la Chine en a publié 127.", "161 modèles"),
    ("en", "The plan rests on 3 pillars: chips, power and capital.", "3 pillars"),
    ("fr", "Il existe vingt laboratoires de ce type.", "vingt laboratoires"),
    # what a public plan funds exists in numbers, even announced by a colon
    ("de", "Der Fonds öffnet vier Programme: das Ideen-Programm und die Einzelprojektförderung.", "vier Programme"),
    ("fr", "L'Agence a déployé deux dispositifs ciblés : un accompagnement et un chèque.", "deux dispositifs"),
    ("en", "The ministry funds four initiatives: a cluster, a school, a lab and a fund.", "four initiatives"),
]


@pytest.mark.parametrize(("language", "text", "figure"), KEPT)
def test_a_count_of_things_is_published(language, text, figure):
    assert counts(text, language)[figure] is None


@pytest.mark.parametrize(("language", "text", "figure"), [
    ("fr", "Deux ans après la sortie de ChatGPT : les usages explosent.", "Deux ans"),
    ("en", "Two years after ChatGPT: costs fell.", "Two years"),
    ("fr", "Le PIB est deux fois inférieur : un écart majeur.", "deux fois"),
    ("en", "Costs are two times higher: a major gap.", "two times"),
])
def test_durations_and_factors_are_not_counts_and_stay(language, text, figure):
    df = extract_document(text, language, 2025)
    row = df.filter(pl.col("figure_text") == figure).row(0, named=True)
    assert row["unit"] in ("years", "factor") and row["refused_because"] is None


def test_a_refused_count_does_not_lend_its_noun_to_the_next_answer():
    # "Les États-Unis ? 161." takes what the previous sentence's last *published* count counts.
    text = "Cette note distingue deux questions : la taille et la vitesse. Les États-Unis ? 161."
    df = extract_document(text, "fr", 2025)
    assert df.filter(pl.col("figure_text") == "161")["counted"].to_list() == [None]


def test_set_aside_refused_moves_refused_rows_to_rejections_with_words_and_quote():
    text = "Deux tendances se dégagent. La Commission a retenu sept usines d'IA."
    figures = extract_document(text, "fr", 2025).select(pl.lit("doc").alias("source_id"), pl.all())
    kept, rejections = set_aside_refused(figures)
    assert kept["figure_text"].to_list() == ["sept usines d'IA"]
    assert "refused_because" not in kept.columns and "refusal_cue" not in kept.columns
    assert rejections.rows() == [(
        "doc", "extract", "discourse_count",
        "Deux tendances (tendance) at characters 0-14: counts the parts of an argument, not things "
        "(emergence: se dégagent; opens_sentence): Deux tendances se dégagent.",
    )]


# The seeds: every count that numbers the parts of an argument is refused, the real counts stay.
SEED_REFUSED = {
    "ifri-2025-startups-ia-generative": ["trois axes", "quatre pans", "deux leviers", "deux atouts", "Deux opportunités"],
    "atomico-2025-state-of-european-tech-article": ["Deux modèles", "trois piliers", "Deux voies", "deux manières"],
    "reboot-2025-france-bataille-ia": [],
    "inas-2025-investai-usines-ia": [],
    "future-society-2025-modeles-ouverts-frontiere": ["Deux dynamiques"],
}


def _seed(source_id: str) -> pl.DataFrame:
    entry = next(e for e in yaml.safe_load((ROOT / "raw" / "sources.yaml").read_text(encoding="utf-8"))
                 if e["id"] == source_id)
    text = (ROOT / "raw" / entry["file"]).read_text(encoding="utf-8")
    return extract_document(text, entry["language"], int(str(entry["published"])[:4]))


@pytest.mark.parametrize("source_id", sorted(SEED_REFUSED))
def test_seeds_refuse_exactly_the_counts_of_argument_parts(source_id):
    df = _seed(source_id)
    refused = df.filter(pl.col("refused_because").is_not_null())
    assert refused["figure_text"].to_list() == SEED_REFUSED[source_id]
    assert set(refused["refused_because"]) <= {"discourse_count"}
    assert refused["refusal_cue"].is_not_null().all()


def test_seeds_keep_the_counts_of_things():
    published = pl.concat([_seed(s) for s in sorted(SEED_REFUSED)]).filter(pl.col("refused_because").is_null())
    kept = set(published["figure_text"])
    assert {"sept usines d’IA", "six usines", "trois leaders", "quatre « giga-usines » d’IA", "deux autres usines d’IA",
            "161", "50 000 GPU Hopper", "200 000 GPU", "100 000 microprocesseurs", "Deux ans", "deux fois",
            "cinq *Big Tech*"} <= kept
    assert "quatre principales *Big Tech*" not in kept  # the size of a top-N list (the main ones)
    # the only model counts left are the digits of the reboot study: 3 in France, 161, 127, 41
    assert sorted(published.filter(pl.col("counted") == "model")["value"].to_list()) == [3.0, 41.0, 127.0, 161.0]
