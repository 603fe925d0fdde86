"""Team mode: a service call runs off the GUI thread; the window keeps painting, input waits or is dropped."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caseworker.errors import KnownError, ServerUnavailableError
from caseworker.services import Services
from caseworker.services.households import HouseholdSummary
from caseworker.ui.common.household_picker import HouseholdPicker
from caseworker.ui.common.server_calls import ServerCalls
from tests.services.builders import new_household


class LoopWatch:
    """Ticks on the GUI thread every few milliseconds: the longest gap between two ticks is how long the thread
    was held away from its event loop."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(2)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def __enter__(self) -> LoopWatch:
        self.ticks = [time.perf_counter()]
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._timer.stop()
        self.ticks.append(time.perf_counter())

    @property
    def seconds(self) -> float:
        return self.ticks[-1] - self.ticks[0]

    @property
    def longest_gap_ms(self) -> float:
        return max(later - earlier for earlier, later in zip(self.ticks, self.ticks[1:], strict=False)) * 1000


@pytest.fixture
def calls(qtbot) -> ServerCalls:  # type: ignore[no-untyped-def]
    calls = ServerCalls()
    yield calls
    calls.shutdown()


def slow(seconds: float, answer: object = None) -> Callable[[], object]:
    def call() -> object:
        time.sleep(seconds)
        return answer

    return call


def test_a_call_answers_or_raises_as_if_made_in_place(calls: ServerCalls) -> None:
    assert calls.run(lambda: 42) == 42
    assert calls.run(slow(0.2, "tard")) == "tard"

    def refused() -> None:
        time.sleep(0.1)
        raise KnownError("Le serveur de l'équipe a refusé cette opération.")

    with pytest.raises(KnownError, match="refusé"):
        calls.run(refused)
    assert calls.run(threading.current_thread) is not threading.main_thread()


@pytest.mark.timing
def test_while_a_slow_call_runs_the_window_keeps_its_event_loop(calls: ServerCalls) -> None:
    gc.collect()
    gc.freeze()  # a full collection of the test process holds every thread a tenth of a second: not the network
    try:
        with LoopWatch() as watch:
            assert calls.run(slow(0.5, "fini")) == "fini"
    finally:
        gc.unfreeze()
    assert len(watch.ticks) > 50
    assert watch.longest_gap_ms < 100, watch.longest_gap_ms  # the quick wait (QUICK_WAIT_S) at most, and a little


def test_a_call_from_a_worker_thread_runs_in_place(calls: ServerCalls) -> None:
    ran_on: list[threading.Thread] = []

    def from_worker() -> None:
        ran_on.append(calls.run(threading.current_thread))  # type: ignore[arg-type]

    worker = threading.Thread(target=from_worker)
    worker.start()
    worker.join(5)
    assert ran_on == [worker]


def test_a_call_made_during_a_wait_runs_after_the_one_waited_for(calls: ServerCalls) -> None:
    order: list[str] = []
    inner_answer: list[object] = []

    def outer() -> str:
        time.sleep(0.3)
        order.append("première")
        return "première"

    def inner() -> str:
        order.append("seconde")
        return "seconde"

    # A timer's refresh, during the wait, asks the server something too: it queues behind the call waited for.
    QTimer.singleShot(100, lambda: inner_answer.append(calls.run(inner)))
    assert not calls.busy
    assert calls.run(outer) == "première"
    QApplication.processEvents()
    assert order == ["première", "seconde"]
    assert inner_answer == ["seconde"]
    assert not calls.busy


def test_typed_letters_wait_for_the_answer_and_clicks_are_dropped(qtbot, calls: ServerCalls) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    layout = QVBoxLayout(window)
    edit = QLineEdit()
    button = QPushButton("Enregistrer")
    clicked: list[bool] = []
    button.clicked.connect(lambda: clicked.append(True))
    layout.addWidget(edit)
    layout.addWidget(button)
    qtbot.addWidget(window)
    window.show()
    edit.setFocus()
    busy: list[bool] = []

    def during_the_wait() -> None:
        busy.append(calls.busy)
        qtbot.keyClicks(edit, "Celik")  # (ASCII: QtTest aborts on some non-ASCII keys)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert edit.text() == ""  # not yet: the answer is not in

    QTimer.singleShot(150, during_the_wait)
    calls.run(slow(0.4))
    qtbot.waitUntil(lambda: edit.text() == "Celik", timeout=1000)
    assert busy == [True]
    assert clicked == []  # a second "Enregistrer" while the first waits would save twice
    button.click()
    assert clicked == [True]  # once the wait is over, the window answers again


def test_past_a_second_a_line_over_the_window_says_the_server_is_slow(qtbot, calls: ServerCalls) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    window.resize(800, 600)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    seen: list[list[str]] = []

    def notices() -> list[str]:
        return [
            widget.text()  # type: ignore[attr-defined]
            for widget in QApplication.allWidgets()
            if widget.objectName() == "slowServerNotice" and widget.isVisible() and widget.window() is window
        ]

    QTimer.singleShot(300, lambda: seen.append(notices()))
    QTimer.singleShot(1300, lambda: seen.append(notices()))
    calls.run(slow(1.5))
    assert seen == [[], ["En attente du serveur de l'équipe…"]]
    QApplication.processEvents()
    assert notices() == []


def _two_fields(qtbot) -> tuple[QWidget, QLineEdit, QLineEdit]:  # type: ignore[no-untyped-def]
    window = QWidget()
    layout = QVBoxLayout(window)
    first, second = QLineEdit(), QLineEdit()
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    first.setFocus()
    return window, first, second


def test_shortcuts_and_the_window_manager_s_close_do_nothing_during_a_wait(qtbot, calls: ServerCalls) -> None:  # type: ignore[no-untyped-def]
    window, first, _second = _two_fields(qtbot)
    saved: list[bool] = []
    shortcut = QShortcut(QKeySequence("Ctrl+Return"), window)  # as the contact dialog saves
    shortcut.activated.connect(lambda: saved.append(True))
    pressed: list[bool] = []
    first.returnPressed.connect(lambda: pressed.append(True))
    seen: dict[str, object] = {}

    def during_the_wait() -> None:
        qtbot.keyClick(first, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(first, Qt.Key.Key_Return)
        window.windowHandle().close()  # as the window manager's close button does
        seen["visible"] = window.isVisible()

    QTimer.singleShot(100, during_the_wait)
    calls.run(slow(0.3))
    QApplication.processEvents()
    assert (saved, pressed, seen) == ([], [], {"visible": True})
    qtbot.keyClick(first, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved == [True]  # after the wait, the shortcut works again


def test_typing_with_tab_during_a_wait_continues_in_the_next_field(qtbot, calls: ServerCalls) -> None:  # type: ignore[no-untyped-def]
    _window, first, second = _two_fields(qtbot)

    def during_the_wait() -> None:
        qtbot.keyClicks(first, "Dupont")
        qtbot.keyClick(first, Qt.Key.Key_Tab)
        qtbot.keyClicks(first, "Jean")  # the focus has not moved yet: the keys still reach the first field
        qtbot.keyClick(first, Qt.Key.Key_Backspace)

    QTimer.singleShot(100, during_the_wait)
    calls.run(slow(0.3))
    qtbot.waitUntil(lambda: second.text() == "Jea", timeout=1000)
    assert first.text() == "Dupont"


def test_typing_into_an_editable_combo_or_a_note_during_a_wait_is_kept(qtbot, calls: ServerCalls) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    layout = QVBoxLayout(window)
    combo = QComboBox()
    combo.setEditable(True)
    note = QPlainTextEdit()
    layout.addWidget(combo)
    layout.addWidget(note)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    combo.setFocus()

    def in_the_combo() -> None:
        qtbot.keyClicks(combo, "Mar")

    QTimer.singleShot(100, in_the_combo)
    calls.run(slow(0.3))
    qtbot.waitUntil(lambda: combo.currentText() == "Mar", timeout=1000)
    note.setFocus()

    def in_the_note() -> None:
        qtbot.keyClicks(note, "Porte")
        qtbot.keyClick(note, Qt.Key.Key_Return)  # a new line in a note, kept
        qtbot.keyClicks(note, "close")

    QTimer.singleShot(100, in_the_note)
    calls.run(slow(0.3))
    qtbot.waitUntil(lambda: note.toPlainText() == "Porte\nclose", timeout=1000)


def test_a_dialog_opened_during_a_wait_gets_its_input(qtbot, calls: ServerCalls) -> None:  # type: ignore[no-untyped-def]
    """A refusal said by a call made meanwhile (a message box) must be answerable, or the wait never ends."""
    window, _first, _second = _two_fields(qtbot)
    answers: list[int] = []

    def refusal_said() -> None:
        dialog = QDialog(window)
        button = QPushButton("OK", dialog)
        button.clicked.connect(dialog.accept)
        QTimer.singleShot(100, lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton))
        answers.append(dialog.exec())

    QTimer.singleShot(100, refusal_said)
    calls.run(slow(0.5))
    QApplication.processEvents()
    assert answers == [QDialog.DialogCode.Accepted]


# The offscreen platform has no window system: the popup of the matches cannot raise itself nor grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing the keyboard")
def test_the_household_picker_keeps_what_is_typed_while_it_asks(qtbot, services: Services, calls: ServerCalls) -> None:  # type: ignore[no-untyped-def]
    new_household(services, "Hélène", "Celik")
    new_household(services, "Marc", "Celestin")
    typed_on: dict[str, str] = {"ce": "l", "cel": "i"}  # letters typed while the server looks for these
    typed_into: list[tuple[bool, str]] = []

    def search(text: str, limit: int) -> list[HouseholdSummary]:
        letters = typed_on.pop(text, "")
        if letters:

            def type_on() -> None:
                popup = picker.completer().popup()
                target = popup if popup.isVisible() else picker  # the list of matches takes the keys when shown
                typed_into.append((calls.busy, type(target).__name__))
                qtbot.keyClicks(target, letters)

            QTimer.singleShot(100, type_on)

        def ask() -> list[HouseholdSummary]:
            time.sleep(0.4)
            return services.households.search(text, limit=limit)

        return calls.run(ask)

    window = QWidget()
    layout = QVBoxLayout(window)
    picker = HouseholdPicker(search)
    layout.addWidget(picker)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    picker.setFocus()
    qtbot.keyClicks(picker, "ce")
    qtbot.waitUntil(lambda: picker.currentText() == "celi" and picker.matches.rowCount() == 1, timeout=5000)
    assert typed_into == [(True, "HouseholdPicker"), (True, "QListView")]
    assert picker.matches.item(0).text().startswith("CELIK Hélène")


def test_the_household_picker_says_a_server_out_of_reach_and_keeps_the_text(qtbot, message_boxes) -> None:  # type: ignore[no-untyped-def]
    def unreachable(text: str, limit: int) -> list[HouseholdSummary]:
        raise ServerUnavailableError("Le serveur de l'équipe ne répond pas. Rien n'a été enregistré.")

    picker = HouseholdPicker(unreachable)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker, "dupont")
    picker.look_up()
    assert message_boxes.texts() == ["Le serveur de l'équipe ne répond pas. Rien n'a été enregistré."]
    assert picker.currentText() == "dupont" and picker.household_id() is None


def test_a_mnemonic_or_a_context_menu_during_a_wait_does_nothing(qtbot, calls: ServerCalls) -> None:  # type: ignore[no-untyped-def]
    """Alt+letter is a label's shortcut, not a letter; a context menu would open a loop of its own no click closes."""
    window, first, _second = _two_fields(qtbot)
    spin = QSpinBox(window)
    spin.show()
    menus: list[bool] = []

    def during_the_wait() -> None:
        qtbot.keyClicks(first, "Dupont")
        qtbot.keyClick(first, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
        menus.append(
            QCoreApplication.sendEvent(
                spin, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(2, 2), spin.mapToGlobal(QPoint(2, 2)))
            )
        )

    QTimer.singleShot(100, during_the_wait)
    calls.run(slow(0.3))
    qtbot.waitUntil(lambda: first.text() == "Dupont", timeout=1000)
    QApplication.processEvents()
    assert first.text() == "Dupont"  # no "m"
    assert menus == [True]  # filtered: no menu was opened (the wait would never have ended)


def test_a_button_held_down_when_a_wait_begins_is_released_after_it(qtbot, calls: ServerCalls) -> None:  # type: ignore[no-untyped-def]
    """A press before the wait, its release during it: dropping the release would leave the button (or a scroll
    bar's arrow, repeating) held down for good. The release comes once the answer is in, away from the button: no
    click, as any click during a wait."""
    window = QWidget()
    layout = QVBoxLayout(window)
    held = QPushButton("Page suivante")
    clicked: list[bool] = []
    held.clicked.connect(lambda: clicked.append(True))
    layout.addWidget(held)
    qtbot.addWidget(window)
    window.show()
    qtbot.mousePress(held, Qt.MouseButton.LeftButton)
    seen: dict[str, object] = {}

    def during_the_wait() -> None:
        qtbot.mouseRelease(held, Qt.MouseButton.LeftButton)
        seen["down"], seen["clicked"] = held.isDown(), list(clicked)

    QTimer.singleShot(100, during_the_wait)
    calls.run(slow(0.3))
    qtbot.waitUntil(lambda: not held.isDown(), timeout=1000)
    assert seen == {"down": True, "clicked": []}
    QApplication.processEvents()
    assert clicked == []
    held.click()
    assert clicked == [True]  # and the button works again


def test_editing_keys_typed_during_a_wait_edit_the_field_afterwards(qtbot, calls: ServerCalls) -> None:  # type: ignore[no-untyped-def]
    """A word erased (Ctrl+Backspace), everything selected and typed over (Ctrl+A): what the field would have done
    without the wait. Ctrl+Enter, a shortcut of the window, stays dropped (see above)."""
    _window, first, second = _two_fields(qtbot)

    def during_the_wait() -> None:
        qtbot.keyClicks(first, "Dupont Jea")
        qtbot.keyClick(first, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(first, "Marie")
        qtbot.keyClick(first, Qt.Key.Key_Tab)
        qtbot.keyClicks(first, "ancien")
        qtbot.keyClick(first, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(first, "Rennes")

    QTimer.singleShot(100, during_the_wait)
    calls.run(slow(0.3))
    qtbot.waitUntil(lambda: second.text() == "Rennes", timeout=1000)
    assert first.text() == "Dupont Marie"


class _FieldLeavingCtrlBackspace(QLineEdit):
    """A field that leaves Ctrl+Backspace to the window's shortcuts, as a line edit leaves Ctrl+K ("erase to the end
    of the line" under Linux's key scheme, which the offscreen platform of the tests does not bind)."""

    def event(self, event: QEvent) -> bool:
        overridden = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if (
            overridden
            and event.key() == Qt.Key.Key_Backspace
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.ignore()
            return True
        return super().event(event)


def test_an_editing_key_the_field_leaves_to_a_shortcut_does_neither_during_a_wait(qtbot, calls: ServerCalls) -> None:  # type: ignore[no-untyped-def]
    """The field decides, as without a wait, whether a key is its own: Ctrl+K is the window's "record a contact",
    which a line edit lets win. During a wait the shortcut is dropped, and the key must not edit the field instead."""
    window = QWidget()
    field = _FieldLeavingCtrlBackspace("Dupont Jean")
    QVBoxLayout(window).addWidget(field)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=1000)  # a shortcut needs it
    field.setFocus()
    recorded: list[bool] = []
    shortcut = QShortcut(QKeySequence("Ctrl+Backspace"), window)
    shortcut.activated.connect(lambda: recorded.append(True))
    qtbot.keyClick(field, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert (recorded, field.text()) == ([True], "Dupont Jean")  # without a wait: the window's shortcut

    QTimer.singleShot(100, lambda: qtbot.keyClick(field, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier))
    calls.run(slow(0.3))
    QApplication.processEvents()
    QApplication.processEvents()
    assert (recorded, field.text()) == ([True], "Dupont Jean")
