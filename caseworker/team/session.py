"""A laptop's session on the team's server: connect as the person, check the schema, build the services.

Run it off the GUI thread: connecting may wait up to the connection timeout when the network is down.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg
from sqlalchemy import Engine, event, text
from sqlalchemy.exc import DBAPIError

from caseworker.errors import DatabaseStateError
from caseworker.services import Services, build_services
from caseworker.services.context import Clock
from caseworker.storage import server_admin
from caseworker.storage.server import ServerLogin, make_server_engine
from caseworker.team.access_rules import require_current_rules
from caseworker.team.admin import connection_failure_kind, describe_connection_failure
from caseworker.team.live import ChangeListener, ListenerState, ServerChanges, server_connector
from caseworker.team.membership import TeamConfig

log = logging.getLogger(__name__)


class ServerUnreachableError(DatabaseStateError):
    """The server did not answer: nothing was said about the password."""


@dataclass
class TeamSession:
    """An open session: the engine (the caller disposes of it) and the services acting as the person."""

    config: TeamConfig
    engine: Engine
    services: Services
    login: ServerLogin
    own_backends: set[int] = field(default_factory=set)
    """The server processes of this laptop's own connections (their notices are this laptop's own saves)."""

    def change_listener(
        self, on_changes: Callable[[ServerChanges], None], on_state: Callable[[ListenerState], None] | None = None
    ) -> ChangeListener:
        """A listener (not started) for colleagues' changes, on a connection of its own as the same person."""
        connect = server_connector(self.config.address, self.login, self.config.ca_file)
        return ChangeListener(connect, on_changes, on_state, ignored_backends=self.own_backends)

    def check_password(self, password: str) -> None:
        """Check ``password`` for unlocking the window: with the server, or, when it cannot be reached, locally.

        The server decides whenever it answers (a changed password, a login disabled meanwhile). When the network
        is down, the password must be the one this session logged in with (compared in constant time), so that
        the person is not locked out of what is already open. Run it off the GUI thread.

        Raises:
            DatabaseStateError: in French — password refused, login disabled; unreachable server and another
                password.
        """
        try:
            check_password(self.config, password)
        except ServerUnreachableError:
            if not hmac.compare_digest(password.encode(), self.login.password.encode()):
                raise
            log.info("unlock checked locally: the team server cannot be reached")

    def dispose(self) -> None:
        """Close every connection to the server."""
        self.engine.dispose()


def open_team_session(config: TeamConfig, password: str, clock: Clock | None = None) -> TeamSession:
    """Connect as the person and return their session.

    Raises:
        DatabaseStateError: in French — server unreachable, certificate not the association's, password refused,
            login disabled, schema of another version, or a login that names nobody on the server.
    """
    login = ServerLogin(config.login, password)
    engine = make_server_engine(config.address, login, config.ca_file)
    own_backends = follow_own_backends(engine)
    try:
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except DBAPIError as exc:
            cause = exc.orig if isinstance(exc.orig, psycopg.Error) else exc
            # The laptop's log keeps failed log-ins (the server logs them too, with the login): why, never who.
            log.warning("team log-in failed: %s", connection_failure_kind(cause))
            raise DatabaseStateError(describe_connection_failure(cause, config.address)) from None
        server_admin.require_current_schema(engine)
        require_current_rules(engine)
        services = build_services(engine, clock)
        if services.context.actor.staff_member_id is None:
            log.warning("team log-in failed: the login names nobody on the server")
            raise DatabaseStateError(
                f"L'identifiant « {config.login} » n'est relié à aucune personne de l'équipe sur le serveur : voyez "
                "avec la personne qui l'administre."
            )
    except BaseException:
        engine.dispose()
        raise
    return TeamSession(config, engine, services, login, own_backends)


def follow_own_backends(engine: Engine) -> set[int]:
    """Keep the set of server processes behind ``engine``'s open connections up to date, and return it."""
    backends: set[int] = set()

    def opened(dbapi_connection: Any, _record: Any) -> None:
        backends.add(dbapi_connection.info.backend_pid)

    def closed(dbapi_connection: Any, _record: Any) -> None:
        backends.discard(dbapi_connection.info.backend_pid)

    event.listen(engine, "connect", opened)
    event.listen(engine, "close", closed)
    return backends


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
        message = describe_connection_failure(cause, config.address)
        if _unreachable(cause):
            raise ServerUnreachableError(message) from None
        raise DatabaseStateError(message) from None
    finally:
        engine.dispose()


def _unreachable(cause: BaseException) -> bool:
    """No answer from the server (network down, nothing listening, timeout), as opposed to a refusal it gave."""
    if isinstance(cause, psycopg.Error) and cause.sqlstate is not None:
        return False  # the server answered (password, rights, database…)
    return connection_failure_kind(cause) in ("unreachable", "timeout")
