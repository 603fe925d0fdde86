"""The deadlines an episode sets: its reviews (bilans), its planned end, and the decision due before that end.

Computed as the episode views compute them (:mod:`caseworker.services.support.durations`), but only for the
episodes that can have one in the window: month arithmetic costs tens of microseconds an episode, and the board
reads ten thousand households. A first pass over plain numbers (a month counted as an average month, with a slack
wider than any calendar month or day-of-month clipping can stray) keeps the few episodes that may have a date in
the window; the exact figures are then computed for those alone, and their reviews held read for them alone.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from typing_extensions import Unpack

from caseworker.domain import DurationPolicy, ReviewKind
from caseworker.domain.file_tabs import FileTab
from caseworker.domain.support import REVIEW_LABELS
from caseworker.formats import format_date
from caseworker.models import Episode, EpisodeReview, Extension, Measure, Suspension
from caseworker.models.sql import among, day_number
from caseworker.services.board.panels import Line
from caseworker.services.board.scope import Scope
from caseworker.services.support.durations import (
    DurationRule,
    Milestone,
    Period,
    milestones,
    planned_end,
    suspended_days,
)
from caseworker.services.support.episode_figures import duration_rule
from caseworker.services.support.states import running_statuses

_Query = TypeVar("_Query", bound="Select[Unpack[tuple[Any, ...]]]")

DECISION_BEFORE_END_DAYS = 30
"""The decision on exit, extension or handover is due this many days before the planned end (§11.2)."""

AVERAGE_MONTH_DAYS = 365.2425 / 12
SLACK_DAYS = 8
"""How far the first pass may be wrong, in days. Adding n months strays at most 3.02 days from n average months
(months of 28 to 31 days, a day clipped to the month's end; measured over 1995–2045 and n up to 150), and a date
goes through at most two such additions (the end review: the planned end less some months)."""


def episode_lines(session: Session, scope: Scope, today: date, last: date) -> list[Line]:
    """Reviews not held, planned ends and the decisions due before them, from ``today`` to ``last``."""
    # Through the session, never its connection: the visibility rules are the ORM's (an earlier attempt read
    # through the connection and showed a referent every household's deadlines). The start as a day number.
    episodes = session.execute(
        scope.episodes(
            select(Episode.id, Episode.household_id, Episode.measure_id, day_number(Episode.start_date)).where(
                Episode.status.in_(running_statuses()), Episode.start_date.is_not(None)
            )
        )
    ).all()
    if not episodes:
        return []
    # The suspensions and extensions of the running episodes, joined rather than chosen by a subquery (the server
    # planned the subquery a row at a time).
    suspensions: dict[int, list[Period]] = defaultdict(list)
    for episode_id, paused_on, resumed_on in session.execute(
        _of_running(
            select(Suspension.episode_id, Suspension.start_date, Suspension.end_date), Suspension.episode_id, scope
        )
    ):
        suspensions[episode_id].append(Period(paused_on, resumed_on))
    extensions: dict[int, list[int]] = defaultdict(list)
    for episode_id, months in session.execute(
        _of_running(select(Extension.episode_id, Extension.months), Extension.episode_id, scope)
    ):
        extensions[episode_id].append(months)
    measures = {item.id: item for item in session.scalars(select(Measure))}
    figures = {measure_id: _Figures.of(measure) for measure_id, measure in measures.items()}
    rules = {measure_id: duration_rule(measure) for measure_id, measure in measures.items()}
    window = (today.toordinal() - SLACK_DAYS, last.toordinal() + SLACK_DAYS)
    candidates = [
        (episode_id, household_id, measures[measure_id], date.fromordinal(origin))
        for episode_id, household_id, measure_id, origin in episodes
        if origin is not None
        and _first_pass(
            figures[measure_id],
            origin,
            sum(extensions.get(episode_id, ())),
            suspensions.get(episode_id, ()),
            today,
            window,
        )
    ]
    lines: list[Line] = []
    reviews: list[tuple[int, int, Measure, Milestone]] = []
    for episode_id, household_id, measure, start in candidates:
        planned, due = window_dates(
            start,
            measure,
            rules[measure.id],
            extensions.get(episode_id, ()),
            suspensions.get(episode_id, ()),
            today,
            last,
        )
        reviews.extend((episode_id, household_id, measure, milestone) for milestone in due)
        if planned is not None:
            lines.extend(_end_lines(episode_id, household_id, measure, planned, today, last))
    # The reviews held are read for the few episodes with a review due in the window only.
    held = _held_reviews(session, sorted({item[0] for item in reviews}))
    for episode_id, household_id, measure, milestone in reviews:
        if (milestone.kind, milestone.due_on if milestone.kind is ReviewKind.PERIODIC else None) in held[episode_id]:
            continue
        what = f"{REVIEW_LABELS[milestone.kind]} · {measure.name}"
        lines.append(
            deadline_line(household_id, what, milestone.due_on, today, FileTab.SUPPORT, ("review", episode_id))
        )
    return lines


def _of_running(query: _Query, episode_id: InstrumentedAttribute[int], scope: Scope) -> _Query:
    """Narrow ``query`` to the running, started episodes of ``scope`` by a join on ``episode_id``."""
    return scope.episodes(
        query.join(Episode, Episode.id == episode_id).where(
            Episode.status.in_(running_statuses()), Episode.start_date.is_not(None)
        )
    )


def window_dates(
    start: date,
    measure: Measure,
    rule: DurationRule,
    extension_months: Sequence[int],
    suspensions: Sequence[Period],
    today: date,
    last: date,
) -> tuple[date | None, list[Milestone]]:
    """Return the planned end of a running episode and its reviews due from ``today`` to ``last``.

    The figures of the episode views (:func:`~caseworker.services.support.durations.durations` and
    :func:`~caseworker.services.support.durations.milestones`), without those the board does not show.
    """
    pushed = 0 if rule.suspended_days_count else suspended_days(start, today, suspensions)
    planned = planned_end(start, rule, extension_months, pushed)
    due = [
        milestone
        for milestone in milestones(
            start,
            planned,
            start_months=measure.review_start_months,
            end_months=measure.review_end_months,
            every_months=measure.review_every_months,
            horizon=last,  # the periodic reviews after the window do not matter here
            since=today,  # nor those of the months before it
        )
        if today <= milestone.due_on <= last
    ]
    return planned, due


def _end_lines(
    episode_id: int, household_id: int, measure: Measure, planned: date, today: date, last: date
) -> list[Line]:
    """The planned end, and the decision on exit, extension or handover due 30 days before it, when in the window."""
    found = []
    if today <= planned <= last:
        what = f"Fin prévue · {measure.name}"
        found.append(deadline_line(household_id, what, planned, today, FileTab.SUPPORT, ("end", episode_id)))
    decision_due = planned - timedelta(days=DECISION_BEFORE_END_DAYS)
    if today <= decision_due <= last:
        what = f"Décision : sortie, prolongation ou passage de relais (fin prévue le {format_date(planned)})"
        found.append(deadline_line(household_id, what, decision_due, today, FileTab.SUPPORT, ("decision", episode_id)))
    return found


def _held_reviews(session: Session, episode_ids: list[int]) -> dict[int, set[tuple[ReviewKind, date | None]]]:
    """The reviews held, per episode, keyed as the milestones are (a periodic one by its due date)."""
    held: dict[int, set[tuple[ReviewKind, date | None]]] = defaultdict(set)
    if not episode_ids:
        return held
    query = select(EpisodeReview.episode_id, EpisodeReview.kind, EpisodeReview.due_on).where(
        among(session, EpisodeReview.episode_id, episode_ids)
    )
    for episode_id, kind, due_on in session.execute(query):
        held[episode_id].add((kind, due_on if kind is ReviewKind.PERIODIC else None))
    return held


@dataclass(frozen=True)
class _Figures:
    """A measure's durations as plain numbers of days, worked out once per reading rather than once per episode."""

    first_review: float
    every: float
    open_ended: bool
    duration: float
    suspended_days_count: bool
    offsets: tuple[float, float, float]

    @classmethod
    def of(cls, measure: Measure) -> _Figures:
        open_ended = measure.duration_policy is DurationPolicy.OPEN_ENDED or measure.duration_months is None
        return cls(
            first_review=measure.review_start_months * AVERAGE_MONTH_DAYS,
            every=max(measure.review_every_months, 1) * AVERAGE_MONTH_DAYS,
            open_ended=open_ended,
            duration=0.0 if open_ended else (measure.duration_months or 0) * AVERAGE_MONTH_DAYS,
            suspended_days_count=bool(measure.suspended_days_count),
            offsets=(0.0, -DECISION_BEFORE_END_DAYS, -measure.review_end_months * AVERAGE_MONTH_DAYS),
        )


def _may_be_due(
    start: date,
    measure: Measure,
    extension_months: Sequence[int],
    suspensions: Sequence[Period],
    today: date,
    window: tuple[int, int],
) -> bool:
    """Tell, over plain numbers and never wrongly "no", whether the episode may have a date in ``window``."""
    return _first_pass(_Figures.of(measure), start.toordinal(), sum(extension_months), suspensions, today, window)


def _first_pass(
    figures: _Figures,
    origin: int,
    extension_months: int,
    suspensions: Sequence[Period],
    today: date,
    window: tuple[int, int],
) -> bool:
    """:func:`_may_be_due` for a measure's figures and a start day's ordinal (ten thousand calls a reading)."""
    low, high = window
    first_review = origin + figures.first_review
    if low <= first_review <= high:
        return True
    if figures.open_ended:
        # The first periodic review on or after ``low`` (never the first review itself) is the only one that may
        # fall in a window narrower than a month.
        steps = max(1, math.ceil((low - first_review) / figures.every))
        return first_review + steps * figures.every <= high
    end = origin + figures.duration + extension_months * AVERAGE_MONTH_DAYS - 1
    # Suspended days push the end when they do not count; their total is at most the sum of their lengths so far.
    pushed = (
        0 if figures.suspended_days_count or not suspensions else sum(_days_so_far(item, today) for item in suspensions)
    )
    for offset in figures.offsets:
        if end + offset <= high and end + pushed + offset >= low:
            return True
    return (origin + end) / 2 <= high and (origin + end + pushed) / 2 >= low


def _days_so_far(period: Period, today: date) -> int:
    last = min(period.end or today, today)
    return max((last - period.start).days + 1, 0)


def _in_words(day: date, today: date) -> str:
    if day == today:
        return "aujourd'hui"
    if day == today + timedelta(days=1):
        return "demain"
    return f"dans {(day - today).days} jours"


def deadline_line(
    household_id: int | None, what: str, day: date, today: date, tab: FileTab | None, key: tuple[object, ...]
) -> Line:
    """Return a deadline's row: its date said in words ("Échéance demain (16/06/2026)")."""
    return Line(household_id, what, day, f"Échéance {_in_words(day, today)} ({format_date(day)})", False, tab, key)
