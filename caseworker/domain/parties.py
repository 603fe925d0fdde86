"""The parties around a household: the household, the association, the landlord (and others)."""

from __future__ import annotations

from enum import Enum


class Party(str, Enum):
    """Someone's side in a tenancy, a contract, an objective or a mediation.

    In a tenancy: who holds the lease, pays the rent, receives the housing benefit. ``AUTRE`` only where a fourth
    side makes sense (a lease held by a relative, a neighbour at a mediation); contracts and objectives take one of
    :data:`THREE_PARTIES`.
    """

    MENAGE = "menage"
    ASSOCIATION = "association"
    BAILLEUR = "bailleur"
    AUTRE = "autre"


THREE_PARTIES = (Party.MENAGE, Party.ASSOCIATION, Party.BAILLEUR)
"""The household, the association and the landlord: who signs a tripartite contract and who carries an objective."""

PARTY_LABELS = {
    Party.MENAGE: "Ménage",
    Party.ASSOCIATION: "Association",
    Party.BAILLEUR: "Bailleur",
    Party.AUTRE: "Autre",
}
"""How each party is named in a table, a document or a form (French: see ARCHITECTURE.md, "Labels")."""
