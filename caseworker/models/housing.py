"""Dwellings and the household's occupancy timeline (independent from support episodes)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Enum as SqlEnum
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.domain import Party
from caseworker.domain.proposals import CalDecision, HouseholdAnswer
from caseworker.models.base import Base, UtcDateTime, utc_now
from caseworker.models.reference import (
    DwellingStock,
    DwellingTypology,
    OccupancyChangeReason,
    OccupancyStatus,
    ProposalRefusalReason,
)

if TYPE_CHECKING:
    from caseworker.models.directory import Organisation
    from caseworker.models.households import Household


class Dwelling(Base):
    """A dwelling: landlord, stock, typology, address, rent and charges (amounts in cents)."""

    __tablename__ = "dwelling"

    id: Mapped[int] = mapped_column(primary_key=True)
    landlord_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    stock_id: Mapped[int | None] = mapped_column(ForeignKey("dwelling_stock.id"))
    typology_id: Mapped[int | None] = mapped_column(ForeignKey("dwelling_typology.id"))
    financing: Mapped[str] = mapped_column(String(100), default="")
    reserving_body: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    rent_cents: Mapped[int | None]
    charges_cents: Mapped[int | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    landlord: Mapped[Organisation | None] = relationship(back_populates="dwellings")
    stock: Mapped[DwellingStock | None] = relationship()
    typology: Mapped[DwellingTypology | None] = relationship()
    occupancies: Mapped[list[Occupancy]] = relationship(back_populates="dwelling")


class Occupancy(Base):
    """One period of the household's housing situation (``end_date`` inclusive; None for the current one)."""

    __tablename__ = "occupancy"
    __table_args__ = (Index("ix_occupancy_household_start", "household_id", "start_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"))
    dwelling_id: Mapped[int | None] = mapped_column(ForeignKey("dwelling.id"), index=True)
    status_id: Mapped[int] = mapped_column(ForeignKey("occupancy_status.id"))
    change_reason_id: Mapped[int] = mapped_column(ForeignKey("occupancy_change_reason.id"))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")
    concerted: Mapped[bool] = mapped_column(default=False)
    household_agreement: Mapped[bool] = mapped_column(default=False)
    bail_glissant: Mapped[bool] = mapped_column(default=False)
    lease_holder: Mapped[Party | None] = mapped_column(SqlEnum(Party, native_enum=False, length=16))
    apl_recipient: Mapped[Party | None] = mapped_column(SqlEnum(Party, native_enum=False, length=16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    household: Mapped[Household] = relationship(back_populates="occupancies")
    dwelling: Mapped[Dwelling | None] = relationship(back_populates="occupancies")
    status: Mapped[OccupancyStatus] = relationship()
    change_reason: Mapped[OccupancyChangeReason] = relationship()


class HousingProposal(Base):
    """A dwelling offered to the household: the landlord's committee (CAL), the household's answer, the lease.

    Kept for every offer, refused ones included (docs/domain.md §12): the funders count proposals, refusals by
    reason and the time from the offer to the lease. Only the territory of the dwelling (its town) is kept here;
    the dwelling itself enters the directory when the household moves in (a new occupancy).
    """

    __tablename__ = "housing_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    proposed_on: Mapped[date]
    landlord_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    typology_id: Mapped[int | None] = mapped_column(ForeignKey("dwelling_typology.id"))
    city: Mapped[str] = mapped_column(String(100), default="")
    # Rent and charges in cents, for the effort rate at allocation.
    rent_cents: Mapped[int | None]
    # The household's monthly resources at the offer, in cents, for its taux d'effort (None: not recorded).
    resources_cents: Mapped[int | None]
    cal_on: Mapped[date | None] = mapped_column(index=True)
    cal_decision: Mapped[CalDecision | None] = mapped_column(SqlEnum(CalDecision, native_enum=False, length=16))
    answer: Mapped[HouseholdAnswer | None] = mapped_column(SqlEnum(HouseholdAnswer, native_enum=False, length=16))
    answered_on: Mapped[date | None]
    refusal_reason_id: Mapped[int | None] = mapped_column(ForeignKey("proposal_refusal_reason.id"))
    lease_signed_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    # Bumped by every change a person saves; a save typed against an older version is refused (docs/domain.md §9.4).
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")

    landlord: Mapped[Organisation | None] = relationship()
    typology: Mapped[DwellingTypology | None] = relationship()
    refusal_reason: Mapped[ProposalRefusalReason | None] = relationship()
