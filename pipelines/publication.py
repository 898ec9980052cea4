"""Publishing a release: Parquet, CSV, a DuckDB database, a Frictionless data package and Croissant metadata.

A release is built whole in a staging folder, validated, then switched in with one atomic
operation, so that readers only ever see a complete release:

    warehouse/
      releases/<release_id>/           one folder per release, never modified once complete
        european_ai_capacity.duckdb
        parquet/<table>.parquet
        csv/<table>.csv
        datapackage.json
        croissant.json
        report/index.html              the visual report (pipelines/report.py)
        texts/<source_id>.txt          the text a source's offsets index, for sources whose licence
                                       allows redistribution (pipelines.source_texts); none else
      current -> releases/<release_id>  the switch: a symlink replaced atomically (os.replace)
      european_ai_capacity.duckdb -> current/european_ai_capacity.duckdb
      parquet -> current/parquet, csv -> current/csv, report -> current/report, texts -> current/texts
      datapackage.json -> current/datapackage.json, croissant.json -> current/croissant.json

Why this design: DuckDB locks a database file while any connection holds it, so a file written
in place would make a refresh fail (after retries) whenever an analyst has it open, even
read-only. The DuckDB file is never written in place: an analyst holding it open neither
blocks a refresh nor sees a half-written file: they keep their snapshot, and new connections
see the new release. A run that fails or is killed before the switch leaves `current` on the
previous release, byte for byte. Older releases are pruned after the switch, keeping
`KEEP_RELEASES`.

A release is published only when something changed: when the current release was built from the
same inputs (`unchanged_since`) and publishes the same tables, nothing is written, no changelog
entry is added and the current release stays; so a nightly full refresh of unchanged inputs
publishes nothing, and the releases kept are the last ones that changed.

Parquet and CSV files are deterministic (same frames, same bytes): no timestamps or release ids
inside them; those live in `datapackage.json`, `croissant.json` and the DuckDB `meta_release` table.

The contract's metadata travels with every form: column descriptions, units and allowed values
are DuckDB `COMMENT`s (DuckDB has no parameterised `COMMENT`: the text goes through
`sql_string_literal`), Arrow field metadata and Parquet key-value metadata (`column:<name>`),
Frictionless field constraints, and Croissant fields.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import fcntl
import hashlib
import importlib.metadata
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandera.errors
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.changelog import diff_facts, render_changelog, summarise
from pipelines.contract import TABLES, Table
from pipelines.release_link import CURRENT_LINK, DATAPACKAGE_FILE, current_release_dir  # noqa: F401 (re-exported)
from pipelines.report import REPORT_DIR, write_report
from pipelines.storage import StorageError, write_failure_cause

DATABASE_FILE = "european_ai_capacity.duckdb"
CHANGELOG_FILE = "CHANGELOG.md"
PUBLICATION_LOCK = ".publication.lock"
PARQUET_DIR = "parquet"
CSV_DIR = "csv"
TEXTS_DIR = "texts"
CROISSANT_FILE = "croissant.json"
# The CSV form of table t is the data package resource "t-csv".
CSV_RESOURCE_SUFFIX = "-csv"
DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RELEASES_DIR = "releases"
KEEP_RELEASES = 3
# Entries of `ReleaseInfo.inputs` that say how a release was built, not what it was built from: the
# git commit moves with any commit (a README edit), while the code itself is compared through its
# hash in `signature`; `inputs_digest` hashes all of them.
BUILD_ONLY_INPUTS = ("code", "inputs_digest")
# Files written by DuckDB 2.x with default settings cannot be opened by DuckDB 1.x clients
# (older CLIs, DBeaver drivers); this setting keeps them readable (checked with 1.5.6).
DUCKDB_CONFIG = {"storage_compatibility_version": "v1.5.0"}
DATASET_NAME = "european-ai-capacity"
DATASET_TITLE = "European AI capacity"
DATASET_DESCRIPTION = ("Figures on European AI capacity (money, compute, AI factories, startups) extracted "
                       "from reports and articles, each traced to the exact sentence of its source.")
DATASET_LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                   "title": "Creative Commons Attribution 4.0"}
# Same text as CITATION.cff (a test keeps them together).
CITATION = ("European AI capacity: an open dataset with sentence-level provenance. "
            "Dataset, release {release_id}, licensed CC-BY-4.0.")

_DUCKDB_TYPES = {
    pl.String: "VARCHAR", pl.Int64: "BIGINT", pl.Int32: "INTEGER", pl.Float64: "DOUBLE",
    pl.Boolean: "BOOLEAN", pl.Date: "DATE",
}


class PublicationError(RuntimeError):
    """The release was not published; the previous one is still in place."""


@dataclass(frozen=True)
class ReleaseInfo:
    release_id: str
    created_at: dt.datetime
    inputs: dict = field(default_factory=dict)  # checksums and versions of what was used


def _ident(name: str) -> str:
    # Identifiers come from the contract (code), never from input data; quoted all the same.
    return '"' + name.replace('"', '""') + '"'


def _duckdb_type(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.List):
        return _duckdb_type(dtype.inner) + "[]"
    if isinstance(dtype, pl.Datetime):
        return "TIMESTAMPTZ" if dtype.time_zone else "TIMESTAMP"
    return _DUCKDB_TYPES[dtype.base_type()]


def validate_tables(frames: dict[str, pl.DataFrame]) -> list[str]:
    """Every problem with the frames, against the contract: schemas, then keys across tables."""
    problems: list[str] = []
    for name, table in TABLES.items():
        if name not in frames:
            problems.append(f"{name}: table is missing from the release")
            continue
        try:
            table.pandera_schema().validate(frames[name], lazy=True)
        except pandera.errors.SchemaErrors as exc:
            cases = exc.failure_cases
            for row in cases.head(20).iter_rows(named=True):
                problems.append(f"{name}: column {row.get('column')!r} fails {row.get('check')}: {row.get('failure_case')!r}")
            if cases.height > 20:
                problems.append(f"{name}: ... and {cases.height - 20} more failure cases")
        except pandera.errors.SchemaError as exc:
            problems.append(f"{name}: {exc}")
    if problems:
        return problems
    for name, table in TABLES.items():
        for fk in table.foreign_keys:
            child = frames[name].get_column(fk.column).drop_nulls().unique()
            parent = frames[fk.table].get_column(fk.table_column)
            orphans = child.filter(~child.is_in(parent.implode())).sort().to_list()
            if orphans:
                problems.append(f"{name}.{fk.column}: {len(orphans)} value(s) not in {fk.table}.{fk.table_column}, e.g. {orphans[:3]}")
    return problems


def sql_string_literal(text: str) -> str:
    """`text` as a DuckDB SQL string literal: quotes doubled, so that no value ends the literal.

    For the statements that take no parameters (`COMMENT ON`). DuckDB reads backslashes in a
    standard literal as themselves; a NUL character cannot be stored and is refused.
    """
    if "\x00" in text:
        raise ValueError(f"a SQL string literal cannot hold a NUL character: {text!r}")
    return "'" + text.replace("'", "''") + "'"


def _field_metadata(column) -> dict[str, str]:
    return {"description": column.description, **({"unit": column.unit} if column.unit else {})}


def _arrow_table(table: Table, frame: pl.DataFrame) -> pa.Table:
    """The frame as Arrow, with the contract's metadata in the Parquet file: per field in the Arrow
    schema (pyarrow shows it), and per column in the file's key-value metadata (`column:<name>`),
    which Polars (`read_parquet_metadata`) and DuckDB (`parquet_kv_metadata`) show."""
    arrow = frame.to_arrow()
    fields = [
        pa.field(c.name, arrow.schema.field(c.name).type, nullable=c.nullable, metadata=_field_metadata(c))
        for c in table.columns
    ]
    schema = pa.schema(fields, metadata={
        "table": table.name, "description": table.description,
        "primary_key": json.dumps(list(table.primary_key)),
        "dataset": DATASET_NAME, "license": DATASET_LICENSE["name"],
        **({"usage": table.usage} if table.usage else {}),
        **{f"column:{c.name}": c.summary for c in table.columns},
    })
    return arrow.cast(schema)


# zstd level 1: on the published tables (dictionary-encoded, repetitive) level 9 wrote files of the
# same size at three times the CPU (10,000 documents' tables: 18.15 MB both, 1.7 s against 0.6 s;
# docs/benchmarks.md)
PARQUET_ZSTD_LEVEL = 1
#: threads writing a release's forms at once (files, database, changelog and package, report): two
#: were as fast as four on the 10,000 documents' tables (2.9-3.6 s against 3.3-4.0 s; one: 4.3-4.9
#: s) for less memory at the peak (1.45 GB against 1.51 GB; one: 1.25 GB)
RELEASE_WRITERS = 2


def write_parquet(arrow: pa.Table, path: Path) -> None:
    """`arrow`: a table as ``_arrow_table`` gives it."""
    pq.write_table(arrow, path, compression="zstd", compression_level=PARQUET_ZSTD_LEVEL,
                   write_statistics=True, use_dictionary=True)


def csv_frame(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """The frame as the CSV carries it: list columns as JSON arrays (null stays null)."""
    lists = [c.name for c in table.columns if isinstance(c.dtype, pl.List)]
    return frame.with_columns(
        pl.when(pl.col(name).is_null()).then(None).otherwise(
            pl.struct(name).struct.json_encode().str.strip_prefix(f'{{"{name}":').str.strip_suffix("}")
        ).alias(name)
        for name in lists
    )


def write_csv(table: Table, frame: pl.DataFrame, path: Path) -> None:
    """UTF-8, comma-separated, a header row, `\\n` line ends, null as an empty field, timestamps in
    ISO 8601 UTC; the same frame gives the same bytes."""
    csv_frame(table, frame).write_csv(path, include_header=True, separator=",", line_terminator="\n",
                                      datetime_format="%Y-%m-%dT%H:%M:%S%.6fZ", date_format="%Y-%m-%d", null_value="")


def write_duckdb(arrows: dict[str, pa.Table], release: ReleaseInfo, path: Path) -> None:
    """The release as one DuckDB file, from its tables as ``_arrow_table`` gives them."""
    con = duckdb.connect(str(path), config=DUCKDB_CONFIG)
    try:
        # Primary keys are declared; foreign keys are checked before publication (validate_tables)
        # rather than declared, since DuckDB's would constrain how releases are built. The key is
        # added once the rows are in: one index build instead of an insert per row into the index
        # (facts of 10,000 documents: 0.6 s instead of 1.1 s), the same constraint in the catalog,
        # and a duplicate key is refused all the same.
        for name in TABLES:
            table = TABLES[name]
            cols = [f"{_ident(c.name)} {_duckdb_type(c.dtype)}{'' if c.nullable else ' NOT NULL'}" for c in table.columns]
            con.execute(f"CREATE TABLE {_ident(name)} ({', '.join(cols)})")
            con.register("incoming", arrows[name])
            con.execute(f"INSERT INTO {_ident(name)} SELECT * FROM incoming")
            con.unregister("incoming")
            con.execute(f"ALTER TABLE {_ident(name)} ADD PRIMARY KEY ({', '.join(_ident(k) for k in table.primary_key)})")
        meta_tables = pl.DataFrame(
            [{"table_name": t.name, "title": t.title, "description": t.description,
              "primary_key": list(t.primary_key), "n_rows": arrows[t.name].num_rows} for t in TABLES.values()],
            schema={"table_name": pl.String, "title": pl.String, "description": pl.String,
                    "primary_key": pl.List(pl.String), "n_rows": pl.Int64},
        )
        meta_columns = pl.DataFrame(
            [{"table_name": t.name, "column_name": c.name, "position": i + 1, "data_type": _duckdb_type(c.dtype),
              "nullable": c.nullable, "description": c.description, "unit": c.unit,
              "allowed_values": list(c.allowed_values) if c.allowed_values is not None else None}
             for t in TABLES.values() for i, c in enumerate(t.columns)],
            schema={"table_name": pl.String, "column_name": pl.String, "position": pl.Int64, "data_type": pl.String,
                    "nullable": pl.Boolean, "description": pl.String, "unit": pl.String,
                    "allowed_values": pl.List(pl.String)},
        )
        meta_release = pl.DataFrame([{
            "release_id": release.release_id, "created_at": release.created_at,
            "inputs_json": json.dumps(release.inputs, sort_keys=True, ensure_ascii=False),
        }])
        for meta_name, meta in (("meta_tables", meta_tables), ("meta_columns", meta_columns), ("meta_release", meta_release)):
            con.register("incoming", meta.to_arrow())
            con.execute(f"CREATE TABLE {_ident(meta_name)} AS SELECT * FROM incoming")
            con.unregister("incoming")
        for statement in comment_statements():
            con.execute(statement)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def comment_statements() -> list[str]:
    """`COMMENT ON` every published table and column: the description, with unit and allowed values."""
    statements = []
    for table in TABLES.values():
        text = table.description + (f" How to add it up: {table.usage}" if table.usage else "")
        statements.append(f"COMMENT ON TABLE {_ident(table.name)} IS {sql_string_literal(text)}")
        statements += [f"COMMENT ON COLUMN {_ident(table.name)}.{_ident(c.name)} IS {sql_string_literal(c.summary)}"
                       for c in table.columns]
    return statements


def text_resources(frames: dict[str, pl.DataFrame], texts: dict[str, str]) -> list[dict]:
    """Data Package resources of the source texts the release carries (`text-<source_id>`), each with
    its source's licence; the bytes are the text as UTF-8, as written in `TEXTS_DIR`."""
    sources = {row["source_id"]: row for row in frames["sources"].iter_rows(named=True)}
    out = []
    for source_id in sorted(texts):
        data = texts[source_id].encode("utf-8")
        source = sources[source_id]
        out.append({
            "name": f"text-{source_id}",
            "title": f"Text of {source['title'] or source_id}",
            "description": (f"The text the pipeline read from source `{source_id}` ({source['format']} file "
                            f"{source['file']}{', as converted' if source['format'] != 'txt' else ''}): the "
                            "`char_start`/`char_end` and `quote_start` of its facts index it. Redistributed under "
                            "the source's licence, not the dataset's."),
            "path": f"{TEXTS_DIR}/{source_id}.txt",
            "format": "txt",
            "mediatype": "text/plain",
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
            "licenses": [{"name": source["license"]}],
            "sources": [{"title": source["title"] or source_id, **({"path": source["url"]} if source["url"] else {})}],
        })
    return out


def datapackage(frames: dict[str, pl.DataFrame], release: ReleaseInfo, changes: dict | None = None,
                texts: dict[str, str] | None = None) -> dict:
    """The Frictionless Data Package: each table twice, as its Parquet file (resource `<table>`)
    and its CSV file (resource `<table>-csv`), with the same fields and constraints; then the
    source texts the release carries (`text_resources`)."""
    def resource(t: Table, csv: bool) -> dict:
        return {
            "name": t.name + (CSV_RESOURCE_SUFFIX if csv else ""),
            "title": t.title + (" (CSV)" if csv else ""),
            "description": t.description,
            "path": f"{CSV_DIR}/{t.name}.csv" if csv else f"{PARQUET_DIR}/{t.name}.parquet",
            "format": "csv" if csv else "parquet",
            "mediatype": "text/csv" if csv else "application/vnd.apache.parquet",
            **({"encoding": "utf-8", "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True}} if csv else {}),
            "type": "table",
            "stats": {"rows": frames[t.name].height},
            "schema": t.frictionless_schema(csv=csv, resource_suffix=CSV_RESOURCE_SUFFIX if csv else ""),
        }

    return {
        # Data Package v2: its table schemas can say every check of the contract (`exclusiveMinimum`).
        "$schema": DATAPACKAGE_PROFILE,
        "name": DATASET_NAME,
        "title": DATASET_TITLE,
        "description": DATASET_DESCRIPTION,
        "version": release.release_id,
        "created": release.created_at.isoformat().replace("+00:00", "Z"),
        "licenses": [DATASET_LICENSE],
        "x-citation": CITATION.format(release_id=release.release_id),
        "x-codebook": "docs/dataset.md in the source repository",
        "release": {"id": release.release_id, "inputs": release.inputs, "changes": changes or {}},
        "resources": [resource(t, csv=False) for t in TABLES.values()] + [resource(t, csv=True) for t in TABLES.values()]
        + text_resources(frames, texts or {}),
    }


_CROISSANT_TYPES = {
    pl.String: "sc:Text", pl.Int64: "sc:Integer", pl.Int32: "sc:Integer", pl.Float64: "sc:Float",
    pl.Boolean: "sc:Boolean", pl.Date: "sc:Date", pl.Datetime: "sc:DateTime",
}
_CROISSANT_CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract", "field": "cr:field", "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet", "format": "cr:format", "includes": "cr:includes", "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath", "key": "cr:key", "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path",
    "recordSet": "cr:recordSet", "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated",
    "replace": "cr:replace", "sc": "https://schema.org/", "separator": "cr:separator", "source": "cr:source",
    "subField": "cr:subField", "transform": "cr:transform",
    "equivalentProperty": "cr:equivalentProperty", "samplingRate": "cr:samplingRate",
}


def _package_version() -> str:
    try:
        return importlib.metadata.version(DATASET_NAME)
    except importlib.metadata.PackageNotFoundError:
        return "0.0.0"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def croissant(release: ReleaseInfo, folder: Path) -> dict:
    """Croissant (MLCommons) metadata of the release in `folder`: every Parquet and CSV file with its
    SHA-256, and one record set per table read from its CSV file (list columns are JSON arrays there)."""
    files = []
    for t in TABLES.values():
        for path, fmt in ((f"{PARQUET_DIR}/{t.name}.parquet", "application/x-parquet"), (f"{CSV_DIR}/{t.name}.csv", "text/csv")):
            files.append({"@type": "cr:FileObject", "@id": path, "name": path, "contentUrl": path,
                          "encodingFormat": fmt, "sha256": _sha256(folder / path)})

    def field(t: Table, c) -> dict:
        listed = isinstance(c.dtype, pl.List)
        out = {
            "@type": "cr:Field", "@id": f"{t.name}/{c.name}", "name": c.name,
            "description": c.summary + (" A JSON array of strings." if listed else ""),
            "dataType": "sc:Text" if listed else _CROISSANT_TYPES[c.dtype.base_type()],
            "source": {"fileObject": {"@id": f"{CSV_DIR}/{t.name}.csv"}, "extract": {"column": c.name}},
        }
        # Foreign keys are said in the description, not as Croissant `references`: mlcroissant
        # 1.1.1 fails to read record sets joined that way, and claims.part_of is a cycle.
        references = [f"{fk.table}.{fk.table_column}" for fk in t.foreign_keys if fk.column == c.name]
        if references:
            out["description"] += " References " + ", ".join(references) + "."
        return out

    return {
        "@context": _CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "name": DATASET_NAME,
        "description": DATASET_DESCRIPTION,
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "license": DATASET_LICENSE["path"],
        # Semantic version required: the code's version, with the release id as build metadata.
        "version": f"{_package_version()}+{release.release_id}",
        "datePublished": release.created_at.date().isoformat(),
        "citeAs": CITATION.format(release_id=release.release_id),
        "distribution": files,
        "recordSet": [
            {"@type": "cr:RecordSet", "@id": t.name, "name": t.name, "description": t.description,
             "key": [{"@id": f"{t.name}/{k}"} for k in t.primary_key],
             "field": [field(t, c) for c in t.columns]}
            for t in TABLES.values()
        ],
    }


def build_release(frames: dict[str, pl.DataFrame], release: ReleaseInfo, folder: Path, previous: Path | None = None,
                  texts: dict[str, str] | None = None) -> None:
    """Write every form of the release into `folder` (which must not exist yet).

    `previous` is the current release's folder, to say what changed since it; `texts` the source
    texts to carry ({source_id: text}, only sources whose licence allows it: `pipelines.source_texts`).
    """
    (folder / PARQUET_DIR).mkdir(parents=True)
    (folder / CSV_DIR).mkdir()
    (folder / TEXTS_DIR).mkdir()

    # Converted to Arrow once, for the Parquet files and the database alike: the conversion copies
    # every string column, and two writers made it twice (10,000 documents' tables: 3.5 s -> 3.2 s).
    arrows = {name: _arrow_table(table, frames[name]) for name, table in TABLES.items()}

    def files() -> None:
        for source_id, text in sorted((texts or {}).items()):
            (folder / TEXTS_DIR / f"{source_id}.txt").write_bytes(text.encode("utf-8"))
        for name, table in TABLES.items():
            write_parquet(arrows[name], folder / PARQUET_DIR / f"{name}.parquet")
            write_csv(table, frames[name], folder / CSV_DIR / f"{name}.csv")

    def changes_and_package() -> None:
        old_facts = previous / PARQUET_DIR / "facts.parquet" if previous else None
        diff = diff_facts(pl.read_parquet(old_facts) if old_facts and old_facts.exists() else None, frames["facts"])
        old_changelog = previous / CHANGELOG_FILE if previous else None
        (folder / CHANGELOG_FILE).write_text(
            render_changelog(diff, release.release_id, release.created_at.isoformat(), previous.name if previous else None,
                             old_changelog.read_text(encoding="utf-8") if old_changelog and old_changelog.exists() else None),
            encoding="utf-8")
        changes = {"since": previous.name if previous else None, **summarise(diff)}
        (folder / DATAPACKAGE_FILE).write_text(
            json.dumps(datapackage(frames, release, changes, texts), indent=2, ensure_ascii=False, sort_keys=False) + "\n",
            encoding="utf-8")

    # The forms are independent files and their writers (Arrow, Polars, DuckDB) release the GIL, so
    # they are written side by side: the release step cost their sum, now about its largest part.
    # Each writer owns its files and runs in a copy of the caller's context (the report's chart cache
    # is a context variable); the first failure is raised once all have stopped.
    with ThreadPoolExecutor(max_workers=RELEASE_WRITERS) as pool:
        running = [pool.submit(contextvars.copy_context().run, job, *args) for job, *args in (
            (files,), (write_duckdb, arrows, release, folder / DATABASE_FILE), (changes_and_package,),
            (write_report, frames, release.release_id, folder / REPORT_DIR))]
        wait(running)
        for future in running:
            future.result()
    # Croissant carries the checksums of the Parquet and CSV files: written once they are.
    (folder / CROISSANT_FILE).write_text(
        json.dumps(croissant(release, folder), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _replace_symlink(link: Path, target: str) -> None:
    tmp = link.with_name(f".{link.name}.{uuid.uuid4().hex}")
    os.symlink(target, tmp)
    os.replace(tmp, link)  # atomic on POSIX


def _compared_inputs(inputs: dict) -> dict:
    return {k: v for k, v in inputs.items() if k not in BUILD_ONLY_INPUTS}


def unchanged_since(previous: Path, frames: dict[str, pl.DataFrame], release: ReleaseInfo) -> bool:
    """True when the release in `previous` was built from the same inputs as `release` (but for
    BUILD_ONLY_INPUTS) and publishes the same rows in every table as `frames` (conformed)."""
    try:
        package = json.loads((previous / DATAPACKAGE_FILE).read_text(encoding="utf-8"))
        old_inputs = package["release"]["inputs"]
    except (OSError, ValueError, KeyError):
        return False
    # Compared as JSON, the form in which the inputs are stored.
    if _compared_inputs(old_inputs) != json.loads(json.dumps(_compared_inputs(release.inputs))):
        return False
    for name in TABLES:
        path = previous / PARQUET_DIR / f"{name}.parquet"
        if not path.exists():
            return False
        old = pl.read_parquet(path)
        if old.schema != frames[name].schema or not old.equals(frames[name], null_equal=True):
            return False
    return True


def publish_release(frames: dict[str, pl.DataFrame], release: ReleaseInfo, warehouse: Path,
                    texts: dict[str, str] | None = None) -> Path:
    """Validate, build and atomically switch to a new release; return its folder.

    When nothing changed since the current release (`unchanged_since`), nothing is written and
    the current release's folder is returned. On any failure before the switch, the previous
    release stays current and untouched.
    """
    problems = validate_tables(frames)
    from pipelines.source_texts import redistributable_sources

    not_redistributable = sorted(set(texts or {}) - set(redistributable_sources(frames["sources"])))
    if not_redistributable:
        problems.append(f"source texts whose licence does not allow redistribution: {', '.join(not_redistributable)}")
    if problems:
        raise PublicationError("release not published, the previous one stays in place:\n  " + "\n  ".join(problems))
    frames = {name: TABLES[name].conform(frames[name]) for name in TABLES}
    releases = warehouse / RELEASES_DIR
    releases.mkdir(parents=True, exist_ok=True)
    with _publication_lock(warehouse):
        final = releases / release.release_id
        if final.exists():
            raise PublicationError(f"release {release.release_id} already exists in {releases}")
        remove_abandoned_staging(releases)
        previous = current_release_dir(warehouse)
        if previous is not None and unchanged_since(previous, frames, release):
            return previous
        staging = releases / f".staging-{release.release_id}-{uuid.uuid4().hex[:8]}"
        try:
            build_release(frames, release, staging, previous=previous, texts=texts)
            make_read_only(staging)
            os.replace(staging, final)
        except BaseException as exc:
            shutil.rmtree(staging, ignore_errors=True)
            cause = write_failure_cause(exc)
            if cause is not None:
                raise StorageError(f"cannot build the release in {releases}: {cause}; "
                                   "the previous release stays published") from exc
            raise
        _fsync_dir(releases)
        # The switch: one atomic rename. Everything before it is invisible to readers.
        _replace_symlink(warehouse / CURRENT_LINK, f"{RELEASES_DIR}/{release.release_id}")
        for name in (DATABASE_FILE, PARQUET_DIR, CSV_DIR, TEXTS_DIR, DATAPACKAGE_FILE, CROISSANT_FILE, CHANGELOG_FILE, REPORT_DIR):
            entry = warehouse / name
            if not entry.is_symlink():
                if entry.is_dir():
                    shutil.rmtree(entry)
                elif entry.exists():
                    entry.unlink()
                _replace_symlink(entry, f"{CURRENT_LINK}/{name}")
        _fsync_dir(warehouse)
        prune_releases(warehouse)
    return final


@contextmanager
def _publication_lock(warehouse: Path) -> Iterator[None]:
    """Publishers take turns (a CLI refresh and a daemon run may meet here); readers never wait."""
    with (warehouse / PUBLICATION_LOCK).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def prune_releases(warehouse: Path, keep: int = KEEP_RELEASES) -> None:
    """Remove all but the newest `keep` complete releases, and abandoned staging folders."""
    releases = warehouse / RELEASES_DIR
    current = current_release_dir(warehouse)
    complete = sorted(p for p in releases.iterdir() if p.is_dir() and not p.name.startswith("."))
    for old in complete[:-keep]:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)
    remove_abandoned_staging(releases)


def remove_abandoned_staging(releases: Path) -> None:
    """Remove the staging folders of runs that died while building a release.

    Called with the publication lock held: publishers take turns, so no staging folder there
    can belong to a run still going; any one found was left by a killed run.
    """
    for staging in releases.glob(".staging-*"):
        shutil.rmtree(staging, ignore_errors=True)


def make_read_only(folder: Path) -> None:
    """Published files are read-only (mode 0444): a write connection opened on an old release
    by mistake cannot change it. Folders stay writable by their owner so that old releases can
    be pruned."""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            path.chmod(0o444)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_published_table(warehouse: Path, name: str) -> pl.DataFrame | None:
    """A table of the current release, or None when nothing is published yet."""
    path = warehouse / PARQUET_DIR / f"{name}.parquet"
    return pl.read_parquet(path) if path.exists() else None
