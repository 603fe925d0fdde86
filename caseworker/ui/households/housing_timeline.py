"""A painted strip of the occupancy timeline: one band per period, coloured by kind of situation, years below."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from caseworker.formats import format_date
from caseworker.services.households import OccupancyView

NOT_HOUSED = QColor("#f2c894")
HOUSED = QColor("#9fd18b")
WITHOUT_TITLE = QColor("#e8847c")
SUPPORTED_HOUSING = QColor("#9cc3e6")


def band_colour(period: OccupancyView) -> QColor:
    """Return the colour of a period's band."""
    if period.status_code == "occupant_sans_titre":
        return WITHOUT_TITLE
    if period.status_code in {"logement_accompagne", "logement_adapte"}:
        return SUPPORTED_HOUSING
    return HOUSED if period.is_housed else NOT_HOUSED


class HousingTimeline(QWidget):
    """Paints the periods between the first start and today."""

    BAND_HEIGHT = 34
    AXIS_HEIGHT = 18

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._periods: list[OccupancyView] = []
        self._today = date.today()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.BAND_HEIGHT + self.AXIS_HEIGHT + 8)

    def sizeHint(self) -> QSize:
        """A wide, short strip."""
        return QSize(600, self.BAND_HEIGHT + self.AXIS_HEIGHT + 8)

    def set_periods(self, periods: list[OccupancyView], today: date) -> None:
        """Show ``periods`` (oldest first) up to ``today``."""
        self._periods = list(periods)
        self._today = today
        tips = [
            f"{period.status_label} : {format_date(period.start_date)} – {format_date(period.end_date) or '…'}"
            for period in periods
        ]
        self.setToolTip("\n".join(tips))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw bands and year ticks."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._periods:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No housing situation recorded yet."))
            painter.end()
            return
        start = self._periods[0].start_date
        end = max([self._today, *(period.end_date or self._today for period in self._periods)])
        span = max((end - start).days + 1, 1)
        width = self.width() - 2
        metrics = QFontMetrics(self.font())

        def x_of(day: date) -> float:
            return 1 + width * (day - start).days / span

        for period in self._periods:
            left = x_of(period.start_date)
            right = x_of(period.end_date or end) + width / span
            rect = QRectF(left, 2, max(right - left, 1.5), self.BAND_HEIGHT)
            painter.fillRect(rect, band_colour(period))
            painter.setPen(QPen(QColor("#ffffff"), 1))
            painter.drawLine(rect.topLeft(), rect.bottomLeft())
            label = metrics.elidedText(period.status_label, Qt.TextElideMode.ElideRight, int(rect.width()) - 6)
            if rect.width() > 30:
                painter.setPen(QColor("#1f1f1f"))
                painter.drawText(rect.adjusted(3, 0, -3, 0), Qt.AlignmentFlag.AlignVCenter, label)
        painter.setPen(self.palette().text().color())
        axis_y = self.BAND_HEIGHT + 4
        painter.drawLine(1, axis_y, self.width() - 1, axis_y)
        for year in range(start.year + 1, end.year + 1):
            x = x_of(date(year, 1, 1))
            painter.drawLine(int(x), axis_y, int(x), axis_y + 4)
            painter.drawText(int(x) + 2, axis_y + self.AXIS_HEIGHT - 2, str(year))
        painter.end()
