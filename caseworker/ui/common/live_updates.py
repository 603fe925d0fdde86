"""Team mode: colleagues' changes reach the open views (docs/domain.md §9.2).

The listener (``caseworker.team.live``, wired by the composition root) runs on a thread of its own; it hands each
report to :meth:`LiveUpdates.deliver`, which may be called from any thread. The reports cross to the GUI thread
through a queued connection to this object (which lives there), and come out as :attr:`LiveUpdates.changes_arrived`,
which the main window routes to the views shown: each re-reads only what the report concerns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

ALERT_TABLES = frozenset({"alert", "alert_step", "alert_action"})
"""What the alert inbox and a household's alerts tab show."""
TASK_TABLES = frozenset({"task"})
"""What « Mes tâches » shows."""
BOARD_REFRESH_MS = 1500
"""The board, shown, is read again this long after a colleague's change (the changes meanwhile with it)."""
HOLD_POLL_MS = 20
"""While a report is held (the window waits for the server), how often to look whether the wait is over."""

LIST_ROW_TABLES = frozenset({"household", "household_membership", "occupancy", "team_membership"})
"""What a row of the household list shows (its name, composition, housing), and which rows it has (a change of a
household's team may add it to the list or take it out, docs/domain.md §2)."""


@dataclass(frozen=True)
class LiveChanges:
    """What colleagues changed: tables and households (ids only). ``resync``: anything may have changed."""

    tables: frozenset[str] = field(default_factory=frozenset)
    household_ids: frozenset[int] = field(default_factory=frozenset)
    resync: bool = False

    def touches(self, tables: Iterable[str]) -> bool:
        """True when one of ``tables`` changed (or anything may have)."""
        return self.resync or not self.tables.isdisjoint(tables)

    def merged(self, later: LiveChanges) -> LiveChanges:
        """This report and a later one, as one."""
        return LiveChanges(
            self.tables | later.tables, self.household_ids | later.household_ids, self.resync or later.resync
        )

    def concerns(self, household_id: int) -> bool:
        """True when this household changed (or anything may have)."""
        return self.resync or household_id in self.household_ids


class LiveUpdates(QObject):
    """The bridge from the listener's thread to the GUI thread. Create it on the GUI thread.

    Signals:
        changes_arrived(LiveChanges): colleagues changed something (emitted on the GUI thread).
        connection_changed(bool): the live link to the server is up (True) or lost, being retried (False).
    """

    changes_arrived = Signal(object)
    connection_changed = Signal(bool)
    _delivered = Signal(object)
    _connection_delivered = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, is_waiting: Callable[[], bool] = lambda: False) -> None:
        """Bridge reports to the GUI thread; ``is_waiting``: the window waits for the server's answer to a call.

        While it waits, reports are held, merged, and handed on once the answer is in (a view refreshed in the middle
        of its own save would act on a state the save is about to change).
        """
        super().__init__(parent)
        self._is_waiting = is_waiting
        self._held: LiveChanges | None = None
        self._release = QTimer(self)
        self._release.setInterval(HOLD_POLL_MS)
        self._release.timeout.connect(self._release_held)
        # Queued: the slot runs on this object's thread (the GUI's), whichever thread emits.
        self._delivered.connect(self._arrive, Qt.ConnectionType.QueuedConnection)
        self._connection_delivered.connect(self._connection, Qt.ConnectionType.QueuedConnection)

    def deliver(self, tables: Iterable[str], household_ids: Iterable[int], *, resync: bool = False) -> None:
        """Hand over a report (from any thread)."""
        self._delivered.emit(LiveChanges(frozenset(tables), frozenset(household_ids), resync))

    def deliver_connection(self, connected: bool) -> None:
        """Say whether the listener is connected (from any thread)."""
        self._connection_delivered.emit(connected)

    @Slot(object)
    def _arrive(self, changes: LiveChanges) -> None:
        if self._is_waiting() or self._held is not None:
            self._held = changes if self._held is None else self._held.merged(changes)
            if not self._release.isActive():  # (restarted at each report, a steady stream would never be let out)
                self._release.start()
            return
        self.changes_arrived.emit(changes)

    def _release_held(self) -> None:
        if self._is_waiting() or self._held is None:
            return
        self._release.stop()
        held, self._held = self._held, None
        self.changes_arrived.emit(held)

    @Slot(bool)
    def _connection(self, connected: bool) -> None:
        self.connection_changed.emit(connected)
