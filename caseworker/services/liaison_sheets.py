# Moved: re-export kept while the refactor merges.
"""Old path of caseworker.services.sharing.rules: re-exports only."""

from __future__ import annotations

from caseworker.services.sharing.liaison_sheet import (
    IDENTITY,
    LandlordOption,
    LiaisonSheetRequest,
    LiaisonSheetService,
    PreparedSheet,
)
from caseworker.services.sharing.rules import ConsentMissingError

__all__ = [
    "IDENTITY",
    "ConsentMissingError",
    "LandlordOption",
    "LiaisonSheetRequest",
    "LiaisonSheetService",
    "PreparedSheet",
]
