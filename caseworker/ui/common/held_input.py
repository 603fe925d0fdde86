"""Input while the window waits for the server (:mod:`~caseworker.ui.common.server_calls`): typing kept, acts not.

What is typed into a text field (letters, accents composed by an input method, corrections, Tab to the next
field, and the editing keys the field gets when no shortcut of the window has them: Ctrl+Backspace, Ctrl+A,
Ctrl+V…) is held and typed again, in order, into the field that has the focus once the answer is in: someone
typing a name in the search box loses no letter to a slow server. Whatever would act is dropped: clicks, the
wheel, shortcuts and mnemonics (Ctrl+Enter saves a contact: twice would save it twice; Alt+letter), Enter in a
one-line field, Escape, context menus, drops, and a close asked by the window manager (the window's own checks
would be skipped). A modal window opened during the wait (a refusal said by a call made meanwhile) gets its input
as usual. A mouse button pressed before the wait and released during it is released once the answer is in, away
from the widget (no click): dropped, the release would leave a button, or a scroll bar's repeating arrow, held
down.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QKeySequence, QMouseEvent, QWindow
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_POINTER_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        # A context menu (a right click, the Menu key) would open with a loop of its own inside the wait, and no click
        # could close it; a drop would insert its text ahead of the keys held; touch and tablet act as clicks.
        QEvent.Type.ContextMenu,
        QEvent.Type.DragEnter,
        QEvent.Type.DragMove,
        QEvent.Type.Drop,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletRelease,
        QEvent.Type.NativeGesture,
    }
)
_KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease})
_OTHER_INPUT = frozenset(
    {QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride, QEvent.Type.InputMethod, QEvent.Type.Close}
)
_MULTI_LINE = (QTextEdit, QPlainTextEdit)
_SHORTCUT_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
_EDITING_KEYS = frozenset(
    {
        Qt.Key.Key_Backspace,
        Qt.Key.Key_Delete,
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    }
)
_FOCUS_KEYS = frozenset({Qt.Key.Key_Tab, Qt.Key.Key_Backtab})
_STANDARD_EDITING = tuple(
    getattr(QKeySequence.StandardKey, name)
    for name in (
        "Undo",
        "Redo",
        "Cut",
        "Copy",
        "Paste",
        "SelectAll",
        "Deselect",
        "DeleteStartOfWord",
        "DeleteEndOfWord",
        "DeleteEndOfLine",
        "MoveToNextWord",
        "MoveToPreviousWord",
        "SelectNextWord",
        "SelectPreviousWord",
        "MoveToStartOfLine",
        "MoveToEndOfLine",
        "SelectStartOfLine",
        "SelectEndOfLine",
    )
)
"""The editing keys of a text field that hold Ctrl (or Meta): kept when they reach the field, i.e. when no shortcut
of the window took them first (the field answers the shortcut override itself, as without a wait)."""


@dataclass(frozen=True)
class _Released:
    """A mouse button released during the wait that was pressed before it, and the widget it was released on."""

    widget: QWidget
    event: QEvent


@dataclass(frozen=True)
class _Typed:
    """A key or an input method's text, the field it was typed into and that field's window."""

    field: QWidget
    window: QWidget
    event: QEvent


class HeldInput(QObject):
    """An application-wide event filter for the time of one wait; :attr:`typed` is what to type again after it."""

    def __init__(self) -> None:
        super().__init__()
        self.typed: list[_Typed] = []
        self.released: list[_Released] = []
        self._pressed_meanwhile: set[Qt.MouseButton] = set()
        self._modal_before = QApplication.activeModalWidget()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep what is typed into a text field, drop what would act, let a modal window opened meanwhile work."""
        kind = event.type()
        if kind not in _POINTER_EVENTS and kind not in _KEY_EVENTS and kind not in _OTHER_INPUT:
            return False
        if self._in_new_modal(watched):
            return False  # (its own closing included: Qt sends it to the window as if from the window manager)
        if kind == QEvent.Type.Close:
            if event.spontaneous():  # the window manager's, to the QWindow
                event.ignore()
                return True
            return False
        if kind == QEvent.Type.Shortcut:  # a QShortcut, a QAction, a mnemonic: whatever receives it
            return True
        if not isinstance(watched, QWidget):  # a QWindow passes input on to its widgets, filtered then
            return False
        if kind == QEvent.Type.ShortcutOverride:
            # The widget says, as without a wait, whether the key is its own (a field takes letters and most of its
            # editing keys): if not, a shortcut that matches is dropped above, and the key press never comes.
            return False
        if isinstance(event, QMouseEvent):
            self._hold_a_release(watched, event)
        field = _text_field(watched)
        if field is not None and _is_typing(event, field):
            self.typed.append(_Typed(field, field.window(), event.clone()))
        event.accept()  # handled: not passed on to the parents
        return True

    def _hold_a_release(self, watched: QWidget, event: QMouseEvent) -> None:
        """Keep the release of a button pressed before the wait (a press during it is dropped, and its release)."""
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            self._pressed_meanwhile.add(event.button())
        elif event.type() == QEvent.Type.MouseButtonRelease and event.button() not in self._pressed_meanwhile:
            self.released.append(_Released(watched, event.clone()))

    def _in_new_modal(self, watched: QObject) -> bool:
        modal = QApplication.activeModalWidget()
        if modal is None or modal is self._modal_before:
            return False
        if isinstance(watched, QWindow):
            return modal.windowHandle() is watched
        target = watched if isinstance(watched, QWidget) else watched.parent()  # a shortcut's, an action's owner
        return isinstance(target, QWidget) and target.window() is modal


def _text_field(watched: QWidget) -> QWidget | None:
    """The text field that input aimed at ``watched`` is typed into, if any.

    An editable combo's keys reach the combo (it passes them to its line edit); a completer's list of matches, shown
    under a field, receives the keys meant for the field, which keeps the focus.
    """
    if isinstance(watched, QAbstractItemView) and watched.isWindow():
        focus = QApplication.focusWidget()
        return _text_field(focus) if focus is not None and focus is not watched else None
    if isinstance(watched, QComboBox):
        return watched if watched.isEditable() else None
    if isinstance(watched, QAbstractSpinBox | QLineEdit | QTextEdit | QPlainTextEdit):
        return None if _read_only(watched) else watched
    return None


def _read_only(field: QWidget) -> bool:
    if isinstance(field, QLineEdit | QTextEdit | QPlainTextEdit):
        return field.isReadOnly()
    return isinstance(field, QAbstractSpinBox) and field.isReadOnly()


def _is_typing(event: QEvent, field: QWidget) -> bool:
    """Tell whether ``event`` types into ``field`` (kept) rather than acting (dropped)."""
    if isinstance(event, QInputMethodEvent):
        return True  # an accent or a letter composed by the input method, between held keys
    if not isinstance(event, QKeyEvent):
        return False
    key, modifiers = event.key(), event.modifiers()
    if key in _FOCUS_KEYS:
        return not modifiers & _SHORTCUT_MODIFIERS
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        # A new line in a note; in a one-line field, Enter would accept the dialog.
        acting = _SHORTCUT_MODIFIERS | Qt.KeyboardModifier.AltModifier
        return isinstance(field, _MULTI_LINE) and not modifiers & acting
    if key == Qt.Key.Key_Escape:
        return False
    alt_alone = modifiers & Qt.KeyboardModifier.AltModifier and not modifiers & Qt.KeyboardModifier.ControlModifier
    if alt_alone and sys.platform != "darwin":
        return False  # Alt+letter is a mnemonic ("&Montant"), not a letter (macOS's Option types characters)
    if any(event.matches(standard) for standard in _STANDARD_EDITING):
        return True  # Ctrl+V, Shift+Insert…
    text = event.text()
    if text and text.isprintable():
        return True  # a character, AltGr's (Ctrl+Alt on Windows) included: @, €, #, {
    return key in _EDITING_KEYS and not modifiers & _SHORTCUT_MODIFIERS


def release_again(released: list[_Released]) -> None:
    """Release the buttons that were pressed before the wait, on the widgets still there, away from them.

    Away: the release ends the press (a button no longer down, a scroll bar's arrow no longer repeating, a
    selection no longer dragged) and completes no click, as any click during a wait is dropped.
    """
    for item in released:
        if not shiboken6.isValid(item.widget) or not isinstance(item.event, QMouseEvent):
            continue
        away = QPointF(-1_000_000.0, -1_000_000.0)
        release = QMouseEvent(
            QEvent.Type.MouseButtonRelease,
            away,
            QPointF(item.widget.mapToGlobal(away)),
            item.event.button(),
            item.event.buttons(),
            item.event.modifiers(),
        )
        QCoreApplication.sendEvent(item.widget, release)


def type_again(typed: list[_Typed]) -> None:
    """Type again what was held, in order, into the field it was typed into.

    After a Tab typed again, into the field that then has the focus in that window (the Tab moved it there). What
    would go to a window gone, or elsewhere than a text field, is dropped.
    """
    moved = False
    for item in typed:
        if not shiboken6.isValid(item.window) or not shiboken6.isValid(item.field):
            return
        focus = item.window.focusWidget() if moved else item.field
        field = _text_field(focus) if focus is not None else None
        if field is None:
            return
        QCoreApplication.sendEvent(field, item.event)
        if isinstance(item.event, QKeyEvent) and item.event.key() in _FOCUS_KEYS:
            moved = True
