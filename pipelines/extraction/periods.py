"""Read the years a figure refers to from its sentence.

``read_period(sentence, figure_start, figure_end, published_year)`` returns a
:class:`~pipelines.extraction.model.Period` whose ``text`` is the exact words of the sentence it
was read from (``sentence[i:j] == period.text`` for the chosen match), or
``Period(None, None, None)`` when the sentence states no time.

How
---
1. Every time expression of the sentence is found by an ordered table of rules (``RULES``, data,
   one regex and one *kind* per row; French and English). The kinds and what they give
   (``P`` = publication year):

   ============  ==========================================  ======================
   kind          examples                                    period
   ============  ==========================================  ======================
   ``range``     entre 2022 et 2025, de 2022 à 2025,          2022–2025
                 2025-2026, 2025/26, between/from..to
   ``quarter``   au dernier trimestre 2024, T3 2024, Q3       2024–2024, quarter 4/3
                 2024, the fourth quarter of 2024
   ``since``     depuis 2019, since 2019, depuis les          2019–P
                 années 1990
   ``until``     d'ici 2030, à l'horizon 2030, by 2030,       P–2030
                 jusqu'en 2030, avant 2030
   ``from``      à partir de 2026, dès 2026, from 2026 on     2026–None (open end)
   ``date``      le 21 janvier 2025, en février 2025,         2025–2025
                 novembre/décembre 2023, January 21, 2025
   ``fiscal``    FY2025, FY25, exercice 2025                  2025–2025
   ``decade``    dans les années 1950, in the 1990s           1950–1959
   ``ahead``     sur quatre ans, over five years, sur les     P–P+n-1
                 dix prochaines années, within 3 years
   ``in_n``      dans 5 ans, in 5 years' time                 P+n–P+n
   ``back``      en 10 ans, en moins de deux ans, ces cinq    P-n–P-1
                 dernières années, over the past 5 years
   ``since_n``   depuis deux ans, depuis plus de deux ans     P-n–P
   ``rel``       l'an dernier / last year (P-1), cette        one year
                 année / this year (P), l'an prochain (P+1),
                 septembre dernier (P)
   ``year``      en 2025, in 2024, fin 2022, pour 2025, 2025  2025–2025
   ============  ==========================================  ======================

   Number words are read with ``text2num`` ("quatre", "five"); an unreadable one drops the
   match.
2. Overlapping matches: the longest wins ("entre 2022 et 2025" over "2022"; "le 21 janvier 2025"
   over "2025"), then the earlier rule.
3. A match that overlaps the figure's own span is not a period of it (a year that is itself the
   figure, or "10 ans" read as a duration figure).
4. The match chosen is the nearest to the figure, preferring one in the same clause (clauses
   are cut at ``;``, ``:``, spaced dashes and sentence punctuation, not at commas, since a
   fronted "En 2025, ..." belongs to the clause it introduces); at equal distance the one
   before the figure.

Decisions: "en N ans" (no tense is read) is retrospective — the N complete years before
publication, P-N..P-1 ("En 10 ans, les États-Unis ont investi 335 milliards" published 2025 →
2015–2024), while "sur N ans" looks ahead from the publication year (P..P+N-1: "sur quatre ans"
in 2025 → 2025–2028); "<month> dernier" is taken to be in the publication year (the month of
publication is not known here); "à partir de 2026" has an open end (``end=None``).
Event dates (decision): a full date with a day (``le 21 janvier 2025``, ``4 décembre 2024``,
``1<sup>er</sup> novembre 2024``, ``January 21, 2025``) says *when something happened* (an
announcement, a signature, an article's publication), not the years an amount or a count refers
to: "a annoncé, le 21 janvier 2025, un investissement privé de 500 milliards" is not an investment
of 2025. Such a date still takes its words (the ``2025`` inside it is not read again as a bare
year) but is never the period of a figure, so the figure falls back on the next time expression
("Le 24 novembre 2025, ... doubler le rythme des découvertes sur dix ans" -> "sur dix ans") or on
none. Exception, when the sentence says the figure is a stock at that date: ``au 31 décembre
2024`` (``au`` + full date) is a period (2024). A month with a year (``en mars 2025``) or a year
is a period as before.

Citations (``location="citation"``): a bibliographic reference ends with its own publication date
("« Meta to Invest $10 Billion for Louisiana Data Center », Reuters, 4 décembre 2024"). A figure
inside a quoted title (``« ... »``, ``“ ... ”``, ``"..."``) takes only a time expression of the
same title ("« ... 91,6 milliards en 2024 ... »" -> 2024; "« ... $300bn ... for 2025 »" -> 2025);
the dates outside it are the reference's: when the title states no time, the figure is dated
by the reference's publication date (its year: "« Nvidia Market Cap Hits $3 Trillion », Reuters,
5 juin 2024" -> 2024), which also dates its currency.

Changes (``change_role``): in "passant de 20 % à 40 %", "est passée de 10% à 70%", "from 20% to
40%", the first value is where the change started and the second where it arrived. With a
period of several years (``Depuis 2015`` -> 2015–2025) the from-value takes its first year and
the to-value its last (20 % -> 2015, 40 % -> 2025). With a single year (``En 2023``), that year is
the to-value's; the from-value's year is not stated in the sentence, so the document stage takes
the latest earlier year stated in the sentence before (``en 2010, 40% des brevets ...`` then ``En
2023, ... passée de 10% à 70%`` -> 10 % in 2010), else none (see ``document.py``).

Known limits: a quarter without a year ("au dernier trimestre") is not read; relative phrases
anchored on another date ("l'année précédente") are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from pipelines.extraction.model import Period

__all__ = ["RULES", "read_period", "find_periods", "change_role", "is_event_date"]

_Y = r"(?<![\d.,/\w])(?:19|20)\d{2}(?![\d]|[.,]\d|[\s\u00a0\u202f]?\d{3}\b|[\s\u00a0\u202f]?%)"
_AP = r"['’]"
_S = r"[\s\u00a0\u202f]+"
_MONTH_FR = (
    r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    r"novembre|décembre|decembre)"
)
_MONTH_EN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_NUM_WORDS = (
    "un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize vingt trente quarante cinquante cent one two three four five six seven eight nine ten "
    "eleven twelve thirteen fourteen fifteen sixteen twenty thirty forty fifty hundred a"
).split()
_NUM = (
    r"(?P<n>\d{1,3}|(?:" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"
    r"(?:-(?:et-)?(?:" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r"))*)"
)
_QUARTER_WORDS = {
    "premier": 1, "1er": 1, "first": 1, "1st": 1,
    "deuxième": 2, "deuxieme": 2, "2e": 2, "2ème": 2, "second": 2, "2nd": 2,
    "troisième": 3, "troisieme": 3, "3e": 3, "3ème": 3, "third": 3, "3rd": 3,
    "quatrième": 4, "quatrieme": 4, "4e": 4, "4ème": 4, "dernier": 4, "fourth": 4, "4th": 4,
    "last": 4, "final": 4,
}
_QW = r"(?P<qw>" + "|".join(sorted(_QUARTER_WORDS, key=len, reverse=True)) + r")"


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


#: (kind, regex) in priority order: ties between overlapping matches of equal length go to
#: the earlier row.
RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # ranges
    ("range", _r(rf"\bentre{_S}(?:l{_AP}(?:année|an){_S}|les{_S}années{_S})?(?P<y1>{_Y}){_S}et{_S}(?:l{_AP}(?:année|an){_S})?(?P<y2>{_Y})")),
    ("range", _r(rf"\b(?:de|du|d{_AP})(?:{_S})?(?:l{_AP}(?:année|an){_S})?(?P<y1>{_Y}){_S}(?:à|au|a|jusqu{_AP}(?:en|à)){_S}(?:l{_AP}(?:année|an){_S})?(?P<y2>{_Y})")),
    ("range", _r(rf"\bbetween{_S}(?P<y1>{_Y}){_S}and{_S}(?P<y2>{_Y})")),
    ("range", _r(rf"\bfrom{_S}(?P<y1>{_Y}){_S}(?:to|through|until|till){_S}(?P<y2>{_Y})")),
    ("range", _r(rf"(?P<y1>{_Y})[\s\u00a0\u202f]?[-–/][\s\u00a0\u202f]?(?P<y2>{_Y}|\d{{2}}(?![\d%]))")),
    # quarters
    ("quarter", _r(rf"(?:\b(?:au|du|le|lors{_S}du|pour{_S}le|sur{_S}le|dans{_S}le){_S})?{_QW}{_S}trimestre{_S}(?:de{_S}l{_AP}année{_S}|de{_S}|d{_AP})?(?P<y1>{_Y})")),
    ("quarter", _r(rf"(?:\b(?:in|during|for){_S})?(?:the{_S})?{_QW}{_S}quarter{_S}(?:of{_S})?(?P<y1>{_Y})")),
    ("quarter", _r(rf"(?:\b(?:au|du|en|in|pour|for){_S})?\b[TQ](?P<qn>[1-4])[\s\u00a0\u202f]?(?:FY)?(?P<y1>{_Y})")),
    ("quarter", _r(rf"(?P<y1>{_Y})[\s\u00a0\u202f]?[-–]?[\s\u00a0\u202f]?[TQ](?P<qn>[1-4])\b")),
    # since / until / from
    ("since", _r(rf"\bdepuis{_S}(?:(?:l{_AP}(?:année|an)|le{_S}début{_S}de|la{_S}fin{_S}de|fin|début|mi-)(?:{_S})?)?(?P<y1>{_Y})")),
    ("since", _r(rf"\bsince{_S}(?:(?:the{_S})?(?:start|end|beginning|middle){_S}of{_S}|mid-|early{_S}|late{_S})?(?P<y1>{_Y})")),
    ("since", _r(rf"\bdepuis{_S}les{_S}années{_S}(?P<dec>(?:19|20)\d0)\b")),
    ("since", _r(rf"\bsince{_S}the{_S}(?P<dec>(?:19|20)\d0)s\b")),
    ("until", _r(rf"\bd{_AP}ici{_S}(?:à{_S}|a{_S})?(?:la{_S}fin{_S}de{_S}|fin{_S}|l{_AP}an{_S}|l{_AP}année{_S})?(?P<y2>{_Y})")),
    ("until", _r(rf"\b(?:à|a){_S}l{_AP}horizon{_S}(?:de{_S})?(?P<y2>{_Y})|\bhorizon{_S}(?P<y3>{_Y})")),
    ("until", _r(rf"\bjusqu{_AP}(?:en|à|a){_S}(?:fin{_S})?(?P<y2>{_Y})")),
    ("until", _r(rf"\bavant{_S}(?:la{_S}fin{_S}de{_S}|fin{_S})?(?P<y2>{_Y})")),
    ("until", _r(rf"\b(?:by|until|through|before){_S}(?:the{_S}end{_S}of{_S}|end[-\s]|mid-)?(?P<y2>{_Y})")),
    ("from", _r(rf"\b(?:à{_S}partir{_S}de|a{_S}partir{_S}de|dès|starting{_S}(?:in|from)){_S}(?P<y1>{_Y})")),
    ("from", _r(rf"\bfrom{_S}(?P<y1>{_Y}){_S}onwards?\b")),
    # dates
    ("date", _r(rf"\b(?:le{_S}|du{_S}|au{_S})?(?:\d{{1,2}}|1er|1<sup>er</sup>|premier){_S}{_MONTH_FR}{_S}(?P<y1>{_Y})")),
    ("date", _r(rf"\b(?:(?:en|au{_S}mois{_S}de|début|fin|mi-|courant|dès|depuis)(?:{_S})?)?{_MONTH_FR}(?:(?:{_S})?/(?:{_S})?{_MONTH_FR}|-{_MONTH_FR})?{_S}(?P<y1>{_Y})")),
    ("date", _r(rf"\b(?:(?:on|in){_S})?{_MONTH_EN}{_S}(?:\d{{1,2}}(?:st|nd|rd|th)?,?{_S})?(?P<y1>{_Y})")),
    ("date", _r(rf"\b(?:on{_S})?\d{{1,2}}{_S}{_MONTH_EN}{_S}(?P<y1>{_Y})")),
    ("fiscal", _r(rf"(?:\b(?:in|en|pour|for){_S})?\b(?:FY|exercice{_S}(?:fiscal{_S})?|fiscal{_S}(?:year{_S})?)[\s\u00a0\u202f]?(?P<fy>(?:19|20)\d{{2}}(?!\d)|\d{{2}}(?!\d))")),
    ("decade", _r(rf"\b(?:(?:dans|durant|pendant|depuis){_S})?les{_S}années{_S}(?P<dec>(?:19|20)\d0)\b")),
    ("decade", _r(rf"\b(?:(?:in|during){_S})?the{_S}(?P<dec>(?:19|20)\d0)s\b")),
    # durations
    ("ahead", _r(rf"\bsur{_S}(?:une{_S}période{_S}de{_S}|les{_S})?{_NUM}{_S}(?:prochaines{_S})?(?:ans|années)\b(?:{_S}à{_S}venir)?")),
    ("ahead", _r(rf"\b(?:dans|d{_AP}ici){_S}(?:les{_S})?{_NUM}{_S}prochaines{_S}années\b")),
    ("ahead", _r(rf"\b(?:over|within|in){_S}(?:the{_S}next{_S})?{_NUM}{_S}years\b(?!{_S}ago)(?!['’]?{_S}time)")),
    ("ahead", _r(rf"\bover{_S}(?:the{_S})?(?:next|coming){_S}{_NUM}{_S}years\b")),
    ("in_n", _r(rf"\bdans{_S}{_NUM}{_S}ans\b")),
    ("in_n", _r(rf"\bin{_S}{_NUM}{_S}years['’]?{_S}time\b")),
    ("back", _r(rf"\ben{_S}(?:(?:moins|plus|près){_S}de{_S}|à{_S}peine{_S}|seulement{_S})?{_NUM}{_S}ans\b")),
    ("back", _r(rf"\b(?:au{_S}cours{_S}des|ces|durant{_S}les|pendant{_S}les|sur{_S}les|lors{_S}des){_S}{_NUM}{_S}dernières{_S}années\b")),
    ("back", _r(rf"\b(?:over|in|during|for){_S}the{_S}(?:past|last|previous){_S}{_NUM}{_S}years\b")),
    ("since_n", _r(rf"\bdepuis{_S}(?:(?:plus|moins|près){_S}de{_S})?{_NUM}{_S}ans\b")),
    ("since_n", _r(rf"\bfor{_S}(?:more{_S}than{_S}|over{_S}|nearly{_S})?{_NUM}{_S}years\b")),
    # relative years
    ("rel", _r(rf"\bl{_AP}an{_S}(?:dernier|passé)\b|\bl{_AP}année{_S}(?:dernière|passée)\b|\blast{_S}year\b|\bl{_AP}an{_S}prochain\b|\bl{_AP}année{_S}prochaine\b|\bnext{_S}year\b|\bcette{_S}année\b|\bthis{_S}year\b")),
    ("rel", _r(rf"\b(?:en{_S})?{_MONTH_FR}{_S}dernier\b|\blast{_S}{_MONTH_EN}")),
    # bare years, with their preposition
    ("year", _r(rf"(?:\b(?:en|au|pour|durant|pendant|courant|fin|début|mi-|in|for|during|as{_S}of|early|late|mid-|end)(?:{_S})?)?(?P<y1>{_Y})")),
)

_CLAUSE_RE = re.compile(r";|:\s|\s[–—]\s|[.!?…](?:\s|$)")


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    rule: int
    period: Period


def _num(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    w = word.lower()
    if w in ("a", "un", "une"):
        return 1
    for lang in ("fr", "en"):
        try:
            return int(text2num(w, lang))
        except (ValueError, TypeError):
            continue
    return None


def _year(s: str | None) -> int | None:
    return int(s) if s else None


def _resolve(kind: str, m: re.Match[str], p: int) -> Period | None:
    text = m.group()
    g = m.groupdict()
    if kind == "range":
        y1 = int(g["y1"])
        y2s = g["y2"]
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        if y2 <= y1 or y2 - y1 > 50:
            return None
        return Period(y1, y2, text)
    if kind == "quarter":
        q = int(g["qn"]) if g.get("qn") else _QUARTER_WORDS.get(g["qw"].lower())
        y = int(g["y1"])
        return Period(y, y, text, q)
    if kind == "since":
        y = int(g["dec"]) if g.get("dec") else int(g["y1"])
        return Period(y, max(y, p), text)
    if kind == "until":
        y = _year(g.get("y2")) or _year(g.get("y3"))
        return Period(min(p, y), y, text)
    if kind == "from":
        return Period(int(g["y1"]), None, text)
    if kind in ("date", "year"):
        y = int(g["y1"])
        return Period(y, y, text)
    if kind == "fiscal":
        fy = g["fy"]
        y = int(fy) if len(fy) == 4 else 2000 + int(fy)
        return Period(y, y, text)
    if kind == "decade":
        d = int(g["dec"])
        return Period(d, d + 9, text)
    if kind in ("ahead", "in_n", "back", "since_n"):
        n = _num(g["n"])
        if n is None or n <= 0 or n > 100:
            return None
        if kind == "ahead":
            return Period(p, p + n - 1, text)
        if kind == "in_n":
            return Period(p + n, p + n, text)
        if kind == "back":
            return Period(p - n, p - 1, text)
        return Period(p - n, p, text)
    if kind == "rel":
        low = text.lower()
        if "dernier" in low and not low.startswith(("l'", "l’")):
            return Period(p, p, text)  # "septembre dernier": same year as publication
        if re.search(r"last\s+(?!year)", low):
            return Period(p, p, text)
        if any(w in low for w in ("dernier", "dernière", "passé", "last")):
            return Period(p - 1, p - 1, text)
        if any(w in low for w in ("prochain", "next")):
            return Period(p + 1, p + 1, text)
        return Period(p, p, text)
    return None


def find_periods(sentence: str, published_year: int) -> list[tuple[int, int, Period]]:
    """Every time expression of ``sentence`` as ``(start, end, period)``, non-overlapping."""
    return [(m.start, m.end, m.period) for m in _select(_candidates(sentence, published_year))]


# Cheap gates: a rule only runs when the sentence holds what it needs (speed on large corpora).
_HAS_YEAR_RE = re.compile(r"(?:19|20)\d\d|FY\s?\d\d", re.I)
_HAS_SPAN_RE = re.compile(r"\b(?:ans|années|years)\b", re.I)
_HAS_REL_RE = re.compile(r"\b(?:an|année|year|dernier|last)\b", re.I)
_GATES = {
    "ahead": _HAS_SPAN_RE, "in_n": _HAS_SPAN_RE, "back": _HAS_SPAN_RE, "since_n": _HAS_SPAN_RE,
    "rel": _HAS_REL_RE,
}


@lru_cache(maxsize=2048)
def _candidates(sentence: str, published_year: int) -> tuple[_Match, ...]:
    out = []
    passed: dict[str, bool] = {}
    for i, (kind, rx) in enumerate(RULES):
        gate = _GATES.get(kind, _HAS_YEAR_RE)
        ok = passed.get(gate.pattern)
        if ok is None:
            ok = passed[gate.pattern] = gate.search(sentence) is not None
        if not ok:
            continue
        for m in rx.finditer(sentence):
            period = _resolve(kind, m, published_year)
            if period is not None:
                out.append(_Match(m.start(), m.end(), i, period))
    return tuple(out)


def _select(cands) -> list[_Match]:
    chosen: list[_Match] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.rule, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


_DATE_RULES = frozenset(i for i, (kind, _) in enumerate(RULES) if kind == "date")
_DAY_RE = re.compile(r"(?<![\d])\d{1,2}(?![\d])|\b1er\b|<sup>er</sup>|\bpremier\b", re.I)
_AS_OF_RE = re.compile(r"au[\s\u00a0\u202f]", re.I)
_QUOTED_RE = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"]*\"")


def is_event_date(c: _Match) -> bool:
    """A full date with a day, not introduced by ``au`` (see module doc: an event date)."""
    text = c.period.text or ""
    return c.rule in _DATE_RULES and _DAY_RE.search(text) is not None and not _AS_OF_RE.match(text)


def read_period(
    sentence: str,
    figure_start: int,
    figure_end: int,
    published_year: int,
    location: str = "body",
) -> Period:
    """The period of the figure at ``sentence[figure_start:figure_end]`` (see module doc)."""
    cands = [
        c
        for c in _candidates(sentence, published_year)
        if c.end <= figure_start or c.start >= figure_end
    ]
    selected = _select(cands)
    cands = [c for c in selected if not is_event_date(c)]
    if location == "citation" and ("«" in sentence or "“" in sentence or '"' in sentence):
        title = next(
            ((q.start(), q.end()) for q in _QUOTED_RE.finditer(sentence) if q.start() <= figure_start and figure_end <= q.end()),
            None,
        )
        if title is not None:
            cands = [c for c in cands if title[0] <= c.start and c.end <= title[1]]
            if not cands:
                # The headline gives no year: it speaks of the time the cited work was published.
                dated = [c for c in selected if c.start >= title[1]]
                if dated:
                    last = dated[-1]
                    year = last.period.end if last.period.end is not None else last.period.start
                    return Period(year, year, last.period.text)
    if not cands:
        return Period(None, None, None)
    bounds = [m.start() for m in _CLAUSE_RE.finditer(sentence)]

    def key(c: _Match) -> tuple[int, int, int]:
        after = c.start >= figure_end
        dist = c.start - figure_end if after else figure_start - c.end
        # a match and the figure are in the same clause when no boundary lies between them
        lo, hi = (figure_end, c.start) if after else (c.end, figure_start)
        same = not any(lo <= b < hi for b in bounds)
        return (0 if same else 1, dist, 1 if after else 0)

    best = min(cands, key=key)
    return best.period


_SP0 = "[\\s\u00a0\u202f]"
_FROM_BEFORE_RE = re.compile(
    r"(?i:\b(?:pass(?:ant|é|ée|és|ées|er|e|ait|aient|era)|évolu\w*|grew|rose|fell|increased|"
    r"decreased|went|going|rising|falling|climbed|dropped|jumped)[\s\u00a0\u202f]+(?:de[\s\u00a0\u202f]+|d['’]|from[\s\u00a0\u202f]+))\Z"
)
_FROM_AFTER_RE = re.compile(r"(?i:[\s\u00a0\u202f]+(?:à|a|to)[\s\u00a0\u202f]+[\d$€£\\])")
_TO_BEFORE_RE = re.compile(
    r"(?i:\b(?:pass(?:ant|é|ée|és|ées|er|e|ait|aient|era)|évolu\w*|grew|rose|fell|increased|"
    r"decreased|went|going|rising|falling|climbed|dropped|jumped)[\s\u00a0\u202f]+(?:de[\s\u00a0\u202f]+|d['’]|from[\s\u00a0\u202f]+)"
    r"[^,;:.()]{1,30}?[\s\u00a0\u202f]+(?:à|a|to)[\s\u00a0\u202f]+)\Z"
)


def change_role(sentence: str, figure_start: int, figure_end: int) -> str | None:
    """``"from"``/``"to"`` when the figure is an end of a change "passant de X à Y" (module doc)."""
    lo = max(0, figure_start - 60)
    if _FROM_BEFORE_RE.search(sentence, lo, figure_start) and _FROM_AFTER_RE.match(sentence, figure_end):
        return "from"
    if _TO_BEFORE_RE.search(sentence, lo, figure_start):
        return "to"
    return None
