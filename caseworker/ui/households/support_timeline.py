"""The per-household timeline, painted: support episodes, contacts and housing on one time axis.

One lane per support episode (intensity levels as coloured bands, suspensions hatched over them, the wait
between referral and start as a dashed line, state changes as diamonds, the planned end as a flag), one lane of
contacts (reached: filled dots; failed attempts: rings; cancelled: small grey dots) and the occupancy periods
below. Everything is laid out once per data or size change (:meth:`SupportTimeline._layout`) into flat lists of
shapes, so that painting a household with hundreds of contacts costs a few milliseconds and never allocates
per day.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from PySide6.QtCore import QEvent, QLineF, QLocale, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from caseworker.formats import format_date
from caseworker.services.timeline import Band, TimelineContact, TimelineData, TimelineEpisode

# ColorBrewer "Blues" (sequential, colour-blind safe): the most intense level is the darkest.
INTENSITY_COLOURS = ("#08306b", "#2171b5", "#4292c6", "#9ecae1", "#c6dbef", "#deebf7")
# Levels drawn on a dark colour get white text.
DARK_LEVELS = 2
HOUSED_COLOURS = ("#74c476", "#a1d99b")  # greens, alternating so that consecutive periods stay apart
NOT_HOUSED_COLOURS = ("#fd8d3c", "#fdbe85")  # oranges
NO_LEVEL_COLOUR = "#d9d9d9"  # active, no intensity level recorded
SUSPENSION_COLOUR = "#f0f0f0"
SUSPENSION_HATCH = "#737373"
CANCELLED_COLOUR = "#a3a3a3"
TODAY_COLOUR = "#d62728"
MARKER_COLOUR = "#252525"
DARK_TEXT = "#1a1a1a"
LIGHT_TEXT = "#ffffff"

MARGIN = 6
AXIS_HEIGHT = 36
EPISODE_LANE = 48
EPISODE_BAND_TOP = 16  # room above the band for the state-change diamonds
BAND_HEIGHT = 24
CONTACT_LANE = 38
OCCUPANCY_LANE = 38
LEGEND_ROW = 20
RIGHT_MARGIN = 14
MIN_LABEL_WIDTH = 110
MAX_LABEL_WIDTH = 190
CONTACT_RADIUS = 3.5
CONTACT_HIT = 4.0  # pixels either side of a contact that still show its tooltip
MAX_TIP_CONTACTS = 8
MONTH_LABEL_ROOM = 34  # pixels a month abbreviation needs
AFTER_CARE = "apres_accompagnement"


@cache
def month_abbreviations() -> tuple[str, ...]:
    """Return "janv.", "févr."… (the application is in French whatever the system locale)."""
    locale = QLocale(QLocale.Language.French, QLocale.Country.France)
    return tuple(locale.monthName(month, QLocale.FormatType.ShortFormat) for month in range(1, 13))


def intensity_colour(index: int) -> QColor:
    """Return the band colour of the level at ``index`` in its scale (0 = most intense, darkest)."""
    return QColor(INTENSITY_COLOURS[min(max(index, 0), len(INTENSITY_COLOURS) - 1)])


def short_measure_name(name: str) -> str:
    """Return the name before its parenthesis: "AVDL (accompagnement vers…)" → "AVDL"."""
    head = name.split(" (", 1)[0].strip()
    return head or name


@dataclass
class _Text:
    rect: QRectF
    text: str
    colour: QColor
    font: QFont
    flags: int
    backdrop: QColor | None = None


@dataclass
class _ContactRow:
    """The contacts drawn on one row, by x position (sorted), for tooltips."""

    top: float
    bottom: float
    xs: list[float] = field(default_factory=list)
    contacts: list[TimelineContact] = field(default_factory=list)


@dataclass
class _Scene:
    """Every shape to paint, in painting order, computed by ``_layout``."""

    height: int = 0
    plot: QRectF | None = None  # the lanes' drawing area, on the base colour
    grid: list[QLineF] = field(default_factory=list)
    fills: list[tuple[QRectF, QBrush]] = field(default_factory=list)
    outlines: list[tuple[QRectF, QPen]] = field(default_factory=list)
    lines: list[tuple[QLineF, QPen]] = field(default_factory=list)
    polygons: list[tuple[QPolygonF, QBrush, QPen]] = field(default_factory=list)
    ticks: list[QLineF] = field(default_factory=list)  # month ticks, one pen
    year_ticks: list[QLineF] = field(default_factory=list)
    # Contact marks; turned into one polygon each by ``freeze`` so that each kind is painted in one call.
    reached: list[QPointF] = field(default_factory=list)
    attempts: list[QPointF] = field(default_factory=list)
    cancelled: list[QPointF] = field(default_factory=list)
    marks: tuple[QPolygonF, QPolygonF, QPolygonF] | None = None
    texts: list[_Text] = field(default_factory=list)
    tips: list[tuple[QRectF, str]] = field(default_factory=list)  # later entries win
    contact_rows: list[_ContactRow] = field(default_factory=list)

    def freeze(self) -> None:
        """Build the polygons painted in one call each."""
        self.marks = (QPolygonF(self.reached), QPolygonF(self.attempts), QPolygonF(self.cancelled))


class SupportTimeline(QWidget):
    """Paints a household's :class:`TimelineData`; read-only, with tooltips and a text summary for screen readers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: TimelineData | None = None
        self._scene = _Scene()
        self._first_ordinal = 0
        self._x0 = 0.0
        self._per_day = 1.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(2 * MARGIN + AXIS_HEIGHT + EPISODE_LANE)
        self.setAccessibleName(self.tr("Support and housing timeline"))
        self._layout()

    # ------------------------------------------------------------------------------------------- public

    @property
    def data(self) -> TimelineData | None:
        """The timeline shown, if any."""
        return self._data

    def set_data(self, data: TimelineData | None) -> None:
        """Show ``data`` (None: nothing)."""
        self._data = data
        self.setAccessibleDescription(self.describe())
        self._layout()
        self.update()

    def sizeHint(self) -> QSize:
        """Wide, and as tall as the lanes and the legend need."""
        return QSize(800, self._scene.height)

    def minimumSizeHint(self) -> QSize:
        """Narrow enough for a side panel; the height is what the lanes need."""
        return QSize(320, self._scene.height)

    def x_of(self, day: date) -> float:
        """Return the x of the start of ``day`` in the current layout."""
        return self._x(day)

    def contact_row_y(self, kind: str) -> float:
        """Return the y of the row where contacts of ``kind`` are drawn (reached above, others below)."""
        rows = self._scene.contact_rows
        if not rows:
            return -1.0
        row = rows[0] if kind == "reached" else rows[1]
        return (row.top + row.bottom) / 2

    def tooltip_at(self, pos: QPoint | QPointF) -> str:
        """Return the text describing what is under ``pos`` (empty when nothing is)."""
        point = QPointF(pos)
        for row in self._scene.contact_rows:
            if row.top <= point.y() <= row.bottom and (text := self._contacts_tip(row, point.x())):
                return text
        for rect, text in reversed(self._scene.tips):
            if rect.contains(point):
                return text
        return ""

    def describe(self) -> str:
        """Return the content in words (the accessible description)."""
        data = self._data
        if data is None:
            return ""
        parts = [self._describe_episode(episode) for episode in data.episodes]
        reached = sum(1 for contact in data.contacts if contact.kind == "reached")
        attempts = sum(1 for contact in data.contacts if contact.kind == "attempt")
        parts.append(
            self.tr("%n contact(s) reached", "", reached) + ", " + self.tr("%n failed attempt(s)", "", attempts)
        )
        if data.occupancies:
            current = data.occupancies[-1]
            parts.append(
                self.tr("housing: {status} {period}").format(status=current.label, period=self._period(current))
            )
        else:
            parts.append(self.tr("no housing situation recorded"))
        return "; ".join(parts)

    # --------------------------------------------------------------------------------------------- Qt

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Lay out again for the new width."""
        super().resizeEvent(event)
        self._layout()

    def changeEvent(self, event: QEvent) -> None:
        """Lay out again when the font or the palette changes."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._layout()
            self.update()

    def event(self, event: QEvent) -> bool:
        """Show the tooltip of what is under the mouse."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the precomputed scene."""
        scene = self._scene
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if scene.plot is not None:
            painter.fillRect(scene.plot, self.palette().base())
        painter.setPen(QPen(self.palette().mid().color(), 0.6))
        painter.drawLines(scene.grid)
        painter.setPen(Qt.PenStyle.NoPen)
        for rect, brush in scene.fills:
            painter.fillRect(rect, brush)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect, pen in scene.outlines:
            painter.setPen(pen)
            painter.drawRect(rect)
        for line, pen in scene.lines:
            painter.setPen(pen)
            painter.drawLine(line)
        for polygon, brush, pen in scene.polygons:
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawPolygon(polygon)
        ink = self.palette().text().color()
        if scene.ticks:
            painter.setPen(QPen(self.palette().placeholderText().color(), 1))
            painter.drawLines(scene.ticks)
        if scene.year_ticks:
            painter.setPen(QPen(ink, 1.2))
            painter.drawLines(scene.year_ticks)
        if scene.marks is not None:
            # Wide round points are discs: one call per kind however many contacts there are.
            reached, attempts, cancelled = scene.marks
            round_pen = QPen(QColor(CANCELLED_COLOUR), 4.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            painter.setPen(round_pen)
            painter.drawPoints(cancelled)
            round_pen.setColor(ink)
            round_pen.setWidthF(2 * CONTACT_RADIUS)
            painter.setPen(round_pen)
            painter.drawPoints(reached)
            round_pen.setWidthF(2 * CONTACT_RADIUS + 1.4)
            painter.setPen(round_pen)
            painter.drawPoints(attempts)
            round_pen.setColor(self.palette().base().color())
            round_pen.setWidthF(2 * CONTACT_RADIUS - 1.4)
            painter.setPen(round_pen)
            painter.drawPoints(attempts)
        font: QFont | None = None
        colour: QColor | None = None
        for item in scene.texts:
            if item.backdrop is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(item.backdrop)
                painter.drawRoundedRect(item.rect, 3, 3)
                colour = None
            if item.font is not font:
                font = item.font
                painter.setFont(font)
            if item.colour is not colour:
                colour = item.colour
                painter.setPen(colour)
            painter.drawText(item.rect, item.flags, item.text)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(0.75, 0.75, -0.75, -0.75))
        painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Show the focus frame."""
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Hide the focus frame."""
        super().focusOutEvent(event)
        self.update()

    # ------------------------------------------------------------------------------------------ layout

    def _x(self, day: date) -> float:
        return self._x0 + (day.toordinal() - self._first_ordinal) * self._per_day

    def _layout(self) -> None:
        """Compute every shape for the current data, width and font."""
        old_height = self._scene.height
        scene = self._scene = _Scene()
        data = self._data
        width = float(max(self.width(), 320))
        base_font = QFont(self.font())
        small_font = QFont(self.font())
        small_font.setPointSizeF(max(base_font.pointSizeF() * 0.85, 6.5))
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        small_metrics = QFontMetricsF(small_font)
        ink = self.palette().text().color()
        muted = self.palette().placeholderText().color()

        if data is None or not (data.episodes or data.contacts or data.occupancies):
            scene.height = 2 * MARGIN + AXIS_HEIGHT + EPISODE_LANE
            message = self.tr("Nothing recorded yet: no support, contact or housing situation.")
            if data is not None:
                scene.texts.append(
                    _Text(QRectF(0, 0, width, scene.height), message, muted, base_font, Qt.AlignmentFlag.AlignCenter)
                )
            scene.freeze()
            self._height_changed(old_height)
            return

        label_width = min(MAX_LABEL_WIDTH, max(MIN_LABEL_WIDTH, width * 0.2))
        first, last = self._range(data)
        self._first_ordinal = first.toordinal()
        self._x0 = MARGIN + label_width + 8
        plot_right = width - RIGHT_MARGIN
        self._per_day = max(plot_right - self._x0, 10.0) / ((last - first).days + 1)

        top: float = MARGIN + AXIS_HEIGHT
        lanes_top = top
        years = self._axis(scene, first, last, MARGIN, plot_right, small_font, bold_font, ink, muted)

        for episode in data.episodes:
            self._episode_lane(scene, episode, data.today, top, label_width, fonts=(bold_font, small_font), muted=muted)
            top += EPISODE_LANE
            scene.grid.append(QLineF(MARGIN, top, plot_right, top))
        self._contact_lane(scene, data, top, label_width, bold_font, small_font, muted)
        top += CONTACT_LANE
        scene.grid.append(QLineF(MARGIN, top, plot_right, top))
        self._occupancy_lane(scene, data, top, label_width, bold_font, small_font, small_metrics, muted)
        top += OCCUPANCY_LANE

        scene.plot = QRectF(self._x0, lanes_top, plot_right - self._x0, top - lanes_top)
        scene.grid.extend(QLineF(x, lanes_top, x, top) for x in years)
        today_x = self._x(data.today) + self._per_day / 2
        scene.lines.append(
            (QLineF(today_x, lanes_top - 6, today_x, top), QPen(QColor(TODAY_COLOUR), 1.5, Qt.PenStyle.SolidLine))
        )
        scene.tips.append(
            (QRectF(today_x - 2, lanes_top - 6, 4, 6), self.tr("Today: {date}").format(date=format_date(data.today)))
        )

        top += 6
        top = self._legend(scene, data, top, width, small_font, small_metrics, ink)
        scene.height = int(top + MARGIN)
        scene.freeze()
        self._height_changed(old_height)

    def _height_changed(self, old_height: int) -> None:
        if self._scene.height != old_height:
            self.setMinimumHeight(self._scene.height)
            self.updateGeometry()

    @staticmethod
    def _range(data: TimelineData) -> tuple[date, date]:
        """Return whole months around the data, with at least three months shown."""
        first = data.first_day.replace(day=1)
        last = data.last_day + timedelta(days=1)
        if (last - first).days < 90:
            last = first + timedelta(days=90)
        # Up to the end of the month holding ``last``.
        following = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
        return first, following - timedelta(days=1)

    def _axis(
        self,
        scene: _Scene,
        first: date,
        last: date,
        top: float,
        right: float,
        small_font: QFont,
        bold_font: QFont,
        ink: QColor,
        muted: QColor,
    ) -> list[float]:
        """Draw years above, month ticks and abbreviations below; return the x of each new year."""
        baseline = top + AXIS_HEIGHT - 4
        scene.lines.append((QLineF(self._x0, baseline, right, baseline), QPen(muted, 1)))
        per_month = self._per_day * 30.4
        step = next((s for s in (1, 2, 3, 6) if per_month * s >= MONTH_LABEL_ROOM), 0)
        names = month_abbreviations()
        year_metrics = QFontMetricsF(bold_font)
        year_room = year_metrics.horizontalAdvance("2026") + 10
        year_step = next((s for s in (1, 2, 5, 10, 20) if per_month * 12 * s >= year_room), 50)
        month = date(first.year, first.month, 1)
        years: list[float] = []
        while month <= last:
            x = self._x(month)
            if month.month == 1:
                scene.year_ticks.append(QLineF(x, baseline - 20, x, baseline + 3))
                years.append(x)
            elif per_month >= 4:
                scene.ticks.append(QLineF(x, baseline - 4, x, baseline))
            if step and (month.month - 1) % step == 0:
                rect = QRectF(x + 2, baseline - 15, per_month * step - 2, 14)
                scene.texts.append(_Text(rect, names[month.month - 1], muted, small_font, Qt.AlignmentFlag.AlignLeft))
            # A year is named at its January; the first one also at the left edge when its January is not shown
            # and there is room before the next.
            at_left_edge = month == first and month.month != 1 and year_step == 1
            room_before_next = self._x(date(month.year + 1, 1, 1)) - x >= year_room
            if (month.month == 1 and month.year % year_step == 0) or (at_left_edge and room_before_next):
                rect = QRectF(x + 3, top, year_room, 16)
                scene.texts.append(_Text(rect, str(month.year), ink, bold_font, Qt.AlignmentFlag.AlignLeft))
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        return years

    def _lane_label(
        self,
        scene: _Scene,
        top: float,
        height: float,
        label_width: float,
        title: str,
        subtitle: str,
        tip: str,
        fonts: tuple[QFont, QFont],
        muted: QColor,
    ) -> None:
        bold_font, small_font = fonts
        title_metrics = QFontMetricsF(bold_font)
        small_metrics = QFontMetricsF(small_font)
        inner = label_width - 4
        middle = top + height / 2
        scene.texts.append(
            _Text(
                QRectF(MARGIN, middle - 17, inner, 17),
                title_metrics.elidedText(title, Qt.TextElideMode.ElideRight, inner),
                self.palette().text().color(),
                bold_font,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            )
        )
        scene.texts.append(
            _Text(
                QRectF(MARGIN, middle + 1, inner, 16),
                small_metrics.elidedText(subtitle, Qt.TextElideMode.ElideRight, inner),
                muted,
                small_font,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            )
        )
        scene.tips.append((QRectF(MARGIN, top, label_width, height), tip))

    def _band(
        self,
        scene: _Scene,
        band: Band,
        today: date,
        top: float,
        brush: QBrush,
        text_colour: QColor,
        font: QFont,
        metrics: QFontMetricsF,
        tip: str,
        covered: list[tuple[float, float]] | None = None,
    ) -> QRectF:
        """Add a band and its label (in the widest part not ``covered`` by a suspension, when it fits)."""
        left = self._x(band.start)
        right = self._x((band.end or today) + timedelta(days=1))
        rect = QRectF(left, top, max(right - left, 1.5), BAND_HEIGHT)
        scene.fills.append((rect, brush))
        free_left, free_right = _widest_free(left, right, covered or [])
        room = free_right - free_left - 8
        if room >= 24:
            text = metrics.elidedText(band.label, Qt.TextElideMode.ElideRight, room)
            if text and text != "…":
                text_rect = QRectF(free_left + 4, top, room, BAND_HEIGHT)
                scene.texts.append(_Text(text_rect, text, text_colour, font, Qt.AlignmentFlag.AlignVCenter))
        scene.tips.append((rect, tip))
        return rect

    def _episode_lane(
        self,
        scene: _Scene,
        episode: TimelineEpisode,
        today: date,
        top: float,
        label_width: float,
        *,
        fonts: tuple[QFont, QFont],
        muted: QColor,
    ) -> None:
        bold_font, small_font = fonts
        metrics = QFontMetricsF(small_font)
        band_top = top + EPISODE_BAND_TOP
        middle = band_top + BAND_HEIGHT / 2
        measure = short_measure_name(episode.measure_name)
        tip_lines = [episode.measure_name, episode.status_label]
        tip_lines.append(self.tr("Referral received on {date}").format(date=format_date(episode.orientation_date)))
        if episode.start_date is not None:
            tip_lines.append(
                self.tr("Support: {period}").format(period=self._period(Band(episode.start_date, episode.end_date, "")))
            )
        if episode.planned_end is not None:
            tip_lines.append(self.tr("Planned end: {date}").format(date=format_date(episode.planned_end)))
        self._lane_label(
            scene,
            top,
            EPISODE_LANE,
            label_width,
            measure,
            episode.status_label,
            "\n".join(tip_lines),
            (bold_font, small_font),
            muted,
        )

        # Referral → start (or → end / today while it has not started): a thin dashed line.
        waited_until = episode.start_date or episode.end_date or today
        orientation_x = self._x(episode.orientation_date)
        wait_end = self._x(waited_until)
        dash = QPen(muted, 1.4, Qt.PenStyle.DashLine)
        if wait_end > orientation_x:
            scene.lines.append((QLineF(orientation_x, middle, wait_end, middle), dash))
        scene.polygons.append(
            (_circle(QPointF(orientation_x, middle), 3.0), QBrush(self.palette().base().color()), QPen(muted, 1.4))
        )
        scene.tips.append(
            (
                QRectF(orientation_x - 4, middle - 6, max(wait_end - orientation_x, 0) + 8, 12),
                self.tr("Referral received on {date}").format(date=format_date(episode.orientation_date)),
            )
        )

        if episode.start_date is not None and episode.start_date <= today:
            # Active time with no level recorded shows as a thin neutral bar under the intensity bands.
            left = self._x(episode.start_date)
            right = self._x(min(episode.end_date or today, today) + timedelta(days=1))
            if right > left:
                scene.fills.append((QRectF(left, middle - 4, right - left, 8), QBrush(QColor(NO_LEVEL_COLOUR))))
        if episode.status_code == AFTER_CARE and episode.end_date is not None and episode.end_date < today:
            # After-care (suivi post-accompagnement): a dotted line from the end of support to today.
            left = self._x(episode.end_date + timedelta(days=1))
            right = self._x(today + timedelta(days=1))
            scene.lines.append((QLineF(left, middle, right, middle), QPen(muted, 2, Qt.PenStyle.DotLine)))
            scene.tips.append(
                (
                    QRectF(left, middle - 6, right - left, 12),
                    self.tr("After-care since {date}").format(date=format_date(episode.end_date + timedelta(days=1))),
                )
            )
        paused = [
            (self._x(band.start), self._x((band.end or today) + timedelta(days=1))) for band in episode.suspensions
        ]
        for band in episode.intensity:
            colour = intensity_colour(band.index)
            text_colour = QColor(LIGHT_TEXT if band.index < DARK_LEVELS else DARK_TEXT)
            tip = self.tr("Intensity {level}: {period}").format(level=band.label, period=self._period(band))
            self._band(scene, band, today, band_top, QBrush(colour), text_colour, small_font, metrics, tip, paused)
        for band in episode.suspensions:
            tip = self.tr("Suspended ({reason}): {period}").format(reason=band.label, period=self._period(band))
            left = self._x(band.start)
            right = self._x((band.end or today) + timedelta(days=1))
            rect = QRectF(left, band_top - 2, max(right - left, 2.0), BAND_HEIGHT + 4)
            scene.fills.append((rect, QBrush(QColor(SUSPENSION_COLOUR))))
            scene.fills.append((rect, QBrush(QColor(SUSPENSION_HATCH), Qt.BrushStyle.BDiagPattern)))
            scene.outlines.append((rect, QPen(QColor(SUSPENSION_HATCH), 1)))
            label = metrics.elidedText(band.label, Qt.TextElideMode.ElideRight, rect.width() - 10)
            if rect.width() >= 34 and label != "…":
                text_width = metrics.horizontalAdvance(label) + 6
                text_rect = QRectF(rect.center().x() - text_width / 2, middle - 8, text_width, 16)
                scene.texts.append(
                    _Text(
                        text_rect,
                        label,
                        QColor(DARK_TEXT),
                        small_font,
                        Qt.AlignmentFlag.AlignCenter,
                        backdrop=QColor(255, 255, 255, 220),
                    )
                )
            scene.tips.append((rect, tip))

        if episode.planned_end is not None:
            x = self._x(episode.planned_end + timedelta(days=1))
            pen = QPen(QColor(MARKER_COLOUR), 2)
            scene.lines.append((QLineF(x, band_top - 3, x, band_top + BAND_HEIGHT + 3), pen))
            flag = QPolygonF([QPointF(x, band_top - 9), QPointF(x + 7, band_top - 6), QPointF(x, band_top - 3)])
            scene.polygons.append((flag, QBrush(QColor(MARKER_COLOUR)), QPen(QColor(MARKER_COLOUR), 1)))
            scene.tips.append(
                (
                    QRectF(x - 4, band_top - 10, 12, BAND_HEIGHT + 14),
                    self.tr("Planned end: {date}").format(date=format_date(episode.planned_end)),
                )
            )

        # State changes: diamonds above the band; several on one day share a tooltip.
        diamond_y = band_top - 7
        by_day: dict[date, list[str]] = {}
        for day, label in episode.transitions:
            by_day.setdefault(day, []).append(label)
        for day, labels in by_day.items():
            x = self._x(day) + self._per_day / 2
            scene.polygons.append(
                (_diamond(QPointF(x, diamond_y), 4.5), QBrush(QColor("#ffffff")), QPen(QColor(MARKER_COLOUR), 1.2))
            )
            scene.tips.append(
                (
                    QRectF(x - 5, diamond_y - 5, 10, 10),
                    self.tr("{date}: {status}").format(date=format_date(day), status=" → ".join(labels)),
                )
            )

    def _contact_lane(
        self,
        scene: _Scene,
        data: TimelineData,
        top: float,
        label_width: float,
        bold_font: QFont,
        small_font: QFont,
        muted: QColor,
    ) -> None:
        reached = sum(1 for contact in data.contacts if contact.kind == "reached")
        attempts = sum(1 for contact in data.contacts if contact.kind == "attempt")
        subtitle = self.tr("{reached} reached · {attempts} attempts").format(reached=reached, attempts=attempts)
        tip = self.tr("%n contact(s) reached", "", reached) + "\n" + self.tr("%n failed attempt(s)", "", attempts)
        self._lane_label(
            scene, top, CONTACT_LANE, label_width, self.tr("Contacts"), subtitle, tip, (bold_font, small_font), muted
        )
        upper = _ContactRow(top + 4, top + CONTACT_LANE / 2)
        lower = _ContactRow(top + CONTACT_LANE / 2, top + CONTACT_LANE - 4)
        upper_y = top + CONTACT_LANE / 2 - 7
        lower_y = top + CONTACT_LANE / 2 + 7
        seen: set[tuple[int, int]] = set()  # one shape per pixel column and row: no overdraw on busy days
        half_day = self._per_day / 2
        for contact in data.contacts:
            x = self._x(contact.day) + half_day
            row = upper if contact.kind == "reached" else lower
            row.xs.append(x)
            row.contacts.append(contact)
            kind_rank = {"reached": 0, "attempt": 1}.get(contact.kind, 2)
            key = (round(x), kind_rank)
            if key in seen:
                continue
            seen.add(key)
            if kind_rank == 0:
                scene.reached.append(QPointF(x, upper_y))
            elif kind_rank == 1:
                scene.attempts.append(QPointF(x, lower_y))
            else:
                scene.cancelled.append(QPointF(x, lower_y))
        # Attempts drawn over cancelled ones at the same place: keep each row sorted by x for the tooltip search.
        for row in (upper, lower):
            order = sorted(range(len(row.xs)), key=row.xs.__getitem__)
            row.xs = [row.xs[i] for i in order]
            row.contacts = [row.contacts[i] for i in order]
        scene.contact_rows.extend((upper, lower))

    def _occupancy_lane(
        self,
        scene: _Scene,
        data: TimelineData,
        top: float,
        label_width: float,
        bold_font: QFont,
        small_font: QFont,
        metrics: QFontMetricsF,
        muted: QColor,
    ) -> None:
        current = data.occupancies[-1].label if data.occupancies else self.tr("not recorded")
        self._lane_label(
            scene,
            top,
            OCCUPANCY_LANE,
            label_width,
            self.tr("Housing"),
            current,
            self.tr("Housing: {status}").format(status=current),
            (bold_font, small_font),
            muted,
        )
        band_top = top + (OCCUPANCY_LANE - BAND_HEIGHT) / 2
        shade = {0: 0, 1: 0}
        for band in data.occupancies:
            family = HOUSED_COLOURS if band.index else NOT_HOUSED_COLOURS
            colour = QColor(family[shade[band.index] % 2])
            shade[band.index] += 1
            tip = self.tr("{status}: {period}").format(status=band.label, period=self._period(band))
            rect = self._band(
                scene, band, data.today, band_top, QBrush(colour), QColor(DARK_TEXT), small_font, metrics, tip
            )
            scene.lines.append((QLineF(rect.topLeft(), rect.bottomLeft()), QPen(QColor("#ffffff"), 1.5)))

    def _legend(
        self,
        scene: _Scene,
        data: TimelineData,
        top: float,
        width: float,
        font: QFont,
        metrics: QFontMetricsF,
        ink: QColor,
    ) -> float:
        """Lay the legend out in rows (swatch + label), wrapping at the widget's width; return the new bottom."""
        levels: dict[int, str] = {}
        for episode in data.episodes:
            for band in episode.intensity:
                levels.setdefault(band.index, band.label)
        entries: list[tuple[str, str]] = [(f"level:{index}", label) for index, label in sorted(levels.items())]
        if any(episode.suspensions for episode in data.episodes):
            entries.append(("suspension", self.tr("Suspension")))
        if data.episodes:
            entries.append(("waiting", self.tr("Referral → start")))
            entries.append(("transition", self.tr("Status change")))
        if any(episode.planned_end for episode in data.episodes):
            entries.append(("planned", self.tr("Planned end")))
        kinds = {contact.kind for contact in data.contacts}
        if "reached" in kinds:
            entries.append(("reached", self.tr("Contact")))
        if "attempt" in kinds:
            entries.append(("attempt", self.tr("Failed attempt")))
        if "cancelled" in kinds:
            entries.append(("cancelled", self.tr("Cancelled")))
        if any(band.index for band in data.occupancies):
            entries.append(("housed", self.tr("Housed")))
        if any(not band.index for band in data.occupancies):
            entries.append(("not_housed", self.tr("Not housed")))
        entries.append(("today", self.tr("Today")))

        x = self._x0
        y = top
        right = width - RIGHT_MARGIN
        for kind, label in entries:
            text_width = metrics.horizontalAdvance(label)
            needed = 22 + text_width + 14
            if x + needed > right and x > self._x0:
                x = self._x0
                y += LEGEND_ROW
            self._swatch(scene, kind, QRectF(x, y + 4, 16, 12), ink)
            scene.texts.append(
                _Text(QRectF(x + 21, y, text_width + 4, LEGEND_ROW), label, ink, font, Qt.AlignmentFlag.AlignVCenter)
            )
            x += needed
        return y + LEGEND_ROW

    def _swatch(self, scene: _Scene, kind: str, rect: QRectF, ink: QColor) -> None:
        centre = rect.center()
        marker = QColor(MARKER_COLOUR)
        if kind.startswith("level:"):
            scene.fills.append((rect, QBrush(intensity_colour(int(kind.split(":", 1)[1])))))
        elif kind == "suspension":
            scene.fills.append((rect, QBrush(QColor(SUSPENSION_COLOUR))))
            scene.fills.append((rect, QBrush(QColor(SUSPENSION_HATCH), Qt.BrushStyle.BDiagPattern)))
            scene.outlines.append((rect, QPen(QColor(SUSPENSION_HATCH), 1)))
        elif kind == "waiting":
            muted = self.palette().placeholderText().color()
            scene.lines.append(
                (QLineF(rect.left(), centre.y(), rect.right(), centre.y()), QPen(muted, 1.4, Qt.PenStyle.DashLine))
            )
        elif kind == "transition":
            scene.polygons.append((_diamond(centre, 4.5), QBrush(QColor("#ffffff")), QPen(marker, 1.2)))
        elif kind == "planned":
            x = centre.x() - 3
            scene.lines.append((QLineF(x, rect.top(), x, rect.bottom()), QPen(marker, 2)))
            flag = QPolygonF([QPointF(x, rect.top()), QPointF(x + 7, rect.top() + 3), QPointF(x, rect.top() + 6)])
            scene.polygons.append((flag, QBrush(marker), QPen(marker, 1)))
        elif kind == "reached":
            scene.reached.append(centre)
        elif kind == "attempt":
            scene.attempts.append(centre)
        elif kind == "cancelled":
            scene.cancelled.append(centre)
        elif kind == "housed":
            scene.fills.append((rect, QBrush(QColor(HOUSED_COLOURS[0]))))
        elif kind == "not_housed":
            scene.fills.append((rect, QBrush(QColor(NOT_HOUSED_COLOURS[0]))))
        elif kind == "today":
            scene.lines.append(
                (QLineF(centre.x(), rect.top() - 1, centre.x(), rect.bottom() + 1), QPen(QColor(TODAY_COLOUR), 1.5))
            )

    # ----------------------------------------------------------------------------------------- words

    def _period(self, band: Band) -> str:
        if band.end is None:
            return self.tr("since {start}").format(start=format_date(band.start))
        return self.tr("from {start} to {end}").format(start=format_date(band.start), end=format_date(band.end))

    def _describe_episode(self, episode: TimelineEpisode) -> str:
        words = [self.tr("{measure}: {status}").format(measure=episode.measure_name, status=episode.status_label)]
        words.extend(f"{band.label} {self._period(band)}" for band in episode.intensity)
        words.extend(
            self.tr("suspended ({reason}) {period}").format(reason=band.label, period=self._period(band))
            for band in episode.suspensions
        )
        if episode.planned_end is not None:
            words.append(self.tr("planned end {date}").format(date=format_date(episode.planned_end)))
        return ", ".join(words)

    def _contacts_tip(self, row: _ContactRow, x: float) -> str:
        low = bisect.bisect_left(row.xs, x - CONTACT_HIT)
        high = bisect.bisect_right(row.xs, x + CONTACT_HIT)
        found = row.contacts[low:high]
        if not found:
            return ""
        lines = [
            f"{format_date(contact.day)} — {contact.type_label} : {contact.outcome_label}"
            for contact in found[:MAX_TIP_CONTACTS]
        ]
        if len(found) > MAX_TIP_CONTACTS:
            lines.append(self.tr("… and %n more", "", len(found) - MAX_TIP_CONTACTS))
        return "\n".join(lines)


def _widest_free(left: float, right: float, covered: list[tuple[float, float]]) -> tuple[float, float]:
    """Return the widest part of ``left``–``right`` outside the ``covered`` intervals."""
    best = (left, left)
    cursor = left
    for low, high in sorted(covered):
        if high <= cursor or low >= right:
            continue
        if low - cursor > best[1] - best[0]:
            best = (cursor, low)
        cursor = max(cursor, high)
    if right - cursor > best[1] - best[0]:
        best = (cursor, right)
    return best


def _diamond(centre: QPointF, half: float) -> QPolygonF:
    x, y = centre.x(), centre.y()
    return QPolygonF([QPointF(x, y - half), QPointF(x + half, y), QPointF(x, y + half), QPointF(x - half, y)])


def _circle(centre: QPointF, radius: float) -> QPolygonF:
    """A small circle as a polygon (drawn with the other polygons, in one pass)."""
    x, y = centre.x(), centre.y()
    return QPolygonF(
        [
            QPointF(x + radius * math.cos(step * math.pi / 6), y + radius * math.sin(step * math.pi / 6))
            for step in range(12)
        ]
    )
