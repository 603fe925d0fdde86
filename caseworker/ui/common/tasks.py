"""Long work off the GUI thread, with a progress dialog and a Cancel button.

One helper for the whole UI (as Anki's ``QueryOp``): the work function runs in a worker thread and receives
``report(done, total)`` and ``cancelled()``; the GUI stays responsive; the result or the exception comes back on
the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

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
    dialog = QProgressDialog(label, QProgressDialog.tr("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    # The dialog is shown by a timer of our own (QProgressDialog's own estimate never fires for busy work).
    dialog.setMinimumDuration(2**30)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(cancel_flag.set)
    if not cancellable:
        dialog.setCancelButton(None)  # type: ignore[arg-type]

    worker: _Worker[T] = _Worker(work, cancel_flag)
    thread = QThread()
    worker.moveToThread(thread)
    loop = QEventLoop()
    relay = _Relay(dialog, loop)
    worker.progressed.connect(relay.progress, Qt.ConnectionType.QueuedConnection)
    worker.done.connect(relay.finish, Qt.ConnectionType.QueuedConnection)
    thread.started.connect(worker.run)
    QTimer.singleShot(minimum_ms, relay.show_dialog)
    thread.start()
    loop.exec()
    thread.quit()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    relay.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[return-value]
