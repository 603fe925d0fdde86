"""Encounters outside the contact log: the drop-in register, street outreach, collective sessions (domain.md §14).

None of them is a contact of a measure's activity, and none needs a household. Each service lists what a household
took part in as :class:`HouseholdEncounter` rows, which the household's file shows beside its contact log.

- ``history.py``: :class:`HouseholdEncounter`, the row a household's file lists for each kind of encounter.
- ``outreach.py``: :class:`OutreachService`, street encounters (maraude), attached to a household once identified.
"""

from __future__ import annotations

from caseworker.services.encounters.history import EncounterKind, HouseholdEncounter
from caseworker.services.encounters.outreach import (
    EncounterInput,
    EncounterView,
    MemberChoice,
    OutreachCounts,
    OutreachService,
    outreach_counts_in,
)

__all__ = [
    "EncounterInput",
    "EncounterKind",
    "EncounterView",
    "HouseholdEncounter",
    "MemberChoice",
    "OutreachCounts",
    "OutreachService",
    "outreach_counts_in",
]
