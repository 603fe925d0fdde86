"""The helpers that drive modal dialogs never leave a test hanging in exec(), and never drive the wrong dialog.

CI once ran out of time in ``test_team_start``: the connection's progress dialog was up when the helper looked,
so the helper drove it instead of the login dialog, and that dialog then waited for a person forever.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget

from caseworker.ui.common.tasks import run_with_progress
from tests.ui.conftest import drive_modal, drive_modals


class _AskName(QDialog):
    def __init__(self) -> None:
        super().__init__()
        self.name_edit = QLineEdit(self)
        QVBoxLayout(self).addWidget(self.name_edit)


def _slow_then_ask(answers: list[str]) -> None:
    """What the team start does: some work behind a progress dialog, then a dialog that waits for a person."""
    run_with_progress(None, "Titre", "Connexion…", lambda _report, _cancelled: time.sleep(0.4), cancellable=False)
    dialog = _AskName()
    if dialog.exec():
        answers.append(dialog.name_edit.text())


def test_the_dialog_after_a_progress_dialog_is_the_one_driven(qtbot) -> None:
    answers: list[str] = []
    driven: list[QWidget] = []

    def answer(dialog: QWidget) -> None:
        driven.append(dialog)
        assert isinstance(dialog, _AskName)
        dialog.name_edit.setText("Nadia")
        dialog.accept()

    drive_modal(qtbot, lambda: _slow_then_ask(answers), answer)
    assert answers == ["Nadia"] and len(driven) == 1


def test_a_failed_interaction_closes_the_dialogs_that_follow_and_is_reported(qtbot) -> None:
    answers: list[str] = []

    def fail(_dialog: QWidget) -> None:
        raise AssertionError("the interaction failed")

    def twice() -> None:
        _slow_then_ask(answers)
        _slow_then_ask(answers)  # a second dialog nobody would drive

    with pytest.raises(AssertionError, match="the interaction failed"):
        drive_modal(qtbot, twice, fail)
    assert answers == []


def test_a_dialog_left_open_after_the_interaction_fails_the_test_instead_of_hanging(qtbot) -> None:
    answers: list[str] = []
    started = time.monotonic()
    with pytest.raises(AssertionError, match="_AskName was left open"):
        drive_modal(qtbot, lambda: _slow_then_ask(answers), lambda dialog: dialog.name_edit.setText("x"), timeout=300)
    assert answers == [] and time.monotonic() - started < 10


def test_several_dialogs_in_a_row(qtbot) -> None:
    answers: list[str] = []

    def named(name: str):  # type: ignore[no-untyped-def]
        def answer(dialog: _AskName) -> None:
            dialog.name_edit.setText(name)
            dialog.accept()

        return answer

    def twice() -> None:
        _slow_then_ask(answers)
        _slow_then_ask(answers)

    drive_modals(qtbot, twice, named("Nadia"), named("Paul"))
    assert answers == ["Nadia", "Paul"]
