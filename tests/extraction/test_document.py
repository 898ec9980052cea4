"""Tests of pipelines.extraction.document: the composition, with a tiny fake figures stage, then
with the real one when it is present."""

from __future__ import annotations

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


def test_real_figures_key_facts() -> None:
    text = next(p for p in DOCS if p.name.startswith("004_")).read_text(encoding="utf-8")
    df = extract_document(text, "fr", 2025)
    row = df.filter(pl.col("figure_text").str.contains("1,2 milliard")).row(0, named=True)
    assert (row["period_start"], row["period_end"]) == (2022, 2025)
    assert row["unit"] == "EUR" and row["topic"] == "capex" and row["metric"] == "public_funding"


def _rows(text: str) -> list[tuple]:
    frame = extract_document(text, "fr", 2025)
    return list(frame.select("figure_text", "unit", "counted", "period_start", "period_end", "metric").iter_rows())


def test_duration_that_is_another_figures_period_is_not_a_figure() -> None:
    real = "En 10 ans, les États-Unis ont investi 335 milliards de dollars dans l’IA."
    assert _rows(real) == [("335 milliards de dollars", "USD", None, 2015, 2024, "investment")]
    small = "Il faut au moins cinq ans pour construire un data center."
    assert [r[0] for r in _rows(small)] == ["cinq ans"]  # the duration is the statement
    assert [r[0] for r in _rows("Le plan prévoit 5 milliards d'euros sur quatre ans.")] == ["5 milliards d'euros"]


def test_change_from_and_to_values_take_their_own_years() -> None:
    real = ("Côté brevets, c’est encore plus violent : en 2010, 40% des brevets IA étaient américains. "
            "En 2023, ils ne représentent plus que 14%… parce que la Chine est passée de 10% à 70%.")
    rows = {r[0]: r for r in _rows(real)}
    assert rows["10%"][3:5] == (2010, 2010) and rows["70%"][3:5] == (2023, 2023)
    small = "Depuis 2015, la part est passée de 20 % à 40 %."
    assert [r[3:5] for r in _rows(small)] == [(2015, 2015), (2025, 2025)]
    assert [r[3:5] for r in _rows("En 2023, la part est passée de 20 % à 40 %.")] == [(None, None), (2023, 2023)]


def test_currency_carried_from_an_earlier_same_amount() -> None:
    real = ("qui ont investi environ 119 milliards de dollars dans l’IA en 2025.\n\n"
            "Le chiffre de 119 milliards n’est pas seulement impressionnant : il est révélateur.")
    assert [r[1] for r in _rows(real)] == ["USD", "USD"]
    # two currencies in the document: only the repetition of a stated amount carries one
    small = "Il lève 5 milliards.\n\nPuis 5 milliards d'euros.\n\nEt 5 milliards.\n\nEt 7 milliards.\n\nAilleurs 3 milliards de dollars."
    assert [r[1] for r in _rows(small)] == ["XXX", "EUR", "EUR", "XXX", "USD"]


def test_enumeration_continues_the_previous_sentence() -> None:
    real = ("Pendant ce temps, la Russie n’a développé que 3 modèles d’IA à grande échelle depuis 2017. "
            "Les États-Unis ? 161. La Chine ? 127.")
    assert _rows(real) == [
        ("3 modèles d’IA", "count", "model", 2017, 2025, "model_count"),
        ("161", "count", "model", 2017, 2025, "model_count"),
        ("127", "count", "model", 2017, 2025, "model_count"),
    ]
    assert _rows("Il y a 3 usines. Il y en a 161.")[1][2] is None  # not an answer to a question
    shares = _rows("En 2010, 40% des brevets étaient américains. En 2023, 14%.")
    assert [r[5] for r in shares] == ["patent_share", "patent_share"]
    # a percentage that names its own whole is a share of it, not the last percentage's change
    own = extract_document("Die Volumina sinken um 18 Prozent. Nur mehr 11 Prozent des Investmentvolumens "
                           "kamen aus dem Ausland.", "de", 2024)
    assert own.select("figure_text", "metric").rows() == [("18 Prozent", "decline_rate"), ("11 Prozent", "share")]


@pytest.mark.parametrize(
    ("text", "language", "units"),
    [
        # the paragraph states one currency: the bare amounts are in it
        ("Le plan mobilise 1,5 milliard d'euros. Il en reste 400 millions à engager.", "fr", ["EUR", "EUR"]),
        ("Das Start-up sammelte 1,1 Mrd. Euro ein. Im Vorjahr waren es 1,9 Milliarden.", "de", ["EUR", "EUR"]),
        # two currencies in the paragraph: no guess
        ("It raised $2 billion and €1 billion. Another 400 million is planned.", "en", ["USD", "EUR", "XXX"]),
        # the currency is stated in another paragraph only, the document's only one: it is theirs
        ("Le plan mobilise 1,5 milliard d'euros.\n\nIl en reste 400 millions.", "fr", ["EUR", "EUR"]),
        # ... but not when the document states two
        ("Le plan mobilise 1,5 milliard d'euros et 2 milliards de dollars.\n\nIl en reste 400 millions.", "fr",
         ["EUR", "USD", "XXX"]),
    ],
)
def test_a_paragraph_stating_one_currency_gives_it_to_its_bare_amounts(text: str, language: str, units: list[str]) -> None:
    frame = extract_document(text, language, 2025)
    assert frame.filter(pl.col("value") >= 1e6)["unit"].to_list() == units


@pytest.mark.parametrize(("language", "text", "figures"), [
    # the first months or quarters of a year date the other figures: no figure of their own
    ("en", "Capex rose to €3.7 billion during the first six months of 2014. In the first three quarters "
           "of 2025, VCs invested $40 billion. Three quarters of the firms use AI.",
     ["€3.7 billion", "$40 billion", "Three quarters"]),
    ("de", "In den ersten drei Quartalen 2025 investierten Investoren 43,7 Milliarden Euro. In den ersten "
           "neun Monaten des Jahres sammelten VCs 8 Milliarden Euro. Der Bau dauerte drei Jahre.",
     ["43,7 Milliarden Euro", "8 Milliarden Euro", "drei Jahre"]),
    # a span of time that is the statement stays a figure ("a duré trois trimestres")
    ("fr", "Sur les trois premiers trimestres, les startups ont réalisé 400 opérations. Le chantier a duré "
           "trois trimestres.",
     ["400 opérations", "trois trimestres"]),
    # the French adjective between the number and its unit, in digits or words, before or after
    ("fr", "Les 18 premiers mois, le site a coûté 5 millions d'euros ; il recrutera 40 personnes dans les douze "
           "prochains mois.",
     ["5 millions d'euros", "40 personnes"]),
])
def test_the_first_months_or_quarters_of_a_year_are_a_period_not_a_figure(language: str, text: str, figures: list[str]) -> None:
    assert extract_document(text, language, 2025)["figure_text"].to_list() == figures


@pytest.mark.parametrize(("language", "text", "figures"), [
    # an age group is people, not a duration; a duration range stays one
    ("fr", "Parmi eux, 62 % des 18-34 ans estiment que ces outils aident. Le projet a duré de 3 à 5 ans.",
     ["62 %", "3 à 5 ans"]),
    ("en", "Half of 18-34 year-olds use it; the build took 3-5 years.", ["Half", "3-5 years"]),
    ("de", "Die 34-Jährigen nutzen KI; der Bau dauerte drei Jahre.", ["drei Jahre"]),
])
def test_an_age_group_is_no_duration(language: str, text: str, figures: list[str]) -> None:
    assert extract_document(text, language, 2025)["figure_text"].to_list() == figures


@pytest.mark.parametrize(("language", "text", "figures"), [
    # "in N months" with another figure is that figure's span; opening a sentence, a time to come
    ("en", "Adoption rose 44% in three months. In two years, the campus will open. It was built in 18 months.",
     ["44%", "18 months"]),
    ("fr", "La start-up a levé 1 milliard d'euros en 12 mois. Dans deux ans, le site ouvrira. Le chantier "
           "a été bouclé en seulement 18 mois. L'aide de 100 à 200 k€ court sur 6 à 12 mois. Le bail court sur 30 ans.",
     ["1 milliard d'euros", "18 mois", "100 à 200 k€", "30 ans"]),
    ("fr", "En l'espace de 5 ans, la France a multiplié par dix le nombre de licornes.", ["multiplié par dix"]),
    ("de", "In zwei Jahren sollen die ersten Spezialisten einziehen. Das Gebäude ist in nur 20 Monaten "
           "entstanden. Der Umsatz stieg in drei Monaten um 40 Prozent.",
     ["20 Monaten", "40 Prozent"]),
])
def test_a_span_in_which_something_happens_is_no_figure(language: str, text: str, figures: list[str]) -> None:
    assert extract_document(text, language, 2025)["figure_text"].to_list() == figures


@pytest.mark.parametrize(("language", "text", "figures"), [
    # "only" makes a duration how long something took: a figure, though the amount reads its period
    ("fr", "Mistral a levé 1 milliard d'euros en seulement deux ans. Mistral a levé 1 milliard d'euros en deux ans.",
     ["1 milliard d'euros", "deux ans", "1 milliard d'euros"]),
    ("de", "Das Gebäude mit 20 MW ist in nur 20 Monaten entstanden.", ["20 MW", "20 Monaten"]),
])
def test_a_duration_after_only_is_how_long_something_took(language: str, text: str, figures: list[str]) -> None:
    assert extract_document(text, language, 2025)["figure_text"].to_list() == figures


@pytest.mark.parametrize(("language", "text", "figures"), [
    # a run of number words closing its clause counts what the count before it counts
    ("en", "London is home to 14 unicorns, double the number of Sweden, which is home to seven.",
     [("14 unicorns", 14, "unicorn"), ("double", 2, None), ("seven", 7, "unicorn")]),
    ("de", "Geplant waren mindestens fünf KI-Fabriken. Jetzt steht fest: Es werden mindestens sieben.",
     [("fünf KI-Fabriken", 5, "ai_factory"), ("sieben", 7, "ai_factory")]),
    ("fr", "L'Europe compte 40 supercalculateurs. La France en possède trois.",
     [("40 supercalculateurs", 40, "supercomputer"), ("trois", 3, "supercomputer")]),
    # a part marker opening a sentence: a part of the last total of the sentence before
    ("de", "Die Zahl sank auf 861 Deals. Davon waren acht größer als 100 Millionen Euro.",
     [("861 Deals", 861, "deal"), ("acht", 8, "deal"), ("100 Millionen Euro", 1e8, None)]),
    # a determiner makes it a reference; no count before it: nothing to count; a rank stays no figure
    ("en", "The company built 3 data centres. It kept the two.", [("3 data centres", 3, "data_centre")]),
    ("en", "They said so, all seven.", []),
    ("de", "Es gibt 50 Rechenzentren. Jupiter liegt auf Platz vier.", [("50 Rechenzentren", 50, "data_centre")]),
    # a ranked list's items in parentheses: the noun named before them, else the earlier count of their size
    ("en", "The UK had the most AI roles in Europe (60,000), followed by Germany (50,000).",
     [("60,000", 60000, "job"), ("50,000", 50000, "job")]),
    ("en", "Belgium has 5,211 job vacancies and 178 start-ups. They are followed by Ireland (4,792) and Spain (2,426).",
     [("5,211 job vacancies", 5211, "job"), ("178 start-ups", 178, "startup"), ("4,792", 4792, "job"),
      ("2,426", 2426, "job")]),
    # a year or a note in parentheses after a name is no item of a list
    ("en", "Mistral (2023) raised funds.", []),
])
def test_a_count_whose_noun_is_left_out_counts_what_the_count_before_it_counts(
        language: str, text: str, figures: list[tuple[str, float, str | None]]) -> None:
    got = extract_document(text, language, 2025)
    assert got.select("figure_text", "value", "counted").rows() == figures


@pytest.mark.parametrize(("language", "text", "figure"), [
    # a percentage stated against last year's level is a change in that direction
    ("de", "Die Zahl der Runden lag um 6,7 Prozent unter dem Vorjahreswert.", "6,7 Prozent"),
    ("en", "Deal count was 6.7% below the previous year.", "6.7%"),
    ("fr", "Le nombre d'opérations est 6,7 % en dessous de l'année précédente.", "6,7 %"),
])
def test_a_percentage_below_last_year_is_a_decline(language: str, text: str, figure: str) -> None:
    rows = extract_document(text, language, 2025).filter(pl.col("figure_text") == figure)
    assert rows["metric"].to_list() == ["decline_rate"]


@pytest.mark.parametrize(("text", "language", "first", "restated"), [
    ("Der Gesamtwert der Investitionen sank um fast ein Drittel (32 %) auf 695 Mio. Euro.", "de", "ein Drittel", "32 %"),
    ("Venture funding fell by a third (33%) to $5 billion.", "en", "a third", "33%"),
])
def test_a_percentage_restated_in_parentheses_is_read_as_the_one_it_restates(text, language, first, restated) -> None:
    rows = {r["figure_text"]: (r["topic"], r["metric"]) for r in extract_document(text, language, 2024).iter_rows(named=True)}
    assert rows[restated] == rows[first]
    assert rows[first][1] == "decline_rate"


@pytest.mark.parametrize(("text", "language", "figure", "counted"), [
    ("The EU selected the first seven locations in December and announced six more on Wednesday.", "en", "six", "location"),
    ("Le réseau compte quatre sites et deux autres en Bavière.", "fr", "deux", "site"),
    ("Die Firma betreibt vier Rechenzentren und plant zwei weitere.", "de", "zwei", "data_centre"),
    # a word of more of the same before the number, whatever follows it
    ("Sechs Rechenzentren sind in Betrieb, für weitere fünf arbeiten wir am Rohbau.", "de", "fünf", "data_centre"),
    # ... or of the total after it
    ("Europe has 15 decacorns, and Germany has produced seven in total.", "en", "seven", "decacorn"),
    # a determiner does not make it a reference where a word of more of the same stands beside it
    ("Sur huit supercalculateurs, les cinq autres sont des systèmes pétaflopiques.", "fr", "cinq", "supercomputer"),
    ("Es gab 20 Großinvestitionen, immerhin sechs mehr als im Vorjahr.", "de", "sechs", "deal"),
    # a number word before a place, after a count, is a part of that count (its noun left out)
    ("Orange est présent dans vingt-six pays, huit en Europe.", "fr", "huit", "country"),
    ("The group runs 42 data centres, five in Germany.", "en", "five", "data_centre"),
    ("Das Unternehmen betreibt 26 Rechenzentren, acht in Deutschland.", "de", "acht", "data_centre"),
])
def test_a_count_whose_noun_is_left_out_counts_what_the_count_before_counts(text, language, figure, counted) -> None:
    """More of the same ("six more"), a total ("seven in total"), a part by place ("huit en Europe")."""
    rows = {r["figure_text"]: r["counted"] for r in extract_document(text, language, 2024).iter_rows(named=True)}
    assert rows[figure] == counted


def test_a_number_word_before_a_year_is_no_part_of_a_count() -> None:
    rows = [r["figure_text"] for r in extract_document("The group runs 42 data centres and opened two in 2024.", "en", 2024).iter_rows(named=True)]
    assert rows == ["42 data centres"]


def test_more_of_the_same_before_a_noun_is_no_left_out_count() -> None:
    rows = [r["figure_text"] for r in extract_document("It has four sites and plans two more data centres.", "en", 2024).iter_rows(named=True)]
    assert "two" not in rows


def test_time_references_are_no_durations() -> None:
    text = ("Capex is at its highest in more than ten years and came to $329.5 billion over the preceding 12 months. "
            "The plant took ten years to build.")
    rows = [(r["figure_text"], r["quote"][:10]) for r in extract_document(text, "en", 2024).iter_rows(named=True)]
    assert rows == [("$329.5 billion", "Capex is a"), ("ten years", "The plant ")]


@pytest.mark.parametrize(("text", "language", "figure", "unit", "counted"), [
    # the second clause of a parallel leaves the noun out: the count's, not the paragraph's currency
    ("Die Telekom investiert 5 Milliarden Euro. Während sie rund 38 Millionen Kunden hatte, waren es bei "
     "Vodafone nur noch 32 Millionen.", "de", "32 Millionen", "count", "customer"),
    ("L'opérateur investit 5 milliards d'euros.\nIl compte 38 millions de clients, son rival 32 millions.", "fr",
     "32 millions", "count", "customer"),
    # a part of the count right after it ("N of the M things"), adverbs and qualifiers between
    ("Die Netzbetreiber investieren 2 Milliarden Euro. Sie stellen rund 2,8 Millionen der zurzeit etwa 5 Millionen "
     "Glasfaseranschlüsse.", "de", "2,8 Millionen", "count", "glasfaseranschlusse"),
    ("Le groupe investit 2 milliards d'euros et raccorde 3 millions des 12 millions de foyers.", "fr",
     "3 millions", "count", "household"),
    # a count without a scale word before an amount: the amount is money
    ("The start-up spent €2 million, has 500 employees and raised 30 million.", "en", "30 million", "EUR", None),
    ("The start-up spent €2 million, has 2 million users and raised 30 million.", "en", "30 million", "EUR", None),
    # a verb of money between (counted.money_verbs): an amount, whatever the currency of the text
    ("The firm invested €2 billion.\nThe app has 2 million users and raised 30 million in May.", "en", "30 million",
     "EUR", None),
    ("L'opérateur investit 2 milliards d'euros.\nL'appli compte 2 millions d'utilisateurs et a levé 30 millions.", "fr",
     "30 millions", "EUR", None),
    # a share or a change between is of the count; a parallel's parts follow one another
    ("Le groupe investit 7 milliards d'euros.\nIl totalisait 26,6 millions de foyers raccordables (soit +6,3 millions "
     "sur un an, +31%), dont 12,0 millions en Espagne, 9,1 millions en France.", "fr", "12,0 millions", "count", "household"),
    ("Le groupe investit 7 milliards d'euros.\nIl totalisait 26,6 millions de foyers raccordables (soit +6,3 millions "
     "sur un an, +31%), dont 12,0 millions en Espagne, 9,1 millions en France.", "fr", "9,1 millions", "count", "household"),
])
def test_an_unstated_scaled_number_after_a_scaled_count_counts_the_same(text, language, figure, unit, counted) -> None:
    rows = {r["figure_text"]: (r["unit"], r["counted"]) for r in extract_document(text, language, 2024).iter_rows(named=True)}
    assert rows[figure] == (unit, counted)


@pytest.mark.parametrize(("text", "language", "expected"), [
    # a text about Quebec: its plain dollars are Canadian; the ones it calls American stay USD
    ("Le Québec bat l'Ontario en ayant investi 100 millions $ de plus au dernier trimestre. Montréal attire "
     "Element AI, qui a levé 102 millions de dollars américains.", "fr",
     {"100 millions $": "CAD", "102 millions de dollars américains": "USD"}),
    ("Ontario's AI institute received $50 million from Toronto and Ottawa.", "en", {"$50 million": "CAD"}),
    ("The $279-million data centre is planned near Queanbeyan in NSW, south of Canberra.", "en", {"$279-million": "AUD"}),
    # Quebec's notation of a billion ("G$") says where the text is written, as a mention of Canada would
    ("Un investissement de 1,65 G$ a été réparti sur 182 transactions, dont 799 M$ dans 7 mégatransactions.", "fr",
     {"1,65 G$": "CAD", "799 M$": "CAD"}),
    ("Le fonds a investi 799 M$ dans 7 mégatransactions.", "fr", {"799 M$": "USD"}),
    # a text about the United States, or one that names Canada once among others, keeps US dollars
    ("Microsoft will spend $80 billion in the United States, and a little in Canada, in the US states.", "en",
     {"$80 billion": "USD"}),
])
def test_plain_dollars_of_a_text_about_canada_or_australia_are_theirs(text, language, expected) -> None:
    rows = {r["figure_text"]: r["unit"] for r in extract_document(text, language, 2024).iter_rows(named=True)}
    assert {k: rows[k] for k in expected} == expected


def test_an_amount_without_currency_takes_the_document_s_only_currency() -> None:
    text = ("Insgesamt wurden 2022 493,6 Milliarden Dollar in Start-ups gesteckt.\n"
            "In Europa betrug der Rückgang 21% (auf 99,8 Mrd.).")
    rows = {r["figure_text"]: r["unit"] for r in extract_document(text, "de", 2023).iter_rows(named=True)}
    assert rows["99,8 Mrd"] == "USD"


def test_an_amount_without_currency_in_a_document_of_two_currencies_stays_unstated() -> None:
    text = "Die EU gibt 2 Milliarden Euro aus, die USA 3 Milliarden Dollar.\nIn Europa sind es 99,8 Mrd."
    rows = {r["figure_text"]: r["unit"] for r in extract_document(text, "de", 2023).iter_rows(named=True)}
    assert rows["99,8 Mrd"] == "XXX"


@pytest.mark.parametrize(("text", "language", "figure", "unit"), [
    # a thousand times or more, with nothing compared: events counted
    ("The start-up's models have been downloaded more than 400 million times.", "en", "400 million times", "count"),
    ("L'article a été cité 1 200 fois.", "fr", "1 200 fois", "count"),
    # a factor compares: with a comparative, or with what it is compared with
    ("The new system is 1,000 times faster.", "en", "1,000 times", "factor"),
    ("It offers 1,000 times the performance of its predecessor.", "en", "1,000 times", "factor"),
    ("Der Rechner ist 10.000-mal so schnell.", "de", "10.000-mal", "factor"),
])
def test_a_thousand_times_with_nothing_compared_counts_occurrences(text, language, figure, unit) -> None:
    rows = {r["figure_text"]: (r["unit"], r["topic"]) for r in extract_document(text, language, 2024).iter_rows(named=True)}
    assert rows[figure][0] == unit
    if unit == "count":
        assert rows[figure][1] == "other"


@pytest.mark.parametrize(("text", "language", "share"), [
    ("The first AI factories represent an investment of €1.5 billion. Half of this amount comes from the EU's "
     "budget for digital infrastructure.", "en", "Half"),
    ("Les premières usines d'IA représentent un investissement de 1,5 milliard d'euros. La moitié de ce montant "
     "est financée par le budget numérique de l'UE.", "fr", "La moitié"),
    ("Die ersten KI-Fabriken werden eine Investition von 1,5 Milliarden Euro darstellen. Die Hälfte dieses Betrags "
     "wird vom Programm Digitales Europa finanziert.", "de", "Die Hälfte"),
])
def test_a_share_of_the_amount_just_stated_takes_its_topic(text, language, share) -> None:
    # TOPICS rule 1: a share of a programme's budget is the programme's, whatever its own sentence's
    # money words say (topics.share_of_that_amount)
    rows = {r["figure_text"]: r["topic"] for r in extract_document(text, language, 2024).iter_rows(named=True)}
    assert rows[share] == "ai_factories"
    assert sum(t == "ai_factories" for t in rows.values()) == 2


@pytest.mark.parametrize(("text", "language", "change", "topic"), [
    ("Le nombre de start-up financées a augmenté de 27,7 % et le prix de l'électricité de 12 %.", "fr", "27,7 %",
     "startups"),
    ("The number of data centres rose by 12% last year while energy prices rose by 20%.", "en", "12%", "compute"),
])
def test_the_change_of_a_count_named_by_its_phrase_is_of_what_it_counts(text, language, change, topic) -> None:
    rows = {r["figure_text"]: r["topic"] for r in extract_document(text, language, 2024).iter_rows(named=True)}
    assert rows[change] == topic


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        # a currency stated in an earlier sentence is not carried to a number of things
        ("Der Umsatz stieg auf 3 Milliarden Euro. Auch soll die Zahl der Komplettumsteiger um 46 Prozent auf "
         "1,9 Millionen steigen.", "de", "1,9 Millionen"),
        # nor a currency stated earlier in its own sentence
        ("Revenue rose to €3 billion and the number of fibre subscribers grew by 46% to 1.9 million.", "en", "1.9 million"),
        ("Le chiffre d'affaires a atteint 3 milliards d'euros et le nombre d'abonnés a crû de 46 % pour atteindre "
         "1,9 million.", "fr", "1,9 million"),
    ],
)
def test_a_number_after_the_number_of_counts_things_and_takes_no_currency(text: str, language: str, figure: str) -> None:
    rows = {r["figure_text"]: r for r in extract_document(text, language, 2025).iter_rows(named=True)}
    assert (rows[figure]["value"], rows[figure]["unit"]) == (1_900_000, "count")


@pytest.mark.parametrize(
    ("text", "language", "figure", "counted"),
    [
        ("Plus de 1027 personnes travaillaient dans les centres de données en 2016. Ce chiffre pourrait passer à "
         "14 000 en 2025.", "fr", "14 000", "person"),
        ("The sector employed 1,027 people in 2016. This figure could rise to 14,000 by 2025.", "en", "14,000", "person"),
        ("Im Jahr 2016 arbeiteten 1.027 Menschen in Rechenzentren. Diese Zahl könnte bis 2025 auf 14.000 steigen.",
         "de", "14.000", "person"),
    ],
)
def test_a_number_after_this_figure_counts_what_the_count_before_counted(text, language, figure, counted) -> None:
    rows = {r["figure_text"]: r for r in extract_document(text, language, 2025).iter_rows(named=True)}
    assert (rows[figure]["counted"], rows[figure]["topic"]) == (counted, "other")


@pytest.mark.parametrize(("language", "text", "units"), [
    # the second number stands more than a clause's length (number_of_before's reach) after the phrase
    ("de", "Die Zahl der Glasfaseranschlüsse bis in die Gebäude und Wohnungen ist im vergangenen Jahr "
           "um 1,1 Millionen auf 6,1 Millionen gestiegen.", ["count", "count"]),
    ("en", "The number of homes and businesses connected to the operators' full-fibre networks in rural areas "
           "was 1.2 million in 2019 and 7.4 million in 2023.", ["count", "count"]),
    # a verb of money between: the second is an amount
    ("de", "Die Zahl der Glasfaseranschlüsse bis in die Gebäude und Wohnungen ist im vergangenen Jahr "
           "um 1,1 Millionen gestiegen, die Telekom investierte dafür 6,1 Millionen.", ["count", "XXX"]),
])
def test_the_number_of_phrase_counts_the_scaled_number_after_its_count(language: str, text: str, units: list[str]) -> None:
    """'the number of' made the first scaled number a count; a scaled number with no currency right
    after it in its clause is the same phrase's count, not an amount."""
    rows = extract_document(text, language, 2024)
    assert rows["unit"].to_list() == units
    assert rows["value"].to_list()[1] in (6_100_000, 7_400_000)
