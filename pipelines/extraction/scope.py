"""What a capacity figure is the capacity *of*: one site, a whole fleet, each unit, or deliveries.

"200 000 GPU" may be one cluster, a company's stock, the content of each of four buildings or a
shipment: summing them without knowing which is the classic error. :func:`capacity_scope` reads
it from the figure's sentence by cue words, as a Polars expression over the facts' columns
(``quote``, ``quote_start``, ``char_start``, ``char_end``, ``metric``, ``unit``):

* ``per_unit`` — the figure is what *each* of several units holds: a distributive word just
  before it, joined to the figure only by words of holding ("chacune équipée de 100 000
  microprocesseurs", "each with 100,000 chips", "each of which will host"; not "each year Nvidia
  ships": a rate in time is no unit) or a "per" unit right after it ("8 GPU par serveur", "72 GPUs
  per rack", "100 000 GPU chacune");
* ``deliveries`` — chips changing hands: shipped, delivered, ordered, sold, bought ("la livraison
  de 120 000 GPU par Nvidia", "commandé", "shipped", "will deliver");
* ``site`` — one installation: the sentence names a single cluster, data centre, supercomputer,
  AI factory, campus or site (singular: "le data center de Memphis ... 200 000 GPU");
* ``fleet`` — a company's or country's total: possession or access ("DeepSeek dispose de 50 000
  GPU", "auraient accès à", "owns", "has access to", "parc", "in total"); a count of sites
  themselves (data centres, supercomputers) is a total too, unless it is per unit or delivered;
* null — the metric is no capacity (``market_share``, any percentage or factor), or the sentence
  does not say.

The cues are tried in that order (a per-unit or delivery reading is the more specific; a plural
"dans ses data centers" names no single site and leaves the possession cue to decide). The words
are each language's (``scope`` in ``languages/<code>/rules.yaml``); a fact's language is not among the columns, so a
pattern is the union of the languages' words (the two vocabularies do not collide). The figure's
own words are left out of the sentence read, so that "3 supercalculateurs" is not its own site.
"""

from __future__ import annotations

import polars as pl

from pipelines.extraction import languages as language_rules

from pipelines.extraction.model import SCOPES

__all__ = ["CAPACITY_METRICS", "SCOPES", "SITE_COUNTS", "capacity_scope"]

#: Metrics of compute that measure a capacity; the others (market_share) get no scope.
CAPACITY_METRICS = ("gpu_count", "chip_count", "supercomputer_count", "data_centre_count", "power_capacity", "compute_capacity")
#: Counts of sites: a number of installations is a total (fleet) unless per unit or delivered.
SITE_COUNTS = ("supercomputer_count", "data_centre_count")
_NOT_CAPACITY_UNITS = ("percent", "factor")

def _cue(name: str) -> str:
    """Every language's words for a scope cue (``scope`` in the language resources)."""
    return "(?i)" + "|".join(f"(?:{language_rules.fragment_pattern(f)})" for f in language_rules.all_words("scope", name))


def capacity_scope() -> pl.Expr:
    """``site``, ``fleet``, ``per_unit``, ``deliveries`` or null for each fact (module doc)."""
    quote = pl.col("quote")
    start = pl.col("char_start") - pl.col("quote_start")
    end = pl.col("char_end") - pl.col("quote_start")
    before = quote.str.slice(0, start)
    after = quote.str.slice(end)
    rest = pl.concat_str([before, pl.lit(" … "), after])
    capacity = pl.col("metric").is_in(CAPACITY_METRICS) & ~pl.col("unit").is_in(_NOT_CAPACITY_UNITS)
    return (
        pl.when(~capacity).then(pl.lit(None, dtype=pl.String))
        .when(before.str.contains(_cue("per_unit_before")) | after.str.contains(_cue("per_unit_after"))).then(pl.lit("per_unit"))
        .when(rest.str.contains(_cue("deliveries"))).then(pl.lit("deliveries"))
        .when(pl.col("metric").is_in(SITE_COUNTS)).then(pl.lit("fleet"))
        .when(rest.str.contains(_cue("site"))).then(pl.lit("site"))
        .when(rest.str.contains(_cue("fleet"))).then(pl.lit("fleet"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )
