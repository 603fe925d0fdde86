"""Landlord-facing documents: contracts, protocols, attestations, conventions and the fiche navette.

This is the template layer of docs/domain.md §7.2. Each builder takes a ``*Facts`` value whose fields can only
hold C0 (partnership) and C1 (housing) information — names on the lease, the dwelling, rent, housing
objectives, referents and meeting dates — and turns it into a :class:`GeneratedDocument`. There is no field
for health, justice, social notes or reasons that would reveal them: a service cannot pass them even by
mistake. Texts arrive in French, with dates and amounts still as values (formatted here).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from caseworker.formats import format_amount, format_date, format_long_date
from caseworker.reports.document_model import (
    Audience,
    GeneratedDocument,
    Letterhead,
    PartyDescription,
    Section,
    Signatory,
    SignatureBlock,
    TableData,
)

PARTY_TITLES = {"bailleur": "Pour le bailleur", "association": "Pour l'association", "menage": "Pour le ménage"}
PARTY_ROLES = {"bailleur": "Le bailleur", "association": "L'association", "menage": "Le ménage"}
COMMITMENT_TITLES = {
    "bailleur": "Le bailleur s'engage à :",
    "association": "L'association s'engage à :",
    "menage": "Le ménage s'engage à :",
}
# After which clause the objectives, commitments and review calendar come (the first one present).
_STRUCTURED_AFTER = ("projet", "objet", "attestation")


# ------------------------------------------------------------------------------------------------ contracts


@dataclass(frozen=True)
class PartyFacts:
    """A party as named in the preamble."""

    name: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class SignatoryFacts:
    """Who signs for which party (``party``: bailleur, association or menage) and, once known, when and where."""

    party: str
    name: str
    capacity: str = ""
    signed_on: date | None = None
    place: str = ""


@dataclass(frozen=True)
class ObjectiveFacts:
    """A housing objective, in the household's words."""

    text: str
    owner_label: str
    theme_label: str = ""


@dataclass(frozen=True)
class ReviewFacts:
    """A date of the review calendar."""

    due_on: date
    label: str


@dataclass(frozen=True)
class AlertRuleFacts:
    """Response deadlines of a convention cadre for one alert type (working days)."""

    label: str
    direction_label: str
    acknowledge_days: int
    action_days: int


@dataclass(frozen=True)
class ClauseFacts:
    """A clause with its placeholders already filled in."""

    code: str
    title: str
    body: str


@dataclass(frozen=True)
class DebtFacts:
    """The debt and the repayment plan of a protocole de maintien (C1: rent, arrears, repayment plan)."""

    amount: Decimal | None
    as_of: date | None
    instalment: Decimal | None
    instalments: int | None


@dataclass(frozen=True)
class ContractFacts:
    """Everything a contract document may show."""

    kind_label: str
    nature_notice: str
    reference: str
    version: int
    version_date: date
    letterhead: Letterhead
    title: str
    association: PartyFacts
    landlord: PartyFacts | None
    household: PartyFacts | None
    clauses: tuple[ClauseFacts, ...]
    objectives: tuple[ObjectiveFacts, ...]
    commitments: tuple[tuple[str, tuple[str, ...]], ...]  # (party code, texts)
    reviews: tuple[ReviewFacts, ...]
    signing_parties: tuple[str, ...]
    signatories: tuple[SignatoryFacts, ...]
    alert_rules: tuple[AlertRuleFacts, ...] = ()
    debt: DebtFacts | None = None
    amendment_note: str = ""
    previous_version_date: date | None = None
    place: str = ""
    draft: bool = False
    landlord_facing: bool = True  # the kind goes to the landlord (C0/C1 only); else it stays with the household
    shares_information: bool = False  # the household has agreed to share something with the landlord


# The footer of a contract must say what its sharing clause says (it reads the same consents).
NO_SHARING_NOTICE = (
    "Document remis au bailleur : en dehors de ce document, le ménage n'a autorisé aucune transmission d'informations."
)
FRAMEWORK_NOTICE = "Convention entre le bailleur et l'association : elle ne concerne aucun ménage en particulier."


def build_contract_document(facts: ContractFacts) -> GeneratedDocument:
    """Return the document of one contract version."""
    subtitle = ""
    if facts.version > 1:
        subtitle = f"Avenant n° {facts.version - 1}"
        if facts.previous_version_date is not None:
            subtitle += f" à la version du {format_long_date(facts.previous_version_date)}"
    parties = [PartyDescription(PARTY_ROLES["association"], facts.association.name, facts.association.lines)]
    if facts.landlord is not None:
        parties.insert(0, PartyDescription(PARTY_ROLES["bailleur"], facts.landlord.name, facts.landlord.lines))
    if facts.household is not None:
        parties.append(PartyDescription(PARTY_ROLES["menage"], facts.household.name, facts.household.lines))
    sections: list[Section] = []
    if facts.amendment_note:
        sections.append(Section("Objet de l'avenant", paragraphs=(facts.amendment_note,), numbered=False))
    structured = _structured_sections(facts)
    anchor = next((code for code in _STRUCTURED_AFTER if any(c.code == code for c in facts.clauses)), None)
    if anchor is None:
        sections.extend(structured)
    for clause in facts.clauses:
        table = _alert_table(facts.alert_rules) if clause.code == "alertes" and facts.alert_rules else None
        sections.append(Section(clause.title, paragraphs=_paragraphs(clause.body), table=table))
        if clause.code == anchor:
            sections.extend(structured)
    if facts.debt is not None and not any(clause.code == "dette" for clause in facts.clauses):
        sections.append(_debt_section(facts.debt))
    blocks = tuple(
        SignatureBlock(
            PARTY_TITLES.get(party, party),
            _party_name(facts, party),
            tuple(
                Signatory(item.name, item.capacity, item.signed_on, item.place)
                for item in facts.signatories
                if item.party == party
            ),
        )
        for party in facts.signing_parties
    )
    count = len(blocks)
    copies = {2: "deux", 3: "trois"}.get(count, str(count))
    audience = Audience.LANDLORD if facts.landlord is not None and facts.landlord_facing else Audience.HOUSEHOLD
    footer_notice = ""
    if audience is Audience.LANDLORD and facts.household is None:
        footer_notice = FRAMEWORK_NOTICE
    elif audience is Audience.LANDLORD and not facts.shares_information:
        footer_notice = NO_SHARING_NOTICE
    intro = f"Fait {_at(facts.place)}, en {copies} exemplaires originaux, un pour chaque partie."
    return GeneratedDocument(
        kind_label=facts.kind_label,
        title=facts.title or facts.kind_label,
        reference=facts.reference,
        issued_on=facts.version_date,
        letterhead=facts.letterhead,
        audience=audience,
        footer_notice=footer_notice,
        version=facts.version,
        version_date=facts.version_date,
        subtitle=subtitle,
        nature_notice=facts.nature_notice,
        parties=tuple(parties),
        sections=tuple(sections),
        signature_blocks=blocks,
        signature_intro=intro,
        draft=facts.draft,
        keywords=(facts.kind_label, facts.reference, f"version {facts.version}"),
    )


def _structured_sections(facts: ContractFacts) -> list[Section]:
    sections = []
    if facts.objectives:
        items = []
        for objective in facts.objectives:
            detail = objective.owner_label + (f" — {objective.theme_label}" if objective.theme_label else "")
            items.append(f"{objective.text} ({detail})")
        sections.append(
            Section(
                "Objectifs",
                paragraphs=("Les objectifs ci-dessous ont été définis avec le ménage, dans ses propres mots.",),
                items=tuple(items),
            )
        )
    commitments = [(party, texts) for party, texts in facts.commitments if texts]
    if commitments:
        sections.append(Section("Engagements des parties", paragraphs=("Chaque partie s'engage, pour sa part.",)))
        sections.extend(
            Section(COMMITMENT_TITLES.get(party, party), items=texts, numbered=False) for party, texts in commitments
        )
    if facts.reviews:
        sections.append(
            Section(
                "Calendrier des bilans",
                paragraphs=("Les parties se retrouvent aux dates suivantes pour faire le point :",),
                table=TableData(
                    ("Date", "Bilan"),
                    tuple((format_date(review.due_on), review.label) for review in facts.reviews),
                    column_widths=(1, 4),
                ),
            )
        )
    return sections


def _debt_section(debt: DebtFacts) -> Section:
    rows = []
    if debt.amount is not None:
        rows.append(("Dette locative", format_amount(debt.amount)))
    if debt.as_of is not None:
        rows.append(("Arrêtée au", format_date(debt.as_of)))
    if debt.instalment is not None:
        rows.append(("Mensualité d'apurement", format_amount(debt.instalment)))
    if debt.instalments is not None:
        rows.append(("Nombre de mensualités", str(debt.instalments)))
    return Section(
        "Dette et plan d'apurement",
        table=TableData(("", "Montant"), tuple(rows), right_aligned=frozenset({1}), column_widths=(3, 2)),
    )


def _alert_table(rules: tuple[AlertRuleFacts, ...]) -> TableData:
    return TableData(
        ("Alerte", "Sens", "Prise en compte", "Première action"),
        tuple(
            (rule.label, rule.direction_label, _working_days(rule.acknowledge_days), _working_days(rule.action_days))
            for rule in rules
        ),
        right_aligned=frozenset({2, 3}),
        column_widths=(5, 3, 2, 2),
    )


def _at(town: str) -> str:
    """Say where a contract is made: "à Rennes", "au Mans", "aux Sables-d'Olonne", "à La Rochelle", or a blank."""
    if not town:
        return "à …………………………"
    for article, contracted in (("Le ", "au "), ("Les ", "aux ")):
        if town.startswith(article):
            return contracted + town.removeprefix(article)
    return f"à {town}"


def _working_days(days: int) -> str:
    return f"{days} jour ouvré" if days == 1 else f"{days} jours ouvrés"


def _party_name(facts: ContractFacts, party: str) -> str:
    if party == "bailleur" and facts.landlord is not None:
        return facts.landlord.name
    if party == "menage" and facts.household is not None:
        return facts.household.name
    return facts.association.name


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("\n\n") if part.strip())


# ------------------------------------------------------------------------------------------ liaison sheet


@dataclass(frozen=True)
class HousingFacts:
    """Situation de logement (C1): the occupancy and the dwelling."""

    status_label: str
    since: date
    address: str
    typology_label: str = ""
    lease_holder_label: str = ""


@dataclass(frozen=True)
class RentFacts:
    """Loyer, dette et plan (C1): what the household pays, and any agreed repayment."""

    rent: Decimal | None
    charges: Decimal | None
    debt: DebtFacts | None = None


@dataclass(frozen=True)
class SupportFacts:
    """Partnership information (C0): the measure, whether it runs, who to call, the next meeting dates."""

    measure_label: str
    state_label: str  # neutral wording only: "en cours", "suspendu temporairement", "terminé"
    coordinator_name: str
    coordinator_phone: str
    association_phone: str
    next_meetings: tuple[ReviewFacts, ...] = ()
    signed_contract: str = ""  # "Contrat d'objectifs tripartite en vigueur depuis le …"


@dataclass(frozen=True)
class ConsentUsed:
    """A consent that authorises what the sheet shows."""

    person_name: str
    categories: tuple[str, ...]
    granted_on: date | None
    expires_on: date | None


@dataclass(frozen=True)
class LiaisonSheetFacts:
    """A fiche navette: C0 always; each C1 block present only when its category is consented and chosen."""

    reference: str
    issued_on: date
    letterhead: Letterhead
    landlord_name: str
    recipient_lines: tuple[str, ...]
    support: SupportFacts
    consents: tuple[ConsentUsed, ...]
    names_on_lease: tuple[str, ...] | None = None  # identité
    housing: HousingFacts | None = None  # situation de logement
    rent: RentFacts | None = None  # loyer, dette et plan
    objectives: tuple[ObjectiveFacts, ...] | None = None  # objectifs liés au logement
    alerts: tuple[str, ...] | None = None  # alertes (one line each)
    message: str = ""  # a short housing-related message typed by the worker


def build_liaison_sheet(facts: LiaisonSheetFacts) -> GeneratedDocument:
    """Return the fiche navette document."""
    support = facts.support
    lines = [f"Dispositif : {support.measure_label} — accompagnement {support.state_label}."]
    if support.coordinator_name:
        contact = f"Référent coordinateur : {support.coordinator_name}"
        phone = support.coordinator_phone or support.association_phone
        lines.append(f"{contact} ({phone})." if phone else f"{contact}.")
    if support.signed_contract:
        lines.append(support.signed_contract + ".")
    sections = [Section("Accompagnement", paragraphs=tuple(lines), numbered=False)]
    if support.next_meetings:
        sections.append(
            Section(
                "Prochains rendez-vous avec le bailleur",
                table=TableData(
                    ("Date", "Objet"),
                    tuple((format_date(item.due_on), item.label) for item in support.next_meetings),
                    column_widths=(1, 4),
                ),
                numbered=False,
            )
        )
    if facts.names_on_lease is not None:
        sections.append(Section("Identité", items=facts.names_on_lease, numbered=False))
    if facts.housing is not None:
        housing = facts.housing
        items = [f"{housing.status_label} depuis le {format_date(housing.since)}", housing.address]
        if housing.typology_label:
            items.append(f"Typologie : {housing.typology_label}")
        if housing.lease_holder_label:
            items.append(f"Titulaire du bail : {housing.lease_holder_label}")
        sections.append(Section("Situation de logement", items=tuple(items), numbered=False))
    if facts.rent is not None:
        rent = facts.rent
        rows = [
            ("Loyer", format_amount(rent.rent) or "non renseigné"),
            ("Charges", format_amount(rent.charges) or "non renseignées"),
        ]
        if rent.debt is not None and rent.debt.amount is not None:
            as_of = f" au {format_date(rent.debt.as_of)}" if rent.debt.as_of else ""
            rows.append((f"Dette locative{as_of}", format_amount(rent.debt.amount)))
            if rent.debt.instalment is not None:
                count = f" × {rent.debt.instalments}" if rent.debt.instalments else ""
                rows.append(("Plan d'apurement", f"{format_amount(rent.debt.instalment)}{count}"))
        sections.append(
            Section(
                "Loyer, dette et plan d'apurement",
                table=TableData(("", "Montant"), tuple(rows), right_aligned=frozenset({1}), column_widths=(3, 2)),
                numbered=False,
            )
        )
    if facts.objectives is not None:
        objective_items = tuple(f"{objective.text} ({objective.owner_label})" for objective in facts.objectives)
        sections.append(
            Section(
                "Objectifs liés au logement",
                items=objective_items or ("Aucun objectif lié au logement n'est en cours.",),
                numbered=False,
            )
        )
    if facts.alerts is not None:
        sections.append(
            Section("Alertes", items=facts.alerts or ("Aucune alerte en cours.",), numbered=False),
        )
    if facts.message:
        sections.append(Section("Message", paragraphs=_paragraphs(facts.message), numbered=False))
    consent_lines = tuple(
        f"{item.person_name} : {', '.join(item.categories)}"
        + (f" (accord du {format_date(item.granted_on)}" if item.granted_on else " (accord")
        + (f", valable jusqu'au {format_date(item.expires_on)})" if item.expires_on else ")")
        for item in facts.consents
    )
    return GeneratedDocument(
        kind_label="Fiche navette",
        title=f"Fiche navette — {facts.landlord_name}",
        reference=facts.reference,
        issued_on=facts.issued_on,
        letterhead=facts.letterhead,
        audience=Audience.LANDLORD,
        issued_label="Établie le",
        nature_notice=(
            "Informations relatives au logement, transmises avec l'accord écrit du ménage. Elles ne peuvent être "
            "utilisées que pour la gestion de la location et ne doivent pas être communiquées à des tiers."
        ),
        recipient_lines=facts.recipient_lines,
        sections=(*sections, Section("Accord du ménage", items=consent_lines, numbered=False)),
        closing_note=(
            "Chaque adulte du ménage peut retirer son accord à tout moment auprès de l'association ; la "
            "transmission cesse alors immédiatement."
        ),
        keywords=("fiche navette", facts.reference),
    )
