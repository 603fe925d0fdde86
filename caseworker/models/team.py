"""The household's team (multiréférence): professionals from any organisation, one of them coordinating.

A member is either a staff member (of the association or of a partner organisation) or a partner contact
from the directory. Coordination is a flag on a membership period: naming another coordinator ends the
current periods and opens new ones, so the history of coordinators is kept and can be counted.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.models.base import Base, UtcDateTime, utc_now
from caseworker.models.reference import TeamRole

if TYPE_CHECKING:
    from caseworker.models.directory import PartnerContact, StaffMember


class TeamMembership(Base):
    """A professional on a household's team from ``start_date`` to ``end_date`` (inclusive; None: current)."""

    __tablename__ = "team_membership"
    __table_args__ = (
        Index("ix_team_membership_household", "household_id", "end_date"),
        Index("ix_team_membership_staff", "staff_member_id", "end_date"),
        CheckConstraint("(staff_member_id IS NULL) != (partner_contact_id IS NULL)", name="one_kind_of_member"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    partner_contact_id: Mapped[int | None] = mapped_column(ForeignKey("partner_contact.id"))
    role_id: Mapped[int] = mapped_column(ForeignKey("team_role.id"))
    is_coordinator: Mapped[bool] = mapped_column(default=False)
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    end_reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    staff_member: Mapped[StaffMember | None] = relationship()
    partner_contact: Mapped[PartnerContact | None] = relationship()
    role: Mapped[TeamRole] = relationship()
