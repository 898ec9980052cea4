"""Tests of pipelines.extraction.places (read_geo) — real sentences, then one rule at a time."""

from __future__ import annotations

import pytest

from pipelines.extraction.places import find_places, read_geo
from .test_topics import SENTENCES

REAL = [
    ('S1', "50 milliards d'euros", None),
    ('S1', '20 milliards', None),
    ('S1', '150 milliards', None),
    ('S2', '150 milliards d’euros', None),
    ('S2', '20 milliards d’euros', None),
    ('S3', '1,5 milliard d’euros', None),
    ('S3', 'sept usines', None),
    ('S4', 'six usines', 'EU'),
    ('S4', '485 millions d’euros', 'EU'),
    ('S5', '20 milliards d’euros', None),
    ('S5', 'quatre « giga-usines »', None),
    ('S5', '100 000 microprocesseurs', None),
    ('S5', 'quatre fois', None),
    ('S6', '50 000 GPU', None),
    ('S6', '10 000 H800', None),
    ('S7', '1,6 milliard de dollars', None),
    ('S8', '1,3 million de dollars', None),
    ('S9', '9 fois', 'US'),
    ('S9', '5,5 fois', 'US'),
    ('S10', '200 millions de dollars', 'US'),
    ('S11', "500 millions d'euros", None),
    ('S12', '100 milliards de dollars', None),
    ('S12', '3 billions de dollars', None),
    ('S13', '40%', 'US'),
    ('S14', '70%', 'WORLD'),
    ('S15', '95 %', 'EUROPE'),
    ('S16', '933 milliards de dollars', 'WORLD'),
    ('S16', '61 %', 'WORLD'),
    ('S17', '3 %', None),
    ('S17', '17 %', None),
    ('S17', '593 milliards de dollars', None),
    # London attracts American investment: the money is spent (and the GPUs sit) in the UK.
    ('S18', '22 milliards de dollars', 'GB'),
    ('S18', '5 milliards', 'GB'),
    ('S18', '120 000 GPU', 'GB'),
    ('S19', '1,2 milliard d’euros', 'FR'),
    ('S20', '20 milliards d’euros', 'EU'),
    ('S21', 'le milliard de dollars', None),
    ('S22', '119 milliards de dollars', 'US'),
    ('S22', 'dix fois', 'US'),
    ('S23', 'six fois', 'EUROPE'),
    ('S24', '450 millions de consommateurs', 'WORLD'),
    ('S25', '169 milliards de dollars', None),
    ('S26', 'dix fois', None),
    ('S27', '5-6 millions de dollars', 'CN'),
    ('S28', 'une fois et demi', 'FR'),
]


def _geo(sentence: str, figure: str) -> str | None:
    i = sentence.index(figure)
    return read_geo(sentence, i, i + len(figure))


@pytest.mark.parametrize("key,figure,expected", REAL, ids=range(len(REAL)))
def test_real_sentences(key, figure, expected) -> None:
    assert _geo(SENTENCES[key], figure) == expected


@pytest.mark.parametrize(
    "sentence,figure,expected",
    [
        ("La France investit 109 milliards d'euros.", "109 milliards", "FR"),
        ("Le plan français : 109 milliards.", "109 milliards", "FR"),
        ("L'Allemagne accueille 2 usines.", "2 usines", "DE"),
        ("Les entreprises américaines dépensent 300 milliards.", "300 milliards", "US"),
        # a named place beats a nationality adjective: the place is where the money goes
        ("Les entreprises américaines dépensent 300 milliards en Irlande.", "300 milliards", "IE"),
        ("American hyperscalers will invest $40bn in Germany.", "$40bn", "DE"),
        ("Microsoft will invest $22 billion in the United Kingdom, the American company said.", "$22 billion", "GB"),
        # the other party of a relation is not the place
        ("La France signe avec les Émirats un accord de 30 milliards d'euros.", "30 milliards", "FR"),
        ("Britain agreed a £31bn tech deal with the United States.", "£31bn", "GB"),
        ("Les USA dépensent 300 milliards.", "300 milliards", "US"),
        ("The U.S. spent $300bn.", "$300bn", "US"),
        ("La Chine a 127 modèles.", "127 modèles", "CN"),
        ("Le Royaume-Uni reçoit 22 milliards.", "22 milliards", "GB"),
        ("UK investment: £2bn.", "£2bn", "GB"),
        ("L'Union européenne mobilise 200 milliards.", "200 milliards", "EU"),
        ("L'UE mobilise 200 milliards.", "200 milliards", "EU"),
        ("The EU will spend EUR 20bn.", "EUR 20bn", "EU"),
        ("Bruxelles débloque 20 milliards.", "20 milliards", "EU"),
        ("La Commission européenne annonce 7 usines.", "7 usines", "EU"),
        ("Les startups européennes ont levé 10 milliards.", "10 milliards", "EUROPE"),
        ("Le marché mondial pèse 933 milliards.", "933 milliards", "WORLD"),
        ("The world market is $1tn.", "$1tn", "WORLD"),
        ("La Grèce accueille 1 usine.", "1 usine", "GR"),
        ("En Finlande, 1 supercalculateur.", "1 supercalculateur", "FI"),
        ("La Corée du Sud a 5 usines.", "5 usines", "KR"),
        ("Le Japon a 5 usines.", "5 usines", "JP"),
        ("L'Inde a 5 usines.", "5 usines", "IN"),
        ("La Russie a 3 modèles.", "3 modèles", "RU"),
        ("Taïwan détient 70% du marché.", "70%", "TW"),
        ("Ils captent 61 % des recettes (hors Chine).", "61 %", None),
        ("Les États-Unis ont dix fois plus que l'Europe.", "dix fois", "US"),
        ("Rien ici : 42.", "42", None),
    ],
)
def test_one_rule_at_a_time(sentence, figure, expected) -> None:
    assert _geo(sentence, figure) == expected


def test_longest_mention_wins() -> None:
    s = "La Commission européenne et la République populaire de Chine"
    assert [code for *_, code in find_places(s)] == ["EU", "CN"]


def test_same_clause_preferred() -> None:
    s = "La France dépense 3 milliards ; la Chine aussi."
    assert _geo(s, "3 milliards") == "FR"


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        # real: comparison terms after "fois"/"l'équivalent", ranks, later clauses, "tandis que"
        ("L'ampleur du potentiel est considérable : l'IA générative pourrait ajouter jusqu'à 4 000 milliards de dollars par an à l'économie mondiale – soit environ 1,5 fois le PIB de la France –, s'ajoutant aux 11 000 milliards de dollars déjà anticipés pour l'IA non générative et autres automatisations<sup>47</sup>.",
         "11 000 milliards de dollars", "WORLD"),
        ("Cette course technologique et financière s'est encore accélérée en 2024 : au dernier trimestre, Amazon, Microsoft et Alphabet ont investi 50,6 milliards de dollars, principalement dans leurs infrastructures d'IA<sup>26</sup> – l'équivalent du budget annuel de la défense française.",
         "50,6 milliards de dollars", None),
        ("En 2023, ils ne représentent plus que 14%… parce que la Chine est passée de 10% à 70%.", "14%", None),
        ("En 2023, ils ne représentent plus que 14%… parce que la Chine est passée de 10% à 70%.", "10%", "CN"),
        ("De nouveaux superordinateurs seront installés en Allemagne, en Suède, en Italie, au Luxembourg et en Finlande, tandis que deux autres usines d’IA résulteront de la modernisation d’infrastructures existantes en Grèce et en Espagne.",
         "deux autres usines d’IA", "GR"),
        # small
        ("Un budget de 3 milliards, soit deux fois le PIB de la Grèce.", "3 milliards", None),
        ("Ce leader mondial vaut 2 milliards.", "2 milliards", None),
        ("Le marché mondial vaut 2 milliards.", "2 milliards", "WORLD"),
        ("Le superordinateur le plus rapide du monde a 5 000 GPU.", "5 000 GPU", None),
        ("Berlin a 3 usines, alors que Paris en a 2.", "3 usines", "DE"),
        ("Il y a 3 usines ; la France en veut plus.", "3 usines", None),
    ],
)
def test_comparison_rank_and_clause_rules(sentence, figure, expected) -> None:
    assert _geo(sentence, figure) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # French nationality adjectives in every gender and number ("-ien", "-iens", "-ienne", "-iennes")
        ("Le gouvernement canadien investit.", "CA"),
        ("Les fonds canadiens investissent.", "CA"),
        ("Les entreprises canadiennes investissent.", "CA"),
        ("Le groupe italien investit.", "IT"),
        ("Les opérateurs indiens investissent.", "IN"),
        ("Le marché européen progresse.", "EUROPE"),
        ("Le groupe sud-coréen investit.", "KR"),
    ],
)
def test_french_nationality_adjectives_are_read_in_every_form(text: str, code: str) -> None:
    assert [c for _, _, c in find_places(text, "fr")] == [code]
