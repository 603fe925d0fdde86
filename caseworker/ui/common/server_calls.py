"""Team mode: the services' calls run off the GUI thread, so that a slow network never freezes the window.

Every call the window makes to a service goes through the team's server. On a good network it takes a few tens of
milliseconds; on a bad one, up to the statement or connection timeout (:mod:`caseworker.storage.server`). The
composition root wraps the services (:func:`calls_off_the_gui_thread`): each call then runs on one worker thread,
in the order made, while the GUI thread waits

- a few milliseconds without a loop (most calls end by then: nothing changes for them),
- then in a local event loop that keeps painting and running timers but acts on no input (a second click would
  save twice; what is typed into a text field is kept and typed in afterwards: :mod:`~caseworker.ui.common.held_input`),
  the cursor busy; past a second, a line over the window says the server is slow to answer.

The result or the exception comes back to the caller as if the call had run in place. A call made from another
thread (work run by :func:`~caseworker.ui.common.tasks.run_with_progress`) runs in place: it is already off the GUI
thread. A call made while another waits (a timer's refresh during a slow save) queues behind it on the worker.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QThread, QTimer
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from caseworker.collection import collection_paused
from caseworker.ui.common.held_input import HeldInput, release_again, type_again

T = TypeVar("T")
S = TypeVar("S")

QUICK_WAIT_S = 0.03
"""How long the GUI thread waits for a call without a loop: most calls end within it, at no cost."""
POLL_MS = 5
"""How often the local loop looks whether the call has ended."""
SLOW_NOTICE_MS = 1000
"""After this long, a small window says the server is slow to answer."""


class ServerCalls:
    """Runs service calls on one worker thread, the GUI thread waiting without freezing. Create on the GUI thread."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="caseworker-server")
        self._gui_thread = QThread.currentThread()
        self._waiting = 0

    @property
    def busy(self) -> bool:
        """True while the GUI thread waits for a call (views should not start a refresh of their own now)."""
        return self._waiting > 0

    def run(self, call: Callable[[], T]) -> T:
        """Run ``call`` on the worker thread (in place when not on the GUI thread); return or raise what it does."""
        if QThread.currentThread() is not self._gui_thread:
            return call()
        with collection_paused():  # no widget may be collected on the worker thread (caseworker/collection.py)
            future = self._executor.submit(call)
            wait([future], timeout=QUICK_WAIT_S)
            if future.done():
                return future.result()
            return self._wait(future)

    def shutdown(self) -> None:
        """Let the worker finish what it runs, take no more calls."""
        self._executor.shutdown(wait=True)

    def _wait(self, future: Future[T]) -> T:
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(POLL_MS)
        poll.timeout.connect(lambda: loop.quit() if future.done() else None)
        notices: list[_SlowNotice] = []  # made only once the wait is long (most calls end before)
        slow = QTimer()
        slow.setSingleShot(True)
        slow.timeout.connect(lambda: notices.extend(_SlowNotice.over(QApplication.activeWindow())))
        held = HeldInput()
        application = QCoreApplication.instance()
        assert application is not None
        application.installEventFilter(held)
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BusyCursor))
        self._waiting += 1
        try:
            poll.start()
            slow.start(SLOW_NOTICE_MS)
            if not future.done():
                loop.exec()
        finally:
            # Input and the cursor first: nothing below may leave the window deaf.
            application.removeEventFilter(held)
            QGuiApplication.restoreOverrideCursor()
            self._waiting -= 1
            poll.stop()
            slow.stop()
            for notice in notices:
                if shiboken6.isValid(notice):  # (its window may have gone during the wait)
                    notice.close()
                    notice.deleteLater()
            if held.typed:
                QTimer.singleShot(0, lambda: type_again(held.typed))
            if held.released:
                QTimer.singleShot(0, lambda: release_again(held.released))
        return future.result()


class _SlowNotice(QLabel):
    """A line over the bottom of the window in front: the server is slow to answer, the app waits for it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(QCoreApplication.translate("ServerCalls", "Waiting for the team server…"), window)
        self.setObjectName("slowServerNotice")
        self.setMargin(10)
        self.setStyleSheet("QLabel#slowServerNotice { background: #fff4ce; border: 1px solid #c19c00; }")
        self.adjustSize()
        self.move(max(0, window.width() - self.width() - 16), max(0, window.height() - self.height() - 16))
        self.show()
        self.raise_()

    @classmethod
    def over(cls, window: QWidget | None) -> list[_SlowNotice]:
        """The notice shown over ``window`` (none without a window in front: the busy cursor says it)."""
        return [cls(window)] if window is not None and shiboken6.isValid(window) else []


class _CallsOffThread:
    """One service, its public methods run through :class:`ServerCalls` (attributes read as they are)."""

    def __init__(self, service: object, calls: ServerCalls) -> None:
        self._service = service
        self._calls = calls

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._service, name)
        if name.startswith("_") or not callable(value):
            return value
        calls = self._calls

        def off_thread(*args: Any, **kwargs: Any) -> Any:
            return calls.run(lambda: value(*args, **kwargs))

        off_thread.__name__ = name
        off_thread.__doc__ = value.__doc__
        return off_thread


def calls_off_the_gui_thread(services: S, calls: ServerCalls) -> S:
    """The same set of services (a dataclass of them), each call run through ``calls``.

    The context (the clock, the person logged in: no connection) is kept as it is.
    """
    # Each stands in for its service (same methods, same answers): typed as the service for the sections.
    wrapped: dict[str, Any] = {
        field.name: _CallsOffThread(getattr(services, field.name), calls)
        for field in dataclasses.fields(services)  # type: ignore[arg-type]
        if field.name != "context"
    }
    return dataclasses.replace(services, **wrapped)  # type: ignore[type-var]
