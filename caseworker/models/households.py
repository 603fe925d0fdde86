"""Households, persons and who belonged to which household when (composition history)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.models.base import Base, UtcDateTime, utc_now
from caseworker.models.reference import (
    AdministrativeStatus,
    CompositionType,
    MemberRole,
    ReferralSource,
    SituationBeforeEntry,
)

if TYPE_CHECKING:
    from caseworker.models.consents import Consent
    from caseworker.models.housing import Occupancy


class Household(Base):
    """A household (ménage). Its id is persistent and never reused (SQLite AUTOINCREMENT)."""

    __tablename__ = "household"
    __table_args__ = (
        # The list's order, page after page (keyset pagination: ``listing.list_page``).
        Index("ix_household_sort_name", "sort_name", "id"),
        # Who sees a household before its team has a professional on it (``access_policy.visible_households``).
        Index("ix_household_created_by", "created_by_id"),
        # What a search scans: on PostgreSQL a trigram index (pg_trgm) answers "contains" (LIKE '%word%'); on
        # SQLite a plain index the search reads instead of the table (fewer pages to decrypt).
        Index(
            "ix_household_search_text",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    composition_type_id: Mapped[int | None] = mapped_column(ForeignKey("composition_type.id"))
    pet_count: Mapped[int] = mapped_column(default=0)
    pets_note: Mapped[str] = mapped_column(String(300), default="")
    situation_before_entry_id: Mapped[int | None] = mapped_column(ForeignKey("situation_before_entry.id"))
    referral_source_id: Mapped[int | None] = mapped_column(ForeignKey("referral_source.id"))
    siao_reference: Mapped[str] = mapped_column(String(60), default="")
    # The numéro unique of the social housing application, renewed every year before it expires (F03).
    numero_unique: Mapped[str] = mapped_column(String(40), default="", server_default="")
    numero_unique_expires_on: Mapped[date | None]
    # Accent- and case-folded names of every member past and present, plus references: what search matches.
    search_text: Mapped[str] = mapped_column(Text, default="")
    # The folded name of the person who names the household (``search_text.fold`` of the list's name): the list's
    # order, kept by ``listing.refresh_search_text``. Compared byte by byte on both backends (COLLATE "C" on
    # PostgreSQL), as SQLite does, so that pages follow the same order everywhere.
    sort_name: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Who created the household: they see it until a staff member is on its team (docs/domain.md §2).
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)
    # Bumped by every change a person saves; a save typed against an older version is refused (docs/domain.md §9.4).
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")

    composition_type: Mapped[CompositionType | None] = relationship()
    situation_before_entry: Mapped[SituationBeforeEntry | None] = relationship()
    referral_source: Mapped[ReferralSource | None] = relationship()
    memberships: Mapped[list[HouseholdMembership]] = relationship(
        back_populates="household", order_by="HouseholdMembership.start_date"
    )
    occupancies: Mapped[list[Occupancy]] = relationship(back_populates="household", order_by="Occupancy.start_date")
    consents: Mapped[list[Consent]] = relationship(back_populates="household")


class Person(Base):
    """A person, identified for life by a persistent id; names are optional when a pseudonym is given."""

    __tablename__ = "person"
    __table_args__ = (
        # The titres de séjour ending this week, on the board (services.board.deadlines).
        Index("ix_person_administrative_status_deadline", "administrative_status_deadline"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    pseudonym: Mapped[str] = mapped_column(String(100), default="")
    birth_year: Mapped[int | None]
    administrative_status_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_status.id"))
    administrative_status_deadline: Mapped[date | None]
    phone: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)

    administrative_status: Mapped[AdministrativeStatus | None] = relationship()
    memberships: Mapped[list[HouseholdMembership]] = relationship(back_populates="person")


class HouseholdMembership(Base):
    """A person's presence in a household over a period (``end_date`` inclusive; None while present)."""

    __tablename__ = "household_membership"
    __table_args__ = (Index("ix_household_membership_household_person", "household_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("member_role.id"))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    end_reason: Mapped[str] = mapped_column(Text, default="")

    household: Mapped[Household] = relationship(back_populates="memberships")
    person: Mapped[Person] = relationship(back_populates="memberships")
    role: Mapped[MemberRole] = relationship()
