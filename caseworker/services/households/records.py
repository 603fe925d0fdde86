"""The household file and its people: creation, edits, composition history, and the file as one view.

The list rows and the search are in :mod:`.listing`; the housing timeline in :mod:`.occupancy`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from caseworker.domain import AuditAction
from caseworker.models import Household, HouseholdMembership, Person
from caseworker.services import audit
from caseworker.services.access_policy import may_read_consents, role_code_of
from caseworker.services.audit import AuditEntry, AuditService
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.households.adults import is_adult
from caseworker.services.households.listing import (
    PAGE_SIZE,
    HouseholdPage,
    HouseholdSummary,
    ListOrder,
    PageKey,
    check_page_request,
    count_households,
    known_ids,
    list_page,
    recently_opened_by,
    refresh_search_text,
    search_households,
    search_words,
    summaries_for,
    summary_of,
)
from caseworker.services.households.occupancy import OccupancyView, occupancy_views
from caseworker.services.households.queries import existing_household
from caseworker.services.identity import household_reference, person_display_name
from caseworker.services.reference import Picklist, lookup, optional_lookup
from caseworker.services.row_versions import claim_version
from caseworker.services.sharing.register import ConsentView, consent_views
from caseworker.services.validation import (
    NAME_MAX,
    PHONE_MAX,
    REFERENCE_MAX,
    SHORT_TEXT_MAX,
    Problems,
    periods_overlap,
)

MAX_PETS = 20
NUMERO_UNIQUE_MAX = 40  # the column holds 40 characters; a numéro unique has about twenty
_NUMERO_UNIQUE = re.compile(r"[0-9A-Za-z]+(?:[ -][0-9A-Za-z]+)*")


# ----------------------------------------------------------------------------------------------- values


@dataclass(frozen=True)
class PersonInput:
    """A person's details as typed. Names may stay empty when a pseudonym is given."""

    first_name: str = ""
    last_name: str = ""
    pseudonym: str = ""
    birth_year: int | None = None
    administrative_status_code: str = ""
    administrative_status_deadline: date | None = None
    phone: str = ""


@dataclass(frozen=True)
class HouseholdInput:
    """A household's own details."""

    composition_code: str = ""
    pet_count: int = 0
    pets_note: str = ""
    situation_before_entry_code: str = ""
    referral_source_code: str = ""
    siao_reference: str = ""
    # The numéro unique of the household's social housing application (demande de logement social, F03): renewed
    # each year, so it carries its end of validity; an automatic task comes 30 days before (docs/domain.md §11.2).
    numero_unique: str = ""
    numero_unique_expires_on: date | None = None


@dataclass(frozen=True)
class MemberView:
    """A person's membership of a household."""

    membership_id: int
    person_id: int
    first_name: str
    last_name: str
    pseudonym: str
    birth_year: int | None
    role_code: str
    role_label: str
    is_child: bool
    start_date: date
    end_date: date | None
    end_reason: str
    administrative_status_code: str
    administrative_status_label: str
    administrative_status_deadline: date | None
    phone: str

    @property
    def display_name(self) -> str:
        """Return "NOM Prénom" or the pseudonym."""
        return person_display_name(self.first_name, self.last_name, self.pseudonym)

    @property
    def is_current(self) -> bool:
        """True while the person still belongs to the household."""
        return self.end_date is None

    def age(self, today: date) -> int | None:
        """Return the age reached this year (birth year only is known)."""
        return None if self.birth_year is None else today.year - self.birth_year

    def is_adult(self, today: date) -> bool:
        """Adults give their own consent (docs/domain.md §7.2); the rule is ``adults.is_adult``."""
        return is_adult(child_role=self.is_child, birth_year=self.birth_year, on=today)

    def as_input(self) -> PersonInput:
        """Return the person's details, ready to edit."""
        return PersonInput(
            first_name=self.first_name,
            last_name=self.last_name,
            pseudonym=self.pseudonym,
            birth_year=self.birth_year,
            administrative_status_code=self.administrative_status_code,
            administrative_status_deadline=self.administrative_status_deadline,
            phone=self.phone,
        )


@dataclass(frozen=True)
class HouseholdFile:
    """Everything the household file shows, read in one transaction."""

    id: int
    row_version: int  # the version this view was read at; a change names it (services.row_versions)
    reference: str
    display_name: str
    details: HouseholdInput
    composition_label: str
    situation_before_entry_label: str
    referral_source_label: str
    created_on: date
    members: tuple[MemberView, ...]
    past_members: tuple[MemberView, ...]
    occupancies: tuple[OccupancyView, ...]
    consents: tuple[ConsentView, ...]
    views: tuple[AuditEntry, ...]
    history: tuple[AuditEntry, ...]
    # The reader's role may not see consents (a volunteer, docs/domain.md §2): ``consents`` is then empty.
    consents_hidden: bool = False

    @property
    def current_occupancy(self) -> OccupancyView | None:
        """The open occupancy period, if any."""
        return next((item for item in reversed(self.occupancies) if item.end_date is None), None)


# ------------------------------------------------------------------------------------------- validation


def validate_person(data: PersonInput, today: date) -> tuple[Problems, PersonInput]:
    """Check a person's fields; return the problems and a cleaned copy."""
    problems = Problems()
    first = problems.text("first_name", data.first_name, label="Prénom", max_length=NAME_MAX)
    last = problems.text("last_name", data.last_name, label="Nom", max_length=NAME_MAX)
    pseudonym = problems.text("pseudonym", data.pseudonym, label="Pseudonyme", max_length=NAME_MAX)
    phone = problems.text("phone", data.phone, label="Téléphone", max_length=PHONE_MAX)
    if not (first or last or pseudonym):
        problems.add("last_name", "Indiquez un nom ou un prénom, ou à défaut un pseudonyme.")
    problems.birth_year("birth_year", data.birth_year, today=today)
    problems.date(
        "administrative_status_deadline",
        data.administrative_status_deadline,
        kind=DateKind.VALIDITY,
        label="Échéance du titre",
        today=today,
    )
    if data.administrative_status_deadline is not None and not data.administrative_status_code:
        problems.add("administrative_status_code", "Choisissez le statut administratif auquel s'applique l'échéance.")
    if phone and not all(ch.isdigit() or ch in "+() .-" for ch in phone):
        problems.add("phone", "Téléphone : seuls les chiffres, espaces, +, points, tirets et parenthèses sont admis.")
    cleaned = PersonInput(
        first_name=first,
        last_name=last,
        pseudonym=pseudonym,
        birth_year=data.birth_year,
        administrative_status_code=data.administrative_status_code,
        administrative_status_deadline=data.administrative_status_deadline,
        phone=phone,
    )
    return problems, cleaned


def validate_household(data: HouseholdInput, today: date | None = None) -> tuple[Problems, HouseholdInput]:
    """Check a household's fields; return the problems and a cleaned copy.

    ``today`` is needed to judge the numéro unique's end of validity (None: the date is not judged).
    """
    problems = Problems()
    pets_note = problems.text("pets_note", data.pets_note, label="Animaux", max_length=SHORT_TEXT_MAX)
    siao = problems.text("siao_reference", data.siao_reference, label="Référence SIAO", max_length=REFERENCE_MAX)
    numero = problems.text("numero_unique", data.numero_unique, label="Numéro unique", max_length=NUMERO_UNIQUE_MAX)
    if numero and not _NUMERO_UNIQUE.fullmatch(numero):
        problems.add(
            "numero_unique",
            "Numéro unique : des chiffres et des lettres, séparés au plus par des espaces ou des tirets.",
        )
    if data.numero_unique_expires_on is not None:
        if not numero:
            problems.add("numero_unique", "Numéro unique : indiquez le numéro dont vous saisissez la fin de validité.")
        if today is not None:
            problems.date(
                "numero_unique_expires_on",
                data.numero_unique_expires_on,
                kind=DateKind.VALIDITY,
                label="Fin de validité du numéro unique",
                today=today,
            )
    if not 0 <= data.pet_count <= MAX_PETS:
        problems.add("pet_count", f"Nombre d'animaux : entre 0 et {MAX_PETS}.")
    cleaned = HouseholdInput(
        composition_code=data.composition_code,
        pet_count=data.pet_count,
        pets_note=pets_note,
        situation_before_entry_code=data.situation_before_entry_code,
        referral_source_code=data.referral_source_code,
        siao_reference=siao,
        numero_unique=numero,
        numero_unique_expires_on=data.numero_unique_expires_on if numero else None,
    )
    return problems, cleaned


# ---------------------------------------------------------------------------------------------- service


class HouseholdService:
    """Use cases on households and persons."""

    def __init__(self, ctx: ServiceContext, audit_service: AuditService) -> None:
        self._ctx = ctx
        self._audit = audit_service

    # creation and edits ----------------------------------------------------------------------------------

    def create_household(
        self,
        data: HouseholdInput,
        first_member: PersonInput,
        *,
        role_code: str = "reference",
        start_date: date | None = None,
    ) -> HouseholdSummary:
        """Create a household with its first member (both validated before anything is written)."""
        today = self._ctx.clock.today()
        start = start_date or today
        household_problems, household_data = validate_household(data, today)
        person_problems, person_data = validate_person(first_member, today)
        problems = Problems()
        problems.errors.update(household_problems.errors)
        problems.errors.update(person_problems.errors)
        problems.date("start_date", start, kind=DateKind.HOUSING, label="Date d'arrivée", today=today)
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            household = Household(created_by_id=self._ctx.actor.staff_member_id)
            _apply_household(session, household, household_data)
            session.add(household)
            person = Person()
            _apply_person(session, person, person_data)
            session.add(person)
            role = lookup(session, Picklist.MEMBER_ROLE, role_code, field="role_code", label="Rôle dans le ménage")
            session.flush()
            session.add(
                HouseholdMembership(household_id=household.id, person_id=person.id, role_id=role.id, start_date=start)
            )
            session.flush()
            refresh_search_text(session, household.id)
            audit.record(session, self._ctx, AuditAction.CREATE, "household", household.id, household_id=household.id)
            audit.record(session, self._ctx, AuditAction.CREATE, "person", person.id, household_id=household.id)
            return summary_of(session, household.id)

    def update_household(self, household_id: int, data: HouseholdInput, *, expected_version: int) -> HouseholdSummary:
        """Edit a household's own details, typed against the file at ``expected_version``."""
        problems, cleaned = validate_household(data, self._ctx.clock.today())
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, Household, household_id, expected_version)
            household = existing_household(session, household_id)
            _apply_household(session, household, cleaned)
            changed = audit.changed_attributes(household)
            session.flush()
            refresh_search_text(session, household.id)
            if changed:
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.UPDATE,
                    "household",
                    household.id,
                    household_id=household.id,
                    fields=changed,
                )
            return summary_of(session, household.id)

    def add_member(
        self, household_id: int, data: PersonInput, *, role_code: str, start_date: date, expected_version: int
    ) -> MemberView:
        """Add a new person to a household from ``start_date`` (typed against the file at ``expected_version``)."""
        today = self._ctx.clock.today()
        problems, cleaned = validate_person(data, today)
        problems.date("start_date", start_date, kind=DateKind.HOUSING, label="Date d'arrivée", today=today)
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            existing_household(session, household_id)
            claim_version(session, self._ctx, Household, household_id, expected_version)
            person = Person()
            _apply_person(session, person, cleaned)
            session.add(person)
            session.flush()
            membership = self._join(session, household_id, person.id, role_code, start_date)
            audit.record(session, self._ctx, AuditAction.CREATE, "person", person.id, household_id=household_id)
            return _member_view(membership)

    def add_existing_person(
        self, household_id: int, person_id: int, *, role_code: str, start_date: date, expected_version: int
    ) -> MemberView:
        """Add a person already known (same persistent id) to a household, e.g. on re-entry."""
        problems = Problems()
        problems.date(
            "start_date", start_date, kind=DateKind.HOUSING, label="Date d'arrivée", today=self._ctx.clock.today()
        )
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            existing_household(session, household_id)
            claim_version(session, self._ctx, Household, household_id, expected_version)
            if session.get(Person, person_id) is None:
                raise NotFoundError(f"Personne introuvable (n° {person_id}).")
            membership = self._join(session, household_id, person_id, role_code, start_date)
            return _member_view(membership)

    def _join(
        self, session: Session, household_id: int, person_id: int, role_code: str, start_date: date
    ) -> HouseholdMembership:
        role = lookup(session, Picklist.MEMBER_ROLE, role_code, field="role_code", label="Rôle dans le ménage")
        existing = session.scalars(
            select(HouseholdMembership).where(
                HouseholdMembership.household_id == household_id, HouseholdMembership.person_id == person_id
            )
        ).all()
        for other in existing:
            if periods_overlap(start_date, None, other.start_date, other.end_date):
                raise ValidationError({"start_date": "Cette personne fait déjà partie du ménage sur cette période."})
        membership = HouseholdMembership(
            household_id=household_id, person_id=person_id, role_id=role.id, start_date=start_date
        )
        session.add(membership)
        session.flush()
        session.refresh(membership, ["person", "role"])
        refresh_search_text(session, household_id)
        audit.record(session, self._ctx, AuditAction.CREATE, "membership", membership.id, household_id=household_id)
        return membership

    def update_person(self, person_id: int, data: PersonInput, *, household_id: int, expected_version: int) -> None:
        """Edit a person's details (all households the person belongs to see the change).

        The details were typed in the file of ``household_id`` at ``expected_version``: that version is claimed.
        """
        problems, cleaned = validate_person(data, self._ctx.clock.today())
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            person = session.get(Person, person_id)
            if person is None:
                raise NotFoundError(f"Personne introuvable (n° {person_id}).")
            claim_version(session, self._ctx, Household, household_id, expected_version)
            member_of = select(HouseholdMembership.id).where(
                HouseholdMembership.person_id == person_id, HouseholdMembership.household_id == household_id
            )
            if session.scalar(member_of.limit(1)) is None:
                raise NotFoundError("Cette personne n'appartient pas à ce ménage.")
            _apply_person(session, person, cleaned)
            changed = audit.changed_attributes(person)
            session.flush()
            household_ids = session.scalars(
                select(HouseholdMembership.household_id).where(HouseholdMembership.person_id == person_id).distinct()
            ).all()
            for each_household in household_ids:
                refresh_search_text(session, each_household)
            if changed:
                for each_household in household_ids or [None]:  # type: ignore[list-item]
                    audit.record(
                        session,
                        self._ctx,
                        AuditAction.UPDATE,
                        "person",
                        person_id,
                        household_id=each_household,
                        fields=changed,
                    )

    def end_membership(self, membership_id: int, *, end_date: date, reason: str, expected_version: int) -> MemberView:
        """Record that a person left the household on ``end_date`` (the composition history keeps them).

        Typed against the household's file at ``expected_version``.
        """
        problems = Problems()
        cleaned_reason = problems.text(
            "end_reason", reason, label="Motif du départ", max_length=SHORT_TEXT_MAX, required=True
        )
        problems.date(
            "end_date", end_date, kind=DateKind.HOUSING, label="Date de départ", today=self._ctx.clock.today()
        )
        with self._ctx.transaction() as session:
            membership = session.get(HouseholdMembership, membership_id)
            if membership is None:
                raise NotFoundError("Ce membre du ménage est introuvable.")
            claim_version(session, self._ctx, Household, membership.household_id, expected_version)
            if membership.end_date is not None:
                problems.add("end_date", "Cette personne a déjà quitté le ménage.")
            problems.ordered(
                "end_date",
                membership.start_date,
                end_date,
                start_label="La date d'arrivée",
                end_label="La date de départ",
            )
            problems.raise_if_any()
            remaining = session.scalars(
                select(HouseholdMembership.id).where(
                    HouseholdMembership.household_id == membership.household_id,
                    HouseholdMembership.end_date.is_(None),
                    HouseholdMembership.id != membership.id,
                )
            ).all()
            if not remaining:
                raise ValidationError(
                    {"end_date": "Le ménage doit garder au moins une personne : ajoutez d'abord un autre membre."}
                )
            membership.end_date = end_date
            membership.end_reason = cleaned_reason
            session.flush()
            refresh_search_text(session, membership.household_id)  # the person who names it may have left
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "membership",
                membership.id,
                household_id=membership.household_id,
                fields=["end_date", "end_reason"],
            )
            return _member_view(membership)

    # reading ---------------------------------------------------------------------------------------------

    def list_summaries(self) -> list[HouseholdSummary]:
        """Return one summary per household, every one of them (tools and small lists; the list screen pages)."""
        with self._ctx.read() as session:
            return summaries_for(session, None)

    def summaries(self, household_ids: list[int]) -> list[HouseholdSummary]:
        """Return the list rows of these households (those that exist), by number."""
        wanted = known_ids(household_ids)
        if not wanted:
            return []
        with self._ctx.read() as session:
            return sorted(summaries_for(session, wanted), key=lambda item: item.id)

    def list_page(
        self,
        query: str = "",
        *,
        order: ListOrder | None = None,
        start: PageKey | None = None,
        limit: int = PAGE_SIZE,
        count_at_most: int | None = None,
    ) -> HouseholdPage:
        """Return one page of the household list: those matching ``query`` (every word), in ``order``.

        With ``count_at_most``, the page also says how many households match (``matched``, as :meth:`count` with
        ``at_most``), read in the same transaction: a keystroke asks the team's server once.
        """
        order = order or ListOrder()
        check_page_request(order, start, limit)
        _check_count_limit(count_at_most)
        words = search_words(query)
        with self._ctx.read() as session:
            page = list_page(session, words, order=order, start=start, limit=limit)
            if count_at_most is None:
                return page
            if start is None and page.next_key is None:
                return replace(page, matched=len(page.rows))  # the whole list fits in the page
            return replace(page, matched=count_households(session, words, at_most=count_at_most))

    def count(self, query: str = "", *, at_most: int | None = None) -> int:
        """Return how many households the list shows for ``query`` (all of them for an empty query).

        With ``at_most``, the count stops at ``at_most + 1`` (it is "more than ``at_most``").
        """
        _check_count_limit(at_most)
        with self._ctx.read() as session:
            return count_households(session, search_words(query), at_most=at_most)

    def summary(self, household_id: int) -> HouseholdSummary:
        """Return one household's row of the list."""
        with self._ctx.read() as session:
            return summary_of(session, household_id)

    def search(self, query: str, *, limit: int = 100) -> list[HouseholdSummary]:
        """Return up to ``limit`` households whose names contain every word of ``query``, in the list's order."""
        with self._ctx.read() as session:
            return search_households(session, query, limit=limit)

    def recently_opened(self, *, limit: int = 20) -> list[int]:
        """Return the households the current user opened lately, the most recent first (their consultations)."""
        staff_id = self._ctx.actor.staff_member_id
        if staff_id is None or limit <= 0:
            return []
        with self._ctx.read() as session:
            return recently_opened_by(session, staff_id, limit=limit)

    def open_file(self, household_id: int, *, record_view: bool = True) -> HouseholdFile:
        """Return the household file and record that the current user viewed it.

        ``record_view=False`` is for redisplaying a file the person already has open (after their own edit,
        which is audited by itself): it is not a new consultation.
        """
        with self._ctx.transaction() as session:
            household = session.get(
                Household,
                household_id,
                options=[
                    joinedload(Household.composition_type),
                    joinedload(Household.situation_before_entry),
                    joinedload(Household.referral_source),
                ],
            )
            if household is None:
                raise NotFoundError(f"Ménage introuvable (n° {household_id}).")
            if record_view:
                audit.record(session, self._ctx, AuditAction.VIEW, "household", household_id, household_id=household_id)
            memberships = session.scalars(
                select(HouseholdMembership)
                .options(
                    joinedload(HouseholdMembership.person).joinedload(Person.administrative_status),
                    joinedload(HouseholdMembership.role),
                )
                .where(HouseholdMembership.household_id == household_id)
                .order_by(HouseholdMembership.start_date, HouseholdMembership.id)
            ).all()
            members = sorted((_member_view(item) for item in memberships), key=_member_order)
            occupancies = occupancy_views(session, household_id)
            reader = self._ctx.actor.staff_member_id
            consents_hidden = reader is not None and not may_read_consents(role_code_of(session, reader))
            consents = [] if consents_hidden else consent_views(session, household_id, self._ctx.clock.today())
            summary = summary_of(session, household_id)
        views = self._audit.for_household(household_id, actions=[AuditAction.VIEW], limit=50)
        history = self._audit.for_household(household_id, limit=200)
        return HouseholdFile(
            id=household.id,
            row_version=household.row_version,
            reference=household_reference(household.id),
            display_name=summary.display_name,
            details=HouseholdInput(
                composition_code=household.composition_type.code if household.composition_type else "",
                pet_count=household.pet_count,
                pets_note=household.pets_note,
                situation_before_entry_code=(
                    household.situation_before_entry.code if household.situation_before_entry else ""
                ),
                referral_source_code=household.referral_source.code if household.referral_source else "",
                siao_reference=household.siao_reference,
                numero_unique=household.numero_unique,
                numero_unique_expires_on=household.numero_unique_expires_on,
            ),
            composition_label=household.composition_type.label if household.composition_type else "",
            situation_before_entry_label=(
                household.situation_before_entry.label if household.situation_before_entry else ""
            ),
            referral_source_label=household.referral_source.label if household.referral_source else "",
            created_on=household.created_at.date(),
            members=tuple(item for item in members if item.is_current),
            past_members=tuple(item for item in members if not item.is_current),
            occupancies=tuple(occupancies),
            consents=tuple(consents),
            views=tuple(views),
            history=tuple(history),
            consents_hidden=consents_hidden,
        )


# ------------------------------------------------------------------------------------------------ helpers


def _apply_household(session: Session, household: Household, data: HouseholdInput) -> None:
    composition = optional_lookup(
        session, Picklist.COMPOSITION, data.composition_code, field="composition_code", label="Composition"
    )
    situation = optional_lookup(
        session,
        Picklist.SITUATION_BEFORE_ENTRY,
        data.situation_before_entry_code,
        field="situation_before_entry_code",
        label="Situation avant l'entrée",
    )
    source = optional_lookup(
        session,
        Picklist.REFERRAL_SOURCE,
        data.referral_source_code,
        field="referral_source_code",
        label="Prescripteur",
    )
    household.composition_type_id = composition.id if composition else None
    household.situation_before_entry_id = situation.id if situation else None
    household.referral_source_id = source.id if source else None
    household.pet_count = data.pet_count
    household.pets_note = data.pets_note
    household.siao_reference = data.siao_reference
    household.numero_unique = data.numero_unique
    household.numero_unique_expires_on = data.numero_unique_expires_on


def _apply_person(session: Session, person: Person, data: PersonInput) -> None:
    status = optional_lookup(
        session,
        Picklist.ADMINISTRATIVE_STATUS,
        data.administrative_status_code,
        field="administrative_status_code",
        label="Statut administratif",
    )
    person.first_name = data.first_name
    person.last_name = data.last_name
    person.pseudonym = data.pseudonym
    person.birth_year = data.birth_year
    person.administrative_status_id = status.id if status else None
    person.administrative_status_deadline = data.administrative_status_deadline
    person.phone = data.phone


def _member_view(membership: HouseholdMembership) -> MemberView:
    person = membership.person
    status = person.administrative_status
    return MemberView(
        membership_id=membership.id,
        person_id=person.id,
        first_name=person.first_name,
        last_name=person.last_name,
        pseudonym=person.pseudonym,
        birth_year=person.birth_year,
        role_code=membership.role.code,
        role_label=membership.role.label,
        is_child=membership.role.is_child,
        start_date=membership.start_date,
        end_date=membership.end_date,
        end_reason=membership.end_reason,
        administrative_status_code=status.code if status else "",
        administrative_status_label=status.label if status else "",
        administrative_status_deadline=person.administrative_status_deadline,
        phone=person.phone,
    )


def _member_order(member: MemberView) -> tuple[int, int, date]:
    role_rank = {"reference": 0, "conjoint": 1, "autre_adulte": 2}.get(member.role_code, 3)
    # Children: eldest first; unknown birth years last.
    return (role_rank, (member.birth_year or 9999) if member.is_child else 0, member.start_date)


def _check_count_limit(at_most: int | None) -> None:
    if at_most is not None and not 0 <= at_most <= 1_000_000:
        raise ValidationError({"at_most": "Un décompte s'arrête entre 0 et 1 000 000 ménages."})
