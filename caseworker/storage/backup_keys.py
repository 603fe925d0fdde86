"""The keys of the backups: re-encrypting them after a key change, and saying which key opens each one.

Every backup must stay openable by a key the person still holds: the current key (keyring or passphrase), or an
older passphrase or recovery key whose description (scrypt parameters, recovery wrap) is kept in the backup's own
key file. Re-encrypting a backup follows the protocol of the main file: its key file first gets the new key as
*pending*, then ``PRAGMA rekey``, then the key file is promoted. A crash at any point leaves a backup whose key
file names the key that opens it (or both candidates). A backup is re-encrypted only with a key at hand — the key
being replaced, or an older one still in the keyring —; the others keep their key file and are reported.

An older key kept in the keyring is forgotten only once no backup needs it any more.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from pathlib import Path

from caseworker.errors import CorruptDatabaseError
from caseworker.paths import DataPaths
from caseworker.storage.backups import (
    RETENTION_DAYS,
    BackupFile,
    backup_key_info,
    incomplete_backups,
    list_backups,
    shared_key_file,
)
from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.engine import DatabaseError, connect_raw
from caseworker.storage.integrity import file_problems
from caseworker.storage.key_info import KeyInfo, KeyStorage, load_key_info, save_key_info
from caseworker.storage.secret_store import SecretStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HeldKey:
    """A key at hand and the key information that describes it."""

    key: DatabaseKey
    info: KeyInfo

    @classmethod
    def of(cls, key: DatabaseKey, info: KeyInfo) -> HeldKey:
        """Pair ``key`` with the entry of ``info`` (or of its pending change) that describes it."""
        for candidate in (info, info.pending):
            if candidate is not None and candidate.key_check == key.check_value():
                return cls(key, replace(candidate, pending=None))
        raise ValueError("the key information does not describe this key")


def _opens(path: Path, key: DatabaseKey) -> bool:
    try:
        connect_raw(path, key).close()
    except DatabaseError:
        return False
    return True


def _infos(info: KeyInfo | None) -> list[KeyInfo]:
    if info is None:
        return []
    return [replace(info, pending=None)] + ([info.pending] if info.pending is not None else [])


def _keyring_entries(infos: Iterable[KeyInfo]) -> set[str]:
    return {item.keyring_entry for item in infos if item.storage is KeyStorage.KEYRING and item.keyring_entry}


class _KeysAtHand:
    """The target key, the keys given by the caller, and older keys found in the keyring (looked up once)."""

    def __init__(self, target: HeldKey, held: Iterable[HeldKey], secret_store: SecretStore) -> None:
        self.target = target
        self._by_check = {item.info.key_check: item for item in (target, *held)}
        self._secret_store = secret_store
        self._looked_up: set[str] = set()

    def for_infos(self, infos: list[KeyInfo], *, legacy: bool) -> list[HeldKey]:
        """Keys that may open a backup described by ``infos``, the target first.

        A backup of an older version (``legacy``) shares a key file that a key change may have rewritten, so
        every key at hand is a candidate for it.
        """
        for info in infos:
            self._look_up(info)
        candidates = [self._by_check[info.key_check] for info in infos if info.key_check in self._by_check]
        if legacy:
            candidates.extend(self._by_check.values())
        ordered = [self.target] if self.target in candidates else []
        ordered.extend(item for item in candidates if item not in ordered)
        return ordered

    def _look_up(self, info: KeyInfo) -> None:
        entry = info.keyring_entry
        if info.storage is not KeyStorage.KEYRING or not entry or info.key_check in self._by_check:
            return
        if entry in self._looked_up:
            return
        self._looked_up.add(entry)
        stored = self._secret_store.get(entry)
        if stored is None:
            return
        try:
            key = DatabaseKey.from_hex(stored)
        except ValueError:
            return
        if key.check_value() == info.key_check:
            self._by_check[info.key_check] = HeldKey(key, info)


def rekey_backups(
    paths: DataPaths,
    target: HeldKey,
    secret_store: SecretStore,
    *,
    held: Iterable[HeldKey] = (),
    retired_entries: Iterable[str] = (),
) -> list[Path]:
    """Bring every backup to the ``target`` key when a key that opens it is at hand; return those left as they were.

    Args:
        paths: the data directory.
        target: the current key of the store and its description.
        secret_store: where older keys kept in the keyring are looked up (and forgotten once no backup needs
            them).
        held: other keys at hand (the key being replaced by a key change).
        retired_entries: keyring entries the caller no longer needs (the replaced key's): forgotten unless a
            backup still needs them.
    """
    keys = _KeysAtHand(target, held, secret_store)
    backups = list_backups(paths)
    before = {backup.path: backup_key_info(paths, backup) for backup in backups}
    candidates_to_forget = set(retired_entries)
    for info in before.values():
        candidates_to_forget |= _keyring_entries(_infos(info))
    left: list[Path] = []
    for backup in backups:
        try:
            done = _rekey_backup(paths, backup, keys)
        except (DatabaseError, OSError, CorruptDatabaseError) as exc:
            log.warning("a backup could not be re-encrypted: %s", type(exc).__name__)
            done = False
        if not done:
            left.append(backup.path)
    still_needed = _keyring_entries(_infos(target.info))
    for backup in list_backups(paths):
        still_needed |= _keyring_entries(_infos(backup_key_info(paths, backup)))
    for entry in sorted(candidates_to_forget - still_needed):
        secret_store.delete(entry)
    if left:
        log.info("%d backup(s) keep an older key", len(left))
    return left


def _rekey_backup(paths: DataPaths, backup: BackupFile, keys: _KeysAtHand) -> bool:
    """Re-encrypt one backup with the target key; False when no key at hand opens it (it is left as it is)."""
    own_file = backup.key_file
    legacy = not own_file.exists()
    info = load_key_info(own_file) if not legacy else backup_key_info(paths, backup)
    target = keys.target
    if not legacy and info == target.info:
        return True  # already done: not even opened (this runs at every start)
    opener = next((item for item in keys.for_infos(_infos(info), legacy=legacy) if _opens(backup.path, item.key)), None)
    if opener is None:
        return False
    if opener is target:
        if legacy or info != target.info:
            save_key_info(own_file, target.info)  # promote an interrupted change, or give a legacy backup its own
        return True
    # The same steps as the main file: what opens the backup is written down before the backup changes.
    save_key_info(own_file, replace(opener.info, pending=target.info))
    connection = connect_raw(backup.path, opener.key)
    try:
        connection.execute(f'PRAGMA rekey = "{target.key.sqlcipher_literal()}"')
    finally:
        connection.close()
    connect_raw(backup.path, target.key).close()
    save_key_info(own_file, target.info)
    return True


# ------------------------------------------------------------------------------------------------ reporting


class BackupAccess(Enum):
    """How a backup opens today."""

    CURRENT_KEY = "current"
    """With the current key (and its pages check out)."""
    OLDER_KEY = "older"
    """Only with an older key, described by the backup's own key file (see ``BackupStatus.in_keyring``)."""
    OLDER_SHARED_KEY = "older-shared"
    """A backup of an older version: perhaps with the key described by the shared key file of the backups."""
    NO_KNOWN_KEY = "none"
    """No key file describes a key that could open it."""
    KEY_FILE_UNREADABLE = "key-file-unreadable"
    """The current key does not open it and its key file (which says what does) cannot be read."""
    DAMAGED = "damaged"
    """The key that should open it does not, or its pages fail their check."""
    INCOMPLETE = "incomplete"
    """What an interrupted backup left."""


OLDER_KEY_ACCESSES = frozenset(
    {BackupAccess.OLDER_KEY, BackupAccess.OLDER_SHARED_KEY, BackupAccess.KEY_FILE_UNREADABLE}
)
"""A backup with one of these accesses needs a key older than the current one: what opens it must be kept."""


@dataclass(frozen=True)
class BackupStatus:
    """One line of ``caseworker db check`` about the backups."""

    path: Path
    access: BackupAccess
    key_info: KeyInfo | None = None
    """The description of the older key that opens it (``OLDER_KEY``, ``OLDER_SHARED_KEY``)."""
    in_keyring: bool = False
    """That older key is still in this computer's keyring, and it opens the backup."""
    created_at: datetime | None = None
    """When the backup was written (``None`` for what an interrupted backup left)."""


def backup_statuses(paths: DataPaths, key: DatabaseKey, secret_store: SecretStore | None = None) -> list[BackupStatus]:
    """Say which key opens each backup (newest first), then list what interrupted backups left. Reads only.

    With ``secret_store``, an older key still kept in the keyring is looked up (read, never changed) and tried.
    """
    statuses = [backup_status(paths, backup, key, secret_store) for backup in list_backups(paths)]
    statuses.extend(BackupStatus(item.path, BackupAccess.INCOMPLETE) for item in incomplete_backups(paths))
    return statuses


def backup_status(
    paths: DataPaths, backup: BackupFile, key: DatabaseKey, secret_store: SecretStore | None = None
) -> BackupStatus:
    """Say which key opens one complete backup (see :func:`backup_statuses`). Reads only."""
    legacy = not backup.key_file.exists()
    if _opens(backup.path, key):
        damaged = bool(file_problems(backup.path, key, structure=False, consistency=False))
        access = BackupAccess.DAMAGED if damaged else BackupAccess.CURRENT_KEY
        return BackupStatus(backup.path, access, created_at=backup.created_at)
    described = backup_key_info(paths, backup)
    if described is None and (not legacy or shared_key_file(paths).exists()):
        return BackupStatus(backup.path, BackupAccess.KEY_FILE_UNREADABLE, created_at=backup.created_at)
    current = key.check_value()
    older = [info for info in _infos(described) if info.key_check != current]
    if older:
        access = BackupAccess.OLDER_SHARED_KEY if legacy else BackupAccess.OLDER_KEY
        in_keyring = secret_store is not None and _opens_with_keyring(backup.path, older, secret_store)
        return BackupStatus(backup.path, access, older[0], in_keyring=in_keyring, created_at=backup.created_at)
    access = BackupAccess.NO_KNOWN_KEY if legacy else BackupAccess.DAMAGED
    return BackupStatus(backup.path, access, created_at=backup.created_at)


def _opens_with_keyring(path: Path, infos: list[KeyInfo], secret_store: SecretStore) -> bool:
    for info in infos:
        if info.storage is not KeyStorage.KEYRING or not info.keyring_entry:
            continue
        stored = secret_store.get(info.keyring_entry)
        if stored is None:
            continue
        try:
            key = DatabaseKey.from_hex(stored)
        except ValueError:
            continue
        if key.check_value() == info.key_check and _opens(path, key):
            return True
    return False


@dataclass(frozen=True)
class KeptKey:
    """An older key that backups still need: what opens it (its recovery key, its passphrase) must be kept."""

    key_info: KeyInfo | None
    """Its description; ``None`` when the key files of these backups cannot be read (the key is unknown)."""
    backups: tuple[Path, ...]
    """The backups it opens, newest first."""
    deleted_from: date
    """The first day the last of them may be deleted by the retention window (later if it is among the newest)."""
    in_keyring: bool = False
    """The key is still in this computer's keyring (the next start tries again to re-encrypt them)."""

    @property
    def passphrase(self) -> bool:
        """The key was a passphrase's: the old passphrase opens these backups as well as the old recovery key."""
        return self.key_info is not None and self.key_info.storage is KeyStorage.PASSPHRASE

    @property
    def created_on(self) -> date | None:
        """The day the key was set: the day printed on its recovery sheet ("clé créée le …")."""
        if self.key_info is None or not self.key_info.key_changed_at:
            return None
        return datetime.fromisoformat(self.key_info.key_changed_at).astimezone().date()


def keys_to_keep(statuses: Iterable[BackupStatus]) -> tuple[KeptKey, ...]:
    """Group the backups that need an older key by that key (the newest backups' key first)."""
    groups: dict[str | None, list[BackupStatus]] = {}
    for status in statuses:
        if status.access in OLDER_KEY_ACCESSES:
            groups.setdefault(status.key_info.key_check if status.key_info else None, []).append(status)
    kept = []
    for members in groups.values():
        written = [status.created_at for status in members if status.created_at is not None]
        newest = max(written) if written else datetime.now(timezone.utc)
        kept.append(
            KeptKey(
                key_info=members[0].key_info,
                backups=tuple(status.path for status in members),
                deleted_from=(newest + timedelta(days=RETENTION_DAYS)).astimezone().date(),
                in_keyring=any(status.in_keyring for status in members),
            )
        )
    return tuple(kept)
