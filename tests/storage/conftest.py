"""Helpers for the storage tests: file fingerprints, cheap passphrase keys, the in-memory keyring."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import psycopg
import pytest
from sqlalchemy import Connection, Engine

from caseworker.paths import DataPaths
from caseworker.storage.crypto import DatabaseKey, RecoveryKey, ScryptParameters, key_from_passphrase
from caseworker.storage.database import NewKeyMaterial
from caseworker.storage.engine import make_engine
from caseworker.storage.key_info import KeyStorage
from caseworker.storage.secret_store import KeyringSecretStore
from caseworker.storage.server import ServerAddress, ServerLogin, make_server_engine
from caseworker.storage.server_admin import EXTENSIONS
from tests.support import InMemoryKeyring
from tests.support.postgres import SUPERUSER, PostgresCluster

CHEAP_SCRYPT_N = 2**12
PASSPHRASE = "cheval agrafe batterie 42"


def sha256(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(directory: Path) -> dict[str, str]:
    """Return every file under ``directory`` (relative path → SHA-256): detects any creation or change."""
    return {str(path.relative_to(directory)): sha256(path) for path in sorted(directory.rglob("*")) if path.is_file()}


def cheap_passphrase_material(passphrase: str = PASSPHRASE) -> NewKeyMaterial:
    """Passphrase key material with a low scrypt cost (the real cost is tested once, in test_database)."""
    parameters = ScryptParameters.fresh(n=CHEAP_SCRYPT_N)
    return NewKeyMaterial(
        key_from_passphrase(passphrase, parameters), KeyStorage.PASSPHRASE, RecoveryKey.generate(), parameters
    )


@pytest.fixture
def secret_store() -> KeyringSecretStore:
    """The application's secret store, over the in-memory keyring installed by the autouse fixture."""
    return KeyringSecretStore()


@pytest.fixture
def memory_keyring() -> InMemoryKeyring:
    """The in-memory keyring backend itself, to look at (or remove) entries."""
    backend = keyring.get_keyring()
    assert isinstance(backend, InMemoryKeyring)
    return backend


@pytest.fixture
def fresh_paths(tmp_path: Path) -> DataPaths:
    """An empty data directory (nothing created yet)."""
    return DataPaths(tmp_path / "store")


@contextmanager
def empty_database(request: pytest.FixtureRequest, tmp_path: Path, backend: str, scratch: str) -> Iterator[Engine]:
    """An empty database of ``backend`` (nothing migrated yet), for a migration's own test.

    SQLite: a plain SQLCipher file. PostgreSQL: the database ``scratch`` of its own in the run's cluster (never the
    shared one, whose schema every other test relies on), reached as the cluster's superuser and dropped at the end.
    """
    if backend == "sqlcipher":
        engine = make_engine(tmp_path / f"{scratch}.db", DatabaseKey.generate())
        try:
            yield engine
        finally:
            engine.dispose()
        return
    cluster: PostgresCluster = request.getfixturevalue("postgres_server")
    with psycopg.connect(**cluster.conninfo(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {scratch}")
        admin.execute(f"CREATE DATABASE {scratch}")
    engine = make_server_engine(
        ServerAddress("127.0.0.1", cluster.port, scratch),
        ServerLogin(SUPERUSER, cluster.superuser_password),
        cluster.ca_file,
    )
    with engine.begin() as connection:
        for extension in EXTENSIONS:
            connection.exec_driver_sql(f'CREATE EXTENSION IF NOT EXISTS "{extension}"')
    try:
        yield engine
    finally:
        engine.dispose()
        with psycopg.connect(**cluster.conninfo(), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {scratch}")


@pytest.fixture(params=["sqlcipher", "postgresql"])
def migration_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database of each kind for a migration's own test: its module names the scratch database it may use
    on the server (``SCRATCH_DATABASE``)."""
    with empty_database(request, tmp_path, request.param, request.module.SCRATCH_DATABASE) as engine:
        yield engine


def rows_of(connection: Connection, statement: str) -> list[tuple[object, ...]]:
    """The rows a statement returns, as plain tuples."""
    return [tuple(row) for row in connection.exec_driver_sql(statement).all()]
