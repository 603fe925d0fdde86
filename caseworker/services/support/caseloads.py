"""Each professional's caseload (file active) against the target of their measures (docs/domain.md §3.1).

A household counts for a professional while they are a current member of its team and it has a running (actif or
suspendu) support episode. It weighs the heaviest current intensity level of its *actif* episodes (renforcé 2,
standard 1…); an actif episode without any intensity recorded weighs 1 (standard). A household whose only running
episodes are *suspendu* weighs 0: suspended support pauses the work, so it is counted in the number of households
but not in the load. The target is the smallest caseload target among the measures of these running episodes (the
most demanding scheme sets the pace), scaled by the professional's FTE.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, case, func, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session, joinedload

from caseworker.domain import EpisodeStatus
from caseworker.models import (
    Episode,
    IntensityLevel,
    IntensityPeriod,
    Measure,
    Organisation,
    StaffMember,
    TeamMembership,
)
from caseworker.services.identity import staff_display_name
from caseworker.services.support.states import running_statuses
from caseworker.services.visibility import COUNTS_OVER_ALL_HOUSEHOLDS

DEFAULT_WEIGHT_PERCENT = 100
"""Weight of an actif episode whose intensity was never recorded (the standard level)."""


@dataclass(frozen=True)
class CaseloadView:
    """A professional's caseload (file active) against the target of their measures."""

    staff_member_id: int
    name: str
    role_label: str
    fte_percent: int
    households: int
    weighted_load: float
    target: float | None

    @property
    def ratio(self) -> float | None:
        """Return the weighted load divided by the target (None without a target)."""
        if self.target is None or self.target <= 0:
            return None
        return self.weighted_load / self.target

    @property
    def over_target(self) -> bool:
        """Tell whether the weighted load exceeds the target."""
        ratio = self.ratio
        return ratio is not None and ratio > 1


def read_caseloads(session: Session, staff_member_ids: list[int] | None) -> list[CaseloadView]:
    """Return caseloads by name, of the given staff members or of the whole team.

    Without ``staff_member_ids``: every active staff member of the association, and every other staff member
    currently on a team. Two queries whatever the number of households: the staff members, and the loads grouped
    in SQL.
    """
    wanted = staff_member_ids
    staff_query = select(StaffMember).options(joinedload(StaffMember.role)).join(StaffMember.organisation)
    if wanted is not None:
        staff_query = staff_query.where(StaffMember.id.in_(wanted))
    else:
        on_a_team = select(TeamMembership.staff_member_id).where(
            TeamMembership.end_date.is_(None), TeamMembership.staff_member_id.is_not(None)
        )
        staff_query = staff_query.where(
            (StaffMember.active.is_(True) & Organisation.is_own.is_(True)) | StaffMember.id.in_(on_a_team)
        )
    staff = session.scalars(staff_query.order_by(StaffMember.last_name, StaffMember.first_name)).all()
    loads = _loads(session, wanted)
    return [_caseload_view(member, loads.get(member.id)) for member in staff]


@dataclass(frozen=True)
class _Load:
    households: int
    weight_percent: int
    target: int | None


SERVER_FUNCTION = "caseworker_caseloads()"
"""On the team's server, the loads of every staff member over every household (run with the owner's rights)."""

SERVER_FUNCTION_RETURNS = "TABLE (staff_member_id integer, households bigint, weight bigint, target integer)"


def _loads(session: Session, staff_member_ids: list[int] | None) -> dict[int, _Load]:
    """Return each staff member's running households, summed weight (hundredths) and smallest target.

    Counted over every household, seen or not by the person reading (docs/domain.md §2): a caseload is a figure
    the whole service shares, never a list. On the team's server, through :data:`SERVER_FUNCTION`.
    """
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(text(f"SELECT * FROM {SERVER_FUNCTION}")).all()
        wanted = None if staff_member_ids is None else set(staff_member_ids)
        rows = [row for row in rows if wanted is None or row[0] in wanted]
    else:
        query = loads_query(staff_member_ids).execution_options(**{COUNTS_OVER_ALL_HOUSEHOLDS: True})
        rows = list(session.execute(query))
    return {
        int(staff_id): _Load(int(count), int(weight or 0), None if target is None else int(target))
        for staff_id, count, weight, target in rows
    }


def loads_sql() -> str:
    """The body of :data:`SERVER_FUNCTION`: :func:`loads_query` for every staff member, in PostgreSQL."""
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    compiled = loads_query(None).compile(dialect=dialect, compile_kwargs={"literal_binds": True})
    return str(compiled)


def loads_query(staff_member_ids: list[int] | None) -> Select[tuple[int, int, int, int | None]]:
    """Each staff member's running households, summed weight (hundredths) and smallest target, in one query.

    The running episodes, their measures and current intensity levels grouped per household first (weight, target
    of the household: one row per household), then joined to the current (staff, household) pairs and grouped per
    staff member. Grouping the households before the pairs weighs each household once, not once per team member:
    a third less work on 10,000 households.
    """
    pairs = (
        select(TeamMembership.staff_member_id, TeamMembership.household_id)
        .where(TeamMembership.end_date.is_(None), TeamMembership.staff_member_id.is_not(None))
        .distinct()
    )
    if staff_member_ids is not None:
        pairs = pairs.where(TeamMembership.staff_member_id.in_(staff_member_ids))
    pair = pairs.subquery("pair")
    episode_weight = case(
        (Episode.status == EpisodeStatus.ACTIF, func.coalesce(IntensityLevel.weight_percent, DEFAULT_WEIGHT_PERCENT)),
        else_=0,
    )
    per_household = (
        select(
            Episode.household_id.label("household_id"),
            func.max(episode_weight).label("weight"),
            func.min(Measure.caseload_target).label("target"),
        )
        .join(Measure, Measure.id == Episode.measure_id)
        .outerjoin(IntensityPeriod, (IntensityPeriod.episode_id == Episode.id) & IntensityPeriod.end_date.is_(None))
        .outerjoin(IntensityLevel, IntensityLevel.id == IntensityPeriod.level_id)
        .where(Episode.status.in_(running_statuses()))
        .group_by(Episode.household_id)
        .subquery("per_household")
    )
    return (
        select(
            pair.c.staff_member_id,
            func.count(),
            func.sum(per_household.c.weight),
            func.min(per_household.c.target),
        )
        .select_from(pair)
        .join(per_household, per_household.c.household_id == pair.c.household_id)
        .group_by(pair.c.staff_member_id)
    )


def _caseload_view(member: StaffMember, load: _Load | None) -> CaseloadView:
    load = load or _Load(0, 0, None)
    return CaseloadView(
        staff_member_id=member.id,
        name=staff_display_name(member.first_name, member.last_name),
        role_label=member.role.label,
        fte_percent=member.fte_percent,
        households=load.households,
        weighted_load=load.weight_percent / 100,
        target=None if load.target is None else load.target * member.fte_percent / 100,
    )
