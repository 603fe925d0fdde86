"""What an eviction procedure does to the household's housing timeline (docs/domain.md §3.2, §3.5).

Reaching the résiliation moves a tenant of the procedure's dwelling to "occupant sans droit ni titre" on that day;
an expulsion moves the household out, to where it went. Both go through the occupancy rules
(:func:`change_occupancy_in`, in the procedure's transaction). What the résiliation did is read back from the
timeline itself, so the procedure's view can say why the occupancy did not follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from caseworker.domain import ProcedureStage
from caseworker.formats import format_date
from caseworker.models import LegalProcedure, Occupancy, OccupancyStatus, ProcedureStageEntry
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ValidationError
from caseworker.services.households import OccupancyChangeInput, change_occupancy_in
from caseworker.services.prevention.procedure_rules import stage_order
from caseworker.services.validation import Problems

LEASE_STATUSES = frozenset({"locataire_titre", "locataire_mandat"})
"""Occupancy statuses whose lease a résiliation ends (docs/domain.md §3.2)."""


def current_occupancy(session: Session, household_id: int) -> Occupancy | None:
    """Return the household's housing situation today (the period with no end), if any."""
    return session.scalar(
        select(Occupancy)
        .options(joinedload(Occupancy.status))
        .where(Occupancy.household_id == household_id, Occupancy.end_date.is_(None))
    )


def _occupancy_on(session: Session, household_id: int, day: date) -> Occupancy | None:
    return session.scalar(
        select(Occupancy)
        .options(joinedload(Occupancy.status))
        .where(
            Occupancy.household_id == household_id,
            Occupancy.start_date <= day,
            (Occupancy.end_date.is_(None)) | (Occupancy.end_date >= day),
        )
        .order_by(Occupancy.start_date.desc())
        .limit(1)
    )


def _lease_problem(occupancy: Occupancy | None, procedure: LegalProcedure) -> str | None:
    """Return why a résiliation cannot end this occupancy's lease (French), or None when it can."""
    if occupancy is None:
        return "aucune situation de logement n'est enregistrée pour le ménage"
    if procedure.dwelling_id is None:
        return "la procédure ne précise pas le logement concerné"
    status = occupancy.status
    if not status.is_housed:
        return f"le ménage n'était pas logé (situation : {status.label})"
    if occupancy.dwelling_id != procedure.dwelling_id:
        return "le ménage occupait un autre logement que celui de la procédure"
    if status.code not in LEASE_STATUSES:
        return f"le ménage n'était pas locataire en titre de ce logement (situation : {status.label})"
    return None


def occupancy_effect(
    session: Session,
    procedure: LegalProcedure,
    entries: Sequence[ProcedureStageEntry],
    reached: dict[ProcedureStage, ProcedureStageEntry],
) -> tuple[bool | None, str]:
    """Say what the end of the lease did to the occupancy timeline, read from the timeline itself.

    Returns (None, "") before the résiliation; (True, …) when the household is "occupant sans droit ni titre" in
    the procedure's dwelling on the résiliation date; (False, why) otherwise.
    """
    resiliation = stage_order(ProcedureStage.RESILIATION)
    terminated = [entry for stage, entry in reached.items() if stage_order(stage) >= resiliation]
    if not terminated:
        crossed_before = any(stage_order(entry.stage) >= resiliation for entry in entries)
        current = current_occupancy(session, procedure.household_id)
        if crossed_before and _without_title_in(current, procedure):
            return None, (
                "La procédure a été corrigée avant la résiliation, mais la situation de logement reste "
                "« occupant sans droit ni titre » : corrigez-la dans l'onglet Logement si besoin."
            )
        return None, ""
    on = min(terminated, key=lambda entry: stage_order(entry.stage)).on
    covering = _occupancy_on(session, procedure.household_id, on)
    if covering is not None and _without_title_in(covering, procedure):
        since = format_date(covering.start_date)
        return True, f"Situation de logement : occupant sans droit ni titre depuis le {since}, dans le même logement."
    why = _lease_problem(covering, procedure)
    if why is None:
        why = "une autre situation de logement commence à cette date ou après ; mettez-la à jour dans l'onglet Logement"
    return False, f"Situation de logement non modifiée par la résiliation : {why}."


def expulsion_destination(
    session: Session, procedure: LegalProcedure, destination_code: str | None, problems: Problems
) -> OccupancyStatus | None:
    """Return where an evicted household goes, when it is still in the procedure's dwelling (else None).

    Records a problem when it is still a tenant there (no résiliation yet) or when no not-housed destination is given.
    """
    current = current_occupancy(session, procedure.household_id)
    if current is None or procedure.dwelling_id is None or current.dwelling_id != procedure.dwelling_id:
        return None  # the housing timeline has already moved on
    if not _without_title_in(current, procedure):
        problems.add(
            "outcome",
            f"Le ménage est encore « {current.status.label.lower()} » dans ce logement : une expulsion "
            "suit la résiliation du bail. Enregistrez d'abord l'étape « Résiliation du bail », ou corrigez "
            "la situation dans l'onglet Logement.",
        )
        return None
    destination = (
        session.scalar(select(OccupancyStatus).where(OccupancyStatus.code == destination_code))
        if destination_code
        else None
    )
    if destination is None or destination.is_housed:
        problems.add(
            "destination",
            "Indiquez où le ménage est allé après l'expulsion (sans abri, hébergé chez un tiers, hébergement "
            "d'urgence…) : sa situation de logement change ce jour-là.",
        )
        return None
    return destination


def _without_title_in(occupancy: Occupancy | None, procedure: LegalProcedure) -> bool:
    return (
        occupancy is not None
        and procedure.dwelling_id is not None
        and occupancy.dwelling_id == procedure.dwelling_id
        and occupancy.status.code == "occupant_sans_titre"
    )


def move_out(
    session: Session, ctx: ServiceContext, procedure: LegalProcedure, destination: OccupancyStatus, on: date
) -> None:
    """After an expulsion, the household is where it went from that day (refused as a whole if the rules say no)."""
    try:
        change_occupancy_in(
            session,
            ctx,
            procedure.household_id,
            OccupancyChangeInput(
                status_code=destination.code,
                start_date=on,
                reason_code="expulsion",
                note="Expulsion (fin de la procédure).",
            ),
        )
    except ValidationError as refused:  # said next to the closing's fields: the date or the destination
        remapped: dict[str, str] = {}
        for field, text in refused.errors.items():
            key = "on" if field == "start_date" else "destination"
            remapped[key] = f"{remapped[key]} {text}" if key in remapped else text
        raise ValidationError(remapped) from refused


def end_lease(session: Session, ctx: ServiceContext, procedure: LegalProcedure, on: date) -> None:
    """Move the household to "occupant sans droit ni titre", when the occupancy rules allow it."""
    current = current_occupancy(session, procedure.household_id)
    if _lease_problem(current, procedure) is not None:
        return  # the view explains why, from the occupancy history
    try:
        change_occupancy_in(
            session,
            ctx,
            procedure.household_id,
            OccupancyChangeInput(
                status_code="occupant_sans_titre",
                start_date=on,
                reason_code="resiliation",
                dwelling_id=procedure.dwelling_id,
                note="Résiliation du bail (procédure d'expulsion).",
            ),
        )
    except ValidationError:
        # change_occupancy_in checks everything before writing: nothing was changed, and the view says the
        # occupancy did not follow (a later situation is recorded, for instance).
        return
