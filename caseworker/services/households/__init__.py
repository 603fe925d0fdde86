"""The household file and its people.

This package owns who belongs to a household and since when, where it lives, how the list finds it, and the
questions other capabilities ask about it (its current members, its adults, its coordinator).

- ``records.py``: :class:`HouseholdService`, creating and editing households and persons, the household file.
- ``listing.py``: the household list's rows, the search by name, households named as the list names them.
- ``queries.py``: household questions other capabilities ask (the household, its members, its coordinator).
- ``adults.py``: who counts as an adult (consent, signatures, mediations).
- ``occupancy.py``: :class:`OccupancyService`, the housing timeline and the guards of each change.
- ``proposals.py``: :class:`HousingProposalService`, the dwellings offered, the CAL, the answer and the lease.
- ``rights.py``: :class:`RightsService`, the rights opened for the household or one of its persons.
"""

from __future__ import annotations

from caseworker.services.households.adults import ADULT_AGE, ADULT_RULE, current_adults, is_adult
from caseworker.services.households.listing import (
    COUNT_LIMIT,
    LIST_ORDERS,
    PAGE_SIZE,
    HouseholdPage,
    HouseholdSummary,
    ListOrder,
    MemberName,
    PageKey,
    display_names_for,
    refresh_search_text,
    refresh_sort_names,
    summaries_for,
)
from caseworker.services.households.occupancy import (
    OccupancyChangeInput,
    OccupancyService,
    OccupancyView,
    change_occupancy_in,
    check_change,
)
from caseworker.services.households.proposals import HousingProposalService, ProposalInput, ProposalView
from caseworker.services.households.queries import (
    PersonChoice,
    coordinator,
    coordinator_names,
    current_memberships,
    current_occupancy,
    existing_household,
)
from caseworker.services.households.records import (
    HouseholdFile,
    HouseholdInput,
    HouseholdService,
    MemberView,
    PersonInput,
    validate_household,
    validate_person,
)
from caseworker.services.households.rights import RightInput, RightsService, RightView

__all__ = [
    "ADULT_AGE",
    "ADULT_RULE",
    "COUNT_LIMIT",
    "LIST_ORDERS",
    "PAGE_SIZE",
    "HouseholdFile",
    "HouseholdInput",
    "HouseholdPage",
    "HouseholdService",
    "HouseholdSummary",
    "HousingProposalService",
    "ListOrder",
    "MemberName",
    "MemberView",
    "OccupancyChangeInput",
    "OccupancyService",
    "OccupancyView",
    "PageKey",
    "PersonChoice",
    "PersonInput",
    "ProposalInput",
    "ProposalView",
    "RightInput",
    "RightView",
    "RightsService",
    "change_occupancy_in",
    "check_change",
    "coordinator",
    "coordinator_names",
    "current_adults",
    "current_memberships",
    "current_occupancy",
    "display_names_for",
    "existing_household",
    "is_adult",
    "refresh_search_text",
    "refresh_sort_names",
    "summaries_for",
    "validate_household",
    "validate_person",
]
