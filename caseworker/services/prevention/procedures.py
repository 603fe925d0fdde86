"""Eviction procedures (docs/domain.md §3.5): :class:`ProcedureService`.

Stages move forward in the legal order (:mod:`.procedure_rules`); suspensions keep the stage to resume from; an
expulsion dated in the winter truce needs a legal ground (:mod:`.winter_truce`); the résiliation and the expulsion
change the housing timeline in the same transaction (:mod:`.procedure_housing`). Views are built on reading
(:mod:`.procedure_views`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction, ProcedureOutcome, ProcedureStage, SuspensionGround
from caseworker.domain.prevention import OUTCOME_LABELS, STAGE_LABELS
from caseworker.formats import format_date
from caseworker.models import (
    Dwelling,
    Household,
    LegalProcedure,
    Organisation,
    ProcedureStageEntry,
    ProcedureSuspension,
    TruceException,
)
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError
from caseworker.services.prevention.procedure_housing import (
    current_occupancy,
    end_lease,
    expulsion_destination,
    move_out,
)
from caseworker.services.prevention.procedure_rules import PLATEFORME_MAX, crosses_resiliation, stage_order
from caseworker.services.prevention.procedure_views import (
    ProcedureView,
    load_procedure,
    procedure_view,
    procedures_loaded,
)
from caseworker.services.prevention.winter_truce import TruceGround, ground_for_expulsion, truce_grounds
from caseworker.services.validation import LONG_TEXT_MAX, Problems


@dataclass(frozen=True)
class ProcedureInput:
    """An eviction procedure opened by a landlord; ``dwelling_id`` None: the household's current dwelling."""

    landlord_id: int
    opened_on: date
    dwelling_id: int | None = None
    note: str = ""
    first_stage: ProcedureStage = ProcedureStage.IMPAYE_CONSTATE
    truce_exception_code: str | None = None  # an expulsion dated in the winter truce: the legal ground


@dataclass(frozen=True)
class StageInput:
    """A stage reached on a date; going back needs ``correction_reason`` (it is then an audited correction).

    An expulsion dated in the winter truce needs ``truce_exception_code``, the legal ground that allows it.
    """

    stage: ProcedureStage
    on: date
    note: str = ""
    correction_reason: str = ""
    truce_exception_code: str | None = None


@dataclass(frozen=True)
class SuspensionInput:
    """A pause of the procedure from ``start`` to ``end`` (inclusive), for a ground."""

    ground: SuspensionGround
    start: date
    end: date | None
    note: str = ""


class ProcedureService:
    """Eviction procedures: stages that only move forward, suspensions, the winter truce, the outcome."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # --------------------------------------------------------------------------------------- reading

    def procedures_for(self, household_id: int) -> list[ProcedureView]:
        """Return the household's procedures: open ones first, then the newest first."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            procedures = session.scalars(
                procedures_loaded(select(LegalProcedure)).where(LegalProcedure.household_id == household_id)
            ).all()
            views = [procedure_view(session, procedure, today) for procedure in procedures]
        return sorted(views, key=lambda view: (not view.is_open, -view.opened_on.toordinal(), -view.id))

    def truce_grounds(self) -> list[TruceGround]:
        """Return the legal grounds that allow an expulsion during the winter truce."""
        with self._ctx.read() as session:
            return truce_grounds(session)

    def procedure(self, procedure_id: int) -> ProcedureView:
        """Return one procedure."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            return procedure_view(session, load_procedure(session, procedure_id), today)

    # ------------------------------------------------------------------------------------ lifecycle

    def open_procedure(self, household_id: int, data: ProcedureInput) -> ProcedureView:
        """Open a procedure at its first stage (impayé constaté unless another is given) on ``opened_on``."""
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text("note", data.note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        problems.date("opened_on", data.opened_on, kind=DateKind.EVENT, label="Date", today=today)
        with self._ctx.transaction() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError(f"Ménage introuvable (n° {household_id}).")
            if session.get(Organisation, data.landlord_id) is None:
                problems.add("landlord_id", "Bailleur : cette organisation est introuvable.")
            dwelling_id = data.dwelling_id
            if dwelling_id is None:
                current = current_occupancy(session, household_id)
                dwelling_id = current.dwelling_id if current is not None else None
            elif session.get(Dwelling, dwelling_id) is None:
                problems.add("dwelling_id", "Ce logement est introuvable.")
            already = session.scalar(
                select(LegalProcedure.id).where(
                    LegalProcedure.household_id == household_id,
                    LegalProcedure.landlord_id == data.landlord_id,
                    LegalProcedure.outcome.is_(None),
                )
            )
            if already is not None:
                problems.add(
                    "landlord_id",
                    "Une procédure de ce bailleur est déjà en cours pour ce ménage : ajoutez-y plutôt une étape.",
                )
            ground = ground_for_expulsion(
                session,
                data.opened_on,
                data.truce_exception_code,
                problems,
                expulsion=data.first_stage is ProcedureStage.EXPULSION,
            )
            problems.raise_if_any()
            procedure = LegalProcedure(
                household_id=household_id,
                landlord_id=data.landlord_id,
                dwelling_id=dwelling_id,
                opened_on=data.opened_on,
                note=note,
            )
            session.add(procedure)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "legal_procedure", procedure.id, household_id=household_id
            )
            self._record_stage(
                session, procedure, data.first_stage, data.opened_on, "", previous=None, truce_exception=ground
            )
            return procedure_view(session, load_procedure(session, procedure.id), today)

    def add_stage(self, procedure_id: int, data: StageInput) -> ProcedureView:
        """Record the next stage reached (stages may be skipped); going back is a correction with its reason.

        Reaching the résiliation (or any later stage, when stages are skipped) moves a locataire of the
        procedure's dwelling to "occupant sans droit ni titre" on that day, through the occupancy rules
        (:func:`change_occupancy_in`, same transaction). When the occupancy cannot follow, the stage is still
        recorded and :attr:`ProcedureView.occupancy_notice` says why.
        """
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text("note", data.note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        reason = problems.text(
            "correction_reason", data.correction_reason, label="Motif de la correction", max_length=LONG_TEXT_MAX
        )
        problems.date("on", data.on, kind=DateKind.EVENT, label="Date", today=today)
        with self._ctx.transaction() as session:
            procedure = load_procedure(session, procedure_id)
            _check_open(procedure, problems)
            previous = procedure.stages[-1]
            label = STAGE_LABELS[data.stage]
            problems.ordered(
                "on", procedure.opened_on, data.on, start_label="L'ouverture de la procédure", end_label="La date"
            )
            going_back = stage_order(data.stage) < stage_order(previous.stage)
            if data.stage is previous.stage:
                problems.add("stage", f"La procédure est déjà au stade « {label} ».")
            elif going_back and not reason:
                problems.add(
                    "correction_reason",
                    f"Une procédure n'avance que vers l'avant : revenir à « {label} » est une correction, "
                    "indiquez-en le motif.",
                )
            elif not going_back and data.on < previous.on:
                problems.add(
                    "on",
                    f"La date ne peut pas précéder celle de l'étape précédente "
                    f"(« {STAGE_LABELS[previous.stage]} », {format_date(previous.on)}).",
                )
            ground = ground_for_expulsion(
                session, data.on, data.truce_exception_code, problems, expulsion=data.stage is ProcedureStage.EXPULSION
            )
            problems.raise_if_any()
            if going_back:
                note = "\n".join(part for part in (reason, note) if part)
            self._record_stage(
                session,
                procedure,
                data.stage,
                data.on,
                note,
                previous=previous,
                correction=going_back,
                truce_exception=ground,
            )
            return procedure_view(session, load_procedure(session, procedure.id), today)

    def suspend(self, procedure_id: int, data: SuspensionInput) -> ProcedureView:
        """Pause the procedure until ``data.end``; the current stage is kept to resume from."""
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text("note", data.note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        problems.date("start", data.start, kind=DateKind.PLANNED, label="Début", today=today)
        problems.date("end", data.end, kind=DateKind.PLANNED, label="Fin", today=today)
        if data.end is None:
            problems.add("end", "Fin : indiquez jusqu'à quand la procédure est suspendue.")
        elif data.end <= data.start:
            problems.add("end", f"La fin de la suspension doit suivre son début ({format_date(data.start)}).")
        elif data.ground is SuspensionGround.PLATEFORME and data.end > data.start + PLATEFORME_MAX:
            problems.add(
                "end",
                "Une suspension décidée par la plateforme dure au plus 4 mois : "
                f"jusqu'au {format_date(data.start + PLATEFORME_MAX)} au plus tard.",
            )
        with self._ctx.transaction() as session:
            procedure = load_procedure(session, procedure_id)
            _check_open(procedure, problems)
            problems.ordered(
                "start",
                procedure.opened_on,
                data.start,
                start_label="L'ouverture de la procédure",
                end_label="Le début",
            )
            if data.end is not None:
                for other in procedure.suspensions:
                    if data.start <= other.end_date and other.start_date <= data.end:
                        problems.add(
                            "start",
                            f"Cette suspension chevauche celle du {format_date(other.start_date)} "
                            f"au {format_date(other.end_date)}.",
                        )
                        break
            problems.raise_if_any()
            assert data.end is not None
            suspension = ProcedureSuspension(
                procedure_id=procedure.id,
                ground=data.ground,
                start_date=data.start,
                end_date=data.end,
                stage_at_suspension=procedure.stages[-1].stage,
                note=note,
            )
            session.add(suspension)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.CREATE,
                "procedure_suspension",
                suspension.id,
                household_id=procedure.household_id,
            )
            return procedure_view(session, load_procedure(session, procedure.id), today)

    def end_suspension_early(self, suspension_id: int, on: date) -> ProcedureView:
        """Lift a suspension on ``on`` (its last day becomes the day before); the planned end stays in its note."""
        today = self._ctx.clock.today()
        problems = Problems()
        problems.date("on", on, kind=DateKind.EVENT, label="Date de la levée", today=today)
        with self._ctx.transaction() as session:
            suspension = session.get(ProcedureSuspension, suspension_id)
            if suspension is None:
                raise NotFoundError("Cette suspension est introuvable.")
            if on <= suspension.start_date:
                problems.add(
                    "on", f"La levée doit suivre le début de la suspension ({format_date(suspension.start_date)})."
                )
            elif on > suspension.end_date:
                problems.add("on", f"Cette suspension a déjà pris fin le {format_date(suspension.end_date)}.")
            problems.raise_if_any()
            planned = suspension.end_date
            suspension.end_date = on - timedelta(days=1)
            lifted = f"Levée le {format_date(on)} (fin prévue le {format_date(planned)})."
            suspension.note = "\n".join(part for part in (suspension.note, lifted) if part)
            session.flush()
            procedure = load_procedure(session, suspension.procedure_id)
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "procedure_suspension",
                suspension.id,
                household_id=procedure.household_id,
                fields=["end_date", "note"],
            )
            return procedure_view(session, procedure, today)

    def close(
        self,
        procedure_id: int,
        outcome: ProcedureOutcome,
        on: date,
        note: str = "",
        *,
        destination_code: str | None = None,
        truce_exception_code: str | None = None,
    ) -> ProcedureView:
        """Record how the procedure ended; the note is added to the procedure's note.

        An expulsion of a household still recorded as "occupant sans droit ni titre" in the procedure's dwelling
        moves it, on that day, to ``destination_code`` (a not-housed situation: where the household went), in the
        same transaction; without a destination the closing is refused, so the housing timeline never keeps a
        household in a dwelling it was evicted from. An expulsion dated in the winter truce needs
        ``truce_exception_code``, the legal ground that allows it.
        """
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text("note", note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        problems.date("on", on, kind=DateKind.EVENT, label="Date", today=today)
        with self._ctx.transaction() as session:
            procedure = load_procedure(session, procedure_id)
            _check_open(procedure, problems)
            last = procedure.stages[-1]
            if on < last.on:
                problems.add(
                    "on",
                    f"La date ne peut pas précéder la dernière étape (« {STAGE_LABELS[last.stage]} », "
                    f"{format_date(last.on)}).",
                )
            destination = (
                expulsion_destination(session, procedure, destination_code, problems)
                if outcome is ProcedureOutcome.EXPULSION
                else None
            )
            ground = ground_for_expulsion(
                session, on, truce_exception_code, problems, expulsion=outcome is ProcedureOutcome.EXPULSION
            )
            problems.raise_if_any()
            if destination is not None:
                move_out(session, self._ctx, procedure, destination, on)
            procedure.outcome = outcome
            procedure.outcome_on = on
            fields = ["outcome", "outcome_on"]
            if ground is not None:
                procedure.outcome_truce_exception = ground
                fields.append("outcome_truce_exception_id")
            if note:
                procedure.note = "\n".join(part for part in (procedure.note, f"Clôture : {note}") if part)
                fields.append("note")
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "legal_procedure",
                procedure.id,
                household_id=procedure.household_id,
                fields=fields,
            )
            return procedure_view(session, procedure, today)

    # -------------------------------------------------------------------------------------- helpers

    def _record_stage(
        self,
        session: Session,
        procedure: LegalProcedure,
        stage: ProcedureStage,
        on: date,
        note: str,
        *,
        previous: ProcedureStageEntry | None,
        correction: bool = False,
        truce_exception: TruceException | None = None,
    ) -> None:
        entry = ProcedureStageEntry(
            procedure_id=procedure.id,
            stage=stage,
            on=on,
            note=note,
            is_correction=correction,
            truce_exception=truce_exception,
            created_by_id=self._ctx.actor.staff_member_id,
        )
        session.add(entry)
        session.flush()
        fields = ["is_correction", "stage"] if correction else []
        if truce_exception is not None:
            fields.append("truce_exception_id")  # an expulsion during the winter truce, on a legal ground
        audit.record(
            session,
            self._ctx,
            AuditAction.CREATE,
            "procedure_stage",
            entry.id,
            household_id=procedure.household_id,
            fields=fields,
        )
        session.refresh(procedure, ["stages"])
        if not correction and crosses_resiliation(previous.stage if previous is not None else None, stage):
            end_lease(session, self._ctx, procedure, on)


def _check_open(procedure: LegalProcedure, problems: Problems) -> None:
    if procedure.outcome is not None:
        problems.add(
            "procedure",
            f"Cette procédure est close depuis le {format_date(procedure.outcome_on)} "
            f"({OUTCOME_LABELS[procedure.outcome]}).",
        )
