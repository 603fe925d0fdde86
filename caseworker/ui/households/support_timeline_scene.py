"""Where each shape of the support timeline goes: the layout, computed from the service's values and a size.

:func:`lay_out` turns a household's :class:`TimelineData`, a width and a way of measuring text into a
:class:`~caseworker.ui.households.support_timeline_shapes.Scene`. Nothing here paints or knows a widget, so the
layout is tested without painting (tests/ui/test_support_timeline_scene.py).

One lane per support episode (intensity levels as coloured bands, suspensions hatched over them, the wait
between referral and start as a dashed line, state changes as diamonds, the planned end as a flag), one lane of
contacts (reached: filled dots; failed attempts: rings; cancelled: small grey dots) and the occupancy periods
below, on one time axis of whole months squeezed into the width, then the legend.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt

from caseworker.formats import format_date
from caseworker.services.support import Band, TimelineData, TimelineEpisode
from caseworker.ui.households.support_timeline_shapes import (
    AXIS_HEIGHT,
    BAND_HEIGHT,
    CONTACT_LANE,
    DARK_LEVELS,
    DARK_TEXT,
    EPISODE_BAND_TOP,
    EPISODE_LANE,
    HOUSED_COLOURS,
    LABEL_BACKDROP,
    LEGEND_ROW,
    LIGHT_TEXT,
    MARGIN,
    MARKER_COLOUR,
    MAX_LABEL_WIDTH,
    MIN_DAYS_SHOWN,
    MIN_LABEL_WIDTH,
    MIN_WIDTH,
    MONTH_LABEL_ROOM,
    NO_LEVEL_COLOUR,
    NOT_HOUSED_COLOURS,
    OCCUPANCY_LANE,
    RIGHT_MARGIN,
    SUSPENSION_COLOUR,
    SUSPENSION_HATCH,
    TODAY_COLOUR,
    WHITE,
    Colour,
    ContactRow,
    Fill,
    FontRole,
    Line,
    Outline,
    Polygon,
    Role,
    Scene,
    Text,
    TextMeasure,
    TimeAxis,
    circle,
    diamond,
    intensity_colour,
    month_abbreviations,
    short_measure_name,
    widest_free,
)
from caseworker.ui.households.support_timeline_words import contact_counts, episode_tip, legend_entries, period


def time_range(data: TimelineData) -> tuple[date, date]:
    """Return whole months around the data, with at least three months shown."""
    first = data.first_day.replace(day=1)
    last = data.last_day + timedelta(days=1)
    if (last - first).days < MIN_DAYS_SHOWN:
        last = first + timedelta(days=MIN_DAYS_SHOWN)
    # Up to the end of the month holding ``last``.
    following = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def lay_out(data: TimelineData | None, width: float, measure: TextMeasure) -> Scene:
    """Compute every shape of ``data`` for a widget ``width`` pixels wide (never less than :data:`MIN_WIDTH`)."""
    width = max(width, MIN_WIDTH)
    scene = Scene()
    if data is None or not (data.episodes or data.contacts or data.occupancies):
        if data is not None:
            message = QCoreApplication.translate(
                "SupportTimeline", "Nothing recorded yet: no support, contact or housing situation."
            )
            rect = QRectF(0, 0, width, scene.height)
            scene.texts.append(Text(rect, message, Role.MUTED, FontRole.BASE, Qt.AlignmentFlag.AlignCenter))
        return scene
    return _Layout(data, width, measure, scene).run()


class _Layout:
    """One pass of :func:`lay_out` over non-empty data."""

    def __init__(self, data: TimelineData, width: float, measure: TextMeasure, scene: Scene) -> None:
        self.data = data
        self.width = width
        self.measure = measure
        self.scene = scene
        self.label_width = min(MAX_LABEL_WIDTH, max(MIN_LABEL_WIDTH, width * 0.2))
        first, last = time_range(data)
        x0 = MARGIN + self.label_width + 8
        self.plot_right = width - RIGHT_MARGIN
        per_day = max(self.plot_right - x0, 10.0) / ((last - first).days + 1)
        self.axis = scene.axis = TimeAxis(first, last, x0, per_day)

    def x(self, day: date) -> float:
        return self.axis.x(day)

    def run(self) -> Scene:
        scene, data = self.scene, self.data
        top: float = MARGIN + AXIS_HEIGHT
        lanes_top = top
        years = _axis(scene, self.axis, MARGIN, self.plot_right, self.measure)
        for episode in data.episodes:
            self._episode_lane(episode, top)
            top += EPISODE_LANE
            scene.grid.append(QLineF(MARGIN, top, self.plot_right, top))
        self._contact_lane(top)
        top += CONTACT_LANE
        scene.grid.append(QLineF(MARGIN, top, self.plot_right, top))
        self._occupancy_lane(top)
        top += OCCUPANCY_LANE

        scene.plot = QRectF(self.axis.x0, lanes_top, self.plot_right - self.axis.x0, top - lanes_top)
        scene.grid.extend(QLineF(x, lanes_top, x, top) for x in years)
        today_x = self.x(data.today) + self.axis.per_day / 2
        scene.lines.append(Line(QLineF(today_x, lanes_top - 6, today_x, top), TODAY_COLOUR, 1.5))
        today_tip = QCoreApplication.translate("SupportTimeline", "Today: {date}").format(date=format_date(data.today))
        scene.tips.append((QRectF(today_x - 2, lanes_top - 6, 4, 6), today_tip))
        top = _legend(scene, legend_entries(data), self.axis.x0, top + 6, self.width, self.measure)
        scene.height = int(top + MARGIN)
        return scene

    def _lane_label(self, top: float, height: float, title: str, subtitle: str, tip: str) -> None:
        scene, measure = self.scene, self.measure
        inner = self.label_width - 4
        middle = top + height / 2
        scene.texts.append(
            Text(
                QRectF(MARGIN, middle - 17, inner, 17),
                measure.elided(title, FontRole.BOLD, inner),
                Role.INK,
                FontRole.BOLD,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            )
        )
        scene.texts.append(
            Text(
                QRectF(MARGIN, middle + 1, inner, 16),
                measure.elided(subtitle, FontRole.SMALL, inner),
                Role.MUTED,
                FontRole.SMALL,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            )
        )
        scene.tips.append((QRectF(MARGIN, top, self.label_width, height), tip))

    def _band(
        self,
        band: Band,
        top: float,
        colour: Colour,
        text_colour: Colour,
        tip: str,
        covered: list[tuple[float, float]] | None = None,
    ) -> QRectF:
        """Add a band and its label (in the widest part not ``covered`` by a suspension, when it fits)."""
        left = self.x(band.start)
        right = self.x((band.end or self.data.today) + timedelta(days=1))
        rect = QRectF(left, top, max(right - left, 1.5), BAND_HEIGHT)
        self.scene.fills.append(Fill(rect, colour))
        free_left, free_right = widest_free(left, right, covered or [])
        room = free_right - free_left - 8
        if room >= 24:
            text = self.measure.elided(band.label, FontRole.SMALL, room)
            if text and text != "…":
                text_rect = QRectF(free_left + 4, top, room, BAND_HEIGHT)
                self.scene.texts.append(
                    Text(text_rect, text, text_colour, FontRole.SMALL, Qt.AlignmentFlag.AlignVCenter)
                )
        self.scene.tips.append((rect, tip))
        return rect

    def _episode_lane(self, episode: TimelineEpisode, top: float) -> None:
        band_top = top + EPISODE_BAND_TOP
        middle = band_top + BAND_HEIGHT / 2
        self._lane_label(
            top,
            EPISODE_LANE,
            short_measure_name(episode.measure_name),
            episode.status_label,
            episode_tip(episode),
        )
        self._waiting(episode, middle)
        self._active_time(episode, middle)
        paused = [
            (self.x(band.start), self.x((band.end or self.data.today) + timedelta(days=1)))
            for band in episode.suspensions
        ]
        for band in episode.intensity:
            text_colour = LIGHT_TEXT if band.index < DARK_LEVELS else DARK_TEXT
            tip = QCoreApplication.translate("SupportTimeline", "Intensity {level}: {period}").format(
                level=band.label, period=period(band)
            )
            self._band(band, band_top, intensity_colour(band.index), text_colour, tip, paused)
        for band in episode.suspensions:
            self._suspension(band, band_top, middle)
        if episode.planned_end is not None:
            self._planned_end(episode.planned_end, band_top)
        self._transitions(episode, band_top - 7)

    def _waiting(self, episode: TimelineEpisode, middle: float) -> None:
        """Referral → start (or → end / today while it has not started): a thin dashed line."""
        scene = self.scene
        waited_until = episode.start_date or episode.end_date or self.data.today
        orientation_x = self.x(episode.orientation_date)
        wait_end = self.x(waited_until)
        if wait_end > orientation_x:
            scene.lines.append(
                Line(QLineF(orientation_x, middle, wait_end, middle), Role.MUTED, 1.4, Qt.PenStyle.DashLine)
            )
        scene.polygons.append(Polygon(circle(QPointF(orientation_x, middle), 3.0), Role.BASE, Role.MUTED, 1.4))
        scene.tips.append(
            (
                QRectF(orientation_x - 4, middle - 6, max(wait_end - orientation_x, 0) + 8, 12),
                QCoreApplication.translate("SupportTimeline", "Referral received on {date}").format(
                    date=format_date(episode.orientation_date)
                ),
            )
        )

    def _active_time(self, episode: TimelineEpisode, middle: float) -> None:
        scene, today = self.scene, self.data.today
        if episode.start_date is not None and episode.start_date <= today:
            # Active time with no level recorded shows as a thin neutral bar under the intensity bands.
            left = self.x(episode.start_date)
            right = self.x(min(episode.end_date or today, today) + timedelta(days=1))
            if right > left:
                scene.fills.append(Fill(QRectF(left, middle - 4, right - left, 8), NO_LEVEL_COLOUR))
        after_care = episode.after_care
        if after_care is not None and after_care.start <= today:
            # After-care (suivi post-accompagnement): a dotted line from the exit to its last day (or today).
            last = min(after_care.end or today, today)
            left = self.x(after_care.start)
            right = self.x(last + timedelta(days=1))
            scene.lines.append(Line(QLineF(left, middle, right, middle), Role.MUTED, 2, Qt.PenStyle.DotLine))
            scene.tips.append(
                (
                    QRectF(left, middle - 6, max(right - left, 4.0), 12),
                    QCoreApplication.translate("SupportTimeline", "After-care ({kind}): {period}").format(
                        kind=after_care.label, period=period(after_care)
                    ),
                )
            )

    def _suspension(self, band: Band, band_top: float, middle: float) -> None:
        scene = self.scene
        tip = QCoreApplication.translate("SupportTimeline", "Suspended ({reason}): {period}").format(
            reason=band.label, period=period(band)
        )
        left = self.x(band.start)
        right = self.x((band.end or self.data.today) + timedelta(days=1))
        rect = QRectF(left, band_top - 2, max(right - left, 2.0), BAND_HEIGHT + 4)
        scene.fills.append(Fill(rect, SUSPENSION_COLOUR))
        scene.fills.append(Fill(rect, SUSPENSION_HATCH, hatched=True))
        scene.outlines.append(Outline(rect, SUSPENSION_HATCH, 1))
        label = self.measure.elided(band.label, FontRole.SMALL, rect.width() - 10)
        if rect.width() >= 34 and label != "…":
            text_width = self.measure.width(label, FontRole.SMALL) + 6
            text_rect = QRectF(rect.center().x() - text_width / 2, middle - 8, text_width, 16)
            scene.texts.append(
                Text(text_rect, label, DARK_TEXT, FontRole.SMALL, Qt.AlignmentFlag.AlignCenter, LABEL_BACKDROP)
            )
        scene.tips.append((rect, tip))

    def _planned_end(self, planned_end: date, band_top: float) -> None:
        scene = self.scene
        x = self.x(planned_end + timedelta(days=1))
        scene.lines.append(Line(QLineF(x, band_top - 3, x, band_top + BAND_HEIGHT + 3), MARKER_COLOUR, 2))
        flag = (QPointF(x, band_top - 9), QPointF(x + 7, band_top - 6), QPointF(x, band_top - 3))
        scene.polygons.append(Polygon(flag, MARKER_COLOUR, MARKER_COLOUR, 1))
        scene.tips.append(
            (
                QRectF(x - 4, band_top - 10, 12, BAND_HEIGHT + 14),
                QCoreApplication.translate("SupportTimeline", "Planned end: {date}").format(
                    date=format_date(planned_end)
                ),
            )
        )

    def _transitions(self, episode: TimelineEpisode, diamond_y: float) -> None:
        """State changes: diamonds above the band; several on one day share a tooltip."""
        by_day: dict[date, list[str]] = {}
        for day, label in episode.transitions:
            by_day.setdefault(day, []).append(label)
        for day, labels in by_day.items():
            x = self.x(day) + self.axis.per_day / 2
            self.scene.polygons.append(Polygon(diamond(QPointF(x, diamond_y), 4.5), WHITE, MARKER_COLOUR, 1.2))
            self.scene.tips.append(
                (
                    QRectF(x - 5, diamond_y - 5, 10, 10),
                    QCoreApplication.translate("SupportTimeline", "{date}: {status}").format(
                        date=format_date(day), status=" → ".join(labels)
                    ),
                )
            )

    def _contact_lane(self, top: float) -> None:
        scene, data = self.scene, self.data
        reached = sum(1 for contact in data.contacts if contact.kind == "reached")
        attempts = sum(1 for contact in data.contacts if contact.kind == "attempt")
        subtitle = QCoreApplication.translate("SupportTimeline", "{reached} reached · {attempts} attempts").format(
            reached=reached, attempts=attempts
        )
        tip = contact_counts(reached, attempts, "\n")
        self._lane_label(top, CONTACT_LANE, QCoreApplication.translate("SupportTimeline", "Contacts"), subtitle, tip)
        upper = ContactRow(top + 4, top + CONTACT_LANE / 2)
        lower = ContactRow(top + CONTACT_LANE / 2, top + CONTACT_LANE - 4)
        upper_y = top + CONTACT_LANE / 2 - 7
        lower_y = top + CONTACT_LANE / 2 + 7
        seen: set[tuple[int, int]] = set()  # one shape per pixel column and row: no overdraw on busy days
        half_day = self.axis.per_day / 2
        for contact in data.contacts:
            x = self.x(contact.day) + half_day
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

    def _occupancy_lane(self, top: float) -> None:
        data = self.data
        if data.occupancies:
            current = data.occupancies[-1].label
        else:
            current = QCoreApplication.translate("SupportTimeline", "not recorded")
        self._lane_label(
            top,
            OCCUPANCY_LANE,
            QCoreApplication.translate("SupportTimeline", "Housing"),
            current,
            QCoreApplication.translate("SupportTimeline", "Housing: {status}").format(status=current),
        )
        band_top = top + (OCCUPANCY_LANE - BAND_HEIGHT) / 2
        shade = {0: 0, 1: 0}
        for band in data.occupancies:
            family = HOUSED_COLOURS if band.index else NOT_HOUSED_COLOURS
            colour = family[shade[band.index] % 2]
            shade[band.index] += 1
            tip = QCoreApplication.translate("SupportTimeline", "{status}: {period}").format(
                status=band.label, period=period(band)
            )
            rect = self._band(band, band_top, colour, DARK_TEXT, tip)
            self.scene.lines.append(Line(QLineF(rect.topLeft(), rect.bottomLeft()), WHITE, 1.5))


def _axis(scene: Scene, axis: TimeAxis, top: float, right: float, measure: TextMeasure) -> list[float]:
    """Add years above, month ticks and abbreviations below; return the x of each new year."""
    baseline = top + AXIS_HEIGHT - 4
    scene.lines.append(Line(QLineF(axis.x0, baseline, right, baseline), Role.MUTED, 1))
    per_month = axis.per_day * 30.4
    step = next((s for s in (1, 2, 3, 6) if per_month * s >= MONTH_LABEL_ROOM), 0)
    names = month_abbreviations()
    year_room = measure.width("2026", FontRole.BOLD) + 10
    year_step = next((s for s in (1, 2, 5, 10, 20) if per_month * 12 * s >= year_room), 50)
    month = date(axis.first.year, axis.first.month, 1)
    years: list[float] = []
    while month <= axis.last:
        x = axis.x(month)
        if month.month == 1:
            scene.year_ticks.append(QLineF(x, baseline - 20, x, baseline + 3))
            years.append(x)
        elif per_month >= 4:
            scene.ticks.append(QLineF(x, baseline - 4, x, baseline))
        if step and (month.month - 1) % step == 0:
            rect = QRectF(x + 2, baseline - 15, per_month * step - 2, 14)
            scene.texts.append(
                Text(rect, names[month.month - 1], Role.MUTED, FontRole.SMALL, Qt.AlignmentFlag.AlignLeft)
            )
        # A year is named at its January; the first one also at the left edge when its January is not shown
        # and there is room before the next.
        at_left_edge = month == axis.first and month.month != 1 and year_step == 1
        room_before_next = axis.x(date(month.year + 1, 1, 1)) - x >= year_room
        if (month.month == 1 and month.year % year_step == 0) or (at_left_edge and room_before_next):
            rect = QRectF(x + 3, top, year_room, 16)
            scene.texts.append(Text(rect, str(month.year), Role.INK, FontRole.BOLD, Qt.AlignmentFlag.AlignLeft))
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return years


def _legend(
    scene: Scene, entries: list[tuple[str, str]], x0: float, top: float, width: float, measure: TextMeasure
) -> float:
    """Lay the legend out in rows (swatch + label), wrapping at ``width``; return the new bottom."""
    x = x0
    y = top
    right = width - RIGHT_MARGIN
    for kind, label in entries:
        text_width = measure.width(label, FontRole.SMALL)
        needed = 22 + text_width + 14
        if x + needed > right and x > x0:
            x = x0
            y += LEGEND_ROW
        _swatch(scene, kind, QRectF(x, y + 4, 16, 12))
        scene.texts.append(
            Text(
                QRectF(x + 21, y, text_width + 4, LEGEND_ROW),
                label,
                Role.INK,
                FontRole.SMALL,
                Qt.AlignmentFlag.AlignVCenter,
            )
        )
        x += needed
    return y + LEGEND_ROW


def _swatch(scene: Scene, kind: str, rect: QRectF) -> None:
    centre = rect.center()
    if kind.startswith("level:"):
        scene.fills.append(Fill(rect, intensity_colour(int(kind.split(":", 1)[1]))))
    elif kind == "suspension":
        scene.fills.append(Fill(rect, SUSPENSION_COLOUR))
        scene.fills.append(Fill(rect, SUSPENSION_HATCH, hatched=True))
        scene.outlines.append(Outline(rect, SUSPENSION_HATCH, 1))
    elif kind == "waiting":
        line = QLineF(rect.left(), centre.y(), rect.right(), centre.y())
        scene.lines.append(Line(line, Role.MUTED, 1.4, Qt.PenStyle.DashLine))
    elif kind == "transition":
        scene.polygons.append(Polygon(diamond(centre, 4.5), WHITE, MARKER_COLOUR, 1.2))
    elif kind == "planned":
        x = centre.x() - 3
        scene.lines.append(Line(QLineF(x, rect.top(), x, rect.bottom()), MARKER_COLOUR, 2))
        flag = (QPointF(x, rect.top()), QPointF(x + 7, rect.top() + 3), QPointF(x, rect.top() + 6))
        scene.polygons.append(Polygon(flag, MARKER_COLOUR, MARKER_COLOUR, 1))
    elif kind == "reached":
        scene.reached.append(centre)
    elif kind == "attempt":
        scene.attempts.append(centre)
    elif kind == "cancelled":
        scene.cancelled.append(centre)
    elif kind == "housed":
        scene.fills.append(Fill(rect, HOUSED_COLOURS[0]))
    elif kind == "not_housed":
        scene.fills.append(Fill(rect, NOT_HOUSED_COLOURS[0]))
    elif kind == "today":
        line = QLineF(centre.x(), rect.top() - 1, centre.x(), rect.bottom() + 1)
        scene.lines.append(Line(line, TODAY_COLOUR, 1.5))
