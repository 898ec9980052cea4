"""Currency symbols and words (pipelines.extraction.currencies)."""

from __future__ import annotations

import pytest

from pipelines.extraction.currencies import currency_after, currency_before, currency_code, local_currency, local_dollar
from pipelines.extraction.document import extract_document


@pytest.mark.parametrize(
    ("token", "code"),
    [
        ("€", "EUR"),
        ("euros", "EUR"),
        ("d'euros", "EUR"),
        ("d’euros", "EUR"),
        ("EUR", "EUR"),
        ("$", "USD"),
        ("\\$", "USD"),
        ("dollars", "USD"),
        ("de dollars", "USD"),
        ("USD", "USD"),
        ("US$", "USD"),
        ("£", "GBP"),
        ("livres sterling", "GBP"),
        ("GBP", "GBP"),
        ("CHF", "CHF"),
        ("francs suisses", "CHF"),
        ("yuans", "CNY"),
        ("CNY", "CNY"),
        ("C$", "CAD"),
        ("dollars canadiens", "CAD"),
    ],
)
def test_currency_code(token: str, code: str) -> None:
    assert currency_code(token) == code


def test_currency_code_unknown() -> None:
    assert currency_code("roubles") is None


@pytest.mark.parametrize(
    ("text", "code", "symbol"),
    [("spend $200", "USD", "$"), ("at \\$40", "USD", "\\$"), ("invest €1", "EUR", "€"), ("worth US$2", "USD", "US$"), ("EUR 3", "EUR", "EUR "), ("£300", "GBP", "£")],
)
def test_currency_before(text: str, code: str, symbol: str) -> None:
    start = next(i for i, c in enumerate(text) if c.isdigit())
    read = currency_before(text, start)
    assert read is not None
    assert read[0] == code
    assert text[read[1] : start] == symbol


def test_no_currency_before() -> None:
    assert currency_before("plus de 60", 8) is None


@pytest.mark.parametrize(
    ("text", "after_scale", "code", "rest"),
    [
        (" d'euros via", True, "EUR", " via"),
        (" de dollars en 2024", True, "USD", " en 2024"),
        (" €, soit", False, "EUR", ", soit"),
        ("€ au total", False, "EUR", " au total"),
        (" Euro Boost", True, "EUR", " Boost"),
        (" de livres", True, "GBP", ""),
        (" livres sterling", False, "GBP", ""),
    ],
)
def test_currency_after(text: str, after_scale: bool, code: str, rest: str) -> None:
    read = currency_after(text, 0, after_scale=after_scale)
    assert read is not None
    assert read[0] == code
    assert text[read[1] :] == rest


def test_de_before_currency_needs_a_scale_word() -> None:
    assert currency_after(" d'euros", 0, after_scale=False) is None
    assert currency_after(" livres", 0, after_scale=False) is None


def test_a_plain_dollar_is_the_currency_of_the_country_a_text_names_most() -> None:
    assert local_dollar({"CA": 2, "US": 1}) == "CAD"
    assert local_dollar({"US": 2, "CA": 1}) is None  # US dollars
    # the world, the EU and Europe are no country: they do not tie with Canada
    assert local_dollar({"CA": 1, "WORLD": 1}) == "CAD"
    assert local_dollar({"CA": 1, "EU": 3, "EUROPE": 2}) == "CAD"
    assert local_dollar({"CA": 1, "AU": 1}) is None  # two countries with a dollar: no decision
    text = ("Le budget fédéral canadien consacre plus d'un milliard de dollars à l'intelligence artificielle "
            "du pays, l'une des plus ambitieuses au monde.")
    rows = extract_document(text, "fr", 2025)
    assert rows.filter(rows["figure_text"] == "un milliard de dollars")["unit"].to_list() == ["CAD"]


def test_a_plain_crown_is_the_crown_of_the_country_a_text_names_most() -> None:
    assert local_currency("DKK", {"NO": 2, "DK": 1}) == "NOK"
    assert local_currency("DKK", {"SE": 1, "US": 3}) == "SEK"  # other countries do not vote
    assert local_currency("DKK", {"US": 2}) is None  # no crown country: the plain word's Danish crown stays
    assert local_currency("DKK", {"NO": 1, "SE": 1}) is None  # a tie: no decision


@pytest.mark.parametrize(("text", "language", "figure", "code"), [
    # a plain crown in a text on Norway, Sweden; on Denmark or none of them it is the Danish one
    ("Green Mountain will invest 2 billion kroner in Norway, Norway's largest data centre.", "en", "2 billion kroner", "NOK"),
    ("Microsoft investira 33,7 milliards de couronnes en Suède.", "fr", "33,7 milliards de couronnes", "SEK"),
    ("Microsoft investiert 33,7 Milliarden Kronen in Schweden.", "de", "33,7 Milliarden Kronen", "SEK"),
    ("The foundation gave 100 million kroner to the AI centre.", "en", "100 million kroner", "DKK"),
    # a crown the figure names keeps its name, whatever the text's country
    ("Denmark's fund paid 600 million Danish kroner for a site in Norway, Norway's north.", "en",
     "600 million Danish kroner", "DKK"),
])
def test_a_plain_crown_amount_takes_its_text_s_crown(text, language, figure, code) -> None:
    rows = extract_document(text, language, 2025)
    assert rows.filter(rows["figure_text"] == figure)["unit"].to_list() == [code]


@pytest.mark.parametrize(
    ("text", "language", "figure", "value", "code"),
    [
        # an ISO code before the amount, in a paragraph whose other amounts are dollars: the baht, not
        # the dollar the paragraph would lend an amount with no currency
        ("The board approved projects worth US$3.1 billion. One is valued at THB 26.7 billion (approx. US$826 million).",
         "en", "THB 26.7 billion", 26.7e9, "THB"),
        # ... and after it
        ("The government will invest a total of 292.9 billion KRW by 2028.", "en", "292.9 billion KRW", 292.9e9, "KRW"),
        ("Le fonds dispose de BRL 2 milliards.", "fr", "BRL 2 milliards", 2e9, "BRL"),
        ("Das Rechenzentrum kostet 1,2 Mrd. ZAR.", "de", "1,2 Mrd. ZAR", 1.2e9, "ZAR"),
    ],
)
def test_an_amount_written_with_an_iso_code_the_ecb_publishes_is_in_that_currency(text, language, figure, value, code):
    frame = extract_document(text, language, 2025)
    row = frame.filter(frame["figure_text"] == figure).row(0, named=True)
    assert (row["value"], row["unit"]) == (value, code)


def test_php_before_a_number_is_the_programming_language():
    frame = extract_document("PHP 8 was released, and 7 million developers use it.", "en", 2025)
    assert not frame["unit"].str.contains(r"^[A-Z]{3}$").any()
