"""Units other than currencies (pipelines.extraction.units)."""

from __future__ import annotations

import pytest

from pipelines.extraction.units import (
    NOT_RANK_AFTER,
    PHYSICAL,
    duration_unit,
    is_time_reference,
    unit_words,
    physical_unit,
)


@pytest.mark.parametrize("text", [" %", "%", "\u00a0%", "\u202f%", " pour cent", " per cent", " percent"])
def test_percent(text: str) -> None:
    m = unit_words("fr").percent.match(text)
    assert m is not None and m.end() == len(text)


@pytest.mark.parametrize("text", [" points de pourcentage", " percentage points", " pp"])
def test_percentage_point(text: str) -> None:
    m = unit_words("fr").percentage_point.match(text)
    assert m is not None and m.end() == len(text)


@pytest.mark.parametrize(("text", "half"), [(" fois", False), (" times", False), ("-fold", False), (" fois et demie", True), (" ×", False)])
def test_factor(text: str, half: bool) -> None:
    m = unit_words("fr").factor.match(text)
    assert m is not None and m.end() == len(text)
    assert bool(m.group("half")) is half


@pytest.mark.parametrize(
    ("token", "unit", "multiplier"),
    [("MW", "MW", 1), ("GW", "MW", 1000), ("kW", "MW", 1e-3), ("mégawatts", "MW", 1), ("gigawatts", "MW", 1000), ("TWh", "MWh", 1e6), ("GWh", "MWh", 1e3), ("exaflops", "FLOPS", 1e18), ("pétaflops", "FLOPS", 1e15)],
)
def test_physical_units(token: str, unit: str, multiplier: float) -> None:
    m = PHYSICAL.match(" " + token)
    assert m is not None and m.group("unit") == token
    assert physical_unit(token) == (unit, pytest.approx(multiplier))


@pytest.mark.parametrize(("text", "unit"), [(" ans", "years"), (" années", "years"), (" years", "years"), ("-year", "years"), (" mois", "months"), (" months", "months"), (" jours", "days"), (" semaines", "weeks"), ("-hour", "hours")])
def test_durations(text: str, unit: str) -> None:
    m = unit_words("fr").duration.match(text)
    assert m is not None
    assert duration_unit(m.group("unit")) == unit


def test_not_a_rank() -> None:
    for text in (" siècle", " trimestre", " quarter", " century"):
        assert NOT_RANK_AFTER.match(text)
    assert NOT_RANK_AFTER.match(" position") is None


def test_every_storage_word_the_measure_names_admit_has_its_unit() -> None:
    """The measure names admit each prefix with each ending, with or without its accent: each must
    map to terabytes ("1,8 petaoctet" was read as a count of "petaoctet")."""
    import itertools

    from pipelines.extraction.units import measure_unit

    factors = {"giga": 1e-3, "téra": 1.0, "tera": 1.0, "péta": 1e3, "peta": 1e3, "exa": 1e6}
    for (prefix, factor), ending in itertools.product(factors.items(), ("octet", "octets", "byte", "bytes")):
        assert measure_unit(prefix + ending) == ("TB", factor), prefix + ending


def test_every_power_and_energy_word_the_pattern_admits_has_its_unit() -> None:
    """Each prefix of watts with each ending PHYSICAL admits maps to MW or MWh ("50 kilowatt-hours"
    was read as a count of "kilowatt_hour")."""
    factors = {"": 1e-6, "kilo": 1e-3, "méga": 1.0, "mega": 1.0, "giga": 1e3, "téra": 1e6, "tera": 1e6}
    for prefix, factor in factors.items():
        for ending, unit in (("", "MW"), ("s", "MW"), ("heure", "MWh"), ("heures", "MWh"), ("-heures", "MWh"),
                             ("-hour", "MWh"), ("-hours", "MWh"), ("stunde", "MWh"), ("stunden", "MWh"),
                             # a power "per hour" is the energy the writer means ("2.9 Gigawatt/heure")
                             ("/heure", "MWh"), ("s/hour", "MWh"), ("/Stunde", "MWh")):
            word = prefix + "watt" + ending
            match = PHYSICAL.match(" " + word)
            assert match is not None and match.group("unit") == word, word
            assert physical_unit(word) == (unit, factor), word


@pytest.mark.parametrize(("symbol", "factor"), [("kW/h", 1e-3), ("MW/h", 1.0), ("GW/h", 1e3), ("TW/h", 1e6)])
def test_a_power_symbol_per_hour_is_energy(symbol: str, factor: float) -> None:
    match = PHYSICAL.match(" " + symbol + " par an")
    assert match is not None and match.group("unit") == symbol
    assert physical_unit(symbol) == ("MWh", factor)


@pytest.mark.parametrize(("word", "expected"), [
    ("degrees Celsius", ("degC", 1.0)), ("degree celsius", ("degC", 1.0)), ("degrés Celsius", ("degC", 1.0)),
    ("degres celsius", ("degC", 1.0)), ("mètre carré", ("m2", 1.0)), ("metres carres", ("m2", 1.0)),
    ("kilomètre carré", ("m2", 1e6)), ("kilometres carrés", ("m2", 1e6)),
])
def test_the_measure_names_admit_their_spellings_and_each_has_its_unit(word: str, expected: tuple[str, float]) -> None:
    """"40 degrees Celsius" was a count of "degree" ("degr[ée]s?" admitted "degres", not "degrees")."""
    import re

    from pipelines.extraction.units import MEASURE_WORD_PATTERN, measure_unit

    assert re.fullmatch(MEASURE_WORD_PATTERN, word) is not None, word
    assert measure_unit(word) == expected


@pytest.mark.parametrize(
    ("text", "duration", "language", "reference"),
    [
        # a duration that places an event in time is no figure; one that measures a time is
        ("Spending nearly doubled from figures seen just two years prior.", "two years", "en", True),
        ("The plant opened three years before the new campus.", "three years", "en", True),
        ("It happened five years ago.", "five years", "en", True),
        ("Le chantier a démarré il y a deux ans.", "deux ans", "fr", True),
        # a duration followed by "précédents", "suivants" places the period of another figure
        ("Le montant est inférieur à la moyenne des 12 mois précédents (159 millions de dollars).", "12 mois", "fr", True),
        ("Dans les six mois suivants, trois usines ouvriront.", "six mois", "fr", True),
        ("La construction a duré 12 mois.", "12 mois", "fr", False),
        ("The build takes three years.", "three years", "en", False),
    ],
)
def test_a_duration_that_places_an_event_in_time_is_a_reference(text, duration, language, reference) -> None:
    start = text.index(duration)
    assert is_time_reference(text, start, start + len(duration), language) is reference
