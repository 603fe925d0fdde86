# Moved: re-export kept while the refactor merges.
"""Moved to :mod:`caseworker.services.support.contacts`."""

from __future__ import annotations

from caseworker.domain.contacts import ATTEMPT, CANCELLED, REACHED
from caseworker.services.support.contacts import (
    CLOCK_SKEW,
    DEFAULT_OUTCOME_CODE,
    DEFAULT_TYPE_CODE,
    MAX_DURATION_MINUTES,
    NOTE_MAX,
    ContactChoices,
    ContactInput,
    ContactService,
    ContactView,
    ContradictingContact,
    ParticipantOption,
)
from caseworker.services.support.first_contact import FirstContactStats, first_contact_stats_of
from caseworker.services.support.note_access import HEALTH_ROLE_CODES

__all__ = [
    "ATTEMPT",
    "CANCELLED",
    "CLOCK_SKEW",
    "DEFAULT_OUTCOME_CODE",
    "DEFAULT_TYPE_CODE",
    "HEALTH_ROLE_CODES",
    "MAX_DURATION_MINUTES",
    "NOTE_MAX",
    "REACHED",
    "ContactChoices",
    "ContactInput",
    "ContactService",
    "ContactView",
    "ContradictingContact",
    "FirstContactStats",
    "ParticipantOption",
    "first_contact_stats_of",
]
