"""Rent debts of demo households and their repayment plans, with the monthly payments.

Arrears become a debt for some households, often with a repayment plan whose monthly payments are mostly on
time (docs/domain.md §6); a broken plan brings a new arrears alert, and sometimes a second plan.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from caseworker.demo.draws import weighted
from caseworker.demo.prevention.alerts import euros
from caseworker.demo.prevention.moments import DAY, OPENS, Moments
from caseworker.demo.prevention.plans import AlertPlan, Debt, Stay
from caseworker.demo.prevention.reference import AlertTypeInfo
from caseworker.demo.prevention.tables import (
    DEBT_NOTES,
    DOOMED_HABIT,
    ENERGY_CREDITOR,
    ENERGY_DEBT_SHARE,
    HABITS,
    PAYMENT_NOTES,
    PLAN_BREAK_DESCRIPTION,
    PLAN_NOTES,
)
from caseworker.demo.prevention.writer import PreventionRows


class DebtPlanner:
    """Invents debts and repayment plans, and queues their rows."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        *,
        alert_types: dict[str, AlertTypeInfo],
        moments: Moments,
        queue: PreventionRows,
    ) -> None:
        self._rng = rng
        self._yesterday = today - timedelta(days=1)
        self._types = alert_types
        self._moments = moments
        self._queue = queue

    def debt(self, stay: Stay, origin: AlertPlan) -> Debt:
        """The debt an arrears alert revealed, as the landlord counted it a few days later."""
        rng = self._rng
        received = date.fromordinal(origin.received // DAY)
        as_of = min(received + timedelta(days=rng.randint(0, 14)), self._yesterday)
        if stay.end is not None:
            as_of = min(as_of, stay.end)
        amount = round((origin.amount_cents or 0) * rng.uniform(1.0, 1.25))
        return Debt(stay, amount, as_of)

    def plans(self, debt: Debt, origin: AlertPlan, alerts: list[AlertPlan], *, doomed: bool) -> list[tuple[Any, ...]]:
        """A repayment plan (a second one after a broken one, sometimes) with its monthly payments.

        Returns the plan rows, each followed by its payments, as (plan tuple, [payment tuples]) flattened into
        the queue order by :meth:`_queue_debt`.
        """
        rng = self._rng
        stay = debt.stay
        last_day = min(stay.end or self._yesterday, self._yesterday)
        agreed = debt.as_of + timedelta(days=rng.randint(10, 60))
        remaining = debt.amount_cents
        plans: list[tuple[Any, ...]] = []
        for attempt in range(2):
            if agreed > last_day:
                break
            if attempt == 0:
                origin.resolve_not_before = agreed.toordinal() * DAY + OPENS + rng.randint(0, 540)
            cap = rng.choice((6000, 8000, 10000, 15000))
            months = next((m for m in (6, 8, 10, 12, 18, 24, 36) if math.ceil(remaining / m / 500) * 500 <= cap), 36)
            instalment = math.ceil(remaining / months / 500) * 500
            rent_due = round(stay.monthly_cents * rng.uniform(0.15, 0.55) / 100) * 100
            start_month = (agreed + relativedelta(months=1)).replace(day=1)
            habit = DOOMED_HABIT if doomed else weighted(rng, HABITS)
            plan_id = self._queue.next_id("repayment_plan")
            payments, ended, reason, repaid = self._payments(
                plan_id, start_month, months, instalment, rent_due, remaining, habit, last_day, doomed=doomed
            )
            plans.append(
                (
                    plan_id,
                    debt.id,
                    instalment,
                    rent_due,
                    start_month.isoformat(),
                    months,
                    agreed.isoformat(),
                    rng.choice(PLAN_NOTES),
                    ended.isoformat() if ended else None,
                    reason,
                    self._moments.utc_text(agreed.toordinal() * DAY + OPENS + rng.randint(0, 540)),
                    payments,
                )
            )
            remaining -= repaid
            if ended is None:
                break
            if remaining <= 0:
                debt.settled_on = ended
                break
            if reason.startswith("Plan non respecté"):
                received = self._moments.received(ended.toordinal() + rng.randint(0, 10), last_day.toordinal())
                if received is not None:
                    alert = AlertPlan(self._types["impaye"], received, stay, amount_cents=remaining)
                    alert.description = PLAN_BREAK_DESCRIPTION.replace("{amount}", euros(remaining))
                    alert.related = origin
                    alerts.append(alert)
            if doomed or rng.random() > 0.3 or (stay.end is not None and ended >= stay.end):
                break
            agreed = ended + timedelta(days=rng.randint(20, 90))
        return plans

    def _payments(
        self,
        plan_id: int,
        start_month: date,
        months: int,
        instalment: int,
        rent_due: int,
        amount: int,
        habit: tuple[float, float, float],
        last_day: date,
        *,
        doomed: bool,
    ) -> tuple[list[tuple[Any, ...]], date | None, str, int]:
        """Monthly payments: (rows, ended on, end reason, instalments repaid)."""
        rng = self._rng
        on_time, partial, late = habit
        rows: list[tuple[Any, ...]] = []
        repaid = 0
        missed_in_a_row = 0
        last_paid: date | None = None
        stay_over = last_day < self._yesterday  # the household left the dwelling
        safe_months = rng.randint(1, 4) if doomed else months
        for index in range(months):
            month = start_month + relativedelta(months=index)
            month_end = month + relativedelta(months=1) - timedelta(days=1)
            if month > last_day:
                if stay_over:
                    return rows, last_day, "Départ du logement.", repaid
                return rows, None, "", repaid
            due = min(instalment, amount - repaid)
            draw = 0.0 if doomed and index < safe_months else rng.random()
            paid_on: date | None
            if draw < on_time:
                paid_on, paid = month + timedelta(days=rng.randint(0, 27)), rent_due + due
            elif draw < on_time + partial:
                paid_on, paid = month + timedelta(days=rng.randint(0, 27)), rent_due + round(due * rng.uniform(0, 0.6))
            elif draw < on_time + partial + late:
                paid_on, paid = month_end + timedelta(days=rng.randint(1, 20)), rent_due + due
            else:
                paid_on, paid = None, 0
            if paid_on is not None and paid_on > last_day:
                if month_end >= last_day and not stay_over:
                    return rows, None, "", repaid  # this month is not over yet
                paid_on = None
            if paid_on is None:
                missed_in_a_row += 1
                if missed_in_a_row == 3:
                    ended = min(month_end + timedelta(days=rng.randint(5, 25)), last_day)
                    return rows, ended, "Plan non respecté : trois mois sans paiement.", repaid
                continue
            missed_in_a_row = 0
            repaid += paid - rent_due
            last_paid = max(last_paid or paid_on, paid_on)
            created = min(paid_on + timedelta(days=rng.randint(0, 3)), self._yesterday)
            rows.append(
                (
                    self._queue.next_id("payment"),
                    plan_id,
                    month.isoformat(),
                    paid,
                    paid_on.isoformat(),
                    rng.choice(PAYMENT_NOTES),
                    self._moments.utc_text(created.toordinal() * DAY + OPENS + rng.randint(0, 540)),
                )
            )
        end = max(last_paid or last_day, start_month + relativedelta(months=months) - timedelta(days=1))
        if end > last_day:
            return (rows, last_day, "Départ du logement.", repaid) if stay_over else (rows, None, "", repaid)
        if repaid >= amount:
            return rows, end, "Dette soldée : plan respecté jusqu'au bout.", repaid
        return rows, end, "Plan arrivé à échéance avec un reste à payer.", repaid

    def queue(self, household_id: int, debt: Debt, plans: list[tuple[Any, ...]]) -> None:
        """Queue the debt, its plans and their payments; sometimes an energy debt beside it."""
        rng = self._rng
        stay = debt.stay
        debt_id = self._queue.next_id("debt")
        debt.id = debt_id
        months = max(1, round(debt.amount_cents / max(stay.monthly_cents, 1)))
        period_end = debt.as_of.replace(day=1) - timedelta(days=1)
        period_start = (period_end.replace(day=1) - relativedelta(months=months - 1)).replace(day=1)
        created = self._moments.utc_text(debt.as_of.toordinal() * DAY + OPENS + rng.randint(0, 540))
        self._queue.rows["debt"].append(
            (
                debt_id,
                household_id,
                stay.landlord_id,
                "",
                1,
                debt.amount_cents,
                debt.as_of.isoformat(),
                max(period_start, stay.start).isoformat(),
                max(period_end, stay.start).isoformat(),
                rng.choice(DEBT_NOTES),
                debt.settled_on.isoformat() if debt.settled_on else None,
                created,
            )
        )
        for plan in plans:
            self._queue.rows["repayment_plan"].append((plan[0], debt_id, *plan[2:11]))
            self._queue.rows["payment"].extend(plan[11])
        if rng.random() < ENERGY_DEBT_SHARE:
            as_of = min(debt.as_of + timedelta(days=rng.randint(0, 120)), self._yesterday)
            self._queue.rows["debt"].append(
                (
                    self._queue.next_id("debt"),
                    household_id,
                    None,
                    ENERGY_CREDITOR,
                    0,
                    rng.randint(150, 900) * 100,
                    as_of.isoformat(),
                    None,
                    None,
                    "Factures d'électricité en retard.",
                    None,
                    self._moments.utc_text(as_of.toordinal() * DAY + OPENS + rng.randint(0, 540)),
                )
            )
