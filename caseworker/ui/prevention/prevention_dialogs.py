"""Dialogs of the "Dettes et procédure" tab: debts, repayment plans, payments, and the eviction procedure.

Each dialog checks what the person typed (dates, French amounts) before calling one service method through
:func:`submit`; a refusal keeps the dialog open with what was typed and the French messages under the fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QSpinBox,
    QWidget,
)

from caseworker.domain import ProcedureOutcome, ProcedureStage, SuspensionGround
from caseworker.domain.prevention import GROUND_LABELS, OUTCOME_LABELS, STAGE_LABELS
from caseworker.formats import FormatError, format_amount, format_date, parse_amount
from caseworker.services.calendar import winter_truce
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import ValidationError
from caseworker.services.prevention import (
    STAGES,
    DebtInput,
    DebtView,
    PaymentInput,
    PlanInput,
    PlanView,
    ProcedureInput,
    ProcedureSuspensionView,
    ProcedureView,
    StageInput,
    SuspensionInput,
    TruceGround,
    stage_order,
)
from caseworker.services.reference import Choice, Picklist
from caseworker.services.validation import LABEL_MAX, LONG_TEXT_MAX, SHORT_TEXT_MAX
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.common.form_dialog import FormDialog, amount_as_typed, note_edit
from caseworker.ui.common.text_limits import limited_line
from caseworker.ui.prevention.deps import PreventionDeps

EnumValue = TypeVar("EnumValue", bound=Enum)
HINT_STYLE = "color: #555;"
TRUCE_STYLE = "color: #8a4b00;"
translate = QCoreApplication.translate


def _hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def _enum_combo(labels: Mapping[EnumValue, str], current: EnumValue | None = None) -> QComboBox:
    """A combo over a string enum; the item data is the enum's value."""
    combo = QComboBox()
    for value, label in labels.items():
        combo.addItem(label, value.value)
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(current.value), 0))
    return combo


class _PreventionDialog(FormDialog):
    """A form dialog of the debts and procedure tab: the services it calls, dates checked against the clock."""

    def __init__(self, deps: PreventionDeps, title: str, parent: QWidget | None) -> None:
        super().__init__(title, today=deps.today, parent=parent)
        self.deps = deps


class _TruceGroundRow:
    """The legal ground asked for an expulsion dated in the winter truce: the row shows only then.

    Its field is ``truce_exception``, the name the service gives its refusal under.
    """

    def __init__(self, dialog: _PreventionDialog, grounds: list[TruceGround]) -> None:
        self._form = dialog.form
        self._basis = {ground.code: ground.legal_basis for ground in grounds}
        self.combo = ChoiceCombo(
            [Choice(ground.code, ground.label) for ground in grounds],
            empty_label=translate("TruceGround", "— choose the legal ground —"),
        )
        self.combo.setObjectName("truce_combo")
        for index, ground in enumerate(grounds, start=1):
            self.combo.setItemData(index, ground.legal_basis, Qt.ItemDataRole.ToolTipRole)
        dialog.errors.add_row(dialog.form, translate("TruceGround", "Legal &ground:"), self.combo, "truce_exception")
        self.hint = _hint()
        self.hint.setObjectName("truce_hint")
        self.hint.setStyleSheet(TRUCE_STYLE)
        dialog.form.addRow("", self.hint)
        self.combo.currentIndexChanged.connect(lambda _index: self._show_hint())
        self._truce: tuple[date, date] | None = None
        self.update(None)

    @property
    def needed(self) -> bool:
        """Tell whether the date falls in the winter truce (the ground is then required)."""
        return self._truce is not None

    def update(self, expulsion_on: date | None) -> None:
        """Show the row when ``expulsion_on`` (the date of an expulsion, None otherwise) is in the truce."""
        self._truce = winter_truce(expulsion_on) if expulsion_on is not None else None
        row = self.combo.parentWidget()  # the box holding the combo and its message line
        assert row is not None
        self._form.setRowVisible(row, self.needed)
        self._form.setRowVisible(self.hint, self.needed)
        self._show_hint()

    def code(self) -> str | None:
        """Return the ground chosen, when one is needed."""
        return (self.combo.code() or None) if self.needed else None

    def set_code(self, code: str | None) -> None:
        """Preselect a ground (the one of the expulsion stage, when closing on it)."""
        self.combo.set_code(code or "")

    def _show_hint(self) -> None:
        if self._truce is None:
            self.hint.clear()
            return
        text = translate(
            "TruceGround",
            "Expulsion during the winter truce ({start} – {end}): allowed only on one of the legal grounds.",
        ).format(start=format_date(self._truce[0]), end=format_date(self._truce[1]))
        basis = self._basis.get(self.combo.code(), "")
        self.hint.setText(f"{text}\n{basis}" if basis else text)


# ------------------------------------------------------------------------------------------------ debts


class DebtDialog(_PreventionDialog):
    """Records a debt, or corrects one: creditor from the directory or typed in, amount on a date, period."""

    def __init__(
        self, deps: PreventionDeps, household_id: int, debt: DebtView | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(deps, self.tr("New debt") if debt is None else self.tr("Edit debt"), parent)
        self._household_id = household_id
        self._debt = debt
        today = deps.today()
        organisations = deps.directory.list_organisations()
        self.creditor_combo = ChoiceCombo(
            [Choice(str(item.id), item.name) for item in organisations if not item.is_own],
            empty_label=self.tr("(another creditor: type its name below)"),
        )
        self.creditor_combo.setObjectName("creditor_combo")
        self.errors.add_row(self.form, self.tr("&Creditor:"), self.creditor_combo, "creditor_id")
        self.creditor_edit = limited_line(LABEL_MAX)
        self.creditor_edit.setObjectName("creditor_edit")
        self.creditor_edit.setPlaceholderText(self.tr("e.g. EDF, Trésor public"))
        self.errors.add_row(self.form, self.tr("Creditor &name:"), self.creditor_edit, "creditor_name")
        self.rent_check = QCheckBox(self.tr("Rent arrears"))
        self.rent_check.setChecked(True)
        self.form.addRow("", self.rent_check)
        self.amount_edit = self.amount_row(self.tr("&Amount (€):"), "amount", debt.amount if debt else None)
        self.as_of_field = self.date_row(DateKind.EVENT, self.tr("Amount &on:"), "as_of", debt.as_of if debt else today)
        self.period_start_field = self.date_row(
            DateKind.EVENT, self.tr("Period &from:"), "period_start", debt.period_start if debt else None, optional=True
        )
        self.period_end_field = self.date_row(
            DateKind.EVENT, self.tr("Period &until:"), "period_end", debt.period_end if debt else None, optional=True
        )
        self.note_edit = note_edit(LONG_TEXT_MAX, 60)
        self.errors.add_row(self.form, self.tr("&Note:"), self.note_edit, "note")
        if debt is not None:
            if debt.creditor_id is not None:
                self.creditor_combo.set_code(str(debt.creditor_id))
            else:
                self.creditor_edit.setText(debt.creditor_label)
            self.rent_check.setChecked(debt.is_rent)
            self.note_edit.setPlainText(debt.note)
        self.creditor_combo.currentIndexChanged.connect(self._creditor_changed)
        self._creditor_changed()
        self.finish(self._submit)

    def _creditor_changed(self) -> None:
        self.creditor_edit.setEnabled(not self.creditor_combo.code())

    def _submit(self) -> None:
        code = self.creditor_combo.code()
        data = DebtInput(
            amount=self.amount("amount"),
            as_of=self.required("as_of"),
            creditor_id=int(code) if code else None,
            creditor_name="" if code else self.creditor_edit.text(),
            is_rent=self.rent_check.isChecked(),
            period_start=self.value("period_start"),
            period_end=self.value("period_end"),
            note=self.note_edit.toPlainText(),
        )
        if self._debt is None:
            self.deps.debts.add_debt(self._household_id, data)
        else:
            self.deps.debts.update_debt(self._debt.id, data)


class SettleDialog(_PreventionDialog):
    """Records that a debt was paid off; a plan still running ends that day."""

    def __init__(self, deps: PreventionDeps, debt: DebtView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("Settle the debt"), parent)
        self.form.addRow(
            self.tr("Debt:"),
            QLabel(
                self.tr("{creditor} — {amount} on {date}").format(
                    creditor=debt.creditor_label, amount=format_amount(debt.amount), date=format_date(debt.as_of)
                )
            ),
        )
        self.form.addRow(self.tr("Left to pay:"), QLabel(format_amount(debt.balance)))
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&Settled on:"), "on", deps.today())

        def save() -> None:
            deps.debts.settle(debt.id, self.required("on"))

        self.finish(save)


class PlanDialog(_PreventionDialog):
    """Agrees a repayment plan (plan d'apurement) on a debt."""

    def __init__(self, deps: PreventionDeps, debt: DebtView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("Repayment plan"), parent)
        today = deps.today()
        self._debt = debt
        self.form.addRow(
            self.tr("Debt:"),
            QLabel(
                self.tr("{creditor} — {amount} left to pay").format(
                    creditor=debt.creditor_label, amount=format_amount(debt.balance)
                )
            ),
        )
        self.instalment_edit = self.amount_row(self.tr("&Instalment per month (€):"), "instalment", None)
        self.rent_edit = self.amount_row(self.tr("&Rent left to pay per month (€):"), "rent_due", None)
        self.form.addRow("", _hint(self.tr("The rent after housing benefit (APL): 0 when benefit covers it all.")))
        self.start_field = self.date_row(
            DateKind.PLANNED, self.tr("&First month:"), "start_month", today.replace(day=1)
        )
        self.start_field.setToolTip(self.tr("Any day of the month: the plan starts on the 1st."))
        self.months_spin = QSpinBox()
        self.months_spin.setObjectName("months_spin")
        self.months_spin.setRange(1, 120)
        self.months_spin.setValue(12)
        self.months_spin.setSuffix(self.tr(" months"))
        self.errors.add_row(self.form, self.tr("&Length:"), self.months_spin, "months")
        self.agreed_field = self.date_row(DateKind.EVENT, self.tr("&Agreed on:"), "agreed_on", today)
        self.coverage_label = _hint()
        self.coverage_label.setObjectName("coverage_hint")
        self.form.addRow("", self.coverage_label)
        self.note_edit = note_edit(LONG_TEXT_MAX, 60)
        self.errors.add_row(self.form, self.tr("&Note:"), self.note_edit, "note", "debt")
        self.instalment_edit.textChanged.connect(self._update_coverage)
        self.months_spin.valueChanged.connect(self._update_coverage)
        self._update_coverage()
        self.finish(self._submit)

    def _update_coverage(self) -> None:
        try:
            instalment = parse_amount(self.instalment_edit.text())
        except FormatError:
            self.coverage_label.setText("")
            return
        total = instalment * self.months_spin.value()
        text = self.tr("Instalments in total: {total}").format(total=format_amount(total))
        if total < self._debt.balance:
            text += " — " + self.tr("less than the {amount} left to pay").format(
                amount=format_amount(self._debt.balance)
            )
        self.coverage_label.setText(text)

    def _submit(self) -> None:
        self.deps.debts.add_plan(
            self._debt.id,
            PlanInput(
                instalment=self.amount("instalment"),
                rent_due=self.amount("rent_due"),
                start_month=self.required("start_month"),
                months=self.months_spin.value(),
                agreed_on=self.required("agreed_on"),
                note=self.note_edit.toPlainText(),
            ),
        )


class EndPlanDialog(_PreventionDialog):
    """Ends a plan before its term (renegotiated, abandoned…)."""

    def __init__(self, deps: PreventionDeps, plan: PlanView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("End the repayment plan"), parent)
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&Ended on:"), "on", deps.today())
        self.reason_edit = note_edit(LONG_TEXT_MAX, 60)
        self.errors.add_row(self.form, self.tr("&Reason:"), self.reason_edit, "reason")

        def save() -> None:
            deps.debts.end_plan(plan.id, self.required("on"), self.reason_edit.toPlainText())

        self.finish(save)


class PaymentDialog(_PreventionDialog):
    """Records a payment towards one month of the plan (rent and instalment together)."""

    def __init__(self, deps: PreventionDeps, plan: PlanView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("Record a payment"), parent)
        today = deps.today()
        self._plan = plan
        self.month_combo = QComboBox()
        self.month_combo.setObjectName("month_combo")
        for month in plan.months:
            self.month_combo.addItem(month.label, month.month.isoformat())
        self.errors.add_row(self.form, self.tr("For the &month:"), self.month_combo, "month")
        self.due_label = _hint()
        self.form.addRow("", self.due_label)
        self.amount_edit = self.amount_row(self.tr("&Amount (€):"), "amount", None)
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&Paid on:"), "paid_on", today)
        self.note_edit = limited_line(SHORT_TEXT_MAX)
        self.note_edit.setPlaceholderText(self.tr("e.g. transfer, cash at the office"))
        self.errors.add_row(self.form, self.tr("&Note:"), self.note_edit, "note")
        # The first month not yet paid in full, else the current month.
        unpaid = next((index for index, month in enumerate(plan.months) if month.paid < month.due), None)
        current = next((index for index, month in enumerate(plan.months) if month.month == today.replace(day=1)), 0)
        self.month_combo.currentIndexChanged.connect(self._month_changed)
        self.month_combo.setCurrentIndex(unpaid if unpaid is not None else current)
        self._month_changed()
        self.finish(self._submit)

    def _month_changed(self) -> None:
        index = self.month_combo.currentIndex()
        if not 0 <= index < len(self._plan.months):
            return
        month = self._plan.months[index]
        left = max(month.due - month.paid, Decimal(0))
        self.due_label.setText(
            self.tr("Due {due}, already paid {paid}").format(
                due=format_amount(month.due), paid=format_amount(month.paid)
            )
        )
        self.amount_edit.setText(amount_as_typed(left or month.due))

    def _submit(self) -> None:
        self.deps.debts.record_payment(
            self._plan.id,
            PaymentInput(
                month=date.fromisoformat(str(self.month_combo.currentData())),
                amount=self.amount("amount"),
                paid_on=self.required("paid_on"),
                note=self.note_edit.text(),
            ),
        )


# ------------------------------------------------------------------------------------------- procedure


class ProcedureDialog(_PreventionDialog):
    """Opens an eviction procedure by a landlord, in the household's current dwelling."""

    def __init__(
        self,
        deps: PreventionDeps,
        household_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(deps, self.tr("New eviction procedure"), parent)
        self._household_id = household_id
        landlords = deps.directory.list_organisations(landlords_only=True)
        self.landlord_combo = ChoiceCombo(
            [Choice(str(item.id), item.name) for item in landlords], empty_label=self.tr("(choose a landlord)")
        )
        self.landlord_combo.setObjectName("landlord_combo")
        timeline = deps.occupancy.timeline(household_id)
        current = next((item for item in reversed(timeline) if item.end_date is None), None)
        dwelling = current.dwelling if current is not None else None
        if dwelling is not None and dwelling.landlord_id is not None:
            self.landlord_combo.set_code(str(dwelling.landlord_id))
        self.errors.add_row(self.form, self.tr("&Landlord:"), self.landlord_combo, "landlord_id")
        self.form.addRow(
            self.tr("Dwelling:"),
            _hint(dwelling.one_line if dwelling is not None else self.tr("none (the household is not housed)")),
        )
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&Opened on:"), "opened_on", deps.today())
        self.stage_combo = _enum_combo(STAGE_LABELS, ProcedureStage.IMPAYE_CONSTATE)
        self.stage_combo.setObjectName("stage_combo")
        self.errors.add_row(self.form, self.tr("&First stage:"), self.stage_combo, "stage")
        self.truce = _TruceGroundRow(self, deps.procedures.truce_grounds())
        self.note_edit = note_edit(LONG_TEXT_MAX, 60)
        self.errors.add_row(self.form, self.tr("&Note:"), self.note_edit, "note", "dwelling_id")
        self.stage_combo.currentIndexChanged.connect(self._update_truce)
        self.date_field.edited.connect(self._update_truce)
        self._update_truce()
        self.finish(self._submit)

    def _update_truce(self) -> None:
        expulsion = self.stage_combo.currentData() == ProcedureStage.EXPULSION.value
        self.truce.update(self.value("opened_on") if expulsion else None)

    def _submit(self) -> None:
        code = self.landlord_combo.code()
        if not code:
            raise ValidationError({"landlord_id": self.tr("Choose the landlord.")})
        self.deps.procedures.open_procedure(
            self._household_id,
            ProcedureInput(
                landlord_id=int(code),
                opened_on=self.required("opened_on"),
                note=self.note_edit.toPlainText(),
                first_stage=ProcedureStage(self.stage_combo.currentData()),
                truce_exception_code=self.truce.code(),
            ),
        )


class StageDialog(_PreventionDialog):
    """Records the next stage reached (stages may be skipped); going back is a correction with a reason.

    After saving, :attr:`saved` holds the procedure as the service returned it.
    """

    def __init__(self, deps: PreventionDeps, procedure: ProcedureView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("Next stage"), parent)
        self._procedure = procedure
        self.saved: ProcedureView | None = None
        self.form.addRow(
            self.tr("Current stage:"),
            QLabel(
                self.tr("{stage} since {date}").format(
                    stage=procedure.current_stage_label, date=format_date(procedure.current_since)
                )
            ),
        )
        self.stage_combo = _enum_combo(STAGE_LABELS)
        self.stage_combo.setObjectName("stage_combo")
        after = stage_order(procedure.current_stage) + 1
        self.stage_combo.setCurrentIndex(min(after, len(STAGES) - 1))
        self.errors.add_row(self.form, self.tr("&Stage reached:"), self.stage_combo, "stage")
        self.stage_hint = _hint()
        self.stage_hint.setObjectName("stage_hint")
        self.form.addRow("", self.stage_hint)
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&On:"), "on", deps.today())
        self.truce = _TruceGroundRow(self, deps.procedures.truce_grounds())
        self.date_field.edited.connect(self._update_truce)
        self.note_edit = note_edit(LONG_TEXT_MAX, 60)
        self.errors.add_row(self.form, self.tr("&Note:"), self.note_edit, "note", "procedure")
        self.correction_edit = note_edit(LONG_TEXT_MAX, 50)
        self.correction_edit.setObjectName("correction_edit")
        self.correction_edit.setPlaceholderText(self.tr("Why the procedure goes back (required for a correction)"))
        self.errors.add_row(self.form, self.tr("&Correction reason:"), self.correction_edit, "correction_reason")
        self.stage_combo.currentIndexChanged.connect(self._stage_changed)
        self._stage_changed()
        self.finish(self._submit)

    def chosen(self) -> ProcedureStage:
        """Return the stage selected."""
        return ProcedureStage(self.stage_combo.currentData())

    def _update_truce(self) -> None:
        self.truce.update(self.value("on") if self.chosen() is ProcedureStage.EXPULSION else None)

    def _stage_changed(self) -> None:
        self._update_truce()
        stage = self.chosen()
        current = self._procedure.current_stage
        going_back = stage_order(stage) < stage_order(current)
        self.correction_edit.setEnabled(going_back)
        resiliation = stage_order(ProcedureStage.RESILIATION)
        if going_back:
            self.stage_hint.setText(
                self.tr("Stages only move forward: going back to an earlier stage is recorded as a correction.")
            )
        elif stage_order(current) < resiliation <= stage_order(stage):
            self.stage_hint.setText(
                self.tr(
                    "The lease ends: a tenant of this dwelling becomes an occupier without right or title "
                    "from this date."
                )
            )
        elif stage_order(stage) > stage_order(current) + 1:
            self.stage_hint.setText(self.tr("The stages in between are skipped."))
        else:
            self.stage_hint.setText("")

    def _submit(self) -> None:
        self.saved = self.deps.procedures.add_stage(
            self._procedure.id,
            StageInput(
                stage=self.chosen(),
                on=self.required("on"),
                note=self.note_edit.toPlainText(),
                correction_reason=self.correction_edit.toPlainText() if self.correction_edit.isEnabled() else "",
                truce_exception_code=self.truce.code(),
            ),
        )


class ProcedureSuspendDialog(_PreventionDialog):
    """Pauses the procedure until a date (a plateforme: 4 months at most); the current stage is kept."""

    def __init__(self, deps: PreventionDeps, procedure: ProcedureView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("Suspend the procedure"), parent)
        self._procedure = procedure
        self.form.addRow(self.tr("Stage kept:"), QLabel(procedure.current_stage_label))
        self.ground_combo = _enum_combo(GROUND_LABELS, SuspensionGround.PLATEFORME)
        self.ground_combo.setObjectName("ground_combo")
        self.errors.add_row(self.form, self.tr("&Ground:"), self.ground_combo, "ground")
        self.start_field = self.date_row(DateKind.PLANNED, self.tr("&From:"), "start", deps.today())
        self.end_field = self.date_row(DateKind.PLANNED, self.tr("&Until:"), "end", None)
        self.ground_hint = _hint()
        self.ground_hint.setObjectName("ground_hint")
        self.form.addRow("", self.ground_hint)
        self.note_edit = note_edit(LONG_TEXT_MAX, 60)
        self.errors.add_row(self.form, self.tr("&Note:"), self.note_edit, "note", "procedure")
        self.ground_combo.currentIndexChanged.connect(self._ground_changed)
        self._ground_changed()
        self.finish(self._submit)

    def _ground_changed(self) -> None:
        plateforme = self.ground_combo.currentData() == SuspensionGround.PLATEFORME.value
        self.ground_hint.setText(
            self.tr("A plateforme pauses the procedure for 4 months at most.") if plateforme else ""
        )

    def _submit(self) -> None:
        self.deps.procedures.suspend(
            self._procedure.id,
            SuspensionInput(
                ground=SuspensionGround(self.ground_combo.currentData()),
                start=self.required("start"),
                end=self.required("end"),
                note=self.note_edit.toPlainText(),
            ),
        )


class LiftSuspensionDialog(_PreventionDialog):
    """Lifts a suspension before its planned end."""

    def __init__(
        self, deps: PreventionDeps, suspension: ProcedureSuspensionView, parent: QWidget | None = None
    ) -> None:
        super().__init__(deps, self.tr("Lift the suspension"), parent)
        self.form.addRow(
            self.tr("Suspension:"),
            QLabel(
                self.tr("{ground}, until {date}").format(
                    ground=suspension.ground_label, date=format_date(suspension.end)
                )
            ),
        )
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&Lifted on:"), "on", deps.today())

        def save() -> None:
            deps.procedures.end_suspension_early(suspension.id, self.required("on"))

        self.finish(save)


class CloseProcedureDialog(_PreventionDialog):
    """Records how the procedure ended."""

    def __init__(self, deps: PreventionDeps, procedure: ProcedureView, parent: QWidget | None = None) -> None:
        super().__init__(deps, self.tr("Close the procedure"), parent)
        self.outcome_combo = _enum_combo(OUTCOME_LABELS, ProcedureOutcome.DETTE_APUREE)
        self.outcome_combo.setObjectName("outcome_combo")
        self.errors.add_row(self.form, self.tr("&Outcome:"), self.outcome_combo, "outcome")
        self.date_field = self.date_row(DateKind.EVENT, self.tr("&Date:"), "on", deps.today())
        # After an expulsion the housing timeline moves on: where the household went (not housed).
        not_housed = [c for c in deps.reference.choices(Picklist.OCCUPANCY_STATUS) if not c.flag]
        self.destination_combo = ChoiceCombo(not_housed, empty_label=self.tr("— choose —"))
        self.destination_combo.setObjectName("destination_combo")
        self.errors.add_row(self.form, self.tr("&Went to:"), self.destination_combo, "destination")
        self.destination_hint = _hint()
        self.form.addRow("", self.destination_hint)
        self.truce = _TruceGroundRow(self, deps.procedures.truce_grounds())
        # Closing on the expulsion recorded as a stage: its ground, if it had one.
        self.truce.set_code(next((s.truce_exception_code for s in procedure.stages if s.truce_exception_code), None))
        self.note_edit = note_edit(LONG_TEXT_MAX, 60)
        self.errors.add_row(self.form, self.tr("&Note:"), self.note_edit, "note", "procedure")
        self.outcome_combo.currentIndexChanged.connect(self._outcome_changed)
        self.date_field.edited.connect(self._outcome_changed)
        self._outcome_changed()

        def save() -> None:
            deps.procedures.close(
                procedure.id,
                ProcedureOutcome(self.outcome_combo.currentData()),
                self.required("on"),
                self.note_edit.toPlainText(),
                destination_code=(self.destination_combo.code() or None) if self._expulsion() else None,
                truce_exception_code=self.truce.code(),
            )

        self.finish(save)

    def _expulsion(self) -> bool:
        return bool(self.outcome_combo.currentData() == ProcedureOutcome.EXPULSION.value)

    def _outcome_changed(self) -> None:
        expulsion = self._expulsion()
        self.truce.update(self.value("on") if expulsion else None)
        self.destination_combo.setEnabled(expulsion)
        self.destination_hint.setText(
            self.tr("The housing situation changes on that date: the household leaves the dwelling.")
            if expulsion
            else ""
        )
