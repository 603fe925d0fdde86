"""The entrants of a funder export by entry criterion met (F19, docs/domain.md §13).

A measure's entry criteria are information ticked at orientation, never a condition of admission
(:mod:`caseworker.services.support.criteria`). The entrants are those of the « Entrées » table
(:func:`.support_figures.entrants`), counted in *ménages* and *personnes*. A household may meet several criteria:
the rows of the table by criterion overlap, so it has no total (``totals=False``) and each of its cells is protected
on its own (primary secrecy, twins). A second table splits the same entrants between those with at least one
criterion ticked and those with none: a partition, which shares the entrants' total with the other tables of that
population (:data:`caseworker.exports.protection.SHARED_TOTALS`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.exports.facts import EpisodeFact, ExportScope, Members
from caseworker.exports.report import CountTable
from caseworker.exports.support_figures import entrants, period_words
from caseworker.exports.tables import TableText, TwinTables
from caseworker.models import EntryCriterion, Episode, EpisodeCriterion, Measure

SOME_CRITERION = "Au moins un critère renseigné"
NO_CRITERION = "Aucun critère renseigné"


def entry_criteria(
    session: Session, episodes: Sequence[EpisodeFact], members: Members, scope: ExportScope
) -> tuple[CountTable, ...]:
    """The entrants of the period by criterion met, then with or without any criterion ticked."""
    rows, met = load_criteria(session, scope)
    return count_criteria(entrants(episodes, scope), members, scope, rows, met)


def load_criteria(session: Session, scope: ExportScope) -> tuple[list[str], dict[int, list[str]]]:
    """The rows (the scope's measures' criteria, in the catalogue's order) and the criteria each entrant met.

    A deactivated criterion is a row only when one of these episodes met it. When the scope holds criteria of
    several measures, each row names its measure.
    """
    criteria = session.execute(
        select(EntryCriterion.id, EntryCriterion.label, EntryCriterion.active, Measure.name)
        .join(Measure, Measure.id == EntryCriterion.measure_id)
        .where(Measure.code.in_(scope.measure_codes))
        .order_by(Measure.sort_order, Measure.name, EntryCriterion.sort_order, EntryCriterion.id)
    ).all()
    several = len({measure for _id, _label, _active, measure in criteria}) > 1
    labels = {
        criterion_id: f"{measure} — {label}" if several else label for criterion_id, label, _active, measure in criteria
    }
    ticked = session.execute(
        select(EpisodeCriterion.episode_id, EpisodeCriterion.criterion_id)
        .join(Episode, Episode.id == EpisodeCriterion.episode_id)
        .where(Episode.start_date >= scope.period_start, Episode.start_date <= scope.period_end)
        .order_by(EpisodeCriterion.episode_id, EpisodeCriterion.criterion_id)
    )
    met: dict[int, list[str]] = defaultdict(list)
    for episode_id, criterion_id in ticked:
        if criterion_id in labels:  # a criterion of the scope's measures (so the episode is of one of them)
            met[episode_id].append(labels[criterion_id])
    used = {label for found in met.values() for label in found}
    rows = [labels[number] for number, _label, active, _measure in criteria if active or labels[number] in used]
    return list(dict.fromkeys(rows)), met


def count_criteria(
    started: Sequence[EpisodeFact],
    members: Members,
    scope: ExportScope,
    rows: Sequence[str],
    met: Mapping[int, Sequence[str]],
) -> tuple[CountTable, ...]:
    """Count ``started`` (the entrants) by criterion met and by whether any was ticked, in both units."""
    by_criterion = TwinTables(
        TableText(
            "entry_criteria",
            "Entrants par critère d'entrée rempli",
            period_words(scope),
            "Accompagnements commencés dans la période, selon les critères d'entrée que le ménage remplissait à "
            "l'orientation (une information cochée par l'équipe, jamais une condition d'admission). Un ménage peut "
            "en remplir plusieurs : les lignes ne s'additionnent pas et le tableau n'a pas de total.",
            "Critère d'entrée",
        ),
        rows=rows,
        totals=False,
    )
    filled = TwinTables(
        TableText(
            "entry_criteria_filled",
            "Entrants selon le renseignement des critères d'entrée",
            period_words(scope),
            "Les mêmes entrants : au moins un critère d'entrée coché, ou aucun (critères non remplis ou non "
            "renseignés).",
            "Critères d'entrée",
        ),
        rows=(SOME_CRITERION, NO_CRITERION),
    )
    for episode in started:
        assert episode.start is not None
        persons = members.count_on(episode.household_id, episode.start)
        criteria = met.get(episode.id, ())
        for label in dict.fromkeys(criteria):
            by_criterion.add(label, persons)
        filled.add(SOME_CRITERION if criteria else NO_CRITERION, persons)
    return (*by_criterion.tables(), *filled.tables())
