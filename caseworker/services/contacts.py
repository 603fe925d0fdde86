"""The contact log: visits, calls and failed attempts."""

from __future__ import annotations

from caseworker.services.context import ServiceContext


class ContactService:
    """The contact log: visits, calls and failed attempts."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
