"""What the housing and consent dialogs of a household file use, handed over by the panel that opens them.

Both may add an organisation on the way (a new landlord, a new recipient): that dialog belongs to the directory,
so they receive a function that opens it rather than what it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QWidget

from caseworker.services.directory import DirectoryService
from caseworker.services.households import OccupancyService
from caseworker.services.reference import ReferenceDataService
from caseworker.services.settings import SettingsService
from caseworker.services.sharing import ConsentService

NewOrganisation = Callable[[QWidget, bool], "int | None"]
"""Opens the new-organisation dialog over a window (landlords only when True); returns the id saved, or None."""


@dataclass(frozen=True)
class HousingDeps:
    """What the new-housing-situation dialog uses."""

    occupancy: OccupancyService
    reference: ReferenceDataService
    directory: DirectoryService
    today: Callable[[], date]
    new_organisation: NewOrganisation


@dataclass(frozen=True)
class ConsentDeps:
    """What the consent dialogs use."""

    consents: ConsentService
    reference: ReferenceDataService
    directory: DirectoryService
    settings: SettingsService
    today: Callable[[], date]
    new_organisation: NewOrganisation
