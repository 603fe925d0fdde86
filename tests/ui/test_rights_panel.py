"""The rights opened in the housing tab, driven from the keyboard: recorded, corrected (Enter), deleted (Delete);
the dialog fits a 1024×768 screen."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QWidget

from caseworker.formats import format_date
from caseworker.services import Services
from caseworker.services.households import PersonInput, RightInput
from caseworker.ui.households.household_file_panel import HouseholdFilePanel
from caseworker.ui.households.rights_panel import RightDialog
from tests.services.builders import TODAY, new_household
from tests.ui.conftest import MessageLog, drive_modal, unexplained_disabled_buttons
from tests.ui.deps import household_file_deps
from tests.ui.test_criteria_ui import SCREENSHOT_DIR, _fits_1024_by_768, _focused

OPENED = TODAY - timedelta(days=12)
CSS = "Complémentaire santé solidaire"
translate = QCoreApplication.translate


def _household_with_son(services: Services) -> int:
    household = new_household(services).id
    services.households.add_member(
        household,
        PersonInput(first_name="Noe", last_name="Celik", birth_year=2015),
        role_code="enfant",
        start_date=TODAY - timedelta(days=400),
        expected_version=services.households.open_file(household, record_view=False).row_version,
    )
    return household


def test_a_right_is_recorded_corrected_and_deleted_from_the_keyboard(
    qtbot, services: Services, message_boxes: MessageLog
) -> None:
    household = _household_with_son(services)
    panel = HouseholdFilePanel(household_file_deps(services))
    qtbot.addWidget(panel)
    panel.open_household(household)
    panel.show_tab(panel.housing_tab)
    rights = panel.rights_panel
    assert rights.isVisibleTo(panel) and rights.model.rowCount() == 0
    assert unexplained_disabled_buttons(panel.housing_tab) == []

    def record(dialog: QWidget) -> None:
        dialog.kind_combo.setFocus()  # type: ignore[attr-defined]  # the first field (offscreen: not activated)
        qtbot.keyClicks(_focused(dialog), "RSA")  # a combo finds its entry as one types
        assert dialog.kind_combo.code() == "rsa"  # type: ignore[attr-defined]
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Tab)
        date_edit = _focused(dialog)
        date_edit.selectAll()  # type: ignore[attr-defined]
        qtbot.keyClicks(date_edit, format_date(OPENED))
        qtbot.keyClick(date_edit, Qt.Key.Key_Tab)
        while _focused(dialog) is not dialog.person_combo:  # type: ignore[attr-defined]  # past the calendar button
            qtbot.keyClick(_focused(dialog), Qt.Key.Key_Tab)
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Down)  # from the household to its first person
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Down)
        assert dialog.person_combo.currentText() == "CELIK Noe"  # type: ignore[attr-defined]
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Return)  # Enter saves

    drive_modal(qtbot, lambda: qtbot.keyClick(rights.new_button, Qt.Key.Key_Space), record)
    (saved,) = services.rights.rights_for(household)
    assert (saved.kind_code, saved.opened_on, saved.person_name) == ("rsa", OPENED, "CELIK Noe")
    model = rights.model
    assert [model.data(model.index(0, column)) for column in range(3)] == [format_date(OPENED), "RSA", "CELIK Noe"]

    rights.table.setFocus()
    rights.table.selectRow(0)

    def correct(dialog: QWidget) -> None:
        assert dialog.person_combo.currentData() == saved.person_id  # type: ignore[attr-defined]  # as saved
        dialog.person_combo.setFocus()  # type: ignore[attr-defined]
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Home)  # back to the household itself
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Return)

    drive_modal(qtbot, lambda: qtbot.keyClick(rights.table, Qt.Key.Key_Return), correct)
    (corrected,) = services.rights.rights_for(household)
    assert (corrected.person_id, corrected.row_version) == (None, 2)
    assert model.data(model.index(0, 2)) == translate("RightsTableModel", "The household")  # « Le ménage »

    panel.resize(1024, 700)  # the file in a window on a 1024×768 screen: the list below the offers, in view
    panel.show()
    qtbot.waitExposed(panel)
    row_height = rights.table.verticalHeader().defaultSectionSize()
    assert rights.table.visibleRegion().boundingRect().height() >= 3 * row_height
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    panel.grab().save(str(SCREENSHOT_DIR / "rights_housing_tab.png"))

    rights.table.selectRow(0)
    qtbot.keyClick(rights.table, Qt.Key.Key_Delete)
    assert len(message_boxes.texts("question")) == 1 and "RSA" in message_boxes.texts("question")[0]
    assert services.rights.rights_for(household) == [] and model.rowCount() == 0
    assert not rights.edit_button.isEnabled() and rights.edit_button.toolTip()


def test_a_correction_typed_against_an_older_version_is_refused_and_the_list_shows_the_newer(
    qtbot, services: Services, message_boxes: MessageLog
) -> None:
    household = new_household(services).id
    right = services.rights.record_right(household, RightInput("rsa", OPENED))
    panel = HouseholdFilePanel(household_file_deps(services))
    qtbot.addWidget(panel)
    panel.open_household(household)
    panel.show_tab(panel.housing_tab)
    panel.rights_panel.table.selectRow(0)
    services.rights.update_right(right.id, RightInput("css", OPENED), expected_version=right.row_version)

    def stale(dialog: QWidget) -> None:
        dialog.kind_combo.set_code("aah")  # type: ignore[attr-defined]
        qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Return)  # type: ignore[attr-defined]
        assert dialog.isVisible()  # refused: kept open with what was typed
        dialog.reject()

    drive_modal(qtbot, panel.rights_panel.edit_button.click, stale)
    assert any("Ce droit ouvert a été modifié" in text for text in message_boxes.texts("warning"))
    model = panel.rights_panel.model
    assert model.data(model.index(0, 1)) == CSS


def test_the_dialog_fits_a_1024_by_768_screen(qtbot, services: Services) -> None:
    household = _household_with_son(services)
    dialog: QDialog = RightDialog(household_file_deps(services).housing.rights, household)
    _fits_1024_by_768(qtbot, dialog, "right_dialog")
