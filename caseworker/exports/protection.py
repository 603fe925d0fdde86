"""From the true figures to the publishable ones: every table, rate and statistic through disclosure control.

The tables of one export form one system for :mod:`caseworker.exports.secrecy`: each table's cells and margins are
values, its sums are relations, the tables of one population share their grand total (exits by reason, by
destination and by length), and the same cell in *ménages* and in *personnes* is a twin pair (hidden in both or in
neither). A rate is read from its table's cells: it is hidden when one of them is. A statistic (a median, a mean)
is withheld when fewer households than the threshold contribute. Nothing leaves unless the audit finds every hidden
cell protected (docs/domain.md §13).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from caseworker.errors import KnownError
from caseworker.exports import secrecy
from caseworker.exports.report import (
    Cell,
    CellStatus,
    CostLine,
    CountTable,
    Figure,
    ProtectedCostLine,
    ProtectedRate,
    ProtectedReport,
    ProtectedStatistic,
    ProtectedTable,
    Rate,
    Report,
    Statistic,
)
from caseworker.exports.secrecy import Relation, cell_key

SHARED_TOTALS = {
    "file_active": "file_active",
    "file_active_by_composition": "file_active",
    "entries": "entrants",
    "referral_sources": "entrants",
    "entry_criteria_filled": "entrants",
    "entrants_met": "entrants",
    "payment_resumed": "entrants",
    "exits_by_reason": "exits",
    "exits_by_destination": "exits",
    "exits_by_length": "exits",
    "contacts_by_type": "contacts",
    "contacts_off_hours": "contacts",
}
"""Tables that count the same population: they share their grand total, as an attacker would combine them."""

EQUAL_FIGURES: tuple[tuple[Figure, Figure], ...] = (
    # The refusals by reason are the offers' « Refusée par le ménage » row.
    (("offer_refusals", "total", 0), ("offers", "row", 1)),
    # The alerts acknowledged (or not) are the alerts from the landlord: the first column of the alerts by type.
    (("alerts_acknowledged", "total", 0), ("alerts_by_type", "column", 0)),
    # Payment resumed among the entrants met, and among those never met: the rows of the entrants met.
    (("payment_resumed", "column", 0), ("entrants_met", "row", 0)),
    (("payment_resumed", "column", 1), ("entrants_met", "row", 1)),
    # Each accepted glissement review is one sub-lease of the bail glissant table's « Glissement accepté » row.
    (("bail_glissant", "row", 0), ("glissements", "row", 0)),
)
"""Figures of two tables equal by construction (the same events counted twice): the proof knows it, as an
attacker would (docs/domain.md §13)."""

STATISTIC_GROUPS: dict[str, Figure] = {
    "exit_length_mean": ("exits_by_reason", "total", 0),
    "exit_length_median": ("exits_by_reason", "total", 0),
    "waiting_time_mean": ("entries", "total", 0),
    "offer_to_lease_median": ("offers", "row", 0),
    "first_contact_attempts_median": ("entrants_met", "row", 0),
    "first_contact_days_median": ("entrants_met", "row", 0),
    "household_years": ("funded_households", "total", 0),
    "cost_per_household_year": ("funded_households", "total", 0),
}
"""The count of households each statistic is computed from, as a published figure of the households' tables. A
statistic is withheld whenever that figure is hidden, else its being shown would say the group is not small."""


class ExposedCellsError(KnownError):
    """The audit still narrows a hidden cell below the threshold: the export must not be written."""


@dataclass(frozen=True)
class _Layout:
    """Where each cell of a table lives among the values: its keys, and the relations between them."""

    cells: tuple[tuple[str, ...], ...]
    row_totals: tuple[str, ...]
    column_totals: tuple[str, ...]
    grand_total: str | None


def _prefix(table: CountTable) -> str:
    return f"{table.key}@{table.unit.value}"


def _layout(table: CountTable) -> tuple[_Layout, list[Relation]]:
    """Keys by position (labels may hold anything an administrator typed) and the table's relations."""
    prefix = _prefix(table)
    rows = [f"r{index}" for index in range(len(table.rows))]
    columns = [f"c{index}" for index in range(len(table.columns))]
    shared = SHARED_TOTALS.get(table.key)
    grand = cell_key(f"{shared}@{table.unit.value}", secrecy.TOTAL) if shared else None
    if len(columns) == 1:
        cells: tuple[tuple[str, ...], ...] = tuple((cell_key(prefix, row),) for row in rows)
        total = grand or cell_key(prefix, secrecy.TOTAL)
        if not table.totals:
            return _Layout(cells, (), (), None), []
        relations = [Relation(total, tuple(line[0] for line in cells))]
        return _Layout(cells, tuple(line[0] for line in cells), (total,), total), relations
    cells = tuple(tuple(cell_key(prefix, row, column) for column in columns) for row in rows)
    if not table.totals:
        return _Layout(cells, (), (), None), []
    total = grand or cell_key(prefix, secrecy.TOTAL, secrecy.TOTAL)
    relations = secrecy.table_relations(prefix, rows, columns, grand_total=total)
    return (
        _Layout(
            cells,
            tuple(cell_key(prefix, row, secrecy.TOTAL) for row in rows),
            tuple(cell_key(prefix, secrecy.TOTAL, column) for column in columns),
            total,
        ),
        relations,
    )


def _values(table: CountTable, layout: _Layout) -> dict[str, int]:
    values = {
        key: value
        for keys, line in zip(layout.cells, table.counts, strict=True)
        for key, value in zip(keys, line, strict=True)
    }
    if layout.grand_total is None:
        return values
    if len(table.columns) > 1:
        values.update({key: table.row_total(index) for index, key in enumerate(layout.row_totals)})
    values.update({key: table.column_total(index) for index, key in enumerate(layout.column_totals)})
    values[layout.grand_total] = table.grand_total
    return values


def protect_report(
    report: Report, *, cancelled: Callable[[], bool] | None = None, percent_from: int = 10
) -> ProtectedReport:
    """Hide what must be hidden, prove it holds, and return what may be published.

    Raises:
        ExposedCellsError: a hidden cell can still be narrowed below the threshold (never expected: the suppression
            extends until none can; the export is refused rather than written if it ever happens).
        secrecy.Cancelled: ``cancelled()`` returned True.
    """
    threshold = report.parameters.threshold
    layouts: dict[tuple[str, str], _Layout] = {}
    values: dict[str, int] = {}
    relations: list[Relation] = []
    for table in report.tables:
        if not table.rows:
            continue
        layout, own = _layout(table)
        layouts[(table.key, table.unit.value)] = layout
        if table.about_people:
            values.update(_values(table, layout))
            relations.extend(own)
    relations.extend(_equalities(report.tables, layouts))
    relations.extend(_known_bounds(report.tables, layouts, values))
    relations.extend(_loose_rates(report.rates, values))
    relations = _distinct(relations)
    protection = secrecy.protect(
        values, relations, twins=_twins(report.tables, layouts), threshold=threshold, cancelled=cancelled
    )
    if protection.exposed:
        raise ExposedCellsError(
            "Le contrôle du secret statistique n'a pas pu protéger toutes les cases : l'export n'est pas écrit."
        )

    def cell(key: str | None, value: int) -> Cell:
        if key is None or key not in protection.hidden:
            return Cell(value)
        status = CellStatus.PRIMARY if protection.hidden[key] == "primary" else CellStatus.SECONDARY
        return Cell(None, status)

    tables = tuple(_protected_table(table, layouts.get((table.key, table.unit.value)), cell) for table in report.tables)
    by_key = {
        (table.key, table.unit.value): (table, layouts[(table.key, table.unit.value)])
        for table in report.tables
        if (table.key, table.unit.value) in layouts
    }
    rates = tuple(_protected_rate(rate, by_key, cell) for rate in report.rates)
    statistics = tuple(
        _protected_statistic(statistic, threshold, _group_hidden(statistic, layouts, protection.hidden))
        for statistic in report.statistics
    )
    statistics = _withheld_with_the_days(statistics)
    withheld = {statistic.source.key for statistic in statistics if statistic.hidden}
    cost_lines = tuple(_protected_cost_line(line, layouts, protection.hidden, withheld) for line in report.cost_lines)
    return ProtectedReport(
        parameters=report.parameters,
        tables=tables,
        rates=rates,
        statistics=statistics,
        primary_hidden=protection.primary_count,
        secondary_hidden=protection.secondary_count,
        warnings=report.warnings,
        cost_lines=cost_lines,
        cost_total_cents=(
            sum(line.total_cents or 0 for line in cost_lines)
            if cost_lines and not any(line.hidden for line in cost_lines)
            else None
        ),
    )


def _protected_cost_line(
    line: CostLine, layouts: dict[tuple[str, str], _Layout], hidden: Collection[str], withheld: Collection[str]
) -> ProtectedCostLine:
    """A worksheet line, hidden when a figure it is read from is hidden (its total would give the figure away)."""
    if line.statistic and line.statistic in withheld:
        if line.quantity == 0:  # nobody contributed: nothing to hide (« s » would say some did)
            return ProtectedCostLine(line, line.quantity, line.total_cents)
        return ProtectedCostLine(line, None, None)
    for table_key, what, index in line.figures:
        layout = layouts.get((table_key, line.unit.value if line.unit is not None else "menage"))
        key = _figure_key(layout, what, index) if layout is not None else None
        if key is None or key in hidden:
            return ProtectedCostLine(line, None, None)
    return ProtectedCostLine(line, line.quantity, line.total_cents)


def _figure_key(layout: _Layout, what: str, index: int) -> str | None:
    """The key of a table's published figure (None when the table publishes no such figure)."""
    several = len(layout.cells[0]) > 1 if layout.cells else False
    if what == "total":
        return layout.grand_total
    if what == "row":
        return layout.row_totals[index] if several else layout.cells[index][0]
    if several:
        return layout.column_totals[index]
    return layout.grand_total


def _equalities(tables: tuple[CountTable, ...], layouts: dict[tuple[str, str], _Layout]) -> list[Relation]:
    """One relation "a = b" for each pair of :data:`EQUAL_FIGURES` present in the same unit."""
    relations = []
    units = {table.unit.value for table in tables}
    for (left_table, left_what, left_index), (right_table, right_what, right_index) in EQUAL_FIGURES:
        for unit in sorted(units):
            left, right = layouts.get((left_table, unit)), layouts.get((right_table, unit))
            if left is None or right is None:
                continue
            a, b = _figure_key(left, left_what, left_index), _figure_key(right, right_what, right_index)
            if a is not None and b is not None and a != b:
                relations.append(Relation(a, (b,)))
    return relations


AT_MOST: tuple[tuple[Figure, Figure], ...] = (
    # The sub-leases whose review was postponed (refused) are among the reviews postponed (refused).
    (("bail_glissant", "row", 1), ("glissements", "row", 1)),
    (("bail_glissant", "row", 2), ("glissements", "row", 2)),
    # Each reactivation is an entry that follows a previous support: one of the entries' « Ré-entrée » row.
    (("reactivations", "total", 0), ("entries", "row", 1)),
)
"""Figures of households known to be no larger than another (a subset of the same events), as an attacker reads
the definitions: the proof uses the bound (docs/domain.md §13)."""


def _known_bounds(
    tables: tuple[CountTable, ...], layouts: dict[tuple[str, str], _Layout], values: dict[str, int]
) -> list[Relation]:
    """The bounds an attacker reads from the definitions, in *ménages* (in persons, twins follow the households).

    :data:`AT_MOST`, and the entry criteria: each criterion's entrants are among those with at least one criterion
    ticked, and each of those is in at least one criterion's row (with one criterion, the two are equal).
    """
    bounds: list[Relation] = []
    for (small_table, small_what, small_index), (large_table, large_what, large_index) in AT_MOST:
        small, large = layouts.get((small_table, "menage")), layouts.get((large_table, "menage"))
        if small is None or large is None:
            continue
        part, whole = _figure_key(small, small_what, small_index), _figure_key(large, large_what, large_index)
        if part is not None and whole is not None:
            bounds.append(Relation(whole, (part,), "<="))
    criteria, filled = layouts.get(("entry_criteria", "menage")), layouts.get(("entry_criteria_filled", "menage"))
    if criteria is not None and filled is not None and criteria.cells:
        some = filled.cells[0][0]
        cells = tuple(line[0] for line in criteria.cells)
        bounds.extend(Relation(some, (cell,), "<=") for cell in cells)
        bounds.append(Relation(some, cells, ">="))
    # Only what the definitions make true: a bound that did not hold would be a bug, never an attacker's knowledge.
    return [bound for bound in bounds if all(cell in values for cell in bound.members) and _holds(bound, values)]


def _holds(relation: Relation, values: dict[str, int]) -> bool:
    parts, total = sum(values[part] for part in relation.parts), values[relation.total]
    return parts <= total if relation.sense == "<=" else parts >= total


def _distinct(relations: list[Relation]) -> list[Relation]:
    """Each relation once (tables sharing a total repeat the same one when they have the same rows)."""
    seen: set[Relation] = set()
    kept = []
    for relation in relations:
        if relation not in seen:
            seen.add(relation)
            kept.append(relation)
    return kept


def _twins(tables: tuple[CountTable, ...], layouts: dict[tuple[str, str], _Layout]) -> list[tuple[str, str]]:
    """The same position in the *ménage* and *personne* tables of one key."""
    pairs = []
    for table in tables:
        if table.unit.value != "menage" or not table.about_people:
            continue
        households = layouts.get((table.key, "menage"))
        persons = layouts.get((table.key, "personne"))
        if households is None or persons is None:
            continue
        for left, right in zip(_all_keys(households), _all_keys(persons), strict=True):
            pairs.append((left, right))
    return pairs


def _all_keys(layout: _Layout) -> list[str]:
    keys = [key for line in layout.cells for key in line]
    keys.extend(layout.row_totals if len(layout.cells[0]) > 1 else ())
    keys.extend(layout.column_totals)
    if layout.grand_total is not None and layout.grand_total not in keys:
        keys.append(layout.grand_total)
    return keys


def _loose_rates(rates: tuple[Rate, ...], values: dict[str, int]) -> list[Relation]:
    """A rate without a table: its counted and its others as two parts of its denominator."""
    relations = []
    for rate in rates:
        if rate.table_key:
            continue
        prefix = f"rate:{rate.key}@{rate.unit.value}"
        counted, others, total = cell_key(prefix, "n"), cell_key(prefix, "rest"), cell_key(prefix, secrecy.TOTAL)
        values.update({counted: rate.numerator, others: rate.denominator - rate.numerator, total: rate.denominator})
        relations.append(Relation(total, (counted, others)))
    return relations


def _protected_table(
    table: CountTable, layout: _Layout | None, cell: Callable[[str | None, int], Cell]
) -> ProtectedTable:
    if layout is None or not table.about_people:
        return ProtectedTable(
            source=table,
            cells=tuple(tuple(Cell(value) for value in line) for line in table.counts),
            row_totals=tuple(Cell(table.row_total(index)) for index in range(len(table.rows))) if table.totals else (),
            column_totals=tuple(Cell(table.column_total(index)) for index in range(len(table.columns)))
            if table.totals
            else (),
            grand_total=Cell(table.grand_total) if table.totals else None,
        )
    cells = tuple(
        tuple(cell(key, value) for key, value in zip(keys, line, strict=True))
        for keys, line in zip(layout.cells, table.counts, strict=True)
    )
    if layout.grand_total is None:
        return ProtectedTable(table, cells, (), (), None)
    return ProtectedTable(
        source=table,
        cells=cells,
        row_totals=tuple(cell(key, table.row_total(index)) for index, key in enumerate(layout.row_totals)),
        column_totals=tuple(cell(key, table.column_total(index)) for index, key in enumerate(layout.column_totals)),
        grand_total=cell(layout.grand_total, table.grand_total),
    )


def _protected_rate(
    rate: Rate,
    tables: dict[tuple[str, str], tuple[CountTable, _Layout]],
    cell: Callable[[str | None, int], Cell],
) -> ProtectedRate:
    if not rate.table_key:
        prefix = f"rate:{rate.key}@{rate.unit.value}"
        numerator = cell(cell_key(prefix, "n"), rate.numerator)
        denominator = cell(cell_key(prefix, secrecy.TOTAL), rate.denominator)
        return ProtectedRate(rate, numerator, denominator)
    found = tables.get((rate.table_key, rate.unit.value))
    if found is None:
        raise ValueError(f"{rate.key}: no table {rate.table_key} in {rate.unit.value}")
    table, layout = found
    rows = [table.rows.index(label) for label in rate.numerator_rows]
    if rate.column:
        column = table.columns.index(rate.column)
        numerator_keys = [layout.cells[row][column] for row in rows]
        numerator_value = sum(table.counts[row][column] for row in rows)
        denominator_key = layout.column_totals[column] if len(table.columns) > 1 else layout.grand_total
        denominator_value = table.column_total(column)
    else:
        numerator_keys = [layout.cells[row][0] if len(table.columns) == 1 else layout.row_totals[row] for row in rows]
        numerator_value = sum(table.row_total(row) for row in rows)
        denominator_key = layout.grand_total
        denominator_value = table.grand_total
    if (numerator_value, denominator_value) != (rate.numerator, rate.denominator):
        raise ValueError(f"{rate.key}: the rate does not match its table")
    parts = [cell(key, 0) for key in numerator_keys]
    hidden = [part for part in parts if part.value is None]
    if hidden:
        status = CellStatus.PRIMARY if any(p.status is CellStatus.PRIMARY for p in hidden) else CellStatus.SECONDARY
        numerator = Cell(None, status)
    else:
        numerator = Cell(rate.numerator)
    return ProtectedRate(rate, numerator, cell(denominator_key, rate.denominator))


def _group_hidden(statistic: Statistic, layouts: dict[tuple[str, str], _Layout], hidden: Collection[str]) -> bool:
    """Whether the figure counting the statistic's households is hidden (a statistic without one: no)."""
    group = statistic.group or STATISTIC_GROUPS.get(statistic.key)
    if group is None:
        return False
    layout = layouts.get((group[0], "menage"))
    key = _figure_key(layout, group[1], group[2]) if layout is not None else None
    return key is None or key in hidden


WITHHELD_WITH_THE_DAYS = ("household_years", "cost_per_household_year")
"""Withheld when an intensity level's days are: 365 × the household-years less the days shown would give the hidden
level's days back, and a level's households are no more than its days (a review found it)."""


def _withheld_with_the_days(statistics: tuple[ProtectedStatistic, ...]) -> tuple[ProtectedStatistic, ...]:
    if not any(s.source.key == "intensity_days" and s.hidden and s.source.contributors > 0 for s in statistics):
        return statistics
    return tuple(
        ProtectedStatistic(s.source, None) if s.source.key in WITHHELD_WITH_THE_DAYS else s for s in statistics
    )


def _protected_statistic(statistic: Statistic, threshold: int, group_hidden: bool) -> ProtectedStatistic:
    """A median or a mean, or nothing: withheld when fewer than the threshold contribute.

    Also withheld when the count of its households is hidden: shown, it would say that count is not small.
    """
    if statistic.value is None or statistic.contributors < threshold or group_hidden:
        return ProtectedStatistic(statistic, None)
    return ProtectedStatistic(statistic, statistic.value)
