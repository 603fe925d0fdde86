"""The SQLCipher engine: every connection keyed, probed and configured; errors hide parameters."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import traceback
from pathlib import Path

import pytest
import sqlalchemy.exc
from sqlalchemy import text

from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.engine import (
    PLAINTEXT_SQLITE_HEADER,
    DatabaseError,
    connect_raw,
    looks_like_plaintext_sqlite,
    make_engine,
    replace_engine_key,
)
from tests.storage.conftest import sha256

SECRET_VALUE = "Valeur-Secrete-4412"
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def key() -> DatabaseKey:
    return DatabaseKey.generate()


@pytest.fixture
def db_file(tmp_path: Path, key: DatabaseKey) -> Path:
    """A small encrypted database with one table and one row."""
    path = tmp_path / "engine.db"
    engine = make_engine(path, key)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL)"))
        connection.execute(text("INSERT INTO item (name) VALUES ('premier')"))
    engine.dispose()
    return path


def test_connections_are_configured(db_file: Path, key: DatabaseKey) -> None:
    engine = make_engine(db_file, key)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            # 32 MiB of decrypted pages: the alert inbox, the names and referents it shows, and the household
            # list stay in memory between two reads (at 8 MiB the inbox decrypted its pages again: 15 -> 41 ms).
            assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -32768
            assert connection.exec_driver_sql("PRAGMA cipher_version").scalar().startswith("4.")
            assert connection.execute(text("SELECT name FROM item")).scalar() == "premier"
    finally:
        engine.dispose()


def test_file_is_encrypted(db_file: Path) -> None:
    data = db_file.read_bytes()
    assert not data.startswith(PLAINTEXT_SQLITE_HEADER)
    assert b"premier" not in data
    assert b"CREATE TABLE" not in data
    assert looks_like_plaintext_sqlite(db_file) is False


WRONG_KEY_SCRIPT = """
import sys
from pathlib import Path
from caseworker.storage.crypto import DatabaseKey
from caseworker.storage.engine import DatabaseError, connect_raw, make_engine
import sqlalchemy.exc

path, way = Path(sys.argv[1]), sys.argv[2]
try:
    if way == "engine":
        make_engine(path, DatabaseKey.generate()).connect()
    else:
        connect_raw(path, DatabaseKey.generate())
except (DatabaseError, sqlalchemy.exc.DatabaseError) as exc:
    print("refused:", type(exc).__name__)
"""


@pytest.mark.parametrize("way", ["engine", "raw"])
def test_wrong_key_prints_nothing_to_stderr(db_file: Path, way: str) -> None:
    """SQLCipher logs a wrong key to stderr unless told not to (a process-wide level: fresh process)."""
    result = subprocess.run(
        [sys.executable, "-c", WRONG_KEY_SCRIPT, str(db_file), way],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("refused: ")
    assert result.stderr == ""


def test_wrong_key_fails_fast_without_touching_the_file(db_file: Path, capfd: pytest.CaptureFixture[str]) -> None:
    before = sha256(db_file)
    engine = make_engine(db_file, DatabaseKey.generate())
    with pytest.raises(sqlalchemy.exc.DatabaseError, match="file is not a database"):
        engine.connect()
    engine.dispose()
    with pytest.raises(DatabaseError, match="file is not a database"):
        connect_raw(db_file, DatabaseKey.generate())
    assert sha256(db_file) == before
    assert sorted(p.name for p in db_file.parent.iterdir()) == ["engine.db"]
    captured = capfd.readouterr()
    assert captured.err == ""  # cipher_log_level = NONE: SQLCipher prints nothing on a wrong key
    assert captured.out == ""


def test_connect_raw_is_keyed(db_file: Path, key: DatabaseKey) -> None:
    connection = connect_raw(db_file, key)
    try:
        assert connection.execute("SELECT name FROM item").fetchall() == [("premier",)]
    finally:
        connection.close()


def test_errors_hide_statement_parameters(db_file: Path, key: DatabaseKey) -> None:
    engine = make_engine(db_file, key)
    try:
        with pytest.raises(sqlalchemy.exc.IntegrityError) as caught, engine.begin() as connection:
            connection.execute(text("INSERT INTO item (name) VALUES (:name)"), {"name": SECRET_VALUE})
            connection.execute(text("INSERT INTO item (name) VALUES (:name)"), {"name": SECRET_VALUE})
        assert SECRET_VALUE not in str(caught.value)
        assert SECRET_VALUE not in repr(caught.value)
        assert SECRET_VALUE not in "".join(traceback.format_exception(caught.value))
        assert "parameters hidden" in str(caught.value)
        assert "UNIQUE constraint failed: item.name" in str(caught.value)
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(tmp_path: Path, key: DatabaseKey) -> None:
    engine = make_engine(tmp_path / "fk.db", key)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE parent (id INTEGER PRIMARY KEY)"))
            connection.execute(text("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent)"))
        with pytest.raises(sqlalchemy.exc.IntegrityError, match="FOREIGN KEY"), engine.begin() as connection:
            connection.execute(text("INSERT INTO child (parent_id) VALUES (42)"))
    finally:
        engine.dispose()


def test_ddl_is_transactional(tmp_path: Path, key: DatabaseKey) -> None:
    """A failed migration must roll back completely: DDL inside a failed transaction leaves nothing."""
    engine = make_engine(tmp_path / "ddl.db", key)
    try:
        with pytest.raises(RuntimeError, match="boom"), engine.begin() as connection:
            connection.execute(text("CREATE TABLE temporary_thing (id INTEGER PRIMARY KEY)"))
            raise RuntimeError("boom")
        with engine.connect() as connection:
            names = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        assert names == []
    finally:
        engine.dispose()


def test_replace_engine_key_uses_the_new_key_for_new_connections(db_file: Path, key: DatabaseKey) -> None:
    engine = make_engine(db_file, key)
    new_key = DatabaseKey.generate()
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
        engine.dispose()
        raw = connect_raw(db_file, key)
        raw.execute(f'PRAGMA rekey = "{new_key.sqlcipher_literal()}"')
        raw.close()
        replace_engine_key(engine, new_key)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT name FROM item")).scalar() == "premier"
    finally:
        engine.dispose()
    with pytest.raises(DatabaseError):
        connect_raw(db_file, key)


def test_looks_like_plaintext_sqlite(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    assert looks_like_plaintext_sqlite(plain) is True
    short = tmp_path / "short.db"
    short.write_bytes(b"SQLite")
    assert looks_like_plaintext_sqlite(short) is False
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert looks_like_plaintext_sqlite(empty) is False


def test_a_plaintext_sqlite_file_cannot_be_opened_with_a_key(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    before = sha256(plain)
    with pytest.raises(DatabaseError):
        connect_raw(plain, DatabaseKey.generate())
    assert sha256(plain) == before
