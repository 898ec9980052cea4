"""Area, distance, storage and temperature units, hyphenated units, and ranges whose two ends
each carry their unit (small sentences written for each rule)."""

import pytest

from pipelines.extraction.figures import find_figures


def read(sentence: str, language: str) -> list[tuple[str, float, float, float, str]]:
    return [(sentence[f.start:f.end], f.value, f.value_low, f.value_high, f.unit) for f in find_figures(sentence, language)]


@pytest.mark.parametrize("sentence, language, expected", [
    ("Le site de 32 hectares est en Essonne.", "fr", ("32 hectares", 320_000.0, "m2")),
    ("Un bâtiment de 66 000 m² sera construit.", "fr", ("66 000 m²", 66_000.0, "m2")),
    ("The campus covers 120 acres.", "en", ("120 acres", pytest.approx(485_622.770688), "m2")),
    ("The halls span 8.3 million square meters.", "en", ("8.3 million square meters", pytest.approx(8.3e6), "m2")),
    ("Le site est à trente kilomètres de Paris.", "fr", ("trente kilomètres", 30.0, "km")),
    ("La gare est à 550 mètres.", "fr", ("550 mètres", pytest.approx(0.55), "km")),
    ("Le stockage atteindra 300 Po.", "fr", ("300 Po", 300_000.0, "TB")),
    ("It holds 29 PB raw.", "en", ("29 PB", 29_000.0, "TB")),
    ("Each node has 512 GB of memory.", "en", ("512 GB", pytest.approx(0.512), "TB")),
    ("A 30-megawatt facility opens.", "en", ("30-megawatt", 30.0, "MW")),
    ("L'eau sort à 45 °C.", "fr", ("45 °C", 45.0, "degC")),
])
def test_measures_are_read_in_their_canonical_unit(sentence, language, expected):
    (text, value, _low, _high, unit), = read(sentence, language)
    assert (text, value, unit) == expected


def test_the_english_word_to_and_a_bare_m_are_not_units():
    assert read("Sales grew 10 to 20 times.", "en")[0][4] == "factor"
    assert read("Mistral raised $5m.", "en") == [("$5m", 5e6, 5e6, 5e6, "USD")]


@pytest.mark.parametrize("sentence, language, expected", [
    ("Alphabet expects capex of $60 billion to $65 billion this year.", "en",
     [("$60 billion to $65 billion", 62.5e9, 60e9, 65e9, "USD")]),
    ("Meta guided $116B to $118B, up 22% to 24%.", "en",
     [("$116B to $118B", 117e9, 116e9, 118e9, "USD"), ("22% to 24%", 23.0, 22.0, 24.0, "percent")]),
    ("Le fonds vise 30 milliards d'euros à 50 milliards d'euros.", "fr",
     [("30 milliards d'euros à 50 milliards d'euros", 40e9, 30e9, 50e9, "EUR")]),
    ("Le site couvrira entre 18 hectares et 150 hectares.", "fr",
     [("18 hectares et 150 hectares", 840_000.0, 180_000.0, 1_500_000.0, "m2")]),
    ("Racks draw 100-200 kilowatts.", "en", [("100-200 kilowatts", pytest.approx(0.15), pytest.approx(0.1), pytest.approx(0.2), "MW")]),
])
def test_ranges_whose_ends_each_carry_their_unit_are_one_figure(sentence, language, expected):
    assert read(sentence, language) == expected


@pytest.mark.parametrize("sentence, language", [
    ("The stake rose from $75bn to $85bn.", "en"),
    ("La part est passée de 10 % à 70 %.", "fr"),
    ("Microsoft invests $10bn and Google $12bn.", "en"),
])
def test_a_change_or_a_list_stays_two_figures(sentence, language):
    assert len(read(sentence, language)) == 2
