"""The "Ménages" list: search as you type, sortable table, Enter opens the file, Ctrl+N creates a household."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseworker.services.households import COUNT_LIMIT, HouseholdService, HouseholdSummary
from caseworker.services.reference import ReferenceDataService
from caseworker.services.validation import SEARCH_MAX
from caseworker.ui.common.text_limits import limited_line
from caseworker.ui.households.household_chooser import HouseholdChooserDialog
from caseworker.ui.households.household_dialog import HouseholdDialog
from caseworker.ui.households.household_list_model import HouseholdListTableModel


class HouseholdListPanel(QWidget):
    """Finds and opens households.

    Signals:
        household_opened(int): the person asked to open a household file.
        contact_requested(int): the person asked to record a contact with the selected household (Ctrl+K).
    """

    household_opened = Signal(int)
    contact_requested = Signal(int)

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
        title = QLabel(self.tr("Households"))
        title.setObjectName("pageTitle")
        self._build_search_and_buttons()
        self.count_label = QLabel()
        self._build_table()
        self._lay_out(title)
        self._add_shortcuts()

    # building ---------------------------------------------------------------------------------------------

    def _build_search_and_buttons(self) -> None:
        """Create the search box and the New household and New contact buttons."""
        self.search_edit = limited_line(SEARCH_MAX)
        self.search_edit.setObjectName("householdSearch")
        self.search_edit.setPlaceholderText(self.tr("Search a name, a pseudonym, a number… (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._search_changed)
        self.search_edit.installEventFilter(self)
        self.new_button = QPushButton(self.tr("&New household…"))
        self.new_button.setToolTip(self.tr("Create a household (Ctrl+N)"))
        self.new_button.clicked.connect(self.create_household)
        self.contact_button = QPushButton(self.tr("New &contact…"))
        self.contact_button.setObjectName("quick_contact_button")
        self.contact_button.setToolTip(
            self.tr("Record a visit, a call or an attempt for the selected household (Ctrl+K)")
        )
        self.contact_button.clicked.connect(self.request_contact)

    def _build_table(self) -> None:
        """Create the sortable table of households, sorted by name."""
        self.model = HouseholdListTableModel(self._households, self)
        self.table = QTableView()
        self.table.setObjectName("householdTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Column widths from the first rows only (those of the first page).
        header.setResizeContentsPrecision(200)
        header.setStretchLastSection(True)
        self.table.sortByColumn(HouseholdListTableModel.COLUMN_NAME, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._open_index)
        self.table.installEventFilter(self)

    def _lay_out(self, title: QLabel) -> None:
        """Place the title and the buttons on top, then the search, the table and the count."""
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.contact_button)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    def _add_shortcuts(self) -> None:
        """Ctrl+F searches, Ctrl+N creates a household, Ctrl+K records a contact with the selected one."""
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.focus_search)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.create_household)
        QShortcut(QKeySequence("Ctrl+K"), self).activated.connect(self.request_contact)

    def reload(self) -> None:
        """Read the first page of households and the counts (at start and after bulk changes)."""
        self.model.reload()
        self.table.resizeColumnsToContents()
        self._update_count()

    def focus_search(self) -> None:
        """Put the cursor in the search box, selecting what is there."""
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def household_updated(self, household: HouseholdSummary) -> None:
        """Refresh the rows shown after an edit elsewhere (the household may have moved in the order)."""
        del household  # the rows are read again, in order
        self.model.refresh()
        self._update_count()

    def create_household(self) -> None:
        """Open the creation dialog; open the new file when it is saved."""
        dialog = HouseholdDialog(self._households, self._reference, self._today, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.model.refresh()
            self._update_count()
            self.household_opened.emit(dialog.saved.id)

    def request_contact(self) -> None:
        """Ask for the quick contact entry of the selected household; ask which one when nothing is selected.

        A search selects its first row (the list says which member matched, the dialog names the household); on
        the whole list nothing is selected until the person chooses, and the first row is never taken for them.
        """
        index = self.table.currentIndex()
        if not (index.isValid() and self.table.selectionModel().isSelected(index)):
            searching = bool(self.search_edit.text().strip()) and self.model.rowCount() > 0
            index = self.model.index(0, 0) if searching else QModelIndex()
        if index.isValid():
            self.contact_requested.emit(self.model.record(index.row()).id)
            return
        if not self.model.total_count():
            return
        recent = self._households.recently_opened()
        shown = {item.id for item in self.model.records()}
        chooser = HouseholdChooserDialog(
            [*self._households.summaries([i for i in recent if i not in shown]), *self.model.records()],
            recent,
            self.tr("For which household do you record a contact?"),
            parent=self,
            search=self._households.search,
        )
        if chooser.exec() and chooser.chosen_id is not None:
            self.contact_requested.emit(chooser.chosen_id)

    def _search_changed(self, text: str) -> None:
        self.model.set_search(text)
        self._update_count()
        if text.strip() and self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())

    def _update_count(self) -> None:
        shown, total = self.model.matched_count(), self.model.total_count()
        if self.model.matched_beyond_limit():
            self.count_label.setText(
                self.tr("More than %n of {total} household(s)", "", COUNT_LIMIT).format(total=total)
            )
        elif shown == total:
            self.count_label.setText(self.tr("%n household(s)", "", total))
        else:
            self.count_label.setText(self.tr("%n of {total} household(s)", "", shown).format(total=total))

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.household_opened.emit(self.model.record(index.row()).id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter opens the selected household; Down moves from the search box into the list."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                index = self.table.currentIndex()
                if not index.isValid() and self.model.rowCount():
                    index = self.model.index(0, 0)
                self._open_index(index)
                return True
            if watched is self.search_edit and key == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus()
                self.table.selectRow(max(self.table.currentIndex().row(), 0))
                return True
        return super().eventFilter(watched, event)
