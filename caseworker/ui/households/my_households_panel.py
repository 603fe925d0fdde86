"""« Mes ménages »: the current user's households, what needs attention first, and their caseload."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
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

from caseworker.formats import format_date, format_number
from caseworker.services.households import HouseholdService
from caseworker.services.support import MyHouseholdRow, MyHouseholdsService, TeamService
from caseworker.ui.common.record_table_model import RECORD_ROLE, Column, RecordTableModel
from caseworker.ui.households.household_chooser import HouseholdChooserDialog

translate = QCoreApplication.translate
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ATTENTION_BACKGROUND = QColor("#fde7e4")
ATTENTION_WIDTH = 300  # pixels; longer reasons wrap onto more lines
MEASURES_WIDTH = 220


def _days(row: MyHouseholdRow) -> str:
    if row.days_without_contact is None:
        return ""
    text = str(row.days_without_contact)
    if row.no_contact_threshold is not None:
        text += f" / {row.no_contact_threshold}"
    return text


class MyHouseholdsTableModel(RecordTableModel[MyHouseholdRow]):
    """One row per household of the current user; rows needing attention are tinted.

    What needs attention comes first, then who, then the contact figures against the threshold (the columns
    read first must be in view on a 1366-pixel laptop), then the support's details.
    """

    COLUMN_ATTENTION = 0
    COLUMN_DAYS_WITHOUT_CONTACT = 4
    COLUMN_MEASURES = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("MyHouseholdsTableModel", "Attention"),
                    lambda r: " · ".join(r.attention()),
                    sort_key=lambda r: (not r.needs_attention, len(r.attention()) * -1),
                    tooltip=lambda r: "\n".join(r.attention()),
                ),
                Column(translate("MyHouseholdsTableModel", "Household"), lambda r: r.display_name),
                Column(translate("MyHouseholdsTableModel", "No."), lambda r: r.reference),
                Column(
                    translate("MyHouseholdsTableModel", "Last contact"),
                    lambda r: format_date(r.last_contact_on),
                    sort_key=lambda r: r.last_contact_on or date.min,
                ),
                Column(
                    translate("MyHouseholdsTableModel", "Days without contact / threshold"),
                    _days,
                    sort_key=lambda r: r.days_without_contact if r.days_without_contact is not None else -1,
                    alignment=_RIGHT,
                ),
                Column(
                    translate("MyHouseholdsTableModel", "Role"),
                    lambda r: ("★ " if r.is_coordinator else "") + r.team_role_label,
                    tooltip=lambda r: translate("MyHouseholdsTableModel", "Coordinator") if r.is_coordinator else "",
                ),
                Column(
                    translate("MyHouseholdsTableModel", "Measures"), lambda r: r.measures, tooltip=lambda r: r.measures
                ),
                Column(translate("MyHouseholdsTableModel", "Status"), lambda r: r.status_label),
                Column(translate("MyHouseholdsTableModel", "Intensity"), lambda r: r.intensity_label),
                Column(
                    translate("MyHouseholdsTableModel", "Next review"),
                    lambda r: f"{r.next_review_label} {format_date(r.next_review_on)}".strip(),
                    sort_key=lambda r: r.next_review_on or date.max,
                ),
                Column(
                    translate("MyHouseholdsTableModel", "Planned end"),
                    lambda r: format_date(r.planned_end),
                    sort_key=lambda r: r.planned_end or date.max,
                ),
            ],
            parent,
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Tint the rows that need attention (the text says why, for people who do not see colours)."""
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            return QBrush(ATTENTION_BACKGROUND) if self.record(index.row()).needs_attention else None
        return super().data(index, role)


class MyHouseholdsPanel(QWidget):
    """The current user's households.

    Signals:
        household_opened(int): open this household's file.
        contact_requested(int): record a contact with this household (quick entry).
    """

    household_opened = Signal(int)
    contact_requested = Signal(int)

    def __init__(
        self,
        my_households: MyHouseholdsService,
        team: TeamService,
        households: HouseholdService,
        staff_id: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._my_households = my_households
        self._team = team
        self._households = households
        self._staff_id = staff_id
        title = QLabel(self.tr("My households"))
        title.setObjectName("pageTitle")
        self.caseload_label = QLabel()
        self.caseload_label.setObjectName("caseload_label")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("my_households_summary")
        self.contact_button = QPushButton(self.tr("New &contact… (Ctrl+K)"))
        self.contact_button.setObjectName("quick_contact_button")
        self.contact_button.clicked.connect(self.request_contact)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.model = MyHouseholdsTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("myHouseholdsTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open_index)
        self.table.installEventFilter(self)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.contact_button)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.caseload_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        QShortcut(QKeySequence("Ctrl+K"), self).activated.connect(self.request_contact)

    def reload(self) -> None:
        """Read the rows again (on showing the section and after changes)."""
        rows = self._my_households.for_staff()
        self.model.set_records(rows)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.resizeColumnsToContents()
        # Several reasons side by side (or a measure's long name) would push the other columns out of view:
        # they wrap instead.
        for column, widest in (
            (MyHouseholdsTableModel.COLUMN_ATTENTION, ATTENTION_WIDTH),
            (MyHouseholdsTableModel.COLUMN_MEASURES, MEASURES_WIDTH),
        ):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        self.table.resizeRowsToContents()
        attention = sum(1 for row in rows if row.needs_attention)
        self.summary_label.setText(
            self.tr("%n household(s)", "", len(rows)) + " · " + self.tr("%n need(s) attention", "", attention)
        )
        self.caseload_label.setText(self._caseload_text())
        # Nothing is chosen for the person: Ctrl+K on an unchosen row would record a visit for the wrong household.
        self.table.clearSelection()

    def _caseload_text(self) -> str:
        staff_id = self._staff_id()
        if staff_id is None:
            return ""
        load = self._team.caseload(staff_id)
        text = self.tr("Caseload: %n household(s) with running support", "", load.households)
        text += " · " + self.tr("weighted load {load}").format(load=format_number(load.weighted_load, "0.0"))
        if load.target is not None and load.ratio is not None:
            text += " · " + self.tr("target {target} ({percent} %)").format(
                target=format_number(load.target), percent=format_number(load.ratio * 100, "0")
            )
            if load.over_target:
                text += " ⚠ " + self.tr("over target")
        return text

    def selected_household_id(self) -> int | None:
        """Return the selected household, if any (the current row only counts when it is selected)."""
        index = self.table.currentIndex()
        if not (index.isValid() and self.table.selectionModel().isSelected(index)):
            return None
        record = index.data(RECORD_ROLE) if index.isValid() else None
        return record.household_id if isinstance(record, MyHouseholdRow) else None

    def request_contact(self) -> None:
        """Ask for the quick contact entry of the selected household; ask which one when none is selected."""
        household_id = self.selected_household_id()
        if household_id is not None:
            self.contact_requested.emit(household_id)
            return
        mine = {record.household_id for record in self.model.records()}
        if not mine:
            return
        summaries = self._households.summaries(sorted(mine))
        chooser = HouseholdChooserDialog(
            summaries,
            self._households.recently_opened(),
            self.tr("For which household do you record a contact?"),
            parent=self,
        )
        if chooser.exec() and chooser.chosen_id is not None:
            self.contact_requested.emit(chooser.chosen_id)

    def _open_index(self, index: QModelIndex) -> None:
        record = index.data(RECORD_ROLE) if index.isValid() else None
        if isinstance(record, MyHouseholdRow):
            self.household_opened.emit(record.household_id)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Enter opens the selected household."""
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._open_index(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)
