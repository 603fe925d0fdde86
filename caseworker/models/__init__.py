"""SQLAlchemy models of the case store (Qt-free). Importing this package registers every table."""

from caseworker.models.audit import AuditAction, AuditEvent
from caseworker.models.base import Base
from caseworker.models.consents import Consent, ConsentStatus, consent_category_link
from caseworker.models.directory import Organisation, PartnerContact, StaffMember
from caseworker.models.documents import Document
from caseworker.models.households import Household, HouseholdMembership, Person
from caseworker.models.housing import Dwelling, Occupancy, Party
from caseworker.models.reference import (
    AdministrativeStatus,
    CompositionType,
    ConsentCategory,
    DwellingStock,
    DwellingTypology,
    MemberRole,
    OccupancyChangeReason,
    OccupancyStatus,
    OrganisationKind,
    PartnerRole,
    ReferralSource,
    SituationBeforeEntry,
    StaffRole,
)
from caseworker.models.settings import SettingValue

__all__ = [
    "AdministrativeStatus",
    "AuditAction",
    "AuditEvent",
    "Base",
    "CompositionType",
    "Consent",
    "ConsentCategory",
    "ConsentStatus",
    "Document",
    "Dwelling",
    "DwellingStock",
    "DwellingTypology",
    "Household",
    "HouseholdMembership",
    "MemberRole",
    "Occupancy",
    "OccupancyChangeReason",
    "OccupancyStatus",
    "Organisation",
    "OrganisationKind",
    "PartnerContact",
    "PartnerRole",
    "Party",
    "Person",
    "ReferralSource",
    "SettingValue",
    "SituationBeforeEntry",
    "StaffMember",
    "StaffRole",
    "consent_category_link",
]
