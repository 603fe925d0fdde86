"""The store in keyring mode against the real OS keyring (Secret Service on Linux).

Run by the project's test script in a private D-Bus session with an unlocked gnome-keyring:

    dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; \
        pytest -m real_keyring'

Skipped (with the reason) when no secure keyring is available.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import keyring
import keyring.core
import pytest

from caseworker import APP_NAME
from caseworker.paths import DataPaths
from caseworker.services import build_services
from caseworker.services.directory import OrganisationInput
from caseworker.services.households import HouseholdInput, PersonInput
from caseworker.services.setup import FirstRunInput
from caseworker.storage.database import NewKeyMaterial, create_database, unlock_and_open
from caseworker.storage.key_info import load_key_info
from caseworker.storage.rekey import rekey_database
from caseworker.storage.secret_store import KeyringSecretStore
from tests.support import FixedClock, InMemoryKeyring

pytestmark = pytest.mark.real_keyring

NAME = "Réel-Trousseau"


@pytest.fixture
def real_store() -> Iterator[KeyringSecretStore]:
    """The real keyring, or a skip saying why there is none; every entry a test writes is removed after it."""
    previous = keyring.get_keyring()
    # keyring chooses its default among every registered backend class, test doubles included (the suite's
    # InMemoryKeyring has priority 1): detect the default again among the real backends only.
    keyring.core.init_backend(limit=lambda backend: not type(backend).__module__.startswith("tests."))
    try:
        yield from _tracked_real_store()
    finally:
        keyring.core.init_backend()
        keyring.set_keyring(previous)


def _tracked_real_store() -> Iterator[KeyringSecretStore]:
    store = KeyringSecretStore()
    backend = keyring.get_keyring()
    assert not isinstance(backend, InMemoryKeyring), "the real_keyring marker must leave the real backend in place"
    if not store.is_secure():
        pytest.skip(
            f"no secure keyring (backend {store.describe()}): run under dbus-run-session with an unlocked "
            "gnome-keyring, as scripts/test.sh does"
        )
    assert all(not type(child).__module__.startswith("tests.") for child in getattr(backend, "backends", [backend]))
    created: list[str] = []
    original_set = store.set

    def tracking_set(entry: str, secret: str) -> None:
        created.append(entry)
        original_set(entry, secret)

    store.set = tracking_set  # type: ignore[method-assign]
    yield store
    for entry in created:
        store.delete(entry)
    assert all(keyring.get_password(APP_NAME, entry) is None for entry in created)


def test_keyring_store_unlocks_silently_with_the_real_backend(real_store: KeyringSecretStore, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "store")
    material = NewKeyMaterial.for_keyring()
    database = create_database(paths, material, real_store)
    services = build_services(database.engine, FixedClock(date(2026, 6, 15)))
    services.setup.complete_first_run(
        FirstRunInput(
            organisation=OrganisationInput(name="Association Le Toit", kind_code="association"),
            first_name="Claire",
            last_name="Martin",
            role_code="travailleur_social",
        )
    )
    services.households.create_household(HouseholdInput(), PersonInput(first_name="Léa", last_name=NAME))
    database.dispose()

    entry = load_key_info(paths.key_info_file).keyring_entry
    assert entry is not None
    # The key is really held by the OS keyring (read back through keyring itself, not through the store).
    assert keyring.get_password(APP_NAME, entry) == material.key.hex()

    reopened = unlock_and_open(paths, KeyringSecretStore())
    try:
        assert reopened.key == material.key
        names = [item.display_name for item in build_services(reopened.engine).households.list_summaries()]
        assert names == [f"{NAME.upper()} Léa"]
    finally:
        reopened.dispose()


def test_rekey_replaces_the_real_keyring_entry(real_store: KeyringSecretStore, tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "store")
    database = create_database(paths, NewKeyMaterial.for_keyring(), real_store)
    old_entry = database.key_info.keyring_entry
    new = NewKeyMaterial.for_keyring()
    rekeyed = rekey_database(database, new, real_store).database
    rekeyed.dispose()
    assert old_entry is not None
    assert keyring.get_password(APP_NAME, old_entry) is None
    new_entry = load_key_info(paths.key_info_file).keyring_entry
    assert new_entry is not None
    assert keyring.get_password(APP_NAME, new_entry) == new.key.hex()
    again = unlock_and_open(paths, KeyringSecretStore())
    assert again.key == new.key
    again.dispose()
