"""The occupancy timeline: where the household lives, under which status, since when and why it changed.

Support episodes are a separate timeline (a later issue): a household can change status or dwelling without
any change in its support. Guards for each change reason are reference data (docs/domain.md §3.2): see
:class:`caseworker.models.OccupancyChangeReason`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, joinedload

from caseworker.domain import AuditAction, Party
from caseworker.formats import format_date
from caseworker.models import Dwelling, GlissementReview, Occupancy, OccupancyChangeReason, OccupancyStatus
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.directory import (
    DwellingInput,
    DwellingView,
    create_dwelling_in,
    dwelling_view,
    validate_dwelling,
)
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.households.queries import current_occupancy, existing_household
from caseworker.services.reference import Choice, Picklist, lookup
from caseworker.services.validation import DESCRIPTION_MAX, Problems, periods_overlap


@dataclass(frozen=True)
class OccupancyChangeInput:
    """A new occupancy status from ``start_date`` (the current one ends the day before)."""

    status_code: str
    start_date: date
    reason_code: str
    dwelling_id: int | None = None
    new_dwelling: DwellingInput | None = None
    concerted: bool = False
    household_agreement: bool = False
    bail_glissant: bool = False
    lease_holder: Party | None = None
    apl_recipient: Party | None = None
    note: str = ""


@dataclass(frozen=True)
class OccupancyView:
    """One period of the occupancy timeline."""

    id: int
    status_code: str
    status_label: str
    is_housed: bool
    start_date: date
    end_date: date | None
    reason_code: str
    reason_label: str
    dwelling: DwellingView | None
    concerted: bool
    household_agreement: bool
    bail_glissant: bool
    lease_holder: Party | None
    apl_recipient: Party | None
    note: str

    def days(self, today: date) -> int:
        """Return the number of days in the period so far (both ends included)."""
        return ((self.end_date or today) - self.start_date).days + 1


def _status_matches(spec: str, status: OccupancyStatus) -> bool:
    tokens = spec.split()
    if not tokens:
        return True
    for token in tokens:
        if token == "@housed" and status.is_housed:
            return True
        if token == "@not_housed" and not status.is_housed:
            return True
        if token == status.code:
            return True
    return False


def _describe_spec(session: Session, spec: str) -> str:
    labels = []
    for token in spec.split():
        if token == "@housed":
            labels.append("une situation de logement")
        elif token == "@not_housed":
            labels.append("une situation sans logement")
        else:
            status = session.scalar(select(OccupancyStatus).where(OccupancyStatus.code == token))
            labels.append(status.label if status else token)
    return ", ".join(labels)


def check_change(
    session: Session,
    previous: Occupancy | None,
    status: OccupancyStatus,
    reason: OccupancyChangeReason,
    dwelling_id: int | None,
    data: OccupancyChangeInput,
    problems: Problems,
) -> None:
    """Apply the change reason's guard (docs/domain.md §3.2) and record every problem found."""
    name = f"« {reason.label} »"
    if previous is None:
        if not reason.initial_only:
            problems.add(
                "reason_code",
                "Pour la première situation enregistrée, choisissez le motif « Situation à l'entrée ».",
            )
    else:
        if reason.initial_only:
            problems.add("reason_code", f"{name} ne s'applique qu'à la première situation enregistrée.")
        if not _status_matches(reason.from_statuses, previous.status):
            problems.add(
                "reason_code",
                f"{name} ne s'applique qu'à partir de : {_describe_spec(session, reason.from_statuses)} "
                f"(situation actuelle : {previous.status.label}).",
            )
        if reason.requires_bail_glissant and not previous.bail_glissant:
            problems.add("reason_code", f"{name} suppose une sous-location en bail glissant.")
        if reason.dwelling_rule == "same" and (previous.dwelling_id is None or dwelling_id != previous.dwelling_id):
            problems.add("dwelling", f"{name} se fait dans le même logement que la situation actuelle.")
        if reason.dwelling_rule == "different" and dwelling_id is not None and dwelling_id == previous.dwelling_id:
            problems.add("dwelling", f"{name} suppose un autre logement que le logement actuel.")
    if not _status_matches(reason.to_statuses, status):
        problems.add(
            "status_code",
            f"{name} mène à : {_describe_spec(session, reason.to_statuses)} (et non à « {status.label} »).",
        )
    if reason.requires_concerted and not (data.concerted and data.household_agreement):
        problems.add(
            "concerted",
            f"{name} suppose une décision concertée et l'accord du ménage : cochez les deux cases.",
        )
    if reason.requires_note and not data.note.strip():
        problems.add("note", f"{name} : précisez le changement dans la remarque.")
    if status.is_housed and dwelling_id is None and data.new_dwelling is None:
        problems.add("dwelling", f"« {status.label} » : indiquez le logement.")
    if data.bail_glissant and status.code != "sous_locataire":
        problems.add("bail_glissant", "Le bail glissant ne concerne qu'une sous-location.")


def change_occupancy_in(
    session: Session, ctx: ServiceContext, household_id: int, data: OccupancyChangeInput
) -> Occupancy:
    """Record a new situation in the caller's transaction (the rules of :meth:`OccupancyService.change_occupancy`).

    Every check runs before anything is written: a :class:`ValidationError` leaves the session untouched, so a
    caller (the eviction procedure, on a résiliation) may catch it and carry on with its own change.
    """
    today = ctx.clock.today()
    problems = Problems()
    note = problems.text("note", data.note, label="Remarque", max_length=DESCRIPTION_MAX, multiline=True)
    data = replace(data, note=note)
    problems.date("start_date", data.start_date, kind=DateKind.HOUSING, label="Date du changement", today=today)
    if data.dwelling_id is not None and data.new_dwelling is not None:
        problems.add("dwelling", "Choisissez un logement existant ou décrivez-en un nouveau, pas les deux.")
    existing_household(session, household_id)
    status = lookup(session, Picklist.OCCUPANCY_STATUS, data.status_code, field="status_code", label="Statut")
    reason = lookup(
        session,
        Picklist.OCCUPANCY_CHANGE_REASON,
        data.reason_code,
        field="reason_code",
        label="Motif",
    )
    assert isinstance(status, OccupancyStatus) and isinstance(reason, OccupancyChangeReason)
    previous = current_occupancy(session, household_id)
    if previous is not None and data.start_date <= previous.start_date:
        problems.add(
            "start_date",
            f"La date du changement doit suivre le début de la situation actuelle "
            f"({format_date(previous.start_date)}).",
        )
    if previous is None and _has_any(session, household_id):
        problems.add(
            "start_date",
            "Le ménage n'a pas de situation en cours : corrigez d'abord la dernière période enregistrée.",
        )
    if data.dwelling_id is not None and session.get(Dwelling, data.dwelling_id) is None:
        problems.add("dwelling", "Ce logement est introuvable.")
    check_change(session, previous, status, reason, data.dwelling_id, data, problems)
    if data.new_dwelling is not None:
        dwelling_problems, _ = validate_dwelling(data.new_dwelling)
        for field, message in dwelling_problems.errors.items():
            problems.add(f"dwelling.{field}", message)
    problems.raise_if_any()
    dwelling_id = data.dwelling_id
    if data.new_dwelling is not None:
        dwelling_id = create_dwelling_in(session, ctx, data.new_dwelling).id
    if previous is not None:
        previous.end_date = data.start_date - timedelta(days=1)
        audit.record(
            session,
            ctx,
            AuditAction.UPDATE,
            "occupancy",
            previous.id,
            household_id=household_id,
            fields=["end_date"],
        )
    occupancy = Occupancy(
        household_id=household_id,
        dwelling_id=dwelling_id,
        status_id=status.id,
        change_reason_id=reason.id,
        start_date=data.start_date,
        note=data.note,
        concerted=data.concerted,
        household_agreement=data.household_agreement,
        bail_glissant=data.bail_glissant,
        lease_holder=data.lease_holder,
        apl_recipient=data.apl_recipient,
    )
    session.add(occupancy)
    session.flush()
    audit.record(session, ctx, AuditAction.CREATE, "occupancy", occupancy.id, household_id=household_id)
    return occupancy


class OccupancyService:
    """Records and corrects the occupancy timeline."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def change_occupancy(self, household_id: int, data: OccupancyChangeInput) -> OccupancyView:
        """Record a new situation from ``data.start_date``; the current one ends the day before."""
        with self._ctx.transaction() as session:
            occupancy = change_occupancy_in(session, self._ctx, household_id, data)
            return _view(_load(session, occupancy.id))

    def correct_dates(self, occupancy_id: int, *, start_date: date, end_date: date | None) -> OccupancyView:
        """Fix the dates of a period, refusing overlaps with the household's other periods."""
        today = self._ctx.clock.today()
        problems = Problems()
        problems.date("start_date", start_date, kind=DateKind.HOUSING, label="Date de début", today=today)
        problems.date("end_date", end_date, kind=DateKind.HOUSING, label="Date de fin", today=today)
        problems.ordered("end_date", start_date, end_date, start_label="La date de début", end_label="La date de fin")
        with self._ctx.transaction() as session:
            occupancy = session.get(Occupancy, occupancy_id)
            if occupancy is None:
                raise NotFoundError("Cette période de logement est introuvable.")
            others = session.scalars(
                select(Occupancy).where(Occupancy.household_id == occupancy.household_id, Occupancy.id != occupancy.id)
            ).all()
            for other in others:
                if periods_overlap(start_date, end_date, other.start_date, other.end_date):
                    problems.add(
                        "start_date",
                        f"Cette période chevauche une autre période ({format_date(other.start_date)} – "
                        f"{format_date(other.end_date) or 'en cours'}).",
                    )
                    break
            # The periods keep their order: each change reason was checked against the period before it,
            # and moving the current period before the others would leave no current situation.
            was_before = {other.id for other in others if other.start_date < occupancy.start_date}
            if was_before != {other.id for other in others if other.start_date < start_date}:
                problems.add(
                    "start_date",
                    "Une correction ne peut pas faire passer une période avant ou après une autre : "
                    "l'ordre des situations doit rester le même.",
                )
            if end_date is None and any(other.start_date > start_date for other in others):
                problems.add("end_date", "Seule la dernière période peut rester en cours (sans date de fin).")
            if (
                end_date is not None
                and occupancy.end_date is None
                and not any(other.start_date > start_date for other in others)
            ):
                problems.add(
                    "end_date",
                    "Pour terminer la situation actuelle, enregistrez plutôt la nouvelle situation du ménage.",
                )
            problems.raise_if_any()
            occupancy.start_date = start_date
            occupancy.end_date = end_date
            changed = audit.changed_attributes(occupancy)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "occupancy",
                occupancy.id,
                household_id=occupancy.household_id,
                fields=changed,
            )
            return _view(_load(session, occupancy.id))

    def undo_last_change(self, household_id: int) -> None:
        """Delete the current period (a change entered by mistake) and reopen the previous one."""
        with self._ctx.transaction() as session:
            current = current_occupancy(session, household_id)
            if current is None:
                raise ValidationError({"occupancy": "Il n'y a pas de situation en cours à annuler."})
            previous = session.scalar(
                select(Occupancy)
                .where(Occupancy.household_id == household_id, Occupancy.id != current.id)
                .order_by(Occupancy.start_date.desc())
                .limit(1)
            )
            reviewed = session.scalar(
                select(GlissementReview.id)
                .where(
                    or_(GlissementReview.occupancy_id == current.id, GlissementReview.new_occupancy_id == current.id)
                )
                .limit(1)
            )
            if reviewed is not None:
                # The review (and the decision of the minutes that may have opened this lease) would lose its record.
                raise ValidationError(
                    {
                        "occupancy": "Cette situation est liée à une revue de glissement du bail : elle ne peut pas "
                        "être annulée. Corrigez ses dates, ou enregistrez la nouvelle situation."
                    }
                )
            session.delete(current)
            audit.record(session, self._ctx, AuditAction.DELETE, "occupancy", current.id, household_id=household_id)
            if previous is not None:
                previous.end_date = None
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.UPDATE,
                    "occupancy",
                    previous.id,
                    household_id=household_id,
                    fields=["end_date"],
                )

    def reasons_for(self, household_id: int, status_code: str) -> list[Choice]:
        """Return the change reasons whose guard accepts going from the current status to ``status_code``."""
        with self._ctx.read() as session:
            status = session.scalar(select(OccupancyStatus).where(OccupancyStatus.code == status_code))
            previous = current_occupancy(session, household_id)
            reasons = session.scalars(
                select(OccupancyChangeReason)
                .where(OccupancyChangeReason.active.is_(True))
                .order_by(OccupancyChangeReason.sort_order)
            ).all()
            allowed = []
            for reason in reasons:
                if (previous is None) != reason.initial_only:
                    continue
                if previous is not None and not _status_matches(reason.from_statuses, previous.status):
                    continue
                if reason.requires_bail_glissant and previous is not None and not previous.bail_glissant:
                    continue
                if status is not None and not _status_matches(reason.to_statuses, status):
                    continue
                allowed.append(Choice(reason.code, reason.label, reason.requires_concerted))
            return allowed

    def timeline(self, household_id: int) -> list[OccupancyView]:
        """Return the household's periods, oldest first."""
        with self._ctx.read() as session:
            return occupancy_views(session, household_id)


def _has_any(session: Session, household_id: int) -> bool:
    return session.scalar(select(Occupancy.id).where(Occupancy.household_id == household_id).limit(1)) is not None


def _load(session: Session, occupancy_id: int) -> Occupancy:
    occupancy = session.scalar(_with_relations(select(Occupancy)).where(Occupancy.id == occupancy_id))
    assert occupancy is not None
    return occupancy


def _with_relations(query: Select[Occupancy]) -> Select[Occupancy]:
    return query.options(
        joinedload(Occupancy.status),
        joinedload(Occupancy.change_reason),
        joinedload(Occupancy.dwelling).joinedload(Dwelling.landlord),
        joinedload(Occupancy.dwelling).joinedload(Dwelling.typology),
        joinedload(Occupancy.dwelling).joinedload(Dwelling.stock),
    )


def occupancy_views(session: Session, household_id: int) -> list[OccupancyView]:
    """Return a household's periods, oldest first (used by the household file)."""
    query = _with_relations(select(Occupancy)).where(Occupancy.household_id == household_id)
    return [_view(item) for item in session.scalars(query.order_by(Occupancy.start_date))]


def _view(occupancy: Occupancy) -> OccupancyView:
    return OccupancyView(
        id=occupancy.id,
        status_code=occupancy.status.code,
        status_label=occupancy.status.label,
        is_housed=occupancy.status.is_housed,
        start_date=occupancy.start_date,
        end_date=occupancy.end_date,
        reason_code=occupancy.change_reason.code,
        reason_label=occupancy.change_reason.label,
        dwelling=dwelling_view(occupancy.dwelling) if occupancy.dwelling else None,
        concerted=occupancy.concerted,
        household_agreement=occupancy.household_agreement,
        bail_glissant=occupancy.bail_glissant,
        lease_holder=occupancy.lease_holder,
        apl_recipient=occupancy.apl_recipient,
        note=occupancy.note,
    )
