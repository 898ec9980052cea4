"""Bound words written just before a figure: exact, approx, at_least, at_most.

Decisions (the words are each language's, ``languages/<code>/rules.yaml``, section ``bounds``;
the examples below are French and English):

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
* A few qualifiers follow the figure (``bounds.at_least_after``, ``at_most_after``: "500 MW or
  more", "au maximum", and German verbs that end the clause: "dass die Investitionssumme zehn
  Milliarden Euro übersteigen wird"): :func:`read_bound_after`, read when none stands before.
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.units import DURATION_UNITS

BOUNDS = ("exact", "approx", "at_least", "at_most")

_S = r"[ \u00a0\u202f]+"
# Symbols are every language's; the words are each language's (languages/<code>/rules.yaml, bounds).
_SYMBOLS = {"at_least": "≥|>", "at_most": "≤|<", "approx": "~|≈|≃"}


@cache
def _qualifier(language: str) -> re.Pattern[str]:
    """The qualifier pattern of the languages a document in ``language`` is read in."""
    def kind(name: str) -> str:
        return language_rules.alternation(language_rules.words(language, "bounds", name)) + "|" + _SYMBOLS[name]

    adverb = language_rules.alternation(language_rules.words(language, "bounds", "adverbs"))
    article = language_rules.alternation(language_rules.words(language, "bounds", "articles"))
    return re.compile(
        rf"(?i:(?<![\w'’])(?:(?P<at_least>{kind('at_least')})|(?P<at_most>{kind('at_most')})|(?P<approx>{kind('approx')}))"
        rf"(?:{_S}{adverb})?(?:{_S}{article}(?![\w]))?[ \u00a0\u202f*«“\"]*)\Z"
    )


@cache
def _qualifier_after(language: str) -> re.Pattern[str] | None:
    """The qualifiers written right after a figure ("or more", "übersteigen wird")."""
    least = language_rules.words(language, "bounds", "at_least_after")
    most = language_rules.words(language, "bounds", "at_most_after")
    if not least and not most:
        return None
    none = r"(?!x)x"
    return re.compile(
        rf"[ \u00a0\u202f]*(?i:(?P<at_least>{language_rules.alternation(least) if least else none})"
        rf"|(?P<at_most>{language_rules.alternation(most) if most else none}))(?![\w])"
    )


def read_bound_after(text: str, end: int, language: str = "fr") -> str | None:
    """The bound written right after a figure ending at ``text[end]`` ("500 MW or more",
    "zehn Milliarden Euro übersteigen wird"), or None."""
    pattern = _qualifier_after(language)
    m = pattern.match(text, end) if pattern is not None else None
    if m is None:
        return None
    return "at_least" if m.group("at_least") is not None else "at_most"


@cache
def _period_words(language: str) -> frozenset[str]:
    return frozenset(w.lower() for w in language_rules.words(language, "bounds", "period_words"))


_STRUCTURE_VERB = re.compile(r"(?i:(?:articul|organis|structur|centr|construi|bâti|bati|tourn)\w*[ \u00a0]*)\Z")
# Symbols may be glued to the number ("~200", ">50 %"); words need a space or an apostrophe.
_WINDOW = 48


_DURATIONS = frozenset(DURATION_UNITS)


def read_bound(text: str, start: int, unit: str | None = None, language: str = "fr") -> tuple[str, int]:
    """The bound of a figure starting at ``text[start]`` and where its qualifier starts.

    Returns ``("exact", start)`` when no qualifier touches the figure.
    ``unit``: with a duration, a period word (``over``/``under``, ``über``) states a period
    (``over four years``), not a bound. ``language``: the document's (its resource's bound words).
    """
    m = _qualifier(language).search(text, max(0, start - _WINDOW), start)
    if m is None:
        return "exact", start
    if _STRUCTURE_VERB.search(text, max(0, m.start() - 24), m.start()) and m.group().lower().startswith(
        "autour"
    ):
        return "exact", start  # "s'articule autour de trois axes": structure, not an approximation
    if unit in _DURATIONS and m.group().split()[0].lower() in _period_words(language):
        return "exact", start
    if m.group("at_least") is not None:
        bound = "at_least"
    elif m.group("at_most") is not None:
        bound = "at_most"
    else:
        bound = "approx"
    return bound, m.start()
