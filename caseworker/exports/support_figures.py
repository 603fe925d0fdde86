"""The support indicators of a funder export: file active, entries, exits, waiting list, durations (docs/domain.md §13).

Stocks are taken on the scope's *état au* day, flows over its period. A household followed under two measures of
the same profile counts in each (an episode is the unit of support); a re-entry counts as an entry too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from caseworker.exports.facts import EpisodeFact, ExportScope, Members
from caseworker.exports.report import CountTable, Statistic
from caseworker.exports.tables import TableText, TwinTables
from caseworker.formats import format_date

DURATION_BANDS = ("Moins de 6 mois", "6 à 12 mois", "12 à 24 mois", "24 mois et plus")
NO_DESTINATION = "Non renseignée"


def period_words(scope: ExportScope) -> str:
    """« Flux du 01/01/2026 au 31/12/2026 »."""
    return f"Flux du {format_date(scope.period_start)} au {format_date(scope.period_end)}"


def stock_words(scope: ExportScope) -> str:
    """« Stock au 31/12/2026 »."""
    return f"Stock au {format_date(scope.as_of)}"


def rounded(value: float) -> Decimal:
    """A statistic with one decimal, rounded half up (12.25 → 12.3)."""
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def file_active(
    episodes: Sequence[EpisodeFact], members: Members, scope: ExportScope, suspended: frozenset[int]
) -> tuple[CountTable, ...]:
    """Episodes under way on the day, active or suspended (``suspended``: the episodes paused that day)."""
    table = TwinTables(
        TableText(
            "file_active",
            "File active",
            stock_words(scope),
            "Accompagnements commencés et non terminés à la date : actifs, et suspendus (comptés à part).",
            "Situation",
        ),
        rows=("Actif", "Suspendu"),
    )
    for episode in episodes:
        if episode.running_on(scope.as_of):
            row = "Suspendu" if episode.id in suspended else "Actif"
            table.add(row, members.count_on(episode.household_id, scope.as_of))
    return table.tables()


def entrants(episodes: Sequence[EpisodeFact], scope: ExportScope) -> list[EpisodeFact]:
    """The entries of the period: the supports started in it (the episode is the unit: a re-entry is one too)."""
    return [episode for episode in episodes if scope.in_period(episode.start)]


def file_active_by_composition(
    episodes: Sequence[EpisodeFact],
    members: Members,
    scope: ExportScope,
    compositions: Mapping[int, str],
    threshold: int,
) -> tuple[CountTable, ...]:
    """The file active by the household's composition (F01: « famille monoparentale », 1 ménage, 3 personnes)."""
    table = TwinTables(
        TableText(
            "file_active_by_composition",
            "File active par composition du ménage",
            stock_words(scope),
            "Accompagnements commencés et non terminés à la date, selon la composition du ménage enregistrée dans "
            "son dossier ; les personnes sont celles du ménage à la date, enfants compris.",
            "Composition",
        )
    )
    running = [episode for episode in episodes if episode.running_on(scope.as_of)]
    for episode in sorted(running, key=lambda item: compositions.get(item.household_id, NOT_GIVEN)):
        table.add(
            compositions.get(episode.household_id, NOT_GIVEN), members.count_on(episode.household_id, scope.as_of)
        )
    table.merge_small(threshold)
    return table.tables()


NOT_GIVEN = "Non renseignée"


def entries(episodes: Sequence[EpisodeFact], members: Members, scope: ExportScope) -> tuple[CountTable, ...]:
    """Supports started in the period: first entries and re-entries (a household supported before)."""
    table = TwinTables(
        TableText(
            "entries",
            "Entrées",
            period_words(scope),
            "Accompagnements commencés dans la période ; une ré-entrée suit un accompagnement terminé du même "
            "ménage, et compte aussi comme une entrée.",
            "Entrée",
        ),
        rows=("Première entrée", "Ré-entrée"),
    )
    for episode in entrants(episodes, scope):
        assert episode.start is not None
        table.add("Ré-entrée" if episode.reentry else "Première entrée", _persons(members, episode, episode.start))
    return table.tables()


def referral_sources(
    episodes: Sequence[EpisodeFact], members: Members, scope: ExportScope, threshold: int
) -> tuple[CountTable, ...]:
    """Entries of the period by who referred the household (F05)."""
    table = TwinTables(
        TableText(
            "referral_sources",
            "Entrées par origine de l'orientation",
            period_words(scope),
            "Accompagnements commencés dans la période, selon le prescripteur enregistré à l'orientation.",
            "Prescripteur",
        )
    )
    for episode in sorted(episodes, key=lambda item: item.referral_source):
        if scope.in_period(episode.start):
            assert episode.start is not None
            table.add(episode.referral_source, _persons(members, episode, episode.start))
    table.merge_small(threshold)
    return table.tables()


def exits(
    episodes: Sequence[EpisodeFact], members: Members, scope: ExportScope, threshold: int
) -> tuple[CountTable, ...]:
    """Exits of the period by reason, by destination, and by length of support (the three share their total)."""
    by_reason = TwinTables(
        TableText(
            "exits_by_reason",
            "Sorties par motif",
            period_words(scope),
            "Accompagnements terminés dans la période (fin d'accompagnement enregistrée), selon le motif de sortie.",
            "Motif de sortie",
        )
    )
    by_destination = TwinTables(
        TableText(
            "exits_by_destination",
            "Sorties par situation à la sortie",
            period_words(scope),
            "Les mêmes sorties, selon la situation de logement du ménage à la sortie.",
            "Situation à la sortie",
        )
    )
    by_length = TwinTables(
        TableText(
            "exits_by_length",
            "Sorties par durée d'accompagnement",
            period_words(scope),
            "Les mêmes sorties, selon la durée de l'accompagnement du début à la sortie (suspensions comprises).",
            "Durée",
        ),
        rows=DURATION_BANDS,
    )
    for episode in sorted(episodes, key=lambda item: (item.exit_reason or "", item.destination or "")):
        if episode.exited and scope.in_period(episode.end):
            assert episode.start is not None and episode.end is not None
            persons = _persons(members, episode, episode.end)
            by_reason.add(episode.exit_reason or "", persons)
            by_destination.add(episode.destination or NO_DESTINATION, persons)
            by_length.add(length_band(episode.start, episode.end), persons)
    by_reason.merge_small(threshold)
    by_destination.merge_small(threshold, keep=(NO_DESTINATION,))
    return (*by_reason.tables(), *by_destination.tables(), *by_length.tables())


def exit_durations(episodes: Sequence[EpisodeFact], scope: ExportScope) -> tuple[Statistic, ...]:
    """Mean and median length of the supports that ended in the period."""
    days = [
        (episode.end - episode.start).days
        for episode in episodes
        if episode.exited and scope.in_period(episode.end) and episode.start is not None and episode.end is not None
    ]
    definition = "Du début de l'accompagnement à la sortie, pour les sorties de la période (suspensions comprises)."
    return (
        Statistic(
            "exit_length_mean",
            "Durée moyenne d'accompagnement des sortants",
            rounded(sum(days) / len(days)) if days else None,
            "jours",
            len(days),
            period_words(scope),
            definition,
        ),
        Statistic(
            "exit_length_median",
            "Durée médiane d'accompagnement des sortants",
            rounded(median(days)) if days else None,
            "jours",
            len(days),
            period_words(scope),
            definition,
        ),
    )


def waiting_list(episodes: Sequence[EpisodeFact], members: Members, scope: ExportScope) -> tuple[CountTable, ...]:
    """Households oriented and not yet started on the day."""
    table = TwinTables(
        TableText(
            "waiting_list",
            "Liste d'attente",
            stock_words(scope),
            "Ménages orientés vers la mesure dont l'accompagnement n'a pas encore commencé à la date.",
            "Situation",
        ),
        rows=("En attente",),
    )
    for episode in episodes:
        if episode.waiting_on(scope.as_of):
            table.add("En attente", members.count_on(episode.household_id, scope.as_of))
    return table.tables()


def waiting_time(episodes: Sequence[EpisodeFact], scope: ExportScope) -> Statistic:
    """Mean days from orientation to start, for the entries of the period."""
    days = [
        (episode.start - episode.orientation).days
        for episode in episodes
        if scope.in_period(episode.start) and episode.start is not None
    ]
    return Statistic(
        "waiting_time_mean",
        "Délai moyen entre l'orientation et le début de l'accompagnement",
        rounded(sum(days) / len(days)) if days else None,
        "jours",
        len(days),
        period_words(scope),
        "Pour les accompagnements commencés dans la période, de la date d'orientation à la date de début.",
    )


def _persons(members: Members, episode: EpisodeFact, day: date) -> int:
    return members.count_on(episode.household_id, day)


def length_band(start: date, end: date) -> str:
    """The band of a support's length from its start to its exit (whole months, suspensions included)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
    if months < 6:
        return DURATION_BANDS[0]
    if months < 12:
        return DURATION_BANDS[1]
    if months < 24:
        return DURATION_BANDS[2]
    return DURATION_BANDS[3]
