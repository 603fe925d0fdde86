"""Who counts as an adult of a household: one rule for consent, signatures, mediations and summaries.

Adults give their own consent (docs/domain.md §2, §7.2), sign the household's contracts and take part in
mediations. Only the birth *year* is recorded (``Person.birth_year``, often unknown), and a role is chosen from
the list, so both may be wrong or missing. A person counts as a child only when the role is a child's role **and**
the birth year does not say 18 or more this year: a 36-year-old recorded as "enfant" is an adult, and anyone who
turns 18 during the year is an adult from 1 January (the exact birthday is not known: consent is asked rather
than assumed). A child's role without a birth year stays a child — never named as a signatory nor asked to
consent — but the consent gate refuses to share until the year is entered (:func:`age_unknown`): the child may
have grown up.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from caseworker.models import Person
from caseworker.services.households.queries import current_memberships

ADULT_AGE = 18
ADULT_RULE = "18 ans ou plus cette année, ou rôle adulte"
"""The rule in the words of the messages that depend on it."""


def is_adult(*, child_role: bool, birth_year: int | None, on: date) -> bool:
    """Tell whether a member counts as an adult on ``on`` (see the module's docstring)."""
    if not child_role:
        return True
    return birth_year is not None and on.year - birth_year >= ADULT_AGE


def age_unknown(*, child_role: bool, birth_year: int | None) -> bool:
    """Tell whether a member in a child's role has no birth year (who may be an adult by now)."""
    return child_role and birth_year is None


def members_of_unknown_age(session: Session, household: int) -> list[Person]:
    """Return the household's current members in a child's role whose birth year is unknown."""
    return [
        person
        for person, membership in current_memberships(session, household)
        if age_unknown(child_role=membership.role.is_child, birth_year=person.birth_year)
    ]


def current_adults(session: Session, household: int, today: date) -> list[tuple[Person, str]]:
    """Return the household's current adult members with their role label, in the household's order."""
    return [
        (person, membership.role.label)
        for person, membership in current_memberships(session, household)
        if is_adult(child_role=membership.role.is_child, birth_year=person.birth_year, on=today)
    ]
