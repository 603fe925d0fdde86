"""The board in the window: counts in the panels' titles, overdue in words, rows opening the file at their tab,
Decision…, the filters, and meeting mode on the projector (docs/domain.md §11.1)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from caseworker.app import Application
from caseworker.domain import AlertChannel
from caseworker.domain.file_tabs import FileTab
from caseworker.services import Services
from caseworker.services.alerts import AlertInput
from caseworker.services.board import PanelKind
from caseworker.services.directory import OrganisationView
from caseworker.services.support import ContactInput, OrientationInput, SuspensionInput
from caseworker.storage.secret_store import KeyringSecretStore
from caseworker.ui.board.board_page import BoardPage
from caseworker.ui.board.board_table_model import OVERDUE_BACKGROUND
from caseworker.ui.board.meeting_window import MEETING_POINT_SIZE
from tests.services.builders import new_household
from tests.services.support.test_episodes import with_coordinator
from tests.support import FixedClock
from tests.support.row_versions import current_version

TUESDAY = date(2026, 6, 16)


def _followed(services: Services, first: str, last: str, *, start: date) -> tuple[int, int]:
    household = new_household(services, first, last)
    with_coordinator(services, household.id, since=start - timedelta(days=20))
    episode = services.episodes.open_episode(
        household.id, OrientationInput(measure_code="avdl", orientation_date=start - timedelta(days=10))
    )
    services.episodes.activate(
        episode.id,
        on=start,
        level_code="renforce",
        expected_version=current_version(services.episodes, "activate", episode.id),
    )
    return household.id, episode.id


def _seed(services: Services, landlord: OrganisationView) -> dict[str, int]:
    late, _ = _followed(services, "Hélène", "Çelik", start=date(2026, 1, 5))
    received = datetime(2026, 6, 12, 15, 0, tzinfo=timezone.utc)  # Friday 17:00 in Paris
    services.alerts.create(AlertInput("impaye", late, landlord.id, received, AlertChannel.TELEPHONE))
    paused, episode = _followed(services, "Anne", "Durand", start=date(2026, 1, 5))
    services.episodes.suspend(
        episode,
        SuspensionInput(date(2026, 3, 1), "hospitalisation", date(2026, 6, 1)),
        expected_version=current_version(services.episodes, "suspend", episode),
    )
    services.contacts.record_contact(
        late,
        ContactInput(
            occurred_at=datetime(2026, 6, 15, 9, 0, tzinfo=timezone.utc),
            type_code="visite_domicile",
            outcome_code="porte_close",
        ),
    )
    return {"late": late, "paused": paused}


@pytest.fixture
def page(qtbot, services: Services, landlord: OrganisationView, clock: FixedClock) -> BoardPage:  # type: ignore[no-untyped-def]
    seeded = _seed(services, landlord)
    clock.today_value = TUESDAY
    board_page = BoardPage(services.board)
    qtbot.addWidget(board_page)
    board_page.resize(1166, 700)
    board_page.show()
    board_page.reload()
    board_page.seeded = seeded  # type: ignore[attr-defined]
    return board_page


def test_each_panel_says_its_count_and_overdue_in_words(page: BoardPage) -> None:
    late = page.seeded["late"]  # type: ignore[attr-defined]
    assert page.boxes[PanelKind.ALERTS].title().startswith("Alertes nouvelles et en retard (1) · 1 ")
    model = page.models[PanelKind.ALERTS]
    assert model.record(0).household_id == late
    what, words = model.data(model.index(0, model.columnCount() - 1)).split("\n")
    assert what.startswith("Impayé de loyer · ")
    assert words == "Prise en compte en retard de 1 jour ouvré (attendue le 15/06/2026)"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    contacts = page.models[PanelKind.CONTACTS]
    assert page.boxes[PanelKind.CONTACTS].title() == "Contacts depuis le dernier jour ouvré (1) · depuis le 15/06/2026"
    assert contacts.record(0).words == "Tentative sans contact : porte close (« aller vers »)"
    assert contacts.data(contacts.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert page.boxes[PanelKind.SUSPENSIONS].title().startswith("Suspensions à revoir (1)")
    assert "Hospitalisation" in page.models[PanelKind.SUSPENSIONS].record(0).what  # the team's own board
    assert page.models[PanelKind.CASELOADS].rowCount() >= 1
    # An empty panel says so rather than showing a blank table.
    assert page.boxes[PanelKind.WAITING].title() == "Liste d'attente et admissions (0)"
    assert not page.tables[PanelKind.WAITING].isVisible()
    assert page.tables[PanelKind.ALERTS].isVisible()


def test_enter_and_double_click_open_the_household_at_the_rows_tab(qtbot, page: BoardPage) -> None:
    late = page.seeded["late"]  # type: ignore[attr-defined]
    table = page.tables[PanelKind.ALERTS]
    table.setFocus()
    table.selectRow(0)
    with qtbot.waitSignal(page.household_opened) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [late, FileTab.ALERTS]
    paused = page.seeded["paused"]  # type: ignore[attr-defined]
    suspensions = page.tables[PanelKind.SUSPENSIONS]
    with qtbot.waitSignal(page.household_opened) as opened:
        suspensions.doubleClicked.emit(suspensions.model().index(0, 1))
    assert opened.args == [paused, FileTab.SUPPORT]


def test_decision_asks_for_the_chosen_households_decision(qtbot, page: BoardPage) -> None:
    assert not page.decision_button.isEnabled()  # nothing chosen: no household to decide about
    assert page.decision_button.toolTip()
    table = page.tables[PanelKind.SUSPENSIONS]
    table.setFocus()
    table.selectRow(0)
    assert page.decision_button.isEnabled()
    with qtbot.waitSignal(page.decision_requested) as asked:
        page.decision_button.click()
    assert asked.args == [page.seeded["paused"]]  # type: ignore[attr-defined]
    caseloads = page.tables[PanelKind.CASELOADS]
    caseloads.setFocus()
    caseloads.selectRow(0)
    assert not page.decision_button.isEnabled()  # a colleague's caseload is no household


def test_filters_and_f5(qtbot, page: BoardPage, services: Services) -> None:
    labels = [page.referent_combo.itemText(i) for i in range(page.referent_combo.count())]
    assert page.referent_combo.itemData(0) is None and "Claire MARTIN" in labels
    asll = page.measure_combo.findText("ASLL (FSL)")
    page.measure_combo.setCurrentIndex(asll)  # nobody has an ASLL: the panels empty
    assert page.models[PanelKind.ALERTS].rowCount() == 0
    assert page.boxes[PanelKind.ALERTS].title() == "Alertes nouvelles et en retard (0)"
    page.measure_combo.setCurrentIndex(0)
    assert page.models[PanelKind.ALERTS].rowCount() == 1
    _followed(services, "Bruno", "Petit", start=date(2026, 1, 5))  # no contact ever: past the threshold
    before = page.models[PanelKind.NO_CONTACT].rowCount()
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F5)
    assert page.models[PanelKind.NO_CONTACT].rowCount() == before + 1


def test_meeting_mode_full_screen_large_type_keyboard_and_initials(qtbot, page: BoardPage) -> None:
    page.open_meeting_mode()
    meeting = page.meeting_window
    assert meeting is not None
    qtbot.addWidget(meeting)
    qtbot.waitExposed(meeting)
    assert meeting.isFullScreen()
    assert meeting.font().pointSize() == MEETING_POINT_SIZE
    assert meeting.tables[PanelKind.ALERTS].font().pointSize() == MEETING_POINT_SIZE  # large type in the panels too
    assert meeting.current_kind() is PanelKind.ALERTS
    alerts = meeting.models[PanelKind.ALERTS]
    assert alerts.record(0).who == "ÇELIK Hélène"
    assert meeting.tabs.tabText(0) == "Alertes nouvelles et en retard (1)"
    # Suspensions: the reason (a hospital stay) is never on the projector.
    suspensions = meeting.models[PanelKind.SUSPENSIONS]
    assert "Hospitalisation" not in suspensions.record(0).what
    table = meeting.tables[PanelKind.ALERTS]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert meeting.current_kind() is PanelKind.CONTACTS
    qtbot.keyClick(meeting.tables[PanelKind.CONTACTS], Qt.Key.Key_Left)
    assert meeting.current_kind() is PanelKind.ALERTS
    qtbot.keyClick(meeting.tables[PanelKind.ALERTS], Qt.Key.Key_Left)  # round the end
    assert meeting.current_kind() is PanelKind.CASELOADS
    qtbot.keyClick(meeting.tables[PanelKind.CASELOADS], Qt.Key.Key_I)
    assert meeting.initials_box.isChecked()
    assert alerts.record(0).who == "Ç. H."
    assert alerts.record(0).display_name == ""
    qtbot.keyClick(meeting.tables[PanelKind.CASELOADS], Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not meeting.isVisible())


def test_the_window_opens_a_boards_row_at_its_tab(  # type: ignore[no-untyped-def]
    qtbot, services, landlord, data_paths, database, clock, message_boxes
) -> None:
    seeded = _seed(services, landlord)
    clock.today_value = TUESDAY
    database.dispose()
    application = Application(data_paths, KeyringSecretStore(), clock=clock)
    assert application.start(), message_boxes.shown
    window = application.window
    assert window is not None
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    try:
        window.show_widget(window.board)  # showing the section reads the board
        assert window.board.models[PanelKind.ALERTS].rowCount() == 1
        window.board.household_opened.emit(seeded["late"], FileTab.ALERTS)
        file_panel = window.households.file_panel
        assert window.stack.currentWidget() is window.households
        assert file_panel.household is not None and file_panel.household.id == seeded["late"]
        assert file_panel.tabs.currentWidget() is file_panel.alerts_panel
        window.board.household_opened.emit(seeded["paused"], FileTab.SUPPORT)
        assert file_panel.tabs.currentWidget() is file_panel.support_tab
    finally:
        window.close()
        application.shutdown()


def _one_row_a_panel(qtbot, services: Services, landlord: OrganisationView, clock: FixedClock):  # type: ignore[no-untyped-def]
    """The seeded board with a second contact since Monday, on a page holding one row a panel, read on Tuesday."""
    seeded = _seed(services, landlord)
    services.contacts.record_contact(
        seeded["paused"],
        ContactInput(
            occurred_at=datetime(2026, 6, 15, 8, 0, tzinfo=timezone.utc),
            type_code="visite_domicile",
            outcome_code="porte_close",
        ),
    )
    clock.today_value = TUESDAY
    page = BoardPage(services.board, rows_per_panel=1)
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    page.reload()
    return page, seeded


def test_a_panel_shows_its_most_urgent_rows_and_reads_whole_on_show_all(  # type: ignore[no-untyped-def]
    qtbot, services: Services, landlord: OrganisationView, clock: FixedClock
) -> None:
    page, _seeded = _one_row_a_panel(qtbot, services, landlord, clock)
    button = page.findChild(QPushButton, "board_more_contacts")
    assert page.boxes[PanelKind.CONTACTS].title().startswith("Contacts depuis le dernier jour ouvré (2)")
    assert page.models[PanelKind.CONTACTS].rowCount() == 1
    assert button.isVisible()
    assert (
        button.parent().findChild(QLabel, "boardMore").text()
        == "Seule la ligne la plus urgente (1) est affichée, sur 2."
    )
    assert not page.findChild(QPushButton, "board_more_alerts").isVisible()  # one alert: the panel is whole
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.models[PanelKind.CONTACTS].rowCount() == 2
    assert not button.isVisible()
    assert page.boxes[PanelKind.CONTACTS].title().startswith("Contacts depuis le dernier jour ouvré (2)")
    page.reload()  # a new reading holds the most urgent again
    assert page.models[PanelKind.CONTACTS].rowCount() == 1


def test_a_refresh_keeps_the_panels_read_whole_and_the_row_chosen(  # type: ignore[no-untyped-def]
    qtbot, services: Services, landlord: OrganisationView, clock: FixedClock
) -> None:
    """Team mode: a colleague's change re-reads the board; the debrief goes on where it was."""
    page, seeded = _one_row_a_panel(qtbot, services, landlord, clock)
    page.show_whole_panel(PanelKind.CONTACTS)
    contacts = page.models[PanelKind.CONTACTS]
    table = page.tables[PanelKind.CONTACTS]
    table.setFocus()
    table.selectRow(1)
    chosen = page.selected_row()
    assert chosen is not None and chosen.household_id == seeded["paused"]  # the older attempt, second
    services.contacts.record_contact(  # a colleague's visit, newest: it comes first
        seeded["late"],
        ContactInput(
            occurred_at=datetime(2026, 6, 15, 10, 0, tzinfo=timezone.utc),
            type_code="visite_domicile",
            outcome_code="rencontre",
        ),
    )
    page.refresh()
    assert contacts.rowCount() == 3  # still whole
    again = page.selected_row()
    assert again is not None and (again.household_id, again.what) == (chosen.household_id, chosen.what)
    assert page.decision_button.isEnabled()
    page.reload()  # F5, a filter changed: the first rows again
    assert contacts.rowCount() == 1
