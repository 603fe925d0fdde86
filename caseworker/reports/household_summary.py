"""The one-page summary handed to the household (docs/domain.md §7.2): referents, what is shared, how to withdraw.

Written in plain French for the household itself; like the landlord-facing documents it holds no health,
justice or social-note content (it may be shown to others in the home).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from caseworker.formats import format_date
from caseworker.reports.document_model import Audience, GeneratedDocument, Letterhead, Section


@dataclass(frozen=True)
class ReferentFacts:
    """A member of the household's team, as the household knows them."""

    name: str
    role_label: str
    organisation: str
    phone: str
    is_coordinator: bool


@dataclass(frozen=True)
class SharingFacts:
    """A consent as the household should read it."""

    person_name: str
    recipient: str
    categories: tuple[str, ...]
    status_label: str
    until: date | None


@dataclass(frozen=True)
class DisclosureFacts:
    """A document sent to a partner."""

    on: date
    recipient: str
    document: str


@dataclass(frozen=True)
class HouseholdSummaryFacts:
    """The one-page summary handed to the household (docs/domain.md §7.2)."""

    reference: str
    issued_on: date
    letterhead: Letterhead
    household_name: str
    measures: tuple[str, ...]
    referents: tuple[ReferentFacts, ...]
    sharing: tuple[SharingFacts, ...]
    disclosures: tuple[DisclosureFacts, ...]
    association_phone: str
    association_address: str


def build_household_summary(facts: HouseholdSummaryFacts) -> GeneratedDocument:
    """Return the household's plain-language summary."""
    referent_items = tuple(
        f"{'★ ' if item.is_coordinator else ''}{item.name} — {item.role_label}"
        + (f", {item.organisation}" if item.organisation else "")
        + (f" — {item.phone}" if item.phone else "")
        for item in facts.referents
    )
    # Organisation names stand after a dash or a colon: "transmette à Association Le Toit" would need an article.
    sharing_items = tuple(
        f"{item.recipient} — {item.person_name} a accepté que l'association lui transmette : "
        f"{', '.join(item.categories)}" + (f" (jusqu'au {format_date(item.until)})." if item.until else ".")
        if item.status_label == "Accordé"
        else f"{item.recipient} — {item.person_name} : {item.status_label.lower()} ({', '.join(item.categories)})."
        for item in facts.sharing
    )
    disclosure_items = tuple(
        f"{format_date(item.on)} — {item.recipient} : {item.document}" for item in facts.disclosures
    )
    measures = f"Dispositif{'s' if len(facts.measures) > 1 else ''} d'accompagnement : {', '.join(facts.measures)}."
    call = "appelez l'association" + (f" au {facts.association_phone}" if facts.association_phone else "")
    write = "écrivez-lui" + (f" ({facts.association_address})" if facts.association_address else "")
    sections = (
        Section(
            "Votre accompagnement",
            paragraphs=(measures if facts.measures else "Aucun accompagnement n'est en cours aujourd'hui.",),
            numbered=False,
        ),
        Section(
            "Vos référents",
            paragraphs=(
                "La personne marquée ★ coordonne votre accompagnement : c'est elle qu'il faut appeler d'abord.",
            )
            if any(item.is_coordinator for item in facts.referents)
            else (),
            items=referent_items or ("Aucun référent n'est encore désigné.",),
            numbered=False,
        ),
        Section(
            "Ce que nous partageons, et avec qui",
            paragraphs=(
                "L'association ne transmet à votre bailleur que des informations sur votre logement, et seulement "
                "celles que vous avez acceptées par écrit. Rien sur votre santé, votre situation familiale ou la "
                "justice n'est jamais transmis.",
            ),
            items=sharing_items or ("Vous n'avez autorisé aucune transmission.",),
            numbered=False,
        ),
        Section(
            "Documents déjà transmis",
            items=disclosure_items or ("Aucun document n'a été transmis.",),
            numbered=False,
        ),
        Section(
            "Changer d'avis",
            paragraphs=(
                "Vous pouvez retirer votre accord à tout moment, sans avoir à vous justifier et sans conséquence sur "
                f"votre accompagnement : dites-le à votre référent, {call} ou {write}. La transmission cesse le "
                "jour même. Vous pouvez aussi demander à voir votre dossier.",
            ),
            numbered=False,
        ),
    )
    return GeneratedDocument(
        kind_label="Votre accompagnement en bref",
        title=f"Votre accompagnement — {facts.household_name}",
        reference=facts.reference,
        issued_on=facts.issued_on,
        letterhead=facts.letterhead,
        audience=Audience.HOUSEHOLD,
        sections=sections,
        keywords=("résumé", facts.reference),
    )
