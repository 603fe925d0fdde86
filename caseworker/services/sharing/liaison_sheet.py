"""The fiche navette to a landlord, and the household's own summary (docs/domain.md §7.2).

A fiche navette carries C0 information (the measure, whether support runs — in neutral words —, who to call,
meeting dates) and, for each chosen C1 category, what that category covers. Every current adult of the
household must have given a valid written consent for that landlord and that category (the rules are those of
``rules.py``), or the sheet is refused with a message naming who has not agreed to what. Producing the
sheet is not yet a disclosure; printing it or saving it for the landlord is, and is written to the append-only
disclosure log (``log.py``) after the consents are checked once more (one may have been revoked
meanwhile). The household's summary gathers its facts in ``household_summary.py``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import AuditAction, ContractStatus, ObjectiveStatus
from caseworker.domain.consents import CHANNEL_LABELS, SUPPORT_STATE_LABELS
from caseworker.domain.contracts import CARRIED_BY_LABELS, HOUSING_SENSITIVITY
from caseworker.domain.parties import PARTY_LABELS
from caseworker.formats import cents_to_amount, format_date
from caseworker.models import (
    Consent,
    ConsentCategory,
    Contract,
    ContractVersion,
    Disclosure,
    Episode,
    Objective,
    Occupancy,
    Organisation,
    PartnerContact,
)
from caseworker.reports.document_model import Letterhead
from caseworker.reports.generated_pdf import GeneratedPdf
from caseworker.reports.household_summary import build_household_summary
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
from caseworker.services.access_policy import may_read_consents, require_consent_reader, role_code_of
from caseworker.services.context import ServiceContext
from caseworker.services.contracts import contract_reference
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.households.adults import current_adults
from caseworker.services.households.queries import coordinator as household_coordinator
from caseworker.services.households.queries import current_occupancy, existing_household
from caseworker.services.identity import addressee, household_reference, printed_name, staff_display_name
from caseworker.services.letterhead import LetterheadService
from caseworker.services.reference import Choice
from caseworker.services.sharing.household_summary import running_episodes, summary_facts
from caseworker.services.sharing.log import (
    DisclosureEntry,
    DisclosureView,
    disclosure_view,
    write_disclosure,
)
from caseworker.services.sharing.rules import (
    ConsentMissingError,
    MissingConsent,
    authorising_consents,
    consent_facts,
    consent_gaps,
    household_consents,
    legal_grounds,
    missing_for_siao,
    siao_legal_grounds,
)
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


class LiaisonSheetService:
    """Produces fiches navette and household summaries; keeps the disclosure log."""

    def __init__(self, ctx: ServiceContext, letterhead: LetterheadService) -> None:
        self._ctx = ctx
        self._letterhead = letterhead

    def options(self, household_id: int) -> LiaisonSheetOptions:
        """Return the landlords the household deals with and the shareable categories."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            existing_household(session, household_id, missing="Ce ménage n'existe plus.")
            # Only the categories the sheet knows how to fill (a category added in Paramètres has no block yet).
            categories = tuple(
                Choice(item.code, item.label)
                for item in session.scalars(
                    select(ConsentCategory).where(ConsentCategory.active).order_by(ConsentCategory.sort_order)
                )
                if item.code in CATEGORY_FIELDS
            )
            current = current_occupancy(session, household_id)
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
                    if not consent_gaps(session, household_id, landlord_id, (item.code,), None, today)
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
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            existing_household(session, household_id, missing="Ce ménage n'existe plus.")
            categories = _categories(request)
            missing = consent_gaps(
                session, household_id, request.landlord_id, categories, request.recipient_contact_id, today
            )
            if request.copy_siao:
                missing += missing_for_siao(session, household_id, categories, today)
            return missing

    def prepare(self, household_id: int, request: LiaisonSheetRequest) -> PreparedSheet:
        """Build the sheet in memory, or raise :class:`ConsentMissingError` naming the missing consents."""
        from caseworker.reports.pdf import render_pdf

        today = self._ctx.clock.today()
        problems = Problems()
        message = problems.text("message", request.message, label="Message", max_length=MESSAGE_MAX, multiline=True)
        problems.raise_if_any()
        with self._ctx.read() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            existing_household(session, household_id, missing="Ce ménage n'existe plus.")
            landlord = session.get(Organisation, request.landlord_id)
            if landlord is None:
                raise NotFoundError("Ce bailleur n'existe plus dans l'annuaire.")
            categories = _categories(request)
            missing = consent_gaps(session, household_id, landlord.id, categories, request.recipient_contact_id, today)
            if request.copy_siao:
                missing += missing_for_siao(session, household_id, categories, today)
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
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            landlord = session.get(Organisation, request.landlord_id)
            if landlord is None:
                raise NotFoundError("Ce bailleur n'existe plus dans l'annuaire.")
            missing = consent_gaps(
                session, sheet.household_id, landlord.id, sheet.categories, request.recipient_contact_id, today
            )
            if request.copy_siao:
                missing += missing_for_siao(session, sheet.household_id, sheet.categories, today)
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
            entry = DisclosureEntry(
                household_id=sheet.household_id,
                recipient_id=landlord.id,
                recipient_contact_id=request.recipient_contact_id,
                channel=channel,
                document_kind="fiche_navette",
                document_reference=sheet.reference,
                categories=sheet.categories,
                fields=fields,
                sha256=sheet.sha256,
                copy_siao=request.copy_siao,
            )
            grounds = legal_grounds(
                session, sheet.household_id, landlord.id, sheet.categories, request.recipient_contact_id, today
            )
            if request.copy_siao:
                siao = siao_legal_grounds(session, sheet.household_id, sheet.categories, today)
                grounds = " ; ".join(part for part in (grounds, siao) if part)
            disclosure = write_disclosure(session, self._ctx, entry, consents=consents, legal_basis=grounds)
            return disclosure_view(session, disclosure)

    def may_share(self) -> bool:
        """Tell whether the person logged in reads consents, so prepares documents and reads the disclosure log."""
        with self._ctx.read() as session:
            return may_read_consents(role_code_of(session, self._ctx.actor.staff_member_id))

    def disclosures_for(self, household_id: int) -> list[DisclosureView]:
        """Return the household's disclosure log, newest first."""
        with self._ctx.read() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            rows = session.scalars(
                select(Disclosure)
                .where(Disclosure.household_id == household_id)
                .options(selectinload(Disclosure.consents))
                .order_by(Disclosure.at.desc(), Disclosure.id.desc())
            )
            return [disclosure_view(session, row) for row in rows]

    def household_summary(self, household_id: int) -> GeneratedPdf:
        """Return the household's one-page plain-language summary (recorded in the audit log as an export)."""
        from caseworker.reports.pdf import render_pdf

        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            existing_household(session, household_id, missing="Ce ménage n'existe plus.")
            facts = summary_facts(session, household_id, self._letterhead.letterhead(session), today)
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


# ------------------------------------------------------------------------------------------------ facts


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
    # Routing: gestion locative first, then the landlord's social adviser, then the referent.
    rank = {"gestion_locative": 0, "cesf": 1}
    options.sort(key=lambda item: (rank.get(item.role_code, 2), not item.is_referent))
    return tuple(options)


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
    """Gather what the sheet says: C0 facts always, each C1 category only when it was chosen (and consented to)."""
    episodes = running_episodes(session, household_id)
    in_force = [
        (contract, version)
        for contract in _contracts_with(session, household_id, landlord.id)
        for version in contract.versions
        if version.status is ContractStatus.EN_VIGUEUR
    ]
    adults = [printed_name(person) for person, _role in current_adults(session, household_id, today)]
    occupancy = current_occupancy(session, household_id)
    return LiaisonSheetFacts(
        reference=reference,
        issued_on=today,
        letterhead=letterhead,
        landlord_name=landlord.name,
        recipient_lines=_recipient_lines(session, landlord, request.recipient_contact_id),
        support=_support_facts(session, household_id, episodes, in_force, today),
        consents=_consents_used(session, household_id, landlord.id, categories, request.recipient_contact_id, today),
        names_on_lease=tuple(adults) if IDENTITY in categories else None,
        housing=_housing_facts(occupancy, landlord) if HOUSING in categories and occupancy is not None else None,
        rent=_rent_facts(occupancy, landlord, in_force) if RENT in categories else None,
        objectives=_objective_facts(session, episodes) if OBJECTIVES in categories else None,
        alerts=() if ALERTS in categories else None,
        message=message,
    )


def _support_facts(
    session: Session,
    household_id: int,
    episodes: Sequence[Episode],
    in_force: Sequence[tuple[Contract, ContractVersion]],
    today: date,
) -> SupportFacts:
    """C0: the measure, whether support runs (in neutral words), who to call, the next meetings, the contract."""
    coordinator = household_coordinator(session, household_id)
    own = session.scalar(select(Organisation).where(Organisation.is_own).limit(1))
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
    return SupportFacts(
        measure_label=" + ".join(episode.measure.name for episode in episodes) or "aucun accompagnement en cours",
        state_label=SUPPORT_STATE_LABELS[episodes[0].status] if episodes else "terminé",
        coordinator_name=staff_display_name(coordinator.first_name, coordinator.last_name) if coordinator else "",
        coordinator_phone=coordinator.phone if coordinator else "",
        association_phone=own.phone if own else "",
        next_meetings=tuple(meetings),
        signed_contract=signed,
    )


def _recipient_lines(session: Session, landlord: Organisation, contact_id: int | None) -> tuple[str, ...]:
    """The address block: the contact addressed (with their role), the landlord, its address."""
    contact = session.get(PartnerContact, contact_id) if contact_id else None
    recipient = [landlord.name]
    if contact is not None:
        role = f" ({contact.role.label})" if contact.role else ""
        recipient.insert(
            0, f"À l'attention de {addressee(contact.civility, contact.first_name, contact.last_name)}{role}"
        )
    recipient.extend(line for line in landlord.address.splitlines() if line.strip())
    return tuple(recipient)


def _consents_used(
    session: Session,
    household_id: int,
    landlord_id: int,
    categories: Sequence[str],
    contact_id: int | None,
    today: date,
) -> tuple[ConsentUsed, ...]:
    """The consents the sheet relies on: who agreed, to which of the chosen categories, from when and until when."""
    consents = authorising_consents(session, household_id, landlord_id, categories, contact_id, today)
    rules = household_consents(session, household_id)
    labels = {item.code: item.label for item in session.scalars(select(ConsentCategory))}
    consent_lines = []
    for consent in consents:
        record = consent_facts(consent)
        consent_lines.append(
            ConsentUsed(
                printed_name(consent.person),
                tuple(labels[category.code] for category in consent.categories if category.code in categories),
                record.starts_on,
                rules.state(record, today).last_day,
            )
        )
    return tuple(consent_lines)


def _housing_facts(occupancy: Occupancy, landlord: Organisation) -> HousingFacts:
    """C1 housing: the address and typology only of this landlord's dwelling; another landlord's stays unnamed."""
    dwelling = occupancy.dwelling
    ours = dwelling is not None and dwelling.landlord_id == landlord.id
    address = "Logement d'un autre bailleur" if dwelling is not None and not ours else ""
    if dwelling is not None and ours:
        place = " ".join(part for part in (dwelling.postcode, dwelling.city) if part)
        address = ", ".join(part for part in (dwelling.address, place) if part)
    return HousingFacts(
        occupancy.status.label,
        occupancy.start_date,
        address or "Sans logement à ce jour",
        dwelling.typology.label if ours and dwelling is not None and dwelling.typology else "",
        PARTY_LABELS.get(occupancy.lease_holder, "") if occupancy.lease_holder else "",
    )


def _rent_facts(
    occupancy: Occupancy | None, landlord: Organisation, in_force: Sequence[tuple[Contract, ContractVersion]]
) -> RentFacts:
    """C1 rent and debt: the rent of this landlord's dwelling, the debt of a contract in force that carries one."""
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
    return RentFacts(
        cents_to_amount(dwelling.rent_cents) if ours and dwelling is not None else None,
        cents_to_amount(dwelling.charges_cents) if ours and dwelling is not None else None,
        debt,
    )


def _objective_facts(session: Session, episodes: Sequence[Episode]) -> tuple[ObjectiveFacts, ...]:
    """C1 objectives: the running ones of the running episodes, housing themes only."""
    rows = session.scalars(
        select(Objective)
        .where(
            Objective.episode_id.in_([episode.id for episode in episodes]),
            Objective.status.in_([ObjectiveStatus.EN_COURS, ObjectiveStatus.PARTIEL]),
        )
        .options(selectinload(Objective.theme))
        .order_by(Objective.id)
    )
    return tuple(
        ObjectiveFacts(objective.text, CARRIED_BY_LABELS[objective.owner], objective.theme.label)
        for objective in rows
        if objective.theme is not None and objective.theme.sensitivity == HOUSING_SENSITIVITY
    )
