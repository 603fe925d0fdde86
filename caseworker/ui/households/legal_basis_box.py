"""The legal bases of a household, under its consent register: sharing despite a refusal (docs/domain.md §7.5).

Only the team lead, logged in, records or withdraws one; everyone who reads the consent register sees them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.formats import format_date
from caseworker.services.date_rules import DateKind
from caseworker.services.households import HouseholdFile
from caseworker.services.reference import Picklist
from caseworker.services.sharing import LegalBasisInput, LegalBasisView
from caseworker.services.validation import PURPOSE_MAX
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.form_dialog import FormDialog
from caseworker.ui.common.record_table_model import Column, RecordTableModel
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.common.text_limits import limit_text
from caseworker.ui.households.file_deps import ConsentDeps

translate = QCoreApplication.translate


class LegalBasisTableModel(RecordTableModel[LegalBasisView]):
    """A household's legal bases, newest first."""

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(
            [
                Column(translate("LegalBasisTableModel", "For"), lambda b: b.person_name),
                Column(translate("LegalBasisTableModel", "Recipient"), lambda b: b.recipient_name),
                Column(translate("LegalBasisTableModel", "Information"), lambda b: b.category_labels),
                Column(translate("LegalBasisTableModel", "Ground"), lambda b: b.ground, tooltip=lambda b: b.ground),
                Column(
                    translate("LegalBasisTableModel", "Decided on"),
                    lambda b: format_date(b.decided_on),
                    sort_key=lambda b: b.decided_on,
                ),
                Column(translate("LegalBasisTableModel", "In force"), lambda b: _state(b, today)),
                Column(translate("LegalBasisTableModel", "Decided by"), lambda b: b.decided_by_name),
            ],
            parent,
        )


def _state(basis: LegalBasisView, today: date) -> str:
    if basis.withdrawn_on is not None:
        return translate("LegalBasisTableModel", "withdrawn on {date}").format(date=format_date(basis.withdrawn_on))
    if basis.in_force(today):
        if basis.ends_on is None:
            return translate("LegalBasisTableModel", "yes")
        return translate("LegalBasisTableModel", "until {date}").format(date=format_date(basis.ends_on))
    if basis.decided_on > today:
        return translate("LegalBasisTableModel", "from {date}").format(date=format_date(basis.decided_on))
    return translate("LegalBasisTableModel", "ended on {date}").format(date=format_date(basis.ends_on))


class LegalBasisBox(QGroupBox):
    """The legal bases, with New and Withdraw for the team lead (greyed out, saying why, for anyone else).

    Signals:
        changed: a legal basis was recorded or withdrawn.
    """

    changed = Signal()

    def __init__(self, deps: ConsentDeps, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Legal bases: sharing despite a refusal"), parent)
        self.setObjectName("legalBasisBox")
        self._deps = deps
        self._household: HouseholdFile | None = None
        self.model = LegalBasisTableModel(deps.today(), self)
        self.table = record_table(self.model, "legalBasisTable", sortable=True)
        self.table.setMaximumHeight(140)
        self.new_button = QPushButton(self.tr("New legal &basis…"))
        self.withdraw_button = QPushButton(self.tr("Wit&hdraw the legal basis…"))
        self.new_button.clicked.connect(self.new_basis)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.withdraw_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)

    def show_household(self, household: HouseholdFile) -> None:
        """Show the household's legal bases (the box is hidden from whoever may not read consents)."""
        self._household = household
        self.setVisible(not household.consents_hidden)
        if household.consents_hidden:
            self.model.set_records([])
            return
        self.model.set_records(self._deps.legal_bases.for_household(household.id))
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def _selected(self) -> LegalBasisView | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        lead_only = (
            "" if self._deps.legal_bases.may_decide() else self.tr("Only the team lead, logged in, decides this.")
        )
        enable_unless(self.new_button, lead_only)
        selected = self._selected()
        if lead_only:
            enable_unless(self.withdraw_button, lead_only)
        elif selected is None:
            enable_unless(self.withdraw_button, self.tr("Select a legal basis in the list first."))
        else:
            enable_unless(
                self.withdraw_button,
                "" if selected.withdrawn_on is None else self.tr("This legal basis was already withdrawn."),
            )

    def new_basis(self) -> None:
        """Record a legal basis (team lead)."""
        if self._household is not None and LegalBasisDialog(self._deps, self._household, parent=self).exec():
            self.changed.emit()

    def withdraw(self) -> None:
        """Withdraw the selected legal basis (team lead)."""
        selected = self._selected()
        if selected is not None and WithdrawLegalBasisDialog(self._deps, selected, parent=self).exec():
            self.changed.emit()


class LegalBasisDialog(FormDialog):
    """The team lead records the ground in law to share categories with one recipient despite a refusal."""

    def __init__(self, deps: ConsentDeps, household: HouseholdFile, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New legal basis"), today=deps.today, parent=parent, minimum_width=None)
        self._deps = deps
        self._household = household
        today = deps.today()
        explanation = QLabel(
            self.tr(
                "A refusal is respected and support goes on. Record here only a ground in law (court order, "
                "referral required by law…) that allows sharing despite it: it is written to the disclosure log "
                "of each document sent on it."
            )
        )
        explanation.setWordWrap(True)
        self.form.addRow(explanation)
        self.person_combo = QComboBox()
        self.person_combo.addItem(self.tr("Every adult of the household"), None)
        for member in household.members:
            if member.is_adult(today):
                self.person_combo.addItem(member.display_name, member.person_id)
        self.add_row(self.tr("&For:"), self.person_combo, "person_id")
        self.recipient_combo = QComboBox()
        organisations = [item for item in deps.directory.list_organisations() if not item.is_own]
        organisations.sort(key=lambda item: (not item.is_landlord, item.name))
        for organisation in organisations:
            self.recipient_combo.addItem(f"{organisation.name} ({organisation.kind_label})", organisation.id)
        self.add_row(self.tr("&Recipient:"), self.recipient_combo, "recipient_id")
        self.category_boxes: dict[str, QCheckBox] = {}
        categories = QWidget()
        categories_layout = QVBoxLayout(categories)
        categories_layout.setContentsMargins(0, 0, 0, 0)
        for category in deps.reference.choices(Picklist.CONSENT_CATEGORY):
            box = QCheckBox(category.label)
            self.category_boxes[category.code] = box
            categories_layout.addWidget(box)
        self.add_row(self.tr("Information &shared:"), categories, "category_codes")
        self.ground_edit = limit_text(QPlainTextEdit(), PURPOSE_MAX)
        self.ground_edit.setPlaceholderText(self.tr("e.g. Referral to the CCAPEX required by law (article …)"))
        self.ground_edit.setFixedHeight(60)
        self.ground_edit.setTabChangesFocus(True)
        self.add_row(self.tr("&Ground in law:"), self.ground_edit, "ground")
        self.date_row(DateKind.EVENT, self.tr("&Decided on:"), "decided_on", today)
        self.date_row(DateKind.VALIDITY, self.tr("&Ends on:"), "ends_on", None, optional=True)
        self.finish(self._submit, check=self._check)

    def _check(self) -> dict[str, str]:
        if self.recipient_combo.currentData() is None:
            return {"recipient_id": self.tr("Choose the recipient.")}
        return {}

    def _submit(self) -> None:
        person = self.person_combo.currentData()
        self._deps.legal_bases.record(
            self._household.id,
            LegalBasisInput(
                recipient_id=int(self.recipient_combo.currentData()),
                category_codes=tuple(code for code, box in self.category_boxes.items() if box.isChecked()),
                ground=self.ground_edit.toPlainText(),
                decided_on=self.required("decided_on"),
                person_id=None if person is None else int(person),
                ends_on=self.value("ends_on"),
            ),
        )


class WithdrawLegalBasisDialog(FormDialog):
    """The team lead withdraws a legal basis: documents it let through are blocked again from that day."""

    def __init__(self, deps: ConsentDeps, basis: LegalBasisView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Withdraw the legal basis"), today=deps.today, parent=parent, minimum_width=None)
        self._deps = deps
        self._basis = basis
        self.form.addRow(self.tr("Legal basis:"), QLabel(f"{basis.person_name} → {basis.recipient_name}"))
        self.date_row(DateKind.EVENT, self.tr("&Withdrawn on:"), "withdrawn_on", deps.today())
        self.finish(self._submit)

    def _submit(self) -> None:
        self._deps.legal_bases.withdraw(self._basis.id, on=self.required("withdrawn_on"))
