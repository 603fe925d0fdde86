"""What every funder export prints the same way: the secrecy explained, the period, a table's grid with its totals.

One place, so that the spreadsheet, the CSV and the PDF explain the secrecy in the same words and lay out the same
rows and columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from caseworker.exports.report import (
    SECRET,
    UNIT_LABELS,
    Cell,
    ExportParameters,
    ProtectedCostLine,
    ProtectedRate,
    ProtectedReport,
    ProtectedTable,
)
from caseworker.formats import format_amount, format_date

TOTAL_LABEL = "Total"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula in a cell of a CSV file."""
PERCENT_FROM = 10  # as ProtectedRate.text(): on fewer in the denominator, no percentage is published


def not_a_formula(text: str) -> str:
    """A text a spreadsheet would run as a formula ("=…", "+…", "-…", "@…") starts with an apostrophe instead.

    Labels and assumptions are typed by people: opened in Excel, « =LIEN_HYPERTEXTE(…) » would be a link, not words.
    """
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def report_title(parameters: ExportParameters) -> str:
    """« Rapport d'activité — <profile> », the title of the PDF and of the workbook."""
    return f"Rapport d'activité — {parameters.profile_label}"


def unit_and_basis(table: ProtectedTable) -> str:
    """The line under a table's title: "Ménages · Flux du 01/01/2026 au 31/12/2026"."""
    unit = UNIT_LABELS[table.source.unit]
    return f"{unit[:1].upper()}{unit[1:]} · {table.source.basis}"


def period(parameters: ExportParameters) -> str:
    """The period in words: "du 01/01/2026 au 31/12/2026"."""
    return f"du {format_date(parameters.period_start)} au {format_date(parameters.period_end)}"


def shows_percent(rate: ProtectedRate) -> bool:
    """Whether a rate's percentage is published: neither count hidden, and enough in the denominator."""
    return not rate.hidden and rate.denominator.value is not None and rate.denominator.value >= PERCENT_FROM


def secret_meaning(threshold: int) -> str:
    """What "s" stands for, in one sentence a funder can read without the documentation."""
    smallest = "égal à 1" if threshold == 2 else f"de 1 à {threshold - 1}"
    return (
        f"« {SECRET} » (secret statistique) remplace un effectif {smallest}, trop petit pour être publié sans risque "
        "de désigner un ménage, ou un effectif masqué pour qu'il ne puisse pas être recalculé à partir des totaux."
    )


def hidden_cells(report: ProtectedReport) -> str:
    """Say how many cells were hidden ("3 cellules masquées (secret statistique).").

    Never how many of them are small (primary) and how many protect them (secondary): a reader who knows which
    kind a hidden cell is learns whether it is below the threshold or not, and can narrow it (docs/domain.md §13).
    The split is in the export's log and in the preview, for the team lead.
    """
    total = report.primary_hidden + report.secondary_hidden
    if total == 0:
        return "Aucune cellule n'a été masquée."
    counted = "1 cellule masquée" if total == 1 else f"{total} cellules masquées"
    return f"{counted} (secret statistique)."


@dataclass(frozen=True)
class GridRow:
    """One printed row of a table: its label, its cells (with the row's total last when printed), and its kind."""

    label: str
    cells: tuple[Cell, ...]
    is_total: bool = False


@dataclass(frozen=True)
class Grid:
    """A table as printed: the header (row heading, columns, "Total") and the rows, the totals row last."""

    header: tuple[str, ...]
    rows: tuple[GridRow, ...]
    total_column: bool


def grid(table: ProtectedTable) -> Grid:
    """Lay out a table's cells and whatever totals it publishes.

    A list of categories (one column) gets no "Total" column, which would only repeat each count; a table that
    publishes no totals (a multi-select breakdown) gets neither a total column nor a total row.
    """
    source = table.source
    total_column = bool(table.row_totals) and len(source.columns) > 1
    rows = [
        GridRow(label, (*cells, *((table.row_totals[index],) if total_column else ())))
        for index, (label, cells) in enumerate(zip(source.rows, table.cells, strict=True))
    ]
    if table.grand_total is not None:
        column_totals = table.column_totals if len(source.columns) > 1 else (table.grand_total,)
        corner = (table.grand_total,) if total_column else ()
        rows.append(GridRow(TOTAL_LABEL, (*column_totals, *corner), is_total=True))
    header = (source.row_heading, *source.columns, *((TOTAL_LABEL,) if total_column else ()))
    return Grid(header=header, rows=tuple(rows), total_column=total_column)


@dataclass(frozen=True)
class Definition:
    """One entry of the definitions every export ends with."""

    key: str
    kind: str  # "Tableau", "Taux" or "Statistique"
    title: str
    definition: str
    basis: str
    unit: str


def definitions(report: ProtectedReport) -> tuple[Definition, ...]:
    """What each table, rate and statistic counts, over which basis, in which unit (in the report's order)."""
    entries: list[Definition] = []
    for table in report.tables:
        t = table.source
        entries.append(Definition(t.key, "Tableau", t.title, t.definition, t.basis, UNIT_LABELS[t.unit]))
    for rate in report.rates:
        r = rate.source
        definition = f"Numérateur : {r.numerator_definition} — Dénominateur : {r.definition}"
        basis = f"{r.cohort}, état au {format_date(r.as_of)}"
        entries.append(Definition(r.key, "Taux", r.title, definition, basis, UNIT_LABELS[r.unit]))
    for statistic in report.statistics:
        s = statistic.source
        entries.append(Definition(s.key, "Statistique", s.title, s.definition, s.basis, s.unit_label))
    return tuple(entries)


COSTS_TITLE = "Coûts évités (estimation)"
COSTS_NOTE = (
    "Estimation : chaque ligne multiplie un coût unitaire déclaré par une quantité saisie ou lue dans les chiffres de "
    "cet export, selon l'hypothèse indiquée. Une ligne lue dans un effectif masqué est masquée avec lui, et le total "
    "avec elle."
)
COSTS_HEADER = ("Poste", "Coût unitaire", "Quantité", "Source de la quantité", "Total", "Hypothèse")


@dataclass(frozen=True)
class CostRow:
    """A line of the avoided-cost worksheet as printed: every figure as French text, "s" when hidden."""

    label: str
    unit_cost: str
    quantity: str
    source: str
    total: str
    assumption: str


def cost_rows(report: ProtectedReport) -> tuple[CostRow, ...]:
    """The worksheet's lines as printed, then its total (« s » when a line is hidden)."""
    rows = [_cost_row(line) for line in report.cost_lines]
    if rows:
        total = SECRET if report.cost_total_cents is None else _euros(report.cost_total_cents)
        rows.append(CostRow(TOTAL_LABEL, "", "", "", total, ""))
    return tuple(rows)


def _cost_row(line: ProtectedCostLine) -> CostRow:
    assumption = line.source.assumption
    quantity = SECRET if line.quantity is None else f"{line.quantity:f}".replace(".", ",")
    total = SECRET if line.total_cents is None else _euros(line.total_cents)
    return CostRow(
        assumption.label,
        _euros(assumption.unit_cost_cents),
        quantity,
        line.source.quantity_label,
        total,
        assumption.assumption,
    )


def _euros(cents: int) -> str:
    return format_amount(Decimal(cents) / 100)


def funding_words(parameters: ExportParameters) -> str:
    """« Financeur : DDETS (BOP 177) — budget annuel déclaré : 150 000,00 € » ("" when the profile states neither)."""
    parts = []
    if parameters.funder_label:
        parts.append(f"Financeur : {parameters.funder_label} (sa part des accompagnements cofinancés)")
    if parameters.annual_budget_cents is not None:
        parts.append(f"budget annuel déclaré : {_euros(parameters.annual_budget_cents)}")
    return " — ".join(parts)
