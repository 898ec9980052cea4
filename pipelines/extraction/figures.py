"""Every quantitative figure of one sentence, read exactly.

``find_figures(sentence, language)`` finds the atoms of the sentence and composes the modules
that read them:

* :mod:`atoms` says where every figure starts (digits, number words, fractions, multipliers);
* :mod:`figures_in_digits` reads a figure written with digits (scale, currency, range, unit);
* :mod:`figures_in_words` reads a figure written in words (``deux ans``, ``un milliard``);
* :mod:`tails` reads what follows a number (currency, unit, counted noun), :mod:`scale_after`
  the scale words after it, :mod:`bounded` makes the figure with its bound;
* :mod:`ranges` reads ranges, :mod:`part_counts` the parts of a total (``dont une``),
  :mod:`compound_counts` the counts that open a compound adjective (``two-storey``),
  :mod:`named_ratios` the ratios named before their number (``a PUE of 1.2``), :mod:`shared_scale`
  the items of a list of amounts that write their scale once (``Microsoft 180, Meta 125 und
  Alphabet 105 Milliarden Dollar``), :mod:`restatements` the bound of an amount restated in
  parentheses (``more than £2 billion ($2.4bn)``).

They build on the rule modules: :mod:`numbers` (digits, scale words, phrase language),
:mod:`number_words`, :mod:`currencies`, :mod:`qualifiers` (the bound), :mod:`units`,
:mod:`counted` (what a count counts) and :mod:`not_figures` (where digits are not figures).

Composition decisions (the rest is in the modules above):

* A figure's span is the number as written with its scale, its currency (before or after) and
  its unit or counted noun (``200 000 GPU H100``, ``200 milliards d'euros``, ``$200 billion``);
  the bound qualifier is outside the span. Spans are sorted and never overlap.
* An amount with a scale word and no currency takes the currency stated earlier in the same
  sentence (``50 milliards d'euros ... dont 20 milliards``): the last currency read is carried
  to the next figures (see :mod:`tails`).
* Only digits can be footnotes, dates, identifiers or names (:mod:`not_figures`); a number
  word may be a rank (``auf Platz zwei``).
* ``find_figures`` never raises: every reader returns None on what it cannot read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipelines.extraction import languages as language_rules
from pipelines.extraction.atoms import GLUED_CODE, atom_pattern, atoms_of
from pipelines.extraction.compound_numerals import join_compound_numerals
from pipelines.extraction.compound_counts import compound_counts
from pipelines.extraction.currencies import UNSTATED, is_money, states_a_currency
from pipelines.extraction.figures_in_digits import read_digits
from pipelines.extraction.figures_in_words import read_word_atom
from pipelines.extraction.model import Figure
from pipelines.extraction.named_ratios import read_named_ratios
from pipelines.extraction.number_words import multiplied_by_before
from pipelines.extraction.not_figures import blocked_spans, is_blocked, is_class_adjective, ranked_spans
from pipelines.extraction.numbers import finditer_at
from pipelines.extraction.part_counts import may_hold_parts, part_counts
from pipelines.extraction.shares_out_of import may_hold_shares, read_shares_out_of, read_slashed_fractions
from pipelines.extraction.ranges import join_written_ranges
from pipelines.extraction.restatements import share_restated_bounds
from pipelines.extraction.shared_scale import read_shared_scales
from pipelines.extraction.change_ends import read_change_ends
from pipelines.extraction.times_less import read_times_less

__all__ = ["find_figures", "atom_pattern"]


#: an upper-case letter right before a digit: the only sentences that may hold "USD80.5bn"
_MAY_BE_CODED = re.compile(r"[A-Z](?=\d)")


def find_figures(sentence: str, language: str) -> list[Figure]:
    """Every quantitative figure stated in ``sentence``, sorted by start, non-overlapping.

    ``language`` is the document's language (``"fr"`` or ``"en"``); the phrase around each
    number decides its scale words (see :mod:`numbers`).
    """
    if not isinstance(sentence, str) or not sentence:
        return []
    try:
        doc_language = language_rules.normalise(language)
    except ValueError:
        doc_language = "fr"  # find_figures never raises
    figures: list[Figure] = []
    blocked: list[tuple[int, int]] | None = None
    ranked: list[tuple[int, int]] | None = None
    consumed = 0
    carried: str | None = None
    atoms = atoms_of(doc_language)
    # "USD80.5bn": digits after a word character (the substring test spares most sentences the scan)
    coded = _MAY_BE_CODED.search(sentence) is not None and GLUED_CODE.search(sentence) is not None
    gate = atoms.coded_gate if coded else atoms.gate
    lowered = atoms.words.lowered(sentence) if atoms.words is not None else None
    words = lowered is None or atoms.words.pattern.search(lowered) is not None
    if not words:
        gate = atoms.coded_number_gate if coded else atoms.number_gate  # no atom of words: digits only
    numbers_seen = 0  # atoms met, read or not (a share's two numbers may be neither a figure)
    # "un hectare": the article atom's measure words, only where the sentence holds one of the
    # strings they require (searched in the sentence lower-cased once for both gates)
    if words and atoms.measures is not None and lowered is not None and not any(
            c in sentence for c in atoms.measures_unsafe):
        measured = atoms.measures.search(lowered) is not None
    else:
        measured = words
    if measured:
        pattern = atoms.measured_coded_pattern if coded else atoms.measured_pattern
    else:
        pattern = atoms.coded_pattern if coded else atoms.pattern
    for m in finditer_at(pattern, gate, sentence):
        numbers_seen += 1
        if m.start() < consumed:
            continue
        if m.group("num"):  # only digits can be footnotes, dates, identifiers or names
            if blocked is None:
                blocked = blocked_spans(sentence)
            if blocked and is_blocked(blocked, m.start("digits")):
                continue
        else:  # a number word may be a rank ("auf Platz zwei")
            if ranked is None:
                ranked = ranked_spans(sentence)
            if ranked and is_blocked(ranked, m.start()):
                continue
        figure = _read(sentence, m, doc_language, carried, consumed)
        if figure is None:
            continue
        if is_money(figure.unit) and is_class_adjective(sentence[figure.start:figure.end], figure.value):
            consumed = figure.end
            continue  # "a billion-dollar company", "ein Milliarden-Dollar-Unternehmen"
        figures.append(figure)
        consumed = figure.end
        if figure.unit != UNSTATED and is_money(figure.unit) and not figure.counted:
            carried = figure.unit
    if len(figures) > 1:  # "19 millions 859 mille 981 lignes": one number in pieces of decreasing scale
        figures = join_compound_numerals(sentence, figures, doc_language)
    if any(is_money(f.unit) or (f.unit == "count" and not f.counted) for f in figures):
        figures = _multiplied_by(sentence, figures, doc_language)
    figures = compound_counts(sentence, figures, doc_language)
    # a part needs a count of something before it, a share two numbers: the word tests run only then
    if any(f.unit == "count" and f.counted for f in figures) and may_hold_parts(sentence, doc_language):
        figures = part_counts(sentence, figures, doc_language)
    if numbers_seen >= 2 and may_hold_shares(sentence, doc_language):
        figures = read_shares_out_of(sentence, figures, doc_language)
    figures = read_slashed_fractions(sentence, figures, doc_language)
    if len(figures) > 1:
        figures = join_written_ranges(sentence, figures, doc_language)
    scaled = read_shared_scales(sentence, figures, doc_language)
    if len(scaled) > 1 and scaled != figures:
        # a plain first end takes its scale and currency from the second only now: "zwischen 1,3 und
        # zwei Milliarden Euro" is one range once "1,3" reads as billions of euros
        scaled = join_written_ranges(sentence, scaled, doc_language)
    figures = read_change_ends(sentence, scaled, doc_language)
    if len(figures) > 1 and "(" in sentence:
        figures = share_restated_bounds(sentence, figures)
    return read_times_less(sentence, read_named_ratios(sentence, figures, doc_language), doc_language)


def _multiplied_by(sentence: str, figures: list[Figure], language: str) -> list[Figure]:
    """A number after "multiplié par", "by a factor of", "um den Faktor" is a factor, though its
    scale word made it an amount ("multipliée par un million": no currency of its own, the
    sentence's carried to it) or its digit groups a count ("par 1 000")."""
    out = []
    for f in figures:
        if ((is_money(f.unit) and not states_a_currency(sentence[f.start:f.end], language))
                or (f.unit == "count" and not f.counted)) and multiplied_by_before(sentence, f.start, language):
            f = replace(f, unit="factor", counted=None)
        out.append(f)
    return out


def _read(s: str, m: re.Match[str], doc_language: str, carried: str | None, floor: int) -> Figure | None:
    if m.group("num"):
        return read_digits(s, m, doc_language, carried, floor)
    return read_word_atom(s, m, doc_language, carried)
