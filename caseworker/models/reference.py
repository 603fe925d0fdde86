"""Picklists kept as data: an administrator can rename or add entries without a new release.

Seeded by the initial migration with the French labels of docs/domain.md §10.
"""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from caseworker.models.base import Base, ReferenceItem


class OrganisationKind(ReferenceItem, Base):
    """Kind of organisation: association, bailleur social, SIAO, CCAS, financeur…."""

    __tablename__ = "organisation_kind"
    is_landlord: Mapped[bool] = mapped_column(default=False)


class PartnerRole(ReferenceItem, Base):
    """Role of a partner's contact person (gestion locative, proximité, CESF, contentieux…)."""

    __tablename__ = "partner_role"


class StaffRole(ReferenceItem, Base):
    """Profession of a staff member (travailleur social, travailleur pair…)."""

    __tablename__ = "staff_role"
    may_coordinate: Mapped[bool] = mapped_column(default=False)


class CompositionType(ReferenceItem, Base):
    """Household composition (personne seule, famille monoparentale…)."""

    __tablename__ = "composition_type"


class SituationBeforeEntry(ReferenceItem, Base):
    """Where the household lived before entering support (rue, CHU, chez un tiers…)."""

    __tablename__ = "situation_before_entry"


class ReferralSource(ReferenceItem, Base):
    """Who referred the household (prescripteur)."""

    __tablename__ = "referral_source"


class AdministrativeStatus(ReferenceItem, Base):
    """A person's administrative (residence) status; some carry a deadline (titre de séjour…)."""

    __tablename__ = "administrative_status"
    has_deadline: Mapped[bool] = mapped_column(default=False)


class MemberRole(ReferenceItem, Base):
    """Role of a person in the household (personne de référence, conjoint·e, enfant…)."""

    __tablename__ = "member_role"
    is_child: Mapped[bool] = mapped_column(default=False)


class OccupancyStatus(ReferenceItem, Base):
    """Occupancy status (docs/domain.md §10); ``is_housed`` groups the housed statuses."""

    __tablename__ = "occupancy_status"
    is_housed: Mapped[bool] = mapped_column(default=False)


class OccupancyChangeReason(ReferenceItem, Base):
    """Why the occupancy changed, with the guard the change must satisfy (docs/domain.md §3.2).

    Guards are data so that a new reason can be added without code:

    * ``from_statuses`` / ``to_statuses``: space-separated status codes, or the groups ``@housed`` and
      ``@not_housed``; empty means any status.
    * ``dwelling_rule``: ``same`` (same dwelling as before), ``different``, or ``any``.
    * ``requires_concerted``: the change is a concerted step-back, with the household's agreement.
    * ``requires_bail_glissant``: the previous occupancy must be a sub-lease meant to slide (bail glissant).
    * ``requires_note``: a free explanation is required (e.g. "autre").
    * ``initial_only``: only for the first occupancy recorded for a household.
    """

    __tablename__ = "occupancy_change_reason"
    from_statuses: Mapped[str] = mapped_column(String(500), default="")
    to_statuses: Mapped[str] = mapped_column(String(500), default="")
    dwelling_rule: Mapped[str] = mapped_column(String(16), default="any")
    requires_concerted: Mapped[bool] = mapped_column(default=False)
    requires_bail_glissant: Mapped[bool] = mapped_column(default=False)
    requires_note: Mapped[bool] = mapped_column(default=False)
    initial_only: Mapped[bool] = mapped_column(default=False)


class DwellingStock(ReferenceItem, Base):
    """Housing stock of a dwelling (parc social, parc privé…)."""

    __tablename__ = "dwelling_stock"


class DwellingTypology(ReferenceItem, Base):
    """Dwelling size (studio, T1…T6)."""

    __tablename__ = "dwelling_typology"


class ConsentCategory(ReferenceItem, Base):
    """What a household may agree to share with a partner. Health is never one of them."""

    __tablename__ = "consent_category"
    sensitivity: Mapped[str] = mapped_column(String(4), default="C1")


class EvidencePlace(ReferenceItem, Base):
    """Where the signed original of a consent form is kept (dossier papier au bureau, armoire, GED…)."""

    __tablename__ = "evidence_place"


class SuspensionReason(ReferenceItem, Base):
    """Why support is paused without exit (hospitalisation, incarcération, départ temporaire…)."""

    __tablename__ = "suspension_reason"


class NoFollowUpReason(ReferenceItem, Base):
    """Why a referral ended without support (refus de la commission, refus du ménage, injoignable…)."""

    __tablename__ = "no_follow_up_reason"


class ProposalRefusalReason(ReferenceItem, Base):
    """Why a household refused a housing offer (localisation, typologie, coût…: docs/domain.md §12)."""

    __tablename__ = "proposal_refusal_reason"


class ExitReason(ReferenceItem, Base):
    """Why support ended (docs/domain.md §10, motif de sortie)."""

    __tablename__ = "exit_reason"


class Topic(ReferenceItem, Base):
    """Topic of a contact or theme of an objective (thèmes, docs/domain.md §10).

    ``sensitivity`` is the class of docs/domain.md §7.1 of what is said under this theme: only ``C1`` (housing)
    themes may appear in a landlord-facing document; ``C3`` (health) and ``C4`` (justice) never do.
    """

    __tablename__ = "topic"
    sensitivity: Mapped[str] = mapped_column(String(4), default="C2")


class ContactType(ReferenceItem, Base):
    """How a contact took place (visite à domicile, téléphone, réunion partenaire…)."""

    __tablename__ = "contact_type"


class ContactOutcome(ReferenceItem, Base):
    """What came of a contact.

    ``kind`` is ``reached`` (the household was met or reached), ``attempt`` (a failed "aller vers" attempt:
    porte close, absent, non joint) or ``cancelled`` (neither).
    """

    __tablename__ = "contact_outcome"
    kind: Mapped[str] = mapped_column(String(16), default="reached")


class TeamRole(ReferenceItem, Base):
    """Role of a professional in a household's team (référent social, référent santé, pair…)."""

    __tablename__ = "team_role"


class TruceException(ReferenceItem, Base):
    """A legal ground that allows an expulsion during the winter truce (1 November – 31 March).

    The exceptions of art. L412-6 to L412-8 of the code des procédures civiles d'exécution and of the housing
    code (relogement assuré, entrée par voie de fait, décision du juge, arrêté de mise en sécurité, conjoint
    violent, logement étudiant); ``legal_basis`` says where the law states it, for the person who records it.
    """

    __tablename__ = "truce_exception"
    legal_basis: Mapped[str] = mapped_column(Text, default="")
