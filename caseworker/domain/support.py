"""Support episodes: states, duration policies, objectives, reviews (docs/domain.md §3.1), and their French labels."""

from __future__ import annotations

from enum import Enum

from caseworker.domain.parties import Party


class DurationPolicy(str, Enum):
    """How long a measure lasts (docs/domain.md §3.1, duration policies)."""

    FIXED = "fixed"  # N months, no extension
    RENEWABLE = "renewable"  # N months, renewable K times by N months
    MAX_PLUS_EXTENSION = "max_plus_extension"  # N months plus negotiated extensions
    OPEN_ENDED = "open_ended"  # no end date, only reviews


class EpisodeStatus(str, Enum):
    """States of a support episode (docs/domain.md §3.1)."""

    ORIENTATION_RECUE = "orientation_recue"
    ACCORD_DE_PRINCIPE = "accord_de_principe"
    EN_ATTENTE = "en_attente"
    ACTIF = "actif"
    SUSPENDU = "suspendu"
    CLOTURE = "cloture"
    APRES_ACCOMPAGNEMENT = "apres_accompagnement"
    SANS_SUITE = "sans_suite"


class ObjectiveStatus(str, Enum):
    """Where an objective stands."""

    EN_COURS = "en_cours"
    ATTEINT = "atteint"
    PARTIEL = "partiel"
    ABANDONNE = "abandonne"


class ReviewKind(str, Enum):
    """Milestone reviews (bilans): start, midpoint, end, and periodic ones for open-ended measures."""

    START = "start"
    MID = "mid"
    END = "end"
    PERIODIC = "periodic"


class ObjectivesMet(str, Enum):
    """Whether the objectives were met at exit."""

    OUI = "oui"
    PARTIELLEMENT = "partiellement"
    NON = "non"


EPISODE_STATUS_LABELS: dict[EpisodeStatus, str] = {
    EpisodeStatus.ORIENTATION_RECUE: "Orientation reçue",
    EpisodeStatus.ACCORD_DE_PRINCIPE: "Accord de principe",
    EpisodeStatus.EN_ATTENTE: "En attente",
    EpisodeStatus.ACTIF: "Actif",
    EpisodeStatus.SUSPENDU: "Suspendu",
    EpisodeStatus.CLOTURE: "Clôturé",
    EpisodeStatus.APRES_ACCOMPAGNEMENT: "Suivi post-accompagnement",
    EpisodeStatus.SANS_SUITE: "Sans suite",
}
"""How each state of an episode is named in its history, its messages and the lists."""

DURATION_POLICY_LABELS = {
    DurationPolicy.FIXED: "Durée fixe",
    DurationPolicy.RENEWABLE: "Renouvelable",
    DurationPolicy.MAX_PLUS_EXTENSION: "Durée maximale + prolongation négociée",
    DurationPolicy.OPEN_ENDED: "Sans limite de durée",
}
"""French names of the duration policies (what a picker shows)."""

OBJECTIVE_OWNER_LABELS = {
    Party.MENAGE: "Le ménage",
    Party.ASSOCIATION: "L'association",
    Party.BAILLEUR: "Le bailleur",
}
"""Who carries an objective (one of the three parties), worded to start a sentence ("Le ménage")."""

OBJECTIVE_STATUS_LABELS = {
    ObjectiveStatus.EN_COURS: "En cours",
    ObjectiveStatus.ATTEINT: "Atteint",
    ObjectiveStatus.PARTIEL: "Partiellement atteint",
    ObjectiveStatus.ABANDONNE: "Abandonné",
}
"""Where an objective stands, in French."""

OBJECTIVES_MET_LABELS = {
    ObjectivesMet.OUI: "Oui",
    ObjectivesMet.PARTIELLEMENT: "Partiellement",
    ObjectivesMet.NON: "Non",
}
"""Whether the objectives were met at exit, in French."""

REVIEW_LABELS = {
    ReviewKind.START: "Bilan d'entrée",
    ReviewKind.MID: "Bilan intermédiaire",
    ReviewKind.END: "Bilan de fin",
    ReviewKind.PERIODIC: "Bilan périodique",
}
"""The names of the milestone reviews (bilans)."""
