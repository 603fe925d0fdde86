"""One meeting: its agenda (filled from the records, reordered), its attendees, its minutes and its two PDFs.

Every change is saved when it is made, against the version read; when a colleague changed the meeting meanwhile,
the change is refused with the service's message and the meeting is read again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain.debrief import MeetingStatus
from caseworker.errors import KnownError
from caseworker.formats import format_date
from caseworker.services.errors import ConcurrentChangeError
from caseworker.services.meetings import AttendeeView, ItemView, MeetingView
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.messages import ask_yes_no, show_error
from caseworker.ui.common.pdf_preview import PdfPreviewDialog
from caseworker.ui.common.record_table_model import Column, RecordTableModel
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.common.tasks import run_with_progress
from caseworker.ui.meetings.agenda_dialogs import AttendeeDialog, FillAgendaDialog, ItemDialog, kept_line
from caseworker.ui.meetings.deps import MeetingsDeps
from caseworker.ui.meetings.minutes_dialog import MinutesDialog
from caseworker.ui.meetings.partner_copy_dialog import PartnerCopyDialog

translate = QCoreApplication.translate


def _decisions_text(item: ItemView) -> str:
    return "; ".join(decision.summary or decision.kind_label for decision in item.decisions)


class AgendaTableModel(RecordTableModel[ItemView]):
    """The agenda in its order: household, what the item is about, when it falls due, decisions once held."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(translate("AgendaTableModel", "Household"), lambda i: i.household_name),
                Column(translate("AgendaTableModel", "Item"), lambda i: i.kind_label),
                Column(translate("AgendaTableModel", "Subject"), lambda i: i.label, tooltip=lambda i: i.label),
                Column(translate("AgendaTableModel", "Due on"), lambda i: format_date(i.due_on) if i.due_on else ""),
                Column(translate("AgendaTableModel", "Decisions"), _decisions_text, tooltip=_decisions_text),
            ],
            parent,
        )


class AttendeesTableModel(RecordTableModel[AttendeeView]):
    """The attendance list: name, capacity, present or excused."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(translate("AttendeesTableModel", "Name"), lambda a: a.name),
                Column(translate("AttendeesTableModel", "Capacity"), lambda a: a.capacity),
                Column(
                    translate("AttendeesTableModel", "Present"),
                    lambda a: (
                        translate("AttendeesTableModel", "present")
                        if a.present
                        else translate("AttendeesTableModel", "excused")
                    ),
                ),
            ],
            parent,
        )


class MeetingDialog(FittedDialog):
    """A meeting's page: agenda, attendees, minutes and PDFs.

    Attributes:
        meeting: the meeting as last read or saved.
    """

    def __init__(self, deps: MeetingsDeps, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deps = deps
        self.meeting: MeetingView = deps.meetings.meeting(meeting_id)
        self.setMinimumWidth(760)
        self.header_label = QLabel()
        self.header_label.setObjectName("meeting_header")
        self.header_label.setWordWrap(True)
        self.agenda_model = AgendaTableModel(self)
        self.agenda_table = record_table(self.agenda_model, "agendaTable")
        self.fill_button = QPushButton(self.tr("&Fill the agenda…"))
        self.fill_button.setObjectName("fill_agenda_button")
        self.add_item_button = QPushButton(self.tr("Add an i&tem…"))
        self.add_item_button.setObjectName("add_item_button")
        self.add_item_button.setToolTip(self.tr("An item typed by hand, about a household or the whole team"))
        self.remove_button = QPushButton(self.tr("&Remove the item"))
        self.remove_button.setObjectName("remove_item_button")
        self.up_button = QPushButton(self.tr("Move &up"))
        self.up_button.setObjectName("item_up_button")
        self.down_button = QPushButton(self.tr("Move do&wn"))
        self.down_button.setObjectName("item_down_button")
        self.attendees_model = AttendeesTableModel(self)
        self.attendees_table = record_table(self.attendees_model, "attendeesTable")
        self.add_attendee_button = QPushButton(self.tr("Add an &attendee…"))
        self.add_attendee_button.setObjectName("add_attendee_button")
        self.remove_attendee_button = QPushButton(self.tr("Remo&ve the attendee"))
        self.remove_attendee_button.setObjectName("remove_attendee_button")
        self.minutes_button = QPushButton(self.tr("&Minutes…"))
        self.minutes_button.setObjectName("minutes_button")
        self.internal_button = QPushButton(self.tr("&Internal minutes (PDF)…"))
        self.internal_button.setObjectName("internal_minutes_button")
        self.partner_button = QPushButton(self.tr("&Partner copy…"))
        self.partner_button.setObjectName("partner_copy_button")
        self._lay_out()
        self.fill_button.clicked.connect(self.fill_agenda)
        self.add_item_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.add_attendee_button.clicked.connect(self.add_attendee)
        self.remove_attendee_button.clicked.connect(self.remove_attendee)
        self.minutes_button.clicked.connect(self.record_minutes)
        self.internal_button.clicked.connect(self.internal_minutes)
        self.partner_button.clicked.connect(self.partner_copy)
        self.agenda_table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.attendees_table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self._show(self.meeting)

    def _lay_out(self) -> None:
        agenda_box = QGroupBox(self.tr("Agenda"))
        agenda_buttons = QHBoxLayout()
        for button in (self.fill_button, self.add_item_button, self.remove_button, self.up_button, self.down_button):
            agenda_buttons.addWidget(button)
        agenda_buttons.addStretch(1)
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.addLayout(agenda_buttons)
        agenda_layout.addWidget(self.agenda_table)
        attendees_box = QGroupBox(self.tr("Attendees"))
        attendee_buttons = QHBoxLayout()
        attendee_buttons.addWidget(self.add_attendee_button)
        attendee_buttons.addWidget(self.remove_attendee_button)
        attendee_buttons.addStretch(1)
        attendees_layout = QVBoxLayout(attendees_box)
        attendees_layout.addLayout(attendee_buttons)
        attendees_layout.addWidget(self.attendees_table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.minutes_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.internal_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.partner_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_label)
        layout.addWidget(agenda_box, 3)
        layout.addWidget(attendees_box, 2)
        layout.addWidget(buttons)

    # reading ---------------------------------------------------------------------------------------------

    def _show(self, meeting: MeetingView) -> None:
        self.meeting = meeting
        self.setWindowTitle(
            self.tr("{type} of {date}").format(type=meeting.type_label, date=format_date(meeting.held_on))
        )
        parts = [f"<b>{meeting.type_label}</b> — {format_date(meeting.held_on)}"]
        if meeting.place:
            parts.append(meeting.place)
        if meeting.urgent:
            parts.append(self.tr("urgent"))
        parts.append(meeting.status_label)
        self.header_label.setText(" · ".join(parts))
        self.agenda_model.set_records(list(meeting.items))
        self.attendees_model.set_records(list(meeting.attendees))
        self.agenda_table.resizeColumnsToContents()
        self._update_buttons()

    def reload(self) -> None:
        """Read the meeting again (after a refusal: a colleague changed it meanwhile)."""
        try:
            self._show(self.deps.meetings.meeting(self.meeting.id))
        except KnownError as exc:
            show_error(self, exc)

    def _selected_row(self, table: Any) -> int | None:
        index = table.currentIndex()
        if index.isValid() and table.selectionModel().isSelected(index):
            return int(index.row())
        return None

    def _update_buttons(self) -> None:
        status = self.meeting.status
        not_planned = (
            "" if status is MeetingStatus.PLANNED else self.tr("The agenda of a meeting held or cancelled stays.")
        )
        item_row = self._selected_row(self.agenda_table)
        no_item = self.tr("Select an item of the agenda first.") if item_row is None else ""
        count = len(self.meeting.items)
        enable_unless(self.fill_button, not_planned)
        enable_unless(self.add_item_button, not_planned)
        enable_unless(self.remove_button, not_planned or no_item)
        first = self.tr("This item is first already.") if item_row == 0 else ""
        last = self.tr("This item is last already.") if item_row == count - 1 else ""
        enable_unless(self.up_button, not_planned or no_item or first)
        enable_unless(self.down_button, not_planned or no_item or last)
        cancelled = self.tr("This meeting is cancelled.") if status is MeetingStatus.CANCELLED else ""
        no_attendee = self.tr("Select an attendee first.") if self._selected_row(self.attendees_table) is None else ""
        enable_unless(self.add_attendee_button, cancelled)
        enable_unless(self.remove_attendee_button, cancelled or no_attendee)
        enable_unless(self.minutes_button, cancelled)
        not_held = "" if status is MeetingStatus.HELD else self.tr("The minutes are not recorded yet.")
        enable_unless(self.internal_button, not_held)
        enable_unless(self.partner_button, not_held)

    def _save(self, change: Any) -> bool:
        """Run a change of the meeting; show it, or say why not (read again when changed meanwhile)."""
        try:
            self._show(change())
        except ConcurrentChangeError as exc:
            show_error(self, exc)
            self.reload()
            return False
        except KnownError as exc:
            show_error(self, exc)
            return False
        return True

    # agenda ------------------------------------------------------------------------------------------------

    def fill_agenda(self) -> None:
        """Offer the items the records call for, all ticked; add those kept."""
        meeting_id = self.meeting.id
        try:  # the records of every household followed are read: off the GUI thread
            proposals = run_with_progress(
                self,
                self.tr("Fill the agenda"),
                self.tr("Reading the reviews, planned ends and glissements due…"),
                lambda _report, _cancelled: self.deps.meetings.propose_agenda(meeting_id),
            )
        except KnownError as exc:
            show_error(self, exc)
            return
        if not proposals:
            QMessageBox.information(
                self, self.tr("Fill the agenda"), self.tr("The records call for no item before the next meeting.")
            )
            return
        dialog = FillAgendaDialog(self.deps, self.meeting, proposals, parent=self)
        accepted = dialog.exec()
        if accepted and dialog.saved is not None:
            self._show(dialog.saved)
        elif changed_meanwhile(dialog):
            self.reload()
        dialog.deleteLater()

    def add_item(self) -> None:
        """Add an item typed by hand (a title, a household the person sees or none) at the end of the agenda."""
        dialog = ItemDialog(self.deps, self.meeting, parent=self)
        accepted = dialog.exec()
        if accepted and dialog.saved is not None:
            self._show(dialog.saved)
            self.agenda_table.selectRow(len(dialog.saved.items) - 1)  # the item added, at the end
        elif changed_meanwhile(dialog):
            self.reload()
        dialog.deleteLater()

    def remove_item(self) -> None:
        """Take the selected item off the agenda."""
        row = self._selected_row(self.agenda_table)
        if row is None:
            return
        item = self.meeting.items[row]
        if not ask_yes_no(
            self,
            self.tr("Remove the item"),
            self.tr("Take « {label} » ({household}) off the agenda?").format(
                label=item.label, household=item.household_name
            ),
        ):
            return
        version = self.meeting.row_version
        self._save(lambda: self.deps.meetings.remove_item(self.meeting.id, item.id, expected_version=version))

    def move_item(self, step: int) -> None:
        """Move the selected item up (-1) or down (+1) the agenda; it stays selected."""
        row = self._selected_row(self.agenda_table)
        if row is None or not 0 <= row + step < len(self.meeting.items):
            return
        ids = [item.id for item in self.meeting.items]
        ids[row], ids[row + step] = ids[row + step], ids[row]
        version = self.meeting.row_version
        if self._save(lambda: self.deps.meetings.reorder_items(self.meeting.id, ids, expected_version=version)):
            self.agenda_table.selectRow(row + step)

    # attendees -------------------------------------------------------------------------------------------

    def add_attendee(self) -> None:
        """Add a staff member, a partner's contact or a name to the attendance list."""
        dialog = AttendeeDialog(self.deps, self.meeting, parent=self)
        accepted = dialog.exec()
        if accepted and dialog.saved is not None:
            self._show(dialog.saved)
        elif changed_meanwhile(dialog):
            self.reload()
        dialog.deleteLater()

    def remove_attendee(self) -> None:
        """Take the selected person off the attendance list."""
        row = self._selected_row(self.attendees_table)
        if row is None:
            return
        lines = [kept_line(attendee) for number, attendee in enumerate(self.meeting.attendees) if number != row]
        version = self.meeting.row_version
        self._save(lambda: self.deps.meetings.set_attendees(self.meeting.id, lines, expected_version=version))

    # minutes and documents ---------------------------------------------------------------------------------

    def record_minutes(self) -> None:
        """Record the minutes; then say what the team should be told (the warnings of the decisions)."""
        dialog = MinutesDialog(self.deps, self.meeting, parent=self)
        accepted = dialog.exec()
        if accepted and dialog.result_ is not None:
            self._show(dialog.result_.meeting)
            lines = [
                f"{item.household_name} : {decision.summary or decision.kind_label}"
                for item in dialog.result_.meeting.items
                for decision in item.decisions
            ]
            text = self.tr("The minutes are recorded.")
            if lines:
                text += "\n\n" + self.tr("Decisions:") + "\n" + "\n".join(f"• {line}" for line in lines)
            if dialog.result_.warnings:
                text += "\n\n" + self.tr("To tell the team:") + "\n"
                text += "\n".join(f"• {warning}" for warning in dialog.result_.warnings)
            QMessageBox.information(self, self.tr("Minutes"), text)
        elif changed_meanwhile(dialog):
            self.reload()
        dialog.deleteLater()

    def internal_minutes(self) -> None:
        """Preview the internal minutes (as this reader may read them)."""
        meeting_id = self.meeting.id
        try:
            pdf = run_with_progress(
                self,
                self.tr("Internal minutes"),
                self.tr("Preparing the minutes…"),
                lambda _report, _cancelled: self.deps.meetings.internal_minutes(meeting_id),
            )
        except KnownError as exc:
            show_error(self, exc)
            return
        preview = PdfPreviewDialog(pdf.content, self.tr("Internal minutes"), pdf.filename, self)
        preview.setObjectName("internal_minutes_preview")
        preview.exec()
        preview.deleteLater()

    def partner_copy(self) -> None:
        """Prepare a partner's copy, preview it, and record it in the disclosure log when it leaves."""
        dialog = PartnerCopyDialog(self.deps, self.meeting, parent=self)
        dialog.exec()
        dialog.deleteLater()
