"""The household file: who is in it, where they live, what they agreed to share, and who looked at it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain import AuditAction
from caseworker.domain.file_tabs import FileTab
from caseworker.errors import KnownError
from caseworker.formats import format_date
from caseworker.services.audit import AuditEntry
from caseworker.services.households import HouseholdFile, HouseholdSummary
from caseworker.ui.alerts.alert_panels import AlertInboxPanel
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.live_updates import ALERT_TABLES, LiveChanges
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.contracts.household_contracts_panel import HouseholdContractsPanel
from caseworker.ui.households.consents_tab import ConsentsTab
from caseworker.ui.households.contacts_panel import ContactsPanel
from caseworker.ui.households.episode_panel import EpisodesPanel
from caseworker.ui.households.file_deps import HouseholdFileDeps
from caseworker.ui.households.file_table_models import AuditTableModel, OccupancyTableModel
from caseworker.ui.households.household_dialog import HouseholdDialog
from caseworker.ui.households.housing_timeline import HousingTimeline
from caseworker.ui.households.members_tab import MembersTab
from caseworker.ui.households.occupancy_dialogs import CorrectDatesDialog, OccupancyChangeDialog
from caseworker.ui.households.proposals_panel import ProposalsPanel
from caseworker.ui.households.rights_panel import RightsPanel
from caseworker.ui.households.support_timeline import SupportTimeline
from caseworker.ui.households.tab_layout import lay_out_tab
from caseworker.ui.households.team_panel import TeamPanel
from caseworker.ui.meetings.glissement_dialog import GlissementReviewDialog, pending_review
from caseworker.ui.prevention.prevention_panel import PreventionPanel
from caseworker.ui.tasks.household_tasks_tab import HouseholdTasksTab

FILE_TABLES = frozenset({"household", "household_membership", "occupancy", "consent", "legal_basis"})
"""What the file's header and first tabs show: a colleague's change there re-reads the file."""
SUPPORT_TABLES = frozenset({"episode", "intensity_period", "suspension", "extension"})


class HouseholdFilePanel(QWidget):
    """Shows one household and offers its actions.

    It composes the tabs, handing each what it uses.

    Signals:
        back_requested: the person wants the list again (Esc, Alt+Left, or the button).
        household_changed(HouseholdSummary): something in the file changed (the list refreshes that row).
        sight_lost(bool): a change of the household's team took it out of the person's sight (docs/domain.md §2);
            the file is closed. True when a colleague's change did it (the person was not asked: tell them).
    """

    back_requested = Signal()
    household_changed = Signal(object)
    sight_lost = Signal(bool)

    def __init__(self, deps: HouseholdFileDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        self.household: HouseholdFile | None = None
        self.contact_deps = deps.contacts
        self.housing_deps = deps.housing
        self.consent_deps = deps.consents
        header = self._build_header()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("householdTabs")
        today = deps.today()
        self._build_members_tab()
        self._build_support_tabs()
        self._build_housing_tab(today)
        self._build_consents_tab()
        self._build_section_tabs()
        self._build_history_tab()
        # Tabs of other timelines are read when first shown, so that opening a file stays fast.
        self._stale_tabs: set[QWidget] = set()
        self.tabs.currentChanged.connect(self._load_current_tab)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.subtitle_label)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), self).activated.connect(self.back_requested)
        QShortcut(QKeySequence("Ctrl+K"), self).activated.connect(self.new_contact)

    # building --------------------------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        """Back to the list, the household's name and reference, and Edit (the subtitle goes below)."""
        self.back_button = QPushButton(self.tr("← Households"))
        self.back_button.setToolTip(self.tr("Back to the list (Esc)"))
        self.back_button.clicked.connect(self.back_requested)
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        self.subtitle_label = QLabel()
        self.subtitle_label.setWordWrap(True)
        self.edit_button = QPushButton(self.tr("&Edit the household…"))
        self.edit_button.clicked.connect(self.edit_household)
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.edit_button)
        return header

    def _build_members_tab(self) -> None:
        self.members_tab = MembersTab(self._deps.households, self._deps.reference, self._deps.today)
        self.members_tab.changed.connect(self.refresh)
        self.members_model = self.members_tab.members_model
        self.members_table = self.members_tab.members_table
        self.add_member_button = self.members_tab.add_member_button
        self.tabs.addTab(self.members_tab, self.tr("&Members"))

    def _build_support_tabs(self) -> None:
        """Support (the timeline above the episodes), Team and Contacts."""
        self.support_timeline = SupportTimeline()
        self.support_timeline.setObjectName("supportTimeline")
        self.episodes_panel = EpisodesPanel(self._deps.episodes)
        self.episodes_panel.changed.connect(self._support_changed)
        support_tab = QSplitter(Qt.Orientation.Vertical)
        support_tab.setObjectName("supportSplitter")
        support_tab.addWidget(self.support_timeline)
        support_tab.addWidget(self.episodes_panel)
        support_tab.setStretchFactor(1, 1)
        self.support_tab = support_tab
        self.tabs.addTab(support_tab, self.tr("S&upport"))
        self.team_panel = TeamPanel(self._deps.team)
        self.team_panel.changed.connect(self._team_changed)
        self.tabs.addTab(self.team_panel, self.tr("&Team"))
        self.contacts_panel = ContactsPanel(self.contact_deps, self._deps.households)
        self.contacts_panel.new_shortcut.setKey(QKeySequence())  # Ctrl+K belongs to the whole file (below)
        self.contacts_panel.changed.connect(self._contacts_changed)
        self.tabs.addTab(self.contacts_panel, self.tr("C&ontacts"))

    def _build_housing_tab(self, today: date) -> None:
        self.timeline = HousingTimeline()
        self.occupancy_model = OccupancyTableModel(today, parent=self)
        self.occupancy_table = record_table(self.occupancy_model, "occupancyTable", sortable=True)
        self.change_occupancy_button = QPushButton(self.tr("New &situation…"))
        self.correct_dates_button = QPushButton(self.tr("&Correct the dates…"))
        self.undo_occupancy_button = QPushButton(self.tr("&Undo the last change"))
        self.glissement_button = QPushButton(self.tr("&Glissement review…"))
        self.glissement_button.setObjectName("glissement_review_button")
        self.glissement_button.setVisible(self.housing_deps.meetings is not None)
        self.glissement_button.clicked.connect(self.glissement_review)
        self.change_occupancy_button.clicked.connect(self.change_occupancy)
        self.correct_dates_button.clicked.connect(self.correct_dates)
        self.undo_occupancy_button.clicked.connect(self.undo_last_change)
        self.housing_tab = lay_out_tab(
            QWidget(),
            [
                self.change_occupancy_button,
                self.correct_dates_button,
                self.undo_occupancy_button,
                self.glissement_button,
            ],
            self.timeline,
            self.occupancy_table,
        )
        self.proposals_panel = ProposalsPanel(self.housing_deps.proposals)
        self.proposals_panel.changed.connect(lambda: self._stale_tabs.add(self.history_tab))
        housing_layout = self.housing_tab.layout()
        assert isinstance(housing_layout, QVBoxLayout)
        housing_layout.addWidget(self.proposals_panel, 1)
        self.rights_panel = RightsPanel(self.housing_deps.rights)  # beside the offers: what support opened
        self.rights_panel.changed.connect(lambda: self._stale_tabs.add(self.history_tab))
        housing_layout.addWidget(self.rights_panel, 1)
        self.tabs.addTab(self.housing_tab, self.tr("&Housing"))

    def _build_consents_tab(self) -> None:
        self.consent_tab = ConsentsTab(self.consent_deps)
        self.consent_tab.changed.connect(self.refresh)
        self.consent_model = self.consent_tab.consent_model
        self.consent_table = self.consent_tab.consent_table
        self.new_consent_button = self.consent_tab.new_consent_button
        self.grant_button = self.consent_tab.grant_button
        self.refuse_button = self.consent_tab.refuse_button
        self.revoke_button = self.consent_tab.revoke_button
        self.evidence_button = self.consent_tab.evidence_button
        self.tabs.addTab(self.consent_tab, self.tr("&Consents"))

    def _build_section_tabs(self) -> None:
        """The household's part of the other sections: Alerts, Debts and procedure, Contracts."""
        self.alerts_panel = AlertInboxPanel(self._deps.alerts, household_mode=True)
        self.alerts_panel.changed.connect(self._contracts_changed)
        self.tabs.addTab(self.alerts_panel, self.tr("&Alerts"))
        self.prevention_panel = PreventionPanel(self._deps.prevention)
        self.prevention_panel.changed.connect(self._prevention_changed)
        self.tabs.addTab(self.prevention_panel, self.tr("&Debts and procedure"))
        self.contracts_panel = HouseholdContractsPanel(self._deps.contracts)
        self.contracts_panel.changed.connect(self._contracts_changed)
        self.tabs.addTab(self.contracts_panel, self.tr("Cont&racts"))
        self.tasks_tab = HouseholdTasksTab(self._deps.tasks)
        self.tasks_tab.changed.connect(lambda: self._stale_tabs.add(self.history_tab))
        self.tabs.addTab(self.tasks_tab, self.tr("Tas&ks and notes"))

    def _build_history_tab(self) -> None:
        self.views_model = AuditTableModel(self)
        self.history_model = AuditTableModel(self)
        self.views_table = record_table(self.views_model, "viewsTable", sortable=True)
        self.history_table = record_table(self.history_model, "historyTable", sortable=True)
        self.history_tab = lay_out_tab(
            QWidget(),
            [],
            QLabel(self.tr("Who opened this file")),
            self.views_table,
            QLabel(self.tr("Changes")),
            self.history_table,
        )
        self.tabs.addTab(self.history_tab, self.tr("H&istory"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape goes back to the list (unless a child widget used the key)."""
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    # loading ---------------------------------------------------------------------------------------------

    def open_household(self, household_id: int) -> None:
        """Open a file (recorded in the audit log as a consultation)."""
        self._show(self._deps.households.open_file(household_id))
        self.tabs.setCurrentIndex(0)
        self.members_table.setFocus()

    def refresh(self) -> None:
        """Re-read the open file after a change made here (not a new consultation)."""
        if self.household is None:
            return
        self._show(self._deps.households.open_file(self.household.id, record_view=False))
        self.household_changed.emit(self._deps.households.summary(self.household.id))

    def _show(self, household: HouseholdFile) -> None:
        self.household = household
        self.title_label.setText(f"{household.display_name}  ·  {household.reference}")
        # A narrow window wraps the line between its parts, never inside one ("SIAO :" / its number).
        self.subtitle_label.setText("  ·  ".join(part.replace(" ", "\u00a0") for part in self._details(household)))
        self.members_tab.show_household(household)
        self._show_housing(household)
        self.consent_tab.show_household(household)
        self.views_model.set_records(household.views)
        self._show_history(household.history)
        self.views_table.resizeColumnsToContents()
        self.history_table.resizeColumnsToContents()
        self._stale_tabs = {
            self.housing_tab,  # its proposals log and rights opened (the periods above are the file's own)
            self.support_tab,
            self.team_panel,
            self.contacts_panel,
            self.alerts_panel,
            self.prevention_panel,
            self.contracts_panel,
            self.tasks_tab,
        }
        self._load_current_tab()

    def _details(self, household: HouseholdFile) -> list[str]:
        """The parts of the subtitle: composition, size, pets, situation before entry, referral, SIAO number."""
        details = [
            household.composition_label,
            self.tr("%n person(s)", "", len(household.members)),
        ]
        if household.details.pet_count:
            details.append(household.details.pets_note or self.tr("%n pet(s)", "", household.details.pet_count))
        if household.situation_before_entry_label:
            details.append(
                self.tr("before entry: {situation}").format(situation=household.situation_before_entry_label)
            )
        if household.referral_source_label:
            details.append(self.tr("referred by: {source}").format(source=household.referral_source_label))
        if household.details.siao_reference:
            details.append(self.tr("SIAO: {reference}").format(reference=household.details.siao_reference))
        if household.details.numero_unique:
            numero = self.tr("numéro unique: {number}").format(number=household.details.numero_unique)
            if household.details.numero_unique_expires_on is not None:
                numero += " " + self.tr("(valid until {date})").format(
                    date=format_date(household.details.numero_unique_expires_on)
                )
            details.append(numero)
        return [part for part in details if part]

    def _show_housing(self, household: HouseholdFile) -> None:
        """The housing timeline and periods, and why Correct and Undo are greyed out when they are."""
        self.timeline.set_periods(list(household.occupancies), self._deps.today())
        self.occupancy_model.set_records(list(reversed(household.occupancies)))
        self.occupancy_table.resizeColumnsToContents()
        no_period = self.tr("No housing situation recorded yet.")
        enable_unless(self.correct_dates_button, "" if household.occupancies else no_period)
        if household.current_occupancy is not None:
            undo_reason = ""
        elif household.occupancies:
            undo_reason = self.tr("The household has no current housing situation.")
        else:
            undo_reason = no_period
        enable_unless(self.undo_occupancy_button, undo_reason)
        current = household.current_occupancy
        glissant = current is not None and current.status_code == "sous_locataire" and current.bail_glissant
        enable_unless(
            self.glissement_button,
            "" if glissant else self.tr("Only a current sub-lease in bail glissant is reviewed for glissement."),
        )

    def _load_current_tab(self, _index: int = -1) -> None:
        current = self.tabs.currentWidget()
        if current not in self._stale_tabs or self.household is None:
            return
        self._stale_tabs.discard(current)
        household_id = self.household.id
        if current is self.support_tab:
            self.episodes_panel.set_household(household_id)
            self.support_timeline.set_data(self._deps.timeline.for_household(household_id))
        elif current is self.housing_tab:
            self.proposals_panel.show_household(household_id)
            self.rights_panel.show_household(household_id)
        elif current is self.team_panel:
            self.team_panel.set_household(household_id)
        elif current is self.contacts_panel:
            self.contacts_panel.set_household(household_id, since=self._contacts_since(household_id))
        elif current is self.contracts_panel:
            self.contracts_panel.set_household(household_id)
        elif current is self.alerts_panel:
            self.alerts_panel.set_household(household_id)
        elif current is self.prevention_panel:
            self.prevention_panel.set_household(household_id)
        elif current is self.tasks_tab:
            self.tasks_tab.show_household(household_id)
        elif current is self.history_tab:
            self._show_history(self._deps.audit.for_household(household_id))
            self.history_table.resizeColumnsToContents()

    def _show_history(self, entries: Sequence[AuditEntry]) -> None:
        """What changed in the file, newest first (consultations have their own table)."""
        self.history_model.set_records([entry for entry in entries if entry.action is not AuditAction.VIEW])

    def show_changes(self, changes: LiveChanges) -> None:
        """Colleagues changed this household: re-read what they changed (not a new consultation)."""
        if self.household is None:
            return
        if changes.touches(frozenset({"team_membership"})) and not self._still_in_sight(by_colleague=True):
            return
        if changes.touches(FILE_TABLES):
            self.refresh()  # the header, members, housing and consents; the other tabs when next shown
            return
        tabs: dict[QWidget, frozenset[str]] = {
            self.support_tab: SUPPORT_TABLES | {"contact"},
            self.contacts_panel: frozenset({"contact"}),
            self.alerts_panel: ALERT_TABLES,
            self.team_panel: frozenset({"team_membership"}),
            self.prevention_panel: frozenset({"debt", "legal_procedure"}),
            self.contracts_panel: frozenset({"contract"}),
            self.tasks_tab: frozenset({"task", "debrief_note"}),
            self.housing_tab: frozenset({"housing_proposal", "right_opened"}),
        }
        self._stale_tabs.update(tab for tab, tables in tabs.items() if changes.touches(tables))
        self._stale_tabs.add(self.history_tab)
        self._load_current_tab()

    def _contacts_since(self, household_id: int) -> date | None:
        """First-contact figures count from the orientation of the current episode (the latest one if none runs)."""
        episodes = self._deps.episodes.episodes.episodes_for(household_id)
        return episodes[0].orientation_date if episodes else None

    def new_contact(self) -> None:
        """Quick contact entry (Ctrl+K from any tab of the file)."""
        if self.household is None:
            return
        self.show_tab(self.contacts_panel)
        self.contacts_panel.new_contact()

    def _contacts_changed(self) -> None:
        self._stale_tabs.update((self.support_tab, self.history_tab))
        if self.household is not None:
            self.household_changed.emit(self._deps.households.summary(self.household.id))

    def show_tab(self, widget: QWidget) -> None:
        """Bring a tab forward (loading it if needed)."""
        self.tabs.setCurrentWidget(widget)
        self._load_current_tab()

    def show_file_tab(self, tab: FileTab) -> None:
        """Bring forward the tab a service named (the board's rows say which tab they concern)."""
        widgets = {
            FileTab.MEMBERS: self.members_tab,
            FileTab.SUPPORT: self.support_tab,
            FileTab.TEAM: self.team_panel,
            FileTab.CONTACTS: self.contacts_panel,
            FileTab.HOUSING: self.housing_tab,
            FileTab.CONSENTS: self.consent_tab,
            FileTab.ALERTS: self.alerts_panel,
            FileTab.DEBTS_AND_PROCEDURE: self.prevention_panel,
            FileTab.CONTRACTS: self.contracts_panel,
            FileTab.TASKS: self.tasks_tab,
            FileTab.HISTORY: self.history_tab,
        }
        self.show_tab(widgets[tab])

    def _support_changed(self) -> None:
        self._stale_tabs.update((self.contacts_panel, self.history_tab))
        if self.household is not None:
            self.support_timeline.set_data(self._deps.timeline.for_household(self.household.id))
            self.household_changed.emit(self._deps.households.summary(self.household.id))

    def _prevention_changed(self) -> None:
        """A résiliation may have changed the occupancy: re-read the file (its housing tab and list row)."""
        self._stale_tabs.update((self.history_tab, self.contracts_panel))
        if self.household is not None:
            household = self._deps.households.open_file(self.household.id, record_view=False)
            self.timeline.set_periods(list(household.occupancies), self._deps.today())
            self.occupancy_model.set_records(list(reversed(household.occupancies)))
            self.household = household
            self.household_changed.emit(self._deps.households.summary(household.id))

    def _contracts_changed(self) -> None:
        self._stale_tabs.add(self.history_tab)

    def show_contract(self, contract_id: int) -> None:
        """Bring the Contrats tab forward with one contract selected."""
        self.tabs.setCurrentWidget(self.contracts_panel)
        self._stale_tabs.discard(self.contracts_panel)
        if self.household is not None:
            self.contracts_panel.set_household(self.household.id, contract_id=contract_id)

    def _team_changed(self) -> None:
        if not self._still_in_sight(by_colleague=False):
            return
        self._stale_tabs.update((self.support_tab, self.history_tab))

    def _still_in_sight(self, *, by_colleague: bool) -> bool:
        """After a team change: close the file when the household left the person's sight (and say so)."""
        if self.household is None:
            return False
        if self._deps.households.summaries([self.household.id]):
            return True
        self.household = None
        self.team_panel.set_household(None)
        self.sight_lost.emit(by_colleague)
        return False

    # actions ---------------------------------------------------------------------------------------------

    def _run_dialog(self, make: Callable[[], QDialog]) -> None:
        dialog = make()
        if dialog.exec() or changed_meanwhile(dialog):
            self.refresh()

    def edit_household(self) -> None:
        """Edit the composition, pets and referral of the household."""
        if self.household is not None:
            household = self.household
            self._run_dialog(
                lambda: HouseholdDialog(
                    self._deps.households, self._deps.reference, self._deps.today, household, parent=self
                )
            )

    def change_occupancy(self) -> None:
        """Record a new housing situation."""
        if self.household is not None:
            household = self.household
            self._run_dialog(lambda: OccupancyChangeDialog(self.housing_deps, household, parent=self))

    def glissement_review(self) -> None:
        """Open a glissement review of the current sub-lease (or tick again the one pending) for a COSI."""
        meetings = self.housing_deps.meetings
        if self.household is None or meetings is None:
            return
        household_id = self.household.id
        try:
            pending = pending_review(meetings, household_id)
        except KnownError as exc:
            show_error(self, exc)
            return
        self._run_dialog(lambda: GlissementReviewDialog(meetings, household_id, self._deps.today, pending, parent=self))

    def correct_dates(self) -> None:
        """Fix the dates of the selected period."""
        index = self.occupancy_table.currentIndex()
        if not index.isValid():
            QMessageBox.information(self, self.tr("Housing"), self.tr("Select a period in the list first."))
            return
        occupancy = self.occupancy_model.record(index.row())
        service = self.housing_deps.occupancy
        self._run_dialog(lambda: CorrectDatesDialog(service, self._deps.today, occupancy, parent=self))

    def undo_last_change(self) -> None:
        """Delete the current period after confirmation (it was entered by mistake)."""
        if self.household is None or self.household.current_occupancy is None:
            return
        current = self.household.current_occupancy
        answer = QMessageBox.question(
            self,
            self.tr("Undo the last change"),
            self.tr('Delete the period "{status}" from {start} and reopen the previous one?').format(
                status=current.status_label, start=format_date(current.start_date)
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.housing_deps.occupancy.undo_last_change(self.household.id)
        except KnownError as exc:
            show_error(self, exc)
            return
        self.refresh()

    def summary(self) -> HouseholdSummary | None:
        """Return the open household's list row."""
        return self._deps.households.summary(self.household.id) if self.household else None
