"""Each person's own code on a shared laptop: choosing it, giving a colleague one, and typing it to switch user."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QWidget

from caseworker.services.credentials import CredentialService
from caseworker.services.setup import SetupService
from caseworker.ui.common.form_dialog import FormDialog


def _secret_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(200)
    return edit


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class PersonalCodeDialog(FormDialog):
    """Choose one's own code (the current one is asked when there is one), or give a colleague a new one.

    Args:
        credentials: where the code is checked and kept.
        colleague: the colleague's id and name when an administrateur sets their code; None for one's own.
        has_current: the person already has a code (asked before the new one).
        reason: why the dialog is shown (at start: why everyone needs a code).
    """

    def __init__(
        self,
        credentials: CredentialService,
        *,
        colleague: tuple[int, str] | None = None,
        has_current: bool = False,
        reason: str = "",
        parent: QWidget | None = None,
    ) -> None:
        title = (
            self.tr("Personal code of {name}").format(name=colleague[1])
            if colleague is not None
            else self.tr("My personal code")
        )
        super().__init__(title, parent=parent)
        self._credentials = credentials
        self._colleague = colleague
        if reason:
            self.form.addRow(_note(reason))
        self.form.addRow(
            _note(
                self.tr(
                    "A PIN of at least 6 digits, or a passphrase of at least 12 characters. After 3 mistakes, each "
                    "new attempt waits longer (up to 15 minutes)."
                )
            )
        )
        self.current_edit: QLineEdit | None = None
        if colleague is None and has_current:
            self.current_edit = _secret_edit("currentCode")
            self.add_row(self.tr("C&urrent code:"), self.current_edit, "current")
        self.secret_edit = _secret_edit("newCode")
        self.confirm_edit = _secret_edit("confirmCode")
        self.add_row(self.tr("&New code:"), self.secret_edit, "secret")
        self.add_row(self.tr("&Confirm:"), self.confirm_edit, "confirm")
        if colleague is not None:
            self.form.addRow(
                _note(
                    self.tr("Give it to {name} in person; they can change it once logged in.").format(name=colleague[1])
                )
            )
        self.finish(self._store)

    def _store(self) -> None:
        new, confirmation = self.secret_edit.text(), self.confirm_edit.text()
        if self._colleague is not None:
            self._credentials.reset_for(self._colleague[0], new, confirmation)
        else:
            current = self.current_edit.text() if self.current_edit is not None else ""
            self._credentials.set_own(new, confirmation, current=current)


class SwitchUserDialog(FormDialog):
    """Asks the personal code of the person who is going to work on this laptop."""

    def __init__(self, setup: SetupService, staff_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Switch user"), parent=parent)
        self._setup = setup
        self._staff_id = staff_id
        self.form.addRow(
            _note(
                self.tr(
                    "Everything recorded from now on will be signed {name}. Type the personal code of {name}."
                ).format(name=name)
            )
        )
        self.secret_edit = _secret_edit("switchCode")
        self.add_row(self.tr("&Personal code:"), self.secret_edit, "secret")
        self.finish(self._store)
        buttons = self.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Switch"))

    def _store(self) -> None:
        self._setup.switch_user(self._staff_id, self.secret_edit.text())
