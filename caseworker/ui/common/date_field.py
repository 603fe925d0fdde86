"""A date entry that accepts what people type ("3/2/2025", "03022025") and says clearly when it cannot.

Each field has a :class:`DateKind` (a past fact, a planned date, a validity…): an absurd date for its kind is
refused like a date that does not exist, and an unusual one is confirmed once for the whole dialog when it is
saved (:func:`caseworker.ui.common.form_errors.submit`). The rule is the services' own
(:mod:`caseworker.services.date_rules`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from caseworker.formats import FormatError, format_date, parse_date
from caseworker.services.date_rules import DateKind, absurd_date, unusual_date


def _calendar_icon(colour: QColor) -> QIcon:
    """A small calendar drawn in the text colour (no icon theme is guaranteed on every desktop)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(colour)
    painter.drawRect(1, 3, 13, 11)
    painter.fillRect(1, 3, 14, 3, colour)
    for row in range(2):
        for column in range(3):
            painter.fillRect(3 + 4 * column, 8 + 3 * row, 2, 2, colour)
    painter.end()
    return QIcon(pixmap)


class DateField(QWidget):
    """A line edit for ``jj/mm/aaaa`` with a calendar button. Empty means "no date" when optional.

    ``kind`` says which dates are absurd or unusual here, relative to ``today`` (the services' clock).

    Signals:
        edited: the text changed (validation runs again).
    """

    edited = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        kind: DateKind,
        today: Callable[[], date],
        optional: bool = False,
    ) -> None:
        super().__init__(parent)
        self._optional = optional
        self.kind = kind
        self._today = today
        self._confirmed = ""  # the text whose unusual date the person confirmed
        self.line_edit = QLineEdit(self)
        self.line_edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.line_edit.setMaxLength(20)
        self.line_edit.textChanged.connect(self.edited)
        self._button = QToolButton(self)
        self._button.setIcon(_calendar_icon(self.palette().text().color()))
        self._button.setToolTip(self.tr("Choose in a calendar"))
        self._button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._calendar = QCalendarWidget()
        self._calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self._calendar.clicked.connect(self._picked)
        self._calendar.activated.connect(self._picked)
        menu = QMenu(self._button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self._calendar)
        menu.addAction(action)
        self._menu = menu
        self._button.setMenu(menu)
        self._button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line_edit, 1)
        layout.addWidget(self._button)
        self.setFocusProxy(self.line_edit)

    def set_date(self, value: date | None) -> None:
        """Show ``value`` (or nothing)."""
        self.line_edit.setText(format_date(value))

    def date_or_error(self) -> tuple[date | None, str | None]:
        """Return the typed date, or an explanation in French of why it is not one (or is absurd here)."""
        text = self.line_edit.text().strip()
        if not text:
            return None, None if self._optional else self.tr("Enter a date (dd/mm/yyyy).")
        try:
            value = parse_date(text)
        except FormatError as exc:
            return None, str(exc)
        problem = absurd_date(self.kind, value, self._today())
        if problem is not None:
            return None, f"{problem[0].upper()}{problem[1:]}."
        return value, None

    def unusual(self) -> str | None:
        """Return why the typed date is unusual (French), unless it is not, is not a date, or was confirmed."""
        value, problem = self.date_or_error()
        if value is None or problem is not None or self.line_edit.text() == self._confirmed:
            return None
        return unusual_date(self.kind, value, self._today())

    def confirm_unusual(self) -> None:
        """The person confirmed the date as typed: do not ask again unless it changes."""
        self._confirmed = self.line_edit.text()

    def typed(self) -> str:
        """The date as typed (for the confirmation question)."""
        return self.line_edit.text().strip()

    def _picked(self, value: QDate) -> None:
        self.set_date(date(value.year(), value.month(), value.day()))
        self._menu.close()
        self.line_edit.setFocus()


class BirthYearEdit(QLineEdit):
    """A birth year (four digits). A year more than 100 years ago is confirmed on saving, like an unusual date.

    The absurd years are refused by the service (``Problems.birth_year``, the :data:`DateKind.BIRTH` rule).
    """

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._confirmed = ""
        self.setMaxLength(4)

    def unusual(self) -> str | None:
        """Return why the typed year is unusual (French), unless it is not, is not a year, or was confirmed."""
        text = self.text().strip()
        if not (text.isdigit() and len(text) == 4) or text == self._confirmed:
            return None
        return unusual_date(DateKind.BIRTH, date(int(text), 1, 1), self._today())

    def confirm_unusual(self) -> None:
        """The person confirmed the year as typed."""
        self._confirmed = self.text().strip()

    def typed(self) -> str:
        """The year as typed (for the confirmation question)."""
        return self.text().strip()
