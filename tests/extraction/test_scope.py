"""The scope of a capacity figure (pipelines.extraction.scope), on sentences written for one cue
each (French and English, read by the real extractor) and on the seeds."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import yaml

from pipelines.extraction.document import extract_document
from pipelines.extraction.scope import capacity_scope

ROOT = Path(__file__).resolve().parents[2]


def scopes(text: str, language: str) -> dict[str, str | None]:
    """figure_text -> scope for every figure of ``text``."""
    df = extract_document(text, language, 2025)
    return dict(df.select("figure_text", capacity_scope().alias("scope")).iter_rows())


CASES = [
    # per_unit: a distributive word before, a "per" unit or "each" after
    ("fr", "Quatre giga-usines, chacune équipée de 100 000 microprocesseurs.", "100 000 microprocesseurs", "per_unit"),
    ("fr", "Les baies DGX contiennent 72 GPU par baie.", "72 GPU", "per_unit"),
    ("en", "Four gigafactories, each with 100,000 chips, will be built.", "100,000 chips", "per_unit"),
    ("en", "The new racks hold 72 GPUs per rack.", "72 GPUs", "per_unit"),
    ("fr", "Chacune d'entre elles accueillera jusqu'à 25 000 GPU.", "25 000 GPU", "per_unit"),
    ("en", "Four sites, each of which will host about 25,000 GPUs.", "25,000 GPUs", "per_unit"),
    # a rate in time is no unit: each year's shipments are deliveries
    ("en", "Each year Nvidia ships 3.7 million GPUs.", "3.7 million GPUs", "deliveries"),
    ("fr", "Chaque année, Nvidia livre 3,7 millions de GPU.", "3,7 millions de GPU", "deliveries"),
    # deliveries
    ("fr", "Le pays attend la livraison de 120 000 GPU par Nvidia.", "120 000 GPU", "deliveries"),
    ("fr", "Microsoft a commandé 150 000 GPU H100 en 2024.", "150 000 GPU H100", "deliveries"),
    ("en", "Nvidia shipped 3.7 million GPUs in 2024.", "3.7 million GPUs", "deliveries"),
    ("en", "Nvidia will deliver 18,000 chips to Saudi Arabia.", "18,000 chips", "deliveries"),
    # site: one installation named in the sentence
    ("fr", "Le data center de Memphis devrait atteindre 200 000 GPU.", "200 000 GPU", "site"),
    ("fr", "Le supercalculateur Jupiter compte 24 000 puces.", "24 000 puces", "site"),
    ("en", "xAI's Colossus cluster now runs 200,000 GPUs.", "200,000 GPUs", "site"),
    ("en", "The campus will draw 1 GW.", "1 GW", "site"),
    # fleet: a company's or country's total
    ("fr", "DeepSeek dispose de 50 000 GPU Hopper.", "50 000 GPU Hopper", "fleet"),
    ("fr", "Ils auraient accès à environ 50 000 GPU.", "50 000 GPU", "fleet"),
    ("fr", "Meta détiendra 600 000 GPU dans ses data centers.", "600 000 GPU", "fleet"),
    ("fr", "Meta disposera de 600 000 GPU dans ses data centers.", "600 000 GPU", "fleet"),
    ("en", "Meta owns 350,000 H100s across its data centers.", "350,000 H100s", "fleet"),
    ("en", "The startup has access to 10,000 GPUs.", "10,000 GPUs", "fleet"),
    # a count of sites is a total
    ("fr", "L'Europe compte 3 supercalculateurs de classe exaflopique.", "3 supercalculateurs", "fleet"),
    ("en", "The United States hosts 5,000 data centres.", "5,000 data centres", "fleet"),
    # no capacity, or nothing said
    ("fr", "Nvidia détient 90 % du marché des GPU.", "90 %", None),
    ("fr", "ChatGPT consomme environ dix fois plus d'électricité.", "dix fois", None),
    ("en", "Analysts expect 40,000 GPUs in Europe by 2026.", "40,000 GPUs", None),
]


@pytest.mark.parametrize(("language", "text", "figure", "scope"), CASES)
def test_the_scope_is_read_from_the_sentence(language, text, figure, scope):
    assert scopes(text, language)[figure] == scope


def test_the_figure_is_not_its_own_site():
    # "3 data centers" counts sites: fleet, not site because of its own words.
    assert scopes("Equinix a ouvert 3 data centers.", "fr")["3 data centers"] == "fleet"


SEEDS = {
    # (source, figure_text) -> scope
    ("reboot-2025-france-bataille-ia", "50 000 GPU Hopper"): "fleet",
    ("reboot-2025-france-bataille-ia", "10 000 H800"): "fleet",
    ("reboot-2025-france-bataille-ia", "10 000 H100"): "fleet",
    ("inas-2025-investai-usines-ia", "100 000 microprocesseurs"): "per_unit",
    ("ifri-2025-startups-ia-generative", "200 000 GPU"): "site",  # xAI's data centre in Memphis
    ("future-society-2025-modeles-ouverts-frontiere", "120 000 GPU"): "deliveries",
    ("ifri-2025-startups-ia-generative", "90 %"): None,
}


def test_seed_capacities_have_the_scope_their_sentence_says():
    registry = {e["id"]: e for e in yaml.safe_load((ROOT / "raw" / "sources.yaml").read_text(encoding="utf-8"))}
    found = {}
    for source_id in sorted({s for s, _ in SEEDS}):
        e = registry[source_id]
        text = (ROOT / "raw" / e["file"]).read_text(encoding="utf-8")
        df = extract_document(text, e["language"], int(str(e["published"])[:4]))
        for figure, scope in df.select("figure_text", capacity_scope().alias("scope")).iter_rows():
            if (source_id, figure) in SEEDS:
                found[(source_id, figure)] = scope
    assert found == SEEDS
