"""The housing tab's proposals log: each dwelling offered, the landlord's committee (CAL), the answer, the lease.

An offer is logged when it is made, then completed as the committee decides and the household answers, whichever
comes first; a refusal names its reason (docs/domain.md §12). The board lists the committees of the week.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from caseworker.domain.proposals import CAL_DECISION_LABELS, HOUSEHOLD_ANSWER_LABELS, CalDecision, HouseholdAnswer
from caseworker.formats import FormatError, format_amount, format_date, format_number, parse_amount
from caseworker.services.date_rules import DateKind
from caseworker.services.directory import DirectoryService
from caseworker.services.households import HousingProposalService, ProposalInput, ProposalView
from caseworker.services.households.proposals import EFFORT_WARNING, effort_rate
from caseworker.services.reference import Picklist, ReferenceDataService
from caseworker.services.validation import NAME_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.form_dialog import FormDialog, amount_as_typed
from caseworker.ui.common.form_errors import changed_meanwhile
from caseworker.ui.common.record_table_model import Column, RecordTableModel
from caseworker.ui.common.record_table_view import record_table

translate = QCoreApplication.translate

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class ProposalDeps:
    """What the proposals log uses: the log itself, the picklists, the landlords of the directory, the clock."""

    proposals: HousingProposalService
    reference: ReferenceDataService
    directory: DirectoryService
    today: Callable[[], date]


class ProposalsTableModel(RecordTableModel[ProposalView]):
    """The household's offers, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    translate("ProposalsTableModel", "Offered"),
                    lambda p: format_date(p.proposed_on),
                    sort_key=lambda p: (p.proposed_on, p.id),
                ),
                Column(translate("ProposalsTableModel", "Landlord"), lambda p: p.landlord_name),
                Column(
                    translate("ProposalsTableModel", "Dwelling"),
                    lambda p: " · ".join(part for part in (p.typology_label, p.city) if part),
                ),
                Column(
                    translate("ProposalsTableModel", "Rent and charges"),
                    lambda p: format_amount(p.rent),
                    sort_key=lambda p: p.rent or Decimal(-1),
                    alignment=_RIGHT,
                ),
                Column(
                    translate("ProposalsTableModel", "Effort rate"),
                    lambda p: "" if p.effort_rate is None else f"{format_number(float(p.effort_rate), '0.0')} %",
                    sort_key=lambda p: p.effort_rate if p.effort_rate is not None else Decimal(-1),
                    alignment=_RIGHT,
                ),
                Column(
                    translate("ProposalsTableModel", "CAL"),
                    _committee_text,
                    sort_key=lambda p: p.cal_on or date.max,
                ),
                Column(translate("ProposalsTableModel", "Household's answer"), lambda p: p.answer_label),
                Column(
                    translate("ProposalsTableModel", "Lease signed"),
                    _lease_text,
                    sort_key=lambda p: p.lease_signed_on or date.max,
                ),
            ],
            parent,
        )


def _committee_text(proposal: ProposalView) -> str:
    if proposal.cal_on is None:
        return ""
    when = format_date(proposal.cal_on)
    if proposal.cal_decision is None:
        return translate("ProposalsTableModel", "{date} — decision to come").format(date=when)
    return f"{when} — {proposal.cal_decision_label}"


def _lease_text(proposal: ProposalView) -> str:
    if proposal.lease_signed_on is None or proposal.days_to_lease is None:
        return ""
    return translate("ProposalsTableModel", "{date} ({days} days after the offer)").format(
        date=format_date(proposal.lease_signed_on), days=proposal.days_to_lease
    )


def _enum_combo(labels: dict[Any, str], empty: str) -> QComboBox:
    """A choice among an enum's labels, each item holding its value's code (Qt keeps a string, not the enum)."""
    combo = QComboBox()
    combo.addItem(empty, "")
    for value, label in labels.items():
        combo.addItem(label, value.value)
    return combo


class ProposalDialog(FormDialog):
    """Logs a new offer, or records what became of one (the committee, the answer, the lease).

    Attributes:
        saved: the offer as saved (None until then).
    """

    def __init__(
        self,
        deps: ProposalDeps,
        household_id: int,
        proposal: ProposalView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("New housing offer") if proposal is None else self.tr("Housing offer")
        super().__init__(title, today=deps.today, parent=parent)
        self._deps = deps
        self.household_id = household_id
        self.proposal = proposal
        self.saved: ProposalView | None = None
        self.date_row(
            DateKind.EVENT, self.tr("&Offered on:"), "proposed_on", proposal.proposed_on if proposal else deps.today()
        )
        self.landlord_combo = QComboBox()
        self.landlord_combo.setObjectName("proposal_landlord_combo")
        self.landlord_combo.addItem(self.tr("— not recorded —"), None)
        for organisation in deps.directory.list_organisations(landlords_only=True):
            self.landlord_combo.addItem(organisation.name, organisation.id)
        self.add_row(self.tr("&Landlord:"), self.landlord_combo, "landlord_id")
        self.typology_combo = ChoiceCombo(deps.reference.choices(Picklist.DWELLING_TYPOLOGY), empty_label="—")
        self.add_row(self.tr("T&ype:"), self.typology_combo, "typology_code")
        self.city_edit = QLineEdit()
        self.city_edit.setMaxLength(NAME_MAX)
        self.add_row(self.tr("&Town:"), self.city_edit, "city")
        self.rent_edit = QLineEdit()
        self.rent_edit.setObjectName("rent_edit")
        self.rent_edit.setPlaceholderText(self.tr("e.g. 350,00"))
        self.rent_edit.setMaxLength(20)
        self.add_row(self.tr("&Rent and charges:"), self.rent_edit, "rent")
        self.resources_edit = QLineEdit()
        self.resources_edit.setObjectName("resources_edit")
        self.resources_edit.setPlaceholderText(self.tr("e.g. 1 600,00"))
        self.resources_edit.setMaxLength(20)
        self.effort_label = QLabel()
        self.effort_label.setObjectName("effort_label")
        resources = QWidget()
        row = QHBoxLayout(resources)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.resources_edit, 1)
        row.addWidget(self.effort_label, 1)
        resources.setFocusProxy(self.resources_edit)  # the label's shortcut reaches the amount
        self.add_row(self.tr("Monthly reso&urces:"), resources, "resources")
        self.date_row(
            DateKind.PLANNED, self.tr("&CAL on:"), "cal_on", proposal.cal_on if proposal else None, optional=True
        )
        self.decision_combo = _enum_combo(CAL_DECISION_LABELS, self.tr("— not decided yet —"))
        self.decision_combo.setObjectName("cal_decision_combo")
        self.add_row(self.tr("CAL &decision:"), self.decision_combo, "cal_decision")
        self.answer_combo = _enum_combo(HOUSEHOLD_ANSWER_LABELS, self.tr("— no answer yet —"))
        self.answer_combo.setObjectName("answer_combo")
        self.add_row(self.tr("Household's &answer:"), self.answer_combo, "answer")
        self.date_row(
            DateKind.EVENT,
            self.tr("A&nswered on:"),
            "answered_on",
            proposal.answered_on if proposal else None,
            optional=True,
        )
        self.reason_combo = ChoiceCombo(deps.reference.choices(Picklist.PROPOSAL_REFUSAL_REASON), empty_label="—")
        self.reason_combo.setObjectName("refusal_reason_combo")
        self.add_row(self.tr("Reason for &refusing:"), self.reason_combo, "refusal_reason_code")
        self.date_row(
            DateKind.EVENT,
            self.tr("Lease &signed on:"),
            "lease_signed_on",
            proposal.lease_signed_on if proposal else None,
            optional=True,
        )
        if proposal is not None:
            self._show(proposal)
        self.answer_combo.currentIndexChanged.connect(self._answer_changed)
        self._answer_changed()
        self.rent_edit.textChanged.connect(self._show_effort)
        self.resources_edit.textChanged.connect(self._show_effort)
        self._show_effort()
        self.finish(self._save_proposal, check=self._check_rent)

    def _show_effort(self) -> None:
        """The taux d'effort as the amounts are typed, with a warning above 25 % (nothing while one is missing)."""
        try:
            rate = effort_rate(self._rent(), self._resources())
        except FormatError:
            rate = None
        if rate is None:
            self.effort_label.setText("")
            return
        words = self.tr("Effort rate: {rate} %").format(rate=format_number(float(rate), "0.0"))
        if rate > EFFORT_WARNING:
            words = self.tr("{rate} — above {limit} %").format(rate=words, limit=format_number(float(EFFORT_WARNING)))
        self.effort_label.setText(words)

    def _show(self, proposal: ProposalView) -> None:
        self.landlord_combo.setCurrentIndex(max(self.landlord_combo.findData(proposal.landlord_id), 0))
        self.typology_combo.set_code(proposal.typology_code)
        self.city_edit.setText(proposal.city)
        if proposal.rent is not None:
            self.rent_edit.setText(amount_as_typed(proposal.rent))
        if proposal.resources is not None:
            self.resources_edit.setText(amount_as_typed(proposal.resources))
        decision = proposal.cal_decision.value if proposal.cal_decision else ""
        answer = proposal.answer.value if proposal.answer else ""
        self.decision_combo.setCurrentIndex(max(self.decision_combo.findData(decision), 0))
        self.answer_combo.setCurrentIndex(max(self.answer_combo.findData(answer), 0))
        self.reason_combo.set_code(proposal.refusal_reason_code)

    def _answer_changed(self) -> None:
        """Only a refusal has a reason: greyed out otherwise (kept, should the person come back to « Refusée »)."""
        enable_unless(self.reason_combo, "" if self._refused() else self.tr("Only a refusal has a reason."))

    def _refused(self) -> bool:
        return bool(self.answer_combo.currentData() == HouseholdAnswer.REFUSED.value)

    def _rent(self) -> Decimal | None:
        typed = self.rent_edit.text().strip()
        return parse_amount(typed) if typed else None

    def _resources(self) -> Decimal | None:
        typed = self.resources_edit.text().strip()
        return parse_amount(typed) if typed else None

    def _check_rent(self) -> dict[str, str]:
        problems = {}
        for field, read in (("rent", self._rent), ("resources", self._resources)):
            try:
                read()
            except FormatError as exc:
                problems[field] = str(exc)
        return problems

    def data(self) -> ProposalInput:
        """Return the offer as typed (the form has been checked)."""
        decision = self.decision_combo.currentData()
        answer = self.answer_combo.currentData()
        return ProposalInput(
            proposed_on=self.required("proposed_on"),
            landlord_id=self.landlord_combo.currentData(),
            typology_code=self.typology_combo.code(),
            city=self.city_edit.text(),
            rent=self._rent(),
            cal_on=self.value("cal_on"),
            cal_decision=CalDecision(decision) if decision else None,
            answer=HouseholdAnswer(answer) if answer else None,
            answered_on=self.value("answered_on"),
            refusal_reason_code=self.reason_combo.code() if self._refused() else "",
            lease_signed_on=self.value("lease_signed_on"),
            resources=self._resources(),
        )

    def _save_proposal(self) -> None:
        service = self._deps.proposals
        if self.proposal is None:
            self.saved = service.record_proposal(self.household_id, self.data())
        else:
            self.saved = service.update_proposal(
                self.proposal.id, self.data(), expected_version=self.proposal.row_version
            )


class ProposalsPanel(QWidget):
    """The household's offers, with New offer… and Follow up… (the committee, the answer, the lease).

    Signals:
        changed(): an offer was logged or completed here.
    """

    changed = Signal()

    def __init__(self, deps: ProposalDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deps = deps
        self.household_id: int | None = None
        self.new_button = QPushButton(self.tr("New housing &offer…"))
        self.new_button.setObjectName("new_proposal_button")
        self.new_button.clicked.connect(self.new_proposal)
        self.follow_button = QPushButton(self.tr("&Follow up the offer…"))
        self.follow_button.setObjectName("follow_proposal_button")
        self.follow_button.setToolTip(self.tr("The CAL's decision, the household's answer, the lease"))
        self.follow_button.clicked.connect(self.follow_up)
        self.model = ProposalsTableModel(self)
        self.table = record_table(self.model, "proposalsTable", sortable=True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.follow_up)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Housing offers (proposals and CAL)")), 1)
        row.addWidget(self.new_button)
        row.addWidget(self.follow_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def show_household(self, household_id: int) -> None:
        """Read the household's offers."""
        self.household_id = household_id
        self.model.set_records(self.deps.proposals.proposals_for(household_id))
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the latest offer first
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> ProposalView | None:
        """Return the offer of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def new_proposal(self) -> None:
        """Log a dwelling just offered to the household."""
        if self.household_id is not None:
            self._run(ProposalDialog(self.deps, self.household_id, parent=self))

    def follow_up(self, *_args: object) -> None:
        """Record the committee's decision, the household's answer or the lease of the selected offer."""
        proposal = self.selected()
        if self.household_id is not None and proposal is not None:
            self._run(ProposalDialog(self.deps, self.household_id, proposal, parent=self))

    def _run(self, dialog: ProposalDialog) -> None:
        if dialog.exec() or changed_meanwhile(dialog):
            if self.household_id is not None:
                self.show_household(self.household_id)
            self.changed.emit()

    def _update_buttons(self, *_args: object) -> None:
        enable_unless(self.follow_button, "" if self.selected() is not None else self.tr("Select an offer first."))
