"""``day_number`` reads a date as Python's ``date.toordinal()`` on both backends (caseworker/models/sql.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, literal, select

from caseworker.models.sql import day_number
from caseworker.services import Services

DAYS = [date(1, 1, 1), date(1999, 12, 31), date(2000, 2, 29), date(2024, 3, 31), date(2026, 6, 15), date(2100, 3, 1)]


def test_day_number_is_the_ordinal_of_the_day_on_both_backends(services: Services) -> None:
    with services.context.read() as session:
        found = [session.execute(select(day_number(literal(day, Date())))).scalar_one() for day in DAYS]
        empty = session.execute(select(day_number(literal(None, Date())))).scalar_one()
    assert found == [day.toordinal() for day in DAYS]
    assert empty is None
