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

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from caseworker.exports.facts import EpisodeFact, ExportScope
from caseworker.exports.report import Statistic
from caseworker.exports.support_figures import rounded, stock_words
from caseworker.formats import format_date
from caseworker.models import Episode, IntensityLevel, IntensityPeriod, Measure, StaffMember, TeamMembership
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


def team_caseload(
    session: Session, episodes: Sequence[EpisodeFact], scope: ExportScope, suspended: frozenset[int]
) -> TeamCaseload:
    """The caseloads, on the *état au*, of the referents of the households the scope supports that day.

    Four queries whatever the number of households: the team memberships, the supports running, their levels and
    the referents' FTE (``suspended``: the episodes paused that day).
    """
    day = scope.as_of
    in_scope = {episode.household_id for episode in episodes if episode.running_on(day)}
    pairs: set[tuple[int, int]] = set()
    for staff_id, household_id in session.execute(
        select(TeamMembership.staff_member_id, TeamMembership.household_id).where(
            TeamMembership.staff_member_id.is_not(None),
            TeamMembership.start_date <= day,
            or_(TeamMembership.end_date.is_(None), TeamMembership.end_date >= day),
        )
    ):
        if staff_id is not None:
            pairs.add((staff_id, household_id))
    referents = {staff_id for staff_id, household_id in pairs if household_id in in_scope}
    weights, targets = _household_weights(session, scope, suspended)
    load: dict[int, int] = defaultdict(int)
    weight: dict[int, int] = defaultdict(int)
    target: dict[int, int | None] = {}
    households: set[int] = set()
    for staff_id, household_id in sorted(pairs):
        if staff_id not in referents or household_id not in weights:
            continue
        households.add(household_id)
        load[staff_id] += 1
        weight[staff_id] += weights[household_id]
        found = targets[household_id]
        if found is not None:
            known = target.get(staff_id)
            target[staff_id] = found if known is None else min(known, found)
        else:
            target.setdefault(staff_id, None)
    fte: dict[int, int] = {}
    if referents:
        query = select(StaffMember.id, StaffMember.fte_percent).where(StaffMember.id.in_(sorted(referents)))
        fte = {staff_id: percent for staff_id, percent in session.execute(query)}
    with_target = [staff_id for staff_id in referents if target.get(staff_id) is not None]
    return TeamCaseload(
        referents=len(referents),
        households=len(households),
        fte_percent=sum(fte.get(staff_id, 0) for staff_id in referents),
        load=sum(load.values()),
        weight_percent=sum(weight.values()),
        target_fte_percent=sum(fte.get(staff_id, 0) for staff_id in with_target),
        target_load=sum((target[staff_id] or 0) * fte.get(staff_id, 0) for staff_id in with_target),
    )


def _household_weights(
    session: Session, scope: ExportScope, suspended: frozenset[int]
) -> tuple[dict[int, int], dict[int, int | None]]:
    """Each household with a support running on the day: its weight (hundredths) and its smallest target."""
    day = scope.as_of
    levels: dict[int, int] = {}
    for episode_id, level_weight in session.execute(
        select(IntensityPeriod.episode_id, IntensityLevel.weight_percent)
        .join(IntensityLevel, IntensityLevel.id == IntensityPeriod.level_id)
        .where(
            IntensityPeriod.start_date <= day, or_(IntensityPeriod.end_date.is_(None), IntensityPeriod.end_date >= day)
        )
    ):
        levels[episode_id] = max(levels.get(episode_id, 0), level_weight)  # overlapping periods: the heaviest
    weights: dict[int, int] = {}
    targets: dict[int, int | None] = {}
    for episode_id, household_id, target in session.execute(
        select(Episode.id, Episode.household_id, Measure.caseload_target)
        .join(Measure, Measure.id == Episode.measure_id)
        .where(Episode.start_date <= day, or_(Episode.end_date.is_(None), Episode.end_date > day))
    ):
        own = 0 if episode_id in suspended else levels.get(episode_id, DEFAULT_WEIGHT_PERCENT)
        weights[household_id] = max(weights.get(household_id, 0), own)
        known = targets.get(household_id)
        targets[household_id] = target if known is None else known if target is None else min(known, target)
    return weights, targets


def caseload(
    session: Session, episodes: Sequence[EpisodeFact], scope: ExportScope, suspended: frozenset[int]
) -> tuple[Statistic, ...]:
    """Households per referent FTE, raw and weighted, and the target per FTE: the team's only."""
    team = team_caseload(session, episodes, scope, suspended)
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
