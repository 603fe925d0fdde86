"""The demo's tasks: debrief tasks and notes for households with running support, and the automatic tasks once."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseworker.demo import DemoReport
from caseworker.domain.debrief import TaskOrigin, TaskStatus
from caseworker.models import DebriefNote, Episode, Task, TeamMembership
from caseworker.services import build_services
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
        assert all((task.household_id, task.owner_id) in coordinators for task in tasks)
        running = set(session.scalars(select(Episode.household_id).where(Episode.status.in_(running_statuses()))))
        assert {task.household_id for task in tasks} <= running
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
