"""Alerts between landlords and the association (DOMAIN.md §5.3, §6.6).

Lifecycle: nouveau → pris en compte (stops the acknowledgement timer) → en traitement (the first action stops
the action timer) → résolu; also nouveau → clos sans suite, pris en compte → résolu, en traitement ⇄ escaladé
(level and target), en traitement / escaladé → résolu | clos sans suite. Résolu and clos sans suite are final:
a recurrence is a new alert linked to the earlier one.

Deadlines are French working days (``calendar_fr.add_working_days``) after the day of receipt, from the
landlord's convention cadre in force when it sets them for that type, else the type's defaults; both are
stored with the alert. An alert is overdue from the day after a deadline it has not met.

An alert to the landlord (a technical problem) is sent as a letter (PDF) or an e-mail (text or ``.eml``)
addressed to the landlord's contact chosen by role; it names the household and the dwelling, so each adult's
consent to share "alertes" and "identité" with that landlord is required (``disclosure_rules``), and sending it
writes the disclosure log. The acknowledgement sent back to a landlord names the referent and nothing else (C0):
no consent is needed, but once sent it is written to the disclosure log too, with the legal basis "C0".
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from email.message import EmailMessage

from sqlalchemy import and_, func, not_, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from caseworker.domain import AlertActionKind, AlertChannel, AlertSeverity, AlertStatus, AuditAction, ContractStatus
from caseworker.formats import amount_to_cents, cents_to_amount, format_date, format_datetime
from caseworker.models import (
    Alert,
    AlertAction,
    AlertMediation,
    AlertStep,
    AlertType,
    Contact,
    Contract,
    ContractKind,
    ContractVersion,
    ConventionAlertRule,
    Document,
    Dwelling,
    Household,
    Occupancy,
    Organisation,
    PartnerContact,
    StaffMember,
    TeamMembership,
)
from caseworker.reports.document_model import Audience, GeneratedDocument, Section
from caseworker.services import audit
from caseworker.services.adults import current_adults
from caseworker.services.alert_history import (
    AlertActionView,
    AlertHistoryEntry,
    AlertStepView,
    merged_history,
    next_seq,
)
from caseworker.services.calendar_fr import add_working_days
from caseworker.services.consents import Attachment
from caseworker.services.context import ServiceContext
from caseworker.services.contracts import GeneratedPdf, contract_reference
from caseworker.services.date_rules import DateKind
from caseworker.services.disclosure_log import LEGAL_BASIS_C0, DisclosureEntry, write_disclosure
from caseworker.services.disclosure_rules import ConsentMissingError, authorising_consents, consent_gaps
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.households import display_names_for
from caseworker.services.identity import addressed_as, addressee, email_greeting, printed_name, staff_display_name
from caseworker.services.letterhead import LetterheadService
from caseworker.services.mediations import (
    MediationInput,
    ParticipantOption,
    build_mediation,
    mediation_view,
    participant_options,
)
from caseworker.services.reference import Choice
from caseworker.services.validation import DESCRIPTION_MAX, LABEL_MAX, LONG_TEXT_MAX, Problems
from caseworker.services.working_days import landlord_territory

S = AlertStatus
TO_ASSOCIATION = "to_association"
TO_LANDLORD = "to_landlord"
OPEN = frozenset({S.NOUVEAU, S.PRIS_EN_COMPTE, S.EN_TRAITEMENT, S.ESCALADE})
CLOSED = frozenset({S.RESOLU, S.CLOS_SANS_SUITE})
TRANSITIONS: dict[AlertStatus, frozenset[AlertStatus]] = {
    S.NOUVEAU: frozenset({S.PRIS_EN_COMPTE, S.CLOS_SANS_SUITE}),
    S.PRIS_EN_COMPTE: frozenset({S.EN_TRAITEMENT, S.RESOLU}),
    S.EN_TRAITEMENT: frozenset({S.ESCALADE, S.RESOLU, S.CLOS_SANS_SUITE}),
    S.ESCALADE: frozenset({S.ESCALADE, S.EN_TRAITEMENT, S.RESOLU, S.CLOS_SANS_SUITE}),
    S.RESOLU: frozenset(),
    S.CLOS_SANS_SUITE: frozenset(),
}
STATUS_LABELS = {
    S.NOUVEAU: "Nouveau",
    S.PRIS_EN_COMPTE: "Pris en compte",
    S.EN_TRAITEMENT: "En traitement",
    S.ESCALADE: "Escaladé",
    S.RESOLU: "Résolu",
    S.CLOS_SANS_SUITE: "Clos sans suite",
}
# An alert sent to the landlord is read from the landlord's side (DOMAIN.md §5.3).
OUTBOUND_STATUS_LABELS = {
    **STATUS_LABELS,
    S.PRIS_EN_COMPTE: "Pris en compte par le bailleur",
    S.EN_TRAITEMENT: "En traitement chez le bailleur",
    S.RESOLU: "Traité par le bailleur",
}
DIRECTION_LABELS = {TO_ASSOCIATION: "Bailleur → association", TO_LANDLORD: "Association → bailleur"}
CHANNEL_LABELS = {
    AlertChannel.TELEPHONE: "Téléphone",
    AlertChannel.COURRIEL: "Courriel",
    AlertChannel.COURRIER: "Courrier",
    AlertChannel.REUNION: "Réunion",
    AlertChannel.AUTRE: "Autre",
}
SEVERITY_LABELS = {
    AlertSeverity.INFORMATION: "Information",
    AlertSeverity.MODEREE: "Modérée",
    AlertSeverity.ELEVEE: "Élevée",
    AlertSeverity.URGENTE: "Urgente",
}
ACTION_LABELS = {
    AlertActionKind.VISITE: "Visite",
    AlertActionKind.APPEL: "Appel",
    AlertActionKind.MEDIATION: "Médiation tripartite",
    AlertActionKind.DEMANDE_FSL: "Demande FSL",
    AlertActionKind.SAISINE_CCAPEX: "Saisine de la CCAPEX",
    AlertActionKind.PLAN_APUREMENT: "Plan d'apurement",
    AlertActionKind.RELANCE_BAILLEUR: "Relance du bailleur",
    AlertActionKind.AUTRE: "Autre action",
}
ESCALATION_LEVELS = {
    "N1": "N1 — chef·fe de service et référent ou CESF du bailleur",
    "N2": "N2 — responsable d'agence ou instance partenariale (comité technique, plateforme, COPIL)",
    "N3": "N3 — CCAPEX ou institutions",
}
DEFAULT_SOURCE = "Délais par défaut du type d'alerte"
# Routing by role (DOMAIN.md §2.3, F49): who at the landlord deals with which alert.
ROUTING = {
    "impaye": ("contentieux", "cesf", "gestion_locative"),
    "procedure_engagee": ("contentieux", "juridique", "cesf"),
    "probleme_technique": ("gestion_locative", "proximite"),
    "demande_intervention": ("gestion_locative", "proximite"),
    "trouble_voisinage": ("proximite", "gestion_locative", "cesf"),
    "perte_contact": ("proximite", "cesf"),
    "information": ("cesf", "gestion_locative"),
}
LETTER_CATEGORIES = ("identite", "alertes")
LETTER_DOCUMENT = "Alerte au bailleur"
# What the acknowledgement names (C0): which alert, and who the referent is.
ACKNOWLEDGEMENT_FIELDS = ("reference_alerte", "type_alerte", "date_reception", "referent_coordinateur", "telephone")
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


# ----------------------------------------------------------------------------------------------- inputs


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


@dataclass(frozen=True)
class AlertFilter:
    """Filters of the Alertes inbox (``status``: "open", "closed", None for all, or one status value)."""

    type_code: str | None = None
    direction: str | None = None
    status: str | None = "open"
    landlord_id: int | None = None
    overdue_only: bool = False
    mine: bool = False
    household_id: int | None = None
    limit: int = 500


# ------------------------------------------------------------------------------------------------ views


@dataclass(frozen=True)
class AlertView:
    """An alert with its history."""

    id: int
    reference: str
    type_code: str
    type_label: str
    direction: str
    direction_label: str
    household_id: int
    household_name: str
    dwelling_label: str
    landlord_id: int
    landlord_name: str
    contact_id: int | None
    contact_name: str
    channel: AlertChannel
    channel_label: str
    severity: AlertSeverity
    severity_label: str
    received_at: datetime
    description: str
    amount: Decimal | None
    status: AlertStatus
    status_label: str
    acknowledge_due_on: date
    action_due_on: date
    deadline_source: str
    acknowledged_at: datetime | None
    first_action_at: datetime | None
    closed_at: datetime | None
    outcome: str
    escalation_level: str
    escalation_target: str
    related_alert_id: int | None
    steps: tuple[AlertStepView, ...]
    actions: tuple[AlertActionView, ...]
    documents: tuple[tuple[int, str], ...]
    acknowledge_overdue: bool
    action_overdue: bool
    allowed: frozenset[AlertStatus]

    @property
    def is_open(self) -> bool:
        """Tell whether the alert still needs something."""
        return self.status in OPEN

    @property
    def history(self) -> tuple[AlertHistoryEntry, ...]:
        """Return the steps and actions in the order they happened (to the minute, then as recorded)."""
        return merged_history(self.steps, self.actions)

    @property
    def overdue(self) -> bool:
        """Tell whether a deadline has passed unmet."""
        return self.acknowledge_overdue or self.action_overdue


@dataclass(frozen=True)
class AlertRow:
    """One line of the inbox."""

    id: int
    reference: str
    received_at: datetime
    type_code: str
    type_label: str
    direction: str
    household_id: int
    household_name: str
    landlord_name: str
    severity: AlertSeverity
    status: AlertStatus
    status_label: str
    acknowledge_due_on: date
    action_due_on: date
    acknowledge_overdue: bool
    action_overdue: bool
    referent_name: str = ""  # the household's coordinating referent ("" when it has none)

    @property
    def overdue(self) -> bool:
        """Tell whether a deadline has passed unmet."""
        return self.acknowledge_overdue or self.action_overdue

    @property
    def overdue_label(self) -> str:
        """Say which deadline passed, in French."""
        if self.acknowledge_overdue:
            return f"Prise en compte en retard (attendue le {format_date(self.acknowledge_due_on)})"
        if self.action_overdue:
            return f"Première action en retard (attendue le {format_date(self.action_due_on)})"
        return ""


@dataclass(frozen=True)
class AlertCounts:
    """What the morning debrief shows about alerts."""

    new: int
    open: int
    overdue_acknowledge: int
    overdue_action: int


@dataclass(frozen=True)
class RecipientSuggestion:
    """A landlord's contact proposed for an alert, by role."""

    id: int
    name: str
    role_code: str
    role_label: str
    email: str
    phone: str


@dataclass(frozen=True)
class AlertChoices:
    """Picklists of the alert dialogs."""

    types: list[Choice]  # ``flag``: True for alerts to the landlord
    channels: list[Choice]
    severities: list[Choice]
    action_kinds: list[Choice]
    escalation_levels: list[Choice]


@dataclass(frozen=True)
class EmailDraft:
    """An e-mail ready to copy or to save as ``.eml`` (written only where the person chooses)."""

    to: str
    subject: str
    body: str

    def eml(self, sender: str) -> bytes:
        """Return the message as an ``.eml`` file's bytes."""
        message = EmailMessage()
        message["From"] = sender
        message["To"] = self.to
        message["Subject"] = self.subject
        message.set_content(self.body)
        return bytes(message)


@dataclass(frozen=True)
class OutgoingAlert:
    """An alert prepared for the landlord: its letter and its e-mail; ``record_sent`` takes it back."""

    alert_id: int
    contact_id: int | None
    letter: GeneratedPdf
    email: EmailDraft
    sender: str
    sha256: str


# ---------------------------------------------------------------------------------------------- service


class AlertService:
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
            return _suggestions(session, landlord_id, type_code)

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
            alert_type = _type(session, type_code)
            return _deadlines(session, alert_type, landlord_id, received_at)

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
            alert_type = session.scalar(select(AlertType).where(AlertType.code == data.type_code))
            if alert_type is None or not alert_type.active:
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
            problems.raise_if_any()
            assert alert_type is not None
            dwelling_id = data.dwelling_id
            if dwelling_id is None:
                dwelling_id = _current_dwelling(session, data.household_id)
            ack_due, action_due, source = _deadlines(session, alert_type, data.landlord_id, data.received_at)
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

    def acknowledge(self, alert_id: int, *, at: datetime | None = None, note: str = "") -> AlertView:
        """Take the alert into account (for an alert to the landlord: the landlord acknowledged it)."""
        problems = Problems()
        note = problems.text("note", note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        with self._ctx.transaction() as session:
            alert = _get(session, alert_id)
            moment = self._moment(problems, alert, at)
            problems.raise_if_any()
            self._acknowledge(session, alert, moment, note)
            return self._view(session, alert)

    def add_action(self, alert_id: int, data: ActionInput) -> AlertView:
        """Link an action; the first one starts the treatment (an alert still new is taken into account first)."""
        problems = Problems()
        note = problems.text("note", data.note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        with self._ctx.transaction() as session:
            alert = _get(session, alert_id)
            if alert.status in CLOSED:
                raise ValidationError({"status": f"Cette alerte est « {_label(alert).lower()} » : elle est close."})
            moment = self._moment(problems, alert, data.at)
            if data.contact_id is not None:
                contact = session.get(Contact, data.contact_id)
                if contact is None or contact.household_id != alert.household_id:
                    problems.add("contact_id", "Ce contact n'est pas dans le journal de ce ménage.")
            mediation = None
            if data.kind is AlertActionKind.MEDIATION:
                if data.mediation is None:
                    problems.add(
                        "participants",
                        "Une médiation tripartite s'enregistre avec ses participants, l'accord trouvé et la date "
                        "du suivi.",
                    )
                elif "at" not in problems.errors:  # an absurd moment may not even convert to local time
                    held_on = moment.astimezone().date()
                    mediation = build_mediation(
                        session, alert, data.mediation, held_on, problems, today=self._ctx.clock.today()
                    )
            elif data.mediation is not None:
                problems.add("kind", "Seule une médiation tripartite enregistre des participants et un accord.")
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
                session, _get(session, alert_id), self._ctx.actor.staff_member_id, self._local_today()
            )

    def escalate(self, alert_id: int, *, level: str, target: str, note: str = "") -> AlertView:
        """Escalate to a level (N1, N2, N3) and a target body."""
        problems = Problems()
        target = problems.text("target", target, label="Instance saisie", max_length=LABEL_MAX, required=True)
        note = problems.text("note", note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        if level not in ESCALATION_LEVELS:
            problems.add("level", "Choisissez le niveau d'escalade (N1, N2 ou N3).")
        with self._ctx.transaction() as session:
            alert = _get(session, alert_id)
            _check(alert, S.ESCALADE)
            problems.raise_if_any()
            alert.escalation_level = level
            alert.escalation_target = target
            self._move(session, alert, S.ESCALADE, note, level=level, body=target)
            return self._view(session, alert)

    def back_to_treatment(self, alert_id: int, *, note: str = "") -> AlertView:
        """End an escalation: the team handles the alert again."""
        with self._ctx.transaction() as session:
            alert = _get(session, alert_id)
            _check(alert, S.EN_TRAITEMENT)
            if alert.status is not S.ESCALADE:
                raise ValidationError({"status": "Seule une alerte escaladée revient en traitement."})
            self._move(session, alert, S.EN_TRAITEMENT, note)
            return self._view(session, alert)

    def resolve(self, alert_id: int, *, outcome: str) -> AlertView:
        """Close the alert with its outcome (for an alert to the landlord: treated by the landlord)."""
        problems = Problems()
        outcome = problems.text(
            "outcome", outcome, label="Issue", max_length=LONG_TEXT_MAX, multiline=True, required=True
        )
        with self._ctx.transaction() as session:
            alert = _get(session, alert_id)
            _check(alert, S.RESOLU)
            problems.raise_if_any()
            alert.outcome = outcome
            alert.closed_at = self._ctx.clock.now()
            self._move(session, alert, S.RESOLU, outcome)
            return self._view(session, alert)

    def close_without_follow_up(self, alert_id: int, *, reason: str) -> AlertView:
        """Close an alert that needs nothing (a duplicate, an error), with the reason."""
        problems = Problems()
        reason = problems.text("reason", reason, label="Motif", max_length=LONG_TEXT_MAX, multiline=True, required=True)
        with self._ctx.transaction() as session:
            alert = _get(session, alert_id)
            _check(alert, S.CLOS_SANS_SUITE)
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
            alert = _get(session, alert_id)
            document = Document(
                household_id=alert.household_id,
                filename=filename,
                media_type=media_type,
                size=len(attachment.content),
                sha256=hashlib.sha256(attachment.content).hexdigest(),
                content=attachment.content,
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
            alert = _get(session, alert_id)
            document = next((d for d in alert.documents if d.id == document_id), None)
            if document is None:
                raise NotFoundError("Ce document n'est plus joint à l'alerte.")
            audit.record(session, self._ctx, AuditAction.VIEW, "document", document.id, household_id=alert.household_id)
            return Attachment(document.filename, document.content, document.media_type)

    # reading ---------------------------------------------------------------------------------------------

    def alert(self, alert_id: int) -> AlertView:
        """Return one alert with its history."""
        with self._ctx.read() as session:
            return self._view(session, _get(session, alert_id))

    def inbox(self, data: AlertFilter) -> list[AlertRow]:
        """Return the alerts matching the filter, overdue first, then newest first."""
        today = self._local_today()
        with self._ctx.read() as session:
            # One table only: with the type and landlord names looked up afterwards, the planner has no join order
            # to get wrong and walks an index already in received_at order, stopping at the limit.
            query = select(
                Alert.id,
                Alert.received_at,
                Alert.alert_type_id,
                Alert.direction,
                Alert.household_id,
                Alert.landlord_id,
                Alert.severity,
                Alert.status,
                Alert.acknowledge_due_on,
                Alert.action_due_on,
            )
            query = _filtered(query, data, today, self._ctx.actor.staff_member_id)
            # Two reads rather than one ordered by the overdue expression: the overdue alerts are few (open ones
            # only) and the others come newest first, stopping at the limit.
            # The overdue alerts are found by status first (an index on status), whatever the other filters are.
            overdue = Alert.id.in_(select(_OverdueAlert.id).where(_overdue_clause(today, _OverdueAlert)))
            newest_first = (Alert.received_at.desc(), Alert.id.desc())
            rows = list(session.execute(query.where(overdue).order_by(*newest_first).limit(data.limit)).all())
            if len(rows) < data.limit and not data.overdue_only:
                others = query.where(not_(overdue)).order_by(*newest_first).limit(data.limit - len(rows))
                rows.extend(session.execute(others).all())
            types = {
                row[0]: (row[1], row[2])
                for row in session.execute(select(AlertType.id, AlertType.code, AlertType.label))
            }
            landlord_query = select(Organisation.id, Organisation.name).where(
                Organisation.id.in_({row[5] for row in rows})
            )
            landlords: dict[int, str] = {row[0]: row[1] for row in session.execute(landlord_query)}
            names = display_names_for(session, (row[4] for row in rows))
            referents = _coordinator_names(session, {row[4] for row in rows})
            result = []
            for row in rows:
                status = row[7]
                direction = row[3]
                type_code, type_label = types[row[2]]
                result.append(
                    AlertRow(
                        id=row[0],
                        reference=alert_reference(row[0]),
                        received_at=row[1],
                        type_code=type_code,
                        type_label=type_label,
                        direction=direction,
                        household_id=row[4],
                        household_name=names.get(row[4], ""),
                        landlord_name=landlords[row[5]],
                        severity=row[6],
                        status=status,
                        status_label=(OUTBOUND_STATUS_LABELS if direction == TO_LANDLORD else STATUS_LABELS)[status],
                        acknowledge_due_on=row[8],
                        action_due_on=row[9],
                        acknowledge_overdue=status is S.NOUVEAU and today > row[8],
                        action_overdue=status in (S.NOUVEAU, S.PRIS_EN_COMPTE) and today > row[9],
                        referent_name=referents.get(row[4], ""),
                    )
                )
            return result

    def for_household(self, household_id: int) -> list[AlertRow]:
        """Return every alert of a household (open and closed)."""
        return self.inbox(AlertFilter(status=None, household_id=household_id, limit=10_000))

    def counts(self, *, mine: bool = False) -> AlertCounts:
        """Return the figures the morning debrief shows (new, open, overdue acknowledgements and actions)."""
        today = self._local_today()
        with self._ctx.read() as session:
            base = _filtered(
                select(Alert.status, Alert.acknowledge_due_on, Alert.action_due_on),
                AlertFilter(mine=mine),
                today,
                self._ctx.actor.staff_member_id,
            )
            rows = session.execute(base).all()
        return AlertCounts(
            new=sum(1 for status, *_ in rows if status is S.NOUVEAU),
            open=len(rows),
            overdue_acknowledge=sum(1 for status, ack, _action in rows if status is S.NOUVEAU and today > ack),
            overdue_action=sum(
                1 for status, _ack, action in rows if status in (S.NOUVEAU, S.PRIS_EN_COMPTE) and today > action
            ),
        )

    # documents for the landlord ---------------------------------------------------------------------------

    def acknowledgement_email(self, alert_id: int) -> EmailDraft:
        """The reply to a landlord's alert: taken into account, who the referent is — nothing else (C0)."""
        with self._ctx.read() as session:
            alert = _get(session, alert_id)
            if alert.direction != TO_ASSOCIATION:
                raise ValidationError({"direction": "L'accusé de réception répond à une alerte reçue d'un bailleur."})
            own = session.scalar(select(Organisation).where(Organisation.is_own).limit(1))
            coordinator = _coordinator(session, alert.household_id)
            contact = alert.partner_contact
            greeting = email_greeting(contact.civility, contact.last_name) if contact else "Bonjour,"
            referent = "Le référent coordinateur vous contactera prochainement."
            if coordinator is not None:
                name = staff_display_name(coordinator.first_name, coordinator.last_name)
                phone = coordinator.phone or (own.phone if own else "")
                referent = f"Le référent coordinateur de l'accompagnement est {name}" + (
                    f", joignable au {phone}." if phone else "."
                )
            received = format_date(alert.received_at.astimezone().date())
            what = f"{alert.alert_type.label.lower()}, référence {alert_reference(alert.id)}"
            body = "\n\n".join(
                [
                    greeting,
                    f"Nous avons bien reçu votre alerte du {received} ({what}) et nous l'avons prise en compte.",
                    referent,
                    "Bien cordialement,",
                    own.name if own else "",
                ]
            )
            return EmailDraft(
                to=contact.email if contact and contact.email else alert.landlord.email,
                subject=f"Votre alerte {alert_reference(alert.id)} : prise en compte",
                body=body.strip(),
            )

    def prepare_outgoing(self, alert_id: int, *, contact_id: int | None) -> OutgoingAlert:
        """Build the letter and the e-mail of an alert to the landlord, or refuse without the household's consent."""
        from caseworker.reports.pdf import render_pdf

        today = self._local_today()
        with self._ctx.read() as session:
            alert = _get(session, alert_id)
            if alert.direction != TO_LANDLORD:
                raise ValidationError({"direction": "Seule une alerte adressée au bailleur lui est envoyée."})
            contact = session.get(PartnerContact, contact_id) if contact_id is not None else None
            if contact is not None and contact.organisation_id != alert.landlord_id:
                raise ValidationError({"contact_id": "Ce contact n'appartient pas à ce bailleur."})
            missing = consent_gaps(session, alert.household_id, alert.landlord_id, LETTER_CATEGORIES, contact_id, today)
            if missing:
                raise ConsentMissingError(alert.landlord.name, missing, document=LETTER_DOCUMENT)
            own = session.scalar(select(Organisation).where(Organisation.is_own).limit(1))
            letterhead = self._letterhead.letterhead(session)
            names = [printed_name(person) for person, _role in current_adults(session, alert.household_id, today)]
            dwelling = session.get(Dwelling, alert.dwelling_id) if alert.dwelling_id else None
            address = _address(dwelling)
            coordinator = _coordinator(session, alert.household_id)
            recipient = [alert.landlord.name]
            if contact is not None:
                role = f" ({contact.role.label})" if contact.role else ""
                recipient.insert(
                    0, f"À l'attention de {addressee(contact.civility, contact.first_name, contact.last_name)}{role}"
                )
            recipient.extend(line for line in alert.landlord.address.splitlines() if line.strip())
            lines = [f"Logement : {address}" if address else "", f"Occupant(s) : {', '.join(names)}" if names else ""]
            referent = (
                f"Votre interlocuteur : {staff_display_name(coordinator.first_name, coordinator.last_name)}"
                + (f" ({coordinator.phone})" if coordinator.phone else "")
                + "."
                if coordinator
                else ""
            )
            civility = contact.civility if contact is not None else None
            document = GeneratedDocument(
                kind_label="Alerte au bailleur",
                title=f"{alert.alert_type.label} — {address or alert.landlord.name}",
                reference=alert_reference(alert.id),
                issued_on=today,
                letterhead=letterhead,
                audience=Audience.LANDLORD,
                issued_label="Établie le",
                recipient_lines=tuple(recipient),
                nature_notice=(
                    "Information transmise au bailleur avec l'accord écrit des occupants. Elle ne concerne que le "
                    "logement."
                ),
                sections=(
                    Section("", paragraphs=(f"{addressed_as(civility)},",), numbered=False),
                    Section(
                        "Objet",
                        paragraphs=(f"Signalement : {alert.alert_type.label.lower()}.",),
                        items=tuple(x for x in lines if x),
                        numbered=False,
                    ),
                    Section(
                        "Description",
                        paragraphs=tuple(p for p in alert.description.split("\n\n") if p.strip()) or ("—",),
                        numbered=False,
                    ),
                    Section(
                        "Suite attendue",
                        paragraphs=(
                            "Merci de nous indiquer la prise en compte de ce signalement et la suite donnée, en "
                            f"rappelant la référence {alert_reference(alert.id)}.",
                            *((referent,) if referent else ()),
                            f"Nous vous prions d'agréer, {addressed_as(civility)}, nos salutations distinguées.",
                        ),
                        numbered=False,
                    ),
                ),
                keywords=("alerte", alert_reference(alert.id)),
            )
            pdf = render_pdf(document)
            body = "\n\n".join(
                part
                for part in (
                    email_greeting(contact.civility, contact.last_name) if contact else "Bonjour,",
                    f"Nous vous signalons : {alert.alert_type.label.lower()}.",
                    "\n".join(x for x in lines if x),
                    alert.description,
                    f"Merci de nous indiquer la suite donnée (référence {alert_reference(alert.id)}).",
                    referent,
                    "Bien cordialement,",
                    own.name if own else "",
                )
                if part
            )
            email = EmailDraft(
                to=contact.email if contact and contact.email else alert.landlord.email,
                subject=f"{alert.alert_type.label} — {address or alert.landlord.name} ({alert_reference(alert.id)})",
                body=body,
            )
            filename = f"Alerte {alert_reference(alert.id)}.pdf"
            sender = own.email if own and own.email else (own.name if own else "")
            return OutgoingAlert(
                alert.id,
                contact_id,
                GeneratedPdf(pdf, filename, frozen=False),
                email,
                sender,
                hashlib.sha256(pdf).hexdigest(),
            )

    def record_sent(self, outgoing: OutgoingAlert, *, channel: str) -> None:
        """Write the disclosure (consents checked again) once the letter or e-mail has left."""
        if channel not in {"courrier", "fichier", "courriel"}:
            raise ValidationError({"channel": "Indiquez comment l'alerte a été transmise."})
        today = self._local_today()
        with self._ctx.transaction() as session:
            alert = _get(session, outgoing.alert_id)
            missing = consent_gaps(
                session, alert.household_id, alert.landlord_id, LETTER_CATEGORIES, outgoing.contact_id, today
            )
            if missing:
                raise ConsentMissingError(alert.landlord.name, missing, document=LETTER_DOCUMENT)
            consents = authorising_consents(
                session, alert.household_id, alert.landlord_id, LETTER_CATEGORIES, outgoing.contact_id, today
            )
            entry = DisclosureEntry(
                household_id=alert.household_id,
                recipient_id=alert.landlord_id,
                recipient_contact_id=outgoing.contact_id,
                channel=channel,
                document_kind="alerte_bailleur",
                document_reference=alert_reference(alert.id),
                categories=LETTER_CATEGORIES,
                fields=("type_alerte", "adresse", "noms_des_adultes", "description", "referent"),
                sha256=outgoing.sha256,
            )
            write_disclosure(session, self._ctx, entry, consents=consents)

    def record_acknowledgement_sent(self, alert_id: int, email: EmailDraft) -> None:
        """Write the acknowledgement to the disclosure log once it has left (C0: no consent needed)."""
        with self._ctx.transaction() as session:
            alert = _get(session, alert_id)
            if alert.direction != TO_ASSOCIATION:
                raise ValidationError({"direction": "L'accusé de réception répond à une alerte reçue d'un bailleur."})
            entry = DisclosureEntry(
                household_id=alert.household_id,
                recipient_id=alert.landlord_id,
                recipient_contact_id=alert.partner_contact_id,
                channel="courriel",
                document_kind="accuse_reception",
                document_reference=alert_reference(alert.id),
                fields=ACKNOWLEDGEMENT_FIELDS,
                sha256=hashlib.sha256(f"{email.to}\n{email.subject}\n\n{email.body}".encode()).hexdigest(),
            )
            write_disclosure(session, self._ctx, entry, legal_basis=LEGAL_BASIS_C0)

    # internals -------------------------------------------------------------------------------------------

    def _local_today(self) -> date:
        return self._ctx.clock.now().astimezone().date()

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

    def _acknowledge(self, session: Session, alert: Alert, moment: datetime, note: str) -> None:
        _check(alert, S.PRIS_EN_COMPTE)
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
        _check(alert, status)
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
        today = self._local_today()
        names = display_names_for(session, [alert.household_id])
        staff = {
            member.id: staff_display_name(member.first_name, member.last_name)
            for member in session.scalars(
                select(StaffMember).where(
                    StaffMember.id.in_(
                        {step.staff_member_id for step in alert.steps} | {a.staff_member_id for a in alert.actions}
                    )
                )
            )
        }
        labels = OUTBOUND_STATUS_LABELS if alert.direction == TO_LANDLORD else STATUS_LABELS
        dwelling = session.get(Dwelling, alert.dwelling_id) if alert.dwelling_id else None
        contact = alert.partner_contact
        return AlertView(
            id=alert.id,
            reference=alert_reference(alert.id),
            type_code=alert.alert_type.code,
            type_label=alert.alert_type.label,
            direction=alert.direction,
            direction_label=DIRECTION_LABELS.get(alert.direction, alert.direction),
            household_id=alert.household_id,
            household_name=names.get(alert.household_id, ""),
            dwelling_label=_address(dwelling),
            landlord_id=alert.landlord_id,
            landlord_name=alert.landlord.name,
            contact_id=alert.partner_contact_id,
            contact_name=staff_display_name(contact.first_name, contact.last_name) if contact else "",
            channel=alert.channel,
            channel_label=CHANNEL_LABELS[alert.channel],
            severity=alert.severity,
            severity_label=SEVERITY_LABELS[alert.severity],
            received_at=alert.received_at,
            description=alert.description,
            amount=cents_to_amount(alert.amount_cents),
            status=alert.status,
            status_label=labels[alert.status],
            acknowledge_due_on=alert.acknowledge_due_on,
            action_due_on=alert.action_due_on,
            deadline_source=alert.deadline_source,
            acknowledged_at=alert.acknowledged_at,
            first_action_at=alert.first_action_at,
            closed_at=alert.closed_at,
            outcome=alert.outcome,
            escalation_level=alert.escalation_level,
            escalation_target=alert.escalation_target,
            related_alert_id=alert.related_alert_id,
            steps=tuple(
                AlertStepView(
                    step.at,
                    staff.get(step.staff_member_id or 0, "Système"),
                    step.from_status,
                    step.to_status,
                    labels[step.to_status],
                    step.note,
                    step.escalation_level,
                    step.escalation_target,
                    step.seq,
                )
                for step in alert.steps
            ),
            actions=tuple(
                AlertActionView(
                    action.id,
                    action.kind,
                    ACTION_LABELS[action.kind],
                    action.at,
                    action.note,
                    action.contact_id,
                    staff.get(action.staff_member_id or 0, "Système"),
                    mediation_view(action.mediation, today) if action.mediation is not None else None,
                    action.seq,
                )
                for action in alert.actions
            ),
            documents=tuple((document.id, document.filename) for document in alert.documents),
            acknowledge_overdue=alert.status is S.NOUVEAU and today > alert.acknowledge_due_on,
            action_overdue=alert.status in (S.NOUVEAU, S.PRIS_EN_COMPTE) and today > alert.action_due_on,
            allowed=TRANSITIONS[alert.status],
        )


# ------------------------------------------------------------------------------------------ helpers


def alert_reference(alert_id: int) -> str:
    """Return the printed reference of an alert, e.g. "AL-000042"."""
    return f"AL-{alert_id:06d}"


def _get(session: Session, alert_id: int) -> Alert:
    alert = session.scalar(
        select(Alert)
        .where(Alert.id == alert_id)
        .options(
            selectinload(Alert.alert_type),
            selectinload(Alert.landlord),
            selectinload(Alert.partner_contact),
            selectinload(Alert.steps),
            selectinload(Alert.actions).selectinload(AlertAction.mediation).selectinload(AlertMediation.participants),
            selectinload(Alert.documents),
        )
    )
    if alert is None:
        raise NotFoundError("Cette alerte n'existe plus.")
    return alert


def _type(session: Session, code: str) -> AlertType:
    alert_type = session.scalar(select(AlertType).where(AlertType.code == code))
    if alert_type is None:
        raise NotFoundError(f"Type d'alerte inconnu : « {code} ».")
    return alert_type


def _label(alert: Alert) -> str:
    return (OUTBOUND_STATUS_LABELS if alert.direction == TO_LANDLORD else STATUS_LABELS)[alert.status]


def _check(alert: Alert, target: AlertStatus) -> None:
    if target not in TRANSITIONS[alert.status]:
        labels = OUTBOUND_STATUS_LABELS if alert.direction == TO_LANDLORD else STATUS_LABELS
        raise ValidationError(
            {
                "status": f"Une alerte « {labels[alert.status].lower()} » ne peut pas passer à "
                f"« {labels[target].lower()} »."
                + (" Une récidive s'enregistre comme une nouvelle alerte liée." if alert.status in CLOSED else "")
            }
        )


def _deadlines(
    session: Session, alert_type: AlertType, landlord_id: int, received_at: datetime
) -> tuple[date, date, str]:
    """The due dates from the landlord's convention cadre in force, else the type's defaults.

    Working days are those of the territory that applies to that landlord (its convention's, else the
    association's).
    """
    received_on = received_at.astimezone().date()
    territory = landlord_territory(session, landlord_id)
    rule = session.execute(
        select(ConventionAlertRule, Contract.id)
        .join(ContractVersion, ContractVersion.id == ConventionAlertRule.version_id)
        .join(Contract, Contract.id == ContractVersion.contract_id)
        .join(ContractKind, ContractKind.id == Contract.kind_id)
        .where(
            ContractKind.code == "convention_cadre",
            Contract.landlord_id == landlord_id,
            Contract.ended_on.is_(None),
            ContractVersion.status == ContractStatus.EN_VIGUEUR,
            ConventionAlertRule.alert_type_id == alert_type.id,
        )
        .order_by(ContractVersion.in_force_on.desc())
        .limit(1)
    ).first()
    if rule is not None:
        found, contract_id = rule
        source = f"Convention cadre {contract_reference(contract_id)}"
        return (
            add_working_days(received_on, found.acknowledge_days, territory=territory),
            add_working_days(received_on, found.action_days, territory=territory),
            source,
        )
    return (
        add_working_days(received_on, alert_type.acknowledge_days, territory=territory),
        add_working_days(received_on, alert_type.action_days, territory=territory),
        DEFAULT_SOURCE,
    )


def _current_dwelling(session: Session, household_id: int) -> int | None:
    return session.scalar(
        select(Occupancy.dwelling_id)
        .where(Occupancy.household_id == household_id, Occupancy.end_date.is_(None))
        .limit(1)
    )


def _address(dwelling: Dwelling | None) -> str:
    if dwelling is None:
        return ""
    place = " ".join(part for part in (dwelling.postcode, dwelling.city) if part)
    return ", ".join(part for part in (dwelling.address, place) if part)


def _coordinator(session: Session, household_id: int) -> StaffMember | None:
    return session.scalar(
        select(StaffMember)
        .join(TeamMembership, TeamMembership.staff_member_id == StaffMember.id)
        .where(
            TeamMembership.household_id == household_id,
            TeamMembership.is_coordinator,
            TeamMembership.end_date.is_(None),
        )
        .limit(1)
    )


def _coordinator_names(session: Session, household_ids: set[int]) -> dict[int, str]:
    """The coordinating referent of each household, in one query ("Prénom NOM")."""
    if not household_ids:
        return {}
    query = (
        select(TeamMembership.household_id, StaffMember.first_name, StaffMember.last_name)
        .join(StaffMember, StaffMember.id == TeamMembership.staff_member_id)
        .where(
            TeamMembership.household_id.in_(household_ids),
            TeamMembership.is_coordinator,
            TeamMembership.end_date.is_(None),
        )
    )
    return {household_id: staff_display_name(first, last) for household_id, first, last in session.execute(query)}


def _suggestions(session: Session, landlord_id: int, type_code: str) -> list[RecipientSuggestion]:
    contacts = session.scalars(
        select(PartnerContact)
        .where(PartnerContact.organisation_id == landlord_id, PartnerContact.active)
        .options(selectinload(PartnerContact.role))
        .order_by(PartnerContact.last_name, PartnerContact.first_name)
    )
    order = ROUTING.get(type_code, ("gestion_locative", "cesf"))
    rank = {code: index for index, code in enumerate(order)}
    suggestions = [
        RecipientSuggestion(
            contact.id,
            staff_display_name(contact.first_name, contact.last_name),
            contact.role.code if contact.role else "",
            contact.role.label if contact.role else "",
            contact.email,
            contact.phone,
        )
        for contact in contacts
    ]
    suggestions.sort(key=lambda item: rank.get(item.role_code, len(order)))
    return suggestions


_OverdueAlert = aliased(Alert)
_OpenAlert = aliased(Alert)


def overdue_counts(session: Session, household_ids: Iterable[int], today: date) -> dict[int, int]:
    """Return, per household, how many of its alerts are overdue on ``today`` (the inbox's rule; none: absent)."""
    ids = list(household_ids)
    if not ids:
        return {}
    query = (
        select(Alert.household_id, func.count())
        .where(Alert.household_id.in_(ids), _overdue_clause(today))
        .group_by(Alert.household_id)
    )
    return {household_id: count for household_id, count in session.execute(query)}


def _overdue_clause(today: date, alert: type[Alert] = Alert):  # type: ignore[no-untyped-def]
    return and_(
        alert.status.in_([S.NOUVEAU, S.PRIS_EN_COMPTE]),
        or_(
            and_(alert.status == S.NOUVEAU, alert.acknowledge_due_on < today),
            alert.action_due_on < today,
        ),
    )


def _filtered(query, data: AlertFilter, today: date, staff_member_id: int | None):  # type: ignore[no-untyped-def]
    if data.status == "open":
        # Open alerts are few: found by status first, then narrowed by the other filters (a landlord's index would
        # otherwise be walked through all its closed alerts).
        query = query.where(Alert.id.in_(select(_OpenAlert.id).where(_OpenAlert.status.in_(list(OPEN)))))
    elif data.status == "closed":
        # "Not open" rather than "in (closed statuses)": an IN would pick the status index and sort the tens of
        # thousands of closed alerts; this lets the newest-first read walk received_at and stop at the limit.
        query = query.where(Alert.status.not_in(list(OPEN)))
    elif data.status is not None:
        if data.status not in {item.value for item in AlertStatus}:
            raise ValidationError({"status": "Statut : choisissez une valeur dans la liste."})
        query = query.where(Alert.status == AlertStatus(data.status))
    if data.type_code:
        query = query.where(
            Alert.alert_type_id == select(AlertType.id).where(AlertType.code == data.type_code).scalar_subquery()
        )
    if data.direction:
        query = query.where(Alert.direction == data.direction)
    if data.landlord_id is not None:
        query = query.where(Alert.landlord_id == data.landlord_id)
    if data.household_id is not None:
        query = query.where(Alert.household_id == data.household_id)
    if data.overdue_only:
        query = query.where(_overdue_clause(today))
    if data.mine:  # a list of households (one index search each), not a correlated test of every alert
        query = query.where(
            Alert.household_id.in_(
                select(TeamMembership.household_id).where(
                    TeamMembership.staff_member_id == (staff_member_id or -1),
                    TeamMembership.end_date.is_(None),
                )
            )
        )
    return query
