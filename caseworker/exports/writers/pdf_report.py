"""The funder export as a PDF activity report: A4, French, fonts embedded, the same bytes for the same report.

A cover block (profile, measures, period, *état au*, how many cells were hidden and why), then each table with its
definition, its grid and, for a list of categories, a bar chart; the rates with their chart, the statistics and the
definitions. A hidden figure is an "s" in grey oblique, and a chart draws no bar for it: its value is never drawn.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from babel.numbers import format_decimal
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from caseworker import APP_DISPLAY_NAME
from caseworker.exports.report import (
    SECRET,
    UNIT_LABELS,
    Cell,
    ProtectedRate,
    ProtectedReport,
    ProtectedStatistic,
    ProtectedTable,
    percent,
)
from caseworker.exports.writers.pdf_chart import ACCENT, GREY, LIGHT, MAX_CHART_BARS, RULE, bar_chart
from caseworker.exports.writers.presentation import (
    COSTS_HEADER,
    COSTS_NOTE,
    COSTS_TITLE,
    PERCENT_FROM,
    cost_rows,
    definitions,
    funding_words,
    grid,
    hidden_cells,
    period,
    report_title,
    secret_meaning,
    shows_percent,
    unit_and_basis,
)
from caseworker.formats import LOCALE, format_date
from caseworker.reports.fonts import BOLD, REGULAR, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
BOTTOM_MARGIN = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN - BOTTOM_MARGIN
# Bitstream Vera Oblique, shipped inside ReportLab: DejaVu Sans is Vera extended, so its "s" matches the text
# around it. The application ships no DejaVu oblique; this face only ever draws the "s" of a hidden figure.
OBLIQUE = "Vera-Oblique"
NO_BREAK = "\u00a0"
_FRENCH_SPACES = re.compile(r" (?=[:;%!?»])|(?<=«) ")  # French typography: these spaces never break
_ZEBRA = colors.HexColor("#f7f8fa")
_CELL_FONT_SIZE = 8.5
_CELL_PADDING = 5
_CROWDED_HEADER_SIZE = 7
_GRID_START = 70 * mm  # a long table starts on a new page unless its texts and a few rows fit on this one


def write_pdf(report: ProtectedReport) -> bytes:
    """Return the PDF's bytes (nothing is written to disk; the caller saves them where the person chose)."""
    register_fonts()
    title = report_title(report.parameters)
    buffer = io.BytesIO()
    footer = f"{title} · état au {format_date(report.parameters.as_of)}"
    frame = body_frame()
    page = PageTemplate(id="page", frames=[frame], onPage=functools.partial(_draw_footer, text=footer))
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[page],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author=APP_DISPLAY_NAME,
        creator=APP_DISPLAY_NAME,
        lang="fr-FR",
        invariant=1,
        initialFontName=REGULAR,
        initialFontSize=10,
    )
    document.build(_story(report))
    return buffer.getvalue()


@functools.lru_cache(maxsize=1)
def _secret_font() -> str:
    """The oblique face for "s", registered once; DejaVu upright if a packaging left ReportLab's fonts out."""
    try:
        pdfmetrics.registerFont(TTFont(OBLIQUE, "VeraIt.ttf"))  # found on ReportLab's own font path
    except TTFError:
        return REGULAR
    return OBLIQUE


def _draw_footer(canvas: Canvas, _document: Any, *, text: str) -> None:
    canvas.saveState()
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(GREY)
    canvas.drawString(MARGIN, 11 * mm, text)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, 11 * mm, f"Page {canvas.getPageNumber()}")
    canvas.restoreState()


def _markup(text: str) -> str:
    """Plain French text as Paragraph markup: escaped, with no-break spaces before « : ; % ! ? » and inside « »."""
    return escape(_FRENCH_SPACES.sub(NO_BREAK, text))


def _number(value: int | Decimal) -> str:
    """1234 → "1 234", 12.5 → "12,5" (every decimal kept: the figure is published as computed)."""
    return format_decimal(value, locale=LOCALE, decimal_quantization=False).replace("\u202f", NO_BREAK)


def _secret_markup() -> str:
    return f'<font name="{_secret_font()}" color="{GREY.hexval()}">{SECRET}</font>'


# ---------------------------------------------------------------------------------------------------- styles


class _Styles:
    def __init__(self) -> None:
        self.body = ParagraphStyle(
            "body", fontName=REGULAR, bulletFontName=REGULAR, fontSize=9.5, leading=13, spaceAfter=3
        )
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8, leading=10.5, textColor=GREY, spaceAfter=2)
        self.meta = ParagraphStyle(
            "meta", parent=self.small, spaceAfter=3, keepWithNext=1
        )  # a table's unit, basis, definition
        self.title = ParagraphStyle("title", parent=self.body, fontName=BOLD, fontSize=17, leading=22, spaceAfter=6)
        self.heading = ParagraphStyle(
            "heading",
            parent=self.body,
            fontName=BOLD,
            fontSize=12,
            leading=15,
            spaceBefore=10,
            spaceAfter=3,
            textColor=ACCENT,
            keepWithNext=1,
        )
        self.section = ParagraphStyle("section", parent=self.heading, fontSize=14, leading=18, spaceBefore=14)
        self.strong = ParagraphStyle("strong", parent=self.body, fontName=BOLD, spaceAfter=1, keepWithNext=1)
        self.notice = ParagraphStyle(
            "notice",
            parent=self.body,
            leftIndent=8,
            rightIndent=8,
            spaceBefore=6,
            spaceAfter=8,
            borderWidth=0.8,
            borderColor=ACCENT,
            backColor=LIGHT,
            borderPadding=(6, 8, 7, 8),
        )
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=_CELL_FONT_SIZE, leading=10.5, spaceAfter=0)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=BOLD)
        self.number = ParagraphStyle("number", parent=self.cell, alignment=2)
        self.header = ParagraphStyle("header", parent=self.cell_bold, alignment=2)
        self.header_left = ParagraphStyle("header_left", parent=self.cell_bold)


# ---------------------------------------------------------------------------------------------------- story


def _story(report: ProtectedReport) -> list[Flowable]:
    styles = _Styles()
    parameters = report.parameters
    story: list[Flowable] = [Paragraph(_markup(report_title(parameters)), styles.title)]
    facts = [
        ("Mesures", ", ".join(parameters.measures)),
        ("Période", period(parameters)),
        ("État au", format_date(parameters.as_of)),
        ("Seuil du secret statistique", str(parameters.threshold)),
        *((("Financement", funding_words(parameters)),) if funding_words(parameters) else ()),
    ]
    story.extend(
        Paragraph(f"<b>{_markup(label)}</b>{NO_BREAK}: {_markup(value)}", styles.body) for label, value in facts
    )
    secrecy = f"{_markup(hidden_cells(report))}<br/>{_markup(secret_meaning(parameters.threshold))}"
    story.append(Paragraph(secrecy, styles.notice))
    if report.warnings:
        story.append(Paragraph("Avertissements", styles.heading))
        story.extend(Paragraph(_markup(warning), styles.body, bulletText="•") for warning in report.warnings)
    for table in report.tables:
        story.extend(_table_block(table, styles))
    if report.rates:
        story.extend(_rates_block(report.rates, styles))
    if report.statistics:
        story.append(Paragraph("Statistiques", styles.section))
        story.extend(_statistic(statistic, styles) for statistic in report.statistics)
    story.extend(_costs(report, styles))
    story.extend(_definitions(report, styles))
    return story


def _table_block(table: ProtectedTable, styles: _Styles) -> list[Flowable]:
    """Heading, unit and basis, definition, grid, and a chart for a list of categories.

    Kept on one page when it fits on one; a longer block flows on (the grid's header repeats on every page), the
    heading starting where a few of the grid's rows fit below it, the chart held to a caption naming its table.
    """
    source = table.source
    unit = UNIT_LABELS[source.unit]
    about = [
        Paragraph(_markup(source.title), styles.heading),
        Paragraph(_markup(unit_and_basis(table)), styles.meta),
        Paragraph(_markup(source.definition), styles.meta),
    ]
    table_grid = _grid(table, styles)
    chart: Flowable | None = None
    if len(source.columns) == 1 and 0 < len(source.rows) <= MAX_CHART_BARS:
        values = [line[0].value for line in table.cells]
        texts = [_number(value) if value is not None else SECRET for value in values]
        chart = bar_chart(source.rows, values, texts, width=CONTENT_WIDTH, secret_font=_secret_font())
    charted = [Spacer(1, 3 * mm), chart] if chart is not None else []
    if _height([*about, table_grid, *charted]) <= FRAME_HEIGHT:
        return [KeepTogether([*about, table_grid, *charted])]
    # Kept with what follows, the texts would drag the whole grid to the next page: ask for room instead.
    about[-1] = Paragraph(_markup(source.definition), styles.small)
    block: list[Flowable] = [CondPageBreak(_GRID_START), *about, table_grid]
    if chart is not None:
        caption = Paragraph(_markup(f"{source.title} ({unit})"), styles.meta)
        block.extend([Spacer(1, 3 * mm), KeepTogether([caption, chart])])
    return block


def _height(flowables: Sequence[Flowable]) -> float:
    """The height the flowables take in the frame's width (spacing between paragraphs included roughly)."""
    height = 0.0
    for flowable in flowables:
        _, flowable_height = flowable.wrap(CONTENT_WIDTH, FRAME_HEIGHT)
        height += float(flowable_height) + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return height + float(3 * mm)  # the gap above a chart


def _grid(table: ProtectedTable, styles: _Styles) -> Table:
    """The table's grid: labels wrap, numbers stay on one line, totals in bold, "s" in grey oblique."""
    layout = grid(table)
    figures = [[_count_text(cell) for cell in line.cells] for line in layout.rows]
    widths, size = _column_widths(layout.header, figures)
    heading = ParagraphStyle("grid_header", parent=styles.header, fontSize=size, leading=size + 2)
    header = [Paragraph(_markup(layout.header[0]), ParagraphStyle("grid_header_left", parent=heading, alignment=0))]
    header.extend(Paragraph(_markup(label), heading) for label in layout.header[1:])
    rows: list[list[Any]] = [header]
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), _CELL_FONT_SIZE),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, _ZEBRA]),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
    ]
    if layout.total_column:
        commands.append(("FONTNAME", (-1, 1), (-1, -1), BOLD))
    hidden: list[tuple[int, int]] = []
    for index, line in enumerate(layout.rows, start=1):
        label_style = styles.cell_bold if line.is_total else styles.cell
        rows.append([Paragraph(_markup(line.label), label_style), *(_count_text(cell) for cell in line.cells)])
        hidden.extend((column, index) for column, cell in enumerate(line.cells, start=1) if cell.value is None)
        if line.is_total:
            commands.append(("FONTNAME", (1, index), (-1, index), BOLD))
            commands.append(("LINEABOVE", (0, index), (-1, index), 1, ACCENT))
    for position in hidden:
        commands.append(("FONTNAME", position, position, _secret_font()))
        commands.append(("TEXTCOLOR", position, position, GREY))
    grid_table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    grid_table.setStyle(TableStyle(commands))
    return grid_table


def _column_widths(header: Sequence[str], figures: Sequence[Sequence[str]]) -> tuple[list[float], float]:
    """The grid's column widths and the type size of its headings.

    Each figure column is as wide as its longest heading word or figure, the labels taking what is left (110 mm
    at most): headings wrap between words. When that leaves the labels less than 45 mm, the headings get a smaller
    type; if still too wide, the columns shrink towards their widest figure (a number never wraps) and headings
    break inside words.
    """
    padding = 2 * _CELL_PADDING + 2  # and a little slack, or a word exactly as wide as the cell breaks
    room = CONTENT_WIDTH - 45 * mm
    floors = [
        max([stringWidth(line[column], BOLD, _CELL_FONT_SIZE) for line in figures], default=0.0) + padding
        for column in range(len(header) - 1)
    ]
    size = _CELL_FONT_SIZE
    for size in (_CELL_FONT_SIZE, _CROWDED_HEADER_SIZE):
        needed = [
            max([stringWidth(word, BOLD, size) + padding for word in heading.split()] + [floor, 10 * mm])
            for heading, floor in zip(header[1:], floors, strict=True)
        ]
        if sum(needed) <= room:
            break
    if sum(needed) > room:
        spare = max(room - sum(floors), 0.0)
        extra = [width - floor for width, floor in zip(needed, floors, strict=True)]
        needed = [floor + more * spare / sum(extra) for floor, more in zip(floors, extra, strict=True)]
    label = min(CONTENT_WIDTH - sum(needed), 110 * mm)
    return [label, *needed], size


def _count_text(cell: Cell) -> str:
    return SECRET if cell.value is None else _number(cell.value)


def _rates_block(rates: Sequence[ProtectedRate], styles: _Styles) -> list[Flowable]:
    block: list[Flowable] = [Paragraph("Taux", styles.section)]
    for rate in rates:
        source = rate.source
        text = _markup(rate.text(percent_from=PERCENT_FROM))
        if rate.hidden:
            text = _secret_markup() + text[len(SECRET) :]
        details = f"Numérateur : {source.numerator_definition} · Cohorte : {source.cohort}"
        block.append(
            KeepTogether(
                [
                    Paragraph(_markup(source.title), styles.strong),
                    Paragraph(text, styles.body),
                    Paragraph(_markup(details), styles.small),
                ]
            )
        )
    charted = [rate for rate in rates if rate.hidden or shows_percent(rate)]
    if 0 < len(charted) <= MAX_CHART_BARS:
        values: list[int | None] = []
        for rate in charted:
            numerator, denominator = rate.numerator.value, rate.denominator.value
            values.append(None if numerator is None or denominator is None else percent(numerator, denominator))
        texts = [SECRET if value is None else f"{value}{NO_BREAK}%" for value in values]
        titles = [rate.source.title for rate in charted]
        chart = bar_chart(titles, values, texts, width=CONTENT_WIDTH, secret_font=_secret_font(), percent_axis=True)
        block.extend([Spacer(1, 3 * mm), chart])
    if any(not rate.hidden and not shows_percent(rate) for rate in rates):
        note = (
            f"Les taux dont le dénominateur est inférieur à {PERCENT_FROM} ne sont ni exprimés en pourcentage "
            "ni représentés : sur si peu, un pourcentage dirait plus qu'il ne sait."
        )
        block.append(Paragraph(_markup(note), styles.small))
    return block


def _statistic(statistic: ProtectedStatistic, styles: _Styles) -> Flowable:
    source = statistic.source
    shown = statistic.value
    value = _secret_markup() if shown is None else _markup(f"{_number(shown)} {source.unit_label}")
    return KeepTogether(
        [
            Paragraph(f"<b>{_markup(source.title)}</b>{NO_BREAK}: {value}", styles.body),
            Paragraph(_markup(f"{source.basis} · {source.definition}"), styles.small),
        ]
    )


def _costs(report: ProtectedReport, styles: _Styles) -> list[Flowable]:
    """The avoided-cost worksheet: each line with its assumption, the total last."""
    rows_printed = cost_rows(report)
    if not rows_printed:
        return []
    header = [
        Paragraph(_markup(text), styles.header if index in (1, 2, 4) else styles.header_left)
        for index, text in enumerate(COSTS_HEADER)
    ]
    rows: list[list[Any]] = [header]
    for row in rows_printed:
        style = styles.cell_bold if row.label == "Total" else styles.cell
        rows.append(
            [
                Paragraph(_markup(row.label), style),
                Paragraph(_markup(row.unit_cost), styles.number),
                Paragraph(_markup(row.quantity), styles.number),
                Paragraph(_markup(row.source), styles.cell),
                Paragraph(_markup(row.total), styles.number),
                Paragraph(_markup(row.assumption), styles.cell),
            ]
        )
    widths = [32 * mm, 22 * mm, 18 * mm, 34 * mm, 24 * mm]
    worksheet = Table(rows, colWidths=[*widths, CONTENT_WIDTH - sum(widths)], repeatRows=1, hAlign="LEFT")
    worksheet.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
            ]
        )
    )
    return [
        Paragraph(COSTS_TITLE, styles.section),
        Paragraph(_markup(COSTS_NOTE), styles.small),
        worksheet,
    ]


def _definitions(report: ProtectedReport, styles: _Styles) -> list[Flowable]:
    entries = definitions(report)
    if not entries:
        return []
    header = [Paragraph(text, styles.header_left) for text in ("Indicateur", "Définition", "Base et unité")]
    rows: list[list[Any]] = [header]
    for entry in entries:
        kind = f"{_markup(entry.kind)} · {_markup(entry.key)}"
        name = f"{_markup(entry.title)}<br/><font size=7 color='{GREY.hexval()}'>{kind}</font>"
        basis = f"{entry.basis} · {entry.unit}"
        rows.append(
            [
                Paragraph(name, styles.cell),
                Paragraph(_markup(entry.definition), styles.cell),
                Paragraph(_markup(basis), styles.cell),
            ]
        )
    glossary = Table(rows, colWidths=[48 * mm, CONTENT_WIDTH - 96 * mm, 48 * mm], repeatRows=1, hAlign="LEFT")
    glossary.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ]
        )
    )
    return [Paragraph("Définitions", styles.section), glossary]


def body_frame() -> Frame:
    """The page's body, without ReportLab's default 6 pt padding: CONTENT_WIDTH is exactly what its content gets."""
    return Frame(
        MARGIN,
        BOTTOM_MARGIN,
        CONTENT_WIDTH,
        FRAME_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
