"""The topic tables derived from `facts` and `entities`: capex, compute, ai_factories, startups.

Plain Polars, no Dagster. Every rule is general and written down here; the only hand-typed
inputs are reviewed reference files under `raw/reference/` whose entries quote the sources,
and every quote is checked against its source at run time (a stale quote fails the run).

capex — money figures about investment and spending
    Rows: the facts of topic `capex` whose unit is a currency, plus the money figures of topic
    `ai_factories` (the programme's funding is a public commitment: "how much has each public
    programme committed" needs it); `topic` says which. `XXX` is the ISO 4217 code for "no
    currency stated" (a restatement such as "335 milliards"): kept, with null EUR/USD amounts.
    Each row keeps its range (`amount_low`, `amount_high`) and `bound`, its `claim_id` (see
    ``pipelines.claims``) and the claim's `conflicting` flag: sum capex by claim, never by row.

ai_factories — one row per site as the sources state it, from ``raw/reference/ai_factories.yaml``
    (see that file): waves and sites are reviewed, each with the exact quote that states it; the
    numbers (wave funding, factory counts) are the facts found inside those quotes.

startups — one row per startup or scale-up named in a source (gazetteer kind `startup`, or an
    entity with a startup `segment`), with the latest stated valuation and funding in EUR: the
    fact of the most recently published source (then the latest period, then the later position
    in the text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import yaml

from pipelines.contract import AI_FACTORIES, CAPEX, COMPUTE, STARTUPS
from pipelines.curation import TYPOGRAPHY
from pipelines.facts import MONEY_UNIT

TextReader = Callable[[Iterable[str]], dict[str, str]]
VALUATION_METRICS = ("valuation",)
FUNDING_METRICS = ("funding_round", "funding_raised", "funding")
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
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except yaml.YAMLError as exc:
        raise ReferenceDataError([f"{_shown(path)}: not valid YAML: {exc}"]) from exc


def _shown(path: Path) -> str:
    """Reference files are named relative to raw/ in messages, whatever the checkout path."""
    return f"raw/{path.parent.name}/{path.name}"


# --------------------------------------------------------------------------------------------
# capex
# --------------------------------------------------------------------------------------------

CAPEX_TOPICS = ("capex", "ai_factories")


def capex_table(facts: pl.DataFrame, entities: pl.DataFrame, claims: pl.DataFrame) -> pl.DataFrame:
    """capex from the facts with their `claim_id` and the claims (for `conflicting`)."""
    rows = _with_entity_names(capex_rows(facts), entities).join(claims.select("claim_id", "conflicting"), on="claim_id", how="left")
    return CAPEX.conform(rows.with_columns(pl.col("conflicting").fill_null(False)))


def capex_rows(facts: pl.DataFrame) -> pl.DataFrame:
    """The money figures capex publishes (before claims): topic capex, and ai_factories funding."""
    return money_rows(facts).filter(pl.col("topic").is_in(CAPEX_TOPICS))


def money_rows(facts: pl.DataFrame) -> pl.DataFrame:
    """Every money figure, with the capex column names."""
    return facts.filter(pl.col("unit").str.contains(MONEY_UNIT)).with_columns(
        pl.col("value").alias("amount"),
        pl.col("value_low").alias("amount_low"),
        pl.col("value_high").alias("amount_high"),
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


# --------------------------------------------------------------------------------------------
# compute
# --------------------------------------------------------------------------------------------

def compute_table(facts: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    """Facts of topic compute, plus the chip counts of the AI factories programme (`topic` says which),
    each with the `scope` of its capacity read from its sentence (`extraction.scope`)."""
    from pipelines.extraction.scope import capacity_scope

    chips = (pl.col("topic") == "ai_factories") & (pl.col("unit") == "count") & pl.col("metric").is_in(["chip_count", "gpu_count"])
    rows = facts.filter((pl.col("topic") == "compute") | chips).with_columns(capacity_scope().alias("scope"))
    return COMPUTE.conform(_with_entity_names(rows, entities))


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
