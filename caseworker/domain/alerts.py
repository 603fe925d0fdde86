"""Alerts with landlords: their states, channels, severities and the actions taken (docs/domain.md §3.3)."""

from __future__ import annotations

from enum import Enum


class AlertStatus(str, Enum):
    """States of an alert (DOMAIN.md §5.3)."""

    NOUVEAU = "nouveau"
    PRIS_EN_COMPTE = "pris_en_compte"
    EN_TRAITEMENT = "en_traitement"
    ESCALADE = "escalade"
    RESOLU = "resolu"
    CLOS_SANS_SUITE = "clos_sans_suite"


class AlertChannel(str, Enum):
    """How the alert arrived (or left)."""

    TELEPHONE = "telephone"
    COURRIEL = "courriel"
    COURRIER = "courrier"
    REUNION = "reunion"
    AUTRE = "autre"


class AlertSeverity(str, Enum):
    """How serious the sender says it is."""

    INFORMATION = "information"
    MODEREE = "moderee"
    ELEVEE = "elevee"
    URGENTE = "urgente"


class AlertActionKind(str, Enum):
    """What the team did about an alert (DOMAIN.md §6.6 step 3)."""

    VISITE = "visite"
    APPEL = "appel"
    MEDIATION = "mediation"
    DEMANDE_FSL = "demande_fsl"
    SAISINE_CCAPEX = "saisine_ccapex"
    PLAN_APUREMENT = "plan_apurement"
    RELANCE_BAILLEUR = "relance_bailleur"
    AUTRE = "autre"
