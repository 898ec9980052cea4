"""Digit formats, scale words and phrase language (pipelines.extraction.numbers)."""

from __future__ import annotations

import pytest

from pipelines.extraction.numbers import parse_digits, phrase_language, read_number, scale_value


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1,5", "fr", 1.5),
        ("1.5", "fr", 1.5),
        ("1.5", "en", 1.5),
        ("4 000", "fr", 4000),
        ("200\u00a0000", "fr", 200000),
        ("200\u202f000", "fr", 200000),
        ("1 234 567,89", "fr", 1234567.89),
        ("1,000,000", "en", 1000000),
        ("1,000,000", "fr", 1000000),
        ("1,234.5", "en", 1234.5),
        ("1.234,5", "fr", 1234.5),
        ("1.000", "fr", 1000),
        ("1.000", "en", 1.0),
        ("1,500", "en", 1500),
        ("1,500", "fr", 1.5),
        ("2.500.000", "fr", 2500000),
        ("0,5", "fr", 0.5),
        ("-5", "fr", -5),
        ("−5", "fr", -5),
    ],
)
def test_parse_digits(text: str, language: str, expected: float) -> None:
    assert parse_digits(text, language) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("text", ["1,2,3", "1.2.3", "12,34,567", "1" * 19, "", "abc"])
def test_parse_digits_refuses_malformed_numbers(text: str) -> None:
    assert parse_digits(text, "fr") is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1,5 milliard", "fr", 1.5e9),
        ("200 milliards", "fr", 2e11),
        ("11,8 billions", "fr", 1.18e13),
        ("200 billion", "en", 2e11),
        ("3 trillion", "en", 3e12),
        ("2 trillions", "fr", 2e18),
        ("22 mille", "fr", 22000),
        ("5 thousand", "en", 5000),
        ("10K", "en", 1e4),
        ("84B", "en", 8.4e10),
        ("200bn", "en", 2e11),
        ("3 bn", "fr", 3e9),
        ("1,5 Md", "fr", 1.5e9),
        ("2 Mds", "fr", 2e9),
        ("4 Mrd", "fr", 4e9),
        ("2 tn", "en", 2e12),
        ("5 millions", "fr", 5e6),
        ("1.2 million", "en", 1.2e6),
    ],
)
def test_read_number_with_scale(text: str, language: str, expected: float) -> None:
    assert read_number(text, language) == pytest.approx(expected, rel=1e-9)


def test_read_number_refuses_text() -> None:
    with pytest.raises(ValueError):
        read_number("deux cents", "fr")


def test_billion_depends_on_language() -> None:
    assert scale_value("billion", "fr") == (1e12, "fr")
    assert scale_value("billion", "en") == (1e9, "en")
    assert scale_value("milliard", "en") == (1e9, "fr")
    assert scale_value("bn", "fr") == (1e9, "en")
    assert scale_value("Md", "en") == (1e9, "fr")
    assert scale_value("furlong", "en") is None
    assert scale_value("Billionen", "de") == (1e12, "de")
    assert scale_value("billion", "de") == (1e12, "de")
    assert scale_value("Mrd", "de") == (1e9, "de")
    assert scale_value("Tsd", "en") == (1e3, "de")


@pytest.mark.parametrize(
    ("sentence", "number", "default", "expected"),
    [
        ("atteignant 11,8 billions de dollars.", "11,8", "fr", "fr"),
        ("plus de 3 billions d’euros", "3", "fr", "fr"),
        ("« EU mobilizes \\$200 billion in AI race »", "200", "fr", "en"),
        ("Tech giants to spend $200 billion", "200", "fr", "en"),
        ("Tech Megacaps Plan to Spend more than \\$300 Billion in 2025", "300", "fr", "en"),
        ("EU's AI Push to Get 50 Billion Euro Boost", "50", "fr", "en"),
        ("Big Tech's \\$200bn AI Spending", "200", "fr", "en"),
        ("a total of 1.5 billion", "1.5", "fr", "en"),
        ("un total de 1,5 billion", "1,5", "fr", "fr"),
        # an English document is read in English only (its resource reads no other language)
        ("un total de 1,5 billion", "1,5", "en", "en"),
        # German reads German and English: "Billionen" is German (10^12), a decimal point English
        ("insgesamt 1,5 Billionen Euro", "1,5", "de", "de"),
        ("a total of 1.5 billion", "1.5", "de", "en"),
        ("mit 1,2 Billion Euro", "1,2", "de", "de"),
        ("200 billion", "200", "fr", "fr"),
        ("200 billion", "200", "en", "en"),
    ],
)
def test_phrase_language(sentence: str, number: str, default: str, expected: str) -> None:
    start = sentence.index(number)
    assert phrase_language(sentence, start, start + len(number), default) == expected
