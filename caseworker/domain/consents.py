"""The states of a consent to share information (docs/domain.md §3.4, §7)."""

from __future__ import annotations

from enum import Enum


class ConsentStatus(str, Enum):
    """Stored states of DOMAIN.md §5.4. ``expire`` is also derived from the expiry date when reading."""

    DEMANDE = "demande"
    ACCORDE = "accorde"
    REFUSE = "refuse"
    REVOQUE = "revoque"
    EXPIRE = "expire"
