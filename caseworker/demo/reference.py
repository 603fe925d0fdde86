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


def _codes(session: Session, model: type[ReferenceItem], label: str) -> CodeMap:
    rows = session.execute(select(model.code, model.id)).all()
    return CodeMap(label, {code: item_id for code, item_id in rows})


def load_reference_ids(session: Session) -> ReferenceIds:
    """Read the picklists once, at the start of a generation."""
    housed = session.scalars(select(OccupancyStatus.code).where(OccupancyStatus.is_housed.is_(True))).all()
    deadlines = session.scalars(
        select(AdministrativeStatus.code).where(AdministrativeStatus.has_deadline.is_(True))
    ).all()
    return ReferenceIds(
        organisation_kind=_codes(session, OrganisationKind, "Types d'organisation"),
        partner_role=_codes(session, PartnerRole, "Rôles des contacts partenaires"),
        staff_role=_codes(session, StaffRole, "Rôles des professionnels"),
        composition=_codes(session, CompositionType, "Composition du ménage"),
        situation=_codes(session, SituationBeforeEntry, "Situation avant l'entrée"),
        referral=_codes(session, ReferralSource, "Prescripteurs"),
        administrative_status=_codes(session, AdministrativeStatus, "Statuts administratifs"),
        deadline_statuses=frozenset(deadlines),
        member_role=_codes(session, MemberRole, "Rôles dans le ménage"),
        occupancy_status=_codes(session, OccupancyStatus, "Statuts d'occupation"),
        housed_statuses=frozenset(housed),
        change_reason=_codes(session, OccupancyChangeReason, "Motifs de changement de situation"),
        stock=_codes(session, DwellingStock, "Parcs de logement"),
        typology=_codes(session, DwellingTypology, "Typologies"),
        consent_category=_codes(session, ConsentCategory, "Catégories de consentement"),
        evidence_place=_codes(session, EvidencePlace, "Lieux de classement des consentements"),
    )
