"""Read the place a figure is about from its sentence.

``read_geo(sentence, figure_start, figure_end)`` returns an ISO 3166-1 alpha-2 code, ``EU`` (the
Union and its institutions), ``EUROPE`` (the continent, "européen"), ``WORLD`` (monde,
mondial, world, global) or ``None``.

Rules (data, each language's: ``places`` in ``languages/<code>/rules.yaml``; one row per code with
the names, adjectives,
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
from functools import cache, lru_cache
from typing import NamedTuple

from pipelines.extraction import languages as language_rules
from pipelines.extraction import prefilter

__all__ = ["read_geo", "find_places", "is_demonym"]



class _PlaceRules(NamedTuple):
    places: tuple[tuple[str, re.Pattern[str]], ...]  # (code, regex): longest match wins, then the earlier row
    starts: re.Pattern[str]  # where a row may match: one pass instead of one per row (find_places)
    excluded_before: re.Pattern[str]
    compared_before: re.Pattern[str]
    clause: re.Pattern[str]
    comparison_term: re.Pattern[str]
    comparing: re.Pattern[str]   # cheap gate for comparison_term
    ranking_before: re.Pattern[str]
    ranking_after: re.Pattern[str]
    counterpart_before: re.Pattern[str]
    demonym: re.Pattern[str]


def _alt(language: str, key: str) -> str:
    return language_rules.alternation(language_rules.words(language, "places", key))


@cache
def _place_rules(language: str) -> _PlaceRules:
    """The place names and relation words of a document in ``language`` (``places`` in the
    resources of the languages it reads)."""
    names = language_rules.table(language, "places", "names")
    acronyms = language_rules.table(language, "places", "acronyms")
    rows: list[tuple[str, re.Pattern[str]]] = []
    name_fragments: list[str] = []
    acronym_fragments: list[str] = []
    for code in dict.fromkeys([*names, *acronyms]):
        name_fragments += names.get(code, ())
        acronym_fragments += acronyms.get(code, ())
        if code in names:
            words = "|".join(language_rules.fragment_pattern(f) for f in names[code])
            rows.append((code, re.compile(rf"(?<![\w-])(?:{words})(?![\w])", re.I)))
        if code in acronyms:
            letters = "|".join(language_rules.fragment_pattern(f) for f in acronyms[code])
            rows.append((code, re.compile(rf"(?<![\w.])(?:{letters})(?![\w])")))
    articles = _alt(language, "articles")
    # every row's lookbehind refuses a word character before the name: so does the gate, which
    # then tries every name (grouped by first letter) at word starts only, without consuming
    acronym_gate = "|".join(language_rules.fragment_pattern(f) for f in acronym_fragments) or r"(?!x)x"
    starts = re.compile(rf"(?<!\w)(?=(?i:{language_rules.grouped_alternation(tuple(name_fragments))})|(?:{acronym_gate}))")
    return _PlaceRules(
        places=tuple(rows),
        starts=starts,
        excluded_before=re.compile(rf"{_alt(language, 'excluded_before')}(?:\s+{articles})?\s*$", re.I),
        compared_before=re.compile(rf"{_alt(language, 'compared_before')}(?:\s+{articles}){{0,2}}\s*$", re.I),
        clause=re.compile(rf";|:\s|\s[–—]\s|[.!?…](?:\s|$)|,\s+{_alt(language, 'clause_openers')}\b", re.I),
        comparison_term=re.compile(rf"{_alt(language, 'comparison_terms')}\b[^,;:()\[\]–—.!?]{{0,60}}\Z", re.I),
        comparing=re.compile(_alt(language, "comparison_terms"), re.I),
        ranking_before=re.compile(_alt(language, "ranking_before"), re.I),
        ranking_after=re.compile(rf"\s+{_alt(language, 'ranking_after')}\b", re.I),
        counterpart_before=re.compile(rf"{_alt(language, 'counterpart_before')}(?:\s+{articles})?\s*\Z", re.I),
        demonym=re.compile(_alt(language, "demonyms") + "s?"),
    )


def is_demonym(word: str, code: str, language: str = "fr") -> bool:
    """A place word that is a nationality adjective (or its plural noun), not a place name:
    written in lower case (French, German) or a capitalised one of the resources' ``demonyms``."""
    if code == "WORLD":
        return False
    return word[:1].islower() or _place_rules(language).demonym.fullmatch(word) is not None


def find_places(sentence: str, language: str = "fr") -> tuple[tuple[int, int, str], ...]:
    """Every place mentioned in ``sentence`` as ``(start, end, code)``, non-overlapping,
    excluded mentions ("hors Chine") left out."""
    return _find_places(sentence, language, prefilter.enabled())


@lru_cache(maxsize=4096)
def _find_places(sentence: str, language: str, gated: bool) -> tuple[tuple[int, int, str], ...]:
    rules = _place_rules(language)
    cands = []
    if gated:
        # each row's ``finditer``, tried only where a name starts: the matches of a row are its
        # leftmost ones from the end of its previous match, and every one starts at a gate position
        row_end = [0] * len(rules.places)
        for start in rules.starts.finditer(sentence):
            at = start.start()
            for i, (code, rx) in enumerate(rules.places):
                if at < row_end[i]:
                    continue
                m = rx.match(sentence, at)
                if m is not None:
                    cands.append((m.start(), m.end(), i, code))
                    row_end[i] = m.end()
    else:
        for i, (code, rx) in enumerate(rules.places):
            for m in rx.finditer(sentence):
                cands.append((m.start(), m.end(), i, code))
    chosen: list[tuple[int, int, int, str]] = []
    for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        if all(c[1] <= o[0] or c[0] >= o[1] for o in chosen):
            chosen.append(c)
    out = []
    for s, e, _, code in sorted(chosen):
        if rules.excluded_before.search(sentence, max(0, s - 30), s):
            continue
        out.append((s, e, code))
    return tuple(out)


def read_geo(sentence: str, figure_start: int, figure_end: int, language: str = "fr") -> str | None:
    """The place nearest to ``sentence[figure_start:figure_end]`` (see module doc), or None."""
    places, bounds, demonyms = _sentence_places(sentence, language, prefilter.enabled())
    places = [p for p in places if p[1] <= figure_start or p[0] >= figure_end]
    if not places:
        return None

    named = any(not demonyms[p] for p in places)

    def key(p: tuple[int, int, str]) -> tuple[int, int, int, int]:
        after = p[0] >= figure_end
        lo, hi = (figure_end, p[0]) if after else (p[1], figure_start)
        same = not any(lo <= b < hi for b in bounds)
        demonym = named and demonyms[p]
        return (0 if same else 1, 1 if demonym else 0, hi - lo, 1 if after else 0)

    def later_clause(p: tuple[int, int, str]) -> bool:
        return p[0] >= figure_end and any(figure_end <= b < p[0] for b in bounds)

    places = [p for p in places if not later_clause(p)]
    if not places:
        return None
    return min(places, key=key)[2]


@lru_cache(maxsize=1024)
def _sentence_places(sentence: str, language: str, gated: bool) -> tuple[
        tuple[tuple[int, int, str], ...], tuple[int, ...], dict[tuple[int, int, str], bool]]:
    """What :func:`read_geo` reads of a sentence whatever the figure, once per sentence: the places
    that can be a figure's (rule 2 but for the overlap with the figure), the clause boundaries,
    and which places are nationality adjectives."""
    rules = _place_rules(language)
    comparing = rules.comparing.search(sentence) is not None  # cheap gate
    places = tuple(
        p
        for p in find_places(sentence, language)
        if not rules.compared_before.search(sentence, max(0, p[0] - 30), p[0])
        and not rules.counterpart_before.search(sentence, max(0, p[0] - 30), p[0])
        and not (comparing and rules.comparison_term.search(sentence, max(0, p[0] - 80), p[0]))
        and not (
            p[2] == "WORLD"
            and (
                rules.ranking_before.search(sentence, max(0, p[0] - 40), p[0])
                or rules.ranking_after.match(sentence, p[1])
            )
        )
    )
    bounds = tuple(m.start() for m in rules.clause.finditer(sentence)) if places else ()
    demonyms = {p: is_demonym(sentence[p[0]:p[1]], p[2], language) for p in places}
    return places, bounds, demonyms
