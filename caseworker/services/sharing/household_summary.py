"""The household's own summary: a one-page, plain-language account of its support and of what it agreed to share.

The household is entitled to know who follows it, what it agreed to share with whom and until when, and what left
the association (docs/domain.md §7.2). The summary reads the consent rules (``rules.py``) and the disclosure log;
``LiaisonSheetService.household_summary`` (``liaison_sheet.py``) renders it and records the export.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import ConsentStatus
from caseworker.domain.consents import DOCUMENT_LABELS, SUPPORT_STATE_LABELS
from caseworker.formats import format_list
from caseworker.models import (
    Consent,
    ConsentCategory,
    Disclosure,
    Episode,
    Organisation,
    PartnerContact,
    StaffMember,
    TeamMembership,
)
from caseworker.reports.document_model import Letterhead
from caseworker.reports.household_summary import DisclosureFacts, HouseholdSummaryFacts, ReferentFacts, SharingFacts
from caseworker.services.households.adults import current_adults
from caseworker.services.identity import household_reference, printed_name, staff_display_name
from caseworker.services.sharing.rules import household_consents


def running_episodes(session: Session, household_id: int) -> list[Episode]:
    """Return the household's support episodes that run (those a partner document may mention), the latest first."""
    return list(
        session.scalars(
            select(Episode)
            .where(Episode.household_id == household_id, Episode.status.in_(list(SUPPORT_STATE_LABELS)))
            .order_by(Episode.orientation_date.desc())
        )
    )


def summary_facts(session: Session, household_id: int, letterhead: Letterhead, today: date) -> HouseholdSummaryFacts:
    """Gather what the household's summary says: its measures, its referents, what it agreed to share, what left."""
    episodes = running_episodes(session, household_id)
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
    sharing = sharing_facts(session, household_id, today)
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
        household_name=format_list(names),
        measures=tuple(episode.measure.name for episode in episodes),
        referents=tuple(referents),
        sharing=tuple(sharing),
        disclosures=tuple(disclosure_facts),
        association_phone=own.phone if own else "",
        association_address=" ".join(own.address.split()) if own else "",
    )


def sharing_facts(session: Session, household_id: int, today: date) -> list[SharingFacts]:
    """How things stand, person by person and recipient by recipient: only the record holding each truth."""
    rules = household_consents(session, household_id)
    rows = {
        consent.id: consent
        for consent in session.scalars(
            select(Consent)
            .where(Consent.household_id == household_id)
            .options(selectinload(Consent.person), selectinload(Consent.recipient))
        )
    }
    categories = list(session.scalars(select(ConsentCategory).order_by(ConsentCategory.sort_order)))
    groups: dict[tuple[int, int, str, date | None], list[str]] = {}
    for record in sorted(rules.records, key=lambda item: item.id, reverse=True):  # the newest first
        for category in categories:
            if category.code not in record.categories:
                continue
            if rules.truth(record.person_id, record.recipient_id, category.code, today) is not record:
                continue
            state = rules.state(record, today)
            until = state.last_day if state.status is ConsentStatus.ACCORDE else None
            groups.setdefault((record.id, record.recipient_id, state.label, until), []).append(category.label)
    return [
        SharingFacts(printed_name(rows[record_id].person), rows[record_id].recipient.name, tuple(labels), label, until)
        for (record_id, _recipient, label, until), labels in groups.items()
    ]
