"""What a household file uses: the services the file calls itself and what it hands to its tabs and dialogs.

The main window builds it from the composition root's services. The housing and consent dialogs may add an
organisation on the way (a new landlord, a new recipient): that dialog belongs to the directory, so they receive a
function that opens it rather than what it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QWidget

from caseworker.services.audit import AuditService
from caseworker.services.directory import DirectoryService
from caseworker.services.households import HouseholdService, OccupancyService
from caseworker.services.meetings import MeetingService
from caseworker.services.reference import ReferenceDataService
from caseworker.services.settings import SettingsService
from caseworker.services.sharing import ConsentService, LegalBasisService
from caseworker.services.support import TimelineService
from caseworker.ui.alerts.deps import AlertsDeps
from caseworker.ui.contracts.deps import ContractsDeps
from caseworker.ui.directory.organisation_dialog import OrganisationDialog
from caseworker.ui.households.contact_dialog import ContactDeps
from caseworker.ui.households.episode_dialogs import EpisodeDeps
from caseworker.ui.households.proposals_panel import ProposalDeps
from caseworker.ui.households.rights_panel import RightsDeps
from caseworker.ui.households.team_panel import TeamDeps
from caseworker.ui.prevention.deps import PreventionDeps
from caseworker.ui.tasks.task_dialogs import TaskDeps

NewOrganisation = Callable[[QWidget, bool], "int | None"]
"""Opens the new-organisation dialog over a window (landlords only when True); returns the id saved, or None."""


def organisation_opener(directory: DirectoryService, reference: ReferenceDataService) -> NewOrganisation:
    """The directory's new-organisation dialog, as the housing and consent dialogs open it."""

    def open_dialog(parent: QWidget, landlords_only: bool) -> int | None:
        dialog = OrganisationDialog(directory, reference, landlords_only=landlords_only, parent=parent)
        if dialog.exec() and dialog.saved is not None:
            return dialog.saved.id
        return None

    return open_dialog


@dataclass(frozen=True)
class HousingDeps:
    """What the housing tab uses: the new situation, the proposals log, rights opened, glissement reviews."""

    occupancy: OccupancyService
    reference: ReferenceDataService
    directory: DirectoryService
    today: Callable[[], date]
    new_organisation: NewOrganisation
    proposals: ProposalDeps
    rights: RightsDeps
    meetings: MeetingService | None = None  # glissement reviews of a bail glissant (None: not offered)


@dataclass(frozen=True)
class ConsentDeps:
    """What the consent dialogs use."""

    consents: ConsentService
    reference: ReferenceDataService
    directory: DirectoryService
    settings: SettingsService
    today: Callable[[], date]
    new_organisation: NewOrganisation
    legal_bases: LegalBasisService


@dataclass(frozen=True)
class HouseholdFileDeps:
    """What the household file (and the household list beside it) uses.

    Attributes:
        households: the file, its members and the list row.
        reference: the picklists of the household and member dialogs.
        timeline: the support timeline above the episodes.
        audit: the file's history.
        today: the clock's today, for the plausibility of the dates typed.
        housing: the housing tab's dialogs (and the occupancy service it calls).
        consents: the consents tab's dialogs (and the consent service it calls).
        contacts: the contacts tab and the quick contact entry.
        episodes: the support tab (and the episodes the contact figures count from).
        team: the team tab.
        alerts: the household's alerts tab.
        prevention: the debts and procedure tab.
        contracts: the household's contracts tab.
        tasks: the household's tasks and debrief notes tab.
    """

    households: HouseholdService
    reference: ReferenceDataService
    timeline: TimelineService
    audit: AuditService
    today: Callable[[], date]
    housing: HousingDeps
    consents: ConsentDeps
    contacts: ContactDeps
    episodes: EpisodeDeps
    team: TeamDeps
    alerts: AlertsDeps
    prevention: PreventionDeps
    contracts: ContractsDeps
    tasks: TaskDeps
