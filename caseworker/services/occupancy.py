# Moved: re-export kept while the refactor merges.
"""Old path of caseworker.services.households.occupancy: re-exports only."""

from __future__ import annotations

from caseworker.domain.parties import PARTY_LABELS
from caseworker.services.households.occupancy import (
    OccupancyChangeInput,
    OccupancyService,
    OccupancyView,
    change_occupancy_in,
    check_change,
    occupancy_views,
)

__all__ = [
    "PARTY_LABELS",
    "OccupancyChangeInput",
    "OccupancyService",
    "OccupancyView",
    "change_occupancy_in",
    "check_change",
    "occupancy_views",
]
