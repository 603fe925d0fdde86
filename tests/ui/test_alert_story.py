"""The alerts story of the issue, in the real window, in French.

The landlord phones on a Friday at 17:00 about two months of unpaid rent; the alert is logged and shows overdue on
Tuesday because nobody acknowledged it; the coordinator visits, a repayment plan is agreed and recorded, and three
on-time months later the household shows "paiement régulier repris"; meanwhile the association sends the landlord
a technical-problem alert as a letter — refused until the household's consent is recorded.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from caseworker.app import Application
from caseworker.domain import AlertStatus
from caseworker.storage.secret_store import KeyringSecretStore
from caseworker.ui.alerts.alert_table_models import OVERDUE_BACKGROUND
from tests.services.contract_builders import supported_household
from tests.ui.conftest import MessageLog, drive_modal, drive_modals

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()


def _save(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def _at(clock, moment: datetime) -> None:  # type: ignore[no-untyped-def]
    """Set the fixed clock to a local moment (day and time)."""
    clock.today_value = moment.date()
    clock.now = lambda: moment.astimezone(timezone.utc)


def test_alert_story_in_the_real_window(
    qtbot, services, landlord, data_paths, database, clock, message_boxes: MessageLog, tmp_path: Path
) -> None:
    supported = supported_household(services, landlord)
    database.dispose()
    _at(clock, datetime(2026, 6, 12, 17, 5, tzinfo=PARIS))  # Friday, 17:05
    application = Application(data_paths, KeyringSecretStore(), clock=clock)
    assert application.start(), message_boxes.shown
    window = application.window
    qtbot.addWidget(window)
    window.show()
    section = window.households
    qtbot.keyClicks(section.list_panel.search_edit, "benali")
    qtbot.keyClick(section.list_panel.search_edit, Qt.Key.Key_Return)
    panel = section.file_panel
    assert panel.household is not None and panel.household.id == supported.household_id

    # Friday 17:00: the landlord's property manager phones about two months of unpaid rent.
    panel.show_tab(panel.alerts_panel)

    def phone_call(dialog: QDialog) -> None:
        dialog.type_combo.set_code("impaye")  # type: ignore[attr-defined]
        dialog.channel_combo.set_code("telephone")  # type: ignore[attr-defined]
        dialog.when_field.time_edit.setTime(QTime(17, 0))  # type: ignore[attr-defined]
        dialog.amount_edit.setText("825,00")  # type: ignore[attr-defined]
        dialog.description_edit.setPlainText("Loyers d'avril et de mai impayés.")  # type: ignore[attr-defined]
        assert "15/06/2026" in dialog.deadline_label.text()  # type: ignore[attr-defined]  # by Monday evening
        _save(dialog)

    drive_modal(qtbot, panel.alerts_panel.new_button.click, phone_call)
    alert = panel.alerts_panel.detail.alert
    assert alert is not None and alert.status is AlertStatus.NOUVEAU

    # Nobody acknowledged it: on Tuesday morning the Alertes inbox shows it overdue.
    _at(clock, datetime(2026, 6, 16, 9, 0, tzinfo=PARIS))
    window.show_widget(window.alerts)
    inbox = window.alerts
    assert inbox.model.rowCount() == 1
    assert inbox.model.data(inbox.model.index(0, 0), Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert inbox.model.data(inbox.model.index(0, 3)) == "Prise en compte en retard (attendue le 15/06/2026)"
    inbox.overdue_box.setChecked(True)
    assert inbox.model.rowCount() == 1
    assert application.services.alerts.counts().overdue_acknowledge == 1
    inbox.overdue_box.setChecked(False)

    # The coordinator visits (the action takes the alert into account and starts its treatment).
    def visit(dialog: QDialog) -> None:
        dialog.kind_combo.set_code("visite")  # type: ignore[attr-defined]
        dialog.note_edit.setPlainText("Visite : un plan d'apurement est proposé au bailleur.")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, inbox.detail.action_button.click, visit)
    assert inbox.detail.alert.status is AlertStatus.EN_TRAITEMENT  # type: ignore[union-attr]
    assert inbox.model.data(inbox.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None  # no longer overdue
    assert application.services.alerts.counts().overdue_acknowledge == 0

    # The repayment plan is agreed and recorded in the household file.
    window.open_household(supported.household_id)
    panel.show_tab(panel.prevention_panel)
    prevention = panel.prevention_panel

    def debt(dialog: QDialog) -> None:
        dialog.creditor_combo.set_code(str(landlord.id))  # type: ignore[attr-defined]
        dialog.amount_edit.setText("825,00")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, prevention.new_debt_button.click, debt)

    def plan(dialog: QDialog) -> None:
        dialog.instalment_edit.setText("50")  # type: ignore[attr-defined]
        dialog.rent_edit.setText("120")  # type: ignore[attr-defined]
        dialog.start_field.set_date(date(2026, 7, 1))  # type: ignore[attr-defined]
        dialog.months_spin.setValue(17)  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, prevention.plan_button.click, plan)

    def resolve(dialog: QDialog) -> None:
        dialog.text_edit.setPlainText("Plan d'apurement de 17 mois convenu avec le bailleur")  # type: ignore[attr-defined]
        _save(dialog)

    window.show_widget(window.alerts)
    drive_modal(qtbot, inbox.detail.resolve_button.click, resolve)
    assert application.services.alerts.alert(alert.id).status is AlertStatus.RESOLU
    assert inbox.model.rowCount() == 0  # the inbox shows open alerts

    # Meanwhile, the association warns the landlord of a technical problem, as a letter.
    window.open_household(supported.household_id)
    panel.show_tab(panel.alerts_panel)

    def technical(dialog: QDialog) -> None:
        dialog.type_combo.set_code("probleme_technique")  # type: ignore[attr-defined]
        dialog.description_edit.setPlainText("Le chauffe-eau ne fonctionne plus depuis le 14 juin.")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.alerts_panel.new_button.click, technical)
    detail = panel.alerts_panel.detail
    detail.send_letter_action.trigger()
    assert any("il manque un consentement" in text for text in message_boxes.texts())
    panel.show_tab(panel.consent_tab)
    for index in range(2):  # each adult

        def consent(dialog: QDialog, index: int = index) -> None:
            dialog.person_combo.setCurrentIndex(index)  # type: ignore[attr-defined]
            for code in ("identite", "alertes"):
                dialog.category_boxes[code].setChecked(True)  # type: ignore[attr-defined]
            dialog.evidence.place_combo.set_code("dossier_papier")  # type: ignore[attr-defined]
            dialog.evidence.reference_edit.setText("Dossier du ménage, chemise « Consentements »")  # type: ignore[attr-defined]
            _save(dialog)

        drive_modal(qtbot, panel.new_consent_button.click, consent)
    panel.show_tab(panel.alerts_panel)
    letter = tmp_path / "courrier-bailleur.pdf"

    def save_letter(preview: QDialog) -> None:
        assert preview.save_to(str(letter))  # type: ignore[attr-defined]
        preview.accept()

    drive_modals(qtbot, detail.send_letter_action.trigger, save_letter)
    assert letter.exists()
    kinds = [d.document_kind for d in application.services.liaison_sheets.disclosures_for(supported.household_id)]
    assert kinds == ["alerte_bailleur"]

    # Three on-time months later the household shows "paiement régulier repris".
    panel.show_tab(panel.prevention_panel)
    for month, paid_on in (
        (date(2026, 7, 1), date(2026, 7, 5)),
        (date(2026, 8, 1), date(2026, 8, 4)),
        (date(2026, 9, 1), date(2026, 9, 3)),
    ):
        _at(clock, datetime.combine(paid_on, datetime.min.time(), tzinfo=PARIS).replace(hour=11))

        def pay(dialog: QDialog, month: date = month) -> None:
            dialog.month_combo.setCurrentIndex(dialog.month_combo.findData(month.isoformat()))  # type: ignore[attr-defined]
            dialog.amount_edit.setText("170")  # type: ignore[attr-defined]
            _save(dialog)

        drive_modal(qtbot, prevention.payment_button.click, pay)
    assert "Paiement régulier repris" not in prevention.regular_label.text()  # September is not over yet
    _at(clock, datetime(2026, 10, 2, 10, 0, tzinfo=PARIS))
    prevention.refresh()
    assert prevention.regular_label.text().startswith("✓ Paiement régulier repris depuis juillet 2026"), (
        prevention.regular_label.text()
    )
    assert application.services.debts.regular_payment_resumed(supported.household_id)

    window.close()
    application.shutdown()
