"""Alerts between landlords and the association: what arrives, and the dated walk of each one to today.

Each alert walks the state machine of docs/domain.md §3.3 with dated steps: acknowledged (sometimes after its
deadline), first action, perhaps an escalation, then resolved or closed without follow-up; the walk is cut at
``today``, which leaves the recent alerts open. A recurrence points to the earlier alert it repeats; a
mediation seats the household, the landlord's contact and the association around a table.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from caseworker.demo.draws import Mix, cumulative, pick, weighted
from caseworker.demo.prevention.moments import DAY, Moments
from caseworker.demo.prevention.plans import AlertPlan, Stay
from caseworker.demo.prevention.reference import AlertTypeInfo, PreventionReference
from caseworker.demo.prevention.tables import (
    ACK_NOTES_IN,
    ACK_NOTES_OUT,
    ACTION_NOTES,
    BACK_NOTE,
    BEHAVIOURS,
    CHANNELS_IN,
    CHANNELS_OUT,
    DROPPED_REASONS,
    ESCALATION_LEVELS,
    ESCALATION_LEVELS_DEFAULT,
    ESCALATION_TARGETS,
    ESCALATION_TARGETS_OUT,
    EXTRA_ACTIONS,
    JOINT_ACK_NOTE,
    LEVELS,
    MEDIATION_AGREEMENTS,
    MEDIATION_GUESTS,
    MONTHS,
    RECURRENCE_DAYS,
    RECURRENCE_SHARE,
    VOID_REASONS,
)
from caseworker.demo.prevention.teams import ChunkTeams
from caseworker.demo.prevention.writer import PreventionRows
from caseworker.domain import AlertActionKind, AlertSeverity, AlertStatus, Party
from caseworker.domain.alerts import ACTION_LABELS
from caseworker.services.alerts import DEFAULT_SOURCE, ROUTING

S = AlertStatus
K = AlertActionKind
Step = tuple[AlertStatus, int, str, str, str]  # to, moment, note, escalation level, escalation target
Action = tuple[AlertActionKind, int]  # kind, moment


def draft_alert(rng: random.Random, alert_type: AlertTypeInfo, received: int, stay: Stay, arrears: bool) -> AlertPlan:
    """An alert of ``alert_type`` received at that moment, with its amount and description drawn."""
    plan = AlertPlan(alert_type, received, stay)
    behaviour = BEHAVIOURS[alert_type.code]
    template = rng.choice(behaviour.descriptions)
    if alert_type.code == "impaye":
        months = rng.choices((1, 2, 3, 4, 5, 6), weights=(30, 30, 20, 10, 6, 4))[0] if arrears else 1
        share = rng.uniform(0.6, 1.0) if arrears else rng.uniform(0.3, 1.0)
        plan.amount_cents = max(round(months * stay.monthly_cents * share), 5000)
        template = template.replace("{months}", MONTHS[months - 1])
    plan.description = template.replace("{amount}", euros(plan.amount_cents or 0))
    return plan


def euros(cents: int) -> str:
    """Print cents as :func:`caseworker.formats.format_amount` does ("1 250,00 €"), without Babel's cost."""
    whole = f"{cents // 100:,}".replace(",", "\u202f")
    return f"{whole},{cents % 100:02d}\u00a0€"


class AlertRows:
    """Draws the history of each alert of a household and queues its rows (steps and actions numbered together)."""

    def __init__(
        self,
        rng: random.Random,
        *,
        reference: PreventionReference,
        moments: Moments,
        teams: ChunkTeams,
        queue: PreventionRows,
    ) -> None:
        self._rng = rng
        self._ref = reference
        self._moments = moments
        self._teams = teams
        self._queue = queue
        self._channels_in = cumulative(CHANNELS_IN)
        self._channels_out = cumulative(CHANNELS_OUT)
        self._mixes: dict[str, tuple[Mix[Any], Mix[Any]]] = {
            code: (cumulative(b.actions), cumulative(b.severities)) for code, b in BEHAVIOURS.items()
        }

    def queue(self, household_id: int, alerts: list[AlertPlan]) -> None:
        """Queue a household's alerts in the order received, linking a recurrence to the alert it repeats."""
        last_of_type: dict[str, AlertPlan] = {}
        for plan in alerts:
            plan.id = self._queue.next_id("alert")
            if plan.related is None:
                earlier = last_of_type.get(plan.type.code)
                if (
                    earlier is not None
                    and earlier.closed is not None
                    and 0 < plan.received - earlier.closed < RECURRENCE_DAYS * DAY
                    and self._rng.random() < RECURRENCE_SHARE
                ):
                    plan.related = earlier
            self._queue_alert(household_id, plan)
            last_of_type[plan.type.code] = plan

    def _queue_alert(self, household_id: int, plan: AlertPlan) -> None:
        """Draw the alert's whole walk, cut it at the horizon (``today``) and queue the alert with its history."""
        rng = self._rng
        alert_type = plan.type
        code = alert_type.code
        severity_mix = self._mixes[code][1]
        outbound = alert_type.direction == "to_landlord"
        received = plan.received
        received_day = received // DAY
        acknowledge_due = self._moments.working_days_after(received_day, alert_type.acknowledge_days)
        action_due = self._moments.working_days_after(received_day, alert_type.action_days)
        steps, actions = self._walk(plan, acknowledge_due, action_due)
        horizon = self._moments.horizon
        if plan.force_open and steps[-1][0] in (S.RESOLU, S.CLOS_SANS_SUITE):
            horizon = min(horizon, steps[-1][1] - 1)
        kept = [step for step in steps if step[1] <= horizon]
        status = kept[-1][0] if kept else S.NOUVEAU
        acknowledged_at = next((moment for to, moment, *_ in kept if to is S.PRIS_EN_COMPTE), None)
        first_action_at = next((moment for to, moment, *_ in kept if to is S.EN_TRAITEMENT), None)
        closed_at = kept[-1][1] if status in (S.RESOLU, S.CLOS_SANS_SUITE) else None
        plan.closed = closed_at
        escalation = next(((level, target) for to, _m, _n, level, target in reversed(kept) if to is S.ESCALADE), None)
        contacts = self._ref.contacts.get(plan.stay.landlord_id, [])
        contact_id = self._contact_for(code, contacts) if rng.random() < 0.85 else None
        recorder = self._teams.staff_on(household_id, received_day, lead_share=0.0 if outbound else 0.4)
        if code == "impaye" and (plan.amount_cents or 0) > 3 * plan.stay.monthly_cents:
            severity = AlertSeverity.ELEVEE
        else:
            severity = pick(rng, severity_mix)
        channels = self._channels_out if outbound else self._channels_in
        related = plan.related
        self._queue.rows["alert"].append(
            (
                plan.id,
                alert_type.id,
                alert_type.direction,
                household_id,
                plan.stay.dwelling_id,
                plan.stay.landlord_id,
                contact_id,
                pick(rng, channels).name,
                severity.name,
                self._moments.utc_text(received),
                plan.description,
                plan.amount_cents,
                status.name,
                date.fromordinal(acknowledge_due).isoformat(),
                date.fromordinal(action_due).isoformat(),
                DEFAULT_SOURCE,
                self._moments.utc_text(acknowledged_at) if acknowledged_at is not None else None,
                self._moments.utc_text(first_action_at) if first_action_at is not None else None,
                self._moments.utc_text(closed_at) if closed_at is not None else None,
                kept[-1][2] if closed_at is not None else "",
                escalation[0] if escalation else "",
                escalation[1] if escalation else "",
                related.id
                if related is not None and related.closed is not None and related.closed < received
                else None,
                self._moments.utc_text(min(received + 2 + int(rng.random() * 60), self._moments.horizon)),
                recorder,
            )
        )
        self._queue_history(household_id, plan, kept, actions, recorder, contact_id)

    def _walk(self, plan: AlertPlan, acknowledge_due: int, action_due: int) -> tuple[list[Step], list[Action]]:
        """The alert's steps and actions from its arrival to its closing, as if nothing stopped at ``today``."""
        rng = self._rng
        alert_type = plan.type
        code = alert_type.code
        behaviour = BEHAVIOURS[code]
        outbound = alert_type.direction == "to_landlord"
        received = plan.received
        received_day = received // DAY
        steps: list[Step] = []
        actions: list[Action] = []
        draw = rng.random()
        void_share, quick_share = (0.03, 0.6) if code == "information" else (0.04, 0.08)
        if draw < void_share:
            closed = self._moments.at(self._moments.working_days_after(received_day, rng.randint(0, 2)), received)
            steps.append((S.CLOS_SANS_SUITE, closed, rng.choice(VOID_REASONS), "", ""))
        else:
            acknowledged = self._acknowledgement(received, acknowledge_due, alert_type.acknowledge_days)
            joint = draw >= void_share + quick_share and rng.random() < 0.2
            ack_note = JOINT_ACK_NOTE if joint else rng.choice(ACK_NOTES_OUT if outbound else ACK_NOTES_IN)
            steps.append((S.PRIS_EN_COMPTE, acknowledged, ack_note, "", ""))
            if draw < void_share + quick_share:
                resolved = self._moments.at(
                    self._moments.working_days_after(acknowledged // DAY, rng.randint(0, 5)), acknowledged
                )
                steps.append((S.RESOLU, resolved, rng.choice(behaviour.outcomes), "", ""))
            else:
                self._handled(plan, acknowledged, joint, action_due, steps, actions)
        return steps, actions

    def _handled(
        self,
        plan: AlertPlan,
        acknowledged: int,
        joint: bool,
        action_due: int,
        steps: list[Step],
        actions: list[Action],
    ) -> None:
        """From the first action to the resolution: perhaps an escalation (and back), then resolved or dropped."""
        rng = self._rng
        code = plan.type.code
        behaviour = BEHAVIOURS[code]
        action_mix = self._mixes[code][0]
        outbound = plan.type.direction == "to_landlord"
        first = acknowledged if joint else self._first_action(acknowledged, action_due)
        kind = pick(rng, action_mix)
        actions.append((kind, first))
        steps.append((S.EN_TRAITEMENT, first, ACTION_LABELS[kind], "", ""))
        cursor = first
        if rng.random() < behaviour.escalation:
            levels = ESCALATION_LEVELS.get(code, ESCALATION_LEVELS_DEFAULT)
            level = weighted(rng, levels)
            targets = ESCALATION_TARGETS_OUT if outbound else ESCALATION_TARGETS
            for _ in range(2 if rng.random() < 0.25 and level < 2 else 1):
                cursor = self._moments.at(cursor // DAY + rng.randint(5, 30), cursor)
                target = rng.choice(targets[LEVELS[level]])
                steps.append((S.ESCALADE, cursor, "", LEVELS[level], target))
                if LEVELS[level] == "N3" and not outbound:
                    actions.append((K.SAISINE_CCAPEX, cursor))
                level += 1
            if rng.random() < 0.4:
                cursor = self._moments.at(cursor // DAY + rng.randint(10, 40), cursor)
                steps.append((S.EN_TRAITEMENT, cursor, BACK_NOTE, "", ""))
        low, high = behaviour.resolve_days
        ending = self._moments.at(first // DAY + rng.randint(low, high), cursor)
        if plan.resolve_not_before is not None and ending < plan.resolve_not_before:
            ending = self._moments.at(plan.resolve_not_before // DAY, max(plan.resolve_not_before, cursor))
            actions.append((K.PLAN_APUREMENT, ending))
            steps.append((S.RESOLU, ending, "Plan d'apurement signé avec le bailleur.", "", ""))
        elif rng.random() < 0.07:
            steps.append((S.CLOS_SANS_SUITE, ending, rng.choice(DROPPED_REASONS), "", ""))
        else:
            steps.append((S.RESOLU, ending, rng.choice(behaviour.outcomes), "", ""))
        for _ in range(pick(rng, EXTRA_ACTIONS)):
            moment = first + int(rng.random() * (ending - first))
            actions.append((pick(rng, action_mix), self._moments.at(moment // DAY, moment)))

    def _queue_history(
        self,
        household_id: int,
        plan: AlertPlan,
        kept: list[Step],
        actions: list[Action],
        recorder: int,
        contact_id: int | None,
    ) -> None:
        """Queue the steps and actions up to ``today``, numbered together in the order they happened."""
        received = plan.received
        first_action_at = next((moment for to, moment, *_ in kept if to is S.EN_TRAITEMENT), None)
        closed_at = plan.closed
        next_id = self._queue.next_id
        recorded: list[tuple[int, tuple[object, ...]]] = [
            (
                received,
                (
                    next_id("alert_step"),
                    plan.id,
                    self._moments.utc_text(received),
                    recorder,
                    None,
                    "NOUVEAU",
                    "",
                    "",
                    "",
                ),
            )
        ]
        previous = S.NOUVEAU
        for to, moment, note, level_code, target in kept:
            staff = self._teams.staff_on(household_id, moment // DAY, lead_share=0.5 if to is S.ESCALADE else 0.0)
            recorded.append(
                (
                    moment,
                    (
                        next_id("alert_step"),
                        plan.id,
                        self._moments.utc_text(moment),
                        staff,
                        previous.name,
                        to.name,
                        note,
                        level_code,
                        target,
                    ),
                )
            )
            previous = to
        actions_done: list[tuple[int, tuple[object, ...]]] = []
        if first_action_at is not None:
            self._queue_actions(household_id, plan, actions, first_action_at, closed_at, contact_id, actions_done)
        events = sorted(
            [(moment, 0, index) for index, (moment, _row) in enumerate(recorded)]
            + [(moment, 1, index) for index, (moment, _row) in enumerate(actions_done)]
        )
        for seq, (_moment, kind, index) in enumerate(events, start=1):
            if kind == 0:
                self._queue.rows["alert_step"].append((*recorded[index][1], seq))
            else:
                self._queue.rows["alert_action"].append((*actions_done[index][1], seq))

    def _queue_actions(
        self,
        household_id: int,
        plan: AlertPlan,
        actions: list[tuple[AlertActionKind, int]],
        first_action_at: int,
        closed_at: int | None,
        contact_id: int | None,
        done: list[tuple[int, tuple[object, ...]]],
    ) -> None:
        """The actions of an alert, from the first one to its closing (a mediation needs the landlord's contact)."""
        rng = self._rng
        next_id = self._queue.next_id
        limit = closed_at if closed_at is not None else self._moments.horizon
        landlord_contact = (
            contact_id
            if contact_id is not None
            else next((c for c, _role in self._ref.contacts.get(plan.stay.landlord_id, [])), None)
        )
        can_mediate = landlord_contact is not None and household_id in self._teams.first_member
        for drawn, moment in sorted(actions, key=lambda item: item[1]):
            # Without anybody of the landlord's in the directory, nobody sits at a mediation table: a visit instead.
            kind = K.VISITE if drawn is K.MEDIATION and not can_mediate else drawn
            if first_action_at <= moment <= limit:
                action_id = next_id("alert_action")
                staff = self._teams.staff_on(household_id, moment // DAY, lead_share=0.0)
                done.append(
                    (
                        moment,
                        (
                            action_id,
                            plan.id,
                            kind.name,
                            self._moments.utc_text(moment),
                            rng.choice(ACTION_NOTES[kind]),
                            None,
                            staff,
                        ),
                    )
                )
                if kind is K.MEDIATION and landlord_contact is not None:
                    self._queue_mediation(household_id, plan, action_id, moment, staff, landlord_contact)

    def _queue_mediation(
        self, household_id: int, plan: AlertPlan, action_id: int, moment: int, staff: int, landlord_contact: int
    ) -> None:
        """The household, the landlord and the association around a table; sometimes a guest; a follow-up date."""
        rng = self._rng
        mediation_id = self._queue.next_id("alert_mediation")
        instalment = max(20, (plan.amount_cents or 60_000) // 100 // 12 // 10 * 10)
        agreement = rng.choice(MEDIATION_AGREEMENTS).format(amount=f"{instalment} €")
        follow_up = date.fromordinal(moment // DAY) + timedelta(days=rng.choice((21, 30, 30, 45, 60)))
        self._queue.rows["alert_mediation"].append((mediation_id, action_id, agreement, follow_up.isoformat()))
        people: list[tuple[str, int | None, int | None, int | None, str]] = [
            (Party.MENAGE.name, self._teams.first_member[household_id], None, None, ""),
            (Party.BAILLEUR.name, None, landlord_contact, None, ""),
            (Party.ASSOCIATION.name, None, None, staff, ""),
        ]
        if rng.random() < 0.25:
            people.append((Party.AUTRE.name, None, None, None, rng.choice(MEDIATION_GUESTS)))
        rows = self._queue.rows["mediation_participant"]
        for order, person in enumerate(people):
            rows.append((self._queue.next_id("mediation_participant"), mediation_id, *person, order))

    def _acknowledgement(self, received: int, due: int, days: int) -> int:
        """Mostly on time (the same day or by the deadline), sometimes a few days late, rarely weeks late."""
        rng = self._rng
        draw = rng.random()
        if draw < 0.80:
            offset = 0 if rng.random() < 0.5 else rng.randint(1, max(days, 1))
        elif draw < 0.94:
            offset = days + rng.randint(1, 4)
        else:
            offset = days + rng.randint(5, 25)
        day = self._moments.working_days_after(received // DAY, offset) if offset else received // DAY
        return self._moments.at(day, received)

    def _first_action(self, acknowledged: int, due: int) -> int:
        rng = self._rng
        draw = rng.random()
        start = acknowledged // DAY
        if draw < 0.75 and due >= start:
            day = start + rng.randint(0, due - start)
        elif draw < 0.92:
            day = self._moments.working_days_after(max(due, start), rng.randint(1, 5))
        else:
            day = self._moments.working_days_after(max(due, start), rng.randint(6, 30))
        return self._moments.at(day, acknowledged)

    def _contact_for(self, code: str, contacts: list[tuple[int, str]]) -> int | None:
        if not contacts:
            return None
        for role in ROUTING.get(code, ("gestion_locative", "cesf")):
            for contact_id, contact_role in contacts:
                if contact_role == role:
                    return contact_id
        return contacts[0][0]
