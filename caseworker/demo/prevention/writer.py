"""Where the prevention rows of a chunk wait, the ids they carry, and how they are written.

Rows are tuples already in the storage format, written by ``batch.write_tuples`` (as the contact log of
:mod:`caseworker.demo.support`), in an order that respects the foreign keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from caseworker.demo.batch import TableIds, write_tuples

_COLUMNS = {
    "alert": (
        "id", "alert_type_id", "direction", "household_id", "dwelling_id", "landlord_id", "partner_contact_id",
        "channel", "severity", "received_at", "description", "amount_cents", "status", "acknowledge_due_on",
        "action_due_on", "deadline_source", "acknowledged_at", "first_action_at", "closed_at", "outcome",
        "escalation_level", "escalation_target", "related_alert_id", "created_at", "created_by_id",
    ),
    "alert_step": (
        "id", "alert_id", "at", "staff_member_id", "from_status", "to_status", "note", "escalation_level",
        "escalation_target", "seq",
    ),
    "alert_action": ("id", "alert_id", "kind", "at", "note", "contact_id", "staff_member_id", "seq"),
    "alert_mediation": ("id", "action_id", "agreement", "follow_up_on"),
    "mediation_participant": (
        "id", "mediation_id", "party", "person_id", "partner_contact_id", "staff_member_id", "name", "sort_order",
    ),
    "debt": (
        "id", "household_id", "creditor_id", "creditor_name", "is_rent", "amount_cents", "as_of", "period_start",
        "period_end", "note", "settled_on", "created_at",
    ),
    "repayment_plan": (
        "id", "debt_id", "instalment_cents", "rent_due_cents", "start_month", "months", "agreed_on", "note",
        "ended_on", "end_reason", "created_at",
    ),
    "payment": ("id", "plan_id", "month", "amount_cents", "paid_on", "note", "created_at"),
    "legal_procedure": (
        "id", "household_id", "landlord_id", "dwelling_id", "opened_on", "outcome", "outcome_on", "note",
        "created_at",
    ),
    "procedure_stage": ("id", "procedure_id", "stage", "on", "note", "is_correction", "created_at", "created_by_id"),
    "procedure_suspension": (
        "id", "procedure_id", "ground", "start_date", "end_date", "stage_at_suspension", "note", "created_at",
    ),
}  # fmt: skip
# Insert order respects foreign keys.
TABLES = tuple(_COLUMNS)


@dataclass
class PreventionCounts:
    """Rows the prevention step wrote."""

    alerts: int = 0
    debts: int = 0
    procedures: int = 0

    def add(self, other: PreventionCounts) -> None:
        """Add ``other``'s counts to these."""
        self.alerts += other.alerts
        self.debts += other.debts
        self.procedures += other.procedures


class PreventionRows:
    """The queued rows of a chunk, by table, and the ids after the largest one stored in each table."""

    def __init__(self, session: Session) -> None:
        self._ids = TableIds(session, TABLES)
        self.rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}

    def next_id(self, table: str) -> int:
        """Return a fresh id for ``table``."""
        return self._ids.next(table)

    def write(self, session: Session) -> PreventionCounts:
        """Insert the queued rows inside the caller's transaction, empty the queues and return the counts."""
        counts = PreventionCounts(
            alerts=len(self.rows["alert"]),
            debts=len(self.rows["debt"]),
            procedures=len(self.rows["legal_procedure"]),
        )
        connection = session.connection()
        for name in TABLES:
            rows = self.rows[name]
            if rows:
                write_tuples(connection, name, _COLUMNS[name], rows)
                self.rows[name] = []
        return counts
