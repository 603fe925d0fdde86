"""The board's deadlines of an episode are those of the episode views (docs/domain.md §11.1).

The first pass, in the database, counts months as average months to skip the costly month arithmetic for most
episodes, and never drops one that has a deadline in the window; the exact pass (:func:`window_dates`) computes
only what the board shows. Both are checked against the episode views' figures
(:mod:`caseworker.services.support.durations`), over random starts, measures, extensions and suspensions: the first
pass's condition over numbers given to it, and its reading of episodes stored, on both backends.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Integer, literal, select

from caseworker.domain import DurationPolicy, EpisodeStatus
from caseworker.models import Episode, Extension, Measure, Suspension, SuspensionReason
from caseworker.services import Services
from caseworker.services.board import BoardFilter
from caseworker.services.board.episode_deadlines import (
    DECISION_BEFORE_END_DAYS,
    DueFigures,
    _candidates,
    may_be_due,
    window_dates,
)
from caseworker.services.board.scope import scope_of
from caseworker.services.support.durations import Milestone, Period, durations, milestones
from caseworker.services.support.episode_figures import duration_rule
from tests.services.builders import new_household
from tests.services.conftest import ActAs
from tests.services.support.test_episodes import team_lead

TODAY = date(2026, 6, 15)
LAST = TODAY + timedelta(days=6)


def _exact_dates(
    measure: Measure,
    start: date,
    extensions: list[int],
    suspensions: list[Period],
    today: date = TODAY,
    last: date = LAST,
) -> list[date]:
    planned, reviews = _as_the_episode_views_say(measure, start, extensions, suspensions, today, last)
    found = [item.due_on for item in reviews]
    if planned is not None:
        found += [planned, planned - timedelta(days=DECISION_BEFORE_END_DAYS)]
    return found


def _as_the_episode_views_say(
    measure: Measure,
    start: date,
    extensions: list[int],
    suspensions: list[Period],
    today: date = TODAY,
    last: date = LAST,
) -> tuple[date | None, list[Milestone]]:
    """The planned end and every review up to the window's last day, as the episode's own tab computes them."""
    planned = durations(
        start=start,
        end=None,
        today=today,
        intensity=(),
        suspensions=suspensions,
        rule=duration_rule(measure),
        extension_months=extensions,
    ).planned_end
    reviews = milestones(
        start,
        planned,
        start_months=measure.review_start_months,
        end_months=measure.review_end_months,
        every_months=measure.review_every_months,
        horizon=last,
    )
    return planned, reviews


@st.composite
def measures(draw: st.DrawFn) -> Measure:
    """A measure's durations and reviews: fixed (renewable) or open-ended, suspended days counted or not."""
    open_ended = draw(st.booleans())
    return Measure(
        duration_policy=DurationPolicy.OPEN_ENDED if open_ended else DurationPolicy.RENEWABLE,
        duration_months=None if open_ended else draw(st.integers(min_value=1, max_value=36)),
        suspended_days_count=draw(st.booleans()),
        review_start_months=draw(st.integers(min_value=0, max_value=6)),
        review_end_months=draw(st.integers(min_value=0, max_value=6)),
        review_every_months=draw(st.integers(min_value=1, max_value=12)),
    )


EXTENSIONS = st.lists(st.integers(min_value=1, max_value=12), max_size=3)


def _suspensions(start: date, pauses: list[tuple[int, int]]) -> list[Period]:
    """Suspensions starting ``offset`` days after the start, lasting ``length`` days more."""
    return [
        Period(start + timedelta(days=offset), start + timedelta(days=offset + length)) for offset, length in pauses
    ]


def _pushed(suspensions: list[Period], start: date, today: date) -> tuple[int, int]:
    """What the first pass reads of the suspensions: the days each was suspended until today, summed (the most
    days they may push the end by) and the longest (the fewest; none when one began before the start)."""
    days = [max((min(item.end or today, today) - item.start).days + 1, 0) for item in suspensions]
    before = any(item.start < start for item in suspensions)
    return sum(days), 0 if before else max(days, default=0)


def _figures(measure: Measure, start: date, extensions: list[int], pushed: tuple[int, int]) -> DueFigures:
    """An episode's numbers given to the first pass as values (as the board's query reads them from the tables)."""
    open_ended = measure.duration_policy is DurationPolicy.OPEN_ENDED or measure.duration_months is None
    return DueFigures(
        origin=literal(start.toordinal()),
        start_months=literal(measure.review_start_months),
        end_months=literal(measure.review_end_months),
        every_months=literal(measure.review_every_months),
        duration_months=literal(measure.duration_months, Integer()),
        open_ended=literal(open_ended),
        extension_months=literal(sum(extensions)),
        pushed=literal(0 if measure.suspended_days_count else pushed[0]),
        pushed_at_least=literal(0 if measure.suspended_days_count else pushed[1]),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.dates(min_value=date(2018, 1, 1), max_value=TODAY),
    measure=measures(),
    extensions=EXTENSIONS,
    pauses=st.lists(st.tuples(st.integers(min_value=-30, max_value=900), st.integers(0, 200)), max_size=3),
    pick=st.integers(min_value=0, max_value=60),
    place=st.integers(min_value=0, max_value=6),
)
def test_the_first_pass_keeps_every_episode_with_a_date_in_the_window(
    services: Services,
    start: date,
    measure: Measure,
    extensions: list[int],
    pauses: list[tuple[int, int]],
    pick: int,
    place: int,
) -> None:
    suspensions = _suspensions(start, pauses)
    # A week holding one of the episode's dates, at any place in it (the window's edges first of all). The dates
    # move with the day while a suspension pushes the end: the day is found from the dates once every suspension
    # is over, then the week's own dates are computed again.
    settled = start + timedelta(days=1200)
    dates = sorted(set(_exact_dates(measure, start, extensions, suspensions, settled, settled)))
    today = dates[pick % len(dates)] - timedelta(days=place)
    last = today + timedelta(days=6)
    exact = [day for day in _exact_dates(measure, start, extensions, suspensions, today, last) if today <= day <= last]
    if not exact:
        return
    figures = _figures(measure, start, extensions, _pushed(suspensions, start, today))
    with services.context.read() as session:
        kept = session.execute(select(may_be_due(figures, today.toordinal(), last.toordinal()))).scalar_one()
    assert kept, (today, exact)


def test_the_first_pass_reads_the_stored_episodes_as_it_should(services: Services, act_as: ActAs) -> None:
    """Episodes stored with extensions and suspensions (some still open): on any day, every one with a date in the
    week is among those the database keeps, as the episode views compute its dates."""
    draw = random.Random(2026)
    household = new_household(services).id
    approver = team_lead(services).id
    act_as(services, approver)  # who approves extensions (the team's server checks it)
    with services.context.transaction() as session:
        measures = list(session.scalars(select(Measure)))
        reason = session.scalars(select(SuspensionReason.id)).first()
        for _index in range(60):
            start = date(2019, 1, 1) + timedelta(days=draw.randrange(2700))
            measure = draw.choice(measures)
            episode = Episode(
                household_id=household,
                measure_id=measure.id,
                status=draw.choice([EpisodeStatus.ACTIF, EpisodeStatus.SUSPENDU]),
                orientation_date=start,
                start_date=start,
            )
            session.add(episode)
            session.flush()
            for _extension in range(draw.randrange(3)):
                session.add(
                    Extension(
                        episode_id=episode.id,
                        decided_on=start,
                        months=draw.randint(1, 12),
                        justification="Prolongation",
                        approver_id=approver,
                    )
                )
            for _pause in range(draw.randrange(3)):
                paused = start + timedelta(days=draw.randrange(-120, 700))
                resumed = None if draw.random() < 0.3 else paused + timedelta(days=draw.randrange(150))
                session.add(
                    Suspension(
                        episode_id=episode.id, reason_id=reason, start_date=paused, end_date=resumed, review_date=paused
                    )
                )
    scope = scope_of(BoardFilter())
    with services.context.read() as session:
        episodes = list(session.scalars(select(Episode).where(Episode.household_id == household)))
        for offset in range(0, 2900, 11):
            today = date(2019, 1, 1) + timedelta(days=offset)
            last = today + timedelta(days=6)
            kept = {row[0] for row in session.execute(_candidates(scope, today, last))}
            for episode in episodes:
                periods = [Period(item.start_date, item.end_date) for item in episode.suspensions]
                months = [item.months for item in episode.extensions]
                assert episode.start_date is not None
                planned, due = window_dates(
                    episode.start_date, episode.measure, duration_rule(episode.measure), months, periods, today, last
                )
                ends = [] if planned is None else [planned, planned - timedelta(days=DECISION_BEFORE_END_DAYS)]
                if due or any(today <= day <= last for day in ends):
                    assert episode.id in kept, (today, episode.start_date, episode.measure.code, months, periods)


@settings(max_examples=400, deadline=None)
@given(
    today=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),  # month ends and leap days included
    start=st.dates(min_value=date(2010, 1, 1), max_value=date(2028, 2, 10)),
    measure=measures(),
    extensions=EXTENSIONS,
    pauses=st.lists(st.tuples(st.integers(min_value=-30, max_value=900), st.integers(0, 200)), max_size=3),
)
def test_the_exact_pass_gives_the_episode_views_dates_in_the_window(
    today: date, start: date, measure: Measure, extensions: list[int], pauses: list[tuple[int, int]]
) -> None:
    suspensions = _suspensions(start, pauses)
    last = today + timedelta(days=6)
    planned, reviews = _as_the_episode_views_say(measure, start, extensions, suspensions, today, last)
    expected = [item for item in reviews if today <= item.due_on <= last]
    assert window_dates(start, measure, duration_rule(measure), extensions, suspensions, today, last) == (
        planned,
        expected,
    )


def test_skipping_the_months_before_since_never_drops_a_review_on_or_after_it() -> None:
    """Every start of a leap year and the next, every cadence, days of every kind (month ends, 29 February)."""
    sinces = [date(2026, 6, 15), date(2026, 3, 1), date(2026, 2, 28), date(2028, 2, 29), date(2026, 12, 31)]
    for offset in range(0, 731, 3):
        start = date(2024, 1, 1) + timedelta(days=offset)
        for every in range(1, 13):
            for since in sinces:
                horizon = since + timedelta(days=45)
                whole = milestones(start, None, start_months=1, end_months=1, every_months=every, horizon=horizon)
                skipped = milestones(
                    start, None, start_months=1, end_months=1, every_months=every, horizon=horizon, since=since
                )
                assert [m for m in skipped if m.due_on >= since] == [m for m in whole if m.due_on >= since]
