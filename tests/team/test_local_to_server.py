"""A solo association's store moved to the team's server: every row, counts and checksums table by table."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from caseworker.demo import generate_demo
from caseworker.errors import DatabaseStateError
from caseworker.services import build_services
from caseworker.storage.backups import list_backups
from caseworker.storage.database import Database
from caseworker.storage.server_admin import ServerRoles
from caseworker.team import local_to_server
from caseworker.team.admin import MaintenanceAccess
from caseworker.team.local_to_server import describe, migrate_local_store, table_checksum, tables_in_order
from tests.services.builders import new_household

TODAY = date(2026, 6, 15)


def checksums(engine) -> dict[str, tuple[int, str]]:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return {table.name: table_checksum(connection, table) for table in tables_in_order()}


def test_every_row_reaches_the_server_and_the_store_is_left_as_it_was(
    database: Database, access: MaintenanceAccess, roles: ServerRoles
) -> None:
    generate_demo(database.engine, households=25, seed=7, today=TODAY)
    before = checksums(database.engine)
    backups_before = len(list_backups(database.paths))
    seen: list[str] = []

    report = migrate_local_store(database, access, roles, progress=lambda table, done, total: seen.append(table))

    assert all(copy.identical for copy in report.tables)
    filled = {copy.table for copy in report.tables if copy.server_rows}
    assert {"household", "person", "contact", "episode", "alert", "consent", "audit_event"} <= filled
    assert seen == [table.name for table in tables_in_order()]
    assert checksums(database.engine) == before  # the store is only read
    assert len(list_backups(database.paths)) == backups_before + 1 and report.backup.exists()
    with access.open_engine() as engine:
        assert checksums(engine) == before
        services = build_services(engine)
        local = build_services(database.engine)
        assert [h.display_name for h in services.households.list_summaries()] == [
            h.display_name for h in local.households.list_summaries()
        ]
        # New rows continue after the copied ids.
        created = new_household(services, "Nouveau", "Venu")
        assert created.id > max(h.id for h in local.households.list_summaries())
    lines = describe(report)
    assert lines[-1].startswith(f"{report.rows} lignes copiées")
    assert all("identique" in line for line in lines[:-1])


def test_a_server_that_already_holds_data_is_refused_and_left_alone(
    database: Database, access: MaintenanceAccess, roles: ServerRoles
) -> None:
    generate_demo(database.engine, households=3, seed=1, today=TODAY)
    migrate_local_store(database, access, roles)
    with access.open_engine() as engine, engine.connect() as connection:
        households = connection.execute(text("SELECT count(*) FROM household")).scalar()
    with pytest.raises(DatabaseStateError, match="n'est pas vide"):
        migrate_local_store(database, access, roles)
    with access.open_engine() as engine, engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM household")).scalar() == households


def test_a_copy_that_differs_is_rolled_back_and_can_be_run_again(
    database: Database, access: MaintenanceAccess, roles: ServerRoles, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_demo(database.engine, households=3, seed=2, today=TODAY)
    real = local_to_server.table_checksum

    def wrong_on_the_server(connection, table):  # type: ignore[no-untyped-def]
        rows, digest = real(connection, table)
        return (
            (rows, "0" * 64) if connection.dialect.name == "postgresql" and table.name == "person" else (rows, digest)
        )

    monkeypatch.setattr(local_to_server, "table_checksum", wrong_on_the_server)
    with pytest.raises(DatabaseStateError, match="diffère de la base locale pour : person"):
        migrate_local_store(database, access, roles)
    with access.open_engine() as engine, engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM household")).scalar() == 0  # nothing kept
    monkeypatch.setattr(local_to_server, "table_checksum", real)
    report = migrate_local_store(database, access, roles)  # the same command again
    assert all(copy.identical for copy in report.tables)
