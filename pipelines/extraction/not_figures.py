"""Digits that are not figures: where they are, so the figure reader skips them.

:func:`blocked_spans` returns the spans of a sentence where no figure may start. Decisions:

* Footnote markers ``<sup>12</sup>``, ``<sup>12, 13</sup>`` and bold page numbers ``<b>6</b>``,
  dot leaders of tables of contents (``..... 9``); a note call glued to a percent sign, its
  superscript lost with the markup (``12-15 %2``).
* Identifiers: ISBN/ISSN, DOIs, chains of three or more hyphenated digit groups
  (``979-10-373-1030-9``), names with hyphenated numbers (``Tera-1000-2``), phone and fax numbers (``+33 (0)1 40 61 60 00``, ``01 40 61 60 00``),
  postal codes before a town (``75740 Paris``), street numbers (``27 rue``), ``n° 262``,
  ``article 5``, ``p. 12``, ``6(b)``, fractions and slashed dates (``24/7``), clock times; a
  label's number whatever noun follows it (``a Tier 3 data centre``, ``de niveau 3 Rack Centre``).
* Dates used as dates: ``le 21 janvier 2025``, ``1er novembre 2024``, ``1<sup>er</sup>
  novembre``, ``11 février``, ``January 21, 2025``, ``21 January``, ISO dates, year ranges
  (``2025-2026``, ``2024/25``). A bare year (an integer 1900-2100 written without separators)
  is refused later by :func:`looks_like_year` when nothing after it makes it a quantity.
* URLs, Markdown link targets, e-mail addresses; reference marks in square brackets (``[3]``,
  ``[1][2]``, ``[4, 5]``), glued to a word or not.
* Names with digits: letters glued to digits are refused by the atom pattern itself (``atoms``;
  ``H100``, ``GPT-4o``, ``Covid-19``, ``G7``, ``5G``, ``3D``, ``Web3``, ``FY2025``, ``Q3``; a
  dimension with a hyphen, ``3-D``, is blocked here);
  a name followed by a version number is blocked here (``Qwen 2.5``, ``MareNostrum 5``,
  ``Llama 3``, ``FLUX PRO 1.1``, ``Microsoft 365``, ``Mistral 7B``: the ``7B`` of a model name is
  part of the name, while ``a 7B model`` is read as 7e9). A name is a word with a capital that
  is not a function word and, at the start of the sentence, has a capital inside or is a label
  (``Graphique 1``, ``Figure 2``, ``Tableau 3``, ``Cedex 15``); in a line written in title case,
  a word before a number and a capitalised plural noun is like a sentence's first (``EU Receives
  76 Bids``). The number is not blocked when
  a unit, a scale word, a currency or a counted noun follows (``Nvidia 90 %``).
* A note call glued to a year after a preposition of time, before punctuation (``d'ici 20301,``:
  2030 and its lost superscript 1): :func:`is_year_with_note`, called where digits are read.
* The numbers of a name with digits after a slash (``French Tech Next40/120``), the instruction sets
  ``x86`` and ``x64`` (not factors): :func:`is_part_of_a_name`, called where digits are read.
* An exchange-rate note in parentheses, one unit of a currency against another (``($1 = 0.9229
  euros)``, ``(1 euro = 1,08 dollar)``): a conversion aid, no figure of the text.
* A day of the month named by its ordinal alone (``held on the 22nd,``, ``on the 3rd of May``).
* Years abbreviated after an apostrophe (``Q4’23``, ``FY'24``); list numbers after a hash (``see
  #8``); the labels joined to a label's number (``Anlagen 1 und 2``, ``Fragen 2 bis 4``).
* Quantities in a unit of a dimension the dataset does not publish (``units.unpublished``: "in 30
  Minuten", "en 2 minutes", "10 gigabit Ethernet": time under an hour, data rates).
* List numbering at a line start (``1. ``, ``2) ``) and footnote numbers (``28. B. Jin``).
* A position in a ranking: a number in digits or words right after a rank noun of any language
  (``numbers.rank_nouns``: ``auf Platz zwei``, ``ranks number 3``, ``au rang 2``), unless a unit
  or a scale follows; the size of a top-N list, a number before a superlative
  (``numbers.superlatives``: ``the two largest projects``, ``zu den 20 schnellsten Rechnern``); a
  number right before a position noun in the singular, an ordinal without its ending (``au 6 rang
  mondial``).
* An ordinal before a noun numbers that thing (``son 6e data center``, ``le 8e sommet``): no
  figure (:func:`ordinal_numbers_a_thing`, called where digits with an ordinal ending are read); it
  stays a rank before a position noun (``numbers.rank_positions``: ``8ème position``), a
  superlative (``2nd largest``) or no noun (``3ème en Europe``).
* An amount written as a compound adjective, its scale word hyphenated to the currency and no
  number written (``the billion-dollar stable``, ``ein Milliarden-Dollar-Unternehmen``): the class
  of a thing, no figure (:func:`is_class_adjective`); ``a two-billion-dollar plan`` stays.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from functools import lru_cache

from pipelines.extraction import languages as language_rules
from pipelines.extraction.counted import COUNTED_NOUNS, in_title_case, read_counted, unknown_noun
from pipelines.extraction.currencies import CODES_BEFORE, currency_before
from pipelines.extraction.segments import ordinal_article_before
from pipelines.extraction.units import MEASURE, PHYSICAL
from pipelines.extraction.numbers import (
    GROUP_MARKS,
    ascii_or_non_ascii,
    SCALE_ABBREVIATION_SPACED_PATTERN,
    SCALE_WORD_PATTERN,
    finditer_at,
)

_SP = "[ \u00a0\u202f]"
#: prepositions of time after which a bare year-like number is a year ("in 2024", "seit 2020")
YEAR_PREPOSITIONS = ("in", "en", "im", "au", "by", "since", "depuis", "seit", "until", "bis")
# Month names of every language (``dates.months``): a date is not a figure whatever its language.
_ALL_MONTHS = "|".join(language_rules.fragment_pattern(m) for m in language_rules.all_words("dates", "months"))
_FR_MONTHS = (
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    r"novembre|décembre|decembre|janv\.|févr\.|sept\.|oct\.|nov\.|déc\."
)
_EN_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:<sup>(?:er|e)</sup>|er|st|nd|rd|th)?"

def _every_language(section: str, key: str) -> str:
    return "|".join(language_rules.fragment_pattern(f) for f in language_rules.all_words(section, key))


def _every_table(section: str, key: str) -> str:
    return "|".join(language_rules.fragment_pattern(f) for code in language_rules.languages()
                    for fs in language_rules.table(code, section, key, reading=False).values() for f in fs)


_BLOCKS = [
    r"<sup>[^<]{0,60}</sup>",
    r"<b>\s*\d{1,4}\s*</b>",
    r"\.{3,}[\s<>/b]*\d{1,4}",
    r"(?i:\bIS[BS]N(?:-1[03])?)\s*:?\s*[\dXx][\d\s-]{6,}[\dXx]",
    r"\b10\.\d{4,9}/\S+",
    r"(?<![\w.,])\d+(?:-\d+){2,}",
    r"(?<=[^\W\d_]-)\d+(?:-\d+)+(?![\d])",  # a name with hyphenated numbers: "Tera-1000-2"
    r"(?<=(?i:ann[ée]es) )\d{2}(?:\d{2})?(?!\d)",  # a decade: "les années 80", "années 2020"
    # a phone number: its groups are separated ("+33 1 44 55 66 77", "+1 (555) 123-4567"); "+219%",
    # "+115 %" are growths
    r"\+\d{1,3}(?:[ \u00a0.-]\(?\d{1,4}\)?\d{0,4}|\(\d{1,4}\)\d{0,4}){2,6}(?![\d,.]*[ \u00a0]?%)",
    r"(?<![\w.,])\(\d{3}\)[ \u00a0]?\d{3}-\d{4}(?!\d)",
    r"(?<![\w.,])0\d(?:[\s.]\d{2}){4}(?!\d)",
    r"(?<![\w.,])\d{5}" + _SP + r"+(?=[A-ZÀ-Ý][a-zà-ÿ]+)",
    r"(?i:(?<![\w.,])\d{1,4}(?:" + _SP + r"?(?:bis|ter))?,?" + _SP
    + r"+(?:rue|avenue|av\.|boulevard|bd|place|quai|allée|chemin|impasse|route|cours|street|road"
    + r"|lane)\b)",
    r"(?<![\w.,])\d{1,4}" + _SP + r"+(?:[A-Z][a-z]+" + _SP + r"+){1,2}(?:Street|Road|Avenue|Lane|Boulevard|Square|Place)\b",
    r"(?=[nNaAsScCpPvVtT#§])(?i:\bn[°o]\.?|\bnos?\.|\b#|\bart\.|\barticles?|\balinéas?|\bsections?|\bchapitres?|"
    r"\bchapters?|\bpages?|\bpp?\.|\bvol\.|\btomes?|\bannexes?|\bannex|\bparagraphes?|§)"
    + _SP + r"*\d+(?:[.,/-]\d+)*",  # "n° 2024-123": the whole identifier
    r"(?<![\w.,])\d+\([a-z]\)",
    # a fraction or a slashed date; not a count and its share ("China (383/11%)": two figures)
    r"(?<![\w.,])\d{1,4}/\d{1,4}(?:/\d{1,4})?(?![\d])(?![.,]?\d*" + _SP + r"?%)",
    r"(?<![\w.,])\d{1,2}[:h]\d{2}(?![\d])",
    r"(?i:(?<![\w.,])\d{1,2}(?:[.:]\d{2})?" + _SP + r"?(?:a\.m\.|p\.m\.|am|pm)(?![\w]))",  # "at 3 p.m."
    r"(?i:(?<![\w.,])" + _DAY + r"\.?" + _SP + r"+(?:" + _ALL_MONTHS + r")(?:" + _SP + r"+\d{4})?)",
    # the first day of a range of days: "du 9 au 15 septembre", "9 to 15 September", "9. bis 15. September"
    r"(?i:(?<![\w.,])" + _DAY + r"\.?" + _SP + r"*(?:au|à|et|to|and|bis|und|-|–)" + _SP + r"*" + _DAY
    + r"\.?" + _SP + r"+(?:" + _ALL_MONTHS + r"))",
    r"(?<![\w.,])0\d+(?![.,]\d)",  # a number with a leading zero is an identifier ("KLON-01 and 02")
    r"(?<![\w.,])[234]-D(?![\w])",  # dimensions written with a hyphen ("3-D-Drucker", "2-D maps"), as "3D" glued
    r"(?<![\w.,])" + _DAY + _SP + r"+(?:" + _EN_MONTHS + r")(?:,?" + _SP + r"+\d{4})?",
    r"\b(?:" + _EN_MONTHS + r")" + _SP + r"+" + _DAY + r"(?:,?" + _SP + r"+\d{4})?(?!\d)",
    r"(?<![\w.,])\d{4}-\d{2}-\d{2}(?!\d)",
    r"(?<![\w.,])(?:19|20)\d{2}" + _SP + r"?[-–—/]" + _SP + r"?(?:19|20)?\d{2}(?![\d])",
    r"(?:https?://|www\.)[^\s)\]>]+",
    r"\]\([^)\s]*\)",
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    # a list's marker at a line's start: "1.", "2)", "3- Flutterwave, 40 millions de dollars", and
    # "2.Investment in European tech..." (the space after the stop lost, a capital right after it)
    r"(?m:^[ \t]*\d{1,3}(?:[.)](?=[ \t]|$)|\.(?=[A-Z\u00c0-\u00de])|-(?=[ \t]+[^\W\d_])))",
    # an inline list's marker after a colon or a comma: "five areas: 1. AI, 2. Digital skills"
    r"(?<=[:,;][ \u00a0\u202f])\d{1,2}\.(?=[ \u00a0\u202f]+[^\W\d_])",
    # a quantity in a unit of a dimension the dataset does not publish ("in 30 Minuten", "10 gigabit
    # Ethernet", "90-Second Brief", "5,000 tonnes of CO2", "15 000 litres d'eau": units.unpublished):
    # read as counts of "minute" or "litre", figures of nothing the codebook measures; a scale word
    # and a connector may stand between ("2 million litres", "3 millions de litres", "15 000 litres")
    r"(?<![\w.,])(?:\d{1,3}(?:[ \u00a0\u202f.," + GROUP_MARKS + r"]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:" + _SP + r"+(?:" + SCALE_WORD_PATTERN + r"))?(?:" + _SP + r"+(?i:de|of)(?=" + _SP + r")|" + _SP + r"+(?i:d['’]))?"
    r"(?:" + _SP + r"*|-)(?i:" + _every_language("units", "unpublished") + r")(?![\w/])",
    # a number right before a position noun in the singular ("au 6 rang mondial"): an ordinal written
    # without its ending (a count would take the plural: "50 places"; "den 4. Platz" is read as a rank
    # by the ordinals' rule)
    r"(?<![\w.,])(?!1(?!\d))\d+" + _SP + r"+(?:" + _every_language("numbers", "rank_positions") + r")(?![\w])",
    # a unit of measure's definition: "(1 PByte = 1 Million GByte)", "1 PFLOPS = 10^15 FLOPS": no
    # figure on either side (a price per thing, "(1 GPU = $30,000)", is one)
    r"(?<![\w.,])1" + _SP + r"?(?:[kKMGTPE](?:B|Bytes?|o|Wh?|FLOP/?s?|[Ff]lop/?s?)|(?i:(?:kilo|méga|mega|giga|téra|tera"
    r"|péta|peta|exa)(?:octets?|bytes?|flops?|watts?)))(?![\w])" + _SP + r"*=" + _SP + r"*[^.;:)\n]{1,40}",
    # continuous operation: "24 heures sur 24", "24/7", "365 days a year", "24*7*365" (numbers.round_the_clock)
    r"(?<![\w.,])(?i:" + _every_language("numbers", "round_the_clock") + r")(?![\w])",
    # a list number after a hash: "(see #8)"
    r"(?<![\w&])#\d+(?![\w.,]?\d)",
    # a year abbreviated after an apostrophe: "Q4’23", "FY'24", "in ’23"
    r"(?:(?<=[A-Za-z0-9])|(?<![\w.,]))['’]\d{2}(?![\w.,]?\d)",
    # a note call glued to a percent sign, its superscript lost with the page's markup ("12-15 %2.")
    r"(?<=%)\d{1,3}(?![\w.,]?\d)",
    # a day of the month named by its ordinal alone ("held on the 22nd, ...", "on the 3rd of May")
    r"(?i:(?<=\bon the )\d{1,2}(?:st|nd|rd|th)(?=[ \u00a0]*[,.;)]|[ \u00a0]+of[ \u00a0]))",
    # an exchange-rate note, one unit of a currency against another ("($1 = 0.9229 euros)", "(1 euro
    # = 1,08 dollar)", "(£1 = €1.17)"): the agencies' conversion aid, no figure of the text
    r"\((?:[A-Z]{0,2}[$€£¥]" + _SP + r"?1|1" + _SP + r"?(?:[$€£¥]|(?:" + "|".join(CODES_BEFORE) + r")\b|(?i:" + _every_table("currencies", "words") + r")\b))" + _SP + r"*=" + _SP + r"*[^()=]{1,30}\)",
    # a reference mark in square brackets, glued or not ("$2 billion.[3]", "consultée[1][2][3]",
    # "Member States [1]", "[4, 5]"; a PDF's lost hyphen "mid[1]term"): a call to a note or a
    # source, no quantity
    r"\[\d{1,3}(?:[,–-]" + _SP + r"?\d{1,3})*\]",
    # a web page's reading time: "3 min read", "5 minutes de lecture", "4 Min. Lesezeit"
    r"(?i:(?<![\w.,])\d{1,3}" + _SP + r"*min(?:utes?|\.)?" + _SP + r"*(?:read|de" + _SP + r"+lecture|Lesezeit)(?![\w]))",
    # digits glued by an ampersand are a name ("1&1", "3&1"): no quantity
    r"(?<![\w.,])\d+&\d+(?![\w])",
    # a level written as a word and a plus glued to a small number ("BAC+5", "Bac+3", "N+1"): a label
    r"(?<=[^\W\d_]\+)\d{1,2}(?![\w.,]?\d)(?![\u00a0\u202f ]?%)",
]
_BLOCK = re.compile("|".join(f"(?:{b})" for b in _BLOCKS))
# Where a block may start (a superset, see numbers.finditer_at), one line per kind of _BLOCKS:
# keep in sync with them.
_BLOCK_GATES = [
    # markers, leaders, phone numbers ("+33", "(212)"), link targets, and numbers: every block of
    # digits opens at a word start (a look-behind refusing a letter or digit before it), so the
    # other digits are not tried
    r"(?<!\w)\d|<|[+(\[]\d|\]\(|[#§]|\.\.\.|['’]\d",
    r"\([A-Z]{0,2}[$€£¥]",  # an exchange-rate note opening with a currency sign ("($1 = 0.92 euros)")
    r"\b(?i:is[bs]n)",  # ISBN/ISSN
    # "n° 262", "article 5", "p. 12": a label of at most 11 characters, then the number
    r"\b" + ascii_or_non_ascii("nNaAsScCpPvVtT") + r"[\w°.]{0,10}" + _SP + r"*\d",
    r"\b[JFMASOND][a-z.]{2,8}" + _SP + r"+\d",  # English dates, month first
    r"https?://|www\.",
    r"(?m:^)[ \t]*\d",  # list numbering
]
_BLOCK_GATE = re.compile("(?=" + "|".join(_BLOCK_GATES) + ")")
# e-mail addresses start at any word: only looked for when the sentence has an "@"
_BLOCK_GATE_WITH_EMAIL = re.compile("(?=" + "|".join([*_BLOCK_GATES, r"(?<![\w.+-])[\w.+-]"]) + ")")


# A unit or a scale after "Name 40" makes it an amount, not a name's number: every language's
# scale words and abbreviations, currency, percent, factor, duration and measure words (the
# resources'; German capitalises every noun: "Tag und Nacht 40 Jahre lang"), and the power,
# compute, storage and area units ("pro User 3,3 GB", "Campus 2 40 MW").
_UNIT_AHEAD = (
    r"%|(?i:" + "|".join(p for p in (_every_language("units", "percent"), _every_language("units", "factor"),
                                     _every_table("currencies", "words"), _every_table("units", "durations"),
                                     _every_table("units", "measures")) if p)
    + r")(?![^\W_])|" + SCALE_WORD_PATTERN + "|" + SCALE_ABBREVIATION_SPACED_PATTERN
    + "|" + PHYSICAL.pattern.replace("(?P<unit>", "(?:") + "|" + MEASURE.pattern.replace("(?P<unit>", "(?:")
    + r"|[€$£]|" + _SP + r"\d{3}(?!\d)|,\d{3}(?!\d)"
)
_COUNTED_AHEAD = "|".join(p for p, _ in COUNTED_NOUNS)
# "Name 40": a name's number unless a unit or a scale follows, spaced or glued ("Ausbaustufe 860MW" is
# 860 MW; "Campus 2" and "Model 3S" are names); a counted noun right after it makes it a count
# ("Frankfurt 30 operators") except after a name with a capital inside (_COUNTED_RIGHT_AFTER)
_NAMED_NUMBER = re.compile(
    r"(?<![\w'’])(?P<name>[^\W\d_][\w-]*)" + _SP + r"+(?P<number>\d+(?:[.,/]\d+)*[A-Za-z]{0,2}"
    r"(?:" + _SP + r"+\d+(?:\.\d+)*[A-Za-z]{1,2}(?![^\W_]))?)(?![\w])(?![.,]\d)"
    r"(?!" + _SP + r"*(?:" + _UNIT_AHEAD + r"))"
)
# A rate's denominator: a power of ten ("10.000", "100,000", "1 000") after the rate word that
# follows a count's noun ("12,8 Gründungen je 10.000 Studierende", "4.5 firms per 100,000
# inhabitants"): the base the count is expressed per, no quantity of its own. The powers of ten are
# found first (few), then the words before them are read.
#: the letters glued to a name's number are a unit or a scale ("Ausbaustufe 860MW"): a measure
_GLUED_UNIT = re.compile(r"(?<=\d)(?:" + _UNIT_AHEAD + r")")
_POWER_OF_TEN = re.compile(r"1(?:0{0,2}(?:[.,\u00a0\u202f ]000)+|0{1,5})(?![\w.,]?\d)")
_RATE_BEFORE = re.compile(
    r"(?<![\w.,])\d[\d.,]*(?:" + _SP + r"+[^\W\d_][\w-]*){1,2}" + _SP + r"+(?i:" + _every_language("units", "rate_per") + r")"
    + _SP + r"+\Z"
)
# ... or after the rate word opening its sentence or clause, the count after it ("Je 100.000
# Einwohner wurden 3,8 Unternehmen gegründet", "Per 100,000 inhabitants, Berlin has 13.6"); not
# before a unit or a currency ("Pour 10 000 euros investis": an amount)
_RATE_OPENING = re.compile(
    r"(?:\A|(?<=[,;:(]))" + _SP + r"*(?i:" + _every_language("units", "rate_per") + r")" + _SP + r"+\Z"
)
_COUNTED_RIGHT_AFTER = re.compile(_SP + r"+(?i:(?:" + _COUNTED_AHEAD + r"))(?![^\W_])")
_FUNCTION_WORDS = frozenset(w.lower() for w in language_rules.all_words("numbers", "function_words") if w.isalpha()) | frozenset(
    """
    en dans sur pour par avec selon depuis entre plus moins environ près quelque soit dont et ou
    mais les des de du le la au aux après avant jusqu sans sous vers chez contre seulement déjà
    presque ces ses leurs nos vos mes tous toutes chaque seuls seules seul seule sur
    in on at by for with from to the over under about around nearly some more less up only just
    almost roughly approximately between since until after before and or but of its their his
    her our this these those all each every top than
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    january february march april may june july august september october november december
    """.split()
)
# a list of labels after a label's number: "1 und 2", "2 bis 4", "3, 4 and 5" (every language's
# coordinators and range words)
_MORE_LABELS = re.compile(
    rf"(?:{_SP}*(?:,|-|–|{_SP}(?i:{_every_language('numbers', 'coordinators')}|{_every_language('ranges', 'to')}))"
    rf"{_SP}*\d+(?![\w.,]\d|[\w]))+"
)
_LABELS = frozenset(
    """
    graphique graphiques figure figures fig tableau tableaux table tables annexe annex encadré box
    carte map étape step phase niveau level version cedex chapitre chapter partie part section
    note notes volume tome article page source annexes anlage anlagen frage fragen question questions
    tier stufe kapitel abschnitt schritt teil route autoroute highway motorway
    flurstück flurstücke parcelle parcelles
    """.split()
) | frozenset(re.sub(r"[^\w]", "", w).lower() for w in language_rules.all_words("sentences", "caption_words"))
# A label's number is no figure whatever noun follows it: "a Tier 3 data centre", "de niveau 3 Rack
# Centre" (the noun is what the label classes, not a count of it)
# (found from the sentence's numbers, looking back for the label: the numbers are few, the words many)
_NUMBER_RUN = re.compile(r"(?<![\w.,])\d+(?![\w])(?![.,]\d)")
_LABEL_BEFORE = re.compile(
    r"(?<![\w'’])(?i:" + "|".join(sorted((re.escape(w) for w in _LABELS), key=len, reverse=True)) + r")" + _SP + r"+\Z"
)
_UNIT_RIGHT_AFTER = re.compile(_SP + r"*(?:" + _UNIT_AHEAD + r")")
_LABEL_REACH = max(len(w) for w in _LABELS) + 4


# A position in a ranking: a number, in digits or words, right after a rank noun of any
# language ("auf Platz zwei hinter Großbritannien", "ranks number 3", "au rang 2").
_RANK_NOUNS = _every_language("numbers", "rank_nouns")
_CARDINALS = "|".join(language_rules.fragment_pattern(w) for w in language_rules.all_words("number_words", "cardinals"))
_RANKED_NUMBER = re.compile(
    rf"(?<![\w])(?:{_RANK_NOUNS})" + _SP + rf"+(?P<number>\d+(?![\d.,]\d)(?![^\W\d_])|(?i:{_CARDINALS}|one|eins|un)(?![\w-]))"
    + r"(?!" + _SP + r"*(?:" + _UNIT_AHEAD + r"))"
) if _RANK_NOUNS else None


# The size of a top-N list: a number (or "12 ou 13") before a superlative of any language, its
# noun possibly between ("the two largest projects", "zu den 20 schnellsten Rechnern", "les 12 ou
# 13 supercalculateurs les plus puissants"): a ranking, not a quantity.
_SUPERLATIVES = _every_language("numbers", "superlatives")
_NUMBER_OR_WORD = rf"(?:\d+(?![\d.,]\d)|(?i:{_CARDINALS})(?![\w-]))"
_TOP_N = re.compile(
    rf"(?<![\w.,])(?P<number>{_NUMBER_OR_WORD}(?:{_SP}+(?i:ou|or|oder|to|à|bis){_SP}+{_NUMBER_OR_WORD})?)"
    + _SP + rf"+(?:(?P<between>[^\W\d_][\w-]*){_SP}+)?(?i:{_SUPERLATIVES})(?![\w])"
) if _SUPERLATIVES else None
# the word between is no factor word: "dix fois plus puissant" compares, it ranks nothing
_FACTOR_WORD = re.compile(rf"(?i:{_every_language('units', 'factor')})")

_SUPERLATIVE_AHEAD = re.compile(_SP + rf"+(?i:{_SUPERLATIVES})(?![\w])") if _SUPERLATIVES else None


def _rank_positions(language: str) -> re.Pattern[str] | None:
    return language_rules.word_pattern(language, "numbers", "rank_positions", _SP + r"+(?i:{words})(?![\w])")


def ordinal_numbers_a_thing(sentence: str, pos: int, language: str) -> bool:
    """An ordinal ending at ``pos`` numbers the thing its noun names ("son 6e data center", "le 8e
    sommet Choose France", "its third upward revision"): no figure. It is a rank where a position
    noun (``numbers.rank_positions``: "8ème position", "third place") or a superlative ("3rd
    largest") follows, or no noun does ("3ème en Europe", "arrive 8e.")."""
    if is_rank_position_after(sentence, pos, language):
        return False
    if _SUPERLATIVE_AHEAD is not None and _SUPERLATIVE_AHEAD.match(sentence, pos):
        return False
    return read_counted(sentence, pos, allow_de=False, language=language) is not None or \
        unknown_noun(sentence, pos, language) is not None


_STOP_THEN_WORD = re.compile(rf"\.{_SP}+[^\W\d_]")


def is_ordinal_after_article(sentence: str, start: int, end: int) -> bool:
    """The digits ``sentence[start:end]`` are an ordinal written with a full stop after an article
    (``sentences.ordinal_articles``: "im 21. Bezirk", "zum 3. Mal", "die 5. Generation"): an
    article never stands before a bare count, and the stop is followed by the word it numbers."""
    return _STOP_THEN_WORD.match(sentence, end) is not None and ordinal_article_before(sentence, start)


def is_rank_position_after(sentence: str, pos: int, language: str) -> bool:
    """A position noun follows ``pos`` ("8ème position", "3. Platz"): the ordinal is a rank."""
    positions = _rank_positions(language)
    return positions is not None and positions.match(sentence, pos) is not None


# "a billion-dollar company", "ein Milliarden-Dollar-Unternehmen": a scale word hyphenated to its
# currency, no number written: the class of a thing (unicorns), not an amount
_CLASS_ADJECTIVE = re.compile(r"\A[^\d]*[^\W\d_]-[^\W\d_]+\Z")


_SCALE_THEN_HYPHEN = re.compile(rf"(?:{SCALE_WORD_PATTERN})-", re.I)


def is_class_adjective(figure_text: str, value: float) -> bool:
    """An amount written as a compound adjective, its scale word hyphenated to the currency and no
    number written ("billion-dollar", "a trillion-dollar market", "Milliarden-Dollar-"): the class
    of a thing, as in "the billion-dollar stable" (unicorns); no figure. A number in words stays
    ("a two-billion-dollar plan" is 2 billion): the value must be the scale alone."""
    if _CLASS_ADJECTIVE.match(figure_text) is None or value <= 0:
        return False
    # the hyphen joins the scale word to the currency ("billion-dollar"), not a currency's own
    # words ("eine Milliarde US-Dollar" is an amount)
    last = figure_text.split()[-1]
    if _SCALE_THEN_HYPHEN.match(last) is None:
        return False
    exponent = math.log10(value)
    return exponent == int(exponent) and int(exponent) % 3 == 0


# "the top 10 funding rounds", "die Top-5": the size of a ranking, whatever it ranks
_TOP_WORDS = _every_language("numbers", "top_words")
_TOP_WORD_N = re.compile(
    rf"(?<![\w-])(?i:{_TOP_WORDS})(?:{_SP}+|-)(?P<number>{_NUMBER_OR_WORD})"
) if _TOP_WORDS else None


# where a rank or a top-N number can start: a digit, or the first letters of a rank noun or a
# cardinal word, at a word start (the patterns are big alternations: not tried everywhere)
_RANK_GATE = re.compile(r"(?<![\w.,])(?=\d|(?i:" + "|".join(sorted({
    re.escape(w[:3] if w[:3].isalpha() else w[:2])
    for w in language_rules.all_words("number_words", "cardinals") + language_rules.all_words("numbers", "rank_nouns")
    if w[:2].isalpha()})) + "))")


#: a group's name holding its size, written in English in every language's press: "the Big Four
#: hyperscalers", "die Magnificent Seven", "les Big Five de la tech" (its number counts nothing)
_GROUP_NAME = re.compile(r"(?<![\w])(?:Big|Magnificent|Fab)" + _SP + r"+(?P<number>Two|Three|Four|Five|Six|Seven|Eight|Ten)(?![\w])")


#: how many digits a figure has ("une croissance à deux chiffres", numbers.digit_counts): no figure
_DIGIT_COUNTS = (re.compile(r"(?<![\w'’])(?i:" + _every_language("numbers", "digit_counts") + r")(?![\w])")
                 if language_rules.all_words("numbers", "digit_counts") else None)


@lru_cache(maxsize=256)
def _ranked_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    spans = [] if _RANKED_NUMBER is None else [
        (m.start("number"), m.end("number")) for m in finditer_at(_RANKED_NUMBER, _RANK_GATE, sentence)]
    if _TOP_N is not None:
        spans.extend((m.start("number"), m.end("number")) for m in finditer_at(_TOP_N, _RANK_GATE, sentence)
                     if m.group("between") is None or _FACTOR_WORD.fullmatch(m.group("between")) is None)
    if _TOP_WORD_N is not None:
        spans.extend((m.start("number"), m.end("number")) for m in _TOP_WORD_N.finditer(sentence))
    spans.extend((m.start("number"), m.end("number")) for m in _GROUP_NAME.finditer(sentence))
    if _DIGIT_COUNTS is not None:
        spans.extend(m.span() for m in _DIGIT_COUNTS.finditer(sentence))
    return tuple(sorted(spans))


def ranked_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of the numbers of ``sentence`` that are positions in a ranking, the size of a top-N
    list or of a group's name ("the Big Four"), or a figure's number of digits ("à deux chiffres"):
    digits or words."""
    return list(_ranked_spans(sentence))


_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


def _counts_a_noun_after(sentence: str, pos: int) -> bool:
    """A counted noun, in any language, follows ``pos`` (its adjectives skipped: "60,000 AI jobs");
    the pattern above sees a noun right after the number only. A partitive between ("France 2
    des investissements", "Llama 3 of the models") names a part of something: the number stays the
    name's."""
    if _PARTITIVE_AFTER.match(sentence, pos):
        return False
    return any(read_counted(sentence, pos, allow_de=False, language=code) is not None
               for code in language_rules.languages())


_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
# every language's partitives (``counted.partitives``: "des", "of the", "der"), read after a name's number
_PARTITIVE_AFTER = re.compile(_SP + r"+(?i:" + _every_language("counted", "partitives") + r")(?![\w])")


#: the languages whose nouns are written in lower case (a capital there may be a name)
_LOWER_NOUN_LANGUAGES = tuple(code for code in language_rules.languages()
                              if language_rules.text(code, "counted", "noun_case", "lower") != "capitalised")


def _title_case_count(sentence: str, pos: int) -> bool:
    """In a line written in title case, a capitalised plural noun follows ``pos`` ("Receives 76
    Bids"): the word before the number is no name ("Llama 3 Training" stays a name's number)."""
    return in_title_case(sentence, pos) and any(unknown_noun(sentence, pos, code) is not None for code in _LOWER_NOUN_LANGUAGES)


#: an article right before a capitalised word makes it a common noun in a language that capitalises
#: its nouns (numbers.noun_articles): its number is no name's
_NOUN_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?i:" + _every_language("numbers", "noun_articles") + r")" + _SP + r"+\Z")


_CAPITALISED_NOUN_AFTER = re.compile(_SP + r"+[A-ZÄÖÜ][a-zäöüß]")


def blocked_spans(sentence: str) -> list[tuple[int, int]]:
    """Sorted, merged spans of ``sentence`` where no figure may start."""
    gate = _BLOCK_GATE_WITH_EMAIL if "@" in sentence else _BLOCK_GATE
    spans = [(m.start(), m.end()) for m in finditer_at(_BLOCK, gate, sentence)]
    spans.extend(ranked_spans(sentence))
    for m in _NUMBER_RUN.finditer(sentence):
        if _LABEL_BEFORE.search(sentence, max(0, m.start() - _LABEL_REACH), m.start()) is None \
                or _UNIT_RIGHT_AFTER.match(sentence, m.end()):
            continue
        spans.append((m.start(), m.end()))
        if (more := _MORE_LABELS.match(sentence, m.end())) is not None:
            spans.append((more.start(), more.end()))
    for m in _POWER_OF_TEN.finditer(sentence):
        if (m.start() == 0 or not (sentence[m.start() - 1].isalnum() or sentence[m.start() - 1] in ".,")) and (
                _RATE_BEFORE.search(sentence, max(0, m.start() - 60), m.start())
                or (_RATE_OPENING.search(sentence, max(0, m.start() - 16), m.start())
                    and not _UNIT_RIGHT_AFTER.match(sentence, m.end()))):
            spans.append((m.start(), m.end()))
    for m in _NAMED_NUMBER.finditer(sentence):
        name = m.group("name")
        lower = name.lower()
        if lower in _FUNCTION_WORDS:
            continue
        number = m.group("number")
        if number[-1].isalpha() and _GLUED_UNIT.search(sentence, m.start("number"), m.end("number") + 1):
            continue  # checked here, not in the pattern: the unit alternation tried at every name's number cost 30 %
        if currency_before(sentence, m.start("number")) is not None:
            continue  # "EUR 5-10 billion": a currency code, not a name with its number
        if lower in _LABELS:
            spans.append((m.start("number"), m.end("number")))
            # the labels joined to it ("Anlagen 1 und 2", "Fragen 2 bis 4", "figures 3, 4 and 5")
            if (more := _MORE_LABELS.match(sentence, m.end("number"))) is not None:
                spans.append((more.start(), more.end()))
            continue
        if not any(c.isupper() for c in name):
            continue
        if _PLURAL_ACRONYM.fullmatch(name):
            continue  # "VCs 3016 und 3968 Millionen": a plural noun, no name has a version number
        at_start = not sentence[: m.start()].strip(" \t\n*#«\"'(-–—") or sentence[
            : m.start()
        ].rstrip().endswith((".", "!", "?", ":", "\n")) or _title_case_count(sentence, m.end("number"))
        inner_capital = any(c.isupper() for c in name[1:]) or any(c.isdigit() for c in name)
        versioned = not m.group("number").isdigit()  # "Mistral 7B", "Qwen 2.5"
        if at_start and not inner_capital and not versioned:
            continue
        grouped = _THOUSANDS.fullmatch(m.group("number")) is not None  # "60,000", not a version
        # a name in camel case is a product's, its number a model's whatever noun follows ("the
        # MareNostrum 5 supercomputer", "PowerPC 440-Prozessoren"); a count after any other name,
        # an acronym included, keeps its noun ("Frankfurt 30 operators", "hat EKZ 17 Rechenzentren")
        camel = any(c.isupper() for c in name[1:]) and any(c.islower() for c in name)
        if (grouped or not camel) and _COUNTED_RIGHT_AFTER.match(sentence, m.end("number")):
            continue
        if (not versioned or grouped) and (grouped or not camel) and _counts_a_noun_after(sentence, m.end("number")):
            continue  # "and Germany 60,000 AI jobs": a count after a name, its noun behind adjectives
        if len(name) > 2 and name[1:].islower() and _NOUN_ARTICLE_BEFORE.search(sentence, max(0, m.start() - 8), m.start()) \
                and _CAPITALISED_NOUN_AFTER.match(sentence, m.end("number")):
            continue  # "lägen der Regierung 103 Anträge vor": a German common noun before a count, no name
        spans.append((m.start("number"), m.end("number")))
    if not spans:
        return []
    spans.sort()
    merged = [spans[0]]
    for s, e in spans[1:]:
        if s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def is_blocked(spans: list[tuple[int, int]], position: int) -> bool:
    """True when ``position`` falls inside one of ``spans`` (as returned by blocked_spans)."""
    i = bisect_right(spans, (position, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= position < spans[i][1]


#: a note call glued to a year: the year, then one or two digits (not a round number: "20000")
_YEAR_AND_NOTE = re.compile(r"(?:19[5-9]\d|20[0-4]\d)[1-9]\d?")
#: a year's noun right before a number: "im Jahr 2024", "in the year 2024", "l'année 2024", "l'an 2024"
_YEAR_NOUNS = ("jahre?s?", "year", "années?")
#: a preposition of time or a year's noun right before a number ("in 2024", "d'ici 2030": "d'ici"
#: elides its "de"; "im Jahr 2024")
YEAR_PREPOSITION_BEFORE = re.compile(
    rf"(?i:(?:(?<![\w'’])(?:{'|'.join((*YEAR_PREPOSITIONS, *_YEAR_NOUNS))})|(?<=[dD]['’])ici|(?<=[lL]['’])(?:an|année))"
    rf"[ \u00a0\u202f]+)\Z")
_PUNCTUATION_AFTER = re.compile(r"[,.;:)](?!\d)|[ \u00a0]*$")


def is_year_with_note(s: str, start: int, end: int) -> bool:
    """Digits ``s[start:end]`` that are a year and its note call, glued by a page that lost the
    superscript, after a preposition of time and before punctuation ("d'ici 20301, ...", "by
    20252."): no figure."""
    return (_YEAR_AND_NOTE.fullmatch(s, start, end) is not None
            and YEAR_PREPOSITION_BEFORE.search(s, max(0, start - 12), start) is not None
            and _PUNCTUATION_AFTER.match(s, end) is not None)


#: a name with digits and a slash right before a number ("Next40/120")
_NAME_WITH_DIGITS_BEFORE = re.compile(r"[A-Za-z]\d+/\Z")
_INSTRUCTION_SETS = frozenset(("86", "64"))


def is_part_of_a_name(s: str, start: int, end: int, x_before: bool) -> bool:
    """Digits ``s[start:end]`` that continue a name: after a name with digits and a slash
    ("French Tech Next40/120"), or an instruction set after its "x" ("x86-based", ``x_before``)."""
    if x_before and s[start - 1] in "xX" and s[start:end] in _INSTRUCTION_SETS:
        return True
    return start > 0 and s[start - 1] == "/" and _NAME_WITH_DIGITS_BEFORE.search(s, max(0, start - 12), start) is not None


def looks_like_year(number_text: str) -> bool:
    """An integer 1900-2100 written without separators: a year unless a unit follows."""
    return len(number_text) == 4 and number_text.isdigit() and 1900 <= int(number_text) <= 2100
