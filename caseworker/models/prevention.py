"""Eviction prevention: debts, repayment plans and payments, and the legal procedure (docs/domain.md §3.5, §6).

Amounts are in cents. A month of a repayment plan is *regular* when what was due for it (the rent left to pay
after housing benefit, plus the instalment) was paid in full by its last day; nothing about regularity is
stored: it is computed from the payments.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Enum as SqlEnum
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.domain import ProcedureOutcome, ProcedureStage, SuspensionGround
from caseworker.models.base import Base, UtcDateTime, utc_now

if TYPE_CHECKING:
    from caseworker.models.directory import Organisation
    from caseworker.models.reference import TruceException


class Debt(Base):
    """A debt of the household to a creditor (the landlord, an energy supplier…) on a date."""

    __tablename__ = "debt"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    creditor_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    creditor_name: Mapped[str] = mapped_column(String(200), default="")  # when not in the directory
    is_rent: Mapped[bool] = mapped_column(default=True)  # rent arrears (C1) or another debt (C2)
    amount_cents: Mapped[int]
    as_of: Mapped[date]
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")
    settled_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    creditor: Mapped[Organisation | None] = relationship()
    plans: Mapped[list[RepaymentPlan]] = relationship(back_populates="debt", order_by="RepaymentPlan.start_month")


class RepaymentPlan(Base):
    """A plan d'apurement: ``months`` instalments from ``start_month`` (a first of the month)."""

    __tablename__ = "repayment_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    debt_id: Mapped[int] = mapped_column(ForeignKey("debt.id"), index=True)
    instalment_cents: Mapped[int]
    rent_due_cents: Mapped[int]  # rent left to pay each month after housing benefit (docs/domain.md §6)
    start_month: Mapped[date]
    months: Mapped[int]
    agreed_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    ended_on: Mapped[date | None]
    end_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    debt: Mapped[Debt] = relationship(back_populates="plans")
    payments: Mapped[list[Payment]] = relationship(back_populates="plan", order_by="Payment.paid_on")


class Payment(Base):
    """A payment towards one month of a plan (rent and instalment together)."""

    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("repayment_plan.id"), index=True)
    month: Mapped[date]  # the first day of the month it pays for
    amount_cents: Mapped[int]
    paid_on: Mapped[date]
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    plan: Mapped[RepaymentPlan] = relationship(back_populates="payments")


class LegalProcedure(Base):
    """An eviction procedure against the household by a landlord."""

    __tablename__ = "legal_procedure"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    landlord_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    dwelling_id: Mapped[int | None] = mapped_column(ForeignKey("dwelling.id"))
    opened_on: Mapped[date]
    outcome: Mapped[ProcedureOutcome | None] = mapped_column(SqlEnum(ProcedureOutcome, native_enum=False, length=24))
    outcome_on: Mapped[date | None]
    # Closed on an expulsion during the winter truce: the legal ground that allowed it.
    outcome_truce_exception_id: Mapped[int | None] = mapped_column(ForeignKey("truce_exception.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    landlord: Mapped[Organisation] = relationship()
    outcome_truce_exception: Mapped[TruceException | None] = relationship()
    stages: Mapped[list[ProcedureStageEntry]] = relationship(
        back_populates="procedure", order_by="ProcedureStageEntry.id"
    )
    suspensions: Mapped[list[ProcedureSuspension]] = relationship(
        back_populates="procedure", order_by="ProcedureSuspension.start_date"
    )


class ProcedureStageEntry(Base):
    """A stage reached on a date. A step back is a correction, recorded as such with its reason."""

    __tablename__ = "procedure_stage"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("legal_procedure.id"), index=True)
    stage: Mapped[ProcedureStage] = mapped_column(SqlEnum(ProcedureStage, native_enum=False, length=32))
    on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    is_correction: Mapped[bool] = mapped_column(default=False)
    # An expulsion dated in the winter truce: the legal ground that allowed it.
    truce_exception_id: Mapped[int | None] = mapped_column(ForeignKey("truce_exception.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))

    procedure: Mapped[LegalProcedure] = relationship(back_populates="stages")
    truce_exception: Mapped[TruceException | None] = relationship()


class ProcedureSuspension(Base):
    """A pause of the procedure until ``end_date``; it remembers the stage to resume from."""

    __tablename__ = "procedure_suspension"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("legal_procedure.id"), index=True)
    ground: Mapped[SuspensionGround] = mapped_column(SqlEnum(SuspensionGround, native_enum=False, length=24))
    start_date: Mapped[date]
    end_date: Mapped[date]
    stage_at_suspension: Mapped[ProcedureStage] = mapped_column(SqlEnum(ProcedureStage, native_enum=False, length=32))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    procedure: Mapped[LegalProcedure] = relationship(back_populates="suspensions")
