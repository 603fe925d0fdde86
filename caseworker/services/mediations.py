# Moved: re-export kept while the refactor merges.
"""Moved to :mod:`caseworker.services.alerts.mediations`."""

from __future__ import annotations

from caseworker.services.alerts.mediations import (
    NAME_MAX,
    REQUIRED_PARTIES,
    MediationInput,
    MediationView,
    ParticipantLine,
    ParticipantOption,
    ParticipantView,
    build_mediation,
    mediation_view,
    participant_name,
    participant_options,
)

__all__ = [
    "NAME_MAX",
    "REQUIRED_PARTIES",
    "MediationInput",
    "MediationView",
    "ParticipantLine",
    "ParticipantOption",
    "ParticipantView",
    "build_mediation",
    "mediation_view",
    "participant_name",
    "participant_options",
]
