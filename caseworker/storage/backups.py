"""Encrypted backups: page-by-page copies made with SQLite's backup API, keyed with the database's own key.

Backups sit in ``<data dir>/backups`` with a copy of the key file, so that each of them opens with the
keyring entry, the passphrase or the recovery key. A rolling window keeps the last 30 days (and always the
newest few).
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from caseworker.paths import DataPaths, restrict_to_owner
from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.engine import connect_raw

log = logging.getLogger(__name__)

RETENTION_DAYS = 30
KEEP_AT_LEAST = 3
_NAME_PATTERN = re.compile(r"^caseworker-(\d{8}-\d{6}(?:-\d+)?)-([a-z0-9-]+)\.db$")


@dataclass(frozen=True)
class BackupFile:
    """A backup on disk."""

    path: Path
    created_at: datetime
    reason: str
    size: int


def _timestamp(now: datetime) -> str:
    return now.astimezone(timezone.utc).strftime("%Y%m%d-%H%M%S")


def backup_database(paths: DataPaths, key: DatabaseKey, reason: str, *, now: datetime | None = None) -> Path:
    """Copy the database into an encrypted backup and return its path.

    Args:
        paths: the data directory.
        key: the database key (the backup is encrypted with the same key).
        reason: a short lowercase tag such as ``avant-migration`` or ``manuelle``.
        now: the time to stamp (tests).
    """
    if not re.fullmatch(r"[a-z0-9-]+", reason):
        raise ValueError("backup reason must be a lowercase tag")
    paths.backups_dir.mkdir(parents=True, exist_ok=True)
    restrict_to_owner(paths.backups_dir)
    stamp = _timestamp(now or datetime.now(timezone.utc))
    destination = paths.backups_dir / f"caseworker-{stamp}-{reason}.db"
    counter = 1
    while destination.exists():
        destination = paths.backups_dir / f"caseworker-{stamp}-{counter}-{reason}.db"
        counter += 1
    source = connect_raw(paths.db_file, key)
    target = sqlcipher.connect(str(destination), isolation_level=None)
    try:
        cursor = target.cursor()
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(f'PRAGMA key = "{key.sqlcipher_literal()}"')
        cursor.close()
        source.backup(target)
    except BaseException:
        target.close()
        source.close()
        destination.unlink(missing_ok=True)
        raise
    target.close()
    source.close()
    restrict_to_owner(destination)
    if paths.key_info_file.exists():
        shutil.copy2(paths.key_info_file, paths.backups_dir / paths.key_info_file.name)
    log.info("backup written (%s)", reason)
    return destination


def list_backups(paths: DataPaths) -> list[BackupFile]:
    """Return backups, newest first."""
    if not paths.backups_dir.is_dir():
        return []
    found: list[tuple[datetime, int, BackupFile]] = []
    for candidate in paths.backups_dir.iterdir():
        match = _NAME_PATTERN.match(candidate.name)
        if not match:
            continue
        day, time_of_day, *counter = match.group(1).split("-")
        try:
            created = datetime.strptime(f"{day}-{time_of_day}", "%Y%m%d-%H%M%S").replace(tzinfo=timezone.utc)
        except ValueError:
            continue  # not a date: a file someone named like a backup; left alone
        # Backups of the same second are numbered in order of creation (none, 1, 2 … 10): sort on the number,
        # not on the name, or the older one would pass for the newest.
        sequence = int(counter[0]) if counter else 0
        backup = BackupFile(candidate, created, match.group(2), candidate.stat().st_size)
        found.append((created, sequence, backup))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [backup for _, _, backup in found]


def prune_backups(paths: DataPaths, *, now: datetime | None = None) -> list[Path]:
    """Delete backups older than the retention window, always keeping the newest few. Return what was removed."""
    current = now or datetime.now(timezone.utc)
    limit = current - timedelta(days=RETENTION_DAYS)
    removed: list[Path] = []
    for index, backup in enumerate(list_backups(paths)):
        if index < KEEP_AT_LEAST or backup.created_at >= limit:
            continue
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed


def restore_backup_file(backup: Path, paths: DataPaths) -> None:
    """Put a backup back in place of the database (the database's engine must be disposed first)."""
    for sidecar in paths.sidecar_files():
        sidecar.unlink(missing_ok=True)
    temporary = paths.db_file.with_name(paths.db_file.name + ".restoring")
    shutil.copyfile(backup, temporary)
    temporary.replace(paths.db_file)
