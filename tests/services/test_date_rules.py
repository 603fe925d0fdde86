"""Tests of caseworker/services/date_rules.py: the one plausibility rule of every date field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from caseworker.services import date_rules
from caseworker.services.calendar import METROPOLE, add_working_days, winter_truce
from caseworker.services.date_rules import (
    RULES,
    DateKind,
    absurd_date,
    accepted_span,
    unusual_date,
    years_from,
)

TODAY = date(2026, 6, 15)

# kind: (first accepted, last accepted, first usual, last usual) for TODAY
EXPECTED = {
    DateKind.EVENT: (date(1990, 1, 1), TODAY, date(2024, 6, 15), TODAY),
    DateKind.HOUSING: (date(1926, 6, 15), TODAY, date(1996, 6, 15), TODAY),
    DateKind.PLANNED: (date(1990, 1, 1), date(2046, 6, 15), date(2025, 6, 15), date(2031, 6, 15)),
    DateKind.VALIDITY: (date(1990, 1, 1), date(2046, 6, 15), date(2021, 6, 15), date(2036, 6, 15)),
    DateKind.BIRTH: (date(1906, 6, 15), TODAY, date(1926, 6, 15), TODAY),
}
ONE_DAY = timedelta(days=1)


@pytest.mark.parametrize("kind", list(DateKind))
def test_the_ranges_of_each_kind(kind: DateKind) -> None:
    first, last, first_usual, last_usual = EXPECTED[kind]
    for accepted in (first, last, first_usual, last_usual):
        assert absurd_date(kind, accepted, TODAY) is None
    assert absurd_date(kind, first - ONE_DAY, TODAY) is not None
    assert absurd_date(kind, last + ONE_DAY, TODAY) is not None
    for usual in (first_usual, last_usual, TODAY if first_usual <= TODAY <= last_usual else first_usual):
        assert unusual_date(kind, usual, TODAY) is None
    if first_usual > first:
        assert unusual_date(kind, first_usual - ONE_DAY, TODAY) is not None
    if last_usual < last:
        assert unusual_date(kind, last_usual + ONE_DAY, TODAY) is not None
    # An absurd date is refused, not "unusual".
    assert unusual_date(kind, first - ONE_DAY, TODAY) is None


def test_the_messages() -> None:
    assert absurd_date(DateKind.EVENT, TODAY + ONE_DAY, TODAY) == "la date ne peut pas être dans le futur (16/06/2026)"
    assert absurd_date(DateKind.PLANNED, date(2200, 1, 1), TODAY) == (
        "la date 01/01/2200 n'est pas vraisemblable (au plus tard le 15/06/2046)"
    )
    assert absurd_date(DateKind.HOUSING, date(1900, 1, 1), TODAY) == (
        "la date 01/01/1900 n'est pas vraisemblable (au plus tôt le 15/06/1926)"
    )
    assert unusual_date(DateKind.EVENT, date(2016, 6, 15), TODAY) == "plus de 2 ans avant aujourd'hui"
    assert unusual_date(DateKind.PLANNED, date(2025, 1, 1), TODAY) == "plus d'un an avant aujourd'hui"
    assert unusual_date(DateKind.PLANNED, date(2062, 1, 1), TODAY) is None  # absurd, not unusual
    assert unusual_date(DateKind.PLANNED, date(2036, 1, 1), TODAY) == "plus de 5 ans après aujourd'hui"


def test_the_module_docstring_tabulates_every_kind() -> None:
    doc = date_rules.__doc__
    assert doc is not None
    for kind in DateKind:
        assert f"``{kind.name}``" in doc
    assert set(RULES) == set(DateKind)


def test_years_from_a_leap_day() -> None:
    assert years_from(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert years_from(date(2024, 2, 29), -4) == date(2020, 2, 29)
    assert years_from(date(9990, 1, 1), 20) == date(9999, 1, 1)  # clamped to the calendar


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)))
def test_arithmetic_on_any_accepted_date_stays_in_the_calendar(today: date) -> None:
    first, last = accepted_span(today)
    for day in (first, last):
        # The longest steps the services take from a date: ten years of contract, five of plan, 120 working days.
        assert day + relativedelta(months=240) > day
        assert day - relativedelta(months=240) < day
        for territory in (METROPOLE, "57", "974"):
            assert add_working_days(day, 120, territory=territory) > day
        winter_truce(day)  # the truce around the last accepted day ends in the next year


@given(st.sampled_from(list(DateKind)), st.dates(), st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 1, 1)))
def test_absurd_and_unusual_never_raise_and_never_overlap(kind: DateKind, value: date, today: date) -> None:
    absurd = absurd_date(kind, value, today)
    unusual = unusual_date(kind, value, today)
    assert absurd is None or unusual is None
    first, last = accepted_span(today)
    if absurd is None:
        assert first <= value <= last or kind is DateKind.BIRTH


@pytest.mark.parametrize("day", [date.min, date(1, 3, 31), date(9999, 11, 1), date.max])
def test_the_winter_truce_is_total_over_the_calendar(day: date) -> None:
    truce = winter_truce(day)
    assert truce is not None and truce[0] <= day <= truce[1]
