"""The demo's housing proposals: the offers behind each access to housing, refusals with reasons, committees to come."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from caseworker.demo import DemoReport
from caseworker.domain.proposals import CalDecision, HouseholdAnswer
from caseworker.models import HousingProposal, Occupancy, OccupancyChangeReason
from caseworker.services.households import ProposalInput
from caseworker.services.households.proposals import check_proposal
from caseworker.services.validation import Problems
from caseworker.storage.database import Database
from tests.conftest import TODAY

Demo = tuple[Database, DemoReport]


def _proposals(database: Database) -> list[HousingProposal]:
    with Session(database.engine) as session:
        rows = session.scalars(
            select(HousingProposal).options(
                joinedload(HousingProposal.refusal_reason), joinedload(HousingProposal.typology)
            )
        ).all()
        session.expunge_all()
        return list(rows)


def test_every_offer_passes_the_rules_of_the_service(demo: Demo) -> None:
    database, _report = demo
    proposals = _proposals(database)
    assert len(proposals) > 100
    for proposal in proposals:
        data = ProposalInput(
            proposed_on=proposal.proposed_on,
            landlord_id=proposal.landlord_id,
            typology_code=proposal.typology.code if proposal.typology else "",
            city=proposal.city,
            cal_on=proposal.cal_on,
            cal_decision=proposal.cal_decision,
            answer=proposal.answer,
            answered_on=proposal.answered_on,
            refusal_reason_code=proposal.refusal_reason.code if proposal.refusal_reason else "",
            lease_signed_on=proposal.lease_signed_on,
        )
        problems = Problems()
        check_proposal(problems, data, TODAY)
        assert not problems.errors, (proposal.id, problems.errors)


def test_each_access_to_housing_follows_an_offer_allocated_accepted_and_signed_that_day(demo: Demo) -> None:
    database, _report = demo
    with Session(database.engine) as session:
        accesses = Counter(
            session.execute(
                select(Occupancy.household_id, Occupancy.start_date)
                .join(OccupancyChangeReason, OccupancyChangeReason.id == Occupancy.change_reason_id)
                .where(OccupancyChangeReason.code.in_(("acces_logement", "relogement")))
            ).all()
        )
    signed = Counter(
        (proposal.household_id, proposal.lease_signed_on)
        for proposal in _proposals(database)
        if proposal.lease_signed_on is not None
    )
    assert signed == accesses
    assert all(
        proposal.cal_decision in (CalDecision.ALLOCATED, CalDecision.CONDITIONAL)
        and proposal.answer is HouseholdAnswer.ACCEPTED
        for proposal in _proposals(database)
        if proposal.lease_signed_on is not None
    )


def test_refusals_have_varied_reasons_and_committees_are_coming(demo: Demo) -> None:
    database, _report = demo
    proposals = _proposals(database)
    reasons = Counter(p.refusal_reason.code for p in proposals if p.refusal_reason is not None)
    assert {"localisation", "cout", "typologie"} <= set(reasons)
    assert sum(p.answer is HouseholdAnswer.REFUSED for p in proposals) == sum(reasons.values())
    assert any(p.cal_decision in (CalDecision.RANKED, CalDecision.REJECTED) for p in proposals)
    coming = [p for p in proposals if p.cal_decision is None and p.cal_on is not None and p.cal_on >= TODAY]
    assert any(p.cal_on is not None and p.cal_on <= TODAY + timedelta(days=6) for p in coming)  # on the board
