"""Attaching a file (a scanned form, a signed copy, a document, a logo): one way to choose it and read it.

The file is chosen in Qt's own dialog (native ones log chosen files in the desktop's "recent files": a scanned
consent form would be listed there), then read into memory — at most one byte more than the service accepts, so
that a huge file is never loaded and the service still refuses it with its own message. The content goes to the
encrypted database through a service; nothing is copied on disk.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from caseworker.services.documents import Attachment


class UnreadableFileError(Exception):
    """The chosen file could not be read; the message is translated and meant for the person."""


def read_attachment(path: Path, *, max_bytes: int, guess_media_type: bool = False) -> Attachment:
    """Read ``path`` into an attachment (at most ``max_bytes`` + 1 bytes: the service refuses more).

    The media type is left for the service to decide (each flow has its own table or default) unless
    ``guess_media_type``: then it is guessed from the name, as the consent form's evidence is.

    Raises:
        UnreadableFileError: the file cannot be read (removed meanwhile, no permission, a folder…).
    """
    try:
        with path.open("rb") as file:
            content = file.read(max_bytes + 1)
    except OSError as exc:
        message = QCoreApplication.translate("Attachments", "The file could not be read: {error}")
        raise UnreadableFileError(message.format(error=exc.strerror or exc)) from None
    media_type = (mimetypes.guess_type(path.name)[0] or "") if guess_media_type else ""
    return Attachment(path.name, content, media_type)


def choose_file(parent: QWidget, title: str, file_filter: str = "", *, start: str = "") -> Path | None:
    """Ask for a file in Qt's own dialog; None when the person cancels."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, title, start, file_filter, options=QFileDialog.Option.DontUseNativeDialog
    )
    return Path(name) if name else None


def choose_attachment(
    parent: QWidget, title: str, file_filter: str = "", *, max_bytes: int, start: str = ""
) -> Attachment | None:
    """Ask for a file and read it; an unreadable file is said in a message box. None when nothing was read."""
    path = choose_file(parent, title, file_filter, start=start)
    if path is None:
        return None
    try:
        return read_attachment(path, max_bytes=max_bytes)
    except UnreadableFileError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
