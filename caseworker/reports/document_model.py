"""What a generated document says, as plain values: the one input of :func:`caseworker.reports.pdf.render_pdf`.

Services build these values (already in French, dates and amounts already formatted); the renderer only lays
them out. Landlord-facing documents are built by :mod:`caseworker.reports.landlord_facing` from values that can
hold only C0/C1 information (docs/domain.md §7.2), so nothing else can reach them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum


class Audience(str, Enum):
    """Who the document is for: it decides the confidentiality notice printed in the footer."""

    LANDLORD = "landlord"  # tripartite contracts, protocols, attestations, liaison sheets: C0/C1 only
    HOUSEHOLD = "household"  # the plain-language summary handed to the household
    INTERNAL = "internal"  # kept by the association


@dataclass(frozen=True)
class Letterhead:
    """The association's letterhead, from the settings."""

    organisation_name: str
    lines: tuple[str, ...] = ()  # address, phone, e-mail, web site: one line each
    logo: bytes | None = None  # PNG or JPEG bytes (stored in the encrypted database)


@dataclass(frozen=True)
class TableData:
    """A small table inside a section (an instalment schedule, a review calendar)."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right_aligned: frozenset[int] = frozenset()  # column indexes holding amounts or numbers
    column_widths: tuple[float, ...] = ()  # relative widths (any unit); empty: equal columns


@dataclass(frozen=True)
class Section:
    """A numbered heading with its paragraphs, bullet items and an optional table (all plain text)."""

    title: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    table: TableData | None = None
    numbered: bool = True  # "Article 3 — …" in contracts; False for free headings


@dataclass(frozen=True)
class PartyDescription:
    """One party in the preamble: "Le bailleur : Habitat 35, 12 rue …, représenté par …"."""

    role_label: str  # "Le bailleur", "L'association", "Le ménage"
    name: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signatory:
    """One person signing inside a signature block."""

    name: str
    capacity: str = ""  # "Sous-locataire", "Directrice", "Chargée de gestion locative"
    signed_on: date | None = None  # printed when the signature is recorded (a re-print after signing)
    place: str = ""


@dataclass(frozen=True)
class SignatureBlock:
    """The signature area of one party: kept on one page with the other blocks."""

    title: str  # "Pour le bailleur"
    party_name: str
    signatories: tuple[Signatory, ...]


@dataclass(frozen=True)
class GeneratedDocument:
    """A whole document: header, parties, sections, signatures, footer."""

    kind_label: str  # "Contrat d'objectifs tripartite", "Fiche navette"
    title: str  # the big heading
    reference: str  # "C-000012", "FN-2026-0034": printed in every page footer
    issued_on: date
    letterhead: Letterhead
    audience: Audience
    issued_label: str = "Établi le"  # agrees with the kind: "Établie le" under a fiche navette or a letter
    footer_notice: str = ""  # replaces the audience's footer notice when the document says otherwise
    version: int | None = None  # contracts: "Version 2 du 3 mars 2026" in the header and every footer
    version_date: date | None = None
    subtitle: str = ""  # e.g. "Avenant n° 1 au contrat du 2 septembre 2025"
    nature_notice: str = ""  # boxed under the title, e.g. "Ce document n'est pas un bail."
    recipient_lines: tuple[str, ...] = ()  # letter-style address block, right-hand side
    parties: tuple[PartyDescription, ...] = ()
    sections: tuple[Section, ...] = ()
    signature_blocks: tuple[SignatureBlock, ...] = ()
    signature_intro: str = ""  # "Fait à …, en trois exemplaires originaux."
    closing_note: str = ""  # small print after everything (how to withdraw consent, legal basis…)
    draft: bool = False  # a diagonal "PROJET" mark on every page
    keywords: tuple[str, ...] = field(default_factory=tuple)  # PDF metadata
