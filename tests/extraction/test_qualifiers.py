"""Bound words (pipelines.extraction.qualifiers)."""

from __future__ import annotations

import pytest

from pipelines.extraction.qualifiers import read_bound


@pytest.mark.parametrize(
    ("before", "bound"),
    [
        ("plus de ", "at_least"),
        ("plus d'", "at_least"),
        ("au moins ", "at_least"),
        ("pas moins de ", "at_least"),
        ("dépasse ", "at_least"),
        ("dépasser ", "at_least"),
        ("dépasse déjà le ", "at_least"),
        ("plus du ", "at_least"),
        ("more than ", "at_least"),
        ("over ", "at_least"),
        ("at least ", "at_least"),
        ("above ", "at_least"),
        ("moins de ", "at_most"),
        ("un peu moins de ", "at_most"),
        ("jusqu'à ", "at_most"),
        ("jusqu’à ", "at_most"),
        ("up to ", "at_most"),
        ("less than ", "at_most"),
        ("under ", "at_most"),
        ("environ ", "approx"),
        ("d'environ ", "approx"),
        ("près de ", "approx"),
        ("près d’", "approx"),
        ("quelque ", "approx"),
        ("about ", "approx"),
        ("around ", "approx"),
        ("nearly ", "approx"),
        ("approximately ", "approx"),
        ("roughly ", "approx"),
        ("some ", "approx"),
        ("~", "approx"),
        ("atteignant ", "exact"),
        ("quelques ", "exact"),
        ("dépassant largement les ", "exact"),
        ("s'articule autour de ", "exact"),
        ("", "exact"),
    ],
)
def test_read_bound(before: str, bound: str) -> None:
    text = before + "100"
    got, qualifier_start = read_bound(text, len(before))
    assert got == bound
    if bound == "exact":
        assert qualifier_start == len(before)
    else:
        assert qualifier_start < len(before)


def test_qualifier_start_excludes_the_qualifier_from_the_span() -> None:
    text = "il faut plus de 22 000 ans"
    bound, start = read_bound(text, text.index("22"))
    assert (bound, text[start : text.index("22")]) == ("at_least", "plus de ")


def test_over_a_duration_is_a_period() -> None:
    text = "€200 million over four years"
    assert read_bound(text, text.index("four"), "years")[0] == "exact"
    assert read_bound(text, text.index("four"))[0] == "at_least"
