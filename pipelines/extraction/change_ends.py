"""The end of a change that writes its unit once: "from 21 exaflops in 2025 to 420 by 2030".

A change "from X to Y" (``periods.change_from``, ``change_to``: "from ... to", "de ... à", "von
... auf") often writes the unit, the currency or the scale with its first end only: the second end
is a plain number ("grow from 21 AI exaFLOPS in 2025 to 420 by 2030", "passer de 50 MW à 120",
"von 2,3 Milliarden Euro auf 3"). Read alone it is a count of nothing. It is the same measure as
the first end: it takes that end's unit and the multiplier its words state (exa-, million,
Milliarden).

The rule reads the two ends in one clause only (no ``, ; : ( )`` between them, at most
``_REACH`` characters); the first end must have a unit of its own (an amount, a physical
quantity or a count that names what it counts; not a percentage or a factor), the second must be
a bare number that is not a year ("from 200 people in 2020 to 450" counts people twice). The first end may be the plain one ("von 17 auf mehr als 20 PetaFLOPS", "from 40 to 55 MW"): it
takes the second end's unit where its number is of the same order as the second's as written
(between a tenth and ten times it). "Von 864 auf 1,4 Milliarden Franken" is left alone: the scale
the first end omits (864 million?) the text does not say.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.model import Figure
from pipelines.extraction.not_figures import looks_like_year
from pipelines.extraction.numbers import parse_digits, phrase_language

__all__ = ["read_change_ends"]

#: how far apart the two ends of a change may be ("from 21 AI exaFLOPS in 2025 to 420")
_REACH = 40
_SP = r"[ \u00a0\u202f]"
_FIRST_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
#: units a change's second end does not take: shares, factors and ranks (a plain number after
#: them is what it is); a count passes on what it counts
_NOT_MEASURES = frozenset(("percent", "percentage_point", "factor", "rank"))


@cache
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """(the "from" word right before a first end, the text from a first end to a second end)."""
    from_ = language_rules.words(language, "periods", "change_from")
    to = language_rules.words(language, "periods", "change_to")
    if not from_ or not to:
        return None
    before = re.compile(rf"(?<![\w])(?i:{language_rules.alternation(from_)}){_SP}*\Z")
    # a qualifier may stand between "to" and the second end ("auf insgesamt mehr als 20 PetaFLOPS")
    between = re.compile(rf"[^,;:()\n]{{0,{_REACH}}}?{_SP}(?i:{language_rules.alternation(to)}){_SP}+(?:[^\W\d_]+{_SP}+){{0,3}}\Z")
    return before, between


def read_change_ends(sentence: str, figures: list[Figure], language: str) -> list[Figure]:
    """``figures`` with the plain end of a change read in its other end's unit (module doc)."""
    patterns = _patterns(language)
    if patterns is None or len(figures) < 2 or not any(f.is_bare for f in figures):
        return figures
    before, between = patterns
    out = list(figures)
    for k in range(1, len(out)):
        first, second = out[k - 1], out[k]
        if first.is_bare == second.is_bare:
            continue
        plain, measure = (second, first) if second.is_bare else (first, second)
        if measure.unit in _NOT_MEASURES or measure.value_low != measure.value_high:
            continue
        text = sentence[plain.start:plain.end]
        if looks_like_year(text) or not text[:1].isdigit():
            continue
        # the "from" word may stand before a currency sign written with the first end ("from €21 billion")
        if not before.search(sentence, max(0, first.start - 12), first.start) or \
                not between.fullmatch(sentence, first.end, second.start):
            continue
        written = _FIRST_NUMBER.search(sentence, measure.start, measure.end)
        if written is None:
            continue
        lang = phrase_language(sentence, measure.start, measure.end, language)
        as_written = parse_digits(written.group(), lang)
        if not as_written:
            continue
        if plain is first and not as_written / 10 <= plain.value <= as_written * 10:
            continue  # a first end of another order omits a scale the text does not give
        multiplier = measure.value / as_written
        out[out.index(plain)] = replace(plain, value=plain.value * multiplier, value_low=plain.value_low * multiplier,
                                        value_high=plain.value_high * multiplier, unit=measure.unit,
                                        counted=measure.counted, hardware=measure.hardware,
                                        scale_language=measure.scale_language)
    return out
