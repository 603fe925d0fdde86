"""An episode as stored: loading it with everything its view shows, and the writes every step shares.

Every state change goes through :func:`.states.check_transition` and is stored by :func:`record_transition` as a
dated, attributed :class:`EpisodeTransition` (docs/domain.md §3); a step may not precede the last one recorded.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import AuditAction, EpisodeStatus
from caseworker.formats import format_date
from caseworker.models import (
    Episode,
    EpisodeTransition,
    ExitRecord,
    Extension,
    IntensityPeriod,
    Measure,
    Objective,
    Suspension,
)
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError
from caseworker.services.validation import Problems


def with_details(query: Select[Episode]) -> Select[Episode]:
    """Return ``query`` loading, in a fixed number of queries, everything an episode view shows."""
    return query.options(
        selectinload(Episode.measure).selectinload(Measure.levels),
        selectinload(Episode.transitions).selectinload(EpisodeTransition.staff_member),
        selectinload(Episode.intensity_periods).selectinload(IntensityPeriod.level),
        selectinload(Episode.suspensions).selectinload(Suspension.reason),
        selectinload(Episode.extensions).selectinload(Extension.approver),
        selectinload(Episode.objectives).selectinload(Objective.theme),
        selectinload(Episode.reviews),
        selectinload(Episode.exit_record).selectinload(ExitRecord.reason),
        selectinload(Episode.exit_record).selectinload(ExitRecord.destination_status),
        selectinload(Episode.exit_record).selectinload(ExitRecord.handover_contact),
        selectinload(Episode.no_follow_up_reason),
    )


def load_episode(session: Session, episode_id: int) -> Episode:
    """Return the episode with its details, or raise a French :class:`NotFoundError`."""
    episode = session.scalar(with_details(select(Episode)).where(Episode.id == episode_id))
    if episode is None:
        raise NotFoundError(f"Accompagnement introuvable (n° {episode_id}).")
    return episode


def current_suspension(episode: Episode) -> Suspension | None:
    """Return the open suspension of a loaded episode, if any."""
    return next((item for item in episode.suspensions if item.end_date is None), None)


def check_step_date(problems: Problems, episode: Episode, on: date, today: date, *, field: str) -> None:
    """Record a problem when ``on`` is refused as an event date or precedes the last step recorded."""
    problems.date(field, on, kind=DateKind.EVENT, label="Date", today=today)
    last = max((item.effective_date for item in episode.transitions), default=episode.orientation_date)
    if on < last:
        problems.add(field, f"La date ne peut pas précéder la dernière étape enregistrée ({format_date(last)}).")


def record_transition(
    session: Session,
    ctx: ServiceContext,
    episode: Episode,
    source: EpisodeStatus | None,
    target: EpisodeStatus,
    on: date,
    reason: str,
) -> None:
    """Move the episode to ``target`` and store the step: its date, who recorded it and why (audited)."""
    episode.status = target
    step = EpisodeTransition(
        episode_id=episode.id,
        from_status=source,
        to_status=target,
        effective_date=on,
        staff_member_id=ctx.actor.staff_member_id,
        reason=reason,
    )
    session.add(step)
    session.flush()
    audit.record(
        session,
        ctx,
        AuditAction.CREATE,
        "episode_transition",
        step.id,
        household_id=episode.household_id,
        fields=["status"],
    )
    session.refresh(episode, ["transitions"])


def last_transition(episode: Episode) -> EpisodeTransition:
    """Return the step recorded last for a loaded episode (what a decision of the minutes links to)."""
    return max(episode.transitions, key=lambda item: item.id)
