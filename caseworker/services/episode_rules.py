# Moved: re-export kept while the refactor merges.
"""Moved to :mod:`caseworker.services.support.states`."""

from __future__ import annotations

from caseworker.domain.support import EPISODE_STATUS_LABELS as STATUS_LABELS
from caseworker.services.support.extensions import extension_limit_message
from caseworker.services.support.states import ENDED, RUNNING, TRANSITIONS, WAITING, allowed_next, check_transition

__all__ = [
    "ENDED",
    "RUNNING",
    "STATUS_LABELS",
    "TRANSITIONS",
    "WAITING",
    "allowed_next",
    "check_transition",
    "extension_limit_message",
]
