"""What the task services return: frozen rows for « Mes tâches », a household's tasks and its debrief notes.

The due date is also said in words ("en retard de 3 jours", "aujourd'hui", "demain", "dans 5 jours"): overdue is
never told by colour alone (docs/domain.md §11.1). Days are calendar days: a task is due on a day, not within a
number of working days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain.debrief import (
    AUTOMATIC_REASON_LABELS,
    TASK_ORIGIN_LABELS,
    TASK_STATUS_LABELS,
    AutomaticReason,
    TaskOrigin,
    TaskStatus,
)
from caseworker.models import StaffMember, Task
from caseworker.services.households import summaries_for
from caseworker.services.identity import staff_display_name


@dataclass(frozen=True)
class TaskRow:
    """One task as « Mes tâches », a household's file and the contact dialog show it.

    ``household_reference`` and ``household_name`` are empty for a task about no household. ``closed_by_name`` is
    empty for a task the automatic check closed (its ``close_note`` says why).
    """

    id: int
    owner_id: int
    owner_name: str
    household_id: int | None
    household_reference: str
    household_name: str
    title: str
    due_on: date
    due_in_words: str
    overdue: bool
    origin: TaskOrigin
    origin_label: str
    reason: AutomaticReason | None
    status: TaskStatus
    status_label: str
    created_at: datetime
    created_by_name: str
    closed_at: datetime | None
    closed_by_name: str
    close_note: str
    meeting_id: int | None
    alert_id: int | None
    row_version: int

    @property
    def is_open(self) -> bool:
        """Tell whether the task is still to do."""
        return self.status is TaskStatus.OPEN


@dataclass(frozen=True)
class DebriefNoteView:
    """A dated debrief note of a household (class C2: the team reads it, no partner document ever does).

    It is read as an *équipe* note of the contact log whose author wrote it (docs/domain.md §5.2): a volunteer, or
    an administrator off the household's team, reads only their own; another's comes back with ``text`` empty and
    ``text_hidden`` set, for the file to say « note masquée » (on the team's server such a note is not even listed:
    its row-level security keeps the whole row).
    """

    id: int
    household_id: int
    written_on: date
    text: str
    author_name: str
    meeting_id: int | None
    text_hidden: bool = False


def due_in_words(due_on: date, today: date) -> str:
    """Say when a task is due, relative to ``today``: "en retard de 3 jours", "aujourd'hui", "dans 5 jours"."""
    days = (due_on - today).days
    if days < 0:
        late = -days
        return "en retard d'un jour" if late == 1 else f"en retard de {late} jours"
    if days == 0:
        return "aujourd'hui"
    if days == 1:
        return "demain"
    return f"dans {days} jours"


def origin_label(origin: TaskOrigin, reason: AutomaticReason | None) -> str:
    """Return where a task comes from in French; an automatic task says its reason."""
    if origin is TaskOrigin.AUTOMATIC and reason is not None:
        return f"{TASK_ORIGIN_LABELS[origin]} — {AUTOMATIC_REASON_LABELS[reason]}"
    return TASK_ORIGIN_LABELS[origin]


def task_rows(session: Session, tasks: Sequence[Task], today: date) -> list[TaskRow]:
    """Build the rows of ``tasks`` with the names they show (three queries whatever their number)."""
    household_ids = sorted({task.household_id for task in tasks if task.household_id is not None})
    households = {item.id: item for item in summaries_for(session, household_ids)} if household_ids else {}
    staff_ids = {task.owner_id for task in tasks}
    staff_ids |= {task.created_by_id for task in tasks if task.created_by_id is not None}
    staff_ids |= {task.closed_by_id for task in tasks if task.closed_by_id is not None}
    names = staff_names(session, staff_ids)
    rows = []
    for task in tasks:
        summary = households.get(task.household_id) if task.household_id is not None else None
        open_ = task.status is TaskStatus.OPEN
        rows.append(
            TaskRow(
                id=task.id,
                owner_id=task.owner_id,
                owner_name=names.get(task.owner_id, ""),
                household_id=task.household_id,
                household_reference=summary.reference if summary else "",
                household_name=summary.display_name if summary else "",
                title=task.title,
                due_on=task.due_on,
                due_in_words=due_in_words(task.due_on, today) if open_ else "",
                overdue=open_ and task.due_on < today,
                origin=task.origin,
                origin_label=origin_label(task.origin, task.reason),
                reason=task.reason,
                status=task.status,
                status_label=TASK_STATUS_LABELS[task.status],
                created_at=task.created_at,
                created_by_name=names.get(task.created_by_id, "") if task.created_by_id is not None else "",
                closed_at=task.closed_at,
                closed_by_name=names.get(task.closed_by_id, "") if task.closed_by_id is not None else "",
                close_note=task.close_note,
                meeting_id=task.meeting_id,
                alert_id=task.alert_id,
                row_version=task.row_version,
            )
        )
    return rows


def staff_names(session: Session, ids: set[int]) -> dict[int, str]:
    """Return the display names of some staff members."""
    if not ids:
        return {}
    query = select(StaffMember.id, StaffMember.first_name, StaffMember.last_name).where(StaffMember.id.in_(ids))
    return {staff_id: staff_display_name(first, last) for staff_id, first, last in session.execute(query)}
