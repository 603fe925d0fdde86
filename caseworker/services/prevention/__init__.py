"""Eviction prevention: a household's debts, repayment plans and payments, and the eviction procedure.

Nothing derived is stored (docs/domain.md §3.5, §6): what is left of a debt, whether a month is regular and
"paiement régulier repris", the countdown of a suspension and the winter truce are computed on reading. Modules:

- ``debts.py`` — :class:`DebtService`: debts, plans d'apurement, payments
- ``debt_math.py`` — the arithmetic on plain values: months of a plan, regular months, what is repaid and left
- ``debt_views.py`` — debts, plans and months as views; the rent debt a protocole states (:func:`landlord_debt_facts`)
- ``procedures.py`` — :class:`ProcedureService`: opening, stages, suspensions, closing
- ``procedure_rules.py`` — the stages' legal order, corrections, the plateforme's 4 months
- ``procedure_housing.py`` — what the résiliation and the expulsion do to the housing timeline
- ``procedure_views.py`` — a procedure as a view: stages, timeline, suspensions, truce
- ``winter_truce.py`` — the legal grounds that allow an expulsion during the winter truce
"""

from __future__ import annotations

from caseworker.services.prevention.debt_math import (
    REGULAR_MONTHS_NEEDED,
    MonthFigures,
    PaidAmount,
    first_of_month,
    last_of_month,
    month_figures,
    plan_month_starts,
    regular_run,
)
from caseworker.services.prevention.debt_views import (
    DebtView,
    LandlordDebtFacts,
    MonthView,
    PaymentView,
    PlanView,
    landlord_debt_facts,
)
from caseworker.services.prevention.debts import MAX_PLAN_MONTHS, DebtInput, DebtService, PaymentInput, PlanInput
from caseworker.services.prevention.procedure_rules import PLATEFORME_MAX, STAGES, stage_order
from caseworker.services.prevention.procedure_views import (
    ProcedureSuspensionView,
    ProcedureView,
    StageStep,
    StageView,
)
from caseworker.services.prevention.procedures import (
    ProcedureInput,
    ProcedureService,
    StageInput,
    SuspensionInput,
)
from caseworker.services.prevention.winter_truce import TruceGround

__all__ = [
    "MAX_PLAN_MONTHS",
    "PLATEFORME_MAX",
    "REGULAR_MONTHS_NEEDED",
    "STAGES",
    "DebtInput",
    "DebtService",
    "DebtView",
    "LandlordDebtFacts",
    "MonthFigures",
    "MonthView",
    "PaidAmount",
    "PaymentInput",
    "PaymentView",
    "PlanInput",
    "PlanView",
    "ProcedureInput",
    "ProcedureService",
    "ProcedureSuspensionView",
    "ProcedureView",
    "StageInput",
    "StageStep",
    "StageView",
    "SuspensionInput",
    "TruceGround",
    "first_of_month",
    "landlord_debt_facts",
    "last_of_month",
    "month_figures",
    "plan_month_starts",
    "regular_run",
    "stage_order",
]
