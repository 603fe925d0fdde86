"""« Mes tâches »: the current person's open tasks, overdue first, each due date also said in words.

Showing the page (and Refresh) first runs the check of automatic tasks (:class:`AutomaticTasks`), off the GUI
thread, so that what the record calls for (a review, an expiry, a planned end…) is on the list when it is read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseworker.errors import KnownError
from caseworker.formats import format_date
from caseworker.services.tasks import TaskRow
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.record_table_model import RECORD_ROLE, Column, RecordTableModel
from caseworker.ui.common.tasks import run_with_progress
from caseworker.ui.tasks.task_dialogs import CloseTaskDialog, NewTaskDialog, TaskDeps

translate = QCoreApplication.translate
OVERDUE_BACKGROUND = QColor("#fde7e4")
CLOSED_FOREGROUND = QColor("#6b6b6b")


class MyTasksTableModel(RecordTableModel[TaskRow]):
    """One row per task; overdue ones are tinted and say so in words, closed ones are greyed."""

    COLUMN_WHEN = 0
    COLUMN_TITLE = 2

    def __init__(self, parent: Any = None, *, whose: bool = False) -> None:
        """``whose``: a column saying whose task it is instead of its household (a household's own list)."""
        who: Column[TaskRow] = (
            Column(translate("MyTasksTableModel", "For"), lambda r: r.owner_name)
            if whose
            else Column(
                translate("MyTasksTableModel", "Household"),
                lambda r: f"{r.household_name} ({r.household_reference})" if r.household_id else "",
            )
        )
        super().__init__(
            [
                Column(
                    translate("MyTasksTableModel", "When"),
                    lambda r: r.due_in_words if r.is_open else r.status_label,
                    sort_key=lambda r: (not r.is_open, r.due_on, r.id),
                ),
                Column(
                    translate("MyTasksTableModel", "Due on"),
                    lambda r: format_date(r.due_on),
                    sort_key=lambda r: (r.due_on, r.id),
                ),
                Column(translate("MyTasksTableModel", "Task"), lambda r: r.title, tooltip=lambda r: r.title),
                who,
                Column(translate("MyTasksTableModel", "Origin"), lambda r: r.origin_label),
                Column(
                    translate("MyTasksTableModel", "Closed"),
                    lambda r: r.close_note if not r.is_open else "",
                    sort_key=lambda r: r.closed_at.date() if r.closed_at else date.max,
                ),
            ],
            parent,
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Tint overdue rows (the first column says it in words too) and grey closed ones."""
        if index.isValid() and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            record = self.record(index.row())
            if role == Qt.ItemDataRole.BackgroundRole and record.overdue:
                return QBrush(OVERDUE_BACKGROUND)
            if role == Qt.ItemDataRole.ForegroundRole and not record.is_open:
                return QBrush(CLOSED_FOREGROUND)
            return None
        return super().data(index, role)


class MyTasksPage(QWidget):
    """The current person's tasks, with New task, Done, Cancel and Open household.

    Signals:
        household_opened(int): open this household's file.
        tasks_changed(): a task was made, closed or cancelled here.
    """

    household_opened = Signal(int)
    tasks_changed = Signal()

    def __init__(self, deps: TaskDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deps = deps
        title = QLabel(self.tr("My tasks"))
        title.setObjectName("pageTitle")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("my_tasks_summary")
        self.new_button = QPushButton(self.tr("&New task… (Ctrl+N)"))
        self.new_button.setObjectName("new_task_button")
        self.new_button.clicked.connect(self.new_task)
        self.done_button = QPushButton(self.tr("&Done… (Ctrl+D)"))
        self.done_button.setObjectName("done_button")
        self.done_button.clicked.connect(self.mark_done)
        self.cancel_button = QPushButton(self.tr("Cance&l task…"))
        self.cancel_button.setObjectName("cancel_task_button")
        self.cancel_button.clicked.connect(self.cancel_task)
        self.open_button = QPushButton(self.tr("&Open household (Enter)"))
        self.open_button.setObjectName("open_household_button")
        self.open_button.clicked.connect(self.open_selected_household)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.closed_check = QCheckBox(self.tr("Show tasks closed in the last 7 days"))
        self.closed_check.setObjectName("show_closed_check")
        self.closed_check.toggled.connect(self._list)
        self.model = MyTasksTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("myTasksTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.open_selected_household())
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.closed_check)  # here, not beside the actions: in French that row is wide already
        top.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        for button in (self.new_button, self.done_button, self.cancel_button, self.open_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.new_task)
        QShortcut(QKeySequence("Ctrl+D"), self).activated.connect(self.mark_done)
        self._update_buttons()

    # reading ---------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Run the check of automatic tasks (off the GUI thread), then read the list again."""
        try:
            run_with_progress(
                self,
                self.tr("My tasks"),
                self.tr("Checking the deadlines of your households…"),
                lambda _report, _cancelled: self.deps.automatic.refresh(),
            )
        except KnownError as exc:  # the list is still worth reading: say why the check did not run
            show_error(self, exc)
        self._list()

    def relist(self) -> None:
        """Read the list again without the check of automatic tasks (a colleague changed a task)."""
        self._list()

    def _list(self) -> None:
        selected = self.selected_task()
        rows = self.deps.tasks.my_tasks(recently_closed=self.closed_check.isChecked())
        self.model.set_records(rows)
        self.table.sortByColumn(MyTasksTableModel.COLUMN_WHEN, Qt.SortOrder.AscendingOrder)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(
            MyTasksTableModel.COLUMN_TITLE, min(self.table.columnWidth(MyTasksTableModel.COLUMN_TITLE), 420)
        )
        open_rows = [row for row in rows if row.is_open]
        overdue = sum(1 for row in open_rows if row.overdue)
        self.summary_label.setText(
            self.tr("%n open task(s)", "", len(open_rows)) + " · " + self.tr("%n overdue", "", overdue)
        )
        if selected is not None:
            self.select_task(selected.id)
        self._update_buttons()

    def selected_task(self) -> TaskRow | None:
        """Return the selected task, if any."""
        index = self.table.currentIndex()
        if not (index.isValid() and self.table.selectionModel().isSelected(index)):
            return None
        record = index.data(RECORD_ROLE)
        return record if isinstance(record, TaskRow) else None

    def select_task(self, task_id: int) -> None:
        """Select a task's row (when it is shown)."""
        for row, record in enumerate(self.model.records()):
            if record.id == task_id:
                self.table.selectRow(row)
                return

    # actions ---------------------------------------------------------------------------------------------

    def new_task(self) -> None:
        """Record a task (for oneself by default)."""
        dialog = NewTaskDialog(self.deps, parent=self)
        if dialog.exec():
            self._changed()
            if dialog.saved is not None:
                self.select_task(dialog.saved.id)

    def mark_done(self) -> None:
        """Mark the selected open task done."""
        self._close(cancel=False)

    def cancel_task(self) -> None:
        """Cancel the selected open task (why is asked)."""
        self._close(cancel=True)

    def open_selected_household(self) -> None:
        """Open the household of the selected task."""
        task = self.selected_task()
        if task is not None and task.household_id is not None:
            self.household_opened.emit(task.household_id)

    def _close(self, *, cancel: bool) -> None:
        task = self.selected_task()
        if task is None or not task.is_open:
            return
        dialog = CloseTaskDialog(self.deps, task, cancel=cancel, parent=self)
        accepted = dialog.exec()
        if accepted or changed_meanwhile(dialog):
            self._changed()

    def _changed(self) -> None:
        self._list()
        self.tasks_changed.emit()

    def _update_buttons(self, *_args: object) -> None:
        task = self.selected_task()
        open_task = task is not None and task.is_open
        self.done_button.setEnabled(open_task)
        self.cancel_button.setEnabled(open_task)
        self.open_button.setEnabled(task is not None and task.household_id is not None)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Enter opens the selected task's household."""
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open_selected_household()
            return True
        return super().eventFilter(watched, event)
