# Moved: re-export kept while the refactor merges.
"""Moved to :mod:`caseworker.services.support.durations`."""

from __future__ import annotations

from caseworker.services.support.durations import (
    UNKNOWN_LEVEL,
    DurationRule,
    Durations,
    Milestone,
    Period,
    clip,
    durations,
    milestones,
    planned_end,
)

__all__ = [
    "UNKNOWN_LEVEL",
    "DurationRule",
    "Durations",
    "Milestone",
    "Period",
    "clip",
    "durations",
    "milestones",
    "planned_end",
]
