"""Reviewed claims: ``raw/reference/claims.yaml``, what the rules of ``pipelines.claims`` cannot know.

Each entry names one claim by the exact words of its statements (checked against the sources at
every run), and may give it a readable ``label`` and the claim it is a part of (``part_of``, a key
of the same file: "the private part of InvestAI is part of InvestAI's total"). A statement's
quote must select exactly one fact: the one money figure inside it when it holds money figures
("1,5 milliard d'euros pour la création de sept usines" selects the amount), else its one figure.
A quote that no longer occurs, that selects no figure or several, a ``part_of`` naming no entry
of the file, or a source id the registry does not know stops the run with the file and the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.facts import MONEY_UNIT
from pipelines.topic_tables import (
    QuoteRef, ReferenceDataError, TextReader, _check_registered, _read_yaml, _shown, facts_within, locate_quotes,
)

CLAIMS_FILE = "reference/claims.yaml"
_FIELDS = ("claim", "note", "statements", "label", "part_of")


@dataclass(frozen=True)
class ReviewedClaims:
    """The reviewed links: (fact_id, reviewed_claim) statements, labels and parents by claim key."""

    statements: pl.DataFrame
    labels: dict[str, str]
    parents: dict[str, str]

    @staticmethod
    def none() -> "ReviewedClaims":
        return ReviewedClaims(pl.DataFrame(schema={"fact_id": pl.String, "reviewed_claim": pl.String}), {}, {})


def load_claims(path: Path) -> list[dict]:
    """``claims: [{claim, note, statements: [{source, quote}], label?, part_of?}]``."""
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
        for field in ("label", "part_of"):
            if entry.get(field) is not None and not isinstance(entry[field], str):
                problems.append(f"{label}: `{field}` must be a string")
        if not isinstance(statements, list) or not statements or not all(
            isinstance(s, dict) and isinstance(s.get("source"), str) and isinstance(s.get("quote"), str) for s in statements
        ):
            problems.append(f"{label}: `statements` must be a non-empty list of {{source, quote}}")
            continue
        unknown = {k for k in entry if k not in _FIELDS}
        if unknown:
            problems.append(f"{label}: unknown fields {sorted(unknown)}")
        claims.append({"claim": key, "label": label, "title": entry.get("label"), "part_of": entry.get("part_of"),
                       "statements": [{**st, "n": i} for i, st in enumerate(statements, 1)]})
    keys = [c["claim"] for c in claims]
    problems += [f"{_shown(path)}: claim {k!r} is listed twice" for k in sorted({k for k in keys if keys.count(k) > 1})]
    problems += [f"{c['label']}: `part_of` {c['part_of']!r} is not a claim of this file"
                 for c in claims if c["part_of"] is not None and c["part_of"] not in keys]
    problems += [f"{c['label']}: `part_of` names the claim itself" for c in claims if c["part_of"] == c["claim"]]
    if problems:
        raise ReferenceDataError(problems)
    return claims


def reviewed_statements(claims: list[dict], texts: dict[str, str], facts: pl.DataFrame) -> pl.DataFrame:
    """(fact_id, reviewed_claim): each statement's quote selects exactly one fact (module doc)."""
    refs = [
        QuoteRef(f"{c['label']}: statement {s.get('n', i)}", f"{c['claim']}\t{i}", s["source"], s["quote"])
        for c in claims for i, s in enumerate(c["statements"], 1)
    ]
    spans, problems = locate_quotes(refs, texts)
    hits = facts_within(spans, facts.select("fact_id", "source_id", "char_start", "char_end", "unit"))
    hits = hits.filter(~pl.col("unit").str.contains(MONEY_UNIT).any().over("key") | pl.col("unit").str.contains(MONEY_UNIT))
    counts = spans.select("key", "label").unique().join(hits.group_by("key").agg(pl.col("fact_id").unique()), on="key", how="left")
    for _key, label, ids in counts.sort("label").iter_rows():
        n = 0 if ids is None else len(ids)
        if n != 1:
            problems.append(f"{label}: the quote selects {n} figures (exactly one needed; quote more or fewer words)")
    if problems:
        raise ReferenceDataError(sorted(set(problems)))
    out = hits.select(pl.col("key").str.split("\t").list.first().alias("reviewed_claim"), "fact_id").unique().sort("fact_id")
    twice = out.group_by("fact_id").agg(pl.col("reviewed_claim").unique().sort()).filter(pl.col("reviewed_claim").list.len() > 1)
    if twice.height:
        raise ReferenceDataError([f"raw/{CLAIMS_FILE}: fact {f} is in several claims: {list(c)}" for f, c in twice.sort("fact_id").iter_rows()])
    return out


def reviewed_claims_from_sources(facts: pl.DataFrame, raw: Path, read_texts: TextReader,
                                 registered: set[str] | None = None) -> ReviewedClaims:
    """The reviewed claims checked against the published documents (`read_texts(source_ids)`
    returns the texts of those that are published). Statements of a document that is not
    published (removed, or unreadable) go with it, as its facts do."""
    claims = load_claims(raw / CLAIMS_FILE)
    _check_registered([(c["label"], s["source"]) for c in claims for s in c["statements"]], registered)
    texts = read_texts({s["source"] for c in claims for s in c["statements"]})
    labels = {c["claim"]: c["title"] for c in claims if c["title"]}
    parents = {c["claim"]: c["part_of"] for c in claims if c["part_of"]}
    claims = [{**c, "statements": [s for s in c["statements"] if s["source"] in texts]} for c in claims]
    claims = [c for c in claims if c["statements"]]
    if not claims:
        return ReviewedClaims(ReviewedClaims.none().statements, labels, parents)
    return ReviewedClaims(reviewed_statements(claims, texts, facts), labels, parents)
