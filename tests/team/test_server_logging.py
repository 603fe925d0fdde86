"""Failed log-ins in team mode: the client cannot write them to the database, so the server's own log keeps them;
``server check`` and ``server init`` say whether it does (docs/domain.md §9.2)."""

from __future__ import annotations

import time

import psycopg
import pytest

from caseworker.storage.server import ServerAddress, ServerLogin, connection_arguments
from caseworker.team.admin import logging_items
from tests.conftest import POSTGRES_DATABASE, POSTGRES_PERSON
from tests.support.postgres import PostgresCluster


def test_a_refused_password_is_in_the_servers_log_and_check_says_it_is(
    postgres_server: PostgresCluster, postgres_database: psycopg.Connection
) -> None:
    address = ServerAddress("127.0.0.1", postgres_server.port, POSTGRES_DATABASE)
    wrong = ServerLogin(POSTGRES_PERSON.user, "pas le bon mot de passe")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(**connection_arguments(address, wrong, postgres_server.ca_file))
    expected = f'FATAL:  password authentication failed for user "{POSTGRES_PERSON.user}"'
    log_file = postgres_server.directory / "log"
    deadline = time.monotonic() + 5
    while expected not in log_file.read_text(encoding="utf-8", errors="replace") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert expected in log_file.read_text(encoding="utf-8", errors="replace")
    items = logging_items(postgres_database)
    assert [(item.label, item.ok) for item in items] == [
        ("Échecs de connexion consignés dans le journal du serveur", True),
        ("Connexions consignées dans le journal du serveur", True),
    ]


def test_check_says_when_connections_are_not_logged(postgres_server: PostgresCluster) -> None:
    arguments = postgres_server.conninfo(POSTGRES_DATABASE)
    # log_connections may be set by a superuser when a session starts: enough to see what check says.
    with psycopg.connect(**arguments, options="-c log_connections=off", autocommit=True) as connection:
        failures, connections = logging_items(connection)
    assert failures.ok
    assert not connections.ok
    assert "ALTER SYSTEM SET log_connections = on" in connections.detail
