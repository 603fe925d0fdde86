# Moved: re-export kept while the refactor merges.
"""Moved to :mod:`caseworker.services.support.team`."""

from __future__ import annotations

from caseworker.services.support.caseloads import CaseloadView
from caseworker.services.support.coordination import HANDOVER_REASON, ONLY_SOCIAL_WORKERS_COORDINATE, SUCCESSOR_REQUIRED
from caseworker.services.support.team import TeamCandidate, TeamMemberInput, TeamMemberView, TeamService

__all__ = [
    "HANDOVER_REASON",
    "ONLY_SOCIAL_WORKERS_COORDINATE",
    "SUCCESSOR_REQUIRED",
    "CaseloadView",
    "TeamCandidate",
    "TeamMemberInput",
    "TeamMemberView",
    "TeamService",
]
