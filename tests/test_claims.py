"""Claims, one rule at a time, on small documents written for each rule (read by the real
extractor and the real gazetteer) and on small frames; the seeds' claims are in test_queries.py."""

import datetime as dt
from functools import lru_cache

import polars as pl
import pytest

from pipelines.claim_parts import part_links
from pipelines.claims import build_claims, claim_parents, parts_over_total
from pipelines.contract import CLAIMS
from pipelines.entities import assign_entities, load_gazetteer
from pipelines.extraction.document import extract_document
from pipelines.facts import normalise_facts
from pipelines.fx_rates import annual_average_rates, load_ecb_daily_rates
from pipelines.reviewed_claims import ReviewedClaims
from tests.conftest import RAW


@lru_cache(maxsize=1)
def _gazetteer():
    return load_gazetteer(RAW / "reference" / "entities.yaml")


@lru_cache(maxsize=1)
def _fx():
    return annual_average_rates(load_ecb_daily_rates())


def _entities() -> pl.DataFrame:
    g = _gazetteer()
    return pl.DataFrame({
        "entity_id": list(g.entities), "name": [e.name for e in g.entities.values()],
        "members": [list(e.members) for e in g.entities.values()],
    }, schema={"entity_id": pl.String, "name": pl.String, "members": pl.List(pl.String)})


def read(docs: dict[str, tuple[str, str]], published=dt.date(2025, 6, 1)):
    """The facts and claims of small documents {source_id: (language, text)}."""
    frames = []
    for source_id, (language, text) in docs.items():
        frame = extract_document(text, language, published.year).with_columns(pl.lit(source_id).alias("source_id"))
        frames.append(assign_entities(frame, _gazetteer()))
    sources = pl.DataFrame({"source_id": list(docs), "published": [published] * len(docs)})
    facts, rejected = normalise_facts(pl.concat(frames, how="diagonal_relaxed"), sources, _fx())
    assert rejected.is_empty()
    claimed, claims = build_claims(facts, _entities(), ReviewedClaims.none(), {k: v[1] for k, v in docs.items()})
    CLAIMS.pandera_schema().validate(claims)
    facts = facts.drop("claim_id").join(claimed, on="fact_id")
    return facts, claims


def claim_of(facts: pl.DataFrame, figure: str, source: str | None = None) -> str:
    rows = facts.filter((pl.col("figure_text") == figure) & (pl.col("source_id") == source if source else pl.lit(True)))
    assert rows.height == 1, (figure, rows.select("source_id", "figure_text"))
    return rows.get_column("claim_id")[0]


def claim(claims: pl.DataFrame, claim_id: str) -> dict:
    return claims.filter(pl.col("claim_id") == claim_id).row(0, named=True)


# --- restatements ---------------------------------------------------------------------------

def test_the_same_quantity_in_two_documents_is_one_claim():
    facts, claims = read({
        "a": ("fr", "Meta va investir 10 milliards de dollars dans un centre de données en Louisiane."),
        "b": ("en", "Meta will invest $10 billion in a Louisiana data center."),
    })
    c = claim_of(facts, "10 milliards de dollars")
    assert c == claim_of(facts, "$10 billion")
    got = claim(claims, c)
    assert (got["n_statements"], got["n_sources"], got["unit"], got["value"], got["conflicting"]) == (2, 2, "USD", 10e9, False)
    assert got["entity_id"] == "meta" and got["label"].startswith("Meta: ")


def test_two_equal_figures_of_one_sentence_are_two_claims():
    facts, claims = read({"a": ("fr", "DeepSeek dispose de 10 000 GPU H800 et de 10 000 GPU H100 selon SemiAnalysis.")})
    assert facts.height == 2 and facts.get_column("claim_id").n_unique() == 2


def test_an_unattributed_figure_restating_the_document_joins_its_claim():
    facts, claims = read({"a": ("fr", "Les États-Unis ont investi 119 milliards de dollars en 2025. "
                                      "Le chiffre de 119 milliards n'est pas seulement impressionnant : il est révélateur.")})
    assert facts.height == 2 and facts.get_column("claim_id").n_unique() == 1


def test_different_amounts_of_one_entity_are_different_claims():
    facts, claims = read({"a": ("fr", "Microsoft investira 22 milliards de dollars au Royaume-Uni. "
                                      "Microsoft investira aussi 5 milliards de dollars en France.")})
    assert facts.get_column("claim_id").n_unique() == 2


# --- headlines in citations -----------------------------------------------------------------

CITED = ("Les quatre principales Big Tech prévoient de dépenser jusqu'à 320 milliards de dollars en 2025<sup>1</sup>. "
         "Leurs dépenses s'élevaient à 230 milliards de dollars en 2024<sup>2</sup>.\n\n"
         "1. A. Writer, « Big Tech Lines Up Over $300bn in AI Spending for 2025 », Financial Times, 7 février 2025.\n\n"
         "2. B. Writer, « Nvidia Market Cap Hits $3 Trillion », Reuters, 5 juin 2024.\n")


def test_a_headline_restating_the_body_that_cites_it_joins_its_claim_and_their_bounds_agree():
    facts, claims = read({"a": ("fr", CITED)})
    body = claim_of(facts, "320 milliards de dollars")
    assert claim_of(facts, "$300bn") == body
    got = claim(claims, body)
    # "over 300" and "up to 320" agree: one claim between the two bounds, not flagged.
    assert (got["n_statements"], got["conflicting"], got["value_low"], got["value_high"], got["bound"]) == (2, False, 300e9, 320e9, "approx")
    assert got["entity_id"] == "big-tech-four" and (got["period_start"], got["period_end"]) == (2025, 2025)


def test_a_headline_restating_nothing_stays_its_own_claim_dated_by_the_cited_work():
    facts, claims = read({"a": ("fr", CITED)})
    headline = facts.filter(pl.col("figure_text") == "$3 Trillion").row(0, named=True)
    assert headline["location"] == "citation" and headline["claim_id"] != claim_of(facts, "230 milliards de dollars")
    assert (headline["period_start"], headline["period_end"], headline["fx_year"]) == (2024, 2024, 2024)


# --- parts ----------------------------------------------------------------------------------

@pytest.mark.parametrize("language, text, whole, parts", [
    ("fr", "DeepSeek dispose de 50 000 GPU Hopper, dont 10 000 H800 et 10 000 H100.", "50 000 GPU Hopper", ["10 000 H800", "10 000 H100"]),
    ("fr", "La Commission apportera 50 milliards d'euros, dont 20 milliards pour des gigausines, tandis que le privé "
           "apportera 150 milliards.", "50 milliards d'euros", ["20 milliards"]),
    ("en", "The fund will invest €30bn, of which €12bn in data centres and €3bn in skills.", "€30bn", ["€12bn", "€3bn"]),
    ("en", "Nvidia shipped 3 million GPUs in 2024, including 500,000 to Europe.", "3 million GPUs", ["500,000"]),
    ("fr", "Le plan prévoit 500 milliards de dollars sur quatre ans, avec une première phase de 100 milliards de dollars.",
     "500 milliards de dollars", ["100 milliards de dollars"]),
])
def test_parts_named_by_a_cue_are_linked_to_their_whole_not_merged(language, text, whole, parts):
    facts, claims = read({"a": (language, text)})
    whole_claim = claim_of(facts, whole)
    for part in parts:
        part_claim = claim_of(facts, part)
        assert part_claim != whole_claim
        assert claim(claims, part_claim)["part_of"] == whole_claim
    assert claim(claims, whole_claim)["part_of"] is None
    # Everything not in a part once: the top level sums to the whole alone.
    assert claims.filter(pl.col("part_of").is_null()).height == claims.height - len(parts)


def test_a_sentence_pointing_back_makes_its_figures_parts_of_the_previous_one():
    facts, claims = read({"a": ("fr", "L'Union a annoncé un plan de 200 milliards d'euros. Ce montant comprendra "
                                      "150 milliards d'euros d'investissements privés, auxquels s'ajouteront 20 milliards "
                                      "d'euros de financements publics.")})
    total = claim_of(facts, "200 milliards d'euros")
    assert claim(claims, claim_of(facts, "150 milliards d'euros"))["part_of"] == total
    assert claim(claims, claim_of(facts, "20 milliards d'euros"))["part_of"] == total


def test_no_cue_no_part_and_a_bigger_figure_is_never_a_part():
    facts, claims = read({"a": ("fr", "Le projet coûte 5 milliards d'euros. Le voisin coûte 8 milliards d'euros, dont 9 000 emplois.")})
    assert claims.get_column("part_of").null_count() == claims.height


def test_parts_summing_over_their_whole_are_reported():
    facts, claims = read({"a": ("en", "The plan is worth €10bn, of which €7bn for chips and €6bn for data centres.")})
    over = parts_over_total(claims)
    assert over.height == 1
    row = over.row(0, named=True)
    assert row["part_of"] == claim_of(facts, "€10bn") and row["parts_low"] == pytest.approx(13e9)
    facts, claims = read({"a": ("en", "The plan is worth €10bn, of which €7bn for chips and €3bn for data centres.")})
    assert parts_over_total(claims).is_empty()


def test_part_of_is_acyclic_even_when_statements_contradict():
    claimed = pl.DataFrame({"fact_id": ["a", "b"], "claim_id": ["A", "B"], "v_u": [10.0, 20.0], "unit_rate": [1.0, 1.0]})
    parts = pl.DataFrame({"part": ["a", "b"], "whole": ["b", "a"]})
    assert claim_parents(claimed, parts).rows() == [("A", "B")]  # the larger claim cannot be part of the smaller


def test_part_links_need_the_same_unit_and_counted_thing():
    facts, _ = read({"a": ("fr", "Six usines, pour un investissement de 485 millions d'euros, dont une implantée en France.")})
    links = part_links(facts)
    by_id = dict(facts.select("fact_id", "figure_text").iter_rows())
    assert [(by_id[p], by_id[w]) for p, w in links.iter_rows()] == [("une", "Six usines")]


# --- conflicts ------------------------------------------------------------------------------

def test_bounds_and_approximations_that_overlap_agree():
    facts, claims = read({
        "a": ("fr", "Nvidia a perdu plus de 593 milliards de dollars de capitalisation en une journée."),
        "b": ("fr", "Nvidia a perdu près de 600 milliards de dollars de capitalisation en une journée."),
    })
    c = claim_of(facts, "593 milliards de dollars")
    assert c == claim_of(facts, "600 milliards de dollars")
    got = claim(claims, c)
    assert (got["conflicting"], got["value"], got["bound"]) == (False, 600e9, "approx")


def test_a_real_disagreement_is_flagged_and_kept_whole():
    facts, claims = read({
        "a": ("fr", "Nvidia a perdu 593 milliards de dollars de capitalisation en une journée."),
        "b": ("fr", "Nvidia a perdu 610 milliards de dollars de capitalisation en une journée."),
    })
    c = claim_of(facts, "593 milliards de dollars")
    assert c == claim_of(facts, "610 milliards de dollars")  # within 5 %: one claim
    got = claim(claims, c)
    assert got["conflicting"] and (got["value_low"], got["value_high"]) == (593e9, 610e9)


def test_an_exact_figure_inside_an_open_bound_is_the_consensus():
    facts, claims = read({
        "a": ("fr", "Nvidia a perdu plus de 593 milliards de dollars en une journée."),
        "b": ("fr", "Nvidia a perdu 600 milliards de dollars en une journée."),
    })
    got = claim(claims, claim_of(facts, "600 milliards de dollars"))
    assert (got["conflicting"], got["value"], got["value_low"], got["value_high"], got["bound"]) == (False, 600e9, 600e9, 600e9, "exact")
    assert got["amount_eur"] == pytest.approx(600e9 * _fx().filter((pl.col("currency") == "USD") & (pl.col("year") == 2025))
                                              .get_column("eur_per_unit")[0])


def test_every_fact_belongs_to_exactly_one_claim_and_claims_list_their_facts():
    facts, claims = read({"a": ("fr", CITED), "b": ("fr", "DeepSeek dispose de 50 000 GPU Hopper, dont 10 000 H800 et 10 000 H100.")})
    listed = claims.select(pl.col("fact_ids").explode()).get_column("fact_ids").sort().to_list()
    assert listed == facts.get_column("fact_id").sort().to_list()
    assert claims.get_column("n_statements").sum() == facts.height


def test_an_unattributed_figure_never_chains_two_entities_and_coincidences_are_not_restatements():
    facts, claims = read({"a": ("fr", "Meta a investi 10 milliards de dollars en 2024. Google a investi 10 milliards de dollars "
                                      "en 2024. Au total, 10 milliards de dollars, un record. Deux ans après, le marché a "
                                      "doublé. En deux ans, les ventes ont doublé.")})
    by_text = facts.sort("char_start").select("figure_text", "entity_id", "claim_id").rows()
    amounts = [r for r in by_text if r[0] == "10 milliards de dollars"]
    assert [r[1] for r in amounts] == ["meta", "alphabet", None]
    assert amounts[0][2] != amounts[1][2]  # Meta's and Google's are two claims, whatever the third says
    small = [r for r in by_text if r[0] in ("Deux ans", "deux ans", "doublé")]
    assert len(small) >= 3 and len({r[2] for r in small}) == len(small)  # equal small numbers are coincidences


def test_one_amount_repeated_thousands_of_times_is_one_claim_without_quadratic_work():
    # A document repeating one amount (an attack, or a table) gives one claim: identical statements
    # are linked to one representative before any pair is compared.
    text = " ".join(["Le budget est de 20 milliards d'euros."] * 3000)
    facts, claims = read({"a": ("fr", text)})
    assert facts.height == 3000 and claims.height == 1
    assert claim(claims, facts.get_column("claim_id")[0])["n_statements"] == 3000


# --- totals rows of tables ------------------------------------------------------------------------

def read_tables(docs: dict[str, tuple[str, str]], tmp_path, published=dt.date(2025, 6, 1)):
    """The facts and claims of small Markdown documents {source_id: (language, text)}, read as the
    pipeline reads a registered document (text rules outside the tables, table facts inside)."""
    from pipelines.extraction.corpus import extract_converted_document
    from pipelines.registry import load_registry

    raw = tmp_path / "raw"
    (raw / "documents").mkdir(parents=True)
    registry = []
    for source_id, (language, text) in docs.items():
        (raw / "documents" / f"{source_id}.md").write_text(text, encoding="utf-8")
        registry.append(f"- id: {source_id}\n  file: documents/{source_id}.md\n  title: null\n  author: null\n  publisher: null\n"
                        f"  published: {published:%Y-%m}\n  language: {language}\n  url: null\n  license: null\n")
    (raw / "sources.yaml").write_text("".join(registry), encoding="utf-8")
    frames = [extract_converted_document(raw, entry, _gazetteer(), None)[1] for entry in load_registry(raw)]
    sources = pl.DataFrame({"source_id": list(docs), "published": [published] * len(docs)})
    facts, rejected = normalise_facts(pl.concat(frames), sources, _fx())
    assert rejected.is_empty()
    claimed, claims = build_claims(facts, _entities(), ReviewedClaims.none(), {})
    return facts.drop("claim_id").join(claimed, on="fact_id"), claims


def test_a_total_row_is_the_whole_of_the_rows_above_it_in_each_additive_column(tmp_path):
    facts, claims = read_tables({"t": ("en", (
        "Table 2: AI investment by country, 2024\n\n"
        "| Country | Investment (€ million) | Share (%) |\n|---|---|---|\n"
        "| France | 120 | 60 |\n| Germany | 80 | 40 |\n| Total | 200 | 100 |\n"))}, tmp_path)
    by_id = dict(facts.select("fact_id", "figure_text").iter_rows())
    assert sorted((by_id[p], by_id[w]) for p, w in part_links(facts).iter_rows()) == [("120", "200"), ("80", "200")]
    total = claim_of(facts, "200")
    assert claim(claims, claim_of(facts, "120"))["part_of"] == total
    assert claim(claims, claim_of(facts, "80"))["part_of"] == total
    assert claim(claims, total)["part_of"] is None
    # Shares do not add up: 60 % and 40 % are not parts of the 100 % as claims.
    assert claim(claims, claim_of(facts, "60"))["part_of"] is None
    assert parts_over_total(claims).is_empty()


def test_total_row_words_are_read_per_language_and_a_subtotal_closes_its_group(tmp_path):
    facts, _ = read_tables({"t": ("fr", (
        "Tableau 1 : Usines d'IA par vague\n\n"
        "| Vague | Usines d'IA |\n|---|---|\n"
        "| Décembre 2024 | 7 |\n| Mars 2025 | 6 |\n| Sous-total | 13 |\n| Octobre 2025 | 6 |\n| Ensemble | 19 |\n"))}, tmp_path)
    rows = dict(facts.select("fact_id", pl.format("{} ({})", "figure_text", pl.col("period_start").fill_null(0))).iter_rows())
    # The subtotal is the whole of the rows above it, and a part of the total below it.
    assert sorted((rows[p], rows[w]) for p, w in part_links(facts).iter_rows()) == [
        ("13 (0)", "19 (0)"), ("6 (2025)", "13 (0)"), ("6 (2025)", "19 (0)"), ("7 (2024)", "13 (0)")]
    assert facts.filter(pl.col("location") == "table").select("figure_text", "counted").unique().sort("figure_text").rows() == [
        ("13", "ai_factory"), ("19", "ai_factory"), ("6", "ai_factory"), ("7", "ai_factory")]
