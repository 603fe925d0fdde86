"""Tasks and debrief notes: what the morning debrief decides (docs/domain.md §11.2)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Enum as SqlEnum
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.domain.debrief import AutomaticReason, TaskOrigin, TaskStatus
from caseworker.models.base import Base, UtcDateTime, utc_now

if TYPE_CHECKING:
    from caseworker.models.directory import StaffMember


class Task(Base):
    """Something one staff member has to do by a date, about a household or not.

    A task is open, then done or cancelled, with who and when (``closed_by_id`` is None when the check of
    automatic tasks closed it because its condition was met); it is never deleted. An automatic task carries its
    reason and a key (reason, subject, date) that makes it once: running the check again makes no second one.
    """

    __tablename__ = "task"
    __table_args__ = (
        # « Mes tâches »: one person's open tasks by due date.
        Index("ix_task_owner_status_due", "owner_id", "status", "due_on"),
        Index("ix_task_household_status", "household_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id"))
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"))
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date]
    origin: Mapped[TaskOrigin] = mapped_column(SqlEnum(TaskOrigin, native_enum=False, length=16))
    reason: Mapped[AutomaticReason | None] = mapped_column(SqlEnum(AutomaticReason, native_enum=False, length=32))
    automatic_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    status: Mapped[TaskStatus] = mapped_column(SqlEnum(TaskStatus, native_enum=False, length=16))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alert.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    close_note: Mapped[str] = mapped_column(Text, default="")
    # Bumped by every change a person saves; a save typed against an older version is refused (docs/domain.md §9.4).
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")

    owner: Mapped[StaffMember] = relationship(foreign_keys=[owner_id])


class DebriefNote(Base):
    """A dated note of the debrief about one household: class C2, visible to the team, never in a partner document."""

    __tablename__ = "debrief_note"
    __table_args__ = (Index("ix_debrief_note_household_on", "household_id", "written_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    written_on: Mapped[date]
    text: Mapped[str] = mapped_column(Text)
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
