"""Benchmarks: a synthetic corpus generator and the extraction throughput benchmark.

Run ``python -m pipelines.benchmark extraction --help``.
"""

from pipelines.benchmark.corpus import GeneratedDocument, generate_corpus, iter_corpus

__all__ = ["GeneratedDocument", "generate_corpus", "iter_corpus"]
