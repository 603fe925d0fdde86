"""Eviction procedures of demo households: the stages, the suspensions and how each one ended.

Every court termination of the occupancy history (docs/domain.md §3.2 "résiliation") has its procedure, whose
stages move forward to that day and then to the eviction, the lease takeover, the rehousing or the departure the
history shows; a few procedures open for a debt stop earlier (§3.5). Suspensions follow the rules of §3.5: a
plateforme lasts at most four months, no eviction happens during the winter truce.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from caseworker.demo.draws import weighted
from caseworker.demo.prevention.alerts import draft_alert, euros
from caseworker.demo.prevention.debts import DebtPlanner
from caseworker.demo.prevention.moments import DAY, OPENS, Moments
from caseworker.demo.prevention.plans import AlertPlan, Debt, Procedure, Stay
from caseworker.demo.prevention.reference import PreventionReference
from caseworker.demo.prevention.tables import (
    BEHAVIOURS,
    EARLY_STOPS,
    HOUSED_AFTER,
    PROCEDURE_NOTES,
    STAGE_GAPS,
    STAGE_NOTES,
    SUSPENSION_NOTES,
)
from caseworker.demo.prevention.teams import ChunkTeams
from caseworker.demo.prevention.writer import PreventionRows
from caseworker.domain import ProcedureOutcome, ProcedureStage, SuspensionGround
from caseworker.services.calendar import winter_truce

G = ProcedureStage


class ProcedurePlanner:
    """Invents the procedures of a household's stays, and queues their rows."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        *,
        reference: PreventionReference,
        housed_statuses: frozenset[str],
        debts: DebtPlanner,
        moments: Moments,
        teams: ChunkTeams,
        queue: PreventionRows,
    ) -> None:
        self._rng = rng
        self._today = today
        self._yesterday = today - timedelta(days=1)
        self._ref = reference
        self._types = reference.alert_types
        self._housed = housed_statuses
        self._debts = debts
        self._moments = moments
        self._teams = teams
        self._queue = queue

    def eviction(
        self,
        stay: Stay,
        alerts: list[AlertPlan],
        debts: list[tuple[Debt, list[tuple[Any, ...]]]],
        procedures: list[Procedure],
    ) -> None:
        """The procedure behind a court termination of the history, from the arrears to what followed."""
        rng = self._rng
        index = next(i for i, p in enumerate(stay.periods) if p.reason == "resiliation")
        termination = stay.periods[index].start
        tenancy_start = stay.periods[index - 1].start if index else stay.start
        opened = max(termination - timedelta(days=rng.randint(240, 600)), tenancy_start + timedelta(days=30))
        if (termination - opened).days < 60:
            opened = tenancy_start + timedelta(days=max((termination - tenancy_start).days // 3, 1))
        origin_day = max(opened.toordinal() - rng.randint(10, 40), stay.start.toordinal() + 1)
        received = self._moments.received(origin_day, termination.toordinal() - 1)
        if received is None:
            return
        origin = draft_alert(self._rng, self._types["impaye"], received, stay, True)
        origin.amount_cents = max(origin.amount_cents or 0, 2 * stay.monthly_cents)
        origin.description = rng.choice(BEHAVIOURS["impaye"].descriptions[1:]).replace(
            "{amount}", euros(origin.amount_cents)
        )
        alerts.append(origin)
        debt = self._debts.debt(stay, origin)
        debt.as_of = min(debt.as_of, opened)
        plans = self._debts.plans(debt, origin, alerts, doomed=True) if rng.random() < 0.4 else []
        debts.append((debt, plans))
        procedure = Procedure(stay, opened)
        chain: list[tuple[Any, ...]] = [("stage", G.IMPAYE_CONSTATE, 0)]
        for stage in (G.RELANCES, G.PRECONTENTIEUX, G.COMMANDEMENT_DE_PAYER, G.ASSIGNATION, G.AUDIENCE):
            if stage in (G.RELANCES, G.COMMANDEMENT_DE_PAYER, G.PRECONTENTIEUX) and rng.random() < 0.15:
                continue
            chain.append(("stage", stage, rng.randint(*STAGE_GAPS[stage])))
            if stage is G.PRECONTENTIEUX and rng.random() < 0.35:
                chain.append(("suspension", SuspensionGround.PLATEFORME, rng.randint(5, 20), rng.randint(45, 120)))
        room = (termination - opened).days - 1
        total = sum(item[2] + (item[3] if item[0] == "suspension" else 0) for item in chain)
        scale = min(1.0, room / total) if total else 1.0
        self._lay_out(procedure, chain, scale, termination - timedelta(days=1), clamp=True)
        procedure.stages.append((G.RESILIATION, termination))
        procedure.stages.append((G.OCCUPANT_SANS_TITRE, termination))
        self._after_termination(procedure, stay, termination, stay.periods[index].end)
        procedures.append(procedure)
        self.procedure_alert(procedure, alerts)

    def _after_termination(self, procedure: Procedure, stay: Stay, termination: date, end: date | None) -> None:
        """Stages after the termination, up to what the occupancy history shows next."""
        rng = self._rng
        following = stay.next_period if end is not None and end == stay.end else None
        if end is not None and following is None and end != stay.end:
            following = next((p for p in stay.periods if p.start == end + timedelta(days=1)), None)
        last = self._yesterday if end is None else end + timedelta(days=1)
        span = (last - termination).days
        reason = following.reason if following is not None else ""
        if reason == "expulsion" or (end is None and span > 45):
            order = rng.uniform(0.15, 0.35) if reason == "expulsion" else rng.uniform(0.3, 0.9)
            ordered = termination + timedelta(days=max(1, int(span * order)))
            if ordered < last:
                procedure.stages.append((G.COMMANDEMENT_DE_QUITTER, ordered))
        if reason == "expulsion":
            force = termination + timedelta(days=max(2, int(span * rng.uniform(0.55, 0.85))))
            truce = winter_truce(force)
            if truce is not None:
                force = truce[1] + timedelta(days=1) if truce[1] + timedelta(days=1) < last else truce[0] - timedelta(1)
            if procedure.stages[-1][1] < force < last:
                procedure.stages.append((G.CONCOURS_FORCE_PUBLIQUE, force))
            self._winter_truces(procedure, last)
            procedure.stages.append((G.EXPULSION, last))
            procedure.outcome, procedure.outcome_on = ProcedureOutcome.EXPULSION, last
        elif reason == "reprise_bail":
            start = max(termination + timedelta(days=1), last - timedelta(days=rng.randint(20, 60)))
            procedure.suspensions.append((SuspensionGround.PROTOCOLE, start, last, procedure.stages[-1][0]))
            procedure.outcome, procedure.outcome_on = ProcedureOutcome.NOUVEAU_BAIL, last
        elif following is not None:
            self._winter_truces(procedure, last)
            housed = following.reason in HOUSED_AFTER or following.status in self._housed
            procedure.outcome = ProcedureOutcome.RELOGEMENT if housed else ProcedureOutcome.DEPART_VOLONTAIRE
            procedure.outcome_on = last
        elif end is None:
            self._winter_truces(procedure, self._today)
            truce = winter_truce(self._today)
            if truce is None and rng.random() < 0.5:
                ground = rng.choice((SuspensionGround.PROTOCOLE, SuspensionGround.MEDIATION, SuspensionGround.AUTRE))
                start = max([procedure.stages[-1][1], *(item[2] for item in procedure.suspensions)]) + timedelta(days=1)
                start = max(start, self._yesterday - timedelta(days=rng.randint(5, 60)))
                if start <= self._yesterday:
                    ending = start + timedelta(days=rng.randint(60, 180))
                    procedure.suspensions.append((ground, start, ending, procedure.stages[-1][0]))

    def _winter_truces(self, procedure: Procedure, until: date) -> None:
        """Winter truces between the order to leave and ``until`` (the stage in force when each began)."""
        ordered = next((day for stage, day in procedure.stages if stage is G.COMMANDEMENT_DE_QUITTER), None)
        if ordered is None:
            return
        year = ordered.year if ordered.month >= 4 else ordered.year - 1
        while True:
            start, end = date(year, 11, 1), date(year + 1, 3, 31)
            year += 1
            if start >= until or start > self._yesterday:
                return
            if end < ordered:
                continue
            begun = max(start, ordered + timedelta(days=1))
            stage = [item for item, day in procedure.stages if day <= begun][-1]
            if any(begun < day <= end for _stage, day in procedure.stages):
                continue  # a stage reached during the truce: not an eviction step (it was moved out of it)
            procedure.suspensions.append((SuspensionGround.TREVE_HIVERNALE, begun, end, stage))

    def early_procedure(self, stay: Stay, debt: Debt, plans: list[tuple[Any, ...]]) -> Procedure | None:
        """A procedure opened for a debt that stops before the court's decision."""
        rng = self._rng
        opened = debt.as_of + timedelta(days=rng.randint(20, 120))
        stay_last = min(stay.end or self._yesterday, self._yesterday)
        cutoff = min(stay_last, debt.settled_on or stay_last)
        if opened >= cutoff:
            return None
        procedure = Procedure(stay, opened)
        stop = weighted(rng, EARLY_STOPS)
        chain: list[tuple[Any, ...]] = [("stage", G.IMPAYE_CONSTATE, 0)]
        for stage in (G.RELANCES, G.PRECONTENTIEUX, G.COMMANDEMENT_DE_PAYER, G.ASSIGNATION, G.AUDIENCE):
            if stage is G.COMMANDEMENT_DE_PAYER and stop is not stage and rng.random() < 0.3:
                continue
            chain.append(("stage", stage, rng.randint(*STAGE_GAPS[stage])))
            if stage is G.PRECONTENTIEUX and rng.random() < 0.3:
                chain.append(("suspension", SuspensionGround.PLATEFORME, rng.randint(5, 20), rng.randint(30, 120)))
            if stage is G.AUDIENCE and rng.random() < 0.6:
                chain.append(("suspension", SuspensionGround.DELAIS_JUGE, rng.randint(10, 30), rng.randint(365, 730)))
            if stage is stop:
                break
        pause: tuple[date, date, bool] | None = None
        if plans:
            # The landlord waits while the plan runs; it goes on only if the plan failed with a debt left.
            first = plans[0]
            plan_start = date.fromisoformat(first[4])
            planned = plan_start + relativedelta(months=first[5]) - timedelta(days=1)
            ended = date.fromisoformat(first[8]) if first[8] else None
            resumes = ended is not None and debt.settled_on is None and first[9] != "Départ du logement."
            if plan_start > opened:
                pause = (plan_start, ended or planned, resumes)
        self._lay_out(procedure, chain, 1.0, cutoff, pause=pause)
        if not procedure.stages:
            return None
        last_stage = procedure.stages[-1][1]
        if debt.settled_on is not None and debt.settled_on >= last_stage and debt.settled_on <= stay_last:
            procedure.outcome, procedure.outcome_on = ProcedureOutcome.DETTE_APUREE, debt.settled_on
        elif stay.end is not None and stay.end <= self._yesterday:
            housed = stay.next_period is not None and stay.next_period.status in self._housed
            procedure.outcome = ProcedureOutcome.RELOGEMENT if housed else ProcedureOutcome.DEPART_VOLONTAIRE
            procedure.outcome_on = max(stay.end, last_stage)
        elif (self._yesterday - last_stage).days > 540 and rng.random() < 0.6:
            procedure.outcome = ProcedureOutcome.ABANDONNEE
            procedure.outcome_on = last_stage + timedelta(days=rng.randint(180, 540))
        if procedure.outcome_on is not None:
            ending = procedure.outcome_on
            procedure.suspensions = [
                (ground, start, min(end, ending), stage)
                for ground, start, end, stage in procedure.suspensions
                if start <= ending
            ]
        return procedure

    def _lay_out(
        self,
        procedure: Procedure,
        chain: list[tuple[Any, ...]],
        scale: float,
        cutoff: date,
        *,
        clamp: bool = False,
        pause: tuple[date, date, bool] | None = None,
    ) -> None:
        """Place stages and suspensions one after the other from the opening; nothing starts after ``cutoff``.

        A stage never falls inside a suspension; a plateforme lasts four months at most (docs/domain.md §3.5).
        ``clamp``: no suspension lasts beyond ``cutoff`` either. ``pause``: a repayment plan (first month, end,
        whether the procedure goes on after it) suspends the procedure when it starts.
        """
        day = procedure.opened
        for item in chain:
            gap = item[2] if item[2] == 0 else max(1, int(item[2] * scale))
            if pause is not None and procedure.stages and day + timedelta(days=gap) > pause[0]:
                start, end, resumes = max(pause[0], day + timedelta(days=1)), pause[1], pause[2]
                pause = None
                if start > cutoff or end < start:
                    return
                procedure.suspensions.append((SuspensionGround.PLAN_RESPECTE, start, end, procedure.stages[-1][0]))
                if not resumes:
                    return
                day = end
            day += timedelta(days=gap)
            if day > cutoff:
                return
            if item[0] == "stage":
                procedure.stages.append((item[1], day))
                continue
            if not procedure.stages:
                continue
            ground: SuspensionGround = item[1]
            end = day + timedelta(days=max(1, int(item[3] * scale)))
            if ground is SuspensionGround.PLATEFORME:
                end = min(end, day + relativedelta(months=4))
            if clamp:
                end = min(end, cutoff)
            procedure.suspensions.append((ground, day, end, procedure.stages[-1][0]))
            day = end

    def procedure_alert(self, procedure: Procedure, alerts: list[AlertPlan]) -> None:
        """The landlord tells the association when the household is summoned."""
        summoned = next((day for stage, day in procedure.stages if stage is G.ASSIGNATION), None)
        if summoned is None:
            return
        last = min(procedure.stay.end or self._yesterday, self._yesterday)
        received = self._moments.received(summoned.toordinal() + self._rng.randint(0, 7), last.toordinal())
        if received is not None:
            alerts.append(draft_alert(self._rng, self._types["procedure_engagee"], received, procedure.stay, True))

    def queue(self, household_id: int, procedure: Procedure) -> None:
        """Queue the procedure with its stages (recorded by the lawyer or the coordinator) and suspensions."""
        rng = self._rng
        procedure_id = self._queue.next_id("legal_procedure")
        stay = procedure.stay
        self._queue.rows["legal_procedure"].append(
            (
                procedure_id,
                household_id,
                stay.landlord_id,
                stay.dwelling_id,
                procedure.opened.isoformat(),
                procedure.outcome.name if procedure.outcome else None,
                procedure.outcome_on.isoformat() if procedure.outcome_on else None,
                rng.choice(PROCEDURE_NOTES),
                self._moments.utc_text(procedure.opened.toordinal() * DAY + OPENS + rng.randint(0, 540)),
            )
        )
        for stage, day in procedure.stages:
            staff = rng.choice(self._ref.lawyers) if self._ref.lawyers and rng.random() < 0.5 else None
            if staff is None:
                staff = self._teams.staff_on(household_id, day.toordinal(), lead_share=0.0)
            moment = day.toordinal() * DAY + OPENS + rng.randint(0, 540)
            self._queue.rows["procedure_stage"].append(
                (
                    self._queue.next_id("procedure_stage"),
                    procedure_id,
                    stage.name,
                    day.isoformat(),
                    STAGE_NOTES[stage],
                    0,
                    self._moments.utc_text(min(moment, self._moments.horizon)),
                    staff,
                )
            )
        for ground, start, end, stage in procedure.suspensions:
            self._queue.rows["procedure_suspension"].append(
                (
                    self._queue.next_id("procedure_suspension"),
                    procedure_id,
                    ground.name,
                    start.isoformat(),
                    end.isoformat(),
                    stage.name,
                    SUSPENSION_NOTES[ground],
                    self._moments.utc_text(
                        min(start.toordinal() * DAY + OPENS + rng.randint(0, 540), self._moments.horizon)
                    ),
                )
            )
