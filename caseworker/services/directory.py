"""The directory: organisations (landlords, partners, the association itself), their contacts, staff, dwellings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from caseworker.domain import AuditAction, Civility
from caseworker.domain.directory import LOGIN_PATTERN, LOGIN_RULE
from caseworker.formats import MAX_RENT, amount_to_cents, cents_to_amount
from caseworker.models import Dwelling, Organisation, OrganisationKind, PartnerContact, StaffMember
from caseworker.services import audit
from caseworker.services.access_policy import require_role_changer
from caseworker.services.context import ServiceContext
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.identity import staff_display_name
from caseworker.services.reference import Picklist, lookup, optional_lookup
from caseworker.services.validation import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    LABEL_MAX,
    NAME_MAX,
    PARAGRAPH_MAX,
    PHONE_MAX,
    POSTCODE_MAX,
    Problems,
)

_PHONE = re.compile(r"^[0-9+() .\-]{0,40}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_POSTCODE = re.compile(r"^\d{5}$")


# ----------------------------------------------------------------------------------------------- values


@dataclass(frozen=True)
class OrganisationInput:
    """What a person types to create or edit an organisation."""

    name: str
    kind_code: str
    territory: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    former_names: str = ""


@dataclass(frozen=True)
class OrganisationView:
    """An organisation as shown in lists and pickers."""

    id: int
    name: str
    kind_code: str
    kind_label: str
    is_landlord: bool
    territory: str
    phone: str
    email: str
    is_own: bool
    address: str = ""
    # One former name a line; an edit form passes them back so that a rename keeps the history.
    former_names: str = ""


@dataclass(frozen=True)
class StaffInput:
    """A staff member's details."""

    first_name: str
    last_name: str
    role_code: str
    organisation_id: int
    fte_percent: int = 100
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class StaffView:
    """A staff member as shown in the application."""

    id: int
    first_name: str
    last_name: str
    role_code: str
    role_label: str
    organisation_id: int
    organisation_name: str
    fte_percent: int
    phone: str = ""
    email: str = ""
    login: str | None = None
    active: bool = True

    @property
    def display_name(self) -> str:
        """Return "Prénom NOM"."""
        return staff_display_name(self.first_name, self.last_name)


@dataclass(frozen=True)
class PartnerContactInput:
    """A contact person at a partner organisation."""

    organisation_id: int
    first_name: str
    last_name: str
    role_code: str = ""
    phone: str = ""
    email: str = ""
    is_referent: bool = False
    civility: str = ""  # "madame", "monsieur", or "" when not known (letters then say "Madame, Monsieur")


@dataclass(frozen=True)
class PartnerContactView:
    """A partner contact as shown in the directory."""

    id: int
    organisation_id: int
    first_name: str
    last_name: str
    role_code: str
    role_label: str
    phone: str
    email: str
    is_referent: bool
    civility: str = ""

    def to_input(self) -> PartnerContactInput:
        """Return the input that leaves this contact as it is (an edit form starts from it)."""
        return PartnerContactInput(
            self.organisation_id,
            self.first_name,
            self.last_name,
            self.role_code,
            self.phone,
            self.email,
            self.is_referent,
            self.civility,
        )


@dataclass(frozen=True)
class DwellingInput:
    """A dwelling's details; amounts in euros."""

    landlord_id: int | None
    address: str
    postcode: str = ""
    city: str = ""
    stock_code: str = ""
    typology_code: str = ""
    rent: Decimal | None = None
    charges: Decimal | None = None
    financing: str = ""
    reserving_body: str = ""
    notes: str = ""


@dataclass(frozen=True)
class DwellingView:
    """A dwelling as shown in the household file."""

    id: int
    landlord_id: int | None
    landlord_name: str
    address: str
    postcode: str
    city: str
    stock_code: str
    stock_label: str
    typology_code: str
    typology_label: str
    rent: Decimal | None
    charges: Decimal | None
    financing: str = ""
    reserving_body: str = ""
    notes: str = ""

    @property
    def one_line(self) -> str:
        """Return "12 rue X, 35000 Rennes (T2)"."""
        place = " ".join(part for part in (self.postcode, self.city) if part)
        text = ", ".join(part for part in (self.address, place) if part)
        return f"{text} ({self.typology_label})" if self.typology_label else text


# ------------------------------------------------------------------------------------------- validation


def _contact_fields(problems: Problems, phone: str, email: str) -> tuple[str, str]:
    phone = problems.text("phone", phone, label="Téléphone", max_length=PHONE_MAX)
    email = problems.text("email", email, label="Courriel", max_length=LABEL_MAX)
    if phone and not _PHONE.match(phone):
        problems.add("phone", "Téléphone : seuls les chiffres, espaces, +, points, tirets et parenthèses sont admis.")
    if email and not _EMAIL.match(email):
        problems.add("email", "Courriel : l'adresse n'est pas valide (exemple : prenom.nom@exemple.fr).")
    return phone, email


def validate_dwelling(data: DwellingInput) -> tuple[Problems, dict[str, str]]:
    """Check a dwelling's fields; return the problems and the cleaned texts."""
    problems = Problems()
    cleaned = {
        "address": problems.text("address", data.address, label="Adresse", required=True),
        "postcode": problems.text("postcode", data.postcode, label="Code postal", max_length=POSTCODE_MAX),
        "city": problems.text("city", data.city, label="Commune", max_length=NAME_MAX),
        "financing": problems.text("financing", data.financing, label="Financement", max_length=NAME_MAX),
        "reserving_body": problems.text(
            "reserving_body", data.reserving_body, label="Réservataire", max_length=LABEL_MAX
        ),
        "notes": problems.text("notes", data.notes, label="Remarques", max_length=DESCRIPTION_MAX, multiline=True),
    }
    if cleaned["postcode"] and not _POSTCODE.match(cleaned["postcode"]):
        problems.add("postcode", "Code postal : cinq chiffres (exemple : 35000).")
    problems.amount("rent", data.rent, label="Loyer", maximum=MAX_RENT)
    problems.amount("charges", data.charges, label="Charges", maximum=MAX_RENT)
    return problems, cleaned


# ---------------------------------------------------------------------------------------------- service


class DirectoryService:
    """Creates and lists organisations, partner contacts, staff members and dwellings."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # organisations ---------------------------------------------------------------------------------------

    def create_organisation(self, data: OrganisationInput, *, is_own: bool = False) -> OrganisationView:
        """Create an organisation."""
        with self._ctx.transaction() as session:
            return _organisation_view(self.create_organisation_in(session, data, is_own=is_own))

    def create_organisation_in(
        self, session: Session, data: OrganisationInput, *, is_own: bool = False
    ) -> Organisation:
        """Create an organisation inside the caller's transaction (the first run adds its first user in it)."""
        organisation = Organisation(is_own=is_own)
        self._apply_organisation(session, organisation, data)
        session.add(organisation)
        session.flush()
        audit.record(session, self._ctx, AuditAction.CREATE, "organisation", organisation.id)
        return organisation

    def update_organisation(self, organisation_id: int, data: OrganisationInput) -> OrganisationView:
        """Edit an organisation (a rename keeps the former name in ``former_names``)."""
        with self._ctx.transaction() as session:
            organisation = _get(session, Organisation, organisation_id, "organisation")
            before = organisation.name
            self._apply_organisation(session, organisation, data)
            if before != organisation.name and before not in organisation.former_names.split("\n"):
                organisation.former_names = "\n".join(filter(None, [organisation.former_names, before]))
            audit.record(session, self._ctx, AuditAction.UPDATE, "organisation", organisation.id)
            return _organisation_view(organisation)

    def _apply_organisation(self, session: Session, organisation: Organisation, data: OrganisationInput) -> None:
        problems = Problems()
        name = problems.text("name", data.name, label="Nom de l'organisation", required=True, max_length=LABEL_MAX)
        territory = problems.text("territory", data.territory, label="Territoire", max_length=LABEL_MAX)
        address = problems.text("address", data.address, label="Adresse", max_length=ADDRESS_MAX, multiline=True)
        former = problems.text(
            "former_names", data.former_names, label="Anciens noms", max_length=PARAGRAPH_MAX, multiline=True
        )
        phone, email = _contact_fields(problems, data.phone, data.email)
        problems.raise_if_any()
        kind = lookup(session, Picklist.ORGANISATION_KIND, data.kind_code, field="kind_code", label="Type")
        organisation.name = name
        organisation.kind = kind  # type: ignore[assignment]
        organisation.territory = territory
        organisation.address = address
        organisation.former_names = former
        organisation.phone = phone
        organisation.email = email

    def list_organisations(self, *, landlords_only: bool = False) -> list[OrganisationView]:
        """Return active organisations by name."""
        with self._ctx.read() as session:
            query = (
                select(Organisation)
                .join(Organisation.kind)
                .options(joinedload(Organisation.kind))
                .where(Organisation.active.is_(True))
                .order_by(Organisation.name)
            )
            if landlords_only:
                query = query.where(OrganisationKind.is_landlord.is_(True))
            return [_organisation_view(item) for item in session.scalars(query)]

    def get_organisation(self, organisation_id: int) -> OrganisationView:
        """Return one organisation."""
        with self._ctx.read() as session:
            return _organisation_view(_get(session, Organisation, organisation_id, "organisation"))

    # staff -----------------------------------------------------------------------------------------------

    def create_staff(self, data: StaffInput) -> StaffView:
        """Add a staff member."""
        with self._ctx.transaction() as session:
            return _staff_view(session, self.create_staff_in(session, data))

    def create_staff_in(self, session: Session, data: StaffInput) -> StaffMember:
        """Add a staff member inside the caller's transaction."""
        member = StaffMember()
        self._apply_staff(session, member, data)
        session.add(member)
        session.flush()
        audit.record(session, self._ctx, AuditAction.CREATE, "staff_member", member.id)
        return member

    def update_staff(self, staff_id: int, data: StaffInput) -> StaffView:
        """Edit a staff member."""
        with self._ctx.transaction() as session:
            member = _get(session, StaffMember, staff_id, "professionnel")
            self._apply_staff(session, member, data)
            audit.record(session, self._ctx, AuditAction.UPDATE, "staff_member", member.id)
            return _staff_view(session, member)

    def _apply_staff(self, session: Session, member: StaffMember, data: StaffInput) -> None:
        problems = Problems()
        first = problems.text("first_name", data.first_name, label="Prénom", required=True, max_length=NAME_MAX)
        last = problems.text("last_name", data.last_name, label="Nom", required=True, max_length=NAME_MAX)
        phone, email = _contact_fields(problems, data.phone, data.email)
        if not 0 < data.fte_percent <= 100:
            problems.add("fte_percent", "Temps de travail : entre 1 et 100 % d'un temps plein.")
        problems.raise_if_any()
        role = lookup(session, Picklist.STAFF_ROLE, data.role_code, field="role_code", label="Fonction")
        if member.id is not None and member.role_id != role.id:
            require_role_changer(session, self._ctx.actor.staff_member_id, member.id)
            self._ctx.forget_roles()
        member.organisation = _get(session, Organisation, data.organisation_id, "organisation")
        member.first_name, member.last_name = first, last
        member.role = role  # type: ignore[assignment]
        member.fte_percent = data.fte_percent
        member.phone, member.email = phone, email

    def list_staff(self) -> list[StaffView]:
        """Return active staff members by name."""
        with self._ctx.read() as session:
            query = (
                select(StaffMember)
                .where(StaffMember.active.is_(True))
                .order_by(StaffMember.last_name, StaffMember.first_name)
            )
            return [_staff_view(session, member) for member in session.scalars(query)]

    def get_staff(self, staff_id: int) -> StaffView:
        """Return one staff member."""
        with self._ctx.read() as session:
            return _staff_view(session, _get(session, StaffMember, staff_id, "professionnel"))

    def link_login(self, staff_id: int, login: str) -> StaffView:
        """Record the person's own server login (team mode); a login names one person only."""
        if not isinstance(login, str) or not LOGIN_PATTERN.match(login):
            raise ValidationError({"login": f"Identifiant : {LOGIN_RULE}."})
        with self._ctx.transaction() as session:
            member = _get(session, StaffMember, staff_id, "professionnel")
            taken = session.scalar(select(StaffMember.id).where(StaffMember.login == login, StaffMember.id != staff_id))
            if taken is not None:
                raise ValidationError({"login": f"Identifiant : « {login} » est déjà celui d'une autre personne."})
            member.login = login
            audit.record(session, self._ctx, AuditAction.UPDATE, "staff_member", member.id, fields=("login",))
            return _staff_view(session, member)

    def staff_by_login(self, login: str) -> StaffView | None:
        """Return the person whose server login is ``login``, if any (active or not)."""
        if not isinstance(login, str) or not LOGIN_PATTERN.match(login):
            return None
        with self._ctx.read() as session:
            member = session.scalar(select(StaffMember).where(StaffMember.login == login))
            return _staff_view(session, member) if member is not None else None

    def deactivate_staff(self, staff_id: int) -> StaffView:
        """Mark a person as gone: no longer offered in lists; their records and history stay."""
        with self._ctx.transaction() as session:
            member = _get(session, StaffMember, staff_id, "professionnel")
            member.active = False
            audit.record(session, self._ctx, AuditAction.UPDATE, "staff_member", member.id, fields=("active",))
            return _staff_view(session, member)

    # partner contacts ------------------------------------------------------------------------------------

    def create_partner_contact(self, data: PartnerContactInput) -> PartnerContactView:
        """Add a contact person to a partner organisation."""
        with self._ctx.transaction() as session:
            _get(session, Organisation, data.organisation_id, "organisation")
            contact = PartnerContact(organisation_id=data.organisation_id)
            _apply_contact(session, contact, data)
            session.add(contact)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "partner_contact", contact.id)
            return _contact_view(contact)

    def update_partner_contact(self, contact_id: int, data: PartnerContactInput) -> PartnerContactView:
        """Edit a contact person (civility, name, role, phone, e-mail); the organisation stays the same."""
        with self._ctx.transaction() as session:
            contact = _get(session, PartnerContact, contact_id, "contact")
            _apply_contact(session, contact, data)
            audit.record(session, self._ctx, AuditAction.UPDATE, "partner_contact", contact.id)
            return _contact_view(contact)

    def get_partner_contact(self, contact_id: int) -> PartnerContactView:
        """Return one contact person."""
        with self._ctx.read() as session:
            return _contact_view(_get(session, PartnerContact, contact_id, "contact"))

    def list_partner_contacts(self, organisation_id: int) -> list[PartnerContactView]:
        """Return the active contacts of an organisation."""
        with self._ctx.read() as session:
            query = (
                select(PartnerContact)
                .options(joinedload(PartnerContact.role))
                .where(PartnerContact.organisation_id == organisation_id, PartnerContact.active.is_(True))
                .order_by(PartnerContact.last_name)
            )
            return [_contact_view(contact) for contact in session.scalars(query)]

    # dwellings -------------------------------------------------------------------------------------------

    def create_dwelling(self, data: DwellingInput) -> DwellingView:
        """Record a dwelling."""
        with self._ctx.transaction() as session:
            dwelling = create_dwelling_in(session, self._ctx, data)
            return dwelling_view(dwelling)

    def update_dwelling(self, dwelling_id: int, data: DwellingInput) -> DwellingView:
        """Edit a dwelling (address corrections, new rent)."""
        with self._ctx.transaction() as session:
            dwelling = _get(session, Dwelling, dwelling_id, "logement")
            _apply_dwelling(session, dwelling, data)
            audit.record(session, self._ctx, AuditAction.UPDATE, "dwelling", dwelling.id)
            return dwelling_view(dwelling)

    def list_dwellings(self, *, landlord_id: int | None = None) -> list[DwellingView]:
        """Return dwellings, optionally those of one landlord."""
        with self._ctx.read() as session:
            query = select(Dwelling).options(
                joinedload(Dwelling.landlord), joinedload(Dwelling.stock), joinedload(Dwelling.typology)
            )
            if landlord_id is not None:
                query = query.where(Dwelling.landlord_id == landlord_id)
            return [dwelling_view(item) for item in session.scalars(query.order_by(Dwelling.city, Dwelling.address))]

    def get_dwelling(self, dwelling_id: int) -> DwellingView:
        """Return one dwelling."""
        with self._ctx.read() as session:
            return dwelling_view(_get(session, Dwelling, dwelling_id, "logement"))


def _apply_contact(session: Session, contact: PartnerContact, data: PartnerContactInput) -> None:
    problems = Problems()
    first = problems.text("first_name", data.first_name, label="Prénom", max_length=NAME_MAX)
    last = problems.text("last_name", data.last_name, label="Nom", required=True, max_length=NAME_MAX)
    phone, email = _contact_fields(problems, data.phone, data.email)
    civility = None
    if data.civility:
        try:
            civility = Civility(data.civility)
        except ValueError:
            problems.add("civility", "Civilité : Madame, Monsieur, ou non précisée.")
    problems.raise_if_any()
    role = optional_lookup(session, Picklist.PARTNER_ROLE, data.role_code, field="role_code", label="Rôle")
    contact.civility = civility
    contact.first_name, contact.last_name = first, last
    contact.role = role  # type: ignore[assignment]
    contact.phone, contact.email = phone, email
    contact.is_referent = data.is_referent


def create_dwelling_in(session: Session, ctx: ServiceContext, data: DwellingInput) -> Dwelling:
    """Create a dwelling inside an existing transaction (used by the occupancy service too)."""
    dwelling = Dwelling()
    _apply_dwelling(session, dwelling, data)
    session.add(dwelling)
    session.flush()
    audit.record(session, ctx, AuditAction.CREATE, "dwelling", dwelling.id)
    return dwelling


def _apply_dwelling(session: Session, dwelling: Dwelling, data: DwellingInput) -> None:
    problems, cleaned = validate_dwelling(data)
    problems.raise_if_any()
    landlord = _get(session, Organisation, data.landlord_id, "bailleur") if data.landlord_id is not None else None
    stock = optional_lookup(session, Picklist.DWELLING_STOCK, data.stock_code, field="stock_code", label="Parc")
    typology = optional_lookup(
        session, Picklist.DWELLING_TYPOLOGY, data.typology_code, field="typology_code", label="Typologie"
    )
    dwelling.landlord = landlord
    dwelling.stock = stock  # type: ignore[assignment]
    dwelling.typology = typology  # type: ignore[assignment]
    for name, value in cleaned.items():
        setattr(dwelling, name, value)
    dwelling.rent_cents = amount_to_cents(data.rent)
    dwelling.charges_cents = amount_to_cents(data.charges)


ModelT = TypeVar("ModelT")


def _get(session: Session, model: type[ModelT], object_id: int, label: str) -> ModelT:
    item = session.get(model, object_id)
    if item is None:
        raise NotFoundError(f"Enregistrement introuvable ({label} n° {object_id}).")
    return item


def _organisation_view(organisation: Organisation) -> OrganisationView:
    return OrganisationView(
        id=organisation.id,
        name=organisation.name,
        kind_code=organisation.kind.code,
        kind_label=organisation.kind.label,
        is_landlord=organisation.kind.is_landlord,
        territory=organisation.territory,
        phone=organisation.phone,
        email=organisation.email,
        is_own=organisation.is_own,
        address=organisation.address,
        former_names=organisation.former_names,
    )


def _staff_view(session: Session, member: StaffMember) -> StaffView:
    return StaffView(
        id=member.id,
        first_name=member.first_name,
        last_name=member.last_name,
        role_code=member.role.code,
        role_label=member.role.label,
        organisation_id=member.organisation_id,
        organisation_name=member.organisation.name,
        fte_percent=member.fte_percent,
        phone=member.phone,
        email=member.email,
        login=member.login,
        active=member.active,
    )


def _contact_view(contact: PartnerContact) -> PartnerContactView:
    return PartnerContactView(
        id=contact.id,
        organisation_id=contact.organisation_id,
        first_name=contact.first_name,
        last_name=contact.last_name,
        role_code=contact.role.code if contact.role else "",
        role_label=contact.role.label if contact.role else "",
        phone=contact.phone,
        email=contact.email,
        is_referent=contact.is_referent,
        civility=contact.civility.value if contact.civility else "",
    )


def dwelling_view(dwelling: Dwelling) -> DwellingView:
    """Return the plain view of a loaded dwelling."""
    return DwellingView(
        id=dwelling.id,
        landlord_id=dwelling.landlord_id,
        landlord_name=dwelling.landlord.name if dwelling.landlord else "",
        address=dwelling.address,
        postcode=dwelling.postcode,
        city=dwelling.city,
        stock_code=dwelling.stock.code if dwelling.stock else "",
        stock_label=dwelling.stock.label if dwelling.stock else "",
        typology_code=dwelling.typology.code if dwelling.typology else "",
        typology_label=dwelling.typology.label if dwelling.typology else "",
        rent=cents_to_amount(dwelling.rent_cents),
        charges=cents_to_amount(dwelling.charges_cents),
        financing=dwelling.financing,
        reserving_body=dwelling.reserving_body,
        notes=dwelling.notes,
    )
