"""Support: a household's episodes under a measure, its team and its contact log (docs/domain.md §1–§3.1, §5).

This package owns the measure catalogue, the support-episode state machine and lifecycle (orientation → actif →
clôturé, suspensions, resumption), intensity, renewals and extensions, objectives, reviews and the exit, the
durations derived from them, the household's team and its coordinator, caseloads, the contact log with its note
classes, "Mes ménages" and the support timeline. Its modules:

- ``states``: the episode state machine (which state may follow which) and its groups of states.
- ``durations``: pure duration arithmetic: days by period, suspensions, planned end, milestones.
- ``episode_records``: loading an episode with its details, dating a step, storing a transition.
- ``episode_figures``: an episode's durations and review milestones, from its stored rows.
- ``episode_views``: the frozen views of an episode and the choices of its forms.
- ``episodes``: :class:`EpisodeService`, reading episodes and their lifecycle.
- ``intensity``: intensity levels and periods, stepping support up or down.
- ``extensions``: renewals and extensions under each measure's duration policy.
- ``objectives``: the household's objectives.
- ``reviews``: recording the milestone reviews (bilans) held.
- ``exits``: the exit record and handover that close an episode (or lead it into after-care).
- ``aftercare``: after-care (suivi post-accompagnement): its window, funder, referent, and its end.
- ``reactivation``: a new episode linked to an ended one, in two clicks.
- ``watch``: the watch list (veille) and when news of a household is due.
- ``measures``: the measure catalogue (dispositifs) and their intensity scales.
- ``criteria``: a measure's entry criteria and those an episode ticked (information, never a gate).
- ``memberships``: team memberships as stored, shared by the team and coordination modules.
- ``coordination``: one référent coordinateur at a time: handover and succession.
- ``caseloads``: each professional's caseload against the target of their measures.
- ``team``: :class:`TeamService`, the household's team (multiréférence).
- ``note_access``: who may read a note of the contact log.
- ``first_contact``: the "aller vers" figures (attempts and days before the first contact).
- ``contacts``: :class:`ContactService`, the contact log.
- ``my_households``: "Mes ménages", a professional's households and what needs attention.
- ``timeline``: the data of a household's support timeline.
"""

from __future__ import annotations

from caseworker.services.support.aftercare import AfterCareChoices, AfterCareInput, AfterCareView
from caseworker.services.support.caseloads import CaseloadView
from caseworker.services.support.contacts import (
    ContactChoices,
    ContactInput,
    ContactService,
    ContactView,
    ContradictingContact,
    ParticipantOption,
)
from caseworker.services.support.criteria import (
    CriteriaService,
    CriterionCheck,
    CriterionInput,
    CriterionView,
    EpisodeCriteria,
    MeasureCriteria,
)
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
from caseworker.services.support.episodes import EpisodeService, OrientationInput, SuspensionInput
from caseworker.services.support.exits import ExitInput
from caseworker.services.support.extensions import ExtensionInput
from caseworker.services.support.first_contact import FirstContactStats
from caseworker.services.support.intensity import IntensityChangeInput
from caseworker.services.support.measures import (
    IntensityLevelInput,
    IntensityLevelView,
    MeasureInput,
    MeasureService,
    MeasureView,
)
from caseworker.services.support.my_households import MyHouseholdRow, MyHouseholdsService
from caseworker.services.support.objectives import ObjectiveInput
from caseworker.services.support.reactivation import ReactivationInput, ReactivationProposal
from caseworker.services.support.team import TeamCandidate, TeamMemberInput, TeamMemberView, TeamService
from caseworker.services.support.timeline import Band, TimelineContact, TimelineData, TimelineEpisode, TimelineService
from caseworker.services.support.watch import WatchView

__all__ = [
    "AfterCareChoices",
    "AfterCareInput",
    "AfterCareView",
    "Band",
    "CaseloadView",
    "ContactChoices",
    "ContactInput",
    "ContactService",
    "ContactView",
    "ContradictingContact",
    "CriteriaService",
    "CriterionCheck",
    "CriterionInput",
    "CriterionView",
    "EpisodeChoices",
    "EpisodeCriteria",
    "EpisodeService",
    "EpisodeView",
    "ExitInput",
    "ExitView",
    "ExtensionInput",
    "ExtensionView",
    "FirstContactStats",
    "IntensityChangeInput",
    "IntensityLevelInput",
    "IntensityLevelView",
    "IntensityPeriodView",
    "MeasureCriteria",
    "MeasureInput",
    "MeasureService",
    "MeasureView",
    "MilestoneView",
    "MyHouseholdRow",
    "MyHouseholdsService",
    "ObjectiveInput",
    "ObjectiveView",
    "OrientationInput",
    "ParticipantOption",
    "ReactivationInput",
    "ReactivationProposal",
    "SuspensionInput",
    "SuspensionView",
    "TeamCandidate",
    "TeamMemberInput",
    "TeamMemberView",
    "TeamService",
    "TimelineContact",
    "TimelineData",
    "TimelineEpisode",
    "TimelineService",
    "TransitionView",
    "WatchView",
]
