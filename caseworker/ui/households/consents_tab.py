"""The Consentements tab of the household file: the consent register and the decisions recorded in it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox, QPushButton, QWidget

from caseworker.domain import ConsentStatus
from caseworker.errors import KnownError
from caseworker.services.households import HouseholdFile
from caseworker.services.sharing import ConsentView
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.households.consent_dialogs import ConsentDecisionDialog, ConsentDialog
from caseworker.ui.households.file_deps import ConsentDeps
from caseworker.ui.households.file_table_models import ConsentTableModel
from caseworker.ui.households.legal_basis_box import LegalBasisBox
from caseworker.ui.households.tab_layout import lay_out_tab


class ConsentsTab(QWidget):
    """The household's consents, with New, Signed, Refused, Withdraw and Save the scan.

    A button a consent's status rules out is greyed out and says why.

    Signals:
        changed: a consent was recorded or decided (the file is read again).
    """

    changed = Signal()

    def __init__(self, deps: ConsentDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        self._household: HouseholdFile | None = None
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
        self.consent_table.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = [
            self.new_consent_button,
            self.grant_button,
            self.refuse_button,
            self.revoke_button,
            self.evidence_button,
        ]
        self.hidden_label = QLabel(
            self.tr("Consents are not shown to volunteers: ask a member of the household's team.")
        )
        self.hidden_label.setObjectName("consentsHiddenLabel")
        self.hidden_label.setWordWrap(True)
        self.hidden_label.setVisible(False)
        self.legal_bases = LegalBasisBox(deps)
        self.legal_bases.changed.connect(self.changed)
        lay_out_tab(self, buttons, self.hidden_label, self.consent_table, self.legal_bases)

    def show_household(self, household: HouseholdFile) -> None:
        """Show the consents of a file."""
        self._household = household
        self.consent_model.set_records(household.consents)
        self.consent_table.resizeColumnsToContents()
        self.hidden_label.setVisible(household.consents_hidden)
        self.legal_bases.show_household(household)
        self._update_buttons()

    def _run_dialog(self, dialog: QDialog) -> None:
        if dialog.exec():
            self.changed.emit()

    def new_consent(self) -> None:
        """Record a consent (or a refusal)."""
        if self._household is not None:
            self._run_dialog(ConsentDialog(self._deps, self._household, parent=self))

    def _selected_consent(self) -> ConsentView | None:
        index = self.consent_table.currentIndex()
        return self.consent_model.record(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        if self._household is not None and self._household.consents_hidden:
            hidden = self.tr("Consents are not shown to volunteers.")
            for button in (self.new_consent_button, self.grant_button, self.refuse_button, self.revoke_button):
                enable_unless(button, hidden)
            enable_unless(self.evidence_button, hidden)
            return
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
            self._run_dialog(ConsentDecisionDialog(self._deps, consent, decision, parent=self))

    def save_evidence(self) -> None:
        """Write the scanned form where the person chooses (the only way it leaves the encrypted database)."""
        consent = self._selected_consent()
        if consent is None:
            return
        try:
            attachment = self._deps.consents.evidence(consent.id)
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
