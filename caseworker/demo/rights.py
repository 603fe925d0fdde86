"""Demo rights opened: what support opened for each household, on days its support ran (docs/domain.md §13).

Most started supports open at least one right (an aide au logement above all, the RSA, the complémentaire santé
solidaire…); a few open none, a few open three. A right of a person (the RSA, the AAH, a titre de séjour…) is the
household's first member's; a right of the household (an aide au logement, the FSL, the DALO…) names no one.
Written once the episodes are in, in one bulk insert; nothing is audited (the demo's past is invented). Its own
random generator: the other steps draw the same.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import exists, insert, select
from sqlalchemy.orm import Session

from caseworker.demo.draws import weighted
from caseworker.models import Episode, HouseholdMembership, RightKind, RightOpened

HOW_MANY = ((0, 25), (1, 40), (2, 25), (3, 10))
"""How many rights a support opens, with its weight."""

KIND_WEIGHTS = (
    ("aide_logement", 30),
    ("rsa", 16),
    ("css", 14),
    ("prime_activite", 8),
    ("allocations_familiales", 6),
    ("aah", 6),
    ("protection_maladie", 5),
    ("fsl", 5),
    ("domiciliation", 3),
    ("titre_sejour", 2),
    ("chomage", 2),
    ("pension", 1),
    ("dalo", 1),
    ("autre", 1),
)
"""Which rights support opens, and how often."""

HOUSEHOLD_RIGHTS = frozenset({"aide_logement", "fsl", "dalo", "allocations_familiales"})
"""Rights of the household as a whole (no person named)."""

_OFFICE = time(10, 0)


def write_demo_rights(session: Session, rng: random.Random, today: date) -> int:
    """Write plausible rights opened during every started demo support; return how many."""
    kinds = dict(session.execute(select(RightKind.code, RightKind.id).where(RightKind.active.is_(True))).all())
    offered = [(code, weight) for code, weight in KIND_WEIGHTS if code in kinds]
    if not offered:
        return 0
    members: dict[int, list[int]] = defaultdict(list)
    for household_id, person_id in session.execute(
        select(HouseholdMembership.household_id, HouseholdMembership.person_id).order_by(HouseholdMembership.id)
    ):
        members[household_id].append(person_id)
    already = exists().where(RightOpened.household_id == Episode.household_id)  # a store generated into before
    supports = session.execute(
        select(Episode.household_id, Episode.start_date, Episode.end_date)
        .where(Episode.start_date.is_not(None), Episode.start_date <= today, ~already)
        .order_by(Episode.id)
    )
    rows: list[dict[str, object]] = []
    for household_id, start, end in supports:
        assert start is not None  # started supports only
        last = min(end - timedelta(days=1), today) if end is not None else today
        span = (last - start).days
        if span < 0:
            continue
        codes = {weighted(rng, offered) for _ in range(weighted(rng, HOW_MANY))}
        for code in sorted(codes):
            opened_on = start + timedelta(days=rng.randint(0, min(span, 365)))
            people = members.get(household_id, [])
            person = None if code in HOUSEHOLD_RIGHTS or not people else people[0]  # its first member, an adult
            rows.append(
                {
                    "household_id": household_id,
                    "person_id": person,
                    "kind_id": kinds[code],
                    "opened_on": opened_on,
                    "created_at": datetime.combine(opened_on, _OFFICE, tzinfo=timezone.utc),
                    "created_by_id": None,
                    "row_version": 1,
                }
            )
    if rows:
        session.execute(insert(RightOpened), rows)
    return len(rows)
