"""What the association writes to a landlord about an alert: the acknowledgement, and the alert to the landlord.

An alert to the landlord (a technical problem) is sent as a letter (PDF) or an e-mail (text or ``.eml``) addressed
to the landlord's contact chosen by role; it names the household and the dwelling, so each adult's consent to share
"alertes" and "identité" with that landlord is required (docs/domain.md §7.2, §7.4), and sending it writes the
disclosure log. The acknowledgement sent back to a landlord names the referent and nothing else (C0): no consent is
needed, but once sent it is written to the disclosure log too, with the legal basis "C0".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain.alerts import TO_ASSOCIATION, TO_LANDLORD
from caseworker.domain.consents import LEGAL_BASIS_C0
from caseworker.formats import format_date
from caseworker.models import Alert, Dwelling, Organisation, PartnerContact, StaffMember
from caseworker.reports.document_model import Audience, GeneratedDocument, Letterhead, Section
from caseworker.reports.generated_pdf import GeneratedPdf
from caseworker.services.access_policy import require_consent_reader
from caseworker.services.alerts.after_sales import after_sales_on
from caseworker.services.alerts.records import alert_reference, dwelling_address, load_alert, local_today
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ValidationError
from caseworker.services.households import current_adults
from caseworker.services.households.queries import coordinator
from caseworker.services.identity import addressed_as, addressee, email_greeting, printed_name, staff_display_name
from caseworker.services.letterhead import LetterheadService
from caseworker.services.sharing import (
    ConsentMissingError,
    DisclosureEntry,
    authorising_consents,
    consent_gaps,
    legal_grounds,
    write_disclosure,
)

LETTER_CATEGORIES = ("identite", "alertes")
LETTER_DOCUMENT = "Alerte au bailleur"
# What the acknowledgement names (C0): which alert, and who the referent is.
ACKNOWLEDGEMENT_FIELDS = ("reference_alerte", "type_alerte", "date_reception", "referent_coordinateur", "telephone")


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


class AlertCorrespondence:
    """The writing side of :class:`.lifecycle.AlertService`: documents for the landlord and their disclosure log.

    A base of the service (it shares the service's context and letterhead), so that callers keep one
    ``services.alerts`` to ask.
    """

    _ctx: ServiceContext
    _letterhead: LetterheadService

    def acknowledgement_email(self, alert_id: int) -> EmailDraft:
        """The reply to a landlord's alert: taken into account, who the referent is — nothing else (C0)."""
        with self._ctx.read() as session:
            alert = load_alert(session, alert_id)
            if alert.direction != TO_ASSOCIATION:
                raise ValidationError({"direction": "L'accusé de réception répond à une alerte reçue d'un bailleur."})
            own = _own_organisation(session)
            referent_member = coordinator(session, alert.household_id)
            day = alert.received_at.astimezone().date()
            after_sales = after_sales_on(session, [(alert.household_id, day)]).get((alert.household_id, day))
            contact = alert.partner_contact
            greeting = email_greeting(contact.civility, contact.last_name) if contact else "Bonjour,"
            referent = "Le référent coordinateur vous contactera prochainement."
            if after_sales is not None:  # the after-sales line: who follows the household now (C0: a name, a phone)
                member = session.get(StaffMember, after_sales.referent_id)
                phone = (member.phone if member else "") or (own.phone if own else "")
                referent = f"Le suivi du ménage est assuré par {after_sales.referent_name}" + (
                    f", joignable au {phone}." if phone else "."
                )
            elif referent_member is not None:
                name = staff_display_name(referent_member.first_name, referent_member.last_name)
                phone = referent_member.phone or (own.phone if own else "")
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

        today = local_today(self._ctx)
        with self._ctx.read() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            alert = load_alert(session, alert_id)
            if alert.direction != TO_LANDLORD:
                raise ValidationError({"direction": "Seule une alerte adressée au bailleur lui est envoyée."})
            contact = session.get(PartnerContact, contact_id) if contact_id is not None else None
            if contact is not None and contact.organisation_id != alert.landlord_id:
                raise ValidationError({"contact_id": "Ce contact n'appartient pas à ce bailleur."})
            missing = consent_gaps(session, alert.household_id, alert.landlord_id, LETTER_CATEGORIES, contact_id, today)
            if missing:
                raise ConsentMissingError(alert.landlord.name, missing, document=LETTER_DOCUMENT)
            own = _own_organisation(session)
            facts = _letter_facts(session, alert, today)
            pdf = render_pdf(_landlord_letter(alert, contact, facts, self._letterhead.letterhead(session), today))
            email = _landlord_email(alert, contact, facts, own)
            sender = own.email if own and own.email else (own.name if own else "")
            return OutgoingAlert(
                alert.id,
                contact_id,
                GeneratedPdf(pdf, f"Alerte {alert_reference(alert.id)}.pdf", frozen=False),
                email,
                sender,
                hashlib.sha256(pdf).hexdigest(),
            )

    def record_sent(self, outgoing: OutgoingAlert, *, channel: str) -> None:
        """Write the disclosure (consents checked again) once the letter or e-mail has left."""
        if channel not in {"courrier", "fichier", "courriel"}:
            raise ValidationError({"channel": "Indiquez comment l'alerte a été transmise."})
        today = local_today(self._ctx)
        with self._ctx.transaction() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            alert = load_alert(session, outgoing.alert_id)
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
            grounds = legal_grounds(
                session, alert.household_id, alert.landlord_id, LETTER_CATEGORIES, outgoing.contact_id, today
            )
            write_disclosure(session, self._ctx, entry, consents=consents, legal_basis=grounds)

    def record_acknowledgement_sent(self, alert_id: int, email: EmailDraft) -> None:
        """Write the acknowledgement to the disclosure log once it has left (C0: no consent needed)."""
        with self._ctx.transaction() as session:
            alert = load_alert(session, alert_id)
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


@dataclass(frozen=True)
class _LetterFacts:
    """What the letter and the e-mail to the landlord both say: the dwelling, the occupants, the referent."""

    address: str
    lines: tuple[str, ...]  # "Logement : …", "Occupant(s) : …" ("" when unknown)
    referent: str  # "Votre interlocuteur : …" ("" without a coordinating referent)


def _own_organisation(session: Session) -> Organisation | None:
    return session.scalar(select(Organisation).where(Organisation.is_own).limit(1))


def _letter_facts(session: Session, alert: Alert, today: date) -> _LetterFacts:
    names = [printed_name(person) for person, _role in current_adults(session, alert.household_id, today)]
    dwelling = session.get(Dwelling, alert.dwelling_id) if alert.dwelling_id else None
    address = dwelling_address(dwelling)
    referent_member: StaffMember | None = coordinator(session, alert.household_id)
    lines = (f"Logement : {address}" if address else "", f"Occupant(s) : {', '.join(names)}" if names else "")
    referent = (
        f"Votre interlocuteur : {staff_display_name(referent_member.first_name, referent_member.last_name)}"
        + (f" ({referent_member.phone})" if referent_member.phone else "")
        + "."
        if referent_member
        else ""
    )
    return _LetterFacts(address, lines, referent)


def _landlord_letter(
    alert: Alert, contact: PartnerContact | None, facts: _LetterFacts, letterhead: Letterhead, today: date
) -> GeneratedDocument:
    """Return the letter to the landlord: the alert, the dwelling and occupants, the referent, the reply expected."""
    recipient = [alert.landlord.name]
    if contact is not None:
        role = f" ({contact.role.label})" if contact.role else ""
        recipient.insert(
            0, f"À l'attention de {addressee(contact.civility, contact.first_name, contact.last_name)}{role}"
        )
    recipient.extend(line for line in alert.landlord.address.splitlines() if line.strip())
    civility = contact.civility if contact is not None else None
    return GeneratedDocument(
        kind_label="Alerte au bailleur",
        title=f"{alert.alert_type.label} — {facts.address or alert.landlord.name}",
        reference=alert_reference(alert.id),
        issued_on=today,
        letterhead=letterhead,
        audience=Audience.LANDLORD,
        issued_label="Établie le",
        recipient_lines=tuple(recipient),
        nature_notice=(
            "Information transmise au bailleur avec l'accord écrit des occupants. Elle ne concerne que le logement."
        ),
        sections=(
            Section("", paragraphs=(f"{addressed_as(civility)},",), numbered=False),
            Section(
                "Objet",
                paragraphs=(f"Signalement : {alert.alert_type.label.lower()}.",),
                items=tuple(x for x in facts.lines if x),
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
                    *((facts.referent,) if facts.referent else ()),
                    f"Nous vous prions d'agréer, {addressed_as(civility)}, nos salutations distinguées.",
                ),
                numbered=False,
            ),
        ),
        keywords=("alerte", alert_reference(alert.id)),
    )


def _landlord_email(
    alert: Alert, contact: PartnerContact | None, facts: _LetterFacts, own: Organisation | None
) -> EmailDraft:
    """Return the e-mail to the landlord: what the letter says, as plain text."""
    body = "\n\n".join(
        part
        for part in (
            email_greeting(contact.civility, contact.last_name) if contact else "Bonjour,",
            f"Nous vous signalons : {alert.alert_type.label.lower()}.",
            "\n".join(x for x in facts.lines if x),
            alert.description,
            f"Merci de nous indiquer la suite donnée (référence {alert_reference(alert.id)}).",
            facts.referent,
            "Bien cordialement,",
            own.name if own else "",
        )
        if part
    )
    return EmailDraft(
        to=contact.email if contact and contact.email else alert.landlord.email,
        subject=f"{alert.alert_type.label} — {facts.address or alert.landlord.name} ({alert_reference(alert.id)})",
        body=body,
    )
