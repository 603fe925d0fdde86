"""The units of the funders' figures and their French words (docs/domain.md §13)."""

from __future__ import annotations

from enum import Enum


class Unit(str, Enum):
    """What a figure counts: households, or the persons of those households (children included), or events.

    Tables about households come in both units (the same key twice); tables of events (contacts, alerts, offers,
    procedures, meetings; drop-in visits, street encounters, workshops and their attendance) in their own unit only.
    """

    MENAGE = "menage"
    PERSONNE = "personne"
    CONTACT = "contact"
    ALERT = "alerte"
    OFFER = "proposition"
    PROCEDURE = "procedure"
    MEETING = "reunion"
    # Encounters outside the contact log (docs/domain.md §14.4, §14.5), counted for the whole service.
    VISIT = "passage"
    ENCOUNTER = "rencontre"
    SESSION = "atelier"
    ATTENDANCE = "participation"


UNIT_LABELS = {
    Unit.MENAGE: "ménages",
    Unit.PERSONNE: "personnes",
    Unit.CONTACT: "contacts",
    Unit.ALERT: "alertes",
    Unit.OFFER: "propositions de logement",
    Unit.PROCEDURE: "procédures",
    Unit.MEETING: "réunions",
    Unit.VISIT: "passages à la permanence",
    Unit.ENCOUNTER: "rencontres de rue",
    Unit.SESSION: "ateliers collectifs",
    Unit.ATTENDANCE: "participations aux ateliers",
}
UNIT_SINGULAR = {
    Unit.MENAGE: "ménage",
    Unit.PERSONNE: "personne",
    Unit.CONTACT: "contact",
    Unit.ALERT: "alerte",
    Unit.OFFER: "proposition de logement",
    Unit.PROCEDURE: "procédure",
    Unit.MEETING: "réunion",
    Unit.VISIT: "passage à la permanence",
    Unit.ENCOUNTER: "rencontre de rue",
    Unit.SESSION: "atelier collectif",
    Unit.ATTENDANCE: "participation à un atelier",
}
ENTERED = {Unit.MENAGE: "ménages entrés", Unit.PERSONNE: "personnes entrées"}
"""« entered » agreeing with the unit, for the definitions of rates over entrants."""

HOUSEHOLD_UNITS = (Unit.MENAGE, Unit.PERSONNE)
"""The two units every table about households is computed in (docs/domain.md §13)."""
