"""The Membres tab of the household file: who lives in the household now, who left, and the member actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton, QWidget

from caseworker.services.households import HouseholdFile, HouseholdService, MemberView
from caseworker.services.reference import ReferenceDataService
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.households.file_table_models import MembersTableModel
from caseworker.ui.households.member_dialogs import DepartureDialog, MemberDialog
from caseworker.ui.households.tab_layout import lay_out_tab


class MembersTab(QWidget):
    """The current members above the former ones, with Add, Edit the person and Departure.

    Signals:
        changed: a member was added, edited or left (the file is read again).
    """

    changed = Signal()

    def __init__(
        self,
        households: HouseholdService,
        reference: ReferenceDataService,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._households = households
        self._reference = reference
        self._today = today
        self._household_id: int | None = None
        self._version = 0
        shown_on = today()
        self.members_model = MembersTableModel(shown_on, parent=self)
        self.past_members_model = MembersTableModel(shown_on, past=True, parent=self)
        self.members_table = record_table(self.members_model, "membersTable", sortable=True)
        self.past_members_table = record_table(self.past_members_model, "pastMembersTable", sortable=True)
        self.add_member_button = QPushButton(self.tr("&Add a member…"))
        self.edit_person_button = QPushButton(self.tr("Edit the &person…"))
        self.departure_button = QPushButton(self.tr("&Departure…"))
        self.add_member_button.clicked.connect(self.add_member)
        self.edit_person_button.clicked.connect(self.edit_person)
        self.departure_button.clicked.connect(self.record_departure)
        self.past_members_label = QLabel(self.tr("Former members"))
        self.past_members_table.setMaximumHeight(180)
        lay_out_tab(
            self,
            [self.add_member_button, self.edit_person_button, self.departure_button],
            self.members_table,
            self.past_members_label,
            self.past_members_table,
        )

    def show_household(self, household: HouseholdFile) -> None:
        """Show the members of a file (the former ones only when there are some)."""
        self._household_id = household.id
        self._version = household.row_version
        self.members_model.set_records(household.members)
        self.past_members_model.set_records(household.past_members)
        self.members_table.resizeColumnsToContents()
        self.past_members_table.resizeColumnsToContents()
        self.past_members_table.setVisible(bool(household.past_members))
        self.past_members_label.setVisible(bool(household.past_members))

    def _run_dialog(self, dialog: QDialog) -> None:
        if dialog.exec() or changed_meanwhile(dialog):
            self.changed.emit()

    def add_member(self) -> None:
        """Add a person to the household."""
        if self._household_id is not None:
            self._run_dialog(
                MemberDialog(
                    self._households,
                    self._reference,
                    self._today,
                    self._household_id,
                    parent=self,
                    version=self._version,
                )
            )

    def _selected_member(self) -> MemberView | None:
        index = self.members_table.currentIndex()
        if not index.isValid():
            QMessageBox.information(self, self.tr("Members"), self.tr("Select a member in the list first."))
            return None
        return self.members_model.record(index.row())

    def edit_person(self) -> None:
        """Edit the selected member's details."""
        member = self._selected_member()
        if member is not None and self._household_id is not None:
            self._run_dialog(
                MemberDialog(
                    self._households,
                    self._reference,
                    self._today,
                    self._household_id,
                    member,
                    parent=self,
                    version=self._version,
                )
            )

    def record_departure(self) -> None:
        """Record that the selected member left."""
        member = self._selected_member()
        if member is not None:
            self._run_dialog(DepartureDialog(self._households, self._today, member, parent=self, version=self._version))
