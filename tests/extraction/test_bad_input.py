"""Bad input the extractor must read right or refuse: invisible characters, markup, numbers it
cannot read exactly, sentences longer than the cap, a document over its budget."""

from __future__ import annotations

import math

import pytest

from pipelines.extraction.budget import BudgetExceeded, DocumentBudget
from pipelines.extraction.document import extract_document
from pipelines.extraction.numbers import find_unreadable_numbers
from pipelines.extraction.segments import MAX_CHARS, split_document
from pipelines.extraction.source_text import clean_text, markup_spans


def rows(text: str, columns=("char_start", "char_end", "figure_text", "value", "unit")) -> list[tuple]:
    return extract_document(text, "fr", 2025).select(*columns).rows()


@pytest.mark.parametrize(
    ("mark", "name"),
    [("\u200b", "zero-width space"), ("\u200d", "zero-width joiner"), ("\u200c", "zero-width non-joiner"),
     ("\u200e", "left-to-right mark"), ("\u200f", "right-to-left mark"), ("\u2060", "word joiner"),
     ("\u202e", "right-to-left override"), ("\u2066", "left-to-right isolate"), ("\u00ad", "soft hyphen"),
     ("\ufeff", "byte-order mark")],
)
def test_an_invisible_character_inside_a_number_is_read_through_and_spans_index_the_raw_text(mark, name):
    text = f"La France investira 5{mark}000 milliards d'euros et 1{mark}2 millions de dollars."
    assert rows(text) == [
        (20, 43, f"5{mark}000 milliards d'euros", 5e12, "EUR"),
        (47, 70, f"1{mark}2 millions de dollars", 1.2e7, "USD"),
    ]


def test_invisible_characters_inside_scale_words_and_several_in_a_row():
    text = "Budget : 12 mil\u00adliards d'euros, puis 3\u200b\u200f\u200e4 GPU."
    assert rows(text) == [(9, 30, "12 mil\u00adliards d'euros", 1.2e10, "EUR"), (37, 46, "3\u200b\u200f\u200e4 GPU", 34.0, "count")]


def test_a_byte_order_mark_is_not_part_of_the_first_quote():
    text = "\ufeffLe plan prévoit 12 milliards d'euros."
    frame = extract_document(text, "fr", 2025)
    assert frame.select("quote", "quote_start", "quote_end", "char_start", "char_end").rows() == [
        ("Le plan prévoit 12 milliards d'euros.", 1, 38, 17, 37)]


def test_the_offset_map_keeps_spans_exact_around_removed_characters():
    cleaned = clean_text("\u200bab\u200dc\u200e")
    assert cleaned.text == "abc"
    assert [cleaned.raw_span(0, 3), cleaned.raw_span(1, 3), cleaned.raw_span(2, 3), cleaned.raw_span(0, 1)] == [
        (1, 5), (2, 5), (4, 5), (1, 2)]


def test_figures_inside_markup_are_not_facts_and_text_between_tags_is():
    text = ('Voir <img src=x onerror=alert(1)> et <a href="javascript:f(3)" data-n=\'7 GPU\'>le lien</a>. '
            "<script>var budget = 500; // 20 milliards d'euros</script><!-- 40 GPU --><style>p{width:300px}</style>"
            "L'État a mis <b>12 milliards d'euros</b> sur la table.")
    assert rows(text, ("figure_text", "value", "unit")) == [("12 milliards d'euros", 1.2e10, "EUR")]


def test_markup_spans_are_linear_on_unclosed_elements():
    text = "<script>" * 50_000 + "x <!--" * 50_000 + " 1"
    spans = markup_spans(text)
    assert len(spans) == 50_000 and spans[0] == (0, 8)


@pytest.mark.parametrize(
    ("number", "why"),
    [("10^400", "unreadable_notation"), ("10 ^ 400", "unreadable_notation"), ("10**400", "unreadable_notation"),
     ("1e309", "unreadable_notation"), ("2,5E-3", "unreadable_notation"), ("3 × 10^5", "unreadable_notation"),
     ("10⁶⁰⁰", "unreadable_notation"), ("123456789012345678901234", "too_many_digits"),
     ("123 456 789 012 345 678 901 234", "too_many_digits"), ("1234567890123456", "too_many_digits"),
     ("1" + "0" * 400, "too_many_digits"), ("9" * 401, "too_many_digits")],
)
def test_a_number_that_cannot_be_read_exactly_is_an_unreadable_row_never_a_smaller_number(number, why):
    text = f"Un total de {number} euros est annoncé."
    frame = extract_document(text, "fr", 2025)
    assert frame.select("char_start", "char_end", "figure_text", "unit", "metric").rows() == [
        (12, 12 + len(number), number, "unreadable", why)]
    assert math.isnan(frame["value"][0])


@pytest.mark.parametrize(("number", "value"), [("10^18", 1e18), ("10 ^ 15", 1e15), ("10**12", 1e12), ("10⁶", 1e6),
                                              ("10⁻³", 1e-3)])
def test_ten_to_a_short_power_is_read_exactly(number, value):
    """Ten to a power of one or two digits is exact, and its unit follows it; a mantissa before it
    or a longer exponent stays unreadable (above)."""
    assert rows(f"Un total de {number} euros est annoncé.") == [(12, 12 + len(number) + 6, f"{number} euros", value, "EUR")]


def test_fifteen_significant_digits_are_still_read_exactly():
    assert rows("Un total de 123456789012345 euros.") == [(12, 33, "123456789012345 euros", 123456789012345.0, "EUR")]
    assert find_unreadable_numbers("le 1er et le 2e trimestre 2025, 12 000 et 1,5 %") == []


def test_a_long_sentence_is_never_cut_between_a_number_and_its_words():
    for filler in range(300, 420, 7):  # the cap falls at every place around the figure
        text = "Un long texte " + "x" * filler + " " + "bla " * 20 + "avec plus de 20 milliards d'euros ensuite " + "fin " * 40 + "."
        figures = rows(text, ("figure_text", "value", "unit", "bound"))
        assert figures == [("20 milliards d'euros", 2e10, "EUR", "at_least")], filler


def test_a_long_sentence_without_a_space_far_from_its_figure_is_cut_before_the_number():
    text = "Un long texte " + "x" * 360 + " bla bla avec 20 milliards d'euros ensuite " + "fin " * 40 + "."
    assert rows(text) == [(388, 408, "20 milliards d'euros", 2e10, "EUR")]
    assert [s.text[:25] for s in split_document(text)][1] == "20 milliards d'euros ensu"


def test_a_run_longer_than_the_cap_without_a_space_is_kept_whole():
    number = "9" * 401
    text = "Un total de " + number + " euros, " + "bla " * 10 + "."
    sentences = split_document(text)
    assert sentences[0].text.startswith("Un total de " + number + " euros")
    assert len(sentences[0].text) > MAX_CHARS


def test_a_document_over_its_time_budget_is_stopped():
    text = "Le plan prévoit 12 milliards d'euros. " * 50
    with pytest.raises(BudgetExceeded) as exceeded:
        extract_document(text, "fr", 2025, budget=DocumentBudget(seconds=1e-9))
    assert exceeded.value.reason == "too_slow"
    assert "over the budget of 1e-09 s per document (EAC_DOCUMENT_SECONDS)" in exceeded.value.detail


def test_a_document_over_its_memory_budget_is_stopped():
    budget = DocumentBudget(memory_bytes=1)
    hog = bytearray(8 * 1024 * 1024)  # the process grows by 8 MiB after the budget started
    hog[::4096] = b"x" * len(hog[::4096])
    with pytest.raises(BudgetExceeded) as exceeded:
        extract_document("Le plan prévoit 12 milliards d'euros.", "fr", 2025, budget=budget)
    assert exceeded.value.reason == "too_large_in_memory"
    assert "over the budget of 0 MiB per document (EAC_DOCUMENT_MEMORY_MB)" in exceeded.value.detail


def test_budget_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("EAC_DOCUMENT_SECONDS", "30")
    monkeypatch.setenv("EAC_DOCUMENT_MEMORY_MB", "0")
    budget = DocumentBudget.from_environment()
    assert (budget.seconds, budget.memory_bytes) == (30.0, None)
    monkeypatch.setenv("EAC_DOCUMENT_SECONDS", "soon")
    with pytest.raises(ValueError, match=r"EAC_DOCUMENT_SECONDS='soon': expected a number \(0 for no limit\)"):
        DocumentBudget.from_environment()


def test_a_superscript_one_or_two_after_ten_is_no_power():
    """"10²" may be ten and a note call: it stays an unreadable row, never a hundred."""
    frame = extract_document("Un total de 10² euros est annoncé.", "fr", 2025)
    assert frame.select("figure_text", "unit", "metric").rows() == [("10²", "unreadable", "unreadable_notation")]
