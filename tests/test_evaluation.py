"""The evaluation harness: corpus loading, the split by publisher, alignment, scores, report."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from pipelines.evaluation.__main__ import main as eval_main
from pipelines.evaluation.corpus import CorpusError, load_corpus, load_passage
from pipelines.evaluation.matching import align
from pipelines.evaluation.agreement import corpus_agreement
from pipelines.evaluation.report import evaluation_document, score_table, tuning_errors
from pipelines.evaluation.run import evaluate
from pipelines.evaluation.scoring import (
    KINDS, METRICS, annotation_frame, judge, passage_frame, prediction_frame, scores, topic_by_evidence,
)
from pipelines.evaluation.split import Split, check_split, load_split, propose_split, publisher_group

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
DOC = ROOT / "docs" / "evaluation.md"


# --- corpus -------------------------------------------------------------------------------

PASSAGE = """\
id: {id}
language: en
publisher: {publisher}
url: https://example.org/a
published: 2025-03
license: "quoted for evaluation (short excerpt)"
text: |-
  {text}
figures:
{figures}
non_figures: []
"""

FIGURE = """\
  - text: "{text}"
    value: {value}
    low: null
    high: null
    unit: {unit}
    bound: exact
    counted: null
    period: null
    topic: capex
    metric: capex
    geo: null
"""


def write_passage(folder: Path, pid: str, text: str, figures: list[tuple[str, float, str]],
                  publisher: str = "Example News") -> Path:
    body = "".join(
        FIGURE.format(text=t, value=int(v) if isinstance(v, float) and v.is_integer() else v, unit=u)
        for t, v, u in figures
    )
    path = folder / "passages" / "en" / f"{pid}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    content = PASSAGE.format(id=pid, publisher=publisher, text=text, figures=body)
    if not figures:
        content = content.replace("figures:\n", "figures: []\n")
    path.write_text(content, encoding="utf-8")
    return path


def test_the_corpus_loads_and_every_figure_is_located() -> None:
    passages = load_corpus(CORPUS)
    assert len(passages) == 1640
    assert sum(p.language == "fr" for p in passages) == 536
    assert sum(p.language == "de" for p in passages) == 553
    assert sum(len(p.figures) for p in passages) == 12672
    for p in passages:
        assert [f.index for f in p.figures] == list(range(len(p.figures)))
        for f in p.figures:
            assert p.text[f.start:f.end] == f.text


def test_repeated_figures_take_their_next_occurrence_and_never_a_piece_of_a_number(tmp_path: Path) -> None:
    path = write_passage(tmp_path, "ex-2025-repeat", "In 2022 we had 22 sites and $75 billion, then $75 billion again.",
                         [("22", 22, "count"), ("$75 billion", 75e9, "USD"), ("$75 billion", 75e9, "USD")])
    passage = load_passage(path)
    assert [(f.start, f.end) for f in passage.figures] == [(15, 17), (28, 39), (46, 57)]


def test_a_figure_is_never_located_after_a_group_mark_inside_another_number(tmp_path: Path) -> None:
    path = write_passage(tmp_path, "ex-2025-groups", "A farm (2,500 AI PF) and an edge (500 AI PF) of 1.500 units.",
                         [("2,500 AI PF", 2.5e18, "flops"), ("500 AI PF", 5e17, "flops"), ("500 units", 500, "count")])
    with pytest.raises(CorpusError, match="'500 units' does not occur in the passage text"):
        load_passage(path)
    path = write_passage(tmp_path, "ex-2025-groups", "A farm (2,500 AI PF) and an edge (500 AI PF).",
                         [("2,500 AI PF", 2.5e18, "flops"), ("500 AI PF", 5e17, "flops")])
    assert [(f.start, f.end) for f in load_passage(path).figures] == [(8, 19), (34, 43)]


@pytest.mark.parametrize(
    ("figures", "field", "problem"),
    [
        ([("$80 billion", 8e10, "USD")], "figures[0].text", "'$80 billion' does not occur in the passage text"),
        ([("$75 billion", 75e9, "USD"), ("22 sites", 22, "count")], "figures[1].text",
         "'22 sites' does not occur after the previous figure (figures must be in text order)"),
        ([("22 sites", 22, "Sites")], "figures[0].unit", "'Sites' is not a canonical unit"),
        ([("22 sites", "many", "count")], "figures[0].value", "must be a number, not 'many'"),
        ([("22 sites", "1e+18", "count")], "figures[0].value",
         "must be a number, not '1e+18' (YAML reads an exponent without a decimal point as text"),
    ],
)
def test_an_invalid_passage_is_refused_naming_file_and_field(tmp_path: Path, figures, field, problem) -> None:
    path = write_passage(tmp_path, "ex-2025-bad", "We have 22 sites and $75 billion.", figures)
    with pytest.raises(CorpusError) as error:
        load_passage(path)
    assert error.value.path == path
    assert error.value.field == field
    assert error.value.problem.startswith(problem)
    assert str(error.value).startswith(f"{path}: {field}: ")


def test_a_duplicate_key_and_an_id_unlike_the_file_name_are_refused(tmp_path: Path) -> None:
    path = write_passage(tmp_path, "ex-2025-dup", "We have 22 sites.", [("22 sites", 22, "count")])
    path.write_text(path.read_text().replace("    value: 22\n", "    value: 22\n    value: 23\n"))
    with pytest.raises(CorpusError, match=r"ex-2025-dup\.yaml: yaml: .*duplicate key 'value'"):
        load_passage(path)
    other = write_passage(tmp_path, "ex-2025-name", "We have 22 sites.", [("22 sites", 22, "count")])
    other.rename(other.with_name("ex-2025-renamed.yaml"))
    with pytest.raises(CorpusError, match=r"ex-2025-renamed\.yaml: id: 'ex-2025-name' must be"):
        load_passage(other.with_name("ex-2025-renamed.yaml"))


# --- split --------------------------------------------------------------------------------

def test_publisher_groups_drop_accents_case_and_parenthesised_parts() -> None:
    assert publisher_group("La Tribune (AFP)") == "la-tribune"
    assert publisher_group("La Tribune") == "la-tribune"
    assert publisher_group("Yeni Şafak (édition française)") == "yeni-safak"
    assert publisher_group("Forschungszentrum Jülich") == "forschungszentrum-julich"
    assert publisher_group("NECN", {"NECN": "CNBC"}) == "cnbc"


def test_every_corpus_publisher_is_in_exactly_one_half() -> None:
    passages = load_corpus(CORPUS)
    split = load_split(CORPUS / "split.yaml")
    assert check_split(split, passages) == []
    halves = split.publisher_halves()
    assert halves["NECN"] == halves["NBC Miami"]  # CNBC copy: one group
    assert halves["La Tribune"] == halves["La Tribune (AFP)"]
    for language in ("en", "fr", "de"):
        ids = [p for p in passages if p.language == language]
        in_test = sum(halves[p.publisher] == "test" for p in ids)
        assert 0.4 <= in_test / len(ids) <= 0.6, (language, in_test, len(ids))


def test_the_split_file_is_complete_and_extending_it_moves_nothing() -> None:
    passages = load_corpus(CORPUS)
    split = load_split(CORPUS / "split.yaml")
    assert propose_split(passages, split.same_source, existing=split) == split


def test_a_missing_publisher_or_one_in_both_halves_fails_the_check() -> None:
    passages = load_corpus(CORPUS)
    split = load_split(CORPUS / "split.yaml")
    tuning = {g: list(ps) for g, ps in split.halves["tuning"].items()}
    test = {g: list(ps) for g, ps in split.halves["test"].items()}
    del tuning["actuia"]
    test["cnbc"] = ["NECN"]  # also left in the tuning half
    broken = Split(split.same_source, {"tuning": tuning, "test": test})
    assert check_split(broken, passages) == [
        "publisher group 'cnbc' is in both halves",
        "publisher 'NECN' is listed in both halves",
        "publisher 'ActuIA' (passage actuia-2025-ai-factories-second-wave) is not in the split",
    ]


def test_syndicated_copies_fall_in_one_half_and_the_halves_balance(tmp_path: Path) -> None:
    for i, publisher in enumerate(["NECN", "NBC Miami", "A", "B", "C", "D"]):
        write_passage(tmp_path, f"p{i}-2025-x", "We have 22 sites.", [("22 sites", 22, "count")], publisher)
    passages = load_corpus(tmp_path)
    split = propose_split(passages, {"NECN": "CNBC", "NBC Miami": "CNBC"})
    assert check_split(split, passages) == []
    halves = split.publisher_halves()
    assert halves["NECN"] == halves["NBC Miami"]
    assert sorted(halves.values()).count("test") == 3
    # An existing assignment never moves when a group is added.
    write_passage(tmp_path, "p9-2025-x", "We have 22 sites.", [("22 sites", 22, "count")], "E")
    extended = propose_split(load_corpus(tmp_path), split.same_source, split)
    assert {p: h for p, h in extended.publisher_halves().items() if p != "E"} == halves


# --- matching and scoring -----------------------------------------------------------------

def test_alignment_is_one_to_one_by_overlap() -> None:
    # annotation 0: "$60 billion to $65 billion" [0, 26); annotation 1: [40, 50); annotation 2: [60, 70)
    annotations = pl.DataFrame({"passage_id": ["p"] * 3, "ann_idx": [0, 1, 2],
                                "ann_start": [0, 40, 60], "ann_end": [26, 50, 70]})
    # a range read as two figures; one prediction covering annotations 1 and 2; one stray figure
    predictions = pl.DataFrame({"passage_id": ["p"] * 4, "pred_idx": [0, 1, 2, 3],
                                "char_start": [0, 15, 38, 80], "char_end": [11, 26, 72, 84]})
    rows = align(annotations, predictions).rows()
    assert rows == [
        ("p", 0, 0, "match"),
        ("p", None, 1, "false_positive"),
        ("p", 1, 2, "match"),
        ("p", 2, None, "miss"),
        ("p", None, 3, "false_positive"),
    ]


def fake_extractor(rows: list[dict]):
    def extract(text: str, language: str, year: int) -> pl.DataFrame:
        base = {"value_low": None, "value_high": None, "bound": "exact", "counted": None,
                "period_start": None, "period_end": None, "topic": "capex", "metric": "capex", "geo": None}
        full = [{**base, **r} for r in rows]
        for r in full:
            r["value_low"] = r["value_low"] if r["value_low"] is not None else r["value"]
            r["value_high"] = r["value_high"] if r["value_high"] is not None else r["value"]
            r["figure_text"] = text[r["char_start"]:r["char_end"]]
        return pl.DataFrame(full, schema={
            "char_start": pl.Int64, "char_end": pl.Int64, "figure_text": pl.String, "value": pl.Float64,
            "value_low": pl.Float64, "value_high": pl.Float64, "bound": pl.String, "unit": pl.String,
            "counted": pl.String, "period_start": pl.Int64, "period_end": pl.Int64, "topic": pl.String,
            "metric": pl.String, "geo": pl.String,
        })
    return extract


def test_values_within_half_a_percent_in_the_same_canonical_unit_are_right(tmp_path: Path) -> None:
    text = "It cost $100 million, reached 1 exaflop, spent $200 million and used 10 MW and 5 GW."
    write_passage(tmp_path, "ex-2025-values", text, [
        ("$100 million", 1e8, "USD"), ("1 exaflop", 1e18, "flops"), ("$200 million", 2e8, "USD"),
        ("10 MW", 10, "MW"), ("5 GW", 5000, "MW"),
    ])
    passages = load_corpus(tmp_path)
    extract = fake_extractor([
        {"char_start": 8, "char_end": 20, "value": 1.004e8, "unit": "USD"},  # 0.4 %: right
        {"char_start": 30, "char_end": 39, "value": 1e18, "unit": "FLOPS"},  # extractor's name
        {"char_start": 47, "char_end": 59, "value": 2.02e8, "unit": "USD"},  # 1 %: wrong value
        {"char_start": 69, "char_end": 71, "value": 10, "unit": "count"},  # wrong unit
        {"char_start": 69, "char_end": 74, "value": 10, "unit": "MW", "topic": "compute"},  # better overlap
    ])
    predictions = prediction_frame(passages, extract)
    annotations = annotation_frame(passages)
    judged = judge(align(annotations, predictions), passage_frame(passages, {"Example News": "tuning"}),
                   annotations, predictions)
    assert judged.select("status", "kind", "value_ok", "unit_ok", "topic_ok").rows() == [
        ("match", "money", True, True, True),
        ("match", "physical", True, True, True),
        ("match", "money", False, True, True),
        ("match", "physical", True, True, False),
        ("false_positive", "count", None, None, None),
        ("miss", "physical", None, None, None),
    ]
    table = scores(judged)
    total = table.filter((pl.col("language") == "all") & (pl.col("kind") == "all")).row(0, named=True)
    assert (total["annotated"], total["predicted"], total["found"]) == (5, 5, 4)
    assert (total["recall"], total["precision"], total["value"], total["topic"]) == (0.8, 0.8, 0.75, 0.75)
    assert total["recall_value"] == 0.6
    physical = table.filter((pl.col("language") == "all") & (pl.col("kind") == "physical")).row(0, named=True)
    assert (physical["annotated"], physical["found"], physical["recall"]) == (3, 2, 2 / 3)


def test_only_published_figures_are_scored_and_a_decline_compares_signed(tmp_path: Path) -> None:
    text = "It has three pillars and spending fell 7% to $5 million."
    write_passage(tmp_path, "ex-2025-refused", text, [("7%", -7, "percent"), ("$5 million", 5e6, "USD")])
    passages = load_corpus(tmp_path)

    def extract(text: str, language: str, year: int) -> pl.DataFrame:
        frame = fake_extractor([
            {"char_start": 7, "char_end": 20, "value": 3, "unit": "count"},  # refused: an argument's parts
            {"char_start": 39, "char_end": 41, "value": 7, "unit": "percent", "metric": "decline_rate"},
            {"char_start": 45, "char_end": 55, "value": 5e6, "unit": "USD"},
        ])(text, language, year)
        return frame.with_columns(refused_because=pl.Series(["discourse_count", None, None]))

    predictions = prediction_frame(passages, extract)
    assert predictions.get_column("pred_text").to_list() == ["7%", "$5 million"]
    annotations = annotation_frame(passages)
    judged = judge(align(annotations, predictions), passage_frame(passages, {"Example News": "tuning"}),
                   annotations, predictions)
    # a decline_rate of 7 is the annotated growth of -7
    assert judged.select("status", "value_ok").rows() == [("match", True), ("match", True)]


def test_topic_accuracy_by_evidence_counts_found_figures_per_half_and_language() -> None:
    judged = pl.DataFrame({
        "status": ["match", "match", "match", "miss", "match", "match"],
        "half": ["tuning", "tuning", "tuning", "tuning", "test", "test"],
        "language": ["en", "en", "fr", "fr", "de", "de"],
        "topic_ok": [True, False, True, None, True, True],
        "pred_topic_evidence": ["sentence", "document", "sentence", None, "paragraph", None],
    })
    table = topic_by_evidence(judged)
    assert table.columns == ["half", "language", "evidence", "found", "share", "topic"]
    # a miss has no evidence; a found figure without one (an extractor that gives none) counts as none
    assert table.rows() == [
        ("tuning", "all", "sentence", 2, 2 / 3, 1.0), ("tuning", "all", "document", 1, 1 / 3, 0.0),
        ("tuning", "en", "sentence", 1, 0.5, 1.0), ("tuning", "en", "document", 1, 0.5, 0.0),
        ("tuning", "fr", "sentence", 1, 1.0, 1.0),
        ("test", "all", "paragraph", 1, 0.5, 1.0), ("test", "all", "none", 1, 0.5, 1.0),
        ("test", "de", "paragraph", 1, 0.5, 1.0), ("test", "de", "none", 1, 0.5, 1.0),
    ]


# --- the evaluation on the corpus ---------------------------------------------------------

@pytest.fixture(scope="module")
def evaluation():
    return evaluate(CORPUS)


def test_the_report_has_every_half_language_and_kind(evaluation) -> None:
    table = evaluation.scores
    assert table.columns == ["half", "language", "kind", *METRICS]
    assert table.select("half").unique(maintain_order=True).to_series().to_list() == ["tuning", "test"]
    for half in ("tuning", "test"):
        rows = table.filter((pl.col("half") == half) & (pl.col("kind") == "all"))
        assert rows["language"].to_list() == ["all", "en", "fr", "de"]
        kinds = table.filter((pl.col("half") == half) & (pl.col("language") == "all"))["kind"].to_list()
        assert kinds[0] == "all" and set(kinds[1:]) <= set(KINDS)
        assert {"money", "count", "percent", "factor", "physical", "duration"} <= set(kinds)
    # Totals add up: every annotated figure is found or missed, once.
    all_rows = table.filter(pl.col("kind") == "all").filter(pl.col("language") == "all")
    assert all_rows["annotated"].sum() == 12672
    document = evaluation_document(evaluation.scores, evaluation.passages_frame, evaluation.judged)
    assert document.startswith("<!-- Generated by `make eval`")
    header = score_table(evaluation.scores).splitlines()[0]
    assert header == ("| half | language | kind | annotated | predicted | found | recall | precision | "
                      "recall (right value) | value | bound | topic | period | unit mismatches |")
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", document)  # no date: reproducible


def test_the_evaluation_is_deterministic(evaluation) -> None:
    again = evaluate(CORPUS)
    assert again.scores.equals(evaluation.scores)
    assert again.judged.equals(evaluation.judged)
    first = evaluation_document(evaluation.scores, evaluation.passages_frame, evaluation.judged)
    assert evaluation_document(again.scores, again.passages_frame, again.judged) == first
    assert tuning_errors(again.judged) == tuning_errors(evaluation.judged)


def test_docs_evaluation_md_is_the_current_report(evaluation) -> None:
    agreement = corpus_agreement(CORPUS, evaluation)
    document = evaluation_document(evaluation.scores, evaluation.passages_frame, evaluation.judged, agreement)
    assert DOC.read_text(encoding="utf-8") == document, "docs/evaluation.md is stale: run `make eval`"


def test_make_eval_lists_the_tuning_half_errors_and_never_a_test_passage(tmp_path: Path, capsys, evaluation) -> None:
    assert eval_main(["--corpus", str(CORPUS), "--write", str(tmp_path / "evaluation.md")]) == 0
    out = capsys.readouterr().out
    assert "### Tuning half: misses (" in out and "### Tuning half: false positives (" in out
    assert re.search(r"Evaluation run time: \d+\.\d\d s", out)
    halves = dict(evaluation.passages_frame.select("passage_id", "half").iter_rows())
    listed = {pid for pid in re.findall(r"^\| ([a-z0-9-]+) \|", out, re.M) if pid in halves}
    assert listed and all(halves[pid] == "tuning" for pid in listed)
    assert not any(pid in out for pid, half in halves.items() if half == "test")


def test_the_test_half_is_scored_per_language(evaluation) -> None:
    test = evaluation.scores.filter((pl.col("half") == "test") & (pl.col("kind") == "all"))
    for row in test.iter_rows(named=True):
        assert row["annotated"] >= 90  # enough figures per language to measure (de: 98)
        for metric in ("recall", "precision", "value", "topic"):
            assert 0.0 < row[metric] <= 1.0, (row["language"], metric)


# Floors under today's test-half scores (2026-12-03, fourth session): a rule change that loses ground on text no
# rule was tuned on fails here even while the targets below are not met. Raise them as scores
# rise; a new batch of passages that lowers them is a finding to write down, not to hide. Fifth session:
# the eighteenth batch's test half has a topic accuracy of 0.716 under the code of the session's start
# and after its rules alike (docs/evaluation_history.md), which takes the corpus's test half from 0.852
# to 0.844: the topic floor moved to 0.840 with it; at the session's end (465 passages) the test half
# reads 0.946 / 0.961 / 0.860, so the floors rise to 0.940 / 0.955 / 0.850. Sixth session: two blind
# batches (twentieth to twenty-third) read 0.965 / 1.000 / 0.955, 0.946 / 0.955 / 0.914, 0.923 / 0.988 /
# 0.821 and 0.943 / 0.988 / 0.841 on their test halves; at the session's end (561 passages) the test half
# reads 0.947 / 0.966 / 0.874: floors 0.945 / 0.955 / 0.865. Seventh session: three blind batches
# (twenty-fourth to twenty-sixth) read 0.990 / 0.980 / 0.800, 0.913 / 0.903 / 0.750 and 1.000 / 0.953 /
# 0.812 on their test halves with the code of their arrival; at the session's end (633 passages) the
# test half reads 0.954 / 0.967 / 0.873 (the session's start: 0.950 / 0.963 / 0.863 on the same
# corpus): floors 0.950 / 0.960 / 0.870. Eighth session: the twenty-seventh blind batch reads 0.973 /
# 0.991 / 0.798 on its test half; at the session's end (657 passages) the test half reads 0.955 /
# 0.968 / 0.873 (the session's start: 0.955 / 0.968 / 0.869 on the same corpus): floors 0.950 / 0.965 /
# 0.870. Ninth session: the twenty-eighth blind batch reads 0.929 / 0.975 / 0.769 on its test half (the
# code of the session's start and of its arrival alike); it takes the corpus's test half (681 passages)
# to 0.954 / 0.968 / 0.86997: the topic floor moves to 0.865 with it. The twenty-ninth blind batch reads
# 0.931 / 0.959 / 0.851 (no rule of the session moved one of its figures), the thirtieth 0.958 / 0.968 /
# 0.848 (its values 0.924 -> 0.946 under the session's rules); at the session's end (729 passages) the
# test half reads 0.954 / 0.969 / 0.869 (the session's start: 0.953 / 0.968 / 0.868 on the same corpus):
# floors 0.950 / 0.965 / 0.865. Tenth session: the thirty-first blind batch reads 0.957 / 1.000 / 0.933
# on its test half (the code of the session's start and of its arrival alike); with it (753 passages)
# the test half reads 0.954 / 0.970 / 0.8715 (the session's start: 0.954 / 0.970 / 0.8711 on the same
# corpus); two annotators agree on 0.985 of a sample's topics (TOPIC_AGREEMENT.md). The thirty-second
# blind batch, annotated after the session's rules, reads 0.956 / 0.956 / 0.731 on its test half and
# takes the corpus's test half (777 passages) to 0.954 / 0.969 / 0.8660: floors unchanged. Eleventh
# session: the thirty-third blind batch, annotated while the session's rules were written, reads
# 0.935 / 0.973 / 0.681 on its test half with the code of the session's start, 0.935 / 0.973 / 0.708
# with the session's rules; with it (801 passages) the test half reads 0.954 / 0.970 / 0.8676 at the
# session's end (the session's start: 0.954 / 0.969 / 0.8612 on the same corpus; 0.8648 just after the
# batch arrived): the topic floor moves to 0.860. The thirty-fourth blind batch, annotated after the
# session's rules, reads 0.976 / 0.964 / 0.889 on its test half with the session's start code and
# 0.976 / 0.964 / 0.901 with its end; with it (825 passages) the test half reads 0.954 / 0.970 /
# 0.8686 (the session's start: 0.954 / 0.969 / 0.8620): floors unchanged. Twelfth session: two blind
# batches, the thirty-fifth (annotated while the session's rules were written) reading 0.988 / 0.929 /
# 0.835 on its test half with the session's start code and its end alike, the thirty-sixth (after
# most of them) 0.962 / 0.902 / 0.772 -> 0.792, the thirty-seventh (after all of them) 0.976 -> 0.984
# / 0.984 / 0.844 -> 0.829; with them (897 passages) the test half reads 0.9582 / 0.9677 / 0.8697 (the
# session's start: 0.9561 / 0.9674 / 0.8641 on the same corpus): the topic floor moves back to 0.865.
# Thirteenth session: three blind batches annotated while the session's rules were written (the
# thirty-eighth, thirty-ninth and fortieth) read 0.918 / 0.931 / 0.881 -> 0.866, 0.991 / 0.991 / 0.906
# and 0.981 / 0.981 / 0.833 on their test halves with the session's start code and its end; the
# forty-first, annotated after the first nineteen rules, 0.958 / 0.890 / 0.885 -> 0.912; with them (993
# passages) the test half reads 0.9589 / 0.9714 / 0.8768 (the session's start: 0.9589 / 0.9654 / 0.8704 on the
# same corpus): floors unchanged. Fourteenth session: four blind batches, the forty-second (annotated
# while the session's first rules were written) reading 0.959 / 1.000 / 0.883 -> 0.872 on its test half
# with the session's start code and its end, the forty-third (after twenty rules) 0.973 / 0.982 / 0.843
# -> 0.889, the forty-fourth (after thirty) 0.952 -> 0.962 / 0.990 / 0.880 -> 0.871, the forty-fifth
# (after all but two) 0.907 / 1.000 / 0.948 with both; with them (1,089 passages) the test half reads
# 0.9595 / 0.9732 / 0.8856 (the session's start: 0.9578 / 0.9734 / 0.8778 on the same corpus): the
# floors move to 0.955 / 0.968 / 0.875. Fifteenth session: six blind batches (the forty-sixth to
# fifty-first, 144 passages from 144 new publishers), whose test halves read the same with the
# session's start code and its end but for the forty-seventh's topic (0.930 / 0.973 / 0.794, 0.963 /
# 1.000 / 0.854 -> 0.874, 0.938 / 1.000 / 0.838, 0.889 / 1.000 / 0.713, 0.925 / 0.961 / 0.806, 0.989
# / 0.978 / 0.885); with them (1,233
# passages) the test half reads 0.9570 / 0.9747 / 0.8778 (the session's start: 0.9568 / 0.9747 /
# 0.8769 on the same corpus): floors unchanged. Sixteenth session: six blind batches (the fifty-second
# to fifty-seventh, 144 passages from 144 new publishers), test halves at the session's start and its
# end (recall / precision / topic): 0.955 / 0.944 -> 0.966 / 0.929, 0.982 / 0.941 / 0.937, 0.990 /
# 0.950 -> 0.970 / 0.917, 0.976 / 0.953 / 0.877, 0.938 / 0.962 / 0.920, 0.913 / 0.950 / 0.779; with
# them (1,377 passages) the test half reads 0.9574 / 0.9743 / 0.8796 (the session's start: 0.9572 /
# 0.9719 / 0.8794 on the same corpus): floors unchanged. Seventeenth session: eight blind batches (the
# fifty-eighth to sixty-fifth, 192 passages from 192 new publishers), whose test halves read the same
# with the session's start code and its end (0.950 / 1.000 / 0.937, 0.980 / 0.980 / 0.889, 0.951 /
# 0.970 / 0.806, 0.958 / 0.974 / 0.807, 0.951 / 0.970 / 0.794, 0.925 / 0.977 / 0.779, 0.923 / 0.966 /
# 0.738, 0.954 / 0.988 / 0.904); with them (1,569 passages) the test half reads 0.9574 / 0.9748 /
# 0.8743 (the session's start: 0.9564 / 0.9748 / 0.8735 on the same corpus): the new passages, not the
# code, brought topic under 0.875; its floor moves to 0.870. Eighteenth session: three blind batches (the
# sixty-sixth to sixty-eighth, 71 passages from 71 new publishers), test halves 0.915 / 0.974 / 0.760,
# 0.962 / 1.000 / 0.860 and 0.933 / 0.977 / 0.690 on arrival (topics 0.773, 0.870, 0.690 with the
# session's end code); with them (1,640 passages) the test half reads 0.9569 / 0.9753 / 0.8710 (the
# session's start: 0.9566 / 0.9752 / 0.8702 on the same corpus): floors unchanged, topic at its floor.
TEST_HALF_FLOORS = {"recall": 0.955, "precision": 0.968, "topic": 0.870}


def test_the_test_half_keeps_todays_scores(evaluation) -> None:
    row = evaluation.scores.filter(
        (pl.col("half") == "test") & (pl.col("language") == "all") & (pl.col("kind") == "all")).row(0, named=True)
    for metric, floor in TEST_HALF_FLOORS.items():
        assert row[metric] >= floor, (metric, row[metric], floor)


def test_the_evidence_published_with_a_topic_sorts_right_topics_from_doubtful_ones(evaluation) -> None:
    # on the half no rule was written for: a topic its own sentence names is right more often than
    # one only its document names, and that more often than one no word supports
    table = topic_by_evidence(evaluation.judged).filter((pl.col("half") == "test") & (pl.col("language") == "all"))
    topic = dict(table.select("evidence", "topic").iter_rows())
    assert topic["sentence"] > topic["paragraph"] > topic["document"] > topic["none"]
    assert topic["sentence"] > 0.92


@pytest.mark.xfail(
    strict=False,
    reason="Issue 12 targets not met yet. On the test half of 2026-12-05, eighteenth session (1,640 passages, "
    "6,426 test figures): recall 0.957, precision 0.975, topic 0.871 (en 0.955 / 0.975 / 0.866; fr 0.963 / "
    "0.975 / 0.870; de 0.953 / 0.976 / 0.878): recall and precision meet the targets in every language, "
    "topic in none, while two annotators agree on 0.985 of a sample's topics "
    "(tests/corpus/TOPIC_AGREEMENT.md); the code of that session's start scored 0.957 / 0.975 / 0.870 on "
    "the same corpus (docs/evaluation_history.md). A topic its own sentence names is right 0.93 of the time "
    "(facts.topic_evidence, docs/evaluation.md).",
)
def test_the_test_half_meets_the_targets(evaluation) -> None:
    test = evaluation.scores.filter((pl.col("half") == "test") & (pl.col("kind") == "all"))
    for row in test.iter_rows(named=True):
        assert row["recall"] >= 0.95, row
        assert row["precision"] >= 0.95, row
        assert row["topic"] >= 0.90, row
