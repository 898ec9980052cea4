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
  ``the double`` (2), ``triple`` (3), ``quadruple`` (4) as nouns after an article.
* Multiplier verbs (:data:`MULTIPLIER_VERB_PATTERN`): a conjugated form of ``doubler``/``tripler``/
  ``quadrupler`` (``a doublé``, ``devrait doubler``, ``ont triplé``, ``doublera``...) or English
  ``doubled``/``tripled``/``quadrupled`` states a factor 2/3/4 (unit ``factor``): the change is a
  figure the reports give in words. The bare forms ``double``/``triple`` (adjective or present
  tense, ambiguous) are not verbs here; ``plus que``/``more than`` before the verb makes the
  bound ``at_least`` (``a plus que triplé``), decided by the figure reader.
* Division (:data:`DIVISION_PATTERN`): ``divisé(e)(s) par N`` / ``divided by N`` (digits or
  number words) is a factor N (``divisés par dix`` = 10): the factor of a decrease.
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

from text_to_num import text2num

from pipelines.extraction import languages as language_rules

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
    return (
        rf"(?i:(?<![\w'’-])(?:{words})"
        rf"(?:(?:-|{join}[ \u00a0]+|-et-)(?:{words}{'|' + ones if ones else ''})"
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

FOLD_WORDS = {w: i for i, w in enumerate("two three four five six seven eight nine".split(), start=2)} | {
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

_VERB_ENDINGS_FR = ("é", "ée", "és", "ées", "er", "ent", "era", "erait", "eront", "ait", "aient", "ant")
_VERB_STEMS = {"doubl": 2.0, "tripl": 3.0, "quadrupl": 4.0}
#: Every written form of the multiplier verbs ("doublé", "doublera", "tripled"...).
MULTIPLIER_VERB_FORMS = frozenset(
    [stem + e for stem in _VERB_STEMS for e in _VERB_ENDINGS_FR] + [stem + "ed" for stem in _VERB_STEMS]
)
MULTIPLIER_VERB_PATTERN = (
    r"(?=[dtqDTQ])(?i:(?<![\w'’-])(?P<verb>"
    + "|".join(sorted(MULTIPLIER_VERB_FORMS, key=len, reverse=True))
    + r")(?![\w'’-]))"
)
_DIVIDE_FORMS = tuple("divis" + e for e in ("é", "ée", "és", "ées", "er", "e", "ent", "era", "erait", "eront", "ait", "aient", "ant")) + ("divided",)
_DIVISOR_WORDS = (
    "deux trois quatre cinq six sept huit neuf dix vingt cent mille two three four five six seven "
    "eight nine ten twenty hundred thousand"
).split()
#: "divisés par dix", "divided by 10".
DIVISION_PATTERN = (
    r"(?=[dD])(?i:(?<![\w'’-])(?:" + "|".join(sorted(_DIVIDE_FORMS, key=len, reverse=True)) + r")"
    r"[ \u00a0]+(?:par|by)[ \u00a0]+(?P<divisor>\d+(?:[.,]\d+)?|"
    + "|".join(sorted(_DIVISOR_WORDS, key=len, reverse=True))
    + r")(?![\w'’-]))"
)
FRACTIONS = {"half": 50.0, "third": 100.0 / 3, "quarter": 25.0, "two_thirds": 200.0 / 3, "three_quarters": 75.0}
#: "la moitié", "un tiers des", "les trois quarts", "half of", "a third of" (percent).
FRACTION_PATTERN = (
    r"(?=[lLuUaAoOtThHdD])(?i:(?<![\w'’-])(?:(?P<half>la[ \u00a0]+moitié)"
    r"|(?P<third>un[ \u00a0]+tiers|(?:a|one)[ \u00a0]+third)"
    r"(?=[ \u00a0]+(?:de|des|du|en|of)[ \u00a0]|[ \u00a0]+d['’])(?![ \u00a0]+de[ \u00a0]+confiance)"
    r"|(?P<quarter>un[ \u00a0]+quart|(?:a|one)[ \u00a0]+quarter)"
    r"(?=[ \u00a0]+(?:de|des|du|en|of)[ \u00a0]|[ \u00a0]+d['’])(?![ \u00a0]+(?:de[ \u00a0]+siècle|d['’]heure|of[ \u00a0]+an[ \u00a0]+hour))"
    r"|(?P<two_thirds>deux[ \u00a0]+tiers|two[ \u00a0-]+thirds)"
    r"|(?P<three_quarters>trois[ \u00a0]+quarts|three[ \u00a0-]+quarters)"
    r"|(?<!first[ ])(?<!second[ ])(?<!1st[ ])(?<!2nd[ ])(?P<en_half>half)(?=[ \u00a0]+of[ \u00a0]))"
    r"(?![\w'’-]))"
)

_OPENING_WORDS = frozenset(
    [f"{w}fold" for w in FOLD_WORDS]
    + ["twice", "un", "une", "one", *_DOUBLE]  # multipliers
    + ["une", "la", "quelque", "un", "a"]  # collectives
    + list(MULTIPLIER_VERB_FORMS)
    + [w.lower() for w in _DIVIDE_FORMS]
    + ["la", "un", "a", "one", "deux", "trois", "two", "three", "half"]  # fractions
)


@cache
def first_words(language: str) -> frozenset[str]:
    """Every word that can open a word atom in a document in ``language``: its cardinals (see
    :func:`word_number_pattern`) and the first words of the collective, multiplier, division and
    fraction patterns (the figure reader tries word atoms only where one of these starts)."""
    return frozenset(cardinals(language)) | _OPENING_WORDS


_TOKEN = re.compile(r"[^\s\-]+")


def read_number_words(text: str, language: str) -> tuple[float, int] | None:
    """Read a run of number words; returns (value, length of ``text`` actually read) or None.

    ``language`` is the document language; a word that only exists in the other language is
    read in that language (``twelve`` in a French document).
    """
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


def _text2num(chunk: str, language: str) -> float | None:
    words = [w.lower() for w in re.split(r"[\s\-]+", chunk) if w]
    if not words or words[0] in _run_words(language, "ones_in_runs") | _run_words(language, "joiners"):
        return None
    for lang in language_rules.reading_languages(language):
        known = frozenset(cardinals(lang, reading=False)) | _run_words(lang, "joiners", False) \
            | _run_words(lang, "ones_in_runs", False)
        if not all(w in known for w in words):
            continue
        try:
            return float(text2num(chunk.lower(), lang))
        except (ValueError, TypeError, AssertionError, IndexError, KeyError):
            continue
    return None


@cache
def _run_words(language: str, key: str, reading: bool = True) -> frozenset[str]:
    return frozenset(w.lower() for w in language_rules.words(language, "number_words", key, reading=reading))


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


def read_multiplier_verb(match: re.Match[str]) -> float:
    """Factor of a match of :data:`MULTIPLIER_VERB_PATTERN` (``doublé`` -> 2)."""
    verb = match.group("verb").lower()
    return next(v for stem, v in _VERB_STEMS.items() if verb.startswith(stem))


def read_divisor(match: re.Match[str], language: str) -> float | None:
    """The N of a match of :data:`DIVISION_PATTERN`, or None when unreadable or below 2."""
    raw = match.group("divisor")
    if raw[0].isdigit():
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            return None
    else:
        read = read_number_words(raw, language)
        value = read[0] if read is not None else None
    return value if value is not None and value >= 2 else None


def read_fraction(match: re.Match[str]) -> float:
    """Percentage of a match of :data:`FRACTION_PATTERN` (``la moitié`` -> 50)."""
    for name in ("half", "third", "quarter", "two_thirds", "three_quarters"):
        if match.group(name):
            return FRACTIONS[name]
    return FRACTIONS["half"]  # en_half
