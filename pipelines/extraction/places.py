"""Read the place a figure is about from its sentence.

``read_geo(sentence, figure_start, figure_end)`` returns an ISO 3166-1 alpha-2 code, ``EU`` (the
Union and its institutions), ``EUROPE`` (the continent, "européen"), ``WORLD`` (monde,
mondial, world, global) or ``None``.

Rules (``PLACES``, data: one row per code with a French/English regex of names, adjectives,
capitals used by metonymy — Washington, Pékin, Londres, Bruxelles — and places inside a country
— Texas, Louisiane, Silicon Valley). Acronyms (``US``, ``USA``, ``U.S.``, ``UE``, ``EU``,
``UK``) are matched case-sensitively, words case-insensitively.

1. Every mention is found; overlapping mentions keep the longest ("Union européenne" over
   "européenne", "Corée du Sud" over "Sud", "République populaire de Chine").
2. A mention that is excluded ("hors Chine", "excluding China", "sauf", "except"), that is the
   term of a comparison ("dix fois plus *que l'Europe*", "le double *de celui de la Chine*",
   "more *than Europe*") or that overlaps the figure is ignored.
   A place after ``fois``/``times``/``l'équivalent``/``equivalent`` in the same phrase (no
   ``, ; : ( ) – —`` between) is the term of a comparison too: "soit environ 1,5 fois le PIB de
   la France", "l'équivalent du budget annuel de la défense française" do not make the figure
   French. ``que`` after ``parce``/``alors``/``tandis``/``bien``/``pendant``/``ainsi`` is a
   conjunction, not a comparison ("parce que la Chine est passée de 10% à 70%").
   ``mondial``/``world``/``global`` qualifying a ranking noun (``leader mondial``,
   ``champion mondial``, ``numéro un mondial``, ``world leader``, ``global leader``) or closing a superlative
   (``le plus rapide de la planète``, ``le plus grand du monde``) states a rank, not a place,
   and is ignored.
3. A mention in a later clause than the figure's is not its place (the figure is about what
   its own clause or an earlier one names: "En 2023, ils ne représentent plus que 14%… parce
   que la Chine est passée de 10% à 70%" does not make the 14 % Chinese).
4. The mention nearest to the figure wins, preferring one in the same clause (``;``, ``:``,
   spaced dashes, ", dont" / ", including", ", tandis que" / ", alors que" / ", whereas" /
   ", while"; other commas and parentheses do not cut), then a place named as such over a
   nationality adjective (the place is where the money goes or the capacity sits, the adjective
   says who spends: "Londres ... en attirant des investissements américains massifs : 22
   milliards de dollars" is GB), then one before the figure at equal distance.
5. The other party of a relation is not the place: "avec les États-Unis", "face à la Chine",
   "with China", "against the US".

Known limits: the nearest place is not always the one the figure is about (a place named in a
subordinate clause after the figure wins over the subject before it); institutions named without
their place ("la Commission") give nothing; a place in a quoted title is read like any other.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["PLACES", "read_geo", "find_places"]



def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.I)


def _acronyms(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.])(?:{pattern})(?![\w])")


#: (code, regex) — longest match wins across rows, then the earlier row.
PLACES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("EU", _words(r"Union\s+europ[ée]enne|European\s+Union|Commission\s+europ[ée]enne|European\s+Commission|Bruxelles|Brussels|Parlement\s+europ[ée]en|European\s+Parliament|Conseil\s+europ[ée]en|EuroHPC|InvestAI|Vingt-Sept|les\s+27|EU-?27")),
    ("EU", _acronyms(r"UE|EU|E\.U\.")),
    ("US", _words(r"[ÉE]tats[- ]Unis(?:\s+d['’]Am[ée]rique)?|United\s+States|Am[ée]rique(?!\s+(?:latine|du\s+Sud|centrale))|America(?!\s+(?:Latin|South))|am[ée]ricaine?s?|American?s?|Washington|Silicon\s+Valley|Wall\s+Street|Texas|Louisiane|Louisiana|Californie|California|Memphis|Stargate")),
    ("US", _acronyms(r"US|USA|U\.S\.A?\.?|[ÉE]\.-U\.")),
    ("CN", _words(r"R[ée]publique\s+populaire\s+de\s+Chine|Chine|chinoise?s?|China|Chinese|P[ée]kin|Beijing|Shenzhen|Shanghai")),
    ("GB", _words(r"Royaume[- ]Uni|United\s+Kingdom|Grande-Bretagne|Great\s+Britain|Britain|britanniques?|British|Londres|London|Angleterre|England")),
    ("GB", _acronyms(r"UK|U\.K\.|R\.-U\.")),
    ("FR", _words(r"France|français(?:e|es)?|French|Paris|Hexagone")),
    ("DE", _words(r"Allemagne|allemande?s?|Germany|German|Berlin")),
    ("GR", _words(r"Gr[èe]ce|grecque?s?|Greece|Greek|Ath[èe]nes|Athens")),
    ("IT", _words(r"Italie|italienne?s?|Italy|Italian|Rome")),
    ("ES", _words(r"Espagne|espagnole?s?|Spain|Spanish|Madrid|Barcelone|Barcelona")),
    ("FI", _words(r"Finlande|finlandaise?s?|Finland|Finnish|Kajaani")),
    ("SE", _words(r"Su[èe]de|su[ée]doise?s?|Sweden|Swedish|Stockholm")),
    ("LU", _words(r"Luxembourg|luxembourgeoise?s?")),
    ("SI", _words(r"Slov[ée]nie|slov[èe]nes?|Slovenia|Slovenian")),
    ("PL", _words(r"Pologne|polonaise?s?|Poland|Polish")),
    ("AT", _words(r"Autriche|autrichienne?s?|Austria|Austrian")),
    ("BG", _words(r"Bulgarie|bulgares?|Bulgaria|Bulgarian")),
    ("CZ", _words(r"Tch[ée]quie|R[ée]publique\s+tch[èe]que|tch[èe]ques?|Czechia|Czech\s+Republic|Czech")),
    ("NL", _words(r"Pays-Bas|n[ée]erlandaise?s?|Netherlands|Dutch|Amsterdam")),
    ("BE", _words(r"Belgique|belges?|Belgium|Belgian")),
    ("PT", _words(r"Portugal|portugaise?s?|Portuguese")),
    ("DK", _words(r"Danemark|danoise?s?|Denmark|Danish")),
    ("IE", _words(r"Irlande|irlandaise?s?|Ireland|Irish")),
    ("CH", _words(r"Suisse|Switzerland|Swiss")),
    ("NO", _words(r"Norv[èe]ge|norv[ée]gienne?s?|Norway|Norwegian")),
    ("IN", _words(r"Inde|indienne?s?|India|Indian")),
    ("KR", _words(r"Cor[ée]e\s+du\s+Sud|sud-cor[ée]enne?s?|South\s+Korea|Korea|Korean|S[ée]oul")),
    ("JP", _words(r"Japon|japonaise?s?|Japan|Japanese|Tokyo")),
    ("CA", _words(r"Canada|canadienne?s?|Canadian")),
    ("RU", _words(r"Russie|russes?|Russia|Russian|Moscou|Moscow")),
    ("TW", _words(r"Ta[ïi]wan|ta[ïi]wanaise?s?|Taiwanese")),
    ("IL", _words(r"Isra[ëe]l|isra[ée]lienne?s?|Israeli")),
    ("AE", _words(r"[ÉE]mirats\s+arabes\s+unis|United\s+Arab\s+Emirates|UAE|[ÉE]mirats")),
    ("SA", _words(r"Arabie\s+saoudite|Saudi\s+Arabia|saoudienne?s?|Saudi")),
    ("EUROPE", _words(r"Europe|europ[ée]enne?s?|European|Vieux\s+Continent|Old\s+Continent")),
    ("WORLD", _words(r"monde|mondiale?s?|mondiaux|world|worldwide|global(?:ly)?|planète|planet")),
)

_EXCLUDED_BEFORE_RE = re.compile(
    r"(?:\bhors|\bexcluding|\bexcept|\bsauf|\boutside(?:\s+of)?|\bà\s+l['’]exception\s+de|\bex-)"
    r"(?:\s+(?:la|le|les|l['’]|de|du|des|the))?\s*$",
    re.I,
)
# "dix fois plus que l'Europe", "plus du double de celui de la Chine", "than Europe": the place
# after a comparison is what the figure is compared with, not what it is about.
_COMPARED_BEFORE_RE = re.compile(
    r"(?:(?<!parce\s)(?<!alors\s)(?<!tandis\s)(?<!bien\s)(?<!pendant\s)(?<!ainsi\s)\bque|\bqu['’]|\bthan|\bpar\s+rapport\s+(?:à|aux?)|\bcompared\s+(?:to|with)|"
    r"\bcelui|\bcelle|\bceux|\bcelles)"
    r"(?:\s+(?:de|d['’]|du|des))?(?:\s+(?:la|le|les|l['’]|the))?\s*$",
    re.I,
)
# Clause boundaries; ", dont" / ", including" open a clause about a part ("six usines, pour un
# investissement de 485 millions d'euros, dont une implantée en France": the 485 M are not French).
_CLAUSE_RE = re.compile(
    r";|:\s|\s[–—]\s|[.!?…](?:\s|$)|,\s+(?:dont|including|of\s+which|tandis\s+que|alors\s+que|whereas|while)\b",
    re.I,
)
# "1,5 fois le PIB de la France", "l'équivalent du budget ... de la défense française".
_COMPARISON_TERM_RE = re.compile(
    r"(?:\bfois|\btimes|\bl['’]équivalent|\béquivalant|\bequivalent)\b[^,;:()\[\]–—.!?]{0,60}\Z", re.I
)
# "un leader mondial", "world leader": a rank, not a place.
_RANKING_BEFORE_RE = re.compile(
    r"\b(?:leaders?|champions?|numéros?\s+(?:un|1))\s+\Z|"
    r"\b(?:le|la|les)\s+plus\s+[^\W\d_]+\s+(?:de\s+la|du|des|au|dans\s+le)\s+\Z",
    re.I,
)
_RANKING_AFTER_RE = re.compile(r"\s+(?:leaders?|champions?|players?)\b", re.I)
# "avec les États-Unis", "with China", "face à la Chine", "against the US": the other party of a
# relation (a partner, a rival), not where the figure is.
_COUNTERPART_BEFORE_RE = re.compile(
    r"(?:\bavec|\bface\s+(?:à|aux?)|\bcontre|\bvis-à-vis\s+d[eu']s?|\bwith|\bagainst|\bversus|\bvs\.?|\brivals?\s+of)"
    r"(?:\s+(?:la|le|les|l['’]|the))?\s*\Z",
    re.I,
)
# Demonyms qualify who acts ("des investissements américains", "American companies"), while a
# place named as such says where ("à Londres", "in the United Kingdom"): when a sentence has
# both, the named place is where the money goes. French adjectives are written in lower case;
# English ones are listed.
_EN_DEMONYM_RE = re.compile(
    r"(?:American|Chinese|British|French|German|Greek|Italian|Spanish|Finnish|Swedish|Slovenian|Polish|"
    r"Austrian|Bulgarian|Czech|Dutch|Belgian|Portuguese|Danish|Irish|Swiss|Norwegian|Indian|Korean|"
    r"Japanese|Canadian|Russian|Taiwanese|Israeli|Emirati|Saudi|European)s?"
)


def is_demonym(word: str, code: str) -> bool:
    """A place word that is a nationality adjective (or its plural noun), not a place name."""
    if code == "WORLD":
        return False
    return word[:1].islower() or _EN_DEMONYM_RE.fullmatch(word) is not None


@lru_cache(maxsize=4096)
def find_places(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """Every place mentioned in ``sentence`` as ``(start, end, code)``, non-overlapping,
    excluded mentions ("hors Chine") left out."""
    cands = []
    for i, (code, rx) in enumerate(PLACES):
        for m in rx.finditer(sentence):
            cands.append((m.start(), m.end(), i, code))
    chosen: list[tuple[int, int, int, str]] = []
    for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        if all(c[1] <= o[0] or c[0] >= o[1] for o in chosen):
            chosen.append(c)
    out = []
    for s, e, _, code in sorted(chosen):
        if _EXCLUDED_BEFORE_RE.search(sentence, max(0, s - 30), s):
            continue
        out.append((s, e, code))
    return tuple(out)


def read_geo(sentence: str, figure_start: int, figure_end: int) -> str | None:
    """The place nearest to ``sentence[figure_start:figure_end]`` (see module doc), or None."""
    comparing = "fois" in sentence or "times" in sentence or "quival" in sentence  # cheap gate
    places = [
        p
        for p in find_places(sentence)
        if (p[1] <= figure_start or p[0] >= figure_end)
        and not _COMPARED_BEFORE_RE.search(sentence, max(0, p[0] - 30), p[0])
        and not _COUNTERPART_BEFORE_RE.search(sentence, max(0, p[0] - 30), p[0])
        and not (comparing and _COMPARISON_TERM_RE.search(sentence, max(0, p[0] - 80), p[0]))
        and not (
            p[2] == "WORLD"
            and (
                _RANKING_BEFORE_RE.search(sentence, max(0, p[0] - 40), p[0])
                or _RANKING_AFTER_RE.match(sentence, p[1])
            )
        )
    ]
    if not places:
        return None
    bounds = [m.start() for m in _CLAUSE_RE.finditer(sentence)]

    named = any(not is_demonym(sentence[p[0]:p[1]], p[2]) for p in places)

    def key(p: tuple[int, int, str]) -> tuple[int, int, int, int]:
        after = p[0] >= figure_end
        lo, hi = (figure_end, p[0]) if after else (p[1], figure_start)
        same = not any(lo <= b < hi for b in bounds)
        demonym = named and is_demonym(sentence[p[0]:p[1]], p[2])
        return (0 if same else 1, 1 if demonym else 0, hi - lo, 1 if after else 0)

    def later_clause(p: tuple[int, int, str]) -> bool:
        return p[0] >= figure_end and any(figure_end <= b < p[0] for b in bounds)

    places = [p for p in places if not later_clause(p)]
    if not places:
        return None
    return min(places, key=key)[2]
