"""The keys of the backups: a key change, interrupted anywhere, never leaves a backup that no key held opens.

The rule under test: every backup opens with a key the person still holds — the current keyring entry or
passphrase, or an older passphrase or recovery key described by the backup's own key file.
"""

from __future__ import annotations

import functools
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from caseworker.paths import DataPaths
from caseworker.storage import backup_keys
from caseworker.storage import rekey as rekey_module
from caseworker.storage.backup_keys import BackupAccess, backup_statuses
from caseworker.storage.backups import RETENTION_DAYS, list_backups
from caseworker.storage.crypto import DatabaseKey, RecoveryKey, key_from_passphrase, unwrap_key
from caseworker.storage.database import Credentials, Database, NewKeyMaterial, create_database, unlock_and_open
from caseworker.storage.engine import DatabaseError, connect_raw
from caseworker.storage.key_info import KeyInfo, KeyStorage, load_key_info, save_key_info
from caseworker.storage.rekey import rekey_database
from caseworker.storage.secret_store import KeyringSecretStore
from tests.storage.conftest import cheap_passphrase_material, sha256
from tests.support import InMemoryKeyring
from tests.support.damage import damage_a_page_of_rows

PASSPHRASES = ["premier cheval agrafe 1", "deuxième batterie correcte 2", "troisième lune orange 3"]


class SimulatedCrash(BaseException):
    """Stands for the process dying: nothing catches it."""


def raw_opens(path: Path, key: DatabaseKey) -> bool:
    try:
        connection = connect_raw(path, key)
    except DatabaseError:
        return False
    connection.close()
    return True


@dataclass
class Holdings:
    """What the person still holds: every passphrase and recovery key ever given, and the keyring."""

    passphrases: list[str] = field(default_factory=list)
    recoveries: list[str] = field(default_factory=list)

    def add(self, material: NewKeyMaterial, passphrase: str | None) -> None:
        self.recoveries.append(material.recovery.formatted())
        if passphrase is not None:
            self.passphrases.append(passphrase)

    def keys_for(self, info: KeyInfo) -> Iterator[DatabaseKey]:
        """Keys derived from what is held that match ``info`` (or its pending change), the cheap ones first."""
        items = [item for item in (info, info.pending) if item is not None]
        for item in items:
            if item.storage is KeyStorage.KEYRING and item.keyring_entry:
                stored = KeyringSecretStore().get(item.keyring_entry)
                if stored is not None and DatabaseKey.from_hex(stored).check_value() == item.key_check:
                    yield DatabaseKey.from_hex(stored)
            if item.storage is KeyStorage.PASSPHRASE and item.passphrase_kdf is not None:
                for text in self.passphrases:
                    key = key_from_passphrase(text, item.passphrase_kdf)
                    if key.check_value() == item.key_check:
                        yield key
        for item in items:
            for text in self.recoveries:
                key = _unwrap(item.recovery.parameters.salt, item.recovery.wrapped, item, text)
                if key.check_value() == item.key_check:
                    yield key


@functools.lru_cache(maxsize=256)
def _unwrap(_salt: bytes, _wrapped: bytes, item: KeyInfo, recovery: str) -> DatabaseKey:
    return unwrap_key(item.recovery, RecoveryKey.parse(recovery))


def own_key_file(backup: Path) -> Path:
    return backup.with_name(backup.stem + ".key.json")


def key_info_of(paths: DataPaths, backup: Path) -> KeyInfo:
    """The backup's own key file, else the one shared by the backups of older versions."""
    own = own_key_file(backup)
    return load_key_info(own if own.exists() else paths.backups_dir / "caseworker.key.json")


def assert_every_backup_opens_with_a_key_held(paths: DataPaths, holdings: Holdings) -> None:
    backups = list_backups(paths)
    assert backups
    lost = [
        backup.path.name
        for backup in backups
        if not any(raw_opens(backup.path, key) for key in holdings.keys_for(key_info_of(paths, backup.path)))
    ]
    assert lost == []


def new_material(storage: KeyStorage, passphrase: str) -> NewKeyMaterial:
    return NewKeyMaterial.for_keyring() if storage is KeyStorage.KEYRING else cheap_passphrase_material(passphrase)


def credentials_for(storage: KeyStorage, passphrase: str) -> Credentials:
    return Credentials(passphrase=passphrase) if storage is KeyStorage.PASSPHRASE else Credentials()


def crash_after_the_key_file_is_promoted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Die right after the key change's second key-file write (the promotion), before the backups change."""
    original = rekey_module.save_key_info
    calls = {"count": 0}

    def save_then_die(path: Path, info: KeyInfo) -> None:
        original(path, info)
        calls["count"] += 1
        if calls["count"] == 2:
            raise SimulatedCrash("after the promotion")

    monkeypatch.setattr(rekey_module, "save_key_info", save_then_die)


def store_with_backups(paths: DataPaths, storage: KeyStorage, holdings: Holdings) -> Database:
    material = new_material(storage, PASSPHRASES[0])
    holdings.add(material, PASSPHRASES[0] if storage is KeyStorage.PASSPHRASE else None)
    database = create_database(paths, material, KeyringSecretStore())
    for _ in range(3):
        database.backup()
    return database


STORAGES = [
    (KeyStorage.KEYRING, KeyStorage.KEYRING),
    (KeyStorage.KEYRING, KeyStorage.PASSPHRASE),
    (KeyStorage.PASSPHRASE, KeyStorage.KEYRING),
    (KeyStorage.PASSPHRASE, KeyStorage.PASSPHRASE),
]
STORAGE_IDS = ["keyring-keyring", "keyring-passphrase", "passphrase-keyring", "passphrase-passphrase"]


@pytest.mark.parametrize(("start", "target"), STORAGES, ids=STORAGE_IDS)
def test_a_key_change_interrupted_before_the_backups_then_another_one_loses_no_backup(
    fresh_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, start: KeyStorage, target: KeyStorage
) -> None:
    """The reviewer's sequence: kill after the key file is promoted, start again, change the key again."""
    holdings = Holdings()
    database = store_with_backups(fresh_paths, start, holdings)
    first = new_material(target, PASSPHRASES[1])
    holdings.add(first, PASSPHRASES[1] if target is KeyStorage.PASSPHRASE else None)
    with monkeypatch.context() as patch:
        crash_after_the_key_file_is_promoted(patch)
        with pytest.raises(SimulatedCrash):
            rekey_database(database, first, KeyringSecretStore())
    database.dispose()
    assert_every_backup_opens_with_a_key_held(fresh_paths, holdings)

    reopened = unlock_and_open(fresh_paths, KeyringSecretStore(), credentials_for(target, PASSPHRASES[1]))
    assert reopened.key == first.key
    assert_every_backup_opens_with_a_key_held(fresh_paths, holdings)
    second = new_material(target, PASSPHRASES[2])
    holdings.add(second, PASSPHRASES[2] if target is KeyStorage.PASSPHRASE else None)
    rekey_database(reopened, second, KeyringSecretStore()).database.dispose()

    assert_every_backup_opens_with_a_key_held(fresh_paths, holdings)
    if start is KeyStorage.KEYRING:
        # The old key was still in the keyring: the start after the crash finished the job, nothing is left
        # with an older key, and the keyring holds only the current key.
        for backup in list_backups(fresh_paths):
            assert raw_opens(backup.path, second.key), backup.path.name
        info = load_key_info(fresh_paths.key_info_file)
        expected = {("caseworker", info.keyring_entry): second.key.hex()} if info.keyring_entry else {}
        backend = __import__("keyring").get_keyring()
        assert isinstance(backend, InMemoryKeyring)
        assert backend.entries == expected


def test_the_start_after_the_crash_finishes_re_encrypting_the_backups_with_the_old_key_from_the_keyring(
    fresh_paths: DataPaths, memory_keyring: InMemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    holdings = Holdings()
    database = store_with_backups(fresh_paths, KeyStorage.KEYRING, holdings)
    old_entry = database.key_info.keyring_entry
    new = NewKeyMaterial.for_keyring()
    with monkeypatch.context() as patch:
        crash_after_the_key_file_is_promoted(patch)
        with pytest.raises(SimulatedCrash):
            rekey_database(database, new, KeyringSecretStore())
    database.dispose()
    # The old key stays in the keyring as long as a backup needs it.
    assert ("caseworker", old_entry) in memory_keyring.entries
    assert [status.access for status in backup_statuses(fresh_paths, new.key)] == [BackupAccess.OLDER_KEY] * 4

    unlock_and_open(fresh_paths, KeyringSecretStore()).dispose()

    assert [status.access for status in backup_statuses(fresh_paths, new.key)] == [BackupAccess.CURRENT_KEY] * 4
    info = load_key_info(fresh_paths.key_info_file)
    for backup in list_backups(fresh_paths):
        assert load_key_info(backup.key_file) == info
    assert memory_keyring.entries == {("caseworker", info.keyring_entry): new.key.hex()}


@pytest.mark.parametrize("step", range(1, 7))
@pytest.mark.parametrize("start", [KeyStorage.KEYRING, KeyStorage.PASSPHRASE], ids=["keyring", "passphrase"])
def test_a_crash_at_any_step_of_the_backup_re_encryption_loses_no_backup(
    fresh_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, start: KeyStorage, step: int
) -> None:
    """Each backup takes three steps (pending key file, PRAGMA rekey, promotion): die at each of them in turn."""
    holdings = Holdings()
    database = store_with_backups(fresh_paths, start, holdings)
    new = new_material(KeyStorage.PASSPHRASE, PASSPHRASES[1])
    holdings.add(new, PASSPHRASES[1])
    calls = {"count": 0}
    real_save, real_connect = backup_keys.save_key_info, backup_keys.connect_raw

    def counted(function):  # type: ignore[no-untyped-def]
        def wrapper(*args: object) -> object:
            calls["count"] += 1
            if calls["count"] == step:
                raise SimulatedCrash(function.__name__)
            return function(*args)

        return wrapper

    with monkeypatch.context() as patch:
        patch.setattr(backup_keys, "save_key_info", counted(real_save))
        # Only the connection that rekeys counts (the probes that find which key opens a backup do not).
        patch.setattr(backup_keys, "_opens", raw_opens)
        patch.setattr(backup_keys, "connect_raw", counted(real_connect))
        with pytest.raises(SimulatedCrash):
            rekey_database(database, new, KeyringSecretStore())
    database.dispose()
    assert_every_backup_opens_with_a_key_held(fresh_paths, holdings)
    reopened = unlock_and_open(fresh_paths, KeyringSecretStore(), Credentials(passphrase=PASSPHRASES[1]))
    reopened.dispose()
    assert_every_backup_opens_with_a_key_held(fresh_paths, holdings)
    statuses = backup_statuses(fresh_paths, new.key)
    if start is KeyStorage.KEYRING:
        assert {status.access for status in statuses} == {BackupAccess.CURRENT_KEY}
    else:
        # The old passphrase is not at hand at the next start: those backups keep their own key file.
        assert {status.access for status in statuses} <= {BackupAccess.CURRENT_KEY, BackupAccess.OLDER_KEY}


def test_backups_of_older_versions_keep_the_shared_key_file(
    fresh_paths: DataPaths, secret_store: KeyringSecretStore
) -> None:
    """Older versions copied one key file beside all backups: it is read, never rewritten."""
    holdings = Holdings()
    database = store_with_backups(fresh_paths, KeyStorage.PASSPHRASE, holdings)
    backups = list_backups(fresh_paths)
    shared = fresh_paths.backups_dir / "caseworker.key.json"
    save_key_info(shared, database.key_info)
    for backup in backups:
        backup.key_file.unlink()  # as an older version left them
    # A backup made under a key nobody describes any more (what the old rekey left): no key file opens it.
    orphan = backups[-1].path
    connection = connect_raw(orphan, database.key)
    connection.execute(f'PRAGMA rekey = "{DatabaseKey.generate().sqlcipher_literal()}"')
    connection.close()
    shared_before = sha256(shared)
    statuses = {status.path: status.access for status in backup_statuses(fresh_paths, database.key)}
    assert statuses == {
        backups[0].path: BackupAccess.CURRENT_KEY,
        backups[1].path: BackupAccess.CURRENT_KEY,
        orphan: BackupAccess.NO_KNOWN_KEY,
    }

    new = cheap_passphrase_material(PASSPHRASES[1])
    holdings.add(new, PASSPHRASES[1])
    rekey_database(database, new, secret_store).database.dispose()

    assert sha256(shared) == shared_before
    for backup in backups[:2]:
        assert raw_opens(backup.path, new.key)
        assert load_key_info(backup.key_file).key_check == new.key.check_value()
    assert not own_key_file(orphan).exists()  # the orphan is left as it was
    statuses = {status.path: status.access for status in backup_statuses(fresh_paths, new.key)}
    assert statuses[orphan] is BackupAccess.OLDER_SHARED_KEY


# ------------------------------------------------------------------------------------- a real kill -9

CHILD = """
import sys, time
from pathlib import Path
from caseworker.paths import DataPaths
from caseworker.storage import backup_keys, rekey
from caseworker.storage.database import Credentials, unlock_and_open
from caseworker.storage.secret_store import KeyringSecretStore
from tests.storage.conftest import cheap_passphrase_material

paths, where, old, new = DataPaths(Path(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]


def pause(label):
    print(label, flush=True)
    time.sleep(60)


if where == "after-promotion":
    rekey.rekey_backups = lambda *args, **kwargs: pause("promoted")
else:
    real_save = backup_keys.save_key_info

    def save(path, info):
        real_save(path, info)
        if info.pending is not None:
            pause("backup pending")

    backup_keys.save_key_info = save
database = unlock_and_open(paths, KeyringSecretStore(), Credentials(passphrase=old))
rekey.rekey_database(database, cheap_passphrase_material(new), KeyringSecretStore())
print("not killed", flush=True)
"""


@pytest.mark.parametrize("where", ["after-promotion", "backup-pending"])
def test_a_real_kill_during_a_key_change_then_another_key_change_loses_no_backup(
    fresh_paths: DataPaths, where: str
) -> None:
    holdings = Holdings()
    store_with_backups(fresh_paths, KeyStorage.PASSPHRASE, holdings).dispose()
    holdings.passphrases.append(PASSPHRASES[1])  # the child's new key (its recovery key is never seen)
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(fresh_paths.data_dir), where, PASSPHRASES[0], PASSPHRASES[1]],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
        child.kill()  # SIGKILL: no cleanup of any kind
        child.wait(timeout=30)
    assert line == ("promoted" if where == "after-promotion" else "backup pending")
    assert_every_backup_opens_with_a_key_held(fresh_paths, holdings)

    reopened = unlock_and_open(fresh_paths, KeyringSecretStore(), Credentials(passphrase=PASSPHRASES[1]))
    accesses = [status.access for status in backup_statuses(fresh_paths, reopened.key)]
    assert BackupAccess.OLDER_KEY in accesses
    assert set(accesses) <= {BackupAccess.CURRENT_KEY, BackupAccess.OLDER_KEY}
    final = cheap_passphrase_material(PASSPHRASES[2])
    holdings.add(final, PASSPHRASES[2])
    rekey_database(reopened, final, KeyringSecretStore()).database.dispose()
    assert_every_backup_opens_with_a_key_held(fresh_paths, holdings)
    # The older backups still open with the first passphrase, the newer ones with the current key.
    first_only = Holdings(passphrases=[PASSPHRASES[0]])
    current_only = Holdings(passphrases=[PASSPHRASES[2]])
    opened_by = {
        backup.path.name: (
            any(raw_opens(backup.path, key) for key in first_only.keys_for(key_info_of(fresh_paths, backup.path))),
            any(raw_opens(backup.path, key) for key in current_only.keys_for(key_info_of(fresh_paths, backup.path))),
        )
        for backup in list_backups(fresh_paths)
    }
    assert all(first or current for first, current in opened_by.values())


def test_a_start_does_not_open_backups_that_already_use_the_current_key(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bringing backups to the current key runs at every start: with nothing to do, it only reads key files."""
    database = unlock_and_open(data_paths, KeyringSecretStore())
    for _ in range(3):
        database.backup()
    database.dispose()
    opened: list[Path] = []
    monkeypatch.setattr(backup_keys, "_opens", lambda path, key: opened.append(path) or True)
    unlock_and_open(data_paths, KeyringSecretStore()).dispose()
    assert opened == []


# ------------------------------------------------------------- what a key change says about the backups it left


def test_a_key_change_reports_a_backup_it_could_not_re_encrypt_and_the_key_that_still_opens_it(
    fresh_paths: DataPaths,
) -> None:
    """A damaged backup cannot be re-encrypted: it stays under the old key, which must then be kept."""
    holdings = Holdings()
    database = store_with_backups(fresh_paths, KeyStorage.PASSPHRASE, holdings)
    old_info = database.key_info
    damaged = list_backups(fresh_paths)[-1]
    damage_a_page_of_rows(damaged.path, database.key)
    new = cheap_passphrase_material(PASSPHRASES[1])

    change = rekey_database(database, new, KeyringSecretStore())
    change.database.dispose()

    assert change.database.key == new.key
    assert [(status.path, status.access) for status in change.left_on_older_keys] == [
        (damaged.path, BackupAccess.OLDER_KEY)
    ]
    (kept,) = change.keys_to_keep
    assert kept.key_info is not None
    assert kept.key_info.key_check == old_info.key_check
    assert kept.passphrase
    assert not kept.in_keyring
    assert kept.backups == (damaged.path,)
    assert kept.deleted_from == (damaged.created_at + timedelta(days=RETENTION_DAYS)).astimezone().date()
    # The old passphrase does open it: what the person is told to keep is what opens it.
    assert any(raw_opens(damaged.path, key) for key in Holdings(passphrases=[PASSPHRASES[0]]).keys_for(kept.key_info))


def test_a_key_change_reports_the_backups_an_earlier_interrupted_change_left(
    fresh_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Passphrase mode: killed before the backups, the first change leaves them under the first passphrase."""
    holdings = Holdings()
    database = store_with_backups(fresh_paths, KeyStorage.PASSPHRASE, holdings)
    first_info = database.key_info
    first = cheap_passphrase_material(PASSPHRASES[1])
    with monkeypatch.context() as patch:
        crash_after_the_key_file_is_promoted(patch)
        with pytest.raises(SimulatedCrash):
            rekey_database(database, first, KeyringSecretStore())
    database.dispose()
    left_behind = [backup.path for backup in list_backups(fresh_paths)]
    reopened = unlock_and_open(fresh_paths, KeyringSecretStore(), Credentials(passphrase=PASSPHRASES[1]))

    change = rekey_database(reopened, cheap_passphrase_material(PASSPHRASES[2]), KeyringSecretStore())
    change.database.dispose()

    assert [status.path for status in change.left_on_older_keys] == left_behind
    (kept,) = change.keys_to_keep
    assert kept.key_info is not None and kept.key_info.key_check == first_info.key_check
    assert kept.backups == tuple(left_behind)
    newest = max(backup.created_at for backup in list_backups(fresh_paths) if backup.path in left_behind)
    assert kept.deleted_from == (newest + timedelta(days=RETENTION_DAYS)).astimezone().date()


def test_a_key_change_that_re_encrypts_every_backup_reports_nothing_to_keep(fresh_paths: DataPaths) -> None:
    database = store_with_backups(fresh_paths, KeyStorage.PASSPHRASE, Holdings())
    change = rekey_database(database, cheap_passphrase_material(PASSPHRASES[1]), KeyringSecretStore())
    change.database.dispose()
    assert change.left_on_older_keys == ()
    assert change.keys_to_keep == ()


def test_a_backup_whose_key_file_is_unreadable_is_reported_as_such_not_as_damaged(fresh_paths: DataPaths) -> None:
    database = store_with_backups(fresh_paths, KeyStorage.PASSPHRASE, Holdings())
    unreadable = list_backups(fresh_paths)[0]
    unreadable.key_file.write_text("{pas du json", encoding="utf-8")

    change = rekey_database(database, cheap_passphrase_material(PASSPHRASES[1]), KeyringSecretStore())
    change.database.dispose()

    statuses = {status.path: status.access for status in backup_statuses(fresh_paths, change.database.key)}
    assert statuses[unreadable.path] is BackupAccess.KEY_FILE_UNREADABLE
    assert [(status.path, status.access) for status in change.left_on_older_keys] == [
        (unreadable.path, BackupAccess.KEY_FILE_UNREADABLE)
    ]
    (kept,) = change.keys_to_keep
    assert kept.key_info is None
    assert kept.backups == (unreadable.path,)


def test_a_backup_whose_older_key_is_still_in_the_keyring_says_so(
    fresh_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = store_with_backups(fresh_paths, KeyStorage.KEYRING, Holdings())
    new = NewKeyMaterial.for_keyring()
    with monkeypatch.context() as patch:
        crash_after_the_key_file_is_promoted(patch)
        with pytest.raises(SimulatedCrash):
            rekey_database(database, new, KeyringSecretStore())
    database.dispose()

    statuses = backup_statuses(fresh_paths, new.key, KeyringSecretStore())

    assert [(status.access, status.in_keyring) for status in statuses] == [(BackupAccess.OLDER_KEY, True)] * 4
    # Without the keyring to look in, nothing is claimed about it.
    assert not any(status.in_keyring for status in backup_statuses(fresh_paths, new.key))
