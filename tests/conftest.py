import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of raw/ (documents, registry, reference data) to break or extend."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


@pytest.fixture
def project(raw_copy: Path, tmp_path: Path):
    from tests.project import Project

    return Project(raw_copy, tmp_path)
