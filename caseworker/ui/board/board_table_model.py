"""One panel of the board as a table: who, what, when, and the words (overdue in words, the row tinted too)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from caseworker.formats import format_date, format_number
from caseworker.services.board import BoardRow, PanelKind
from caseworker.ui.common.record_table_model import Column, RecordTableModel

translate = QCoreApplication.translate
OVERDUE_BACKGROUND = QColor("#fde7e4")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _household_columns() -> list[Column[BoardRow]]:
    return [
        Column(translate("BoardTableModel", "Household"), lambda r: r.who, tooltip=lambda r: r.reference),
        Column(
            translate("BoardTableModel", "When"),
            lambda r: format_date(r.when),
            sort_key=lambda r: r.when or date.min,
        ),
        # Two lines, what then the words (overdue said there): a panel half a laptop screen wide shows both.
        Column(
            translate("BoardTableModel", "What"),
            lambda r: f"{r.what}\n{r.words}",
            tooltip=lambda r: f"{r.what}\n{r.words}",
        ),
    ]


def _caseload_columns() -> list[Column[BoardRow]]:
    return [
        Column(translate("BoardTableModel", "Professional"), lambda r: r.who),
        Column(
            translate("BoardTableModel", "Households"),
            lambda r: str(r.households or 0),
            sort_key=lambda r: r.households or 0,
            alignment=_RIGHT,
        ),
        Column(
            translate("BoardTableModel", "Weighted load"),
            lambda r: format_number(r.weighted_load or 0, "0.0"),
            sort_key=lambda r: r.weighted_load or 0,
            alignment=_RIGHT,
        ),
        Column(
            translate("BoardTableModel", "Target"),
            lambda r: "" if r.target is None else format_number(r.target, "0.0"),
            sort_key=lambda r: r.target if r.target is not None else -1,
            alignment=_RIGHT,
        ),
        Column(translate("BoardTableModel", "Details"), lambda r: r.words, tooltip=lambda r: r.words),
    ]


class BoardTableModel(RecordTableModel[BoardRow]):
    """The rows of one panel; caseloads have their own columns. Overdue rows are tinted (their words say so)."""

    LINES = 2
    """Lines of a household's row: what, then the words."""

    def __init__(self, kind: PanelKind, parent: Any = None) -> None:
        super().__init__(_caseload_columns() if kind is PanelKind.CASELOADS else _household_columns(), parent)
        self.kind = kind
        self.lines = 1 if kind is PanelKind.CASELOADS else self.LINES

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Tint the overdue rows (the text says it too, for people who do not see colours)."""
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            return QBrush(OVERDUE_BACKGROUND) if self.record(index.row()).overdue else None
        return super().data(index, role)
