"""The French calendar: public holidays (Easter-based ones with python-dateutil) and office hours.

Used for the off-hours flag of contacts (DOMAIN.md §6.4), for alert response deadlines counted in working
days (DOMAIN.md §10.1) and for the winter truce of eviction procedures (§5.5).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

from dateutil.easter import easter

OFFICE_OPENS = time(8, 30)
OFFICE_CLOSES = time(18, 30)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """Return the eleven French public holidays of ``year`` (metropolitan France)."""
    easter_sunday = easter(year)
    return frozenset(
        {
            date(year, 1, 1),  # Jour de l'an
            easter_sunday + timedelta(days=1),  # Lundi de Pâques
            date(year, 5, 1),  # Fête du travail
            date(year, 5, 8),  # Victoire 1945
            easter_sunday + timedelta(days=39),  # Ascension
            easter_sunday + timedelta(days=50),  # Lundi de Pentecôte
            date(year, 7, 14),  # Fête nationale
            date(year, 8, 15),  # Assomption
            date(year, 11, 1),  # Toussaint
            date(year, 11, 11),  # Armistice
            date(year, 12, 25),  # Noël
        }
    )


def is_public_holiday(day: date) -> bool:
    """Tell whether ``day`` is a French public holiday."""
    return day in public_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Tell whether ``day`` is a working day (Monday to Friday, not a public holiday)."""
    return day.weekday() < 5 and not is_public_holiday(day)


def is_off_hours(moment: datetime) -> bool:
    """Tell whether a local time is outside office hours (08:30–18:30 on working days)."""
    if not is_working_day(moment.date()):
        return True
    return not OFFICE_OPENS <= moment.time() < OFFICE_CLOSES


def add_working_days(start: date, days: int) -> date:
    """Return the day ``days`` working days after ``start`` (``start`` itself never counts).

    "Within 1 working day" of an alert received on a Friday, a Saturday or a public holiday eve means by the end
    of the next working day: the deadline is that day, and the alert is overdue from the day after. With 0, the
    deadline is ``start`` if it is a working day, else the next working day.
    """
    if days < 0:
        raise ValueError("a deadline counts forward")
    day = start
    if days == 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Count the working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def winter_truce(day: date) -> tuple[date, date] | None:
    """Return the winter truce (1 November – 31 March) that ``day`` falls in, or None outside it."""
    if day.month >= 11:
        return date(day.year, 11, 1), date(day.year + 1, 3, 31)
    if day.month <= 3:
        return date(day.year - 1, 11, 1), date(day.year, 3, 31)
    return None
