# Moved: re-export kept while the refactor merges.
"""Moved to :mod:`caseworker.services.support.episodes`."""

from __future__ import annotations

from caseworker.domain.support import EPISODE_STATUS_LABELS as STATUS_LABELS
from caseworker.domain.support import OBJECTIVE_OWNER_LABELS as OWNER_LABELS
from caseworker.domain.support import OBJECTIVE_STATUS_LABELS, OBJECTIVES_MET_LABELS, REVIEW_LABELS
from caseworker.services.support.episode_figures import episode_durations, episode_milestones
from caseworker.services.support.episode_views import (
    EpisodeChoices,
    EpisodeView,
    ExitView,
    ExtensionView,
    IntensityPeriodView,
    MilestoneView,
    ObjectiveView,
    SuspensionView,
    TransitionView,
)
from caseworker.services.support.episodes import (
    DEFAULT_SUSPENSION_REVIEW,
    EpisodeService,
    OrientationInput,
    SuspensionInput,
)
from caseworker.services.support.exits import ExitInput
from caseworker.services.support.extensions import TEAM_LEAD_ROLE, ExtensionInput
from caseworker.services.support.intensity import IntensityChangeInput
from caseworker.services.support.objectives import ObjectiveInput
from caseworker.services.support.states import running_statuses

__all__ = [
    "DEFAULT_SUSPENSION_REVIEW",
    "OBJECTIVES_MET_LABELS",
    "OBJECTIVE_STATUS_LABELS",
    "OWNER_LABELS",
    "REVIEW_LABELS",
    "STATUS_LABELS",
    "TEAM_LEAD_ROLE",
    "EpisodeChoices",
    "EpisodeService",
    "EpisodeView",
    "ExitInput",
    "ExitView",
    "ExtensionInput",
    "ExtensionView",
    "IntensityChangeInput",
    "IntensityPeriodView",
    "MilestoneView",
    "ObjectiveInput",
    "ObjectiveView",
    "OrientationInput",
    "SuspensionInput",
    "SuspensionView",
    "TransitionView",
    "episode_durations",
    "episode_milestones",
    "running_statuses",
]
