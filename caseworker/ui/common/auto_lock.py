"""Locking the application after inactivity or when the computer locks (F41), and unlocking it as it was.

Locked, the main window shows :class:`~caseworker.ui.common.lock_page.LockPage` instead of its sections (the
sections are taken out, not destroyed), its title names nobody and its status bar is hidden; every other open
window is covered by a :class:`~caseworker.ui.common.lock_page.Curtain`. Nothing is closed: a dialog hidden by
``hide()`` would end its ``exec()`` as cancelled and lose what was typed, so its widgets are hidden instead and
come back, with their text and the keyboard focus, once the person has typed their own code (local mode) or
password (team mode). Who checks the secret is given by the composition root (:class:`LockDeps`).

While locked, an application event filter (:class:`_LockedInput`) lets the keyboard reach the unlock forms only:
no shortcut or action fires, no key reaches a covered window (Escape would cancel a dialog, Ctrl+Enter save it),
the window manager's close button closes nothing, and any window shown meanwhile (a timer, a live update) is
covered as it appears.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QProgressDialog, QWidget

from caseworker import APP_DISPLAY_NAME
from caseworker.services.credentials import CredentialCheck
from caseworker.ui.common.lock_page import Curtain, LockForm, LockPage

MINUTE_MS = 60_000

_KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride})

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


@dataclass(frozen=True)
class LockDeps:
    """What the lock asks of the rest of the application.

    Attributes:
        person: the name of the person whose session it is ("Claire MARTIN").
        check: checks what they typed: their personal code (local mode) or server password (team mode).
        secret_needed: False for a person who has no personal code yet (local mode): the lock then only hides.
        idle_minutes: the inactivity delay, as the association set it.
        team_mode: the secret is the password on the team's server.
    """

    person: Callable[[], str]
    check: Callable[[str], CredentialCheck]
    secret_needed: Callable[[], bool]
    idle_minutes: Callable[[], int]
    team_mode: bool = False


class IdleWatcher(QObject):
    """Tells when nobody has touched the keyboard, mouse or screen of the application for a while.

    An application-wide event filter restarts one single-shot timer on each input event: one set lookup per
    event, nothing else.

    Signals:
        idle_reached: the delay passed without input.
    """

    idle_reached = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.idle_reached)
        self._watching = False

    def start(self) -> None:
        """Start counting from now, and restart at each input."""
        application = QCoreApplication.instance()
        if application is not None and not self._watching:
            application.installEventFilter(self)
            self._watching = True
        self._timer.start()

    def stop(self) -> None:
        """Stop counting (while locked: input then only unlocks)."""
        self._timer.stop()
        application = QCoreApplication.instance()
        if application is not None and self._watching:
            application.removeEventFilter(self)
            self._watching = False

    @property
    def interval_ms(self) -> int:
        """The delay, in milliseconds."""
        return self._timer.interval()

    def set_interval(self, interval_ms: int) -> None:
        """Change the delay (counted again from now when watching)."""
        self._timer.setInterval(interval_ms)
        if self._watching:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Restart the count on user input; never swallow the event."""
        if event.type() in _INPUT_EVENTS:
            self._timer.start()
        return False


@dataclass
class _Covered:
    """A window hidden under a curtain, and what to give back."""

    window: QWidget
    curtain: Curtain
    title: str
    shown_children: list[QWidget]
    focus: QWidget | None
    size: QSize


@dataclass
class _Locked:
    """The main window's state while locked."""

    central: QWidget | None
    title: str
    status_bar_visible: bool
    focus: QWidget | None
    page: LockPage
    covered: list[_Covered] = field(default_factory=list)


class ScreenLock(QObject):
    """Locks ``window`` and every other window of the application, and unlocks them as they were.

    Signals:
        locked: everything is hidden.
        unlocked: everything is back.
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QMainWindow, deps: LockDeps) -> None:
        super().__init__(window)
        self._window = window
        self._deps = deps
        self._state: _Locked | None = None
        self._input = _LockedInput(self)
        self.idle = IdleWatcher(deps.idle_minutes() * MINUTE_MS, self)
        self.idle.idle_reached.connect(self._idle_reached)
        self.idle.start()

    @property
    def is_locked(self) -> bool:
        """True while the application is locked."""
        return self._state is not None

    @property
    def page(self) -> LockPage | None:
        """The page shown in the main window while locked."""
        return self._state.page if self._state is not None else None

    def forms(self) -> list[LockForm]:
        """Every unlock form shown (the main window's first, then one per covered window)."""
        if self._state is None:
            return []
        return [self._state.page.form, *(covered.curtain.form for covered in self._state.covered)]

    def set_idle_minutes(self, minutes: int) -> None:
        """Follow a new inactivity delay."""
        self.set_idle_interval(minutes * MINUTE_MS)

    def set_idle_interval(self, interval_ms: int) -> None:
        """Follow a new inactivity delay in milliseconds (tests use a short one)."""
        self.idle.set_interval(interval_ms)

    def lock(self) -> None:
        """Hide every personal datum and ask for the person's secret (nothing is closed)."""
        if self._state is not None:
            return
        self.idle.stop()
        window = self._window
        others = [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget is not window
            and widget.isVisible()
            and widget.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        ]
        for _ in range(5):  # an open list or menu may show names
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        focus = QApplication.focusWidget()
        page = LockPage()
        state = _Locked(
            central=window.takeCentralWidget(),
            title=window.windowTitle(),
            status_bar_visible=not window.statusBar().isHidden(),  # the window may not be shown yet (start)
            focus=focus if focus is not None and focus.window() is window else None,
            page=page,
        )
        window.setCentralWidget(page)
        page.show()  # a child added to a shown window is shown explicitly (else only at the next event loop turn)
        window.setWindowTitle(APP_DISPLAY_NAME)
        window.statusBar().setVisible(False)
        state.covered = [self._cover(other) for other in others]
        self._state = state
        for form in self.forms():
            self._ask(form)
        application = QCoreApplication.instance()
        if application is not None:
            application.installEventFilter(self._input)
        self._focus_top_form()
        self.locked.emit()

    def unlock(self, secret: str) -> CredentialCheck | None:
        """Check ``secret`` and, accepted, give everything back; return the refusal otherwise (None: unlocked)."""
        if self._state is None:
            return None
        if self._deps.secret_needed():
            check = self._deps.check(secret)
            if not check.accepted:
                return check
        application = QCoreApplication.instance()
        if application is not None:
            application.removeEventFilter(self._input)
        self._restore(self._state)
        self._state = None
        self.idle.start()
        self.unlocked.emit()
        return None

    # inside ----------------------------------------------------------------------------------------------------

    def _idle_reached(self) -> None:
        # Long work behind a progress dialog is not inactivity: lock once it has finished.
        if isinstance(QApplication.activeModalWidget(), QProgressDialog):
            self.idle.start()
            return
        self.lock()

    def _ask(self, form: LockForm) -> None:
        form.ask(self._deps.person(), team_mode=self._deps.team_mode, secret_needed=self._deps.secret_needed())
        form.unlock_requested.connect(self._unlock_requested)

    def cover_shown(self, window: QWidget) -> None:
        """Cover a window shown while locked (by a timer, a live update), before it appears; once only."""
        state = self._state
        if (
            state is None
            or window is self._window
            or isinstance(window, QProgressDialog)  # work running (the unlock's own check): no personal data
            or window.windowType() not in (Qt.WindowType.Window, Qt.WindowType.Dialog)
            or any(covered.window is window for covered in state.covered)
        ):
            return
        covered = self._cover(window)
        state.covered.append(covered)
        self._ask(covered.curtain.form)
        if QApplication.activeModalWidget() in (None, window) or window.isModal():
            covered.curtain.form.focus()

    def _cover(self, window: QWidget) -> _Covered:
        children = [
            child
            for child in window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if not child.isWindow() and child.isVisibleTo(window)  # also those a window being shown will show
        ]
        focus = window.focusWidget()
        covered = _Covered(window, Curtain(window), window.windowTitle(), children, focus, window.size())
        for child in children:
            child.setVisible(False)
        window.resize(window.size().expandedTo(covered.curtain.sizeHint()))  # a small dialog: room for the form
        window.setWindowTitle(APP_DISPLAY_NAME)
        covered.curtain.show()
        covered.curtain.raise_()
        return covered

    def _restore(self, state: _Locked) -> None:
        for covered in reversed(state.covered):
            if not _alive(covered.window):
                continue
            covered.window.removeEventFilter(covered.curtain)
            covered.curtain.deleteLater()
            covered.curtain.setVisible(False)
            for child in covered.shown_children:
                if _alive(child):
                    child.setVisible(True)
            covered.window.setWindowTitle(covered.title)
            covered.window.resize(covered.size)
            if covered.focus is not None and _alive(covered.focus):
                covered.focus.setFocus()
        window = self._window
        if state.central is not None:
            window.setCentralWidget(state.central)  # deletes the lock page
            state.central.show()  # taken out, it was hidden
        window.setWindowTitle(state.title)
        window.statusBar().setVisible(state.status_bar_visible)
        active = QApplication.activeModalWidget()
        if active is not None:
            active.activateWindow()
        elif state.focus is not None and _alive(state.focus):
            state.focus.setFocus()

    def _unlock_requested(self, secret: str) -> None:
        form = self.sender()
        refusal = self.unlock(secret)
        if refusal is not None and isinstance(form, LockForm):
            form.show_refusal(refusal.message)

    def _focus_top_form(self) -> None:
        """The cursor goes to the form of the window on top: under a modal dialog, only it receives input."""
        assert self._state is not None
        top = QApplication.activeModalWidget()
        for covered in self._state.covered:
            if covered.window is top:
                covered.curtain.form.focus()
                return
        self._state.page.form.focus()


class _LockedInput(QObject):
    """While locked: the keyboard reaches the unlock forms only, and windows shown meanwhile are covered.

    Shortcuts (the main window's Ctrl+1…, a dialog's Ctrl+Enter, a hidden button's mnemonic) are eaten, and so is
    every key sent to a widget outside a lock form (Escape would cancel a dialog); a close asked by the window
    manager is refused, so that no dialog ends with what was typed. A close asked by the program goes through.
    """

    def __init__(self, lock: ScreenLock) -> None:
        super().__init__(lock)
        self._lock = lock

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Eat what would act behind the lock; let the unlock forms work."""
        kind = event.type()
        if kind == QEvent.Type.Shortcut:
            target = watched.parent() if isinstance(watched, QShortcut) else watched
            return not (isinstance(target, QWidget) and _in_lock_form(target))
        if kind == QEvent.Type.Close and event.spontaneous():  # the window manager's, to the QWindow
            event.ignore()
            return True
        if not isinstance(watched, QWidget):  # a QWindow passes input on to its widgets, checked then
            return False
        if kind in _KEY_EVENTS:
            if _in_lock_form(watched):
                return False
            event.accept()  # handled: no shortcut tried, not passed on to the parents
            return True
        if kind == QEvent.Type.Show and watched.isWindow():
            self._lock.cover_shown(watched)
        return False


def _in_lock_form(widget: QWidget) -> bool:
    """Tell whether ``widget`` is an unlock form or inside one."""
    current: QWidget | None = widget
    while current is not None:
        if isinstance(current, LockForm):
            return True
        if current.isWindow():
            return False
        current = current.parentWidget()
    return False


def _alive(widget: QWidget) -> bool:
    """Tell whether the C++ side of ``widget`` still exists (a window may close itself meanwhile)."""
    try:
        widget.objectName()
    except RuntimeError:
        return False
    return True
