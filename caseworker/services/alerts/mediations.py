"""Tripartite mediations held about an alert: who took part, what was agreed, when to follow up.

A mediation is recorded with the action "médiation tripartite" of an alert (:meth:`AlertService.add_action`):
the household, the landlord and the association must each be represented; other people (a neighbour, the
building's guardian, an interpreter) may be named. The helpers here check and build it inside the alert
service's transaction, list the people who may be ticked, and turn a stored mediation into a plain view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from caseworker.domain import Party
from caseworker.domain.alerts import MEDIATION_PARTY_LABELS
from caseworker.formats import format_date, format_list
from caseworker.models import (
    Alert,
    AlertMediation,
    HouseholdMembership,
    MediationParticipant,
    MemberRole,
    PartnerContact,
    Person,
    StaffMember,
    TeamMembership,
)
from caseworker.services.date_rules import DateKind
from caseworker.services.households import current_adults, is_adult
from caseworker.services.identity import person_display_name, staff_display_name
from caseworker.services.validation import LABEL_MAX, LONG_TEXT_MAX, Problems

REQUIRED_PARTIES = (Party.MENAGE, Party.BAILLEUR, Party.ASSOCIATION)
NAME_MAX = LABEL_MAX


@dataclass(frozen=True)
class ParticipantLine:
    """Someone at the mediation: a household member, a contact, a professional, or a name typed in."""

    party: Party
    person_id: int | None = None
    partner_contact_id: int | None = None
    staff_member_id: int | None = None
    name: str = ""


@dataclass(frozen=True)
class MediationInput:
    """What a mediation recorded: who took part, the agreement reached, the date it is checked again."""

    participants: tuple[ParticipantLine, ...]
    agreement: str
    follow_up_on: date | None


@dataclass(frozen=True)
class ParticipantOption:
    """A person the mediation dialog offers to tick."""

    line: ParticipantLine
    name: str
    detail: str  # French: "Ménage", "Habitat 35 — contentieux", "Association Le Toit"


@dataclass(frozen=True)
class ParticipantView:
    """A participant as shown."""

    party: Party
    party_label: str
    name: str


@dataclass(frozen=True)
class MediationView:
    """A stored mediation."""

    participants: tuple[ParticipantView, ...]
    agreement: str
    follow_up_on: date
    follow_up_due: bool  # the follow-up date has come

    @property
    def summary(self) -> str:
        """One French line: the agreement, the follow-up date and who took part."""
        people = ", ".join(f"{item.name} ({item.party_label.lower()})" for item in self.participants)
        return f"Accord : {self.agreement} · suivi le {format_date(self.follow_up_on)} · participants : {people}"


def participant_options(
    session: Session, alert: Alert, current_staff_id: int | None, today: date
) -> list[ParticipantOption]:
    """Return the household's adults, the landlord's contacts and the household's team (and the user), in order."""
    options: list[ParticipantOption] = []
    for person, role in current_adults(session, alert.household_id, today):
        options.append(
            ParticipantOption(
                ParticipantLine(Party.MENAGE, person_id=person.id),
                person_display_name(person.first_name, person.last_name, person.pseudonym),
                f"{MEDIATION_PARTY_LABELS[Party.MENAGE]} — {role.lower()}",
            )
        )
    contacts = session.scalars(
        select(PartnerContact)
        .where(PartnerContact.organisation_id == alert.landlord_id, PartnerContact.active.is_(True))
        .order_by(PartnerContact.last_name, PartnerContact.first_name)
    )
    for contact in contacts:
        role = f" — {contact.role.label.lower()}" if contact.role else ""
        options.append(
            ParticipantOption(
                ParticipantLine(Party.BAILLEUR, partner_contact_id=contact.id),
                staff_display_name(contact.first_name, contact.last_name),
                f"{contact.organisation.name}{role}",
            )
        )
    team = session.scalars(
        select(TeamMembership).where(
            TeamMembership.household_id == alert.household_id, TeamMembership.end_date.is_(None)
        )
    ).all()
    staff_ids = [member.staff_member_id for member in team if member.staff_member_id is not None]
    if current_staff_id is not None and current_staff_id not in staff_ids:
        staff_ids.append(current_staff_id)
    for staff_id in staff_ids:
        staff = session.get(StaffMember, staff_id)
        if staff is not None and staff.active:
            options.append(
                ParticipantOption(
                    ParticipantLine(Party.ASSOCIATION, staff_member_id=staff.id),
                    staff_display_name(staff.first_name, staff.last_name),
                    staff.organisation.name if staff.organisation else MEDIATION_PARTY_LABELS[Party.ASSOCIATION],
                )
            )
    partners = [member.partner_contact_id for member in team if member.partner_contact_id is not None]
    for contact_id in partners:
        partner = session.get(PartnerContact, contact_id)
        if partner is not None and partner.active and partner.organisation_id != alert.landlord_id:
            options.append(
                ParticipantOption(
                    ParticipantLine(Party.AUTRE, partner_contact_id=partner.id),
                    staff_display_name(partner.first_name, partner.last_name),
                    partner.organisation.name,
                )
            )
    return options


def build_mediation(
    session: Session, alert: Alert, data: MediationInput, held_on: date, problems: Problems, *, today: date
) -> AlertMediation | None:
    """Check a mediation against its alert and return it unsaved (None, with ``problems`` filled, when refused)."""
    agreement = problems.text(
        "agreement", data.agreement, label="Accord trouvé", max_length=LONG_TEXT_MAX, required=True, multiline=True
    )
    if data.follow_up_on is None:
        problems.add("follow_up_on", "Indiquez la date à laquelle l'accord sera vérifié avec les parties.")
    else:
        problems.date("follow_up_on", data.follow_up_on, kind=DateKind.PLANNED, label="Suivi", today=today)
        problems.ordered(
            "follow_up_on", held_on, data.follow_up_on, start_label="La médiation", end_label="La date du suivi"
        )
    participants: list[MediationParticipant] = []
    seen: dict[tuple[object, ...], Party] = {}
    for line in data.participants:
        # One person, once: the same line twice is kept once; the same person for two parties is refused.
        key = (line.person_id, line.partner_contact_id, line.staff_member_id, " ".join(line.name.split()).casefold())
        if key in seen:
            if seen[key] is not line.party:
                problems.add("participants", "Une même personne ne peut pas représenter deux parties.")
            continue
        seen[key] = line.party
        participant = _participant(session, alert, line, held_on, problems)
        if participant is not None:
            participant.sort_order = len(participants)
            participants.append(participant)
    present = {participant.party for participant in participants}
    missing = [MEDIATION_PARTY_LABELS[party].lower() for party in REQUIRED_PARTIES if party not in present]
    if missing:
        problems.add(
            "participants",
            "Une médiation tripartite réunit le ménage, le bailleur et l'association : "
            f"il manque {format_list(missing)}.",
        )
    if problems or data.follow_up_on is None:
        return None
    return AlertMediation(agreement=agreement, follow_up_on=data.follow_up_on, participants=participants)


def mediation_view(mediation: AlertMediation, today: date) -> MediationView:
    """Return a stored mediation as plain values."""
    return MediationView(
        participants=tuple(
            ParticipantView(item.party, MEDIATION_PARTY_LABELS[item.party], participant_name(item))
            for item in mediation.participants
        ),
        agreement=mediation.agreement,
        follow_up_on=mediation.follow_up_on,
        follow_up_due=today >= mediation.follow_up_on,
    )


def participant_name(participant: MediationParticipant) -> str:
    """Return how a participant is named (the person, contact or professional, else the typed name)."""
    if participant.person is not None:
        person = participant.person
        return person_display_name(person.first_name, person.last_name, person.pseudonym)
    if participant.partner_contact is not None:
        return staff_display_name(participant.partner_contact.first_name, participant.partner_contact.last_name)
    if participant.staff_member is not None:
        return staff_display_name(participant.staff_member.first_name, participant.staff_member.last_name)
    return participant.name


def _participant(
    session: Session, alert: Alert, line: ParticipantLine, held_on: date, problems: Problems
) -> MediationParticipant | None:
    """Check one participant: each party has its own kind of person.

    The household is one of its adults on the day; the landlord, one of the alert's landlord's contacts; the
    association, a professional of the directory; anyone else is named or is a contact of another organisation.
    """
    references = [ref for ref in (line.person_id, line.partner_contact_id, line.staff_member_id) if ref is not None]
    name = problems.text("participants", line.name, label="Participant", max_length=NAME_MAX)
    if len(references) > 1 or (references and name):
        problems.add(
            "participants",
            "Un participant est une seule personne : un membre du ménage, un contact, un professionnel ou un nom.",
        )
        return None
    party = line.party
    if party is Party.MENAGE:
        if line.person_id is None or not _adult_member_on(session, alert.household_id, line.person_id, held_on):
            problems.add(
                "participants", "Le ménage est représenté par l'un de ses adultes, membre du ménage ce jour-là."
            )
            return None
    elif party is Party.BAILLEUR:
        contact = session.get(PartnerContact, line.partner_contact_id) if line.partner_contact_id else None
        if contact is None or contact.organisation_id != alert.landlord_id:
            problems.add(
                "participants",
                "Le bailleur est représenté par l'un de ses contacts de l'annuaire "
                "(ajoutez-le dans l'annuaire s'il n'y est pas).",
            )
            return None
    elif party is Party.ASSOCIATION:
        if line.staff_member_id is None or session.get(StaffMember, line.staff_member_id) is None:
            problems.add("participants", "L'association est représentée par l'un des professionnels de l'annuaire.")
            return None
    elif line.partner_contact_id is not None:
        contact = session.get(PartnerContact, line.partner_contact_id)
        if contact is None or contact.organisation_id == alert.landlord_id:
            problems.add("participants", "Un contact du bailleur participe au titre du bailleur.")
            return None
    elif line.person_id is not None or line.staff_member_id is not None:
        problems.add("participants", "Les membres du ménage et les professionnels participent au titre de leur partie.")
        return None
    elif not name:
        problems.add("participants", "Nommez chaque participant qui n'est ni au dossier ni dans l'annuaire.")
        return None
    return MediationParticipant(
        party=party,
        person_id=line.person_id,
        partner_contact_id=line.partner_contact_id,
        staff_member_id=line.staff_member_id,
        name=name,
    )


def _adult_member_on(session: Session, household_id: int, person_id: int, day: date) -> bool:
    """Tell whether the person is an adult member of the household who had not left it on ``day``."""
    row = session.execute(
        select(Person.birth_year, MemberRole.is_child)
        .join(HouseholdMembership, HouseholdMembership.person_id == Person.id)
        .join(MemberRole, MemberRole.id == HouseholdMembership.role_id)
        .where(
            HouseholdMembership.household_id == household_id,
            HouseholdMembership.person_id == person_id,
            # Not gone by then (a file opened after the mediation may date the membership from its opening).
            or_(HouseholdMembership.end_date.is_(None), HouseholdMembership.end_date >= day),
        )
        .limit(1)
    ).first()
    if row is None:
        return False
    birth_year, is_child = row
    return is_adult(child_role=is_child, birth_year=birth_year, on=day)
