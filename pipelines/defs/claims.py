"""Claims: every fact linked to the one real-world quantity it states; the published `facts` and `claims`."""

import dagster as dg
import polars as pl

from pipelines.claim_components import ComponentMemo, read_memo, write_memo
from pipelines.claims import build_claims, parts_over_total
from pipelines.contract import FACTS
from pipelines.defs.previews import table_metadata
from pipelines.defs.resources import ProjectStorage, parts
from pipelines.defs.validation import FACTS_ARE_TRACEABLE, checked, contract_spec, facts_are_traceable
from pipelines.document_links import document_links
from pipelines.facts import with_entity_scope
from pipelines.source_tables import document_texts, iter_document_texts
from pipelines.reviewed_claims import reviewed_claims_from_sources


def _full_refresh(context: dg.AssetExecutionContext) -> bool:
    """The run re-extracts every document (`--full`, the nightly refresh): it reuses nothing kept."""
    ops = (context.run.run_config or {}).get("ops", {})
    return bool(ops.get("document_figures", {}).get("config", {}).get("full", False))


@dg.asset(group_name="claims", kinds={"polars"},
          description=("Every fact with its claim: restatements of one quantity (same document, other documents, a "
                       "headline in a cited reference) share a `claim_id`; parts (\"dont\", \"of which\") are linked to "
                       "their whole, never merged; reviewed links of raw/reference/claims.yaml are checked in the sources."),
          ins={"normalised_facts": parts("facts")})
def statement_claims(
    context: dg.AssetExecutionContext, project_storage: ProjectStorage, normalised_facts: dict[str, pl.DataFrame],
    entities: pl.DataFrame, source_registry: pl.DataFrame, sources: pl.DataFrame,
) -> dict[str, pl.DataFrame]:
    facts = with_entity_scope(normalised_facts["facts"], entities)
    published = set(sources.get_column("source_id").to_list())

    def read_texts(wanted) -> dict[str, str]:
        return document_texts(project_storage.raw, source_registry, sorted(set(wanted) & published))

    reviewed = reviewed_claims_from_sources(facts, project_storage.raw, read_texts,
                                            registered=set(source_registry.get_column("source_id").to_list()))
    # The links inside each document (parts, notes) are kept from one refresh to the next, per
    # document (pipelines.document_links); texts are read, one at a time, only for the documents
    # with figures in notes whose links are computed again.
    links = document_links(facts, sources, lambda ids: iter_document_texts(project_storage.raw, source_registry, ids),
                           project_storage.work / "claims" / "links.parquet", reuse=not _full_refresh(context))
    # So are the claims' constrained components (pipelines.claim_components): one document changed
    # leaves most of them as they were.
    memo_path = project_storage.work / "claims" / "components.parquet"
    memo = read_memo(memo_path) if not _full_refresh(context) else ComponentMemo()
    claimed, claims = build_claims(facts, entities, reviewed, links=(links.parts, links.note_numbers, links.cited_notes),
                                   memo=memo)
    write_memo(memo, memo_path)
    context.add_output_metadata({"facts": claimed.height, "claims": claims.height,
                                 "documents_linked_again": links.computed, "documents_links_kept": links.reused,
                                 "components_computed": memo.computed, "components_kept": memo.reused,
                                 "conflicting": int(claims.get_column("conflicting").sum()),
                                 "parts": int(claims.get_column("part_of").is_not_null().sum())})
    # The facts themselves are not stored again here: `facts` completes them the same way.
    return {"claimed": claimed, "claims": claims}


@dg.asset(group_name="claims", kinds={"polars"},
          description="Published table `facts`: one row per quantitative figure stated in a source, with its exact quote, span and claim.",
          ins={"statement_claims": parts("claimed"), "normalised_facts": parts("facts")},
          check_specs=[contract_spec("facts"), FACTS_ARE_TRACEABLE])
def facts(context: dg.AssetExecutionContext, statement_claims: dict, normalised_facts: dict[str, pl.DataFrame],
          entities: pl.DataFrame, sources: pl.DataFrame):
    claimed = statement_claims["claimed"].select("fact_id", "claim_id")
    # The facts as the claims read them: places completed from their entity's scope.
    scoped = with_entity_scope(normalised_facts["facts"], entities)
    frame = FACTS.conform(scoped.drop("claim_id").join(claimed, on="fact_id", how="left"))
    yield from checked("facts", frame, facts_are_traceable(frame, sources), metadata={
        **table_metadata(frame.select("fact_id", "source_id", "figure_text", "value", "unit", "topic", "metric", "claim_id")),
        "by_topic": dg.MetadataValue.md("\n".join(f"- {t}: {n}" for t, n in frame.group_by("topic").len().sort("topic").iter_rows())),
    })


@dg.asset(group_name="claims", kinds={"polars"},
          description=("Published table `claims`: one row per real-world quantity with its consensus value, its statements "
                       "and sources, `part_of` its whole, and `conflicting` when its statements cannot all be true."),
          ins={"statement_claims": parts("claims")},
          check_specs=[
              contract_spec("claims"),
              dg.AssetCheckSpec("part_of_is_acyclic", asset="claims", blocking=True,
                                description="`part_of` is acyclic and names existing claims."),
              dg.AssetCheckSpec("parts_within_their_total", asset="claims", description=(
                  "Parts whose sum exceeds their whole beyond the statements' bounds (a warning: a source's breakdown, "
                  "or a link, to review).")),
          ])
def claims(context: dg.AssetExecutionContext, statement_claims: dict):
    frame = statement_claims["claims"]
    yield from checked("claims", frame, part_of_is_acyclic(frame), parts_within_their_total(frame),
                       metadata={**table_metadata(frame), "conflicting": int(frame.get_column("conflicting").sum())})


def part_of_is_acyclic(claims: pl.DataFrame) -> dg.AssetCheckResult:
    parent = dict(claims.filter(pl.col("part_of").is_not_null()).select("claim_id", "part_of").iter_rows())
    known = set(claims.get_column("claim_id").to_list())
    problems = [f"{c}: part_of {p!r} is not a claim" for c, p in parent.items() if p not in known]
    for start in sorted(parent):
        seen, node = set(), start
        while node in parent and node not in seen:
            seen.add(node)
            node = parent[node]
        if node in seen:
            problems.append(f"{start}: part_of leads to a cycle through {node}")
    return dg.AssetCheckResult(check_name="part_of_is_acyclic", passed=not problems,
                               metadata={"problems": dg.MetadataValue.md("\n".join(f"- {p}" for p in problems) or "none")})


def parts_within_their_total(claims: pl.DataFrame) -> dg.AssetCheckResult:
    over = parts_over_total(claims)
    return dg.AssetCheckResult(
        check_name="parts_within_their_total",
        passed=over.height == 0, severity=dg.AssetCheckSeverity.WARN,
        metadata={"wholes_exceeded": over.height,
                  "details": dg.MetadataValue.md("\n".join(
                      f"- {r['part_of']}: parts {r['parts']} sum to at least {r['parts_low']:,.0f} > {r['whole_high']:,.0f}"
                      for r in over.iter_rows(named=True)) or "none")})
