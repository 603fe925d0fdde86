"""Milestone reviews (bilans) of an episode: recording that one was held.

When reviews fall due is derived from the measure (docs/domain.md §3.1: start + offset, midpoint, end − offset,
or periodic for an open-ended measure) by :func:`.episode_figures.episode_milestones`; a review is held once for
each milestone (each date, for periodic ones).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, ReviewKind
from caseworker.domain.support import REVIEW_LABELS
from caseworker.models import Episode, EpisodeReview
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.row_versions import claim_version
from caseworker.services.support.episode_records import load_episode
from caseworker.services.validation import LONG_TEXT_MAX, Problems


def record_review_in(
    session: Session, ctx: ServiceContext, episode: Episode, *, kind: ReviewKind, due_on: date, held_on: date, note: str
) -> EpisodeReview:
    """Record a review held for a loaded episode in the caller's transaction (audited).

    The rules of :meth:`ReviewService.record_review`, for a caller that changes more in the same transaction (the
    minutes of a COSI, where a step is validated): every check runs before anything is written.
    """
    today = ctx.clock.today()
    problems = Problems()
    note = problems.text("note", note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
    problems.date("held_on", held_on, kind=DateKind.EVENT, label="Date du bilan", today=today)
    problems.date("due_on", due_on, kind=DateKind.PLANNED, label="Échéance du bilan", today=today)
    if episode.start_date is None:
        problems.add("held_on", "L'accompagnement n'a pas encore commencé.")
    elif held_on < episode.start_date:
        problems.add("held_on", "Le bilan ne peut pas précéder le début de l'accompagnement.")
    if any(r.kind is kind and (kind is not ReviewKind.PERIODIC or r.due_on == due_on) for r in episode.reviews):
        problems.add("held_on", f"« {REVIEW_LABELS[kind]} » est déjà enregistré.")
    problems.raise_if_any()
    review = EpisodeReview(
        episode_id=episode.id,
        kind=kind,
        due_on=due_on,
        held_on=held_on,
        note=note,
        staff_member_id=ctx.actor.staff_member_id,
    )
    session.add(review)
    session.flush()
    audit.record(session, ctx, AuditAction.CREATE, "episode_review", review.id, household_id=episode.household_id)
    session.refresh(episode, ["reviews"])
    return review


class ReviewService:
    """Records the milestone reviews held."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def record_review(
        self, episode_id: int, *, kind: ReviewKind, due_on: date, held_on: date, note: str = "", expected_version: int
    ) -> None:
        """Record that a milestone review (bilan) was held."""
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            episode = load_episode(session, episode_id)
            record_review_in(session, self._ctx, episode, kind=kind, due_on=due_on, held_on=held_on, note=note)
