"""Measuring the extractor on the annotated evaluation corpus (``tests/corpus/``).

Plain Python and Polars, no Dagster: ``corpus`` loads and validates the passages, ``split``
holds the tuning/test split by publisher, ``matching`` aligns the extractor's figures with the
annotated ones, ``scoring`` computes recall, precision and reading accuracies per half, language
and kind of figure, and ``report`` writes them as Markdown. ``python -m pipelines.evaluation``
(``make eval``) runs the whole measurement.
"""
