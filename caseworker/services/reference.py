"""Picklists (reference data) as plain choices for forms and rules."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

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
    ProposalRefusalReason,
    ReferralSource,
    RightKind,
    SessionTheme,
    SituationBeforeEntry,
    StaffRole,
)
from caseworker.models.base import ReferenceItem
from caseworker.services.context import ServiceContext
from caseworker.services.errors import ValidationError


class Picklist(Enum):
    """Every picklist, by the model that stores it."""

    ORGANISATION_KIND = OrganisationKind
    PARTNER_ROLE = PartnerRole
    STAFF_ROLE = StaffRole
    COMPOSITION = CompositionType
    SITUATION_BEFORE_ENTRY = SituationBeforeEntry
    REFERRAL_SOURCE = ReferralSource
    ADMINISTRATIVE_STATUS = AdministrativeStatus
    MEMBER_ROLE = MemberRole
    OCCUPANCY_STATUS = OccupancyStatus
    OCCUPANCY_CHANGE_REASON = OccupancyChangeReason
    DWELLING_STOCK = DwellingStock
    DWELLING_TYPOLOGY = DwellingTypology
    CONSENT_CATEGORY = ConsentCategory
    EVIDENCE_PLACE = EvidencePlace
    PROPOSAL_REFUSAL_REASON = ProposalRefusalReason
    RIGHT_KIND = RightKind
    SESSION_THEME = SessionTheme


@dataclass(frozen=True)
class Choice:
    """One picklist entry. ``flag`` carries the list's own boolean (is_housed, is_child, may_coordinate…)."""

    code: str
    label: str
    flag: bool = False


_FLAG_COLUMNS = {
    Picklist.ORGANISATION_KIND: "is_landlord",
    Picklist.STAFF_ROLE: "may_coordinate",
    Picklist.ADMINISTRATIVE_STATUS: "has_deadline",
    Picklist.MEMBER_ROLE: "is_child",
    Picklist.OCCUPANCY_STATUS: "is_housed",
}


def lookup(session: Session, picklist: Picklist, code: str | None, *, field: str, label: str) -> ReferenceItem:
    """Return the active entry for ``code`` or raise a French validation error for ``field``."""
    model = picklist.value
    item = session.scalar(select(model).where(model.code == code)) if code else None
    if item is None or not item.active:
        raise ValidationError({field: f"{label} : choisissez une valeur dans la liste."})
    return item  # type: ignore[no-any-return]


def optional_lookup(
    session: Session, picklist: Picklist, code: str | None, *, field: str, label: str
) -> ReferenceItem | None:
    """Like :func:`lookup`, but an empty code means "not given"."""
    if not code:
        return None
    return lookup(session, picklist, code, field=field, label=label)


class ReferenceDataService:
    """Lists picklists for forms."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def choices(self, picklist: Picklist, *, include_inactive: bool = False) -> list[Choice]:
        """Return the entries of a picklist in display order."""
        model = picklist.value
        flag_column = _FLAG_COLUMNS.get(picklist)
        with self._ctx.read() as session:
            query = select(model).order_by(model.sort_order, model.label)
            if not include_inactive:
                query = query.where(model.active.is_(True))
            return [
                Choice(item.code, item.label, bool(getattr(item, flag_column)) if flag_column else False)
                for item in session.scalars(query)
            ]
