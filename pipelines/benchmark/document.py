"""One large document: time and peak memory of each per-document stage at 1, 10 and 50 MB.

``python -m pipelines.benchmark document [--mb 1 10 50] [--json out.json]``

The work done per document grows with the document; this benchmark checks that it grows
linearly, in time and in memory, up to the 50 MB a registered document may weigh. For each
size, a child process (so that each peak RSS is its own):

1. builds one French-and-English document of that size by joining generated documents
   (:mod:`pipelines.benchmark.corpus`; not timed);
2. times the stages ``extraction.corpus.extract_registered_document`` runs, in its order:
   ``extract_document`` (sentences, figures, periods, topics, places), ``assign_entities``,
   ``unknown_organisations`` and ``entities_named``;
3. reports each stage's seconds, the figures found, and the process's peak RSS above what it
   held before the document was built (imports, gazetteer).

MB = 1,000,000 bytes of UTF-8 text.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from pipelines.benchmark.corpus import MB, iter_corpus

DEFAULT_SIZES = (1.0, 10.0, 50.0)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mb", type=float, nargs="+", default=list(DEFAULT_SIZES), help="document sizes in MB")
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)  # child: measure one size, print JSON


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak * 1024 / MB


def measure_one(mb: float) -> dict:
    import polars as pl

    from pipelines.entities import GAZETTEER_FILE, assign_entities, entities_named, load_gazetteer, unknown_organisations
    from pipelines.extraction.document import extract_document
    from pipelines.storage import raw_dir

    gazetteer = load_gazetteer(raw_dir() / GAZETTEER_FILE)
    extract_document("Le plan prévoit 12 milliards d'euros pour Mistral AI.", "fr", 2025)  # warm-up
    before = _peak_mb()
    text = "\n\n".join(d.text for d in iter_corpus(target_bytes=int(mb * MB)))
    stages: dict[str, float] = {}

    def timed(name, call):
        started = time.perf_counter()
        result = call()
        stages[name] = round(time.perf_counter() - started, 2)
        return result

    figures = timed("extract_document", lambda: extract_document(text, "fr", 2025))
    figures = figures.with_columns(pl.lit("doc").alias("source_id"))
    timed("assign_entities", lambda: assign_entities(figures, gazetteer))
    timed("unknown_organisations", lambda: unknown_organisations(pl.DataFrame({"source_id": ["doc"], "text": [text]}), gazetteer))
    timed("entities_named", lambda: entities_named(text, gazetteer))
    size = len(text.encode("utf-8")) / MB
    total = sum(stages.values())
    return {"mb": round(size, 2), "figures": figures.height, "seconds": round(total, 1), "stages": stages,
            "seconds_per_mb": round(total / size, 2), "peak_rss_mb_above_start": round(_peak_mb() - before)}


def main(args: argparse.Namespace) -> int:
    if args.one is not None:
        print(json.dumps(measure_one(args.one)))
        return 0
    results = []
    print("| MB | figures | extract | entities | unknown names | names | total | s/MB | peak RSS above start |")
    print("|---|---|---|---|---|---|---|---|---|")
    for mb in args.mb:
        done = subprocess.run([sys.executable, "-m", "pipelines.benchmark", "document", "--one", str(mb)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(f"| {mb:g} | failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode} |")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        s = r["stages"]
        print(f"| {r['mb']:.1f} | {r['figures']:,} | {s['extract_document']:.1f} s | {s['assign_entities']:.1f} s | "
              f"{s['unknown_organisations']:.1f} s | {s['entities_named']:.1f} s | {r['seconds']:.1f} s | "
              f"{r['seconds_per_mb']:.2f} | {r['peak_rss_mb_above_start']:,} MB |", flush=True)
        results.append(r)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0
