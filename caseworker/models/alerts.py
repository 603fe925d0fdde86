"""Alerts between a landlord and the association (docs/domain.md §3.3), with their history and actions.

An alert is typed (:class:`AlertType`, reference data with default response deadlines) and directed: from the
landlord to the association (arrears, neighbour trouble…) or from the association to the landlord (a technical
problem in the dwelling). Its two deadlines — acknowledgement and first action, in French working days — are
computed once, when it is received, from the landlord's convention cadre in force or the type's defaults, and
stored with where they came from: a later convention does not rewrite the past.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.domain import AlertActionKind, AlertChannel, AlertSeverity, AlertStatus, Party
from caseworker.models.base import Base, UtcDateTime, utc_now

if TYPE_CHECKING:
    from caseworker.models.contracts import AlertType
    from caseworker.models.directory import Organisation, PartnerContact, StaffMember
    from caseworker.models.documents import Document
    from caseworker.models.households import Person


alert_document_link = Table(
    "alert_document_link",
    Base.metadata,
    Column("alert_id", ForeignKey("alert.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", ForeignKey("document.id"), primary_key=True),
)


class Alert(Base):
    """One alert. ``landlord_id`` is the sender (to the association) or the recipient (to the landlord)."""

    __tablename__ = "alert"
    __table_args__ = (
        Index("ix_alert_status_received", "status", "received_at"),
        Index("ix_alert_household_received", "household_id", "received_at"),
        # The inbox reads newest first, filtered by nothing, a type or a landlord: each walks one of these backwards.
        Index("ix_alert_received", "received_at"),
        Index("ix_alert_type_received", "alert_type_id", "received_at"),
        Index("ix_alert_landlord_received", "landlord_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_type_id: Mapped[int] = mapped_column(ForeignKey("alert_type.id"))
    direction: Mapped[str] = mapped_column(String(16))  # to_association | to_landlord
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    dwelling_id: Mapped[int | None] = mapped_column(ForeignKey("dwelling.id"))
    landlord_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    partner_contact_id: Mapped[int | None] = mapped_column(ForeignKey("partner_contact.id"))
    channel: Mapped[AlertChannel] = mapped_column(SqlEnum(AlertChannel, native_enum=False, length=16))
    severity: Mapped[AlertSeverity] = mapped_column(SqlEnum(AlertSeverity, native_enum=False, length=16))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    description: Mapped[str] = mapped_column(Text, default="")
    amount_cents: Mapped[int | None]
    status: Mapped[AlertStatus] = mapped_column(SqlEnum(AlertStatus, native_enum=False, length=16))
    acknowledge_due_on: Mapped[date]
    action_due_on: Mapped[date]
    deadline_source: Mapped[str] = mapped_column(String(200), default="")  # "Convention C-000003" or defaults
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    first_action_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    outcome: Mapped[str] = mapped_column(Text, default="")
    escalation_level: Mapped[str] = mapped_column(String(8), default="")  # N1, N2, N3
    escalation_target: Mapped[str] = mapped_column(String(200), default="")
    related_alert_id: Mapped[int | None] = mapped_column(ForeignKey("alert.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    # Bumped by every change a person saves; a save typed against an older version is refused (docs/domain.md §9.4).
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")

    alert_type: Mapped[AlertType] = relationship()
    landlord: Mapped[Organisation] = relationship()
    partner_contact: Mapped[PartnerContact | None] = relationship()
    steps: Mapped[list[AlertStep]] = relationship(back_populates="alert", order_by="AlertStep.id")
    actions: Mapped[list[AlertAction]] = relationship(back_populates="alert", order_by="AlertAction.id")
    documents: Mapped[list[Document]] = relationship(secondary=alert_document_link)


class AlertStep(Base):
    """A change of status: when, by whom, why (escalations carry their level and target).

    ``at`` comes from the clock (with its seconds) or from what the person typed (to the minute); ``seq`` numbers
    the steps and actions of one alert in the order they were recorded, so that the history reads in that order
    within a minute.
    """

    __tablename__ = "alert_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    from_status: Mapped[AlertStatus | None] = mapped_column(SqlEnum(AlertStatus, native_enum=False, length=16))
    to_status: Mapped[AlertStatus] = mapped_column(SqlEnum(AlertStatus, native_enum=False, length=16))
    note: Mapped[str] = mapped_column(Text, default="")
    escalation_level: Mapped[str] = mapped_column(String(8), default="")
    escalation_target: Mapped[str] = mapped_column(String(200), default="")
    seq: Mapped[int] = mapped_column(default=0, server_default="0")  # recording order, shared with actions

    alert: Mapped[Alert] = relationship(back_populates="steps")


class AlertAction(Base):
    """Something done about an alert, optionally linked to a contact of the log (a visit, a call…)."""

    __tablename__ = "alert_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id"), index=True)
    kind: Mapped[AlertActionKind] = mapped_column(SqlEnum(AlertActionKind, native_enum=False, length=20))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id"))
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    seq: Mapped[int] = mapped_column(default=0, server_default="0")  # recording order, shared with steps

    alert: Mapped[Alert] = relationship(back_populates="actions")
    mediation: Mapped[AlertMediation | None] = relationship(back_populates="action", cascade="all, delete-orphan")


class AlertMediation(Base):
    """A tripartite mediation held about an alert (docs/domain.md §7.2): who took part, what was agreed, when next."""

    __tablename__ = "alert_mediation"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("alert_action.id", ondelete="CASCADE"), unique=True)
    agreement: Mapped[str] = mapped_column(Text)
    follow_up_on: Mapped[date]

    action: Mapped[AlertAction] = relationship(back_populates="mediation")
    participants: Mapped[list[MediationParticipant]] = relationship(
        back_populates="mediation", order_by="MediationParticipant.sort_order", cascade="all, delete-orphan"
    )


class MediationParticipant(Base):
    """One person at the mediation: a household member, a landlord's contact, a professional, or someone named."""

    __tablename__ = "mediation_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    mediation_id: Mapped[int] = mapped_column(ForeignKey("alert_mediation.id", ondelete="CASCADE"), index=True)
    party: Mapped[Party] = mapped_column(SqlEnum(Party, native_enum=False, length=16))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    partner_contact_id: Mapped[int | None] = mapped_column(ForeignKey("partner_contact.id"))
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    name: Mapped[str] = mapped_column(String(200), default="")  # someone not in the file or the directory
    sort_order: Mapped[int] = mapped_column(default=0)

    mediation: Mapped[AlertMediation] = relationship(back_populates="participants")
    person: Mapped[Person | None] = relationship()
    partner_contact: Mapped[PartnerContact | None] = relationship()
    staff_member: Mapped[StaffMember | None] = relationship()
