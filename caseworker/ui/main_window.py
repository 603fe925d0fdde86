"""The main window: navigation on the left, one section at a time on the right. It only composes.

With the composition root, it is the only place that sees the whole set of services: the functions below hand
each section what it uses, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from caseworker import APP_DISPLAY_NAME
from caseworker.domain.file_tabs import FileTab
from caseworker.errors import KnownError
from caseworker.services import Services
from caseworker.services.credentials import CheckOutcome, CredentialCheck
from caseworker.ui.alerts.alert_panels import AlertInboxPanel
from caseworker.ui.alerts.deps import AlertsDeps
from caseworker.ui.board.board_page import BoardPage
from caseworker.ui.common.auto_lock import LockDeps, ScreenLock
from caseworker.ui.common.live_updates import ALERT_TABLES, BOARD_REFRESH_MS, TASK_TABLES, LiveChanges, LiveUpdates
from caseworker.ui.common.session import UserSession
from caseworker.ui.contracts.contracts_section import ContractsSection
from caseworker.ui.contracts.deps import ContractsDeps
from caseworker.ui.encounters.encounters_section import ENCOUNTER_TABLES, EncountersDeps, EncountersSection
from caseworker.ui.exports.exports_page import ExportsPage
from caseworker.ui.households.contact_dialog import ContactDeps
from caseworker.ui.households.episode_dialogs import EpisodeDeps
from caseworker.ui.households.file_deps import ConsentDeps, HouseholdFileDeps, HousingDeps, organisation_opener
from caseworker.ui.households.households_section import HouseholdsSection
from caseworker.ui.households.my_households_panel import MyHouseholdsPanel
from caseworker.ui.households.proposals_panel import ProposalDeps
from caseworker.ui.households.rights_panel import RightsDeps
from caseworker.ui.households.team_panel import TeamDeps
from caseworker.ui.meetings.deps import MeetingsDeps
from caseworker.ui.meetings.meetings_page import MeetingsPage
from caseworker.ui.prevention.deps import PreventionDeps
from caseworker.ui.settings.settings_panel import DatabaseActions, SettingsDeps, SettingsPanel
from caseworker.ui.tasks.my_tasks_page import MyTasksPage
from caseworker.ui.tasks.task_dialogs import DebriefDecisionDialog, TaskDeps

STYLE_SHEET = """
QLabel#pageTitle { font-size: 18pt; font-weight: 600; }
QLabel#comingSoon { color: #6b6b6b; font-style: italic; }
QListWidget#navigation { border: none; background: #23364a; color: #ffffff; font-size: 11pt; }
QListWidget#navigation::item { padding: 10px 14px; }
QListWidget#navigation::item:selected { background: #3d6a96; }
"""


def user_session(services: Services) -> UserSession:
    """The clock and the current person of the open database, as the sections read them."""
    context = services.context  # the clock is read at each call, as by every section: tests may swap it
    return UserSession(
        today=lambda: context.clock.today(),  # noqa: PLW0108 (read the clock late)
        now=lambda: context.clock.now(),  # noqa: PLW0108 (read the clock late)
        staff_id=lambda: context.actor.staff_member_id,
    )


def alerts_deps(services: Services) -> AlertsDeps:
    """What the alerts section (and a household's alerts tab) uses."""
    context = services.context  # the clock is read at each call: tests may swap it
    return AlertsDeps(
        alerts=services.alerts,
        households=services.households,
        directory=services.directory,
        reference=services.reference,
        contacts=services.contacts,
        now=lambda: context.clock.now(),  # noqa: PLW0108 (read the clock late)
        today=lambda: context.clock.today(),  # noqa: PLW0108 (read the clock late)
        me=lambda: context.actor.staff_member_id,
        reactivation=services.reactivation,
    )


def prevention_deps(services: Services) -> PreventionDeps:
    """What a household's "Dettes et procédure" tab uses."""
    context = services.context  # the clock is read at each call: tests may swap it
    return PreventionDeps(
        debts=services.debts,
        procedures=services.procedures,
        directory=services.directory,
        occupancy=services.occupancy,
        reference=services.reference,
        today=lambda: context.clock.today(),  # noqa: PLW0108 (read the clock late)
    )


def contracts_deps(services: Services) -> ContractsDeps:
    """What the contracts section (and a household's contracts tab) uses."""
    context = services.context  # the clock is read at each call: tests may swap it
    return ContractsDeps(
        contracts=services.contracts,
        templates=services.contract_templates,
        directory=services.directory,
        episodes=services.episodes,
        working_days=services.working_days,
        liaison_sheets=services.liaison_sheets,
        today=lambda: context.clock.today(),  # noqa: PLW0108 (read the clock late)
    )


def household_file_deps(services: Services, session: UserSession) -> HouseholdFileDeps:
    """What the households section uses: the list, and the file with every tab and dialog it opens."""
    new_organisation = organisation_opener(services.directory, services.reference)
    return HouseholdFileDeps(
        households=services.households,
        reference=services.reference,
        timeline=services.timeline,
        audit=services.audit,
        today=session.today,
        housing=HousingDeps(
            services.occupancy,
            services.reference,
            services.directory,
            session.today,
            new_organisation,
            ProposalDeps(services.proposals, services.reference, services.directory, session.today),
            RightsDeps(services.rights, services.reference, session.today),
            services.meetings,
        ),
        consents=ConsentDeps(
            services.consents,
            services.reference,
            services.directory,
            services.settings,
            session.today,
            new_organisation,
            services.legal_bases,
        ),
        contacts=ContactDeps(
            services.contacts,
            services.team,
            services.directory,
            services.working_days,
            session,
            encounters=lambda household_id: [
                *services.drop_in.for_household(household_id),
                *services.outreach.for_household(household_id),
                *services.collective_sessions.for_household(household_id),
            ],
        ),
        episodes=EpisodeDeps(
            services.episodes,
            session.today,
            services.meetings.decisions_for_episode,
            funding=services.funding,
            criteria=services.criteria,
            after_care=services.after_care,
            reactivation=services.reactivation,
            watch=services.watch,
        ),
        team=TeamDeps(services.team, session.today),
        alerts=alerts_deps(services),
        prevention=prevention_deps(services),
        contracts=contracts_deps(services),
        tasks=task_deps(services, session),
    )


def encounters_deps(services: Services, session: UserSession) -> EncountersDeps:
    """What the drop-in register, street outreach and collective sessions use."""
    households = services.households
    return EncountersDeps(
        drop_in=services.drop_in,
        outreach=services.outreach,
        sessions=services.collective_sessions,
        directory=services.directory,
        search_households=lambda text, limit: households.search(text, limit=limit),
        today=session.today,
        now=session.now,
        staff_id=session.staff_id,
    )


def task_deps(services: Services, session: UserSession) -> TaskDeps:
    """What « Mes tâches » and the task dialogs (the debrief decision too) use."""
    return TaskDeps(services.tasks, services.automatic_tasks, session.today, session.staff_id)


def meetings_deps(services: Services, session: UserSession) -> MeetingsDeps:
    """What the Meetings section uses: meetings, the directory (attendees, partners), episodes (levels, reasons)."""
    return MeetingsDeps(
        services.meetings,
        services.directory,
        services.episodes,
        services.alerts,
        session.today,
        session.staff_id,
        services.households,
    )


def settings_deps(services: Services) -> SettingsDeps:
    """What the Paramètres section uses."""
    return SettingsDeps(
        setup=services.setup,
        directory=services.directory,
        measures=services.measures,
        funding=services.funding,
        working_days=services.working_days,
        letterhead=services.letterhead,
        contract_templates=services.contract_templates,
        credentials=services.credentials,
        auto_lock=services.auto_lock,
        criteria=services.criteria,
    )


def lock_deps(services: Services, verify_password: Callable[[str], None] | None) -> LockDeps:
    """What the lock checks: the person's own code (local mode) or their server password (``verify_password``).

    ``verify_password`` raises a :class:`KnownError` saying why a password does not open a session.
    """
    context = services.context

    def person() -> str:
        staff_id = context.actor.staff_member_id
        return services.directory.get_staff(staff_id).display_name if staff_id is not None else ""

    if verify_password is None:

        def check_code(secret: str) -> CredentialCheck:
            staff_id = context.actor.staff_member_id
            assert staff_id is not None  # the window exists after the first run
            return services.credentials.verify(staff_id, secret)

        def code_needed() -> bool:
            staff_id = context.actor.staff_member_id
            return staff_id is not None and services.credentials.has_credential(staff_id)

        return LockDeps(person, check_code, code_needed, services.auto_lock.idle_minutes)

    def check_password(secret: str) -> CredentialCheck:
        try:
            verify_password(secret)
        except KnownError as exc:
            return CredentialCheck(CheckOutcome.REFUSED, exc.user_message)
        return CredentialCheck(CheckOutcome.ACCEPTED)

    return LockDeps(person, check_password, lambda: True, services.auto_lock.idle_minutes, team_mode=True)


class MainWindow(QMainWindow):
    """The navigation of the sections, and on the right the section chosen.

    Ménages, Mes ménages, Tableau de bord, Mes tâches, Réunions, Alertes, Contrats, Accueil et maraude, Exports,
    Paramètres (Ctrl+1 … Ctrl+0).
    """

    def __init__(
        self,
        services: Services,
        database_actions: DatabaseActions,
        parent: QWidget | None = None,
        *,
        verify_password: Callable[[str], None] | None = None,
    ) -> None:
        """Compose the sections; ``verify_password`` checks a team server password (None in local mode)."""
        super().__init__(parent)
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.setStyleSheet(STYLE_SHEET)
        self.resize(1200, 760)
        sections = self._build_sections(services, database_actions)
        self._build_navigation(sections)
        self._connect_sections()
        self._lay_out()
        self.settings.user_switched.connect(lambda: self._show_user(services))
        self.settings.user_switched.connect(self.exports.forget_preview)
        self._show_user(services)
        self.navigation.setCurrentRow(0)
        self.screen_lock = ScreenLock(self, lock_deps(services, verify_password))
        self.settings.auto_lock_changed.connect(self.screen_lock.set_idle_minutes)

    # building ---------------------------------------------------------------------------------------------

    def _build_sections(self, services: Services, database_actions: DatabaseActions) -> list[tuple[str, QWidget]]:
        """Create every section, each given what it uses; return them with their titles, in navigation order."""
        session = user_session(services)
        self.households = HouseholdsSection(household_file_deps(services, session))
        self.my_households = MyHouseholdsPanel(
            services.my_households, services.team, services.households, session.staff_id
        )
        self.settings = SettingsPanel(settings_deps(services), database_actions)
        self.contracts = ContractsSection(contracts_deps(services))
        self.alerts = AlertInboxPanel(alerts_deps(services))
        self.board = BoardPage(services.board)
        self._task_deps = task_deps(services, session)
        self.my_tasks = MyTasksPage(self._task_deps)
        self.meetings = MeetingsPage(meetings_deps(services, session))
        self.encounters = EncountersSection(encounters_deps(services, session))
        self.exports = ExportsPage(
            services.exports, services.export_profiles, services.export_narratives, session.today
        )
        sections: list[tuple[str, QWidget]] = [
            (self.tr("Households"), self.households),
            (self.tr("My households"), self.my_households),
            (self.tr("Dashboard"), self.board),
            (self.tr("My tasks"), self.my_tasks),
            (self.tr("Meetings"), self.meetings),
            (self.tr("Alerts"), self.alerts),
            (self.tr("Contracts"), self.contracts),
            (self.tr("Drop-in and outreach"), self.encounters),
            (self.tr("Exports"), self.exports),
            (self.tr("Settings"), self.settings),
        ]
        return sections

    def _build_navigation(self, sections: list[tuple[str, QWidget]]) -> None:
        """Create the navigation list and the stack of sections; Ctrl+1… switches to a section."""
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(200)
        self.navigation.setIconSize(QSize(0, 0))
        self.stack = QStackedWidget()
        for number, (title, widget) in enumerate(sections, start=1):
            key = number % 10  # the tenth is Ctrl+0
            item = QListWidgetItem(title)
            item.setToolTip(self.tr("{section} (Ctrl+{number})").format(section=title, number=key))
            self.navigation.addItem(item)
            self.stack.addWidget(widget)
            QShortcut(QKeySequence(f"Ctrl+{key}"), self).activated.connect(partial(self.show_section, number - 1))

    def _connect_sections(self) -> None:
        """Follow the navigation, and let the sections open one another's households."""
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.stack.currentChanged.connect(self._section_shown)
        self.my_households.household_opened.connect(self.open_household)
        self.my_households.contact_requested.connect(self.households.record_contact)
        self.households.contact_recorded.connect(self._refresh_my_households)
        self.households.contact_recorded.connect(self._refresh_my_tasks)  # a contact may have closed tasks
        self.contracts.household_opened.connect(self.open_contract)
        self.my_tasks.household_opened.connect(self.open_household)
        self.board.household_opened.connect(self.open_household_at)
        self.board.decision_requested.connect(self.record_debrief_decision)

    def _lay_out(self) -> None:
        """Place the navigation beside the sections, and the current user in the status bar."""
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.user_label = QLabel()
        self.statusBar().addPermanentWidget(self.user_label)
        self.live_label = QLabel(self.tr("Colleagues' changes paused: the server cannot be reached (retrying)"))
        self.live_label.setObjectName("liveUpdatesPaused")
        self.live_label.setVisible(False)
        self.statusBar().addWidget(self.live_label)

    def _show_user(self, services: Services) -> None:
        current = services.setup.load_actor()
        text = f"{current.display_name} — {current.role_label}" if current else ""
        if services.context.team_mode:
            self.user_label.setText(self.tr("Team server · {user}").format(user=text))
        else:
            self.user_label.setText(self.tr("Encrypted database · {user}").format(user=text))

    def show_section(self, row: int) -> None:
        """Switch to a section by its position."""
        self.navigation.setCurrentRow(row)

    def show_widget(self, section: QWidget) -> None:
        """Switch to a section by its widget."""
        self.navigation.setCurrentRow(self.stack.indexOf(section))

    def open_household(self, household_id: int) -> None:
        """Show a household's file in the Households section."""
        self.show_widget(self.households)
        self.households.open_household(household_id)

    def open_household_at(self, household_id: int, tab: FileTab | None) -> None:
        """Show a household's file at one of its tabs (nothing more when the file could not be opened)."""
        self.open_household(household_id)
        file_panel = self.households.file_panel
        opened = file_panel.household
        if tab is not None and opened is not None and opened.id == household_id:
            file_panel.show_file_tab(tab)

    def open_contract(self, household_id: int, contract_id: int) -> None:
        """Show a household's file on one of its contracts (nothing more when the file could not be opened)."""
        self.open_household(household_id)
        file_panel = self.households.file_panel
        opened = file_panel.household
        if opened is not None and opened.id == household_id and self.households.currentWidget() is file_panel:
            file_panel.show_contract(contract_id)

    def record_debrief_decision(self, household_id: int) -> None:
        """A decision of the debrief about a household, from the board: a task or a dated note, in one step."""
        dialog = DebriefDecisionDialog(self._task_deps, household_id, parent=self)
        if dialog.exec():
            self.board.reload()

    def _section_shown(self, index: int) -> None:
        widget = self.stack.widget(index)
        if widget is self.my_households:
            self.my_households.reload()
        elif widget is self.contracts:
            self.contracts.reload()
        elif widget is self.alerts:
            self.alerts.reload()
        elif widget is self.board:
            self.board.reload()
        elif widget is self.my_tasks:
            self.my_tasks.reload()  # runs the check of automatic tasks first (caseworker.services.tasks.automatic)
        elif widget is self.meetings:
            self.meetings.reload()
        elif widget is self.encounters:
            self.encounters.reload()

    def _refresh_my_tasks(self) -> None:
        if self.stack.currentWidget() is self.my_tasks:
            self.my_tasks.reload()

    def _refresh_my_households(self) -> None:
        if self.stack.currentWidget() is self.my_households:
            self.my_households.reload()

    def follow_live_updates(self, live: LiveUpdates) -> None:
        """Team mode: show colleagues' changes in the views open, and say when the live link to the server is lost."""
        self._board_refresh = QTimer(self)
        self._board_refresh.setSingleShot(True)
        self._board_refresh.setInterval(BOARD_REFRESH_MS)
        self._board_refresh.timeout.connect(self._refresh_board)
        live.changes_arrived.connect(self._live_changed)
        live.connection_changed.connect(self._live_connection_changed)

    def _live_changed(self, changes: LiveChanges) -> None:
        """Re-read only what is shown and concerned; sections shown later re-read as they always do.

        The board sums up nearly every table and costs a fraction of a second to read for the whole service: it is
        read again once the changes of the next moments are in (:data:`BOARD_REFRESH_MS`), not at each of them.
        """
        current = self.stack.currentWidget()
        if current is self.alerts and changes.touches(ALERT_TABLES):
            self.alerts.reload()
        elif current is self.my_households:
            self.my_households.reload()
        elif current is self.my_tasks and changes.touches(TASK_TABLES):
            self.my_tasks.relist()
        elif current is self.encounters and changes.touches(ENCOUNTER_TABLES):
            self.encounters.reload()
        elif current is self.board and not self._board_refresh.isActive():
            self._board_refresh.start()
        self.households.show_changes(changes)

    def _refresh_board(self) -> None:
        if self.stack.currentWidget() is self.board:
            self.board.refresh()

    def _live_connection_changed(self, connected: bool) -> None:
        self.live_label.setVisible(not connected)

    def start(self) -> None:
        """Load the data shown at start and put the cursor in the household search."""
        self.households.list_panel.reload()
        self.households.list_panel.focus_search()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Every change is saved when it is made, except a contract template being edited: ask before losing it.

        Locked, the window stays: closing would end what the person left open, and only they may.
        """
        if self.screen_lock.is_locked:
            event.ignore()
            return
        if self.settings.contract_templates.is_dirty():
            self.show_widget(self.settings)
            if not self.settings.may_close():
                event.ignore()
                return
        event.accept()
