"""The "Ménages" section: the list and the open file, one at a time."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QStackedWidget, QWidget

from caseworker.errors import KnownError
from caseworker.ui.common.live_updates import LIST_ROW_TABLES, LiveChanges
from caseworker.ui.common.messages import show_error
from caseworker.ui.households.contact_dialog import ContactDialog
from caseworker.ui.households.file_deps import HouseholdFileDeps
from caseworker.ui.households.household_file_panel import HouseholdFilePanel
from caseworker.ui.households.household_list_panel import HouseholdListPanel

MAX_ROWS_REREAD = 10
"""Beyond this many households changed at once, the list is read again whole rather than row by row."""


class HouseholdsSection(QStackedWidget):
    """Routes "open" from the list to the file and "back" from the file to the list.

    Signals:
        contact_recorded(int): a contact was recorded for this household (quick entry).
    """

    contact_recorded = Signal(int)

    def __init__(self, deps: HouseholdFileDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._households = deps.households
        self.list_panel = HouseholdListPanel(deps.households, deps.reference, deps.today)
        self.file_panel = HouseholdFilePanel(deps)
        self.addWidget(self.list_panel)
        self.addWidget(self.file_panel)
        self.list_panel.household_opened.connect(self.open_household)
        self.file_panel.back_requested.connect(self.show_list)
        self.file_panel.household_changed.connect(self.list_panel.household_updated)
        self.file_panel.sight_lost.connect(self._sight_lost)
        self.list_panel.contact_requested.connect(self.record_contact)

    def open_household(self, household_id: int) -> None:
        """Show a household's file."""
        try:
            self.file_panel.open_household(household_id)
        except KnownError as exc:
            show_error(self, exc)
            return
        self.setCurrentWidget(self.file_panel)

    def show_list(self) -> None:
        """Back to the list, with the cursor in the search box."""
        self.setCurrentWidget(self.list_panel)
        self.list_panel.focus_search()

    def _sight_lost(self, by_colleague: bool) -> None:
        """The open household left the person's sight: back to the list, read again without it."""
        self.list_panel.reload()
        self.show_list()
        if by_colleague:
            QMessageBox.information(
                self,
                self.tr("Household closed"),
                self.tr(
                    "A change of its team means you no longer follow this household: its file was closed and it no "
                    "longer appears in your lists. Ask its team or the team lead if this is a mistake."
                ),
            )

    def record_contact(self, household_id: int) -> None:
        """Quick contact entry for a household (from the list, "Mes ménages" or elsewhere)."""
        try:
            summary = self._households.summary(household_id)
        except KnownError as exc:
            show_error(self, exc)
            return
        label = f"{summary.display_name} · {summary.reference}"
        dialog = ContactDialog(self.file_panel.contact_deps, household_id, label, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            if self.file_panel.household is not None and self.file_panel.household.id == household_id:
                self.file_panel.refresh()
            self.contact_recorded.emit(household_id)

    def show_changes(self, changes: LiveChanges) -> None:
        """Colleagues' changes: the rows of the list they concern, and the file open if it is one of them."""
        if changes.touches(LIST_ROW_TABLES):
            if changes.resync or len(changes.household_ids) > MAX_ROWS_REREAD:
                self.list_panel.reload()
            else:
                for household_id in sorted(changes.household_ids):
                    try:
                        summary = self._households.summary(household_id)
                    except KnownError:  # gone meanwhile
                        continue
                    self.list_panel.household_updated(summary)
        household = self.file_panel.household
        if household is not None and changes.concerns(household.id):
            try:
                self.file_panel.show_changes(changes)
            except KnownError as exc:
                show_error(self, exc)
