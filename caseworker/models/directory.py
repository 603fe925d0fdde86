"""Organisations, their contact people, and the association's own staff."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Enum as SqlEnum
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.domain import Civility
from caseworker.models.base import Base, UtcDateTime, utc_now
from caseworker.models.reference import OrganisationKind, PartnerRole, StaffRole

if TYPE_CHECKING:
    from caseworker.models.housing import Dwelling


class Organisation(Base):
    """Any organisation the association works with, including itself (``is_own``)."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind_id: Mapped[int] = mapped_column(ForeignKey("organisation_kind.id"))
    territory: Mapped[str] = mapped_column(String(200), default="")
    former_names: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    is_own: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    kind: Mapped[OrganisationKind] = relationship()
    contacts: Mapped[list[PartnerContact]] = relationship(back_populates="organisation")
    staff: Mapped[list[StaffMember]] = relationship(back_populates="organisation")
    dwellings: Mapped[list[Dwelling]] = relationship(back_populates="landlord")


class PartnerContact(Base):
    """A named person at a partner organisation (annuaire)."""

    __tablename__ = "partner_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    civility: Mapped[Civility | None] = mapped_column(SqlEnum(Civility, native_enum=False, length=16))
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    role_id: Mapped[int | None] = mapped_column(ForeignKey("partner_role.id"))
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    is_referent: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    organisation: Mapped[Organisation] = relationship(back_populates="contacts")
    role: Mapped[PartnerRole | None] = relationship()


class StaffMember(Base):
    """A professional or volunteer who uses or is named in the application."""

    __tablename__ = "staff_member"
    __table_args__ = (Index("ix_staff_member_login", "login", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    role_id: Mapped[int] = mapped_column(ForeignKey("staff_role.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    fte_percent: Mapped[int] = mapped_column(default=100)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    # Team mode: the person's own database login on the server (docs/domain.md §9.2); None for someone who does
    # not log in (a colleague named on a team) and in local mode.
    login: Mapped[str | None] = mapped_column(String(48))

    role: Mapped[StaffRole] = relationship()
    organisation: Mapped[Organisation] = relationship(back_populates="staff")


class StaffCredential(Base):
    """In local mode, a person's own passphrase or PIN on a shared laptop (docs/domain.md §9.3).

    ``verifier`` is a memory-hard hash (scrypt) with its parameters and salt, never the secret; failed attempts
    set a growing delay before the next one, kept here so that restarting the program does not reset it. In team
    mode the server's login is the credential and this table stays empty.
    """

    __tablename__ = "staff_credential"

    staff_member_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id"), primary_key=True)
    verifier: Mapped[str] = mapped_column(String(400))
    failed_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    blocked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
