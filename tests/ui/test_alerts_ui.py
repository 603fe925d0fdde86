"""The alert inbox and its dialogs, driven as a caseworker would."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from caseworker.domain import AlertStatus
from caseworker.services import Services
from caseworker.services.directory import OrganisationView
from caseworker.ui.alerts.alert_panels import AlertInboxPanel
from caseworker.ui.alerts.alert_table_models import OVERDUE_BACKGROUND
from tests.services.builders import new_household
from tests.services.contract_builders import Supported, grant_all, supported_household
from tests.support import FixedClock, pdf_text
from tests.support.row_versions import current_version
from tests.ui.conftest import MessageLog, drive_modal, drive_modals, unexplained_disabled_buttons
from tests.ui.deps import alerts_deps

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


def _save(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_a_friday_evening_call_becomes_overdue_on_tuesday(
    qtbot, services: Services, supported: Supported, clock: FixedClock
) -> None:
    clock.today_value = date(2026, 6, 15)
    panel = AlertInboxPanel(alerts_deps(services), household_mode=True)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_household(supported.household_id)

    def record(dialog: QDialog) -> None:
        dialog.type_combo.set_code("impaye")  # type: ignore[attr-defined]
        assert dialog.landlord_combo.currentData() == supported.landlord.id  # type: ignore[attr-defined]
        assert dialog.contact_combo.currentData() == supported.contact_id  # type: ignore[attr-defined]
        dialog.when_field.date_field.set_date(date(2026, 6, 12))  # type: ignore[attr-defined]
        dialog.when_field.time_edit.setTime(QTime(17, 0))  # type: ignore[attr-defined]
        assert "15/06/2026" in dialog.deadline_label.text()  # type: ignore[attr-defined]
        dialog.amount_edit.setText("825,00")  # type: ignore[attr-defined]
        dialog.description_edit.setPlainText("Deux mois de loyer impayés.")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.new_button.click, record)
    assert panel.model.rowCount() == 1
    assert panel.model.data(panel.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    clock.today_value = date(2026, 6, 16)
    panel.reload()
    assert panel.model.data(panel.model.index(0, 0), Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert "Prise en compte en retard" in panel.model.data(panel.model.index(0, 3))
    assert "1 en retard" in panel.count_label.text()
    panel.detail.acknowledge_button.click()
    assert panel.detail.alert.status is AlertStatus.PRIS_EN_COMPTE  # type: ignore[union-attr]
    assert panel.model.data(panel.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None

    def visit(dialog: QDialog) -> None:
        dialog.kind_combo.set_code("visite")  # type: ignore[attr-defined]
        dialog.note_edit.setPlainText("Visite : le ménage accepte un plan d'apurement.")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.detail.action_button.click, visit)
    assert panel.detail.alert.status is AlertStatus.EN_TRAITEMENT  # type: ignore[union-attr]

    def escalate(dialog: QDialog) -> None:
        dialog.level_combo.set_code("N2")  # type: ignore[attr-defined]
        dialog.target_edit.setText("Plateforme de prévention des expulsions")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.detail.escalate_button.click, escalate)
    assert panel.detail.alert.escalation_level == "N2"  # type: ignore[union-attr]
    history = [
        panel.detail.history_model.data(panel.detail.history_model.index(r, 1))
        for r in range(panel.detail.history_model.rowCount())
    ]
    assert history[0] == "Nouveau"
    assert {"Pris en compte", "En traitement", "Action : Visite"} <= set(history)
    assert "Escaladé (N2 — Plateforme de prévention des expulsions)" in history

    def resolve(dialog: QDialog) -> None:
        dialog.text_edit.setPlainText("Plan d'apurement signé")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.detail.resolve_button.click, resolve)
    assert panel.detail.alert.status is AlertStatus.RESOLU  # type: ignore[union-attr]
    assert panel.detail.recurrence_button.isEnabled()


def test_a_technical_alert_to_the_landlord_is_sent_as_a_letter_only_with_consent(
    qtbot, services: Services, supported: Supported, message_boxes: MessageLog, tmp_path: Path
) -> None:
    panel = AlertInboxPanel(alerts_deps(services), household_mode=True)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_household(supported.household_id)

    def technical(dialog: QDialog) -> None:
        dialog.type_combo.set_code("probleme_technique")  # type: ignore[attr-defined]
        assert "De l'association au bailleur" in dialog.direction_label.text()  # type: ignore[attr-defined]
        assert not dialog.amount_edit.isEnabled()  # type: ignore[attr-defined]
        dialog.description_edit.setPlainText("Le chauffe-eau ne fonctionne plus.")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.new_button.click, technical)
    assert panel.detail.send_button.isEnabled()
    assert [a.text() for a in panel.detail.send_button.menu().actions()] == [
        "Par &courrier (PDF à imprimer ou enregistrer)…",
        "Par c&ourriel (texte à copier ou fichier .eml)…",
    ]
    panel.detail.send_letter_action.trigger()
    assert any("il manque un consentement" in text for text in message_boxes.texts())
    assert services.liaison_sheets.disclosures_for(supported.household_id) == []
    grant_all(services, supported)
    target = tmp_path / "courrier.pdf"

    def save_letter(preview: QDialog) -> None:
        assert "chauffe-eau" in pdf_text(preview._pdf)  # type: ignore[attr-defined]
        assert preview.save_to(str(target))  # type: ignore[attr-defined]
        preview.accept()

    drive_modals(qtbot, panel.detail.send_letter_action.trigger, save_letter)
    [disclosure] = services.liaison_sheets.disclosures_for(supported.household_id)
    assert (disclosure.document_kind, disclosure.channel) == ("alerte_bailleur", "fichier")
    assert target.exists()
    eml = tmp_path / "courriel.eml"

    def save_email(dialog: QDialog) -> None:
        assert "chauffe-eau" in dialog.body_edit.toPlainText()  # type: ignore[attr-defined]
        assert dialog.save_to(str(eml))  # type: ignore[attr-defined]
        dialog.accept()

    drive_modals(qtbot, panel.detail.send_email_action.trigger, save_email)
    channels = [d.channel for d in services.liaison_sheets.disclosures_for(supported.household_id)]
    assert sorted(channels) == ["courriel", "fichier"]
    assert b"Subject:" in eml.read_bytes()
    panel.detail.acknowledge_button.click()
    assert panel.detail.alert.status_label == "Pris en compte par le bailleur"  # type: ignore[union-attr]


def test_copying_the_acknowledgement_writes_it_to_the_disclosure_log(
    qtbot, services: Services, supported: Supported
) -> None:
    panel = AlertInboxPanel(alerts_deps(services), household_mode=True)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_household(supported.household_id)

    def arrears(dialog: QDialog) -> None:
        dialog.type_combo.set_code("impaye")  # type: ignore[attr-defined]
        dialog.description_edit.setPlainText("Deux mois de loyer impayés.")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.new_button.click, arrears)

    def copy(dialog: QDialog) -> None:
        assert "Claire MARTIN" in dialog.body_edit.toPlainText()  # type: ignore[attr-defined]
        dialog.copy_text()  # type: ignore[attr-defined]
        dialog.accept()

    drive_modals(qtbot, panel.detail.reply_button.click, copy)
    [disclosure] = services.liaison_sheets.disclosures_for(supported.household_id)
    assert (disclosure.document_kind, disclosure.channel, disclosure.legal_basis, disclosure.consent_ids) == (
        "accuse_reception",
        "courriel",
        "C0",
        (),
    )


def test_the_inbox_keeps_its_order_and_column_widths_when_the_filters_change(
    qtbot, services: Services, supported: Supported, clock: FixedClock
) -> None:
    from datetime import datetime

    from caseworker.domain import AlertChannel
    from caseworker.services.alerts import AlertInput

    clock.today_value = date(2026, 6, 15)
    for day, code in ((1, "impaye"), (10, "trouble_voisinage"), (12, "impaye")):
        received = datetime(2026, 6, day, 9, 0, tzinfo=PARIS)
        services.alerts.create(
            AlertInput(code, supported.household_id, supported.landlord.id, received, AlertChannel.TELEPHONE)
        )
    panel = AlertInboxPanel(alerts_deps(services))
    qtbot.addWidget(panel)
    panel.show()
    panel.reload()
    header = panel.table.horizontalHeader()
    received = [panel.model.record(row).received_at.day for row in range(panel.model.rowCount())]
    assert received == [10, 1, 12]  # the two overdue ones (newest first), then the one due today
    assert header.sortIndicatorSection() == -1  # no column's arrow claims to describe that order
    header.resizeSection(1, 77)
    panel.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the person sorts by date of receipt
    assert [panel.model.record(row).received_at.day for row in range(3)] == [12, 10, 1]
    panel.type_combo.setCurrentIndex(panel.type_combo.findData("impaye"))
    assert panel.model.rowCount() == 2 and header.sortIndicatorSection() == -1
    assert header.sectionSize(1) == 77  # widths stay put while filtering


def test_a_tripartite_mediation_is_recorded_with_its_parties_agreement_and_follow_up(
    qtbot, services: Services, supported: Supported, clock: FixedClock
) -> None:
    from datetime import datetime

    from caseworker.domain import AlertChannel
    from caseworker.services.alerts import AlertInput

    clock.today_value = date(2026, 6, 15)
    received = datetime(2026, 6, 10, 9, 0, tzinfo=PARIS)
    services.alerts.create(
        AlertInput(
            "impaye",
            supported.household_id,
            supported.landlord.id,
            received,
            AlertChannel.TELEPHONE,
            partner_contact_id=supported.contact_id,
        )
    )
    panel = AlertInboxPanel(alerts_deps(services), household_mode=True)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_household(supported.household_id)
    panel.table.selectRow(0)

    def mediation(dialog: QDialog) -> None:
        box = dialog.mediation_box  # type: ignore[attr-defined]
        assert not box.isVisible()  # a call or a visit has no parties
        dialog.kind_combo.set_code("mediation")  # type: ignore[attr-defined]
        assert box.isVisible()
        participants = dialog.participant_list  # type: ignore[attr-defined]
        ticked = [
            participants.item(r).text()
            for r in range(participants.count())
            if participants.item(r).checkState() == Qt.CheckState.Checked
        ]
        assert ticked == [  # the reference person, the landlord's contact on the alert, the user
            "ÇELIK Hélène — Ménage — personne de référence",
            "Sophie MOREL — Habitat 35 — gestion locative",
            "Claire MARTIN — Association Le Toit",
        ]
        dialog.others_edit.setText("M. Leroy, gardien")  # type: ignore[attr-defined]
        _save(dialog)
        assert dialog.isVisible()  # no agreement yet: nothing is lost, the dialog says why
        assert "obligatoire" in dialog.errors.message_for("agreement")  # type: ignore[attr-defined]
        dialog.agreement_edit.setPlainText("50 € par mois en plus du loyer ; relance suspendue.")  # type: ignore[attr-defined]
        dialog.follow_up_field.set_date(date(2026, 7, 15))  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.detail.action_button.click, mediation)
    [action] = services.alerts.alert(panel.detail.alert.id).actions  # type: ignore[union-attr]
    assert action.mediation is not None
    assert [p.name for p in action.mediation.participants][-1] == "M. Leroy, gardien"
    notes = [
        panel.detail.history_model.data(panel.detail.history_model.index(r, 3))
        for r in range(panel.detail.history_model.rowCount())
    ]
    assert any("suivi le 15/07/2026" in (note or "") for note in notes)


def test_the_history_shows_a_step_and_an_action_of_the_same_minute_in_the_order_recorded(
    services: Services, supported: Supported, clock: FixedClock
) -> None:
    from datetime import datetime

    from caseworker.domain import AlertActionKind, AlertChannel
    from caseworker.services.alerts import ActionInput, AlertInput
    from caseworker.ui.alerts.alert_table_models import history_lines

    class SecondsClock(FixedClock):
        def now(self) -> datetime:
            return datetime(2026, 6, 15, 12, 0, 35, tzinfo=PARIS)

    object.__setattr__(services.context, "clock", SecondsClock(date(2026, 6, 15)))
    alert = services.alerts.create(
        AlertInput(
            "impaye",
            supported.household_id,
            supported.landlord.id,
            datetime(2026, 6, 15, 11, 50, tzinfo=PARIS),
            AlertChannel.TELEPHONE,
        )
    )
    services.alerts.acknowledge(
        alert.id, expected_version=current_version(services.alerts, "acknowledge", alert.id)
    )  # the clock's 12:00:35
    view = services.alerts.add_action(
        alert.id,
        ActionInput(AlertActionKind.VISITE, datetime(2026, 6, 15, 12, 0, tzinfo=PARIS)),  # typed: 12:00
        expected_version=current_version(services.alerts, "add_action", alert.id),
    )
    assert [line.what for line in history_lines(view)] == [
        "Nouveau",
        "Pris en compte",
        "Action : Visite",
        "En traitement",
    ]


def test_a_landlord_contact_gets_its_civility_from_the_alert_dialog(
    qtbot, services: Services, supported: Supported
) -> None:
    from caseworker.ui.alerts.alert_dialogs import NewAlertDialog

    dialog = NewAlertDialog(alerts_deps(services), supported.household_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.contact_combo.currentData() == supported.contact_id

    def civility(contact_dialog: QDialog) -> None:
        assert contact_dialog.last_name_edit.text() == "Morel"  # type: ignore[attr-defined]
        combo = contact_dialog.civility_combo  # type: ignore[attr-defined]
        assert combo.currentData() == ""  # not known yet
        combo.setCurrentIndex(combo.findData("madame"))
        _save(contact_dialog)

    drive_modal(qtbot, dialog.edit_contact_button.click, civility)
    assert services.directory.get_partner_contact(supported.contact_id).civility == "madame"
    assert dialog.contact_combo.currentData() == supported.contact_id

    def new(contact_dialog: QDialog) -> None:
        combo = contact_dialog.civility_combo  # type: ignore[attr-defined]
        combo.setCurrentIndex(combo.findData("monsieur"))
        contact_dialog.first_name_edit.setText("Paul")  # type: ignore[attr-defined]
        contact_dialog.last_name_edit.setText("Abgrall")  # type: ignore[attr-defined]
        contact_dialog.role_combo.set_code("contentieux")  # type: ignore[attr-defined]
        _save(contact_dialog)

    drive_modal(qtbot, dialog.new_contact_button.click, new)
    added = services.directory.get_partner_contact(int(dialog.contact_combo.currentData()))
    assert (added.civility, added.last_name, added.organisation_id) == ("monsieur", "Abgrall", supported.landlord.id)
    dialog.contact_combo.setCurrentIndex(dialog.contact_combo.findData(None))
    assert not dialog.edit_contact_button.isEnabled()  # "(no named contact)" has nothing to edit


def test_greyed_out_steps_say_why_escalate_first_of_all(
    qtbot, services: Services, supported: Supported, clock: FixedClock
) -> None:
    from datetime import datetime

    from caseworker.domain import AlertActionKind, AlertChannel
    from caseworker.services.alerts import ActionInput, AlertInput

    panel = AlertInboxPanel(alerts_deps(services), household_mode=True)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_household(supported.household_id)
    detail = panel.detail
    assert unexplained_disabled_buttons(detail) == []  # no alert chosen
    received = datetime(2026, 6, 12, 17, 0, tzinfo=PARIS)
    alert = services.alerts.create(
        AlertInput("impaye", supported.household_id, supported.landlord.id, received, AlertChannel.TELEPHONE)
    )
    panel.reload()
    assert detail.alert is not None and detail.alert.id == alert.id
    assert not detail.escalate_button.isEnabled()
    assert "action" in detail.escalate_button.toolTip()  # escalated once an action puts it in treatment
    assert unexplained_disabled_buttons(detail) == []
    services.alerts.acknowledge(alert.id, expected_version=current_version(services.alerts, "acknowledge", alert.id))
    detail.set_alert(alert.id)
    assert not detail.escalate_button.isEnabled() and "action" in detail.escalate_button.toolTip()
    assert unexplained_disabled_buttons(detail) == []
    services.alerts.add_action(
        alert.id,
        ActionInput(AlertActionKind.APPEL, datetime(2026, 6, 15, 9, 0, tzinfo=PARIS)),
        expected_version=current_version(services.alerts, "add_action", alert.id),
    )
    detail.set_alert(alert.id)
    assert detail.escalate_button.isEnabled() and detail.escalate_button.toolTip() == ""
    assert unexplained_disabled_buttons(detail) == []
    services.alerts.resolve(
        alert.id,
        outcome="Plan d'apurement signé",
        expected_version=current_version(services.alerts, "resolve", alert.id),
    )
    detail.set_alert(alert.id)
    assert not detail.escalate_button.isEnabled() and detail.escalate_button.toolTip()
    assert unexplained_disabled_buttons(detail) == []


# The offscreen platform has no window system: the popup of the matches cannot raise itself nor grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_from_the_inbox_the_household_is_found_by_typing_without_loading_them_all(
    qtbot, services: Services, supported: Supported, monkeypatch: pytest.MonkeyPatch
) -> None:
    new_household(services, "Bruno", "Martin")
    deps = alerts_deps(services)
    panel = AlertInboxPanel(deps)
    qtbot.addWidget(panel)
    panel.show()

    def every_household() -> None:
        raise AssertionError("the dialog must not read every household (a server holds 100,000)")

    monkeypatch.setattr(services.households, "list_summaries", every_household)
    searched: list[str] = []
    search = services.households.search
    monkeypatch.setattr(
        services.households, "search", lambda text, limit=100: searched.append(text) or search(text, limit=limit)
    )

    def record(dialog: QDialog) -> None:
        picker = dialog.household_combo  # type: ignore[attr-defined]
        picker.setFocus()
        qtbot.keyClicks(picker.lineEdit(), "celi")
        qtbot.waitUntil(lambda: picker.matches.rowCount() == 1, timeout=2000)  # asked once the typing pauses
        assert searched == ["celi"]
        assert picker.matches.item(0).text() == "ÇELIK Hélène · M-000001"
        assert picker.completer().popup().isVisible()
        assert dialog.household_id() is None  # type: ignore[attr-defined]  # typed, not picked yet
        qtbot.keyClick(picker.completer().popup(), Qt.Key.Key_Down)
        qtbot.keyClick(picker.completer().popup(), Qt.Key.Key_Return)
        assert dialog.household_id() == supported.household_id  # type: ignore[attr-defined]
        assert dialog.landlord_combo.currentData() == supported.landlord.id  # type: ignore[attr-defined]
        dialog.type_combo.set_code("voisinage")  # type: ignore[attr-defined]
        dialog.description_edit.setPlainText("Musique forte la nuit.")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.new_button.click, record)
    assert panel.model.rowCount() == 1
    assert panel.model.record(0).household_id == supported.household_id
