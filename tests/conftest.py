"""Fixtures: an isolated environment for every test, a fresh encrypted database, ready services.

Every test runs with the standard directories (XDG_*), the temporary directory and the keyring redirected, so
nothing touches the real profile. The database is copied from a template migrated once per session (same key),
which keeps each test's database fresh and the suite fast.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import keyring
import pytest

from caseworker.paths import DataPaths
from caseworker.services import Services, build_services
from caseworker.services.directory import OrganisationInput, OrganisationView
from caseworker.services.setup import FirstRunInput
from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.database import Database, NewKeyMaterial, create_database, open_database
from caseworker.storage.key_info import load_key_info
from caseworker.storage.secret_store import KeyringSecretStore
from tests.support import FixedClock, InMemoryKeyring

TODAY = date(2026, 6, 15)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_environment(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Redirect user directories and TMPDIR, and use an in-memory keyring unless the test needs the real one."""
    home = tmp_path_factory.mktemp("home")
    for variable, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("TMPDIR", "tmp"),
    ):
        target = home / sub
        target.mkdir()
        monkeypatch.setenv(variable, str(target))
    monkeypatch.delenv("CASEWORKER_PASSPHRASE", raising=False)
    monkeypatch.delenv("CASEWORKER_RECOVERY_KEY", raising=False)
    if request.node.get_closest_marker("real_keyring") is None:
        previous = keyring.get_keyring()
        keyring.set_keyring(InMemoryKeyring())
        yield home
        keyring.set_keyring(previous)
    else:
        yield home


@dataclass(frozen=True)
class Template:
    """A migrated database built once per session."""

    directory: Path
    key: DatabaseKey
    recovery: str


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Template:
    previous = keyring.get_keyring()
    keyring.set_keyring(InMemoryKeyring())
    try:
        directory = tmp_path_factory.mktemp("template")
        material = NewKeyMaterial.for_keyring()
        database = create_database(DataPaths(directory), material, KeyringSecretStore())
        database.dispose()
    finally:
        keyring.set_keyring(previous)
    return Template(directory, material.key, material.recovery.formatted())


@pytest.fixture
def data_paths(tmp_path: Path, template_store: Template) -> DataPaths:
    """A data directory holding a fresh copy of the template database, its key in the test keyring."""
    paths = DataPaths(tmp_path / "data")
    shutil.copytree(template_store.directory, paths.data_dir)
    info = load_key_info(paths.key_info_file)
    assert info.keyring_entry is not None
    KeyringSecretStore().set(info.keyring_entry, template_store.key.hex())
    return paths


@pytest.fixture
def database(data_paths: DataPaths, template_store: Template) -> Iterator[Database]:
    """An open, fresh, encrypted database."""
    db = open_database(data_paths, template_store.key, load_key_info(data_paths.key_info_file))
    yield db
    db.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture
def bare_services(database: Database, clock: FixedClock) -> Services:
    """Services before the first run (no organisation, no current user)."""
    return build_services(database.engine, clock)


@pytest.fixture
def services(bare_services: Services) -> Services:
    """Services after the first run: "Association Le Toit" and its user Claire MARTIN (travailleur social)."""
    bare_services.setup.complete_first_run(
        FirstRunInput(
            organisation=OrganisationInput(name="Association Le Toit", kind_code="association", territory="Rennes"),
            first_name="Claire",
            last_name="Martin",
            role_code="travailleur_social",
        )
    )
    return bare_services


@pytest.fixture
def landlord(services: Services) -> OrganisationView:
    return services.directory.create_organisation(OrganisationInput(name="Habitat 35", kind_code="bailleur_social"))
