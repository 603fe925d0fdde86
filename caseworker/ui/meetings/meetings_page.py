"""The Meetings section: upcoming and past meetings (COSI, admission commission, synthesis), planned and opened.

A meeting is planned here (its type's next date proposed), cancelled, or opened in :class:`MeetingDialog`, where
its agenda, attendees, minutes and PDFs are kept.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain.debrief import MeetingStatus
from caseworker.errors import KnownError
from caseworker.formats import format_date
from caseworker.services.meetings import MeetingSummary
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.messages import ask_yes_no, show_error
from caseworker.ui.common.record_table_model import RECORD_ROLE, Column, RecordTableModel
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.meetings.deps import MeetingsDeps
from caseworker.ui.meetings.meeting_dialog import MeetingDialog
from caseworker.ui.meetings.meeting_type_dialog import MeetingTypeDialog
from caseworker.ui.meetings.plan_dialog import PlanMeetingDialog

translate = QCoreApplication.translate


class MeetingsTableModel(RecordTableModel[MeetingSummary]):
    """One row per meeting: type, date, place, urgent, status, number of items this reader sees."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("MeetingsTableModel", "Date"),
                    lambda m: format_date(m.held_on),
                    sort_key=lambda m: (m.held_on, m.id),
                ),
                Column(translate("MeetingsTableModel", "Type"), lambda m: m.type_label),
                Column(translate("MeetingsTableModel", "Place"), lambda m: m.place, tooltip=lambda m: m.place),
                Column(
                    translate("MeetingsTableModel", "Urgent"),
                    lambda m: translate("MeetingsTableModel", "urgent") if m.urgent else "",
                ),
                Column(translate("MeetingsTableModel", "Status"), lambda m: m.status_label),
                Column(
                    translate("MeetingsTableModel", "Items"),
                    lambda m: str(m.item_count),
                    sort_key=lambda m: m.item_count,
                ),
            ],
            parent,
        )


class MeetingsPage(QWidget):
    """Upcoming and past meetings, filtered by type, with Plan, Cancel and Open."""

    def __init__(self, deps: MeetingsDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deps = deps
        title = QLabel(self.tr("Meetings"))
        title.setObjectName("pageTitle")
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("meeting_type_filter")
        self.type_combo.addItem(self.tr("All types"), "")
        type_label = QLabel(self.tr("&Type:"))
        type_label.setBuddy(self.type_combo)
        self.past_check = QCheckBox(self.tr("&Past meetings"))
        self.past_check.setObjectName("past_meetings_check")
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.plan_button = QPushButton(self.tr("Pla&n a meeting… (Ctrl+N)"))
        self.plan_button.setObjectName("plan_meeting_button")
        self.open_button = QPushButton(self.tr("&Open (Enter)"))
        self.open_button.setObjectName("open_meeting_button")
        self.cancel_button = QPushButton(self.tr("&Cancel the meeting…"))
        self.cancel_button.setObjectName("cancel_meeting_button")
        self.types_button = QPushButton(self.tr("Meeting t&ypes…"))
        self.types_button.setObjectName("meeting_types_button")
        self.types_button.setToolTip(self.tr("Name, cadence, standing members, whether the household attends"))
        self.types_menu = QMenu(self)
        self.types_button.setMenu(self.types_menu)
        self.types_menu.aboutToShow.connect(self._list_types_to_edit)
        self.model = MeetingsTableModel(self)
        self.table: QTableView = record_table(self.model, "meetingsTable", sortable=True)
        self.summary_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(type_label)
        top.addWidget(self.type_combo)
        top.addWidget(self.past_check)
        top.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        for button in (self.plan_button, self.open_button, self.cancel_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.types_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        self.type_combo.currentIndexChanged.connect(lambda _index: self.reload())
        self.past_check.toggled.connect(lambda _checked: self.reload())
        self.refresh_button.clicked.connect(self.reload)
        self.plan_button.clicked.connect(self.plan_meeting)
        self.open_button.clicked.connect(self.open_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.plan_meeting)
        self._types_loaded = False
        self._update_buttons()

    # meeting types ---------------------------------------------------------------------------------------

    def _list_types_to_edit(self) -> None:
        self.types_menu.clear()
        for meeting_type in self.deps.meetings.meeting_types(active_only=False):
            action = self.types_menu.addAction(meeting_type.label)
            action.triggered.connect(partial(self.edit_type, meeting_type.code))

    def edit_type(self, code: str) -> None:
        """Change a meeting type (its name, cadence, members, whether the household attends)."""
        found = [item for item in self.deps.meetings.meeting_types(active_only=False) if item.code == code]
        if not found:
            return
        dialog = MeetingTypeDialog(self.deps, found[0], parent=self)
        if dialog.exec() or changed_meanwhile(dialog):  # saved, or a colleague's newer version to show
            self._types_loaded = False
            self.type_combo.blockSignals(True)
            while self.type_combo.count() > 1:
                self.type_combo.removeItem(1)
            self.type_combo.blockSignals(False)
            self.reload()
        dialog.deleteLater()

    # reading ---------------------------------------------------------------------------------------------

    def _load_types(self) -> None:
        if self._types_loaded:
            return
        self._types_loaded = True
        self.type_combo.blockSignals(True)
        for meeting_type in self.deps.meetings.meeting_types():
            self.type_combo.addItem(meeting_type.label, meeting_type.code)
        self.type_combo.blockSignals(False)

    def reload(self) -> None:
        """Read the meetings again (upcoming, or the past ones when asked), of the type chosen."""
        self._load_types()
        selected = self.selected_meeting()
        code = str(self.type_combo.currentData() or "") or None
        try:
            listing = self.deps.meetings.past if self.past_check.isChecked() else self.deps.meetings.upcoming
            rows = listing(code)
        except KnownError as exc:
            show_error(self, exc)
            return
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        if self.past_check.isChecked():
            self.summary_label.setText(self.tr("%n past meeting(s)", "", len(rows)))
        else:
            self.summary_label.setText(self.tr("%n upcoming meeting(s)", "", len(rows)))
        if selected is not None:
            self.select_meeting(selected.id)
        self._update_buttons()

    def selected_meeting(self) -> MeetingSummary | None:
        """Return the selected meeting, if any."""
        index = self.table.currentIndex()
        if not (index.isValid() and self.table.selectionModel().isSelected(index)):
            return None
        record = index.data(RECORD_ROLE)
        return record if isinstance(record, MeetingSummary) else None

    def select_meeting(self, meeting_id: int) -> None:
        """Select a meeting's row (when it is shown)."""
        for row, record in enumerate(self.model.records()):
            if record.id == meeting_id:
                self.table.selectRow(row)
                return

    # actions ---------------------------------------------------------------------------------------------

    def plan_meeting(self) -> None:
        """Plan a meeting; it is then selected (among the upcoming ones)."""
        code = str(self.type_combo.currentData() or "")
        dialog = PlanMeetingDialog(self.deps, code, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.past_check.setChecked(False)
            self.reload()
            self.select_meeting(dialog.saved.id)

    def open_selected(self) -> None:
        """Open the selected meeting: its agenda, attendees, minutes and PDFs."""
        meeting = self.selected_meeting()
        if meeting is None:
            return
        try:
            dialog = MeetingDialog(self.deps, meeting.id, parent=self)
        except KnownError as exc:
            show_error(self, exc)
            self.reload()
            return
        dialog.exec()
        dialog.deleteLater()
        self.reload()

    def cancel_selected(self) -> None:
        """Cancel the selected planned meeting, once confirmed."""
        meeting = self.selected_meeting()
        if meeting is None or meeting.status is not MeetingStatus.PLANNED:
            return
        question = self.tr("Cancel the {type} of {date}? Its agenda is kept but it will not be held.").format(
            type=meeting.type_label, date=format_date(meeting.held_on)
        )
        if not ask_yes_no(self, self.tr("Cancel the meeting"), question):
            return
        try:
            current = self.deps.meetings.meeting(meeting.id)
            self.deps.meetings.cancel(meeting.id, expected_version=current.row_version)
        except KnownError as exc:
            show_error(self, exc)
        self.reload()

    def _update_buttons(self) -> None:
        meeting = self.selected_meeting()
        choose = self.tr("Select a meeting first.")
        enable_unless(self.open_button, choose if meeting is None else "")
        if meeting is None:
            enable_unless(self.cancel_button, choose)
        else:
            enable_unless(
                self.cancel_button,
                "" if meeting.status is MeetingStatus.PLANNED else self.tr("Only a planned meeting can be cancelled."),
            )

    def keyPressEvent(self, event: Any) -> None:
        """Enter opens the selected meeting."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_selected()
            return
        super().keyPressEvent(event)
