"""Revision 0023 moves the minutes' general note and each household's view to tables of their own (the team's
server can then refuse them row by row, docs/domain.md §5.2), and going back puts them where they were. On both
backends (``tests.storage.conftest.migration_engine``).
"""

from __future__ import annotations

from datetime import date, datetime

from alembic import command
from sqlalchemy import Engine, inspect, text

from caseworker.storage import migrations
from tests.storage.conftest import rows_of

BEFORE = "0022"
SCRATCH_DATABASE = "caseworker_migration_0023"


def test_0023_moves_the_minutes_texts_apart_and_back(migration_engine: Engine) -> None:
    engine = migration_engine
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), BEFORE)
        for meeting_id, note in ((1, "Budget serré cette année"), (2, "")):
            connection.execute(
                text(
                    "INSERT INTO meeting (id, meeting_type_id, held_on, place, urgent, status, general_note, "
                    "created_at) SELECT :id, id, :day, '', :no, 'HELD', :note, :at FROM meeting_type "
                    "WHERE code = 'cosi'"
                ),
                {"id": meeting_id, "note": note, "day": date(2026, 6, 10), "no": False, "at": datetime(2026, 6, 10)},
            )
        for item_id, view in ((10, "Le ménage veut rester"), (11, "")):
            connection.execute(
                text(
                    "INSERT INTO meeting_item (id, meeting_id, kind, label, sort_order, household_view, note_class, "
                    "has_note) VALUES (:id, 1, 'SITUATION', 'Point', 0, :view, 'EQUIPE', :no)"
                ),
                {"id": item_id, "view": view, "no": False},
            )
    with engine.begin() as connection:
        migrations.upgrade_to_head(connection)
        assert rows_of(connection, "SELECT meeting_id, text FROM meeting_general_note") == [
            (1, "Budget serré cette année")
        ]
        assert rows_of(connection, "SELECT item_id, text FROM meeting_item_view") == [(10, "Le ménage veut rester")]
        flags = rows_of(connection, "SELECT id, has_general_note FROM meeting ORDER BY id")
        assert [(row[0], bool(row[1])) for row in flags] == [(1, True), (2, False)]
        flags = rows_of(connection, "SELECT id, has_household_view FROM meeting_item ORDER BY id")
        assert [(row[0], bool(row[1])) for row in flags] == [(10, True), (11, False)]
        assert "general_note" not in {column["name"] for column in inspect(connection).get_columns("meeting")}
        assert "household_view" not in {column["name"] for column in inspect(connection).get_columns("meeting_item")}
    with engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), BEFORE)
        assert rows_of(connection, "SELECT id, general_note FROM meeting ORDER BY id") == [
            (1, "Budget serré cette année"),
            (2, ""),
        ]
        assert rows_of(connection, "SELECT id, household_view FROM meeting_item ORDER BY id") == [
            (10, "Le ménage veut rester"),
            (11, ""),
        ]
        tables = set(inspect(connection).get_table_names())
        assert not tables & {"meeting_general_note", "meeting_item_view"}
