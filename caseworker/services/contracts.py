"""Contracts: drafting, sending for signature, signatures, scans, amendments and the end (DOMAIN.md §5.6, §6.3).

Lifecycle of a version: brouillon → en_signature (its PDF is frozen inside the encrypted database) → en_vigueur
once every signatory's signature is recorded (the version it amends becomes ``remplace`` then) → échu or résilié
when the contract ends. Only a draft can be edited; a version in force is changed by an amendment (avenant): a
new draft version copied from it, while it stays in force until the amendment is signed.

Landlord-facing kinds may carry only C0/C1 information (DOMAIN.md §8.2): their objectives must have a housing
theme, and the document is built from :class:`caseworker.reports.landlord_facing.ContractFacts`, which has no
place for anything else.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from caseworker.domain import (
    THREE_PARTIES,
    AuditAction,
    ContractStatus,
    DurationPolicy,
    EpisodeStatus,
    ObjectiveStatus,
    Party,
    SignatureMethod,
)
from caseworker.formats import (
    amount_to_cents,
    cents_to_amount,
    format_amount,
    format_date,
    format_list,
    format_long_date,
)
from caseworker.models import (
    AlertType,
    Consent,
    Contract,
    ContractClause,
    ContractCommitment,
    ContractKind,
    ContractObjective,
    ContractReview,
    ContractSignatory,
    ContractVersion,
    ConventionAlertRule,
    Document,
    Episode,
    Household,
    Objective,
    Occupancy,
    Organisation,
    PartnerContact,
    StaffMember,
    TeamMembership,
    Topic,
)
from caseworker.reports.document_model import Letterhead
from caseworker.reports.landlord_facing import (
    PARTY_ROLES,
    AlertRuleFacts,
    ClauseFacts,
    ContractFacts,
    DebtFacts,
    ObjectiveFacts,
    PartyFacts,
    ReviewFacts,
    SignatoryFacts,
    build_contract_document,
)
from caseworker.services import audit
from caseworker.services.adults import current_adults
from caseworker.services.calendar_fr import territory_label
from caseworker.services.consents import Attachment
from caseworker.services.context import ServiceContext
from caseworker.services.contract_templates import (
    COMMITMENT_CODES,
    ClauseInput,
    check_clauses,
    current_template,
    fill_placeholders,
    kind_view,
)
from caseworker.services.date_rules import DateKind
from caseworker.services.disclosure_log import DisclosureEntry, write_disclosure
from caseworker.services.disclosure_rules import Authorisation, household_consents
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.households import display_names_for
from caseworker.services.identity import printed_name, staff_display_name
from caseworker.services.letterhead import LetterheadService
from caseworker.services.prevention import landlord_debt_facts
from caseworker.services.reference import Choice
from caseworker.services.validation import LABEL_MAX, LONG_TEXT_MAX, NAME_MAX, PARAGRAPH_MAX, Problems
from caseworker.services.working_days import territory_problem

STATUS_LABELS = {
    ContractStatus.BROUILLON: "Brouillon",
    ContractStatus.EN_SIGNATURE: "À signer",
    ContractStatus.EN_VIGUEUR: "En vigueur",
    ContractStatus.REMPLACE: "Remplacé par un avenant",
    ContractStatus.ECHU: "Échu",
    ContractStatus.RESILIE: "Résilié",
}
PARTY_LABELS = {
    Party.BAILLEUR: "Bailleur",
    Party.ASSOCIATION: "Association",
    Party.MENAGE: "Ménage",
}
SIGNATURE_METHOD_LABELS = {
    SignatureMethod.EN_MAIN_PROPRE: "En main propre",
    SignatureMethod.COURRIER: "Par courrier",
    SignatureMethod.REUNION: "En réunion",
    SignatureMethod.AUTRE: "Autre",
}
OWNER_LABELS = {
    Party.MENAGE: "porté par le ménage",
    Party.ASSOCIATION: "porté par l'association",
    Party.BAILLEUR: "porté par le bailleur",
}
DIRECTION_LABELS = {"to_association": "Bailleur → association", "to_landlord": "Association → bailleur"}
ENDED = frozenset({ContractStatus.ECHU, ContractStatus.RESILIE})
PENDING = frozenset({ContractStatus.BROUILLON, ContractStatus.EN_SIGNATURE})
HOUSING_SENSITIVITY = "C1"
SCAN_MAX_BYTES = 25 * 1024 * 1024
SCAN_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
REVIEW_SOON_DAYS = 30
TITLE_MAX = LABEL_MAX
MAX_OBJECTIVES = 30
MAX_COMMITMENTS = 40
MAX_REVIEWS = 40
MAX_SIGNATORIES = 12
MAX_TERM_MONTHS = 120


# ----------------------------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class DraftRequest:
    """What to draft: a kind, for a household (with a landlord) or, for a convention cadre, a landlord alone."""

    kind_code: str
    household_id: int | None = None
    landlord_id: int | None = None  # None: the landlord of the household's current dwelling
    episode_id: int | None = None  # None: the household's running episode


@dataclass(frozen=True)
class ObjectiveLine:
    """An objective of the contract, in the household's words."""

    text: str
    owner: Party = Party.MENAGE
    theme_code: str | None = None
    objective_id: int | None = None


@dataclass(frozen=True)
class CommitmentLine:
    """One commitment of one party."""

    party: Party
    text: str


@dataclass(frozen=True)
class ReviewLine:
    """A date of the review calendar."""

    due_on: date
    label: str


@dataclass(frozen=True)
class SignatoryLine:
    """Who signs for a party; at most one of the three links (none: a name typed by hand)."""

    party: Party
    name: str
    capacity: str = ""
    person_id: int | None = None
    staff_member_id: int | None = None
    partner_contact_id: int | None = None


@dataclass(frozen=True)
class AlertRuleLine:
    """Response deadlines of a convention cadre for one alert type (working days)."""

    alert_type_code: str
    acknowledge_days: int
    action_days: int


@dataclass(frozen=True)
class ContractContent:
    """Everything an editor may change in a draft version (the whole content is replaced on save)."""

    title: str
    starts_on: date | None
    ends_on: date | None  # None: "durée non déterminée"
    clauses: tuple[ClauseInput, ...]
    objectives: tuple[ObjectiveLine, ...] = ()
    commitments: tuple[CommitmentLine, ...] = ()
    reviews: tuple[ReviewLine, ...] = ()
    signatories: tuple[SignatoryLine, ...] = ()
    amendment_note: str = ""
    debt: Decimal | None = None
    debt_as_of: date | None = None
    instalment: Decimal | None = None
    instalment_months: int | None = None
    sublease_months: int | None = None
    sublease_renewals: int | None = None
    target_households: int | None = None
    alert_rules: tuple[AlertRuleLine, ...] = ()
    territory: str | None = None  # convention cadre: whose public holidays count its deadlines (None: ours)


@dataclass(frozen=True)
class SignatureInput:
    """A signature collected on paper."""

    signed_on: date
    method: SignatureMethod
    place: str = ""


@dataclass(frozen=True)
class ContractFilter:
    """Filters of the Contrats section."""

    kind_code: str | None = None
    status: ContractStatus | None = None  # the contract's overall status
    landlord_id: int | None = None
    reviews_due: bool = False  # only contracts with a review in the next 30 days
    include_ended: bool = True


# ------------------------------------------------------------------------------------------------ views


@dataclass(frozen=True)
class ClauseView:
    """A clause of a version, placeholders still in ``body``; ``printed`` has them filled in."""

    code: str
    title: str
    body: str
    required: bool
    printed: str


@dataclass(frozen=True)
class ObjectiveLineView:
    """An objective of a version."""

    text: str
    owner: Party
    owner_label: str
    theme_code: str | None
    theme_label: str
    objective_id: int | None


@dataclass(frozen=True)
class SignatoryView:
    """A signatory of a version and, once recorded, the signature."""

    id: int
    party: Party
    party_label: str
    name: str
    capacity: str
    person_id: int | None
    staff_member_id: int | None
    partner_contact_id: int | None
    signed_on: date | None
    signed_place: str
    signed_how: SignatureMethod | None

    @property
    def has_signed(self) -> bool:
        """Tell whether the signature is recorded."""
        return self.signed_on is not None


@dataclass(frozen=True)
class ScanView:
    """The signed copy attached to a version."""

    document_id: int
    filename: str
    size: int


@dataclass(frozen=True)
class AlertRuleView:
    """Response deadlines for one alert type."""

    alert_type_code: str
    label: str
    direction_label: str
    acknowledge_days: int
    action_days: int


@dataclass(frozen=True)
class ContractVersionView:
    """One version of a contract with everything it says."""

    id: int
    number: int
    status: ContractStatus
    status_label: str
    title: str
    starts_on: date | None
    ends_on: date | None
    term_label: str
    amendment_note: str
    clauses: tuple[ClauseView, ...]
    objectives: tuple[ObjectiveLineView, ...]
    commitments: tuple[CommitmentLine, ...]
    reviews: tuple[ReviewLine, ...]
    signatories: tuple[SignatoryView, ...]
    alert_rules: tuple[AlertRuleView, ...]
    debt: Decimal | None
    debt_as_of: date | None
    instalment: Decimal | None
    instalment_months: int | None
    sublease_months: int | None
    sublease_renewals: int | None
    target_households: int | None
    territory: str | None
    territory_label: str  # French; empty when the association's territory applies
    drafted_on: date
    sent_for_signature_on: date | None
    in_force_on: date | None
    replaced_on: date | None
    pdf_sha256: str
    scan: ScanView | None
    template_version: int | None

    @property
    def is_editable(self) -> bool:
        """Only a draft may be edited: a signed version is changed by an amendment."""
        return self.status is ContractStatus.BROUILLON

    @property
    def version_date(self) -> date:
        """The date printed with the version number: when it went to signature (the draft date before)."""
        return self.sent_for_signature_on or self.drafted_on

    def content(self) -> ContractContent:
        """Return the version's content, ready to edit or to copy into an amendment."""
        return ContractContent(
            title=self.title,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            clauses=tuple(ClauseInput(c.code, c.title, c.body, c.required) for c in self.clauses),
            objectives=tuple(ObjectiveLine(o.text, o.owner, o.theme_code, o.objective_id) for o in self.objectives),
            commitments=self.commitments,
            reviews=self.reviews,
            signatories=tuple(
                SignatoryLine(s.party, s.name, s.capacity, s.person_id, s.staff_member_id, s.partner_contact_id)
                for s in self.signatories
            ),
            amendment_note=self.amendment_note,
            debt=self.debt,
            debt_as_of=self.debt_as_of,
            instalment=self.instalment,
            instalment_months=self.instalment_months,
            sublease_months=self.sublease_months,
            sublease_renewals=self.sublease_renewals,
            target_households=self.target_households,
            alert_rules=tuple(
                AlertRuleLine(r.alert_type_code, r.acknowledge_days, r.action_days) for r in self.alert_rules
            ),
            territory=self.territory,
        )


@dataclass(frozen=True)
class ContractView:
    """A contract with all its versions (newest last)."""

    id: int
    reference: str
    kind_code: str
    kind_label: str
    landlord_facing: bool
    signing_parties: tuple[Party, ...]
    with_debt: bool
    with_alert_rules: bool
    household_id: int | None
    household_name: str
    landlord_id: int | None
    landlord_name: str
    episode_id: int | None
    measure_label: str
    versions: tuple[ContractVersionView, ...]
    ended_on: date | None
    end_status: ContractStatus | None
    end_reason: str
    status: ContractStatus
    status_label: str
    next_review_on: date | None
    review_soon: bool

    @property
    def in_force(self) -> ContractVersionView | None:
        """Return the version in force, if any."""
        return next((v for v in reversed(self.versions) if v.status is ContractStatus.EN_VIGUEUR), None)

    @property
    def latest(self) -> ContractVersionView:
        """Return the newest version (a draft amendment, if one is being prepared)."""
        return self.versions[-1]

    @property
    def pending(self) -> ContractVersionView | None:
        """Return the draft or the version awaiting signatures, if any."""
        return self.latest if self.latest.status in PENDING else None

    def version(self, version_id: int) -> ContractVersionView:
        """Return one of the versions by id."""
        return next(v for v in self.versions if v.id == version_id)


@dataclass(frozen=True)
class ContractSummary:
    """A contract as a row of the Contrats section or of the household's tab."""

    id: int
    reference: str
    kind_code: str
    kind_label: str
    household_id: int | None
    household_name: str
    landlord_id: int | None
    landlord_name: str
    status: ContractStatus
    status_label: str
    version: int
    starts_on: date | None
    ends_on: date | None
    next_review_on: date | None
    review_soon: bool


@dataclass(frozen=True)
class SignatoryOption:
    """Someone who may sign for a party."""

    party: Party
    name: str
    capacity: str
    person_id: int | None = None
    staff_member_id: int | None = None
    partner_contact_id: int | None = None


@dataclass(frozen=True)
class EditorChoices:
    """What the contract editor offers for one contract."""

    themes: list[Choice]  # housing themes only for landlord-facing kinds
    owners: list[Choice]
    signatory_options: list[SignatoryOption]
    alert_types: list[Choice]
    episode_objectives: list[ObjectiveLine]
    excluded_objectives: list[str] = field(default_factory=list)  # why some objectives of the episode are left out


@dataclass(frozen=True)
class GeneratedPdf:
    """A PDF produced in memory (written to disk only where the person chooses)."""

    content: bytes
    filename: str
    frozen: bool  # the copy sent for signature, exactly as printed then


# ---------------------------------------------------------------------------------------------- service


class ContractService:
    """Drafts contracts and takes them through signature, amendment and end."""

    def __init__(self, ctx: ServiceContext, letterhead: LetterheadService) -> None:
        self._ctx = ctx
        self._letterhead = letterhead

    # reading ---------------------------------------------------------------------------------------------

    def contract(self, contract_id: int) -> ContractView:
        """Return one contract with its versions."""
        with self._ctx.read() as session:
            return _view(session, _get(session, contract_id), self._ctx.clock.today())

    def contracts_for(self, household_id: int) -> list[ContractSummary]:
        """Return the household's contracts, newest first."""
        return self.list_contracts(ContractFilter(), household_id=household_id)

    def list_contracts(self, data: ContractFilter, *, household_id: int | None = None) -> list[ContractSummary]:
        """Return contracts matching the filter, newest first (the Contrats section)."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            query = select(Contract).options(
                selectinload(Contract.kind),
                selectinload(Contract.landlord),
                selectinload(Contract.versions).selectinload(ContractVersion.reviews),
            )
            if household_id is not None:
                query = query.where(Contract.household_id == household_id)
            if data.kind_code:
                query = query.join(ContractKind).where(ContractKind.code == data.kind_code)
            if data.landlord_id is not None:
                query = query.where(Contract.landlord_id == data.landlord_id)
            if not data.include_ended:
                query = query.where(Contract.ended_on.is_(None))
            contracts = list(session.scalars(query.order_by(Contract.id.desc())))
            names = display_names_for(session, {c.household_id for c in contracts if c.household_id is not None})
            rows = []
            for contract in contracts:
                summary = _summary(contract, names.get(contract.household_id or 0, ""), today)
                if data.status is not None and summary.status is not data.status:
                    continue
                if data.reviews_due and not summary.review_soon:
                    continue
                rows.append(summary)
            return rows

    def editor_choices(self, contract_id: int) -> EditorChoices:
        """Return the picklists and candidates of the contract editor."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            contract = _get(session, contract_id)
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
                owners=[Choice(owner.value, OWNER_LABELS[owner]) for owner in THREE_PARTIES],
                signatory_options=_signatory_options(session, contract, self._ctx.actor.staff_member_id, today),
                alert_types=[
                    Choice(item.code, f"{item.label} ({DIRECTION_LABELS.get(item.direction, item.direction)})")
                    for item in alert_types
                ],
                episode_objectives=objectives,
                excluded_objectives=excluded,
            )

    # drafting --------------------------------------------------------------------------------------------

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
            for order, clause in enumerate(template.clauses, start=1):
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
            contract.versions.append(version)
            session.flush()
            objectives, _excluded = _episode_objectives(session, contract)
            for order, objective in enumerate(objectives):
                version.objectives.append(_objective_row(session, objective, order))
            for review in _default_reviews(session, episode, version.starts_on, version.ends_on, kind):
                version.reviews.append(ContractReview(due_on=review.due_on, label=review.label))
            for order, option in enumerate(
                _default_signatories(session, contract, self._ctx.actor.staff_member_id, today)
            ):
                version.signatories.append(_signatory_row(option, order))
            if kind.with_debt:
                version.sublease_months, version.sublease_renewals = _sublease_term(episode)
                if household is not None and landlord is not None:  # the debt and plan from the debt register
                    facts = landlord_debt_facts(session, household.id, landlord.id, today)
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
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "contract", contract.id, household_id=_household_of(contract)
            )
            return _view(session, contract, today)

    def update_draft(self, version_id: int, data: ContractContent) -> ContractView:
        """Replace the whole content of a draft version."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            version = _version(session, version_id)
            contract = version.contract
            _check_editable(version)
            problems = Problems()
            cleaned = _check_content(session, contract, data, problems, today, amendment=version.number > 1)
            problems.raise_if_any()
            _apply_content(session, version, cleaned)
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "contract_version",
                version.id,
                household_id=_household_of(contract),
            )
            return _view(session, contract, today)

    def discard_draft(self, version_id: int) -> ContractView | None:
        """Delete a draft; discarding the first version deletes the contract (returns None then)."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            version = _version(session, version_id)
            contract = version.contract
            _check_editable(version)
            household = _household_of(contract)
            if version.number == 1:
                audit.record(session, self._ctx, AuditAction.DELETE, "contract", contract.id, household_id=household)
                session.delete(contract)
                return None
            audit.record(session, self._ctx, AuditAction.DELETE, "contract_version", version.id, household_id=household)
            contract.versions.remove(version)
            session.flush()
            return _view(session, contract, today)

    # signature -------------------------------------------------------------------------------------------

    def send_for_signature(self, version_id: int) -> ContractView:
        """Check that the draft is complete, freeze its PDF and wait for the signatures."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            version = _version(session, version_id)
            contract = version.contract
            _check_editable(version)
            _check_complete(session, contract, version, today)
            version.status = ContractStatus.EN_SIGNATURE
            version.sent_for_signature_on = today
            session.flush()
            pdf = self._render(session, contract, version, today)
            document = Document(
                household_id=contract.household_id,
                filename=_pdf_filename(contract, version),
                media_type="application/pdf",
                size=len(pdf),
                sha256=hashlib.sha256(pdf).hexdigest(),
                content=pdf,
                created_by_id=self._ctx.actor.staff_member_id,
            )
            session.add(document)
            session.flush()
            version.pdf_document_id = document.id
            version.pdf_sha256 = document.sha256
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "contract_version",
                version.id,
                household_id=_household_of(contract),
                fields=["status"],
            )
            return _view(session, contract, today)

    def back_to_draft(self, version_id: int) -> ContractView:
        """Take a version awaiting signatures back to draft (only before anyone has signed)."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            version = _version(session, version_id)
            contract = version.contract
            if version.status is not ContractStatus.EN_SIGNATURE:
                raise ValidationError(
                    {"status": "Seul un document en attente de signature peut redevenir un brouillon."}
                )
            signed = [s.name for s in version.signatories if s.signed_on is not None]
            if signed:
                have = "ont" if len(signed) > 1 else "a"
                raise ValidationError(
                    {
                        "status": f"{format_list(signed)} {have} déjà signé cette version : elle ne peut plus être "
                        "modifiée. Enregistrez les autres signatures, puis préparez un avenant."
                    }
                )
            frozen = version.pdf_document_id
            version.status = ContractStatus.BROUILLON
            version.sent_for_signature_on = None
            version.pdf_document_id = None
            version.pdf_sha256 = ""
            session.flush()
            if frozen is not None:
                session.execute(delete(Document).where(Document.id == frozen))
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "contract_version",
                version.id,
                household_id=_household_of(contract),
                fields=["status"],
            )
            return _view(session, contract, today)

    def record_signature(self, signatory_id: int, data: SignatureInput) -> ContractView:
        """Record one signature; when every signatory has signed, the version comes into force."""
        today = self._ctx.clock.today()
        problems = Problems()
        place = problems.text("place", data.place, label="Lieu", max_length=NAME_MAX)
        with self._ctx.transaction() as session:
            signatory = session.get(ContractSignatory, signatory_id)
            if signatory is None:
                raise NotFoundError("Ce signataire n'existe plus.")
            version = signatory.version
            contract = version.contract
            if version.status is not ContractStatus.EN_SIGNATURE:
                raise ValidationError(
                    {
                        "signed_on": "Les signatures s'enregistrent sur une version envoyée à la signature "
                        f"(ici : « {STATUS_LABELS[version.status]} »)."
                    }
                )
            sent = version.sent_for_signature_on
            assert sent is not None
            problems.date("signed_on", data.signed_on, kind=DateKind.EVENT, label="Date de signature", today=today)
            if "signed_on" not in problems.errors and data.signed_on < sent:
                problems.add(
                    "signed_on",
                    f"La date de signature ne peut pas précéder l'envoi à la signature ({format_date(sent)}).",
                )
            problems.raise_if_any()
            signatory.signed_on = data.signed_on
            signatory.signed_place = place
            signatory.signed_how = data.method
            signatory.recorded_at = self._ctx.clock.now()
            signatory.recorded_by_id = self._ctx.actor.staff_member_id
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "contract_signatory",
                signatory.id,
                household_id=_household_of(contract),
                fields=["signed_on", "signed_place", "signed_how"],
            )
            if all(item.signed_on is not None for item in version.signatories):
                self._bring_into_force(session, contract, version)
            return _view(session, contract, today)

    def attach_scan(self, version_id: int, attachment: Attachment) -> ContractView:
        """Store the scanned signed copy inside the encrypted database (replacing an earlier scan)."""
        today = self._ctx.clock.today()
        suffix = "." + attachment.filename.rsplit(".", 1)[-1].lower() if "." in attachment.filename else ""
        problems = Problems()
        if suffix not in SCAN_TYPES:
            problems.add("scan", "Joignez un PDF ou une image (PNG, JPEG) du document signé.")
        if not attachment.content:
            problems.add("scan", "Le fichier est vide.")
        if len(attachment.content) > SCAN_MAX_BYTES:
            problems.add("scan", "Le fichier dépasse 25 Mo : numérisez en niveaux de gris ou à 200 points par pouce.")
        filename, media_type = problems.file(
            "scan", attachment.filename, attachment.media_type, default_type=SCAN_TYPES.get(suffix, "")
        )
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            version = _version(session, version_id)
            contract = version.contract
            if version.status is ContractStatus.BROUILLON:
                raise ValidationError({"scan": "Un brouillon n'est pas signé : envoyez-le d'abord à la signature."})
            document = Document(
                household_id=contract.household_id,
                filename=filename,
                media_type=media_type,
                size=len(attachment.content),
                sha256=hashlib.sha256(attachment.content).hexdigest(),
                content=attachment.content,
                created_by_id=self._ctx.actor.staff_member_id,
            )
            session.add(document)
            session.flush()
            replaced = version.scan_document_id
            version.scan_document_id = document.id
            session.flush()
            if replaced is not None:
                session.execute(delete(Document).where(Document.id == replaced))
            audit.record(
                session,
                self._ctx,
                AuditAction.CREATE,
                "document",
                document.id,
                household_id=_household_of(contract),
            )
            return _view(session, contract, today)

    def scan(self, version_id: int) -> Attachment:
        """Return the signed copy (recording that it was viewed)."""
        with self._ctx.transaction() as session:
            version = _version(session, version_id)
            if version.scan_document_id is None:
                raise NotFoundError("Aucun exemplaire signé n'est joint à cette version.")
            document = session.get(Document, version.scan_document_id)
            assert document is not None
            audit.record(
                session,
                self._ctx,
                AuditAction.VIEW,
                "document",
                document.id,
                household_id=_household_of(version.contract),
            )
            return Attachment(document.filename, document.content, document.media_type)

    # amendments and end ----------------------------------------------------------------------------------

    def amend(self, contract_id: int, *, note: str) -> ContractView:
        """Prepare an amendment (avenant): a draft copied from the version in force, which stays in force."""
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text(
            "amendment_note", note, label="Objet de l'avenant", max_length=LONG_TEXT_MAX, multiline=True, required=True
        )
        problems.raise_if_any()
        with self._ctx.transaction() as session:
            contract = _get(session, contract_id)
            if contract.ended_on is not None:
                raise ValidationError({"status": "Ce contrat a pris fin : un nouveau contrat doit être rédigé."})
            latest = contract.versions[-1]
            if latest.status in PENDING:
                raise ValidationError(
                    {
                        "status": f"La version {latest.number} ({STATUS_LABELS[latest.status].lower()}) est déjà en "
                        "préparation : terminez-la ou supprimez-la avant un nouvel avenant."
                    }
                )
            current = next((v for v in reversed(contract.versions) if v.status is ContractStatus.EN_VIGUEUR), None)
            if current is None:
                raise ValidationError(
                    {"status": "Un avenant modifie une version en vigueur : celle-ci n'est pas encore signée."}
                )
            copy = ContractVersion(
                contract_id=contract.id,
                number=latest.number + 1,
                status=ContractStatus.BROUILLON,
                template_id=current.template_id,
                drafted_on=today,
                created_by_id=self._ctx.actor.staff_member_id,
            )
            contract.versions.append(copy)
            content = _version_view(current, today).content()
            cleaned = _check_content(session, contract, content, Problems(), today, amendment=False)
            _apply_content(session, copy, cleaned)
            copy.amendment_note = note
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.CREATE,
                "contract_version",
                copy.id,
                household_id=_household_of(contract),
            )
            return _view(session, contract, today)

    def end_contract(self, contract_id: int, *, on: date, status: ContractStatus, reason: str) -> ContractView:
        """End a contract in force: at its term (échu) or early (résilié, with a reason)."""
        today = self._ctx.clock.today()
        problems = Problems()
        reason = problems.text(
            "reason",
            reason,
            label="Motif",
            max_length=LONG_TEXT_MAX,
            multiline=True,
            required=status is ContractStatus.RESILIE,
        )
        if status not in ENDED:
            problems.add("status", "Un contrat prend fin à son échéance ou par résiliation.")
        problems.date("on", on, kind=DateKind.EVENT, label="Date de fin", today=today)
        with self._ctx.transaction() as session:
            contract = _get(session, contract_id)
            if contract.ended_on is not None:
                raise ValidationError({"status": f"Ce contrat a déjà pris fin le {format_date(contract.ended_on)}."})
            current = next((v for v in reversed(contract.versions) if v.status is ContractStatus.EN_VIGUEUR), None)
            if current is None:
                raise ValidationError(
                    {"status": "Ce contrat n'a jamais été signé : supprimez le brouillon au lieu d'y mettre fin."}
                )
            assert current.in_force_on is not None
            if on < current.in_force_on:
                problems.add(
                    "on", f"La fin ne peut pas précéder l'entrée en vigueur ({format_date(current.in_force_on)})."
                )
            problems.raise_if_any()
            current.status = status
            contract.ended_on = on
            contract.end_status = status
            contract.end_reason = reason
            for version in contract.versions:
                if version.status is ContractStatus.BROUILLON:
                    contract.versions.remove(version)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "contract",
                contract.id,
                household_id=_household_of(contract),
                fields=["ended_on", "end_status", "end_reason"],
            )
            return _view(session, contract, today)

    # documents -------------------------------------------------------------------------------------------

    def version_pdf(self, version_id: int) -> GeneratedPdf:
        """Return a version's PDF: the frozen copy once sent for signature, a fresh "PROJET" for a draft."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            version = _version(session, version_id)
            contract = version.contract
            if version.pdf_document_id is not None:
                document = session.get(Document, version.pdf_document_id)
                assert document is not None
                return GeneratedPdf(document.content, document.filename, frozen=True)
            return GeneratedPdf(
                self._render(session, contract, version, today), _pdf_filename(contract, version), frozen=False
            )

    def record_export(self, version_id: int, *, channel: str) -> None:
        """Record that a version was printed or saved (``channel``: "print" or "file").

        A landlord-facing version sent for signature or later goes to the landlord: it is written to the
        disclosure log too (the household signs the document itself; the consents valid today are linked).
        """
        if channel not in {"print", "file"}:
            raise ValidationError({"channel": "Indiquez si la version a été imprimée ou enregistrée."})
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            version = _version(session, version_id)
            contract = version.contract
            audit.record(
                session,
                self._ctx,
                AuditAction.EXPORT,
                "contract_version",
                version.id,
                household_id=_household_of(contract),
                fields=[channel],
            )
            if (
                contract.kind.landlord_facing
                and contract.landlord_id is not None
                and version.status is not ContractStatus.BROUILLON
            ):
                allowed = _valid_consents(session, contract.household_id, contract.landlord_id, today)
                consents = [consent for consent, _allowed in allowed]
                write_disclosure(
                    session,
                    self._ctx,
                    DisclosureEntry(
                        household_id=contract.household_id,
                        recipient_id=contract.landlord_id,
                        recipient_contact_id=None,
                        channel="impression" if channel == "print" else "fichier",
                        document_kind=contract.kind.code,
                        document_reference=f"{contract_reference(contract.id)} v{version.number}",
                        categories=sorted({code for _consent, item in allowed for code in item.categories}),
                        fields=("parties", "objectifs", "engagements", "calendrier", "clauses"),
                        sha256=version.pdf_sha256,
                    ),
                    consents=consents,
                    legal_basis="Document soumis à la signature de chaque partie, dont le ménage.",
                )

    # internals -------------------------------------------------------------------------------------------

    def _bring_into_force(self, session: Session, contract: Contract, version: ContractVersion) -> None:
        signed_dates = [item.signed_on for item in version.signatories if item.signed_on is not None]
        in_force_on = max(signed_dates)
        for other in contract.versions:
            if other.status is ContractStatus.EN_VIGUEUR and other.id != version.id:
                other.status = ContractStatus.REMPLACE
                other.replaced_on = in_force_on
        version.status = ContractStatus.EN_VIGUEUR
        version.in_force_on = in_force_on
        audit.record(
            session,
            self._ctx,
            AuditAction.UPDATE,
            "contract_version",
            version.id,
            household_id=_household_of(contract),
            fields=["status"],
        )

    def _render(self, session: Session, contract: Contract, version: ContractVersion, today: date) -> bytes:
        from caseworker.reports.pdf import render_pdf

        facts = contract_facts(session, contract, version, self._letterhead.letterhead(session), today)
        return render_pdf(build_contract_document(facts))


# ------------------------------------------------------------------------------------------ helpers


def contract_reference(contract_id: int) -> str:
    """Return the printed reference of a contract, e.g. "C-000012"."""
    return f"C-{contract_id:06d}"


def _household_of(contract: Contract) -> int | None:
    """Return the household a contract is about (None for a convention cadre)."""
    return contract.household_id


def _get(session: Session, contract_id: int) -> Contract:
    contract = session.scalar(
        select(Contract)
        .where(Contract.id == contract_id)
        .options(
            selectinload(Contract.kind),
            selectinload(Contract.landlord),
            selectinload(Contract.versions).selectinload(ContractVersion.clauses),
            selectinload(Contract.versions)
            .selectinload(ContractVersion.objectives)
            .selectinload(ContractObjective.theme),
            selectinload(Contract.versions).selectinload(ContractVersion.commitments),
            selectinload(Contract.versions).selectinload(ContractVersion.reviews),
            selectinload(Contract.versions).selectinload(ContractVersion.signatories),
            selectinload(Contract.versions)
            .selectinload(ContractVersion.alert_rules)
            .selectinload(ConventionAlertRule.alert_type),
            selectinload(Contract.versions).selectinload(ContractVersion.template),
        )
    )
    if contract is None:
        raise NotFoundError("Ce contrat n'existe plus.")
    return contract


def _version(session: Session, version_id: int) -> ContractVersion:
    version = session.get(ContractVersion, version_id)
    if version is None:
        raise NotFoundError("Cette version du contrat n'existe plus.")
    _get(session, version.contract_id)  # loads the whole contract with its versions
    return version


def _check_editable(version: ContractVersion) -> None:
    if version.status is not ContractStatus.BROUILLON:
        raise ValidationError(
            {
                "status": f"La version {version.number} est « {STATUS_LABELS[version.status].lower()} » : une version "
                "envoyée à la signature ou signée ne se modifie plus. Préparez un avenant."
            }
        )


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
    """Start + 1 month, midpoint and end − 1 month (DOMAIN.md §6.12); every 6 months when open-ended."""
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


def _occupant_capacity(session: Session, household: int) -> str:
    occupancy = session.scalar(
        select(Occupancy).where(Occupancy.household_id == household, Occupancy.end_date.is_(None)).limit(1)
    )
    return occupancy.status.label if occupancy is not None and occupancy.status.is_housed else ""


def _signatory_options(
    session: Session, contract: Contract, current_user: int | None, today: date
) -> list[SignatoryOption]:
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


def _signatory_row(line: SignatoryLine | SignatoryOption, order: int) -> ContractSignatory:
    return ContractSignatory(
        party=line.party,
        name=line.name,
        capacity=line.capacity,
        person_id=line.person_id,
        staff_member_id=line.staff_member_id,
        partner_contact_id=line.partner_contact_id,
        sort_order=order,
    )


def _objective_row(session: Session, line: ObjectiveLine, order: int) -> ContractObjective:
    theme_id = None
    if line.theme_code:
        theme_id = session.scalar(select(Topic.id).where(Topic.code == line.theme_code))
    return ContractObjective(
        objective_id=line.objective_id, text=line.text, theme_id=theme_id, owner=line.owner, sort_order=order
    )


def _check_content(
    session: Session, contract: Contract, data: ContractContent, problems: Problems, today: date, *, amendment: bool
) -> ContractContent:
    """Validate a draft's content; return it cleaned (texts trimmed)."""
    kind = contract.kind
    title = problems.text("title", data.title, label="Titre", max_length=TITLE_MAX, required=True)
    problems.date("starts_on", data.starts_on, kind=DateKind.PLANNED, label="Date d'effet", today=today)
    problems.date("ends_on", data.ends_on, kind=DateKind.PLANNED, label="Date de fin", today=today)
    problems.ordered("ends_on", data.starts_on, data.ends_on, start_label="La date d'effet", end_label="La date de fin")
    dates_accepted = "starts_on" not in problems.errors and "ends_on" not in problems.errors
    if (
        dates_accepted  # an accepted date is at most 20 years ahead: adding ten years stays in the calendar
        and data.starts_on
        and data.ends_on
        and data.ends_on > data.starts_on + relativedelta(months=MAX_TERM_MONTHS)
    ):
        problems.add("ends_on", "Un contrat ne peut pas durer plus de dix ans : vérifiez la date de fin.")
    clauses = check_clauses(problems, data.clauses)
    note = problems.text(
        "amendment_note",
        data.amendment_note,
        label="Objet de l'avenant",
        max_length=LONG_TEXT_MAX,
        multiline=True,
        required=amendment,
    )
    themes = {topic.code: topic for topic in session.scalars(select(Topic))}
    objectives = []
    if len(data.objectives) > MAX_OBJECTIVES:
        problems.add("objectives", f"Au plus {MAX_OBJECTIVES} objectifs par contrat.")
    for number, line in enumerate(data.objectives, start=1):
        text = problems.text(
            "objectives", line.text, label=f"Objectif {number}", max_length=PARAGRAPH_MAX, required=True, multiline=True
        )
        theme = themes.get(line.theme_code) if line.theme_code else None
        if line.theme_code and theme is None:
            problems.add("objectives", f"Objectif {number} : thème inconnu.")
        if kind.landlord_facing and (theme is None or theme.sensitivity != HOUSING_SENSITIVITY):
            what = (
                f"le thème « {theme.label} » ne concerne pas le logement"
                if theme
                else "choisissez un thème lié au logement"
            )
            problems.add(
                "objectives",
                f"Objectif {number} : ce document est remis au bailleur, seuls les objectifs liés au logement y "
                f"figurent ({what}).",
            )
        if line.owner not in THREE_PARTIES:
            problems.add(
                "objectives", f"Objectif {number} : choisissez qui le porte (le ménage, l'association ou le bailleur)."
            )
        objectives.append(ObjectiveLine(text, line.owner, line.theme_code, line.objective_id))
    parties = {Party(code) for code in kind.signing_parties.split()}
    commitments = []
    if len(data.commitments) > MAX_COMMITMENTS:
        problems.add("commitments", f"Au plus {MAX_COMMITMENTS} engagements par contrat.")
    for number, commitment in enumerate(data.commitments, start=1):
        text = problems.text(
            "commitments",
            commitment.text,
            label=f"Engagement {number}",
            max_length=PARAGRAPH_MAX,
            required=True,
            multiline=True,
        )
        if commitment.party not in parties:
            problems.add(
                "commitments",
                f"Engagement {number} : {PARTY_ROLES[commitment.party.value].lower()} n'est pas partie à ce document.",
            )
        commitments.append(CommitmentLine(commitment.party, text))
    reviews = []
    if len(data.reviews) > MAX_REVIEWS:
        problems.add("reviews", f"Au plus {MAX_REVIEWS} dates de bilan.")
    for number, review in enumerate(data.reviews, start=1):
        label = problems.text("reviews", review.label, label=f"Bilan {number}", max_length=LABEL_MAX, required=True)
        problems.date("reviews", review.due_on, kind=DateKind.PLANNED, label=f"Bilan {number}", today=today)
        reviews.append(ReviewLine(review.due_on, label))
    signatories = []
    if len(data.signatories) > MAX_SIGNATORIES:
        problems.add("signatories", f"Au plus {MAX_SIGNATORIES} signataires.")
    for number, signatory in enumerate(data.signatories, start=1):
        name = problems.text(
            "signatories", signatory.name, label=f"Signataire {number}", max_length=LABEL_MAX, required=True
        )
        capacity = problems.text(
            "signatories", signatory.capacity, label=f"Signataire {number}, qualité", max_length=LABEL_MAX
        )
        links = [signatory.person_id, signatory.staff_member_id, signatory.partner_contact_id]
        if sum(link is not None for link in links) > 1:
            problems.add("signatories", f"Signataire {number} : une seule personne par ligne.")
        if signatory.party not in parties:
            problems.add(
                "signatories",
                f"Signataire {number} : {PARTY_ROLES[signatory.party.value].lower()} ne signe pas ce document.",
            )
        signatories.append(
            SignatoryLine(
                signatory.party,
                name,
                capacity,
                signatory.person_id,
                signatory.staff_member_id,
                signatory.partner_contact_id,
            )
        )
    for field_name, value, label in (
        ("instalment_months", data.instalment_months, "Nombre de mensualités"),
        ("sublease_months", data.sublease_months, "Durée de la sous-location"),
        ("sublease_renewals", data.sublease_renewals, "Renouvellements"),
        ("target_households", data.target_households, "Nombre de ménages"),
    ):
        if value is not None and not 0 <= value <= 10_000:
            problems.add(field_name, f"{label} : un nombre entre 0 et 10 000.")
    if data.instalment_months is not None and data.instalment_months == 0:
        problems.add("instalment_months", "Nombre de mensualités : au moins une.")
    problems.date("debt_as_of", data.debt_as_of, kind=DateKind.EVENT, label="Date de la dette", today=today)
    debt = problems.amount("debt", data.debt, label="Montant de la dette")
    instalment = problems.amount("instalment", data.instalment, label="Mensualité", allow_zero=False)
    if debt is not None and instalment is not None and instalment > debt > 0:
        problems.add("instalment", "La mensualité dépasse la dette.")
    alert_codes = {item.code for item in session.scalars(select(AlertType))}
    rules = []
    seen_rules: set[str] = set()
    for rule in data.alert_rules:
        if rule.alert_type_code not in alert_codes:
            problems.add("alert_rules", f"Type d'alerte inconnu : « {rule.alert_type_code} ».")
        elif rule.alert_type_code in seen_rules:
            problems.add("alert_rules", "Un même type d'alerte figure deux fois.")
        seen_rules.add(rule.alert_type_code)
        if not (0 <= rule.acknowledge_days <= 60 and 0 <= rule.action_days <= 120):
            problems.add(
                "alert_rules", "Délais : entre 0 et 60 jours ouvrés pour la prise en compte, 120 pour l'action."
            )
        elif rule.action_days < rule.acknowledge_days:
            problems.add("alert_rules", "La première action ne peut pas précéder la prise en compte.")
        rules.append(rule)
    territory = data.territory if kind.with_alert_rules else None
    problem = territory_problem(territory)
    if problem is not None:
        problems.add("territory", problem)
    return ContractContent(
        title=title,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        clauses=tuple(clauses),
        objectives=tuple(objectives),
        commitments=tuple(commitments),
        reviews=tuple(reviews),
        signatories=tuple(signatories),
        amendment_note=note,
        debt=data.debt,
        debt_as_of=data.debt_as_of,
        instalment=data.instalment,
        instalment_months=data.instalment_months,
        sublease_months=data.sublease_months,
        sublease_renewals=data.sublease_renewals,
        target_households=data.target_households,
        alert_rules=tuple(rules),
        territory=territory,
    )


def _apply_content(session: Session, version: ContractVersion, data: ContractContent) -> None:
    version.title = data.title
    version.starts_on = data.starts_on
    version.ends_on = data.ends_on
    version.amendment_note = data.amendment_note
    version.debt_cents = amount_to_cents(data.debt)
    version.debt_as_of = data.debt_as_of
    version.instalment_cents = amount_to_cents(data.instalment)
    version.instalment_months = data.instalment_months
    version.sublease_months = data.sublease_months
    version.sublease_renewals = data.sublease_renewals
    version.target_households = data.target_households
    version.territory = data.territory
    # Old rows go first: the new ones may carry the same unique keys (an alert type per version).
    for collection in (
        version.clauses,
        version.objectives,
        version.commitments,
        version.reviews,
        version.signatories,
        version.alert_rules,
    ):
        collection.clear()
    session.flush()
    version.clauses = [
        ContractClause(code=c.code, title=c.title, body=c.body, required=c.required, sort_order=(i + 1) * 10)
        for i, c in enumerate(data.clauses)
    ]
    version.objectives = [_objective_row(session, line, order) for order, line in enumerate(data.objectives)]
    version.commitments = [
        ContractCommitment(party=line.party, text=line.text, sort_order=order)
        for order, line in enumerate(data.commitments)
    ]
    version.reviews = [ContractReview(due_on=line.due_on, label=line.label) for line in data.reviews]
    version.signatories = [_signatory_row(line, order) for order, line in enumerate(data.signatories)]
    alert_ids = {item.code: item.id for item in session.scalars(select(AlertType))}
    version.alert_rules = [
        ConventionAlertRule(
            alert_type_id=alert_ids[rule.alert_type_code],
            acknowledge_days=rule.acknowledge_days,
            action_days=rule.action_days,
        )
        for rule in data.alert_rules
    ]
    session.flush()


def _check_complete(session: Session, contract: Contract, version: ContractVersion, today: date) -> None:
    """What a version needs before it goes to signature."""
    kind = contract.kind
    problems = Problems()
    if version.starts_on is None:
        problems.add("starts_on", "Indiquez la date d'effet.")
    present = {signatory.party for signatory in version.signatories}
    for code in kind.signing_parties.split():
        party = Party(code)
        if party not in present:
            problems.add("signatories", f"Ajoutez un signataire pour : {PARTY_LABELS[party].lower()}.")
    values = placeholder_values(session, contract, version, today)
    for clause in version.clauses:
        printed = fill_placeholders(clause.body, values)
        if clause.required and not clause.body.strip():
            problems.add("clauses", f"La clause « {clause.title} » est obligatoire : rédigez-la avant la signature.")
        elif "[à compléter" in printed:
            missing = printed[printed.index("[à compléter") :].split("]", 1)[0].removeprefix("[à compléter : ")
            problems.add("clauses", f"Clause « {clause.title} » : il manque {missing}.")
    if kind.with_debt:
        for name, value, label in (
            ("debt", version.debt_cents, "le montant de la dette"),
            ("debt_as_of", version.debt_as_of, "la date de la dette"),
            ("instalment", version.instalment_cents, "la mensualité"),
            ("instalment_months", version.instalment_months, "le nombre de mensualités"),
            ("sublease_months", version.sublease_months, "la durée de la sous-location"),
        ):
            if value is None:
                problems.add(name, f"Un protocole de maintien indique {label}.")
    if kind.with_alert_rules and version.target_households is None:
        problems.add("target_households", "La convention indique le nombre de ménages visé.")
    if kind.with_alert_rules and not version.alert_rules:
        problems.add("alert_rules", "La convention fixe les délais de réponse aux alertes.")
    for number, objective in enumerate(version.objectives, start=1):
        theme = objective.theme
        if kind.landlord_facing and (theme is None or theme.sensitivity != HOUSING_SENSITIVITY):
            problems.add(
                "objectives", f"Objectif {number} : seuls les objectifs liés au logement figurent sur ce document."
            )
    problems.raise_if_any()


def _valid_consents(
    session: Session, household: int | None, recipient: int, today: date
) -> list[tuple[Consent, Authorisation]]:
    """The consents that now let ``recipient`` receive something (``disclosure_rules``), with what and until."""
    if household is None:
        return []
    allowed = household_consents(session, household).authorisations(recipient, today)
    rows = {
        consent.id: consent
        for consent in session.scalars(
            select(Consent)
            .where(Consent.id.in_([item.record.id for item in allowed]))
            .options(selectinload(Consent.categories), selectinload(Consent.person))
        )
    }
    return [(rows[item.record.id], item) for item in allowed]


def placeholder_values(session: Session, contract: Contract, version: ContractVersion, today: date) -> dict[str, str]:
    """The values of the placeholders for one version (C0/C1 information only)."""
    values: dict[str, str] = {}
    own = session.scalar(select(Organisation).where(Organisation.is_own).limit(1))
    if own is not None:
        values["association"] = own.name
        values["territoire"] = own.territory
    if contract.landlord is not None:
        values["bailleur"] = contract.landlord.name
    household = contract.household_id
    if household is not None:
        adults = [printed_name(person) for person, _role in current_adults(session, household, today)]
        values["menage"] = format_list(adults)
        occupancy = session.scalar(
            select(Occupancy).where(Occupancy.household_id == household, Occupancy.end_date.is_(None)).limit(1)
        )
        if occupancy is not None and occupancy.dwelling is not None:
            dwelling = occupancy.dwelling
            place = " ".join(part for part in (dwelling.postcode, dwelling.city) if part)
            values["logement"] = ", ".join(part for part in (dwelling.address, place) if part)
        consents = _valid_consents(session, household, contract.landlord_id or -1, today)
        if consents:
            values["consentements"] = " ; ".join(
                ", ".join(
                    category.label.lower() for category in consent.categories if category.code in allowed.categories
                )
                + f" (accord donné par {printed_name(consent.person)}"
                + (f", jusqu'au {format_date(allowed.until)})" if allowed.until else ")")
                for consent, allowed in consents
            )
        else:
            values["consentements"] = "aucune information (pas d'autorisation écrite en cours de validité)"
        coordinator = session.execute(
            select(StaffMember.first_name, StaffMember.last_name)
            .join(TeamMembership, TeamMembership.staff_member_id == StaffMember.id)
            .where(
                TeamMembership.household_id == household,
                TeamMembership.is_coordinator,
                TeamMembership.end_date.is_(None),
            )
            .limit(1)
        ).first()
        if coordinator is not None:
            values["referent"] = staff_display_name(coordinator[0], coordinator[1])
    if contract.episode_id is not None:
        episode = session.get(Episode, contract.episode_id)
        if episode is not None:
            values["dispositif"] = episode.measure.name
    if version.starts_on is not None:
        values["date_debut"] = format_long_date(version.starts_on)
    if version.ends_on is not None:
        values["date_fin"] = format_long_date(version.ends_on)
        if version.starts_on is not None:
            # Only a term reads right after "pour une durée de": without an end date the clause must say otherwise.
            values["duree"] = _term_label(version.starts_on, version.ends_on)
    if version.debt_cents is not None:
        values["montant_dette"] = format_amount(cents_to_amount(version.debt_cents))
    if version.debt_as_of is not None:
        values["date_dette"] = format_long_date(version.debt_as_of)
    if version.instalment_cents is not None:
        values["mensualite"] = format_amount(cents_to_amount(version.instalment_cents))
    if version.instalment_months is not None:
        values["nombre_mensualites"] = str(version.instalment_months)
    if version.sublease_months is not None:
        values["duree_sous_location"] = f"{version.sublease_months} mois"
    if version.sublease_renewals is not None:
        values["renouvellements"] = {0: "aucune fois", 1: "une fois"}.get(
            version.sublease_renewals, f"{version.sublease_renewals} fois"
        )
        if version.sublease_months is not None:
            renewable = (
                "non renouvelable" if version.sublease_renewals == 0 else f"renouvelable {values['renouvellements']}"
            )
            values["sous_location"] = f"{version.sublease_months} mois, {renewable}"
    if version.target_households is not None:
        values["nombre_menages"] = str(version.target_households)
    return values


def _term_label(start: date | None, end: date | None) -> str:
    if end is None:
        return "durée non déterminée"
    if start is None:
        return f"jusqu'au {format_long_date(end)}"
    delta = relativedelta(end + relativedelta(days=1), start)
    months = delta.years * 12 + delta.months
    if delta.days == 0 and months > 0:
        return f"{months} mois"
    return f"{(end - start).days + 1} jours"


def contract_facts(
    session: Session, contract: Contract, version: ContractVersion, letterhead: Letterhead, today: date
) -> ContractFacts:
    """Gather what a version's document shows (C0/C1 only: see the module docstring)."""
    values = placeholder_values(session, contract, version, today)
    own = session.scalar(select(Organisation).where(Organisation.is_own).limit(1))
    association = PartyFacts(
        own.name if own else letterhead.organisation_name,
        tuple(line for line in ((own.address if own else ""), (own.phone if own else "")) if line),
    )
    landlord = None
    if contract.landlord is not None:
        landlord = PartyFacts(contract.landlord.name, tuple(line for line in (contract.landlord.address,) if line))
    household = None
    if contract.household_id is not None:
        lines = tuple(line for line in (values.get("logement", ""),) if line)
        household = PartyFacts(values.get("menage", ""), lines)
    previous = next((v for v in contract.versions if v.number == version.number - 1), None)
    kind = contract.kind
    debt = None
    if kind.with_debt:
        debt = DebtFacts(
            cents_to_amount(version.debt_cents),
            version.debt_as_of,
            cents_to_amount(version.instalment_cents),
            version.instalment_months,
        )
    commitments_by_party: dict[str, list[str]] = {}
    for commitment in version.commitments:
        commitments_by_party.setdefault(commitment.party.value, []).append(commitment.text)
    order = kind.signing_parties.split()
    return ContractFacts(
        kind_label=kind.label,
        nature_notice=kind.nature_notice,
        reference=contract_reference(contract.id),
        version=version.number,
        version_date=version.sent_for_signature_on or version.drafted_on,
        letterhead=letterhead,
        title=version.title,
        association=association,
        landlord=landlord,
        household=household,
        clauses=tuple(ClauseFacts(c.code, c.title, fill_placeholders(c.body, values)) for c in version.clauses),
        objectives=tuple(
            ObjectiveFacts(o.text, OWNER_LABELS[o.owner], o.theme.label if o.theme else "") for o in version.objectives
        ),
        commitments=tuple(
            (party, tuple(commitments_by_party.get(party, ())))
            for party in sorted(commitments_by_party, key=lambda p: order.index(p) if p in order else 99)
        ),
        reviews=tuple(ReviewFacts(r.due_on, r.label) for r in version.reviews),
        signing_parties=tuple(order),
        signatories=tuple(
            SignatoryFacts(s.party.value, s.name, s.capacity, s.signed_on, s.signed_place) for s in version.signatories
        ),
        alert_rules=tuple(
            AlertRuleFacts(
                rule.alert_type.label,
                DIRECTION_LABELS.get(rule.alert_type.direction, ""),
                rule.acknowledge_days,
                rule.action_days,
            )
            for rule in sorted(version.alert_rules, key=lambda r: (r.alert_type.sort_order, r.alert_type_id))
        ),
        debt=debt,
        amendment_note=version.amendment_note,
        previous_version_date=(previous.sent_for_signature_on or previous.drafted_on) if previous else None,
        place=_town(own.address) if own else "",
        draft=version.status is ContractStatus.BROUILLON,
        landlord_facing=kind.landlord_facing,
        shares_information=bool(_valid_consents(session, contract.household_id, contract.landlord_id or -1, today)),
    )


def _town(address: str) -> str:
    """The town of an address whose line reads "35000 Rennes" ("" when there is none): where a contract is made.

    The territory is no place to sign in ("Fait à Bretagne"): without a town the line is left to fill in by hand.
    """
    for line in reversed(address.splitlines()):
        match = re.match(r"^\s*\d{5}\s+(.+?)\s*$", line)
        if match:
            return match.group(1)
    return ""


def _pdf_filename(contract: Contract, version: ContractVersion) -> str:
    return f"{contract.kind.label} {contract_reference(contract.id)} v{version.number}.pdf"


def _next_review(version: ContractVersion | None, today: date) -> tuple[date | None, bool]:
    if version is None:
        return None, False
    upcoming = sorted(review.due_on for review in version.reviews if review.due_on >= today)
    if not upcoming:
        return None, False
    return upcoming[0], (upcoming[0] - today).days <= REVIEW_SOON_DAYS


def _overall(contract: Contract) -> ContractStatus:
    if contract.end_status is not None:
        return contract.end_status
    if any(v.status is ContractStatus.EN_VIGUEUR for v in contract.versions):
        return ContractStatus.EN_VIGUEUR
    return contract.versions[-1].status


def _reference_version(contract: Contract) -> ContractVersion | None:
    """The version whose dates and reviews describe the contract: the one in force, else the newest."""
    in_force = next((v for v in reversed(contract.versions) if v.status is ContractStatus.EN_VIGUEUR), None)
    return in_force or (contract.versions[-1] if contract.versions else None)


def _status_label(contract: Contract) -> str:
    status = _overall(contract)
    label = STATUS_LABELS[status]
    latest = contract.versions[-1]
    if status is ContractStatus.EN_VIGUEUR and latest.status in PENDING:
        label += f" · avenant n° {latest.number - 1} " + (
            "en préparation" if latest.status is ContractStatus.BROUILLON else "à signer"
        )
    return label


def _summary(contract: Contract, name: str, today: date) -> ContractSummary:
    reference = _reference_version(contract)
    review_on, soon = _next_review(reference, today) if contract.ended_on is None else (None, False)
    return ContractSummary(
        id=contract.id,
        reference=contract_reference(contract.id),
        kind_code=contract.kind.code,
        kind_label=contract.kind.label,
        household_id=contract.household_id,
        household_name=name,
        landlord_id=contract.landlord_id,
        landlord_name=contract.landlord.name if contract.landlord else "",
        status=_overall(contract),
        status_label=_status_label(contract),
        version=reference.number if reference else 0,
        starts_on=reference.starts_on if reference else None,
        ends_on=reference.ends_on if reference else None,
        next_review_on=review_on,
        review_soon=soon,
    )


def _version_view(version: ContractVersion, today: date, values: dict[str, str] | None = None) -> ContractVersionView:
    scan = None
    if version.scan_document_id is not None:
        scan = ScanView(version.scan_document_id, "", 0)
    return ContractVersionView(
        id=version.id,
        number=version.number,
        status=version.status,
        status_label=STATUS_LABELS[version.status],
        title=version.title,
        starts_on=version.starts_on,
        ends_on=version.ends_on,
        term_label=_term_label(version.starts_on, version.ends_on),
        amendment_note=version.amendment_note,
        clauses=tuple(
            ClauseView(c.code, c.title, c.body, c.required, fill_placeholders(c.body, values or {}))
            for c in version.clauses
        ),
        objectives=tuple(
            ObjectiveLineView(
                o.text,
                o.owner,
                OWNER_LABELS[o.owner],
                o.theme.code if o.theme else None,
                o.theme.label if o.theme else "",
                o.objective_id,
            )
            for o in version.objectives
        ),
        commitments=tuple(CommitmentLine(c.party, c.text) for c in version.commitments),
        reviews=tuple(ReviewLine(r.due_on, r.label) for r in version.reviews),
        signatories=tuple(
            SignatoryView(
                s.id,
                s.party,
                PARTY_LABELS[s.party],
                s.name,
                s.capacity,
                s.person_id,
                s.staff_member_id,
                s.partner_contact_id,
                s.signed_on,
                s.signed_place,
                s.signed_how,
            )
            for s in version.signatories
        ),
        alert_rules=tuple(
            AlertRuleView(
                r.alert_type.code,
                r.alert_type.label,
                DIRECTION_LABELS.get(r.alert_type.direction, ""),
                r.acknowledge_days,
                r.action_days,
            )
            for r in sorted(version.alert_rules, key=lambda r: (r.alert_type.sort_order, r.alert_type_id))
        ),
        debt=cents_to_amount(version.debt_cents),
        debt_as_of=version.debt_as_of,
        instalment=cents_to_amount(version.instalment_cents),
        instalment_months=version.instalment_months,
        sublease_months=version.sublease_months,
        sublease_renewals=version.sublease_renewals,
        target_households=version.target_households,
        territory=version.territory,
        territory_label=territory_label(version.territory) if version.territory else "",
        drafted_on=version.drafted_on,
        sent_for_signature_on=version.sent_for_signature_on,
        in_force_on=version.in_force_on,
        replaced_on=version.replaced_on,
        pdf_sha256=version.pdf_sha256,
        scan=scan,
        template_version=version.template.version if version.template else None,
    )


def _view(session: Session, contract: Contract, today: date) -> ContractView:
    names = display_names_for(session, [contract.household_id] if contract.household_id else [])
    scans = {
        document.id: (document.filename, document.size)
        for document in session.execute(
            select(Document.id, Document.filename, Document.size).where(
                Document.id.in_([v.scan_document_id for v in contract.versions if v.scan_document_id])
            )
        ).all()
    }
    versions = []
    for version in contract.versions:
        values = (
            placeholder_values(session, contract, version, today) if version.status is ContractStatus.BROUILLON else {}
        )
        view = _version_view(version, today, values)
        if view.scan is not None and view.scan.document_id in scans:
            filename, size = scans[view.scan.document_id]
            view = _replace_scan(view, ScanView(view.scan.document_id, filename, size))
        versions.append(view)
    reference = _reference_version(contract)
    review_on, soon = _next_review(reference, today) if contract.ended_on is None else (None, False)
    measure = ""
    if contract.episode_id is not None:
        episode = session.get(Episode, contract.episode_id)
        measure = episode.measure.name if episode else ""
    kind = kind_view(contract.kind)
    return ContractView(
        id=contract.id,
        reference=contract_reference(contract.id),
        kind_code=kind.code,
        kind_label=kind.label,
        landlord_facing=kind.landlord_facing,
        signing_parties=kind.signing_parties,
        with_debt=kind.with_debt,
        with_alert_rules=kind.with_alert_rules,
        household_id=contract.household_id,
        household_name=names.get(contract.household_id or 0, ""),
        landlord_id=contract.landlord_id,
        landlord_name=contract.landlord.name if contract.landlord else "",
        episode_id=contract.episode_id,
        measure_label=measure,
        versions=tuple(versions),
        ended_on=contract.ended_on,
        end_status=contract.end_status,
        end_reason=contract.end_reason,
        status=_overall(contract),
        status_label=_status_label(contract),
        next_review_on=review_on,
        review_soon=soon,
    )


def _replace_scan(view: ContractVersionView, scan: ScanView) -> ContractVersionView:
    from dataclasses import replace

    return replace(view, scan=scan)
