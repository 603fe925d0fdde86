"""After-care and the watch list (docs/domain.md §14.1, §14.2).

An episode that ends into after-care (*suivi post-accompagnement*) keeps one :class:`AfterCare` row: its kind, its
window (from the exit to ``planned_end``), who funds it and the referent who stays reachable; it ends at the end of
its window or earlier (``ended_on`` and a reason: a reactivation, a departure…). A household on the **watch list**
(:class:`WatchEntry`) gets a « prendre des nouvelles » task every ``every_weeks`` weeks until it is taken off.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Enum as SqlEnum
from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.domain.aftercare import AfterCareEndReason, AfterCareKind
from caseworker.models.base import Base, UtcDateTime, utc_now

if TYPE_CHECKING:
    from caseworker.models.directory import StaffMember
    from caseworker.models.funding import Funder
    from caseworker.models.support import Episode


class AfterCare(Base):
    """The after-care that followed an episode's exit: kind, window, funder, referent, and how it ended."""

    __tablename__ = "after_care"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episode.id"), unique=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    kind: Mapped[AfterCareKind] = mapped_column(SqlEnum(AfterCareKind, native_enum=False, length=24))
    start_date: Mapped[date]
    planned_end: Mapped[date]
    funder_id: Mapped[int] = mapped_column(ForeignKey("funder.id"))
    referent_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id"))
    ended_on: Mapped[date | None]
    end_reason: Mapped[AfterCareEndReason | None] = mapped_column(
        SqlEnum(AfterCareEndReason, native_enum=False, length=24)
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")

    episode: Mapped[Episode] = relationship()
    funder: Mapped[Funder] = relationship()
    referent: Mapped[StaffMember] = relationship(foreign_keys=[referent_id])


class WatchEntry(Base):
    """A household on the watch list from ``start_date`` to ``end_date`` (inclusive; None: still watched)."""

    __tablename__ = "watch_entry"
    # One current stay on the list per household (two would make two tasks each cycle).
    __table_args__ = (
        Index(
            "uq_watch_entry_current",
            "household_id",
            unique=True,
            sqlite_where=text("end_date IS NULL"),
            postgresql_where=text("end_date IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    after_care_id: Mapped[int | None] = mapped_column(ForeignKey("after_care.id"))
    every_weeks: Mapped[int]
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    end_reason: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")
