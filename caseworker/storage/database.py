"""Create, unlock, open, check and rekey the encrypted case store.

The rules this module keeps:

* an existing file is never overwritten, emptied or "re-initialised": every failure leaves it as it was;
* a wrong key, a damaged file and a file written by a newer version are told apart, each with a French message;
* a migration runs after an encrypted backup, in one transaction, and a failure puts the backup back.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError as SqlAlchemyDatabaseError

from caseworker.errors import (
    CorruptDatabaseError,
    DatabaseStateError,
    KeyUnavailableError,
    MigrationFailedError,
    NewerDatabaseError,
    WrongKeyError,
)
from caseworker.paths import DataPaths
from caseworker.storage import migrations
from caseworker.storage.backups import backup_database, list_backups, prune_backups, restore_backup_file
from caseworker.storage.crypto import (
    DatabaseKey,
    RecoveryKey,
    ScryptParameters,
    key_from_passphrase,
    unwrap_key,
    wrap_key,
)
from caseworker.storage.engine import (
    DatabaseError,
    connect_raw,
    looks_like_plaintext_sqlite,
    make_engine,
    replace_engine_key,
)
from caseworker.storage.key_info import KeyInfo, KeyStorage, load_key_info, save_key_info
from caseworker.storage.secret_store import SecretStore

log = logging.getLogger(__name__)

# A SQLCipher page is 4096 bytes; anything shorter than one page cannot be a database we wrote.
_MIN_DATABASE_SIZE = 1024


class StoreState(Enum):
    """What a data directory holds."""

    ABSENT = "absent"
    PRESENT = "present"


def inspect_data_dir(paths: DataPaths) -> StoreState:
    """Say whether a case store exists here.

    Raises:
        DatabaseStateError: one of the two files (database, key file) exists without the other. Nothing is
            created in that case: the missing file must be restored by a person.
    """
    has_db = paths.db_file.exists()
    has_key = paths.key_info_file.exists()
    if has_db and has_key:
        return StoreState.PRESENT
    if not has_db and not has_key:
        return StoreState.ABSENT
    if has_db:
        raise DatabaseStateError(
            f"La base « {paths.db_file} » existe mais son fichier de clé « {paths.key_info_file.name} » est "
            "introuvable. Restaurez ce fichier (une copie accompagne chaque sauvegarde) ; la base n'a pas été "
            "modifiée."
        )
    raise DatabaseStateError(
        f"Le fichier de clé existe mais la base « {paths.db_file} » est introuvable. Restaurez la base depuis "
        f"une sauvegarde ({paths.backups_dir}) ; aucune nouvelle base n'a été créée."
    )


@dataclass
class Database:
    """An unlocked, migrated case store."""

    paths: DataPaths
    engine: Engine
    key_info: KeyInfo
    key: DatabaseKey

    def dispose(self) -> None:
        """Close every pooled connection (the WAL is checkpointed when the last one closes)."""
        self.engine.dispose()

    def backup(self, reason: str = "manuelle") -> Path:
        """Write an encrypted backup now and apply the retention window."""
        destination = backup_database(self.paths, self.key, reason)
        prune_backups(self.paths)
        return destination


# --------------------------------------------------------------------------------------------------- keys


@dataclass(frozen=True)
class Credentials:
    """What the person (or the environment) supplied to unlock the database."""

    passphrase: str | None = None
    recovery_key: str | None = None


def _matches(key: DatabaseKey, info: KeyInfo) -> bool:
    return key.check_value() in {info.key_check, info.pending_key_check}


def obtain_key(
    info: KeyInfo, secret_store: SecretStore, credentials: Credentials = Credentials()
) -> DatabaseKey:
    """Return the database key from the recovery key, the passphrase or the keyring, in that order.

    Raises:
        WrongKeyError: the recovery key or passphrase is wrong.
        KeyUnavailableError: nothing was supplied and the keyring has no entry.
    """
    if credentials.recovery_key is not None:
        try:
            recovery = RecoveryKey.parse(credentials.recovery_key)
        except ValueError as exc:
            raise WrongKeyError(str(exc)) from exc
        key = unwrap_key(info.recovery, recovery)
        if not _matches(key, info):
            raise WrongKeyError(
                "Cette clé de secours ne correspond pas à cette base (peut-être une ancienne clé, remplacée lors "
                "d'un changement de clé)."
            )
        return key
    if info.storage is KeyStorage.PASSPHRASE:
        if credentials.passphrase is None:
            raise KeyUnavailableError("La phrase de passe est nécessaire pour ouvrir la base.")
        if info.passphrase_kdf is None:
            raise CorruptDatabaseError(
                "Le fichier de clé est incomplet (paramètres de la phrase de passe absents)."
            )
        key = key_from_passphrase(credentials.passphrase, info.passphrase_kdf)
        if not _matches(key, info):
            raise WrongKeyError("Phrase de passe incorrecte. La base n'a pas été modifiée.")
        return key
    for entry in (info.keyring_entry, info.pending_keyring_entry):
        if not entry:
            continue
        stored = secret_store.get(entry)
        if stored is None:
            continue
        try:
            key = DatabaseKey.from_hex(stored)
        except ValueError:
            continue
        if _matches(key, info):
            return key
    raise KeyUnavailableError(
        "La clé de la base est introuvable dans le trousseau du système (session verrouillée, trousseau "
        "réinitialisé ou autre ordinateur). Saisissez la clé de secours pour rouvrir la base."
    )


# ------------------------------------------------------------------------------------------------ opening


def _classify_open_failure(
    paths: DataPaths, key: DatabaseKey, info: KeyInfo, exc: BaseException
) -> Exception:
    if _matches(key, info):
        return CorruptDatabaseError(
            f"La base « {paths.db_file.name} » est endommagée ou n'est pas une base caseworker : la clé est "
            "correcte mais le fichier ne peut pas être lu. Le fichier n'a pas été modifié ; restaurez une "
            f"sauvegarde ({paths.backups_dir})."
        )
    return WrongKeyError("La clé ne permet pas d'ouvrir cette base. Le fichier n'a pas été modifié.")


def _check_file(paths: DataPaths) -> None:
    size = paths.db_file.stat().st_size
    if size < _MIN_DATABASE_SIZE:
        raise CorruptDatabaseError(
            f"Le fichier « {paths.db_file.name} » est vide ou tronqué ({size} octets). Il n'a pas été modifié ; "
            f"restaurez une sauvegarde ({paths.backups_dir})."
        )
    if looks_like_plaintext_sqlite(paths.db_file):
        raise CorruptDatabaseError(
            f"Le fichier « {paths.db_file.name} » n'est pas une base chiffrée caseworker. Il n'a pas été modifié."
        )


def open_database(
    paths: DataPaths,
    key: DatabaseKey,
    info: KeyInfo,
    *,
    migrate: bool = True,
    script_location: Path | None = None,
) -> Database:
    """Open an existing store, refusing newer versions and upgrading older ones.

    Raises:
        WrongKeyError, CorruptDatabaseError, NewerDatabaseError, MigrationFailedError: see the module docstring.
    """
    _check_file(paths)
    engine = make_engine(paths.db_file, key)
    try:
        with engine.connect() as connection:
            revision = migrations.current_revision(connection)
            has_tables = migrations.has_user_tables(connection)
    except SqlAlchemyDatabaseError as exc:
        engine.dispose()
        raise _classify_open_failure(paths, key, info, exc) from None
    known = migrations.known_revisions(script_location)
    if revision is None:
        engine.dispose()
        if has_tables:
            raise CorruptDatabaseError(
                "La base ne porte pas de numéro de version : ce n'est pas une base caseworker."
            )
        raise CorruptDatabaseError(
            "La base est vide : elle n'a jamais été initialisée. Elle n'a pas été modifiée."
        )
    if revision not in known:
        engine.dispose()
        raise NewerDatabaseError(
            "Cette base a été enregistrée par une version plus récente de caseworker "
            f"(schéma « {revision} »). Installez la dernière version de l'application ; la base n'a pas été "
            "modifiée."
        )
    database = Database(paths=paths, engine=engine, key_info=info, key=key)
    if info.pending_key_check is not None:
        database = _settle_interrupted_rekey(database)
    if migrate and revision != migrations.head_revision(script_location):
        _upgrade_with_backup(database, script_location)
    return database


def _upgrade_with_backup(database: Database, script_location: Path | None) -> None:
    backup = backup_database(database.paths, database.key, "avant-migration")
    try:
        with database.engine.begin() as connection:
            migrations.upgrade_to_head(connection, script_location)
    except Exception as exc:
        log.exception("migration failed; restoring the pre-migration backup")
        database.engine.dispose()
        restore_backup_file(backup, database.paths)
        raise MigrationFailedError(
            "La mise à jour de la base a échoué. La base a été remise dans son état d'avant la mise à jour "
            f"(sauvegarde {backup.name}). Signalez le problème ; aucune donnée n'a été perdue."
        ) from exc
    prune_backups(database.paths)


def _settle_interrupted_rekey(database: Database) -> Database:
    """Finish the bookkeeping of a key change that was interrupted (crash between rekey and key-file update)."""
    info = database.key_info
    if database.key.check_value() == info.pending_key_check:
        # The file already uses the new key; the recovery wrap in the key file is the old one: the person
        # must generate a new recovery key (rekey again). Promote the pending key so that the keyring works.
        info = replace(
            info,
            key_check=info.pending_key_check,
            keyring_entry=info.pending_keyring_entry or info.keyring_entry,
            pending_key_check=None,
            pending_keyring_entry=None,
        )
    else:
        info = replace(info, pending_key_check=None, pending_keyring_entry=None)
    save_key_info(database.paths.key_info_file, info)
    return replace(database, key_info=info)


def unlock_and_open(
    paths: DataPaths,
    secret_store: SecretStore,
    credentials: Credentials = Credentials(),
    *,
    migrate: bool = True,
) -> Database:
    """Read the key file, obtain the key and open the store (the usual way in)."""
    if inspect_data_dir(paths) is StoreState.ABSENT:
        raise DatabaseStateError(f"Aucune base caseworker dans « {paths.data_dir} ».")
    info = load_key_info(paths.key_info_file)
    key = obtain_key(info, secret_store, credentials)
    database = open_database(paths, key, info, migrate=migrate)
    if (
        credentials.recovery_key is not None
        and info.storage is KeyStorage.KEYRING
        and secret_store.is_secure()
    ):
        # The keyring entry was lost: put the key back so the next start is silent again.
        entry = database.key_info.keyring_entry or KeyInfo.new_keyring_entry(info.database_id)
        secret_store.set(entry, key.hex())
        if entry != database.key_info.keyring_entry:
            database.key_info = replace(database.key_info, keyring_entry=entry)
            save_key_info(paths.key_info_file, database.key_info)
    return database


# ----------------------------------------------------------------------------------------------- creation


@dataclass(frozen=True)
class NewKeyMaterial:
    """A key prepared for a new store (or a rekey), with its recovery key, before anything is written."""

    key: DatabaseKey
    storage: KeyStorage
    recovery: RecoveryKey
    passphrase_kdf: ScryptParameters | None

    @classmethod
    def for_keyring(cls) -> NewKeyMaterial:
        """Prepare a random key to be kept in the OS keyring."""
        return cls(DatabaseKey.generate(), KeyStorage.KEYRING, RecoveryKey.generate(), None)

    @classmethod
    def for_passphrase(cls, passphrase: str) -> NewKeyMaterial:
        """Prepare a key stretched from a passphrase."""
        parameters = ScryptParameters.fresh()
        return cls(
            key_from_passphrase(passphrase, parameters),
            KeyStorage.PASSPHRASE,
            RecoveryKey.generate(),
            parameters,
        )


def create_database(
    paths: DataPaths,
    material: NewKeyMaterial,
    secret_store: SecretStore,
    *,
    script_location: Path | None = None,
) -> Database:
    """Create a new, empty, migrated store. Refuses to touch an existing one.

    The database is built under a temporary name and moved into place after the key file is written, so an
    interrupted creation never leaves a database without its key file.
    """
    if paths.db_file.exists() or paths.key_info_file.exists():
        raise DatabaseStateError(
            f"Une base existe déjà dans « {paths.data_dir} » : elle n'a pas été modifiée."
        )
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    database_id = KeyInfo.new_database_id()
    keyring_entry = None
    if material.storage is KeyStorage.KEYRING:
        keyring_entry = KeyInfo.new_keyring_entry(database_id)
        secret_store.set(keyring_entry, material.key.hex())
    info = KeyInfo(
        database_id=database_id,
        storage=material.storage,
        key_check=material.key.check_value(),
        recovery=wrap_key(material.key, material.recovery),
        keyring_entry=keyring_entry,
        passphrase_kdf=material.passphrase_kdf,
    ).stamped()
    building = DataPaths(paths.data_dir / ".creating")
    if building.data_dir.exists():
        shutil.rmtree(building.data_dir)
    building.data_dir.mkdir()
    try:
        engine = make_engine(building.db_file, material.key)
        with engine.begin() as connection:
            migrations.upgrade_to_head(connection, script_location)
        engine.dispose()
        save_key_info(paths.key_info_file, info)
        building.db_file.replace(paths.db_file)
    except BaseException:
        if keyring_entry:
            secret_store.delete(keyring_entry)
        raise
    finally:
        shutil.rmtree(building.data_dir, ignore_errors=True)
    log.info("new case store created")
    return open_database(paths, material.key, info, migrate=False, script_location=script_location)


# ------------------------------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class CheckReport:
    """Result of ``caseworker db check``."""

    revision: str | None
    head: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        """True when nothing is wrong and the schema is current."""
        return not self.problems and self.revision == self.head


def check_database(database: Database) -> CheckReport:
    """Run SQLCipher's page HMAC check, SQLite's integrity check and the foreign-key check."""
    problems: list[str] = []
    with database.engine.connect() as connection:
        revision = migrations.current_revision(connection)
        cipher_rows = connection.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()
        problems.extend(f"chiffrement : {row[0]}" for row in cipher_rows)
        integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        if integrity != ["ok"]:
            problems.extend(f"intégrité : {line}" for line in integrity)
        foreign = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        problems.extend(f"clé étrangère : table {row[0]}, ligne {row[1]}" for row in foreign)
        connection.execute(text("SELECT 1"))
    return CheckReport(revision=revision, head=migrations.head_revision(), problems=problems)


# -------------------------------------------------------------------------------------------------- rekey


def rekey_database(database: Database, material: NewKeyMaterial, secret_store: SecretStore) -> Database:
    """Change the database key (and the recovery key) safely.

    Steps: backup; store the new key as *pending* (keyring and key file); ``PRAGMA rekey``; verify; promote
    the new key in the key file; forget the old keyring entry; re-encrypt existing backups with the new key.
    A crash at any point leaves a store that opens with either the old or the new key.
    """
    paths = database.paths
    old_info = database.key_info
    old_key = database.key
    database.backup("avant-changement-de-cle")
    pending_entry = None
    if material.storage is KeyStorage.KEYRING:
        pending_entry = KeyInfo.new_keyring_entry(old_info.database_id)
        secret_store.set(pending_entry, material.key.hex())
    save_key_info(
        paths.key_info_file,
        replace(old_info, pending_keyring_entry=pending_entry, pending_key_check=material.key.check_value()),
    )
    database.engine.dispose()
    connection = connect_raw(paths.db_file, old_key)
    try:
        connection.execute(f'PRAGMA rekey = "{material.key.sqlcipher_literal()}"')
    finally:
        connection.close()
    connect_raw(paths.db_file, material.key).close()
    new_info = KeyInfo(
        database_id=old_info.database_id,
        storage=material.storage,
        key_check=material.key.check_value(),
        recovery=wrap_key(material.key, material.recovery),
        keyring_entry=pending_entry,
        passphrase_kdf=material.passphrase_kdf,
    ).stamped()
    save_key_info(paths.key_info_file, new_info)
    if old_info.keyring_entry and old_info.keyring_entry != pending_entry:
        secret_store.delete(old_info.keyring_entry)
    _rekey_backups(paths, old_key, material.key)
    replace_engine_key(database.engine, material.key)
    log.info("database key changed")
    return Database(paths=paths, engine=database.engine, key_info=new_info, key=material.key)


def _rekey_backups(paths: DataPaths, old_key: DatabaseKey, new_key: DatabaseKey) -> None:
    for backup in list_backups(paths):
        try:
            connection = connect_raw(backup.path, old_key)
        except DatabaseError:
            continue  # already re-keyed, or from an older key: left as it is
        try:
            connection.execute(f'PRAGMA rekey = "{new_key.sqlcipher_literal()}"')
        except DatabaseError:
            log.warning("a backup could not be re-keyed")
        finally:
            connection.close()
    if paths.key_info_file.exists():
        paths.backups_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(paths.key_info_file, paths.backups_dir / paths.key_info_file.name)
