"""Moving a solo association's encrypted store to the team's server (``caseworker server migrate-from-local``).

The local store is only read: an encrypted backup of it is written first (it stays as the copy to go back to), and
it must be at this version's schema (``caseworker db upgrade`` first, which backs it up too). On the server, the
database must be empty: the roles and the schema are installed as ``server init`` does, then every row of every
table is copied, in one transaction, as the owner role. Before that transaction commits, each table is read back
from the server and compared with the store: the same number of rows and the same checksum (SHA-256 of the rows in
primary-key order, each value written the same way whichever backend it came from). Any difference rolls the
whole copy back. The report gives, table by table, the count and the checksum on both sides.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, select, text

from caseworker.errors import DatabaseStateError
from caseworker.models import Base
from caseworker.services import build_services
from caseworker.services.context import Clock, SystemClock
from caseworker.storage import server_admin
from caseworker.storage.database import Database
from caseworker.storage.migrations import current_revision, head_revision
from caseworker.storage.server_admin import ServerRoles
from caseworker.team.access_rules import install_schema
from caseworker.team.admin import MaintenanceAccess, create_database_if_missing, give_login
from caseworker.team.enrolment import EnrolmentCode

BATCH_ROWS = 2_000


@dataclass(frozen=True)
class TableCopy:
    """One table: rows and checksum in the store and on the server."""

    table: str
    local_rows: int
    server_rows: int
    local_checksum: str
    server_checksum: str

    @property
    def identical(self) -> bool:
        """Same rows, same checksum."""
        return (self.local_rows, self.local_checksum) == (self.server_rows, self.server_checksum)


@dataclass(frozen=True)
class MigrationReport:
    """What was copied, and where the local store's backup is."""

    tables: tuple[TableCopy, ...]
    backup: Path

    @property
    def rows(self) -> int:
        """Rows now on the server."""
        return sum(item.server_rows for item in self.tables)


def tables_in_order() -> list[Table]:
    """Every table of the models, parents before children (foreign keys)."""
    return list(Base.metadata.sorted_tables)


def canonical(value: Any) -> Any:
    """A value as both backends give it back, for the checksum: dates in ISO form, bytes in hex."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "value") and not isinstance(value, int | str | float | bool):
        return value.value  # an enum
    return value


def table_checksum(connection: Connection, table: Table) -> tuple[int, str]:
    """Return (rows, SHA-256 of the rows in primary-key order) of ``table``."""
    digest = hashlib.sha256()
    count = 0
    order = list(table.primary_key.columns) or list(table.columns)
    for row in connection.execute(select(table).order_by(*order)).yield_per(BATCH_ROWS):
        digest.update(json.dumps([canonical(value) for value in row], ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
        count += 1
    return count, digest.hexdigest()


def migrate_local_store(
    database: Database,
    access: MaintenanceAccess,
    roles: ServerRoles,
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> MigrationReport:
    """Copy every row of the opened local store to an empty server database; see the module's description.

    Raises:
        DatabaseStateError: the store is not at this version's schema, the server database is not empty, or a
            table differs after the copy (nothing is kept on the server then).
    """
    with database.engine.connect() as local:
        if current_revision(local) != head_revision():
            raise DatabaseStateError(
                "La base locale doit d'abord être mise à jour pour cette version : « caseworker db upgrade »."
            )
    backup = database.backup("avant-passage-serveur")
    create_database_if_missing(access)
    with access.connect(access.address.database) as connection:
        server_admin.create_group_roles(connection, roles, access.address.database)
    with access.open_engine() as engine:
        if server_admin.schema_revision(engine) is not None and not _holds_no_records(engine):
            raise DatabaseStateError(
                f"La base « {access.address.database} » du serveur n'est pas vide : la copie ne se fait que dans une "
                "base neuve. Rien n'a été copié."
            )
        # Also on a database where an earlier attempt installed the schema and its copy was rolled back.
        install_schema(engine, roles)
        copies = _copy_everything(database.engine, engine, roles, progress)
    return MigrationReport(tuple(copies), backup)


def _holds_no_records(engine: Engine) -> bool:
    """True for a database with the schema and its seeds only: no association, no household, no log."""
    with engine.connect() as connection:
        return not any(
            connection.execute(text(f"SELECT EXISTS (SELECT 1 FROM {table})")).scalar()
            for table in ("organisation", "household", "audit_event", "staff_member")
        )


def _copy_everything(
    local_engine: Engine,
    server_engine: Engine,
    roles: ServerRoles,
    progress: Callable[[str, int, int], None] | None,
) -> list[TableCopy]:
    tables = tables_in_order()
    copies: list[TableCopy] = []
    with local_engine.connect() as local, server_engine.begin() as server:
        server.exec_driver_sql(f'SET LOCAL ROLE "{roles.owner}"')
        server.exec_driver_sql("SET LOCAL statement_timeout = 0")
        # The server waits while the store's big tables are read and checksummed: not an abandoned transaction.
        server.exec_driver_sql("SET LOCAL idle_in_transaction_session_timeout = 0")
        # The seeds the migrations wrote on the server give way to the store's own rows (renamed labels, added
        # measures): the store holds the association's reference data. The logs are still empty there.
        for table in reversed(tables):
            if table.name not in server_admin.APPEND_ONLY_TABLES:
                server.execute(table.delete())
        for index, table in enumerate(tables, start=1):
            if progress is not None:
                progress(table.name, index, len(tables))
            # A derived table is the server's triggers' to fill as the rows it derives from are copied; the
            # comparison below checks that they agree with the store.
            if table.name not in server_admin.DERIVED_TABLES:
                _copy_table(local, server, table)
        _continue_sequences(server, tables)
        for table in tables:
            local_rows, local_sum = table_checksum(local, table)
            server_rows, server_sum = table_checksum(server, table)
            copies.append(TableCopy(table.name, local_rows, server_rows, local_sum, server_sum))
        different = [copy.table for copy in copies if not copy.identical]
        if different:
            raise DatabaseStateError(
                "La copie diffère de la base locale pour : " + ", ".join(different) + ". Aucune ligne n'a été "
                "gardée sur le serveur (seul le schéma y est installé : la copie peut être relancée) ; la base locale "
                "n'a pas changé."
            )
    return copies


def _copy_table(local: Connection, server: Connection, table: Table) -> None:
    batch: list[dict[str, Any]] = []
    for row in local.execute(select(table)).mappings().yield_per(BATCH_ROWS):
        batch.append(dict(row))
        if len(batch) == BATCH_ROWS:
            server.execute(table.insert(), batch)
            batch = []
    if batch:
        server.execute(table.insert(), batch)


def _continue_sequences(server: Connection, tables: Iterable[Table]) -> None:
    """Each id sequence continues after the highest id copied (ids were written as they were)."""
    for table in tables:
        if "id" not in table.columns or not table.c.id.primary_key:
            continue
        highest = server.execute(select(func.max(table.c.id))).scalar()
        if highest is not None:
            server.execute(text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v)"), {"t": table.name, "v": highest})


def give_first_login(
    access: MaintenanceAccess, roles: ServerRoles, staff_id: int, login: str, *, clock: Clock | None = None
) -> EnrolmentCode:
    """After the copy: the store's user becomes the server's first login; the server has no "current user"."""
    clock = clock or SystemClock()
    with access.open_engine() as engine:
        services = build_services(engine, clock)
        services.setup.forget_current_user()
        staff = services.directory.get_staff(staff_id)
        return give_login(access, roles, engine, staff, server_admin.check_login_name(login), clock)


def describe(report: MigrationReport) -> Sequence[str]:
    """The report as lines of French text, one per table that holds rows."""
    lines = [
        f"{copy.table} : {copy.server_rows} ligne(s), empreinte {copy.server_checksum[:16]} "
        + ("identique" if copy.identical else "DIFFÉRENTE")
        for copy in report.tables
        if copy.local_rows or copy.server_rows
    ]
    lines.append(f"{report.rows} lignes copiées ; sauvegarde chiffrée de la base locale : {report.backup}")
    return lines
