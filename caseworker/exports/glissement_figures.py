"""Glissements: the reviews decided in the period, and the sub-leases in bail glissant they are a share of (§13).

A *bail glissant* is a sub-lease meant to slide to the household (``Occupancy.bail_glissant``); a glissement review
is decided in a meeting: accepted (the household becomes the tenant), postponed or refused. Two tables:

* **the reviews decided** in the period, by their last decision (one review, one count: a review postponed keeps
  its row and takes the next decision);
* **the sub-leases in bail glissant** the households held during the period while oriented to or supported under
  the measure, by what the period decided for each: accepted, else the last decision (postponed, refused), else
  none. Glissements done are a share of these: the rate reads this table.

Each accepted review of the first table is one sub-lease of the second's « Glissement accepté » row (a sub-lease is
accepted at most once: it then closes), counted with the same persons on the same day: the two rows are one figure,
which the proof of secrecy knows (:data:`caseworker.exports.protection.EQUAL_FIGURES`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain.debrief import GLISSEMENT_OUTCOME_LABELS, GlissementOutcome
from caseworker.exports.facts import EpisodeFact, ExportScope, Members
from caseworker.exports.housing_figures import Situation, followed_on
from caseworker.exports.report import CountTable, Rate, Unit
from caseworker.exports.support_figures import period_words
from caseworker.exports.tables import TableText, TwinTables
from caseworker.models import GlissementReview

SUBLEASE_ROWS = ("Glissement accepté", "Glissement reporté", "Glissement refusé", "Aucune décision dans la période")
Supports = dict[int, list[EpisodeFact]]

_ROW_OF_OUTCOME = {
    GlissementOutcome.ACCEPTED: SUBLEASE_ROWS[0],
    GlissementOutcome.POSTPONED: SUBLEASE_ROWS[1],
    GlissementOutcome.REFUSED: SUBLEASE_ROWS[2],
}


@dataclass(frozen=True)
class Review:
    """A glissement review decided in the period while its household was followed under the measure."""

    id: int
    household_id: int
    occupancy_id: int
    outcome: GlissementOutcome
    decided_on: date


def decided_reviews(session: Session, supports: Supports, scope: ExportScope) -> list[Review]:
    """The reviews decided in the period on a day their household was oriented or supported (one query).

    ``supports``: each household's episodes of the scope (:func:`~caseworker.exports.housing_figures.by_household`).
    """
    query = (
        select(
            GlissementReview.id,
            GlissementReview.household_id,
            GlissementReview.occupancy_id,
            GlissementReview.outcome,
            GlissementReview.decided_on,
        )
        .where(
            GlissementReview.decided_on >= scope.period_start,
            GlissementReview.decided_on <= scope.period_end,
            GlissementReview.outcome.is_not(None),
        )
        .order_by(GlissementReview.decided_on, GlissementReview.id)
    )
    reviews = []
    for review_id, household_id, occupancy_id, outcome, decided_on in session.execute(query):
        if outcome is None or decided_on is None:
            continue
        if any(followed_on(episode, decided_on) for episode in supports.get(household_id, ())):
            reviews.append(Review(review_id, household_id, occupancy_id, outcome, decided_on))
    return reviews


def glissements(reviews: Sequence[Review], members: Members, scope: ExportScope) -> tuple[CountTable, ...]:
    """Glissement reviews decided in the period, by decision (households, and their persons that day)."""
    table = TwinTables(
        TableText(
            "glissements",
            "Glissements de bail examinés",
            period_words(scope),
            "Revues de glissement du bail dont la dernière décision a été prise en réunion dans la période, pendant "
            "que le ménage était orienté vers la mesure ou accompagné, selon cette décision : chaque revue compte "
            "une fois (reportée puis acceptée, elle compte comme acceptée).",
            "Décision",
        ),
        rows=tuple(GLISSEMENT_OUTCOME_LABELS.values()),
    )
    for review in reviews:
        table.add(GLISSEMENT_OUTCOME_LABELS[review.outcome], members.count_on(review.household_id, review.decided_on))
    return table.tables()


def bail_glissant(
    reviews: Sequence[Review],
    supports: Supports,
    members: Members,
    scope: ExportScope,
    timelines: dict[int, list[Situation]],
) -> tuple[tuple[CountTable, ...], tuple[Rate, ...]]:
    """The sub-leases in bail glissant of the period by what was decided, and the glissements done among them."""
    by_sublease: dict[int, list[Review]] = defaultdict(list)
    for review in reviews:
        by_sublease[review.occupancy_id].append(review)
    held: dict[int, tuple[int, date]] = {}  # each sub-lease in the population: its household, its first day counted
    for household_id, timeline in timelines.items():
        for situation in timeline:
            if not situation.bail_glissant:
                continue
            first = _first_followed_day(situation, supports.get(household_id, ()), scope)
            if first is not None:
                held[situation.id] = (household_id, first)
    for occupancy_id, decided in by_sublease.items():  # a review counted is of a sub-lease counted
        held.setdefault(occupancy_id, (decided[0].household_id, decided[0].decided_on))
    table = TwinTables(
        TableText(
            "bail_glissant",
            "Sous-locations en bail glissant et glissements",
            period_words(scope),
            "Sous-locations en bail glissant occupées pendant la période par un ménage orienté vers la mesure ou "
            "accompagné, selon ce que la période a décidé : glissement accepté en réunion (une ligne par revue "
            "acceptée, la même que dans les glissements examinés), sinon la dernière décision (reporté, refusé), "
            "sinon aucune. Un ménage passé par deux sous-locations compte deux fois. Personnes : celles du ménage "
            "le jour de la décision, ou au premier jour compté sans décision.",
            "Décision de la période",
        ),
        rows=SUBLEASE_ROWS,
    )
    for occupancy_id, (household_id, first) in sorted(held.items()):
        decided = by_sublease.get(occupancy_id, [])
        accepted = [review for review in decided if review.outcome is GlissementOutcome.ACCEPTED]
        for review in accepted:  # one per accepted review: the glissements examined count each
            table.add(SUBLEASE_ROWS[0], members.count_on(household_id, review.decided_on))
        if accepted:
            continue
        if decided:
            last = decided[-1]  # in the order decided
            table.add(_ROW_OF_OUTCOME[last.outcome], members.count_on(household_id, last.decided_on))
        else:
            table.add(SUBLEASE_ROWS[3], members.count_on(household_id, first))
    tables = table.tables()
    rates = tuple(
        Rate(
            key="bail_glissant",
            title="Glissements réalisés",
            unit=counted.unit,
            numerator=counted.row_total(0),
            denominator=counted.grand_total,
            as_of=scope.period_end,
            definition=(
                "ménages en bail glissant pendant la période"
                if counted.unit is Unit.MENAGE
                else "personnes en bail glissant pendant la période"
            ),
            numerator_definition="Glissement du bail accepté en réunion dans la période (le ménage devient titulaire).",
            cohort=period_words(scope),
            table_key="bail_glissant",
            numerator_rows=(SUBLEASE_ROWS[0],),
        )
        for counted in tables
    )
    return tables, rates


def _first_followed_day(situation: Situation, supports: Sequence[EpisodeFact], scope: ExportScope) -> date | None:
    """The first day of the period the household held this sub-lease while oriented or supported (None: none)."""
    low = max(situation.start, scope.period_start)
    high = scope.period_end if situation.end is None else min(situation.end, scope.period_end)
    days = []
    for episode in supports:
        first = max(low, episode.orientation)
        last = high if episode.end is None else min(high, episode.end - timedelta(days=1))  # exit: first day out
        if first <= last:
            days.append(first)
    return min(days) if days else None
