"""The disclosure log: every document that left the association for a partner (docs/domain.md §7.2).

Append-only (database triggers refuse UPDATE and DELETE): past disclosures stay logged after a consent is
revoked. It records what was sent (document, categories of information), to whom, how, under which consents or
which legal basis, and whether the SIAO was copied — never the content itself.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.models.base import Base, UtcDateTime, utc_now
from caseworker.models.consents import Consent

disclosure_consent_link = Table(
    "disclosure_consent_link",
    Base.metadata,
    Column("disclosure_id", ForeignKey("disclosure.id"), primary_key=True),
    Column("consent_id", ForeignKey("consent.id"), primary_key=True),
)


class Disclosure(Base):
    """One document sent (or handed, printed for, saved for) a recipient."""

    __tablename__ = "disclosure"
    __table_args__ = (Index("ix_disclosure_household_at", "household_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    recipient_contact_id: Mapped[int | None] = mapped_column(ForeignKey("partner_contact.id"))
    channel: Mapped[str] = mapped_column(String(32))  # impression, fichier, remise en main propre…
    document_kind: Mapped[str] = mapped_column(String(64))  # fiche_navette, contrat_objectifs…
    document_reference: Mapped[str] = mapped_column(String(60))
    categories: Mapped[str] = mapped_column(String(500), default="")  # consent category codes, comma-separated
    fields: Mapped[str] = mapped_column(String(1000), default="")  # names of the fields sent, never values
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    copy_siao: Mapped[bool] = mapped_column(default=False)
    sha256: Mapped[str] = mapped_column(String(64), default="")

    consents: Mapped[list[Consent]] = relationship(secondary=disclosure_consent_link)
