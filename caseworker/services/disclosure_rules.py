# Moved: re-export kept while the refactor merges.
"""Old path of caseworker.services.sharing.rules: re-exports only."""

from __future__ import annotations

from caseworker.domain.consents import STATUS_LABELS
from caseworker.services.sharing.rules import (
    Authorisation,
    ConsentFacts,
    ConsentMissingError,
    HouseholdConsents,
    MissingConsent,
    RecordState,
    SupportSpan,
    authorising_consents,
    consent_facts,
    consent_gaps,
    household_consents,
    legacy_note_proves_nothing,
    missing_for_siao,
)

__all__ = [
    "STATUS_LABELS",
    "Authorisation",
    "ConsentFacts",
    "ConsentMissingError",
    "HouseholdConsents",
    "MissingConsent",
    "RecordState",
    "SupportSpan",
    "authorising_consents",
    "consent_facts",
    "consent_gaps",
    "household_consents",
    "legacy_note_proves_nothing",
    "missing_for_siao",
]
