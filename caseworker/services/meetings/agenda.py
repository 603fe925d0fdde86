"""The agenda proposed for a planned meeting, from the records (docs/domain.md §11.3).

Until the next meeting of the same type (the next one planned, else this one plus the type's cadence) the
agenda gathers: the milestone reviews (bilans) due and not held; the running episodes whose planned end falls
before then plus a margin (exit, extension or handover to decide: the thirty days of docs/domain.md §5.1); the
glissement reviews not decided or postponed; and, for an admission commission, the candidates of the waiting
list. Nothing is stored: the dialog ticks what it keeps and adds it (:meth:`.planning.MeetingPlanning.add_items`).
Only the households this reader sees are proposed, by the same rule as everywhere (docs/domain.md §2).
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import EpisodeStatus
from caseworker.domain.debrief import AgendaItemKind, GlissementOutcome, MeetingStatus
from caseworker.domain.support import REVIEW_LABELS
from caseworker.formats import format_date
from caseworker.models import Episode, GlissementReview
from caseworker.models.meetings import Meeting
from caseworker.services.context import ServiceContext
from caseworker.services.households.listing import display_names_for
from caseworker.services.meetings.records import load_meeting
from caseworker.services.meetings.views import AgendaProposal
from caseworker.services.support.episode_figures import episode_durations, episode_milestones
from caseworker.services.support.episode_records import with_details

EXTENSION_MARGIN = timedelta(days=30)
"""A planned end this close after the next meeting is decided now (docs/domain.md §5.1: thirty days before)."""

WAITING_FOR_ADMISSION = (EpisodeStatus.ORIENTATION_RECUE, EpisodeStatus.EN_ATTENTE)


def horizon(session: Session, meeting: Meeting) -> date:
    """Return the day until which this meeting decides: the next meeting of its type, else its cadence."""
    following = session.scalar(
        select(Meeting.held_on)
        .where(
            Meeting.meeting_type_id == meeting.meeting_type_id,
            Meeting.status == MeetingStatus.PLANNED,
            Meeting.held_on > meeting.held_on,
            Meeting.urgent.is_(False),
        )
        .order_by(Meeting.held_on)
        .limit(1)
    )
    if following is not None:
        return following
    cadence = meeting.meeting_type.cadence_months
    return meeting.held_on + relativedelta(months=cadence) if cadence else meeting.held_on + EXTENSION_MARGIN


def propose(session: Session, ctx: ServiceContext, meeting_id: int) -> list[AgendaProposal]:
    """Return what the agenda of a meeting could hold, minus what it already holds, by household then date."""
    today = ctx.clock.today()
    meeting = load_meeting(session, meeting_id)
    until = horizon(session, meeting)
    present = {(item.kind, item.episode_id, item.glissement_review_id, item.due_on) for item in meeting.items}
    proposals: list[AgendaProposal] = []
    if meeting.meeting_type.admission_commission:
        proposals += _admissions(session)
    else:
        proposals += _support_items(session, today, until)
        proposals += _glissements(session, until)
    names = display_names_for(session, {item.household_id for item in proposals})
    kept = [
        AgendaProposal(
            item.kind,
            item.household_id,
            names[item.household_id],
            item.episode_id,
            item.glissement_review_id,
            item.label,
            item.due_on,
        )
        for item in proposals
        if (item.kind, item.episode_id, item.glissement_review_id, item.due_on) not in present
    ]
    return sorted(kept, key=lambda item: (item.household_name, item.household_id, item.due_on or date.min))


def _support_items(session: Session, today: date, until: date) -> list[AgendaProposal]:
    """The reviews due and not held, and the planned ends to decide, of the running episodes."""
    proposals: list[AgendaProposal] = []
    episodes = session.scalars(
        with_details(select(Episode)).where(Episode.status.in_([EpisodeStatus.ACTIF, EpisodeStatus.SUSPENDU]))
    )
    for episode in episodes:
        planned = episode_durations(episode, today).planned_end
        held = {(review.kind, review.due_on) for review in episode.reviews}
        held_kinds = {review.kind for review in episode.reviews}
        for milestone in episode_milestones(episode, planned, today):
            if milestone.due_on > until:
                continue
            periodic = milestone.kind.value == "periodic"
            if (milestone.kind, milestone.due_on) in held or (not periodic and milestone.kind in held_kinds):
                continue
            label = f"{REVIEW_LABELS[milestone.kind]} — échéance le {format_date(milestone.due_on)}"
            proposals.append(
                AgendaProposal(
                    AgendaItemKind.REVIEW, episode.household_id, "", episode.id, None, label, milestone.due_on
                )
            )
        if planned is not None and planned <= until + EXTENSION_MARGIN:
            label = f"Fin prévue le {format_date(planned)} : sortie, prolongation ou passage de relais"
            proposals.append(
                AgendaProposal(AgendaItemKind.EXTENSION, episode.household_id, "", episode.id, None, label, planned)
            )
    return proposals


def _glissements(session: Session, until: date) -> list[AgendaProposal]:
    """The glissement reviews not decided yet, or postponed to a date before the horizon."""
    proposals = []
    reviews = session.scalars(
        select(GlissementReview).where(
            (GlissementReview.outcome.is_(None)) | (GlissementReview.outcome == GlissementOutcome.POSTPONED)
        )
    )
    for review in reviews:
        due = review.postponed_to if review.outcome is GlissementOutcome.POSTPONED else review.planned_on
        if due is None or (review.outcome is GlissementOutcome.POSTPONED and due > until):
            continue
        label = f"Revue du glissement du bail — date prévue le {format_date(due)}"
        proposals.append(
            AgendaProposal(AgendaItemKind.GLISSEMENT, review.household_id, "", None, review.id, label, due)
        )
    return proposals


def _admissions(session: Session) -> list[AgendaProposal]:
    """The candidates of the waiting list: referrals received or waiting, oldest first."""
    rows = session.execute(
        select(Episode.id, Episode.household_id, Episode.orientation_date).where(
            Episode.status.in_(WAITING_FOR_ADMISSION)
        )
    ).all()
    return [
        AgendaProposal(
            AgendaItemKind.ADMISSION,
            household_id,
            "",
            episode_id,
            None,
            f"Candidature orientée le {format_date(oriented)}",
            None,
        )
        for episode_id, household_id, oriented in rows
    ]
