"""The minutes' two PDFs: the internal minutes, and a partner's copy written to the disclosure log.

The partner copy follows the fiche navette (:mod:`caseworker.services.sharing.liaison_sheet`): a household is named
to the partner only when every current adult agreed in writing to share their identity with it (§7.4); its
decisions then appear in neutral words — those about the measure (C0: extension, step, exit, orientation) and,
with the consent for that category too, those about housing (C1: a glissement, "situation_logement") or a
tenancy alert (C1: an escalation, "alertes"). A change of intensity is an assessment (C2) and never leaves; nor
does a note, a household's own view or the general note. Preparing the copy is not a disclosure; once printed or
saved, :meth:`MeetingDocuments.record_partner_copy_sent` checks the consents again and writes the log: one entry
per household named (with the consents it rests on) and one C0 entry for the meeting itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.domain.consents import CHANNEL_LABELS, LEGAL_BASIS_C0
from caseworker.domain.debrief import DecisionKind
from caseworker.models import HouseholdMembership, Organisation
from caseworker.models.meetings import Meeting
from caseworker.reports.generated_pdf import GeneratedPdf
from caseworker.reports.meeting_minutes import (
    AttendeeFacts,
    DecisionFacts,
    ItemFacts,
    MinutesFacts,
    PartnerCopyFacts,
    PartnerItemFacts,
    build_internal_minutes,
    build_partner_copy,
)
from caseworker.services import audit
from caseworker.services.access_policy import require_consent_reader
from caseworker.services.context import ServiceContext
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.households.adults import current_adults
from caseworker.services.identity import printed_name
from caseworker.services.letterhead import LetterheadService
from caseworker.services.meetings.minutes import NOTE_CLASS_WORDS
from caseworker.services.meetings.records import load_meeting, meeting_view
from caseworker.services.meetings.views import DecisionView, ItemView, MeetingView
from caseworker.services.sharing.log import DisclosureEntry, DisclosureView, disclosure_view, write_disclosure
from caseworker.services.sharing.rules import (
    ConsentMissingError,
    MissingConsent,
    authorising_consents,
    consent_gaps,
    legal_grounds,
)

IDENTITY = "identite"
HOUSING = "situation_logement"
ALERTS = "alertes"
DOCUMENT_KIND = "compte_rendu_reunion"
PARTNER_COPY = "Compte rendu (copie partenaire)"

C0_DECISIONS = frozenset(
    {
        DecisionKind.EXTENSION,
        DecisionKind.STEP_VALIDATED,
        DecisionKind.EXIT,
        DecisionKind.ORIENTATION_ACCEPTED,
        DecisionKind.ORIENTATION_REFUSED,
    }
)
"""Decisions about the measure itself: partner information (C0) once the household may be named."""

C1_DECISIONS = {
    DecisionKind.GLISSEMENT_ACCEPTED: HOUSING,
    DecisionKind.GLISSEMENT_POSTPONED: HOUSING,
    DecisionKind.GLISSEMENT_REFUSED: HOUSING,
    DecisionKind.ESCALATION: ALERTS,
}
"""Decisions about the tenancy (C1), each shared only with the consent for its category."""

C0_FIELDS = ("type_reunion", "date_reunion", "lieu", "participants_professionnels")


@dataclass(frozen=True)
class SharedHousehold:
    """A household named in a partner copy, and the consent categories its lines rest on."""

    household_id: int
    categories: tuple[str, ...]


@dataclass(frozen=True)
class PreparedPartnerCopy:
    """A partner copy ready to preview; :meth:`MeetingDocuments.record_partner_copy_sent` takes it back."""

    pdf: GeneratedPdf
    reference: str
    meeting_id: int
    recipient_id: int
    recipient_contact_id: int | None
    households: tuple[SharedHousehold, ...]
    sha256: str


def _reference(meeting: Meeting | MeetingView) -> str:
    return f"CR-{meeting.id:06d}-{meeting.held_on:%Y%m%d}"


def _decision_facts(decisions: tuple[DecisionView, ...]) -> tuple[DecisionFacts, ...]:
    return tuple(DecisionFacts(item.kind_label, item.summary) for item in decisions)


def _item_facts(item: ItemView) -> ItemFacts:
    return ItemFacts(
        title=item.household_name or item.label,
        for_household=item.household_id is not None,
        kind_label=item.kind_label,
        label=item.label,
        household_present=item.household_present,
        household_view=item.household_view,
        note=item.note,
        note_class_label=NOTE_CLASS_WORDS[item.note_class],
        note_hidden=item.note_hidden,
        decisions=_decision_facts(item.decisions),
    )


def _professionals(view: MeetingView) -> tuple[AttendeeFacts, ...]:
    """The attendees a partner may read: staff and partners (a household member is named only with consent)."""
    return tuple(
        AttendeeFacts(item.name, item.capacity, item.present) for item in view.attendees if item.person_id is None
    )


class MeetingDocuments:
    """Produces the minutes' PDFs and writes the partner copies to the disclosure log."""

    def __init__(self, ctx: ServiceContext, letterhead: LetterheadService) -> None:
        self._ctx = ctx
        self._letterhead = letterhead

    def internal_minutes(self, meeting_id: int) -> GeneratedPdf:
        """Return the internal minutes as this reader may read them.

        Recorded as an export of the meeting, and once in the history of each household this copy holds.
        """
        from caseworker.reports.pdf import render_pdf

        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            meeting = load_meeting(session, meeting_id)
            view = meeting_view(session, self._ctx, meeting)
            facts = MinutesFacts(
                meeting_label=view.type_label,
                held_on=view.held_on,
                place=view.place,
                urgent=view.urgent,
                reference=_reference(view),
                issued_on=today,
                letterhead=self._letterhead.letterhead(session),
                attendees=tuple(AttendeeFacts(item.name, item.capacity, item.present) for item in view.attendees),
                items=tuple(_item_facts(item) for item in view.items),
                general_note=view.general_note,
            )
            audit.record(session, self._ctx, AuditAction.EXPORT, "meeting", meeting.id)
            # Each household this reader's copy holds has the export in its own history (§9).
            for household_id in _households_in(session, view):
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.EXPORT,
                    "meeting",
                    meeting.id,
                    household_id=household_id,
                    fields=["minutes"],
                )
        pdf = render_pdf(build_internal_minutes(facts))
        return GeneratedPdf(pdf, f"Compte rendu {facts.reference}.pdf", frozen=False)

    def partner_copy(
        self, meeting_id: int, recipient_id: int, *, recipient_contact_id: int | None = None
    ) -> PreparedPartnerCopy:
        """Build a partner's copy in memory: C0, and each household's lines as its adults' consents allow."""
        from caseworker.reports.pdf import render_pdf

        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            recipient = session.get(Organisation, recipient_id)
            if recipient is None:
                raise NotFoundError("Ce partenaire n'existe plus dans l'annuaire.")
            view = meeting_view(session, self._ctx, load_meeting(session, meeting_id))
            items: list[PartnerItemFacts] = []
            shared: list[SharedHousehold] = []
            hidden = 0
            for item in view.items:
                if item.household_id is None:
                    continue  # an item of no household is the association's own business
                allowed = self._allowed(session, item.household_id, recipient_id, recipient_contact_id, item)
                if allowed is None:
                    hidden += 1
                    continue
                decisions = tuple(
                    decision
                    for decision in item.decisions
                    if decision.kind in C0_DECISIONS or C1_DECISIONS.get(decision.kind) in allowed
                )
                names = ", ".join(
                    printed_name(person) for person, _role in current_adults(session, item.household_id, today)
                )
                items.append(PartnerItemFacts(names, item.household_present, _decision_facts(decisions)))
                used = {IDENTITY} | {C1_DECISIONS[d.kind] for d in decisions if d.kind in C1_DECISIONS}
                shared.append(SharedHousehold(item.household_id, tuple(sorted(used))))
            facts = PartnerCopyFacts(
                meeting_label=view.type_label,
                held_on=view.held_on,
                place=view.place,
                recipient_name=recipient.name,
                reference=_reference(view),
                issued_on=today,
                letterhead=self._letterhead.letterhead(session),
                attendees=_professionals(view),
                items=tuple(items),
                not_detailed=hidden,
            )
        pdf = render_pdf(build_partner_copy(facts))
        return PreparedPartnerCopy(
            GeneratedPdf(pdf, f"Compte rendu {facts.reference} — {facts.recipient_name}.pdf", frozen=False),
            facts.reference,
            meeting_id,
            recipient_id,
            recipient_contact_id,
            _merge(shared),
            hashlib.sha256(pdf).hexdigest(),
        )

    def _allowed(
        self, session: Session, household_id: int, recipient_id: int, contact_id: int | None, item: ItemView
    ) -> set[str] | None:
        """The categories every adult agreed to share with the recipient (None: the household may not be named)."""
        today = self._ctx.clock.today()
        if consent_gaps(session, household_id, recipient_id, (IDENTITY,), contact_id, today):
            return None
        wanted = {C1_DECISIONS[d.kind] for d in item.decisions if d.kind in C1_DECISIONS}
        return {IDENTITY} | {
            code for code in wanted if not consent_gaps(session, household_id, recipient_id, (code,), contact_id, today)
        }

    def record_partner_copy_sent(self, copy: PreparedPartnerCopy, *, channel: str) -> list[DisclosureView]:
        """Write the disclosures once the copy is printed or saved (the consents checked once more)."""
        today = self._ctx.clock.today()
        if channel not in CHANNEL_LABELS:
            raise ValidationError({"channel": "Indiquez comment le compte rendu est transmis."})
        with self._ctx.transaction() as session:
            require_consent_reader(session, self._ctx.actor.staff_member_id)
            recipient = session.get(Organisation, copy.recipient_id)
            if recipient is None:
                raise NotFoundError("Ce partenaire n'existe plus dans l'annuaire.")
            missing: list[MissingConsent] = []
            for household in copy.households:
                missing += consent_gaps(
                    session,
                    household.household_id,
                    recipient.id,
                    household.categories,
                    copy.recipient_contact_id,
                    today,
                )
            if missing:
                raise ConsentMissingError(recipient.name, missing, document=PARTNER_COPY)
            written = [
                write_disclosure(
                    session,
                    self._ctx,
                    DisclosureEntry(
                        household_id=None,
                        recipient_id=recipient.id,
                        recipient_contact_id=copy.recipient_contact_id,
                        channel=channel,
                        document_kind=DOCUMENT_KIND,
                        document_reference=copy.reference,
                        fields=C0_FIELDS,
                        sha256=copy.sha256,
                    ),
                    legal_basis=LEGAL_BASIS_C0,
                )
            ]
            for household in copy.households:
                args = (session, household.household_id, recipient.id, household.categories, copy.recipient_contact_id)
                written.append(
                    write_disclosure(
                        session,
                        self._ctx,
                        DisclosureEntry(
                            household_id=household.household_id,
                            recipient_id=recipient.id,
                            recipient_contact_id=copy.recipient_contact_id,
                            channel=channel,
                            document_kind=DOCUMENT_KIND,
                            document_reference=copy.reference,
                            categories=household.categories,
                            fields=("noms_des_adultes", "menage_present", "decisions"),
                            sha256=copy.sha256,
                        ),
                        consents=authorising_consents(*args, today),
                        legal_basis=legal_grounds(*args, today),
                    )
                )
            return [disclosure_view(session, row) for row in written]


def _households_in(session: Session, view: MeetingView) -> list[int]:
    """The households the internal minutes hold for this reader: those of its items, and those of a member attending.

    A member attending is named in the attendance list even when their household has no item: their household
    (the one they belong to on the meeting's day, as far as this reader sees it) has the export in its history too.
    """
    found = {item.household_id for item in view.items if item.household_id is not None}
    people = {item.person_id for item in view.attendees if item.person_id is not None}
    if people:
        found.update(
            session.scalars(
                select(HouseholdMembership.household_id).where(
                    HouseholdMembership.person_id.in_(people),
                    HouseholdMembership.start_date <= view.held_on,
                    or_(HouseholdMembership.end_date.is_(None), HouseholdMembership.end_date >= view.held_on),
                )
            )
        )
    return sorted(found)


def _merge(shared: list[SharedHousehold]) -> tuple[SharedHousehold, ...]:
    """One entry per household (it may have several items), with every category its lines used."""
    merged: dict[int, set[str]] = {}
    for item in shared:
        merged.setdefault(item.household_id, set()).update(item.categories)
    return tuple(SharedHousehold(key, tuple(sorted(value))) for key, value in merged.items())
