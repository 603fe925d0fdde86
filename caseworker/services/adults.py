"""Who counts as an adult of a household: one rule for consent, signatures, mediations and summaries.

Adults give their own consent (DOMAIN.md §8.3, §10 row 9), sign the household's contracts and take part in
mediations. Only the birth *year* is recorded (``Person.birth_year``, often unknown), and a role is chosen from
the list, so both may be wrong or missing. The rule leans towards asking: a person counts as a child only when
the role is a child's role **and** a known birth year says under 18 this year. So a 36-year-old recorded as
"enfant" is an adult, anyone who turns 18 during the year is an adult from 1 January (the exact birthday is not
known), and a child's role without a birth year counts as an adult until the year is entered.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseworker.models import HouseholdMembership, MemberRole, Person

ADULT_AGE = 18
ADULT_RULE = "18 ans ou plus cette année, ou rôle adulte ; année de naissance inconnue : compté comme adulte"
"""The rule in the words of the messages that depend on it."""


def is_adult(*, child_role: bool, birth_year: int | None, on: date) -> bool:
    """Tell whether a member counts as an adult on ``on`` (see the module's docstring)."""
    if birth_year is None or not child_role:
        return True
    return on.year - birth_year >= ADULT_AGE


def current_adults(session: Session, household: int, today: date) -> list[tuple[Person, str]]:
    """Return the household's current adult members with their role label, in the household's order."""
    rows = session.execute(
        select(Person, HouseholdMembership)
        .join(HouseholdMembership, HouseholdMembership.person_id == Person.id)
        .join(MemberRole, MemberRole.id == HouseholdMembership.role_id)
        .where(HouseholdMembership.household_id == household, HouseholdMembership.end_date.is_(None))
        .options(selectinload(HouseholdMembership.role))
        .order_by(MemberRole.sort_order, HouseholdMembership.start_date, Person.id)
    )
    return [
        (person, membership.role.label)
        for person, membership in rows
        if is_adult(child_role=membership.role.is_child, birth_year=person.birth_year, on=today)
    ]
