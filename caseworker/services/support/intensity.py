"""Intensity: how much support an episode gets over time, as dated periods on its measure's scale.

Support is stepped up and down while the episode is active (docs/domain.md §3.1): a change closes the current
period the day before and opens the next one; the days spent at each level are derived on reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, EpisodeStatus
from caseworker.domain.support import EPISODE_STATUS_LABELS
from caseworker.formats import format_date
from caseworker.models import Episode, IntensityLevel, IntensityPeriod
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ValidationError
from caseworker.services.row_versions import claim_version
from caseworker.services.support.episode_records import check_step_date, load_episode
from caseworker.services.support.episode_views import EpisodeView, episode_view
from caseworker.services.validation import LABEL_MAX, LONG_TEXT_MAX, Problems


@dataclass(frozen=True)
class IntensityChangeInput:
    """A new intensity level from ``start_date`` (the current one ends the day before)."""

    level_code: str
    start_date: date
    reason: str = ""
    decided_where: str = ""


def level_of(episode: Episode, code: str | None, problems: Problems) -> IntensityLevel | None:
    """Return the active level ``code`` of the episode's measure, or record a problem on ``level_code``."""
    level = next((item for item in episode.measure.levels if item.code == code and item.active), None)
    if level is None:
        problems.add("level_code", "Intensité : choisissez un niveau de l'échelle du dispositif.")
    return level


def current_period(episode: Episode) -> IntensityPeriod | None:
    """Return the open intensity period of a loaded episode, if any."""
    return next((item for item in episode.intensity_periods if item.end_date is None), None)


def open_period(
    session: Session, ctx: ServiceContext, episode: Episode, level: IntensityLevel, on: date, reason: str, where: str
) -> None:
    """Open an intensity period at ``level`` from ``on`` (audited)."""
    period = IntensityPeriod(
        episode_id=episode.id, level_id=level.id, start_date=on, reason=reason, decided_where=where
    )
    session.add(period)
    session.flush()
    audit.record(session, ctx, AuditAction.CREATE, "intensity_period", period.id, household_id=episode.household_id)
    session.refresh(episode, ["intensity_periods"])


def change_period(
    session: Session,
    ctx: ServiceContext,
    episode: Episode,
    current: IntensityPeriod | None,
    level: IntensityLevel,
    on: date,
    reason: str,
    where: str,
) -> None:
    """Move the episode to ``level`` from ``on``: the current period ends the day before (audited)."""
    if current is not None:
        if current.start_date >= on:
            # Same-day correction: the level chosen on resumption replaces the one of that day.
            current.level_id = level.id
            current.reason = reason
            audit.record(
                session,
                ctx,
                AuditAction.UPDATE,
                "intensity_period",
                current.id,
                household_id=episode.household_id,
                fields=["level_id", "reason"],
            )
            return
        current.end_date = on - timedelta(days=1)
        audit.record(
            session,
            ctx,
            AuditAction.UPDATE,
            "intensity_period",
            current.id,
            household_id=episode.household_id,
            fields=["end_date"],
        )
    open_period(session, ctx, episode, level, on, reason, where)


def change_intensity_in(
    session: Session, ctx: ServiceContext, episode: Episode, data: IntensityChangeInput
) -> IntensityPeriod:
    """Step a loaded episode's support up or down in the caller's transaction; return the period now current.

    The rules of :meth:`IntensityService.change_intensity`, for a caller that changes more in the same
    transaction (the minutes of a COSI): every check runs before anything is written.
    """
    today = ctx.clock.today()
    problems = Problems()
    reason = problems.text("reason", data.reason, label="Motif", max_length=LONG_TEXT_MAX, multiline=True)
    where = problems.text("decided_where", data.decided_where, label="Décidé en", max_length=LABEL_MAX)
    if episode.status is not EpisodeStatus.ACTIF:
        raise ValidationError(
            {
                "status": f"L'intensité ne change que pendant un accompagnement actif "
                f"(ici : « {EPISODE_STATUS_LABELS[episode.status]} »)."
            }
        )
    check_step_date(problems, episode, data.start_date, today, field="start_date")
    level = level_of(episode, data.level_code, problems)
    current = current_period(episode)
    if current is not None:
        if data.start_date <= current.start_date:
            problems.add(
                "start_date",
                f"Le changement doit suivre le début du niveau actuel ({format_date(current.start_date)}).",
            )
        if level is not None and current.level_id == level.id:
            problems.add("level_code", f"L'intensité est déjà « {level.label} ».")
    problems.raise_if_any()
    assert level is not None
    change_period(session, ctx, episode, current, level, data.start_date, reason, where)
    period = current_period(episode)
    assert period is not None
    return period


class IntensityService:
    """Steps support up or down during an active episode."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def change_intensity(self, episode_id: int, data: IntensityChangeInput, *, expected_version: int) -> EpisodeView:
        """Step support up or down from ``data.start_date``; the current period ends the day before."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            episode = load_episode(session, episode_id)
            change_intensity_in(session, self._ctx, episode, data)
            return episode_view(session, episode, today)
