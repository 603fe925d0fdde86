"""The contact log: visits, calls and failed "aller vers" attempts, with participants and topics."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Table, Text, false
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.domain import NoteClass
from caseworker.models.base import Base, TextApart, UtcDateTime, utc_now
from caseworker.models.reference import ContactOutcome, ContactType, Topic

contact_topic_link = Table(
    "contact_topic_link",
    Base.metadata,
    Column("contact_id", ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topic.id"), primary_key=True),
)


class Contact(Base):
    """One contact or attempt with a household."""

    __tablename__ = "contact"
    __table_args__ = (
        Index("ix_contact_household_at", "household_id", "occurred_at"),
        # The board reads contacts by date: since the last working day, successful ones since a threshold.
        Index("ix_contact_occurred_at", "occurred_at", "household_id", "outcome_id", "type_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    duration_minutes: Mapped[int | None]
    type_id: Mapped[int] = mapped_column(ForeignKey("contact_type.id"))
    outcome_id: Mapped[int] = mapped_column(ForeignKey("contact_outcome.id"))
    # Derived from the local time when saved (outside 08:30–18:30, weekends, public holidays), may be corrected.
    off_hours: Mapped[bool] = mapped_column(default=False)
    after_care: Mapped[bool] = mapped_column(default=False)
    # Whether a note was written (not secret: a reader who may not read it is told "note masquée").
    has_note: Mapped[bool] = mapped_column(default=False, server_default=false())
    note_class: Mapped[NoteClass] = mapped_column(SqlEnum(NoteClass, native_enum=False, length=16))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    # The text lives apart (``contact_note``) so that the team's server can refuse it row by row to whoever may
    # not read it (docs/domain.md §5.2), while the contact itself stays visible to the team.
    note_row: Mapped[ContactNote | None] = relationship(
        cascade="all, delete-orphan", lazy="selectin", passive_deletes=True
    )
    type: Mapped[ContactType] = relationship()
    outcome: Mapped[ContactOutcome] = relationship()
    topics: Mapped[list[Topic]] = relationship(secondary=contact_topic_link)
    participants: Mapped[list[ContactParticipant]] = relationship(
        back_populates="contact", cascade="all, delete-orphan"
    )

    note = TextApart("note_row", "has_note", lambda text: ContactNote(text=text))
    """The note's text (its row: :class:`ContactNote`)."""


class ContactNote(Base):
    """The text of a contact's note, readable only as its class allows (docs/domain.md §5.2)."""

    __tablename__ = "contact_note"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class ContactParticipant(Base):
    """A professional who took part in a contact (a staff member or a partner contact)."""

    __tablename__ = "contact_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"), index=True)
    partner_contact_id: Mapped[int | None] = mapped_column(ForeignKey("partner_contact.id"))

    contact: Mapped[Contact] = relationship(back_populates="participants")


class HouseholdLastContact(Base):
    """When a household was last reached: the latest of its contacts whose outcome is *reached* (no row: never).

    A figure derived from the contact log, kept by the database itself: triggers on ``contact`` (and on a contact
    outcome's kind) rewrite it whatever writes the log (migration 0022, on both backends). The application only
    reads it — the board finds the households past their no-contact threshold without grouping 500,000 contacts
    (docs/domain.md §11.1). On the team's server people may read it (their households' rows), never write it
    (:data:`caseworker.storage.server_admin.DERIVED_TABLES`).
    """

    __tablename__ = "household_last_contact"

    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), primary_key=True)
    reached_at: Mapped[datetime] = mapped_column(UtcDateTime)
