"""Reviewed annotations: human corrections of the facts, one YAML file per source.

Plain Python + Polars (no Dagster). Files are ``raw/curation/<source_id>.yaml`` (the file name
is the source id), read with ``safe_yaml.safe_load_with_nodes`` (bounded aliases, no repeated keys;
the node tree is kept for line numbers). Each file is a list of entries::

    - quote: "100 milliards de dollars"     # required: words of the source, see below
      occurrence: 2                         # optional, 1-based: which occurrence of the quote
      entity: stargate                      # any of: topic, metric, entity, geo,
      topic: capex                          #         period_start, period_end
      note: why the reviewer says so        # required (or `reason` for an exclusion)
    - quote: "cinq *Big Tech*"
      exclude: true                         # remove the figure from `facts`...
      reason: part of a group's name        # ...with its reason (goes to `rejections`)

Quote semantics (the decision)
    ``quote`` is text of the source *as written*: either the figure itself (its
    ``figure_text``, e.g. ``200 milliards d'euros``) or a longer passage of the same sentence
    that contains exactly one figure (``dépasse 1,5 fois``) — use the longer form when the figure
    text alone is repeated. Comparison is exact after a typographic normalisation that keeps
    lengths (’ ‘ → ', no-break and thin spaces → space), so an annotator may type ``d'euros``
    for ``d’euros``. The quote is searched in the source *text* (``document_texts``); each of
    its occurrences selects the extracted figures whose span lies inside it (if several, those
    whose ``figure_text`` equals the quote). ``occurrence: n`` keeps only the n-th occurrence
    of the quote in the text. Over the occurrences kept, exactly ONE figure must be selected.

Stale annotations (the blocking check)
    An entry that selects no figure (the source changed, the extractor no longer finds it, the
    quote is wrong), more than one (add ``occurrence`` or quote more words), or a figure
    another entry already annotated, produces a problem string naming the file and the entry::

        raw/curation/x.yaml: entry 3 (quote "200 milliards d'euros"): matches no figure

    ``apply_curation`` returns these problems; the pipeline's asset check fails on any of them
    (blocking). Valid entries are still applied, so the report shows the full state, but a run
    with problems is not published: nothing is applied silently.

Application (``apply_curation``), tabular with a Polars join on the fact key
    A matched fact gets the fields the entry sets (``entity`` → ``entity_id``; an explicit
    ``null`` clears ``entity``, ``geo`` or a period bound) and ``extraction = 'curated'``; an
    entry that sets nothing confirms the figure (still ``curated``). An excluded fact leaves
    ``facts`` and is returned as a rejection row (``stage='curation'``,
    ``reason='excluded_by_curation'``, ``detail`` with the figure, its span, the reason, the
    file and entry). Derived columns are not recomputed here: when a period changes, apply the
    curation before the FX conversion (``pipelines.facts.normalise_facts``) or re-run it.

Field validation (``load_curation``) raises ``CurationError`` listing every problem as
``file:line: entry n (quote "…"): field f: why``: unknown fields, a missing or empty quote, an
occurrence that is not a positive integer, a topic outside TOPICS, a metric that is not
snake_case or not in the `metric` vocabulary (``pipelines/vocabulary.py``: every published
metric is explained in the codebook), an unknown entity id (when ``known_entities`` is given),
a geo that is not an ISO alpha-2 / EU / EUROPE / WORLD code, periods that are not years or end before they start, an
``exclude`` that is not a boolean, an exclusion without a reason or with corrections, an entry
without a note, a file whose name is not a known source id (when ``known_sources`` is given).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import yaml

from pipelines.extraction.model import TOPICS
from pipelines.safe_yaml import safe_load_with_nodes
from pipelines.vocabulary import METRIC

__all__ = ["Annotation", "CurationError", "load_curation", "apply_curation", "CORRECTABLE"]

# YAML field → facts column.
CORRECTABLE = {
    "topic": "topic",
    "metric": "metric",
    "entity": "entity_id",
    "geo": "geo",
    "period_start": "period_start",
    "period_end": "period_end",
}
_ALLOWED = {"quote", "occurrence", "exclude", "reason", "note", *CORRECTABLE}
_METRIC_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACE_RE = re.compile(r"^([A-Z]{2}|EU|EUROPE|WORLD)$")
# Typographic normalisation that keeps lengths (’ → ', no-break and thin spaces → space), so a
# reviewer may type d'euros for d’euros; shared with the reference files of pipelines.topic_tables.
TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_DTYPES = {"topic": pl.String, "metric": pl.String, "entity_id": pl.String, "geo": pl.String,
           "period_start": pl.Int64, "period_end": pl.Int64}


class CurationError(ValueError):
    """Malformed annotation files; ``problems`` lists every problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid curation files:\n" + "\n".join(problems))


@dataclass(frozen=True)
class Annotation:
    file: str  # the file as found (e.g. raw/curation/ifri-2025-startups-ia-generative.yaml)
    source_id: str  # the file's stem
    entry: int  # 1-based position in the file
    line: int  # line of the entry in the file
    quote: str
    occurrence: int | None = None
    changes: dict[str, object] = field(default_factory=dict)  # facts column → new value (None clears)
    exclude: bool = False
    reason: str | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        return f'{self.file}: entry {self.entry} (quote "{self.quote}")'


def _typo(text: str) -> str:
    return text.translate(TYPOGRAPHY)


def _is_year(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100


def load_curation(
    curation_dir: str | Path,
    known_entities: Iterable[str] | None = None,
    known_sources: Iterable[str] | None = None,
) -> list[Annotation]:
    """Every annotation of ``curation_dir/*.yaml`` (sorted by file, then entry); raises
    ``CurationError`` on malformed files (see the module docstring)."""
    curation_dir = Path(curation_dir)
    entities = set(known_entities) if known_entities is not None else None
    sources = set(known_sources) if known_sources is not None else None
    annotations: list[Annotation] = []
    problems: list[str] = []
    if not curation_dir.is_dir():
        return []
    for path in sorted(curation_dir.glob("*.yaml")):
        # Named relative to raw/: messages and rejection details must not depend on the checkout path.
        where = f"raw/{curation_dir.name}/{path.name}"
        text = path.read_text(encoding="utf-8")
        try:
            data, root = safe_load_with_nodes(text)
        except (yaml.YAMLError, ValueError) as exc:
            problems.append(f"{where}: not valid YAML: {exc}")
            continue
        if sources is not None and path.stem not in sources:
            problems.append(f"{where}: the file name {path.stem!r} is not a known source id")
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(f"{where}:1: the file must be a list of entries")
            continue
        for i, entry in enumerate(data):
            node = root.value[i] if isinstance(root, yaml.SequenceNode) else None
            line = node.start_mark.line + 1 if node is not None else 0
            quote = entry.get("quote") if isinstance(entry, dict) else None
            label = f'{where}:{line}: entry {i + 1} (quote "{quote}")' if isinstance(quote, str) else f"{where}:{line}: entry {i + 1}"
            found = _check_entry(entry, label, entities)
            if found:
                problems.extend(found)
                continue
            changes = {CORRECTABLE[k]: entry[k] for k in CORRECTABLE if k in entry}
            annotations.append(
                Annotation(where, path.stem, i + 1, line, entry["quote"], entry.get("occurrence"), changes,
                           bool(entry.get("exclude", False)), entry.get("reason"), entry.get("note"))
            )
    if problems:
        raise CurationError(problems)
    return annotations


def _check_entry(entry: object, label: str, entities: set[str] | None) -> list[str]:
    if not isinstance(entry, dict):
        return [f"{label}: an entry must be a mapping"]
    out = []

    def bad(name: str, why: str) -> None:
        out.append(f"{label}: field {name}: {why}")

    for key in entry:
        if key not in _ALLOWED:
            bad(key, f"unknown field (expected one of {', '.join(sorted(_ALLOWED))})")
    quote = entry.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        bad("quote", "required: the figure (or a passage containing it) exactly as written")
    occurrence = entry.get("occurrence")
    if occurrence is not None and (isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1):
        bad("occurrence", f"{occurrence!r} is not a positive integer (1 = first occurrence)")
    if "topic" in entry and entry["topic"] not in TOPICS:
        bad("topic", f"{entry['topic']!r} is not one of {', '.join(TOPICS)}")
    if "metric" in entry and (not isinstance(entry["metric"], str) or not _METRIC_RE.match(entry["metric"])):
        bad("metric", f"{entry['metric']!r} is not a snake_case name")
    elif "metric" in entry and entry["metric"] not in METRIC.values:
        bad("metric", f"{entry['metric']!r} is not in the metric vocabulary (add it with its meaning to pipelines/vocabulary.py)")
    if "entity" in entry and entry["entity"] is not None:
        if not isinstance(entry["entity"], str):
            bad("entity", "must be an entity id or null")
        elif entities is not None and entry["entity"] not in entities:
            bad("entity", f"{entry['entity']!r} is not an entity id of the gazetteer")
    if "geo" in entry and entry["geo"] is not None and (not isinstance(entry["geo"], str) or not _PLACE_RE.match(entry["geo"])):
        bad("geo", f"{entry['geo']!r} is not an ISO 3166-1 alpha-2 code, EU, EUROPE or WORLD")
    for name in ("period_start", "period_end"):
        if name in entry and entry[name] is not None and not _is_year(entry[name]):
            bad(name, f"{entry[name]!r} is not a year")
    if _is_year(entry.get("period_start")) and _is_year(entry.get("period_end")) and entry["period_end"] < entry["period_start"]:
        bad("period_end", "ends before period_start")
    exclude = entry.get("exclude", False)
    if not isinstance(exclude, bool):
        bad("exclude", f"{exclude!r} is not true or false")
    elif exclude:
        if not isinstance(entry.get("reason"), str) or not entry["reason"].strip():
            bad("reason", "an excluded figure needs a reason")
        corrected = [k for k in CORRECTABLE if k in entry]
        if corrected:
            bad(corrected[0], "an excluded figure is not corrected")
    elif "reason" in entry:
        bad("reason", "only for `exclude: true` (use `note`)")
    if not exclude and (not isinstance(entry.get("note"), str) or not entry["note"].strip()):
        bad("note", "required: why the reviewer says so")
    return out


def _occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(quote)
    while start != -1:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def apply_curation(
    facts: pl.DataFrame, document_texts: dict[str, str], annotations: list[Annotation]
) -> tuple[pl.DataFrame, pl.DataFrame, list[str]]:
    """(curated facts, rejections of the excluded facts, problems) — see the module docstring.

    ``facts`` needs ``source_id``, ``char_start``, ``char_end``, ``figure_text`` and the columns
    an annotation corrects; ``entity_id`` and ``extraction`` are added (null / ``'rule'``) when
    absent, so the function also works on the extractor's frame before normalisation.
    """
    frame = facts
    if "entity_id" not in frame.columns:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("entity_id"))
    if "extraction" not in frame.columns:
        frame = frame.with_columns(pl.lit("rule").alias("extraction"))
    frame = frame.with_row_index("__row")
    by_source: dict[str, list[tuple[int, int, int, str]]] = {}
    for row, source_id, start, end, figure_text in frame.select("__row", "source_id", "char_start", "char_end", "figure_text").iter_rows():
        by_source.setdefault(source_id, []).append((row, start, end, figure_text))

    problems: list[str] = []
    matched: dict[int, Annotation] = {}
    for ann in annotations:
        text = document_texts.get(ann.source_id)
        if text is None:
            problems.append(f"{ann.label}: source {ann.source_id!r} has no document text")
            continue
        quote = _typo(ann.quote)
        spans = _occurrences(_typo(text), quote)
        if ann.occurrence is not None:
            if ann.occurrence > len(spans):
                problems.append(f"{ann.label}: occurrence {ann.occurrence} asked but the quote occurs {len(spans)} time(s) in the source")
                continue
            spans = [spans[ann.occurrence - 1]]
        rows: list[tuple[int, int, int, str]] = []
        for a, b in spans:
            inside = [f for f in by_source.get(ann.source_id, []) if a <= f[1] and f[2] <= b]
            if len(inside) > 1:
                exact = [f for f in inside if _typo(f[3]) == quote]
                inside = exact or inside
            rows.extend(inside)
        if not rows:
            where = f"the quote occurs {len(spans)} time(s) in the source" if spans else "the quote is not in the source text"
            problems.append(f"{ann.label}: matches no figure ({where})")
            continue
        if len(rows) > 1:
            listed = ", ".join(f'"{f[3]}" at {f[1]}-{f[2]}' for f in rows)
            problems.append(f"{ann.label}: matches {len(rows)} figures ({listed}); add `occurrence` or quote more words")
            continue
        row = rows[0][0]
        if row in matched:
            problems.append(f"{ann.label}: the figure is already annotated by {matched[row].label}")
            continue
        matched[row] = ann

    curated = _apply(frame, matched)
    excluded_rows = [row for row, ann in matched.items() if ann.exclude]
    excluded = curated.filter(pl.col("__row").is_in(excluded_rows))
    reasons = pl.DataFrame(
        {"__row": excluded_rows, "__detail": [f"{matched[r].reason} ({matched[r].label})" for r in excluded_rows]},
        schema={"__row": pl.UInt32, "__detail": pl.String},
    )
    rejections = excluded.join(reasons, on="__row", how="inner").select(
        "source_id",
        pl.lit("curation").alias("stage"),
        pl.lit("excluded_by_curation").alias("reason"),
        pl.format("{} at characters {}-{}: {}", "figure_text", "char_start", "char_end", "__detail").alias("detail"),
    )
    out = curated.filter(~pl.col("__row").is_in(excluded_rows)).drop("__row")
    return out, rejections, problems


def _apply(frame: pl.DataFrame, matched: dict[int, Annotation]) -> pl.DataFrame:
    """Join one row of corrections per annotated fact and apply it with expressions."""
    columns = [c for c in CORRECTABLE.values() if c in frame.columns or any(c in a.changes for a in matched.values())]
    records = []
    for row, ann in matched.items():
        rec: dict[str, object] = {"__row": row}
        for col in columns:
            rec[f"__set_{col}"] = col in ann.changes
            rec[f"__new_{col}"] = ann.changes.get(col)
        records.append(rec)
    schema: dict[str, pl.DataType] = {"__row": pl.UInt32}
    for col in columns:
        schema[f"__set_{col}"] = pl.Boolean
        schema[f"__new_{col}"] = _DTYPES[col]
    corrections = pl.DataFrame(records, schema=schema) if records else pl.DataFrame(schema=schema)
    for col in columns:
        if col not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=_DTYPES[col]).alias(col))
    joined = frame.join(corrections.with_columns(pl.lit(True).alias("__curated")), on="__row", how="left")
    reviewed_topic = []
    if "topic" in columns and "topic_evidence" in frame.columns:
        # a topic a curator set is its own evidence (vocabulary topic_evidence: reviewed)
        reviewed_topic.append(pl.when(pl.col("__set_topic").fill_null(False)).then(pl.lit("reviewed"))
                              .otherwise(pl.col("topic_evidence")).alias("topic_evidence"))
    return joined.with_columns(
        *reviewed_topic,
        *[
            pl.when(pl.col(f"__set_{col}").fill_null(False))
            .then(pl.col(f"__new_{col}"))
            .otherwise(pl.col(col))
            .cast(frame.schema[col])
            .alias(col)
            for col in columns
        ],
        pl.when(pl.col("__curated").fill_null(False)).then(pl.lit("curated")).otherwise(pl.col("extraction")).alias("extraction"),
    ).select(frame.columns)
