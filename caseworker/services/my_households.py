# Moved: re-export kept while the refactor merges.
"""Moved to :mod:`caseworker.services.support.my_households`."""

from __future__ import annotations

from caseworker.services.support.my_households import PLANNED_END_WARNING_DAYS, MyHouseholdRow, MyHouseholdsService

__all__ = ["PLANNED_END_WARNING_DAYS", "MyHouseholdRow", "MyHouseholdsService"]
