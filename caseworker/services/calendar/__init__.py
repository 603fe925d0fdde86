"""The French calendar: public holidays, working days, office hours, the winter truce, the territory that applies.

Public holidays differ by territory; the association's is a setting and a landlord's convention cadre may name
another one (docs/domain.md §4). Modules:

- ``holidays.py`` — the territories people may choose, their public holidays, the winter truce (1 Nov. – 31 March)
- ``working_days.py`` — working-day arithmetic for deadlines, office hours for the off-hours flag
- ``territories.py`` — which territory applies, and :class:`WorkingDaysService` (the setting of Paramètres)

The day arithmetic is re-exported here. ``territories.py`` is imported by its own path and not from here: it reads
the settings, and the settings read the list of territories from this package.
"""

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
