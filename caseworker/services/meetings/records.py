"""A meeting as stored: loading it, claiming its version, and turning it into the views a dialog shows.

A meeting is no household's own: every colleague sees it and its attendees. Its items and its decisions each name
a household and follow that household's visibility (docs/domain.md §2): a referent sees the items of their
households only, and the notes as their class allows (§5.2, :mod:`.note_access`). The free texts without a class —
the general note, each household's view — are read as *équipe* notes with no author: a volunteer, or an
administrator off the household's team (off any team, for the general note), gets them empty and flagged hidden.
Their texts live in rows of their own (``meeting_general_note``, ``meeting_item_view``): the team's server refuses
those rows by the same rule, and the flags on the meeting and the item say that a text exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import AuditAction, NoteClass, ReviewKind
from caseworker.models import Episode, GlissementReview
from caseworker.models.meetings import Meeting, MeetingDecision, MeetingItem, MeetingType
from caseworker.services import audit
from caseworker.services.access_policy import role_code_of
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ConcurrentChangeError, DeletedMeanwhileError, NotFoundError
from caseworker.services.households.listing import display_names_for
from caseworker.services.meetings.views import (
    AttendeeView,
    DecisionView,
    GlissementReviewView,
    ItemView,
    MeetingTypeView,
    MeetingView,
    MemberView,
)
from caseworker.services.row_versions import MAX_VERSION
from caseworker.services.support.episode_figures import episode_durations, episode_milestones
from caseworker.services.support.episode_records import with_details
from caseworker.services.support.note_access import NoteReader, note_reader

FREE_TEXT_CLASS = NoteClass.EQUIPE
"""How the minutes' texts without a class (general note, household's view) are read: as a team note, no author."""


def load_meeting(session: Session, meeting_id: int) -> Meeting:
    """Return the meeting with its type, attendees and (visible) items, or raise a French NotFoundError."""
    meeting = session.scalar(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(
            selectinload(Meeting.meeting_type).selectinload(MeetingType.members),
            selectinload(Meeting.attendees),
            selectinload(Meeting.items),
        )
    )
    if meeting is None:
        raise NotFoundError(f"Réunion introuvable (n° {meeting_id}).")
    return meeting


def claim_meeting(session: Session, ctx: ServiceContext, meeting_id: int, expected: int) -> None:
    """Move the meeting to its next version if still at ``expected`` (docs/domain.md §9.4), else refuse."""
    claim_row(session, Meeting, meeting_id, expected, this="Cette réunion", feminine=True)


def claim_row(
    session: Session,
    model: type[Meeting] | type[GlissementReview] | type[MeetingType],
    row_id: int,
    expected: int,
    *,
    this: str,
    feminine: bool,
) -> None:
    """The atomic version claim of :mod:`caseworker.services.row_versions`, for records no household owns alone.

    A meeting (or a meeting type) names no household, so the refusal says no name (the audit log would, but the
    meeting is everyone's).
    """
    ending = "e" if feminine else ""
    pronoun = "la" if feminine else "le"
    if 0 < expected <= MAX_VERSION:
        claimed = session.execute(
            update(model)
            .where(model.id == row_id, model.row_version == expected)
            .values(row_version=model.row_version + 1)
            .execution_options(synchronize_session="fetch")
        )
        if claimed.rowcount == 1:  # type: ignore[attr-defined]
            return
    if session.scalar(select(model.id).where(model.id == row_id)) is None:
        raise DeletedMeanwhileError(
            f"{this} n'existe plus ou n'est plus accessible : vos saisies ne peuvent pas être enregistrées. "
            "Fermez cette fenêtre."
        )
    raise ConcurrentChangeError(
        f"{this} a été modifié{ending} par une autre personne pendant que vous {pronoun} modifiiez. "
        "Vos saisies sont conservées : fermez cette fenêtre pour voir la nouvelle version, puis recommencez."
    )


def type_view(meeting_type: MeetingType) -> MeetingTypeView:
    """Return a meeting type as Paramètres and the planning dialog show it."""
    return MeetingTypeView(
        id=meeting_type.id,
        code=meeting_type.code,
        label=meeting_type.label,
        cadence_months=meeting_type.cadence_months,
        household_attends=meeting_type.household_attends,
        admission_commission=meeting_type.admission_commission,
        active=meeting_type.active,
        members=tuple(
            MemberView(item.staff_member_id, item.partner_contact_id, item.name, item.capacity)
            for item in meeting_type.members
        ),
        row_version=meeting_type.row_version,
    )


def decision_view(decision: MeetingDecision, meeting: Meeting) -> DecisionView:
    """Return one decision, saying in which meeting it was taken."""
    return DecisionView(
        id=decision.id,
        meeting_id=meeting.id,
        meeting_label=meeting.meeting_type.label,
        meeting_on=meeting.held_on,
        item_id=decision.item_id,
        household_id=decision.household_id,
        episode_id=decision.episode_id,
        kind=decision.kind,
        decided_on=decision.decided_on,
        summary=decision.summary,
        extension_id=decision.extension_id,
        intensity_period_id=decision.intensity_period_id,
        transition_id=decision.transition_id,
        review_id=decision.review_id,
        glissement_review_id=decision.glissement_review_id,
        alert_id=decision.alert_id,
    )


def glissement_view(review: GlissementReview) -> GlissementReviewView:
    """Return a glissement review as its dialog shows it."""
    return GlissementReviewView(
        id=review.id,
        household_id=review.household_id,
        occupancy_id=review.occupancy_id,
        planned_on=review.planned_on,
        regular_payment=review.regular_payment,
        debt_settled=review.debt_settled,
        household_wish=review.household_wish,
        insurance=review.insurance,
        outcome=review.outcome,
        decided_on=review.decided_on,
        postponed_to=review.postponed_to,
        new_occupancy_id=review.new_occupancy_id,
        row_version=review.row_version,
    )


def _readers(session: Session, staff_id: int | None, household_ids: Iterable[int]) -> dict[int | None, NoteReader]:
    """Who reads the notes, per household; an item of no household has no team (None: the reader off any team)."""
    readers: dict[int | None, NoteReader] = {
        household_id: note_reader(session, staff_id, household_id) for household_id in set(household_ids)
    }
    readers[None] = NoteReader(staff_id, role_code=role_code_of(session, staff_id))
    return readers


def _review_kinds(episodes: Sequence[Episode], today: date) -> dict[tuple[int, date], ReviewKind]:
    """The kind of each milestone review due, by episode and date (an item stores its date, not its kind)."""
    kinds: dict[tuple[int, date], ReviewKind] = {}
    for episode in episodes:
        planned = episode_durations(episode, today).planned_end
        for milestone in episode_milestones(episode, planned, today):
            kinds.setdefault((episode.id, milestone.due_on), milestone.kind)
    return kinds


def meeting_view(session: Session, ctx: ServiceContext, meeting: Meeting) -> MeetingView:
    """Return the meeting as this reader may see it: the items of their households, the notes of their classes."""
    today = ctx.clock.today()
    items = list(meeting.items)
    household_ids = [item.household_id for item in items if item.household_id is not None]
    names = display_names_for(session, household_ids)
    readers = _readers(session, ctx.actor.staff_member_id, household_ids)
    general_readable = readers[None].may_read(FREE_TEXT_CLASS, None)
    episode_ids = {item.episode_id for item in items if item.episode_id is not None}
    episodes = (
        list(session.scalars(with_details(select(Episode)).where(Episode.id.in_(episode_ids)))) if episode_ids else []
    )
    versions = {episode.id: episode.row_version for episode in episodes}
    kinds = _review_kinds([e for e in episodes if any(i.episode_id == e.id and i.due_on for i in items)], today)
    decisions = list(
        session.scalars(
            select(MeetingDecision).where(MeetingDecision.meeting_id == meeting.id).order_by(MeetingDecision.id)
        )
    )
    by_item: dict[int | None, list[DecisionView]] = {}
    for decision in decisions:
        by_item.setdefault(decision.item_id, []).append(decision_view(decision, meeting))
    return MeetingView(
        id=meeting.id,
        type_id=meeting.meeting_type_id,
        type_code=meeting.meeting_type.code,
        type_label=meeting.meeting_type.label,
        household_attends=meeting.meeting_type.household_attends,
        admission_commission=meeting.meeting_type.admission_commission,
        held_on=meeting.held_on,
        place=meeting.place,
        urgent=meeting.urgent,
        status=meeting.status,
        general_note=meeting.general_note if general_readable else "",
        general_note_hidden=meeting.has_general_note and not general_readable,
        row_version=meeting.row_version,
        attendees=tuple(
            AttendeeView(
                item.id,
                item.name,
                item.capacity,
                item.present,
                item.staff_member_id,
                item.partner_contact_id,
                item.person_id,
            )
            for item in meeting.attendees
        ),
        items=tuple(
            _item_view(item, names, readers, versions, kinds, tuple(by_item.get(item.id, ()))) for item in items
        ),
    )


def _item_view(
    item: MeetingItem,
    names: dict[int, str],
    readers: dict[int | None, NoteReader],
    versions: dict[int, int],
    kinds: dict[tuple[int, date], ReviewKind],
    decisions: tuple[DecisionView, ...],
) -> ItemView:
    reader = readers[item.household_id]
    readable = reader.may_read(item.note_class, None)
    note = item.note if item.has_note and readable else ""
    view_readable = reader.may_read(FREE_TEXT_CLASS, None)
    return ItemView(
        id=item.id,
        kind=item.kind,
        label=item.label,
        household_id=item.household_id,
        household_name=names.get(item.household_id, "") if item.household_id is not None else "",
        episode_id=item.episode_id,
        episode_version=versions.get(item.episode_id) if item.episode_id is not None else None,
        glissement_review_id=item.glissement_review_id,
        due_on=item.due_on,
        review_kind=kinds.get((item.episode_id, item.due_on))
        if item.episode_id is not None and item.due_on is not None
        else None,
        household_present=item.household_present,
        household_view=item.household_view if view_readable else "",
        household_view_hidden=item.has_household_view and not view_readable,
        note_class=item.note_class,
        note=note,
        note_hidden=item.has_note and not note,
        decisions=decisions,
    )


def audit_meeting(session: Session, ctx: ServiceContext, action: AuditAction, meeting: Meeting, *fields: str) -> None:
    """Write the meeting's audit event (no household: the meeting is the service's)."""
    audit.record(session, ctx, action, "meeting", meeting.id, fields=fields)
