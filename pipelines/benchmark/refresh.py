"""Refresh at scale: full, incremental and no-op refresh times on generated corpora of N documents.

For each size N (default 100, 1,000 and 10,000), a private project is laid out in a temporary
folder: N documents generated from the five seeds (numbers and names varied, see
`pipelines.benchmark.corpus`), a registry listing them, the real gazetteer, no annotations.
Then, each in a fresh process exactly as a user runs it (`python -m pipelines.refresh`):

1. a full refresh (every document extracted, one run, release published), with the default
   number of workers (``EAC_WORKERS``, one per core);
2. one document changed (a sentence appended), then an incremental refresh;
3. a refresh with nothing to do;
4. for the sizes given to ``--scaling``: a full refresh with one worker, then with ``--workers``
   (default 2), for the speed-up.

Before the sizes, the stack's floors, each in a fresh process: importing `pipelines.definitions`;
a bare Dagster process that materialises three trivial assets in process; and the bookkeeping of
one trivial asset over N dynamic partitions in one run against one unpartitioned asset doing the
same N trivial steps (what a partition per document costs, whatever the extraction).

``--code DIR`` (repeatable) runs the refresh processes from other checkouts of the project, e.g.
the code before a change (``git archive <commit> | tar -x -C DIR``), interleaved size by size
with the same corpora, so that their ratios come from one run on the same machine.

Timings are wall-clock on a shared machine: compare ratios from one run, not absolute values.
Peak memory is the largest resident size of the refresh process or of any of its workers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import asdict, dataclass, field
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
    cpu_seconds: float = 0.0  # user + system, of the process and its workers

    @property
    def cores_used(self) -> float:
        return self.cpu_seconds / self.seconds if self.seconds else 0.0


@dataclass
class SizeResult:
    code: str
    n_documents: int
    corpus_mb: float
    full: Measure
    incremental: Measure
    noop: Measure
    scaling: dict[int, Measure] = field(default_factory=dict)  # workers -> full refresh
    tables: Path | None = None  # a copy of the Parquet files published after the incremental refresh
    differing_tables: list[str] | None = None  # from those of the first checkout (None: not compared)

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


def run_process(command: list[str], cwd: Path, env: dict[str, str]) -> Measure:
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err, text=True)
        # wait4 gives this child's resource usage (peak RSS: its own or a reaped worker's, the larger).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        summary = out.read().strip().splitlines()
        if returncode != 0:
            summary += err.read().strip().splitlines()[-5:]
    # ru_maxrss in kilobytes on Linux; the CPU times include the workers the process waited for.
    return Measure(seconds, usage.ru_maxrss / 1024, returncode, " | ".join(summary), usage.ru_utime + usage.ru_stime)


def run_refresh_process(root: Path, full: bool, code: Path = PROJECT_ROOT, workers: int | None = None) -> Measure:
    env = os.environ | {
        "EAC_RAW_DIR": str(root / "raw"), "EAC_WAREHOUSE_DIR": str(root / "warehouse"),
        "EAC_WORK_DIR": str(root / "work"), "DAGSTER_HOME": str(root / "dagster_home"), "EAC_LOG_LEVEL": "WARNING",
    }
    if workers is not None:
        env["EAC_WORKERS"] = str(workers)
    return run_process([sys.executable, "-m", "pipelines.refresh", *(["--full"] if full else [])], code, env)


def _fresh_state(root: Path) -> None:
    for folder in ("warehouse", "work", "dagster_home"):
        shutil.rmtree(root / folder, ignore_errors=True)
    (root / "dagster_home").mkdir()
    (root / "dagster_home" / "dagster.yaml").symlink_to(INSTANCE_CONFIG)


def benchmark_size(n_documents: int, seed: int, workdir: Path, codes: list[Path], scaling: bool,
                   workers: int, scaling_codes: list[str] | None = None) -> list[SizeResult]:
    root = workdir / f"n{n_documents}"
    raw = lay_out_project(root, n_documents, seed)
    corpus_mb = sum(p.stat().st_size for p in (raw / "documents").iterdir()) / 1e6
    changed = sorted((raw / "documents").iterdir())[n_documents // 2]
    original = changed.read_bytes()
    results = []
    for code in codes:
        _fresh_state(root)
        changed.write_bytes(original)
        time.sleep(2.1)  # files older than the store's "settled" delay, as in real use
        full = run_refresh_process(root, full=True, code=code)
        with changed.open("a", encoding="utf-8") as handle:
            handle.write("\nLe budget complémentaire atteint 42 millions d'euros en 2025.\n")
        incremental = run_refresh_process(root, full=False, code=code)
        noop = run_refresh_process(root, full=False, code=code)
        result = SizeResult(code.name, n_documents, corpus_mb, full, incremental, noop)
        # The tables each checkout published from the same corpus, compared below.
        published = root / "warehouse" / "parquet"
        if published.is_dir():
            result.tables = root / f"parquet-{len(results)}-{code.name}"
            shutil.copytree(published, result.tables, dirs_exist_ok=True)
        if scaling and (scaling_codes is None or code.name in scaling_codes):
            for count in (1, workers):
                _fresh_state(root)
                result.scaling[count] = run_refresh_process(root, full=True, code=code, workers=count)
        results.append(result)
    changed.write_bytes(original)
    for result in results[1:]:
        if results[0].tables is not None and result.tables is not None:
            result.differing_tables = differing_tables(results[0].tables, result.tables)
    return results


def differing_tables(first: Path, second: Path) -> list[str]:
    """The Parquet files of two releases whose rows differ (`rejections.seen_at` aside: a time)."""
    import polars as pl

    differ = []
    for path in sorted(first.glob("*.parquet")):
        other = second / path.name
        if not other.exists():
            differ.append(path.stem)
            continue
        a, b = pl.read_parquet(path), pl.read_parquet(other)
        if path.stem == "rejections":
            a, b = a.drop("seen_at"), b.drop("seen_at")
        if not a.equals(b):
            differ.append(path.stem)
    return differ


# --- the stack's floors -----------------------------------------------------------------------------

_BARE_STACK = """
import time
started = time.perf_counter()
import dagster as dg

@dg.asset
def a() -> int:
    return 1

@dg.asset
def b(a: int) -> int:
    return a + 1

@dg.asset
def c(b: int) -> int:
    return b + 1

with dg.DagsterInstance.get() as instance:
    assert dg.materialize([a, b, c], instance=instance).success
print(f"in process {time.perf_counter() - started:.2f} s")
"""

_PARTITIONS = """
import sys, time
import dagster as dg

n, mode = int(sys.argv[1]), sys.argv[2]
parts = dg.DynamicPartitionsDefinition(name="docs")

@dg.asset(partitions_def=parts, backfill_policy=dg.BackfillPolicy.single_run())
def per_partition(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"n": len(context.partition_keys)})

@dg.asset
def one_asset(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"n": sum(1 for _ in range(n))})

with dg.DagsterInstance.get() as instance:
    keys = [f"doc-{i:05d}" for i in range(n)]
    if mode == "partitions":
        instance.add_dynamic_partitions("docs", keys)
    started = time.perf_counter()
    job = dg.Definitions(assets=[per_partition, one_asset]).resolve_implicit_global_asset_job_def()
    if mode == "partitions":
        result = job.execute_in_process(instance=instance, asset_selection=[per_partition.key], tags={
            "dagster/asset_partition_range_start": keys[0], "dagster/asset_partition_range_end": keys[-1]})
    else:
        result = job.execute_in_process(instance=instance, asset_selection=[one_asset.key])
    assert result.success
print(f"run {time.perf_counter() - started:.2f} s")
"""


@dataclass
class Floors:
    import_definitions: Measure
    bare_stack: Measure
    partitions: dict[str, Measure]  # "partitions" / "one asset" -> run over n_partitions
    n_partitions: int


def _dagster_process(script: str, args: list[str], workdir: Path, name: str) -> Measure:
    home = workdir / f"floor-{name}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    (home / "dagster.yaml").symlink_to(INSTANCE_CONFIG)
    env = os.environ | {"DAGSTER_HOME": str(home)}
    return run_process([sys.executable, "-c", textwrap.dedent(script), *args], PROJECT_ROOT, env)


def measure_floors(workdir: Path, n_partitions: int, code: Path = PROJECT_ROOT) -> Floors:
    imports = min((run_process([sys.executable, "-c", "import pipelines.definitions"], code, dict(os.environ))
                   for _ in range(3)), key=lambda m: m.seconds)
    bare = _dagster_process(_BARE_STACK, [], workdir, "bare")
    partitions = {mode: _dagster_process(_PARTITIONS, [str(n_partitions), mode], workdir, mode.replace(" ", "-"))
                  for mode in ("partitions", "one-asset")}
    return Floors(imports, bare, partitions, n_partitions)


# --- printing ---------------------------------------------------------------------------------------


def format_results(results: list[SizeResult]) -> str:
    lines = [
        f"{'code':>10} {'documents':>9} {'MB':>6} {'full s':>7} {'docs/s':>6} {'MB/s':>5} {'incr. s':>7} {'incr/full':>9} "
        f"{'no-op s':>7} {'peak MB':>7} {'cores':>5}",
    ]
    for r in results:
        lines.append(
            f"{r.code[-10:]:>10} {r.n_documents:>9,} {r.corpus_mb:>6.1f} {r.full.seconds:>7.1f} {r.n_documents / r.full.seconds:>6.1f} "
            f"{r.corpus_mb / r.full.seconds:>5.2f} {r.incremental.seconds:>7.1f} {r.ratio:>9.3f} {r.noop.seconds:>7.1f} "
            f"{r.full.peak_rss_mb:>7.0f} {r.full.cores_used:>5.2f}"
        )
    scaled = [r for r in results if r.scaling]
    if scaled:
        lines.append("")
        lines.append("Full refresh by number of workers (EAC_WORKERS):")
        for r in scaled:
            counts = sorted(r.scaling)
            base = r.scaling[counts[0]].seconds
            lines.append(f"  {r.code[-10:]:>10} {r.n_documents:>6,} documents: " + ", ".join(
                f"{c} worker{'s' if c > 1 else ''} {r.scaling[c].seconds:.1f} s ({base / r.scaling[c].seconds:.2f}x, "
                f"{r.scaling[c].cores_used:.2f} cores busy, peak {r.scaling[c].peak_rss_mb:.0f} MB)" for c in counts))
    lines.append("")
    lines.append("Linearity of the full refresh (time per document, relative to the smallest corpus):")
    for code in dict.fromkeys(r.code for r in results):
        mine = [r for r in results if r.code == code]
        base = mine[0]
        for r in mine:
            per_doc = r.full.seconds / r.n_documents
            lines.append(f"  {code[-10:]:>10} {r.n_documents:>6,} documents: {per_doc * 1000:8.1f} ms/document = "
                         f"{per_doc / (base.full.seconds / base.n_documents):5.2f} x")
    for r in results:
        if r.differing_tables is not None:
            lines.append(f"tables published by {r.code} at {r.n_documents:,} documents: "
                         + (f"DIFFER from {results[0].code}'s: {', '.join(r.differing_tables)}" if r.differing_tables
                            else "identical to the first checkout's"))
    for r in results:
        for name, m in (("full", r.full), ("incremental", r.incremental), ("no-op", r.noop), *((f"{c} workers", m) for c, m in r.scaling.items())):
            if m.returncode:
                lines.append(f"FAILED {r.code} at {r.n_documents}, {name}: {m.summary}")
    return "\n".join(lines)


def format_floors(floors: Floors) -> str:
    p, o = floors.partitions["partitions"], floors.partitions["one-asset"]
    return "\n".join([
        f"import pipelines.definitions: {floors.import_definitions.seconds:.2f} s (best of 3)",
        f"bare stack (import Dagster, materialise three trivial assets in process): {floors.bare_stack.seconds:.2f} s",
        f"Dagster bookkeeping of {floors.n_partitions:,} trivial steps in one run: one partition each {p.seconds:.1f} s, "
        f"one asset {o.seconds:.1f} s ({(p.seconds - o.seconds) / floors.n_partitions * 1000:.1f} ms per partition)",
    ] + [f"FAILED floor: {m.summary}" for m in (floors.import_definitions, floors.bare_stack, p, o) if m.returncode])


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000], help="corpus sizes in documents")
    parser.add_argument("--scaling", type=int, nargs="*", default=[1000],
                        help="sizes at which a full refresh is also timed with 1 and --workers workers")
    parser.add_argument("--workers", type=int, default=2, help="the second worker count of the scaling runs")
    parser.add_argument("--scaling-code", action="append", default=None,
                        help="folder name of the --code checkouts the scaling runs apply to (default: all)")
    parser.add_argument("--floor-partitions", type=int, default=1000, help="partitions of the bookkeeping floor (0: skip the floors)")
    parser.add_argument("--code", type=Path, action="append", default=None,
                        help="a checkout of the project to run the refreshes from (repeatable; default: this one)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=None, help="keep the generated projects here")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON")


def main(args: argparse.Namespace) -> int:
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="eac-bench-refresh-"))
    codes = [c.resolve() for c in (args.code or [PROJECT_ROOT])]
    results: list[SizeResult] = []
    floors = None
    try:
        if args.floor_partitions:
            print("floors ...", flush=True)
            floors = measure_floors(workdir, args.floor_partitions)
            print(format_floors(floors), flush=True)
        for n in args.sizes:
            print(f"refresh benchmark: {n:,} documents ...", flush=True)
            found = benchmark_size(n, args.seed, workdir, codes, n in args.scaling, args.workers, args.scaling_code)
            results.extend(found)
            print("\n".join(format_results(found).splitlines()[1:1 + len(found)]), flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    if floors is not None:
        print(format_floors(floors))
        print()
    print(format_results(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "floors": asdict(floors) if floors else None,
            "sizes": [asdict(r) | {"ratio": r.ratio, "tables": str(r.tables)} for r in results],
        }, indent=2), encoding="utf-8")
    measures = [m for r in results for m in (r.full, r.incremental, r.noop, *r.scaling.values())]
    return 0 if all(m.returncode == 0 for m in measures) else 1
