"""The section of the encounters outside the contact log: the drop-in register, street outreach, sessions.

Three tabs, each a page of its own given what it uses (docs/domain.md §14.4, §14.5); the one shown is read again
when it comes into view, and on colleagues' changes to its tables (team mode).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtWidgets import QTabWidget, QWidget

from caseworker.services.directory import DirectoryService
from caseworker.services.encounters.drop_in import DropInService
from caseworker.services.encounters.outreach import OutreachService
from caseworker.services.encounters.sessions import CollectiveSessionService
from caseworker.ui.common.household_picker import Search
from caseworker.ui.encounters.drop_in_page import DropInRegisterPage
from caseworker.ui.encounters.outreach_dialogs import OutreachDeps
from caseworker.ui.encounters.outreach_page import OutreachPage
from caseworker.ui.encounters.session_dialog import SessionsDeps
from caseworker.ui.encounters.sessions_page import SessionsPage

ENCOUNTER_TABLES = frozenset(
    {"drop_in_visit", "outreach_encounter", "collective_session", "collective_session_attendee"}
)
"""The tables whose changes the section shows as they come (team mode)."""


@dataclass(frozen=True)
class EncountersDeps:
    """The services and clock of the three pages, and the household search of their pickers."""

    drop_in: DropInService
    outreach: OutreachService
    sessions: CollectiveSessionService
    directory: DirectoryService
    search_households: Search
    today: Callable[[], date]
    now: Callable[[], datetime]
    staff_id: Callable[[], int | None]


class EncountersSection(QTabWidget):
    """The drop-in register, street outreach and collective sessions, a tab each."""

    def __init__(self, deps: EncountersDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("encountersSection")
        self.drop_in = DropInRegisterPage(deps.drop_in, deps.search_households, deps.today, deps.now)
        self.outreach = OutreachPage(OutreachDeps(deps.outreach, deps.search_households, deps.today))
        self.sessions = SessionsPage(
            SessionsDeps(deps.sessions, deps.directory, deps.search_households, deps.today, deps.staff_id)
        )
        # No mnemonics on the tabs: the pages' fields hold the letters (Ctrl+Tab moves between tabs).
        self.addTab(self.drop_in, self.tr("Drop-in register"))
        self.addTab(self.outreach, self.tr("Street outreach"))
        self.addTab(self.sessions, self.tr("Workshops"))
        self.currentChanged.connect(lambda _index: self.reload())

    def reload(self) -> None:
        """Read the page shown again."""
        page = self.currentWidget()
        if isinstance(page, DropInRegisterPage | OutreachPage | SessionsPage):
            page.refresh()
