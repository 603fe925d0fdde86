"""The minutes of a meeting: who attended, per item the household's presence, its view, a note and decisions.

All of one call is one transaction (docs/domain.md §11.3): the minutes and every record their typed decisions
change are saved together, or — one rule refusing, for any item — nothing is, with the French message of the
rule, keyed by the item and decision concerned (``items.2.decisions.0.months``). Minutes may be completed by
several colleagues in turn (each sees the items of their own households): a call changes the items it names and
adds the decisions it carries; decisions are never rewritten, only added.

An item's note has a class like a contact's note (§5.2) and is written only in a class its writer may read
(the item has no author to let them read it back); a note this person may not read is kept as it is. So are the
texts without a class, read as *équipe* notes (the general note, a household's view): someone who may not read
them (a volunteer, an administrator off the team) leaves them as they are, and may not overwrite them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, NoteClass
from caseworker.domain.debrief import MeetingStatus
from caseworker.models.meetings import Meeting, MeetingDecision, MeetingItem
from caseworker.services import audit
from caseworker.services.access_policy import role_code_of
from caseworker.services.alerts import AlertService
from caseworker.services.context import ServiceContext
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.meetings.decisions import Decision, DecisionContext, apply_decision
from caseworker.services.meetings.planning import AttendeeInput, write_attendees
from caseworker.services.meetings.records import (
    FREE_TEXT_CLASS,
    audit_meeting,
    claim_meeting,
    decision_view,
    load_meeting,
    meeting_view,
)
from caseworker.services.meetings.views import DecisionView, MinutesResult
from caseworker.services.support.note_access import NoteReader, note_reader
from caseworker.services.validation import LONG_TEXT_MAX, Problems

NOTE_CLASS_WORDS = {
    NoteClass.EQUIPE: "équipe",
    NoteClass.REFERENTS: "référents",
    NoteClass.SANTE: "santé",
    NoteClass.JUSTICE: "justice",
}

HIDDEN_TEXT = "{what} n'est pas lisible pour vous : elle reste telle qu'elle est et ne peut pas être remplacée."


@dataclass(frozen=True)
class ItemMinutes:
    """What was said about one item; ``note`` None keeps the note as it is, ``household_view`` None the view."""

    item_id: int
    household_present: bool | None = None
    household_view: str | None = ""
    note: str | None = None
    note_class: NoteClass = NoteClass.REFERENTS
    decisions: tuple[Decision, ...] = ()
    episode_version: int | None = None  # the item's episode as read (ItemView.episode_version), for its decisions


@dataclass(frozen=True)
class MinutesInput:
    """The minutes: the attendance list (None keeps it), the items spoken of, and a general note."""

    items: tuple[ItemMinutes, ...] = ()
    attendees: tuple[AttendeeInput, ...] | None = None
    general_note: str | None = None


def _prefixed(error: ValidationError, prefix: str) -> ValidationError:
    return ValidationError({f"{prefix}.{field}": message for field, message in error.errors.items()})


def record_minutes(
    ctx: ServiceContext, alerts: AlertService, meeting_id: int, data: MinutesInput, *, expected_version: int
) -> MinutesResult:
    """Record the minutes and apply their decisions in one transaction (nothing saved when one rule refuses)."""
    today = ctx.clock.today()
    problems = Problems()
    general = (
        problems.text(
            "general_note", data.general_note, label="Note générale", max_length=LONG_TEXT_MAX, multiline=True
        )
        if data.general_note is not None
        else None
    )
    with ctx.transaction() as session:
        claim_meeting(session, ctx, meeting_id, expected_version)
        meeting = load_meeting(session, meeting_id)
        if meeting.status is MeetingStatus.CANCELLED:
            raise TransitionError("Cette réunion est annulée : elle n'a pas de compte rendu.")
        if meeting.held_on > today:
            raise ValidationError(
                {"held_on": "Le compte rendu s'enregistre une fois la réunion tenue (elle est prévue plus tard)."}
            )
        staff_id = ctx.actor.staff_member_id
        general_readable = NoteReader(staff_id, role_code=role_code_of(session, staff_id)).may_read(
            FREE_TEXT_CLASS, None
        )
        if general and not general_readable:  # kept as it is; "" (what they were shown) leaves it too
            problems.add("general_note", HIDDEN_TEXT.format(what="La note générale"))
        if data.attendees is not None:
            write_attendees(session, meeting, data.attendees)
        items = {item.id: item for item in meeting.items}
        dc = DecisionContext(session, ctx, meeting, alerts, {}, [])
        for index, minutes in enumerate(data.items):
            item = items.get(minutes.item_id)
            if item is None:
                raise NotFoundError("Ce point de l'ordre du jour n'existe plus ou n'est plus accessible.")
            _item_texts(session, ctx, item, minutes, problems, f"items.{index}")
            problems.raise_if_any()
            for number, decision in enumerate(minutes.decisions):
                try:
                    apply_decision(dc, item, decision, minutes.episode_version)
                except ValidationError as error:
                    raise _prefixed(error, f"items.{index}.decisions.{number}") from None
            audit.record(
                session,
                ctx,
                AuditAction.UPDATE,
                "meeting_item",
                item.id,
                household_id=item.household_id,
                fields=["household_present", "household_view", "note"],
            )
        problems.raise_if_any()
        if general is not None and general_readable:
            meeting.general_note = general
        meeting.status = MeetingStatus.HELD
        meeting.minutes_recorded_at = ctx.clock.now()
        meeting.minutes_recorded_by_id = ctx.actor.staff_member_id
        audit_meeting(session, ctx, AuditAction.UPDATE, meeting, "status", "minutes")
        session.flush()
        session.expire(meeting, ["items", "attendees"])
        view = meeting_view(session, ctx, load_meeting(session, meeting.id))
        return MinutesResult(view, tuple(dc.warnings))


def _item_texts(
    session: Session, ctx: ServiceContext, item: MeetingItem, minutes: ItemMinutes, problems: Problems, field: str
) -> None:
    """Write an item's presence, view and note, refusing a note in a class its writer may not read.

    A view this person may not read (an équipe text: not a volunteer's) is kept as it is; typing one over it is
    refused, so that nobody erases what they could not read.
    """
    staff_id = ctx.actor.staff_member_id
    if item.household_id is not None:
        reader = note_reader(session, staff_id, item.household_id)
    else:  # an item of no household has no team to read a note for the referents
        reader = NoteReader(staff_id, role_code=role_code_of(session, staff_id))
    item.household_present = minutes.household_present if item.household_id is not None else None
    if minutes.household_view is not None:
        view = problems.text(
            f"{field}.household_view",
            minutes.household_view,
            label="Parole du ménage",
            max_length=LONG_TEXT_MAX,
            multiline=True,
        )
        if reader.may_read(FREE_TEXT_CLASS, None):
            item.household_view = view
        elif view:  # refused even when it matches: a silent "no change" would confirm a guess
            problems.add(f"{field}.household_view", HIDDEN_TEXT.format(what="La parole du ménage"))
    if minutes.note is None:
        return
    note = problems.text(f"{field}.note", minutes.note, label="Note", max_length=LONG_TEXT_MAX, multiline=True)

    def may(note_class: NoteClass) -> bool:
        return reader.may_read(note_class, None)

    if item.has_note and not may(item.note_class):
        problems.add(f"{field}.note", "La note de ce point est masquée pour vous : vous ne pouvez pas la modifier.")
        return
    if note and not may(minutes.note_class):
        problems.add(
            f"{field}.note_class",
            f"Vous ne pourriez pas relire une note « {NOTE_CLASS_WORDS[minutes.note_class]} » : "
            "choisissez une classe que vous lisez.",
        )
        return
    item.note_class = minutes.note_class
    item.note = note


def decisions_of(session: Session, query_filter: ColumnElement[bool]) -> list[DecisionView]:
    """Return the decisions matching a condition, oldest first, each saying in which meeting it was taken."""
    rows = session.execute(
        select(MeetingDecision, Meeting)
        .join(Meeting, Meeting.id == MeetingDecision.meeting_id)
        .where(query_filter)
        .order_by(MeetingDecision.decided_on, MeetingDecision.id)
    ).all()
    return [decision_view(decision, meeting) for decision, meeting in rows]


def link_filter(
    *,
    extension_id: int | None = None,
    intensity_period_id: int | None = None,
    transition_id: int | None = None,
    review_id: int | None = None,
    glissement_review_id: int | None = None,
    alert_id: int | None = None,
) -> list[ColumnElement[bool]]:
    """The conditions naming one changed record (exactly one must be given)."""
    given = {
        MeetingDecision.extension_id: extension_id,
        MeetingDecision.intensity_period_id: intensity_period_id,
        MeetingDecision.transition_id: transition_id,
        MeetingDecision.review_id: review_id,
        MeetingDecision.glissement_review_id: glissement_review_id,
        MeetingDecision.alert_id: alert_id,
    }
    conditions = [column == value for column, value in given.items() if value is not None]
    if len(conditions) != 1:
        raise ValidationError({"record": "Indiquez un seul enregistrement dont chercher la décision."})
    return conditions
