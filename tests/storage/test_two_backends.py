"""The same Alembic history builds the same schema on SQLCipher and on PostgreSQL, with the same guarantees."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from caseworker.models import Base
from caseworker.storage.database import Database
from caseworker.storage.migrations import SCHEMA_COMPARISON, current_revision, head_revision

APPEND_ONLY_TABLES = ("audit_event", "disclosure", "disclosure_consent_link")


@pytest.fixture(params=["sqlcipher", "postgresql"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A database of each kind, upgraded to head from empty by the shipped migrations."""
    if request.param == "sqlcipher":
        database: Database = request.getfixturevalue("database")
        yield database.engine
    else:
        yield request.getfixturevalue("postgres_superuser_engine")


def test_an_empty_database_of_each_kind_upgrades_to_exactly_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        context = MigrationContext.configure(connection, opts=SCHEMA_COMPARISON)
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_every_id_sequence_continues_after_the_seeded_rows(postgres_superuser_engine: Engine) -> None:
    """Seeds that write their own ids must move PostgreSQL's sequence past them, or the next insert collides."""
    inspector = inspect(postgres_superuser_engine)
    checked = 0
    with postgres_superuser_engine.connect() as connection:
        for table in inspector.get_table_names():
            if "id" not in {column["name"] for column in inspector.get_columns(table)}:
                continue
            sequence = connection.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
            if sequence is None:
                continue
            highest = connection.execute(text(f'SELECT coalesce(max(id), 0) FROM "{table}"')).scalar_one()
            last, called = connection.execute(text(f"SELECT last_value, is_called FROM {sequence}")).one()
            next_value = last + 1 if called else last
            assert next_value > highest, f"{table}: next id {next_value}, highest stored {highest}"
            checked += 1
    assert checked > 40


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
@pytest.mark.parametrize("statement", ["UPDATE {t} SET {c} = {c}", "DELETE FROM {t}"])
def test_the_logs_refuse_changes_on_both_backends(engine: Engine, table: str, statement: str) -> None:
    with pytest.raises(DBAPIError, match=f"{table} is append-only"), engine.begin() as connection:
        # The trigger fires per row on both backends: give it one row (with the checks of foreign keys off).
        _one_row(connection, table)
        column = "consent_id" if table == "disclosure_consent_link" else "id"
        connection.execute(text(statement.format(t=table, c=column)))


def test_the_logs_refuse_truncate_on_postgresql(postgres_superuser_engine: Engine) -> None:
    for table in APPEND_ONLY_TABLES:
        with (
            pytest.raises(DBAPIError, match=f"{table} is append-only"),
            postgres_superuser_engine.begin() as connection,
        ):
            connection.execute(text(f"TRUNCATE {table} CASCADE"))


def _one_row(connection, table: str) -> None:  # type: ignore[no-untyped-def]
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL session_replication_role = replica"))  # foreign keys off, triggers too
    else:
        connection.execute(text("PRAGMA defer_foreign_keys = ON"))
    rows = {
        "audit_event": "INSERT INTO audit_event (id, at, action, entity_type, fields) "
        "VALUES (999, '2026-06-15 10:00:00', 'CREATE', 'household', '')",
        "disclosure": "INSERT INTO disclosure (id, at, recipient_id, channel, document_kind, document_reference, "
        "categories, fields, legal_basis, copy_siao, sha256) "
        "VALUES (999, '2026-06-15 10:00:00', 1, 'impression', 'fiche_navette', 'FN-1', '', '', '', false, '')",
        "disclosure_consent_link": "INSERT INTO disclosure_consent_link (disclosure_id, consent_id) VALUES (1, 1)",
    }
    connection.execute(text(rows[table]))
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL session_replication_role = origin"))
