"""The avoided-cost worksheet: unit costs the team lead states, times quantities, printed with the assumptions.

Funders ask what the support saved: hotel nights, hospital days, evictions, FSL aid (DOMAIN §7.1). Those savings
are estimates, so the worksheet says where each number comes from: the unit cost and its source are typed by the
team lead on the profile, and the quantity is either typed too (with its assumption) or read from a figure of the
export itself (households kept in their home, procedures that ended without an eviction…). A line read from a
figure hidden by the secret is hidden with it, and so is the worksheet's total (docs/domain.md §13.7).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from caseworker.domain.prevention import OUTCOME_LABELS, ProcedureOutcome
from caseworker.exports.housing_figures import RETENTION_ROWS
from caseworker.exports.report import CostAssumption, CostLine, CountTable, Figure, Statistic, Unit


@dataclass(frozen=True)
class QuantitySource:
    """A figure of the export a line's quantity may be read from.

    ``table`` and ``rows`` name the published counts added up (``rows`` empty: the table's total); ``statistic``
    names a statistic instead.
    """

    label: str
    table: str = ""
    unit: Unit = Unit.MENAGE
    rows: tuple[str, ...] = ()
    statistic: str = ""


_ENDED_WITHOUT_EVICTION = tuple(
    f"Terminées : {OUTCOME_LABELS[outcome]}"
    for outcome in (
        ProcedureOutcome.DETTE_APUREE,
        ProcedureOutcome.ABANDONNEE,
        ProcedureOutcome.NOUVEAU_BAIL,
        ProcedureOutcome.RELOGEMENT,
    )
)

QUANTITY_SOURCES = {
    "households_kept": QuantitySource(
        "Ménages maintenus dans un logement", "housing_retention", Unit.MENAGE, (RETENTION_ROWS[0],)
    ),
    "procedures_without_eviction": QuantitySource(
        "Procédures d'expulsion terminées sans expulsion (dette apurée, abandon, nouveau bail, relogement)",
        "procedures",
        Unit.PROCEDURE,
        _ENDED_WITHOUT_EVICTION,
    ),
    "entrants": QuantitySource("Ménages entrés dans la période", "entries", Unit.MENAGE),
    "household_years": QuantitySource("Ménages-années accompagnés", statistic="household_years"),
}
"""The figures a worksheet line may be read from, by key, with their French names."""

TYPED = "Quantité saisie"


def cost_lines(
    assumptions: Sequence[CostAssumption], tables: Sequence[CountTable], statistics: Sequence[Statistic]
) -> tuple[CostLine, ...]:
    """Each line of the worksheet with its quantity: typed, or read from the export's own figures."""
    by_key = {(table.key, table.unit): table for table in tables}
    values = {statistic.key: statistic.value for statistic in statistics}
    lines = []
    for assumption in assumptions:
        source = QUANTITY_SOURCES.get(assumption.source)
        if source is None:
            lines.append(CostLine(assumption, Decimal(assumption.quantity or 0), TYPED))
            continue
        if source.statistic:
            value = values.get(source.statistic)
            lines.append(
                CostLine(
                    assumption, value if value is not None else Decimal(0), source.label, statistic=source.statistic
                )
            )
            continue
        table = by_key.get((source.table, source.unit))
        if table is None:
            lines.append(CostLine(assumption, Decimal(0), source.label, source.unit))
            continue
        quantity, figures = _read(table, source.rows)
        lines.append(CostLine(assumption, Decimal(quantity), source.label, source.unit, figures))
    return tuple(lines)


def _read(table: CountTable, rows: tuple[str, ...]) -> tuple[int, tuple[Figure, ...]]:
    """The sum of ``rows`` of the table (its total when none) and the published figures it adds up."""
    if not rows:
        return table.grand_total, ((table.key, "total", 0),)
    indexes = [table.rows.index(row) for row in rows if row in table.rows]
    return sum(table.row_total(index) for index in indexes), tuple((table.key, "row", index) for index in indexes)


__all__ = ["QUANTITY_SOURCES", "TYPED", "QuantitySource", "cost_lines"]
