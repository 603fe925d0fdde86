"""Text fields that take no more than their rule: one-line fields stop there, multi-line ones count towards it.

The maximum is always one of the constants of :mod:`caseworker.services.validation` (the one the service checks
that field against), never a number typed here: a field cannot take what the service would refuse, and the
service's message states the same maximum.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from caseworker.services.validation import text_count

# The Qt property holding the maximum of a multi-line text (QPlainTextEdit has no maxLength of its own).
MAX_LENGTH = "maxTextLength"
_OVER_STYLE = "color: #b3261e;"
_COUNT_STYLE = "color: palette(mid);"


def limited_line(max_length: int, text: str = "", parent: QWidget | None = None) -> QLineEdit:
    """Return a one-line field that takes at most ``max_length`` characters."""
    edit = QLineEdit(text, parent)
    edit.setMaxLength(max_length)
    return edit


def limit_text(edit: QPlainTextEdit, max_length: int) -> QPlainTextEdit:
    """Give a multi-line text its maximum; :class:`TextCounter` (added by ``FormErrors.add_row``) shows it."""
    edit.setProperty(MAX_LENGTH, max_length)
    return edit


def max_length_of(edit: QPlainTextEdit) -> int | None:
    """The maximum given by :func:`limit_text`, if any."""
    value = edit.property(MAX_LENGTH)
    return value if isinstance(value, int) else None


class TextCounter(QLabel):
    """A live count under a multi-line text ("1 234 / 20 000"), red beyond the maximum.

    Beyond the maximum the text is kept (a pasted text can be trimmed where the person chooses), and the service
    refuses it with the same maximum in its message.
    """

    def __init__(self, edit: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        maximum = max_length_of(edit)
        if maximum is None:
            raise ValueError("limit_text() the edit first: a counter needs the rule's maximum")
        self._edit = edit
        self._maximum = maximum
        self.setObjectName("textCounter")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        length = len(self._edit.toPlainText())
        self.setText(text_count(length, self._maximum))
        self.setStyleSheet(_OVER_STYLE if length > self._maximum else _COUNT_STYLE)
