# Moved: re-export kept while the refactor merges.
"""Moved to :mod:`caseworker.services.prevention.winter_truce`."""

from __future__ import annotations

from caseworker.services.prevention.winter_truce import (
    FIELD,
    NOT_GIVEN,
    TruceGround,
    ground_for_expulsion,
    truce_grounds,
    truce_notice,
)

__all__ = ["FIELD", "NOT_GIVEN", "TruceGround", "ground_for_expulsion", "truce_grounds", "truce_notice"]
