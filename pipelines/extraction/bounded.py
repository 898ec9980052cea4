"""A figure from what a reader read: its two ends in order, its value, and its bound.

Every figure reader ends here, so that the bound qualifier (``plus de``, ``environ``, ``up to``:
:mod:`qualifiers`) is read the same way before every figure, whatever the atom it started from.
"""

from __future__ import annotations

from pipelines.extraction.model import Figure
from pipelines.extraction.qualifiers import read_bound, read_bound_after

__all__ = ["bounded_figure"]


def bounded_figure(
    language: str,
    s: str,
    start: int,
    end: int,
    low: float,
    high: float,
    unit: str,
    *,
    counted: str | None = None,
    hardware: str | None = None,
    scale_language: str | None = None,
    default_bound: str = "exact",
) -> Figure:
    """The figure of ``s[start:end]`` from ``low`` to ``high`` (in either order) in ``unit``, with the
    bound read before ``start`` (``default_bound`` when none is written)."""
    if low > high:
        low, high = high, low
    bound, _ = read_bound(s, start, unit, language)
    if bound == "exact":
        bound = read_bound_after(s, end, language) or default_bound
    value = low if low == high else (low + high) / 2
    return Figure(
        start=start,
        end=end,
        value=value,
        value_low=low,
        value_high=high,
        bound=bound,
        unit=unit,
        counted=counted,
        hardware=hardware,
        scale_language=scale_language,
    )
