"""Dialogs refuse bad input with a French message next to the field, and lose nothing already saved."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from caseworker.services.directory import DwellingInput
from caseworker.services.households import HouseholdInput, OccupancyChangeInput, PersonInput
from caseworker.ui.households.household_dialog import HouseholdDialog
from caseworker.ui.households.household_list_panel import HouseholdListPanel
from caseworker.ui.households.occupancy_dialogs import OccupancyChangeDialog
from tests.ui.conftest import drive_modal
from tests.ui.deps import housing_deps


def _save(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_new_household_dialog_explains_each_problem_and_creates_nothing(qtbot, services):
    dialog = HouseholdDialog(services.households, services.reference, services.context.clock.today)
    qtbot.addWidget(dialog)
    form = dialog.person_form
    form.birth_year_edit.setText("19")
    assert (
        dialog.errors.message_for("birth_year")
        == "Saisissez l'année de naissance sur quatre chiffres, par exemple 1984."
    )
    form.birth_year_edit.setText("1850")
    assert "entre 1906 et 2026" in dialog.errors.message_for("birth_year")  # DateKind.BIRTH: 120 years
    form.deadline_field.line_edit.setText("31/02/2026")
    assert (
        dialog.errors.message_for("administrative_status_deadline") == "Le 31/02/2026 n'existe pas dans le calendrier."
    )
    form.first_name_edit.setText("x" * 150)  # the field stops at the rule's maximum (NAME_MAX)
    assert form.first_name_edit.text() == "x" * 100
    assert dialog.errors.message_for("first_name") == ""
    form.first_name_edit.setText("")
    form.birth_year_edit.setText("")
    form.deadline_field.line_edit.setText("")
    _save(dialog)
    assert dialog.errors.message_for("last_name") == "Indiquez un nom ou un prénom, ou à défaut un pseudonyme."
    assert dialog.saved is None
    assert services.households.list_summaries() == []
    form.pseudonym_edit.setText("Jo")
    _save(dialog)
    assert dialog.saved is not None
    assert dialog.saved.display_name == "« Jo »"


def test_a_future_arrival_date_is_refused_by_the_service_and_shown_inline(qtbot, services):
    dialog = HouseholdDialog(services.households, services.reference, services.context.clock.today)
    qtbot.addWidget(dialog)
    dialog.person_form.last_name_edit.setText("Dubois")
    dialog.start_field.set_date(date(2030, 1, 1))
    _save(dialog)
    assert "futur" in dialog.errors.message_for("start_date")
    assert services.households.list_summaries() == []


def test_ctrl_n_opens_the_dialog_and_the_new_file(qtbot, services):
    panel = HouseholdListPanel(services.households, services.reference, services.context.clock.today)
    qtbot.addWidget(panel)
    panel.show()
    panel.reload()
    opened: list[int] = []
    panel.household_opened.connect(opened.append)

    def fill(dialog):
        assert dialog.windowTitle() == "Nouveau ménage"
        dialog.person_form.first_name_edit.setText("Noé")
        dialog.person_form.last_name_edit.setText("Traoré")
        _save(dialog)

    drive_modal(qtbot, panel.create_household, fill)
    assert len(opened) == 1
    assert panel.model.rowCount() == 1
    assert panel.count_label.text() == "1 ménage"


def test_keyboard_from_search_to_file(qtbot, services):
    for last in ("Dupont", "Durand", "Martin"):
        services.households.create_household(HouseholdInput(), PersonInput(last_name=last))
    panel = HouseholdListPanel(services.households, services.reference, services.context.clock.today)
    qtbot.addWidget(panel)
    panel.show()
    panel.reload()
    opened: list[int] = []
    panel.household_opened.connect(opened.append)
    qtbot.keyClicks(panel.search_edit, "du")
    assert panel.count_label.text() == "2 ménages sur 3"
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened == [services.households.search("durand")[0].id]


def test_occupancy_dialog_offers_only_reasons_the_guard_accepts(qtbot, services, landlord):
    household = services.households.create_household(HouseholdInput(), PersonInput(last_name="Lefèvre"))
    services.occupancy.change_occupancy(
        household.id, OccupancyChangeInput("sans_abri", date(2025, 1, 1), "situation_initiale")
    )
    services.occupancy.change_occupancy(
        household.id,
        OccupancyChangeInput(
            "sous_locataire",
            date(2025, 6, 1),
            "acces_logement",
            new_dwelling=DwellingInput(landlord.id, "3 rue Haute", "35000", "Rennes"),
        ),
    )
    file = services.households.open_file(household.id)
    dialog = OccupancyChangeDialog(housing_deps(services), file)
    qtbot.addWidget(dialog)
    dialog.status_combo.set_code("locataire_titre")
    reasons = [dialog.reason_combo.itemData(index) for index in range(dialog.reason_combo.count())]
    assert "nouveau_bail" in reasons
    assert "glissement" not in reasons  # not a bail glissant
    assert "situation_initiale" not in reasons
    dialog.reason_combo.setCurrentIndex(reasons.index("nouveau_bail"))
    dialog.dwelling_combo.setCurrentIndex(dialog.dwelling_combo.findData(-1))  # a new dwelling: not the same one
    dialog.address_edit.setText("8 rue Basse")
    dialog.rent_edit.setText("12,345")
    dialog.start_field.set_date(date(2026, 3, 1))
    _save(dialog)
    assert dialog.errors.message_for("dwelling.rent") == "Un montant a au plus deux décimales (les centimes)."
    dialog.rent_edit.setText("420,50")
    _save(dialog)
    assert "même logement" in dialog.errors.message_for("dwelling")
    assert services.occupancy.timeline(household.id)[-1].status_code == "sous_locataire"  # nothing written
    dialog.dwelling_combo.setCurrentIndex(1)  # the current dwelling
    _save(dialog)
    assert services.occupancy.timeline(household.id)[-1].status_code == "locataire_titre"
    assert QApplication.activeModalWidget() is None
