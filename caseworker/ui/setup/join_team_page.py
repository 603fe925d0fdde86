"""First run, team mode: *Rejoindre mon équipe* — the enrolment code, the association's CA, the person's password.

The join itself is given by the composition root (``JoinTeam``): it checks the CA against the code, connects with
verified TLS and replaces the one-time password with the person's own, or raises a known error in French. It runs
on a worker thread: a server that does not answer never freezes the assistant. Nothing typed is lost on a refusal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from caseworker.errors import KnownError
from caseworker.ui.common.form_errors import ERROR_STYLE, FormErrors
from caseworker.ui.common.tasks import run_with_progress

JoinTeam = Callable[[str, Path, str], None]
"""Joins the team's server with (enrolment code, CA file, the person's new password); raises a known error."""

PasswordProblems = Callable[[str, str], dict[str, str]]
"""The passphrase rule (field → French message) for a password and its confirmation."""


class JoinTeamPage(QWizardPage):
    """The code the administrator gave, the CA file, and the password the person chooses."""

    def __init__(self, join: JoinTeam, password_problems: PasswordProblems) -> None:
        super().__init__()
        self.setTitle(self.tr("Join your team's server"))
        self.setSubTitle(
            self.tr(
                "Your association's administrator gave you an enrolment code and the certificate of the "
                "association's authority (a .crt file). Your files will stay on the server, not on this computer."
            )
        )
        self._join = join
        self._password_problems = password_problems
        self.joined = False
        self.code_edit = QPlainTextEdit()
        self.code_edit.setPlaceholderText("CW1-…")
        self.code_edit.setTabChangesFocus(True)
        self.code_edit.setFixedHeight(70)
        self.ca_edit = QLineEdit()
        self.ca_edit.setPlaceholderText(self.tr("association-ca.crt"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        ca_row = QWidget()
        ca_layout = QHBoxLayout(ca_row)
        ca_layout.setContentsMargins(0, 0, 0, 0)
        ca_layout.addWidget(self.ca_edit, 1)
        ca_layout.addWidget(browse)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = FormErrors()
        form = QFormLayout()
        self.errors.add_row(form, self.tr("Enrolment &code:"), self.code_edit, "code")
        self.errors.add_row(form, self.tr("&Authority (CA):"), ca_row, "ca")
        self.errors.add_row(form, self.tr("Your &password:"), self.password_edit, "passphrase")
        self.errors.add_row(form, self.tr("C&onfirm:"), self.confirm_edit, "confirm")
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setObjectName("joinError")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        self.code_edit.textChanged.connect(self.completeChanged)
        for edit in (self.ca_edit, self.password_edit, self.confirm_edit):
            edit.textChanged.connect(self._refresh)
        self.setFinalPage(True)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Certificate of the association's authority"), "", self.tr("Certificates (*.crt *.pem)")
        )
        if path:
            self.ca_edit.setText(path)

    def _problems(self) -> dict[str, str]:
        return self._password_problems(self.password_edit.text(), self.confirm_edit.text())

    def _refresh(self) -> None:
        problems = self._problems()
        confirm = self.confirm_edit.text()
        if "confirm" in problems and (not confirm or self.password_edit.text().startswith(confirm)):
            del problems["confirm"]  # still typing the second time
        self.errors.show(problems if (self.password_edit.text() or confirm) else {})
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """A code, a CA file and an acceptable password."""
        return bool(self.code_edit.toPlainText().strip() and self.ca_edit.text().strip()) and not self._problems()

    def validatePage(self) -> bool:
        """Join (once); a refusal is said on the page and everything typed stays."""
        if self.joined:
            return True
        ca = Path(self.ca_edit.text().strip())
        if not ca.is_file():
            self.errors.show({"ca": self.tr("File not found: {path}").format(path=ca)})
            return False
        code, password = self.code_edit.toPlainText(), self.password_edit.text()
        try:
            run_with_progress(
                self,
                self.tr("Team server"),
                self.tr("Joining the team's server…"),
                lambda _report, _cancelled: self._join(code, ca, password),
                cancellable=False,  # bounded by the connection timeout
            )
        except KnownError as exc:
            self.result_label.setText(exc.user_message)
            self.result_label.setStyleSheet(ERROR_STYLE)
            return False
        self.joined = True
        return True
