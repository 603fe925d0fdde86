"""The dialogs of tasks: a new task, closing one (done or cancelled), and a debrief decision for one household.

:class:`DebriefDecisionDialog` is what the morning debrief board opens on a household: the decision becomes a
task for someone or a dated debrief note, in one step (docs/domain.md §11.2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QRadioButton, QWidget

from caseworker.services.date_rules import DateKind
from caseworker.services.tasks import (
    AutomaticTasks,
    DebriefChoice,
    DebriefDecision,
    OwnerChoice,
    TaskInput,
    TaskRow,
    TaskService,
)
from caseworker.services.tasks.service import CLOSE_NOTE_MAX, DEBRIEF_NOTE_MAX, TITLE_MAX
from caseworker.ui.common.form_dialog import FormDialog, note_edit
from caseworker.ui.common.text_limits import limited_line

DEFAULT_DELAY_DAYS = 7
"""A new task is due in a week unless the person says otherwise."""


@dataclass(frozen=True)
class TaskDeps:
    """What the task page and dialogs use."""

    tasks: TaskService
    automatic: AutomaticTasks
    today: Callable[[], date]
    staff_id: Callable[[], int | None]


def owner_combo(choices: list[OwnerChoice], current: int | None) -> QComboBox:
    """A list of who may own the task, the current person chosen when they may."""
    combo = QComboBox()
    combo.setObjectName("owner_combo")
    for choice in choices:
        combo.addItem(("★ " if choice.is_coordinator else "") + choice.name, choice.id)
    index = combo.findData(current)
    combo.setCurrentIndex(index if index >= 0 else 0)
    return combo


def _chosen(combo: QComboBox) -> int:
    data = combo.currentData()
    return int(data) if data is not None else 0


class NewTaskDialog(FormDialog):
    """Records a task for someone, optionally about one household."""

    def __init__(self, deps: TaskDeps, household_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New task"), today=deps.today, parent=parent)
        self.deps = deps
        self.household_id = household_id
        self.title_edit = limited_line(TITLE_MAX)
        self.title_edit.setObjectName("title_edit")
        self.add_row(self.tr("&Task:"), self.title_edit, "title")
        self.owner = owner_combo(deps.tasks.owner_choices(household_id), deps.staff_id())
        self.add_row(self.tr("&For:"), self.owner, "owner_id")
        self.due_field = self.date_row(
            DateKind.PLANNED, self.tr("&Due on:"), "due_on", deps.today() + timedelta(days=DEFAULT_DELAY_DAYS)
        )
        self.saved: TaskRow | None = None
        self.finish(self._save_task)

    def _save_task(self) -> None:
        self.saved = self.deps.tasks.create_task(
            TaskInput(
                owner_id=_chosen(self.owner),
                title=self.title_edit.text(),
                due_on=self.required("due_on"),
                household_id=self.household_id,
            )
        )


class CloseTaskDialog(FormDialog):
    """Marks a task done (an optional note) or cancels it (why is required)."""

    def __init__(self, deps: TaskDeps, task: TaskRow, *, cancel: bool, parent: QWidget | None = None) -> None:
        title = self.tr("Cancel the task") if cancel else self.tr("Task done")
        super().__init__(title, parent=parent)
        self.deps = deps
        self.task = task
        self.cancel = cancel
        self.note_edit = note_edit(CLOSE_NOTE_MAX, 60)
        self.note_edit.setObjectName("close_note_edit")
        label = self.tr("&Why:") if cancel else self.tr("&Note (optional):")
        self.add_row(label, self.note_edit, "reason" if cancel else "note")
        self.finish(self._close_task)

    def _close_task(self) -> None:
        text = self.note_edit.toPlainText()
        if self.cancel:
            self.deps.tasks.cancel_task(self.task.id, expected_version=self.task.row_version, reason=text)
        else:
            self.deps.tasks.complete_task(self.task.id, expected_version=self.task.row_version, note=text)


class DebriefDecisionDialog(FormDialog):
    """A decision of the debrief about one household: a task for someone, or a dated debrief note.

    Reusable wherever a household is discussed (the board, « Mes tâches »): give it the task service and the
    household's number.
    """

    def __init__(
        self, deps: TaskDeps, household_id: int, *, meeting_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Debrief decision"), today=deps.today, parent=parent)
        self.deps = deps
        self.household_id = household_id
        self.meeting_id = meeting_id
        self.task_radio = QRadioButton(self.tr("&Task"))
        self.task_radio.setObjectName("task_radio")
        self.note_radio = QRadioButton(self.tr("Debrief &note"))
        self.note_radio.setObjectName("note_radio")
        group = QButtonGroup(self)
        group.addButton(self.task_radio)
        group.addButton(self.note_radio)
        self.task_radio.setChecked(True)
        choice = QWidget()
        row = QHBoxLayout(choice)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.task_radio)
        row.addWidget(self.note_radio)
        row.addStretch(1)
        self.add_row(self.tr("Decision:"), choice, "choice")
        self.text_edit = note_edit(DEBRIEF_NOTE_MAX, 90)
        self.text_edit.setObjectName("decision_text_edit")
        self.add_row(self.tr("T&ext:"), self.text_edit, "text", "title")
        self.owner = owner_combo(deps.tasks.owner_choices(household_id), deps.staff_id())
        self.add_row(self.tr("&For:"), self.owner, "owner_id")
        self.due_field = self.date_row(
            DateKind.PLANNED, self.tr("&Due on:"), "due_on", deps.today() + timedelta(days=DEFAULT_DELAY_DAYS)
        )
        self.written_field = self.date_row(DateKind.EVENT, self.tr("&Written on:"), "written_on", deps.today())
        self.task_radio.toggled.connect(self._choice_changed)
        self._choice_changed()
        self.finish(self._record)

    @property
    def choice(self) -> DebriefChoice:
        """What the decision becomes."""
        return DebriefChoice.TASK if self.task_radio.isChecked() else DebriefChoice.NOTE

    def _choice_changed(self) -> None:
        """Only the fields of the chosen kind can be typed in."""
        task = self.task_radio.isChecked()
        self.owner.setEnabled(task)
        self.due_field.setEnabled(task)
        self.written_field.setEnabled(not task)

    def _record(self) -> None:
        task = self.choice is DebriefChoice.TASK
        self.deps.tasks.record_debrief_decision(
            self.household_id,
            DebriefDecision(
                choice=self.choice,
                text=self.text_edit.toPlainText(),
                owner_id=_chosen(self.owner) if task else None,
                due_on=self.value("due_on") if task else None,
                written_on=None if task else self.value("written_on"),
                meeting_id=self.meeting_id,
            ),
        )
