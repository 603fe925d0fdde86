"""The audit trail: recording events inside a use case's transaction, and reading them back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.domain.audit import ACTION_LABELS, ENTITY_LABELS, FIELD_LABELS
from caseworker.models import AuditEvent, Document, Household, StaffMember
from caseworker.services.context import ServiceContext
from caseworker.services.documents import Attachment, attachment_of
from caseworker.services.errors import NotFoundError
from caseworker.services.identity import staff_display_name


def record(
    session: Session,
    ctx: ServiceContext,
    action: AuditAction,
    entity_type: str,
    entity_id: int | None,
    *,
    household_id: int | None = None,
    fields: Iterable[str] = (),
) -> None:
    """Append an audit event in the caller's transaction (names of fields only, never their values)."""
    session.add(
        AuditEvent(
            at=ctx.clock.now(),
            staff_member_id=ctx.actor.staff_member_id,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            household_id=household_id,
            fields=",".join(sorted(fields))[:1000],
        )
    )


def read_document(session: Session, ctx: ServiceContext, document: Document, *, household_id: int | None) -> Attachment:
    """Return a stored document, recording in the caller's transaction that the current user viewed it.

    A scan or a letter may hold anything about a household: every reading is a consultation, like opening the
    household file.
    """
    record(session, ctx, AuditAction.VIEW, "document", document.id, household_id=household_id)
    return attachment_of(document)


def changed_attributes(instance: object) -> list[str]:
    """Return the names of mapped columns changed on ``instance`` and not yet flushed."""
    state = inspect(instance)
    return [attr.key for attr in state.attrs if attr.history.has_changes() and attr.key in state.mapper.columns]


@dataclass(frozen=True)
class AuditEntry:
    """One event as shown in a household file or an audit export."""

    at: datetime
    staff_name: str
    action: AuditAction
    entity_type: str
    entity_id: int | None
    fields: tuple[str, ...]

    @property
    def field_labels(self) -> str:
        """Return the changed fields in French, e.g. "prénom, nom"."""
        return ", ".join(FIELD_LABELS.get(name, name.replace("_", " ")) for name in self.fields)

    @property
    def description(self) -> str:
        """Return e.g. "Modification — personne" in French."""
        entity = ENTITY_LABELS.get(self.entity_type, self.entity_type)
        return f"{ACTION_LABELS[self.action]} — {entity}"


class AuditService:
    """Reads the audit trail, and records events that belong to no other use case (unlocking, backups)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def record_unlock(self, *, failed_attempts: int = 0) -> None:
        """Record the opening of the database, preceded by the failed attempts of this session.

        Failures cannot be written while the key is wrong: they are counted in memory and written here.
        """
        with self._ctx.transaction() as session:
            for _ in range(failed_attempts):
                record(session, self._ctx, AuditAction.UNLOCK_FAILED, "database", None)
            record(session, self._ctx, AuditAction.UNLOCK, "database", None)

    def record_database_event(self, action: AuditAction) -> None:
        """Record a backup or a key change."""
        with self._ctx.transaction() as session:
            record(session, self._ctx, action, "database", None)

    def for_household(
        self, household_id: int, *, actions: Iterable[AuditAction] | None = None, limit: int = 200
    ) -> list[AuditEntry]:
        """Return the newest events about a household (optionally only some actions).

        Only for a household the person sees (docs/domain.md §2): who did what and when to a household is its own.
        """
        with self._ctx.read() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError(f"Ménage introuvable (n° {household_id}).")
            query = (
                select(AuditEvent, StaffMember.first_name, StaffMember.last_name)
                .outerjoin(StaffMember, StaffMember.id == AuditEvent.staff_member_id)
                .where(AuditEvent.household_id == household_id)
                .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                .limit(limit)
            )
            if actions is not None:
                query = query.where(AuditEvent.action.in_(list(actions)))
            return [_entry(event, first, last) for event, first, last in session.execute(query)]

    def recent(self, *, limit: int = 500) -> list[AuditEntry]:
        """Return the newest events of the whole database."""
        with self._ctx.read() as session:
            query = (
                select(AuditEvent, StaffMember.first_name, StaffMember.last_name)
                .outerjoin(StaffMember, StaffMember.id == AuditEvent.staff_member_id)
                .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                .limit(limit)
            )
            return [_entry(event, first, last) for event, first, last in session.execute(query)]


def _entry(event: AuditEvent, first: str | None, last: str | None) -> AuditEntry:
    staff = staff_display_name(first or "", last or "") if first or last else "Système"
    fields = tuple(name for name in event.fields.split(",") if name)
    return AuditEntry(event.at, staff, event.action, event.entity_type, event.entity_id, fields)
