"""Who is on a household's team, for the prevention step: coordinators by day and the current user's households.

The support step has just written the teams of the chunk; the alerts, debts and procedures are recorded by the
coordinator in charge on the day (or by a team lead), and a mediation seats the household's reference person.
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseworker.demo.prevention.reference import PreventionReference
from caseworker.models import HouseholdMembership, TeamMembership


class ChunkTeams:
    """The teams of the households of one chunk, read back from the store."""

    def __init__(self, rng: random.Random, today: date, reference: PreventionReference) -> None:
        self._rng = rng
        self._today = today
        self._ref = reference
        self._coordinators: dict[int, list[tuple[int, int, int]]] = {}  # household → (staff, first, last ordinal)
        self.first_member: dict[int, int] = {}  # household → its reference person
        self.actor_households: set[int] = set()

    def load(self, session: Session, first_id: int, last_id: int) -> None:
        """Coordinators of the chunk's households, and those the current user is on the team of today."""
        self._coordinators = {}
        self.actor_households = set()
        actor = self._ref.actor_id
        rows = session.execute(
            select(
                TeamMembership.household_id,
                TeamMembership.staff_member_id,
                TeamMembership.is_coordinator,
                TeamMembership.start_date,
                TeamMembership.end_date,
            )
            .where(TeamMembership.household_id.between(first_id, last_id), TeamMembership.staff_member_id.is_not(None))
            .order_by(TeamMembership.id)
        )
        # The first member of each household stands for it at a mediation (the reference person, written first).
        self.first_member = {
            household_id: person_id
            for household_id, person_id in session.execute(
                select(HouseholdMembership.household_id, func.min(HouseholdMembership.person_id))
                .where(HouseholdMembership.household_id.between(first_id, last_id))
                .group_by(HouseholdMembership.household_id)
            )
        }
        for household_id, staff_id, is_coordinator, start, end in rows:
            if is_coordinator and staff_id is not None:
                last = end.toordinal() if end is not None else self._today.toordinal()
                self._coordinators.setdefault(household_id, []).append((staff_id, start.toordinal(), last))
            if staff_id == actor and end is None:
                self.actor_households.add(household_id)

    def staff_on(self, household_id: int, ordinal: int, *, lead_share: float) -> int:
        """The household's coordinator on that day (or a team lead, who also records some alerts)."""
        rng = self._rng
        if lead_share == 0.0 or rng.random() >= lead_share:
            for staff_id, first, last in self._coordinators.get(household_id, ()):
                if first <= ordinal <= last:
                    return staff_id
        return rng.choice(self._ref.team_leads)
