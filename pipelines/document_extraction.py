"""Extracting many registered documents, on every core: a pool of worker processes inside the run.

Each document is extracted (``extraction.corpus.extract_converted_document``) and written to its
folder of the document store by the process that extracted it; only its record (a few hundred
bytes) comes back, and the caller updates the store's index once for all of them. Documents
are independent, so the workers need no coordination; each is handed one document at a time
(the longest first, so that a large document does not start last and run alone).

Workers are *spawned* processes, not forked ones: Polars' thread pool and the Dagster run's
state must not be copied into a child mid-flight. Starting a worker costs an import of the
extractor and the compiling of its patterns (about 1.5 s of a core), so the number of workers
follows the work (``worker_count``): one per ``BYTES_PER_WORKER`` of documents to extract, a
single one (the calling process itself) below that: the five seed documents, an incremental
refresh of a few changed ones.

``EAC_WORKERS`` sets the most workers (default: the cores this process may use).
A document whose extraction raises (a bug, not bad input: bad input is a rejected record) does
not stop the others; the failures are returned with the source id and the error. A storage
error (``StorageError``: a folder full or read-only) stops the extraction at once.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.document_record import DocumentRecord
from pipelines.document_store import DocumentStore
from pipelines.entities import Gazetteer
from pipelines.registry import RegistryEntry
from pipelines.storage import StorageError

WORKERS_VARIABLE = "EAC_WORKERS"


def workers_from_environment() -> int:
    """``EAC_WORKERS`` (a positive integer), else the number of cores this process may use."""
    raw = os.environ.get(WORKERS_VARIABLE, "").strip()
    if not raw:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        workers = int(raw)
    except ValueError:
        raise ValueError(f"{WORKERS_VARIABLE}={raw!r}: expected a number of worker processes (1 or more)") from None
    if workers < 1:
        raise ValueError(f"{WORKERS_VARIABLE}={raw!r}: expected a number of worker processes (1 or more)")
    return workers


#: The bytes of documents one more worker must have to extract to pay for its start: its fixed
#: cost, about 0.8 s of wall clock more than extracting in the calling process, is half the
#: extraction time of about 1 MB at 0.7 MB/s. Measured on the seed build (122 KB, ten documents),
#: four alternated rounds: the extraction step took 1.57-1.76 s in the calling process, 2.19-2.92 s
#: with two workers (docs/benchmarks.md).
BYTES_PER_WORKER = 1_000_000


def worker_count(sizes: list[int], available: int) -> int:
    """Processes to extract documents of ``sizes`` bytes: one per ``BYTES_PER_WORKER`` beyond the
    first, at most ``available`` and one per document, at least one."""
    return max(1, min(available, len(sizes), 1 + sum(sizes) // BYTES_PER_WORKER))


@dataclass
class Extracted:
    records: list[DocumentRecord] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source_id, error)
    workers: int = 1


# One worker's state, set once by `_start_worker` (a worker extracts many documents).
_WORKER: dict = {}


def _start_worker(raw_dir: Path, store_root: Path, gazetteer: Gazetteer, gazetteer_sha256: str | None) -> None:
    _WORKER.update(raw_dir=raw_dir, store=DocumentStore(store_root), gazetteer=gazetteer, gazetteer_sha256=gazetteer_sha256)


def _extract_one(entry: RegistryEntry) -> DocumentRecord:
    from pipelines.extraction.corpus import extract_converted_document

    record, figures, converted_text = extract_converted_document(
        _WORKER["raw_dir"], entry, _WORKER["gazetteer"], _WORKER["gazetteer_sha256"])
    _WORKER["store"].write(record, figures, converted_text)
    return record


def _size(raw_dir: Path, entry: RegistryEntry) -> int:
    try:
        return os.stat(raw_dir / entry.file).st_size
    except OSError:
        return 0


def extract_documents(
    raw_dir: Path, entries: list[RegistryEntry], gazetteer: Gazetteer, gazetteer_sha256: str | None,
    store: DocumentStore, workers: int | None = None, progress: Callable[[DocumentRecord], None] | None = None,
) -> Extracted:
    """Extract ``entries`` and write each to ``store`` (not its index); ``workers`` processes
    (default: ``worker_count`` of their sizes, up to ``EAC_WORKERS``)."""
    if workers is None:
        workers = worker_count([_size(raw_dir, e) for e in entries], workers_from_environment())
    workers = max(1, min(workers, len(entries)))
    done = Extracted(workers=workers)

    def finished(record: DocumentRecord) -> None:
        done.records.append(record)
        if progress is not None:
            progress(record)

    if workers == 1:
        _start_worker(raw_dir, store.root, gazetteer, gazetteer_sha256)
        for entry in entries:
            try:
                finished(_extract_one(entry))
            except StorageError:
                raise  # a folder full or read-only: no other document can be written either
            except Exception as exc:  # noqa: BLE001 - reported with the document, the others go on
                done.failures.append((entry.source_id, _describe(exc)))
        _WORKER.clear()
        return done
    ordered = sorted(entries, key=lambda e: -_size(raw_dir, e))
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_worker, initargs=(raw_dir, store.root, gazetteer, gazetteer_sha256)) as pool:
        futures = {pool.submit(_extract_one, entry): entry.source_id for entry in ordered}
        for future in as_completed(futures):
            try:
                finished(future.result())
            except StorageError:
                raise
            except Exception as exc:  # noqa: BLE001 - a worker's error or a worker that died
                done.failures.append((futures[future], _describe(exc)))
    done.records.sort(key=lambda r: r.source_id)
    done.failures.sort()
    return done


def _describe(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    return f"{type(exc).__name__}: {exc}" + (f" ({Path(where.filename).name}:{where.lineno})" if where else "")
