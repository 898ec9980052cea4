"""The shapes passed between the extraction stages.

The extractor is a chain of small, pure, deterministic stages that know nothing of Dagster:

1. ``segments.split_document(text)`` cuts a document into sentences, each with its span in
   the document and its ``location`` (body, heading, footnote, citation, abstract) or a reason
   to skip it (table of contents, front matter...).
2. ``figures.find_figures(sentence, language)`` finds every quantitative figure in one
   sentence and reads it exactly (value, range, bound, unit, what is counted).
3. ``periods.read_period(...)`` reads the years a figure refers to from its sentence.
4. ``topics.classify(...)`` gives each figure a topic and a metric by transparent rules.
5. ``document.extract_document(...)`` composes them into one Polars frame per document.

All offsets are Python ``str`` indices (code points) into the document text as stored in
``raw/``; ``text[char_start:char_end]`` is the figure as written.
"""

from __future__ import annotations

from dataclasses import dataclass

# Allowed values of the categorical columns, shared by the extractor and the schemas.
BOUNDS = ("exact", "approx", "at_least", "at_most")
LOCATIONS = ("body", "heading", "footnote", "citation", "abstract", "table")  # table: a cell (see tables)
TOPICS = ("compute", "capex", "ai_factories", "startups", "other")
SCOPES = ("site", "fleet", "per_unit", "deliveries")  # what a compute capacity is of (see scope)
# how far from a figure the words of its topic stand, nearest first (topic_context.TopicContext.evidence);
# "reviewed": a curator set the topic
TOPIC_EVIDENCE = ("sentence", "paragraph", "heading", "document", "none", "reviewed")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a heading, a footnote line...) of a document."""

    start: int  # span in the document text
    end: int
    text: str  # == document_text[start:end]
    location: str  # one of LOCATIONS


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure read from a sentence; offsets are relative to the sentence."""

    start: int  # span of the figure as written: qualifier excluded, number + scale + unit
    end: int
    value: float  # base units; the midpoint for a range
    value_low: float
    value_high: float
    bound: str  # one of BOUNDS
    unit: str  # ISO 4217 code for money, else "percent", "factor", "count", "years", "MW"...
    counted: str | None = None  # for counts: singular English ("gpu", "ai_factory", "model")
    hardware: str | None = None  # chip model or family when stated ("H100", "Hopper")
    scale_language: str | None = None  # language whose scale words were applied ("fr"/"en")

    @property
    def is_bare(self) -> bool:
        """A plain number: a count of nothing, with no chip model and no scale word ("180" in
        "Microsoft 180"), which a figure beside it may say the unit of."""
        return self.unit == "count" and self.counted is None and self.hardware is None and self.scale_language is None


@dataclass(frozen=True, slots=True)
class Period:
    """The years a figure refers to, and the words they were read from."""

    start: int | None
    end: int | None
    text: str | None  # exact words of the sentence, e.g. "d'ici 2030", "au dernier trimestre 2024"
    quarter: int | None = None  # 1..4 when the text names a quarter
