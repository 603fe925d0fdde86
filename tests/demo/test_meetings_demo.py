"""The demo's COSI: quarterly committees with minutes whose decisions link to the reviews and extensions stored."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.demo import DemoReport
from caseworker.demo.meetings import HELD_COMMITTEES, ITEMS_PER_COMMITTEE
from caseworker.domain.debrief import DecisionKind, MeetingStatus
from caseworker.models import EpisodeReview, Extension
from caseworker.models.meetings import Meeting, MeetingDecision, MeetingItem
from caseworker.services import build_services
from caseworker.storage.database import Database
from tests.conftest import TODAY
from tests.support import FixedClock


def test_quarterly_committees_with_linked_decisions(demo: tuple[Database, DemoReport]) -> None:
    database, _report = demo
    with Session(database.engine) as session:
        meetings = session.scalars(select(Meeting).order_by(Meeting.held_on)).all()
        held = [item for item in meetings if item.status is MeetingStatus.HELD]
        assert len(held) == HELD_COMMITTEES
        assert [item.status for item in meetings[len(held) :]] == [MeetingStatus.PLANNED]
        assert all(item.held_on <= TODAY for item in held) and meetings[-1].held_on > TODAY
        items = session.scalars(select(MeetingItem)).all()
        per_meeting = {meeting.id: [item for item in items if item.meeting_id == meeting.id] for meeting in held}
        assert all(0 < len(rows) <= ITEMS_PER_COMMITTEE for rows in per_meeting.values())
        by_id = {meeting.id: meeting for meeting in meetings}
        for decision in session.scalars(select(MeetingDecision)):
            item = next(row for row in items if row.id == decision.item_id)
            assert (decision.household_id, decision.episode_id) == (item.household_id, item.episode_id)
            assert decision.decided_on == by_id[decision.meeting_id].held_on
            if decision.kind is DecisionKind.STEP_VALIDATED:
                review = session.get(EpisodeReview, decision.review_id)
                assert review is not None and review.episode_id == decision.episode_id
                assert review.held_on <= decision.decided_on
            else:
                assert decision.kind is DecisionKind.EXTENSION
                extension = session.get(Extension, decision.extension_id)
                assert extension is not None and extension.episode_id == decision.episode_id


def test_the_service_reads_the_demo_minutes(demo: tuple[Database, DemoReport]) -> None:
    database, _report = demo
    services = build_services(database.engine, FixedClock(TODAY))  # nobody logged in: maintenance sees all
    past = services.meetings.past("cosi")
    assert len(past) == HELD_COMMITTEES
    meeting = services.meetings.meeting(past[0].id)
    decided = [item for item in meeting.items if item.decisions]
    assert decided and all(item.household_name for item in decided)
    episode_id = decided[0].episode_id
    assert episode_id is not None
    assert decided[0].decisions[0] in services.meetings.decisions_for_episode(episode_id)
    assert len(services.meetings.upcoming("cosi")) == 1
