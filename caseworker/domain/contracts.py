"""Tripartite contracts: their states and how a paper signature was collected (docs/domain.md §3.6)."""

from __future__ import annotations

from enum import Enum


class ContractStatus(str, Enum):
    """States of a contract version (DOMAIN.md §5.6)."""

    BROUILLON = "brouillon"
    EN_SIGNATURE = "en_signature"
    EN_VIGUEUR = "en_vigueur"
    REMPLACE = "remplace"
    ECHU = "echu"
    RESILIE = "resilie"


class SignatureMethod(str, Enum):
    """How a paper signature was collected (DOMAIN.md §10.8: paper plus a scan)."""

    EN_MAIN_PROPRE = "en_main_propre"  # signed in front of the worker (visit, meeting, COSI)
    COURRIER = "courrier"  # signed and returned by post
    REUNION = "reunion"  # signed at a partnership meeting
    AUTRE = "autre"
