"""The codebook `docs/dataset.md`, written from the contract: `python -m pipelines.codebook` (`make codebook`).

Every table of `pipelines.contract.TABLES` (title, description, keys, row order, how to add it
up safely) and every column (type, unit, nullability, meaning, allowed values), then every
vocabulary of `pipelines.vocabulary` with the meaning of each value. Nothing here is written by
hand about a particular table: a table or column added to the contract appears by itself.
`tests/test_codebook.py` regenerates the text in memory and fails, naming the command to run,
when the committed file differs.

`python -m pipelines.codebook --check` exits 1 when the file is stale, without writing it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

from pipelines.contract import PLACE_CODE, TABLES, Column, Table
from pipelines.vocabulary import VOCABULARIES, Vocabulary

CODEBOOK_PATH = Path(__file__).resolve().parent.parent / "docs" / "dataset.md"
COMMAND = "make codebook"

_TYPE_NAMES = {
    pl.String: "string", pl.Int64: "integer", pl.Int32: "integer", pl.Float64: "double",
    pl.Boolean: "boolean", pl.Date: "date",
}

_INTRO = """\
# European AI capacity: the codebook

Generated from `pipelines/contract.py` and `pipelines/vocabulary.py` by `python -m pipelines.codebook`
(`make codebook`); do not edit by hand: a test fails when this file is not current.

Every table exists in four forms with the same rows, in each release (`warehouse/releases/<release_id>/`,
linked from `warehouse/`):

| form | path | what it carries |
|---|---|---|
| DuckDB | `european_ai_capacity.duckdb` | every table, with `COMMENT`s on tables and columns (`select * from duckdb_columns()`), plus `meta_tables`, `meta_columns`, `meta_release` |
| Parquet | `parquet/<table>.parquet` | zstd; column descriptions in the Arrow field metadata and in the file's key-value metadata (`column:<name>`) |
| CSV | `csv/<table>.csv` | UTF-8, comma-separated, header row, null as an empty field, list columns as JSON arrays |
| metadata | `datapackage.json`, `croissant.json` | Frictionless Data Package (types, descriptions, constraints, keys) and Croissant (MLCommons) |

Conventions: snake_case names; money in base units (euros, not millions of euros), in the
original currency beside its EUR and USD values at the ECB annual average rate; years as integers;
dates as ISO dates (a month or a year is stored as its first day); places as ISO 3166-1 alpha-2
codes (`FR`, `DE`, `GB`, `US`, `CN`...) plus `EU` (the Union), `EUROPE` (wider Europe) and `WORLD`
(pattern `{place_code}`); currencies as ISO 4217 codes. `geo` is where the money is spent or the
capacity sits; the spender is `entity_id`. Every figure traces back to its sentence: `fact_id`,
`source_id`, `quote` and the character span `char_start`..`char_end` in the document under `raw/`.

## Reading the files

```python
import duckdb, pandas as pd, polars as pl

con = duckdb.connect("warehouse/european_ai_capacity.duckdb", read_only=True)
claims = con.execute("select * from claims").pl()
facts = pl.read_parquet("warehouse/parquet/facts.parquet")
# pandas: ask for Arrow types, else nullable years become floats and dates objects
facts_pd = pd.read_parquet("warehouse/parquet/facts.parquet", dtype_backend="pyarrow")
facts_csv = pd.read_csv("warehouse/csv/facts.csv", dtype_backend="pyarrow", engine="pyarrow")
```

With `dtype_backend="pyarrow"`, pandas keeps integers with nulls as `int64[pyarrow]` (`period_start`),
dates as `date32[day][pyarrow]` (`as_of`) and lists as Arrow lists (`large_list<element: large_string>[pyarrow]`); without it,
a year column with a null becomes `float64` and a date column `object`.

Where each tool shows the descriptions:

- DuckDB: `select table_name, column_name, comment from duckdb_columns()` (and `duckdb_tables()`
  for the tables); `meta_columns` adds units and allowed values as columns.
- pyarrow: `pq.read_schema(path).field("value_eur").metadata` (description and unit, from the
  Arrow schema stored in the file).
- Polars: `pl.read_parquet_metadata(path)["column:value_eur"]`; DuckDB:
  `select decode(key), decode(value) from parquet_kv_metadata('parquet/facts.parquet')`. These read
  the file's key-value metadata, where each column has a `column:<name>` entry (description,
  unit, allowed values) and the table its `description` and `usage`. Neither Polars' schema nor
  DuckDB's `parquet_schema()` shows per-field metadata.
- `datapackage.json`: each field's `description`, `x-unit` and `constraints` (`required`,
  `unique`, `enum`, `pattern`, `minimum`, `maximum`, `exclusiveMinimum`, `minLength`, `maxLength`);
  `croissant.json`: each field's description.

## Licence and citation

The data is licensed CC-BY-4.0 (the code MIT); cite it as `CITATION.cff` says, with the release
id (`datapackage.json` `version`). From its sources a release publishes quotes only: one sentence
per fact (`quote`, at most 400 characters) with its span; the documents themselves keep their
owners' terms, in `sources.license`.
"""


def _escape(text: str) -> str:
    """Text for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def type_name(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.List):
        return f"list of {type_name(dtype.inner)}"
    if isinstance(dtype, pl.Datetime):
        return "timestamp (UTC)" if dtype.time_zone == "UTC" else "timestamp"
    return _TYPE_NAMES[dtype.base_type()]


def _anchor(name: str) -> str:
    return name.replace("_", "-")


def _vocabulary_link(vocabulary: Vocabulary) -> str:
    return f"[`{vocabulary.name}`](#vocabulary-{_anchor(vocabulary.name)})"


def _allowed(column: Column) -> str:
    """The allowed values and other constraints of a column, for its table row."""
    parts = []
    allowed = column.allowed_values
    vocabulary = column.explained_by
    if allowed is not None:
        if vocabulary is not None and len(allowed) > 12:
            parts.append(f"any of the {_vocabulary_link(vocabulary)} vocabulary ({len(allowed)} values)")
        else:
            listed = ", ".join(f"`{v}`" for v in allowed)
            parts.append(listed + (f" (see {_vocabulary_link(vocabulary)})" if vocabulary else ""))
    constraints = column.constraints()
    if "pattern" in constraints:
        parts.append(f"matches `{constraints['pattern']}`")
    for key, words in (("minimum", "≥"), ("exclusiveMinimum", ">"), ("maximum", "≤"), ("exclusiveMaximum", "<")):
        if key in constraints:
            parts.append(f"{words} {constraints[key]}")
    if "minLength" in constraints or "maxLength" in constraints:
        parts.append(f"{constraints.get('minLength', 0)} to {constraints.get('maxLength', '…')} characters")
    if column.unique:
        parts.append("unique")
    return "; ".join(parts)


def _table_section(table: Table) -> list[str]:
    lines = [f"## `{table.name}`: {table.title}", "", table.description, ""]
    lines.append(f"- **Primary key**: {', '.join(f'`{k}`' for k in table.primary_key)}")
    if table.foreign_keys:
        lines.append("- **Foreign keys**: " + "; ".join(
            f"`{fk.column}` → [`{fk.table}`](#{_anchor(fk.table)}).`{fk.table_column}`" for fk in table.foreign_keys))
    lines.append(f"- **Row order**: {', '.join(f'`{k}`' for k in (table.sort_by or table.primary_key))}")
    if table.usage:
        lines.append(f"- **How to add it up**: {table.usage}")
    lines += ["", "| column | type | unit | null | meaning | allowed values |", "|---|---|---|---|---|---|"]
    for c in table.columns:
        lines.append("| " + " | ".join((
            f"`{c.name}`", type_name(c.dtype), _escape(c.unit or ""), "yes" if c.nullable else "no",
            _escape(c.description), _escape(_allowed(c)),
        )) + " |")
    return lines + [""]


def _columns_using(vocabulary: Vocabulary) -> list[str]:
    return [f"`{t.name}.{c.name}`" for t in TABLES.values() for c in t.columns if c.explained_by is vocabulary]


def _vocabulary_section(vocabulary: Vocabulary) -> list[str]:
    lines = [f"### Vocabulary `{vocabulary.name}`", "", vocabulary.description, ""]
    used = _columns_using(vocabulary)
    if used:
        lines += ["Used by " + ", ".join(used) + " (a column may allow only some of the values).", ""]
    lines += ["| value | meaning |", "|---|---|"]
    lines += [f"| `{value}` | {_escape(meaning)} |" for value, meaning in vocabulary.terms]
    return lines + [""]


def render() -> str:
    """The whole codebook, as text."""
    lines = [_INTRO.format(place_code=PLACE_CODE), "## Tables", "", "| table | title | primary key |", "|---|---|---|"]
    lines += [f"| [`{t.name}`](#{_anchor(t.name)}) | {_escape(t.title)} | {', '.join(t.primary_key)} |" for t in TABLES.values()]
    lines.append("")
    for table in TABLES.values():
        # A stable anchor per table: the heading's own anchor depends on its title.
        lines += [f'<a id="{_anchor(table.name)}"></a>', ""] + _table_section(table)
    lines += ["## Vocabularies", "", "Each allowed value of the categorical columns, and what it means. "
              "Values outside them are refused before publication.", ""]
    for vocabulary in VOCABULARIES.values():
        lines += [f'<a id="vocabulary-{_anchor(vocabulary.name)}"></a>', ""] + _vocabulary_section(vocabulary)
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/dataset.md is not current, write nothing")
    args = parser.parse_args(argv)
    text = render()
    current = CODEBOOK_PATH.read_text(encoding="utf-8") if CODEBOOK_PATH.exists() else None
    if args.check:
        if current != text:
            print(f"{CODEBOOK_PATH} is not current: run `{COMMAND}`", file=sys.stderr)
            return 1
        return 0
    if current != text:
        CODEBOOK_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {CODEBOOK_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
