"""Which statements are one claim: the connected components of the claims' links, under constraints.

``claims.assign_claims`` lists every link between two statements in the order it applies; a link
is refused when it would put in one claim two different reviewed claims, a part and its whole, or
(for a strict link) two different entities. ``claim_components`` gives every statement its
component. Plain Polars and Python, no Dagster.

A refresh that changes one document among thousands changes few components; the others, and the
union-find they cost (10^5-10^6 links applied one by one in Python), are the same as in the
previous refresh. A ``ComponentMemo`` keeps, per constrained component, a *key* that hashes
everything its result depends on (its members with their entity and reviewed claim, its links in
their order with their strictness, the part-whole pairs inside it) and its members' component;
a component whose key is kept is not computed again. Links never cross components, and a
component's unions read nothing outside it, so a component computed alone is computed as in the
whole: the result is the same with or without the memo (tested).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq

from pipelines.fingerprint import files_hash
from pipelines.storage import write_atomically

__all__ = ["ComponentMemo", "claim_components", "read_memo", "write_memo"]

#: The memo's frame: a component's key (two 64-bit hashes of its content), its members and the
#: component each is in.
_MEMO_SCHEMA = {"k0": pl.UInt64, "k1": pl.UInt64, "fact_id": pl.String, "component": pl.String}
_VERSION_KEY = "memo_version"


@dataclass
class ComponentMemo:
    """Constrained components kept from the previous refresh (``kept``: ``_MEMO_SCHEMA``, read with
    ``read_memo``); ``claim_components`` fills ``fresh`` (what to keep for the next one) and the
    counts of components it computed and reused."""

    kept: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=_MEMO_SCHEMA))
    fresh: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=_MEMO_SCHEMA))
    computed: int = 0
    reused: int = 0


@cache
def memo_version() -> str:
    """What a key depends on besides the data: this module's code (the unions) and Polars'
    version (the keys are Polars hashes, stable within a version only)."""
    return f"{files_hash([Path(__file__)])}-polars{pl.__version__}"


def read_memo(path: Path) -> ComponentMemo:
    """The memo kept in `path` (``write_memo``); an empty one when the file is missing, unreadable,
    of another shape or written by another code or Polars version (a cold start, not an error)."""
    try:
        table = pq.read_table(path)  # the rows and the version written in the schema, in one read
        kept = pl.from_arrow(table)
    except (OSError, ValueError, pl.exceptions.PolarsError):  # pyarrow's errors are ValueErrors
        return ComponentMemo()
    version = (table.schema.metadata or {}).get(_VERSION_KEY.encode(), b"").decode()
    if not isinstance(kept, pl.DataFrame) or kept.schema != pl.Schema(_MEMO_SCHEMA) or version != memo_version():
        return ComponentMemo()
    return ComponentMemo(kept=kept)


def write_memo(memo: ComponentMemo, path: Path) -> None:
    """Keeps `memo.fresh` in `path` for the next refresh (``storage.write_atomically``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = memo.fresh.to_arrow().replace_schema_metadata({_VERSION_KEY: memo_version()})
    write_atomically(path, lambda tmp: pq.write_table(table, tmp))


class _Components:
    """Union-find over fact ids with cannot-link constraints: two components never join when they
    hold different reviewed claims, or a part and its whole.

    Each root keeps only what a constraint reads: its size, its reviewed claims and entities (when
    any), and the facts its members must stay apart from; so a union costs the same whatever the
    size of the components (testing every member of the smaller one grew with the components)."""

    def __init__(self, ids: list[str], reviewed: dict[str, str], apart: list[tuple[str, str]],
                 entities: dict[str, str] | None = None):
        self.parent = {i: i for i in ids}
        self.size = dict.fromkeys(ids, 1)
        # Absent: none (an empty set in the constraint's test).
        self.entities = {i: {entities[i]} for i in ids if entities and entities.get(i)}
        self.reviewed = {i: {reviewed[i]} for i in ids if i in reviewed}
        self.apart: dict[str, set[str]] = {}
        for x, y in apart:
            if x in self.parent and y in self.parent:
                self.apart.setdefault(x, set()).add(y)
                self.apart.setdefault(y, set()).add(x)

    def find(self, i: str) -> str:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: str, b: str, strict: bool = False) -> bool:
        """Joins the components of a and b unless a constraint forbids it; `strict` also refuses
        to join components about different entities."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        reviewed_a, reviewed_b = self.reviewed.get(ra), self.reviewed.get(rb)
        if reviewed_a and reviewed_b and reviewed_a != reviewed_b:
            return False
        if strict:
            entities_a, entities_b = self.entities.get(ra), self.entities.get(rb)
            if entities_a and entities_b and entities_a != entities_b:
                return False
        apart_a, apart_b = self.apart.get(ra), self.apart.get(rb)
        if apart_a and apart_b:
            # A member of one must stay apart from a member of the other: test the fewer partners.
            mine, other = (apart_a, rb) if len(apart_a) <= len(apart_b) else (apart_b, ra)
            if any(self.find(x) == other for x in mine):
                return False
        small, large = (ra, rb) if self.size[ra] <= self.size[rb] else (rb, ra)
        self.parent[small] = large
        self.size[large] += self.size.pop(small)
        for kept in (self.reviewed, self.entities, self.apart):
            moved = kept.pop(small, None)
            if moved:
                kept.setdefault(large, set()).update(moved)
        return True



def claim_components(facts: pl.DataFrame, links: pl.DataFrame, reviewed: pl.DataFrame, parts: pl.DataFrame,
                     memo: ComponentMemo | None = None) -> pl.DataFrame:
    """(fact_id, component): the statements `links` (a, b, strict; in the order they apply) join,
    each link refused when it would break a constraint (`_Components`). `memo`: constrained
    components kept from the previous refresh (module doc), updated for the next.

    Applying 10^5-10^6 links one by one in Python grew with the corpus; but a constraint can only
    refuse a link inside a connected component (of all the links, constraints ignored) that holds
    two different reviewed claims, both ends of a part-whole pair, or a strict link and two
    different entities. Every other component is joined whole whatever the order (computed
    vectorised, `_connected`); only the links of the constrained ones go through `_Components`,
    in their order, so the result is the same as applying every link in order."""
    ids = facts.get_column("fact_id").unique().sort()
    index = pl.DataFrame({"fact_id": ids}).with_row_index("i")
    given = links.height
    links = links.with_row_index("order").join(index.rename({"fact_id": "a", "i": "ia"}), on="a").join(
        index.rename({"fact_id": "b", "i": "ib"}), on="b").sort("order")
    if links.height != given:  # a link to no statement is a bug upstream, never dropped in silence
        raise ValueError(f"{given - links.height} claim links name a fact that is not a statement")
    label = _connected(ids.len(), links.get_column("ia"), links.get_column("ib"))
    index = index.with_columns(label.alias("label"))
    labelled = facts.select("fact_id", "entity_id").unique("fact_id").join(index, on="fact_id")
    entity = pl.col("entity_id").filter(pl.col("entity_id").is_not_null() & (pl.col("entity_id") != ""))
    constrained = pl.concat([
        reviewed.join(labelled, on="fact_id").group_by("label").agg(pl.col("reviewed_claim").n_unique().alias("n"))
        .filter(pl.col("n") > 1).select("label"),
        parts.join(labelled.select(pl.col("fact_id").alias("part"), "label"), on="part")
        .join(labelled.select(pl.col("fact_id").alias("whole"), pl.col("label").alias("label_w")), on="whole")
        .filter(pl.col("label") == pl.col("label_w")).select("label"),
        labelled.join(links.filter("strict").join(labelled.select(pl.col("fact_id").alias("a"), "label"), on="a")
                      .select("label").unique(), on="label")
        .group_by("label").agg(entity.n_unique().alias("n")).filter(pl.col("n") > 1).select("label"),
    ]).unique()
    # Free components: joined whole, named by their smallest fact id (a label is the smallest index).
    index = index.with_columns(ids.gather(label).alias("component"))
    free = index.join(constrained, on="label", how="anti").select("fact_id", "component")
    if constrained.is_empty():
        return free
    members = labelled.join(constrained, on="label")
    inside = links.join(index.select(pl.col("i").alias("ia"), "label"), on="ia").join(constrained, on="label")
    apart = (parts.join(members.select(pl.col("fact_id").alias("part"), "label"), on="part")
             .join(members.select(pl.col("fact_id").alias("whole"), pl.col("label").alias("label_w")), on="whole")
             .filter(pl.col("label") == pl.col("label_w")).select("label", "part", "whole"))
    reviewed_members = members.join(reviewed.select("fact_id", "reviewed_claim"), on="fact_id", how="left")
    keys = _component_keys(reviewed_members, inside, apart)
    memo = memo if memo is not None else ComponentMemo()
    reused = memo.kept.join(keys, on=["k0", "k1"], how="semi")
    todo = keys.join(reused.select("k0", "k1").unique(), on=["k0", "k1"], how="anti")
    members = members.join(todo, on="label").sort("fact_id")
    member_ids = members.get_column("fact_id")
    by_review = dict(reviewed.filter(pl.col("fact_id").is_in(member_ids.implode())).select("fact_id", "reviewed_claim").iter_rows())
    components = _Components(member_ids.to_list(), by_review,
                             list(apart.join(todo, on="label").select("part", "whole").iter_rows()),
                             dict(members.select("fact_id", "entity_id").iter_rows()))
    for a, b, strict in inside.join(todo, on="label").sort("order").select("a", "b", "strict").iter_rows():
        components.union(a, b, strict)
    computed = members.select("k0", "k1", "fact_id", pl.Series("component", [components.find(i) for i in member_ids.to_list()],
                                                                dtype=pl.String))
    memo.fresh = pl.concat([reused, computed]).sort("fact_id")
    memo.computed, memo.reused = todo.height, keys.height - todo.height
    return pl.concat([free, memo.fresh.select("fact_id", "component")])


def _component_keys(members: pl.DataFrame, links: pl.DataFrame, apart: pl.DataFrame) -> pl.DataFrame:
    """(label, k0, k1) of each constrained component: two 64-bit hashes (seeds 0 and 1) of its
    members (fact, entity, reviewed claim), its links in their order (a, b, strict, rank) and its
    part-whole pairs. Each is an order-free sum of row hashes (the links' order is in their rank),
    with the row counts."""
    rank = (pl.col("order").rank("ordinal").over("label")).alias("rank")
    links = links.with_columns(rank)
    keys = None
    for seed in (0, 1):
        parts = [
            members.group_by("label").agg(pl.len().alias("n_m"), pl.struct("fact_id", "entity_id", "reviewed_claim")
                                          .hash(seed=seed).sum().alias("h_m")),
            links.group_by("label").agg(pl.len().alias("n_l"), pl.struct("a", "b", "strict", "rank")
                                        .hash(seed=seed).sum().alias("h_l")),
            apart.group_by("label").agg(pl.len().alias("n_p"), pl.struct("part", "whole").hash(seed=seed).sum().alias("h_p")),
        ]
        joined = parts[0].join(parts[1], on="label", how="left").join(parts[2], on="label", how="left").fill_null(0)
        key = joined.select("label", pl.struct(pl.exclude("label")).hash(seed=seed).alias(f"k{seed}"))
        keys = key if keys is None else keys.join(key, on="label")
    return keys


def _connected(n: int, a: pl.Series, b: pl.Series) -> pl.Series:
    """The connected components of the graph of nodes 0..n-1 and edges (a, b): each node's label is
    the smallest node of its component. Vectorised: each round hooks every root to the smallest
    root it has an edge to, then jumps pointers until each node points to its root."""
    parent = pl.Series("label", range(n), dtype=pl.UInt32)
    edges = pl.DataFrame({"a": a.cast(pl.UInt32), "b": b.cast(pl.UInt32)})
    while True:
        edges = (edges.select(a=parent.gather(edges.get_column("a")), b=parent.gather(edges.get_column("b")))
                 .filter(pl.col("a") != pl.col("b")).unique())
        if edges.is_empty():
            return parent
        hooks = edges.select(pl.max_horizontal("a", "b").alias("root"), pl.min_horizontal("a", "b").alias("to")) \
            .group_by("root").agg(pl.col("to").min())
        parent = parent.scatter(hooks.get_column("root"), hooks.get_column("to"))
        while True:  # pointer jumping: every node to its root
            jumped = parent.gather(parent)
            if (jumped == parent).all():
                break
            parent = jumped


