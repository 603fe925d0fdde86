"""A laptop's session on the team's server: connect as the person, check the schema, build the services.

Run it off the GUI thread: connecting may wait up to the connection timeout when the network is down.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from caseworker.errors import DatabaseStateError
from caseworker.services import Services, build_services
from caseworker.services.context import Clock
from caseworker.storage import server_admin
from caseworker.storage.server import ServerLogin, make_server_engine
from caseworker.team.admin import describe_connection_failure
from caseworker.team.membership import TeamConfig


@dataclass
class TeamSession:
    """An open session: the engine (the caller disposes of it) and the services acting as the person."""

    config: TeamConfig
    engine: Engine
    services: Services

    def dispose(self) -> None:
        """Close every connection to the server."""
        self.engine.dispose()


def open_team_session(config: TeamConfig, password: str, clock: Clock | None = None) -> TeamSession:
    """Connect as the person and return their session.

    Raises:
        DatabaseStateError: in French — server unreachable, certificate not the association's, password refused,
            login disabled, schema of another version, or a login that names nobody on the server.
    """
    engine = make_server_engine(config.address, ServerLogin(config.login, password), config.ca_file)
    try:
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except DBAPIError as exc:
            cause = exc.orig if isinstance(exc.orig, psycopg.Error) else exc
            raise DatabaseStateError(describe_connection_failure(cause, config.address)) from None
        server_admin.require_current_schema(engine)
        services = build_services(engine, clock)
        if services.context.actor.staff_member_id is None:
            raise DatabaseStateError(
                f"L'identifiant « {config.login} » n'est relié à aucune personne de l'équipe sur le serveur : voyez "
                "avec la personne qui l'administre."
            )
    except BaseException:
        engine.dispose()
        raise
    return TeamSession(config, engine, services)


def check_password(config: TeamConfig, password: str) -> None:
    """Check that ``password`` still opens a session of the person on the server (unlocking the window).

    A connection of its own, closed at once: the open session's engine is not touched. Run it off the GUI thread.

    Raises:
        DatabaseStateError: in French — password refused, login disabled, server unreachable…
    """
    engine = make_server_engine(config.address, ServerLogin(config.login, password), config.ca_file)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except DBAPIError as exc:
        cause = exc.orig if isinstance(exc.orig, psycopg.Error) else exc
        raise DatabaseStateError(describe_connection_failure(cause, config.address)) from None
    finally:
        engine.dispose()
