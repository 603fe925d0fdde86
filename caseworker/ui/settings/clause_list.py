"""The working copy of a template's clauses: the list the editor shows, their labels, codes for new clauses.

Nothing here is written: the panel sends :meth:`ClauseListModel.clauses` to the service when the administrator
saves a new version.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from caseworker.services.contracts import ClauseInput, TemplateClauseView

translate = QCoreApplication.translate

_Index = QModelIndex | QPersistentModelIndex


def clause_label(title: str, required: bool) -> str:
    """Return how a clause is named in lists: its title, marked when it must be written before signing."""
    shown = " ".join(title.split()) or translate("ClauseListModel", "(no title)")
    return translate("ClauseListModel", "{title} (required)").format(title=shown) if required else shown


def clause_inputs(clauses: Sequence[TemplateClauseView]) -> tuple[ClauseInput, ...]:
    """Return a template's clauses as inputs (what the editor works on and sends back)."""
    return tuple(ClauseInput(c.code, c.title, c.body, c.required) for c in clauses)


class ClauseListModel(QAbstractListModel):
    """The working copy of a template's clauses, in order; nothing here is saved until a new version is."""

    CLAUSE_ROLE = Qt.ItemDataRole.UserRole + 1
    """Custom role returning the row's :class:`ClauseInput`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clauses: list[ClauseInput] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        """Return the number of clauses (flat list)."""
        return 0 if parent.isValid() else len(self._clauses)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return the clause's label, its internal code as a tooltip, or the clause itself."""
        if not index.isValid() or index.row() >= len(self._clauses):
            return None
        clause = self._clauses[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return clause_label(clause.title, clause.required)
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("ClauseListModel", "Internal code: {code}").format(code=clause.code)
        if role == self.CLAUSE_ROLE:
            return clause
        return None

    def set_clauses(self, clauses: Sequence[ClauseInput]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._clauses = list(clauses)
        self.endResetModel()

    def clauses(self) -> tuple[ClauseInput, ...]:
        """Return the clauses in their order."""
        return tuple(self._clauses)

    def clause(self, row: int) -> ClauseInput:
        """Return the clause on ``row``."""
        return self._clauses[row]

    def replace_clause(self, row: int, clause: ClauseInput) -> None:
        """Put ``clause`` on ``row`` (the editor's changes)."""
        if self._clauses[row] == clause:
            return
        self._clauses[row] = clause
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def insert_clause(self, row: int, clause: ClauseInput) -> None:
        """Insert ``clause`` so that it shows on ``row``."""
        self.beginInsertRows(QModelIndex(), row, row)
        self._clauses.insert(row, clause)
        self.endInsertRows()

    def remove_clause(self, row: int) -> None:
        """Remove the clause on ``row``."""
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._clauses[row]
        self.endRemoveRows()

    def move_clause(self, row: int, delta: int) -> int:
        """Move the clause on ``row`` by ``delta`` (-1 up, +1 down); return its new row."""
        target = row + delta
        if not (0 <= row < len(self._clauses) and 0 <= target < len(self._clauses)) or delta == 0:
            return row
        # Qt's destination is the row *before which* the moved row lands, counted before the move.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + 1 if delta > 0 else target)
        self._clauses.insert(target, self._clauses.pop(row))
        self.endMoveRows()
        return target
