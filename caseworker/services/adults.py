# Moved: re-export kept while the refactor merges.
"""Old path of caseworker.services.households.adults: re-exports only."""

from __future__ import annotations

from caseworker.services.households.adults import (
    ADULT_AGE,
    ADULT_RULE,
    age_unknown,
    current_adults,
    is_adult,
    members_of_unknown_age,
)

__all__ = ["ADULT_AGE", "ADULT_RULE", "age_unknown", "current_adults", "is_adult", "members_of_unknown_age"]
