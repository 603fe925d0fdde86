"""The "Dettes et procédure" tab driven as a user would: debts, plan, payments, procedure, suspension, truce.

Assertions read the values the services computed (French dates, amounts, labels) rather than the panel's own
English source strings, so they hold before and after the French catalogue is completed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QSplitter

from caseworker.domain import ProcedureOutcome, ProcedureStage, SuspensionGround
from caseworker.services import Services
from caseworker.services.directory import OrganisationView
from caseworker.services.prevention import (
    DebtInput,
    MonthView,
    PaymentInput,
    PlanInput,
    ProcedureInput,
    StageInput,
    StageStep,
    SuspensionInput,
)
from caseworker.ui.common.form_errors import FormErrors
from caseworker.ui.prevention.prevention_panel import RESUMED_STYLE, PreventionPanel
from caseworker.ui.prevention.prevention_table_models import PlanMonthsTableModel, ProcedureStagesTableModel
from tests.services.contract_builders import Supported
from tests.services.prevention.test_prevention import tenant
from tests.support import FixedClock
from tests.ui.conftest import MessageLog, drive_modal, unexplained_disabled_buttons
from tests.ui.deps import prevention_deps

D = date
E = Decimal


def _save(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Save).click()


def _errors(dialog: QDialog) -> FormErrors:
    errors = dialog.errors  # type: ignore[attr-defined]
    assert isinstance(errors, FormErrors)
    return errors


def _panel(qtbot, services: Services, household_id: int) -> PreventionPanel:
    panel = PreventionPanel(prevention_deps(services))
    qtbot.addWidget(panel)
    panel.set_household(household_id)
    return panel


def test_debt_plan_and_payments_until_regular_payment_resumes(
    qtbot, services: Services, landlord: OrganisationView
) -> None:
    supported = tenant(services, landlord)
    panel = _panel(qtbot, services, supported.household_id)
    assert panel.debts_model.rowCount() == 0
    assert not panel.plan_button.isEnabled() and not panel.payment_button.isEnabled()
    changes: list[None] = []
    panel.changed.connect(lambda: changes.append(None))

    def new_debt(dialog: QDialog) -> None:
        dialog.creditor_combo.set_code(str(landlord.id))  # type: ignore[attr-defined]
        dialog.amount_edit.setText("mille euros")  # type: ignore[attr-defined]
        dialog.as_of_field.set_date(D(2025, 12, 10))  # type: ignore[attr-defined]
        _save(dialog)
        assert dialog.isVisible()  # the typed amount is not one: the dialog stays open
        assert "montant" in _errors(dialog).message_for("amount")
        dialog.amount_edit.setText("1 200,00")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.new_debt, new_debt)
    assert changes == [None]
    debt = panel.current_debt()
    assert debt is not None and debt.creditor_label == "Habitat 35" and debt.amount == E("1200.00")
    assert panel.plan_button.isEnabled() and not panel.payment_button.isEnabled()

    def plan(dialog: QDialog) -> None:
        dialog.instalment_edit.setText("100")  # type: ignore[attr-defined]
        dialog.rent_edit.setText("120,00")  # type: ignore[attr-defined]
        dialog.start_field.line_edit.setText("17/01/2026")  # type: ignore[attr-defined]
        dialog.months_spin.setValue(12)  # type: ignore[attr-defined]
        dialog.agreed_field.set_date(D(2025, 12, 15))  # type: ignore[attr-defined]
        assert "1 200,00" in dialog.coverage_label.text().replace("\u202f", " ")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.new_plan, plan)
    shown = panel.current_plan()
    assert shown is not None and shown.start_month == D(2026, 1, 1)
    assert panel.months_model.rowCount() == 12
    assert not panel.plan_button.isEnabled()  # one running plan per debt
    assert panel.payment_button.isEnabled()
    assert "0" in panel.regular_label.text() and "3" in panel.regular_label.text()

    def pay(month: str, paid_on: str) -> None:
        def interact(dialog: QDialog) -> None:
            combo = dialog.month_combo  # type: ignore[attr-defined]
            combo.setCurrentIndex(combo.findText(month))
            assert dialog.amount_edit.text() == "220,00"  # type: ignore[attr-defined]  # what is left to pay
            dialog.date_field.line_edit.setText(paid_on)  # type: ignore[attr-defined]
            _save(dialog)

        drive_modal(qtbot, panel.record_payment, interact)

    def paid_in_the_future(dialog: QDialog) -> None:
        assert dialog.month_combo.currentText() == "janvier 2026"  # type: ignore[attr-defined]  # first unpaid
        dialog.amount_edit.setText("220,001")  # type: ignore[attr-defined]
        _save(dialog)
        assert "décimales" in _errors(dialog).message_for("amount")
        dialog.amount_edit.setText("220,00")  # type: ignore[attr-defined]
        dialog.date_field.line_edit.setText("16/06/2026")  # type: ignore[attr-defined]
        _save(dialog)
        assert dialog.isVisible()
        assert "futur" in _errors(dialog).message_for("paid_on")
        assert dialog.amount_edit.text() == "220,00"  # type: ignore[attr-defined]  # kept as typed
        dialog.reject()

    drive_modal(qtbot, panel.record_payment, paid_in_the_future)
    pay("janvier 2026", "03/02/2026")  # late
    for month, paid_on in (("février", "05/02"), ("mars", "04/03"), ("avril", "03/04"), ("mai", "05/05")):
        pay(f"{month} 2026", f"{paid_on}/2026")
    months = panel.months_model.records()
    assert [item.regular for item in months[:5]] == [False, True, True, True, True]
    assert panel.months_model.index(0, PlanMonthsTableModel.COLUMN_REGULAR).data() == "✗"
    assert panel.months_model.index(1, PlanMonthsTableModel.COLUMN_REGULAR).data() == "✓"
    assert "février 2026" in panel.regular_label.text()
    assert panel.regular_label.styleSheet() == RESUMED_STYLE
    debt = panel.current_debt()
    assert debt is not None and debt.balance == E("700.00")
    assert "700,00" in panel.debts_model.index(0, panel.debts_model.COLUMN_BALANCE).data()

    def settle(dialog: QDialog) -> None:
        dialog.date_field.set_date(D(2026, 6, 12))  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.settle, settle)
    debt = panel.current_debt()
    assert debt is not None and debt.is_settled
    assert not panel.settle_button.isEnabled() and not panel.payment_button.isEnabled()
    assert len(changes) == 8  # debt, plan, five payments, settlement


def test_editing_a_debt_with_a_typed_creditor(qtbot, services: Services, landlord: OrganisationView) -> None:
    supported = tenant(services, landlord)
    services.debts.add_debt(supported.household_id, DebtInput(E("340.50"), D(2026, 2, 1), creditor_name="EDF"))
    panel = _panel(qtbot, services, supported.household_id)

    def edit(dialog: QDialog) -> None:
        assert dialog.creditor_edit.text() == "EDF"  # type: ignore[attr-defined]
        assert dialog.creditor_edit.isEnabled()  # type: ignore[attr-defined]
        assert dialog.amount_edit.text() == "340,50"  # type: ignore[attr-defined]
        dialog.rent_check.setChecked(False)  # type: ignore[attr-defined]
        dialog.creditor_edit.setText("")  # type: ignore[attr-defined]
        _save(dialog)
        assert "Créancier" in _errors(dialog).message_for("creditor_id")
        dialog.creditor_edit.setText("EDF Bretagne")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.edit_debt, edit)
    debt = panel.current_debt()
    assert debt is not None and debt.creditor_label == "EDF Bretagne" and not debt.is_rent


def _procedure_household(services: Services, landlord: OrganisationView) -> Supported:
    return tenant(services, landlord)


def test_procedure_stages_resiliation_correction_suspension_and_close(
    qtbot, services: Services, landlord: OrganisationView, message_boxes: MessageLog
) -> None:
    supported = _procedure_household(services, landlord)
    panel = _panel(qtbot, services, supported.household_id)
    assert panel.current_procedure() is None and not panel.next_stage_button.isEnabled()

    def open_procedure(dialog: QDialog) -> None:
        assert dialog.landlord_combo.code() == str(landlord.id)  # type: ignore[attr-defined]  # the dwelling's
        dialog.date_field.set_date(D(2026, 2, 2))  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.new_procedure, open_procedure)
    procedure = panel.current_procedure()
    assert procedure is not None and procedure.current_stage is ProcedureStage.IMPAYE_CONSTATE
    assert "Impayé constaté" in panel.stages_model.index(0, 0).data()
    assert panel.stages_model.index(0, 1).data() == "02/02/2026"

    def resiliation(dialog: QDialog) -> None:
        assert dialog.chosen() is ProcedureStage.RELANCES  # type: ignore[attr-defined]  # the next one
        combo = dialog.stage_combo  # type: ignore[attr-defined]
        combo.setCurrentIndex(combo.findData(ProcedureStage.RESILIATION.value))
        assert not dialog.correction_edit.isEnabled()  # type: ignore[attr-defined]
        assert dialog.stage_hint.text()  # type: ignore[attr-defined]  # says what the résiliation does
        dialog.date_field.set_date(D(2026, 5, 12))  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.next_stage, resiliation)
    assert message_boxes.texts("information") == [
        "Situation de logement : occupant sans droit ni titre depuis le 12/05/2026, dans le même logement."
    ]
    assert services.occupancy.timeline(supported.household_id)[-1].status_code == "occupant_sans_titre"
    assert "12/05/2026" in panel.occupancy_label.text() and not panel.occupancy_label.isHidden()

    def back_without_reason(dialog: QDialog) -> None:
        combo = dialog.stage_combo  # type: ignore[attr-defined]
        combo.setCurrentIndex(combo.findData(ProcedureStage.ASSIGNATION.value))
        assert dialog.correction_edit.isEnabled()  # type: ignore[attr-defined]
        dialog.date_field.set_date(D(2026, 5, 20))  # type: ignore[attr-defined]
        dialog.note_edit.setPlainText("Appel interjeté")  # type: ignore[attr-defined]
        _save(dialog)
        assert dialog.isVisible()
        assert "correction" in _errors(dialog).message_for("correction_reason")
        assert dialog.note_edit.toPlainText() == "Appel interjeté"  # type: ignore[attr-defined]
        dialog.correction_edit.setPlainText("Le jugement a été frappé d'appel")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.next_stage, back_without_reason)
    procedure = panel.current_procedure()
    assert procedure is not None and procedure.current_stage is ProcedureStage.ASSIGNATION
    assert procedure.stages[-1].is_correction
    assert "Le jugement a été frappé d'appel" in panel.procedure_label.text()
    current = [step for step in panel.stages_model.records() if step.is_current]
    assert [step.stage for step in current] == [ProcedureStage.ASSIGNATION]

    def suspend(dialog: QDialog) -> None:
        assert dialog.ground_combo.currentData() == SuspensionGround.PLATEFORME.value  # type: ignore[attr-defined]
        dialog.start_field.set_date(D(2026, 5, 20))  # type: ignore[attr-defined]
        dialog.end_field.set_date(D(2026, 10, 20))  # type: ignore[attr-defined]
        _save(dialog)
        assert dialog.isVisible()
        assert "au plus 4 mois" in _errors(dialog).message_for("end")
        dialog.end_field.set_date(D(2026, 9, 20))  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.suspend, suspend)
    procedure = panel.current_procedure()
    assert procedure is not None and procedure.days_left == 97
    text = panel.suspension_label.text()
    assert "20/09/2026" in text and "97" in text and "Plateforme de prévention" in text and "Assignation" in text
    assert not panel.lift_button.isHidden()

    def lift(dialog: QDialog) -> None:
        _save(dialog)

    drive_modal(qtbot, panel.lift_suspension, lift)
    assert panel.lift_button.isHidden()
    assert "Assignation" in panel.suspension_label.text()  # where the procedure resumes

    def close(dialog: QDialog) -> None:
        dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findText("Nouveau bail"))  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.close_procedure, close)
    procedure = panel.current_procedure()
    assert procedure is not None and not procedure.is_open and procedure.outcome_label == "Nouveau bail"
    assert not panel.next_stage_button.isEnabled() and not panel.suspend_button.isEnabled()
    assert not panel.close_button.isEnabled()
    assert "Nouveau bail" in panel.procedure_combo.itemText(0)


def test_closing_on_an_expulsion_asks_where_the_household_went(
    qtbot, services: Services, landlord: OrganisationView, message_boxes: MessageLog
) -> None:
    supported = _procedure_household(services, landlord)
    procedure = services.procedures.open_procedure(supported.household_id, ProcedureInput(landlord.id, D(2026, 2, 2)))
    services.procedures.add_stage(procedure.id, StageInput(ProcedureStage.RESILIATION, D(2026, 5, 12)))
    services.procedures.add_stage(procedure.id, StageInput(ProcedureStage.EXPULSION, D(2026, 6, 10)))
    panel = _panel(qtbot, services, supported.household_id)

    def close(dialog: QDialog) -> None:
        destination = dialog.destination_combo  # type: ignore[attr-defined]
        assert not destination.isEnabled()  # "Dette apurée": nobody leaves
        dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findText("Expulsion"))  # type: ignore[attr-defined]
        assert destination.isEnabled() and dialog.destination_hint.text()  # type: ignore[attr-defined]
        labels = [destination.itemText(row) for row in range(destination.count())]
        assert "Hébergé chez un tiers" in labels and "Locataire en titre" not in labels  # not housed only
        dialog.date_field.set_date(D(2026, 6, 10))  # type: ignore[attr-defined]
        _save(dialog)
        assert dialog.isVisible()
        assert "où le ménage est allé" in _errors(dialog).message_for("destination")
        destination.set_code("heberge_tiers")
        _save(dialog)

    drive_modal(qtbot, panel.close_procedure, close)
    closed = panel.current_procedure()
    assert closed is not None and closed.outcome_label == "Expulsion"
    current = services.occupancy.timeline(supported.household_id)[-1]
    assert (current.status_label, current.start_date, current.reason_code) == (
        "Hébergé chez un tiers",
        D(2026, 6, 10),
        "expulsion",
    )


def test_an_expulsion_in_the_winter_truce_asks_for_its_legal_ground_and_the_history_says_so(
    qtbot, services: Services, landlord: OrganisationView, message_boxes: MessageLog
) -> None:
    supported = _procedure_household(services, landlord)
    procedure = services.procedures.open_procedure(supported.household_id, ProcedureInput(landlord.id, D(2026, 2, 2)))
    services.procedures.add_stage(procedure.id, StageInput(ProcedureStage.RESILIATION, D(2026, 2, 10)))
    panel = _panel(qtbot, services, supported.household_id)

    def expulsion(dialog: QDialog) -> None:
        truce = dialog.truce  # type: ignore[attr-defined]
        dialog.stage_combo.setCurrentIndex(dialog.stage_combo.findText("Expulsion"))  # type: ignore[attr-defined]
        assert not truce.combo.isVisibleTo(dialog)  # today, 15 June: no truce, nothing to ask
        dialog.date_field.set_date(D(2026, 3, 10))  # type: ignore[attr-defined]  # entered later, back-dated
        assert truce.combo.isVisibleTo(dialog) and "01/11/2025" in truce.hint.text()
        _save(dialog)
        assert dialog.isVisible()
        assert "trêve hivernale" in _errors(dialog).message_for("truce_exception")
        labels = [truce.combo.itemText(row) for row in range(1, truce.combo.count())]
        assert "Personnes entrées dans le domicile d'autrui par voie de fait" in labels
        truce.combo.set_code("relogement_assure")
        assert "L412-6" in truce.hint.text()  # where the law says so
        _save(dialog)

    drive_modal(qtbot, panel.next_stage, expulsion)
    shown = panel.current_procedure()
    assert shown is not None and shown.current_stage is ProcedureStage.EXPULSION
    row = [step.stage for step in panel.stages_model.records()].index(ProcedureStage.EXPULSION)
    assert (
        panel.stages_model.index(row, 2)
        .data()
        .startswith("Expulsion pendant la trêve hivernale — motif : Relogement assuré")
    )

    def close(dialog: QDialog) -> None:
        dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findText("Expulsion"))  # type: ignore[attr-defined]
        dialog.date_field.set_date(D(2026, 3, 10))  # type: ignore[attr-defined]
        dialog.destination_combo.set_code("heberge_tiers")  # type: ignore[attr-defined]
        assert dialog.truce.code() == "relogement_assure"  # type: ignore[attr-defined]  # the stage's ground
        _save(dialog)

    drive_modal(qtbot, panel.close_procedure, close)
    closed = panel.current_procedure()
    assert closed is not None and not closed.is_open
    assert "Expulsion pendant la trêve hivernale — motif : Relogement assuré" in panel.procedure_label.text()


def test_resiliation_of_a_sub_tenant_says_the_occupancy_did_not_follow(
    qtbot, services: Services, landlord: OrganisationView, message_boxes: MessageLog
) -> None:
    from tests.services.contract_builders import supported_household

    supported = supported_household(services, landlord)  # sous-locataire
    procedure = services.procedures.open_procedure(supported.household_id, ProcedureInput(landlord.id, D(2026, 2, 2)))
    panel = _panel(qtbot, services, supported.household_id)

    def resiliation(dialog: QDialog) -> None:
        combo = dialog.stage_combo  # type: ignore[attr-defined]
        combo.setCurrentIndex(combo.findData(ProcedureStage.RESILIATION.value))
        _save(dialog)

    drive_modal(qtbot, panel.next_stage, resiliation)
    (notice,) = message_boxes.texts("information")
    assert "non modifiée" in notice and "Sous-locataire" in notice
    assert services.procedures.procedure(procedure.id).current_stage is ProcedureStage.RESILIATION
    assert panel.occupancy_label.text() == notice


def test_winter_truce_notice_only_in_winter(
    qtbot, services: Services, clock: FixedClock, landlord: OrganisationView
) -> None:
    supported = tenant(services, landlord)
    services.procedures.open_procedure(supported.household_id, ProcedureInput(landlord.id, D(2026, 2, 2)))
    panel = _panel(qtbot, services, supported.household_id)
    assert panel.truce_label.isHidden()
    clock.today_value = D(2026, 12, 15)
    panel.refresh()
    assert not panel.truce_label.isHidden()
    assert "31 mars 2027" in panel.truce_label.text()


def test_panel_with_a_resumed_plan_and_a_suspended_procedure_renders(
    qtbot, services: Services, landlord: OrganisationView
) -> None:
    """The state of the README screenshot: every line visible, nothing clipped at the tab's usual size."""
    supported = tenant(services, landlord)
    debt = services.debts.add_debt(supported.household_id, DebtInput(E("1200"), D(2025, 12, 10), landlord.id))
    plan = services.debts.add_plan(debt.id, PlanInput(E("100"), E("120"), D(2026, 1, 1), 12, D(2025, 12, 15)))
    for month in (2, 3, 4, 5):
        services.debts.record_payment(plan.id, PaymentInput(D(2026, month, 1), E("220"), D(2026, month, 5)))
    procedure = services.procedures.open_procedure(supported.household_id, ProcedureInput(landlord.id, D(2026, 2, 2)))
    services.procedures.add_stage(procedure.id, StageInput(ProcedureStage.ASSIGNATION, D(2026, 4, 10)))
    services.procedures.suspend(
        procedure.id, SuspensionInput(SuspensionGround.PLATEFORME, D(2026, 5, 20), D(2026, 9, 20))
    )
    panel = _panel(qtbot, services, supported.household_id)
    panel.resize(1050, 680)
    panel.show()
    qtbot.waitExposed(panel)
    assert not panel.grab().toImage().isNull()
    assert "février 2026" in panel.regular_label.text()
    for label in (panel.regular_label, panel.suspension_label, panel.plan_label):
        assert label.isVisible()
        assert label.height() >= label.heightForWidth(label.width()), label.objectName()


# ------------------------------------------------------------------------------- table models (no widgets)


def test_months_table_model_marks_and_fades(qapp) -> None:
    model = PlanMonthsTableModel()
    due = E("220.00")
    model.set_records(
        [
            MonthView(D(2026, 1, 1), due, due, due, regular=True, complete=True, started=True),
            MonthView(D(2026, 2, 1), due, due, E(0), regular=False, complete=True, started=True),
            MonthView(D(2026, 3, 1), due, E(0), E(0), regular=False, complete=False, started=True),
            MonthView(D(2026, 4, 1), due, E(0), E(0), regular=False, complete=False, started=False),
        ]
    )
    column = PlanMonthsTableModel.COLUMN_REGULAR
    marks = [model.index(row, column).data() for row in range(4)]
    assert marks[:2] == ["✓", "✗"] and marks[2] and marks[3] == ""
    assert model.index(0, 0).data() == "janvier 2026"
    assert "220,00" in model.index(0, 1).data()
    assert model.index(2, 2).data() == ""  # nothing paid: an empty cell, not "0,00 €"
    assert model.index(3, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # a month to come is faded
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_stages_table_model_keeps_the_legal_order_and_bolds_the_current_stage(qapp) -> None:
    model = ProcedureStagesTableModel()
    model.set_records(
        [
            StageStep(ProcedureStage.IMPAYE_CONSTATE, "Impayé constaté", D(2026, 2, 2), is_current=False),
            StageStep(ProcedureStage.RELANCES, "Relances", D(2026, 3, 2), is_current=True),
            StageStep(ProcedureStage.PRECONTENTIEUX, "Précontentieux", None, is_current=False),
        ]
    )
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.records()[0].stage is ProcedureStage.IMPAYE_CONSTATE
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(2, 1).data() == "—"
    assert model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_greyed_out_buttons_say_why(qtbot, services: Services, landlord: OrganisationView) -> None:
    supported = tenant(services, landlord)
    panel = _panel(qtbot, services, supported.household_id)
    assert unexplained_disabled_buttons(panel) == []  # no debt, no procedure
    assert panel.payment_button.toolTip() == panel.settle_button.toolTip() != ""
    debt = services.debts.add_debt(supported.household_id, DebtInput(E("600"), D(2026, 1, 10), creditor_id=landlord.id))
    panel.refresh()
    assert not panel.payment_button.isEnabled() and "plan" in panel.payment_button.toolTip()
    assert unexplained_disabled_buttons(panel) == []
    services.debts.add_plan(debt.id, PlanInput(E("50"), E("400"), D(2026, 2, 1), 12, D(2026, 1, 15)))
    panel.refresh()
    assert not panel.plan_button.isEnabled() and panel.plan_button.toolTip()
    services.debts.settle(debt.id, D(2026, 6, 1))
    procedure = services.procedures.open_procedure(supported.household_id, ProcedureInput(landlord.id, D(2026, 2, 2)))
    services.procedures.close(procedure.id, ProcedureOutcome.DETTE_APUREE, D(2026, 6, 1))
    panel.refresh()
    assert not panel.next_stage_button.isEnabled() and panel.next_stage_button.toolTip()
    assert unexplained_disabled_buttons(panel) == []


def test_on_a_narrow_screen_the_stages_keep_their_dates_in_view(
    qtbot, services: Services, landlord: OrganisationView
) -> None:
    supported = tenant(services, landlord)
    services.procedures.open_procedure(supported.household_id, ProcedureInput(landlord.id, D(2026, 2, 2)))
    panel = _panel(qtbot, services, supported.household_id)
    panel.resize(780, 600)  # the tab of the file on a 1024-pixel screen, its debts taking most of the width
    panel.show()
    qtbot.waitExposed(panel)
    panel.findChild(QSplitter).setSizes([520, 260])
    table = panel.stages_table
    header = table.horizontalHeader()
    assert header.sectionViewportPosition(1) + header.sectionSize(1) <= table.viewport().width()
    assert panel.stages_model.data(panel.stages_model.index(0, 1)) == "02/02/2026"
