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

_S = r"[ \u00a0\u202f]+"
_S0 = r"[ \u00a0\u202f]*"
_IA = rf"(?:{_S}(?:d['’]{_S0}|de{_S})?(?:IA|intelligence{_S}artificielle|AI)(?![\w]))?"

#: (pattern, slug), tried in order: put longer forms first.
COUNTED_NOUNS: list[tuple[str, str]] = [
    (rf"giga-?usines?{_IA}|(?:AI{_S})?giga-?factor(?:y|ies)", "ai_gigafactory"),
    (rf"usines?{_IA}|AI{_S}factor(?:y|ies)|factor(?:y|ies)", "ai_factory"),
    (
        r"GPUs?|processeurs?\s+graphiques|cartes?\s+graphiques|graphics\s+processing\s+units?|"
        r"graphics\s+cards?",
        "gpu",
    ),
    (r"TPUs?", "tpu"),
    (r"CPUs?", "cpu"),
    (r"microprocesseurs?|microprocessors?|processeurs?|processors?", "microprocessor"),
    (r"puces|puce|chips?|semi-?conducteurs?|semiconductors?", "chip"),
    (r"accélérateurs?|accelerators?", "accelerator"),
    (r"supercalculateurs?|superordinateurs?|supercomputers?|super-?ordinateurs?", "supercomputer"),
    (r"data\s?cent(?:er|re)s?|centres?\s+de\s+données|datacent(?:er|re)s?", "data_centre"),
    (r"serveurs?|servers?", "server"),
    (r"n[œo]e?uds?(?:\s+de\s+calcul)?|(?:compute\s+)?nodes?", "node"),
    (r"c[œo]e?urs?|cores?", "core"),
    (r"racks?|baies", "rack"),
    (
        r"salles?\s+(?:informatiques|serveurs|de\s+serveurs|blanches|machines|IT)|data\s+halls?|server\s+(?:rooms?|halls?)",
        "data_hall",
    ),
    (r"centres?\s+de\s+calcul|computing\s+cent(?:er|re)s?|HPC\s+cent(?:er|re)s?", "computing_centre"),
    (r"bâtiments?|batiments?|buildings?", "building"),
    (r"campus", "campus"),
    (r"installations?|facilities|facility", "facility"),
    (r"générateurs?|generateurs?|generators?|groupes\s+électrogènes", "generator"),
    (r"turbines?", "turbine"),
    (r"opérateurs?|operateurs?|operators?", "operator"),
    (r"localisations?|locations?|emplacements?", "location"),
    (
        r"modèles?(?:\s+d['’]IA|\s+de\s+langage|\s+de\s+fondation|\s+linguistiques|\s+d['’]intelligence\s+artificielle)?|"
        r"models?|LLMs?",
        "model",
    ),
    (r"paramètres?|parameters?|params", "parameter"),
    (r"tokens?|jetons?", "token"),
    (r"licornes?|unicorns?", "unicorn"),
    (r"décacornes?|decacorns?", "decacorn"),
    (r"start-?ups?|jeunes\s+pousses|pépites", "startup"),
    (r"scale-?ups?", "scaleup"),
    (r"employés?|salariés?|employees?|collaborateurs|staff|workers?|travailleurs", "employee"),
    (r"emplois?|jobs?", "job"),
    (r"chercheurs?|researchers?|scientifiques|scientists?", "researcher"),
    (r"ingénieurs?|engineers?", "engineer"),
    (r"développeurs?|developers?", "developer"),
    (r"étudiants?|students?", "student"),
    (r"brevets?|patents?", "patent"),
    (r"(?:co-?)?fondat(?:eur|rice)s?|(?:co-?)?founders?", "founder"),
    (r"dirigeants?|executives?|PDG|CEOs?|chefs?\s+d['’]entreprises?", "executive"),
    (
        r"tours?\s+de\s+(?:table|financement|financements|levée)|levées\s+de\s+fonds|(?:funding\s+|financing\s+)?rounds?",
        "funding_round",
    ),
    (r"manifestations?\s+d['’]intérêt|expressions?\s+of\s+interest|candidatures?", "expression_of_interest"),
    (r"instituts?|institutes?", "institute"),
    (r"pôles?|clusters?", "cluster"),
    (r"\*?Big\s+Tech\*?|géants?\s+(?:technologiques|du\s+numérique)|tech\s+giants?", "big_tech"),
    (r"hyperscalers?", "hyperscaler"),
    (r"entreprises?|sociétés?|compan(?:y|ies)|firmes?|firms?", "company"),
    (r"investisseurs?|investors?", "investor"),
    (r"pays|countries|country|États(?:\s+membres)?|Etats(?:\s+membres)?|member\s+states", "country"),
    (r"utilisateurs?|usagers?|users?", "user"),
    (r"consommateurs?|consumers?", "consumer"),
    (r"clients?|customers?", "customer"),
    (r"abonnés?|subscribers?", "subscriber"),
    (r"personnes?|people|persons?|individus|habitants|inhabitants|citoyens|citizens", "person"),
    (r"sites?", "site"),
    (r"centres?|cent(?:er|re)s", "centre"),
    (r"projets?|projects?", "project"),
    (r"universités?|universities|university", "university"),
    (r"laboratoires?|labs?", "lab"),
    (r"applications?|apps?", "application"),
    (r"langues?|languages?", "language"),
]
_NOUN_ALTERNATION = "|".join(f"(?P<n{i}>{p})" for i, (p, _) in enumerate(COUNTED_NOUNS))
_NOUN = re.compile(rf"(?i:{_NOUN_ALTERNATION})(?![\w-])")
_SLUGS = [slug for _, slug in COUNTED_NOUNS]

#: Chip models and families.
HARDWARE_PATTERN = (
    r"(?:GB\d{3}|[ABHLV]\d{2,3}[A-Z]?|MI\d{3}[A-Z]?|TPU\s?v\d+[a-z]?|Grace\s+Hopper|Hopper|"
    r"Blackwell|Ampere|Rubin|Gaudi\s?\d|Ascend\s?\d{3}[A-Z]?)"
)
_HARDWARE = re.compile(
    rf"(?:(?:Nvidia|NVIDIA|AMD|Intel|Google|Huawei){_S})?(?P<hw>{HARDWARE_PATTERN})(?:s|’s|'s)?(?![\w])"
)
_ADJECTIVE = re.compile(
    rf"(?i:plus{_S}grand(?:e|s|es)?|plus{_S}gros(?:se|ses)?|grand(?:e|s|es)?|petit(?:e|s|es)?|"
    rf"autres|nouve(?:aux|lles?|l)|principa(?:ux|les?)|premi(?:ers|ères)|derni(?:ers|ères)|"
    rf"gros(?:ses)?|seuls?|seules?|largest|biggest|new|other|more|top|leading|major|additional|main|key|"
    rf"different|distinct|separate)"
    rf"{_S}"
)
_DE = re.compile(rf"{_S0}(?:de{_S}|d['’]{_S0})")
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


def read_counted(text: str, pos: int, *, allow_de: bool) -> tuple[str, str | None, int] | None:
    """What a number ending at ``pos`` counts: (counted, hardware, end of the noun) or None.

    ``allow_de``: ``de``/``d'`` may stand before the noun (after a scale word or a collective).
    """
    p = pos
    if allow_de:
        m = _DE.match(text, p)
        if m is not None:
            p = m.end()
    p = _GAP.match(text, p).end()  # type: ignore[union-attr]
    if p == pos:
        return None  # the noun must be separated from the number
    hardware = None
    hw = _HARDWARE.match(text, p)
    if hw is not None:
        hardware = _hardware_name(hw.group("hw"))
        end = hw.end()
        after = _GAP.match(text, end).end()  # type: ignore[union-attr]
        noun = _NOUN.match(text, after) if after > end else None
        if noun is not None:
            return _slug_of(noun), hardware, noun.end()
        return _hardware_counted(hardware), hardware, end
    q = p
    for _ in range(2):
        adj = _ADJECTIVE.match(text, q)
        if adj is None:
            break
        q = adj.end()
    noun = _NOUN.match(text, q) or (_NOUN.match(text, p) if q != p else None)
    if noun is None:
        return None
    counted = _slug_of(noun)
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
}


#: What counts of real things count: every slug of COUNTED_NOUNS, and the translated nouns naming
#: firms, players and places. Any other noun (an axis, a lever, a way, a noun no table knows) is
#: abstract for ``discourse.discourse_count``, which refuses such a count when it announces the
#: parts of an argument.
COUNTABLE_THINGS: frozenset[str] = frozenset(_SLUGS) | frozenset(
    ("company", "player", "market", "sector", "region", "city", "continent")
)


def unknown_noun(text: str, pos: int, language: str = "fr") -> tuple[str, int] | None:
    """A slug of the noun right after ``pos`` (after at most two adjectives of the table) when it is
    not in the table: (slug, end)."""
    m = re.match(r"[ \u00a0\u202f]+", text[pos : pos + 4])
    if m is None:
        return None
    p = pos + m.end()
    for _ in range(2):  # "two key assets", "deux autres raisons": the noun is after the adjectives
        adj = _ADJECTIVE.match(text, p)
        if adj is None:
            break
        p = adj.end()
    w = _WORD.match(text, p)
    if w is None:
        return None
    word = w.group()
    lower = word.lower()
    if lower in STOP_WORDS or len(word) < 3 or not word[0].islower():
        return None
    if (lower.endswith("ent") and not lower.endswith("ment")) or lower.endswith(("ait", "aient")):
        return None
    slug = slugify(word, language)
    return NOUN_TRANSLATIONS.get(slug, slug), w.end()


def slugify(noun: str, language: str = "fr") -> str:
    """Lowercase ASCII singular slug of a noun: ``"Piliers"`` -> ``"pilier"``."""
    s = unicodedata.normalize("NFKD", noun.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    parts = [_singular(p, language) for p in s.split("_") if p]
    return "_".join(parts) or "thing"


def _singular(word: str, language: str) -> str:
    if len(word) <= 3:
        return word
    if language == "en" and word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("aux"):
        return word[:-3] + "al"
    if word.endswith(("s", "x")) and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _slug_of(m: re.Match[str]) -> str:
    return _SLUGS[int(m.lastgroup[1:])]  # type: ignore[index]


def _hardware_name(raw: str) -> str:
    return re.sub(r"\s+", " ", raw)


def _hardware_counted(hardware: str) -> str:
    if hardware.upper().startswith("TPU"):
        return "tpu"
    if hardware.startswith(("Gaudi", "Ascend")):
        return "accelerator"
    return "gpu"
