"""Units written after a number, other than currencies and counted nouns.

Decisions:

* ``percent``: ``%`` (after any space, including no-break ones), ``pour cent``, ``per cent``,
  ``percent``, ``pct``; the value is the number written (``70 %`` -> 70, not 0.7).
* ``percentage_point``: ``points de pourcentage``, ``percentage points``, ``pp``, ``p.p.``; a basis
  point (``units.basis_point``: ``basis points``, ``points de base``, ``Basispunkte``) is a hundredth
  of one (``25 basis points`` = 0.25).
* ``factor``: ``fois``/``times`` (``dix fois plus``, ``1,5 fois le PIB``), ``-fold``, ``x``/``×``
  glued after (``10x``) or before (``x10``, ``×10``, read by ``figures_in_digits``); ``fois et
  demie`` adds one half (``deux fois et demie`` = 2.5).
* Power in ``MW`` (``GW`` x1000, ``kW`` /1000, ``mégawatts``...), energy in ``MWh``
  (``TWh`` x10^6, ``GWh`` x1000...), compute in ``FLOPS`` (``pétaflops`` x10^15, ``exaflops``
  x10^18; the symbols ``EF`` and ``PF``, upper case: "1 EF").
* Area in ``m2`` (``hectares``/``ha`` x10^4, ``km²`` x10^6, ``acres`` x4046.86, ``mètres carrés``,
  ``square metres``, ``sq m``, ``SF`` for square feet), distance in ``km`` (``mètres``/``metres``/``meters`` /1000,
  ``miles`` x1.609344), storage in ``TB`` (``Po``/``PB``/``pétaoctets``/``petabytes`` x1000,
  ``Go``/``GB`` /1000, ``Eo``/``EB`` x10^6), temperature in ``degC`` (``°C``, ``degrés Celsius``).
  Short symbols are matched with their case (``To``, ``Po``, ``PB``, ``ha``, ``km``) so that the
  English word "to" or a French "po" is never a unit; a bare ``m`` is a metre only before a word
  of distance (``units.measures``: "800m from the border", "à 800 m de", "35 m hoch"); elsewhere it
  is "million" ("$5m", "800m users"). A unit glued by a hyphen is read too (``30-megawatt``, ``a 500-hectare site``).
* Durations: ``ans``/``années``/``years`` -> ``years`` (``sur quatre ans``, ``plus de 22 000 ans``,
  ``moins de deux ans``); ``mois``/``months`` -> ``months``; ``jours``/``days`` -> ``days``;
  ``semaines``/``weeks`` -> ``weeks``; ``heures``/``hours`` -> ``hours``. A duration is a figure;
  the period it may describe is read separately by ``periods.py``.
* Ranks: an ordinal glued to digits (``8ème``, ``8e``, ``1er``, ``2nd``, ``3rd``, ``10th``) is a
  ``rank`` unless it names a century, a quarter, a half-year or a district
  (``XXIe siècle``, ``1er trimestre``: not figures), or a day of a date (see not_figures).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from pipelines.extraction import languages as language_rules

_SP = "[ \u00a0\u202f]"

class UnitWords(NamedTuple):
    """The unit patterns of one reading language set (words from ``languages/<code>/rules.yaml``)."""

    percent: re.Pattern[str]
    percentage_point: re.Pattern[str]
    factor: re.Pattern[str]
    duration: re.Pattern[str]
    durations: tuple[tuple[re.Pattern[str], str], ...]  # (whole word, unit)


@cache
def unit_words(language: str) -> UnitWords:
    """The unit patterns of a document in ``language`` (its words and those it also reads)."""
    def alt(key: str) -> str:
        return language_rules.alternation(language_rules.words(language, "units", key))

    glued = language_rules.words(language, "units", "factor_glued")
    basis = rf"(?P<basis>{alt('basis_point')})(?![^\W_])|" if language_rules.words(language, "units", "basis_point") else ""
    inside = language_rules.words(language, "units", "duration_reference_inside")
    durations = language_rules.table(language, "units", "durations")
    glued_durations = language_rules.table(language, "units", "durations_glued")
    glued_words = [language_rules.fragment_pattern(f) for fs in glued_durations.values() for f in fs]
    duration_words = sorted(
        ((language_rules.fragment_pattern(f), unit) for table in (durations, glued_durations)
         for unit, fs in table.items() for f in fs),
        key=lambda p: -len(p[0]),
    )
    # an adjective glued to its number ("vierjährige", "6-monatigen") needs no space before it
    glued_duration = rf"|-?(?=(?i:{'|'.join(glued_words)}))" if glued_words else ""
    return UnitWords(
        # "10 %", "10 percent", and the compound adjective "a 10-percent stake", "eine 10-prozentige Beteiligung"
        percent=re.compile(rf"{_SP}*(?:%|(?i:{alt('percent')})(?![^\W_]))|-(?i:{alt('percent')})(?![^\W_])"),
        # a basis point is a hundredth of a percentage point ("25 basis points" = 0.25 points)
        percentage_point=re.compile(rf"{_SP}*(?i:{basis}{alt('percentage_point')})"),
        factor=re.compile(
            rf"{_SP}*(?:(?i:{alt('factor')})(?P<half>{_SP}+(?i:{alt('factor_half')}))?(?![^\W_])"
            + (rf"|-?(?i:{alt('factor_glued')})(?![^\W_])" if glued else "")
            + r"|×(?![^\W_]))"
        ),
        # a word of ``duration_reference_inside`` may stand between ("les 18 premiers mois"): the
        # duration is read whole, then refused as a time reference (is_time_reference)
        duration=re.compile(
            (rf"(?:{_SP}+(?i:{alt('duration_reference_inside')}))?" if inside else "")
            + rf"(?:{_SP}+|-{glued_duration})(?P<unit>(?i:{'|'.join(f for f, _ in duration_words)}))(?![^\W_])(?!-?\d)"
        ),
        durations=tuple((re.compile(rf"(?i:{f})\Z"), unit) for f, unit in duration_words),
    )


#: prefixes of watts (PHYSICAL) -> their factor in megawatts
_WATT_PREFIXES = (("", 1e-6), ("kilo", 1e-3), ("méga", 1.0), ("mega", 1.0), ("giga", 1e3), ("téra", 1e6), ("tera", 1e6))
_POWER_UNITS = {
    "kw": ("MW", 1e-3),
    "mw": ("MW", 1.0),
    "gw": ("MW", 1e3),
    "tw": ("MW", 1e6),
    "kwh": ("MWh", 1e-3),
    "mwh": ("MWh", 1.0),
    "gwh": ("MWh", 1e3),
    "twh": ("MWh", 1e6),
    # every power and energy word PHYSICAL admits (a prefix, accented or not; watts, or watt-hours
    # written the French, English or German way): "50 kilowatt-hours" missing from a list written
    # by hand was read as a count
    **{prefix + "watt": ("MW", factor) for prefix, factor in _WATT_PREFIXES},
    **{prefix + "watt" + hour: ("MWh", factor) for prefix, factor in _WATT_PREFIXES
       for hour in ("heure", "-hour", "stunde")},
    "téraflop": ("FLOPS", 1e12),
    "teraflop": ("FLOPS", 1e12),
    "tflop": ("FLOPS", 1e12),
    # gigaflops: the machines of the 2000s and a flop-per-watt efficiency ("1,5 GFLOPs")
    "gigaflop": ("FLOPS", 1e9),
    "gflop": ("FLOPS", 1e9),
    "pétaflop": ("FLOPS", 1e15),
    "petaflop": ("FLOPS", 1e15),
    "pflop": ("FLOPS", 1e15),
    "exaflop": ("FLOPS", 1e18),
    "eflop": ("FLOPS", 1e18),
    "flop": ("FLOPS", 1.0),  # "10^15 FLOPS", "10 hoch 15 Flops": the operations per second themselves
    # the short symbols of HPC writing ("1 EF", "500 PF", "650 TF"), upper case only (PHYSICAL)
    "ef": ("FLOPS", 1e18),
    "pf": ("FLOPS", 1e15),
    "tf": ("FLOPS", 1e12),
    # operations per second of AI chips, integer or mixed precision ("1,000 TOPS", "three exaops"):
    # the same dimension as FLOPS, at the precision the sentence names
    "teraop": ("FLOPS", 1e12),
    "petaop": ("FLOPS", 1e15),
    "exaop": ("FLOPS", 1e18),
    "top": ("FLOPS", 1e12),  # "TOPS", upper case only (PHYSICAL)
}
#: watts and watt-hours as words: "mégawatts", "kilowatt-hours", "Gigawattstunden", the hour written
#: apart too ("gigawatt hours", "térawatt heures"), or after a slash ("2.9 Gigawatt/heure", "MW/h": a
#: power "per hour" is the energy the writer means, watt-hours; no power changes by the hour in these
#: texts); one fragment for both patterns below
_WATT_WORD = r"watt(?:s?/(?:heures?|hours?|stunden?)|[- \u00a0]?heures?|[- \u00a0]hours?|[ \u00a0]?stunden?|s)?"
#: Power and compute units written as words (not symbols): what a numeral word may precede.
PHYSICAL_WORD_PATTERN = (
    r"(?i:(?:kilo|méga|mega|giga|téra|tera)?" + _WATT_WORD + r"|(?:giga|téra|tera|péta|peta|exa)[ -]?flop(?:/?s)?|(?:tera|peta|exa)ops)(?![^\W_])"
)
#: "93 AI exaflops", "2,500 AI PF", "20 KI-Exaflops": compute at AI's low precision, written with
#: the letters of AI between the number and its unit, is still that compute unit
_AI_COMPUTE = rf"(?:(?:AI|KI)(?:{_SP}+|-)(?=(?i:(?:téra|tera|péta|peta|exa)flop)|[TPE]F(?![^\W_])))?"
PHYSICAL = re.compile(
    rf"(?:{_SP}*|-){_AI_COMPUTE}(?P<unit>(?:(?:kWh|MWh|GWh|TWh)s?|(?:kW|MW|GW|TW)/h|kW|Kw|MW|GW|TW|EF|PF|TF|TOPS)(?![^\W_])|(?i:(?:kilo|méga|mega|giga|téra|tera)?"
    + _WATT_WORD + r"|(?:(?:giga|téra|tera|péta|peta|exa)[ -]?|G|T|P|E)?flop(?:/?s)?|(?:tera|peta|exa)ops)(?![^\W_]))"
)

@cache
def _time_reference(language: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]:
    before = language_rules.words(language, "units", "duration_reference_before")
    after = language_rules.words(language, "units", "duration_reference_after")
    inside = language_rules.words(language, "units", "duration_reference_inside")
    return (
        re.compile(rf"(?i:(?<![\w'’]){language_rules.alternation(before)}{_SP}+)\Z") if before else None,
        re.compile(rf"(?i:{_SP}+{language_rules.alternation(after)})(?![\w])") if after else None,
        re.compile(rf"(?i:{_SP}{language_rules.alternation(inside)}{_SP})") if inside else None,
    )


def _word_before(sentence: str, start: int, language: str, key: str, reach: int) -> re.Match[str] | None:
    """A word of ``units.<key>`` ending right before ``start`` (spaces between), read in the
    ``reach`` characters before it; None when there is none."""
    pattern = language_rules.word_pattern(language, "units", key, rf"(?i:(?<![\w'’])(?:{{words}}){_SP}+)\Z")
    return pattern.search(sentence, max(0, start - reach), start) if pattern is not None else None


def states_its_whole(sentence: str, end: int, language: str = "fr") -> bool:
    """A percentage ending at ``end`` names the whole it is a share of (``units.share_of_after``:
    "11 Prozent des Investmentvolumens", "40 % des brevets", "25% of funding")."""
    pattern = language_rules.word_pattern(language, "units", "share_of_after",
                                          rf"{_SP}+(?i:(?:{{words}}))(?:(?<=['’])|(?=\s))")
    return pattern is not None and pattern.match(sentence, end) is not None


def is_duration_statement(sentence: str, start: int, language: str = "fr") -> bool:
    """A duration right after a word of ``units.duration_statement_before`` ("en seulement deux
    ans", "in nur 20 Monaten"): how long something took, a figure of its own."""
    return _word_before(sentence, start, language, "duration_statement_before", 16) is not None


def span_start_before(sentence: str, start: int, language: str = "fr") -> int | None:
    """Where the preposition right before a duration at ``start`` begins when it makes the duration
    a span in which something happens (``units.span_before``: "in three months", "en 12 mois",
    "In zwei Jahren"); None otherwise. "in only 20 months", "en une année seulement" say how long
    something took: the preposition is not right before the number."""
    m = _word_before(sentence, start, language, "span_before", 24)
    return m.start() if m is not None else None


def is_time_reference(sentence: str, start: int, end: int, language: str = "fr") -> bool:
    """A duration that places an event in time rather than measuring something: "il y a deux
    ans", "five years ago", "six mois plus tard", "d'ici quatre ans", "der letzten drei Jahre",
    "the first six months of 2014", "les trois premiers trimestres" (``units.duration_reference_
    before``/``_after``/``_inside``). It is not a figure."""
    before, after, inside = _time_reference(language)
    return bool(
        (before is not None and before.search(sentence, max(0, start - 32), start))
        or (after is not None and after.match(sentence, end))
        or (inside is not None and inside.search(sentence, start, end))
    )


def is_age_group(sentence: str, start: int, end: int, ranged: bool, language: str = "fr") -> bool:
    """Years that are people's ages, not a duration: a range after an age word ("62 % des 18-34
    ans": ``units.age_before``) or years written with an age word ("18-34 year-olds", "die
    34-Jährigen": ``units.age_after``, right after the figure or ending its words). Not a figure."""
    # case kept: the German noun "die 34-Jährigen" is people, the adjective "fünfjährige" a duration
    after = language_rules.word_pattern(language, "units", "age_after", r"(?:{words})(?![\w])")
    if ranged and _word_before(sentence, start, language, "age_before", 16) is not None:
        return True
    if after is None:
        return False
    if after.match(sentence, end) is not None:
        return True
    # the age word may be the figure's unit ("34-Jährigen"): it then ends the figure's words
    return any((m := after.match(sentence, i)) is not None and m.end() == end for i in range(max(start, end - 12), end))


def is_age(sentence: str, end: int, language: str = "fr") -> bool:
    """A duration ending at ``end`` is an age: an age word follows ("a year old", "the
    seven-year-old company", "un an au compteur": ``units.age_words``)."""
    pattern = language_rules.word_pattern(language, "units", "age_words", rf"(?:{_SP}+|-)(?i:{{words}})(?![\w])")
    return pattern is not None and pattern.match(sentence, end) is not None


def is_span_of_time(unit: str | None, figure_text: str, language: str) -> bool:
    """A duration, or a count of parts of a year ("drei Quartalen", "three quarters", ``units.
    period_nouns``): a span of time, which a time reference makes no figure."""
    if unit in DURATION_UNITS:
        return True
    pattern = language_rules.word_pattern(language, "units", "period_nouns", r"(?i:(?<![\w-]){words})\Z") if unit == "count" else None
    return pattern is not None and pattern.search(figure_text) is not None


@cache
def _comparative(language: str) -> re.Pattern[str] | None:
    words = language_rules.words(language, "units", "comparatives")
    return re.compile(rf"{_SP}+(?i:{language_rules.alternation(words)})(?![\w])") if words else None


def occurrences(sentence: str, figure_start: int, figure_end: int, value: float, language: str = "fr") -> bool:
    """"N times" that counts occurrences, not a factor: a thousand or more (a factor that large is
    no comparison a text makes without saying with what), its factor word last, and neither a
    comparative nor a word of comparison (``units.factor_object_after``) after it ("downloaded
    more than 400 million times", "cited 1,200 times"; not "1,000 times faster", "1,000 times the
    performance")."""
    if value < 1000:
        return False
    factor_last = language_rules.word_pattern(language, "units", "factor", r"(?i:{words})\Z")
    if factor_last is None or factor_last.search(sentence, figure_start, figure_end) is None:
        return False
    if comparative_after(sentence, figure_end, language):
        return False
    objects = language_rules.word_pattern(language, "units", "factor_object_after", rf"{_SP}+(?i:{{words}})(?![\w])")
    return objects is None or objects.match(sentence, figure_end) is None


def comparative_after(sentence: str, pos: int, language: str = "fr") -> bool:
    """A comparative right after a factor ("3x faster", "3x plus rapide", "3x schneller"):
    ``units.comparatives``."""
    pattern = _comparative(language)
    return pattern is not None and pattern.match(sentence, pos) is not None


#: The units a duration is given in (each language's words for them: ``units.durations``).
DURATION_UNITS = ("years", "months", "days", "weeks", "hours")
#: Words of a duration table key that is no unit of its own: the unit it is given in, times what
#: ("two decades" is 20 years)
DURATION_MULTIPLES = {"decades": ("years", 10.0)}

ORDINAL_SUFFIX_PATTERN = r"(?:ème|eme|ère|ere|er|re|e|è|nd|rd|st|th)"
NOT_RANK_AFTER = re.compile(
    rf"{_SP}+(?i:siècles?|century|centuries|trimestres?|semestres?|quarters?|half|"
    rf"arrondissement|édition|edition)(?![^\W_])"
)


# Area, distance, storage and temperature: (canonical unit, multiplier) by the unit as written
# (lower-cased for words; short symbols keep their case in the pattern below).
_MEASURE_UNITS = {
    "m2": ("m2", 1.0), "m²": ("m2", 1.0), "square metres": ("m2", 1.0), "square meters": ("m2", 1.0),
    # French square metres and kilometres, singular or plural, accented or not (_MEASURE_NAMES)
    **{kilo + metre + " " + square: ("m2", 1e6 if kilo else 1.0)
       for kilo in ("", "kilo") for metre in ("mètre", "mètres", "metre", "metres")
       for square in ("carré", "carrés", "carre", "carres")},
    "square metre": ("m2", 1.0), "square meter": ("m2", 1.0), "sq m": ("m2", 1.0), "sqm": ("m2", 1.0),
    "square feet": ("m2", 0.09290304), "square foot": ("m2", 0.09290304), "sq ft": ("m2", 0.09290304),
    "sq. ft": ("m2", 0.09290304), "sqft": ("m2", 0.09290304), "sq. m": ("m2", 1.0),
    "sf": ("m2", 0.09290304),  # "a 405K SF campus": real estate's square feet (upper case; not San Francisco's "50 SF startups")
    "km2": ("m2", 1e6), "km²": ("m2", 1e6), "square kilometres": ("m2", 1e6),
    "square kilometers": ("m2", 1e6),
    "square mile": ("m2", 2589988.110336), "square miles": ("m2", 2589988.110336), "sq mi": ("m2", 2589988.110336),
    "sq. mi": ("m2", 2589988.110336),
    "ha": ("m2", 1e4), "hectare": ("m2", 1e4), "hectares": ("m2", 1e4),
    "acre": ("m2", 4046.8564224), "acres": ("m2", 4046.8564224),
    "km": ("km", 1.0), "kilomètre": ("km", 1.0), "kilomètres": ("km", 1.0), "kilometre": ("km", 1.0),
    "kilometres": ("km", 1.0), "kilometer": ("km", 1.0), "kilometers": ("km", 1.0),
    "mètre": ("km", 1e-3), "mètres": ("km", 1e-3), "metre": ("km", 1e-3), "metres": ("km", 1e-3),
    "meter": ("km", 1e-3), "meters": ("km", 1e-3), "mile": ("km", 1.609344), "miles": ("km", 1.609344),
    "m": ("km", 1e-3),  # read only where a language's ``units.measures`` says (before a distance word)
    "go": ("TB", 1e-3), "gb": ("TB", 1e-3), "to": ("TB", 1.0), "tb": ("TB", 1.0),
    "po": ("TB", 1e3), "pb": ("TB", 1e3), "eo": ("TB", 1e6), "eb": ("TB", 1e6),
    # the German and older tech press's "PByte", "GByte" (1 PByte = 1 Million GByte)
    **{prefix + "byte" + plural: ("TB", factor) for prefix, factor in (("g", 1e-3), ("t", 1.0), ("p", 1e3), ("e", 1e6))
       for plural in ("", "s")},
    # every storage word the measure names admit (_MEASURE_NAMES: each prefix, accented or not,
    # with each ending): "1,8 petaoctet" missing from a list written by hand was read as a count
    **{prefix + ending: ("TB", factor)
       for prefix, factor in (("giga", 1e-3), ("téra", 1.0), ("tera", 1.0), ("péta", 1e3), ("peta", 1e3), ("exa", 1e6))
       for ending in ("octet", "octets", "byte", "bytes")},
    "°c": ("degC", 1.0),
    **{degree + " celsius": ("degC", 1.0) for degree in ("degré", "degrés", "degre", "degres", "degree", "degrees")},
    # a computing speed written out: operations per second are FLOPS
    "operations per second": ("FLOPS", 1.0),
}
# Measure words of the language resources (``units.measures``: a unit written above -> the words).
_MEASURE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"(?i:{language_rules.fragment_pattern(f)})\Z"), unit)
    for code in language_rules.languages()
    for unit, fragments in language_rules.table(code, "units", "measures", reading=False).items()
    for f in fragments
)
_MEASURE_WORD_PATTERN = "|".join(
    language_rules.fragment_pattern(f)
    for code in language_rules.languages()
    for fragments in language_rules.table(code, "units", "measures", reading=False).values()
    for f in fragments
)
#: Measure units named in words in every language (fragments: a space stands for any run of
#: spaces, languages.fragment_pattern), with each language's ``units.measures``.
_MEASURE_NAMES = (
    "(?:kilo)?(?:mètres?|metres?) carr[ée]s?", "square (?:metres?|meters?|kilometres|kilometers|feet|foot|miles?)",
    "hectares?", "acres?", "kilomètres?", "kilometres?", "kilometers?", "mètres?", "metres?",
    "meters?", "miles?", "(?:giga|téra|tera|péta|peta|exa)(?:octets?|bytes?)", "degr(?:é|ee|e)s? celsius",
)
MEASURE_WORD_PATTERN = (
    (rf"(?i:{_MEASURE_WORD_PATTERN})(?![^\W_])|" if _MEASURE_WORD_PATTERN else "")
    + rf"(?i:{language_rules.alternation(_MEASURE_NAMES)})(?![^\W_])"
)
# The measure words that may follow "un", "one", "ein" as a figure of one unit ("un hectare", "ein
# Petabyte"): words, not abbreviations ("a SF firm"), nor operations per second or the bare "m"
# read only before a distance word.
_MEASURE_FRAGMENTS = [
    f for code in language_rules.languages()
    for unit, fragments in language_rules.table(code, "units", "measures", reading=False).items()
    if unit != "operations per second" for f in fragments if not f.startswith("(")
]
#: ... grouped by first letter: the article atom tries them after every "a", "un", "ein" of a
#: text, so they must reject a word at its first letter (atoms)
MEASURE_WORD_GATE = rf"(?i:{language_rules.grouped_alternation([*_MEASURE_FRAGMENTS, *_MEASURE_NAMES])})(?![^\W_])"
#: ... and ungrouped: what the prefilter reads the strings they require from (the grouped form
#: hides them behind its first letters)
MEASURE_WORDS_PLAIN = rf"(?i:{language_rules.alternation([*_MEASURE_FRAGMENTS, *_MEASURE_NAMES])})"
MEASURE = re.compile(
    rf"(?:{_SP}*|-)(?P<unit>(?:m²|m2|km²|km2|ha|[kK]m|SF(?!{_SP}+(?:start-?ups?|companies|firms|offices|employees|jobs|people|teams?)\b)|Go|GB|To|TB|Po|PB|Eo|EB|[GTPE]Bytes?|°C)(?![^\W_])"
    rf"|(?i:sq\.?{_SP}?(?:mi|m|ft)|sqm|sqft)(?![^\W_])|{MEASURE_WORD_PATTERN})"
)


#: Every unit a figure can have other than money (an ISO 4217 code, see currencies.py).
UNITS: tuple[str, ...] = tuple(dict.fromkeys((
    "count", "percent", "percentage_point", "factor", "rank",
    *(unit for unit, _ in _POWER_UNITS.values()),
    *(unit for unit, _ in _MEASURE_UNITS.values()),
    *DURATION_UNITS,
)))


def measure_unit(token: str) -> tuple[str, float]:
    """(canonical unit, multiplier) of an area, distance, storage or temperature unit as written."""
    key = re.sub(rf"{_SP}+", " ", token.strip()).lower()
    if key in _MEASURE_UNITS:
        return _MEASURE_UNITS[key]
    for pattern, unit in _MEASURE_WORDS:
        if pattern.match(token.strip()):
            return _MEASURE_UNITS[unit]
    raise KeyError(token)


_SPACED_FLOP = re.compile(r"(?<=a)[ -](?=flop)")  # giga, tera, téra, peta, péta, exa: each ends with "a"


def physical_unit(token: str) -> tuple[str, float]:
    """(unit, multiplier) of a power, energy or compute unit as written."""
    t = token.strip()
    lower = t.lower()
    if lower in ("kw/h", "mw/h", "gw/h", "tw/h"):  # watt-hours written as a power per hour
        lower = lower.replace("/", "")
    if lower in _POWER_UNITS:
        return _POWER_UNITS[lower]
    base = re.sub(r"(?:/?s)$", "", lower) if "flop" in lower else re.sub(r"s$", "", lower)
    base = _SPACED_FLOP.sub("", base)  # "100 Giga Flops", "2 Tera-Flops"
    # "gigawatt hours", "térawatt heures", "Gigawatt Stunden": the hour written apart
    base = re.sub(r"[ \u00a0]+(?=hour|heure|stunde)", "-", base)
    base = re.sub(r"s?/(?=hour|heure|stunde)", "-", base)  # "Gigawatt/heure", "megawatts/hour"
    base = base.replace("-heures", "heure").replace("-heure", "heure").replace("heures", "heure")
    base = re.sub(r"-?stunden?$", "stunde", base)
    if "flop" in base:
        prefix = {"g": "gflop", "t": "tflop", "p": "pflop", "e": "eflop"}
        base = prefix.get(base[0], base) if base in ("gflop", "tflop", "pflop", "eflop") else base
    return _POWER_UNITS[base]


def duration_unit(token: str, language: str = "fr") -> str:
    """``"ans"`` -> ``"years"``, ``"mois"`` -> ``"months"``, ``"Jahre"`` -> ``"years"``, ``"décennies"`` -> ``"years"``..."""
    return duration_of(token, language)[0]


def duration_of(token: str, language: str = "fr") -> tuple[str, float]:
    """The unit of a duration word and how many of it the word is: ``"Jahre"`` -> ("years", 1),
    ``"decades"`` -> ("years", 10) (:data:`DURATION_MULTIPLES`)."""
    for pattern, unit in unit_words(language).durations:
        if pattern.match(token):
            return DURATION_MULTIPLES.get(unit, (unit, 1.0))
    raise KeyError(token)


# Operations per second written after an amount of a scale word with no currency ("eine Billiarde
# (1.000 Billionen) Gleitkommaoperationen pro Sekunde", "un milliard de milliards d'opérations par
# seconde"): the words of ``units.measures['operations per second']`` of every language, within the
# clause (no full stop, semicolon or colon between).
_OPERATIONS_WORDS = "|".join(
    language_rules.fragment_pattern(f)
    for code in language_rules.languages()
    for f in language_rules.table(code, "units", "measures", reading=False).get("operations per second", ())
)
OPERATIONS_AHEAD = re.compile(rf"(?:[^.;:\n]|\.(?=\d)){{0,80}}?(?i:{_OPERATIONS_WORDS})") if _OPERATIONS_WORDS else None


# The same written in two parts, "per second" before the amount and the operations after it, as
# German puts them ("dass pro Sekunde eine Billiarde (1.000 Billionen) Gleitkommaoperationen
# gerechnet werden"): ``units.per_second`` in the clause before, ``units.operation_nouns`` ahead.
_PER_SECOND = "|".join(language_rules.fragment_pattern(f) for f in language_rules.all_words("units", "per_second"))
_OPERATION_NOUNS = "|".join(language_rules.fragment_pattern(f) for f in language_rules.all_words("units", "operation_nouns"))
_PER_SECOND_BEFORE = re.compile(rf"(?i:(?<![\w])(?:{_PER_SECOND}))(?![\w])(?:[^.;:\n]|\.(?=\d)){{0,80}}\Z") if _PER_SECOND else None
_OPERATION_NOUN_AHEAD = re.compile(rf"(?:[^.;:\n]|\.(?=\d)){{0,40}}?(?i:{_OPERATION_NOUNS})") if _OPERATION_NOUNS else None


def operations_per_second_at(s: str, pos: int) -> bool:
    """The clause of an amount of a scale word ending at ``pos`` says it is operations per second:
    the words of ``operations per second`` ahead, or "per second" before it and operations ahead."""
    if OPERATIONS_AHEAD is not None and OPERATIONS_AHEAD.match(s, pos):
        return True
    return (_PER_SECOND_BEFORE is not None and _OPERATION_NOUN_AHEAD is not None
            and _OPERATION_NOUN_AHEAD.match(s, pos) is not None
            and _PER_SECOND_BEFORE.search(s, max(0, pos - 120), pos) is not None)

