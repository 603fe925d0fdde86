"""Creating, unlocking, opening, checking and rekeying the encrypted store.

The rule under test everywhere: a failure never changes the files (compared by SHA-256 before and after).
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from caseworker.errors import (
    CorruptDatabaseError,
    DatabaseStateError,
    KeyUnavailableError,
    NewerDatabaseError,
    WrongKeyError,
)
from caseworker.paths import DataPaths, migrations_dir
from caseworker.storage import migrations
from caseworker.storage import rekey as database_module  # the rekey steps are patched where they are called
from caseworker.storage.backups import list_backups
from caseworker.storage.crypto import DatabaseKey, RecoveryKey, key_from_passphrase
from caseworker.storage.database import (
    CheckReport,
    Credentials,
    Database,
    NewKeyMaterial,
    StoreState,
    check_database,
    create_database,
    inspect_data_dir,
    obtain_key,
    open_database,
    unlock_and_open,
)
from caseworker.storage.engine import PLAINTEXT_SQLITE_HEADER, DatabaseError, connect_raw
from caseworker.storage.key_info import KeyInfo, KeyStorage, load_key_info, save_key_info
from caseworker.storage.migrations import head_revision
from caseworker.storage.rekey import rekey_database
from caseworker.storage.secret_store import KeyringSecretStore
from tests.conftest import Template
from tests.storage.conftest import PASSPHRASE, cheap_passphrase_material, fingerprint
from tests.support import InMemoryKeyring

UNCHANGED = "n'a pas été modifié"
MARKER = "Ligne-Témoin-8812"


# ------------------------------------------------------------------------------------------------ helpers


def write_marker(database: Database, value: str = MARKER) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS marker (body TEXT)"))
        connection.execute(text("INSERT INTO marker (body) VALUES (:body)"), {"body": value})


def read_marker(database: Database) -> list[str]:
    with database.engine.connect() as connection:
        return list(connection.execute(text("SELECT body FROM marker ORDER BY rowid")).scalars())


def raw_opens(path: Path, key: DatabaseKey) -> bool:
    try:
        connection = connect_raw(path, key)
    except DatabaseError:
        return False
    connection.close()
    return True


def create_keyring_store(paths: DataPaths, store: KeyringSecretStore) -> tuple[Database, NewKeyMaterial]:
    material = NewKeyMaterial.for_keyring()
    return create_database(paths, material, store), material


def create_passphrase_store(paths: DataPaths, store: KeyringSecretStore) -> tuple[Database, NewKeyMaterial]:
    material = cheap_passphrase_material()
    return create_database(paths, material, store), material


class FakeStore:
    """A secret store whose backend is not secure (nothing may be written to it)."""

    def __init__(self) -> None:
        self.entries: dict[str, str] = {}

    def is_secure(self) -> bool:
        return False

    def describe(self) -> str:
        return "fake"

    def get(self, entry: str) -> str | None:
        return self.entries.get(entry)

    def set(self, entry: str, secret: str) -> None:
        raise AssertionError("an insecure store must not receive the key")

    def delete(self, entry: str) -> None:
        self.entries.pop(entry, None)


# ----------------------------------------------------------------------------------------- inspect, create


def test_inspect_absent_and_present(tmp_path: Path, data_paths: DataPaths) -> None:
    assert inspect_data_dir(DataPaths(tmp_path / "nowhere")) is StoreState.ABSENT
    (tmp_path / "empty").mkdir()
    assert inspect_data_dir(DataPaths(tmp_path / "empty")) is StoreState.ABSENT
    assert inspect_data_dir(data_paths) is StoreState.PRESENT


def test_database_without_key_file_is_refused_and_untouched(
    data_paths: DataPaths, secret_store: KeyringSecretStore
) -> None:
    data_paths.key_info_file.unlink()
    before = fingerprint(data_paths.data_dir)
    with pytest.raises(DatabaseStateError) as caught:
        inspect_data_dir(data_paths)
    assert "existe mais son fichier de clé « caseworker.key.json » est introuvable" in caught.value.user_message
    assert "la base n'a pas été modifiée" in caught.value.user_message
    with pytest.raises(DatabaseStateError, match="fichier de clé"):
        unlock_and_open(data_paths, secret_store)
    with pytest.raises(DatabaseStateError, match="Une base existe déjà"):
        create_database(data_paths, NewKeyMaterial.for_keyring(), secret_store)
    assert fingerprint(data_paths.data_dir) == before
    assert caught.value.exit_code == 8


def test_key_file_without_database_is_refused_and_nothing_is_created(
    data_paths: DataPaths, secret_store: KeyringSecretStore, memory_keyring: InMemoryKeyring
) -> None:
    data_paths.db_file.unlink()
    before = fingerprint(data_paths.data_dir)
    entries = dict(memory_keyring.entries)
    with pytest.raises(DatabaseStateError) as caught:
        inspect_data_dir(data_paths)
    assert "Le fichier de clé existe mais la base" in caught.value.user_message
    assert "aucune nouvelle base n'a été créée" in caught.value.user_message
    with pytest.raises(DatabaseStateError, match="introuvable"):
        unlock_and_open(data_paths, secret_store)
    with pytest.raises(DatabaseStateError, match="Une base existe déjà"):
        create_database(data_paths, NewKeyMaterial.for_keyring(), secret_store)
    assert fingerprint(data_paths.data_dir) == before
    assert not data_paths.db_file.exists()
    assert memory_keyring.entries == entries


def test_unlock_without_any_store(tmp_path: Path, secret_store: KeyringSecretStore) -> None:
    paths = DataPaths(tmp_path / "nothing")
    with pytest.raises(DatabaseStateError, match="Aucune base caseworker"):
        unlock_and_open(paths, secret_store)
    assert not paths.data_dir.exists()


def test_create_refuses_an_existing_store(
    data_paths: DataPaths, secret_store: KeyringSecretStore, memory_keyring: InMemoryKeyring
) -> None:
    before = fingerprint(data_paths.data_dir)
    entries = dict(memory_keyring.entries)
    with pytest.raises(DatabaseStateError) as caught:
        create_database(data_paths, NewKeyMaterial.for_keyring(), secret_store)
    assert caught.value.user_message.startswith("Une base existe déjà dans")
    assert "elle n'a pas été modifiée" in caught.value.user_message
    assert fingerprint(data_paths.data_dir) == before
    assert memory_keyring.entries == entries


def test_create_keyring_store(
    fresh_paths: DataPaths, secret_store: KeyringSecretStore, memory_keyring: InMemoryKeyring
) -> None:
    database, material = create_keyring_store(fresh_paths, secret_store)
    try:
        info = load_key_info(fresh_paths.key_info_file)
        assert info == database.key_info
        assert info.storage is KeyStorage.KEYRING
        assert info.keyring_entry is not None
        assert info.keyring_entry.startswith(f"{info.database_id}/")
        assert info.passphrase_kdf is None
        assert info.pending is None
        assert info.key_check == material.key.check_value()
        assert memory_keyring.entries == {("caseworker", info.keyring_entry): material.key.hex()}
        assert database.key == material.key
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
    finally:
        database.dispose()
    assert sorted(p.name for p in fresh_paths.data_dir.iterdir()) == ["caseworker.db", "caseworker.key.json"]
    assert not fresh_paths.db_file.read_bytes().startswith(PLAINTEXT_SQLITE_HEADER)
    assert material.key.hex() not in fresh_paths.key_info_file.read_text(encoding="utf-8")


def test_create_passphrase_store_keeps_nothing_in_the_keyring(
    fresh_paths: DataPaths, secret_store: KeyringSecretStore, memory_keyring: InMemoryKeyring
) -> None:
    database, material = create_passphrase_store(fresh_paths, secret_store)
    database.dispose()
    info = load_key_info(fresh_paths.key_info_file)
    assert info.storage is KeyStorage.PASSPHRASE
    assert info.keyring_entry is None
    assert info.passphrase_kdf == material.passphrase_kdf
    assert memory_keyring.entries == {}


def test_failed_creation_leaves_nothing(
    fresh_paths: DataPaths,
    secret_store: KeyringSecretStore,
    memory_keyring: InMemoryKeyring,
    tmp_path: Path,
) -> None:
    scripts = tmp_path / "broken-migrations"
    shutil.copytree(migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrations.head_revision()
    (scripts / "versions" / "0999_creation_breaks.py").write_text(
        f'revision = "0999"\ndown_revision = "{head}"\nbranch_labels = None\ndepends_on = None\n\n\n'
        "def upgrade():\n    raise RuntimeError('migration cassée')\n\n\ndef downgrade():\n    pass\n",
        encoding="utf-8",
    )
    with pytest.raises(RuntimeError, match="migration cassée"):
        create_database(fresh_paths, NewKeyMaterial.for_keyring(), secret_store, script_location=scripts)
    assert list(fresh_paths.data_dir.iterdir()) == []
    assert memory_keyring.entries == {}
    # And the directory is usable afterwards.
    database, _ = create_keyring_store(fresh_paths, secret_store)
    database.dispose()


def test_create_removes_a_leftover_build_directory(fresh_paths: DataPaths, secret_store: KeyringSecretStore) -> None:
    leftover = fresh_paths.data_dir / ".creating"
    leftover.mkdir(parents=True)
    (leftover / "caseworker.db").write_bytes(b"half-built")
    database, _ = create_keyring_store(fresh_paths, secret_store)
    database.dispose()
    assert not leftover.exists()


def test_dispose_checkpoints_the_wal(database: Database) -> None:
    write_marker(database)
    wal = database.paths.db_file.with_name("caseworker.db-wal")
    assert wal.exists()
    database.dispose()
    assert not wal.exists()
    assert not database.paths.db_file.with_name("caseworker.db-shm").exists()


# ------------------------------------------------------------------------------------------------ unlock


def test_keyring_unlock_is_silent(
    data_paths: DataPaths, secret_store: KeyringSecretStore, template_store: Template
) -> None:
    database = unlock_and_open(data_paths, secret_store)
    try:
        assert database.key == template_store.key
        write_marker(database)
    finally:
        database.dispose()
    again = unlock_and_open(data_paths, secret_store)
    try:
        assert read_marker(again) == [MARKER]
    finally:
        again.dispose()


def test_passphrase_store_round_trip(fresh_paths: DataPaths, secret_store: KeyringSecretStore) -> None:
    database, material = create_passphrase_store(fresh_paths, secret_store)
    write_marker(database)
    database.dispose()
    with pytest.raises(KeyUnavailableError) as caught:
        unlock_and_open(fresh_paths, secret_store)
    assert caught.value.user_message == "La phrase de passe est nécessaire pour ouvrir la base."
    reopened = unlock_and_open(fresh_paths, secret_store, Credentials(passphrase=PASSPHRASE))
    try:
        assert reopened.key == material.key
        assert read_marker(reopened) == [MARKER]
    finally:
        reopened.dispose()


def test_real_passphrase_material_uses_the_full_scrypt_cost() -> None:
    material = NewKeyMaterial.for_passphrase(PASSPHRASE)
    assert material.storage is KeyStorage.PASSPHRASE
    assert material.passphrase_kdf is not None
    assert material.passphrase_kdf.n == 2**17
    assert material.key == key_from_passphrase(PASSPHRASE, material.passphrase_kdf)


def test_wrong_passphrase(fresh_paths: DataPaths, secret_store: KeyringSecretStore) -> None:
    database, _ = create_passphrase_store(fresh_paths, secret_store)
    database.dispose()
    before = fingerprint(fresh_paths.data_dir)
    with pytest.raises(WrongKeyError) as caught:
        unlock_and_open(fresh_paths, secret_store, Credentials(passphrase=PASSPHRASE + "!"))
    assert caught.value.user_message == "Phrase de passe incorrecte. La base n'a pas été modifiée."
    assert caught.value.exit_code == 3
    assert fingerprint(fresh_paths.data_dir) == before


def test_keyring_entry_holding_another_key_asks_for_the_recovery_key(
    data_paths: DataPaths, secret_store: KeyringSecretStore
) -> None:
    """The check value tells a foreign key apart before the file is even read."""
    info = load_key_info(data_paths.key_info_file)
    assert info.keyring_entry is not None
    secret_store.set(info.keyring_entry, DatabaseKey.generate().hex())
    before = fingerprint(data_paths.data_dir)
    with pytest.raises(KeyUnavailableError, match="Saisissez la clé de secours"):
        unlock_and_open(data_paths, secret_store)
    secret_store.set(info.keyring_entry, "pas de l'hexadécimal")
    with pytest.raises(KeyUnavailableError, match="introuvable dans le trousseau"):
        unlock_and_open(data_paths, secret_store)
    assert fingerprint(data_paths.data_dir) == before


def test_opening_with_another_key_is_a_wrong_key_and_changes_nothing(data_paths: DataPaths) -> None:
    info = load_key_info(data_paths.key_info_file)
    before = fingerprint(data_paths.data_dir)
    with pytest.raises(WrongKeyError) as caught:
        open_database(data_paths, DatabaseKey.generate(), info)
    assert caught.value.user_message == "La clé ne permet pas d'ouvrir cette base. Le fichier n'a pas été modifié."
    assert fingerprint(data_paths.data_dir) == before


def test_wrong_recovery_key(data_paths: DataPaths, secret_store: KeyringSecretStore) -> None:
    before = fingerprint(data_paths.data_dir)
    with pytest.raises(WrongKeyError, match="ne correspond pas à cette base"):
        unlock_and_open(data_paths, secret_store, Credentials(recovery_key=RecoveryKey.generate().formatted()))
    with pytest.raises(WrongKeyError, match="faute de frappe"):
        formatted = RecoveryKey.generate().formatted()
        typo = formatted[:-1] + ("0" if formatted[-1] != "0" else "1")
        unlock_and_open(data_paths, secret_store, Credentials(recovery_key=typo))
    with pytest.raises(WrongKeyError, match="compte 28 caractères"):
        unlock_and_open(data_paths, secret_store, Credentials(recovery_key="ABCD-EFGH"))
    assert fingerprint(data_paths.data_dir) == before


def test_lost_keyring_entry_then_recovery_key_restores_silent_unlock(
    data_paths: DataPaths,
    secret_store: KeyringSecretStore,
    memory_keyring: InMemoryKeyring,
    template_store: Template,
) -> None:
    memory_keyring.entries.clear()
    before = fingerprint(data_paths.data_dir)
    with pytest.raises(KeyUnavailableError) as caught:
        unlock_and_open(data_paths, secret_store)
    assert "Saisissez la clé de secours pour rouvrir la base." in caught.value.user_message
    assert caught.value.exit_code == 7
    assert fingerprint(data_paths.data_dir) == before
    typed = template_store.recovery.lower().replace("-", " ")
    database = unlock_and_open(data_paths, secret_store, Credentials(recovery_key=typed))
    database.dispose()
    info = load_key_info(data_paths.key_info_file)
    assert memory_keyring.entries == {("caseworker", info.keyring_entry): template_store.key.hex()}
    silent = unlock_and_open(data_paths, secret_store)
    assert silent.key == template_store.key
    silent.dispose()


def test_recovery_key_with_an_insecure_keyring_stores_nothing(data_paths: DataPaths, template_store: Template) -> None:
    store = FakeStore()
    database = unlock_and_open(data_paths, store, Credentials(recovery_key=template_store.recovery))
    assert database.key == template_store.key
    database.dispose()
    assert store.entries == {}


def test_recovery_key_opens_a_passphrase_store(fresh_paths: DataPaths, secret_store: KeyringSecretStore) -> None:
    database, material = create_passphrase_store(fresh_paths, secret_store)
    database.dispose()
    reopened = unlock_and_open(fresh_paths, secret_store, Credentials(recovery_key=material.recovery.formatted()))
    assert reopened.key == material.key
    reopened.dispose()


def test_credentials_repr_hides_secrets() -> None:
    credentials = Credentials(passphrase="ma phrase secrète", recovery_key="ABCD-EFGH-JKMN")
    assert "secrète" not in repr(credentials)
    assert "ABCD" not in repr(credentials)


def test_obtain_key_refuses_a_key_file_without_passphrase_parameters(data_paths: DataPaths) -> None:
    info = replace(load_key_info(data_paths.key_info_file), storage=KeyStorage.PASSPHRASE, passphrase_kdf=None)
    with pytest.raises(CorruptDatabaseError, match="paramètres de la phrase de passe absents"):
        obtain_key(info, KeyringSecretStore(), Credentials(passphrase=PASSPHRASE))


def test_damaged_key_file_is_reported_and_nothing_changes(
    data_paths: DataPaths, secret_store: KeyringSecretStore
) -> None:
    data_paths.key_info_file.write_text('{"format": 1, "storage": "keyring"', encoding="utf-8")
    before = fingerprint(data_paths.data_dir)
    with pytest.raises(CorruptDatabaseError, match=r"« caseworker\.key\.json » est illisible ou endommagé"):
        unlock_and_open(data_paths, secret_store)
    assert fingerprint(data_paths.data_dir) == before


# -------------------------------------------------------------------------------------- damaged databases


def _overwrite(path: Path, offset: int, data: bytes) -> None:
    content = bytearray(path.read_bytes())
    content[offset : offset + len(data)] = data
    path.write_bytes(bytes(content))


def _damage_page_one(path: Path) -> None:
    _overwrite(path, 200, b"\x00" * 32)


def _damage_salt(path: Path) -> None:
    _overwrite(path, 0, b"\xff" * 16)


def _truncate_500(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:500])


def _truncate_two_pages(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:8192])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _plaintext_sqlite(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, last_name TEXT)")
    connection.executemany("INSERT INTO person (last_name) VALUES (?)", [("x" * 200,)] * 50)
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (_damage_page_one, "est endommagée ou n'est pas une base caseworker : la clé est correcte"),
        (_damage_salt, "est endommagée ou n'est pas une base caseworker"),
        (_truncate_500, "« caseworker.db » est vide ou tronqué (500 octets)"),
        (_truncate_two_pages, "est endommagée ou n'est pas une base caseworker"),
        (_empty, "« caseworker.db » est vide ou tronqué (0 octets)"),
        (_plaintext_sqlite, "« caseworker.db » n'est pas une base chiffrée caseworker"),
    ],
    ids=["page-1", "salt", "truncated-500", "truncated-8192", "zero-length", "plaintext-sqlite"],
)
def test_damaged_file_is_corrupt_and_unchanged(
    data_paths: DataPaths, secret_store: KeyringSecretStore, damage: object, expected: str
) -> None:
    assert callable(damage)
    damage(data_paths.db_file)
    before = fingerprint(data_paths.data_dir)
    with pytest.raises(CorruptDatabaseError) as caught:
        unlock_and_open(data_paths, secret_store)
    assert expected in caught.value.user_message
    assert UNCHANGED in caught.value.user_message
    assert caught.value.exit_code == 4
    assert fingerprint(data_paths.data_dir) == before


def test_damaged_file_with_a_wrong_key_is_a_wrong_key(data_paths: DataPaths) -> None:
    _damage_page_one(data_paths.db_file)
    with pytest.raises(WrongKeyError):
        open_database(data_paths, DatabaseKey.generate(), load_key_info(data_paths.key_info_file))


def test_encrypted_file_without_version_is_corrupt(data_paths: DataPaths, template_store: Template) -> None:
    connection = connect_raw(data_paths.db_file, template_store.key)
    connection.execute("DROP TABLE alembic_version")
    connection.close()
    before = fingerprint(data_paths.data_dir)
    with pytest.raises(CorruptDatabaseError, match="ne porte pas de numéro de version"):
        open_database(data_paths, template_store.key, load_key_info(data_paths.key_info_file))
    assert fingerprint(data_paths.data_dir) == before


def test_encrypted_but_empty_file_is_reported_as_never_initialised(
    data_paths: DataPaths, template_store: Template
) -> None:
    data_paths.db_file.unlink()
    connection = connect_raw(data_paths.db_file, template_store.key)
    connection.execute("CREATE TABLE scratch (body TEXT)")
    connection.execute("INSERT INTO scratch VALUES (zeroblob(5000))")
    connection.execute("DROP TABLE scratch")
    connection.close()
    assert data_paths.db_file.stat().st_size >= 1024
    before = fingerprint(data_paths.data_dir)
    with pytest.raises(CorruptDatabaseError, match="La base est vide : elle n'a jamais été initialisée"):
        open_database(data_paths, template_store.key, load_key_info(data_paths.key_info_file))
    assert fingerprint(data_paths.data_dir) == before


def test_newer_database_is_refused_and_unchanged(
    data_paths: DataPaths, secret_store: KeyringSecretStore, template_store: Template
) -> None:
    connection = connect_raw(data_paths.db_file, template_store.key)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = fingerprint(data_paths.data_dir)
    with pytest.raises(NewerDatabaseError) as caught:
        unlock_and_open(data_paths, secret_store)
    message = caught.value.user_message
    assert "version plus récente de caseworker" in message
    assert "(schéma « 9999 »)" in message
    assert "la base n'a pas été modifiée" in message
    assert caught.value.exit_code == 5
    assert fingerprint(data_paths.data_dir) == before
    assert not data_paths.backups_dir.exists()


# ------------------------------------------------------------------------------------------------ checks


def test_check_reports_ok_on_a_fresh_database(database: Database) -> None:
    report = check_database(database)
    assert report == CheckReport(revision=migrations.head_revision(), head=migrations.head_revision(), problems=[])
    assert report.ok is True


def test_check_reports_an_old_schema_as_not_ok() -> None:
    assert CheckReport(revision="0000", head="0001", problems=[]).ok is False
    assert CheckReport(revision="0001", head="0001", problems=["x"]).ok is False


def test_check_reports_a_damaged_page_instead_of_crashing(data_paths: DataPaths, template_store: Template) -> None:
    size = data_paths.db_file.stat().st_size
    assert size > 20 * 4096
    _overwrite(data_paths.db_file, 10 * 4096 + 100, b"\x5a\xa5")
    database = open_database(data_paths, template_store.key, load_key_info(data_paths.key_info_file))
    try:
        report = check_database(database)
    finally:
        database.dispose()
    assert report.ok is False
    assert "chiffrement : HMAC verification failed for page 11" in report.problems
    assert any(problem.startswith("intégrité : ") for problem in report.problems)


def test_check_reports_foreign_key_violations(database: Database) -> None:
    raw = connect_raw(database.paths.db_file, database.key)  # foreign keys are off on a raw connection
    try:
        raw.execute(
            "INSERT INTO household_membership (household_id, person_id, role_id, start_date, end_reason) "
            "VALUES (999, 999, 999, '2026-01-01', '')"
        )
    finally:
        raw.close()
    report = check_database(database)
    assert report.ok is False
    assert any(problem.startswith("clé étrangère : table household_membership") for problem in report.problems)


# ------------------------------------------------------------------------------------------------- rekey


def _keyring_database(data_paths: DataPaths, template_store: Template) -> Database:
    return open_database(data_paths, template_store.key, load_key_info(data_paths.key_info_file))


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (KeyStorage.KEYRING, KeyStorage.KEYRING),
        (KeyStorage.KEYRING, KeyStorage.PASSPHRASE),
        (KeyStorage.PASSPHRASE, KeyStorage.KEYRING),
    ],
    ids=["keyring-to-keyring", "keyring-to-passphrase", "passphrase-to-keyring"],
)
def test_rekey(
    fresh_paths: DataPaths,
    secret_store: KeyringSecretStore,
    memory_keyring: InMemoryKeyring,
    start: KeyStorage,
    target: KeyStorage,
) -> None:
    if start is KeyStorage.KEYRING:
        database, old = create_keyring_store(fresh_paths, secret_store)
    else:
        database, old = create_passphrase_store(fresh_paths, secret_store)
    write_marker(database)
    earlier_backup = database.backup()
    old_info = database.key_info
    new = (
        NewKeyMaterial.for_keyring() if target is KeyStorage.KEYRING else cheap_passphrase_material("autre phrase 2027")
    )

    rekeyed = rekey_database(database, new, secret_store).database

    # The same engine keeps working, with the new key.
    assert rekeyed.engine is database.engine
    assert rekeyed.key == new.key
    write_marker(rekeyed, "après")
    assert read_marker(rekeyed) == [MARKER, "après"]
    rekeyed.dispose()
    paths = fresh_paths
    assert not raw_opens(paths.db_file, old.key)
    assert raw_opens(paths.db_file, new.key)
    info = load_key_info(paths.key_info_file)
    assert info == rekeyed.key_info
    assert info.storage is target
    assert info.pending is None
    assert info.database_id == old_info.database_id
    assert info.key_check == new.key.check_value()
    # The old keyring entry is gone; only the new key (if kept in the keyring) remains.
    if target is KeyStorage.KEYRING:
        assert info.keyring_entry is not None
        assert info.keyring_entry != old_info.keyring_entry
        assert memory_keyring.entries == {("caseworker", info.keyring_entry): new.key.hex()}
    else:
        assert info.keyring_entry is None
        assert memory_keyring.entries == {}
    # Every backup, earlier ones included, now opens with the new key only; its own key file describes it.
    backups = list_backups(paths)
    assert {backup.path for backup in backups} >= {earlier_backup}
    assert any(backup.reason == "avant-changement-de-cle" for backup in backups)
    for backup in backups:
        assert raw_opens(backup.path, new.key), backup.path.name
        assert not raw_opens(backup.path, old.key), backup.path.name
        assert load_key_info(backup.key_file) == info
    assert not (paths.backups_dir / "caseworker.key.json").exists()
    # Recovery keys: the old one no longer works, the new one does.
    with pytest.raises(WrongKeyError, match="ne correspond pas"):
        unlock_and_open(paths, secret_store, Credentials(recovery_key=old.recovery.formatted()))
    by_recovery = unlock_and_open(paths, secret_store, Credentials(recovery_key=new.recovery.formatted()))
    assert read_marker(by_recovery) == [MARKER, "après"]
    by_recovery.dispose()
    # The usual way in.
    credentials = Credentials(passphrase="autre phrase 2027") if target is KeyStorage.PASSPHRASE else Credentials()
    again = unlock_and_open(paths, secret_store, credentials)
    assert again.key == new.key
    again.dispose()
    if start is KeyStorage.PASSPHRASE:
        # The old passphrase is no longer asked for, and no longer derives anything that opens the store.
        with pytest.raises(KeyUnavailableError, match="introuvable dans le trousseau"):
            unlock_and_open(paths, FakeStore(), Credentials(passphrase=PASSPHRASE))
        assert old.passphrase_kdf is not None
        assert not raw_opens(paths.db_file, key_from_passphrase(PASSPHRASE, old.passphrase_kdf))


class SimulatedCrash(BaseException):
    """Stands for the process dying: nothing catches it."""


def _crash_on_call(monkeypatch: pytest.MonkeyPatch, name: str, call_number: int) -> None:
    """Make ``caseworker.storage.rekey.<name>`` die on its ``call_number``-th call."""
    original = getattr(database_module, name)
    calls = {"count": 0}

    def wrapper(*args: object, **kwargs: object) -> object:
        calls["count"] += 1
        if calls["count"] == call_number:
            raise SimulatedCrash(name)
        return original(*args, **kwargs)

    monkeypatch.setattr(database_module, name, wrapper)


def test_rekey_interrupted_before_the_file_changed(
    data_paths: DataPaths,
    secret_store: KeyringSecretStore,
    memory_keyring: InMemoryKeyring,
    template_store: Template,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = _keyring_database(data_paths, template_store)
    old_info = database.key_info
    new = NewKeyMaterial.for_keyring()
    with monkeypatch.context() as patch:
        _crash_on_call(patch, "connect_raw", 1)  # dies just before PRAGMA rekey
        with pytest.raises(SimulatedCrash):
            rekey_database(database, new, secret_store)
    crashed = load_key_info(data_paths.key_info_file)
    assert crashed.pending is not None
    assert crashed.pending.key_check == new.key.check_value()
    assert raw_opens(data_paths.db_file, template_store.key)

    reopened = unlock_and_open(data_paths, secret_store)
    reopened.dispose()
    assert reopened.key == template_store.key
    settled = load_key_info(data_paths.key_info_file)
    assert settled == replace(crashed, pending=None) == old_info
    # The never-used new key is forgotten.
    assert memory_keyring.entries == {("caseworker", old_info.keyring_entry): template_store.key.hex()}
    again = unlock_and_open(data_paths, secret_store)
    again.dispose()


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (KeyStorage.KEYRING, KeyStorage.KEYRING),
        (KeyStorage.KEYRING, KeyStorage.PASSPHRASE),
        (KeyStorage.PASSPHRASE, KeyStorage.KEYRING),
    ],
    ids=["keyring-to-keyring", "keyring-to-passphrase", "passphrase-to-keyring"],
)
def test_rekey_interrupted_after_the_file_changed(
    fresh_paths: DataPaths,
    secret_store: KeyringSecretStore,
    monkeypatch: pytest.MonkeyPatch,
    start: KeyStorage,
    target: KeyStorage,
) -> None:
    """The crash falls between ``PRAGMA rekey`` and the key-file update: only the new key opens the file."""
    if start is KeyStorage.KEYRING:
        database, old = create_keyring_store(fresh_paths, secret_store)
    else:
        database, old = create_passphrase_store(fresh_paths, secret_store)
    write_marker(database)
    new_passphrase = "nouvelle phrase 2027"
    new = NewKeyMaterial.for_keyring() if target is KeyStorage.KEYRING else cheap_passphrase_material(new_passphrase)
    with monkeypatch.context() as patch:
        _crash_on_call(patch, "save_key_info", 2)  # 1: pending key info; 2: the final key info
        with pytest.raises(SimulatedCrash):
            rekey_database(database, new, secret_store)
    paths = fresh_paths
    assert raw_opens(paths.db_file, new.key)
    assert not raw_opens(paths.db_file, old.key)
    crashed = load_key_info(paths.key_info_file)
    assert crashed.key_check == old.key.check_value()
    assert crashed.pending is not None

    if target is KeyStorage.PASSPHRASE:
        with pytest.raises(KeyUnavailableError, match="changement de clé a été interrompu"):
            unlock_and_open(paths, secret_store)
        credentials = Credentials(passphrase=new_passphrase)
    elif start is KeyStorage.PASSPHRASE:
        with pytest.raises(KeyUnavailableError, match="phrase de passe est nécessaire"):
            unlock_and_open(paths, secret_store)
        credentials = Credentials(passphrase=PASSPHRASE)
    else:
        credentials = Credentials()
    reopened = unlock_and_open(paths, secret_store, credentials)
    try:
        assert reopened.key == new.key
        assert read_marker(reopened) == [MARKER]
    finally:
        reopened.dispose()
    settled = load_key_info(paths.key_info_file)
    assert settled.pending is None
    assert settled.storage is target
    assert settled.key_check == new.key.check_value()
    # The key change is complete: the new recovery key and the usual way in work.
    by_recovery = unlock_and_open(paths, secret_store, Credentials(recovery_key=new.recovery.formatted()))
    by_recovery.dispose()
    usual = Credentials(passphrase=new_passphrase) if target is KeyStorage.PASSPHRASE else Credentials()
    again = unlock_and_open(paths, secret_store, usual)
    assert again.key == new.key
    again.dispose()


def test_rekey_interrupted_then_recovered_with_the_new_recovery_key(
    data_paths: DataPaths,
    secret_store: KeyringSecretStore,
    memory_keyring: InMemoryKeyring,
    template_store: Template,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Crash after the rekey, and the keyring lost too: the new recovery key still opens the store."""
    database = _keyring_database(data_paths, template_store)
    new = NewKeyMaterial.for_keyring()
    with monkeypatch.context() as patch:
        _crash_on_call(patch, "save_key_info", 2)
        with pytest.raises(SimulatedCrash):
            rekey_database(database, new, secret_store)
    memory_keyring.entries.clear()
    with pytest.raises(KeyUnavailableError):
        unlock_and_open(data_paths, secret_store)
    reopened = unlock_and_open(data_paths, secret_store, Credentials(recovery_key=new.recovery.formatted()))
    reopened.dispose()
    assert reopened.key == new.key
    info = load_key_info(data_paths.key_info_file)
    assert info.pending is None
    assert memory_keyring.entries == {("caseworker", info.keyring_entry): new.key.hex()}
    silent = unlock_and_open(data_paths, secret_store)
    silent.dispose()


def test_rekey_interrupted_then_the_old_recovery_key_says_what_to_do(
    data_paths: DataPaths,
    secret_store: KeyringSecretStore,
    memory_keyring: InMemoryKeyring,
    template_store: Template,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Crash after the rekey, keyring lost, only the old recovery key at hand: a clear wrong-key message."""
    database = _keyring_database(data_paths, template_store)
    with monkeypatch.context() as patch:
        _crash_on_call(patch, "save_key_info", 2)
        with pytest.raises(SimulatedCrash):
            rekey_database(database, NewKeyMaterial.for_keyring(), secret_store)
    memory_keyring.entries.clear()
    before = fingerprint(data_paths.data_dir)
    with pytest.raises(WrongKeyError) as caught:
        unlock_and_open(data_paths, secret_store, Credentials(recovery_key=template_store.recovery))
    assert caught.value.user_message.startswith("Un changement de clé a été interrompu")
    assert "La base n'a pas été modifiée." in caught.value.user_message
    assert fingerprint(data_paths.data_dir) == before
    assert memory_keyring.entries == {}


def test_key_file_with_a_pending_change_round_trips(data_paths: DataPaths) -> None:
    info = load_key_info(data_paths.key_info_file)
    pending = KeyInfo(
        database_id=info.database_id,
        storage=KeyStorage.PASSPHRASE,
        key_check="00" * 16,
        recovery=info.recovery,
        passphrase_kdf=cheap_passphrase_material().passphrase_kdf,
    )
    crafted = replace(info, pending=pending)
    save_key_info(data_paths.key_info_file, crafted)
    assert load_key_info(data_paths.key_info_file) == crafted


def test_a_store_locked_by_another_program_is_reported_as_busy_not_damaged(data_paths, template_store):
    from caseworker.errors import DatabaseStateError
    from caseworker.storage.database import open_database
    from caseworker.storage.engine import connect_raw
    from caseworker.storage.key_info import load_key_info

    holder = connect_raw(data_paths.db_file, template_store.key)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseStateError, match="utilisée par un autre programme"):
            open_database(data_paths, template_store.key, load_key_info(data_paths.key_info_file))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_new_store_files_are_private_to_their_owner(tmp_path):
    import stat

    from caseworker.paths import DataPaths
    from caseworker.storage.database import NewKeyMaterial, create_database
    from caseworker.storage.secret_store import KeyringSecretStore

    paths = DataPaths(tmp_path / "private")
    database = create_database(paths, NewKeyMaterial.for_keyring(), KeyringSecretStore())
    backup = database.backup("manuelle")
    database.dispose()
    assert stat.S_IMODE(paths.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.db_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.key_info_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.backups_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_two_key_changes_at_once_are_refused(database):
    import threading

    from caseworker.storage import rekey as store
    from caseworker.storage.database import NewKeyMaterial
    from caseworker.storage.secret_store import KeyringSecretStore

    assert store._REKEY_LOCK.acquire(blocking=False)
    try:
        with pytest.raises(DatabaseStateError, match="déjà en cours"):
            rekey_database(database, NewKeyMaterial.for_keyring(), KeyringSecretStore())
    finally:
        store._REKEY_LOCK.release()
    assert isinstance(store._REKEY_LOCK, type(threading.Lock()))


def test_a_key_change_from_a_stale_window_is_refused(database):
    from caseworker.storage.database import NewKeyMaterial
    from caseworker.storage.secret_store import KeyringSecretStore

    changed = rekey_database(database, NewKeyMaterial.for_keyring(), KeyringSecretStore()).database
    # `database` still describes the old key (another window, or a second click): refused, nothing changes.
    from caseworker.errors import DatabaseStateError

    with pytest.raises(DatabaseStateError, match="a changé depuis l'ouverture"):
        rekey_database(database, NewKeyMaterial.for_keyring(), KeyringSecretStore())
    changed.dispose()


def test_an_error_after_the_rekey_keeps_the_session_working(database, monkeypatch):
    from caseworker.errors import KeyChangeIncompleteError
    from caseworker.storage import rekey as store
    from caseworker.storage.database import Credentials, NewKeyMaterial, unlock_and_open
    from caseworker.storage.secret_store import KeyringSecretStore

    real_save = store.save_key_info
    calls = []

    def failing_save(path, info):
        calls.append(info)
        if len(calls) == 2:  # the save after PRAGMA rekey
            raise OSError(28, "No space left on device")
        real_save(path, info)

    monkeypatch.setattr(store, "save_key_info", failing_save)
    material = NewKeyMaterial.for_keyring()
    with pytest.raises(KeyChangeIncompleteError, match="nouvelle clé de secours fonctionne"):
        rekey_database(database, material, KeyringSecretStore())
    with database.engine.connect() as connection:  # the engine already uses the new key
        assert connection.exec_driver_sql("SELECT count(*) FROM occupancy_status").scalar() > 0
    database.dispose()
    monkeypatch.setattr(store, "save_key_info", real_save)
    reopened = unlock_and_open(
        database.paths, KeyringSecretStore(), Credentials(recovery_key=material.recovery.formatted())
    )
    reopened.dispose()


def test_migrations_run_with_foreign_keys_off_so_recreated_tables_keep_their_links(
    data_paths, template_store, tmp_path
):
    import shutil

    from caseworker.paths import migrations_dir
    from caseworker.services import build_services
    from caseworker.services.directory import OrganisationInput
    from caseworker.services.households import HouseholdInput, PersonInput
    from caseworker.services.setup import FirstRunInput
    from caseworker.services.sharing import ConsentInput
    from caseworker.storage.database import open_database
    from caseworker.storage.key_info import load_key_info

    info = load_key_info(data_paths.key_info_file)
    database = open_database(data_paths, template_store.key, info)
    services = build_services(database.engine)
    services.setup.complete_first_run(
        FirstRunInput(OrganisationInput("Asso", "association"), "Claire", "Martin", "travailleur_social")
    )
    landlord = services.directory.create_organisation(OrganisationInput("Bailleur", "bailleur_social"))
    household = services.households.create_household(HouseholdInput(), PersonInput(last_name="Dubois"))
    person_id = services.households.open_file(household.id).members[0].person_id
    services.consents.request(
        household.id,
        ConsentInput(person_id, landlord.id, ("identite",), "test"),
        requested_on=services.context.clock.today(),
    )
    database.dispose()
    scripts = tmp_path / "scripts-recreate"
    shutil.copytree(migrations_dir(), scripts)
    (scripts / "versions" / "0002_recreate.py").write_text(
        "from alembic import op\n"
        "revision = '0002'\n"
        "down_revision = '0001'\n\n\n"
        "def upgrade():\n"
        "    with op.batch_alter_table('consent', recreate='always'):\n"
        "        pass\n",
        encoding="utf-8",
    )
    upgraded = open_database(data_paths, template_store.key, info, script_location=scripts)
    with upgraded.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM consent_category_link").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    upgraded.dispose()


def test_a_keyring_that_refuses_writes_does_not_undo_a_recovery_unlock(
    data_paths, template_store, memory_keyring, monkeypatch, caplog
):
    """The keyring entry was lost and the keyring now refuses writes: the recovery key still opens the store.

    The key cannot be put back (the next start will ask for the recovery key again), which is logged without the
    key; the key file and the keyring are left as they were.
    """
    import logging

    import keyring.errors

    from caseworker.storage.database import Credentials, unlock_and_open
    from caseworker.storage.key_info import load_key_info
    from caseworker.storage.secret_store import KeyringSecretStore

    store = KeyringSecretStore()
    info = load_key_info(data_paths.key_info_file)
    store.delete(info.keyring_entry)
    key_file_before = data_paths.key_info_file.read_bytes()
    refused = []

    def refuse(entry, secret):
        refused.append(entry)
        raise keyring.errors.KeyringLocked("locked")

    monkeypatch.setattr(store, "set", refuse)
    with caplog.at_level(logging.WARNING, logger="caseworker.storage.database"):
        database = unlock_and_open(data_paths, store, Credentials(recovery_key=template_store.recovery))
    try:
        assert database.key == template_store.key
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
    finally:
        database.dispose()
    assert refused == [info.keyring_entry]  # the key was offered back to the keyring, which refused it
    assert database.key_info.keyring_entry == info.keyring_entry
    assert data_paths.key_info_file.read_bytes() == key_file_before
    assert memory_keyring.entries == {}
    assert "could not put the key back in the keyring: KeyringLocked" in caplog.text
    assert template_store.key.hex() not in caplog.text


def test_an_interrupted_creation_is_recognised(tmp_path):
    from caseworker.paths import DataPaths
    from caseworker.storage.database import StoreState, inspect_data_dir

    paths = DataPaths(tmp_path / "store")
    paths.data_dir.mkdir()
    provisional = paths.key_info_file.with_name(paths.key_info_file.name + ".creating")
    provisional.write_text("{}", encoding="utf-8")
    # Stopped before the database was moved in: nothing was stored, the wizard is offered again.
    assert inspect_data_dir(paths) is StoreState.ABSENT
    assert not provisional.exists()


# ------------------------------------------------------------------------------- directories in place of files


@pytest.mark.parametrize("which", ["db_file", "key_info_file"])
def test_a_directory_in_place_of_a_store_file_is_refused_in_french(
    data_paths: DataPaths, secret_store: KeyringSecretStore, which: str
) -> None:
    target = getattr(data_paths, which)
    target.unlink()
    target.mkdir()
    (target / "inside.txt").write_text("rien", encoding="utf-8")
    before = fingerprint(data_paths.data_dir)
    with pytest.raises(DatabaseStateError) as caught:
        unlock_and_open(data_paths, secret_store)
    assert f"« {target} » est un dossier" in caught.value.user_message
    assert "Rien n'a été modifié" in caught.value.user_message
    with pytest.raises(DatabaseStateError, match="est un dossier"):
        create_database(data_paths, NewKeyMaterial.for_keyring(), secret_store)
    assert fingerprint(data_paths.data_dir) == before


def test_a_file_in_place_of_the_data_directory_is_refused_in_french(
    tmp_path: Path, secret_store: KeyringSecretStore
) -> None:
    paths = DataPaths(tmp_path / "store")
    paths.data_dir.write_text("pas un dossier", encoding="utf-8")
    with pytest.raises(DatabaseStateError, match=r"« .*store » n'est pas un dossier"):
        inspect_data_dir(paths)
    with pytest.raises(DatabaseStateError, match="n'est pas un dossier"):
        create_database(paths, NewKeyMaterial.for_keyring(), secret_store)
    assert paths.data_dir.read_text(encoding="utf-8") == "pas un dossier"
