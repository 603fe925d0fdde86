"""The layout of a tab of the household file: a row of action buttons above what the tab shows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget


def lay_out_tab(tab: QWidget, buttons: Sequence[QPushButton], *widgets: QWidget) -> QWidget:
    """Lay ``buttons`` out in a row above ``widgets`` on ``tab`` (tables take the height left); return ``tab``."""
    layout = QVBoxLayout(tab)
    if buttons:
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QTableView) else 0)
    return tab
