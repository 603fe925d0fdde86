"""What every service receives: the engine, a clock, and who is using this laptop.

Each use case opens one short-lived session and one transaction (``with ctx.transaction() as session``) and
returns plain values, never live ORM objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Protocol

import psycopg
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm import Session

from caseworker.errors import ServerUnavailableError
from caseworker.services.access_policy import role_code_of
from caseworker.services.errors import TransitionError, ValidationError
from caseworker.services.visibility import Viewer, open_session


class Clock(Protocol):
    """Source of "today" and "now" (replaced in tests)."""

    def today(self) -> date:
        """Return the local calendar date."""

    def now(self) -> datetime:
        """Return the current aware UTC time."""


class SystemClock:
    """The real clock."""

    def today(self) -> date:
        """Return the local calendar date."""
        return date.today()

    def now(self) -> datetime:
        """Return the current aware UTC time."""
        return datetime.now(timezone.utc)


@dataclass
class Actor:
    """The staff member working on this laptop; set at first run, recorded on every audit event."""

    staff_member_id: int | None = None


@dataclass
class ServiceContext:
    """Shared by every service of one open database."""

    engine: Engine
    clock: Clock = field(default_factory=SystemClock)
    actor: Actor = field(default_factory=Actor)
    _roles: dict[int, str | None] = field(default_factory=dict, repr=False, compare=False)

    @property
    def team_mode(self) -> bool:
        """True on the team's server (PostgreSQL): who is working is the session's login, not a setting."""
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session inside one transaction, committed on success and rolled back on error."""
        saving = _Saving()
        lost, refusals, text = _server_lost(saving), _server_refusals(), _text_refused()
        with lost, refusals, text, self._session(expire_on_commit=False) as session, session.begin():
            yield session
            saving.committing = True  # the work is done: what fails from here fails in the COMMIT

    @contextmanager
    def read(self) -> Iterator[Session]:
        """Yield a session for reading (a transaction too, for a consistent snapshot)."""
        with _server_lost(), _text_refused(), self._session() as session, session.begin():
            yield session

    def _session(self, **options: object) -> Session:
        """A session that sees only the households the person working may see (:mod:`.visibility`)."""
        return open_session(self._viewer, bind=self.engine, **options)

    def _viewer(self, session: Session) -> Viewer:
        """Who reads, with their role (read once per person: a role changes rarely, see :meth:`forget_roles`)."""
        staff_id = self.actor.staff_member_id
        if staff_id is not None and staff_id not in self._roles:
            self._roles[staff_id] = role_code_of(session, staff_id)
        return Viewer(staff_id, self._roles.get(staff_id) if staff_id is not None else None, self.clock.today())

    def forget_roles(self) -> None:
        """Read each person's role again (after a role was changed on this laptop)."""
        self._roles.clear()


INSUFFICIENT_PRIVILEGE = "42501"
# The server did not answer in time: statement timeout, lock timeout, idle transaction ended.
_TIMED_OUT = frozenset({"57014", "55P03", "25P03"})
# The server ended the session: an administrator disabled the login, the server shut down or restarted.
_ENDED_BY_SERVER = frozenset({"57P01", "57P02", "57P03"})


class _Saving:
    """Whether a transaction got as far as its COMMIT (then a lost connection may have saved it)."""

    committing = False


@contextmanager
def _server_lost(saving: _Saving | None = None) -> Iterator[None]:
    """Turn a dropped or silent team server into a French message.

    Before the COMMIT, the server rolls the transaction back: nothing was saved. During the COMMIT the answer may
    be what was lost: the save may have gone through, and the person checks before saving again. The engine
    discards the broken connection and checks the next one before use (``pool_pre_ping``), so the next attempt
    reconnects by itself once the network is back. Only the PostgreSQL driver's errors about the connection are
    concerned: an error the driver raises on the laptop (a bad parameter) stays a bug, and the local store's
    errors stay what they are.
    """
    try:
        yield
    except DBAPIError as exc:
        cause = exc.orig
        if not isinstance(cause, psycopg.Error):
            raise
        state = cause.sqlstate
        if state in _TIMED_OUT:
            raise ServerUnavailableError(
                "Le serveur de l'équipe n'a pas répondu à temps : rien n'a été enregistré. Vos saisies sont "
                "conservées ; réessayez dans un instant."
            ) from None
        connection_lost = isinstance(cause, psycopg.OperationalError) and (
            state is None or state.startswith("08") or state in _ENDED_BY_SERVER
        )
        if not (exc.connection_invalidated or connection_lost):
            raise
        if saving is not None and saving.committing:
            raise ServerUnavailableError(
                "La connexion au serveur de l'équipe a été perdue au moment d'enregistrer : l'enregistrement a "
                "peut-être abouti. Vos saisies sont conservées ; vérifiez dans le dossier avant de recommencer."
            ) from None
        raise ServerUnavailableError(
            "La connexion au serveur de l'équipe a été perdue : l'opération n'a pas abouti. Vos saisies sont "
            "conservées ; vérifiez le réseau puis réessayez (la connexion est rétablie automatiquement)."
        ) from None


@contextmanager
def _server_refusals() -> Iterator[None]:
    """Turn the team server's refusal of something beyond a person's rights into a French refusal (nothing saved).

    The services check the same rules first (docs/domain.md §5.2, §9.2); this is what a gap between the two looks
    like to the person, instead of a bug report.
    """
    try:
        yield
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        raise TransitionError(
            "Le serveur de l'équipe a refusé cette opération : elle dépasse vos droits. Rien n'a été enregistré."
        ) from None


@contextmanager
def _text_refused() -> Iterator[None]:
    """Turn a text SQLite cannot store (a lone surrogate pasted from a broken source) into a refusal.

    Typed fields refuse such text first, with their own message (``Problems.text``); this catches the rest (a
    code, a filter) wherever it reaches the database, instead of failing as a bug.
    """
    try:
        yield
    except (UnicodeEncodeError, StatementError) as exc:
        cause = exc.orig if isinstance(exc, StatementError) else exc
        if not isinstance(cause, UnicodeEncodeError):
            raise
        raise ValidationError({"text": "Le texte contient des caractères invalides."}) from None
