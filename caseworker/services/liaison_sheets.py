"""The fiche navette to a landlord, the household's own summary, and the disclosure log (DOMAIN.md §8.2–§8.4).

A fiche navette carries C0 information (the measure, whether support runs — in neutral words —, who to call,
meeting dates) and, for each chosen C1 category, what that category covers. Every current adult of the
household must have given a valid written consent for that landlord and that category, or the sheet is refused
with a message naming who has not agreed to what. Producing the sheet is not yet a disclosure; printing it or
saving it for the landlord is, and is written to the append-only disclosure log after the consents are checked
once more (one may have been revoked meanwhile).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseworker.errors import KnownError
from caseworker.formats import cents_to_amount, format_date
from caseworker.models import (
    AuditAction,
    Consent,
    ConsentCategory,
    ConsentStatus,
    Contract,
    ContractStatus,
    ContractVersion,
    Disclosure,
    Episode,
    EpisodeStatus,
    Household,
    Objective,
    ObjectiveStatus,
    Occupancy,
    Organisation,
    PartnerContact,
    StaffMember,
    TeamMembership,
)
from caseworker.reports.document_model import Letterhead
from caseworker.reports.household_summary import (
    DisclosureFacts,
    HouseholdSummaryFacts,
    ReferentFacts,
    SharingFacts,
    build_household_summary,
)
from caseworker.reports.landlord_facing import (
    ConsentUsed,
    DebtFacts,
    HousingFacts,
    LiaisonSheetFacts,
    ObjectiveFacts,
    RentFacts,
    ReviewFacts,
    SupportFacts,
    build_liaison_sheet,
)
from caseworker.services import audit
from caseworker.services.consents import STATUS_LABELS as CONSENT_STATUS_LABELS
from caseworker.services.consents import effective_status
from caseworker.services.context import ServiceContext
from caseworker.services.contracts import (
    HOUSING_SENSITIVITY,
    OWNER_LABELS,
    GeneratedPdf,
    contract_reference,
    current_adults,
    printed_name,
)
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.identity import household_reference, staff_display_name
from caseworker.services.letterhead import LetterheadService
from caseworker.services.occupancy import PARTY_LABELS as LEASE_HOLDER_LABELS
from caseworker.services.reference import Choice
from caseworker.services.validation import MESSAGE_MAX, Problems

IDENTITY = "identite"
HOUSING = "situation_logement"
RENT = "loyer_dette"
OBJECTIVES = "objectifs_logement"
ALERTS = "alertes"
# What each category puts on the sheet (names of fields: the disclosure log records these, never values).
CATEGORY_FIELDS = {
    IDENTITY: ("noms_des_adultes",),
    HOUSING: ("statut_occupation", "date_debut", "adresse", "typologie", "titulaire_bail"),
    RENT: ("loyer", "charges", "dette_locative", "plan_apurement"),
    OBJECTIVES: ("objectifs_logement",),
    ALERTS: ("alertes_en_cours",),
}
C0_FIELDS = ("dispositif", "etat_accompagnement", "referent_coordinateur", "rendez_vous", "contrat_en_vigueur")
CHANNEL_LABELS = {
    "impression": "Imprimée",
    "fichier": "Enregistrée (fichier)",
    "remise": "Remise en main propre",
    "courrier": "Courrier",
    "courriel": "Courriel",
}
DOCUMENT_LABELS = {
    "fiche_navette": "Fiche navette",
    "contrat_objectifs": "Contrat d'objectifs",
    "protocole_maintien": "Protocole de maintien",
    "attestation_accord": "Attestation d'accord de principe",
    "convention_cadre": "Convention cadre",
    "engagement_minimal": "Contrat d'engagement",
}
# Neutral wording only (DOMAIN.md §8.1): a suspension never says why.
SUPPORT_STATE_LABELS = {
    EpisodeStatus.ACTIF: "en cours",
    EpisodeStatus.SUSPENDU: "suspendu temporairement",
    EpisodeStatus.ORIENTATION_RECUE: "en préparation",
    EpisodeStatus.EN_ATTENTE: "en préparation",
    EpisodeStatus.ACCORD_DE_PRINCIPE: "en préparation",
}
MEETINGS_AHEAD_DAYS = 120


@dataclass(frozen=True)
class LiaisonSheetRequest:
    """What the worker asks for: a landlord, the categories to include, to whom and how it goes."""

    landlord_id: int
    category_codes: tuple[str, ...]
    recipient_contact_id: int | None = None
    message: str = ""
    copy_siao: bool = False


@dataclass(frozen=True)
class MissingConsent:
    """One adult who has not (or no longer) agreed to share one category with the landlord."""

    person_name: str
    category_code: str
    category_label: str
    reason: str


class ConsentMissingError(KnownError):
    """The sheet would share something a household member has not agreed to share with this landlord."""

    exit_code = 13

    def __init__(self, landlord_name: str, missing: Sequence[MissingConsent]) -> None:
        self.missing = tuple(missing)
        lines = [f"La fiche navette pour {landlord_name} ne peut pas être produite : il manque un consentement."]
        lines += [f"• {item.person_name} — « {item.category_label} » : {item.reason}." for item in missing]
        lines.append("Enregistrez le consentement signé (onglet Consentements) ou retirez cette catégorie de la fiche.")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class RecipientOption:
    """A landlord's contact to address the sheet to (routing by role: gestion locative, CESF…)."""

    id: int
    name: str
    role_code: str
    role_label: str
    is_referent: bool


@dataclass(frozen=True)
class LandlordOption:
    """A landlord the household deals with, and what it has been allowed to receive."""

    id: int
    name: str
    is_current: bool  # landlord of the current dwelling
    consented: tuple[str, ...]  # category codes every adult agreed to share with it
    contacts: tuple[RecipientOption, ...]


@dataclass(frozen=True)
class LiaisonSheetOptions:
    """What the fiche navette dialog offers."""

    landlords: tuple[LandlordOption, ...]
    categories: tuple[Choice, ...]


@dataclass(frozen=True)
class PreparedSheet:
    """A fiche navette ready to preview; ``record_sent`` takes it back once it is printed or saved."""

    pdf: GeneratedPdf
    reference: str
    household_id: int
    request: LiaisonSheetRequest
    categories: tuple[str, ...]
    sha256: str


@dataclass(frozen=True)
class DisclosureView:
    """One entry of the disclosure log."""

    id: int
    at: datetime
    staff_name: str
    recipient_name: str
    recipient_contact: str
    channel: str
    channel_label: str
    document_kind: str
    document_label: str
    document_reference: str
    categories: tuple[str, ...]  # labels
    legal_basis: str
    copy_siao: bool
    consent_ids: tuple[int, ...]


class LiaisonSheetService:
    """Produces fiches navette and household summaries; keeps the disclosure log."""

    def __init__(self, ctx: ServiceContext, letterhead: LetterheadService) -> None:
        self._ctx = ctx
        self._letterhead = letterhead

    def options(self, household_id: int) -> LiaisonSheetOptions:
        """Return the landlords the household deals with and the shareable categories."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            _household(session, household_id)
            # Only the categories the sheet knows how to fill (a category added in Paramètres has no block yet).
            categories = tuple(
                Choice(item.code, item.label)
                for item in session.scalars(
                    select(ConsentCategory).where(ConsentCategory.active).order_by(ConsentCategory.sort_order)
                )
                if item.code in CATEGORY_FIELDS
            )
            current = _current_occupancy(session, household_id)
            current_landlord = current.dwelling.landlord_id if current and current.dwelling else None
            ids: list[int] = [current_landlord] if current_landlord else []
            consent_recipients = session.scalars(
                select(Consent.recipient_id).where(Consent.household_id == household_id).distinct()
            )
            contract_landlords = session.scalars(
                select(Contract.landlord_id).where(Contract.household_id == household_id).distinct()
            )
            for landlord_id in (*consent_recipients, *contract_landlords):
                if landlord_id is not None and landlord_id not in ids:
                    ids.append(landlord_id)
            landlords = []
            for landlord_id in ids:
                organisation = session.get(Organisation, landlord_id)
                if organisation is None or not organisation.kind.is_landlord:
                    continue
                consented = tuple(
                    item.code
                    for item in categories
                    if not missing_consents_in(session, household_id, landlord_id, (item.code,), None, today)
                )
                landlords.append(
                    LandlordOption(
                        organisation.id,
                        organisation.name,
                        organisation.id == current_landlord,
                        consented,
                        _contacts(session, organisation.id),
                    )
                )
            return LiaisonSheetOptions(tuple(landlords), categories)

    def missing_consents(self, household_id: int, request: LiaisonSheetRequest) -> list[MissingConsent]:
        """Return who has not agreed to share which chosen category with the landlord (empty: allowed)."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            _household(session, household_id)
            categories = _categories(request)
            missing = missing_consents_in(
                session, household_id, request.landlord_id, categories, request.recipient_contact_id, today
            )
            if request.copy_siao:
                missing += _missing_for_siao(session, household_id, categories, today)
            return missing

    def prepare(self, household_id: int, request: LiaisonSheetRequest) -> PreparedSheet:
        """Build the sheet in memory, or raise :class:`ConsentMissingError` naming the missing consents."""
        from caseworker.reports.pdf import render_pdf

        today = self._ctx.clock.today()
        problems = Problems()
        message = problems.text("message", request.message, label="Message", max_length=MESSAGE_MAX, multiline=True)
        problems.raise_if_any()
        with self._ctx.read() as session:
            _household(session, household_id)
            landlord = session.get(Organisation, request.landlord_id)
            if landlord is None:
                raise NotFoundError("Ce bailleur n'existe plus dans l'annuaire.")
            categories = _categories(request)
            missing = missing_consents_in(
                session, household_id, landlord.id, categories, request.recipient_contact_id, today
            )
            if request.copy_siao:
                missing += _missing_for_siao(session, household_id, categories, today)
            if missing:
                raise ConsentMissingError(landlord.name, missing)
            reference = f"FN-{household_reference(household_id)}-{today:%Y%m%d}"
            facts = _sheet_facts(
                session,
                household_id,
                landlord,
                request,
                categories,
                message,
                reference,
                self._letterhead.letterhead(session),
                today,
            )
            pdf = render_pdf(build_liaison_sheet(facts))
        filename = f"Fiche navette {household_reference(household_id)} {today:%Y-%m-%d}.pdf"
        return PreparedSheet(
            GeneratedPdf(pdf, filename, frozen=False),
            reference,
            household_id,
            request,
            categories,
            hashlib.sha256(pdf).hexdigest(),
        )

    def record_sent(self, sheet: PreparedSheet, *, channel: str) -> DisclosureView:
        """Write the disclosure (after checking the consents once more) once the sheet is printed or saved."""
        today = self._ctx.clock.today()
        if channel not in CHANNEL_LABELS:
            raise ValidationError({"channel": "Indiquez comment la fiche est transmise."})
        request = sheet.request
        with self._ctx.transaction() as session:
            landlord = session.get(Organisation, request.landlord_id)
            if landlord is None:
                raise NotFoundError("Ce bailleur n'existe plus dans l'annuaire.")
            missing = missing_consents_in(
                session, sheet.household_id, landlord.id, sheet.categories, request.recipient_contact_id, today
            )
            if request.copy_siao:
                missing += _missing_for_siao(session, sheet.household_id, sheet.categories, today)
            if missing:
                raise ConsentMissingError(landlord.name, missing)
            consents = authorising_consents(
                session, sheet.household_id, landlord.id, sheet.categories, request.recipient_contact_id, today
            )
            fields = list(C0_FIELDS)
            for code in sheet.categories:
                fields.extend(CATEGORY_FIELDS.get(code, (code,)))
            if request.message:
                fields.append("message")
            disclosure = Disclosure(
                at=self._ctx.clock.now(),
                staff_member_id=self._ctx.actor.staff_member_id,
                household_id=sheet.household_id,
                recipient_id=landlord.id,
                recipient_contact_id=request.recipient_contact_id,
                channel=channel,
                document_kind="fiche_navette",
                document_reference=sheet.reference,
                categories=",".join(sheet.categories),
                fields=",".join(fields)[:1000],
                legal_basis="",
                copy_siao=request.copy_siao,
                sha256=sheet.sha256,
                consents=consents,
            )
            session.add(disclosure)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.EXPORT,
                "disclosure",
                disclosure.id,
                household_id=sheet.household_id,
                fields=[channel],
            )
            return _disclosure_view(session, disclosure)

    def disclosures_for(self, household_id: int) -> list[DisclosureView]:
        """Return the household's disclosure log, newest first."""
        with self._ctx.read() as session:
            rows = session.scalars(
                select(Disclosure)
                .where(Disclosure.household_id == household_id)
                .options(selectinload(Disclosure.consents))
                .order_by(Disclosure.at.desc(), Disclosure.id.desc())
            )
            return [_disclosure_view(session, row) for row in rows]

    def household_summary(self, household_id: int) -> GeneratedPdf:
        """Return the household's one-page plain-language summary (recorded in the audit log as an export)."""
        from caseworker.reports.pdf import render_pdf

        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            _household(session, household_id)
            facts = _summary_facts(session, household_id, self._letterhead.letterhead(session), today)
            pdf = render_pdf(build_household_summary(facts))
            audit.record(
                session, self._ctx, AuditAction.EXPORT, "household_summary", household_id, household_id=household_id
            )
        return GeneratedPdf(pdf, f"Votre accompagnement {household_reference(household_id)}.pdf", frozen=False)


# ------------------------------------------------------------------------------------------ consent gate


def _categories(request: LiaisonSheetRequest) -> tuple[str, ...]:
    """The sheet always names the household: identity is always among the categories."""
    ordered = [IDENTITY] + [code for code in CATEGORY_FIELDS if code in request.category_codes and code != IDENTITY]
    unknown = [code for code in request.category_codes if code not in CATEGORY_FIELDS]
    if unknown:
        raise ValidationError({"category_codes": f"Catégorie inconnue : « {unknown[0]} »."})
    return tuple(ordered)


def _consents_for(session: Session, household_id: int, landlord_id: int) -> list[Consent]:
    return list(
        session.scalars(
            select(Consent)
            .where(Consent.household_id == household_id, Consent.recipient_id == landlord_id)
            .options(selectinload(Consent.categories), selectinload(Consent.recipient_role))
            .order_by(Consent.id.desc())
        )
    )


def _authorises(consent: Consent, code: str, contact_role_id: int | None, today: date) -> bool:
    return (
        effective_status(consent.status, consent.valid_from, consent.expires_on, today) is ConsentStatus.ACCORDE
        and (consent.valid_from is None or consent.valid_from <= today)
        and any(category.code == code for category in consent.categories)
        and (consent.recipient_role_id is None or consent.recipient_role_id == contact_role_id)
    )


def _contact_role(session: Session, contact_id: int | None) -> int | None:
    if contact_id is None:
        return None
    contact = session.get(PartnerContact, contact_id)
    return contact.role_id if contact is not None else None


def missing_consents_in(
    session: Session,
    household_id: int,
    landlord_id: int,
    categories: Sequence[str],
    contact_id: int | None,
    today: date,
) -> list[MissingConsent]:
    """Return, for each current adult and category, why no consent lets ``landlord_id`` receive it (empty: allowed).

    A consent limited to a role counts only when the sheet goes to a contact with that role.
    """
    labels = {item.code: item.label for item in session.scalars(select(ConsentCategory))}
    consents = _consents_for(session, household_id, landlord_id)
    role_id = _contact_role(session, contact_id)
    missing = []
    adults = current_adults(session, household_id, today)
    if not adults:
        return [MissingConsent("Le ménage", IDENTITY, labels.get(IDENTITY, IDENTITY), "aucun adulte n'est membre")]
    for person, _role in adults:
        own = [consent for consent in consents if consent.person_id == person.id]
        for code in categories:
            if any(_authorises(consent, code, role_id, today) for consent in own):
                continue
            missing.append(
                MissingConsent(printed_name(person), code, labels.get(code, code), _why(own, code, role_id, today))
            )
    return missing


def _missing_for_siao(
    session: Session, household_id: int, categories: Sequence[str], today: date
) -> list[MissingConsent]:
    """A copy to the SIAO is a disclosure too: each adult must have agreed to share the same categories with it."""
    siao_ids = [
        organisation.id
        for organisation in session.scalars(select(Organisation).where(Organisation.active))
        if organisation.kind.code == "siao"
    ]
    labels = {item.code: item.label for item in session.scalars(select(ConsentCategory))}
    if not siao_ids:
        return [MissingConsent("Le ménage", IDENTITY, labels.get(IDENTITY, IDENTITY), "aucun SIAO dans l'annuaire")]
    best: list[MissingConsent] | None = None
    for siao_id in siao_ids:
        missing = missing_consents_in(session, household_id, siao_id, categories, None, today)
        if best is None or len(missing) < len(best):
            best = missing
    return [replace(item, reason=f"copie au SIAO : {item.reason}") for item in best or []]


def _why(consents: Sequence[Consent], code: str, role_id: int | None, today: date) -> str:
    """Say why no consent authorises this category (the most telling record first)."""
    relevant = [consent for consent in consents if any(category.code == code for category in consent.categories)]
    if not relevant:
        return "aucun consentement enregistré pour ce bailleur"
    consent = relevant[0]
    status = effective_status(consent.status, consent.valid_from, consent.expires_on, today)
    if (
        status is ConsentStatus.ACCORDE
        and consent.recipient_role_id is not None
        and consent.recipient_role_id != role_id
    ):
        role = consent.recipient_role.label if consent.recipient_role else ""
        return f"l'accord est limité au rôle « {role} » : adressez la fiche à ce contact"
    if status is ConsentStatus.ACCORDE:
        return f"l'accord ne prend effet que le {format_date(consent.valid_from)}"
    if status is ConsentStatus.DEMANDE:
        return "demandé, mais le formulaire signé n'est pas enregistré"
    if status is ConsentStatus.REFUSE:
        return f"refusé le {format_date(consent.decided_on)}"
    if status is ConsentStatus.REVOQUE:
        return f"retiré le {format_date(consent.revoked_on)}"
    return f"expiré le {format_date(consent.expires_on)}"


def authorising_consents(
    session: Session,
    household_id: int,
    landlord_id: int,
    categories: Sequence[str],
    contact_id: int | None,
    today: date,
) -> list[Consent]:
    """The consents that authorise at least one of the categories (linked to the disclosure)."""
    role_id = _contact_role(session, contact_id)
    consents = _consents_for(session, household_id, landlord_id)
    return [consent for consent in consents if any(_authorises(consent, code, role_id, today) for code in categories)]


# ------------------------------------------------------------------------------------------------ facts


def _household(session: Session, household_id: int) -> Household:
    household = session.get(Household, household_id)
    if household is None:
        raise NotFoundError("Ce ménage n'existe plus.")
    return household


def _current_occupancy(session: Session, household_id: int) -> Occupancy | None:
    return session.scalar(
        select(Occupancy).where(Occupancy.household_id == household_id, Occupancy.end_date.is_(None)).limit(1)
    )


def _contacts(session: Session, organisation_id: int) -> tuple[RecipientOption, ...]:
    rows = session.scalars(
        select(PartnerContact)
        .where(PartnerContact.organisation_id == organisation_id, PartnerContact.active)
        .options(selectinload(PartnerContact.role))
        .order_by(PartnerContact.last_name, PartnerContact.first_name)
    )
    options = [
        RecipientOption(
            contact.id,
            staff_display_name(contact.first_name, contact.last_name),
            contact.role.code if contact.role else "",
            contact.role.label if contact.role else "",
            contact.is_referent,
        )
        for contact in rows
    ]
    # Routing: gestion locative first, then the landlord's social adviser, then the referent (DOMAIN.md §2.3).
    rank = {"gestion_locative": 0, "cesf": 1}
    options.sort(key=lambda item: (rank.get(item.role_code, 2), not item.is_referent))
    return tuple(options)


def _running_episodes(session: Session, household_id: int) -> list[Episode]:
    return list(
        session.scalars(
            select(Episode)
            .where(Episode.household_id == household_id, Episode.status.in_(list(SUPPORT_STATE_LABELS)))
            .order_by(Episode.orientation_date.desc())
        )
    )


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


def _contracts_with(session: Session, household_id: int, landlord_id: int) -> list[Contract]:
    return list(
        session.scalars(
            select(Contract)
            .where(
                Contract.household_id == household_id,
                Contract.landlord_id == landlord_id,
                Contract.ended_on.is_(None),
            )
            .options(selectinload(Contract.versions).selectinload(ContractVersion.reviews), selectinload(Contract.kind))
        )
    )


def _sheet_facts(
    session: Session,
    household_id: int,
    landlord: Organisation,
    request: LiaisonSheetRequest,
    categories: Sequence[str],
    message: str,
    reference: str,
    letterhead: Letterhead,
    today: date,
) -> LiaisonSheetFacts:
    episodes = _running_episodes(session, household_id)
    coordinator = _coordinator(session, household_id)
    own = session.scalar(select(Organisation).where(Organisation.is_own).limit(1))
    contracts = _contracts_with(session, household_id, landlord.id)
    in_force = [
        (contract, version)
        for contract in contracts
        for version in contract.versions
        if version.status is ContractStatus.EN_VIGUEUR
    ]
    meetings = sorted(
        (
            ReviewFacts(review.due_on, review.label)
            for _contract, version in in_force
            for review in version.reviews
            if today <= review.due_on <= date.fromordinal(today.toordinal() + MEETINGS_AHEAD_DAYS)
        ),
        key=lambda item: item.due_on,
    )
    signed = ""
    if in_force:
        contract, version = in_force[0]
        assert version.in_force_on is not None
        since = format_date(version.in_force_on)
        signed = f"{contract.kind.label} ({contract_reference(contract.id)}) en vigueur depuis le {since}"
    support = SupportFacts(
        measure_label=" + ".join(episode.measure.name for episode in episodes) or "aucun accompagnement en cours",
        state_label=SUPPORT_STATE_LABELS[episodes[0].status] if episodes else "terminé",
        coordinator_name=staff_display_name(coordinator.first_name, coordinator.last_name) if coordinator else "",
        coordinator_phone=coordinator.phone if coordinator else "",
        association_phone=own.phone if own else "",
        next_meetings=tuple(meetings),
        signed_contract=signed,
    )
    contact = session.get(PartnerContact, request.recipient_contact_id) if request.recipient_contact_id else None
    recipient = [landlord.name]
    if contact is not None:
        role = f" ({contact.role.label})" if contact.role else ""
        recipient.insert(0, f"À l'attention de {staff_display_name(contact.first_name, contact.last_name)}{role}")
    recipient.extend(line for line in landlord.address.splitlines() if line.strip())
    consents = authorising_consents(session, household_id, landlord.id, categories, request.recipient_contact_id, today)
    labels = {item.code: item.label for item in session.scalars(select(ConsentCategory))}
    consent_lines = tuple(
        ConsentUsed(
            printed_name(consent.person),
            tuple(labels[category.code] for category in consent.categories if category.code in categories),
            consent.valid_from or consent.decided_on,
            consent.expires_on,
        )
        for consent in consents
    )
    adults = [printed_name(person) for person, _role in current_adults(session, household_id, today)]
    occupancy = _current_occupancy(session, household_id)
    housing = None
    rent = None
    if HOUSING in categories and occupancy is not None:
        dwelling = occupancy.dwelling
        ours = dwelling is not None and dwelling.landlord_id == landlord.id
        address = "Logement d'un autre bailleur" if dwelling is not None and not ours else ""
        if dwelling is not None and ours:
            place = " ".join(part for part in (dwelling.postcode, dwelling.city) if part)
            address = ", ".join(part for part in (dwelling.address, place) if part)
        housing = HousingFacts(
            occupancy.status.label,
            occupancy.start_date,
            address or "Sans logement à ce jour",
            dwelling.typology.label if ours and dwelling is not None and dwelling.typology else "",
            LEASE_HOLDER_LABELS.get(occupancy.lease_holder, "") if occupancy.lease_holder else "",
        )
    if RENT in categories:
        dwelling = occupancy.dwelling if occupancy is not None else None
        ours = dwelling is not None and dwelling.landlord_id == landlord.id
        debt = None
        for contract, version in in_force:
            if contract.kind.with_debt:
                debt = DebtFacts(
                    cents_to_amount(version.debt_cents),
                    version.debt_as_of,
                    cents_to_amount(version.instalment_cents),
                    version.instalment_months,
                )
        rent = RentFacts(
            cents_to_amount(dwelling.rent_cents) if ours and dwelling is not None else None,
            cents_to_amount(dwelling.charges_cents) if ours and dwelling is not None else None,
            debt,
        )
    objectives = None
    if OBJECTIVES in categories:
        rows = session.scalars(
            select(Objective)
            .where(
                Objective.episode_id.in_([episode.id for episode in episodes]),
                Objective.status.in_([ObjectiveStatus.EN_COURS, ObjectiveStatus.PARTIEL]),
            )
            .options(selectinload(Objective.theme))
            .order_by(Objective.id)
        )
        objectives = tuple(
            ObjectiveFacts(objective.text, OWNER_LABELS[objective.owner], objective.theme.label)
            for objective in rows
            if objective.theme is not None and objective.theme.sensitivity == HOUSING_SENSITIVITY
        )
    return LiaisonSheetFacts(
        reference=reference,
        issued_on=today,
        letterhead=letterhead,
        landlord_name=landlord.name,
        recipient_lines=tuple(recipient),
        support=support,
        consents=consent_lines,
        names_on_lease=tuple(adults) if IDENTITY in categories else None,
        housing=housing,
        rent=rent,
        objectives=objectives,
        alerts=() if ALERTS in categories else None,
        message=message,
    )


def _summary_facts(session: Session, household_id: int, letterhead: Letterhead, today: date) -> HouseholdSummaryFacts:
    episodes = _running_episodes(session, household_id)
    team = session.execute(
        select(TeamMembership)
        .where(TeamMembership.household_id == household_id, TeamMembership.end_date.is_(None))
        .options(selectinload(TeamMembership.role))
        .order_by(TeamMembership.is_coordinator.desc(), TeamMembership.start_date)
    ).scalars()
    referents = []
    for membership in team:
        if membership.staff_member_id is not None:
            staff = session.get(StaffMember, membership.staff_member_id)
            assert staff is not None
            name = staff_display_name(staff.first_name, staff.last_name)
            organisation, phone = staff.organisation.name, staff.phone or staff.organisation.phone
        else:
            contact = session.get(PartnerContact, membership.partner_contact_id)
            assert contact is not None
            name = staff_display_name(contact.first_name, contact.last_name)
            organisation, phone = contact.organisation.name, contact.phone or contact.organisation.phone
        referents.append(ReferentFacts(name, membership.role.label, organisation, phone, membership.is_coordinator))
    consents = session.scalars(
        select(Consent)
        .where(Consent.household_id == household_id)
        .options(selectinload(Consent.categories), selectinload(Consent.person), selectinload(Consent.recipient))
        .order_by(Consent.id.desc())
    )
    sharing = []
    seen: set[tuple[int, int]] = set()
    for consent in consents:
        key = (consent.person_id, consent.recipient_id)
        if key in seen:  # the newest record per person and recipient says how things stand
            continue
        seen.add(key)
        status = effective_status(consent.status, consent.valid_from, consent.expires_on, today)
        sharing.append(
            SharingFacts(
                printed_name(consent.person),
                consent.recipient.name,
                tuple(category.label for category in consent.categories),
                CONSENT_STATUS_LABELS[status],
                consent.expires_on if status is ConsentStatus.ACCORDE else None,
            )
        )
    disclosures = session.scalars(
        select(Disclosure).where(Disclosure.household_id == household_id).order_by(Disclosure.at.desc()).limit(10)
    )
    disclosure_facts = []
    for disclosure in disclosures:
        recipient = session.get(Organisation, disclosure.recipient_id)
        disclosure_facts.append(
            DisclosureFacts(
                disclosure.at.astimezone().date(),
                recipient.name if recipient else "",
                DOCUMENT_LABELS.get(disclosure.document_kind, disclosure.document_kind),
            )
        )
    own = session.scalar(select(Organisation).where(Organisation.is_own).limit(1))
    names = [printed_name(person) for person, _role in current_adults(session, household_id, today)]
    return HouseholdSummaryFacts(
        reference=household_reference(household_id),
        issued_on=today,
        letterhead=letterhead,
        household_name=" et ".join(names) if len(names) <= 2 else ", ".join(names),
        measures=tuple(episode.measure.name for episode in episodes),
        referents=tuple(referents),
        sharing=tuple(sharing),
        disclosures=tuple(disclosure_facts),
        association_phone=own.phone if own else "",
        association_address=" ".join(own.address.split()) if own else "",
    )


def _disclosure_view(session: Session, disclosure: Disclosure) -> DisclosureView:
    recipient = session.get(Organisation, disclosure.recipient_id)
    contact = session.get(PartnerContact, disclosure.recipient_contact_id) if disclosure.recipient_contact_id else None
    staff = session.get(StaffMember, disclosure.staff_member_id) if disclosure.staff_member_id else None
    labels = {item.code: item.label for item in session.scalars(select(ConsentCategory))}
    return DisclosureView(
        id=disclosure.id,
        at=disclosure.at,
        staff_name=staff_display_name(staff.first_name, staff.last_name) if staff else "Système",
        recipient_name=recipient.name if recipient else "",
        recipient_contact=staff_display_name(contact.first_name, contact.last_name) if contact else "",
        channel=disclosure.channel,
        channel_label=CHANNEL_LABELS.get(disclosure.channel, disclosure.channel),
        document_kind=disclosure.document_kind,
        document_label=DOCUMENT_LABELS.get(disclosure.document_kind, disclosure.document_kind),
        document_reference=disclosure.document_reference,
        categories=tuple(labels.get(code, code) for code in disclosure.categories.split(",") if code),
        legal_basis=disclosure.legal_basis,
        copy_siao=disclosure.copy_siao,
        consent_ids=tuple(sorted(consent.id for consent in disclosure.consents)),
    )
