"""The consent register (docs/domain.md §3.4, §7.3): recording consents and their decisions.

States: ``demande`` → ``accorde`` (signed form) or ``refuse``; ``accorde`` → ``revoque`` (immediate) or
``expire`` (at the expiry date or the end of support: derived when reading, so never stale). Terminal states are
renewed by a new record. Whether a consent holds is decided by ``rules.py`` only (the newest decision for
a person, recipient and category wins; older records are history).

A signature is proven by the signed form: its scan, or where the original is filed (a place from the list and
a reference). An agreement given orally, verbally or by phone is no proof: the consent stays ``demande``.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload, object_session, selectinload

from caseworker.domain import AuditAction, ConsentStatus
from caseworker.domain.consents import STATUS_LABELS
from caseworker.formats import format_date
from caseworker.models import Consent, ConsentCategory, Document, Household, HouseholdMembership, Organisation
from caseworker.services import audit
from caseworker.services.access_policy import require_consent_reader
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.documents import Attachment, check_attachment, new_document
from caseworker.services.errors import NotFoundError, TransitionError, ValidationError
from caseworker.services.households.adults import ADULT_RULE, is_adult
from caseworker.services.identity import person_display_name
from caseworker.services.reference import Picklist, lookup, optional_lookup
from caseworker.services.settings import CONSENT_VALIDITY_MONTHS, SettingsService
from caseworker.services.sharing.rules import (
    HouseholdConsents,
    RecordState,
    consent_facts,
    household_consents,
    legacy_note_proves_nothing,
)
from caseworker.services.validation import FILING_REFERENCE_MAX, PARAGRAPH_MAX, PURPOSE_MAX, Problems

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
NOT_EVIDENCE_MESSAGE = (
    "Un accord oral, verbal ou par téléphone ne prouve pas le consentement : il reste « demandé » jusqu'à la "
    "signature du formulaire. Joignez le scan du formulaire signé ou indiquez où l'original est classé."
)

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
class FilingReference:
    """Where the signed original is kept: a place from the list (``evidence_place``) and its reference (cote)."""

    place_code: str
    reference: str


@dataclass(frozen=True)
class ConsentView:
    """A consent record as shown in the household's register."""

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
    evidence_note: str  # free text of records made before revision 0008 (legacy)
    evidence_place_code: str = ""
    evidence_place_label: str = ""
    evidence_reference: str = ""
    ends_on: date | None = None  # a signature's last valid day: its expiry, or the day before support ended
    support_ended_on: date | None = None  # set when the end of support (not the expiry date) ends it
    superseded_codes: tuple[str, ...] = ()  # categories a newer decision now decides
    unproven: bool = False  # noted "accordé" before revision 0008 on an oral agreement: still a request

    @property
    def status_label(self) -> str:
        """Return the French label of the effective status."""
        return RecordState(self.effective_status, self.ends_on, self.support_ended_on, self.unproven).label

    @property
    def superseded(self) -> bool:
        """True when newer decisions decide every category of this record: it is history."""
        return bool(self.categories) and len(self.superseded_codes) == len(self.categories)

    @property
    def register_label(self) -> str:
        """Return the status as the register shows it, older records marked as history."""
        if self.superseded:
            return "Remplacé (historique)"
        if self.superseded_codes:
            return f"{self.status_label} (en partie remplacé)"
        return self.status_label

    @property
    def category_labels(self) -> str:
        """Return the categories as one line."""
        return ", ".join(label for _code, label in self.categories)

    @property
    def filing_label(self) -> str:
        """Return where the signed original is kept ("" when only a scan, or nothing, proves it)."""
        if self.evidence_place_label:
            return f"{self.evidence_place_label} — {self.evidence_reference}"
        if self.evidence_note:
            return f"Mention ancienne : {self.evidence_note}"
        return ""


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
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            consent = self._new(session, household_id, data, problems, on=requested_on)
            consent.status = ConsentStatus.DEMANDE
            consent.requested_on = requested_on
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "consent", consent.id, household_id=household_id)
            return _view_of(session, consent.id, self._ctx.clock.today())

    def record_granted(
        self,
        household_id: int,
        data: ConsentInput,
        *,
        signed_on: date,
        expires_on: date | None = None,
        filing: FilingReference | None = None,
        evidence: Attachment | None = None,
    ) -> ConsentView:
        """Record a consent signed on ``signed_on`` (asked for and given at the same visit)."""
        problems = Problems()
        with self._ctx.transaction() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            consent = self._new(session, household_id, data, problems, on=signed_on)
            consent.status = ConsentStatus.DEMANDE
            consent.requested_on = signed_on
            self._grant(session, consent, problems, signed_on, expires_on, filing, evidence)
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
            return _view_of(session, consent.id, self._ctx.clock.today())

    def record_refused(self, household_id: int, data: ConsentInput, *, refused_on: date, note: str = "") -> ConsentView:
        """Record a refusal (support continues; generators will be blocked with an explanation)."""
        problems = Problems()
        with self._ctx.transaction() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            consent = self._new(session, household_id, data, problems, on=refused_on)
            consent.requested_on = refused_on
            consent.status = ConsentStatus.DEMANDE
            self._decide(consent, ConsentStatus.REFUSE, problems, refused_on, note, "decided_on")
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "consent", consent.id, household_id=household_id)
            return _view_of(session, consent.id, self._ctx.clock.today())

    def grant(
        self,
        consent_id: int,
        *,
        signed_on: date,
        expires_on: date | None = None,
        filing: FilingReference | None = None,
        evidence: Attachment | None = None,
    ) -> ConsentView:
        """Turn a request into a granted consent once the form is signed."""
        problems = Problems()
        with self._ctx.transaction() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            consent = _get(session, consent_id)
            self._check_transition(consent, ConsentStatus.ACCORDE)
            self._grant(session, consent, problems, signed_on, expires_on, filing, evidence)
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
            return _view_of(session, consent.id, self._ctx.clock.today())

    def refuse(self, consent_id: int, *, refused_on: date, note: str = "") -> ConsentView:
        """Record that the household refused a requested consent."""
        problems = Problems()
        with self._ctx.transaction() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
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
            return _view_of(session, consent.id, self._ctx.clock.today())

    def revoke(self, consent_id: int, *, revoked_on: date, note: str = "") -> ConsentView:
        """Withdraw a granted consent, immediately. Past disclosures stay logged."""
        problems = Problems()
        with self._ctx.transaction() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            consent = _get(session, consent_id)
            today = self._ctx.clock.today()
            rules = household_consents(session, consent.household_id)
            record = consent_facts(consent)
            if rules.state(record, today).status is ConsentStatus.EXPIRE:
                raise TransitionError("Ce consentement a déjà expiré : il n'y a rien à révoquer.")
            self._check_transition(consent, ConsentStatus.REVOQUE)
            if rules.superseded(record, today) == record.categories:
                raise TransitionError(
                    "Ce consentement a été remplacé par une décision plus récente : c'est elle qui dit ce qui est "
                    "partagé. Retirez le consentement en vigueur (le plus récent)."
                )
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
            return _view_of(session, consent.id, today)

    # reading ---------------------------------------------------------------------------------------------

    def for_household(self, household_id: int) -> list[ConsentView]:
        """Return the household's consents, newest first."""
        with self._ctx.read() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            return consent_views(session, household_id, self._ctx.clock.today())

    def valid_consent(
        self, household_id: int, recipient_id: int, category_code: str, on: date | None = None
    ) -> ConsentView | None:
        """Return a consent that authorises sharing ``category_code`` with ``recipient_id``, or None."""
        day = on or self._ctx.clock.today()
        with self._ctx.read() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            rules = household_consents(session, household_id)
            for person_id in sorted({record.person_id for record in rules.records}):
                found = rules.authorising(person_id, recipient_id, category_code, day, any_role=True)
                if found is not None:
                    return _view_of(session, found.id, self._ctx.clock.today())
            return None

    def evidence(self, consent_id: int) -> Attachment:
        """Return the scanned form (recording that it was viewed)."""
        with self._ctx.transaction() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            consent = _get(session, consent_id)
            if consent.evidence_document_id is None:
                raise NotFoundError("Aucun scan n'est joint à ce consentement.")
            document = session.get(Document, consent.evidence_document_id)
            assert document is not None
            return audit.read_document(session, self._ctx, document, household_id=consent.household_id)

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
        elif not is_adult(child_role=membership.role.is_child, birth_year=membership.person.birth_year, on=on):
            problems.add(
                "person_id",
                f"Le consentement est donné par chaque adulte du ménage ({ADULT_RULE}), pas par un enfant.",
            )
        if session.get(Organisation, data.recipient_id) is None:
            problems.add("recipient_id", "Choisissez le destinataire (bailleur ou partenaire).")
        categories = checked_categories(session, data.category_codes, problems)
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
        # A consent noted "accordé" of old on an oral agreement is still a request: the signed form completes it.
        current = ConsentStatus.DEMANDE if consent_facts(consent).unproven else consent.status
        if target not in TRANSITIONS[current]:
            raise TransitionError(
                f"Un consentement « {STATUS_LABELS[current].lower()} » ne peut pas devenir "
                f"« {STATUS_LABELS[target].lower()} ». Pour renouveler, enregistrez un nouveau consentement."
            )

    def _grant(
        self,
        session: Session,
        consent: Consent,
        problems: Problems,
        signed_on: date,
        expires_on: date | None,
        filing: FilingReference | None,
        evidence: Attachment | None,
    ) -> None:
        today = self._ctx.clock.today()
        problems.date("signed_on", signed_on, kind=DateKind.EVENT, label="Date de signature", today=today)
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
        place_id, reference = _filing(session, problems, filing, has_scan=evidence is not None)
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
        consent.decision_seq = _next_decision(session, consent.household_id)
        consent.status = ConsentStatus.ACCORDE
        consent.decided_on = signed_on
        consent.valid_from = signed_on
        consent.expires_on = expiry
        consent.evidence_place_id = place_id
        consent.evidence_reference = reference

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
        session = object_session(consent)
        assert session is not None
        consent.decision_seq = _next_decision(session, consent.household_id)
        consent.status = target
        consent.status_note = cleaned
        setattr(consent, date_field, on)


def checked_categories(session: Session, codes: tuple[str, ...], problems: Problems) -> list[ConsentCategory]:
    """Return the categories ticked (each once), or say in French why they cannot be (a consent, a legal basis)."""
    if not codes:
        problems.add("category_codes", "Cochez au moins une catégorie d'informations.")
    found = []
    for code in dict.fromkeys(codes):
        category = session.scalar(select(ConsentCategory).where(ConsentCategory.code == code))
        if category is None or not category.active:
            problems.add("category_codes", "Une des catégories cochées n'existe pas ou n'est plus proposée.")
        else:
            found.append(category)
    return found


def _next_decision(session: Session, household_id: int) -> int:
    """Number a decision after every one the household already has (same-day decisions: the last one wins)."""
    latest = session.scalar(select(func.max(Consent.decision_seq)).where(Consent.household_id == household_id))
    return (latest or 0) + 1


def _filing(
    session: Session, problems: Problems, filing: FilingReference | None, *, has_scan: bool
) -> tuple[int | None, str]:
    """Check where the signed original is kept; return the place's id and the reference (cote)."""
    place_code = filing.place_code if filing else ""
    reference = problems.text(
        "evidence_reference", filing.reference if filing else "", label="Cote", max_length=FILING_REFERENCE_MAX
    )
    if says_not_signed(reference):
        problems.add("evidence_reference", NOT_EVIDENCE_MESSAGE)
        return None, reference
    if not place_code and not reference:
        if not has_scan:
            problems.add(
                "evidence_place",
                "Un accord se prouve par le formulaire signé : joignez le scan, ou indiquez où l'original est "
                "classé et sa cote. Un accord oral reste « demandé ».",
            )
        return None, ""
    place = None
    try:
        place = lookup(session, Picklist.EVIDENCE_PLACE, place_code, field="evidence_place", label="Lieu de classement")
    except ValidationError as exc:
        problems.errors.update(exc.errors)
    if not reference:
        problems.add(
            "evidence_reference",
            "Cote : indiquez sous quelle référence l'original signé est classé (n° de dossier, classeur…).",
        )
    return (place.id if place is not None else None), reference


def says_not_signed(text: str) -> bool:
    """Tell whether a text says the agreement was oral, verbal, by phone or not signed."""
    return legacy_note_proves_nothing(text)


def _document(problems: Problems, household_id: int, attachment: Attachment, staff_id: int | None) -> Document | None:
    checked = check_attachment(
        problems,
        "evidence",
        attachment,
        max_bytes=MAX_ATTACHMENT_BYTES,
        empty_message="Le fichier joint est vide.",
        too_large_message="Le fichier joint dépasse 20 Mo : numérisez-le en résolution plus faible.",
    )
    if problems:
        return None
    media_type = checked.media_type or mimetypes.guess_type(checked.filename)[0] or "application/octet-stream"
    return new_document(
        Attachment(checked.filename, checked.content, media_type), household_id=household_id, created_by_id=staff_id
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
        joinedload(Consent.evidence_place),
        selectinload(Consent.categories),
    )


def _view_of(session: Session, consent_id: int, today: date) -> ConsentView:
    consent = session.scalar(_query().where(Consent.id == consent_id))
    assert consent is not None
    return _view(consent, household_consents(session, consent.household_id), today)


def consent_views(session: Session, household_id: int, today: date) -> list[ConsentView]:
    """Return a household's consents, newest first (used by the household file)."""
    query = (
        _query().where(Consent.household_id == household_id).order_by(Consent.requested_on.desc(), Consent.id.desc())
    )
    rules = household_consents(session, household_id)
    return [_view(consent, rules, today) for consent in session.scalars(query)]


def _view(consent: Consent, rules: HouseholdConsents, today: date) -> ConsentView:
    person = consent.person
    record = consent_facts(consent)
    state = rules.state(record, today)
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
        effective_status=state.status,
        requested_on=consent.requested_on,
        decided_on=consent.decided_on,
        valid_from=consent.valid_from,
        expires_on=consent.expires_on,
        revoked_on=consent.revoked_on,
        status_note=consent.status_note,
        covers_after_care=consent.covers_after_care,
        evidence_document_id=consent.evidence_document_id,
        evidence_note=consent.evidence_note,
        evidence_place_code=consent.evidence_place.code if consent.evidence_place else "",
        evidence_place_label=consent.evidence_place.label if consent.evidence_place else "",
        evidence_reference=consent.evidence_reference,
        ends_on=state.last_day,
        support_ended_on=state.support_ended_on,
        superseded_codes=tuple(sorted(rules.superseded(record, today))),
        unproven=state.unproven,
    )
