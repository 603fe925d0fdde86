"""Python's cyclic garbage collection kept on the GUI thread while work runs on another.

Qt-free, so that a service that reads on a second thread of its own (the board) pauses it too.

The collector runs in whichever thread happens to allocate when a threshold is reached. In a worker thread it may
destroy a Qt widget nobody references any more (a dialog closed earlier, part of a reference cycle), and a widget
destroyed off the GUI thread crashes the application (seen: a segmentation fault while « Mes tâches » ran its check of
automatic tasks behind a progress dialog). So while work runs off the GUI thread, automatic collection pauses; it
resumes when the last such work has ended, and the next collection runs where Python still runs: the GUI thread.
The pauses are short (the work itself), and nothing is lost: collection only happens later.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pauses:
    """How many blocks run work off the GUI thread now, and whether collection was on before the first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.resume = False


_pauses = _Pauses()


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause automatic collection while the block runs work on another thread (nested and concurrent uses count)."""
    with _pauses.lock:
        if _pauses.running == 0:
            _pauses.resume = gc.isenabled()
            gc.disable()
        _pauses.running += 1
    try:
        yield
    finally:
        with _pauses.lock:
            _pauses.running -= 1
            if _pauses.running == 0 and _pauses.resume:
                gc.enable()
