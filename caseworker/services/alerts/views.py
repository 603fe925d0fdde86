"""An alert as plain values: :class:`AlertView` (the alert with its history) and the dialogs' picklists.

Overdue is computed on reading (docs/domain.md §4): the acknowledgement is late while the alert is still new after
its due date; the first action, while no action was recorded after its due date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import AlertChannel, AlertSeverity, AlertStatus
from caseworker.domain.alerts import ACTION_LABELS, CHANNEL_LABELS, DIRECTION_LABELS, SEVERITY_LABELS
from caseworker.formats import cents_to_amount
from caseworker.models import Alert, Dwelling, StaffMember
from caseworker.services.alerts.after_sales import AfterSales, after_sales_on
from caseworker.services.alerts.history import AlertActionView, AlertHistoryEntry, AlertStepView, merged_history
from caseworker.services.alerts.mediations import mediation_view
from caseworker.services.alerts.records import alert_reference, dwelling_address
from caseworker.services.alerts.states import OPEN, TRANSITIONS, status_labels
from caseworker.services.households import display_names_for
from caseworker.services.identity import staff_display_name
from caseworker.services.reference import Choice

S = AlertStatus


@dataclass(frozen=True)
class AlertView:
    """An alert with its history."""

    id: int
    row_version: int  # the version this view was read at; a change names it (services.row_versions)
    reference: str
    type_code: str
    type_label: str
    direction: str
    direction_label: str
    household_id: int
    household_name: str
    dwelling_label: str
    landlord_id: int
    landlord_name: str
    contact_id: int | None
    contact_name: str
    channel: AlertChannel
    channel_label: str
    severity: AlertSeverity
    severity_label: str
    received_at: datetime
    description: str
    amount: Decimal | None
    status: AlertStatus
    status_label: str
    acknowledge_due_on: date
    action_due_on: date
    deadline_source: str
    acknowledged_at: datetime | None
    first_action_at: datetime | None
    closed_at: datetime | None
    outcome: str
    escalation_level: str
    escalation_target: str
    related_alert_id: int | None
    steps: tuple[AlertStepView, ...]
    actions: tuple[AlertActionView, ...]
    documents: tuple[tuple[int, str], ...]
    acknowledge_overdue: bool
    action_overdue: bool
    allowed: frozenset[AlertStatus]
    after_sales: AfterSales | None = None  # the household was in after-care when it came (docs/domain.md §14.2)

    @property
    def is_open(self) -> bool:
        """Tell whether the alert still needs something."""
        return self.status in OPEN

    @property
    def history(self) -> tuple[AlertHistoryEntry, ...]:
        """Return the steps and actions in the order they happened (to the minute, then as recorded)."""
        return merged_history(self.steps, self.actions)

    @property
    def overdue(self) -> bool:
        """Tell whether a deadline has passed unmet."""
        return self.acknowledge_overdue or self.action_overdue


@dataclass(frozen=True)
class AlertChoices:
    """Picklists of the alert dialogs."""

    types: list[Choice]  # ``flag``: True for alerts to the landlord
    channels: list[Choice]
    severities: list[Choice]
    action_kinds: list[Choice]
    escalation_levels: list[Choice]


def alert_view(session: Session, alert: Alert, today: date) -> AlertView:
    """Return ``alert`` (loaded by :func:`.records.load_alert`) with its history, overdue on ``today``."""
    names = display_names_for(session, [alert.household_id])
    labels = status_labels(alert.direction)
    dwelling = session.get(Dwelling, alert.dwelling_id) if alert.dwelling_id else None
    contact = alert.partner_contact
    steps, actions = _history(session, alert, labels, today)
    day = alert.received_at.astimezone().date()
    return AlertView(
        id=alert.id,
        row_version=alert.row_version,
        reference=alert_reference(alert.id),
        type_code=alert.alert_type.code,
        type_label=alert.alert_type.label,
        direction=alert.direction,
        direction_label=DIRECTION_LABELS.get(alert.direction, alert.direction),
        household_id=alert.household_id,
        household_name=names.get(alert.household_id, ""),
        dwelling_label=dwelling_address(dwelling),
        landlord_id=alert.landlord_id,
        landlord_name=alert.landlord.name,
        contact_id=alert.partner_contact_id,
        contact_name=staff_display_name(contact.first_name, contact.last_name) if contact else "",
        channel=alert.channel,
        channel_label=CHANNEL_LABELS[alert.channel],
        severity=alert.severity,
        severity_label=SEVERITY_LABELS[alert.severity],
        received_at=alert.received_at,
        description=alert.description,
        amount=cents_to_amount(alert.amount_cents),
        status=alert.status,
        status_label=labels[alert.status],
        acknowledge_due_on=alert.acknowledge_due_on,
        action_due_on=alert.action_due_on,
        deadline_source=alert.deadline_source,
        acknowledged_at=alert.acknowledged_at,
        first_action_at=alert.first_action_at,
        closed_at=alert.closed_at,
        outcome=alert.outcome,
        escalation_level=alert.escalation_level,
        escalation_target=alert.escalation_target,
        related_alert_id=alert.related_alert_id,
        steps=steps,
        actions=actions,
        documents=tuple((document.id, document.filename) for document in alert.documents),
        acknowledge_overdue=alert.status is S.NOUVEAU and today > alert.acknowledge_due_on,
        action_overdue=alert.status in (S.NOUVEAU, S.PRIS_EN_COMPTE) and today > alert.action_due_on,
        allowed=TRANSITIONS[alert.status],
        after_sales=after_sales_on(session, [(alert.household_id, day)]).get((alert.household_id, day)),
    )


def _history(
    session: Session, alert: Alert, labels: Mapping[AlertStatus, str], today: date
) -> tuple[tuple[AlertStepView, ...], tuple[AlertActionView, ...]]:
    """Return the alert's steps and actions as views, each naming who recorded it."""
    staff = {
        member.id: staff_display_name(member.first_name, member.last_name)
        for member in session.scalars(
            select(StaffMember).where(
                StaffMember.id.in_(
                    {step.staff_member_id for step in alert.steps} | {a.staff_member_id for a in alert.actions}
                )
            )
        )
    }
    steps = tuple(
        AlertStepView(
            step.at,
            staff.get(step.staff_member_id or 0, "Système"),
            step.from_status,
            step.to_status,
            labels[step.to_status],
            step.note,
            step.escalation_level,
            step.escalation_target,
            step.seq,
        )
        for step in alert.steps
    )
    actions = tuple(
        AlertActionView(
            action.id,
            action.kind,
            ACTION_LABELS[action.kind],
            action.at,
            action.note,
            action.contact_id,
            staff.get(action.staff_member_id or 0, "Système"),
            mediation_view(action.mediation, today) if action.mediation is not None else None,
            action.seq,
        )
        for action in alert.actions
    )
    return steps, actions
