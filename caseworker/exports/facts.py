"""What an export counts from: the episodes of the profile's measures and the households' members on a date.

One read of the episodes in scope (with their exit record, referral source and measure) and one of the memberships
of their households; every indicator then counts in memory. Nothing here holds a name: household and episode ids
stay inside the computation and never reach a report (docs/domain.md §13).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from caseworker.domain import EpisodeStatus
from caseworker.models import (
    CompositionType,
    Episode,
    ExitReason,
    ExitRecord,
    Household,
    HouseholdMembership,
    Measure,
    OccupancyStatus,
    ReferralSource,
    Suspension,
)

WAITING_STATUSES = (EpisodeStatus.ORIENTATION_RECUE, EpisodeStatus.ACCORD_DE_PRINCIPE, EpisodeStatus.EN_ATTENTE)


@dataclass(frozen=True)
class ExportScope:
    """Which measures, which period (both ends included) and on which day stocks are taken (*état au*)."""

    measure_codes: tuple[str, ...]
    period_start: date
    period_end: date
    as_of: date

    def in_period(self, day: date | None) -> bool:
        """Whether ``day`` falls within the period."""
        return day is not None and self.period_start <= day <= self.period_end


@dataclass(frozen=True)
class EpisodeFact:
    """One episode as the indicators see it (no name, no note)."""

    id: int
    household_id: int
    measure_code: str
    status: EpisodeStatus
    orientation: date
    start: date | None
    end: date | None
    reentry: bool
    referral_source: str
    exit_reason: str | None
    exit_reason_code: str | None
    destination: str | None
    destination_housed: bool | None
    previous_id: int | None = None  # the household's episode this one follows (a reactivation, a return)

    def running_on(self, day: date) -> bool:
        """Whether support was under way that day: started, and not yet ended (an exit day is the first day out)."""
        return self.start is not None and self.start <= day and (self.end is None or self.end > day)

    def waiting_on(self, day: date) -> bool:
        """Whether the household was oriented but not yet started that day (the waiting list)."""
        if self.orientation > day:
            return False
        if self.start is not None:
            return self.start > day
        return self.status in WAITING_STATUSES or (self.end is not None and self.end > day)

    @property
    def exited(self) -> bool:
        """Whether the support started and then ended with an exit record."""
        return self.start is not None and self.end is not None and self.exit_reason is not None


@dataclass
class Members:
    """Each household's membership periods, to count its persons (children included) on a date."""

    periods: dict[int, list[tuple[date, date | None]]] = field(default_factory=lambda: defaultdict(list))

    def count_on(self, household_id: int, day: date) -> int:
        """How many persons belonged to the household that day.

        A household whose members were recorded only later (a file typed after the support began) counts as first
        recorded: its members on the earliest day after ``day`` that any is known.
        """
        periods = self.periods.get(household_id, ())
        present = sum(1 for start, end in periods if start <= day and (end is None or end >= day))
        if present or not periods:
            return present
        later = [start for start, _end in periods if start > day]
        if not later:
            return 0
        first = min(later)
        return sum(1 for start, end in periods if start <= first and (end is None or end >= first))


def load_episodes(session: Session, scope: ExportScope) -> list[EpisodeFact]:
    """Every episode of the scope's measures, whatever its dates (each indicator picks its own)."""
    destination = aliased(OccupancyStatus)
    rows = session.execute(
        select(
            Episode.id,
            Episode.household_id,
            Measure.code,
            Episode.status,
            Episode.orientation_date,
            Episode.start_date,
            Episode.end_date,
            Episode.previous_episode_id,
            ReferralSource.label,
            ExitReason.label,
            ExitReason.code,
            destination.label,
            destination.is_housed,
        )
        .join(Measure, Measure.id == Episode.measure_id)
        .outerjoin(ReferralSource, ReferralSource.id == Episode.referral_source_id)
        .outerjoin(ExitRecord, ExitRecord.episode_id == Episode.id)
        .outerjoin(ExitReason, ExitReason.id == ExitRecord.reason_id)
        .outerjoin(destination, destination.id == ExitRecord.destination_status_id)
        .where(Measure.code.in_(scope.measure_codes))
        .order_by(Episode.household_id, Episode.orientation_date, Episode.id)
    ).all()
    earlier_ends = _earlier_ends(session, {row[1] for row in rows})
    facts = []
    for row in rows:
        start = row[5]
        reentry = row[7] is not None or (start is not None and _ended_before(earlier_ends.get(row[1], []), start))
        facts.append(
            EpisodeFact(
                id=row[0],
                household_id=row[1],
                measure_code=row[2],
                status=row[3],
                orientation=row[4],
                start=start,
                end=row[6],
                reentry=reentry,
                referral_source=row[8] or "Non renseigné",
                exit_reason=row[9],
                exit_reason_code=row[10],
                destination=row[11],
                destination_housed=row[12],
                previous_id=row[7],
            )
        )
    return facts


def _earlier_ends(session: Session, households: set[int]) -> dict[int, list[date]]:
    """The end dates of every started episode (any measure) of these households, sorted: a re-entry follows one."""
    ends: dict[int, list[date]] = defaultdict(list)
    if not households:
        return ends
    query = select(Episode.household_id, Episode.end_date).where(
        Episode.start_date.is_not(None), Episode.end_date.is_not(None)
    )
    for household_id, end in session.execute(query):
        if household_id in households and end is not None:
            ends[household_id].append(end)
    for values in ends.values():
        values.sort()
    return ends


def _ended_before(ends: Sequence[date], start: date) -> bool:
    """Whether an earlier support of the household ended before ``start``."""
    return bisect_left(ends, start) > 0


def load_members(session: Session, households: Iterable[int]) -> Members:
    """The membership periods of these households (one query over the memberships)."""
    wanted = set(households)
    members = Members()
    if not wanted:
        return members
    query = select(HouseholdMembership.household_id, HouseholdMembership.start_date, HouseholdMembership.end_date)
    for household_id, start, end in session.execute(query):
        if household_id in wanted:
            members.periods[household_id].append((start, end))
    return members


def load_compositions(session: Session, households: Iterable[int]) -> dict[int, str]:
    """Each household's composition as its file records it (absent: not recorded)."""
    wanted = set(households)
    if not wanted:
        return {}
    query = select(Household.id, CompositionType.label).join(
        CompositionType, CompositionType.id == Household.composition_type_id
    )
    return {household_id: label for household_id, label in session.execute(query) if household_id in wanted}


def suspended_on(session: Session, day: date) -> frozenset[int]:
    """The episodes paused on ``day`` (a suspension's end is its last day)."""
    query = select(Suspension.episode_id).where(
        Suspension.start_date <= day, (Suspension.end_date.is_(None)) | (Suspension.end_date >= day)
    )
    return frozenset(session.scalars(query))
