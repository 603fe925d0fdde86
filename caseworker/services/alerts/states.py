"""The state machine of an alert (docs/domain.md §3.3): which statuses are open, which moves are allowed.

nouveau → pris en compte (stops the acknowledgement timer) → en traitement (the first action stops the action
timer) → résolu; also nouveau → clos sans suite, pris en compte → résolu, en traitement ⇄ escaladé (level and
target), en traitement / escaladé → résolu | clos sans suite. Résolu and clos sans suite are final: a recurrence
is a new alert linked to the earlier one. An alert sent to the landlord is read from the landlord's side
("Traité par le bailleur").
"""

from __future__ import annotations

from caseworker.domain import AlertStatus
from caseworker.domain.alerts import OUTBOUND_STATUS_LABELS, STATUS_LABELS, TO_LANDLORD
from caseworker.models import Alert
from caseworker.services.errors import ValidationError

S = AlertStatus
OPEN = frozenset({S.NOUVEAU, S.PRIS_EN_COMPTE, S.EN_TRAITEMENT, S.ESCALADE})
CLOSED = frozenset({S.RESOLU, S.CLOS_SANS_SUITE})
TRANSITIONS: dict[AlertStatus, frozenset[AlertStatus]] = {
    S.NOUVEAU: frozenset({S.PRIS_EN_COMPTE, S.CLOS_SANS_SUITE}),
    S.PRIS_EN_COMPTE: frozenset({S.EN_TRAITEMENT, S.RESOLU}),
    S.EN_TRAITEMENT: frozenset({S.ESCALADE, S.RESOLU, S.CLOS_SANS_SUITE}),
    S.ESCALADE: frozenset({S.ESCALADE, S.EN_TRAITEMENT, S.RESOLU, S.CLOS_SANS_SUITE}),
    S.RESOLU: frozenset(),
    S.CLOS_SANS_SUITE: frozenset(),
}


def status_labels(direction: str) -> dict[AlertStatus, str]:
    """Return the labels of the statuses of an alert going in ``direction`` (to the landlord: from its side)."""
    return OUTBOUND_STATUS_LABELS if direction == TO_LANDLORD else STATUS_LABELS


def status_label(alert: Alert) -> str:
    """Return the label of the alert's status."""
    return status_labels(alert.direction)[alert.status]


def check_transition(alert: Alert, target: AlertStatus) -> None:
    """Refuse, in French, a move the state machine does not allow.

    Raises:
        ValidationError: ``target`` cannot follow the alert's status.
    """
    if target not in TRANSITIONS[alert.status]:
        labels = status_labels(alert.direction)
        raise ValidationError(
            {
                "status": f"Une alerte « {labels[alert.status].lower()} » ne peut pas passer à "
                f"« {labels[target].lower()} »."
                + (" Une récidive s'enregistre comme une nouvelle alerte liée." if alert.status in CLOSED else "")
            }
        )
