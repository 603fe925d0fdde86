"""What the prevention step reads from the store once per generation: alert types, landlords and staff."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.demo.prevention.tables import BEHAVIOURS
from caseworker.demo.reference import CodeMap
from caseworker.models import (
    AlertType,
    Organisation,
    OrganisationKind,
    PartnerContact,
    PartnerRole,
    StaffMember,
    StaffRole,
)


@dataclass(frozen=True)
class AlertTypeInfo:
    """An alert type of the reference data and its default deadlines (French working days)."""

    id: int
    code: str
    direction: str
    acknowledge_days: int
    action_days: int


@dataclass(frozen=True)
class PreventionReference:
    """Alert types, landlords with their contacts and the staff, read once per generation."""

    alert_types: dict[str, AlertTypeInfo]
    landlords: frozenset[int]  # organisations that are landlords (the association's own stock is not)
    contacts: dict[int, list[tuple[int, str]]]  # landlord → (partner contact, role code)
    team_leads: list[int]
    lawyers: list[int]
    actor_id: int | None


def load_prevention_reference(session: Session, actor_staff_id: int | None) -> PreventionReference:
    """Read what the alerts and procedures need (inside the generation's transaction)."""
    rows = session.execute(
        select(AlertType.id, AlertType.code, AlertType.direction, AlertType.acknowledge_days, AlertType.action_days)
    ).all()
    available = CodeMap("Types d'alerte", {row[1]: row[0] for row in rows})
    by_id = {row[0]: row for row in rows}
    types: dict[str, AlertTypeInfo] = {}
    for code in sorted({*BEHAVIOURS, "procedure_engagee"}):
        type_id, _code, direction, acknowledge, action = by_id[available[code]]  # French error if deleted
        types[code] = AlertTypeInfo(type_id, code, direction, acknowledge, action)
    landlords = frozenset(
        session.scalars(
            select(Organisation.id)
            .join(OrganisationKind, OrganisationKind.id == Organisation.kind_id)
            .where(OrganisationKind.is_landlord.is_(True), Organisation.is_own.is_(False))
        )
    )
    contacts: dict[int, list[tuple[int, str]]] = {}
    for contact_id, organisation_id, role in session.execute(
        select(PartnerContact.id, PartnerContact.organisation_id, PartnerRole.code)
        .join(PartnerRole, PartnerRole.id == PartnerContact.role_id)
        .where(PartnerContact.active.is_(True), PartnerContact.organisation_id.in_(landlords))
        .order_by(PartnerContact.id)
    ):
        contacts.setdefault(organisation_id, []).append((contact_id, role))
    staff = session.execute(
        select(StaffMember.id, StaffRole.code)
        .join(StaffRole, StaffRole.id == StaffMember.role_id)
        .where(StaffMember.active.is_(True))
        .order_by(StaffMember.id)
    ).all()
    leads = [staff_id for staff_id, role in staff if role == "chef_service" and staff_id != actor_staff_id]
    social = [staff_id for staff_id, role in staff if role == "travailleur_social" and staff_id != actor_staff_id]
    return PreventionReference(
        alert_types=types,
        landlords=landlords,
        contacts=contacts,
        team_leads=leads or social or [staff_id for staff_id, _role in staff],
        lawyers=[staff_id for staff_id, role in staff if role == "juriste"],
        actor_id=actor_staff_id,
    )
