"""The disclosure log (docs/domain.md §7.2): one way to write it, one way to read it.

Every document that leaves the association for a partner is written here when it leaves (printed, saved, copied
into an e-mail): what it was, to whom, how, which categories and fields (never values), and on what ground —
the consents that authorise it (``rules.py``), or a legal basis when no consent is needed. The
acknowledgement of a landlord's alert only names the referent: C0 information (docs/domain.md §7.1), shared
without consent, yet logged like the rest with the legal basis "C0". The rows are append-only (triggers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.domain import AuditAction
from caseworker.domain.consents import CHANNEL_LABELS, DOCUMENT_LABELS, LEGAL_BASIS_C0, LEGAL_BASIS_LABELS
from caseworker.models import Consent, ConsentCategory, Disclosure, Organisation, PartnerContact, StaffMember
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.identity import staff_display_name


@dataclass(frozen=True)
class DisclosureEntry:
    """What left, to whom and how (names of fields and category codes, never values)."""

    household_id: int | None
    recipient_id: int
    recipient_contact_id: int | None
    channel: str
    document_kind: str
    document_reference: str
    categories: Sequence[str] = ()
    fields: Sequence[str] = ()
    sha256: str = ""
    copy_siao: bool = False


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

    @property
    def legal_basis_label(self) -> str:
        """Return the legal basis in words ("" when the consents are the ground)."""
        return LEGAL_BASIS_LABELS.get(self.legal_basis, self.legal_basis)


def write_disclosure(
    session: Session,
    ctx: ServiceContext,
    entry: DisclosureEntry,
    *,
    consents: Sequence[Consent] = (),
    legal_basis: str = "",
) -> Disclosure:
    """Append one entry and its audit event, in the caller's transaction.

    A disclosure rests on the consents that authorise it or on a legal basis: a call with neither, or a C0
    document that claims a consented category, is a bug.
    """
    if not consents and not legal_basis:
        raise ValueError("a disclosure needs the consents that authorise it or a legal basis")
    if legal_basis == LEGAL_BASIS_C0 and (consents or entry.categories):
        raise ValueError("a C0 document carries no consented category")
    disclosure = Disclosure(
        at=ctx.clock.now(),
        staff_member_id=ctx.actor.staff_member_id,
        household_id=entry.household_id,
        recipient_id=entry.recipient_id,
        recipient_contact_id=entry.recipient_contact_id,
        channel=entry.channel,
        document_kind=entry.document_kind,
        document_reference=entry.document_reference,
        categories=",".join(entry.categories),
        fields=",".join(entry.fields)[:1000],
        legal_basis=legal_basis,
        copy_siao=entry.copy_siao,
        sha256=entry.sha256,
        consents=list(consents),
    )
    session.add(disclosure)
    session.flush()
    if ctx.team_mode:
        # The team's server dates and signs the entry itself (docs/domain.md §9.2): read back what it stored.
        session.refresh(disclosure, ["at", "staff_member_id"])
    audit.record(
        session,
        ctx,
        AuditAction.EXPORT,
        "disclosure",
        disclosure.id,
        household_id=entry.household_id,
        fields=[entry.channel],
    )
    return disclosure


def disclosure_view(session: Session, disclosure: Disclosure) -> DisclosureView:
    """Return one entry as the household file and the summary show it."""
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
