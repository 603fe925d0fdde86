"""Working days and office hours of a territory: the arithmetic of deadlines and of the off-hours flag.

A working day is Monday to Friday except the public holidays of the territory that applies (:mod:`.holidays`).
Alert deadlines count in working days from the day of receipt, which never counts itself; office hours, for the
off-hours flag of contacts, are 08:30–18:30 on working days (docs/domain.md §4).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from caseworker.services.calendar.holidays import public_holidays

OFFICE_OPENS = time(8, 30)
OFFICE_CLOSES = time(18, 30)


def is_working_day(day: date, *, territory: str) -> bool:
    """Tell whether ``day`` is a working day in ``territory`` (Monday to Friday, not a public holiday)."""
    return day.weekday() < 5 and day not in public_holidays(day.year, territory)


def is_off_hours(moment: datetime, *, territory: str) -> bool:
    """Tell whether a local time is outside office hours (08:30–18:30 on the working days of ``territory``)."""
    if not is_working_day(moment.date(), territory=territory):
        return True
    return not OFFICE_OPENS <= moment.time() < OFFICE_CLOSES


def add_working_days(start: date, days: int, *, territory: str) -> date:
    """Return the day ``days`` working days after ``start`` (``start`` itself never counts).

    "Within 1 working day" of an alert received on a Friday, a Saturday or a public holiday eve means by the end
    of the next working day: the deadline is that day, and the alert is overdue from the day after. With 0, the
    deadline is ``start`` if it is a working day, else the next working day.
    """
    if days < 0:
        raise ValueError("a deadline counts forward")
    day = start
    if days == 0:
        while not is_working_day(day, territory=territory):
            day += timedelta(days=1)
        return day
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, territory=territory):
            remaining -= 1
    return day


def working_days_between(start: date, end: date, *, territory: str) -> int:
    """Count the working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, territory=territory):
            count += 1
    return count
