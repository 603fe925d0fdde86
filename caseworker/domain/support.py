"""Support episodes: states, duration policies, objectives, reviews (docs/domain.md §3.1)."""

from __future__ import annotations

from enum import Enum


class DurationPolicy(str, Enum):
    """How long a measure lasts (DOMAIN.md §4.2)."""

    FIXED = "fixed"  # N months, no extension
    RENEWABLE = "renewable"  # N months, renewable K times by N months
    MAX_PLUS_EXTENSION = "max_plus_extension"  # N months plus negotiated extensions
    OPEN_ENDED = "open_ended"  # no end date, only reviews


class EpisodeStatus(str, Enum):
    """States of DOMAIN.md §5.1."""

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
