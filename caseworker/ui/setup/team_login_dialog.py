"""Team mode: logging in to the team's server with the person's own password.

Connecting runs on a worker thread behind a progress dialog (``run_with_progress``): a server that does not answer
never freezes the window, and the person may cancel. Any refusal (password, network, certificate, disabled login)
is said in French in the dialog, which stays open: "Se connecter" again is the retry.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from caseworker.errors import KnownError
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_errors import ERROR_STYLE
from caseworker.ui.common.tasks import run_with_progress


class TeamLoginDialog(FittedDialog):
    """Asks the person's password until the connection succeeds or they quit.

    ``connect`` is given by the composition root: it opens the session with the password (and keeps it) or raises
    a known error with a French message.
    """

    def __init__(
        self,
        connect: Callable[[str], None],
        *,
        server: str,
        login: str,
        reason: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._connect = connect
        self.connected = False
        self.failed_attempts = 0
        self.setWindowTitle(self.tr("Log in to the team server"))
        self.setMinimumWidth(520)
        intro = QLabel(self.tr("Your team's files are on the association's server. Enter your password."))
        intro.setWordWrap(True)
        self.server_label = QLabel(server)
        self.login_label = QLabel(login)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel(reason)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("teamLoginError")
        self.error_label.setVisible(bool(reason))
        form = QFormLayout()
        form.addRow(self.tr("Server:"), self.server_label)
        form.addRow(self.tr("Login:"), self.login_label)
        password_label = QLabel(self.tr("&Password:"))
        password_label.setBuddy(self.password_edit)
        form.addRow(password_label, self.password_edit)
        buttons = QDialogButtonBox()
        self.connect_button = buttons.addButton(self.tr("&Log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = buttons.addButton(self.tr("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.connect_button.setDefault(True)
        buttons.accepted.connect(self._try_connect)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.password_edit.setFocus()

    def _try_connect(self) -> None:
        password = self.password_edit.text()
        if not password:
            self._say(self.tr("Enter your password."))
            return
        try:
            run_with_progress(
                self,
                self.tr("Team server"),
                self.tr("Connecting to the server…"),
                lambda _report, _cancelled: self._connect(password),
                cancellable=False,  # bounded by the connection timeout (a few seconds)
            )
        except KnownError as exc:
            self.failed_attempts += 1
            self._say(exc.user_message)
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return
        self.connected = True
        self.accept()

    def _say(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(True)
