"""The eviction procedure: its stages, outcomes and grounds of suspension (docs/domain.md §3.5).

The French labels people read sit beside each value (see ARCHITECTURE.md, "Labels").
"""

from __future__ import annotations

from enum import Enum


class ProcedureStage(str, Enum):
    """Stages of an eviction procedure, in order (docs/domain.md §3.5)."""

    IMPAYE_CONSTATE = "impaye_constate"
    RELANCES = "relances"
    PRECONTENTIEUX = "precontentieux"
    COMMANDEMENT_DE_PAYER = "commandement_de_payer"
    ASSIGNATION = "assignation"
    AUDIENCE = "audience"
    RESILIATION = "resiliation"
    OCCUPANT_SANS_TITRE = "occupant_sans_titre"
    COMMANDEMENT_DE_QUITTER = "commandement_de_quitter"
    CONCOURS_FORCE_PUBLIQUE = "concours_force_publique"
    EXPULSION = "expulsion"


class ProcedureOutcome(str, Enum):
    """How a procedure ended."""

    DETTE_APUREE = "dette_apuree"
    ABANDONNEE = "abandonnee"
    NOUVEAU_BAIL = "nouveau_bail"
    RELOGEMENT = "relogement"
    DEPART_VOLONTAIRE = "depart_volontaire"
    EXPULSION = "expulsion"


class SuspensionGround(str, Enum):
    """Why a procedure is paused (docs/domain.md §3.5)."""

    PLATEFORME = "plateforme"
    PROTOCOLE = "protocole"
    PLAN_RESPECTE = "plan_respecte"
    MEDIATION = "mediation"
    DELAIS_JUGE = "delais_juge"
    TREVE_HIVERNALE = "treve_hivernale"
    AUTRE = "autre"


STAGE_LABELS = {
    ProcedureStage.IMPAYE_CONSTATE: "Impayé constaté",
    ProcedureStage.RELANCES: "Relances",
    ProcedureStage.PRECONTENTIEUX: "Précontentieux",
    ProcedureStage.COMMANDEMENT_DE_PAYER: "Commandement de payer",
    ProcedureStage.ASSIGNATION: "Assignation",
    ProcedureStage.AUDIENCE: "Audience",
    ProcedureStage.RESILIATION: "Résiliation du bail (jugement)",
    ProcedureStage.OCCUPANT_SANS_TITRE: "Occupant sans droit ni titre",
    ProcedureStage.COMMANDEMENT_DE_QUITTER: "Commandement de quitter les lieux",
    ProcedureStage.CONCOURS_FORCE_PUBLIQUE: "Concours de la force publique",
    ProcedureStage.EXPULSION: "Expulsion",
}

OUTCOME_LABELS = {
    ProcedureOutcome.DETTE_APUREE: "Dette apurée",
    ProcedureOutcome.ABANDONNEE: "Procédure abandonnée",
    ProcedureOutcome.NOUVEAU_BAIL: "Nouveau bail",
    ProcedureOutcome.RELOGEMENT: "Relogement ou mutation",
    ProcedureOutcome.DEPART_VOLONTAIRE: "Départ volontaire",
    ProcedureOutcome.EXPULSION: "Expulsion",
}

GROUND_LABELS = {
    SuspensionGround.PLATEFORME: "Plateforme de prévention",
    SuspensionGround.PROTOCOLE: "Protocole tripartite",
    SuspensionGround.PLAN_RESPECTE: "Plan d'apurement respecté",
    SuspensionGround.MEDIATION: "Médiation",
    SuspensionGround.DELAIS_JUGE: "Délais accordés par le juge",
    SuspensionGround.TREVE_HIVERNALE: "Trêve hivernale",
    SuspensionGround.AUTRE: "Autre motif",
}
