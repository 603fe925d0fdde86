"""Encounters outside the contact log: the drop-in register, street outreach, collective sessions (docs/domain.md §14).

None of them is a contact of a measure's activity, and none needs a household: an anonymous drop-in visit or a
street encounter never creates a person. A **drop-in visit** (permanence) names its household (and person) when
identified, else only an age band and sex if known. A **street encounter** (maraude) records a place, a time, what
was offered, an age band and sex if known; it may be attached to a household later, once the person is identified.
A **collective session** (atelier) has a theme, facilitators, and attendees — households (a person of theirs, or
the household as a whole) and an anonymous count.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.domain.aftercare import AgeBand, Sex
from caseworker.models.base import Base, ReferenceItem, UtcDateTime, utc_now


class DropInReason(ReferenceItem, Base):
    """Why someone came to the drop-in (accueil, courrier, démarches…)."""

    __tablename__ = "drop_in_reason"


class DropInVisit(Base):
    """One visit to the drop-in: identified (a household, perhaps a person of it) or anonymous."""

    __tablename__ = "drop_in_visit"
    __table_args__ = (Index("ix_drop_in_visit_household_at", "household_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    age_band: Mapped[AgeBand | None] = mapped_column(SqlEnum(AgeBand, native_enum=False, length=16))
    sex: Mapped[Sex | None] = mapped_column(SqlEnum(Sex, native_enum=False, length=16))
    reason_id: Mapped[int | None] = mapped_column(ForeignKey("drop_in_reason.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    reason: Mapped[DropInReason | None] = relationship()


class OutreachOffer(ReferenceItem, Base):
    """What a street outreach round may offer (a hot drink, a hygiene kit, information, a shelter call…)."""

    __tablename__ = "outreach_offer"


outreach_encounter_offer = Table(
    "outreach_encounter_offer",
    Base.metadata,
    Column("encounter_id", ForeignKey("outreach_encounter.id", ondelete="CASCADE"), primary_key=True),
    Column("offer_id", ForeignKey("outreach_offer.id"), primary_key=True),
)


class OutreachEncounter(Base):
    """One street encounter, attached to a household once the person is identified (None: not yet, or never)."""

    __tablename__ = "outreach_encounter"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    age_band: Mapped[AgeBand | None] = mapped_column(SqlEnum(AgeBand, native_enum=False, length=16))
    sex: Mapped[Sex | None] = mapped_column(SqlEnum(Sex, native_enum=False, length=16))
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    attached_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    attached_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")

    offers: Mapped[list[OutreachOffer]] = relationship(secondary=outreach_encounter_offer)


class SessionTheme(ReferenceItem, Base):
    """The theme of a collective session (droits et devoirs du locataire, budget, économies d'énergie…)."""

    __tablename__ = "session_theme"


class CollectiveSession(Base):
    """A collective session (atelier): its date, theme, facilitators and attendees."""

    __tablename__ = "collective_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column(index=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("session_theme.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    duration_minutes: Mapped[int | None]
    # People who came without being named (no person, no household is created for them).
    anonymous_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")

    theme: Mapped[SessionTheme] = relationship()
    facilitators: Mapped[list[CollectiveSessionFacilitator]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="CollectiveSessionFacilitator.id"
    )


class CollectiveSessionFacilitator(Base):
    """Who ran a session: a staff member or a partner's contact."""

    __tablename__ = "collective_session_facilitator"
    __table_args__ = (
        CheckConstraint("(staff_member_id IS NULL) != (partner_contact_id IS NULL)", name="one_kind_of_facilitator"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("collective_session.id", ondelete="CASCADE"), index=True)
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    partner_contact_id: Mapped[int | None] = mapped_column(ForeignKey("partner_contact.id"))


class CollectiveSessionAttendee(Base):
    """A household that attended a session (a person of it, or the household as a whole: ``person_id`` None)."""

    __tablename__ = "collective_session_attendee"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("collective_session.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))


__all__ = [
    "CollectiveSession",
    "CollectiveSessionAttendee",
    "CollectiveSessionFacilitator",
    "DropInReason",
    "DropInVisit",
    "OutreachEncounter",
    "OutreachOffer",
    "SessionTheme",
    "outreach_encounter_offer",
]
