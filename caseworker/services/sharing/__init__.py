"""What may leave the association about a household, and the record of what left.

This package owns the consent register, the consent rules ("may this person's data of this category go to this
recipient today?"), the fiche navette to a landlord, the household's own summary and the append-only disclosure log
(docs/domain.md §3.4, §7).

- ``rules.py``: the consent rules, read from the register; the one answer to "is this consented to?".
- ``register.py``: :class:`ConsentService`, recording consents, their evidence and their decisions.
- ``legal_basis.py``: :class:`LegalBasisService`, the grounds in law a team lead records to share despite a refusal.
- ``liaison_sheet.py``: :class:`LiaisonSheetService`, the fiche navette and the consent gate before it leaves.
- ``household_summary.py``: the facts of the household's one-page summary.
- ``log.py``: the disclosure log, one way to write it and one way to read it.

The fiche navette is imported by its own path (``sharing.liaison_sheet``), not from here: it reads contracts, which
themselves write to the disclosure log and ask the consent rules, so importing it with the package would make the
two packages import each other.
"""

from __future__ import annotations

from caseworker.services.documents import Attachment
from caseworker.services.sharing.legal_basis import LegalBasisInput, LegalBasisService, LegalBasisView
from caseworker.services.sharing.log import DisclosureEntry, DisclosureView, disclosure_view, write_disclosure
from caseworker.services.sharing.register import ConsentInput, ConsentService, ConsentView, FilingReference
from caseworker.services.sharing.rules import (
    Authorisation,
    ConsentMissingError,
    HouseholdConsents,
    MissingConsent,
    authorising_consents,
    consent_gaps,
    household_consents,
    legal_grounds,
)

__all__ = [
    "Attachment",
    "Authorisation",
    "ConsentInput",
    "ConsentMissingError",
    "ConsentService",
    "ConsentView",
    "DisclosureEntry",
    "DisclosureView",
    "FilingReference",
    "HouseholdConsents",
    "LegalBasisInput",
    "LegalBasisService",
    "LegalBasisView",
    "MissingConsent",
    "authorising_consents",
    "consent_gaps",
    "disclosure_view",
    "household_consents",
    "legal_grounds",
    "write_disclosure",
]
