"""The agenda proposed for a planned meeting, from the records (docs/domain.md §11.3).

Until the next meeting of the same type (the next one planned, else this one plus the type's cadence) the
agenda gathers: the milestone reviews (bilans) due and not held; the running episodes whose planned end falls
before then plus a margin (exit, extension or handover to decide: the thirty days of docs/domain.md §5.1); the
glissement reviews not decided or postponed; and, for an admission commission, the candidates of the waiting
list. Nothing is stored: the dialog ticks what it keeps and adds it (:meth:`.planning.MeetingPlanning.add_items`).
Only the households this reader sees are proposed, by the same rule as everywhere (docs/domain.md §2).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import EpisodeStatus, ReviewKind
from caseworker.domain.debrief import AgendaItemKind, GlissementOutcome, MeetingStatus
from caseworker.domain.support import REVIEW_LABELS
from caseworker.formats import format_date
from caseworker.models import Episode, EpisodeReview, Extension, GlissementReview, Measure, Suspension
from caseworker.models.meetings import Meeting
from caseworker.services.context import ServiceContext
from caseworker.services.households.listing import display_names_for
from caseworker.services.meetings.records import load_meeting
from caseworker.services.meetings.views import AgendaProposal
from caseworker.services.support.durations import Milestone, Period, durations, milestones
from caseworker.services.support.episode_figures import duration_rule

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
    """The latest review due and not held, and the planned end to decide, of each running episode.

    A review missed long ago is not brought up again once a later one falls due or is held: the later one covers
    it (a COSI does not hold an entry review for a household it reviews at mid-term). Read as plain rows and fed
    to the pure arithmetic of :mod:`.durations`: loading every running episode as objects took seconds at 10,000
    households.
    """
    running = [EpisodeStatus.ACTIF, EpisodeStatus.SUSPENDU]
    episodes = session.execute(
        select(Episode.id, Episode.household_id, Episode.measure_id, Episode.start_date)
        .where(Episode.status.in_(running), Episode.start_date.is_not(None))
        .order_by(Episode.id)
    ).all()
    measures = {measure.id: measure for measure in session.scalars(select(Measure))}
    of_running = select(Episode.id).where(Episode.status.in_(running)).scalar_subquery()
    suspensions: dict[int, list[Period]] = defaultdict(list)
    for episode_id, low, high in session.execute(
        select(Suspension.episode_id, Suspension.start_date, Suspension.end_date).where(
            Suspension.episode_id.in_(of_running)
        )
    ):
        suspensions[episode_id].append(Period(low, high))
    extensions: dict[int, list[int]] = defaultdict(list)
    for episode_id, months in session.execute(
        select(Extension.episode_id, Extension.months).where(Extension.episode_id.in_(of_running))
    ):
        extensions[episode_id].append(months)
    reviews: dict[int, list[tuple[ReviewKind, date]]] = defaultdict(list)
    for episode_id, kind, due_on in session.execute(
        select(EpisodeReview.episode_id, EpisodeReview.kind, EpisodeReview.due_on).where(
            EpisodeReview.episode_id.in_(of_running)
        )
    ):
        reviews[episode_id].append((kind, due_on))
    proposals: list[AgendaProposal] = []
    for episode_id, household_id, measure_id, start in episodes:
        if start is None:  # pragma: no cover - filtered above
            continue
        measure = measures[measure_id]
        planned = durations(
            start=start,
            end=None,
            today=today,
            intensity=(),
            suspensions=suspensions[episode_id],
            rule=duration_rule(measure),
            extension_months=extensions[episode_id],
        ).planned_end
        review = _review_due(measure, start, planned, reviews[episode_id], today, until)
        if review is not None:
            label = f"{REVIEW_LABELS[review.kind]} — échéance le {format_date(review.due_on)}"
            proposals.append(
                AgendaProposal(AgendaItemKind.REVIEW, household_id, "", episode_id, None, label, review.due_on)
            )
        if planned is not None and planned <= until + EXTENSION_MARGIN:
            label = f"Fin prévue le {format_date(planned)} : sortie, prolongation ou passage de relais"
            proposals.append(
                AgendaProposal(AgendaItemKind.EXTENSION, household_id, "", episode_id, None, label, planned)
            )
    return proposals


def _review_due(
    measure: Measure,
    start: date,
    planned: date | None,
    held: list[tuple[ReviewKind, date]],
    today: date,
    until: date,
) -> Milestone | None:
    """The latest milestone due by ``until`` after the last review held (reviews are held in order)."""
    covered = max((due_on for _kind, due_on in held), default=date.min)
    held_kinds = {kind for kind, _due_on in held}
    due = [
        milestone
        for milestone in milestones(
            start,
            planned,
            start_months=measure.review_start_months,
            end_months=measure.review_end_months,
            every_months=measure.review_every_months,
            horizon=today + relativedelta(months=6),
        )
        if covered < milestone.due_on <= until
        and (milestone.kind is ReviewKind.PERIODIC or milestone.kind not in held_kinds)
    ]
    return max(due, key=lambda item: item.due_on) if due else None


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
