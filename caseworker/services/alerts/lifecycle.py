"""The life of an alert: receive or send it, take it into account, act, escalate, resolve or close it.

The moves follow the state machine of :mod:`.states` (docs/domain.md §3.3); each one is a step of the alert's
history, dated and signed, and written to the audit log. The deadlines are set once, when the alert is recorded
(:mod:`.deadlines`). :class:`AlertService` is the one service callers ask: it reads through :class:`.inbox.AlertInbox`
and writes to the landlord through :class:`.correspondence.AlertCorrespondence`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import AlertActionKind, AlertChannel, AlertSeverity, AlertStatus, AuditAction
from caseworker.domain.alerts import ACTION_LABELS, CHANNEL_LABELS, ESCALATION_LEVELS, SEVERITY_LABELS, TO_LANDLORD
from caseworker.formats import amount_to_cents, format_datetime
from caseworker.models import (
    Alert,
    AlertAction,
    AlertMediation,
    AlertStep,
    AlertType,
    Contact,
    Dwelling,
    Household,
    Organisation,
    PartnerContact,
)
from caseworker.services import audit
from caseworker.services.alerts.correspondence import AlertCorrespondence
from caseworker.services.alerts.deadlines import due_dates
from caseworker.services.alerts.history import next_seq
from caseworker.services.alerts.inbox import AlertInbox
from caseworker.services.alerts.mediations import (
    MediationInput,
    ParticipantOption,
    build_mediation,
    participant_options,
)
from caseworker.services.alerts.records import current_dwelling_id, find_alert_type, load_alert, local_today
from caseworker.services.alerts.routing import RecipientSuggestion, suggested_recipients
from caseworker.services.alerts.states import CLOSED, check_transition, status_label
from caseworker.services.alerts.views import AlertChoices, AlertView, alert_view
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.documents import Attachment, new_document
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.letterhead import LetterheadService
from caseworker.services.reference import Choice
from caseworker.services.row_versions import claim_version
from caseworker.services.validation import DESCRIPTION_MAX, LABEL_MAX, LONG_TEXT_MAX, Problems

S = AlertStatus
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class AlertInput:
    """An alert received from a landlord, or one the association sends to it."""

    type_code: str
    household_id: int
    landlord_id: int
    received_at: datetime
    channel: AlertChannel
    severity: AlertSeverity = AlertSeverity.MODEREE
    description: str = ""
    partner_contact_id: int | None = None
    dwelling_id: int | None = None  # None: the household's current dwelling
    amount: Decimal | None = None
    related_alert_id: int | None = None


@dataclass(frozen=True)
class ActionInput:
    """Something done about an alert (``contact_id``: the visit or call of the contact log, if any)."""

    kind: AlertActionKind
    at: datetime
    note: str = ""
    contact_id: int | None = None
    mediation: MediationInput | None = None  # required for a "médiation tripartite"


class AlertService(AlertInbox, AlertCorrespondence):
    """Receives, follows and closes alerts; computes their deadlines in French working days."""

    def __init__(self, ctx: ServiceContext, letterhead: LetterheadService) -> None:
        self._ctx = ctx
        self._letterhead = letterhead

    # picklists ---------------------------------------------------------------------------------------------

    def choices(self) -> AlertChoices:
        """Return the picklists of the dialogs."""
        with self._ctx.read() as session:
            types = session.scalars(select(AlertType).where(AlertType.active).order_by(AlertType.sort_order))
            return AlertChoices(
                types=[Choice(t.code, t.label, t.direction == TO_LANDLORD) for t in types],
                channels=[Choice(c.value, label) for c, label in CHANNEL_LABELS.items()],
                severities=[Choice(s.value, label) for s, label in SEVERITY_LABELS.items()],
                action_kinds=[Choice(k.value, label) for k, label in ACTION_LABELS.items()],
                escalation_levels=[Choice(code, label) for code, label in ESCALATION_LEVELS.items()],
            )

    def suggested_contacts(self, landlord_id: int, type_code: str) -> list[RecipientSuggestion]:
        """Return the landlord's contacts, the ones whose role deals with this type first (F49)."""
        with self._ctx.read() as session:
            return suggested_recipients(session, landlord_id, type_code)

    def deadlines(self, type_code: str, landlord_id: int, received_at: datetime) -> tuple[date, date, str]:
        """Return the acknowledgement and first-action due dates, and where they come from.

        Raises:
            ValidationError: ``received_at`` is not a plausible date of receipt (no deadline counts from it).
        """
        problems = Problems()
        problems.moment(
            "received_at", received_at, kind=DateKind.EVENT, label="Date de réception", today=self._ctx.clock.today()
        )
        problems.raise_if_any()
        with self._ctx.read() as session:
            return due_dates(session, find_alert_type(session, type_code), landlord_id, received_at)

    # recording -----------------------------------------------------------------------------------------------

    def create(self, data: AlertInput) -> AlertView:
        """Record an alert: its deadlines are set now (convention cadre, else the type's defaults)."""
        now = self._ctx.clock.now()
        problems = Problems()
        description = problems.text(
            "description", data.description, label="Description", max_length=DESCRIPTION_MAX, multiline=True
        )
        if data.received_at.tzinfo is None:
            raise ValueError("received_at must be aware")
        problems.moment(
            "received_at",
            data.received_at,
            kind=DateKind.EVENT,
            label="Date de réception",
            today=self._ctx.clock.today(),
        )
        if "received_at" not in problems.errors and data.received_at > now:
            problems.add("received_at", "La date de réception ne peut pas être dans le futur.")
        problems.amount("amount", data.amount, label="Montant")
        with self._ctx.transaction() as session:
            alert_type = _check_links(session, data, problems)
            problems.raise_if_any()
            assert alert_type is not None
            dwelling_id = data.dwelling_id
            if dwelling_id is None:
                dwelling_id = current_dwelling_id(session, data.household_id)
            ack_due, action_due, source = due_dates(session, alert_type, data.landlord_id, data.received_at)
            alert = Alert(
                alert_type_id=alert_type.id,
                direction=alert_type.direction,
                household_id=data.household_id,
                dwelling_id=dwelling_id,
                landlord_id=data.landlord_id,
                partner_contact_id=data.partner_contact_id,
                channel=data.channel,
                severity=data.severity,
                received_at=data.received_at,
                description=description,
                amount_cents=amount_to_cents(data.amount),
                status=S.NOUVEAU,
                acknowledge_due_on=ack_due,
                action_due_on=action_due,
                deadline_source=source,
                related_alert_id=data.related_alert_id,
                created_by_id=self._ctx.actor.staff_member_id,
            )
            session.add(alert)
            session.flush()
            self._step(session, alert, None, S.NOUVEAU, "", at=data.received_at)
            audit.record(session, self._ctx, AuditAction.CREATE, "alert", alert.id, household_id=alert.household_id)
            return self._view(session, alert)

    def acknowledge(
        self, alert_id: int, *, at: datetime | None = None, note: str = "", expected_version: int
    ) -> AlertView:
        """Take the alert into account (for an alert to the landlord: the landlord acknowledged it)."""
        problems = Problems()
        note = problems.text("note", note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Alert, alert_id, expected_version)
            alert = load_alert(session, alert_id)
            moment = self._moment(problems, alert, at)
            problems.raise_if_any()
            self._acknowledge(session, alert, moment, note)
            return self._view(session, alert)

    def add_action(self, alert_id: int, data: ActionInput, *, expected_version: int) -> AlertView:
        """Link an action; the first one starts the treatment (an alert still new is taken into account first)."""
        problems = Problems()
        note = problems.text("note", data.note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Alert, alert_id, expected_version)
            alert = load_alert(session, alert_id)
            if alert.status in CLOSED:
                raise ValidationError(
                    {"status": f"Cette alerte est « {status_label(alert).lower()} » : elle est close."}
                )
            moment = self._moment(problems, alert, data.at)
            if data.contact_id is not None:
                contact = session.get(Contact, data.contact_id)
                if contact is None or contact.household_id != alert.household_id:
                    problems.add("contact_id", "Ce contact n'est pas dans le journal de ce ménage.")
            mediation = self._mediation(session, alert, data, moment, problems)
            problems.raise_if_any()
            if alert.status is S.NOUVEAU:
                self._acknowledge(session, alert, moment, "Pris en compte avec la première action")
            action = AlertAction(
                alert_id=alert.id,
                kind=data.kind,
                at=moment,
                note=note,
                contact_id=data.contact_id,
                staff_member_id=self._ctx.actor.staff_member_id,
                mediation=mediation,
                seq=next_seq(alert),
            )
            alert.actions.append(action)
            if alert.status is S.PRIS_EN_COMPTE:
                alert.first_action_at = moment
                self._move(session, alert, S.EN_TRAITEMENT, ACTION_LABELS[data.kind], at=moment)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "alert_action", action.id, household_id=alert.household_id
            )
            if action.mediation is not None:
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.CREATE,
                    "alert_mediation",
                    action.mediation.id,
                    household_id=alert.household_id,
                )
            return self._view(session, alert)

    def mediation_options(self, alert_id: int) -> list[ParticipantOption]:
        """Return who may be ticked as taking part in a mediation about this alert."""
        with self._ctx.read() as session:
            return participant_options(
                session, load_alert(session, alert_id), self._ctx.actor.staff_member_id, local_today(self._ctx)
            )

    def escalate(self, alert_id: int, *, level: str, target: str, note: str = "", expected_version: int) -> AlertView:
        """Escalate to a level (N1, N2, N3) and a target body."""
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Alert, alert_id, expected_version)
            alert = load_alert(session, alert_id)
            self.escalate_in(session, alert, level=level, target=target, note=note)
            return self._view(session, alert)

    def escalate_in(self, session: Session, alert: Alert, *, level: str, target: str, note: str = "") -> AlertStep:
        """Escalate a loaded alert in the caller's transaction (a COSI's decision too); return the step written."""
        problems = Problems()
        target = problems.text("target", target, label="Instance saisie", max_length=LABEL_MAX, required=True)
        note = problems.text("note", note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        if level not in ESCALATION_LEVELS:
            problems.add("level", "Choisissez le niveau d'escalade (N1, N2 ou N3).")
        check_transition(alert, S.ESCALADE)
        problems.raise_if_any()
        alert.escalation_level = level
        alert.escalation_target = target
        self._move(session, alert, S.ESCALADE, note, level=level, body=target)
        return alert.steps[-1]

    def back_to_treatment(self, alert_id: int, *, note: str = "", expected_version: int) -> AlertView:
        """End an escalation: the team handles the alert again."""
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Alert, alert_id, expected_version)
            alert = load_alert(session, alert_id)
            check_transition(alert, S.EN_TRAITEMENT)
            if alert.status is not S.ESCALADE:
                raise ValidationError({"status": "Seule une alerte escaladée revient en traitement."})
            self._move(session, alert, S.EN_TRAITEMENT, note)
            return self._view(session, alert)

    def resolve(self, alert_id: int, *, outcome: str, expected_version: int) -> AlertView:
        """Close the alert with its outcome (for an alert to the landlord: treated by the landlord)."""
        problems = Problems()
        outcome = problems.text(
            "outcome", outcome, label="Issue", max_length=LONG_TEXT_MAX, multiline=True, required=True
        )
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Alert, alert_id, expected_version)
            alert = load_alert(session, alert_id)
            check_transition(alert, S.RESOLU)
            problems.raise_if_any()
            alert.outcome = outcome
            alert.closed_at = self._ctx.clock.now()
            self._move(session, alert, S.RESOLU, outcome)
            return self._view(session, alert)

    def close_without_follow_up(self, alert_id: int, *, reason: str, expected_version: int) -> AlertView:
        """Close an alert that needs nothing (a duplicate, an error), with the reason."""
        problems = Problems()
        reason = problems.text("reason", reason, label="Motif", max_length=LONG_TEXT_MAX, multiline=True, required=True)
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Alert, alert_id, expected_version)
            alert = load_alert(session, alert_id)
            check_transition(alert, S.CLOS_SANS_SUITE)
            problems.raise_if_any()
            alert.outcome = reason
            alert.closed_at = self._ctx.clock.now()
            self._move(session, alert, S.CLOS_SANS_SUITE, reason)
            return self._view(session, alert)

    def attach_document(self, alert_id: int, attachment: Attachment) -> AlertView:
        """Store a document (a letter received, a photo of the damage) inside the encrypted database."""
        if not attachment.content:
            raise ValidationError({"document": "Le fichier est vide."})
        if len(attachment.content) > MAX_ATTACHMENT_BYTES:
            raise ValidationError({"document": "Le fichier dépasse 25 Mo."})
        problems = Problems()
        filename, media_type = problems.file(
            "document", attachment.filename, attachment.media_type, default_type="application/octet-stream"
        )
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            alert = load_alert(session, alert_id)
            document = new_document(
                Attachment(filename, attachment.content, media_type),
                household_id=alert.household_id,
                created_by_id=self._ctx.actor.staff_member_id,
            )
            session.add(document)
            alert.documents.append(document)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "document", document.id, household_id=alert.household_id
            )
            return self._view(session, alert)

    def document(self, alert_id: int, document_id: int) -> Attachment:
        """Return an attached document (recording that it was viewed)."""
        with self._ctx.transaction() as session:
            alert = load_alert(session, alert_id)
            document = next((d for d in alert.documents if d.id == document_id), None)
            if document is None:
                raise NotFoundError("Ce document n'est plus joint à l'alerte.")
            return audit.read_document(session, self._ctx, document, household_id=alert.household_id)

    # internals -------------------------------------------------------------------------------------------

    def _moment(self, problems: Problems, alert: Alert, at: datetime | None) -> datetime:
        now = self._ctx.clock.now()
        moment = at or now
        if moment.tzinfo is None:
            raise ValueError("times must be aware")
        problems.moment("at", moment, kind=DateKind.EVENT, label="Date et heure", today=self._ctx.clock.today())
        if "at" in problems.errors:
            return moment
        if moment > now:
            problems.add("at", "Cette heure est dans le futur.")
        elif moment < alert.received_at:
            problems.add("at", f"Cette heure précède la réception de l'alerte ({format_datetime(alert.received_at)}).")
        return moment

    def _mediation(
        self, session: Session, alert: Alert, data: ActionInput, moment: datetime, problems: Problems
    ) -> AlertMediation | None:
        """Return the mediation an action records (only a "médiation tripartite" does, and it must)."""
        if data.kind is AlertActionKind.MEDIATION:
            if data.mediation is None:
                problems.add(
                    "participants",
                    "Une médiation tripartite s'enregistre avec ses participants, l'accord trouvé et la date du suivi.",
                )
            elif "at" not in problems.errors:  # an absurd moment may not even convert to local time
                held_on = moment.astimezone().date()
                return build_mediation(session, alert, data.mediation, held_on, problems, today=self._ctx.clock.today())
        elif data.mediation is not None:
            problems.add("kind", "Seule une médiation tripartite enregistre des participants et un accord.")
        return None

    def _acknowledge(self, session: Session, alert: Alert, moment: datetime, note: str) -> None:
        check_transition(alert, S.PRIS_EN_COMPTE)
        alert.acknowledged_at = moment
        self._move(session, alert, S.PRIS_EN_COMPTE, note, at=moment)

    def _move(
        self,
        session: Session,
        alert: Alert,
        status: AlertStatus,
        note: str,
        *,
        at: datetime | None = None,
        level: str = "",
        body: str = "",
    ) -> None:
        source = alert.status
        check_transition(alert, status)
        alert.status = status
        self._step(session, alert, source, status, note, at=at or self._ctx.clock.now(), level=level, body=body)
        audit.record(
            session,
            self._ctx,
            AuditAction.UPDATE,
            "alert",
            alert.id,
            household_id=alert.household_id,
            fields=["status"],
        )

    def _step(
        self,
        session: Session,
        alert: Alert,
        source: AlertStatus | None,
        target: AlertStatus,
        note: str,
        *,
        at: datetime,
        level: str = "",
        body: str = "",
    ) -> None:
        alert.steps.append(
            AlertStep(
                at=at,
                staff_member_id=self._ctx.actor.staff_member_id,
                from_status=source,
                to_status=target,
                note=note,
                escalation_level=level,
                escalation_target=body,
                seq=next_seq(alert),
            )
        )

    def _view(self, session: Session, alert: Alert) -> AlertView:
        return alert_view(session, alert, local_today(self._ctx))


def _check_links(session: Session, data: AlertInput, problems: Problems) -> AlertType | None:
    """Check what a new alert points to (type, household, landlord, contact, dwelling, earlier alert).

    Returns:
        The alert's type, when it exists and is active (else a problem is added).
    """
    found = session.scalar(select(AlertType).where(AlertType.code == data.type_code))
    if found is None or not found.active:
        problems.add("type_code", "Choisissez le type d'alerte.")
    household = session.get(Household, data.household_id)
    if household is None:
        problems.add("household_id", "Choisissez le ménage concerné.")
    landlord = session.get(Organisation, data.landlord_id)
    if landlord is None or not landlord.kind.is_landlord:
        problems.add("landlord_id", "Choisissez le bailleur (émetteur ou destinataire de l'alerte).")
    if data.partner_contact_id is not None:
        contact = session.get(PartnerContact, data.partner_contact_id)
        if contact is None or contact.organisation_id != data.landlord_id:
            problems.add("partner_contact_id", "Ce contact n'appartient pas à ce bailleur.")
    if data.dwelling_id is not None and session.get(Dwelling, data.dwelling_id) is None:
        problems.add("dwelling_id", "Ce logement est introuvable.")
    if data.related_alert_id is not None:
        related = session.get(Alert, data.related_alert_id)
        if related is None or related.household_id != data.household_id:
            problems.add("related_alert_id", "L'alerte d'origine doit concerner le même ménage.")
    return found if found is not None and found.active else None
