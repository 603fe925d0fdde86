"""The housing proposals log: every dwelling offered to a household, until the lease or a refusal (docs/domain.md §12).

An offer is recorded when the landlord (or the reserving body) proposes a dwelling; the allocation committee
(CAL) then decides on the landlord's side, and the household accepts or refuses on its own side, in whichever
order they come. A refusal gives a reason from the picklist. The lease is signed only after an allocation that the
household accepted. Nothing here changes the occupancy timeline: moving in is a new situation of the housing tab.

The funders count offers, refusals by reason and the days from the offer to the lease; the board lists the
committees of the week (:mod:`caseworker.services.board.deadlines`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from caseworker.domain import AuditAction
from caseworker.domain.proposals import (
    CAL_DECISION_LABELS,
    HOUSEHOLD_ANSWER_LABELS,
    CalDecision,
    HouseholdAnswer,
)
from caseworker.formats import cents_to_amount
from caseworker.models import HousingProposal, Organisation
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError
from caseworker.services.households.queries import existing_household
from caseworker.services.reference import Picklist, optional_lookup
from caseworker.services.row_versions import claim_version
from caseworker.services.validation import NAME_MAX, Problems

MAX_RENT = Decimal("10000")
"""A monthly rent and charges above this is a typing error (the amount rule's ceiling for a rent)."""
MAX_RESOURCES = Decimal("50000")
"""Monthly resources above this are a typing error for a household the association supports."""
EFFORT_WARNING = Decimal(25)
"""Above this taux d'effort (rent and charges over resources, in percent), the housing tab warns (DOMAIN F06)."""


def effort_rate(rent: Decimal | None, resources: Decimal | None) -> Decimal | None:
    """The taux d'effort in percent, to one decimal half up (470 / 1 600 → 29.4); None without both or on no resources.

    Computed each time from the two amounts: never typed, never stored (docs/domain.md §12).
    """
    if rent is None or resources is None or resources <= 0:
        return None
    return (rent * 100 / resources).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ProposalInput:
    """A dwelling offered, and what became of it so far (empty: not known yet)."""

    proposed_on: date
    landlord_id: int | None = None
    typology_code: str = ""
    city: str = ""
    rent: Decimal | None = None
    cal_on: date | None = None
    cal_decision: CalDecision | None = None
    answer: HouseholdAnswer | None = None
    answered_on: date | None = None
    refusal_reason_code: str = ""
    lease_signed_on: date | None = None
    resources: Decimal | None = None  # the household's monthly resources at the offer, for its taux d'effort


@dataclass(frozen=True)
class ProposalView:
    """One offer as the housing tab lists it."""

    id: int
    household_id: int
    proposed_on: date
    landlord_id: int | None
    landlord_name: str
    typology_code: str
    typology_label: str
    city: str
    rent: Decimal | None
    cal_on: date | None
    cal_decision: CalDecision | None
    answer: HouseholdAnswer | None
    answered_on: date | None
    refusal_reason_code: str
    refusal_reason_label: str
    lease_signed_on: date | None
    row_version: int
    resources: Decimal | None = None

    @property
    def effort_rate(self) -> Decimal | None:
        """The taux d'effort in percent (rent and charges over resources), None without both."""
        return effort_rate(self.rent, self.resources)

    @property
    def cal_decision_label(self) -> str:
        """The committee's decision in French ("" while none is recorded)."""
        return CAL_DECISION_LABELS[self.cal_decision] if self.cal_decision else ""

    @property
    def answer_label(self) -> str:
        """The household's answer in French, with the reason of a refusal ("" while none is recorded)."""
        if self.answer is None:
            return ""
        label = HOUSEHOLD_ANSWER_LABELS[self.answer]
        return f"{label} ({self.refusal_reason_label})" if self.refusal_reason_label else label

    @property
    def days_to_lease(self) -> int | None:
        """Days from the offer to the lease's signature (None until it is signed)."""
        return (self.lease_signed_on - self.proposed_on).days if self.lease_signed_on else None

    @property
    def settled(self) -> bool:
        """Whether nothing more is expected: a lease signed, a refusal, or a committee that did not allocate."""
        return (
            self.lease_signed_on is not None
            or self.answer is HouseholdAnswer.REFUSED
            or self.cal_decision in (CalDecision.RANKED, CalDecision.REJECTED)
        )


def check_proposal(problems: Problems, data: ProposalInput, today: date) -> None:
    """Every rule of an offer that needs no database: plausible dates, in order, and a coherent outcome."""
    dates = (
        ("proposed_on", data.proposed_on, "Date de la proposition", DateKind.EVENT),
        ("cal_on", data.cal_on, "Date de la CAL", DateKind.PLANNED),
        ("answered_on", data.answered_on, "Date de la réponse du ménage", DateKind.EVENT),
        ("lease_signed_on", data.lease_signed_on, "Date de signature du bail", DateKind.EVENT),
    )
    for field, value, label, kind in dates:
        problems.date(field, value, kind=kind, label=label, today=today)
    problems.ordered(
        "cal_on", data.proposed_on, data.cal_on, start_label="La date de la proposition", end_label="La date de la CAL"
    )
    problems.ordered(
        "answered_on",
        data.proposed_on,
        data.answered_on,
        start_label="La date de la proposition",
        end_label="La date de la réponse",
    )
    if data.cal_decision is not None:
        if data.cal_on is None:
            problems.add("cal_on", "Décision de la CAL : indiquez aussi la date de la commission.")
        elif data.cal_on > today:
            problems.add("cal_decision", "La CAL n'a pas encore eu lieu : sa décision se saisit après la commission.")
    if data.answer is None and data.answered_on is not None:
        problems.add("answer", "Date de réponse : indiquez aussi la réponse du ménage.")
    if data.answer is HouseholdAnswer.REFUSED and not data.refusal_reason_code:
        problems.add("refusal_reason_code", "Refus du ménage : choisissez le motif du refus.")
    if data.answer is not HouseholdAnswer.REFUSED and data.refusal_reason_code:
        problems.add("refusal_reason_code", "Un motif de refus ne se saisit que si le ménage a refusé.")
    if data.lease_signed_on is not None:
        _check_lease(problems, data)


def _check_lease(problems: Problems, data: ProposalInput) -> None:
    """A lease follows an allocation the household accepted, and comes after the offer, the CAL and the answer."""
    assert data.lease_signed_on is not None
    if data.cal_decision is None or not data.cal_decision.allocates:
        problems.add("lease_signed_on", "Un bail se signe après une attribution par la CAL : saisissez sa décision.")
    if data.answer is not HouseholdAnswer.ACCEPTED:
        problems.add("lease_signed_on", "Un bail se signe après l'acceptation du ménage : saisissez sa réponse.")
    signed = data.lease_signed_on
    problems.ordered(
        "lease_signed_on", data.proposed_on, signed, start_label="La date de la proposition", end_label="La signature"
    )
    problems.ordered("lease_signed_on", data.cal_on, signed, start_label="La date de la CAL", end_label="La signature")
    problems.ordered(
        "lease_signed_on", data.answered_on, signed, start_label="La date de la réponse", end_label="La signature"
    )


def _fill(session: Session, proposal: HousingProposal, data: ProposalInput, problems: Problems) -> None:
    """Write ``data`` on ``proposal`` once the picklists and the landlord are found; nothing when a problem is."""
    city = problems.text("city", data.city, label="Commune", max_length=NAME_MAX)
    rent = problems.amount("rent", data.rent, label="Loyer et charges", maximum=MAX_RENT)
    resources = problems.amount("resources", data.resources, label="Ressources mensuelles", maximum=MAX_RESOURCES)
    typology = optional_lookup(
        session, Picklist.DWELLING_TYPOLOGY, data.typology_code, field="typology_code", label="Typologie"
    )
    reason = optional_lookup(
        session,
        Picklist.PROPOSAL_REFUSAL_REASON,
        data.refusal_reason_code,
        field="refusal_reason_code",
        label="Motif du refus",
    )
    landlord = session.get(Organisation, data.landlord_id) if data.landlord_id is not None else None
    if data.landlord_id is not None and landlord is None:
        problems.add("landlord_id", "Ce bailleur n'existe plus dans l'annuaire : choisissez-en un autre.")
    elif landlord is not None and not landlord.kind.is_landlord:
        problems.add("landlord_id", f"« {landlord.name} » n'est pas un bailleur dans l'annuaire.")
    problems.raise_if_any()
    proposal.proposed_on = data.proposed_on
    proposal.landlord_id = data.landlord_id
    proposal.typology_id = typology.id if typology is not None else None
    proposal.city = city
    proposal.rent_cents = rent
    proposal.resources_cents = resources
    proposal.cal_on = data.cal_on
    proposal.cal_decision = data.cal_decision
    proposal.answer = data.answer
    proposal.answered_on = data.answered_on
    proposal.refusal_reason_id = reason.id if reason is not None else None
    proposal.lease_signed_on = data.lease_signed_on


class HousingProposalService:
    """Records the dwellings offered to a household and what became of each."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def record_proposal(self, household_id: int, data: ProposalInput) -> ProposalView:
        """Log a new offer (with whatever is already known of the committee and the answer)."""
        problems = Problems()
        check_proposal(problems, data, self._ctx.clock.today())
        with self._ctx.transaction() as session:
            existing_household(session, household_id)
            proposal = HousingProposal(household_id=household_id, created_by_id=self._ctx.actor.staff_member_id)
            _fill(session, proposal, data, problems)
            session.add(proposal)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "housing_proposal", proposal.id, household_id=household_id
            )
            return _view(_load(session, proposal.id))

    def update_proposal(self, proposal_id: int, data: ProposalInput, *, expected_version: int) -> ProposalView:
        """Record what became of an offer (the committee, the answer, the lease) or correct it."""
        problems = Problems()
        check_proposal(problems, data, self._ctx.clock.today())
        with self._ctx.transaction() as session:
            claim_version(session, self._ctx, HousingProposal, proposal_id, expected_version)
            proposal = _load(session, proposal_id)
            _fill(session, proposal, data, problems)
            changed = audit.changed_attributes(proposal)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "housing_proposal",
                proposal.id,
                household_id=proposal.household_id,
                fields=changed,
            )
            # The ids changed, the loaded landlord, typology and reason did not follow: read them again.
            session.expire(proposal, ["landlord", "typology", "refusal_reason"])
            return _view(_load(session, proposal.id))

    def proposals_for(self, household_id: int) -> list[ProposalView]:
        """Return the household's offers, newest first."""
        with self._ctx.read() as session:
            query = _with_relations(select(HousingProposal)).where(HousingProposal.household_id == household_id)
            rows = session.scalars(query.order_by(HousingProposal.proposed_on.desc(), HousingProposal.id.desc()))
            return [_view(row) for row in rows]


def _with_relations(query: Select[HousingProposal]) -> Select[HousingProposal]:
    return query.options(
        joinedload(HousingProposal.landlord),
        joinedload(HousingProposal.typology),
        joinedload(HousingProposal.refusal_reason),
    )


def _load(session: Session, proposal_id: int) -> HousingProposal:
    proposal = session.scalar(_with_relations(select(HousingProposal)).where(HousingProposal.id == proposal_id))
    if proposal is None:
        raise NotFoundError("Cette proposition de logement n'existe plus ou n'est plus accessible.")
    return proposal


def _view(proposal: HousingProposal) -> ProposalView:
    return ProposalView(
        id=proposal.id,
        household_id=proposal.household_id,
        proposed_on=proposal.proposed_on,
        landlord_id=proposal.landlord_id,
        landlord_name=proposal.landlord.name if proposal.landlord else "",
        typology_code=proposal.typology.code if proposal.typology else "",
        typology_label=proposal.typology.label if proposal.typology else "",
        city=proposal.city,
        rent=cents_to_amount(proposal.rent_cents),
        cal_on=proposal.cal_on,
        cal_decision=proposal.cal_decision,
        answer=proposal.answer,
        answered_on=proposal.answered_on,
        refusal_reason_code=proposal.refusal_reason.code if proposal.refusal_reason else "",
        refusal_reason_label=proposal.refusal_reason.label if proposal.refusal_reason else "",
        lease_signed_on=proposal.lease_signed_on,
        row_version=proposal.row_version,
        resources=cents_to_amount(proposal.resources_cents),
    )
