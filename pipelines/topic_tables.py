"""The topic tables derived from `facts` and `entities`: capex, compute, ai_factories, startups.

Plain Polars, no Dagster. Every rule is general and written down here; the only hand-typed
inputs are reviewed reference files under `raw/reference/` whose entries quote the sources,
and every quote is checked against its source at run time (a stale quote fails the run).

capex — money figures about investment and spending
    Rows: the facts of topic `capex` whose unit is a currency, plus the money figures of topic
    `ai_factories` (the programme's funding is a public commitment: "how much has each public
    programme committed" needs it); `topic` says which. `XXX` is the ISO 4217 code for "no
    currency stated" (a restatement such as "335 milliards"): kept, with null EUR/USD amounts.

    Claims (``claim_id``): two statements are the same claim when
      * they are about the same entity (both `entity_id` equal), or, when neither names an
        entity, the same `metric` and the same (non-null) `geo`;
      * their metrics are compatible (equal, or one is the generic `investment`);
      * their periods are compatible (either is unknown, or the year ranges overlap);
      * their amounts are equal within ``MATCH_TOLERANCE`` (5 %), compared in the original
        currency when both are the same currency or one is unstated (`XXX`), else in EUR;
    or when a reviewed claim in ``raw/reference/claims.yaml`` names them (by quote). Claims are
    the connected components of these links (a reviewed claim wins: the rule never links two
    statements reviewed into different claims, and where unreviewed statements would chain two
    reviewed claims together, they join neither). A claim's id is its reviewed key, else
    ``c-<smallest fact_id>``. Reviewed statements of a registered document that could not be read
    are skipped, as its facts are; a source id the registry does not know, or a quote that no
    longer selects exactly one capex figure of a published document, stops the run.

    Conflicts (``conflicting``): each statement stands for an interval of amounts — the figure
    ± half a unit of its last written digit ("593" → 592.5–593.5, "1,5" → 1.45–1.55, "600" →
    599.5–600.5: digits as written are taken as significant); `approx` widens it by
    ``APPROX_TOLERANCE`` (10 %); `at_least` ("plus de 593") is read as the figure truncated at its
    last digit (593–594) and `at_most` ("jusqu'à 500") as (499–500). A claim is conflicting when
    the intervals of its statements have no common point — compared in the original currency
    when all share one, else in EUR with ``CROSS_CURRENCY_TOLERANCE`` (2 %) of slack for the
    authors' own conversions. Every statement of a conflicting claim is flagged.

ai_factories — one row per site as the sources state it, from ``raw/reference/ai_factories.yaml``
    (see that file): waves and sites are reviewed, each with the exact quote that states it; the
    numbers (wave funding, factory counts) are the facts found inside those quotes.

startups — one row per startup or scale-up named in a source (gazetteer kind `startup`, or an
    entity with a startup `segment`), with the latest stated valuation and funding in EUR: the
    fact of the most recently published source (then the latest period, then the later position
    in the text).
"""

from __future__ import annotations

import math

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import yaml

from pipelines.contract import AI_FACTORIES, CAPEX, CLAIMS, COMPUTE, STARTUPS
from pipelines.curation import TYPOGRAPHY
from pipelines.facts import MONEY_UNIT, UNSTATED_CURRENCY
from pipelines.safe_yaml import safe_load

TextReader = Callable[[Iterable[str]], dict[str, str]]
MATCH_TOLERANCE = 0.05
APPROX_TOLERANCE = 0.10
CROSS_CURRENCY_TOLERANCE = 0.02
GENERIC_METRICS = ("investment",)
VALUATION_METRICS = ("valuation",)
FUNDING_METRICS = ("funding_round", "funding_raised", "funding")
CLAIMS_FILE = "reference/claims.yaml"
AI_FACTORIES_FILE = "reference/ai_factories.yaml"
# Europe for `startups.european`: the EU 27, the EEA, Switzerland and the United Kingdom.
EUROPEAN_COUNTRIES = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH", "GB", "EU", "EUROPE",
)
_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")


class ReferenceDataError(ValueError):
    """A reviewed reference file is malformed or stale; ``problems`` names file and entry."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid or stale reference data:\n" + "\n".join(problems))


def _with_entity_names(facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    names = entities.select("entity_id", pl.col("name").alias("entity"))
    return facts.join(names, on="entity_id", how="left")


# --------------------------------------------------------------------------------------------
# Quotes of reviewed reference files → spans in the sources → facts
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QuoteRef:
    label: str  # "raw/reference/x.yaml: entry 3 (…)": names file and entry in errors
    key: str  # what the quote is for (joined back by the caller)
    source_id: str
    quote: str


def locate_quotes(refs: list[QuoteRef], texts: dict[str, str]) -> tuple[pl.DataFrame, list[str]]:
    """Every occurrence of each quote in its source: (key, label, source_id, start, end).

    Comparison is exact after a length-preserving typographic normalisation (’ → ', no-break
    spaces → space), so offsets are those of the source. A quote found nowhere is a problem."""
    rows, problems = [], []
    normalised = {sid: text.translate(TYPOGRAPHY) for sid, text in texts.items()}
    for ref in refs:
        text = normalised.get(ref.source_id)
        if text is None:
            problems.append(f"{ref.label}: unknown or unreadable source {ref.source_id!r}")
            continue
        needle = ref.quote.translate(TYPOGRAPHY)
        found = [m.start() for m in re.finditer(re.escape(needle), text)] if needle else []
        if not found:
            problems.append(f'{ref.label}: quote "{ref.quote}" does not occur in source {ref.source_id} (stale reference)')
        rows += [(ref.key, ref.label, ref.source_id, s, s + len(needle)) for s in found]
    frame = pl.DataFrame(rows, schema={"key": pl.String, "label": pl.String, "source_id": pl.String,
                                       "start": pl.Int64, "end": pl.Int64}, orient="row")
    return frame, problems


def facts_within(spans: pl.DataFrame, facts: pl.DataFrame) -> pl.DataFrame:
    """The facts whose figure lies inside a span: spans' columns + fact_id, figure_text, ..."""
    return spans.join(facts, on="source_id", how="inner").filter(
        (pl.col("char_start") >= pl.col("start")) & (pl.col("char_end") <= pl.col("end"))
    )


def _read_yaml(path: Path) -> object:
    try:
        return safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except yaml.YAMLError as exc:
        raise ReferenceDataError([f"{_shown(path)}: not valid YAML: {exc}"]) from exc


# --------------------------------------------------------------------------------------------
# capex: claims and conflicts
# --------------------------------------------------------------------------------------------

def _shown(path: Path) -> str:
    """Reference files are named relative to raw/ in messages, whatever the checkout path."""
    return f"raw/{path.parent.name}/{path.name}"


def load_claims(path: Path) -> list[dict]:
    """raw/reference/claims.yaml: ``claims: [{claim, note, statements: [{source, quote}]}]``."""
    data = _read_yaml(path)
    if data is None:
        return []
    problems, claims = [], []
    entries = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ReferenceDataError([f"{_shown(path)}: expected a mapping with a list `claims`"])
    for n, entry in enumerate(entries, 1):
        label = f"{_shown(path)}: entry {n}"
        if not isinstance(entry, dict):
            problems.append(f"{label}: not a mapping")
            continue
        key, statements = entry.get("claim"), entry.get("statements")
        label = f"{_shown(path)}: entry {n} (claim {key!r})"
        if not isinstance(key, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
            problems.append(f"{label}: `claim` must be a slug [a-z0-9-]")
        if not entry.get("note"):
            problems.append(f"{label}: `note` is required (why these statements are one claim)")
        if not isinstance(statements, list) or not statements or not all(
            isinstance(s, dict) and isinstance(s.get("source"), str) and isinstance(s.get("quote"), str) for s in statements
        ):
            problems.append(f"{label}: `statements` must be a non-empty list of {{source, quote}}")
            continue
        unknown = {k for k in entry if k not in ("claim", "note", "statements")}
        if unknown:
            problems.append(f"{label}: unknown fields {sorted(unknown)}")
        claims.append({"claim": key, "label": label, "statements": [{**st, "n": i} for i, st in enumerate(statements, 1)]})
    keys = [c["claim"] for c in claims]
    problems += [f"{_shown(path)}: claim {k!r} is listed twice" for k in sorted({k for k in keys if keys.count(k) > 1})]
    if problems:
        raise ReferenceDataError(problems)
    return claims


def reviewed_claims(claims: list[dict], texts: dict[str, str], money: pl.DataFrame) -> pl.DataFrame:
    """(fact_id, reviewed_claim): each statement's quote must select exactly one capex row."""
    refs = [
        QuoteRef(f"{c['label']}: statement {s.get('n', i)}", f"{c['claim']}\t{i}", s["source"], s["quote"])
        for c in claims for i, s in enumerate(c["statements"], 1)
    ]
    spans, problems = locate_quotes(refs, texts)
    hits = facts_within(spans, money.select("fact_id", "source_id", "char_start", "char_end"))
    counts = spans.select("key", "label").unique().join(hits.group_by("key").agg(pl.col("fact_id").unique()), on="key", how="left")
    for key, label, ids in counts.iter_rows():
        n = 0 if ids is None else len(ids)
        if n != 1:
            problems.append(f"{label}: the quote selects {n} money figures (exactly one needed; quote more words)")
    if problems:
        raise ReferenceDataError(sorted(set(problems)))
    out = hits.select(pl.col("key").str.split("\t").list.first().alias("reviewed_claim"), "fact_id").unique()
    twice = out.group_by("fact_id").agg(pl.col("reviewed_claim").unique()).filter(pl.col("reviewed_claim").list.len() > 1)
    if twice.height:
        raise ReferenceDataError([f"{CLAIMS_FILE}: fact {f} is in several claims: {sorted(c)}" for f, c in twice.iter_rows()])
    return out


def _rounding_step() -> pl.Expr:
    """Base units of the last digit written in `figure_text` ("593 milliards" → 1e9, "1,5" → 1e8).

    The last number in the figure text (thousands separated by spaces; `,` or `.` decimals, a
    group of exactly three digits after them being thousands); a figure written in words
    ("six millions", "milliard") steps by its multiplier."""
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
    return pl.when(mantissa.is_null() | (mantissa == 0)).then(pl.col("value_high").abs()).otherwise(step)


def statement_intervals(frame: pl.DataFrame) -> pl.DataFrame:
    """Adds `lo`, `hi` (original units) and `lo_eur`, `hi_eur`: the amounts a statement allows."""
    step = _rounding_step()
    low, high = pl.col("value_low"), pl.col("value_high")
    lo = (pl.when(pl.col("bound") == "at_least").then(low)
          .when(pl.col("bound") == "at_most").then(high - step)
          .when(pl.col("bound") == "approx").then(low * (1 - APPROX_TOLERANCE) - step / 2)
          .otherwise(low - step / 2))
    hi = (pl.when(pl.col("bound") == "at_least").then(low + step)
          .when(pl.col("bound") == "at_most").then(high)
          .when(pl.col("bound") == "approx").then(high * (1 + APPROX_TOLERANCE) + step / 2)
          .otherwise(high + step / 2))
    rate = pl.col("value_eur") / pl.col("value")
    return frame.with_columns(lo.alias("lo"), hi.alias("hi")).with_columns(
        (pl.col("lo") * rate).alias("lo_eur"), (pl.col("hi") * rate).alias("hi_eur")
    )


def _near_pairs(keyed: pl.DataFrame) -> pl.DataFrame:
    """The pairs of one block whose amounts may be within MATCH_TOLERANCE, without the block's
    full self-join (quadratic: a corpus restating one entity's figures thousands of times would
    not fit in memory). Amounts within 5 % fall in the same or adjacent logarithmic buckets of
    width -log(0.95), in the original currency or in EUR, whichever the rule compares; the exact
    test follows in `_rule_links`, so the links are those of the full self-join."""
    # |a - b| <= t * max(a, b) means max/min <= 1 / (1 - t): the bucket width.
    step = -math.log(1 - MATCH_TOLERANCE)
    parts = []
    for column in ("amount", "amount_eur"):
        bucketed = keyed.filter(pl.col(column).is_not_null()).with_columns(
            pl.when(pl.col(column) > 0).then((pl.col(column).log() / step).floor()).otherwise(-(10**9))
            .cast(pl.Int64).alias("_bucket"))
        for shift in (-1, 0, 1):
            right = bucketed.with_columns(pl.col("_bucket") + shift)
            parts.append(bucketed.join(right, on=["claim_block", "_bucket"], suffix="_b")
                         .filter(pl.col("fact_id") < pl.col("fact_id_b")).drop("_bucket"))
    return pl.concat(parts).unique(["fact_id", "fact_id_b"], maintain_order=True)


def _rule_links(rows: pl.DataFrame) -> pl.DataFrame:
    """Pairs (a, b) of statements the rule says are one claim (a < b)."""
    keyed = rows.with_columns(
        pl.when(pl.col("entity_id").is_not_null()).then(pl.format("e:{}", pl.col("entity_id")))
        .when(pl.col("geo").is_not_null()).then(pl.format("m:{}:{}", pl.col("metric"), pl.col("geo")))
        .alias("claim_block")
    ).filter(pl.col("claim_block").is_not_null()).select(
        "fact_id", "claim_block", "metric", "period_start", "period_end", "amount", "currency", "amount_eur", "reviewed_claim",
    )
    pairs = _near_pairs(keyed)
    same_units = (pl.col("currency") == pl.col("currency_b")) | (pl.col("currency") == UNSTATED_CURRENCY) | (
        pl.col("currency_b") == UNSTATED_CURRENCY)
    a = pl.when(same_units).then(pl.col("amount")).otherwise(pl.col("amount_eur"))
    b = pl.when(same_units).then(pl.col("amount_b")).otherwise(pl.col("amount_eur_b"))
    close = (a - b).abs() <= MATCH_TOLERANCE * pl.max_horizontal(a.abs(), b.abs())
    metrics = (pl.col("metric") == pl.col("metric_b")) | pl.col("metric").is_in(GENERIC_METRICS) | pl.col("metric_b").is_in(GENERIC_METRICS)
    periods = (
        pl.col("period_start").is_null() | pl.col("period_start_b").is_null()
        | ((pl.col("period_start") <= pl.col("period_end_b")) & (pl.col("period_start_b") <= pl.col("period_end")))
    )
    reviewed_apart = (pl.col("reviewed_claim").is_not_null() & pl.col("reviewed_claim_b").is_not_null()
                      & (pl.col("reviewed_claim") != pl.col("reviewed_claim_b")))
    return pairs.filter(close.fill_null(False) & metrics & periods & ~reviewed_apart).select(
        pl.col("fact_id").alias("a"), pl.col("fact_id_b").alias("b"),
        (pl.col("reviewed_claim").is_not_null() | pl.col("reviewed_claim_b").is_not_null()).alias("touches_reviewed"))


def _components(nodes: pl.Series, links: pl.DataFrame) -> pl.DataFrame:
    """Connected components by label propagation (joins, iterated until stable): (fact_id, component)."""
    labels = pl.DataFrame({"fact_id": nodes}).with_columns(pl.col("fact_id").alias("component"))
    both = pl.concat([links, links.select(pl.col("b").alias("a"), pl.col("a").alias("b"))])
    while True:
        step = (both.join(labels, left_on="b", right_on="fact_id").group_by("a").agg(pl.col("component").min().alias("via")))
        new = labels.join(step, left_on="fact_id", right_on="a", how="left").select(
            "fact_id", pl.min_horizontal("component", "via").alias("component"))
        if new.sort("fact_id").equals(labels.sort("fact_id")):
            return new
        labels = new


def assign_claims(rows: pl.DataFrame, reviewed: pl.DataFrame | None = None) -> pl.DataFrame:
    """Adds `claim_id` and `conflicting` to capex rows (fact_id, entity_id, geo, metric, period_*,
    amount, currency, amount_eur, value, value_low, value_high, value_eur, bound, figure_text)."""
    if reviewed is None:
        reviewed = pl.DataFrame(schema={"reviewed_claim": pl.String, "fact_id": pl.String})
    rows = rows.join(reviewed, on="fact_id", how="left")
    review_links = (rows.filter(pl.col("reviewed_claim").is_not_null())
                    .with_columns(pl.col("fact_id").min().over("reviewed_claim").alias("anchor"))
                    .select(pl.col("anchor").alias("a"), pl.col("fact_id").alias("b")))
    rule_links = _rule_links(rows)
    links = pl.concat([rule_links.select("a", "b"), review_links])
    components = _components(rows.get_column("fact_id"), links)
    # The rule may extend a reviewed claim with unreviewed statements, but never chain two
    # reviewed claims into one: where a component holds several, its rule links to reviewed
    # statements are dropped and the components computed again.
    mixed = (rows.join(components, on="fact_id").group_by("component")
             .agg(pl.col("reviewed_claim").drop_nulls().n_unique().alias("n")).filter(pl.col("n") > 1))
    if mixed.height:
        in_mixed = components.join(mixed, on="component", how="semi").get_column("fact_id").implode()
        keep = ~(pl.col("touches_reviewed") & pl.col("a").is_in(in_mixed))
        links = pl.concat([rule_links.filter(keep).select("a", "b"), review_links])
        components = _components(rows.get_column("fact_id"), links)
    rows = rows.join(components, on="fact_id").with_columns(
        pl.coalesce(pl.col("reviewed_claim").min().over("component"), pl.format("c-{}", pl.col("component"))).alias("claim_id")
    )
    # Conflicts: the statements' intervals must share a point, in one currency when they share
    # one (unstated currencies count as it), else in EUR with slack for the authors' conversions.
    rows = statement_intervals(rows)
    stated = pl.col("currency").filter(pl.col("currency") != UNSTATED_CURRENCY)
    one_currency = stated.n_unique().over("claim_id") <= 1
    slack = CROSS_CURRENCY_TOLERANCE
    lo = pl.when(one_currency).then(pl.col("lo")).otherwise(pl.col("lo_eur") * (1 - slack))
    hi = pl.when(one_currency).then(pl.col("hi")).otherwise(pl.col("hi_eur") * (1 + slack))
    rows = rows.with_columns(lo.alias("_lo"), hi.alias("_hi")).with_columns(
        (pl.col("_lo").max().over("claim_id") > pl.col("_hi").min().over("claim_id")).fill_null(False).alias("conflicting")
    )
    return rows.drop("reviewed_claim", "component", "lo", "hi", "lo_eur", "hi_eur", "_lo", "_hi")


CAPEX_TOPICS = ("capex", "ai_factories")


def capex_table(facts: pl.DataFrame, entities: pl.DataFrame, reviewed: pl.DataFrame | None = None) -> pl.DataFrame:
    return capex_of_claims(money_claims(facts, entities, reviewed))


def money_claims(facts: pl.DataFrame, entities: pl.DataFrame, reviewed: pl.DataFrame | None = None) -> pl.DataFrame:
    """Every money statement with its `claim_id` and `conflicting` flag (capex and beyond: the
    same market-value loss stated by several sources is one claim too)."""
    return assign_claims(_with_entity_names(money_rows(facts), entities), reviewed)


def capex_of_claims(claimed: pl.DataFrame) -> pl.DataFrame:
    """capex: the money statements about investment and spending (topic capex, and the AI
    factories programme's funding), with their claims."""
    return CAPEX.conform(claimed.filter(pl.col("topic").is_in(CAPEX_TOPICS)))


def claims_table(claimed: pl.DataFrame) -> pl.DataFrame:
    """One row per claim stated by at least one source: how many statements and sources, the
    range of their amounts in EUR, whether they disagree, and the facts stating it."""
    claims = claimed.group_by("claim_id").agg(
        pl.col("entity_id").drop_nulls().mode().sort().first().alias("entity_id"),
        pl.col("metric").mode().sort().first().alias("metric"),
        pl.col("topic").mode().sort().first().alias("topic"),
        pl.len().cast(pl.Int64).alias("n_statements"),
        pl.col("source_id").n_unique().cast(pl.Int64).alias("n_sources"),
        pl.col("amount_eur").min().alias("amount_eur_min"),
        pl.col("amount_eur").max().alias("amount_eur_max"),
        pl.col("conflicting").any().alias("conflicting"),
        pl.col("currency").unique().sort().alias("currencies"),
        pl.col("fact_id").sort().alias("fact_ids"),
        pl.col("source_id").unique().sort().alias("source_ids"),
    )
    return CLAIMS.conform(claims)


def capex_rows(facts: pl.DataFrame) -> pl.DataFrame:
    """The money figures capex publishes (before claims): topic capex, and ai_factories funding."""
    return money_rows(facts).filter(pl.col("topic").is_in(CAPEX_TOPICS))


def money_rows(facts: pl.DataFrame) -> pl.DataFrame:
    """Every money figure, with the capex column names."""
    return facts.filter(pl.col("unit").str.contains(MONEY_UNIT)).with_columns(
        pl.col("value").alias("amount"),
        pl.col("unit").alias("currency"),
        pl.col("value_eur").alias("amount_eur"),
        pl.col("value_usd").alias("amount_usd"),
    )


def _check_registered(entries: list[tuple[str, str]], registered: set[str] | None) -> None:
    """A reference entry (label naming file and entry, source id) quoting a source the registry
    does not know is a typo, not a removed document: an error, not a silent skip."""
    if registered is None:
        return
    unknown = [f"{label}: source {source!r} is not in raw/sources.yaml" for label, source in entries if source not in registered]
    if unknown:
        raise ReferenceDataError(unknown)


def capex_from_sources(facts: pl.DataFrame, entities: pl.DataFrame, raw: Path, read_texts: TextReader,
                       registered: set[str] | None = None) -> pl.DataFrame:
    return capex_of_claims(money_claims_from_sources(facts, entities, raw, read_texts, registered))


def money_claims_from_sources(facts: pl.DataFrame, entities: pl.DataFrame, raw: Path, read_texts: TextReader,
                              registered: set[str] | None = None) -> pl.DataFrame:
    """Money statements with claims, the reviewed claims of raw/reference/claims.yaml checked
    against the sources (`read_texts(source_ids)` returns the texts of the documents quoted)."""
    claims = load_claims(raw / CLAIMS_FILE)
    _check_registered([(c["label"], s["source"]) for c in claims for s in c["statements"]], registered)
    texts = read_texts({s["source"] for c in claims for s in c["statements"]})
    # Statements of a document that is not published (removed from the registry, or unreadable)
    # go with it, as its facts do; a published document whose quote is gone is an error.
    claims = [{**c, "statements": [s for s in c["statements"] if s["source"] in texts]} for c in claims]
    claims = [c for c in claims if c["statements"]]
    reviewed = reviewed_claims(claims, texts, money_rows(facts)) if claims else None
    return money_claims(facts, entities, reviewed)


# --------------------------------------------------------------------------------------------
# compute
# --------------------------------------------------------------------------------------------

def compute_table(facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    """Facts of topic compute, plus the chip counts of the AI factories programme (`topic` says which)."""
    chips = (pl.col("topic") == "ai_factories") & (pl.col("unit") == "count") & pl.col("metric").is_in(["chip_count", "gpu_count"])
    return COMPUTE.conform(_with_entity_names(facts.filter((pl.col("topic") == "compute") | chips), entities))


# --------------------------------------------------------------------------------------------
# ai_factories
# --------------------------------------------------------------------------------------------

def load_ai_factories(path: Path) -> list[dict]:
    data = _read_yaml(path)
    if data is None:
        return []
    waves = data.get("waves") if isinstance(data, dict) else None
    if not isinstance(waves, list):
        raise ReferenceDataError([f"{_shown(path)}: expected a mapping with a list `waves`"])
    problems = []
    for n, wave in enumerate(waves, 1):
        label = f"{_shown(path)}: wave entry {n}"
        if not isinstance(wave, dict):
            problems.append(f"{label}: not a mapping")
            continue
        for key in ("programme", "wave", "source", "quote", "announced", "funding", "factory_count", "sites"):
            if key not in wave:
                problems.append(f"{label}: field `{key}` is required")
        if wave.get("programme") not in ("ai_factory", "ai_gigafactory"):
            problems.append(f"{label}: `programme` must be ai_factory or ai_gigafactory")
        if not re.fullmatch(r"\d{4}-\d{2}", str(wave.get("announced", ""))):
            problems.append(f"{label}: `announced` must be YYYY-MM (quoted)")
        for m, site in enumerate(wave.get("sites") or [], 1):
            if not isinstance(site, dict) or not {"country", "place", "quote"} <= set(site):
                problems.append(f"{label}: site {m}: needs country, place (the words naming it) and quote")
            elif site.get("site_type") not in (None, "new", "upgrade"):
                problems.append(f"{label}: site {m}: `site_type` must be new, upgrade or null (not stated)")
            elif not re.fullmatch(r"[A-Z]{2}", str(site["country"])):
                problems.append(f"{label}: site {m}: `country` must be an ISO 3166-1 alpha-2 code")
    if problems:
        raise ReferenceDataError(problems)
    return waves


def ai_factories_table(waves: list[dict], texts: dict[str, str], facts: pl.DataFrame, file: str = AI_FACTORIES_FILE) -> pl.DataFrame:
    """One row per site listed in the reviewed file, every quote checked in its source; the wave's
    funding and factory count are the facts stated inside the wave's quote."""
    if not waves:
        return AI_FACTORIES.empty()
    refs, sites, problems = [], [], []
    for n, wave in enumerate(waves, 1):
        wlabel = f"{file}: wave entry {n} ({wave['programme']} wave {wave['wave']})"
        refs.append(QuoteRef(wlabel, f"w{n}", wave["source"], wave["quote"]))
        year, month = (int(x) for x in str(wave["announced"]).split("-"))
        quote = wave["quote"].translate(TYPOGRAPHY)
        if str(year) not in quote or _MONTHS_FR[month - 1] not in quote.lower():
            problems.append(f'{wlabel}: `announced` {wave["announced"]} is not stated in the quote (month name and year)')
        if wave.get("operational_from") is not None and str(wave["operational_from"]) not in quote:
            problems.append(f"{wlabel}: `operational_from` {wave['operational_from']} is not stated in the quote")
        for field in ("funding", "factory_count"):
            if wave[field].translate(TYPOGRAPHY) not in quote:
                problems.append(f'{wlabel}: `{field}` "{wave[field]}" is not in the wave\'s quote')
        for m, site in enumerate(wave["sites"] or [], 1):
            slabel = f"{wlabel}: site {m} ({site['country']})"
            if site["place"].translate(TYPOGRAPHY) not in site["quote"].translate(TYPOGRAPHY):
                problems.append(f'{slabel}: place "{site["place"]}" is not in the site\'s quote')
            refs.append(QuoteRef(slabel, f"w{n}s{m}", site.get("source", wave["source"]), site["quote"]))
            sites.append({"wave_key": f"w{n}", "site_key": f"w{n}s{m}", "programme": wave["programme"], "wave": int(wave["wave"]),
                          "announced": dt.date(year, month, 1), "country": site["country"], "site_name": site.get("site_name"),
                          "site_type": site.get("site_type"), "operational_from": wave.get("operational_from"),
                          "chips": site.get("chips")})
        if len(wave["sites"] or []) == 0:
            problems.append(f"{wlabel}: no site listed (a wave without a stated host country has no row: remove it)")
    spans, located = locate_quotes(refs, texts)
    problems += located
    inside = facts_within(spans, facts.select("fact_id", "source_id", "char_start", "char_end", "figure_text", "value", "value_eur", "unit"))

    def wave_figure(field: str, column: str) -> pl.DataFrame:
        wanted = pl.DataFrame([{"key": f"w{n}", "figure": w[field].translate(TYPOGRAPHY)} for n, w in enumerate(waves, 1)])
        hits = inside.with_columns(pl.col("figure_text").str.replace_all("[’‘\u02bc]", "'").str.replace_all("[\u00a0\u202f\u2009\u2007]", " ")
                                   .alias("figure")).join(wanted, on=["key", "figure"]).group_by("key").agg(
            pl.col(column).first().alias(field), pl.col("fact_id").first().alias(f"{field}_fact"), pl.len().alias(f"{field}_n"))
        for key, label in spans.select("key", "label").unique().filter(pl.col("key").is_in(wanted["key"].implode())).iter_rows():
            n = hits.filter(pl.col("key") == key).get_column(f"{field}_n").sum()
            if n != 1:
                problems.append(f"{label}: `{field}` selects {n} facts inside the quote (exactly one needed)")
        return hits.drop(f"{field}_n").rename({"key": "wave_key"})

    funding = wave_figure("funding", "value_eur")
    count = wave_figure("factory_count", "value")
    if problems:
        raise ReferenceDataError(sorted(set(problems)))
    site_facts = inside.group_by("key").agg(pl.col("fact_id").unique().sort().alias("site_facts"))
    sources = spans.group_by("key").agg(pl.col("source_id").unique().sort().alias("site_sources"))
    rows = (
        pl.DataFrame(sites, schema={"wave_key": pl.String, "site_key": pl.String, "programme": pl.String, "wave": pl.Int64,
                                    "announced": pl.Date, "country": pl.String, "site_name": pl.String, "site_type": pl.String,
                                    "operational_from": pl.Int64, "chips": pl.String})
        .join(funding, on="wave_key", how="left").join(count, on="wave_key", how="left")
        .join(site_facts, left_on="site_key", right_on="key", how="left")
        .join(sources, left_on="wave_key", right_on="key", how="left")
        .join(sources.rename({"site_sources": "own_sources"}), left_on="site_key", right_on="key", how="left")
        .with_columns(
            pl.concat_str(pl.col("programme"), pl.format("w{}", pl.col("wave")), pl.col("country").str.to_lowercase(),
                          pl.col("site_name").str.to_lowercase().str.replace_all(r"[^a-z0-9]+", "-"),
                          separator="-", ignore_nulls=True).alias("factory_id"),
            pl.col("funding").alias("wave_funding_eur"),
            pl.col("factory_count").cast(pl.Int64).alias("wave_factory_count"),
            pl.concat_list(pl.col("funding_fact"), pl.col("factory_count_fact"), pl.col("site_facts").fill_null([]))
            .list.drop_nulls().list.unique().list.sort().alias("fact_ids"),
            pl.concat_list(pl.col("site_sources"), pl.col("own_sources")).list.unique().list.sort().alias("source_ids"),
        )
    )
    over = rows.group_by("factory_id").len().filter(pl.col("len") > 1)
    if over.height:
        raise ReferenceDataError([f"{file}: two sites give factory_id {f}: add a site_name" for f in over.get_column("factory_id")])
    too_many = rows.group_by("wave_key").agg(pl.len(), pl.col("wave_factory_count").first()).filter(pl.col("len") > pl.col("wave_factory_count"))
    if too_many.height:
        raise ReferenceDataError([f"{file}: {k}: {n} sites listed for a wave of {c} factories" for k, n, c in too_many.iter_rows()])
    return AI_FACTORIES.conform(rows)


def ai_factories_from_sources(facts: pl.DataFrame, raw: Path, read_texts: TextReader,
                              registered: set[str] | None = None) -> pl.DataFrame:
    waves = load_ai_factories(raw / AI_FACTORIES_FILE)
    wanted = {w["source"] for w in waves} | {s["source"] for w in waves for s in (w.get("sites") or []) if isinstance(s, dict) and "source" in s}
    _check_registered([(f"raw/{AI_FACTORIES_FILE}", source) for source in sorted(wanted)], registered)
    texts = read_texts(wanted)
    # Waves and sites stated by a document that is not published go with it (as its facts do).
    waves = [{**w, "sites": [x for x in (w.get("sites") or []) if not isinstance(x, dict) or x.get("source", w["source"]) in texts]}
             for w in waves if w["source"] in texts]
    return ai_factories_table([w for w in waves if w["sites"]], texts, facts)


# --------------------------------------------------------------------------------------------
# startups
# --------------------------------------------------------------------------------------------

def _latest(facts: pl.DataFrame, metrics: tuple[str, ...], name: str) -> pl.DataFrame:
    """Per entity, the latest stated money figure of these metrics: the most recently published
    source, then the latest period, then the later statement in the text."""
    return (
        facts.filter(pl.col("metric").is_in(metrics) & pl.col("value_eur").is_not_null() & pl.col("entity_id").is_not_null())
        .sort(["as_of", "period_end", "source_id", "char_start", "fact_id"], descending=True, nulls_last=True,
              maintain_order=True)
        .group_by("entity_id", maintain_order=True).first()
        .select("entity_id", pl.col("value_eur").alias(f"{name}_eur"), pl.col("fact_id").alias(f"{name}_fact_id"))
    )


def startups_table(facts: pl.DataFrame, entities: pl.DataFrame, segments: dict[str, str | None], kinds: dict[str, str]) -> pl.DataFrame:
    """`segments`/`kinds` from the gazetteer: entity_id → segment / kind. A startup is an entity of
    kind `startup`, or of another non-group kind with a startup segment (Nebius: `company`,
    `infrastructure`), named in at least one source."""
    info = pl.DataFrame({"entity_id": list(kinds), "kind_g": list(kinds.values()),
                         "segment": [segments.get(k) for k in kinds]}, schema={"entity_id": pl.String, "kind_g": pl.String, "segment": pl.String})
    named = entities.join(info, on="entity_id", how="left").filter(
        ((pl.col("kind") == "startup") | (pl.col("segment").is_not_null() & (pl.col("kind") != "group")))
        & (pl.col("source_ids").list.len() > 0)
    )
    rows = (
        named.join(_latest(facts, VALUATION_METRICS, "valuation"), on="entity_id", how="left")
        .join(_latest(facts, FUNDING_METRICS, "funding_raised"), on="entity_id", how="left")
        .rename({"funding_raised_fact_id": "funding_fact_id"})
        .with_columns(pl.col("country").is_in(EUROPEAN_COUNTRIES).fill_null(False).alias("european"))
    )
    return STARTUPS.conform(rows)
