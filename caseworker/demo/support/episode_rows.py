"""The rows of the episodes a demo household was given: transitions, periods, objectives, reviews, the exit.

Turns the plans of :mod:`caseworker.demo.support.episodes` and :mod:`caseworker.demo.support.team` into rows
of the support tables, drawing what a caseworker would have written (reasons, notes, the household's own words)
and who recorded each step; the rows wait in :class:`caseworker.demo.support.writer.SupportRows`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from caseworker.demo.batch import Row
from caseworker.demo.draws import at_work_hours, day_between, weighted
from caseworker.demo.reference import CodeMap
from caseworker.demo.support.plans import EpisodePlan, HouseholdFacts, Spell
from caseworker.demo.support.reference import SupportReference
from caseworker.demo.support.tables import (
    DECIDED_WHERE,
    EXIT_MET,
    EXITS,
    EXTENSION_DECIDED_WHERE,
    EXTENSION_JUSTIFICATIONS,
    FIRST_LEVEL_DECIDED_WHERE,
    HANDOVER_NOTES,
    HANDOVER_SERVICES,
    LEVEL_ORDER,
    LEVEL_REASONS,
    NARRATIVES,
    OBJECTIVE_OWNERS,
    OBJECTIVE_STATUS_ENDED,
    OBJECTIVE_STATUS_RUNNING,
    OBJECTIVES,
    REFERRAL_NOTES,
    RESUME_REASON,
    REVIEW_NOTES,
    SPELL_END_REASON,
    SUSPEND_REASON,
    SUSPENSION_NOTES,
    TRANSITION_REASONS,
    WAIVED_EXITS,
    WAIVERS,
)
from caseworker.demo.support.writer import SupportRows
from caseworker.domain import EpisodeStatus, ObjectivesMet, ObjectiveStatus
from caseworker.services.support.durations import milestones, planned_end

S = EpisodeStatus


class EpisodeRows:
    """Queues the rows of each stretch of support: episodes, transitions, team, periods and what hangs on them."""

    def __init__(
        self,
        rng: random.Random,
        today: date,
        *,
        reference: SupportReference,
        occupancy_status: CodeMap,
        rows: SupportRows,
    ) -> None:
        self._rng = rng
        self._today = today
        self._ref = reference
        self._occupancy_status = occupancy_status
        self._ids = rows.ids
        self._rows = rows.rows

    def queue_episode(
        self, household: HouseholdFacts, spell: Spell, episode: EpisodePlan, previous_id: int | None
    ) -> None:
        """Queue the episode and its transitions."""
        rng = self._rng
        ids = self._ids
        ref = self._ref
        episode.id = ids.next("episode")
        lead = rng.choice(ref.team_leads).id

        self._rows["episode"].append(
            {
                "id": episode.id,
                "household_id": household.id,
                "measure_id": episode.measure.id,
                "status": episode.status,
                "funders": episode.measure.funders,
                "referral_source_id": household.referral_source_id,
                "referral_note": rng.choice(REFERRAL_NOTES),
                "orientation_date": episode.orientation,
                "start_date": episode.start,
                "end_date": episode.end if episode.end is not None else self._no_follow_up_end(episode),
                "no_follow_up_reason_id": ref.no_follow_up_reason[episode.no_follow_up]
                if episode.no_follow_up
                else None,
                "previous_episode_id": previous_id,
                "created_at": at_work_hours(rng, episode.orientation),
            }
        )
        self._queue_transitions(spell, episode, lead)

    def _queue_transitions(self, spell: Spell, episode: EpisodePlan, lead: int) -> None:
        """Queue the dated steps of an episode.

        A team lead records the referral and admission steps; the coordinator in charge on the day records the
        start, the suspensions, the resumptions and the exit.
        """
        rng = self._rng
        ids = self._ids

        def coordinator(day: date) -> int:
            return spell.coordinator_on(day).id if spell.coordinators else lead

        transitions = self._rows["episode_transition"]

        def transition(before: EpisodeStatus | None, after: EpisodeStatus, day: date, reason: str, by: int) -> None:
            transitions.append(
                {
                    "id": ids.next("episode_transition"),
                    "episode_id": episode.id,
                    "from_status": before,
                    "to_status": after,
                    "effective_date": day,
                    "staff_member_id": by,
                    "reason": reason,
                    "recorded_at": at_work_hours(rng, day),
                }
            )

        transition(
            None, S.ORIENTATION_RECUE, episode.orientation, rng.choice(TRANSITION_REASONS[S.ORIENTATION_RECUE]), lead
        )
        status = S.ORIENTATION_RECUE
        for after, day in episode.steps:
            by = coordinator(day) if after is S.ACTIF else lead
            transition(status, after, day, rng.choice(TRANSITION_REASONS[after]), by)
            status = after
        for suspension in episode.suspensions:
            transition(status, S.SUSPENDU, suspension.start, SUSPEND_REASON, coordinator(suspension.start))
            status = S.SUSPENDU
            if suspension.end is not None and (episode.end is None or suspension.end < episode.end):
                resumed = suspension.end + timedelta(days=1)
                transition(status, S.ACTIF, resumed, RESUME_REASON, coordinator(resumed))
                status = S.ACTIF
        if episode.status is S.CLOTURE:
            assert episode.end is not None
            reason = rng.choice(TRANSITION_REASONS[S.CLOTURE])
            transition(status, S.CLOTURE, episode.end, reason, coordinator(episode.end))

    def _no_follow_up_end(self, episode: EpisodePlan) -> date | None:
        """A referral closed without support ends on the day it was closed."""
        return episode.steps[-1][1] if episode.status is S.SANS_SUITE else None

    def queue_team(self, household_id: int, spell: Spell) -> None:
        """Queue the team memberships of a stretch of support (a member who left says why)."""
        rng = self._rng
        rows = self._rows["team_membership"]
        team_role = self._ref.team_role
        for member in spell.members:
            rows.append(
                {
                    "id": self._ids.next("team_membership"),
                    "household_id": household_id,
                    "staff_member_id": member.staff.id if member.staff is not None else None,
                    "partner_contact_id": member.partner_contact_id,
                    "role_id": team_role[member.role],
                    "is_coordinator": member.coordinator,
                    "start_date": member.start,
                    "end_date": member.end,
                    "end_reason": member.end_reason or (SPELL_END_REASON if member.end is not None else ""),
                    "created_at": at_work_hours(rng, member.start),
                }
            )

    def queue_children(self, spell: Spell, household: HouseholdFacts) -> None:
        """Intensity periods, suspensions, extensions, objectives, reviews and the exit record."""
        for episode in (spell.main, spell.companion):
            if episode is None or episode.start is None:
                continue
            self._queue_periods(episode)
            self._queue_objectives_and_reviews(episode, spell)
            if episode.status is S.CLOTURE:
                self._queue_exit(episode, household)

    def _queue_periods(self, episode: EpisodePlan) -> None:
        rng = self._rng
        ids = self._ids
        ref = self._ref
        levels = episode.levels
        for index, (code, first_day) in enumerate(levels):
            if index + 1 < len(levels):
                last_day: date | None = levels[index + 1][1] - timedelta(days=1)
            else:
                last_day = episode.end
            if index == 0:
                reason, where = rng.choice(LEVEL_REASONS["first"]), FIRST_LEVEL_DECIDED_WHERE
            else:
                before = LEVEL_ORDER.index(levels[index - 1][0])
                reason = rng.choice(LEVEL_REASONS["down" if LEVEL_ORDER.index(code) > before else "up"])
                where = rng.choice(DECIDED_WHERE)
            self._rows["intensity_period"].append(
                {
                    "id": ids.next("intensity_period"),
                    "episode_id": episode.id,
                    "level_id": episode.measure.levels[code],
                    "start_date": first_day,
                    "end_date": last_day,
                    "reason": reason,
                    "decided_where": where,
                }
            )
        for suspension in episode.suspensions:
            self._rows["suspension"].append(
                {
                    "id": ids.next("suspension"),
                    "episode_id": episode.id,
                    "reason_id": ref.suspension_reason[suspension.reason],
                    "start_date": suspension.start,
                    "end_date": suspension.end,
                    "review_date": suspension.review,
                    "note": SUSPENSION_NOTES.get(suspension.reason, ""),
                }
            )
        for decided, months in episode.extensions:
            approver = rng.choice(ref.team_leads)
            self._rows["extension"].append(
                {
                    "id": ids.next("extension"),
                    "episode_id": episode.id,
                    "decided_on": decided,
                    "months": months,
                    "justification": rng.choice(EXTENSION_JUSTIFICATIONS),
                    "approver_id": approver.id,
                    "decided_where": rng.choice(EXTENSION_DECIDED_WHERE),
                    "created_at": at_work_hours(rng, decided),
                }
            )

    def _queue_objectives_and_reviews(self, episode: EpisodePlan, spell: Spell) -> None:
        rng = self._rng
        ids = self._ids
        assert episode.start is not None
        last = min(episode.end or self._today, self._today)
        count = rng.randint(1, 4) if episode is spell.main else rng.randint(1, 2)
        themes = rng.sample(list(OBJECTIVES), count)
        weights = OBJECTIVE_STATUS_ENDED if episode.end is not None else OBJECTIVE_STATUS_RUNNING
        for theme in themes:
            set_on = min(episode.start + timedelta(days=rng.randint(0, 45)), last)
            status = weighted(rng, weights)
            reviewed = None
            if (last - set_on).days > 60 and rng.random() < 0.6:
                reviewed = day_between(rng, set_on + timedelta(days=30), last)
            next_review = None
            if status is ObjectiveStatus.EN_COURS:
                next_review = (reviewed or set_on) + relativedelta(months=rng.randint(3, 6))
            self._rows["objective"].append(
                {
                    "id": ids.next("objective"),
                    "episode_id": episode.id,
                    "text": rng.choice(OBJECTIVES[theme]),
                    "theme_id": self._ref.topic[theme],
                    "owner": weighted(rng, OBJECTIVE_OWNERS),
                    "status": status,
                    "set_on": set_on,
                    "next_review_on": next_review,
                    "last_reviewed_on": reviewed,
                    "created_at": at_work_hours(rng, set_on),
                }
            )
        measure = episode.measure
        horizon = min(episode.end or self._today, self._today)
        if episode.end is not None:
            planned: date | None = episode.end
        else:
            planned = planned_end(episode.start, measure.rule, [months for _, months in episode.extensions])
        for milestone in milestones(
            episode.start,
            planned,
            start_months=measure.review_start_months,
            end_months=measure.review_end_months,
            every_months=measure.review_every_months,
            horizon=horizon,
        ):
            if milestone.due_on > horizon or rng.random() > 0.75:
                continue
            held = milestone.due_on + timedelta(days=rng.randint(-7, 21))
            held = min(max(held, episode.start), horizon)
            self._rows["episode_review"].append(
                {
                    "id": ids.next("episode_review"),
                    "episode_id": episode.id,
                    "kind": milestone.kind,
                    "due_on": milestone.due_on,
                    "held_on": held,
                    "note": rng.choice(REVIEW_NOTES),
                    "staff_member_id": spell.coordinator_on(held).id if spell.coordinators else None,
                }
            )

    def _queue_exit(self, episode: EpisodePlan, household: HouseholdFacts) -> None:
        rng = self._rng
        ref = self._ref
        assert episode.end is not None and episode.start is not None and episode.exit_reason is not None
        reason = episode.exit_reason
        destinations = next(item[2] for item in EXITS if item[0] == reason)
        destination = rng.choice(destinations)
        row: Row = {
            "id": self._ids.next("exit_record"),
            "episode_id": episode.id,
            "reason_id": ref.exit_reason[reason],
            "destination_status_id": self._occupancy_status[destination] if destination else None,
            "objectives_met": EXIT_MET.get(reason, rng.choice((ObjectivesMet.PARTIELLEMENT, ObjectivesMet.NON))),
            "narrative": rng.choice(NARRATIVES),
            "handover_services": "",
            "handover_contact_id": None,
            "handover_contact_name": "",
            "handover_date": None,
            "handover_note": "",
            "handover_waiver_reason": "",
        }
        if reason in WAIVED_EXITS or not ref.handover_contacts or rng.random() < 0.15:
            row["handover_waiver_reason"] = WAIVERS.get(reason, "Le ménage ne souhaite pas de relais.")
        else:
            kind, contact_id = rng.choice(ref.handover_contacts)
            row["handover_services"] = HANDOVER_SERVICES[kind]
            row["handover_contact_id"] = contact_id
            row["handover_date"] = max(episode.end - timedelta(days=rng.randint(0, 20)), episode.start)
            row["handover_note"] = rng.choice(HANDOVER_NOTES)
        self._rows["exit_record"].append(row)
