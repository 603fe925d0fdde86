"""The housing tab's rights opened, below the offers: which right, on what day, for the household or one of its persons.

Opening rights is much of what support does, and the funders count it (docs/domain.md §13). A right recorded by
mistake is corrected or deleted; two people changing one at once, the second is told (docs/domain.md §9.4).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from caseworker.errors import KnownError
from caseworker.formats import format_date
from caseworker.services.date_rules import DateKind
from caseworker.services.households import RightInput, RightsService, RightView
from caseworker.services.reference import Picklist, ReferenceDataService
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.record_table_model import Column, RecordTableModel
from caseworker.ui.common.record_table_view import record_table

translate = QCoreApplication.translate


@dataclass(frozen=True)
class RightsDeps:
    """What the rights opened use: the service, the picklist of rights, the clock the dates are checked against."""

    rights: RightsService
    reference: ReferenceDataService
    today: Callable[[], date]


class RightsTableModel(RecordTableModel[RightView]):
    """The household's rights opened, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("RightsTableModel", "Opened on"),
                    lambda r: format_date(r.opened_on),
                    sort_key=lambda r: (r.opened_on, r.id),
                ),
                Column(translate("RightsTableModel", "Right"), lambda r: r.kind_label),
                Column(
                    translate("RightsTableModel", "For"),
                    lambda r: r.person_name or translate("RightsTableModel", "The household"),
                ),
            ],
            parent,
        )


class RightDialog(FormDialog):
    """Records a right opened, or corrects one.

    Attributes:
        saved: the right as saved (None until then).
    """

    def __init__(
        self, deps: RightsDeps, household_id: int, right: RightView | None = None, parent: QWidget | None = None
    ) -> None:
        title = self.tr("New right opened") if right is None else self.tr("Right opened")
        super().__init__(title, today=deps.today, parent=parent)
        self._deps = deps
        self.household_id = household_id
        self.right = right
        self.saved: RightView | None = None
        self.kind_combo = ChoiceCombo(deps.reference.choices(Picklist.RIGHT_KIND), empty_label="—")
        self.kind_combo.setObjectName("right_kind_combo")
        self.add_row(self.tr("&Right:"), self.kind_combo, "kind_code")
        self.date_row(DateKind.EVENT, self.tr("&Opened on:"), "opened_on", right.opened_on if right else deps.today())
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("right_person_combo")
        self.person_combo.addItem(self.tr("The household"), None)
        for person in deps.rights.persons_for(household_id):
            name = person.name if person.current else self.tr("{name} (left the household)").format(name=person.name)
            self.person_combo.addItem(name, person.id)
        self.add_row(self.tr("&For:"), self.person_combo, "person_id")
        if right is not None:
            self.kind_combo.set_code(right.kind_code)
            self.person_combo.setCurrentIndex(max(self.person_combo.findData(right.person_id), 0))
        self.finish(self._save_right)

    def data(self) -> RightInput:
        """Return the right as typed (the form has been checked)."""
        return RightInput(self.kind_combo.code(), self.required("opened_on"), self.person_combo.currentData())

    def _save_right(self) -> None:
        service = self._deps.rights
        if self.right is None:
            self.saved = service.record_right(self.household_id, self.data())
        else:
            self.saved = service.update_right(self.right.id, self.data(), expected_version=self.right.row_version)


class RightsPanel(QWidget):
    """The household's rights opened, with Add…, Correct… (Enter) and Delete… (the Delete key).

    Signals:
        changed(): a right was recorded, corrected or deleted here.
    """

    changed = Signal()

    def __init__(self, deps: RightsDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deps = deps
        self.household_id: int | None = None
        self.new_button = QPushButton(self.tr("Right o&pened…"))
        self.new_button.setObjectName("new_right_button")
        self.new_button.setToolTip(self.tr("Record a right opened for the household or one of its persons"))
        self.new_button.clicked.connect(self.new_right)
        self.edit_button = QPushButton(self.tr("Correct the right…"))  # the tab's letters are all taken
        self.edit_button.setObjectName("edit_right_button")
        self.edit_button.setToolTip(self.tr("Enter in the list"))
        self.edit_button.clicked.connect(self.edit_right)
        self.delete_button = QPushButton(self.tr("Delete the right…"))
        self.delete_button.setObjectName("delete_right_button")
        self.delete_button.setToolTip(self.tr("Only a right recorded by mistake (Delete key in the list)"))
        self.delete_button.clicked.connect(self.delete_right)
        self.model = RightsTableModel(self)
        self.table = record_table(self.model, "rightsTable", sortable=True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.activated.connect(self.edit_right)  # Enter or a double click
        self.table.installEventFilter(self)  # the Delete key deletes the selected right
        buttons = QHBoxLayout()  # three short buttons: well within the 1024 px the window keeps to
        buttons.addWidget(QLabel(self.tr("Rights opened")), 1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The Delete key in the list asks to delete the selected right."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Delete and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                self.delete_right()
                return True
        return super().eventFilter(watched, event)

    def show_household(self, household_id: int) -> None:
        """Read the household's rights opened."""
        self.household_id = household_id
        self.model.set_records(self.deps.rights.rights_for(household_id))
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the latest first
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> RightView | None:
        """Return the right of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def new_right(self) -> None:
        """Record a right just opened."""
        if self.household_id is not None:
            self._run(RightDialog(self.deps, self.household_id, parent=self))

    def edit_right(self, *_args: object) -> None:
        """Correct the selected right."""
        right = self.selected()
        if self.household_id is not None and right is not None:
            self._run(RightDialog(self.deps, self.household_id, right, parent=self))

    def delete_right(self) -> None:
        """Delete the selected right, after confirmation."""
        right = self.selected()
        if right is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete the right"),
            self.tr("Delete « {right} » opened on {date}? Only a right recorded by mistake should be deleted.").format(
                right=right.kind_label, date=format_date(right.opened_on)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.deps.rights.delete_right(right.id, expected_version=right.row_version)
        except KnownError as exc:  # changed or deleted meanwhile: said, then the list shows what is now
            show_error(self, exc)
        self._reload()

    def _run(self, dialog: RightDialog) -> None:
        if dialog.exec() or changed_meanwhile(dialog):
            self._reload()

    def _reload(self) -> None:
        if self.household_id is not None:
            self.show_household(self.household_id)
        self.changed.emit()

    def _update_buttons(self, *_args: object) -> None:
        reason = "" if self.selected() is not None else self.tr("Select a right in the list first.")
        enable_unless(self.edit_button, reason)
        enable_unless(self.delete_button, reason)
