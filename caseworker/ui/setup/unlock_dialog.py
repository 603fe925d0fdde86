"""Unlocking the database: passphrase, or the recovery key when the keyring entry is lost."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseworker.errors import KnownError, WrongKeyError
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_errors import ERROR_STYLE
from caseworker.ui.setup.key_tools import UnlockSecret


class UnlockDialog(FittedDialog):
    """Asks for the passphrase (or the recovery key) until the database opens or the person gives up.

    ``unlock`` is given by the composition root; it opens the database (and keeps it) or raises a known error. A
    wrong key leaves the dialog open with a message; any other known error (damaged file, newer version) closes it
    and is reported by the caller.
    """

    def __init__(
        self,
        unlock: Callable[[UnlockSecret], None],
        *,
        passphrase_possible: bool,
        start_with_recovery: bool = False,
        reason: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._unlock = unlock
        self.opened = False
        self.failed_attempts = 0
        self.used_recovery_key = False
        self._passphrase_possible = passphrase_possible
        self.fatal_error: KnownError | None = None
        self.setWindowTitle(self.tr("Unlock the database"))
        self.setMinimumWidth(520)
        intro = QLabel(reason or self.tr("The case database is encrypted. Enter your passphrase to open it."))
        intro.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.recovery_edit = QLineEdit()
        self.recovery_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("unlockError")
        self.error_label.setVisible(False)
        form = QFormLayout()
        self._passphrase_row = QLabel(self.tr("&Passphrase:"))
        self._passphrase_row.setBuddy(self.passphrase_edit)
        form.addRow(self._passphrase_row, self.passphrase_edit)
        self._recovery_row = QLabel(self.tr("&Recovery key:"))
        self._recovery_row.setBuddy(self.recovery_edit)
        form.addRow(self._recovery_row, self.recovery_edit)
        self.use_recovery_button = QPushButton(self.tr("Passphrase forgotten? Use the &recovery key"))
        self.use_recovery_button.setFlat(True)
        self.use_recovery_button.clicked.connect(lambda: self.set_recovery_mode(True))
        self.use_passphrase_button = QPushButton(self.tr("Use the &passphrase instead"))
        self.use_passphrase_button.setFlat(True)
        self.use_passphrase_button.clicked.connect(lambda: self.set_recovery_mode(False))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = buttons.addButton(self.tr("&Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setDefault(True)
        buttons.accepted.connect(self._try_unlock)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.use_recovery_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.use_passphrase_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        self._recovery_mode = False
        self.set_recovery_mode(start_with_recovery or not passphrase_possible)

    def set_recovery_mode(self, enabled: bool) -> None:
        """Switch between passphrase and recovery-key entry."""
        self._recovery_mode = enabled
        self._passphrase_row.setVisible(not enabled)
        self.passphrase_edit.setVisible(not enabled)
        self._recovery_row.setVisible(enabled)
        self.recovery_edit.setVisible(enabled)
        self.use_recovery_button.setVisible(not enabled)
        self.use_passphrase_button.setVisible(enabled and self._passphrase_possible)
        (self.recovery_edit if enabled else self.passphrase_edit).setFocus()

    def _try_unlock(self) -> None:
        if self._recovery_mode:
            credentials = UnlockSecret(recovery_key=self.recovery_edit.text())
        else:
            credentials = UnlockSecret(passphrase=self.passphrase_edit.text())
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._unlock(credentials)
            self.opened = True
            self.used_recovery_key = self._recovery_mode
        except WrongKeyError as exc:
            self.failed_attempts += 1
            self.error_label.setText(exc.user_message)
            self.error_label.setVisible(True)
            self.passphrase_edit.clear()
            (self.recovery_edit if self._recovery_mode else self.passphrase_edit).setFocus()
            return
        except KnownError as exc:
            self.fatal_error = exc
            self.reject()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()
