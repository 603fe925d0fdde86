"""Revision 0022 keeps each household's last successful contact: filled from the contacts already there, kept by
triggers afterwards; going back removes the table and its triggers, and nothing else. On both backends.

(``tests.storage.conftest.migration_engine``: a SQLCipher file, a PostgreSQL database of its own.)
"""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import Engine, inspect

from caseworker.demo.generator import generate_demo
from caseworker.storage import migrations
from tests.storage.conftest import rows_of

BEFORE = "0021"
SCRATCH_DATABASE = "caseworker_migration_0022"
GROUPED = (
    "SELECT c.household_id, max(c.occurred_at) FROM contact c JOIN contact_outcome o ON o.id = c.outcome_id "
    "WHERE o.kind = 'reached' GROUP BY c.household_id ORDER BY c.household_id"
)
KEPT = "SELECT household_id, reached_at FROM household_last_contact ORDER BY household_id"


def test_0022_fills_the_table_from_the_log_and_goes_back(migration_engine: Engine) -> None:
    engine = migration_engine
    with engine.begin() as connection:
        migrations.upgrade_to_head(connection)
    generate_demo(engine, households=12, seed=5, today=date(2026, 6, 15))
    with engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), BEFORE)
        assert "household_last_contact" not in inspect(connection).get_table_names()
        contacts = rows_of(connection, "SELECT count(*) FROM contact")[0][0]
        assert contacts > 100
        # Written while no trigger kept the table: the upgrade must find them.
        connection.exec_driver_sql(
            "UPDATE contact SET occurred_at = occurred_at + INTERVAL '1 hour'"
            if connection.dialect.name == "postgresql"
            else "UPDATE contact SET occurred_at = datetime(occurred_at, '+1 hour')"
        )
        grouped = rows_of(connection, GROUPED)
    assert len(grouped) > 6
    with engine.begin() as connection:
        migrations.upgrade_to_head(connection)
        assert rows_of(connection, KEPT) == grouped
        assert rows_of(connection, "SELECT count(*) FROM contact")[0][0] == contacts
        connection.exec_driver_sql("DELETE FROM contact_topic_link")
        connection.exec_driver_sql("DELETE FROM contact_participant")
        connection.exec_driver_sql("DELETE FROM contact_note")
        connection.exec_driver_sql("DELETE FROM contact")  # and the triggers are there
        assert rows_of(connection, KEPT) == []
