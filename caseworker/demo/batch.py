"""Rows waiting to be written, and the ids they will carry.

The generator writes with bulk Core inserts (one ``executemany`` per table and chunk): building ORM objects
for tens of thousands of rows would take minutes. Ids are allocated here, after the largest id already stored,
so that rows can reference each other before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text
from sqlalchemy.orm import Session

from caseworker.models import Base

Row = dict[str, Any]

# Insert order respects foreign keys (the database checks them at each statement).
TABLE_ORDER = (
    "organisation",
    "partner_contact",
    "staff_member",
    "dwelling",
    "household",
    "person",
    "household_membership",
    "occupancy",
    "consent",
    "consent_category_link",
    "audit_event",
)
_WITH_IDS = tuple(name for name in TABLE_ORDER if name != "consent_category_link")


class IdAllocator:
    """Hands out ids after the largest one ever used in each table when the generation started.

    Households and persons keep their ids for life (SQLite AUTOINCREMENT): the ids of deleted rows, remembered
    in ``sqlite_sequence``, are never handed out again.
    """

    def __init__(self, session: Session) -> None:
        self._last: dict[str, int] = {}
        sequences = _sequences(session)
        for name in _WITH_IDS:
            table = _table(name)
            stored = session.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0
            self._last[name] = max(stored, sequences.get(name, 0))

    def next(self, table_name: str) -> int:
        """Return a fresh id for ``table_name``."""
        self._last[table_name] += 1
        return self._last[table_name]


class TableIds:
    """Ids after the largest one stored in each of some tables, so that rows can refer to each other.

    For the tables of support and prevention (no AUTOINCREMENT: the largest stored id is the last one used).
    """

    def __init__(self, session: Session, table_names: Iterable[str]) -> None:
        self._last: dict[str, int] = {
            name: session.scalar(select(func.coalesce(func.max(_table(name).c.id), 0))) or 0 for name in table_names
        }

    def next(self, table_name: str) -> int:
        """Return a fresh id for ``table_name``."""
        self._last[table_name] += 1
        return self._last[table_name]


@dataclass
class Batch:
    """Rows of one chunk, by table name."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in TABLE_ORDER})

    def add(self, table_name: str, row: Row) -> None:
        """Queue one row."""
        self.rows[table_name].append(row)

    def count(self, table_name: str) -> int:
        """Return how many rows are queued for ``table_name``."""
        return len(self.rows[table_name])

    def write(self, session: Session) -> None:
        """Insert every queued row (inside the caller's transaction) and empty the batch."""
        for name in TABLE_ORDER:
            rows = self.rows[name]
            if rows:
                session.execute(insert(_table(name)), rows)
                self.rows[name] = []


def write_tuples(connection: Connection, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Bulk-write rows already in the storage format, skipping the per-value type processing of Core inserts.

    SQLite: one ``executemany`` of a plain INSERT. PostgreSQL: ``COPY … FROM STDIN`` (the server parses each value
    from its text: 0/1 for a boolean, "2024-01-31 09:00:00.000000" for a timestamp), as fast there.
    """
    quoted = ", ".join(f'"{column}"' for column in columns)  # "on" is an SQL keyword
    if connection.dialect.name == "postgresql":
        raw: Any = connection.connection.dbapi_connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    connection.exec_driver_sql(f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})", list(rows))


def _sequences(session: Session) -> dict[str, int]:
    """The last id each table ever handed out (SQLite's ``sqlite_sequence``, PostgreSQL's id sequences)."""
    if session.get_bind().dialect.name != "postgresql":
        return {name: int(seq or 0) for name, seq in session.execute(text("SELECT name, seq FROM sqlite_sequence"))}
    found: dict[str, int] = {}
    for name in _WITH_IDS:
        sequence = session.scalar(text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": name})
        if sequence is not None:
            row = session.execute(text(f"SELECT last_value, is_called FROM {sequence}")).one()
            found[name] = int(row[0]) if row[1] else 0
    return found


def advance_sequences(session: Session, table_names: Iterable[str]) -> None:
    """Move PostgreSQL's id sequences past the ids written here, or the next insert would collide (SQLite: no-op)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for name in table_names:
        sequence = session.scalar(text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": name})
        if sequence is not None:
            session.execute(
                text(f'SELECT setval(:sequence, greatest((SELECT coalesce(max(id), 0) FROM "{name}"), 1))'),
                {"sequence": sequence},
            )


def _table(name: str) -> Table:
    return Base.metadata.tables[name]
