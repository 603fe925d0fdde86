"""The audit trail: recording events inside a use case's transaction, and reading them back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.models import AuditEvent, StaffMember
from caseworker.services.context import ServiceContext
from caseworker.services.identity import staff_display_name

ACTION_LABELS = {
    AuditAction.CREATE: "Création",
    AuditAction.UPDATE: "Modification",
    AuditAction.DELETE: "Suppression",
    AuditAction.VIEW: "Consultation",
    AuditAction.EXPORT: "Export",
    AuditAction.UNLOCK: "Ouverture de la base",
    AuditAction.UNLOCK_FAILED: "Échec d'ouverture",
    AuditAction.REKEY: "Changement de clé",
    AuditAction.BACKUP: "Sauvegarde",
}

ENTITY_LABELS = {
    "household": "ménage",
    "person": "personne",
    "membership": "composition",
    "occupancy": "situation de logement",
    "dwelling": "logement",
    "consent": "consentement",
    "document": "pièce jointe",
    "organisation": "organisation",
    "partner_contact": "contact partenaire",
    "staff_member": "professionnel",
    "database": "base",
    "setting": "paramètre",
    "measure": "dispositif",
    "episode": "accompagnement",
    "episode_transition": "étape de l'accompagnement",
    "intensity_period": "intensité",
    "suspension": "suspension",
    "extension": "prolongation",
    "objective": "objectif",
    "episode_review": "bilan",
    "exit_record": "sortie",
    "team_membership": "équipe",
    "contact": "contact",
    "contract": "contrat",
    "contract_version": "version du contrat",
    "contract_signatory": "signature",
    "contract_template": "modèle de contrat",
    "disclosure": "transmission à un partenaire",
    "household_summary": "résumé remis au ménage",
    "letterhead": "en-tête",
    "alert": "alerte",
    "alert_action": "action sur une alerte",
    "alert_mediation": "médiation tripartite",
    "debt": "dette",
    "repayment_plan": "plan d'apurement",
    "payment": "paiement",
    "legal_procedure": "procédure d'expulsion",
    "procedure_stage": "étape de la procédure",
    "procedure_suspension": "suspension de la procédure",
}


FIELD_LABELS = {
    "first_name": "prénom",
    "last_name": "nom",
    "pseudonym": "pseudonyme",
    "birth_year": "année de naissance",
    "administrative_status_id": "statut administratif",
    "administrative_status_deadline": "échéance du titre",
    "phone": "téléphone",
    "email": "courriel",
    "composition_type_id": "composition",
    "pet_count": "nombre d'animaux",
    "pets_note": "animaux",
    "situation_before_entry_id": "situation avant l'entrée",
    "referral_source_id": "prescripteur",
    "siao_reference": "référence SIAO",
    "start_date": "date de début",
    "end_date": "date de fin",
    "end_reason": "motif du départ",
    "status": "statut",
    "name": "nom",
    "address": "adresse",
    "is_coordinator": "coordination",
    "role_id": "rôle",
    "text": "texte",
    "theme_id": "thème",
    "owner": "porteur",
    "next_review_on": "prochain bilan",
    "last_reviewed_on": "dernier bilan",
    "review_date": "date de revue",
    "note": "remarque",
    "note_class": "confidentialité de la note",
    "occurred_at": "date et heure",
    "duration_minutes": "durée",
    "type_id": "type",
    "outcome_id": "issue",
    "off_hours": "hors horaires",
    "topics": "thèmes",
    "participants": "participants",
    "funders": "financeurs",
    "duration_policy": "règle de durée",
    "duration_months": "durée en mois",
    "max_extensions": "nombre de prolongations",
    "suspended_days_count": "jours suspendus comptés",
    "caseload_target": "cible de file active",
    "levels": "niveaux d'intensité",
    "staff_member_id": "professionnel",
    "partner_contact_id": "contact partenaire",
    "level_id": "niveau d'intensité",
    "reason": "motif",
    "no_follow_up_reason_id": "motif sans suite",
    "is_national": "portée nationale",
    "target_public": "public visé",
    "review_start_months": "bilan d'entrée",
    "review_end_months": "bilan de fin",
    "review_every_months": "bilans périodiques",
    "active": "actif",
    "signed_on": "date de signature",
    "signed_place": "lieu de signature",
    "signed_how": "mode de signature",
    "ended_on": "date de fin",
    "end_status": "fin",
    "logo": "logo",
    "settled_on": "date de solde",
    "outcome": "issue",
    "amount_cents": "montant",
    "as_of": "date de la dette",
    "print": "impression",
    "file": "fichier",
    "impression": "impression",
    "fichier": "fichier",
    "remise": "remise en main propre",
    "courrier": "courrier",
    "courriel": "courriel",
}


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
        """Return the newest events about a household (optionally only some actions)."""
        with self._ctx.read() as session:
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
