"""GUI test helpers: French translations installed, modal dialogs driven, message boxes captured."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget


@pytest.fixture(scope="session", autouse=True)
def french_ui(qapp: QApplication) -> Iterator[None]:
    """Run every GUI test in French, as the application does."""
    from caseworker.paths import resources_dir
    from caseworker.ui.i18n import install_translators

    translators = install_translators(qapp, resources_dir() / "i18n")
    assert len(translators) == 2, "the French catalogues did not load: run `make translations`"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@dataclass
class MessageLog:
    """Message boxes shown during a test (nothing blocks)."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for shown_kind, _title, text in self.shown if kind is None or shown_kind == kind]


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageLog:
    log = MessageLog()

    def recorder(kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def show(_parent: object, title: str, text: str, *_args: object, **_kwargs: object):
            log.shown.append((kind, title, text))
            return log.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return show

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder(kind)))
    return log


def drive_modal(qtbot, trigger: Callable[[], None], interact: Callable[[QWidget], None], timeout: int = 5000) -> None:
    """Run ``trigger`` (which opens a modal dialog with exec()) and ``interact`` with that dialog once shown."""
    done: list[BaseException | None] = []

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        try:
            interact(dialog)
        except BaseException as exc:
            done.append(exc)
            dialog.close()
            return
        done.append(None)
        # An interaction that was meant to close the dialog but did not (a key press that went elsewhere) would
        # leave exec() running forever: close it after the timeout and fail the test instead of hanging it.
        # A weak reference: the check must not keep the dialog (and what it holds) alive after it closed.
        QTimer.singleShot(timeout, partial(_close_left_open, weakref.ref(dialog), done))

    QTimer.singleShot(0, attempt)
    trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=timeout)
    if done[0] is not None:
        raise done[0]
    if len(done) > 1:
        raise done[1] or AssertionError("the dialog was left open")


def _close_left_open(reference: weakref.ref[QWidget], done: list[BaseException | None]) -> None:
    dialog = reference()
    if dialog is None:
        return
    try:
        still_open = dialog.isVisible()
    except RuntimeError:  # already deleted: it closed
        return
    if still_open:
        done.append(AssertionError(f"{type(dialog).__name__} was left open after the interaction"))
        dialog.close()


def drive_modals(
    qtbot, trigger: Callable[[], None], *interactions: Callable[[QWidget], None], timeout: int = 5000
) -> None:
    """Like :func:`drive_modal` for a trigger that opens several modal dialogs one after the other."""
    done: list[BaseException | None] = []
    seen: list[QWidget] = []

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or any(dialog is old for old in seen):
            QTimer.singleShot(20, attempt)
            return
        seen.append(dialog)
        try:
            interactions[len(done)](dialog)
        except BaseException as exc:
            done.append(exc)
            dialog.close()
            return
        done.append(None)
        if len(done) < len(interactions):
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)
    trigger()
    qtbot.waitUntil(lambda: len(done) == len(interactions) or any(item is not None for item in done), timeout=timeout)
    for item in done:
        if item is not None:
            raise item


def unexplained_disabled_buttons(widget: QWidget) -> list[str]:
    """The buttons of ``widget`` a person would see greyed out with nothing saying why (no tooltip)."""
    return [
        button.text()
        for button in widget.findChildren(QPushButton)
        if not button.isHidden() and not button.isEnabled() and not button.toolTip().strip()
    ]
