"""Eviction prevention: debts, repayment plans and payments, and the legal procedure (DOMAIN.md §5.5, §6.7).

Nothing derived is stored. Whether a month of a plan is *regular*, how many regular months follow each other,
whether the household has "repris le paiement régulier", what is left of a debt, the countdown of a
suspension and the winter truce are all computed on reading from the dated facts (payments, stages,
suspensions) and today's date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from dateutil.relativedelta import relativedelta
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from caseworker.domain import AuditAction, ProcedureOutcome, ProcedureStage, SuspensionGround
from caseworker.formats import (
    cents_to_amount,
    format_amount,
    format_date,
    format_long_date,
    format_month,
)
from caseworker.models import (
    Debt,
    Dwelling,
    Household,
    LegalProcedure,
    Occupancy,
    OccupancyStatus,
    Organisation,
    Payment,
    ProcedureStageEntry,
    ProcedureSuspension,
    RepaymentPlan,
    StaffMember,
    TruceException,
)
from caseworker.services import audit
from caseworker.services.calendar_fr import winter_truce
from caseworker.services.context import ServiceContext
from caseworker.services.date_rules import DateKind
from caseworker.services.directory import dwelling_view
from caseworker.services.errors import NotFoundError, ValidationError
from caseworker.services.identity import staff_display_name
from caseworker.services.occupancy import OccupancyChangeInput, change_occupancy_in
from caseworker.services.validation import LABEL_MAX, LONG_TEXT_MAX, SHORT_TEXT_MAX, Problems
from caseworker.services.winter_truce import TruceGround, ground_for_expulsion, truce_grounds, truce_notice

REGULAR_MONTHS_NEEDED = 3
"""Consecutive regular months after which the household shows "paiement régulier repris" (DOMAIN.md §6.7)."""

MAX_PLAN_MONTHS = 120
PLATEFORME_MAX = relativedelta(months=4)
"""A plateforme may pause litigation for up to 4 months (DOMAIN.md §5.5, §6.6)."""

STAGES: tuple[ProcedureStage, ...] = tuple(ProcedureStage)
"""The stages in their legal order."""

LEASE_STATUSES = frozenset({"locataire_titre", "locataire_mandat"})
"""Occupancy statuses whose lease a résiliation ends (DOMAIN.md §5.2)."""

STAGE_LABELS = {
    ProcedureStage.IMPAYE_CONSTATE: "Impayé constaté",
    ProcedureStage.RELANCES: "Relances",
    ProcedureStage.PRECONTENTIEUX: "Précontentieux",
    ProcedureStage.COMMANDEMENT_DE_PAYER: "Commandement de payer",
    ProcedureStage.ASSIGNATION: "Assignation",
    ProcedureStage.AUDIENCE: "Audience",
    ProcedureStage.RESILIATION: "Résiliation du bail (jugement)",
    ProcedureStage.OCCUPANT_SANS_TITRE: "Occupant sans droit ni titre",
    ProcedureStage.COMMANDEMENT_DE_QUITTER: "Commandement de quitter les lieux",
    ProcedureStage.CONCOURS_FORCE_PUBLIQUE: "Concours de la force publique",
    ProcedureStage.EXPULSION: "Expulsion",
}
OUTCOME_LABELS = {
    ProcedureOutcome.DETTE_APUREE: "Dette apurée",
    ProcedureOutcome.ABANDONNEE: "Procédure abandonnée",
    ProcedureOutcome.NOUVEAU_BAIL: "Nouveau bail",
    ProcedureOutcome.RELOGEMENT: "Relogement ou mutation",
    ProcedureOutcome.DEPART_VOLONTAIRE: "Départ volontaire",
    ProcedureOutcome.EXPULSION: "Expulsion",
}
GROUND_LABELS = {
    SuspensionGround.PLATEFORME: "Plateforme de prévention",
    SuspensionGround.PROTOCOLE: "Protocole tripartite",
    SuspensionGround.PLAN_RESPECTE: "Plan d'apurement respecté",
    SuspensionGround.MEDIATION: "Médiation",
    SuspensionGround.DELAIS_JUGE: "Délais accordés par le juge",
    SuspensionGround.TREVE_HIVERNALE: "Trêve hivernale",
    SuspensionGround.AUTRE: "Autre motif",
}


def stage_order(stage: ProcedureStage) -> int:
    """Return the position of ``stage`` in the procedure (0 for the first)."""
    return STAGES.index(stage)


# ---------------------------------------------------------------------------------- regular-payment rule


def first_of_month(day: date) -> date:
    """Return the first day of ``day``'s month."""
    return day.replace(day=1)


def last_of_month(month: date) -> date:
    """Return the last day of ``month``'s month."""
    return first_of_month(month) + relativedelta(months=1) - timedelta(days=1)


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
        """Tell whether the month was paid in full by its last day (DOMAIN.md §10.14)."""
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


# ------------------------------------------------------------------------------------------------ inputs


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
    and instalment are paid in full by its last day (DOMAIN.md §10.14).
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


@dataclass(frozen=True)
class ProcedureInput:
    """An eviction procedure opened by a landlord; ``dwelling_id`` None: the household's current dwelling."""

    landlord_id: int
    opened_on: date
    dwelling_id: int | None = None
    note: str = ""
    first_stage: ProcedureStage = ProcedureStage.IMPAYE_CONSTATE
    truce_exception_code: str | None = None  # an expulsion dated in the winter truce: the legal ground


@dataclass(frozen=True)
class StageInput:
    """A stage reached on a date; going back needs ``correction_reason`` (it is then an audited correction).

    An expulsion dated in the winter truce needs ``truce_exception_code``, the legal ground that allows it.
    """

    stage: ProcedureStage
    on: date
    note: str = ""
    correction_reason: str = ""
    truce_exception_code: str | None = None


@dataclass(frozen=True)
class SuspensionInput:
    """A pause of the procedure from ``start`` to ``end`` (inclusive), for a ground."""

    ground: SuspensionGround
    start: date
    end: date | None
    note: str = ""


# ------------------------------------------------------------------------------------------------- views


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
class StageView:
    """One stage entry, as recorded (a correction says so)."""

    id: int
    stage: ProcedureStage
    label: str
    on: date
    note: str
    is_correction: bool
    staff_name: str
    truce_exception_code: str | None = None
    truce_notice: str = ""  # French: "Expulsion pendant la trêve hivernale — motif : …", else empty


@dataclass(frozen=True)
class StageStep:
    """One stage of the legal order, dated when the procedure reached it (corrections taken into account)."""

    stage: ProcedureStage
    label: str
    reached_on: date | None
    is_current: bool
    truce_notice: str = ""  # French, for an expulsion reached during the winter truce

    @property
    def is_reached(self) -> bool:
        """Tell whether the procedure reached this stage."""
        return self.reached_on is not None


@dataclass(frozen=True)
class ProcedureSuspensionView:
    """A pause of the procedure; ``days_left`` counts down while it runs (0 on its last day)."""

    id: int
    ground: SuspensionGround
    ground_label: str
    start: date
    end: date
    stage_at_suspension: ProcedureStage
    stage_at_suspension_label: str
    note: str
    is_active: bool
    days_left: int | None


@dataclass(frozen=True)
class ProcedureView:
    """An eviction procedure with everything derived from it on today's date."""

    id: int
    household_id: int
    landlord_id: int
    landlord_name: str
    dwelling_id: int | None
    dwelling_label: str
    opened_on: date
    note: str
    outcome: ProcedureOutcome | None
    outcome_label: str
    outcome_on: date | None
    outcome_truce_notice: str  # French: closed on an expulsion during the winter truce, and on which ground
    stages: tuple[StageView, ...]
    timeline: tuple[StageStep, ...]
    current_stage: ProcedureStage
    current_stage_label: str
    current_since: date
    suspensions: tuple[ProcedureSuspensionView, ...]
    active_suspension: ProcedureSuspensionView | None
    resume_stage: ProcedureStage | None  # where the procedure restarts after its latest suspension
    winter_truce: tuple[date, date] | None  # the truce covering today, for an open procedure
    winter_truce_notice: str  # French; empty outside the truce
    # None before the résiliation; True when the household is then occupant sans titre in the procedure's dwelling
    occupancy_changed: bool | None
    occupancy_notice: str  # French: what the résiliation did to the occupancy, or why it did nothing

    @property
    def is_open(self) -> bool:
        """Tell whether the procedure has no outcome yet."""
        return self.outcome is None

    @property
    def days_left(self) -> int | None:
        """Return the countdown of the suspension running today, if any."""
        return self.active_suspension.days_left if self.active_suspension else None

    @property
    def resume_stage_label(self) -> str:
        """Return the French label of :attr:`resume_stage` (empty without a suspension)."""
        return STAGE_LABELS[self.resume_stage] if self.resume_stage else ""


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
        _debts_loaded(
            select(Debt).where(
                Debt.household_id == household_id,
                Debt.creditor_id == landlord_id,
                Debt.is_rent.is_(True),
                Debt.settled_on.is_(None),
            )
        )
    ).all()
    views = [_debt_view(debt, today) for debt in debts]
    owed = [view for view in views if view.balance > 0]
    if not owed:
        return None
    balance = sum((view.balance for view in owed), Decimal("0"))
    plan = owed[0].running_plan if len(owed) == 1 else None
    if plan is None or plan.instalment <= 0:
        # Several debts, or none under a plan: the instalments are for the parties to agree (and type).
        return LandlordDebtFacts(balance, today, None, None)
    # What is left, in instalments of the running plan: the protocole's figures add up to its debt.
    months = int((balance / plan.instalment).to_integral_value(rounding=ROUND_CEILING))
    return LandlordDebtFacts(balance, today, plan.instalment, months)


# ------------------------------------------------------------------------------------------- debt service


class DebtService:
    """Debts of a household, repayment plans and payments; "paiement régulier repris" is derived."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # --------------------------------------------------------------------------------------- reading

    def debts_for(self, household_id: int) -> list[DebtView]:
        """Return the household's debts: outstanding ones first, then the newest first."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            debts = session.scalars(_debts_loaded(select(Debt)).where(Debt.household_id == household_id)).all()
            views = [_debt_view(debt, today) for debt in debts]
        return sorted(views, key=lambda view: (view.is_settled, -view.as_of.toordinal(), -view.id))

    def debt(self, debt_id: int) -> DebtView:
        """Return one debt."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            return _debt_view(_get_debt(session, debt_id), today)

    def plan(self, plan_id: int) -> PlanView:
        """Return one repayment plan."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            plan = _get_plan(session, plan_id)
            return _plan_view(plan, plan.debt, today)

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
            return _debt_view(_get_debt(session, debt.id), self._ctx.clock.today())

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
            return _debt_view(_get_debt(session, debt.id), self._ctx.clock.today())

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
            return _debt_view(_get_debt(session, debt.id), today)

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
            return _plan_view(loaded, loaded.debt, today)

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
            return _plan_view(plan, plan.debt, today)

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
                    last = first_of_month(plan.start_month) + relativedelta(months=plan.months - 1)
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
            return _plan_view(plan, plan.debt, today)

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
            return _plan_view(plan, plan.debt, today)


# -------------------------------------------------------------------------------------- procedure service


class ProcedureService:
    """Eviction procedures: stages that only move forward, suspensions, the winter truce, the outcome."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # --------------------------------------------------------------------------------------- reading

    def procedures_for(self, household_id: int) -> list[ProcedureView]:
        """Return the household's procedures: open ones first, then the newest first."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            procedures = session.scalars(
                _procedures_loaded(select(LegalProcedure)).where(LegalProcedure.household_id == household_id)
            ).all()
            views = [_procedure_view(session, procedure, today) for procedure in procedures]
        return sorted(views, key=lambda view: (not view.is_open, -view.opened_on.toordinal(), -view.id))

    def truce_grounds(self) -> list[TruceGround]:
        """Return the legal grounds that allow an expulsion during the winter truce."""
        with self._ctx.read() as session:
            return truce_grounds(session)

    def procedure(self, procedure_id: int) -> ProcedureView:
        """Return one procedure."""
        today = self._ctx.clock.today()
        with self._ctx.read() as session:
            return _procedure_view(session, _get_procedure(session, procedure_id), today)

    # ------------------------------------------------------------------------------------ lifecycle

    def open_procedure(self, household_id: int, data: ProcedureInput) -> ProcedureView:
        """Open a procedure at its first stage (impayé constaté unless another is given) on ``opened_on``."""
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text("note", data.note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        problems.date("opened_on", data.opened_on, kind=DateKind.EVENT, label="Date", today=today)
        with self._ctx.transaction() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError(f"Ménage introuvable (n° {household_id}).")
            if session.get(Organisation, data.landlord_id) is None:
                problems.add("landlord_id", "Bailleur : cette organisation est introuvable.")
            dwelling_id = data.dwelling_id
            if dwelling_id is None:
                current = _occupancy_current(session, household_id)
                dwelling_id = current.dwelling_id if current is not None else None
            elif session.get(Dwelling, dwelling_id) is None:
                problems.add("dwelling_id", "Ce logement est introuvable.")
            already = session.scalar(
                select(LegalProcedure.id).where(
                    LegalProcedure.household_id == household_id,
                    LegalProcedure.landlord_id == data.landlord_id,
                    LegalProcedure.outcome.is_(None),
                )
            )
            if already is not None:
                problems.add(
                    "landlord_id",
                    "Une procédure de ce bailleur est déjà en cours pour ce ménage : ajoutez-y plutôt une étape.",
                )
            ground = ground_for_expulsion(
                session,
                data.opened_on,
                data.truce_exception_code,
                problems,
                expulsion=data.first_stage is ProcedureStage.EXPULSION,
            )
            problems.raise_if_any()
            procedure = LegalProcedure(
                household_id=household_id,
                landlord_id=data.landlord_id,
                dwelling_id=dwelling_id,
                opened_on=data.opened_on,
                note=note,
            )
            session.add(procedure)
            session.flush()
            audit.record(
                session, self._ctx, AuditAction.CREATE, "legal_procedure", procedure.id, household_id=household_id
            )
            self._record_stage(
                session, procedure, data.first_stage, data.opened_on, "", previous=None, truce_exception=ground
            )
            return _procedure_view(session, _get_procedure(session, procedure.id), today)

    def add_stage(self, procedure_id: int, data: StageInput) -> ProcedureView:
        """Record the next stage reached (stages may be skipped); going back is a correction with its reason.

        Reaching the résiliation (or any later stage, when stages are skipped) moves a locataire of the
        procedure's dwelling to "occupant sans droit ni titre" on that day, through the occupancy rules
        (:func:`change_occupancy_in`, same transaction). When the occupancy cannot follow, the stage is still
        recorded and :attr:`ProcedureView.occupancy_notice` says why.
        """
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text("note", data.note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        reason = problems.text(
            "correction_reason", data.correction_reason, label="Motif de la correction", max_length=LONG_TEXT_MAX
        )
        problems.date("on", data.on, kind=DateKind.EVENT, label="Date", today=today)
        with self._ctx.transaction() as session:
            procedure = _get_procedure(session, procedure_id)
            _check_open(procedure, problems)
            previous = procedure.stages[-1]
            label = STAGE_LABELS[data.stage]
            problems.ordered(
                "on", procedure.opened_on, data.on, start_label="L'ouverture de la procédure", end_label="La date"
            )
            going_back = stage_order(data.stage) < stage_order(previous.stage)
            if data.stage is previous.stage:
                problems.add("stage", f"La procédure est déjà au stade « {label} ».")
            elif going_back and not reason:
                problems.add(
                    "correction_reason",
                    f"Une procédure n'avance que vers l'avant : revenir à « {label} » est une correction, "
                    "indiquez-en le motif.",
                )
            elif not going_back and data.on < previous.on:
                problems.add(
                    "on",
                    f"La date ne peut pas précéder celle de l'étape précédente "
                    f"(« {STAGE_LABELS[previous.stage]} », {format_date(previous.on)}).",
                )
            ground = ground_for_expulsion(
                session, data.on, data.truce_exception_code, problems, expulsion=data.stage is ProcedureStage.EXPULSION
            )
            problems.raise_if_any()
            if going_back:
                note = "\n".join(part for part in (reason, note) if part)
            self._record_stage(
                session,
                procedure,
                data.stage,
                data.on,
                note,
                previous=previous,
                correction=going_back,
                truce_exception=ground,
            )
            return _procedure_view(session, _get_procedure(session, procedure.id), today)

    def suspend(self, procedure_id: int, data: SuspensionInput) -> ProcedureView:
        """Pause the procedure until ``data.end``; the current stage is kept to resume from."""
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text("note", data.note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        problems.date("start", data.start, kind=DateKind.PLANNED, label="Début", today=today)
        problems.date("end", data.end, kind=DateKind.PLANNED, label="Fin", today=today)
        if data.end is None:
            problems.add("end", "Fin : indiquez jusqu'à quand la procédure est suspendue.")
        elif data.end <= data.start:
            problems.add("end", f"La fin de la suspension doit suivre son début ({format_date(data.start)}).")
        elif data.ground is SuspensionGround.PLATEFORME and data.end > data.start + PLATEFORME_MAX:
            problems.add(
                "end",
                "Une suspension décidée par la plateforme dure au plus 4 mois : "
                f"jusqu'au {format_date(data.start + PLATEFORME_MAX)} au plus tard.",
            )
        with self._ctx.transaction() as session:
            procedure = _get_procedure(session, procedure_id)
            _check_open(procedure, problems)
            problems.ordered(
                "start",
                procedure.opened_on,
                data.start,
                start_label="L'ouverture de la procédure",
                end_label="Le début",
            )
            if data.end is not None:
                for other in procedure.suspensions:
                    if data.start <= other.end_date and other.start_date <= data.end:
                        problems.add(
                            "start",
                            f"Cette suspension chevauche celle du {format_date(other.start_date)} "
                            f"au {format_date(other.end_date)}.",
                        )
                        break
            problems.raise_if_any()
            assert data.end is not None
            suspension = ProcedureSuspension(
                procedure_id=procedure.id,
                ground=data.ground,
                start_date=data.start,
                end_date=data.end,
                stage_at_suspension=procedure.stages[-1].stage,
                note=note,
            )
            session.add(suspension)
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.CREATE,
                "procedure_suspension",
                suspension.id,
                household_id=procedure.household_id,
            )
            return _procedure_view(session, _get_procedure(session, procedure.id), today)

    def end_suspension_early(self, suspension_id: int, on: date) -> ProcedureView:
        """Lift a suspension on ``on`` (its last day becomes the day before); the planned end stays in its note."""
        today = self._ctx.clock.today()
        problems = Problems()
        problems.date("on", on, kind=DateKind.EVENT, label="Date de la levée", today=today)
        with self._ctx.transaction() as session:
            suspension = session.get(ProcedureSuspension, suspension_id)
            if suspension is None:
                raise NotFoundError("Cette suspension est introuvable.")
            if on <= suspension.start_date:
                problems.add(
                    "on", f"La levée doit suivre le début de la suspension ({format_date(suspension.start_date)})."
                )
            elif on > suspension.end_date:
                problems.add("on", f"Cette suspension a déjà pris fin le {format_date(suspension.end_date)}.")
            problems.raise_if_any()
            planned = suspension.end_date
            suspension.end_date = on - timedelta(days=1)
            lifted = f"Levée le {format_date(on)} (fin prévue le {format_date(planned)})."
            suspension.note = "\n".join(part for part in (suspension.note, lifted) if part)
            session.flush()
            procedure = _get_procedure(session, suspension.procedure_id)
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "procedure_suspension",
                suspension.id,
                household_id=procedure.household_id,
                fields=["end_date", "note"],
            )
            return _procedure_view(session, procedure, today)

    def close(
        self,
        procedure_id: int,
        outcome: ProcedureOutcome,
        on: date,
        note: str = "",
        *,
        destination_code: str | None = None,
        truce_exception_code: str | None = None,
    ) -> ProcedureView:
        """Record how the procedure ended; the note is added to the procedure's note.

        An expulsion of a household still recorded as "occupant sans droit ni titre" in the procedure's dwelling
        moves it, on that day, to ``destination_code`` (a not-housed situation: where the household went), in the
        same transaction; without a destination the closing is refused, so the housing timeline never keeps a
        household in a dwelling it was evicted from. An expulsion dated in the winter truce needs
        ``truce_exception_code``, the legal ground that allows it.
        """
        today = self._ctx.clock.today()
        problems = Problems()
        note = problems.text("note", note, label="Remarque", max_length=LONG_TEXT_MAX, multiline=True)
        problems.date("on", on, kind=DateKind.EVENT, label="Date", today=today)
        with self._ctx.transaction() as session:
            procedure = _get_procedure(session, procedure_id)
            _check_open(procedure, problems)
            last = procedure.stages[-1]
            if on < last.on:
                problems.add(
                    "on",
                    f"La date ne peut pas précéder la dernière étape (« {STAGE_LABELS[last.stage]} », "
                    f"{format_date(last.on)}).",
                )
            destination = (
                _expulsion_destination(session, procedure, destination_code, problems)
                if outcome is ProcedureOutcome.EXPULSION
                else None
            )
            ground = ground_for_expulsion(
                session, on, truce_exception_code, problems, expulsion=outcome is ProcedureOutcome.EXPULSION
            )
            problems.raise_if_any()
            if destination is not None:
                self._move_out(session, procedure, destination, on)
            procedure.outcome = outcome
            procedure.outcome_on = on
            fields = ["outcome", "outcome_on"]
            if ground is not None:
                procedure.outcome_truce_exception = ground
                fields.append("outcome_truce_exception_id")
            if note:
                procedure.note = "\n".join(part for part in (procedure.note, f"Clôture : {note}") if part)
                fields.append("note")
            session.flush()
            audit.record(
                session,
                self._ctx,
                AuditAction.UPDATE,
                "legal_procedure",
                procedure.id,
                household_id=procedure.household_id,
                fields=fields,
            )
            return _procedure_view(session, procedure, today)

    # -------------------------------------------------------------------------------------- helpers

    def _record_stage(
        self,
        session: Session,
        procedure: LegalProcedure,
        stage: ProcedureStage,
        on: date,
        note: str,
        *,
        previous: ProcedureStageEntry | None,
        correction: bool = False,
        truce_exception: TruceException | None = None,
    ) -> None:
        entry = ProcedureStageEntry(
            procedure_id=procedure.id,
            stage=stage,
            on=on,
            note=note,
            is_correction=correction,
            truce_exception=truce_exception,
            created_by_id=self._ctx.actor.staff_member_id,
        )
        session.add(entry)
        session.flush()
        fields = ["is_correction", "stage"] if correction else []
        if truce_exception is not None:
            fields.append("truce_exception_id")  # an expulsion during the winter truce, on a legal ground
        audit.record(
            session,
            self._ctx,
            AuditAction.CREATE,
            "procedure_stage",
            entry.id,
            household_id=procedure.household_id,
            fields=fields,
        )
        session.refresh(procedure, ["stages"])
        before = stage_order(previous.stage) if previous is not None else -1
        resiliation = stage_order(ProcedureStage.RESILIATION)
        if not correction and before < resiliation <= stage_order(stage):
            self._end_lease(session, procedure, on)

    def _move_out(self, session: Session, procedure: LegalProcedure, destination: OccupancyStatus, on: date) -> None:
        """After an expulsion, the household is where it went from that day (refused as a whole if the rules say no)."""
        try:
            change_occupancy_in(
                session,
                self._ctx,
                procedure.household_id,
                OccupancyChangeInput(
                    status_code=destination.code,
                    start_date=on,
                    reason_code="expulsion",
                    note="Expulsion (fin de la procédure).",
                ),
            )
        except ValidationError as refused:  # said next to the closing's fields: the date or the destination
            remapped: dict[str, str] = {}
            for field, text in refused.errors.items():
                key = "on" if field == "start_date" else "destination"
                remapped[key] = f"{remapped[key]} {text}" if key in remapped else text
            raise ValidationError(remapped) from refused

    def _end_lease(self, session: Session, procedure: LegalProcedure, on: date) -> None:
        """Move the household to "occupant sans droit ni titre", when the occupancy rules allow it."""
        current = _occupancy_current(session, procedure.household_id)
        if _lease_problem(current, procedure) is not None:
            return  # the view explains why, from the occupancy history
        try:
            change_occupancy_in(
                session,
                self._ctx,
                procedure.household_id,
                OccupancyChangeInput(
                    status_code="occupant_sans_titre",
                    start_date=on,
                    reason_code="resiliation",
                    dwelling_id=procedure.dwelling_id,
                    note="Résiliation du bail (procédure d'expulsion).",
                ),
            )
        except ValidationError:
            # change_occupancy_in checks everything before writing: nothing was changed, and the view says the
            # occupancy did not follow (a later situation is recorded, for instance).
            return


# ---------------------------------------------------------------------------------------------- helpers


def _amount(problems: Problems, field: str, value: Decimal, *, label: str, allow_zero: bool = False) -> int:
    """Return a required amount in cents through the money rule (0 when refused: the caller raises first)."""
    return problems.amount(field, value, label=label, allow_zero=allow_zero, required=True) or 0


def _euros(cents: int) -> Decimal:
    amount = cents_to_amount(cents)
    assert amount is not None
    return amount


def _debts_loaded(query: Select[Debt]) -> Select[Debt]:
    return query.options(
        joinedload(Debt.creditor),
        selectinload(Debt.plans).selectinload(RepaymentPlan.payments),
    )


def _get_debt(session: Session, debt_id: int) -> Debt:
    debt = session.scalar(
        _debts_loaded(select(Debt)).where(Debt.id == debt_id).execution_options(populate_existing=True)
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
        f"Les mensualités ({plan.months} × {format_amount(_euros(plan.instalment_cents))}) couvrent "
        f"{format_amount(_euros(covered))} sur {format_amount(_euros(debt.amount_cents))} de dette : "
        f"il restera {format_amount(_euros(debt.amount_cents - covered))} à la fin du plan."
    )


def _plan_view(plan: RepaymentPlan, debt: Debt, today: date) -> PlanView:
    figures = _plan_figures(plan, today)
    run = regular_run(figures)
    complete = [item for item in figures if item.complete]
    resumed = run >= REGULAR_MONTHS_NEEDED
    return PlanView(
        id=plan.id,
        debt_id=plan.debt_id,
        instalment=_euros(plan.instalment_cents),
        rent_due=_euros(plan.rent_due_cents),
        monthly_due=_euros(plan.instalment_cents + plan.rent_due_cents),
        start_month=plan.start_month,
        month_count=plan.months,
        last_month=first_of_month(plan.start_month) + relativedelta(months=plan.months - 1),
        agreed_on=plan.agreed_on,
        note=plan.note,
        ended_on=plan.ended_on,
        end_reason=plan.end_reason,
        months=tuple(
            MonthView(
                month=item.month,
                due=_euros(item.due_cents),
                paid=_euros(item.paid_cents),
                paid_on_time=_euros(item.on_time_cents),
                regular=item.regular,
                complete=item.complete,
                started=item.month <= today,
            )
            for item in figures
        ),
        payments=tuple(
            PaymentView(item.id, item.plan_id, item.month, _euros(item.amount_cents), item.paid_on, item.note)
            for item in sorted(plan.payments, key=lambda payment: (payment.month, payment.paid_on, payment.id))
        ),
        consecutive_regular_months=run,
        regular_payment_resumed=resumed,
        regular_since=complete[-run].month if resumed else None,
        coverage_warning=_coverage_warning(plan, debt),
    )


def _repaid_cents(debt: Debt) -> int:
    """What the plans' payments since ``as_of`` brought beyond the rent left to pay, month by month."""
    total = 0
    for plan in debt.plans:
        recent = [item for item in _paid_amounts(plan) if item.paid_on >= debt.as_of]
        paid: dict[date, int] = {}
        for item in recent:
            paid[item.month] = paid.get(item.month, 0) + item.amount_cents
        total += sum(max(amount - plan.rent_due_cents, 0) for amount in paid.values())
    return total


def _debt_view(debt: Debt, today: date) -> DebtView:
    repaid = _repaid_cents(debt)
    balance = 0 if debt.settled_on is not None else max(debt.amount_cents - repaid, 0)
    return DebtView(
        id=debt.id,
        household_id=debt.household_id,
        creditor_id=debt.creditor_id,
        creditor_label=debt.creditor.name if debt.creditor is not None else debt.creditor_name,
        is_rent=debt.is_rent,
        amount=_euros(debt.amount_cents),
        as_of=debt.as_of,
        period_start=debt.period_start,
        period_end=debt.period_end,
        note=debt.note,
        settled_on=debt.settled_on,
        repaid=_euros(repaid),
        balance=_euros(balance),
        plans=tuple(_plan_view(plan, debt, today) for plan in debt.plans),
    )


def _procedures_loaded(query: Select[LegalProcedure]) -> Select[LegalProcedure]:
    return query.options(
        joinedload(LegalProcedure.landlord),
        joinedload(LegalProcedure.outcome_truce_exception),
        selectinload(LegalProcedure.stages).joinedload(ProcedureStageEntry.truce_exception),
        selectinload(LegalProcedure.suspensions),
    )


def _get_procedure(session: Session, procedure_id: int) -> LegalProcedure:
    # populate_existing: within a use case, collections loaded before a change are read again.
    procedure = session.scalar(
        _procedures_loaded(select(LegalProcedure))
        .where(LegalProcedure.id == procedure_id)
        .execution_options(populate_existing=True)
    )
    if procedure is None:
        raise NotFoundError(f"Procédure introuvable (n° {procedure_id}).")
    return procedure


def _check_open(procedure: LegalProcedure, problems: Problems) -> None:
    if procedure.outcome is not None:
        problems.add(
            "procedure",
            f"Cette procédure est close depuis le {format_date(procedure.outcome_on)} "
            f"({OUTCOME_LABELS[procedure.outcome]}).",
        )


def _occupancy_current(session: Session, household_id: int) -> Occupancy | None:
    return session.scalar(
        select(Occupancy)
        .options(joinedload(Occupancy.status))
        .where(Occupancy.household_id == household_id, Occupancy.end_date.is_(None))
    )


def _occupancy_on(session: Session, household_id: int, day: date) -> Occupancy | None:
    return session.scalar(
        select(Occupancy)
        .options(joinedload(Occupancy.status))
        .where(
            Occupancy.household_id == household_id,
            Occupancy.start_date <= day,
            (Occupancy.end_date.is_(None)) | (Occupancy.end_date >= day),
        )
        .order_by(Occupancy.start_date.desc())
        .limit(1)
    )


def _lease_problem(occupancy: Occupancy | None, procedure: LegalProcedure) -> str | None:
    """Return why a résiliation cannot end this occupancy's lease (French), or None when it can."""
    if occupancy is None:
        return "aucune situation de logement n'est enregistrée pour le ménage"
    if procedure.dwelling_id is None:
        return "la procédure ne précise pas le logement concerné"
    status = occupancy.status
    if not status.is_housed:
        return f"le ménage n'était pas logé (situation : {status.label})"
    if occupancy.dwelling_id != procedure.dwelling_id:
        return "le ménage occupait un autre logement que celui de la procédure"
    if status.code not in LEASE_STATUSES:
        return f"le ménage n'était pas locataire en titre de ce logement (situation : {status.label})"
    return None


def _replay(entries: Sequence[ProcedureStageEntry]) -> dict[ProcedureStage, ProcedureStageEntry]:
    """Return the stages reached, each with the entry that reached it: a correction drops the later stages."""
    reached: dict[ProcedureStage, ProcedureStageEntry] = {}
    for entry in entries:
        if entry.is_correction:
            for stage in [item for item in reached if stage_order(item) > stage_order(entry.stage)]:
                del reached[stage]
        reached[entry.stage] = entry
    return reached


def _occupancy_effect(
    session: Session,
    procedure: LegalProcedure,
    entries: Sequence[ProcedureStageEntry],
    reached: dict[ProcedureStage, ProcedureStageEntry],
) -> tuple[bool | None, str]:
    """Say what the end of the lease did to the occupancy timeline, read from the timeline itself.

    Returns (None, "") before the résiliation; (True, …) when the household is "occupant sans droit ni titre" in
    the procedure's dwelling on the résiliation date; (False, why) otherwise.
    """
    resiliation = stage_order(ProcedureStage.RESILIATION)
    terminated = [entry for stage, entry in reached.items() if stage_order(stage) >= resiliation]
    if not terminated:
        crossed_before = any(stage_order(entry.stage) >= resiliation for entry in entries)
        current = _occupancy_current(session, procedure.household_id)
        if crossed_before and _without_title_in(current, procedure):
            return None, (
                "La procédure a été corrigée avant la résiliation, mais la situation de logement reste "
                "« occupant sans droit ni titre » : corrigez-la dans l'onglet Logement si besoin."
            )
        return None, ""
    on = min(terminated, key=lambda entry: stage_order(entry.stage)).on
    covering = _occupancy_on(session, procedure.household_id, on)
    if covering is not None and _without_title_in(covering, procedure):
        since = format_date(covering.start_date)
        return True, f"Situation de logement : occupant sans droit ni titre depuis le {since}, dans le même logement."
    why = _lease_problem(covering, procedure)
    if why is None:
        why = "une autre situation de logement commence à cette date ou après ; mettez-la à jour dans l'onglet Logement"
    return False, f"Situation de logement non modifiée par la résiliation : {why}."


def _expulsion_destination(
    session: Session, procedure: LegalProcedure, destination_code: str | None, problems: Problems
) -> OccupancyStatus | None:
    """Return where an evicted household goes, when it is still in the procedure's dwelling (else None).

    Records a problem when it is still a tenant there (no résiliation yet) or when no not-housed destination is given.
    """
    current = _occupancy_current(session, procedure.household_id)
    if current is None or procedure.dwelling_id is None or current.dwelling_id != procedure.dwelling_id:
        return None  # the housing timeline has already moved on
    if not _without_title_in(current, procedure):
        problems.add(
            "outcome",
            f"Le ménage est encore « {current.status.label.lower()} » dans ce logement : une expulsion "
            "suit la résiliation du bail. Enregistrez d'abord l'étape « Résiliation du bail », ou corrigez "
            "la situation dans l'onglet Logement.",
        )
        return None
    destination = (
        session.scalar(select(OccupancyStatus).where(OccupancyStatus.code == destination_code))
        if destination_code
        else None
    )
    if destination is None or destination.is_housed:
        problems.add(
            "destination",
            "Indiquez où le ménage est allé après l'expulsion (sans abri, hébergé chez un tiers, hébergement "
            "d'urgence…) : sa situation de logement change ce jour-là.",
        )
        return None
    return destination


def _without_title_in(occupancy: Occupancy | None, procedure: LegalProcedure) -> bool:
    return (
        occupancy is not None
        and procedure.dwelling_id is not None
        and occupancy.dwelling_id == procedure.dwelling_id
        and occupancy.status.code == "occupant_sans_titre"
    )


def _suspension_view(item: ProcedureSuspension, today: date, is_open: bool) -> ProcedureSuspensionView:
    active = is_open and item.start_date <= today <= item.end_date
    return ProcedureSuspensionView(
        id=item.id,
        ground=item.ground,
        ground_label=GROUND_LABELS[item.ground],
        start=item.start_date,
        end=item.end_date,
        stage_at_suspension=item.stage_at_suspension,
        stage_at_suspension_label=STAGE_LABELS[item.stage_at_suspension],
        note=item.note,
        is_active=active,
        days_left=(item.end_date - today).days if active else None,
    )


def _stage_truce_notice(entry: ProcedureStageEntry) -> str:
    return truce_notice(entry.on, entry.truce_exception, expulsion=entry.stage is ProcedureStage.EXPULSION)


def _staff_name(session: Session, staff_id: int | None, cache: dict[int, str]) -> str:
    if staff_id is None:
        return "Système"
    if staff_id not in cache:
        member = session.get(StaffMember, staff_id)
        cache[staff_id] = staff_display_name(member.first_name, member.last_name) if member else "Système"
    return cache[staff_id]


def _procedure_view(session: Session, procedure: LegalProcedure, today: date) -> ProcedureView:
    entries = list(procedure.stages)
    current = entries[-1]
    reached = _replay(entries)
    is_open = procedure.outcome is None
    suspensions = tuple(_suspension_view(item, today, is_open) for item in procedure.suspensions)
    started = [item for item in suspensions if item.start <= today]
    truce = winter_truce(today) if is_open else None
    changed, notice = _occupancy_effect(session, procedure, entries, reached)
    dwelling = session.get(Dwelling, procedure.dwelling_id) if procedure.dwelling_id is not None else None
    names: dict[int, str] = {}
    return ProcedureView(
        id=procedure.id,
        household_id=procedure.household_id,
        landlord_id=procedure.landlord_id,
        landlord_name=procedure.landlord.name,
        dwelling_id=procedure.dwelling_id,
        dwelling_label=dwelling_view(dwelling).one_line if dwelling is not None else "",
        opened_on=procedure.opened_on,
        note=procedure.note,
        outcome=procedure.outcome,
        outcome_label=OUTCOME_LABELS[procedure.outcome] if procedure.outcome else "",
        outcome_on=procedure.outcome_on,
        outcome_truce_notice=truce_notice(
            procedure.outcome_on,
            procedure.outcome_truce_exception,
            expulsion=procedure.outcome is ProcedureOutcome.EXPULSION,
        ),
        stages=tuple(
            StageView(
                id=entry.id,
                stage=entry.stage,
                label=STAGE_LABELS[entry.stage],
                on=entry.on,
                note=entry.note,
                is_correction=entry.is_correction,
                staff_name=_staff_name(session, entry.created_by_id, names),
                truce_exception_code=entry.truce_exception.code if entry.truce_exception is not None else None,
                truce_notice=_stage_truce_notice(entry),
            )
            for entry in entries
        ),
        timeline=tuple(
            StageStep(
                stage=stage,
                label=STAGE_LABELS[stage],
                reached_on=reached[stage].on if stage in reached else None,
                is_current=stage is current.stage,
                truce_notice=_stage_truce_notice(reached[stage]) if stage in reached else "",
            )
            for stage in STAGES
        ),
        current_stage=current.stage,
        current_stage_label=STAGE_LABELS[current.stage],
        current_since=current.on,
        suspensions=suspensions,
        active_suspension=next((item for item in suspensions if item.is_active), None),
        resume_stage=started[-1].stage_at_suspension if started else None,
        winter_truce=truce,
        winter_truce_notice=(
            f"Trêve hivernale jusqu'au {format_long_date(truce[1])} : l'expulsion ne peut pas être exécutée."
            if truce
            else ""
        ),
        occupancy_changed=changed,
        occupancy_notice=notice,
    )
