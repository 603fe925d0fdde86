"""Drafting a contract: a first version filled in from the household's file and the kind's current template.

The draft takes the template's clauses (the ``engagements_*`` clauses become the parties' commitments, one per
line), the episode's current objectives (only housing ones for a landlord-facing kind, docs/domain.md §7.2), a
review calendar, a signatory for each party (every adult of the household: docs/domain.md §2), and for a
maintenance protocol the debt and plan of the debt register; a convention cadre starts from the alert types'
default deadlines. Everything stays editable until the draft goes to signature.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import (
    THREE_PARTIES,
    AuditAction,
    ContractStatus,
    DurationPolicy,
    EpisodeStatus,
    ObjectiveStatus,
    Party,
)
from caseworker.domain.alerts import DIRECTION_LABELS
from caseworker.domain.contracts import CARRIED_BY_LABELS, HOUSING_SENSITIVITY
from caseworker.formats import amount_to_cents
from caseworker.models import (
    AlertType,
    Contract,
    ContractClause,
    ContractCommitment,
    ContractKind,
    ContractReview,
    ContractTemplateClause,
    ContractVersion,
    ConventionAlertRule,
    Episode,
    Household,
    Objective,
    Occupancy,
    Organisation,
    PartnerContact,
    StaffMember,
    Topic,
)
from caseworker.services import audit
from caseworker.services.contracts.clauses import COMMITMENT_CODES
from caseworker.services.contracts.content import objective_row, signatory_row
from caseworker.services.contracts.records import ContractUseCases, household_of, load_contract
from caseworker.services.contracts.templates import current_template
from caseworker.services.contracts.values import (
    ContractView,
    DraftRequest,
    EditorChoices,
    ObjectiveLine,
    ReviewLine,
    SignatoryOption,
)
from caseworker.services.contracts.views import contract_view
from caseworker.services.errors import ValidationError
from caseworker.services.households import current_adults
from caseworker.services.identity import printed_name, staff_display_name
from caseworker.services.prevention import landlord_debt_facts
from caseworker.services.reference import Choice
from caseworker.services.validation import Problems


class ContractDrafting(ContractUseCases):
    """Drafts contracts from the household's file, and offers what the editor may put in them."""

    def editor_choices(self, contract_id: int) -> EditorChoices:
        """Return the picklists and candidates of the contract editor."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            contract = load_contract(session, contract_id)
            themes = [
                topic
                for topic in session.scalars(select(Topic).where(Topic.active).order_by(Topic.sort_order))
                if not contract.kind.landlord_facing or topic.sensitivity == HOUSING_SENSITIVITY
            ]
            alert_types = session.scalars(
                select(AlertType).where(AlertType.active).order_by(AlertType.sort_order, AlertType.id)
            )
            objectives, excluded = _episode_objectives(session, contract)
            return EditorChoices(
                themes=[Choice(topic.code, topic.label) for topic in themes],
                owners=[Choice(owner.value, CARRIED_BY_LABELS[owner]) for owner in THREE_PARTIES],
                signatory_options=_signatory_options(session, contract, self._ctx.actor.staff_member_id, today),
                alert_types=[
                    Choice(item.code, f"{item.label} ({DIRECTION_LABELS.get(item.direction, item.direction)})")
                    for item in alert_types
                ],
                episode_objectives=objectives,
                excluded_objectives=excluded,
            )

    def draft(self, request: DraftRequest) -> ContractView:
        """Create a contract and its first version as a draft, filled in from the household's file."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            kind = session.scalar(select(ContractKind).where(ContractKind.code == request.kind_code))
            if kind is None or not kind.active:
                raise ValidationError({"kind_code": "Choisissez un type de contrat."})
            household, landlord, episode = _draft_links(session, kind, request)
            template = current_template(session, kind.id)
            contract = Contract(
                kind_id=kind.id,
                household_id=household.id if household else None,
                landlord_id=landlord.id if landlord else None,
                episode_id=episode.id if episode else None,
                created_by_id=self._ctx.actor.staff_member_id,
            )
            session.add(contract)
            session.flush()
            version = ContractVersion(
                contract_id=contract.id,
                number=1,
                status=ContractStatus.BROUILLON,
                template_id=template.id,
                title=kind.label,
                starts_on=today,
                drafted_on=today,
                created_by_id=self._ctx.actor.staff_member_id,
            )
            version.ends_on = _default_end(kind, episode, today)
            _copy_template(template.clauses, version)
            contract.versions.append(version)
            session.flush()
            self._fill_from_file(session, contract, version, episode, today)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "contract", contract.id, household_id=household_of(contract)
            )
            return contract_view(session, contract, today)

    def _fill_from_file(
        self, session: Session, contract: Contract, version: ContractVersion, episode: Episode | None, today: date
    ) -> None:
        """Put in the objectives, reviews and signatories, and what the kind asks for (debt, alert deadlines)."""
        kind = contract.kind
        objectives, _excluded = _episode_objectives(session, contract)
        for order, objective in enumerate(objectives):
            version.objectives.append(objective_row(session, objective, order))
        for review in _default_reviews(session, episode, version.starts_on, version.ends_on, kind):
            version.reviews.append(ContractReview(due_on=review.due_on, label=review.label))
        for order, option in enumerate(_default_signatories(session, contract, self._ctx.actor.staff_member_id, today)):
            version.signatories.append(signatory_row(option, order))
        if kind.with_debt:
            version.sublease_months, version.sublease_renewals = _sublease_term(episode)
            household, landlord = contract.household_id, contract.landlord_id
            if household is not None and landlord is not None:  # the debt and plan from the debt register
                facts = landlord_debt_facts(session, household, landlord, today)
                if facts is not None:
                    version.debt_cents = amount_to_cents(facts.balance)
                    version.debt_as_of = facts.as_of
                    version.instalment_cents = amount_to_cents(facts.instalment)
                    version.instalment_months = facts.instalment_months
        if kind.with_alert_rules:
            for alert_type in session.scalars(select(AlertType).where(AlertType.active)):
                version.alert_rules.append(
                    ConventionAlertRule(
                        alert_type_id=alert_type.id,
                        acknowledge_days=alert_type.acknowledge_days,
                        action_days=alert_type.action_days,
                    )
                )


def _copy_template(clauses: list[ContractTemplateClause], version: ContractVersion) -> None:
    """Copy the template's clauses into a new version; the ``engagements_*`` ones become commitments."""
    for order, clause in enumerate(clauses, start=1):
        if clause.code in COMMITMENT_CODES:
            party = COMMITMENT_CODES[clause.code]
            for line in (text.strip() for text in clause.body.split("\n")):
                if line:
                    version.commitments.append(
                        ContractCommitment(party=party, text=line, sort_order=len(version.commitments))
                    )
        else:
            version.clauses.append(
                ContractClause(
                    code=clause.code,
                    title=clause.title,
                    body=clause.body,
                    required=clause.required,
                    sort_order=order * 10,
                )
            )


# ----------------------------------------------------------------------------------- links and defaults


def _draft_links(
    session: Session, kind: ContractKind, request: DraftRequest
) -> tuple[Household | None, Organisation | None, Episode | None]:
    problems = Problems()
    household = session.get(Household, request.household_id) if request.household_id is not None else None
    if kind.with_household and household is None:
        problems.add("household_id", "Ce type de contrat concerne un ménage : ouvrez d'abord son dossier.")
    if not kind.with_household and request.household_id is not None:
        problems.add("household_id", f"« {kind.label} » : ce document ne concerne aucun ménage en particulier.")
        household = None
    landlord_id = request.landlord_id
    if landlord_id is None and household is not None:
        landlord_id = _current_landlord_id(session, household.id)
    landlord = session.get(Organisation, landlord_id) if landlord_id is not None else None
    if "bailleur" in kind.signing_parties.split() and landlord is None:
        problems.add(
            "landlord_id",
            "Choisissez le bailleur : le ménage n'a pas de logement en cours dont le bailleur soit connu.",
        )
    episode = None
    if household is not None:
        if request.episode_id is not None:
            episode = session.get(Episode, request.episode_id)
            if episode is None or episode.household_id != household.id:
                problems.add("episode_id", "Cet accompagnement n'est pas celui du ménage.")
                episode = None
        else:
            episode = _default_episode(session, household.id)
    problems.raise_if_any()
    return household, landlord, episode


def _current_landlord_id(session: Session, household: int) -> int | None:
    occupancy = session.scalar(
        select(Occupancy).where(Occupancy.household_id == household, Occupancy.end_date.is_(None)).limit(1)
    )
    if occupancy is None or occupancy.dwelling is None:
        return None
    return occupancy.dwelling.landlord_id


def _default_episode(session: Session, household: int) -> Episode | None:
    episodes = list(
        session.scalars(
            select(Episode)
            .where(Episode.household_id == household)
            .order_by(Episode.orientation_date.desc(), Episode.id.desc())
        )
    )
    running = [e for e in episodes if e.status in (EpisodeStatus.ACTIF, EpisodeStatus.SUSPENDU)]
    waiting = [
        e
        for e in episodes
        if e.status in (EpisodeStatus.ACCORD_DE_PRINCIPE, EpisodeStatus.EN_ATTENTE, EpisodeStatus.ORIENTATION_RECUE)
    ]
    candidates = running or waiting or episodes
    return candidates[0] if candidates else None


def _default_end(kind: ContractKind, episode: Episode | None, start: date) -> date | None:
    if kind.default_term_months is None:
        return None
    return start + relativedelta(months=kind.default_term_months) - relativedelta(days=1)


def _sublease_term(episode: Episode | None) -> tuple[int, int]:
    """The sub-lease term of a protocol follows the measure's policy ("6 mois renouvelable une fois")."""
    if episode is not None:
        measure = episode.measure
        if measure.duration_policy is DurationPolicy.RENEWABLE and measure.duration_months:
            return measure.duration_months, measure.max_extensions or 0
    return 6, 1


def _episode_objectives(session: Session, contract: Contract) -> tuple[list[ObjectiveLine], list[str]]:
    """The episode's current objectives that may go into this contract, and why the others may not."""
    if contract.episode_id is None:
        return [], []
    rows = session.scalars(
        select(Objective)
        .where(Objective.episode_id == contract.episode_id)
        .options(selectinload(Objective.theme))
        .order_by(Objective.id)
    )
    kept: list[ObjectiveLine] = []
    excluded: list[str] = []
    for objective in rows:
        if objective.status not in (ObjectiveStatus.EN_COURS, ObjectiveStatus.PARTIEL):
            continue
        theme = objective.theme
        if contract.kind.landlord_facing and (theme is None or theme.sensitivity != HOUSING_SENSITIVITY):
            excluded.append(
                f"« {_shorten(objective.text)} » : "
                + (f"thème « {theme.label} », qui ne concerne pas le logement" if theme else "sans thème")
                + " — il ne figure pas sur un document remis au bailleur."
            )
            continue
        kept.append(ObjectiveLine(objective.text, objective.owner, theme.code if theme else None, objective.id))
    return kept, excluded


def _shorten(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _default_reviews(
    session: Session, episode: Episode | None, start: date | None, end: date | None, kind: ContractKind
) -> list[ReviewLine]:
    """Start + 1 month, midpoint and end − 1 month (docs/domain.md §3.1); every 6 months when open-ended."""
    if start is None or kind.code == "attestation_accord":
        return []
    if end is None:
        return [ReviewLine(start + relativedelta(months=months), "Bilan") for months in (1, 6, 12)]
    if (end - start).days < 60:
        return [ReviewLine(end, "Bilan de fin")]
    middle = start + (end - start) / 2
    return [
        ReviewLine(start + relativedelta(months=1), "Bilan d'entrée"),
        ReviewLine(middle, "Bilan intermédiaire"),
        ReviewLine(end - relativedelta(months=1), "Bilan de fin"),
    ]


# --------------------------------------------------------------------------------------------- signatories


def _occupant_capacity(session: Session, household: int) -> str:
    occupancy = session.scalar(
        select(Occupancy).where(Occupancy.household_id == household, Occupancy.end_date.is_(None)).limit(1)
    )
    return occupancy.status.label if occupancy is not None and occupancy.status.is_housed else ""


def _signatory_options(
    session: Session, contract: Contract, current_user: int | None, today: date
) -> list[SignatoryOption]:
    """Who may sign for each party: the household's adults, the association's staff, the landlord's contacts."""
    parties = contract.kind.signing_parties.split()
    options: list[SignatoryOption] = []
    if "menage" in parties and contract.household_id is not None:
        capacity = _occupant_capacity(session, contract.household_id)
        for person, _role in current_adults(session, contract.household_id, today):
            options.append(SignatoryOption(Party.MENAGE, printed_name(person), capacity, person_id=person.id))
    if "association" in parties:
        own = session.scalar(select(Organisation).where(Organisation.is_own).limit(1))
        staff_rows = session.scalars(
            select(StaffMember)
            .where(StaffMember.active, StaffMember.organisation_id == (own.id if own else -1))
            .options(selectinload(StaffMember.role))
            .order_by(StaffMember.id != (current_user or -1), StaffMember.last_name, StaffMember.first_name)
        )
        for staff in staff_rows:
            options.append(
                SignatoryOption(
                    Party.ASSOCIATION,
                    staff_display_name(staff.first_name, staff.last_name),
                    staff.role.label,
                    staff_member_id=staff.id,
                )
            )
    if "bailleur" in parties and contract.landlord_id is not None:
        contacts = session.scalars(
            select(PartnerContact)
            .where(PartnerContact.organisation_id == contract.landlord_id, PartnerContact.active)
            .options(selectinload(PartnerContact.role))
            .order_by(PartnerContact.is_referent.desc(), PartnerContact.last_name, PartnerContact.first_name)
        )
        for contact in contacts:
            options.append(
                SignatoryOption(
                    Party.BAILLEUR,
                    staff_display_name(contact.first_name, contact.last_name),
                    contact.role.label if contact.role else "",
                    partner_contact_id=contact.id,
                )
            )
    return options


def _default_signatories(
    session: Session, contract: Contract, current_user: int | None, today: date
) -> list[SignatoryOption]:
    """Every adult of the household, the current user for the association, the landlord's first contact."""
    options = _signatory_options(session, contract, current_user, today)
    chosen = [option for option in options if option.party is Party.MENAGE]
    for party in (Party.ASSOCIATION, Party.BAILLEUR):
        first = next((option for option in options if option.party is party), None)
        if first is not None:
            chosen.append(first)
    order = {party: index for index, party in enumerate(contract.kind.signing_parties.split())}
    return sorted(chosen, key=lambda option: order.get(option.party.value, 99))
