"""Tests of caseworker/ui/households/support_timeline_scene.py: the timeline's layout, without painting."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF

from caseworker.services.support import Band, TimelineContact, TimelineData
from caseworker.ui.households.support_timeline_scene import lay_out, time_range
from caseworker.ui.households.support_timeline_shapes import (
    AXIS_HEIGHT,
    BAND_HEIGHT,
    EMPTY_HEIGHT,
    EPISODE_BAND_TOP,
    EPISODE_LANE,
    INTENSITY_COLOURS,
    MARGIN,
    RIGHT_MARGIN,
    SUSPENSION_HATCH,
    FontRole,
    Scene,
    widest_free,
)
from tests.ui.test_support_timeline import TODAY, sample_data

CHAR = 6.0  # every character of the fake fonts is 6 px wide


class FixedWidth:
    """A text measure where every character is :data:`CHAR` wide (no font, no painting)."""

    def width(self, text: str, font: FontRole) -> float:
        return len(text) * CHAR

    def elided(self, text: str, font: FontRole, width: float) -> str:
        if len(text) * CHAR <= width:
            return text
        return text[: max(int(width // CHAR) - 1, 0)] + "…"


def _scene(data: TimelineData | None, width: float = 1000) -> Scene:
    return lay_out(data, width, FixedWidth())


def _band_fills(scene: Scene, colour: str) -> list[QRectF]:
    """The bands of that colour on the lanes (the legend's swatches are smaller)."""
    return [
        fill.rect
        for fill in scene.fills
        if fill.colour == colour and not fill.hatched and fill.rect.height() == BAND_HEIGHT
    ]


def test_each_episode_has_its_lane_and_its_bands_start_and_end_on_their_days() -> None:
    data = sample_data()
    scene = _scene(data)
    first_lane = MARGIN + AXIS_HEIGHT + EPISODE_BAND_TOP
    # The AVDL episode (second lane) starts "Renforcé" (level 0) on 01/09/2025 and ends it on 31/12/2025.
    renforce = _band_fills(scene, INTENSITY_COLOURS[0])
    assert len(renforce) == 1
    band = renforce[0]
    assert band.top() == first_lane + EPISODE_LANE
    assert band.height() == BAND_HEIGHT
    assert band.left() == scene.x_of(date(2025, 9, 1))
    assert band.right() == scene.x_of(date(2026, 1, 1))
    # The ASLL episode (first lane) has its "Soutenu" band on the first lane.
    soutenu_first = min(_band_fills(scene, INTENSITY_COLOURS[1]), key=lambda rect: rect.top())
    assert soutenu_first.top() == first_lane


def test_the_time_axis_is_squeezed_into_the_width_in_whole_months() -> None:
    data = sample_data()
    first, last = time_range(data)
    assert first == date(2024, 1, 1)  # the first housing period, from the first of its month
    assert (last + timedelta(days=1)).day == 1  # up to the end of a month
    for width in (600, 1000, 1600):
        scene = _scene(data, width)
        assert scene.axis is not None
        # The last day ends at the right edge of the plot, whatever the width.
        assert abs(scene.x_of(last + timedelta(days=1)) - (width - RIGHT_MARGIN)) < 1e-6
    narrow, wide = _scene(data, 600).axis, _scene(data, 1600).axis
    assert narrow is not None and wide is not None
    assert wide.per_day > 2 * narrow.per_day


def test_a_short_history_still_shows_three_months() -> None:
    day = date(2026, 6, 10)
    data = TimelineData(1, day, (), (TimelineContact(day, "reached", "Visite", "Rencontré"),), ())
    first, last = time_range(data)
    assert first == date(2026, 6, 1)
    assert (last - first).days >= 90


def test_a_suspension_is_hatched_over_the_band_and_the_band_label_avoids_it() -> None:
    scene = _scene(sample_data())
    hatches = [fill.rect for fill in scene.fills if fill.hatched and fill.colour == SUSPENSION_HATCH]
    suspension = next(rect for rect in hatches if rect.height() > BAND_HEIGHT)  # not the legend's swatch
    soutenu = max(_band_fills(scene, INTENSITY_COLOURS[1]), key=lambda rect: rect.top())
    assert suspension.intersects(soutenu)
    assert suspension.left() == scene.x_of(date(2026, 2, 1))
    # Painted after the bands (later in the list), so that it shows over them.
    order = [fill.rect for fill in scene.fills]
    assert order.index(suspension) > order.index(soutenu)
    label = next(text for text in scene.texts if text.text == "Soutenu" and text.rect.top() == soutenu.top())
    assert not label.rect.intersects(suspension)


def test_widest_free_part_of_an_interval() -> None:
    assert widest_free(0, 100, []) == (0, 100)
    assert widest_free(0, 100, [(10, 30)]) == (30, 100)
    assert widest_free(0, 100, [(60, 90), (5, 10)]) == (10, 60)
    low, high = widest_free(0, 100, [(-5, 120)])
    assert high - low == 0  # nothing free


def test_contacts_on_the_same_pixel_are_drawn_once_and_all_listed_in_the_tooltip() -> None:
    day = date(2026, 3, 2)
    reached = [TimelineContact(day, "reached", "Visite", f"Rencontré {n}") for n in range(3)]
    contacts = (*reached, TimelineContact(day, "attempt", "Visite", "Porte close"))
    data = sample_data(0)
    scene = _scene(TimelineData(1, TODAY, data.episodes, contacts, data.occupancies))
    assert len(scene.reached) == 2  # one on the lane, one as the legend's swatch
    assert len(scene.attempts) == 2
    reached_y = scene.contact_row_y("reached")
    attempt_y = scene.contact_row_y("attempt")
    assert reached_y < attempt_y
    tip = scene.tooltip_at(QPointF(scene.x_of(day) + 1, reached_y))
    assert all(f"Rencontré {n}" in tip for n in range(3))
    assert "Porte close" not in tip
    assert "Porte close" in scene.tooltip_at(QPointF(scene.x_of(day) + 1, attempt_y))


def test_later_tooltips_win_where_shapes_overlap() -> None:
    scene = _scene(sample_data())
    y = MARGIN + AXIS_HEIGHT + EPISODE_LANE + EPISODE_BAND_TOP + BAND_HEIGHT / 2
    assert "Hospitalisation" in scene.tooltip_at(QPointF(scene.x_of(date(2026, 2, 20)), y))
    assert "Soutenu" in scene.tooltip_at(QPointF(scene.x_of(date(2026, 4, 20)), y))


def test_nothing_recorded_and_no_data() -> None:
    empty = _scene(TimelineData(1, TODAY, (), (), ()))
    assert empty.height == EMPTY_HEIGHT
    assert len(empty.texts) == 1 and empty.fills == []
    none = _scene(None)
    assert none.height == EMPTY_HEIGHT and none.texts == []


def test_the_legend_wraps_on_a_narrow_widget() -> None:
    data = sample_data()
    wide = _scene(data, 2000)
    narrow = _scene(data, 400)
    assert narrow.height > wide.height
    # Every legend label stays inside the widget.
    assert all(text.rect.right() <= 400 for text in narrow.texts if text.rect.top() > narrow.height - 100)


def test_long_labels_are_elided_to_the_label_column() -> None:
    data = sample_data()
    episode = data.episodes[1]
    renamed = type(episode)(**{**episode.__dict__, "measure_name": "Un dispositif au nom vraiment très long (x)"})
    scene = _scene(TimelineData(1, TODAY, (data.episodes[0], renamed), data.contacts, data.occupancies), 600)
    titles = [text for text in scene.texts if text.font is FontRole.BOLD and text.text.startswith("Un dispositif")]
    assert titles and titles[0].text.endswith("…")
    assert len(titles[0].text) * CHAR <= titles[0].rect.width()
    assert Band(date(2026, 1, 1), None, "Soutenu", "soutenu", 1) in renamed.intensity
