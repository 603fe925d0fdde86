"""The consent register in the household file: who is asked, what proves a signature, what is history."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from caseworker.services import Services
from caseworker.services.directory import OrganisationView, StaffInput
from caseworker.services.households import PersonInput
from caseworker.services.sharing import ConsentInput
from caseworker.services.support import TeamMemberInput
from caseworker.ui.households.household_file_panel import HouseholdFilePanel
from tests.services.builders import FILED, new_household, reference_member
from tests.support.row_versions import current_version
from tests.ui.conftest import drive_modal
from tests.ui.deps import household_file_deps


def _save(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def _panel(qtbot, services: Services, household_id: int) -> HouseholdFilePanel:
    panel = HouseholdFilePanel(household_file_deps(services))
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.show()
    panel.open_household(household_id)
    panel.show_tab(panel.consent_tab)
    return panel


def test_a_grown_up_child_is_asked_and_a_verbal_agreement_is_refused(
    qtbot, services: Services, landlord: OrganisationView
) -> None:
    household = new_household(services, "Sonia", "Durand", birth_year=1970, start_date=date(2025, 1, 1))
    for first, year in (("Yanis", 1990), ("Léo", 2016)):
        services.households.add_member(
            household.id,
            PersonInput(first_name=first, birth_year=year),
            role_code="enfant",
            start_date=date(2025, 1, 1),
            expected_version=current_version(services.households, "add_member", household.id),
        )
    panel = _panel(qtbot, services, household.id)

    def oral(dialog: QDialog) -> None:
        names = [dialog.person_combo.itemText(i) for i in range(dialog.person_combo.count())]  # type: ignore[attr-defined]
        assert names == ["DURAND Sonia", "Yanis"]  # the 36-year-old "enfant" consents; the 10-year-old does not
        dialog.person_combo.setCurrentIndex(1)  # type: ignore[attr-defined]
        dialog.category_boxes["identite"].setChecked(True)  # type: ignore[attr-defined]
        dialog.evidence.place_combo.set_code("dossier_papier")  # type: ignore[attr-defined]
        dialog.evidence.reference_edit.setText("Accord oral, formulaire à signer")  # type: ignore[attr-defined]
        _save(dialog)
        error = dialog.findChild(QLabel, "error_evidence")
        assert error.isVisible() and "reste « demandé »" in error.text()
        assert dialog.isVisible()  # nothing typed is lost
        dialog.evidence.reference_edit.setText("Dossier 2026-014")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, panel.new_consent_button.click, oral)
    [consent] = services.consents.for_household(household.id)
    assert (consent.person_name, consent.status_label) == ("Yanis", "Accordé")
    row = [panel.consent_model.data(panel.consent_model.index(0, column)) for column in range(7)]
    assert row[3] == "Accordé"
    assert row[6] == "Dossier papier au bureau — Dossier 2026-014"


def test_a_record_replaced_by_a_newer_decision_is_history_and_cannot_be_withdrawn(
    qtbot, services: Services, landlord: OrganisationView
) -> None:
    household = new_household(services, "Sonia", "Durand", birth_year=1970)
    person = reference_member(services, household.id).person_id
    scope = ConsentInput(person, landlord.id, ("identite",), "Fiche navette")
    older = services.consents.record_granted(household.id, scope, signed_on=date(2026, 1, 10), filing=FILED)
    newer = services.consents.record_granted(household.id, scope, signed_on=date(2026, 6, 1), filing=FILED)
    panel = _panel(qtbot, services, household.id)
    rows = {
        panel.consent_model.record(row).id: panel.consent_model.data(panel.consent_model.index(row, 3))
        for row in range(panel.consent_model.rowCount())
    }
    assert rows == {newer.id: "Accordé", older.id: "Remplacé (historique)"}
    for row in range(panel.consent_model.rowCount()):
        panel.consent_table.selectRow(row)
        assert panel.revoke_button.isEnabled() is (panel.consent_model.record(row).id == newer.id)


def test_a_volunteer_sees_why_the_register_is_empty(qtbot, services: Services, landlord: OrganisationView) -> None:
    household = new_household(services, "Sonia", "Durand", birth_year=1970, start_date=date(2025, 1, 1))
    services.consents.record_granted(
        household.id,
        ConsentInput(reference_member(services, household.id).person_id, landlord.id, ("identite",), "Fiche navette"),
        signed_on=date(2026, 6, 1),
        filing=FILED,
    )
    own = services.setup.own_organisation_id()
    assert own is not None
    volunteer = services.directory.create_staff(StaffInput("Jean", "Blanc", "benevole", own))
    services.team.add_member(household.id, TeamMemberInput("autre", date(2026, 6, 1), staff_member_id=volunteer.id))
    services.context.actor.staff_member_id = volunteer.id  # the volunteer, on the household's team, is the one working
    panel = _panel(qtbot, services, household.id)
    assert panel.consent_model.rowCount() == 0
    assert panel.consent_tab.hidden_label.isVisible()
    assert "bénévoles" in panel.consent_tab.hidden_label.text()
    assert not panel.new_consent_button.isEnabled()


def test_the_team_lead_records_a_legal_basis_that_overrides_a_refusal(
    qtbot, services: Services, landlord: OrganisationView
) -> None:
    household = new_household(services, "Sonia", "Durand", birth_year=1970, start_date=date(2025, 1, 1))
    adult = reference_member(services, household.id).person_id
    services.consents.record_refused(
        household.id, ConsentInput(adult, landlord.id, ("loyer_dette",), "Fiche navette"), refused_on=date(2026, 6, 1)
    )
    panel = _panel(qtbot, services, household.id)
    box = panel.consent_tab.legal_bases
    assert box.isVisible() and not box.new_button.isEnabled()  # Claire is a social worker: the team lead decides
    own = services.setup.own_organisation_id()
    assert own is not None
    lead = services.directory.create_staff(StaffInput("Nadia", "Benali", "chef_service", own))
    services.context.actor.staff_member_id = lead.id
    panel.open_household(household.id)
    assert box.new_button.isEnabled()

    def record(dialog: QDialog) -> None:
        dialog.category_boxes["loyer_dette"].setChecked(True)  # type: ignore[attr-defined]
        _save(dialog)
        assert dialog.isVisible() and "Base légale" in dialog.findChild(QLabel, "error_ground").text()
        dialog.ground_edit.setPlainText("Signalement CCAPEX (art. L. 412-5 CPCE)")  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, box.new_button.click, record)
    [basis] = services.legal_bases.for_household(household.id)
    assert (basis.person_name, basis.recipient_name, basis.decided_by_name) == (
        "Tous les adultes du ménage",
        "Habitat 35",
        "Nadia BENALI",
    )
    assert box.model.rowCount() == 1
    assert box.model.data(box.model.index(0, 5)) == "oui"
