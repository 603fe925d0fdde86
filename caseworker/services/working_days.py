# Moved: re-export kept while the refactor merges.
"""Moved to :mod:`caseworker.services.calendar.territories`."""

from __future__ import annotations

from caseworker.services.calendar.territories import (
    WorkingDaysService,
    association_territory,
    landlord_territory,
    territory_problem,
)

__all__ = ["WorkingDaysService", "association_territory", "landlord_territory", "territory_problem"]
