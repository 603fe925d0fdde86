"""Alerts with landlords: their states, directions, channels, severities and the actions taken (docs/domain.md §3.3).

The French labels people read sit beside each value (see ARCHITECTURE.md, "Labels").
"""

from __future__ import annotations

from enum import Enum

from caseworker.domain.parties import PARTY_LABELS, Party


class AlertStatus(str, Enum):
    """States of an alert (docs/domain.md §3.3)."""

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
    """What the team did about an alert (docs/domain.md §3.3: the first action stops the action timer)."""

    VISITE = "visite"
    APPEL = "appel"
    MEDIATION = "mediation"
    DEMANDE_FSL = "demande_fsl"
    SAISINE_CCAPEX = "saisine_ccapex"
    PLAN_APUREMENT = "plan_apurement"
    RELANCE_BAILLEUR = "relance_bailleur"
    AUTRE = "autre"


TO_ASSOCIATION = "to_association"
"""Direction code of an alert from the landlord to the association (stored on the type and the alert)."""

TO_LANDLORD = "to_landlord"
"""Direction code of an alert from the association to the landlord."""

STATUS_LABELS = {
    AlertStatus.NOUVEAU: "Nouveau",
    AlertStatus.PRIS_EN_COMPTE: "Pris en compte",
    AlertStatus.EN_TRAITEMENT: "En traitement",
    AlertStatus.ESCALADE: "Escaladé",
    AlertStatus.RESOLU: "Résolu",
    AlertStatus.CLOS_SANS_SUITE: "Clos sans suite",
}

OUTBOUND_STATUS_LABELS = {
    **STATUS_LABELS,
    AlertStatus.PRIS_EN_COMPTE: "Pris en compte par le bailleur",
    AlertStatus.EN_TRAITEMENT: "En traitement chez le bailleur",
    AlertStatus.RESOLU: "Traité par le bailleur",
}
"""The states of an alert sent to the landlord, read from the landlord's side."""

DIRECTION_LABELS = {TO_ASSOCIATION: "Bailleur → association", TO_LANDLORD: "Association → bailleur"}

CHANNEL_LABELS = {
    AlertChannel.TELEPHONE: "Téléphone",
    AlertChannel.COURRIEL: "Courriel",
    AlertChannel.COURRIER: "Courrier",
    AlertChannel.REUNION: "Réunion",
    AlertChannel.AUTRE: "Autre",
}

SEVERITY_LABELS = {
    AlertSeverity.INFORMATION: "Information",
    AlertSeverity.MODEREE: "Modérée",
    AlertSeverity.ELEVEE: "Élevée",
    AlertSeverity.URGENTE: "Urgente",
}

ACTION_LABELS = {
    AlertActionKind.VISITE: "Visite",
    AlertActionKind.APPEL: "Appel",
    AlertActionKind.MEDIATION: "Médiation tripartite",
    AlertActionKind.DEMANDE_FSL: "Demande FSL",
    AlertActionKind.SAISINE_CCAPEX: "Saisine de la CCAPEX",
    AlertActionKind.PLAN_APUREMENT: "Plan d'apurement",
    AlertActionKind.RELANCE_BAILLEUR: "Relance du bailleur",
    AlertActionKind.AUTRE: "Autre action",
}

ESCALATION_LEVELS = {
    "N1": "N1 — chef·fe de service et référent ou CESF du bailleur",
    "N2": "N2 — responsable d'agence ou instance partenariale (comité technique, plateforme, COPIL)",
    "N3": "N3 — CCAPEX ou institutions",
}
"""The levels of an escalation, by code, with who is involved at each."""

MEDIATION_PARTY_LABELS = {**PARTY_LABELS, Party.AUTRE: "Autre participant"}
"""The parties of a tripartite mediation: the three of :data:`PARTY_LABELS`, and anyone else taking part."""
