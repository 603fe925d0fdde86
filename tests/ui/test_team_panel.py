"""The team panel, driven as a user would: three organisations, a coordinator who leaves, caseloads."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QLabel, QPushButton, QTableView

from caseworker.services import Services
from caseworker.services.directory import OrganisationInput, PartnerContactInput, StaffInput
from caseworker.services.support import TeamMemberInput
from caseworker.ui.households.team_panel import AddTeamMemberDialog, EndMembershipDialog, TeamPanel
from tests.services.builders import TODAY, new_household
from tests.services.support.test_team import start_support
from tests.ui.conftest import MessageLog, drive_modal
from tests.ui.deps import team_deps


def _save(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def _staff(services: Services, organisation: str, first: str, last: str, role: str, kind: str = "association") -> int:
    organisation_id = services.directory.create_organisation(OrganisationInput(name=organisation, kind_code=kind)).id
    return services.directory.create_staff(StaffInput(first, last, role, organisation_id)).id


def _panel(qtbot, services: Services, household_id: int) -> TeamPanel:
    panel = TeamPanel(team_deps(services))
    qtbot.addWidget(panel)
    panel.show()
    panel.set_household(household_id)
    return panel


def _add(qtbot, panel: TeamPanel, start: date, **person: int) -> None:
    def fill(dialog) -> None:
        assert isinstance(dialog, AddTeamMemberDialog)
        assert dialog.choose(**person)
        dialog.start_field.set_date(start)
        _save(dialog)

    drive_modal(qtbot, panel.findChild(QPushButton, "addTeamMemberButton").click, fill)


def test_a_team_of_three_organisations_and_a_coordinator_who_leaves(
    qtbot, services: Services, message_boxes: MessageLog
) -> None:
    household = new_household(services)
    claire = services.context.actor.staff_member_id
    peer = _staff(services, "Association Pair à Pair", "Karim", "Benali", "travailleur_pair")
    nurse = _staff(services, "CMP Rennes Nord", "Inès", "Roux", "infirmier", kind="sante")
    panel = _panel(qtbot, services, household.id)
    changes: list[None] = []
    panel.changed.connect(lambda: changes.append(None))
    table = panel.findChild(QTableView, "teamTable")
    assert table.model().rowCount() == 0
    assert not panel.findChild(QPushButton, "endMembershipButton").isEnabled()

    _add(qtbot, panel, date(2026, 1, 5), staff_member_id=claire)
    _add(qtbot, panel, date(2026, 2, 1), staff_member_id=peer)
    _add(qtbot, panel, date(2026, 2, 1), staff_member_id=nurse)
    assert len(changes) == 3
    assert table.model().rowCount() == 3
    organisations = [panel.model.record(row).organisation_name for row in range(3)]
    assert organisations == ["Association Le Toit", "Association Pair à Pair", "CMP Rennes Nord"]
    coordinator = services.team.current_coordinator(household.id)
    assert coordinator is not None and coordinator.staff_member_id == claire
    assert {m.role_code for m in services.team.team(household.id)} == {
        "referent_social",
        "travailleur_pair",
        "referent_sante",
    }
    # A peer worker cannot be made coordinator: the button says so by being disabled.
    assert panel.select_member(next(m.id for m in services.team.team(household.id) if m.staff_member_id == peer))
    assert not panel.findChild(QPushButton, "makeCoordinatorButton").isEnabled()

    # A second social worker joins; the coordinator leaves and must name a successor.
    lucie = services.directory.create_staff(
        StaffInput("Lucie", "Garnier", "travailleur_social", services.directory.get_staff(claire).organisation_id)
    ).id
    _add(qtbot, panel, date(2026, 3, 1), staff_member_id=lucie)
    assert panel.select_member(coordinator.id)
    end_button = panel.findChild(QPushButton, "endMembershipButton")
    assert end_button.isEnabled()

    def leave(dialog) -> None:
        assert isinstance(dialog, EndMembershipDialog)
        combo = dialog.findChild(QComboBox, "successorCombo")
        assert combo.isVisibleTo(dialog)
        assert combo.count() == 2  # "choose…" and the one member who may coordinate
        dialog.end_field.set_date(date(2026, 5, 31))
        dialog.reason_edit.setText("Mutation")
        _save(dialog)
        assert dialog.isVisible()  # refused: a successor is required, nothing typed is lost
        assert dialog.errors.message_for("successor_id")
        assert dialog.reason_edit.text() == "Mutation"
        assert message_boxes.texts("question") == []  # nothing asked of a form that cannot be saved
        lucie_membership = next(m.id for m in services.team.team(household.id) if m.staff_member_id == lucie)
        assert dialog.choose_successor(lucie_membership)
        message_boxes.answer = message_boxes.answer.No  # Claire is told she will no longer see the household…
        _save(dialog)
        [asked] = message_boxes.texts("question")
        assert "31/05/2026" in asked and "n'apparaîtra plus dans vos listes" in asked
        assert dialog.isVisible() and dialog.reason_edit.text() == "Mutation"  # …says no: nothing saved or lost
        message_boxes.answer = message_boxes.answer.Yes
        _save(dialog)

    drive_modal(qtbot, end_button.click, leave)
    assert panel.model.rowCount() == 0  # her last day is past: the household left her sight
    services.context.actor.staff_member_id = lucie  # the new coordinator reads on
    panel.refresh()
    now = services.team.current_coordinator(household.id)
    assert now is not None and (now.staff_member_id, now.start_date) == (lucie, date(2026, 6, 1))
    shown = [panel.model.record(row) for row in range(table.model().rowCount())]
    assert [m.staff_member_id for m in shown] == [lucie, peer, nurse]
    assert shown[0].is_coordinator
    assert "1" in panel.findChild(QLabel, "coordinatorChangesLabel").text()

    past = panel.findChild(QCheckBox, "showPastMembersCheck")
    past.setChecked(True)
    assert table.model().rowCount() == 5  # plus Claire, and Lucie before she coordinated
    past.setChecked(False)
    assert table.model().rowCount() == 3


def test_the_add_dialog_keeps_what_was_typed_when_the_service_refuses(qtbot, services: Services) -> None:
    household = new_household(services)
    partner = services.directory.create_organisation(OrganisationInput(name="Habitat 35", kind_code="bailleur_social"))
    contact = services.directory.create_partner_contact(
        PartnerContactInput(organisation_id=partner.id, first_name="Anne", last_name="Petit", role_code="cesf")
    )
    dialog = AddTeamMemberDialog(team_deps(services), household.id)
    qtbot.addWidget(dialog)
    _save(dialog)
    assert dialog.errors.message_for("member")  # nobody chosen
    assert dialog.choose(partner_contact_id=contact.id)
    assert not dialog.findChild(QCheckBox, "coordinatorCheck").isEnabled()
    assert dialog.role_combo.code() == "referent_logement"
    dialog.start_field.set_date(date(2030, 1, 1))
    _save(dialog)
    assert "futur" in dialog.errors.message_for("start_date")
    assert dialog.saved is None and services.team.team(household.id) == []
    dialog.start_field.set_date(TODAY)
    _save(dialog)
    assert dialog.saved is not None and dialog.saved.partner_contact_id == contact.id


def test_caseloads_are_shown_and_highlighted_over_target(qtbot, services: Services) -> None:
    claire = services.context.actor.staff_member_id
    assert claire is not None
    households = [new_household(services, "Ménage", f"N{number:02d}").id for number in range(11)]
    for household_id in households:
        services.team.add_member(
            household_id, TeamMemberInput("referent_social", date(2026, 1, 5), staff_member_id=claire)
        )
        start_support(services, household_id)  # "Un chez-soi d'abord": 1 referent for 10 households
    panel = _panel(qtbot, services, households[0])
    label = panel.findChild(QLabel, f"caseload_{claire}")
    assert label is not None
    assert label.property("overTarget") is True
    assert "11" in label.text() and "110" in label.text()
    panel.set_household(None)
    assert panel.findChild(QLabel, f"caseload_{claire}") is None or not panel.caseload_labels
    assert not panel.findChild(QPushButton, "addTeamMemberButton").isEnabled()


def test_the_panel_is_keyboard_operable(qtbot, services: Services) -> None:
    household = new_household(services)
    claire = services.context.actor.staff_member_id
    assert claire is not None
    lucie = services.directory.create_staff(
        StaffInput("Lucie", "Garnier", "travailleur_social", services.directory.get_staff(claire).organisation_id)
    ).id
    for staff_id in (claire, lucie):
        services.team.add_member(
            household.id, TeamMemberInput("referent_social", date(2026, 1, 5), staff_member_id=staff_id)
        )
    panel = _panel(qtbot, services, household.id)
    table = panel.findChild(QTableView, "teamTable")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert panel.selected_member() is not None
    assert panel.selected_member().staff_member_id == lucie

    def confirm(dialog) -> None:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    drive_modal(qtbot, panel.findChild(QPushButton, "makeCoordinatorButton").click, confirm)
    coordinator = services.team.current_coordinator(household.id)
    assert coordinator is not None and coordinator.staff_member_id == lucie


def test_the_first_colleague_added_to_a_file_one_opened_is_asked_about_first(
    qtbot, services: Services, message_boxes: MessageLog
) -> None:
    household = new_household(services)  # Claire opened the file and is not on its team
    paul = _staff(services, "Association Le Toit", "Paul", "Roux", "travailleur_social")
    dialog = AddTeamMemberDialog(team_deps(services), household.id)
    qtbot.addWidget(dialog)
    assert dialog.choose(staff_member_id=paul)
    message_boxes.answer = message_boxes.answer.No
    _save(dialog)
    [asked] = message_boxes.texts("question")
    assert "Paul ROUX" in asked and "ajoutez-vous d'abord à l'équipe" in asked
    assert dialog.saved is None and dialog.candidate() is not None and dialog.candidate().staff_member_id == paul
    assert services.team.team(household.id) == []  # nothing saved
    message_boxes.answer = message_boxes.answer.Yes
    _save(dialog)
    assert dialog.saved is not None
    assert household.id not in {summary.id for summary in services.households.list_summaries()}


def test_leaving_ones_own_team_closes_the_file_and_a_colleagues_change_says_why(
    qtbot, services: Services, message_boxes: MessageLog
) -> None:
    from caseworker.ui.common.live_updates import LiveChanges
    from caseworker.ui.households.households_section import HouseholdsSection
    from tests.ui.deps import household_file_deps

    claire = services.context.actor.staff_member_id
    paul = _staff(services, "Association Le Toit", "Paul", "Roux", "travailleur_social")
    first, second = new_household(services, "Awa", "Diallo"), new_household(services, "Hélène", "Çelik")
    memberships = {}
    for household in (first, second):
        for person in (claire, paul):
            since = TODAY - timedelta(days=30)
            added = services.team.add_member(
                household.id, TeamMemberInput("referent_social", since, staff_member_id=person)
            )
            memberships[household.id, person] = added.id
    section = HouseholdsSection(household_file_deps(services))
    qtbot.addWidget(section)
    section.show()
    section.list_panel.reload()
    assert section.list_panel.model.rowCount() == 2
    # Claire records her own departure from the first household's team, from its Team tab.
    section.open_household(first.id)
    file_panel = section.file_panel
    file_panel.show_tab(file_panel.team_panel)
    assert file_panel.team_panel.select_member(memberships[first.id, claire])

    def leave(dialog) -> None:
        dialog.end_field.set_date(TODAY - timedelta(days=1))
        assert dialog.choose_successor(memberships[first.id, paul])  # she coordinated: Paul takes over
        _save(dialog)

    drive_modal(qtbot, file_panel.team_panel.findChild(QPushButton, "endMembershipButton").click, leave)
    assert len(message_boxes.texts("question")) == 1  # asked, and agreed
    assert section.currentWidget() is section.list_panel and file_panel.household is None
    assert section.list_panel.model.rowCount() == 1
    assert message_boxes.texts("information") == []  # she chose it: nothing more to say
    # Paul, on his laptop, ends her membership on the second household while its file is open here.
    section.open_household(second.id)
    services.context.actor.staff_member_id = paul
    services.team.end_membership(
        memberships[second.id, claire], end_date=TODAY - timedelta(days=1), successor_id=memberships[second.id, paul]
    )
    services.context.actor.staff_member_id = claire
    section.show_changes(LiveChanges(frozenset({"team_membership"}), frozenset({second.id})))
    assert section.currentWidget() is section.list_panel and file_panel.household is None
    assert section.list_panel.model.rowCount() == 0
    [told] = message_boxes.texts("information")
    assert "vous ne suivez plus ce ménage" in told
