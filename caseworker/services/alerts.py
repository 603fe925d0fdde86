"""Alerts between landlords and the association (DOMAIN.md §5.3, §6.6)."""

from __future__ import annotations

from caseworker.services.context import ServiceContext
from caseworker.services.letterhead import LetterheadService


class AlertService:
    """Receives, follows and closes alerts; computes their deadlines in French working days."""

    def __init__(self, ctx: ServiceContext, letterhead: LetterheadService) -> None:
        self._ctx = ctx
        self._letterhead = letterhead
