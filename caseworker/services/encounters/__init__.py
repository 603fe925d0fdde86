"""Encounters outside the contact log: the drop-in register, street outreach, collective sessions (domain.md §14).

None of them is a contact of a measure's activity, and none needs a household. Each service lists what a household
took part in as :class:`HouseholdEncounter` rows, which the household's file shows beside its contact log.

- ``history.py``: :class:`HouseholdEncounter`, the row a household's file lists for each kind of encounter.
- ``outreach.py``: :class:`OutreachService`, street encounters (maraude), attached to a household once identified.
- ``drop_in.py``: :class:`DropInService`, the drop-in register (identified and anonymous visits, the day's and the
  month's counts over every household).
- ``sessions.py``: :class:`CollectiveSessionService`, collective sessions (ateliers) and their attendance.
"""

from __future__ import annotations

from caseworker.services.encounters.drop_in import (
    DayCounts,
    DropInCounts,
    DropInDay,
    DropInInput,
    DropInService,
    DropInVisitView,
    MonthCounts,
    last_visit_days,
)
from caseworker.services.encounters.history import EncounterKind, HouseholdEncounter
from caseworker.services.encounters.outreach import (
    EncounterInput,
    EncounterView,
    OutreachCounts,
    OutreachService,
    outreach_counts_in,
)

__all__ = [
    "DayCounts",
    "DropInCounts",
    "DropInDay",
    "DropInInput",
    "DropInService",
    "DropInVisitView",
    "EncounterInput",
    "EncounterKind",
    "EncounterView",
    "HouseholdEncounter",
    "MonthCounts",
    "OutreachCounts",
    "OutreachService",
    "last_visit_days",
    "outreach_counts_in",
]
