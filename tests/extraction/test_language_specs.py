"""Each language resource's test cases (``pipelines/extraction/languages/<code>/specs.yaml``).

One case per rule of the resource: the sentence, and every figure it states in order (exact
words, value in base units, unit, bound; range ends and the counted noun when given). The
figures found must be exactly these: a figure too many is a failure too. A figure may also give
its ``period`` ([start, end], the sentence read as a document published in ``published``,
default 2025), ``geo`` and ``topic``/``metric``: these are read by the whole document stage.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pipelines.extraction import languages as language_rules
from pipelines.extraction.document import extract_document
from pipelines.extraction.figures import find_figures

SPECS = sorted(Path(language_rules.HERE).glob("*/specs.yaml"))
CASES = [
    pytest.param(path.parent.name, case, id=f"{path.parent.name}:{case['rule']}")
    for path in SPECS
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
]


def test_every_language_has_its_cases() -> None:
    assert {p.parent.name for p in SPECS} == set(language_rules.languages())
    for code in language_rules.languages():
        assert sum(1 for c in CASES if c.values[0] == code) >= 10, code


@pytest.mark.parametrize(("language", "case"), CASES)
def test_language_spec(language: str, case: dict) -> None:
    sentence = case["sentence"]
    got = [
        {
            "text": sentence[f.start:f.end],
            "value": f.value,
            "low": f.value_low,
            "high": f.value_high,
            "unit": f.unit,
            "bound": f.bound,
            "counted": f.counted,
        }
        for f in find_figures(sentence, language)
    ]
    expected = []
    for e in case["figures"]:
        value = float(e["value"])
        expected.append({
            "text": e["text"], "value": pytest.approx(value),
            "low": pytest.approx(float(e.get("low", value))), "high": pytest.approx(float(e.get("high", value))),
            "unit": e["unit"], "bound": e["bound"], "counted": e.get("counted"),
        })
    assert got == expected


READ_FIELDS = ("period", "geo", "topic", "metric")


@pytest.mark.parametrize(("language", "case"), [c for c in CASES if any(
    k in f for f in c.values[1]["figures"] for k in READ_FIELDS)])
def test_language_spec_readings(language: str, case: dict) -> None:
    rows = extract_document(case["sentence"], language, case.get("published", 2025)).to_dicts()
    by_text = {r["figure_text"]: r for r in rows}
    for e in case["figures"]:
        row = by_text[e["text"]]
        if "period" in e:
            assert [row["period_start"], row["period_end"]] == (e["period"] or [None, None]), e["text"]
        for key in ("geo", "topic", "metric"):
            if key in e:
                assert row[key] == e[key], (e["text"], key)


def test_the_language_reference_is_current() -> None:
    from pipelines.extraction.languages.__main__ import render

    assert (Path(__file__).parents[2] / "docs" / "languages.md").read_text(encoding="utf-8") == render(), (
        "docs/languages.md is stale: python -m pipelines.extraction.languages --write docs/languages.md")


def test_a_resource_with_an_unknown_key_is_refused_with_its_file_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "xx" / "rules.yaml"
    bad.parent.mkdir()
    bad.write_text("language: xx\nname: test\nbounds:\n  at_lest: [more than]\n", encoding="utf-8")
    with pytest.raises(language_rules.LanguageResourceError, match=r"rules\.yaml: bounds\.at_lest: unknown key"):
        language_rules._check(bad, yaml.safe_load(bad.read_text(encoding="utf-8")))
    bad.write_text("language: xx\nname: test\nbounds:\n  at_least: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(language_rules.LanguageResourceError, match=r"bounds\.at_least: '\(unclosed' is not a valid pattern"):
        language_rules._check(bad, yaml.safe_load(bad.read_text(encoding="utf-8")))


def test_a_pattern_holding_a_control_character_is_refused(tmp_path: Path) -> None:
    # in a YAML double-quoted string "\b" is a backspace: the word boundary it was meant to be
    # would make the keyword match nothing, in silence
    bad = tmp_path / "xx" / "rules.yaml"
    bad.parent.mkdir()
    bad.write_text('language: xx\nname: test\nbounds:\n  at_least: ["plus de\\b"]\n', encoding="utf-8")
    with pytest.raises(language_rules.LanguageResourceError, match=r"bounds\.at_least: .*control character '\\x08'"):
        language_rules._check(bad, yaml.safe_load(bad.read_text(encoding="utf-8")))


def test_a_resource_that_writes_a_key_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    # plain YAML would keep the second list of topic keywords and drop the first in silence
    text = (language_rules.HERE / "fr" / "rules.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "fr" / "rules.yaml"
    bad.parent.mkdir()
    bad.write_text(text.replace("\n  keywords:\n", "\n  keywords:\n    other.amount: [montant]\n    other.amount: [somme]\n", 1),
                   encoding="utf-8")
    with pytest.raises(language_rules.LanguageResourceError, match=r"rules\.yaml: file: .*other\.amount.*line \d+"):
        language_rules.load_resource(bad)


@pytest.mark.parametrize(("fragment", "matches", "misses"), [
    ("Venture[- ]Capital", ["Venture Capital", "Venture-Capital", "Venture\u00a0Capital"], ["VentureCapital"]),
    ("mega[- ]?deals?", ["mega deals", "mega-deal", "megadeal"], ["mega  deal"]),
    ("d[e'] que", ["de que", "d' que", "d’ que", "de\u202fque"], ["da que"]),
    ("l'État", ["l'État", "l’État"], ["lÉtat"]),
])
def test_spaces_and_apostrophes_are_lenient_inside_and_outside_character_classes(fragment, matches, misses) -> None:
    """A class of a resource gains the characters a space or an apostrophe stands for; outside a
    class they become the lenient classes. (Rewritten inside a class, "[- ]" became a broken
    class-in-a-class that matched nothing, in silence.)"""
    pattern = re.compile(language_rules.fragment_pattern(fragment))
    assert all(pattern.fullmatch(m) for m in matches)
    assert not any(pattern.fullmatch(m) for m in misses)


def test_an_unclosed_character_class_in_a_resource_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"unclosed character class in resource pattern 'a\[b'"):
        language_rules.fragment_pattern("a[b")
