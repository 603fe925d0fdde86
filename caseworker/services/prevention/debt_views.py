"""The debt register as plain values: debts, their plans, months and payments, with every figure derived.

Views are built from the stored facts and today's date through :mod:`.debt_math`; the contracts read a household's
rent debt to one landlord through :func:`landlord_debt_facts` (the figures a protocole states).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from caseworker.formats import cents_to_amount, format_amount, format_month
from caseworker.models import Debt, RepaymentPlan
from caseworker.services.prevention.debt_math import (
    REGULAR_MONTHS_NEEDED,
    MonthFigures,
    PaidAmount,
    balance_cents,
    instalments_left,
    last_of_month,
    last_plan_month,
    month_figures,
    regular_run,
    repaid_cents,
)


@dataclass(frozen=True)
class MonthView:
    """One month of a plan: due (rent left to pay + instalment), paid in total, paid by its last day."""

    month: date
    due: Decimal
    paid: Decimal
    paid_on_time: Decimal
    regular: bool
    complete: bool
    started: bool  # the month has begun (complete, or the current month)

    @property
    def label(self) -> str:
        """Return e.g. "mars 2026"."""
        return format_month(self.month)


@dataclass(frozen=True)
class PaymentView:
    """One payment recorded against a plan."""

    id: int
    plan_id: int
    month: date
    amount: Decimal
    paid_on: date
    note: str

    @property
    def on_time(self) -> bool:
        """Tell whether it was paid by the last day of the month it pays for."""
        return self.paid_on <= last_of_month(self.month)


@dataclass(frozen=True)
class PlanView:
    """A repayment plan with its months and the derived regular-payment figures."""

    id: int
    debt_id: int
    instalment: Decimal
    rent_due: Decimal
    monthly_due: Decimal
    start_month: date
    month_count: int
    last_month: date
    agreed_on: date
    note: str
    ended_on: date | None
    end_reason: str
    months: tuple[MonthView, ...]
    payments: tuple[PaymentView, ...]
    consecutive_regular_months: int
    regular_payment_resumed: bool
    regular_since: date | None  # first month of the run of regular months, once it counts 3 or more
    coverage_warning: str  # French; empty when the instalments cover the debt

    @property
    def is_running(self) -> bool:
        """Tell whether the plan has not been ended."""
        return self.ended_on is None


@dataclass(frozen=True)
class DebtView:
    """A debt, its plans and what is left to repay.

    ``repaid`` is what the payments of its plans brought towards the debt since ``as_of``: for each month, what
    was paid for it beyond the rent left to pay (the current rent is paid first, the rest reduces the debt).
    ``balance`` is ``amount`` minus ``repaid`` (never below zero), and zero once the debt is settled.
    """

    id: int
    household_id: int
    creditor_id: int | None
    creditor_label: str
    is_rent: bool
    amount: Decimal
    as_of: date
    period_start: date | None
    period_end: date | None
    note: str
    settled_on: date | None
    repaid: Decimal
    balance: Decimal
    plans: tuple[PlanView, ...]

    @property
    def is_settled(self) -> bool:
        """Tell whether the debt was settled."""
        return self.settled_on is not None

    @property
    def running_plan(self) -> PlanView | None:
        """Return the plan under way, if any."""
        return next((plan for plan in self.plans if plan.is_running), None)

    @property
    def regular_payment_resumed(self) -> bool:
        """Tell whether the running plan shows "paiement régulier repris"."""
        plan = self.running_plan
        return plan is not None and plan.regular_payment_resumed


@dataclass(frozen=True)
class LandlordDebtFacts:
    """What a protocole states about the household's rent debt to one landlord, from the debt register."""

    balance: Decimal  # what is left to repay today, every unsettled rent debt to that landlord together
    as_of: date
    instalment: Decimal | None  # the running plan's, when one debt is owed and a plan runs for it
    instalment_months: int | None  # the instalments left to cover the balance


def landlord_debt_facts(session: Session, household_id: int, landlord_id: int, today: date) -> LandlordDebtFacts | None:
    """Return the household's unsettled rent debt to ``landlord_id`` as of today (None when there is none)."""
    debts = session.scalars(
        debts_loaded(
            select(Debt).where(
                Debt.household_id == household_id,
                Debt.creditor_id == landlord_id,
                Debt.is_rent.is_(True),
                Debt.settled_on.is_(None),
            )
        )
    ).all()
    views = [debt_view(debt, today) for debt in debts]
    owed = [view for view in views if view.balance > 0]
    if not owed:
        return None
    balance = sum((view.balance for view in owed), Decimal("0"))
    plan = owed[0].running_plan if len(owed) == 1 else None
    if plan is None or plan.instalment <= 0:
        # Several debts, or none under a plan: the instalments are for the parties to agree (and type).
        return LandlordDebtFacts(balance, today, None, None)
    # What is left, in instalments of the running plan: the protocole's figures add up to its debt.
    return LandlordDebtFacts(balance, today, plan.instalment, instalments_left(balance, plan.instalment))


def debts_loaded(query: Select[Debt]) -> Select[Debt]:
    """Return ``query`` loading each debt's creditor, plans and payments (what :func:`debt_view` reads)."""
    return query.options(
        joinedload(Debt.creditor),
        selectinload(Debt.plans).selectinload(RepaymentPlan.payments),
    )


def euros(cents: int) -> Decimal:
    """Return a stored amount in cents as euros."""
    amount = cents_to_amount(cents)
    assert amount is not None
    return amount


def debt_view(debt: Debt, today: date) -> DebtView:
    """Return a debt with its plans and what is left of it on ``today``."""
    repaid = repaid_cents(debt.as_of, ((plan.rent_due_cents, _paid_amounts(plan)) for plan in debt.plans))
    balance = balance_cents(debt.amount_cents, repaid, settled=debt.settled_on is not None)
    return DebtView(
        id=debt.id,
        household_id=debt.household_id,
        creditor_id=debt.creditor_id,
        creditor_label=debt.creditor.name if debt.creditor is not None else debt.creditor_name,
        is_rent=debt.is_rent,
        amount=euros(debt.amount_cents),
        as_of=debt.as_of,
        period_start=debt.period_start,
        period_end=debt.period_end,
        note=debt.note,
        settled_on=debt.settled_on,
        repaid=euros(repaid),
        balance=euros(balance),
        plans=tuple(plan_view(plan, debt, today) for plan in debt.plans),
    )


def plan_view(plan: RepaymentPlan, debt: Debt, today: date) -> PlanView:
    """Return a plan with its months and the regular-payment figures on ``today``."""
    figures = _plan_figures(plan, today)
    run = regular_run(figures)
    complete = [item for item in figures if item.complete]
    resumed = run >= REGULAR_MONTHS_NEEDED
    return PlanView(
        id=plan.id,
        debt_id=plan.debt_id,
        instalment=euros(plan.instalment_cents),
        rent_due=euros(plan.rent_due_cents),
        monthly_due=euros(plan.instalment_cents + plan.rent_due_cents),
        start_month=plan.start_month,
        month_count=plan.months,
        last_month=last_plan_month(plan.start_month, plan.months),
        agreed_on=plan.agreed_on,
        note=plan.note,
        ended_on=plan.ended_on,
        end_reason=plan.end_reason,
        months=tuple(
            MonthView(
                month=item.month,
                due=euros(item.due_cents),
                paid=euros(item.paid_cents),
                paid_on_time=euros(item.on_time_cents),
                regular=item.regular,
                complete=item.complete,
                started=item.month <= today,
            )
            for item in figures
        ),
        payments=tuple(
            PaymentView(item.id, item.plan_id, item.month, euros(item.amount_cents), item.paid_on, item.note)
            for item in sorted(plan.payments, key=lambda payment: (payment.month, payment.paid_on, payment.id))
        ),
        consecutive_regular_months=run,
        regular_payment_resumed=resumed,
        regular_since=complete[-run].month if resumed else None,
        coverage_warning=_coverage_warning(plan, debt),
    )


def _paid_amounts(plan: RepaymentPlan) -> list[PaidAmount]:
    return [PaidAmount(item.month, item.amount_cents, item.paid_on) for item in plan.payments]


def _plan_figures(plan: RepaymentPlan, today: date) -> list[MonthFigures]:
    return month_figures(
        plan.start_month,
        plan.months,
        plan.rent_due_cents + plan.instalment_cents,
        _paid_amounts(plan),
        today,
        plan.ended_on,
    )


def _coverage_warning(plan: RepaymentPlan, debt: Debt) -> str:
    covered = plan.instalment_cents * plan.months
    if covered >= debt.amount_cents:
        return ""
    return (
        f"Les mensualités ({plan.months} × {format_amount(euros(plan.instalment_cents))}) couvrent "
        f"{format_amount(euros(covered))} sur {format_amount(euros(debt.amount_cents))} de dette : "
        f"il restera {format_amount(euros(debt.amount_cents - covered))} à la fin du plan."
    )
