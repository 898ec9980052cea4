"""Numbers written in words, read with text2num.

Decisions:

* Cardinal words from ``deux``/``two`` up (``sept``, ``quatre-vingt-dix``, ``vingt et un``,
  ``twelve``, ``twenty-one``, ``mille``...) are read by ``text_to_num.text2num``; a run of words
  that text2num refuses is shortened word by word from the right (``deux et trois`` -> 2).
* ``un``/``une``/``one`` alone are NOT numbers: in French they are mostly articles (``une usine``
  is not a figure to extract; ``sept usines`` is). They count only in fixed forms:
  ``une fois et demie`` (1.5), ``one and a half`` (1.5), and before a scale word
  (``un milliard``, ``le milliard de dollars``, ``a billion``) which the figure reader handles.
* ``sept`` is French only (in English it abbreviates September).
* Whether a word number is a *figure* (it must quantify a noun, ``fois``, a scale word, a unit)
  is decided by the figure reader, not here.
* Approximate collectives: ``une dizaine`` (10), ``douzaine`` (12), ``quinzaine`` (15),
  ``vingtaine`` ... ``soixantaine`` (60), ``centaine`` (100), ``un millier`` (1000) are read with
  bound ``approx``; ``a dozen`` is 12 (exact). Plurals (``des dizaines de millions``) are vague
  and not figures.
* Multiplier words: ``threefold``/``three-fold`` (3), ``twice`` (2), ``le double``/``du double``/
  ``the double`` (2), ``triple`` (3), ``quadruple`` (4) as nouns after an article. Verbs
  (``a doublé``, ``a plus que triplé``) are events, not stated figures: not read.
"""

from __future__ import annotations

import re

from text_to_num import text2num

FRENCH_WORDS = (
    "zéro deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
    "vingt vingts trente quarante cinquante soixante septante huitante nonante cent cents mille"
).split()
ENGLISH_WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand"
).split()
_JOINABLE = ("un", "une", "one", "et", "and")  # only inside a run ("vingt et un", "one hundred and")



def _by_first_letter(words: list[str]) -> str:
    """``w1|w2|...`` (longest first) grouped by first letter: ``d(?:ouze|eux|ix)|t(?:...)``.

    Same matches as the flat alternation (words with different first letters never match at
    the same place, and the order inside a group is kept), but ``re`` tries one group per
    position instead of every word: this alternation is tried at every word of every sentence.
    """
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words), key=len, reverse=True):
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in groups.items())


_WORD_ALTERNATIVES = _by_first_letter(FRENCH_WORDS + ENGLISH_WORDS)
#: A run of number words ("quatre-vingt-dix", "vingt et un", "twenty-one", "two hundred").
WORD_NUMBER_PATTERN = (
    rf"(?i:(?<![\w'’-])(?:{_WORD_ALTERNATIVES})"
    rf"(?:(?:-|[ \u00a0]+|[ \u00a0]+(?:et|and)[ \u00a0]+|-et-)(?:{_WORD_ALTERNATIVES}|un|une|one)"
    rf"(?![\w'’]))*(?![\w'’-]))"
)

COLLECTIVES = {
    "dizaine": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
    "centaine": 100,
    "millier": 1000,
}
#: "une soixantaine", "un millier", "a dozen" (singular collectives only).
COLLECTIVE_PATTERN = (
    r"(?i:(?<![\w])(?:(?:une|la|quelque)(?:[ \u00a0]+(?:petite|bonne))?[ \u00a0]+"
    r"(?P<collective>dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|"
    r"soixantaine|centaine)|un[ \u00a0]+(?P<millier>millier)|a[ \u00a0]+(?P<dozen>dozen))(?![\w'’]))"
)

FOLD_WORDS = {w: i for i, w in enumerate(ENGLISH_WORDS[:9], start=2)} | {
    "ten": 10,
    "twenty": 20,
    "hundred": 100,
    "thousand": 1000,
}
#: "threefold", "ten-fold", "twice", "one and a half times", "une fois et demie".
MULTIPLIER_WORD_PATTERN = (
    r"(?=[tTfFsSeEnNhHoOuU])(?i:(?:(?<![\w'’-])(?P<fold>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|"
    r"thousand)-?fold|(?<![\w'’-])(?P<twice>twice)|(?P<onehalf>(?<![\w-])une?[ \u00a0]+fois[ \u00a0]+et[ \u00a0]+demie?|"
    r"(?<![\w'’-])one(?:[ \u00a0]+and[ \u00a0]+a[ \u00a0]+|-and-a-)half(?:[ \u00a0]+times)?))(?![\w'’]))"
    r"|(?=[dtq])(?:(?<=\ble )|(?<=\bdu )|(?<=\bau )|(?<=\bthe )|(?<=\bLe )|(?<=\bThe ))"
    r"(?P<double>double|triple|quadruple)(?![\w'’])"
)
_DOUBLE = {"double": 2.0, "triple": 3.0, "quadruple": 4.0}

#: Every word that can open a match of WORD_NUMBER_PATTERN, COLLECTIVE_PATTERN or
#: MULTIPLIER_WORD_PATTERN (the figure reader tries them only where one of these words starts).
#: Keep in sync with the three patterns above.
FIRST_WORDS = frozenset(
    FRENCH_WORDS
    + ENGLISH_WORDS
    + [f"{w}fold" for w in FOLD_WORDS]
    + ["twice", "un", "une", "one", *_DOUBLE]  # multipliers
    + ["une", "la", "quelque", "un", "a"]  # collectives
)

_TOKEN = re.compile(r"[^\s\-]+")
_FRENCH = set(FRENCH_WORDS)
_ENGLISH = set(ENGLISH_WORDS)


def read_number_words(text: str, language: str) -> tuple[float, int] | None:
    """Read a run of number words; returns (value, length of ``text`` actually read) or None.

    ``language`` is the document language; a word that only exists in the other language is
    read in that language (``twelve`` in a French document).
    """
    tokens = list(_TOKEN.finditer(text))
    while tokens:
        last = tokens[-1]
        if last.group().lower() not in ("et", "and") or len(tokens) == 1:
            chunk = text[: last.end()]
            value = _text2num(chunk, language)
            if value is not None:
                return value, last.end()
        tokens.pop()
    return None


def _text2num(chunk: str, language: str) -> float | None:
    words = [w.lower() for w in re.split(r"[\s\-]+", chunk) if w]
    if not words or words[0] in _JOINABLE:
        return None
    if language == "en" and "sept" in words:
        return None
    in_fr = all(w in _FRENCH or w in ("et", "un", "une") for w in words)
    in_en = all(w in _ENGLISH or w in ("and", "one") for w in words)
    order = [language] + [x for x in ("fr", "en") if x != language]
    for lang in order:
        if (lang == "fr" and not in_fr) or (lang == "en" and not in_en):
            continue
        try:
            return float(text2num(chunk.lower(), lang))
        except (ValueError, TypeError, AssertionError, IndexError, KeyError):
            continue
    return None


def read_collective(match: re.Match[str]) -> float:
    """Value of a match of :data:`COLLECTIVE_PATTERN` (always read with bound approx but dozen)."""
    if match.group("dozen"):
        return 12.0
    if match.group("millier"):
        return 1000.0
    return float(COLLECTIVES[match.group("collective").lower()])


def read_multiplier_word(match: re.Match[str]) -> float:
    """Value of a match of :data:`MULTIPLIER_WORD_PATTERN`."""
    if match.group("fold"):
        return float(FOLD_WORDS[match.group("fold").lower()])
    if match.group("twice"):
        return 2.0
    if match.group("onehalf"):
        return 1.5
    return _DOUBLE[match.group("double").lower()]
