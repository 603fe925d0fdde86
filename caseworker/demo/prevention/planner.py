"""The prevention planner: alerts, debts and eviction procedures of each household of a chunk, in draw order.

For each stay of a household in a landlord's dwelling (the association's own stock excluded), alerts arrive
over the years at the household's own pace: a few quiet households, most with an alert now and then, some
fragile ones often, and rent arrears concentrated on a minority (docs/domain.md §3.3). Arrears become debts
(:mod:`caseworker.demo.prevention.debts`), a few tenancies go to court
(:mod:`caseworker.demo.prevention.procedures`), and every alert's history is drawn once the household's alerts
are complete (:mod:`caseworker.demo.prevention.alerts`). The planners share one random generator: the order of
the calls below is the order of the draws, so it must not change for a seed to give the same data.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from caseworker.demo.batch import Row
from caseworker.demo.draws import cumulative
from caseworker.demo.prevention.alerts import AlertRows, draft_alert
from caseworker.demo.prevention.debts import DebtPlanner
from caseworker.demo.prevention.moments import Moments
from caseworker.demo.prevention.plans import AlertPlan, Debt, Period, Procedure, Stay
from caseworker.demo.prevention.procedures import ProcedurePlanner
from caseworker.demo.prevention.reference import PreventionReference
from caseworker.demo.prevention.tables import (
    ACTOR_OPEN_ALERT_SHARE,
    DEBT_SHARE,
    EARLY_PROCEDURE_SHARE,
    PLAN_SHARE,
    PROFILES,
    TYPES_ARREARS,
    TYPES_OTHER,
)
from caseworker.demo.prevention.teams import ChunkTeams
from caseworker.demo.prevention.writer import PreventionCounts, PreventionRows
from caseworker.demo.reference import ReferenceIds
from caseworker.services.calendar.territories import association_territory


class PreventionPlanner:
    """Invents the alerts, debts and procedures of each household of a chunk, then writes them."""

    def __init__(
        self, rng: random.Random, today: date, *, session: Session, refs: ReferenceIds, reference: PreventionReference
    ) -> None:
        self._rng = rng
        self._today = today
        self._yesterday = today - timedelta(days=1)
        self._ref = reference
        self._status_codes = {item_id: code for code, item_id in refs.occupancy_status.ids.items()}
        self._reason_codes = {item_id: code for code, item_id in refs.change_reason.ids.items()}
        self._queue = PreventionRows(session)
        self._types = reference.alert_types
        self._profiles = cumulative([((code, rate, arrears), weight) for code, weight, rate, arrears in PROFILES])
        self._mix_arrears = cumulative([(self._types[code], weight) for code, weight in TYPES_ARREARS])
        self._mix_other = cumulative([(self._types[code], weight) for code, weight in TYPES_OTHER])
        self._moments = Moments(rng, today, association_territory(session))
        self._teams = ChunkTeams(rng, today, reference)
        self._alerts = AlertRows(rng, reference=reference, moments=self._moments, teams=self._teams, queue=self._queue)
        self._debts = DebtPlanner(rng, today, alert_types=self._types, moments=self._moments, queue=self._queue)
        self._procedures = ProcedurePlanner(
            rng,
            today,
            reference=reference,
            housed_statuses=refs.housed_statuses,
            debts=self._debts,
            moments=self._moments,
            teams=self._teams,
            queue=self._queue,
        )

    def plan(
        self, session: Session, households: Sequence[Row], occupancies: Sequence[Row], dwellings: Sequence[Row]
    ) -> None:
        """Invent the alerts, debts and procedures of a chunk whose households and support are written."""
        if not households:
            return
        self._teams.load(session, households[0]["id"], households[-1]["id"])
        dwelling_of = {row["id"]: (row["landlord_id"], row["rent_cents"] + row["charges_cents"]) for row in dwellings}
        periods: dict[int, list[Row]] = {}
        for row in occupancies:
            periods.setdefault(row["household_id"], []).append(row)
        for row in households:
            mine = sorted(periods.get(row["id"], []), key=lambda item: item["start_date"])
            self._household(row["id"], self._stays(mine, dwelling_of))

    def write(self, session: Session) -> PreventionCounts:
        """Insert the queued rows inside the caller's transaction, empty the queues and return the counts."""
        return self._queue.write(session)

    def _stays(self, periods: list[Row], dwelling_of: dict[int, tuple[int, int]]) -> list[Stay]:
        stays: list[Stay] = []
        current: Stay | None = None
        for row in periods:
            period = Period(
                self._status_codes.get(row["status_id"], "autre"),
                self._reason_codes.get(row["change_reason_id"], "autre"),
                row["start_date"],
                row["end_date"],
            )
            if current is not None and current.next_period is None:
                current.next_period = period
            dwelling_id = row["dwelling_id"]
            landlord_id, monthly = dwelling_of.get(dwelling_id, (None, 0)) if dwelling_id else (None, 0)
            if landlord_id is None or landlord_id not in self._ref.landlords:
                current = None
                continue
            if current is not None and current.dwelling_id == dwelling_id and current.next_period is period:
                current.periods.append(period)
                current.next_period = None
                continue
            current = Stay(dwelling_id, landlord_id, monthly, [period])
            stays.append(current)
        return stays

    def _household(self, household_id: int, stays: list[Stay]) -> None:
        if not stays:
            return
        rng = self._rng
        profiles, cumulative = self._profiles
        _profile, rate, arrears_share = rng.choices(profiles, cum_weights=cumulative)[0]
        evictions = [stay for stay in stays if any(p.reason == "resiliation" for p in stay.periods)]
        arrears = bool(evictions) or rng.random() < arrears_share
        mix = self._mix_arrears if arrears else self._mix_other
        alerts: list[AlertPlan] = []
        debts: list[tuple[Debt, list[tuple[Any, ...]]]] = []
        procedures: list[Procedure] = []
        for stay in stays:
            last = min(stay.end or self._yesterday, self._yesterday)
            ordinal = stay.start.toordinal() + 20
            last_ordinal = last.toordinal()
            types, type_cumulative = mix
            while True:
                ordinal += int(rng.expovariate(rate / 365.25)) + 1
                if ordinal > last_ordinal:
                    break
                alert_type = rng.choices(types, cum_weights=type_cumulative)[0]
                received = self._moments.received(ordinal, last_ordinal)
                if received is not None:
                    alerts.append(draft_alert(self._rng, alert_type, received, stay, arrears))
            if stay in evictions:
                self._procedures.eviction(stay, alerts, debts, procedures)
            elif arrears:
                self._arrears(stay, alerts, debts, procedures)
        if (
            household_id in self._teams.actor_households
            and stays[-1].end is None
            and rng.random() < ACTOR_OPEN_ALERT_SHARE
        ):
            types, type_cumulative = mix
            day = max(self._yesterday.toordinal() - rng.randint(0, 12), stays[-1].start.toordinal())
            received = self._moments.received(day, self._yesterday.toordinal())
            if received is not None:
                plan = draft_alert(
                    self._rng, rng.choices(types, cum_weights=type_cumulative)[0], received, stays[-1], arrears
                )
                plan.force_open = True
                alerts.append(plan)
        alerts.sort(key=lambda item: item.received)
        self._alerts.queue(household_id, alerts)
        for debt, plans in debts:
            self._debts.queue(household_id, debt, plans)
        for procedure in procedures:
            self._procedures.queue(household_id, procedure)

    def _arrears(
        self,
        stay: Stay,
        alerts: list[AlertPlan],
        debts: list[tuple[Debt, list[tuple[Any, ...]]]],
        procedures: list[Procedure],
    ) -> None:
        """The first large arrears alert of a stay may become a debt, with a plan and perhaps a procedure."""
        rng = self._rng
        origin = next(
            (
                item
                for item in alerts
                if item.stay is stay
                and item.type.code == "impaye"
                and (item.amount_cents or 0) >= 1.5 * stay.monthly_cents
            ),
            None,
        )
        if origin is None or rng.random() > DEBT_SHARE:
            return
        debt = self._debts.debt(stay, origin)
        plans = self._debts.plans(debt, origin, alerts, doomed=False) if rng.random() < PLAN_SHARE else []
        if debt.settled_on is None and not plans and rng.random() < 0.45:
            settled = debt.as_of + timedelta(days=rng.randint(20, 150))
            if settled <= min(stay.end or self._yesterday, self._yesterday):
                debt.settled_on = settled
        debts.append((debt, plans))
        if debt.amount_cents >= 2 * stay.monthly_cents and rng.random() < EARLY_PROCEDURE_SHARE:
            procedure = self._procedures.early_procedure(stay, debt, plans)
            if procedure is not None:
                procedures.append(procedure)
                self._procedures.procedure_alert(procedure, alerts)
