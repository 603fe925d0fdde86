"""Create, unlock, open, check and rekey the encrypted case store.

The rules this module keeps:

* an existing file is never overwritten, emptied or "re-initialised": every failure leaves it as it was;
* a wrong key, a damaged file and a file written by a newer version are told apart, each with a French message;
* a migration runs after an encrypted backup, in one transaction, and a failure puts the backup back.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from types import ModuleType

from sqlalchemy import Connection, Engine

from caseworker.errors import (
    CorruptDatabaseError,
    DatabaseStateError,
    KeyUnavailableError,
    MigrationFailedError,
    NewerDatabaseError,
    WrongKeyError,
)
from caseworker.logging_setup import log_exception_scrubbed
from caseworker.paths import DataPaths, restrict_to_owner
from caseworker.storage import revisions
from caseworker.storage.backup_keys import HeldKey, rekey_backups
from caseworker.storage.backups import backup_database, prune_backups, restore_backup_file
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
)
from caseworker.storage.integrity import (
    LAST_CONTACT,
    LAST_CONTACT_TRIGGERS,
    REQUIRED_TRIGGERS,
    damaged_store_error,
    file_problems,
)
from caseworker.storage.key_info import KeyInfo, KeyStorage, load_key_info, save_key_info
from caseworker.storage.search_index import HOUSEHOLD_SEARCH, SEARCH_INDEX_TRIGGERS
from caseworker.storage.secret_store import SecretStore

log = logging.getLogger(__name__)


# A SQLCipher page is 4096 bytes; anything shorter than one page cannot be a database we wrote.
_MIN_DATABASE_SIZE = 1024


class StoreState(Enum):
    """What a data directory holds."""

    ABSENT = "absent"
    PRESENT = "present"


def check_store_paths(paths: DataPaths) -> None:
    """Refuse a data directory that is a file, or a directory where the database or the key file should be.

    Raises:
        DatabaseStateError: with a French message naming the path; nothing is touched.
    """
    if paths.data_dir.exists() and not paths.data_dir.is_dir():
        raise DatabaseStateError(
            f"« {paths.data_dir} » n'est pas un dossier : les données de caseworker ne peuvent pas y être rangées. "
            "Déplacez ce fichier ou choisissez un autre dossier des données. Rien n'a été modifié."
        )
    for path, what in ((paths.db_file, "le fichier de la base"), (paths.key_info_file, "le fichier de clé")):
        if not path.exists() or path.is_file():
            continue
        kind = "est un dossier" if path.is_dir() else "n'est pas un fichier ordinaire"
        raise DatabaseStateError(
            f"« {path} » {kind}, à la place de {what}. Déplacez-le ailleurs, puis restaurez {what} depuis une "
            f"sauvegarde ({paths.backups_dir}) si besoin. Rien n'a été modifié."
        )


def require_store(paths: DataPaths) -> None:
    """Refuse a data directory that holds no store, creating and changing nothing (not even the lock file).

    Only reads: commands that never create a store call it before taking the lock. What it lets through is then
    looked at, under the lock, by :func:`inspect_data_dir`.

    Raises:
        DatabaseStateError: the folder does not exist, is not a folder, or holds no store file.
    """
    check_store_paths(paths)
    candidates = (paths.db_file, paths.key_info_file, _creating_key_file(paths))
    if not paths.data_dir.is_dir() or not any(path.exists() for path in candidates):
        raise DatabaseStateError(f"Aucune base caseworker dans « {paths.data_dir} ».")


def inspect_data_dir(paths: DataPaths) -> StoreState:
    """Say whether a case store exists here.

    Raises:
        DatabaseStateError: one of the two files (database, key file) exists without the other, or the path of
            one of them is taken by a directory. Nothing is created in that case: a person must put things right.
    """
    check_store_paths(paths)
    provisional = _creating_key_file(paths)
    if provisional.exists():
        if paths.db_file.exists() and not paths.key_info_file.exists():
            provisional.replace(paths.key_info_file)  # creation stopped just before its last rename: finish it
        elif not paths.db_file.exists():
            provisional.unlink()  # creation stopped before the database existed: nothing was ever stored
    has_db = paths.db_file.exists()
    has_key = paths.key_info_file.exists()
    if has_db and has_key:
        return StoreState.PRESENT
    if not has_db and not has_key:
        return StoreState.ABSENT
    if has_db:
        raise DatabaseStateError(
            f"La base « {paths.db_file} » existe mais son fichier de clé « {paths.key_info_file.name} » est "
            "introuvable. Restaurez ce fichier : chaque sauvegarde a le sien (« caseworker-….key.json »), celui de "
            "la plus récente est à copier sous ce nom ; la base n'a pas été modifiée."
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
        """Write an encrypted backup now and apply the retention window.

        Raises:
            CorruptDatabaseError: the store is damaged; no backup was written and none was pruned.
        """
        destination = backup_database(self.paths, self.key, self.key_info, reason)
        prune_backups(self.paths)
        return destination


# --------------------------------------------------------------------------------------------------- keys


@dataclass(frozen=True)
class Credentials:
    """What the person (or the environment) supplied to unlock the database. Its repr never shows them."""

    passphrase: str | None = field(default=None, repr=False)
    recovery_key: str | None = field(default=None, repr=False)


def _key_infos(info: KeyInfo) -> list[KeyInfo]:
    """The current key information, then that of an interrupted key change, if any."""
    return [info] if info.pending is None else [info, info.pending]


def _matches(key: DatabaseKey, info: KeyInfo) -> bool:
    return any(key.check_value() == item.key_check for item in _key_infos(info))


def _unique(keys: list[DatabaseKey]) -> list[DatabaseKey]:
    return [key for index, key in enumerate(keys) if key not in keys[:index]]


def obtain_keys(
    info: KeyInfo, secret_store: SecretStore, credentials: Credentials = Credentials()
) -> list[DatabaseKey]:
    """Return the candidate keys, from the recovery key, the passphrase or the keyring, in that order.

    There is one candidate, except after an interrupted key change (``info.pending``): the file then opens
    with either the old or the new key, and the caller tries each.

    Raises:
        WrongKeyError: the recovery key or passphrase is wrong.
        KeyUnavailableError: nothing was supplied and the keyring has no entry.
        CorruptDatabaseError: the key file lacks the passphrase parameters.
    """
    infos = _key_infos(info)
    if credentials.recovery_key is not None:
        try:
            recovery = RecoveryKey.parse(credentials.recovery_key)
        except ValueError as exc:
            raise WrongKeyError(str(exc)) from exc
        unwrapped = [unwrap_key(item.recovery, recovery) for item in infos]
        recovered = [key for key, item in zip(unwrapped, infos, strict=True) if key.check_value() == item.key_check]
        if not recovered:
            raise WrongKeyError(
                "Cette clé de secours ne correspond pas à cette base (peut-être une ancienne clé, remplacée lors "
                "d'un changement de clé)."
            )
        return _unique(recovered)
    passphrase_infos = [item for item in infos if item.storage is KeyStorage.PASSPHRASE]
    if passphrase_infos and credentials.passphrase is None:
        if info.storage is KeyStorage.PASSPHRASE:
            raise KeyUnavailableError("La phrase de passe est nécessaire pour ouvrir la base.")
        raise KeyUnavailableError(
            "Un changement de clé a été interrompu : saisissez la nouvelle phrase de passe (ou la clé de "
            "secours) pour rouvrir la base."
        )
    keys: list[DatabaseKey] = []
    for item in passphrase_infos:
        if item.passphrase_kdf is None:
            raise CorruptDatabaseError("Le fichier de clé est incomplet (paramètres de la phrase de passe absents).")
        assert credentials.passphrase is not None
        key = key_from_passphrase(credentials.passphrase, item.passphrase_kdf)
        if key.check_value() == item.key_check:
            keys.append(key)
    for item in infos:
        if item.storage is not KeyStorage.KEYRING or not item.keyring_entry:
            continue
        stored = secret_store.get(item.keyring_entry)
        if stored is None:
            continue
        try:
            key = DatabaseKey.from_hex(stored)
        except ValueError:
            continue
        if key.check_value() == item.key_check:
            keys.append(key)
    if keys:
        return _unique(keys)
    if info.storage is KeyStorage.PASSPHRASE:
        raise WrongKeyError("Phrase de passe incorrecte. La base n'a pas été modifiée.")
    raise KeyUnavailableError(
        "La clé de la base est introuvable dans le trousseau du système (session verrouillée, trousseau "
        "réinitialisé ou autre ordinateur). Saisissez la clé de secours pour rouvrir la base."
    )


def obtain_key(info: KeyInfo, secret_store: SecretStore, credentials: Credentials = Credentials()) -> DatabaseKey:
    """Return the first candidate of :func:`obtain_keys` (the only one unless a key change was interrupted)."""
    return obtain_keys(info, secret_store, credentials)[0]


# ------------------------------------------------------------------------------------------------ opening


def _creating_key_file(paths: DataPaths) -> Path:
    return paths.key_info_file.with_name(paths.key_info_file.name + ".creating")


def _classify_open_failure(paths: DataPaths, key: DatabaseKey, info: KeyInfo, exc: BaseException) -> Exception:
    message = str(exc).lower()
    if "locked" in message or "busy" in message:
        return DatabaseStateError(
            "La base est utilisée par un autre programme (une autre fenêtre de caseworker ?). Fermez-le puis "
            "réessayez ; la base n'a pas été modifiée."
        )
    if "disk i/o" in message or "unable to open" in message:
        return DatabaseStateError(
            f"Le fichier « {paths.db_file} » ne peut pas être lu (droits d'accès, disque débranché ?). "
            "La base n'a pas été modifiée."
        )
    if _matches(key, info):
        return CorruptDatabaseError(
            f"La base « {paths.db_file.name} » est endommagée ou n'est pas une base caseworker : la clé est "
            "correcte mais le fichier ne peut pas être lu. Le fichier n'a pas été modifié ; restaurez une "
            f"sauvegarde ({paths.backups_dir})."
        )
    return WrongKeyError("La clé ne permet pas d'ouvrir cette base. Le fichier n'a pas été modifié.")


def _read_revision(db_file: Path, key: DatabaseKey) -> tuple[str | None, bool]:
    """Return the Alembic revision stamped in the file and whether it holds any table, without writing to it.

    A plain keyed connection is used (no ``PRAGMA journal_mode = WAL``, which rewrites the header of a file in
    rollback-journal mode) so that a file refused here is left exactly as it was.
    """
    connection = connect_raw(db_file, key)
    try:
        tables = {
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        if "alembic_version" not in tables:
            return None, bool(tables)
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        return (str(rows[0][0]) if rows else None), True
    finally:
        connection.close()


def _migrations() -> ModuleType:
    """Import Alembic only when a schema actually changes (it costs start-up time)."""
    from caseworker.storage import migrations

    return migrations


def current_revision(connection: Connection) -> str | None:
    """Return the revision stamped in an open database (None when it has none)."""
    exists = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if exists is None:
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


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
    verify: bool = False,
    script_location: Path | None = None,
) -> Database:
    """Open an existing store, refusing newer versions and upgrading older ones.

    Args:
        paths: the data directory.
        key: a candidate key.
        info: the key file's contents.
        migrate: upgrade an older schema (after a backup).
        verify: check the whole file first (:func:`check_store`) and refuse it if anything is wrong, before
            anything is written to it (the engine's first connection already writes).
        script_location: another migration directory (tests).

    Raises:
        WrongKeyError, CorruptDatabaseError, NewerDatabaseError, MigrationFailedError: see the module docstring.
    """
    _check_file(paths)
    try:
        revision, has_tables = _read_revision(paths.db_file, key)
    except DatabaseError as exc:
        raise _classify_open_failure(paths, key, info, exc) from None
    known = revisions.known_revisions(script_location)
    if revision is None:
        if has_tables:
            raise CorruptDatabaseError("La base ne porte pas de numéro de version : ce n'est pas une base caseworker.")
        raise CorruptDatabaseError("La base est vide : elle n'a jamais été initialisée. Elle n'a pas été modifiée.")
    if revision not in known:
        raise NewerDatabaseError(
            "Cette base a été enregistrée par une version plus récente de caseworker "
            f"(schéma « {revision} »). Installez la dernière version de l'application ; la base n'a pas été "
            "modifiée."
        )
    if verify:
        problems = file_problems(paths.db_file, key, search_index=False)
        if problems:
            raise damaged_store_error(paths.db_file, paths.backups_dir, problems)
    # Only now is the file known to be ours: the engine's connections switch it to WAL mode, a write.
    engine = make_engine(paths.db_file, key)
    database = Database(paths=paths, engine=engine, key_info=info, key=key)
    if info.pending is not None:
        database = _settle_interrupted_rekey(database)
    if migrate and revision != revisions.head_revision(script_location):
        _upgrade_with_backup(database, script_location)
    return database


def _run_migrations(engine: Engine, script_location: Path | None) -> None:
    """Upgrade to head in one transaction, with foreign keys off, then check them and the triggers we rely on.

    SQLite applies ``ON DELETE CASCADE`` when a batch migration drops a table to recreate it: with foreign keys
    on, recreating ``consent`` would silently empty ``consent_category_link``. Foreign keys are therefore off
    during the upgrade (the pragma only takes effect outside a transaction) and checked before the commit.
    """
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                _migrations().upgrade_to_head(connection, script_location)
                violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if violations:
                    raise RuntimeError(f"{len(violations)} foreign-key violations after the migration")
                schema = {
                    (kind, name)
                    for kind, name in connection.exec_driver_sql(
                        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')"
                    )
                }
                triggers = {name for kind, name in schema if kind == "trigger"}
                if not triggers >= REQUIRED_TRIGGERS:
                    raise RuntimeError("the migration dropped the audit log's append-only triggers")
                # A batch ALTER of ``household`` copies it into a new table: its triggers go with the old one.
                if ("table", HOUSEHOLD_SEARCH) in schema and not triggers >= SEARCH_INDEX_TRIGGERS:
                    raise RuntimeError("the migration dropped the triggers that keep the search index in sync")
                if ("table", LAST_CONTACT) in schema and not triggers >= LAST_CONTACT_TRIGGERS:
                    raise RuntimeError("the migration dropped the triggers that keep the last contacts in sync")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def _upgrade_with_backup(database: Database, script_location: Path | None) -> None:
    try:
        backup = backup_database(database.paths, database.key, database.key_info, "avant-migration")
    except BaseException:
        database.engine.dispose()  # no backup, no upgrade: the store is left as it was
        raise
    try:
        _run_migrations(database.engine, script_location)
    except Exception as exc:
        log_exception_scrubbed(log, "migration failed; restoring the pre-migration backup", exc)
        database.engine.dispose()
        restore_backup_file(backup, database.paths)
        raise MigrationFailedError(
            "La mise à jour de la base a échoué. La base a été remise dans son état d'avant la mise à jour "
            f"(sauvegarde {backup.name}). Signalez le problème ; aucune donnée n'a été perdue."
        ) from exc
    prune_backups(database.paths)


def _settle_interrupted_rekey(database: Database) -> Database:
    """Finish the bookkeeping of an interrupted key change, given the key that actually opened the file.

    If the file already uses the new key, the new key information (keyring entry or passphrase parameters, and
    the new recovery wrap) becomes the current one; otherwise the key change never happened and is forgotten.
    """
    info = database.key_info
    assert info.pending is not None
    if database.key.check_value() == info.pending.key_check:
        info = replace(info.pending, pending=None)
    else:
        info = replace(info, pending=None)
    save_key_info(database.paths.key_info_file, info)
    return replace(database, key_info=info)


def unlock_and_open(
    paths: DataPaths,
    secret_store: SecretStore,
    credentials: Credentials = Credentials(),
    *,
    migrate: bool = True,
    verify: bool = False,
    finish_backups: bool = True,
) -> Database:
    """Read the key file, obtain the key and open the store (the usual way in).

    ``verify`` refuses a damaged store before anything is written to it (see :func:`open_database`).
    ``finish_backups`` re-encrypts backups an interrupted key change left with an older key still at hand (in the
    keyring); a backup that cannot be re-encrypted keeps its own key file, and opening goes on.
    """
    if inspect_data_dir(paths) is StoreState.ABSENT:
        raise DatabaseStateError(f"Aucune base caseworker dans « {paths.data_dir} ».")
    info = load_key_info(paths.key_info_file)
    keys = obtain_keys(info, secret_store, credentials)
    database = _open_with_any(paths, keys, info, migrate=migrate, verify=verify)
    if (
        info.pending is not None
        and info.pending.keyring_entry
        and info.pending.keyring_entry != database.key_info.keyring_entry
    ):
        # The interrupted key change never reached the file: its new key is useless, forget it.
        secret_store.delete(info.pending.keyring_entry)
    if (
        credentials.recovery_key is not None
        and database.key_info.storage is KeyStorage.KEYRING
        and secret_store.is_secure()
    ):
        _put_key_back_in_the_keyring(database, secret_store)
    if finish_backups:
        _finish_backup_key_changes(database, secret_store)
    return database


def _put_key_back_in_the_keyring(database: Database, secret_store: SecretStore) -> None:
    """The keyring entry was lost and the recovery key opened the store: put the key back for a silent start."""
    entry = database.key_info.keyring_entry or KeyInfo.new_keyring_entry(database.key_info.database_id)
    try:
        secret_store.set(entry, database.key.hex())
    except Exception as exc:
        log.warning("could not put the key back in the keyring: %s", type(exc).__name__)
        return
    if entry != database.key_info.keyring_entry:
        database.key_info = replace(database.key_info, keyring_entry=entry)
        save_key_info(database.paths.key_info_file, database.key_info)


def _finish_backup_key_changes(database: Database, secret_store: SecretStore) -> None:
    try:
        rekey_backups(database.paths, HeldKey.of(database.key, database.key_info), secret_store)
    except Exception as exc:  # the store is open and sound: a backup problem must not keep the person out
        log.warning("backups not brought to the current key: %s", type(exc).__name__)


def _open_with_any(
    paths: DataPaths, keys: list[DatabaseKey], info: KeyInfo, *, migrate: bool, verify: bool
) -> Database:
    """Open with the first candidate key that works (several only after an interrupted key change)."""
    first_error: WrongKeyError | CorruptDatabaseError | None = None
    for key in keys:
        try:
            return open_database(paths, key, info, migrate=migrate, verify=verify)
        except (WrongKeyError, CorruptDatabaseError) as exc:
            first_error = first_error or exc
    assert first_error is not None
    tried = {key.check_value() for key in keys}
    if info.pending is not None and tried != {item.key_check for item in _key_infos(info)}:
        # Only the old or only the new key was supplied, and the file uses the other one.
        raise WrongKeyError(
            "Un changement de clé a été interrompu et la clé fournie ne correspond pas à l'état de la base : "
            "essayez l'autre phrase de passe ou clé de secours (l'ancienne ou la nouvelle). La base n'a pas "
            "été modifiée."
        ) from first_error
    raise first_error


# ----------------------------------------------------------------------------------------------- creation


@dataclass(frozen=True)
class NewKeyMaterial:
    """A key prepared for a new store (or a rekey), with its recovery key, before anything is written."""

    key: DatabaseKey
    storage: KeyStorage
    recovery: RecoveryKey
    passphrase_kdf: ScryptParameters | None
    database_id: str = field(default_factory=KeyInfo.new_database_id)
    """For a new store: its identifier, known early so that the recovery sheet can name it."""

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
    check_store_paths(paths)
    if paths.db_file.exists() or paths.key_info_file.exists():
        raise DatabaseStateError(f"Une base existe déjà dans « {paths.data_dir} » : elle n'a pas été modifiée.")
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    restrict_to_owner(paths.data_dir)
    database_id = material.database_id
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
        _run_migrations(engine, script_location)
        engine.dispose()
        # The key file is written under a provisional name and renamed only once the database is in place:
        # an interrupted creation is then recognisable (see inspect_data_dir) and never strands a person.
        save_key_info(_creating_key_file(paths), info)
        restrict_to_owner(building.db_file)
        building.db_file.replace(paths.db_file)
        _creating_key_file(paths).replace(paths.key_info_file)
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
    """Run SQLCipher's page HMAC check, SQLite's integrity check and the foreign-key check.

    They run on a plain keyed connection: checking never writes to the file.
    """
    return check_store(database.paths, database.key)


def check_store(paths: DataPaths, key: DatabaseKey) -> CheckReport:
    """Check the file of a store with its key, without an engine (see :mod:`caseworker.storage.integrity`)."""
    problems = file_problems(paths.db_file, key)
    revision: str | None = None
    try:
        revision, _has_tables = _read_revision(paths.db_file, key)
    except DatabaseError as exc:
        problems.insert(0, f"version : illisible ({exc})")
    return CheckReport(revision=revision, head=revisions.head_revision(), problems=problems)
