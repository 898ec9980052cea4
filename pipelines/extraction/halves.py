"""A half added to a number, a scale word or a unit: "un milliard et demi", "deux ans et demi",
"two and a half years", "zweieinhalb Jahre", "anderthalb Milliarden".

Writers add a half in three places, each language its own (``number_words`` of its resource):

* after the scale word or the unit (``half_after``): "un milliard et demi d'euros" is
  1.5 billion euros, "deux ans et demi" 2.5 years; the currency or unit may follow the half
  ("d'euros"), so the figure's tail is read after it;
* between the number and its scale or unit (``half_after`` too): "two and a half years",
  "one and a half billion dollars";
* glued to a cardinal (``half_glued``): "zweieinhalb", "dreieinhalb"; and one and a half has
  words of its own (``one_and_a_half``: "anderthalb", "eineinhalb", "one and a half").

Read without the half, each of these was a wrong number (1 billion for 1.5) and, after a
scale word, an amount with no currency.
"""

from __future__ import annotations

from functools import cache

from pipelines.extraction import languages as language_rules

__all__ = ["half_after", "half_glued_pattern", "one_and_a_half_pattern", "read_glued_half"]

_SP = "[ \u00a0\u202f]"


def half_after(s: str, pos: int, language: str) -> int | None:
    """The end of a half written at ``pos`` ("et demi", "and a half"), or None."""
    pattern = language_rules.word_pattern(language, "number_words", "half_after", rf"{_SP}+(?i:{{words}})(?![\w'’-])")
    m = pattern.match(s, pos) if pattern is not None else None
    return m.end() if m is not None else None


@cache
def half_glued_pattern(language: str) -> str:
    """An optional half glued after a cardinal ("zwei|einhalb"), as a regex fragment ('' if none)."""
    words = language_rules.words(language, "number_words", "half_glued")
    return rf"(?:{language_rules.alternation(words)})?" if words else ""


@cache
def one_and_a_half_pattern(language: str) -> str | None:
    """The words for one and a half ("anderthalb"), as a regex fragment, or None."""
    words = language_rules.words(language, "number_words", "one_and_a_half")
    return language_rules.alternation(words) if words else None


def read_glued_half(text: str, language: str) -> tuple[str, float] | None:
    """``text`` (a run of number words) without its half, and the half's value: ("zwei", 0.5) for
    "zweieinhalb", ("", 1.5) for "anderthalb"; None when the run holds no half."""
    whole = language_rules.word_pattern(language, "number_words", "one_and_a_half")
    if whole is not None and whole.fullmatch(text):
        return "", 1.5
    glued = language_rules.word_pattern(language, "number_words", "half_glued", r"(?i:{words})\Z")
    m = glued.search(text) if glued is not None else None
    if m is None or m.start() == 0:
        return None
    return text[:m.start()], 0.5
