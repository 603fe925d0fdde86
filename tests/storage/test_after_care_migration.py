"""Revision 0027 adds after-care, the watch list and the encounters outside the contact log, with their seeded
picklists, changes nothing that exists, and going back removes them. On both backends
(``tests.storage.conftest.migration_engine``)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, inspect

from caseworker.storage import migrations
from tests.storage.conftest import rows_of

BEFORE = "0026"
SCRATCH_DATABASE = "caseworker_migration_0027"

NEW_TABLES = {
    "after_care",
    "watch_entry",
    "drop_in_reason",
    "drop_in_visit",
    "outreach_offer",
    "outreach_encounter",
    "outreach_encounter_offer",
    "session_theme",
    "collective_session",
    "collective_session_facilitator",
    "collective_session_attendee",
}


def test_0027_adds_after_care_and_the_encounters_then_removes_them(migration_engine: Engine) -> None:
    engine = migration_engine
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), BEFORE)
        before = set(inspect(connection).get_table_names())
        connection.exec_driver_sql(
            "INSERT INTO household (id, pet_count, pets_note, siao_reference, search_text, created_at, updated_at)"
            " VALUES (1, 0, '', '', '', '2026-01-01 10:00:00', '2026-01-01 10:00:00')"
        )
    with engine.begin() as connection:
        migrations.upgrade_to_head(connection)
        assert set(inspect(connection).get_table_names()) >= NEW_TABLES
        assert not NEW_TABLES & before
        themes = rows_of(connection, "SELECT code, label FROM session_theme ORDER BY sort_order")
        assert ("droits_devoirs_locataire", "Droits et devoirs du locataire") in themes
        assert rows_of(connection, "SELECT count(*) FROM drop_in_reason WHERE active") == [(8,)]
        assert rows_of(connection, "SELECT count(*) FROM outreach_offer WHERE active") == [(8,)]
        # An anonymous visit names no household, no person.
        connection.exec_driver_sql(
            "INSERT INTO drop_in_visit (occurred_at, household_id, person_id, age_band, created_at)"
            " VALUES ('2026-12-07 09:00:00', NULL, NULL, 'AGE_25_34', '2026-12-07 09:00:00')"
        )
        assert rows_of(connection, "SELECT count(*) FROM person") == [(0,)]
        assert rows_of(connection, "SELECT count(*) FROM household") == [(1,)]
    with engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), BEFORE)
        assert set(inspect(connection).get_table_names()) == before
        assert rows_of(connection, "SELECT count(*) FROM household") == [(1,)]
