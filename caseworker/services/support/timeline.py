"""The data behind the per-household timeline (support, contacts, housing).

One picture of a household's history: every support episode with its intensity levels, suspensions, state
changes and planned end, every contact (reached, attempted, cancelled) and the occupancy periods below. Read in
a fixed handful of column queries (no ORM objects, no query per episode) so that a household with hundreds of
contacts is read in a few milliseconds. Reading the timeline is not a consultation of its own: opening the
household file already wrote the ``view`` audit event.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, ScalarSelect, select
from sqlalchemy.orm import Session

from caseworker.domain import DurationPolicy, EpisodeStatus
from caseworker.domain.support import EPISODE_STATUS_LABELS
from caseworker.models import (
    Contact,
    ContactOutcome,
    ContactType,
    Episode,
    EpisodeTransition,
    Extension,
    Household,
    IntensityLevel,
    IntensityPeriod,
    Measure,
    Occupancy,
    OccupancyStatus,
    Suspension,
    SuspensionReason,
)
from caseworker.services.context import ServiceContext
from caseworker.services.errors import NotFoundError
from caseworker.services.support.aftercare import after_care_of_households
from caseworker.services.support.durations import DurationRule, Period, durations
from caseworker.services.support.states import SUPPORT_OVER

if TYPE_CHECKING:
    from typing_extensions import Unpack


@dataclass(frozen=True)
class Band:
    """A dated stretch drawn as a band: an intensity level, a suspension or an occupancy period.

    ``end`` is inclusive; None means still running (drawn up to today). ``key`` is the code of what the band is
    (level, suspension reason or occupancy status); ``index`` is the level's rank in its measure's scale
    (0 = most intense) or, for occupancies, 1 when housed and 0 when not.
    """

    start: date
    end: date | None
    label: str
    key: str = ""
    index: int = 0


@dataclass(frozen=True)
class TimelineEpisode:
    """One support episode as the timeline shows it (labels in French)."""

    id: int
    measure_name: str
    status_code: str
    status_label: str
    orientation_date: date
    start_date: date | None
    end_date: date | None
    planned_end: date | None  # None once the episode ended (closed or without follow-up)
    intensity: tuple[Band, ...]
    suspensions: tuple[Band, ...]
    # (effective date, French label of the new status), oldest first.
    transitions: tuple[tuple[date, str], ...]
    previous_episode_id: int | None = None
    # The after-care the episode ended into: from the exit day to its last day (docs/domain.md §14.1).
    after_care: Band | None = None


@dataclass(frozen=True)
class TimelineContact:
    """One contact or attempt, on its local calendar day; ``kind`` is reached, attempt or cancelled."""

    day: date
    kind: str
    type_label: str
    outcome_label: str


@dataclass(frozen=True)
class TimelineData:
    """Everything the per-household timeline draws, oldest first in each tuple."""

    household_id: int
    today: date
    episodes: tuple[TimelineEpisode, ...]
    contacts: tuple[TimelineContact, ...]
    occupancies: tuple[Band, ...]

    def _days(self) -> list[date]:
        days = [self.today]
        for episode in self.episodes:
            days.append(episode.orientation_date)
            days.extend(day for day in (episode.start_date, episode.end_date, episode.planned_end) if day)
            for band in (*episode.intensity, *episode.suspensions):
                days.append(band.start)
                if band.end is not None:
                    days.append(band.end)
            days.extend(day for day, _label in episode.transitions)
            if episode.after_care is not None:
                days.append(min(episode.after_care.end or self.today, self.today))
        if self.contacts:
            # Contacts are sorted: the first and the last bound them all.
            days.extend((self.contacts[0].day, self.contacts[-1].day))
        for band in self.occupancies:
            days.append(band.start)
            if band.end is not None:
                days.append(band.end)
        return days

    @property
    def first_day(self) -> date:
        """Return the earliest day to show (today when nothing is recorded)."""
        return min(self._days())

    @property
    def last_day(self) -> date:
        """Return the last day to show: today, or a later planned end (or any later recorded day)."""
        return max(self._days())


class TimelineService:
    """The data behind the per-household timeline (support, contacts, housing)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def for_household(self, household_id: int) -> TimelineData:
        """Return the household's whole timeline as of today.

        Raises:
            NotFoundError: the household does not exist.
        """
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            if session.scalar(select(Household.id).where(Household.id == household_id)) is None:
                raise NotFoundError(f"Ménage introuvable (n° {household_id}).")
            episodes = _episodes(session, household_id, today)
            contacts = _contacts(session, household_id)
            occupancies = _occupancies(session, household_id)
        return TimelineData(household_id, today, episodes, contacts, occupancies)


def _episodes(session: Session, household_id: int, today: date) -> tuple[TimelineEpisode, ...]:
    """Read the household's episodes and their periods: six queries whatever the number of episodes."""
    rows = session.execute(
        select(
            Episode.id,
            Episode.measure_id,
            Episode.status,
            Episode.orientation_date,
            Episode.start_date,
            Episode.end_date,
            Episode.previous_episode_id,
            Measure.name,
            Measure.duration_policy,
            Measure.duration_months,
            Measure.suspended_days_count,
        )
        .join(Measure, Measure.id == Episode.measure_id)
        .where(Episode.household_id == household_id)
        .order_by(Episode.orientation_date, Episode.id)
    ).all()
    if not rows:
        return ()
    household_episodes = select(Episode.id).where(Episode.household_id == household_id).scalar_subquery()
    ranks = _level_ranks(session, {row.measure_id for row in rows})
    intensity = _intensity_bands(session, household_episodes, ranks)
    suspensions = _suspension_bands(session, household_episodes)
    extension_months: dict[int, list[int]] = defaultdict(list)
    for episode_id, months in session.execute(
        select(Extension.episode_id, Extension.months).where(Extension.episode_id.in_(household_episodes))
    ):
        extension_months[episode_id].append(months)
    transitions: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for episode_id, effective, new_status in session.execute(
        select(EpisodeTransition.episode_id, EpisodeTransition.effective_date, EpisodeTransition.to_status)
        .where(EpisodeTransition.episode_id.in_(household_episodes))
        .order_by(EpisodeTransition.effective_date, EpisodeTransition.id)
    ):
        transitions[episode_id].append((effective, EPISODE_STATUS_LABELS[new_status]))
    after_care = {
        view.episode_id: Band(
            view.start_date, view.last_day, f"Suivi post-accompagnement ({view.kind_label})", view.kind
        )
        for view in after_care_of_households(session, [household_id]).get(household_id, [])
    }
    return tuple(
        replace(
            _timeline_episode(
                row,
                intensity.get(row.id, []),
                suspensions.get(row.id, []),
                extension_months.get(row.id, []),
                transitions.get(row.id, []),
                today,
            ),
            previous_episode_id=row.previous_episode_id,
            after_care=after_care.get(row.id),
        )
        for row in rows
    )


def _level_ranks(session: Session, measure_ids: set[int]) -> dict[int, int]:
    """Return each level's rank in its measure's scale (inactive levels included: old periods may still use them)."""
    ranks: dict[int, int] = {}
    counters: dict[int, int] = defaultdict(int)
    for level_id, measure_id in session.execute(
        select(IntensityLevel.id, IntensityLevel.measure_id)
        .where(IntensityLevel.measure_id.in_(measure_ids))
        .order_by(IntensityLevel.measure_id, IntensityLevel.sort_order, IntensityLevel.id)
    ):
        ranks[level_id] = counters[measure_id]
        counters[measure_id] += 1
    return ranks


def _intensity_bands(session: Session, episode_ids: ScalarSelect[int], ranks: dict[int, int]) -> dict[int, list[Band]]:
    """Return the intensity periods of the episodes, by episode, in date order."""
    intensity: dict[int, list[Band]] = defaultdict(list)
    for episode_id, start, end, level_id, code, label in session.execute(
        select(
            IntensityPeriod.episode_id,
            IntensityPeriod.start_date,
            IntensityPeriod.end_date,
            IntensityLevel.id,
            IntensityLevel.code,
            IntensityLevel.label,
        )
        .join(IntensityLevel, IntensityLevel.id == IntensityPeriod.level_id)
        .where(IntensityPeriod.episode_id.in_(episode_ids))
        .order_by(IntensityPeriod.start_date, IntensityPeriod.id)
    ):
        intensity[episode_id].append(Band(start, end, label, code, ranks.get(level_id, 0)))
    return intensity


def _suspension_bands(session: Session, episode_ids: ScalarSelect[int]) -> dict[int, list[Band]]:
    """Return the suspensions of the episodes, by episode, in date order."""
    suspensions: dict[int, list[Band]] = defaultdict(list)
    for episode_id, start, end, code, label in session.execute(
        select(
            Suspension.episode_id,
            Suspension.start_date,
            Suspension.end_date,
            SuspensionReason.code,
            SuspensionReason.label,
        )
        .join(SuspensionReason, SuspensionReason.id == Suspension.reason_id)
        .where(Suspension.episode_id.in_(episode_ids))
        .order_by(Suspension.start_date, Suspension.id)
    ):
        suspensions[episode_id].append(Band(start, end, label, code))
    return suspensions


def _timeline_episode(
    row: Row[Unpack[tuple[Any, ...]]],
    levels: list[Band],
    paused: list[Band],
    extension_months: list[int],
    transitions: list[tuple[date, str]],
    today: date,
) -> TimelineEpisode:
    """Build one episode of the timeline from its row and periods, with its planned end derived."""
    status: EpisodeStatus = row.status
    # As in episode_figures.episode_durations: the end date counts once the episode has ended.
    end = row.end_date if status in SUPPORT_OVER else None
    if end is not None:
        # An ended episode closes its periods: a period left open is drawn up to the end, not to today.
        levels = [_closed(band, end) for band in levels]
        paused = [_closed(band, end) for band in paused]
    policy: DurationPolicy = row.duration_policy
    figures = durations(
        start=row.start_date,
        end=end,
        today=today,
        intensity=[Period(band.start, band.end, band.key) for band in levels],
        suspensions=[Period(band.start, band.end, band.key) for band in paused],
        rule=DurationRule(policy, row.duration_months, row.suspended_days_count),
        extension_months=extension_months,
    )
    return TimelineEpisode(
        id=row.id,
        measure_name=row.name,
        status_code=status.value,
        status_label=EPISODE_STATUS_LABELS[status],
        orientation_date=row.orientation_date,
        start_date=row.start_date,
        end_date=row.end_date,
        # An ended episode plans nothing any more: no "planned end" flag after it closed.
        planned_end=None if status in SUPPORT_OVER else figures.planned_end,
        intensity=tuple(levels),
        suspensions=tuple(paused),
        transitions=tuple(transitions),
    )


def _closed(band: Band, end: date) -> Band:
    return band if band.end is not None else Band(band.start, end, band.label, band.key, band.index)


def _contacts(session: Session, household_id: int) -> tuple[TimelineContact, ...]:
    rows = session.execute(
        select(Contact.occurred_at, ContactOutcome.kind, ContactType.label, ContactOutcome.label)
        .join(ContactType, ContactType.id == Contact.type_id)
        .join(ContactOutcome, ContactOutcome.id == Contact.outcome_id)
        .where(Contact.household_id == household_id)
        .order_by(Contact.occurred_at, Contact.id)
    )
    return tuple(
        TimelineContact(occurred_at.astimezone().date(), kind, type_label, outcome_label)
        for occurred_at, kind, type_label, outcome_label in rows
    )


def _occupancies(session: Session, household_id: int) -> tuple[Band, ...]:
    rows = session.execute(
        select(
            Occupancy.start_date,
            Occupancy.end_date,
            OccupancyStatus.code,
            OccupancyStatus.label,
            OccupancyStatus.is_housed,
        )
        .join(OccupancyStatus, OccupancyStatus.id == Occupancy.status_id)
        .where(Occupancy.household_id == household_id)
        .order_by(Occupancy.start_date, Occupancy.id)
    )
    return tuple(Band(start, end, label, code, 1 if is_housed else 0) for start, end, code, label, is_housed in rows)
