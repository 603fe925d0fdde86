"""The French calendar: public holidays (Easter-based ones with python-dateutil) and office hours.

Used for the off-hours flag of contacts (DOMAIN.md §6.4) and, later, for response deadlines counted in
working days.
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
