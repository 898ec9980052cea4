"""Reviewed annotations: loading and validation, matching by quote (+ occurrence), stale
entries, corrections and exclusions; and the real raw/curation files against the real extractor."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import yaml

from pipelines.curation import CurationError, apply_curation, load_curation

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"

TEXT = (
    "Le plan InvestAI mobilise 200 milliards d’euros. "
    "Mistral AI a levé 600 millions d’euros en 2024, soit 200 milliards d’euros de moins."
)


def _span(text: str, words: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(words, start + 1)
    return start, start + len(words)


def _facts() -> pl.DataFrame:
    rows = []
    for fact_id, words, occ, topic in (("f1", "200 milliards d’euros", 1, "capex"), ("f2", "600 millions d’euros", 1, "startups"),
                                       ("f3", "2024", 1, "other"), ("f4", "200 milliards d’euros", 2, "other")):
        start, end = _span(TEXT, words, occ)
        rows.append({"fact_id": fact_id, "source_id": "doc", "char_start": start, "char_end": end, "figure_text": words,
                     "quote": TEXT, "topic": topic, "metric": "investment", "entity_id": None, "geo": None,
                     "period_start": None, "period_end": None, "extraction": "rule", "topic_evidence": "sentence"})
    schema = {"fact_id": pl.String, "source_id": pl.String, "char_start": pl.Int64, "char_end": pl.Int64,
              "figure_text": pl.String, "quote": pl.String, "topic": pl.String, "metric": pl.String,
              "entity_id": pl.String, "geo": pl.String, "period_start": pl.Int64, "period_end": pl.Int64,
              "extraction": pl.String, "topic_evidence": pl.String}
    return pl.DataFrame(rows, schema=schema)


def _write(tmp_path: Path, body: str, name: str = "doc") -> Path:
    folder = tmp_path / "curation"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def _run(tmp_path: Path, body: str):
    path = _write(tmp_path, body)
    annotations = load_curation(path.parent, known_entities={"investai", "mistral-ai"}, known_sources={"doc"})
    facts, rejections, problems = apply_curation(_facts(), {"doc": TEXT}, annotations)
    # Files are named relative to raw/ in every message, whatever the checkout path.
    return f"raw/curation/{path.name}", facts, rejections, problems


def test_quote_with_occurrence_sets_fields_and_marks_curated(tmp_path):
    path, facts, rejections, problems = _run(tmp_path, """\
- quote: "200 milliards d'euros"
  occurrence: 1
  entity: investai
  geo: EU
  period_start: 2025
  period_end: 2025
  note: the plan named in the sentence
- quote: "Mistral AI a levé 600 millions d'euros"
  entity: mistral-ai
  topic: startups
  metric: funding_round
  note: a passage of the sentence containing exactly one figure
""")
    assert problems == []
    assert rejections.height == 0
    rows = {r["fact_id"]: r for r in facts.to_dicts()}
    assert (rows["f1"]["entity_id"], rows["f1"]["geo"], rows["f1"]["period_start"], rows["f1"]["period_end"],
            rows["f1"]["extraction"], rows["f1"]["topic"]) == ("investai", "EU", 2025, 2025, "curated", "capex")
    assert (rows["f2"]["entity_id"], rows["f2"]["metric"], rows["f2"]["extraction"]) == ("mistral-ai", "funding_round", "curated")
    assert [rows[f]["extraction"] for f in ("f3", "f4")] == ["rule", "rule"]
    assert facts.schema == _facts().schema
    assert facts["fact_id"].to_list() == ["f1", "f2", "f3", "f4"]


def test_a_topic_a_curator_sets_is_its_own_evidence(tmp_path):
    # the entry that sets the topic makes its evidence "reviewed"; one that sets only an entity keeps
    # what the extractor read
    _, facts, _, problems = _run(tmp_path, """\
- quote: "Mistral AI a levé 600 millions d'euros"
  topic: startups
  note: confirmed by reading
- quote: "200 milliards d’euros"
  occurrence: 2
  entity: mistral-ai
  note: the second one
""")
    assert problems == []
    assert dict(facts.select("fact_id", "topic_evidence").iter_rows()) == {
        "f1": "sentence", "f2": "reviewed", "f3": "sentence", "f4": "sentence"}


def test_second_occurrence(tmp_path):
    _, facts, _, problems = _run(tmp_path, """\
- quote: "200 milliards d’euros"
  occurrence: 2
  entity: mistral-ai
  note: the second one
""")
    assert problems == []
    assert facts.filter(pl.col("extraction") == "curated")["fact_id"].to_list() == ["f4"]


def test_repeated_quote_without_occurrence_is_a_problem_naming_file_and_entry(tmp_path):
    path, facts, _, problems = _run(tmp_path, """\
- quote: "2024"
  note: fine
- quote: "200 milliards d'euros"
  entity: investai
  note: ambiguous
""")
    assert problems == [
        f'{path}: entry 2 (quote "200 milliards d\'euros"): matches 2 figures ("200 milliards d’euros" at 26-47, '
        f'"200 milliards d’euros" at 102-123); add `occurrence` or quote more words'
    ]
    assert facts.filter(pl.col("extraction") == "curated")["fact_id"].to_list() == ["f3"]


def test_stale_entries_match_no_figure(tmp_path):
    path, _, _, problems = _run(tmp_path, """\
- quote: "300 milliards d'euros"
  entity: investai
  note: the source changed
- quote: "Le plan InvestAI"
  entity: investai
  note: words without a figure
- quote: "200 milliards d'euros"
  occurrence: 3
  entity: investai
  note: too far
""")
    assert problems == [
        f'{path}: entry 1 (quote "300 milliards d\'euros"): matches no figure (the quote is not in the source text)',
        f'{path}: entry 2 (quote "Le plan InvestAI"): matches no figure (the quote occurs 1 time(s) in the source)',
        f'{path}: entry 3 (quote "200 milliards d\'euros"): occurrence 3 asked but the quote occurs 2 time(s) in the source',
    ]


def test_two_entries_on_one_figure(tmp_path):
    path, _, _, problems = _run(tmp_path, """\
- quote: "600 millions d'euros"
  entity: mistral-ai
  note: first
- quote: "levé 600 millions d’euros"
  entity: investai
  note: second
""")
    assert problems == [f'{path}: entry 2 (quote "levé 600 millions d’euros"): the figure is already annotated by {path}: entry 1 (quote "600 millions d\'euros")']


def test_exclusion_removes_the_fact_and_returns_a_rejection(tmp_path):
    path, facts, rejections, problems = _run(tmp_path, """\
- quote: "2024"
  exclude: true
  reason: a year, not a figure
""")
    assert problems == []
    assert facts["fact_id"].to_list() == ["f1", "f2", "f4"]
    assert rejections.to_dicts() == [{
        "source_id": "doc", "stage": "curation", "reason": "excluded_by_curation",
        "detail": f'2024 at characters 91-95: a year, not a figure ({path}: entry 1 (quote "2024"))',
    }]


def test_null_clears_and_missing_columns_are_added(tmp_path):
    path = _write(tmp_path, """\
- quote: "600 millions d'euros"
  entity: null
  geo: null
  note: no entity
""")
    bare = _facts().drop("entity_id", "extraction").with_columns(pl.lit("FR").alias("geo"))
    facts, _, problems = apply_curation(bare, {"doc": TEXT}, load_curation(path.parent))
    assert problems == []
    row = facts.filter(pl.col("fact_id") == "f2").to_dicts()[0]
    assert (row["entity_id"], row["geo"], row["extraction"]) == (None, None, "curated")
    assert facts.filter(pl.col("fact_id") == "f1")["geo"].to_list() == ["FR"]


def test_malformed_entries_name_file_line_entry_and_field(tmp_path):
    path = _write(tmp_path, """\
- quote: "2024"
  topic: weather
  colour: blue
  note: x
- quote: "2024"
  entity: ghost
  occurrence: 0
- quote: "2024"
  exclude: true
  entity: investai
- metric: Big-Metric
  period_start: 2026
  period_end: 2025
  note: y
""")
    with pytest.raises(CurationError) as info:
        load_curation(path.parent, known_entities={"investai"}, known_sources={"doc"})
    p = f"raw/curation/{path.name}"
    assert info.value.problems == [
        f'{p}:1: entry 1 (quote "2024"): field colour: unknown field (expected one of entity, exclude, geo, metric, note, '
        f'occurrence, period_end, period_start, quote, reason, topic)',
        f'{p}:1: entry 1 (quote "2024"): field topic: \'weather\' is not one of compute, capex, ai_factories, startups, other',
        f'{p}:5: entry 2 (quote "2024"): field occurrence: 0 is not a positive integer (1 = first occurrence)',
        f'{p}:5: entry 2 (quote "2024"): field entity: \'ghost\' is not an entity id of the gazetteer',
        f'{p}:5: entry 2 (quote "2024"): field note: required: why the reviewer says so',
        f'{p}:8: entry 3 (quote "2024"): field reason: an excluded figure needs a reason',
        f'{p}:8: entry 3 (quote "2024"): field entity: an excluded figure is not corrected',
        f"{p}:11: entry 4: field quote: required: the figure (or a passage containing it) exactly as written",
        f"{p}:11: entry 4: field metric: 'Big-Metric' is not a snake_case name",
        f"{p}:11: entry 4: field period_end: ends before period_start",
    ]


def test_file_must_be_named_after_a_source(tmp_path):
    path = _write(tmp_path, "- quote: '2024'\n  note: x\n", name="unknown-source")
    with pytest.raises(CurationError, match="unknown-source.yaml: the file name 'unknown-source' is not a known source id"):
        load_curation(path.parent, known_sources={"doc"})


def test_empty_or_missing_directory(tmp_path):
    assert load_curation(tmp_path / "nothing") == []
    _write(tmp_path, "")
    assert load_curation(tmp_path / "curation") == []


def test_real_annotations_match_exactly_one_real_figure_each():
    """The reviewed files against the real extractor: no stale entry (the blocking check)."""
    from pipelines.entities import assign_entities, load_gazetteer
    from pipelines.extraction.document import extract_document

    gazetteer = load_gazetteer(RAW / "reference" / "entities.yaml")
    # The annotated documents are text files (the seeds); a converted document has no annotation yet.
    registry = [s for s in yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8")) if s["file"].endswith(".txt")]
    texts = {s["id"]: (RAW / s["file"]).read_text(encoding="utf-8") for s in registry}
    frames = [
        extract_document(texts[s["id"]], s["language"], int(str(s["published"])[:4])).with_columns(pl.lit(s["id"]).alias("source_id"))
        for s in registry
    ]
    extracted = assign_entities(pl.concat(frames), gazetteer)
    annotations = load_curation(RAW / "curation", known_entities=gazetteer.entities, known_sources=texts)
    facts, rejections, problems = apply_curation(extracted, texts, annotations)
    assert problems == []
    assert facts.height == extracted.height - rejections.height
    assert sorted(rejections["detail"].str.extract(r"^(.*) at characters").to_list()) == ["cinq *Big Tech*"]
    curated = {(r["source_id"], r["figure_text"]): r["entity_id"] for r in facts.filter(pl.col("extraction") == "curated").to_dicts()}
    assert curated[("inas-2025-investai-usines-ia", "500 milliards de dollars")] == "stargate"
    assert curated[("reboot-2025-france-bataille-ia", "50 000 GPU Hopper")] == "deepseek"
    assert curated[("future-society-2025-modeles-ouverts-frontiere", "20 milliards d’euros")] == "eu-ai-gigafactories"
    assert curated[("ifri-2025-startups-ia-generative", "135 milliards")] is None
