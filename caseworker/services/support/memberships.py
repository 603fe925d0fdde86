"""Team memberships as stored: loading one with its people, naming its member, auditing a new one.

Shared by the team service and the coordination rules (:mod:`.coordination`).
"""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from caseworker.domain import AuditAction
from caseworker.models import PartnerContact, StaffMember, TeamMembership
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.identity import staff_display_name


def with_people(query: Select[TeamMembership]) -> Select[TeamMembership]:
    """Return ``query`` loading each membership's role, person, their role and organisation."""
    return query.options(
        joinedload(TeamMembership.role),
        joinedload(TeamMembership.staff_member).joinedload(StaffMember.role),
        joinedload(TeamMembership.staff_member).joinedload(StaffMember.organisation),
        joinedload(TeamMembership.partner_contact).joinedload(PartnerContact.role),
        joinedload(TeamMembership.partner_contact).joinedload(PartnerContact.organisation),
    )


def load_membership(session: Session, membership_id: int) -> TeamMembership:
    """Return a membership known to exist, with its people."""
    membership = session.scalar(with_people(select(TeamMembership)).where(TeamMembership.id == membership_id))
    assert membership is not None
    return membership


def may_coordinate(membership: TeamMembership) -> bool:
    """Tell whether the member is a staff member whose profession may coordinate."""
    return membership.staff_member is not None and membership.staff_member.role.may_coordinate


def member_name(membership: TeamMembership) -> str:
    """Return the member's name, "Prénom NOM" (staff members and partner contacts alike)."""
    person = membership.staff_member or membership.partner_contact
    return staff_display_name(person.first_name, person.last_name) if person is not None else ""


def audit_created(session: Session, ctx: ServiceContext, membership: TeamMembership) -> None:
    """Audit a new membership with the names of the fields it sets."""
    audit.record(
        session,
        ctx,
        AuditAction.CREATE,
        "team_membership",
        membership.id,
        household_id=membership.household_id,
        fields=["staff_member_id" if membership.staff_member_id else "partner_contact_id", "role_id", "start_date"]
        + (["is_coordinator"] if membership.is_coordinator else []),
    )
