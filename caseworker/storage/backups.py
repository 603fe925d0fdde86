"""Encrypted backups: page-by-page copies made with SQLite's backup API, keyed with the database's own key.

Backups sit in ``<data dir>/backups``. Each one has its own key file beside it
(``caseworker-<time>-<reason>.key.json``: the key file as it was when the backup was written, or as a later key
change left it), so that each backup opens with the key, passphrase or recovery key that was in force for it,
whatever happened to the others. Backups written by older versions share ``backups/caseworker.key.json``; it is
read for them and never written any more.

A backup is copied under a temporary name (``….db.partial``), checked, given its key file, then renamed: a
backup interrupted by a crash is never taken for a complete one. A rolling window keeps the last 30 days (and
always the newest few complete backups).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from caseworker.errors import CorruptDatabaseError, DatabaseStateError
from caseworker.paths import DataPaths, restrict_to_owner
from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.engine import connect_raw
from caseworker.storage.integrity import file_problems
from caseworker.storage.key_info import KeyInfo, load_key_info, save_key_info

log = logging.getLogger(__name__)

RETENTION_DAYS = 30
KEEP_AT_LEAST = 3
PARTIAL_SUFFIX = ".partial"
SHARED_KEY_FILE_NAME = "caseworker.key.json"
"""The key file older versions copied beside all their backups (read, never written)."""

_STAMP = r"(\d{8}-\d{6}(?:-\d+)?)-([a-z0-9-]+)"
_NAME_PATTERN = re.compile(rf"^caseworker-{_STAMP}\.db$")
_LEFTOVER_PATTERN = re.compile(rf"^caseworker-{_STAMP}(\.db\{PARTIAL_SUFFIX}|\.key\.json)$")
# A SQLCipher page is 4096 bytes; a shorter "backup" is what an older version left when it was interrupted.
_MIN_BACKUP_SIZE = 1024


@dataclass(frozen=True)
class BackupFile:
    """A complete backup on disk."""

    path: Path
    created_at: datetime
    reason: str
    size: int

    @property
    def key_file(self) -> Path:
        """The backup's own key file (absent for backups written by older versions)."""
        return key_file_of(self.path)


@dataclass(frozen=True)
class IncompleteBackup:
    """What an interrupted backup left: never listed, never counted among the kept ones, pruned with age."""

    path: Path
    created_at: datetime


def key_file_of(backup: Path) -> Path:
    """Return the path of a backup's own key file."""
    return backup.with_name(backup.name.removesuffix(".db") + ".key.json")


def shared_key_file(paths: DataPaths) -> Path:
    """The key file shared by backups written by older versions."""
    return paths.backups_dir / SHARED_KEY_FILE_NAME


def _timestamp(now: datetime) -> str:
    return now.astimezone(timezone.utc).strftime("%Y%m%d-%H%M%S")


def _parse_stamp(stamp: str) -> tuple[datetime, int] | None:
    day, time_of_day, *counter = stamp.split("-")
    try:
        created = datetime.strptime(f"{day}-{time_of_day}", "%Y%m%d-%H%M%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None  # not a date: a file someone named like a backup; left alone
    return created, int(counter[0]) if counter else 0


def backup_database(
    paths: DataPaths, key: DatabaseKey, info: KeyInfo, reason: str, *, now: datetime | None = None
) -> Path:
    """Copy the database into an encrypted, checked backup with its own key file, and return its path.

    Args:
        paths: the data directory.
        key: the database key (the backup is encrypted with the same key).
        info: the key information describing ``key`` (or whose ``pending`` describes it).
        reason: a short lowercase tag such as ``avant-migration`` or ``manuelle``.
        now: the time to stamp (tests).

    Raises:
        CorruptDatabaseError: the copy fails its check (the store is damaged); nothing is left behind.
        DatabaseStateError: something that is not a folder is where the backups go; nothing is touched.
    """
    if not re.fullmatch(r"[a-z0-9-]+", reason):
        raise ValueError("backup reason must be a lowercase tag")
    described = _describing(info, key)
    _make_backups_dir(paths)
    stamp = _timestamp(now or datetime.now(timezone.utc))
    destination = paths.backups_dir / f"caseworker-{stamp}-{reason}.db"
    counter = 1
    while any(path.exists() for path in _files_of(destination)):
        destination = paths.backups_dir / f"caseworker-{stamp}-{counter}-{reason}.db"
        counter += 1
    partial = destination.with_name(destination.name + PARTIAL_SUFFIX)
    try:
        try:
            _copy(paths.db_file, partial, key)
        except sqlcipher.DatabaseError as exc:
            if "malformed" not in str(exc):
                raise
            problems = [str(exc)]  # a damaged page the copy could not read
        else:
            restrict_to_owner(partial)
            problems = file_problems(partial, key, consistency=False)
        if problems:
            raise CorruptDatabaseError(
                f"La base « {paths.db_file.name} » est endommagée ({problems[0]}) : aucune sauvegarde n'a été "
                "écrite, les sauvegardes existantes sont conservées. « caseworker db check » donne le détail."
            )
        save_key_info(key_file_of(destination), described)
        restrict_to_owner(key_file_of(destination))
        partial.replace(destination)
        _sync_directory(paths.backups_dir)
    except BaseException:
        partial.unlink(missing_ok=True)
        if not destination.exists():
            key_file_of(destination).unlink(missing_ok=True)
        raise
    log.info("backup written (%s)", reason)
    return destination


def _make_backups_dir(paths: DataPaths) -> None:
    """Create the backups folder (private), refusing a file (or anything else) in its place."""
    misplaced = DatabaseStateError(
        f"« {paths.backups_dir} » n'est pas un dossier : les sauvegardes de caseworker ne peuvent pas y être "
        "rangées. Déplacez ce fichier ailleurs, puis recommencez. Rien n'a été modifié."
    )
    if paths.backups_dir.exists() and not paths.backups_dir.is_dir():
        raise misplaced
    try:
        paths.backups_dir.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise misplaced from None  # a dangling link, or a file put there meanwhile
    restrict_to_owner(paths.backups_dir)


def _describing(info: KeyInfo, key: DatabaseKey) -> KeyInfo:
    for candidate in (info, info.pending):
        if candidate is not None and candidate.key_check == key.check_value():
            return replace(candidate, pending=None)
    raise ValueError("the key information does not describe this key")


def _files_of(backup: Path) -> tuple[Path, Path, Path]:
    return backup, backup.with_name(backup.name + PARTIAL_SUFFIX), key_file_of(backup)


def _copy(source_file: Path, target_file: Path, key: DatabaseKey) -> None:
    source = connect_raw(source_file, key)
    try:
        target = sqlcipher.connect(str(target_file), isolation_level=None)
        try:
            cursor = target.cursor()
            cursor.execute("PRAGMA cipher_log_level = NONE")
            cursor.execute(f'PRAGMA key = "{key.sqlcipher_literal()}"')
            cursor.close()
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    with target_file.open("rb+") as handle:
        os.fsync(handle.fileno())


def _sync_directory(directory: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def list_backups(paths: DataPaths) -> list[BackupFile]:
    """Return complete backups, newest first (see :func:`incomplete_backups` for the others)."""
    return [backup for backup in _named_backups(paths) if not _is_incomplete(backup.path, backup.size)]


def _named_backups(paths: DataPaths) -> list[BackupFile]:
    if not paths.backups_dir.is_dir():
        return []
    found: list[tuple[datetime, int, BackupFile]] = []
    for candidate in paths.backups_dir.iterdir():
        match = _NAME_PATTERN.match(candidate.name)
        if not match or not candidate.is_file():
            continue
        parsed = _parse_stamp(match.group(1))
        if parsed is None:
            continue
        created, sequence = parsed
        # Backups of the same second are numbered in order of creation (none, 1, 2 … 10): sort on the number,
        # not on the name, or the older one would pass for the newest.
        found.append((created, sequence, BackupFile(candidate, created, match.group(2), candidate.stat().st_size)))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [backup for _, _, backup in found]


def _is_incomplete(path: Path, size: int) -> bool:
    """A copy an older version was writing when it stopped: too short, or with the copy's hot journal beside it."""
    return size < _MIN_BACKUP_SIZE or path.with_name(path.name + "-journal").exists()


def incomplete_backups(paths: DataPaths) -> list[IncompleteBackup]:
    """Return what interrupted backups left (temporary copies, truncated files, key files alone), newest first."""
    found = [
        IncompleteBackup(backup.path, backup.created_at)
        for backup in _named_backups(paths)
        if _is_incomplete(backup.path, backup.size)
    ]
    if paths.backups_dir.is_dir():
        for candidate in paths.backups_dir.iterdir():
            match = _LEFTOVER_PATTERN.match(candidate.name)
            if not match or not candidate.is_file():
                continue
            if match.group(3) == ".key.json" and _backup_of_key_file(candidate).exists():
                continue  # the key file of a backup, not a leftover
            parsed = _parse_stamp(match.group(1))
            if parsed is not None:
                found.append(IncompleteBackup(candidate, parsed[0]))
    found.sort(key=lambda item: item.created_at, reverse=True)
    return found


def _backup_of_key_file(key_file: Path) -> Path:
    return key_file.with_name(key_file.name.removesuffix(".key.json") + ".db")


def prune_backups(paths: DataPaths, *, now: datetime | None = None) -> list[Path]:
    """Delete backups older than the retention window, always keeping the newest few complete ones.

    A backup goes with its own key file. What interrupted backups left is never counted among the kept ones,
    and is deleted once older than the window. Return what was removed.
    """
    current = now or datetime.now(timezone.utc)
    limit = current - timedelta(days=RETENTION_DAYS)
    removed: list[Path] = []
    for index, backup in enumerate(list_backups(paths)):
        if index < KEEP_AT_LEAST or backup.created_at >= limit:
            continue
        backup.path.unlink(missing_ok=True)
        backup.key_file.unlink(missing_ok=True)
        removed.append(backup.path)
    for leftover in incomplete_backups(paths):
        if leftover.created_at < limit:
            leftover.path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                leftover.path.with_name(leftover.path.name + "-journal").unlink(missing_ok=True)
            removed.append(leftover.path)
    return removed


def backup_key_info(paths: DataPaths, backup: BackupFile) -> KeyInfo | None:
    """Return the key information of a backup: its own key file, else (older versions) the shared one.

    ``None`` when neither can be read.
    """
    for candidate in (backup.key_file, shared_key_file(paths)):
        if candidate.is_file():
            try:
                return load_key_info(candidate)
            except CorruptDatabaseError:
                log.warning("a backup key file is unreadable")
            return None
    return None


def restore_backup_file(backup: Path, paths: DataPaths) -> None:
    """Put a backup back in place of the database (the database's engine must be disposed first)."""
    for sidecar in paths.sidecar_files():
        sidecar.unlink(missing_ok=True)
    temporary = paths.db_file.with_name(paths.db_file.name + ".restoring")
    shutil.copyfile(backup, temporary)
    temporary.replace(paths.db_file)
