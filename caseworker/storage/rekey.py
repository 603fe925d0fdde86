"""Changing the key of an open store (and its recovery key), safely.

Steps: backup; the new key's complete description is written to the key file as *pending*; ``PRAGMA rekey``;
the engine switches to the new key; the key file is promoted; existing backups are re-encrypted one by one, each
with the same protocol (:mod:`caseworker.storage.backup_keys`); the old keyring entry goes once no backup needs
it. A crash at any point leaves a store that opens with either the old or the new key, the new recovery key
(shown before the change) opens the result, and every backup keeps a key file naming a key that opens it. The
next start (or key change) finishes re-encrypting the backups with the keys it holds.

A backup that could not be re-encrypted (a damaged backup, a full disk, or one left under a passphrase by an
earlier interrupted change) stays under its older key: the change reports it, so that the person is told to keep
what opens it instead of destroying it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace

from caseworker.errors import DatabaseStateError, KeyChangeIncompleteError
from caseworker.storage.backup_keys import (
    OLDER_KEY_ACCESSES,
    BackupStatus,
    HeldKey,
    KeptKey,
    backup_status,
    keys_to_keep,
    rekey_backups,
)
from caseworker.storage.backups import list_backups
from caseworker.storage.crypto import wrap_key
from caseworker.storage.database import Database, NewKeyMaterial
from caseworker.storage.engine import connect_raw, replace_engine_key
from caseworker.storage.key_info import KeyInfo, KeyStorage, load_key_info, save_key_info
from caseworker.storage.secret_store import SecretStore

log = logging.getLogger(__name__)

# One key change at a time in this process (a double click must not start two).
_REKEY_LOCK = threading.Lock()


@dataclass(frozen=True)
class KeyChange:
    """What a key change did: the store under its new key, and the backups it had to leave under an older one."""

    database: Database
    left_on_older_keys: tuple[BackupStatus, ...] = ()
    """Backups the new key does not open (newest first): what opens them must be kept while they exist."""

    @property
    def keys_to_keep(self) -> tuple[KeptKey, ...]:
        """The older keys those backups need, with the backups each one opens."""
        return keys_to_keep(self.left_on_older_keys)


def rekey_database(database: Database, material: NewKeyMaterial, secret_store: SecretStore) -> KeyChange:
    """Change the database key (and the recovery key) safely.

    Steps: backup; store the new key as *pending* (keyring and key file); ``PRAGMA rekey``; verify; promote
    the new key in the key file; re-encrypt existing backups with the new key; forget the old keyring entry
    once no backup needs it. A crash at any point leaves a store that opens with either the old or the new key,
    and backups that each open with a key the person holds. The backups left under an older key are reported.
    """
    if not _REKEY_LOCK.acquire(blocking=False):
        raise DatabaseStateError("Un changement de clé est déjà en cours : attendez qu'il se termine.")
    try:
        return _rekey(database, material, secret_store)
    finally:
        _REKEY_LOCK.release()


def _rekey(database: Database, material: NewKeyMaterial, secret_store: SecretStore) -> KeyChange:
    paths = database.paths
    old_info = database.key_info
    old_key = database.key
    on_disk = load_key_info(paths.key_info_file)
    if on_disk.pending is not None or on_disk.key_check != old_info.key_check:
        raise DatabaseStateError(
            "Le fichier de clé a changé depuis l'ouverture de la base (changement de clé en cours ou fait "
            "ailleurs). Fermez puis rouvrez caseworker avant de changer la clé ; rien n'a été modifié."
        )
    database.backup("avant-changement-de-cle")
    pending_entry = None
    if material.storage is KeyStorage.KEYRING:
        pending_entry = KeyInfo.new_keyring_entry(old_info.database_id)
        secret_store.set(pending_entry, material.key.hex())
    new_info = KeyInfo(
        database_id=old_info.database_id,
        storage=material.storage,
        key_check=material.key.check_value(),
        recovery=wrap_key(material.key, material.recovery),
        keyring_entry=pending_entry,
        passphrase_kdf=material.passphrase_kdf,
    ).stamped()
    # Everything needed to open the file with the new key is on disk before the file changes.
    save_key_info(paths.key_info_file, replace(old_info, pending=new_info))
    database.engine.dispose()
    connection = connect_raw(paths.db_file, old_key)
    try:
        connection.execute(f'PRAGMA rekey = "{material.key.sqlcipher_literal()}"')
    finally:
        connection.close()
    # From here on the file uses the new key, whatever happens next: so must every new connection.
    replace_engine_key(database.engine, material.key)
    try:
        connect_raw(paths.db_file, material.key).close()
        save_key_info(paths.key_info_file, new_info)
    except Exception as exc:
        log.error("key file not updated after rekey: %s", type(exc).__name__)
        raise KeyChangeIncompleteError(
            "La base est désormais chiffrée avec la nouvelle clé, mais le fichier de clé n'a pas pu être mis à "
            "jour (disque plein ? droits ?). La nouvelle clé de secours fonctionne ; au prochain démarrage, la "
            "nouvelle clé sera prise en compte. Aucune donnée n'a été perdue."
        ) from exc
    left = rekey_backups(
        paths,
        HeldKey.of(material.key, new_info),
        secret_store,
        held=[HeldKey.of(old_key, old_info)],
        retired_entries=[old_info.keyring_entry] if old_info.keyring_entry else [],
    )
    log.info("database key changed")
    statuses = [
        backup_status(paths, backup, material.key, secret_store)
        for backup in list_backups(paths)
        if backup.path in left
    ]
    return KeyChange(
        Database(paths=paths, engine=database.engine, key_info=new_info, key=material.key),
        tuple(status for status in statuses if status.access in OLDER_KEY_ACCESSES),
    )
