# Moved: re-export kept while the refactor merges.
"""Old path of caseworker.services.sharing.log: re-exports only."""

from __future__ import annotations

from caseworker.domain.consents import CHANNEL_LABELS, DOCUMENT_LABELS, LEGAL_BASIS_C0
from caseworker.services.sharing.log import DisclosureEntry, DisclosureView, disclosure_view, write_disclosure

__all__ = [
    "CHANNEL_LABELS",
    "DOCUMENT_LABELS",
    "LEGAL_BASIS_C0",
    "DisclosureEntry",
    "DisclosureView",
    "disclosure_view",
    "write_disclosure",
]
