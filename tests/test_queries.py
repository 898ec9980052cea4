"""Acceptance: the questions analysts ask, answered from the published DuckDB file of one full
build of raw/ (the session's shared build), with exact values; and the README's SQL examples, read from
README.md itself, run against the same file with their expected answers."""

import datetime as dt
import re

import duckdb
import pytest

from tests.conftest import ROOT

INAS = "inas-2025-investai-usines-ia"
IFRI = "ifri-2025-startups-ia-generative"
FUTURE = "future-society-2025-modeles-ouverts-frontiere"
REBOOT = "reboot-2025-france-bataille-ia"
ROUNDS = "eurohpc-2025-ai-factories-rounds"  # doc 005 (Markdown)
NOTE = "ec-2025-usines-ia-note"  # doc 009 (PDF)
CONVERTED = [NOTE, "eurohpc-2021-ju-budget", ROUNDS, "eurohpc-2025-top500-systems", "eurostat-2025-ai-use-enterprises"]


@pytest.fixture(scope="module")
def db(built_project):
    con = duckdb.connect(str(built_project.warehouse / "european_ai_capacity.duckdb"), read_only=True)
    yield con
    con.close()


def test_the_data_package_is_valid_frictionless(built_project):
    from frictionless import validate

    report = validate(str(built_project.warehouse / "datapackage.json"))
    assert report.valid, report.flatten(["title", "type", "note"])[:10]
    tables = ["sources", "entities", "facts", "capex", "claims", "compute", "ai_factories", "ai_factory_waves", "startups",
              "fx_rates", "rejections"]
    # each table as its Parquet file, then as its CSV file, then the texts the licences let it carry
    assert [task.name for task in report.tasks] == tables + [f"{t}-csv" for t in tables] + [f"text-{s}" for s in CONVERTED]
    assert all(task.stats["rows"] > 0 for task in report.tasks if task.name in tables and task.name != "rejections")


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def usd_2025(con) -> float:
    return rows(con, "select eur_per_unit from fx_rates where currency = 'USD' and year = 2025")[0][0]


# --- ai_factories ---------------------------------------------------------------------------

def test_ai_factories_one_row_per_factory_the_sources_state(db):
    got = rows(db, """select factory_id, wave_id, announced, country, site_type, chips, chips_bound, operational_from
                      from ai_factories where programme = 'ai_factory' order by factory_id""")
    wave1 = [(f"ai_factory-w1-{c.lower()}", "ai_factory-w1", dt.date(2024, 12, 1), c, t, None, None, 2026) for c, t in
             [("DE", "new"), ("ES", "upgrade"), ("FI", "new"), ("GR", "upgrade"), ("IT", "new"), ("LU", "new"), ("SE", "new")]]
    wave2 = [(f"ai_factory-w2-{c.lower()}", "ai_factory-w2", dt.date(2025, 3, 1), c, None, None, None, None)
             for c in ["AT", "BG", "DE", "FR", "PL", "SI"]]
    wave3 = [(f"ai_factory-w3-{c.lower()}", "ai_factory-w3", dt.date(2025, 10, 1), c, None, None, None, None)
             for c in ["CZ", "ES", "LT", "NL", "PL", "RO"]]
    # 7 in December 2024, 6 in March 2025 (France named by doc 003, all six by doc 005), 6 in October 2025 (doc 005)
    assert got == wave1 + wave2 + wave3
    assert rows(db, "select count(*) from ai_factories where programme = 'ai_factory' and announced <= date '2025-03-31'") == [(13,)]
    # Four planned gigafactories of 100 000 chips each; no source names their hosts nor their call's month.
    assert rows(db, """select factory_id, wave_id, announced, country, chips, chips_bound from ai_factories
                       where programme = 'ai_gigafactory' order by factory_id""") == [
        (f"ai_gigafactory-w1-unnamed-{i}", "ai_gigafactory-w1", None, None, 100_000.0, "exact") for i in range(1, 5)]
    # Provenance: the count (and chips) of each row are facts of its fact_ids, stated by its sources.
    assert rows(db, """select count(*) from ai_factories f where not exists (
                         select 1 from ai_factory_waves w join facts x on list_contains(f.fact_ids, x.fact_id)
                         where w.wave_id = f.wave_id and x.value = w.factory_count and x.unit = 'count'
                           and list_contains(f.source_ids, x.source_id))""") == [(0,)]
    assert rows(db, "select wave_id, source_ids from ai_factories where programme = 'ai_factory' group by all order by 1") == [
        ("ai_factory-w1", [NOTE, ROUNDS, INAS]), ("ai_factory-w2", [NOTE, ROUNDS, INAS]), ("ai_factory-w3", [NOTE, ROUNDS])]


def test_ai_factory_waves_hold_the_funding_once(db):
    got = rows(db, """select wave_id, programme, wave, announced, factory_count, funding_eur, funding_eur_low, funding_eur_high,
                             claim_id, source_ids from ai_factory_waves order by wave_id""")
    assert got == [
        ("ai_factory-w1", "ai_factory", 1, dt.date(2024, 12, 1), 7, 1.5e9, 1.5e9, 1.5e9, "ai-factories-wave-1-funding", [NOTE, ROUNDS, INAS]),
        ("ai_factory-w2", "ai_factory", 2, dt.date(2025, 3, 1), 6, 4.85e8, 4.85e8, 4.85e8, "ai-factories-wave-2-funding", [NOTE, ROUNDS, INAS]),
        # "over €500 million": at least, so no high end
        ("ai_factory-w3", "ai_factory", 3, dt.date(2025, 10, 1), 6, 5e8, 5e8, None, "ai-factories-wave-3-funding", [NOTE, ROUNDS]),
        # "près de 20 milliards": approximate, so 18-22 bn; restated by docs 000, 004 and 009 (same reviewed claim)
        ("ai_gigafactory-w1", "ai_gigafactory", 1, None, 4, 2e10, pytest.approx(1.8e10, rel=1e-12), pytest.approx(2.2e10, rel=1e-12),
         "eu-ai-gigafactories-20bn", [NOTE, FUTURE, IFRI, INAS]),
    ]
    assert rows(db, "select sum(funding_eur) from ai_factory_waves where programme = 'ai_factory'") == [(2.485e9,)]
    # The funding is a fact of the wave, of its claim; the claims join back.
    assert rows(db, """select count(*) from ai_factory_waves w where not exists (
                         select 1 from facts x join claims c on list_contains(c.fact_ids, x.fact_id)
                         where list_contains(w.fact_ids, x.fact_id) and x.value_eur = w.funding_eur and c.claim_id = w.claim_id)""") == [(0,)]
    assert rows(db, "select count(*) from ai_factories f anti join ai_factory_waves w using (wave_id)") == [(0,)]


def test_every_ai_factory_figure_of_the_seeds_is_reviewed(built_project):
    import dagster as dg
    import polars as pl

    from pipelines.ai_factories import AI_FACTORIES_FILE, load_ai_factories, resolve_ai_factories, uncovered_facts
    from pipelines.registry import load_registry
    from pipelines.source_tables import document_texts, registry_frame

    key = dg.AssetCheckKey(dg.AssetKey("ai_factory_reference"), "ai_factory_figures_are_reviewed")
    (record,) = built_project.instance.event_log_storage.get_asset_check_execution_history(key, limit=1)
    evaluation = record.event.dagster_event.event_specific_data
    # Every figure of the seeds is reviewed; what the reference has no place for yet is listed: the
    # network's totals (19 AI factories, 16 Member States, three selection rounds), the EU's half of
    # the first wave's funding and a per-factory chip ceiling (docs 005, 009).
    assert (evaluation.passed, evaluation.severity, evaluation.metadata["uncovered_facts"].value) == (False, dg.AssetCheckSeverity.WARN, 7)
    facts = built_project.table("facts")
    texts = document_texts(built_project.raw, registry_frame(load_registry(built_project.raw)))
    reference = load_ai_factories(built_project.raw / AI_FACTORIES_FILE)
    assert uncovered_facts(facts, resolve_ai_factories(reference, texts, facts)).select("source_id", "figure_text").rows() == [
        (NOTE, "25 000 puces"), (NOTE, "19"), (ROUNDS, "three selection rounds"), (ROUNDS, "half"),
        (ROUNDS, "19 AI Factories"), (ROUNDS, "16 Member States"), (ROUNDS, "19")]
    # Without the restatements of the gigafactories' 20 bn, the check lists exactly those figures.
    waves = [{**w, "also_stated": []} for w in reference]
    got = uncovered_facts(facts, resolve_ai_factories(waves, texts, facts)).filter(~pl.col("source_id").is_in(CONVERTED))
    assert got.select("source_id", "figure_text", "metric").rows() == [
        (FUTURE, "20 milliards d’euros", "programme_funding"), (IFRI, "20 milliards", "programme_funding"),
        (INAS, "20 milliards d’euros", "programme_funding")]
    assert got.filter(pl.col("source_id") == INAS).get_column("quote").str.contains("financements publics destinés").to_list() == [True]


# --- capex ----------------------------------------------------------------------------------

def test_investai_stargate_and_the_french_plan(db):
    investai = rows(db, """select source_id, figure_text, amount, currency, amount_eur, period_start, period_end, conflicting
                           from capex where claim_id = 'investai-200bn' order by source_id, amount_eur, period_start nulls first""")
    assert [(s, a, c, e, p0, p1) for s, _, a, c, e, p0, p1, _ in investai] == [
        (NOTE, 200e9, "EUR", 200e9, None, None),
        (IFRI, 200e9, "USD", pytest.approx(200e9 * usd_2025(db)), 2025, 2025),  # The Verge: "$200 billion", dated by the article
        (IFRI, 200e9, "EUR", 200e9, None, None),
        (IFRI, 200e9, "EUR", 200e9, 2025, 2025),  # a cited headline, dated by its article
        (INAS, 200e9, "EUR", 200e9, None, None),
    ]
    assert {r[-1] for r in investai} == {True}  # the dollar headline disagrees: kept and flagged
    assert rows(db, "select entity_id, entity, geo, metric from capex where fact_id in (select fact_id from capex where claim_id = 'investai-200bn') group by all") \
        == [("investai", "InvestAI", "EU", "investment")]
    assert rows(db, """select claim_id, max(amount_eur), count(*), count(distinct source_id) from capex
                       where entity_id = 'investai' group by claim_id order by claim_id""") == [
        ("investai-200bn", 200e9, 5, 3), ("investai-private-150bn", 150e9, 3, 2), ("investai-public-50bn", 50e9, 3, 1)]

    stargate = rows(db, """select source_id, amount, currency, amount_eur, amount_usd, bound, period_start, period_end, conflicting
                           from capex where claim_id = 'stargate-500bn' order by source_id""")
    assert stargate == [
        (IFRI, 500e9, "USD", pytest.approx(500e9 * usd_2025(db)), 500e9, "at_most", 2025, 2028, False),
        (INAS, 500e9, "USD", pytest.approx(500e9 * usd_2025(db)), 500e9, "exact", None, None, False),
    ]
    assert rows(db, "select entity_id from capex where claim_id = 'stargate-500bn' group by all") == [("stargate",)]

    france = rows(db, "select source_id, figure_text, amount, currency, amount_eur, geo, period_start, period_end, conflicting from capex where claim_id = 'france-ai-109bn'")
    assert france == [(IFRI, "109 milliards d'euros", 109e9, "EUR", 109e9, "FR", None, None, False)]


def test_the_gigafactories_20bn_is_one_claim_across_four_sources(db):
    got = rows(db, """select source_id, entity_id, amount_eur, bound from capex
                      where claim_id = 'eu-ai-gigafactories-20bn' order by source_id, entity_id, bound""")
    assert got == [
        (NOTE, None, 20e9, "exact"),  # "Un fonds de 20 milliards d'euros ... gigafactories d'IA": no entity named
        (FUTURE, "eu-ai-gigafactories", 20e9, "exact"),
        (IFRI, "eu-ai-gigafactories", 20e9, "exact"),
        (INAS, "eu-ai-factories", 20e9, "exact"),  # "20 milliards ... destinés à la création d'usines IA"
        (INAS, "eu-ai-gigafactories", 20e9, "approx"),  # "près de 20 milliards"
    ]
    assert rows(db, "select bool_or(conflicting) from capex where claim_id = 'eu-ai-gigafactories-20bn'") == [(False,)]


def test_nvidia_one_day_loss_is_a_market_value_loss_in_facts_not_capex(db):
    got = rows(db, """select source_id, value, bound from facts
                      where entity_id = 'nvidia' and topic = 'other' and value between 590e9 and 600e9 order by source_id""")
    assert got == [(IFRI, 600e9, "exact"), (INAS, 593e9, "at_least"), (REBOOT, 600e9, "exact")]
    assert rows(db, "select count(*) from capex where entity_id = 'nvidia'") == [(0,)]


def test_capex_rows_trace_back_to_facts(db):
    assert rows(db, """select count(*) from capex c join facts f using (fact_id)
                       where c.amount <> f.value or c.currency <> f.unit or c.quote <> f.quote or c.source_id <> f.source_id""") == [(0,)]
    assert rows(db, "select count(*) from facts where topic = 'capex' and unit similar to '[A-Z]{3}' and fact_id not in (select fact_id from capex)") == [(0,)]


# --- compute --------------------------------------------------------------------------------

def test_largest_gpu_counts(db):
    assert rows(db, "select entity_id, geo, value, hardware, source_id from compute where metric = 'gpu_count' order by value desc limit 3") == [
        ("xai", "US", 200_000.0, None, IFRI), ("nvidia", "GB", 120_000.0, None, FUTURE),
        ("deepseek", None, 50_000.0, "Hopper", REBOOT)]
    assert rows(db, "select value, counted, topic, scope from compute where metric = 'chip_count' order by value") == [
        (24_000.0, "superchip", "compute", "site"),  # doc 006: "some 24,000 NVIDIA GH200 superchips" (JUPITER)
        (25_000.0, "chip", "ai_factories", "site"),  # doc 009: "Chaque usine d'IA pourra compter jusqu'à 25 000 puces"
        (100_000.0, "microprocessor", "ai_factories", "per_unit")]
    # the scope of every capacity stated; ratios ("dix fois plus d'électricité") are not in compute,
    # the growth of a capacity is ("devrait doubler sa capacité pour atteindre 200 000 GPU")
    assert rows(db, "select scope, count(*) from compute group by scope order by scope nulls last") == [
        ("deliveries", 1), ("fleet", 3), ("per_unit", 1), ("site", 3), (None, 14)]
    assert rows(db, "select value, unit from compute where metric = 'growth_rate'") == [(2.0, "factor")]
    # the HPL results of doc 006 (text and table, in FLOPS) are compute capacity
    assert rows(db, "select metric, unit, count(*) from compute where metric not in ('gpu_count', 'chip_count', 'market_share') "
                    "group by all order by all") == [("compute_capacity", "FLOPS", 9), ("growth_rate", "factor", 1)]
    # a ratio of energy use is compute's topic (facts) but no capacity (not in compute)
    assert rows(db, "select topic from facts where metric = 'energy_ratio'") == [("compute",)]
    assert rows(db, "select count(*) from compute where metric = 'energy_ratio' or metric = 'ratio'") == [(0,)]


def test_counts_of_the_parts_of_an_argument_are_rejections_not_facts(db):
    refused = rows(db, "select source_id, detail from rejections where stage = 'extract' and reason = 'discourse_count' "
                       "order by source_id, detail")
    assert [(s, d.split(" (")[0]) for s, d in refused] == [
        ("atomico-2025-state-of-european-tech-article", "Deux modèles"),
        ("atomico-2025-state-of-european-tech-article", "Deux voies"),
        ("atomico-2025-state-of-european-tech-article", "deux manières"),
        ("atomico-2025-state-of-european-tech-article", "trois piliers"),
        ("future-society-2025-modeles-ouverts-frontiere", "Deux dynamiques"),
        (IFRI, "Deux opportunités"), (IFRI, "deux atouts"), (IFRI, "deux leviers"), (IFRI, "quatre pans"), (IFRI, "trois axes")]
    assert all("characters" in d and ": " in d for _, d in refused)
    assert rows(db, "select count(*) from facts where unit = 'count' and counted in ('axis', 'area', 'lever', 'asset', "
                    "'opportunity', 'pillar', 'way', 'dynamic')") == [(0,)]
    assert rows(db, "select figure_text from facts where counted = 'model' order by value") == [
        ("3 modèles d’IA",), ("41",), ("127",), ("161",)]


# --- startups -------------------------------------------------------------------------------

def test_translated_startups_resolve_with_their_aliases(db):
    got = dict(rows(db, "select entity_id, aliases from startups where entity_id in ('elevenlabs', 'deepl', 'black-forest-labs', 'nebius', 'domyn', 'nscale')"))
    assert got == {"elevenlabs": ["OnzeLabs"], "deepl": ["Profond"],
                   "black-forest-labs": ["Black Forest Labs", "Laboratoires de la Forêt-Noire", "Black Forest"],
                   "nebius": ["Nébius"], "domyn": ["Domyne"], "nscale": ["Néchelle"]}
    assert rows(db, "select country from startups where entity_id in ('elevenlabs', 'deepl', 'domyn') order by entity_id") == [("DE",), ("IT",), ("GB",)]


def test_photoroom_stated_valuation(db):
    name, valuation, fact_id, sources = rows(db, "select name, valuation_eur, valuation_fact_id, source_ids from startups where entity_id = 'photoroom'")[0]
    assert (name, valuation, sources) == ("Photoroom", 500e6, [IFRI])
    assert rows(db, "select figure_text, metric, unit from facts where fact_id = ?", fact_id) == [("500 millions d'euros", "valuation", "EUR")]


# --- the README's examples ------------------------------------------------------------------

def readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Query the dataset", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


EUROPEAN_STARTUPS = [
    ("Photoroom", "FR", "vertical_app", ["PhotoRoom"], 500e6),
    ("Achille.ai", "FR", "vertical_app", ["Achille.ai"], None),
    ("Biolevate", "FR", "vertical_app", ["Biolevate"], None),
    ("Black Forest Labs", "DE", "foundation_models", ["Black Forest Labs", "Laboratoires de la Forêt-Noire", "Black Forest"], None),
    ("CallRounded", "FR", "vertical_app", ["CallRounded"], None),
    ("Clone", "FR", "vertical_app", ["Clone"], None),
    ("DeepL", "DE", "foundation_models", ["Profond"], None),
    ("Domyn", "IT", "foundation_models", ["Domyne"], None),
    ("ElevenLabs", "GB", "foundation_models", ["OnzeLabs"], None),
    ("Jimini", "FR", "vertical_app", ["Jimini"], None),
    ("Lamalo", "FR", None, ["Lamalo"], None),
    ("Leaneur", "FR", "dev_tools", ["Leaneur"], None),
    ("Legora", "SE", "vertical_app", ["Legora"], None),
    ("Lovable", "SE", "dev_tools", ["Lovable"], None),
    ("Mistral AI", "FR", "foundation_models", ["Mistral AI", "Mistral"], None),
    ("Nebius", "NL", "infrastructure", ["Nébius"], None),
    ("Nscale", "GB", "infrastructure", ["Néchelle"], None),
    ("Pruna AI", "FR", "dev_tools", ["Pruna AI"], None),
    ("Scenario", "FR", "vertical_app", ["Scénario"], None),
]

README_ANSWERS = [
    # 1. what each public programme committed, each claim once
    [("investai-200bn", "InvestAI", 200e9, 3, True),
     ("investai-private-150bn", "InvestAI", 150e9, 2, False),
     ("investai-public-50bn", "InvestAI", 50e9, 1, False),
     ("eu-ai-gigafactories-20bn", "EU AI Factories, EU AI Gigafactories", 20e9, 3, False),
     ("c-3e450bca5210d013", "Digital Europe Programme", 1981.3e6, 1, False),  # doc 007, a part of EuroHPC's 3 081.3 m
     ("ai-factories-wave-1-funding", "EU AI Factories", 1.5e9, 3, False),
     ("ai-factories-wave-3-funding", "EU AI Factories", 500e6, 2, False),
     ("ai-factories-wave-2-funding", "EU AI Factories", 485e6, 3, False)],
    # 2. AI factory hosts by wave, with the wave's funding
    [("ai_factory-w1", dt.date(2024, 12, 1), 7, 1.5e9, 7, "DE (new), ES (upgrade), FI (new), GR (upgrade), IT (new), LU (new), SE (new)"),
     ("ai_factory-w2", dt.date(2025, 3, 1), 6, 485e6, 6,
      "AT (not stated), BG (not stated), DE (not stated), FR (not stated), PL (not stated), SI (not stated)"),
     ("ai_factory-w3", dt.date(2025, 10, 1), 6, 500e6, 6,
      "CZ (not stated), ES (not stated), LT (not stated), NL (not stated), PL (not stated), RO (not stated)")],
    # 3. largest GPU counts
    [("xAI", "US", 200_000.0, None, "site", IFRI), ("Nvidia", "GB", 120_000.0, None, "deliveries", FUTURE),
     ("DeepSeek", None, 50_000.0, "Hopper", "fleet", REBOOT)],
    # 4. European startups, names as written, valuation
    EUROPEAN_STARTUPS,
    # 5. claims stated by several sources
    [("ai-factories-wave-1-funding", 3, 4, ["EUR"], False), ("ai-factories-wave-2-funding", 3, 4, ["EUR"], False),
     ("ai-factories-wave-3-funding", 2, 3, ["EUR"], False), ("eu-ai-gigafactories-20bn", 4, 5, ["EUR"], False),
     ("investai-200bn", 3, 5, ["EUR", "USD"], True), ("investai-private-150bn", 2, 3, ["EUR"], False),
     ("stargate-500bn", 2, 2, ["USD"], False)],
]


def test_readme_has_five_sql_examples():
    assert len(readme_queries()) == 5


@pytest.mark.parametrize("n", range(5))
def test_readme_example_answers(db, n):
    assert rows(db, readme_queries()[n]) == README_ANSWERS[n]


def test_nvidias_one_day_loss_is_one_claim_whose_statements_agree(db):
    # "plus de 593 milliards de dollars" in one source, "600 milliards" in two others: one claim,
    # three statements, not conflicting ("more than 593" allows 600), and a part of the Big Tech's loss.
    # Every statement is in dollars: the "600 milliards" of a report that states only dollars reads its
    # currency from the document (it was unstated, XXX, before the sixth session).
    (claim,) = rows(db, """select claim_id, entity_id, metric, n_statements, n_sources, conflicting, currencies, unit, value, bound
                           from claims where entity_id = 'nvidia' and metric = 'market_cap_loss'""")
    assert claim[1:] == ("nvidia", "market_cap_loss", 3, 3, False, ["USD"], "USD", 600e9, "exact")
    statements = rows(db, "select figure_text, value, bound from facts where claim_id = ? order by value, source_id", claim[0])
    assert statements == [("593 milliards de dollars", 593e9, "at_least"), ("600 milliards", 600e9, "exact"),
                          ("600 milliards", 600e9, "exact")]
    assert rows(db, "select count(*) from capex where claim_id = ?", claim[0]) == [(0,)]  # a loss of value, not capex
    whole = rows(db, "select w.entity_id, w.value, w.bound from claims c join claims w on c.part_of = w.claim_id where c.claim_id = ?", claim[0])
    assert whole == [("big-tech", 1000e9, "approx")]  # "près de 1 000 milliards ..., dont 600 milliards pour Nvidia"


def test_every_capex_claim_is_in_claims_with_its_statements(db):
    assert rows(db, """select count(*) from (select claim_id, count(*) n from capex group by 1) c
                       join claims using (claim_id) where claims.n_statements < c.n""") == [(0,)]
    assert rows(db, "select count(*) from capex where claim_id not in (select claim_id from claims)") == [(0,)]


# --- totals without double counting (README section, each example run with its answer) -------

def totals_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Totals without double counting", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


TOTALS_ANSWERS = [
    # InvestAI at the top level: one claim of 200 bn euros, its two parts linked
    [("investai-200bn", "InvestAI: total to mobilise", 200e9, True, ["investai-private-150bn", "investai-public-50bn"])],
    # the breakdown as a tree
    [(0, "investai-200bn", 200e9), (1, "investai-private-150bn", 150e9), (1, "investai-public-50bn", 50e9),
     (2, "eu-ai-gigafactories-20bn", 20e9)],
    # DeepSeek's GPUs at the top level
    [(50_000.0,)],
    # public programmes: InvestAI's 200 bn and the two AI-factory waves (1.5 bn, 485 m), each once
    [(201.985,)],
    # AI factories selected by March 2025: 13 rows, all hosts named (doc 005 names the March wave's)
    [(13, 13)],
    # their funding, each wave once
    [(1.985e9, 13)],
    # the four largest Big Tech's 2025 spending: one claim of three statements that agree
    [("Big Tech (four largest spenders): capex, 2025", 300e9, 320e9, "USD", 3, False)],
]


def test_readme_totals_examples_answer_as_documented(db):
    queries = totals_queries()
    assert len(queries) == len(TOTALS_ANSWERS)
    for query, answer in zip(queries, TOTALS_ANSWERS):
        assert rows(db, query) == answer, query


def test_summing_top_level_claims_never_double_counts_what_summing_capex_rows_does(db):
    naive = rows(db, """select sum(amount_eur) from capex join entities e using (entity_id)
                        where e.kind = 'public_programme'""")[0][0]
    assert naive > 400e9  # statements: InvestAI's parts and restatements beside its total
    assert rows(db, "select count(*) from facts where claim_id is null or claim_id not in (select claim_id from claims)") == [(0,)]
    assert rows(db, "select sum(n_statements) = (select count(*) from facts) from claims") == [(True,)]


def test_rhetorical_agreement_and_real_parts_on_the_seeds(db):
    # "Ce montant comprendra 150 milliards d'euros d'investissements privés" (doc 003): a part by rule.
    assert rows(db, "select part_of from claims where claim_id = 'investai-private-150bn'") == [("investai-200bn",)]
    # Stargate: "jusqu'à 500 milliards de dollars sur quatre ans ..., avec une première phase de 100 milliards".
    assert rows(db, "select value from claims where part_of = 'stargate-500bn'") == [(100e9,)]
    # "six usines supplémentaires ..., dont une implantée en France": a part of the six.
    assert rows(db, """select w.value from claims c join claims w on c.part_of = w.claim_id
                       where c.counted = 'ai_factory' and c.value = 1""") == [(6.0,)]
