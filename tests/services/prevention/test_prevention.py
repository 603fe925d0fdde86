"""Debts, repayment plans and the regular-payment rule (F07); eviction procedures (docs/domain.md §3.5)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseworker.domain import AuditAction, ProcedureOutcome, ProcedureStage, SuspensionGround
from caseworker.services import Services
from caseworker.services.calendar import winter_truce
from caseworker.services.directory import OrganisationView
from caseworker.services.errors import ValidationError
from caseworker.services.households import OccupancyChangeInput
from caseworker.services.prevention import (
    REGULAR_MONTHS_NEEDED,
    DebtInput,
    PaidAmount,
    PaymentInput,
    PlanInput,
    PlanView,
    ProcedureInput,
    StageInput,
    SuspensionInput,
    first_of_month,
    last_of_month,
    month_figures,
    regular_run,
)
from tests.services.builders import initial_situation, new_dwelling, new_household
from tests.services.contract_builders import Supported, supported_household
from tests.support import FixedClock

D = date
E = Decimal
RENT_DUE = E("120.00")
INSTALMENT = E("50.00")
MONTHLY = RENT_DUE + INSTALMENT
PLAN_START = D(2026, 1, 1)
OPENED_ON = D(2026, 2, 2)

# How a month was paid, for the rule and its property tests.
PAID = "paid"  # in full, on the 5th of the month
LATE = "late"  # in full, on the 1st of the next month
PARTIAL = "partial"  # one cent short, on time
MISSED = "missed"  # nothing
MARKS = (PAID, LATE, PARTIAL, MISSED)


def add_debt(services: Services, household_id: int, amount: str = "600.00", **changes: object) -> int:
    data: dict[str, object] = {
        "amount": E(amount),
        "as_of": D(2025, 12, 10),
        "creditor_name": "Habitat 35",
        "period_start": D(2025, 6, 1),
        "period_end": D(2025, 11, 30),
    }
    data.update(changes)
    return services.debts.add_debt(household_id, DebtInput(**data)).id  # type: ignore[arg-type]


def add_plan(
    services: Services, debt_id: int, *, start: date = PLAN_START, months: int = 12, instalment: Decimal = INSTALMENT
) -> PlanView:
    return services.debts.add_plan(
        debt_id,
        PlanInput(
            instalment=instalment, rent_due=RENT_DUE, start_month=start, months=months, agreed_on=D(2025, 12, 15)
        ),
    )


def pay(services: Services, plan_id: int, month: date, mark: str = PAID) -> PlanView | None:
    """Record what ``mark`` says for ``month``; nothing for a missed month."""
    if mark == MISSED:
        return None
    amount = MONTHLY - E("0.01") if mark == PARTIAL else MONTHLY
    paid_on = month + relativedelta(months=1) if mark == LATE else month.replace(day=5)
    return services.debts.record_payment(plan_id, PaymentInput(month, amount, paid_on))


def month(offset: int, start: date = PLAN_START) -> date:
    return start + relativedelta(months=offset)


@pytest.fixture
def household_id(services: Services) -> int:
    return new_household(services).id


# -------------------------------------------------------------------------------------------------- debts


def test_a_debt_with_its_creditor_and_period(services: Services, household_id: int, landlord: OrganisationView) -> None:
    debt = services.debts.add_debt(
        household_id,
        DebtInput(E("1250.50"), D(2026, 3, 1), creditor_id=landlord.id, creditor_name="ignored", note="Loyers"),
    )
    assert debt.creditor_label == "Habitat 35"
    assert debt.amount == E("1250.50")
    assert debt.balance == E("1250.50")
    assert debt.is_rent and not debt.is_settled and debt.plans == ()
    other = services.debts.add_debt(
        household_id, DebtInput(E("300"), D(2026, 4, 1), creditor_name="EDF", is_rent=False)
    )
    assert other.creditor_label == "EDF" and not other.is_rent
    assert [item.id for item in services.debts.debts_for(household_id)] == [other.id, debt.id]


def test_debt_validation_messages(services: Services, household_id: int) -> None:
    with pytest.raises(ValidationError) as refused:
        services.debts.add_debt(
            household_id,
            DebtInput(E("0"), D(2026, 7, 1), period_start=D(2025, 6, 1), period_end=D(2025, 5, 1)),
        )
    errors = refused.value.errors
    assert "supérieur à zéro" in errors["amount"]
    assert "futur" in errors["as_of"]
    assert "antérieure" in errors["period_end"]
    assert "Créancier" in errors["creditor_id"]
    with pytest.raises(ValidationError) as implausible:
        services.debts.add_debt(household_id, DebtInput(E("10.005"), D(2026, 1, 1), creditor_name="X"))
    assert "centimes" in implausible.value.errors["amount"]
    assert services.debts.debts_for(household_id) == []


def test_update_and_settle_a_debt_ends_its_plan(services: Services, household_id: int) -> None:
    debt_id = add_debt(services, household_id)
    updated = services.debts.update_debt(debt_id, DebtInput(E("650.00"), D(2025, 12, 10), creditor_name="Habitat 35"))
    assert updated.amount == E("650.00")
    plan = add_plan(services, debt_id)
    settled = services.debts.settle(debt_id, D(2026, 6, 1))
    assert settled.is_settled and settled.balance == 0
    assert settled.plans[0].ended_on == D(2026, 6, 1) and settled.plans[0].end_reason == "Dette soldée"
    assert not services.debts.plan(plan.id).is_running
    with pytest.raises(ValidationError) as again:
        services.debts.settle(debt_id, D(2026, 6, 2))
    assert "déjà soldée" in again.value.errors["on"]


# -------------------------------------------------------------------------------------------------- plans


def test_plan_months_are_normalised_and_a_second_running_plan_is_refused(services: Services, household_id: int) -> None:
    debt_id = add_debt(services, household_id)
    plan = add_plan(services, debt_id, start=D(2026, 1, 17))
    assert plan.start_month == D(2026, 1, 1)
    assert plan.last_month == D(2026, 12, 1)
    assert [item.month for item in plan.months] == [month(offset) for offset in range(12)]
    assert plan.monthly_due == MONTHLY
    assert plan.coverage_warning == ""  # 12 × 50 = 600
    with pytest.raises(ValidationError) as refused:
        add_plan(services, debt_id)
    assert "déjà en cours" in refused.value.errors["debt"]
    services.debts.end_plan(plan.id, D(2026, 3, 10), "Renégocié en commission")
    renegotiated = add_plan(services, debt_id, start=D(2026, 4, 1), months=6, instalment=E("60.00"))
    assert "couvrent 360,00" in renegotiated.coverage_warning
    assert "600,00" in renegotiated.coverage_warning
    assert [item.is_running for item in services.debts.debt(debt_id).plans] == [False, True]


def test_plan_validation(services: Services, household_id: int) -> None:
    debt_id = add_debt(services, household_id)
    with pytest.raises(ValidationError) as refused:
        services.debts.add_plan(debt_id, PlanInput(E("0"), E("-1"), D(2026, 1, 1), 0, agreed_on=D(2026, 7, 1)))
    errors = refused.value.errors
    assert set(errors) == {"instalment", "rent_due", "months", "agreed_on"}


def test_payments_must_fall_within_the_plan_and_not_in_the_future(services: Services, household_id: int) -> None:
    plan = add_plan(services, add_debt(services, household_id), months=3)
    with pytest.raises(ValidationError) as outside:
        services.debts.record_payment(plan.id, PaymentInput(D(2026, 4, 1), MONTHLY, D(2026, 4, 2)))
    assert "janvier 2026 – mars 2026" in outside.value.errors["month"]
    with pytest.raises(ValidationError) as future:
        services.debts.record_payment(plan.id, PaymentInput(D(2026, 3, 1), MONTHLY, D(2026, 6, 16)))
    assert "futur" in future.value.errors["paid_on"]
    recorded = services.debts.record_payment(plan.id, PaymentInput(D(2026, 2, 20), MONTHLY, D(2026, 2, 3), "Virement"))
    assert recorded.payments[0].month == D(2026, 2, 1) and recorded.payments[0].on_time


def test_balance_counts_what_was_paid_beyond_the_rent(services: Services, household_id: int) -> None:
    debt_id = add_debt(services, household_id)
    plan = add_plan(services, debt_id)
    for offset in range(3):
        pay(services, plan.id, month(offset))
    services.debts.record_payment(plan.id, PaymentInput(month(3), E("100.00"), D(2026, 4, 5)))  # rent only, partly
    debt = services.debts.debt(debt_id)
    assert debt.repaid == E("150.00")
    assert debt.balance == E("450.00")


def test_deleting_a_payment_is_audited_and_changes_the_count(services: Services, household_id: int) -> None:
    plan = add_plan(services, add_debt(services, household_id))
    for offset in range(3):
        pay(services, plan.id, month(offset))
    view = services.debts.plan(plan.id)
    assert view.consecutive_regular_months == 0  # April and May were missed
    for offset in (3, 4):
        pay(services, plan.id, month(offset))
    view = services.debts.plan(plan.id)
    assert view.consecutive_regular_months == 5 and view.regular_payment_resumed
    after = services.debts.delete_payment(view.payments[-1].id)
    assert after.consecutive_regular_months == 0 and not after.regular_payment_resumed
    deleted = services.audit.for_household(household_id, actions=[AuditAction.DELETE])
    assert [(entry.entity_type, entry.entity_id) for entry in deleted] == [("payment", view.payments[-1].id)]


# --------------------------------------------------------------------------------- F07: regular payment


def test_f07_three_consecutive_on_time_months_resume_regular_payment(
    services: Services, clock: FixedClock, household_id: int
) -> None:
    clock.today_value = D(2026, 3, 10)
    plan = add_plan(services, add_debt(services, household_id))
    for offset in range(3):
        pay(services, plan.id, month(offset))  # January, February, and March on the 5th
    view = services.debts.plan(plan.id)
    assert view.months[2].regular and not view.months[2].complete  # March is paid but not over
    assert view.consecutive_regular_months == 2 and not view.regular_payment_resumed
    assert not services.debts.regular_payment_resumed(household_id)
    clock.today_value = D(2026, 4, 1)
    view = services.debts.plan(plan.id)
    assert view.consecutive_regular_months == 3
    assert view.regular_payment_resumed and view.regular_since == D(2026, 1, 1)
    assert services.debts.regular_payment_resumed(household_id)
    assert services.debts.debts_for(household_id)[0].regular_payment_resumed
    assert [item.regular for item in view.months[:4]] == [True, True, True, False]
    assert [item.complete for item in view.months[:4]] == [True, True, True, False]  # April is not over


def test_f07_a_missed_month_resets_the_count_then_three_regular_months_resume_again(
    services: Services, clock: FixedClock, household_id: int
) -> None:
    clock.today_value = D(2026, 4, 10)
    plan = add_plan(services, add_debt(services, household_id))
    for offset in range(3):
        pay(services, plan.id, month(offset))
    assert services.debts.plan(plan.id).regular_payment_resumed
    clock.today_value = D(2026, 5, 10)  # April ended unpaid
    view = services.debts.plan(plan.id)
    assert view.consecutive_regular_months == 0 and not view.regular_payment_resumed
    assert not services.debts.regular_payment_resumed(household_id)
    for offset, today in ((4, D(2026, 6, 3)), (5, D(2026, 7, 2)), (6, D(2026, 8, 1))):
        clock.today_value = today
        pay(services, plan.id, month(offset))
    view = services.debts.plan(plan.id)
    assert view.consecutive_regular_months == 3
    assert view.regular_payment_resumed and view.regular_since == D(2026, 5, 1)


def test_f07_a_late_payment_does_not_count(services: Services, household_id: int) -> None:
    plan = add_plan(services, add_debt(services, household_id))
    for offset, mark in enumerate((PAID, PAID, LATE, PAID, PAID)):
        pay(services, plan.id, month(offset), mark)
    view = services.debts.plan(plan.id)
    march = view.months[2]
    assert march.paid == MONTHLY and march.paid_on_time == 0 and not march.regular
    assert view.consecutive_regular_months == 2 and not view.regular_payment_resumed


def test_f07_a_partial_payment_does_not_count_until_completed_on_time(services: Services, household_id: int) -> None:
    plan = add_plan(services, add_debt(services, household_id))
    for offset, mark in enumerate((PAID, PAID, PAID, PARTIAL, PAID)):
        pay(services, plan.id, month(offset), mark)
    view = services.debts.plan(plan.id)
    assert not view.months[3].regular and view.consecutive_regular_months == 1
    services.debts.record_payment(plan.id, PaymentInput(month(3), E("0.01"), D(2026, 4, 30)))
    view = services.debts.plan(plan.id)
    assert view.months[3].regular and view.consecutive_regular_months == 5


def test_months_after_an_early_end_no_longer_count(services: Services, household_id: int) -> None:
    plan = add_plan(services, add_debt(services, household_id))
    ended = services.debts.end_plan(plan.id, D(2026, 2, 14), "Plan renégocié")
    assert [item.month for item in ended.months] == [D(2026, 1, 1), D(2026, 2, 1)]
    with pytest.raises(ValidationError) as refused:
        services.debts.record_payment(plan.id, PaymentInput(D(2026, 3, 1), MONTHLY, D(2026, 3, 2)))
    assert "a pris fin" in refused.value.errors["month"]


def expected_run(marks: list[str]) -> int:
    run = 0
    for mark in reversed(marks):
        if mark != PAID:
            break
        run += 1
    return run


def paid_amounts(marks: list[str], start: date) -> list[PaidAmount]:
    due = int(MONTHLY * 100)
    items = []
    for offset, mark in enumerate(marks):
        first = month(offset, start)
        if mark == PAID:
            items.append(PaidAmount(first, due, first.replace(day=5)))
        elif mark == LATE:
            items.append(PaidAmount(first, due, last_of_month(first) + timedelta(days=1)))
        elif mark == PARTIAL:
            items.append(PaidAmount(first, due - 1, last_of_month(first)))
    return items


@given(
    marks=st.lists(st.sampled_from(MARKS), max_size=30),
    current=st.sampled_from(MARKS),
    start=st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 1)).map(first_of_month),
    day_in_current=st.integers(min_value=0, max_value=27),
)
def test_regular_run_is_the_final_run_of_regular_complete_months(
    marks: list[str], current: str, start: date, day_in_current: int
) -> None:
    """Whatever happened, the count is the final run of regular complete months (the running month is ignored)."""
    today = month(len(marks), start) + timedelta(days=day_in_current)
    figures = month_figures(start, len(marks) + 6, int(MONTHLY * 100), paid_amounts([*marks, current], start), today)
    assert [item.complete for item in figures] == [True] * len(marks) + [False] * 6
    run = regular_run(figures)
    assert run == expected_run(marks)
    assert (run >= REGULAR_MONTHS_NEEDED) == (expected_run(marks) >= 3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(marks=st.lists(st.sampled_from(MARKS), min_size=1, max_size=17))
def test_plan_view_counts_the_final_run_whatever_the_sequence(services: Services, marks: list[str]) -> None:
    """Through the service: months from January 2025, all complete on 15 June 2026."""
    household = new_household(services)
    start = D(2025, 1, 1)
    plan = add_plan(services, add_debt(services, household.id), start=start, months=24)
    for offset, mark in enumerate(marks):
        pay(services, plan.id, month(offset, start), mark)
    view = services.debts.plan(plan.id)
    assert [item.regular for item in view.months[: len(marks)]] == [mark == PAID for mark in marks]
    run = expected_run(marks)
    if len(marks) == 17:  # every complete month is in the sequence
        assert view.consecutive_regular_months == run
    else:  # the months after the sequence are complete and unpaid
        assert view.consecutive_regular_months == 0
    assert view.regular_payment_resumed == (view.consecutive_regular_months >= 3)
    assert services.debts.regular_payment_resumed(household.id) == view.regular_payment_resumed


# ------------------------------------------------------------------------------------------- procedures


def tenant(services: Services, landlord: OrganisationView) -> Supported:
    """The supported household, now holding its own lease (nouveau bail) since 1 January 2026."""
    supported = supported_household(services, landlord)
    services.occupancy.change_occupancy(
        supported.household_id,
        OccupancyChangeInput("locataire_titre", D(2026, 1, 1), "nouveau_bail", dwelling_id=supported.dwelling_id),
    )
    return supported


def open_procedure(services: Services, supported: Supported, on: date = OPENED_ON) -> int:
    return services.procedures.open_procedure(
        supported.household_id, ProcedureInput(supported.landlord.id, on, note="Dette de 1 200 €")
    ).id


def test_opening_starts_at_impaye_constate_in_the_current_dwelling(
    services: Services, landlord: OrganisationView
) -> None:
    supported = tenant(services, landlord)
    procedure = services.procedures.procedure(open_procedure(services, supported))
    assert procedure.current_stage is ProcedureStage.IMPAYE_CONSTATE
    assert procedure.current_since == D(2026, 2, 2)
    assert procedure.dwelling_id == supported.dwelling_id
    assert "14 rue de Brest" in procedure.dwelling_label
    assert procedure.landlord_name == "Habitat 35"
    assert procedure.is_open and procedure.occupancy_changed is None and procedure.occupancy_notice == ""
    assert [step.is_reached for step in procedure.timeline] == [True] + [False] * 10
    with pytest.raises(ValidationError) as twice:
        open_procedure(services, supported, D(2026, 3, 1))
    assert "déjà en cours" in twice.value.errors["landlord_id"]


def test_stages_move_forward_may_skip_and_going_back_is_a_correction(
    services: Services, landlord: OrganisationView
) -> None:
    supported = tenant(services, landlord)
    procedure_id = open_procedure(services, supported)
    services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.RELANCES, D(2026, 2, 20)))
    skipped = services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.ASSIGNATION, D(2026, 3, 10)))
    assert skipped.current_stage is ProcedureStage.ASSIGNATION
    reached = {step.stage: step.reached_on for step in skipped.timeline if step.is_reached}
    assert reached == {
        ProcedureStage.IMPAYE_CONSTATE: D(2026, 2, 2),
        ProcedureStage.RELANCES: D(2026, 2, 20),
        ProcedureStage.ASSIGNATION: D(2026, 3, 10),
    }
    with pytest.raises(ValidationError) as earlier:
        services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.AUDIENCE, D(2026, 3, 9)))
    assert "précéder" in earlier.value.errors["on"]
    with pytest.raises(ValidationError) as same:
        services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.ASSIGNATION, D(2026, 3, 12)))
    assert "déjà au stade" in same.value.errors["stage"]
    with pytest.raises(ValidationError) as back:
        services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.PRECONTENTIEUX, D(2026, 3, 12)))
    assert "n'avance que vers l'avant" in back.value.errors["correction_reason"]
    assert len(services.procedures.procedure(procedure_id).stages) == 3

    corrected = services.procedures.add_stage(
        procedure_id,
        StageInput(
            ProcedureStage.PRECONTENTIEUX,
            D(2026, 3, 12),
            note="Courrier du bailleur",
            correction_reason="L'assignation saisie concernait un autre ménage",
        ),
    )
    assert corrected.current_stage is ProcedureStage.PRECONTENTIEUX
    last = corrected.stages[-1]
    assert last.is_correction and last.note.startswith("L'assignation saisie concernait un autre ménage")
    assert last.staff_name == "Claire MARTIN"
    assert not next(step for step in corrected.timeline if step.stage is ProcedureStage.ASSIGNATION).is_reached
    events = [
        entry
        for entry in services.audit.for_household(supported.household_id)
        if entry.entity_type == "procedure_stage"
    ]
    assert len(events) == 4
    assert events[0].fields == ("is_correction", "stage")
    # After the correction the procedure moves forward again from there, dates included.
    again = services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.ASSIGNATION, D(2026, 4, 2)))
    assert next(step for step in again.timeline if step.stage is ProcedureStage.ASSIGNATION).reached_on == D(2026, 4, 2)


def test_f47_resiliation_makes_the_tenant_an_occupant_without_title_in_the_same_dwelling(
    services: Services, landlord: OrganisationView
) -> None:
    supported = tenant(services, landlord)
    procedure_id = open_procedure(services, supported)
    services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.AUDIENCE, D(2026, 4, 14)))
    view = services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.RESILIATION, D(2026, 5, 12)))
    assert view.occupancy_changed is True
    assert "occupant sans droit ni titre depuis le 12/05/2026" in view.occupancy_notice
    *_, lease, current = services.occupancy.timeline(supported.household_id)
    assert lease.status_code == "locataire_titre" and lease.end_date == D(2026, 5, 11)
    assert current.status_code == "occupant_sans_titre"
    assert current.status_label == "Occupant sans droit ni titre"
    assert current.reason_code == "resiliation" and current.start_date == D(2026, 5, 12)
    assert current.dwelling is not None and current.dwelling.id == supported.dwelling_id
    occupancy_events = [
        entry for entry in services.audit.for_household(supported.household_id) if entry.entity_type == "occupancy"
    ]
    assert occupancy_events[0].action is AuditAction.CREATE and occupancy_events[1].fields == ("end_date",)
    # Later stages do not touch the occupancy again.
    later = services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.OCCUPANT_SANS_TITRE, D(2026, 5, 20)))
    assert later.occupancy_changed is True
    assert len(services.occupancy.timeline(supported.household_id)) == 4


def test_a_correction_before_the_resiliation_leaves_the_occupancy_and_says_so(
    services: Services, landlord: OrganisationView
) -> None:
    supported = tenant(services, landlord)
    procedure_id = open_procedure(services, supported)
    services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.RESILIATION, D(2026, 5, 12)))
    corrected = services.procedures.add_stage(
        procedure_id, StageInput(ProcedureStage.AUDIENCE, D(2026, 5, 13), correction_reason="Jugement mis en délibéré")
    )
    assert corrected.occupancy_changed is None
    assert "reste « occupant sans droit ni titre »" in corrected.occupancy_notice
    again = services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.RESILIATION, D(2026, 6, 9)))
    assert again.occupancy_changed is True and "depuis le 12/05/2026" in again.occupancy_notice
    assert len(services.occupancy.timeline(supported.household_id)) == 4  # no second change


def test_skipping_past_resiliation_also_ends_the_lease(services: Services, landlord: OrganisationView) -> None:
    supported = tenant(services, landlord)
    procedure_id = open_procedure(services, supported)
    services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.COMMANDEMENT_DE_QUITTER, D(2026, 6, 1)))
    assert services.occupancy.timeline(supported.household_id)[-1].status_code == "occupant_sans_titre"


def test_resiliation_of_a_sub_tenant_is_recorded_but_the_occupancy_stays(
    services: Services, landlord: OrganisationView
) -> None:
    supported = supported_household(services, landlord)  # sous-locataire: no lease of its own to end
    procedure_id = open_procedure(services, supported)
    view = services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.RESILIATION, D(2026, 5, 12)))
    assert view.current_stage is ProcedureStage.RESILIATION
    assert view.occupancy_changed is False
    assert "non modifiée" in view.occupancy_notice and "Sous-locataire" in view.occupancy_notice
    assert services.occupancy.timeline(supported.household_id)[-1].status_code == "sous_locataire"


def test_resiliation_when_the_household_lives_elsewhere_or_is_not_housed(
    services: Services, landlord: OrganisationView
) -> None:
    household = new_household(services)
    initial_situation(services, household.id)
    dwelling = new_dwelling(services, landlord.id, address="3 place Hoche")
    procedure = services.procedures.open_procedure(
        household.id, ProcedureInput(landlord.id, D(2026, 2, 2), dwelling_id=dwelling.id)
    )
    view = services.procedures.add_stage(procedure.id, StageInput(ProcedureStage.RESILIATION, D(2026, 5, 12)))
    assert view.occupancy_changed is False and "pas logé" in view.occupancy_notice
    without = new_household(services, "Marc", "Le Goff")
    bare = services.procedures.open_procedure(without.id, ProcedureInput(landlord.id, D(2026, 2, 2)))
    assert bare.dwelling_id is None
    view = services.procedures.add_stage(bare.id, StageInput(ProcedureStage.RESILIATION, D(2026, 5, 12)))
    assert "aucune situation" in view.occupancy_notice or "ne précise pas" in view.occupancy_notice


def test_plateforme_suspension_at_most_four_months_with_a_countdown(
    services: Services, landlord: OrganisationView
) -> None:
    supported = tenant(services, landlord)
    procedure_id = open_procedure(services, supported)
    services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.ASSIGNATION, D(2026, 5, 4)))
    with pytest.raises(ValidationError) as too_long:
        services.procedures.suspend(
            procedure_id, SuspensionInput(SuspensionGround.PLATEFORME, D(2026, 6, 1), D(2026, 10, 2))
        )
    assert "au plus 4 mois" in too_long.value.errors["end"] and "01/10/2026" in too_long.value.errors["end"]
    with pytest.raises(ValidationError) as no_end:
        services.procedures.suspend(procedure_id, SuspensionInput(SuspensionGround.MEDIATION, D(2026, 6, 1), None))
    assert "jusqu'à quand" in no_end.value.errors["end"]
    with pytest.raises(ValidationError) as backwards:
        services.procedures.suspend(
            procedure_id, SuspensionInput(SuspensionGround.MEDIATION, D(2026, 6, 1), D(2026, 6, 1))
        )
    assert "doit suivre" in backwards.value.errors["end"]

    view = services.procedures.suspend(
        procedure_id,
        SuspensionInput(SuspensionGround.PLATEFORME, D(2026, 6, 1), D(2026, 10, 1), "Plateforme du 1er juin"),
    )
    active = view.active_suspension
    assert active is not None and active.ground_label == "Plateforme de prévention"
    assert active.stage_at_suspension is ProcedureStage.ASSIGNATION
    assert view.days_left == (D(2026, 10, 1) - D(2026, 6, 15)).days == 108
    assert view.resume_stage is ProcedureStage.ASSIGNATION and view.resume_stage_label == "Assignation"
    with pytest.raises(ValidationError) as overlapping:
        services.procedures.suspend(
            procedure_id, SuspensionInput(SuspensionGround.MEDIATION, D(2026, 9, 1), D(2026, 11, 1))
        )
    assert "chevauche" in overlapping.value.errors["start"]


def test_other_grounds_may_last_longer_and_a_suspension_can_be_lifted_early(
    services: Services, clock: FixedClock, landlord: OrganisationView
) -> None:
    supported = tenant(services, landlord)
    procedure_id = open_procedure(services, supported)
    view = services.procedures.suspend(
        procedure_id, SuspensionInput(SuspensionGround.DELAIS_JUGE, D(2026, 3, 1), D(2027, 3, 1))
    )
    suspension = view.suspensions[0]
    lifted = services.procedures.end_suspension_early(suspension.id, D(2026, 6, 15))
    assert lifted.active_suspension is None and lifted.days_left is None
    assert lifted.suspensions[0].end == D(2026, 6, 14)
    assert "fin prévue le 01/03/2027" in lifted.suspensions[0].note
    assert lifted.resume_stage is ProcedureStage.IMPAYE_CONSTATE  # the stage stored at suspension
    clock.today_value = D(2026, 6, 20)
    with pytest.raises(ValidationError) as again:
        services.procedures.end_suspension_early(suspension.id, D(2026, 6, 20))
    assert "déjà pris fin" in again.value.errors["on"]


def test_winter_truce_overlay(services: Services, clock: FixedClock, landlord: OrganisationView) -> None:
    supported = tenant(services, landlord)
    procedure_id = open_procedure(services, supported)
    summer = services.procedures.procedure(procedure_id)
    assert summer.winter_truce is None and summer.winter_truce_notice == ""
    clock.today_value = D(2026, 12, 15)
    winter = services.procedures.procedure(procedure_id)
    assert winter.winter_truce == (D(2026, 11, 1), D(2027, 3, 31))
    assert winter.winter_truce_notice.startswith("Trêve hivernale jusqu'au 31 mars 2027")
    assert "ne peut pas être exécutée" in winter.winter_truce_notice


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)))
def test_winter_truce_covers_1_november_to_31_march_only(day: date) -> None:
    truce = winter_truce(day)
    in_truce = day.month in (11, 12, 1, 2, 3)
    assert (truce is not None) == in_truce
    if truce is not None:
        start, end = truce
        assert start <= day <= end
        assert (start.month, start.day, end.month, end.day) == (11, 1, 3, 31)
        assert end.year == start.year + 1


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=D(2026, 1, 1), max_value=D(2030, 12, 31)))
def test_procedure_view_shows_the_truce_on_truce_days_only(
    services: Services, clock: FixedClock, landlord: OrganisationView, day: date
) -> None:
    clock.today_value = D(2026, 6, 15)
    household = new_household(services)
    procedure = services.procedures.open_procedure(household.id, ProcedureInput(landlord.id, D(2026, 1, 5)))
    clock.today_value = day
    view = services.procedures.procedure(procedure.id)
    assert (view.winter_truce is not None) == (day.month in (11, 12, 1, 2, 3))
    assert bool(view.winter_truce_notice) == (view.winter_truce is not None)


def test_closing_a_procedure(services: Services, landlord: OrganisationView) -> None:
    supported = tenant(services, landlord)
    procedure_id = open_procedure(services, supported)
    services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.RELANCES, D(2026, 3, 1)))
    with pytest.raises(ValidationError) as early:
        services.procedures.close(procedure_id, ProcedureOutcome.DETTE_APUREE, D(2026, 2, 15))
    assert "précéder" in early.value.errors["on"]
    closed = services.procedures.close(procedure_id, ProcedureOutcome.DETTE_APUREE, D(2026, 6, 1), "Plan respecté")
    assert not closed.is_open and closed.outcome_label == "Dette apurée" and closed.outcome_on == D(2026, 6, 1)
    assert closed.note.endswith("Clôture : Plan respecté")
    assert closed.winter_truce is None
    with pytest.raises(ValidationError) as after:
        services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.AUDIENCE, D(2026, 6, 10)))
    assert "close" in after.value.errors["procedure"]
    reopened = open_procedure(services, supported, D(2026, 6, 10))  # a new procedure of the same landlord
    assert [item.id for item in services.procedures.procedures_for(supported.household_id)] == [
        reopened,
        procedure_id,
    ]


def test_an_expulsion_moves_the_household_out_of_the_dwelling_on_that_day(
    services: Services, landlord: OrganisationView
) -> None:
    supported = tenant(services, landlord)
    procedure_id = open_procedure(services, supported)
    services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.RESILIATION, D(2026, 5, 12)))
    services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.EXPULSION, D(2026, 6, 10)))
    with pytest.raises(ValidationError) as nowhere:
        services.procedures.close(procedure_id, ProcedureOutcome.EXPULSION, D(2026, 6, 10))
    assert "où le ménage est allé" in nowhere.value.errors["destination"]
    with pytest.raises(ValidationError) as housed:  # an eviction does not lead to a lease
        services.procedures.close(
            procedure_id, ProcedureOutcome.EXPULSION, D(2026, 6, 10), destination_code="locataire_titre"
        )
    assert "destination" in housed.value.errors
    assert services.procedures.procedure(procedure_id).is_open  # nothing half-done
    assert services.occupancy.timeline(supported.household_id)[-1].status_code == "occupant_sans_titre"
    closed = services.procedures.close(
        procedure_id, ProcedureOutcome.EXPULSION, D(2026, 6, 10), destination_code="heberge_tiers"
    )
    assert closed.outcome_label == "Expulsion" and not closed.is_open
    assert closed.occupancy_changed is True  # the résiliation did end the lease, on its own date
    *_, without_title, after = services.occupancy.timeline(supported.household_id)
    assert (without_title.status_code, without_title.end_date) == ("occupant_sans_titre", D(2026, 6, 9))
    assert (after.status_code, after.reason_code, after.start_date) == ("heberge_tiers", "expulsion", D(2026, 6, 10))
    assert after.dwelling is None


def test_an_expulsion_is_refused_while_the_household_is_still_the_tenant(
    services: Services, landlord: OrganisationView
) -> None:
    supported = tenant(services, landlord)
    procedure_id = open_procedure(services, supported)
    services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.AUDIENCE, D(2026, 5, 12)))
    with pytest.raises(ValidationError) as refused:
        services.procedures.close(
            procedure_id, ProcedureOutcome.EXPULSION, D(2026, 6, 10), destination_code="heberge_tiers"
        )
    assert "encore « locataire en titre »" in refused.value.errors["outcome"]
    assert services.procedures.procedure(procedure_id).is_open
    assert services.occupancy.timeline(supported.household_id)[-1].status_code == "locataire_titre"


def test_an_expulsion_leaves_a_timeline_that_already_moved_on(services: Services, landlord: OrganisationView) -> None:
    supported = tenant(services, landlord)
    procedure_id = open_procedure(services, supported)
    services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.RESILIATION, D(2026, 5, 12)))
    services.occupancy.change_occupancy(
        supported.household_id, OccupancyChangeInput("hebergement_urgence", D(2026, 6, 1), "expulsion")
    )
    closed = services.procedures.close(procedure_id, ProcedureOutcome.EXPULSION, D(2026, 6, 10))
    assert not closed.is_open
    assert services.occupancy.timeline(supported.household_id)[-1].status_code == "hebergement_urgence"


def test_every_change_is_audited(services: Services, landlord: OrganisationView) -> None:
    supported = tenant(services, landlord)
    debt_id = add_debt(services, supported.household_id)
    plan = add_plan(services, debt_id)
    pay(services, plan.id, month(0))
    services.debts.update_debt(debt_id, DebtInput(E("700"), D(2025, 12, 10), creditor_name="Habitat 35"))
    procedure_id = open_procedure(services, supported)
    services.procedures.add_stage(procedure_id, StageInput(ProcedureStage.RESILIATION, D(2026, 5, 12)))
    view = services.procedures.suspend(
        procedure_id, SuspensionInput(SuspensionGround.PROTOCOLE, D(2026, 5, 20), D(2026, 11, 20))
    )
    services.procedures.end_suspension_early(view.suspensions[0].id, D(2026, 6, 10))
    services.procedures.close(procedure_id, ProcedureOutcome.NOUVEAU_BAIL, D(2026, 6, 12))
    services.debts.settle(debt_id, D(2026, 6, 12))
    events = {
        (entry.action, entry.entity_type)
        for entry in services.audit.for_household(supported.household_id)
        if entry.entity_type not in {"household", "person", "membership", "team_membership", "episode"}
    }
    assert {
        (AuditAction.CREATE, "debt"),
        (AuditAction.UPDATE, "debt"),
        (AuditAction.CREATE, "repayment_plan"),
        (AuditAction.UPDATE, "repayment_plan"),
        (AuditAction.CREATE, "payment"),
        (AuditAction.CREATE, "legal_procedure"),
        (AuditAction.UPDATE, "legal_procedure"),
        (AuditAction.CREATE, "procedure_stage"),
        (AuditAction.CREATE, "procedure_suspension"),
        (AuditAction.UPDATE, "procedure_suspension"),
        (AuditAction.CREATE, "occupancy"),
    } <= events
