"""Questions other capabilities ask about a household.

Does it exist, who belongs to it now, where it lives, who coordinates its support.

Each runs in the caller's session and returns ORM rows or plain values for that use case to read; none writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from caseworker.models import Household, HouseholdMembership, MemberRole, Occupancy, Person, StaffMember, TeamMembership
from caseworker.services.errors import NotFoundError
from caseworker.services.identity import person_display_name, staff_display_name


def existing_household(session: Session, household_id: int, *, missing: str = "") -> Household:
    """Return the household, or raise :class:`NotFoundError` (``missing``, else "Ménage introuvable (n° …).")."""
    household = session.get(Household, household_id)
    if household is None:
        raise NotFoundError(missing or f"Ménage introuvable (n° {household_id}).")
    return household


def current_memberships(session: Session, household_id: int) -> list[tuple[Person, HouseholdMembership]]:
    """Return the household's current members with their membership (its role loaded), in the household's order.

    The order is the role's (the reference person first), then who arrived first.
    """
    rows = session.execute(
        select(Person, HouseholdMembership)
        .join(HouseholdMembership, HouseholdMembership.person_id == Person.id)
        .join(MemberRole, MemberRole.id == HouseholdMembership.role_id)
        .where(HouseholdMembership.household_id == household_id, HouseholdMembership.end_date.is_(None))
        .options(selectinload(HouseholdMembership.role))
        .order_by(MemberRole.sort_order, HouseholdMembership.start_date, Person.id)
    )
    return [(person, membership) for person, membership in rows]


@dataclass(frozen=True)
class PersonChoice:
    """A person a record of the household may name: one who is, or was, a member of it."""

    id: int
    name: str
    current: bool


def person_choices(session: Session, household_id: int) -> list[PersonChoice]:
    """Return who a record of the household may name: the current members in the household's order, then who left."""
    rows = session.execute(
        select(Person, HouseholdMembership.end_date)
        .join(HouseholdMembership, HouseholdMembership.person_id == Person.id)
        .join(MemberRole, MemberRole.id == HouseholdMembership.role_id)
        .where(HouseholdMembership.household_id == household_id)
        .order_by(
            HouseholdMembership.end_date.is_not(None),
            MemberRole.sort_order,
            HouseholdMembership.start_date,
            Person.id,
        )
    )
    choices: dict[int, PersonChoice] = {}
    for person, end_date in rows:
        if person.id not in choices:
            name = person_display_name(person.first_name, person.last_name, person.pseudonym)
            choices[person.id] = PersonChoice(person.id, name, end_date is None)
    return list(choices.values())


def was_member(session: Session, person_id: int, household_id: int) -> bool:
    """Tell whether the person is, or was, a member of the household."""
    found = session.scalar(
        select(HouseholdMembership.id)
        .where(HouseholdMembership.person_id == person_id, HouseholdMembership.household_id == household_id)
        .limit(1)
    )
    return found is not None


def current_occupancy(session: Session, household_id: int) -> Occupancy | None:
    """Return the household's open occupancy period (its status loaded), or None when none is recorded."""
    return session.scalar(
        select(Occupancy)
        .options(joinedload(Occupancy.status))
        .where(Occupancy.household_id == household_id, Occupancy.end_date.is_(None))
        .limit(1)
    )


def coordinator(session: Session, household_id: int) -> StaffMember | None:
    """Return the staff member who coordinates the household's support today, or None (docs/domain.md §1)."""
    return session.scalar(
        select(StaffMember)
        .join(TeamMembership, TeamMembership.staff_member_id == StaffMember.id)
        .where(
            TeamMembership.household_id == household_id,
            TeamMembership.is_coordinator,
            TeamMembership.end_date.is_(None),
        )
        .limit(1)
    )


def coordinator_names(session: Session, household_ids: Iterable[int]) -> dict[int, str]:
    """Return the coordinating referent of each household that has one ("Prénom NOM"), in one query."""
    wanted = set(household_ids)
    if not wanted:
        return {}
    query = (
        select(TeamMembership.household_id, StaffMember.first_name, StaffMember.last_name)
        .join(StaffMember, StaffMember.id == TeamMembership.staff_member_id)
        .where(
            TeamMembership.household_id.in_(wanted),
            TeamMembership.is_coordinator,
            TeamMembership.end_date.is_(None),
        )
    )
    return {household_id: staff_display_name(first, last) for household_id, first, last in session.execute(query)}
