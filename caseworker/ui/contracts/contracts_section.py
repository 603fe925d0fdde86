"""The Contrats section: every contract with its status, filters, due reviews, and framework agreements."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from caseworker.domain import ContractStatus
from caseworker.domain.contracts import CONTRACT_STATUS_LABELS
from caseworker.services.contracts import ContractFilter
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.contracts.contract_detail_panel import ContractDetailPanel
from caseworker.ui.contracts.contract_dialogs import NewContractDialog
from caseworker.ui.contracts.contract_table_models import ContractTableModel
from caseworker.ui.contracts.deps import ContractsDeps


class ContractsSection(QWidget):
    """Lists contracts across households; the selected one is shown below with its actions.

    Signals:
        household_opened(int, int): open this household's file on this contract (household id, contract id).
    """

    household_opened = Signal(int, int)

    def __init__(self, deps: ContractsDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        title = QLabel(self.tr("Contracts"))
        title.setObjectName("pageTitle")
        self._build_filter_widgets()
        self.new_convention_button = QPushButton(self.tr("New &framework agreement…"))
        self.new_convention_button.clicked.connect(self.new_convention)
        self.open_button = QPushButton(self.tr("&Open the household file"))
        self.open_button.clicked.connect(self.open_household)
        self.count_label = QLabel()
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.reviews_box)
        header.addWidget(self.ended_box)
        header.addWidget(self.new_convention_button)
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("&Kind:"), self.kind_combo),
            (self.tr("&Status:"), self.status_combo),
            (self.tr("&Landlord:"), self.landlord_combo),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_table_box())
        self.detail = ContractDetailPanel(deps)
        self.detail.changed.connect(self.reload)
        splitter.addWidget(self.detail)
        splitter.setSizes([300, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self._loaded = False

    def _build_filter_widgets(self) -> None:
        """Kind, status and landlord lists (landlords come on first load), "reviews due" and "show ended"."""
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in self._deps.templates.kinds():
            self.kind_combo.addItem(kind.label, kind.code)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("Any status"), None)
        for status in (ContractStatus.BROUILLON, ContractStatus.EN_SIGNATURE, ContractStatus.EN_VIGUEUR):
            self.status_combo.addItem(CONTRACT_STATUS_LABELS[status], status.value)
        self.status_combo.addItem(CONTRACT_STATUS_LABELS[ContractStatus.ECHU], ContractStatus.ECHU.value)
        self.status_combo.addItem(CONTRACT_STATUS_LABELS[ContractStatus.RESILIE], ContractStatus.RESILIE.value)
        self.landlord_combo = QComboBox()
        self.landlord_combo.addItem(self.tr("All landlords"), None)
        self.reviews_box = QCheckBox(self.tr("Re&views due (30 days)"))
        self.ended_box = QCheckBox(self.tr("Show &ended"))
        self.ended_box.setChecked(True)
        for combo in (self.kind_combo, self.status_combo, self.landlord_combo):
            combo.currentIndexChanged.connect(self.reload)
            # Long kind and landlord names must not widen the whole window (laptops are 1366 px wide).
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        for box in (self.reviews_box, self.ended_box):
            box.toggled.connect(self.reload)

    def _build_table_box(self) -> QWidget:
        """The contracts table, with the count and "Open the household file" under it."""
        self.model = ContractTableModel(self)
        self.table = record_table(self.model, "contractsTable")
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.open_household())
        self.table.installEventFilter(self)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.count_label)
        row.addStretch(1)
        row.addWidget(self.open_button)
        table_layout.addLayout(row)
        return table_box

    def eventFilter(self, watched: object, event: object) -> bool:
        """Enter on a row opens the household file."""
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open_household()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def reload(self) -> None:
        """Re-read the list with the current filters (the landlords list too, the first time)."""
        if not self._loaded:
            self._loaded = True
            self.landlord_combo.blockSignals(True)
            for organisation in self._deps.directory.list_organisations(landlords_only=True):
                self.landlord_combo.addItem(organisation.name, organisation.id)
            self.landlord_combo.blockSignals(False)
        status = self.status_combo.currentData()
        keep = self.detail.contract.id if self.detail.contract else None
        rows = self._deps.contracts.list_contracts(
            ContractFilter(
                kind_code=self.kind_combo.currentData(),
                status=ContractStatus(status) if status else None,
                landlord_id=self.landlord_combo.currentData(),
                reviews_due=self.reviews_box.isChecked(),
                include_ended=self.ended_box.isChecked(),
            )
        )
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        due = sum(1 for row in rows if row.review_soon)
        self.count_label.setText(
            self.tr("%n contract(s)", "", len(rows)) + (" · " + self.tr("%n review(s) due", "", due) if due else "")
        )
        index = next((i for i, row in enumerate(rows) if row.id == keep), 0 if rows else -1)
        if index >= 0:
            self.table.selectRow(index)
        else:
            self.detail.set_contract(None)
        self._update_open_button()

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        contract_id = self.model.record(rows[0].row()).id if rows else None
        if self.detail.contract is None or self.detail.contract.id != contract_id:
            self.detail.set_contract(contract_id)
        self._update_open_button()

    def _update_open_button(self) -> None:
        contract = self.detail.contract
        self.open_button.setEnabled(contract is not None and contract.household_id is not None)

    def open_household(self) -> None:
        """Open the selected contract's household file on its Contrats tab."""
        contract = self.detail.contract
        if contract is not None and contract.household_id is not None:
            self.household_opened.emit(contract.household_id, contract.id)

    def new_convention(self) -> None:
        """Draft a convention cadre with a landlord."""
        dialog = NewContractDialog(self._deps, None, self)
        if dialog.exec() and dialog.created is not None:
            self.reload()
            self.detail.set_contract(dialog.created.id)
            self.detail.edit_draft()
            self.reload()
