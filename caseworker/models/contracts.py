"""Tripartite contracts, protocols, attestations and framework agreements, with their versions (docs/domain.md §3.6).

A contract is a sequence of versions. Version 1 is the original; each amendment (avenant) is version n+1, drafted
from the version in force, which stays in force until the new one is signed by every party. A version's content
(clauses, objectives, commitments, review dates, signatories) belongs to it alone, so earlier versions remain
exactly as they were signed. Clause texts start from the kind's template (versioned reference data, editable in
Paramètres) with their placeholders filled in, and may then be edited in the draft.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Enum as SqlEnum
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caseworker.domain import ContractStatus, Party, SignatureMethod
from caseworker.models.base import Base, ReferenceItem, UtcDateTime, utc_now

if TYPE_CHECKING:
    from caseworker.models.directory import Organisation
    from caseworker.models.reference import Topic


class ContractKind(ReferenceItem, Base):
    """A kind of document the association drafts with its partners; each has a versioned clause template.

    ``signing_parties`` lists who signs, in the order of the signature blocks (space-separated
    :class:`Party` values). ``with_household`` is False for the convention cadre (landlord and
    association only). ``landlord_facing``: the document goes to the landlord, so it may carry only C0/C1
    information (docs/domain.md §7.2). ``nature_notice`` is printed in a box under the title.
    """

    __tablename__ = "contract_kind"
    description: Mapped[str] = mapped_column(Text, default="")
    signing_parties: Mapped[str] = mapped_column(String(100), default="bailleur association menage")
    with_household: Mapped[bool] = mapped_column(default=True)
    landlord_facing: Mapped[bool] = mapped_column(default=True)
    with_debt: Mapped[bool] = mapped_column(default=False)  # protocole de maintien: debt, plan, sub-lease term
    with_alert_rules: Mapped[bool] = mapped_column(default=False)  # convention cadre: response deadlines
    default_term_months: Mapped[int | None]  # None: "durée non déterminée" unless the person sets an end
    nature_notice: Mapped[str] = mapped_column(Text, default="")


class ContractTemplate(Base):
    """One version of a kind's clause template. Editing a template adds a version; old ones stay readable."""

    __tablename__ = "contract_template"
    __table_args__ = (UniqueConstraint("kind_id", "version", name="uq_contract_template_kind_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind_id: Mapped[int] = mapped_column(ForeignKey("contract_kind.id"), index=True)
    version: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")  # what changed and why
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))

    kind: Mapped[ContractKind] = relationship()
    clauses: Mapped[list[ContractTemplateClause]] = relationship(
        back_populates="template", order_by="ContractTemplateClause.sort_order", cascade="all, delete-orphan"
    )


class ContractTemplateClause(Base):
    """A clause of a template: a heading and a text with ``{placeholders}``.

    ``required``: the clause may not be left empty when the document goes to signature (the sections a
    convention cadre must have, docs/domain.md §7.2).
    """

    __tablename__ = "contract_template_clause"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("contract_template.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    required: Mapped[bool] = mapped_column(default=False)
    sort_order: Mapped[int] = mapped_column(default=0)

    template: Mapped[ContractTemplate] = relationship(back_populates="clauses")


class Contract(Base):
    """A document agreed between parties, as a sequence of versions. Its reference is derived from its id."""

    __tablename__ = "contract"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind_id: Mapped[int] = mapped_column(ForeignKey("contract_kind.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), index=True)
    landlord_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episode.id"))
    ended_on: Mapped[date | None]
    end_status: Mapped[ContractStatus | None] = mapped_column(SqlEnum(ContractStatus, native_enum=False, length=16))
    end_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    # Bumped by every change a person saves; a save typed against an older version is refused (docs/domain.md §9.4).
    row_version: Mapped[int] = mapped_column(default=1, server_default="1")

    kind: Mapped[ContractKind] = relationship()
    landlord: Mapped[Organisation | None] = relationship()
    versions: Mapped[list[ContractVersion]] = relationship(
        back_populates="contract", order_by="ContractVersion.number", cascade="all, delete-orphan"
    )


class ContractVersion(Base):
    """One version of a contract: its content, its status and its signatures.

    Amounts are in cents. ``ends_on`` None means "durée non déterminée". The PDF sent for signature is frozen
    (stored inside the encrypted database with its SHA-256) so that what was signed can be printed again.
    """

    __tablename__ = "contract_version"
    __table_args__ = (UniqueConstraint("contract_id", "number", name="uq_contract_version_contract_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id"), index=True)
    number: Mapped[int]
    status: Mapped[ContractStatus] = mapped_column(SqlEnum(ContractStatus, native_enum=False, length=16))
    template_id: Mapped[int | None] = mapped_column(ForeignKey("contract_template.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    amendment_note: Mapped[str] = mapped_column(Text, default="")  # what the avenant changes, and why
    # protocole de maintien
    debt_cents: Mapped[int | None]
    debt_as_of: Mapped[date | None]
    instalment_cents: Mapped[int | None]
    instalment_months: Mapped[int | None]
    sublease_months: Mapped[int | None]
    sublease_renewals: Mapped[int | None]
    # convention cadre
    target_households: Mapped[int | None]
    # Whose public holidays count the alert deadlines (calendar_fr.TERRITORIES); None: the association's setting.
    territory: Mapped[str | None] = mapped_column(String(8))
    drafted_on: Mapped[date]
    sent_for_signature_on: Mapped[date | None]
    in_force_on: Mapped[date | None]
    replaced_on: Mapped[date | None]
    pdf_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    scan_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))

    contract: Mapped[Contract] = relationship(back_populates="versions")
    template: Mapped[ContractTemplate | None] = relationship()
    clauses: Mapped[list[ContractClause]] = relationship(
        back_populates="version", order_by="ContractClause.sort_order", cascade="all, delete-orphan"
    )
    objectives: Mapped[list[ContractObjective]] = relationship(
        back_populates="version", order_by="ContractObjective.sort_order", cascade="all, delete-orphan"
    )
    commitments: Mapped[list[ContractCommitment]] = relationship(
        back_populates="version", order_by="ContractCommitment.sort_order", cascade="all, delete-orphan"
    )
    reviews: Mapped[list[ContractReview]] = relationship(
        back_populates="version", order_by="ContractReview.due_on", cascade="all, delete-orphan"
    )
    signatories: Mapped[list[ContractSignatory]] = relationship(
        back_populates="version", order_by="ContractSignatory.sort_order", cascade="all, delete-orphan"
    )
    alert_rules: Mapped[list[ConventionAlertRule]] = relationship(
        back_populates="version", cascade="all, delete-orphan"
    )


class ContractClause(Base):
    """A clause of one version, as it will be printed (placeholders already filled in)."""

    __tablename__ = "contract_clause"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("contract_version.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    required: Mapped[bool] = mapped_column(default=False)
    sort_order: Mapped[int] = mapped_column(default=0)

    version: Mapped[ContractVersion] = relationship(back_populates="clauses")


class ContractObjective(Base):
    """An objective of the contract, in the household's own words (``objective_id``: the episode's, if any)."""

    __tablename__ = "contract_objective"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("contract_version.id"), index=True)
    objective_id: Mapped[int | None] = mapped_column(ForeignKey("objective.id"))
    text: Mapped[str] = mapped_column(Text)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"))
    owner: Mapped[Party] = mapped_column(SqlEnum(Party, native_enum=False, length=16))
    sort_order: Mapped[int] = mapped_column(default=0)

    version: Mapped[ContractVersion] = relationship(back_populates="objectives")
    theme: Mapped[Topic | None] = relationship()


class ContractCommitment(Base):
    """One commitment of one party ("rester en lien", "garantie de loyer pendant la sous-location"…)."""

    __tablename__ = "contract_commitment"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("contract_version.id"), index=True)
    party: Mapped[Party] = mapped_column(SqlEnum(Party, native_enum=False, length=16))
    text: Mapped[str] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(default=0)

    version: Mapped[ContractVersion] = relationship(back_populates="commitments")


class ContractReview(Base):
    """A date of the review calendar (bilan, COSI, point d'étape on the glissement…)."""

    __tablename__ = "contract_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("contract_version.id"), index=True)
    due_on: Mapped[date]
    label: Mapped[str] = mapped_column(String(200))

    version: Mapped[ContractVersion] = relationship(back_populates="reviews")


class ContractSignatory(Base):
    """Who signs for a party, and (once recorded) when, where and how they signed.

    Exactly one of ``person_id`` (an adult of the household), ``staff_member_id`` (for the association) and
    ``partner_contact_id`` (for the landlord) is set, or none for a signatory typed by hand (a landlord's
    director who is not in the directory). ``name`` and ``capacity`` are kept as printed.
    """

    __tablename__ = "contract_signatory"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("contract_version.id"), index=True)
    party: Mapped[Party] = mapped_column(SqlEnum(Party, native_enum=False, length=16))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))
    partner_contact_id: Mapped[int | None] = mapped_column(ForeignKey("partner_contact.id"))
    name: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[str] = mapped_column(String(200), default="")
    sort_order: Mapped[int] = mapped_column(default=0)
    signed_on: Mapped[date | None]
    signed_place: Mapped[str] = mapped_column(String(100), default="")
    signed_how: Mapped[SignatureMethod | None] = mapped_column(SqlEnum(SignatureMethod, native_enum=False, length=16))
    recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_member.id"))

    version: Mapped[ContractVersion] = relationship(back_populates="signatories")


class AlertType(ReferenceItem, Base):
    """A kind of alert between a landlord and the association, with its default response deadlines.

    ``direction``: ``to_association`` (the landlord warns the association) or ``to_landlord``. Deadlines are in
    French working days (docs/domain.md §4); a convention cadre may override them for its landlord.
    """

    __tablename__ = "alert_type"
    direction: Mapped[str] = mapped_column(String(16), default="to_association")
    acknowledge_days: Mapped[int] = mapped_column(default=1)
    action_days: Mapped[int] = mapped_column(default=5)


class ConventionAlertRule(Base):
    """The response deadlines a convention cadre sets for one alert type (they feed the alert timers)."""

    __tablename__ = "convention_alert_rule"
    __table_args__ = (UniqueConstraint("version_id", "alert_type_id", name="uq_convention_alert_rule_version_type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("contract_version.id"), index=True)
    alert_type_id: Mapped[int] = mapped_column(ForeignKey("alert_type.id"))
    acknowledge_days: Mapped[int]
    action_days: Mapped[int]

    version: Mapped[ContractVersion] = relationship(back_populates="alert_rules")
    alert_type: Mapped[AlertType] = relationship()
