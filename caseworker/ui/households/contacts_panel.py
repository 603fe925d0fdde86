"""The contact log of a household file: first-contact figures, then every contact and attempt, newest first."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain.contacts import ATTEMPT, CANCELLED
from caseworker.errors import KnownError
from caseworker.formats import format_date
from caseworker.services.encounters import HouseholdEncounter
from caseworker.services.households import HouseholdService
from caseworker.services.support import ContactView, FirstContactStats
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.record_table_model import RECORD_ROLE, Column, RecordTableModel
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.households.contact_dialog import ContactDeps, ContactDialog

OUTCOME_KIND_ROLE = RECORD_ROLE + 1
"""Custom role returning the outcome kind of the row ("reached", "attempt" or "cancelled")."""

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_FADED = QColor(110, 110, 110)

translate = QCoreApplication.translate


def _note_text(contact: ContactView) -> str:
    if contact.note_hidden:
        return translate("ContactsTableModel", "(hidden note)")
    return contact.note.replace("\n", " ")


class ContactsTableModel(RecordTableModel[ContactView]):
    """A household's contacts; failed attempts in grey italics, cancelled ones struck through."""

    COLUMN_WHEN = 0
    COLUMN_NOTE = 7

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("ContactsTableModel", "When"),
                    lambda c: f"{c.local_time:%d/%m/%Y %H:%M}",
                    sort_key=lambda c: (c.occurred_at, c.id),
                ),
                Column(translate("ContactsTableModel", "Type"), lambda c: c.type_label),
                Column(translate("ContactsTableModel", "Outcome"), lambda c: c.outcome_label),
                Column(
                    translate("ContactsTableModel", "Duration"),
                    lambda c: (
                        ""
                        if c.duration_minutes is None
                        else translate("ContactsTableModel", "{minutes} min").format(minutes=c.duration_minutes)
                    ),
                    sort_key=lambda c: c.duration_minutes or 0,
                    alignment=_RIGHT,
                ),
                Column(
                    translate("ContactsTableModel", "Off hours"),
                    lambda c: "✓" if c.off_hours else "",
                    alignment=_CENTER,
                    tooltip=lambda c: (
                        translate("ContactsTableModel", "Outside office hours (evening, weekend, public holiday)")
                        if c.off_hours
                        else ""
                    ),
                ),
                Column(translate("ContactsTableModel", "Participants"), lambda c: ", ".join(c.participants)),
                Column(translate("ContactsTableModel", "Topics"), lambda c: ", ".join(c.topic_labels)),
                Column(
                    translate("ContactsTableModel", "Note"),
                    _note_text,
                    tooltip=lambda c: "" if c.note_hidden else c.note,
                ),
                Column(
                    translate("ContactsTableModel", "After-care"),
                    lambda c: "✓" if c.after_care else "",
                    alignment=_CENTER,
                    tooltip=lambda c: (
                        translate("ContactsTableModel", "During after-care: counted apart from the measure's activity")
                        if c.after_care
                        else ""
                    ),
                ),
            ],
            parent,
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Add the outcome kind, and set failed attempts and cancelled contacts apart."""
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        contact = self.record(index.row())
        if role == OUTCOME_KIND_ROLE:
            return contact.outcome_kind
        if role == Qt.ItemDataRole.FontRole and (contact.outcome_kind in {ATTEMPT, CANCELLED} or contact.note_hidden):
            font = QFont()
            font.setItalic(
                contact.outcome_kind == ATTEMPT or (contact.note_hidden and index.column() == self.COLUMN_NOTE)
            )
            font.setStrikeOut(contact.outcome_kind == CANCELLED)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and contact.outcome_kind in {ATTEMPT, CANCELLED}:
            return QBrush(_FADED)
        return super().data(index, role)


class EncountersTableModel(RecordTableModel[HouseholdEncounter]):
    """What a household took part in outside its contact log: drop-in visits, street encounters, workshops."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("EncountersTableModel", "When"),
                    lambda e: f"{e.occurred_at.astimezone():%d/%m/%Y %H:%M}",
                    sort_key=lambda e: (e.occurred_at, e.kind.value, e.row_id),
                ),
                Column(translate("EncountersTableModel", "Where"), lambda e: e.kind_label),
                Column(translate("EncountersTableModel", "What"), lambda e: e.detail, tooltip=lambda e: e.detail),
                Column(translate("EncountersTableModel", "Who"), lambda e: e.person_name),
            ],
            parent,
        )


class ContactsPanel(QWidget):
    """The "Contacts" tab of a household file.

    Signals:
        changed: a contact was recorded, corrected or deleted (the file and the lists may refresh).
    """

    changed = Signal()

    def __init__(self, deps: ContactDeps, households: HouseholdService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        self._households = households
        self.household_id: int | None = None
        self.since: date | None = None
        self.stats: FirstContactStats | None = None
        self.stats_label = QLabel()
        self.stats_label.setObjectName("contactStats")
        self.stats_label.setWordWrap(True)
        self.new_button = QPushButton(self.tr("&New contact…"))
        self.new_button.setObjectName("newContactButton")
        self.new_button.setToolTip(self.tr("Record a contact or an attempt (Ctrl+K)"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setObjectName("editContactButton")
        self.delete_button = QPushButton(self.tr("De&lete"))
        self.delete_button.setObjectName("deleteContactButton")
        self.new_button.clicked.connect(self.new_contact)
        self.edit_button.clicked.connect(self.edit_contact)
        self.delete_button.clicked.connect(self.delete_contact)
        self.model = ContactsTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("contactsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ContactsTableModel.COLUMN_WHEN, Qt.SortOrder.DescendingOrder)
        self.table.activated.connect(lambda _index: self.edit_contact())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stats_label)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        # The drop-in, street outreach and workshops (docs/domain.md §14): apart from the measure's contacts.
        self.encounters_model = EncountersTableModel(self)
        self.encounters_label = QLabel(self.tr("Drop-in, street outreach and workshops:"))
        self.encounters_table = record_table(self.encounters_model, "encountersTable", sortable=True)
        self.encounters_table.setMaximumHeight(150)
        self.encounters_label.setBuddy(self.encounters_table)
        shown = deps.encounters is not None
        self.encounters_label.setVisible(shown)
        self.encounters_table.setVisible(shown)
        layout.addWidget(self.encounters_label)
        layout.addWidget(self.encounters_table)
        self.new_shortcut = QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_K), self)
        self.new_shortcut.activated.connect(self.new_contact)
        self._update_buttons()

    # loading ---------------------------------------------------------------------------------------------

    def set_household(self, household_id: int | None, since: date | None = None) -> None:
        """Show a household's log; figures count from ``since`` (the current episode's orientation date)."""
        self.household_id = household_id
        self.since = since
        self.refresh()

    def refresh(self) -> None:
        """Read the log and the figures again."""
        if self.household_id is None:
            self.stats = None
            self.model.set_records([])
            self.stats_label.clear()
        else:
            contacts = self._deps.contacts
            self.stats = contacts.first_contact_stats(self.household_id, since=self.since)
            self.model.set_records(contacts.contacts_for(self.household_id))
            header = self.table.horizontalHeader()
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
            self.stats_label.setText(self._stats_text(self.stats))
        encounters = self._deps.encounters
        rows = encounters(self.household_id) if encounters is not None and self.household_id is not None else []
        self.encounters_model.set_records(sorted(rows, key=lambda row: row.occurred_at, reverse=True))
        self._update_buttons()

    def _stats_text(self, stats: FirstContactStats) -> str:
        parts = []
        if stats.first_contact_on is not None and stats.days is not None:
            parts.append(
                self.tr("%n attempt(s) before first contact", "", stats.attempts)
                + ", "
                + self.tr("%n day(s)", "", stats.days)
            )
            assert stats.last_contact_on is not None
            parts.append(self.tr("Last contact: {date}").format(date=format_date(stats.last_contact_on)))
            if stats.total_attempts_without_contact:
                parts.append(self.tr("%n attempt(s) since the last contact", "", stats.total_attempts_without_contact))
        elif stats.first_attempt_on is not None:
            parts.append(
                self.tr("No contact yet: %n attempt(s)", "", stats.total_attempts_without_contact)
                + " "
                + self.tr("since {date}").format(date=format_date(stats.first_attempt_on))
            )
        else:
            parts.append(self.tr("No contact recorded yet."))
        return " · ".join(parts)

    # actions ---------------------------------------------------------------------------------------------

    def selected_contact(self) -> ContactView | None:
        """Return the contact of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def new_contact(self) -> None:
        """Open the quick entry dialog (Ctrl+K)."""
        if self.household_id is None:
            return
        dialog = ContactDialog(self._deps, self.household_id, self._household_label(), parent=self)
        if dialog.exec() and dialog.saved is not None:
            self._saved(dialog.saved)

    def edit_contact(self) -> None:
        """Correct the selected contact."""
        contact = self.selected_contact()
        if contact is None or self.household_id is None:
            return
        dialog = ContactDialog(self._deps, self.household_id, self._household_label(), parent=self, contact=contact)
        if dialog.exec() and dialog.saved is not None:
            self._saved(dialog.saved)

    def delete_contact(self) -> None:
        """Delete the selected contact, after confirmation."""
        contact = self.selected_contact()
        if contact is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete the contact"),
            self.tr(
                "Delete the contact of {when} ({outcome})? Only a contact recorded by mistake should be deleted."
            ).format(when=f"{contact.local_time:%d/%m/%Y %H:%M}", outcome=contact.outcome_label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._deps.contacts.delete_contact(contact.id)
        except KnownError as exc:
            show_error(self, exc)
        self.refresh()
        self.changed.emit()

    def _saved(self, contact: ContactView) -> None:
        self.refresh()
        for row, record in enumerate(self.model.records()):
            if record.id == contact.id:
                self.table.selectRow(row)
                break
        self.changed.emit()

    def _household_label(self) -> str:
        assert self.household_id is not None
        try:
            summary = self._households.summary(self.household_id)
        except KnownError:
            return ""
        return f"{summary.display_name} ({summary.reference})"

    def _update_buttons(self) -> None:
        has_household = self.household_id is not None
        selected = self.selected_contact() is not None
        enable_unless(self.new_button, "" if has_household else self.tr("Open a household first."))
        self.new_shortcut.setEnabled(has_household)
        not_selected = "" if selected else self.tr("Select a contact in the list first.")
        enable_unless(self.edit_button, not_selected)
        enable_unless(self.delete_button, not_selected)
