"""The alerts, debts and procedures being invented for one household, before they become rows.

Plain values the planners of this package fill in; ids are handed out when they are queued.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from caseworker.demo.prevention.reference import AlertTypeInfo
from caseworker.domain import ProcedureOutcome, ProcedureStage, SuspensionGround


@dataclass(frozen=True)
class Period:
    """One period of the occupancy history: status and reason codes, first and last day."""

    status: str
    reason: str
    start: date
    end: date | None


@dataclass
class Stay:
    """Consecutive occupancy periods in one landlord's dwelling."""

    dwelling_id: int
    landlord_id: int
    monthly_cents: int  # rent and charges
    periods: list[Period]
    next_period: Period | None = None

    @property
    def start(self) -> date:
        """First day in the dwelling."""
        return self.periods[0].start

    @property
    def end(self) -> date | None:
        """Last day in the dwelling (None: still there)."""
        return self.periods[-1].end


@dataclass
class AlertPlan:
    """An alert to write; its history is drawn when the household's alerts are complete."""

    type: AlertTypeInfo
    received: int  # moment (local minutes)
    stay: Stay
    amount_cents: int | None = None
    force_open: bool = False
    resolve_not_before: int | None = None
    description: str = ""
    related: AlertPlan | None = None
    id: int = 0
    closed: int | None = None  # moment it was closed, once drawn


@dataclass
class Debt:
    """A rent debt towards the landlord of a stay; its id is handed out when it is queued."""

    stay: Stay
    amount_cents: int
    as_of: date
    settled_on: date | None = None
    id: int = 0


@dataclass
class Procedure:
    """An eviction procedure: dated stages, suspensions (ground, start, end, stage in force) and outcome."""

    stay: Stay
    opened: date
    stages: list[tuple[ProcedureStage, date]] = field(default_factory=list)
    suspensions: list[tuple[SuspensionGround, date, date, ProcedureStage]] = field(default_factory=list)
    outcome: ProcedureOutcome | None = None
    outcome_on: date | None = None
