"""What changed in `facts` since the previous release: published beside each release.

A fact is the same fact across releases when its `fact_id` is the same (same source, span and
text). It is *changed* when any of the columns users read as its meaning differs (value, unit,
bound, topic, metric, entity, place, period, quote...), *added* or *removed* otherwise.
"""

from __future__ import annotations

import polars as pl

# The columns whose change makes a fact "changed" (not ids, spans or conversion details).
COMPARED = (
    "value", "value_low", "value_high", "bound", "unit", "counted", "hardware", "topic", "metric", "entity_id",
    "geo", "period_start", "period_end", "period_quarter", "location", "quote", "extraction",
)
SCHEMA = {"change": pl.String, "fact_id": pl.String, "source_id": pl.String, "figure_text": pl.String, "fields": pl.String}


def diff_facts(previous: pl.DataFrame | None, current: pl.DataFrame) -> pl.DataFrame:
    """One row per added, removed or changed fact; `fields` lists the changed columns."""
    if previous is None:
        previous = current.clear()
    cols = ["fact_id", "source_id", "figure_text", *COMPARED]
    # A release published before a column existed compares that column as null.
    old = previous.with_columns(
        [pl.lit(None, dtype=current.schema[c]).alias(c) for c in cols if c not in previous.columns]
    ).select(cols)
    new = current.select(cols)
    added = new.join(old, on="fact_id", how="anti").select(
        pl.lit("added").alias("change"), "fact_id", "source_id", "figure_text", pl.lit(None, dtype=pl.String).alias("fields"))
    removed = old.join(new, on="fact_id", how="anti").select(
        pl.lit("removed").alias("change"), "fact_id", "source_id", "figure_text", pl.lit(None, dtype=pl.String).alias("fields"))
    both = new.join(old, on="fact_id", how="inner", suffix="_old")
    differs = [
        pl.when(pl.col(c).ne_missing(pl.col(f"{c}_old"))).then(pl.lit(c)).otherwise(None) for c in COMPARED
    ]
    changed = (
        both.with_columns(pl.concat_list(differs).list.drop_nulls().list.join(", ").alias("fields"))
        .filter(pl.col("fields") != "")
        .select(pl.lit("changed").alias("change"), "fact_id", "source_id", "figure_text", "fields")
    )
    return pl.concat([added, removed, changed]).cast(SCHEMA).sort("change", "source_id", "fact_id")


def summarise(diff: pl.DataFrame) -> dict:
    counts = dict(diff.group_by("change").len().iter_rows())
    by_source = (
        diff.group_by("source_id", "change").len().sort("source_id", "change")
        .group_by("source_id", maintain_order=True).agg(pl.struct("change", "len"))
    )
    return {
        "added": counts.get("added", 0), "removed": counts.get("removed", 0), "changed": counts.get("changed", 0),
        "by_source": {sid: {s["change"]: s["len"] for s in items} for sid, items in by_source.iter_rows()},
    }


def render_changelog(diff: pl.DataFrame, release_id: str, created: str, previous_release_id: str | None,
                     previous_text: str | None, max_listed: int = 50) -> str:
    """This release's section, then the previous releases' sections (newest first)."""
    summary = summarise(diff)
    since = f"since release {previous_release_id}" if previous_release_id else "first release"
    lines = [
        f"## Release {release_id} ({created})",
        "",
        f"Facts {since}: {summary['added']} added, {summary['removed']} removed, {summary['changed']} changed.",
        "",
    ]
    for sid, counts in summary["by_source"].items():
        lines.append(f"- `{sid}`: " + ", ".join(f"{n} {change}" for change, n in sorted(counts.items())))
    shown = diff.head(max_listed)
    if shown.height:
        lines += ["", "| change | source | figure | fields |", "|---|---|---|---|"]
        lines += [
            f"| {r['change']} | {r['source_id']} | {r['figure_text'].replace('|', '/')} | {r['fields'] or ''} |"
            for r in shown.iter_rows(named=True)
        ]
        if diff.height > max_listed:
            lines.append(f"\n... and {diff.height - max_listed} more (see `changes` in datapackage.json for counts).")
    header = "# Changelog of the published dataset\n\n"
    older = (previous_text or "").removeprefix(header).strip()
    return header + "\n".join(lines) + ("\n\n" + older if older else "") + "\n"
