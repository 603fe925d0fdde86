# Moved: re-export kept while the refactor merges.
"""Old path of caseworker.services.sharing.register: re-exports only."""

from __future__ import annotations

from caseworker.services.documents import Attachment
from caseworker.services.sharing.register import (
    MAX_ATTACHMENT_BYTES,
    ConsentInput,
    ConsentService,
    ConsentView,
    FilingReference,
    consent_views,
)

__all__ = [
    "MAX_ATTACHMENT_BYTES",
    "Attachment",
    "ConsentInput",
    "ConsentService",
    "ConsentView",
    "FilingReference",
    "consent_views",
]
