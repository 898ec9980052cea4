"""Extraction throughput: our extractor against an open-source number extractor, same text.

``python -m pipelines.benchmark extraction [--mb 50] [--baseline-mb 2]``

1. Generates (streams) a synthetic corpus of ``--mb`` MB from the five seed documents
   (:mod:`pipelines.benchmark.corpus`; generation is not timed).
2. Times ``pipelines.extraction.document.extract_document`` document by document on the whole
   corpus, counting figures (rows) without keeping the frames.
3. Times the baseline, ``quantulum3.parser.parse(text, lang="en_US")``, on the first
   ``--baseline-mb`` MB of the *same* corpus (the same documents, in the same order): quantulum3
   does ~0.04 MB/s fed paragraph by paragraph (~0.01 MB/s on whole documents) and cannot do
   50 MB in minutes. Our timings on exactly that prefix are
   recorded during step 2, so the ratio is also given on identical text.

4. Times the *regex floor* on the whole corpus: one compiled regular expression that finds the
   numbers of each document (``FLOOR_PATTERN``), no rules. No extractor of figures can read the
   text faster than it finds its numbers; ``ours / floor`` says how far the rules are from that.

All are measured in the same process and run (ratios from one run: the machine may be noisy).
Warm-up (imports, first call, quantulum3's unit tables) is done before timing and reported.
MB = 1,000,000 bytes of UTF-8 text; MB/s = corpus bytes / seconds spent inside the extractor.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import resource
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from pipelines.benchmark.corpus import MB, GeneratedDocument, iter_corpus, load_seeds

DEFAULT_MB = 50.0
DEFAULT_BASELINE_MB = 2.0
BASELINES = ("quantulum3", "none")

_PARAGRAPH_RE = re.compile(r"\n[ \t\u00a0\u202f]*\n")
#: The floor (module doc, 4.): a number, its thousands and decimal marks included.
FLOOR_PATTERN = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")


@dataclass
class Run:
    """Throughput of one extractor on one text."""

    extractor: str
    text: str  # "corpus" or "sample"
    documents: int = 0
    n_bytes: int = 0
    seconds: float = 0.0
    figures: int = 0
    peak_rss_mb: float = 0.0  # process peak so far (ru_maxrss), after this run
    slowest_doc: str | None = None
    slowest_doc_seconds: float = 0.0

    @property
    def mb(self) -> float:
        return self.n_bytes / MB

    @property
    def mb_per_s(self) -> float:
        return self.mb / self.seconds if self.seconds else float("nan")

    @property
    def figures_per_s(self) -> float:
        return self.figures / self.seconds if self.seconds else float("nan")

    def add(self, doc: GeneratedDocument, n_bytes: int, seconds: float, figures: int) -> None:
        self.documents += 1
        self.n_bytes += n_bytes
        self.seconds += seconds
        self.figures += figures
        if seconds > self.slowest_doc_seconds:
            self.slowest_doc, self.slowest_doc_seconds = doc.doc_id, seconds

    def as_dict(self) -> dict[str, object]:
        return asdict(self) | {
            "mb": self.mb,
            "mb_per_s": self.mb_per_s,
            "figures_per_s": self.figures_per_s,
        }


@dataclass
class SeedStats:
    """Our extractor per seed document: speed, and figures on the seed vs its variants."""

    seed_file: str
    seed_bytes: int
    seed_figures: int = 0
    documents: int = 0
    n_bytes: int = 0
    seconds: float = 0.0
    figures: int = 0


@dataclass
class Report:
    environment: dict[str, object]
    corpus: dict[str, object]
    warmup: dict[str, float] = field(default_factory=dict)
    runs: list[Run] = field(default_factory=list)
    floor: Run | None = None  # the regex floor on the whole corpus ("figures": numbers found)
    per_seed: list[SeedStats] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ratios: dict[str, float] = field(default_factory=dict)


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (ru_maxrss: KiB on Linux,
    bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak * 1024 / MB


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def environment() -> dict[str, object]:
    return {
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "polars": _version("polars"),
        "quantulum3": _version("quantulum3"),
    }


# --------------------------------------------------------------------------- extractors
def load_ours() -> Callable[[GeneratedDocument], int]:
    """Our extractor as ``doc -> number of figures``."""
    from pipelines.extraction.document import extract_document

    def run(doc: GeneratedDocument) -> int:
        frame = extract_document(doc.text, doc.language, doc.published_year)
        return frame.height

    return run


def load_floor() -> Callable[[GeneratedDocument], int]:
    """The regex floor as ``doc -> numbers found`` (module doc, 4.)."""

    def run(doc: GeneratedDocument) -> int:
        return sum(1 for _ in FLOOR_PATTERN.finditer(doc.text))

    return run


def load_quantulum(unit: str) -> Callable[[GeneratedDocument], int]:
    """quantulum3 as ``doc -> number of quantities``; ``unit`` is what one ``parse`` call gets:
    the whole document, or each paragraph (blank-line separated) in turn."""
    with warnings.catch_warnings():
        # "Classifier dependencies not installed": expected, see the notes printed.
        warnings.simplefilter("ignore")
        from quantulum3 import parser

    def run_document(doc: GeneratedDocument) -> int:
        return len(parser.parse(doc.text, lang="en_US"))

    def run_paragraphs(doc: GeneratedDocument) -> int:
        return sum(
            len(parser.parse(paragraph, lang="en_US"))
            for paragraph in _PARAGRAPH_RE.split(doc.text)
            if paragraph.strip()
        )

    return run_document if unit == "document" else run_paragraphs


def quantulum_languages() -> list[str]:
    from quantulum3 import language

    return sorted(set(language.languages().values()))


# --------------------------------------------------------------------------- measuring
def measure(
    name: str,
    extractor: Callable[[GeneratedDocument], int],
    documents: Iterable[GeneratedDocument],
    *,
    sample_bytes: int | None = None,
    per_seed: dict[str, SeedStats] | None = None,
    progress: Callable[[Run], None] | None = None,
) -> tuple[Run, Run | None]:
    """Time ``extractor`` document by document (only the call is timed). Also returns the
    totals over the corpus prefix that makes the sample (``sample_bytes``), which is exactly
    what ``iter_corpus(target_bytes=sample_bytes)`` yields."""
    run = Run(name, "corpus")
    sample = Run(name, "sample") if sample_bytes is not None else None
    clock = time.perf_counter
    gc.collect()
    for doc in documents:
        n_bytes = doc.n_bytes
        start = clock()
        figures = extractor(doc)
        seconds = clock() - start
        if sample is not None and sample.n_bytes < sample_bytes:  # type: ignore[operator]
            sample.add(doc, n_bytes, seconds, figures)
            if sample.n_bytes >= sample_bytes:  # type: ignore[operator]
                sample.peak_rss_mb = peak_rss_mb()
        run.add(doc, n_bytes, seconds, figures)
        if per_seed is not None:
            stats = per_seed[doc.seed_file]
            stats.documents += 1
            stats.n_bytes += n_bytes
            stats.seconds += seconds
            stats.figures += figures
        if progress is not None:
            progress(run)
    run.peak_rss_mb = peak_rss_mb()
    if sample is not None and not sample.peak_rss_mb:
        sample.peak_rss_mb = run.peak_rss_mb
    return run, sample


class _Progress:
    """One line on stderr every few seconds (only when stderr is a terminal, or forced)."""

    def __init__(self, label: str, total_bytes: int, enabled: bool) -> None:
        self.label, self.total, self.enabled = label, total_bytes, enabled
        self.last = time.perf_counter()

    def __call__(self, run: Run) -> None:
        now = time.perf_counter()
        if self.enabled and now - self.last >= 5:
            self.last = now
            print(
                f"  {self.label}: {run.mb:7.2f} / {self.total / MB:.2f} MB,"
                f" {run.mb_per_s:6.3f} MB/s, {run.figures} figures",
                file=sys.stderr,
                flush=True,
            )


def run_benchmark(
    mb: float = DEFAULT_MB,
    baseline_mb: float = DEFAULT_BASELINE_MB,
    *,
    baseline: str = "quantulum3",
    baseline_unit: str = "paragraph",
    seed: int = 0,
    progress: bool = False,
) -> Report:
    if mb <= 0:
        raise ValueError("--mb must be > 0")
    if baseline not in BASELINES:
        raise ValueError(f"unknown baseline {baseline!r}; choose from {BASELINES}")
    if baseline != "none" and baseline_mb <= 0:
        raise ValueError("--baseline-mb must be > 0 (or use --baseline none)")
    corpus_bytes = int(mb * MB)
    baseline_bytes = int(min(baseline_mb, mb) * MB)
    seeds = load_seeds()

    # Corpus stats (a cheap first pass over the stream: nothing is kept).
    start = time.perf_counter()
    n_docs = n_bytes = 0
    for doc in iter_corpus(target_bytes=corpus_bytes, seed=seed):
        n_docs += 1
        n_bytes += doc.n_bytes
    generation_seconds = time.perf_counter() - start

    report = Report(
        environment=environment(),
        corpus={
            "seed": seed,
            "documents": n_docs,
            "n_bytes": n_bytes,
            "mb": n_bytes / MB,
            "seed_documents": len(seeds),
            "seed_bytes": sum(len(s.text.encode("utf-8")) for s in seeds),
            "generation_seconds": generation_seconds,
            "requested_mb": mb,
            "baseline_requested_mb": baseline_mb,
        },
    )

    # Ours: import, then warm up on the five seed documents (their figure counts are the
    # reference for the per-seed table).
    start = time.perf_counter()
    ours = load_ours()
    report.warmup["ours_import_s"] = time.perf_counter() - start
    per_seed: dict[str, SeedStats] = {}
    start = time.perf_counter()
    for s in seeds:
        doc = GeneratedDocument(f"seed-{s.file}", s.file, s.text, s.language, s.published_year)
        per_seed[s.file] = SeedStats(s.file, doc.n_bytes, seed_figures=ours(doc))
    report.warmup["ours_first_pass_on_seeds_s"] = time.perf_counter() - start

    run, sample = measure(
        "ours",
        ours,
        iter_corpus(target_bytes=corpus_bytes, seed=seed),
        sample_bytes=baseline_bytes if baseline != "none" else None,
        per_seed=per_seed,
        progress=_Progress("ours", n_bytes, progress),
    )
    report.runs.append(run)
    if sample is not None:
        report.runs.append(sample)
    report.per_seed = list(per_seed.values())
    floor, _ = measure("regex floor (numbers, one pass)", load_floor(), iter_corpus(target_bytes=corpus_bytes, seed=seed))
    report.floor = floor
    report.ratios["mb_per_s_ours_over_floor"] = run.mb_per_s / floor.mb_per_s

    if baseline == "quantulum3":
        start = time.perf_counter()
        theirs = load_quantulum(baseline_unit)
        report.warmup["quantulum3_import_s"] = time.perf_counter() - start
        start = time.perf_counter()
        theirs(GeneratedDocument("warmup", "", "It costs about $5 million and weighs 3 kg.", "en", 2025))
        report.warmup["quantulum3_first_call_s"] = time.perf_counter() - start
        name = f"quantulum3 {_version('quantulum3')} (en_US, per {baseline_unit})"
        base, _ = measure(
            name,
            theirs,
            iter_corpus(target_bytes=baseline_bytes, seed=seed),
            progress=_Progress("quantulum3", baseline_bytes, progress),
        )
        base.text = "sample"
        report.runs.append(base)
        report.ratios |= {
            "mb_per_s_ours_corpus_over_theirs_sample": run.mb_per_s / base.mb_per_s,
            "mb_per_s_same_sample": sample.mb_per_s / base.mb_per_s,  # type: ignore[union-attr]
        }
        langs = quantulum_languages()
        report.notes += [
            f"quantulum3 ships these languages only: {', '.join(langs)} (no French model): it was"
            " run on the same French text with lang='en_US'. The comparison is throughput on"
            " identical text, not accuracy; its counts include years, footnote and page numbers.",
            "quantulum3 ran without its optional scikit-learn classifier (not installed): unit"
            " disambiguation uses no_classifier.disambiguate_no_classifier, which tests every"
            " training word with `word in text`, so its cost grows with the length of each"
            f" parse() input. It was fed {baseline_unit} by {baseline_unit}"
            + (
                " (paragraphs = blank-line separated blocks; this favours it:"
                " whole documents are several times slower)."
                if baseline_unit == "paragraph"
                else "."
            ),
        ]
        if base.n_bytes != sample.n_bytes:  # type: ignore[union-attr]
            report.notes.append("warning: baseline sample and our sample differ in size")
    report.notes.append(
        "Figures are not comparable between extractors: ours counts quantitative figures"
        " (money, counts, percentages...), quantulum3 counts every number-with-unit it sees."
    )
    return report


# --------------------------------------------------------------------------- printing
def format_report(report: Report) -> str:
    env, corpus = report.environment, report.corpus
    lines = [
        "Extraction throughput benchmark  (MB = 1,000,000 bytes of UTF-8 text; only the"
        " extractor call is timed)",
        f"Python: {env['python']} on {env['platform']} ({env['cpus']} CPUs);"
        f" polars {env['polars']}, quantulum3 {env['quantulum3']}",
        f"Corpus: seed {corpus['seed']}, {corpus['documents']} documents,"
        f" {corpus['mb']:.2f} MB generated from {corpus['seed_documents']} seed documents"
        f" ({corpus['seed_bytes'] / MB:.3f} MB) in {corpus['generation_seconds']:.1f} s"
        " (not timed)",
        "Warm-up (not timed): "
        + ", ".join(f"{k} {v:.2f} s" for k, v in report.warmup.items()),
        "",
    ]
    header = (
        f"{'extractor':<42} {'text':<7} {'docs':>6} {'MB':>8} {'seconds':>9} {'MB/s':>9}"
        f" {'figures':>9} {'figures/s':>10} {'peak RSS MB':>12}"
    )
    lines += [header, "-" * len(header)]
    for run in [*report.runs, *([report.floor] if report.floor is not None else [])]:
        lines.append(
            f"{run.extractor:<42} {run.text:<7} {run.documents:>6} {run.mb:>8.2f}"
            f" {run.seconds:>9.2f} {run.mb_per_s:>9.4f} {run.figures:>9}"
            f" {run.figures_per_s:>10.1f} {run.peak_rss_mb:>12.1f}"
        )
    lines.append(
        "(peak RSS = peak resident memory of this process so far, ru_maxrss, when the row ended;"
        " documents are processed one at a time and only counts are kept)"
    )
    lines.append("")
    if report.floor is not None:
        lines.append(
            f"Ratio ours/regex floor, MB/s: {report.ratios['mb_per_s_ours_over_floor']:.3f}"
            f" (the floor finds the corpus's numbers with one compiled pattern, {report.floor.figures}"
            " of them: no rules)"
        )
        lines.append("")
    if "mb_per_s_same_sample" in report.ratios:
        lines.append(
            "Ratio ours/quantulum3, MB/s:"
            f" {report.ratios['mb_per_s_ours_corpus_over_theirs_sample']:.1f}x"
            " (ours on the corpus vs quantulum3 on the sample),"
            f" {report.ratios['mb_per_s_same_sample']:.1f}x (both on the same sample)"
        )
        lines.append("")
    lines.append("Ours per seed document (variants of each seed; figures on the seed itself vs"
                 " mean per variant):")
    sub = (
        f"  {'seed':<26} {'docs':>6} {'MB':>8} {'seconds':>9} {'MB/s':>9}"
        f" {'figs/seed':>10} {'figs/variant':>13}"
    )
    lines.append(sub)
    for s in report.per_seed:
        mbps = s.n_bytes / MB / s.seconds if s.seconds else float("nan")
        per_doc = s.figures / s.documents if s.documents else float("nan")
        lines.append(
            f"  {s.seed_file:<26} {s.documents:>6} {s.n_bytes / MB:>8.2f} {s.seconds:>9.2f}"
            f" {mbps:>9.4f} {s.seed_figures:>10} {per_doc:>13.1f}"
        )
    slow = [r for r in report.runs if r.text == "corpus" and r.slowest_doc]
    for r in slow:
        lines.append(
            f"  slowest document for {r.extractor}: {r.slowest_doc}"
            f" ({r.slowest_doc_seconds * 1000:.0f} ms)"
        )
    if report.notes:
        lines.append("")
        lines += [f"Note: {note}" for note in report.notes]
    return "\n".join(lines)


def report_json(report: Report) -> dict[str, object]:
    return {
        "environment": report.environment,
        "corpus": report.corpus,
        "warmup": report.warmup,
        "runs": [r.as_dict() for r in report.runs],
        "floor": report.floor.as_dict() if report.floor is not None else None,
        "per_seed": [asdict(s) for s in report.per_seed],
        "ratios": report.ratios,
        "notes": report.notes,
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mb", type=float, default=DEFAULT_MB,
        help=f"corpus size in MB (10^6 bytes of UTF-8) for our extractor (default {DEFAULT_MB:g})",
    )
    parser.add_argument(
        "--baseline-mb", type=float, default=DEFAULT_BASELINE_MB,
        help="size of the corpus prefix the baseline runs on (default"
        f" {DEFAULT_BASELINE_MB:g}; quantulum3 does ~0.04 MB/s)",
    )
    parser.add_argument(
        "--baseline", choices=BASELINES, default="quantulum3",
        help="open-source extractor to compare with ('none' to skip)",
    )
    parser.add_argument(
        "--baseline-unit", choices=("paragraph", "document"), default="paragraph",
        help="what one quantulum3 parse() call gets (default paragraph: fastest for it)",
    )
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument(
        "--progress", action="store_true", help="print progress lines on stderr every 5 s"
    )


def main(args: argparse.Namespace) -> int:
    try:
        report = run_benchmark(
            args.mb,
            args.baseline_mb,
            baseline=args.baseline,
            baseline_unit=args.baseline_unit,
            seed=args.seed,
            progress=args.progress,
        )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_report(report), flush=True)
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report_json(report), indent=2) + "\n", encoding="utf-8")
        print(f"\nResults written to {args.json}")
    return 0
