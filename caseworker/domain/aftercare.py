"""After-care, the watch list and the encounters outside the contact log (docs/domain.md §14), with French labels.

After support ends, a household may stay in **after-care** (droits de suite, service après-vente, veille) for a
window, funded by someone who may not be the measure's funder, with a referent who stays reachable. Outside any
support, people meet the association at the **drop-in** (permanence, identified or anonymous), in the street
(**maraude**), and at **collective sessions** (ateliers): none of these is a contact of the measure's activity.
"""

from __future__ import annotations

from enum import Enum


class AfterCareKind(str, Enum):
    """What the association promises after support ended."""

    DROITS_DE_SUITE = "droits_de_suite"
    SERVICE_APRES_VENTE = "service_apres_vente"
    VEILLE = "veille"


class AfterCareEndReason(str, Enum):
    """Why after-care ended (docs/domain.md §14.1)."""

    FIN_DE_FENETRE = "fin_de_fenetre"
    REACTIVATION = "reactivation"
    DEPART = "depart"
    DECES = "deces"
    DEMANDE_DU_MENAGE = "demande_du_menage"


class AgeBand(str, Enum):
    """An age band, for people met without their birth date (drop-in, street outreach)."""

    MINEUR = "mineur"
    AGE_18_24 = "18_24"
    AGE_25_34 = "25_34"
    AGE_35_49 = "35_49"
    AGE_50_64 = "50_64"
    AGE_65_PLUS = "65_plus"


class Sex(str, Enum):
    """The sex of a person met anonymously, when known."""

    FEMME = "femme"
    HOMME = "homme"
    AUTRE = "autre"


class EncounterKind(str, Enum):
    """Where a household met the association outside its contact log."""

    DROP_IN = "drop_in"
    OUTREACH = "outreach"
    SESSION = "session"


ENCOUNTER_KIND_LABELS = {
    EncounterKind.DROP_IN: "Permanence",
    EncounterKind.OUTREACH: "Maraude",
    EncounterKind.SESSION: "Atelier",
}

AFTER_CARE_KIND_LABELS = {
    AfterCareKind.DROITS_DE_SUITE: "Droits de suite",
    AfterCareKind.SERVICE_APRES_VENTE: "Service après-vente",
    AfterCareKind.VEILLE: "Veille",
}

AFTER_CARE_END_LABELS = {
    AfterCareEndReason.FIN_DE_FENETRE: "Fin de la période",
    AfterCareEndReason.REACTIVATION: "Réactivation",
    AfterCareEndReason.DEPART: "Départ",
    AfterCareEndReason.DECES: "Décès",
    AfterCareEndReason.DEMANDE_DU_MENAGE: "Demande du ménage",
}

AGE_BAND_LABELS = {
    AgeBand.MINEUR: "Mineur",
    AgeBand.AGE_18_24: "18-24 ans",
    AgeBand.AGE_25_34: "25-34 ans",
    AgeBand.AGE_35_49: "35-49 ans",
    AgeBand.AGE_50_64: "50-64 ans",
    AgeBand.AGE_65_PLUS: "65 ans et plus",
}

SEX_LABELS = {
    Sex.FEMME: "Femme",
    Sex.HOMME: "Homme",
    Sex.AUTRE: "Autre",
}

DEFAULT_AFTER_CARE_MONTHS = 12
"""The after-care window unless the team chooses another (docs/domain.md §14.1)."""

DEFAULT_WATCH_WEEKS = 6
"""How often a household on the watch list gets a « prendre des nouvelles » task unless the team chooses."""


def every_weeks_words(weeks: int) -> str:
    """« chaque semaine », « toutes les 6 semaines »: how often news of a watched household is due."""
    return "chaque semaine" if weeks == 1 else f"toutes les {weeks} semaines"
