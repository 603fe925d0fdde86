"""Demo tasks and debrief notes: what the morning debriefs of the last weeks decided, then the automatic tasks.

Written once every household's support is in (the owners are the coordinators the support step named), with bulk
inserts in the generation's transaction. About one household in six with running support has a debrief task (some
already done), one in ten a debrief note; then the check of automatic tasks
(:mod:`caseworker.services.tasks.automatic`) makes what the record calls for, as it would at the first log-in.
Nothing is audited: the demo's past is invented, like its contacts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from caseworker.domain.debrief import TaskOrigin, TaskStatus
from caseworker.models import DebriefNote, Episode, Task, TeamMembership
from caseworker.services.support.states import running_statuses
from caseworker.services.tasks.automatic import new_task_rows, pending_conditions

DEBRIEF_TASK_SHARE = 1 / 6
DONE_SHARE = 0.4  # of the debrief tasks already due
DEBRIEF_NOTE_SHARE = 1 / 10

_TASK_TITLES = (
    "Visite à domicile avant la fin de la semaine",
    "Appeler le bailleur au sujet de l'impayé",
    "Accompagner au rendez-vous CAF",
    "Relancer la demande de FSL",
    "Préparer le dossier pour la commission",
    "Prendre des nouvelles après l'hospitalisation",
    "Vérifier l'ouverture des droits à la complémentaire santé",
    "Organiser une visite à deux (aller vers)",
)
_NOTE_TEXTS = (
    "Point en débrief : situation stable, rien à signaler.",
    "Le bailleur signale des troubles de voisinage : on passe cette semaine.",
    "Dette en baisse depuis la mise en place du plan d'apurement.",
    "Le ménage a repris contact de lui-même : bon signe.",
    "Rendez-vous médical manqué : proposer un accompagnement physique.",
)
_MORNING = time(8, 30)


@dataclass(frozen=True)
class TaskCounts:
    """Rows the task step wrote."""

    debrief_tasks: int
    automatic_tasks: int
    debrief_notes: int


def write_demo_tasks(session: Session, rng: random.Random, today: date) -> TaskCounts:
    """Write debrief tasks and notes for households with running support, then run the automatic check."""
    coordinators = dict(
        session.execute(
            select(TeamMembership.household_id, TeamMembership.staff_member_id)
            .join(Episode, Episode.household_id == TeamMembership.household_id)
            .where(
                TeamMembership.is_coordinator.is_(True),
                TeamMembership.end_date.is_(None),
                TeamMembership.staff_member_id.is_not(None),
                Episode.status.in_(running_statuses()),
            )
            .order_by(TeamMembership.household_id, TeamMembership.id)
        ).all()
    )
    tasks: list[dict[str, object]] = []
    notes: list[dict[str, object]] = []
    for household_id in sorted(coordinators):
        owner = coordinators[household_id]
        if rng.random() < DEBRIEF_TASK_SHARE:
            decided = today - timedelta(days=rng.randint(1, 20))
            due = decided + timedelta(days=rng.randint(1, 21))
            done = due < today and rng.random() < DONE_SHARE
            closed_on = min(due + timedelta(days=rng.randint(-2, 3)), today)
            tasks.append(
                {
                    "owner_id": owner,
                    "household_id": household_id,
                    "title": rng.choice(_TASK_TITLES),
                    "due_on": due,
                    "origin": TaskOrigin.DEBRIEF,
                    "reason": None,
                    "automatic_key": None,
                    "status": TaskStatus.DONE if done else TaskStatus.OPEN,
                    "created_at": _moment(decided),
                    "created_by_id": owner,
                    "closed_at": _moment(closed_on) if done else None,
                    "closed_by_id": owner if done else None,
                    "close_note": "",
                    "row_version": 2 if done else 1,
                }
            )
        if rng.random() < DEBRIEF_NOTE_SHARE:
            written = today - timedelta(days=rng.randint(0, 60))
            notes.append(
                {
                    "household_id": household_id,
                    "written_on": written,
                    "text": rng.choice(_NOTE_TEXTS),
                    "staff_member_id": owner,
                    "meeting_id": None,
                    "created_at": _moment(written),
                }
            )
    if tasks:
        session.execute(insert(Task), tasks)
    if notes:
        session.execute(insert(DebriefNote), notes)
    automatic = new_task_rows(session, pending_conditions(session, today, reads_consents=True), today, _moment(today))
    if automatic:
        session.execute(insert(Task), automatic)
    return TaskCounts(debrief_tasks=len(tasks), automatic_tasks=len(automatic), debrief_notes=len(notes))


def _moment(day: date) -> datetime:
    """A fixed hour of the morning debrief, so that the same day gives the same rows."""
    return datetime.combine(day, _MORNING, tzinfo=timezone.utc)
