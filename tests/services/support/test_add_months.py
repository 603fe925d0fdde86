"""Month arithmetic of the episode figures (:func:`caseworker.services.support.durations.add_months`)."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from caseworker.services.support.durations import add_months


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(min_value=-240, max_value=240))
def test_add_months_is_relativedelta(day: date, months: int) -> None:
    assert add_months(day, months) == day + relativedelta(months=months)


def test_the_day_is_clipped_to_the_months_end() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
