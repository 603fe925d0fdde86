"""Building count tables in both units at once, and merging the small categories (docs/domain.md §13).

A :class:`TwinTables` counts each household event once in *ménages* and by its persons in *personnes*; the two
tables share their rows and columns, so that disclosure control hides the same cells in both. Categories whose
counts are small are merged into « Autres (regroupés) » rather than lost to the secret: cohorts of 10 to 30
households make most categories small.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from caseworker.exports.report import CountTable, Unit

SINGLE_COLUMN = ("Nombre",)
MERGED = "Autres (regroupés)"


@dataclass(frozen=True)
class TableText:
    """What a table says about itself: title, basis, definition and what its rows are."""

    key: str
    title: str
    basis: str
    definition: str
    row_heading: str


Counts = dict[tuple[str, str], int]


def merged_rows(
    rows: list[str], columns: Sequence[str], counts: Sequence[Counts], threshold: int, keep: Sequence[str] = ()
) -> list[str]:
    """Move the small rows' counts into « Autres (regroupés) »; return the rows left, the merged one last.

    A row is small when its total in the first of ``counts`` is from 1 to ``threshold`` − 1. Only when at least two
    rows are small (merging one row alone only renames it); rows of ``keep`` stay (a category a funder asks for by
    name). A row named « Autre » joins the merged one.
    """
    first = counts[0]
    small = [
        row
        for row in rows
        if row not in keep and 0 < sum(first.get((row, column), 0) for column in columns) < threshold
    ]
    if len(small) < 2:
        return rows
    if "Autre" in rows and "Autre" not in small:
        small.append("Autre")
    for row in small:
        for column in columns:
            for table in counts:
                value = table.pop((row, column), 0)
                if value:
                    table[(MERGED, column)] = table.get((MERGED, column), 0) + value
    return [row for row in rows if row not in small] + [MERGED]


class TwinTables:
    """Counts in *ménages* and *personnes* for the same rows and columns.

    ``rows`` fixes the order of known categories; a category added that is not among them is appended (in the
    order first seen). ``columns`` are fixed.
    """

    def __init__(
        self, text: TableText, rows: Sequence[str] = (), columns: Sequence[str] = SINGLE_COLUMN, *, totals: bool = True
    ) -> None:
        self.text = text
        self.rows: list[str] = list(rows)
        self.columns = tuple(columns)
        self.totals = totals
        self._households: dict[tuple[str, str], int] = {}
        self._persons: dict[tuple[str, str], int] = {}

    def add(self, row: str, persons: int, column: str | None = None) -> None:
        """Count one household (and its ``persons``) in ``row`` × ``column`` (the only column if None)."""
        column = column if column is not None else self.columns[0]
        if column not in self.columns:
            raise ValueError(f"{self.text.key}: unknown column {column!r}")
        if row not in self.rows:
            self.rows.append(row)
        key = (row, column)
        self._households[key] = self._households.get(key, 0) + 1
        self._persons[key] = self._persons.get(key, 0) + persons

    def merge_small(self, threshold: int, *, keep: Sequence[str] = ()) -> None:
        """Merge into « Autres (regroupés) » the rows whose household total is from 1 to ``threshold`` − 1.

        Only when at least two rows are small (merging one row alone only renames it); rows of ``keep`` stay
        (a category a funder asks for by name). A row named « Autre » joins the merged one.
        """
        self.rows = merged_rows(self.rows, self.columns, (self._households, self._persons), threshold, keep)

    def tables(self) -> tuple[CountTable, CountTable]:
        """The table in *ménages*, then in *personnes*."""
        return self._table(Unit.MENAGE, self._households), self._table(Unit.PERSONNE, self._persons)

    def _table(self, unit: Unit, counts: dict[tuple[str, str], int]) -> CountTable:
        return CountTable(
            key=self.text.key,
            title=self.text.title,
            unit=unit,
            basis=self.text.basis,
            definition=self.text.definition,
            row_heading=self.text.row_heading,
            rows=tuple(self.rows),
            columns=self.columns,
            counts=tuple(tuple(counts.get((row, column), 0) for column in self.columns) for row in self.rows),
            totals=self.totals,
        )


class EventTable:
    """Counts of events (contacts, alerts, offers, procedures, meetings) in their own unit."""

    def __init__(
        self,
        text: TableText,
        unit: Unit,
        rows: Sequence[str] = (),
        columns: Sequence[str] = SINGLE_COLUMN,
        *,
        totals: bool = True,
        about_people: bool = True,
    ) -> None:
        self.text = text
        self.unit = unit
        self.rows: list[str] = list(rows)
        self.columns = tuple(columns)
        self.totals = totals
        self.about_people = about_people
        self._counts: dict[tuple[str, str], int] = {}

    def add(self, row: str, count: int = 1, column: str | None = None) -> None:
        """Add ``count`` events in ``row`` × ``column`` (the only column if None)."""
        column = column if column is not None else self.columns[0]
        if column not in self.columns:
            raise ValueError(f"{self.text.key}: unknown column {column!r}")
        if row not in self.rows:
            self.rows.append(row)
        self._counts[(row, column)] = self._counts.get((row, column), 0) + count

    def merge_small(self, threshold: int) -> None:
        """Merge into « Autres (regroupés) » the rows from 1 to ``threshold`` − 1, when at least two are.

        As :meth:`TwinTables.merge_small` does for tables of households.
        """
        self.rows = merged_rows(self.rows, self.columns, (self._counts,), threshold)

    def table(self) -> CountTable:
        """The table."""
        return CountTable(
            key=self.text.key,
            title=self.text.title,
            unit=self.unit,
            basis=self.text.basis,
            definition=self.text.definition,
            row_heading=self.text.row_heading,
            rows=tuple(self.rows),
            columns=self.columns,
            counts=tuple(tuple(self._counts.get((row, column), 0) for column in self.columns) for row in self.rows),
            totals=self.totals,
            about_people=self.about_people,
        )
