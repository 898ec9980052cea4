"""What follows a number: its currency, unit or counted noun, and where the figure ends.

Decisions:

* Money: base units (``200 milliards d'euros`` = 2e11 EUR). An amount with a scale word and no
  currency takes the currency stated earlier in the same sentence (``50 milliards d'euros ...
  dont 20 milliards``, carried by :func:`figures.find_figures`); with none stated it is ``XXX``
  (ISO 4217 "no currency"), unless a counted noun follows (``450 millions de consommateurs`` is
  a count). A noun no table knows counts too ("five million laptops", "cinq millions
  d'ordinateurs", "fünf Millionen Notebooks"), where the language names it after a connector when
  it has connectors (French ``de``: "400 millions restants" stays money) and unless it is a money
  noun (``counted.money_nouns``: "5 billion investment", "2 Milliarden Fördermittel").
* Operations per second: an amount of a scale word whose clause goes on to operations per
  second (``30 millions de milliards d'opérations par seconde``) is in FLOPS
  (:func:`unstated_unit`), not a count of operations nor money.
* A power, compute or measure unit put in quotes for the lay reader is the number's unit
  (``21,48 "petaflops"``, ``5 « exaflops »``); the closing quote belongs to the figure.
"""

from __future__ import annotations

import re

from pipelines.extraction import languages as language_rules
from pipelines.extraction.counted import connector_end, read_counted, slugify, unknown_noun
from pipelines.extraction.currencies import UNSTATED, currency_after
from pipelines.extraction.halves import half_after
from pipelines.extraction.units import MEASURE, PHYSICAL, duration_of, operations_per_second_at, measure_unit, physical_unit, unit_words

__all__ = ["Tail", "read_tail", "unstated_unit"]



class Tail:
    """What follows a number: its unit, counted noun, and where it ends."""

    __slots__ = ("unit", "multiplier", "add", "counted", "hardware", "end", "from_table")

    def __init__(self, end: int) -> None:
        self.unit: str | None = None
        self.multiplier = 1.0
        self.add = 0.0
        self.counted: str | None = None
        self.hardware: str | None = None
        self.end = end
        self.from_table = False


#: an acronym in the plural after a number ("MAUs", "EDIHs") names things counted
_ACRONYM_PLURAL = re.compile(r"[ \u00a0\u202f]+[A-Z]{2,}s(?![\w])")
_ACRONYM_AFTER_CONNECTOR = re.compile(r"[ \u00a0\u202f]*[A-Z]{2,5}s?(?![\w'’-])")


def read_tail(s: str, pos: int, *, scaled: bool, currency: str | None, language: str, doc_language: str) -> Tail:
    """``language``: the phrase's; ``doc_language``: the document's (whose resources are read)."""
    tail = Tail(pos)
    cur = currency_after(s, pos, after_scale=scaled, language=doc_language)
    if cur is not None:
        tail.unit, tail.end = cur
        return tail
    if currency is not None:
        tail.unit = currency
        return tail
    words = unit_words(doc_language)
    m = words.percentage_point.match(s, pos)
    if m is not None:
        tail.unit, tail.end = "percentage_point", m.end()
        if m.groupdict().get("basis"):
            tail.multiplier = 0.01
        return tail
    m = words.percent.match(s, pos)
    if m is not None:
        tail.unit, tail.end = "percent", m.end()
        return tail
    m = words.factor.match(s, pos)
    if m is None and scaled and language_rules.words(language, "counted", "connectors") and (
            connected := connector_end(s, pos, language)) is not None:
        m = words.factor.match(s, connected)  # "un million de fois moins": a factor, no amount
    if m is not None:
        tail.unit, tail.end = "factor", m.end()
        if m.group("half"):
            tail.add = 0.5
        return tail
    if _read_unit(tail, s, pos, ((PHYSICAL, physical_unit), (MEASURE, measure_unit))):
        return tail
    if (quoted := _OPENING_QUOTE.match(s, pos)) is not None and _read_unit(
            tail, s, quoted.end(), ((PHYSICAL, physical_unit), (MEASURE, measure_unit))):
        # a unit put in quotes for the lay reader ('21,48 "petaflops"', « 5 « exaflops » »)
        closing = _CLOSING_QUOTE.match(s, tail.end)
        tail.end = closing.end() if closing is not None else tail.end
        return tail
    m = words.duration.match(s, pos)
    if m is not None:
        (tail.unit, tail.multiplier), tail.end = duration_of(m.group("unit"), doc_language), m.end()
        if (h := half_after(s, tail.end, doc_language)) is not None:
            tail.add, tail.end = 0.5, h  # "deux ans et demi"
        return tail
    counted = read_counted(s, pos, allow_de=scaled, language=doc_language)
    if counted is not None and scaled and _is_money_noun(s, pos, counted[2], doc_language):
        counted = None  # "335 milliards d'investissements": a money noun after a scale word is money
    if counted is not None:
        tail.unit = "count"
        tail.counted, tail.hardware, tail.end = counted
        tail.from_table = True
        return tail
    if scaled and _ACRONYM_PLURAL.match(s, pos):
        tail.unit = "count"  # "650M MAUs": things an acronym names, counted in millions, not money
        return tail
    at = pos
    if scaled:
        # after a scale word, a language with connectors names the noun after one ("cinq millions
        # d'ordinateurs"); a word right after it is an adjective or a participle ("400 millions
        # restants"): money with the carried currency, or XXX (decided by the caller)
        if language_rules.words(language, "counted", "connectors"):
            end = connector_end(s, pos, language)
            if end is None:
                return tail
            # unknown_noun reads from the space before the noun, or right after an apostrophe
            at = end if s[end - 1] in "'’" else end - 1
            if _read_unit(tail, s, at, ((PHYSICAL, physical_unit), (MEASURE, measure_unit))):
                return tail  # "4 millions de pieds carrés", "2 millions de mégawatts": a unit after the connector
            if (acronym := _ACRONYM_AFTER_CONNECTOR.match(s, end)) is not None:
                # "un million de PC", "5 millions de PC": things an acronym names (a currency code
                # was read before), counted, not money
                tail.unit, tail.end = "count", acronym.end()
                tail.counted = slugify(acronym.group().strip().rstrip("s"), language)
                return tail
    noun = unknown_noun(s, at, language)
    if noun is not None and scaled and _is_money_noun(s, at, noun[1], language):
        return tail  # "5 billion investment", "2 Milliarden Fördermittel": money
    if noun is not None:
        tail.unit = "count"
        tail.counted, tail.end = noun
    return tail


_OPENING_QUOTE = re.compile(r"[ \u00a0\u202f]*[\"“«„‘'][ \u00a0\u202f]*")
_CLOSING_QUOTE = re.compile(r"[ \u00a0\u202f]*[\"”»“’']")


def _read_unit(tail: Tail, s: str, pos: int, readers: tuple) -> bool:
    """The first of ``readers`` (pattern, unit reader) whose unit is at ``pos`` sets ``tail``'s unit,
    multiplier and end; False when none is."""
    for pattern, unit_of in readers:
        m = pattern.match(s, pos)
        if m is None:
            continue
        try:
            tail.unit, tail.multiplier = unit_of(m.group("unit"))
        except KeyError:
            continue
        tail.end = m.end()
        return True
    return False


def _is_money_noun(s: str, start: int, end: int, language: str) -> bool:
    pattern = language_rules.word_pattern(language, "counted", "money_nouns", r"(?<![\w])(?i:{words})(?![\w])")
    return pattern is not None and pattern.search(s, start, end) is not None


def unstated_unit(s: str, pos: int, carried: str | None) -> str:
    """The unit of an amount of a scale word with no unit of its own: FLOPS when its clause goes
    on to operations per second (units.operations_per_second_at), else the carried currency or none."""
    if operations_per_second_at(s, pos):
        return "FLOPS"
    return carried or UNSTATED
