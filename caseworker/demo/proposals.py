"""Demo housing proposals: the offers that led to each access to housing, the refused ones, the committees to come.

Written once every household's occupancy and support are in, from what they hold (docs/domain.md §12): every move
into a dwelling by *accès au logement* or *relogement* was an offer allocated by the landlord's committee (CAL),
accepted by the household, its lease signed the day the occupancy starts; some were preceded by an offer the
household refused (for a reason of the picklist) or that the committee gave to another candidate. A share of the
households supported today and not housed wait for a committee in the weeks to come (the board's deadlines).
Nothing is audited: the demo's past is invented. Its own random generator: the other steps draw the same.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, aliased

from caseworker.demo.draws import weighted
from caseworker.domain.proposals import CalDecision, HouseholdAnswer
from caseworker.models import (
    Dwelling,
    Episode,
    HousingProposal,
    Occupancy,
    OccupancyChangeReason,
    OccupancyStatus,
    Organisation,
    OrganisationKind,
    ProposalRefusalReason,
)
from caseworker.services.support.states import running_statuses

ACCESS_REASONS = ("acces_logement", "relogement")
EARLIER_OFFER_SHARE = 0.3  # of the accesses: an offer refused or not allocated before the one accepted
WAITING_SHARE = 0.15  # of the households supported today and not housed: a committee to come
REFUSAL_WEIGHTS = (
    ("localisation", 30),
    ("typologie", 15),
    ("cout", 20),
    ("etat", 10),
    ("environnement", 12),
    ("sante_accessibilite", 6),
    ("animaux", 3),
    ("autre", 4),
)
_OFFICE = time(9, 0)


def write_demo_proposals(session: Session, rng: random.Random, today: date) -> int:
    """Write the offers behind the accesses to housing and the committees to come; return how many."""
    reasons = dict(session.execute(select(ProposalRefusalReason.code, ProposalRefusalReason.id)).all())
    rows: list[dict[str, object]] = []
    for household_id, start, landlord_id, typology_id, city, rent in _accesses(session):
        accepted_on = start - timedelta(days=rng.randint(20, 75))
        if rng.random() < EARLIER_OFFER_SHARE:
            earlier = accepted_on - timedelta(days=rng.randint(30, 120))
            rows.append(_earlier(rng, household_id, earlier, landlord_id, typology_id, city, reasons))
        cal_on = accepted_on + timedelta(days=rng.randint(5, min(25, (start - accepted_on).days)))
        answered_on = min(cal_on + timedelta(days=rng.randint(0, 6)), start)
        rows.append(
            _row(
                household_id,
                accepted_on,
                landlord_id,
                typology_id,
                city,
                rent,
                cal_on=cal_on,
                cal_decision=CalDecision.CONDITIONAL if rng.random() < 0.1 else CalDecision.ALLOCATED,
                answer=HouseholdAnswer.ACCEPTED,
                answered_on=answered_on,
                lease_signed_on=start,
                resources_cents=_resources(household_id, rent),
            )
        )
    landlords = session.scalars(
        select(Organisation.id)
        .join(OrganisationKind, OrganisationKind.id == Organisation.kind_id)
        .where(OrganisationKind.is_landlord.is_(True))
        .order_by(Organisation.id)
    ).all()
    for household_id in _waiting(session) if landlords else []:
        if rng.random() < WAITING_SHARE:
            offered = today - timedelta(days=rng.randint(3, 25))
            rows.append(
                _row(
                    household_id,
                    offered,
                    rng.choice(landlords),
                    None,
                    "",
                    None,
                    cal_on=today + timedelta(days=rng.randint(0, 20)),
                )
            )
    if rows:
        session.execute(insert(HousingProposal), rows)
    return len(rows)


def _accesses(session: Session) -> list[tuple[int, date, int | None, int | None, str, int | None]]:
    """Every move into a dwelling by an access or a rehousing: household, day, landlord, typology, town, rent."""
    query = (
        select(
            Occupancy.household_id,
            Occupancy.start_date,
            Dwelling.landlord_id,
            Dwelling.typology_id,
            Dwelling.city,
            Dwelling.rent_cents + func.coalesce(Dwelling.charges_cents, 0),
        )
        .join(OccupancyChangeReason, OccupancyChangeReason.id == Occupancy.change_reason_id)
        .join(Dwelling, Dwelling.id == Occupancy.dwelling_id)
        .where(OccupancyChangeReason.code.in_(ACCESS_REASONS))
        .order_by(Occupancy.household_id, Occupancy.start_date, Occupancy.id)
    )
    return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def _waiting(session: Session) -> list[int]:
    """The households supported today whose current situation is not housed."""
    status = aliased(OccupancyStatus)
    query = (
        select(Occupancy.household_id)
        .join(status, status.id == Occupancy.status_id)
        .join(Episode, Episode.household_id == Occupancy.household_id)
        .where(Occupancy.end_date.is_(None), status.is_housed.is_(False), Episode.status.in_(running_statuses()))
        .distinct()
        .order_by(Occupancy.household_id)
    )
    return list(session.scalars(query))


def _earlier(
    rng: random.Random,
    household_id: int,
    offered: date,
    landlord_id: int | None,
    typology_id: int | None,
    city: str,
    reasons: dict[str, int],
) -> dict[str, object]:
    """An offer before the accepted one: refused by the household, or not allocated by the committee."""
    cal_on = offered + timedelta(days=rng.randint(7, 30))
    if rng.random() < 0.7:
        reason = weighted(rng, REFUSAL_WEIGHTS)
        return _row(
            household_id,
            offered,
            landlord_id,
            typology_id,
            city,
            None,
            answer=HouseholdAnswer.REFUSED,
            answered_on=offered + timedelta(days=rng.randint(2, 10)),
            refusal_reason_id=reasons.get(reason),
        )
    decision = CalDecision.RANKED if rng.random() < 0.6 else CalDecision.REJECTED
    return _row(household_id, offered, landlord_id, typology_id, city, None, cal_on=cal_on, cal_decision=decision)


def _resources(household_id: int, rent: int | None) -> int | None:
    """The household's monthly resources at the offer: a taux d'effort from 12 % to 37 %.

    Drawn from its number, not from the generator, so that the other offers stay as they were; one household in
    twelve has none recorded.
    """
    if rent is None or household_id % 12 == 0:
        return None
    return round(rent * 100 / (12 + household_id * 7_919 % 26))


def _row(
    household_id: int,
    offered: date,
    landlord_id: int | None,
    typology_id: int | None,
    city: str,
    rent: int | None,
    **outcome: object,
) -> dict[str, object]:
    row: dict[str, object] = {
        "household_id": household_id,
        "proposed_on": offered,
        "landlord_id": landlord_id,
        "typology_id": typology_id,
        "city": city,
        "rent_cents": rent,
        "resources_cents": None,
        "cal_on": None,
        "cal_decision": None,
        "answer": None,
        "answered_on": None,
        "refusal_reason_id": None,
        "lease_signed_on": None,
        "created_at": datetime.combine(offered, _OFFICE, tzinfo=timezone.utc),
        "created_by_id": None,
        "row_version": 1,
    }
    row.update(outcome)
    return row
