"""An alert's history: its changes of status and its actions in one list, in the order they happened.

A change of status made "now" is dated by the clock, to the second; an action is dated by what the person typed,
to the minute. Compared as they are, an action typed "12:00" right after an acknowledgement recorded at 12:00:35
would come before it. The history therefore compares both at the same precision — the minute, as people type and
read them — and, within a minute, follows the order of recording: ``seq`` numbers the steps and actions of one
alert together (:func:`next_seq`), so the order is the same on every reading (docs/domain.md §3.3).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from caseworker.domain import AlertActionKind, AlertStatus
from caseworker.models import Alert
from caseworker.services.alerts.mediations import MediationView


@dataclass(frozen=True)
class AlertStepView:
    """A change of status."""

    at: datetime
    staff_name: str
    from_status: AlertStatus | None
    to_status: AlertStatus
    label: str
    note: str
    escalation_level: str
    escalation_target: str
    seq: int = 0


@dataclass(frozen=True)
class AlertActionView:
    """An action taken."""

    id: int
    kind: AlertActionKind
    kind_label: str
    at: datetime
    note: str
    contact_id: int | None
    staff_name: str
    mediation: MediationView | None = None
    seq: int = 0


@dataclass(frozen=True)
class AlertHistoryEntry:
    """One line of the history: a change of status or an action (a mediation is an action), to the minute."""

    at: datetime
    seq: int
    step: AlertStepView | None = None
    action: AlertActionView | None = None


def to_the_minute(moment: datetime) -> datetime:
    """Return ``moment`` without its seconds: the precision at which people type and read times."""
    return moment.replace(second=0, microsecond=0)


def next_seq(alert: Alert) -> int:
    """Return the number of the next step or action recorded on ``alert`` (1 for the first)."""
    return 1 + max([step.seq for step in alert.steps] + [action.seq for action in alert.actions], default=0)


def merged_history(steps: Iterable[AlertStepView], actions: Iterable[AlertActionView]) -> tuple[AlertHistoryEntry, ...]:
    """Return the steps and actions in time order, to the minute, then in the order they were recorded."""
    entries = [AlertHistoryEntry(to_the_minute(step.at), step.seq, step=step) for step in steps]
    entries += [AlertHistoryEntry(to_the_minute(action.at), action.seq, action=action) for action in actions]
    return tuple(sorted(entries, key=lambda entry: (entry.at, entry.seq)))
