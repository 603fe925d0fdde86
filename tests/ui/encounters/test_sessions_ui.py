"""The collective sessions page and dialog, driven from the keyboard (docs/domain.md §14.5, F29).

The issue's acceptance: « atelier droits et devoirs du locataire » recorded with 8 attendee households shows in each
one's history, and the figures are counts only. An edit by someone who does not follow every attendee household
keeps the attendees they do not see; the list still gives the whole attendance.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from caseworker.formats import format_date
from caseworker.services import Services
from caseworker.services.directory import OrganisationInput, PartnerContactInput, StaffInput
from caseworker.services.encounters.sessions import SessionAttendeeInput, SessionInput
from caseworker.ui.encounters.session_dialog import SessionDialog, SessionsDeps
from caseworker.ui.encounters.sessions_page import SessionsPage
from tests.services.builders import TODAY, new_household
from tests.ui.conftest import MessageLog, drive_modal, unexplained_disabled_buttons
from tests.ui.test_criteria_ui import SCREENSHOT_DIR, _cut, _focused

HELD = TODAY - timedelta(days=2)
TENANTS = "Droits et devoirs du locataire"
NAMES = [
    ("Hélène", "Çelik"),
    ("Awa", "Diallo"),
    ("Karim", "Benali"),
    ("Marie", "Dupont"),
    ("Louis", "Lemoine"),
    ("Inès", "Garnier"),
    ("Yann", "Le Goff"),
    ("Sofia", "Rossi"),
]
translate = QCoreApplication.translate


def sessions_deps(services: Services) -> SessionsDeps:
    """What the main window hands the sessions page."""
    return SessionsDeps(
        sessions=services.collective_sessions,
        directory=services.directory,
        search_households=lambda text, limit: services.households.search(text, limit=limit),
        today=services.context.clock.today,
        staff_id=lambda: services.context.actor.staff_member_id,
    )


def _pick(qtbot, dialog: SessionDialog, last_name: str) -> None:  # type: ignore[no-untyped-def]
    """Type part of a household's name in the attendee field and choose the one match from the keyboard."""
    picker = dialog.household_picker
    dialog.activateWindow()  # offscreen, the popup closing leaves no window active
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    picker.setFocus()
    qtbot.keyClicks(picker.lineEdit(), last_name)
    qtbot.waitUntil(  # asked once the typing pauses
        lambda: picker.matches.rowCount() == 1 and last_name.upper()[1:] in picker.matches.item(0).text(), timeout=3000
    )
    popup = picker.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.household_id() is not None


def _fits(qtbot, dialog: QWidget, name: str) -> None:  # type: ignore[no-untyped-def]
    """Shown on a 1024×768 screen, nothing is cut; a screenshot to look at (the page owns the dialog)."""
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert dialog.width() <= 1024 and dialog.height() <= 768 - 40, (dialog.width(), dialog.height())
    assert _cut(dialog) == []
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOT_DIR / f"{name}.png"))


def _look_at(qtbot, widget: QWidget, name: str, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SCREENSHOT_DIR / f"{name}_{width}x{height}.png"))


# The completer's popup, offscreen: the platform cannot raise it nor grab the keyboard for it.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_a_workshop_with_eight_households_is_recorded_from_the_keyboard_and_shows_in_each_history(
    qtbot, services: Services
) -> None:
    households = [new_household(services, first, last).id for first, last in NAMES]
    page = SessionsPage(sessions_deps(services))
    qtbot.addWidget(page)
    page.refresh()
    assert page.model.rowCount() == 0 and unexplained_disabled_buttons(page) == []

    def record(dialog: QWidget) -> None:
        assert isinstance(dialog, SessionDialog)
        dialog.date_field.setFocus()  # the first field (offscreen: the dialog is not activated)
        date_edit = _focused(dialog)
        date_edit.selectAll()  # type: ignore[attr-defined]
        qtbot.keyClicks(date_edit, format_date(HELD))
        dialog.theme_combo.setFocus()
        qtbot.keyClicks(_focused(dialog), "Droits")  # a combo finds its entry as one types
        assert dialog.theme_combo.code() == "droits_devoirs_locataire"
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Tab)
        assert _focused(dialog) is dialog.title_edit
        qtbot.keyClicks(dialog.title_edit, "Le bail")
        dialog.title_edit.insert(" expliqué")  # QTest types ASCII only
        staff = dialog.facilitators()[0]
        assert staff == (services.context.actor.staff_member_id,)  # the person working, ticked already
        _pick(qtbot, dialog, "Celik")
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Tab)  # to the person: Hélène rather than the household
        assert _focused(dialog) is dialog.person_combo
        qtbot.keyClick(dialog.person_combo, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.person_combo, Qt.Key.Key_Return)  # Enter adds the attendee, never saves
        assert dialog.isVisible() and dialog.attendee_list.count() == 1
        assert _focused(dialog) is dialog.household_picker  # ready for the next one
        for _first, last in NAMES[1:]:
            _pick(qtbot, dialog, last.split()[-1])
            qtbot.keyClick(_focused(dialog), Qt.Key.Key_Return)  # Enter adds the household picked
        assert dialog.attendee_list.count() == 8
        assert dialog.attendee_list.item(0).text() == "ÇELIK Hélène · M-000001 — ÇELIK Hélène"
        dialog.attendee_list.setFocus()  # one added twice by mistake, then removed with Delete
        _pick(qtbot, dialog, "Rossi")
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Return)
        assert dialog.attendee_list.count() == 8  # already listed: selected, not added again
        dialog.anonymous_spin.setFocus()
        dialog.anonymous_spin.selectAll()
        qtbot.keyClicks(dialog.anonymous_spin, "3")
        _fits(qtbot, dialog, "session_dialog_new")
        qtbot.keyClick(dialog.anonymous_spin, Qt.Key.Key_Return)  # Enter saves

    drive_modal(qtbot, lambda: qtbot.keyClick(page.new_button, Qt.Key.Key_Space), record)
    (listed,) = services.collective_sessions.sessions_between(HELD, HELD)
    assert (listed.title, listed.named_total, listed.anonymous_count, listed.total) == ("Le bail expliqué", 8, 3, 11)
    assert page.model.rowCount() == 1 and page.selected() == listed
    model = page.model
    assert [model.data(model.index(0, column)) for column in range(7)] == [
        format_date(HELD),
        TENANTS,
        "Le bail expliqué",
        "Claire MARTIN",
        "8",
        "3",
        "11",
    ]
    for household in households:
        (entry,) = services.collective_sessions.for_household(household)
        assert entry.row_id == listed.id and entry.detail == f"Atelier : {TENANTS} — Le bail expliqué"
    assert services.collective_sessions.for_household(households[0])[0].person_name == "ÇELIK Hélène"
    figures = services.collective_sessions.figures(HELD, HELD)
    assert (figures.sessions, figures.attendances, figures.households) == (1, 11, 8)
    shared = repr(dataclasses.asdict(figures))
    assert not any(last.upper() in shared.upper() for _first, last in NAMES)  # counts only, never who

    _look_at(qtbot, page, "sessions_page", 1366, 700)
    _look_at(qtbot, page, "sessions_page", 1024, 700)
    page.table.setFocus()
    page.table.selectRow(0)

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, SessionDialog) and dialog.attendee_list.count() == 8
        _fits(qtbot, dialog, "session_dialog_edit")
        dialog.reject()

    drive_modal(qtbot, lambda: qtbot.keyClick(page.table, Qt.Key.Key_Return), look)  # Enter opens it


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_an_edit_keeps_the_attendees_of_households_one_does_not_follow(
    qtbot, services: Services, message_boxes: MessageLog
) -> None:
    claire = services.context.actor.staff_member_id
    mine, other = new_household(services).id, new_household(services, "Awa", "Diallo").id
    own = services.setup.own_organisation_id()
    assert own is not None and claire is not None
    paul = services.directory.create_staff(StaffInput("Paul", "Roux", "travailleur_social", own)).id
    lead = services.directory.create_staff(StaffInput("Nadia", "Benali", "chef_service", own)).id
    services.context.actor.staff_member_id = paul
    his = new_household(services, "Karim", "Lemoine").id  # Paul's: out of Claire's sight
    services.context.actor.staff_member_id = lead
    workshop = services.collective_sessions.create_session(
        SessionInput(
            HELD,
            "budget",
            staff_ids=(lead,),
            attendees=(SessionAttendeeInput(mine), SessionAttendeeInput(his)),
            anonymous_count=2,
        )
    )
    services.context.actor.staff_member_id = claire
    page = SessionsPage(sessions_deps(services))
    qtbot.addWidget(page)
    page.refresh()
    model = page.model
    assert model.data(model.index(0, 4)) == translate("SessionsTableModel", "{total} ({seen} you see)").format(
        total=2, seen=1
    )
    assert model.data(model.index(0, 6)) == "4"
    page.table.setFocus()
    page.table.selectRow(0)

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, SessionDialog)
        assert [dialog.attendee_list.item(row).text() for row in range(dialog.attendee_list.count())] == [
            "ÇELIK Hélène · M-000001"
        ]
        assert "Lemoine" not in dialog.attendee_count_label.text()
        dialog.attendee_list.setFocus()
        dialog.attendee_list.setCurrentRow(0)
        qtbot.keyClick(dialog.attendee_list, Qt.Key.Key_Delete)
        assert dialog.attendee_list.count() == 0
        _pick(qtbot, dialog, "Diallo")
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Return)
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        box.button(QDialogButtonBox.StandardButton.Save).click()

    drive_modal(qtbot, lambda: qtbot.keyClick(page.table, Qt.Key.Key_Return), edit)
    assert message_boxes.texts() == []
    services.context.actor.staff_member_id = lead
    kept = services.collective_sessions.session(workshop.id)
    assert {attendee.household_id for attendee in kept.attendees} == {other, his}
    assert services.collective_sessions.for_household(mine) == []

    services.context.actor.staff_member_id = claire  # not hers to delete: said, nothing deleted
    page.refresh()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(message_boxes.texts("question")) == 1
    assert any("Seuls la personne qui a enregistré cet atelier" in text for text in message_boxes.texts("warning"))
    assert page.model.rowCount() == 1


def test_the_dialog_says_what_is_missing_under_its_fields_and_adds_a_partner(qtbot, services: Services) -> None:
    landlord = services.directory.create_organisation(OrganisationInput("Habitat 35", "bailleur_social"))
    morin = services.directory.create_partner_contact(PartnerContactInput(landlord.id, "Luc", "Morin"))
    dialog = SessionDialog(sessions_deps(services))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.add_partner_button.isEnabled() and dialog.add_partner_button.toolTip()
    dialog.organisation_combo.setCurrentIndex(dialog.organisation_combo.findData(landlord.id))
    assert dialog.contact_combo.currentText() == "Luc MORIN"
    qtbot.keyClick(dialog.add_partner_button, Qt.Key.Key_Space)
    assert dialog.facilitators() == ((services.context.actor.staff_member_id,), (morin.id,))
    assert dialog.facilitator_list.currentItem().text() == "Luc MORIN (Habitat 35)"
    for row in range(dialog.facilitator_list.count()):  # nobody ran it
        dialog.facilitator_list.item(row).setCheckState(Qt.CheckState.Unchecked)
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors.message_for("theme_code") == "Thème : choisissez une valeur dans la liste."
    assert dialog.errors.message_for("facilitators").startswith("Animation : indiquez au moins une personne")
    assert services.collective_sessions.sessions_between(HELD - timedelta(days=400), TODAY) == []
