"""The collective sessions (ateliers) of a period: recorded, corrected, deleted (docs/domain.md §14.5, F29).

Each row gives the session's whole attendance: the named attendees of every household — of which the reader sees
those of the households they follow (« 8 dont 5 que vous voyez ») — and the people who came without being named.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from caseworker.errors import KnownError
from caseworker.formats import format_date
from caseworker.services.encounters.sessions import SessionSummary
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.messages import ask_yes_no, show_error
from caseworker.ui.common.record_table_model import RECORD_ROLE, Column, RecordTableModel
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.encounters.session_dialog import SessionDialog, SessionsDeps

translate = QCoreApplication.translate


def named_text(summary: SessionSummary) -> str:
    """The named attendees: « 8 », or « 8 (dont 5 que vous voyez) » when some households are not the reader's."""
    if not summary.hidden:
        return str(summary.named_total)
    return translate("SessionsTableModel", "{total} ({seen} you see)").format(
        total=summary.named_total, seen=summary.named_seen
    )


class SessionsTableModel(RecordTableModel[SessionSummary]):
    """One row per session: date, theme, title, run by, named attendees, not named, total."""

    def __init__(self, parent: Any = None) -> None:
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        super().__init__(
            [
                Column(
                    translate("SessionsTableModel", "Date"),
                    lambda s: format_date(s.held_on),
                    sort_key=lambda s: (s.held_on, s.id),
                ),
                Column(translate("SessionsTableModel", "Theme"), lambda s: s.theme_label),
                Column(translate("SessionsTableModel", "Title"), lambda s: s.title, tooltip=lambda s: s.place),
                Column(
                    translate("SessionsTableModel", "Run by"),
                    lambda s: ", ".join(item.name for item in s.facilitators),
                    tooltip=lambda s: "\n".join(item.name for item in s.facilitators),
                ),
                Column(
                    translate("SessionsTableModel", "Named"),
                    named_text,
                    sort_key=lambda s: s.named_total,
                    alignment=right,
                    tooltip=lambda s: (
                        translate("SessionsTableModel", "%n attendee(s) of households you do not follow", "", s.hidden)
                        if s.hidden
                        else ""
                    ),
                ),
                Column(
                    translate("SessionsTableModel", "Not named"),
                    lambda s: str(s.anonymous_count),
                    sort_key=lambda s: s.anonymous_count,
                    alignment=right,
                ),
                Column(
                    translate("SessionsTableModel", "Total"),
                    lambda s: str(s.total),
                    sort_key=lambda s: s.total,
                    alignment=right,
                ),
            ],
            parent,
        )


class SessionsPage(QWidget):
    """The sessions of a period, newest first, with New (Ctrl+N), Open (Enter) and Delete (the Delete key)."""

    PERIODS = ("last_3_months", "last_12_months", "this_year", "last_year", "all")

    def __init__(self, deps: SessionsDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deps = deps
        title = QLabel(self.tr("Collective sessions"))
        title.setObjectName("pageTitle")
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("sessions_period_combo")
        labels = {
            "last_3_months": self.tr("Last 3 months"),
            "last_12_months": self.tr("Last 12 months"),
            "this_year": self.tr("This year"),
            "last_year": self.tr("Last year"),
            "all": self.tr("All sessions"),
        }
        for code in self.PERIODS:
            self.period_combo.addItem(labels[code], code)
        period_label = QLabel(self.tr("&Period:"))
        period_label.setBuddy(self.period_combo)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.new_button = QPushButton(self.tr("&New session… (Ctrl+N)"))
        self.new_button.setObjectName("new_session_button")
        self.open_button = QPushButton(self.tr("&Open (Enter)"))
        self.open_button.setObjectName("open_session_button")
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_button.setObjectName("delete_session_button")
        self.model = SessionsTableModel(self)
        self.table: QTableView = record_table(self.model, "sessionsTable", sortable=True)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("sessions_summary")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(period_label)
        top.addWidget(self.period_combo)
        top.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        self.period_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.new_button.clicked.connect(self.new_session)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.activated.connect(lambda _index: self.open_selected())  # Enter or a double click
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.table.installEventFilter(self)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.new_session)
        self._update_buttons()

    def period(self) -> tuple[date, date]:
        """The first and last days of the period chosen."""
        today = self.deps.today()
        code = self.period_combo.currentData()
        if code == "last_12_months":
            return today - timedelta(days=365), today
        if code == "this_year":
            return date(today.year, 1, 1), today
        if code == "last_year":
            return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
        if code == "all":
            return date.min, today
        return today - timedelta(days=92), today

    def refresh(self) -> None:
        """Read the sessions of the period again."""
        selected = self.selected()
        start, end = self.period()
        try:
            rows = self.deps.sessions.sessions_between(start, end)
        except KnownError as exc:
            show_error(self, exc)
            return
        self.model.set_records(rows)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.resizeColumnsToContents()
        attendance = sum(row.total for row in rows)
        self.summary_label.setText(
            self.tr("%n session(s)", "", len(rows)) + " · " + self.tr("%n attendance(s)", "", attendance)
        )
        if selected is not None:
            self.select_session(selected.id)
        self._update_buttons()

    def selected(self) -> SessionSummary | None:
        """Return the selected session, if any."""
        index = self.table.currentIndex()
        if not (index.isValid() and self.table.selectionModel().isSelected(index)):
            return None
        record = index.data(RECORD_ROLE)
        return record if isinstance(record, SessionSummary) else None

    def select_session(self, session_id: int) -> None:
        """Select a session's row (when it is shown)."""
        for row in range(self.model.rowCount()):
            record = self.model.index(row, 0).data(RECORD_ROLE)
            if isinstance(record, SessionSummary) and record.id == session_id:
                self.table.selectRow(row)
                return

    def new_session(self) -> None:
        """Record a session; it is then selected."""
        dialog = SessionDialog(self.deps, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.refresh()
            self.select_session(dialog.saved.id)
        dialog.deleteLater()

    def open_selected(self) -> None:
        """Open the selected session to correct it."""
        summary = self.selected()
        if summary is None:
            return
        try:
            session = self.deps.sessions.session(summary.id)
        except KnownError as exc:
            show_error(self, exc)
            self.refresh()
            return
        dialog = SessionDialog(self.deps, session, parent=self)
        if dialog.exec() or changed_meanwhile(dialog):
            self.refresh()
        dialog.deleteLater()

    def delete_selected(self) -> None:
        """Delete the selected session, once confirmed (only a session recorded by mistake)."""
        summary = self.selected()
        if summary is None:
            return
        question = self.tr("Delete the session « {theme} » of {date}? It leaves the history of its attendees.").format(
            theme=summary.theme_label, date=format_date(summary.held_on)
        )
        if not ask_yes_no(self, self.tr("Delete the session"), question):
            return
        try:
            self.deps.sessions.delete_session(summary.id, expected_version=summary.row_version)
        except KnownError as exc:
            show_error(self, exc)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The Delete key in the list asks to delete the selected session."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Delete and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                self.delete_selected()
                return True
        return super().eventFilter(watched, event)

    def _update_buttons(self) -> None:
        reason = "" if self.selected() is not None else self.tr("Select a session first.")
        enable_unless(self.open_button, reason)
        enable_unless(self.delete_button, reason)
