"""What the store knows of each household whose narrative may leave: the terms its narrative must not repeat.

Read in a few queries for every household at once (docs/domain.md §13, F68): its persons past and present (names,
pseudonyms, years of birth, phones), its references, its dwellings and the towns of the offers it received, its
partner contacts (on its team, named at an exit, taking part in its contacts, on its alerts, receiving its
documents), and the association's staff, whoever they follow.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.exports.narratives import HouseholdRecord
from caseworker.models import (
    Alert,
    Contact,
    ContactParticipant,
    Disclosure,
    Dwelling,
    Episode,
    ExitRecord,
    Household,
    HouseholdMembership,
    HousingProposal,
    Occupancy,
    PartnerContact,
    Person,
    StaffMember,
    TeamMembership,
)
from caseworker.models.sql import among
from caseworker.services.identity import household_reference


class _Terms:
    """One household's terms as they are gathered."""

    def __init__(self) -> None:
        self.members: list[str] = []
        self.birth_years: list[int] = []
        self.phones: list[str] = []
        self.emails: list[str] = []
        self.addresses: list[str] = []
        self.postcodes: list[str] = []
        self.towns: list[str] = []
        self.references: list[str] = []
        self.partners: list[str] = []
        self.partner_ids: set[int] = set()


def household_records(session: Session, households: Collection[int]) -> dict[int, HouseholdRecord]:
    """Each household's record to check its narratives against (every household asked for has one)."""
    if not households:
        return {}
    terms: dict[int, _Terms] = defaultdict(_Terms)
    _members(session, households, terms)
    _references(session, households, terms)
    _places(session, households, terms)
    _partners(session, households, terms)
    staff_names, staff_phones, staff_emails = _staff(session)
    contacts = _partner_contacts(session, {key for item in terms.values() for key in item.partner_ids})
    records = {}
    for household_id in households:
        item = terms[household_id]
        for contact_id in sorted(item.partner_ids):
            names, phone, email = contacts.get(contact_id, ((), "", ""))
            item.partners.extend(names)
            item.phones.append(phone)
            item.emails.append(email)
        records[household_id] = HouseholdRecord(
            member_names=_present(item.members),
            birth_years=tuple(sorted(set(item.birth_years))),
            phones=_present([*item.phones, *staff_phones]),
            emails=_present([*item.emails, *staff_emails]),
            addresses=_present(item.addresses),
            postcodes=_present(item.postcodes),
            towns=_present(item.towns),
            references=_present(item.references),
            partner_names=_present(item.partners),
            staff_names=staff_names,
        )
    return records


def _present(values: Iterable[str]) -> tuple[str, ...]:
    """The values given (stripped), each once, in a stable order."""
    return tuple(sorted({value.strip() for value in values if value and value.strip()}))


def _members(session: Session, households: Collection[int], terms: dict[int, _Terms]) -> None:
    query = (
        select(
            HouseholdMembership.household_id,
            Person.first_name,
            Person.last_name,
            Person.pseudonym,
            Person.birth_year,
            Person.phone,
        )
        .join(Person, Person.id == HouseholdMembership.person_id)
        .where(among(session, HouseholdMembership.household_id, households))
    )
    for household_id, first, last, pseudonym, birth_year, phone in session.execute(query):
        item = terms[household_id]
        item.members.extend((first, last, pseudonym))
        if birth_year is not None:
            item.birth_years.append(birth_year)
        item.phones.append(phone)


def _references(session: Session, households: Collection[int], terms: dict[int, _Terms]) -> None:
    query = select(Household.id, Household.siao_reference, Household.numero_unique).where(
        among(session, Household.id, households)
    )
    for household_id, siao, numero in session.execute(query):
        terms[household_id].references.extend((household_reference(household_id), siao, numero))


def _places(session: Session, households: Collection[int], terms: dict[int, _Terms]) -> None:
    """The dwellings of the household's occupancies (and of its alerts), and the towns of the offers it received."""
    dwellings = [
        select(Occupancy.household_id, Occupancy.dwelling_id).where(among(session, Occupancy.household_id, households)),
        select(Alert.household_id, Alert.dwelling_id).where(among(session, Alert.household_id, households)),
    ]
    wanted: dict[int, set[int]] = defaultdict(set)
    for query in dwellings:
        for household_id, dwelling_id in session.execute(query):
            if dwelling_id is not None:
                wanted[dwelling_id].add(household_id)
    if wanted:
        places = select(Dwelling.id, Dwelling.address, Dwelling.postcode, Dwelling.city).where(
            among(session, Dwelling.id, wanted)
        )
        for dwelling_id, address, postcode, city in session.execute(places):
            for household_id in wanted[dwelling_id]:
                item = terms[household_id]
                item.addresses.append(address)
                item.postcodes.append(postcode)
                item.towns.append(city)
    offers = select(HousingProposal.household_id, HousingProposal.city).where(
        among(session, HousingProposal.household_id, households)
    )
    for household_id, city in session.execute(offers):
        terms[household_id].towns.append(city)


def _partners(session: Session, households: Collection[int], terms: dict[int, _Terms]) -> None:
    """The partner contacts the household's file names, and the contact named in words at an exit."""
    linked = [
        select(TeamMembership.household_id, TeamMembership.partner_contact_id).where(
            among(session, TeamMembership.household_id, households)
        ),
        select(Alert.household_id, Alert.partner_contact_id).where(among(session, Alert.household_id, households)),
        select(Disclosure.household_id, Disclosure.recipient_contact_id).where(
            among(session, Disclosure.household_id, households)
        ),
        select(Contact.household_id, ContactParticipant.partner_contact_id)
        .join(ContactParticipant, ContactParticipant.contact_id == Contact.id)
        .where(among(session, Contact.household_id, households), ContactParticipant.partner_contact_id.is_not(None)),
        select(Episode.household_id, ExitRecord.handover_contact_id)
        .join(ExitRecord, ExitRecord.episode_id == Episode.id)
        .where(among(session, Episode.household_id, households)),
    ]
    for query in linked:
        for household_id, contact_id in session.execute(query):
            if household_id is not None and contact_id is not None:
                terms[household_id].partner_ids.add(contact_id)
    named = (
        select(Episode.household_id, ExitRecord.handover_contact_name)
        .join(ExitRecord, ExitRecord.episode_id == Episode.id)
        .where(among(session, Episode.household_id, households), ExitRecord.handover_contact_name != "")
    )
    for household_id, name in session.execute(named):
        terms[household_id].partners.append(name)


def _partner_contacts(session: Session, ids: set[int]) -> dict[int, tuple[tuple[str, str], str, str]]:
    if not ids:
        return {}
    query = select(
        PartnerContact.id,
        PartnerContact.first_name,
        PartnerContact.last_name,
        PartnerContact.phone,
        PartnerContact.email,
    ).where(among(session, PartnerContact.id, ids))
    return {row[0]: ((row[1], row[2]), row[3], row[4]) for row in session.execute(query)}


def _staff(session: Session) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Every staff member's names, phones and e-mails (a narrative names anyone of the association it met)."""
    names: list[str] = []
    phones: list[str] = []
    emails: list[str] = []
    query = select(StaffMember.first_name, StaffMember.last_name, StaffMember.phone, StaffMember.email)
    for first, last, phone, email in session.execute(query):
        names.extend((first, last))
        phones.append(phone)
        emails.append(email)
    return _present(names), _present(phones), _present(emails)
