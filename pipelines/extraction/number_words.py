"""Numbers written in words, read with text2num.

Decisions:

* Cardinal words from ``deux``/``two`` up (``sept``, ``quatre-vingt-dix``, ``vingt et un``,
  ``twelve``, ``twenty-one``, ``mille``...) are read by ``text_to_num.text2num``; a run of words
  that text2num refuses is shortened word by word from the right (``deux et trois`` -> 2).
* ``un``/``une``/``one`` alone are NOT numbers: in French they are mostly articles (``une usine``
  is not a figure to extract; ``sept usines`` is). They count only in fixed forms:
  ``une fois et demie`` (1.5), ``one and a half`` (1.5), and before a scale word
  (``un milliard``, ``le milliard de dollars``, ``a billion``) which the figure reader handles
  (``figures_in_words``).
* ``sept`` is French only (in English it abbreviates September).
* Whether a word number is a *figure* (it must quantify a noun, ``fois``, a scale word, a unit)
  is decided by the figure reader (``figures_in_words``), not here.
* Approximate collectives: ``une dizaine`` (10), ``douzaine`` (12), ``quinzaine`` (15),
  ``vingtaine`` ... ``soixantaine`` (60), ``centaine`` (100), ``un millier`` (1000) are read with
  bound ``approx``; ``a dozen`` is 12 (exact). Plurals (``des dizaines de millions``) are vague
  and not figures.
* Multiplier words: ``threefold``/``three-fold`` (3), ``twice`` (2), ``le double``/``du double``/
  ``the double`` (2), ``triple`` (3), ``quadruple`` (4) as nouns after an article.
* Multiplier verbs (:data:`MULTIPLIER_VERB_PATTERN`): a conjugated form of ``doubler``/``tripler``/
  ``quadrupler`` (``a doublé``, ``devrait doubler``, ``ont triplé``, ``doublera``...) or English
  ``doubled``/``tripled``/``quadrupled`` states a factor 2/3/4 (unit ``factor``): the change is a
  figure the reports give in words. The bare forms ``double``/``triple`` (adjective or present
  tense, ambiguous) are not verbs here; ``plus que``/``more than`` before the verb makes the
  bound ``at_least`` (``a plus que triplé``), decided by the figure reader (``figures_in_words``).
* Division (:data:`DIVISION_PATTERN`): ``divisé(e)(s) par N`` / ``divided by N`` (digits or
  number words) is a factor 1/N (``divisés par dix`` = 0.1): a factor is new over old, as
  ``multipliés par dix`` is 10 (the figure reader inverts the divisor).
* Fractions (:data:`FRACTION_PATTERN`) are percentages: ``la moitié`` (50), ``un tiers``
  (33.33...), ``un quart`` (25), ``deux tiers`` (66.66...), ``trois quarts`` (75; the article of
  ``les trois quarts`` is left out of the span); English
  ``half of`` (not after first/second), ``a/one third of``, ``a/one quarter of``, ``two thirds
  of``, ``three quarters of``. ``un tiers``/``un quart`` need ``de``/``des``/``du``/``d'``/``en``
  after them and not ``de confiance``, ``d'heure``, ``de siècle`` (a third party, a quarter of an
  hour, of a century are not shares).
"""

from __future__ import annotations

import re

from functools import cache
from typing import NamedTuple

from text_to_num import text2num

from pipelines.extraction import languages as language_rules
from pipelines.extraction.halves import half_glued_pattern, one_and_a_half_pattern, read_glued_half

def _by_first_letter(words: list[str]) -> str:
    """``w1|w2|...`` (longest first) grouped by first letter: ``d(?:ouze|eux|ix)|t(?:...)``.

    Same matches as the flat alternation (words with different first letters never match at
    the same place, and the order inside a group is kept), but ``re`` tries one group per
    position instead of every word: this alternation is tried at every word of every sentence.
    """
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words), key=len, reverse=True):
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in groups.items())


def cardinals(language: str, *, reading: bool = True) -> tuple[str, ...]:
    """The cardinal words of ``language`` (and of those it also reads): ``number_words.cardinals``."""
    return tuple(w.lower() for w in language_rules.words(language, "number_words", "cardinals", reading=reading))


@cache
def word_number_pattern(language: str) -> str:
    """A run of number words in the languages ``language`` reads ("quatre-vingt-dix", "vingt et un",
    "twenty-one", "two hundred", "zwölf")."""
    words = _by_first_letter(list(cardinals(language)))
    joiners = "|".join(re.escape(j) for j in language_rules.words(language, "number_words", "joiners"))
    ones = "|".join(re.escape(o) for o in language_rules.words(language, "number_words", "ones_in_runs"))
    join = rf"[ \u00a0]+(?:{joiners})[ \u00a0]+|" if joiners else ""
    # one and a half in words of its own, a half glued to a cardinal (halves.py)
    whole_half = one_and_a_half_pattern(language)
    first = rf"(?:{whole_half}(?![\w'’-])|(?:{words}){half_glued_pattern(language)})" if whole_half else (
        rf"(?:{words}){half_glued_pattern(language)}")
    # a duration adjective may be glued to the run ("vierjährige": units.durations_glued), its unit
    glued = glued_duration_words(language)
    end = rf"(?:(?![\w'’])|(?=-?(?:{'|'.join(glued)})))" if glued else r"(?![\w'’])"
    return (
        rf"(?i:(?<![\w'’-]){first}"
        rf"(?:(?:-|{join}[ \u00a0]+|-et-)(?:{words}{'|' + ones if ones else ''})"
        rf"(?![\w'’]))*{end}(?!-(?:{words}|et-)(?![\w'’])))"  # a hyphen may end the run: "five-year"
    )


def glued_duration_words(language: str) -> list[str]:
    """The duration adjectives written glued to their number (``units.durations_glued``)."""
    return [language_rules.fragment_pattern(f) for fs in language_rules.table(
        language, "units", "durations_glued").values() for f in fs]


def _value(key: str) -> float:
    """A table key: a number ("2", "0.5") or a fraction read as a percentage ("1/3" -> 33.33...)."""
    if "/" in key:
        a, b = key.split("/")
        return 100.0 * float(a) / float(b)
    return float(key)


_LOOKBEHIND = re.compile(r"^\(\?<[=!][^()]*(?:\([^()]*\)[^()]*)*\)")
#: alternative lookbehinds in one group: "(?:(?<=\bby\s)|(?<=\bby\snearly\s))"
_LOOKBEHIND_GROUP = re.compile(r"^\(\?:(?:\(\?<[=!][^()]*\)\|)*\(\?<[=!][^()]*\)\)")
_GROUP_START = re.compile(r"^\(\?:([^()]*)\)")


def _leading_words(fragment: str) -> list[tuple[str, bool]]:
    """The literal words a fragment can start with, each with whether it is a whole word (a space,
    an optional last letter or the end follows it) or a stem ("doubl" in ``doubl(?:é|er)``):
    where the figure reader looks for it. Lookbehinds (alone or as a group of alternatives) are
    skipped; a leading ``(?:a|b)`` gives both alternatives as whole words. A fragment starting
    otherwise is refused."""
    rest = fragment
    while (m := _LOOKBEHIND.match(rest) or _LOOKBEHIND_GROUP.match(rest)) is not None:
        rest = rest[m.end():]
    m = _GROUP_START.match(rest)
    if m is not None:
        heads = [(h, True) for h in m.group(1).split("|")]
    else:
        w = re.match(r"[^\W\d_]+", rest)
        after = rest[w.end():w.end() + 1] if w else ""
        heads = [(rest, after in ("", " ", "?", "-"))]
    out: list[tuple[str, bool]] = []
    for head, whole in heads:
        w = re.match(r"[^\W\d_]+", head)
        if w is None:
            raise language_rules.LanguageResourceError(language_rules.HERE, "number_words",
                                                        f"{fragment!r} must start with a word")
        word = w.group().lower()
        out.append((word, whole))
        if whole and head[w.end():w.end() + 1] == "?":
            out.append((word[:-1], True))  # "une?": "un" and "une"
    return out


class _Valued(NamedTuple):
    """An alternation of valued word fragments: group ``<prefix><i>`` matched -> ``values[i]``."""

    pattern: str
    values: tuple[float, ...]
    groups: tuple[str, ...]
    first_words: frozenset[str]   # whole words a match can start with
    first_stems: frozenset[str]   # stems a match can start with ("doubl")

    def value(self, match: re.Match[str]) -> float:
        for name, value in zip(self.groups, self.values, strict=True):
            if match.group(name) is not None:
                return value
        raise ValueError("no valued group matched")  # pragma: no cover - the pattern has no other branch


def _valued(language: str, key: str, prefix: str) -> _Valued:
    pairs = sorted(
        ((language_rules.fragment_pattern(f), _value(k), f)
         for k, fragments in language_rules.table(language, "number_words", key).items() for f in fragments),
        key=lambda p: -len(p[0]),
    )
    groups = tuple(f"{prefix}{i}" for i in range(len(pairs)))
    pattern = "|".join(f"(?P<{g}>{p})" for g, (p, _, _) in zip(groups, pairs, strict=True)) or r"(?!x)x"
    heads = [h for _, _, f in pairs for h in _leading_words(f)]
    return _Valued(pattern, tuple(v for _, v, _ in pairs), groups,
                   frozenset(w for w, whole in heads if whole), frozenset(w for w, whole in heads if not whole))


class WordFigures(NamedTuple):
    """The figures written in words of one language (with those it also reads): their patterns,
    each to be used as one alternative of the figure reader's atom, and the words they start with."""

    fraction: str
    multiplier_verb: str
    division: str
    multiplier: str
    collective: str
    fractions: _Valued
    verbs: _Valued
    multipliers: _Valued
    collectives: _Valued
    exact_collectives: _Valued
    first_words: frozenset[str]
    first_stems: frozenset[str]


_B = r"(?<![\w'’-])"

_E = r"(?![\w'’-])"


@cache
def word_figures(language: str) -> WordFigures:
    """Fractions, multiplier verbs and words, divisions and collectives of a document in
    ``language`` (``number_words`` of its resources)."""
    fractions = _valued(language, "fractions", "fr")
    verbs = _valued(language, "multiplier_verbs", "mv")
    multipliers = _valued(language, "multiplier_words", "ml")
    collectives = _valued(language, "collectives", "co")
    exact = _valued(language, "collectives_exact", "cx")
    words = cardinals(language)
    numbers = _by_first_letter(list(words)) if words else ""
    glued = language_rules.words(language, "units", "factor_glued")
    fold = (rf"|{_B}(?P<fold>(?:{numbers})-?(?:{'|'.join(glued)})){_E}" if glued and numbers else "")
    division = language_rules.words(language, "number_words", "division")
    multiplication = language_rules.words(language, "number_words", "multiplication")
    # "divisé par deux", "multiplié par 1,6", "um den Faktor 3": a factor, the number after the words
    operations = "|".join(
        f"(?P<{group}>{language_rules.alternation(words)})"
        for group, words in (("divided", division), ("multiplied", multiplication)) if words)
    # a bound word may stand between ("multipliés par plus de 2,3", "um mehr als den Faktor 3"):
    # the figure keeps it (figures_in_words reads it before the divisor)
    bounds = [w for key in ("at_least", "at_most", "approx") for w in language_rules.words(language, "bounds", key)]
    inner_bound = rf"(?:(?:{language_rules.alternation(bounds)})[ \u00a0]*)?" if bounds else ""
    division_pattern = (
        rf"(?i:{_B}(?:{operations})[ \u00a0]+{inner_bound}(?P<divisor>\d+(?:[.,]\d+)?|{numbers}){_E})"
        if operations and numbers else r"(?!x)x"
    )
    articles = language_rules.words(language, "number_words", "collective_articles")
    adjectives = language_rules.words(language, "number_words", "collective_adjectives")
    valued = (fractions, verbs, multipliers)
    division_heads = [h for f in (*division, *multiplication) for h in _leading_words(f)]
    first = set().union(*(v.first_words for v in valued)) | {w for w, whole in division_heads if whole} | {
        a.lower() for a in articles}
    stems = frozenset().union(*(v.first_stems for v in valued)) | {w for w, whole in division_heads if not whole}
    glued_half = language_rules.words(language, "number_words", "half_glued")
    first |= {f"{w}{h.lower()}" for w in words for h in glued_half}  # "zweieinhalb"
    first |= {h.split()[0].lower() for h in language_rules.words(language, "number_words", "one_and_a_half")}
    if fold:
        for g in glued:  # "threefold", "viermal"; a suffix with endings ("fach(?:e[nmrs]?)?") is a stem
            head = re.match(r"[^\W\d_]+", g).group().lower()
            if head == g.lower():
                first |= {f"{w}{head}" for w in words}
            else:
                stems |= {f"{w}{head}" for w in words}
    for g in glued_duration_words(language):  # "vierjährige": a cardinal glued to its duration
        head = re.match(r"[^\W\d_]+", g).group().lower()
        stems |= {f"{w}{head}" for w in words}
    # each alternative opens with the class of its first letters: re rejects a position there
    # without trying every fragment (these patterns are tried at many positions of every sentence)
    def first_letters(*values: _Valued, extra: frozenset[str] | set[str] = frozenset()) -> str:
        letters = {w[0] for v in values for w in (*v.first_words, *v.first_stems)} | set(extra)
        return ("(?=[" + "".join(sorted({c for ch in letters for c in (ch.lower(), ch.upper())})) + "])"
                if letters else r"(?!x)x")

    exact_nouns = "|".join(language_rules.fragment_pattern(f) for fs in language_rules.table(
        language, "number_words", "collectives_exact").values() for f in fs) or r"(?!x)x"
    # "une centaine", "a dozen"; a cardinal multiplies an exact collective ("two dozen", "zwei Dutzend")
    collective = (
        rf"{first_letters(extra={a[0].lower() for a in articles} | {w[0] for w in words})}"
        rf"(?i:(?<![\w])(?:{language_rules.alternation(articles)}|(?P<times>{numbers or '(?!x)x'})(?=[ \u00a0]+(?:{exact_nouns})))"
        rf"(?:[ \u00a0]+{language_rules.alternation(adjectives)})?[ \u00a0]+(?:{collectives.pattern}|{exact.pattern}){_E})"
        if articles else r"(?!x)x"
    )
    return WordFigures(
        # a fraction may follow an elided word: "près d'un tiers", "plus qu'un quart"
        fraction=rf"{first_letters(fractions)}(?i:(?<![\w-])(?:{fractions.pattern}){_E})",
        multiplier_verb=rf"{first_letters(verbs)}(?i:{_B}(?:{verbs.pattern}){_E})",
        division=division_pattern,
        # an elided article may stand before ("plus d'une fois et demie")
        multiplier=rf"{first_letters(multipliers, extra={w[0] for w in words} if fold else set())}"
                   rf"(?i:(?<![\w-])(?:{multipliers.pattern}){_E}{fold})",
        collective=collective,
        fractions=fractions, verbs=verbs, multipliers=multipliers, collectives=collectives,
        exact_collectives=exact, first_words=frozenset(first), first_stems=frozenset(stems),
    )


def more_than_before(language: str) -> re.Pattern[str]:
    """``plus que``/``more than`` written just before a multiplier verb: a lower bound."""
    return _more_than(language)


@cache
def _more_than(language: str) -> re.Pattern[str]:
    words = language_rules.words(language, "number_words", "more_than")
    return re.compile(rf"(?i:(?<![\w'’]){language_rules.alternation(words)}[ \u00a0]*)\Z")


@cache
def first_words(language: str) -> frozenset[str]:
    """The whole words that can open a word atom in a document in ``language``: its cardinals
    (see :func:`word_number_pattern`) and the first words of its fractions, multipliers,
    divisions and collectives (``la``, ``une``, ``twice``...)."""
    return frozenset(cardinals(language)) | word_figures(language).first_words


def first_prefixes(language: str) -> frozenset[str]:
    """The stems a word atom can start with (``doubl``, ``verdreifach``): the figure reader tries
    word atoms only where one of these or of :func:`first_words` starts."""
    return word_figures(language).first_stems


_TOKEN = re.compile(r"[^\s\-]+")


def read_number_words(text: str, language: str) -> tuple[float, int] | None:
    """Read a run of number words; returns (value, length of ``text`` actually read) or None.

    ``language`` is the document language; a word that only exists in the other language is
    read in that language (``twelve`` in a French document).
    """
    half = read_glued_half(text, language)
    if half is not None:  # "zweieinhalb", "anderthalb"
        rest, add = half
        whole = _text2num(rest, language) if rest else 0.0
        return (whole + add, len(text)) if whole is not None else None
    tokens = list(_TOKEN.finditer(text))
    while tokens:
        last = tokens[-1]
        if last.group().lower() not in _run_words(language, "joiners") or len(tokens) == 1:
            chunk = text[: last.end()]
            value = _text2num(chunk, language)
            if value is not None:
                return value, last.end()
        tokens.pop()
    return None


def read_whole_number_words(text: str, language: str) -> float | None:
    """The value of ``text`` when all of it is one run of number words ("deux", "twenty-one"), else None."""
    read = read_number_words(text, language)
    return read[0] if read is not None and read[1] == len(text) else None


def _text2num(chunk: str, language: str) -> float | None:
    words = [w.lower() for w in re.split(r"[\s\-]+", chunk) if w]
    if not words or words[0] in _run_words(language, "ones_in_runs") | _run_words(language, "joiners"):
        return None
    for lang in language_rules.reading_languages(language):
        if not all(w in _known_words(lang) for w in words):
            continue
        try:
            return float(text2num(chunk.lower(), lang))
        except (ValueError, TypeError, AssertionError, IndexError, KeyError):
            continue
    return None


@cache
def _known_words(language: str) -> frozenset[str]:
    """The words text2num may read in ``language`` alone: cardinals, joiners, ones closing a run."""
    return frozenset(cardinals(language, reading=False)) | _run_words(language, "joiners", False) \
        | _run_words(language, "ones_in_runs", False)


@cache
def _run_words(language: str, key: str, reading: bool = True) -> frozenset[str]:
    return frozenset(w.lower() for w in language_rules.words(language, "number_words", key, reading=reading))


def read_collective(match: re.Match[str], language: str) -> tuple[float, bool]:
    """Value of a collective (``une soixantaine`` 60, ``a dozen`` 12, ``two dozen`` 24) and whether
    it is exact."""
    words = word_figures(language)
    if any(match.group(g) is not None for g in words.exact_collectives.groups):
        times = 1.0
        if match.group("times"):
            read = read_number_words(match.group("times"), language)
            times = read[0] if read is not None else 1.0
        return words.exact_collectives.value(match) * times, True
    return words.collectives.value(match), False


def read_multiplier_word(match: re.Match[str], language: str) -> float:
    """Value of a multiplier written in words (``twice``, ``threefold``, ``le double``)."""
    if match.group("fold"):
        fold = match.group("fold").lower()
        for glued in sorted(language_rules.words(language, "units", "factor_glued"), key=len, reverse=True):
            m = re.fullmatch(rf"(.+?)-?(?:{glued})", fold)
            if m is not None:
                read = read_number_words(m.group(1), language)
                if read is not None:
                    return read[0]
        raise ValueError(fold)  # pragma: no cover - the pattern only admits cardinals
    return word_figures(language).multipliers.value(match)


def read_multiplier_verb(match: re.Match[str], language: str) -> float:
    """Factor of a multiplier verb or noun (``doublé`` 2, ``triplement`` 3, ``verdreifacht`` 3)."""
    return word_figures(language).verbs.value(match)


@cache
def _multiplication_before(language: str) -> re.Pattern[str] | None:
    """``number_words.multiplication`` ("multiplié par", "by a factor of", "um den Faktor"), then
    an optional bound word, at the end of the text before a number."""
    words = language_rules.words(language, "number_words", "multiplication")
    if not words:
        return None
    bounds = [w for key in ("at_least", "at_most", "approx") for w in language_rules.words(language, "bounds", key)]
    inner = rf"(?:(?:{language_rules.alternation(bounds)})[ \u00a0]*)?" if bounds else ""
    return re.compile(rf"(?i:{_B}(?:{language_rules.alternation(words)})[ \u00a0]+{inner})\Z")


def multiplied_by_before(sentence: str, start: int, language: str) -> bool:
    """The number at ``start`` is what something is multiplied by ("multipliée par un million",
    "by a factor of one thousand", "um den Faktor 1.000"): a factor, whatever its scale word or
    digit groups (which the division pattern's plain numbers leave to the amount and count readers)."""
    pattern = _multiplication_before(language)
    return pattern is not None and pattern.search(sentence, max(0, start - 60), start) is not None


def read_divisor(match: re.Match[str], language: str) -> float | None:
    """The N of ``divisé par N``/``divided by N`` (None when unreadable or below 2) or of
    ``multiplié par N``/``multiplied by N`` (None when unreadable or not above 1)."""
    raw = match.group("divisor")
    if raw[0].isdigit():
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            return None
    else:
        read = read_number_words(raw, language)
        value = read[0] if read is not None else None
    if value is None:
        return None
    if match.group("multiplied") is not None:
        return value if value > 1 else None
    return value if value >= 2 else None


def read_fraction(match: re.Match[str], language: str) -> float:
    """Percentage of a fraction written in words (``la moitié`` 50, ``a third of`` 33.3...)."""
    return word_figures(language).fractions.value(match)
