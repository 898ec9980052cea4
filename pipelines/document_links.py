"""The claims' links found inside one document, kept from one refresh to the next.

Two kinds of links between statements never leave their document: part-whole pairs
(``claim_parts.part_links``: "dont 20 milliards", table totals) and the notes a figure sits in
or its paragraph cites (``citations.note_links``, which reads the document's text). Both are
plain functions of one document's facts (and text): at 10,000 documents they took about 4.4 s
of every refresh (0.9 s of it reading 2,000 texts), spent again on documents that had not
changed.

``document_links`` gives exactly what the two functions give on the whole corpus, but computes
them only for the documents whose *key* is not in the store of the previous run. A document's
key hashes everything its links read:

* the code: the modules ``claim_parts`` and ``citations`` import, transitively, and the rules'
  resources (the part cues are language data), as ``fingerprint.code_files`` finds them; and the
  Polars version (the facts' hash below is Polars');
* the document's text (its ``sha256`` in ``sources``; null for a document not published, whose
  notes are not read);
* the document's facts: every column the links read, hashed row by row in the facts' order.

A changed key recomputes that document; a document gone from the facts leaves the store. The
store is one Parquet file (``links.parquet`` in the work folder's ``claims/``), written whole
beside and renamed, so a failed refresh leaves the previous one. Nothing is trusted that the key
does not cover: a missing, unreadable or foreign file is a cold start, not an error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from pipelines import citations, claim_parts
from pipelines.citations import NOTE_LOCATIONS, note_links
from pipelines.claim_parts import part_links
from pipelines.fingerprint import code_files, files_hash
from pipelines.storage import write_atomically

__all__ = ["DocumentLinks", "document_links", "links_version"]

#: What the links read of the facts: the key hashes exactly these columns.
_KEY_COLUMNS = tuple(dict.fromkeys((*claim_parts.READ_COLUMNS, *citations.READ_COLUMNS)))
_STORE_SCHEMA = {"source_id": pl.String, "key": pl.String, "kind": pl.String, "a": pl.String, "b": pl.String,
                 "note": pl.Int64}
_PARTS = {"part": pl.String, "whole": pl.String}
_NOTES = {"fact_id": pl.String, "note": pl.Int64}


@dataclass(frozen=True)
class DocumentLinks:
    parts: pl.DataFrame  # (part, whole), as claim_parts.part_links
    note_numbers: pl.DataFrame  # (fact_id, note), as the first frame of citations.note_links
    cited_notes: pl.DataFrame  # (fact_id, note), as its second
    computed: int  # documents whose links were computed in this call
    reused: int  # documents whose links came from the store


@cache
def links_version() -> str:
    """The code and rule data the links read (module doc), with the Polars version."""
    return f"{files_hash(code_files(['pipelines.claim_parts', 'pipelines.citations']))}-polars{pl.__version__}"


def document_keys(facts: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """(source_id, key) of every document with facts (module doc)."""
    hashed = facts.select(
        "source_id", pl.struct(list(_KEY_COLUMNS)).hash(seed=0).alias("_h"),
    ).with_row_index("_row")
    # A document's facts in their order: an order-sensitive fold of the row hashes (the sum and the
    # positions weighted), with the count.
    per_document = hashed.group_by("source_id").agg(
        pl.len().alias("_n"), pl.col("_h").sum().alias("_sum"),
        (pl.col("_h") * (pl.col("_row") - pl.col("_row").min() + 1).cast(pl.UInt64)).sum().alias("_weighted"),
    )
    version = links_version()
    keyed = per_document.join(sources.select("source_id", "sha256"), on="source_id", how="left").sort("source_id")
    keys = [hashlib.sha256(f"{version}|{sha}|{n}|{s}|{w}".encode()).hexdigest()[:32]
            for sha, n, s, w in keyed.select("sha256", "_n", "_sum", "_weighted").iter_rows()]
    return keyed.select("source_id").with_columns(pl.Series("key", keys, dtype=pl.String))


def _read_store(path: Path) -> pl.DataFrame:
    try:
        stored = pl.read_parquet(path)
    except (OSError, pl.exceptions.PolarsError):
        return pl.DataFrame(schema=_STORE_SCHEMA)
    if stored.schema != pl.Schema(_STORE_SCHEMA):
        return pl.DataFrame(schema=_STORE_SCHEMA)
    return stored


def _write_store(frame: pl.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, frame.write_parquet)


def document_links(
    facts: pl.DataFrame,
    sources: pl.DataFrame,
    read_texts: Callable[[list[str]], Iterable[tuple[str, str]]],
    store: Path | None,
    reuse: bool = True,
) -> DocumentLinks:
    """The part-whole pairs and note links of ``facts``, equal to ``part_links(facts)`` and
    ``note_links(facts, <the texts of the published documents with facts in notes>)``.

    ``sources``: the published documents (``source_id``, ``sha256``); ``read_texts(ids)`` yields
    (source_id, text) for the ids asked, one at a time; ``store``: the store's file (None: no
    store, everything computed); ``reuse=False`` computes everything and writes the store anew (a
    full refresh trusts nothing kept from an earlier run)."""
    keys = document_keys(facts, sources)
    stored = _read_store(store) if store is not None and reuse else pl.DataFrame(schema=_STORE_SCHEMA)
    kept = stored.join(keys, on=["source_id", "key"], how="semi")
    known = kept.select("source_id").unique()
    missing = keys.join(known, on="source_id", how="anti")
    todo = facts.join(missing.select("source_id"), on="source_id", how="semi")

    published = set(sources.get_column("source_id").to_list())
    with_notes = (todo.filter(pl.col("location").is_in(NOTE_LOCATIONS)).get_column("source_id").unique().to_list())
    parts = part_links(todo) if todo.height else pl.DataFrame(schema=_PARTS)
    numbers, cited = note_links(todo, read_texts(sorted(set(with_notes) & published)))

    source_of = facts.select(pl.col("fact_id").alias("a"), "source_id")
    new = pl.concat([
        parts.select(pl.col("part").alias("a"), pl.col("whole").alias("b"), pl.lit(None, pl.Int64).alias("note"),
                     pl.lit("part").alias("kind")),
        numbers.select(pl.col("fact_id").alias("a"), pl.lit(None, pl.String).alias("b"), "note", pl.lit("number").alias("kind")),
        cited.select(pl.col("fact_id").alias("a"), pl.lit(None, pl.String).alias("b"), "note", pl.lit("cited").alias("kind")),
    ]).join(source_of, on="a", how="left").join(missing, on="source_id", how="left")
    # A document with no links at all keeps a marker row, so that it is known next time.
    markers = missing.join(new.select("source_id").unique(), on="source_id", how="anti").with_columns(
        pl.lit("none").alias("kind"), pl.lit(None, pl.String).alias("a"), pl.lit(None, pl.String).alias("b"),
        pl.lit(None, pl.Int64).alias("note"))
    current = (pl.concat([kept, new.select(list(_STORE_SCHEMA)), markers.select(list(_STORE_SCHEMA))])
               .cast(_STORE_SCHEMA).sort("source_id", "kind", "a", "b", "note", nulls_last=True))
    if store is not None:
        _write_store(current, store)

    # The frames in the order the direct functions give: parts by part; notes in the facts' order,
    # a fact's cited notes increasing.
    order = facts.select("fact_id").with_row_index("_row")
    def notes(kind: str) -> pl.DataFrame:
        return (current.filter(pl.col("kind") == kind).select(pl.col("a").alias("fact_id"), "note")
                .join(order, on="fact_id").sort("_row", "note").select(list(_NOTES)).cast(_NOTES))
    all_parts = (current.filter(pl.col("kind") == "part").select(pl.col("a").alias("part"), pl.col("b").alias("whole"))
                 .sort("part").cast(_PARTS))
    return DocumentLinks(all_parts, notes("number"), notes("cited"), missing.height, known.height)
