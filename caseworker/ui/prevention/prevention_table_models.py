"""Table models of the "Dettes et procédure" tab: debts, the months of a repayment plan, the procedure's stages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from caseworker.formats import format_amount, format_date
from caseworker.services.prevention import DebtView, MonthView, StageStep
from caseworker.ui.common.record_table_model import Column, RecordTableModel

translate = QCoreApplication.translate
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter
FADED = QColor("#6b6b6b")
REGULAR_COLOUR = QColor("#1b6e20")
MISSED_COLOUR = QColor("#b3261e")


def _debt_status(debt: DebtView) -> str:
    if debt.settled_on is not None:
        return translate("PreventionTables", "Settled on {date}").format(date=format_date(debt.settled_on))
    if debt.running_plan is not None:
        return translate("PreventionTables", "Repayment plan running")
    return translate("PreventionTables", "No plan")


def _kind(debt: DebtView) -> str:
    return translate("PreventionTables", "Rent") if debt.is_rent else translate("PreventionTables", "Other")


class DebtsTableModel(RecordTableModel[DebtView]):
    """The household's debts: outstanding ones first."""

    COLUMN_BALANCE = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column[DebtView](
                    translate("PreventionTables", "Creditor"), lambda d: d.creditor_label, tooltip=lambda d: d.note
                ),
                Column[DebtView](translate("PreventionTables", "Kind"), _kind),
                Column[DebtView](
                    translate("PreventionTables", "Amount"),
                    lambda d: format_amount(d.amount),
                    sort_key=lambda d: d.amount,
                    alignment=RIGHT,
                ),
                Column[DebtView](
                    translate("PreventionTables", "As of"), lambda d: format_date(d.as_of), sort_key=lambda d: d.as_of
                ),
                Column[DebtView](
                    translate("PreventionTables", "Left to pay"),
                    lambda d: format_amount(d.balance),
                    sort_key=lambda d: d.balance,
                    alignment=RIGHT,
                    tooltip=lambda d: translate(
                        "PreventionTables", "Amount minus what the plan's payments brought beyond the rent"
                    ),
                ),
                Column[DebtView](translate("PreventionTables", "Status"), _debt_status),
            ],
            parent,
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Fade settled debts."""
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < self.rowCount():
            return QBrush(FADED) if self.record(index.row()).is_settled else None
        return super().data(index, role)


def _regular_mark(month: MonthView) -> str:
    if month.regular:
        return "✓"
    if month.complete:
        return "✗"
    return translate("PreventionTables", "in progress") if month.started else ""


class PlanMonthsTableModel(RecordTableModel[MonthView]):
    """The months of a repayment plan: due, paid, paid by the month's last day, regular."""

    COLUMN_REGULAR = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column[MonthView](
                    translate("PreventionTables", "Month"), lambda m: m.label, sort_key=lambda m: m.month
                ),
                Column[MonthView](
                    translate("PreventionTables", "Due"),
                    lambda m: format_amount(m.due),
                    sort_key=lambda m: m.due,
                    alignment=RIGHT,
                    tooltip=lambda m: translate(
                        "PreventionTables", "Rent left to pay after housing benefit + instalment"
                    ),
                ),
                Column[MonthView](
                    translate("PreventionTables", "Paid"),
                    lambda m: format_amount(m.paid) if m.paid else "",
                    sort_key=lambda m: m.paid,
                    alignment=RIGHT,
                ),
                Column[MonthView](
                    translate("PreventionTables", "On time"),
                    lambda m: format_amount(m.paid_on_time) if m.paid else "",
                    sort_key=lambda m: m.paid_on_time,
                    alignment=RIGHT,
                    tooltip=lambda m: translate("PreventionTables", "Paid by the last day of the month"),
                ),
                Column[MonthView](
                    translate("PreventionTables", "Regular"),
                    _regular_mark,
                    sort_key=lambda m: (m.complete, m.regular),
                    alignment=CENTRE,
                ),
            ],
            parent,
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Colour the regular mark; fade the months still to come."""
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < self.rowCount():
            month = self.record(index.row())
            if index.column() == self.COLUMN_REGULAR and (month.regular or month.complete):
                return QBrush(REGULAR_COLOUR if month.regular else MISSED_COLOUR)
            return None if month.complete else QBrush(FADED)
        return super().data(index, role)


class ProcedureStagesTableModel(RecordTableModel[StageStep]):
    """Every stage of the procedure in the legal order; reached ones dated, the current one in bold."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column[StageStep](translate("PreventionTables", "Stage"), lambda s: s.label, tooltip=lambda s: s.label),
                Column[StageStep](
                    translate("PreventionTables", "Reached on"),
                    lambda s: format_date(s.reached_on) if s.reached_on else "—",
                ),
                Column[StageStep](
                    translate("PreventionTables", "Winter truce"),
                    lambda s: s.truce_notice,
                    tooltip=lambda s: s.truce_notice,
                ),
            ],
            parent,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Keep the legal order: the stages are a timeline, not a list to sort."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Bold for the current stage, faded for the stages not reached."""
        if not index.isValid() or index.row() >= self.rowCount():
            return None
        step = self.record(index.row())
        if role == Qt.ItemDataRole.FontRole and step.is_current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not step.is_reached:
            return QBrush(FADED)
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 and step.is_current:
            return "▶ " + step.label
        return super().data(index, role)
