"""Two people editing the same record: the second save, typed against an older version, is refused.

The household, the episode, the alert and the contract each carry a ``row_version`` (migration 0013). The views
the UI opens carry it; every change to one of these records or its parts names the version it was typed against,
and :func:`claim_version` moves it on in the same transaction, before anything is written (docs/domain.md §9.4).

One atomic ``UPDATE … SET row_version = row_version + 1 WHERE id = :id AND row_version = :expected``: on
PostgreSQL the row stays locked until the transaction ends, so two saves at once serialise and the second finds
no row to update (read committed re-checks the condition on the newer row); SQLite has one writer at a time. A
refused save says who made the newer change and when, from the audit log, and writes nothing.

Additive logs that two people may add to at once (the contact log, the audit log, documents attached) are not
versioned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, null, or_, select, update
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.formats import format_long_date
from caseworker.models import (
    AfterCare,
    Alert,
    AlertAction,
    AuditEvent,
    CollectiveSession,
    Contract,
    ContractSignatory,
    ContractVersion,
    Episode,
    EpisodeReview,
    EpisodeTransition,
    ExitRecord,
    Extension,
    Household,
    HousingProposal,
    IntensityPeriod,
    Objective,
    OutreachEncounter,
    RightOpened,
    StaffMember,
    Suspension,
    Task,
    WatchEntry,
)
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ConcurrentChangeError, DeletedMeanwhileError
from caseworker.services.identity import staff_display_name

Versioned = (
    Household
    | Episode
    | Alert
    | Contract
    | Task
    | HousingProposal
    | RightOpened
    | WatchEntry
    | OutreachEncounter
    | CollectiveSession
)
"""A record two people may edit at once."""

EpisodePart = (
    EpisodeTransition | Suspension | IntensityPeriod | Extension | Objective | EpisodeReview | ExitRecord | AfterCare
)

_EPISODE_PARTS: dict[str, type[EpisodePart]] = {
    "episode_transition": EpisodeTransition,
    "suspension": Suspension,
    "intensity_period": IntensityPeriod,
    "extension": Extension,
    "objective": Objective,
    "episode_review": EpisodeReview,
    "exit_record": ExitRecord,
    "after_care": AfterCare,
}

MAX_VERSION = 2**31 - 1
"""The largest version the column holds (PostgreSQL's INTEGER)."""

_CHANGES = (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE)


@dataclass(frozen=True)
class _Record:
    """How a refusal names a kind of record, and which audit events tell its changes (its own and its parts')."""

    this: str  # "Ce ménage"
    feminine: bool
    entity_type: str
    parts_in_household: tuple[str, ...] = ()


_RECORDS: dict[type[Versioned], _Record] = {
    Household: _Record("Ce ménage", False, "household", ("person", "membership")),
    Episode: _Record("Cet accompagnement", False, "episode"),
    Alert: _Record("Cette alerte", True, "alert"),
    Contract: _Record("Ce contrat", False, "contract"),
    Task: _Record("Cette tâche", True, "task"),
    HousingProposal: _Record("Cette proposition de logement", True, "housing_proposal"),
    RightOpened: _Record("Ce droit ouvert", False, "right_opened"),
    WatchEntry: _Record("Cette mise en veille", True, "watch_entry"),
    OutreachEncounter: _Record("Cette rencontre de maraude", True, "outreach_encounter"),
    CollectiveSession: _Record("Cet atelier", False, "collective_session"),
}


def claim_version(session: Session, ctx: ServiceContext, model: type[Versioned], row_id: int, expected: int) -> int:
    """Move a record to its next version if it is still at ``expected``; else refuse the save.

    Call it first in the use case's transaction, before reading what will change. Returns the new version.

    Raises:
        ConcurrentChangeError: someone saved a newer version (named, with when).
        DeletedMeanwhileError: the record is gone (deleted meanwhile, out of the person's sight, or a wrong id).
    """
    if not 0 < expected <= MAX_VERSION:  # no row has it (and the column could not even hold it): not the current one
        raise _refusal(session, ctx, model, row_id)
    claimed = session.execute(
        update(model)
        .where(model.id == row_id, model.row_version == expected)
        .values(row_version=model.row_version + 1)
        .execution_options(synchronize_session="fetch")
    )
    if claimed.rowcount == 1:  # type: ignore[attr-defined]
        return expected + 1
    raise _refusal(session, ctx, model, row_id)


def _refusal(session: Session, ctx: ServiceContext, model: type[Versioned], row_id: int) -> ConcurrentChangeError:
    message = refusal_message(session, ctx, model, row_id)
    if session.scalar(select(model.id).where(model.id == row_id)) is None:
        return DeletedMeanwhileError(message)
    return ConcurrentChangeError(message)


def refusal_message(session: Session, ctx: ServiceContext, model: type[Versioned], row_id: int) -> str:
    """Return the French refusal of a save typed against an older version of a record (or a deleted one)."""
    record = _RECORDS[model]
    pronoun = "la" if record.feminine else "le"
    ending = "e" if record.feminine else ""
    household: Any = Household.id if model is Household else getattr(model, "household_id", None)
    if model is CollectiveSession:  # everyone's: it names no household
        household = null()
    found = session.execute(select(household.label("household_id")).where(model.id == row_id)).first()
    if found is None:
        deleted = session.scalar(
            select(AuditEvent.id)
            .where(
                AuditEvent.entity_type == record.entity_type,
                AuditEvent.entity_id == row_id,
                AuditEvent.action == AuditAction.DELETE,
            )
            .limit(1)
        )
        if deleted is not None:
            return (
                f"{record.this} a été supprimé{ending} pendant que vous {pronoun} modifiiez : "
                "vos saisies ne peuvent plus être enregistrées. Fermez cette fenêtre."
            )
        # Never deleted: a change of the household's team took it out of the person's sight (docs/domain.md §2).
        household_of = "son équipe" if model is Household else "l'équipe de son ménage"
        return (
            f"{record.this} n'est plus accessible : un changement dans {household_of} vous en a retiré l'accès. "
            "Vos saisies ne peuvent plus être enregistrées ; notez ce qui doit l'être, fermez cette fenêtre et "
            "adressez-vous à l'équipe du ménage."
        )
    newest = session.execute(
        select(AuditEvent.at, AuditEvent.staff_member_id, StaffMember.first_name, StaffMember.last_name)
        .outerjoin(StaffMember, StaffMember.id == AuditEvent.staff_member_id)
        .where(_events_of(model, record, row_id, found.household_id), AuditEvent.action.in_(_CHANGES))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(1)
    ).first()
    advice = "Vos saisies sont conservées : fermez cette fenêtre pour voir la nouvelle version, puis recommencez."
    if newest is None:
        return (
            f"{record.this} a été modifié{ending} par une autre personne pendant que vous {pronoun} modifiiez. {advice}"
        )
    at, staff_id, first, last = newest
    when = spoken_moment(at)
    if staff_id is not None and staff_id == ctx.actor.staff_member_id:
        return (
            f"{record.this} a été modifié{ending} depuis une autre de vos fenêtres {when}, "
            f"pendant que vous {pronoun} modifiiez ici. {advice}"
        )
    who = staff_display_name(first or "", last or "") if first or last else "une autre personne"
    return f"{record.this} a été modifié{ending} par {who} {when}, pendant que vous {pronoun} modifiiez. {advice}"


def spoken_moment(at: datetime) -> str:
    """Return a moment as a sentence says it, in local time: "le 6 décembre 2026 à 10 h 42"."""
    local = at.astimezone()
    return f"le {format_long_date(local.date())} à {local.hour} h {local.minute:02d}"


def _events_of(model: type[Versioned], record: _Record, row_id: int, household_id: int | None) -> ColumnElement[bool]:
    """Which audit events tell a change of this record: its own, and its parts'."""
    own = and_(AuditEvent.entity_type == record.entity_type, AuditEvent.entity_id == row_id)
    conditions = [own]
    if record.parts_in_household and household_id is not None:
        conditions.append(
            and_(AuditEvent.entity_type.in_(record.parts_in_household), AuditEvent.household_id == household_id)
        )
    if model is Episode:
        for entity_type, part in _EPISODE_PARTS.items():
            ids = select(part.id).where(part.episode_id == row_id)
            conditions.append(and_(AuditEvent.entity_type == entity_type, AuditEvent.entity_id.in_(ids)))
    if model is Alert:
        actions = select(AlertAction.id).where(AlertAction.alert_id == row_id)
        conditions.append(and_(AuditEvent.entity_type == "alert_action", AuditEvent.entity_id.in_(actions)))
    if model is Contract:
        versions = select(ContractVersion.id).where(ContractVersion.contract_id == row_id)
        signatories = select(ContractSignatory.id).where(ContractSignatory.version_id.in_(versions))
        conditions.append(and_(AuditEvent.entity_type == "contract_version", AuditEvent.entity_id.in_(versions)))
        conditions.append(and_(AuditEvent.entity_type == "contract_signatory", AuditEvent.entity_id.in_(signatories)))
    return or_(*conditions)
