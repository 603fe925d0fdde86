"""The append-only audit log: who created, changed, deleted, viewed or exported what, and when.

It records names of changed fields, never their values: the log stays useful without copying personal data.
Database triggers (see the initial migration) refuse any UPDATE or DELETE on it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Enum as SqlEnum
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from caseworker.domain import AuditAction
from caseworker.models.base import Base, UtcDateTime, utc_now


class AuditEvent(Base):
    """One audited event."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_household_at", "household_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    action: Mapped[AuditAction] = mapped_column(SqlEnum(AuditAction, native_enum=False, length=16))
    entity_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int | None]
    # Plain integer, not a foreign key: the log outlives what it describes.
    household_id: Mapped[int | None]
    fields: Mapped[str] = mapped_column(String(1000), default="")
