"""Tripartite contracts: their states, how a paper signature was collected, and how both read in French.

The lifecycle is in docs/domain.md §3.6; what a landlord-facing contract may carry, in §7.
"""

from __future__ import annotations

from enum import Enum

from caseworker.domain.parties import Party


class ContractStatus(str, Enum):
    """States of a contract version (docs/domain.md §3.6)."""

    BROUILLON = "brouillon"
    EN_SIGNATURE = "en_signature"
    EN_VIGUEUR = "en_vigueur"
    REMPLACE = "remplace"
    ECHU = "echu"
    RESILIE = "resilie"


class SignatureMethod(str, Enum):
    """How a paper signature was collected (contracts are signed on paper, then scanned)."""

    EN_MAIN_PROPRE = "en_main_propre"  # signed in front of the worker (visit, meeting, COSI)
    COURRIER = "courrier"  # signed and returned by post
    REUNION = "reunion"  # signed at a partnership meeting
    AUTRE = "autre"


CONTRACT_STATUS_LABELS = {
    ContractStatus.BROUILLON: "Brouillon",
    ContractStatus.EN_SIGNATURE: "À signer",
    ContractStatus.EN_VIGUEUR: "En vigueur",
    ContractStatus.REMPLACE: "Remplacé par un avenant",
    ContractStatus.ECHU: "Échu",
    ContractStatus.RESILIE: "Résilié",
}
"""How each state of a version (or of a whole contract) is shown."""

SIGNATURE_METHOD_LABELS = {
    SignatureMethod.EN_MAIN_PROPRE: "En main propre",
    SignatureMethod.COURRIER: "Par courrier",
    SignatureMethod.REUNION: "En réunion",
    SignatureMethod.AUTRE: "Autre",
}
"""How a signature was collected, as the signature dialog and the signatory table say it."""

CARRIED_BY_LABELS = {
    Party.MENAGE: "porté par le ménage",
    Party.ASSOCIATION: "porté par l'association",
    Party.BAILLEUR: "porté par le bailleur",
}
"""Who carries an objective, as a printed contract and the fiche navette say it after the objective's text."""

HOUSING_SENSITIVITY = "C1"
"""The sensitivity class of housing information (docs/domain.md §7.1): the only objectives a landlord sees."""
