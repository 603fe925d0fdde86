"""The arithmetic of debts and repayment plans, on plain values (docs/domain.md §6).

Nothing here is stored: whether a month of a plan is *regular* (the rent left to pay and the instalment paid in
full by its last day), how many regular months follow each other (a missed month resets the count), whether the
household has "repris le paiement régulier" (three in a row), what the payments brought towards the debt and what
is left of it. The services read the dated facts and today's date, and call these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from dateutil.relativedelta import relativedelta

REGULAR_MONTHS_NEEDED = 3
"""Consecutive regular months after which the household shows "paiement régulier repris" (docs/domain.md §6)."""


def first_of_month(day: date) -> date:
    """Return the first day of ``day``'s month."""
    return day.replace(day=1)


def last_of_month(month: date) -> date:
    """Return the last day of ``month``'s month."""
    return first_of_month(month) + relativedelta(months=1) - timedelta(days=1)


def last_plan_month(start_month: date, month_count: int) -> date:
    """Return the first day of the last month of a plan of ``month_count`` months from ``start_month``."""
    return first_of_month(start_month) + relativedelta(months=month_count - 1)


@dataclass(frozen=True)
class PaidAmount:
    """One payment as the rule sees it: the month it pays for, how much, when."""

    month: date
    amount_cents: int
    paid_on: date


@dataclass(frozen=True)
class MonthFigures:
    """What was due for one month of a plan and what was paid for it, in cents.

    ``complete``: the month ended before today (only complete months count towards "paiement régulier").
    """

    month: date
    due_cents: int
    paid_cents: int
    on_time_cents: int
    complete: bool

    @property
    def regular(self) -> bool:
        """Tell whether the month was paid in full by its last day (docs/domain.md §6)."""
        return self.on_time_cents >= self.due_cents


def plan_month_starts(start_month: date, month_count: int, ended_on: date | None = None) -> list[date]:
    """Return the first day of each month of a plan; a plan ended early stops with the month it ended in."""
    months = [first_of_month(start_month) + relativedelta(months=offset) for offset in range(month_count)]
    if ended_on is not None:
        months = [month for month in months if month <= ended_on]
    return months


def month_figures(
    start_month: date,
    month_count: int,
    due_cents: int,
    payments: Iterable[PaidAmount],
    today: date,
    ended_on: date | None = None,
) -> list[MonthFigures]:
    """Return each month of a plan with the amounts paid for it (in total, and by its last day)."""
    paid: dict[date, int] = {}
    on_time: dict[date, int] = {}
    for payment in payments:
        month = first_of_month(payment.month)
        paid[month] = paid.get(month, 0) + payment.amount_cents
        if payment.paid_on <= last_of_month(month):
            on_time[month] = on_time.get(month, 0) + payment.amount_cents
    return [
        MonthFigures(
            month=month,
            due_cents=due_cents,
            paid_cents=paid.get(month, 0),
            on_time_cents=on_time.get(month, 0),
            complete=last_of_month(month) < today,
        )
        for month in plan_month_starts(start_month, month_count, ended_on)
    ]


def regular_run(months: Sequence[MonthFigures]) -> int:
    """Count the regular complete months at the end of the plan so far: a missed month resets the count."""
    run = 0
    for month in reversed([item for item in months if item.complete]):
        if not month.regular:
            break
        run += 1
    return run


def repaid_cents(as_of: date, plans: Iterable[tuple[int, Iterable[PaidAmount]]]) -> int:
    """Return what the payments since ``as_of`` brought towards a debt, in cents.

    ``plans`` gives, for each plan of the debt, the rent left to pay each month (in cents) and its payments. For
    each month, the current rent is paid first and the rest reduces the debt.
    """
    total = 0
    for rent_due_cents, payments in plans:
        paid: dict[date, int] = {}
        for item in payments:
            if item.paid_on >= as_of:
                paid[item.month] = paid.get(item.month, 0) + item.amount_cents
        total += sum(max(amount - rent_due_cents, 0) for amount in paid.values())
    return total


def balance_cents(amount_cents: int, repaid: int, *, settled: bool) -> int:
    """Return what is left of a debt: its amount less what was repaid, never below zero, and zero once settled."""
    return 0 if settled else max(amount_cents - repaid, 0)


def instalments_left(balance: Decimal, instalment: Decimal) -> int:
    """Return how many instalments (the last one possibly smaller) cover ``balance``."""
    return int((balance / instalment).to_integral_value(rounding=ROUND_CEILING))
