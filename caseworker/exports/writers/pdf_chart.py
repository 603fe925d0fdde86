"""Horizontal bar charts of the PDF report, drawn with ReportLab graphics: one bar per category, none for a secret.

A hidden figure gets no bar, only its "s": neither the bar nor the scale of the axis depends on its true value.
Also the report's palette, which its grids share.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from babel.numbers import format_decimal
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.textlabels import NA_Label
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit

from caseworker.exports.report import SECRET
from caseworker.formats import LOCALE
from caseworker.reports.fonts import REGULAR

ACCENT = colors.HexColor("#1f3a5f")
GREY = colors.HexColor("#666666")
RULE = colors.HexColor("#9aa5b1")
LIGHT = colors.HexColor("#eef2f6")
_BAR = colors.HexColor("#4a6f98")
_CHART_FONT_SIZE = 7.5
_CHART_LABEL_WIDTH = 62 * mm
_CHART_LINE = 9  # the leading of a category label's lines, in points
MAX_CHART_BARS = 30  # beyond, a chart would not fit on a page, nor be read: the grid alone says it


def bar_chart(
    labels: Sequence[str],
    values: Sequence[int | None],
    texts: Sequence[str],
    *,
    width: float,
    secret_font: str,
    percent_axis: bool = False,
) -> Drawing:
    """Horizontal bars, one per label, first on top; a None value draws no bar, only its "s".

    ``texts`` label the bars that are drawn (in the report's number format); the value axis runs from 0 to 100 % for
    rates (``percent_axis``), else to the largest value shown (a hidden value takes no part in the scale, so the
    axis cannot hint at it either). ``width`` is the drawing's, labels included.
    """
    wrapped = [_wrap_label(label) for label in labels]
    line_count = max(label.count("\n") + 1 for label in wrapped)
    row_height = max(16.0, line_count * _CHART_LINE + 5)
    axis_room, label_room = 14.0, 36.0
    chart = HorizontalBarChart()
    chart.x = _CHART_LABEL_WIDTH + 6
    chart.y = axis_room
    chart.width = width - chart.x - label_room
    chart.height = row_height * len(labels)
    chart.data = [list(values)]
    chart.barWidth = min(10.0, row_height * 0.6)
    chart.groupSpacing = row_height - chart.barWidth
    chart.bars[0].fillColor = _BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "values"
    chart.barLabelArray = [list(texts)]
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = _CHART_FONT_SIZE
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    not_shown = NA_Label()
    not_shown.text = SECRET
    not_shown.fontName = secret_font
    not_shown.fontSize = _CHART_FONT_SIZE + 0.5
    not_shown.fillColor = GREY
    not_shown.boxAnchor = "w"
    not_shown.dx = 3
    chart.naLabel = not_shown
    category = chart.categoryAxis
    category.categoryNames = wrapped
    category.reverseDirection = 1
    category.labels.fontName = REGULAR
    category.labels.fontSize = _CHART_FONT_SIZE
    category.labels.leading = _CHART_LINE
    category.labels.boxAnchor = "e"
    category.labels.textAnchor = "end"
    category.labels.dx = -4
    category.strokeColor = RULE
    axis = chart.valueAxis
    axis.valueMin = 0
    shown = [value for value in values if value is not None]
    axis.valueMax, axis.valueStep = (100, 20) if percent_axis else _scale(max(shown, default=0))
    axis.labels.fontName = REGULAR
    axis.labels.fontSize = _CHART_FONT_SIZE
    axis.labels.fillColor = GREY
    axis.labelTextFormat = _percent_tick if percent_axis else _count_tick
    axis.strokeColor = RULE
    axis.visibleGrid = 1
    axis.gridStrokeColor = LIGHT
    # The drawing's own initial font, or ReportLab's graphics state names an unembedded Helvetica.
    drawing = Drawing(width, chart.height + axis_room + 4, initialFontName=REGULAR, initialFontSize=_CHART_FONT_SIZE)
    drawing.add(chart)
    return drawing


def _count_tick(value: float) -> str:
    return format_decimal(round(value), locale=LOCALE).replace("\u202f", "\u00a0")  # 1 500


def _percent_tick(value: float) -> str:
    return f"{value:.0f}\u00a0%"  # 40 %


def _scale(largest: int) -> tuple[int, int]:
    """An axis end and a whole step (1, 2 or 5 × 10ⁿ) giving at most six intervals."""
    step, factors = 1, itertools.cycle((2, 2.5, 2))  # 1, 2, 5, 10, 20, 50…
    while largest > 6 * step:
        step = round(step * next(factors))
    return max(step * -(-largest // step), step), step


def _wrap_label(label: str) -> str:
    """A category's name on at most two lines of the chart's label column (shortened with "…" beyond)."""
    lines = simpleSplit(label, REGULAR, _CHART_FONT_SIZE, _CHART_LABEL_WIDTH - 6)
    if len(lines) > 2:
        lines = [lines[0], f"{lines[1][:-1].rstrip()}…"]
    return "\n".join(lines) or " "
