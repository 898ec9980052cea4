"""Reference: the reviewed gazetteer of entities and the reviewed annotations of raw/."""

import dagster as dg
import polars as pl

from pipelines.curation import load_curation
from pipelines.defs.resources import ProjectStorage
from pipelines.entities import GAZETTEER_FILE, Gazetteer, load_gazetteer

CURATION_DIR = "curation"


@dg.asset(
    group_name="reference",
    description=(
        "The reviewed gazetteer raw/reference/entities.yaml: canonical names, kinds, countries, aliases as "
        "written (machine translations included, with a confidence), group members, and reviewed non-entities. "
        "A malformed gazetteer fails the run, naming file, line, entry and field."
    ),
    kinds={"yaml"},
)
def entity_gazetteer(context: dg.AssetExecutionContext, project_storage: ProjectStorage) -> Gazetteer:
    gazetteer = load_gazetteer(project_storage.raw / GAZETTEER_FILE)
    context.add_output_metadata({"entities": len(gazetteer.entities)})
    return gazetteer


@dg.asset(
    group_name="reference",
    description=(
        "Reviewed annotations raw/curation/<source_id>.yaml: corrections of topic, metric, entity, place or "
        "period, and exclusions with a reason, each naming a figure by its exact words."
    ),
    kinds={"yaml"},
)
def curation_annotations(
    context: dg.AssetExecutionContext, project_storage: ProjectStorage, entity_gazetteer: Gazetteer,
    source_registry: pl.DataFrame,
) -> list:
    annotations = load_curation(
        project_storage.raw / CURATION_DIR,
        known_entities=entity_gazetteer.entities.keys(),
        known_sources=source_registry.get_column("source_id").to_list(),
    )
    context.add_output_metadata({"annotations": len(annotations)})
    return annotations
