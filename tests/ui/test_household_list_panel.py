"""Ctrl+K from the household list records a contact for the household the person means, and says which."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from caseworker.services import Services
from caseworker.services.households import PersonInput
from caseworker.ui.households.households_section import HouseholdsSection
from tests.services.builders import new_household
from tests.support.row_versions import current_version
from tests.ui.conftest import drive_modal, drive_modals
from tests.ui.deps import household_file_deps


def _section(qtbot, services: Services) -> HouseholdsSection:
    section = HouseholdsSection(household_file_deps(services))
    qtbot.addWidget(section)
    section.show()
    section.list_panel.reload()
    return section


def _household_line(dialog: QDialog) -> QLabel:
    label = dialog.findChild(QLabel, "contactHousehold")
    assert label is not None
    return label


def test_a_search_matching_another_member_says_so_and_the_contact_names_the_household(
    qtbot, services: Services
) -> None:
    amrani = new_household(services, "Djamel", "Amrani")
    services.households.add_member(
        amrani.id,
        PersonInput(first_name="Sofia", last_name="Djebbar"),
        role_code="conjoint",
        start_date=date(2025, 1, 1),
        expected_version=current_version(services.households, "add_member", amrani.id),
    )
    new_household(services, "Nadia", "Djebbar")
    section = _section(qtbot, services)
    panel = section.list_panel
    qtbot.keyClicks(panel.search_edit, "djebbar")
    names = [panel.model.data(panel.model.index(row, panel.model.COLUMN_NAME)) for row in range(2)]
    assert names == ["AMRANI Djamel — membre : DJEBBAR Sofia", "DJEBBAR Nadia"]
    seen: list[tuple[str, str, bool]] = []

    def look(dialog: QDialog) -> None:
        line = _household_line(dialog)
        seen.append((dialog.windowTitle(), line.text(), line.font().bold()))
        dialog.reject()

    drive_modal(qtbot, panel.request_contact, look)
    assert seen == [
        ("Nouveau contact — AMRANI Djamel · M-000001", "AMRANI Djamel · M-000001", True),
    ]
    assert services.contacts.contacts_for(amrani.id) == []


def test_ctrl_k_without_search_nor_selection_asks_which_household(qtbot, services: Services) -> None:
    households = [new_household(services, name, "Durand") for name in ("Anne", "Bruno", "Chloé")]
    services.households.open_file(households[2].id)
    services.households.open_file(households[1].id)
    section = _section(qtbot, services)
    panel = section.list_panel
    qtbot.keyClicks(panel.search_edit, "durand")
    panel.search_edit.clear()  # back to the whole list: nothing is chosen for the person
    assert not panel.table.selectionModel().hasSelection()
    chosen: list[str] = []

    def choose(chooser: QDialog) -> None:
        assert chooser.windowTitle() == "Quel ménage ?"
        model = chooser.model  # type: ignore[attr-defined]
        rows = [model.data(model.index(row, model.COLUMN_NAME)) for row in range(model.rowCount())]
        assert rows == ["DURAND Bruno", "DURAND Chloé", "DURAND Anne"]  # recently opened first
        assert not chooser.table.selectionModel().hasSelection()  # type: ignore[attr-defined]
        qtbot.keyClicks(chooser.search_edit, "chlo")  # type: ignore[attr-defined]
        qtbot.keyClick(chooser.search_edit, Qt.Key.Key_Return)  # type: ignore[attr-defined]

    def contact(dialog: QDialog) -> None:
        chosen.append(_household_line(dialog).text())
        dialog.reject()

    drive_modals(qtbot, panel.request_contact, choose, contact)
    assert chosen == [f"DURAND Chloé · M-{households[2].id:06d}"]

    def cancel(chooser: QDialog) -> None:
        chooser.reject()

    drive_modal(qtbot, panel.request_contact, cancel)  # cancelled: no contact dialog at all
    assert QApplication.activeModalWidget() is None


def test_enter_twice_in_the_chooser_never_picks_the_first_row_for_the_person(qtbot, services: Services) -> None:
    from caseworker.ui.households.household_chooser import HouseholdChooserDialog

    households = [new_household(services, name, "Durand") for name in ("Anne", "Bruno")]
    chooser = HouseholdChooserDialog(
        services.households.list_summaries(), [households[1].id], "Pour quel ménage enregistrez-vous un contact ?"
    )
    qtbot.addWidget(chooser)
    chooser.show()
    qtbot.keyClick(chooser.search_edit, Qt.Key.Key_Return)  # nothing chosen: the focus goes to the list
    # Taking the focus, the list makes its first row current without selecting it (as Qt does on a desktop).
    chooser.table.selectionModel().setCurrentIndex(
        chooser.model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    qtbot.keyClick(chooser.table, Qt.Key.Key_Return)  # a current row nobody selected is not a choice
    assert chooser.chosen_id is None and chooser.isVisible()
    qtbot.keyClick(chooser.table, Qt.Key.Key_Down)  # the person moves to a row: that is a choice
    qtbot.keyClick(chooser.table, Qt.Key.Key_Return)
    assert chooser.chosen_id in {household.id for household in households}
