"""The support planner: what happens to each household of a chunk, in the order the random draws are made.

For each household: a measure and a main episode, sometimes an earlier closed one and a concurrent one
(:mod:`caseworker.demo.support.episodes`); for each stretch of support that started, a team
(:mod:`caseworker.demo.support.team`); then its rows (:mod:`caseworker.demo.support.episode_rows`) and its contact
log (:mod:`caseworker.demo.support.contacts`). The planners share one random generator: the order of the calls
below is the order of the draws, so it must not change for a seed to give the same data.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy.orm import Session

from caseworker.demo.batch import Row
from caseworker.demo.reference import ReferenceIds
from caseworker.demo.support.contacts import ContactLog
from caseworker.demo.support.episode_rows import EpisodeRows
from caseworker.demo.support.episodes import EpisodePlanner
from caseworker.demo.support.plans import HouseholdFacts, Spell
from caseworker.demo.support.reference import StaffInfo, SupportReference
from caseworker.demo.support.tables import (
    ACTOR_CASELOAD,
    RUNNING_SHARE,
    SHARE_WITH_CONCURRENT_EPISODE,
    SHARE_WITH_EARLIER_EPISODE,
)
from caseworker.demo.support.team import TeamPlanner
from caseworker.demo.support.writer import SupportCounts, SupportRows
from caseworker.domain import EpisodeStatus
from caseworker.services.calendar.territories import association_territory

S = EpisodeStatus


class SupportPlanner:
    """Invents the support of each household of a chunk, then writes it in the generation's transaction."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        *,
        session: Session,
        refs: ReferenceIds,
        support: SupportReference,
        households_planned: int,
    ) -> None:
        self._rng = rng
        self._today = today
        self._situation_codes = {item_id: code for code, item_id in refs.situation.ids.items()}
        self._housing_codes = {item_id: code for code, item_id in refs.occupancy_status.ids.items()}
        expected_running = max(households_planned * RUNNING_SHARE, 1.0)
        self._actor_share = min(0.9, ACTOR_CASELOAD / expected_running) if support.actor is not None else 0.0
        self._queue = SupportRows(session)
        self._episodes = EpisodePlanner(rng, today, support.measures)
        self._team = TeamPlanner(rng, today, support)
        self._rows = EpisodeRows(
            rng, today, reference=support, occupancy_status=refs.occupancy_status, rows=self._queue
        )
        self._contacts = ContactLog(
            rng, today, reference=support, rows=self._queue, territory=association_territory(session)
        )

    def plan(self, households: Sequence[Row], occupancies: Sequence[Row], dwellings: Sequence[Row]) -> None:
        """Invent the support of the households queued in this chunk (rows of the household batch)."""
        landlord_of = {row["id"]: row["landlord_id"] for row in dwellings}
        periods: dict[int, list[Row]] = {}
        for row in occupancies:
            periods.setdefault(row["household_id"], []).append(row)
        for row in households:
            mine = periods.get(row["id"], [])
            current = next((item for item in mine if item["end_date"] is None), None)
            entry = min((item["start_date"] for item in mine), default=row["created_at"].date())
            self._household(
                HouseholdFacts(
                    id=row["id"],
                    entry=min(entry, self._today - timedelta(days=14)),
                    situation=self._situation_codes.get(row["situation_before_entry_id"], "autre"),
                    housing=self._housing_codes.get(current["status_id"], "autre") if current else "autre",
                    landlord_id=landlord_of.get(current["dwelling_id"]) if current else None,
                    referral_source_id=row["referral_source_id"],
                )
            )

    def write(self, session: Session) -> SupportCounts:
        """Insert the queued rows inside the caller's transaction, empty the queues and return the counts."""
        return self._queue.write(session)

    def _household(self, household: HouseholdFacts) -> None:
        rng = self._rng
        episodes = self._episodes
        measure = episodes.measure(household)
        main = episodes.main_episode(household, measure)
        spells: list[Spell] = []
        earlier = None
        if rng.random() < SHARE_WITH_EARLIER_EPISODE / 0.75:
            earlier = episodes.earlier_episode(household, main.orientation)
        if earlier is not None:
            spells.append(Spell(earlier))
        spell = Spell(main)
        spells.append(spell)
        if main.status in (S.ACTIF, S.CLOTURE) and rng.random() < SHARE_WITH_CONCURRENT_EPISODE / 0.66:
            spell.companion = episodes.companion(main)
        actor_here = rng.random() < self._actor_share
        profile = self._contacts.topic_profile()
        previous_id: int | None = None
        handler: StaffInfo | None = None  # who took the household's last news
        for item in spells:
            if item.main.start is not None:
                self._team.plan(household, item, actor_here and item is spell)
            self._rows.queue_episode(household, item, item.main, previous_id)
            previous_id = item.main.id
            if item.companion is not None:
                self._rows.queue_episode(household, item, item.companion, None)
            self._rows.queue_team(household.id, item)
            self._rows.queue_children(item, household)
            self._contacts.log(household.id, item, profile, handler)
            if item.coordinators:
                handler = item.coordinators[-1][0]
