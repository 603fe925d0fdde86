"""Long work off the GUI thread, with a progress dialog and a Cancel button.

One helper for the whole UI (as Anki's ``QueryOp``): the work function runs in a worker thread and receives
``report(done, total)`` and ``cancelled()``; the GUI stays responsive; the result or the exception comes back on
the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from caseworker.collection import collection_paused

T = TypeVar("T")
Report = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class _Worker(QObject, Generic[T]):
    progressed = Signal(int, int)
    done = Signal()

    def __init__(self, work: Callable[[Report, Cancelled], T], cancel_flag: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._cancel_flag = cancel_flag
        self.result: T | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._work(self.progressed.emit, self._cancel_flag.is_set)
        except BaseException as exc:
            self.error = exc
        self.done.emit()


class _Relay(QObject):
    """Lives in the GUI thread: signals from the worker reach the dialog through its slots, on the GUI thread.

    (A plain Python callable as the receiver of a queued connection would run in the sender's thread.)
    """

    def __init__(self, dialog: QProgressDialog, loop: QEventLoop) -> None:
        super().__init__()
        self._dialog = dialog
        self._loop = loop
        self.finished = False

    @Slot(int, int)
    def progress(self, done: int, total: int) -> None:
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(min(done, max(total, 1)))

    @Slot()
    def finish(self) -> None:
        self.finished = True
        self._loop.quit()

    @Slot()
    def show_dialog(self) -> None:
        if not self.finished:
            self._dialog.show()


_BLOCKED_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Wheel,
        QEvent.Type.Close,
    }
)


class _InputBlocker(QObject):
    """While work runs, input reaches only the progress dialog.

    The nested event loop would otherwise deliver a double click's second click (or Escape, or a window
    close) to the widget that started the work, before the modal dialog appears: the work would start twice.
    """

    def __init__(self, dialog: QProgressDialog, *, cancellable: bool) -> None:
        super().__init__()
        self._dialog = dialog
        self._cancellable = cancellable

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallow input aimed at any other window (and, for work that cannot stop, closing the dialog)."""
        if event.type() not in _BLOCKED_EVENTS or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self._dialog:
            return True
        return not self._cancellable and event.type() in (QEvent.Type.Close, QEvent.Type.KeyPress)


def run_with_progress(
    parent: QWidget | None,
    title: str,
    label: str,
    work: Callable[[Report, Cancelled], T],
    *,
    minimum_ms: int = 300,
    cancellable: bool = True,
) -> T:
    """Run ``work`` in a thread behind a modal progress dialog; return its result or raise its exception.

    The dialog appears only when the work lasts longer than ``minimum_ms``. Cancelling sets the flag that
    ``work`` polls through ``cancelled()``; the work decides how to stop (and usually raises). Work that must not
    stop half-way (re-encrypting the database) passes ``cancellable=False``: no Cancel button.
    """
    cancel_flag = threading.Event()
    dialog = QProgressDialog(label, QCoreApplication.translate("QProgressDialog", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    # The dialog is shown by a timer of our own (QProgressDialog's own estimate never fires for busy work).
    dialog.setMinimumDuration(2**30)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(cancel_flag.set)
    if not cancellable:
        dialog.setCancelButton(None)

    worker: _Worker[T] = _Worker(work, cancel_flag)
    thread = QThread()
    worker.moveToThread(thread)
    loop = QEventLoop()
    relay = _Relay(dialog, loop)
    worker.progressed.connect(relay.progress, Qt.ConnectionType.QueuedConnection)
    worker.done.connect(relay.finish, Qt.ConnectionType.QueuedConnection)
    thread.started.connect(worker.run)
    QTimer.singleShot(0 if not cancellable else minimum_ms, relay.show_dialog)
    blocker = _InputBlocker(dialog, cancellable=cancellable)
    application = QCoreApplication.instance()
    assert application is not None
    application.installEventFilter(blocker)
    with collection_paused():  # no widget may be collected on the worker thread (caseworker/collection.py)
        thread.start()
        try:
            loop.exec()
        finally:
            application.removeEventFilter(blocker)
        thread.quit()
        thread.wait()
    dialog.close()
    dialog.deleteLater()
    relay.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[return-value]
