"""Where the published release is: the `current` link in the warehouse, and its datapackage.json.

Apart from ``pipelines.publication`` so that a refresh with nothing to do can tell so without
importing DuckDB, pandera and pyarrow (``pipelines.refresh_plan``).
"""

from __future__ import annotations

from pathlib import Path

DATAPACKAGE_FILE = "datapackage.json"
CURRENT_LINK = "current"


def current_release_dir(warehouse: Path) -> Path | None:
    link = warehouse / CURRENT_LINK
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None
