"""The tabs of a household's file, named without Qt, so that a service can say where a row of its leads.

The board (docs/domain.md §11.1) opens each row's household at the tab concerned: the service names the tab, the
household file panel maps it to its widget.
"""

from __future__ import annotations

from enum import Enum


class FileTab(str, Enum):
    """A tab of the household file, in the order the file shows them."""

    MEMBERS = "members"
    SUPPORT = "support"
    TEAM = "team"
    CONTACTS = "contacts"
    HOUSING = "housing"
    CONSENTS = "consents"
    ALERTS = "alerts"
    DEBTS_AND_PROCEDURE = "debts_and_procedure"
    CONTRACTS = "contracts"
    TASKS = "tasks"
    HISTORY = "history"


FILE_TAB_LABELS = {
    FileTab.MEMBERS: "Membres",
    FileTab.SUPPORT: "Accompagnement",
    FileTab.TEAM: "Équipe",
    FileTab.CONTACTS: "Contacts",
    FileTab.HOUSING: "Logement",
    FileTab.CONSENTS: "Consentements",
    FileTab.ALERTS: "Alertes",
    FileTab.DEBTS_AND_PROCEDURE: "Dettes et procédure",
    FileTab.CONTRACTS: "Contrats",
    FileTab.TASKS: "Tâches et notes",
    FileTab.HISTORY: "Historique",
}
