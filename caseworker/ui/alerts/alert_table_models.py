"""Table models of the alerts UI: the inbox (overdue rows tinted, and said in words) and an alert's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from caseworker.domain.alerts import DIRECTION_LABELS
from caseworker.formats import format_date, format_datetime
from caseworker.services.alerts import AlertRow, AlertView
from caseworker.ui.common.record_table_model import Column, RecordTableModel

translate = QCoreApplication.translate
OVERDUE_BACKGROUND = QColor("#fbe3e1")


def _deadline(row: AlertRow) -> str:
    if row.overdue:
        return row.overdue_label
    if row.status.value == "nouveau":
        return translate("AlertTableModel", "acknowledge by {date}").format(date=format_date(row.acknowledge_due_on))
    if row.status.value == "pris_en_compte":
        return translate("AlertTableModel", "first action by {date}").format(date=format_date(row.action_due_on))
    return ""


class AlertTableModel(RecordTableModel[AlertRow]):
    """The inbox: newest first, overdue on top."""

    def __init__(self, parent: Any = None, *, with_household: bool = True) -> None:
        household = Column[AlertRow](translate("AlertTableModel", "Household"), lambda r: r.household_name)
        referent = Column[AlertRow](
            translate("AlertTableModel", "Referent"),
            lambda r: r.referent_name,
            tooltip=lambda r: translate("AlertTableModel", "The household's coordinating referent"),
        )
        columns = [
            Column[AlertRow](
                translate("AlertTableModel", "Received"),
                lambda r: format_datetime(r.received_at),
                lambda r: r.received_at,
            ),
            Column[AlertRow](translate("AlertTableModel", "Type"), lambda r: r.type_label),
            Column[AlertRow](translate("AlertTableModel", "Status"), lambda r: r.status_label),
            Column[AlertRow](
                translate("AlertTableModel", "Deadline"),
                _deadline,
                lambda r: (not r.overdue, r.acknowledge_due_on),
            ),
            household,
            referent,
            Column[AlertRow](translate("AlertTableModel", "Landlord"), lambda r: r.landlord_name),
            Column[AlertRow](
                translate("AlertTableModel", "Direction"), lambda r: DIRECTION_LABELS.get(r.direction, "")
            ),
            Column[AlertRow](translate("AlertTableModel", "Reference"), lambda r: r.reference),
        ]
        if not with_household:  # one household's tab: the same household and referent on every row
            columns.remove(household)
            columns.remove(referent)
        super().__init__(columns, parent)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Tint the overdue rows (the Deadline column says which deadline passed, for who does not see colours)."""
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            return QBrush(OVERDUE_BACKGROUND) if self.record(index.row()).overdue else None
        return super().data(index, role)


@dataclass(frozen=True)
class HistoryLine:
    """One line of an alert's history: a change of status or an action."""

    at: datetime
    what: str
    by: str
    note: str
    seq: int = 0  # the order of recording within a minute


def history_lines(alert: AlertView) -> list[HistoryLine]:
    """Return the steps and the actions of an alert in the order the core gives (time, then as recorded)."""
    lines = []
    for entry in alert.history:
        if entry.step is not None:
            step = entry.step
            level = f" ({step.escalation_level} — {step.escalation_target})" if step.escalation_level else ""
            lines.append(HistoryLine(entry.at, step.label + level, step.staff_name, step.note, entry.seq))
        elif entry.action is not None:
            action = entry.action
            mediation = action.mediation.summary if action.mediation else ""
            lines.append(
                HistoryLine(
                    entry.at,
                    translate("AlertHistory", "Action: {kind}").format(kind=action.kind_label),
                    action.staff_name,
                    " · ".join(part for part in (action.note, mediation) if part),
                    entry.seq,
                )
            )
    return lines


class AlertHistoryTableModel(RecordTableModel[HistoryLine]):
    """Steps and actions of one alert."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column[HistoryLine](
                    translate("AlertHistory", "When"), lambda h: format_datetime(h.at), lambda h: (h.at, h.seq)
                ),
                Column[HistoryLine](translate("AlertHistory", "What"), lambda h: h.what),
                Column[HistoryLine](translate("AlertHistory", "By"), lambda h: h.by),
                Column[HistoryLine](translate("AlertHistory", "Note"), lambda h: h.note),
            ],
            parent,
        )
