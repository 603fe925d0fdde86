"""The morning debrief of the issue, in the real window, in French.

Friday 17:00 two landlords phone about unpaid rent. On Monday at 09:00 the team lead opens the board: the alert of
the landlord whose convention cadre asks for an acknowledgement the same day is overdue (since Friday evening); the
other, under the default deadline of one working day, is there to acknowledge today (overdue from Tuesday 00:00,
F44). A household is past its no-contact threshold and a planned end falls in five days. The team lead gives the
referent a visit as a task; the referent, switched to on the same laptop, finds it in « Mes tâches », records the
visit, and the task closes. On Tuesday the alert nobody acknowledged reads "en retard de 1 jour ouvré".
(The COSI that follows — a six-month extension whose planned end moves and links to the minutes, and a partner copy
without the health note — is tests/ui/test_meetings_story.py.)
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QWidget

from caseworker.app import Application
from caseworker.domain import AlertChannel
from caseworker.domain.debrief import TaskStatus
from caseworker.services.alerts import AlertInput
from caseworker.services.board import PanelKind
from caseworker.services.directory import OrganisationInput, StaffInput
from caseworker.storage.secret_store import KeyringSecretStore
from tests.services.contract_builders import convention_in_force, supported_household
from tests.services.support.test_my_households import followed
from tests.ui.conftest import PIN, drive_modal

PARIS = ZoneInfo("Europe/Paris")
LEAD_PIN = "731904"
MONDAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()


def _at(clock, moment: datetime) -> None:  # type: ignore[no-untyped-def]
    clock.today_value = moment.date()
    clock.now = lambda: moment.astimezone(timezone.utc)


def _save(dialog: QWidget) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Save).click()


def _rows(window, kind: PanelKind) -> list:  # type: ignore[no-untyped-def]
    return list(window.board.models[kind].records())


def test_monday_morning_debrief_in_the_real_window(  # type: ignore[no-untyped-def]
    qtbot, services, landlord, data_paths, database, clock, message_boxes
) -> None:
    _at(clock, datetime(2026, 6, 12, 17, 0, tzinfo=PARIS))  # Friday, 17:00
    claire = services.context.actor.staff_member_id
    services.credentials.set_own(PIN, PIN)
    renting = supported_household(services, landlord)  # Hélène Çelik, on Claire's caseload
    services.alerts.create(
        AlertInput(
            "impaye",
            renting.household_id,
            landlord.id,
            datetime(2026, 6, 12, 17, 0, tzinfo=PARIS),
            AlertChannel.TELEPHONE,
            description="Deux mois de loyer impayés.",
        )
    )
    # Néotoa's convention cadre: unpaid rent acknowledged the day it is reported.
    neotoa = services.directory.create_organisation(OrganisationInput("Néotoa", "bailleur_social"))
    strict = supported_household(services, neotoa)  # also names Néotoa's signatory
    convention_in_force(services, neotoa.id, signed_on=date(2026, 6, 12), arrears_days=(0, 3))
    services.alerts.create(
        AlertInput(
            "impaye",
            strict.household_id,
            neotoa.id,
            datetime(2026, 6, 12, 17, 0, tzinfo=PARIS),
            AlertChannel.TELEPHONE,
            description="Loyer de juin impayé.",
        )
    )
    silent = followed(services, "Henry", start=date(2026, 5, 4))  # renforcé: 7 days at most without contact
    ending = followed(services, "Fatou", start=date(2025, 12, 21))  # AVDL, 6 months
    own = services.setup.own_organisation_id()
    lead = services.directory.create_staff(
        StaffInput(first_name="Sophie", last_name="Leroy", role_code="chef_service", organisation_id=own)
    )
    services.context.actor.staff_member_id = lead.id  # Sophie chose her code when she last worked here
    services.credentials.set_own(LEAD_PIN, LEAD_PIN)
    services.context.actor.staff_member_id = claire
    services.setup.switch_user(lead.id, LEAD_PIN)  # Monday, Sophie opens the laptop
    database.dispose()

    # Monday, 09:00: the team lead opens the board.
    _at(clock, datetime(2026, 6, 15, 9, 0, tzinfo=PARIS))
    application = Application(data_paths, KeyringSecretStore(), clock=clock)
    assert application.start(), message_boxes.shown
    window = application.window
    qtbot.addWidget(window)
    window.show()
    assert "Sophie LEROY" in window.user_label.text()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.board
    qtbot.waitUntil(lambda: window.board.last_board is not None)

    [overdue] = [row for row in _rows(window, PanelKind.ALERTS) if row.household_id == strict.household_id]
    assert overdue.overdue and "Impayé" in overdue.what and "Néotoa" in overdue.what, overdue
    assert overdue.words == "Prise en compte en retard de 1 jour ouvré (attendue le 12/06/2026)", overdue.words
    assert _rows(window, PanelKind.ALERTS)[0] == overdue  # overdue first
    [alert] = [row for row in _rows(window, PanelKind.ALERTS) if row.household_id == renting.household_id]
    assert "Impayé" in alert.what and not alert.overdue  # due by Monday evening (F44)
    assert alert.words == "Nouvelle, prise en compte attendue le 15/06/2026", alert.words
    [late] = [row for row in _rows(window, PanelKind.NO_CONTACT) if row.household_id == silent]
    assert late.overdue and late.words, late
    [end] = [
        row for row in _rows(window, PanelKind.DEADLINES) if row.household_id == ending and "fin" in row.what.lower()
    ]
    assert end.when == MONDAY + timedelta(days=5), end
    title = window.board.boxes[PanelKind.NO_CONTACT].title()
    assert (
        title.endswith(f"({len(_rows(window, PanelKind.NO_CONTACT))})")
        or str(len(_rows(window, PanelKind.NO_CONTACT))) in title
    )

    # "Claire passe chez M. Henry aujourd'hui": a task, in one step from the board's row.
    table = window.board.tables[PanelKind.NO_CONTACT]
    table.setFocus()
    row = next(i for i, record in enumerate(_rows(window, PanelKind.NO_CONTACT)) if record.household_id == silent)
    table.selectRow(row)

    def visit_for_claire(dialog: QDialog) -> None:
        assert dialog.task_radio.isChecked()  # type: ignore[attr-defined]
        owner = dialog.owner  # type: ignore[attr-defined]
        owner.setCurrentIndex(owner.findData(claire))
        dialog.text_edit.setPlainText("Visite à domicile")  # type: ignore[attr-defined]
        dialog.due_field.set_date(MONDAY)  # type: ignore[attr-defined]  # today
        _save(dialog)

    drive_modal(qtbot, window.board.decision_button.click, visit_for_claire)
    [task] = [row for row in application.services.tasks.household_tasks(silent) if row.title == "Visite à domicile"]
    assert (task.title, task.owner_id, task.due_on, task.status) == (
        "Visite à domicile",
        claire,
        MONDAY,
        TaskStatus.OPEN,
    )

    # Claire takes the laptop: Paramètres, switch user with her code.
    settings = window.settings
    window.show_widget(settings)
    settings.user_combo.setCurrentIndex(settings.user_combo.findData(claire))

    def claire_s_code(dialog: QDialog) -> None:
        dialog.secret_edit.setText(PIN)  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, settings.switch_button.click, claire_s_code)
    assert "Claire MARTIN" in window.user_label.text()

    # « Mes tâches »: the visit, due today.
    window.show_widget(window.my_tasks)
    qtbot.waitUntil(lambda: any(r.id == task.id for r in window.my_tasks.model.records()))
    mine = next(r for r in window.my_tasks.model.records() if r.id == task.id)
    assert mine.due_in_words == "aujourd'hui"
    window.my_tasks.select_task(task.id)
    qtbot.keyClick(window.my_tasks.table, Qt.Key.Key_Return)  # opens M. Henry's file
    file_panel = window.households.file_panel
    assert file_panel.household is not None and file_panel.household.id == silent

    # She records the visit; the task is offered, ticked, and closes with it.
    def the_visit(dialog: QDialog) -> None:
        labels = [dialog.task_list.item(i).text() for i in range(dialog.task_list.count())]  # type: ignore[attr-defined]
        assert any("Visite à domicile" in label for label in labels), labels
        assert dialog.task_list.checked_keys() == [task.id]  # type: ignore[attr-defined]
        _save(dialog)

    drive_modal(qtbot, lambda: window.households.record_contact(silent), the_visit)
    closed = next(row for row in application.services.tasks.household_tasks(silent) if row.id == task.id)
    assert closed.status is TaskStatus.DONE and closed.close_note.startswith("Contact du 15/06/2026")
    window.show_widget(window.my_tasks)
    qtbot.waitUntil(lambda: all(r.id != task.id for r in window.my_tasks.model.records()))

    # Tuesday: the alert nobody acknowledged is overdue, in words.
    _at(clock, datetime(2026, 6, 16, 9, 0, tzinfo=PARIS))
    window.show_widget(window.board)
    window.board.reload()
    qtbot.waitUntil(lambda: window.board.last_board is not None and window.board.last_board.today == date(2026, 6, 16))
    [alert] = [row for row in _rows(window, PanelKind.ALERTS) if row.household_id == renting.household_id]
    assert alert.overdue and "en retard de 1 jour ouvré" in alert.words, alert.words
    assert window.board.findChild(QLabel) is not None
    application.shutdown()
