"""Debts of a household, repayment plans and payments (docs/domain.md §6): :class:`DebtService`.

A debt is owed to a creditor, for an amount, on a date; a plan d'apurement agrees monthly instalments on it, and
payments are recorded month by month. Nothing derived is stored: the views (:mod:`.debt_views`) compute what is
left and "paiement régulier repris" on reading (:mod:`.debt_math`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from caseworker.domain import AuditAction
from caseworker.formats import format_date, format_month
from caseworker.models import Debt, Household, Organisation, Payment, RepaymentPlan
from caseworker.services import audit
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.errors import NotFoundError
from caseworker.services.prevention.debt_math import first_of_month, last_plan_month, plan_month_starts
from caseworker.services.prevention.debt_views import DebtView, PlanView, debt_view, debts_loaded, plan_view
from caseworker.services.validation import LABEL_MAX, LONG_TEXT_MAX, SHORT_TEXT_MAX, Problems

MAX_PLAN_MONTHS = 120


@dataclass(frozen=True)
class DebtInput:
    """A debt on a date. The creditor is an organisation of the directory, or a name typed in."""

    amount: Decimal
    as_of: date
    creditor_id: int | None = None
    creditor_name: str = ""
    is_rent: bool = True
    period_start: date | None = None
    period_end: date | None = None
    note: str = ""


@dataclass(frozen=True)
class PlanInput:
    """A plan d'apurement: ``months`` instalments from ``start_month`` (normalised to the 1st).

    ``rent_due`` is the rent left to pay each month after housing benefit (APL): a month is regular when rent
    and instalment are paid in full by its last day (docs/domain.md §6).
    """

    instalment: Decimal
    rent_due: Decimal
    start_month: date
    months: int
    agreed_on: date
    note: str = ""


@dataclass(frozen=True)
class PaymentInput:
    """A payment towards one month of a plan (rent and instalment together)."""

    month: date
    amount: Decimal
    paid_on: date
    note: str = ""


class DebtService:
    """Debts of a household, repayment plans and payments; "paiement régulier repris" is derived."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # --------------------------------------------------------------------------------------- reading

    def debts_for(self, household_id: int) -> list[DebtView]:
        """Return the household's debts: outstanding ones first, then the newest first."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            debts = session.scalars(debts_loaded(select(Debt)).where(Debt.household_id == household_id)).all()
            views = [debt_view(debt, today) for debt in debts]
        return sorted(views, key=lambda view: (view.is_settled, -view.as_of.toordinal(), -view.id))

    def debt(self, debt_id: int) -> DebtView:
        """Return one debt."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            return debt_view(_get_debt(session, debt_id), today)

    def plan(self, plan_id: int) -> PlanView:
        """Return one repayment plan."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            plan = _get_plan(session, plan_id)
            return plan_view(plan, plan.debt, today)

    def regular_payment_resumed(self, household_id: int) -> bool:
        """Tell whether any running plan of the household shows "paiement régulier repris"."""
        return any(debt.regular_payment_resumed for debt in self.debts_for(household_id) if not debt.is_settled)

    # --------------------------------------------------------------------------------------- debts

    def add_debt(self, household_id: int, data: DebtInput) -> DebtView:
        """Record a debt of the household on a date."""
        with self._ctx.transaction() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError(f"Ménage introuvable (n° {household_id}).")
            fields = self._debt_fields(session, data)
            debt = Debt(household_id=household_id, **fields)
            session.add(debt)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "debt", debt.id, household_id=household_id)
            return debt_view(_get_debt(session, debt.id), self._ctx.clock.today())

    def update_debt(self, debt_id: int, data: DebtInput) -> DebtView:
        """Correct a debt's creditor, amount, dates or note."""
        with self._ctx.transaction() as session:
            debt = _get_debt(session, debt_id)
            fields = self._debt_fields(session, data)
            problems = Problems()
            if debt.settled_on is not None and data.as_of > debt.settled_on:
                problems.add(
                    "as_of",
                    f"La dette a été soldée le {format_date(debt.settled_on)} : sa date ne peut pas être postérieure.",
                )
            problems.raise_if_any()
            for name, value in fields.items():
                setattr(debt, name, value)
            changed = audit.changed_attributes(debt)
            session.flush()
            if changed:
                audit.record(
                    session,
                    self._ctx,
                    AuditAction.UPDATE,
                    "debt",
                    debt.id,
                    household_id=debt.household_id,
                    fields=changed,
                )
            return debt_view(_get_debt(session, debt.id), self._ctx.clock.today())

    def settle(self, debt_id: int, on: date) -> DebtView:
        """Record that the debt was paid off (soldée); a plan still running ends on that day."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            debt = _get_debt(session, debt_id)
            problems = Problems()
            if debt.settled_on is not None:
                problems.add("on", f"Cette dette est déjà soldée (le {format_date(debt.settled_on)}).")
            problems.date("on", on, kind=DateKind.EVENT, label="Date", today=today)
            problems.ordered("on", debt.as_of, on, start_label="La date de la dette", end_label="La date du solde")
            problems.raise_if_any()
            debt.settled_on = on
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "debt",
                debt.id,
                household_id=debt.household_id,
                fields=["settled_on"],
            )
            for plan in debt.plans:
                if plan.ended_on is None:
                    plan.ended_on = max(on, plan.agreed_on)
                    plan.end_reason = "Dette soldée"
                    audit.record(
                        session,
                        self._ctx,
                        AuditAction.UPDATE,
                        "repayment_plan",
                        plan.id,
                        household_id=debt.household_id,
                        fields=["ended_on", "end_reason"],
                    )
            session.flush()
            return debt_view(_get_debt(session, debt.id), today)

    def _debt_fields(self, session: Session, data: DebtInput) -> dict[str, object]:
        today = self._ctx.clock.today()
        problems = Problems()
        name = problems.text("creditor_name", data.creditor_name, label="Créancier", max_length=LABEL_MAX)
        note = problems.text("note", data.note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        cents = _amount(problems, "amount", data.amount, label="Montant")
        problems.date("as_of", data.as_of, kind=DateKind.EVENT, label="Date de la dette", today=today)
        problems.date("period_start", data.period_start, kind=DateKind.EVENT, label="Début de la période", today=today)
        problems.date("period_end", data.period_end, kind=DateKind.EVENT, label="Fin de la période", today=today)
        problems.ordered(
            "period_end",
            data.period_start,
            data.period_end,
            start_label="Le début de la période",
            end_label="La fin de la période",
        )
        if data.creditor_id is not None:
            if session.get(Organisation, data.creditor_id) is None:
                problems.add("creditor_id", "Créancier : cette organisation est introuvable.")
            name = ""  # an organisation of the directory wins over a typed name
        elif not name:
            problems.add("creditor_id", "Créancier : choisissez une organisation ou saisissez un nom.")
        problems.raise_if_any()
        return {
            "creditor_id": data.creditor_id,
            "creditor_name": name,
            "is_rent": data.is_rent,
            "amount_cents": cents,
            "as_of": data.as_of,
            "period_start": data.period_start,
            "period_end": data.period_end,
            "note": note,
        }

    # --------------------------------------------------------------------------------------- plans

    def add_plan(self, debt_id: int, data: PlanInput) -> PlanView:
        """Agree a repayment plan on a debt (one running plan per debt)."""
        today = self._ctx.clock.today()
        problems = Problems()
        instalment = _amount(problems, "instalment", data.instalment, label="Mensualité")
        rent_due = _amount(problems, "rent_due", data.rent_due, label="Loyer résiduel", allow_zero=True)
        note = problems.text("note", data.note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        if not 1 <= data.months <= MAX_PLAN_MONTHS:
            problems.add("months", f"Durée : de 1 à {MAX_PLAN_MONTHS} mois.")
        problems.date("start_month", data.start_month, kind=DateKind.PLANNED, label="Premier mois", today=today)
        problems.date("agreed_on", data.agreed_on, kind=DateKind.EVENT, label="Date de l'accord", today=today)
        with self._ctx.transaction() as session:
            debt = _get_debt(session, debt_id)
            if debt.settled_on is not None:
                problems.add("debt", f"Cette dette est soldée depuis le {format_date(debt.settled_on)}.")
            running = next((plan for plan in debt.plans if plan.ended_on is None), None)
            if running is not None:
                problems.add(
                    "debt",
                    "Un plan d'apurement est déjà en cours sur cette dette "
                    f"(depuis {format_month(running.start_month)}) : terminez-le avant d'en convenir d'un autre.",
                )
            problems.raise_if_any()
            plan = RepaymentPlan(
                debt_id=debt.id,
                instalment_cents=instalment,
                rent_due_cents=rent_due,
                start_month=first_of_month(data.start_month),
                months=data.months,
                agreed_on=data.agreed_on,
                note=note,
            )
            session.add(plan)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "repayment_plan", plan.id, household_id=debt.household_id
            )
            loaded = _get_plan(session, plan.id)
            return plan_view(loaded, loaded.debt, today)

    def end_plan(self, plan_id: int, on: date, reason: str = "") -> PlanView:
        """End a plan before its term (renegotiated, abandoned…); its later months no longer count."""
        today = self._ctx.clock.today()
        problems = Problems()
        reason = problems.text("reason", reason, label="Motif", max_length=LONG_TEXT_MAX, multiline=True)
        problems.date("on", on, kind=DateKind.EVENT, label="Date", today=today)
        with self._ctx.transaction() as session:
            plan = _get_plan(session, plan_id)
            if plan.ended_on is not None:
                problems.add("on", f"Ce plan est déjà terminé (le {format_date(plan.ended_on)}).")
            problems.ordered("on", plan.agreed_on, on, start_label="La date de l'accord", end_label="La date de fin")
            problems.raise_if_any()
            plan.ended_on = on
            plan.end_reason = reason
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "repayment_plan",
                plan.id,
                household_id=plan.debt.household_id,
                fields=["ended_on", "end_reason"],
            )
            return plan_view(plan, plan.debt, today)

    # ------------------------------------------------------------------------------------ payments

    def record_payment(self, plan_id: int, data: PaymentInput) -> PlanView:
        """Record a payment towards one month of the plan."""
        today = self._ctx.clock.today()
        problems = Problems()
        cents = _amount(problems, "amount", data.amount, label="Montant")
        note = problems.text("note", data.note, label="Remarque", max_length=SHORT_TEXT_MAX)
        problems.date("paid_on", data.paid_on, kind=DateKind.EVENT, label="Date du paiement", today=today)
        problems.date("month", data.month, kind=DateKind.PLANNED, label="Mois", today=today)
        month = first_of_month(data.month)
        with self._ctx.transaction() as session:
            plan = _get_plan(session, plan_id)
            months = plan_month_starts(plan.start_month, plan.months, plan.ended_on)
            if month not in months:
                if plan.ended_on is not None and month in plan_month_starts(plan.start_month, plan.months):
                    problems.add(
                        "month",
                        f"Le plan a pris fin le {format_date(plan.ended_on)} : "
                        f"{format_month(month)} n'en fait plus partie.",
                    )
                else:
                    last = last_plan_month(plan.start_month, plan.months)
                    problems.add(
                        "month",
                        f"Mois : le plan couvre {format_month(plan.start_month)} – {format_month(last)} "
                        f"({format_month(month)} n'en fait pas partie).",
                    )
            problems.raise_if_any()
            payment = Payment(plan_id=plan.id, month=month, amount_cents=cents, paid_on=data.paid_on, note=note)
            session.add(payment)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "payment", payment.id, household_id=plan.debt.household_id
            )
            session.refresh(plan, ["payments"])
            return plan_view(plan, plan.debt, today)

    def delete_payment(self, payment_id: int) -> PlanView:
        """Delete a payment entered by mistake (audited)."""
        today = self._ctx.clock.today()
        with self._ctx.transaction() as session:
            payment = session.get(Payment, payment_id)
            if payment is None:
                raise NotFoundError("Ce paiement est introuvable (déjà supprimé ?).")
            plan = _get_plan(session, payment.plan_id)
            session.delete(payment)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.DELETE, "payment", payment_id, household_id=plan.debt.household_id
            )
            session.refresh(plan, ["payments"])
            return plan_view(plan, plan.debt, today)


def _amount(problems: Problems, field: str, value: Decimal, *, label: str, allow_zero: bool = False) -> int:
    """Return a required amount in cents through the money rule (0 when refused: the caller raises first)."""
    return problems.amount(field, value, label=label, allow_zero=allow_zero, required=True) or 0


def _get_debt(session: Session, debt_id: int) -> Debt:
    debt = session.scalar(
        debts_loaded(select(Debt)).where(Debt.id == debt_id).execution_options(populate_existing=True)
    )
    if debt is None:
        raise NotFoundError(f"Dette introuvable (n° {debt_id}).")
    return debt


def _get_plan(session: Session, plan_id: int) -> RepaymentPlan:
    plan = session.scalar(
        select(RepaymentPlan)
        .options(selectinload(RepaymentPlan.payments), joinedload(RepaymentPlan.debt))
        .where(RepaymentPlan.id == plan_id)
    )
    if plan is None:
        raise NotFoundError(f"Plan d'apurement introuvable (n° {plan_id}).")
    return plan
