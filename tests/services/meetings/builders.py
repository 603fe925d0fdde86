"""Builders shared by the meeting tests: a meeting planned with a household's items, its minutes recorded."""

from __future__ import annotations

from datetime import date

from caseworker.domain.debrief import AgendaItemKind
from caseworker.services import Services
from caseworker.services.meetings import (
    Decision,
    ItemInput,
    ItemMinutes,
    ItemView,
    MeetingInput,
    MeetingView,
    MinutesInput,
    MinutesResult,
)
from tests.services.builders import TODAY


def planned(services: Services, type_code: str = "cosi", *, on: date = TODAY) -> MeetingView:
    """A meeting of ``type_code`` planned on ``on`` (today by default, so that its minutes may be recorded)."""
    return services.meetings.plan(MeetingInput(type_code, on, place="Salle du conseil, Rennes"))


def with_item(
    services: Services,
    meeting: MeetingView,
    household_id: int,
    *,
    episode_id: int | None = None,
    kind: AgendaItemKind = AgendaItemKind.SITUATION,
    glissement_review_id: int | None = None,
    label: str = "Point de situation",
) -> MeetingView:
    """Add one household's item to the agenda."""
    return services.meetings.add_items(
        meeting.id,
        [ItemInput(kind, label, household_id, episode_id, glissement_review_id)],
        expected_version=meeting.row_version,
    )


def item_of(meeting: MeetingView, household_id: int) -> ItemView:
    return next(item for item in meeting.items if item.household_id == household_id)


def decide(
    services: Services, meeting: MeetingView, item: ItemView, *decisions: Decision, **minutes: object
) -> MinutesResult:
    """Record the minutes of one item with its decisions."""
    return services.meetings.record_minutes(
        meeting.id,
        MinutesInput(
            items=(
                ItemMinutes(
                    item.id,
                    decisions=decisions,
                    episode_version=item.episode_version,
                    **minutes,  # type: ignore[arg-type]
                ),
            )
        ),
        expected_version=meeting.row_version,
    )
