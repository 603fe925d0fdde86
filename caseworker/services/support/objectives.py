"""Objectives of an episode, in the household's own words, carried by one of the three parties.

An objective has a theme (a topic of the reference data, whose sensitivity class decides where it may be shown:
docs/domain.md §7), a status and a next review date; changing its status counts as a review that day. The
objectives of an ended episode no longer change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import THREE_PARTIES, AuditAction, ObjectiveStatus, Party
from caseworker.models import Episode, Objective, Topic
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.row_versions import claim_version
from caseworker.services.support.episode_records import load_episode
from caseworker.services.support.episode_views import ObjectiveView, objective_view
from caseworker.services.support.states import SUPPORT_OVER
from caseworker.services.validation import PARAGRAPH_MAX, Problems


@dataclass(frozen=True)
class ObjectiveInput:
    """An objective in the household's own words."""

    text: str
    owner: Party = Party.MENAGE
    theme_code: str | None = None
    status: ObjectiveStatus = ObjectiveStatus.EN_COURS
    next_review_on: date | None = None
    set_on: date | None = None  # default today


def _checked_fields(
    session: Session, data: ObjectiveInput, today: date, *, default_set_on: date | None = None
) -> tuple[str, int | None, date]:
    """Check an objective as typed; return its text, theme id and date, or raise every problem found."""
    problems = Problems()
    text = problems.text("text", data.text, label="Objectif", max_length=PARAGRAPH_MAX, required=True, multiline=True)
    set_on = data.set_on or default_set_on or today
    problems.date("set_on", set_on, kind=DateKind.EVENT, label="Date", today=today)
    problems.date(
        "next_review_on", data.next_review_on, kind=DateKind.PLANNED, label="Date du prochain bilan", today=today
    )
    problems.ordered(
        "next_review_on",
        set_on,
        data.next_review_on,
        start_label="La date de l'objectif",
        end_label="La date du prochain bilan",
    )
    if data.owner not in THREE_PARTIES:
        problems.add("owner", "Choisissez qui porte l'objectif : le ménage, l'association ou le bailleur.")
    theme_id = None
    if data.theme_code:
        theme = session.scalar(select(Topic).where(Topic.code == data.theme_code))
        if theme is None or not theme.active:
            problems.add("theme_code", "Thème : choisissez une valeur dans la liste.")
        else:
            theme_id = theme.id
    problems.raise_if_any()
    return text, theme_id, set_on


class ObjectiveService:
    """Adds an episode's objectives and records where they stand."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def add_objective(self, episode_id: int, data: ObjectiveInput, *, expected_version: int) -> ObjectiveView:
        """Add an objective in the household's own words."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Episode, episode_id, expected_version)
            episode = load_episode(session, episode_id)
            if episode.status in SUPPORT_OVER:
                raise ValidationError({"text": "Cet accompagnement est terminé : ses objectifs ne changent plus."})
            text, theme_id, set_on = _checked_fields(session, data, today)
            objective = Objective(
                episode_id=episode.id,
                text=text,
                theme_id=theme_id,
                owner=data.owner,
                status=data.status,
                set_on=set_on,
                next_review_on=data.next_review_on,
            )
            session.add(objective)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "objective", objective.id, household_id=episode.household_id
            )
            session.refresh(objective, ["theme"])
            return objective_view(objective, today)

    def update_objective(self, objective_id: int, data: ObjectiveInput, *, expected_version: int) -> ObjectiveView:
        """Reword an objective or record where it stands (a status change counts as a review today)."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            objective = session.get(Objective, objective_id)
            if objective is None:
                raise NotFoundError("Cet objectif est introuvable.")
            claim_version(session, self._ctx, Episode, objective.episode_id, expected_version)
            if objective.episode.status in SUPPORT_OVER:
                raise ValidationError({"text": "Cet accompagnement est terminé : ses objectifs ne changent plus."})
            text, theme_id, set_on = _checked_fields(session, data, today, default_set_on=objective.set_on)
            if data.status is not objective.status:
                objective.last_reviewed_on = today
            objective.text = text
            objective.theme_id = theme_id
            objective.owner = data.owner
            objective.status = data.status
            objective.set_on = set_on
            objective.next_review_on = data.next_review_on
            changed = audit.changed_attributes(objective)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "objective",
                objective.id,
                household_id=objective.episode.household_id,
                fields=changed,
            )
            session.refresh(objective, ["theme"])
            return objective_view(objective, today)
