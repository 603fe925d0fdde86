"""Team mode: live updates. A background thread listens to the server's change notices and reports them in bursts.

The server sends a notice for each row a colleague (or this laptop) writes in a table an open view shows
(:mod:`caseworker.storage.server_changes`). :class:`ChangeListener` holds its own connection to the server (the same
verified TLS and SCRAM login as the engine), listens (``LISTEN``), gathers the notices that arrive together (a save
writes several rows) and calls back once with a :class:`ServerChanges`: which tables, which households. When the
network drops it says so (:class:`ListenerState`), tries again with a growing delay, and once back reports that
anything may have changed meanwhile (``resync``). Nothing here raises to the caller; :meth:`ChangeListener.stop`
returns within a second.

The callbacks run on the listener's thread: a GUI hands them to its own thread (``ui/common/live_updates.py``).
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from caseworker.storage.server import ServerAddress, ServerLogin, connection_arguments
from caseworker.storage.server_changes import CHANNEL, ChangeNotice, parse_notice

log = logging.getLogger(__name__)

POLL_SECONDS = 0.25
"""How long one wait for notices lasts: also the longest a stop waits for the thread."""
GATHER_SECONDS = 0.2
"""After a first notice, how long others are gathered into the same report (a save writes several rows)."""
RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0, 30.0)
"""The delays between attempts to reconnect (the last one repeats)."""
STOP_SECONDS = 1.0


class ListenerState(enum.Enum):
    """Where the listener is, for a hint in the status bar."""

    CONNECTING = "connecting"
    LISTENING = "listening"
    DISCONNECTED = "disconnected"
    STOPPED = "stopped"


@dataclass(frozen=True)
class ServerChanges:
    """What changed on the server since the last report (ids only: the notices carry nothing else).

    ``resync``: the connection was lost for a while, so anything may have changed (views shown re-read).
    """

    tables: frozenset[str] = field(default_factory=frozenset)
    household_ids: frozenset[int] = field(default_factory=frozenset)
    resync: bool = False

    @classmethod
    def of(cls, notices: list[ChangeNotice]) -> ServerChanges:
        """Gather notices into one report."""
        return cls(
            frozenset(notice.table for notice in notices),
            frozenset(notice.household_id for notice in notices if notice.household_id is not None),
        )


Connect = Callable[[], psycopg.Connection]


class ChangeListener:
    """Listens to the server's change notices on a thread of its own (a daemon: it never keeps the program alive).

    ``connect`` opens a new autocommit connection (called again after each loss); ``on_changes`` and ``on_state``
    are called on the listener's thread. Notices sent by the server processes in ``ignored_backends`` (this
    laptop's own connections, read at each notice) are not reported: the views that saved have re-read already.
    """

    def __init__(
        self,
        connect: Connect,
        on_changes: Callable[[ServerChanges], None],
        on_state: Callable[[ListenerState], None] | None = None,
        *,
        retry_seconds: tuple[float, ...] = RETRY_SECONDS,
        ignored_backends: Collection[int] = (),
    ) -> None:
        self._connect = connect
        self._ignored_backends = ignored_backends
        self._on_changes = on_changes
        self._on_state = on_state
        self._retry_seconds = retry_seconds
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="caseworker-live", daemon=True)
        self._state = ListenerState.CONNECTING
        self._listening = threading.Event()

    @property
    def state(self) -> ListenerState:
        """Where the listener is now."""
        return self._state

    def start(self) -> None:
        """Start listening (returns at once: connecting happens on the thread)."""
        self._thread.start()

    def wait_listening(self, timeout: float) -> bool:
        """Wait until the listener is connected and listening (tests, and a caller that must not miss a change)."""
        return self._listening.wait(timeout)

    def stop(self, timeout: float = STOP_SECONDS) -> bool:
        """Stop listening and close the connection; True if the thread ended within ``timeout``.

        A thread still connecting (up to the connection timeout) is left to end by itself: it is a daemon and
        closes what it opened as soon as the connection attempt returns.
        """
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    # the thread ---------------------------------------------------------------------------------------------

    def _run(self) -> None:
        failures = 0
        lost = False
        try:
            while not self._stopping.is_set():
                try:
                    connection = self._connect()
                except psycopg.Error as exc:
                    log.info("live updates: cannot connect (%s)", type(exc).__name__)
                else:
                    try:
                        with connection:
                            connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(CHANNEL)))
                            failures = 0
                            self._set_state(ListenerState.LISTENING)
                            self._listening.set()
                            if lost:
                                self._report(ServerChanges(resync=True))
                            self._listen(connection)
                    except psycopg.Error as exc:
                        log.info("live updates: connection lost (%s)", type(exc).__name__)
                    finally:
                        self._listening.clear()
                if self._stopping.is_set():
                    break
                lost = True
                self._set_state(ListenerState.DISCONNECTED)
                delay = self._retry_seconds[min(failures, len(self._retry_seconds) - 1)]
                failures += 1
                self._stopping.wait(delay)
        except Exception:  # a bug here must not take the program down, nor end in silence
            log.exception("live updates: the listener stopped on an error")
        finally:
            self._set_state(ListenerState.STOPPED)

    def _listen(self, connection: psycopg.Connection) -> None:
        """Wait for notices until asked to stop; each burst is reported once."""
        while not self._stopping.is_set():
            notices = self._receive(connection, POLL_SECONDS)
            if not notices:
                continue
            deadline = time.monotonic() + GATHER_SECONDS
            while (left := deadline - time.monotonic()) > 0 and not self._stopping.is_set():
                notices += self._receive(connection, left)
            self._report(ServerChanges.of(notices))

    def _receive(self, connection: psycopg.Connection, timeout: float) -> list[ChangeNotice]:
        received = []
        for notify in connection.notifies(timeout=timeout):
            if notify.channel != CHANNEL or notify.pid in self._ignored_backends:
                continue
            notice = parse_notice(notify.payload)
            if notice is not None:
                received.append(notice)
        return received

    def _report(self, changes: ServerChanges) -> None:
        if self._stopping.is_set():
            return
        try:
            self._on_changes(changes)
        except Exception:
            log.exception("live updates: the receiver failed")

    def _set_state(self, state: ListenerState) -> None:
        if state is self._state:
            return
        self._state = state
        if self._on_state is not None:
            try:
                self._on_state(state)
            except Exception:
                log.exception("live updates: the state receiver failed")


def server_connector(address: ServerAddress, login: ServerLogin, ca_file: Path) -> Connect:
    """Connections as the person, with the engine's own TLS, SCRAM and timeout settings."""
    arguments = connection_arguments(address, login, ca_file, application_name="caseworker-live")

    def connect() -> psycopg.Connection:
        return psycopg.connect(**arguments, autocommit=True)

    return connect
