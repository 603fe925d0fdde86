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

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, and_, event, exists, func, literal, or_, select
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, with_loader_criteria
from sqlalchemy.orm.interfaces import ORMOption
from sqlalchemy.sql import visitors
from sqlalchemy.sql.selectable import NamedFromClause

from caseworker.models import Base, Household
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


def viewer_of(session: Session) -> Viewer | None:
    """Who reads through ``session`` (None for a session that is not a service's: the maintenance, a migration)."""
    viewer = session.info.get(_INFO_KEY)
    return viewer(session) if callable(viewer) else None


@dataclass(frozen=True)
class ParentLink:
    """A foreign key by which a row belongs to a household through its parent (an alert's step, a debt's plan…)."""

    column: str
    parent: str
    nullable: bool


NOT_A_HOUSEHOLDS = frozenset({"audit_event"})
"""Tables outside the rule: the audit log names households by number only and is verified whole."""


@cache
def hanging_tables() -> dict[str, list[ParentLink]]:
    """The tables that are a household's through a parent row rather than a ``household_id`` of their own.

    Built from the models, parents first: a table follows every parent that is a household's (a row is seen when
    each of its parents is). The services filter these locally; the team's server builds its row-level security
    from the same list (:mod:`caseworker.team.access_rules`).
    """
    ruled = {"household", "person"}
    hanging: dict[str, list[ParentLink]] = {}
    for table in Base.metadata.sorted_tables:
        if table.name in ruled or table.name in NOT_A_HOUSEHOLDS:
            continue
        if "household_id" in table.c:
            ruled.add(table.name)
            continue
        links = [
            ParentLink(key.parent.name, key.column.table.name, bool(key.parent.nullable))
            for key in sorted(table.foreign_keys, key=lambda key: key.parent.name)
            if key.column.table.name in ruled and key.column.table.name != table.name
        ]
        if links:
            hanging[table.name] = links
            ruled.add(table.name)
    return hanging


Columns = Callable[[str], ColumnElement[Any]]
"""A table's columns by name: an alias's own, or a mapped class's attributes (which SQLAlchemy adapts to the
aliases of the class a statement joins)."""


def _among(visible: tuple[int, ...]) -> Select[tuple[int]]:
    """The households ``visible`` as a subquery over one parameter (a JSON array that SQLite reads itself).

    ``IN (1, 2, …)`` would bind each number: a referent on 350 households' teams paid 0.8 ms a condition, at every
    statement, to expand the parameters (a file's opening runs about twenty).
    """
    return select(func.json_each(literal(json.dumps(visible))).table_valued("value").c.value)


def _row_seen(name: str, column: Columns, visible: tuple[int, ...]) -> ColumnElement[bool]:
    """The condition that a row of the table ``name`` (its columns: ``column``) is one of ``visible``'s."""
    if name == "household":
        return column("id").in_(_among(visible))
    if name == "person":
        membership = _alias("household_membership")
        placed = select(membership.c.id).where(membership.c.person_id == column("id"))
        # A person being created has no household yet: they are seen by whoever creates them.
        return exists(placed.where(membership.c.household_id.in_(_among(visible)))) | ~exists(placed)
    table = Base.metadata.tables[name]
    if "household_id" in table.c:
        household = column("household_id")
        # A record of no household (a framework agreement with a landlord, its documents) is the service's.
        if table.c.household_id.nullable:
            return or_(household.is_(None), household.in_(_among(visible)))
        return household.in_(_among(visible))
    conditions = []
    for link in hanging_tables()[name]:
        parent = _alias(link.parent)
        own = column(link.column)
        seen = exists(
            select(parent.c.id).where(parent.c.id == own, _row_seen(link.parent, _columns_of(parent), visible))
        )
        conditions.append(or_(own.is_(None), seen) if link.nullable else seen)
    return and_(*conditions)


def _columns_of(alias: NamedFromClause) -> Columns:
    """An alias's own columns by name."""

    def column(key: str) -> ColumnElement[Any]:
        return alias.c[key]

    return column


@cache
def _alias(name: str) -> NamedFromClause:
    """One alias per table for the parents' checks (a chain of parents never meets the same table twice)."""
    return Base.metadata.tables[name].alias(f"seen_{name}")


def _attributes(mapper: Mapper[Any]) -> Columns:
    """The columns of a mapped class's table, as the class's attributes."""
    table = mapper.local_table
    return lambda key: getattr(mapper.class_, mapper.get_property_by_column(table.c[key]).key)


@lru_cache(maxsize=16)
def _options(visible: tuple[int, ...]) -> dict[str, ORMOption]:
    """The condition that shows only ``visible``'s households, per table of every class that is a household's."""
    hanging = hanging_tables()
    options: dict[str, ORMOption] = {}
    for mapper in Base.registry.mappers:
        table = mapper.local_table
        if not isinstance(table, Table) or table.name in NOT_A_HOUSEHOLDS:
            continue
        if table.name in ("household", "person") or "household_id" in table.c or table.name in hanging:
            rule = _row_seen(table.name, _attributes(mapper), visible)
            options[table.name] = with_loader_criteria(mapper.class_, rule, include_aliases=True)
    return options


def _tables_of(state: ORMExecuteState) -> set[str]:
    """The tables a statement reads or changes: its entities, every table in it, and those its loader options join.

    Only their conditions are added: each one costs every execution its share of the statement's cache key.
    """
    names = {mapper.local_table.name for mapper in state.all_mappers}  # type: ignore[attr-defined]
    statement: Any = state.statement
    names.update(element.name for element in visitors.iterate(statement) if isinstance(element, Table))
    for option in state.statement._with_options:
        for loader in getattr(option, "context", ()):
            path = getattr(loader, "path", None)
            for step in getattr(path, "path", ()):
                if isinstance(step, Mapper):
                    names.add(step.local_table.name)  # type: ignore[attr-defined]
    return names


def _criteria(session: Session) -> dict[str, ORMOption]:
    """The conditions for this session's viewer, computed once per session (none for who sees everything).

    The households the viewer sees are read once, at the session's first statement; the conditions for that list
    are built once per list. On the team's server the services add none: its row-level security applies the same
    rule to every statement, with the server's own date.
    """
    cached = session.info.get(_INFO_KEY + ".criteria")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    session.info[_INFO_KEY + ".criteria"] = {}  # the reads below are the rule's own
    options: dict[str, ORMOption] = {}
    if session.get_bind().dialect.name != "postgresql":
        viewer = session.info[_INFO_KEY](session)
        if viewer.staff_member_id is not None and not sees_all_households(viewer.role_code):
            ids = tuple(sorted(set(session.scalars(*visible_household_ids(viewer.staff_member_id, viewer.today)))))
            session.info[_INFO_KEY + ".ids"] = ids
            options = _options(ids)
    session.info[_INFO_KEY + ".criteria"] = options
    return options


def visible_households(session: Session) -> tuple[int, ...] | None:
    """The households the session's viewer sees, by number, when they do not see every one (None: they do).

    Read once per session, with the conditions. None too on the team's server (its row-level security applies the
    rule) and for a session that is not a service's.
    """
    if not callable(session.info.get(_INFO_KEY)):
        return None
    _criteria(session)
    ids: tuple[int, ...] | None = session.info.get(_INFO_KEY + ".ids")
    return ids


@event.listens_for(VisibleSession, "pending_to_persistent")
def _created_here(session: Session, instance: object) -> None:
    """A household created in this session is its creator's to read on (the rule says so: no team yet)."""
    ids = session.info.get(_INFO_KEY + ".ids")
    if isinstance(instance, Household) and ids is not None and instance.id not in ids:
        widened = tuple(sorted((*ids, instance.id)))
        session.info[_INFO_KEY + ".ids"] = widened
        session.info[_INFO_KEY + ".criteria"] = _options(widened)


@event.listens_for(VisibleSession, "do_orm_execute")
def _only_visible_households(state: ORMExecuteState) -> None:
    if state.is_column_load:
        return  # a column of an object already loaded under the conditions
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.is_select and state.execution_options.get(COUNTS_OVER_ALL_HOUSEHOLDS):
        return
    options = _criteria(state.session)
    if options:
        # A relationship's own load is a statement of its own: its target's condition is added there.
        chosen = [options[name] for name in sorted(_tables_of(state)) if name in options]
        if chosen:
            state.statement = state.statement.options(*chosen)
