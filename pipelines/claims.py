"""Claims: one row per real-world quantity; every fact belongs to exactly one.

A claim is one quantity in the world (InvestAI's total, the four largest Big Tech's 2025
spending, DeepSeek's GPU fleet) stated by one or more facts, in one or more sources. Plain Polars
and Python, no Dagster; the reviewed links are read from ``raw/reference/claims.yaml``
(``pipelines.reviewed_claims``), the part-whole links from the sentences (``pipelines.claim_parts``)
and the notes cited by each paragraph from the texts (``pipelines.citations``).

Which statements are one claim (links, then connected components):

1. *Reviewed*: the statements of one entry of ``claims.yaml``.
2. *Citation*: a figure in a bibliographic reference (note ``N``) restates a figure of a body
   paragraph that cites ``N`` when their units agree (money: any currency, compared in EUR),
   their periods overlap (or one is unknown), their entities agree (the same, one unknown, or
   groups with common members) and their statement intervals (below) overlap: a headline "Over
   $300bn ... for 2025" and the body's "jusqu'à 320 milliards de dollars ... en 2025" agree. The
   closest such figure in value is taken.
3. *Rule*: two statements are about the same entity (or, with no entity, the same metric and
   place), with compatible metrics (equal, or one generic), the same unit (money: any currency,
   compared in the original one when shared, else in EUR), the same counted thing and hardware
   when both say, overlapping periods (or one unknown), and values within ``MATCH_TOLERANCE``
   (5 %). Two figures of the same sentence in the same unit are never one claim by rule: a
   sentence that states two equal amounts states two things ("10 000 H800 et 10 000 H100").

Links are applied in that order (then by closeness), and a link is refused when it would put in
one claim two different reviewed claims, or a part and its whole (``claim_parts``): parts are
linked (``part_of``), never merged. Identical statements (same block, metric, unit, counted,
hardware, period and value) are linked to one representative first, so that a corpus repeating
one figure thousands of times costs one comparison, not a quadratic number.

Conflicts (``conflicting``): each statement stands for an interval. An exact figure is itself ±
half a unit of its last written digit ("593" -> 592.5-593.5, "1,5" -> 1.45-1.55); ``approx``
("près de", "about", "around") widens it by ``APPROX_TOLERANCE`` (10 %) on each side; ``at_least``
("plus de 593", "over $300bn") is the half-line from the figure up, ``at_most`` ("jusqu'à 320")
the half-line below it. A claim is conflicting when its statements' intervals have no common
point, compared in the claim's unit (statements in another currency converted through their EUR
values, with ``CROSS_CURRENCY_TOLERANCE`` (2 %) of slack for the authors' own conversions; an
unstated currency counts as the claim's). "plus de 593 milliards" and "600 milliards" agree;
"593" and "650" do not.

Consensus (``value``, ``value_low``, ``value_high``, in ``unit``, and ``bound``): for a claim
whose statements agree, the exact statements give it (median value, their range), clipped to the
common interval; without exact statements, the approximate ones (median, common interval); with
bounds only, the common interval (two-sided: its midpoint, ``approx``; one-sided: its end, with
that bound). For a conflicting claim: the median and the hull of the statements. ``unit`` is the
currency most statements use (money) or the statements' unit; ``amount_eur*`` are the consensus
in EUR at the statements' own rates (null when no statement states a currency).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping

import polars as pl

from pipelines.citations import note_links
from pipelines.claim_components import ComponentMemo, claim_components
from pipelines.claim_parts import part_links
from pipelines.contract import CLAIMS
from pipelines.facts import MONEY_UNIT, UNSTATED_CURRENCY

MATCH_TOLERANCE = 0.05
APPROX_TOLERANCE = 0.10
CROSS_CURRENCY_TOLERANCE = 0.02
# Metrics that name no particular kind of quantity: compatible with any more specific one.
GENERIC_METRICS = ("investment", "amount", "count")

_EMPTY_PAIRS = {"a": pl.String, "b": pl.String}


# --------------------------------------------------------------------------------------------
# Statement intervals
# --------------------------------------------------------------------------------------------

def _rounding_step() -> pl.Expr:
    """Base units of the last digit written in `figure_text` ("593 milliards" -> 1e9, "1,5" -> 1e8).

    The last number in the figure text (thousands separated by spaces; `,` or `.` decimals, a
    group of exactly three digits after them being thousands); a figure written in words ("six
    millions", "la moitié") is read as precise to a tenth of its value (± 5 %)."""
    token = pl.col("figure_text").str.replace_all(r"[\u00a0\u202f\u2009]", " ").str.extract_all(
        r"\d+(?: \d{3})*(?:[.,]\d+)?").list.last()
    decimals_part = token.str.extract(r"[.,](\d+)$")
    decimals = pl.when(decimals_part.str.len_chars().is_in([1, 2, 4, 5, 6])).then(decimals_part.str.len_chars()).otherwise(0)
    mantissa = (
        pl.when(decimals > 0).then(token.str.replace_all(" ", "").str.replace(",", "."))
        .otherwise(token.str.replace_all(r"[ .,]", ""))
        .cast(pl.Float64, strict=False)
    )
    scale = pl.col("value_high").abs() / mantissa
    step = scale * pl.lit(10.0).pow(-decimals.cast(pl.Float64))
    return pl.when(mantissa.is_null() | (mantissa == 0)).then(pl.col("value_high").abs() * 0.1).otherwise(step)


def statement_intervals(frame: pl.DataFrame) -> pl.DataFrame:
    """Adds `lo`, `hi`: the values a statement allows, in its own unit (see the module doc);
    half-lines use infinities."""
    step = _rounding_step()
    low, high, bound = pl.col("value_low"), pl.col("value_high"), pl.col("bound")
    lo = (pl.when(bound == "at_least").then(low)
          .when(bound == "at_most").then(-math.inf)
          .when(bound == "approx").then(low * (1 - APPROX_TOLERANCE) - step / 2)
          .otherwise(low - step / 2))
    hi = (pl.when(bound == "at_least").then(math.inf)
          .when(bound == "at_most").then(high)
          .when(bound == "approx").then(high * (1 + APPROX_TOLERANCE) + step / 2)
          .otherwise(high + step / 2))
    # lazily: the rounding step's sub-expressions (the last number, its decimals) are shared by
    # both ends and every branch; the eager API computes each occurrence again (4 times slower)
    return frame.lazy().with_columns(lo.alias("lo"), hi.alias("hi")).collect()


def _is_money(suffix: str = "") -> pl.Expr:
    return pl.col(f"unit{suffix}").str.contains(MONEY_UNIT)


# --------------------------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------------------------

def _block() -> pl.Expr:
    return (pl.when(pl.col("entity_id").is_not_null()).then(pl.format("e:{}", pl.col("entity_id")))
            .when(pl.col("geo").is_not_null()).then(pl.format("m:{}:{}", pl.col("metric"), pl.col("geo"))))


def _unit_family() -> pl.Expr:
    """Money statements compare across currencies; others only within one unit."""
    return pl.when(_is_money()).then(pl.lit("money")).otherwise(pl.col("unit"))


def _compatible(suffix: str = "_b") -> pl.Expr:
    """Pairs (columns of b suffixed) that may state one quantity: unit, counted thing, hardware,
    metric and period agree."""
    def either_null_or_equal(c: str) -> pl.Expr:
        return pl.col(c).is_null() | pl.col(f"{c}{suffix}").is_null() | (pl.col(c) == pl.col(f"{c}{suffix}"))
    metrics = ((pl.col("metric") == pl.col(f"metric{suffix}")) | pl.col("metric").is_in(GENERIC_METRICS)
               | pl.col(f"metric{suffix}").is_in(GENERIC_METRICS))
    periods = (pl.col("period_start").is_null() | pl.col(f"period_start{suffix}").is_null()
               | ((pl.col("period_start") <= pl.col(f"period_end{suffix}"))
                  & (pl.col(f"period_start{suffix}") <= pl.col("period_end"))))
    return ((pl.col("family") == pl.col(f"family{suffix}")) & either_null_or_equal("counted")
            & either_null_or_equal("hardware") & metrics & periods.fill_null(True))


def _comparable_values(suffix: str = "_b") -> tuple[pl.Expr, pl.Expr]:
    """The two values to compare: in the original unit when shared (an unstated currency counts as
    any), else in EUR."""
    same = ((pl.col("unit") == pl.col(f"unit{suffix}")) | (pl.col("unit") == UNSTATED_CURRENCY)
            | (pl.col(f"unit{suffix}") == UNSTATED_CURRENCY))
    return (pl.when(same).then(pl.col("value")).otherwise(pl.col("value_eur")),
            pl.when(same).then(pl.col(f"value{suffix}")).otherwise(pl.col(f"value_eur{suffix}")))


def _near_pairs(keyed: pl.DataFrame, keep: Callable[[pl.LazyFrame], pl.LazyFrame] | None = None) -> pl.DataFrame:
    """The pairs of one block whose values may be within MATCH_TOLERANCE, without the block's
    full self-join: values within 5 % fall in the same or adjacent logarithmic buckets of width
    -log(0.95), in the original unit or in EUR; the exact test follows in `rule_links`.

    ``keep`` (a row-wise filter, and the columns to keep) is applied to each bucket join as soon
    as it is made: the candidate pairs of a large block are many times the pairs kept, and
    holding all six joins at full width before filtering them grew with the square of the block."""
    step = -math.log(1 - MATCH_TOLERANCE)
    parts = []
    for column in ("value", "value_eur"):
        bucketed = keyed.filter(pl.col(column).is_not_null()).with_columns(
            pl.when(pl.col(column) > 0).then((pl.col(column).log() / step).floor()).otherwise(-(10**9))
            .cast(pl.Int64).alias("_bucket"))
        for shift in (-1, 0, 1):
            right = bucketed.with_columns(pl.col("_bucket") + shift)
            piece = (bucketed.lazy().join(right.lazy(), on=["block", "_bucket"], suffix="_b")
                     .filter(pl.col("fact_id") < pl.col("fact_id_b")).drop("_bucket", "_bucket_b", strict=False))
            # Streamed: the join is filtered batch by batch, never held whole. Its row order is
            # not kept; the pairs are sorted (by the two ids) before `unique`.
            parts.append((piece if keep is None else keep(piece)).collect(engine="streaming"))
            del piece, right
    return pl.concat(parts).sort("fact_id", "fact_id_b", maintain_order=True).unique(["fact_id", "fact_id_b"], maintain_order=True)


_PAIR_COLUMNS = ("fact_id", "source_id", "quote_start", "block", "family", "metric", "unit", "counted", "hardware",
                 "period_start", "period_end", "value", "value_eur")


def rule_links(rows: pl.DataFrame) -> pl.DataFrame:
    """(a, b, distance, strict) for the statements the rule says are one claim; identical
    statements are first linked to one representative (distance 0).

    A statement with neither entity nor place is compared with the other statements of its own
    document only, and only when it is an amount or a count of a named thing ("Le chiffre de
    119 milliards" restating the "119 milliards de dollars" invested in the United States; two
    "deux ans" or two "doublé" of one document are coincidences, not one quantity). Such links
    are `strict`: they never join two claims about different entities."""
    rows = rows.with_columns(_unit_family().alias("family"))
    attributed = rows.with_columns(_block().alias("block")).filter(pl.col("block").is_not_null())
    links = [_block_links(attributed).with_columns(pl.lit(False).alias("strict"))]
    unattributed = pl.col("entity_id").is_null() & pl.col("geo").is_null()
    quantity = _is_money() | ((pl.col("unit") == "count") & pl.col("counted").is_not_null())
    in_document = rows.filter(quantity).with_columns(pl.format("d:{}", pl.col("source_id")).alias("block"))
    loose = in_document.filter(unattributed).get_column("fact_id")
    if loose.len():
        within = _block_links(in_document)
        links.append(within.filter(pl.col("a").is_in(loose.implode()) | pl.col("b").is_in(loose.implode()))
                     .with_columns(pl.lit(True).alias("strict")))
    return pl.concat(links).unique(["a", "b"], keep="first", maintain_order=True)


def _block_links(keyed: pl.DataFrame) -> pl.DataFrame:
    signature = ["block", "metric", "unit", "counted", "hardware", "period_start", "period_end", "value"]
    keyed = keyed.with_columns(pl.col("fact_id").min().over(signature).alias("representative"))
    identical = keyed.filter(pl.col("fact_id") != pl.col("representative")).select(
        pl.col("representative").alias("a"), pl.col("fact_id").alias("b"), pl.lit(0.0).alias("distance"))
    representatives = keyed.filter(pl.col("fact_id") == pl.col("representative")).select(_PAIR_COLUMNS)
    del keyed
    a, b = _comparable_values()
    distance = (a - b).abs() / pl.max_horizontal(a.abs(), b.abs())
    same_sentence = ((pl.col("source_id") == pl.col("source_id_b")) & (pl.col("quote_start") == pl.col("quote_start_b"))
                     & (pl.col("unit") == pl.col("unit_b")))

    def exact(pairs: pl.LazyFrame) -> pl.LazyFrame:
        # The exact test, row by row: the same pairs (in the same order) as testing after `unique`.
        return (pairs.with_columns(distance.fill_nan(0.0).alias("distance"))
                .filter(_compatible() & ~same_sentence & (pl.col("distance") <= MATCH_TOLERANCE))
                .select("fact_id", "fact_id_b", "distance"))

    near = _near_pairs(representatives, exact)
    return pl.concat([identical, near.select(pl.col("fact_id").alias("a"), pl.col("fact_id_b").alias("b"), "distance")])


def _entities_agree(members: pl.DataFrame, suffix: str = "_b") -> pl.Expr:
    """Entities agree: the same, one unknown, or groups sharing a member (`members_e` lists an
    entity and its members)."""
    shared = pl.col("members_e").list.set_intersection(pl.col(f"members_e{suffix}")).list.len() > 0
    return pl.col("entity_id").is_null() | pl.col(f"entity_id{suffix}").is_null() | shared.fill_null(False)


def citation_links(rows: pl.DataFrame, notes: pl.DataFrame, cited: pl.DataFrame, members: pl.DataFrame) -> pl.DataFrame:
    """(a, b, distance): a figure of note N and the body figure of a paragraph citing N that it
    restates (module doc, rule 2), the closest in value when several fit."""
    cols = ["fact_id", "source_id", "entity_id", "family", "metric", "unit", "counted", "hardware", "period_start",
            "period_end", "value", "value_eur", "lo", "hi", "lo_eur", "hi_eur", "members_e"]
    frame = (rows.with_columns(_unit_family().alias("family"))
             .join(members, on="entity_id", how="left").select(cols))
    in_notes = frame.join(notes, on="fact_id")
    in_body = frame.join(cited, on="fact_id")
    pairs = in_notes.join(in_body, on=["source_id", "note"], suffix="_b")
    if pairs.is_empty():
        return pl.DataFrame(schema={**_EMPTY_PAIRS, "distance": pl.Float64})
    same = (pl.col("unit") == pl.col("unit_b")) | (pl.col("unit") == UNSTATED_CURRENCY) | (pl.col("unit_b") == UNSTATED_CURRENCY)
    slack = pl.when(same).then(0.0).otherwise(CROSS_CURRENCY_TOLERANCE)
    lo_a, hi_a = pl.when(same).then(pl.col("lo")).otherwise(pl.col("lo_eur")), pl.when(same).then(pl.col("hi")).otherwise(pl.col("hi_eur"))
    lo_b, hi_b = pl.when(same).then(pl.col("lo_b")).otherwise(pl.col("lo_eur_b")), pl.when(same).then(pl.col("hi_b")).otherwise(pl.col("hi_eur_b"))
    overlap = (pl.max_horizontal(lo_a, lo_b) <= pl.min_horizontal(hi_a, hi_b) * (1 + slack)).fill_null(False)
    a, b = _comparable_values()
    distance = ((a - b).abs() / pl.max_horizontal(a.abs(), b.abs())).fill_nan(0.0)
    compatible = (pl.col("family") == pl.col("family_b")) & _entities_agree(members) & (
        _compatible().fill_null(False) | ((pl.col("metric") != pl.col("metric_b")) & (pl.col("family") == "money")))
    return (pairs.filter(compatible & overlap).with_columns(distance.alias("distance"))
            .sort(["fact_id", "distance", "fact_id_b"]).group_by("fact_id", maintain_order=True).first()
            .select(pl.col("fact_id").alias("a"), pl.col("fact_id_b").alias("b"), "distance"))


# --------------------------------------------------------------------------------------------
# Claims of the statements
# --------------------------------------------------------------------------------------------

def statements(facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    """The facts with their entity's name and the statement intervals (own unit and EUR)."""
    names = entities.select("entity_id", pl.col("name").alias("entity"))
    rate = pl.col("value_eur") / pl.col("value")
    return statement_intervals(facts.join(names, on="entity_id", how="left")).with_columns(
        pl.when(pl.col("value") != 0).then(rate).alias("eur_rate"),
    ).with_columns((pl.col("lo") * pl.col("eur_rate")).alias("lo_eur"), (pl.col("hi") * pl.col("eur_rate")).alias("hi_eur"))


def entity_members(entities: pl.DataFrame) -> pl.DataFrame:
    """(entity_id, members_e): an entity and its members (a group shares them)."""
    return entities.select("entity_id", pl.concat_list(pl.col("entity_id"), pl.col("members").fill_null([]))
                           .list.unique().list.sort().alias("members_e"))


def assign_claims(rows: pl.DataFrame, reviewed: pl.DataFrame | None = None, parts: pl.DataFrame | None = None,
                  citations: pl.DataFrame | None = None, memo: ComponentMemo | None = None) -> pl.DataFrame:
    """Adds `claim_id` and `conflicting` to `statements(...)` rows.

    `reviewed`: (fact_id, reviewed_claim); `parts`: (part, whole) fact ids; `citations`: (a, b,
    distance) from `citation_links`; `memo`: components kept from the previous refresh
    (``claim_components``)."""
    reviewed = reviewed if reviewed is not None else pl.DataFrame(schema={"fact_id": pl.String, "reviewed_claim": pl.String})
    parts = parts if parts is not None else pl.DataFrame(schema={"part": pl.String, "whole": pl.String})
    citations = citations if citations is not None else pl.DataFrame(schema={**_EMPTY_PAIRS, "distance": pl.Float64})
    review_links = (reviewed.with_columns(pl.col("fact_id").min().over("reviewed_claim").alias("anchor"))
                    .select(pl.col("anchor").alias("a"), pl.col("fact_id").alias("b")).sort("a", "b"))
    # Every link in the order it is applied: reviewed, then citations, then the rule, each by closeness.
    links = pl.concat([
        review_links.with_columns(pl.lit(False).alias("strict")),
        citations.sort(["distance", "a", "b"]).select("a", "b", pl.lit(False).alias("strict")),
        rule_links(rows).sort(["distance", "a", "b"]).select("a", "b", "strict"),
    ])
    component = claim_components(rows.select("fact_id", "entity_id"), links, reviewed, parts, memo)
    rows = rows.join(reviewed, on="fact_id", how="left").join(component, on="fact_id", how="left")
    rows = rows.with_columns(
        pl.coalesce(pl.col("reviewed_claim").drop_nulls().first().over("component"),
                    pl.format("c-{}", pl.col("fact_id").min().over("component"))).alias("claim_id")
    )
    return _with_claim_units(rows).drop("component")


def _with_claim_units(rows: pl.DataFrame) -> pl.DataFrame:
    """Adds the claim's `claim_unit`, each statement's values in it (`v_u`, `low_u`, `high_u`,
    `lo_u`, `hi_u`) and `conflicting`."""
    stated = pl.col("unit").filter(pl.col("unit") != UNSTATED_CURRENCY)
    claim_unit = pl.coalesce(stated.mode().sort().first().over("claim_id"), pl.col("unit").first().over("claim_id"))
    rows = rows.with_columns(claim_unit.alias("claim_unit"))
    unit_rate = pl.col("eur_rate").filter(pl.col("unit") == pl.col("claim_unit")).median().over("claim_id")
    rows = rows.with_columns(unit_rate.alias("unit_rate"))
    convert = (pl.col("unit") != pl.col("claim_unit")) & (pl.col("unit") != UNSTATED_CURRENCY) & pl.col("unit_rate").is_not_null()
    factor = pl.when(convert).then(pl.col("eur_rate") / pl.col("unit_rate")).otherwise(1.0)
    slack = pl.when(convert).then(CROSS_CURRENCY_TOLERANCE).otherwise(0.0)
    rows = rows.with_columns(
        (pl.col("value") * factor).alias("v_u"), (pl.col("value_low") * factor).alias("low_u"),
        (pl.col("value_high") * factor).alias("high_u"),
        (pl.col("lo") * factor * (1 - slack)).alias("lo_u"), (pl.col("hi") * factor * (1 + slack)).alias("hi_u"),
    )
    return rows.with_columns(
        (pl.col("lo_u").max().over("claim_id") > pl.col("hi_u").min().over("claim_id")).fill_null(False).alias("conflicting"))


def _mode_first(column: str, *avoid: tuple[str, ...]) -> pl.Expr:
    """The most frequent value, preferring the body's statements over notes and headings, and
    values outside each `avoid` tier in turn (generic ones); ties go to the first in sort order."""
    def mode(keep: pl.Expr) -> pl.Expr:
        return pl.col(column).filter(pl.col(column).is_not_null() & keep).mode().sort().first()
    body = pl.col("location") == "body"
    choices = []
    for tier in avoid:
        specific = ~pl.col(column).is_in(list(tier))
        choices += [mode(body & specific), mode(specific)]
    return pl.coalesce(*choices, mode(body), mode(pl.lit(True)))


def _consensus() -> list[pl.Expr]:
    exact, approx = pl.col("bound") == "exact", pl.col("bound") == "approx"
    common_lo, common_hi = pl.col("lo_u").max(), pl.col("hi_u").min()
    stated_lo = pl.when(pl.col("bound") == "approx").then(pl.col("low_u") * (1 - APPROX_TOLERANCE)) \
        .when(pl.col("bound") == "at_most").then(-math.inf).otherwise(pl.col("low_u"))
    stated_hi = pl.when(pl.col("bound") == "approx").then(pl.col("high_u") * (1 + APPROX_TOLERANCE)) \
        .when(pl.col("bound") == "at_least").then(math.inf).otherwise(pl.col("high_u"))
    return [
        pl.col("v_u").filter(exact).median().alias("_exact_v"),
        pl.col("low_u").filter(exact).min().alias("_exact_lo"),
        pl.col("high_u").filter(exact).max().alias("_exact_hi"),
        pl.col("v_u").filter(approx).median().alias("_approx_v"),
        stated_lo.max().alias("_lo"), stated_hi.min().alias("_hi"),
        common_lo.alias("_common_lo"), common_hi.alias("_common_hi"),
        pl.col("v_u").median().alias("_all_v"), pl.col("low_u").min().alias("_all_lo"), pl.col("high_u").max().alias("_all_hi"),
    ]


def _consensus_columns() -> list[pl.Expr]:
    has_exact, has_approx = pl.col("_exact_v").is_not_null(), pl.col("_approx_v").is_not_null()
    finite_lo, finite_hi = pl.col("_lo").is_finite(), pl.col("_hi").is_finite()
    agree = ~pl.col("conflicting")
    clip = lambda e: e.clip(pl.col("_lo"), pl.col("_hi"))  # noqa: E731
    lo_exact = pl.when(pl.col("_lo") <= pl.col("_hi")).then(clip(pl.col("_exact_lo"))).otherwise(pl.col("_exact_lo"))
    hi_exact = pl.when(pl.col("_lo") <= pl.col("_hi")).then(clip(pl.col("_exact_hi"))).otherwise(pl.col("_exact_hi"))
    value = (pl.when(~agree).then(pl.col("_all_v"))
             .when(has_exact).then(pl.col("_exact_v").clip(lo_exact, hi_exact))
             .when(has_approx).then(pl.col("_approx_v"))
             .when(finite_lo & finite_hi).then((pl.col("_lo") + pl.col("_hi")) / 2)
             .when(finite_lo).then(pl.col("_lo")).otherwise(pl.col("_hi")))
    low = (pl.when(~agree).then(pl.col("_all_lo")).when(has_exact).then(lo_exact)
           .when(has_approx | (finite_lo & finite_hi)).then(pl.col("_lo")).otherwise(value))
    high = (pl.when(~agree).then(pl.col("_all_hi")).when(has_exact).then(hi_exact)
            .when(has_approx | (finite_lo & finite_hi)).then(pl.col("_hi")).otherwise(value))
    bound = (pl.when(has_exact).then(pl.lit("exact")).when(has_approx | (finite_lo & finite_hi)).then(pl.lit("approx"))
             .when(finite_lo).then(pl.lit("at_least")).otherwise(pl.lit("at_most")))
    return [value.alias("value"), low.alias("value_low"), high.alias("value_high"), bound.alias("bound")]


def _label() -> pl.Expr:
    who = pl.coalesce(pl.col("entity"), pl.col("geo"), pl.lit("Unattributed"))
    what = pl.col("metric").str.replace_all("_", " ")
    counted = pl.when(pl.col("counted").is_not_null() & ~pl.col("metric").str.contains(pl.col("counted").fill_null("")))
    period = (pl.when(pl.col("period_start").is_null()).then(pl.lit(""))
              .when(pl.col("period_start") == pl.col("period_end")).then(pl.format(", {}", pl.col("period_start")))
              .otherwise(pl.format(", {}-{}", pl.col("period_start"), pl.col("period_end").fill_null(pl.col("period_start")))))
    return pl.concat_str(who, pl.lit(": "), what, counted.then(pl.format(" ({})", pl.col("counted"))).otherwise(pl.lit("")),
                         period)


def claims_table(claimed: pl.DataFrame, part_of: pl.DataFrame | None = None,
                 labels: dict[str, str] | None = None) -> pl.DataFrame:
    """One row per claim from the claimed statements (`assign_claims`); `part_of` is (claim_id,
    part_of) from `claim_parents`, `labels` the reviewed labels."""
    periods = (claimed.filter(pl.col("period_start").is_not_null())
               .group_by("claim_id", "period_start", "period_end").agg(pl.len().alias("_n"), pl.col("char_start").min().alias("_at"))
               # Ties (statements of two documents at the same offset) go to the earliest period:
               # without it the pick followed the unstable sort, and two runs could label a claim apart.
               .sort(["claim_id", "_n", "_at", "period_start", "period_end"], descending=[False, True, False, False, False],
                     nulls_last=True)
               .group_by("claim_id", maintain_order=True).first().select("claim_id", "period_start", "period_end"))
    claims = claimed.group_by("claim_id").agg(
        pl.col("claim_unit").first().alias("unit"),
        pl.col("unit_rate").first().alias("_rate"),
        pl.col("conflicting").first(),
        _mode_first("entity_id").alias("entity_id"),
        _mode_first("entity").alias("_entity_name"),
        _mode_first("geo").alias("geo"),
        _mode_first("metric", GENERIC_METRICS, ("amount", "count")).alias("metric"),
        _mode_first("topic", ("other",)).alias("topic"),
        _mode_first("counted").alias("counted"),
        _mode_first("hardware").alias("hardware"),
        pl.len().cast(pl.Int64).alias("n_statements"),
        pl.col("source_id").n_unique().cast(pl.Int64).alias("n_sources"),
        pl.col("unit").filter(pl.col("unit").str.contains(MONEY_UNIT)).unique().sort().alias("currencies"),
        pl.col("fact_id").sort().alias("fact_ids"),
        pl.col("source_id").unique().sort().alias("source_ids"),
        *_consensus(),
    ).with_columns(_consensus_columns())
    # The entity named most often among the statements: its name labels the claim.
    claims = claims.join(periods, on="claim_id", how="left").rename({"_entity_name": "entity"})
    money = pl.col("unit").str.contains(MONEY_UNIT) & (pl.col("unit") != UNSTATED_CURRENCY)
    claims = claims.with_columns(
        *[pl.when(money).then(pl.col(c) * pl.col("_rate")).alias(f"amount_eur{s}")
         for c, s in (("value", ""), ("value_low", "_low"), ("value_high", "_high"))],
        pl.when(money | (pl.col("unit") == UNSTATED_CURRENCY)).then(pl.col("currencies")).otherwise(pl.col("currencies").list.slice(0, 0)).alias("currencies"),
    ).with_columns(_label().alias("label"))
    if labels:
        claims = claims.with_columns(pl.col("claim_id").replace_strict(labels, default=pl.col("label"), return_dtype=pl.String).alias("label"))
    if part_of is None:
        part_of = pl.DataFrame(schema={"claim_id": pl.String, "part_of": pl.String})
    claims = claims.join(part_of, on="claim_id", how="left")
    return CLAIMS.conform(claims)


def claim_parents(claimed: pl.DataFrame, parts: pl.DataFrame, reviewed_parents: dict[str, str] | None = None) -> pl.DataFrame:
    """(claim_id, part_of): the part-whole links of the statements lifted to their claims.

    A reviewed `part_of` wins; else, of the wholes the statements name, the smallest (the most
    specific: "dont 20 milliards" of the 50 bn public part rather than of the 200 bn total). A
    link inside one claim is dropped, and a cycle (which only contradictory statements can make)
    is broken at its largest claim, so that `part_of` is acyclic."""
    claim_of = claimed.select("fact_id", "claim_id")
    size = claimed.group_by("claim_id").agg(pl.col("v_u").median().mul(pl.col("unit_rate").first().fill_null(1.0)).alias("_size"))
    lifted = (parts.join(claim_of, left_on="part", right_on="fact_id")
              .join(claim_of.rename({"claim_id": "parent"}), left_on="whole", right_on="fact_id")
              .filter(pl.col("claim_id") != pl.col("parent"))
              .join(size.rename({"claim_id": "parent", "_size": "parent_size"}), on="parent")
              .sort(["claim_id", "parent_size", "parent"]).group_by("claim_id", maintain_order=True).first())
    parent = dict(lifted.select("claim_id", "parent").iter_rows())
    known = set(claimed.get_column("claim_id").unique().to_list())
    for child, whole in (reviewed_parents or {}).items():
        if child in known and whole in known and child != whole:
            parent[child] = whole
    sizes = dict(size.iter_rows())
    for start in sorted(parent):
        seen, node = [], start
        while node in parent and node not in seen:
            seen.append(node)
            node = parent[node]
        if node in seen:  # a cycle: the largest claim in it cannot be a part of a smaller one
            cycle = seen[seen.index(node):]
            del parent[max(cycle, key=lambda c: (sizes.get(c) or 0.0, c))]
    return pl.DataFrame({"claim_id": list(parent), "part_of": list(parent.values())},
                        schema={"claim_id": pl.String, "part_of": pl.String}).sort("claim_id")


def parts_over_total(claims: pl.DataFrame) -> pl.DataFrame:
    """The wholes whose parts sum to more than the whole can be: (part_of, parts, parts_low,
    whole_high), compared in EUR for money and in the unit otherwise; a part stated as a maximum
    counts from zero and a whole stated as a minimum has no upper end."""
    money = pl.col("amount_eur").is_not_null()
    low = pl.when(pl.col("bound") == "at_most").then(0.0).when(money).then(pl.col("amount_eur_low")).otherwise(pl.col("value_low"))
    high = pl.when(pl.col("bound") == "at_least").then(math.inf).when(money).then(pl.col("amount_eur_high")).otherwise(pl.col("value_high"))
    frame = claims.with_columns(low.alias("_low"), high.alias("_high"), pl.when(money).then(pl.lit("EUR")).otherwise(pl.col("unit")).alias("_unit"))
    parts = frame.filter(pl.col("part_of").is_not_null()).group_by("part_of", "_unit").agg(
        pl.col("claim_id").sort().alias("parts"), pl.col("_low").sum().alias("parts_low"))
    wholes = frame.select(pl.col("claim_id").alias("part_of"), "_unit", pl.col("_high").alias("whole_high"))
    return (parts.join(wholes, on=["part_of", "_unit"])
            .filter(pl.col("parts_low") > pl.col("whole_high") * (1 + 1e-9))
            .select("part_of", "parts", "parts_low", "whole_high").sort("part_of"))


def build_claims(facts: pl.DataFrame, entities: pl.DataFrame, reviewed,
                 texts: Mapping[str, str] | Iterable[tuple[str, str]] = (),
                 links: tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame] | None = None,
                 memo: ComponentMemo | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(claimed, claims): every fact's (fact_id, claim_id, conflicting) and the `claims` table.

    `reviewed` is a ``pipelines.reviewed_claims.ReviewedClaims``; `texts` the texts of the
    documents whose notes hold figures (for citation links): a mapping source_id -> text, or
    (source_id, text) pairs, read one at a time and not held (``citations.note_links``). `links`:
    the links found inside each document, (parts, note numbers, cited notes), when the caller has
    them (``document_links``, kept from one refresh to the next); then `texts` is not read. `memo`:
    the claims' components kept from the previous refresh (``claim_components.ComponentMemo``),
    updated for the next."""
    if links is None:
        texts = texts.items() if isinstance(texts, Mapping) else texts
        numbers, cited = note_links(facts, texts)
        parts = part_links(facts)
    else:
        parts, numbers, cited = links
    rows = statements(facts, entities)
    cites = citation_links(rows, numbers, cited, entity_members(entities))
    claimed = assign_claims(rows, reviewed.statements, parts, cites, memo)
    parents = claim_parents(claimed, parts, reviewed.parents)
    table = claims_table(claimed, parents, reviewed.labels)
    return claimed.select("fact_id", "claim_id", "conflicting").sort("fact_id"), table
