"""Which household? Asked when an action needs one and nothing says which (Ctrl+K on the whole list).

The households the person opened lately come first; typing narrows the list as in the household list. Nothing
is chosen in advance: Enter chooses the row the person moved to (or the only one left by the search). Given a
``search``, typing asks the database (the household list holds one page at a time, not every household).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseworker.services.households import HouseholdSummary
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.households.household_table_model import HouseholdTableModel


class HouseholdChooserDialog(FittedDialog):
    """Lists ``households`` with those of ``recent_ids`` first (in that order); ``chosen_id`` holds the answer."""

    def __init__(
        self,
        households: list[HouseholdSummary],
        recent_ids: list[int],
        question: str,
        parent: QWidget | None = None,
        *,
        search: Callable[[str], list[HouseholdSummary]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.chosen_id: int | None = None
        self._search = search
        self.setWindowTitle(self.tr("Which household?"))
        self.resize(620, 460)
        rank = {household_id: position for position, household_id in enumerate(recent_ids)}
        recent = sorted((item for item in households if item.id in rank), key=lambda item: rank[item.id])
        others = [item for item in households if item.id not in rank]
        question_label = QLabel(question)
        question_label.setWordWrap(True)
        hint = QLabel(self.tr("The households you opened lately come first. Type to search."))
        hint.setWordWrap(True)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("chooserSearch")
        self.search_edit.setPlaceholderText(self.tr("Search a name, a pseudonym, a number…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._search_changed)
        self.search_edit.installEventFilter(self)
        self.model = HouseholdTableModel(self)
        self._listed = recent + others
        self.model.set_households(self._listed)
        self.table = QTableView()
        self.table.setObjectName("chooserTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(100)
        for column in (
            HouseholdTableModel.COLUMN_COMPOSITION,
            HouseholdTableModel.COLUMN_HOUSING,
            HouseholdTableModel.COLUMN_SINCE,
        ):
            self.table.hideColumn(column)
        self.table.resizeColumnsToContents()
        self.table.doubleClicked.connect(self._choose_index)
        self.table.installEventFilter(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Choose"))
        self.buttons.accepted.connect(lambda: self._choose_index(self.table.currentIndex()))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question_label)
        layout.addWidget(hint)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.search_edit.setFocus()

    def _search_changed(self, text: str) -> None:
        if self._search is not None:
            self.model.set_households(self._search(text) if text.strip() else self._listed)
        self.model.set_search(text)
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())

    def _choose_index(self, index: QModelIndex) -> None:
        if index.isValid() and not self.table.selectionModel().isSelected(index):
            index = QModelIndex()  # a row Qt made current on focus, that nobody selected, is not a choice
        if not index.isValid() and self.model.rowCount() == 1 and self.search_edit.text().strip():
            index = self.model.index(0, 0)  # the search left one household: that is the one
        if not index.isValid():
            self.table.setFocus()
            return
        self.chosen_id = self.model.record(index.row()).id
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter chooses; Down moves from the search box into the list."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose_index(self.table.currentIndex())
                return True
            if watched is self.search_edit and key == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus()
                self.table.selectRow(max(self.table.currentIndex().row(), 0))
                return True
        return super().eventFilter(watched, event)
