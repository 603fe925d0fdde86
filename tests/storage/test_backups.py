"""Encrypted backups: naming, encryption, the key file beside them, retention and restore."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from caseworker.errors import CorruptDatabaseError, DatabaseStateError
from caseworker.paths import DataPaths
from caseworker.storage import migrations
from caseworker.storage.backups import (
    KEEP_AT_LEAST,
    RETENTION_DAYS,
    backup_database,
    incomplete_backups,
    list_backups,
    prune_backups,
    restore_backup_file,
)
from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.database import Database, open_database
from caseworker.storage.engine import PLAINTEXT_SQLITE_HEADER, DatabaseError, connect_raw
from caseworker.storage.key_info import load_key_info
from tests.conftest import Template
from tests.storage.conftest import fingerprint, sha256

CANARY = "Zyxwvuqa-Canari-Sauvegarde-5519"
NOW = datetime(2026, 6, 15, 10, 30, 0, tzinfo=timezone.utc)


def write_canary(database: Database) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE canary_note (body TEXT)"))
        connection.execute(text("INSERT INTO canary_note (body) VALUES (:body)"), {"body": CANARY})


def read_canary(path: Path, key: DatabaseKey) -> list[str]:
    connection = connect_raw(path, key)
    try:
        return [row[0] for row in connection.execute("SELECT body FROM canary_note").fetchall()]
    finally:
        connection.close()


def test_backup_is_encrypted_and_opens_with_the_key(database: Database, template_store: Template) -> None:
    write_canary(database)
    backup = backup_database(database.paths, database.key, database.key_info, "manuelle", now=NOW)
    data = backup.read_bytes()
    assert len(data) > 4096
    assert not data.startswith(PLAINTEXT_SQLITE_HEADER)
    assert CANARY.encode("utf-8") not in data
    assert CANARY.encode("utf-16-le") not in data
    assert read_canary(backup, template_store.key) == [CANARY]
    with pytest.raises(DatabaseError):
        connect_raw(backup, DatabaseKey.generate())


def test_backup_includes_changes_still_in_the_wal(database: Database) -> None:
    """The engine keeps its connection open: the row is in the -wal file, not yet in the database file."""
    write_canary(database)
    wal = database.paths.db_file.with_name("caseworker.db-wal")
    assert wal.exists()
    assert wal.stat().st_size > 0
    backup = backup_database(database.paths, database.key, database.key_info, "manuelle", now=NOW)
    assert read_canary(backup, database.key) == [CANARY]


def test_backup_name_and_listing(database: Database) -> None:
    first = backup_database(database.paths, database.key, database.key_info, "manuelle", now=NOW)
    second = backup_database(database.paths, database.key, database.key_info, "manuelle", now=NOW)
    third = backup_database(
        database.paths, database.key, database.key_info, "avant-migration", now=NOW + timedelta(seconds=1)
    )
    assert first.name == "caseworker-20260615-103000-manuelle.db"
    assert second.name == "caseworker-20260615-103000-1-manuelle.db"
    assert third.name == "caseworker-20260615-103001-avant-migration.db"
    assert first.parent == database.paths.backups_dir
    (database.paths.backups_dir / "notes.txt").write_text("rien", encoding="utf-8")
    (database.paths.backups_dir / "caseworker-2026-manuelle.db").write_text("rien", encoding="utf-8")
    listed = list_backups(database.paths)
    assert [backup.path for backup in listed] == [third, second, first]
    assert [backup.reason for backup in listed] == ["avant-migration", "manuelle", "manuelle"]
    assert listed[0].created_at == NOW + timedelta(seconds=1)
    assert listed[2].created_at == NOW
    assert listed[0].size == third.stat().st_size


def test_backup_time_is_written_in_utc(database: Database) -> None:
    paris = timezone(timedelta(hours=2))
    backup = backup_database(
        database.paths, database.key, database.key_info, "manuelle", now=datetime(2026, 6, 15, 12, 0, tzinfo=paris)
    )
    assert backup.name == "caseworker-20260615-100000-manuelle.db"


@pytest.mark.parametrize("reason", ["", "Manuelle", "avant migration", "../evil", "sauvegarde.db", "é"])
def test_backup_reason_must_be_a_lowercase_tag(database: Database, reason: str) -> None:
    with pytest.raises(ValueError, match="lowercase tag"):
        backup_database(database.paths, database.key, database.key_info, reason, now=NOW)
    assert not database.paths.backups_dir.exists() or list(database.paths.backups_dir.iterdir()) == []


def test_each_backup_has_its_own_key_file(database: Database) -> None:
    backup = backup_database(database.paths, database.key, database.key_info, "manuelle", now=NOW)
    own = database.paths.backups_dir / "caseworker-20260615-103000-manuelle.key.json"
    assert list_backups(database.paths)[0].key_file == own
    assert load_key_info(own) == database.key_info
    assert sorted(path.name for path in database.paths.backups_dir.iterdir()) == [backup.name, own.name]
    # The key file shared by the backups of older versions is never written.
    assert not (database.paths.backups_dir / "caseworker.key.json").exists()


def test_a_backup_taken_during_an_interrupted_key_change_describes_the_key_it_uses(database: Database) -> None:
    pending = replace(database.key_info, key_check="00" * 16)
    backup = backup_database(
        database.paths, database.key, replace(pending, pending=database.key_info), "manuelle", now=NOW
    )
    assert load_key_info(list_backups(database.paths)[0].key_file) == database.key_info
    assert backup.exists()
    with pytest.raises(ValueError, match="does not describe this key"):
        backup_database(database.paths, database.key, pending, "manuelle", now=NOW)


def test_backup_with_a_wrong_key_leaves_nothing(database: Database) -> None:
    database.dispose()
    before = sha256(database.paths.db_file)
    wrong = DatabaseKey.generate()
    wrong_info = replace(database.key_info, key_check=wrong.check_value())
    with pytest.raises(DatabaseError):
        backup_database(database.paths, wrong, wrong_info, "manuelle", now=NOW)
    assert list_backups(database.paths) == []
    assert list(database.paths.backups_dir.iterdir()) == []
    assert sha256(database.paths.db_file) == before


def test_database_backup_uses_the_manual_tag_and_prunes(database: Database) -> None:
    for days in (100, 90, 80, 70):
        backup_database(
            database.paths,
            database.key,
            database.key_info,
            "ancienne",
            now=datetime.now(timezone.utc) - timedelta(days=days),
        )
    path = database.backup()
    assert path.name.endswith("-manuelle.db")
    remaining = [backup.path.name for backup in list_backups(database.paths)]
    assert len(remaining) == KEEP_AT_LEAST
    assert remaining[0] == path.name


def test_prune_keeps_the_newest_three_even_when_old(database: Database) -> None:
    made = [
        backup_database(database.paths, database.key, database.key_info, "manuelle", now=NOW - timedelta(days=days))
        for days in (60, 50, 45, 40, 35)
    ]
    removed = prune_backups(database.paths, now=NOW)
    assert sorted(removed) == sorted(made[:2])
    assert [backup.path for backup in list_backups(database.paths)] == [made[4], made[3], made[2]]
    assert all(not path.exists() for path in made[:2])


def test_prune_drops_backups_older_than_the_window(database: Database) -> None:
    ages = [0, 1, 5, 10, 29, RETENTION_DAYS, 31, 45, 400]
    made = {
        age: backup_database(database.paths, database.key, database.key_info, "manuelle", now=NOW - timedelta(days=age))
        for age in ages
    }
    removed = prune_backups(database.paths, now=NOW)
    assert sorted(removed) == sorted([made[31], made[45], made[400]])
    kept = {backup.path for backup in list_backups(database.paths)}
    assert kept == {made[age] for age in ages if age <= RETENTION_DAYS}
    # A backup goes with its own key file, and only with it.
    assert {backup.key_file for backup in list_backups(database.paths)} == {
        path for path in database.paths.backups_dir.iterdir() if path.name.endswith(".key.json")
    }
    assert prune_backups(database.paths, now=NOW) == []


def test_prune_without_backups(data_paths: DataPaths) -> None:
    assert prune_backups(data_paths, now=NOW) == []
    assert list_backups(data_paths) == []


def test_restore_backup_file_puts_the_backup_in_place(database: Database, template_store: Template) -> None:
    backup = backup_database(database.paths, database.key, database.key_info, "manuelle", now=NOW)
    write_canary(database)
    database.dispose()
    stray = database.paths.db_file.with_name("caseworker.db-journal")
    stray.write_bytes(b"stale journal")
    restore_backup_file(backup, database.paths)
    assert sha256(database.paths.db_file) == sha256(backup)
    assert not stray.exists()
    assert sorted(p.name for p in database.paths.data_dir.iterdir()) == [
        "backups",
        "caseworker.db",
        "caseworker.key.json",
    ]
    connection = connect_raw(database.paths.db_file, template_store.key)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        connection.close()
    assert "canary_note" not in tables
    assert "person" in tables


def test_backups_of_a_copied_store_stay_independent(database: Database, tmp_path: Path) -> None:
    backup = backup_database(database.paths, database.key, database.key_info, "manuelle", now=NOW)
    moved = tmp_path / "elsewhere.db"
    shutil.copyfile(backup, moved)
    connection = connect_raw(moved, database.key)
    try:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (migrations.head_revision(),)
        ]
    finally:
        connection.close()


def _flip_64_bytes(path: Path, where: str) -> None:
    content = bytearray(path.read_bytes())
    start = len(content) // 2 if where == "middle" else 4096 + 200
    content[start : start + 64] = bytes(byte ^ 0xFF for byte in content[start : start + 64])
    path.write_bytes(bytes(content))


@pytest.mark.parametrize("where", ["middle", "page-2"])
def test_a_backup_of_a_damaged_store_is_refused_and_takes_no_place_in_the_rotation(
    database: Database, where: str
) -> None:
    """In the middle, the copy succeeds and its check fails; on page 2 (the schema), the copy itself fails."""
    with database.engine.begin() as connection:
        connection.execute(text("CREATE TABLE bulk (body TEXT)"))
        connection.execute(
            text("INSERT INTO bulk (body) SELECT hex(randomblob(200)) FROM (SELECT 1 FROM sqlite_master LIMIT 1)")
        )
        for _ in range(10):
            connection.execute(text("INSERT INTO bulk (body) SELECT hex(randomblob(200)) FROM bulk"))
    good = [
        backup_database(database.paths, database.key, database.key_info, "manuelle", now=NOW - timedelta(days=days))
        for days in (70, 60, 50)
    ]
    database.dispose()
    _flip_64_bytes(database.paths.db_file, where)
    before = sha256(database.paths.db_file)
    listing = sorted(path.name for path in database.paths.backups_dir.iterdir())
    with pytest.raises(CorruptDatabaseError) as caught:
        database.backup()
    assert "est endommagée" in caught.value.user_message
    assert "aucune sauvegarde n'a été écrite, les sauvegardes existantes sont conservées" in caught.value.user_message
    assert sorted(path.name for path in database.paths.backups_dir.iterdir()) == listing
    assert [backup.path for backup in list_backups(database.paths)] == good[::-1]
    assert sha256(database.paths.db_file) == before


def test_interrupted_backups_are_not_listed_nor_counted_among_the_kept_ones(database: Database) -> None:
    """An older version killed during `db backup` left zero-byte files; this one leaves its temporary copy."""
    good = [
        backup_database(database.paths, database.key, database.key_info, "manuelle", now=NOW - timedelta(days=days))
        for days in (70, 60, 50, 40)
    ]
    leftovers = [database.paths.backups_dir / f"caseworker-2026061{day}-090000-manuelle.db" for day in (2, 3, 4)]
    for leftover in leftovers:
        leftover.write_bytes(b"")
    partial = database.paths.backups_dir / "caseworker-20260615-090000-manuelle.db.partial"
    partial.write_bytes(b"\x00" * 8192)
    assert [backup.path for backup in list_backups(database.paths)] == good[::-1]
    assert [item.path for item in incomplete_backups(database.paths)] == [partial, *leftovers[::-1]]
    removed = prune_backups(database.paths, now=NOW)
    assert removed == [good[0]]  # the three newest complete backups are kept, however old
    assert [backup.path for backup in list_backups(database.paths)] == good[:0:-1]
    assert all(path.exists() for path in [*leftovers, partial])  # recent: kept until the window passes them
    later = prune_backups(database.paths, now=NOW + timedelta(days=RETENTION_DAYS + 1))
    assert set(later) == {*leftovers, partial}
    assert [backup.path for backup in list_backups(database.paths)] == good[:0:-1]


KILLED_DURING_BACKUP = """
import sys, time
from pathlib import Path
from caseworker.paths import DataPaths
from caseworker.storage import backups
from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.key_info import load_key_info

paths = DataPaths(Path(sys.argv[1]))
real_check = backups.file_problems


def check_then_stop(*args, **kwargs):
    problems = real_check(*args, **kwargs)
    print("copied", flush=True)  # the copy is complete on disk, not yet renamed
    time.sleep(60)
    return problems


backups.file_problems = check_then_stop
backups.backup_database(paths, DatabaseKey.from_hex(sys.argv[2]), load_key_info(paths.key_info_file), "manuelle")
"""


def test_a_backup_killed_before_its_rename_never_counts_among_the_kept_ones(database: Database) -> None:
    import subprocess
    import sys

    good = [
        backup_database(database.paths, database.key, database.key_info, "manuelle", now=NOW - timedelta(days=days))
        for days in (70, 60, 50, 40)
    ]
    database.dispose()
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_DURING_BACKUP, str(database.paths.data_dir), database.key.hex()],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "copied"
        child.kill()  # SIGKILL: nothing is cleaned up
        child.wait(timeout=30)
    [leftover] = incomplete_backups(database.paths)
    assert leftover.path.name.endswith(".db.partial")
    assert leftover.path.stat().st_size > 4096
    assert [backup.path for backup in list_backups(database.paths)] == good[::-1]
    prune_backups(database.paths, now=datetime.now(timezone.utc))
    assert [backup.path for backup in list_backups(database.paths)] == good[:0:-1]  # three complete ones kept
    assert leftover.path.exists()


def test_a_file_in_place_of_the_backups_folder_is_refused_with_a_french_message(database: Database) -> None:
    paths = database.paths
    paths.backups_dir.write_text("pas un dossier", encoding="utf-8")
    database.dispose()
    before = fingerprint(paths.data_dir)
    with pytest.raises(DatabaseStateError) as caught:
        database.backup()
    assert caught.value.user_message == (
        f"« {paths.backups_dir} » n'est pas un dossier : les sauvegardes de caseworker ne peuvent pas y être "
        "rangées. Déplacez ce fichier ailleurs, puis recommencez. Rien n'a été modifié."
    )
    assert fingerprint(paths.data_dir) == before


def test_a_file_in_place_of_the_backups_folder_stops_an_upgrade_before_it_starts(tmp_path: Path) -> None:
    """The pre-migration backup goes through the same code: the older store is refused untouched."""
    samples = Path(__file__).resolve().parents[1] / "data" / "databases"
    paths = DataPaths(tmp_path / "store")
    paths.data_dir.mkdir()
    shutil.copyfile(samples / "rev_0001.db", paths.db_file)
    shutil.copyfile(samples / "rev_0001.key.json", paths.key_info_file)
    key = DatabaseKey.from_hex((samples / "rev_0001.key.hex").read_text(encoding="ascii"))
    paths.backups_dir.write_text("pas un dossier", encoding="utf-8")
    before = fingerprint(paths.data_dir)
    with pytest.raises(DatabaseStateError) as caught:
        open_database(paths, key, load_key_info(paths.key_info_file)).dispose()
    assert "n'est pas un dossier : les sauvegardes de caseworker" in caught.value.user_message
    assert fingerprint(paths.data_dir) == before
