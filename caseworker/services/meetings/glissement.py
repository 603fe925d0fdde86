"""Glissement reviews: a bail glissant's sub-lease passing to the household (DOMAIN §6.8, F51).

A review is opened from the household's current sub-lease in bail glissant, with the convention's criteria ticked
(regular payment, debt settled or plan respected, the household's wish, insurance) and a planned date. A meeting
decides — never automatically: accepted closes the sub-lease and opens a direct lease (*locataire en titre*) on the
same dwelling from the same day, through the occupancy rules (the "glissement" change reason, §3.2); postponed
needs the new date; refused closes the review. Accepting warns when the support ends within three months, and
reminds the team to switch the housing benefit to the household.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, EpisodeStatus, Party
from caseworker.domain.debrief import GlissementOutcome
from caseworker.formats import format_date
from caseworker.models import Episode, GlissementReview
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.households.occupancy import OccupancyChangeInput, change_occupancy_in
from caseworker.services.households.queries import current_occupancy, existing_household
from caseworker.services.meetings.records import claim_row, glissement_view
from caseworker.services.meetings.views import GlissementReviewView
from caseworker.services.support.episode_figures import episode_durations
from caseworker.services.support.episode_records import with_details
from caseworker.services.validation import Problems

SUPPORT_ENDING_SOON = relativedelta(months=3)
DIRECT_LEASE = "locataire_titre"
GLISSEMENT_REASON = "glissement"


@dataclass(frozen=True)
class GlissementReviewInput:
    """The convention's criteria and the planned date of the glissement."""

    planned_on: date
    regular_payment: bool = False
    debt_settled: bool = False
    household_wish: bool = False
    insurance: bool = False


@dataclass(frozen=True)
class GlissementOutcomeResult:
    """What a decision on a glissement changed: its summary for the minutes, and what the team must be told."""

    summary: str
    warnings: tuple[str, ...]


def _planned(problems: Problems, data: GlissementReviewInput, today: date) -> None:
    problems.date("planned_on", data.planned_on, kind=DateKind.PLANNED, label="Date prévue du glissement", today=today)


def _load(session: Session, review_id: int) -> GlissementReview:
    review = session.get(GlissementReview, review_id)
    if review is None:
        raise NotFoundError("Cette revue de glissement n'existe plus ou n'est plus accessible.")
    return review


def decide_glissement(
    session: Session,
    ctx: ServiceContext,
    review_id: int,
    *,
    household_id: int,
    outcome: GlissementOutcome,
    decided_on: date,
    expected_version: int,
    postponed_to: date | None,
    effective_on: date,
) -> GlissementOutcomeResult:
    """Record the meeting's decision on a review in the caller's transaction (the minutes'); raise when refused."""
    today = ctx.clock.today()
    claim_row(session, GlissementReview, review_id, expected_version, this="Cette revue de glissement", feminine=True)
    review = _load(session, review_id)
    if review.household_id != household_id:
        raise ValidationError({"glissement_review_id": "Cette revue de glissement ne concerne pas ce ménage."})
    if review.outcome in (GlissementOutcome.ACCEPTED, GlissementOutcome.REFUSED):
        raise TransitionError("Le glissement a déjà été décidé : une nouvelle revue s'ouvre si la situation change.")
    warnings: tuple[str, ...] = ()
    problems = Problems()
    if outcome is GlissementOutcome.POSTPONED:
        if postponed_to is None:
            problems.add("postponed_to", "Glissement reporté : indiquez la nouvelle date prévue.")
        else:
            problems.date("postponed_to", postponed_to, kind=DateKind.PLANNED, label="Nouvelle date", today=today)
            if postponed_to <= decided_on:
                problems.add("postponed_to", "La nouvelle date du glissement doit suivre la réunion.")
        problems.raise_if_any()
        assert postponed_to is not None
        review.postponed_to = postponed_to
        summary = f"Glissement du bail reporté au {format_date(postponed_to)}"
    elif outcome is GlissementOutcome.ACCEPTED:
        warnings = _accept(session, ctx, review, effective_on)
        summary = f"Glissement du bail accepté : bail direct au nom du ménage à partir du {format_date(effective_on)}"
    else:
        summary = "Glissement du bail refusé"
    review.outcome = outcome
    review.decided_on = decided_on
    audit.record(
        session,
        ctx,
        AuditAction.UPDATE,
        "glissement_review",
        review.id,
        household_id=review.household_id,
        fields=["outcome", "decided_on", "postponed_to", "new_occupancy_id"],
    )
    return GlissementOutcomeResult(summary, warnings)


def _accept(session: Session, ctx: ServiceContext, review: GlissementReview, on: date) -> tuple[str, ...]:
    """Close the sub-lease and open the direct lease on the same dwelling and day; return the warnings."""
    current = current_occupancy(session, review.household_id)
    if current is None or current.id != review.occupancy_id:
        raise ValidationError(
            {"glissement": "La sous-location examinée n'est plus la situation actuelle du ménage : rien n'a changé."}
        )
    occupancy = change_occupancy_in(
        session,
        ctx,
        review.household_id,
        OccupancyChangeInput(
            status_code=DIRECT_LEASE,
            start_date=on,
            reason_code=GLISSEMENT_REASON,
            dwelling_id=current.dwelling_id,
            lease_holder=Party.MENAGE,
            apl_recipient=current.apl_recipient,
            note="Glissement du bail décidé en réunion",
        ),
    )
    review.new_occupancy_id = occupancy.id
    warnings = [
        "Glissement accepté : pensez à faire verser l'aide au logement au ménage désormais titulaire du bail (CAF)."
    ]
    episodes = session.scalars(
        with_details(select(Episode)).where(
            Episode.household_id == review.household_id,
            Episode.status.in_([EpisodeStatus.ACTIF, EpisodeStatus.SUSPENDU]),
        )
    )
    for episode in episodes:
        planned = episode_durations(episode, ctx.clock.today()).planned_end
        if planned is not None and planned <= on + SUPPORT_ENDING_SOON:
            warnings.append(
                f"L'accompagnement « {episode.measure.name} » se termine le {format_date(planned)}, moins de trois "
                "mois après le glissement : prévoyez le relais ou une prolongation."
            )
    return tuple(warnings)


class GlissementReviews:
    """Opens glissement reviews and updates their criteria; the decision is the minutes' (:mod:`.decisions`)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def open_review(self, household_id: int, data: GlissementReviewInput) -> GlissementReviewView:
        """Open a review of the household's current sub-lease in bail glissant."""
        today = self._ctx.clock.today()
        problems = Problems()
        _planned(problems, data, today)
        with self._ctx.transaction() as session:
            existing_household(session, household_id)
            current = current_occupancy(session, household_id)
            if current is None or current.status.code != "sous_locataire" or not current.bail_glissant:
                raise ValidationError(
                    {"occupancy": "Une revue de glissement part d'une sous-location en bail glissant en cours."}
                )
            pending = session.scalar(
                select(GlissementReview.id).where(
                    GlissementReview.occupancy_id == current.id,
                    GlissementReview.outcome.is_(None) | (GlissementReview.outcome == GlissementOutcome.POSTPONED),
                )
            )
            if pending is not None:
                problems.add("occupancy", "Une revue de glissement de cette sous-location attend déjà sa décision.")
            problems.raise_if_any()
            review = GlissementReview(
                household_id=household_id,
                occupancy_id=current.id,
                planned_on=data.planned_on,
                regular_payment=data.regular_payment,
                debt_settled=data.debt_settled,
                household_wish=data.household_wish,
                insurance=data.insurance,
                created_by_id=self._ctx.actor.staff_member_id,
            )
            session.add(review)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "glissement_review", review.id, household_id=household_id
            )
            return glissement_view(review)

    def update_review(
        self, review_id: int, data: GlissementReviewInput, *, expected_version: int
    ) -> GlissementReviewView:
        """Tick the criteria again or move the planned date of a review not yet decided."""
        today = self._ctx.clock.today()
        problems = Problems()
        _planned(problems, data, today)
        with self._ctx.transaction() as session:
            claim_row(
                session, GlissementReview, review_id, expected_version, this="Cette revue de glissement", feminine=True
            )
            review = _load(session, review_id)
            if review.outcome in (GlissementOutcome.ACCEPTED, GlissementOutcome.REFUSED):
                raise TransitionError("Le glissement a déjà été décidé : la revue ne change plus.")
            problems.raise_if_any()
            review.planned_on = data.planned_on
            review.regular_payment = data.regular_payment
            review.debt_settled = data.debt_settled
            review.household_wish = data.household_wish
            review.insurance = data.insurance
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "glissement_review",
                review.id,
                household_id=review.household_id,
                fields=["planned_on", "regular_payment", "debt_settled", "household_wish", "insurance"],
            )
            session.flush()
            session.refresh(review)
            return glissement_view(review)

    def reviews_for(self, household_id: int) -> list[GlissementReviewView]:
        """Return the household's glissement reviews, newest first."""
        with self._ctx.read() as session:
            rows = session.scalars(
                select(GlissementReview)
                .where(GlissementReview.household_id == household_id)
                .order_by(GlissementReview.planned_on.desc(), GlissementReview.id.desc())
            )
            return [glissement_view(row) for row in rows]
