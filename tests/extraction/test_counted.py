"""What a count counts (pipelines.extraction.counted)."""

from __future__ import annotations

import pytest

from pipelines.extraction.counted import counted_by_phrase, read_counted, slugify, unknown_noun
from pipelines.extraction.document import extract_document


@pytest.mark.parametrize(
    ("after", "counted", "hardware", "span"),
    [
        (" GPU H100 en 2024", "gpu", "H100", " GPU H100"),
        (" GPU Hopper, dont", "gpu", "Hopper", " GPU Hopper"),
        (" H800 et", "gpu", "H800", " H800"),
        (" H200s were", "gpu", "H200", " H200s"),
        (" Nvidia H100 GPUs", "gpu", "H100", " Nvidia H100 GPUs"),
        (" puces", "chip", None, " puces"),
        (" chips", "chip", None, " chips"),
        (" microprocesseurs —", "microprocessor", None, " microprocesseurs"),
        (" usines d’IA, dont", "ai_factory", None, " usines d’IA"),
        (" usines supplémentaires", "ai_factory", None, " usines"),
        (" AI factories", "ai_factory", None, " AI factories"),
        (" « giga-usines » d’IA, chacune", "ai_gigafactory", None, " « giga-usines » d’IA"),
        (" gigafactories", "ai_gigafactory", None, " gigafactories"),
        (" modèles d’IA à grande", "model", None, " modèles d’IA"),
        (" licornes", "unicorn", None, " licornes"),
        (" employés", "employee", None, " employés"),
        (" salariés", "employee", None, " salariés"),
        (" start-up", "startup", None, " start-up"),
        (" startups", "startup", None, " startups"),
        (" brevets", "patent", None, " brevets"),
        (" plus grandes entreprises américaines", "company", None, " plus grandes entreprises"),
        (" autres usines d’IA", "ai_factory", None, " autres usines d’IA"),
        (" pays", "country", None, " pays"),
        (" utilisateurs", "user", None, " utilisateurs"),
        (" sites", "site", None, " sites"),
        (" supercalculateurs", "supercomputer", None, " supercalculateurs"),
        (" data centers", "data_centre", None, " data centers"),
        (" personnes", "person", None, " personnes"),
        (" pépites françaises", "startup", None, " pépites"),
        (" nodes, each", "node", None, " nodes"),
        (" salles informatiques", "data_hall", None, " salles informatiques"),
        (" tours de financement", "funding_round", None, " tours de financement"),
        (" rounds of $100 million", "funding_round", None, " rounds"),
        (" fondateurs (", "founder", None, " fondateurs"),
        (" generators, outputting", "generator", None, " generators"),
        (" turbines have", "turbine", None, " turbines"),
        (" centres de calcul de très haute performance", "computing_centre", None, " centres de calcul"),
        (" centers, Latvia", "centre", None, " centers"),
        (" bâtiments équipés", "building", None, " bâtiments"),
        (" manifestations d'intérêt", "expression_of_interest", None, " manifestations d'intérêt"),
        (" dirigeants internationaux", "executive", None, " dirigeants"),
        (" localisations précises", "location", None, " localisations"),
        (" chercheurs", "researcher", None, " chercheurs"),
        (" *Big Tech* et", "big_tech", None, " *Big Tech*"),
    ],
)
def test_read_counted(after: str, counted: str, hardware: str | None, span: str) -> None:
    read = read_counted(after, 0, allow_de=False)
    assert read is not None
    assert read[:2] == (counted, hardware)
    assert after[: read[2]] == span


def test_de_only_after_a_scale_word() -> None:
    assert read_counted(" de consommateurs", 0, allow_de=True)[0] == "consumer"  # type: ignore[index]
    assert read_counted(" de consommateurs", 0, allow_de=False) is None
    assert read_counted(" d’États et", 0, allow_de=True)[0] == "country"  # type: ignore[index]


def test_noun_must_be_separated() -> None:
    assert read_counted("GPU", 0, allow_de=False) is None


@pytest.mark.parametrize(
    ("after", "language", "slug"),
    [(" piliers :", "fr", "pillar"), (" leaders du", "fr", "company"), (" voies", "fr", "way"), (" opportunités", "fr", "opportunity"), (" batteries", "en", "battery"), (" marchés", "fr", "market"), (" axes", "fr", "axis"), (" pans", "fr", "area"), (" leviers", "fr", "lever"), (" atouts", "fr", "asset"), (" manières", "fr", "way"), (" dynamiques", "fr", "dynamic"), (" grenouilles", "fr", "grenouille")],
)
def test_unknown_noun(after: str, language: str, slug: str) -> None:
    read = unknown_noun(after, 0, language)
    assert read is not None and read[0] == slug


@pytest.mark.parametrize("after", [" de", " et", " contrôlent", " Paris", "", " 12", " in", " devraient"])
def test_not_a_noun(after: str) -> None:
    assert unknown_noun(after, 0) is None


def test_slugify() -> None:
    assert slugify("Piliers") == "pilier"
    assert slugify("réseaux") == "reseau"  # "-eaux" -> "-eau"
    assert slugify("journaux") == "journal"  # other "-aux" -> "-al"
    assert slugify("data centres", "en") == "data_centre"
    assert slugify("batteries", "en") == "battery"


def test_dont_une_counts_one_of_the_counted_noun() -> None:
    from pipelines.extraction.figures import find_figures

    real = ("En mars 2025, la Commission européenne a annoncé la création de six usines supplémentaires, "
            "pour un investissement de 485 millions d’euros, dont une implantée en France.")
    got = [(real[f.start : f.end], f.value, f.unit, f.counted) for f in find_figures(real, "fr")]
    assert got == [("six usines", 6.0, "count", "ai_factory"), ("485 millions d’euros", 4.85e8, "EUR", None),
                   ("une", 1.0, "count", "ai_factory")]
    small = "Nous avons 12 GPU, dont 3 en panne et dont une usine."
    got = [(small[f.start : f.end], f.value, f.counted) for f in find_figures(small, "fr")]
    assert got == [("12 GPU", 12.0, "gpu"), ("3", 3.0, "gpu"), ("une usine", 1.0, "ai_factory")]
    assert [f.counted for f in find_figures("Une usine, dont une en France.", "fr")] == []


@pytest.mark.parametrize(("sentence", "language", "number", "expected"), [
    ("Die Zahl der Rechenzentren stieg 2023 um 40 Prozent auf 3.000.", "de", "3.000", "data_centre"),
    ("The number of data centres in Europe rose in 2023 to 3,000.", "en", "3,000", "data_centre"),
    ("Le nombre d'entreprises passe à 30.", "fr", "30", "company"),
    # a possessive in the genitive stands for "der"
    ("Wir werden die Zahl unserer Mitarbeiter von aktuell 450 verdoppeln.", "de", "450", "employee"),
    # a clause break: the phrase is another clause's
    ("The number of startups grew; 500 were founded.", "en", "500", None),
    # a noun no table knows is not taken
    ("The number of frobnicators rose to 12.", "en", "12", None),
])
def test_a_number_of_phrase_names_what_a_bare_number_counts(sentence, language, number, expected):
    named = counted_by_phrase(sentence, sentence.index(number), language)
    assert (named[0] if named else None) == expected


def test_only_the_first_count_after_the_phrase_takes_its_noun():
    rows = extract_document("Die Zahl der Rechenzentren stieg von 2.000 auf 3.000.", "de", 2025)
    assert rows.select("figure_text", "counted").rows() == [("2.000", "data_centre"), ("3.000", None)]


@pytest.mark.parametrize(("text", "language", "expected"), [
    # a bare count and its adjective before a count of a noun take that noun
    ("It will create 500 direct and 2,000 indirect jobs.", "en", [("500 direct", "job"), ("2,000 indirect jobs", "job")]),
    ("Es entstehen 500 direkte und 2.000 indirekte Arbeitsplätze.", "de",
     [("500 direkte", "job"), ("2.000 indirekte Arbeitsplätze", "job")]),
    # a word no table knows after a count, its noun and its adjective, or a pro-form, counts that noun
    ("Le centre créera 500 emplois directs et 2 000 indirects.", "fr", [("500 emplois", "job"), ("2 000 indirects", "job")]),
    ("It adds 300 permanent jobs and 900 temporary ones.", "en", [("300 permanent jobs", "job"), ("900 temporary ones", "job")]),
    # two nouns: each its own
    ("It adds 500 jobs and 2,000 tasks.", "en", [("500 jobs", "job"), ("2,000 tasks", "task")]),
])
def test_coordinated_counts_share_the_noun_written_once(text, language, expected) -> None:
    frame = extract_document(text, language, 2025)
    assert list(zip(frame.get_column("figure_text").to_list(), frame.get_column("counted").to_list())) == expected


def test_a_german_compound_needs_a_first_part_of_three_letters() -> None:
    """"Privatkunden" counts customers, "Rechnerschränke" cabinets; "Se|kunden" is no compound."""
    assert read_counted("500 Privatkunden", 3, allow_de=True, language="de")[0] == "customer"
    assert read_counted("28 Rechnerschränke", 2, allow_de=True, language="de")[0] == "cabinet"
    assert read_counted("5 Sekunden", 1, allow_de=True, language="de") is None
