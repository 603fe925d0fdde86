"""Who at the landlord deals with which alert: the landlord's contacts, ordered by role for each alert type.

Arrears go to litigation (contentieux) and the social and family adviser (CESF), a technical problem to the
property management (gestion locative) and the caretaking staff (proximité)… The new-alert dialog proposes the
contacts in that order, and a letter to the landlord is addressed to the one chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseworker.models import PartnerContact
from caseworker.services.identity import staff_display_name

ROUTING = {
    "impaye": ("contentieux", "cesf", "gestion_locative"),
    "procedure_engagee": ("contentieux", "juridique", "cesf"),
    "probleme_technique": ("gestion_locative", "proximite"),
    "demande_intervention": ("gestion_locative", "proximite"),
    "trouble_voisinage": ("proximite", "gestion_locative", "cesf"),
    "perte_contact": ("proximite", "cesf"),
    "information": ("cesf", "gestion_locative"),
}
"""For each alert type, the roles of the landlord's contacts who deal with it, first the most concerned."""

DEFAULT_ROUTING = ("gestion_locative", "cesf")
"""The roles for a type :data:`ROUTING` does not name."""


@dataclass(frozen=True)
class RecipientSuggestion:
    """A landlord's contact proposed for an alert, by role."""

    id: int
    name: str
    role_code: str
    role_label: str
    email: str
    phone: str


def suggested_recipients(session: Session, landlord_id: int, type_code: str) -> list[RecipientSuggestion]:
    """Return the landlord's active contacts, those whose role deals with ``type_code`` first."""
    contacts = session.scalars(
        select(PartnerContact)
        .where(PartnerContact.organisation_id == landlord_id, PartnerContact.active)
        .options(selectinload(PartnerContact.role))
        .order_by(PartnerContact.last_name, PartnerContact.first_name)
    )
    order = ROUTING.get(type_code, DEFAULT_ROUTING)
    rank = {code: index for index, code in enumerate(order)}
    suggestions = [
        RecipientSuggestion(
            contact.id,
            staff_display_name(contact.first_name, contact.last_name),
            contact.role.code if contact.role else "",
            contact.role.label if contact.role else "",
            contact.email,
            contact.phone,
        )
        for contact in contacts
    ]
    suggestions.sort(key=lambda item: rank.get(item.role_code, len(order)))
    return suggestions
