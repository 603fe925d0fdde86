"""The funder export as CSV text for Excel on Windows: UTF-8 with a BOM, ``;`` between fields, CRLF line ends.

A first block says what was asked and what "s" means; then one block per table (title, unit and basis, header,
rows, totals when published), then the rates and the statistics, blocks separated by an empty line. A hidden
figure is "s"; a statistic's decimals take a comma. The csv module quotes a field holding ";" or quotes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from caseworker.exports.report import SECRET, UNIT_LABELS, ProtectedRate, ProtectedReport, percent
from caseworker.exports.writers.presentation import (
    COSTS_HEADER,
    COSTS_NOTE,
    COSTS_TITLE,
    cost_rows,
    funding_words,
    grid,
    hidden_cells,
    not_a_formula,
    period,
    report_title,
    secret_meaning,
    shows_percent,
    unit_and_basis,
)
from caseworker.formats import format_date

_RATES_HEADER = (
    "Indicateur",
    "Unité",
    "Numérateur",
    "Dénominateur",
    "Taux (%)",
    "État au",
    "Définition",
    "Définition du numérateur",
    "Cohorte",
)
_STATISTICS_HEADER = ("Indicateur", "Valeur", "Unité", "Base", "Définition")


def write_csv(report: ProtectedReport) -> bytes:
    """Return the CSV's bytes, BOM first (Excel then reads the accents right), for the caller to save."""
    buffer = io.StringIO()
    writer = _Cells(csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"))
    parameters = report.parameters
    writer.writerows(
        [
            [report_title(parameters)],
            ["Mesures", ", ".join(parameters.measures)],
            ["Période", period(parameters)],
            ["État au", format_date(parameters.as_of)],
            ["Seuil du secret statistique", parameters.threshold],
            *([["Financement", funding_words(parameters)]] if funding_words(parameters) else []),
            ["Cellules masquées", hidden_cells(report)],
            [f"« {SECRET} »", secret_meaning(parameters.threshold)],
            *(["Avertissement", warning] for warning in report.warnings),
        ]
    )
    for table in report.tables:
        source = table.source
        layout = grid(table)
        writer.writerow([])
        writer.writerow([source.title])
        writer.writerow([unit_and_basis(table)])
        writer.writerow(layout.header)
        writer.writerows([line.label, *(cell.text for cell in line.cells)] for line in layout.rows)
    writer.writerow([])
    writer.writerow(["Taux"])
    writer.writerow(_RATES_HEADER)
    writer.writerows(_rate_row(rate) for rate in report.rates)
    writer.writerow([])
    writer.writerow(["Statistiques"])
    writer.writerow(_STATISTICS_HEADER)
    for statistic in report.statistics:
        value = SECRET if statistic.value is None else _decimal(statistic.value)
        about = statistic.source
        writer.writerow([about.title, value, about.unit_label, about.basis, about.definition])
    costs = cost_rows(report)
    if costs:
        writer.writerow([])
        writer.writerow([COSTS_TITLE])
        writer.writerow([COSTS_NOTE])
        writer.writerow(COSTS_HEADER)
        writer.writerows(
            [row.label, row.unit_cost, row.quantity, row.source, row.total, row.assumption] for row in costs
        )
    return buffer.getvalue().encode("utf-8-sig")


class _Cells:
    """A CSV writer whose text cells never start like a formula (profiles' and worksheets' words are typed)."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([not_a_formula(cell) if isinstance(cell, str) else cell for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def _rate_row(rate: ProtectedRate) -> list[str]:
    source = rate.source
    numerator, denominator = rate.numerator.value, rate.denominator.value
    share = ""  # on fewer than ten, a percentage says more than it knows
    if rate.hidden:
        share = SECRET
    elif shows_percent(rate) and numerator is not None and denominator is not None:
        share = str(percent(numerator, denominator))
    return [
        source.title,
        UNIT_LABELS[source.unit],
        rate.numerator.text,
        rate.denominator.text,
        share,
        format_date(source.as_of),
        source.definition,
        source.numerator_definition,
        source.cohort,
    ]


def _decimal(value: Decimal) -> str:
    """12.5 → "12,5": the decimal comma French Excel reads as a number (never an exponent)."""
    return f"{value:f}".replace(".", ",")
