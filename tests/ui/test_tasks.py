"""run_with_progress: work in a thread, progress on the GUI thread, cancellation, errors handed back."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from caseworker.ui.common.tasks import run_with_progress


def test_result_comes_back_and_work_ran_off_the_gui_thread(qtbot):
    threads: list[threading.Thread] = []

    def work(report, cancelled):
        threads.append(threading.current_thread())
        for step in range(5):
            report(step + 1, 5)
        return "fini"

    assert run_with_progress(None, "Titre", "Travail…", work) == "fini"
    assert threads[0] is not threading.main_thread()


def test_cancel_reaches_the_work(qtbot):
    def work(report, cancelled):
        for step in range(500):
            if cancelled():
                return f"annulé à {step}"
            report(step, 500)
            time.sleep(0.01)
        return "fini"

    def press_cancel():
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)), None)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, press_cancel)
            return
        dialog.findChild(QPushButton).click()  # what a person does

    QTimer.singleShot(50, press_cancel)
    result = run_with_progress(None, "Titre", "Travail…", work, minimum_ms=0)
    assert result.startswith("annulé à")


def test_errors_are_raised_on_the_gui_thread(qtbot):
    def work(report, cancelled):
        raise ValueError("échec voulu")

    with pytest.raises(ValueError, match="échec voulu"):
        run_with_progress(None, "Titre", "Travail…", work)


def test_no_garbage_is_collected_on_the_worker_thread(qtbot):
    """A widget collected off the GUI thread crashes the application: collection waits for the work to end."""
    import gc

    assert gc.isenabled()
    assert run_with_progress(None, "Travail", "En cours…", lambda report, cancelled: gc.isenabled()) is False
    assert gc.isenabled()  # back once the work has ended
    gc.disable()
    try:  # and not switched on by the work when it was off before
        run_with_progress(None, "Travail", "En cours…", lambda report, cancelled: None)
        assert not gc.isenabled()
    finally:
        gc.enable()
