"""Funders' export profiles and the log of every export written (docs/domain.md §13)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from caseworker.models.base import Base, UtcDateTime, utc_now


class FunderProfile(Base):
    """What one funder receives: which measures, which indicators, over which period, with which threshold.

    Edited by the team lead without a release (a new funder, a measure added to a convention). ``measure_codes``
    and ``indicator_keys`` are space-separated codes; no indicator key means every indicator.
    """

    __tablename__ = "funder_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    measure_codes: Mapped[str] = mapped_column(String(1000), default="")
    indicator_keys: Mapped[str] = mapped_column(Text, default="")
    threshold: Mapped[int] = mapped_column(default=5)
    # Whose share of co-funded support this profile reports (None: every household-day counts whole).
    funder_id: Mapped[int | None] = mapped_column(ForeignKey("funder.id"))
    # The funder's yearly budget for these measures, in cents, for the cost per household-year (None: not stated).
    annual_budget_cents: Mapped[int | None] = mapped_column(BigInteger)  # beyond int4's 21 million euros
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")


class AvoidedCostLine(Base):
    """One line of a profile's avoided-cost worksheet: a unit cost times a quantity, with its assumption.

    The quantity is either a figure of the export itself (``quantity_source``: procedures stopped, households kept
    in their home…) or a number the team lead typed (``quantity``); the assumption says where both come from, and is
    printed beside the total (docs/domain.md §13.7).
    """

    __tablename__ = "avoided_cost_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("funder_profile.id"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    unit_cost_cents: Mapped[int]
    quantity_source: Mapped[str] = mapped_column(String(64), default="")
    quantity: Mapped[int | None]
    assumption: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(default=0)


class ExportRun(Base):
    """One export written: who, when, with which parameters, and the SHA-256 of the file (append-only).

    The same data and parameters give the same figures and the same bytes: the hash lets anyone check that a file
    received is the one the application wrote. Nothing personal is stored here.
    """

    __tablename__ = "export_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    profile_code: Mapped[str] = mapped_column(String(64))
    profile_label: Mapped[str] = mapped_column(String(200))
    measure_codes: Mapped[str] = mapped_column(String(1000))
    period_start: Mapped[date]
    period_end: Mapped[date]
    as_of: Mapped[date]
    threshold: Mapped[int]
    output_format: Mapped[str] = mapped_column(String(8))
    output_sha256: Mapped[str] = mapped_column(String(64))
    primary_hidden: Mapped[int]
    secondary_hidden: Mapped[int]
