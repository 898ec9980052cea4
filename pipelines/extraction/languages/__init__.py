"""The words each extraction rule reads, one resource per language: the engine that loads them.

Idea (after Microsoft Recognizers-Text, which keeps ``Patterns/<Language>/`` as data and
``Specs/`` as test cases): the *grammar* of a figure (a number, its scale, its currency, its
bound, its unit, what it counts) is code, written once in the rule modules of
``pipelines.extraction``; the *words* a language uses for each part are data, one file per
language, ``languages/<code>/rules.yaml``, with its test cases as data beside it,
``languages/<code>/specs.yaml`` (run by ``tests/extraction/test_language_specs.py``). Adding a
language is adding one folder; no rule module names a language.

How a document is read:

* with its own language's resource, and with the resources its language declares in
  ``also_reads``: French and German reports quote English titles and figures ("more than $300
  Billion" in a French article), so both also read English. English reads English only.
* Where the same word means different things in two languages it is read (``billion`` is 10^9 in
  English, 10^12 in French and German; ``1,500`` is 1.5 in French and 1500 in English), the
  *phrase language* (``numbers.phrase_language``) decides, from the resources' cues.

Fragments: a word entry is a regular-expression fragment, matched case-insensitively unless the
section says otherwise; a space in it matches any run of spaces (no-break ones included) and ``" ?"`` an
optional space, an apostrophe either apostrophe (``'`` or ``’``). Entries are tried in the order written: put
longer forms first (``pas moins de`` before ``moins de``).

Every file is read with ``yaml.safe_load`` and checked against :data:`SECTIONS`; a missing or
misspelt section or key is an error naming the file and the key, at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pipelines.safe_yaml import safe_load_with_nodes

HERE = Path(__file__).parent

#: Section -> key -> (kind, what the words are for). Kinds: ``words`` (a list of fragments),
#: ``table`` (name -> list of fragments), ``values`` (word -> number), ``text`` (one string).
#: Keys not listed are refused; a language may leave a section or key out (no words there).
#: ``docs/languages.md`` is generated from this table (``python -m pipelines.extraction.languages``).
SECTIONS: dict[str, dict[str, tuple[str, str]]] = {
    "numbers": {
        "decimal_mark": ("text", 'the decimal mark ("," or "."); the other mark groups thousands when three digits follow'),
        "scale_words": ("values", 'scale words -> multiplier (lower case; "billion" differs between languages)'),
        "scale_letters_before_symbol": ("values", 'one-letter scales read only glued to a currency sign ("1,65 G$": milliards in Quebec French); glued to a number alone they are names ("5G")'),
        "scale_abbreviations": ("values", "scale abbreviations -> multiplier (case-sensitive; one letter only glued to the number or a currency sign)"),
        "function_words": ("words", "frequent short words: their count around a number votes for the phrase language"),
        "phrase_cues": ("words", "patterns (case-sensitive) that mark the phrase around a number as this language"),
        "symbol_cues": ("words", 'signs written just before a number that mark the phrase as this language ("$")'),
        "superlatives": ("words", 'superlatives after a number (its noun may stand between): a top-N list, not a figure ("the two largest projects")'),
        "noun_articles": ("words", 'articles before a capitalised common noun, in a language that capitalises its nouns ("der Regierung 103 Anträge"): the number after it is no name\'s number'),
        "sign_before": ("words", 'words after which a minus set apart by a space is the sign of the number that follows ("soit - 5,2 %"), as after an opening parenthesis ("(- 38 %)")'),
        "coordinators": ("words", 'words joining two amounts that write their scale and currency once ("600 et 304 millions d\'euros", "3 and 4 billion dollars")'),
        "list_words": ("words", 'words joining the items of a list of amounts or counts whose scale or noun is written once ("Microsoft 180, Meta 125 und Alphabet 105 Milliarden", "la France 300 et l\'Italie 150"); an article ending in an apostrophe glues to the name'),
        "rank_nouns": ("words", 'nouns of a position in a ranking: a number right after one is a rank, not a figure ("Platz zwei", "number two")'),
        "rank_positions": ("words", 'nouns a rank stands before ("8ème position", "third place", "Platz"): an ordinal before any other noun numbers a thing ("son 6e data center", "le 8e sommet"), it is no figure'),
        "digit_counts": ("words", 'phrases that give the number of digits of a figure, not a figure ("une croissance à deux chiffres")'),
        "round_the_clock": ("words", 'phrases of continuous operation ("24 heures sur 24", "24/7", "365 days a year", "24*7*365"): no figure'),
        "top_words": ("words", 'words before the size of a ranking ("the top 10 funding rounds", "Top-5"): no figure, whatever follows'),
        "power_words": ("words", 'words between ten and its exponent ("10 hoch 18", "10 à la puissance 17", "10 to the power of 18"): one figure, ten to that power'),
    },
    "number_words": {
        "cardinals": ("words", "cardinal words from two up, read by text2num"),
        "joiners": ("words", 'words joining a run of number words ("vingt et un")'),
        "ones": ("words", 'the numeral one before a scale word, part of the figure ("un milliard")'),
        "ones_in_runs": ("words", "one closing a run of number words"),
        "vague_before": ("words", 'words that make the number word after them vague, no figure ("mehrere Tausend", "several hundred")'),
        "articles_before_scale": ("words", 'articles read as one before a scale word, outside the figure ("le milliard")'),
        "multiplier_verbs": ("table", 'factor -> verbs and nouns of change ("doublé", "verdreifacht", "triplement")'),
        "multiplier_words": ("table", 'factor -> multiplier words and phrases ("twice", "le double")'),
        "fractions": ("table", 'fraction ("1/3") -> words; read as a percentage'),
        "division": ("words", '"divided by" words, followed by the divisor'),
        "multiplication": ("words", '"multiplied by" words, followed by the factor ("multiplié par 1,6", "um den Faktor 3")'),
        "collectives": ("table", 'value -> approximate collective nouns ("dizaine")'),
        "collectives_exact": ("table", 'value -> exact collective nouns ("dozen")'),
        "collective_articles": ("words", 'the singular articles before a collective ("une", "a"); a plural is vague'),
        "collective_adjectives": ("words", 'adjectives between the article and the collective ("une bonne centaine")'),
        "more_than": ("words", 'words before a multiplier verb making it a lower bound ("more than doubled")'),
        "out_of": ("words", 'words joining a share\'s two numbers, what is counted may stand before ("three out of four", "trois entreprises sur quatre")'),
        "out_of_adjacent": ("words", 'words joining a share\'s two numbers written side by side only ("7 in 10", "sechs von hundert")'),
        "fraction_after": ("words", 'words after a fraction written with a slash that make it a share of something ("2/3 der Energie", "1/3 of all startups"): without them "1/3" may be a date or a reference'),
        "pronoun_verbs": ("words", 'verbs after a number word standing for what an earlier phrase counts ("thirteen are already deployed", "six were French"): a count'),
        "elided_noun_after": ("words", 'words after a number word whose noun is left out because an earlier phrase named it ("the five others", "cinq autres", "seven in total"): a count, a determiner before it or not'),
        "elided_noun_before": ("words", 'words before a number word whose noun is left out ("für weitere fünf"): a count'),
        "half_after": ("words", 'a half written after a scale word or a unit, or between a number and them ("un milliard et demi", "two and a half years")'),
        "half_glued": ("words", 'a half glued after a cardinal ("zweieinhalb")'),
        "fraction_of": ("words", 'the words between a fraction and the scale word it divides ("three-quarters of a billion", "un quart de milliard", "drei Viertel einer Milliarde"): an amount, the fraction of the scale, not a share'),
        "half_of_one": ("words", 'a half between the article of one and a scale word ("un demi-milliard", "eine halbe Milliarde", "a half billion") or, in English, before the article ("half a billion"): half the scale; read as one, each was twice the amount'),
        "one_bounds": ("table", 'bound -> adjectives between the article of one and a scale word that bound it ("eine knappe Million": at_most; "un bon milliard", "eine gute Milliarde": at_least; "un petit million": approx)'),
        "one_and_a_half": ("words", 'words for one and a half ("anderthalb", "one and a half")'),
    },
    "bounds": {
        "at_least": ("words", 'qualifiers of a lower bound ("more than")'),
        "at_most": ("words", 'qualifiers of an upper bound ("up to")'),
        "approx": ("words", 'qualifiers of an approximation ("about")'),
        "at_least_after": ("words", 'qualifiers of a lower bound written right after the figure ("or more", "übersteigen wird")'),
        "at_most_after": ("words", 'qualifiers of an upper bound written right after the figure ("or less", "au maximum")'),
        "adverbs": ("words", "adverbs that may stand between a qualifier and its figure"),
        "articles": ("words", "singular articles that may stand between a qualifier and its figure"),
        "period_words": ("words", 'qualifiers that state a period before a duration ("over four years")'),
    },
    "currencies": {
        "connectors": ("words", "words between a scale word and its currency (\"milliards d'euros\")"),
        "words": ("table", "ISO 4217 code -> currency words"),
        "pounds_after_scale": ("words", "words that are the pound only after a scale word"),
        "yuan_context": ("words", "words of a sentence that make \"¥\" the yuan (China, its currency); else it is the yen"),
    },
    "units": {
        "unpublished": ("words", 'units of dimensions the dataset does not publish, after digits (a scale word and a connector may stand between): no figure ("in 30 Minuten", "en 2 minutes", "10 gigabit Ethernet", "5,000 tonnes", "3 millions de litres": time under an hour, data rates, weights, volumes)'),
        "percent": ("words", "percent words"),
        "percentage_point": ("words", "percentage-point words"),
        "basis_point": ("words", 'basis-point words: a hundredth of a percentage point ("25 basis points" = 0.25)'),
        "factor": ("words", 'factor words after a number ("fois", "times")'),
        "factor_object_after": ("words", 'words right after "N times" that make it a comparison with no comparative ("1,000 times the performance", "1 000 fois la puissance"); without them or a comparative, a thousand times or more counts occurrences ("downloaded 400 million times")'),
        "factor_half": ("words", 'words adding one half to a factor ("et demie")'),
        "factor_glued": ("words", 'factor suffixes glued to a number or number word ("-fold", "-fach")'),
        "factor_less_after": ("words", 'comparatives of decrease right after a factor that make it its inverse ("deux fois moins", "ten times smaller", "dreimal weniger": 0.5, 0.1, a third; times_less.py)'),
        "comparatives": ("words", 'comparatives after "3x" that keep it a factor ("3x faster"); otherwise a noun after "25x" is counted'),
        "durations": ("table", "unit (years, months, days, weeks, hours; decades: ten years each) -> words"),
        "per_second": ("words", 'words of "per second" written before an amount whose operations follow it ("dass pro Sekunde eine Billiarde Gleitkommaoperationen gerechnet werden"): the amount is in FLOPS'),
        "rate_per": ("words", 'words between the two numbers of a rate ("12,8 Gründungen je 10.000 Studierende", "per 10,000 students"): the first may have decimals, the second, a power of ten, is no figure of its own'),
        "operation_nouns": ("words", 'nouns of computing operations after such an amount ("Gleitkommaoperationen", "opérations", "calculations")'),
        "durations_glued": ("table", 'unit -> duration adjectives glued to their number, hyphen optional ("vierjährige", "6-monatigen", "zweiwöchig"): a duration'),
        "duration_statement_before": ("words", 'words right before a duration that make it a statement of how long something took ("en seulement deux ans", "in nur 20 Monaten", "in just 18 months"): a figure even where another figure takes it as its period'),
        "span_before": ("words", 'prepositions before a duration that make it the span in which something happens ("+44 % in three months", "levé 1 milliard en 12 mois", "In zwei Jahren sollen..."): the span of another figure of its sentence, or a time to come where it opens its sentence; no figure then'),
        "duration_reference_before": ("words", 'words before a duration that make it a time reference, not a figure ("il y a", "d\'ici")'),
        "duration_reference_after": ("words", 'words after a duration that make it a time reference ("ago", "plus tard")'),
        "duration_reference_inside": ("words", 'words between a number and its time unit that make it a time reference ("les trois premiers trimestres")'),
        "age_words": ("words", 'words after a duration that make it an age ("a year old", "un an au compteur"): with them, "a year" is a figure of one year'),
        "age_before": ("words", 'words before a range of years that make it an age group, not a figure ("des 18-34 ans", "aged 18-34")'),
        "age_after": ("words", 'words after a number of years that make it an age, not a figure ("18-34 year-olds", "18- bis 34-Jährigen")'),
        "period_nouns": ("words", 'nouns of a part of a year ("quarters", "Quartalen"): a count of them is a span of time, a time reference after the words before a duration'),
        "measures": ("table", "a unit of units.py's table (hectare, square metres...) -> this language's words"),
        "named_ratios": ("words", 'names of a ratio written before its bare number ("a PUE of 1.2"): the number is a factor'),
        "share_of_after": ("words", 'words right after a percentage that name the whole it is a share of ("11 Prozent des Investmentvolumens", "40 % des brevets", "25% of funding"): it states its own whole and takes no metric from the percentage before it'),
    },
    "counted": {
        "nouns": ("table", "what a count counts (singular English slug) -> nouns, tried in order"),
        "adjectives": ("words", "adjectives that may stand between a number and its noun"),
        "connectors": ("words", 'words between a scale word and a counted noun ("millions de consommateurs")'),
        "partitives": ("words", 'words between a count and what it counts that take a part of a set ("cinq de ces sites")'),
        "number_of": ("words", 'phrases naming what a later bare number counts ("the number of data centres rose to 3,000")'),
        "not_nouns": ("words", 'verb forms that may follow a number and are not what it counts ("54 came from abroad", "27 annoncés"); the change verbs (periods.change_verbs) are not either'),
        "part_before": ("words", 'words before a part of a total, which counts what the total counts ("dont deux", "davon 40")'),
        "part_after": ("words", 'words after a part of a total ("two of which", "trois d\'entre eux")'),
        "part_one": ("words", 'the word for one read as a number only as a part of a total ("dont une", "including one")'),
        "pro_forms": ("words", 'nouns that stand for the noun of the count before them ("500 direct jobs and 2,000 indirect ones")'),
        "place_before": ("words", 'prepositions after a number word and before a place that make it a part of the count before it, its noun left out ("26 pays, huit en Europe et dix-huit en Afrique", "42 sites, five in Germany")'),
        "more_of_the_same": ("words", 'words after a number word that count more of what was counted before, its noun left out ("six more on Wednesday", "zwei weitere in Bayern")'),
        "more_of_the_same_before": ("words", 'words before a number word that count more of what was counted before, its noun left out ("für weitere fünf", "another five"); a determiner before them does not make it a reference'),
        "total_after": ("words", 'words after a number word that give the total of what was counted before, its noun left out ("Germany has produced seven in total", "insgesamt")'),
        "reference_determiners": ("words", 'determiners that make a number closing its clause a reference ("the two.", "les deux,"), not a count whose noun is left out'),
        "money_verbs": ("words", 'verbs of money between a scaled count and a scaled number with no currency: the number is an amount, not a second count of the same things ("2 million users and raised 30 million", "2 millions d\'utilisateurs et a levé 30 millions")'),
        "money_nouns": ("words", 'nouns that, after a scaled number with no currency, make it an amount of money, not a count ("5 billion investment", "3 millions de financement", "2 Milliarden Fördermittel"); any other noun there is counted ("five million laptops", "cinq millions d\'ordinateurs", "fünf Millionen Notebooks")'),
        "compound_head": ("text", 'which noun of a compound written as separate nouns says what is counted: "first" (the default: "projets de data centers") or "last" (English: "100 GPU servers" counts servers, "32 back-up generators" generators)'),
        "noun_case": ("text", 'how a noun outside the table is written: "lower" (a capitalised word is a name) or "capitalised" (German nouns)'),
        "averages": ("words", 'words before a count in its sentence that make it an average, which may have decimals ("on average 14.3 employees", "im Durchschnitt 12,3 Mitarbeiter", "en moyenne 2,5 fondateurs"); without them or a rate, a count with decimals is a version or a name ("4.0 campus")'),
        "figure_anaphora": ("words", 'words that refer to the count just stated ("ce chiffre", "this figure", "diese Zahl"): a bare number after them in its sentence counts what the last count of the sentence before counted ("Ce chiffre pourrait passer à 14 000")'),
        "compound_nouns": ("table", 'what a number that opens a compound adjective counts (slug -> nouns): "two-storey" is two storeys, "fünfstöckige" five (compound_counts.py); nouns of a thing\'s structure only, a compound\'s number being as often a name\'s ("one-stop shop", "three-dimensional")'),
        "compound_one": ("words", 'the word for one before such a noun ("single-storey", "einstöckig")'),
        "compound_join": ("text", 'how the number joins the noun: "-" (the default: "two-storey") or "glued" (German "fünfstöckige")'),
    },
    "ranges": {
        "to": ("words", 'words joining the two ends of a range ("5 à 10")'),
        "and": ("words", '"and" joining the ends of a range after a "between" word'),
        "between": ("words", 'words opening a range ("entre", "between")'),
        "to_written": ("words", 'more words joining two figures that each write their unit or scale into one range ("900 millions au milliard", "jusqu\'à"), beside ``to``'),
    },
    "dates": {
        "months": ("words", "month names and abbreviations (a date is not a figure)"),
    },
    "topics": {
        "words": ("table", "topic -> words that put a paragraph, heading or document in the topic"),
        "keywords": ("table", "topics.py rule id (topic.metric[.strength]) -> keywords read in a figure's phrase and sentence"),
        "project_words": ("words", 'things that are built, not companies: their "worth" or "value" before an amount is a cost ("a fab worth $36 billion")'),
        "project_purpose": ("words", 'words between an amount and the project it is for ("1,5 milliard d\'euros pour le projet"): the amount is its cost'),
        "comparison_before": ("words", 'words that make the count after them a comparison ("equivalent to three cities\' power use", "la consommation d\'une ville de 200 000 habitants", "so groß wie 29 Fußballfelder"): the count restates the quantity it is compared with and takes its topic'),
        "height_words": ("words", 'words saying a length is a height ("23 Meter hoch", "a height of 35 metres", "30 mètres de haut"): a building\'s height, whose topic is the building\'s (a data centre\'s: compute)'),
        "dimension_words": ("words", 'words saying a length is a building\'s length or width ("168 Meter langen und 79 Meter breiten", "35 Meter Kantenlänge"): its topic is the building\'s, its measure a length'),
        "revenue_words": ("words", 'words of a company\'s revenue ("revenue", "chiffre d\'affaires", "Umsatz"): a percentage change in their clause is the revenue\'s, other unless its paragraph is about start-ups'),
        "debt_words": ("words", 'words right after an amount that make it borrowed money ("$830 million in debt", "Kredite"): debt raised for infrastructure its sentence names is capex, not a funding round'),
        "worth_words": ("words", 'words saying what a thing is worth ("worth", "vaut", "einen Wert von"): a company\'s worth is its valuation in a text on start-ups, a contract\'s worth its value, unless a stock word is there'),
        "stock_words": ("words", 'words of the stock market ("shares", "cotée", "Börse"): with them, a worth is a market capitalisation'),
        "contract_words": ("words", 'words naming a contract or a partnership ("agreement", "contrat", "Vertrag"): their worth is a contract value'),
        "share_of_that_amount": ("words", 'words right after a percentage or a fraction that make it a share of the amount just stated ("Die Hälfte dieses Betrags", "half of that amount", "30 % de ce montant"): it takes that amount\'s topic (TOPICS rule 1)'),
        "amount_of_after": ("words", 'words after an amount that make it an amount of something, not what a company is worth ("£25 billion worth of new investment"): the context says whose amount it is'),
        "market_destination_before": ("words", 'words before a market word that make the market where money goes ("2,5 Milliarden Euro in den Telekommunikationsmarkt investiert", "invested in the telecom market"): that market word does not make the amount a market size'),
        "verb_object": ("text", 'where a verb\'s object stands, "after" ("double its capacity", "tripler la capacité") or "before" ("die Kapazitäten verdreifachen"): a change by a factor is of what its object names'),
    },
    "discourse": {f"{cue}_{where}": ("words", f"the cue {cue!r} of an argument's parts, looked for in the text {where!r} the figure")
                  for cue in ("colon", "enumeration", "emergence", "existence", "structure", "kinds")
                  for where in ("head", "tail", "after", "figure")},
    "claims": {
        "part_cues": ("words", 'words opening a list of parts of a total ("dont", "of which")'),
        "part_list_breaks": ("words", "clause breaks closing that list"),
        "back_references": ("words", "demonstrative subjects pointing back to the previous sentence"),
        "total_rows": ("words", 'a table row header that makes the row the total of the rows above it ("Total", "Ensemble")'),
    },
    "scope": {
        "per_unit_before": ("words", "a capacity per unit: words before the figure (Rust regex: no look-around)"),
        "per_unit_after": ("words", "a capacity per unit: words after the figure"),
        "deliveries": ("words", "a capacity delivered or sold"),
        "site": ("words", "a capacity of one site"),
        "fleet": ("words", "a capacity owned in total"),
    },
    "periods": {
        "rules": ("table", "kind (periods.KINDS) -> time expressions; placeholders {year}, {number}, {month}, {quarter_word}"),
        "relative": ("table", 'offset from the publication year -> relative expressions ("last year": -1)'),
        "relative_gate": ("words", "words one of which a relative expression contains (a cheap gate)"),
        "quarter_words": ("table", "quarter number -> ordinal words"),
        "first_of_month": ("words", 'the first day of a month in a date ("1er")'),
        "as_of": ("words", 'words making a full date a stock\'s date, hence a period ("au 31 décembre")'),
        "change_verbs": ("words", 'verbs of a change from one value to another ("passant", "rose")'),
        "change_from": ("words", '"from" of a change'),
        "change_to": ("words", '"to" of a change'),
    },
    "places": {
        "names": ("table", "ISO 3166-1 alpha-2 (or EU, EUROPE, WORLD) -> names, adjectives, capitals, regions"),
        "acronyms": ("table", "code -> acronyms, matched with their case"),
        "articles": ("words", "articles and prepositions between a relation word and a place"),
        "excluded_before": ("words", 'words excluding the place that follows ("hors")'),
        "compared_before": ("words", 'words making the place that follows the term of a comparison ("than")'),
        "comparison_terms": ("words", 'words of a comparison whose phrase names its term ("fois", "times")'),
        "clause_openers": ("words", 'words opening a clause after a comma (", dont")'),
        "ranking_before": ("words", 'words making "world" a rank when before it ("leader")'),
        "ranking_after": ("words", 'words making "world" a rank when after it'),
        "counterpart_before": ("words", 'words making the place the other party of a relation ("with")'),
        "demonyms": ("words", "capitalised nationality adjectives (lower-case place words are adjectives anyway)"),
    },
    "sentences": {
        "abbreviations": ("words", "words whose full stop does not end a sentence (lower case, without the stop)"),
        "caption_words": ("words", 'words opening a chart or table caption before its number ("Graphique 1 :")'),
        "source_words": ("words", 'words opening a source line, which closes a chart ("Source :")'),
        "ordinal_articles": ("words", 'articles (and prepositions merged with one) after which a number with a full stop is an ordinal ("im 21. Bezirk", "zum 3. Mal"): the stop ends no sentence and the number is no figure (a rank before a position noun)'),
    },
}

SPACE = "[ \u00a0\u202f]+"
OPTIONAL_SPACE = "[ \u00a0\u202f]?"
APOSTROPHE = "['’]"
_SPACE_CHARS = " \u00a0\u202f"  # what SPACE accepts, inside a character class
_APOSTROPHE_CHARS = "'’"


class LanguageResourceError(ValueError):
    """A language resource that cannot be used: names the file and the key."""

    def __init__(self, path: Path, key: str, problem: str) -> None:
        super().__init__(f"{path}: {key}: {problem}")


@dataclass(frozen=True)
class LanguageResource:
    code: str
    name: str
    also_reads: tuple[str, ...]
    sections: dict[str, dict[str, Any]]
    path: Path


def _check(path: Path, data: Any) -> LanguageResource:
    if not isinstance(data, dict):
        raise LanguageResourceError(path, "(file)", "must be a mapping")
    code = data.get("language")
    if not isinstance(code, str) or code != path.parent.name:
        raise LanguageResourceError(path, "language", f"must be the folder's name {path.parent.name!r}")
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise LanguageResourceError(path, "name", "must be the language's name")
    also = data.get("also_reads", [])
    if not isinstance(also, list) or not all(isinstance(c, str) for c in also):
        raise LanguageResourceError(path, "also_reads", "must be a list of language codes")
    sections: dict[str, dict[str, Any]] = {}
    for section, body in data.items():
        if section in ("language", "name", "also_reads"):
            continue
        if section not in SECTIONS:
            raise LanguageResourceError(path, section, f"unknown section (known: {', '.join(SECTIONS)})")
        if not isinstance(body, dict):
            raise LanguageResourceError(path, section, "must be a mapping")
        for key, value in body.items():
            entry = SECTIONS[section].get(key)
            where = f"{section}.{key}"
            if entry is None:
                raise LanguageResourceError(path, where, f"unknown key (known: {', '.join(SECTIONS[section])})")
            _check_value(path, where, entry[0], value)
        sections[section] = body
    return LanguageResource(code, name, tuple(also), sections, path)


def _check_value(path: Path, where: str, kind: str, value: Any) -> None:
    ok = {
        "text": lambda v: isinstance(v, str),
        "words": lambda v: isinstance(v, list) and all(isinstance(w, str) and w for w in v),
        "values": lambda v: isinstance(v, dict) and all(
            isinstance(k, str) and isinstance(n, (int, float)) and not isinstance(n, bool) for k, n in v.items()),
        "table": lambda v: isinstance(v, dict) and all(
            isinstance(k, str) and isinstance(ws, list) and all(isinstance(w, str) and w for w in ws)
            for k, ws in v.items()),
    }[kind](value)
    if not ok:
        raise LanguageResourceError(path, where, f"must be {kind}")
    if kind in ("words", "table"):
        fragments = value if kind == "words" else [w for ws in value.values() for w in ws]
        for fragment in fragments:
            control = next((c for c in fragment if ord(c) < 32), None)
            if control is not None:
                # a YAML double-quoted "\b" is a backspace, not a word boundary: the rule would
                # never match, in silence
                raise LanguageResourceError(
                    path, where, f"{fragment!r} holds the control character {control!r} (write patterns in single quotes)")
            try:
                re.compile(fragment_pattern(fragment))
            except re.error as error:
                raise LanguageResourceError(path, where, f"{fragment!r} is not a valid pattern: {error}") from None


def load_resource(path: Path) -> LanguageResource:
    """One language's ``rules.yaml``, read with the project's safe reader and checked: a key
    written twice is an error naming its line (plain YAML keeps the last list of words in silence
    and drops the first)."""
    try:
        data, _ = safe_load_with_nodes(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise LanguageResourceError(path, "file", " ".join(str(error).split())) from None
    return _check(path, data)


@cache
def _resources() -> dict[str, LanguageResource]:
    found: dict[str, LanguageResource] = {}
    for path in sorted(HERE.glob("*/rules.yaml")):
        found[path.parent.name] = load_resource(path)
    for resource in found.values():
        for other in resource.also_reads:
            if other not in found:
                raise LanguageResourceError(resource.path, "also_reads", f"no resource for {other!r}")
    return found


@cache
def languages() -> tuple[str, ...]:
    """The language codes the extractor reads (one resource each), sorted. Read from the folder
    names, not by loading the resources: the registry needs only the codes, and loading checks
    every pattern of every resource (about 0.3 s, paid by every refresh, a no-op one included);
    a resource is loaded and checked when a rule first reads it."""
    return tuple(sorted(path.parent.name for path in HERE.glob("*/rules.yaml")))


def resource(code: str) -> LanguageResource:
    try:
        return _resources()[code]
    except KeyError:
        raise ValueError(f"no rule resource for language {code!r} (known: {', '.join(languages())})") from None


def normalise(language: str) -> str:
    """The resource code of a language tag (``"fr"``, ``"FR"``, ``"fr-FR"`` -> ``"fr"``); ValueError
    when no resource reads it."""
    code = str(language).strip().lower().replace("_", "-").split("-")[0]
    resource(code)
    return code


@cache
def reading_languages(code: str) -> tuple[str, ...]:
    """The languages a document in ``code`` is read in: its own, then those it ``also_reads``."""
    own = resource(code)
    return (code, *(c for c in own.also_reads if c != code))


@cache
def fragment_pattern(fragment: str) -> str:
    """A resource fragment as a regular expression: spaces and apostrophes made lenient.

    Outside a character class a run of spaces is ``SPACE`` (``OPTIONAL_SPACE`` before ``?``) and an
    apostrophe ``APOSTROPHE``; inside one (``[- ]``, ``[e']``) the class gains the same characters
    instead: a class written into a class broke the pattern in silence ("Venture[- ]Capital" never
    matched)."""
    out: list[str] = []
    i, n = 0, len(fragment)
    while i < n:
        c = fragment[i]
        if c == "\\":
            out.append(fragment[i:i + 2])
            i += 2
        elif c == "[":
            end = _class_end(fragment, i)
            body = fragment[i + 1:end]
            out.append("[" + body.replace(" ", _SPACE_CHARS).replace("'", _APOSTROPHE_CHARS) + "]")
            i = end + 1
        elif c == " ":
            j = i
            while j < n and fragment[j] == " ":
                j += 1
            optional = j < n and fragment[j] == "?"
            out.append(OPTIONAL_SPACE if optional else SPACE)
            i = j + 1 if optional else j
        elif c == "'":
            out.append(APOSTROPHE)
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _class_end(fragment: str, start: int) -> int:
    """Index of the ``]`` closing the character class opened at ``start`` (a ``]`` first in the
    class, or after ``^``, is a literal)."""
    i = start + 1
    if i < len(fragment) and fragment[i] == "^":
        i += 1
    if i < len(fragment) and fragment[i] == "]":
        i += 1
    while i < len(fragment):
        if fragment[i] == "\\":
            i += 2
            continue
        if fragment[i] == "]":
            return i
        i += 1
    raise ValueError(f"unclosed character class in resource pattern {fragment!r}")


@cache
def words(code: str, section: str, key: str, *, reading: bool = True) -> tuple[str, ...]:
    """The fragments of ``section.key`` in the languages ``code`` reads (or only ``code``), in
    order, duplicates dropped."""
    seen: dict[str, None] = {}
    for lang in reading_languages(code) if reading else (code,):
        for w in resource(lang).sections.get(section, {}).get(key, []):
            seen.setdefault(w, None)
    return tuple(seen)


@cache
def table(code: str, section: str, key: str, *, reading: bool = True) -> dict[str, tuple[str, ...]]:
    """``name -> fragments`` of ``section.key``, merged over the languages ``code`` reads; names keep
    the order of their first appearance."""
    merged: dict[str, dict[str, None]] = {}
    for lang in reading_languages(code) if reading else (code,):
        for name, fragments in resource(lang).sections.get(section, {}).get(key, {}).items():
            bucket = merged.setdefault(name, {})
            for w in fragments:
                bucket.setdefault(w, None)
    return {name: tuple(ws) for name, ws in merged.items()}


@cache
def values(code: str, section: str, key: str) -> dict[str, float]:
    """``word -> number`` of ``section.key`` in ``code`` only (meanings differ between languages)."""
    return {w: float(v) for w, v in resource(code).sections.get(section, {}).get(key, {}).items()}


@cache
def text(code: str, section: str, key: str, default: str) -> str:
    return str(resource(code).sections.get(section, {}).get(key, default))


def alternation(fragments: tuple[str, ...] | list[str]) -> str:
    """``(?:f1|f2|...)`` of resource fragments (spaces and apostrophes lenient); never empty."""
    if not fragments:
        return r"(?!x)x"
    return "(?:" + "|".join(fragment_pattern(f) for f in fragments) + ")"


@cache
def word_pattern(code: str, section: str, keys: str | tuple[str, ...], around: str = "(?i:{words})") -> re.Pattern[str] | None:
    """The words of one key, or of several keys, of ``section`` as one alternation put in
    ``around`` at ``{words}``, compiled; None when the resource has none of them."""
    found = [w for key in ((keys,) if isinstance(keys, str) else keys) for w in words(code, section, key)]
    return re.compile(around.replace("{words}", alternation(found))) if found else None


def grouped_alternation(fragments: tuple[str, ...] | list[str]) -> str:
    """:func:`alternation`, with the fragments that open with a plain letter grouped by it
    (``[dD](?:ix|ouze)``): re then tries one group per position instead of every fragment, for
    long lists tried at every word (place names, adjectives). Case-insensitive use only; the
    order of fragments sharing a first letter is kept."""
    groups: dict[str, list[str]] = {}
    other: list[str] = []
    for f in fragments:
        p = fragment_pattern(f)
        if p[:1].isalpha() and p[1:2] not in ("?", "*", "{", "+"):
            groups.setdefault(p[0].lower(), []).append(p[1:])
        else:
            other.append(p)
    parts = [f"[{c}{c.upper()}](?:{'|'.join(rest)})" for c, rest in groups.items()] + other
    return "(?:" + "|".join(parts) + ")" if parts else r"(?!x)x"


@cache
def all_words(section: str, key: str) -> tuple[str, ...]:
    """The fragments of ``section.key`` in every language (for patterns that find a word in any
    language, the meaning being decided by the phrase language)."""
    seen: dict[str, None] = {}
    for code in languages():
        for w in resource(code).sections.get(section, {}).get(key, []):
            seen.setdefault(w, None)
    return tuple(seen)


def all_values(section: str, key: str) -> dict[str, dict[str, float]]:
    """``word -> {language: number}`` of ``section.key`` over every language."""
    out: dict[str, dict[str, float]] = {}
    for code in languages():
        for w, v in values(code, section, key).items():
            out.setdefault(w, {})[code] = v
    return out
