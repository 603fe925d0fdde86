"""Dwellings and the household's occupancy timeline (independent from support episodes)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Enum as SqlEnum
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.domain import Party
from caseworker.models.base import Base, UtcDateTime, utc_now
from caseworker.models.reference import DwellingStock, DwellingTypology, OccupancyChangeReason, OccupancyStatus

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
