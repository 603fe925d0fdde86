"""The funder export as an Excel workbook: a presentation sheet, a sheet per table, then rates, statistics, definitions.

Counts are stored as numbers (a funder sums and charts them), formatted the French way; a hidden count is the text
"s", right-aligned like the numbers it stands among. The bytes depend only on the report: the workbook's dates are
midnight of the *état au* and every zip entry carries that date too, so exporting twice gives the same file.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from caseworker import APP_DISPLAY_NAME
from caseworker.exports.report import (
    SECRET,
    UNIT_LABELS,
    Cell,
    ProtectedRate,
    ProtectedReport,
    ProtectedTable,
)
from caseworker.exports.writers.presentation import (
    COSTS_HEADER,
    COSTS_NOTE,
    COSTS_TITLE,
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
from caseworker.formats import format_date

COUNT_FORMAT = "#,##0"  # the reader's own thousands separator: a (narrow) space in a French Excel
PERCENT_FORMAT = "0 %"
DATE_FORMAT = "DD/MM/YYYY"
MAX_SHEET_NAME = 31
_FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
_RESERVED_SHEET_NAMES = ("Présentation", "Taux", "Statistiques", "Définitions", "History")
_MIN_WIDTH, _MAX_WIDTH, _MAX_LABEL_WIDTH = 8, 40, 60
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_RIGHT = Alignment(horizontal="right")
_WRAP_LEFT = Alignment(horizontal="left", wrap_text=True, vertical="top")
_PRESENTATION_WIDTH = 100  # characters


def write_xlsx(report: ProtectedReport) -> bytes:
    """Return the workbook's bytes (nothing is written to disk by this function; the caller saves them)."""
    workbook = Workbook()
    presentation = workbook.active
    assert presentation is not None  # a new workbook always has its first sheet
    _presentation(presentation, report)
    names = {name.casefold() for name in _RESERVED_SHEET_NAMES}
    for table in report.tables:
        _table_sheet(workbook.create_sheet(_sheet_name(table.source.title, names)), table)
    _rates_sheet(workbook.create_sheet("Taux"), report.rates)
    _statistics_sheet(workbook.create_sheet("Statistiques"), report)
    if report.cost_lines:
        _costs_sheet(workbook.create_sheet("Coûts évités"), report)
    _definitions_sheet(workbook.create_sheet("Définitions"), report)
    _no_formulas(workbook)
    midnight = datetime(report.parameters.as_of.year, report.parameters.as_of.month, report.parameters.as_of.day)
    workbook.properties.created = midnight
    workbook.properties.modified = midnight
    workbook.properties.creator = APP_DISPLAY_NAME
    workbook.properties.lastModifiedBy = None
    workbook.properties.title = report_title(report.parameters)
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps "modified" with the clock.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return _with_fixed_dates(buffer.getvalue(), report.parameters.as_of)


def _sheet_name(title: str, taken: set[str]) -> str:
    r"""A sheet name Excel accepts: no ``[]:*?/\``, no apostrophe at either end, 31 characters, unique (any case)."""
    cleaned = _FORBIDDEN_IN_SHEET_NAMES.sub(" ", _text(title))
    base = " ".join(cleaned.split()).strip("'").strip() or "Tableau"
    name = _shorten(base, MAX_SHEET_NAME)
    number = 1
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = _shorten(base, MAX_SHEET_NAME - len(suffix)) + suffix
    taken.add(name.casefold())
    return name


def _shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut between words when a word boundary lies in the second half."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" (-—,")


def _presentation(sheet: Worksheet, report: ProtectedReport) -> None:
    parameters = report.parameters
    sheet.title = "Présentation"
    sheet.append([report_title(parameters)])
    sheet["A1"].font = _TITLE
    sheet.append([])
    lines = [
        ("Profil", parameters.profile_label),
        ("Mesures", ", ".join(parameters.measures)),
        ("Période", period(parameters)),
        ("État au", format_date(parameters.as_of)),
        ("Seuil du secret statistique", parameters.threshold),
        *((("Financement", funding_words(parameters)),) if funding_words(parameters) else ()),
        ("Cellules masquées", hidden_cells(report)),
        (f"Signification de « {SECRET} »", secret_meaning(parameters.threshold)),
    ]
    lines.extend(("Avertissement", warning) for warning in report.warnings)
    for label, value in lines:
        sheet.append([_text(label), _text(value) if isinstance(value, str) else value])
        row = sheet.max_row
        sheet.cell(row, 1).font = _BOLD
        sheet.cell(row, 2).alignment = _WRAP_LEFT
        # Excel does not grow a row to fit wrapped text it did not type itself.
        sheet.row_dimensions[row].height = 15 * (1 + len(str(value)) // _PRESENTATION_WIDTH)
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = _PRESENTATION_WIDTH


def _table_sheet(sheet: Worksheet, table: ProtectedTable) -> None:
    source = table.source
    layout = grid(table)
    sheet.append([_text(source.title)])
    sheet["A1"].font = _TITLE
    sheet.append([_text(unit_and_basis(table))])
    sheet.append([_text(source.definition)])
    sheet.append([])
    sheet.append([_text(label) for label in layout.header])
    header_row = sheet.max_row
    for column in range(1, len(layout.header) + 1):
        sheet.cell(header_row, column).font = _BOLD
        if column > 1:
            sheet.cell(header_row, column).alignment = Alignment(horizontal="right", wrap_text=True)
    for line in layout.rows:
        sheet.append([_text(line.label), *(_count(cell) for cell in line.cells)])
        row = sheet.max_row
        for column, cell in enumerate(line.cells, start=2):
            _style_count(sheet.cell(row, column), cell)
        bold_columns = range(1, len(line.cells) + 2) if line.is_total else ()
        if layout.total_column and not line.is_total:
            bold_columns = range(len(line.cells) + 1, len(line.cells) + 2)
        for column in bold_columns:
            sheet.cell(row, column).font = _BOLD
    sheet.freeze_panes = f"B{header_row + 1}"
    _fit_columns(sheet, first_row=header_row)


def _count(cell: Cell) -> int | str:
    return SECRET if cell.value is None else cell.value


def _style_count(target: SheetCell | MergedCell, cell: Cell) -> None:
    if cell.value is None:
        target.alignment = _RIGHT
    else:
        target.number_format = COUNT_FORMAT


def _rates_sheet(sheet: Worksheet, rates: Iterable[ProtectedRate]) -> None:
    header = [
        "Indicateur",
        "Unité",
        "Numérateur",
        "Dénominateur",
        "Taux",
        "État au",
        "Définition",
        "Définition du numérateur",
        "Cohorte",
    ]
    sheet.append(header)
    for column in range(1, len(header) + 1):
        sheet.cell(1, column).font = _BOLD
    for rate in rates:
        source = rate.source
        sheet.append(
            [
                _text(source.title),
                UNIT_LABELS[source.unit],
                _count(rate.numerator),
                _count(rate.denominator),
                _share(rate),
                source.as_of,
                _text(source.definition),
                _text(source.numerator_definition),
                _text(source.cohort),
            ]
        )
        row = sheet.max_row
        _style_count(sheet.cell(row, 3), rate.numerator)
        _style_count(sheet.cell(row, 4), rate.denominator)
        share = sheet.cell(row, 5)
        share.number_format = PERCENT_FORMAT
        share.alignment = _RIGHT
        sheet.cell(row, 6).number_format = DATE_FORMAT
    sheet.freeze_panes = "B2"
    _fit_columns(sheet, first_row=1)


def _share(rate: ProtectedRate) -> float | str | None:
    """The fraction to show as a percentage, "s" when the rate is hidden, None (empty) on too few to say."""
    numerator, denominator = rate.numerator.value, rate.denominator.value
    if rate.hidden:
        return SECRET
    if not shows_percent(rate) or numerator is None or denominator is None:
        return None
    # The exact fraction, which "0 %" shows rounded to the whole percentage the text prints.
    return numerator / denominator


def _statistics_sheet(sheet: Worksheet, report: ProtectedReport) -> None:
    header = ["Indicateur", "Valeur", "Unité", "Base", "Définition"]
    sheet.append(header)
    for column in range(1, len(header) + 1):
        sheet.cell(1, column).font = _BOLD
    for statistic in report.statistics:
        source = statistic.source
        value = statistic.value
        shown: int | float | str = SECRET if value is None else _number(value)
        sheet.append(
            [_text(source.title), shown, _text(source.unit_label), _text(source.basis), _text(source.definition)]
        )
        target = sheet.cell(sheet.max_row, 2)
        if value is None:
            target.alignment = _RIGHT
        else:
            target.number_format = _decimal_format(value)
    sheet.freeze_panes = "B2"
    _fit_columns(sheet, first_row=1)


_EUROS_FORMAT = '#,##0.00 "€"'


def _costs_sheet(sheet: Worksheet, report: ProtectedReport) -> None:
    """The avoided-cost worksheet: euros and quantities as numbers, "s" where hidden, the total last."""
    sheet.append([COSTS_TITLE])
    sheet["A1"].font = _TITLE
    sheet.append([_text(COSTS_NOTE)])
    sheet.append([])
    sheet.append(list(COSTS_HEADER))
    for column in range(1, len(COSTS_HEADER) + 1):
        sheet.cell(sheet.max_row, column).font = _BOLD
    for line in report.cost_lines:
        assumption = line.source.assumption
        quantity: int | float | str = SECRET if line.quantity is None else _number(line.quantity)
        total: float | str = SECRET if line.total_cents is None else line.total_cents / 100
        sheet.append(
            [
                _text(assumption.label),
                assumption.unit_cost_cents / 100,
                quantity,
                _text(line.source.quantity_label),
                total,
                _text(assumption.assumption),
            ]
        )
        row = sheet.max_row
        sheet.cell(row, 2).number_format = _EUROS_FORMAT
        if line.quantity is not None:
            sheet.cell(row, 3).number_format = _decimal_format(line.quantity)
        for column in (3, 5):
            if sheet.cell(row, column).value == SECRET:
                sheet.cell(row, column).alignment = _RIGHT
        sheet.cell(row, 5).number_format = _EUROS_FORMAT
    grand: float | str = SECRET if report.cost_total_cents is None else report.cost_total_cents / 100
    sheet.append(["Total", None, None, None, grand, None])
    sheet.cell(sheet.max_row, 1).font = _BOLD
    sheet.cell(sheet.max_row, 5).number_format = _EUROS_FORMAT
    if grand == SECRET:
        sheet.cell(sheet.max_row, 5).alignment = _RIGHT
    _fit_columns(sheet, first_row=4)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _decimal_format(value: Decimal) -> str:
    """``#,##0`` for a whole number, ``#,##0.0`` for one decimal, and so on (Excel shows the locale's marks)."""
    if value == value.to_integral_value():
        return COUNT_FORMAT
    exponent = value.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) else 0
    return f"{COUNT_FORMAT}.{'0' * decimals}"


def _definitions_sheet(sheet: Worksheet, report: ProtectedReport) -> None:
    header = ["Clé", "Nature", "Titre", "Définition", "Base", "Unité"]
    sheet.append(header)
    for column in range(1, len(header) + 1):
        sheet.cell(1, column).font = _BOLD
    for entry in definitions(report):
        row = (entry.key, entry.kind, entry.title, entry.definition, entry.basis, entry.unit)
        sheet.append([_text(value) for value in row])
    sheet.freeze_panes = "A2"
    _fit_columns(sheet, first_row=1)


def _fit_columns(sheet: Worksheet, *, first_row: int) -> None:
    """Width from the longest text from ``first_row`` down (titles above the grid may overflow to the right)."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=first_row):
        for cell in row:
            if cell.value is None:
                continue
            if isinstance(cell.value, date):
                shown = format_date(cell.value)
            elif isinstance(cell.value, int):
                shown = f"{cell.value:,}"  # as displayed, with its thousands separators
            else:
                shown = str(cell.value)
            column = cell.column if isinstance(cell.column, int) else 1
            widths[column] = max(widths.get(column, 0), len(shown))
    for column, length in widths.items():
        limit = _MAX_LABEL_WIDTH if column == 1 else _MAX_WIDTH
        sheet.column_dimensions[get_column_letter(column)].width = min(max(length + 2, _MIN_WIDTH), limit)


def _no_formulas(workbook: Workbook) -> None:
    """Keep every text a text: openpyxl would store a label starting with "=" as a formula Excel runs."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def _text(value: str) -> str:
    """Text Excel stores as text: no control characters (openpyxl refuses them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _with_fixed_dates(data: bytes, day: date) -> bytes:
    """Rewrite the zip with every entry dated ``day`` at midnight and the same permissions on every system.

    openpyxl dates each entry with the clock, and the worksheets with the mtime and mode of a temporary file.
    """
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 3  # Unix, whatever system wrote it
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry))
    return output.getvalue()
