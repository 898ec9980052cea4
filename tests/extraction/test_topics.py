"""Tests of pipelines.extraction.topics (classify) — real sentences of the five documents,
then one rule at a time."""

from __future__ import annotations

import pytest

from pipelines.extraction.model import TOPICS, Figure
from pipelines.extraction.topics import RULES, classify, unit_kind


SENTENCES = {
    'S1': "La Commission devrait apporter 50 milliards d'euros de financements publics, dont 20 milliards devraient servir à construire de grands *data centers* spécialisés dans l'IA, tandis que le secteur privé devrait contribuer à hauteur de 150 milliards<sup>30</sup>.",
    'S2': 'Ce montant comprendra 150 milliards d’euros d’investissements privés, auxquels s’ajouteront, entre autres, 20 milliards d’euros de financements publics destinés à la création d’usines IA.',
    'S3': 'Un premier investissement d’un montant total de 1,5 milliard d’euros pour la création de sept usines d’IA, dont le déploiement est prévu à partir de 2026, a été annoncé en décembre 2024.',
    'S4': 'En mars 2025, la Commission européenne a annoncé la création de six usines supplémentaires, pour un investissement de 485 millions d’euros, dont une implantée en France.',
    'S5': 'Ce premier effort a été renforcé par une promesse d’investissement supplémentaire de près de 20 milliards d’euros pour la création de quatre « giga-usines » d’IA, chacune équipée de 100 000 microprocesseurs — soit quatre fois plus que les usines susmentionnées.',
    'S6': 'Ils auraient accès à environ 50 000 GPU Hopper, dont 10 000 H800 et 10 000 H100.',
    'S7': 'Selon SemiAnalysis, une firme d’analyse spécialisée, les dépenses totales de DeepSeek atteindraient 1,6 milliard de dollars.',
    'S8': 'Leurs ingénieurs seraient payés plus de 1,3 million de dollars par an.',
    'S9': "En effet, les États-Unis comptent 9 fois plus de licornes technologiques que la Chine et 5,5 fois plus que l'Europe<sup>45</sup>.",
    'S10': "Malgré les moyens considérables d'acteurs américains comme Harvey (200 millions de dollars de levée à ce jour), la division fondamentale entre *common law* et *civil law* crée deux marchés distincts.",
    'S11': "PhotoRoom s'est imposé comme un leader mondial de l'édition photo, atteignant une valorisation de 500 millions d'euros grâce à ses algorithmes d'IA spécialisés.",
    'S12': "Nvidia a été jusqu'à présent la principale bénéficiaire de la vague de l'IA générative : elle est passée de moins de 100 milliards de dollars de valorisation boursière à plus de 3 billions de dollars en quelques années seulement<sup>17</sup>.",
    'S13': 'Côté brevets, c’est encore plus violent : en 2010, 40% des brevets IA étaient américains.',
    'S14': 'Taïwan, avec TSMC qui détient 70% du marché mondial des puces haute performance, est au centre de toutes les tensions géopolitiques.',
    'S15': "En ce qui concerne les applications mobiles, les plateformes de distribution d'applications Google Play et App Store contrôlent 95 % du marché en Europe et dans le monde (hors Chine)<sup>32</sup>.",
    'S16': "Dans un marché mondial de la publicité aujourd'hui largement numérisé, estimé à 933 milliards de dollars en 2024, Google, Meta et Amazon captent 61 % des recettes (hors Chine)<sup>36</sup>.",
    'S17': 'L’annonce de la sortie du modèle R1 de DeepSeek, en janvier, a provoqué une chute de 3 % de l’indice NASDAQ, entraînée par une baisse spectaculaire de 17 % du cours de NVIDIA, soit une perte de plus de 593 milliards de dollars en une seule journée, un record historique.',
    'S18': 'Pour y répondre, Londres mise pleinement sur sa « relation spéciale » avec les États-Unis, en attirant des investissements américains massifs : 22 milliards de dollars annoncés par Microsoft en septembre dernier, 5 milliards par Google, ainsi que la livraison de 120 000 GPU par Nvidia.',
    'S19': 'Il a précédemment été coordinateur national adjoint pour l’IA jusqu’à septembre 2025, au pilotage de la stratégie française qui a mobilisé plus de 1,2 milliard d’euros d’investissements publics entre 2022 et 2025.',
    'S20': 'Des initiatives vont dans ce sens. Le plan « Gigafactories » de la Commission européenne, doté de 20 milliards d’euros, constitue une avancée',
    'S21': 'En 2025, le coût moyen de formation d’un modèle de fondation de nouvelle génération dépasse déjà le milliard de dollars.',
    'S22': 'Selon le State of European Tech 2025 d’Atomico, cette infrastructure est désormais dominée par les États-Unis, qui ont investi environ 119 milliards de dollars dans l’IA en 2025, soit plus de dix fois plus que l’Europe et plus du double de celui de la Chine.',
    'S23': 'De plus, en moyenne, les startups européennes emploient six fois moins de salariés que leurs homologues américaines<sup>46</sup>.',
    'S24': 'L’AI Act crée des normes que les acteurs mondiaux doivent respecter pour accéder à notre marché de 450 millions de consommateurs.',
    'S25': 'Les cinq *Big Tech* et Nvidia ont ainsi doublé leurs dépenses en capital, atteignant 169 milliards de dollars',
    'S26': 'D’après l’Agence internationale de l’énergie, une interaction avec une IA générative comme ChatGPT consomme environ dix fois plus d’électricité qu’une recherche Google classique.',
    'S27': 'DeepSeek, la startup chinoise, aurait développé un modèle comparable à ChatGPT pour seulement 5-6 millions de dollars.',
    'S28': "Cette technologie représente un potentiel de création de valeur annuel considérable, qui équivaldrait à plus d'une fois et demi le produit intérieur brut (PIB) de la France<sup>2</sup>.",
}

REAL = [
    ('S1', "50 milliards d'euros", 'EUR', None, None, ('capex', 'public_funding')),
    ('S1', '20 milliards', 'EUR', None, None, ('ai_factories', 'programme_funding')),
    ('S1', '150 milliards', 'EUR', None, None, ('capex', 'private_investment')),
    ('S2', '150 milliards d’euros', 'EUR', None, None, ('capex', 'private_investment')),
    ('S2', '20 milliards d’euros', 'EUR', None, None, ('ai_factories', 'programme_funding')),
    ('S3', '1,5 milliard d’euros', 'EUR', None, None, ('ai_factories', 'programme_funding')),
    ('S3', 'sept usines', 'count', 'ai_factory', None, ('ai_factories', 'ai_factory_count')),
    ('S4', 'six usines', 'count', 'ai_factory', None, ('ai_factories', 'ai_factory_count')),
    ('S4', '485 millions d’euros', 'EUR', None, None, ('ai_factories', 'programme_funding')),
    ('S5', '20 milliards d’euros', 'EUR', None, None, ('ai_factories', 'programme_funding')),
    ('S5', 'quatre « giga-usines »', 'count', 'ai_gigafactory', None, ('ai_factories', 'ai_gigafactory_count')),
    ('S5', '100 000 microprocesseurs', 'count', 'microprocessor', None, ('ai_factories', 'chip_count')),
    ('S5', 'quatre fois', 'factor', None, None, ('ai_factories', 'ratio')),
    ('S6', '50 000 GPU', 'count', 'gpu', 'Hopper', ('compute', 'gpu_count')),
    ('S6', '10 000 H800', 'count', 'gpu', 'H800', ('compute', 'gpu_count')),
    ('S7', '1,6 milliard de dollars', 'USD', None, None, ('capex', 'capex')),
    ('S8', '1,3 million de dollars', 'USD', None, None, ('other', 'salary')),
    ('S9', '9 fois', 'factor', None, None, ('startups', 'unicorn_ratio')),
    ('S9', '5,5 fois', 'factor', None, None, ('startups', 'unicorn_ratio')),
    ('S10', '200 millions de dollars', 'USD', None, None, ('startups', 'funding_raised')),
    ('S11', "500 millions d'euros", 'EUR', None, None, ('startups', 'valuation')),
    ('S12', '100 milliards de dollars', 'USD', None, None, ('other', 'market_cap')),
    ('S12', '3 billions de dollars', 'USD', None, None, ('other', 'market_cap')),
    ('S13', '40%', 'percent', None, None, ('other', 'patent_share')),
    ('S14', '70%', 'percent', None, None, ('compute', 'market_share')),
    ('S15', '95 %', 'percent', None, None, ('other', 'market_share')),
    ('S16', '933 milliards de dollars', 'USD', None, None, ('other', 'advertising_market')),
    ('S16', '61 %', 'percent', None, None, ('other', 'market_share')),
    ('S17', '3 %', 'percent', None, None, ('other', 'market_cap_decline')),  # « une chute de 3 % »
    ('S17', '17 %', 'percent', None, None, ('other', 'market_cap_decline')),  # « une baisse ... de 17 % du cours »
    ('S17', '593 milliards de dollars', 'USD', None, None, ('other', 'market_cap_loss')),
    ('S18', '22 milliards de dollars', 'USD', None, None, ('capex', 'investment')),
    ('S18', '5 milliards', 'USD', None, None, ('capex', 'investment')),
    ('S18', '120 000 GPU', 'count', 'gpu', None, ('compute', 'gpu_count')),
    ('S19', '1,2 milliard d’euros', 'EUR', None, None, ('capex', 'public_funding')),
    ('S20', '20 milliards d’euros', 'EUR', None, None, ('ai_factories', 'programme_funding')),
    ('S21', 'le milliard de dollars', 'USD', None, None, ('capex', 'training_cost')),
    ('S22', '119 milliards de dollars', 'USD', None, None, ('capex', 'investment')),
    ('S22', 'dix fois', 'factor', None, None, ('capex', 'investment_ratio')),
    ('S23', 'six fois', 'factor', None, None, ('startups', 'headcount_ratio')),
    ('S24', '450 millions de consommateurs', 'count', 'consumer', None, ('other', 'consumer_count')),
    ('S25', '169 milliards de dollars', 'USD', None, None, ('capex', 'capex')),
    ('S26', 'dix fois', 'factor', None, None, ('compute', 'energy_ratio')),
    ('S27', '5-6 millions de dollars', 'USD', None, None, ('capex', 'training_cost')),
    ('S28', 'une fois et demi', 'factor', None, None, ('other', 'gdp_ratio')),
]


def _figure(sentence: str, text: str, unit: str, counted=None, hardware=None) -> Figure:
    i = sentence.index(text)
    return Figure(i, i + len(text), 1.0, 1.0, 1.0, "exact", unit, counted, hardware)


@pytest.mark.parametrize("key,text,unit,counted,hardware,expected", REAL, ids=range(len(REAL)))
def test_real_sentences(key, text, unit, counted, hardware, expected) -> None:
    s = SENTENCES[key]
    assert classify(s, _figure(s, text, unit, counted, hardware)) == expected


@pytest.mark.parametrize(
    "sentence,text,unit,counted,expected",
    [
        ("Mistral AI a levé 600 millions d'euros.", "600 millions d'euros", "EUR", None, ("startups", "funding_round")),
        ("The startup raised $100m in a Series B.", "$100m", "USD", None, ("startups", "funding_round")),
        ("The startup is valued at $6bn.", "$6bn", "USD", None, ("startups", "valuation")),
        ("L'Europe compte 35 licornes.", "35 licornes", "count", "unicorn", ("startups", "unicorn_count")),
        ("La société emploie 700 salariés.", "700 salariés", "count", None, ("startups", "headcount")),
        ("Le site consommera 1 GW.", "1 GW", "GW", None, ("compute", "power_capacity")),
        ("Le pays compte 3 supercalculateurs.", "3 supercalculateurs", "count", None, ("compute", "supercomputer_count")),
        ("The EU will fund 13 AI factories.", "13 AI factories", "count", "ai_factory", ("ai_factories", "ai_factory_count")),
        ("The EU will fund AI gigafactories with EUR 20bn.", "EUR 20bn", "EUR", None, ("ai_factories", "programme_funding")),
        ("Public funding reached EUR 2bn.", "EUR 2bn", "EUR", None, ("capex", "public_funding")),
        ("Capital expenditure hit $200bn.", "$200bn", "USD", None, ("capex", "capex")),
        ("Microsoft's market cap is $3tn.", "$3tn", "USD", None, ("other", "market_cap")),
        ("Google holds 90% of the search market.", "90%", "percent", None, ("other", "market_share")),
        ("Nvidia holds 90% of the GPU market.", "90%", "percent", None, ("compute", "market_share")),
        ("China files 70% of AI patents.", "70%", "percent", None, ("other", "patent_share")),
        ("Ils ont 10 000 H100.", "10 000 H100", "count", None, ("compute", "gpu_count")),
        # a factor compares, it is no capacity: energy, cost and compute ratios are "other"
        ("A query uses ten times more electricity.", "ten times", "factor", None, ("compute", "energy_ratio")),
        ("Building a data centre costs two times more.", "two times", "factor", None, ("capex", "cost_ratio")),
        ("Elles auront quatre fois plus de puissance de calcul.", "quatre fois", "factor", None, ("compute", "compute_ratio")),
        ("Un chiffre seul : 42.", "42", "count", None, ("other", "count")),
        # a hardware market share needs a chip word and a market word
        ("The EU aims at a 20 per cent share of the world microchip market.", "20 per cent", "percent", None,
         ("compute", "market_share")),
        ("The Commission pays only 5 per cent of the funding from the Chips Act.", "5 per cent", "percent", None,
         ("other", "share")),
        # a startup's funding words beat the generic "invest"
        ("Investors backed 36 rounds of $100 million or more.", "$100 million", "USD", None,
         ("startups", "funding_round")),
        ("Europe invests twelve times less in late-stage rounds.", "twelve times", "factor", None,
         ("startups", "funding_ratio")),
        ("Venture capital funding reached $5bn.", "$5bn", "USD", None, ("startups", "vc_investment")),
        ("Meta expects total expenses of $116B.", "$116B", "USD", None, ("capex", "capex")),
        # what an industry weighs is its size, not money spent on its data centres
        ("L'industrie des centres de données pèse 1,2 milliard d'euros.", "1,2 milliard d'euros", "EUR", None,
         ("other", "market_size")),
        # raising a year's figure adjusts a forecast, it raises no funds
        ("Google Cloud grew 34% to $15.2B, raising 2025 capex.", "$15.2B", "USD", None, ("capex", "capex")),
        ("The start-up is raising $600 million.", "$600 million", "USD", None, ("startups", "funding_round")),
        ("En 2018, les aides étaient estimées à 170 millions d'euros.", "170 millions d'euros", "EUR", None,
         ("capex", "public_funding")),
        # EuroHPC in a sentence does not make every count the AI-factories programme's
        ("On comptait 22 projets, selon le chair de l'EuroHPC.", "22 projets", "count", "project", ("other", "count")),
        ("The factories are a €1.5 billion ($1.6bn) effort of EuroHPC.", "$1.6bn", "USD", None,
         ("ai_factories", "programme_funding")),
        ("Un montant : 3 euros.", "3 euros", "EUR", None, ("other", "amount")),
    ],
)
def test_one_rule_at_a_time(sentence, text, unit, counted, expected) -> None:
    hardware = "H100" if "H100" in text else None
    assert classify(sentence, _figure(sentence, text, unit, counted, hardware)) == expected


def test_rules_are_well_formed() -> None:
    for topic, metric, kinds, strength, _ in RULES:
        assert topic in TOPICS
        assert metric == metric.lower() and " " not in metric
        assert strength in ("specific", "generic")
        assert kinds <= {"money", "percent", "count", "factor", "years", "power", "compute", "other"}


def test_unit_kind() -> None:
    assert [unit_kind(u) for u in ("EUR", "USD", "percent", "count", "factor", "years", "MW", "exaflops", "x", None)] == [
        "money", "money", "percent", "count", "factor", "years", "power", "compute", "other", "other"
    ]


def test_growth_of_spending_is_capex() -> None:
    s = ("Les dépenses en infrastructures ont bondi de 66 % au dernier trimestre 2024 par rapport à "
         "l'année précédente<sup>62</sup>.")
    assert classify(s, _figure(s, "66 %", "percent")) == ("capex", "capex_growth")


def test_a_count_is_of_the_noun_that_follows() -> None:
    s = "Les quatre principales *Big Tech* ont beaucoup investi ces dernières années dans les *data centers*."
    assert classify(s, _figure(s, "quatre principales *Big Tech*", "count")) == ("other", "count")
    s2 = "Le pays a 3 grands supercalculateurs."
    assert classify(s2, _figure(s2, "3", "count")) == ("compute", "supercomputer_count")


def test_unknown_snake_case_unit_is_the_metric() -> None:
    s = "La France arrive en 8ème position."
    assert classify(s, _figure(s, "8ème", "rank")) == ("other", "rank")


@pytest.mark.parametrize(
    ("sentence", "text", "unit", "expected"),
    [
        # real
        ("Il aurait atteint des performances presque similaires à ChatGPT tout en s'appuyant sur des processeurs graphiques<sup>19</sup> d'ancienne génération, avec une phase finale d'entraînement dont le coût s'élève, selon les auteurs, à un peu moins de six millions de dollars<sup>20</sup>.",
         "six millions de dollars", "USD", ("capex", "training_cost")),
        ("B. Jin et M. Bobrowsky, « Elon Musk's xAI in Talks to Raise Funding Valuing It at \\$40 Billion », *The Wall Street Journal*, 29 octobre 2024.",
         "\\$40 Billion", "USD", ("startups", "valuation")),
        ("L'annonce de DeepSeek, quant à elle, a eu un impact spectaculaire sur les marchés financiers américains, effaçant temporairement près de 1 000 milliards de dollars de valorisation des géants technologiques<sup>66</sup>, dont 600 milliards pour Nvidia seul<sup>67</sup>.",
         "600 milliards", "USD", ("other", "market_cap_loss")),
        ("Du bon storytelling chinois qui a fait perdre 600 milliards de capitalisation à NVIDIA en une seule journée quand même.",
         "600 milliards", "USD", ("other", "market_cap_loss")),
        ("Rien que les quatre principales *Big Tech* – Microsoft, Alphabet, Amazon et Meta – prévoient de dépenser jusqu'à 320 milliards de dollars combinés en technologies d'IA et en construction de centres de données en 2025<sup>81</sup>.",
         "320 milliards de dollars", "USD", ("capex", "capex")),
        # small
        ("Un entraînement dont le coût atteint 5 millions.", "5 millions", "USD", ("capex", "training_cost")),
        ("The training run whose cost was $5 million.", "$5 million", "USD", ("capex", "training_cost")),
        ("La startup a levé au total 30 millions d'euros.", "30 millions d'euros", "EUR", ("startups", "funding_raised")),
        ("La startup lève 30 millions d'euros.", "30 millions d'euros", "EUR", ("startups", "funding_round")),
        ("Une perte de 3 milliards.", "3 milliards", "EUR", ("other", "value_loss")),
        ("Le cours a chuté : une perte de 3 milliards.", "3 milliards", "EUR", ("other", "market_cap_loss")),
        ("Dont 2 milliards pour des data centers spécialisés dans l'IA.", "2 milliards", "EUR", ("ai_factories", "programme_funding")),
        ("Les ventes ont doublé.", "doublé", "factor", ("other", "growth_rate")),
    ],
)
def test_refined_metrics(sentence, text, unit, expected) -> None:
    assert classify(sentence, _figure(sentence, text, unit)) == expected
