"""The household file: who is in it, where they live, what they agreed to share, and who looked at it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain import AuditAction, ConsentStatus
from caseworker.errors import KnownError
from caseworker.formats import format_date
from caseworker.services.audit import AuditEntry
from caseworker.services.households import HouseholdFile, HouseholdSummary, MemberView
from caseworker.services.sharing import ConsentView
from caseworker.ui.alerts.alert_panels import AlertInboxPanel
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.contracts.household_contracts_panel import HouseholdContractsPanel
from caseworker.ui.households.consent_dialogs import ConsentDecisionDialog, ConsentDialog
from caseworker.ui.households.contacts_panel import ContactsPanel
from caseworker.ui.households.episode_panel import EpisodesPanel
from caseworker.ui.households.file_deps import HouseholdFileDeps
from caseworker.ui.households.file_table_models import (
    AuditTableModel,
    ConsentTableModel,
    MembersTableModel,
    OccupancyTableModel,
)
from caseworker.ui.households.household_dialog import HouseholdDialog
from caseworker.ui.households.housing_timeline import HousingTimeline
from caseworker.ui.households.member_dialogs import DepartureDialog, MemberDialog
from caseworker.ui.households.occupancy_dialogs import CorrectDatesDialog, OccupancyChangeDialog
from caseworker.ui.households.support_timeline import SupportTimeline
from caseworker.ui.households.team_panel import TeamPanel
from caseworker.ui.prevention.prevention_panel import PreventionPanel


class HouseholdFilePanel(QWidget):
    """Shows one household and offers its actions.

    It composes the tabs, handing each what it uses.

    Signals:
        back_requested: the person wants the list again (Esc, Alt+Left, or the button).
        household_changed(HouseholdSummary): something in the file changed (the list refreshes that row).
    """

    back_requested = Signal()
    household_changed = Signal(object)

    def __init__(self, deps: HouseholdFileDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        self.household: HouseholdFile | None = None
        today = deps.today()
        self.contact_deps = deps.contacts
        self.housing_deps = deps.housing
        self.consent_deps = deps.consents
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

        self.tabs = QTabWidget()
        self.tabs.setObjectName("householdTabs")
        # Members
        self.members_model = MembersTableModel(today, parent=self)
        self.past_members_model = MembersTableModel(today, past=True, parent=self)
        self.members_table = record_table(self.members_model, "membersTable", sortable=True)
        self.past_members_table = record_table(self.past_members_model, "pastMembersTable", sortable=True)
        self.add_member_button = QPushButton(self.tr("&Add a member…"))
        self.edit_person_button = QPushButton(self.tr("Edit the &person…"))
        self.departure_button = QPushButton(self.tr("&Departure…"))
        self.add_member_button.clicked.connect(self.add_member)
        self.edit_person_button.clicked.connect(self.edit_person)
        self.departure_button.clicked.connect(self.record_departure)
        self.past_members_label = QLabel(self.tr("Former members"))
        self.past_members_table.setMaximumHeight(180)
        members_tab = self._tab(
            [self.add_member_button, self.edit_person_button, self.departure_button],
            self.members_table,
            self.past_members_label,
            self.past_members_table,
        )
        self.tabs.addTab(members_tab, self.tr("&Members"))
        # Support: the timeline above the episodes
        self.support_timeline = SupportTimeline()
        self.support_timeline.setObjectName("supportTimeline")
        self.episodes_panel = EpisodesPanel(deps.episodes)
        self.episodes_panel.changed.connect(self._support_changed)
        support_tab = QSplitter(Qt.Orientation.Vertical)
        support_tab.setObjectName("supportSplitter")
        support_tab.addWidget(self.support_timeline)
        support_tab.addWidget(self.episodes_panel)
        support_tab.setStretchFactor(1, 1)
        self.support_tab = support_tab
        self.tabs.addTab(support_tab, self.tr("S&upport"))
        # Team
        self.team_panel = TeamPanel(deps.team)
        self.team_panel.changed.connect(self._team_changed)
        self.tabs.addTab(self.team_panel, self.tr("&Team"))
        # Contacts
        self.contacts_panel = ContactsPanel(self.contact_deps, deps.households)
        self.contacts_panel.new_shortcut.setKey(QKeySequence())  # Ctrl+K belongs to the whole file (below)
        self.contacts_panel.changed.connect(self._contacts_changed)
        self.tabs.addTab(self.contacts_panel, self.tr("C&ontacts"))
        # Housing
        self.timeline = HousingTimeline()
        self.occupancy_model = OccupancyTableModel(today, parent=self)
        self.occupancy_table = record_table(self.occupancy_model, "occupancyTable", sortable=True)
        self.change_occupancy_button = QPushButton(self.tr("New &situation…"))
        self.correct_dates_button = QPushButton(self.tr("&Correct the dates…"))
        self.undo_occupancy_button = QPushButton(self.tr("&Undo the last change"))
        self.change_occupancy_button.clicked.connect(self.change_occupancy)
        self.correct_dates_button.clicked.connect(self.correct_dates)
        self.undo_occupancy_button.clicked.connect(self.undo_last_change)
        self.housing_tab = housing_tab = self._tab(
            [self.change_occupancy_button, self.correct_dates_button, self.undo_occupancy_button],
            self.timeline,
            self.occupancy_table,
        )
        self.tabs.addTab(housing_tab, self.tr("&Housing"))
        # Consents
        self.consent_model = ConsentTableModel(self)
        self.consent_table = record_table(self.consent_model, "consentTable", sortable=True)
        self.new_consent_button = QPushButton(self.tr("&New consent…"))
        self.grant_button = QPushButton(self.tr("Si&gned…"))
        self.refuse_button = QPushButton(self.tr("&Refused…"))
        self.revoke_button = QPushButton(self.tr("&Withdraw…"))
        self.evidence_button = QPushButton(self.tr("Save the sca&n…"))
        self.new_consent_button.clicked.connect(self.new_consent)
        self.grant_button.clicked.connect(lambda: self._decide("grant"))
        self.refuse_button.clicked.connect(lambda: self._decide("refuse"))
        self.revoke_button.clicked.connect(lambda: self._decide("revoke"))
        self.evidence_button.clicked.connect(self.save_evidence)
        self.consent_table.selectionModel().selectionChanged.connect(self._update_consent_buttons)
        self.consent_tab = consent_tab = self._tab(
            [
                self.new_consent_button,
                self.grant_button,
                self.refuse_button,
                self.revoke_button,
                self.evidence_button,
            ],
            self.consent_table,
        )
        self.tabs.addTab(consent_tab, self.tr("&Consents"))

        self.alerts_panel = AlertInboxPanel(deps.alerts, household_mode=True)
        self.alerts_panel.changed.connect(self._contracts_changed)
        self.tabs.addTab(self.alerts_panel, self.tr("&Alerts"))

        self.prevention_panel = PreventionPanel(deps.prevention)
        self.prevention_panel.changed.connect(self._prevention_changed)
        self.tabs.addTab(self.prevention_panel, self.tr("&Debts and procedure"))

        self.contracts_panel = HouseholdContractsPanel(deps.contracts)
        self.contracts_panel.changed.connect(self._contracts_changed)
        self.tabs.addTab(self.contracts_panel, self.tr("Cont&racts"))
        # History
        self.views_model = AuditTableModel(self)
        self.history_model = AuditTableModel(self)
        self.views_table = record_table(self.views_model, "viewsTable", sortable=True)
        self.history_table = record_table(self.history_model, "historyTable", sortable=True)
        self.history_tab = history_tab = self._tab(
            [],
            QLabel(self.tr("Who opened this file")),
            self.views_table,
            QLabel(self.tr("Changes")),
            self.history_table,
        )
        self.tabs.addTab(history_tab, self.tr("H&istory"))

        # Tabs of other timelines are read when first shown, so that opening a file stays fast.
        self._stale_tabs: set[QWidget] = set()
        self.tabs.currentChanged.connect(self._load_current_tab)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.subtitle_label)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), self).activated.connect(self.back_requested)
        QShortcut(QKeySequence("Ctrl+K"), self).activated.connect(self.new_contact)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape goes back to the list (unless a child widget used the key)."""
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _tab(self, buttons: list[QPushButton], *widgets: QWidget) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        if buttons:
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        for widget in widgets:
            layout.addWidget(widget, 1 if isinstance(widget, QTableView) else 0)
        return tab

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
        today = self._deps.today()
        self.title_label.setText(f"{household.display_name}  ·  {household.reference}")
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
        # A narrow window wraps the line between its parts, never inside one ("SIAO :" / its number).
        self.subtitle_label.setText("  ·  ".join(part.replace(" ", "\u00a0") for part in details if part))
        self.members_model.set_records(household.members)
        self.past_members_model.set_records(household.past_members)
        self.timeline.set_periods(list(household.occupancies), today)
        self.occupancy_model.set_records(list(reversed(household.occupancies)))
        self.consent_model.set_records(household.consents)
        self.views_model.set_records(household.views)
        self._show_history(household.history)
        for table in (
            self.members_table,
            self.past_members_table,
            self.occupancy_table,
            self.consent_table,
            self.views_table,
            self.history_table,
        ):
            table.resizeColumnsToContents()
        self.past_members_table.setVisible(bool(household.past_members))
        self.past_members_label.setVisible(bool(household.past_members))
        no_period = self.tr("No housing situation recorded yet.")
        enable_unless(self.correct_dates_button, "" if household.occupancies else no_period)
        if household.current_occupancy is not None:
            undo_reason = ""
        elif household.occupancies:
            undo_reason = self.tr("The household has no current housing situation.")
        else:
            undo_reason = no_period
        enable_unless(self.undo_occupancy_button, undo_reason)
        self._update_consent_buttons()
        self._stale_tabs = {
            self.support_tab,
            self.team_panel,
            self.contacts_panel,
            self.alerts_panel,
            self.prevention_panel,
            self.contracts_panel,
        }
        self._load_current_tab()

    def _load_current_tab(self, _index: int = -1) -> None:
        current = self.tabs.currentWidget()
        if current not in self._stale_tabs or self.household is None:
            return
        self._stale_tabs.discard(current)
        household_id = self.household.id
        if current is self.support_tab:
            self.episodes_panel.set_household(household_id)
            self.support_timeline.set_data(self._deps.timeline.for_household(household_id))
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
        elif current is self.history_tab:
            self._show_history(self._deps.audit.for_household(household_id))
            self.history_table.resizeColumnsToContents()

    def _show_history(self, entries: Sequence[AuditEntry]) -> None:
        """What changed in the file, newest first (consultations have their own table)."""
        self.history_model.set_records([entry for entry in entries if entry.action is not AuditAction.VIEW])

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
        self._stale_tabs.update((self.support_tab, self.history_tab))

    # actions ---------------------------------------------------------------------------------------------

    def _run_dialog(self, make: Callable[[], QDialog]) -> None:
        dialog = make()
        if dialog.exec():
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

    def add_member(self) -> None:
        """Add a person to the household."""
        if self.household is not None:
            household_id = self.household.id
            self._run_dialog(
                lambda: MemberDialog(
                    self._deps.households, self._deps.reference, self._deps.today, household_id, parent=self
                )
            )

    def _selected_member(self) -> MemberView | None:
        index = self.members_table.currentIndex()
        if not index.isValid():
            QMessageBox.information(self, self.tr("Members"), self.tr("Select a member in the list first."))
            return None
        return self.members_model.record(index.row())

    def edit_person(self) -> None:
        """Edit the selected member's details."""
        member = self._selected_member()
        if member is not None and self.household is not None:
            household_id = self.household.id
            self._run_dialog(
                lambda: MemberDialog(
                    self._deps.households,
                    self._deps.reference,
                    self._deps.today,
                    household_id,
                    member,
                    parent=self,
                )
            )

    def record_departure(self) -> None:
        """Record that the selected member left."""
        member = self._selected_member()
        if member is not None:
            households = self._deps.households
            self._run_dialog(lambda: DepartureDialog(households, self._deps.today, member, parent=self))

    def change_occupancy(self) -> None:
        """Record a new housing situation."""
        if self.household is not None:
            household = self.household
            self._run_dialog(lambda: OccupancyChangeDialog(self.housing_deps, household, parent=self))

    def correct_dates(self) -> None:
        """Fix the dates of the selected period."""
        index = self.occupancy_table.currentIndex()
        if not index.isValid():
            QMessageBox.information(self, self.tr("Housing"), self.tr("Select a period in the list first."))
            return
        occupancy = self.occupancy_model.record(index.row())
        service = self._deps.housing.occupancy
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
            self._deps.housing.occupancy.undo_last_change(self.household.id)
        except KnownError as exc:
            show_error(self, exc)
            return
        self.refresh()

    def new_consent(self) -> None:
        """Record a consent (or a refusal)."""
        if self.household is not None:
            household = self.household
            self._run_dialog(lambda: ConsentDialog(self.consent_deps, household, parent=self))

    def _selected_consent(self) -> ConsentView | None:
        index = self.consent_table.currentIndex()
        return self.consent_model.record(index.row()) if index.isValid() else None

    def _update_consent_buttons(self) -> None:
        consent = self._selected_consent()
        if consent is None:
            none = self.tr("Select a consent in the list first.")
            for button in (self.grant_button, self.refuse_button, self.revoke_button, self.evidence_button):
                enable_unless(button, none)
            return
        status = getattr(consent, "effective_status", None)
        label = getattr(consent, "status_label", "")
        requested_only = self.tr("Only a requested consent is signed or refused (this one is: {status}).")
        enable_unless(self.grant_button, "" if status is ConsentStatus.DEMANDE else requested_only.format(status=label))
        enable_unless(
            self.refuse_button, "" if status is ConsentStatus.DEMANDE else requested_only.format(status=label)
        )
        if status is not ConsentStatus.ACCORDE:
            revoke_reason = self.tr("Only a granted consent is withdrawn (this one is: {status}).").format(status=label)
        elif getattr(consent, "superseded", False):
            # A record a newer decision replaced is history: the one in force is withdrawn instead.
            revoke_reason = self.tr("A newer decision replaced this record: withdraw the one in force.")
        else:
            revoke_reason = ""
        enable_unless(self.revoke_button, revoke_reason)
        enable_unless(
            self.evidence_button,
            "" if getattr(consent, "evidence_document_id", None) else self.tr("No scan was saved with this consent."),
        )

    def _decide(self, decision: str) -> None:
        consent = self._selected_consent()
        if consent is not None:
            self._run_dialog(lambda: ConsentDecisionDialog(self.consent_deps, consent, decision, parent=self))

    def save_evidence(self) -> None:
        """Write the scanned form where the person chooses (the only way it leaves the encrypted database)."""
        consent = self._selected_consent()
        if consent is None:
            return
        try:
            attachment = self._deps.consents.consents.evidence(consent.id)
        except KnownError as exc:
            show_error(self, exc)
            return
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the scan"),
            attachment.filename,
            options=QFileDialog.Option.DontUseNativeDialog,  # native dialogs log chosen files in "recent files"
        )
        if name:
            try:
                with open(name, "wb") as handle:  # noqa: PTH123 (path chosen by the person)
                    handle.write(attachment.content)
            except OSError as exc:
                QMessageBox.warning(
                    self,
                    self.tr("Save the scan"),
                    self.tr("The file could not be written: {error}").format(error=exc.strerror),
                )

    def summary(self) -> HouseholdSummary | None:
        """Return the open household's list row."""
        return self._deps.households.summary(self.household.id) if self.household else None
