"""The eviction procedure: its stages, outcomes and grounds of suspension (docs/domain.md §3.5)."""

from __future__ import annotations

from enum import Enum


class ProcedureStage(str, Enum):
    """Stages of an eviction procedure, in order (DOMAIN.md §5.5)."""

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
    """Why a procedure is paused (DOMAIN.md §5.5)."""

    PLATEFORME = "plateforme"
    PROTOCOLE = "protocole"
    PLAN_RESPECTE = "plan_respecte"
    MEDIATION = "mediation"
    DELAIS_JUGE = "delais_juge"
    TREVE_HIVERNALE = "treve_hivernale"
    AUTRE = "autre"
