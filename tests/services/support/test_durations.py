"""Tests of caseworker/services/support/durations.py: the days at each level, against a day-by-day count."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from caseworker.domain import DurationPolicy
from caseworker.services.support.durations import UNKNOWN_LEVEL, DurationRule, Period, days_by_level, durations

ORIGIN = date(2026, 1, 1)
OPEN = DurationRule(DurationPolicy.OPEN_ENDED, None, suspended_days_count=False)


@st.composite
def spans(draw: st.DrawFn, key: str = "") -> Period:
    start = ORIGIN + timedelta(days=draw(st.integers(0, 15)))  # short: periods meet and overlap often
    end = None if draw(st.integers(0, 4)) == 0 else start + timedelta(days=draw(st.integers(0, 10)))
    return Period(start, end, key or draw(st.sampled_from(("Renforcé", "Standard", "Veille"))))


def _day_by_day(start: date, last: date, intensity: list[Period], suspensions: list[Period]) -> dict[str, int]:
    """Each active day at the first period (in the list's order) covering it: what « not yet covered » means."""

    def covers(period: Period, day: date) -> bool:
        return period.start <= day and (period.end is None or period.end >= day)

    counted: dict[str, int] = {}
    day = start
    while day <= last:
        if not any(covers(pause, day) for pause in suspensions):
            key = next((period.key for period in intensity if covers(period, day)), UNKNOWN_LEVEL)
            counted[key] = counted.get(key, 0) + 1
        day += timedelta(days=1)
    return counted


@settings(max_examples=300)
@given(
    first=st.integers(0, 10),
    length=st.integers(0, 20),
    intensity=st.lists(spans(), max_size=4),
    suspensions=st.lists(spans("pause"), max_size=2),
)
def test_days_by_level_count_each_active_day_once_at_its_level(
    first: int, length: int, intensity: list[Period], suspensions: list[Period]
) -> None:
    """Sorted or not, overlapping or not, suspended or not: the fast paths and the general one agree with a count
    of the days one by one, and with the episode file's figures."""
    start = ORIGIN + timedelta(days=first)
    last = start + timedelta(days=length)
    found = days_by_level(start, last, intensity, suspensions)
    assert found == _day_by_day(start, last, intensity, suspensions)
    figures = durations(start=start, end=last, today=last, intensity=intensity, suspensions=suspensions, rule=OPEN)
    assert found == figures.days_by_level


def test_no_day_when_the_last_is_before_the_first() -> None:
    assert days_by_level(ORIGIN, ORIGIN - timedelta(days=1), [Period(ORIGIN, None, "Renforcé")], []) == {}
