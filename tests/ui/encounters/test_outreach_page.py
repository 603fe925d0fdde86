"""The street outreach page (F28): an encounter recorded from the keyboard only, in a few keystrokes, without a
household; the list and its filter; the « Attacher à un ménage… » dialog; nothing cut at 1024×768 or 1366×768."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget

from caseworker.domain.aftercare import AgeBand, Sex
from caseworker.services import Services
from caseworker.services.encounters import EncounterInput
from caseworker.ui.encounters.outreach_dialogs import AttachEncounterDialog, CorrectEncounterDialog, OutreachDeps
from caseworker.ui.encounters.outreach_page import OutreachPage, parse_time, period_days
from tests.services.builders import TODAY, new_household, row_count
from tests.ui.conftest import MessageLog, drive_modal, unexplained_disabled_buttons
from tests.ui.test_criteria_ui import SCREENSHOT_DIR, _cut, _fits_1024_by_768, _focused

translate = QCoreApplication.translate
EVENING = datetime(2026, 6, 14, 21, 30, tzinfo=timezone.utc)

# A completer's popup, shown: the offscreen platform cannot raise it nor give it the keyboard (Qt says so).
POPUP_WARNINGS = ("This plugin does not support raise", "This plugin does not support grabbing the keyboard")


def outreach_deps(services: Services) -> OutreachDeps:
    return OutreachDeps(
        services.outreach,
        lambda text, limit: services.households.search(text, limit=limit),
        services.context.clock.today,
    )


def _page(qtbot, services: Services) -> OutreachPage:  # type: ignore[no-untyped-def]
    page = OutreachPage(outreach_deps(services))
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # the mnemonics and Enter are the window's shortcuts
    page.refresh()
    return page


@pytest.mark.qt_log_ignore(*POPUP_WARNINGS)
def test_an_encounter_is_recorded_with_keystrokes_only_and_takes_no_household(qtbot, services: Services) -> None:
    services.outreach.record_encounter(EncounterInput("Place Sainte-Anne", ("boisson",), occurred_at=EVENING))
    households, persons = row_count(services, "household"), row_count(services, "person")
    page = _page(qtbot, services)
    form = page.form
    form.place_edit.setFocus()
    qtbot.keyClicks(_focused(page), "Gare SNCF")
    qtbot.keyClick(_focused(page), Qt.Key.Key_Tab)
    assert _focused(page) is form.time_edit
    qtbot.keyClicks(_focused(page), "8h30")
    qtbot.keyClick(_focused(page), Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # Alt+1: boisson chaude
    qtbot.keyClick(_focused(page), Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # Alt+3: kit d'hygiène
    assert [button.property("code") for button in form.offer_buttons if button.isChecked()] == ["boisson", "hygiene"]
    for _ in range(12):  # on through the day and the offers to the age band (its mnemonic is a letter per language)
        if _focused(page) is form.age_combo:
            break
        qtbot.keyClick(_focused(page), Qt.Key.Key_Tab)
    assert _focused(page) is form.age_combo
    qtbot.keyClick(_focused(page), Qt.Key.Key_Down)
    qtbot.keyClick(_focused(page), Qt.Key.Key_Down)  # 18-24 ans
    qtbot.keyClick(_focused(page), Qt.Key.Key_Tab)
    assert _focused(page) is form.sex_combo
    qtbot.keyClicks(_focused(page), "F")  # Femme
    qtbot.keyClick(_focused(page), Qt.Key.Key_Return)  # Enter records

    recorded = services.outreach.encounters(TODAY, TODAY)
    assert len(recorded) == 1, form.error_label.text()
    (encounter,) = recorded
    assert (encounter.place, encounter.offer_codes, encounter.age_band, encounter.sex) == (
        "Gare SNCF",
        ("boisson", "hygiene"),
        AgeBand.AGE_18_24,
        Sex.FEMME,
    )
    assert encounter.occurred_at == datetime.combine(TODAY, parse_time("08:30")).astimezone()  # type: ignore[arg-type]
    assert (encounter.household_id, encounter.person_id) == (None, None)
    assert (row_count(services, "household"), row_count(services, "person")) == (households, persons)
    # Cleared for the next one, the cursor back on the place; the list shows both, the newest first.
    assert (form.place_edit.text(), form.time_edit.text(), form.age_combo.currentIndex()) == ("", "", 0)
    assert not any(button.isChecked() for button in form.offer_buttons)
    assert _focused(page) is form.place_edit
    assert page.model.rowCount() == 2 and page.model.record(0).id == encounter.id
    assert "Gare SNCF" in form.places.stringList()

    qtbot.keyClicks(_focused(page), "Gare")  # the place alone, now: Enter records it too
    form.place_edit.completer().popup().hide()
    qtbot.keyClick(_focused(page), Qt.Key.Key_Return)
    assert len(services.outreach.encounters(TODAY, TODAY)) == 2 and page.model.rowCount() == 3


def test_a_refused_entry_is_said_under_the_form_and_kept(qtbot, services: Services) -> None:
    page = _page(qtbot, services)
    form = page.form
    form.place_edit.setFocus()
    qtbot.keyClick(_focused(page), Qt.Key.Key_Tab)
    qtbot.keyClicks(_focused(page), "25:99")
    qtbot.keyClick(_focused(page), Qt.Key.Key_Return)
    assert form.error_label.isVisibleTo(page) and "21:30" in form.error_label.text()
    form.time_edit.clear()
    qtbot.keyClick(form.time_edit, Qt.Key.Key_Return)
    assert form.error_label.text() == "Lieu : ce champ est obligatoire."
    assert _focused(page) is form.place_edit
    form.time_edit.setText("23:59")
    form.place_edit.setText("Pont")
    qtbot.keyClick(form.place_edit, Qt.Key.Key_Return)
    assert "futur" in form.error_label.text() and form.place_edit.text() == "Pont"  # 23:59 today is ahead
    assert services.outreach.encounters(TODAY, TODAY) == []


@pytest.mark.qt_log_ignore(*POPUP_WARNINGS)
def test_the_list_filters_the_encounters_to_attach_and_the_dialog_attaches_one(
    qtbot, services: Services, message_boxes: MessageLog
) -> None:
    household = new_household(services, "Awa", "Diallo").id
    bridge = services.outreach.record_encounter(EncounterInput("Pont de Nantes", ("ecoute",), occurred_at=EVENING))
    services.outreach.record_encounter(EncounterInput("Square", ()))
    page = _page(qtbot, services)
    assert page.model.rowCount() == 2
    assert unexplained_disabled_buttons(page) == []
    page.table.setFocus()
    page.table.selectRow(1)
    assert page.selected() == bridge

    def attach(dialog: QWidget) -> None:
        assert isinstance(dialog, AttachEncounterDialog)
        assert not dialog.person_combo.isEnabled()
        picker = dialog.household_picker
        picker.setFocus()
        qtbot.keyClicks(picker.lineEdit(), "diallo")
        qtbot.waitUntil(lambda: picker.matches.rowCount() == 1, timeout=2000)  # asked once the typing pauses
        popup = picker.completer().popup()
        assert popup.isVisible()
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        assert picker.household_id() == household
        assert dialog.person_combo.isEnabled() and dialog.person_combo.count() == 2
        qtbot.keyClick(picker, Qt.Key.Key_Tab)
        assert _focused(dialog) is dialog.person_combo
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Down)  # Awa herself
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Return)  # Enter saves

    drive_modal(qtbot, lambda: qtbot.keyClick(page.table, Qt.Key.Key_Return), attach)
    attached = services.outreach.encounter(bridge.id)
    assert (attached.household_id, attached.person_name) == (household, "DIALLO Awa")
    (row,) = services.outreach.for_household(household)
    assert row.row_id == bridge.id
    assert [r.id for r in page.model.records() if r.is_attached] == [bridge.id]

    qtbot.keyClick(page.unattached_check, Qt.Key.Key_Space)
    assert page.unattached_check.isChecked() and page.model.rowCount() == 1
    assert not page.model.record(0).is_attached
    qtbot.keyClick(page.unattached_check, Qt.Key.Key_Space)

    page.table.selectRow([r.id for r in page.model.records()].index(bridge.id))
    assert page.detach_button.isEnabled() and not page.attach_button.isEnabled()
    page.detach_button.click()
    assert len(message_boxes.texts("question")) == 1 and "Pont de Nantes" in message_boxes.texts("question")[0]
    assert services.outreach.for_household(household) == []


def test_the_attach_dialog_refuses_without_a_household_and_fits_a_small_screen(qtbot, services: Services) -> None:
    bridge = services.outreach.record_encounter(EncounterInput("Pont de Nantes", ("ecoute",), occurred_at=EVENING))
    dialog = AttachEncounterDialog(outreach_deps(services), bridge)
    _fits_1024_by_768(qtbot, dialog, "outreach_attach_dialog")
    dialog.household_picker.setFocus()
    qtbot.keyClicks(dialog.household_picker, "nobody")
    qtbot.keyClick(dialog.household_picker, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.errors.message_for("household_id")
    assert services.outreach.encounter(bridge.id).household_id is None
    dialog.reject()


def test_the_page_is_not_cut_at_1366_or_1024_by_768(qtbot, services: Services) -> None:
    for index in range(12):
        services.outreach.record_encounter(
            EncounterInput(f"Rue {index}", ("boisson", "hygiene", "information"), AgeBand.AGE_25_34, Sex.HOMME)
        )
    page = _page(qtbot, services)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 768 - 80), (1024 - 180, 768 - 80)):  # the window's content beside its navigation
        page.resize(width, height)
        QApplication.processEvents()
        assert page.minimumSizeHint().width() <= width, page.minimumSizeHint()
        assert _cut(page) == []
        assert all(button.isVisible() for button in page.form.offer_buttons)
        row_height = page.table.verticalHeader().defaultSectionSize()
        assert page.table.visibleRegion().boundingRect().height() >= 5 * row_height
        page.grab().save(str(SCREENSHOT_DIR / f"outreach_page_{width}.png"))


def test_times_and_periods_as_people_type_and_choose_them() -> None:
    assert [parse_time(text) for text in ("21:30", "21h30", "21h", "2130", " 9:05 ", "")] == [
        datetime(2026, 1, 1, 21, 30).time(),
        datetime(2026, 1, 1, 21, 30).time(),
        datetime(2026, 1, 1, 21, 0).time(),
        datetime(2026, 1, 1, 21, 30).time(),
        datetime(2026, 1, 1, 9, 5).time(),
        None,
    ]
    for wrong in ("25:00", "21:75", "midi", "1:2"):
        try:
            parse_time(wrong)
        except ValueError:
            continue
        raise AssertionError(wrong)
    assert period_days("last_month", date(2026, 3, 15)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert period_days("month", date(2026, 3, 15)) == (date(2026, 3, 1), date(2026, 3, 15))
    assert period_days("week", date(2026, 3, 15)) == (date(2026, 3, 9), date(2026, 3, 15))


def test_an_encounter_is_corrected_from_the_list(qtbot, services: Services) -> None:
    bridge = services.outreach.record_encounter(
        EncounterInput("Pont de Nante", ("ecoute",), age_band=AgeBand.AGE_25_34, occurred_at=EVENING)
    )
    page = _page(qtbot, services)
    page.period_combo.setCurrentIndex(page.period_combo.findData("month"))
    page.table.selectRow(0)
    assert page.correct_button.isEnabled()

    def correct(dialog: QWidget) -> None:
        assert isinstance(dialog, CorrectEncounterDialog)
        assert dialog.place_edit.text() == "Pont de Nante" and dialog.age_combo.currentData() == "25_34"
        dialog.place_edit.setText("Pont de Nantes")
        dialog.offer_list.item(0).setCheckState(Qt.CheckState.Checked)  # the hot drink too
        dialog.sex_combo.setCurrentIndex(dialog.sex_combo.findData(Sex.HOMME.value))
        dialog._save_clicked()

    drive_modal(qtbot, page.correct_button.click, correct)
    corrected = services.outreach.encounter(bridge.id)
    assert (corrected.place, corrected.sex, corrected.age_band) == ("Pont de Nantes", Sex.HOMME, AgeBand.AGE_25_34)
    assert set(corrected.offer_codes) == {"boisson", "ecoute"}
    assert corrected.occurred_at == EVENING and corrected.household_id is None
    assert page.model.record(0).place == "Pont de Nantes"
