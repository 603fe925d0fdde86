"""The consent register (DOMAIN.md §5.4, §8.3).

States: ``demande`` → ``accorde`` (signed form) or ``refuse``; ``accorde`` → ``revoque`` (immediate) or
``expire`` (reached at the expiry date: derived when reading, so never stale). Terminal states are renewed by a
new record. Only an ``accorde``, unexpired consent authorises a disclosure.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from caseworker.formats import format_date
from caseworker.models import (
    AuditAction,
    Consent,
    ConsentCategory,
    ConsentStatus,
    Document,
    Household,
    HouseholdMembership,
    Organisation,
)
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.identity import person_display_name
from caseworker.services.reference import Picklist, optional_lookup
from caseworker.services.settings import CONSENT_VALIDITY_MONTHS, SettingsService
from caseworker.services.validation import PARAGRAPH_MAX, PURPOSE_MAX, SHORT_TEXT_MAX, Problems

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
ADULT_AGE = 18

STATUS_LABELS = {
    ConsentStatus.DEMANDE: "Demandé",
    ConsentStatus.ACCORDE: "Accordé",
    ConsentStatus.REFUSE: "Refusé",
    ConsentStatus.REVOQUE: "Révoqué",
    ConsentStatus.EXPIRE: "Expiré",
}

# Stored transitions. "expire" is reached by the calendar, not by a person.
TRANSITIONS: dict[ConsentStatus, frozenset[ConsentStatus]] = {
    ConsentStatus.DEMANDE: frozenset({ConsentStatus.ACCORDE, ConsentStatus.REFUSE}),
    ConsentStatus.ACCORDE: frozenset({ConsentStatus.REVOQUE}),
    ConsentStatus.REFUSE: frozenset(),
    ConsentStatus.REVOQUE: frozenset(),
    ConsentStatus.EXPIRE: frozenset(),
}


@dataclass(frozen=True)
class ConsentInput:
    """Who agrees to share what with whom, and why."""

    person_id: int
    recipient_id: int
    category_codes: tuple[str, ...]
    purpose: str
    recipient_role_code: str = ""
    covers_after_care: bool = False


@dataclass(frozen=True)
class Attachment:
    """A file to store inside the encrypted database (a scanned form)."""

    filename: str
    content: bytes
    media_type: str = ""


@dataclass(frozen=True)
class ConsentView:
    """A consent as shown in the household file."""

    id: int
    household_id: int
    person_id: int
    person_name: str
    recipient_id: int
    recipient_name: str
    recipient_role_label: str
    categories: tuple[tuple[str, str], ...]
    purpose: str
    status: ConsentStatus
    effective_status: ConsentStatus
    requested_on: date
    decided_on: date | None
    valid_from: date | None
    expires_on: date | None
    revoked_on: date | None
    status_note: str
    covers_after_care: bool
    evidence_document_id: int | None
    evidence_note: str

    @property
    def status_label(self) -> str:
        """Return the French label of the effective status."""
        return STATUS_LABELS[self.effective_status]

    @property
    def category_labels(self) -> str:
        """Return the categories as one line."""
        return ", ".join(label for _code, label in self.categories)

    def authorises(self, recipient_id: int, category_code: str, on: date) -> bool:
        """Return True when this consent allows sharing ``category_code`` with ``recipient_id`` on ``on``."""
        return (
            self.recipient_id == recipient_id
            and any(code == category_code for code, _label in self.categories)
            and effective_status(self.status, self.valid_from, self.expires_on, on) is ConsentStatus.ACCORDE
            and (self.valid_from is None or self.valid_from <= on)
        )


def effective_status(
    status: ConsentStatus, valid_from: date | None, expires_on: date | None, today: date
) -> ConsentStatus:
    """Return the status as of ``today``: a granted consent past its expiry date is expired."""
    if status is ConsentStatus.ACCORDE and expires_on is not None and today > expires_on:
        return ConsentStatus.EXPIRE
    return status


class ConsentService:
    """Records consents and their decisions, and answers "may we share X with Y today?"."""

    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    # recording -------------------------------------------------------------------------------------------

    def request(self, household_id: int, data: ConsentInput, *, requested_on: date) -> ConsentView:
        """Record that consent was asked for (a verbal agreement stays here until the form is signed)."""
        problems = Problems()
        problems.date(
            "requested_on", requested_on, kind=DateKind.EVENT, label="Date de la demande", today=self._ctx.clock.today()
        )
        with self._ctx.transaction() as session:
            consent = self._new(session, household_id, data, problems, on=requested_on)
            consent.status = ConsentStatus.DEMANDE
            consent.requested_on = requested_on
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "consent", consent.id, household_id=household_id)
            return _view(_load(session, consent.id), self._ctx.clock.today())

    def record_granted(
        self,
        household_id: int,
        data: ConsentInput,
        *,
        signed_on: date,
        expires_on: date | None = None,
        evidence_note: str = "",
        evidence: Attachment | None = None,
    ) -> ConsentView:
        """Record a consent signed on ``signed_on`` (asked for and given at the same visit)."""
        problems = Problems()
        with self._ctx.transaction() as session:
            consent = self._new(session, household_id, data, problems, on=signed_on)
            consent.status = ConsentStatus.DEMANDE
            consent.requested_on = signed_on
            self._grant(session, consent, problems, signed_on, expires_on, evidence_note, evidence)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.CREATE,
                "consent",
                consent.id,
                household_id=household_id,
                fields=["status"],
            )
            return _view(_load(session, consent.id), self._ctx.clock.today())

    def record_refused(self, household_id: int, data: ConsentInput, *, refused_on: date, note: str = "") -> ConsentView:
        """Record a refusal (support continues; generators will be blocked with an explanation)."""
        problems = Problems()
        with self._ctx.transaction() as session:
            consent = self._new(session, household_id, data, problems, on=refused_on)
            consent.requested_on = refused_on
            consent.status = ConsentStatus.DEMANDE
            self._decide(consent, ConsentStatus.REFUSE, problems, refused_on, note, "decided_on")
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "consent", consent.id, household_id=household_id)
            return _view(_load(session, consent.id), self._ctx.clock.today())

    def grant(
        self,
        consent_id: int,
        *,
        signed_on: date,
        expires_on: date | None = None,
        evidence_note: str = "",
        evidence: Attachment | None = None,
    ) -> ConsentView:
        """Turn a request into a granted consent once the form is signed."""
        problems = Problems()
        with self._ctx.transaction() as session:
            consent = _get(session, consent_id)
            self._check_transition(consent, ConsentStatus.ACCORDE)
            self._grant(session, consent, problems, signed_on, expires_on, evidence_note, evidence)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "consent",
                consent.id,
                household_id=consent.household_id,
                fields=["status"],
            )
            return _view(_load(session, consent.id), self._ctx.clock.today())

    def refuse(self, consent_id: int, *, refused_on: date, note: str = "") -> ConsentView:
        """Record that the household refused a requested consent."""
        problems = Problems()
        with self._ctx.transaction() as session:
            consent = _get(session, consent_id)
            self._check_transition(consent, ConsentStatus.REFUSE)
            self._decide(consent, ConsentStatus.REFUSE, problems, refused_on, note, "decided_on")
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "consent",
                consent.id,
                household_id=consent.household_id,
                fields=["status"],
            )
            return _view(_load(session, consent.id), self._ctx.clock.today())

    def revoke(self, consent_id: int, *, revoked_on: date, note: str = "") -> ConsentView:
        """Withdraw a granted consent, immediately. Past disclosures stay logged."""
        problems = Problems()
        with self._ctx.transaction() as session:
            consent = _get(session, consent_id)
            today = self._ctx.clock.today()
            current = effective_status(consent.status, consent.valid_from, consent.expires_on, today)
            if current is ConsentStatus.EXPIRE:
                raise TransitionError("Ce consentement a déjà expiré : il n'y a rien à révoquer.")
            self._check_transition(consent, ConsentStatus.REVOQUE)
            self._decide(consent, ConsentStatus.REVOQUE, problems, revoked_on, note, "revoked_on")
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "consent",
                consent.id,
                household_id=consent.household_id,
                fields=["status"],
            )
            return _view(_load(session, consent.id), today)

    # reading ---------------------------------------------------------------------------------------------

    def for_household(self, household_id: int) -> list[ConsentView]:
        """Return the household's consents, newest first."""
        with self._ctx.read() as session:
            return consent_views(session, household_id, self._ctx.clock.today())

    def valid_consent(
        self, household_id: int, recipient_id: int, category_code: str, on: date | None = None
    ) -> ConsentView | None:
        """Return a consent that authorises sharing ``category_code`` with ``recipient_id``, or None."""
        day = on or self._ctx.clock.today()
        for consent in self.for_household(household_id):
            if consent.authorises(recipient_id, category_code, day):
                return consent
        return None

    def evidence(self, consent_id: int) -> Attachment:
        """Return the scanned form (recording that it was viewed)."""
        with self._ctx.transaction() as session:
            consent = _get(session, consent_id)
            if consent.evidence_document_id is None:
                raise NotFoundError("Aucun scan n'est joint à ce consentement.")
            document = session.get(Document, consent.evidence_document_id)
            assert document is not None
            audit.record(
                session,
                self._ctx,
                AuditAction.VIEW,
                "document",
                document.id,
                household_id=consent.household_id,
            )
            return Attachment(document.filename, document.content, document.media_type)

    # internals -------------------------------------------------------------------------------------------

    def _new(self, session: Session, household_id: int, data: ConsentInput, problems: Problems, *, on: date) -> Consent:
        purpose = problems.text(
            "purpose", data.purpose, label="Finalité", max_length=PURPOSE_MAX, multiline=True, required=True
        )
        problems.date("decided_on", on, kind=DateKind.EVENT, label="Date", today=self._ctx.clock.today())
        if session.get(Household, household_id) is None:
            raise NotFoundError(f"Ménage introuvable (n° {household_id}).")
        membership = session.scalar(
            select(HouseholdMembership)
            .options(joinedload(HouseholdMembership.role), joinedload(HouseholdMembership.person))
            .where(
                HouseholdMembership.household_id == household_id,
                HouseholdMembership.person_id == data.person_id,
                HouseholdMembership.end_date.is_(None),
            )
        )
        if membership is None:
            problems.add("person_id", "Choisissez un membre actuel du ménage.")
        else:
            birth_year = membership.person.birth_year
            too_young = birth_year is not None and on.year - birth_year < ADULT_AGE
            if membership.role.is_child or too_young:
                problems.add("person_id", "Le consentement est donné par chaque adulte du ménage, pas par un enfant.")
        if session.get(Organisation, data.recipient_id) is None:
            problems.add("recipient_id", "Choisissez le destinataire (bailleur ou partenaire).")
        if not data.category_codes:
            problems.add("category_codes", "Cochez au moins une catégorie d'informations.")
        categories = []
        for code in dict.fromkeys(data.category_codes):
            category = session.scalar(select(ConsentCategory).where(ConsentCategory.code == code))
            if category is None or not category.active:
                problems.add("category_codes", "Une des catégories cochées n'existe pas ou n'est plus proposée.")
            else:
                categories.append(category)
        role = None
        if data.recipient_role_code:
            try:
                role = optional_lookup(
                    session,
                    Picklist.PARTNER_ROLE,
                    data.recipient_role_code,
                    field="recipient_role_code",
                    label="Rôle du destinataire",
                )
            except ValidationError as exc:
                problems.errors.update(exc.errors)
        problems.raise_if_any()
        consent = Consent(
            household_id=household_id,
            person_id=data.person_id,
            recipient_id=data.recipient_id,
            recipient_role_id=role.id if role else None,
            purpose=purpose,
            covers_after_care=data.covers_after_care,
            categories=categories,
            requested_on=on,
            status=ConsentStatus.DEMANDE,
        )
        session.add(consent)
        return consent

    def _check_transition(self, consent: Consent, target: ConsentStatus) -> None:
        if target not in TRANSITIONS[consent.status]:
            raise TransitionError(
                f"Un consentement « {STATUS_LABELS[consent.status].lower()} » ne peut pas devenir "
                f"« {STATUS_LABELS[target].lower()} ». Pour renouveler, enregistrez un nouveau consentement."
            )

    def _grant(
        self,
        session: Session,
        consent: Consent,
        problems: Problems,
        signed_on: date,
        expires_on: date | None,
        evidence_note: str,
        evidence: Attachment | None,
    ) -> None:
        today = self._ctx.clock.today()
        problems.date("signed_on", signed_on, kind=DateKind.EVENT, label="Date de signature", today=today)
        note = problems.text("evidence_note", evidence_note, label="Preuve", max_length=SHORT_TEXT_MAX)
        if signed_on < consent.requested_on:
            problems.add("signed_on", "La signature ne peut pas précéder la demande.")
        months = self._settings.get(CONSENT_VALIDITY_MONTHS)
        if "signed_on" in problems.errors:  # no expiry counts from an absurd date (it may leave the calendar)
            problems.raise_if_any()
        longest = signed_on + relativedelta(months=months)
        expiry = expires_on or longest
        problems.date("expires_on", expiry, kind=DateKind.VALIDITY, label="Date d'expiration", today=today)
        if expiry <= signed_on:
            problems.add("expires_on", "La date d'expiration doit suivre la date de signature.")
        elif expiry > longest:
            problems.add(
                "expires_on",
                f"Un consentement vaut au plus {months} mois (jusqu'au {format_date(longest)}) ; il se renouvelle "
                "par un nouvel enregistrement.",
            )
        if evidence is None and not note:
            problems.add(
                "evidence_note",
                "Un accord se prouve par le formulaire signé : joignez le scan ou indiquez où l'original est "
                "classé. Un accord oral reste « demandé ».",
            )
        document = None
        if evidence is not None:
            document = _document(problems, consent.household_id, evidence, self._ctx.actor.staff_member_id)
        problems.raise_if_any()
        if document is not None:
            session.add(document)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.CREATE,
                "document",
                document.id,
                household_id=consent.household_id,
            )
            consent.evidence_document_id = document.id
        consent.status = ConsentStatus.ACCORDE
        consent.decided_on = signed_on
        consent.valid_from = signed_on
        consent.expires_on = expiry
        consent.evidence_note = note

    def _decide(
        self,
        consent: Consent,
        target: ConsentStatus,
        problems: Problems,
        on: date,
        note: str,
        date_field: str,
    ) -> None:
        problems.date(date_field, on, kind=DateKind.EVENT, label="Date", today=self._ctx.clock.today())
        reference = consent.decided_on if target is ConsentStatus.REVOQUE else consent.requested_on
        if reference is not None and on < reference:
            problems.add(date_field, f"La date ne peut pas précéder le {format_date(reference)}.")
        cleaned = problems.text("status_note", note, label="Remarque", max_length=PARAGRAPH_MAX, multiline=True)
        problems.raise_if_any()
        consent.status = target
        consent.status_note = cleaned
        setattr(consent, date_field, on)


def _document(problems: Problems, household_id: int, attachment: Attachment, staff_id: int | None) -> Document | None:
    name, media_type = problems.file("evidence", attachment.filename, attachment.media_type, default_type="")
    if not attachment.content:
        problems.add("evidence", "Le fichier joint est vide.")
    elif len(attachment.content) > MAX_ATTACHMENT_BYTES:
        problems.add("evidence", "Le fichier joint dépasse 20 Mo : numérisez-le en résolution plus faible.")
    if problems:
        return None
    media_type = media_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Document(
        household_id=household_id,
        filename=name,
        media_type=media_type,
        size=len(attachment.content),
        sha256=hashlib.sha256(attachment.content).hexdigest(),
        content=attachment.content,
        created_by_id=staff_id,
    )


def _get(session: Session, consent_id: int) -> Consent:
    consent = session.get(Consent, consent_id)
    if consent is None:
        raise NotFoundError("Ce consentement est introuvable.")
    return consent


def _query() -> Select[Consent]:
    return select(Consent).options(
        joinedload(Consent.person),
        joinedload(Consent.recipient),
        joinedload(Consent.recipient_role),
        selectinload(Consent.categories),
    )


def _load(session: Session, consent_id: int) -> Consent:
    consent = session.scalar(_query().where(Consent.id == consent_id))
    assert consent is not None
    return consent


def consent_views(session: Session, household_id: int, today: date) -> list[ConsentView]:
    """Return a household's consents, newest first (used by the household file)."""
    query = (
        _query().where(Consent.household_id == household_id).order_by(Consent.requested_on.desc(), Consent.id.desc())
    )
    return [_view(consent, today) for consent in session.scalars(query)]


def _view(consent: Consent, today: date) -> ConsentView:
    person = consent.person
    return ConsentView(
        id=consent.id,
        household_id=consent.household_id,
        person_id=consent.person_id,
        person_name=person_display_name(person.first_name, person.last_name, person.pseudonym),
        recipient_id=consent.recipient_id,
        recipient_name=consent.recipient.name,
        recipient_role_label=consent.recipient_role.label if consent.recipient_role else "",
        categories=tuple(
            (category.code, category.label) for category in sorted(consent.categories, key=lambda c: c.sort_order)
        ),
        purpose=consent.purpose,
        status=consent.status,
        effective_status=effective_status(consent.status, consent.valid_from, consent.expires_on, today),
        requested_on=consent.requested_on,
        decided_on=consent.decided_on,
        valid_from=consent.valid_from,
        expires_on=consent.expires_on,
        revoked_on=consent.revoked_on,
        status_note=consent.status_note,
        covers_after_care=consent.covers_after_care,
        evidence_document_id=consent.evidence_document_id,
        evidence_note=consent.evidence_note,
    )
