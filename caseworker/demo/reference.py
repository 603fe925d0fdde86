"""Reference data the demo generator needs, read from the database by code (never by hard-coded id)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.errors import KnownError
from caseworker.models import (
    AdministrativeStatus,
    CompositionType,
    ConsentCategory,
    DwellingStock,
    DwellingTypology,
    EvidencePlace,
    MemberRole,
    OccupancyChangeReason,
    OccupancyStatus,
    OrganisationKind,
    PartnerRole,
    ReferralSource,
    SituationBeforeEntry,
    StaffRole,
)
from caseworker.models.base import ReferenceItem


class DemoReferenceDataError(KnownError):
    """A picklist entry the demo relies on was removed or renamed (its code no longer exists)."""


@dataclass(frozen=True)
class CodeMap:
    """Ids of one picklist by code; a missing code is reported in French, naming the list."""

    label: str
    ids: dict[str, int]

    def __getitem__(self, code: str) -> int:
        try:
            return self.ids[code]
        except KeyError:
            raise DemoReferenceDataError(
                f"Données de démonstration : la valeur « {code} » de la liste « {self.label} » est "
                "introuvable. Rétablissez-la dans Paramètres ou utilisez une base neuve."
            ) from None


@dataclass(frozen=True)
class ReferenceIds:
    """Every picklist the generator writes ids of, plus the statuses grouped as housed."""

    organisation_kind: CodeMap
    partner_role: CodeMap
    staff_role: CodeMap
    composition: CodeMap
    situation: CodeMap
    referral: CodeMap
    administrative_status: CodeMap
    deadline_statuses: frozenset[str]
    member_role: CodeMap
    occupancy_status: CodeMap
    housed_statuses: frozenset[str]
    change_reason: CodeMap
    stock: CodeMap
    typology: CodeMap
    consent_category: CodeMap
    evidence_place: CodeMap


def code_map(session: Session, model: type[ReferenceItem], label: str) -> CodeMap:
    """Read the ids of one picklist by code; ``label`` names the list in the French error."""
    rows = session.execute(select(model.code, model.id)).all()
    return CodeMap(label, {code: item_id for code, item_id in rows})


def load_reference_ids(session: Session) -> ReferenceIds:
    """Read the picklists once, at the start of a generation."""
    housed = session.scalars(select(OccupancyStatus.code).where(OccupancyStatus.is_housed.is_(True))).all()
    deadlines = session.scalars(
        select(AdministrativeStatus.code).where(AdministrativeStatus.has_deadline.is_(True))
    ).all()
    return ReferenceIds(
        organisation_kind=code_map(session, OrganisationKind, "Types d'organisation"),
        partner_role=code_map(session, PartnerRole, "Rôles des contacts partenaires"),
        staff_role=code_map(session, StaffRole, "Rôles des professionnels"),
        composition=code_map(session, CompositionType, "Composition du ménage"),
        situation=code_map(session, SituationBeforeEntry, "Situation avant l'entrée"),
        referral=code_map(session, ReferralSource, "Prescripteurs"),
        administrative_status=code_map(session, AdministrativeStatus, "Statuts administratifs"),
        deadline_statuses=frozenset(deadlines),
        member_role=code_map(session, MemberRole, "Rôles dans le ménage"),
        occupancy_status=code_map(session, OccupancyStatus, "Statuts d'occupation"),
        housed_statuses=frozenset(housed),
        change_reason=code_map(session, OccupancyChangeReason, "Motifs de changement de situation"),
        stock=code_map(session, DwellingStock, "Parcs de logement"),
        typology=code_map(session, DwellingTypology, "Typologies"),
        consent_category=code_map(session, ConsentCategory, "Catégories de consentement"),
        evidence_place=code_map(session, EvidencePlace, "Lieux de classement des consentements"),
    )
