"""The deadlines an episode sets: its reviews (bilans), its planned end, and the decision due before that end.

Computed as the episode views compute them (:mod:`caseworker.services.support.durations`), but only for the
episodes that can have one in the window: month arithmetic costs tens of microseconds an episode, and the board
reads ten thousand households. A first pass, in the database, over plain numbers (a month counted as an average
month, with a slack wider than any calendar month or day-of-month clipping can stray) keeps the few episodes that
may have a date in the window: only those are read, and have their exact figures computed and their reviews held
read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from caseworker.domain import DurationPolicy, ReviewKind
from caseworker.domain.file_tabs import FileTab
from caseworker.domain.support import REVIEW_LABELS
from caseworker.formats import format_date
from caseworker.models import Episode, EpisodeReview, Extension, Measure, Suspension
from caseworker.models.sql import among, day_number, larger, smaller, whole_part
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

DECISION_BEFORE_END_DAYS = 30
"""The decision on exit, extension or handover is due this many days before the planned end (§11.2)."""

AVERAGE_MONTH_DAYS = 365.2425 / 12
SLACK_DAYS = 4
"""How far the first pass may be wrong about a date that goes through one month addition, in days. Adding n months
strays at most 3.02 days from n average months (months of 28 to 31 days, a day clipped to the month's end; measured
over 1995–2045 and n up to 150): the first review, the planned end (and the decision 30 days before it, and the
midpoint)."""
SLACK_TWO_DAYS = 7
"""The same for a date that goes through two: the end review (the planned end less some months), a periodic review
(the first review plus some months)."""


def episode_lines(session: Session, scope: Scope, today: date, last: date) -> list[Line]:
    """Reviews not held, planned ends and the decisions due before them, from ``today`` to ``last``."""
    # Through the session, never its connection: the visibility rules are the ORM's (an earlier attempt read
    # through the connection and showed a referent every household's deadlines). The start as a day number.
    candidates = session.execute(_candidates(scope, today, last)).all()
    if not candidates:
        return []
    # The suspensions are read for the episodes whose suspended days may push the end only (a few hundred); the
    # extensions' months come summed with the candidates.
    pushed = [row[0] for row in candidates if row[5]]
    suspensions: dict[int, list[Period]] = defaultdict(list)
    paused = select(Suspension.episode_id, Suspension.start_date, Suspension.end_date)
    for episode_id, paused_on, resumed_on in session.execute(
        paused.where(among(session, Suspension.episode_id, pushed))
    ):
        suspensions[episode_id].append(Period(paused_on, resumed_on))
    measures = {item.id: item for item in session.scalars(select(Measure))}
    rules = {measure_id: duration_rule(measure) for measure_id, measure in measures.items()}
    lines: list[Line] = []
    reviews: list[tuple[int, int, Measure, Milestone]] = []
    for episode_id, household_id, measure_id, origin, months, _pushed in candidates:
        measure = measures[measure_id]
        planned, due = window_dates(
            date.fromordinal(origin),
            measure,
            rules[measure_id],
            (months,),
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


def _candidates(scope: Scope, today: date, last: date) -> Select[int, int, int, int, int, int]:
    """The running episodes of ``scope`` that may have a date from ``today`` to ``last`` (the first pass).

    Each as its id, household, measure, start (a day number), extensions' months and the days its suspensions may
    push its end by (0: none, or they count). Their extensions and suspensions are summed per
    episode first (a grouping each, joined), so that the first pass reads plain numbers.
    """
    extended = (
        select(Extension.episode_id.label("episode_id"), func.sum(Extension.months).label("months"))
        .group_by(Extension.episode_id)
        .subquery("extended")
    )
    # The days suspended so far, each suspension counted whole: their sum is never fewer than the days that push the
    # end (overlapping suspensions count once), the longest one never more, unless a suspension began before the
    # episode (its days before the start do not count): then none is taken as the fewest.
    today_number = literal(today.toordinal())
    resumed = smaller(func.coalesce(day_number(Suspension.end_date), today_number), today_number)
    paused_days = larger(resumed - day_number(Suspension.start_date) + 1, 0)
    paused = (
        select(
            Suspension.episode_id.label("episode_id"),
            func.sum(paused_days).label("days"),
            func.max(paused_days).label("longest"),
            func.min(Suspension.start_date).label("first"),
        )
        .group_by(Suspension.episode_id)
        .subquery("paused")
    )
    # Each running episode's numbers computed once (a materialised step: otherwise each condition below would read
    # the start's date again), then the conditions over them.
    running = (
        scope.episodes(
            select(
                Episode.id.label("id"),
                Episode.household_id.label("household_id"),
                Episode.measure_id.label("measure_id"),
                day_number(Episode.start_date).label("origin"),
                Measure.review_start_months.label("start_months"),
                Measure.review_end_months.label("end_months"),
                Measure.review_every_months.label("every_months"),
                Measure.duration_months.label("duration_months"),
                or_(Measure.duration_policy == DurationPolicy.OPEN_ENDED, Measure.duration_months.is_(None)).label(
                    "open_ended"
                ),
                func.coalesce(extended.c.months, 0).label("extension_months"),
                case((Measure.suspended_days_count.is_(True), 0), else_=func.coalesce(paused.c.days, 0)).label(
                    "pushed"
                ),
                case(
                    (Measure.suspended_days_count.is_(True), 0),
                    (paused.c.first < Episode.start_date, 0),
                    else_=func.coalesce(paused.c.longest, 0),
                ).label("pushed_at_least"),
            )
            .join(Measure, Measure.id == Episode.measure_id)
            .outerjoin(extended, extended.c.episode_id == Episode.id)
            .outerjoin(paused, paused.c.episode_id == Episode.id)
            .where(Episode.status.in_(running_statuses()), Episode.start_date.is_not(None))
        )
        .cte("running_episode")
        .prefix_with("MATERIALIZED")
    )
    figures = DueFigures(
        origin=running.c.origin,
        start_months=running.c.start_months,
        end_months=running.c.end_months,
        every_months=running.c.every_months,
        duration_months=running.c.duration_months,
        open_ended=running.c.open_ended,
        extension_months=running.c.extension_months,
        pushed=running.c.pushed,
        pushed_at_least=running.c.pushed_at_least,
    )
    return select(
        running.c.id,
        running.c.household_id,
        running.c.measure_id,
        running.c.origin,
        running.c.extension_months,
        running.c.pushed,
    ).where(may_be_due(figures, today.toordinal(), last.toordinal()))


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
class DueFigures:
    """What the first pass reads of an episode, as SQL expressions.

    Its start's day number, its measure's months, its extensions' months, and the most and the fewest days its
    suspensions may push its end by (0 when they count).
    """

    origin: SQLColumnExpression[int]
    start_months: SQLColumnExpression[int]
    end_months: SQLColumnExpression[int]
    every_months: SQLColumnExpression[int]
    duration_months: SQLColumnExpression[int | None]
    open_ended: SQLColumnExpression[bool]
    extension_months: SQLColumnExpression[int]
    pushed: SQLColumnExpression[int]
    pushed_at_least: SQLColumnExpression[int]


def may_be_due(figures: DueFigures, first: int, last: int) -> ColumnElement[bool]:
    """Tell, over plain numbers and never wrongly "no", whether an episode may have a date in a window.

    From day ``first`` to day ``last`` (day numbers): its first review, a periodic review (open-ended), its planned
    end, the decision before it, its midpoint or end review (fixed duration). Each date as a number of days, within
    its slack.
    """
    month = literal(AVERAGE_MONTH_DAYS)
    first_review = figures.origin + figures.start_months * month
    found: list[ColumnElement[bool]] = [first_review.between(first - SLACK_DAYS, last + SLACK_DAYS)]
    # Open-ended: the last periodic review on or before the window's end, if one comes after the first review.
    every = case((figures.every_months < 1, 1), else_=figures.every_months) * month
    since_first = last + SLACK_TWO_DAYS - first_review
    latest = first_review + whole_part(since_first / every) * every
    found.append(and_(figures.open_ended, since_first >= every, latest >= first - SLACK_TWO_DAYS))
    # A fixed duration: the planned end lies between its date with the fewest suspended days that may push it and
    # its date with the most.
    end = figures.origin + (figures.duration_months + figures.extension_months) * month - 1
    for offset, slack in ((0, SLACK_DAYS), (-DECISION_BEFORE_END_DAYS, SLACK_DAYS), (None, SLACK_TWO_DAYS)):
        shift = -figures.end_months * month if offset is None else literal(offset)
        found.append(
            and_(
                ~figures.open_ended,
                end + figures.pushed_at_least + shift <= last + slack,
                end + figures.pushed + shift >= first - slack,
            )
        )
    middle = (figures.origin + end) / 2
    found.append(
        and_(
            ~figures.open_ended,
            middle + figures.pushed_at_least / 2.0 <= last + SLACK_DAYS,
            middle + figures.pushed / 2.0 >= first - SLACK_DAYS,
        )
    )
    return or_(*found)


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
