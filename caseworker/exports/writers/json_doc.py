"""The funder export as a JSON document for funders' own tools (schema described in docs/funder-export-json.md).

The schema is ``caseworker.funder-export``, version 1: within a version fields are only ever added, never renamed,
removed or given another meaning. Keys come in a fixed order so that the same report gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from caseworker.exports.report import (
    SECRET,
    Cell,
    ProtectedRate,
    ProtectedReport,
    ProtectedStatistic,
    ProtectedTable,
)

SCHEMA = "caseworker.funder-export"
VERSION = 1


def write_json(report: ProtectedReport) -> bytes:
    """Return the document as UTF-8 bytes (accents as such, indented by two, a newline at the end)."""
    parameters = report.parameters
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "version": VERSION,
        "parameters": {
            "profile_code": parameters.profile_code,
            "profile_label": parameters.profile_label,
            "measures": list(parameters.measures),
            "period_start": parameters.period_start.isoformat(),
            "period_end": parameters.period_end.isoformat(),
            "as_of": parameters.as_of.isoformat(),
            "funder_code": parameters.funder_code or None,
            "funder": parameters.funder_label or None,
            "annual_budget": _cents(parameters.annual_budget_cents),
        },
        "suppression": {
            "threshold": parameters.threshold,
            "hidden": report.primary_hidden + report.secondary_hidden,
            "symbol": SECRET,
        },
        "tables": [_table(table) for table in report.tables],
        "rates": [_rate(rate) for rate in report.rates],
        "statistics": [_statistic(statistic) for statistic in report.statistics],
        "avoided_costs": _avoided_costs(report),
        "warnings": list(report.warnings),
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _table(table: ProtectedTable) -> dict[str, Any]:
    source = table.source
    totals = table.grand_total is not None
    return {
        "key": source.key,
        "title": source.title,
        "unit": source.unit.value,
        "basis": source.basis,
        "definition": source.definition,
        "row_heading": source.row_heading,
        "rows": list(source.rows),
        "columns": list(source.columns),
        "cells": [_values(line) for line in table.cells],
        "row_totals": _values(table.row_totals) if totals else None,
        "column_totals": _values(table.column_totals) if totals else None,
        "grand_total": table.grand_total.value if table.grand_total is not None else None,
    }


def _values(cells: Sequence[Cell]) -> list[int | None]:
    return [cell.value for cell in cells]


def _rate(rate: ProtectedRate) -> dict[str, Any]:
    source = rate.source
    return {
        "key": source.key,
        "title": source.title,
        "unit": source.unit.value,
        "numerator": rate.numerator.value,
        "denominator": rate.denominator.value,
        "as_of": source.as_of.isoformat(),
        "definition": source.definition,
        "numerator_definition": source.numerator_definition,
        "cohort": source.cohort,
        "text": rate.text(),
    }


def _statistic(statistic: ProtectedStatistic) -> dict[str, Any]:
    source = statistic.source
    return {
        "key": source.key,
        "title": source.title,
        "value": None if statistic.value is None else _decimal(statistic.value),
        "unit_label": source.unit_label,
        # How many contributed says something about who is in the cohort: only published beside a shown value.
        "contributors": None if statistic.hidden else source.contributors,
        "basis": source.basis,
        "definition": source.definition,
    }


def _avoided_costs(report: ProtectedReport) -> dict[str, Any] | None:
    """The worksheet: each line's unit cost, quantity and total (null when hidden), and the total."""
    if not report.cost_lines:
        return None
    return {
        "lines": [
            {
                "label": line.source.assumption.label,
                "unit_cost": _cents(line.source.assumption.unit_cost_cents),
                "quantity": None if line.quantity is None else _decimal(line.quantity),
                "quantity_source": line.source.quantity_label,
                "total": _cents(line.total_cents),
                "assumption": line.source.assumption.assumption,
            }
            for line in report.cost_lines
        ],
        "total": _cents(report.cost_total_cents),
    }


def _cents(cents: int | None) -> str | None:
    """Euros as a string with two decimals ("42000.00"), or null."""
    return None if cents is None else f"{Decimal(cents) / 100:.2f}"


def _decimal(value: Decimal) -> str:
    """12.5 → "12.5": a string, so that no reader turns it into a binary float; never an exponent."""
    return f"{value:f}"
