"""Sharing with partners: the states of a consent, and the words of the disclosure log and of partner documents.

The rules that use them are in docs/domain.md §3.4 and §7; the code that applies them is ``services/sharing``.
"""

from __future__ import annotations

from enum import Enum

from caseworker.domain.support import EpisodeStatus


class ConsentStatus(str, Enum):
    """Stored states of docs/domain.md §3.4. ``expire`` is also derived from the expiry date when reading."""

    DEMANDE = "demande"
    ACCORDE = "accorde"
    REFUSE = "refuse"
    REVOQUE = "revoque"
    EXPIRE = "expire"


STATUS_LABELS = {
    ConsentStatus.DEMANDE: "Demandé",
    ConsentStatus.ACCORDE: "Accordé",
    ConsentStatus.REFUSE: "Refusé",
    ConsentStatus.REVOQUE: "Révoqué",
    ConsentStatus.EXPIRE: "Expiré",
}
"""How the consent register names each state."""

LEGAL_BASIS_C0 = "C0"
"""Partner information (the measure, who the referent is): shared without consent (docs/domain.md §7.1)."""
LEGAL_BASIS_LABELS = {LEGAL_BASIS_C0: "C0 : information partenaire, sans consentement nécessaire"}
"""A disclosure's legal basis in words, when no consent is its ground."""

CHANNEL_LABELS = {
    "impression": "Imprimée",
    "fichier": "Enregistrée (fichier)",
    "remise": "Remise en main propre",
    "courrier": "Courrier",
    "courriel": "Courriel",
}
"""How a document left the association (the disclosure log's channels)."""

DOCUMENT_LABELS = {
    "fiche_navette": "Fiche navette",
    "alerte_bailleur": "Alerte au bailleur",
    "accuse_reception": "Accusé de réception d'alerte",
    "contrat_objectifs": "Contrat d'objectifs",
    "protocole_maintien": "Protocole de maintien",
    "attestation_accord": "Attestation d'accord de principe",
    "convention_cadre": "Convention cadre",
    "engagement_minimal": "Contrat d'engagement",
    "compte_rendu_reunion": "Compte rendu de réunion (copie partenaire)",
}
"""The kinds of document the disclosure log records."""

SUPPORT_STATE_LABELS = {
    EpisodeStatus.ACTIF: "en cours",
    EpisodeStatus.SUSPENDU: "suspendu temporairement",
    EpisodeStatus.ORIENTATION_RECUE: "en préparation",
    EpisodeStatus.EN_ATTENTE: "en préparation",
    EpisodeStatus.ACCORD_DE_PRINCIPE: "en préparation",
}
"""How a partner document tells the state of a running support: neutral words only, a suspension never says why
(docs/domain.md §7.1). The episodes in these states are the ones that run."""
