"""Real sentences of the five source documents, with every figure they state, read exactly.

Each sentence is copied exactly from a document under ``raw/documents`` (the test checks it is
there). Expected: (figure text, value, value_low, value_high, bound, unit, counted, hardware).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.extraction.figures import find_figures

DOCUMENTS = Path(__file__).resolve().parents[2] / "raw" / "documents"
TEXTS = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(DOCUMENTS.glob("*.txt"))}


def _read(sentence: str, language: str = "fr") -> list[tuple]:
    return [
        (
            sentence[f.start : f.end],
            f.value,
            f.value_low,
            f.value_high,
            f.bound,
            f.unit,
            f.counted,
            f.hardware,
        )
        for f in find_figures(sentence, language)
    ]


def _assert_figures(got: list[tuple], expected: list[tuple]) -> None:
    assert [g[0] for g in got] == [e[0] for e in expected]
    for g, e in zip(got, expected):
        assert g[1:4] == pytest.approx(e[1:4], rel=1e-9), g
        assert g[4:] == e[4:], g


CASES = [
    (
        '000',
        "Néanmoins, l'IA générative pourrait aussi représenter une opportunité de transformation économique majeure, avec un potentiel de valeur estimé à 1,5 fois le PIB français.",
        [
            ('1,5 fois', 1.5, 1.5, 1.5, 'exact', 'factor', None, None),
        ],
    ),
    (
        '000',
        "Yet generative AI also represents a major opportunity for economic transformation, with a potential value estimated at 1.5 times France's GDP.",
        [
            ('1.5 times', 1.5, 1.5, 1.5, 'exact', 'factor', None, None),
        ],
    ),
    (
        '000',
        "Cette technologie représente un potentiel de création de valeur annuel considérable, qui équivaldrait à plus d'une fois et demi le produit intérieur brut (PIB) de la France<sup>2</sup>.",
        [
            ('une fois et demi', 1.5, 1.5, 1.5, 'at_least', 'factor', None, None),
        ],
    ),
    (
        '000',
        "Deux ans après la sortie de ChatGPT, les transformations économiques associées à l'IA générative s'accroissent, soutenues par une dynamique de réduction des coûts sans précédent dans l'histoire des technologies<sup>3</sup>.",
        [
            ('Deux ans', 2.0, 2.0, 2.0, 'exact', 'years', None, None),
        ],
    ),
    (
        '000',
        "En moins de deux ans, l'IA générative s'est intégrée dans le quotidien de dizaines de millions d'utilisateurs, tant dans leurs usages personnels que professionnels<sup>4</sup>.",
        [
            ('deux ans', 2.0, 2.0, 2.0, 'at_most', 'years', None, None),
        ],
    ),
    (
        '000',
        "Dans l'éducation par exemple, la plateforme éducative en ligne Chegg a perdu 99 % de sa valeur boursière après le lancement de ChatGPT – soit 14,5 milliards de dollars évaporés en quelques mois<sup>6</sup> –, du fait de la migration massive des étudiants vers l'agent conversationnel d'OpenAI.",
        [
            ('99 %', 99.0, 99.0, 99.0, 'exact', 'percent', None, None),
            ('14,5 milliards de dollars', 14500000000.0, 14500000000.0, 14500000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        "Cette polyvalence est renforcée par la capacité des modèles de pointe à gérer simultanément plusieurs modalités (texte, code, audio, image)<sup>7</sup> et se nourrit d'un volume de connaissances colossal : selon Yann Le Cun<sup>8</sup>, il faudrait plus de 22 000 ans de lecture à un humain pour acquérir l'équivalent du « savoir » de GPT-3.",
        [
            ('22 000 ans', 22000.0, 22000.0, 22000.0, 'at_least', 'years', None, None),
        ],
    ),
    (
        '000',
        "Alors que le PIB par habitant en Europe est déjà deux fois inférieur à celui des États-Unis<sup>12</sup>, tout retard dans la diffusion de l'IA générative ne peut qu'accentuer ce déclassement.",
        [
            ('deux fois', 2.0, 2.0, 2.0, 'exact', 'factor', None, None),
        ],
    ),
    (
        '000',
        "Cette note s'articule autour de trois axes complémentaires.",
        [
            ('trois axes', 3.0, 3.0, 3.0, 'exact', 'count', 'axis', None),
        ],
    ),
    (
        '000',
        "Cette première partie analyse quatre pans essentiels où s'exerce cette domination : les modèles de fondation<sup>14</sup> qui constituent le cœur des technologies, l'infrastructure *cloud* nécessaire à leur développement, les canaux de distribution qui permettent leur commercialisation, et les outils *open source* qu'elles soutiennent et influencent stratégiquement pour faciliter le développement et le déploiement de leurs technologies.",
        [
            ('quatre pans', 4.0, 4.0, 4.0, 'exact', 'count', 'area', None),
        ],
    ),
    (
        '000',
        'Depuis 2019, la capitalisation des grands groupes numériques (Microsoft, Apple, Amazon, Alphabet, Meta) a plus que triplé, atteignant 11,8 billions de dollars.',
        [
            ('triplé', 3.0, 3.0, 3.0, 'at_least', 'factor', None, None),
            ('11,8 billions de dollars', 11800000000000.0, 11800000000000.0, 11800000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        'Si on ajoute le concepteur américain de semi-conducteurs Nvidia spécialisé dans les processeurs graphiques (GPU), leur valorisation dépasse 1,5 fois celle des 25 plus grandes entreprises américaines traditionnelles (pétrole, pharmacie, banque, etc.)<sup>16</sup>.',
        [
            ('1,5 fois', 1.5, 1.5, 1.5, 'at_least', 'factor', None, None),
        ],
    ),
    (
        '000',
        "Nvidia a été jusqu'à présent la principale bénéficiaire de la vague de l'IA générative : elle est passée de moins de 100 milliards de dollars de valorisation boursière à plus de 3 billions de dollars en quelques années seulement<sup>17</sup>.",
        [
            ('100 milliards de dollars', 100000000000.0, 100000000000.0, 100000000000.0, 'at_most', 'USD', None, None),
            ('3 billions de dollars', 3000000000000.0, 3000000000000.0, 3000000000000.0, 'at_least', 'USD', None, None),
        ],
    ),
    (
        '000',
        "performants, dont l'amélioration repose sur deux leviers principaux : le développement d'algorithmes plus sophistiqués et l'augmentation de la puissance de calcul.",
        [
            ('deux leviers', 2.0, 2.0, 2.0, 'exact', 'count', 'lever', None),
        ],
    ),
    (
        '000',
        "Cette stratégie se reflète dans l'explosion des coûts d'entraînement : d'environ 100 millions de dollars fin 2024 pour un modèle de pointe, ils pourraient atteindre 5 à 10 milliards de dollars dès 2025-2026 selon le PDG d'Anthropic<sup>18</sup>.",
        [
            ('100 millions de dollars', 100000000.0, 100000000.0, 100000000.0, 'approx', 'USD', None, None),
            ('5 à 10 milliards de dollars', 7500000000.0, 5000000000.0, 10000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        "Il aurait atteint des performances presque similaires à ChatGPT tout en s'appuyant sur des processeurs graphiques<sup>19</sup> d'ancienne génération, avec une phase finale d'entraînement dont le coût s'élève, selon les auteurs, à un peu moins de six millions de dollars<sup>20</sup>.",
        [
            ('six millions de dollars', 6000000.0, 6000000.0, 6000000.0, 'at_most', 'USD', None, None),
        ],
    ),
    (
        '000',
        'Au-delà de leurs propres efforts de recherche, ils investissent massivement dans des startups innovantes comme Anthropic ou OpenAI (plus de 24 milliards de dollars cumulés entre Microsoft, Amazon et Google).',
        [
            ('24 milliards de dollars', 24000000000.0, 24000000000.0, 24000000000.0, 'at_least', 'USD', None, None),
        ],
    ),
    (
        '000',
        "AWS, Microsoft Azure et Google Cloud contrôlent ainsi 68 % du marché mondial des services *cloud*<sup>23</sup>, tandis que Nvidia détient 90 % du marché des GPU, composants essentiels pour entraîner et exploiter les modèles d'IA<sup>24</sup>.",
        [
            ('68 %', 68.0, 68.0, 68.0, 'exact', 'percent', None, None),
            ('90 %', 90.0, 90.0, 90.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '000',
        'Les cinq *Big Tech* et Nvidia ont ainsi doublé leurs dépenses en capital, atteignant 169 milliards de dollars en 2023 – dépassant largement les 135 milliards investis par les 25 plus grandes entreprises suivantes combinées<sup>25</sup>.',
        [
            ('cinq *Big Tech*', 5.0, 5.0, 5.0, 'exact', 'count', 'big_tech', None),
            ('doublé', 2.0, 2.0, 2.0, 'exact', 'factor', None, None),
            ('169 milliards de dollars', 169000000000.0, 169000000000.0, 169000000000.0, 'exact', 'USD', None, None),
            ('135 milliards', 135000000000.0, 135000000000.0, 135000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        "Cette course technologique et financière s'est encore accélérée en 2024 : au dernier trimestre, Amazon, Microsoft et Alphabet ont investi 50,6 milliards de dollars, principalement dans leurs infrastructures d'IA<sup>26</sup> – l'équivalent du budget annuel de la défense française.",
        [
            ('50,6 milliards de dollars', 50600000000.0, 50600000000.0, 50600000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        "Meta prévoit d'investir 10 milliards de dollars dans un *data center* IA en Louisiane<sup>27</sup>, tandis qu'Elon Musk rejoint la",
        [
            ('10 milliards de dollars', 10000000000.0, 10000000000.0, 10000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        'Haranas, « Cloud Market Share For \\$84B Q3 2024: AWS, Microsoft, Google Cloud Lead », CRN, 7 novembre 2024.',
        [
            ('\\$84B', 84000000000.0, 84000000000.0, 84000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        'Khan, « NVIDIA Crushes Rivals: Secures Unprecedented 90% of GPU Market in Q3 2024 », *Yahoo Finance*, 12 décembre 2024.',
        [
            ('90%', 90.0, 90.0, 90.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '000',
        '« Meta to Invest \\$10 Billion for Louisiana Data Center », Reuters, 4 décembre 2024.',
        [
            ('\\$10 Billion', 10000000000.0, 10000000000.0, 10000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        'course avec xAI, dont le *data center* de Memphis – qualifié de « superordinateur le plus rapide de la planète » par le PDG de Nvidia – devrait doubler sa capacité pour atteindre 200 000 GPU<sup>28</sup>.',
        [
            ('doubler', 2.0, 2.0, 2.0, 'exact', 'factor', None, None),
            ('200 000 GPU', 200000.0, 200000.0, 200000.0, 'exact', 'count', 'gpu', None),
        ],
    ),
    (
        '000',
        "L'ampleur de cette course aux infrastructures est illustrée par le projet Stargate AI aux États-Unis : OpenAI, SoftBank et Oracle prévoient ainsi d'investir jusqu'à 500 milliards de dollars sur quatre ans dans le développement d'infrastructures d'IA, avec une première phase de 100 milliards de dollars pour un *data center* au Texas.",
        [
            ('500 milliards de dollars', 500000000000.0, 500000000000.0, 500000000000.0, 'at_most', 'USD', None, None),
            ('quatre ans', 4.0, 4.0, 4.0, 'exact', 'years', None, None),
            ('100 milliards de dollars', 100000000000.0, 100000000000.0, 100000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        "S'inscrivant dans ce contexte de surenchère mondiale autour de l'IA, la Commission ambitionne de mobiliser 200 milliards d'euros via une alliance entre la Commission européenne et plus de 60 entreprises privées (regroupées sous la bannière de l'*European*",
        [
            ("200 milliards d'euros", 200000000000.0, 200000000000.0, 200000000000.0, 'exact', 'EUR', None, None),
            ('60 entreprises', 60.0, 60.0, 60.0, 'at_least', 'count', 'company', None),
        ],
    ),
    (
        '000',
        "Bobrowsky, « Elon Musk's xAI in Talks to Raise Funding Valuing It at \\$40 Billion », *The Wall Street Journal*, 29 octobre 2024.",
        [
            ('\\$40 Billion', 40000000000.0, 40000000000.0, 40000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        "La Commission devrait apporter 50 milliards d'euros de financements publics, dont 20 milliards devraient servir à construire de grands *data centers* spécialisés dans l'IA, tandis que le secteur privé devrait contribuer à hauteur de 150 milliards<sup>30</sup>.",
        [
            ("50 milliards d'euros", 50000000000.0, 50000000000.0, 50000000000.0, 'exact', 'EUR', None, None),
            ('20 milliards', 20000000000.0, 20000000000.0, 20000000000.0, 'exact', 'EUR', None, None),
            ('150 milliards', 150000000000.0, 150000000000.0, 150000000000.0, 'exact', 'EUR', None, None),
        ],
    ),
    (
        '000',
        "Cette initiative européenne fait écho à l'engagement français présenté en marge du même sommet, visant à mobiliser 109 milliards d'euros pour accélérer le développement de l'intelligence artificielle dans les prochaines années<sup>31</sup>.",
        [
            ("109 milliards d'euros", 109000000000.0, 109000000000.0, 109000000000.0, 'exact', 'EUR', None, None),
        ],
    ),
    (
        '000',
        "Il est important de noter que la première vague d'investissements dans les infrastructures critiques de l'IA a été menée par le secteur privé – les *Big Tech* investissant massivement depuis plus de deux ans déjà.",
        [
            ('deux ans', 2.0, 2.0, 2.0, 'at_least', 'years', None, None),
        ],
    ),
    (
        '000',
        "En ce qui concerne les applications mobiles, les plateformes de distribution d'applications Google Play et App Store contrôlent 95 % du marché en Europe et dans le monde (hors Chine)<sup>32</sup>.",
        [
            ('95 %', 95.0, 95.0, 95.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '000',
        "Cette position dominante leur permet d'imposer des commissions sur toutes les transactions, pour un total de 127,3 milliards de dollars dépensés sur les *stores* en 2024<sup>33</sup>.",
        [
            ('127,3 milliards de dollars', 127300000000.0, 127300000000.0, 127300000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        "Sur le marché professionnel, l'intégration aux écosystèmes dominants est aussi incontournable : Google Workspace et Microsoft 365 contrôlent à eux seuls 74 % du marché mondial des solutions bureautiques<sup>34</sup>.",
        [
            ('74 %', 74.0, 74.0, 74.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '000',
        "Chaaban, « L'UE annonce un plan historique de 200 milliards d'euros pour l'intelligence artificielle », *Toute l'Europe*, 12 février 2025, disponible sur : [www.touteleurope.eu](http://www.touteleurope.eu).",
        [
            ("200 milliards d'euros", 200000000000.0, 200000000000.0, 200000000000.0, 'exact', 'EUR', None, None),
        ],
    ),
    (
        '000',
        "Chee, « EU's AI Push to Get 50 Billion Euro Boost, Says von der Leyen », Reuters, 11 février 2025, disponible sur : [www.reuters.com](http://www.reuters.com).",
        [
            ('50 Billion Euro', 50000000000.0, 50000000000.0, 50000000000.0, 'exact', 'EUR', None, None),
        ],
    ),
    (
        '000',
        'Weatherbed, « EU mobilizes \\$200 billion in AI race against US and China », *The Verge*, 11 février 2025, disponible sur : [www.theverge.com](http://www.theverge.com).',
        [
            ('\\$200 billion', 200000000000.0, 200000000000.0, 200000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        "Lefebvre, « L'App Store d'Apple domine le marché avec 91,6 milliards en 2024 (la moitié en abonnement) », *iPhonesoft*, 18 décembre 2024.",
        [
            ('91,6 milliards', 91600000000.0, 91600000000.0, 91600000000.0, 'exact', 'XXX', None, None),
            ('la moitié', 50.0, 50.0, 50.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '000',
        "Dans un marché mondial de la publicité aujourd'hui largement numérisé, estimé à 933 milliards de dollars en 2024, Google, Meta et Amazon captent 61 % des recettes (hors Chine)<sup>36</sup>.",
        [
            ('933 milliards de dollars', 933000000000.0, 933000000000.0, 933000000000.0, 'exact', 'USD', None, None),
            ('61 %', 61.0, 61.0, 61.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '000',
        'Levin, « Les recettes publicitaires mondiales en hausse de 10 % en 2024, selon Magna », *e-marketing.fr*, 9 décembre 2024.',
        [
            ('10 %', 10.0, 10.0, 10.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '000',
        "En effet, les États-Unis comptent 9 fois plus de licornes technologiques que la Chine et 5,5 fois plus que l'Europe<sup>45</sup>.",
        [
            ('9 fois', 9.0, 9.0, 9.0, 'exact', 'factor', None, None),
            ('5,5 fois', 5.5, 5.5, 5.5, 'exact', 'factor', None, None),
        ],
    ),
    (
        '000',
        'De plus, en moyenne, les startups européennes emploient six fois moins de salariés que leurs homologues américaines<sup>46</sup>.',
        [
            # a factor is new over old: six times fewer is a sixth (times_less.py)
            ('six fois moins', 1 / 6, 1 / 6, 1 / 6, 'exact', 'factor', None, None),
        ],
    ),
    (
        '000',
        "« Les États-Unis comptent 9 fois plus de licornes technologiques que la Chine et 5,5 fois plus que l'Europe », *Itrnews*, 8 octobre 2024, disponible sur : <https://itrnews.com>.",
        [
            ('9 fois', 9.0, 9.0, 9.0, 'exact', 'factor', None, None),
            ('5,5 fois', 5.5, 5.5, 5.5, 'exact', 'factor', None, None),
        ],
    ),
    (
        '000',
        "L'ampleur du potentiel est considérable : l'IA générative pourrait ajouter jusqu'à 4 000 milliards de dollars par an à l'économie mondiale – soit environ 1,5 fois le PIB de la France –, s'ajoutant aux 11 000 milliards de dollars déjà anticipés pour l'IA non générative et autres automatisations<sup>47</sup>.",
        [
            ('4 000 milliards de dollars', 4000000000000.0, 4000000000000.0, 4000000000000.0, 'at_most', 'USD', None, None),
            ('1,5 fois', 1.5, 1.5, 1.5, 'approx', 'factor', None, None),
            ('11 000 milliards de dollars', 11000000000000.0, 11000000000000.0, 11000000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        "Plutôt que de disperser les ressources dans une course aux modèles souverains qui profite principalement à Nvidia – l'entreprise américaine prévoyait de générer près de 10 milliards de dollars en 2024 de la vente de GPU aux pays désireux de développer leurs propres modèles d'IA<sup>48</sup> –, l'Europe pourrait consolider cette position acquise en renforçant Mistral AI comme champion continental, tout en concentrant désormais ses efforts sur l'étape indispensable de la diffusion de l'IA dans son tissu économique et sur l'émergence de nouvelles licornes aux différents niveaux de la chaîne de valeur de l'IA générative.",
        [
            ('10 milliards de dollars', 10000000000.0, 10000000000.0, 10000000000.0, 'approx', 'USD', None, None),
        ],
    ),
    (
        '000',
        "L'inférence, c'est-à-dire l'exécution d'un modèle d'IA pour produire des résultats, représente souvent plus de 90 % des coûts opérationnels d'une application d'IA.",
        [
            ('90 %', 90.0, 90.0, 90.0, 'at_least', 'percent', None, None),
        ],
    ),
    (
        '000',
        "L'Europe dispose de deux atouts majeurs pour se positionner sur ces segments.",
        [
            ('deux atouts', 2.0, 2.0, 2.0, 'exact', 'count', 'asset', None),
        ],
    ),
    (
        '000',
        "Malgré les moyens considérables d'acteurs américains comme Harvey (200 millions de dollars de levée à ce jour), la division fondamentale entre *common law* et *civil law* crée deux marchés distincts.",
        [
            ('200 millions de dollars', 200000000.0, 200000000.0, 200000000.0, 'exact', 'USD', None, None),
            ('deux marchés', 2.0, 2.0, 2.0, 'exact', 'count', 'market', None),
        ],
    ),
    (
        '000',
        "PhotoRoom s'est imposé comme un leader mondial de l'édition photo, atteignant une valorisation de 500 millions d'euros grâce à ses algorithmes d'IA spécialisés.",
        [
            ("500 millions d'euros", 500000000.0, 500000000.0, 500000000.0, 'exact', 'EUR', None, None),
        ],
    ),
    (
        '000',
        "Le succès de Deepseek, dont le modèle serait 90 % moins coûteux en inférence que ceux d'OpenAI<sup>56</sup>, pourrait préfigurer de l'émergence de cette nouvelle dynamique.",
        [
            ('90 %', 90.0, 90.0, 90.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '000',
        "Facebook a ainsi été créé et propulsé en quelques années par un étudiant de moins de 20 ans devenu l'un des hommes les plus puissants de la planète.",
        [
            ('20 ans', 20.0, 20.0, 20.0, 'at_most', 'years', None, None),
        ],
    ),
    (
        '000',
        "Les dépenses en infrastructures ont bondi de 66 % au dernier trimestre 2024 par rapport à l'année précédente<sup>62</sup>, créant un « dilemme du prisonnier »<sup>63</sup> où aucune entreprise n'ose réduire ses investissements malgré les risques de surcapacité<sup>64</sup>.",
        [
            ('66 %', 66.0, 66.0, 66.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '000',
        "L'annonce de DeepSeek, quant à elle, a eu un impact spectaculaire sur les marchés financiers américains, effaçant temporairement près de 1 000 milliards de dollars de valorisation des géants technologiques<sup>66</sup>, dont 600 milliards pour Nvidia seul<sup>67</sup>.",
        [
            ('1 000 milliards de dollars', 1000000000000.0, 1000000000000.0, 1000000000000.0, 'approx', 'USD', None, None),
            ('600 milliards', 600000000000.0, 600000000000.0, 600000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        "Depuis 2015, la part de leur chiffre d'affaires provenant de marchés où ils se concurrencent directement a doublé, passant de 20 % à 40 %.",
        [
            ('doublé', 2.0, 2.0, 2.0, 'exact', 'factor', None, None),
            ('20 %', 20.0, 20.0, 20.0, 'exact', 'percent', None, None),
            ('40 %', 40.0, 40.0, 40.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '000',
        "Malgré des revenus annuels estimés entre 3,5 et 4,5 milliards de dollars, l'entreprise fait face à des coûts opérationnels estimés à 8,5 milliards de dollars pour 2024, dont 4 milliards uniquement pour la puissance de calcul et 3 milliards pour l'entraînement des modèles<sup>72</sup>.",
        [
            ('3,5 et 4,5 milliards de dollars', 4000000000.0, 3500000000.0, 4500000000.0, 'exact', 'USD', None, None),
            ('8,5 milliards de dollars', 8500000000.0, 8500000000.0, 8500000000.0, 'exact', 'USD', None, None),
            ('4 milliards', 4000000000.0, 4000000000.0, 4000000000.0, 'exact', 'USD', None, None),
            ('3 milliards', 3000000000.0, 3000000000.0, 3000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        "Bradshaw, « Wall Street Frets Over Big Tech's \\$200bn AI Spending Splurge », *Financial Times*, 1<sup>er</sup> novembre 2024.",
        [
            ('\\$200bn', 200000000000.0, 200000000000.0, 200000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        "Salzman, « Meta Announces \\$10 Billion Data Center in Louisiana », *Barron's*, 4 décembre 2024.",
        [
            ('\\$10 Billion', 10000000000.0, 10000000000.0, 10000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        'Deux opportunités se dessinent clairement dans ce contexte.',
        [
            ('Deux opportunités', 2.0, 2.0, 2.0, 'exact', 'count', 'opportunity', None),
        ],
    ),
    (
        '000',
        "Ce retard s'explique par des différences structurelles profondes, comme le souligne le FMI : depuis 2005, la productivité des entreprises technologiques américaines a augmenté de 40 %, tandis qu'elle stagne en Europe<sup>79</sup>.",
        [
            ('40 %', 40.0, 40.0, 40.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '000',
        "Les récentes annonces de 50 milliards d'euros combinés à 150 milliards de capitaux privés en sont une illustration.",
        [
            ("50 milliards d'euros", 50000000000.0, 50000000000.0, 50000000000.0, 'exact', 'EUR', None, None),
            ('150 milliards', 150000000000.0, 150000000000.0, 150000000000.0, 'exact', 'EUR', None, None),
        ],
    ),
    (
        '000',
        "Rien que les quatre principales *Big Tech* – Microsoft, Alphabet, Amazon et Meta – prévoient de dépenser jusqu'à 320 milliards de dollars combinés en technologies d'IA et en construction de centres de données en 2025<sup>81</sup>.",
        [
            # "les quatre principales Big Tech": a top-N list's size (the main ones), not a figure
            ('320 milliards de dollars', 320000000000.0, 320000000000.0, 320000000000.0, 'at_most', 'USD', None, None),
        ],
    ),
    (
        '000',
        "Leurs dépenses totales en capital s'élevaient déjà à 230 milliards de dollars en 2024<sup>82</sup> et 151 milliards en 2023<sup>83</sup>.",
        [
            ('230 milliards de dollars', 230000000000.0, 230000000000.0, 230000000000.0, 'exact', 'USD', None, None),
            ('151 milliards', 151000000000.0, 151000000000.0, 151000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '000',
        'Subin, « Tech Megacaps Plan to Spend more than \\$300 Billion in 2025 as AI Race Intensifies », CNBC, 8 février 2025, disponible sur : [www.cnbc.com](http://www.cnbc.com).',
        [
            ('\\$300 Billion', 300000000000.0, 300000000000.0, 300000000000.0, 'at_least', 'USD', None, None),
        ],
    ),
    (
        '000',
        'Uddin, « Big Tech Lines Up Over \\$300bn in AI Spending for 2025 », *Financial Times*, 7 février 2025, disponible sur : [www.ft.com](http://www.ft.com).',
        [
            ('\\$300bn', 300000000000.0, 300000000000.0, 300000000000.0, 'at_least', 'USD', None, None),
        ],
    ),
    (
        '001',
        'Selon le State of European Tech 2025 d’Atomico, cette infrastructure est désormais dominée par les États-Unis, qui ont investi environ 119 milliards de dollars dans l’IA en 2025, soit plus de dix fois plus que l’Europe et plus du double de celui de la Chine.',
        [
            ('119 milliards de dollars', 119000000000.0, 119000000000.0, 119000000000.0, 'approx', 'USD', None, None),
            ('dix fois', 10.0, 10.0, 10.0, 'at_least', 'factor', None, None),
            ('double', 2.0, 2.0, 2.0, 'at_least', 'factor', None, None),
        ],
    ),
    (
        '001',
        'Deux modèles différents se déplaçant en parallèle, mais pas à la même vitesse.',
        [
            ('Deux modèles', 2.0, 2.0, 2.0, 'exact', 'count', 'model', None),
        ],
    ),
    (
        '001',
        'Les États-Unis investissent 119 milliards : la « balance musculaire » de la nouvelle économie de l’IA',
        [
            ('119 milliards', 119000000000.0, 119000000000.0, 119000000000.0, 'exact', 'XXX', None, None),
        ],
    ),
    (
        '001',
        'Le chiffre de 119 milliards n’est pas seulement impressionnant : il est révélateur.',
        [
            ('119 milliards', 119000000000.0, 119000000000.0, 119000000000.0, 'exact', 'XXX', None, None),
        ],
    ),
    (
        '001',
        'Les États-Unis construisent une infrastructure nationale d’IA basée sur trois piliers\xa0:',
        [
            ('trois piliers', 3.0, 3.0, 3.0, 'exact', 'count', 'pillar', None),
        ],
    ),
    (
        '001',
        'En 2025, le coût moyen de formation d’un modèle de fondation de nouvelle génération dépasse déjà le milliard de dollars.',
        [
            ('milliard de dollars', 1000000000.0, 1000000000.0, 1000000000.0, 'at_least', 'USD', None, None),
        ],
    ),
    (
        '001',
        'Deux voies pour l’IA : échelle massive ou efficacité européenne',
        [
            ('Deux voies', 2.0, 2.0, 2.0, 'exact', 'count', 'way', None),
        ],
    ),
    (
        '001',
        'Si l’IA est une infrastructure, il existe deux manières de la construire.',
        [
            ('deux manières', 2.0, 2.0, 2.0, 'exact', 'count', 'way', None),
        ],
    ),
    (
        '002',
        'En 10 ans, les États-Unis ont investi 335 milliards de dollars dans l’IA.',
        [
            ('10 ans', 10.0, 10.0, 10.0, 'exact', 'years', None, None),
            ('335 milliards de dollars', 335000000000.0, 335000000000.0, 335000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '002',
        'La France arrive en 8ème position, coincée entre l’Inde et la Corée du Sud.',
        [
            ('8ème', 8.0, 8.0, 8.0, 'exact', 'rank', None, None),
        ],
    ),
    (
        '002',
        'Côté brevets, c’est encore plus violent : en 2010, 40% des brevets IA étaient américains.',
        [
            ('40%', 40.0, 40.0, 40.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '002',
        'En 2023, ils ne représentent plus que 14%… parce que la Chine est passée de 10% à 70%.',
        [
            ('14%', 14.0, 14.0, 14.0, 'exact', 'percent', None, None),
            ('10%', 10.0, 10.0, 10.0, 'exact', 'percent', None, None),
            ('70%', 70.0, 70.0, 70.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '002',
        'Vous avez bien lu : 70%.',
        [
            ('70%', 70.0, 70.0, 70.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '002',
        'Pendant ce temps, la Russie — dont Poutine déclarait en 2017 que celui qui maîtriserait l’IA serait « le maître du monde » — n’a développé que 3 modèles d’IA à grande échelle depuis 2017.',
        [
            ('3 modèles d’IA', 3.0, 3.0, 3.0, 'exact', 'count', 'model', None),
        ],
    ),
    (
        '002',
        'Les États-Unis ? 161.',
        [
            ('161', 161.0, 161.0, 161.0, 'exact', 'count', None, None),
        ],
    ),
    (
        '002',
        'La Chine ? 127.',
        [
            ('127', 127.0, 127.0, 127.0, 'exact', 'count', None, None),
        ],
    ),
    (
        '002',
        'L’Union Européenne ? 41.',
        [
            ('41', 41.0, 41.0, 41.0, 'exact', 'count', None, None),
        ],
    ),
    (
        '002',
        'Une entreprise qui vaut aujourd’hui plus de 4 000 milliards de dollars.',
        [
            ('4 000 milliards de dollars', 4000000000000.0, 4000000000000.0, 4000000000000.0, 'at_least', 'USD', None, None),
        ],
    ),
    (
        '002',
        'Taïwan, avec TSMC qui détient 70% du marché mondial des puces haute performance, est au centre de toutes les tensions géopolitiques.',
        [
            ('70%', 70.0, 70.0, 70.0, 'exact', 'percent', None, None),
        ],
    ),
    (
        '002',
        'DeepSeek, la startup chinoise, aurait développé un modèle comparable à ChatGPT pour seulement 5-6 millions de dollars.',
        [
            ('5-6 millions de dollars', 5500000.0, 5000000.0, 6000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '002',
        'J’ai creusé le sujet et voilà ce que j’ai trouvé : le chiffre de 5-6 millions correspond uniquement au coût GPU du pré-entraînement final.',
        [
            ('5-6 millions', 5500000.0, 5000000.0, 6000000.0, 'exact', 'XXX', None, None),
        ],
    ),
    (
        '002',
        'Selon SemiAnalysis, une firme d’analyse spécialisée, les dépenses totales de DeepSeek atteindraient 1,6 milliard de dollars.',
        [
            ('1,6 milliard de dollars', 1600000000.0, 1600000000.0, 1600000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '002',
        'Ils auraient accès à environ 50 000 GPU Hopper, dont 10 000 H800 et 10 000 H100.',
        [
            ('50 000 GPU Hopper', 50000.0, 50000.0, 50000.0, 'approx', 'count', 'gpu', 'Hopper'),
            ('10 000 H800', 10000.0, 10000.0, 10000.0, 'exact', 'count', 'gpu', 'H800'),
            ('10 000 H100', 10000.0, 10000.0, 10000.0, 'exact', 'count', 'gpu', 'H100'),
        ],
    ),
    (
        '002',
        'Leurs ingénieurs seraient payés plus de 1,3 million de dollars par an.',
        [
            ('1,3 million de dollars', 1300000.0, 1300000.0, 1300000.0, 'at_least', 'USD', None, None),
        ],
    ),
    (
        '002',
        'Du bon storytelling chinois qui a fait perdre 600 milliards de capitalisation à NVIDIA en une seule journée quand même.',
        [
            ('600 milliards', 600000000000.0, 600000000000.0, 600000000000.0, 'exact', 'XXX', None, None),
        ],
    ),
    (
        '002',
        'On ne rattrapera pas 335 milliards d’investissements américains avec nos moyens actuels.',
        [
            ('335 milliards', 335000000000.0, 335000000000.0, 335000000000.0, 'exact', 'XXX', None, None),
        ],
    ),
    (
        '002',
        'L’AI Act crée des normes que les acteurs mondiaux doivent respecter pour accéder à notre marché de 450 millions de consommateurs.',
        [
            ('450 millions de consommateurs', 450000000.0, 450000000.0, 450000000.0, 'exact', 'count', 'consumer', None),
        ],
    ),
    (
        '002',
        'C’est dans cet espace que nous devons nous battre avec lucidité sur nos faiblesses, avec confiance sur nos atouts et surtout, avec l’urgence d’agir maintenant parce que dans 5 ans, il sera trop tard pour se poser la question.',
        [
            ('5 ans', 5.0, 5.0, 5.0, 'exact', 'years', None, None),
        ],
    ),
    (
        '003',
        'Peu après son élection à la présidence des États-Unis, Donald Trump a annoncé, le 21 janvier 2025, un investissement privé de 500 milliards de dollars pour le développement des infrastructures en intelligence artificielle.',
        [
            ('500 milliards de dollars', 500000000000.0, 500000000000.0, 500000000000.0, 'exact', 'USD', None, None),
        ],
    ),
    (
        '003',
        'Ce projet d’envergure, baptisé « Stargate », sera financé par SoftBank, OpenAI et Oracle, trois leaders du secteur des nouvelles technologies.',
        [
            ('trois leaders', 3.0, 3.0, 3.0, 'exact', 'count', 'company', None),
        ],
    ),
    (
        '003',
        'En réaction à cette annonce, Ursula von der Leyen, présidente de la Commission européenne, a dévoilé le 11 février, lors du Sommet sur l’IA à Paris, le lancement d’« InvestAI », un plan de 200 milliards d’euros destiné à soutenir les investissements dans l’intelligence artificielle.',
        [
            ('200 milliards d’euros', 200000000000.0, 200000000000.0, 200000000000.0, 'exact', 'EUR', None, None),
        ],
    ),
    (
        '003',
        'Ce montant comprendra 150 milliards d’euros d’investissements privés, auxquels s’ajouteront, entre autres, 20 milliards d’euros de financements publics destinés à la création d’usines IA.',
        [
            ('150 milliards d’euros', 150000000000.0, 150000000000.0, 150000000000.0, 'exact', 'EUR', None, None),
            ('20 milliards d’euros', 20000000000.0, 20000000000.0, 20000000000.0, 'exact', 'EUR', None, None),
        ],
    ),
    (
        '003',
        'Les modèles développés au sein de ces structures seront encadrés par la législation européenne, notamment par le Règlement général sur la protection des données (RGPD), par le règlement sur l’intelligence artificielle, l’AI Act, adopté en 2024, ainsi que par la Déclaration sur une intelligence artificielle inclusive et durable pour les peuples et la planète, signée le 11 février 2025 par une soixantaine d’États et organisations, dont l’Union européenne.',
        [
            ('une soixantaine d’États', 60.0, 60.0, 60.0, 'approx', 'count', 'country', None),
        ],
    ),
    (
        '003',
        'Un premier investissement d’un montant total de 1,5 milliard d’euros pour la création de sept usines d’IA, dont le déploiement est prévu à partir de 2026, a été annoncé en décembre 2024.',
        [
            ('1,5 milliard d’euros', 1500000000.0, 1500000000.0, 1500000000.0, 'exact', 'EUR', None, None),
            ('sept usines d’IA', 7.0, 7.0, 7.0, 'exact', 'count', 'ai_factory', None),
        ],
    ),
    (
        '003',
        'De nouveaux superordinateurs seront installés en Allemagne, en Suède, en Italie, au Luxembourg et en Finlande, tandis que deux autres usines d’IA résulteront de la modernisation d’infrastructures existantes en Grèce et en Espagne.',
        [
            ('deux autres usines d’IA', 2.0, 2.0, 2.0, 'exact', 'count', 'ai_factory', None),
        ],
    ),
    (
        '003',
        'En mars 2025, la Commission européenne a annoncé la création de six usines supplémentaires, pour un investissement de 485 millions d’euros, dont une implantée en France.',
        [
            ('six usines', 6.0, 6.0, 6.0, 'exact', 'count', 'ai_factory', None),
            ('485 millions d’euros', 485000000.0, 485000000.0, 485000000.0, 'exact', 'EUR', None, None),
            ('une', 1.0, 1.0, 1.0, 'exact', 'count', 'ai_factory', None),
        ],
    ),
    (
        '003',
        'Ce premier effort a été renforcé par une promesse d’investissement supplémentaire de près de 20 milliards d’euros pour la création de quatre « giga-usines » d’IA, chacune équipée de 100 000 microprocesseurs — soit quatre fois plus que les usines susmentionnées.',
        [
            ('20 milliards d’euros', 20000000000.0, 20000000000.0, 20000000000.0, 'approx', 'EUR', None, None),
            ('quatre « giga-usines » d’IA', 4.0, 4.0, 4.0, 'exact', 'count', 'ai_gigafactory', None),
            ('100 000 microprocesseurs', 100000.0, 100000.0, 100000.0, 'exact', 'count', 'microprocessor', None),
            ('quatre fois', 4.0, 4.0, 4.0, 'exact', 'factor', None, None),
        ],
    ),
    (
        '003',
        'Selon une étude menée par Next Level Jobs EU, près de 75 % des entreprises européennes ont rencontré des difficultés de recrutement dans le secteur de l’IA en 2023.',
        [
            ('75 %', 75.0, 75.0, 75.0, 'approx', 'percent', None, None),
        ],
    ),
    (
        '003',
        'D’après l’Agence internationale de l’énergie, une interaction avec une IA générative comme ChatGPT consomme environ dix fois plus d’électricité qu’une recherche Google classique.',
        [
            ('dix fois', 10.0, 10.0, 10.0, 'approx', 'factor', None, None),
        ],
    ),
    (
        '003',
        'Certaines études estiment que le coût d’installation de data centers y est environ deux fois plus élevé qu’outre-Atlantique.',
        [
            ('deux fois', 2.0, 2.0, 2.0, 'approx', 'factor', None, None),
        ],
    ),
    (
        '003',
        'Selon le Groupe d’études géopolitiques, il faut actuellement au moins cinq ans pour implanter un data center en France.',
        [
            ('cinq ans', 5.0, 5.0, 5.0, 'at_least', 'years', None, None),
        ],
    ),
    (
        '003',
        'L’annonce de la sortie du modèle R1 de DeepSeek, en janvier, a provoqué une chute de 3 % de l’indice NASDAQ, entraînée par une baisse spectaculaire de 17 % du cours de NVIDIA, soit une perte de plus de 593 milliards de dollars en une seule journée, un record historique.',
        [
            ('3 %', 3.0, 3.0, 3.0, 'exact', 'percent', None, None),
            ('17 %', 17.0, 17.0, 17.0, 'exact', 'percent', None, None),
            ('593 milliards de dollars', 593000000000.0, 593000000000.0, 593000000000.0, 'at_least', 'USD', None, None),
        ],
    ),
    (
        '004',
        'Deux dynamiques se dessinent.',
        [
            ('Deux dynamiques', 2.0, 2.0, 2.0, 'exact', 'count', 'dynamic', None),
        ],
    ),
    (
        '004',
        'Le 24 novembre 2025, Donald Trump a ainsi signé un décret lançant GENESIS, un programme massif visant à faire de l’IA un moteur central de la recherche américaine, avec l’objectif d’en doubler le rythme des découvertes sur dix ans.',
        [
            ('doubler', 2.0, 2.0, 2.0, 'exact', 'factor', None, None),
            ('dix ans', 10.0, 10.0, 10.0, 'exact', 'years', None, None),
        ],
    ),
    (
        '004',
        'Le plan « Gigafactories » de la Commission européenne, doté de 20 milliards d’euros, constitue une avancée, mais appelle à une grande vigilance : attirer des capitaux étrangers ne doit pas conduire à un accès privilégié des géants du numérique extra-européens à ces ressources stratégiques.',
        [
            ('20 milliards d’euros', 20000000000.0, 20000000000.0, 20000000000.0, 'exact', 'EUR', None, None),
        ],
    ),
    (
        '004',
        'Pour y répondre, Londres mise pleinement sur sa « relation spéciale » avec les États-Unis, en attirant des investissements américains massifs : 22 milliards de dollars annoncés par Microsoft en septembre dernier, 5 milliards par Google, ainsi que la livraison de 120 000 GPU par Nvidia.',
        [
            ('22 milliards de dollars', 22000000000.0, 22000000000.0, 22000000000.0, 'exact', 'USD', None, None),
            ('5 milliards', 5000000000.0, 5000000000.0, 5000000000.0, 'exact', 'USD', None, None),
            ('120 000 GPU', 120000.0, 120000.0, 120000.0, 'exact', 'count', 'gpu', None),
        ],
    ),
    (
        '004',
        'Il a précédemment été coordinateur national adjoint pour l’IA jusqu’à septembre 2025, au pilotage de la stratégie française qui a mobilisé plus de 1,2 milliard d’euros d’investissements publics entre 2022 et 2025.',
        [
            ('1,2 milliard d’euros', 1200000000.0, 1200000000.0, 1200000000.0, 'at_least', 'EUR', None, None),
        ],
    ),
]


@pytest.mark.parametrize(("doc", "sentence", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_document_sentence(doc: str, sentence: str, expected: list[tuple]) -> None:
    assert sentence in TEXTS[doc], "the sentence must be copied exactly from the document"
    _assert_figures(_read(sentence), expected)


def test_there_are_at_least_sixty_document_sentences() -> None:
    assert len(CASES) >= 60


def test_french_billions_are_ten_to_the_twelve() -> None:
    sentence = (
        "Depuis 2019, la capitalisation des grands groupes numériques (Microsoft, Apple, Amazon, "
        "Alphabet, Meta) a plus que triplé, atteignant 11,8 billions de dollars."
    )
    assert sentence in TEXTS["000"]
    tripled, figure = find_figures(sentence, "fr")
    assert (tripled.value, tripled.unit, tripled.bound) == (3.0, "factor", "at_least")
    assert figure.value == pytest.approx(1.18e13, rel=1e-9)
    assert figure.unit == "USD"
    assert figure.scale_language == "fr"


def test_english_title_in_french_footnote_reads_billion_as_ten_to_the_nine() -> None:
    sentence = (
        "J. Weatherbed, « EU mobilizes \\$200 billion in AI race against US and China », "
        "*The Verge*, 11 février 2025, disponible sur : [www.theverge.com](http://www.theverge.com)."
    )
    assert sentence in TEXTS["000"]
    (figure,) = find_figures(sentence, "fr")
    assert sentence[figure.start : figure.end] == "\\$200 billion"
    assert figure.value == pytest.approx(2e11, rel=1e-9)
    assert figure.unit == "USD"
    assert figure.scale_language == "en"


def test_front_matter_has_no_figures() -> None:
    for line in (
        "ISBN : 979-10-373-1030-9",
        "27 rue de la Procession 75740 Paris Cedex 15 – FRANCE",
        "Tél. : +33 (0)1 40 61 60 00 – Fax : +33 (0)1 40 61 60 60",
        "Couverture : © Image générée à l’aide de FLUX PRO 1.1,  ",
        "© Tous droits réservés, Ifri, 2025",
    ):
        assert line in TEXTS["000"]
        assert find_figures(line, "fr") == []


def test_whole_corpus_reads_fast_and_never_raises() -> None:
    import time

    t0 = time.perf_counter()
    n = 0
    for text in TEXTS.values():
        for line in text.split("\n"):
            n += len(find_figures(line, "fr"))
    assert n > 100
    assert time.perf_counter() - t0 < 1.0
