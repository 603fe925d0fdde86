"""What the household and settings widgets receive, built from the services of a test (as the main window does)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from caseworker.services import Services
from caseworker.ui.common.session import UserSession
from caseworker.ui.directory.organisation_dialog import OrganisationDialog
from caseworker.ui.households.contact_dialog import ContactDeps
from caseworker.ui.households.episode_dialogs import EpisodeDeps
from caseworker.ui.households.file_deps import ConsentDeps, HousingDeps
from caseworker.ui.households.team_panel import TeamDeps
from caseworker.ui.main_window import user_session


def session(services: Services) -> UserSession:
    return user_session(services)


def _new_organisation(services: Services):
    def open_dialog(parent: QWidget, landlords_only: bool) -> int | None:
        dialog = OrganisationDialog(services, landlords_only=landlords_only, parent=parent)
        return dialog.saved.id if dialog.exec() and dialog.saved is not None else None

    return open_dialog


def housing_deps(services: Services) -> HousingDeps:
    return HousingDeps(
        services.occupancy,
        services.reference,
        services.directory,
        services.context.clock.today,
        _new_organisation(services),
    )


def consent_deps(services: Services) -> ConsentDeps:
    return ConsentDeps(
        services.consents,
        services.reference,
        services.directory,
        services.settings,
        services.context.clock.today,
        _new_organisation(services),
    )


def contact_deps(services: Services) -> ContactDeps:
    return ContactDeps(services.contacts, services.team, services.directory, services.working_days, session(services))


def episode_deps(services: Services) -> EpisodeDeps:
    return EpisodeDeps(services.episodes, services.context.clock.today)


def team_deps(services: Services) -> TeamDeps:
    return TeamDeps(services.team, services.context.clock.today)
