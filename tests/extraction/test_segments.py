"""Tests of pipelines.extraction.segments on the five documents and on small documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.extraction.model import LOCATIONS
from pipelines.extraction.segments import MAX_CHARS, skipped_regions, split_document

DOCS = sorted((Path(__file__).resolve().parents[2] / "raw" / "documents").glob("*.txt"))
IFRI = next(p for p in DOCS if p.name.startswith("000_"))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ifri() -> tuple[str, list]:
    text = _read(IFRI)
    return text, split_document(text)


def _find(sentences, fragment):
    hits = [s for s in sentences if fragment in s.text]
    assert hits, fragment
    return hits[0]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name[:3])
def test_spans_are_exact_stripped_ordered_and_short(path: Path) -> None:
    text = _read(path)
    sentences = split_document(text)
    assert sentences
    prev_end = 0
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert len(s.text) <= MAX_CHARS
        assert s.location in LOCATIONS
        assert s.start >= prev_end
        prev_end = s.end


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name[:3])
def test_skipped_regions_do_not_overlap_sentences(path: Path) -> None:
    text = _read(path)
    kept = [(s.start, s.end) for s in split_document(text)]
    for start, end, reason in skipped_regions(text):
        assert reason
        assert all(end <= a or start >= b for a, b in kept)


def test_no_sentence_cuts_inside_a_sup_marker(ifri) -> None:
    _, sentences = ifri
    for s in sentences:
        assert s.text.count("<sup>") == s.text.count("</sup>")
    s = _find(sentences, "quelques mois<sup>6</sup>")
    assert s.text.startswith("Dans l'éducation par exemple")


def test_ifri_front_matter_toc_and_address_are_skipped(ifri) -> None:
    text, sentences = ifri
    joined = "\n".join(s.text for s in sentences)
    for absent in (
        "979-10-373-1030-9",
        "Tous droits réservés",
        "27 rue de la Procession",
        "+33 (0)1 40 61 60 00",
        "Comment citer",
        "INTRODUCTION .....",
        "Sommaire",
        "accueil@ifri.org",
        "FLUX PRO 1.1",
    ):
        assert absent not in joined, absent
    reasons = {text[a:b][:30]: r for a, b, r in skipped_regions(text)}
    assert reasons["ISBN : 979-10-373-1030-9"] == "front_matter"
    assert reasons["# Sommaire"] == "table_of_contents"
    assert reasons["<b>CONCLUSION .....</b>\t<b>32<"] == "table_of_contents"
    assert reasons["27 rue de la Procession 75740 "] == "front_matter"
    assert reasons["---"] == "separator"


def test_ifri_title_and_headings(ifri) -> None:
    _, sentences = ifri
    assert sentences[0].location == "heading"
    assert sentences[0].text.startswith("Startups européennes et IA générative")
    assert _find(sentences, "Le levier du marché américain").location == "heading"
    # "## **...**": marker and bold left out of the span
    h = _find(sentences, "La miniaturisation des modèles : une tendance")
    assert h.location == "heading" and not h.text.startswith("*")
    caption = _find(sentences, "Graphique 1 : Nombre d'utilisateurs actifs")
    assert caption.location == "heading"


def test_ifri_abstract_and_resume(ifri) -> None:
    _, sentences = ifri
    assert _find(sentences, "Europe is at a crossroads.").location == "abstract"
    assert _find(sentences, "1.5 times France's GDP").location == "abstract"
    # decision: the French Résumé is a summary too
    assert _find(sentences, "estimé à 1,5 fois le PIB français").location == "abstract"
    # decision: the author bio is body
    assert _find(sentences, "qu'il a rejoint en 2018.").location == "body"
    assert _find(sentences, "Face à un risque de décrochage").location == "body"


def test_ifri_footnotes_and_citations(ifri) -> None:
    _, sentences = ifri
    fn1 = _find(sentences, "L'IA générative se distingue par sa capacité à créer")
    assert fn1.location == "footnote"
    assert not fn1.text.startswith("1.")  # the footnote number is not in the span
    ref = _find(sentences, "J. Manyika et M. Spence, « The Coming AI Economic Revolution: Can")
    assert ref.location == "citation"
    assert ref.text.endswith("novembre/décembre 2023.")  # not cut at "J." "M." or "?"
    # an explanation then "; cf." a reference: two segments
    assert _find(sentences, "Les coûts de l'IA sont divisés par dix").location == "footnote"
    cf = _find(sentences, "cf. G. Appenzeller")
    assert cf.location == "citation" and cf.text.startswith("cf. ")
    assert _find(sentences, "Elon Musk's xAI in Talks to Raise Funding Valuing It at").location == "citation"
    assert _find(sentences, "Les États-Unis comptent 9 fois plus de licornes technologiques que la Chine et 5,5 fois plus que l'Europe »").location == "citation"
    assert _find(sentences, "Banque mondiale, données pour 2023, consulté le").location == "citation"
    assert _find(sentences, "Social Media User Statistics").location == "citation"
    assert _find(sentences, "Nombre total de « membres »").location == "footnote"
    assert _find(sentences, "Le dilemme du prisonnier, concept clé").location == "footnote"
    # a title with a full stop inside its guillemets stays whole
    gent = _find(sentences, "E. Gent,")
    assert "That's a Problem. »" in gent.text and gent.location == "citation"


def test_ifri_body_sentence_with_etc_and_sup(ifri) -> None:
    _, sentences = ifri
    s = _find(sentences, "Si on ajoute le concepteur américain")
    assert s.text.endswith("banque, etc.)<sup>16</sup>.")
    q = _find(sentences, "« Pour être un champion européen")
    assert q.text.endswith("États-Unis.<sup>75</sup> »")


def test_plain_articles_headings_lists_and_boilerplate() -> None:
    text = _read(next(p for p in DOCS if p.name.startswith("001_")))
    sentences = split_document(text)
    assert _find(sentences, "Les États-Unis investissent 119 milliards :").location == "heading"
    assert _find(sentences, "Nébius").location == "heading"
    item = _find(sentences, "Informatique à grande échelle")
    assert item.location == "body" and item.text.startswith("Informatique")  # "1. " left out
    assert not any("À LIRE AUSSI" in s.text for s in sentences)
    assert any(r == "boilerplate" for *_, r in skipped_regions(text))

    blog = _read(next(p for p in DOCS if p.name.startswith("002_")))
    bs = split_document(blog)
    assert bs[0].location == "heading" and bs[0].text.endswith("bataille de l’IA ?")
    assert _find(bs, "Les États-Unis ? 161.").text == "Les États-Unis ? 161."
    assert not any(s.text.startswith("Partager") for s in bs)

    inas = _read(next(p for p in DOCS if p.name.startswith("003_")))
    assert not any("© 2025 INAS" in s.text for s in split_document(inas))


def test_abbreviations_and_numbers_do_not_end_sentences() -> None:
    text = (
        "M. Macron a annoncé 1,5 milliard d'euros (voir p. 12, n° 3). "
        "Les U.S. Army et J. Dupont ont dépensé 2.5 billion dollars, etc. Ensuite la fin ! "
        "Le chiffre est 4."
    )
    got = [s.text for s in split_document(text)]
    assert got == [
        "M. Macron a annoncé 1,5 milliard d'euros (voir p. 12, n° 3).",
        "Les U.S. Army et J. Dupont ont dépensé 2.5 billion dollars, etc.",
        "Ensuite la fin !",
        "Le chiffre est 4.",
    ]


def test_an_ordinal_after_an_article_ends_no_sentence_but_a_count_does() -> None:
    text = "Der Campus liegt im 21. Bezirk. Die Zahl der Rechenzentren stieg auf 21. Das ist viel."
    assert [s.text for s in split_document(text)] == [
        "Der Campus liegt im 21. Bezirk.",
        "Die Zahl der Rechenzentren stieg auf 21.",
        "Das ist viel.",
    ]


def test_english_document() -> None:
    text = "Intro\n\nThe U.S. spent $300bn in 2025. Dr. Smith said so. Europe spent less.\n"
    got = [(s.text, s.location) for s in split_document(text)]
    assert got == [
        ("Intro", "heading"),
        ("The U.S. spent $300bn in 2025.", "body"),
        ("Dr. Smith said so.", "body"),
        ("Europe spent less.", "body"),
    ]


def test_long_sentences_are_cut_at_clause_boundaries() -> None:
    clause = "la Commission investit 1 000 milliards d'euros dans les usines d'IA européennes"
    text = "Longue phrase : " + " ; ".join([clause] * 12) + "."
    sentences = split_document(text)
    assert len(sentences) > 1
    for s in sentences:
        assert len(s.text) <= MAX_CHARS
        assert text[s.start : s.end] == s.text
        assert "1 000" in s.text or "000" not in s.text  # never cut between "1" and "000"
    # a run without any punctuation is still cut, at spaces not between digits
    text2 = " ".join(["mot"] * 300)
    assert all(len(s.text) <= MAX_CHARS for s in split_document(text2))


def test_markdown_report_structure() -> None:
    text = (
        "# Titre du rapport\n\nISBN : 978-2-00-000000-0\n\n© Éditeur, 2024\n\n"
        "# Sommaire\n\nIntroduction ..... 3\nConclusion\t12\n\n"
        "# Abstract\n\nEurope spent 10 billion euros in 2024.\n\n"
        "# Introduction\n\nLe budget atteint 5 milliards<sup>1</sup>. Il double.\n\n---\n\n"
        "1. A. Auteur, « Un titre », *Revue*, 3 mars 2024, disponible sur : [x.fr](http://x.fr).\n\n"
        "2. Une note qui explique 3 %.\n"
    )
    got = [(s.text, s.location) for s in split_document(text)]
    assert got == [
        ("Titre du rapport", "heading"),
        ("Abstract", "heading"),
        ("Europe spent 10 billion euros in 2024.", "abstract"),
        ("Introduction", "heading"),
        ("Le budget atteint 5 milliards<sup>1</sup>.", "body"),
        ("Il double.", "body"),
        ("A. Auteur, « Un titre », *Revue*, 3 mars 2024, disponible sur : [x.fr](http://x.fr).", "citation"),
        ("Une note qui explique 3 %.", "footnote"),
    ]
    reasons = [r for *_, r in skipped_regions(text)]
    assert reasons == ["front_matter", "front_matter", "table_of_contents", "table_of_contents",
                       "table_of_contents", "separator"]


def test_empty_document() -> None:
    assert split_document("") == []
    assert split_document("\n  \n") == []
    assert skipped_regions("") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # scraped pages glue sentences: a lower-case word, the stop, a capitalised word
        ("Le réseau a été rétabli fin mai.Orange Côte d'Ivoire investira 90 milliards FCFA.",
         ["Le réseau a été rétabli fin mai.", "Orange Côte d'Ivoire investira 90 milliards FCFA."]),
        ("Der Bund will vorpreschen.Im Koalitionsvertrag steht es anders.",
         ["Der Bund will vorpreschen.", "Im Koalitionsvertrag steht es anders."]),
        # not a decimal, an initialism, a product name nor an abbreviation before a unit
        ("Die Kosten lagen bei 1,5 Mio.Euro und die U.S.Army zahlte mit ASP.NET, ca. 3.5 Prozent.",
         ["Die Kosten lagen bei 1,5 Mio.Euro und die U.S.Army zahlte mit ASP.NET, ca. 3.5 Prozent."]),
    ],
)
def test_a_sentence_end_glued_to_the_next_sentence_is_a_boundary(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_document(text)] == expected
