"""The team around a demo household: one coordinating social worker (sometimes replaced) and a few others.

A coordinator of the association from the first day of support, now and then replaced by a colleague; the
current user on some teams (coordinating most of them, which gives them a caseload in "Mes ménages"); and, by
weight, a peer worker, a nurse or a psychologist, another social worker, a lawyer or the landlord's contact
(docs/domain.md §1, principle 4: exactly one coordinator at any time).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from caseworker.demo.draws import day_between, draw_count, weighted
from caseworker.demo.support.plans import HouseholdFacts, MemberPlan, Spell
from caseworker.demo.support.reference import StaffInfo, SupportReference
from caseworker.demo.support.tables import (
    COORDINATOR_CHANGE_REASONS,
    MEMBER_COUNTS,
    MEMBER_END_REASONS,
    MEMBER_KINDS,
    MEMBER_KINDS_HOUSING_FIRST,
    TEAM_ROLE_FOR_STAFF,
)


class TeamPlanner:
    """Invents the team of each stretch of support that started."""

    def __init__(self, rng: random.Random, today: date, reference: SupportReference) -> None:
        self._rng = rng
        self._yesterday = today - timedelta(days=1)
        self._ref = reference

    def plan(self, household: HouseholdFacts, spell: Spell, with_actor: bool) -> None:
        """One coordinator from the start (sometimes replaced), a few other members; the actor on some teams."""
        rng = self._rng
        ref = self._ref
        main = spell.main
        assert main.start is not None
        start, end = main.start, main.end
        last = end or self._yesterday
        actor = ref.actor if with_actor else None
        first = rng.choice(ref.coordinators)
        coordinators = [(first, start)]
        if (last - start).days > 180 and rng.random() < 0.15:
            change = day_between(rng, start + timedelta(days=90), last - timedelta(days=30))
            second = rng.choice(ref.coordinators)
            if second.id != first.id:
                coordinators.append((second, change))
        actor_coordinates = actor is not None and actor.may_coordinate and rng.random() < 0.85
        if actor is not None and actor_coordinates:
            coordinators[-1] = (actor, coordinators[-1][1])
        spell.coordinators = coordinators
        members = spell.members
        for index, (staff, since) in enumerate(coordinators):
            until = coordinators[index + 1][1] - timedelta(days=1) if index + 1 < len(coordinators) else end
            reason = rng.choice(COORDINATOR_CHANGE_REASONS) if index + 1 < len(coordinators) else ""
            members.append(MemberPlan(staff, None, "referent_social", True, since, until, reason))
        if actor is not None and not actor_coordinates:
            members.append(
                self._member(actor, None, TEAM_ROLE_FOR_STAFF.get(actor.role, "autre"), start, end, leaves=False)
            )
        housing_first = main.measure.code == "chez_soi_dabord"
        count = rng.choices((1, 2, 3), weights=(30, 45, 25))[0] if housing_first else draw_count(rng, MEMBER_COUNTS)
        kinds = MEMBER_KINDS_HOUSING_FIRST if housing_first else MEMBER_KINDS
        taken = {member.staff.id for member in members if member.staff is not None}
        for _ in range(count):
            kind = weighted(rng, kinds)
            if kind == "landlord":
                contacts = ref.landlord_contacts.get(household.landlord_id or 0)
                if contacts and all(member.partner_contact_id is None for member in members):
                    contact_id = contacts[0] if rng.random() < 0.7 else rng.choice(contacts)
                    members.append(self._member(None, contact_id, "referent_logement", start, end))
                continue
            pool = {"peer": ref.peers, "health": ref.health, "social": ref.coordinators, "lawyer": ref.lawyers}[kind]
            candidates = [staff for staff in pool if staff.id not in taken]
            if not candidates:
                continue
            staff = rng.choice(candidates)
            taken.add(staff.id)
            members.append(self._member(staff, None, TEAM_ROLE_FOR_STAFF.get(staff.role, "autre"), start, end))

    def _member(
        self,
        staff: StaffInfo | None,
        contact_id: int | None,
        role: str,
        start: date,
        end: date | None,
        *,
        leaves: bool = True,
    ) -> MemberPlan:
        rng = self._rng
        last = end or self._yesterday
        since = start + timedelta(days=rng.randint(0, max(min(90, (last - start).days), 0)))
        until, reason = end, ""
        if leaves and (last - since).days > 60 and rng.random() < 0.15:
            until = day_between(rng, since + timedelta(days=30), last - timedelta(days=1))
            reason = rng.choice(MEMBER_END_REASONS)
        return MemberPlan(staff, contact_id, role, False, since, until, reason)
