"""The figures derived from a loaded episode: days so far, planned end and the reviews due (docs/domain.md §3.1).

The arithmetic is in :mod:`.durations` (pure, over plain values); this module feeds it an episode as stored, for
the episode views and for "Mes ménages". Nothing here is stored: figures are computed on reading.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from caseworker.models import Episode, Measure
from caseworker.services.support.durations import DurationRule, Durations, Milestone, Period, durations, milestones
from caseworker.services.support.states import SUPPORT_OVER


def duration_rule(measure: Measure) -> DurationRule:
    """Return what the measure says about duration."""
    return DurationRule(measure.duration_policy, measure.duration_months, measure.suspended_days_count)


def episode_durations(episode: Episode, today: date) -> Durations:
    """Return the derived figures of a loaded episode."""
    return durations(
        start=episode.start_date,
        end=episode.end_date if episode.status in SUPPORT_OVER else None,
        today=today,
        intensity=[Period(p.start_date, p.end_date, p.level.code) for p in episode.intensity_periods],
        suspensions=[Period(s.start_date, s.end_date) for s in episode.suspensions],
        rule=duration_rule(episode.measure),
        extension_months=[item.months for item in episode.extensions],
    )


def episode_milestones(episode: Episode, planned: date | None, today: date) -> list[Milestone]:
    """Return the reviews due for a started episode (none before the start)."""
    if episode.start_date is None:
        return []
    measure = episode.measure
    horizon = (episode.end_date if episode.status in SUPPORT_OVER and episode.end_date else today) + relativedelta(
        months=6
    )
    return milestones(
        episode.start_date,
        planned,
        start_months=measure.review_start_months,
        end_months=measure.review_end_months,
        every_months=measure.review_every_months,
        horizon=horizon,
    )
