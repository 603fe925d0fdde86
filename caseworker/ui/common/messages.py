"""Telling people what went wrong, in French, without losing what they typed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from caseworker.errors import KnownError
from caseworker.ui.common.bug_log import log_bug


def show_error(parent: QWidget | None, exc: BaseException, *, title: str | None = None) -> None:
    """Show a known error's French message, or a generic message for a bug (logged with its traceback)."""
    heading = title or QCoreApplication.translate("Messages", "Something went wrong")
    if isinstance(exc, KnownError):
        QMessageBox.warning(parent, heading, exc.user_message)
        return
    log_bug(exc)
    QMessageBox.critical(
        parent,
        heading,
        QCoreApplication.translate(
            "Messages",
            "An unexpected error occurred. Nothing already saved has been lost. The details were written to the "
            "log file; please report the problem.",
        ),
    )


def ask_yes_no(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask a yes/no question whose safe answer is No (the default button); True when the person says yes."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
