# Moved: re-export kept while the refactor merges.
"""Moved to :mod:`caseworker.services.support.timeline`."""

from __future__ import annotations

from caseworker.services.support.timeline import Band, TimelineContact, TimelineData, TimelineEpisode, TimelineService

__all__ = ["Band", "TimelineContact", "TimelineData", "TimelineEpisode", "TimelineService"]
