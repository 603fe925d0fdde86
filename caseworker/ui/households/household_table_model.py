"""A short list of households as a Qt model, filtered in memory as the person types (the chooser's).

The household list itself reads pages from the database: :mod:`.household_list_model`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from caseworker.formats import format_date
from caseworker.services.households import HouseholdSummary
from caseworker.services.search_text import matches, tokens
from caseworker.ui.common.record_table_model import Column, RecordTableModel

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


translate = QCoreApplication.translate


def household_columns(
    name: Callable[[HouseholdSummary], str], name_key: Callable[[HouseholdSummary], Any]
) -> list[Column[HouseholdSummary]]:
    """The columns of a household list (the constants ``COLUMN_…`` below number them)."""
    return [
        Column(translate("HouseholdTableModel", "Number"), lambda h: h.reference, sort_key=lambda h: h.id),
        Column(translate("HouseholdTableModel", "Household"), name, sort_key=name_key),
        Column(translate("HouseholdTableModel", "Composition"), lambda h: h.composition_label),
        Column(
            translate("HouseholdTableModel", "People"),
            lambda h: str(h.member_count),
            sort_key=lambda h: h.member_count,
            alignment=_RIGHT,
        ),
        Column(translate("HouseholdTableModel", "Housing"), lambda h: h.housing_label),
        Column(translate("HouseholdTableModel", "Town"), lambda h: h.city),
        Column(
            translate("HouseholdTableModel", "Since"),
            lambda h: format_date(h.housing_since),
            sort_key=lambda h: (h.housing_since is None, h.housing_since),
        ),
    ]


def member_note(household: HouseholdSummary, query: list[str]) -> str:
    """The household's name, and the member a search found when another member's name matched."""
    member = household.matched_member(query) if query else None
    if member is None:
        return household.display_name
    if member.is_current:
        note = translate("HouseholdTableModel", "{household} — member: {member}")
    else:
        note = translate("HouseholdTableModel", "{household} — former member: {member}")
    return note.format(household=household.display_name, member=member.display_name)


class HouseholdTableModel(RecordTableModel[HouseholdSummary]):
    """Rows of :class:`HouseholdSummary`, filtered by :meth:`set_search` (accents and case ignored).

    Filtering does not go through a ``QSortFilterProxyModel``: a Python ``filterAcceptsRow`` called per row and per
    keystroke costs more than filtering the list once (see ARCHITECTURE.md).
    """

    COLUMN_REFERENCE = 0
    COLUMN_NAME = 1
    COLUMN_COMPOSITION = 2
    COLUMN_MEMBERS = 3
    COLUMN_HOUSING = 4
    COLUMN_CITY = 5
    COLUMN_SINCE = 6

    def __init__(self, parent: Any = None) -> None:
        super().__init__(household_columns(self._name, lambda h: self._collator.sortKey(h.display_name)), parent)
        self._all: list[HouseholdSummary] = []
        self._query: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def _name(self, household: HouseholdSummary) -> str:
        return member_note(household, self._query)

    def set_households(self, households: list[HouseholdSummary]) -> None:
        """Load every household (then apply the current search and sort)."""
        self._all = list(households)
        if self._sort is not None:
            self._sort_all(*self._sort)
        self._apply(self._all)

    def set_search(self, text: str) -> None:
        """Keep the households whose names contain every typed word."""
        query = tokens(text)
        narrowing = (
            bool(self._query)
            and len(query) >= len(self._query)
            and all(old in new for old, new in zip(self._query, query, strict=False))
        )
        self._query = query
        source = self.records() if narrowing else self._all
        self._apply(source)

    def _apply(self, source: list[HouseholdSummary]) -> None:
        query = self._query
        self.set_records([item for item in source if matches(item.search_key, query)] if query else source)

    def households(self) -> list[HouseholdSummary]:
        """Return every household loaded (before filtering), in the list's order."""
        return list(self._all)

    def total_count(self) -> int:
        """Return the number of households loaded (before filtering)."""
        return len(self._all)

    def upsert(self, household: HouseholdSummary) -> None:
        """Insert or replace one household after it was created or edited."""
        self._all = [item for item in self._all if item.id != household.id] + [household]
        if self._sort is not None:
            self._sort_all(*self._sort)
        self._apply(self._all)

    def row_of(self, household_id: int) -> int:
        """Return the row showing ``household_id``, or -1."""
        return next((row for row, item in enumerate(self.records()) if item.id == household_id), -1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort every household (not only the visible ones), so that clearing the search keeps the order."""
        self._sort = (column, order)
        self._sort_all(column, order)
        super().sort(column, order)

    def _sort_all(self, column: int, order: Qt.SortOrder) -> None:
        key = self._sort_key(self._columns[column])
        self._all.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
