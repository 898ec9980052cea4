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
   figure, or "10 ans" read as a duration figure); nor is one inside another figure of the
   sentence ("2050 Accelerators" counted, "418 NVIDIA 2050 Accelerators": a model's number).
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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from pipelines.extraction import languages as language_rules
from pipelines.extraction.model import Period
from pipelines.extraction.number_words import read_whole_number_words
from pipelines.extraction import prefilter
from pipelines.extraction.prefilter import Possible

__all__ = ["KINDS", "read_period", "find_periods", "change_hint", "change_role", "is_event_date"]

_Y = r"(?<![\d.,/\w])(?:19|20)\d{2}(?![\d]|[.,]\d|[\s\u00a0\u202f]?\d{3}\b|[\s\u00a0\u202f]?%)"
_AP = r"['’]"
_S = r"[\s\u00a0\u202f]+"
#: The kinds of time expressions, in the order their rules are tried (ties go to the earlier).
KINDS = ("range", "quarter", "since", "until", "from", "date", "fiscal", "decade", "ahead", "in_n", "back",
         "since_n", "rel", "year")
#: Rules with no word of any language, after each kind's language rules.
_NEUTRAL: dict[str, tuple[str, ...]] = {
    "range": (rf"(?P<y1>{_Y})[\s\u00a0\u202f]?[-–/][\s\u00a0\u202f]?(?P<y2>{_Y}|\d{{2}}(?![\d%]))",),
    "quarter": (rf"\b[TQ](?P<qn>[1-4])[\s\u00a0\u202f]?(?:FY)?(?P<y1>{_Y})",
                rf"(?P<y1>{_Y})[\s\u00a0\u202f]?[-–]?[\s\u00a0\u202f]?[TQ](?P<qn>[1-4])\b"),
    "fiscal": (rf"\bFY[\s\u00a0\u202f]?(?P<fy>(?:19|20)\d{{2}}(?!\d)|\d{{2}}(?!\d))",),
    "year": (rf"(?P<y1>{_Y})",),
}


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


class _Rules(NamedTuple):
    rules: tuple[tuple[str, re.Pattern[str], int], ...]  # (kind, regex, relative offset)
    literals: tuple[str, ...]  # a word each rule's matches contain (lower case; "" when none)
    possible: Possible  # which rules can match in a sentence (the strings each requires)
    quarter_words: dict[str, int]
    dates: frozenset[int]  # indexes of the date rules
    span_gate: re.Pattern[str]
    relative_gate: re.Pattern[str]
    day: re.Pattern[str]
    as_of: re.Pattern[str]


def _leading_literal(fragment: str) -> str:
    """The word a rule's every match starts with ("entre", "depuis", "since"), lower case, or "":
    a sentence without it is not searched with that rule (a cheap, exact gate)."""
    m = re.match(r"\\b([^\W\d_]{3,})(?=[ \\])", fragment)
    return m.group(1).lower() if m else ""


@cache
def _rules(language: str) -> _Rules:
    """The time-expression rules of a document in ``language`` (``periods`` of the resources of
    the languages it reads), in the order of :data:`KINDS`."""
    months = language_rules.alternation(language_rules.words(language, "dates", "months"))
    quarter_words = {w.lower(): int(k) for k, ws in language_rules.table(language, "periods", "quarter_words").items()
                     for w in ws}
    qw = "(?P<qw>" + "|".join(re.escape(w) for w in sorted(quarter_words, key=len, reverse=True)) + ")"
    number_words = sorted({w.lower() for key in ("cardinals", "ones", "ones_in_runs")
                           for w in language_rules.words(language, "number_words", key)}, key=len, reverse=True)
    words = "|".join(re.escape(w) for w in number_words) or r"(?!x)x"
    num = rf"(?P<n>\d{{1,3}}|(?:{words})(?:-(?:et-)?(?:{words}))*)"

    def expand(fragment: str) -> str:
        return (language_rules.fragment_pattern(fragment).replace("{year}", _Y).replace("{number}", num)
                .replace("{month}", months).replace("{quarter_word}", qw))

    table = language_rules.table(language, "periods", "rules")
    relative = language_rules.table(language, "periods", "relative")
    rules: list[tuple[str, re.Pattern[str], int]] = []
    literals: list[str] = []
    for kind in KINDS:
        if kind == "rel":
            sources = [(f, int(offset)) for offset, fs in relative.items() for f in fs]
        else:
            sources = [(f, 0) for f in table.get(kind, ())]
        for fragment, offset in sources:
            rules.append((kind, _r(expand(fragment)), offset))
            literals.append(_leading_literal(fragment))
        for pattern in _NEUTRAL.get(kind, ()) if kind != "rel" else ():
            rules.append((kind, _r(pattern), 0))
            literals.append("")
    years = language_rules.table(language, "units", "durations").get("years", ())
    return _Rules(
        rules=tuple(rules),
        literals=tuple(literals),
        possible=Possible(rx for _, rx, _ in rules),
        quarter_words=quarter_words,
        dates=frozenset(i for i, (kind, _, _) in enumerate(rules) if kind == "date"),
        span_gate=_r(rf"\b{language_rules.alternation(years)}\b"),
        relative_gate=_r(rf"\b{language_rules.alternation(language_rules.words(language, 'periods', 'relative_gate'))}"),
        day=_r(r"(?<![\d])\d{1,2}(?![\d])|" + "|".join(
            language_rules.fragment_pattern(f) for f in language_rules.words(language, "periods", "first_of_month"))
            if language_rules.words(language, "periods", "first_of_month") else r"(?<![\d])\d{1,2}(?![\d])"),
        as_of=_r(language_rules.alternation(language_rules.words(language, "periods", "as_of"))),
    )


_CLAUSE_RE = re.compile(r";|:\s|\s[–—]\s|[.!?…](?:\s|$)")


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    rule: int
    period: Period


def _num(word: str, language: str) -> int | None:
    if word.isdigit():
        return int(word)
    w = word.lower()
    if w in {o.lower() for o in language_rules.words(language, "number_words", "ones")} | {"une"}:
        return 1
    value = read_whole_number_words(w, language)
    return int(value) if value is not None else None


def _year(s: str | None) -> int | None:
    return int(s) if s else None


def _resolve(kind: str, m: re.Match[str], p: int, rules: _Rules, offset: int, language: str) -> Period | None:
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
        q = int(g["qn"]) if g.get("qn") else rules.quarter_words.get(g["qw"].lower())
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
        n = _num(g["n"], language)
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
        return Period(p + offset, p + offset, text)
    return None


def find_periods(sentence: str, published_year: int, language: str = "fr") -> list[tuple[int, int, Period]]:
    """Every time expression of ``sentence`` as ``(start, end, period)``, non-overlapping."""
    return [(m.start, m.end, m.period) for m in _select(_candidates(sentence, published_year, language, prefilter.enabled()))]


# Cheap gates: a rule only runs when the sentence holds what it needs (speed on large corpora).
_HAS_YEAR_RE = re.compile(r"(?:19|20)\d\d|FY\s?\d\d", re.I)
_SPAN_KINDS = frozenset(("ahead", "in_n", "back", "since_n"))


@lru_cache(maxsize=2048)
def _candidates(sentence: str, published_year: int, language: str = "fr", gated: bool = True) -> tuple[_Match, ...]:
    """Every match of every rule (``gated``: whether the prefilter may skip rules, a cache key)."""
    rules = _rules(language)
    out = []
    has_year = _HAS_YEAR_RE.search(sentence) is not None
    has_span = rules.span_gate.search(sentence) is not None
    has_relative = rules.relative_gate.search(sentence) is not None
    lower = sentence.lower()
    possible = rules.possible(sentence)
    for i, (kind, rx, offset) in enumerate(rules.rules):
        if not (has_span if kind in _SPAN_KINDS else has_relative if kind == "rel" else has_year):
            continue
        literal = rules.literals[i]
        if literal and literal not in lower or not possible[i]:
            continue
        for m in rx.finditer(sentence):
            period = _resolve(kind, m, published_year, rules, offset, language)
            if period is not None:
                out.append(_Match(m.start(), m.end(), i, period))
    return tuple(out)


def _select(cands) -> list[_Match]:
    chosen: list[_Match] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.rule, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


_QUOTED_RE = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"]*\"")


def is_event_date(c: _Match, language: str = "fr") -> bool:
    """A full date with a day, not introduced by ``au`` (see module doc: an event date)."""
    rules = _rules(language)
    text = c.period.text or ""
    return c.rule in rules.dates and rules.day.search(text) is not None and not rules.as_of.match(text)


def read_period(
    sentence: str,
    figure_start: int,
    figure_end: int,
    published_year: int,
    location: str = "body",
    language: str = "fr",
    others: Sequence[tuple[int, int]] = (),
) -> Period:
    """The period of the figure at ``sentence[figure_start:figure_end]`` (see module doc);
    ``others``: the spans of the sentence's other figures, whose numbers are no years."""
    cands = [
        c
        for c in _candidates(sentence, published_year, language, prefilter.enabled())
        if (c.end <= figure_start or c.start >= figure_end)
        and not any(b <= c.start and c.end <= e for b, e in others)
    ]
    selected = _select(cands)
    cands = [c for c in selected if not is_event_date(c, language)]
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


@cache
def _change(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns of a change "passant de X à Y" / "from X to Y" (``periods.change_*``)."""
    verbs = language_rules.alternation(language_rules.words(language, "periods", "change_verbs"))
    from_ = language_rules.alternation(language_rules.words(language, "periods", "change_from"))
    to = language_rules.alternation(language_rules.words(language, "periods", "change_to"))
    sp = r"[\s\u00a0\u202f]"
    before = rf"\b{verbs}{sp}+{from_}{sp}*"
    return (
        re.compile(rf"(?i:{before})\Z"),
        re.compile(rf"(?i:{sp}+{to}{sp}+[\d$€£\\])"),
        re.compile(rf"(?i:{before}[^,;:.()]{{1,30}}?{sp}+{to}{sp}+)\Z"),
    )


@cache
def change_hint(language: str) -> re.Pattern[str]:
    """A cheap gate for :func:`change_role`: one of the language's change verbs is in the sentence."""
    return re.compile(language_rules.alternation(language_rules.words(language, "periods", "change_verbs")), re.I)


def change_role(sentence: str, figure_start: int, figure_end: int, language: str = "fr") -> str | None:
    """``"from"``/``"to"`` when the figure is an end of a change "passant de X à Y" (module doc)."""
    lo = max(0, figure_start - 60)
    from_before, from_after, to_before = _change(language)
    if from_before.search(sentence, lo, figure_start) and from_after.match(sentence, figure_end):
        return "from"
    if to_before.search(sentence, lo, figure_start):
        return "to"
    return None
