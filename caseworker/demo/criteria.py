"""Demo entry criteria: what the team ticked at each referral, from its measure's list (F19).

Criteria are information (docs/domain.md §3.1): a share of referrals has nothing ticked (not known, or not filled
in), the others tick each of their measure's active criteria with a likelihood that suits the public it describes
(most Un chez-soi d'abord tenants were sans abri; few AVDL households are recognised DALO). Written once the
episodes are in, in one bulk insert. Its own random generator: the other steps draw the same.
"""

from __future__ import annotations

import random
from collections import defaultdict

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from caseworker.demo.batch import write_tuples
from caseworker.models import EntryCriterion, Episode, EpisodeCriterion

NOTHING_TICKED = 0.2
"""Share of referrals whose criteria nobody ticked."""

LIKELIHOOD = {
    "dalo": 0.25,
    "expulsion": 0.6,
    "siao": 0.55,
    "fsl": 0.6,
    "maintien": 0.7,
    "sortie_hebergement": 0.75,
    "ressources": 0.5,
    "sans_domicile": 0.8,
    "plafonds": 0.85,
    "sans_abri": 0.9,
    "parcours_long": 0.85,
    "besoins_eleves": 0.7,
}
"""How often a referral meets each seeded criterion, once its criteria are filled in at all."""

DEFAULT_LIKELIHOOD = 0.4
"""For a criterion an association added itself."""


def write_demo_criteria(session: Session, rng: random.Random) -> int:
    """Tick plausible entry criteria on every demo episode; return how many were ticked."""
    criteria: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for criterion_id, measure_id, code in session.execute(
        select(EntryCriterion.id, EntryCriterion.measure_id, EntryCriterion.code)
        .where(EntryCriterion.active.is_(True))
        .order_by(EntryCriterion.measure_id, EntryCriterion.sort_order, EntryCriterion.id)
    ):
        criteria[measure_id].append((criterion_id, code))
    rows: list[tuple[int, int]] = []
    already = exists().where(EpisodeCriterion.episode_id == Episode.id)  # a store generated into before
    episodes = select(Episode.id, Episode.measure_id).where(~already).order_by(Episode.id)
    for episode_id, measure_id in session.execute(episodes):
        offered = criteria.get(measure_id)
        if not offered or rng.random() < NOTHING_TICKED:
            continue
        rows.extend(
            (episode_id, criterion_id)
            for criterion_id, code in offered
            if rng.random() < LIKELIHOOD.get(code, DEFAULT_LIKELIHOOD)
        )
    if rows:
        write_tuples(session.connection(), "episode_criterion", ("episode_id", "criterion_id"), rows)
    return len(rows)
