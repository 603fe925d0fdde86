"""An eviction procedure as plain values: its stages, its timeline in the legal order, suspensions and the truce.

Everything derived is computed on reading from the dated facts and today's date: the stages reached (corrections
taken into account), the countdown of a suspension, the stage to resume from, the winter truce covering today,
and what the résiliation did to the housing timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from caseworker.domain import ProcedureOutcome, ProcedureStage, SuspensionGround
from caseworker.domain.prevention import GROUND_LABELS, OUTCOME_LABELS, STAGE_LABELS
from caseworker.formats import format_long_date
from caseworker.models import Dwelling, LegalProcedure, ProcedureStageEntry, ProcedureSuspension, StaffMember
from caseworker.services.calendar.holidays import winter_truce
from caseworker.services.directory import dwelling_view
from caseworker.services.errors import NotFoundError
from caseworker.services.identity import staff_display_name
from caseworker.services.prevention.procedure_housing import occupancy_effect
from caseworker.services.prevention.procedure_rules import STAGES, replay
from caseworker.services.prevention.winter_truce import truce_notice


@dataclass(frozen=True)
class StageView:
    """One stage entry, as recorded (a correction says so)."""

    id: int
    stage: ProcedureStage
    label: str
    on: date
    note: str
    is_correction: bool
    staff_name: str
    truce_exception_code: str | None = None
    truce_notice: str = ""  # French: "Expulsion pendant la trêve hivernale — motif : …", else empty


@dataclass(frozen=True)
class StageStep:
    """One stage of the legal order, dated when the procedure reached it (corrections taken into account)."""

    stage: ProcedureStage
    label: str
    reached_on: date | None
    is_current: bool
    truce_notice: str = ""  # French, for an expulsion reached during the winter truce

    @property
    def is_reached(self) -> bool:
        """Tell whether the procedure reached this stage."""
        return self.reached_on is not None


@dataclass(frozen=True)
class ProcedureSuspensionView:
    """A pause of the procedure; ``days_left`` counts down while it runs (0 on its last day)."""

    id: int
    ground: SuspensionGround
    ground_label: str
    start: date
    end: date
    stage_at_suspension: ProcedureStage
    stage_at_suspension_label: str
    note: str
    is_active: bool
    days_left: int | None


@dataclass(frozen=True)
class ProcedureView:
    """An eviction procedure with everything derived from it on today's date."""

    id: int
    household_id: int
    landlord_id: int
    landlord_name: str
    dwelling_id: int | None
    dwelling_label: str
    opened_on: date
    note: str
    outcome: ProcedureOutcome | None
    outcome_label: str
    outcome_on: date | None
    outcome_truce_notice: str  # French: closed on an expulsion during the winter truce, and on which ground
    stages: tuple[StageView, ...]
    timeline: tuple[StageStep, ...]
    current_stage: ProcedureStage
    current_stage_label: str
    current_since: date
    suspensions: tuple[ProcedureSuspensionView, ...]
    active_suspension: ProcedureSuspensionView | None
    resume_stage: ProcedureStage | None  # where the procedure restarts after its latest suspension
    winter_truce: tuple[date, date] | None  # the truce covering today, for an open procedure
    winter_truce_notice: str  # French; empty outside the truce
    # None before the résiliation; True when the household is then occupant sans titre in the procedure's dwelling
    occupancy_changed: bool | None
    occupancy_notice: str  # French: what the résiliation did to the occupancy, or why it did nothing

    @property
    def is_open(self) -> bool:
        """Tell whether the procedure has no outcome yet."""
        return self.outcome is None

    @property
    def days_left(self) -> int | None:
        """Return the countdown of the suspension running today, if any."""
        return self.active_suspension.days_left if self.active_suspension else None

    @property
    def resume_stage_label(self) -> str:
        """Return the French label of :attr:`resume_stage` (empty without a suspension)."""
        return STAGE_LABELS[self.resume_stage] if self.resume_stage else ""


def procedures_loaded(query: Select[LegalProcedure]) -> Select[LegalProcedure]:
    """Return ``query`` loading what :func:`procedure_view` reads (landlord, stages, grounds, suspensions)."""
    return query.options(
        joinedload(LegalProcedure.landlord),
        joinedload(LegalProcedure.outcome_truce_exception),
        selectinload(LegalProcedure.stages).joinedload(ProcedureStageEntry.truce_exception),
        selectinload(LegalProcedure.suspensions),
    )


def load_procedure(session: Session, procedure_id: int) -> LegalProcedure:
    """Return a procedure with what its view reads, or raise :class:`NotFoundError`."""
    # populate_existing: within a use case, collections loaded before a change are read again.
    procedure = session.scalar(
        procedures_loaded(select(LegalProcedure))
        .where(LegalProcedure.id == procedure_id)
        .execution_options(populate_existing=True)
    )
    if procedure is None:
        raise NotFoundError(f"Procédure introuvable (n° {procedure_id}).")
    return procedure


def _suspension_view(item: ProcedureSuspension, today: date, is_open: bool) -> ProcedureSuspensionView:
    active = is_open and item.start_date <= today <= item.end_date
    return ProcedureSuspensionView(
        id=item.id,
        ground=item.ground,
        ground_label=GROUND_LABELS[item.ground],
        start=item.start_date,
        end=item.end_date,
        stage_at_suspension=item.stage_at_suspension,
        stage_at_suspension_label=STAGE_LABELS[item.stage_at_suspension],
        note=item.note,
        is_active=active,
        days_left=(item.end_date - today).days if active else None,
    )


def _stage_truce_notice(entry: ProcedureStageEntry) -> str:
    return truce_notice(entry.on, entry.truce_exception, expulsion=entry.stage is ProcedureStage.EXPULSION)


def _staff_name(session: Session, staff_id: int | None, cache: dict[int, str]) -> str:
    if staff_id is None:
        return "Système"
    if staff_id not in cache:
        member = session.get(StaffMember, staff_id)
        cache[staff_id] = staff_display_name(member.first_name, member.last_name) if member else "Système"
    return cache[staff_id]


def procedure_view(session: Session, procedure: LegalProcedure, today: date) -> ProcedureView:
    """Return a procedure with everything derived from it on ``today``."""
    entries = list(procedure.stages)
    current = entries[-1]
    reached = replay(entries)
    is_open = procedure.outcome is None
    suspensions = tuple(_suspension_view(item, today, is_open) for item in procedure.suspensions)
    started = [item for item in suspensions if item.start <= today]
    truce = winter_truce(today) if is_open else None
    changed, notice = occupancy_effect(session, procedure, entries, reached)
    dwelling = session.get(Dwelling, procedure.dwelling_id) if procedure.dwelling_id is not None else None
    return ProcedureView(
        id=procedure.id,
        household_id=procedure.household_id,
        landlord_id=procedure.landlord_id,
        landlord_name=procedure.landlord.name,
        dwelling_id=procedure.dwelling_id,
        dwelling_label=dwelling_view(dwelling).one_line if dwelling is not None else "",
        opened_on=procedure.opened_on,
        note=procedure.note,
        outcome=procedure.outcome,
        outcome_label=OUTCOME_LABELS[procedure.outcome] if procedure.outcome else "",
        outcome_on=procedure.outcome_on,
        outcome_truce_notice=truce_notice(
            procedure.outcome_on,
            procedure.outcome_truce_exception,
            expulsion=procedure.outcome is ProcedureOutcome.EXPULSION,
        ),
        stages=_stage_views(session, entries),
        timeline=_timeline(reached, current.stage),
        current_stage=current.stage,
        current_stage_label=STAGE_LABELS[current.stage],
        current_since=current.on,
        suspensions=suspensions,
        active_suspension=next((item for item in suspensions if item.is_active), None),
        resume_stage=started[-1].stage_at_suspension if started else None,
        winter_truce=truce,
        winter_truce_notice=(
            f"Trêve hivernale jusqu'au {format_long_date(truce[1])} : l'expulsion ne peut pas être exécutée."
            if truce
            else ""
        ),
        occupancy_changed=changed,
        occupancy_notice=notice,
    )


def _stage_views(session: Session, entries: Sequence[ProcedureStageEntry]) -> tuple[StageView, ...]:
    names: dict[int, str] = {}
    return tuple(
        StageView(
            id=entry.id,
            stage=entry.stage,
            label=STAGE_LABELS[entry.stage],
            on=entry.on,
            note=entry.note,
            is_correction=entry.is_correction,
            staff_name=_staff_name(session, entry.created_by_id, names),
            truce_exception_code=entry.truce_exception.code if entry.truce_exception is not None else None,
            truce_notice=_stage_truce_notice(entry),
        )
        for entry in entries
    )


def _timeline(reached: dict[ProcedureStage, ProcedureStageEntry], current: ProcedureStage) -> tuple[StageStep, ...]:
    return tuple(
        StageStep(
            stage=stage,
            label=STAGE_LABELS[stage],
            reached_on=reached[stage].on if stage in reached else None,
            is_current=stage is current,
            truce_notice=_stage_truce_notice(reached[stage]) if stage in reached else "",
        )
        for stage in STAGES
    )
