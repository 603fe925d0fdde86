"""The household file's « Tâches et notes » tab: its tasks (open first) and its dated debrief notes.

What the debrief decided about a household stays with its file: the tasks given to its team, done or not, and the
debrief notes (class C2: the team reads them, no partner document ever does; docs/domain.md §11.2). A decision is
recorded here as on the board, in one step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from caseworker.formats import format_date
from caseworker.services.tasks import DebriefNoteView, TaskRow
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.record_table_model import Column, RecordTableModel
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.tasks.my_tasks_page import MyTasksTableModel
from caseworker.ui.tasks.task_dialogs import CloseTaskDialog, DebriefDecisionDialog, TaskDeps

translate = QCoreApplication.translate


def _note_text(note: DebriefNoteView) -> str:
    """A note this reader may not read (a volunteer's view of a colleague's) says so, « note masquée »."""
    if note.text_hidden:
        return translate("DebriefNotesTableModel", "(hidden note)")
    return note.text.replace("\n", " ")


class DebriefNotesTableModel(RecordTableModel[DebriefNoteView]):
    """The household's debrief notes, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("DebriefNotesTableModel", "Date"),
                    lambda r: format_date(r.written_on),
                    sort_key=lambda r: (r.written_on, r.id),
                ),
                Column(translate("DebriefNotesTableModel", "By"), lambda r: r.author_name),
                Column(translate("DebriefNotesTableModel", "Note"), _note_text, tooltip=lambda r: r.text),
            ],
            parent,
        )


class HouseholdTasksTab(QWidget):
    """The tasks and debrief notes of the household shown, with Decision…, Done… and Cancel task….

    Signals:
        changed(): a task or a note was recorded or closed here.
    """

    changed = Signal()

    def __init__(self, deps: TaskDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deps = deps
        self.household_id: int | None = None
        self.decision_button = QPushButton(self.tr("Debrief &decision…"))
        self.decision_button.setObjectName("household_decision_button")
        self.decision_button.setToolTip(self.tr("A task for someone of the team, or a dated debrief note"))
        self.decision_button.clicked.connect(self.record_decision)
        self.done_button = QPushButton(self.tr("Task d&one…"))
        self.done_button.setObjectName("household_task_done_button")
        self.done_button.clicked.connect(lambda: self._close(cancel=False))
        self.cancel_button = QPushButton(self.tr("Cance&l the task…"))
        self.cancel_button.setObjectName("household_task_cancel_button")
        self.cancel_button.clicked.connect(lambda: self._close(cancel=True))
        self.tasks_model = MyTasksTableModel(self, whose=True)  # whose each task is, not the household
        self.tasks_table = record_table(self.tasks_model, "householdTasksTable", sortable=True)
        self.tasks_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.notes_model = DebriefNotesTableModel(self)
        self.notes_table = record_table(self.notes_model, "debriefNotesTable", sortable=True)
        buttons = QHBoxLayout()
        for button in (self.decision_button, self.done_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Tasks")))
        layout.addWidget(self.tasks_table, 3)
        layout.addWidget(QLabel(self.tr("Debrief notes (the team reads them; never in a partner document)")))
        layout.addWidget(self.notes_table, 2)
        self._update_buttons()

    def show_household(self, household_id: int) -> None:
        """Read the household's tasks (open first, then by due date) and its debrief notes."""
        self.household_id = household_id
        tasks = self.deps.tasks.household_tasks(household_id)
        self.tasks_model.set_records(sorted(tasks, key=lambda task: (not task.is_open, task.due_on, task.id)))
        self.notes_model.set_records(self.deps.tasks.debrief_notes(household_id))
        self.tasks_table.resizeColumnsToContents()
        self.notes_table.resizeColumnsToContents()
        self._update_buttons()

    def selected_task(self) -> TaskRow | None:
        """Return the task of the selected row, if any."""
        rows = self.tasks_table.selectionModel().selectedRows()
        return self.tasks_model.record(rows[0].row()) if rows else None

    def record_decision(self) -> None:
        """A decision of the debrief about this household: a task or a dated note, in one step."""
        if self.household_id is None:
            return
        dialog = DebriefDecisionDialog(self.deps, self.household_id, parent=self)
        if dialog.exec():
            self._changed()

    def _close(self, *, cancel: bool) -> None:
        task = self.selected_task()
        if task is None or not task.is_open:
            return
        dialog = CloseTaskDialog(self.deps, task, cancel=cancel, parent=self)
        if dialog.exec() or changed_meanwhile(dialog):
            self._changed()

    def _changed(self) -> None:
        if self.household_id is not None:
            self.show_household(self.household_id)
        self.changed.emit()

    def _update_buttons(self, *_args: object) -> None:
        task = self.selected_task()
        if task is None:
            reason = self.tr("Select a task first.")
        elif not task.is_open:
            reason = self.tr("This task is closed already.")
        else:
            reason = ""
        enable_unless(self.done_button, reason)
        enable_unless(self.cancel_button, reason)
