"""The claims' components found vectorised (pipelines.claims.claim_components: the links of
unconstrained components joined at once, only the constrained ones applied one by one, each union
testing only the facts that must stay apart) are those of every link applied in order through
the union-find before (`_OneByOne` below): on random graphs
with every kind of constraint, on the seeds' facts with their reviewed claims, and on facts of
generated documents."""

import datetime as dt
import random
from functools import lru_cache

import polars as pl
import pytest

from pipelines import claims as cl
from pipelines.claim_components import ComponentMemo, _Components, claim_components
from pipelines.benchmark.corpus import generate_document
from pipelines.claim_parts import part_links
from pipelines.citations import cited_notes, note_numbers
from pipelines.entities import assign_entities, load_gazetteer
from pipelines.extraction import prefilter
from pipelines.extraction.document import extract_document
from pipelines.facts import normalise_facts
from pipelines.fx_rates import annual_average_rates, load_ecb_daily_rates
from pipelines.reviewed_claims import reviewed_claims_from_sources
from pipelines.registry import load_registry
from pipelines.source_tables import document_texts, registry_frame
from tests.conftest import RAW

_REVIEWED_SCHEMA = {"fact_id": pl.String, "reviewed_claim": pl.String}


class _OneByOne:
    """`claims._Components` as it was (every member of the smaller component tested for an apart
    partner in the other): the reference."""

    def __init__(self, ids, reviewed, apart, entities=None):
        self.parent = {i: i for i in ids}
        self.entities = {i: ({entities[i]} if entities and entities.get(i) else set()) for i in ids}
        self.reviewed = {i: ({reviewed[i]} if i in reviewed else set()) for i in ids}
        self.members = {i: {i} for i in ids}
        self.apart = {}
        for x, y in apart:
            if x in self.parent and y in self.parent:
                self.apart.setdefault(x, set()).add(y)
                self.apart.setdefault(y, set()).add(x)

    def find(self, i):
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a, b, strict=False):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.reviewed[ra] and self.reviewed[rb] and self.reviewed[ra] != self.reviewed[rb]:
            return False
        if strict and self.entities[ra] and self.entities[rb] and self.entities[ra] != self.entities[rb]:
            return False
        small, large = (ra, rb) if len(self.members[ra]) <= len(self.members[rb]) else (rb, ra)
        for m in self.members[small]:
            if any(self.find(x) == large for x in self.apart.get(m, ())):
                return False
        self.parent[small] = large
        self.members[large] |= self.members.pop(small)
        self.reviewed[large] |= self.reviewed.pop(small)
        self.entities[large] |= self.entities.pop(small)
        return True


def _one_by_one(facts: pl.DataFrame, links: pl.DataFrame, reviewed: pl.DataFrame, parts: pl.DataFrame) -> dict[str, str]:
    """The reference: every link applied in order (`assign_claims` before), fact -> its root."""
    ids = facts.get_column("fact_id").sort().to_list()
    components = _OneByOne(ids, dict(reviewed.select("fact_id", "reviewed_claim").iter_rows()), list(parts.select("part", "whole").iter_rows()),
                                dict(facts.select("fact_id", "entity_id").iter_rows()))
    for a, b, strict in links.select("a", "b", "strict").iter_rows():
        components.union(a, b, strict)
    return {i: components.find(i) for i in ids}


def _partition(component: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for fact, root in component.items():
        groups.setdefault(root, set()).add(fact)
    return {frozenset(g) for g in groups.values()}


def _assert_same_components(facts, links, reviewed, parts) -> int:
    found = claim_components(facts, links, reviewed, parts)
    assert found.get_column("fact_id").sort().to_list() == facts.get_column("fact_id").sort().to_list()
    expected = _partition(_one_by_one(facts, links, reviewed, parts))
    assert _partition(dict(found.iter_rows())) == expected
    return len(expected)


@pytest.mark.parametrize("seed", range(25))
def test_components_equal_every_link_applied_in_order_on_random_graphs(seed):
    rng = random.Random(seed)
    n = rng.choice([5, 30, 200])
    ids = [f"f{i:04d}" for i in range(n)]
    facts = pl.DataFrame({"fact_id": ids, "entity_id": [rng.choice([None, "", "a", "b", "c"]) for _ in ids]},
                         schema={"fact_id": pl.String, "entity_id": pl.String})
    links = pl.DataFrame(
        [(rng.choice(ids), rng.choice(ids), rng.random() < 0.3) for _ in range(rng.randrange(0, 3 * n))],
        schema={"a": pl.String, "b": pl.String, "strict": pl.Boolean}, orient="row")
    reviewed = pl.DataFrame([(i, rng.choice("xyz")) for i in rng.sample(ids, rng.randrange(0, max(1, n // 10)))],
                            schema=_REVIEWED_SCHEMA, orient="row")
    parts = pl.DataFrame([(rng.choice(ids), rng.choice(ids)) for _ in range(rng.randrange(0, max(1, n // 8)))],
                         schema={"part": pl.String, "whole": pl.String}, orient="row")
    _assert_same_components(facts, links, reviewed, parts)
    # The union-find alone, every link through it: the same partition as the reference.
    alone = _Components(ids, dict(reviewed.select("fact_id", "reviewed_claim").iter_rows()),
                           list(parts.iter_rows()), dict(facts.iter_rows()))
    for a, b, strict in links.iter_rows():
        alone.union(a, b, strict)
    assert _partition({i: alone.find(i) for i in ids}) == _partition(_one_by_one(facts, links, reviewed, parts))


def test_a_chain_is_one_component_and_a_long_path_converges():
    ids = [f"f{i:05d}" for i in range(5000)]
    facts = pl.DataFrame({"fact_id": ids, "entity_id": [None] * len(ids)}, schema={"fact_id": pl.String, "entity_id": pl.String})
    order = list(range(len(ids)))
    random.Random(1).shuffle(order)  # a path visiting the nodes in random order
    links = pl.DataFrame({"a": [ids[i] for i in order[:-1]], "b": [ids[i] for i in order[1:]], "strict": [False] * (len(ids) - 1)})
    found = claim_components(facts, links, pl.DataFrame(schema=_REVIEWED_SCHEMA), pl.DataFrame(schema={"part": pl.String, "whole": pl.String}))
    assert found.get_column("component").unique().to_list() == ["f00000"]


def _all_links(rows, reviewed, cites) -> pl.DataFrame:
    review_links = (reviewed.with_columns(pl.col("fact_id").min().over("reviewed_claim").alias("anchor"))
                    .select(pl.col("anchor").alias("a"), pl.col("fact_id").alias("b")).sort("a", "b"))
    return pl.concat([
        review_links.with_columns(pl.lit(False).alias("strict")),
        cites.sort(["distance", "a", "b"]).select("a", "b", pl.lit(False).alias("strict")),
        cl.rule_links(rows).sort(["distance", "a", "b"]).select("a", "b", "strict"),
    ])


def _check_real_facts(facts: pl.DataFrame, entities: pl.DataFrame, reviewed: pl.DataFrame, texts: dict[str, str]) -> None:
    rows = cl.statements(facts, entities)
    parts = part_links(facts)
    cites = cl.citation_links(rows, note_numbers(facts, texts), cited_notes(facts, texts), cl.entity_members(entities))
    links = _all_links(rows, reviewed, cites)
    assert links.height > 50
    _assert_same_components(rows.select("fact_id", "entity_id"), links, reviewed, parts)
    # And the claimed statements themselves: claim ids, units and conflicts.
    ids = _one_by_one(rows, links, reviewed, parts)
    before = rows.join(reviewed, on="fact_id", how="left").with_columns(
        pl.col("fact_id").replace_strict(ids, return_dtype=pl.String).alias("component"))
    before = cl._with_claim_units(before.with_columns(
        pl.coalesce(pl.col("reviewed_claim").drop_nulls().first().over("component"),
                    pl.format("c-{}", pl.col("fact_id").min().over("component"))).alias("claim_id"))).drop("component")
    after = cl.assign_claims(rows, reviewed, parts, cites)
    assert after.sort("fact_id").equals(before.sort("fact_id"))


def test_the_seeds_claims_are_unchanged(built_project):
    facts = built_project.table("facts").drop("claim_id")
    entities = built_project.table("entities")
    sources = registry_frame(load_registry(built_project.raw))

    def read_texts(wanted):
        return document_texts(built_project.raw, sources, sorted(set(wanted)))

    reviewed = reviewed_claims_from_sources(facts, built_project.raw, read_texts).statements
    assert reviewed.height > 0
    with_notes = facts.filter(pl.col("location").is_in(["citation", "footnote"])).get_column("source_id").unique().to_list()
    _check_real_facts(facts, entities, reviewed, read_texts(with_notes))


@lru_cache(maxsize=1)
def _gazetteer():
    return load_gazetteer(RAW / "reference" / "entities.yaml")


def test_the_claims_of_generated_documents_are_unchanged():
    facts, documents = _generated_facts()
    g = _gazetteer()
    entities = pl.DataFrame({
        "entity_id": list(g.entities), "name": [e.name for e in g.entities.values()],
        "members": [list(e.members) for e in g.entities.values()],
    }, schema={"entity_id": pl.String, "name": pl.String, "members": pl.List(pl.String)})
    _check_real_facts(facts, entities, pl.DataFrame(schema=_REVIEWED_SCHEMA), {d.doc_id: d.text for d in documents})


@lru_cache(maxsize=1)
def _generated_facts(n: int = 40) -> tuple[pl.DataFrame, list]:
    documents = [generate_document(i, 3) for i in range(n)]
    frames = [assign_entities(extract_document(d.text, d.language, d.published_year).with_columns(
        pl.lit(d.doc_id).alias("source_id")), _gazetteer()) for d in documents]
    sources = pl.DataFrame({"source_id": [d.doc_id for d in documents],
                            "published": [dt.date(d.published_year, 6, 1) for d in documents]})
    facts, _ = normalise_facts(pl.concat(frames, how="diagonal_relaxed"), sources, annual_average_rates(load_ecb_daily_rates()))
    return facts, documents


def test_part_links_are_the_same_without_the_cue_gate(built_project):
    """Sentences holding none of the words every cue contains are skipped (prefilter.Possible):
    the same parts as searching every figure's sentence."""
    for facts in (built_project.table("facts"), _generated_facts()[0]):
        with prefilter.disabled():
            everywhere = part_links(facts)
        assert everywhere.height > 5
        assert part_links(facts).equals(everywhere)


def test_cited_notes_are_the_same_without_the_marker_gate(built_project, monkeypatch):
    """A line holding no marker's literal ("<sup>", "[") is not searched: the same notes."""
    import pipelines.citations as citations

    facts = built_project.table("facts")
    texts = document_texts(built_project.raw, registry_frame(load_registry(built_project.raw)))
    gated = cited_notes(facts, texts)
    assert gated.height > 10
    monkeypatch.setattr(citations, "_MARKER_HOLDS", ("", "", ""))
    assert cited_notes(facts, texts).equals(gated)


def test_a_link_to_an_unknown_fact_is_an_error_not_dropped():
    facts = pl.DataFrame({"fact_id": ["a", "b"], "entity_id": [None, None]}, schema={"fact_id": pl.String, "entity_id": pl.String})
    links = pl.DataFrame({"a": ["a"], "b": ["zz"], "strict": [False]})
    with pytest.raises(ValueError, match="1 claim links name a fact"):
        claim_components(facts, links, pl.DataFrame(schema=_REVIEWED_SCHEMA), pl.DataFrame(schema={"part": pl.String, "whole": pl.String}))


# --- the memo: components kept from the previous refresh -------------------------------------------

def _random_graph(seed: int, n: int = 200):
    rng = random.Random(seed)
    ids = [f"f{i:04d}" for i in range(n)]
    facts = pl.DataFrame({"fact_id": ids, "entity_id": [rng.choice([None, "a", "b"]) for _ in ids]},
                         schema={"fact_id": pl.String, "entity_id": pl.String})
    # links mostly inside blocks of ten facts: many components, as many claims of a corpus
    links = pl.DataFrame(
        [(ids[b + rng.randrange(10)], ids[b + rng.randrange(10)], rng.random() < 0.3)
         for b in range(0, n, 10) for _ in range(12)],
        schema={"a": pl.String, "b": pl.String, "strict": pl.Boolean}, orient="row")
    reviewed = pl.DataFrame([(i, rng.choice("xy")) for i in rng.sample(ids, n // 10)], schema=_REVIEWED_SCHEMA, orient="row")
    parts = pl.DataFrame([(ids[b], ids[b + 1 + rng.randrange(9)]) for b in range(0, n, 10)],
                         schema={"part": pl.String, "whole": pl.String}, orient="row")
    return facts, links, reviewed, parts


def _partition_of(frame: pl.DataFrame) -> set[frozenset[str]]:
    return _partition(dict(frame.iter_rows()))


@pytest.mark.parametrize("seed", range(5))
def test_a_memo_gives_the_same_components_and_reuses_the_unchanged_ones(seed):
    facts, links, reviewed, parts = _random_graph(seed)
    memo = ComponentMemo()
    first = claim_components(facts, links, reviewed, parts, memo)
    assert memo.computed > 5 and memo.reused == 0
    assert _partition_of(first) == _partition_of(claim_components(facts, links, reviewed, parts))
    # Nothing changed: every constrained component comes from the memo, with the same result.
    again = ComponentMemo(kept=memo.fresh)
    assert _partition_of(claim_components(facts, links, reviewed, parts, again)) == _partition_of(first)
    assert (again.computed, again.reused) == (0, memo.computed)
    # One link's strictness changed, one fact's entity, one reviewed claim, every link's order: the
    # result is that of no memo (which components are computed again: the test below).
    changed = [
        (facts, links.with_columns(pl.when(pl.int_range(pl.len()) == 3).then(~pl.col("strict")).otherwise(pl.col("strict")).alias("strict")), reviewed, parts),
        (facts.with_columns(pl.when(pl.col("fact_id") == "f0005").then(pl.lit("c")).otherwise(pl.col("entity_id")).alias("entity_id")), links, reviewed, parts),
        (facts, links, reviewed.with_columns(pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("z")).otherwise(pl.col("reviewed_claim")).alias("reviewed_claim")), parts),
        (facts, links.reverse(), reviewed, parts),  # the same links in another order
    ]
    for args in changed:
        memo_now = ComponentMemo(kept=memo.fresh)
        assert _partition_of(claim_components(*args, memo_now)) == _partition_of(claim_components(*args))


def test_a_changed_component_is_computed_again_and_the_others_reused():
    facts, links, reviewed, parts = _random_graph(7)
    memo = ComponentMemo()
    claim_components(facts, links, reviewed, parts, memo)
    # the first block's links applied last: the other components' links keep their order (a key
    # reads a component's own order), and the first block's in reverse order is computed again
    first_block = links.filter(pl.col("a").is_in([f"f{i:04d}" for i in range(10)]))
    moved = pl.concat([links.filter(~pl.col("a").is_in(first_block.get_column("a").implode())), first_block.reverse()])
    memo_now = ComponentMemo(kept=memo.fresh)
    found = claim_components(facts, moved, reviewed, parts, memo_now)
    assert _partition_of(found) == _partition_of(claim_components(facts, moved, reviewed, parts))
    assert memo.fresh.filter(pl.col("fact_id") == "f0000").height == 1  # the first block is constrained
    assert memo_now.computed == 1 and memo_now.reused == memo.computed - 1


def test_a_memo_of_other_facts_changes_nothing():
    facts, links, reviewed, parts = _random_graph(1)
    other = ComponentMemo()
    claim_components(*_random_graph(2), other)
    # rows under keys this graph's components do not have are never read
    memo = ComponentMemo(kept=other.fresh)
    assert _partition_of(claim_components(facts, links, reviewed, parts, memo)) == \
        _partition_of(claim_components(facts, links, reviewed, parts))
    assert memo.reused == 0


def test_the_memo_file_round_trips_and_a_foreign_one_is_a_cold_start(tmp_path, monkeypatch):
    from pipelines import claim_components as cc

    facts, links, reviewed, parts = _random_graph(3)
    memo = ComponentMemo()
    claim_components(facts, links, reviewed, parts, memo)
    path = tmp_path / "claims" / "components.parquet"
    cc.write_memo(memo, path)
    assert cc.read_memo(path).kept.equals(memo.fresh)
    monkeypatch.setattr(cc, "memo_version", lambda: "other-code")
    assert cc.read_memo(path).kept.is_empty()  # written by another code or Polars version
    monkeypatch.undo()
    path.write_bytes(b"not parquet")
    assert cc.read_memo(path).kept.is_empty()
    assert cc.read_memo(tmp_path / "missing.parquet").kept.is_empty()
