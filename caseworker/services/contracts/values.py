"""What goes into the contract use cases and what comes out: inputs, views, and the printed reference.

Plain frozen dataclasses (no ORM object leaves the package): the editor fills a :class:`ContractContent`, the
Contrats section reads :class:`ContractSummary` rows, the contract panel a :class:`ContractView` with its versions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from caseworker.domain import ContractStatus, Party, SignatureMethod
from caseworker.services.contracts.clauses import ClauseInput
from caseworker.services.reference import Choice

ENDED = frozenset({ContractStatus.ECHU, ContractStatus.RESILIE})
PENDING = frozenset({ContractStatus.BROUILLON, ContractStatus.EN_SIGNATURE})


def contract_reference(contract_id: int) -> str:
    """Return the printed reference of a contract, e.g. "C-000012"."""
    return f"C-{contract_id:06d}"


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
    row_version: int  # the version this view was read at; a change names it (services.row_versions)
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
