"""The avoided-cost worksheet of a funder's profile: what is avoided, at what unit cost, how many, on what assumption.

Edited here, saved with the profile (docs/domain.md §13.7). Each line's quantity is typed, or read from a figure of
the export (chosen in a list): the export then multiplies, totals, and prints the assumptions beside the figures.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from caseworker.formats import FormatError, parse_amount
from caseworker.services.exports import Choice
from caseworker.services.exports.profiles import MAX_COST_LINES, AvoidedCostInput
from caseworker.ui.common.fitted_dialog import FittedDialog
from caseworker.ui.common.form_dialog import amount_as_typed

_LABEL, _COST, _SOURCE, _QUANTITY, _ASSUMPTION = range(5)


class CostSheetDialog(FittedDialog):
    """Edits the lines of a worksheet; ``lines`` holds them once accepted (checked again by the profile's save).

    Attributes:
        lines: the lines as typed, once OK was pressed.
    """

    def __init__(
        self, lines: tuple[AvoidedCostInput, ...], sources: list[Choice], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Avoided costs"))
        self.setMinimumWidth(760)  # usable at 1024×768
        self.lines = lines
        self._sources = sources
        intro = QLabel(
            self.tr(
                "Each line multiplies a unit cost by a quantity, typed or read from the export's figures; the "
                "assumption is printed beside the total. A line read from a figure hidden by statistical secrecy "
                "is hidden with it."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("costLines")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Avoided"),
                self.tr("Unit cost (€)"),
                self.tr("Quantity from"),
                self.tr("Quantity"),
                self.tr("Assumption"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(_ASSUMPTION, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(_LABEL, 170)
        header.resizeSection(_SOURCE, 230)
        for line in lines:
            self._add(line)
        add = QPushButton(self.tr("&Add a line"))
        add.clicked.connect(self._add_empty)
        remove = QPushButton(self.tr("&Remove the line"))
        remove.clicked.connect(self._remove)
        self.error = QLabel()
        self.error.setObjectName("costError")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _add_empty(self) -> None:
        if self.table.rowCount() < MAX_COST_LINES:
            self._add(AvoidedCostInput("", Decimal(0)))
            self.table.setCurrentCell(self.table.rowCount() - 1, _LABEL)
            self.table.setFocus()

    def _add(self, line: AvoidedCostInput) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, _LABEL, QTableWidgetItem(line.label))
        self.table.setItem(row, _COST, QTableWidgetItem(amount_as_typed(line.unit_cost) if line.unit_cost else ""))
        source = QComboBox()
        source.addItem(self.tr("Typed"), "")
        for choice in self._sources:
            source.addItem(choice.label, choice.code)
        source.setCurrentIndex(max(0, source.findData(line.source)))
        self.table.setCellWidget(row, _SOURCE, source)
        quantity = "" if line.quantity is None else str(line.quantity)
        self.table.setItem(row, _QUANTITY, QTableWidgetItem(quantity))
        self.table.setItem(row, _ASSUMPTION, QTableWidgetItem(line.assumption))

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def typed(self) -> tuple[AvoidedCostInput, ...]:
        """The lines as typed (raises FormatError naming the line whose cost or quantity does not read)."""
        lines = []
        for row in range(self.table.rowCount()):
            label = self._text(row, _LABEL)
            if not label and not self._text(row, _COST) and not self._text(row, _ASSUMPTION):
                continue  # an empty line added and left: not a line
            try:
                cost = parse_amount(self._text(row, _COST), allow_zero=False)
            except FormatError as exc:
                raise FormatError(self.tr("Line {n}, unit cost: {problem}").format(n=row + 1, problem=exc)) from None
            widget = self.table.cellWidget(row, _SOURCE)
            source = str(widget.currentData()) if isinstance(widget, QComboBox) else ""
            quantity_text = self._text(row, _QUANTITY).replace(" ", "").replace("\u202f", "")
            quantity: int | None = None
            if not source:
                if not (quantity_text.isascii() and quantity_text.isdecimal() and len(quantity_text) <= 9):
                    raise FormatError(self.tr("Line {n}: type the quantity as a whole number.").format(n=row + 1))
                quantity = int(quantity_text)
            lines.append(AvoidedCostInput(label, cost, source, quantity, self._text(row, _ASSUMPTION)))
        return tuple(lines)

    def _accept(self) -> None:
        try:
            self.lines = self.typed()
        except FormatError as exc:
            self.error.setText(str(exc))
            return
        self.accept()
