"""Live updates: a colleague's alert reaches another laptop's listener within 2 s, the notices carry ids only, a
dropped connection comes back by itself, and stopping never hangs (docs/domain.md §9.2)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import psycopg
import pytest

from caseworker.storage.server import ServerAddress, connection_arguments
from caseworker.storage.server_changes import CHANNEL, NOTIFIED_TABLES, parse_notice
from caseworker.team.live import ChangeListener, ListenerState, ServerChanges, server_connector
from caseworker.team.session import follow_own_backends
from tests.conftest import POSTGRES_DATABASE, POSTGRES_NOBODY
from tests.support.postgres import PostgresCluster
from tests.team.office import Office

LISTENER_LOGIN = POSTGRES_NOBODY  # any member login may listen: the notices carry nothing secret


class Received:
    """What a listener reported, with the states it went through (filled from the listener's thread)."""

    def __init__(self) -> None:
        self.changes: list[ServerChanges] = []
        self.states: list[ListenerState] = []
        self.arrived = threading.Event()

    def on_changes(self, changes: ServerChanges) -> None:
        self.changes.append(changes)
        self.arrived.set()

    def wait_for(self, predicate, timeout: float = 2.0) -> bool:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(predicate(changes) for changes in list(self.changes)):
                return True
            time.sleep(0.02)
        return False


def listener_arguments(cluster: PostgresCluster) -> dict[str, object]:
    address = ServerAddress("127.0.0.1", cluster.port, POSTGRES_DATABASE)
    return connection_arguments(address, LISTENER_LOGIN, cluster.ca_file, application_name="caseworker-live")


@pytest.fixture
def listening(postgres_server: PostgresCluster, office: Office) -> Iterator[tuple[ChangeListener, Received]]:
    received = Received()
    address = ServerAddress("127.0.0.1", postgres_server.port, POSTGRES_DATABASE)
    listener = ChangeListener(
        server_connector(address, LISTENER_LOGIN, postgres_server.ca_file),
        received.on_changes,
        received.states.append,
        retry_seconds=(0.1, 0.2),
    )
    listener.start()
    assert listener.wait_listening(5)
    yield listener, received
    assert listener.stop()


def test_a_colleagues_alert_reaches_the_listener_within_two_seconds(
    listening: tuple[ChangeListener, Received], office: Office
) -> None:
    _listener, received = listening
    started = time.monotonic()
    alert_id = office.record_alert()
    assert received.wait_for(lambda changes: "alert" in changes.tables), received.changes
    assert time.monotonic() - started < 2
    # One report for the save (the alert and its first step arrive together), naming its household.
    first = next(changes for changes in received.changes if "alert" in changes.tables)
    assert {"alert", "alert_step"} <= first.tables
    assert first.household_ids == {office.household_id}
    assert not first.resync
    assert alert_id > 0


def test_the_notices_carry_table_row_and_household_only(postgres_server: PostgresCluster, office: Office) -> None:
    with psycopg.connect(**listener_arguments(postgres_server), autocommit=True) as connection:  # type: ignore[arg-type]
        connection.execute(f"LISTEN {CHANNEL}")
        alert_id = office.record_alert()
        payloads = [notify.payload for notify in connection.notifies(timeout=1.0)]
    assert payloads
    for payload in payloads:
        assert set(json.loads(payload)) == {"table", "id", "household"}
        for word in ("Çelik", "Hélène", "Martin", "Habitat", "loyer", "825"):
            assert word not in payload
    notices = [parse_notice(payload) for payload in payloads]
    assert any(
        n is not None and (n.table, n.row_id, n.household_id) == ("alert", alert_id, office.household_id)
        for n in notices
    )
    assert {n.table for n in notices if n is not None} <= set(NOTIFIED_TABLES)


def test_a_dropped_connection_comes_back_and_says_anything_may_have_changed(
    listening: tuple[ChangeListener, Received], postgres_database: psycopg.Connection, office: Office
) -> None:
    listener, received = listening
    ended = postgres_database.execute(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE application_name = 'caseworker-live' AND usename = %s",
        (LISTENER_LOGIN.user,),
    ).fetchone()
    assert ended == (1,)
    assert received.wait_for(lambda changes: changes.resync, timeout=5), received.states
    assert ListenerState.DISCONNECTED in received.states
    assert listener.state is ListenerState.LISTENING
    office.record_alert()
    assert received.wait_for(lambda changes: "alert" in changes.tables)


def test_stopping_is_prompt_and_closes_the_connection(
    postgres_server: PostgresCluster, postgres_database: psycopg.Connection, office: Office
) -> None:
    received = Received()
    address = ServerAddress("127.0.0.1", postgres_server.port, POSTGRES_DATABASE)
    listener = ChangeListener(
        server_connector(address, LISTENER_LOGIN, postgres_server.ca_file), received.on_changes, received.states.append
    )
    listener.start()
    assert listener.wait_listening(5)
    started = time.monotonic()
    assert listener.stop()
    assert time.monotonic() - started < 1
    assert listener.state is ListenerState.STOPPED
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        left = postgres_database.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'caseworker-live'"
        ).fetchone()
        if left == (0,):
            break
        time.sleep(0.05)
    assert left == (0,)


def test_an_unreachable_server_is_retried_quietly_and_stopping_still_prompt() -> None:
    attempts: list[float] = []

    def refuse() -> psycopg.Connection:
        attempts.append(time.monotonic())
        raise psycopg.OperationalError("connection refused")

    received = Received()
    listener = ChangeListener(refuse, received.on_changes, received.states.append, retry_seconds=(0.05, 0.1))
    listener.start()
    deadline = time.monotonic() + 2
    while len(attempts) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(attempts) >= 3
    assert listener.state is ListenerState.DISCONNECTED
    assert listener.stop()
    assert received.changes == []
    assert received.states[-1] is ListenerState.STOPPED


def test_this_laptops_own_saves_are_not_reported_back(postgres_server: PostgresCluster, office: Office) -> None:
    """The views that saved have re-read already; a colleague's save, on another connection, still comes."""
    engine = office.services.context.engine
    own = follow_own_backends(engine)
    engine.dispose()  # from now on every connection of this laptop's engine is known
    received = Received()
    address = ServerAddress("127.0.0.1", postgres_server.port, POSTGRES_DATABASE)
    listener = ChangeListener(
        server_connector(address, LISTENER_LOGIN, postgres_server.ca_file),
        received.on_changes,
        ignored_backends=own,
    )
    listener.start()
    try:
        assert listener.wait_listening(5)
        office.record_alert()
        assert own
        assert not received.wait_for(lambda changes: True, timeout=1.0)
        with psycopg.connect(**listener_arguments(postgres_server), autocommit=True) as other:  # type: ignore[arg-type]
            other.execute("SELECT pg_notify(%s, %s)", (CHANNEL, '{"table": "alert", "id": 1, "household": 2}'))
        assert received.wait_for(lambda changes: changes.tables == {"alert"} and changes.household_ids == {2})
    finally:
        assert listener.stop()
