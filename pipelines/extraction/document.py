"""Compose the extraction stages into one Polars frame per document.

``extract_document(text, language, published_year, subject=None)`` runs
``segments.split_document`` → ``figures.find_figures`` (per sentence) → ``periods.read_period``
→ ``topics.classify`` (the sentence) → ``topic_context.TopicContext.resolve`` (paragraph,
heading, document and ``subject`` — what the registry says the document is about — for the
readings the sentence leaves weak; ``TopicContext.evidence``: how far from the figure the words of
its topic stand, ``topic_evidence``) → ``places.read_geo`` and returns one row per figure, sorted by
``char_start``, with the columns and dtypes of ``SCHEMA`` (an empty document gives an empty frame
with the same schema).

Offsets: ``char_start``/``char_end`` are the figure's span in the *document*
(``text[char_start:char_end] == figure_text``); ``quote``/``quote_start``/``quote_end`` are the
sentence (at most 400 characters, see ``segments``) with its span in the document.

Decisions:

* A figure whose span overlaps a ``<sup>…</sup>`` marker (the footnote call ``<sup>12</sup>``)
  is dropped, and so is a number followed by an ordinal marker (``1<sup>er</sup> novembre``,
  ``XXI<sup>e</sup>``): footnote numbers and ordinals are not statements. A number just before
  a footnote call (``12 %<sup>3</sup>``) is kept.
* A figure whose span is not inside its sentence, or is empty, is dropped (defensive: the
  figures stage works on one sentence at a time).
* A duration that is the period of another figure of the same sentence is not a figure of its
  own: "prévoient d'investir jusqu'à 500 milliards de dollars sur quatre ans" gives the 500 bn
  with the period 2025–2028, and no "quatre ans" row; "En 10 ans, les États-Unis ont investi 335
  milliards" gives no "10 ans" row. A duration figure (unit years, months, weeks, days, hours)
  is dropped when its span lies inside the ``period_text`` another figure of the sentence took.
  Durations that are the statement itself stay ("il faut au moins cinq ans pour implanter un
  data center", "depuis plus de deux ans" with no other figure, "22 000 ans de lecture",
  "10 ans d'avance": no other figure reads its period from them). A duration after "only"
  (``units.duration_statement_before``: "en seulement deux ans", "in nur 20 Monaten") says how
  long something took: it stays a figure even where another figure reads its period from it.
* A duration right after a span preposition (``units.span_before``: "in", "dans", "en") is the
  span in which something happens: the span of another figure of its sentence ("+44 % in three
  months", "a levé 1 milliard d'euros en 12 mois") or, opening its sentence, a time to come ("In
  zwei Jahren sollen die ersten Spezialisten einziehen"): no figure. "in only 20 months", "en
  seulement 18 mois" say how long something took and stay.
* Changes "passant de X à Y" (see ``periods.change_role``): the from-value takes the first year
  of the period, the to-value the last; when the sentence gives a single year, it is the
  to-value's, and the from-value takes the latest earlier single year stated in the previous
  sentence of the document ("en 2010, 40% des brevets ..." then "En 2023, ... passée de 10% à
  70%" -> 10 % in 2010, 70 % in 2023), else no period.
* Currency carried across sentences: an amount with no stated currency (``XXX``) whose value
  (low and high) repeats an amount stated *earlier in the same document* with a currency takes
  that currency ("119 milliards de dollars" ... "Le chiffre de 119 milliards" -> USD). It is the
  same figure restated. An amount still without currency in a paragraph whose other amounts
  are all stated in one currency takes it: the writer states the currency once and means it
  for the paragraph ("... 1,5 milliard d'euros ... dont 400 millions restants"; "1,1 Mrd. Euro
  ... davon 1,9 Milliarden"). A paragraph stating two currencies leaves ``XXX``; one stating
  none takes the document's currency when the document states a single one (a report on
  dollars, "auf 99,8 Mrd." in its second paragraph; list items "600 Millionen für ..." under an
  amount in euros), else leaves ``XXX``. A text about a country with a dollar of its own reads
  its plain dollars as that country's (``currencies.local_dollar``), and its plain crowns
  ("kroner", "Kronen", "couronnes", read as Danish) as its crown, and its plain dinars (read as
  Algerian) as its dinar (``currencies.local_currency``: Norway's, Sweden's, the Czech Republic's;
  Tunisia's, Serbia's).
* Enumerations that continue the previous sentence (two rules, each on the sentence right
  before only):

  - a bare count answering a question ("Les États-Unis ? 161." — digits with nothing counted,
    right after ``?``) takes what the previous sentence's last count counts, and its period
    when it states none ("n'a développé que 3 modèles d'IA à grande échelle depuis 2017. Les
    États-Unis ? 161. La Chine ? 127." -> 161 and 127 models, 2017–2025); the answer carries
    it on to the next answer;
  - a count whose noun is left out (a run of number words closing its clause: "Es werden
    mindestens sieben.") or a part marker opening the sentence ("Davon waren acht") counts what
    the previous sentence's last count counts (``part_counts``; within a sentence, the count
    before it);
  - a percentage whose topic rules found no keyword (metric ``share``, the fallback) takes the
    topic and metric of the previous sentence's last percentage when that one had a specific
    metric ("en 2010, 40% des brevets IA étaient américains. En 2023, ils ne représentent plus
    que 14%… parce que la Chine est passée de 10% à 70%." -> patent_share).
* The rules read the text of ``source_text.clean_text``: invisible format characters (zero-width,
  direction marks, soft hyphen, BOM) removed, so ``5<ZWJ>000 milliards`` is 5,000 bn. Every span
  is then mapped back to the document as stored, and ``figure_text`` and ``quote`` are the
  document's own characters at those spans (invisible ones inside included; a BOM before the
  first sentence is outside it).
* A figure inside markup (``source_text.markup_spans``: a tag, a comment, a ``<script>`` or
  ``<style>`` element) is dropped: ``<img src=x onerror=alert(1)>`` states nothing.
* A number the rules cannot read exactly (``numbers.find_unreadable_numbers``: ``10^400``,
  ``1e309``, a 24-digit amount) is a row with ``unit = 'unreadable'``, a NaN value and the reason
  in ``metric`` (``unreadable_notation``, ``too_many_digits``); figures overlapping it are
  dropped, and the normalise stage turns the row into a rejection with its text. Never a
  smaller number, never nothing.
* ``budget`` (``budget.DocumentBudget``) is checked at every sentence: a document over its time
  or memory raises ``BudgetExceeded``.
* Counts that number the parts of an argument ("s'articule autour de trois axes", "Deux
  dynamiques se dessinent. D'un côté, ...": see ``discourse``) are rows like the others, with
  ``refused_because = 'discourse_count'`` and ``refusal_cue`` (the words that gave them away),
  so that the pipeline sets them aside for ``rejections`` rather than publishing or losing them.
  ``refused_because`` is null for every other figure.
* ``find_figures`` can be injected (``extract_document(..., find_figures=fake)``) so the
  composition is testable on its own; by default it is ``pipelines.extraction.figures``'s.
* Speed: with the default ``find_figures``, the lower-cased document (``candidates``) tells the
  sentences that can hold a figure; the others are not read for figures. The rule modules gate
  their rules the same way (``prefilter``: the strings a pattern requires). ``prefilter=False``
  runs every rule on every sentence: the reference the tests compare the gated path with (same
  rows).
"""

from __future__ import annotations

import re
from dataclasses import replace
from bisect import bisect_right
from collections.abc import Callable

import polars as pl

from pipelines.extraction.budget import UNLIMITED, DocumentBudget
from pipelines.extraction.candidates import FigureCandidates
from pipelines.extraction.counted import (
    counted_by_phrase, money_verbs, number_of_before, partitive_between, refers_to_last_count,
)
from pipelines.extraction.currencies import (
    UNSTATED,
    is_money,
    SHARED_CURRENCY_WORDS,
    local_currency,
    local_dollar,
    names_its_own_currency,
    names_the_us_dollar,
    states_a_currency,
)
from pipelines.extraction.discourse import REASON as DISCOURSE_COUNT
from pipelines.extraction.discourse import discourse_count
from pipelines.extraction.model import Figure, Period
from pipelines.extraction.numbers import SCALE_LETTERS_BEFORE_SYMBOL, find_unreadable_numbers
from pipelines.extraction.part_counts import elliptic_counts, may_hold_parts, part_counts
from pipelines.extraction.periods import change_hint, change_role, find_periods, read_period
from pipelines.extraction.places import find_places, read_geo
from pipelines.extraction.restatements import share_restated_readings
from pipelines.extraction.units import (
    DURATION_UNITS, is_age_group, is_duration_statement, is_span_of_time, is_time_reference, occurrences, span_start_before,
    states_its_whole,
)
from pipelines.extraction.segments import split_document
from pipelines.extraction.source_text import CleanText, clean_text, markup_spans
from pipelines.extraction.topic_context import TopicContext, TopicNames
from pipelines.extraction import languages as language_rules
from pipelines.extraction import prefilter as prefilter_gates
from pipelines.extraction.topics import COUNTED, classify

__all__ = ["SCHEMA", "UNREADABLE", "extract_document"]

#: The unit of a number the rules cannot read (module doc); never published.
UNREADABLE = "unreadable"

SCHEMA: dict[str, pl.DataType] = {
    "char_start": pl.Int64(),
    "char_end": pl.Int64(),
    "figure_text": pl.String(),
    "quote": pl.String(),
    "quote_start": pl.Int64(),
    "quote_end": pl.Int64(),
    "location": pl.String(),
    "value": pl.Float64(),
    "value_low": pl.Float64(),
    "value_high": pl.Float64(),
    "bound": pl.String(),
    "unit": pl.String(),
    "counted": pl.String(),
    "hardware": pl.String(),
    "scale_language": pl.String(),
    "period_start": pl.Int64(),
    "period_end": pl.Int64(),
    "period_text": pl.String(),
    "period_quarter": pl.Int64(),
    "topic": pl.String(),
    "metric": pl.String(),
    "topic_evidence": pl.String(),
    "geo": pl.String(),
    "refused_because": pl.String(),
    "refusal_cue": pl.String(),
}

_SUP_RE = re.compile(r"<sup>[^<>]{0,12}</sup>")
_ORDINAL_SUP_RE = re.compile(r"<sup>(?:er|re|e|ème|eme|nd|st|rd|th)</sup>", re.I)

FindFigures = Callable[[str, str], list[Figure]]


def _default_find_figures() -> FindFigures:
    from pipelines.extraction.figures import find_figures

    return find_figures


def extract_document(
    text: str,
    language: str,
    published_year: int,
    *,
    subject: str | None = None,
    names: TopicNames = (),
    find_figures: FindFigures | None = None,
    budget: DocumentBudget = UNLIMITED,
    prefilter: bool = True,
) -> pl.DataFrame:
    """One row per figure of ``text`` (see module doc and ``SCHEMA``)."""
    if not prefilter:  # the reference path: every rule on every sentence
        with prefilter_gates.disabled():
            return extract_document(text, language, published_year, subject=subject, names=names, find_figures=find_figures,
                                    budget=budget)
    find = find_figures
    columns: dict[str, list] = {name: [] for name in SCHEMA}
    previous: str | None = None
    prev_count: tuple[str, Period] | None = None  # (counted, period) of the last count
    prev_share: tuple[str, str] | None = None  # (topic, metric) of the last percentage
    last_money: tuple[str, int] | None = None  # (topic, sentence index) of the last amount of money
    earlier_counts: list[tuple[str, float]] = []  # (counted, value) of the previous sentence's counts
    raw_text = text
    cleaned = clean_text(raw_text)
    text = cleaned.text
    markup = markup_spans(text)
    markup_starts = [a for a, _ in markup]
    sentences = split_document(text)
    language = language_rules.normalise(language)
    candidates = FigureCandidates(text, language) if find is None else None
    context = TopicContext(text, sentences, language, subject, names)
    paragraphs: list[int] = []  # the paragraph of each row's sentence
    # imported here: captions reads unit lines with tables, which builds on this module's SCHEMA
    from pipelines.extraction.captions import REACH, apply_caption, is_source_line, read_caption

    caption = None
    caption_reach = 0
    for index, sentence in enumerate(sentences):
        budget.check()
        if find is None:  # imported on first use: an empty document needs no figures stage
            find = _default_find_figures()
        s = sentence.text
        prev_text, previous = previous, s
        # a chart's caption reaches its labels and values, until the next heading or its source
        chart_line = _CHART_LINE.match(s) if caption is not None else None  # "Facebook 3,07"
        if sentence.location == "heading" and chart_line is None:
            caption, caption_reach = read_caption(s, language), REACH
        elif caption is not None and (is_source_line(s, language) or caption_reach <= 0):
            caption = None
        caption_reach -= 1
        if candidates is not None and not candidates.within(sentence.start, sentence.end):
            figures, unreadable = [], []  # nothing a figure needs is in the sentence
        else:
            figures, unreadable = _read_sentence(s, language, find, chart_line if caption is not None else None)
        if unreadable:
            unreadable = _not_blocked(s, unreadable)
            figures = [f for f in figures if not any(f.start < e and a < f.end for a, e, _ in unreadable)]
        if markup:
            figures = [f for f in figures if not _in_markup(markup, markup_starts, sentence.start + f.start, sentence.start + f.end)]
            unreadable = [u for u in unreadable if not _in_markup(markup, markup_starts, sentence.start + u[0], sentence.start + u[1])]
        for a, e, why in unreadable:
            row = (sentence.start + a, sentence.start + e, s[a:e], s, sentence.start, sentence.end, sentence.location,
                   *(float("nan"),) * 3, "exact", UNREADABLE, None, None, None, None, None, None, None, "other", why, None, None,
                   None, None)
            for name, value in zip(SCHEMA, row, strict=True):
                columns[name].append(value)
            paragraphs.append(context.paragraph_of(index))
        last_count, last_share = prev_count, prev_share
        prev_count = prev_share = None
        antecedent = last_count[0] if last_count is not None else None
        if antecedent is not None and may_hold_parts(s, language):
            figures = part_counts(s, figures, language, antecedent)
        if antecedent is not None or "(" in s or any(f.unit == "count" and f.counted for f in figures):
            figures = elliptic_counts(s, figures, language, antecedent, earlier_counts)
        earlier_counts = [(f.counted, f.value) for f in figures if f.unit == "count" and f.counted]
        if not figures:
            continue
        sups = [(m.start(), m.end()) for m in _SUP_RE.finditer(s)] if "<sup>" in s else []
        kept: list[tuple[Figure, Period]] = []
        changes = change_hint(language).search(s) is not None  # cheap gate for change_role
        for f in figures:
            if not (0 <= f.start < f.end <= len(s)):
                continue
            if any(f.start < e and f.end > b for b, e in sups):
                continue
            if sups and _ORDINAL_SUP_RE.match(s, f.end):
                continue
            period = read_period(s, f.start, f.end, published_year, sentence.location, language,
                                 [(g.start, g.end) for g in figures if g is not f])
            if changes and period.start is not None:
                role = change_role(s, f.start, f.end, language)
                if role is not None:
                    period = _change_period(period, role, prev_text, published_year, language)
            if caption is not None and (sentence.location != "heading" or chart_line is not None):
                f, period = apply_caption(f, period, caption)
            kept.append((f, period))
        kept = _drop_period_durations(s, kept, language)
        kept = _drop_spans_in_which(s, kept, language)
        kept = [(f, p) for f, p in kept
                if not is_span_of_time(f.unit, s[f.start:f.end], language)
                or not (is_time_reference(s, f.start, f.end, language)
                        or (f.unit == "years" and is_age_group(s, f.start, f.end, f.value_low != f.value_high, language)))]
        readings: list[tuple[Figure, str, str]] = []
        periods: list[Period] = []
        for f, period in kept:
            if f.unit == "factor" and occurrences(s, f.start, f.end, f.value, language):
                f = Figure(f.start, f.end, f.value, f.value_low, f.value_high, f.bound, "count",
                           "occurrence", f.hardware, f.scale_language)
            # an amount whose currency is not in its own words (none, or one carried from before)
            borrowed = f.unit == UNSTATED or (is_money(f.unit) and not states_a_currency(s[f.start:f.end], language))
            if borrowed and (
                    counted := _parallel_count(s, f, [g for g, _, _ in readings], [g for g, _ in kept], language,
                                               f.unit == UNSTATED)) is not None:
                f = Figure(f.start, f.end, f.value, f.value_low, f.value_high, f.bound, "count",
                           counted, f.hardware, f.scale_language)
            elif borrowed and (number_of_before(s, f.start, language)
                               or _counted_by_the_phrase_before(s, f, [g for g, _, _ in readings], language)):
                # "die Zahl der Komplettumsteiger soll auf 1,9 Millionen steigen": a number of things,
                # no amount (a currency stated before it, in its sentence or its document, is not its)
                f = Figure(f.start, f.end, f.value, f.value_low, f.value_high, f.bound, "count",
                           None, f.hardware, f.scale_language)
            if last_count is not None and f.unit == "count" and f.counted is None and (
                    _ANSWER_RE.search(s, 0, f.start) or refers_to_last_count(s, f.start, language)):
                # the answer to a question, or "Ce chiffre pourrait passer à 14 000": the count of the
                # sentence before
                f = Figure(f.start, f.end, f.value, f.value_low, f.value_high, f.bound, f.unit,
                           last_count[0], f.hardware, f.scale_language)
                if period.start is None:
                    period = last_count[1]
            if f.unit == "count" and f.counted is None:
                named = counted_by_phrase(s, f.start, language)  # "the number of data centres rose to 3,000"
                if named is not None and not any(g.unit == "count" and named[1] <= g.start < f.start for g, _ in kept):
                    f = Figure(f.start, f.end, f.value, f.value_low, f.value_high, f.bound, f.unit,
                               named[0], f.hardware, f.scale_language)
            topic, metric = classify(s, f, language)
            if f.unit == "percent" and metric in ("growth_rate", "decline_rate") and (
                    named := counted_by_phrase(s, f.start, language)) is not None and named[0] in COUNTED \
                    and not any(named[1] <= g.start < f.start for g, _ in kept):
                # "le nombre de start-up financées a augmenté de 27,7 %": the change of a count is
                # of what it counts (TOPICS rule 1); the first figure after the phrase only
                topic = COUNTED[named[0]][0]
            if (metric == "share" and f.unit == "percent" and last_share is not None
                    and not states_its_whole(s, f.end, language)):
                topic, metric = last_share
            readings.append((f, topic, metric))
            periods.append(period)
        topics = share_restated_readings(s, [f for f, _, _ in readings], context.resolve(index, readings))
        for (f, _, _), period, (topic, metric) in zip(readings, periods, topics, strict=True):
            following = sentences[index + 1].text if index + 1 < len(sentences) else None
            cue = discourse_count(sentence, f, following, language) if f.unit == "count" else None
            if f.unit == "count" and f.counted and cue is None:
                prev_count = (f.counted, period)
            if f.unit == "percent" and metric != "share":
                prev_share = (topic, metric)
            if (f.unit == "percent" and last_money is not None and last_money[1] >= index - 1
                    and _of_that_amount(s, f.end, language)):
                # "Die Hälfte dieses Betrags", "30 % de ce montant": a share of the amount just
                # stated (its sentence or the one before) is that amount's (TOPICS rule 1)
                topic = last_money[0]
            if is_money(f.unit) and f.unit != UNSTATED:
                last_money = (topic, index)
            row = (
                sentence.start + f.start,
                sentence.start + f.end,
                s[f.start : f.end],
                s,
                sentence.start,
                sentence.end,
                sentence.location,
                float(f.value),
                float(f.value_low),
                float(f.value_high),
                f.bound,
                f.unit,
                f.counted,
                f.hardware,
                f.scale_language,
                period.start,
                period.end,
                period.text,
                period.quarter,
                topic,
                metric,
                context.evidence(index, topic, is_money(f.unit)),
                read_geo(s, f.start, f.end, language),
                DISCOURSE_COUNT if cue is not None else None,
                cue,
            )
            for name, value in zip(SCHEMA, row, strict=True):
                columns[name].append(value)
            paragraphs.append(context.paragraph_of(index))
    _carry_currency(columns, paragraphs)
    _local_currencies(columns, sentences, language)
    _to_raw_offsets(columns, cleaned, raw_text)
    frame = pl.DataFrame(columns, schema=SCHEMA)
    return frame.sort(["char_start", "char_end"], maintain_order=True)


def _read_sentence(s: str, language: str, find: FindFigures, chart_line: re.Match[str] | None
                   ) -> tuple[list[Figure], list[tuple[int, int, str]]]:
    """The figures of one sentence, and its unreadable numbers (module doc)."""
    figures = find(s, language)
    if chart_line is not None and not figures:
        # a chart's line "Facebook 3,07": a label and its value (not a name with a number)
        at = chart_line.start("value")
        figures = [replace(f, start=f.start + at, end=f.end + at) for f in find(s[at:], language)]
    return figures, find_unreadable_numbers(s)


def _to_raw_offsets(columns: dict[str, list], cleaned: CleanText, raw_text: str) -> None:
    """Spans of the cleaned text -> spans of the document; texts re-read from the document."""
    if cleaned.text is raw_text:
        return
    for start_name, end_name, text_name in (("char_start", "char_end", "figure_text"), ("quote_start", "quote_end", "quote")):
        starts, ends, texts = columns[start_name], columns[end_name], columns[text_name]
        for i in range(len(starts)):
            a, b = cleaned.raw_span(starts[i], ends[i])
            starts[i], ends[i], texts[i] = a, b, raw_text[a:b]


def _in_markup(markup: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether the document span [start, end) overlaps a markup span (sorted, disjoint)."""
    i = bisect_right(starts, end - 1) - 1
    return i >= 0 and markup[i][1] > start


def _not_blocked(s: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Unreadable numbers that are not identifiers, dates, links... (``not_figures``)."""
    from pipelines.extraction.not_figures import blocked_spans, is_blocked

    blocked = blocked_spans(s)
    return [u for u in found if not (blocked and is_blocked(blocked, u[0]))]


# "Les États-Unis ? 161.": the figure answers the question just before it.
_ANSWER_RE = re.compile(r"\?[ \u00a0\u202f]*\Z")
_CHART_LINE = re.compile(r"^[^\d\n]{1,80}?[ \u00a0:]+(?P<value>\d[\d.,\u00a0\u202f ]*\d|\d)[ \u00a0*%]*$")
_DURATION_UNITS = frozenset(DURATION_UNITS)


def _drop_period_durations(s: str, kept: list[tuple[Figure, Period]], language: str) -> list[tuple[Figure, Period]]:
    """Drop a duration figure lying inside the period words another figure took (module doc),
    unless its words say it is how long something took ("en seulement deux ans")."""
    if len(kept) < 2 or not any(f.unit in _DURATION_UNITS for f, _ in kept):
        return kept
    spans = []
    for f, p in kept:
        if p.text:
            i = s.find(p.text)
            while i >= 0:
                spans.append((i, i + len(p.text), f))
                i = s.find(p.text, i + 1)
    return [
        (f, p)
        for f, p in kept
        if f.unit not in _DURATION_UNITS
        or not any(a <= f.start and f.end <= b and g is not f for a, b, g in spans)
        or is_duration_statement(s, f.start, language)
    ]


def _drop_spans_in_which(s: str, kept: list[tuple[Figure, Period]], language: str) -> list[tuple[Figure, Period]]:
    """Drop a duration after a span preposition ("in three months", "en 12 mois") when its sentence
    states another figure, whose span it is ("+44 % in three months"), or when it opens its
    sentence, a time to come ("In zwei Jahren sollen die ersten Spezialisten einziehen")."""
    if not any(f.unit in _DURATION_UNITS for f, _ in kept):
        return kept
    others = any(f.unit not in _DURATION_UNITS for f, _ in kept)
    remaining = []
    for f, p in kept:
        if f.unit in _DURATION_UNITS:
            at = span_start_before(s, f.start, language)
            if at is not None and (others or not s[:at].strip(" \u00a0\u202f\"“„«*-–—")):
                continue
        remaining.append((f, p))
    return remaining


def _change_period(period: Period, role: str, prev_text: str | None, published_year: int, language: str) -> Period:
    """The period of one end of a change "de X à Y" (module doc)."""
    if role == "to":
        end = period.end if period.end is not None else period.start
        return Period(end, end, period.text)
    if period.end is not None and period.end != period.start:
        return Period(period.start, period.start, period.text)
    if prev_text:
        earlier = [p for _, _, p in find_periods(prev_text, published_year, language) if p.start is not None and p.start == p.end and p.start < period.start]  # type: ignore[operator]
        if earlier:
            return earlier[-1]
    return Period(None, None, None)


def _is_currency(unit: str | None) -> bool:
    """A currency stated in the text (not ``UNSTATED``)."""
    return is_money(unit) and unit != UNSTATED


def _parallel_count(s: str, f: Figure, read: list[Figure], figures: list[Figure], language: str,
                    unstated: bool) -> str | None:
    """What an unstated scaled number counts when the figure before it in its sentence is a count
    of things written with a scale word as well: the second clause of a parallel ("rund 38
    Millionen Kunden ..., bei Vodafone nur noch 32 Millionen") leaves the noun out, and the
    paragraph's currency must not make it money. Or it is a part of the count right after it ("rund
    2,8 Millionen der zurzeit etwa 5 Millionen Glasfaseranschlüsse": ``counted.partitive_between``),
    even where its sentence gave it a currency it does not write ("3 millions des 12 millions de
    foyers" after an amount in euros); the parallel needs an amount whose currency is unstated
    (``unstated``: "2 million users and raised 30 million" keeps its money). ``read``: the figures
    of the sentence read before it, as read (a parallel's earlier parts already counted: "dont 12,0
    millions en Espagne, 9,1 millions en France"); ``figures``: all of them. A percentage or a
    factor between is a share or a change of the count, not another quantity ("26,6 millions de
    foyers (soit +6,3 millions sur un an, +31%), dont 12,0 millions en Espagne")."""
    after = [g for g in figures if g.start >= f.end]
    if after and after[0].unit == "count" and after[0].counted and partitive_between(s[f.end:after[0].start], language):
        return after[0].counted
    before = [g for g in read if g.end <= f.start and g.unit not in _RELATIVE_UNITS]
    if not before or not unstated:
        return None
    g = before[-1]
    # both scaled (a scale word each): "500 employees and raised 30 million" is an amount, as is
    # "2 million users and raised 30 million" (a verb of money between: ``counted.money_verbs``)
    scaled = g.scale_language is not None and f.scale_language is not None
    verbs = money_verbs(language)
    if verbs is not None and verbs.search(s, g.end, f.start):
        return None
    return g.counted if g.unit == "count" and g.counted and scaled else None


_RELATIVE_UNITS = frozenset(("percent", "percentage_point", "factor"))


def _counted_by_the_phrase_before(s: str, f: Figure, read: list[Figure], language: str) -> bool:
    """A scaled number with no currency of its own right after a scaled count that "the number of"
    made one, in its clause: the phrase counts both ("die Zahl der Anschlüsse ist um 1,1 Millionen
    auf 6,1 Millionen gestiegen"), however far the second stands from it (``number_of_before``
    looks one clause's length back only)."""
    before = [g for g in read if g.end <= f.start and g.unit not in _RELATIVE_UNITS]
    if not before or f.scale_language is None:
        return False
    g = before[-1]
    if g.unit != "count" or g.counted is not None or g.scale_language is None or _CLAUSE_BREAK.search(s, g.end, f.start):
        return False
    verbs = money_verbs(language)
    return (verbs is None or verbs.search(s, g.end, f.start) is None) and number_of_before(s, g.start, language)


_CLAUSE_BREAK = re.compile(r"[.;:]\s")


def _of_that_amount(s: str, end: int, language: str) -> bool:
    """The words right after a share ending at ``end`` name the amount just stated (``topics.
    share_of_that_amount``: "dieses Betrags", "of that amount", "de ce montant")."""
    pattern = language_rules.word_pattern(language, "topics", "share_of_that_amount",
                                          r"[ \u00a0\u202f]+(?i:(?:{words}))(?![\w])")
    return pattern is not None and pattern.match(s, end) is not None


# Dollars written with a one-letter scale that is read only before a currency sign
# (numbers.scale_letters_before_symbol: Quebec's "1,65 G$")
_LETTER_SCALED_DOLLARS = re.compile(
    rf"\d[ \u00a0\u202f]*[{''.join(sorted(SCALE_LETTERS_BEFORE_SYMBOL))}][ \u00a0\u202f]?\$"
) if SCALE_LETTERS_BEFORE_SYMBOL else None


def _local_currencies(columns: dict[str, list], sentences: list, language: str) -> None:
    """Plain dollars of a text about a country with a dollar of its own are that country's
    (``currencies.local_dollar``: a Quebec article's "100 millions $" are Canadian dollars); a
    dollar the figure calls American ("US$", "dollars américains") stays USD. Amounts written in
    Quebec's notation ("1,65 G$") count as mentions of Canada. Plain crowns, read as Danish, are
    the crown of the crown country the text names most, plain dinars, read as Algerian, the dinar of
    the dinar country it names most (``currencies.local_currency``); a crown the figure calls Danish
    stays DKK, a dinar it calls Algerian DZD."""
    shared = [code for code in SHARED_CURRENCY_WORDS if code in columns["unit"]]
    if "USD" not in columns["unit"] and not shared:
        return
    counts: dict[str, int] = {}
    for sentence in sentences:
        for _, _, code in find_places(sentence.text, language):
            counts[code] = counts.get(code, 0) + 1
    # Quebec's notation of a billion dollars ("1,65 G$") says where the text is written, as a
    # mention of Canada would
    quebec = 0 if _LETTER_SCALED_DOLLARS is None else sum(
        1 for text in columns["figure_text"] if _LETTER_SCALED_DOLLARS.search(text))
    if quebec:
        counts["CA"] = counts.get("CA", 0) + quebec
    local = local_dollar(counts) if "USD" in columns["unit"] else None
    # a plain crown ("100 million kroner", "33,7 milliards de couronnes"), a plain dinar ("23,2
    # millions de dinars" in a text on Tunisia): the currency of the country the text names most
    locals_ = {code: found for code in shared if (found := local_currency(code, counts)) is not None}
    for i, unit in enumerate(columns["unit"]):
        if local is not None and unit == "USD" and not names_the_us_dollar(columns["figure_text"][i]):
            columns["unit"][i] = local
        elif unit in locals_ and not names_its_own_currency(unit, columns["figure_text"][i]):
            columns["unit"][i] = locals_[unit]


def _carry_currency(columns: dict[str, list], paragraphs: list[int]) -> None:
    """An ``XXX`` amount repeating an earlier amount with a currency takes it; one left in a
    paragraph whose amounts state a single currency takes that currency, and one in a paragraph
    that states none takes the document's, when the document states a single one (module doc)."""
    units = columns["unit"]
    if "XXX" not in units:
        return
    order = sorted(range(len(units)), key=lambda i: columns["char_start"][i])
    seen: dict[tuple[float, float], str] = {}
    for i in order:
        key = (columns["value_low"][i], columns["value_high"][i])
        if _is_currency(units[i]):
            seen.setdefault(key, units[i])
        elif units[i] == "XXX" and key in seen:
            units[i] = seen[key]
    stated: dict[int, set[str]] = {}
    for unit, paragraph in zip(units, paragraphs, strict=True):
        if _is_currency(unit):
            stated.setdefault(paragraph, set()).add(unit)
    for i, paragraph in enumerate(paragraphs):
        if units[i] == "XXX" and len(stated.get(paragraph, ())) == 1:
            units[i] = next(iter(stated[paragraph]))
    # a paragraph that states none (a list item, the second paragraph of a report on one
    # currency's money: "auf 99,8 Mrd." after "493,6 Milliarden Dollar") takes the document's one
    everywhere = set().union(*stated.values()) if stated else set()
    if len(everywhere) == 1:
        (only,) = everywhere
        for i, paragraph in enumerate(paragraphs):
            if units[i] == "XXX" and paragraph not in stated:
                units[i] = only
