"""The foundation user story, in the real window, in French (issue: "Who uses it and how").

A social worker opens the app (silent unlock from the keyring), finds a household by typing part of a name, opens
its file, adds a member, records the move from sub-lease to the household's own lease, records the household's
consent to share housing information with its landlord, and closes the laptop: nothing readable is left on disk.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from caseworker.app import Application
from caseworker.services.directory import DwellingInput
from caseworker.services.households import HouseholdInput, OccupancyChangeInput, PersonInput
from caseworker.storage.secret_store import KeyringSecretStore
from tests.ui.conftest import drive_modal

CANARY_FIRST_NAME = "Hélène"
CANARY_LAST_NAME = "Çelikqwz"


def _seed(services, landlord) -> int:
    households = services.households
    for first, last in (("Marc", "Dupont"), ("Anaïs", "Martin"), ("Noé", "Traoré")):
        households.create_household(
            HouseholdInput(composition_code="personne_seule"), PersonInput(first_name=first, last_name=last)
        )
    target = households.create_household(
        HouseholdInput(composition_code="famille_monoparentale", pet_count=1, pets_note="1 chien"),
        PersonInput(first_name=CANARY_FIRST_NAME, last_name=CANARY_LAST_NAME, birth_year=1986),
        start_date=date(2024, 1, 10),
    )
    services.occupancy.change_occupancy(
        target.id, OccupancyChangeInput("hebergement_urgence", date(2024, 1, 10), "situation_initiale")
    )
    services.occupancy.change_occupancy(
        target.id,
        OccupancyChangeInput(
            "sous_locataire",
            date(2024, 9, 1),
            "acces_logement",
            new_dwelling=DwellingInput(landlord.id, "4 rue des Lilas", "35000", "Rennes", typology_code="t3"),
            bail_glissant=True,
        ),
    )
    return target.id


def _save(dialog: QDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_user_story_in_the_real_window(qtbot, services, landlord, data_paths, database, clock, message_boxes):
    household_id = _seed(services, landlord)
    database.dispose()

    application = Application(data_paths, KeyringSecretStore(), clock=clock)
    assert application.start(), message_boxes.shown
    window = application.window
    qtbot.addWidget(window)
    assert window.navigation.item(0).text() == "Ménages"
    assert [window.navigation.item(row).text() for row in range(window.navigation.count())] == [
        "Ménages",
        "Mes ménages",
        "Tableau de bord",
        "Mes tâches",
        "Réunions",
        "Alertes",
        "Contrats",
        "Accueil et maraude",
        "Exports",
        "Paramètres",
    ]

    # Find the household by typing part of the name, accents ignored.
    section = window.households
    search = section.list_panel.search_edit
    assert search.hasFocus() or search.isVisible()
    qtbot.keyClicks(search, "celikq")
    assert section.list_panel.model.rowCount() == 1
    assert section.list_panel.count_label.text() == "1 ménage sur 4"
    qtbot.keyClick(search, Qt.Key.Key_Return)
    panel = section.file_panel
    assert section.currentWidget() is panel
    assert panel.title_label.text().startswith("ÇELIKQWZ Hélène")
    # (The subtitle's parts keep their words together with no-break spaces: it wraps between parts only.)
    assert "Famille monoparentale" in panel.subtitle_label.text().replace("\xa0", " ")

    # Add a member (a child).
    def add_child(dialog: QDialog) -> None:
        dialog.person_form.first_name_edit.setText("Léo")
        dialog.person_form.last_name_edit.setText(CANARY_LAST_NAME)
        dialog.person_form.birth_year_edit.setText("2016")
        dialog.role_combo.set_code("enfant")
        dialog.start_field.set_date(date(2024, 1, 10))
        _save(dialog)

    drive_modal(qtbot, panel.add_member_button.click, add_child)
    assert [member.display_name for member in panel.household.members] == [
        f"{CANARY_LAST_NAME.upper()} Hélène",
        f"{CANARY_LAST_NAME.upper()} Léo",
    ]
    assert panel.members_model.rowCount() == 2

    # From sub-lease to the household's own lease (glissement, same dwelling).
    panel.show_tab(panel.housing_tab)

    def glissement(dialog: QDialog) -> None:
        dialog.status_combo.set_code("locataire_titre")
        index = dialog.reason_combo.findData("glissement")
        assert index >= 0, [dialog.reason_combo.itemText(i) for i in range(dialog.reason_combo.count())]
        dialog.reason_combo.setCurrentIndex(index)
        dialog.start_field.set_date(date(2026, 6, 1))
        assert dialog.dwelling_combo.currentText().startswith("Logement actuel")
        _save(dialog)

    drive_modal(qtbot, panel.change_occupancy_button.click, glissement)
    current = panel.household.current_occupancy
    assert (current.status_label, current.reason_label, current.start_date) == (
        "Locataire en titre",
        "Glissement du bail",
        date(2026, 6, 1),
    )
    assert panel.occupancy_model.record(1).end_date == date(2026, 5, 31)
    assert panel.occupancy_model.data(panel.occupancy_model.index(1, 0)) == "Sous-locataire (bail glissant)"

    # Consent to share housing information with the landlord.
    panel.show_tab(panel.consent_tab)

    def consent(dialog: QDialog) -> None:
        assert dialog.person_combo.count() == 1  # the child does not consent
        assert dialog.recipient_combo.currentData() == landlord.id  # the current landlord is proposed
        dialog.category_boxes["situation_logement"].setChecked(True)
        dialog.category_boxes["loyer_dette"].setChecked(True)
        dialog.evidence.place_combo.set_code("dossier_papier")
        dialog.evidence.reference_edit.setText("Dossier du ménage, chemise « Consentements »")
        _save(dialog)

    drive_modal(qtbot, panel.new_consent_button.click, consent)
    assert panel.consent_model.rowCount() == 1
    row = [panel.consent_model.data(panel.consent_model.index(0, column)) for column in range(4)]
    assert row == [
        f"{CANARY_LAST_NAME.upper()} Hélène",
        "Habitat 35",
        "Situation de logement, Loyer, dette et plan d'apurement",
        "Accordé",
    ]
    assert services.consents.valid_consent(household_id, landlord.id, "loyer_dette") is not None

    # Who viewed the file: the current user, once (refreshes after one's own edits are not new views).
    panel.show_tab(panel.history_tab)
    views = [panel.views_model.data(panel.views_model.index(row, 1)) for row in range(panel.views_model.rowCount())]
    assert views == ["Claire MARTIN"]
    changes = [panel.history_model.data(panel.history_model.index(r, 2)) for r in range(panel.history_model.rowCount())]
    assert "Création — consentement" in changes
    assert "Création — situation de logement" in changes

    # Back to the list with Escape; the list row shows the new situation.
    qtbot.keyClick(panel, Qt.Key.Key_Escape)
    assert section.currentWidget() is section.list_panel
    model = section.list_panel.model
    row_index = model.row_of(household_id)
    assert model.data(model.index(row_index, model.COLUMN_HOUSING)) == "Locataire en titre"
    assert model.data(model.index(row_index, model.COLUMN_MEMBERS)) == "2"

    # Close the laptop.
    window.close()
    application.shutdown()
    for path in data_paths.data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert CANARY_LAST_NAME.encode() not in content, path
            assert CANARY_LAST_NAME.encode("utf-16-le") not in content, path
