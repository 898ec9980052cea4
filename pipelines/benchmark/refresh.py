"""Refresh at scale: full and incremental refresh times on generated corpora of N documents.

For each size N (default 100, 1,000 and 10,000), a private project is laid out in a temporary
folder: N documents generated from the five seeds (numbers and names varied, see
`pipelines.benchmark.corpus`), a registry listing them, the real gazetteer, no annotations.
Then, each in a fresh process exactly as a user runs it (`python -m pipelines.refresh`):

1. a full refresh (every document extracted, one run, release published);
2. one document changed (a sentence appended), then an incremental refresh.

Printed per size: corpus size, full refresh seconds, documents/s and MB/s, incremental
seconds, incremental/full ratio, peak memory (max RSS) of each process. Then whether the full
refresh grows linearly: the time per document at each size against the smallest.
Timings are wall-clock on a shared machine: compare ratios from one run, not absolute values.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from pipelines.benchmark.corpus import generate_document, load_seeds
from pipelines.storage import INSTANCE_CONFIG, PROJECT_ROOT


@dataclass
class Measure:
    seconds: float
    peak_rss_mb: float
    returncode: int
    summary: str


@dataclass
class SizeResult:
    n_documents: int
    corpus_mb: float
    full: Measure
    incremental: Measure

    @property
    def ratio(self) -> float:
        return self.incremental.seconds / self.full.seconds


def lay_out_project(root: Path, n_documents: int, seed: int) -> Path:
    """raw/ with n generated documents, their registry and the real gazetteer."""
    raw = root / "raw"
    (raw / "documents").mkdir(parents=True)
    (raw / "curation").mkdir()
    # The gazetteer applies to any document; the claims and AI-factory references quote the five
    # real sources, which a generated corpus does not have.
    (raw / "reference").mkdir()
    shutil.copy(PROJECT_ROOT / "raw" / "reference" / "entities.yaml", raw / "reference" / "entities.yaml")
    seeds = load_seeds()
    registry = []
    for index in range(n_documents):
        doc = generate_document(index, seed, seeds=seeds)
        name = f"{doc.doc_id}.txt"
        (raw / "documents" / name).write_text(doc.text, encoding="utf-8")
        registry.append({
            "id": doc.doc_id.lower().replace("_", "-"), "file": f"documents/{name}", "title": None, "author": None,
            "publisher": None, "published": str(doc.published_year), "language": doc.language, "url": None, "license": None,
        })
    (raw / "sources.yaml").write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return raw


def run_refresh_process(root: Path, full: bool) -> Measure:
    env = os.environ | {
        "EAC_RAW_DIR": str(root / "raw"), "EAC_WAREHOUSE_DIR": str(root / "warehouse"),
        "EAC_WORK_DIR": str(root / "work"), "DAGSTER_HOME": str(root / "dagster_home"), "EAC_LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "pipelines.refresh", *(["--full"] if full else [])]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=err, text=True)
        # wait4 gives this child's own resource usage (peak RSS), not the high-water mark of all children.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        summary = out.read().strip().splitlines()
        if process.returncode != 0:
            summary += err.read().strip().splitlines()[-5:]
    peak = usage.ru_maxrss / 1024  # kilobytes on Linux
    return Measure(seconds, peak, process.returncode, " | ".join(summary))


def benchmark_size(n_documents: int, seed: int, workdir: Path) -> SizeResult:
    root = workdir / f"n{n_documents}"
    raw = lay_out_project(root, n_documents, seed)
    corpus_mb = sum(p.stat().st_size for p in (raw / "documents").iterdir()) / 1e6
    (root / "dagster_home").mkdir()
    (root / "dagster_home" / "dagster.yaml").symlink_to(INSTANCE_CONFIG)
    full = run_refresh_process(root, full=True)
    changed = sorted((raw / "documents").iterdir())[n_documents // 2]
    with changed.open("a", encoding="utf-8") as handle:
        handle.write("\nLe budget complémentaire atteint 42 millions d'euros en 2025.\n")
    incremental = run_refresh_process(root, full=False)
    return SizeResult(n_documents, corpus_mb, full, incremental)


def format_results(results: list[SizeResult]) -> str:
    lines = [
        f"{'documents':>9} {'MB':>7} {'full s':>8} {'docs/s':>8} {'MB/s':>6} {'incr. s':>8} {'incr/full':>9} "
        f"{'peak MB':>8}",
    ]
    for r in results:
        lines.append(
            f"{r.n_documents:>9,} {r.corpus_mb:>7.1f} {r.full.seconds:>8.1f} {r.n_documents / r.full.seconds:>8.1f} "
            f"{r.corpus_mb / r.full.seconds:>6.2f} {r.incremental.seconds:>8.1f} {r.ratio:>9.3f} {r.full.peak_rss_mb:>8.0f}"
        )
    base = results[0]
    lines.append("")
    lines.append("Linearity of the full refresh (time per document, relative to the smallest corpus):")
    for r in results:
        per_doc = r.full.seconds / r.n_documents
        lines.append(f"  {r.n_documents:>6,} documents: {per_doc * 1000:8.1f} ms/document = "
                     f"{per_doc / (base.full.seconds / base.n_documents):5.2f} x")
    failures = [r for r in results if r.full.returncode or r.incremental.returncode]
    for r in failures:
        lines.append(f"FAILED at {r.n_documents}: full: {r.full.summary} / incremental: {r.incremental.summary}")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000], help="corpus sizes in documents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=None, help="keep the generated projects here")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON")


def main(args: argparse.Namespace) -> int:
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="eac-bench-refresh-"))
    results = []
    try:
        for n in args.sizes:
            print(f"refresh benchmark: {n:,} documents ...", flush=True)
            results.append(benchmark_size(n, args.seed, workdir))
            print(format_results(results[-1:]).splitlines()[1], flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(format_results(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(r) | {"ratio": r.ratio} for r in results], indent=2), encoding="utf-8")
    return 0 if all(r.full.returncode == 0 and r.incremental.returncode == 0 for r in results) else 1
