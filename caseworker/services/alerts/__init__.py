"""Alerts between landlords and the association: received or sent, followed to their close, within their deadlines.

The package owns the alert's state machine, its response deadlines in French working days, the inbox and its
counts, who at the landlord deals with which alert, the documents written to the landlord about an alert (with
the consent gate and the disclosure log), the history of an alert and the tripartite mediations held about it.
Callers use one service, :class:`AlertService`. Modules:

- ``lifecycle.py`` — :class:`AlertService`: record, acknowledge, act, escalate, resolve, close; attached documents
- ``states.py`` — the state machine: open and closed statuses, the allowed moves, the status labels by direction
- ``deadlines.py`` — the acknowledgement and first-action due dates (convention cadre, else the type's defaults)
- ``inbox.py`` — the inbox query, its filters, overdue first; the morning debrief's counts; overdue per household
- ``correspondence.py`` — the acknowledgement e-mail, the letter and e-mail to the landlord, their disclosure
- ``routing.py`` — which of the landlord's contacts deals with which alert type
- ``views.py`` — an alert with its history as plain values; the dialogs' picklists
- ``records.py`` — reading an alert, its type, the dwelling and the household's coordinating referent
- ``history.py`` — the steps and actions of an alert in the order they happened
- ``mediations.py`` — tripartite mediations: who took part, what was agreed, when to follow up
"""

from __future__ import annotations

from caseworker.services.alerts.correspondence import (
    ACKNOWLEDGEMENT_FIELDS,
    LETTER_CATEGORIES,
    LETTER_DOCUMENT,
    EmailDraft,
    OutgoingAlert,
)
from caseworker.services.alerts.deadlines import DEFAULT_SOURCE, due_dates
from caseworker.services.alerts.history import AlertActionView, AlertHistoryEntry, AlertStepView
from caseworker.services.alerts.inbox import AlertCounts, AlertFilter, AlertRow, overdue_counts
from caseworker.services.alerts.lifecycle import MAX_ATTACHMENT_BYTES, ActionInput, AlertInput, AlertService
from caseworker.services.alerts.records import alert_reference
from caseworker.services.alerts.routing import ROUTING, RecipientSuggestion
from caseworker.services.alerts.states import CLOSED, OPEN, TRANSITIONS
from caseworker.services.alerts.views import AlertChoices, AlertView

__all__ = [
    "ACKNOWLEDGEMENT_FIELDS",
    "CLOSED",
    "DEFAULT_SOURCE",
    "LETTER_CATEGORIES",
    "LETTER_DOCUMENT",
    "MAX_ATTACHMENT_BYTES",
    "OPEN",
    "ROUTING",
    "TRANSITIONS",
    "ActionInput",
    "AlertActionView",
    "AlertChoices",
    "AlertCounts",
    "AlertFilter",
    "AlertHistoryEntry",
    "AlertInput",
    "AlertRow",
    "AlertService",
    "AlertStepView",
    "AlertView",
    "EmailDraft",
    "OutgoingAlert",
    "RecipientSuggestion",
    "alert_reference",
    "due_dates",
    "overdue_counts",
]
