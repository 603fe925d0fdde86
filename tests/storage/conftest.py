"""Helpers for the storage tests: file fingerprints, cheap passphrase keys, the in-memory keyring."""

from __future__ import annotations

import hashlib
from pathlib import Path

import keyring
import pytest

from caseworker.paths import DataPaths
from caseworker.storage.crypto import RecoveryKey, ScryptParameters, key_from_passphrase
from caseworker.storage.database import NewKeyMaterial
from caseworker.storage.key_info import KeyStorage
from caseworker.storage.secret_store import KeyringSecretStore
from tests.support import InMemoryKeyring

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
