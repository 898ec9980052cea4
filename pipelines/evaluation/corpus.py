"""Loading and validating the annotated passages of the evaluation corpus.

A passage is one YAML file ``<corpus>/passages/<language>/<id>.yaml`` (format and annotation
conventions: ``tests/corpus/passages/*/README.md``): a real published text with every figure it
states, annotated by reading. ``load_corpus(root)`` reads them all, in (language, id) order, and
refuses the corpus at the first invalid passage with a ``CorpusError`` naming the file and the
field ("…/en/x.yaml: figures[3].unit: 'Mw' is not a canonical unit …").

Decisions:

* Each annotated figure is located in the passage: its ``text`` is searched from just after the
  start of the previous figure's occurrence (figures are annotated in text order, a repeated
  quantity such as a second "$75 billion" is its next occurrence), and an occurrence must not cut
  a word or a number ("22" is not found inside "2022"). A figure text with no such occurrence is
  an error: either the text is not copied exactly or the figures are out of order.
* Units are the corpus's canonical ones: an ISO 4217 code (three capitals) for money, else one of
  ``ANNOTATION_UNITS``. A typo in a unit would otherwise silently count as a misread value.
* ``published`` may be ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or null (an undated page);
  ``published_year`` is then None and the caller chooses the reference year for relative
  periods (see ``scoring.UNDATED_PUBLISHED_YEAR``).
* Duplicate keys in a mapping are refused (``safe_yaml``): a figure with two ``value:`` lines
  would otherwise keep the last one in silence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipelines.extraction.model import BOUNDS, TOPICS
from pipelines.safe_yaml import safe_load_with_nodes

__all__ = [
    "ANNOTATION_UNITS",
    "AnnotatedFigure",
    "CorpusError",
    "Passage",
    "load_corpus",
    "load_passage",
]

LANGUAGES = ("fr", "en", "de")
ANNOTATION_UNITS = frozenset(
    {
        "count", "percent", "percentage_point", "factor",
        "years", "months", "weeks", "days", "hours",
        "MW", "MWh", "flops", "TB", "m2", "km", "degC",
    }
)
_CURRENCY_RE = re.compile(r"[A-Z]{3}")
_SNAKE_RE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PUBLISHED_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

PASSAGE_FIELDS = ("id", "language", "publisher", "url", "published", "license", "text", "figures")
OPTIONAL_PASSAGE_FIELDS = ("non_figures",)
FIGURE_FIELDS = ("text", "value", "low", "high", "unit", "bound", "counted", "period", "topic", "metric", "geo")
OPTIONAL_FIGURE_FIELDS = ("unit_text", "entity", "note")


class CorpusError(ValueError):
    """An invalid passage file: ``str(error)`` names the file, the field and the problem."""

    def __init__(self, path: Path, field: str, problem: str) -> None:
        self.path = path
        self.field = field
        self.problem = problem
        super().__init__(f"{path}: {field}: {problem}")


@dataclass(frozen=True, slots=True)
class AnnotatedFigure:
    """One figure as the annotator read it, with its occurrence in the passage."""

    index: int  # position in the passage's ``figures`` list
    text: str
    start: int  # occurrence of ``text`` in the passage: passage_text[start:end] == text
    end: int
    value: float
    low: float | None
    high: float | None
    unit: str
    unit_text: str | None
    bound: str
    counted: str | None
    period_start: int | None
    period_end: int | None
    topic: str
    metric: str
    geo: str | None
    entity: str | None


@dataclass(frozen=True, slots=True)
class Passage:
    path: Path
    id: str
    language: str
    publisher: str
    url: str
    published: str | None  # as annotated: "2025", "2025-03" or "2025-03-12"
    published_year: int | None
    license: str
    text: str
    figures: tuple[AnnotatedFigure, ...]
    non_figures: tuple[str, ...]


def load_corpus(root: Path) -> list[Passage]:
    """Every passage under ``root/passages/<language>/``, sorted by (language, id)."""
    folder = root / "passages"
    if not folder.is_dir():
        raise CorpusError(folder, "passages", "no such folder")
    paths = sorted(folder.glob("*/*.yaml"))
    if not paths:
        raise CorpusError(folder, "passages", "no passage file (<language>/<id>.yaml)")
    passages = [load_passage(path) for path in paths]
    ids: dict[str, Path] = {}
    for p in passages:
        if p.id in ids:
            raise CorpusError(p.path, "id", f"{p.id!r} is also the id of {ids[p.id]}")
        ids[p.id] = p.path
    return sorted(passages, key=lambda p: (p.language, p.id))


def load_passage(path: Path) -> Passage:
    """One passage file, validated (see module doc)."""
    try:
        data, _ = safe_load_with_nodes(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CorpusError(path, "yaml", str(error).replace("\n", " ")) from None
    if not isinstance(data, dict):
        raise CorpusError(path, "passage", "the file must hold one mapping")
    _check_fields(path, "", data, PASSAGE_FIELDS, OPTIONAL_PASSAGE_FIELDS)

    pid = _string(path, "id", data["id"])
    if not _ID_RE.fullmatch(pid) or pid != path.stem:
        raise CorpusError(path, "id", f"{pid!r} must be lowercase words joined by '-' and equal the file name")
    language = _string(path, "language", data["language"])
    if language not in LANGUAGES or language != path.parent.name:
        raise CorpusError(path, "language", f"{language!r} must be one of {LANGUAGES} and the name of the folder")
    publisher = _string(path, "publisher", data["publisher"])
    url = _string(path, "url", data["url"])
    license_ = _string(path, "license", data["license"])
    text = _string(path, "text", data["text"])
    published, year = _published(path, data["published"])

    raw_figures = data["figures"] if data["figures"] is not None else []
    if not isinstance(raw_figures, list):
        raise CorpusError(path, "figures", "must be a list (or null for a passage without figures)")
    figures: list[AnnotatedFigure] = []
    cursor = 0
    for i, raw in enumerate(raw_figures):
        figure = _figure(path, i, raw, text, cursor)
        cursor = figure.start + 1
        figures.append(figure)

    raw_non = data.get("non_figures") or []
    if not isinstance(raw_non, list) or not all(isinstance(x, str | int) for x in raw_non):
        raise CorpusError(path, "non_figures", "must be a list of strings")
    return Passage(
        path=path, id=pid, language=language, publisher=publisher, url=url, published=published,
        published_year=year, license=license_, text=text, figures=tuple(figures),
        non_figures=tuple(str(x) for x in raw_non),
    )


def find_occurrence(text: str, needle: str, start: int) -> int:
    """Index of the first occurrence of ``needle`` in ``text`` at or after ``start`` that does
    not begin or end inside a word or number (a number's group or decimal mark between digits
    is inside it: "500" is not in "2,500"); -1 when there is none."""
    pos = text.find(needle, start)
    while pos != -1:
        end = pos + len(needle)
        cuts_before = pos > 0 and needle[0].isalnum() and (text[pos - 1].isalnum() or (
            needle[0].isdigit() and pos > 1 and text[pos - 1] in ",." and text[pos - 2].isdigit()))
        cuts_after = end < len(text) and needle[-1].isalnum() and (text[end].isalnum() or (
            needle[-1].isdigit() and end + 1 < len(text) and text[end] in ",." and text[end + 1].isdigit()))
        if not (cuts_before or cuts_after):
            return pos
        pos = text.find(needle, pos + 1)
    return -1


def _figure(path: Path, i: int, raw: object, text: str, cursor: int) -> AnnotatedFigure:
    where = f"figures[{i}]"
    if not isinstance(raw, dict):
        raise CorpusError(path, where, "must be a mapping")
    _check_fields(path, where + ".", raw, FIGURE_FIELDS, OPTIONAL_FIGURE_FIELDS)
    ftext = _string(path, f"{where}.text", raw["text"])
    start = find_occurrence(text, ftext, cursor)
    if start == -1:
        problem = (
            f"{ftext!r} does not occur in the passage text"
            if find_occurrence(text, ftext, 0) == -1
            else f"{ftext!r} does not occur after the previous figure (figures must be in text order)"
        )
        raise CorpusError(path, f"{where}.text", problem)

    value = _number(path, f"{where}.value", raw["value"])
    low = _number(path, f"{where}.low", raw["low"], nullable=True)
    high = _number(path, f"{where}.high", raw["high"], nullable=True)
    if (low is None) != (high is None):
        raise CorpusError(path, f"{where}.low", "low and high are both set (a range) or both null")
    if low is not None and high is not None and not low <= high:
        raise CorpusError(path, f"{where}.low", f"low {low} is above high {high}")

    unit = _string(path, f"{where}.unit", raw["unit"])
    if unit not in ANNOTATION_UNITS and not _CURRENCY_RE.fullmatch(unit):
        raise CorpusError(
            path, f"{where}.unit",
            f"{unit!r} is not a canonical unit (an ISO 4217 code or one of {sorted(ANNOTATION_UNITS)})",
        )
    bound = _string(path, f"{where}.bound", raw["bound"])
    if bound not in BOUNDS:
        raise CorpusError(path, f"{where}.bound", f"{bound!r} is not one of {BOUNDS}")
    topic = _string(path, f"{where}.topic", raw["topic"])
    if topic not in TOPICS:
        raise CorpusError(path, f"{where}.topic", f"{topic!r} is not one of {TOPICS}")
    metric = _string(path, f"{where}.metric", raw["metric"])
    if not _SNAKE_RE.fullmatch(metric):
        raise CorpusError(path, f"{where}.metric", f"{metric!r} is not snake_case")
    counted = raw["counted"]
    if counted is not None and not (isinstance(counted, str) and _SNAKE_RE.fullmatch(counted)):
        raise CorpusError(path, f"{where}.counted", f"{counted!r} must be null or snake_case")
    period_start, period_end = _period(path, f"{where}.period", raw["period"])
    geo = raw["geo"]
    if geo is not None and not (isinstance(geo, str) and geo.strip()):
        raise CorpusError(path, f"{where}.geo", "must be null or a non-empty string")
    unit_text = raw.get("unit_text")
    entity = raw.get("entity")
    return AnnotatedFigure(
        index=i, text=ftext, start=start, end=start + len(ftext), value=value, low=low, high=high,
        unit=unit, unit_text=str(unit_text) if unit_text is not None else None, bound=bound,
        counted=counted, period_start=period_start, period_end=period_end, topic=topic,
        metric=metric, geo=geo, entity=str(entity) if entity is not None else None,
    )


def _check_fields(path: Path, prefix: str, data: dict, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
    for name in required:
        if name not in data:
            raise CorpusError(path, prefix + name, "missing")
    allowed = set(required) | set(optional)
    for name in data:
        if name not in allowed:
            raise CorpusError(path, f"{prefix}{name}", f"unknown field (allowed: {', '.join(sorted(allowed))})")


def _string(path: Path, field: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CorpusError(path, field, f"must be a non-empty string, not {value!r}")
    return value


def _number(path: Path, field: str, value: object, *, nullable: bool = False) -> float | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        hint = ""
        if isinstance(value, str) and re.fullmatch(r"[-+]?\d+[eE][-+]?\d+", value):
            hint = " (YAML reads an exponent without a decimal point as text: write 1.0e+18)"
        raise CorpusError(path, field, f"must be a number{' or null' if nullable else ''}, not {value!r}{hint}")
    return float(value)


def _period(path: Path, field: str, value: object) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(y, int) and not isinstance(y, bool) for y in value)
        or value[0] > value[1]
    ):
        raise CorpusError(path, field, f"must be null or [first year, last year], not {value!r}")
    return value[0], value[1]


def _published(path: Path, value: object) -> tuple[str | None, int | None]:
    if value is None:
        return None, None
    if isinstance(value, dt.date):  # YAML reads an unquoted YYYY-MM-DD as a date
        return value.isoformat(), value.year
    text = str(value)
    m = _PUBLISHED_RE.fullmatch(text)
    if not m or not (m.group(2) is None or 1 <= int(m.group(2)) <= 12):
        raise CorpusError(path, "published", f"{value!r} is not YYYY, YYYY-MM, YYYY-MM-DD or null")
    return text, int(m.group(1))
