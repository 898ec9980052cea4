"""Tables become facts: value, unit, period, place and quote of each numeric cell."""

import polars as pl
import pytest

from pipelines.converters import convert_document
from pipelines.extraction.document import SCHEMA
from pipelines.extraction.tables import read_unit_line, table_facts
from tests.test_converters import REPORT_MD


def facts(document_format, raw, language="fr"):
    converted = convert_document(document_format, raw.encode(), "raw/x")
    frame = table_facts(converted, language)
    for row in frame.iter_rows(named=True):  # every fact's span is its figure in the converted text
        assert converted.text[row["char_start"]:row["char_end"]] == row["figure_text"]
    return frame


def test_a_cell_under_a_caption_s_unit_line_is_scaled_and_takes_its_column_s_year():
    frame = facts("md", REPORT_MD)
    assert frame.schema == pl.Schema(SCHEMA)
    assert frame.height == 6
    france_2024 = frame.row(1, named=True)
    assert france_2024["figure_text"] == "1 250"
    assert france_2024["value"] == 1_250_000_000 and france_2024["unit"] == "EUR"
    assert france_2024["scale_language"] == "fr"
    assert (france_2024["period_start"], france_2024["period_end"], france_2024["period_text"]) == (2024, 2024, "2024")
    assert france_2024["location"] == "table" and france_2024["geo"] == "FR"
    assert france_2024["quote"] == (
        "Tableau 3 : Investissements publics dans l'IA par pays (En millions d'euros) | France | 2024: 1 250"
    )
    assert REPORT_MD[france_2024["quote_start"]:france_2024["quote_end"]] == "France | 1 100 | 1 250"
    assert frame["value"].to_list() == [1.1e9, 1.25e9, 9.8e8, 1.02e9, 2.08e9, 2.27e9]
    assert frame["geo"].to_list() == ["FR", "FR", "DE", "DE", None, None]
    # the composed quote is the cell's sentence: its caption names the investment
    assert frame.select("topic", "topic_evidence").unique().rows() == [("capex", "sentence")]


def test_a_cell_whose_quote_names_no_word_of_its_topic_has_no_evidence():
    # jobs are other by their noun; the text around a table is not read
    frame = facts("md", "| Pays | Emplois |\n|---|---|\n| France | 1 200 |\n")
    assert frame.select("figure_text", "topic", "topic_evidence").rows() == [("1 200", "other", "none")]


def test_multi_level_headers_give_each_cell_its_measure_its_year_and_the_measure_s_unit():
    raw = (
        "| Pays | Investissements (M€) | | Emplois |\n|---|---|---|---|\n"
        "| | 2023 | 2024 | 2024 |\n| France | 1 100 | 1 250 | 3 400 |\n"
    )
    frame = facts("md", raw)
    assert frame.select("quote", "value", "unit", "period_start").rows() == [
        ("Table 1 | France | Investissements (M€) | 2023: 1 100", 1.1e9, "EUR", 2023),
        ("Table 1 | France | Investissements (M€) | 2024: 1 250", 1.25e9, "EUR", 2024),
        ("Table 1 | France | Emplois | 2024: 3 400", 3400.0, "count", 2024),
    ]


def test_an_english_csv_in_billions_and_a_percentage_column():
    raw = "Country,AI investment (in € bn),Share of GDP (%)\nFinland,1.2,0.45\nItaly,3.4,0.2\n"
    frame = facts("csv", raw, "en")
    assert frame.select("figure_text", "value", "unit").rows() == [
        ("1.2", 1.2e9, "EUR"), ("0.45", 0.45, "percent"), ("3.4", 3.4e9, "EUR"), ("0.2", 0.2, "percent"),
    ]
    assert frame["geo"].to_list() == ["FI", "FI", "IT", "IT"]
    assert frame["period_start"].to_list() == [None] * 4


def test_a_cell_that_states_its_own_unit_keeps_it_and_a_cell_without_a_number_gives_nothing():
    raw = "| Programme | Budget |\n|---|---|\n| EuroHPC JU | 7 milliards d'euros |\n| InvestAI | n.d. |\n| Usines d'IA | — |\n"
    frame = facts("md", raw)
    assert frame.select("figure_text", "value", "unit").rows() == [("7 milliards d'euros", 7e9, "EUR")]


def test_a_year_in_the_caption_is_the_period_when_no_header_gives_one():
    raw = "Graphique 1 : Investissements en IA, en milliards de dollars (2024)\n\n| Pays | Montant |\n|---|---|\n| États-Unis | 109,1 |\n"
    frame = facts("md", raw)
    assert frame.select("value", "unit", "period_start", "period_end").rows() == [(109.1e9, "USD", 2024, 2024)]


def test_a_span_of_years_in_a_row_header_is_the_period():
    raw = "| Période | Budget (M€) |\n|---|---|\n| 2021-2027 | 7 000 |\n"
    frame = facts("md", raw)
    assert frame.select("value", "unit", "period_start", "period_end").rows() == [(7e9, "EUR", 2021, 2027)]


@pytest.mark.parametrize(
    ("line", "scale", "unit"),
    [
        ("En millions d'euros", 1e6, "EUR"),
        ("in € bn", 1e9, "EUR"),
        ("(%)", 1.0, "percent"),
        ("Montants en milliers de dollars", 1e3, "USD"),
        ("En milliers", 1e3, None),
        ("Investissements (M€)", 1e6, "EUR"),
        ("Source : lois de finances.", None, None),
        ("Nombre de projets retenus par million d'habitants dans chaque pays", None, None),
    ],
)
def test_unit_lines(line, scale, unit):
    read = read_unit_line(line)
    assert (read.scale, read.unit) == (scale, unit) if scale is not None else read is None


def test_a_year_shaped_amount_is_a_value_under_a_unit_line_and_a_label_without_one():
    raw = "| Pays | Budget (M€) | Année de lancement |\n|---|---|---|\n| France | 1950 | 2018 |\n| Italie | 2100 | 2021 |\n"
    frame = facts("md", raw)
    assert frame.select("figure_text", "value", "unit").rows() == [("1950", 1.95e9, "EUR"), ("2100", 2.1e9, "EUR")]
