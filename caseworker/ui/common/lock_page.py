"""What a locked window shows: who may unlock it, and where to type their code or password (F41).

The main window shows a :class:`LockPage` in place of its sections; every other open window (a dialog being
filled, a preview) is covered by a :class:`Curtain` holding the same form, because the window on top of a modal
stack is the only one that receives input. Nothing here knows how a secret is checked: the form emits what was
typed and shows the answer (``ui/common/auto_lock.ScreenLock``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from caseworker.ui.common.form_errors import ERROR_STYLE

FORM_WIDTH = 420


class LockForm(QFrame):
    """The person's name, their code or password, and Unlock; or Resume for someone who has no code yet.

    Signals:
        unlock_requested(str): the person asked to unlock with what they typed (empty when no code is asked).
    """

    unlock_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockForm")
        self.setFixedWidth(FORM_WIDTH)
        self.setStyleSheet("QFrame#lockForm { background: #ffffff; border: 1px solid #c8c8c8; border-radius: 6px; }")
        self.title = QLabel(self.tr("Caseworker is locked"))
        self.title.setObjectName("lockTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.person_label = QLabel()
        self.person_label.setWordWrap(True)
        self.secret_edit = QLineEdit()
        self.secret_edit.setObjectName("lockSecret")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.returnPressed.connect(self._unlock_clicked)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock_clicked)
        self.message = QLabel()
        self.message.setObjectName("lockMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #6b6b6b;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.person_label)
        layout.addWidget(self.secret_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.hint)

    def ask(self, person: str, *, team_mode: bool, secret_needed: bool) -> None:
        """Say whose session this is and what opens it."""
        if not secret_needed:
            self.person_label.setText(self.tr("Session of {person}.").format(person=person))
            self.secret_edit.setVisible(False)
            self.unlock_button.setText(self.tr("&Resume"))
            self.hint.setText(
                self.tr(
                    "You have no personal code yet, so anyone can resume this session. Choose one in Settings "
                    "→ My personal code."
                )
            )
            return
        if team_mode:
            self.person_label.setText(
                self.tr("Session of {person}. Type your password on the team server to continue.").format(person=person)
            )
        else:
            self.person_label.setText(
                self.tr("Session of {person}. Type your personal code to continue.").format(person=person)
            )
        self.secret_edit.setPlaceholderText(self.tr("Password") if team_mode else self.tr("Personal code"))
        self.hint.setText(self.tr("Everything open is kept as it was, including what was being typed."))

    def show_refusal(self, message: str) -> None:
        """Show why the secret was refused; the field is emptied for the next attempt."""
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.secret_edit.clear()
        self.secret_edit.setFocus()

    def focus(self) -> None:
        """Put the cursor where the secret is typed (or on Resume)."""
        if self.secret_edit.isVisibleTo(self):
            self.secret_edit.setFocus()
        else:
            self.unlock_button.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keep every key the form's fields pass on (Enter, Escape): the covered window must never receive them.

        Enter unlocks through the field first; passed on, it would then press the dialog's default button.
        """
        event.accept()

    def _unlock_clicked(self) -> None:
        self.unlock_requested.emit(self.secret_edit.text())


class LockPage(QWidget):
    """Takes the place of the main window's sections while it is locked: the form, centred."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockPage")
        self.setAutoFillBackground(True)
        self.form = LockForm()
        _centre(self, self.form)


class Curtain(QWidget):
    """Covers another open window while the application is locked; its content is hidden, not closed.

    The window's own widgets are hidden (so that none of them can take the keyboard behind the curtain) and come
    back as they were; the curtain follows the window's size.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCurtain")
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.form = LockForm()
        _centre(self, self.form)
        self.setGeometry(window.rect())
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the covered window's size."""
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


def covered_by_lock(widget: QWidget) -> bool:
    """Tell whether ``widget``'s window, or a window it belongs to, is locked (covered, or showing the lock page).

    What prints or exports asks first: nothing leaves the application while it is locked.
    """
    current: QWidget | None = widget
    while current is not None:
        window = current.window()
        if isinstance(window, QMainWindow) and isinstance(window.centralWidget(), LockPage):
            return True
        curtain = window.findChild(Curtain, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if curtain is not None and not curtain.isHidden():
            return True
        current = window.parentWidget()
    return False


def _centre(page: QWidget, form: LockForm) -> None:
    """Centre the form; stretches rather than an alignment, so that its wrapped lines get their height."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(form)
    row.addStretch(1)
    layout = QVBoxLayout(page)
    layout.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(2)
