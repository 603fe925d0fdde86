"""What the UI's widgets receive, built from the services of a test as the main window builds them."""

from __future__ import annotations

from caseworker.services import Services
from caseworker.ui import main_window
from caseworker.ui.common.session import UserSession
from caseworker.ui.households.contact_dialog import ContactDeps
from caseworker.ui.households.episode_dialogs import EpisodeDeps
from caseworker.ui.households.file_deps import ConsentDeps, HouseholdFileDeps, HousingDeps
from caseworker.ui.households.team_panel import TeamDeps
from caseworker.ui.main_window import alerts_deps, contracts_deps, prevention_deps, settings_deps

__all__ = [
    "alerts_deps",
    "consent_deps",
    "contact_deps",
    "contracts_deps",
    "episode_deps",
    "household_file_deps",
    "housing_deps",
    "prevention_deps",
    "session",
    "settings_deps",
    "team_deps",
]


def session(services: Services) -> UserSession:
    return main_window.user_session(services)


def household_file_deps(services: Services) -> HouseholdFileDeps:
    return main_window.household_file_deps(services, session(services))


def housing_deps(services: Services) -> HousingDeps:
    return household_file_deps(services).housing


def consent_deps(services: Services) -> ConsentDeps:
    return household_file_deps(services).consents


def contact_deps(services: Services) -> ContactDeps:
    return household_file_deps(services).contacts


def episode_deps(services: Services) -> EpisodeDeps:
    return household_file_deps(services).episodes


def team_deps(services: Services) -> TeamDeps:
    return household_file_deps(services).team
