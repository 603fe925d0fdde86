"""Support episodes: lifecycle, intensity, suspensions, extensions, objectives, reviews and exit."""

from __future__ import annotations

from caseworker.services.context import ServiceContext


class EpisodeService:
    """Support episodes: lifecycle, intensity, suspensions, extensions, objectives, reviews and exit."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
