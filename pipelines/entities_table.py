"""The published `entities` table: the reviewed gazetteer and the sources naming each entity.

A table builder, apart from ``pipelines.entities`` (what per-document extraction runs): changing
it rebuilds the table and re-extracts no document (``pipelines.fingerprint``).
"""

from __future__ import annotations

import polars as pl

from pipelines.contract import ENTITIES
from pipelines.entities import Gazetteer


def entities_table(gazetteer: Gazetteer, mentions: pl.DataFrame) -> pl.DataFrame:
    """The published ``entities`` table (see the module docstring).

    ``mentions`` has one row per (source_id, entity_id) named in a source's text, as computed
    per document by ``entities_named`` when the document is extracted.
    """
    named: dict[str, set[str]] = {eid: set() for eid in gazetteer.entities}
    for source_id, entity_id in mentions.select("source_id", "entity_id").iter_rows():
        if entity_id in named:
            named[entity_id].add(source_id)
    rows = [
        {
            "entity_id": e.id,
            "name": e.name,
            "kind": e.kind,
            "country": e.country,
            "scope": e.scope,
            "aliases": [a.text for a in e.aliases],
            "members": list(e.members),
            "source_ids": sorted(named[e.id]),
        }
        for e in gazetteer.entities.values()
    ]
    frame = pl.DataFrame(rows, schema=ENTITIES.polars_schema) if rows else ENTITIES.empty()
    return ENTITIES.conform(frame)
