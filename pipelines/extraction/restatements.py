"""A figure restated in parentheses shares what the figure it restates is: an amount in another
currency its bound, a percentage written again in digits its topic and metric.

"more than £2 billion ($2.4bn)", "up to £750 million ($1bn)", "über 300 Milliarden US-Dollar
(265 Milliarden Euro)": the parenthesis converts the amount before it, so "$2.4bn" is a lower
bound too, though no qualifier touches it. Only an amount in parentheses right after another
amount (nothing but the opening parenthesis between them, and the closing one right after it)
is a restatement; its own qualifier, when it has one ("(rund drei Milliarden Euro)"), wins.

"sank um fast ein Drittel (32 %)", "a third (33%) of the funding": the percentage in parentheses
is the same share or change as the one before it, so it is read as that one is (a decline stays a
decline), whatever its own sentence words would make of it alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipelines.extraction.currencies import is_money
from pipelines.extraction.model import Figure

__all__ = ["share_restated_bounds", "share_restated_readings"]

_OPENING = re.compile(r"[ \u00a0\u202f]*\([ \u00a0\u202f]*\Z")
_CLOSING = re.compile(r"[ \u00a0\u202f]*\)")


def share_restated_bounds(sentence: str, figures: list[Figure]) -> list[Figure]:
    """``figures`` with each parenthesised restatement bounded like the amount it restates."""
    out = list(figures)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if (a.bound != "exact" and b.bound == "exact" and is_money(a.unit) and is_money(b.unit)
                and _restates(sentence, a, b)):
            out[i] = replace(b, bound=a.bound)
    return out


def _restates(sentence: str, a: Figure, b: Figure) -> bool:
    """``b`` stands in parentheses right after ``a``, alone."""
    return _OPENING.match(sentence, a.end, b.start) is not None and _CLOSING.match(sentence, b.end) is not None


def share_restated_readings(sentence: str, figures: list[Figure], readings: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``readings`` ((topic, metric) of each of ``figures``, in order) with each percentage
    restated in parentheses right after another percentage read as that one."""
    out = list(readings)
    for i in range(1, len(figures)):
        a, b = figures[i - 1], figures[i]
        if a.unit == "percent" and b.unit == "percent" and _restates(sentence, a, b):
            out[i] = out[i - 1]
    return out
