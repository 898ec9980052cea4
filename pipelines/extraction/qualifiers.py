"""Bound words written just before a figure: exact, approx, at_least, at_most.

Decisions:

* ``at_least``: plus de/d', au moins, pas moins de, dépasse/dépasser/dépassant..., supérieur à,
  excède, more than, over, at least, above, in excess of, exceeding, upwards of, no less than,
  ``>``/``≥``; also ``plus du`` (``plus du double``).
* ``at_most``: moins de/d', jusqu'à, au plus, au maximum, inférieur à, pas plus de, up to,
  less than, fewer than, under, below, at most, no more than, ``<``/``≤``.
  ``un peu moins de`` is at_most, ``un peu plus de`` at_least.
* ``approx``: environ, d'environ, près de/d', quelque (singular: ``quelque 200``; the plural
  ``quelques`` is a vague quantity, not a bound), autour de, de l'ordre de, approximativement,
  presque, quasiment, about, around, nearly, approximately, approx., roughly, some, almost,
  circa, ``~``/``≈``.
* The qualifier must touch the figure: only spaces, Markdown ``*``, French quotes, one adverb
  (``largement``, ``déjà``, ``bien``, ``well``...) and a singular article (``le``/``l'``/``the``:
  ``dépasse déjà le milliard de dollars``) may stand between. A plural article stops it
  (``dépassant largement les 135 milliards``: the 135 is a stated amount, not a bound).
* The qualifier is not part of the figure's span; :func:`read_bound` returns where it starts.
"""

from __future__ import annotations

import re

BOUNDS = ("exact", "approx", "at_least", "at_most")

_S = r"[ \u00a0\u202f]+"
_AT_LEAST = (
    rf"pas{_S}moins{_S}d(?:e|['’])|un{_S}peu{_S}plus{_S}d(?:e|['’])|plus{_S}d(?:e|u|['’])|"
    rf"au{_S}moins|dépass\w*|depass\w*|supérieure?s?{_S}(?:à|aux?)|excèd\w*|excéd\w*|"
    rf"more{_S}than|at{_S}least|in{_S}excess{_S}of|upwards{_S}of|no{_S}less{_S}than|"
    rf"not{_S}less{_S}than|exceed\w*|over|above|≥|>"
)
_AT_MOST = (
    rf"un{_S}peu{_S}moins{_S}d(?:e|['’])|pas{_S}plus{_S}d(?:e|['’])|moins{_S}d(?:e|['’])|"
    rf"jusqu['’](?:à|au)|au{_S}plus|au{_S}maximum|inférieure?s?{_S}(?:à|aux?)|up{_S}to|"
    rf"less{_S}than|fewer{_S}than|no{_S}more{_S}than|not{_S}more{_S}than|at{_S}most|"
    rf"under|below|≤|<"
)
_APPROX = (
    rf"d['’]environ|environ|près{_S}d(?:e|['’])|pres{_S}d(?:e|['’])|quelque|autour{_S}d(?:e|['’])|"
    rf"de{_S}l['’]ordre{_S}d(?:e|['’])|approximativement|presque|quasiment|about|around|nearly|"
    rf"approximately|approx\.?|roughly|some|almost|circa|ca\.|~|≈|≃"
)
_ADVERB = r"largement|légèrement|nettement|bien|déjà|deja|désormais|aujourd['’]hui|already|well|just|slightly|far|now"
_ARTICLE = r"le|l['’]|the"

_QUALIFIER = re.compile(
    rf"(?i:(?<![\w'’])(?:(?P<at_least>{_AT_LEAST})|(?P<at_most>{_AT_MOST})|(?P<approx>{_APPROX}))"
    rf"(?:{_S}(?:{_ADVERB}))?(?:{_S}(?:{_ARTICLE})(?![\w]))?[ \u00a0\u202f*«“\"]*)\Z"
)
_STRUCTURE_VERB = re.compile(r"(?i:(?:articul|organis|structur|centr|construi|bâti|bati|tourn)\w*[ \u00a0]*)\Z")
# Symbols may be glued to the number ("~200", ">50 %"); words need a space or an apostrophe.
_WINDOW = 48


_DURATIONS = frozenset(("years", "months", "weeks", "days", "hours"))
_PERIOD_WORDS = frozenset(("over", "under"))


def read_bound(text: str, start: int, unit: str | None = None) -> tuple[str, int]:
    """The bound of a figure starting at ``text[start]`` and where its qualifier starts.

    Returns ``("exact", start)`` when no qualifier touches the figure.
    ``unit``: with a duration, ``over``/``under`` state a period (``over four years``), not a bound.
    """
    m = _QUALIFIER.search(text, max(0, start - _WINDOW), start)
    if m is None:
        return "exact", start
    if _STRUCTURE_VERB.search(text, max(0, m.start() - 24), m.start()) and m.group().lower().startswith(
        "autour"
    ):
        return "exact", start  # "s'articule autour de trois axes": structure, not an approximation
    if unit in _DURATIONS and m.group().split()[0].lower() in _PERIOD_WORDS:
        return "exact", start
    if m.group("at_least") is not None:
        bound = "at_least"
    elif m.group("at_most") is not None:
        bound = "at_most"
    else:
        bound = "approx"
    return bound, m.start()
