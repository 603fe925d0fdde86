"""Entry criteria in the window (F19): an unticked checklist at the referral, the support tab's view and dialog,
the catalogue's editor; all of it usable from the keyboard, nothing cut at 1024×768."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QDialogButtonBox, QWidget

from caseworker.services import Services
from caseworker.services.support import OrientationInput
from caseworker.ui.households.criteria_checklist import CriteriaChecklist, EpisodeCriteriaView
from caseworker.ui.households.episode_dialogs import NewEpisodeDialog
from caseworker.ui.households.episode_panel import EpisodesPanel
from caseworker.ui.settings.criteria_editor import CriteriaEditorDialog
from caseworker.ui.settings.measure_catalogue import MeasureCataloguePanel
from tests.services.builders import new_household
from tests.services.support.test_episodes import with_coordinator
from tests.support.row_versions import current_version
from tests.ui.conftest import drive_modal
from tests.ui.deps import episode_deps

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def _focused(window: QWidget) -> QWidget:
    widget = window.focusWidget()
    assert widget is not None
    return widget


def _save_button(dialog: QWidget) -> QAbstractButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return box.button(QDialogButtonBox.StandardButton.Save)


def _checklist(dialog: QWidget) -> CriteriaChecklist:
    found = dialog.findChild(CriteriaChecklist)
    assert found is not None
    return found


def _cut(dialog: QWidget) -> list[str]:
    """The visible buttons and boxes that do not lie wholly inside the dialog."""
    inside = dialog.rect()
    return [
        widget.text()
        for widget in dialog.findChildren(QAbstractButton)
        if widget.isVisible() and not inside.contains(QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size()))
    ]


def _fits_1024_by_768(qtbot, dialog: QWidget, name: str) -> None:  # type: ignore[no-untyped-def]
    """Shown on a 1024×768 screen (its available part smaller still), nothing is cut; a screenshot to look at."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert dialog.width() <= 1024 and dialog.height() <= 768 - 40, (dialog.width(), dialog.height())
    assert _cut(dialog) == []
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOT_DIR / f"{name}.png"))


def test_the_referral_shows_the_measures_criteria_unticked_and_ticks_them_from_the_keyboard(
    qtbot, services: Services
) -> None:
    household = new_household(services)
    panel = EpisodesPanel(episode_deps(services))
    qtbot.addWidget(panel)
    panel.set_household(household.id)

    def referral(dialog: QDialog) -> None:
        dialog.measure_combo.set_code("asll")  # type: ignore[attr-defined]
        checklist = _checklist(dialog)
        assert [box.objectName() for box in checklist.boxes()] == ["criterion_fsl", "criterion_maintien"]
        dialog.measure_combo.set_code("avdl")  # type: ignore[attr-defined]  # the list follows the measure
        boxes = checklist.boxes()
        assert [box.objectName() for box in boxes] == ["criterion_dalo", "criterion_expulsion", "criterion_siao"]
        assert not any(box.isChecked() for box in boxes)  # unticked: nothing presumed
        dialog.date_field.set_date(date(2026, 1, 5))  # type: ignore[attr-defined]
        dialog.note_edit.setFocus()  # type: ignore[attr-defined]
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Tab)  # from the last field into the checklist
        assert _focused(dialog) is boxes[0]
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Tab)
        assert _focused(dialog) is boxes[1]
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Tab)
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Space)
        assert [box.isChecked() for box in boxes] == [False, False, True]
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Return)  # Enter saves

    drive_modal(qtbot, panel.new_episode, referral)
    episode = panel.current()
    assert episode is not None
    assert services.criteria.episode_criteria(episode.id).met_codes == {"siao"}
    view = panel.findChild(EpisodeCriteriaView)
    assert view is not None
    assert "☑ Orienté par le SIAO" in view.label.text() and "☐ Reconnu prioritaire DALO" in view.label.text()


def test_a_referral_with_nothing_ticked_is_recorded(qtbot, services: Services) -> None:
    household = new_household(services)
    panel = EpisodesPanel(episode_deps(services))
    qtbot.addWidget(panel)
    panel.set_household(household.id)

    def referral(dialog: QDialog) -> None:
        dialog.measure_combo.set_code("avdl")  # type: ignore[attr-defined]
        dialog.date_field.set_date(date(2026, 1, 5))  # type: ignore[attr-defined]
        _save_button(dialog).click()

    drive_modal(qtbot, panel.new_episode, referral)
    episode = panel.current()
    assert episode is not None and services.criteria.episode_criteria(episode.id).met_codes == frozenset()


def test_the_support_tab_changes_the_criteria_met_from_the_keyboard(qtbot, services: Services) -> None:
    household = new_household(services)
    with_coordinator(services, household.id)
    episode = services.episodes.open_episode(
        household.id, OrientationInput("avdl", date(2026, 1, 5), criteria=("dalo",))
    )
    panel = EpisodesPanel(episode_deps(services))
    qtbot.addWidget(panel)
    panel.set_household(household.id)
    view = panel.findChild(EpisodeCriteriaView)
    assert view is not None and view.edit_button.isEnabled()

    def change(dialog: QDialog) -> None:
        boxes = _checklist(dialog).boxes()
        assert [box.isChecked() for box in boxes] == [True, False, False]
        boxes[0].setFocus()
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Space)  # untick DALO
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Tab)
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Space)  # tick « menacé d'expulsion »
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Return)

    drive_modal(qtbot, view.edit_button.click, change)
    assert services.criteria.episode_criteria(episode.id).met_codes == {"expulsion"}
    assert "☑ Menacé d" in view.label.text() and "☐ Reconnu prioritaire DALO" in view.label.text()


def test_a_change_typed_against_an_older_version_is_refused_and_keeps_the_ticks(qtbot, services: Services) -> None:
    household = new_household(services)
    episode = services.episodes.open_episode(household.id, OrientationInput("avdl", date(2026, 1, 5)))
    panel = EpisodesPanel(episode_deps(services))
    qtbot.addWidget(panel)
    panel.set_household(household.id)
    view = panel.findChild(EpisodeCriteriaView)
    assert view is not None

    def change(dialog: QDialog) -> None:
        version = current_version(services.criteria, "set_met_criteria", episode.id)
        services.criteria.set_met_criteria(episode.id, ["siao"], expected_version=version)  # another window
        boxes = _checklist(dialog).boxes()
        boxes[0].setChecked(True)
        _save_button(dialog).click()
        assert dialog.isVisible() and boxes[0].isChecked()
        dialog.reject()

    drive_modal(qtbot, view.edit_button.click, change)
    assert services.criteria.episode_criteria(episode.id).met_codes == {"siao"}


def test_the_catalogue_edits_a_measures_criteria_from_the_keyboard(qtbot, services: Services) -> None:
    panel = MeasureCataloguePanel(services.measures, services.funding, criteria=services.criteria)
    qtbot.addWidget(panel)
    assert not panel.criteria_button.isEnabled() and panel.criteria_button.toolTip()  # says why
    panel.table.selectRow(panel.model.row_of(services.measures.measure_by_code("avdl").id))
    assert panel.criteria_button.isEnabled()

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, CriteriaEditorDialog)
        table = dialog.criteria_table
        table.table.setFocus()
        table.table.setCurrentCell(2, table.COLUMN_LABEL)
        qtbot.keyClick(table.up_button, Qt.Key.Key_Space)  # SIAO first: two moves up
        table.move_current(-1)
        table.add_criterion()
        qtbot.keyClicks(_focused(dialog), "Sans logement stable")
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Tab)  # typed: Tab leaves the cell
        table.table.setCurrentCell(1, table.COLUMN_ACTIVE)  # DALO, now second: no longer offered
        qtbot.keyClick(table.table, Qt.Key.Key_Space)
        _save_button(dialog).click()

    drive_modal(qtbot, panel.criteria_button.click, edit)
    stored = services.criteria.measure_criteria(services.measures.measure_by_code("avdl").id).criteria
    assert [(c.code, c.active) for c in stored] == [
        ("siao", True),
        ("dalo", False),
        ("expulsion", True),
        ("sans_logement_stable", True),
    ]


def test_an_empty_criterion_is_refused_under_the_table_and_the_row_selected(qtbot, services: Services) -> None:
    measure = services.measures.measure_by_code("asll")
    dialog = CriteriaEditorDialog(services.criteria, measure)
    qtbot.addWidget(dialog)
    dialog.criteria_table.add_criterion()
    dialog.criteria_table.commit_editing()
    _save_button(dialog).click()
    assert "Critère 3 : ce champ est obligatoire." in dialog.errors.message_for("criteria")
    assert dialog.criteria_table.table.currentRow() == 2
    assert [c.code for c in services.criteria.measure_criteria(measure.id).criteria] == ["fsl", "maintien"]


def test_nothing_is_cut_at_1024_by_768(qtbot, services: Services) -> None:
    household = new_household(services)
    referral = NewEpisodeDialog(episode_deps(services), household.id)
    referral.measure_combo.set_code("chez_soi_dabord")
    _fits_1024_by_768(qtbot, referral, "referral_with_criteria")
    boxes = _checklist(referral).boxes()
    assert len(boxes) == 3 and all(box.isVisible() for box in boxes)
    editor = CriteriaEditorDialog(services.criteria, services.measures.measure_by_code("avdl"))
    _fits_1024_by_768(qtbot, editor, "criteria_editor")
