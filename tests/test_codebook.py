"""The codebook docs/dataset.md: generated from the contract, current, and the repository stands alone."""

from dataclasses import replace
from pathlib import Path

import polars as pl

from pipelines import codebook
from pipelines.contract import TABLES, Column, Table
from pipelines.vocabulary import VOCABULARIES

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_codebook_is_current():
    committed = codebook.CODEBOOK_PATH.read_text(encoding="utf-8")
    assert committed == codebook.render(), "docs/dataset.md is not current: run `make codebook` and commit it"


def test_every_table_and_column_is_in_the_codebook():
    text = codebook.render()
    for table in TABLES.values():
        assert f"## `{table.name}`: {table.title}\n" in text
        for column in table.columns:
            assert f"\n| `{column.name}` | " in text, f"{table.name}.{column.name}"
    for vocabulary in VOCABULARIES.values():
        assert f"### Vocabulary `{vocabulary.name}`\n" in text
        for value, _ in vocabulary.terms:
            assert f"\n| `{value}` | " in text


def test_a_column_row_gives_type_unit_nullability_meaning_and_allowed_values():
    text = codebook.render()
    assert ("| `bound` | string |  | no | exact, approx, at_least or at_most. | `exact`, `approx`, `at_least`, `at_most` "
            "(see [`bound`](#vocabulary-bound)) |") in text
    assert ("| `amount_eur` | double | EUR | yes | Amount in EUR (ECB annual average of fx_year). |  |") in text
    assert ("| `metric` | string |  | no | snake_case name of what is measured. | any of the [`metric`](#vocabulary-metric) "
            "vocabulary (135 values); matches `^[a-z][a-z0-9_]*$` |") in text
    assert "| `period_quarter` | integer |  | yes | Quarter (1-4) when the text names one. | ≥ 1; ≤ 4 |" in text
    assert "| `aliases` | list of string |  | yes |" in text
    assert "| `seen_at` | timestamp (UTC) |  | no |" in text


def test_a_table_section_gives_keys_order_and_how_to_add_it_up():
    text = codebook.render()
    capex = text[text.index("## `capex`"):text.index("## `claims`")]
    assert "- **Primary key**: `fact_id`\n" in capex
    assert ("- **Foreign keys**: `fact_id` → [`facts`](#facts).`fact_id`; `source_id` → [`sources`](#sources).`source_id`; "
            "`entity_id` → [`entities`](#entities).`entity_id`; `claim_id` → [`claims`](#claims).`claim_id`\n") in capex
    assert "- **Row order**: `claim_id`, `source_id`, `fact_id`\n" in capex
    assert "- **How to add it up**: Statements, like `facts`: never sum `amount_eur` over rows." in capex


def test_the_vocabulary_sections_explain_each_value_and_say_where_it_is_used():
    text = codebook.render()
    topic = text[text.index("### Vocabulary `topic`"):text.index("### Vocabulary `metric`")]
    assert "Used by `facts.topic`, `capex.topic`, `claims.topic`, `compute.topic`" in topic
    assert ("| `capex` | Investment and spending: public programmes, private investment, capital expenditure, training "
            "and operating costs. |") in topic
    metric = text[text.index("### Vocabulary `metric`"):text.index("### Vocabulary `unit`")]
    assert "| `reading_time` | A reading time, in years (how long it would take to read a corpus). |" in metric


def test_a_new_table_or_column_appears_by_itself(monkeypatch):
    extra = Table("widgets", "Widgets", "One row per widget.", (
        Column("widget_id", pl.String(), "Stable id.", nullable=False, unique=True),
        Column("price_eur", pl.Float64(), "Price; a | in text stays in its cell."),
    ), primary_key=("widget_id",))
    facts = TABLES["facts"]
    tables = {**TABLES, "widgets": extra,
              "facts": replace(facts, columns=facts.columns + (Column("scope", pl.String(), "What it is of."),))}
    monkeypatch.setattr(codebook, "TABLES", tables)
    text = codebook.render()
    assert "## `widgets`: Widgets\n" in text
    assert "| [`widgets`](#widgets) | Widgets | widget_id |" in text
    assert "| `price_eur` | double | EUR | yes | Price; a \\| in text stays in its cell. |  |" in text
    assert "| `scope` | string |  | yes | What it is of. |  |" in text


def test_the_check_command_fails_on_a_stale_file_and_names_the_command(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "dataset.md"
    stale.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(codebook, "CODEBOOK_PATH", stale)
    assert codebook.main(["--check"]) == 1
    assert "is not current: run `make codebook`" in capsys.readouterr().err
    assert codebook.main([]) == 0
    assert stale.read_text(encoding="utf-8") == codebook.render()
    assert codebook.main(["--check"]) == 0


def test_no_file_of_the_repository_refers_outside_it():
    outside = ("../" + "shared", "shared" + "/seeds", "DATASET" + ".md", "ENGINEERING" + ".md")
    files = [ROOT / "README.md", ROOT / "pyproject.toml", ROOT / "Makefile",
             *[p for folder in ("docs", "pipelines", "tests") for p in (ROOT / folder).rglob("*")
               if p.is_file() and p.suffix in (".py", ".md", ".toml", ".yaml", ".cfg", ".txt")]]
    found = [f"{p.relative_to(ROOT)}: {word}" for p in files for word in outside if word in p.read_text(encoding="utf-8")]
    assert found == []


def test_the_readme_links_to_the_codebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "[`docs/dataset.md`](docs/dataset.md)" in readme
