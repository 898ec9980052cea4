"""``python -m pipelines.benchmark <benchmark> [options]``

Benchmarks:
  extraction   throughput of our extractor (MB/s, figures/s) on a generated corpus, against
               quantulum3 on the same text (see pipelines/benchmark/extraction.py)
  refresh      full and incremental refresh on generated corpora of N documents, peak memory,
               linearity (see pipelines/benchmark/refresh.py)
  document     one document of 1, 10 and 50 MB: time and peak memory of each per-document
               stage (see pipelines/benchmark/document.py)
"""

from __future__ import annotations

import argparse
import sys

from pipelines.benchmark import document, extraction, refresh


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.benchmark",
        description="Benchmarks of the European AI capacity pipeline.",
    )
    sub = parser.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    extraction_parser = sub.add_parser(
        "extraction",
        help="extraction throughput (MB/s, figures/s), ours vs quantulum3",
        description=extraction.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extraction.add_arguments(extraction_parser)
    extraction_parser.set_defaults(func=extraction.main)
    refresh_parser = sub.add_parser(
        "refresh",
        help="full and incremental refresh times on corpora of 100, 1,000 and 10,000 documents",
        description=refresh.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    refresh.add_arguments(refresh_parser)
    refresh_parser.set_defaults(func=refresh.main)
    document_parser = sub.add_parser(
        "document",
        help="one document of 1, 10 and 50 MB: seconds and peak memory per extraction stage",
        description=document.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    document.add_arguments(document_parser)
    document_parser.set_defaults(func=document.main)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
