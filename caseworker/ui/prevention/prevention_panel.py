"""The "Dettes et procédure" tab of a household file: debts with their repayment plan, and the eviction procedure.

Everything shown is read back from the services after each change; the regular-payment line, the suspension
countdown and the winter truce are computed there, on today's date.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from caseworker.formats import format_date, format_month
from caseworker.services.prevention import REGULAR_MONTHS_NEEDED, DebtView, PlanView, ProcedureView
from caseworker.ui.common.disabled_reason import enable_unless
from caseworker.ui.common.flow_layout import FlowLayout
from caseworker.ui.common.record_table_view import record_table
from caseworker.ui.prevention.deps import PreventionDeps
from caseworker.ui.prevention.prevention_dialogs import (
    CloseProcedureDialog,
    DebtDialog,
    EndPlanDialog,
    LiftSuspensionDialog,
    PaymentDialog,
    PlanDialog,
    ProcedureDialog,
    ProcedureSuspendDialog,
    SettleDialog,
    StageDialog,
)
from caseworker.ui.prevention.prevention_table_models import (
    DebtsTableModel,
    PlanMonthsTableModel,
    ProcedureStagesTableModel,
)
from caseworker.ui.prevention.prevention_texts import TRUCE_STYLE, escape_text, plan_text, procedure_text

RESUMED_STYLE = "color: #1b6e20; font-weight: bold; font-size: 11pt;"
COUNTING_STYLE = "font-weight: bold; font-size: 11pt;"
WARNING_STYLE = "color: #8a4b00;"
SUSPENSION_STYLE = "color: #0b4f8a; font-weight: bold;"


def _label(name: str, style: str = "") -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


def _button(text: str, name: str, action: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(action)
    return button


def _row(*buttons: QPushButton) -> FlowLayout:
    row = FlowLayout()  # wraps when the two boxes share a narrow screen
    for button in buttons:
        row.addWidget(button)
    return row


class PreventionPanel(QWidget):
    """Debts, repayment plans and payments, and the eviction procedure of one household.

    Signals:
        changed: something was recorded (the file refreshes its timeline and lists).
    """

    changed = Signal()

    def __init__(self, deps: PreventionDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deps = deps
        self._household_id: int | None = None
        self._debts: list[DebtView] = []
        self._procedures: list[ProcedureView] = []
        debts_box = self._build_debts_box()
        procedure_box = self._build_procedure_box()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(debts_box)
        splitter.addWidget(procedure_box)
        splitter.setStretchFactor(0, 11)
        splitter.setStretchFactor(1, 9)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    def _build_debts_box(self) -> QGroupBox:
        """The debts, their buttons, and the selected debt's plan with its months."""
        self.debts_model = DebtsTableModel(self)
        self.debts_table = record_table(self.debts_model, "debts_table", fit_to_contents=True)
        self.debts_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected_debt())
        self.debts_table.doubleClicked.connect(self.edit_debt)
        self.new_debt_button = _button(self.tr("&New debt…"), "new_debt_button", self.new_debt)
        self.plan_button = _button(self.tr("Repayment &plan…"), "plan_button", self.new_plan)
        self.payment_button = _button(self.tr("Record a pa&yment…"), "payment_button", self.record_payment)
        self.settle_button = _button(self.tr("S&ettle…"), "settle_button", self.settle)
        self.end_plan_button = _button(self.tr("End the plan…"), "end_plan_button", self.end_plan)

        self.plan_label = _label("plan_label")
        self.regular_label = _label("regular_label")
        self.coverage_label = _label("coverage_label", WARNING_STYLE)
        self.months_model = PlanMonthsTableModel(self)
        self.months_table = record_table(self.months_model, "months_table", fit_to_contents=True)

        debts_box = QGroupBox(self.tr("Debts and repayment plan"))
        debts_layout = QVBoxLayout(debts_box)
        debts_layout.addWidget(self.debts_table, 1)
        debts_layout.addLayout(_row(self.new_debt_button, self.plan_button, self.payment_button, self.settle_button))
        debts_layout.addWidget(self.plan_label)
        debts_layout.addWidget(self.regular_label)
        debts_layout.addWidget(self.coverage_label)
        debts_layout.addWidget(self.months_table, 3)
        debts_layout.addLayout(_row(self.end_plan_button))
        return debts_box

    def _build_procedure_box(self) -> QGroupBox:
        """The procedures (a list when there are several), the one shown, its stages and its buttons."""
        self.procedure_combo = QComboBox()
        self.procedure_combo.setObjectName("procedure_combo")
        self.procedure_combo.currentIndexChanged.connect(self._show_selected_procedure)
        self.new_procedure_button = _button(self.tr("New pro&cedure…"), "new_procedure_button", self.new_procedure)
        # Its own width, also when the list of procedures is hidden (a single procedure).
        self.new_procedure_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.procedure_label = _label("procedure_label")
        self.procedure_label.setTextFormat(Qt.TextFormat.RichText)
        self.suspension_label = _label("suspension_label", SUSPENSION_STYLE)
        self.truce_label = _label("truce_label", TRUCE_STYLE)
        self.occupancy_label = _label("occupancy_label")
        self.stages_model = ProcedureStagesTableModel(self)
        self.stages_table = record_table(self.stages_model, "stages_table", fit_to_contents=True)
        self.stages_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # On a narrow screen the stage's name is shortened, never the date it was reached.
        stages_header = self.stages_table.horizontalHeader()
        stages_header.setStretchLastSection(False)
        stages_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        stages_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.stages_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_stage_button = _button(self.tr("Ne&xt stage…"), "next_stage_button", self.next_stage)
        self.suspend_button = _button(self.tr("S&uspend…"), "suspend_button", self.suspend)
        self.lift_button = _button(self.tr("Lift the suspension…"), "lift_button", self.lift_suspension)
        self.close_button = _button(self.tr("C&lose…"), "close_procedure_button", self.close_procedure)

        procedure_box = QGroupBox(self.tr("Eviction procedure"))
        procedure_layout = QVBoxLayout(procedure_box)
        top = QHBoxLayout()
        top.addWidget(self.procedure_combo, 1)
        top.addWidget(self.new_procedure_button)
        procedure_layout.addLayout(top)
        procedure_layout.addWidget(self.procedure_label)
        procedure_layout.addWidget(self.suspension_label)
        procedure_layout.addWidget(self.truce_label)
        procedure_layout.addWidget(self.occupancy_label)
        procedure_layout.addWidget(self.stages_table, 1)
        procedure_layout.addLayout(
            _row(self.next_stage_button, self.suspend_button, self.lift_button, self.close_button)
        )
        return procedure_box

    # ------------------------------------------------------------------------------------------- state

    def set_household(self, household_id: int | None) -> None:
        """Show the debts and procedures of ``household_id`` (None: nothing)."""
        self._household_id = household_id
        self.refresh()

    def refresh(self, *, debt_id: int | None = None, procedure_id: int | None = None) -> None:
        """Read everything again, keeping (or moving to) the selected debt and procedure."""
        current_debt, current_procedure = self.current_debt(), self.current_procedure()
        keep_debt = debt_id if debt_id is not None else (current_debt.id if current_debt else None)
        keep_procedure = (
            procedure_id if procedure_id is not None else (current_procedure.id if current_procedure else None)
        )
        household = self._household_id
        self._debts = self._deps.debts.debts_for(household) if household is not None else []
        self._procedures = self._deps.procedures.procedures_for(household) if household is not None else []

        self.debts_model.set_records(self._debts)
        # Keep the selection; else show the debt whose plan is running (what the team follows month by month).
        row = next((index for index, debt in enumerate(self._debts) if debt.id == keep_debt), None)
        if row is None:
            row = next((index for index, debt in enumerate(self._debts) if debt.running_plan is not None), 0)
        if self._debts:
            self.debts_table.selectRow(row)
        self._show_selected_debt()

        self.procedure_combo.blockSignals(True)
        self.procedure_combo.clear()
        for procedure in self._procedures:
            state = procedure.current_stage_label if procedure.is_open else procedure.outcome_label
            self.procedure_combo.addItem(
                self.tr("{landlord} — {state} (opened {date})").format(
                    landlord=procedure.landlord_name, state=state, date=format_date(procedure.opened_on)
                ),
                procedure.id,
            )
        index = self.procedure_combo.findData(keep_procedure) if keep_procedure is not None else 0
        self.procedure_combo.setCurrentIndex(max(index, 0))
        self.procedure_combo.blockSignals(False)
        no_household = "" if household is not None else self.tr("Open a household first.")
        enable_unless(self.new_debt_button, no_household)
        enable_unless(self.new_procedure_button, no_household)
        self._show_selected_procedure()

    def current_debt(self) -> DebtView | None:
        """Return the debt selected in the table."""
        if not hasattr(self, "debts_table"):
            return None
        index = self.debts_table.currentIndex()
        if not index.isValid() or index.row() >= self.debts_model.rowCount():
            return None
        return self.debts_model.record(index.row())

    def current_plan(self) -> PlanView | None:
        """Return the plan shown: the selected debt's running plan, else its latest one."""
        debt = self.current_debt()
        if debt is None or not debt.plans:
            return None
        return debt.running_plan or debt.plans[-1]

    def current_procedure(self) -> ProcedureView | None:
        """Return the procedure shown."""
        if not hasattr(self, "procedure_combo"):
            return None
        procedure_id = self.procedure_combo.currentData()
        return next((item for item in self._procedures if item.id == procedure_id), None)

    # -------------------------------------------------------------------------------------- rendering

    def _show_selected_debt(self) -> None:
        debt = self.current_debt()
        plan = self.current_plan()
        no_debt = self.tr("Record a debt first.") if not self._debts else self.tr("Select a debt in the list.")
        settled = self.tr("This debt is settled.")
        if debt is None:
            plan_reason = settle_reason = no_debt
        elif debt.is_settled:
            plan_reason = settle_reason = settled
        else:
            settle_reason = ""
            plan_reason = (
                self.tr("End the running plan before agreeing another one.") if debt.running_plan is not None else ""
            )
        enable_unless(self.plan_button, plan_reason)
        enable_unless(self.settle_button, settle_reason)
        running = plan is not None and plan.is_running
        if debt is None:
            payment_reason = no_debt
        elif running:
            payment_reason = ""
        elif plan is None:
            payment_reason = self.tr("Payments are recorded against a repayment plan: agree one first.")
        else:
            payment_reason = self.tr("The repayment plan has ended.")
        enable_unless(self.payment_button, payment_reason)
        self.end_plan_button.setVisible(running)
        self.months_model.set_records(plan.months if plan else [])
        if debt is None:
            self.plan_label.setText(self.tr("No debt recorded."))
        elif plan is None:
            self.plan_label.setText(self.tr("No repayment plan for this debt."))
        else:
            self.plan_label.setText(plan_text(plan))
        self._show_regular(plan)
        self.coverage_label.setText(plan.coverage_warning if plan else "")
        self.coverage_label.setVisible(bool(plan and plan.coverage_warning))
        self.months_table.setVisible(plan is not None)

    def _show_regular(self, plan: PlanView | None) -> None:
        if plan is None:
            self.regular_label.clear()
            self.regular_label.setVisible(False)
            return
        self.regular_label.setVisible(True)
        if plan.regular_payment_resumed and plan.regular_since is not None:
            self.regular_label.setStyleSheet(RESUMED_STYLE)
            self.regular_label.setText(
                "✓ "
                + self.tr("Regular payment resumed since {month} ({count} regular months in a row)").format(
                    month=format_month(plan.regular_since), count=plan.consecutive_regular_months
                )
            )
        else:
            self.regular_label.setStyleSheet(COUNTING_STYLE)
            self.regular_label.setText(
                self.tr("{count} consecutive regular months ({needed} needed)").format(
                    count=plan.consecutive_regular_months, needed=REGULAR_MONTHS_NEEDED
                )
            )

    def _show_selected_procedure(self) -> None:
        procedure = self.current_procedure()
        is_open = procedure is not None and procedure.is_open
        self.procedure_combo.setVisible(len(self._procedures) > 1)
        if procedure is None:
            closed = self.tr("No eviction procedure.")
        else:
            closed = "" if is_open else self.tr("The procedure is closed.")
        for button in (self.next_stage_button, self.suspend_button, self.close_button):
            enable_unless(button, closed)
        self.lift_button.setVisible(procedure is not None and procedure.active_suspension is not None)
        self.stages_model.set_records(procedure.timeline if procedure else [])
        self.stages_table.setVisible(procedure is not None)
        if procedure is None:
            self.procedure_label.setText(escape_text(self.tr("No eviction procedure.")))
            for label in (self.suspension_label, self.truce_label, self.occupancy_label):
                label.clear()
                label.setVisible(False)
            return
        self.procedure_label.setText(procedure_text(procedure))
        suspension = procedure.active_suspension
        if suspension is not None and suspension.days_left is not None:
            countdown = (
                self.tr("last day")
                if suspension.days_left == 0
                else self.tr("%n day(s) left", "", suspension.days_left)
            )
            self.suspension_label.setText(
                self.tr("Suspended ({ground}) until {date}: {countdown}. Resumes at: {stage}.").format(
                    ground=suspension.ground_label,
                    date=format_date(suspension.end),
                    countdown=countdown,
                    stage=suspension.stage_at_suspension_label,
                )
            )
        elif procedure.is_open and procedure.resume_stage is not None:
            self.suspension_label.setText(
                self.tr("Suspension over: the procedure resumes at {stage}.").format(stage=procedure.resume_stage_label)
            )
        else:
            self.suspension_label.clear()
        self.suspension_label.setVisible(bool(self.suspension_label.text()))
        self.truce_label.setText(procedure.winter_truce_notice)
        self.truce_label.setVisible(bool(procedure.winter_truce_notice))
        self.occupancy_label.setText(procedure.occupancy_notice)
        self.occupancy_label.setStyleSheet("" if procedure.occupancy_changed is not False else WARNING_STYLE)
        self.occupancy_label.setVisible(bool(procedure.occupancy_notice))

    # ------------------------------------------------------------------------------------------ actions

    def _run(self, dialog: QDialog, *, debt_id: int | None = None, procedure_id: int | None = None) -> bool:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.refresh(debt_id=debt_id, procedure_id=procedure_id)
        self.changed.emit()
        return True

    def new_debt(self) -> None:
        """Record a debt."""
        if self._household_id is None:
            return
        before = {debt.id for debt in self._debts}
        if self._run(DebtDialog(self._deps, self._household_id, parent=self)):
            added = [debt.id for debt in self._debts if debt.id not in before]
            if added:
                self.refresh(debt_id=added[0])

    def edit_debt(self) -> None:
        """Correct the selected debt."""
        debt = self.current_debt()
        if debt is not None and self._household_id is not None:
            self._run(DebtDialog(self._deps, self._household_id, debt, parent=self), debt_id=debt.id)

    def new_plan(self) -> None:
        """Agree a repayment plan on the selected debt."""
        debt = self.current_debt()
        if debt is not None:
            self._run(PlanDialog(self._deps, debt, parent=self), debt_id=debt.id)

    def end_plan(self) -> None:
        """End the running plan before its term."""
        debt, plan = self.current_debt(), self.current_plan()
        if debt is not None and plan is not None and plan.is_running:
            self._run(EndPlanDialog(self._deps, plan, parent=self), debt_id=debt.id)

    def record_payment(self) -> None:
        """Record a payment towards the running plan."""
        debt, plan = self.current_debt(), self.current_plan()
        if debt is not None and plan is not None and plan.is_running:
            self._run(PaymentDialog(self._deps, plan, parent=self), debt_id=debt.id)

    def settle(self) -> None:
        """Record that the selected debt was paid off."""
        debt = self.current_debt()
        if debt is not None:
            self._run(SettleDialog(self._deps, debt, parent=self), debt_id=debt.id)

    def new_procedure(self) -> None:
        """Open an eviction procedure."""
        if self._household_id is None:
            return
        before = {procedure.id for procedure in self._procedures}
        if self._run(ProcedureDialog(self._deps, self._household_id, parent=self)):
            added = [procedure.id for procedure in self._procedures if procedure.id not in before]
            if added:
                self.refresh(procedure_id=added[0])

    def next_stage(self) -> None:
        """Record the next stage reached (or a correction); say what the résiliation did to the occupancy."""
        procedure = self.current_procedure()
        if procedure is None:
            return
        dialog = StageDialog(self._deps, procedure, parent=self)
        if self._run(dialog, procedure_id=procedure.id):
            result = dialog.saved
            if result is not None and procedure.occupancy_changed is None and result.occupancy_notice:
                QMessageBox.information(self, self.tr("Housing situation"), result.occupancy_notice)

    def suspend(self) -> None:
        """Pause the procedure."""
        procedure = self.current_procedure()
        if procedure is not None:
            self._run(ProcedureSuspendDialog(self._deps, procedure, parent=self), procedure_id=procedure.id)

    def lift_suspension(self) -> None:
        """Lift the running suspension early."""
        procedure = self.current_procedure()
        if procedure is not None and procedure.active_suspension is not None:
            self._run(
                LiftSuspensionDialog(self._deps, procedure.active_suspension, parent=self),
                procedure_id=procedure.id,
            )

    def close_procedure(self) -> None:
        """Record the procedure's outcome."""
        procedure = self.current_procedure()
        if procedure is not None:
            self._run(CloseProcedureDialog(self._deps, procedure, parent=self), procedure_id=procedure.id)
