"""The table of records every panel shows: read-only, one row selected at a time, keyboard-friendly.

One function so that every list in the application behaves alike (selection, header, row colours, sorting) and so
that the costly choices are made once: columns are measured on the visible rows and a hundred more, never on every
row of a 500-alert page.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

RESIZE_PRECISION = 100


def record_table(
    model: QAbstractItemModel, name: str, *, sortable: bool = False, fit_to_contents: bool = False
) -> QTableView:
    """Return a table of ``model``'s records named ``name`` (tests and style sheets find it by that name).

    Args:
        model: usually a :class:`~caseworker.ui.common.record_table_model.RecordTableModel`.
        name: the object name.
        sortable: clicking a header sorts the rows.
        fit_to_contents: the columns follow their contents and text does not wrap (short tables: stages,
            periods); otherwise the person sizes the columns and the last one takes the rest.
    """
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(sortable)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setResizeContentsPrecision(RESIZE_PRECISION)
    if fit_to_contents:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setWordWrap(False)
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table
