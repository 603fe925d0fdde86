"""A team server that drops the connection in the middle of a save (issue 13, item 7; docs/domain.md §9.2).

Only the server can drop: these tests run on the PostgreSQL backend alone. The server ends the session the way a
cut network or a restarted server would (``pg_terminate_backend``) between two statements of one save.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import psycopg
import pytest
from sqlalchemy import event

from caseworker.domain import NoteClass
from caseworker.errors import ServerUnavailableError
from caseworker.services import Services
from caseworker.services.support import ContactInput
from tests.services.builders import new_household, row_count


@pytest.fixture
def backend() -> str:
    return "postgresql"


def visit(note: str) -> ContactInput:
    return ContactInput(
        occurred_at=datetime(2026, 6, 10, 9, tzinfo=ZoneInfo("Europe/Paris")),
        type_code="visite_domicile",
        outcome_code="rencontre",
        note=note,
        note_class=NoteClass.EQUIPE,
    )


def drop_before(services: Services, admin: psycopg.Connection, table: str) -> Callable[[], None]:
    """End the session as the server would, just before the save's first INSERT into ``table``; return the undo."""
    dropped: list[int] = []

    def drop(connection, _cursor, statement: str, *_args: object) -> None:  # type: ignore[no-untyped-def]
        if not dropped and statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()} "):
            pid = connection.connection.dbapi_connection.info.backend_pid
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            dropped.append(pid)

    event.listen(services.context.engine, "before_cursor_execute", drop)
    return lambda: event.remove(services.context.engine, "before_cursor_execute", drop)


def test_a_connection_lost_during_a_save_writes_nothing_and_the_next_save_reconnects(
    services: Services, postgres_database: psycopg.Connection
) -> None:
    household_id = new_household(services).id
    before = row_count(services, "contact")
    undo = drop_before(services, postgres_database, "contact_note")  # the contact is written, its note not yet
    try:
        with pytest.raises(ServerUnavailableError, match="connexion au serveur de l'équipe a été perdue"):
            services.contacts.record_contact(household_id, visit("Visite : logement bien tenu"))
    finally:
        undo()
    assert row_count(services, "contact") == before  # nothing half-written: no contact without its note
    saved = services.contacts.record_contact(household_id, visit("Visite : logement bien tenu"))  # reconnected
    assert [view.id for view in services.contacts.contacts_for(household_id)] == [saved.id]


def test_a_server_that_does_not_answer_in_time_is_said_and_nothing_is_saved(
    services: Services, postgres_database: psycopg.Connection
) -> None:
    household_id = new_household(services).id
    before = row_count(services, "contact")

    def impatient(connection, _cursor, statement: str, *_args: object) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO CONTACT_NOTE "):
            connection.exec_driver_sql("SET LOCAL statement_timeout = 1")
            connection.exec_driver_sql("SELECT pg_sleep(0.2)")

    event.listen(services.context.engine, "before_cursor_execute", impatient)
    try:
        with pytest.raises(ServerUnavailableError, match="n'a pas répondu à temps"):
            services.contacts.record_contact(household_id, visit("Visite"))
    finally:
        event.remove(services.context.engine, "before_cursor_execute", impatient)
    assert row_count(services, "contact") == before


def test_an_error_of_the_laptops_own_making_is_not_a_lost_server(services: Services) -> None:
    """Errors the driver raises before anything reaches the server carry no SQLSTATE: they are not the network."""
    engine = services.context.engine

    def bad_placeholder(_connection, _cursor, statement: str, parameters, *_args: object):  # type: ignore[no-untyped-def]
        return statement + " AND %(absent)s IS NULL", parameters

    event.listen(engine, "before_cursor_execute", bad_placeholder, retval=True)
    try:
        with pytest.raises(Exception) as raised:
            services.households.summary(1)
    finally:
        event.remove(engine, "before_cursor_execute", bad_placeholder)
    assert not isinstance(raised.value, ServerUnavailableError), raised.value


def test_a_connection_lost_while_committing_says_the_save_may_have_gone_through(
    services: Services, postgres_database: psycopg.Connection
) -> None:
    """The server may have applied a COMMIT whose answer never came back: the person checks before saving again."""
    household_id = new_household(services).id
    engine = services.context.engine

    def drop_at_commit(connection, *_args: object) -> None:  # type: ignore[no-untyped-def]
        pid = connection.connection.dbapi_connection.info.backend_pid
        postgres_database.execute("SELECT pg_terminate_backend(%s)", (pid,))

    event.listen(engine, "commit", drop_at_commit)
    try:
        with pytest.raises(ServerUnavailableError, match="a peut-être abouti"):
            services.contacts.record_contact(household_id, visit("Visite"))
    finally:
        event.remove(engine, "commit", drop_at_commit)
