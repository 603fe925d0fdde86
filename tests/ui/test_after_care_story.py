"""Issue 16's story in the real window, in French (docs/domain.md §14).

A household exits with a handover plan and 12 months of droits de suite; four months later the landlord calls about
unpaid rent — the alert reaches the after-care referent, who reactivates in two clicks with the same team; that
morning the drop-in records 10 identified and 5 anonymous visits and the day's count says 15; a workshop with 8
attendees shows in each attendee's history.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timezone
from decimal import Decimal
from html import escape
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from caseworker.app import Application
from caseworker.domain import AlertChannel, EpisodeStatus
from caseworker.services.alerts import AlertInput
from caseworker.services.encounters import DropInCounts
from caseworker.services.encounters.sessions import SessionAttendeeInput, SessionInput
from caseworker.storage.secret_store import KeyringSecretStore
from tests.services.builders import new_household
from tests.services.contract_builders import supported_household
from tests.services.support.test_aftercare import colleague
from tests.ui.conftest import MessageLog, drive_modal

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()


def _save(dialog: QWidget) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Save).click()


def _at(clock, moment: datetime) -> None:  # type: ignore[no-untyped-def]
    clock.today_value = moment.date()
    clock.now = lambda: moment.astimezone(timezone.utc)


def test_after_care_story_in_the_real_window(
    qtbot, services, landlord, data_paths, database, clock, message_boxes: MessageLog
) -> None:
    supported = supported_household(services, landlord)
    julie = colleague(services, supported.household_id)
    # Eight households of the workshop, and ten who come to the drop-in.
    attendees = [new_household(services, "Inès", f"Atelier{letter}").id for letter in "ABCDEFGH"]
    visitors = [new_household(services, "Jeanne", name).id for name in ("Abadie", "Bernier", "Carpentier")]
    database.dispose()
    _at(clock, datetime(2026, 2, 2, 10, 0, tzinfo=PARIS))
    application = Application(data_paths, KeyringSecretStore(), clock=clock)
    assert application.start(), message_boxes.shown
    window = application.window
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    live = application.services
    assert live is not None

    # The exit: handover plan, and twelve months of droits de suite funded by a foundation, Julie reachable.
    window.open_household(supported.household_id)
    panel = window.households.file_panel
    panel.show_tab(panel.support_tab)
    episodes = panel.episodes_panel

    def exit_into_after_care(dialog: QDialog) -> None:
        dialog.reason_combo.set_code("logement_autonome")  # type: ignore[attr-defined]
        dialog.services_edit.setText("MDS de Rennes Nord")  # type: ignore[attr-defined]
        dialog.contact_edit.setText("Mme Leroy")  # type: ignore[attr-defined]
        dialog.handover_field.set_date(date(2026, 2, 10))  # type: ignore[attr-defined]
        box = dialog.after_care_box  # type: ignore[attr-defined]
        box.setChecked(True)
        assert box.months_spin.value() == 12
        box.funder_combo.set_code("fondation")
        box.referent_combo.set_code(str(julie))
        _save(dialog)

    drive_modal(qtbot, episodes._step_buttons["close"].click, exit_into_after_care)
    episode = episodes.current()
    assert episode is not None and episode.status is EpisodeStatus.APRES_ACCOMPAGNEMENT
    assert escape("Suivi post-accompagnement jusqu'au 01/02/2027") in episodes.summary_label.text()
    assert not episodes._step_buttons["reactivate"].isHidden()

    # Four months later, the landlord calls about unpaid rent: the alert is the after-care referent's.
    _at(clock, datetime(2026, 6, 2, 9, 0, tzinfo=PARIS))
    alert = live.alerts.create(
        AlertInput(
            "impaye",
            supported.household_id,
            landlord.id,
            datetime(2026, 6, 2, 8, 45, tzinfo=PARIS),
            AlertChannel.TELEPHONE,
            description="Deux mois de loyer impayés.",
            amount=Decimal("825.00"),
        )
    )
    window.show_widget(window.alerts)
    inbox = window.alerts
    inbox.reload()
    row = next(index for index in range(inbox.model.rowCount()) if inbox.model.record(index).id == alert.id)
    assert inbox.model.record(row).referent_name == "Julie ROBIN (suivi post-accompagnement)"
    inbox.table.selectRow(row)
    detail = inbox.detail
    assert detail.alert is not None and detail.alert.id == alert.id
    assert escape("Ménage sorti — suivi post-accompagnement jusqu'au 01/02/2027") in detail.after_sales_label.text()
    assert detail.reactivate_button.isVisible()

    # Two clicks: Reactivate, then Save — the same measure and team, active at the level support ended at.
    def reactivate(dialog: QDialog) -> None:
        assert "Claire MARTIN" in dialog.findChild(QWidget, "reactivation_team_label").text()  # type: ignore[union-attr]
        _save(dialog)

    drive_modal(qtbot, detail.reactivate_button.click, reactivate)
    running = [item for item in live.episodes.episodes_for(supported.household_id) if item.is_running]
    assert [(item.status, item.previous_episode_id, item.measure_code) for item in running] == [
        (EpisodeStatus.ACTIF, supported.episode_id, "avdl")
    ]
    assert live.episodes.episode(supported.episode_id).status is EpisodeStatus.CLOTURE
    assert not detail.reactivate_button.isVisible()  # the after-care ended: nothing more to reactivate

    # That morning at the drop-in: ten identified visits and five anonymous ones, at the keyboard.
    window.show_widget(window.encounters)
    page = window.encounters.drop_in
    assert window.encounters.currentWidget() is page
    qtbot.waitExposed(window)
    window.activateWindow()
    page.household_picker.setFocus()
    qtbot.waitUntil(page.household_picker.hasFocus)
    names = ("abadie", "bernier", "carpentier")
    for number in range(10):
        qtbot.keyClicks(page.focusWidget(), names[number % 3])
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Return)  # one household matches: picked
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Return)  # recorded
        assert page.focusWidget() is page.household_picker
    for _ in range(5):
        qtbot.keyClicks(page.focusWidget(), "anonyme")
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_Return)
    assert live.drop_in.day_counts(date(2026, 6, 2)) == DropInCounts(visits=15, identified=10, households=3)
    assert "15" in page.day_counts_label.text()
    assert set(visitors) == {visit.household_id for visit in page.register.visits if visit.household_id}

    # A workshop with eight attendees: it shows in each attendee's file, beside its contact log.
    staff_id = live.context.actor.staff_member_id
    assert staff_id is not None
    live.collective_sessions.create_session(
        SessionInput(
            held_on=date(2026, 6, 2),
            theme_code="droits_devoirs_locataire",
            staff_ids=(staff_id,),
            attendees=tuple(SessionAttendeeInput(household_id) for household_id in attendees),
        )
    )
    for household_id in attendees:
        window.open_household(household_id)
        panel.show_tab(panel.contacts_panel)
        model = panel.contacts_panel.encounters_model
        assert model.rowCount() == 1
        assert model.record(0).detail.startswith("Atelier : Droits et devoirs du locataire")

    window.close()
    application.shutdown()
