"""Co-financing in the funders' exports: whose share, household-years, cost per household-year (docs/domain.md §13.6).

Each episode is funded by its own funding lines, or else by its measure's. A profile that names its funder counts
only the supports that funder pays a share of (and those whose funding nobody stated, wholly); each household-day
then counts for the funder's share: a measure funded half by the DDETS and half by the métropole is 0.5
household-year a year in each one's export. A household whose support has several funders is counted in each
funder's head counts, and flagged *cofinancé*.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.exports.facts import EpisodeFact, ExportScope, Members
from caseworker.exports.report import CountTable, ExportParameters, Statistic
from caseworker.exports.support_figures import period_words
from caseworker.exports.tables import TableText, TwinTables
from caseworker.formats import format_amount, format_date
from caseworker.models import Episode, EpisodeFunding, Funder, Measure, MeasureFunding, Suspension
from caseworker.models.funding import FULL_SHARE_BP

DAYS_IN_A_YEAR = 365
FUNDED_ROWS = ("Un seul financeur", "Cofinancés", "Financement non renseigné")
PROPOSED_WARNING = (
    "La répartition du financement de certains accompagnements est encore celle proposée à partir de l'ancienne "
    "saisie en texte libre : faites-la vérifier dans le catalogue des dispositifs ou sur l'accompagnement."
)
UNSTATED_WARNING = (
    "Le financement de certains accompagnements n'est pas renseigné : ils sont comptés en entier pour ce financeur."
)


@dataclass(frozen=True)
class Funding:
    """Each episode's funders and shares in basis points (an episode without lines is absent).

    ``proposed`` holds the episodes whose lines are still the migration's proposal.
    """

    shares: dict[int, dict[str, int]]
    proposed: frozenset[int]

    def share_of(self, episode_id: int, funder_code: str) -> int:
        """The funder's share of the episode in basis points: whole without a funder named or without lines."""
        lines = self.shares.get(episode_id)
        if not funder_code or not lines:
            return FULL_SHARE_BP
        return lines.get(funder_code, 0)

    def cofunded(self, episode_id: int) -> bool:
        """Whether the episode has several funders."""
        return len(self.shares.get(episode_id, ())) > 1


def load_funding(session: Session, scope: ExportScope) -> Funding:
    """The effective lines of every episode of the scope's measures: its own, else its measure's (two queries)."""
    measure_lines: dict[int, dict[str, int]] = defaultdict(dict)
    proposed_measures: set[int] = set()
    query = (
        select(MeasureFunding.measure_id, Funder.code, MeasureFunding.share_bp, MeasureFunding.proposed)
        .join(Funder, Funder.id == MeasureFunding.funder_id)
        .join(Measure, Measure.id == MeasureFunding.measure_id)
        .where(Measure.code.in_(scope.measure_codes))
    )
    for measure_id, code, share, proposed in session.execute(query):
        measure_lines[measure_id][code] = share
        if proposed:
            proposed_measures.add(measure_id)
    own: dict[int, dict[str, int]] = defaultdict(dict)
    proposed_episodes: set[int] = set()
    query = (
        select(EpisodeFunding.episode_id, Funder.code, EpisodeFunding.share_bp, EpisodeFunding.proposed)
        .join(Funder, Funder.id == EpisodeFunding.funder_id)
        .join(Episode, Episode.id == EpisodeFunding.episode_id)
        .join(Measure, Measure.id == Episode.measure_id)
        .where(Measure.code.in_(scope.measure_codes))
    )
    for episode_id, code, share, proposed in session.execute(query):
        own[episode_id][code] = share
        if proposed:
            proposed_episodes.add(episode_id)
    shares: dict[int, dict[str, int]] = {}
    proposed_read: set[int] = set()
    episodes = (
        select(Episode.id, Episode.measure_id)
        .join(Measure, Measure.id == Episode.measure_id)
        .where(Measure.code.in_(scope.measure_codes))
    )
    for episode_id, measure_id in session.execute(episodes):
        if episode_id in own:
            shares[episode_id] = own[episode_id]
            if episode_id in proposed_episodes:
                proposed_read.add(episode_id)
        elif measure_id in measure_lines:
            shares[episode_id] = measure_lines[measure_id]
            if measure_id in proposed_measures:
                proposed_read.add(episode_id)
    return Funding(shares, frozenset(proposed_read))


def funded_by(episodes: Sequence[EpisodeFact], funding: Funding, funder_code: str) -> list[EpisodeFact]:
    """The episodes the funder pays a share of, and those whose funding is not stated (all without a funder)."""
    if not funder_code:
        return list(episodes)
    return [episode for episode in episodes if funding.share_of(episode.id, funder_code) > 0]


def _days_in_period(episode: EpisodeFact, scope: ExportScope) -> tuple[date, date] | None:
    """The first and last day of the period the support was under way (its exit day is the first day out)."""
    if episode.start is None:
        return None
    first = max(episode.start, scope.period_start)
    last = scope.period_end if episode.end is None else min(episode.end - timedelta(days=1), scope.period_end)
    return (first, last) if first <= last else None


def suspended_days(session: Session, scope: ExportScope) -> dict[int, list[tuple[date, date]]]:
    """The suspensions of measures whose suspended days do not count, clipped to the period, by episode."""
    query = (
        select(Suspension.episode_id, Suspension.start_date, Suspension.end_date)
        .join(Episode, Episode.id == Suspension.episode_id)
        .join(Measure, Measure.id == Episode.measure_id)
        .where(Measure.code.in_(scope.measure_codes), Measure.suspended_days_count.is_(False))
        .where(Suspension.start_date <= scope.period_end)
        .where((Suspension.end_date.is_(None)) | (Suspension.end_date >= scope.period_start))
    )
    paused: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for episode_id, start, end in session.execute(query):
        paused[episode_id].append((max(start, scope.period_start), min(end or scope.period_end, scope.period_end)))
    return paused


def _counted_days(span: tuple[date, date], pauses: Sequence[tuple[date, date]]) -> int:
    """The days of ``span`` outside every pause (pauses may overlap each other)."""
    first, last = span
    paused: set[date] = set()
    for start, end in pauses:
        day = max(start, first)
        while day <= min(end, last):
            paused.add(day)
            day += timedelta(days=1)
    return (last - first).days + 1 - len(paused)


def funding_figures(
    episodes: Sequence[EpisodeFact],
    members: Members,
    scope: ExportScope,
    funding: Funding,
    pauses: dict[int, list[tuple[date, date]]],
    parameters: ExportParameters,
) -> tuple[tuple[CountTable, ...], tuple[Statistic, ...], tuple[str, ...]]:
    """The households funded in the period (cofinancés apart), the household-years and the cost per household-year."""
    funder = parameters.funder_code
    whose = f"pour {parameters.funder_label}" if funder else "tous financeurs confondus"
    table = TwinTables(
        TableText(
            "funded_households",
            "Ménages accompagnés selon le financement",
            period_words(scope),
            "Ménages accompagnés au moins un jour dans la période, selon que leur accompagnement a un seul financeur "
            "ou plusieurs (cofinancé : le ménage figure dans les chiffres de chacun), ou que son financement n'est "
            "pas renseigné.",
            "Financement",
        ),
        rows=FUNDED_ROWS,
    )
    rows: dict[int, str] = {}
    first_day: dict[int, date] = {}
    weighted_days = Decimal(0)
    for episode in episodes:
        span = _days_in_period(episode, scope)
        if span is None:
            continue
        share = funding.share_of(episode.id, funder)
        if share == 0:
            continue
        days = _counted_days(span, pauses.get(episode.id, ()))
        weighted_days += Decimal(days * share) / FULL_SHARE_BP
        if episode.id not in funding.shares:
            row = FUNDED_ROWS[2]
        elif funding.cofunded(episode.id):
            row = FUNDED_ROWS[1]
        else:
            row = FUNDED_ROWS[0]
        household = episode.household_id
        if household not in rows or FUNDED_ROWS.index(row) == 1 or rows[household] == FUNDED_ROWS[2]:
            rows[household] = row
        first_day[household] = min(first_day.get(household, span[0]), span[0])
    for household, row in rows.items():
        table.add(row, members.count_on(household, first_day[household]))
    contributors = len(rows)
    household_years = (weighted_days / DAYS_IN_A_YEAR).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    statistics = [
        Statistic(
            "household_years",
            "Ménages-années accompagnés",
            household_years if contributors else None,
            "ménages-années",
            contributors,
            period_words(scope),
            f"Somme des jours d'accompagnement dans la période (jours de suspension déduits quand le dispositif ne "
            f"les compte pas), chacun multiplié par la part du financeur ({whose}), divisée par {DAYS_IN_A_YEAR}.",
        )
    ]
    budget = parameters.annual_budget_cents
    if budget is not None:
        days = (scope.period_end - scope.period_start).days + 1
        budget_of_period = Decimal(budget) * days / DAYS_IN_A_YEAR / 100
        budget_words = format_amount(budget_of_period.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
        exact_years = weighted_days / DAYS_IN_A_YEAR  # not the rounded figure: 0.0137 printed 0.01
        cost = (
            (budget_of_period / exact_years).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            if contributors and exact_years > 0
            else None
        )
        statistics.append(
            Statistic(
                "cost_per_household_year",
                "Coût par ménage-année",
                cost,
                "euros",
                contributors,
                period_words(scope),
                f"Budget annuel déclaré de {format_amount(Decimal(budget) / 100)} ramené à la période ({days} jours "
                f"sur "
                f"{DAYS_IN_A_YEAR} : {budget_words}), divisé par les ménages-années accompagnés "
                f"(hypothèse : le budget couvre uniformément l'année, du {format_date(scope.period_start)} au "
                f"{format_date(scope.period_end)}).",
            )
        )
    warnings: list[str] = []
    counted = [episode for episode in episodes if _days_in_period(episode, scope) is not None]
    if any(episode.id in funding.proposed for episode in counted):
        warnings.append(PROPOSED_WARNING)
    if funder and any(episode.id not in funding.shares for episode in counted):
        warnings.append(UNSTATED_WARNING)
    return table.tables(), tuple(statistics), tuple(warnings)


__all__ = ["FUNDED_ROWS", "Funding", "funded_by", "funding_figures", "load_funding", "suspended_days"]
