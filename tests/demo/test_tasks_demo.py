"""The demo's tasks: debrief tasks and notes for households with running support, and the automatic tasks once."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseworker.demo import DemoReport
from caseworker.domain.debrief import AutomaticReason, TaskOrigin, TaskStatus
from caseworker.models import (
    AfterCare,
    DebriefNote,
    Episode,
    StaffMember,
    StaffRole,
    Task,
    TeamMembership,
    WatchEntry,
)
from caseworker.services import build_services
from caseworker.services.access_policy import TEAM_LEAD_ROLE
from caseworker.services.support.states import running_statuses
from caseworker.storage.database import Database
from tests.conftest import TODAY
from tests.support import FixedClock


def test_debrief_and_automatic_tasks_are_the_coordinators(demo: tuple[Database, DemoReport]) -> None:
    database, report = demo
    with Session(database.engine) as session:
        tasks = list(session.scalars(select(Task)))
        by_origin = {origin: [task for task in tasks if task.origin is origin] for origin in TaskOrigin}
        assert by_origin[TaskOrigin.DEBRIEF] and by_origin[TaskOrigin.AUTOMATIC]
        assert report.tasks == len(tasks)
        coordinators = set(
            session.execute(
                select(TeamMembership.household_id, TeamMembership.staff_member_id).where(
                    TeamMembership.is_coordinator.is_(True), TeamMembership.end_date.is_(None)
                )
            ).all()
        )
        # After-care's tasks (its window's end, the watch list's news) are about households out of support, for the
        # after-care's referent first (docs/domain.md §14.2); the others are running support's, the coordinator's.
        after_care_reasons = {AutomaticReason.WATCH, AutomaticReason.AFTER_CARE_END}
        support_tasks = [task for task in tasks if task.reason not in after_care_reasons]
        assert all((task.household_id, task.owner_id) in coordinators for task in support_tasks)
        running = set(session.scalars(select(Episode.household_id).where(Episode.status.in_(running_statuses()))))
        assert {task.household_id for task in support_tasks} <= running
        referents = set(session.execute(select(AfterCare.household_id, AfterCare.referent_id)).all())
        watched = set(session.scalars(select(WatchEntry.household_id).where(WatchEntry.end_date.is_(None))))
        # A household watched without a team any more: the team lead holds its task (tasks/automatic.py).
        leads = set(
            session.scalars(
                select(StaffMember.id)
                .join(StaffRole, StaffRole.id == StaffMember.role_id)
                .where(StaffRole.code == TEAM_LEAD_ROLE)
            )
        )
        for task in tasks:
            if task.reason is AutomaticReason.AFTER_CARE_END:
                assert (task.household_id, task.owner_id) in referents | coordinators
            elif task.reason is AutomaticReason.WATCH:
                assert task.household_id in watched
                assert (task.household_id, task.owner_id) in referents | coordinators or task.owner_id in leads
        assert all(task.automatic_key and task.reason for task in by_origin[TaskOrigin.AUTOMATIC])
        done = [task for task in by_origin[TaskOrigin.DEBRIEF] if task.status is TaskStatus.DONE]
        assert all(task.closed_by_id == task.owner_id and task.due_on < TODAY for task in done)
        assert session.scalar(select(func.count()).select_from(DebriefNote)) > 0


def test_the_check_run_again_after_the_demo_makes_nothing(demo: tuple[Database, DemoReport]) -> None:
    database, _report = demo
    services = build_services(database.engine, FixedClock(TODAY))  # nobody logged in: sees every household
    with Session(database.engine) as session:
        before = session.scalar(select(func.count()).select_from(Task))
    counts = services.automatic_tasks.refresh()
    assert counts.made == 0
    with Session(database.engine) as session:
        assert session.scalar(select(func.count()).select_from(Task)) == before
