"""What an episode looks like to its readers: plain frozen views, with every label in French.

Built from an episode loaded by :func:`.episode_records.load_episode`; the figures (days, planned end, reviews
due) are derived on reading (:mod:`.episode_figures`), never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from caseworker.domain import DurationPolicy, EpisodeStatus, ObjectivesMet, ObjectiveStatus, Party, ReviewKind
from caseworker.domain.support import (
    EPISODE_STATUS_LABELS,
    OBJECTIVE_OWNER_LABELS,
    OBJECTIVE_STATUS_LABELS,
    OBJECTIVES_MET_LABELS,
    REVIEW_LABELS,
)
from caseworker.models import (
    Episode,
    EpisodeReview,
    ExitRecord,
    IntensityPeriod,
    Objective,
    ReferralSource,
    StaffMember,
    Suspension,
)
from caseworker.services.identity import staff_display_name
from caseworker.services.reference import Choice
from caseworker.services.support.durations import UNKNOWN_LEVEL, Durations
from caseworker.services.support.episode_figures import episode_durations, episode_milestones
from caseworker.services.support.funding import FundingView, episode_funding_view
from caseworker.services.support.measures import policy_label
from caseworker.services.support.states import RUNNING, allowed_next


@dataclass(frozen=True)
class TransitionView:
    """One step of the episode's history."""

    from_status: EpisodeStatus | None
    to_status: EpisodeStatus
    label: str
    effective_date: date
    staff_name: str
    reason: str


@dataclass(frozen=True)
class IntensityPeriodView:
    """One intensity period."""

    id: int
    level_code: str
    level_label: str
    rhythm_contacts: int | None
    rhythm_days: int | None
    no_contact_days: int | None
    weight_percent: int
    start_date: date
    end_date: date | None
    reason: str
    decided_where: str


@dataclass(frozen=True)
class SuspensionView:
    """One suspension."""

    id: int
    reason_code: str
    reason_label: str
    start_date: date
    end_date: date | None
    review_date: date
    note: str
    review_overdue: bool


@dataclass(frozen=True)
class ExtensionView:
    """One renewal or extension."""

    id: int
    decided_on: date
    months: int
    justification: str
    approver_name: str
    decided_where: str


@dataclass(frozen=True)
class ObjectiveView:
    """One objective."""

    id: int
    text: str
    owner: Party
    owner_label: str
    theme_code: str | None
    theme_label: str
    status: ObjectiveStatus
    status_label: str
    set_on: date
    next_review_on: date | None
    last_reviewed_on: date | None
    review_overdue: bool


@dataclass(frozen=True)
class MilestoneView:
    """A review due on a date, and whether it was held."""

    kind: ReviewKind
    label: str
    due_on: date
    held_on: date | None
    note: str
    overdue: bool


@dataclass(frozen=True)
class ExitView:
    """The exit record and handover plan."""

    reason_code: str
    reason_label: str
    destination_label: str
    objectives_met: ObjectivesMet
    objectives_met_label: str
    narrative: str
    handover_services: str
    handover_contact: str
    handover_date: date | None
    handover_note: str
    waiver_reason: str


@dataclass(frozen=True)
class EpisodeView:
    """An episode with everything derived from it."""

    id: int
    row_version: int  # the version this view was read at; a change names it (services.row_versions)
    household_id: int
    measure_id: int
    measure_code: str
    measure_name: str
    duration_policy: DurationPolicy
    duration_months: int | None
    max_extensions: int | None
    suspended_days_count: bool
    status: EpisodeStatus
    status_label: str
    funders: str
    funding: FundingView
    referral_source_label: str
    referral_note: str
    orientation_date: date
    start_date: date | None
    end_date: date | None
    previous_episode_id: int | None
    no_follow_up_reason_label: str
    transitions: tuple[TransitionView, ...]
    intensity: tuple[IntensityPeriodView, ...]
    suspensions: tuple[SuspensionView, ...]
    extensions: tuple[ExtensionView, ...]
    objectives: tuple[ObjectiveView, ...]
    milestones: tuple[MilestoneView, ...]
    exit: ExitView | None
    durations: Durations
    allowed_next: frozenset[EpisodeStatus]

    @property
    def policy_label(self) -> str:
        """Return the measure's duration policy in French, e.g. "6 mois, renouvelable 1 fois"."""
        return policy_label(self.duration_policy, self.duration_months, self.max_extensions)

    @property
    def is_running(self) -> bool:
        """Tell whether support is under way (active or suspended)."""
        return self.status in RUNNING

    @property
    def current_intensity(self) -> IntensityPeriodView | None:
        """Return the open intensity period, if any."""
        return next((item for item in self.intensity if item.end_date is None), None)

    @property
    def current_suspension(self) -> SuspensionView | None:
        """Return the open suspension, if any."""
        return next((item for item in self.suspensions if item.end_date is None), None)

    @property
    def extensions_left(self) -> int | None:
        """Return how many renewals or extensions the policy still allows (None: no limit or not applicable)."""
        if self.duration_policy is DurationPolicy.FIXED:
            return 0
        if self.duration_policy is DurationPolicy.OPEN_ENDED or self.max_extensions is None:
            return None
        return max(self.max_extensions - len(self.extensions), 0)

    def days_by_level(self) -> list[tuple[str, int]]:
        """Return (level label, days active) in scale order, unknown last."""
        labels: dict[str, str] = {}
        order: dict[str, int] = {}
        for position, period in enumerate(sorted(self.intensity, key=lambda item: item.start_date)):
            labels.setdefault(period.level_code, period.level_label)
            order.setdefault(period.level_code, position)
        rows = [
            (labels.get(code, "Sans niveau"), days, order.get(code, 10_000))
            for code, days in self.durations.days_by_level.items()
            if code != UNKNOWN_LEVEL or days
        ]
        return [(label, days) for label, days, _ in sorted(rows, key=lambda row: row[2])]


@dataclass(frozen=True)
class EpisodeChoices:
    """Picklists for the episode forms."""

    measures: list[Choice]
    referral_sources: list[Choice]
    suspension_reasons: list[Choice]
    no_follow_up_reasons: list[Choice]
    exit_reasons: list[Choice]
    destinations: list[Choice]
    themes: list[Choice]
    approvers: list[Choice]  # code = staff member id as text


def _milestone_views(episode: Episode, planned: date | None, today: date) -> list[MilestoneView]:
    held: dict[tuple[ReviewKind, date | None], EpisodeReview] = {}
    for done in episode.reviews:
        held[(done.kind, done.due_on if done.kind is ReviewKind.PERIODIC else None)] = done
    running = episode.status in RUNNING
    views = []
    for item in episode_milestones(episode, planned, today):
        review = held.get((item.kind, item.due_on if item.kind is ReviewKind.PERIODIC else None))
        views.append(
            MilestoneView(
                kind=item.kind,
                label=REVIEW_LABELS[item.kind],
                due_on=item.due_on,
                held_on=review.held_on if review else None,
                note=review.note if review else "",
                overdue=running and review is None and item.due_on < today,
            )
        )
    return views


def objective_view(objective: Objective, today: date) -> ObjectiveView:
    """Return the view of an objective; its review is overdue once the next review date has passed."""
    return ObjectiveView(
        id=objective.id,
        text=objective.text,
        owner=objective.owner,
        owner_label=OBJECTIVE_OWNER_LABELS[objective.owner],
        theme_code=objective.theme.code if objective.theme else None,
        theme_label=objective.theme.label if objective.theme else "",
        status=objective.status,
        status_label=OBJECTIVE_STATUS_LABELS[objective.status],
        set_on=objective.set_on,
        next_review_on=objective.next_review_on,
        last_reviewed_on=objective.last_reviewed_on,
        review_overdue=(
            objective.status is ObjectiveStatus.EN_COURS
            and objective.next_review_on is not None
            and objective.next_review_on < today
        ),
    )


def _staff_name(member: StaffMember | None) -> str:
    """Staff are named "Prénom NOM" everywhere (households and persons "NOM Prénom")."""
    return staff_display_name(member.first_name, member.last_name) if member else "Système"


def _exit_view(record: ExitRecord) -> ExitView:
    contact = record.handover_contact
    contact_text = (
        staff_display_name(contact.first_name, contact.last_name) if contact else record.handover_contact_name
    )
    return ExitView(
        reason_code=record.reason.code,
        reason_label=record.reason.label,
        destination_label=record.destination_status.label if record.destination_status else "",
        objectives_met=record.objectives_met,
        objectives_met_label=OBJECTIVES_MET_LABELS[record.objectives_met],
        narrative=record.narrative,
        handover_services=record.handover_services,
        handover_contact=contact_text,
        handover_date=record.handover_date,
        handover_note=record.handover_note,
        waiver_reason=record.handover_waiver_reason,
    )


def _intensity_view(period: IntensityPeriod) -> IntensityPeriodView:
    level = period.level
    return IntensityPeriodView(
        id=period.id,
        level_code=level.code,
        level_label=level.label,
        rhythm_contacts=level.rhythm_contacts,
        rhythm_days=level.rhythm_days,
        no_contact_days=level.no_contact_days,
        weight_percent=level.weight_percent,
        start_date=period.start_date,
        end_date=period.end_date,
        reason=period.reason,
        decided_where=period.decided_where,
    )


def _suspension_view(suspension: Suspension, *, running: bool, today: date) -> SuspensionView:
    """A suspension's review is overdue while it is open, the episode runs and the review date has passed."""
    return SuspensionView(
        id=suspension.id,
        reason_code=suspension.reason.code,
        reason_label=suspension.reason.label,
        start_date=suspension.start_date,
        end_date=suspension.end_date,
        review_date=suspension.review_date,
        note=suspension.note,
        review_overdue=running and suspension.end_date is None and suspension.review_date < today,
    )


def episode_view(session: Session, episode: Episode, today: date) -> EpisodeView:
    """Return the view of an episode loaded with its details (:func:`.episode_records.with_details`)."""
    measure = episode.measure
    figures = episode_durations(episode, today)
    source = session.get(ReferralSource, episode.referral_source_id) if episode.referral_source_id else None
    running = episode.status in RUNNING
    return EpisodeView(
        id=episode.id,
        row_version=episode.row_version,
        household_id=episode.household_id,
        measure_id=measure.id,
        measure_code=measure.code,
        measure_name=measure.name,
        duration_policy=measure.duration_policy,
        duration_months=measure.duration_months,
        max_extensions=measure.max_extensions,
        suspended_days_count=measure.suspended_days_count,
        status=episode.status,
        status_label=EPISODE_STATUS_LABELS[episode.status],
        funders=episode.funders,
        funding=episode_funding_view(session, episode),
        referral_source_label=source.label if source else "",
        referral_note=episode.referral_note,
        orientation_date=episode.orientation_date,
        start_date=episode.start_date,
        end_date=episode.end_date,
        previous_episode_id=episode.previous_episode_id,
        no_follow_up_reason_label=episode.no_follow_up_reason.label if episode.no_follow_up_reason else "",
        transitions=tuple(
            TransitionView(
                item.from_status,
                item.to_status,
                EPISODE_STATUS_LABELS[item.to_status],
                item.effective_date,
                _staff_name(item.staff_member),
                item.reason,
            )
            for item in episode.transitions
        ),
        intensity=tuple(_intensity_view(item) for item in episode.intensity_periods),
        suspensions=tuple(_suspension_view(item, running=running, today=today) for item in episode.suspensions),
        extensions=tuple(
            ExtensionView(
                item.id,
                item.decided_on,
                item.months,
                item.justification,
                _staff_name(item.approver),
                item.decided_where,
            )
            for item in episode.extensions
        ),
        objectives=tuple(objective_view(item, today) for item in episode.objectives),
        milestones=tuple(_milestone_views(episode, figures.planned_end, today)),
        exit=_exit_view(episode.exit_record) if episode.exit_record else None,
        durations=figures,
        allowed_next=allowed_next(episode.status),
    )
