""""Mes ménages": the households of the current staff member, with what needs attention."""

from __future__ import annotations

from caseworker.services.context import ServiceContext


class MyHouseholdsService:
    """"Mes ménages": the households of the current staff member, with what needs attention."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
