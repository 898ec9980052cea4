"""Unit tests of `pipelines/ai_factories.py` on small texts, facts and reference files: one row per
factory (unnamed hosts derived from the wave's count), waves with their funding, and the checks of
the reviewed reference against the sources."""

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from pipelines.ai_factories import (
    _announced_problem, ai_factories_from_sources, ai_factories_table, load_ai_factories, resolve_ai_factories,
    uncovered_facts, waves_table,
)
from pipelines.contract import AI_FACTORIES, AI_FACTORY_WAVES, FACTS
from pipelines.topic_tables import ReferenceDataError

S1 = ("Un premier investissement de 1,5 milliard d’euros pour sept usines d’IA, prévu à partir de 2026, a été annoncé en "
      "décembre 2024. De nouveaux superordinateurs en Allemagne et en Suède, deux autres en Grèce. Une promesse de près de "
      "20 milliards d’euros pour quatre giga-usines, chacune équipée de 100\u202f000 microprocesseurs. Ailleurs, 3 usines d’IA "
      "sont en projet.")
S2 = "Le plan Gigafactories, doté de 20 milliards d’euros, avance."
TEXTS = {"s1": S1, "s2": S2}
REFERENCE = """
waves:
  - programme: ai_factory
    wave: 1
    source: s1
    quote: "Un premier investissement de 1,5 milliard d'euros pour sept usines d'IA, prévu à partir de 2026, a été annoncé en décembre 2024."
    announced: "2024-12"
    operational_from: 2026
    funding: "1,5 milliard d'euros"
    factory_count: "sept usines d'IA"
    sites:
      - {country: DE, place: en Allemagne, site_type: new, quote: "De nouveaux superordinateurs en Allemagne et en Suède"}
      - {country: SE, place: en Suède, site_type: new, quote: "De nouveaux superordinateurs en Allemagne et en Suède"}
      - {country: GR, place: en Grèce, site_type: upgrade, quote: "deux autres en Grèce"}
  - programme: ai_gigafactory
    wave: 1
    source: s1
    quote: "Une promesse de près de 20 milliards d'euros pour quatre giga-usines, chacune équipée de 100 000 microprocesseurs."
    funding: "20 milliards d'euros"
    factory_count: "quatre giga-usines"
    chips_per_factory: "100 000 microprocesseurs"
    also_stated:
      - {source: s2, quote: "Le plan Gigafactories, doté de 20 milliards d'euros", funding: "20 milliards d'euros"}
"""
CLAIMS = pl.DataFrame({"fact_id": ["f", "gf", "r", "x"], "claim_id": ["wave-1", "giga", "giga", "c-x"]})


def fact(fact_id, value, unit, figure, *, source="s1", bound="exact", metric="programme_funding", topic="ai_factories",
         text=None, occurrence=0):
    text = text or TEXTS[source]
    start = text.index(figure)
    for _ in range(occurrence):
        start = text.index(figure, start + 1)
    quote_start = text.rfind(".", 0, start) + 1
    return {
        "fact_id": fact_id, "source_id": source, "char_start": start, "char_end": start + len(figure), "figure_text": figure,
        "quote": text[quote_start:text.find(".", start) + 1].strip(), "quote_start": quote_start, "location": "body",
        "topic": topic, "metric": metric, "entity_id": None, "geo": None, "value": float(value), "value_low": float(value),
        "value_high": float(value), "bound": bound, "unit": unit, "counted": None, "hardware": None,
        "value_eur": float(value) if unit == "EUR" else None, "value_usd": None, "fx_year": 2025, "period_start": None,
        "period_end": None, "period_text": None, "period_quarter": None, "as_of": dt.date(2025, 1, 1), "extraction": "rule",
    }


def seed_facts(**replace) -> pl.DataFrame:
    rows = {
        "f": fact("f", 1.5e9, "EUR", "1,5 milliard d’euros"),
        "n": fact("n", 7, "count", "sept usines d’IA", metric="ai_factory_count"),
        "g": fact("g", 2, "count", "deux autres", metric="ai_factory_count"),
        "gf": fact("gf", 20e9, "EUR", "20 milliards d’euros", bound="approx"),
        "gn": fact("gn", 4, "count", "quatre giga-usines", metric="ai_gigafactory_count"),
        "gc": fact("gc", 100_000, "count", "100\u202f000 microprocesseurs", metric="chip_count"),
        "x": fact("x", 3, "count", "3 usines d’IA", metric="ai_factory_count"),
        "r": fact("r", 20e9, "EUR", "20 milliards d’euros", source="s2"),
        "o": fact("o", 2026, "count", "2026", metric="year", topic="other"),
    }
    rows.update(replace)
    return pl.DataFrame(list(rows.values()), schema=FACTS.polars_schema)


def resolve(tmp_path: Path, reference: str = REFERENCE, facts: pl.DataFrame | None = None, texts: dict | None = None):
    path = tmp_path / "ai_factories.yaml"
    path.write_text(reference, encoding="utf-8")
    return resolve_ai_factories(load_ai_factories(path), texts or TEXTS, seed_facts() if facts is None else facts, file=str(path))


def test_one_row_per_factory_with_the_unnamed_ones_derived_from_the_wave_count(tmp_path):
    out = ai_factories_table(resolve(tmp_path))
    AI_FACTORIES.pandera_schema().validate(out)
    assert out.select("factory_id", "wave_id", "country", "site_type", "announced", "operational_from").rows() == [
        ("ai_factory-w1-de", "ai_factory-w1", "DE", "new", dt.date(2024, 12, 1), 2026),
        ("ai_factory-w1-gr", "ai_factory-w1", "GR", "upgrade", dt.date(2024, 12, 1), 2026),
        ("ai_factory-w1-se", "ai_factory-w1", "SE", "new", dt.date(2024, 12, 1), 2026),
        # seven factories stated, three sites listed: four rows whose host no source names
        *[(f"ai_factory-w1-unnamed-{i}", "ai_factory-w1", None, None, dt.date(2024, 12, 1), 2026) for i in range(1, 5)],
        *[(f"ai_gigafactory-w1-unnamed-{i}", "ai_gigafactory-w1", None, None, None, None) for i in range(1, 5)],
    ]
    rows = {r["factory_id"]: r for r in out.iter_rows(named=True)}
    assert rows["ai_factory-w1-gr"]["fact_ids"] == ["g", "n"]  # the count, and the facts of the site's quote
    assert rows["ai_factory-w1-unnamed-1"]["fact_ids"] == ["n"] and rows["ai_factory-w1-de"]["source_ids"] == ["s1"]


def test_chips_per_factory_are_read_from_their_fact(tmp_path):
    out = ai_factories_table(resolve(tmp_path)).filter(pl.col("programme") == "ai_gigafactory")
    assert out.select("chips", "chips_bound", "fact_ids", "source_ids").unique().rows() == [
        (100_000.0, "exact", ["gc", "gn"], ["s1"])]
    # A site's own figure wins over the wave's, with its own bound.
    text = "Deux giga-usines d’environ 50 000 puces : une en Italie, avec près de 80 000 puces."
    reference = """
waves:
  - programme: ai_gigafactory
    wave: 2
    source: s9
    quote: "Deux giga-usines d’environ 50 000 puces"
    factory_count: "Deux giga-usines"
    chips_per_factory: "50 000 puces"
    sites:
      - {country: IT, place: en Italie, quote: "une en Italie, avec près de 80 000 puces", chips: "80 000 puces"}
"""
    facts = pl.DataFrame([fact("d", 2, "count", "Deux giga-usines", source="s9", text=text),
                          fact("c", 50_000, "count", "50 000 puces", source="s9", text=text, bound="approx"),
                          fact("i", 80_000, "count", "80 000 puces", source="s9", text=text, bound="approx")], schema=FACTS.polars_schema)
    got = ai_factories_table(resolve(tmp_path, reference, facts, {"s9": text}))
    assert got.select("factory_id", "chips", "chips_bound").rows() == [
        ("ai_gigafactory-w2-it", 80_000.0, "approx"), ("ai_gigafactory-w2-unnamed-1", 50_000.0, "approx")]


def test_waves_carry_the_funding_once_with_approximate_bounds_widened_and_the_funding_claim(tmp_path):
    out = waves_table(resolve(tmp_path), CLAIMS)
    AI_FACTORY_WAVES.pandera_schema().validate(out)
    assert out.drop("funding_eur_low", "funding_eur_high").rows() == [
        ("ai_factory-w1", "ai_factory", 1, dt.date(2024, 12, 1), 7, 1.5e9, "wave-1", ["s1"], ["f", "n"]),
        # no month stated: announced null; a restatement in s2 adds its fact and source
        ("ai_gigafactory-w1", "ai_gigafactory", 1, None, 4, 20e9, "giga", ["s1", "s2"], ["gf", "gn", "r"]),
    ]
    assert out.get_column("funding_eur_low").to_list() == [1.5e9, pytest.approx(18e9, rel=1e-12)]  # "près de": ±10 %
    assert out.get_column("funding_eur_high").to_list() == [1.5e9, pytest.approx(22e9, rel=1e-12)]


def test_a_wave_whose_quote_states_no_funding_has_null_funding_and_claim(tmp_path):
    out = waves_table(resolve(tmp_path, REFERENCE.replace("    funding: \"1,5 milliard d'euros\"\n", "")), CLAIMS)
    assert out.select("wave_id", "factory_count", "funding_eur", "funding_eur_low", "funding_eur_high", "claim_id", "fact_ids").row(0) == (
        "ai_factory-w1", 7, None, None, None, None, ["n"])


def test_funding_bounds_of_at_least_and_at_most_leave_the_unstated_end_null(tmp_path):
    def bounds(bound):
        facts = seed_facts(f=fact("f", 1.5e9, "EUR", "1,5 milliard d’euros", bound=bound))
        return waves_table(resolve(tmp_path, facts=facts), CLAIMS).select("funding_eur_low", "funding_eur_high").row(0)

    assert bounds("at_least") == (1.5e9, None)
    assert bounds("at_most") == (None, 1.5e9)


def test_funding_of_another_currency_is_in_eur_at_the_fact_rate(tmp_path):
    usd = {**fact("f", 1.5e9, "USD", "1,5 milliard d’euros"), "value_eur": 1.2e9}
    out = waves_table(resolve(tmp_path, facts=seed_facts(f=usd)), CLAIMS).row(0, named=True)
    assert (out["funding_eur"], out["funding_eur_low"], out["funding_eur_high"]) == (1.2e9, 1.2e9, 1.2e9)


def test_a_wave_listing_more_sites_than_its_count_fails_naming_file_and_entry(tmp_path):
    text = "Deux usines d’IA ont été choisies en mars 2025 : en Autriche, en Pologne et en Slovénie."
    reference = """
waves:
  - programme: ai_factory
    wave: 3
    source: s9
    quote: "Deux usines d’IA ont été choisies en mars 2025"
    announced: "2025-03"
    factory_count: "Deux usines d’IA"
    sites:
      - {country: AT, place: en Autriche, quote: "en Autriche, en Pologne et en Slovénie"}
      - {country: PL, place: en Pologne, quote: "en Autriche, en Pologne et en Slovénie"}
      - {country: SI, place: en Slovénie, quote: "en Autriche, en Pologne et en Slovénie"}
"""
    facts = pl.DataFrame([fact("d", 2, "count", "Deux usines d’IA", source="s9", text=text)], schema=FACTS.polars_schema)
    with pytest.raises(ReferenceDataError, match=r"ai_factories.yaml: wave entry 1 \(ai_factory wave 3\): 3 sites listed for a "
                                                 r"wave of 2 factories"):
        resolve(tmp_path, reference, facts, {"s9": text})


@pytest.mark.parametrize("edit, error", [
    (("en Grèce\"", "en Grece\""), r"wave entry 1 \(ai_factory wave 1\): site 3 \(GR\): quote \"deux autres en Grece\" does not occur"),
    (("place: en Suède", "place: en Norvège"), r"site 2 \(SE\): place \"en Norvège\" is not in the site's quote"),
    (("\"2024-12\"", "\"2024-11\""), r"`announced` 2024-11 is not stated in the quote"),
    (("operational_from: 2026", "operational_from: 2027"), r"`operational_from` 2027 is not stated in the quote"),
    (("factory_count: \"sept usines d'IA\"", "factory_count: \"sept usines\""), r"`factory_count` \"sept usines\" selects 0 facts"),
    (("chips_per_factory: \"100 000 microprocesseurs\"", "chips_per_factory: \"100 000\""),
     r"wave entry 2 \(ai_gigafactory wave 1\): `chips_per_factory` \"100 000\" selects 0 facts"),
    (("doté de 20 milliards", "doté de 21 milliards"), r"wave entry 2 \(ai_gigafactory wave 1\): also_stated 1: quote .* does not occur"),
])
def test_a_stale_reference_fails_naming_file_and_entry(tmp_path, edit, error):
    with pytest.raises(ReferenceDataError, match=r"ai_factories.yaml: .*" + error):
        resolve(tmp_path, REFERENCE.replace(*edit))


@pytest.mark.parametrize("replace, error", [
    # the rows of unnamed factories are derived from the count: an approximate count cannot give them
    ({"gn": fact("gn", 4, "count", "quatre giga-usines", bound="approx")},
     r"wave entry 2 \(ai_gigafactory wave 1\): `factory_count` \"quatre giga-usines\" is not an exact whole count"),
    ({"f": {**fact("f", 1.5e9, "XXX", "1,5 milliard d’euros"), "value_eur": None}},
     r"wave entry 1 \(ai_factory wave 1\): `funding` \"1,5 milliard d’euros\" is not a money figure with a EUR value"),
    # a restatement must agree with the wave's own figure (20 bn ± 10 %)
    ({"r": fact("r", 25e9, "EUR", "20 milliards d’euros", source="s2")},
     r"wave entry 2 \(ai_gigafactory wave 1\): also_stated 1: `funding` \"20 milliards d’euros\" \(2\.5e\+10–2\.5e\+10\) "
     r"disagrees with the wave's \"20 milliards d’euros\" \(1\.8e\+10–2\.2e\+10\)"),
])
def test_a_figure_of_the_wrong_kind_or_a_disagreeing_restatement_fails(tmp_path, replace, error):
    with pytest.raises(ReferenceDataError, match=r"ai_factories.yaml: " + error):
        resolve(tmp_path, facts=seed_facts(**replace))


def test_a_restatement_within_the_approximation_agrees(tmp_path):
    out = waves_table(resolve(tmp_path, facts=seed_facts(r=fact("r", 21.5e9, "EUR", "20 milliards d’euros", source="s2"))), CLAIMS)
    assert out.get_column("funding_eur").to_list() == [1.5e9, 20e9]  # the wave's own figure, not the restatement's


@pytest.mark.parametrize("edit, error", [
    (("    factory_count: \"sept usines d'IA\"\n", ""), r"wave entry 1: field `factory_count` is required"),
    (("    operational_from: 2026\n", "    operational_from: 2026\n    fundng: x\n"), r"wave entry 1: unknown fields \['fundng'\]"),
    (("announced: \"2024-12\"", "announced: \"2024-13\""), r"wave entry 1: `announced` must be \"YYYY-MM\""),
    ((", funding: \"20 milliards d'euros\"}", "}"), r"wave entry 2: also_stated 1: restates none of funding"),
    (("programme: ai_gigafactory", "programme: gigafactory"), r"wave entry 2: `programme` must be ai_factory or ai_gigafactory"),
])
def test_a_malformed_reference_fails_naming_file_and_entry(tmp_path, edit, error):
    path = tmp_path / "ai_factories.yaml"
    path.write_text(REFERENCE.replace(*edit), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"ai_factories.yaml: " + error):
        load_ai_factories(path)


def test_a_wave_listed_twice_fails(tmp_path):
    entries = REFERENCE.split("  - programme: ai_gigafactory")
    twice = entries[0] + entries[0].removeprefix("\nwaves:\n")
    with pytest.raises(ReferenceDataError, match=r"ai_factories.yaml: wave ai_factory-w1 is listed twice"):
        resolve(tmp_path, twice)


def test_the_announced_month_may_be_written_in_english_or_french():
    assert _announced_problem({"announced": "2025-03"}, "In March 2025, the Commission selected six more.") is None
    assert _announced_problem({"announced": "2025-03"}, "En mars 2025, la Commission...") is None
    assert _announced_problem({"announced": "2025-03"}, "In May 2025, ...") is not None
    assert _announced_problem({}, "no date") is None


def test_uncovered_facts_list_the_ai_factory_figures_no_quote_covers(tmp_path):
    reference = resolve(tmp_path)
    got = uncovered_facts(seed_facts(), reference)
    # "3 usines d'IA" is in no quote of the reference; "2026" is inside one but of another topic.
    assert got.select("fact_id", "source_id", "figure_text", "quote").rows() == [
        ("x", "s1", "3 usines d’IA", "Ailleurs, 3 usines d’IA sont en projet.")]
    assert uncovered_facts(seed_facts().filter(pl.col("fact_id") != "x"), reference).height == 0


def test_the_warning_check_lists_the_uncovered_figures_with_their_quote_and_source(tmp_path):
    import dagster as dg

    from pipelines.defs.topics import ai_factory_figures_are_reviewed

    result = ai_factory_figures_are_reviewed(ai_factory_reference=resolve(tmp_path), facts=seed_facts())
    assert (result.passed, result.severity) == (False, dg.AssetCheckSeverity.WARN)
    assert result.metadata["uncovered_facts"].value == 1
    assert result.metadata["facts"].value == '- s1: "3 usines d’IA" (ai_factory_count, fact x) in: Ailleurs, 3 usines d’IA sont en projet.'


def test_from_sources_skips_statements_of_unpublished_documents_and_refuses_unknown_ones(tmp_path):
    raw = tmp_path / "raw"
    (raw / "reference").mkdir(parents=True)
    (raw / "reference" / "ai_factories.yaml").write_text(REFERENCE, encoding="utf-8")
    only_s1 = lambda wanted: {k: v for k, v in TEXTS.items() if k in wanted and k == "s1"}  # noqa: E731
    reference = ai_factories_from_sources(seed_facts(), raw, only_s1, registered={"s1", "s2"})
    assert waves_table(reference, CLAIMS).get_column("source_ids").to_list() == [["s1"], ["s1"]]
    with pytest.raises(ReferenceDataError, match=r"raw/reference/ai_factories.yaml: source 's2' is not in raw/sources.yaml"):
        ai_factories_from_sources(seed_facts(), raw, only_s1, registered={"s1"})
