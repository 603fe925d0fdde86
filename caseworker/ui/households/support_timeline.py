"""The per-household timeline widget: paints the scene :mod:`support_timeline_scene` lays out, answers the mouse.

The layout (where each lane, band, suspension, contact and housing period goes) is computed by
:func:`~caseworker.ui.households.support_timeline_scene.lay_out` once per data, size, font or palette change;
this widget turns its shapes into brushes and pens once, then only paints them, so that painting a household
with hundreds of contacts costs a few milliseconds and never allocates per day. It also shows the tooltips and
the accessible description the scene answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from caseworker.services.support import TimelineData
from caseworker.ui.households.support_timeline_scene import lay_out
from caseworker.ui.households.support_timeline_shapes import (
    CANCELLED_COLOUR,
    CONTACT_RADIUS,
    EMPTY_HEIGHT,
    Colour,
    FontRole,
    Role,
    Scene,
)
from caseworker.ui.households.support_timeline_words import describe


class _FontMeasure:
    """Measures text in the widget's fonts (what the layout asks)."""

    def __init__(self, fonts: dict[FontRole, QFont]) -> None:
        self._metrics = {role: QFontMetricsF(font) for role, font in fonts.items()}

    def width(self, text: str, font: FontRole) -> float:
        return self._metrics[font].horizontalAdvance(text)

    def elided(self, text: str, font: FontRole, width: float) -> str:
        return self._metrics[font].elidedText(text, Qt.TextElideMode.ElideRight, width)


@dataclass
class _Painted:
    """The scene as brushes, pens and polygons (built once per layout, painted as they are)."""

    plot: QRectF | None = None
    grid: list[QLineF] = field(default_factory=list)
    fills: list[tuple[QRectF, QBrush]] = field(default_factory=list)
    outlines: list[tuple[QRectF, QPen]] = field(default_factory=list)
    lines: list[tuple[QLineF, QPen]] = field(default_factory=list)
    polygons: list[tuple[QPolygonF, QBrush, QPen]] = field(default_factory=list)
    ticks: list[QLineF] = field(default_factory=list)
    year_ticks: list[QLineF] = field(default_factory=list)
    marks: tuple[QPolygonF, QPolygonF, QPolygonF] = field(
        default_factory=lambda: (QPolygonF(), QPolygonF(), QPolygonF())
    )
    texts: list[tuple[QRectF, str, QColor, QFont, int, QColor | None]] = field(default_factory=list)


class _Colours:
    """Turns the scene's colours into Qt colours, one object per colour (painting changes pen only when needed)."""

    def __init__(self, palette: QPalette) -> None:
        self._roles = {
            Role.INK: palette.text().color(),
            Role.MUTED: palette.placeholderText().color(),
            Role.BASE: palette.base().color(),
        }
        self._fixed: dict[str, QColor] = {}

    def __call__(self, colour: Colour) -> QColor:
        if isinstance(colour, Role):
            return self._roles[colour]
        found = self._fixed.get(colour)
        if found is None:
            found = self._fixed[colour] = QColor(colour)
        return found


def _painted(scene: Scene, palette: QPalette, fonts: dict[FontRole, QFont]) -> _Painted:
    colour = _Colours(palette)
    return _Painted(
        plot=scene.plot,
        grid=scene.grid,
        fills=[
            (
                fill.rect,
                QBrush(colour(fill.colour), Qt.BrushStyle.BDiagPattern)
                if fill.hatched
                else QBrush(colour(fill.colour)),
            )
            for fill in scene.fills
        ],
        outlines=[(outline.rect, QPen(colour(outline.colour), outline.width)) for outline in scene.outlines],
        lines=[(line.line, QPen(colour(line.colour), line.width, line.style)) for line in scene.lines],
        polygons=[
            (QPolygonF(list(shape.points)), QBrush(colour(shape.fill)), QPen(colour(shape.outline), shape.width))
            for shape in scene.polygons
        ],
        ticks=scene.ticks,
        year_ticks=scene.year_ticks,
        marks=(QPolygonF(scene.reached), QPolygonF(scene.attempts), QPolygonF(scene.cancelled)),
        texts=[
            (
                text.rect,
                text.text,
                colour(text.colour),
                fonts[text.font],
                text.flags,
                colour(text.backdrop) if text.backdrop is not None else None,
            )
            for text in scene.texts
        ],
    )


class SupportTimeline(QWidget):
    """Paints a household's :class:`TimelineData`; read-only, with tooltips and a text summary for screen readers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: TimelineData | None = None
        self._scene = Scene()
        self._painted = _Painted()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(EMPTY_HEIGHT)
        self.setAccessibleName(self.tr("Support and housing timeline"))
        self._layout()

    # ------------------------------------------------------------------------------------------- public

    @property
    def data(self) -> TimelineData | None:
        """The timeline shown, if any."""
        return self._data

    @property
    def scene(self) -> Scene:
        """The shapes as last laid out."""
        return self._scene

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
        return self._scene.x_of(day)

    def contact_row_y(self, kind: str) -> float:
        """Return the y of the row where contacts of ``kind`` are drawn (reached above, others below)."""
        return self._scene.contact_row_y(kind)

    def tooltip_at(self, pos: QPoint | QPointF) -> str:
        """Return the text describing what is under ``pos`` (empty when nothing is)."""
        return self._scene.tooltip_at(QPointF(pos))

    def describe(self) -> str:
        """Return the content in words (the accessible description)."""
        return describe(self._data)

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
        """Draw the precomputed shapes."""
        shapes = self._painted
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if shapes.plot is not None:
            painter.fillRect(shapes.plot, self.palette().base())
        painter.setPen(QPen(self.palette().mid().color(), 0.6))
        painter.drawLines(shapes.grid)
        painter.setPen(Qt.PenStyle.NoPen)
        for rect, brush in shapes.fills:
            painter.fillRect(rect, brush)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect, pen in shapes.outlines:
            painter.setPen(pen)
            painter.drawRect(rect)
        for line, pen in shapes.lines:
            painter.setPen(pen)
            painter.drawLine(line)
        for polygon, brush, pen in shapes.polygons:
            painter.setPen(pen)
            painter.setBrush(brush)
            painter.drawPolygon(polygon)
        ink = self.palette().text().color()
        if shapes.ticks:
            painter.setPen(QPen(self.palette().placeholderText().color(), 1))
            painter.drawLines(shapes.ticks)
        if shapes.year_ticks:
            painter.setPen(QPen(ink, 1.2))
            painter.drawLines(shapes.year_ticks)
        self._paint_marks(painter, ink)
        self._paint_texts(painter)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().highlight().color(), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(0.75, 0.75, -0.75, -0.75))
        painter.end()

    def _paint_marks(self, painter: QPainter, ink: QColor) -> None:
        """Contacts: wide round points are discs, one call per kind however many contacts there are."""
        reached, attempts, cancelled = self._painted.marks
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

    def _paint_texts(self, painter: QPainter) -> None:
        font: QFont | None = None
        colour: QColor | None = None
        for rect, text, text_colour, text_font, flags, backdrop in self._painted.texts:
            if backdrop is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(backdrop)
                painter.drawRoundedRect(rect, 3, 3)
                colour = None
            if text_font is not font:
                font = text_font
                painter.setFont(font)
            if text_colour is not colour:
                colour = text_colour
                painter.setPen(colour)
            painter.drawText(rect, flags, text)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Show the focus frame."""
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Hide the focus frame."""
        super().focusOutEvent(event)
        self.update()

    # ------------------------------------------------------------------------------------------ layout

    def _fonts(self) -> dict[FontRole, QFont]:
        base_font = QFont(self.font())
        small_font = QFont(self.font())
        small_font.setPointSizeF(max(base_font.pointSizeF() * 0.85, 6.5))
        bold_font = QFont(self.font())
        bold_font.setBold(True)
        return {FontRole.BASE: base_font, FontRole.SMALL: small_font, FontRole.BOLD: bold_font}

    def _layout(self) -> None:
        """Lay the data out for the current width, font and palette, and prepare the brushes and pens."""
        old_height = self._scene.height
        fonts = self._fonts()
        self._scene = lay_out(self._data, float(self.width()), _FontMeasure(fonts))
        self._painted = _painted(self._scene, self.palette(), fonts)
        if self._scene.height != old_height:
            self.setMinimumHeight(self._scene.height)
            self.updateGeometry()
