"""Counts of the parts of a total: ``dont une en France``, ``including one``, ``of which 3``.

A part after ``dont``/``including``/``of which`` counts what the total before it counts; read once
the sentence's figures are known, since it needs the count before it.
"""

from __future__ import annotations

import re

from pipelines.extraction.bounded import bounded_figure
from pipelines.extraction.counted import read_counted
from pipelines.extraction.model import Figure

__all__ = ["part_counts"]


# "six usines supplémentaires, ..., dont une implantée en France": "dont un/une" (", including
# one", "of which one") after a count names one of the things counted.
_PART_OF = re.compile(
    r"(?i:(?<![\w'’])(?:dont|including|of[ \u00a0]+which)[ \u00a0]+)(?:(?P<one>une?|one)(?![\w'’-]))?"
)


def part_counts(s: str, figures: list[Figure], doc_language: str) -> list[Figure]:
    """Counts after ``dont``/``including`` take what the previous count of the sentence counts.

    ``dont un``/``dont une``/``including one`` is a count of 1 (the article is read as a number
    only there); a count already read right after ``dont`` with nothing counted (``dont 3 en
    France``) takes the counted noun of the count before it. A noun written after the number
    (``dont une usine``) is read as usual and wins.
    """
    out = list(figures)
    for m in _PART_OF.finditer(s):
        previous = [f for f in out if f.end <= m.start() and f.unit == "count" and f.counted]
        if not previous:
            continue
        what = previous[-1].counted
        if m.group("one"):
            start, end = m.start("one"), m.end("one")
            if any(f.start < end and f.end > start for f in out):
                continue
            noun = read_counted(s, end, allow_de=False, language=doc_language)
            if noun is not None:
                what, _, end = noun
            out.append(bounded_figure(doc_language, s, start, end, 1.0, 1.0, "count", counted=what))
            continue
        for i, f in enumerate(out):
            if f.start == m.end() and f.unit == "count" and f.counted is None:
                out[i] = Figure(f.start, f.end, f.value, f.value_low, f.value_high, f.bound, f.unit,
                                what, f.hardware, f.scale_language)
    out.sort(key=lambda f: f.start)
    return out
