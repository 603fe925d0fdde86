"""The household list as a Qt model that reads one page at a time (Qt's ``canFetchMore``/``fetchMore``).

The view asks for more rows as the person scrolls near the end; a search or a new order starts again from the
first page. The database searches and sorts (``HouseholdService.list_page``), so start-up and a keystroke read one
page and two counts whatever the number of households (100,000 in a federation of associations).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from caseworker.services.households import (
    COUNT_LIMIT,
    PAGE_SIZE,
    HouseholdService,
    HouseholdSummary,
    ListOrder,
    PageKey,
)
from caseworker.services.search_text import tokens
from caseworker.ui.common.record_table_model import RecordTableModel
from caseworker.ui.households.household_table_model import HouseholdTableModel, household_columns, member_note

_Index = QModelIndex | QPersistentModelIndex

# The list's columns, as the service orders them.
_ORDERS = {
    HouseholdTableModel.COLUMN_REFERENCE: "number",
    HouseholdTableModel.COLUMN_NAME: "name",
    HouseholdTableModel.COLUMN_COMPOSITION: "composition",
    HouseholdTableModel.COLUMN_MEMBERS: "members",
    HouseholdTableModel.COLUMN_HOUSING: "housing",
    HouseholdTableModel.COLUMN_CITY: "city",
    HouseholdTableModel.COLUMN_SINCE: "since",
}


class HouseholdListTableModel(RecordTableModel[HouseholdSummary]):
    """Pages of :class:`HouseholdSummary` matching :meth:`set_search`, in the order of :meth:`sort`.

    ``matched_count`` is how many households the search finds (all of them without one), ``total_count`` how many
    the list holds; ``rowCount`` is how many are read so far.
    """

    COLUMN_REFERENCE = HouseholdTableModel.COLUMN_REFERENCE
    COLUMN_NAME = HouseholdTableModel.COLUMN_NAME
    COLUMN_COMPOSITION = HouseholdTableModel.COLUMN_COMPOSITION
    COLUMN_MEMBERS = HouseholdTableModel.COLUMN_MEMBERS
    COLUMN_HOUSING = HouseholdTableModel.COLUMN_HOUSING
    COLUMN_CITY = HouseholdTableModel.COLUMN_CITY
    COLUMN_SINCE = HouseholdTableModel.COLUMN_SINCE

    def __init__(self, households: HouseholdService, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(household_columns(lambda h: member_note(h, self._words), lambda h: h.id), parent)
        self._households = households
        self._page_size = page_size
        self._text = ""
        self._words: list[str] = []
        self._order = ListOrder()
        self._next: PageKey | None = None
        self._matched = 0
        self._total = 0
        self._loaded = False  # nothing is read before the first reload (the view sorts on construction)
        self._fetching = False  # a next page is being read
        self._reading = 0  # how many times the list was read from its first page

    # Qt interface ------------------------------------------------------------------------------------------

    def canFetchMore(self, parent: _Index) -> bool:
        """True while the search (or the whole list) has rows not read yet (and none is being read)."""
        return not parent.isValid() and self._next is not None and not self._fetching

    def fetchMore(self, parent: _Index) -> None:
        """Read the next page and append it.

        In team mode the window keeps running while the server answers (``ui/common/server_calls``): the view may
        ask again meanwhile (not read twice), and the list may be read anew (the page, then late, is dropped).
        """
        if parent.isValid() or self._next is None or self._fetching:
            return
        reading = self._reading
        self._fetching = True
        try:
            page = self._households.list_page(self._text, order=self._order, start=self._next, limit=self._page_size)
        finally:
            self._fetching = False
        if reading != self._reading:
            return
        self._next = page.next_key
        if page.rows:
            first = len(self._records)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._records.extend(page.rows)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the database for the list in this order, from its first page."""
        if column not in _ORDERS:
            return
        self._order = ListOrder(_ORDERS[column], order == Qt.SortOrder.DescendingOrder)
        if self._loaded:
            self._load_first_page(count=False)

    # reading -----------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the first page again, and the counts (at start and after bulk changes)."""
        self._loaded = True
        self._total = self._households.count()
        self._load_first_page(count=True)

    def set_search(self, text: str) -> None:
        """Show the households whose names contain every typed word, from the first page."""
        self._text = text
        self._words = tokens(text)
        if self._loaded:
            self._load_first_page(count=True)

    def refresh(self) -> None:
        """Read again as many rows as are shown (after a household was created or edited), and the counts.

        The edited household may have moved (a new name) or entered the search: the rows are read again in order.
        """
        self._loaded = True
        self._total = self._households.count()
        self._load_first_page(count=True, at_least=len(self._records))

    def _load_first_page(self, *, count: bool, at_least: int = 0) -> None:
        self._reading += 1
        limit = max(self._page_size, at_least)
        if count and self._words:  # the page and how many match, in one call (one wait for the server)
            page = self._households.list_page(self._text, order=self._order, limit=limit, count_at_most=COUNT_LIMIT)
            self._matched = page.matched if page.matched is not None else len(page.rows)
        else:
            page = self._households.list_page(self._text, order=self._order, limit=limit)
            if count:
                self._matched = len(page.rows) if page.next_key is None else self._total
        self._next = page.next_key
        self.set_records(page.rows)

    def matched_count(self) -> int:
        """Return how many households the current search finds (every household without a search).

        A search counts up to ``COUNT_LIMIT + 1`` only (:meth:`matched_beyond_limit`).
        """
        return self._matched

    def matched_beyond_limit(self) -> bool:
        """True when the search finds more than ``COUNT_LIMIT`` households (and counting stopped there)."""
        return bool(self._words) and self._matched > COUNT_LIMIT

    def total_count(self) -> int:
        """Return how many households the list holds."""
        return self._total

    def row_of(self, household_id: int) -> int:
        """Return the row showing ``household_id`` among the rows read, or -1."""
        return next((row for row, item in enumerate(self._records) if item.id == household_id), -1)
