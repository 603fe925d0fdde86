"""The support being invented for one household, before it becomes rows: episodes, suspensions, the team.

Plain mutable values the planners fill in and :mod:`caseworker.demo.support.episode_rows` turns into rows; ids
are handed out only when a plan is queued, in chronological order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from caseworker.demo.support.reference import MeasureInfo, StaffInfo
from caseworker.domain import EpisodeStatus


@dataclass(frozen=True)
class HouseholdFacts:
    """What the support step knows of a household the same chunk just invented."""

    id: int
    entry: date
    situation: str
    housing: str  # current occupancy status code
    landlord_id: int | None  # organisation of the current dwelling
    referral_source_id: int | None


@dataclass
class SuspensionPlan:
    """A suspension of an episode (``end`` None: it is still running)."""

    start: date
    end: date | None
    reason: str
    review: date


@dataclass
class EpisodePlan:
    """One episode being invented; ids are handed out when it is queued, in chronological order."""

    measure: MeasureInfo
    status: EpisodeStatus
    orientation: date
    steps: list[tuple[EpisodeStatus, date]] = field(default_factory=list)  # after orientation_recue
    start: date | None = None
    end: date | None = None
    suspensions: list[SuspensionPlan] = field(default_factory=list)
    levels: list[tuple[str, date]] = field(default_factory=list)  # level code, first day
    extensions: list[tuple[date, int]] = field(default_factory=list)  # decided on, months
    no_follow_up: str | None = None
    exit_reason: str | None = None
    id: int = 0


@dataclass
class MemberPlan:
    """A member of a household's team: a professional of the directory or a landlord's contact."""

    staff: StaffInfo | None
    partner_contact_id: int | None
    role: str
    coordinator: bool
    start: date
    end: date | None
    end_reason: str = ""


@dataclass
class Spell:
    """A stretch of support with one team: the main episode, a possible concurrent one, and the team."""

    main: EpisodePlan
    companion: EpisodePlan | None = None
    members: list[MemberPlan] = field(default_factory=list)
    # Coordinators in order: (staff, first day).
    coordinators: list[tuple[StaffInfo, date]] = field(default_factory=list)
    failed_run: bool = False

    def coordinator_on(self, day: date) -> StaffInfo:
        """Return the coordinator in charge on ``day`` (the first one before they started)."""
        current = self.coordinators[0][0]
        for staff, since in self.coordinators:
            if since <= day:
                current = staff
        return current
