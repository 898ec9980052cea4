"""Tests of pipelines.extraction.periods: real sentences of the five documents, then one rule
at a time in French and English."""

from __future__ import annotations

import pytest

from pipelines.extraction.model import Period
from pipelines.extraction.periods import find_periods, read_period


def _period(sentence: str, figure: str, published: int = 2025, occurrence: int = 0) -> Period:
    start = -1
    for _ in range(occurrence + 1):
        start = sentence.index(figure, start + 1)
    p = read_period(sentence, start, start + len(figure), published)
    if p.text is not None:
        assert p.text in sentence  # exact words of the sentence
    return p


REAL = [
    # (sentence, figure, published, expected)
    ("Selon le State of European Tech 2025 d’Atomico, cette infrastructure est désormais dominée par "
     "les États-Unis, qui ont investi environ 119 milliards de dollars dans l’IA en 2025, soit plus de "
     "dix fois plus que l’Europe et plus du double de celui de la Chine.",
     "119 milliards de dollars", 2025, Period(2025, 2025, "en 2025")),
    ("En 2025, le coût moyen de formation d’un modèle de fondation de nouvelle génération dépasse déjà "
     "le milliard de dollars.", "le milliard de dollars", 2025, Period(2025, 2025, "En 2025")),
    ("En 10 ans, les États-Unis ont investi 335 milliards de dollars dans l’IA.",
     "335 milliards de dollars", 2025, Period(2015, 2024, "En 10 ans")),
    ("Côté brevets, c’est encore plus violent : en 2010, 40% des brevets IA étaient américains.",
     "40%", 2025, Period(2010, 2010, "en 2010")),
    ("Pendant ce temps, la Russie — dont Poutine déclarait en 2017 que celui qui maîtriserait l’IA "
     "serait « le maître du monde » — n’a développé que 3 modèles d’IA à grande échelle depuis 2017.",
     "3 modèles", 2025, Period(2017, 2025, "depuis 2017")),
    ("Peu après son élection à la présidence des États-Unis, Donald Trump a annoncé, le 21 janvier 2025, "
     "un investissement privé de 500 milliards de dollars pour le développement des infrastructures en "
     "intelligence artificielle.", "500 milliards de dollars", 2025,
     Period(None, None, None)),  # an event date, not the period
    ("En mars 2025, la Commission européenne a annoncé la création de six usines supplémentaires, pour "
     "un investissement de 485 millions d’euros, dont une implantée en France.",
     "485 millions d’euros", 2025, Period(2025, 2025, "En mars 2025")),
    ("Selon une étude menée par Next Level Jobs EU, près de 75 % des entreprises européennes ont "
     "rencontré des difficultés de recrutement dans le secteur de l’IA en 2023.",
     "75 %", 2025, Period(2023, 2023, "en 2023")),
    ("Il a précédemment été coordinateur national adjoint pour l’IA jusqu’à septembre 2025, au pilotage "
     "de la stratégie française qui a mobilisé plus de 1,2 milliard d’euros d’investissements publics "
     "entre 2022 et 2025.", "1,2 milliard d’euros", 2025, Period(2022, 2025, "entre 2022 et 2025")),
    ("Pour y répondre, Londres mise pleinement sur sa « relation spéciale » avec les États-Unis, en "
     "attirant des investissements américains massifs : 22 milliards de dollars annoncés par Microsoft "
     "en septembre dernier, 5 milliards par Google, ainsi que la livraison de 120 000 GPU par Nvidia.",
     "22 milliards de dollars", 2025, Period(2025, 2025, "en septembre dernier")),
    ("Le 24 novembre 2025, Donald Trump a ainsi signé un décret lançant GENESIS, un programme massif "
     "visant à faire de l’IA un moteur central de la recherche américaine, avec l’objectif d’en doubler "
     "le rythme des découvertes sur dix ans.", "doubler", 2025, Period(2025, 2034, "sur dix ans")),
    ("Depuis 2019, la capitalisation des grands groupes numériques (Microsoft, Apple, Amazon, Alphabet, "
     "Meta) a plus que triplé, atteignant 11,8 billions de dollars.", "11,8 billions de dollars", 2025,
     Period(2019, 2025, "Depuis 2019")),
    ("Les dépenses en infrastructures ont bondi de 66 % au dernier trimestre 2024 par rapport à l'année "
     "précédente<sup>62</sup>, créant un « dilemme du prisonnier »<sup>63</sup> où aucune entreprise "
     "n'ose réduire ses investissements.", "66 %", 2025,
     Period(2024, 2024, "au dernier trimestre 2024", 4)),
    ("L'ampleur de cette course aux infrastructures est illustrée par le projet Stargate AI aux "
     "États-Unis : OpenAI, SoftBank et Oracle prévoient ainsi d'investir jusqu'à 500 milliards de "
     "dollars sur quatre ans dans le développement d'infrastructures d'IA, avec une première phase de "
     "100 milliards de dollars pour un *data center* au Texas.", "500 milliards de dollars", 2025,
     Period(2025, 2028, "sur quatre ans")),
    ("Un premier investissement d’un montant total de 1,5 milliard d’euros pour la création de sept "
     "usines d’IA, dont le déploiement est prévu à partir de 2026, a été annoncé en décembre 2024.",
     "sept usines", 2025, Period(2026, None, "à partir de 2026")),
    ("N. Khan, « NVIDIA Crushes Rivals: Secures Unprecedented 90% of GPU Market in Q3 2024 », "
     "*Yahoo Finance*, 12 décembre 2024.", "90%", 2025, Period(2024, 2024, "in Q3 2024", 3)),
    ("En moins de deux ans, l'IA générative s'est intégrée dans le quotidien de dizaines de millions "
     "d'utilisateurs, tant dans leurs usages personnels que professionnels<sup>4</sup>.",
     "dizaines de millions", 2025, Period(2023, 2024, "En moins de deux ans")),
    ("Depuis 2015, la part de leur chiffre d'affaires provenant de marchés où ils se concurrencent "
     "directement a doublé, passant de 20 % à 40 %.", "40 %", 2025, Period(2015, 2025, "Depuis 2015")),
    ("Ils auraient accès à environ 50 000 GPU Hopper, dont 10 000 H800 et 10 000 H100.",
     "50 000 GPU", 2025, Period(None, None, None)),
]


@pytest.mark.parametrize("sentence,figure,published,expected", REAL, ids=range(len(REAL)))
def test_real_sentences(sentence, figure, published, expected) -> None:
    assert _period(sentence, figure, published) == expected


@pytest.mark.parametrize(
    "sentence,figure,expected",
    [
        # French
        ("Le plan prévoit 5 milliards de 2022 à 2025.", "5 milliards", Period(2022, 2025, "de 2022 à 2025")),
        ("Budget 2025-2026 : 3 milliards.", "3 milliards", Period(2025, 2026, "2025-2026")),
        ("Budget 2025/26 : 3 milliards.", "3 milliards", Period(2025, 2026, "2025/26")),
        ("Il faudra 10 GW d'ici 2030.", "10 GW", Period(2025, 2030, "d'ici 2030")),
        ("À l'horizon 2030, 10 GW seront installés.", "10 GW", Period(2025, 2030, "À l'horizon 2030")),
        ("Le chiffre d'affaires a crû de 5 % au premier trimestre 2025.", "5 %", Period(2025, 2025, "au premier trimestre 2025", 1)),
        ("Les ventes T3 2024 : 4 milliards.", "4 milliards", Period(2024, 2024, "T3 2024", 3)),
        ("L'an dernier, 3 usines ont ouvert.", "3 usines", Period(2024, 2024, "L'an dernier")),
        ("Cette année, 3 usines ouvriront.", "3 usines", Period(2025, 2025, "Cette année")),
        ("Il investira 4 milliards sur cinq ans.", "4 milliards", Period(2025, 2029, "sur cinq ans")),
        ("La croissance est nulle depuis les années 1990 ; 2 % par an.", "2 %", Period(1990, 2025, "depuis les années 1990")),
        ("IBM, l'entreprise la plus rentable d'Amérique en 1983 ; 3 fois plus.", "3 fois", Period(1983, 1983, "en 1983")),
        ("Il sera trop tard dans 5 ans : 3 fois trop tard.", "3 fois", Period(2030, 2030, "dans 5 ans")),
        # English
        ("Big Tech will spend $300bn in FY2025.", "$300bn", Period(2025, 2025, "in FY2025")),
        ("Revenue was $4bn in 2024.", "$4bn", Period(2024, 2024, "in 2024")),
        ("It will reach 10 GW by 2030.", "10 GW", Period(2025, 2030, "by 2030")),
        ("Spending has tripled since 2019 to $200bn.", "$200bn", Period(2019, 2025, "since 2019")),
        ("They invested $5bn between 2022 and 2025.", "$5bn", Period(2022, 2025, "between 2022 and 2025")),
        ("They will invest $5bn over five years.", "$5bn", Period(2025, 2029, "over five years")),
        ("Sales rose 20% in the fourth quarter of 2024.", "20%", Period(2024, 2024, "in the fourth quarter of 2024", 4)),
        ("Sales rose 20% in Q3 2024.", "20%", Period(2024, 2024, "in Q3 2024", 3)),
        ("Last year, sales rose 20%.", "20%", Period(2024, 2024, "Last year")),
        ("This year sales will rise 20%.", "20%", Period(2025, 2025, "This year")),
        ("Over the past 5 years, $10bn was raised.", "$10bn", Period(2020, 2024, "Over the past 5 years")),
        # a full date is an event date (the announcement), not the period of the amount
        ("On January 21, 2025, a $500bn plan was announced.", "$500bn", Period(None, None, None)),
        ("Au 31 décembre 2024, 1 200 GPU étaient installés.", "1 200 GPU", Period(2024, 2024, "Au 31 décembre 2024")),
        ("No time here: 40% of firms.", "40%", Period(None, None, None)),
    ],
)
def test_one_rule_at_a_time(sentence, figure, expected) -> None:
    assert _period(sentence, figure, 2025) == expected


def test_a_year_that_is_the_figure_is_not_its_period() -> None:
    s = "Le nombre 2024 apparaît en 2023."
    i = s.index("2024")
    assert read_period(s, i, i + 4, 2025) == Period(2023, 2023, "en 2023")
    s2 = "Il y a 2024 entreprises."
    i2 = s2.index("2024")
    assert read_period(s2, i2, i2 + 4, 2025) == Period(None, None, None)


def test_a_number_inside_another_figure_is_no_year_of_the_sentence() -> None:
    from pipelines.extraction.document import extract_document
    s = "Specs: 209 compute nodes, 2508 Xeon cores, 418 NVIDIA 2050 Accelerators, 187264 GPU cores."
    i = s.index("209")
    # read alone, "2050" dates the sentence ...
    assert read_period(s, i, i + 17, 2013).start == 2050
    # ... but it is the model's number inside "418 NVIDIA 2050 Accelerators": no year of its figures
    j = s.index("418")
    assert read_period(s, i, i + 17, 2013, others=[(j, j + 28)]) == Period(None, None, None)
    frame = extract_document(s, "en", 2013)
    assert frame.get_column("figure_text").to_list() == [
        "209 compute nodes", "2508 Xeon cores", "418 NVIDIA 2050 Accelerators", "187264 GPU cores"]
    assert frame.get_column("period_start").to_list() == [None, None, None, None]


def test_same_clause_is_preferred_over_nearer_other_clause() -> None:
    s = "En 2020, le marché valait 3 milliards ; en 2024 il a doublé."
    assert _period(s, "3 milliards") == Period(2020, 2020, "En 2020")


def test_numbers_that_are_not_years() -> None:
    s = "Nvidia vaut plus de 4 000 milliards de dollars et 2 000 GPU, soit 2025 % de hausse."
    assert find_periods(s, 2025) == []


def test_longest_expression_wins_and_find_periods() -> None:
    got = find_periods("entre 2022 et 2025, puis le 1<sup>er</sup> novembre 2024 et novembre/décembre 2023", 2025)
    assert [p.text for _, _, p in got] == [
        "entre 2022 et 2025",
        "le 1<sup>er</sup> novembre 2024",
        "novembre/décembre 2023",
    ]


# --- event dates, citations, changes ---------------------------------------------------------
from pipelines.extraction.periods import change_role  # noqa: E402


@pytest.mark.parametrize(
    ("sentence", "figure", "location", "expected"),
    [
        # real: a full date is an event date; the next expression is used
        ("Le 24 novembre 2025, Donald Trump a ainsi signé un décret lançant GENESIS, un programme massif visant à faire de l’IA un moteur central de la recherche américaine, avec l’objectif d’en doubler le rythme des découvertes sur dix ans.",
         "doubler", "body", Period(2025, 2034, "sur dix ans")),
        # real citations: the title's time wins; a title stating none is dated by the reference
        ("« Meta to Invest \\$10 Billion for Louisiana Data Center », Reuters, 4 décembre 2024.", "\\$10 Billion", "citation",
         Period(2024, 2024, "4 décembre 2024")),
        ("R. Waters et T. Bradshaw, « Wall Street Frets Over Big Tech's \\$200bn AI Spending Splurge », *Financial Times*, 1<sup>er</sup> novembre 2024.",
         "\\$200bn", "citation", Period(2024, 2024, "1<sup>er</sup> novembre 2024")),
        ("N. Lefebvre, « L'App Store d'Apple domine le marché avec 91,6 milliards en 2024 (la moitié en abonnement) », *iPhonesoft*, 18 décembre 2024.",
         "91,6 milliards", "citation", Period(2024, 2024, "en 2024")),
        # small
        ("« Un plan de 5 milliards », Le Monde, mars 2024.", "5 milliards", "citation", Period(2024, 2024, "mars 2024")),
        ("« Un plan de 5 milliards », Le Monde.", "5 milliards", "citation", Period(None, None, None)),
        ("« Un plan de 5 milliards pour 2026 », Le Monde, mars 2024.", "5 milliards", "citation", Period(2026, 2026, "pour 2026")),
        ("Le 3 mars 2024, 5 milliards ont été annoncés.", "5 milliards", "body", Period(None, None, None)),
        ("En mars 2024, 5 milliards ont été annoncés.", "5 milliards", "body", Period(2024, 2024, "En mars 2024")),
    ],
)
def test_event_dates_and_citation_dates(sentence, figure, location, expected) -> None:
    start = sentence.index(figure)
    assert read_period(sentence, start, start + len(figure), 2025, location) == expected


@pytest.mark.parametrize(
    ("sentence", "figure", "role"),
    [
        ("Depuis 2015, la part de leur chiffre d'affaires provenant de marchés où ils se concurrencent directement a doublé, passant de 20 % à 40 %.", "20 %", "from"),
        ("Depuis 2015, la part de leur chiffre d'affaires provenant de marchés où ils se concurrencent directement a doublé, passant de 20 % à 40 %.", "40 %", "to"),
        ("En 2023, ils ne représentent plus que 14%… parce que la Chine est passée de 10% à 70%.", "10%", "from"),
        ("En 2023, ils ne représentent plus que 14%… parce que la Chine est passée de 10% à 70%.", "14%", None),
        ("Sales grew from 5 % to 9 %.", "5 %", "from"),
        ("Sales grew from 5 % to 9 %.", "9 %", "to"),
    ],
)
def test_change_role(sentence, figure, role) -> None:
    start = sentence.index(figure)
    assert change_role(sentence, start, start + len(figure)) == role
