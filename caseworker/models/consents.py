"""The consent register: what a household member agreed (or refused) to share, with whom, until when."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.domain import ConsentStatus
from caseworker.models.base import Base, UtcDateTime, utc_now
from caseworker.models.reference import ConsentCategory, EvidencePlace, PartnerRole

if TYPE_CHECKING:
    from caseworker.models.directory import Organisation, StaffMember
    from caseworker.models.documents import Document
    from caseworker.models.households import Household, Person


consent_category_link = Table(
    "consent_category_link",
    Base.metadata,
    Column("consent_id", ForeignKey("consent.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("consent_category.id"), primary_key=True),
)


class Consent(Base):
    """One consent record. Terminal states (refusé, révoqué, expiré) are renewed by a new record."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    recipient_role_id: Mapped[int | None] = mapped_column(ForeignKey("partner_role.id"))
    purpose: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ConsentStatus] = mapped_column(SqlEnum(ConsentStatus, native_enum=False, length=16))
    requested_on: Mapped[date]
    decided_on: Mapped[date | None]
    valid_from: Mapped[date | None]
    expires_on: Mapped[date | None]
    revoked_on: Mapped[date | None]
    status_note: Mapped[str] = mapped_column(Text, default="")
    covers_after_care: Mapped[bool] = mapped_column(default=False)
    evidence_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    # Where the signed original is kept (revision 0008): a place from the list and its reference (cote).
    evidence_place_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_place.id"))
    evidence_reference: Mapped[str] = mapped_column(String(100), default="")
    # Free text of revisions before 0008, kept and shown as such ("mention ancienne"); no longer written.
    evidence_note: Mapped[str] = mapped_column(String(300), default="")
    # The order in which the household's consent decisions were recorded (signature, refusal, withdrawal): on
    # the same day, the one recorded last is the truth (revision 0010; NULL for decisions recorded before).
    decision_seq: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    household: Mapped[Household] = relationship(back_populates="consents")
    person: Mapped[Person] = relationship()
    recipient: Mapped[Organisation] = relationship()
    recipient_role: Mapped[PartnerRole | None] = relationship()
    categories: Mapped[list[ConsentCategory]] = relationship(secondary=consent_category_link)
    evidence_document: Mapped[Document | None] = relationship()
    evidence_place: Mapped[EvidencePlace | None] = relationship()


legal_basis_category_link = Table(
    "legal_basis_category_link",
    Base.metadata,
    Column("legal_basis_id", ForeignKey("legal_basis.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("consent_category.id"), primary_key=True),
)


class LegalBasis(Base):
    """A ground in law to share categories with a recipient without, or despite, a household member's consent.

    Recorded by the chef·fe de service logged in (docs/domain.md §7.5); it overrides a refusal for the person (or
    every adult when ``person_id`` is None), the recipient and the categories it names, from ``decided_on`` until
    ``ends_on`` or its withdrawal. A disclosure made on it names it in the disclosure log.
    """

    __tablename__ = "legal_basis"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    ground: Mapped[str] = mapped_column(String(300))
    decided_on: Mapped[date]
    ends_on: Mapped[date | None]
    withdrawn_on: Mapped[date | None]
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id"))
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    person: Mapped[Person | None] = relationship()
    recipient: Mapped[Organisation] = relationship()
    categories: Mapped[list[ConsentCategory]] = relationship(secondary=legal_basis_category_link)
    decided_by: Mapped[StaffMember] = relationship(foreign_keys=[decided_by_id])
