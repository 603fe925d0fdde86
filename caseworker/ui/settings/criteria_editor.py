"""Paramètres › Dispositifs › Critères d'entrée: a measure's entry criteria, edited beside the catalogue (F19).

Criteria are reference data and information only: the referral shows them as an unticked checklist, and nothing
ever waits for one. Here an administrator adds, renames, reorders and deactivates them; one removed is deleted by
the service only while no episode ticked it (deactivated otherwise). Every rule is the service's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from caseworker.services.support import CriteriaService, CriterionInput, MeasureView
from caseworker.services.support.criteria import FIELD
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.flow_layout import FlowLayout
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.form_errors import FormErrors

_ROW_ERROR = re.compile(rf"^{FIELD}\.(\d+)\.\w+$")


class CriteriaTable(QWidget):
    """The criteria as a small editable table (label, active), with Add, Remove, Move up and Move down.

    A criterion's code travels with its row: a rename keeps it, a row added has none (the service makes one).
    """

    COLUMN_LABEL, COLUMN_ACTIVE = range(2)
    CODE_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("criteriaTable")
        self.table.setHorizontalHeaderLabels([self.tr("Criterion"), self.tr("Offered")])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table: arrows move between cells
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COLUMN_LABEL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COLUMN_ACTIVE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(160)
        self.add_button = self._button(self.tr("&Add a criterion"), "addCriterionButton", self.add_criterion)
        self.remove_button = self._button(self.tr("Re&move"), "removeCriterionButton", self.remove_current)
        self.remove_button.setToolTip(
            self.tr("A criterion already ticked for a household is deactivated, never deleted.")
        )
        self.up_button = self._button(self.tr("Move &up"), "criterionUpButton", lambda: self.move_current(-1))
        self.down_button = self._button(self.tr("Move do&wn"), "criterionDownButton", lambda: self.move_current(1))
        buttons = FlowLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

    def _button(self, text: str, name: str, action: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(action)
        return button

    def set_criteria(self, criteria: tuple[CriterionInput, ...]) -> None:
        """Show ``criteria`` (replacing the rows)."""
        self.table.setRowCount(0)
        for criterion in criteria:
            self._append(criterion)

    def _append(self, criterion: CriterionInput, row: int | None = None) -> int:
        row = self.table.rowCount() if row is None else row
        self.table.insertRow(row)
        label = QTableWidgetItem(criterion.label)
        label.setData(self.CODE_ROLE, criterion.code)
        self.table.setItem(row, self.COLUMN_LABEL, label)
        active = QTableWidgetItem()
        active.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
        active.setCheckState(Qt.CheckState.Checked if criterion.active else Qt.CheckState.Unchecked)
        self.table.setItem(row, self.COLUMN_ACTIVE, active)
        return row

    def add_criterion(self) -> None:
        """Add an empty criterion at the end and start typing its label."""
        row = self._append(CriterionInput(""))
        self.table.setFocus()
        self.table.setCurrentCell(row, self.COLUMN_LABEL)
        item = self.table.item(row, self.COLUMN_LABEL)
        if item is not None:
            self.table.editItem(item)

    def remove_current(self) -> None:
        """Remove the current row (the service keeps, deactivated, a criterion some household met)."""
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.table.setFocus()

    def move_current(self, step: int) -> None:
        """Move the current row up (-1) or down (1), keeping the cursor on it."""
        self.commit_editing()
        row, column = self.table.currentRow(), max(self.table.currentColumn(), 0)
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        moved = self.criteria()[row]
        self.table.removeRow(row)
        self._append(moved, target)
        self.table.setCurrentCell(target, column)
        self.table.setFocus()

    def select_row(self, row: int) -> None:
        """Put the cursor on the row a message is about."""
        if 0 <= row < self.table.rowCount():
            self.table.setCurrentCell(row, self.COLUMN_LABEL)

    def commit_editing(self) -> None:
        """Finish the cell being typed in, so that Save reads what is on screen."""
        focus = QApplication.focusWidget()
        if focus is not None and focus is not self.table and self.table.isAncestorOf(focus):
            self.table.setFocus()

    def criteria(self) -> tuple[CriterionInput, ...]:
        """Return the criteria as typed, in order."""
        found = []
        for row in range(self.table.rowCount()):
            label = self.table.item(row, self.COLUMN_LABEL)
            active = self.table.item(row, self.COLUMN_ACTIVE)
            found.append(
                CriterionInput(
                    label=label.text() if label is not None else "",
                    code=str(label.data(self.CODE_ROLE) or "") if label is not None else "",
                    active=active is not None and active.checkState() == Qt.CheckState.Checked,
                )
            )
        return tuple(found)


class _CriteriaErrors(FormErrors):
    """Form errors that show the messages about one criterion ("criteria.2.label") under the table."""

    def __init__(self, table: CriteriaTable) -> None:
        super().__init__()
        self._table = table

    def show(self, errors: dict[str, str]) -> None:
        """Show each message; a criterion's goes under the table, and the first faulty row is selected."""
        merged: dict[str, str] = {}
        first: int | None = None
        for field, message in errors.items():
            match = _ROW_ERROR.match(field)
            key = FIELD if match else field
            merged[key] = message if key not in merged else f"{merged[key]}\n{message}"
            if match and (first is None or int(match.group(1)) < first):
                first = int(match.group(1))
        super().show(merged)
        if first is not None:
            self._table.select_row(first)


class CriteriaEditorDialog(FormDialog):
    """Edits the entry criteria of one measure; ``saved`` tells whether anything was saved."""

    def __init__(self, criteria: CriteriaService, measure: MeasureView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Entry criteria of {measure}").format(measure=measure.name), parent=parent)
        self.setObjectName("criteriaEditor")
        self.criteria_table = CriteriaTable()
        self.errors = _CriteriaErrors(self.criteria_table)
        explanation = QLabel(
            self.tr(
                "Shown as an unticked checklist at each referral to this measure, for information: they never "
                "block an admission. The funders' exports count the entrants who met each."
            )
        )
        explanation.setWordWrap(True)
        self.form.addRow(explanation)
        self.add_row(self.tr("&Criteria:"), self.criteria_table, FIELD)
        self.criteria_table.set_criteria(tuple(c.to_input() for c in criteria.measure_criteria(measure.id).criteria))
        self._service = criteria
        self._measure_id = measure.id
        self.saved = False
        self.finish(self._submit)

    def _submit(self) -> None:
        self.criteria_table.commit_editing()
        self._service.update_criteria(self._measure_id, self.criteria_table.criteria())
        self.saved = True


class CriteriaButton(QPushButton):
    """The catalogue's « Critères d'entrée… » button: opens the editor on the measure selected.

    Hidden when the panel is given no criteria service.
    """

    def __init__(self, criteria: CriteriaService | None, parent: QWidget) -> None:
        super().__init__(self.tr("Entry c&riteria…"), parent)
        self.setObjectName("criteriaButton")
        self._criteria = criteria
        self._measure: MeasureView | None = None
        self.setVisible(criteria is not None)
        self.clicked.connect(self.open_editor)
        self.follow(None)

    def follow(self, measure: MeasureView | None) -> None:
        """Edit ``measure``'s criteria from now on (None: nothing selected)."""
        self._measure = measure
        enable_unless(self, "" if measure is not None else self.tr("Choose a measure in the list first."))

    def open_editor(self) -> None:
        """Open the editor on the measure followed."""
        if self._criteria is not None and self._measure is not None:
            CriteriaEditorDialog(self._criteria, self._measure, self.window()).exec()
