"""Meetings (the COSI, the admission commission, synthesis meetings), their minutes and typed decisions.

docs/domain.md §11.3. A meeting type has a cadence, members and whether the household attends; a meeting has an
agenda of items, mostly one household each; its minutes record who attended and, per item, whether the household
was present, its own view, a note (with the class of a contact note) and typed decisions, each linked to the record
it changed (an extension, an intensity period, a state change, a glissement review…).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Enum as SqlEnum
from sqlalchemy import ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.domain.contacts import NoteClass
from caseworker.domain.debrief import AgendaItemKind, DecisionKind, GlissementOutcome, MeetingStatus
from caseworker.models.base import Base, ReferenceItem, TextApart, UtcDateTime, utc_now

if TYPE_CHECKING:
    from caseworker.models.directory import PartnerContact, StaffMember


class MeetingType(ReferenceItem, Base):
    """A kind of meeting: its cadence in months (None: on demand), whether the household attends."""

    __tablename__ = "meeting_type"

    cadence_months: Mapped[int | None]
    household_attends: Mapped[bool] = mapped_column(default=False)
    # The admission commission decides on the candidates of the waiting list (docs/domain.md §6.1).
    admission_commission: Mapped[bool] = mapped_column(default=False)
    # Two people may edit the standing members at once: a save typed against an older version is refused
    # (docs/domain.md §9.4; migration 0020).
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")

    members: Mapped[list[MeetingTypeMember]] = relationship(
        back_populates="meeting_type", order_by="MeetingTypeMember.sort_order", cascade="all, delete-orphan"
    )


class MeetingTypeMember(Base):
    """A standing member of a meeting type: a staff member, a partner contact, or a name typed by hand."""

    __tablename__ = "meeting_type_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_type_id: Mapped[int] = mapped_column(ForeignKey("meeting_type.id"), index=True)
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    partner_contact_id: Mapped[int | None] = mapped_column(ForeignKey("partner_contact.id"))
    name: Mapped[str] = mapped_column(String(200), default="")
    capacity: Mapped[str] = mapped_column(String(200), default="")
    sort_order: Mapped[int] = mapped_column(default=0)

    meeting_type: Mapped[MeetingType] = relationship(back_populates="members")
    staff_member: Mapped[StaffMember | None] = relationship()
    partner_contact: Mapped[PartnerContact | None] = relationship()


class Meeting(Base):
    """One meeting: planned, then held with its minutes, or cancelled."""

    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_held_on", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_type_id: Mapped[int] = mapped_column(ForeignKey("meeting_type.id"), index=True)
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200), default="")
    urgent: Mapped[bool] = mapped_column(default=False)
    status: Mapped[MeetingStatus] = mapped_column(SqlEnum(MeetingStatus, native_enum=False, length=16))
    # Minutes that concern no household in particular (internal: never in a partner copy). The text lives apart
    # (read as an équipe note by someone on no team, docs/domain.md §5.2), so that the team's server can refuse it.
    has_general_note: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    minutes_recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    minutes_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    # Bumped by every change a person saves; a save typed against an older version is refused (docs/domain.md §9.4).
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")

    meeting_type: Mapped[MeetingType] = relationship()
    attendees: Mapped[list[MeetingAttendee]] = relationship(
        back_populates="meeting", order_by="MeetingAttendee.sort_order", cascade="all, delete-orphan"
    )
    items: Mapped[list[MeetingItem]] = relationship(
        back_populates="meeting", order_by="MeetingItem.sort_order", cascade="all, delete-orphan"
    )
    decisions: Mapped[list[MeetingDecision]] = relationship(back_populates="meeting", order_by="MeetingDecision.id")
    general_note_row: Mapped[MeetingGeneralNote | None] = relationship(
        cascade="all, delete-orphan", lazy="selectin", passive_deletes=True
    )

    general_note = TextApart("general_note_row", "has_general_note", lambda text: MeetingGeneralNote(text=text))
    """The general note's text (its row: :class:`MeetingGeneralNote`)."""


class MeetingGeneralNote(Base):
    """The text of the minutes' general note, readable as an équipe note by someone on no team."""

    __tablename__ = "meeting_general_note"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class MeetingAttendee(Base):
    """Who was invited or attended: a staff member, a partner contact, a household member, or a name typed."""

    __tablename__ = "meeting_attendee"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    partner_contact_id: Mapped[int | None] = mapped_column(ForeignKey("partner_contact.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    name: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[str] = mapped_column(String(200), default="")
    present: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)

    meeting: Mapped[Meeting] = relationship(back_populates="attendees")


class MeetingItem(Base):
    """One item of the agenda and, once held, of the minutes: mostly one household's situation."""

    __tablename__ = "meeting_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), index=True)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episode.id"))
    glissement_review_id: Mapped[int | None] = mapped_column(ForeignKey("glissement_review.id"))
    kind: Mapped[AgendaItemKind] = mapped_column(SqlEnum(AgendaItemKind, native_enum=False, length=16))
    label: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date | None]
    sort_order: Mapped[int] = mapped_column(default=0)
    # The minutes, per item: was the household there (None: not said, or not a household's item), its own view
    # (an équipe text of the household: its text lives apart, like the note's).
    household_present: Mapped[bool | None]
    has_household_view: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The discussion's note: its class says who reads it, as for a contact's note (docs/domain.md §5.2); its text
    # lives apart, so that the team's server can refuse it row by row.
    note_class: Mapped[NoteClass] = mapped_column(SqlEnum(NoteClass, native_enum=False, length=16))
    has_note: Mapped[bool] = mapped_column(default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    note_row: Mapped[MeetingItemNote | None] = relationship(
        cascade="all, delete-orphan", lazy="selectin", passive_deletes=True
    )
    view_row: Mapped[MeetingItemView | None] = relationship(
        cascade="all, delete-orphan", lazy="selectin", passive_deletes=True
    )

    household_view = TextApart("view_row", "has_household_view", lambda text: MeetingItemView(text=text))
    """The household's own view (its row: :class:`MeetingItemView`)."""

    note = TextApart("note_row", "has_note", lambda text: MeetingItemNote(text=text))
    """The note's text (its row: :class:`MeetingItemNote`)."""


class MeetingItemNote(Base):
    """The text of an item's note, readable only as its class allows."""

    __tablename__ = "meeting_item_note"

    item_id: Mapped[int] = mapped_column(ForeignKey("meeting_item.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class MeetingItemView(Base):
    """The text of the household's own view on an item, readable as an équipe note of its household."""

    __tablename__ = "meeting_item_view"

    item_id: Mapped[int] = mapped_column(ForeignKey("meeting_item.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class MeetingDecision(Base):
    """A typed decision of the minutes, linked to the record it changed in the same transaction."""

    __tablename__ = "meeting_decision"
    __table_args__ = (Index("ix_meeting_decision_household", "household_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_item.id"))
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episode.id"))
    kind: Mapped[DecisionKind] = mapped_column(SqlEnum(DecisionKind, native_enum=False, length=24))
    decided_on: Mapped[date]
    # What was decided, in neutral words fit for the partner copy ("prolongation de 6 mois").
    summary: Mapped[str] = mapped_column(String(500))
    # The record the decision changed (one of them, by kind).
    extension_id: Mapped[int | None] = mapped_column(ForeignKey("extension.id"), index=True)
    intensity_period_id: Mapped[int | None] = mapped_column(ForeignKey("intensity_period.id"))
    transition_id: Mapped[int | None] = mapped_column(ForeignKey("episode_transition.id"))
    review_id: Mapped[int | None] = mapped_column(ForeignKey("episode_review.id"))
    glissement_review_id: Mapped[int | None] = mapped_column(ForeignKey("glissement_review.id"))
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alert.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    meeting: Mapped[Meeting] = relationship(back_populates="decisions")


class GlissementReview(Base):
    """A review of a bail glissant before the lease passes to the household (docs/domain.md §6.8).

    The convention's criteria are ticked, a date is planned, and a meeting decides: accepted (the sub-lease closes,
    a direct lease opens on the same dwelling and date), postponed (to a new date) or refused. Never automatic.
    """

    __tablename__ = "glissement_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    occupancy_id: Mapped[int] = mapped_column(ForeignKey("occupancy.id"))
    planned_on: Mapped[date]
    regular_payment: Mapped[bool] = mapped_column(default=False)
    debt_settled: Mapped[bool] = mapped_column(default=False)
    household_wish: Mapped[bool] = mapped_column(default=False)
    insurance: Mapped[bool] = mapped_column(default=False)
    outcome: Mapped[GlissementOutcome | None] = mapped_column(SqlEnum(GlissementOutcome, native_enum=False, length=16))
    decided_on: Mapped[date | None]
    postponed_to: Mapped[date | None]
    # The direct lease opened when the glissement was accepted.
    new_occupancy_id: Mapped[int | None] = mapped_column(ForeignKey("occupancy.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    # Bumped by every change a person saves; a save typed against an older version is refused (docs/domain.md §9.4).
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")
