"""Team mode: a service call runs off the GUI thread; the window keeps painting, input waits or is dropped."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

from caseworker.errors import KnownError
from caseworker.ui.common.server_calls import ServerCalls


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


def test_while_a_slow_call_runs_the_window_keeps_its_event_loop(calls: ServerCalls) -> None:
    with LoopWatch() as watch:
        assert calls.run(slow(0.5, "fini")) == "fini"
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
