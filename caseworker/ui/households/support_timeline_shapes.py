"""The shapes of the support timeline: what a layout produces, with its colours, sizes and tooltips.

A :class:`Scene` is flat lists of rectangles, lines, polygons, points and labels, in painting order, each with a
colour (a fixed one, or a role of the palette) and a font role, and the areas whose tooltips it answers. Only
QtCore value types: the widget (:mod:`caseworker.ui.households.support_timeline`) turns them into brushes and
pens. The layout that fills a scene is :mod:`caseworker.ui.households.support_timeline_scene`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import cache
from typing import Protocol

from PySide6.QtCore import QLineF, QLocale, QPointF, QRectF, Qt

from caseworker.services.support import TimelineContact
from caseworker.ui.households.support_timeline_words import contacts_tip

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
WHITE = "#ffffff"
LABEL_BACKDROP = "#dcffffff"  # white, 220/255 opaque (#AARRGGBB)

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
MIN_WIDTH = 320
CONTACT_RADIUS = 3.5
MONTH_LABEL_ROOM = 34  # pixels a month abbreviation needs
MIN_DAYS_SHOWN = 90
EMPTY_HEIGHT = 2 * MARGIN + AXIS_HEIGHT + EPISODE_LANE


class Role(Enum):
    """A colour taken from the widget's palette."""

    INK = "text"
    MUTED = "placeholder_text"
    BASE = "base"


Colour = str | Role
"""A fixed colour ("#rrggbb" or "#aarrggbb"), or a role of the palette."""


class FontRole(Enum):
    """Which of the widget's three fonts a label uses."""

    BASE = "base"
    SMALL = "small"
    BOLD = "bold"


class TextMeasure(Protocol):
    """Measures text in the widget's fonts (the layout only needs widths and elision)."""

    def width(self, text: str, font: FontRole) -> float:
        """Return the advance of ``text``."""
        ...

    def elided(self, text: str, font: FontRole, width: float) -> str:
        """Return ``text`` cut with "…" to fit ``width``."""
        ...


@dataclass(frozen=True)
class Fill:
    """A filled rectangle (hatched: diagonal lines of the colour on what is below)."""

    rect: QRectF
    colour: Colour
    hatched: bool = False


@dataclass(frozen=True)
class Outline:
    """A rectangle's border."""

    rect: QRectF
    colour: Colour
    width: float


@dataclass(frozen=True)
class Line:
    """A line with its pen."""

    line: QLineF
    colour: Colour
    width: float
    style: Qt.PenStyle = Qt.PenStyle.SolidLine


@dataclass(frozen=True)
class Polygon:
    """A closed shape: a diamond, a flag, a small circle."""

    points: tuple[QPointF, ...]
    fill: Colour
    outline: Colour
    width: float


@dataclass(frozen=True)
class Text:
    """A label in a rectangle (``flags``: Qt alignment), optionally on a rounded backdrop."""

    rect: QRectF
    text: str
    colour: Colour
    font: FontRole
    flags: int
    backdrop: Colour | None = None


@dataclass
class ContactRow:
    """The contacts drawn on one row, by x position (sorted), for tooltips."""

    top: float
    bottom: float
    xs: list[float] = field(default_factory=list)
    contacts: list[TimelineContact] = field(default_factory=list)


@dataclass(frozen=True)
class TimeAxis:
    """Days to x: whole months from ``first``, ``per_day`` pixels each, starting at ``x0``."""

    first: date
    last: date
    x0: float
    per_day: float

    def x(self, day: date) -> float:
        """Return the x of the start of ``day``."""
        return self.x0 + (day.toordinal() - self.first.toordinal()) * self.per_day


@dataclass
class Scene:
    """Every shape to paint, in painting order, and what the tooltips answer."""

    height: int = EMPTY_HEIGHT
    axis: TimeAxis | None = None
    plot: QRectF | None = None  # the lanes' drawing area, on the base colour
    grid: list[QLineF] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
    outlines: list[Outline] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    polygons: list[Polygon] = field(default_factory=list)
    ticks: list[QLineF] = field(default_factory=list)  # month ticks, one pen
    year_ticks: list[QLineF] = field(default_factory=list)
    # Contact marks, one list per kind, each painted in one call.
    reached: list[QPointF] = field(default_factory=list)
    attempts: list[QPointF] = field(default_factory=list)
    cancelled: list[QPointF] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    tips: list[tuple[QRectF, str]] = field(default_factory=list)  # later entries win
    contact_rows: list[ContactRow] = field(default_factory=list)

    def x_of(self, day: date) -> float:
        """Return the x of the start of ``day`` (0 when nothing is laid out)."""
        return self.axis.x(day) if self.axis is not None else 0.0

    def contact_row_y(self, kind: str) -> float:
        """Return the y of the row where contacts of ``kind`` are drawn (reached above, others below)."""
        if not self.contact_rows:
            return -1.0
        row = self.contact_rows[0] if kind == "reached" else self.contact_rows[1]
        return (row.top + row.bottom) / 2

    def tooltip_at(self, point: QPointF) -> str:
        """Return the text describing what is under ``point`` (empty when nothing is)."""
        for row in self.contact_rows:
            if row.top <= point.y() <= row.bottom and (text := contacts_tip(row.xs, row.contacts, point.x())):
                return text
        for rect, text in reversed(self.tips):
            if rect.contains(point):
                return text
        return ""


@cache
def month_abbreviations() -> tuple[str, ...]:
    """Return "janv.", "févr."… (the application is in French whatever the system locale)."""
    locale = QLocale(QLocale.Language.French, QLocale.Country.France)
    return tuple(locale.monthName(month, QLocale.FormatType.ShortFormat) for month in range(1, 13))


def intensity_colour(index: int) -> str:
    """Return the band colour of the level at ``index`` in its scale (0 = most intense, darkest)."""
    return INTENSITY_COLOURS[min(max(index, 0), len(INTENSITY_COLOURS) - 1)]


def short_measure_name(name: str) -> str:
    """Return the name before its parenthesis: "AVDL (accompagnement vers…)" → "AVDL"."""
    head = name.split(" (", 1)[0].strip()
    return head or name


def widest_free(left: float, right: float, covered: list[tuple[float, float]]) -> tuple[float, float]:
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


def diamond(centre: QPointF, half: float) -> tuple[QPointF, ...]:
    """A diamond of half-diagonal ``half`` around ``centre``."""
    x, y = centre.x(), centre.y()
    return (QPointF(x, y - half), QPointF(x + half, y), QPointF(x, y + half), QPointF(x - half, y))


def circle(centre: QPointF, radius: float) -> tuple[QPointF, ...]:
    """A small circle as a polygon (drawn with the other polygons, in one pass)."""
    x, y = centre.x(), centre.y()
    return tuple(
        QPointF(x + radius * math.cos(step * math.pi / 6), y + radius * math.sin(step * math.pi / 6))
        for step in range(12)
    )
