"""Rent payment resumed: entrants with three regular months in a row, over two stated denominators (§13).

A month of a repayment plan is *regular* when the rent left to pay and the instalment were paid in full by its last
day (:mod:`caseworker.services.prevention.debt_math`); a household has *resumed regular payment* once three
complete months in a row were regular, at any time up to the *état au* day. The figure is given twice, because the
denominator changes its meaning: over the entrants of the period (the default), and over those of them who were
met. 22 of 38 entrants is 58 %, 22 of the 32 met is 69 %: both are printed with their definition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseworker.exports.facts import EpisodeFact, ExportScope, Members
from caseworker.exports.report import ENTERED, CountTable, Rate, Unit
from caseworker.exports.support_figures import period_words
from caseworker.exports.tables import TableText, TwinTables
from caseworker.models import Debt, Payment, RepaymentPlan
from caseworker.services.prevention.debt_math import REGULAR_MONTHS_NEEDED, PaidAmount, month_figures

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
