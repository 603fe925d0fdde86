"""The support timeline: the measure catalogue and each household's support episodes.

Support is a timeline of its own, independent from housing (docs/domain.md §1): an episode has a measure
(dispositif), a state (docs/domain.md §3.1) changed only through dated, attributed transitions, a dated series of
intensity levels, suspensions and extensions. Totals (days active, days per level, planned end…) are never stored: they
are derived from these periods by :mod:`caseworker.services.support.durations`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Enum as SqlEnum
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.domain import DurationPolicy, EpisodeStatus, ObjectivesMet, ObjectiveStatus, Party, ReviewKind
from caseworker.models.base import Base, UtcDateTime, utc_now
from caseworker.models.reference import ExitReason, NoFollowUpReason, OccupancyStatus, SuspensionReason, Topic

if TYPE_CHECKING:
    from caseworker.models.directory import PartnerContact, StaffMember
    from caseworker.models.households import Household


class Measure(Base):
    """A funded scheme (dispositif) of the catalogue, editable by an administrator."""

    __tablename__ = "measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    is_national: Mapped[bool] = mapped_column(default=True)
    funders: Mapped[str] = mapped_column(String(500), default="")
    target_public: Mapped[str] = mapped_column(Text, default="")
    duration_policy: Mapped[DurationPolicy] = mapped_column(SqlEnum(DurationPolicy, native_enum=False, length=24))
    duration_months: Mapped[int | None]
    # For "renewable": how many renewals; for "max_plus_extension": how many extensions (None: no limit).
    max_extensions: Mapped[int | None]
    suspended_days_count: Mapped[bool] = mapped_column(default=False)
    caseload_target: Mapped[int | None]
    review_start_months: Mapped[int] = mapped_column(default=1)
    review_end_months: Mapped[int] = mapped_column(default=1)
    review_every_months: Mapped[int] = mapped_column(default=6)
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    levels: Mapped[list[IntensityLevel]] = relationship(
        back_populates="measure", order_by="IntensityLevel.sort_order", cascade="all, delete-orphan"
    )


class IntensityLevel(Base):
    """One level of a measure's intensity scale, with its contact rhythm and caseload weight."""

    __tablename__ = "intensity_level"
    __table_args__ = (UniqueConstraint("measure_id", "code", name="uq_intensity_level_measure_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(100))
    # Expected rhythm: ``rhythm_contacts`` contacts every ``rhythm_days`` days (None: on request).
    rhythm_contacts: Mapped[int | None]
    rhythm_days: Mapped[int | None]
    # Caseload weight in hundredths (200 = counts as two households).
    weight_percent: Mapped[int] = mapped_column(default=100)
    # Past this many days without a successful contact, the household is flagged (None: never).
    no_contact_days: Mapped[int | None]
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    measure: Mapped[Measure] = relationship(back_populates="levels")


class Episode(Base):
    """One support episode of a household under one measure; several may run at once."""

    __tablename__ = "episode"
    __table_args__ = (Index("ix_episode_household_status", "household_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id"), index=True)
    status: Mapped[EpisodeStatus] = mapped_column(SqlEnum(EpisodeStatus, native_enum=False, length=24))
    funders: Mapped[str] = mapped_column(String(500), default="")
    referral_source_id: Mapped[int | None] = mapped_column(ForeignKey("referral_source.id"))
    referral_note: Mapped[str] = mapped_column(Text, default="")
    orientation_date: Mapped[date]
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    no_follow_up_reason_id: Mapped[int | None] = mapped_column(ForeignKey("no_follow_up_reason.id"))
    previous_episode_id: Mapped[int | None] = mapped_column(ForeignKey("episode.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    # Bumped by every change a person saves; a save typed against an older version is refused (docs/domain.md §9.4).
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")

    household: Mapped[Household] = relationship()
    measure: Mapped[Measure] = relationship()
    no_follow_up_reason: Mapped[NoFollowUpReason | None] = relationship()
    transitions: Mapped[list[EpisodeTransition]] = relationship(
        back_populates="episode", order_by="EpisodeTransition.id"
    )
    intensity_periods: Mapped[list[IntensityPeriod]] = relationship(
        back_populates="episode", order_by="IntensityPeriod.start_date"
    )
    suspensions: Mapped[list[Suspension]] = relationship(back_populates="episode", order_by="Suspension.start_date")
    extensions: Mapped[list[Extension]] = relationship(back_populates="episode", order_by="Extension.id")
    objectives: Mapped[list[Objective]] = relationship(back_populates="episode", order_by="Objective.id")
    reviews: Mapped[list[EpisodeReview]] = relationship(back_populates="episode", order_by="EpisodeReview.held_on")
    exit_record: Mapped[ExitRecord | None] = relationship(back_populates="episode")


class EpisodeTransition(Base):
    """One state change of an episode: from, to, effective date, who and why."""

    __tablename__ = "episode_transition"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episode.id"), index=True)
    from_status: Mapped[EpisodeStatus | None] = mapped_column(SqlEnum(EpisodeStatus, native_enum=False, length=24))
    to_status: Mapped[EpisodeStatus] = mapped_column(SqlEnum(EpisodeStatus, native_enum=False, length=24))
    effective_date: Mapped[date]
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    episode: Mapped[Episode] = relationship(back_populates="transitions")
    staff_member: Mapped[StaffMember | None] = relationship()


class IntensityPeriod(Base):
    """The intensity level from ``start_date`` to ``end_date`` (inclusive; None while current)."""

    __tablename__ = "intensity_period"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episode.id"), index=True)
    level_id: Mapped[int] = mapped_column(ForeignKey("intensity_level.id"))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_where: Mapped[str] = mapped_column(String(200), default="")

    episode: Mapped[Episode] = relationship(back_populates="intensity_periods")
    level: Mapped[IntensityLevel] = relationship()


class Suspension(Base):
    """A pause without exit, from ``start_date`` to ``end_date`` (inclusive; None while suspended)."""

    __tablename__ = "suspension"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episode.id"), index=True)
    reason_id: Mapped[int] = mapped_column(ForeignKey("suspension_reason.id"))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    review_date: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")

    episode: Mapped[Episode] = relationship(back_populates="suspensions")
    reason: Mapped[SuspensionReason] = relationship()


class Extension(Base):
    """A renewal or negotiated extension adding ``months`` to the planned end, approved by a team lead."""

    __tablename__ = "extension"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episode.id"), index=True)
    decided_on: Mapped[date]
    months: Mapped[int]
    justification: Mapped[str] = mapped_column(Text)
    approver_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id"))
    decided_where: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    episode: Mapped[Episode] = relationship(back_populates="extensions")
    approver: Mapped[StaffMember] = relationship()


class Objective(Base):
    """An objective in the household's own words."""

    __tablename__ = "objective"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episode.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"))
    owner: Mapped[Party] = mapped_column(SqlEnum(Party, native_enum=False, length=16))
    status: Mapped[ObjectiveStatus] = mapped_column(SqlEnum(ObjectiveStatus, native_enum=False, length=16))
    set_on: Mapped[date]
    next_review_on: Mapped[date | None]
    last_reviewed_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    episode: Mapped[Episode] = relationship(back_populates="objectives")
    theme: Mapped[Topic | None] = relationship()


class EpisodeReview(Base):
    """A milestone review that was held (due dates are derived from the episode and its measure)."""

    __tablename__ = "episode_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episode.id"), index=True)
    kind: Mapped[ReviewKind] = mapped_column(SqlEnum(ReviewKind, native_enum=False, length=16))
    due_on: Mapped[date]
    held_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))

    episode: Mapped[Episode] = relationship(back_populates="reviews")


class ExitRecord(Base):
    """How an episode ended: reason, destination (an occupancy status), objectives met, and the handover."""

    __tablename__ = "exit_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(ForeignKey("episode.id"), unique=True)
    reason_id: Mapped[int] = mapped_column(ForeignKey("exit_reason.id"))
    destination_status_id: Mapped[int | None] = mapped_column(ForeignKey("occupancy_status.id"))
    objectives_met: Mapped[ObjectivesMet] = mapped_column(SqlEnum(ObjectivesMet, native_enum=False, length=16))
    narrative: Mapped[str] = mapped_column(Text, default="")
    # Passage de relais: who takes over, named contact, date; or why there is none.
    handover_services: Mapped[str] = mapped_column(Text, default="")
    handover_contact_id: Mapped[int | None] = mapped_column(ForeignKey("partner_contact.id"))
    handover_contact_name: Mapped[str] = mapped_column(String(200), default="")
    handover_date: Mapped[date | None]
    handover_note: Mapped[str] = mapped_column(Text, default="")
    handover_waiver_reason: Mapped[str] = mapped_column(Text, default="")

    episode: Mapped[Episode] = relationship(back_populates="exit_record")
    reason: Mapped[ExitReason] = relationship()
    destination_status: Mapped[OccupancyStatus | None] = relationship()
    handover_contact: Mapped[PartnerContact | None] = relationship()
