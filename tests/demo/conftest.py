"""Fixtures for the demo generator: a second fresh database, and one shared generated caseload."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from caseworker.demo import DemoReport, generate_demo
from caseworker.paths import DataPaths
from caseworker.storage.database import Database, open_database
from caseworker.storage.key_info import load_key_info
from tests.conftest import TODAY, Template

DEMO_SIZE = 1000


def _copy_of_template(directory: Path, template: Template) -> Database:
    """Open a fresh copy of the migrated template (the key is passed directly: no keyring needed)."""
    paths = DataPaths(directory)
    shutil.copytree(template.directory, paths.data_dir)
    return open_database(paths, template.key, load_key_info(paths.key_info_file))


@pytest.fixture
def other_database(tmp_path: Path, template_store: Template) -> Iterator[Database]:
    """A second fresh database, independent of the ``database`` fixture."""
    database = _copy_of_template(tmp_path / "other", template_store)
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, template_store: Template) -> Iterator[tuple[Database, DemoReport]]:
    """A database holding a generated caseload, shared by read-only tests of a module (generated once)."""
    database = _copy_of_template(tmp_path_factory.mktemp("demo") / "data", template_store)
    report = generate_demo(database.engine, households=DEMO_SIZE, seed=7, today=TODAY)
    yield database, report
    database.dispose()
