"""Tasks, debrief notes, meetings and their typed decisions (docs/domain.md §11), and their French labels."""

from __future__ import annotations

from enum import Enum


class TaskOrigin(str, Enum):
    """Where a task comes from (docs/domain.md §11.2)."""

    DEBRIEF = "debrief"
    MEETING = "meeting"  # the minutes of a COSI or another meeting
    ALERT = "alert"
    REVIEW = "review"
    WATCH_LIST = "watch_list"
    AUTOMATIC = "automatic"  # made by the check of §11.2, with its reason
    OTHER = "other"


class TaskStatus(str, Enum):
    """A task is open, then done or cancelled; it is never deleted."""

    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class AutomaticReason(str, Enum):
    """Why the check made a task (one task per reason, subject and date: docs/domain.md §11.2)."""

    PLANNED_END = "planned_end"
    REVIEW = "review"
    CONSENT_EXPIRY = "consent_expiry"
    RESIDENCE_PERMIT_EXPIRY = "residence_permit_expiry"
    NUMERO_UNIQUE_EXPIRY = "numero_unique_expiry"
    SUSPENSION_REVIEW = "suspension_review"
    MEDIATION_FOLLOW_UP = "mediation_follow_up"
    NO_CONTACT = "no_contact"
    WATCH = "watch"
    AFTER_CARE_END = "after_care_end"


class MeetingStatus(str, Enum):
    """A meeting is planned, then held (its minutes recorded) or cancelled."""

    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class AgendaItemKind(str, Enum):
    """What a household's item on an agenda is about (docs/domain.md §11.3)."""

    REVIEW = "review"  # a bilan due
    EXTENSION = "extension"  # a planned end coming: exit, extension or handover
    GLISSEMENT = "glissement"  # a glissement review
    ADMISSION = "admission"  # a candidate of the waiting list, before the admission commission
    SITUATION = "situation"  # any other situation brought by the team


class DecisionKind(str, Enum):
    """The typed decisions of the minutes, each of which changes the record (docs/domain.md §11.3)."""

    STEP_VALIDATED = "step_validated"
    INTENSITY_CHANGE = "intensity_change"
    EXTENSION = "extension"
    EXIT = "exit"
    ORIENTATION_ACCEPTED = "orientation_accepted"
    ORIENTATION_REFUSED = "orientation_refused"
    ESCALATION = "escalation"
    GLISSEMENT_ACCEPTED = "glissement_accepted"
    GLISSEMENT_POSTPONED = "glissement_postponed"
    GLISSEMENT_REFUSED = "glissement_refused"


class GlissementOutcome(str, Enum):
    """The decision on a glissement review: never automatic (docs/domain.md §6.8)."""

    ACCEPTED = "accepted"
    POSTPONED = "postponed"
    REFUSED = "refused"


TASK_ORIGIN_LABELS = {
    TaskOrigin.DEBRIEF: "Débrief",
    TaskOrigin.MEETING: "Réunion",
    TaskOrigin.ALERT: "Alerte",
    TaskOrigin.REVIEW: "Bilan",
    TaskOrigin.WATCH_LIST: "Veille",
    TaskOrigin.AUTOMATIC: "Automatique",
    TaskOrigin.OTHER: "Autre",
}

TASK_STATUS_LABELS = {
    TaskStatus.OPEN: "À faire",
    TaskStatus.DONE: "Faite",
    TaskStatus.CANCELLED: "Annulée",
}

AUTOMATIC_REASON_LABELS = {
    AutomaticReason.PLANNED_END: "Fin prévue dans 30 jours",
    AutomaticReason.REVIEW: "Bilan à tenir",
    AutomaticReason.CONSENT_EXPIRY: "Consentement qui expire",
    AutomaticReason.RESIDENCE_PERMIT_EXPIRY: "Titre de séjour qui expire",
    AutomaticReason.NUMERO_UNIQUE_EXPIRY: "Numéro unique à renouveler",
    AutomaticReason.SUSPENSION_REVIEW: "Revue de la suspension",
    AutomaticReason.MEDIATION_FOLLOW_UP: "Suivi de la médiation",
    AutomaticReason.NO_CONTACT: "Seuil sans contact dépassé",
    AutomaticReason.WATCH: "Prendre des nouvelles (veille)",
    AutomaticReason.AFTER_CARE_END: "Fin du suivi post-accompagnement",
}

MEETING_STATUS_LABELS = {
    MeetingStatus.PLANNED: "Prévue",
    MeetingStatus.HELD: "Tenue",
    MeetingStatus.CANCELLED: "Annulée",
}

AGENDA_ITEM_LABELS = {
    AgendaItemKind.REVIEW: "Bilan",
    AgendaItemKind.EXTENSION: "Fin prévue : sortie, prolongation ou passage de relais",
    AgendaItemKind.GLISSEMENT: "Revue du glissement",
    AgendaItemKind.ADMISSION: "Admission",
    AgendaItemKind.SITUATION: "Situation",
}

DECISION_LABELS = {
    DecisionKind.STEP_VALIDATED: "Étape validée",
    DecisionKind.INTENSITY_CHANGE: "Changement d'intensité",
    DecisionKind.EXTENSION: "Prolongation",
    DecisionKind.EXIT: "Sortie",
    DecisionKind.ORIENTATION_ACCEPTED: "Orientation acceptée",
    DecisionKind.ORIENTATION_REFUSED: "Orientation refusée",
    DecisionKind.ESCALATION: "Escalade",
    DecisionKind.GLISSEMENT_ACCEPTED: "Glissement accepté",
    DecisionKind.GLISSEMENT_POSTPONED: "Glissement reporté",
    DecisionKind.GLISSEMENT_REFUSED: "Glissement refusé",
}

GLISSEMENT_OUTCOME_LABELS = {
    GlissementOutcome.ACCEPTED: "Accepté",
    GlissementOutcome.POSTPONED: "Reporté",
    GlissementOutcome.REFUSED: "Refusé",
}
