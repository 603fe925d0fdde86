"""Days per intensity level (F11) and the extensions granted: the « Durée » of a funder export (§13).

A support's days within the period are those it ran (from its start to the day before its exit), suspended days
apart: they are at no level. Each active day is at the level of the intensity period covering it, or « Niveau non
renseigné »; the arithmetic is the episode file's own (:func:`caseworker.services.support.durations.days_by_level`).

A support can spend days at several levels in one period: the households by level overlap and are never summed
(no totals). The days spent at each level are a magnitude, published as one statistic per level tied to its row
(:attr:`~caseworker.exports.report.Statistic.group`): withheld when fewer households than the threshold spent days
at that level, and whenever that row's count is hidden.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import DurationPolicy
from caseworker.exports.facts import EpisodeFact, ExportScope, Members
from caseworker.exports.report import CountTable, Statistic
from caseworker.exports.support_figures import period_words
from caseworker.exports.tables import TableText, TwinTables
from caseworker.models import Episode, Extension, IntensityLevel, IntensityPeriod, Measure, Suspension
from caseworker.services.support.durations import UNKNOWN_LEVEL, Period, days_by_level

NO_LEVEL = "Niveau non renseigné"
EXTENSION_ROWS = ("Renouvellement", "Prolongation")
INTENSITY_TABLE = "intensity_levels"


def _days_in_period(episode: EpisodeFact, scope: ExportScope) -> tuple[date, date] | None:
    """The first and last day the support ran within the period (its exit day is its first day out)."""
    if episode.start is None:
        return None
    first = max(episode.start, scope.period_start)
    last = scope.period_end if episode.end is None else min(episode.end - timedelta(days=1), scope.period_end)
    return (first, last) if first <= last else None


@dataclass
class _Intensity:
    """The scope's levels in their order, and each support's intensity periods and suspensions in the period."""

    rows: list[str]
    periods: dict[int, list[Period]] = field(default_factory=lambda: defaultdict(list))
    suspensions: dict[int, list[Period]] = field(default_factory=lambda: defaultdict(list))


def _load_intensity(session: Session, scope: ExportScope, spans: Container[int]) -> _Intensity:
    """The scope's levels, and the intensity periods and suspensions of ``spans`` (the supports that ran in it).

    Three queries whatever the number of supports; the periods are read for the scope's measures only.
    """
    levels = session.execute(
        select(
            IntensityLevel.id,
            IntensityLevel.label,
            IntensityLevel.sort_order,
            Measure.sort_order,
            IntensityLevel.active,
        )
        .join(Measure, Measure.id == IntensityLevel.measure_id)
        .where(Measure.code.in_(scope.measure_codes))
    ).all()
    label_of = {level_id: label for level_id, label, _order, _measure, _active in levels}
    found = _Intensity([])
    for _id, label, _order, _measure, active in sorted(levels, key=lambda row: (row[3], row[2], row[1])):
        if active and label not in found.rows:  # the measures' scales in order, a label shared by two once
            found.rows.append(label)  # a retired level appears only if some support spent days at it
    for episode_id, level_id, start, end in session.execute(
        select(
            IntensityPeriod.episode_id, IntensityPeriod.level_id, IntensityPeriod.start_date, IntensityPeriod.end_date
        )
        .join(Episode, Episode.id == IntensityPeriod.episode_id)
        .join(Measure, Measure.id == Episode.measure_id)
        .where(Measure.code.in_(scope.measure_codes), IntensityPeriod.start_date <= scope.period_end)
        .where((IntensityPeriod.end_date.is_(None)) | (IntensityPeriod.end_date >= scope.period_start))
    ):
        if episode_id in spans:
            found.periods[episode_id].append(Period(start, end, label_of.get(level_id, UNKNOWN_LEVEL)))
    for periods in found.periods.values():
        if len(periods) > 1:  # in date order (sorted here: the database's sort cost more than the rest)
            periods.sort(key=lambda period: (period.start, period.end or date.max, period.key))
    for episode_id, start, end in session.execute(
        select(Suspension.episode_id, Suspension.start_date, Suspension.end_date).where(
            Suspension.start_date <= scope.period_end,
            (Suspension.end_date.is_(None)) | (Suspension.end_date >= scope.period_start),
        )
    ):
        if episode_id in spans:
            found.suspensions[episode_id].append(Period(start, end))
    return found


def intensity_levels(
    session: Session, episodes: Sequence[EpisodeFact], members: Members, scope: ExportScope
) -> tuple[tuple[CountTable, ...], tuple[Statistic, ...]]:
    """Supports by the levels they spent days at in the period, and the days spent at each level (F11)."""
    spans = {episode.id: (episode, ran) for episode in episodes if (ran := _days_in_period(episode, scope))}
    intensity = _load_intensity(session, scope, spans)
    table = TwinTables(
        TableText(
            INTENSITY_TABLE,
            "Accompagnements par niveau d'intensité",
            period_words(scope),
            "Accompagnements de la mesure ayant passé au moins un jour actif à chaque niveau d'intensité dans la "
            "période (les jours suspendus ne sont à aucun niveau ; sans niveau enregistré : « Niveau non "
            "renseigné »). Un accompagnement peut compter à plusieurs niveaux : les lignes ne s'additionnent pas. "
            "Les personnes sont celles du ménage au premier jour de l'accompagnement dans la période.",
            "Niveau d'intensité",
        ),
        rows=intensity.rows,
        totals=False,
    )
    days: dict[str, int] = defaultdict(int)
    no_period: list[Period] = []
    for episode_id in sorted(spans):
        episode, (first, last) = spans[episode_id]
        persons = members.count_on(episode.household_id, first)
        periods = intensity.periods.get(episode_id, no_period)
        by_level = days_by_level(first, last, periods, intensity.suspensions.get(episode_id, no_period))
        for key in sorted(by_level):
            label = key if key != UNKNOWN_LEVEL else NO_LEVEL
            table.add(label, persons)
            days[label] += by_level[key]
    tables = table.tables()
    households = tables[0]
    statistics = tuple(
        Statistic(
            "intensity_days",
            f"Jours passés au niveau « {label} »",
            Decimal(days[label]),
            "jours",
            households.counts[index][0],
            period_words(scope),
            "Jours actifs passés à ce niveau dans la période, tous accompagnements de la mesure ensemble (les jours "
            "suspendus ne comptent à aucun niveau). Publié quand au moins le seuil d'accompagnements y ont passé "
            "des jours, et que leur nombre est publié.",
            group=(INTENSITY_TABLE, "row", index),
        )
        for index, label in enumerate(households.rows)
        if households.counts[index][0]
    )
    return tables, statistics


def extensions(
    session: Session, episodes: Sequence[EpisodeFact], members: Members, scope: ExportScope
) -> tuple[CountTable, ...]:
    """Supports renewed or extended in the period: one query over the extensions decided in it."""
    by_id = {episode.id: episode for episode in episodes}
    first_granted: dict[int, tuple[date, DurationPolicy]] = {}
    query = (
        select(Extension.episode_id, Extension.decided_on, Measure.duration_policy)
        .join(Episode, Episode.id == Extension.episode_id)
        .join(Measure, Measure.id == Episode.measure_id)
        .where(Extension.decided_on >= scope.period_start, Extension.decided_on <= scope.period_end)
        .order_by(Extension.episode_id, Extension.decided_on, Extension.id)
    )
    for episode_id, decided_on, policy in session.execute(query):
        if episode_id in by_id and episode_id not in first_granted:
            first_granted[episode_id] = (decided_on, policy)
    table = TwinTables(
        TableText(
            "extensions",
            "Accompagnements prolongés ou renouvelés",
            period_words(scope),
            "Accompagnements de la mesure ayant obtenu dans la période au moins un renouvellement (mesure "
            "renouvelable) ou une prolongation négociée, approuvés par le ou la chef·fe de service ; un "
            "accompagnement prolongé deux fois compte une fois. Les personnes sont celles du ménage le jour de la "
            "première décision de la période.",
            "Décision",
        ),
        rows=EXTENSION_ROWS,
    )
    for episode_id, (decided_on, policy) in sorted(first_granted.items()):
        row = EXTENSION_ROWS[0] if policy is DurationPolicy.RENEWABLE else EXTENSION_ROWS[1]
        table.add(row, members.count_on(by_id[episode_id].household_id, decided_on))
    return table.tables()
