"""The household file panel: its buttons, and what they say when a rule greys them out."""

from __future__ import annotations

from datetime import date, datetime, timezone

from caseworker.services import Services
from caseworker.services.contracts import DraftRequest
from caseworker.services.directory import OrganisationView
from caseworker.services.households import HouseholdInput
from caseworker.services.sharing import ConsentInput
from caseworker.services.support import ContactInput
from caseworker.ui.households.household_file_panel import HouseholdFilePanel
from tests.services.builders import new_household, reference_member
from tests.services.prevention.test_prevention import tenant
from tests.ui.conftest import unexplained_disabled_buttons
from tests.ui.deps import household_file_deps


def test_greyed_out_buttons_of_the_file_say_why(qtbot, services: Services, landlord: OrganisationView) -> None:
    household = new_household(services)
    person = reference_member(services, household.id)
    services.consents.request(
        household.id,
        ConsentInput(person.person_id, landlord.id, ("situation_logement",), "Fiche navette"),
        requested_on=date(2026, 6, 1),
    )
    panel = HouseholdFilePanel(household_file_deps(services))
    qtbot.addWidget(panel)
    panel.open_household(household.id)
    assert not panel.correct_dates_button.isEnabled() and panel.correct_dates_button.toolTip()
    assert not panel.grant_button.isEnabled() and panel.grant_button.toolTip()  # nothing selected yet
    assert unexplained_disabled_buttons(panel.consent_tab) == unexplained_disabled_buttons(panel.housing_tab) == []
    panel.consent_table.selectRow(0)
    assert panel.grant_button.isEnabled()
    assert not panel.revoke_button.isEnabled() and "Demandé" in panel.revoke_button.toolTip()
    assert not panel.evidence_button.isEnabled() and panel.evidence_button.toolTip()
    assert unexplained_disabled_buttons(panel.consent_tab) == []


def test_no_greyed_out_button_of_any_tab_goes_unexplained(
    qtbot, services: Services, landlord: OrganisationView
) -> None:
    supported = tenant(services, landlord)
    services.contacts.record_contact(
        supported.household_id,
        ContactInput(datetime(2026, 6, 2, 10, 0, tzinfo=timezone.utc), "visite_domicile", "rencontre"),
    )
    contract = services.contracts.draft(DraftRequest("contrat_objectifs", supported.household_id))
    panel = HouseholdFilePanel(household_file_deps(services))
    qtbot.addWidget(panel)
    panel.open_household(supported.household_id)
    for index in range(panel.tabs.count()):
        panel.show_tab(panel.tabs.widget(index))
    assert unexplained_disabled_buttons(panel) == []
    panel.show_contract(contract.id)
    detail = panel.contracts_panel.detail
    assert not detail.sign_button.isEnabled() and detail.sign_button.toolTip()
    assert unexplained_disabled_buttons(panel) == []
    panel.team_panel.table.selectRow(0)
    assert not panel.team_panel.coordinator_button.isEnabled()  # the coordinator already
    assert unexplained_disabled_buttons(panel) == []


def test_the_subtitle_wraps_between_its_parts_only(qtbot, services: Services) -> None:
    household = new_household(services, details=HouseholdInput(siao_reference="SIAO-35-2023-00412"))
    panel = HouseholdFilePanel(household_file_deps(services))
    qtbot.addWidget(panel)
    panel.open_household(household.id)
    parts = panel.subtitle_label.text().split("  ·  ")
    assert "SIAO\xa0:\xa0SIAO-35-2023-00412" in parts  # never "SIAO :" at the end of one line, its number on the next
    assert all(" " not in part for part in parts)
