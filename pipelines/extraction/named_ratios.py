"""Ratios named with their bare number: "a PUE of 1.2", "PUE-Wert von 1,3", "un PUE de 1,4", "a
1.1 PUE" (the name right after the number).

A power usage effectiveness (PUE: the energy a data centre draws over the energy its IT
equipment uses) is written as a bare number after its name; read alone, "1.2" is a count of
nothing. A bare number (a count with no counted noun) whose clause names such a ratio a few words
before it is that ratio, unit ``factor``; so is each further bare number of the same run ("moved
from 1.58 to 1.56"). The names are each language's (``units.named_ratios``); the metric comes
from the topic rules (``compute.pue``). A PUE is at least 1 and, in any data centre, below 5:
a number outside that is something else ("PUE reports from 300 sites").
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.model import Figure

__all__ = ["read_named_ratios"]

#: how far before the first number the name may stand (characters)
_REACH = 60
_LOW, _HIGH = 1.0, 5.0
#: a clause break between the name and the number: the name is another clause's
_BREAK = re.compile(r"[.;!?](?:\s|$)")


@cache
def _names(language: str) -> re.Pattern[str] | None:
    names = language_rules.words(language, "units", "named_ratios")
    return re.compile(rf"(?<![\w-])(?:{language_rules.alternation(names)})(?![\w])", re.I) if names else None


def _bare(f: Figure) -> bool:
    return f.unit == "count" and f.counted is None and _LOW <= f.value_low and f.value_high < _HIGH


def read_named_ratios(sentence: str, figures: list[Figure], language: str) -> list[Figure]:
    """``figures`` with the bare numbers that follow a ratio's name, or that it follows, read as that
    ratio."""
    names = _names(language)
    if names is None or not figures or names.search(sentence) is None:
        return figures
    out: list[Figure] = []
    open_at: int | None = None  # where the last name ended, while its run of bare numbers lasts
    previous_end = 0
    for f in figures:
        for m in names.finditer(sentence, max(previous_end, f.start - _REACH), f.start):
            open_at = m.end()
        if open_at is not None and _BREAK.search(sentence, open_at, f.start):
            open_at = None
        after = names.match(sentence, f.end + 1) if sentence[f.end:f.end + 1] in (" ", "\u00a0", "\u202f") else None
        if (open_at is not None or after is not None) and _bare(f):
            # "a PUE of 1.2", or the name right after the number ("a 1.1 PUE"): the span takes it
            f = Figure(f.start, after.end() if after is not None else f.end, f.value, f.value_low, f.value_high,
                       f.bound, "factor", None, f.hardware, f.scale_language)
        else:
            open_at = None  # another figure ends the run
        out.append(f)
        previous_end = f.end
    return out
