"""The board's deadlines of an episode are those of the episode views (docs/domain.md §11.1).

The first pass counts months as average months to skip the costly month arithmetic for most episodes, and never
drops one that has a deadline in the window; the exact pass (:func:`window_dates`) computes only what the board
shows. Both are checked against the episode views' figures (:mod:`caseworker.services.support.durations`), over
random starts, measures, extensions and suspensions.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from caseworker.domain import DurationPolicy
from caseworker.models import Measure
from caseworker.services.board.episode_deadlines import DECISION_BEFORE_END_DAYS, SLACK_DAYS, _may_be_due, window_dates
from caseworker.services.support.durations import Milestone, Period, durations, milestones
from caseworker.services.support.episode_figures import duration_rule

TODAY = date(2026, 6, 15)
LAST = TODAY + timedelta(days=6)


def _exact_dates(measure: Measure, start: date, extensions: list[int], suspensions: list[Period]) -> list[date]:
    planned, reviews = _as_the_episode_views_say(measure, start, extensions, suspensions)
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


@settings(max_examples=400, deadline=None)
@given(
    start=st.dates(min_value=date(2018, 1, 1), max_value=TODAY),
    measure=measures(),
    extensions=EXTENSIONS,
    pauses=st.lists(st.tuples(st.integers(min_value=0, max_value=900), st.integers(0, 200)), max_size=3),
)
def test_the_first_pass_keeps_every_episode_with_a_date_in_the_window(
    start: date, measure: Measure, extensions: list[int], pauses: list[tuple[int, int]]
) -> None:
    suspensions = _suspensions(start, pauses)
    window = (TODAY.toordinal() - SLACK_DAYS, LAST.toordinal() + SLACK_DAYS)
    exact = [day for day in _exact_dates(measure, start, extensions, suspensions) if TODAY <= day <= LAST]
    if exact:
        assert _may_be_due(start, measure, extensions, suspensions, TODAY, window), exact


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
