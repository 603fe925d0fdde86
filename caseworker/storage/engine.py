"""SQLAlchemy engine over SQLCipher, keyed on every new connection.

The plain ``sqlite`` dialect is used with the DB-API module swapped for ``sqlcipher3`` (SQLAlchemy's
``sqlite+pysqlcipher`` URL only takes a passphrase, which costs a PBKDF2 run per connection).
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event

from caseworker.storage.crypto import DatabaseKey

# The first bytes of an unencrypted SQLite file. A SQLCipher file starts with a random salt instead.
PLAINTEXT_SQLITE_HEADER = b"SQLite format 3\x00"


class KeyHolder:
    """The key applied to each new connection; a rekey swaps it so later connections use the new key."""

    def __init__(self, key: DatabaseKey) -> None:
        self.key = key


_HOLDERS: weakref.WeakKeyDictionary[Engine, KeyHolder] = weakref.WeakKeyDictionary()


def apply_connection_pragmas(dbapi_connection: Any, key: DatabaseKey) -> None:
    """Key a fresh DB-API connection, probe it, and set WAL, foreign keys and in-memory temp storage."""
    # Let SQLAlchemy (not the driver) decide where transactions begin, so that DDL is transactional too:
    # a failed migration then rolls back completely.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(f'PRAGMA key = "{key.sqlcipher_literal()}"')
        # Fails fast with "file is not a database" on a wrong key or a damaged first page.
        cursor.execute("SELECT count(*) FROM sqlite_master")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # Sorting and temporary tables stay in memory: no temporary file on disk.
        cursor.execute("PRAGMA temp_store = MEMORY")
        cursor.execute("PRAGMA busy_timeout = 5000")
        # 32 MiB of pages in memory (the default here is 8 MB; decrypting a page again costs): the alert inbox
        # with the names and referents it shows no longer evicts its own index pages between two reads.
        cursor.execute("PRAGMA cache_size = -32768")
    finally:
        cursor.close()


def make_engine(db_file: Path, key: DatabaseKey, *, echo: bool = False) -> Engine:
    """Return an engine whose every connection is keyed, probed, in WAL mode with foreign keys on.

    Statement parameters are hidden from exception messages so that personal data never reaches a log or a
    crash report through a database error.
    """
    engine = create_engine(f"sqlite:///{db_file}", module=sqlcipher, hide_parameters=True, echo=echo)
    holder = KeyHolder(key)
    _HOLDERS[engine] = holder

    @event.listens_for(engine, "connect", insert=True)
    def _key_connection(dbapi_connection: Any, _record: Any) -> None:
        apply_connection_pragmas(dbapi_connection, holder.key)

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def replace_engine_key(engine: Engine, key: DatabaseKey) -> None:
    """Use ``key`` for every connection opened from now on (after ``PRAGMA rekey``); disposes the pool."""
    _HOLDERS[engine].key = key
    engine.dispose()


def connect_raw(db_file: Path, key: DatabaseKey, *, probe: bool = True) -> Any:
    """Return a keyed DB-API connection (for backups, rekeying and low-level checks).

    ``probe`` reads the schema at once (a wrong key fails here); without it, a file whose schema pages are damaged
    can still have its pages checked one by one (``PRAGMA cipher_integrity_check``).
    """
    connection = sqlcipher.connect(str(db_file), isolation_level=None)
    cursor = connection.cursor()
    try:
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(f'PRAGMA key = "{key.sqlcipher_literal()}"')
        if probe:
            cursor.execute("SELECT count(*) FROM sqlite_master")
    except BaseException:
        cursor.close()
        connection.close()
        raise
    cursor.close()
    return connection


def looks_like_plaintext_sqlite(db_file: Path) -> bool:
    """Return True when the file is an unencrypted SQLite database (never a caseworker store)."""
    with db_file.open("rb") as handle:
        return handle.read(len(PLAINTEXT_SQLITE_HEADER)) == PLAINTEXT_SQLITE_HEADER


DatabaseError = sqlcipher.DatabaseError
