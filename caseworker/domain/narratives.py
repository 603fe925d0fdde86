"""What the check of an exit narrative finds before the qualitative export, and its French words (§13, F68)."""

from __future__ import annotations

from enum import Enum


class FindingKind(str, Enum):
    """Why a narrative may not leave as written: something of the household's record, or a generic identifier."""

    MEMBER_NAME = "member_name"
    BIRTH_YEAR = "birth_year"
    ADDRESS = "address"
    POSTCODE = "postcode"
    TOWN = "town"
    REFERENCE = "reference"
    PARTNER_NAME = "partner_name"
    STAFF_NAME = "staff_name"
    PHONE = "phone"
    EMAIL = "email"
    DATE = "date"
    STREET = "street"


FINDING_LABELS = {
    FindingKind.MEMBER_NAME: "nom d'une personne du ménage",
    FindingKind.BIRTH_YEAR: "année de naissance d'une personne du ménage",
    FindingKind.ADDRESS: "adresse d'un logement du ménage",
    FindingKind.POSTCODE: "code postal d'un logement du ménage",
    FindingKind.TOWN: "commune d'un logement du ménage",
    FindingKind.REFERENCE: "référence du ménage (SIAO, numéro unique, numéro de ménage)",
    FindingKind.PARTNER_NAME: "nom d'un contact partenaire du ménage",
    FindingKind.STAFF_NAME: "nom d'un professionnel",
    FindingKind.PHONE: "numéro de téléphone",
    FindingKind.EMAIL: "adresse électronique",
    FindingKind.DATE: "date au jour près",
    FindingKind.STREET: "adresse (numéro et voie, ou code postal et commune)",
}
"""Each kind of finding as the team lead reads it beside a narrative to reformulate."""
