"""The contracts story of the issue, in the real window, in French.

A caseworker drafts a contrat d'objectifs for a demo household, prints it, records the three parties'
signatures and attaches the scan, then amends one objective at the six-month review (version 2, version 1
still viewable), and produces a fiche navette for the landlord — refused until the household's consent is
recorded.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog, QLineEdit

from caseworker.app import Application
from caseworker.demo.generator import generate_demo
from caseworker.domain import ContractStatus
from caseworker.services.contracts import ObjectiveLine
from caseworker.storage.secret_store import KeyringSecretStore
from tests.support import pdf_text
from tests.ui.conftest import MessageLog, drive_modal, drive_modals

REVIEW_DAY = date(2026, 12, 15)
NEW_OBJECTIVE = "Payer le loyer et 50 € de dette chaque mois"


def _save(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def _demo_household(services) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """A demo household housed by a landlord, with support under way and no consent for that landlord yet.

    Returns its id and its reference (typed in the search box: demo names hold letters QTest cannot type).
    """
    for summary in services.households.list_summaries():
        options = services.liaison_sheets.options(summary.id)
        current = [landlord for landlord in options.landlords if landlord.is_current]
        running = [episode for episode in services.episodes.episodes_for(summary.id) if episode.is_running]
        if not (current and running and current[0].contacts):
            continue
        consents = [c for c in services.consents.for_household(summary.id) if c.recipient_id == current[0].id]
        if not consents:
            return summary.id, summary.reference
    raise AssertionError("the demo has no suitable household")


def test_contract_story_in_the_real_window(
    qtbot, services, data_paths, database, clock, message_boxes: MessageLog, tmp_path: Path, monkeypatch
) -> None:
    generate_demo(
        database.engine, households=40, today=clock.today(), actor_staff_id=services.context.actor.staff_member_id
    )
    household_id, reference = _demo_household(services)
    database.dispose()
    application = Application(data_paths, KeyringSecretStore(), clock=clock)
    assert application.start(), message_boxes.shown
    window = application.window
    qtbot.addWidget(window)
    window.show()
    section = window.households
    qtbot.keyClicks(section.list_panel.search_edit, reference)  # a household is found by its number too
    qtbot.keyClick(section.list_panel.table, Qt.Key.Key_Return)
    panel = section.file_panel
    assert panel.household is not None and panel.household.id == household_id
    panel.show_tab(panel.contracts_panel)
    contracts = panel.contracts_panel
    detail = contracts.detail

    # Draft a contrat d'objectifs: the new-contract dialog, then the editor it opens.
    def choose_kind(dialog: QDialog) -> None:
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("contrat_objectifs"))  # type: ignore[attr-defined]
        _save(dialog)

    def write(editor: QDialog) -> None:
        body = next(body for clause, _t, body in editor.clause_edits if clause.code == "projet")  # type: ignore[attr-defined]
        body.setPlainText("Se maintenir dans ce logement et en devenir locataire en titre.")
        editor._add_objective(ObjectiveLine("Payer mon loyer chaque mois", theme_code="droits_devoirs_locataire"))  # type: ignore[attr-defined]
        _save(editor)

    drive_modals(qtbot, contracts.new_button.click, choose_kind, write)
    contract = detail.contract
    assert contract is not None and contract.latest.status is ContractStatus.BROUILLON
    detail.send_button.click()
    assert detail.contract.latest.status is ContractStatus.EN_SIGNATURE, message_boxes.texts()

    # Print it (to a PDF file standing for the printer: the same path as a real print).
    printed = tmp_path / "imprimé.pdf"

    def print_it(preview: QDialog) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        assert preview.print_to(printer)  # type: ignore[attr-defined]
        preview.accept()

    drive_modal(qtbot, detail.preview_button.click, print_it, timeout=20_000)
    assert printed.stat().st_size > 0

    # The three parties sign (every adult for the household), then the scan goes inside the database.
    while detail.sign_button.isEnabled():

        def sign(dialog: QDialog) -> None:
            dialog.place_edit.setText("Rennes")  # type: ignore[attr-defined]
            _save(dialog)

        drive_modal(qtbot, detail.sign_button.click, sign)
    v1 = detail.contract.latest
    assert (v1.status, {s.party.value for s in v1.signatories}) == (
        ContractStatus.EN_VIGUEUR,
        {"bailleur", "association", "menage"},
    )
    scan = tmp_path / "contrat-signé.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the signed copy")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(scan), "")))
    detail.attach_button.click()
    assert detail.contract.latest.scan is not None

    # Six months later, at the review: an amendment changes one objective.
    clock.today_value = REVIEW_DAY

    def why(dialog: QDialog) -> None:
        dialog.note_edit.setPlainText("Objectif revu au bilan des six mois")  # type: ignore[attr-defined]
        _save(dialog)

    def amend_objective(editor: QDialog) -> None:
        row, _id = editor.objectives.rows()[-1]  # type: ignore[attr-defined]
        row.findChildren(QLineEdit)[0].setText(NEW_OBJECTIVE)
        _save(editor)

    drive_modals(qtbot, detail.amend_button.click, why, amend_objective)
    detail.send_button.click()
    while detail.sign_button.isEnabled():
        drive_modal(qtbot, detail.sign_button.click, _save)
    versions = {version.number: version for version in detail.contract.versions}
    assert (versions[1].status, versions[2].status) == (ContractStatus.REMPLACE, ContractStatus.EN_VIGUEUR)

    # Version 1 is still viewable: select it and look at its document.
    detail.versions_table.selectRow(0)
    seen: list[str] = []

    def read(preview: QDialog) -> None:
        seen.append(preview.windowTitle())
        preview.accept()

    drive_modal(qtbot, detail.preview_button.click, read)
    v1_text = pdf_text(application.services.contracts.version_pdf(versions[1].id).content)
    assert "Version 1 du 15 juin 2026" in v1_text and "Payer mon loyer chaque mois" in v1_text
    v2_text = pdf_text(application.services.contracts.version_pdf(versions[2].id).content)
    assert "Version 2 du 15 décembre 2026" in v2_text and NEW_OBJECTIVE in v2_text

    # The fiche navette is refused until the household's consent is recorded.
    def try_sheet(dialog: QDialog) -> None:
        dialog.preview_button.click()  # type: ignore[attr-defined]
        assert any("il manque un consentement" in text for text in message_boxes.texts())
        assert dialog.isVisible()
        dialog.reject()

    drive_modal(qtbot, contracts.liaison_button.click, try_sheet)
    assert application.services.liaison_sheets.disclosures_for(household_id)[0].document_kind == "contrat_objectifs"

    panel.show_tab(panel.consent_tab)
    adults = panel.household.members  # type: ignore[union-attr]
    count = sum(1 for member in adults if member.is_adult(clock.today()))
    for index in range(count):

        def consent(dialog: QDialog, index: int = index) -> None:
            dialog.person_combo.setCurrentIndex(index)  # type: ignore[attr-defined]
            for box in dialog.category_boxes.values():  # type: ignore[attr-defined]
                box.setChecked(True)
            dialog.evidence.place_combo.set_code("dossier_papier")  # type: ignore[attr-defined]
            dialog.evidence.reference_edit.setText("Dossier du ménage, chemise « Consentements »")  # type: ignore[attr-defined]
            _save(dialog)

        drive_modal(qtbot, panel.new_consent_button.click, consent)

    panel.show_tab(panel.contracts_panel)
    sheet = tmp_path / "fiche-navette.pdf"

    def open_preview(dialog: QDialog) -> None:
        assert not dialog.missing()  # type: ignore[attr-defined]
        QTimer.singleShot(0, dialog.preview_button.click)  # type: ignore[attr-defined]  # opens the preview (modal)

    def save_sheet(preview: QDialog) -> None:
        assert preview.save_to(str(sheet))  # type: ignore[attr-defined]
        preview.accept()

    drive_modals(qtbot, contracts.liaison_button.click, open_preview, save_sheet, timeout=10_000)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    [latest, *_older] = application.services.liaison_sheets.disclosures_for(household_id)
    assert (latest.document_kind, latest.channel) == ("fiche_navette", "fichier")
    assert contracts.disclosures_model.rowCount() >= 2
    text = pdf_text(sheet.read_bytes())
    assert "Fiche navette" in text and "Accord du ménage" in text

    window.close()
    application.shutdown()
