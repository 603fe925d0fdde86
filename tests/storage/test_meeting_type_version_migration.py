"""Revision 0020 gives meeting types a row version: the types already there, with their members and meetings, keep
everything and start at version 1; going back removes the column and nothing else. On both backends.

(``tests.storage.conftest.migration_engine``: a SQLCipher file, a PostgreSQL database of its own.)
"""

from __future__ import annotations

from alembic import command
from sqlalchemy import Connection, Engine, inspect

from caseworker.storage import migrations

BEFORE = "0019"
SCRATCH_DATABASE = "caseworker_migration_0020"


def _types(connection: Connection) -> list[tuple[object, ...]]:
    return [
        tuple(row)
        for row in connection.exec_driver_sql(
            "SELECT code, label, cadence_months FROM meeting_type ORDER BY sort_order"
        ).all()
    ]


def _columns(connection: Connection) -> set[str]:
    return {column["name"] for column in inspect(connection).get_columns("meeting_type")}


def test_0020_versions_the_meeting_types_already_there_and_goes_back(migration_engine: Engine) -> None:
    engine = migration_engine
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), BEFORE)
        cosi = connection.exec_driver_sql("SELECT id FROM meeting_type WHERE code = 'cosi'").scalar_one()
        connection.exec_driver_sql(
            "UPDATE meeting_type SET label = 'COSI du Toit', cadence_months = 4 WHERE code = 'cosi'"
        )
        connection.exec_driver_sql(
            "INSERT INTO meeting_type_member (meeting_type_id, name, capacity, sort_order)"
            f" VALUES ({cosi}, 'M. Garnier', 'DDETS', 0)"
        )
        connection.exec_driver_sql(
            "INSERT INTO meeting (meeting_type_id, held_on, place, urgent, status, general_note, created_at)"
            f" VALUES ({cosi}, '2026-06-15', 'Salle du conseil', false, 'PLANNED', '', '2026-06-01 10:00:00')"
        )
        before = _types(connection)
    assert before[0] == ("cosi", "COSI du Toit", 4) and len(before) == 3
    with engine.begin() as connection:
        migrations.upgrade_to_head(connection)
        assert _types(connection) == before
        versions = connection.exec_driver_sql("SELECT DISTINCT row_version FROM meeting_type").scalars().all()
        assert versions == [1]
        members = connection.exec_driver_sql("SELECT meeting_type_id, name FROM meeting_type_member").all()
        assert [tuple(row) for row in members] == [(cosi, "M. Garnier")]
        assert connection.exec_driver_sql("SELECT meeting_type_id FROM meeting").scalar_one() == cosi
        connection.exec_driver_sql(  # a type added later starts at version 1 too (the server's default)
            "INSERT INTO meeting_type (code, label, sort_order, active, household_attends, admission_commission)"
            " VALUES ('bilan_partenaires', 'Bilan avec les partenaires', 3, true, false, false)"
        )
        added = "SELECT row_version FROM meeting_type WHERE code = 'bilan_partenaires'"
        assert connection.exec_driver_sql(added).scalar_one() == 1
    with engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), BEFORE)
        assert "row_version" not in _columns(connection)
        assert _types(connection)[:3] == before
        assert connection.exec_driver_sql("SELECT count(*) FROM meeting_type_member").scalar_one() == 1
    with engine.begin() as connection:
        migrations.upgrade_to_head(connection)
        assert "row_version" in _columns(connection)
