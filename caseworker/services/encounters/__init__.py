"""Encounters outside the contact log: the drop-in register, street outreach, collective sessions (domain.md §14).

None of them is a contact of a measure's activity, and none needs a household. Each service lists what a household
took part in as :class:`HouseholdEncounter` rows, which the household's file shows beside its contact log.
"""

from __future__ import annotations

from caseworker.services.encounters.history import EncounterKind, HouseholdEncounter

__all__ = ["EncounterKind", "HouseholdEncounter"]
