"""Shared fixtures.

Building the seeds (a full refresh) takes several seconds, so it is done once per test session
(once per pytest-xdist worker): `built_project` is that build, for the tests that only read it.
A test that changes raw/, the warehouse or the Dagster instance takes `published`, a private copy
of the same build (copied files, a new Dagster instance on the copied storage), never the shared one.
"""

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
    """A private project on a copy of raw/, nothing built yet."""
    from tests.project import Project

    return Project(raw_copy, tmp_path)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory):
    """The seeds after one full refresh, shared by the whole session: read it, never change it."""
    from tests.project import Project

    root = tmp_path_factory.mktemp("built")
    shutil.copytree(RAW, root / "raw")
    project = Project(root / "raw", root)
    outcome = project.refresh(full=True)
    assert outcome.success, outcome.errors
    return project


@pytest.fixture
def published(built_project, tmp_path: Path):
    """A private copy of `built_project` (raw/, work, warehouse, Dagster instance), to change."""
    return built_project.copy_to(tmp_path / "project")  # tmp_path itself stays free for the test
