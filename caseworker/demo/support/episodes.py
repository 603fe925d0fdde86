"""Episode timelines of demo households: which measure, which status today, and the dated path to it.

For each household a main episode (walked through the state machine of docs/domain.md §3.1), sometimes an
earlier closed one (the household came back) and a concurrent one (ASLL beside an IML sub-lease); for each
episode that started, its suspensions, intensity levels and the extensions its measure's duration policy allows.
Pure invention: nothing here reads or writes the store.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from caseworker.demo.draws import cumulative, day_between, weighted
from caseworker.demo.support.plans import EpisodePlan, HouseholdFacts, SuspensionPlan
from caseworker.demo.support.reference import MeasureInfo
from caseworker.demo.support.tables import (
    COMPANION,
    COMPANION_DEFAULT,
    DAYS_PER_MONTH,
    EXIT_SUSPENSION,
    EXITS,
    FIRST_LEVEL,
    LEVEL_DAYS,
    LEVEL_DAYS_HOUSING_FIRST,
    MEASURE_BOOST,
    MEASURE_WEIGHTS,
    NEXT_LEVEL,
    NEXT_LEVEL_HOUSING_FIRST,
    NO_FOLLOW_UP,
    OPEN_SUSPENSION_REVIEWS,
    STATUS_MIX,
    SUSPENSIONS,
    WAITING,
)
from caseworker.domain import DurationPolicy, EpisodeStatus
from caseworker.services.support.durations import planned_end

S = EpisodeStatus


class EpisodePlanner:
    """Invents the episodes of a household, their suspensions, intensity levels and extensions."""

    def __init__(self, rng: random.Random, today: date, measures: dict[str, MeasureInfo]) -> None:
        self._rng = rng
        self._today = today
        self._yesterday = today - timedelta(days=1)
        self._measures = measures
        self._status_mix = cumulative(STATUS_MIX)

    def measure(self, household: HouseholdFacts) -> MeasureInfo:
        """Draw a measure, weighted by the household's situation before entry, its housing and how long it is known."""
        rng = self._rng
        measures = self._measures
        boosts = [MEASURE_BOOST.get(household.situation, {}), MEASURE_BOOST.get(household.housing, {})]
        known_for = (self._today - household.entry).days
        # Un chez-soi d'abord follows people for years: mostly households known for a long time.
        boosts.append({"chez_soi_dabord": 1.4 if known_for > 3 * 365 else 0.4 if known_for < 365 else 1.0})
        codes = list(measures)
        weights = []
        for code in codes:
            weight = float(MEASURE_WEIGHTS[code])
            for boost in boosts:
                weight *= boost.get(code, 1.0)
            weights.append(weight)
        return measures[rng.choices(codes, weights=weights)[0]]

    def _draw_status(self, room: int) -> EpisodeStatus:
        statuses, totals = self._status_mix
        status: EpisodeStatus = self._rng.choices(statuses, cum_weights=totals)[0]
        if status is S.CLOTURE and room < 150:
            return S.ACTIF
        if status is S.SANS_SUITE and room < 30:
            return S.ORIENTATION_RECUE
        return status

    def main_episode(self, household: HouseholdFacts, measure: MeasureInfo) -> EpisodePlan:
        """The household's current episode: a status drawn from the mix, and dates that fit its history."""
        rng = self._rng
        today = self._today
        room = (today - household.entry).days
        status = self._draw_status(room)
        if status in WAITING:
            orientation = max(household.entry, today - timedelta(days=rng.randint(1, 120)))
            episode = EpisodePlan(measure, status, orientation)
            episode.steps = self._waiting_steps(orientation, self._yesterday, status)
            return episode
        if status is S.SANS_SUITE:
            orientation = day_between(rng, household.entry, today - timedelta(days=20))
            decided = min(orientation + timedelta(days=rng.randint(10, 120)), self._yesterday)
            episode = EpisodePlan(measure, status, orientation, no_follow_up=weighted(rng, NO_FOLLOW_UP))
            target = rng.choice((S.ORIENTATION_RECUE, S.EN_ATTENTE))
            episode.steps = [*self._waiting_steps(orientation, decided - timedelta(days=1), target), (status, decided)]
            return episode
        wait = rng.randint(7, 90)
        if status is S.CLOTURE:
            length = self._closed_days(measure)
            latest_end = today - timedelta(days=1)
            earliest_end = household.entry + timedelta(days=wait + length)
            if earliest_end > latest_end:
                length = max((latest_end - household.entry).days - wait, 60)
                earliest_end = latest_end
            end = day_between(rng, earliest_end, latest_end)
            start = end - timedelta(days=length)
            orientation = max(household.entry, start - timedelta(days=wait))
            start = max(start, orientation + timedelta(days=1))
            return self._activated(measure, S.CLOTURE, orientation, start, end)
        elapsed = self._running_days(measure)
        if status is S.SUSPENDU:
            elapsed = max(elapsed, 45)
        start = today - timedelta(days=elapsed)
        orientation = start - timedelta(days=wait)
        if orientation < household.entry:
            orientation = household.entry
            start = max(start, orientation + timedelta(days=min(wait, max(room - 2, 0))))
        start = min(start, self._yesterday)
        if status is S.SUSPENDU and (today - start).days < 30:
            status = S.ACTIF
        return self._activated(measure, status, orientation, start, None)

    def earlier_episode(self, household: HouseholdFacts, before: date) -> EpisodePlan | None:
        """An episode closed some months before the current one was referred (the household came back)."""
        rng = self._rng
        end = before - timedelta(days=rng.randint(60, 400))
        room = (end - household.entry).days
        if room < 150:
            return None
        measure = self.measure(household)
        length = min(self._closed_days(measure), room - 30)
        start = end - timedelta(days=length)
        orientation = max(household.entry, start - timedelta(days=rng.randint(7, 60)))
        return self._activated(measure, S.CLOTURE, orientation, start, end)

    def companion(self, main: EpisodePlan) -> EpisodePlan | None:
        """A second episode running beside the main one (e.g. ASLL beside an IML sub-lease)."""
        rng = self._rng
        assert main.start is not None
        code = COMPANION.get(main.measure.code, COMPANION_DEFAULT)
        measure = self._measures.get(code)
        if measure is None or main.measure.code in (code, "chez_soi_dabord"):
            return None
        last = main.end or self._yesterday
        if (last - main.start).days < 45:
            return None
        start = main.start + timedelta(days=rng.randint(0, min(90, (last - main.start).days - 40)))
        orientation = max(main.orientation, start - timedelta(days=rng.randint(0, 30)))
        limit = measure.running_days()
        if main.end is not None or rng.random() < 0.25:
            end_latest = min(last, start + timedelta(days=limit))
            if (end_latest - start).days < 40:
                return None
            end = day_between(rng, start + timedelta(days=min(60, (end_latest - start).days)), end_latest)
            return self._activated(measure, S.CLOTURE, orientation, start, end, first_level="soutenu", quiet=True)
        if (self._today - start).days > limit:
            start = self._today - timedelta(days=limit)
            orientation = min(orientation, start)
        return self._activated(measure, S.ACTIF, orientation, start, None, first_level="soutenu", quiet=True)

    def _activated(
        self,
        measure: MeasureInfo,
        status: EpisodeStatus,
        orientation: date,
        start: date,
        end: date | None,
        *,
        first_level: str | None = None,
        quiet: bool = False,
    ) -> EpisodePlan:
        """An episode that started: path to ``actif``, suspensions, intensity periods and extensions."""
        rng = self._rng
        episode = EpisodePlan(measure, status, orientation, start=start, end=end)
        route = rng.random()
        target = S.ORIENTATION_RECUE if route < 0.3 else S.ACCORD_DE_PRINCIPE
        episode.steps = [*self._waiting_steps(orientation, start - timedelta(days=1), target), (S.ACTIF, start)]
        if status is S.CLOTURE:
            episode.exit_reason = _weighted_exit(rng)
        if not quiet:
            episode.suspensions = self._suspensions(episode)
        episode.levels = self._levels(episode, first_level)
        episode.extensions = self._extensions(episode)
        return episode

    def _waiting_steps(self, orientation: date, last: date, target: EpisodeStatus) -> list[tuple[EpisodeStatus, date]]:
        """Steps from ``orientation_recue`` to ``target`` (itself included, unless it is the first state)."""
        rng = self._rng
        if target is S.ORIENTATION_RECUE:
            return []
        path = [S.EN_ATTENTE] if target is S.EN_ATTENTE else [S.EN_ATTENTE, target]
        if target is S.ACCORD_DE_PRINCIPE and rng.random() < 0.5:
            path = [target]
        span = max((last - orientation).days, 0)
        days = sorted(rng.randint(min(1, span), span) for _ in path)
        return [(status, orientation + timedelta(days=day)) for status, day in zip(path, days, strict=True)]

    def _running_days(self, measure: MeasureInfo) -> int:
        rng = self._rng
        if measure.rule.policy is DurationPolicy.OPEN_ENDED:
            months = rng.uniform(0.2, 24) if rng.random() < 0.3 else rng.uniform(30, 60)
            return max(int(months * DAYS_PER_MONTH), 1)
        return rng.randint(1, measure.running_days())

    def _closed_days(self, measure: MeasureInfo) -> int:
        rng = self._rng
        if measure.rule.policy is DurationPolicy.OPEN_ENDED:
            return int(rng.uniform(6, 48) * DAYS_PER_MONTH)
        longest = measure.running_days()
        return rng.randint(min(60, longest), longest)

    # ------------------------------------------------------------------------------ episode timeline

    def _suspensions(self, episode: EpisodePlan) -> list[SuspensionPlan]:
        rng = self._rng
        assert episode.start is not None
        last = episode.end or self._yesterday
        found: list[SuspensionPlan] = []
        tail: SuspensionPlan | None = None
        if episode.status is S.SUSPENDU:
            begun = max(self._today - timedelta(days=1 + int(85 * rng.random() ** 1.6)), episode.start + timedelta(1))
            reason = _weighted_suspension(rng)[0]
            review = begun + rng.choice(OPEN_SUSPENSION_REVIEWS)
            tail = SuspensionPlan(begun, None, reason, review)
        elif episode.status is S.CLOTURE and episode.exit_reason in EXIT_SUSPENSION and rng.random() < 0.6:
            assert episode.end is not None
            reason = EXIT_SUSPENSION[episode.exit_reason]
            begun = episode.end - timedelta(days=rng.randint(14, 120))
            if begun > episode.start + timedelta(days=20):
                tail = SuspensionPlan(begun, episode.end, reason, begun + relativedelta(months=1))
        count = rng.choices((0, 1, 2), weights=(70, 22, 8))[0]
        if tail is not None and tail.end is None:
            count = 1 if rng.random() < 0.2 else 0
        cursor = episode.start + timedelta(days=30)
        limit = (tail.start if tail is not None else last) - timedelta(days=20)
        for index in range(count):
            reason, shortest, longest = _weighted_suspension(rng)
            length = rng.randint(shortest, longest)
            latest = limit - timedelta(days=length)
            if latest < cursor:
                break
            begun = cursor + timedelta(days=rng.randint(0, (latest - cursor).days // (count - index)))
            ended = begun + timedelta(days=length - 1)
            found.append(SuspensionPlan(begun, ended, reason, begun + relativedelta(months=1)))
            cursor = ended + timedelta(days=21)
        if tail is not None:
            found.append(tail)
        return found

    def _levels(self, episode: EpisodePlan, first: str | None) -> list[tuple[str, date]]:
        """Intensity levels from the start; a change never falls inside a suspension (it waits for the resumption)."""
        rng = self._rng
        assert episode.start is not None
        housing_first = episode.measure.code == "chez_soi_dabord"
        lengths = LEVEL_DAYS_HOUSING_FIRST if housing_first else LEVEL_DAYS
        following = NEXT_LEVEL_HOUSING_FIRST if housing_first else NEXT_LEVEL
        last = episode.end or self._today
        code = first or weighted(rng, FIRST_LEVEL)
        day = episode.start
        levels = [(code, day)]
        while True:
            change: date | None = day + timedelta(days=rng.randint(*lengths[code]))
            for suspension in episode.suspensions:
                if (
                    change is not None
                    and suspension.start <= change
                    and (suspension.end is None or change <= suspension.end)
                ):
                    change = None if suspension.end is None else suspension.end + timedelta(days=1)
            if change is None or change >= last:
                return levels
            code = weighted(rng, following[code])
            levels.append((code, change))
            day = change

    def _extensions(self, episode: EpisodePlan) -> list[tuple[date, int]]:
        """Extensions the policy allows, decided before the planned end when the episode outlasted it."""
        rng = self._rng
        measure = episode.measure
        assert episode.start is not None
        if measure.rule.policy in (DurationPolicy.FIXED, DurationPolicy.OPEN_ENDED) or not measure.rule.months:
            return []
        limit = measure.max_extensions if measure.max_extensions is not None else 4
        horizon = episode.end or self._today
        suspended = sum(((min(item.end or horizon, horizon) - item.start).days + 1) for item in episode.suspensions)
        step = measure.extension_months()
        found: list[tuple[date, int]] = []
        while len(found) < limit:
            planned = planned_end(episode.start, measure.rule, [months for _, months in found], suspended)
            assert planned is not None
            needed = planned < horizon
            ahead = episode.end is None and (planned - self._today).days <= 30 and rng.random() < 0.5
            if not (needed or ahead):
                break
            decided = planned - timedelta(days=rng.randint(3, 35))
            decided = min(max(decided, episode.start + timedelta(days=1)), self._today)
            if found and decided <= found[-1][0]:
                decided = min(found[-1][0] + timedelta(days=1), self._today)
            found.append((decided, step))
        return found


def _weighted_exit(rng: random.Random) -> str:
    return str(rng.choices([item[0] for item in EXITS], weights=[item[1] for item in EXITS])[0])


def _weighted_suspension(rng: random.Random) -> tuple[str, int, int]:
    reason, _weight, shortest, longest = rng.choices(SUSPENSIONS, weights=[item[1] for item in SUSPENSIONS])[0]
    return reason, shortest, longest
