"""Numbers written in pieces of decreasing scale, each with its scale word: one number.

"7 milliards 150 millions de FCFA", "19 millions 859 mille 981 lignes", "2 million 500 thousand
dollars", "3 Millionen 200 Tausend Nutzer": administrative and press writing (notably in francophone
Africa) spells a large number as its millions, then its thousands, then its units. Read piece by
piece, each piece became a figure of its own (7 billion in no currency, then 150 million CFA francs;
19 million "lignes" lent the document's currency): wrong figures. The pieces are one figure when they
follow one another with nothing but spaces between them, each states 1 to 999 of a scale smaller than
the piece before (a last piece with no scale word counts units, below a thousand), and no piece but
the last states a unit after its digits (a currency written before the first piece is the whole
number's: "$2 million 500 thousand"). The figure takes the last piece's unit, currency or counted
noun (what the whole number is of), else the first piece's currency, and the first piece's bound;
its value is the sum.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipelines.extraction.currencies import is_money, states_a_currency
from pipelines.extraction.model import Figure

__all__ = ["join_compound_numerals"]

#: a piece: 1 to 999, then (for all but a last piece) its scale word and nothing else
_PIECE = re.compile(r"(?P<digits>[1-9]\d{0,2})(?![\d.,])")
_SPACES = re.compile(r"[ \u00a0\u202f]+\Z")


def _scale(sentence: str, f: Figure, first: bool = False) -> float | None:
    """The scale of a piece "<1-999> <scale word>" (its value over its digits), else None; the
    first piece may open with a qualifier ("près de 19 millions 859 mille")."""
    m = (_PIECE.search if first else _PIECE.match)(sentence, f.start, f.end)
    if m is None or f.value_low != f.value_high:
        return None
    scale = f.value / int(m.group("digits"))
    return scale if scale >= 1000 and float(scale).is_integer() else None


def _bare(f: Figure) -> bool:
    """A piece of units: its own number alone, below a thousand (it may name what is counted)."""
    return f.value_low == f.value_high and float(f.value).is_integer() and 1 <= f.value < 1000


def join_compound_numerals(sentence: str, figures: list[Figure], language: str) -> list[Figure]:
    """``figures`` with each run of pieces of decreasing scale joined into one (module doc)."""
    if len(figures) < 2:
        return figures
    out: list[Figure] = []
    i = 0
    while i < len(figures):
        first = figures[i]
        scale = _scale(sentence, first, first=True)
        run = [first]
        j = i + 1
        while scale is not None and j < len(figures):
            nxt = figures[j]
            if not _SPACES.match(sentence, run[-1].end, nxt.start):
                break
            # every piece but the last states no unit after its digits (a currency it carries from
            # before in its sentence is none, and one written before the first piece is the whole
            # number's: "$2 million 500 thousand"): an amount or a count in words after a scale word
            # is a figure of its own ("5 millions d'euros 3 millions de dollars")
            prev = run[-1]
            digits = _PIECE.search(sentence, prev.start, prev.end)
            after_digits = sentence[digits.end() if digits else prev.start:prev.end]
            if prev.counted or (is_money(prev.unit) and states_a_currency(after_digits, language)) \
                    or not (prev.unit == "count" or is_money(prev.unit)):
                break
            nxt_scale = _scale(sentence, nxt)
            if nxt_scale is not None and nxt_scale < scale and nxt.value < scale:
                run.append(nxt)
                scale = nxt_scale
                j += 1
                continue
            if scale == 1000 and _bare(nxt) and nxt.unit == "count":
                run.append(nxt)
                j += 1
            break
        if len(run) > 1:
            last = run[-1]
            total = sum(f.value for f in run)
            # the last piece's unit, unless it only carries one: then the first piece's, whose
            # currency may be written before it ("$2 million 500 thousand")
            unit = last.unit if last.counted or last.unit == "count" or states_a_currency(
                sentence[last.start:last.end], language) else first.unit
            out.append(replace(last, start=first.start, value=total, value_low=total, value_high=total,
                               bound=first.bound, unit=unit))
        else:
            out.append(first)
        i = j if len(run) > 1 else i + 1
    return out
