"""The SQL expressions of caseworker/models/sql.py read the same on both backends.

``day_number`` as Python's ``date.toordinal()``, ``smaller``/``larger`` as ``min``/``max`` of two, ``whole_part`` as
``int()`` of a number that is not negative.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, literal, select

from caseworker.models.sql import day_number, larger, smaller, whole_part
from caseworker.services import Services

DAYS = [date(1, 1, 1), date(1999, 12, 31), date(2000, 2, 29), date(2024, 3, 31), date(2026, 6, 15), date(2100, 3, 1)]


def test_day_number_is_the_ordinal_of_the_day_on_both_backends(services: Services) -> None:
    with services.context.read() as session:
        found = [session.execute(select(day_number(literal(day, Date())))).scalar_one() for day in DAYS]
        empty = session.execute(select(day_number(literal(None, Date())))).scalar_one()
    assert found == [day.toordinal() for day in DAYS]
    assert empty is None


def test_smaller_larger_and_whole_part_read_the_same_on_both_backends(services: Services) -> None:
    pairs = [(3, 7), (7, 3), (-2, 0), (5, 5)]
    numbers = [0.0, 0.4, 1.0, 2.999, 17.5, 40123.75]
    with services.context.read() as session:
        low = [session.execute(select(smaller(literal(a), literal(b)))).scalar_one() for a, b in pairs]
        high = [session.execute(select(larger(literal(a), literal(b)))).scalar_one() for a, b in pairs]
        whole = [session.execute(select(whole_part(literal(number, Float())))).scalar_one() for number in numbers]
    assert low == [min(pair) for pair in pairs]
    assert high == [max(pair) for pair in pairs]
    assert whole == [int(number) for number in numbers]
