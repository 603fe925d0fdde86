"""The measure catalogue (dispositifs), editable by an administrator."""

from __future__ import annotations

from caseworker.services.context import ServiceContext


class MeasureService:
    """The measure catalogue (dispositifs), editable by an administrator."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
