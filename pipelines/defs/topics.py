"""Topics: the entity register and the four topic tables derived from facts."""

import dagster as dg
import polars as pl

from pipelines.ai_factories import (
    AiFactoryReference, ai_factories_from_sources, ai_factories_table, uncovered_facts, waves_table,
)
from pipelines.defs.previews import table_metadata
from pipelines.defs.resources import ProjectStorage, parts
from pipelines.defs.validation import checked, contract_spec
from pipelines.entities import Gazetteer
from pipelines.entities_table import entities_table
from pipelines.source_tables import document_texts
from pipelines.topic_tables import capex_table, compute_table, startups_table


@dg.asset(group_name="topics", kinds={"polars"},
          description=("Published table `entities`: organisations, companies and programmes of the reviewed gazetteer, "
                       "with their aliases as written and the sources naming them."),
          ins={"extracted_figures": parts("mentions", "unknown_names")},
          check_specs=[contract_spec("entities"), dg.AssetCheckSpec("unknown_organisation_names", asset="entities", description=(
              "Capitalised organisation-like names found in the sources but not in the gazetteer: a list to help the "
              "gazetteer grow (a warning, never an error)."))])
def entities(context: dg.AssetExecutionContext, entity_gazetteer: Gazetteer, extracted_figures: dict):
    frame = entities_table(entity_gazetteer, extracted_figures["mentions"])
    yield from checked("entities", frame, unknown_organisation_names(extracted_figures["unknown_names"]),
                       metadata=table_metadata(frame))


def unknown_organisation_names(unknown_names: pl.DataFrame) -> dg.AssetCheckResult:
    # Found per document when it is extracted (pipelines.extraction.corpus), so a refresh reads no text here.
    unknown = unknown_names.sort(["source_id", "count", "name"], descending=[False, True, False])
    return dg.AssetCheckResult(
        check_name="unknown_organisation_names",
        passed=unknown.height == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"unknown_names": unknown.height,
                  "names": dg.MetadataValue.md("\n".join(f"- {r['name']} ({r['source_id']}, {r['count']}x)" for r in unknown.head(50).iter_rows(named=True)) or "none")},
    )


def _text_reader(project_storage: ProjectStorage, source_registry: pl.DataFrame, sources: pl.DataFrame):
    """Reads only the documents a reviewed reference file quotes (and only published ones)."""
    published = set(sources.get_column("source_id").to_list())
    return lambda wanted: document_texts(project_storage.raw, source_registry, sorted(set(wanted) & published))


# Where the money is spent or the capacity sits is the question most analyses group by: the share
# of rows without it is watched, per topic table. Above half, the check warns.
UNLOCATED_WARNING_SHARE = 0.5


def _located_spec(table: str) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(f"{table}_geo_is_stated", asset=table, description=(
        f"Share of `{table}` rows whose place (`geo`: where the money is spent or the capacity sits) is unknown; "
        f"a warning above {UNLOCATED_WARNING_SHARE:.0%}."))


def _located(table: str, frame: pl.DataFrame) -> dg.AssetCheckResult:
    share = frame.get_column("geo").null_count() / frame.height if frame.height else 0.0
    return dg.AssetCheckResult(
        check_name=f"{table}_geo_is_stated",
        passed=share <= UNLOCATED_WARNING_SHARE, severity=dg.AssetCheckSeverity.WARN,
        metadata={"rows": frame.height, "geo_null": frame.get_column("geo").null_count(),
                  "geo_null_share": round(share, 4)})


@dg.asset(group_name="topics", kinds={"polars"},
          description=("Published table `capex`: money figures about investment and spending (and the AI factories "
                       "programme's funding), with their range, bound, EUR and USD amounts, and the claim each states "
                       "(`claim_id`; `conflicting` when the claim's statements cannot all be true). Sum by claim."),
          check_specs=[contract_spec("capex"), _located_spec("capex")])
def capex(context: dg.AssetExecutionContext, facts: pl.DataFrame, entities: pl.DataFrame, claims: pl.DataFrame):
    frame = capex_table(facts, entities, claims)
    yield from checked("capex", frame, _located("capex", frame), metadata={
        **table_metadata(frame.drop("quote")),
        "claims": frame.get_column("claim_id").n_unique(),
        "conflicting_claims": frame.filter(pl.col("conflicting")).get_column("claim_id").n_unique(),
    })


@dg.asset(group_name="topics", kinds={"polars"},
          description="Published table `compute`: accelerator and chip counts, supercomputers, data-centre capacity, hardware shares.",
          check_specs=[contract_spec("compute"), _located_spec("compute")])
def compute(context: dg.AssetExecutionContext, facts: pl.DataFrame, entities: pl.DataFrame):
    frame = compute_table(facts, entities)
    yield from checked("compute", frame, _located("compute", frame), metadata=table_metadata(frame.drop("quote")))


@dg.asset(group_name="topics", kinds={"yaml"},
          description=("The reviewed raw/reference/ai_factories.yaml resolved against the sources: every quote checked in "
                       "its source and every figure (counts, funding, chips) found as exactly one fact inside its quote; a "
                       "stale entry fails the run naming the file and the entry."),
          check_specs=[dg.AssetCheckSpec("ai_factory_figures_are_reviewed", asset="ai_factory_reference", description=(
              "Facts of topic ai_factories that no quote of raw/reference/ai_factories.yaml covers, with their quote and "
              "source: what a reviewer should add when a new document states AI-factory figures (a warning, never an "
              "error)."))])
def ai_factory_reference(
    context: dg.AssetExecutionContext, project_storage: ProjectStorage, facts: pl.DataFrame,
    source_registry: pl.DataFrame, sources: pl.DataFrame,
):
    reference = ai_factories_from_sources(facts, project_storage.raw, _text_reader(project_storage, source_registry, sources),
                                          registered=set(source_registry.get_column("source_id").to_list()))
    yield dg.Output(reference, metadata={"waves": reference.waves.height, "factories": reference.factories.height,
                                         "quotes": reference.quotes.height})
    yield ai_factory_figures_are_reviewed(reference, facts)


def ai_factory_figures_are_reviewed(ai_factory_reference: AiFactoryReference, facts: pl.DataFrame) -> dg.AssetCheckResult:
    uncovered = uncovered_facts(facts, ai_factory_reference)
    listed = "\n".join(f'- {r["source_id"]}: "{r["figure_text"]}" ({r["metric"]}, fact {r["fact_id"]}) in: {r["quote"]}'
                       for r in uncovered.head(50).iter_rows(named=True))
    return dg.AssetCheckResult(
        check_name="ai_factory_figures_are_reviewed",
        passed=uncovered.height == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"uncovered_facts": uncovered.height, "facts": dg.MetadataValue.md(listed or "none")},
    )


@dg.asset(group_name="topics", kinds={"polars"},
          description=("Published table `ai_factories`: one row per EU AI factory or planned gigafactory the sources state, "
                       "including those whose host is not named (country null, derived as the wave's count minus the sites "
                       "listed), with chips per factory from the stated fact; funding is in `ai_factory_waves`."),
          check_specs=[contract_spec("ai_factories")])
def ai_factories(context: dg.AssetExecutionContext, ai_factory_reference: AiFactoryReference):
    frame = ai_factories_table(ai_factory_reference)
    yield from checked("ai_factories", frame, metadata=table_metadata(frame))


@dg.asset(group_name="topics", kinds={"polars"},
          description=("Published table `ai_factory_waves`: one row per AI factory selection or gigafactory call, with its "
                       "factory count and funding (the stated facts; approximate funding widened by 10 % in the low/high "
                       "columns) and the claim of its funding: sum(funding_eur) is a true total."),
          check_specs=[contract_spec("ai_factory_waves")])
def ai_factory_waves(
    context: dg.AssetExecutionContext, ai_factory_reference: AiFactoryReference, facts: pl.DataFrame,
):
    frame = waves_table(ai_factory_reference, facts.select("fact_id", "claim_id"))
    yield from checked("ai_factory_waves", frame, metadata=table_metadata(frame))


@dg.asset(group_name="topics", kinds={"polars"},
          description=("Published table `startups`: startups and scale-ups named in the sources (gazetteer), with their "
                       "aliases as written and the latest stated valuation and funding in EUR."),
          check_specs=[contract_spec("startups")])
def startups(
    context: dg.AssetExecutionContext, facts: pl.DataFrame, entities: pl.DataFrame, entity_gazetteer: Gazetteer,
):
    gazetteer = entity_gazetteer.entities
    frame = startups_table(facts, entities, {k: e.segment for k, e in gazetteer.items()}, {k: e.kind for k, e in gazetteer.items()})
    yield from checked("startups", frame, metadata=table_metadata(frame))
