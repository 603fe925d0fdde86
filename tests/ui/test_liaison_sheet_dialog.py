"""The fiche navette dialog: the consent gate seen before clicking, the preview, the disclosure recorded on export;
the disclosure log table; the household's own summary."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from caseworker.services import Services
from caseworker.services.directory import OrganisationInput, OrganisationView, PartnerContactInput
from caseworker.services.sharing import ConsentInput, FilingReference
from caseworker.services.sharing.liaison_sheet import LiaisonSheetRequest
from caseworker.ui.common.pdf_preview import PdfPreviewDialog
from caseworker.ui.contracts.liaison_sheet_dialog import (
    DisclosureTableModel,
    LiaisonSheetDialog,
    show_household_summary,
)
from tests.services.builders import new_household
from tests.services.contract_builders import ALL_CATEGORIES, Supported, grant_all, grant_siao, supported_household
from tests.support import pdf_text
from tests.ui.conftest import MessageLog, drive_modal

REFUSAL_START = "Fiche navette — Habitat 35 : elle ne peut pas être produite, il manque un consentement."


def _tr(source: str, context: str = "LiaisonSheetDialog") -> str:
    """The dialog's text as shown (English until the lead adds the French to the catalogue)."""
    return QCoreApplication.translate(context, source)


@pytest.fixture(autouse=True)
def paris_time() -> Iterator[None]:
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Paris"
    time.tzset()
    yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


def _dialog(qtbot, services: Services, household_id: int) -> LiaisonSheetDialog:
    dialog = LiaisonSheetDialog(services.liaison_sheets, household_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _tick(dialog: LiaisonSheetDialog, code: str, checked: bool = True) -> None:
    row = dialog.category_list.keys().index(code)
    state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
    dialog.category_list.item(row).setCheckState(state)


def _entry(dialog: LiaisonSheetDialog, code: str) -> str:
    return dialog.category_list.item(dialog.category_list.keys().index(code)).text()


def _preview_dialogs(parent: QWidget) -> list[PdfPreviewDialog]:
    return [child for child in parent.findChildren(PdfPreviewDialog) if child.isVisible()]


def test_without_consent_the_preview_is_refused_and_every_choice_stays(
    qtbot, services: Services, supported: Supported, message_boxes: MessageLog
):
    dialog = _dialog(qtbot, services, supported.household_id)
    assert dialog.landlord_combo.currentText() == _tr("{name} (current dwelling)").format(name="Habitat 35")
    assert dialog.contact_combo.currentData() == supported.contact_id
    _tick(dialog, "loyer_dette")
    dialog.message_edit.setPlainText("Visite du logement le 20/06 à 10 h.")
    dialog.siao_box.setChecked(True)
    assert _entry(dialog, "loyer_dette").endswith(_tr("✗ consent missing"))
    # The worker sees before clicking who has not agreed to what, in the service's French words.
    line = dialog.missing_label.text()
    assert dialog.missing_label.isVisible()
    assert "Hélène ÇELIK — « Identité », « Loyer, dette et plan d'apurement » : aucun consentement" in line
    assert "Karim BENALI — « Identité », « Loyer, dette et plan d'apurement »" in line

    dialog.preview_button.click()

    [(kind, _title, text)] = message_boxes.shown
    assert kind == "warning"
    assert text.startswith(REFUSAL_START)
    assert "• Hélène ÇELIK — « Identité » : aucun consentement enregistré pour ce bailleur." in text
    assert "Karim BENALI — « Loyer, dette et plan d'apurement »" in text
    assert services.liaison_sheets.disclosures_for(supported.household_id) == []
    assert dialog.sent is None
    assert dialog.isVisible()
    assert not _preview_dialogs(dialog)
    assert dialog.category_list.checked_keys() == ["identite", "loyer_dette"]
    assert dialog.message_edit.toPlainText() == "Visite du logement le 20/06 à 10 h."
    assert dialog.siao_box.isChecked()
    assert dialog.contact_combo.currentData() == supported.contact_id


def test_with_consent_saving_from_the_preview_records_the_disclosure(
    qtbot, services: Services, supported: Supported, tmp_path: Path, message_boxes: MessageLog
):
    grant_all(services, supported)
    grant_siao(services, supported)
    dialog = _dialog(qtbot, services, supported.household_id)
    _tick(dialog, "situation_logement")
    dialog.siao_box.setChecked(True)
    assert _entry(dialog, "situation_logement").endswith(_tr("✓ agreed by every adult"))
    assert dialog.missing_label.text() == _tr("✓ Every adult agreed to share the ticked categories.")
    target = tmp_path / "fiche.pdf"
    seen: dict[str, object] = {}

    def save(preview: QWidget) -> None:
        assert isinstance(preview, PdfPreviewDialog)
        seen["title"] = preview.windowTitle()
        seen["notice"] = preview.notice_label.text()
        seen["pages"] = preview.page_count()
        assert services.liaison_sheets.disclosures_for(supported.household_id) == []  # previewing is not sending
        assert preview.save_to(str(target))
        seen["recorded"] = dialog.sent
        preview.close()

    drive_modal(qtbot, dialog.preview_button.click, save)

    assert seen["title"] == _tr("Liaison sheet — {landlord}").format(landlord="Habitat 35")
    assert "Habitat 35" in str(seen["notice"])
    assert seen["pages"] >= 1
    [disclosure] = services.liaison_sheets.disclosures_for(supported.household_id)
    assert disclosure.channel == "fichier"
    assert disclosure.categories == ("Identité", "Situation de logement")
    assert disclosure.copy_siao
    assert disclosure.recipient_contact == "Sophie MOREL"
    assert seen["recorded"] == disclosure == dialog.sent
    assert target.read_bytes().startswith(b"%PDF")
    assert "14 rue de Brest" in pdf_text(target.read_bytes())
    [(kind, _title, text)] = message_boxes.shown
    assert kind == "information"
    assert disclosure.document_reference in text
    assert not dialog.isVisible()
    assert dialog.result() == LiaisonSheetDialog.DialogCode.Accepted


def test_printing_records_printed_and_a_declared_hand_over_is_recorded_as_such(
    qtbot, services: Services, supported: Supported, tmp_path: Path
):
    grant_all(services, supported)
    dialog = _dialog(qtbot, services, supported.household_id)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)

    def print_it(preview: QWidget) -> None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        assert isinstance(preview, PdfPreviewDialog)
        assert preview.print_to(printer)
        preview.close()

    drive_modal(qtbot, dialog.preview_button.click, print_it)
    assert [item.channel for item in services.liaison_sheets.disclosures_for(supported.household_id)] == ["impression"]

    dialog = _dialog(qtbot, services, supported.household_id)
    dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData("courriel"))
    assert f"« {dialog.channel_combo.currentText()} »" in dialog.channel_hint.text()

    def save(preview: QWidget) -> None:
        assert isinstance(preview, PdfPreviewDialog)
        assert preview.save_to(str(tmp_path / "for-email.pdf"))
        preview.close()

    drive_modal(qtbot, dialog.preview_button.click, save)
    channels = [item.channel for item in services.liaison_sheets.disclosures_for(supported.household_id)]
    assert sorted(channels) == ["courriel", "impression"]


def test_a_consent_revoked_before_saving_records_nothing_and_says_the_copy_must_not_go(
    qtbot, services: Services, supported: Supported, tmp_path: Path, message_boxes: MessageLog
):
    grant_all(services, supported)
    dialog = _dialog(qtbot, services, supported.household_id)

    def revoke_then_save(preview: QWidget) -> None:
        assert isinstance(preview, PdfPreviewDialog)
        consent = services.consents.for_household(supported.household_id)[0]
        services.consents.revoke(consent.id, revoked_on=date(2026, 6, 15), note="Appel du ménage")
        assert preview.save_to(str(tmp_path / "fiche.pdf"))
        preview.close()

    drive_modal(qtbot, dialog.preview_button.click, revoke_then_save)

    assert services.liaison_sheets.disclosures_for(supported.household_id) == []
    assert dialog.sent is None
    assert dialog.isVisible()  # not accepted: nothing was sent as far as the log knows
    [(kind, _title, text)] = message_boxes.shown
    assert kind == "warning"
    assert text.startswith(REFUSAL_START)
    assert "retiré le 15/06/2026" in text
    assert _tr("A copy has just been saved: do not hand it over, delete the file.") in text


def test_the_agreements_and_the_missing_line_follow_the_landlord_and_the_contact(
    qtbot, services: Services, supported: Supported
):
    grant_all(services, supported)
    other = services.directory.create_organisation(
        OrganisationInput(name="Archipel Habitat", kind_code="bailleur_social")
    )
    cesf = services.directory.create_partner_contact(PartnerContactInput(other.id, "Inès", "Le Goff", role_code="cesf"))
    for person_id in supported.adults:
        services.consents.record_granted(
            supported.household_id,
            ConsentInput(person_id, other.id, ("identite", "situation_logement"), "Fiche navette"),
            signed_on=date(2026, 6, 1),
            filing=FilingReference("dossier_papier", "Dossier M-000001"),
        )
    first, _second = supported.adults
    services.consents.record_granted(  # rent, for the CESF only, and from one adult only
        supported.household_id,
        ConsentInput(first, other.id, ("loyer_dette",), "Fiche navette", recipient_role_code="cesf"),
        signed_on=date(2026, 6, 1),
        filing=FilingReference("dossier_papier", "Dossier M-000001"),
    )
    dialog = _dialog(qtbot, services, supported.household_id)
    _tick(dialog, "loyer_dette")
    agreed, missing = _tr("✓ agreed by every adult"), _tr("✗ consent missing")
    assert all(_entry(dialog, code).endswith(agreed) for code in ALL_CATEGORIES)
    assert dialog.missing_label.text() == _tr("✓ Every adult agreed to share the ticked categories.")

    dialog.landlord_combo.setCurrentIndex(dialog.landlord_combo.findData(other.id))
    assert dialog.contact_combo.currentData() == cesf.id
    assert _entry(dialog, "identite").endswith(agreed)
    assert _entry(dialog, "situation_logement").endswith(agreed)
    assert _entry(dialog, "loyer_dette").endswith(missing)
    assert _entry(dialog, "alertes").endswith(missing)
    assert dialog.category_list.checked_keys() == ["identite", "loyer_dette"]  # the ticks stay as chosen
    line = dialog.missing_label.text()
    assert "Karim BENALI — « Loyer, dette et plan d'apurement » : aucun consentement" in line
    assert "Hélène ÇELIK" not in line
    assert [item.person_name for item in dialog.missing()] == ["Karim BENALI"]

    dialog.contact_combo.setCurrentIndex(dialog.contact_combo.findData(None))  # no named contact
    line = dialog.missing_label.text()
    assert "Hélène ÇELIK — « Loyer, dette et plan d'apurement » : l'accord est limité au rôle" in line

    _tick(dialog, "loyer_dette", checked=False)
    assert dialog.missing_label.text() == _tr("✓ Every adult agreed to share the ticked categories.")
    dialog.landlord_combo.setCurrentIndex(dialog.landlord_combo.findData(supported.landlord.id))
    assert _entry(dialog, "loyer_dette").endswith(agreed)


def test_identity_is_always_included_and_cannot_be_unticked(qtbot, services: Services, supported: Supported):
    dialog = _dialog(qtbot, services, supported.household_id)
    identity = dialog.category_list.item(dialog.category_list.keys().index("identite"))
    assert identity.text().startswith(_tr("{category} (always included)").format(category="Identité"))
    assert not identity.flags() & Qt.ItemFlag.ItemIsUserCheckable
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.category_list)  # focus lands on the choices
    dialog.category_list.setCurrentItem(identity)
    qtbot.keyClick(dialog.category_list, Qt.Key.Key_Space)
    rect = dialog.category_list.visualItemRect(identity)
    qtbot.mouseClick(dialog.category_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert identity.checkState() == Qt.CheckState.Checked
    assert dialog.category_list.checked_keys() == ["identite"]
    # The others do toggle from the keyboard.
    dialog.category_list.setCurrentRow(1)
    qtbot.keyClick(dialog.category_list, Qt.Key.Key_Space)
    assert dialog.category_list.checked_keys() == ["identite", "situation_logement"]


def _focus_target(widget: QWidget) -> QWidget:
    while widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def test_every_choice_has_a_keyboard_accelerator(qtbot, services: Services, supported: Supported):
    dialog = _dialog(qtbot, services, supported.household_id)
    # (Label mnemonics do not fire under the offscreen platform: check that each one leads to its field.)
    reached = {
        _focus_target(label.buddy()): label.text()
        for label in dialog.findChildren(QLabel)
        if "&" in label.text() and label.buddy() is not None
    }
    for widget in (
        dialog.landlord_combo,
        dialog.contact_combo,
        dialog.category_list,
        dialog.message_edit,
        dialog.channel_combo,
    ):
        assert widget in reached, widget.objectName()
    mnemonics = [text[text.index("&") + 1].lower() for text in reached.values()]
    mnemonics += [
        button.text()[button.text().index("&") + 1].lower() for button in (dialog.siao_box, dialog.preview_button)
    ]
    assert len(set(mnemonics)) == len(mnemonics) == 7
    assert dialog.preview_button.isDefault()
    assert dialog.message_edit.tabChangesFocus()


def test_enter_in_the_choices_opens_the_preview(qtbot, services: Services, supported: Supported):
    grant_all(services, supported)
    dialog = _dialog(qtbot, services, supported.household_id)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.category_list)
    opened: list[str] = []

    def close(preview: QWidget) -> None:
        opened.append(type(preview).__name__)
        preview.close()

    drive_modal(qtbot, lambda: qtbot.keyClick(dialog.category_list, Qt.Key.Key_Return), close)
    assert opened == ["PdfPreviewDialog"]
    assert dialog.isVisible()  # closed without printing or saving: nothing sent, the dialog stays
    assert services.liaison_sheets.disclosures_for(supported.household_id) == []


def test_a_too_long_message_is_refused_under_the_field(
    qtbot, services: Services, supported: Supported, message_boxes: MessageLog
):
    grant_all(services, supported)
    dialog = _dialog(qtbot, services, supported.household_id)
    dialog.message_edit.setPlainText("Visite. " * 300)
    dialog.preview_button.click()
    assert "Message" in dialog.errors.message_for("message")
    assert not _preview_dialogs(dialog)
    assert message_boxes.shown == []


def test_a_household_with_no_landlord_is_told_so_and_cannot_preview(qtbot, services: Services):
    household = new_household(services)
    dialog = _dialog(qtbot, services, household.id)
    assert dialog.no_landlord_label.isVisible()
    assert dialog.no_landlord_label.text().startswith("Ce ménage n'a encore affaire à aucun bailleur")
    assert not dialog.preview_button.isEnabled()
    assert not dialog.category_list.isEnabled()
    assert dialog.request() is None


def test_the_disclosure_table_shows_the_log(services: Services, supported: Supported):
    grant_all(services, supported)
    grant_siao(services, supported)
    sheet = services.liaison_sheets.prepare(
        supported.household_id,
        LiaisonSheetRequest(
            supported.landlord.id, ("loyer_dette",), recipient_contact_id=supported.contact_id, copy_siao=True
        ),
    )
    services.liaison_sheets.record_sent(sheet, channel="remise")
    model = DisclosureTableModel()
    model.set_records(services.liaison_sheets.disclosures_for(supported.household_id))
    assert model.rowCount() == 1
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    assert headers == [
        _tr(name, "DisclosureTableModel")
        for name in ("When", "Document", "Recipient", "Categories", "Channel", "SIAO copy", "By")
    ]
    row = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert row == [
        "15/06/2026 12:00",  # 10:00 UTC, in Paris
        f"Fiche navette ({sheet.reference})",
        "Habitat 35 — Sophie MOREL",
        "Identité, Loyer, dette et plan d'apurement",
        "Remise en main propre",
        "✓",
        "Claire MARTIN",
    ]


def test_the_household_summary_opens_in_the_preview_and_is_no_disclosure(
    qtbot, services: Services, supported: Supported
):
    seen: dict[str, object] = {}

    def look(preview: QWidget) -> None:
        assert isinstance(preview, PdfPreviewDialog)
        seen["pages"] = preview.page_count()
        seen["title"] = preview.windowTitle()
        seen["notice"] = preview.notice_label.isVisibleTo(preview)
        preview.close()

    drive_modal(qtbot, lambda: show_household_summary(services.liaison_sheets, supported.household_id, None), look)
    assert seen == {
        "pages": 1,
        "title": _tr("Summary for the household", "HouseholdSummary"),
        "notice": True,
    }
    assert services.liaison_sheets.disclosures_for(supported.household_id) == []


def test_the_household_summary_of_a_missing_household_is_a_message(
    qtbot, services: Services, message_boxes: MessageLog
):
    show_household_summary(services.liaison_sheets, 999_999, None)
    assert message_boxes.texts("warning") == ["Ce ménage n'existe plus."]
