# Moved: re-export kept while the refactor merges.
"""Moved to :mod:`caseworker.services.calendar` (``holidays.py`` and ``working_days.py``)."""

from __future__ import annotations

from caseworker.services.calendar.holidays import (
    METROPOLE,
    TERRITORIES,
    is_public_holiday,
    public_holidays,
    territory_label,
    winter_truce,
)
from caseworker.services.calendar.working_days import (
    OFFICE_CLOSES,
    OFFICE_OPENS,
    add_working_days,
    is_off_hours,
    is_working_day,
    working_days_between,
)

__all__ = [
    "METROPOLE",
    "OFFICE_CLOSES",
    "OFFICE_OPENS",
    "TERRITORIES",
    "add_working_days",
    "is_off_hours",
    "is_public_holiday",
    "is_working_day",
    "public_holidays",
    "territory_label",
    "winter_truce",
    "working_days_between",
]
