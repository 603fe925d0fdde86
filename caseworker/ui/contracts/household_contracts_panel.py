"""The Contrats tab of a household file: its contracts, the fiche navette, the household's summary, what was sent."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from caseworker.errors import KnownError
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.messages import show_error
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.contracts.contract_detail_panel import ContractDetailPanel
from caseworker.ui.contracts.contract_dialogs import NewContractDialog
from caseworker.ui.contracts.contract_table_models import ContractTableModel
from caseworker.ui.contracts.deps import ContractsDeps
from caseworker.ui.contracts.liaison_sheet_dialog import (
    DisclosureTableModel,
    LiaisonSheetDialog,
    show_household_summary,
)


class HouseholdContractsPanel(QWidget):
    """Contracts of one household, and the documents sent about it.

    Signals:
        changed: a contract changed or a document was sent (the History tab should re-read).
    """

    changed = Signal()

    def __init__(self, deps: ContractsDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        self._may_share = True  # read again for each household shown: whoever is logged in may have changed
        self.household_id: int | None = None
        self.new_button = QPushButton(self.tr("&New contract…"))
        self.new_button.clicked.connect(self.new_contract)
        self.liaison_button = QPushButton(self.tr("&Fiche navette…"))
        self.liaison_button.setToolTip(
            self.tr("Liaison sheet for the landlord, from what the household agreed to share")
        )
        self.liaison_button.clicked.connect(self.liaison_sheet)
        self.summary_button = QPushButton(self.tr("Summary &for the household…"))
        self.summary_button.setToolTip(self.tr("One page in plain French: referents, what is shared, how to withdraw"))
        self.summary_button.clicked.connect(self.household_summary)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.liaison_button, self.summary_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.model = ContractTableModel(self, with_household=False)
        self.table = record_table(self.model, "householdContractsTable")
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = ContractDetailPanel(deps)
        self.detail.changed.connect(self._detail_changed)
        self.disclosures_model = DisclosureTableModel(self)
        self.disclosures_table = record_table(self.disclosures_model, "disclosuresTable")

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        sent_label = QLabel(self.tr("Documents sent to partners (disclosure log)"))
        sent_label.setBuddy(self.disclosures_table)
        bottom_layout.addWidget(sent_label)
        bottom_layout.addWidget(self.disclosures_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.detail)
        splitter.addWidget(bottom)
        # The detail (versions and signatures) is where the work happens: it gets most of the height.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([120, 480, 110])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

    def set_household(self, household_id: int | None, *, contract_id: int | None = None) -> None:
        """Show a household's contracts (selecting ``contract_id`` or the newest one)."""
        self.household_id = household_id
        self._may_share = self._deps.liaison_sheets.may_share()
        none = "" if household_id is not None else self.tr("Open a household first.")
        not_theirs = "" if self._may_share else self.tr("Consents and what was shared are not shown to volunteers.")
        enable_unless(self.new_button, none)
        for button in (self.liaison_button, self.summary_button):
            enable_unless(button, none or not_theirs)
        self.reload(contract_id=contract_id)

    def reload(self, *, contract_id: int | None = None) -> None:
        """Re-read the contracts and the disclosure log."""
        if self.household_id is None:
            self.model.set_records([])
            self.disclosures_model.set_records([])
            self.detail.set_contract(None)
            return
        keep = contract_id or (self.detail.contract.id if self.detail.contract else None)
        contracts = self._deps.contracts.contracts_for(self.household_id)
        self.model.set_records(contracts)
        self.table.resizeColumnsToContents()
        self.disclosures_model.set_records(
            self._deps.liaison_sheets.disclosures_for(self.household_id) if self._may_share else []
        )
        self.disclosures_table.resizeColumnsToContents()
        row = next((i for i, c in enumerate(contracts) if c.id == keep), 0 if contracts else -1)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.detail.set_contract(None)

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.detail.set_contract(self.model.record(rows[0].row()).id if rows else None)

    def _detail_changed(self) -> None:
        self.reload()
        self.changed.emit()

    def new_contract(self) -> None:
        """Draft a new contract for the household and open it in the editor."""
        if self.household_id is None:
            return
        dialog = NewContractDialog(self._deps, self.household_id, self)
        if dialog.exec() and dialog.created is not None:
            self.reload(contract_id=dialog.created.id)
            self.changed.emit()
            self.detail.edit_draft()

    def liaison_sheet(self) -> None:
        """Produce a fiche navette for a landlord (refused without the household's consent)."""
        if self.household_id is None:
            return
        try:
            dialog = LiaisonSheetDialog(self._deps.liaison_sheets, self.household_id, self)
        except KnownError as exc:
            show_error(self, exc)
            return
        dialog.exec()
        if dialog.sent is not None:
            self.reload()
            self.changed.emit()

    def household_summary(self) -> None:
        """Show the household's one-page summary, to print and hand over."""
        if self.household_id is not None:
            show_household_summary(self._deps.liaison_sheets, self.household_id, self)
            self.changed.emit()
