"""Where every figure starts: the atom pattern of a language and the gates that find atoms fast.

An atom is what a figure reader starts from: digits (with a sign, ``x``/``×``, a glued scale,
ordinal or unit), a run of number words, a fraction, a multiplier word or verb, a division, a
collective (``une dizaine``), or the numeral ``un``/``one`` before a scale or power word. Which
reader reads an atom is decided by :mod:`figures` from the atom's named group.
"""

from __future__ import annotations

import re
from functools import cache
from collections.abc import Callable
from typing import NamedTuple

from pipelines.extraction import languages as language_rules
from pipelines.extraction.currencies import CODES_BEFORE
from pipelines.extraction.number_words import first_prefixes, first_words, word_figures, word_number_pattern
from pipelines.extraction.numbers import (
    DIGITS, SCALE_ABBREVIATION_SPACED_PATTERN, SCALE_ATTACHED_PATTERN, SCALE_WORD_PATTERN, first_letter_alternation,
)
from pipelines.extraction.prefilter import Gate
from pipelines.extraction.prefilter import gate as prefilter_gate
from pipelines.extraction.prefilter import required, unsafe_folds
from pipelines.extraction.units import MEASURE_WORD_GATE, MEASURE_WORDS_PLAIN, ORDINAL_SUFFIX_PATTERN, PHYSICAL_WORD_PATTERN

__all__ = ["Atoms", "GLUED_UNIT", "atom_pattern", "atoms_of"]

_SP = "[ \u00a0\u202f]"

# (A ten may be followed by a superscript exponent: "10¹⁸", read by figures_in_digits.)
# Unit symbols written glued to the digits ("100MW", "64GB", "40ha", "29,708sqft"): a letter after a number
# is allowed only where one of them starts (units.py reads them).
GLUED_UNIT = r"(?:[kMGT]Wh?|[kMGTPE]B|[TPE](?:FLOP|flop)|m2|m²|qm|km2?|km²|ha|pct?|(?i:sq\.?[ \u00a0]?(?:ft|m)|sqft|sqm))(?![^\W_])"


class Atoms(NamedTuple):
    pattern: re.Pattern[str]  # every atom (digits, number words, fraction, multiplier words...)
    gate: re.Pattern[str]  # where an atom may start (a superset, see numbers.finditer_at)
    number_gate: re.Pattern[str]  # where an atom of digits may start
    words: Gate | None  # the strings an atom of words requires (prefilter.required)
    coded_gate: re.Pattern[str]  # ``gate`` with digits glued to a currency code ("USD80.5bn")
    coded_number_gate: re.Pattern[str]  # ``number_gate`` likewise
    variants: _Variants  # ``pattern`` with glued codes, with measure words, with both
    measures: re.Pattern[str] | None  # finds, in a lower-cased text, a string a measure word requires
    measures_unsafe: frozenset[str]  # characters ``re`` folds onto those letters, ``str.lower`` does not

    @property
    def coded_pattern(self) -> re.Pattern[str]:
        return self.variants.get(coded=True, measured=False)

    @property
    def measured_pattern(self) -> re.Pattern[str]:  # with one unit of a measure word ("un hectare")
        return self.variants.get(coded=False, measured=True)

    @property
    def measured_coded_pattern(self) -> re.Pattern[str]:
        return self.variants.get(coded=True, measured=True)


class _Variants:
    """The atom pattern's variants, each compiled when a sentence first needs it.

    Each is the whole atom alternation again (about 0.1 s of ``re.compile`` per variant and
    language); glued currency codes are rare, so most refreshes of a few documents never build
    them. Compiling on first use changes no match, only when the cost is paid.
    """

    def __init__(self, build: Callable[[bool, bool], re.Pattern[str]]) -> None:
        self._build = build
        self._compiled: dict[tuple[bool, bool], re.Pattern[str]] = {}

    def get(self, *, coded: bool, measured: bool) -> re.Pattern[str]:
        key = (coded, measured)
        if key not in self._compiled:
            self._compiled[key] = self._build(coded, measured)
        return self._compiled[key]


#: a sentence with digits glued to a currency code: only there do the gates admit such digits
GLUED_CODE = re.compile(rf"(?<![A-Za-z])(?:{'|'.join(CODES_BEFORE)})\d")


#: digits glued to a currency code ("USD80.5bn", "EUR5bn"): the code is the amount's currency
#: (``currencies.CURRENCY_BEFORE`` reads it), not a word the number is part of
_CODE_GLUED = rf"(?<=(?<![A-Za-z])(?:{'|'.join(CODES_BEFORE)}))"
#: the gates' cheaper superset: the last letter of one of those codes (the atom checks the code)
_CODE_END = rf"(?<=[{''.join(sorted({c[-1] for c in CODES_BEFORE}))}])"

@cache
def atoms_of(language: str) -> Atoms:
    """The atom pattern of a document in ``language`` (its number words and articles of one) and
    its gates: where an atom may start (a superset, see numbers.finditer_at): a digit, a sign or
    ``x``/``×`` at a word start, or a word that opens a word atom; and where an atom of digits
    may start, for a sentence holding none of the strings an atom of words requires."""
    words = word_figures(language)
    ones = language_rules.words(language, "number_words", "ones") + language_rules.words(
        language, "number_words", "articles_before_scale")
    one = "|".join(re.escape(o) for o in sorted(ones, key=lambda o: -len(o)))
    # "a year old", "un an au compteur": one before a duration unit, an age (units.age_words); the
    # age words, not the common "year", are what the figure gate looks for
    duration_words = [language_rules.fragment_pattern(f) for fs in language_rules.table(language, "units", "durations").values() for f in fs]
    age_words = language_rules.words(language, "units", "age_words")
    articles = language_rules.words(language, "number_words", "ones")
    half = language_rules.words(language, "number_words", "half_after")
    # "un demi-milliard", "eine halbe Milliarde": a half between the article and the scale word
    halves_of_one = language_rules.words(language, "number_words", "half_of_one")
    half_of_one = (
        rf"(?:(?P<halfone>(?i:{language_rules.alternation(halves_of_one)}))(?:(?<=-)|{_SP}+))?" if halves_of_one else ""
    )
    # "eine knappe Million", "un bon milliard": an adjective that bounds the scale (number_words.one_bounds)
    one_bound_words = [w for ws in language_rules.table(language, "number_words", "one_bounds").values() for w in ws]
    one_bound = (rf"(?:(?P<onebound>(?i:{language_rules.alternation(one_bound_words)})){_SP}+)?"
                 if one_bound_words else "")
    one_age = (
        rf"|(?P<oneage>(?<![\w])(?i:{language_rules.alternation(articles)}){_SP}+(?i:{'|'.join(duration_words)})"
        rf"(?:{_SP}+(?i:{language_rules.alternation(half)}))?"
        rf"(?=(?:{_SP}+|-)(?i:{language_rules.alternation(age_words)})(?![\w])))"
    ) if age_words and duration_words and articles else ""
    def word_atoms_with(measures: str) -> str:
        return (
            rf"(?P<frac>{words.fraction})"
            rf"|(?P<mverb>{words.multiplier_verb})"
            rf"|(?P<div>{words.division})"
            rf"|(?P<mult>{words.multiplier})"
            rf"|(?P<coll>{words.collective})"
            rf"|(?P<one>(?<![\w])(?i:{one}){_SP}+{one_bound}{half_of_one})"
            # "un GW", "one MW"; "einer Mrd. Euro", "un Md€": an abbreviated scale as well as a word
            rf"(?={SCALE_WORD_PATTERN}|{SCALE_ABBREVIATION_SPACED_PATTERN}|{PHYSICAL_WORD_PATTERN}{measures}|(?:kW|MW|GW|TW)h?(?![^\W_]))"
            rf"{one_age}"
        )
    word_atoms = word_atoms_with("")
    number_words = rf"(?P<words>{word_number_pattern(language)})"
    # the language's factor suffixes written glued to the digits ("45fache", "10fold"): a letter
    # where one of them starts is allowed too (units.py reads the factor)
    glued_factor = language_rules.words(language, "units", "factor_glued")
    glued_letters = GLUED_UNIT + (rf"|(?i:{language_rules.alternation(glued_factor)})(?![^\W_])" if glued_factor else "")
    def atom_with(code_glued: str, measures: str = "") -> re.Pattern[str]:
        return re.compile(
            rf"{word_atoms_with(measures)}"
            # "c.15.9%", "ca.15 MW": circa glued to the number
            rf"|(?P<num>(?:(?P<xpre>(?<!\w)[x×]{_SP}?)|(?P<sign>(?<![\w.,%])[-−+])|(?<![\w.,]){code_glued}|(?<=(?<![\w.])c\.)|(?<=(?<![\w.])ca\.))"
            rf"(?<![^\W\d_]-)(?P<digits>{DIGITS})"
            # a scale word glued to the number is a typing slip for the spaced one ("£250million")
            rf"(?:(?P<attached>{SCALE_WORD_PATTERN}|{SCALE_ATTACHED_PATTERN}|x|×|{ORDINAL_SUFFIX_PATTERN})"
            rf"|(?P<supord><sup>(?:er|re|e|ème)</sup>))?(?!(?!{glued_letters}|(?<=10)[⁺⁻⁰¹²³⁴⁵⁶⁷⁸⁹])[^\W_]))"
            rf"|{number_words}"
        )

    # the pattern that admits digits glued to a currency code is used only where a sentence holds
    # them (GLUED_CODE): the alternative costs every other sentence a little at each atom
    atom = atom_with("")
    # likewise "un hectare", "ein Petabyte": the measure words after an article are tried only in a
    # sentence that holds one (``measures``: tried after every "a", "un", "ein" they cost ~4 %)
    measure_needs = required(MEASURE_WORDS_PLAIN)
    variants = _Variants(lambda coded, measured: atom_with(f"|{_CODE_GLUED}" if coded else "",
                                                           f"|{MEASURE_WORD_GATE}" if measured else ""))
    starts = (
        rf"(?=[\d+\-−x×]|(?:{first_letter_alternation(first_words(language) | {o.lower() for o in ones})})(?!\w)"
        rf"|(?:{first_letter_alternation(first_prefixes(language))}))"
    )
    digits = r"(?=[\d+\-−x×])"
    return Atoms(
        atom, re.compile(rf"(?<!\w){starts}"), re.compile(rf"(?<!\w){digits}"),
        prefilter_gate([re.compile(f"{word_atoms}|{number_words}")]),
        re.compile(rf"(?:(?<!\w)|{_CODE_END}(?=\d)){starts}"), re.compile(rf"(?:(?<!\w)|{_CODE_END}(?=\d)){digits}"),
        variants,
        None if measure_needs is None else Gate(measure_needs).pattern,
        frozenset() if measure_needs is None else unsafe_folds(measure_needs),
    )


def atom_pattern(language: str) -> re.Pattern[str]:
    """What every figure of :func:`figures.find_figures` starts from (digits, number words, multiplier,
    fraction and collective words), for a document in ``language`` (a resource code)."""
    return atoms_of(language).pattern

