"""Rent payment resumed over two stated denominators, and the housed households up to date with rent (§13).

A month of a repayment plan is *regular* when the rent left to pay and the instalment were paid in full by its last
day (:mod:`caseworker.services.prevention.debt_math`); a household has *resumed regular payment* once three
complete months in a row were regular, at any time up to the *état au* day. The figure is given twice, because the
denominator changes its meaning: over the entrants of the period (the default), and over those of them who were
met. 22 of 38 entrants is 58 %, 22 of the 32 met is 69 %: both are printed with their definition.

*À jour du loyer* is a stock: the households supported and housed on the *état au*, without rent arrears or
keeping to a repayment plan, over all of them; the table behind it says which.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.exports.facts import EpisodeFact, ExportScope, Members
from caseworker.exports.housing_figures import Situation, situation_on
from caseworker.exports.report import ENTERED, CountTable, Rate, Unit
from caseworker.exports.support_figures import period_words
from caseworker.exports.tables import TableText, TwinTables
from caseworker.formats import format_date
from caseworker.models import Debt, Payment, RepaymentPlan
from caseworker.services.prevention.debt_math import (
    REGULAR_MONTHS_NEEDED,
    PaidAmount,
    balance_cents,
    first_of_month,
    last_plan_month,
    month_figures,
    repaid_cents,
)

RESUMED_ROWS = ("Paiement régulier repris", "Pas de reprise constatée")
MET_COLUMNS = ("Rencontrés", "Jamais rencontrés")


def resumed_households(session: Session, starts: dict[int, date], scope: ExportScope) -> set[int]:
    """The households with three regular months in a row in one of their plans, up to the day.

    Only the months from their support's start (``starts``: each household's) count.
    """
    plans = session.execute(
        select(
            RepaymentPlan.id,
            Debt.household_id,
            RepaymentPlan.start_month,
            RepaymentPlan.months,
            RepaymentPlan.rent_due_cents + RepaymentPlan.instalment_cents,
            RepaymentPlan.ended_on,
        ).join(Debt, Debt.id == RepaymentPlan.debt_id)
    ).all()
    plans = [plan for plan in plans if plan[1] in starts]
    payments: dict[int, list[PaidAmount]] = defaultdict(list)
    if plans:
        wanted = {plan[0] for plan in plans}
        for plan_id, month, amount, paid_on in session.execute(
            select(Payment.plan_id, Payment.month, Payment.amount_cents, Payment.paid_on).where(
                Payment.paid_on <= scope.as_of
            )
        ):
            if plan_id in wanted:
                payments[plan_id].append(PaidAmount(month, amount, paid_on))
    resumed = set()
    # A month is complete once its last day is before the day after the état au (the day itself counts).
    after = scope.as_of + timedelta(days=1)
    for plan_id, household_id, start, months, due, ended in plans:
        figures = month_figures(start, months, due, payments[plan_id], after, ended)
        run = best = 0
        since = starts[household_id].replace(day=1)
        for figure in figures:
            if figure.month < since:
                continue
            if not figure.complete:
                break
            run = run + 1 if figure.regular else 0
            best = max(best, run)
        if best >= REGULAR_MONTHS_NEEDED:
            resumed.add(household_id)
    return resumed


def payment_resumed(
    session: Session,
    episodes: Sequence[EpisodeFact],
    members: Members,
    scope: ExportScope,
    met: set[int],
) -> tuple[tuple[CountTable, ...], tuple[Rate, ...]]:
    """The two tables and the two rates: over the entrants, and over the entrants met (``met``: their episodes)."""
    entrants = [episode for episode in episodes if scope.in_period(episode.start)]
    starts: dict[int, date] = {}
    for episode in entrants:
        assert episode.start is not None
        starts[episode.household_id] = min(episode.start, starts.get(episode.household_id, episode.start))
    resumed = resumed_households(session, starts, scope)
    table = TwinTables(
        TableText(
            "payment_resumed",
            "Reprise du paiement régulier des entrants",
            period_words(scope),
            f"Accompagnements commencés dans la période, selon que le ménage a payé régulièrement (loyer résiduel et "
            f"mensualité réglés avant la fin du mois) {REGULAR_MONTHS_NEEDED} mois de suite d'un plan d'apurement "
            "depuis le début de l'accompagnement, et selon qu'il a été rencontré au moins une fois.",
            "Paiement",
        ),
        rows=RESUMED_ROWS,
        columns=MET_COLUMNS,
    )
    for episode in entrants:
        assert episode.start is not None
        row = RESUMED_ROWS[0] if episode.household_id in resumed else RESUMED_ROWS[1]
        column = MET_COLUMNS[0] if episode.id in met else MET_COLUMNS[1]
        table.add(row, members.count_on(episode.household_id, episode.start), column)
    tables = table.tables()
    rates = []
    for counted in tables:
        met_words = " et rencontrés" if counted.unit is Unit.MENAGE else " et rencontrées"
        for key, column, words in (("payment_resumed", "", ""), ("payment_resumed_met", MET_COLUMNS[0], met_words)):
            column_index = MET_COLUMNS.index(column) if column else None
            rates.append(
                Rate(
                    key=key,
                    title="Reprise du paiement régulier",
                    unit=counted.unit,
                    numerator=counted.counts[0][column_index] if column_index is not None else counted.row_total(0),
                    denominator=counted.column_total(column_index) if column_index is not None else counted.grand_total,
                    as_of=scope.as_of,
                    definition=f"{ENTERED[counted.unit]} dans la période{words}",
                    numerator_definition=f"{REGULAR_MONTHS_NEEDED} mois de paiement régulier de suite.",
                    cohort=period_words(scope),
                    table_key="payment_resumed",
                    numerator_rows=(RESUMED_ROWS[0],),
                    column=column,
                )
            )
    return tables, tuple(rates)


RENT_ROWS = ("À jour du loyer", "Plan d'apurement respecté", "Impayé sans plan ou plan non respecté")


def rent_up_to_date(
    session: Session,
    episodes: Sequence[EpisodeFact],
    members: Members,
    scope: ExportScope,
    timelines: dict[int, list[Situation]],
) -> tuple[tuple[CountTable, ...], tuple[Rate, ...]]:
    """Housed households supported on the day, by their rent situation; up to date or keeping to a plan, as a rate.

    A household owes rent that day when one of its rent debts known by then is neither settled nor repaid (what its
    plans' payments up to the day brought towards it, as the debt register computes it). It keeps to its plan when each
    such debt has a plan agreed and not ended whose last complete month was paid in full by its last day (or whose
    first month is not complete yet). Three queries: the debts, their plans and their payments up to the day.
    """
    day = scope.as_of
    housed: dict[int, None] = {}
    for episode in episodes:
        if not episode.running_on(day):
            continue
        now = situation_on(timelines.get(episode.household_id, ()), day)
        if now is not None and now.housed:
            housed[episode.household_id] = None
    owing, keeping = _rent_owed(session, set(housed), day)
    table = TwinTables(
        TableText(
            "rent_up_to_date",
            "Situation au regard du loyer des ménages logés",
            f"Situation au {format_date(day)}",
            "Ménages accompagnés par la mesure et logés à la date (dans une situation de logement), selon leur "
            "loyer : sans dette de loyer non soldée ; avec une dette de loyer dont chaque plan d'apurement en cours "
            "est respecté (dernier mois échu payé en entier avant sa fin, ou aucun mois encore échu) ; ou avec un "
            "impayé sans plan, ou un plan non respecté. Personnes : celles du ménage à la date.",
            "Loyer",
        ),
        rows=RENT_ROWS,
    )
    for household_id in sorted(housed):
        if household_id not in owing:
            row = RENT_ROWS[0]
        elif household_id in keeping:
            row = RENT_ROWS[1]
        else:
            row = RENT_ROWS[2]
        table.add(row, members.count_on(household_id, day))
    tables = table.tables()
    rates = tuple(
        Rate(
            key="rent_up_to_date",
            title="À jour du loyer",
            unit=counted.unit,
            numerator=counted.row_total(0) + counted.row_total(1),
            denominator=counted.grand_total,
            as_of=day,
            definition="ménages logés et accompagnés"
            if counted.unit is Unit.MENAGE
            else "personnes logées et accompagnées",
            numerator_definition="Sans impayé de loyer, ou avec un plan d'apurement respecté.",
            cohort=f"Situation au {format_date(day)}",
            table_key="rent_up_to_date",
            numerator_rows=RENT_ROWS[:2],
        )
        for counted in tables
    )
    return tables, rates


@dataclass(frozen=True)
class _Plan:
    """A repayment plan as the rent situation reads it."""

    id: int
    debt_id: int
    start_month: date
    months: int
    rent_due_cents: int
    instalment_cents: int
    agreed_on: date
    ended_on: date | None

    def under_way(self, day: date) -> bool:
        """Agreed by ``day`` and not ended by then."""
        return self.agreed_on <= day and (self.ended_on is None or self.ended_on > day)

    def kept(self, paid: list[PaidAmount], day: date) -> bool:
        """Whether its last month complete on ``day`` was paid in full by its last day (True if none is yet).

        Only that month is worked out (a plan of thirty months read for its last one took most of the time).
        """
        after = day + timedelta(days=1)  # a month is complete once its last day is lived (the day itself counts)
        month = first_of_month(day) if after.day == 1 else first_of_month(first_of_month(day) - timedelta(days=1))
        if month < first_of_month(self.start_month):
            return True
        month = min(month, last_plan_month(self.start_month, self.months))
        due = self.rent_due_cents + self.instalment_cents
        for_month = [payment for payment in paid if first_of_month(payment.month) == month]
        return month_figures(month, 1, due, for_month, after)[0].regular


def _rent_owed(session: Session, households: set[int], day: date) -> tuple[set[int], set[int]]:
    """The households owing rent on ``day``, and those of them keeping to a plan for every debt they owe."""
    unsettled = (Debt.is_rent.is_(True), Debt.as_of <= day, (Debt.settled_on.is_(None)) | (Debt.settled_on > day))
    debts = [
        row
        for row in session.execute(select(Debt.id, Debt.household_id, Debt.amount_cents, Debt.as_of).where(*unsettled))
        if row[1] in households
    ]
    if not debts:
        return set(), set()
    wanted = sorted(row[0] for row in debts)  # the housed households' debts (hundreds for 10,000 households)
    plans: dict[int, list[_Plan]] = defaultdict(list)
    for row in session.execute(
        select(
            RepaymentPlan.id,
            RepaymentPlan.debt_id,
            RepaymentPlan.start_month,
            RepaymentPlan.months,
            RepaymentPlan.rent_due_cents,
            RepaymentPlan.instalment_cents,
            RepaymentPlan.agreed_on,
            RepaymentPlan.ended_on,
        ).where(RepaymentPlan.debt_id.in_(wanted))
    ):
        plan = _Plan(*row)
        plans[plan.debt_id].append(plan)
    payments: dict[int, list[PaidAmount]] = defaultdict(list)
    for plan_id, month, amount, paid_on in session.execute(
        select(Payment.plan_id, Payment.month, Payment.amount_cents, Payment.paid_on)
        .join(RepaymentPlan, RepaymentPlan.id == Payment.plan_id)
        .where(Payment.paid_on <= day, RepaymentPlan.debt_id.in_(wanted))
    ):
        payments[plan_id].append(PaidAmount(month, amount, paid_on))
    owing: set[int] = set()
    keeping: dict[int, bool] = {}
    for debt_id, household_id, amount, known_on in debts:
        own = plans.get(debt_id, [])
        repaid = repaid_cents(known_on, ((plan.rent_due_cents, payments[plan.id]) for plan in own))
        if balance_cents(amount, repaid, settled=False) <= 0:
            continue  # repaid, not yet marked settled
        owing.add(household_id)
        kept = any(plan.under_way(day) and plan.kept(payments[plan.id], day) for plan in own)
        keeping[household_id] = keeping.get(household_id, True) and kept
    return owing, {household_id for household_id, kept in keeping.items() if kept}
