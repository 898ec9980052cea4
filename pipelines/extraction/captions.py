"""A chart's values take its caption's unit, scale and year.

A report converted from PDF often gives a chart as its caption ("Graphique 1 : ... en milliards
(2024)", "Figure 3: Investment in € bn, 2023", "Abbildung 2: ... in Mio. Euro") followed by the
chart's labels and values as lines of text ("Facebook 3,07", "YouTube 2,5"). Read alone, such a
line states a bare number. The rule: after a caption (a heading that opens with a caption word of a
language resource, ``sentences.caption_words``, and a number) and until the next heading or a
source line ("Source : ...", ``sentences.source_words``), a figure with nothing of its own (no
unit, no counted noun, no scale, no currency) is in the caption's unit line (``tables.read_unit_line``:
currency, percent, physical unit; a scale word counts here even in a long caption), and a figure
with no period of its own takes the caption's one year. The quote stays the line; the period's
words are the caption's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.model import Figure, Period
from pipelines.extraction.numbers import (
    SCALE_ABBREVIATION_SPACED_PATTERN,
    SCALE_WORD_PATTERN,
    phrase_language,
    scale_value,
)
from pipelines.extraction.tables import UnitLine, read_unit_line

# a scale word or abbreviation of any language (the resources'), read in its phrase's language
_SCALE_WORD = re.compile(rf"(?P<word>{SCALE_WORD_PATTERN}|{SCALE_ABBREVIATION_SPACED_PATTERN})")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
#: how many sentences a caption reaches at most (a chart's labels and values)
REACH = 40


@dataclass(frozen=True, slots=True)
class Caption:
    unit_line: UnitLine | None
    year: int | None
    year_text: str | None


@cache
def _caption_start(language: str) -> re.Pattern[str]:
    words = language_rules.words(language, "sentences", "caption_words")
    return re.compile(rf"^[\s*_#]*{language_rules.alternation(words)}[ \u00a0]*\d{{1,3}}[ \u00a0]*[:.–-]") if words \
        else re.compile(r"(?!x)x")


@cache
def _source_start(language: str) -> re.Pattern[str]:
    words = language_rules.words(language, "sentences", "source_words")
    return re.compile(rf"^[\s*_]*{language_rules.alternation(words)}[\s*_]*:") if words else re.compile(r"(?!x)x")


def read_caption(text: str, language: str) -> Caption | None:
    """The unit line and year of a chart caption, or None when ``text`` is no caption."""
    if not _caption_start(language).match(text):
        return None
    line = read_unit_line(text)
    if line is None or line.scale == 1.0:
        factor = _caption_scale(text, language)
        if factor is not None:
            line = UnitLine(factor, line.unit if line is not None else None, text)
    years = set(_YEAR.findall(text))
    year = int(next(iter(years))) if len(years) == 1 else None
    if line is None and year is None:
        return None
    return Caption(line, year, next(iter(years)) if year is not None else None)


def _caption_scale(text: str, language: str) -> float | None:
    """The multiplier of the scale a caption states ("en milliards", "in € bn", "in Mio. Euro"); a
    scale right after a number states an amount, not the chart's unit."""
    for m in _SCALE_WORD.finditer(text):
        if text[: m.start()].rstrip()[-1:].isdigit():
            continue
        read = scale_value(m.group("word"), phrase_language(text, m.start(), m.end(), language),
                           language_rules.reading_languages(language))
        if read is not None:
            return read[0]
    return None


def is_source_line(text: str, language: str) -> bool:
    """A chart's source line, which closes what its caption reaches."""
    return _source_start(language).match(text) is not None


def apply_caption(figure: Figure, period: Period, caption: Caption) -> tuple[Figure, Period]:
    """The figure read in its chart's caption (module doc); unchanged when it has a unit of its own."""
    bare = figure.unit == "count" and figure.counted is None and figure.hardware is None and figure.scale_language is None
    line = caption.unit_line
    if bare and line is not None and (line.unit is not None or line.scale != 1.0):
        figure = replace(figure, value=figure.value * line.scale, value_low=figure.value_low * line.scale,
                         value_high=figure.value_high * line.scale, unit=line.unit or "count")
    elif figure.unit == "XXX" and line is not None and line.unit is not None and len(line.unit) == 3:
        figure = replace(figure, unit=line.unit)
    if period.start is None and caption.year is not None:
        period = Period(caption.year, caption.year, caption.year_text)
    return figure, period
