"""The data behind the per-household timeline (support, contacts, housing)."""

from __future__ import annotations

from caseworker.services.context import ServiceContext


class TimelineService:
    """The data behind the per-household timeline (support, contacts, housing)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
