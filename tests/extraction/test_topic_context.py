"""Topic from context (pipelines.extraction.topic_context): one small document per rule, French
and English, through ``extract_document`` with the real figures stage."""

from __future__ import annotations

import pytest

from pipelines.extraction import languages as language_rules
from pipelines.extraction.document import extract_document
from pipelines.extraction.topic_context import COUNTED_TOPICS, TOPIC_WORDS, profile
from pipelines.extraction.topic_profiles import decide as _decide
from pipelines.extraction.topics import COUNTED


def readings(text: str, language: str, subject: str | None = None) -> dict[str, tuple[str, str]]:
    """figure_text -> (topic, metric) of every figure of ``text``."""
    frame = extract_document(text, language, 2025, subject=subject)
    return {r["figure_text"]: (r["topic"], r["metric"]) for r in frame.iter_rows(named=True)}


# --- the paragraph says what an amount with no keyword is ----------------------------------

@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # the paragraph is about a budget: the country's share of it is capex
        ("Le budget total du supercalculateur atteint 541 millions d'euros. La France en versera 263 millions.",
         "fr", "263 millions", ("capex", "amount")),
        ("The machine's total budget is €500 million. Germany will provide €250 million.", "en",
         "€250 million", ("capex", "amount")),
        # ... and a startup's round: the amount is the startup's
        ("La start-up a bouclé un tour de table mené par des investisseurs américains. "
         "Un industriel versera 100 millions d'euros.", "fr",
         "100 millions d'euros", ("startups", "amount")),
    ],
)
def test_an_amount_with_no_keyword_takes_its_paragraph_topic(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_an_amount_with_no_keyword_and_no_context_stays_other() -> None:
    assert readings("Un montant : 3 millions d'euros.", "fr")["3 millions d'euros"] == ("other", "amount")


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # the series of the paragraph's last amount, not its words: "investierte" (capex) and
        # "Venture Capital" (not a start-up word) would make it capex
        ("Die deutsche Venture Capital Industrie investierte 2014 etwa 1,5 Milliarden Euro in junge "
         "Firmen. Dies ist ein Anstieg gegenüber dem Jahr 2013 mit etwa 1,13 Milliarden Euro.", "de",
         "1,13 Milliarden Euro", ("startups", "amount")),
        # a revenue is other: its earlier year too, whatever the spending words around it
        ("The company's revenue reached €1.5 billion in 2014 after the spending programme of its data "
         "centres. That is up from about €1.13 billion in 2013.", "en", "€1.13 billion", ("other", "amount")),
    ],
)
def test_an_amount_with_no_keyword_continues_the_series_of_its_paragraph(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_the_series_stops_at_the_paragraph() -> None:
    text = "The company's revenue reached €1.5 billion in 2014.\n\nFor its data centres, the figure is €1.13 billion."
    assert readings(text, "en")["€1.13 billion"] == ("capex", "amount")


def test_the_paragraph_is_the_line_not_the_document() -> None:
    # the budget's paragraph says nothing of an amount a later paragraph states after other words
    # (a sentence that opens its paragraph continues the series before it: the test below)
    text = "Le budget total atteint 541 millions d'euros.\n\nLe projet avance. La France en versera 263 millions."
    assert readings(text, "fr")["263 millions"] == ("other", "amount")


# --- a generic capex word next to a startup's round or the AI-factories programme ---------------

@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        ("La jeune pousse a bouclé sa levée de fonds en série B. Le fonds américain a investi "
         "300 millions d'euros.", "fr", "300 millions d'euros", ("startups", "funding")),
        ("The startup closed its Series B round with new investors. A US fund invested $300 million.",
         "en", "$300 million", ("startups", "funding")),
        ("L'UE sélectionne six nouvelles usines d'IA. Le fonds mobilisera 485 millions d'euros.", "fr",
         "485 millions d'euros", ("ai_factories", "programme_funding")),
        # no startup or programme in the paragraph: a plain investment
        ("Le groupe construit un entrepôt. Il investira 300 millions d'euros.", "fr",
         "300 millions d'euros", ("capex", "investment")),
        # a paragraph that names neither: the document's subject (a venture-capital report)
        ("Le financement des startups a atteint 79 milliards de dollars au deuxième trimestre.\n\n"
         "Dans l'IA, les fonds investis ont atteint 24 milliards de dollars.", "fr",
         "24 milliards de dollars", ("startups", "funding")),
    ],
)
def test_generic_investment_words_give_way_to_the_paragraph(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        ("Investors backed only 36 rounds of $100 million or more for European startups.", "en",
         "$100 million", ("startups", "funding_round")),
        ("That is half of the $100 billion invested in Europe's startups in 2021.", "en",
         "$100 billion", ("startups", "vc_investment")),
        ("Venture funding for defence reached $5.2 billion in 2024.", "en", "$5.2 billion",
         ("startups", "vc_investment")),
        ("Son tour d'amorçage s'élevait à 105 millions d'euros.", "fr", "105 millions d'euros",
         ("startups", "funding_round")),
    ],
)
def test_startup_funding_words_in_the_sentence_beat_generic_investment(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


# --- counts of domain nouns: the context chooses among the topics the noun can have ------------

@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        ("Le marché des data centers explose : 114 MW ont été loués. Equinix y exploite 83 sites.", "fr",
         "83 sites", ("compute", "site_count")),
        ("The data center market is booming, with 8,300 MW of capacity. Equinix operates 83 sites.", "en",
         "83 sites", ("compute", "site_count")),
        ("The supercomputer draws 150 MW. Residents counted 35 turbines nearby.", "en",
         "35 turbines", ("compute", "generator_count")),
        ("Le projet de data center prévoit deux bâtiments de 24 salles informatiques.", "fr",
         "deux bâtiments", ("compute", "building_count")),
        # nothing in the text says what the sites are for: the noun's first topic
        ("Le groupe possède 83 sites.", "fr", "83 sites", ("other", "site_count")),
        ("La stratégie nationale finance quatre instituts de recherche.", "fr", "quatre instituts",
         ("capex", "institute_count")),
    ],
)
def test_a_domain_noun_takes_the_topic_of_its_context(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        ("La French Tech compte 600 pépites.", "fr", "600 pépites", ("startups", "startup_count")),
        ("Les jeunes pousses ont réalisé 585 tours de financement.", "fr", "585 tours de financement",
         ("startups", "funding_round_count")),
        ("Investors backed 163 rounds in 2022.", "en", "163 rounds", ("startups", "funding_round_count")),
        ("The partition has 2978 nodes.", "en", "2978 nodes", ("compute", "node_count")),
        ("Les trois fondateurs gardent le contrôle.", "fr", "trois fondateurs", ("startups", "founder_count")),
        ("Plus de 200 dirigeants étaient présents.", "fr", "200 dirigeants", ("other", "executive_count")),
    ],
)
def test_nouns_with_one_topic_decide_alone(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_the_heading_above_decides_when_the_paragraph_does_not() -> None:
    text = "# Les usines d'IA de l'Union\n\nL'appel a déjà reçu 76 candidatures."
    assert readings(text, "fr")["76 candidatures"] == ("ai_factories", "expression_of_interest_count")


def test_the_document_and_its_subject_decide_last() -> None:
    text = "Le chantier avance.\n\nLe projet prévoit deux bâtiments."
    assert readings(text, "fr")["deux bâtiments"] == ("other", "building_count")
    subject = "Le plus gros data center de France, en Essonne"
    assert readings(text, "fr", subject)["deux bâtiments"] == ("compute", "building_count")


def test_countries_are_the_programmes_only_in_its_sentence() -> None:
    text = "L'UE finance des usines d'IA. Le sommet a réuni 60 pays."
    assert readings(text, "fr")["60 pays"] == ("other", "country_count")


# --- bare counts, percentages, factors and durations -----------------------------------------

def test_a_bare_count_takes_the_reading_of_the_earlier_count_of_its_sentence() -> None:
    text = "Nous avons recensé 45 data centers en projet : 27 annoncés, 11 en cours d'instruction et 8 en construction."
    got = readings(text, "fr")
    assert got["11"] == got["8"] == ("compute", "data_centre_count")


def test_a_bare_count_with_no_earlier_count_takes_its_context() -> None:
    text = "Les data centers se multiplient en France. Des chantiers sont prévus sur 26 d'entre eux."
    assert readings(text, "fr")["26"] == ("compute", "count")


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # the percentage is the change of the amount next to it
        ("Venture funding reached $5.2 billion in 2024, up 30% over two years.", "en", "30%",
         ("startups", "growth_rate")),
        ("Les dépenses en capital atteindront 70 milliards de dollars, en hausse de 22 %.", "fr", "22 %",
         ("capex", "growth_rate")),
        # no figure in the sentence: the paragraph
        ("Le budget total atteint 541 millions d'euros. L'UE en apportera 50 %.", "fr", "50 %",
         ("capex", "share")),
        ("Over the same period, the European VC market shrank by 45%.", "en", "45%",
         ("startups", "decline_rate")),
    ],
)
def test_a_percentage_is_of_its_sentences_figure_or_paragraph(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_a_factor_takes_the_topic_of_what_its_sentence_compares() -> None:
    got = readings("Les start-up ont levé 2 milliards d'euros, soit dix fois plus qu'en 2015.", "fr")
    assert got["dix fois"][0] == "startups"
    # the sentence's subject, not the paragraph's: downloads are no startup figure
    got = readings("The startup is valued at $3 billion. Its models were downloaded 400 million times.", "en")
    assert got["400 million times"][0] == "other"
    # energy use and power density are compute's (codebook: data-centre capacity and power)
    assert readings("Rack power density in AI data centres will rise 14x by 2027.", "en")["14x"] == (
        "compute", "energy_ratio")
    assert readings("Die Zahl der Rechenzentren hat sich verdreifacht.", "de")["verdreifacht"] == (
        "compute", "growth_rate")


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        ("It took only 19 days to bring the xAI supercomputer and its Nvidia GPUs online.", "en", "19 days",
         ("compute", "days")),
        ("Just four weeks after launching, the startup raised $113 million.", "en", "four weeks",
         ("startups", "weeks")),
        # one topic word is not enough: "deux ans après" dates the sentence, it is no measure
        ("Deux ans après la sortie de ChatGPT, les coûts baissent.", "fr", "Deux ans", ("other", "duration")),
    ],
)
def test_a_duration_needs_a_sentence_clearly_about_one_topic(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_an_area_is_compute_when_its_paragraph_is_about_a_data_centre() -> None:
    from pipelines.extraction.model import Figure, Sentence
    from pipelines.extraction.topic_context import TopicContext

    def area(text: str) -> tuple[str, str]:
        i = text.index("32")
        figure = Figure(i, i + 11, 320000.0, 320000.0, 320000.0, "exact", "m2")
        context = TopicContext(text, [Sentence(0, len(text), text, "body")], "fr")
        return context.resolve(0, [(figure, "other", "area")])[0]

    assert area("Le data center s'étend sur 32 hectares.") == ("compute", "area")
    assert area("Le parc d'activités compte 32 hectares.") == ("other", "area")


# --- worth ------------------------------------------------------------------------------------

def test_a_startups_worth_is_its_valuation_and_a_contracts_worth_its_value() -> None:
    text = ("Helsing did not disclose its latest valuation. The startup is now worth about €12 billion, "
            "after a Series C round.")
    assert readings(text, "en")["€12 billion"] == ("startups", "valuation")
    text = "The data center will host 10,000 GPUs. The five-year agreement is worth $6.2 billion."
    assert readings(text, "en")["$6.2 billion"] == ("capex", "contract_value")
    text = "Microsoft's market cap is $3tn. Its stock is worth $3tn."
    assert readings(text, "en")["$3tn"] == ("other", "market_cap")
    # each language's words (topics.worth_words, stock_words): "einen Wert von" in a text on a start-up
    text = ("Das Start-up sammelte in einer Finanzierungsrunde Geld ein. Helsing hatte danach einen Wert von "
            "1,7 Milliarden Euro erreicht und war damit ein Einhorn.")
    assert readings(text, "de")["1,7 Milliarden Euro"] == ("startups", "valuation")
    text = "Die Aktie der SAP hat einen Wert von 200 Milliarden Euro an der Börse."
    assert readings(text, "de")["200 Milliarden Euro"] == ("other", "market_cap")
    # a "market value" with no stock market named is a start-up's valuation in a text on start-ups
    text = "Als Einhorn werden Start-ups mit einem Marktwert von über einer Milliarde US-Dollar bezeichnet."
    assert readings(text, "de")["einer Milliarde US-Dollar"] == ("startups", "valuation")
    text = "Der Marktwert der SAP-Aktie an der Börse liegt bei 200 Milliarden Euro, sagen Start-up-Gründer."
    assert readings(text, "de")["200 Milliarden Euro"] == ("other", "market_cap")


def test_a_telecom_networks_figures_are_other_and_the_money_spent_on_it_capex() -> None:
    # a network's connections, coverage or subscribers are no topic of the dataset (other), even in
    # a text about the money a telecom invests; that money is capex, as money spent on compute is
    text = ("Vodafone will invest €2 billion in its fibre network this year. It aims to double the "
            "number of broadband connections by 2027.")
    assert readings(text, "en")["€2 billion"] == ("capex", "investment")
    assert readings(text, "en")["double"] == ("other", "growth_rate")
    text = "Die Telekom investiert 5 Milliarden Euro in ihr Netz. Die Zahl der Glasfaseranschlüsse soll sich verdoppeln."
    assert readings(text, "de")["verdoppeln"] == ("other", "growth_rate")
    assert profile("Glasfaserausbau und Mobilfunknetz", "de") == {"network": 2}
    assert _decide({"network": 2, "capex": 1}, ("capex", "other"), money=True) == "capex"
    assert _decide({"network": 2, "capex": 1}, ("capex", "other"), money=False) == "other"


# --- the data -------------------------------------------------------------------------------

def test_topic_words_are_one_table_per_language() -> None:
    assert set(TOPIC_WORDS) == {"common"}  # each language's words are in its resource
    for code in language_rules.languages():
        assert set(language_rules.table(code, "topics", "words", reading=False)) <= {
            "compute", "capex", "ai_factories", "startups", "other", "network", "investment"}
    # "Investoren" is no start-up word in German (a telecom's, a state's investors): three words here
    assert profile("Die Start-ups sammelten Risikokapital bei Investoren ein.", "de") == {"startups": 3}
    assert profile("Les jeunes pousses ont levé des fonds auprès d'investisseurs.", "fr") == {"startups": 3}
    assert profile("The startups raised money from investors.", "en") == {"startups": 3}
    # deals in the plural are a venture-capital report's transactions; one deal is any agreement
    assert profile("Europe's deals fell for the fourth quarter to 156.", "en") == {"startups": 1}
    assert profile("Die Zahl der Deals sank, denn der Deal mit Bosch umfasst Subventionen.", "de") == {"startups": 1, "capex": 1}
    # graphics cards are compute, in every language
    assert profile("4000 Grafikkarten", "de") == {"compute": 1}
    assert profile("4000 cartes graphiques", "fr") == {"compute": 1}
    # business angels and (German) capital providers fund start-ups
    assert profile("Business Angels und weitere Kapitalgeber beteiligten sich.", "de") == {"startups": 2}
    assert profile("Angel investors and business angels joined.", "en") == {"startups": 2}
    # French words are not read in English text
    assert profile("jeunes pousses", "en") == {}
    # a named programme weighs more than common words
    assert profile("Les usines d'IA et leurs puces", "fr") == {"ai_factories": 3, "compute": 1}
    # "raised" is a round only with money after it ("born and raised", "raised concerns" are not)
    assert profile("Workers born and raised here raised concerns.", "en") == {}


def test_counted_tables_do_not_overlap() -> None:
    # a noun of one topic is decided by its sentence; only "other" nouns may be re-read in context
    assert all(COUNTED[noun][0] == "other" for noun in set(COUNTED_TOPICS) & set(COUNTED))
    for metric, candidates, _ in COUNTED_TOPICS.values():
        assert metric.endswith("_count") and candidates


def test_an_area_in_a_text_about_a_data_centre_is_its_plot() -> None:
    text = ("The operator plans a 300 MW data centre campus near the town.\n\n"
            "The parcel covers 12 hectares, of which 4 hectares are woodland.")
    got = readings(text, "en")
    assert got["12 hectares"] == ("compute", "area")
    assert got["4 hectares"] == ("compute", "area")
    # no data centre in the text: an area is other
    assert readings("The science park covers 23 hectares.", "en")["23 hectares"] == ("other", "area")


def test_a_duration_with_no_topic_in_its_sentence_takes_the_rest_of_its_paragraph() -> None:
    got = readings("Wayve raised $1.05 billion in a Series C round led by investors. "
                   "The seven-year-old company is based in London.", "en")
    assert got["seven-year"] == ("startups", "duration")


def test_a_duration_with_no_topic_in_its_paragraph_takes_its_documents_subject() -> None:
    text = ("Der Supercomputer des Rechenzentrums hat 9.728 Prozessorkerne.\n\n"
            "Die Betriebszeit ist auf sechs Jahre angelegt.")
    assert readings(text, "de")["sechs Jahre"] == ("compute", "duration")
    # a document that names its subject once is too thin to say what a duration is about ...
    assert readings("Der Supercomputer steht in Garching.\n\nDie Betriebszeit ist auf sechs Jahre angelegt.",
                    "de")["sechs Jahre"] == ("other", "duration")
    # ... so is one whose words are shared by several subjects (a report on many) ...
    text = ("Le supercalculateur compte 9 728 processeurs et des GPU. Les start-up lèvent des fonds auprès "
            "d'investisseurs.\n\nLe chantier a duré deux ans.")
    assert readings(text, "fr")["deux ans"] == ("other", "duration")
    # ... and a time to come says nothing of it
    text = ("Le supercalculateur du centre de calcul compte 9 728 processeurs et des GPU.\n\n"
            "Nous devons agir, parce que dans 5 ans, il sera trop tard.")
    assert readings(text, "fr")["5 ans"] == ("other", "duration")


def test_a_share_of_a_capacity_is_compute() -> None:
    # codebook: a percentage takes the topic of what it describes; a data centre's energy is compute's
    got = readings("Hosted by a data center that runs on 100% renewable energy, Gefion has 1,528 GPUs.", "en")
    assert got["100%"] == ("compute", "share")


def test_a_change_with_no_subject_in_its_paragraph_is_the_documents() -> None:
    text = ("Le capital de risque au Québec a atteint un record ce trimestre.\n\n"
            "À Montréal, il y a eu neuf transactions plutôt que 16. Cette baisse de 44 % a été compensée.")
    assert readings(text, "fr")["44 %"] == ("startups", "decline_rate")


def test_an_age_is_a_start_ups_where_the_text_is_about_start_ups() -> None:
    got = readings("Mistral raised €600 million in a Series B round. The firm is just over a year old. "
                   "The seven-year-old Wayve builds AI.", "en")
    assert got["a year"][0] == "startups"
    assert got["seven-year"][0] == "startups"
    assert readings("The bridge over the river is a year old.", "en")["a year"][0] == "other"


@pytest.mark.parametrize(("text", "language", "figure"), [
    # the object of the change names what changes, not the amount before it
    ("Deutschland sollte 60 Milliarden Euro investieren und die heimischen Rechenkapazitäten verdreifachen.", "de",
     "verdreifachen"),
    ("Microsoft has committed €3.2 billion to double its data centre capacity in Frankfurt.", "en", "double"),
    ("L'État investit 2 milliards d'euros pour tripler la capacité des centres de données.", "fr", "tripler"),
    # ... even where the sentence's subject names another topic
    ("Ces usines d'IA vont plus que doubler la capacité de calcul d'EuroHPC.", "fr", "doubler"),
    ("The new AI factories will triple the computing capacity of EuroHPC.", "en", "triple"),
])
def test_a_change_by_a_factor_is_of_what_its_object_names(text: str, language: str, figure: str) -> None:
    assert readings(text, language)[figure][0] == "compute"


# --- counts of nouns no table knows, people, and names that say the topic --------------------

@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # a noun no table knows is counted in its paragraph's subject
        ("Each data centre building spans three wings of GPU halls.", "en", "three wings", ("compute", "count")),
        ("Die Start-ups der Region haben 80 Büros eröffnet.", "de", "80 Büros", ("startups", "count")),
        ("Le fonds de capital-risque mise sur les start-ups : deux autres dossiers sont à l'étude.", "fr",
         "deux autres dossiers", ("startups", "count")),
        # ... and stays other where the paragraph says nothing
        ("The report lists four approaches.", "en", "four approaches", ("other", "count")),
    ],
)
def test_a_count_of_a_noun_no_table_knows_takes_its_paragraphs_topic(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # people employed or trained are other whatever the text is about (codebook)
        ("The data centre campus will create 300 jobs.", "en", "300 jobs", ("other", "job_count")),
        ("Le plan national pour le calcul intensif finance 150 professeurs.", "fr", "150 professeurs",
         ("other", "professor_count")),
        ("Die KI-Strategie des Bundes finanziert 100 neue KI-Professuren.", "de", "100 neue KI-Professuren",
         ("other", "professor_count")),
        ("Für das Rechenzentrum arbeiten 400 Experten.", "de", "400 Experten", ("other", "expert_count")),
    ],
)
def test_people_and_their_posts_are_other(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_a_start_up_named_in_the_text_makes_its_weak_figures_the_start_ups() -> None:
    text = "Mistral AI has grown fast this year and now has 6 offices. Its annual sales reached $400 million."
    plain = extract_document(text, "en", 2025)
    named = extract_document(text, "en", 2025, names=(("startups", "Mistral AI"),))
    topics = {r["figure_text"]: r["topic"] for r in plain.iter_rows(named=True)}
    assert topics == {"$400 million": "other", "6 offices": "other"}
    topics = {r["figure_text"]: r["topic"] for r in named.iter_rows(named=True)}
    assert topics == {"$400 million": "startups", "6 offices": "startups"}
    # the name as written only: the wind is not the company
    windy = extract_document(text.replace("Mistral AI", "The mistral ai"), "en", 2025, names=(("startups", "Mistral AI"),))
    assert set(windy["topic"]) == {"other"}


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # a count a capacity is compared with restates that capacity (TOPICS.md rule 8)
        ("Le site offre 130 MW (soit la consommation d’une ville de plus de 200 000 habitants).", "fr",
         "200 000 habitants", ("compute", "person_count")),
        ("The campus draws 300 MW, equivalent to the power consumption of three cities.", "en",
         "three cities", ("compute", "count")),
        ("Der Campus braucht 300 MW und ist so groß wie 29 Fußballfelder.", "de", "29 Fußballfelder",
         ("compute", "count")),
        # ... and people counted for themselves stay other
        ("Le site offre 130 MW et emploie 200 personnes.", "fr", "200 personnes", ("other", "person_count")),
        # an amount of money is never what a use is compared with
        ("Le centre de données a coûté plus d'un milliard d'euros et devrait consommer autant que 60 000 habitants.", "fr",
         "60 000 habitants", ("compute", "person_count")),
        # a percentage after a comparison restates the capacity too
        ("Les centres de données demandent 15 GW, de quoi alimenter 70 % des ménages du pays.", "fr",
         "70 %", ("compute", "population_share")),
        # a cue may hold a comma, which is no clause break inside it
        ("Die Wärmepumpen liefern 1.800 Kilowatt – genug, um etwa 1.000 Haushalte zu versorgen.", "de",
         "1.000 Haushalte", ("compute", "household_count")),
    ],
)
def test_a_count_used_as_a_comparison_takes_the_topic_of_what_it_is_compared_with(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_names_count_once_and_never_for_the_companies_they_name() -> None:
    names = (("startups", "OpenAI"), ("startups", "Mistral AI"))
    # the companies counted are the names around the count: the names say nothing of it
    text = "Stargate sera financé par SoftBank, OpenAI et Oracle, trois leaders du secteur."
    frame = extract_document(text, "fr", 2025, names=names)
    assert frame.select("figure_text", "topic").rows() == [("trois leaders", "other")]
    # a name counts once per text, however often it is written
    from pipelines.extraction.topic_context import profile
    assert profile("Mistral AI, Mistral AI et Mistral AI.", "fr", names) == {"startups": 1}


def test_a_generic_investment_factor_is_the_start_ups_in_a_paragraph_about_them() -> None:
    text = ("Die Start-ups in München sammelten 2019 mehr Wagniskapital als in Berlin. Dabei ist das durchschnittliche "
            "Investitionsvolumen fast doppelt so hoch wie in der Hauptstadt.")
    assert readings(text, "de")["doppelt"] == ("startups", "funding_ratio")
    text = "Die Rechenzentren brauchen Strom. Das Investitionsvolumen ist doppelt so hoch wie 2020."
    assert readings(text, "de")["doppelt"][0] != "startups"


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        ("Dans l'Hexagone, les start-up de l'IA emploient déjà 36 000 personnes.", "fr", "36 000 personnes",
         ("startups", "person_count")),
        ("Mehr als 90 Start-ups beschäftigten mindestens 250 Menschen.", "de", "250 Menschen", ("startups", "person_count")),
        # the same people in a sentence on a data centre are other
        ("The data centre campus will employ 300 people.", "en", "300 people", ("other", "person_count")),
        # start-ups counted after the jobs are a quantity beside them, not their employer
        ("France has 20,398 AI job vacancies and 453 start-up AI companies.", "en", "20,398 AI job vacancies",
         ("other", "job_count")),
        ("Die 750 Start-ups schufen 35.000 Arbeitsplätze.", "de", "35.000 Arbeitsplätze", ("startups", "job_count")),
    ],
)
def test_people_and_jobs_of_start_ups_are_theirs(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


@pytest.mark.parametrize(("text", "language", "figure", "expected"), [
    # sites in a paragraph on the AI factories programme are its host sites (TOPICS rule 2) ...
    ("The Commission received 76 expressions of interest for AI gigafactories. These proposed facilities, "
     "planned at around 60 sites, aim to be large-scale AI computing hubs.", "en", "60 sites",
     ("ai_factories", "site_count")),
    ("Sept usines d'IA ont été sélectionnées. Cinq des sites d'accueil sélectionnés déploieront de nouveaux "
     "supercalculateurs.", "fr", "Cinq des sites", ("ai_factories", "site_count")),
    # ... and so are the countries it counts (TOPICS rule 7) ...
    ("Die Bewerbungsphase für die KI-Gigafactories beginnt 2025. Erwartet werden Bewerbungen aus rund 20 "
     "Mitgliedstaaten.", "de", "20 Mitgliedstaaten", ("ai_factories", "country_count")),
    # ... in a paragraph that does not name it, in a text about it ...
    ("Die EU baut sieben KI-Fabriken. Die KI-Fabriken sollen Start-ups Rechenzeit geben.\n"
     "Die sieben Vorschläge stammen aus fünfzehn EU-Mitgliedstaaten.", "de", "fünfzehn EU-Mitgliedstaaten",
     ("ai_factories", "country_count")),
    # ... and the applications to its call, its expressions of interest ...
    ("The Commission closed the call for expressions of interest in the AI gigafactories. A total of 76 "
     "applications were submitted.", "en", "76 applications", ("ai_factories", "expression_of_interest_count")),
    # ... while a data-centre operator's sites stay compute, and countries elsewhere other
    ("The operator runs data centres at 12 sites across Europe.", "en", "12 sites", ("compute", "site_count")),
    ("The platform hosts 76 applications for its cloud customers.", "en", "76 applications", ("other", "count")),
    ("The survey covered companies in 20 countries.", "en", "20 countries", ("other", "country_count")),
])
def test_sites_in_a_paragraph_on_the_ai_factories_are_the_programme_s(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_an_amount_worth_of_something_is_no_valuation() -> None:
    got = readings("It follows £25 billion worth of new investment in data centres. Mistral is worth $14 billion.", "en")
    assert got["£25 billion"] == ("capex", "investment")
    assert got["$14 billion"][1] in ("valuation", "market_cap")


def test_an_amount_nothing_names_reads_a_document_that_says_twice_whose_it_is() -> None:
    text = ("Die AI Factory Austria startet an der TU Wien. Die KI-Fabrik ist Teil des EU-Programms der KI-Fabriken.\n\n"
            "Für Kauf und Betrieb sind 50 Millionen Euro eingeplant.")
    assert readings(text, "de")["50 Millionen Euro"] == ("ai_factories", "programme_funding")


@pytest.mark.parametrize(("text", "language", "figure", "expected"), [
    # chips counted under a text on the gigafactories are the programme's specification, even in a
    # paragraph that names only "these installations" ...
    ("La Commission lance ses gigafactories d'IA.\n\nCes installations viseront plus de 100 000 puces d'IA.", "fr",
     "100 000 puces", ("ai_factories", "chip_count")),
    ("The EU will build AI gigafactories.\n\nEach of these sites will hold more than 100,000 advanced AI chips.", "en",
     "100,000 advanced AI chips", ("ai_factories", "chip_count")),
    # ... not those of a report that names the gigafactories further on, among other subjects ...
    ("Le Royaume-Uni mise sur ses centres de données, le cloud et les puces.\n\nLondres attire des investissements "
     "américains : la livraison de 120 000 GPU par Nvidia.\n\nL'Union prépare des gigafactories d'IA.", "fr",
     "120 000 GPU", ("compute", "gpu_count")),
    # ... nor the chips of a machine that runs today, in a paragraph that names it
    ("Die EU plant KI-Gigafabriken.\n\nIn Jülich wird der Supercomputer Jupiter gebaut. Hier sind 24.000 "
     "KI-Grafikprozessoren verbaut.", "de", "24.000 KI-Grafikprozessoren", ("compute", "gpu_count")),
])
def test_chips_under_a_text_on_the_gigafactories_are_the_programme_s(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


@pytest.mark.parametrize(("text", "language", "figure", "expected"), [
    # a state's co-funding of its AI factory is the programme's funding ...
    ("The centre will receive €50 million from the EU to build the AI factory. An additional 340 million PLN "
     "will be provided by the Polish government.", "en", "340 million PLN", ("ai_factories", "programme_funding")),
    ("Die KI-Fabrik erhält 30 Millionen Euro von der EU. Weitere 20 Millionen Euro kommen vom Bundesministerium.",
     "de", "20 Millionen Euro", ("ai_factories", "programme_funding")),
    # ... where the document, not the paragraph, names the programme
    ("Jülich baut eine KI-Fabrik. Die KI-Fabrik soll 2026 starten.\n\nFinanziert wird das Projekt mit "
     "insgesamt 500 Millionen Euro vom Bund und der EU.", "de", "500 Millionen Euro",
     ("ai_factories", "programme_funding")),
    # the EU's share of a gigafactory's cost is the programme's
    ("Die EU plant KI-Gigafabriken. Jede Gigafabrik kostet rund sechs Milliarden Euro.\n\n"
     "Die EU-Förderung soll etwa 30 Prozent dieser Kosten abdecken.", "de", "30 Prozent",
     ("ai_factories", "cost_share")),
    # ... and a government's grant elsewhere stays public funding of capex, its share of a cost capex
    ("The government will provide £36 million to upgrade the supercomputer.", "en", "£36 million",
     ("capex", "public_funding")),
    ("Der Bund plant neue Rechenzentren.\n\nDie Förderung soll etwa 30 Prozent dieser Kosten abdecken.", "de",
     "30 Prozent", ("capex", "cost_share")),
])
def test_who_pays_for_an_ai_factory_funds_the_programme(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


@pytest.mark.parametrize(("text", "language", "figure", "expected"), [
    # bare antennas are a network's, unless their paragraph is about the AI factories programme
    ("Die Telekom hat 63.000 Antennen gebaut.", "de", "63.000 Antennen", ("other", "count")),
    ("The EU selected 13 AI Factories and 6 antennas.", "en", "6 antennas", ("ai_factories", "ai_factory_antenna_count")),
    ("Six AI Factory antennas were selected.", "en", "Six AI Factory antennas", ("ai_factories", "ai_factory_antenna_count")),
])
def test_antennas_are_the_programme_s_only_on_it(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_young_companies_are_start_ups_in_german() -> None:
    # "Jungunternehmen", "junge Unternehmen" are the Swiss and German press's start-ups: the generic
    # investment of their paragraph is start-up funding, not capex
    got = readings("Schweizer Jungunternehmen und junge Unternehmen aus Zürich erhielten 2018 neue Mittel. "
                   "Im IT-Segment wurden 685 Mio. Fr. investiert.", "de")
    assert got["685 Mio. Fr."] == ("startups", "funding")


def test_the_generic_word_of_an_amount_does_not_vote_again_in_its_paragraph() -> None:
    # "investments" made the amount a generic investment; its paragraph names nothing else, so the
    # document (a venture-capital report) says whose money it is
    text = ("Global venture capital investments fell this quarter, KPMG's venture capital report says.\n\n"
            "In Asia investments fell from 21.5 billion to 17.7 billion euros.")
    assert readings(text, "en")["17.7 billion euros"] == ("startups", "funding")


def test_an_ai_factory_named_with_its_acronym_in_parentheses_is_the_programme() -> None:
    # "artificial intelligence (AI) factory" names the programme as "AI factory" does
    text = ("Slovenia will upgrade its supercomputer with an artificial intelligence (AI) factory. "
            "The EU is expected to contribute half of the funding for the EUR 150 million project.")
    assert readings(text, "en")["EUR 150 million"][0] == "ai_factories"


def test_deals_are_start_ups_in_a_venture_capital_report_full_of_investment_words() -> None:
    text = ("Les investissements en capital de risque au Canada ont reculé au premier semestre.\n\n"
            "Un investissement de 1,65 G$ a été réparti sur 182 transactions, et les investissements "
            "totaux ont atteint 6,2 G$ investis dans 371 transactions.")
    got = readings(text, "fr")
    assert got["182 transactions"] == ("startups", "deal_count") and got["371 transactions"] == ("startups", "deal_count")


def test_mega_deals_are_start_up_words() -> None:
    # mega deals and "mégatransactions" are venture capital's: the paragraph's money is start-ups'
    text = "Un investissement total de 4 G$ a été réparti sur 25 mégatransactions, dont 3,3 G$ au premier trimestre."
    assert readings(text, "fr")["4 G$"][0] == "startups"
    text = "Investment rose to €20 billion, mainly due to two mega deals of more than €1 billion."
    assert readings(text, "en")["€20 billion"][0] == "startups"


def test_topic_words_are_read_whatever_their_case() -> None:
    # the profile's pattern has lower-case literals and reads the lower-cased text: the same counts
    # as a case-insensitive pattern, escapes such as \W and \S kept as written
    from pipelines.extraction.topic_profiles import _lower_literals

    assert _lower_literals(r"(?P<compute>GPUs?\s+\W[A-Z]\S)") == r"(?P<compute>gpus?\s+\W[a-z]\S)"
    assert profile("GPUS, gpus and Data Centres; the STARTUPS", "en") == profile("gpus, GPUs and data centres; the start-ups", "en")
    assert profile("GPUS, gpus and Data Centres", "en")["compute"] == 3


@pytest.mark.parametrize(("text", "language", "figure", "expected"), [
    # a bare "factories" is the programme's where the text names it (the name elided) ...
    ("EuroHPC selected seven AI factories; the seven factories open in 2026.", "en", "seven factories",
     ("ai_factories", "ai_factory_count")),
    ("La Commission a sélectionné sept usines d'IA. Les sept usines ouvriront en 2026.", "fr", "sept usines",
     ("ai_factories", "ai_factory_count")),
    # ... and factories of any kind in a text that never names the programme
    ("The carmaker runs 12 factories in Europe.", "en", "12 factories", ("other", "count")),
    ("Le groupe possède 12 usines en France.", "fr", "12 usines", ("other", "count")),
])
def test_bare_factories_are_the_programme_s_only_in_a_text_about_it(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_a_topic_word_opening_a_hyphenated_compound_counts_one_closing_it_does_not() -> None:
    # the first element names what the compound is about; a word after a hyphen is a modifier's
    assert profile("Die VC-Investments stiegen.", "de") == {"startups": 1}
    assert profile("Un GPU-cluster de Nvidia.", "fr") == {"compute": 2}
    assert profile("An anti-cloud stance.", "en") == {}


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # a factor whose sentence names nothing compares the amount just stated
        ("Schweizer Jungunternehmen erhielten 2018 1,2 Mrd. Fr. neues Kapital. Die Summe entspricht dem "
         "Vierfachen des 2012 verzeichneten Betrags.", "de", "Vierfachen", ("startups", "ratio")),
        ("Microsoft spent $80 billion on data centres in 2025. That is three times the 2020 level.", "en",
         "three times", ("capex", "ratio")),
    ],
)
def test_a_factor_whose_sentence_names_nothing_compares_the_last_amount_of_its_paragraph(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_a_factor_does_not_reach_an_amount_of_another_paragraph() -> None:
    text = "Schweizer Jungunternehmen erhielten 2018 1,2 Mrd. Fr. neues Kapital.\n\nDas ist das Vierfache."
    assert readings(text, "de")["Vierfache"] == ("other", "ratio")


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # the temperatures of a data centre's servers and cooling are its physical quantities (TOPICS rule 4)
        ("Die Server des Rechenzentrums erzeugen Abwärme mit etwa 28 °C. Sie wird auf 81 °C angehoben.", "de",
         "81 °C", ("compute", "temperature")),
        # a temperature in a text about no data centre stays other
        ("The summer was hot: temperatures reached 35 °C in July.", "en", "35 °C", ("other", "temperature")),
    ],
)
def test_a_temperature_is_compute_in_a_text_about_a_data_centre(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_a_change_of_money_read_from_a_shared_word_is_whose_its_paragraph_says() -> None:
    text = ("Le baromètre des levées de fonds des start-up recense 1 200 tours de table. La fintech revient "
            "avec une augmentation de 57 % des financements.")
    assert readings(text, "fr")["57 %"] == ("startups", "growth_rate")
    # with no start-up or programme around it, the change of the money stays capex
    assert readings("Les opérateurs annoncent une augmentation de 57 % des financements.", "fr")["57 %"] == \
        ("capex", "growth_rate")


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # a length said to be a height is a building's: a data centre's in a text about one
        ("Das Rechenzentrum wird rund 23 Meter hoch, die Schornsteine haben eine Höhe von bis zu 35 Metern.",
         "de", "35 Metern", ("compute", "building_height")),
        ("The site is 5 km from the town; the data centre will be 30 metres high.", "en",
         "30 metres", ("compute", "building_height")),
        # a distance stays a distance (TOPICS rule 4), and a height in a text about no data centre other
        ("The site is 5 km from the town; the data centre will be 30 metres high.", "en",
         "5 km", ("other", "distance")),
        ("La tour fera 30 mètres de haut.", "fr", "30 mètres", ("other", "building_height")),
        # a length or a width is the building's too, and stays a length
        ("Das Rechenzentrum wird ein 168 Meter langer und 79 Meter breiter Kubus.", "de", "79 Meter",
         ("compute", "distance")),
        ("Le data center, un bâtiment de 120 mètres de long, ouvrira en 2026.", "fr", "120 mètres",
         ("compute", "distance")),
        # a length word before the figure is a superlative's as often as a building's
        ("Le data center est relié au câble le plus long du monde avec ses 45 000 km.", "fr", "45 000 km",
         ("other", "distance")),
    ],
)
def test_a_height_or_a_length_is_a_buildings_and_a_data_centres_is_compute(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # a noun that names what is counted says the measure, whatever keyword the sentence holds
        ("Das vierstöckige Rechenzentrum entsteht in Hanau.", "de", "vierstöckige", ("compute", "storey_count")),
        ("The campus will have three data center buildings and 90 MW.", "en", "three data center buildings",
         ("compute", "building_count")),
        ("Les candidatures viennent de 16 États membres et proposent 60 sites pour les usines d'IA.", "fr",
         "16 États membres", ("ai_factories", "country_count")),
    ],
)
def test_a_counted_noun_gives_its_metric_whatever_the_sentence_s_keywords(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


# --- the document's subject decides what its companies and its market are -----------------

_START_UP_TEXTS = {
    "en": "Start-ups raised record venture capital this year, and unicorns multiplied as investors returned.\n",
    "fr": "Les start-up ont levé un montant record de capital-risque, et les licornes se multiplient.\n",
    "de": "Start-ups sammelten Rekordsummen an Risikokapital ein, die Zahl der Einhörner wächst.\n",
}


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        (_START_UP_TEXTS["en"] + "The index lists 900 software firms and 80 hardware companies.", "en", "80 hardware companies"),
        (_START_UP_TEXTS["fr"] + "Le pays compte 450 entreprises du logiciel.", "fr", "450 entreprises"),
        (_START_UP_TEXTS["de"] + "Der Index zählt 900 Softwarefirmen und 80 Unternehmen der Hardware.", "de", "900 Softwarefirmen"),
    ],
)
def test_companies_counted_in_a_text_on_start_ups_are_start_ups(text, language, figure) -> None:
    # the paragraph names no topic; the document's subject does (TOPICS rule 5)
    assert readings(text, language)[figure] == ("startups", "startup_count")


def test_companies_counted_in_a_text_on_another_subject_stay_other() -> None:
    text = ("The data centre campus will host servers and racks for cloud computing and storage.\n"
            "The index lists 900 software firms.")
    assert readings(text, "en")["900 software firms"] == ("other", "company_count")


def test_a_share_of_companies_in_a_text_on_start_ups_is_theirs() -> None:
    text = ("European start-ups raised less venture capital in 2024, and fewer unicorns were minted.\n"
            "American funds supplied 31% of all the capital invested in European companies.")
    assert readings(text, "en")["31%"] == ("startups", "company_share")


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # a venture-capital report's markets are funding markets
        ("Les start-up africaines ont levé 4,8 milliards de dollars en 2022, un record pour les jeunes pousses.\n"
         "Quatre pays concentrent l'essentiel. A eux seuls, ces marchés ont attiré 3,6 milliards de dollars.",
         "fr", "3,6 milliards de dollars", ("startups", "vc_investment")),
        # a text on data centres: the market stays a market
        ("The data centre market in Europe keeps growing, with new data centres and racks.\n"
         "The market reached €47 billion in 2025.", "en", "€47 billion", ("other", "market_size")),
    ],
)
def test_a_market_s_size_in_a_text_on_start_ups_is_their_funding(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_a_series_letter_before_an_elision_is_no_funding_round() -> None:
    # "une série d'expansions": the French elision, not a Series D
    assert profile("la dernière d'une série d'expansions à l'étranger", "fr").get("startups", 0) == 0
    assert profile("Mistral a bouclé une série B de 385 millions", "fr").get("startups", 0) == 1


# --- investment words are capex's and start-ups' alike --------------------------------------

@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # an amount nothing names, in a paragraph whose only topic word is an investment word: the
        # paragraph does not say whose money it is, the document does (a venture-capital report)
        ("Venture capital investors backed 900 startups last year. The startups raised record rounds.\n"
         "America fell from 40.7 billion to 35.8 billion euros. In Asia, investments fell too.", "en",
         "40.7 billion", ("startups", "amount")),
        ("Les start-up ont levé des fonds records auprès des investisseurs en capital-risque.\n"
         "L'Amérique est passée de 40,7 milliards à 35,8 milliards d'euros. En Asie, les financements ont aussi baissé.",
         "fr", "40,7 milliards", ("startups", "amount")),
        ("Die Start-ups sammelten bei Risikokapitalgebern Rekordsummen ein.\n"
         "Amerika fiel von 40,7 auf 35,8 Milliarden Euro. In Asien sanken die Investitionen ebenfalls.", "de",
         "35,8 Milliarden Euro", ("startups", "amount")),
        # ... in a text on data centres, the same paragraph is capex's
        ("The operator builds three data centres with 200 megawatts of servers.\n"
         "America fell from 40.7 billion to 35.8 billion euros. In Asia, investments fell too.", "en",
         "40.7 billion", ("capex", "amount")),
        # ... and with no other word anywhere, investment words make it capex's, as before
        ("America fell from 40.7 billion to 35.8 billion euros. In Asia, investments fell too.", "en",
         "40.7 billion", ("capex", "amount")),
    ],
)
def test_investment_words_alone_leave_whose_money_to_the_next_level(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_the_sentences_own_word_is_not_discounted_in_the_heading_above_it() -> None:
    # the heading names a chip maker (compute: money spent on it is capex) and a start-up; the
    # paragraph's investment words are the sentence's own: discounting one in the heading makes
    # the start-up win there, while the document (data centres, servers) says capex
    text = ("## Nvidia et la start-up Mistral AI créent un campus en France\n\n"
            "Le projet comprend trois data centers et des serveurs de calcul.\n\n"
            "Le fonds d'investissement MGX annonce un campus de 30 milliards d'euros d'investissement.")
    assert readings(text, "fr")["30 milliards d'euros"] == ("capex", "investment")


def test_a_tie_goes_to_the_start_ups_only_where_investment_words_make_capex_s_side() -> None:
    # "investment in startups fell 7%": the investment word is the start-ups' as much as capex's
    assert _decide({"investment": 1, "startups": 1}, ("capex", "startups"), money=True) == "startups"
    # a chip maker and a start-up named side by side: money spent on chips is capex, a round is the
    # start-up's; nothing says which
    assert _decide({"compute": 1, "startups": 1}, ("capex", "startups"), money=True) is None
    # the investment words count for capex
    assert _decide({"investment": 2, "startups": 1}, ("capex", "startups"), money=True) == "capex"


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # a list's items are the paragraph of the line that introduces them: the programme's results
        ("Le programme régional affiche de très bons résultats :\n- 1100 demandes d'accompagnement ;\n"
         "- 750 organisations accompagnées ;", "fr", "750 organisations", ("capex", "count")),
        ("The programme's budget has delivered results:\n• 300 applications;\n• 120 organisations supported.",
         "en", "120 organisations", ("capex", "count")),
        # ... and that line keeps its own paragraph: the items do not say what it counts
        ("Les États-Unis construisent une infrastructure nationale d’IA basée sur trois piliers :\n- 50 000 GPU dans des data centers ;\n"
         "- des supercalculateurs et des serveurs.", "fr", "trois piliers", ("other", "count")),
        # a line that introduces nothing (no colon) leaves the items their own paragraphs
        ("Le programme régional affiche de très bons résultats.\n- 1100 demandes d'accompagnement ;\n"
         "- 750 organisations accompagnées ;", "fr", "750 organisations", ("other", "count")),
    ],
)
def test_a_lists_items_read_the_line_that_introduces_them(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # money invested in the infrastructure its clause names is capex, a start-up's too
        ("The start-up raised €1.7bn from investors in September. It will invest €1.2bn to build new data "
         "centres in Sweden.", "en", "€1.2bn", ("capex", "investment")),
        ("Die Start-up-Firma sammelte bei Investoren 1,7 Milliarden Euro ein. Sie investiert 1,2 Milliarden Euro "
         "in neue Rechenzentren in Schweden.", "de", "1,2 Milliarden Euro", ("capex", "investment")),
        # ... where its clause names none, the paragraph says whose money it is
        ("The start-up raised €1.7bn from investors in September. It will invest €1.2bn in its team.", "en",
         "€1.2bn", ("startups", "funding")),
    ],
)
def test_an_investment_in_the_infrastructure_its_clause_names_is_capex(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a factor whose object names only investment words is the change of what its context is about
        ("Die Gründerszene hat Venture Capital in 355 Finanzierungsrunden gesammelt. Seit 2018 hat sich das "
         "Volumen der investierten Franken fast verdreifacht.", ("startups", "growth_rate")),
        ("Der Betreiber baut drei Rechenzentren mit 200 Megawatt. Seit 2018 hat sich das Volumen der "
         "investierten Franken fast verdreifacht.", ("capex", "growth_rate")),
    ],
)
def test_a_factor_whose_object_is_investment_reads_its_context(text, expected) -> None:
    assert readings(text, "de")["verdreifacht"] == expected


def test_a_spin_out_is_a_start_up_whose_staff_are_its_own() -> None:
    # people are other, but a start-up's are its own; a university spin-out is a start-up
    text = ("Founded in 2018 as a spinout from Aalto University, the company now employs about 420 people.")
    assert readings(text, "en")["420 people"] == ("startups", "person_count")
    assert readings("The utility now employs about 420 people.", "en")["420 people"] == ("other", "person_count")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a generic investment amount in a text on the AI factories is the programme's funding,
        # though its paragraph names only costs
        ("Die KI-Fabriken sollen Start-ups Rechenzeit geben. Die KI-Fabriken werden vernetzt.\n"
         "Die Hälfte der Kosten wird von der EU finanziert. Insgesamt investiert die EU dafür eine Milliarde Euro.",
         ("ai_factories", "programme_funding")),
        # ... unless its sentence names capex's own: InvestAI's money is mostly not the programme's
        ("Die KI-Fabriken sollen Start-ups Rechenzeit geben. Die KI-Fabriken werden vernetzt.\n"
         "InvestAI soll dafür eine Milliarde Euro an Investitionen mobilisieren.", ("capex", "investment")),
        # ... in a text on a data centre, it stays capex
        ("Das Rechenzentrum bekommt Server und Kühlung. Das Rechenzentrum wird vernetzt.\n"
         "Die Hälfte der Kosten trägt der Betreiber. Insgesamt investiert er dafür eine Milliarde Euro.",
         ("capex", "investment")),
    ],
)
def test_a_generic_amount_in_a_text_on_the_ai_factories_is_the_programme_s(text, expected) -> None:
    assert readings(text, "de")["eine Milliarde Euro"] == expected


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # percentage points are the change of a percentage: of the figure beside them, else of
        # what their paragraph is about
        ("Die Einschätzung zum Startup-Ökosystem liegt mit 58% positiven Bewertungen zehn Prozentpunkte unter "
         "dem Vorjahreswert.", "de", "zehn Prozentpunkte", ("startups", "percentage_point")),
        ("Les centres de données ont consommé 4 % de l'électricité du pays. C'est 2,3 points de pourcentage de "
         "plus que l'agriculture.", "fr", "2,3 points de pourcentage", ("compute", "percentage_point")),
    ],
)
def test_percentage_points_are_the_change_of_the_percentage_they_follow(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a share of revenue is a start-up's figure where its paragraph is about start-ups, as its
        # revenue is; an established group's stays other
        ("Die Gründer der Start-ups erwirtschaften 33 % ihres Umsatzes im Ausland.", ("startups", "revenue_share")),
        ("Der Konzern erwirtschaftet 33 % seines Umsatzes im Ausland.", ("other", "revenue_share")),
    ],
)
def test_a_share_of_revenue_is_a_start_up_s_where_its_paragraph_is_about_start_ups(text, expected) -> None:
    assert readings(text, "de")["33 %"] == expected


def test_a_share_of_investment_reads_up_to_the_document() -> None:
    # a venture-capital report: the share of the world's investments is the start-ups' money,
    # though its own paragraph names no start-up
    text = ("Die Start-ups sammelten Risikokapital in 7.356 Finanzierungsrunden ein. Wagniskapital floss vor allem "
            "in KI-Start-ups.\nDie USA bleiben mit über 70 % der weltweiten Investitionen Marktführer.")
    assert readings(text, "de")["70 %"][0] == "startups"


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # projects counted beside an amount are what it funds, whether the amount comes first or
        # after them (TOPICS rule 9); the projects alone say nothing of whose they are
        ("Das Land hat 36 Projekte mit einer Fördersumme von 46 Millionen Euro bewilligt.", "de", "36 Projekte",
         ("capex", "project_count")),
        ("Le ministre annonce des aides de 26 millions de dollars pour réaliser deux projets "
         "afin d'augmenter la puissance de calcul.", "fr",
         "deux projets", ("capex", "project_count")),
        ("Das Land hat 36 Projekte ausgewählt.", "de", "36 Projekte", ("other", "project_count")),
    ],
)
def test_projects_counted_beside_an_amount_are_what_it_funds(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # a change of investment in compute is a change of money spent on compute: capex's
        # (TOPICS rules 1 and 3), as the amount would be
        ("The firm forecasted a 30% year-over-year increase in data center investments for 2025.", "en", "30%",
         ("capex", "growth_rate")),
        ("Investment in AI chips and servers grew by 25% last year.", "en", "25%", ("capex", "growth_rate")),
        # a change of compute alone stays compute's
        ("The capacity of data centers rose 30% in 2024.", "en", "30%", ("compute", "growth_rate")),
    ],
)
def test_a_change_of_investment_in_compute_is_capex_s(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # a payer's part of a venture fund stated before it in the sentence is start-up money
        # (TOPICS rule 6)
        ("Der Venture-Capital-Fonds verfügt über ein Volumen von 245 Millionen Euro, die vom Bund (133 Millionen "
         "Euro) und von Industrieinvestoren bereitgestellt werden.", "de", "133 Millionen Euro",
         ("startups", "public_funding")),
        # a payer's own amount stays public money
        ("Der Bund stellt 133 Millionen Euro bereit.", "de", "133 Millionen Euro", ("capex", "public_funding")),
    ],
)
def test_a_payers_part_of_an_amount_takes_the_amounts_topic(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_raising_questions_is_no_funding_round() -> None:
    # "raise" names a round when it raises money; raising questions or concerns does not
    text = "A €50 billion AI campus would raise practical questions about power."
    assert readings(text, "en")["€50 billion"][1] != "funding_round"
    assert readings("The start-up plans to raise €50 million.", "en")["€50 million"] == ("startups", "funding_round")


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # debt raised for infrastructure its sentence names is money spent on it (TOPICS rule 3)
        ("The start-up said it raised about $830 million in debt to fund a new data center.", "en",
         "$830 million", ("capex", "investment")),
        ("La start-up a levé 500 millions d'euros de dette pour construire un data center.", "fr",
         "500 millions d'euros", ("capex", "investment")),
        # a generic investment too, whose paragraph would make it the start-up's money
        ("The start-up raised €600 million in a funding round with new investors. It secured €722 million in debt "
         "financing to support its first large-scale data centre near Paris.", "en", "€722 million",
         ("capex", "investment")),
        # a start-up's debt for nothing named stays its funding; so does equity for a data centre
        ("The start-up raised $50 million in debt.", "en", "$50 million", ("startups", "funding_round")),
        ("The start-up raised $50 million to fund a new data center.", "en", "$50 million",
         ("startups", "funding_round")),
    ],
)
def test_debt_raised_for_infrastructure_is_capex(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_turnover_is_revenue() -> None:
    # "turnover" is British English for revenue: an established group's is other (codebook)
    assert readings("The operator is also targeting turnover of €800 million by 2029.", "en")["€800 million"] == (
        "other", "revenue")


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # "faster" said of a telecom network compares the network, no compute (TOPICS rule 10)
        ("Users can enjoy broadband speeds of up to 1 Gigabit per second, five times faster than today.", "en",
         "five times", ("other", "ratio")),
        # said of a supercomputer it stays compute's
        ("The new supercomputer is five times faster than its predecessor.", "en", "five times",
         ("compute", "compute_ratio")),
    ],
)
def test_a_networks_speed_ratio_is_no_compute(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # gigabytes on a telecom network are its users' traffic, no storage capacity (TOPICS rule 10)
        ("Im Festnetz beträgt das durchschnittliche Datenvolumen pro Anschluss und Monat 230,7 Gigabyte.", "de",
         "230,7 Gigabyte", ("other", "value")),
        ("We used up to 27 Gigabytes a month on the fixed network.", "en", "27 Gigabytes", ("other", "value")),
        # a data centre's stay its storage
        ("The data centre will store 27 petabytes.", "en", "27 petabytes", ("compute", "storage_capacity")),
        # subsea cables are a telecom network: the share of traffic they carry is no compute
        ("Les data centers se multiplient à Marseille. 99 % du trafic mondial de données transite par des câbles "
         "sous-marins.", "fr", "99 %", ("other", "share")),
    ],
)
def test_data_volumes_on_a_network_are_no_storage(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


def test_an_amount_naming_nothing_continues_the_series_of_the_paragraph_before() -> None:
    # news written a sentence per line: the amount that opens a paragraph and names nothing is
    # the same measure as the last amount of the paragraph before; one that names its own
    # topic keeps it
    text = ("Meta geht davon aus, in diesem Jahr mindestens 66 Milliarden Dollar für KI-Rechenzentren auszugeben.\n"
            "Die Obergrenze bleibt unverändert bei 72 Milliarden Dollar. Die Aktie stieg.")
    assert readings(text, "de")["72 Milliarden Dollar"][0] == "capex"
    text = ("Meta geht davon aus, in diesem Jahr mindestens 66 Milliarden Dollar für KI-Rechenzentren auszugeben.\n"
            "Der Umsatz lag bei 72 Milliarden Dollar.")
    assert readings(text, "de")["72 Milliarden Dollar"] == ("other", "revenue")


@pytest.mark.parametrize(
    ("text", "language", "figure", "expected"),
    [
        # a share of revenue its sentence says is invested or spent is a capital-intensity ratio
        ("Pas moins de 24,7 % du chiffre d'affaires de ces filiales a été investi en 2023.", "fr", "24,7 %",
         ("capex", "share")),
        ("Operators plan to cut their capital expenditure to 14% of revenue by 2027.", "en", "14%",
         ("capex", "share")),
        # a share of revenue earned abroad stays revenue's
        ("Der Konzern erwirtschaftet 33 % seines Umsatzes im Ausland.", "de", "33 %", ("other", "revenue_share")),
    ],
)
def test_a_share_of_revenue_invested_is_capex(text, language, figure, expected) -> None:
    assert readings(text, language)[figure] == expected


# --- how far from the figure the words of its topic stand (facts.topic_evidence) ------------

@pytest.mark.parametrize(
    ("text", "language", "figure", "topic", "evidence"),
    [
        # a start-up's round named in its own sentence
        ("Mistral AI a levé 600 millions d'euros.", "fr", "600 millions d'euros", "startups", "sentence"),
        # an amount its sentence does not name, read from the sentence before it on its line
        ("Europe's start-ups had a record year. The total reached €45 billion.", "en", "€45 billion",
         "startups", "paragraph"),
        # a plot whose data centre only the heading above names
        ("# Neues Rechenzentrum in Hanau\n\nDas Grundstück ist zwölf Hektar groß.", "de", "zwölf Hektar",
         "compute", "heading"),
        # ... only an earlier paragraph of the document
        ("Le centre de données de Fouju sera construit près de Paris.\n\nLe terrain couvre 70 hectares.", "fr",
         "70 hectares", "compute", "document"),
        # the residual topic: no word of it anywhere
        ("Le sommet a réuni 60 pays.", "fr", "60 pays", "other", "none"),
    ],
)
def test_a_topic_s_evidence_is_the_nearest_text_naming_it(text, language, figure, topic, evidence):
    frame = extract_document(text, language, 2025)
    row = frame.filter(frame["figure_text"] == figure).row(0, named=True)
    assert (row["topic"], row["topic_evidence"]) == (topic, evidence)


def test_the_evidence_of_money_counts_what_it_is_spent_on():
    # money spent on data centres is capex: compute's words in its sentence are capex's evidence, as
    # the topic rules count them (topic_profiles.supports)
    frame = extract_document("Les nouveaux centres de données coûteront 1,2 milliard d'euros.", "fr", 2025)
    assert frame.select("topic", "topic_evidence").row(0) == ("capex", "sentence")


def test_a_hyphenated_data_centre_is_compute_s_word():
    # "data-centre projects" beside the amount that funds them: the projects are data centres'
    # (TOPICS rule 2), as "data centre projects" were
    frame = extract_document("The board approved four new data-centre projects worth about US$3.1 billion.", "en", 2025)
    row = frame.filter(frame["figure_text"] == "four new data-centre projects").row(0, named=True)
    assert (row["topic"], row["topic_evidence"]) == ("compute", "sentence")


def test_reading_a_text_up_to_its_topic_s_first_word_agrees_with_its_profile():
    # evidence at the document level reads a document only up to its topic's first word
    # (topic_profiles.names_topic): the same answer as the whole profile, on every corpus passage,
    # for every topic, money or not, with the gazetteer's names
    from pathlib import Path

    from pipelines.entities import load_gazetteer
    from pipelines.evaluation.corpus import load_corpus
    from pipelines.extraction.topic_profiles import TOPICS_WITH_WORDS, names_topic, supports

    root = Path(__file__).resolve().parents[2]
    names = load_gazetteer(root / "raw" / "reference" / "entities.yaml").topic_names
    checked = 0
    for passage in load_corpus(root / "tests" / "corpus"):
        scores = profile(passage.text, passage.language, names)
        for topic in TOPICS_WITH_WORDS:
            for money in (False, True):
                assert names_topic(passage.text, passage.language, topic, money, names) == supports(scores, topic, money), \
                    (passage.id, topic, money)
                checked += 1
    assert checked > 10_000  # the whole corpus was read
