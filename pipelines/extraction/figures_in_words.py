"""A figure written in words: a number in words, ``un milliard``, a collective, a fraction, a multiplier.

Decisions:

* Numbers in words are figures only when they quantify something (a noun, ``fois``, a unit, a
  scale word): ``Deux ans après`` is 2 years, ``les deux continents`` is not a figure (a
  determiner before the word marks a reference, not a quantity); ``mehrere Tausend``, ``several
  hundred`` are vague, not figures.
* ``un``/``one``/``ein`` is a figure only before a scale word (``un milliard``) or a power unit
  word (``un gigawatt``); ``le milliard``, ``the billion``: the article is outside the span.
* The words themselves (text2num, collectives, fractions, multipliers) are read by
  :mod:`number_words`; here, what they quantify and where the figure ends.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.bounded import bounded_figure
from pipelines.extraction.halves import half_after
from pipelines.extraction.counted import COUNTED_OBJECTS, read_counted, unknown_noun
from pipelines.extraction.model import Figure
from pipelines.extraction.number_words import (
    more_than_before,
    read_collective,
    read_divisor,
    read_fraction,
    read_multiplier_verb,
    read_multiplier_word,
    read_number_words,
)
from pipelines.extraction.numbers import match_scale_after, phrase_language, scale_value
from pipelines.extraction.qualifiers import read_bound
from pipelines.extraction.ranges import read_word_range
from pipelines.extraction.scale_after import compound_scale, scale_after_words
from pipelines.extraction.tails import Tail, read_tail, unstated_unit
from pipelines.extraction.times_less import FLIPPED_BOUND
from pipelines.extraction.units import MEASURE, PHYSICAL, duration_of, measure_unit, physical_unit, unit_words

__all__ = ["read_word_atom"]

_SP = "[ \u00a0\u202f]"

# "les deux continents", "des deux côtés", "the two companies": "both", a reference, not a count;
# two objects after a determiner are a count ("ces deux usines", "the two cloud data center
# giants": ``counted.COUNTED_OBJECTS``).
_DETERMINER_BEFORE = re.compile(
    r"(?i:(?<![\w'’])(?:les|des|ces|leurs|nos|vos|ses|mes|tes|aux|the|these|those|its|their|"
    r"our|your|my|his|her)[ \u00a0\u202f]+)\Z"
)
_BOTH = frozenset(("deux", "two"))


def read_word_atom(s: str, m: re.Match[str], doc_language: str, carried: str | None) -> Figure | None:
    """The figure of an atom of words (any atom but digits: see :mod:`atoms`), or None."""
    if m.group("words"):
        return _read_words(s, m, doc_language, carried)
    if m.group("oneage"):
        return _one_duration(s, m, doc_language)
    if m.group("one"):
        return _read_one(s, m, doc_language, carried)
    if m.group("coll"):
        return _read_collective(s, m, doc_language)
    if m.group("frac"):
        value = read_fraction(m, doc_language)
        scaled = _fraction_of_scale(s, m, value / 100.0, doc_language, carried)
        if scaled is not None:
            return scaled
        return bounded_figure(doc_language, s, m.start(), m.end(), value, value, "percent")
    if m.group("mverb"):
        value = read_multiplier_verb(m, doc_language)
        bound = "at_least" if more_than_before(doc_language).search(s, max(0, m.start() - 16), m.start()) else "exact"
        return bounded_figure(doc_language, s, m.start(), m.end(), value, value, "factor", default_bound=bound)
    if m.group("div"):
        value = read_divisor(m, doc_language)
        if value is None:
            return None
        inner, _ = read_bound(s, m.start("divisor"), "factor", doc_language)  # "multipliés par plus de 2,3"
        if m.group("divided") is not None:
            # "divisés par dix": the new value is a tenth of the old, a factor 0.1 (a factor is new
            # over old, as "multipliés par dix" is 10); "divisé par plus de 2" is at most a half
            value = 1 / value
            inner = FLIPPED_BOUND.get(inner, inner)
        return bounded_figure(doc_language, s, m.start(), m.end(), value, value, "factor", default_bound=inner)
    return _read_multiplier(s, m, doc_language)

#: a capitalised word (a name's next word); the sentence's start before a word
_CAPITALISED_AFTER = re.compile(r"[ \u00a0\u202f]+[A-ZÀ-ÖØ-Þ][\w'’-]*")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]|[«“\"(*#\-–—•])[ \u00a0\u202f*«“\"]*\Z")


def _in_a_name(s: str, start: int, end: int, language: str) -> bool:
    """A number word capitalised inside a sentence, before a capitalised word, is part of a name
    ("Three Mile Island", "Four Seasons"): where nouns are lower case (not German, whose nouns
    are all capitalised), writers capitalise a number word only at a sentence's start, in a title
    written in title case, or in a name."""
    if language_rules.text(language, "counted", "noun_case", "lower") == "capitalised":
        return False
    if not s[start].isupper() or _SENTENCE_START.search(s, 0, start):
        return False
    if _CAPITALISED_AFTER.match(s, end) is None:
        return False
    # a title in title case ("EU Selects Seven AI Factories") capitalises every word
    words = _LONG_WORD.findall(s)
    return sum(w[0].isupper() for w in words) * 2 < len(words)


#: digits in parentheses right after a number in words, restating it: "sept (07)", "five (5)"
_DIGITS_RESTATED = re.compile(r"[ \u00a0\u202f]*\([ \u00a0\u202f]*0*(\d{1,4})[ \u00a0\u202f]*\)")


def _read_words(s: str, m: re.Match[str], doc_language: str, carried: str | None) -> Figure | None:
    start = m.start()
    first_word = re.split(r"[\s-]+", m.group("words"), maxsplit=1)[0].lower()
    both = first_word in _BOTH and _DETERMINER_BEFORE.search(s, max(0, start - 8), start) is not None
    if _vague_before(doc_language).search(s, max(0, start - 16), start):
        return None  # "mehrere Tausend", "several hundred": no figure
    if _in_a_name(s, start, m.end(), doc_language):
        return None  # "redémarrer Three Miles Island", "the Four Seasons hotel"
    read = read_number_words(m.group("words"), doc_language)
    if read is None:
        return None
    value, length = read
    if (h := half_after(s, start + length, doc_language)) is not None:
        value, length = value + 0.5, h - start  # "two and a half years"
    scale, scale_language, pos = scale_after_words(s, start + length, start, doc_language)
    scaled = scale_language is not None
    if scaled and (h := half_after(s, pos, doc_language)) is not None:
        value, pos = value + 0.5, h  # "deux milliards et demi d'euros"
    if not scaled and (restated := _DIGITS_RESTATED.match(s, pos)) is not None and int(restated.group(1)) == value:
        # "cinq (05) data centers", "five (5) years", "drei (3) Standorte": digits in parentheses
        # restate the words (legal and administrative writing); what is counted follows them
        pos = restated.end()
    if not scaled:
        ranged = read_word_range(s, start, pos, value, doc_language, carried)
        if ranged is not None:
            return ranged
    tail = read_tail(s, pos, scaled=scaled, currency=None, language=doc_language, doc_language=doc_language)
    if scaled and tail.unit == "count" and unstated_unit(s, pos, None) == "FLOPS":
        tail.unit, tail.end, tail.counted, tail.hardware = None, pos, None, None  # operations per second
    unit = tail.unit
    if unit is None:
        if not scaled:
            # a number word standing for things counted earlier: "thirteen are already deployed"
            verbs = language_rules.word_pattern(doc_language, "number_words", "pronoun_verbs", rf"{_SP}+(?i:{{words}})(?![\w])")
            if verbs is not None and verbs.match(s, pos) and not _DETERMINER_BEFORE.search(s, max(0, start - 8), start):
                return bounded_figure(doc_language, s, start, pos, value, value, "count")
            return None
        unit = unstated_unit(s, pos, carried)
    if both and not scaled and tail.counted not in COUNTED_OBJECTS:
        # "les deux pays", "les deux continents", "les deux années de contraction": both, a pair
        # referred to; "les deux usines", "the two cloud data center giants": a count of objects
        return None
    value = (value + tail.add) * scale * tail.multiplier
    return _single_figure(doc_language, s, start, tail, value, unit, scale_language)


@cache
def _vague_before(language: str) -> re.Pattern[str]:
    words = language_rules.words(language, "number_words", "vague_before")
    return re.compile(rf"(?i:(?<![\w'’]){language_rules.alternation(words)}){_SP}+\Z" if words else r"(?!x)x")



def _single_figure(doc_language: str, s: str, start: int, tail, value: float, unit: str, scale_language: str | None) -> Figure | None:
    """A single figure ending where its tail (currency, unit, counted noun) ends."""
    return bounded_figure(doc_language, s, start, tail.end, value, value, unit, counted=tail.counted, hardware=tail.hardware,
                          scale_language=scale_language)


def _read_one(s: str, m: re.Match[str], doc_language: str, carried: str | None) -> Figure | None:
    article = m.group("one").split()[0].lower()
    # "un milliard", "a billion", "eine Milliarde": the numeral is part of the figure; "le
    # milliard", "the billion": the article is not
    ones = {o.lower() for o in language_rules.words(doc_language, "number_words", "ones")}
    start = m.start() if article in ones else m.end()
    half = m.groupdict().get("halfone") is not None  # "un demi-milliard", "eine halbe Milliarde"
    if article in ones and (before := _half_before(doc_language)) is not None and (
            h := before.search(s, max(0, m.start() - 12), m.start())) is not None:
        start, half = h.start(), True  # "half a billion dollars"
    sm = match_scale_after(s, m.end())
    if sm is None:
        # "un gigawatt", "one megawatt", "ein Gigawatt", "un hectare", "ein Petabyte": the numeral
        # before a physical or measure unit word
        if article not in ones:
            return None
        for pattern, unit_of in ((PHYSICAL, physical_unit), (MEASURE, measure_unit)):
            pm = pattern.match(s, m.end())
            if pm is None:
                continue
            try:
                unit, multiplier = unit_of(pm.group("unit"))
            except KeyError:
                continue
            # "half a terabyte", "ein halbes Terabyte": the half is the figure's, as before a scale word
            return _single_figure(doc_language, s, start, Tail(pm.end()), multiplier * (0.5 if half else 1.0), unit, None)
        return None
    figure = _scaled_amount(s, sm, m.start(), start, 0.5 if half else 1.0, doc_language, carried, half_after_ok=not half)
    adjective = m.groupdict().get("onebound")
    if figure is not None and adjective is not None and figure.bound == "exact":
        # "eine knappe Million Euro" (just under), "un bon milliard" (a little over)
        bounds = language_rules.table(doc_language, "number_words", "one_bounds")
        figure = replace(figure, bound=next(b for b, ws in bounds.items() if adjective.lower() in (w.lower() for w in ws)))
    return figure


def _scaled_amount(s: str, sm: re.Match[str], phrase_start: int, start: int, share: float, doc_language: str,
                   carried: str | None, *, half_after_ok: bool) -> Figure | None:
    """The figure of ``share`` of the scale word ``sm`` matched (one, a half, a fraction) and of
    the words after it: a second scale ("un milliard de milliards"), "et demi" where
    ``half_after_ok``, then the currency, unit or counted noun; it starts at ``start``."""
    r = scale_value(sm.group("word") or sm.group("abbr"), phrase_language(s, phrase_start, sm.end(), doc_language),
                    language_rules.reading_languages(doc_language))
    if r is None:
        return None
    scale, scale_language = r
    second, end = compound_scale(s, sm.end(), start, doc_language)
    scale *= second
    if half_after_ok and (h := half_after(s, end, doc_language)) is not None:
        share, end = share * 1.5, h  # "un milliard et demi d'euros"
    tail = read_tail(s, end, scaled=True, currency=None, language=doc_language, doc_language=doc_language)
    if tail.unit == "count" and unstated_unit(s, end, None) == "FLOPS":
        tail.unit, tail.end, tail.counted, tail.hardware = None, end, None, None  # operations per second
    unit = tail.unit or unstated_unit(s, end, carried)
    return _single_figure(doc_language, s, start, tail, share * scale * tail.multiplier, unit, scale_language)


@cache
def _fraction_scale_gap(language: str) -> re.Pattern[str]:
    """The words between a fraction and the scale word it divides (``number_words.fraction_of``:
    "of a", "de", "d'un", "einer"), or a space alone ("eine Dreiviertel Milliarde")."""
    words = language_rules.words(language, "number_words", "fraction_of")
    between = rf"(?:(?i:{language_rules.alternation(words)})(?:{_SP}+|(?<=['’])))?" if words else ""
    return re.compile(rf"{_SP}+{between}")


def _fraction_of_scale(s: str, m: re.Match[str], fraction: float, doc_language: str, carried: str | None) -> Figure | None:
    """A fraction of a scale word is an amount, not a share: "three-quarters of a billion
    dollars" is 750 million dollars, "un quart de milliard d'euros" 250 million euros, "eine
    Dreiviertel Milliarde Euro" 750 million euros (an article of one before it is the figure's).
    Read as a share, the fraction was 75 % and the scale a figure of one billion."""
    gap = _fraction_scale_gap(doc_language).match(s, m.end())
    sm = match_scale_after(s, gap.end()) if gap is not None else None
    if sm is None or sm.group("word") is None:
        return None
    start = m.start()
    article = _article_before(doc_language).search(s, max(0, start - 8), start)
    if article is not None and not m.group().lower().startswith(_ones(doc_language)):
        start = article.start()  # "eine Dreiviertel Milliarde": the article is the figure's
    return _scaled_amount(s, sm, m.start(), start, fraction, doc_language, carried, half_after_ok=False)


@cache
def _ones(language: str) -> tuple[str, ...]:
    return tuple(o.lower() for o in language_rules.words(language, "number_words", "ones"))


@cache
def _article_before(language: str) -> re.Pattern[str]:
    """An article of one (``number_words.ones``) ending right where it is searched up to."""
    ones = language_rules.words(language, "number_words", "ones")
    return re.compile(rf"(?<![\w])(?i:{language_rules.alternation(ones)}){_SP}+\Z" if ones else r"(?!x)x")


def _half_before(language: str) -> re.Pattern[str] | None:
    """A half before the article of one ("half a billion"), ending right before it."""
    return language_rules.word_pattern(language, "number_words", "half_of_one", rf"(?<![\w-])(?i:{{words}}){_SP}+\Z")


def _one_duration(s: str, m: re.Match[str], doc_language: str) -> Figure | None:
    """"a year", "un an" as a figure of one unit where it is an age ("just over a year old", "un an
    au compteur": the atom ``oneage`` requires ``units.age_words`` after it); elsewhere the
    article only dates ("a year ago", "once a year")."""
    dm = unit_words(doc_language).duration.match(s, m.start() + len(m.group().split()[0]))
    if dm is None:
        return None
    end, value = dm.end(), 1.0
    if (h := half_after(s, end, doc_language)) is not None:
        end, value = h, 1.5  # "a year and a half old"
    unit, times = duration_of(dm.group("unit"), doc_language)
    return bounded_figure(doc_language, s, m.start(), end, value * times, value * times, unit)


def _read_collective(s: str, m: re.Match[str], doc_language: str) -> Figure | None:
    value, exact = read_collective(m, doc_language)
    bound = "exact" if exact else "approx"
    scaled = _scale_of_collective(s, m.end(), doc_language)
    if scaled is not None:  # "une centaine de millions d'euros": a hundred millions
        scale, scale_language, pos = scaled
        tail = read_tail(s, pos, scaled=True, currency=None, language=doc_language, doc_language=doc_language)
        unit = tail.unit or unstated_unit(s, pos, None)
        return bounded_figure(doc_language, s, m.start(), tail.end, value * scale * tail.multiplier,
                              value * scale * tail.multiplier, unit, counted=tail.counted, hardware=tail.hardware,
                              scale_language=scale_language, default_bound=bound)
    # a unit or a currency after the connector: "une vingtaine d'hectares", "une centaine de
    # mégawatts", "une dizaine d'euros" (read as after a scale word, the collective standing for one)
    tail = read_tail(s, m.end(), scaled=True, currency=None, language=doc_language, doc_language=doc_language)
    if tail.unit is not None and tail.unit != "count" and tail.end > m.end():
        return bounded_figure(doc_language, s, m.start(), tail.end, value * tail.multiplier,
                              value * tail.multiplier, tail.unit, default_bound=bound)
    counted = read_counted(s, m.end(), allow_de=True, language=doc_language)
    end = m.end()
    what = None
    if counted is not None:
        what, _, end = counted
    else:
        de = re.match(r"[ \u00a0\u202f]*(?:de[ \u00a0\u202f]+|d['’])", s[end : end + 6])
        if de is not None:
            noun = unknown_noun(s, end + de.end() - 1) if s[end + de.end() - 1] in " \u00a0" else None
            if noun is not None:
                what, end = noun
    return bounded_figure(doc_language, s, m.start(), end, value, value, "count", counted=what, default_bound=bound)


def _scale_of_collective(s: str, pos: int, doc_language: str) -> tuple[float, str, int] | None:
    """The scale word after a collective and its connector ("centaine de millions"): (multiplier,
    the language whose meaning was read, end), or None."""
    connector = language_rules.word_pattern(doc_language, "counted", "connectors", rf"{_SP}*(?i:{{words}})")
    c = connector.match(s, pos) if connector is not None else None
    if c is None:
        return None
    sm = match_scale_after(s, c.end())
    if sm is None or not sm.group("word"):
        return None
    read = scale_value(sm.group("word"), phrase_language(s, pos, sm.end(), doc_language),
                       language_rules.reading_languages(doc_language))
    return (read[0], read[1], sm.end()) if read is not None else None


def _read_multiplier(s: str, m: re.Match[str], doc_language: str) -> Figure | None:
    value = read_multiplier_word(m, doc_language)
    return bounded_figure(doc_language, s, m.start(), m.end(), value, value, "factor")
