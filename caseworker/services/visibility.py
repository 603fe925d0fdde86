"""Which households a person sees, applied to every read and change the services make (docs/domain.md §2).

The rule is :func:`caseworker.services.access_policy.sees_all_households` and
:func:`~caseworker.services.access_policy.visible_household_ids`; here it becomes a condition SQLAlchemy adds to
every ORM statement of a service's session: on the household itself, on every record that names its household
(members, housing, episodes, contacts, team, alerts, contracts, consents, debts, procedures…) and on the people who
are members of a visible household. A household the person may not see is then absent from the list, from the
search, from counts, and "not found" when asked for by its number — the same answer as on the team's server, whose
row-level security is built from the same rule (:mod:`caseworker.team.access_rules`).

The audit log is not filtered: it holds no name, its chain is verified whole, and who reads it is a matter of role.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import event, exists, or_, select
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria
from sqlalchemy.orm.interfaces import ORMOption

from caseworker.models import AuditEvent, Base, Household, HouseholdMembership, Person
from caseworker.services.access_policy import sees_all_households, visible_household_ids

_INFO_KEY = "caseworker.visibility"

COUNTS_OVER_ALL_HOUSEHOLDS = "caseworker.counts_over_all_households"
"""Execution option of a statement that returns only counts per staff member over every household (caseloads).

A colleague's caseload is a figure the whole service shares: who sees it learns how many households they follow,
never which. Never set it on a statement that returns a household's rows. On the team's server the same figures
come from a function of the access rules (:mod:`caseworker.team.access_rules`).
"""


@dataclass(frozen=True)
class Viewer:
    """Who reads through a session, their role, and their today (a team membership's end date is its last day).

    Nobody (None) is the maintenance of a local store, before anyone logs in: it sees every household.
    """

    staff_member_id: int | None
    role_code: str | None
    today: date


class VisibleSession(Session):
    """A session whose ORM statements see only the households its viewer may see."""


def open_session(viewer: Callable[[Session], Viewer], **options: object) -> VisibleSession:
    """A session for ``viewer`` (called once, at the session's first statement)."""
    session = VisibleSession(**options)  # type: ignore[arg-type]
    session.info[_INFO_KEY] = viewer
    return session


def _household_linked() -> list[type[Base]]:
    """The mapped classes that name their household (the audit log aside)."""
    return [
        mapper.class_
        for mapper in Base.registry.mappers
        if "household_id" in mapper.columns and mapper.class_ is not AuditEvent
    ]


def _criteria(session: Session) -> list[ORMOption]:
    """The conditions for this session's viewer, computed once per session (none for who sees everything)."""
    cached = session.info.get(_INFO_KEY + ".criteria")
    if cached is not None:
        return list(cached)
    session.info[_INFO_KEY + ".criteria"] = ()  # the role's own query below reads no household
    viewer = session.info[_INFO_KEY](session)
    options: list[ORMOption] = []
    if viewer.staff_member_id is not None and not sees_all_households(viewer.role_code):
        visible = visible_household_ids(viewer.staff_member_id, viewer.today)
        options.append(with_loader_criteria(Household, Household.id.in_(visible), include_aliases=True))
        for linked in _household_linked():
            column = linked.household_id  # type: ignore[attr-defined]
            # A record of no household (a framework agreement with a landlord, its documents) is the service's.
            rule = or_(column.is_(None), column.in_(visible)) if column.nullable else column.in_(visible)
            options.append(with_loader_criteria(linked, rule, include_aliases=True))
        membership = HouseholdMembership.__table__.alias("visible_membership")
        in_visible_household = exists(
            select(membership.c.id).where(membership.c.person_id == Person.id, membership.c.household_id.in_(visible))
        )
        # A person being created has no household yet: they are seen by whoever creates them.
        no_household_yet = ~exists(select(membership.c.id).where(membership.c.person_id == Person.id).correlate(Person))
        options.append(with_loader_criteria(Person, in_visible_household | no_household_yet, include_aliases=True))
    session.info[_INFO_KEY + ".criteria"] = tuple(options)
    return options


@event.listens_for(VisibleSession, "do_orm_execute")
def _only_visible_households(state: ORMExecuteState) -> None:
    if state.is_column_load or state.is_relationship_load:
        return  # the criteria of the statement that loaded the object already apply
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.is_select and state.execution_options.get(COUNTS_OVER_ALL_HOUSEHOLDS):
        return
    options = _criteria(state.session)
    if options:
        state.statement = state.statement.options(*options)
