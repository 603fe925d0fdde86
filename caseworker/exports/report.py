"""What a funder export holds, before and after disclosure control (docs/domain.md §8, §13).

An export is made of **count tables** (households or persons by category: exits by reason, contacts by type and
outcome…), **rates** (a numerator and a denominator, both counts, rendered "n/N = x % au jj/mm/aaaa (définition)")
and **statistics** (a median or a mean of days, published only when enough households contribute). Every figure
carries its definition, its unit (*ménage* or *personne*) and its basis (a stock on a date, a flow over a period,
a cohort).

:class:`Report` is what the indicators computed: true counts, never written anywhere. :class:`ProtectedReport` is
what may leave the application: each cell either shown or hidden as "s" (*secret statistique*), primary (a count
from 1 to the threshold minus one) or secondary (hidden so that the first cannot be recomputed from the totals).
Writers (XLSX, CSV, PDF, JSON, the preview) read only a :class:`ProtectedReport`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from caseworker.domain.exports import ENTERED, HOUSEHOLD_UNITS, UNIT_LABELS, UNIT_SINGULAR, Unit
from caseworker.formats import format_date

__all__ = [
    "ENTERED",
    "HOUSEHOLD_UNITS",
    "SECRET",
    "UNIT_LABELS",
    "UNIT_SINGULAR",
    "Cell",
    "CellStatus",
    "CostAssumption",
    "CostLine",
    "CountTable",
    "ExportParameters",
    "Figure",
    "ProtectedCostLine",
    "ProtectedRate",
    "ProtectedReport",
    "ProtectedStatistic",
    "ProtectedTable",
    "Rate",
    "Report",
    "Statistic",
    "Unit",
    "percent",
]


SECRET = "s"
"""How a hidden cell is printed (*secret statistique*)."""

Figure = tuple[str, str, int]
"""A published figure of a table: its key, what it is (``total``, ``row``, ``column``) and which one (by index)."""


class CellStatus(str, Enum):
    """Whether a published cell shows its value, and if not, why."""

    SHOWN = "shown"
    PRIMARY = "primary"  # a count from 1 to the threshold minus one
    SECONDARY = "secondary"  # hidden so that a primary one cannot be derived from the totals


@dataclass(frozen=True)
class CountTable:
    """Counts by one or two categories, with the totals of each row and column.

    Attributes:
        key: a stable identifier (``exits_by_reason``); the same key in both units names the same table.
        title: the French title ("Sorties par motif").
        unit: what each count counts.
        basis: the stock's date or the flow's period, in words ("Flux du 01/01/2026 au 31/12/2026").
        definition: what is counted, in one or two French sentences.
        row_heading: what the rows are ("Motif de sortie").
        rows: the row labels, in order.
        columns: the column labels; a single column ("Nombre") for a list of categories.
        counts: ``rows`` × ``columns`` non-negative counts.
        totals: whether the totals of rows and columns are published (False for a multi-select breakdown, whose
            categories overlap and must never be summed).
        about_people: whether a small count could point at someone (False for meetings held: no suppression).
    """

    key: str
    title: str
    unit: Unit
    basis: str
    definition: str
    row_heading: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    totals: bool = True
    about_people: bool = True

    def __post_init__(self) -> None:
        if len(self.counts) != len(self.rows) or any(len(line) != len(self.columns) for line in self.counts):
            raise ValueError(f"{self.key}: counts do not match the rows and columns")
        if any(value < 0 for line in self.counts for value in line):
            raise ValueError(f"{self.key}: a count is negative")

    def row_total(self, row: int) -> int:
        """The total of one row."""
        return sum(self.counts[row])

    def column_total(self, column: int) -> int:
        """The total of one column."""
        return sum(line[column] for line in self.counts)

    @property
    def grand_total(self) -> int:
        """The total of every cell."""
        return sum(sum(line) for line in self.counts)


@dataclass(frozen=True)
class Rate:
    """A share of a counted group: both counts are stored, the percentage is only ever computed.

    Attributes:
        key: a stable identifier (``housing_retention``).
        title: the indicator's French name ("Maintien dans le logement").
        unit: what both counts count.
        numerator: how many of the group meet the definition.
        denominator: how many the group holds.
        as_of: the snapshot date (*état au*).
        definition: the group, as printed in brackets ("personnes ayant obtenu un logement").
        numerator_definition: who is counted above the line, in a sentence.
        cohort: which entries the group is drawn from ("entrées du 01/01/2024 au 31/12/2026").
        table_key: the table of the same unit whose grand total is the denominator and whose ``numerator_rows``
            add up to the numerator: the rate is then hidden with those cells ("" : a rate of its own, protected
            as a group of two — those counted and the others).
        numerator_rows: the rows of that table counted above the line.
        column: when set, the rate reads that column of the table only: the numerator rows' cells in it, over the
            column's total.
    """

    key: str
    title: str
    unit: Unit
    numerator: int
    denominator: int
    as_of: date
    definition: str
    numerator_definition: str
    cohort: str
    table_key: str = ""
    numerator_rows: tuple[str, ...] = ()
    column: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.numerator <= self.denominator:
            raise ValueError(f"{self.key}: a rate needs 0 <= numerator <= denominator")


@dataclass(frozen=True)
class Statistic:
    """A median or a mean (days, attempts), published only when enough households contribute.

    Attributes:
        key: a stable identifier (``first_contact_median_days``).
        title: its French name ("Délai médian entre le début et le premier contact").
        value: the figure (None when nobody contributes).
        unit_label: what the value is in ("jours", "tentatives").
        contributors: how many households (or persons) it is computed from.
        basis: the cohort or period, in words.
        definition: how it is computed.
        group: the published count of the households it is computed from, when the statistic is one of a series
            over a table's rows (the days spent at each intensity level: one per row of the households by level);
            None: :data:`caseworker.exports.protection.STATISTIC_GROUPS` names it by key, or there is none. The
            statistic is withheld whenever that figure is hidden.
    """

    key: str
    title: str
    value: Decimal | None
    unit_label: str
    contributors: int
    basis: str
    definition: str
    group: Figure | None = None


@dataclass(frozen=True)
class CostAssumption:
    """One line of the avoided-cost worksheet as the team lead wrote it (docs/domain.md §13.7).

    Attributes:
        label: what is avoided ("Nuitées d'hôtel").
        unit_cost_cents: what one costs, in cents.
        source: the export's figure the quantity is read from (a key of
            :data:`caseworker.exports.costs.QUANTITY_SOURCES`), or "" for ``quantity`` as typed.
        quantity: the number typed when ``source`` is "".
        assumption: where the cost and the quantity come from, printed beside the total.
    """

    label: str
    unit_cost_cents: int
    source: str
    quantity: int | None
    assumption: str


@dataclass(frozen=True)
class ExportParameters:
    """What was asked: which funder's profile, which measures, which period, on which day.

    ``funder_code`` names the funder whose share the profile reports ("" : every household-day counts whole);
    ``annual_budget_cents`` its yearly budget for these measures (None: no cost per household-year);
    ``avoided_costs`` the profile's avoided-cost worksheet (empty: none).
    """

    profile_code: str
    profile_label: str
    measures: tuple[str, ...]
    period_start: date
    period_end: date
    as_of: date
    threshold: int = 5
    funder_code: str = ""
    funder_label: str = ""
    annual_budget_cents: int | None = None
    avoided_costs: tuple[CostAssumption, ...] = ()


@dataclass(frozen=True)
class CostLine:
    """One line of the avoided-cost worksheet with its quantity computed (true figures, before protection).

    ``figures`` are the published counts the quantity is the sum of (the line is hidden when one of them is); a
    quantity typed by the team lead has none. ``statistic`` names the statistic it is read from instead, if any.
    """

    assumption: CostAssumption
    quantity: Decimal
    quantity_label: str
    unit: Unit | None = None
    figures: tuple[Figure, ...] = ()
    statistic: str = ""

    @property
    def total_cents(self) -> int:
        """The unit cost times the quantity, rounded half up to the cent."""
        exact = Decimal(self.assumption.unit_cost_cents) * self.quantity
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Report:
    """Every figure computed for an export, with the true counts (never written out as is)."""

    parameters: ExportParameters
    tables: tuple[CountTable, ...]
    rates: tuple[Rate, ...]
    statistics: tuple[Statistic, ...]
    warnings: tuple[str, ...] = ()
    cost_lines: tuple[CostLine, ...] = ()


@dataclass(frozen=True)
class Cell:
    """One published count: its value, or None when hidden (printed "s")."""

    value: int | None
    status: CellStatus = CellStatus.SHOWN

    @property
    def text(self) -> str:
        """The value as printed: digits, or "s"."""
        return SECRET if self.value is None else str(self.value)


@dataclass(frozen=True)
class ProtectedTable:
    """A count table as it may be published: every cell and total shown or hidden.

    ``row_totals``, ``column_totals`` and ``grand_total`` are empty / None when the table publishes no totals.
    """

    source: CountTable
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    grand_total: Cell | None


@dataclass(frozen=True)
class ProtectedRate:
    """A rate as it may be published: hidden when its numerator or denominator is."""

    source: Rate
    numerator: Cell
    denominator: Cell

    @property
    def hidden(self) -> bool:
        """Whether either count is hidden (the rate then is too)."""
        return self.numerator.value is None or self.denominator.value is None

    def text(self, *, percent_from: int = 10) -> str:
        """Render "23/28 = 82 % au 31/12/2026 (personnes ayant obtenu un logement)"; "s" when hidden.

        Below ``percent_from`` in the denominator the percentage is left out ("3/8 au …"): on so few, a
        percentage says more than it knows (docs/domain.md §13).
        """
        rate = self.source
        where = f"au {format_date(rate.as_of)} ({rate.definition})"
        if self.hidden:
            return f"{SECRET} {where}"
        assert self.numerator.value is not None and self.denominator.value is not None
        if self.denominator.value == 0:
            return f"sans objet {where} : aucun"
        counts = f"{self.numerator.value}/{self.denominator.value}"
        if self.denominator.value < percent_from:
            return f"{counts} {where}"
        return f"{counts} = {percent(self.numerator.value, self.denominator.value)} % {where}"


@dataclass(frozen=True)
class ProtectedStatistic:
    """A statistic as it may be published: its value, or None when too few contribute."""

    source: Statistic
    value: Decimal | None

    @property
    def hidden(self) -> bool:
        """Whether the value is withheld (too few contributors, or none)."""
        return self.value is None


@dataclass(frozen=True)
class ProtectedCostLine:
    """A line of the avoided-cost worksheet as it may be published: hidden with the figures it is read from."""

    source: CostLine
    quantity: Decimal | None
    total_cents: int | None

    @property
    def hidden(self) -> bool:
        """Whether the quantity (and so the total) is withheld."""
        return self.quantity is None


@dataclass(frozen=True)
class ProtectedReport:
    """What may leave the application: the protected figures, the parameters, and how many cells were hidden.

    ``cost_total_cents`` is the worksheet's total, None when a line of it is hidden (the others would give it away)
    or when there is no worksheet.
    """

    parameters: ExportParameters
    tables: tuple[ProtectedTable, ...]
    rates: tuple[ProtectedRate, ...]
    statistics: tuple[ProtectedStatistic, ...]
    primary_hidden: int
    secondary_hidden: int
    warnings: tuple[str, ...] = ()
    cost_lines: tuple[ProtectedCostLine, ...] = ()
    cost_total_cents: int | None = None


def percent(numerator: int, denominator: int) -> int:
    """The whole percentage, rounded half up from the exact fraction: 23/28 → 82 (82.14…), 1/8 → 13 (12.5)."""
    if denominator <= 0:
        raise ValueError("a percentage needs a positive denominator")
    exact = Decimal(numerator * 100) / Decimal(denominator)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
