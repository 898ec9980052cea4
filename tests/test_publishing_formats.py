"""The contract's metadata everywhere a user looks, and the release's other forms: DuckDB comments,
Parquet metadata (pyarrow, Polars, DuckDB), CSV, the data package's constraints, Croissant,
pandas, the Dagster column schemas, licences and citation. One full build of raw/ (module-scoped)."""

import hashlib
import json
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest
import yaml

from pipelines.contract import TABLES
from pipelines.vocabulary import METRIC
from pipelines.publication import (
    CITATION, DATASET_LICENSE, ReleaseInfo, comment_statements, csv_frame, publish_release, sql_string_literal,
)
from tests.conftest import RAW, ROOT


def column(table: str, name: str):
    return next(c for c in TABLES[table].columns if c.name == name)


# --- quoting for COMMENT ON -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "plain", "it's", "''", "", "'; DROP TABLE t; --", "back\\slash \\' end", "two\nlines\ttab", "é ’ « » 漢字 🙂",
    "$$dollar quoted$$", "E'not an escape\\n'",
])
def test_a_comment_reads_back_exactly_whatever_its_text(text):
    con = duckdb.connect()
    con.execute("CREATE TABLE t (x INTEGER)")
    con.execute(f"COMMENT ON TABLE t IS {sql_string_literal(text)}")
    con.execute(f"COMMENT ON COLUMN t.x IS {sql_string_literal(text)}")
    assert con.execute("select comment from duckdb_tables() where table_name = 't'").fetchall() == [(text,)]
    assert con.execute("select comment from duckdb_columns() where table_name = 't'").fetchall() == [(text,)]
    assert con.execute("select count(*) from duckdb_tables()").fetchall() == [(1,)]


def test_the_quoting_helper_doubles_quotes_and_refuses_nul():
    assert sql_string_literal("l'IA") == "'l''IA'"
    with pytest.raises(ValueError, match="NUL"):
        sql_string_literal("a\x00b")


def test_every_table_and_column_gets_a_comment():
    statements = comment_statements()
    assert len(statements) == sum(1 + len(t.columns) for t in TABLES.values())
    assert ('COMMENT ON COLUMN "facts"."bound" IS \'exact, approx, at_least or at_most. Values: exact, approx, at_least, '
            "at_most.'") in statements


# --- DuckDB ----------------------------------------------------------------------------------

def test_the_duckdb_file_carries_table_and_column_comments(built_project):
    con = duckdb.connect(str(built_project.warehouse / "european_ai_capacity.duckdb"), read_only=True)
    try:
        comments = {(t, c): comment for t, c, comment in con.execute(
            "select table_name, column_name, comment from duckdb_columns() where schema_name = 'main'").fetchall()}
        tables = dict(con.execute("select table_name, comment from duckdb_tables()").fetchall())
        meta = con.execute("select unit, allowed_values from meta_columns where table_name = 'capex' and column_name = 'currency'"
                           ).fetchall()
    finally:
        con.close()
    for table in TABLES.values():
        assert tables[table.name].startswith(table.description)
        for c in table.columns:
            assert comments[(table.name, c.name)] == c.summary
    assert comments[("facts", "value_eur")] == "Money only: value in EUR at the ECB annual average rate of fx_year. Unit: EUR."
    assert comments[("facts", "metric")] == ("snake_case name of what is measured. Values: the `metric` vocabulary "
                                              f"({len(METRIC.values)} values, docs/dataset.md).")
    assert tables["claims"].endswith("How to add it up: " + TABLES["claims"].usage)
    assert meta == [(None, ["AUD", "BGN", "BRL", "CAD", "CHF", "CNY", "CZK", "DEM", "DKK", "DZD", "EUR", "GBP", "HKD", "HUF", "IDR",
                            "ILS", "INR", "ISK", "JPY", "KRW", "MAD", "MXN", "MYR", "NOK", "NZD", "PLN", "RON", "RSD", "SEK", "SGD",
                            "THB", "TND", "TRY", "USD", "XOF", "ZAR", "XXX"])]


# --- Parquet -----------------------------------------------------------------------------------

def test_parquet_metadata_is_shown_by_pyarrow_polars_and_duckdb(built_project):
    path = built_project.warehouse / "parquet" / "facts.parquet"
    # pyarrow: field metadata inside the Arrow schema
    field = pq.read_schema(path).field("value_eur")
    assert field.metadata == {b"description": b"Money only: value in EUR at the ECB annual average rate of fx_year.",
                              b"unit": b"EUR"}
    # Polars: the file's key-value metadata
    metadata = pl.read_parquet_metadata(path)
    assert metadata["column:value_eur"] == column("facts", "value_eur").summary
    assert metadata["column:bound"] == "exact, approx, at_least or at_most. Values: exact, approx, at_least, at_most."
    assert metadata["table"] == "facts" and metadata["license"] == "CC-BY-4.0"
    assert metadata["usage"] == TABLES["facts"].usage
    # DuckDB: the same key-value metadata
    rows = dict(duckdb.connect().execute(
        "select decode(key), decode(value) from parquet_kv_metadata(?)", [str(path)]).fetchall())
    assert rows["column:value_eur"] == column("facts", "value_eur").summary
    assert {k for k in rows if k.startswith("column:")} == {f"column:{c.name}" for c in TABLES["facts"].columns}


# --- CSV -----------------------------------------------------------------------------------------

def read_csv_as_contract(table, path: Path) -> pl.DataFrame:
    """A CSV of the release read back with the contract's dtypes (lists from their JSON)."""
    raw = pl.read_csv(path, infer_schema=False)
    out = []
    for c in table.columns:
        col = pl.col(c.name)
        if isinstance(c.dtype, pl.List):
            out.append(col.str.json_decode(c.dtype))
        elif c.dtype == pl.Boolean:
            out.append(pl.when(col.is_null()).then(None).otherwise(col == "true").alias(c.name))
        elif c.dtype == pl.Date:
            out.append(col.str.to_date("%Y-%m-%d"))
        elif isinstance(c.dtype, pl.Datetime):
            out.append(col.str.to_datetime("%Y-%m-%dT%H:%M:%S%.fZ", time_unit="us", time_zone="UTC"))
        else:
            out.append(col.cast(c.dtype))
    return raw.select(out)


def test_each_csv_holds_the_same_rows_as_its_parquet_file(built_project):
    for name, table in TABLES.items():
        parquet = pl.read_parquet(built_project.warehouse / "parquet" / f"{name}.parquet")
        csv = read_csv_as_contract(table, built_project.warehouse / "csv" / f"{name}.csv")
        assert csv.equals(parquet), name


def test_csv_is_utf8_with_lists_as_json_arrays(built_project):
    text = (built_project.warehouse / "csv" / "entities.csv").read_bytes().decode("utf-8")
    assert text.startswith(",".join(c.name for c in TABLES["entities"].columns) + "\n")
    assert "\r" not in text
    # ElevenLabs is named "OnzeLabs" in the machine-translated article: an alias, as a JSON array
    row = next(line for line in text.splitlines() if line.startswith("elevenlabs,"))
    assert '""OnzeLabs""' in row
    table = TABLES["entities"]
    frame = pl.DataFrame({"aliases": [['l\'IA "x"', "é"], [], None]}, schema={"aliases": pl.List(pl.String)}).with_columns(
        pl.lit(None, dtype=c.dtype).alias(c.name) for c in table.columns if c.name != "aliases")
    assert csv_frame(table, frame).get_column("aliases").to_list() == ['["l\'IA \\"x\\"","é"]', "[]", None]


def test_csv_files_are_byte_identical_across_runs(built_project, tmp_path):
    frames = {name: built_project.table(name) for name in TABLES}
    a = publish_release(frames, ReleaseInfo("20260101T000000Z-a", published_at(1), {}), tmp_path / "a")
    b = publish_release(frames, ReleaseInfo("20260102T000000Z-b", published_at(2), {}), tmp_path / "b")
    for name in TABLES:
        assert (a / "csv" / f"{name}.csv").read_bytes() == (b / "csv" / f"{name}.csv").read_bytes(), name
        assert (a / "csv" / f"{name}.csv").read_bytes() == (built_project.warehouse / "csv" / f"{name}.csv").read_bytes(), name


def published_at(day: int):
    import datetime as dt

    return dt.datetime(2026, 1, day, tzinfo=dt.timezone.utc)


# --- data package ------------------------------------------------------------------------------

def test_the_data_package_lists_parquet_and_csv_with_constraints_from_the_checks(built_project):
    package = json.loads((built_project.warehouse / "datapackage.json").read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert package["licenses"] == [DATASET_LICENSE]
    names = [r["name"] for r in package["resources"]]
    texts = sorted(built_project.table("sources").filter(pl.col("license") == "CC-BY-4.0").get_column("source_id").to_list())
    assert names == [*TABLES, *(f"{t}-csv" for t in TABLES), *(f"text-{s}" for s in texts)]
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["facts-csv"]["path"] == "csv/facts.csv" and resources["facts-csv"]["encoding"] == "utf-8"
    fields = {f["name"]: f for f in resources["facts"]["schema"]["fields"]}
    assert fields["bound"]["constraints"] == {"required": True, "enum": ["exact", "approx", "at_least", "at_most"]}
    assert fields["period_quarter"]["constraints"] == {"minimum": 1, "maximum": 4}
    assert fields["quote"]["constraints"] == {"required": True, "minLength": 1, "maxLength": 400}
    assert fields["geo"]["constraints"] == {"pattern": "^([A-Z]{2}|EU|EUROPE|WORLD)$"}
    assert fields["value_eur"]["x-unit"] == "EUR"
    assert fields["metric"]["constraints"]["enum"] == list(METRIC.values)  # the count is pinned in test_vocabulary
    rates = {f["name"]: f for f in resources["fx_rates"]["schema"]["fields"]}
    assert rates["eur_per_unit"]["constraints"] == {"required": True, "exclusiveMinimum": 0}
    csv_lists = {f["name"]: f for f in resources["entities-csv"]["schema"]["fields"]}
    assert csv_lists["aliases"]["type"] == "array"
    assert {"fields": "source_id", "reference": {"resource": "sources-csv", "fields": "source_id"}} in \
        resources["facts-csv"]["schema"]["foreignKeys"]


def test_every_check_of_the_contract_is_said_in_the_published_metadata():
    assert [f"{t.name}.{c.name}: {c.unmapped_checks()}" for t in TABLES.values() for c in t.columns if c.unmapped_checks()] == []


# --- Croissant ---------------------------------------------------------------------------------

def test_croissant_metadata_is_valid_and_reads_every_table(built_project):
    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=str(built_project.warehouse / "croissant.json"))
    assert dataset.metadata.ctx.issues.errors == set()
    assert dataset.metadata.ctx.issues.warnings == set()
    assert dataset.metadata.license == [DATASET_LICENSE["path"]]
    for name in TABLES:
        records = list(dataset.records(record_set=name))
        assert len(records) == built_project.table(name).height, name
    sources = {r["sources/source_id"].decode(): r for r in dataset.records(record_set="sources")}
    assert sources["ifri-2025-startups-ia-generative"]["sources/license"] == b"\xc2\xa9 Ifri 2025, all rights reserved"
    assert sources["ifri-2025-startups-ia-generative"]["sources/n_chars"] == 78188
    croissant = json.loads((built_project.warehouse / "croissant.json").read_text(encoding="utf-8"))
    files = {f["contentUrl"]: f["sha256"] for f in croissant["distribution"]}
    for path, sha256 in files.items():
        assert hashlib.sha256((built_project.warehouse / path).read_bytes()).hexdigest() == sha256, path


# --- pandas --------------------------------------------------------------------------------

def test_pandas_reads_nullable_years_and_dates_with_the_pyarrow_backend(built_project):
    import pandas as pd

    path = built_project.warehouse / "parquet" / "facts.parquet"
    facts = pd.read_parquet(path, dtype_backend="pyarrow")
    assert str(facts["period_start"].dtype) == "int64[pyarrow]"
    assert str(facts["as_of"].dtype) == "date32[day][pyarrow]"
    assert facts["period_start"].isna().any() and not facts["period_start"].isna().all()
    startups = pd.read_parquet(built_project.warehouse / "parquet" / "startups.parquet", dtype_backend="pyarrow")
    assert str(startups["aliases"].dtype) == "large_list<element: large_string>[pyarrow]"
    # what the codebook warns against: without it, a year with a null is a float
    assert str(pd.read_parquet(path)["period_start"].dtype) == "float64"
    csv = pd.read_csv(built_project.warehouse / "csv" / "facts.csv", dtype_backend="pyarrow", engine="pyarrow")
    assert str(csv["period_start"].dtype) == "int64[pyarrow]"


# --- what is redistributed ---------------------------------------------------------------------

def test_no_published_file_holds_a_source_document_whose_licence_does_not_allow_it(built_project):
    # The seeds (all rights reserved, or terms unknown) are never published; the documents under
    # CC BY 4.0 are, as texts/<source_id>.txt (pipelines.source_texts), and nowhere else.
    documents = [p.read_text(encoding="utf-8") for p in sorted((RAW / "documents").glob("*.txt"))]
    release = (built_project.warehouse / "current").resolve()
    licences = dict(built_project.table("sources").select("source_id", "license").iter_rows())
    assert sorted(p.stem for p in (release / "texts").iterdir()) == sorted(s for s, l in licences.items() if l == "CC-BY-4.0")
    for path in sorted(p for p in release.rglob("*") if p.is_file() and p.suffix in (".csv", ".json", ".md", ".txt")):
        text = path.read_text(encoding="utf-8")
        for document in documents:
            # no published text holds even a tenth of a document in one piece
            piece = document[len(document) // 2:len(document) // 2 + len(document) // 10]
            assert piece not in text, path.name
    quotes = built_project.table("facts").get_column("quote").str.len_chars()
    assert quotes.max() <= 400


# --- Dagster -----------------------------------------------------------------------------------

def test_every_published_asset_has_a_description_and_the_contract_column_schema():
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    for name, table in TABLES.items():
        node = graph.get(dg.AssetKey(name))
        assert node.description, name
        schema = node.metadata["dagster/column_schema"]
        assert [c.name for c in schema.columns] == [c.name for c in table.columns], name
    facts = {c.name: c for c in graph.get(dg.AssetKey("facts")).metadata["dagster/column_schema"].columns}
    assert facts["bound"].description == "exact, approx, at_least or at_most. Values: exact, approx, at_least, at_most."
    assert facts["bound"].type == "string"
    assert facts["bound"].constraints.nullable is False
    assert facts["period_quarter"].constraints.other == ["minimum: 1", "maximum: 4"]
    assert facts["fact_id"].constraints.unique is True


# --- licences and citation -----------------------------------------------------------------------

def test_licences_and_citation_agree():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["license"] == DATASET_LICENSE["name"] == "CC-BY-4.0"
    assert CITATION.startswith(citation["title"] + ". ")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{citation["version"]}"' in pyproject
    assert 'license = "MIT"' in pyproject and 'license-files = ["LICENSE"]' in pyproject
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "CC-BY-4.0" in readme and "[`LICENSE`](LICENSE)" in readme and "[`CITATION.cff`](CITATION.cff)" in readme
