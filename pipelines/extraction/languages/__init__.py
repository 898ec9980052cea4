"""The words each extraction rule reads, one resource per language: the engine that loads them.

Idea (after Microsoft Recognizers-Text, which keeps ``Patterns/<Language>/`` as data and
``Specs/`` as test cases): the *grammar* of a figure (a number, its scale, its currency, its
bound, its unit, what it counts) is code, written once in the rule modules of
``pipelines.extraction``; the *words* a language uses for each part are data, one file per
language, ``languages/<code>/rules.yaml``, with its test cases as data beside it,
``languages/<code>/specs.yaml`` (run by ``tests/extraction/test_language_specs.py``). Adding a
language is adding one folder; no rule module names a language.

How a document is read:

* with its own language's resource, and with the resources its language declares in
  ``also_reads``: French and German reports quote English titles and figures ("more than $300
  Billion" in a French article), so both also read English. English reads English only.
* Where the same word means different things in two languages it is read (``billion`` is 10^9 in
  English, 10^12 in French and German; ``1,500`` is 1.5 in French and 1500 in English), the
  *phrase language* (``numbers.phrase_language``) decides, from the resources' cues.

Fragments: a word entry is a regular-expression fragment, matched case-insensitively unless the
section says otherwise; a space in it matches any run of spaces (no-break ones included) and ``" ?"`` an
optional space, an apostrophe either apostrophe (``'`` or ``’``). Entries are tried in the order written: put
longer forms first (``pas moins de`` before ``moins de``).

Every file is read with ``yaml.safe_load`` and checked against :data:`SECTIONS`; a missing or
misspelt section or key is an error naming the file and the key, at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent

#: Section -> key -> kind: ``words`` (list of fragments), ``table`` (name -> list of fragments),
#: ``values`` (word -> number), ``text`` (one string), ``languages`` (list of codes).
#: Keys not listed are refused; a language may leave a section or key out (no words there).
SECTIONS: dict[str, dict[str, str]] = {
    "numbers": {
        "decimal_mark": "text",
        "scale_words": "values",
        "scale_abbreviations": "values",
        "scale_of": "words",
        "function_words": "words",
        "phrase_cues": "words",
        "symbol_cues": "words",
    },
    "number_words": {
        "cardinals": "words",
        "joiners": "words",
        "ones": "words",
        "ones_in_runs": "words",
        "articles_before_scale": "words",
        "multiplier_verbs": "table",
        "multiplier_words": "table",
        "fractions": "table",
        "division": "words",
        "collectives": "table",
        "collectives_exact": "table",
        "more_than": "words",
    },
    "bounds": {
        "at_least": "words",
        "at_most": "words",
        "approx": "words",
        "adverbs": "words",
        "articles": "words",
        "period_words": "words",
    },
    "currencies": {
        "connectors": "words",
        "words": "table",
        "pounds_after_scale": "words",
    },
    "units": {
        "percent": "words",
        "percentage_point": "words",
        "factor": "words",
        "factor_half": "words",
        "factor_glued": "words",
        "durations": "table",
        "measures": "table",
    },
    "counted": {
        "nouns": "table",
        "adjectives": "words",
        "connectors": "words",
    },
    "ranges": {
        "to": "words",
        "and": "words",
        "between": "words",
    },
    "dates": {
        "months": "words",
    },
    "topics": {
        "words": "table",
        "keywords": "table",
    },
    "discourse": {f"{cue}_{where}": "words" for cue in ("colon", "enumeration", "emergence", "existence", "structure", "kinds")
                  for where in ("head", "tail", "after", "figure")},
    "claims": {
        "part_cues": "words",
        "part_list_breaks": "words",
        "back_references": "words",
    },
    "scope": {
        "per_unit_before": "words",
        "per_unit_after": "words",
        "deliveries": "words",
        "site": "words",
        "fleet": "words",
    },
    "periods": {
        "rules": "table",
        "relative": "table",
        "relative_gate": "words",
        "quarter_words": "table",
        "first_of_month": "words",
        "as_of": "words",
        "change_verbs": "words",
        "change_from": "words",
        "change_to": "words",
    },
    "places": {
        "names": "table",
        "acronyms": "table",
        "articles": "words",
        "excluded_before": "words",
        "compared_before": "words",
        "comparison_terms": "words",
        "clause_openers": "words",
        "ranking_before": "words",
        "ranking_after": "words",
        "counterpart_before": "words",
        "demonyms": "words",
    },
    "sentences": {
        "abbreviations": "words",
    },
}

SPACE = "[ \u00a0\u202f]+"
OPTIONAL_SPACE = "[ \u00a0\u202f]?"
APOSTROPHE = "['’]"


class LanguageResourceError(ValueError):
    """A language resource that cannot be used: names the file and the key."""

    def __init__(self, path: Path, key: str, problem: str) -> None:
        super().__init__(f"{path}: {key}: {problem}")


@dataclass(frozen=True)
class LanguageResource:
    code: str
    name: str
    also_reads: tuple[str, ...]
    sections: dict[str, dict[str, Any]]
    path: Path


def _check(path: Path, data: Any) -> LanguageResource:
    if not isinstance(data, dict):
        raise LanguageResourceError(path, "(file)", "must be a mapping")
    code = data.get("language")
    if not isinstance(code, str) or code != path.parent.name:
        raise LanguageResourceError(path, "language", f"must be the folder's name {path.parent.name!r}")
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise LanguageResourceError(path, "name", "must be the language's name")
    also = data.get("also_reads", [])
    if not isinstance(also, list) or not all(isinstance(c, str) for c in also):
        raise LanguageResourceError(path, "also_reads", "must be a list of language codes")
    sections: dict[str, dict[str, Any]] = {}
    for section, body in data.items():
        if section in ("language", "name", "also_reads"):
            continue
        if section not in SECTIONS:
            raise LanguageResourceError(path, section, f"unknown section (known: {', '.join(SECTIONS)})")
        if not isinstance(body, dict):
            raise LanguageResourceError(path, section, "must be a mapping")
        for key, value in body.items():
            kind = SECTIONS[section].get(key)
            where = f"{section}.{key}"
            if kind is None:
                raise LanguageResourceError(path, where, f"unknown key (known: {', '.join(SECTIONS[section])})")
            _check_value(path, where, kind, value)
        sections[section] = body
    return LanguageResource(code, name, tuple(also), sections, path)


def _check_value(path: Path, where: str, kind: str, value: Any) -> None:
    ok = {
        "text": lambda v: isinstance(v, str),
        "words": lambda v: isinstance(v, list) and all(isinstance(w, str) and w for w in v),
        "values": lambda v: isinstance(v, dict) and all(
            isinstance(k, str) and isinstance(n, (int, float)) and not isinstance(n, bool) for k, n in v.items()),
        "table": lambda v: isinstance(v, dict) and all(
            isinstance(k, str) and isinstance(ws, list) and all(isinstance(w, str) and w for w in ws)
            for k, ws in v.items()),
    }[kind](value)
    if not ok:
        raise LanguageResourceError(path, where, f"must be {kind}")
    if kind in ("words", "table"):
        fragments = value if kind == "words" else [w for ws in value.values() for w in ws]
        for fragment in fragments:
            try:
                re.compile(fragment_pattern(fragment))
            except re.error as error:
                raise LanguageResourceError(path, where, f"{fragment!r} is not a valid pattern: {error}") from None


@cache
def _resources() -> dict[str, LanguageResource]:
    found: dict[str, LanguageResource] = {}
    for path in sorted(HERE.glob("*/rules.yaml")):
        with path.open(encoding="utf-8") as f:
            found[path.parent.name] = _check(path, yaml.safe_load(f))
    for resource in found.values():
        for other in resource.also_reads:
            if other not in found:
                raise LanguageResourceError(resource.path, "also_reads", f"no resource for {other!r}")
    return found


def languages() -> tuple[str, ...]:
    """The language codes the extractor reads (one resource each), sorted."""
    return tuple(sorted(_resources()))


def resource(code: str) -> LanguageResource:
    try:
        return _resources()[code]
    except KeyError:
        raise ValueError(f"no rule resource for language {code!r} (known: {', '.join(languages())})") from None


def normalise(language: str) -> str:
    """The resource code of a language tag (``"fr"``, ``"FR"``, ``"fr-FR"`` -> ``"fr"``); ValueError
    when no resource reads it."""
    code = str(language).strip().lower().replace("_", "-").split("-")[0]
    resource(code)
    return code


@cache
def reading_languages(code: str) -> tuple[str, ...]:
    """The languages a document in ``code`` is read in: its own, then those it ``also_reads``."""
    own = resource(code)
    return (code, *(c for c in own.also_reads if c != code))


def fragment_pattern(fragment: str) -> str:
    """A resource fragment as a regular expression: spaces and apostrophes made lenient."""
    return re.sub(r" +(\?)?", lambda m: OPTIONAL_SPACE if m.group(1) else SPACE, fragment).replace("'", APOSTROPHE)


def words(code: str, section: str, key: str, *, reading: bool = True) -> tuple[str, ...]:
    """The fragments of ``section.key`` in the languages ``code`` reads (or only ``code``), in
    order, duplicates dropped."""
    seen: dict[str, None] = {}
    for lang in reading_languages(code) if reading else (code,):
        for w in resource(lang).sections.get(section, {}).get(key, []):
            seen.setdefault(w, None)
    return tuple(seen)


def table(code: str, section: str, key: str, *, reading: bool = True) -> dict[str, tuple[str, ...]]:
    """``name -> fragments`` of ``section.key``, merged over the languages ``code`` reads; names keep
    the order of their first appearance."""
    merged: dict[str, dict[str, None]] = {}
    for lang in reading_languages(code) if reading else (code,):
        for name, fragments in resource(lang).sections.get(section, {}).get(key, {}).items():
            bucket = merged.setdefault(name, {})
            for w in fragments:
                bucket.setdefault(w, None)
    return {name: tuple(ws) for name, ws in merged.items()}


def values(code: str, section: str, key: str) -> dict[str, float]:
    """``word -> number`` of ``section.key`` in ``code`` only (meanings differ between languages)."""
    return {w: float(v) for w, v in resource(code).sections.get(section, {}).get(key, {}).items()}


def text(code: str, section: str, key: str, default: str) -> str:
    return str(resource(code).sections.get(section, {}).get(key, default))


def alternation(fragments: tuple[str, ...] | list[str]) -> str:
    """``(?:f1|f2|...)`` of resource fragments (spaces and apostrophes lenient); never empty."""
    if not fragments:
        return r"(?!x)x"
    return "(?:" + "|".join(fragment_pattern(f) for f in fragments) + ")"


def all_words(section: str, key: str) -> tuple[str, ...]:
    """The fragments of ``section.key`` in every language (for patterns that find a word in any
    language, the meaning being decided by the phrase language)."""
    seen: dict[str, None] = {}
    for code in languages():
        for w in resource(code).sections.get(section, {}).get(key, []):
            seen.setdefault(w, None)
    return tuple(seen)


def all_values(section: str, key: str) -> dict[str, dict[str, float]]:
    """``word -> {language: number}`` of ``section.key`` over every language."""
    out: dict[str, dict[str, float]] = {}
    for code in languages():
        for w, v in values(code, section, key).items():
            out.setdefault(w, {})[code] = v
    return out
