"""Which sources' texts the release may carry: the licences that allow redistribution, as data.

Every fact's ``char_start``/``char_end`` index the text the pipeline read: the file itself for a
text document, the converted text for the other formats (``pipelines.converters``). Anyone holding
the file can rebuild that text and check a quote; where the source's licence allows
redistribution, the release carries the text too (``texts/<source_id>.txt``, listed in
``datapackage.json``), so that every quote can be checked from the release alone.

A licence allows it when it is on :data:`REDISTRIBUTABLE_LICENCES` (SPDX identifiers and the
names registries write for them, compared without case, spaces, dashes or dots): open licences
whose terms are met by the attribution the release gives (the source's title, publisher, URL and
licence in ``sources``). Anything else, an unknown licence (null) and "all rights reserved"
included, keeps the text out of the release.
"""

from __future__ import annotations

import re

import polars as pl

__all__ = ["REDISTRIBUTABLE_LICENCES", "redistributable", "redistributable_sources"]

#: Licences that allow the text to be redistributed with attribution (or without conditions):
#: SPDX identifier -> other spellings met in registries.
REDISTRIBUTABLE_LICENCES: dict[str, tuple[str, ...]] = {
    "CC0-1.0": ("CC0", "Public domain", "CC Zero"),
    "CC-BY-4.0": ("CC BY 4.0", "Creative Commons Attribution 4.0", "Creative Commons Attribution 4.0 International"),
    "CC-BY-3.0": ("CC BY 3.0", "Creative Commons Attribution 3.0"),
    "CC-BY-SA-4.0": ("CC BY-SA 4.0", "Creative Commons Attribution-ShareAlike 4.0"),
    "CC-BY-SA-3.0": ("CC BY-SA 3.0", "Creative Commons Attribution-ShareAlike 3.0"),
    "etalab-2.0": ("Licence Ouverte 2.0", "Licence Ouverte / Open Licence 2.0", "Open Licence 2.0"),
    "OGL-UK-3.0": ("Open Government Licence v3.0", "Open Government Licence 3.0"),
    "DL-DE-BY-2.0": ("Datenlizenz Deutschland Namensnennung 2.0", "Data licence Germany attribution 2.0"),
}


def _key(licence: str) -> str:
    return re.sub(r"[\s\-_./]+", "", licence).casefold()


_ALLOWED = {_key(name) for spdx, names in REDISTRIBUTABLE_LICENCES.items() for name in (spdx, *names)}


def redistributable(licence: str | None) -> bool:
    """Whether a source under ``licence`` (as the registry writes it) may be redistributed."""
    return licence is not None and _key(licence) in _ALLOWED


def redistributable_sources(sources: pl.DataFrame) -> list[str]:
    """The ids of the sources (a frame with ``source_id`` and ``license``) whose text the release may carry, sorted."""
    allowed = sources.filter(pl.col("license").map_elements(redistributable, return_dtype=pl.Boolean).fill_null(False))
    return sorted(allowed.get_column("source_id").to_list())
