"""The drop-in register page (docs/domain.md §14.4), driven from the keyboard as the front desk does.

The issue's acceptance test: fifteen visits in a morning without the mouse — ten identified (type part of the
name, Enter picks the household, Enter records) and five anonymous (type « anonyme », Enter) — and the day's
count says 15, 10 identified and 5 anonymous.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from caseworker.domain.aftercare import AgeBand, Sex
from caseworker.formats import format_date
from caseworker.services import Services
from caseworker.services.encounters import DropInCounts, DropInInput
from caseworker.ui.encounters.drop_in_page import DropInRegisterPage
from tests.services.builders import TODAY, new_household
from tests.support import FixedClock
from tests.ui.conftest import MessageLog, unexplained_disabled_buttons
from tests.ui.test_criteria_ui import SCREENSHOT_DIR

_tr = partial(QCoreApplication.translate, "DropInRegisterPage")
SURNAMES = ("Abadie", "Bernier", "Carpentier", "Delorme", "Esnault", "Fabre", "Gaillard", "Hamon", "Imbert", "Jacquet")


def _page(qtbot, services: Services, clock: FixedClock) -> DropInRegisterPage:  # type: ignore[no-untyped-def]
    page = DropInRegisterPage(
        services.drop_in,
        lambda text, limit: services.households.search(text, limit=limit),
        clock.today,
        clock.now,
    )
    qtbot.addWidget(page)
    page.resize(1166, 700)  # a 1366-pixel screen less the navigation
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # the front desk's window: the matches pop up under the field
    qtbot.waitUntil(page.household_picker.hasFocus)
    return page


def _focused(page: QWidget) -> QWidget:
    widget = page.focusWidget()
    assert widget is not None
    return widget


def test_fifteen_visits_in_a_morning_from_the_keyboard_alone(qtbot, services: Services, clock: FixedClock) -> None:
    households = {name: new_household(services, "Jeanne", name).id for name in SURNAMES}
    page = _page(qtbot, services, clock)
    assert _focused(page) is page.household_picker  # the cursor waits in the household field

    for number, name in enumerate(SURNAMES):
        qtbot.keyClicks(_focused(page), name[:5].lower())  # part of the name, as typed
        qtbot.keyClick(_focused(page), Qt.Key.Key_Return)  # one household matches: picked
        assert page.household_picker.household_id() == households[name]
        if number == 0:  # the first names its person and reason: Tab to them, arrows, Enter records from there
            qtbot.keyClick(_focused(page), Qt.Key.Key_Tab)
            assert _focused(page) is page.anonymous_box
            qtbot.keyClick(_focused(page), Qt.Key.Key_Tab)
            qtbot.keyClick(_focused(page), Qt.Key.Key_Down)  # from the household to its person
            assert page.person_combo.currentText() == f"{name.upper()} Jeanne"
            for _ in range(3):
                qtbot.keyClick(_focused(page), Qt.Key.Key_Tab)
            assert _focused(page) is page.reason_combo
            qtbot.keyClick(_focused(page), Qt.Key.Key_Down)
            qtbot.keyClick(_focused(page), Qt.Key.Key_Down)
        qtbot.keyClick(_focused(page), Qt.Key.Key_Return)  # recorded, the row cleared
        assert _focused(page) is page.household_picker
        assert page.household_picker.currentText() == ""
        assert page.visits_model.rowCount() == number + 1
    for number in range(5):
        qtbot.keyClicks(_focused(page), "anonyme")
        if number == 4:  # the last with what is known of them
            qtbot.keyClick(_focused(page), Qt.Key.Key_Tab)
            qtbot.keyClick(_focused(page), Qt.Key.Key_Tab)
            qtbot.keyClick(_focused(page), Qt.Key.Key_Tab)
            assert _focused(page) is page.age_combo
            qtbot.keyClick(_focused(page), Qt.Key.Key_Down)
            qtbot.keyClick(_focused(page), Qt.Key.Key_Down)
            qtbot.keyClick(_focused(page), Qt.Key.Key_Tab)
            qtbot.keyClick(_focused(page), Qt.Key.Key_Down)
        qtbot.keyClick(_focused(page), Qt.Key.Key_Return)
        assert _focused(page) is page.household_picker

    assert services.drop_in.day_counts(TODAY) == DropInCounts(visits=15, identified=10, households=10)
    assert page.register is not None and page.register.counts.anonymous == 5
    said = _tr("{visits} — {identified}, {anonymous}; {households}").format(
        visits=_tr("%n visit(s)", "", 15),
        identified=_tr("%n identified", "", 10),
        anonymous=_tr("%n anonymous", "", 5),
        households=_tr("%n household(s)", "", 10),
    )
    assert said in page.day_counts_label.text() and said in page.month_counts_label.text()
    visits = list(page.register.visits)
    first = next(visit for visit in visits if visit.household_id == households["Abadie"])
    assert (first.person_name, first.reason_code) == ("ABADIE Jeanne", "courrier")
    described = [visit for visit in visits if visit.age_band is not None]
    assert [(visit.age_band, visit.sex) for visit in described] == [(AgeBand.AGE_18_24, Sex.FEMME)]
    assert page.visits_model.data(page.visits_model.index(0, 1)) == "Anonyme — femme, 18-24 ans"  # newest first


# The matches' popup on the offscreen platform: Qt says it cannot raise it nor grab the keyboard for it.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_several_matches_are_shown_to_choose_from_with_the_arrows(qtbot, services: Services, clock: FixedClock) -> None:
    awa = new_household(services, "Awa", "Diallo").id
    new_household(services, "Fatou", "Diallo")
    page = _page(qtbot, services, clock)
    qtbot.keyClicks(_focused(page), "diallo")
    qtbot.keyClick(_focused(page), Qt.Key.Key_Return)
    assert page.household_picker.matches.rowCount() == 2
    assert page.message.text() == _tr("Several households match: choose one with the arrows and Enter.")
    completer = page.household_picker.completer()
    assert completer is not None and completer.popup().isVisible()
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)  # chosen: nothing recorded yet
    assert page.household_picker.household_id() == awa
    assert services.drop_in.day_counts(TODAY) == DropInCounts()
    qtbot.keyClick(_focused(page), Qt.Key.Key_Return)
    assert services.drop_in.day_counts(TODAY) == DropInCounts(visits=1, identified=1, households=1)
    assert not completer.popup().isVisible()
    qtbot.keyClicks(_focused(page), "zorglub")
    qtbot.keyClick(_focused(page), Qt.Key.Key_Return)
    assert page.message.text() == _tr("No household matches « {text} ».").format(text="zorglub")
    assert page.household_picker.currentText() == "zorglub"  # kept, to correct
    assert services.drop_in.day_counts(TODAY).visits == 1


def test_a_refusal_is_said_under_the_row_and_what_was_typed_stays(qtbot, services: Services, clock: FixedClock) -> None:
    page = _page(qtbot, services, clock)
    page.anonymous_box.setFocus()
    qtbot.keyClick(page.anonymous_box, Qt.Key.Key_Space)  # ticked (Alt+N, with the window active)
    page.time_edit.setFocus()
    qtbot.keyClicks(page.time_edit, "23:59")  # later than now (10:00): in the future
    qtbot.keyClick(page.time_edit, Qt.Key.Key_Return)
    assert page.message.text().startswith("Heure : une visite ne peut pas être dans le futur"), page.message.text()
    assert page.anonymous_box.isChecked() and services.drop_in.day_counts(TODAY) == DropInCounts()


def test_the_previous_day_a_delete_with_confirmation_and_what_a_referent_may_not_delete(
    qtbot, services: Services, clock: FixedClock, message_boxes: MessageLog
) -> None:
    household = new_household(services).id
    yesterday = clock.now() - timedelta(days=1)
    services.drop_in.record_visit(DropInInput(household, reason_code="budget", occurred_at=yesterday))
    page = _page(qtbot, services, clock)
    assert page.visits_model.rowCount() == 0 and not page.next_button.isEnabled()
    assert unexplained_disabled_buttons(page) == []
    page.previous_button.click()
    assert page.day_shown == TODAY - timedelta(days=1) and page.visits_model.rowCount() == 1
    assert page.entry.title() == _tr("New visit on {day}").format(day=format_date(TODAY - timedelta(days=1)))
    page.visits_table.setFocus()
    page.visits_table.selectRow(0)
    assert page.delete_button.isEnabled()
    message_boxes.answer = message_boxes.answer.No
    qtbot.keyClick(page.visits_table, Qt.Key.Key_Delete)
    assert services.drop_in.day(yesterday.date()).visits != ()
    message_boxes.answer = message_boxes.answer.Yes
    qtbot.keyClick(page.visits_table, Qt.Key.Key_Delete)
    assert services.drop_in.day(yesterday.date()).visits == ()
    assert page.visits_model.rowCount() == 0
    assert [kind for kind, _title, _text in message_boxes.shown] == ["question", "question"]


def _cut(page: QWidget) -> list[str]:
    inside = page.rect()
    return [
        widget.text()
        for widget in page.findChildren(QAbstractButton)
        if widget.isVisible() and not inside.contains(QRect(widget.mapTo(page, QPoint(0, 0)), widget.size()))
    ]


def test_the_page_fits_1366_and_1024_by_768(qtbot, services: Services, clock: FixedClock) -> None:
    for name in SURNAMES[:4]:
        household = new_household(services, "Jeanne", name).id
        services.drop_in.record_visit(DropInInput(household, reason_code="demarches"))
    services.drop_in.record_visit(DropInInput(age_band=AgeBand.AGE_50_64, sex=Sex.HOMME, reason_code="accueil"))
    page = _page(qtbot, services, clock)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for width, height in ((1166, 700), (824, 680)):  # each screen less the navigation and the window's frame
        page.resize(width, height)
        QApplication.processEvents()
        assert page.minimumSizeHint().width() <= width, page.minimumSizeHint()
        assert page.width() == width and page.height() == height
        assert _cut(page) == []
        page.grab().save(str(SCREENSHOT_DIR / f"drop_in_register_{width + 200}.png"))
