"""The demo's alerts, debts and eviction procedures: counts, the alert state machine, deadlines, plans, stages."""

from __future__ import annotations

import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, selectinload

from caseworker.demo import DemoReport, generate_demo
from caseworker.domain import AlertStatus, ProcedureOutcome, ProcedureStage, SuspensionGround
from caseworker.models import (
    Alert,
    AlertAction,
    AlertStep,
    AlertType,
    Debt,
    Dwelling,
    LegalProcedure,
    Occupancy,
    OccupancyChangeReason,
    OccupancyStatus,
    PartnerContact,
    Payment,
    ProcedureStageEntry,
    ProcedureSuspension,
    RepaymentPlan,
)
from caseworker.paths import DataPaths
from caseworker.services import Services, build_services
from caseworker.services.alerts import DEFAULT_SOURCE, AlertFilter
from caseworker.services.calendar import METROPOLE, add_working_days, winter_truce
from caseworker.services.directory import OrganisationInput, StaffInput
from caseworker.services.setup import FirstRunInput
from caseworker.storage.database import Database, open_database
from caseworker.storage.key_info import load_key_info
from tests.conftest import TODAY, Template
from tests.support import FixedClock

S = AlertStatus
G = ProcedureStage
PARIS = ZoneInfo("Europe/Paris")
PREVENTION_DEMO_SIZE = 400
OPEN = {S.NOUVEAU, S.PRIS_EN_COMPTE, S.EN_TRAITEMENT, S.ESCALADE}
CLOSED = {S.RESOLU, S.CLOS_SANS_SUITE}
# docs/domain.md §3.3.
ALLOWED = {
    S.NOUVEAU: {S.PRIS_EN_COMPTE, S.CLOS_SANS_SUITE},
    S.PRIS_EN_COMPTE: {S.EN_TRAITEMENT, S.RESOLU},
    S.EN_TRAITEMENT: {S.ESCALADE, S.RESOLU, S.CLOS_SANS_SUITE},
    S.ESCALADE: {S.ESCALADE, S.EN_TRAITEMENT, S.RESOLU, S.CLOS_SANS_SUITE},
}
STAGES = list(ProcedureStage)
# Words of health (C3) or justice (C4) matters that nothing a landlord exchanges may carry (docs/domain.md §7.1).
FORBIDDEN = re.compile(
    r"santé|médic|medic|hôpital|hopital|hospitali|psychi|psycho|\bCMP\b|CSAPA|addict|alcool|drogue|"
    r"prison|incarc|détention|detention|\bSPIP\b|probation|condamn|casier|garde à vue|juge d'application",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PreventionDemo:
    database: Database
    report: DemoReport
    services: Services  # Claire MARTIN, the first run's social worker: the households of her teams
    lead: Services  # the team lead, who sees every household (docs/domain.md §2)

    @property
    def engine(self) -> Engine:
        return self.database.engine


@pytest.fixture(scope="module")
def prevention_demo(tmp_path_factory: pytest.TempPathFactory, template_store: Template) -> Iterator[PreventionDemo]:
    paths = DataPaths(tmp_path_factory.mktemp("prevention-demo") / "data")
    shutil.copytree(template_store.directory, paths.data_dir)
    database = open_database(paths, template_store.key, load_key_info(paths.key_info_file))
    services = build_services(database.engine, FixedClock(TODAY))
    services.setup.complete_first_run(
        FirstRunInput(
            organisation=OrganisationInput(name="Association Le Toit", kind_code="association"),
            first_name="Claire",
            last_name="Martin",
            role_code="travailleur_social",
        )
    )
    actor_id = services.context.actor.staff_member_id
    report = generate_demo(
        database.engine, households=PREVENTION_DEMO_SIZE, seed=3, today=TODAY, actor_staff_id=actor_id
    )
    own = services.setup.own_organisation_id()
    assert own is not None
    lead = build_services(database.engine, FixedClock(TODAY))
    lead.context.actor.staff_member_id = services.directory.create_staff(
        StaffInput("Sophie", "Leroy", "chef_service", own)
    ).id
    yield PreventionDemo(database, report, services, lead)
    database.dispose()


def _alerts(engine: Engine) -> list[Alert]:
    with Session(engine) as session:
        return list(
            session.scalars(
                select(Alert)
                .options(selectinload(Alert.alert_type), selectinload(Alert.steps), selectinload(Alert.actions))
                .order_by(Alert.id)
            )
        )


def _count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _local(moment: datetime) -> datetime:
    assert moment.tzinfo is not None
    return moment.astimezone(PARIS)


def _today_starts() -> datetime:
    return datetime.combine(TODAY, datetime.min.time(), tzinfo=PARIS)


def _landlord_households(engine: Engine) -> set[int]:
    with Session(engine) as session:
        return set(
            session.scalars(
                select(Occupancy.household_id)
                .join(Dwelling, Dwelling.id == Occupancy.dwelling_id)
                .where(Dwelling.landlord_id.in_(select(Alert.landlord_id).distinct()))
            )
        )


def _housed_households(engine: Engine) -> int:
    with Session(engine) as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(Occupancy)
                .join(OccupancyStatus, OccupancyStatus.id == Occupancy.status_id)
                .where(Occupancy.end_date.is_(None), OccupancyStatus.is_housed.is_(True))
            )
            or 0
        )


# ------------------------------------------------------------------------------------------- counts


def test_report_counts_match_the_database(prevention_demo: PreventionDemo) -> None:
    report, engine = prevention_demo.report, prevention_demo.engine
    assert report.alerts == _count(engine, Alert)
    assert report.debts == _count(engine, Debt)
    assert report.procedures == _count(engine, LegalProcedure)
    landlord_households = _landlord_households(engine)
    assert len(landlord_households) >= 0.75 * PREVENTION_DEMO_SIZE
    assert 3.5 <= report.alerts / len(landlord_households) <= 7.5
    with Session(engine) as session:
        with_debt = session.scalar(select(func.count(Debt.household_id.distinct())).where(Debt.is_rent)) or 0
        with_procedure = session.scalar(select(func.count(LegalProcedure.household_id.distinct()))) or 0
    assert 0.07 <= with_debt / _housed_households(engine) <= 0.2
    assert 0.01 <= with_procedure / PREVENTION_DEMO_SIZE <= 0.05


def test_most_alerts_come_from_landlords_arrears_first(prevention_demo: PreventionDemo) -> None:
    alerts = _alerts(prevention_demo.engine)
    types = Counter(alert.alert_type.code for alert in alerts)
    inbound = [alert for alert in alerts if alert.direction == "to_association"]
    assert 0.65 <= len(inbound) / len(alerts) <= 0.9
    ranked = [code for code, _count in Counter(alert.alert_type.code for alert in inbound).most_common()]
    assert ranked[:2] == ["impaye", "trouble_voisinage"]
    assert {"perte_contact", "defaut_entretien", "procedure_engagee"} <= set(ranked)
    assert types["probleme_technique"] > types["demande_intervention"] > 0
    for alert in alerts:
        assert alert.direction == alert.alert_type.direction
        assert alert.description
        assert (alert.amount_cents is not None) == (alert.alert_type.code == "impaye"), alert.id
        assert alert.amount_cents is None or alert.amount_cents > 0
    assert len({alert.channel for alert in alerts}) >= 4
    assert len({alert.severity for alert in alerts}) == 4


# ------------------------------------------------------------------------------------------- state machine


def test_statuses_are_reached_through_dated_allowed_steps(prevention_demo: PreventionDemo) -> None:
    today_starts = _today_starts()
    for alert in _alerts(prevention_demo.engine):
        steps = alert.steps
        assert steps[0].from_status is None and steps[0].to_status is S.NOUVEAU
        assert steps[0].at == alert.received_at
        for before, after in pairwise(steps):
            assert after.from_status is before.to_status
            assert after.to_status in ALLOWED[before.to_status], (alert.id, before.to_status, after.to_status)
            assert before.at <= after.at
        assert steps[-1].to_status is alert.status
        assert steps[-1].at < today_starts
        assert all(step.staff_member_id is not None for step in steps)
        acknowledged = [step.at for step in steps if step.to_status is S.PRIS_EN_COMPTE]
        treated = [step.at for step in steps if step.to_status is S.EN_TRAITEMENT]
        assert alert.acknowledged_at == (acknowledged[0] if acknowledged else None)
        assert alert.first_action_at == (treated[0] if treated else None)
        if alert.status in CLOSED:
            assert alert.closed_at == steps[-1].at and alert.outcome
        else:
            assert alert.closed_at is None and not alert.outcome
        escalations = [step for step in steps if step.to_status is S.ESCALADE]
        assert all(step.escalation_level in {"N1", "N2", "N3"} and step.escalation_target for step in escalations)
        assert alert.escalation_level == (escalations[-1].escalation_level if escalations else "")
        assert alert.escalation_target == (escalations[-1].escalation_target if escalations else "")
        assert alert.created_at >= alert.received_at


def test_deadlines_are_working_days_after_the_day_of_receipt(prevention_demo: PreventionDemo) -> None:
    for alert in _alerts(prevention_demo.engine):
        received = _local(alert.received_at)
        assert received.weekday() < 5 and 8 <= received.hour < 19
        assert alert.acknowledge_due_on == add_working_days(
            received.date(), alert.alert_type.acknowledge_days, territory=METROPOLE
        )
        assert alert.action_due_on == add_working_days(
            received.date(), alert.alert_type.action_days, territory=METROPOLE
        )
        assert alert.deadline_source == DEFAULT_SOURCE


def test_most_are_closed_the_recent_ones_open_some_acknowledged_late(prevention_demo: PreventionDemo) -> None:
    alerts = _alerts(prevention_demo.engine)
    year_ago = _today_starts() - timedelta(days=365)
    assert all(alert.status in CLOSED for alert in alerts if alert.received_at < year_ago)
    statuses = Counter(alert.status for alert in alerts)
    assert statuses[S.RESOLU] > statuses[S.CLOS_SANS_SUITE] > 0
    assert (statuses[S.RESOLU] + statuses[S.CLOS_SANS_SUITE]) / len(alerts) > 0.9
    assert sum(statuses[status] for status in OPEN) >= 10
    assert statuses[S.EN_TRAITEMENT] > 0
    late = [
        alert
        for alert in alerts
        if alert.acknowledged_at is not None and _local(alert.acknowledged_at).date() > alert.acknowledge_due_on
    ]
    assert 0.08 <= len(late) / len(alerts) <= 0.35
    counts = prevention_demo.lead.alerts.counts()
    assert counts.open == sum(statuses[status] for status in OPEN)
    assert counts.overdue_acknowledge + counts.overdue_action >= 2


def test_actions_belong_to_alerts_in_treatment(prevention_demo: PreventionDemo) -> None:
    alerts = _alerts(prevention_demo.engine)
    for alert in alerts:
        if alert.first_action_at is None:
            assert not alert.actions, alert.id
            continue
        assert alert.actions, alert.id
        assert min(action.at for action in alert.actions) == alert.first_action_at
        last = alert.closed_at or _today_starts()
        assert all(alert.first_action_at <= action.at <= last for action in alert.actions)
        assert all(action.note and action.staff_member_id is not None for action in alert.actions)
    assert sum(len(alert.actions) for alert in alerts) > len(alerts)


def test_steps_and_actions_are_numbered_together_in_time_order(prevention_demo: PreventionDemo) -> None:
    for alert in _alerts(prevention_demo.engine):
        history = sorted([(step.seq, step.at) for step in alert.steps] + [(a.seq, a.at) for a in alert.actions])
        assert [seq for seq, _at in history] == list(range(1, len(history) + 1)), alert.id
        assert [at for _seq, at in history] == sorted(at for _seq, at in history), alert.id


def test_recurrences_point_to_an_earlier_closed_alert_of_the_household(prevention_demo: PreventionDemo) -> None:
    alerts = _alerts(prevention_demo.engine)
    by_id = {alert.id: alert for alert in alerts}
    recurrences = [alert for alert in alerts if alert.related_alert_id is not None]
    assert 0.02 <= len(recurrences) / len(alerts) <= 0.15
    for alert in recurrences:
        earlier = by_id[alert.related_alert_id]  # type: ignore[index]
        assert earlier.household_id == alert.household_id
        assert earlier.closed_at is not None and earlier.closed_at < alert.received_at


def test_alerts_concern_the_dwelling_lived_in_and_its_landlord(prevention_demo: PreventionDemo) -> None:
    engine = prevention_demo.engine
    with Session(engine) as session:
        occupancies = defaultdict(list)
        for occupancy in session.scalars(select(Occupancy)):
            occupancies[(occupancy.household_id, occupancy.dwelling_id)].append(occupancy)
        landlord_of = dict(session.execute(select(Dwelling.id, Dwelling.landlord_id)).all())
        organisation_of = dict(session.execute(select(PartnerContact.id, PartnerContact.organisation_id)).all())
    for alert in _alerts(engine):
        assert landlord_of[alert.dwelling_id] == alert.landlord_id
        day = _local(alert.received_at).date()
        periods = occupancies[(alert.household_id, alert.dwelling_id)]
        assert any(item.start_date <= day and (item.end_date is None or day <= item.end_date) for item in periods)
        if alert.partner_contact_id is not None:
            assert organisation_of[alert.partner_contact_id] == alert.landlord_id


def test_texts_speak_of_housing_never_of_health_or_justice(prevention_demo: PreventionDemo) -> None:
    texts: set[str] = set()
    for alert in _alerts(prevention_demo.engine):
        texts.update((alert.description, alert.outcome))
        texts.update(step.note for step in alert.steps)
        texts.update(action.note for action in alert.actions)
    with Session(prevention_demo.engine) as session:
        for model in (Debt, RepaymentPlan, Payment, LegalProcedure, ProcedureStageEntry, ProcedureSuspension):
            texts.update(session.scalars(select(model.note)))  # type: ignore[attr-defined]
    flagged = sorted(text for text in texts if FORBIDDEN.search(text))
    assert not flagged
    assert len(texts) > 60


def test_the_current_user_finds_open_alerts_of_their_households(prevention_demo: PreventionDemo) -> None:
    alerts = prevention_demo.services.alerts
    mine = alerts.inbox(AlertFilter(mine=True))
    assert 3 <= len(mine) <= 25
    assert all(row.status in OPEN and row.household_name for row in mine)
    every = prevention_demo.lead.alerts.inbox(AlertFilter(status=None, limit=500))
    assert len(every) == 500
    assert alerts.inbox(AlertFilter(overdue_only=True))


def test_the_services_read_what_the_demo_wrote(prevention_demo: PreventionDemo) -> None:
    """The views of the Alertes and Dettes et procédure tabs load every demo household that has something."""
    services = prevention_demo.lead
    engine = prevention_demo.engine
    with Session(engine) as session:
        with_debts = set(session.scalars(select(Debt.household_id)))
        with_procedures = set(session.scalars(select(LegalProcedure.household_id)))
        with_alerts = sorted(set(session.scalars(select(Alert.household_id))))[:60]
    resumed = 0
    for household_id in with_debts:
        debts = services.debts.debts_for(household_id)
        assert debts
        resumed += services.debts.regular_payment_resumed(household_id)
    assert resumed > 0
    for household_id in with_procedures:
        assert services.procedures.procedures_for(household_id)
    for household_id in with_alerts:
        rows = services.alerts.for_household(household_id)
        assert rows
        assert services.alerts.alert(rows[0].id).steps


def test_demo_mediations_gather_the_three_parties_with_an_agreement_and_a_follow_up(
    prevention_demo: PreventionDemo,
) -> None:
    from caseworker.domain import AlertActionKind, Party
    from caseworker.models import AlertAction, AlertMediation, HouseholdMembership

    engine = prevention_demo.engine
    with Session(engine) as session:
        actions = list(session.scalars(select(AlertAction).where(AlertAction.kind == AlertActionKind.MEDIATION)))
        mediations = {m.action_id: m for m in session.scalars(select(AlertMediation))}
        assert actions and len(mediations) == len(actions)  # every mediation action has its record
        for action in actions:
            mediation = mediations[action.id]
            parties = {participant.party for participant in mediation.participants}
            assert {Party.MENAGE, Party.BAILLEUR, Party.ASSOCIATION} <= parties
            assert mediation.agreement and mediation.follow_up_on > action.at.date()
            for participant in mediation.participants:
                if participant.person_id is not None:
                    member = session.scalar(
                        select(HouseholdMembership.id).where(
                            HouseholdMembership.person_id == participant.person_id,
                            HouseholdMembership.household_id == action.alert.household_id,
                        )
                    )
                    assert member is not None
                if participant.partner_contact_id is not None and participant.party is Party.BAILLEUR:
                    assert participant.partner_contact.organisation_id == action.alert.landlord_id
        sample = actions[0].alert_id
    view = prevention_demo.services.alerts.alert(sample)
    shown = [action.mediation for action in view.actions if action.mediation is not None]
    assert shown and all(len(m.participants) >= 3 for m in shown)


# ------------------------------------------------------------------------------------------- debts and plans


def test_rent_debts_follow_an_arrears_alert_of_the_same_landlord(prevention_demo: PreventionDemo) -> None:
    alerts = _alerts(prevention_demo.engine)
    arrears = defaultdict(list)
    for alert in alerts:
        if alert.alert_type.code == "impaye":
            arrears[(alert.household_id, alert.landlord_id)].append(_local(alert.received_at).date())
    with Session(prevention_demo.engine) as session:
        debts = list(session.scalars(select(Debt)))
    rent = [debt for debt in debts if debt.is_rent]
    assert rent and len(rent) > len(debts) - len(rent)
    for debt in rent:
        assert debt.creditor_id is not None
        assert any(day <= debt.as_of for day in arrears[(debt.household_id, debt.creditor_id)]), debt.id
        assert debt.period_start is not None and debt.period_end is not None
        assert debt.period_start <= debt.period_end < debt.as_of < TODAY
        assert debt.settled_on is None or debt.as_of <= debt.settled_on < TODAY
        assert debt.amount_cents > 0
    for debt in debts:
        if not debt.is_rent:
            assert debt.creditor_id is None and debt.creditor_name
    assert any(debt.settled_on is not None for debt in rent)
    assert any(debt.settled_on is None for debt in rent)


def test_plan_payments_fall_within_the_plan(prevention_demo: PreventionDemo) -> None:
    with Session(prevention_demo.engine) as session:
        plans = list(
            session.scalars(
                select(RepaymentPlan).options(
                    selectinload(RepaymentPlan.payments), selectinload(RepaymentPlan.debt).selectinload(Debt.plans)
                )
            )
        )
    assert len(plans) >= 10
    on_time = late = missed = 0
    for plan in plans:
        assert plan.start_month.day == 1 and plan.agreed_on < plan.start_month < TODAY
        assert plan.agreed_on >= plan.debt.as_of
        assert plan.instalment_cents > 0 and plan.rent_due_cents > 0 and plan.months > 0
        assert plan.instalment_cents * plan.months >= plan.debt.amount_cents or plan.debt.plans[0] is not plan
        last_month = plan.start_month + relativedelta(months=plan.months - 1)
        if plan.ended_on is not None:
            assert plan.end_reason and plan.agreed_on < plan.ended_on < TODAY
        months = [payment.month for payment in plan.payments]
        assert len(months) == len(set(months))
        for payment in plan.payments:
            assert plan.start_month <= payment.month <= last_month
            assert plan.ended_on is None or payment.month <= plan.ended_on
            assert payment.month <= payment.paid_on < TODAY
            assert payment.amount_cents >= plan.rent_due_cents
            month_end = payment.month + relativedelta(months=1) - timedelta(days=1)
            in_full = payment.amount_cents >= plan.rent_due_cents + min(plan.instalment_cents, 1)
            if payment.paid_on <= month_end and in_full:
                on_time += 1
            else:
                late += 1
        due_months = 0
        month = plan.start_month
        limit = min(plan.ended_on or TODAY, TODAY)
        while month + relativedelta(months=1) <= limit.replace(day=1) and month <= last_month:
            due_months += 1
            month += relativedelta(months=1)
        missed += max(due_months - len(months), 0)
    total = on_time + late + missed
    assert on_time / total > 0.7
    assert late > 0 and missed > 0
    reasons = Counter(plan.end_reason.split(":")[0].strip() for plan in plans if plan.ended_on is not None)
    assert reasons["Dette soldée"] > 0 and reasons["Plan non respecté"] > 0


# ------------------------------------------------------------------------------------------- procedures


def _procedures(engine: Engine) -> list[LegalProcedure]:
    with Session(engine) as session:
        return list(
            session.scalars(
                select(LegalProcedure).options(
                    selectinload(LegalProcedure.stages), selectinload(LegalProcedure.suspensions)
                )
            )
        )


def test_procedure_stages_move_forward_and_never_during_a_suspension(prevention_demo: PreventionDemo) -> None:
    procedures = _procedures(prevention_demo.engine)
    assert len(procedures) >= 5
    grounds: Counter[SuspensionGround] = Counter()
    for procedure in procedures:
        stages = procedure.stages
        assert stages[0].stage is G.IMPAYE_CONSTATE and stages[0].on == procedure.opened_on
        for before, after in pairwise(stages):
            assert STAGES.index(before.stage) < STAGES.index(after.stage), procedure.id
            assert before.on <= after.on
        assert not any(stage.is_correction for stage in stages)
        assert stages[-1].on < TODAY
        if procedure.outcome is not None:
            assert procedure.outcome_on is not None and stages[-1].on <= procedure.outcome_on < TODAY
        else:
            assert procedure.outcome_on is None
        for suspension in procedure.suspensions:
            grounds[suspension.ground] += 1
            assert procedure.opened_on <= suspension.start_date <= suspension.end_date
            assert suspension.start_date < TODAY
            reached = [stage.stage for stage in stages if stage.on <= suspension.start_date]
            assert suspension.stage_at_suspension is reached[-1]
            assert not any(suspension.start_date < stage.on <= suspension.end_date for stage in stages)
            if suspension.ground is SuspensionGround.PLATEFORME:
                assert suspension.end_date <= suspension.start_date + relativedelta(months=4)
            if procedure.outcome_on is not None:
                assert suspension.end_date <= procedure.outcome_on
        for stage in stages:
            if stage.stage in (G.CONCOURS_FORCE_PUBLIQUE, G.EXPULSION):
                assert winter_truce(stage.on) is None
        for first, second in pairwise(sorted(procedure.suspensions, key=lambda item: item.start_date)):
            assert first.end_date < second.start_date
    assert grounds[SuspensionGround.PLATEFORME] > 0
    assert len(grounds) >= 3


def test_every_court_termination_of_the_history_has_its_procedure(prevention_demo: PreventionDemo) -> None:
    engine = prevention_demo.engine
    with Session(engine) as session:
        rows = session.execute(
            select(Occupancy.household_id, Occupancy.dwelling_id, Occupancy.start_date, OccupancyChangeReason.code)
            .join(OccupancyChangeReason, OccupancyChangeReason.id == Occupancy.change_reason_id)
            .where(OccupancyChangeReason.code.in_(["resiliation", "expulsion"]))
        ).all()
    by_household = defaultdict(list)
    for procedure in _procedures(engine):
        by_household[procedure.household_id].append(procedure)
    terminations = [row for row in rows if row[3] == "resiliation"]
    assert terminations
    for household_id, dwelling_id, start, _reason in terminations:
        found = [item for item in by_household[household_id] if item.dwelling_id == dwelling_id]
        assert len(found) == 1, household_id
        stages = {stage.stage: stage.on for stage in found[0].stages}
        assert stages[G.RESILIATION] == stages[G.OCCUPANT_SANS_TITRE] == start
    for household_id, _dwelling_id, start, _reason in (row for row in rows if row[3] == "expulsion"):
        assert winter_truce(start) is None
        evicted = [item for item in by_household[household_id] if item.outcome is ProcedureOutcome.EXPULSION]
        assert [item.outcome_on for item in evicted] == [start]
    early = [
        item
        for items in by_household.values()
        for item in items
        if all(stage.stage is not G.RESILIATION for stage in item.stages)
    ]
    assert early, "some procedures stop before the court's decision"


def test_a_summons_comes_with_an_alert_from_the_landlord(prevention_demo: PreventionDemo) -> None:
    alerts = _alerts(prevention_demo.engine)
    summoned = {alert.household_id for alert in alerts if alert.alert_type.code == "procedure_engagee"}
    households = {
        procedure.household_id
        for procedure in _procedures(prevention_demo.engine)
        if any(stage.stage is G.ASSIGNATION for stage in procedure.stages)
    }
    assert summoned and summoned <= households


# ------------------------------------------------------------------------------------------- determinism


def _fingerprint(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with Session(engine) as session:
        return {
            "alert": [
                tuple(row)
                for row in session.execute(
                    select(
                        Alert.id,
                        AlertType.code,
                        Alert.received_at,
                        Alert.status,
                        Alert.description,
                        Alert.related_alert_id,
                        Alert.acknowledged_at,
                        Alert.closed_at,
                    )
                    .join(AlertType, AlertType.id == Alert.alert_type_id)
                    .order_by(Alert.id)
                )
            ],
            "step": [
                tuple(row) for row in session.execute(select(AlertStep.alert_id, AlertStep.at, AlertStep.to_status))
            ],
            "action": [tuple(row) for row in session.execute(select(AlertAction.alert_id, AlertAction.at))],
            "debt": [tuple(row) for row in session.execute(select(Debt.household_id, Debt.amount_cents, Debt.as_of))],
            "payment": [tuple(row) for row in session.execute(select(Payment.plan_id, Payment.month, Payment.paid_on))],
            "stage": [
                tuple(row) for row in session.execute(select(ProcedureStageEntry.procedure_id, ProcedureStageEntry.on))
            ],
        }


def test_same_seed_gives_the_same_alerts_debts_and_procedures(database: Database, other_database: Database) -> None:
    first = generate_demo(database.engine, households=150, seed=21, today=TODAY)
    second = generate_demo(other_database.engine, households=150, seed=21, today=TODAY)
    assert (first.alerts, first.debts, first.procedures) == (second.alerts, second.debts, second.procedures)
    assert first.alerts > 0
    assert _fingerprint(database.engine) == _fingerprint(other_database.engine)


def test_another_seed_gives_other_alerts(database: Database, other_database: Database) -> None:
    generate_demo(database.engine, households=60, seed=1, today=TODAY)
    generate_demo(other_database.engine, households=60, seed=2, today=TODAY)
    assert _fingerprint(database.engine)["alert"] != _fingerprint(other_database.engine)["alert"]


def test_histories_end_before_today(database: Database) -> None:
    today = date(2025, 12, 10)  # in the winter truce: current procedures are suspended, none evicts
    generate_demo(database.engine, households=300, seed=4, today=today)
    starts = datetime.combine(today, datetime.min.time(), tzinfo=PARIS)
    with Session(database.engine) as session:
        assert session.scalar(select(func.max(Alert.received_at))) < starts  # type: ignore[operator]
        assert session.scalar(select(func.max(AlertStep.at))) < starts  # type: ignore[operator]
        assert session.scalar(select(func.max(AlertAction.at))) < starts  # type: ignore[operator]
        assert session.scalar(select(func.max(Payment.paid_on))) < today  # type: ignore[operator]
        assert session.scalar(select(func.max(ProcedureStageEntry.on))) < today  # type: ignore[operator]
        expulsions = session.scalars(
            select(ProcedureStageEntry.on).where(ProcedureStageEntry.stage == G.EXPULSION)
        ).all()
        assert all(winter_truce(day) is None for day in expulsions)
