"""A read-only table model over a list of plain records (dataclasses returned by services).

Concrete models declare their columns once; each column knows its header, how to display a record, and how to
sort it. Sorting is done by the model itself with precomputed keys (fast for 10,000 rows; French collation for
text through :class:`QCollator`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCollator, QLocale, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
"""Custom role returning the row's record itself."""

_Index = QModelIndex | QPersistentModelIndex


def french_collator() -> QCollator:
    """Return a collator with French rules ("Çelik" before "Dupont", "élodie" next to "Elodie")."""
    collator = QCollator(QLocale(QLocale.Language.French, QLocale.Country.France))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    collator.setNumericMode(True)
    return collator


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: header, display text, optional sort key (defaults to the text, French collation)."""

    header: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None
    alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    tooltip: Callable[[T], str] | None = None


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Shows ``records`` with ``columns``; subclasses set the columns in their constructor."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._records: list[T] = []
        self._collator = french_collator()

    # Qt interface ------------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        """Return the number of records (flat table)."""
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Return the number of columns."""
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return display text, alignment, tooltip or the record itself."""
        if not index.isValid() or index.row() >= len(self._records):
            return None
        record = self._records[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.alignment)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        if role == RECORD_ROLE:
            return record
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return column headers."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort rows in place by ``column``."""
        if not 0 <= column < len(self._columns):
            return
        key = self._sort_key(self._columns[column])
        self.layoutAboutToBeChanged.emit()
        self._records.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    # records -----------------------------------------------------------------------------------------------

    def set_records(self, records: Sequence[T]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[T]:
        """Return the rows in display order."""
        return list(self._records)

    def record(self, row: int) -> T:
        """Return the record shown on ``row``."""
        return self._records[row]

    def _sort_key(self, column: Column[T]) -> Callable[[T], Any]:
        if column.sort_key is not None:
            return column.sort_key
        collator = self._collator
        return lambda record: collator.sortKey(column.text(record))
