"""The household's team (multiréférence) and each professional's caseload."""

from __future__ import annotations

from caseworker.services.context import ServiceContext


class TeamService:
    """The household's team (multiréférence) and each professional's caseload."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
