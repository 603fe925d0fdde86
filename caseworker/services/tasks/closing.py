"""Closing tasks inside another use case's transaction: "the referent records the visit, and the task closes".

Kept apart from the task service so that the contact log (:mod:`caseworker.services.support.contacts`) can close
the recording person's tasks in the same transaction as the contact, without importing the whole service.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.domain.debrief import TaskOrigin, TaskStatus
from caseworker.formats import format_date
from caseworker.models import Task
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.errors import TransitionError


def open_tasks_query(household_id: int, owner_id: int) -> Select[Task]:
    """The open tasks people gave one owner about one household, by due date (a contact may close them).

    Automatic tasks are not among them: each closes by itself when its own condition is met (a review held, a
    consent renewed; a contact closes the no-contact one), and a visit is not a review.
    """
    return (
        select(Task)
        .where(
            Task.household_id == household_id,
            Task.owner_id == owner_id,
            Task.status == TaskStatus.OPEN,
            Task.origin != TaskOrigin.AUTOMATIC,
        )
        .order_by(Task.due_on, Task.id)
    )


def close_for_contact(
    session: Session, ctx: ServiceContext, household_id: int, task_ids: Sequence[int], contact_on: date
) -> list[int]:
    """Mark done the person's own open tasks ``task_ids`` of ``household_id``, noting the contact's date.

    Only the recording person's open tasks of that household may be closed this way: anything else is refused
    and nothing of the contact is saved (the dialog offered only those). Each task's version moves on, as any
    change does, so a dialog open on it meanwhile is told.

    Raises:
        TransitionError: a task is not the person's, not open, or not about this household.
    """
    wanted = list(dict.fromkeys(task_ids))
    if not wanted:
        return []
    owner_id = ctx.actor.staff_member_id
    if owner_id is None:
        raise TransitionError("Seule une personne connectée peut fermer ses tâches.")
    found = {task.id: task for task in session.scalars(open_tasks_query(household_id, owner_id))}
    if any(task_id not in found for task_id in wanted):
        raise TransitionError(
            "Une des tâches à fermer n'est plus ouverte ou n'est pas à vous : rien n'a été enregistré. "
            "Fermez cette fenêtre et recommencez."
        )
    now = ctx.clock.now()
    for task_id in wanted:
        task = found[task_id]
        task.status = TaskStatus.DONE
        task.closed_at = now
        task.closed_by_id = owner_id
        task.close_note = f"Contact du {format_date(contact_on)}"
        task.row_version += 1
        audit.record(
            session,
            ctx,
            AuditAction.UPDATE,
            "task",
            task.id,
            household_id=household_id,
            fields=("status", "closed_at", "closed_by_id", "close_note"),
        )
    return wanted
