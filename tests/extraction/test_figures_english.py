"""English sentences covering every form the figure reader knows, read exactly.

Expected: (figure text, value, value_low, value_high, bound, unit, counted, hardware).
"""

from __future__ import annotations

import pytest

from pipelines.extraction.figures import find_figures

B = 1e9
CASES = [
    (
        "Tech giants to spend $200 billion on AI in 2025.",
        [("$200 billion", 2e11, 2e11, 2e11, "exact", "USD", None, None)],
    ),
    (
        "The EU will invest €1.5bn in seven AI factories.",
        [
            ("€1.5bn", 1.5e9, 1.5e9, 1.5e9, "exact", "EUR", None, None),
            ("seven AI factories", 7, 7, 7, "exact", "count", "ai_factory", None),
        ],
    ),
    (
        "Revenue reached 1,000,000 dollars last year.",
        [("1,000,000 dollars", 1e6, 1e6, 1e6, "exact", "USD", None, None)],
    ),
    (
        "The company raised $20-30 billion from investors.",
        [("$20-30 billion", 25 * B, 20 * B, 30 * B, "exact", "USD", None, None)],
    ),
    (
        "Between 10 and 20 sites will be upgraded.",
        [("10 and 20 sites", 15, 10, 20, "exact", "count", "site", None)],
    ),
    (
        "Between $10bn and $20bn will be spent.",
        [("$10bn and $20bn", 15 * B, 10 * B, 20 * B, "exact", "USD", None, None)],
    ),
    (
        "More than 60 companies joined, with at least 5,000 engineers.",
        [
            ("60 companies", 60, 60, 60, "at_least", "count", "company", None),
            ("5,000 engineers", 5000, 5000, 5000, "at_least", "count", "engineer", None),
        ],
    ),
    (
        "Up to 40% of firms report shortages, less than 3 percent of budgets.",
        [
            ("40%", 40, 40, 40, "at_most", "percent", None, None),
            ("3 percent", 3, 3, 3, "at_most", "percent", None, None),
        ],
    ),
    (
        "About 1.2 million users and nearly 300 million people.",
        [
            ("1.2 million users", 1.2e6, 1.2e6, 1.2e6, "approx", "count", "user", None),
            ("300 million people", 3e8, 3e8, 3e8, "approx", "count", "person", None),
        ],
    ),
    (
        "The lab bought 10K H200s and 2,000 Nvidia H100 GPUs.",
        [
            ("10K H200s", 1e4, 1e4, 1e4, "exact", "count", "gpu", "H200"),
            ("2,000 Nvidia H100 GPUs", 2000, 2000, 2000, "exact", "count", "gpu", "H100"),
        ],
    ),
    (
        "The programme funds twelve sites and three gigafactories.",
        [
            ("twelve sites", 12, 12, 12, "exact", "count", "site", None),
            ("three gigafactories", 3, 3, 3, "exact", "count", "ai_gigafactory", None),
        ],
    ),
    (
        "Compute grew threefold, and costs fell tenfold.",
        [
            ("threefold", 3, 3, 3, "exact", "factor", None, None),
            ("tenfold", 10, 10, 10, "exact", "factor", None, None),
        ],
    ),
    (
        "Spending rose 2.5 times, an x10 increase, a 10x jump.",
        [
            ("2.5 times", 2.5, 2.5, 2.5, "exact", "factor", None, None),
            ("x10", 10, 10, 10, "exact", "factor", None, None),
            ("10x", 10, 10, 10, "exact", "factor", None, None),
        ],
    ),
    (
        "The market is worth $1.2 trillion, £300m, CHF 2 bn and 5 billion yuan.",
        [
            ("$1.2 trillion", 1.2e12, 1.2e12, 1.2e12, "exact", "USD", None, None),
            ("£300m", 3e8, 3e8, 3e8, "exact", "GBP", None, None),
            ("CHF 2 bn", 2e9, 2e9, 2e9, "exact", "CHF", None, None),
            ("5 billion yuan", 5e9, 5e9, 5e9, "exact", "CNY", None, None),
        ],
    ),
    (
        "In FY2025 the firm spent $3.4bn, up 12 percentage points.",
        [
            ("$3.4bn", 3.4e9, 3.4e9, 3.4e9, "exact", "USD", None, None),
            ("12 percentage points", 12, 12, 12, "exact", "percentage_point", None, None),
        ],
    ),
    (
        "The site needs 1.5 GW of power and 300 MW more.",
        [
            ("1.5 GW", 1500, 1500, 1500, "exact", "MW", None, None),
            ("300 MW", 300, 300, 300, "exact", "MW", None, None),
        ],
    ),
    (
        "Some 200 startups applied; around 15 per cent were funded.",
        [
            ("200 startups", 200, 200, 200, "approx", "count", "startup", None),
            ("15 per cent", 15, 15, 15, "approx", "percent", None, None),
        ],
    ),
    (
        "Microsoft will spend $80 billion in fiscal 2025 on data centers.",
        [("$80 billion", 8e10, 8e10, 8e10, "exact", "USD", None, None)],
    ),
    (
        "The EU has 27 member states and 450 million consumers.",
        [
            ("27 member states", 27, 27, 27, "exact", "count", "member_state", None),
            ("450 million consumers", 4.5e8, 4.5e8, 4.5e8, "exact", "count", "consumer", None),
        ],
    ),
    (
        "It was ranked 3rd, with a 7B model and 70B parameters.",
        [
            ("3rd", 3, 3, 3, "exact", "rank", None, None),
            ("7B model", 7e9, 7e9, 7e9, "exact", "count", "model", None),
            ("70B parameters", 7e10, 7e10, 7e10, "exact", "count", "parameter", None),
        ],
    ),
    (
        "Funding of €200 million over four years.",
        [
            ("€200 million", 2e8, 2e8, 2e8, "exact", "EUR", None, None),
            ("four years", 4, 4, 4, "exact", "years", None, None),
        ],
    ),
    (
        "It costs ~$5m and under 20 employees.",
        [
            ("$5m", 5e6, 5e6, 5e6, "approx", "USD", None, None),
            ("20 employees", 20, 20, 20, "at_most", "count", "employee", None),
        ],
    ),
    (
        "A 24-hour service runs a 10-year plan; one and a half times the GDP; twice as much.",
        [
            ("24-hour", 24, 24, 24, "exact", "hours", None, None),
            ("10-year", 10, 10, 10, "exact", "years", None, None),
            ("one and a half times", 1.5, 1.5, 1.5, "exact", "factor", None, None),
            ("twice", 2, 2, 2, "exact", "factor", None, None),
        ],
    ),
    (
        "The company employs 1,500 people in 3 countries.",
        [
            ("1,500 people", 1500, 1500, 1500, "exact", "count", "person", None),
            ("3 countries", 3, 3, 3, "exact", "count", "country", None),
        ],
    ),
    (
        "Nvidia holds 90% of the GPU market, after 1.5 million chips were sold.",
        [
            ("90%", 90, 90, 90, "exact", "percent", None, None),
            ("1.5 million chips", 1.5e6, 1.5e6, 1.5e6, "exact", "count", "chip", None),
        ],
    ),
    (
        "The fund is worth US$2.5 trillion, or USD 300 million a year.",
        [
            ("US$2.5 trillion", 2.5e12, 2.5e12, 2.5e12, "exact", "USD", None, None),
            ("USD 300 million", 3e8, 3e8, 3e8, "exact", "USD", None, None),
        ],
    ),
    (
        "Capex was $150 billion, of which 40 billion went to chips and 20 billion to power.",
        [
            ("$150 billion", 1.5e11, 1.5e11, 1.5e11, "exact", "USD", None, None),
            ("40 billion", 4e10, 4e10, 4e10, "exact", "USD", None, None),
            ("20 billion", 2e10, 2e10, 2e10, "exact", "USD", None, None),
        ],
    ),
    (
        "Sales grew from 10 to 20 million units, roughly 5 to 6 per cent of the market.",
        [
            # a change ("grew from X to Y"): two figures, the second end's scale and noun shared
            ("10", 1e7, 1e7, 1e7, "exact", "count", "unit", None),
            ("20 million units", 2e7, 2e7, 2e7, "exact", "count", "unit", None),
            ("5 to 6 per cent", 5.5, 5, 6, "approx", "percent", None, None),
        ],
    ),
    (
        "The cluster has over 100,000 GPUs and 4.5 exaflops, using 200 TPUs.",
        [
            ("100,000 GPUs", 1e5, 1e5, 1e5, "at_least", "count", "gpu", None),
            ("4.5 exaflops", 4.5e18, 4.5e18, 4.5e18, "exact", "FLOPS", None, None),
            ("200 TPUs", 200, 200, 200, "exact", "count", "tpu", None),
        ],
    ),
    (
        "Europe has a dozen unicorns and 12 data centres.",
        [
            ("a dozen unicorns", 12, 12, 12, "exact", "count", "unicorn", None),
            ("12 data centres", 12, 12, 12, "exact", "count", "data_centre", None),
        ],
    ),
    (
        "The deal is worth a billion dollars and 3 trillion won.",
        [
            ("a billion dollars", 1e9, 1e9, 1e9, "exact", "USD", None, None),
            ("3 trillion won", 3e12, 3e12, 3e12, "exact", "KRW", None, None),
        ],
    ),
    (
        "Costs fell by 90 per cent in 18 months.",
        [
            ("90 per cent", 90, 90, 90, "exact", "percent", None, None),
            ("18 months", 18, 18, 18, "exact", "months", None, None),
        ],
    ),
    (
        "The plan covers 2 GWh and approximately 50 MW across nine supercomputers.",
        [
            ("2 GWh", 2000, 2000, 2000, "exact", "MWh", None, None),
            ("50 MW", 50, 50, 50, "approx", "MW", None, None),
            ("nine supercomputers", 9, 9, 9, "exact", "count", "supercomputer", None),
        ],
    ),
]


def _read(sentence: str) -> list[tuple]:
    return [
        (sentence[f.start : f.end], f.value, f.value_low, f.value_high, f.bound, f.unit, f.counted, f.hardware)
        for f in find_figures(sentence, "en")
    ]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_english_sentence(sentence: str, expected: list[tuple]) -> None:
    got = _read(sentence)
    assert [g[0] for g in got] == [e[0] for e in expected]
    for g, e in zip(got, expected):
        assert g[1:4] == pytest.approx(e[1:4], rel=1e-9), g
        assert g[4:] == e[4:], g


def test_at_least_thirty_english_sentences() -> None:
    assert len(CASES) >= 30


def test_english_scale_language_is_recorded() -> None:
    (figure,) = find_figures("Tech giants to spend $200 billion on AI.", "en")
    assert figure.scale_language == "en"
    (figure,) = find_figures("Tech giants to spend $200 billion on AI.", "fr")
    assert figure.scale_language == "en"
    assert figure.value == pytest.approx(2e11, rel=1e-9)
