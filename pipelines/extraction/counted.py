"""What a count counts (a singular English slug), and the chip model it names.

Decisions:

* The noun right after the number (after its scale word and ``de``/``d'`` when there is one:
  ``450 millions de consommateurs``) gives ``counted``, from the table :data:`COUNTED_NOUNS`
  (French and English, singular or plural). A few adjectives may stand between
  (``25 plus grandes entreprises``, ``deux autres usines d'IA``, ``quatre principales Big Tech``,
  ``two different models``, ``three key levers``) as may Markdown ``*`` and French quotes
  (``quatre « giga-usines » d'IA``).
* ``usines``/``factories`` alone are read as ``ai_factory``: the corpus is about the EU AI
  factories programme; ``giga-usines``/``gigafactories`` are ``ai_gigafactory``.
* Chip models go to ``hardware`` (``H100``, ``H200``, ``A100``, ``B200``, ``GB200``,
  ``MI300X``, families ``Hopper``, ``Blackwell``, ``Ampere``...), before or after the noun:
  ``200 000 GPU H100``, ``10 000 H800``, ``10K H200s``, ``50 000 GPU Hopper``. A chip model with
  no noun counts ``gpu`` (``tpu`` for TPUs, ``accelerator`` for Gaudi/Ascend).
* A noun missing from the table is slugged (lowercase ASCII, singular by dropping the plural
  ending), rather than dropping the figure; :func:`unknown_noun` refuses function words,
  capitalised words (names, sentence starts) and French verb forms in ``-ent``/``-ait``. The
  slug is then translated to singular English by :data:`NOUN_TRANSLATIONS` (``trois axes`` ->
  ``axis``, ``quatre pans`` -> ``area``, ``deux leviers`` -> ``lever``; ``trois leaders [du secteur]``
  -> ``company``, a market leader being a firm in these reports). Known limit: a noun in neither table keeps its French slug (``counted`` is then
  not English); add it to :data:`NOUN_TRANSLATIONS` when it is seen.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

from pipelines.extraction import languages as language_rules

_S = r"[ \u00a0\u202f]+"
_S0 = r"[ \u00a0\u202f]*"


def _nouns(codes: tuple[str, ...]) -> list[tuple[str, str]]:
    """(pattern, slug) of the counted nouns of ``codes``, in the resources' order."""
    merged: dict[str, list[str]] = {}
    for code in codes:
        for slug, fragments in language_rules.table(code, "counted", "nouns", reading=False).items():
            merged.setdefault(slug, []).extend(f for f in fragments if f not in merged[slug])
    return [("|".join(language_rules.fragment_pattern(f) for f in fs), slug) for slug, fs in merged.items()]


#: (pattern, slug) of every language's counted nouns (``counted.nouns``): what any language
#: may count, for the rules that look ahead for a counted noun (not_figures).
COUNTED_NOUNS: list[tuple[str, str]] = _nouns(language_rules.languages())
_SLUGS_ALL = [slug for _, slug in COUNTED_NOUNS]


class _CountedWords(NamedTuple):
    noun: re.Pattern[str]
    slugs: tuple[str, ...]
    adjective: re.Pattern[str]
    connector: re.Pattern[str] | None
    partitive: re.Pattern[str] | None
    number: re.Pattern[str]  # the whole after a partitive ("24 der 27 Mitgliedstaaten")


@cache
def _counted_words(language: str) -> _CountedWords:
    """The counted nouns, adjectives and connectors a document in ``language`` reads."""
    nouns = _nouns(language_rules.reading_languages(language))
    alternation = "|".join(f"(?P<n{i}>{p})" for i, (p, _) in enumerate(nouns))
    # nationality adjectives qualify what is counted too ("seven European AI factories", "deux
    # supercalculateurs européens" aside: after the noun); the place words are the resources'
    places = [f for fs in language_rules.table(language, "places", "names").values() for f in fs]
    adjectives = language_rules.words(language, "counted", "adjectives") + tuple(places)
    connectors = language_rules.words(language, "counted", "connectors")
    partitives = language_rules.words(language, "counted", "partitives")
    cardinal_words = language_rules.words(language, "number_words", "cardinals")
    return _CountedWords(
        noun=re.compile(rf"(?i:{alternation})(?![\w-])"),
        slugs=tuple(slug for _, slug in nouns),
        adjective=re.compile(rf"(?i:{language_rules.grouped_alternation(adjectives)}){_S}"),
        connector=re.compile(
            rf"{_S0}(?:{'|'.join(language_rules.fragment_pattern(c) + (_S0 if c.endswith(chr(39)) else _S) for c in connectors)})"
        ) if connectors else None,
        partitive=re.compile(rf"(?i:{language_rules.alternation(partitives)}){_S}") if partitives else None,
        number=re.compile(
            rf"(?:\d{{1,3}}(?:[ .,\u00a0\u202f]\d{{3}})*|(?i:{language_rules.alternation(cardinal_words)}))(?![\w,.]\w){_S}"
        ),
    )


#: Chip models and families.
HARDWARE_PATTERN = (
    r"(?:GB\d{3}|[ABHLV]\d{2,3}[A-Z]?|MI\d{3}[A-Z]?|TPU\s?v\d+[a-z]?|Grace\s+Hopper|Hopper|"
    r"Blackwell|Ampere|Rubin|Gaudi\s?\d|Ascend\s?\d{3}[A-Z]?)"
)
_HARDWARE = re.compile(
    rf"(?:(?:Nvidia|NVIDIA|AMD|Intel|Google|Huawei){_S})?(?P<hw>{HARDWARE_PATTERN})(?:s|’s|'s)?(?![\w])"
)
_GAP = re.compile(r"[ \u00a0\u202f*«»“”\"]*")
_CLOSING = re.compile(r"[ \u00a0\u202f]*[»”\"*]+")
_IA_AFTER = re.compile(rf"{_S}(?:d['’]{_S0}|de{_S})(?:IA|AI)(?![\w])")
_WORD = re.compile(r"[^\W\d_][^\W\d_'’]*(?:-[^\W\d_]+)*")

STOP_WORDS = frozenset(
    """
    de des du d la le les l et ou à a au aux en pour par sur dans avec sans sous que qui quoi dont
    où plus moins fois ne pas se ce cet cette ces son sa ses leur leurs est sont ont était sera
    seront selon soit mais donc or ni car comme chez vers entre depuis pendant avant après jusqu
    environ près déjà seulement uniquement également aussi encore très bien tout tous toutes
    toute chaque même mêmes ans an années mois jours semaines heures fin début milieu contre
    of the and or in on at by for with from to than as is are was were be been will would
    more less per each out over under up down that which who this these those its their it
    he she they we you into about after before between since until only just also still
    years year months month days day weeks week hours hour end times time
    """.split()
)


def connector_end(text: str, pos: int, language: str) -> int | None:
    """Where a connector at ``pos`` ends ("millions| de foyers", "millions| d'ordinateurs":
    ``counted.connectors``); None when the language has none or none stands there."""
    connector = _counted_words(language).connector
    m = connector.match(text, pos) if connector is not None else None
    return m.end() if m is not None and m.end() > pos else None


def read_counted(
    text: str, pos: int, *, allow_de: bool, language: str = "fr"
) -> tuple[str, str | None, int] | None:
    """What a number ending at ``pos`` counts: (counted, hardware, end of the noun) or None.

    ``allow_de``: a connector (``de``/``d'`` in French) may stand before the noun (after a scale
    word or a collective). ``language``: the document's (its resource's nouns and adjectives).
    """
    words = _counted_words(language)
    p = pos
    if allow_de and words.connector is not None:
        m = words.connector.match(text, p)
        if m is not None:
            p = m.end()
    p = _GAP.match(text, p).end()  # type: ignore[union-attr]
    if p == pos and text.startswith("-", pos) and (glued := words.noun.match(text, pos + 1)) is not None \
            and not text.startswith("-", glued.end()):
        # a compound adjective of a noun of the table still counts it ("a 64-core CPU", "a 4-GPU
        # server"); a longer compound is a name or a class ("das 1-Mrd.-€-Projekt")
        return _slug_of(glued, words), None, glued.end()
    if p == pos:
        return None  # the noun must be separated from the number
    hardware = None
    hw = _HARDWARE.match(text, p)
    if hw is not None:
        hardware = _hardware_name(hw.group("hw"))
        end = hw.end()
        after = _GAP.match(text, end).end()  # type: ignore[union-attr]
        noun = words.noun.match(text, after) if after > end else None
        if noun is not None:
            return _slug_of(noun, words), hardware, noun.end()
        return _hardware_counted(hardware), hardware, end
    q = p
    part_of_whole = False
    if words.partitive is not None:  # "cinq de ces sites", "five of these sites", "fünf dieser Standorte"
        part = words.partitive.match(text, q)
        if part is not None:
            q = part.end()
            whole = words.number.match(text, q)
            if whole is not None:  # "24 der 27 Mitgliedstaaten": the whole is a figure of its own
                q, part_of_whole = whole.end(), True
    for _ in range(2):
        adj = words.adjective.match(text, q)
        if adj is None:
            break
        q = adj.end()
    if (tech := _TECH_MODIFIER.match(text, q)) is not None:
        q = tech.end()
    if (brand := _BRAND.match(text, q)) is not None and words.noun.match(text, brand.end()) is not None:
        q = brand.end()  # "5,000 Nvidia GPUs", "100,000 NVIDIA graphics processing units": a maker's name
    if q != p:
        q = _GAP.match(text, q).end()  # type: ignore[union-attr]  # "six nouveaux « AI Factories »"
    # a noun of the table that opens with an adjective names more than the bare noun ("junge
    # Unternehmen" are start-ups, "Unternehmen" companies): tried before the adjectives are skipped
    noun = (words.noun.match(text, p) if q != p else None) or words.noun.match(text, q)
    if noun is None:
        noun = _compound_tail(text, q, words, language)
    if noun is None and q != p:  # the "adjective" was the noun itself ("27 EU-Staaten")
        noun = _compound_tail(text, p, words, language)
    if noun is None:
        noun = _hyphen_tail(text, q, words)
    if noun is None and (mega := _MEGA.match(text, q)) is not None:
        noun = words.noun.match(text, mega.end())  # "25 mégatransactions", "12 megadeals": deals
    head_last = language_rules.text(language, "counted", "compound_head", "first") == "last"
    if noun is None and head_last and (w := _WORD.match(text, q)) is not None and w.group()[0].islower() \
            and w.group().lower() not in _FUNCTION_WORDS:
        # "300 construction workers", "32 back-up generators"; a preposition is no modifier: "800m
        # from investors" counts no investors
        noun = _noun_after(text, w.end(), words)
    if noun is None:
        return None
    while head_last and (later := _noun_after(text, noun.end(), words)) is not None:
        noun = later  # "100 GPU servers" counts servers, "5 data centre projects" projects
    counted = _slug_of(noun, words)
    if part_of_whole:
        return counted, None, pos  # the part's span is its number; the whole's noun is read with it
    end = noun.end()
    if any(c in text[pos:q] for c in "«“\"*"):
        closing = _CLOSING.match(text, end)
        if closing is not None:
            end = closing.end()
            ia = _IA_AFTER.match(text, end)
            if ia is not None:
                end = ia.end()
    after = _GAP.match(text, end).end()  # type: ignore[union-attr]
    if after > end:
        hw = _HARDWARE.match(text, after)
        if hw is not None:
            hardware = _hardware_name(hw.group("hw"))
            end = hw.end()
    return counted, hardware, end


def _noun_after(text: str, end: int, words: _CountedWords) -> re.Match[str] | None:
    """A noun of the table right after ``end`` (one space between): the next noun of a compound
    written as separate words, whose last noun is its head in English."""
    after = _GAP.match(text, end).end()  # type: ignore[union-attr]
    if after == end or after - end > 1:
        return None
    return words.noun.match(text, after)


@cache
def _figure_anaphora(language: str) -> re.Pattern[str] | None:
    return language_rules.word_pattern(language, "counted", "figure_anaphora", r"(?<![\w])(?i:{words})(?![\w])")


def refers_to_last_count(sentence: str, start: int, language: str = "fr") -> bool:
    """Words before a number at ``start`` refer to the count just stated ("Ce chiffre pourrait
    passer à 14 000", "This figure could rise to 14,000", ``counted.figure_anaphora``), with no
    clause break between: the number counts what that count counted."""
    return _last_in_clause(_figure_anaphora(language), sentence, start) is not None


def number_of_before(sentence: str, start: int, language: str = "fr") -> bool:
    """The clause of a number at ``start`` opened with "the number of", "die Zahl der", "le nombre
    de" (``counted.number_of``), whatever the noun after it: the number counts something ("die Zahl
    der Komplettumsteiger soll auf 1,9 Millionen steigen"), it is no amount of money, unless a verb
    of money stands between ("..., die Telekom investierte dafür 6,1 Millionen")."""
    found = _last_in_clause(_number_of(language), sentence, start)
    verbs = money_verbs(language)
    return found is not None and (verbs is None or verbs.search(sentence, found.end(), start) is None)


@cache
def money_verbs(language: str) -> re.Pattern[str] | None:
    """Verbs of money (``counted.money_verbs``): a scaled number after one is an amount."""
    return language_rules.word_pattern(language, "counted", "money_verbs", r"(?i:(?<![\w])(?:{words})(?![\w]))")


def _last_in_clause(pattern: re.Pattern[str] | None, sentence: str, start: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in the clause before ``start`` (at most a clause's length back,
    no ``. ; :`` between it and ``start``), or None."""
    if pattern is None:
        return None
    found = None
    for found in pattern.finditer(sentence, max(0, start - _NUMBER_OF_REACH), start):
        pass
    if found is None or _BETWEEN_BREAK.search(sentence, found.end(), start):
        return None
    return found


def counted_by_phrase(sentence: str, start: int, language: str = "fr") -> tuple[str, int] | None:
    """What a bare number at ``start`` counts when its clause named it before the number: "the
    number of data centres rose to 3,000", "die Zahl der Beschäftigten hat sich auf 500
    verdoppelt", "le nombre de start-ups atteint 500": (counted, where the phrase ends). Only a
    noun of the table is taken (an unknown noun may be anything), and no clause break (``. ; :``)
    may stand between; the caller keeps it for the first count after the phrase only."""
    found = _last_in_clause(_number_of(language), sentence, start)
    if found is None:
        return None
    words = _counted_words(language)
    p = _GAP.match(sentence, found.end()).end()  # type: ignore[union-attr]
    # the noun, after at most three words ("the number of its large enterprise customers")
    for _ in range(4):
        noun = words.noun.match(sentence, p) or _compound_tail(sentence, p, words, language)
        if noun is not None:
            return _slug_of(noun, words), found.end()
        word = _WORD_AND_SPACE.match(sentence, p)
        if word is None:
            return None
        p = word.end()
    return None


_WORD_AND_SPACE = re.compile(r"[^\W\d_][\w'’-]*[ \u00a0\u202f]+")


#: how far before the number the phrase may stand (characters): one long clause (a break ends it before)
_NUMBER_OF_REACH = 160
#: a clause break between the phrase and the figure: the phrase is not its
_BETWEEN_BREAK = re.compile(r"[.;:]\s")


_WORD_START = re.compile(r"(?<![\w'’-])[^\W\d_]")


def last_noun_before(sentence: str, end: int, language: str = "fr") -> str | None:
    """The counted noun of the table written last in ``sentence[:end]``, a number before it or not
    ("the UK had the most AI roles in Europe (60,000)": job); None when none is."""
    words = _counted_words(language)
    found = None
    for w in _WORD_START.finditer(sentence, 0, end):
        noun = words.noun.match(sentence, w.start())
        if noun is not None and noun.end() <= end:
            found = noun
    return _slug_of(found, words) if found is not None else None


@cache
def _number_of(language: str) -> re.Pattern[str] | None:
    phrases = language_rules.words(language, "counted", "number_of")
    return re.compile(rf"(?i:{language_rules.alternation(phrases)})") if phrases else None


#: French (or English plural) slug -> singular English, for nouns outside COUNTED_NOUNS. These
#: count things that are not measured quantities (structure of an argument, ways, assets...);
#: they stay counts of ``other`` topic, with an English name.
NOUN_TRANSLATIONS: dict[str, str] = {
    "axe": "axis",
    "axis": "axis",
    "axes": "axis",
    "pan": "area",
    "domaine": "area",
    "levier": "lever",
    "opportunite": "opportunity",
    "atout": "asset",
    "marche": "market",
    "pilier": "pillar",
    "voie": "way",
    "maniere": "way",
    "facon": "way",
    "dynamique": "dynamic",
    "leader": "company",  # "trois leaders du secteur": firms in this corpus (market leaders)
    "acteur": "player",
    "raison": "reason",
    "etape": "step",
    "priorite": "priority",
    "objectif": "goal",
    "defi": "challenge",
    "enjeu": "issue",
    "risque": "risk",
    "secteur": "sector",
    "strategie": "strategy",
    "scenario": "scenario",
    "mesure": "measure",
    "recommandation": "recommendation",
    "proposition": "proposal",
    "region": "region",
    "ville": "city",
    "continent": "continent",
    "categorie": "category",
    "critere": "criterion",
    "principe": "principle",
    "modele": "model",
    "reseau": "network",
    "dispositif": "scheme",
    "program": "programme",
    "programm": "programme",
    "initiativen": "initiative",
    "bureau": "office",
}


#: The parties the resources' counted nouns name: companies, countries, people, investors.
_PARTIES = frozenset((
    "company", "country", "member_state", "startup", "scaleup", "unicorn", "decacorn", "big_tech", "hyperscaler",
    "investor", "operator", "partner", "customer", "consumer", "user", "subscriber", "household", "person",
    "developer", "engineer", "executive", "expert", "founder", "professor", "researcher", "student", "technician",
    "employee", "job",
))
#: The objects the resources' counted nouns name (facilities, machines, chips, projects...): two of
#: them after a determiner are a count ("ces deux usines", "the two cloud data center giants");
#: two parties are "both", a reference to named ones ("les deux pays", "the two start-ups"), as
#: is an abstract pair ("les deux continents", "les deux mondes").
COUNTED_OBJECTS: frozenset[str] = frozenset(_SLUGS_ALL) - _PARTIES

#: What counts of real things count: every slug of COUNTED_NOUNS, and the translated nouns naming
#: firms, players and places. Any other noun (an axis, a lever, a way, a noun no table knows) is
#: abstract for ``discourse.discourse_count``, which refuses such a count when it announces the
#: parts of an argument.
COUNTABLE_THINGS: frozenset[str] = frozenset(_SLUGS_ALL) | frozenset(
    ("company", "player", "market", "sector", "region", "city", "continent",
     # what a public plan funds exists in numbers, like its projects ("vier Programme", "quatre
     # initiatives en IA", "deux dispositifs"): not the parts of an argument
     "programme", "initiative", "scheme")
)


# Every language's function words (``numbers.function_words``) are not nouns either ("3 und 5").
_FUNCTION_WORDS = frozenset(
    w.lower() for w in language_rules.all_words("numbers", "function_words") if w.isalpha()
)


def _compound_tail(text: str, pos: int, words: _CountedWords, language: str) -> re.Match[str] | None:
    """In a language that glues nouns into compounds (``counted.noun_case: capitalised``), a
    capitalised word that ends with a counted noun counts that noun ("28 Rechnerschränke",
    "zwei neue Chipfabriken"): the longest such tail of at least four letters, after a first part
    of three letters at least (two make no noun: "Se|kunden" is no compound of "Kunden")."""
    if language_rules.text(language, "counted", "noun_case", "lower") != "capitalised":
        return None
    w = _WORD.match(text, pos)
    if w is None or not w.group()[0].isupper():
        return None
    for i in range(pos + 3, w.end() - 3):
        m = words.noun.match(text, i)
        if m is not None and m.end() == w.end():
            return m
    return None


#: the intensifier glued before a noun of the table in every language ("mégatransactions", "megadeals")
_MEGA = re.compile(r"(?i:m[eé]ga)(?=[^\W\d_])")
#: a maker's name before a noun of the table (one or two capitalised words), and the model's number
#: after it ("418 NVIDIA 2050 Accelerators")
_BRAND = re.compile(r"(?:[A-Z][\w&.-]*[ \u00a0\u202f]+){1,2}(?:[A-Z]{0,2}\d{2,5}[A-Za-z]{0,3}[ \u00a0\u202f]+)?(?=[^\W\d_])")
#: a technology's name of a digit and capitals before a noun, as an adjective ("1600 neue
#: 4G-Standorte", "300 5G sites"): skipped like one
_TECH_MODIFIER = re.compile(r"\d[A-Z][A-Za-z]{0,2}(?:-|[ \u00a0\u202f]+)(?=[^\W\d_])")


def _hyphen_tail(text: str, pos: int, words: _CountedWords) -> re.Match[str] | None:
    """A counted noun after a hyphenated prefix counts that noun, in any language ("20 méga-levées
    de fonds", "12 mega-rounds", "acht Groß-Finanzierungsrunden"): the noun after the word's last
    hyphen that is followed by one."""
    w = _WORD.match(text, pos)
    if w is None or "-" not in w.group():
        return None
    for i in reversed([pos + k + 1 for k, c in enumerate(w.group()) if c == "-"]):
        m = words.noun.match(text, i)
        if m is not None and m.end() >= w.end():
            return m
    return None


#: a word long enough to say whether a line is written in title case (short words are function
#: words, which title case leaves in lower case)
_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")


def in_title_case(text: str, pos: int) -> bool:
    """The line around ``pos`` is written in title case ("EU Receives 76 Bids for AI Gigafactories
    Across 16 States"): four in five of its words of four letters or more, and at least three,
    start with a capital. There a capital says nothing of a name."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return _title_case_line(text[a:len(text) if b < 0 else b])


@lru_cache(maxsize=1024)
def _title_case_line(line: str) -> bool:
    # a line is asked about once per capitalised word or named number on it: read once
    if len(line) > 300:
        return False  # a headline is short; a paragraph is not written in title case
    words = _TITLE_WORD.findall(line)
    return len(words) >= 3 and 5 * sum(w[0].isupper() for w in words) >= 4 * len(words)


def unknown_noun(text: str, pos: int, language: str = "fr") -> tuple[str, int] | None:
    """A slug of the noun right after ``pos`` (after at most two adjectives of the table) when it is
    not in the table: (slug, end)."""
    m = re.match(r"[ \u00a0\u202f]+", text[pos : pos + 4])
    if m is not None:
        p = pos + m.end()
    elif pos and text[pos - 1] in "'’":
        p = pos  # right after an elided connector ("cinq millions d'ordinateurs")
    else:
        return None
    for _ in range(2):  # "two key assets", "deux autres raisons": the noun is after the adjectives
        adj = _counted_words(language).adjective.match(text, p)
        if adj is None:
            break
        p = adj.end()
    if (tech := _TECH_MODIFIER.match(text, p)) is not None:
        p = tech.end()
    w = _WORD.match(text, p)
    if w is None:
        return None
    word = w.group()
    lower = word.lower()
    noun_first = str.isupper if language_rules.text(language, "counted", "noun_case", "lower") == "capitalised" else str.islower
    if lower in STOP_WORDS or lower in _FUNCTION_WORDS or len(word) < 3:
        return None
    if not noun_first(word[0]) and not (
            word[0].isupper() and slugify(word, language) != lower and in_title_case(text, w.start())):
        return None  # a name, unless a title-case line capitalises every noun (a plural one: "76 Bids")
    if (lower.endswith("ent") and not lower.endswith("ment")) or lower.endswith(("ait", "aient")):
        return None
    if language == "fr" and lower.endswith("ront"):
        return None  # a future tense: "dont cinq deviendront des gigafactories", "trois seront"
    if language == "en" and len(lower) > 4 and lower.endswith("ed") and not lower.endswith("eed"):
        return None  # a participle, not a noun: "an additional 527 planned", "300 announced"
    if _not_noun(language).fullmatch(word):
        return None  # a verb: "54 came from abroad", "27 annoncés, 11 en cours"
    slug = slugify(word, language)
    return NOUN_TRANSLATIONS.get(slug, slug), w.end()


@cache
def _not_noun(language: str) -> re.Pattern[str]:
    """Verb forms after a number that are not what it counts: ``counted.not_nouns`` and the
    language's change verbs (``periods.change_verbs``: "13 rose", "deux ont grimpé")."""
    words = [*language_rules.words(language, "counted", "not_nouns"), *language_rules.words(language, "periods", "change_verbs")]
    return re.compile(rf"(?i:{language_rules.alternation(words)})") if words else re.compile(r"(?!x)x")


_LIGATURES = str.maketrans({"ß": "ss", "œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "þ": "th"})


def slugify(noun: str, language: str = "fr") -> str:
    """Lowercase ASCII singular slug of a noun: ``"Piliers"`` -> ``"pilier"``."""
    # letters NFKD does not split into a base and an accent would be dropped ("Groß" -> "gro")
    s = unicodedata.normalize("NFKD", noun.lower().translate(_LIGATURES))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    parts = [_singular(p, language) for p in s.split("_") if p]
    return "_".join(parts) or "thing"


def _singular(word: str, language: str) -> str:
    if len(word) <= 3:
        return word
    if language == "en" and word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if language == "en" and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]  # switches -> switch, boxes -> box
    if word.endswith("eaux"):
        return word[:-1]  # bureaux -> bureau, réseaux -> réseau
    if word.endswith("aux"):
        return word[:-3] + "al"  # canaux -> canal
    if word.endswith(("s", "x")) and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _slug_of(m: re.Match[str], words: _CountedWords) -> str:
    return words.slugs[int(m.lastgroup[1:])]  # type: ignore[index]


def _hardware_name(raw: str) -> str:
    return re.sub(r"\s+", " ", raw)


def _hardware_counted(hardware: str) -> str:
    if hardware.upper().startswith("TPU"):
        return "tpu"
    if hardware.startswith(("Gaudi", "Ascend")):
        return "accelerator"
    return "gpu"


@cache
def _partitive_gap(language: str) -> re.Pattern[str] | None:
    partitives = language_rules.words(language, "counted", "partitives")
    if not partitives:
        return None
    # adverbs and qualifiers may stand before the whole ("2,8 Millionen der zurzeit etwa 5 Millionen")
    return re.compile(rf"(?:{_S})?(?i:{language_rules.alternation(partitives)}){_S}(?:[^\W\d_]+{_S}){{0,3}}\Z")


def partitive_between(text: str, language: str = "fr") -> bool:
    """``text`` (between a number and the next one) is a partitive and at most three words: the
    number is a part of the next one's whole ("2,8 Millionen der zurzeit etwa 5 Millionen
    Glasfaseranschlüsse", "3 million of the 12 million homes")."""
    gap = _partitive_gap(language)
    return gap is not None and gap.match(text) is not None
