"""Per-document extraction results, kept between runs so a refresh re-extracts only what changed.

One folder per document under the store's root, and one index of all of them:

    <root>/<source_id>/record.json      what was extracted from what (fingerprint, checksum, status)
    <root>/<source_id>/figures.parquet  the figures extracted from it (empty when rejected)
    <root>/<source_id>/text.txt         for a converted format (md, csv...): the converted text,
                                        which char_start/char_end and quote_start/quote_end index
    <root>/records.parquet              the records of every document, one row each (the index)
    <root>/figures.parquet              the figures of every document, one file (a cache, below)
    <root>/figures-manifest.parquet     per document in it: fingerprint, figures, and the size
                                        and modification time of the figure file it was read from
    <root>/registry.json                the registry's entries as last validated, for the plan to
                                        read back (``pipelines.registry_cache``, not the store's)

A document's *fingerprint* (``pipelines.fingerprint``) hashes everything its extraction depends
on; a document whose fingerprint equals the stored one needs no new extraction.

Writes are atomic per file (temporary name, then os.replace). A document's folder is written
figures first and record last, so a killed run leaves either the old result or the new one,
never a record pointing at the wrong figures. The index is rewritten once per run, after the
folders of the documents extracted (``update_index``): a refresh reads one file to know what is
stored, not one per document. A run killed before the index is written leaves it describing the
previous results; the documents extracted meanwhile then look stale and are extracted again by
the next refresh (wasted work, never a wrong table). A missing index is rebuilt from the
record files.

Reading every document's figure file costs one open per document (seconds at thousands of
documents, on every refresh); so ``update_index`` also keeps them in one file, rebuilt from the
previous one for the documents unchanged. It is a cache: a document is read from it only when
its manifest row still matches the index (fingerprint, figures) and its figure file (size and
modification time in ns); otherwise every figure is read from the per-document files.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import polars as pl

from pipelines.document_record import DocumentRecord
from pipelines.storage import StorageError, write_atomically, write_failure_cause

__all__ = ["INDEX_FILE", "DocumentRecord", "DocumentStore", "StoredDocuments", "records_index"]

INDEX_FILE = "records.parquet"
# Every document's figures in one file, and what it holds (a cache of the per-document files).
FIGURES_FILE = "figures.parquet"
FIGURES_MANIFEST = "figures-manifest.parquet"
# Registry ids are slugs (pipelines.registry): a folder name that cannot leave the store's root.
_SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

_UNKNOWN_NAME = pl.Struct({"name": pl.String, "count": pl.Int64, "example": pl.String})
INDEX_SCHEMA = {
    "source_id": pl.String, "fingerprint": pl.String, "sha256": pl.String, "n_chars": pl.Int64, "status": pl.String,
    "reason": pl.String, "detail": pl.String, "n_figures": pl.Int64, "entities": pl.List(pl.String),
    "unknown_names": pl.List(_UNKNOWN_NAME), "size": pl.Int64, "mtime_ns": pl.Int64,
}
RECORD_COLUMNS = ("source_id", "fingerprint", "sha256", "n_chars", "status", "reason", "detail", "n_figures")


def records_index(records: list[DocumentRecord]) -> pl.DataFrame:
    """Records as rows of the index (sorted by source id)."""
    rows = [asdict(r) | {"unknown_names": [dict(zip(("name", "count", "example"), u)) for u in r.unknown_names],
                         "entities": list(r.entities)} for r in records]
    return pl.DataFrame(rows, schema=INDEX_SCHEMA).sort("source_id")


@dataclass(frozen=True)
class StoredDocuments:
    """The stored results of many documents, as frames (rows in source id order).

    ``records``: source_id, fingerprint, sha256, n_chars, status, reason, detail, n_figures;
    ``mentions``: (source_id, entity_id) for each entity a document names;
    ``unknown_names``: name, source_id, count, example; ``figures``: every figure, source_id first.
    """

    records: pl.DataFrame
    mentions: pl.DataFrame
    unknown_names: pl.DataFrame
    figures: pl.DataFrame | None  # None when no document has been read

    @classmethod
    def from_index(cls, index: pl.DataFrame, figures: pl.DataFrame | None) -> StoredDocuments:
        mentions = (index.select("source_id", pl.col("entities").alias("entity_id")).explode("entity_id")
                    .filter(pl.col("entity_id").is_not_null()))
        unknown = (index.select("source_id", "unknown_names").explode("unknown_names")
                   .filter(pl.col("unknown_names").is_not_null()).unnest("unknown_names")
                   .select("name", "source_id", "count", "example"))
        return cls(index.select(RECORD_COLUMNS), mentions, unknown, figures)


class DocumentStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    @classmethod
    def in_work_dir(cls, work: Path) -> DocumentStore:
        return cls(Path(work) / "documents")

    def _folder(self, source_id: str) -> Path:
        if not _SOURCE_ID.match(source_id):
            raise ValueError(f"invalid source id for the document store: {source_id!r}")
        return self.root / source_id

    def write(self, record: DocumentRecord, figures: pl.DataFrame, converted_text: str | None = None) -> None:
        """One document's folder; the index is updated afterwards, once per run (``update_index``)."""
        folder = self._folder(record.source_id)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot create {folder}: {write_failure_cause(exc) or exc}") from exc
        write_atomically(folder / "figures.parquet", lambda tmp: figures.write_parquet(tmp, compression="zstd"))
        if converted_text is not None:
            write_atomically(folder / "text.txt", lambda tmp: tmp.write_bytes(converted_text.encode("utf-8")))
        else:
            (folder / "text.txt").unlink(missing_ok=True)
        text = json.dumps(asdict(record), sort_keys=True, ensure_ascii=False)
        write_atomically(folder / "record.json", lambda tmp: tmp.write_text(text, encoding="utf-8"))

    def record(self, source_id: str) -> DocumentRecord | None:
        path = self._folder(source_id) / "record.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return DocumentRecord(**(data | {"entities": tuple(data.get("entities", ())),
                                             "unknown_names": tuple(tuple(n) for n in data.get("unknown_names", ()))}))
        except (OSError, ValueError, TypeError):
            return None

    def converted_text(self, source_id: str) -> str | None:
        """The converted text a converted document's offsets index (None for a text file)."""
        try:
            return (self._folder(source_id) / "text.txt").read_bytes().decode("utf-8")
        except OSError:
            return None

    def figures(self, source_id: str) -> pl.DataFrame:
        return pl.read_parquet(self._folder(source_id) / "figures.parquet")

    def source_ids(self) -> list[str]:
        """The documents with a record file (a scan of the folders; the index is faster)."""
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and (p / "record.json").exists())

    def delete(self, source_id: str) -> None:
        shutil.rmtree(self._folder(source_id), ignore_errors=True)

    # The index ------------------------------------------------------------------------------

    def index(self) -> pl.DataFrame:
        """Every stored record, one row per document (sorted by source id); rebuilt from the record
        files when the index is missing or unreadable."""
        try:
            return pl.read_parquet(self.root / INDEX_FILE)
        except (OSError, pl.exceptions.PolarsError):
            records = [r for s in self.source_ids() if (r := self.record(s)) is not None]
            return records_index(records)

    def update_index(self, written: list[DocumentRecord], removed: list[str] = ()) -> pl.DataFrame:
        """Replace the rows of the documents ``written`` and drop those ``removed``; returns the index."""
        replaced = [r.source_id for r in written] + list(removed)
        index = pl.concat([self.index().filter(~pl.col("source_id").is_in(replaced)), records_index(written)]).sort("source_id")
        self.root.mkdir(parents=True, exist_ok=True)
        self._update_combined(index)
        write_atomically(self.root / INDEX_FILE, lambda tmp: index.write_parquet(tmp, compression="zstd"))
        return index

    def read_results(self, source_ids: list[str], index: pl.DataFrame | None = None) -> StoredDocuments:
        """Records and figures of the documents named, from the index and one Parquet read of
        their figure files, or of the combined file when it holds them as they are (rows in
        source id order)."""
        index = self.index() if index is None else index
        wanted = index.filter(pl.col("source_id").is_in(list(source_ids))).sort("source_id")
        missing = sorted(set(source_ids) - set(wanted.get_column("source_id").to_list()))
        if missing:
            raise FileNotFoundError(f"document {missing[0]!r} has no extraction in {self.root}: run a refresh to extract it"
                                    + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
        figures = self._combined_figures(wanted)
        if figures is None:
            paths = [str(self._folder(s) / "figures.parquet") for s in wanted.get_column("source_id")]
            figures = pl.read_parquet(paths) if paths else None
        expected = int(wanted.get_column("n_figures").sum())
        if figures is not None and figures.height != expected:
            raise StorageError(f"the document store {self.root} is inconsistent ({figures.height} figures stored, "
                               f"{expected} recorded): run `make dataset` to extract every document again")
        return StoredDocuments.from_index(wanted, figures)

    # The combined figures -----------------------------------------------------------------------

    def _file_states(self, index: pl.DataFrame) -> pl.DataFrame:
        """(source_id, fingerprint, n_figures, size, mtime_ns) of each document's figure file now."""
        sizes, times = [], []
        for source_id in index.get_column("source_id").to_list():
            try:
                stat = (self._folder(source_id) / "figures.parquet").stat()
                sizes.append(stat.st_size)
                times.append(stat.st_mtime_ns)
            except OSError:
                sizes.append(None)
                times.append(None)
        return index.select("source_id", "fingerprint", "n_figures").with_columns(
            pl.Series("size", sizes, dtype=pl.Int64), pl.Series("mtime_ns", times, dtype=pl.Int64))

    def _still_combined(self, states: pl.DataFrame) -> pl.DataFrame:
        """The rows of `states` whose documents the combined file holds as they are now."""
        try:
            manifest = pl.read_parquet(self.root / FIGURES_MANIFEST)
        except (OSError, pl.exceptions.PolarsError):
            return states.clear()
        return states.join(manifest, on=list(states.columns), how="semi", nulls_equal=False)

    def _combined_figures(self, wanted: pl.DataFrame) -> pl.DataFrame | None:
        """The wanted documents' figures from the combined file; None unless it holds all of them."""
        if wanted.is_empty():
            return None
        states = self._file_states(wanted)
        if self._still_combined(states).height != states.height:
            return None
        try:
            return (pl.scan_parquet(self.root / FIGURES_FILE)
                    .filter(pl.col("source_id").is_in(wanted.get_column("source_id").implode())).collect())
        except (OSError, pl.exceptions.PolarsError):
            return None

    def _update_combined(self, index: pl.DataFrame) -> None:
        """Rewrite the combined file for `index`: the documents it still holds as they are taken
        from it, the others from their own figure files."""
        states = self._file_states(index)
        kept = self._still_combined(states)
        fresh = states.join(kept, on="source_id", how="anti")
        parts = []
        if kept.height:
            try:
                parts.append(pl.scan_parquet(self.root / FIGURES_FILE)
                             .filter(pl.col("source_id").is_in(kept.get_column("source_id").implode())).collect())
            except (OSError, pl.exceptions.PolarsError):
                kept, fresh = kept.clear(), states
                parts = []
        paths = [str(self._folder(s) / "figures.parquet") for s in fresh.get_column("source_id")]
        if paths:
            parts.append(pl.read_parquet(paths))
        if not parts or any(state is None for state in states.get_column("size").to_list()):
            (self.root / FIGURES_MANIFEST).unlink(missing_ok=True)
            return
        try:
            # Stable: each document's rows keep their order (that of its own file).
            combined = pl.concat(parts).sort("source_id", maintain_order=True)
        except pl.exceptions.PolarsError:  # schemas that differ: no combined file, the files are read
            (self.root / FIGURES_MANIFEST).unlink(missing_ok=True)
            return
        # The manifest goes last: a run killed in between leaves a manifest that no longer matches.
        (self.root / FIGURES_MANIFEST).unlink(missing_ok=True)
        write_atomically(self.root / FIGURES_FILE, lambda tmp: combined.write_parquet(tmp))
        write_atomically(self.root / FIGURES_MANIFEST, lambda tmp: states.write_parquet(tmp))
