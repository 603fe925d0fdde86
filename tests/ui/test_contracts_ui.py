"""The contract editor and the contract panel, driven as a caseworker would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QLineEdit

from caseworker.domain import ContractStatus
from caseworker.services import Services
from caseworker.services.contracts import DraftRequest
from caseworker.services.directory import OrganisationView
from caseworker.ui.common.choice_combo import ChoiceCombo
from caseworker.ui.contracts.contract_detail_panel import ContractDetailPanel
from caseworker.ui.contracts.contract_dialogs import NewContractDialog
from caseworker.ui.contracts.contract_editor import ContractEditorDialog
from tests.services.contract_builders import HEALTH_OBJECTIVE, HOUSING_OBJECTIVE, Supported, supported_household
from tests.support import pdf_text
from tests.ui.conftest import MessageLog, drive_modal, drive_modals
from tests.ui.deps import contracts_deps


@pytest.fixture
def supported(services: Services, landlord: OrganisationView) -> Supported:
    return supported_household(services, landlord)


@pytest.fixture
def panel(qtbot, services: Services) -> ContractDetailPanel:
    widget = ContractDetailPanel(contracts_deps(services))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def _save(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def _clause_body(dialog: ContractEditorDialog, code: str):  # type: ignore[no-untyped-def]
    return next(body for clause, _title, body in dialog.clause_edits if clause.code == code)


def test_the_editor_offers_housing_themes_only_and_keeps_what_was_typed(
    qtbot, services: Services, supported: Supported
) -> None:
    contract = services.contracts.draft(DraftRequest("contrat_objectifs", supported.household_id))
    dialog = ContractEditorDialog(contracts_deps(services), contract, contract.latest)
    qtbot.addWidget(dialog)
    dialog.show()
    [(row, _id)] = dialog.objectives.rows()
    text, theme = row.findChildren(QLineEdit)[0], row.findChildren(ChoiceCombo)[0]
    assert text.text() == HOUSING_OBJECTIVE
    assert theme.findData("sante") < 0 and theme.findData("recherche_logement") >= 0
    assert HEALTH_OBJECTIVE[:25] in dialog.findChild(QLabel, "excludedObjectives").text()
    # A bad date is refused before the service is asked, and nothing typed is lost.
    dialog.end_field.line_edit.setText("31/02/2027")
    _clause_body(dialog, "projet").setPlainText("Rester dans le logement")
    _save(dialog)
    assert dialog.isVisible()
    assert dialog.end_field.line_edit.text() == "31/02/2027"
    assert dialog.errors.message_for("ends_on")
    dialog.end_field.line_edit.setText("30/06/2027")
    text.setText("Payer mon loyer et entretenir le logement")
    _save(dialog)
    assert not dialog.isVisible() and dialog.saved is not None
    version = services.contracts.contract(contract.id).latest
    assert version.ends_on == date(2027, 6, 30)
    assert [o.text for o in version.objectives] == ["Payer mon loyer et entretenir le logement"]
    assert next(c for c in version.clauses if c.code == "projet").body == "Rester dans le logement"


def test_a_refused_save_shows_the_reason_on_its_tab(qtbot, services: Services, supported: Supported) -> None:
    contract = services.contracts.draft(DraftRequest("contrat_objectifs", supported.household_id))
    dialog = ContractEditorDialog(contracts_deps(services), contract, contract.latest)
    qtbot.addWidget(dialog)
    dialog.show()
    _clause_body(dialog, "objet").setPlainText("Avec {proprietaire}")
    _save(dialog)
    assert dialog.isVisible()
    assert "{proprietaire}" in dialog.errors.message_for("clauses")
    assert _clause_body(dialog, "objet").toPlainText() == "Avec {proprietaire}"


def test_a_convention_cadre_names_the_territory_whose_holidays_count_its_deadlines(
    qtbot, services: Services, landlord: OrganisationView
) -> None:
    contract = services.contracts.draft(DraftRequest("convention_cadre", landlord_id=landlord.id))
    dialog = ContractEditorDialog(contracts_deps(services), contract, contract.latest)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.territory_combo
    assert combo.currentText() == "(territoire de l'association)"
    labels = [combo.itemText(index) for index in range(combo.count())]
    assert {"France métropolitaine", "Moselle", "Guadeloupe", "La Réunion"} <= set(labels)
    combo.set_code("57")
    _save(dialog)
    assert not dialog.isVisible()
    latest = services.contracts.contract(contract.id).latest
    assert (latest.territory, latest.territory_label) == ("57", "Moselle")


def test_new_contract_dialog_then_the_whole_lifecycle_in_the_panel(
    qtbot,
    services: Services,
    supported: Supported,
    panel: ContractDetailPanel,
    message_boxes: MessageLog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = NewContractDialog(contracts_deps(services), supported.household_id)
    qtbot.addWidget(dialog)
    assert dialog.kind_combo.findData("convention_cadre") < 0  # not a household document
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("contrat_objectifs"))
    _save(dialog)
    assert dialog.created is not None
    panel.set_contract(dialog.created.id)
    assert panel.edit_button.isEnabled() and not panel.sign_button.isEnabled()

    # Sending an incomplete draft says what is missing.
    panel.send_button.click()
    assert any("Projet résidentiel" in text for text in message_boxes.texts())

    def write_project(editor: QDialog) -> None:
        _clause_body(editor, "projet").setPlainText("Devenir locataire en titre de ce logement.")  # type: ignore[arg-type]
        _save(editor)

    drive_modal(qtbot, panel.edit_button.click, write_project)
    panel.send_button.click()
    assert panel.contract is not None and panel.contract.latest.status is ContractStatus.EN_SIGNATURE

    # The preview shows the frozen copy; saving it is recorded (a disclosure to the landlord).
    target = tmp_path / "contrat.pdf"

    def save_copy(preview: QDialog) -> None:
        assert preview.page_count() >= 2  # type: ignore[attr-defined]
        assert preview.save_to(str(target))  # type: ignore[attr-defined]
        preview.accept()

    drive_modal(qtbot, panel.preview_button.click, save_copy)
    assert "Devenir locataire en titre" in pdf_text(target.read_bytes())
    assert [d.document_kind for d in services.liaison_sheets.disclosures_for(supported.household_id)] == [
        "contrat_objectifs"
    ]

    # Every signature, one after the other (the first unsigned signatory is proposed).
    while panel.sign_button.isEnabled():

        def sign(signature: QDialog) -> None:
            signature.place_edit.setText("Rennes")  # type: ignore[attr-defined]
            _save(signature)

        drive_modal(qtbot, panel.sign_button.click, sign)
    assert panel.contract.status is ContractStatus.EN_VIGUEUR
    assert panel.signatories_model.rowCount() == 4

    # The scanned signed copy goes inside the database.
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 signed scan")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(scan), "")))
    panel.attach_button.click()
    assert panel.contract.latest.scan is not None
    saved_scan = tmp_path / "copie.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(saved_scan), "")))
    panel.save_scan_button.click()
    assert saved_scan.read_bytes() == scan.read_bytes()

    # An amendment: the editor opens on version 2; version 1 stays selectable and viewable.
    def note(amend: QDialog) -> None:
        amend.note_edit.setPlainText("Objectif revu au bilan des six mois")  # type: ignore[attr-defined]
        _save(amend)

    def change_objective(editor: QDialog) -> None:
        [(row, _id)] = editor.objectives.rows()  # type: ignore[attr-defined]
        row.findChildren(QLineEdit)[0].setText("Payer le loyer et 50 € de dette chaque mois")
        _save(editor)

    drive_modals(qtbot, panel.amend_button.click, note, change_objective)
    assert [v.number for v in panel.contract.versions] == [1, 2]
    assert panel.contract.in_force is not None and panel.contract.in_force.number == 1
    assert panel.contract.latest.objectives[0].text == "Payer le loyer et 50 € de dette chaque mois"
    assert not panel.amend_button.isEnabled()  # one amendment at a time
    panel.versions_table.selectRow(0)
    assert panel.selected_version().number == 1  # type: ignore[union-attr]
    assert not panel.edit_button.isEnabled()  # a signed version is not edited
