"""The team's caseload on the *état au* day: households per referent FTE, raw and weighted, against target (§13).

The board's definitions (:mod:`caseworker.services.support.caseloads`), taken on a day rather than today: a
household counts for a professional on their team that day while it has a support running (any measure); it weighs
the heaviest intensity level of its supports running and not suspended that day (an active support without a level
weighs :data:`~caseworker.services.support.caseloads.DEFAULT_WEIGHT_PERCENT`), nothing when all are suspended; a
professional's target is the smallest caseload target of their households' measures, scaled by their FTE.

The referents counted are the professionals on the team of at least one household supported under the profile's
measures that day, with their whole caseload (their time is not split by measure). Only the team's figures are
published — the sum of their caseloads over the sum of their FTE — never one person's: with fewer than two
referents the figures would be one person's, and they are withheld; with fewer households than the threshold too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Subquery, case, func, or_, select
from sqlalchemy.orm import Session

from caseworker.exports.facts import ExportScope
from caseworker.exports.report import Statistic
from caseworker.exports.support_figures import rounded, stock_words
from caseworker.formats import format_date
from caseworker.models import (
    Episode,
    IntensityLevel,
    IntensityPeriod,
    Measure,
    StaffMember,
    Suspension,
    TeamMembership,
)
from caseworker.services.support.caseloads import DEFAULT_WEIGHT_PERCENT

MIN_REFERENTS = 2
"""Below two referents, a team's figure is one person's caseload."""


@dataclass(frozen=True)
class TeamCaseload:
    """The referents' caseloads added up: households (a household on two referents' teams counts for each)."""

    referents: int
    households: int  # distinct households behind the figures
    fte_percent: int
    load: int  # households, summed over the referents
    weight_percent: int  # their weights, in hundredths, summed over the referents
    target_fte_percent: int  # the FTE of the referents with a target
    target_load: int  # their targets × FTE in hundredths of a household, summed

    def per_fte(self, value: int) -> Decimal | None:
        """``value`` per full-time referent (None without FTE)."""
        return rounded(value / self.fte_percent) if self.fte_percent else None


def team_caseload(session: Session, scope: ExportScope) -> TeamCaseload:
    """The caseloads, on the *état au*, of the referents of the households the scope supports that day.

    One query whatever the number of households: the day's (staff member, household) pairs joined to the
    households weighed by the database as the board's are (:func:`~caseworker.services.support.caseloads.loads_query`),
    added up here.
    """
    pair, per_household = _day_loads(scope)
    rows = session.execute(
        select(
            pair.c.staff_member_id,
            StaffMember.fte_percent,
            pair.c.household_id,
            per_household.c.weight,
            per_household.c.target,
            per_household.c.in_scope,
        )
        .select_from(pair)
        .join(per_household, per_household.c.household_id == pair.c.household_id)
        .join(StaffMember, StaffMember.id == pair.c.staff_member_id)
    ).all()
    referents = {staff_id for staff_id, _fte, _household, _weight, _target, in_scope in rows if in_scope}
    fte: dict[int, int] = {}
    target: dict[int, int] = {}
    households: set[int] = set()
    load = weight = 0
    for staff_id, percent, household_id, household_weight, household_target, _in_scope in rows:
        if staff_id not in referents:
            continue
        fte[staff_id] = int(percent)
        households.add(household_id)
        load += 1
        weight += int(household_weight or 0)
        if household_target is not None:
            target[staff_id] = min(int(household_target), target.get(staff_id, int(household_target)))
    return TeamCaseload(
        referents=len(referents),
        households=len(households),
        fte_percent=sum(fte.values()),
        load=load,
        weight_percent=weight,
        target_fte_percent=sum(fte[staff_id] for staff_id in target),
        target_load=sum(value * fte[staff_id] for staff_id, value in target.items()),
    )


def _day_loads(scope: ExportScope) -> tuple[Subquery, Subquery]:
    """The (staff member, household) pairs of the day, and each household with a support running that day.

    A household's weight (hundredths) is the heaviest level of its supports active that day (suspended: 0), its
    target the smallest of their measures', and ``in_scope`` 1 when one of them is of the profile's measures.
    """
    day = scope.as_of
    pair = (
        select(TeamMembership.staff_member_id, TeamMembership.household_id)
        .where(
            TeamMembership.staff_member_id.is_not(None),
            TeamMembership.start_date <= day,
            or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= day),
        )
        .distinct()
        .subquery("pair")
    )
    paused = select(Suspension.episode_id).where(
        Suspension.start_date <= day, or_(Suspension.end_date.is_(None), Suspension.end_date >= day)
    )
    weight = case(
        (Episode.id.in_(paused), 0), else_=func.coalesce(IntensityLevel.weight_percent, DEFAULT_WEIGHT_PERCENT)
    )
    per_household = (
        select(
            Episode.household_id.label("household_id"),
            func.max(weight).label("weight"),
            func.min(Measure.caseload_target).label("target"),
            func.max(case((Measure.code.in_(scope.measure_codes), 1), else_=0)).label("in_scope"),
        )
        .join(Measure, Measure.id == Episode.measure_id)
        .outerjoin(
            IntensityPeriod,
            (IntensityPeriod.episode_id == Episode.id)
            & (IntensityPeriod.start_date <= day)
            & or_(IntensityPeriod.end_date.is_(None), IntensityPeriod.end_date >= day),
        )
        .outerjoin(IntensityLevel, IntensityLevel.id == IntensityPeriod.level_id)
        .where(Episode.start_date <= day, or_(Episode.end_date.is_(None), Episode.end_date > day))
        .group_by(Episode.household_id)
        .subquery("per_household")
    )
    return pair, per_household


def caseload(session: Session, scope: ExportScope) -> tuple[Statistic, ...]:
    """Households per referent FTE, raw and weighted, and the target per FTE: the team's only."""
    team = team_caseload(session, scope)
    one_person = team.referents < MIN_REFERENTS
    basis = f"{stock_words(scope)} ; {team.referents} référents" if not one_person else stock_words(scope)
    who = (
        f"Les professionnels de l'équipe d'au moins un ménage accompagné par la mesure au {format_date(scope.as_of)}, "
        "avec tous les ménages qu'ils suivent ce jour-là (comme au tableau de bord) ; un ménage suivi par deux "
        "référents compte pour chacun. Chiffre d'équipe seulement, jamais par personne (retenu sous deux référents)."
    )

    def figure(key: str, title: str, value: Decimal | None, unit: str, definition: str) -> Statistic:
        return Statistic(key, title, None if one_person else value, unit, team.households, basis, f"{definition} {who}")

    target = rounded(team.target_load / team.target_fte_percent) if team.target_fte_percent else None
    return (
        figure(
            "caseload_per_fte",
            "Charge : ménages par ETP de référent",
            team.per_fte(team.load * 100),
            "ménages par ETP",
            "Ménages suivis, additionnés sur les référents, divisés par la somme de leurs ETP.",
        ),
        figure(
            "caseload_weighted_per_fte",
            "Charge pondérée par ETP de référent",
            team.per_fte(team.weight_percent),
            "ménages pondérés par ETP",
            "Chaque ménage pèse le niveau d'intensité le plus lourd de ses accompagnements actifs ce jour-là "
            "(renforcé 2, standard 1…), rien s'ils sont tous suspendus ; additionnés sur les référents, divisés par "
            "la somme de leurs ETP.",
        ),
        figure(
            "caseload_target_per_fte",
            "Cible de charge par ETP de référent",
            target,
            "ménages pondérés par ETP",
            "La cible de chaque référent (la plus petite cible des mesures de ses ménages, à proportion de son ETP), "
            "additionnée sur les référents qui en ont une, divisée par la somme de leurs ETP.",
        ),
    )
