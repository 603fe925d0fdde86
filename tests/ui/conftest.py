"""GUI test helpers: French translations installed, modal dialogs driven, message boxes captured."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget

from caseworker.app import Application
from caseworker.storage.secret_store import KeyringSecretStore


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


# How long a trigger may take to open its first dialog (a connection, a long read before it) on a loaded machine.
_FIRST_DIALOG_MS = 60_000


class _ModalGuard:
    """Closes whatever modal widget is left open past a deadline, so a test fails instead of hanging in exec().

    ``exec()`` runs a nested event loop that pytest-timeout's signal cannot interrupt: a dialog nobody drives (the
    interaction failed, or another dialog came up first) would block the whole run until CI's own limit.
    """

    def __init__(self, errors: list[BaseException | None]) -> None:
        self._errors = errors
        self._closer = QTimer()
        self._closer.setInterval(50)
        self._closer.timeout.connect(self._close_one)
        self._deadline = QTimer()
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._closer.start)
        self.finished = False

    def allow(self, milliseconds: int) -> None:
        """From now, leave modal widgets open for ``milliseconds`` more, then close them one by one."""
        self._deadline.start(milliseconds)

    def close_now(self) -> None:
        self._deadline.stop()
        self._closer.start()

    def _close_one(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or isinstance(widget, QProgressDialog):  # work in progress ends by itself
            return
        self._errors.append(AssertionError(f"{type(widget).__name__} was left open"))
        widget.close()

    def stop(self) -> None:
        self.finished = True
        self._deadline.stop()
        self._closer.stop()


def _dialog_to_drive(seen: list[QWidget]) -> QWidget | None:
    """The modal dialog a test talks to, once it is up: never a progress dialog, which comes and goes by itself."""
    widget = QApplication.activeModalWidget()
    if widget is None or isinstance(widget, QProgressDialog) or any(widget is old for old in seen):
        return None
    return widget


def drive_modal(qtbot, trigger: Callable[[], None], interact: Callable[[QWidget], None], timeout: int = 5000) -> None:
    """Run ``trigger`` (which opens a modal dialog with exec()) and ``interact`` with that dialog once shown.

    A dialog left open ``timeout`` ms after the interaction (a key press that went elsewhere), or one that came
    up when the interaction had already failed, is closed and fails the test.
    """
    drive_modals(qtbot, trigger, interact, timeout=timeout)


def drive_modals(
    qtbot, trigger: Callable[[], None], *interactions: Callable[[QWidget], None], timeout: int = 5000
) -> None:
    """Like :func:`drive_modal` for a trigger that opens several modal dialogs one after the other."""
    done: list[BaseException | None] = []
    left_open: list[BaseException | None] = []
    seen: list[QWidget] = []
    guard = _ModalGuard(left_open)

    def attempt() -> None:
        if guard.finished:
            return
        dialog = _dialog_to_drive(seen)
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        seen.append(dialog)
        try:
            interactions[len(done)](dialog)
        except BaseException as exc:
            done.append(exc)
            guard.close_now()
            return
        done.append(None)
        guard.allow(timeout)
        if len(done) < len(interactions):
            QTimer.singleShot(20, attempt)

    guard.allow(_FIRST_DIALOG_MS)
    QTimer.singleShot(0, attempt)
    try:
        trigger()
        qtbot.waitUntil(
            lambda: len(done) == len(interactions) or any(item is not None for item in done), timeout=timeout
        )
    finally:
        guard.stop()
    for item in done:
        if item is not None:
            raise item
    if left_open:
        raise left_open[0] or AssertionError("a dialog was left open")


def unexplained_disabled_buttons(widget: QWidget) -> list[str]:
    """The buttons of ``widget`` a person would see greyed out with nothing saying why (no tooltip)."""
    return [
        button.text()
        for button in widget.findChildren(QPushButton)
        if not button.isHidden() and not button.isEnabled() and not button.toolTip().strip()
    ]


PIN = "428613"
"""Claire MARTIN's personal code in :func:`application`."""


@pytest.fixture
def application(qtbot, services, data_paths, database, clock) -> Iterator[Application]:
    """The real window over Claire MARTIN's store; Claire has chosen her personal code (the auto-lock's tests)."""
    services.credentials.set_own(PIN, PIN)
    database.dispose()
    started = Application(data_paths, KeyringSecretStore(), clock=clock)
    assert started.start()
    assert started.window is not None
    qtbot.addWidget(started.window)
    yield started
    if started.window.screen_lock.is_locked:  # a failing test must not leave the window refusing to close
        started.window.screen_lock.unlock(PIN)
    started.shutdown()
