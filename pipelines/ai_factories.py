"""The EU AI factories programme: `ai_factories` (one row per factory) and `ai_factory_waves`
(one row per selection or call), from the reviewed reference ``raw/reference/ai_factories.yaml``.

Plain Polars, no Dagster. The reference lists, per wave, the quote that states it and the words
of its figures AS WRITTEN in that quote (funding, number of factories, chips per factory); every
quote is checked against its source at run time and every figure must be exactly one fact found
inside its quote: the numbers published are those facts, none is typed by hand. A stale quote,
a figure that is not one fact of its quote, or a month/year/place not written in its quote stops
the run with an error naming the file and the entry (``ReferenceDataError``).

ai_factories — one row per factory (or planned gigafactory) the sources state
    * a named site of the reference is one row (`country`, `site_type`, `site_name` as listed);
    * the factories a wave counts but whose host no source names are rows too, with `country`
      null: their number is derived, never typed — the wave's `factory_count` fact minus the
      sites listed for it (a wave listing more sites than its count is an error). Their ids are
      ``<programme>-w<wave>-unnamed-<i>``; a named site's is ``<programme>-w<wave>-<country>``
      (``-<site name>`` appended when the source names the site);
    * `chips` is the per-factory chip count stated by a fact (the wave's `chips_per_factory`
      figure, or a site's own `chips` figure, which wins), with that fact's `bound` as
      `chips_bound`;
    * `announced` and `operational_from` are the wave's; `fact_ids` are the facts of the count
      and chips figures and the facts inside the site's quote; `source_ids` their sources.
    No funding on this table: it is a wave's total, never divided per factory.

ai_factory_waves — one row per wave (selection or call), ``wave_id = <programme>-w<wave>``
    * `factory_count` is the count fact; `funding_eur` the funding fact in EUR, so that
      ``sum(funding_eur)`` over waves is a true total;
    * `funding_eur_low`, `funding_eur_high`: the funding fact's `value_low`/`value_high` in EUR
      (at the fact's own rate, value_eur / value), widened by ``APPROX_TOLERANCE`` (10 %, the
      rule of claims) on each side when the figure is approximate ("près de 20 milliards":
      18–22 bn); `at_least` ("plus de") leaves the high end null and `at_most` ("jusqu'à") the
      low end null: the text states no bound there;
    * `claim_id` is the claim of the funding fact (a frame of fact_id, claim_id passed in);
    * `also_stated` statements of the reference (other sources or passages restating a wave's
      figures) add their facts and sources to the wave's provenance; each must agree with the
      wave's own figure (their intervals, as above, overlap) or the run stops.

Review aid: `uncovered_facts` lists the facts of topic `ai_factories` inside no quote of the
reference — what a reviewer should add when a new document states AI-factory figures.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.contract import AI_FACTORIES, AI_FACTORY_WAVES
from pipelines.curation import TYPOGRAPHY
from pipelines.claims import APPROX_TOLERANCE
from pipelines.topic_tables import (
    QuoteRef, ReferenceDataError, TextReader, _check_registered, _read_yaml, _shown, facts_within,
    locate_quotes,
)

AI_FACTORIES_FILE = "reference/ai_factories.yaml"
PROGRAMMES = ("ai_factory", "ai_gigafactory")
SITE_TYPES = ("new", "upgrade")
# Month names by language, to check that a wave's `announced` month is written in its quote.
MONTH_NAMES = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"),
}
# Figures a wave (or a restatement of it) gives, each written as in its quote.
WAVE_FIGURES = ("funding", "factory_count", "chips_per_factory")
WAVE_FIELDS = {"programme", "wave", "source", "quote", "factory_count", "announced", "operational_from", "funding",
               "chips_per_factory", "sites", "also_stated"}
SITE_FIELDS = {"country", "place", "quote", "site_type", "site_name", "source", "chips"}
RESTATEMENT_FIELDS = {"source", "quote", *WAVE_FIGURES}

_FIGURE_SCHEMA = {"key": pl.String, "wave_key": pl.String, "field": pl.String, "figure": pl.String, "primary": pl.Boolean,
                  "label": pl.String}
_WAVE_SCHEMA = {"wave_key": pl.String, "label": pl.String, "wave_id": pl.String, "programme": pl.String, "wave": pl.Int64,
                "announced": pl.Date, "operational_from": pl.Int64, "quote_keys": pl.List(pl.String)}
_SITE_SCHEMA = {"wave_key": pl.String, "site_key": pl.String, "country": pl.String, "site_name": pl.String, "site_type": pl.String}


@dataclass(frozen=True)
class AiFactoryReference:
    """The reviewed reference resolved against the sources (every check passed).

    ``factories``: the rows of `ai_factories`; ``waves``: the rows of `ai_factory_waves` but
    `claim_id` (with `funding_fact_id`); ``quotes``: every located quote (key, label, source_id,
    start, end), which `uncovered_facts` compares with the facts."""

    factories: pl.DataFrame
    waves: pl.DataFrame
    quotes: pl.DataFrame


# --------------------------------------------------------------------------------------------
# The reference file
# --------------------------------------------------------------------------------------------

def _is_year(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100


def load_ai_factories(path: Path) -> list[dict]:
    """raw/reference/ai_factories.yaml: ``waves: [...]`` (format in the file's header); checks
    the structure, every problem at once, each naming the file and the entry."""
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
        for key in ("programme", "wave", "source", "quote", "factory_count"):
            if key not in wave:
                problems.append(f"{label}: field `{key}` is required")
        if unknown := sorted(set(wave) - WAVE_FIELDS):
            problems.append(f"{label}: unknown fields {unknown}")
        if wave.get("programme") not in PROGRAMMES:
            problems.append(f"{label}: `programme` must be ai_factory or ai_gigafactory")
        if not (isinstance(wave.get("wave"), int) and not isinstance(wave.get("wave"), bool) and wave["wave"] >= 1):
            problems.append(f"{label}: `wave` must be an integer >= 1")
        if wave.get("announced") is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", str(wave["announced"])):
            problems.append(f"{label}: `announced` must be \"YYYY-MM\" (quoted), or left out when the quote states no month")
        if wave.get("operational_from") is not None and not _is_year(wave["operational_from"]):
            problems.append(f"{label}: `operational_from` must be a year")
        for key in ("source", "quote", *WAVE_FIGURES):
            if key in wave and not (isinstance(wave[key], str) and wave[key]):
                problems.append(f"{label}: `{key}` must be the words of the source (a non-empty string)")
        sites, restated = wave.get("sites") or [], wave.get("also_stated") or []
        if not isinstance(sites, list) or not isinstance(restated, list):
            problems.append(f"{label}: `sites` and `also_stated` must be lists")
            continue
        for m, site in enumerate(sites, 1):
            if not isinstance(site, dict) or not {"country", "place", "quote"} <= set(site):
                problems.append(f"{label}: site {m}: needs country, place (the words naming it) and quote")
            elif unknown := sorted(set(site) - SITE_FIELDS):
                problems.append(f"{label}: site {m}: unknown fields {unknown}")
            elif site.get("site_type") not in (None, *SITE_TYPES):
                problems.append(f"{label}: site {m}: `site_type` must be new, upgrade or null (not stated)")
            elif not re.fullmatch(r"[A-Z]{2}", str(site["country"])):
                problems.append(f"{label}: site {m}: `country` must be an ISO 3166-1 alpha-2 code")
            elif not all(isinstance(site[k], str) and site[k] for k in ("place", "quote", "source", "chips", "site_name") if k in site):
                problems.append(f"{label}: site {m}: place, quote, source, chips and site_name must be non-empty strings")
        for k, statement in enumerate(restated, 1):
            if not isinstance(statement, dict) or not {"source", "quote"} <= set(statement):
                problems.append(f"{label}: also_stated {k}: needs source and quote")
            elif unknown := sorted(set(statement) - RESTATEMENT_FIELDS):
                problems.append(f"{label}: also_stated {k}: unknown fields {unknown}")
            elif not any(f in statement for f in WAVE_FIGURES):
                problems.append(f"{label}: also_stated {k}: restates none of {', '.join(WAVE_FIGURES)}")
            elif not all(isinstance(v, str) and v for v in statement.values()):
                problems.append(f"{label}: also_stated {k}: every field must be the words of the source (a non-empty string)")
    if problems:
        raise ReferenceDataError(problems)
    return waves


def _announced_problem(wave: dict, quote: str) -> str | None:
    """`announced` must be written in the wave's quote: its year and its month's name."""
    if wave.get("announced") is None:
        return None
    year, month = (int(x) for x in str(wave["announced"]).split("-"))
    lowered = quote.lower()
    if str(year) in quote and any(names[month - 1] in lowered for names in MONTH_NAMES.values()):
        return None
    return f"`announced` {wave['announced']} is not stated in the quote (month name and year)"


# --------------------------------------------------------------------------------------------
# Resolving the reference against the sources
# --------------------------------------------------------------------------------------------

def _typographic(expr: pl.Expr) -> pl.Expr:
    """The Polars twin of ``str.translate(TYPOGRAPHY)``."""
    return expr.str.replace_many([chr(k) for k in TYPOGRAPHY], list(TYPOGRAPHY.values()))


def _intervals(frame: pl.DataFrame) -> pl.DataFrame:
    """Adds `lo`, `hi`: the amounts a figure allows, in EUR for money (at the fact's own rate)
    and in its unit otherwise; `approx` widens by APPROX_TOLERANCE, `at_least` has no high end
    and `at_most` no low end (null)."""
    rate = pl.when(pl.col("value_eur").is_not_null() & (pl.col("value") != 0)).then(pl.col("value_eur") / pl.col("value")).otherwise(1.0)
    approx = pl.col("bound") == "approx"
    low = pl.col("value_low") * rate * pl.when(approx).then(1 - APPROX_TOLERANCE).otherwise(1.0)
    high = pl.col("value_high") * rate * pl.when(approx).then(1 + APPROX_TOLERANCE).otherwise(1.0)
    return frame.with_columns(
        pl.when(pl.col("bound") == "at_most").then(None).otherwise(low).alias("lo"),
        pl.when(pl.col("bound") == "at_least").then(None).otherwise(high).alias("hi"),
    )


def _figure_problems(figures: pl.DataFrame) -> list[str]:
    """Each figure of the reference must be of its kind: money with a EUR value for funding; an
    exact whole count for a factory count (rows are derived from it); a count for chips."""
    kind = (
        pl.when(pl.col("field") == "funding").then(pl.col("value_eur").is_not_null())
        .when(pl.col("field") == "factory_count").then(
            (pl.col("unit") == "count") & (pl.col("bound") == "exact") & (pl.col("value") == pl.col("value").round(0)))
        .otherwise(pl.col("unit") == "count")
    )
    wanted = {"funding": "a money figure with a EUR value (currency stated)",
              "factory_count": "an exact whole count (the rows of unnamed factories are derived from it)",
              "chips_per_factory": "a count", "chips": "a count"}
    return [f'{label}: `{field}` "{text}" is not {wanted[field]}'
            for label, field, text in figures.filter(~kind).select("label", "field", "figure_text").iter_rows()]


def _restatement_problems(figures: pl.DataFrame) -> list[str]:
    """A restatement (`also_stated`) must agree with the wave's own figure: intervals overlap."""
    bounds = _intervals(figures)
    own = bounds.filter(pl.col("primary")).select("wave_key", "field", pl.col("lo").alias("own_lo"), pl.col("hi").alias("own_hi"),
                                                  pl.col("figure_text").alias("own_text"))
    other = bounds.filter(~pl.col("primary")).join(own, on=["wave_key", "field"], how="left")
    apart = (pl.col("own_text").is_null()
             | (pl.col("lo").fill_null(float("-inf")) > pl.col("own_hi").fill_null(float("inf")))
             | (pl.col("own_lo").fill_null(float("-inf")) > pl.col("hi").fill_null(float("inf"))))
    return [f'{r["label"]}: `{r["field"]}` "{r["figure_text"]}" '
            + ("restates a figure the wave's own quote does not give" if r["own_text"] is None else
               f'({_shown_interval(r["lo"], r["hi"])}) disagrees with the wave\'s "{r["own_text"]}" '
               f'({_shown_interval(r["own_lo"], r["own_hi"])})')
            for r in other.filter(apart).iter_rows(named=True)]


def _shown_interval(lo: float | None, hi: float | None) -> str:
    return f"{'…' if lo is None else f'{lo:g}'}–{'…' if hi is None else f'{hi:g}'}"


def resolve_ai_factories(waves: list[dict], texts: dict[str, str], facts: pl.DataFrame,
                         file: str = f"raw/{AI_FACTORIES_FILE}") -> AiFactoryReference:
    """Checks every quote and figure of the reference against the texts and facts, and builds
    the rows of both tables (see the module docstring). ``waves`` as `load_ai_factories` gives."""
    refs, figure_rows, wave_rows, site_rows, problems = [], [], [], [], []
    for n, wave in enumerate(waves, 1):
        wkey, wlabel = f"w{n}", f"{file}: wave entry {n} ({wave['programme']} wave {wave['wave']})"
        quote = wave["quote"].translate(TYPOGRAPHY)
        refs.append(QuoteRef(wlabel, wkey, wave["source"], wave["quote"]))
        if problem := _announced_problem(wave, quote):
            problems.append(f"{wlabel}: {problem}")
        if wave.get("operational_from") is not None and str(wave["operational_from"]) not in quote:
            problems.append(f"{wlabel}: `operational_from` {wave['operational_from']} is not stated in the quote")
        year_month = str(wave["announced"]).split("-") if wave.get("announced") is not None else None
        quote_keys = [wkey]
        figure_rows += [(wkey, wkey, f, wave[f], True, wlabel) for f in WAVE_FIGURES if f in wave]
        for k, statement in enumerate(wave.get("also_stated") or [], 1):
            key, label = f"{wkey}a{k}", f"{wlabel}: also_stated {k}"
            refs.append(QuoteRef(label, key, statement["source"], statement["quote"]))
            figure_rows += [(key, wkey, f, statement[f], False, label) for f in WAVE_FIGURES if f in statement]
            quote_keys.append(key)
        for m, site in enumerate(wave.get("sites") or [], 1):
            key, label = f"{wkey}s{m}", f"{wlabel}: site {m} ({site['country']})"
            if site["place"].translate(TYPOGRAPHY) not in site["quote"].translate(TYPOGRAPHY):
                problems.append(f'{label}: place "{site["place"]}" is not in the site\'s quote')
            refs.append(QuoteRef(label, key, site.get("source", wave["source"]), site["quote"]))
            if "chips" in site:
                figure_rows.append((key, wkey, "chips", site["chips"], True, label))
            site_rows.append((wkey, key, site["country"], site.get("site_name"), site.get("site_type")))
        wave_rows.append((wkey, wlabel, f"{wave['programme']}-w{wave['wave']}", wave["programme"], wave["wave"],
                          dt.date(int(year_month[0]), int(year_month[1]), 1) if year_month else None,
                          wave.get("operational_from"), quote_keys))
    wave_frame = pl.DataFrame(wave_rows, schema=_WAVE_SCHEMA, orient="row")
    sites = pl.DataFrame(site_rows, schema=_SITE_SCHEMA, orient="row")
    wanted = pl.DataFrame(figure_rows, schema=_FIGURE_SCHEMA, orient="row").with_columns(_typographic(pl.col("figure")))

    quotes, located = locate_quotes(refs, texts)
    problems += located
    inside = facts_within(quotes, facts.select("fact_id", "source_id", "char_start", "char_end", "figure_text", "value", "value_low",
                                               "value_high", "bound", "unit", "value_eur"))
    # Each figure as written: exactly one fact inside its quote whose words are those.
    figures = wanted.join(inside.drop("label").with_columns(_typographic(pl.col("figure_text")).alias("figure")),
                          on=["key", "figure"], how="inner")
    found = wanted.join(figures.group_by("key", "field").len(), on=["key", "field"], how="left")
    located_keys = quotes.get_column("key").implode()
    for label, field, figure, n in found.filter(pl.col("key").is_in(located_keys) & (pl.col("len").fill_null(0) != 1)).select(
            "label", "field", "figure", pl.col("len").fill_null(0)).iter_rows():
        problems.append(f'{label}: `{field}` "{figure}" selects {n} facts inside the quote (exactly one needed)')
    if problems:  # the checks below need every figure resolved
        raise ReferenceDataError(sorted(set(problems)))
    problems += _figure_problems(figures) + _restatement_problems(figures)
    twice = wave_frame.group_by("wave_id").agg(pl.col("label")).filter(pl.col("label").list.len() > 1)
    problems += [f"{file}: wave {w} is listed twice: {'; '.join(labels)}" for w, labels in twice.iter_rows()]

    waves_out = _wave_rows(wave_frame, figures, quotes)
    factories = _factory_rows(wave_frame, waves_out, sites, figures, inside, quotes)
    too_many = waves_out.join(sites.group_by("wave_key").len(), on="wave_key").filter(pl.col("len") > pl.col("factory_count"))
    problems += [f"{label}: {n} sites listed for a wave of {c} factories (`factory_count`): a site too many, or the wrong count"
                 for label, n, c in too_many.select("label", "len", "factory_count").iter_rows()]
    clash = factories.group_by("factory_id").len().filter(pl.col("len") > 1)
    problems += [f"{file}: two sites give factory_id {f}: add a site_name" for f in clash.get_column("factory_id")]
    if problems:
        raise ReferenceDataError(sorted(set(problems)))
    return AiFactoryReference(factories=factories, waves=waves_out, quotes=quotes)


def _sorted_unique(expr: pl.Expr) -> pl.Expr:
    return expr.drop_nulls().unique().sort()


def _wave_rows(wave_frame: pl.DataFrame, figures: pl.DataFrame, quotes: pl.DataFrame) -> pl.DataFrame:
    """One row per wave: its count and funding (its own quote's facts), widened funding bounds,
    and the facts and sources of every statement of its count and funding."""
    own = _intervals(figures.filter(pl.col("primary")))
    count = own.filter(pl.col("field") == "factory_count").select("wave_key", pl.col("value").cast(pl.Int64).alias("factory_count"))
    funding = own.filter(pl.col("field") == "funding").select(
        "wave_key", pl.col("value_eur").alias("funding_eur"), pl.col("lo").alias("funding_eur_low"),
        pl.col("hi").alias("funding_eur_high"), pl.col("fact_id").alias("funding_fact_id"))
    evidence = figures.filter(pl.col("field").is_in(["funding", "factory_count"])).group_by("wave_key").agg(
        _sorted_unique(pl.col("fact_id")).alias("fact_ids"))
    sources = (wave_frame.select("wave_key", pl.col("quote_keys").alias("key")).explode("key")
               .join(quotes.select("key", "source_id"), on="key").group_by("wave_key")
               .agg(_sorted_unique(pl.col("source_id")).alias("source_ids")))
    return (wave_frame.join(count, on="wave_key", how="left").join(funding, on="wave_key", how="left")
            .join(evidence, on="wave_key", how="left").join(sources, on="wave_key", how="left"))


def _factory_rows(wave_frame: pl.DataFrame, waves: pl.DataFrame, sites: pl.DataFrame, figures: pl.DataFrame,
                  inside: pl.DataFrame, quotes: pl.DataFrame) -> pl.DataFrame:
    """The named sites, then the factories a wave counts beyond them (country null)."""
    wave_cols = waves.select("wave_key", "wave_id", "programme", "wave", "announced", "operational_from", "factory_count")
    named = sites.join(wave_cols, on="wave_key").with_columns(
        pl.concat_str(pl.col("wave_id"), pl.col("country").str.to_lowercase(),
                      pl.col("site_name").str.to_lowercase().str.replace_all(r"[^a-z0-9]+", "-").str.strip_chars("-"),
                      separator="-", ignore_nulls=True).alias("factory_id"))
    unnamed = (
        wave_cols.join(sites.group_by("wave_key").len("n_sites"), on="wave_key", how="left")
        .with_columns(pl.int_ranges(1, pl.col("factory_count") - pl.col("n_sites").fill_null(0) + 1).alias("i"))
        .explode("i").filter(pl.col("i").is_not_null())
        .with_columns(pl.format("{}-unnamed-{}", pl.col("wave_id"), pl.col("i")).alias("factory_id"),
                      pl.lit(None, pl.String).alias("site_key"), pl.lit(None, pl.String).alias("country"),
                      pl.lit(None, pl.String).alias("site_name"), pl.lit(None, pl.String).alias("site_type"))
    )
    rows = pl.concat([named, unnamed.select(named.columns)])
    # Chips per factory: the site's own figure, else the wave's.
    chips = figures.filter(pl.col("primary") & pl.col("field").is_in(["chips", "chips_per_factory"])).select(
        "key", "field", pl.col("value").alias("chips"), pl.col("bound").alias("chips_bound"))
    wave_chips = chips.filter(pl.col("field") == "chips_per_factory").drop("field").rename({"key": "wave_key"})
    site_chips = chips.filter(pl.col("field") == "chips").drop("field").rename({"key": "site_key", "chips": "site_chips",
                                                                                 "chips_bound": "site_chips_bound"})
    rows = rows.join(wave_chips, on="wave_key", how="left").join(site_chips, on="site_key", how="left").with_columns(
        pl.coalesce("site_chips", "chips").alias("chips"),
        pl.when(pl.col("site_chips").is_not_null()).then(pl.col("site_chips_bound")).otherwise(pl.col("chips_bound")).alias("chips_bound"))
    # Evidence: the wave's count and chips figures (every statement of them), and the site's quote.
    wave_evidence = figures.filter(pl.col("field").is_in(["factory_count", "chips_per_factory"])).group_by("wave_key").agg(
        pl.col("fact_id").alias("wave_facts"), pl.col("source_id").alias("wave_sources"))
    site_evidence = quotes.select("key", "source_id").join(inside.select("key", "fact_id"), on="key", how="left").group_by("key").agg(
        pl.col("fact_id").alias("site_facts"), pl.col("source_id").alias("site_sources")).rename({"key": "site_key"})
    rows = rows.join(wave_evidence, on="wave_key", how="left").join(site_evidence, on="site_key", how="left").with_columns(
        pl.concat_list(pl.col("wave_facts").fill_null([]), pl.col("site_facts").fill_null([])).list.drop_nulls().list.unique().list.sort()
        .alias("fact_ids"),
        pl.concat_list(pl.col("wave_sources").fill_null([]), pl.col("site_sources").fill_null([])).list.drop_nulls().list.unique()
        .list.sort().alias("source_ids"),
    )
    return AI_FACTORIES.conform(rows)


def ai_factories_table(reference: AiFactoryReference) -> pl.DataFrame:
    """Published `ai_factories`: one row per factory or planned gigafactory the sources state."""
    return AI_FACTORIES.conform(reference.factories)


def waves_table(reference: AiFactoryReference, fact_claims: pl.DataFrame) -> pl.DataFrame:
    """Published `ai_factory_waves`; `claim_id` is the claim of the wave's funding fact, from
    ``fact_claims`` (columns fact_id, claim_id)."""
    claims = (fact_claims.select("fact_id", "claim_id").sort("fact_id", "claim_id").unique("fact_id", keep="first", maintain_order=True)
              .rename({"fact_id": "funding_fact_id"}))
    return AI_FACTORY_WAVES.conform(reference.waves.join(claims, on="funding_fact_id", how="left"))


def uncovered_facts(facts: pl.DataFrame, reference: AiFactoryReference) -> pl.DataFrame:
    """Facts of topic `ai_factories` inside no quote of the reference (sorted by source and
    position): figures a new document states that no reviewed wave, site or restatement covers."""
    topical = facts.filter(pl.col("topic") == "ai_factories")
    covered = facts_within(reference.quotes, topical.select("fact_id", "source_id", "char_start", "char_end")).select("fact_id")
    return (topical.join(covered, on="fact_id", how="anti").sort("source_id", "char_start", "fact_id")
            .select("fact_id", "source_id", "figure_text", "metric", "value", "unit", "quote"))


def ai_factories_from_sources(facts: pl.DataFrame, raw: Path, read_texts: TextReader,
                              registered: set[str] | None = None) -> AiFactoryReference:
    """The reference of ``raw/reference/ai_factories.yaml`` resolved against the published
    documents (`read_texts(source_ids)` returns their texts). A source the registry does not know
    is an error; waves, sites and restatements of a registered document that is not published
    (removed or unreadable) go with it, as its facts do."""
    waves = load_ai_factories(raw / AI_FACTORIES_FILE)

    def quoted(wave: dict) -> list[str]:
        return [wave["source"], *(s.get("source", wave["source"]) for s in wave.get("sites") or []),
                *(s["source"] for s in wave.get("also_stated") or [])]

    wanted = sorted({source for wave in waves for source in quoted(wave)})
    _check_registered([(f"raw/{AI_FACTORIES_FILE}", source) for source in wanted], registered)
    texts = read_texts(wanted)
    kept = [{**w, "sites": [s for s in (w.get("sites") or []) if s.get("source", w["source"]) in texts],
             "also_stated": [s for s in (w.get("also_stated") or []) if s["source"] in texts]}
            for w in waves if w["source"] in texts]
    return resolve_ai_factories(kept, texts, facts)
