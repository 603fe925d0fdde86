"""Which households a board reading covers, and how it names them.

The filters become one SQL selection of household ids that every panel's query takes as a sub-select, so that a
filter costs no list of ids sent back and forth; without a filter the panels read every household the person sees
(the visibility of docs/domain.md §2 is added to each statement by the session, locally and on the server).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from typing_extensions import Unpack

from caseworker.models import Episode, Household, Measure, Organisation, StaffMember, TeamMembership
from caseworker.services.board.values import BoardChoices, BoardFilter, FilterChoice, initials_of
from caseworker.services.errors import ValidationError
from caseworker.services.households import display_names_for
from caseworker.services.identity import household_reference, staff_display_name
from caseworker.services.support.states import running_statuses

_Query = TypeVar("_Query", bound="Select[Unpack[tuple[Any, ...]]]")


@dataclass(frozen=True)
class Scope:
    """The households of a reading, with and without the measure asked for (None: every household seen).

    ``households`` applies every filter (a measure: households with a running episode of it); ``team`` only the
    team and referent ones, for the panels that read episodes and test the measure on each episode itself (a
    candidate of the waiting list has no running episode of the measure yet).
    """

    households: Select[int] | None
    team: Select[int] | None
    measure_id: int | None

    def where(self, column: InstrumentedAttribute[int]) -> ColumnElement[bool] | None:
        """Return ``column IN (the households)``, or None when the reading covers every household seen."""
        return None if self.households is None else column.in_(self.households)

    def episodes(self, query: _Query) -> _Query:
        """Narrow a query over ``episode`` to the team's households and the measure's episodes."""
        if self.team is not None:
            query = query.where(Episode.household_id.in_(self.team))
        if self.measure_id is not None:
            query = query.where(Episode.measure_id == self.measure_id)
        return query


def check_filter(session: Session, filters: BoardFilter) -> None:
    """Refuse, in French, a filter naming something that does not exist.

    Raises:
        ValidationError: an unknown team, referent or measure.
    """
    problems = {}
    if filters.organisation_id is not None and session.get(Organisation, filters.organisation_id) is None:
        problems["organisation_id"] = "Équipe : choisissez-la dans la liste."
    if filters.referent_id is not None and session.get(StaffMember, filters.referent_id) is None:
        problems["referent_id"] = "Référent : choisissez-le dans la liste."
    if filters.measure_id is not None and session.get(Measure, filters.measure_id) is None:
        problems["measure_id"] = "Mesure : choisissez-la dans la liste."
    if problems:
        raise ValidationError(problems)


def scope_of(filters: BoardFilter) -> Scope:
    """Return the households the filters keep.

    A team keeps the households whose current team includes one of its organisation's staff; a referent, those
    whose current team includes them; a measure, those with a running (actif or suspendu) episode of it.
    """
    team: list[Select[int]] = []
    if filters.organisation_id is not None:
        team.append(
            select(TeamMembership.household_id)
            .join(StaffMember, StaffMember.id == TeamMembership.staff_member_id)
            .where(TeamMembership.end_date.is_(None), StaffMember.organisation_id == filters.organisation_id)
        )
    if filters.referent_id is not None:
        team.append(
            select(TeamMembership.household_id).where(
                TeamMembership.end_date.is_(None), TeamMembership.staff_member_id == filters.referent_id
            )
        )
    every = list(team)
    if filters.measure_id is not None:
        every.append(
            select(Episode.household_id).where(
                Episode.measure_id == filters.measure_id, Episode.status.in_(running_statuses())
            )
        )
    return Scope(_households(every), _households(team), filters.measure_id)


def _households(conditions: list[Select[int]]) -> Select[int] | None:
    if not conditions:
        return None
    # Never correlated: each panel's query may read the very table a condition reads (episode, team membership).
    households = select(Household.id).where(*(Household.id.in_(item.correlate(None)) for item in conditions))
    return households.correlate(None)


@dataclass(frozen=True)
class Names:
    """The households' numbers, names and initials, read once for every panel.

    A household is on several panels and lines: its initials are worked out once (a regular expression each).
    """

    names: dict[int, str]
    initials_by_id: dict[int, str]

    def reference(self, household_id: int) -> str:
        """Return the household's number, e.g. "M-000042"."""
        return household_reference(household_id)

    def name(self, household_id: int) -> str:
        """Return the household's name as the list shows it."""
        return self.names.get(household_id, "")

    def initials(self, household_id: int) -> str:
        """Return the initials of the household's name."""
        found = self.initials_by_id.get(household_id)
        return found if found is not None else initials_of(self.name(household_id))


def names_of(session: Session, household_ids: Iterable[int]) -> Names:
    """Return the names of ``household_ids`` in one query."""
    names = display_names_for(session, household_ids)
    return Names(names, {household_id: initials_of(name) for household_id, name in names.items()})


def choices(session: Session) -> BoardChoices:
    """Return the entries of the filter combos: teams with staff, staff on a team today, active measures."""
    organisations = session.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.id.in_(select(StaffMember.organisation_id).where(StaffMember.active.is_(True))))
        .order_by(Organisation.is_own.desc(), Organisation.name)
    ).all()
    on_a_team = select(TeamMembership.staff_member_id).where(
        TeamMembership.end_date.is_(None), TeamMembership.staff_member_id.is_not(None)
    )
    staff = session.execute(
        select(StaffMember.id, StaffMember.first_name, StaffMember.last_name)
        .where(StaffMember.active.is_(True) | StaffMember.id.in_(on_a_team))
        .order_by(StaffMember.last_name, StaffMember.first_name)
    ).all()
    measures = session.execute(
        select(Measure.id, Measure.name).where(Measure.active.is_(True)).order_by(Measure.sort_order, Measure.name)
    ).all()
    return BoardChoices(
        organisations=tuple(FilterChoice(row[0], row[1]) for row in organisations),
        referents=tuple(FilterChoice(row[0], staff_display_name(row[1], row[2])) for row in staff),
        measures=tuple(FilterChoice(row[0], row[1]) for row in measures),
    )
