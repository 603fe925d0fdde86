"""The two PDFs of a meeting's minutes (docs/domain.md §11.3): the internal minutes and a partner's copy.

The internal minutes hold what the reader may read: attendees, per item whether the household was present, its
own view, the note (when its class lets the reader read it) and the decisions. The partner copy is built from
:class:`PartnerCopyFacts`, which has no place for a note, a household's view, an intensity level or anything of
classes C2–C4 (docs/domain.md §7.1): what cannot be put in cannot leak. The service decides which households it
may name (every adult's consent for the recipient, §7.4) and writes the disclosure log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from caseworker.formats import format_date
from caseworker.reports.document_model import Audience, GeneratedDocument, Letterhead, Section, TableData


@dataclass(frozen=True)
class AttendeeFacts:
    """A line of the attendance list."""

    name: str
    capacity: str
    present: bool


@dataclass(frozen=True)
class DecisionFacts:
    """A decision as printed: its kind and its neutral summary ("Prolongation — Prolongation de 6 mois…")."""

    kind_label: str
    summary: str


@dataclass(frozen=True)
class ItemFacts:
    """An item of the internal minutes."""

    title: str  # the household's name, or the item's label when it names none
    for_household: bool
    kind_label: str
    label: str
    household_present: bool | None
    household_view: str
    note: str
    note_class_label: str
    note_hidden: bool
    decisions: tuple[DecisionFacts, ...]


@dataclass(frozen=True)
class MinutesFacts:
    """The internal minutes."""

    meeting_label: str
    held_on: date
    place: str
    urgent: bool
    reference: str
    issued_on: date
    letterhead: Letterhead
    attendees: tuple[AttendeeFacts, ...]
    items: tuple[ItemFacts, ...]
    general_note: str


@dataclass(frozen=True)
class PartnerItemFacts:
    """A household's item in a partner copy: its adults' names (consented), presence and C0/C1 decisions only."""

    names: str
    household_present: bool | None
    decisions: tuple[DecisionFacts, ...]


@dataclass(frozen=True)
class PartnerCopyFacts:
    """A partner's copy of the minutes: C0, and C1 where every adult agreed (docs/domain.md §7)."""

    meeting_label: str
    held_on: date
    place: str
    recipient_name: str
    reference: str
    issued_on: date
    letterhead: Letterhead
    attendees: tuple[AttendeeFacts, ...]  # professionals only: no household member is named here
    items: tuple[PartnerItemFacts, ...]
    not_detailed: int  # items of households that did not agree to be named to this partner


def _yes_no(value: bool | None) -> str:
    return "non renseigné" if value is None else ("oui" if value else "non")


def _attendance(attendees: tuple[AttendeeFacts, ...]) -> Section:
    if not attendees:
        return Section("Participants", paragraphs=("Aucun participant n'est enregistré.",), numbered=False)
    return Section(
        "Participants",
        table=TableData(
            ("Nom", "Qualité", "Présent"),
            tuple((item.name, item.capacity, "oui" if item.present else "excusé") for item in attendees),
            column_widths=(3, 3, 1),
        ),
        numbered=False,
    )


def _decision_lines(decisions: tuple[DecisionFacts, ...]) -> tuple[str, ...]:
    return tuple(f"Décision — {item.kind_label} : {item.summary}." for item in decisions)


def _heading(label: str, held_on: date, place: str, urgent: bool) -> str:
    where = f", {place}" if place else ""
    return f"{label}{' (séance urgente)' if urgent else ''} du {format_date(held_on)}{where}"


def build_internal_minutes(facts: MinutesFacts) -> GeneratedDocument:
    """Return the internal minutes."""
    sections = [_attendance(facts.attendees)]
    for number, item in enumerate(facts.items, start=1):
        paragraphs = [f"Objet : {item.label}."]
        if item.for_household:
            paragraphs.append(f"Ménage présent : {_yes_no(item.household_present)}.")
        if item.household_view:
            paragraphs.append(f"Parole du ménage : {item.household_view}")
        if item.note:
            paragraphs.append(f"Note ({item.note_class_label}) : {item.note}")
        elif item.note_hidden:
            paragraphs.append(f"Note ({item.note_class_label}) : masquée pour la personne qui a établi ce document.")
        sections.append(
            Section(
                f"{number}. {item.title} — {item.kind_label}",
                paragraphs=tuple(paragraphs),
                items=_decision_lines(item.decisions) or ("Aucune décision.",),
                numbered=False,
            )
        )
    if facts.general_note:
        sections.append(Section("Points généraux", paragraphs=(facts.general_note,), numbered=False))
    return GeneratedDocument(
        kind_label="Compte rendu de réunion",
        title=_heading(facts.meeting_label, facts.held_on, facts.place, facts.urgent),
        reference=facts.reference,
        issued_on=facts.issued_on,
        letterhead=facts.letterhead,
        audience=Audience.INTERNAL,
        nature_notice=(
            "Compte rendu interne : il contient des informations confidentielles sur les ménages accompagnés et ne "
            "doit pas être transmis à un partenaire (une copie partenaire existe pour cela)."
        ),
        sections=tuple(sections),
        closing_note=(
            "Ne figurent que les points des ménages et les notes que la personne qui a établi ce document peut lire."
        ),
        keywords=("compte rendu", facts.reference),
    )


def build_partner_copy(facts: PartnerCopyFacts) -> GeneratedDocument:
    """Return a partner's copy of the minutes (C0/C1 only, by construction)."""
    sections = [_attendance(facts.attendees)]
    for number, item in enumerate(facts.items, start=1):
        sections.append(
            Section(
                f"{number}. Ménage {item.names}",
                paragraphs=(f"Ménage présent : {_yes_no(item.household_present)}.",),
                items=_decision_lines(item.decisions) or ("Aucune décision à communiquer.",),
                numbered=False,
            )
        )
    if facts.not_detailed:
        plural = facts.not_detailed > 1
        detail = "elles ne sont pas détaillées" if plural else "elle n'est pas détaillée"
        sections.append(
            Section(
                "Autres situations",
                paragraphs=(
                    f"{facts.not_detailed} situation{'s' if plural else ''} de ménage{'s' if plural else ''} "
                    f"{'ont' if plural else 'a'} également été examinée{'s' if plural else ''} ; faute d'accord "
                    "écrit de chaque adulte pour ce partenaire, "
                    f"{detail} ici.",
                ),
                numbered=False,
            )
        )
    return GeneratedDocument(
        kind_label="Compte rendu de réunion — copie partenaire",
        title=_heading(facts.meeting_label, facts.held_on, facts.place, False),
        subtitle=f"Copie partenaire — {facts.recipient_name}",
        reference=facts.reference,
        issued_on=facts.issued_on,
        letterhead=facts.letterhead,
        audience=Audience.LANDLORD,
        footer_notice=(
            f"Copie partenaire — {facts.recipient_name} : informations limitées à l'accompagnement et au logement, "
            "avec l'accord du ménage."
        ),
        nature_notice=(
            "Copie limitée aux informations partagées avec les partenaires et, avec l'accord écrit de chaque "
            "adulte, au logement. Elle ne doit pas être communiquée à des tiers."
        ),
        sections=tuple(sections),
        closing_note=(
            "Chaque adulte d'un ménage peut retirer son accord à tout moment auprès de l'association ; la "
            "transmission cesse alors immédiatement."
        ),
        keywords=("compte rendu", "copie partenaire", facts.reference),
    )
