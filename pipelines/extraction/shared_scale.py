"""Amounts and counts of a list that write their scale, currency or counted noun once.

Writers list several amounts and write the scale and the currency once, with the first or the
last item: "Amazon plant 200 Milliarden, Microsoft 180, Meta 125 und Alphabet 105 Milliarden
Dollar", "Quatre milliards d'euros par Microsoft, 1,2 par Amazon". Read alone, "180" and "1,2"
are counts of nothing (or, after a name, a model's number: "Meta 125" is not read at all). Counts
are listed the same way, the noun written once: "Finland has 34 centres, Latvia 22 and
Lithuania 17" counts centres three times.

Next to an amount with a scale word and a currency, or a count that names what it counts (the
*anchor*), the *list* is the longest run of text made only of names (capitalised words), commas,
the language's list words (``numbers.list_words``: "und", "par", "and"...) and plain numbers, up
to the next or previous figure. Each plain number of a list that holds a name is an item (a
number below 1,000 that is not a year): it takes the anchor's scale and currency, or its counted
noun (a count's item only after a place's name: lists of counts go by country or city). The
anchor after the items is preferred (the scale is usually written with the last item).
A number followed by anything but a comma, the clause's end, or a list word and a name
("3 of which", "180 employees") is no item and is left as it was read.

A series may also repeat a scale letter and drop the currency: "34,9 M USD en 2020, 167,7 M en
2022, puis chute à 17,9 M en 2023". A one-letter scale alone after a number is no scale (a
name's letter, "5 G"); after an amount of its sentence wrote the same letter with a currency, it
is that amount's scale and currency (``_repeated_letter_scales``). A plain number joined by a
coordinator to a percentage is one too ("respectivement à 50 et 80 %": ``_coordinated_percentages``).
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.counted import partitive_between
from pipelines.extraction.currencies import UNSTATED, is_money
from pipelines.extraction.model import Figure
from pipelines.extraction.not_figures import looks_like_year
from pipelines.extraction.places import find_places
from pipelines.extraction.numbers import (
    SCALE_ABBREVIATION_SPACED_PATTERN,
    SCALE_WORD_PATTERN,
    parse_digits,
    phrase_language,
    scale_value,
)

__all__ = ["read_shared_scales"]

_MAX_ITEM = 1000.0
_NAME = r"[A-ZÀ-ÖØ-Þ][\w&'’-]*"
_NUMBER = r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w.,]\w)"
_SCALE = re.compile(rf"{SCALE_WORD_PATTERN}|{SCALE_ABBREVIATION_SPACED_PATTERN}")


@cache
def _list_words(language: str) -> tuple[str, str]:
    """(the list words, a name with the elided article a list word may glue to it: "l'Italie")."""
    words = language_rules.words(language, "numbers", "list_words")
    elided = [w for w in words if w.endswith(("'", "’"))]
    whole = language_rules.alternation([w for w in words if w not in elided])
    prefix = rf"(?:(?i:{language_rules.alternation(elided)}))?" if elided else ""
    return whole, rf"{prefix}{_NAME}"


@cache
def _coordinated(language: str) -> re.Pattern[str] | None:
    """The words between two amounts joined by a coordinator ("600 et 304 millions d'euros")."""
    words = language_rules.words(language, "numbers", "coordinators")
    return re.compile(rf"[ \u00a0\u202f]+(?i:{language_rules.alternation(words)})[ \u00a0\u202f]+") if words else None


@cache
def _list_run(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a list run starting at a position, one word of a list run)."""
    words, name = _list_words(language)
    token = rf"(?:[ \u00a0\u202f,]|(?i:{words})(?![\w])|{name}|{_NUMBER})"
    return re.compile(rf"{token}*"), re.compile(rf",?(?:(?i:{words})|{name}|\d+(?:[.,]\d+)?),?\Z")


def _run_before(sentence: str, lo: int, hi: int, word: re.Pattern[str]) -> int:
    """Where the list run that ends at ``hi`` starts (``hi`` when there is none): its words are
    walked back from ``hi`` (a regex anchored at the end would be tried at every start)."""
    start = hi
    for m in reversed(list(re.finditer(r"[^ \u00a0\u202f]+", sentence[lo:hi]))):
        if word.match(m.group()) is None:
            break
        start = lo + m.start()
    return start


@cache
def _follower(language: str) -> re.Pattern[str]:
    """What may follow an item: a clause mark, the sentence's end, list words and a name; not a name
    alone ("€220 million 161 EDIHs" counts EDIHs: 161 is no item of a list of amounts)."""
    words, name = _list_words(language)
    return re.compile(rf"[ \u00a0\u202f]*(?:[,;.()]|\Z|(?:(?i:{words})[ \u00a0\u202f]+)+{name})")


def _scale_of(sentence: str, f: Figure) -> float | None:
    """The scale an anchor gives its items: the one an amount's words state ("105 Milliarden
    Dollar" -> 1e9), 1 for a count that names what it counts; None for any other figure."""
    if f.unit == "count" and f.counted is not None and f.scale_language is None:
        return 1.0
    if f.scale_language is None or not is_money(f.unit):
        return None
    m = _SCALE.search(sentence, f.start, f.end)
    read = scale_value(m.group(), f.scale_language) if m else None
    return read[0] if read else None


@cache
def _article_and_name(language: str) -> re.Pattern[str] | None:
    """An article and a capitalised name ending right before a number: "le Next 40", "the FTSE
    100", "der DAX 40" (``places.articles``)."""
    articles = language_rules.words(language, "places", "articles")
    if not articles:
        return None
    return re.compile(rf"(?<![\w'’])(?i:{language_rules.alternation(articles)})(?:[ \u00a0\u202f]+|(?<=['’]))"
                      rf"(?:{_NAME}[ \u00a0\u202f]+){{1,3}}\Z")


def _a_names_number(sentence: str, start: int, language: str) -> bool:
    """The number at ``start`` follows an article and a name that is no place: the name's own number
    ("pour le Next 40 (>23 millions pour le FT 120)": a ranking's name, no item of the amounts' list;
    "la France 10" stays an item)."""
    pattern = _article_and_name(language)
    found = pattern.search(sentence, max(0, start - 60), start) if pattern is not None else None
    if found is None:
        return False
    return not any(found.start() <= p_start < start for p_start, _, _ in find_places(sentence, language))


def _items(sentence: str, a: int, b: int, language: str, after_place: bool = False) -> list[tuple[int, int, float]]:
    """The numbers of the list text ``sentence[a:b]`` that are items: (start, end, value).
    ``after_place``: only the numbers written right after a place's name (a count's items:
    "Latvia 22"; a product's number, "Windows 10", is no item)."""
    text = sentence[a:b]
    if not re.search(_NAME, text):
        return []
    items = []
    follows = _follower(language)
    place_ends = {end for _, end, _ in find_places(sentence, language)} if after_place else set()
    for m in re.finditer(_NUMBER, text):
        if not follows.match(sentence, a + m.end()):
            continue  # the list does not go on after it: "3 of which", "180 employees"
        if after_place and len(sentence[:a + m.start()].rstrip(" \u00a0\u202f:")) not in place_ends:
            continue
        if _a_names_number(sentence, a + m.start(), language):
            continue
        value = parse_digits(m.group(), phrase_language(sentence, a + m.start(), a + m.end(), language))
        if value is not None and 0 < value < _MAX_ITEM and not looks_like_year(m.group()):
            items.append((a + m.start(), a + m.end(), value))
    return items


_COMMA_ONLY = re.compile(r"[ \u00a0\u202f]*,[ \u00a0\u202f]*")


_DIGITS = re.compile(r"\d+")


def _loose_number(sentence: str, figures: list[Figure]) -> bool:
    """A bare count among the figures, or digits outside every figure (a name's number)."""
    if any(f.is_bare for f in figures):
        return True
    return any(not any(f.start <= m.start() < f.end for f in figures) for m in _DIGITS.finditer(sentence))


#: a scale abbreviation written spaced between a number and a currency ("34,9 M USD")
_SPACED_LETTER = re.compile(r"\d[ \u00a0\u202f](?P<letter>[A-Za-z]{1,3})[ \u00a0\u202f]")


def _repeated_letter_scales(sentence: str, figures: list[Figure]) -> list[Figure]:
    """Plain numbers followed by the scale letter an earlier amount of the sentence wrote with its
    currency, read as that amount's scale and currency (module doc)."""
    out = list(figures)
    for anchor in figures:
        if not is_money(anchor.unit) or anchor.unit == UNSTATED or anchor.scale_language is None:
            continue
        m = _SPACED_LETTER.search(sentence, anchor.start, anchor.end)
        read = scale_value(m.group("letter"), anchor.scale_language) if m else None
        if read is None:
            continue
        letter = re.compile(rf"[ \u00a0\u202f]?{re.escape(m.group('letter'))}(?![^\W_]|[€$£])")
        for k, f in enumerate(out):
            if f.start > anchor.end and f.is_bare and f.value < _MAX_ITEM and \
                    not looks_like_year(sentence[f.start:f.end]) and (tail := letter.match(sentence, f.end)):
                v = f.value * read[0]
                out[k] = Figure(f.start, tail.end(), v, f.value_low * read[0], f.value_high * read[0], f.bound,
                                anchor.unit, None, None, anchor.scale_language)
    return out


def _coordinated_percentages(sentence: str, figures: list[Figure], language: str) -> list[Figure]:
    """A plain number joined by a coordinator to a percentage after it is a percentage too ("porter
    ce taux respectivement à 50 et 80 %", "rose 12 and 15 percent"), as two amounts share their
    scale and currency ("600 et 304 millions d'euros")."""
    coordinated = _coordinated(language)
    if coordinated is None:
        return figures
    out = list(figures)
    for k in range(len(out) - 1):
        first, then = out[k], out[k + 1]
        if then.unit == "percent" and first.is_bare and 0 <= first.value <= 100 and \
                coordinated.fullmatch(sentence, first.end, then.start) and \
                not looks_like_year(sentence[first.start:first.end]):
            out[k] = Figure(first.start, first.end, first.value, first.value_low, first.value_high, first.bound,
                            "percent")
    return out


def read_shared_scales(sentence: str, figures: list[Figure], language: str) -> list[Figure]:
    """``figures`` with the items of a list read with the list's scale and currency, or counted noun."""
    if not figures or not _loose_number(sentence, figures):
        return figures  # no number that could be an item: nothing to read
    figures = _repeated_letter_scales(sentence, figures)
    figures = _coordinated_percentages(sentence, figures, language)
    anchors = [(i, s) for i, f in enumerate(figures) if (s := _scale_of(sentence, f)) is not None]
    if not anchors:
        return figures
    forward, word = _list_run(language)
    found: dict[int, Figure] = {}  # item start -> its amount
    # a list runs up to the figures around it, through the plain numbers read as bare counts
    walls = [f for f in figures if not f.is_bare]
    coordinated = _coordinated(language)
    for i, scale in reversed(anchors):  # the anchor after the items first: it wins
        anchor = figures[i]
        if i > 0 and coordinated is not None and anchor.unit != "count" and (first := figures[i - 1]).is_bare and \
                coordinated.fullmatch(sentence, first.end, anchor.start) and \
                first.value < max(_MAX_ITEM, 10 * anchor.value / scale) and \
                not looks_like_year(sentence[first.start:first.end]):
            # "600 et 304 millions d'euros": two amounts joined by a coordinator share the scale; a
            # first number of 1000 or more where the second is of its order ("3016 und 3968 Millionen")
            found[first.start] = Figure(first.start, first.end, first.value * scale, first.value * scale,
                                        first.value * scale, first.bound, anchor.unit, None, None, anchor.scale_language)
            # and the numbers before it, one comma apart: "47.1, 42 et 36,9 millions de francs"
            k = i - 1
            while k > 0 and (earlier := figures[k - 1]).is_bare and _COMMA_ONLY.fullmatch(sentence, earlier.end, figures[k].start) \
                    and earlier.value < max(_MAX_ITEM, 10 * anchor.value / scale) \
                    and not looks_like_year(sentence[earlier.start:earlier.end]):
                found[earlier.start] = Figure(earlier.start, earlier.end, earlier.value * scale, earlier.value * scale,
                                              earlier.value * scale, earlier.bound, anchor.unit, None, None,
                                              anchor.scale_language)
                k -= 1
        if i > 0 and anchor.unit != "count" and (part := figures[i - 1]).is_bare and part.value * scale < anchor.value \
                and partitive_between(sentence[part.end:anchor.start], language) \
                and not looks_like_year(sentence[part.start:part.end]):
            # "5,4 des 19 milliards de dollars", "3.2 of the 12 billion euros": a part of the amount
            # after it, written in its scale and currency
            found[part.start] = Figure(part.start, part.end, part.value * scale, part.value * scale,
                                       part.value * scale, part.bound, anchor.unit, None, None, anchor.scale_language)
        lo = max((f.end for f in walls if f.end <= anchor.start), default=0)
        run_start = _run_before(sentence, lo, anchor.start, word)
        spans = [(run_start, anchor.start)] if run_start < anchor.start else []
        previous = max((f for f in walls if f.end <= anchor.start), key=lambda f: f.end, default=None)
        if (previous is not None and previous.unit == UNSTATED and sentence[previous.end:run_start].strip(" ,") == ""
                and re.search(_NAME, sentence[previous.end:anchor.start])):
            # "200 Milliarden, Microsoft 180 ... 105 Milliarden Dollar": the first item's currency
            found[previous.start] = Figure(previous.start, previous.end, previous.value, previous.value_low,
                                           previous.value_high, previous.bound, anchor.unit, None, None,
                                           previous.scale_language)
        hi = min((f.start for f in walls if f.start >= anchor.end), default=len(sentence))
        run = forward.match(sentence, anchor.end, hi)
        if run and run.end() > anchor.end:
            spans.append((anchor.end, run.end()))
        for a, b in spans:
            for start, stop, value in _items(sentence, a, b, language, after_place=anchor.unit == "count"):
                found.setdefault(start, Figure(start, stop, value * scale, value * scale, value * scale, "exact",
                                               anchor.unit, anchor.counted, None, anchor.scale_language))
    if not found:
        return figures
    kept = [f for f in figures if not any(f.start < g.end and g.start < f.end for g in found.values())]
    return sorted(kept + list(found.values()), key=lambda f: f.start)
